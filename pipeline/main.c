/* main.c - skrapa: options, the rules, then skr_pipeline_convert() for one
 * PDF (extract -> parse -> emit), same exit codes, no partial output.
 * Not a scheduler: archives are driven by make (ingest.mk) or by
 * GNU parallel / Slurm, one process per file or per chunk. */
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/pipeline.h>

struct opts {
	char *output, *format, *source, *rules, *family, *dialect;
	gboolean raw;
	skr_csv_opts csv;
	skr_pipeline_opts p;
};

static int run(const char *pdf, struct opts *o)
{
	skr_ruleset *rs = NULL;
	char *dir = o->rules ? g_strdup(o->rules) : skr_rules_default_dir();
	int rc = skr_rules_load_dir(&rs, dir);

	o->p.family = o->family;
	if (!rc)
		rc = skr_pipeline_convert(rs, pdf, o->output, o->source, &o->p);
	skr_ruleset_free(rs);
	g_free(dir);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o = { .p.lim = SKR_EXTRACT_LIMITS_DEFAULT };
	char *table = skr_exit_table();
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
		  "write to FILE (atomically; default stdout)", "FILE" },
		{ "format", 0, 0, G_OPTION_ARG_STRING, &o.format,
		  "xml (default), csv, scores-csv or json", "FORMAT" },
		{ "csv-dialect", 0, 0, G_OPTION_ARG_STRING, &o.dialect,
		  "rfc4180 (default) or excel-sv (';', decimal comma, BOM)",
		  "NAME" },
		{ "csv-raw", 0, 0, G_OPTION_ARG_NONE, &o.raw,
		  "keep CSV cells as they are (no formula neutralising)", NULL },
		{ "source", 0, 0, G_OPTION_ARG_FILENAME, &o.source,
		  "name to record as the report's source (default FILE)",
		  "NAME" },
		{ "rules", 0, 0, G_OPTION_ARG_FILENAME, &o.rules,
		  "rule directory (default: rules/ beside the program)", "DIR" },
		{ "family", 0, 0, G_OPTION_ARG_STRING, &o.family,
		  "force a family or rule file instead of classifying", "NAME" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("FILE.pdf - PDF report "
						   "to XML or CSV");
	GError *err = NULL;
	int rc;

	skr_diag_set_program("skrapa");
	g_option_context_add_main_entries(ctx, entries, NULL);
	skr_extract_add_options(ctx, &o.p.lim);
	g_option_context_set_description(ctx, table);
	if (!g_option_context_parse(ctx, &argc, &argv, &err))
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
	else if (argc != 2 || skr_format_parse(o.format, &o.p.format) ||
		 !skr_extract_limits_valid(&o.p.lim) ||
		 skr_csv_dialect_parse(o.dialect, &o.csv.dialect))
		rc = skr_error(SKR_EX_USAGE, "usage: skrapa [OPTIONS] FILE.pdf "
			       "(see --help)");
	else {
		o.csv.raw = o.raw;
		skr_csv_set_options(&o.csv);
		rc = run(argv[1], &o);
	}
	g_clear_error(&err);
	g_option_context_free(ctx);
	g_free(table);
	g_free(o.output);
	g_free(o.format);
	g_free(o.source);
	g_free(o.rules);
	g_free(o.family);
	g_free(o.dialect);
	return rc;
}
