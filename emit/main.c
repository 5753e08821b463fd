/* main.c - skrapa-emit: record stream -> XML report or CSV.  Only option
 * parsing and the read/emit/write sequence; the work is in libskrapa. */
#include <skrapa/cli.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/records.h>


#define EMIT_MAX_INPUT ((size_t)256 << 20)   /* bytes of record stream */
#define EMIT_MAX_RECS ((size_t)4000000)

static char *opt_format = NULL;
static char *opt_output = NULL;
static gboolean opt_validate = FALSE;
static enum skr_format format = SKR_FORMAT_XML;

static GOptionEntry entries[] = {
	SKR_OPT_FORMAT(&opt_format),
	SKR_OPT_OUTPUT(&opt_output, "write to FILE (default: stdout)"),
	SKR_OPT_VALIDATE(&opt_validate),
	SKR_OPT_END
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = skr_cli_new("skrapa-emit", "[RECORDS | -]",
					  "Writes the XML report (with "
					  "--validate checked against the "
					  "RELAX NG schema) or CSV of a skrapa "
					  "record stream.", entries);
	int rc = skr_cli_parse(ctx, argc, argv, 0, 1);

	if (!rc && skr_format_parse(opt_format, &format))
		rc = skr_error(SKR_EX_USAGE, "unknown format '%s'", opt_format);
	if (opt_validate)
		skr_emit_set_validate(1);
	return rc;
}

int main(int argc, char **argv)
{
	const char *input;
	char *buf = NULL;
	size_t len = 0;
	skr_records *r = NULL;
	skr_outfile *of = NULL;
	int rc;

	if ((rc = parse_args(&argc, &argv)))
		goto out;
	input = argc > 1 ? argv[1] : "-";
	if ((rc = skr_read_file(input, EMIT_MAX_INPUT, &buf, &len)) ||
	    (rc = skr_records_read(&r, buf, len, input, EMIT_MAX_RECS)) ||
	    (rc = skr_outfile_open(&of, opt_output)))
		goto out;
	if ((rc = skr_emit_format(r, format, skr_outfile_stream(of),
				  input))) {
		(void)skr_outfile_abort(of);    /* says why a write failed */
		goto out;
	}
	rc = skr_outfile_commit(of);
out:
	skr_records_free(r);
	g_free(buf);
	g_free(opt_format);
	g_free(opt_output);
	return rc == SKR_CLI_DONE ? 0 : rc;
}
