/* fuzz_rules.c - libFuzzer target: arbitrary bytes as a rule file through
 * skr_rules_load_file(); a rule file that loads is then run over a fixed
 * layout (FUZZ_LAYOUT) with skr_parse().  Not a layout-reader test. */
#include "harness.h"

#include <skrapa/diag.h>
#include <skrapa/outfile.h>
#include <skrapa/parse.h>

#include <stdlib.h>
#include <unistd.h>

static skr_layout *sample;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *lp = getenv("SKRAPA_FUZZ_LAYOUT");
	char *buf = NULL;
	size_t len = 0;

	(void)argc;
	(void)argv;
	fuzz_start("fuzz_rules", 0);
	if (skr_read_file(lp ? lp : FUZZ_LAYOUT, 1 << 24, &buf, &len) ||
	    skr_layout_read(&sample, buf, len, "sample", 1000000))
		abort();
	g_free(buf);
	snprintf(path, sizeof path, "/tmp/fuzz_rules.%d.rules", (int)getpid());
	skr_diag_set_quiet(1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	skr_ruleset *rs = skr_ruleset_new();
	skr_records *r = NULL;
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	if (skr_rules_load_file(rs, path) == 0 && skr_ruleset_size(rs) > 0)
		skr_parse(rs, sample, NULL, &r);
	skr_records_free(r);
	skr_ruleset_free(rs);
	unlink(path);
	return 0;
}
