/* main.c - skrapa: options, the rules, then one PDF through
 * skr_pipeline_convert() or, with -O DIR, many through
 * skr_pipeline_convert_many(); same exit codes, no partial output.
 * Not a scheduler: archives are driven by make (ingest.mk). */
#include <skrapa/cli.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/pipeline.h>
#include <skrapa/vocab.h>

#include <stdio.h>
#include <string.h>

#define LIST_MAX_BYTES ((size_t)64 << 20)

struct opts {
	char *output, *format, *source, *rules, *family, *outdir, *files_from;
	char *dialect;                  /* --csv-dialect */
	gboolean raw;                   /* --csv-raw */
	gboolean validate, list_families, quiet;
	int jobs;
	skr_pipeline_opts p;
};

static int list_families(const skr_ruleset *rs)
{
	for (unsigned i = 0; i < skr_ruleset_size(rs); i++) {
		const char *family, *revision, *file, *vocab;
		skr_ruleset_file_info(rs, i, &family, &revision, &file);
		vocab = skr_vocab_file(family);         /* NULL: none */
		printf("%s\t%s\t%s\t%s\n", family, revision ? revision : "-",
		       file, vocab && strrchr(vocab, '/') ? strrchr(vocab, '/')
		       + 1 : vocab ? vocab : "-");
	}
	return 0;
}

/* Appends the file names of LIST ("-" is stdin), one a line, to NAMES. */
static int read_list(const char *list, GPtrArray *names)
{
	char *buf = NULL, **lines;
	size_t len;
	int rc = skr_read_file(list, LIST_MAX_BYTES, &buf, &len);

	if (rc)
		return rc;
	lines = g_strsplit(buf, "\n", -1);
	for (char **l = lines; *l; l++) {
		g_strchomp(*l);
		if (**l)
			g_ptr_array_add(names, g_strdup(*l));
	}
	g_strfreev(lines);
	g_free(buf);
	return 0;
}

static void report(const skr_batch_result *res, void *user)
{
	const struct opts *o = user;

	if (!o->quiet)
		printf("%s\t%d\t%s\t%s\n", res->pdf, res->rc,
		       skr_exit_name(res->rc), res->rc ? res->message
						       : res->output);
	fflush(stdout);
}

/* -O DIR: every argument (and every name in the --files-from list or,
 * for "-", on stdin) into DIR.  Exits 1 when some file failed. */
static int run_many(skr_ruleset *rs, int argc, char **argv,
		    struct opts *o)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	skr_batch_item *items = NULL;
	int rc = 0, failed;

	for (int i = 1; i < argc && !rc; i++)
		if (strcmp(argv[i], "-") == 0)
			rc = read_list("-", names);
		else
			g_ptr_array_add(names, g_strdup(argv[i]));
	if (!rc && o->files_from)
		rc = read_list(o->files_from, names);
	if (rc)
		goto out;
	items = g_new0(skr_batch_item, names->len);
	for (guint i = 0; i < names->len; i++)
		items[i].pdf = names->pdata[i];
	skr_pipeline_share(rs, names->len, 1);
	failed = skr_pipeline_convert_many(rs, items, names->len, o->outdir,
					   &o->p, report, o);
	skr_pipeline_share(rs, names->len, 0);
	if (failed < 0)
		rc = -failed;
	else if (failed > 0)
		rc = skr_error(SKR_EX_SOME_FAILED, "%u files: %u converted, %d "
			       "failed", names->len, names->len - failed, failed);
out:
	g_free(items);
	g_ptr_array_free(names, TRUE);
	return rc;
}

static int run(int argc, char **argv, struct opts *o)
{
	skr_ruleset *rs = NULL;
	char *dir = o->rules ? g_strdup(o->rules) : skr_rules_default_dir();
	int rc = skr_rules_load_dir(&rs, dir);

	skr_vocab_set_dir(dir);         /* the vocabularies beside the rules */
	o->p.family = o->family;
	o->p.jobs = (unsigned)o->jobs;
	if (o->validate)
		skr_emit_set_validate(1);
	/* all patterns now: a rule author's directory is checked whole; the
	 * children of -O share one compilation */
	if (!rc && (o->rules || o->list_families || o->outdir))
		rc = skr_ruleset_compile(rs);
	if (rc)
		;
	else if (o->list_families)
		rc = list_families(rs);
	else if (o->outdir)
		rc = run_many(rs, argc, argv, o);
	else
		rc = skr_pipeline_convert(rs, argv[1], o->output, o->source, &o->p);
	skr_ruleset_free(rs);
	g_free(dir);
	return rc;
}

static int usage_ok(int argc, struct opts *o)
{
	if (skr_format_parse(o->format, &o->p.format))
		return skr_error(SKR_EX_USAGE, "unknown format '%s'", o->format);
	if (skr_extract_limits_check(&o->p.lim))
		return SKR_EX_USAGE;
	if (skr_csv_configure(o->dialect, o->raw))
		return SKR_EX_USAGE;
	if (o->list_families)
		return 0;
	if (o->jobs < 0 || o->jobs > 256)
		return skr_error(SKR_EX_USAGE, "--jobs must be 1 to 256");
	if (o->outdir && (o->output || o->source))
		return skr_error(SKR_EX_USAGE, "-O takes neither -o nor --source");
	if (o->outdir ? argc < 2 && !o->files_from : argc != 2)
		return skr_error(SKR_EX_USAGE, "usage: skrapa [OPTIONS] FILE.pdf "
				 "| -O DIR FILE.pdf... (see --help)");
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { .p.lim = SKR_EXTRACT_LIMITS_DEFAULT };
	GOptionEntry entries[] = {
		SKR_OPT_OUTPUT(&o.output, "write to FILE (atomically; default "
			       "stdout)"),
		SKR_OPT_FORMAT(&o.format),
		SKR_OPT_CSV_DIALECT(&o.dialect),
		SKR_OPT_CSV_RAW(&o.raw),
		{ "source", 0, 0, G_OPTION_ARG_FILENAME, &o.source,
		  "name to record as the report's source (default FILE)",
		  "NAME" },
		SKR_OPT_RULES(&o.rules),
		SKR_OPT_FAMILY(&o.family),
		{ "output-dir", 'O', 0, G_OPTION_ARG_FILENAME, &o.outdir,
		  "many files: convert each FILE (\"-\": names read from stdin, "
		  "one a line) into DIR/NAME.xml (.csv, .json), each independently; "
		  "prints \"FILE<TAB>CODE<TAB>NAME<TAB>OUTPUT or message\" per "
		  "file, exits 1 when some failed", "DIR" },
		{ "files-from", 0, 0, G_OPTION_ARG_FILENAME, &o.files_from,
		  "with -O: also convert the files named in LIST (\"-\": stdin)",
		  "LIST" },
		SKR_OPT_QUIET(&o.quiet, "with -O: no line per file"),
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &o.jobs,
		  "with -O: convert N files at a time (default 1; lines are "
		  "then printed as files finish)", "N" },
		SKR_OPT_VALIDATE(&o.validate),
		{ "list-families", 0, 0, G_OPTION_ARG_NONE, &o.list_families,
		  "print each rule file's family, revision and file name, and "
		  "the family's vocabulary file (\"-\": none)", NULL },
		SKR_OPT_END
	};
	GOptionContext *ctx = skr_cli_new("skrapa", "FILE.pdf | -O DIR "
					  "FILE.pdf...", "Converts PDF reports "
					  "to XML or CSV (extract, parse and "
					  "emit in one process).", entries);
	int rc;

	skr_extract_add_options(ctx, &o.p.lim);
	if ((rc = skr_cli_parse(ctx, &argc, &argv, 0, -1)) == 0 &&
	    (rc = usage_ok(argc, &o)) == 0)
		rc = run(argc, argv, &o);
	g_free(o.output);
	g_free(o.format);
	g_free(o.source);
	g_free(o.rules);
	g_free(o.family);
	g_free(o.dialect);
	g_free(o.outdir);
	g_free(o.files_from);
	return rc == SKR_CLI_DONE ? 0 : rc;
}
