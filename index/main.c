/* main.c - skrapa-index: the steps of `make ingest` (scan an archive;
 * convert a chunk of it in process; aggregate the results).  Only option
 * parsing; the work is in index/ (include/skrapa/index.h). */
#include <skrapa/cli.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/index.h>

#include <libxml/parser.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define USAGE "usage: skrapa-index scan IN OUT | convert OUT STEM... | " \
	"build OUT | summary OUT"

static gboolean opt_quiet = FALSE;
static int opt_todo = 0;
static int opt_chunks = 0;
static char *opt_stamp = NULL;
static gboolean opt_prune = FALSE;
static gboolean opt_force = FALSE;
static double opt_seconds = 0;

static GOptionEntry entries[] = {
	SKR_OPT_QUIET(&opt_quiet, "no summary line (build), no progress "
		      "lines (convert), only failures and tool errors "
		      "(summary)"),
	{ "todo", 0, 0, G_OPTION_ARG_INT, &opt_todo,
	  "convert: number of conversions in this run (for progress; "
	  "default: the scan's count)", "N" },
	{ "stamp", 0, 0, G_OPTION_ARG_FILENAME, &opt_stamp,
	  "convert: file to write when every STEM is done", "FILE" },
	{ "chunks", 0, 0, G_OPTION_ARG_INT, &opt_chunks,
	  "scan: split the stems into N chunks (default: automatic)", "N" },
	{ "prune", 0, 0, G_OPTION_ARG_NONE, &opt_prune,
	  "scan: remove the outputs of PDFs no longer in IN (orphans)", NULL },
	{ "force", 0, 0, G_OPTION_ARG_NONE, &opt_force,
	  "scan: go on with an IN without PDFs or one that orphans more "
	  "than half of OUT", NULL },
	{ "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &opt_seconds,
	  "summary: the run's duration", "S" },
	SKR_OPT_END
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = skr_cli_new("skrapa-index", "scan IN OUT | "
		"convert OUT STEM... | build OUT | summary OUT",
		"scan: find the PDFs under IN "
		"(hidden folders skipped) and prepare OUT for make "
		"(manifest.tsv, chunked stem list, symlinks); outputs whose "
		"PDF left IN are listed in OUT/orphans.tsv, removed only with "
		"--prune; an IN without PDFs or orphaning most of OUT is "
		"refused (exit 2) unless --force.\n"
		"convert: convert the PDFs of OUT/manifest.tsv named by the "
		"STEMs that are not up to date, in process, and record each "
		"outcome; exits 0 for bad PDFs.\n"
		"build: write OUT/index.xml, index.html, scores.csv, values.csv, "
		"reports.jsonl and failures.tsv from the per-file results; exits "
		"1 when some file failed.\n"
		"summary: report the last run into OUT; exits 1 when some "
		"file failed, 3 after a tool error.\n"
		"All are run by `make ingest` (docs/ingest.md).", entries);
	int rc = skr_cli_parse(ctx, argc, argv, 2, -1);

	if (!rc && (opt_todo < 0 || opt_chunks < 0 ||
		    !((*argc == 4 && strcmp((*argv)[1], "scan") == 0) ||
		      (*argc >= 3 && strcmp((*argv)[1], "convert") == 0) ||
		      (*argc == 3 && strcmp((*argv)[1], "build") == 0) ||
		      (*argc == 3 && strcmp((*argv)[1], "summary") == 0))))
		rc = skr_error(SKR_EX_USAGE, USAGE);
	return rc;
}

static int scan(const char *in, const char *out)
{
	skr_index_scan_opts o = { .chunks = (unsigned)opt_chunks,
				  .prune = opt_prune, .force = opt_force };

	return skr_index_scan(in, out, &o);
}

static int convert(const char *out, int argc, char **argv)
{
	skr_index_convert_opts o = { .todo = (unsigned)opt_todo,
				     .quiet = opt_quiet, .stamp = opt_stamp };
	int skip = argc > 3 && strcmp(argv[3], "--") == 0;
	pid_t parent = getppid();

	/* Dies with whoever runs it (make), so no conversion is orphaned. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == 0 && getppid() != parent)
		return SKR_EX_IO;
	return skr_index_convert(out, argv + 3 + skip, &o);
}

int main(int argc, char **argv)
{
	char *dir = NULL;
	int rc;

	if ((rc = parse_args(&argc, &argv))) {
		rc = rc == SKR_CLI_DONE ? 0 : rc;
		goto out;
	}
	/* OUT made absolute, so that messages name files in full even when
	 * make runs this inside OUT ("."). */
	dir = g_canonicalize_filename(argv[strcmp(argv[1], "scan") == 0 ? 3
					    : 2], NULL);
	if (strcmp(argv[1], "scan") == 0)
		rc = scan(argv[2], dir);
	else if (strcmp(argv[1], "convert") == 0)
		rc = convert(dir, argc, argv);
	else if (strcmp(argv[1], "summary") == 0)
		rc = skr_index_summary(dir, opt_seconds, opt_quiet);
	else
		rc = skr_index_build(dir, opt_quiet);
	xmlCleanupParser();
out:
	g_free(dir);
	g_free(opt_stamp);
	return rc;
}
