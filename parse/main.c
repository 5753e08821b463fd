/* main.c - skrapa-parse: layout text in, record stream out.  Only option
 * handling; the work is done by the library (include/skrapa/parse.h).
 */
#include <skrapa/parse.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>

#include <stdlib.h>

#define PARSE_MAX_INPUT  ((size_t)512 << 20)
#define PARSE_MAX_LINES  4000000

static char *opt_rules, *opt_family, *opt_output;

static const GOptionEntry entries[] = {
	{ "rules", 'r', 0, G_OPTION_ARG_FILENAME, &opt_rules,
	  "rule directory (default: rules/ beside the program)", "DIR" },
	{ "family", 'f', 0, G_OPTION_ARG_STRING, &opt_family,
	  "use this family or rule file instead of classifying", "NAME" },
	{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
	  "write the records to FILE (default: stdout)", "FILE" },
	{ NULL, 0, 0, 0, NULL, NULL, NULL }
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = g_option_context_new("[LAYOUT | -]");
	char *codes = skr_exit_table();
	char *desc = g_strdup_printf("Exit codes:\n%s", codes);
	GError *err = NULL;
	int rc = 0;

	g_option_context_set_summary(ctx, "Reads layout text (skrapa-extract) "
				     "and writes a record stream.");
	g_option_context_set_description(ctx, desc);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, argc, argv, &err)) {
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
		g_error_free(err);
	} else if (*argc > 2) {
		rc = skr_error(SKR_EX_USAGE, "at most one input file");
	}
	g_option_context_free(ctx);
	g_free(desc);
	g_free(codes);
	return rc;
}

static int run(const char *input)
{
	skr_ruleset *rs = NULL;
	skr_layout *l = NULL;
	skr_records *r = NULL;
	skr_outfile *of = NULL;
	char *buf = NULL, *dir = opt_rules ? g_strdup(opt_rules)
					   : skr_rules_default_dir();
	size_t len;
	int rc;

	if ((rc = skr_rules_load_dir(&rs, dir)) ||
	    (rc = skr_read_file(input, PARSE_MAX_INPUT, &buf, &len)) ||
	    (rc = skr_layout_read(&l, buf, len, input, PARSE_MAX_LINES)) ||
	    (rc = skr_parse(rs, l, opt_family, &r)) ||
	    (rc = skr_outfile_open(&of, opt_output)))
		goto out;
	if (skr_records_write(r, skr_outfile_stream(of))) {
		skr_outfile_abort(of);
		rc = skr_error(SKR_EX_IO, "cannot write '%s'",
			       opt_output ? opt_output : "-");
		goto out;
	}
	rc = skr_outfile_commit(of);
out:
	skr_records_free(r);
	skr_layout_free(l);
	skr_ruleset_free(rs);
	g_free(buf);
	g_free(dir);
	return rc;
}

int main(int argc, char **argv)
{
	int rc;

	skr_diag_set_program("skrapa-parse");
	if ((rc = parse_args(&argc, &argv)))
		return rc;
	rc = run(argc > 1 ? argv[1] : "-");
	g_free(opt_rules);
	g_free(opt_family);
	g_free(opt_output);
	return rc;
}
