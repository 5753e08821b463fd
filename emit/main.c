/* main.c - skrapa-emit: record stream -> XML report or CSV.  Only option
 * parsing and the read/emit/write sequence; the work is in libskrapa. */
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/records.h>

#include <string.h>

#define EMIT_MAX_INPUT ((size_t)256 << 20)   /* bytes of record stream */
#define EMIT_MAX_RECS ((size_t)4000000)

static char *opt_format = NULL;
static char *opt_output = NULL;

static GOptionEntry entries[] = {
	{ "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
	  "xml (default), csv or scores-csv", "FORMAT" },
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
	  "write to FILE (default: stdout)", "FILE" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = g_option_context_new("[RECORDS | -]");
	char *table = skr_exit_table();
	char *desc = g_strdup(table);
	GError *err = NULL;
	int rc = 0;

	g_option_context_set_summary(ctx, "Writes the XML report (validated "
				     "against emit/skrapa.rng, or $SKRAPA_SCHEMA) "
				     "or CSV of a skrapa record stream.");
	g_option_context_set_description(ctx, desc);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &err))
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
	else if (*argc > 2)
		rc = skr_error(SKR_EX_USAGE, "one input file at most");
	else if (opt_format && strcmp(opt_format, "xml") != 0 &&
		 strcmp(opt_format, "csv") != 0 &&
		 strcmp(opt_format, "scores-csv") != 0)
		rc = skr_error(SKR_EX_USAGE, "unknown format '%s'", opt_format);
	g_clear_error(&err);
	g_free(desc);
	g_free(table);
	g_option_context_free(ctx);
	return rc;
}

static int emit(const skr_records *r, FILE *f, const char *name)
{
	if (!opt_format || strcmp(opt_format, "xml") == 0)
		return skr_emit_xml(r, f, name);
	if (strcmp(opt_format, "csv") == 0)
		return skr_emit_csv(r, f, name, 1);
	return skr_emit_scores_csv(r, f, name, 1);
}

int main(int argc, char **argv)
{
	const char *input;
	char *buf = NULL;
	size_t len = 0;
	skr_records *r = NULL;
	skr_outfile *of = NULL;
	int rc;

	skr_diag_set_program("skrapa-emit");
	if ((rc = parse_args(&argc, &argv)))
		goto out;
	input = argc > 1 ? argv[1] : "-";
	if ((rc = skr_read_file(input, EMIT_MAX_INPUT, &buf, &len)) ||
	    (rc = skr_records_read(&r, buf, len, input, EMIT_MAX_RECS)) ||
	    (rc = skr_outfile_open(&of, opt_output)))
		goto out;
	if ((rc = emit(r, skr_outfile_stream(of), input))) {
		(void)skr_outfile_abort(of);    /* says why a write failed */
		goto out;
	}
	rc = skr_outfile_commit(of);
out:
	skr_records_free(r);
	g_free(buf);
	g_free(opt_format);
	g_free(opt_output);
	return rc;
}
