/* fuzz_records.c - libFuzzer target: arbitrary bytes as a record stream
 * through skr_records_read(), the writer and (when FUZZ_WITH_EMIT) the emit
 * stage: checks, XML build + validation, CSV.  Every XML document must
 * validate: the emitter builds only what the schema allows, so an invalid
 * one aborts (a finding).  Not a schema test. */
#include "harness.h"

#include <skrapa/records.h>
#ifdef FUZZ_WITH_EMIT
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/vocab.h>
#endif

#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_start("fuzz_records", 1);
#ifdef FUZZ_WITH_EMIT
	setenv("SKRAPA_SCHEMA", FUZZ_SCHEMA, 0);
	skr_vocab_set_dir(FUZZ_RULES_DIR);      /* the families' vocabularies */
	skr_emit_set_validate(1);
#endif
	return 0;
}

/* The emit stage over R, when built with it: an invalid XML document
 * aborts. */
static void then_emit(const skr_records *r)
{
#ifdef FUZZ_WITH_EMIT
	g_ptr_array_unref(skr_emit_checks(r, "fuzz", 1));
	if (skr_emit_xml(r, fuzz_devnull, "fuzz") == SKR_EX_INVALID_XML)
		abort();
	skr_emit_csv(r, fuzz_devnull, "fuzz", 1);
	skr_emit_scores_csv(r, fuzz_devnull, "fuzz", 1);
	skr_emit_json(r, fuzz_devnull, "fuzz");
#else
	(void)r;
#endif
}

FUZZ_ROUND_TRIP(skr_records, skr_records_read, skr_records_write, then_emit, skr_records_free,
		"fuzz.records")
