/* fuzz_records.c - libFuzzer target: arbitrary bytes as a record stream
 * through skr_records_read(), the writer and (when FUZZ_WITH_EMIT) the emit
 * stage: checks, XML build + validation, CSV.  Every XML document must
 * validate: the emitter builds only what the schema allows, so an invalid
 * one aborts (a finding).  Not a schema test. */
#include <skrapa/diag.h>
#include <skrapa/records.h>
#ifdef FUZZ_WITH_EMIT
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/vocab.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	skr_diag_set_program("fuzz_records");
	skr_diag_set_quiet(1);
	devnull = fopen("/dev/null", "w");
#ifdef FUZZ_WITH_EMIT
	setenv("SKRAPA_SCHEMA", FUZZ_SCHEMA, 0);
	skr_vocab_set_dir(FUZZ_RULES_DIR);      /* the families' vocabularies */
	skr_emit_set_validate(1);
#endif
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	skr_records *r = NULL;

	if (skr_records_read(&r, (const char *)data, size, "fuzz.records",
			     100000) == 0) {
		skr_records_write(r, devnull);
#ifdef FUZZ_WITH_EMIT
		g_ptr_array_unref(skr_emit_checks(r, "fuzz", 1));
		if (skr_emit_xml(r, devnull, "fuzz") == SKR_EX_INVALID_XML)
			abort();
		skr_emit_csv(r, devnull, "fuzz", 1);
		skr_emit_scores_csv(r, devnull, "fuzz", 1);
		skr_emit_json(r, devnull, "fuzz");
#endif
	}
	skr_records_free(r);
	return 0;
}
