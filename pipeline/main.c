/* main.c - skrapa: the three stages in one process for one PDF
 * (extract -> parse -> emit), same exit codes, no partial output.
 * Not a scheduler: archives are driven by make (ingest.mk) or by
 * GNU parallel / Slurm, one process per file or per chunk. */
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/outfile.h>
#include <skrapa/parse.h>

#include <string.h>

struct opts {
	char *output, *format, *source, *rules, *family;
	skr_extract_limits lim;
};

static int emit(const skr_records *r, const struct opts *o, FILE *f,
		const char *name)
{
	if (!o->format || strcmp(o->format, "xml") == 0)
		return skr_emit_xml(r, f, name);
	if (strcmp(o->format, "csv") == 0)
		return skr_emit_csv(r, f, name, 1);
	return skr_emit_scores_csv(r, f, name, 1);
}

/* Runs the stages on PDF; writes O->output only after all succeeded. */
static int run(const char *pdf, const struct opts *o)
{
	skr_layout *l = NULL;
	skr_ruleset *rs = NULL;
	skr_records *r = NULL;
	skr_outfile *of = NULL;
	char *dir = o->rules ? g_strdup(o->rules) : skr_rules_default_dir();
	int rc;

	if ((rc = skr_rules_load_dir(&rs, dir)))
		goto out;
	if ((rc = skr_extract_file(pdf, &o->lim, &l)))
		goto out;
	if (o->source) {        /* a path: raw bytes, shown as UTF-8 */
		g_free(l->source);
		l->source = g_filename_display_name(o->source);
	}
	if ((rc = skr_parse(rs, l, o->family, &r)))
		goto out;
	if ((rc = skr_outfile_open(&of, o->output)))
		goto out;
	rc = emit(r, o, skr_outfile_stream(of), pdf);
	if (rc) {
		skr_outfile_abort(of);
		if (rc == SKR_EX_IO)
			skr_error(rc, "cannot write '%s'", o->output ?
				  o->output : "<stdout>");
	} else {
		rc = skr_outfile_commit(of);
	}
out:
	skr_records_free(r);
	skr_ruleset_free(rs);
	skr_layout_free(l);
	g_free(dir);
	return rc;
}

static gboolean valid_format(const char *f)
{
	return !f || strcmp(f, "xml") == 0 || strcmp(f, "csv") == 0 ||
	       strcmp(f, "scores-csv") == 0;
}

int main(int argc, char **argv)
{
	struct opts o = { .lim = SKR_EXTRACT_LIMITS_DEFAULT };
	char *table = skr_exit_table();
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
		  "write to FILE (atomically; default stdout)", "FILE" },
		{ "format", 0, 0, G_OPTION_ARG_STRING, &o.format,
		  "xml (default), csv or scores-csv", "FORMAT" },
		{ "source", 0, 0, G_OPTION_ARG_FILENAME, &o.source,
		  "name to record as the report's source (default FILE)",
		  "NAME" },
		{ "rules", 0, 0, G_OPTION_ARG_FILENAME, &o.rules,
		  "rule directory (default: rules/ beside the program)", "DIR" },
		{ "family", 0, 0, G_OPTION_ARG_STRING, &o.family,
		  "force a family or rule file instead of classifying", "NAME" },
		{ "max-pages", 0, 0, G_OPTION_ARG_INT, &o.lim.max_pages,
		  "fail on documents with more pages (default 5000)", "N" },
		{ "max-chars", 0, 0, G_OPTION_ARG_INT, &o.lim.max_chars,
		  "fail on pages with more characters (default 200000)", "N" },
		{ "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o.lim.timeout,
		  "fail after SECONDS of extraction (default 120)", "SECONDS" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("FILE.pdf - PDF report "
						   "to XML or CSV");
	GError *err = NULL;
	int rc;

	skr_diag_set_program("skrapa");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx, table);
	if (!g_option_context_parse(ctx, &argc, &argv, &err))
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
	else if (argc != 2 || !valid_format(o.format) ||
		 o.lim.max_pages < 1 || o.lim.max_chars < 1)
		rc = skr_error(SKR_EX_USAGE, "usage: skrapa [OPTIONS] FILE.pdf "
			       "(see --help)");
	else
		rc = run(argv[1], &o);
	g_clear_error(&err);
	g_option_context_free(ctx);
	g_free(table);
	g_free(o.output);
	g_free(o.format);
	g_free(o.source);
	g_free(o.rules);
	g_free(o.family);
	return rc;
}
