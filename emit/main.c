/* main.c - skrapa-emit: record stream -> XML report or CSV.  Only option
 * parsing and the read/emit/write sequence; the work is in libskrapa. */
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/limits.h>
#include <skrapa/outfile.h>
#include <skrapa/records.h>

#include <stdlib.h>
#include <string.h>

#define EMIT_MAX_INPUT ((size_t)256 << 20)   /* bytes of record stream */

static char *opt_format = NULL;
static skr_extract_limits lim = SKR_EXTRACT_LIMITS_DEFAULT;
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
	skr_extract_add_options(ctx, &lim);     /* the run's one limit set */
	if (!g_option_context_parse(ctx, argc, argv, &err))
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
	else if (!skr_extract_limits_valid(&lim))
		rc = skr_error(SKR_EX_USAGE, "a limit option is out of range "
			       "(see --help)");
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
	else if ((rc = emit(r, f, input)) == SKR_EX_IO)
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

	skr_diag_set_program("skrapa-emit");
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
	return rc;
}
