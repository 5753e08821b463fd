/* fuzz_layout.c - libFuzzer target: arbitrary bytes as layout text through
 * skr_layout_read(), the writer, and (when FUZZ_WITH_PARSE is defined) the
 * parse stage with the default rules of parse/rules/.  Not a rules test. */
#include "harness.h"

#include <skrapa/diag.h>
#include <skrapa/layout.h>
#ifdef FUZZ_WITH_PARSE
#include <skrapa/parse.h>
#endif

#include <stdlib.h>

#ifdef FUZZ_WITH_PARSE
static skr_ruleset *rules;
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_start("fuzz_layout", 0);
#ifdef FUZZ_WITH_PARSE
	{
		const char *dir = getenv("SKRAPA_RULES_DIR");
		if (skr_rules_load_dir(&rules, dir ? dir : FUZZ_RULES_DIR))
			abort();
	}
#endif
	skr_diag_set_quiet(1);
	return 0;
}

/* The parse stage over L, when built with it. */
static void then_parse(const skr_layout *l)
{
#ifdef FUZZ_WITH_PARSE
	skr_records *r = NULL;

	if (skr_parse(rules, l, NULL, &r) == 0)
		skr_records_write(r, fuzz_devnull);
	skr_records_free(r);
#else
	(void)l;
#endif
}

FUZZ_ROUND_TRIP(skr_layout, skr_layout_read, skr_layout_write, then_parse, skr_layout_free,
		"fuzz.layout")
