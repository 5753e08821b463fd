/* cli.c - the option context every program starts from (cli.h): --version,
 * the exit code table in --help, usage errors.  Not the programs' own
 * options (their main.c) nor what they do. */
#include <skrapa/cli.h>
#include <skrapa/datadir.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <stdio.h>

static gboolean opt_version;
static const char *cli_program = "skrapa";
static const char *cli_params = "";

GOptionContext *skr_cli_new(const char *program, const char *params,
			    const char *summary, const GOptionEntry *entries)
{
	const GOptionEntry common[] = {
		{ "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
		  "print the version and the data directory, then exit", NULL },
		SKR_OPT_END
	};
	GOptionContext *ctx = g_option_context_new(params);
	char *table = skr_exit_table();

	cli_program = program;
	cli_params = params;
	skr_diag_set_program(program);
	if (summary)
		g_option_context_set_summary(ctx, summary);
	g_option_context_set_description(ctx, table);
	if (entries)
		g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_add_main_entries(ctx, common, NULL);
	g_free(table);
	return ctx;
}

char *skr_cli_version(const char *program)
{
	char *rules = skr_data_path("rules"), *schema = skr_data_path("skrapa.rng");
	char *ocr = skr_data_path(SKR_DATA_OCR_MODULE);
	char *s = g_strdup_printf("%s %s\nrules: %s\nschema: %s\nocr module: "
				  "%s\n", program, SKRAPA_VERSION, rules,
				  schema, ocr);

	g_free(rules);
	g_free(schema);
	g_free(ocr);
	return s;
}

int skr_cli_parse(GOptionContext *ctx, int *argc, char ***argv,
		  int min_args, int max_args)
{
	GError *err = NULL;
	int rc = 0, n;

	if (!g_option_context_parse(ctx, argc, argv, &err)) {
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
		g_error_free(err);
	} else if (opt_version) {
		char *v = skr_cli_version(cli_program);
		fputs(v, stdout);
		g_free(v);
		rc = SKR_CLI_DONE;
	} else if ((n = *argc - 1) < min_args || (max_args >= 0 && n > max_args)) {
		rc = skr_error(SKR_EX_USAGE, "usage: %s [OPTIONS] %s (see --help)",
			       cli_program, cli_params);
	}
	g_option_context_free(ctx);
	return rc;
}
