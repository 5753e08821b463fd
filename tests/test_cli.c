/* test_cli.c - the command line shared by every program (cli.h) and
 * skrapa's many-files mode (-O): --version, one meaning per short letter,
 * --list-families, per-file outcomes, write errors with their reason. */
#include "testutil.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/pipeline.h>

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const programs[] = { "skrapa", "skrapa-extract",
	"skrapa-parse", "skrapa-emit", "skrapa-index" };

Test(cli, version_everywhere)
{
	for (size_t i = 0; i < G_N_ELEMENTS(programs); i++) {
		const char *args[] = { "--version", NULL };
		char *want = g_strdup_printf("%s ", programs[i]), *out = NULL;
		cr_assert_eq(tu_run_prog(programs[i], args, &out, NULL), 0, "%s",
			     programs[i]);
		cr_expect(g_str_has_prefix(out, want), "%s: %s", programs[i], out);
		cr_expect(strstr(out, "\nrules: ") && strstr(out, "\nschema: "));
		g_free(want);
		g_free(out);
	}
}

/* -f is --format and -F is --family wherever the option exists. */
Test(cli, short_letters_mean_the_same)
{
	char *out = NULL, *recs = NULL;
	const char *e[] = { "-f", "scores-csv",
			    "corpus/alingsas-2022-kommunkompass.records", NULL };
	const char *p[] = { "-F", "minutes",
			    "corpus/alingsas-2022-kommunkompass.layout", NULL };

	cr_assert_eq(tu_run_prog("skrapa-emit", e, &out, NULL), 0);
	cr_expect(g_str_has_prefix(out, "source,family,revision,municipality,"));
	cr_assert_eq(tu_run_prog("skrapa-parse", p, &recs, NULL), 0);
	cr_expect(strstr(recs, "\nmeta\tfamily\tminutes\n") != NULL);
	g_free(out);
	g_free(recs);
}

Test(cli, list_families_names_every_rule_file)
{
	const char *args[] = { "--list-families", NULL };
	GPtrArray *rules = tu_files("parse/rules", ".rules");
	char *out = NULL;

	cr_assert_eq(tu_run_prog("skrapa", args, &out, NULL), 0);
	cr_assert(rules->len > 0);
	for (guint i = 0; i < rules->len; i++) {
		char *n = g_path_get_basename(rules->pdata[i]);
		char *tail = g_strdup_printf("\t%s\t", n);
		cr_expect(strstr(out, tail), "%s missing in:\n%s", n, out);
		g_free(tail);
		g_free(n);
	}
	cr_expect(strstr(out, "kommunkompass\t2020\tkommunkompass-2020.rules"
			 "\tkommunkompass.vocab\n"), "%s", out);
	g_ptr_array_unref(rules);
	g_free(out);
}

Test(cli, write_error_names_file_and_reason)
{
	const char *argv[] = { "sh", "-c", "\"$0\" corpus/alingsas-2022-"
		"kommunkompass.records >/dev/full", NULL, NULL };
	char *p = tu_prog("skrapa-emit"), *err = NULL;

	argv[3] = p;
	cr_assert_eq(tu_run(argv, NULL, &err), 3);
	cr_expect(strstr(err, "skrapa-emit: cannot write 'standard output': No space "
			 "left on device"), "%s", err);
	g_free(err);
	g_free(p);
}

/* Writes a file that is not a PDF into DIR; returns its path. */
static char *not_a_pdf(const char *dir)
{
	char *path = g_build_filename(dir, "bad.pdf", NULL);
	cr_assert(g_file_set_contents(path, "hello\n", -1, NULL));
	return path;
}

Test(many, each_file_independent_with_its_exit_code)
{
	char *dir = tu_tmpdir(), *bad = not_a_pdf(dir), *p = tu_prog("skrapa");
	char *outdir = g_build_filename(dir, "out", NULL), *out = NULL;
	char **pdfs = tu_corpus_pdfs();
	const char *argv[] = { p, "-O", outdir, pdfs[0], bad, pdfs[1], NULL };
	char **lines;

	cr_assert_eq(tu_run(argv, &out, NULL), 1);
	lines = g_strsplit(out, "\n", -1);
	cr_assert_eq(g_strv_length(lines), 4, "%s", out);
	for (int i = 0; i < 3; i++) {
		char **f = g_strsplit(lines[i], "\t", -1);
		const char *in = argv[3 + i];
		cr_assert_eq(g_strv_length(f), 4);
		cr_expect_str_eq(f[0], in);
		cr_expect_str_eq(f[1], in == bad ? "10" : "0");
		cr_expect_str_eq(f[2], in == bad ? "NOT_PDF" : "OK");
		if (in != bad) {
			/* same bytes as the one-file mode */
			char *one = g_build_filename(dir, "one.xml", NULL), *a, *b;
			const char *single[] = { p, (char *)in, "-o", one, NULL };
			cr_assert_eq(tu_run(single, NULL, NULL), 0);
			a = tu_slurp(f[3], NULL);
			b = tu_slurp(one, NULL);
			cr_assert(a && b);
			cr_expect_str_eq(a, b, "%s", in);
			g_free(a);
			g_free(b);
			g_free(one);
		} else {
			cr_expect(strstr(f[3], "not a PDF"), "%s", f[3]);
		}
		g_strfreev(f);
	}
	char *nothing = g_build_filename(outdir, "bad.xml", NULL);
	cr_expect(!g_file_test(nothing, G_FILE_TEST_EXISTS));
	g_free(nothing);
	g_strfreev(lines);
	g_strfreev(pdfs);
	tu_rmtree(dir);
	g_free(outdir);
	g_free(out);
	g_free(bad);
	g_free(dir);
	g_free(p);
}

/* Names on stdin ("-") and in --files-from; a name taken twice fails. */
Test(many, file_lists_and_name_clash)
{
	char *dir = tu_tmpdir(), *p = tu_prog("skrapa"), *out = NULL;
	char *list = g_build_filename(dir, "list", NULL);
	char *outdir = g_build_filename(dir, "out", NULL);
	char *sub = g_build_filename(dir, "sub", NULL);
	char *copy = g_build_filename(sub, "a.pdf", NULL);
	char **pdfs = tu_corpus_pdfs(), *data = NULL, *script;
	gsize len;

	cr_assert_eq(g_mkdir(sub, 0700), 0);
	cr_assert(g_file_get_contents(pdfs[0], &data, &len, NULL));
	cr_assert(g_file_set_contents(copy, data, (gssize)len, NULL));
	char *l = g_strdup_printf("%s\n", copy);
	cr_assert(g_file_set_contents(list, l, -1, NULL));
	script = g_strdup_printf("printf '%%s\\n' '%s' | \"$0\" -f csv -O '%s' "
				 "--files-from '%s' -", pdfs[0], outdir, list);
	const char *argv[] = { "sh", "-c", script, p, NULL };
	int rc = tu_run(argv, &out, NULL);

	cr_expect_eq(rc, 0, "%s", out);
	cr_expect_eq(tu_count_lines(out), 2, "%s", out);
	char *first = g_path_get_basename(pdfs[0]);
	first[strlen(first) - 4] = '\0';
	char *csv = g_strdup_printf("%s/%s.csv", outdir, first);
	cr_expect(g_file_test(csv, G_FILE_TEST_IS_REGULAR), "%s", csv);
	char *acsv = g_build_filename(outdir, "a.csv", NULL);
	cr_expect(g_file_test(acsv, G_FILE_TEST_IS_REGULAR));

	/* the same base name twice: the second fails, the first stands */
	const char *clash[] = { p, "-O", outdir, copy, copy, NULL };
	g_free(out);
	cr_expect_eq(tu_run(clash, &out, NULL), 1);
	cr_expect(strstr(out, "\t0\tOK\t"), "%s", out);
	cr_expect(strstr(out, "\t2\tUSAGE\t"), "%s", out);
	char *axml = g_build_filename(outdir, "a.xml", NULL);
	cr_expect(g_file_test(axml, G_FILE_TEST_IS_REGULAR));
	g_free(axml);

	tu_rmtree(dir);
	g_strfreev(pdfs);
	g_free(acsv);
	g_free(csv);
	g_free(first);
	g_free(l);
	g_free(script);
	g_free(data);
	g_free(copy);
	g_free(sub);
	g_free(outdir);
	g_free(list);
	g_free(out);
	g_free(dir);
	g_free(p);
}

struct seen {
	GPtrArray *lines;
};

static void collect(const skr_batch_result *res, void *user)
{
	struct seen *s = user;
	g_ptr_array_add(s->lines, g_strdup_printf("%u %d %s", res->index,
						  res->rc, res->output));
}

/* The library entry point of bulk drivers: explicit outputs and sources,
 * the callback once per item in order, a missing PDF failing alone. */
Test(many, library_items_with_outputs_and_sources)
{
	char *dir = tu_tmpdir(), **pdfs = tu_corpus_pdfs();
	char *out0 = g_build_filename(dir, "first.xml", NULL);
	char *out2 = g_build_filename(dir, "third.xml", NULL);
	skr_batch_item items[] = {
		{ pdfs[0], out0, "archive/2022/report.pdf" },
		{ "no-such.pdf", NULL, NULL },
		{ pdfs[0], out2, NULL },
	};
	skr_pipeline_opts o = { .format = SKR_FORMAT_XML,
				.lim = SKR_EXTRACT_LIMITS_DEFAULT };
	struct seen s = { g_ptr_array_new_with_free_func(g_free) };
	skr_ruleset *rs = NULL;
	char *xml, *want;

	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
	skr_diag_set_quiet(1);
	cr_assert_eq(skr_rules_load_dir(&rs, "parse/rules"), 0);
	cr_expect_eq(skr_pipeline_convert_many(rs, items, 3, dir, &o, collect,
					       &s), 1);
	cr_assert_eq(s.lines->len, 3);
	want = g_strdup_printf("0 0 %s", out0);
	cr_expect_str_eq(s.lines->pdata[0], want);
	g_free(want);
	want = g_strdup_printf("1 3 %s/no-such.xml", dir);
	cr_expect_str_eq(s.lines->pdata[1], want);
	g_free(want);
	xml = tu_slurp(out0, NULL);
	cr_assert(xml);
	cr_expect(strstr(xml, "source=\"archive/2022/report.pdf\""));
	g_free(xml);
	cr_expect(g_file_test(out2, G_FILE_TEST_IS_REGULAR));
	skr_ruleset_free(rs);
	g_ptr_array_free(s.lines, TRUE);
	g_strfreev(pdfs);
	tu_rmtree(dir);
	g_free(out0);
	g_free(out2);
	g_free(dir);
}

static gint cmp_line(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* -j 2: the same outcomes and files as one at a time, each reported once. */
Test(many, jobs_same_outcomes)
{
	char *dir = tu_tmpdir(), *bad = not_a_pdf(dir), *p = tu_prog("skrapa");
	char *d1 = g_build_filename(dir, "one", NULL);
	char *d2 = g_build_filename(dir, "two", NULL);
	char **pdfs = tu_corpus_pdfs(), *o1 = NULL, *o2 = NULL;
	const char *a1[] = { p, "-O", d1, pdfs[0], bad, pdfs[1], pdfs[2], NULL };
	const char *a2[] = { p, "-j", "2", "-O", d2, pdfs[0], bad, pdfs[1],
			     pdfs[2], NULL };

	cr_assert_eq(tu_run(a1, &o1, NULL), 1);
	cr_assert_eq(tu_run(a2, &o2, NULL), 1);
	char **l1 = g_strsplit(o1, "\n", -1), **l2 = g_strsplit(o2, "\n", -1);
	guint n = g_strv_length(l1);
	cr_assert_eq(n, 5, "%s", o1);
	cr_assert_eq(g_strv_length(l2), n, "%s", o2);
	for (guint i = 0; i < n; i++) {         /* outputs differ by dir */
		char *t = strstr(l2[i], d2);
		if (t)
			memcpy(t, d1, strlen(d1));
	}
	qsort(l1, n, sizeof *l1, cmp_line);
	qsort(l2, n, sizeof *l2, cmp_line);
	for (guint i = 0; i < n; i++)
		cr_expect_str_eq(l1[i], l2[i]);
	for (int i = 0; i < 3; i++) {
		char *b = g_path_get_basename(pdfs[i]), *x1, *x2, *f1, *f2;
		b[strlen(b) - 4] = '\0';
		f1 = g_strdup_printf("%s/%s.xml", d1, b);
		f2 = g_strdup_printf("%s/%s.xml", d2, b);
		x1 = tu_slurp(f1, NULL);
		x2 = tu_slurp(f2, NULL);
		cr_assert(x1 && x2);
		cr_expect_str_eq(x1, x2, "%s", b);
		g_free(x1); g_free(x2); g_free(f1); g_free(f2); g_free(b);
	}
	g_strfreev(l1);
	g_strfreev(l2);
	g_strfreev(pdfs);
	tu_rmtree(dir);
	g_free(o1); g_free(o2); g_free(d1); g_free(d2);
	g_free(bad); g_free(dir); g_free(p);
}

/* What a bulk driver (skrapa-index) gets from the many-files mode: its
 * child_setup hook runs in each child and may change the options; each
 * outcome says whether the child reported it, its wait status and its
 * warnings. */
static void max_one_page(const skr_batch_item *it, skr_pipeline_opts *po,
			 void *user)
{
	(void)user;
	if (g_str_has_suffix(it->output, "short.xml"))
		po->lim.max_pages = 1;
}

static void keep_result(const skr_batch_result *res, void *user)
{
	((skr_batch_result *)user)[res->index] = *res;
	((skr_batch_result *)user)[res->index].message = NULL;  /* not kept */
}

Test(many, child_setup_and_outcomes)
{
	char *dir = tu_tmpdir();
	char *a = g_build_filename(dir, "whole.xml", NULL);
	char *b = g_build_filename(dir, "short.xml", NULL);
	const char *pdf = "corpus/amal-2019-kommunkompass.pdf";
	skr_batch_item items[] = { { pdf, a, NULL }, { pdf, b, NULL } };
	skr_pipeline_opts o = { .format = SKR_FORMAT_XML,
				.lim = SKR_EXTRACT_LIMITS_DEFAULT,
				.child_setup = max_one_page };
	skr_batch_result res[2];
	skr_ruleset *rs = NULL;

	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
	skr_diag_set_quiet(1);
	cr_assert_eq(skr_rules_load_dir(&rs, "parse/rules"), 0);
	cr_expect_eq(skr_pipeline_convert_many(rs, items, 2, NULL, &o,
					       keep_result, res), 1);
	cr_expect(res[0].reported && res[0].rc == 0 && res[0].warnings > 0 &&
		  WIFEXITED(res[0].status) && WEXITSTATUS(res[0].status) == 0,
		  "rc %d, %u warnings", res[0].rc, res[0].warnings);
	cr_expect(res[1].reported && res[1].rc == SKR_EX_TOO_LARGE &&
		  WEXITSTATUS(res[1].status) == SKR_EX_TOO_LARGE,
		  "rc %d", res[1].rc);
	cr_expect(g_file_test(a, G_FILE_TEST_IS_REGULAR));
	cr_expect(!g_file_test(b, G_FILE_TEST_EXISTS));
	skr_ruleset_free(rs);
	tu_rmtree(dir);
	g_free(a);
	g_free(b);
	g_free(dir);
}

/* In each child: its process id into DIR/<output's name>.pid.  The parent
 * forks the children in the order it starts them, so their ids (given in
 * increasing order, short of a wrap of the id space) tell that order. */
static void note_pid(const skr_batch_item *it, skr_pipeline_opts *po,
		     void *user)
{
	char *base = g_path_get_basename(it->output);
	char *name = g_strdup_printf("%s/%s.pid", (const char *)user, base);
	char *pid = g_strdup_printf("%ld", (long)getpid());

	(void)po;
	g_file_set_contents(name, pid, -1, NULL);
	g_free(pid);
	g_free(name);
	g_free(base);
}

static long pid_of(const char *dir, const char *output)
{
	char *name = g_strdup_printf("%s/%s.pid", dir, output), *text = NULL;
	long pid = -1;

	if (g_file_get_contents(name, &text, NULL, NULL))
		pid = atol(text);
	g_free(text);
	g_free(name);
	return pid;
}

/* With two jobs the largest file starts first although it is given last:
 * its child is forked before both small files' children. */
Test(many, jobs_start_largest_first)
{
	char *dir = tu_tmpdir();
	char *out[3];
	const char *small = "corpus/alingsas-2025-kf-103-protokollsutdrag.pdf";
	const char *large = "corpus/amal-2019-kommunkompass.pdf";
	const char *names[] = { "small1.xml", "small2.xml", "large.xml" };
	skr_batch_item items[3];
	skr_pipeline_opts o = { .format = SKR_FORMAT_XML, .jobs = 2,
				.lim = SKR_EXTRACT_LIMITS_DEFAULT,
				.child_setup = note_pid };
	skr_ruleset *rs = NULL;
	long p[3];

	for (int i = 0; i < 3; i++) {
		out[i] = g_build_filename(dir, names[i], NULL);
		items[i] = (skr_batch_item){ i < 2 ? small : large, out[i],
					     NULL };
	}
	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
	skr_diag_set_quiet(1);
	cr_assert_eq(skr_rules_load_dir(&rs, "parse/rules"), 0);
	cr_expect_eq(skr_pipeline_convert_many(rs, items, 3, NULL, &o, NULL,
					       dir), 0);
	for (int i = 0; i < 3; i++) {
		p[i] = pid_of(dir, names[i]);
		cr_expect(p[i] > 0, "%s: no process id", names[i]);
		cr_expect(g_file_test(out[i], G_FILE_TEST_IS_REGULAR));
		g_free(out[i]);
	}
	cr_expect(p[2] < p[0] && p[2] < p[1], "started in order %ld %ld, "
		  "large %ld", p[0], p[1], p[2]);
	skr_ruleset_free(rs);
	tu_rmtree(dir);
	g_free(dir);
}
