/* main.c - skrapa-index: the steps of `make ingest` (scan an archive;
 * convert a chunk of it in process; aggregate the results).  Only option
 * parsing; the work is in index/ (include/skrapa/index.h). */
#include <skrapa/cli.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/index.h>

#include <libxml/parser.h>
#include <string.h>

#define USAGE "usage: skrapa-index scan IN OUT | convert OUT STEM... | " \
	"build OUT"

static gboolean opt_quiet = FALSE;
static int opt_todo = 0;
static int opt_chunks = 0;
static char *opt_stamp = NULL;

static GOptionEntry entries[] = {
	SKR_OPT_QUIET(&opt_quiet, "no summary line (build), no progress "
		      "lines (convert)"),
	{ "todo", 0, 0, G_OPTION_ARG_INT, &opt_todo,
	  "convert: number of conversions in this run (for progress)", "N" },
	{ "stamp", 0, 0, G_OPTION_ARG_FILENAME, &opt_stamp,
	  "convert: file to write when every STEM is done", "FILE" },
	{ "chunks", 0, 0, G_OPTION_ARG_INT, &opt_chunks,
	  "scan: split the stems into N chunks (default: automatic)", "N" },
	SKR_OPT_END
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = skr_cli_new("skrapa-index", "scan IN OUT | "
		"convert OUT STEM... | build OUT", "scan: find the PDFs under "
		"IN and prepare OUT for make (manifest.tsv, chunked stem list, "
		"symlinks).\n"
		"convert: convert the PDFs of OUT/manifest.tsv named by the "
		"STEMs that are not up to date, in process, and record each "
		"outcome; exits 0 for bad PDFs.\n"
		"build: write OUT/index.xml, OUT/scores.csv and OUT/failures.tsv "
		"from the per-file results; exits 1 when some file failed.\n"
		"All are run by `make ingest` (docs/ingest.md).", entries);
	int rc = skr_cli_parse(ctx, argc, argv, 2, -1);

	if (!rc && (opt_todo < 0 || opt_chunks < 0 ||
		    !((*argc == 4 && strcmp((*argv)[1], "scan") == 0) ||
		      (*argc >= 3 && strcmp((*argv)[1], "convert") == 0) ||
		      (*argc == 3 && strcmp((*argv)[1], "build") == 0))))
		rc = skr_error(SKR_EX_USAGE, USAGE);
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

	if ((rc = parse_args(&argc, &argv))) {
		rc = rc == SKR_CLI_DONE ? 0 : rc;
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
