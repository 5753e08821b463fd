/* cli.h - the command line every skrapa program shares: --version, --help
 * with the exit code table, one spelling and one short letter per option
 * across programs, usage errors in one form.
 *
 * A program lists its options as GOptionEntry arrays built from the
 * SKR_OPT_* entries below plus its own, then calls skr_cli_parse():
 *
 *     GOptionEntry e[] = { SKR_OPT_OUTPUT(&out, "write to FILE"),
 *                          SKR_OPT_FORMAT(&fmt), ..., SKR_OPT_END };
 *     GOptionContext *ctx = skr_cli_new("skrapa-emit", "[RECORDS|-]",
 *                                       "Writes ...", e);
 *     if ((rc = skr_cli_parse_limits(ctx, &lim, &argc, &argv, 0, 1)))
 *             return rc == SKR_CLI_DONE ? 0 : rc;
 * (skr_cli_parse() for a program without the run's limit options.)
 *
 * Short letters, the same meaning in every program that has the option:
 *   -o --output FILE   -f --format FORMAT   -F --family NAME
 *   -r --rules DIR     -O --output-dir DIR  -q --quiet
 *   -j --jobs N
 * --version and --validate have no short letter.  A new option is a new
 * entry in the program's array; give it a short letter only when it means
 * the same everywhere and add it here.
 */
#ifndef SKRAPA_CLI_H
#define SKRAPA_CLI_H

#include <skrapa/extract.h>

#include <glib.h>

/* skr_cli_parse(): --version (or another informational option) printed
 * its answer; the program exits 0. */
#define SKR_CLI_DONE (-1)

#define SKR_OPT_OUTPUT(var, what) \
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, (var), (what), "FILE" }
#define SKR_OPT_FORMAT(var) \
	{ "format", 'f', 0, G_OPTION_ARG_STRING, (var), \
	  "xml (default), csv, scores-csv or json", "FORMAT" }
/* CSV: --csv-dialect NAME (rfc4180, excel-sv) and --csv-raw; the program
 * passes them to skr_csv_set_options() (emit.h, docs/csv.md). */
#define SKR_OPT_CSV_DIALECT(var) \
	{ "csv-dialect", 0, 0, G_OPTION_ARG_STRING, (var), \
	  "rfc4180 (default) or excel-sv (';', decimal comma, BOM)", "NAME" }
#define SKR_OPT_CSV_RAW(var) \
	{ "csv-raw", 0, 0, G_OPTION_ARG_NONE, (var), \
	  "keep CSV cells as they are (no formula neutralising)", NULL }
#define SKR_OPT_FAMILY(var) \
	{ "family", 'F', 0, G_OPTION_ARG_STRING, (var), \
	  "use this family (\"minutes\") or rule file " \
	  "(\"kommunkompass-2016\") instead of classifying", "NAME" }
#define SKR_OPT_RULES(var) \
	{ "rules", 'r', 0, G_OPTION_ARG_FILENAME, (var), \
	  "family directory: rule files, vocabularies (NAME.vocab) and " \
	  "schema fragments (default: the installed rules; see --version)", \
	  "DIR" }
#define SKR_OPT_VALIDATE(var) \
	{ "validate", 0, 0, G_OPTION_ARG_NONE, (var), \
	  "validate the XML against the RELAX NG schema before writing " \
	  "(also: env SKRAPA_VALIDATE=1)", NULL }
#define SKR_OPT_QUIET(var, what) \
	{ "quiet", 'q', 0, G_OPTION_ARG_NONE, (var), (what), NULL }
#define SKR_OPT_END { NULL, 0, 0, 0, NULL, NULL, NULL }

/* A new option context for PROGRAM (also set as the message prefix, see
 * diag.h): PARAMS is the argument synopsis ("FILE.pdf|-"), SUMMARY (may be
 * NULL) the text above the options; adds ENTRIES (may be NULL), --version
 * and the exit code table below the options.  Freed by skr_cli_parse(). */
GOptionContext *skr_cli_new(const char *program, const char *params,
			    const char *summary, const GOptionEntry *entries);

/* Parses *ARGC and *ARGV with CTX and frees CTX.  Returns 0 when the program
 * goes on with MIN_ARGS to MAX_ARGS arguments left (MAX_ARGS < 0: no
 * maximum); SKR_CLI_DONE after printing "PROGRAM VERSION" for --version;
 * SKR_EX_USAGE after a one-line message ("usage: PROGRAM [OPTIONS]
 * PARAMS (see --help)" when the argument count is wrong). */
int skr_cli_parse(GOptionContext *ctx, int *argc, char ***argv,
		  int min_args, int max_args);

/* skr_cli_parse() for a program that takes the run's one limit set: adds
 * the limit and OCR options into LIM (skr_extract_add_options) to CTX
 * first and checks LIM after (skr_extract_limits_check).  Returns what
 * skr_cli_parse() returns, else SKR_EX_USAGE after "a limit option is out
 * of range (see --help)", else 0.  Inline so that common/ does not link
 * extract/ (the fuzz targets link common/ without it). */
static inline int skr_cli_parse_limits(GOptionContext *ctx,
				       skr_extract_limits *lim, int *argc,
				       char ***argv, int min_args,
				       int max_args)
{
	int rc;

	skr_extract_add_options(ctx, lim);
	rc = skr_cli_parse(ctx, argc, argv, min_args, max_args);
	return rc ? rc : skr_extract_limits_check(lim);
}

/* The --version text: "PROGRAM VERSION" and the data directory searched
 * for rules and schemas.  Caller frees. */
char *skr_cli_version(const char *program);

#endif
