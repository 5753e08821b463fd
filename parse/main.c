/* main.c - skrapa-parse: layout text in, record stream out.  Only option
 * handling (and the --stats timings); the work is done by the library
 * (include/skrapa/parse.h).
 */
#include <skrapa/parse.h>
#include <skrapa/cli.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/limits.h>
#include <skrapa/outfile.h>

#include <stdio.h>
#include <stdlib.h>

#define PARSE_MAX_INPUT  ((size_t)512 << 20)
#define PARSE_MAX_LINES  4000000

static char *opt_rules, *opt_family, *opt_output;
static skr_extract_limits lim = SKR_EXTRACT_LIMITS_DEFAULT;
static gboolean opt_stats, opt_trace;

static const GOptionEntry entries[] = {
	SKR_OPT_RULES(&opt_rules),
	SKR_OPT_FAMILY(&opt_family),
	SKR_OPT_OUTPUT(&opt_output, "write the records to FILE (default: "
		       "stdout)"),
	{ "stats", 's', 0, G_OPTION_ARG_NONE, &opt_stats,
	  "print to stderr \"parse: load X ms, classify Y ms, parse Z ms, "
	  "N lines, R records\" (load: rule files and input; classify: "
	  "choosing the rule file; parse: applying it)", NULL },
	{ "trace", 't', 0, G_OPTION_ARG_NONE, &opt_trace,
	  "print to stderr, per line a rule fires on, the line and the rule "
	  "(FILE:LINE KIND SCOPE), then each value it writes", NULL },
	SKR_OPT_END
};

static int parse_args(int *argc, char ***argv)
{
	GOptionContext *ctx = skr_cli_new("skrapa-parse", "[LAYOUT | -]",
					  "Reads layout text (skrapa-extract) "
					  "and writes a record stream.", entries);

	return skr_cli_parse_limits(ctx, &lim, argc, argv, 0, 1);
}

/* Prints the --stats line: LOAD_US (rule files and input) and the times
 * of skr_parse() for a layout of NLINES lines that gave NRECS records. */
static void print_stats(gint64 load_us, guint nlines, guint nrecs)
{
	skr_parse_times t;

	skr_parse_last_times(&t);
	fprintf(stderr, "parse: load %.1f ms, classify %.1f ms, parse %.1f ms, "
		"%u lines, %u records\n", load_us / 1e3, t.classify_us / 1e3,
		t.parse_us / 1e3, nlines, nrecs);
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
	gint64 t0 = g_get_monotonic_time(), load_us = 0;
	int rc;

	skr_limits_start(input, lim.timeout, lim.max_memory);
	skr_limits_stage("parse");
	skr_parse_set_max_records(lim.max_records);
	rc = skr_rules_load_dir(&rs, dir);
	if (!rc && opt_rules)   /* a rule author's directory: check it all */
		rc = skr_ruleset_compile(rs);
	if (!rc && !(rc = skr_read_file(input, PARSE_MAX_INPUT, &buf, &len)) &&
	    !(rc = skr_layout_read(&l, buf, len, input, PARSE_MAX_LINES))) {
		load_us = g_get_monotonic_time() - t0;
		skr_parse_set_trace(opt_trace ? stderr : NULL);
		rc = skr_parse(rs, l, opt_family, &r);
	}
	skr_limits_stop();
	if (rc || (rc = skr_outfile_open(&of, opt_output)))
		goto out;
	if (skr_records_write(r, skr_outfile_stream(of))) {
		(void)skr_outfile_abort(of);    /* says why */
		rc = SKR_EX_IO;
		goto out;
	}
	rc = skr_outfile_commit(of);
	if (!rc && opt_stats)
		print_stats(load_us, l->lines->len, r->recs->len);
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

	if ((rc = parse_args(&argc, &argv)))
		return rc == SKR_CLI_DONE ? 0 : rc;
	rc = run(argc > 1 ? argv[1] : "-");
	g_free(opt_rules);
	g_free(opt_family);
	g_free(opt_output);
	return rc;
}
