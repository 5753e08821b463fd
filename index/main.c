/* main.c - skrapa-index: the two steps of `make ingest` that are not
 * conversions (scan an archive; aggregate the results).  Only option
 * parsing; the work is in index/ (include/skrapa/index.h). */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/index.h>

#include <libxml/parser.h>
#include <string.h>

static gboolean opt_quiet = FALSE;
static gboolean opt_version = FALSE;
static int opt_todo = 0;

static GOptionEntry entries[] = {
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
	  "no summary line", NULL },
	{ "todo", 0, 0, G_OPTION_ARG_INT, &opt_todo,
	  "convert: number of conversions in this run (for progress)", "N" },
	{ "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
	  "print the version", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = g_option_context_new("scan IN OUT | convert SKRAPA OUT STEM | build OUT");
	char *table = skr_exit_table();
	GError *err = NULL;
	int rc = 0;

	g_option_context_set_summary(ctx, "scan: find the PDFs under IN and "
		"prepare OUT for make (manifest.tsv, stem list, symlinks).\n"
		"convert: convert one PDF of OUT/manifest.tsv with SKRAPA "
		"(bin/skrapa) and record the outcome; exits 0 for a bad PDF.\n"
		"build: write OUT/index.xml, OUT/scores.csv and OUT/failures.tsv "
		"from the per-file results; exits 1 when some file failed.\n"
		"Both are run by `make ingest` (docs/ingest.md).");
	g_option_context_set_description(ctx, table);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &err))
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
	else if (!opt_version &&
		 !(*argc == 4 && strcmp((*argv)[1], "scan") == 0) &&
		 !(*argc == 5 && strcmp((*argv)[1], "convert") == 0) &&
		 !(*argc == 3 && strcmp((*argv)[1], "build") == 0))
		rc = skr_error(SKR_EX_USAGE, "usage: skrapa-index scan IN OUT | "
			       "convert SKRAPA OUT STEM | build OUT");
	g_clear_error(&err);
	g_free(table);
	g_option_context_free(ctx);
	return rc;
}

int main(int argc, char **argv)
{
	int rc;

	skr_diag_set_program("skrapa-index");
	if ((rc = parse_args(&argc, &argv)))
		return rc;
	if (opt_version) {
		printf("skrapa-index %s\n", SKRAPA_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "scan") == 0)
		rc = skr_index_scan(argv[2], argv[3]);
	else if (strcmp(argv[1], "convert") == 0)
		rc = skr_index_convert(argv[2], argv[3], argv[4],
				       opt_todo > 0 ? opt_todo : 0, opt_quiet);
	else
		rc = skr_index_build(argv[2], opt_quiet);
	xmlCleanupParser();
	return rc;
}
