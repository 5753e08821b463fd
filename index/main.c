/* main.c - skrapa-index: the steps of `make ingest` (scan an archive;
 * convert a chunk of it in process; aggregate the results).  Only option
 * parsing; the work is in index/ (include/skrapa/index.h). */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/index.h>

#include <libxml/parser.h>
#include <string.h>

#define USAGE "usage: skrapa-index scan IN OUT | convert OUT STEM... | " \
	"build OUT"

static gboolean opt_quiet = FALSE;
static gboolean opt_version = FALSE;
static int opt_todo = 0;
static int opt_chunks = 0;
static char *opt_stamp = NULL;

static GOptionEntry entries[] = {
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
	  "no summary line (build), no progress lines (convert)", NULL },
	{ "todo", 0, 0, G_OPTION_ARG_INT, &opt_todo,
	  "convert: number of conversions in this run (for progress)", "N" },
	{ "stamp", 0, 0, G_OPTION_ARG_FILENAME, &opt_stamp,
	  "convert: file to write when every STEM is done", "FILE" },
	{ "chunks", 0, 0, G_OPTION_ARG_INT, &opt_chunks,
	  "scan: split the stems into N chunks (default: automatic)", "N" },
	{ "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
	  "print the version", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = g_option_context_new("scan IN OUT | convert OUT "
						   "STEM... | build OUT");
	char *table = skr_exit_table();
	GError *err = NULL;
	int rc = 0;

	g_option_context_set_summary(ctx, "scan: find the PDFs under IN and "
		"prepare OUT for make (manifest.tsv, chunked stem list, "
		"symlinks).\n"
		"convert: convert the PDFs of OUT/manifest.tsv named by the "
		"STEMs that are not up to date, in process, and record each "
		"outcome; exits 0 for bad PDFs.\n"
		"build: write OUT/index.xml, index.html, scores.csv, values.csv, "
		"reports.jsonl and failures.tsv from the per-file results; exits "
		"1 when some file failed.\n"
		"All are run by `make ingest` (docs/ingest.md).");
	g_option_context_set_description(ctx, table);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &err))
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
	else if (!opt_version &&
		 (opt_todo < 0 || opt_chunks < 0 ||
		  !((*argc == 4 && strcmp((*argv)[1], "scan") == 0) ||
		    (*argc >= 3 && strcmp((*argv)[1], "convert") == 0) ||
		    (*argc == 3 && strcmp((*argv)[1], "build") == 0))))
		rc = skr_error(SKR_EX_USAGE, USAGE);
	g_clear_error(&err);
	g_free(table);
	g_option_context_free(ctx);
	return rc;
}

static int convert(int argc, char **argv)
{
	skr_index_convert_opts o = { .todo = (unsigned)opt_todo,
				     .quiet = opt_quiet, .stamp = opt_stamp };
	int skip = argc > 3 && strcmp(argv[3], "--") == 0;

	return skr_index_convert(argv[2], argv + 3 + skip, &o);
}

int main(int argc, char **argv)
{
	int rc;

	skr_diag_set_program("skrapa-index");
	if ((rc = parse_args(&argc, &argv)))
		goto out;
	if (opt_version) {
		printf("skrapa-index %s\n", SKRAPA_VERSION);
		goto out;
	}
	if (strcmp(argv[1], "scan") == 0)
		rc = skr_index_scan(argv[2], argv[3], (unsigned)opt_chunks);
	else if (strcmp(argv[1], "convert") == 0)
		rc = convert(argc, argv);
	else
		rc = skr_index_build(argv[2], opt_quiet);
	xmlCleanupParser();
out:
	g_free(opt_stamp);
	return rc;
}
