/* fuzz_layout.c - libFuzzer target: arbitrary bytes as layout text through
 * skr_layout_read(), the writer, and (when FUZZ_WITH_PARSE is defined) the
 * parse stage with the default rules of parse/rules/.  Not a rules test. */
#include <skrapa/diag.h>
#include <skrapa/layout.h>
#ifdef FUZZ_WITH_PARSE
#include <skrapa/parse.h>
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;
#ifdef FUZZ_WITH_PARSE
static skr_ruleset *rules;
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	skr_diag_set_program("fuzz_layout");
	devnull = fopen("/dev/null", "w");
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	skr_layout *l = NULL;

	if (skr_layout_read(&l, (const char *)data, size, "fuzz.layout",
			    100000) == 0) {
		skr_layout_write(l, devnull);
#ifdef FUZZ_WITH_PARSE
		skr_records *r = NULL;
		if (skr_parse(rules, l, NULL, &r) == 0)
			skr_records_write(r, devnull);
		skr_records_free(r);
#endif
	}
	skr_layout_free(l);
	return 0;
}
