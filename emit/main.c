/* main.c - skrapa-emit: record stream -> XML report, CSV or JSON.  Only option
 * parsing and the read/emit/write sequence; the work is in libskrapa. */
#include <skrapa/cli.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/limits.h>
#include <skrapa/outfile.h>
#include <skrapa/records.h>
#include <skrapa/vocab.h>

#include <stdlib.h>

#define EMIT_MAX_INPUT ((size_t)256 << 20)   /* bytes of record stream */

static char *opt_format = NULL;
static skr_extract_limits lim = SKR_EXTRACT_LIMITS_DEFAULT;
static char *opt_output = NULL;
static char *opt_dialect = NULL;
static gboolean opt_raw = FALSE;
static gboolean opt_validate = FALSE;
static char *opt_rules = NULL;          /* -r: the vocabulary directory */
static enum skr_format format = SKR_FORMAT_XML;

static GOptionEntry entries[] = {
	SKR_OPT_FORMAT(&opt_format),
	SKR_OPT_OUTPUT(&opt_output, "write to FILE (default: stdout)"),
	SKR_OPT_VALIDATE(&opt_validate),
	SKR_OPT_RULES(&opt_rules),
	SKR_OPT_CSV_DIALECT(&opt_dialect),
	SKR_OPT_CSV_RAW(&opt_raw),
	SKR_OPT_END
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = skr_cli_new("skrapa-emit", "[RECORDS | -]",
					  "Writes the XML report (with "
					  "--validate checked against the "
					  "RELAX NG schema) or CSV of a skrapa "
					  "record stream, or its JSON.", entries);
	int rc = skr_cli_parse_limits(ctx, &lim, argc, argv, 0, 1);

	if (!rc && skr_format_parse(opt_format, &format))
		rc = skr_error(SKR_EX_USAGE, "unknown format '%s'", opt_format);
	else if (!rc)
		rc = skr_csv_configure(opt_dialect, opt_raw);
	if (opt_validate)
		skr_emit_set_validate(1);
	skr_vocab_set_dir(opt_rules);
	return rc;
}

/* Reads INPUT and renders it into *OUT (*OUTLEN bytes), under the run's
 * watchdog: nothing is on disk while a limit can end the process. */
static int render(const char *input, char **out, size_t *outlen)
{
	char *buf = NULL;
	size_t len = 0;
	skr_records *r = NULL;
	FILE *f = NULL;
	int rc;

	skr_limits_start(input, lim.timeout, lim.max_memory);
	skr_limits_stage("emit");
	if ((rc = skr_read_file(input, EMIT_MAX_INPUT, &buf, &len)) ||
	    (rc = skr_records_read(&r, buf, len, input, lim.max_records)))
		goto out;
	if (!(f = open_memstream(out, outlen)))
		rc = skr_error(SKR_EX_INTERNAL, "cannot emit '%s': out of "
			       "memory", input);
	else if ((rc = skr_emit_format(r, format, f, input)) == SKR_EX_IO)
		rc = skr_error(rc, "cannot emit '%s'", input);
out:
	if (f)
		fclose(f);
	skr_limits_stop();
	skr_records_free(r);
	g_free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	char *buf = NULL;
	size_t len = 0;
	skr_outfile *of = NULL;
	int rc;

	if ((rc = parse_args(&argc, &argv)) ||
	    (rc = render(argc > 1 ? argv[1] : "-", &buf, &len)) ||
	    (rc = skr_outfile_open(&of, opt_output)))
		goto out;
	if (fwrite(buf, 1, len, skr_outfile_stream(of)) != len) {
		rc = skr_outfile_abort(of);     /* says why the write failed */
		goto out;
	}
	rc = skr_outfile_commit(of);
out:
	free(buf);
	g_free(opt_format);
	g_free(opt_output);
	g_free(opt_dialect);
	g_free(opt_rules);
	return rc == SKR_CLI_DONE ? 0 : rc;
}
