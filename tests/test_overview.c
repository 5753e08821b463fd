/* test_overview.c - the archive-wide outputs of an ingest run: the tables
 * equal the single-file ones, concatenated; index.html as a browser shows
 * it: headless Chromium renders the page and the test asserts on its DOM
 * (reports, heat map, bar charts, links to the page of each value, failed
 * files), skipped with a message where Chromium is not installed.  Not the
 * index itself (test_ingest.c). */
#include <criterion/criterion.h>

#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <string.h>

/* The Chromium on PATH, or NULL. */
static char *chromium(void)
{
	static const char *const names[] = { "chromium", "chromium-browser",
					     "google-chrome", NULL };
	for (int i = 0; names[i]; i++) {
		char *p = g_find_program_in_path(names[i]);
		if (p)
			return p;
	}
	return NULL;
}

/* An archive of the corpus PDFs and one file that is not a PDF, ingested
 * into DIR/out with skrapa-index scan, convert, build. */
static char *make_archive(const char *dir)
{
	char *in = g_build_filename(dir, "in", NULL);
	char *out = g_build_filename(dir, "out", NULL);
	char **pdfs = tu_corpus_pdfs();
	char *idx = tu_prog("skrapa-index"), *err = NULL, *man;
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);

	cr_assert_eq(g_mkdir_with_parents(in, 0755), 0);
	for (char **p = pdfs; *p; p++) {
		char *base = g_path_get_basename(*p);
		char *dst = g_build_filename(in, base, NULL);
		char *abs = g_canonicalize_filename(*p, NULL);
		cr_assert_eq(symlink(abs, dst), 0);
		g_free(abs);
		g_free(dst);
		g_free(base);
	}
	char *bad = g_build_filename(in, "trasig.pdf", NULL);
	cr_assert(g_file_set_contents(bad, "not a PDF\n", -1, NULL));
	const char *scan[] = { idx, "scan", in, out, NULL };
	cr_assert_eq(tu_run(scan, NULL, &err), 0, "scan: %s", err);
	g_free(err);
	man = g_build_filename(out, "manifest.tsv", NULL);
	char *text = tu_slurp(man, NULL);
	cr_assert(text);
	g_ptr_array_add(argv, g_strdup(idx));
	g_ptr_array_add(argv, g_strdup("convert"));
	g_ptr_array_add(argv, g_strdup("-q"));
	g_ptr_array_add(argv, g_strdup(out));
	char **lines = g_strsplit(text, "\n", 0);
	for (char **l = lines; *l; l++)
		if (**l)
			g_ptr_array_add(argv, g_strndup(*l, strcspn(*l, "\t")));
	g_ptr_array_add(argv, NULL);
	cr_assert_eq(tu_run((const char *const *)argv->pdata, NULL, &err), 0,
		     "convert: %s", err);
	g_free(err);
	const char *build[] = { idx, "build", "-q", out, NULL };
	cr_assert_eq(tu_run(build, NULL, NULL), 1, "build: one file failed");
	g_strfreev(lines);
	g_free(text);
	g_free(man);
	g_free(bad);
	g_ptr_array_unref(argv);
	g_free(idx);
	g_strfreev(pdfs);
	g_free(in);
	return out;
}

/* The DOM of PAGE after Chromium rendered it (caller frees). */
static xmlDoc *rendered(const char *browser, const char *page)
{
	char *profile = tu_tmpdir();
	char *udd = g_strconcat("--user-data-dir=", profile, NULL);
	char *url = g_strconcat("file://", page, NULL);
	char *out = NULL, *err = NULL;
	const char *argv[] = { "timeout", "120", browser, "--headless",
		"--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run",
		udd, "--dump-dom", url, NULL };
	int rc = tu_run(argv, &out, &err);

	cr_assert_eq(rc, 0, "chromium: %s", err);
	cr_assert(out && strstr(out, "<html"), "chromium printed no DOM: %s",
		  err);
	xmlDoc *doc = htmlReadMemory(out, (int)strlen(out), url, "UTF-8",
				     HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				     HTML_PARSE_NONET);
	cr_assert(doc);
	g_free(out);
	g_free(err);
	g_free(url);
	g_free(udd);
	tu_rmtree(profile);
	g_free(profile);
	return doc;
}

/* What the page DOC of the archive in OUT must show. */
static void check_page(xmlDoc *doc, const char *out)
{
	char **pdfs = tu_corpus_pdfs();
	double n = g_strv_length(pdfs), kk = 0;

	for (char **p = pdfs; *p; p++)
		kk += strstr(*p, "kommunkompass") != NULL;
	/* an XPath number, '=' or '>' (at least) and the value: N is every
	 * converted report, KK every Kommunkompassen report */
	const struct {
		const char *expr;
		char op;
		double want;
	} w[] = {
		/* one row per converted report, the failed file listed */
		{ "count(//table[@id='reports-table']//tr"
		  "[contains(@class,'report')])", '=', n },
		{ "count(//tr[@class='failed'])", '=', 1 },
		{ "number(//*[@id='count-failed'])", '=', 1 },
		/* codes and titles of the index are shown */
		{ "count(//td[@class='code'][.='1489'])", '>', 1 },
		{ "count(//tr[@data-family='minutes']/td[@class='title']"
		  "[string-length(.) > 10])", '>', 1 },
		/* heat map: a row per Kommunkompassen report, a cell per area */
		{ "count(//svg[@id='heatmap']//g[@class='heat-row'])", '=', kk },
		{ "count(//svg[@id='heatmap']//rect[@class='heat-cell'])", '>', 8 },
		{ "count(//rect[@class='heat-cell'][@data-theme='democracy'])",
		  '=', kk },
		/* a bar chart per Kommunkompassen report, bar height = score */
		{ "count(//svg[contains(@class,'bars')])", '=', kk },
		{ "count(//rect[@class='bar'][@height != @data-score])", '=', 0 },
		/* every value links to its PDF page; the XML links exist */
		{ "count(//rect[@class='bar']/parent::a[not(contains(@href,"
		  "'.pdf#page='))])", '=', 0 },
		{ "count(//a[@class='xml'])", '=', n },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(w); i++) {
		double got = tu_xpath_num(doc, w[i].expr);
		cr_expect(w[i].op == '=' ? got == w[i].want : got >= w[i].want,
			  "%s is %g, want %s%g", w[i].expr, got,
			  w[i].op == '=' ? "" : "at least ", w[i].want);
	}
	char *why = tu_xpath_str(doc, "string(//tr[@class='failed'])");
	cr_expect(strstr(why, "trasig.pdf") && strstr(why, "not a PDF"),
		  "failed row: %s", why);
	char *href = tu_xpath_str(doc, "string((//rect[@class='bar']"
				  "/parent::a)[1]/@href)");
	char *target = g_build_filename(out, href, NULL);
	*strchr(target, '#') = '\0';
	cr_expect(g_file_test(target, G_FILE_TEST_EXISTS), "%s", target);
	g_free(target);
	g_free(href);
	g_free(why);
	g_strfreev(pdfs);
}

/* Builds an archive in a new directory and checks its index.html as
 * BROWSER (a chromium) renders it or, with NULL, as written (parsed by
 * libxml2's HTML parser). */
static void check_archive(const char *browser)
{
	char *dir = tu_tmpdir();
	char *out = make_archive(dir);
	char *page = g_build_filename(out, "index.html", NULL);
	char *abs = g_canonicalize_filename(page, NULL);
	xmlDoc *doc = browser ? rendered(browser, abs)
		: htmlReadFile(page, "UTF-8", HTML_PARSE_NOERROR |
			       HTML_PARSE_NOWARNING | HTML_PARSE_NONET);

	cr_assert(doc, "cannot read %s", page);
	check_page(doc, out);
	xmlFreeDoc(doc);
	g_free(abs);
	g_free(page);
	g_free(out);
	tu_rmtree(dir);
	g_free(dir);
}

/* The page as a browser shows it. */
Test(overview, chromium_renders_archive, .timeout = 300)
{
	char *browser = chromium();

	if (!browser)
		cr_skip_test("chromium is not installed: the overview is not "
			     "rendered (apt-get install chromium)");
	check_archive(browser);
	g_free(browser);
}

/* The page as written, so that the content is checked where Chromium is
 * missing too. */
Test(overview, page_as_written, .timeout = 300)
{
	check_archive(NULL);
}

/* The lines of `skrapa --format FORMAT --source BASENAME PDF` for every
 * corpus PDF, header once: what the archive table must hold. */
static char *single_files(const char *format)
{
	char **pdfs = tu_corpus_pdfs();
	char *bin = tu_prog("skrapa");
	GString *all = g_string_new(NULL);

	for (char **p = pdfs; *p; p++) {
		char *base = g_path_get_basename(*p), *out = NULL;
		const char *argv[] = { bin, "--format", format, "--source", base,
				       *p, NULL };
		cr_assert_eq(tu_run(argv, &out, NULL), 0, "%s", *p);
		g_string_append(all, p == pdfs ? out : strchr(out, '\n') + 1);
		g_free(out);
		g_free(base);
	}
	g_free(bin);
	g_strfreev(pdfs);
	return g_string_free(all, FALSE);
}

/* values.csv and scores.csv are the single-file tables of the converted
 * PDFs concatenated (same header, same rows, manifest order), and
 * reports.jsonl holds one JSON report per converted PDF. */
Test(overview, archive_tables_are_single_files_concatenated, .timeout = 300)
{
	char *dir = tu_tmpdir();
	char *out = make_archive(dir);
	static const char *const t[][2] = { { "values.csv", "csv" },
					    { "scores.csv", "scores-csv" } };

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		char *path = g_build_filename(out, t[i][0], NULL);
		char *got = tu_slurp(path, NULL), *want = single_files(t[i][1]);
		cr_assert(got, "%s", path);
		cr_expect_str_eq(got, want, "%s differs from the single files",
				 t[i][0]);
		g_free(want);
		g_free(got);
		g_free(path);
	}
	char **pdfs = tu_corpus_pdfs();
	char *n = g_strdup_printf("%u", g_strv_length(pdfs));
	char *jl = g_build_filename(out, "reports.jsonl", NULL);
	const char *argv[] = { tu_python_pandas(), "tests/tabular_check.py",
			       "jsonl", jl, n, NULL };
	char *o = NULL;
	cr_expect_eq(tu_run(argv, &o, NULL), 0, "reports.jsonl: %s", o);
	g_free(o);
	g_free(jl);
	g_free(n);
	g_strfreev(pdfs);
	tu_rmtree(dir);
	g_free(out);
	g_free(dir);
}
