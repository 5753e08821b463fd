/* test_extract_features.c - data-driven tests of skrapa-extract's layout
 * features: each tests/data/extract/NAME.spec is drawn into a PDF, extracted
 * with $SKRAPA_BIN/skrapa-extract, and compared with NAME.expect.
 * Not a test of the layout format itself (that is common/layout.c's).
 *
 * NAME.expect: '#' comments and blank lines ignored; otherwise
 *   page<TAB>N<TAB>PFLAGS             before the lines of page N
 *   BLOCK<TAB>FLAGS<TAB>BULLET<TAB>TEXT   one per layout line, in order
 * BLOCK is renumbered 1, 2, 3 ... in order of first appearance, so only the
 * partition of the lines into blocks matters; FLAGS, BULLET and TEXT are as
 * in layout.h (TEXT escaped as there).  Coordinates and sizes are not
 * compared. */
#include "pdfdraw.h"
#include "testutil.h"

#include <skrapa/layout.h>
#include <skrapa/outfile.h>
#include <skrapa/textio.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#define DATA_DIR "tests/data/extract"
#define DOCS_DIR "tests/data/docs"
#define MAX_CASES 64
#define MAX_FILE (4 << 20)

struct xcase {
	char name[64];
};

static void free_cases(struct criterion_test_params *p)
{
	cr_free(p->params);
}

/* The NAME of every DIR/NAME.spec, for a parameterized test. */
static struct criterion_test_params spec_cases(const char *dirname)
{
	struct xcase *cases = cr_calloc(MAX_CASES, sizeof *cases);
	GDir *dir = g_dir_open(dirname, 0, NULL);
	const char *f;
	size_t n = 0;

	while (dir && (f = g_dir_read_name(dir)) && n < MAX_CASES) {
		size_t len = strlen(f);
		if (len > 5 && len - 5 < sizeof cases->name
		    && g_str_has_suffix(f, ".spec"))
			g_strlcpy(cases[n++].name, f, len - 4);
	}
	if (dir)
		g_dir_close(dir);
	return cr_make_param_array(struct xcase, cases, n, free_cases);
}

ParameterizedTestParameters(extract_features, spec)
{
	return spec_cases(DATA_DIR);
}

ParameterizedTestParameters(extract_features, docs_render)
{
	return spec_cases(DOCS_DIR);
}

/* The layout L in the .expect form (caller frees). */
static char *layout_to_expect(const skr_layout *l)
{
	GString *s = g_string_new("");
	GHashTable *renum = g_hash_table_new(g_direct_hash, g_direct_equal);
	int page = 0;

	for (guint i = 0; i < l->lines->len; i++) {
		const skr_line *ln = l->lines->pdata[i];
		while (page < ln->page && page < (int)l->pages->len) {
			const skr_page *pg = &g_array_index(l->pages, skr_page,
							    page);
			g_string_append_printf(s, "page\t%d\t%s\n", pg->number,
				pg->flags & SKR_PAGE_NOTEXT ? "T" : "-");
			page++;
		}
		gpointer key = GINT_TO_POINTER(ln->block);
		if (!g_hash_table_contains(renum, key))
			g_hash_table_insert(renum, key, GUINT_TO_POINTER(
				g_hash_table_size(renum) + 1));
		g_string_append_printf(s, "%u\t",
			GPOINTER_TO_UINT(g_hash_table_lookup(renum, key)));
		skr_line_append_tail(s, ln);
	}
	for (; page < (int)l->pages->len; page++)
		g_string_append_printf(s, "page\t%d\t%s\n", page + 1,
			g_array_index(l->pages, skr_page, page).flags
			& SKR_PAGE_NOTEXT ? "T" : "-");
	g_hash_table_destroy(renum);
	return g_string_free(s, FALSE);
}

/* The .expect file without comments and blank lines (caller frees). */
static char *read_expect(const char *path)
{
	char *buf = NULL, **lines;
	size_t len;
	GString *s = g_string_new("");

	cr_assert_eq(skr_read_file(path, MAX_FILE, &buf, &len), 0,
		     "cannot read %s", path);
	lines = g_strsplit(buf, "\n", -1);
	for (int i = 0; lines[i]; i++)
		if (*lines[i] && *lines[i] != '#')
			g_string_append_printf(s, "%s\n", lines[i]);
	g_strfreev(lines);
	g_free(buf);
	return g_string_free(s, FALSE);
}

/* Asserts that GOT equals WANT, naming the first differing line. */
static void compare(const char *name, const char *want, const char *got)
{
	char **w = g_strsplit(want, "\n", -1), **g = g_strsplit(got, "\n", -1);
	int i = 0;

	while (w[i] && g[i] && !strcmp(w[i], g[i]))
		i++;
	if (w[i] || g[i])
		cr_expect_fail("%s: record %d differs\n  want: %s\n  got:  %s"
			       "\n--- whole output ---\n%s", name, i + 1,
			       w[i] ? w[i] : "(end)", g[i] ? g[i] : "(end)",
			       got);
	g_strfreev(w);
	g_strfreev(g);
}

/* Runs skrapa-extract on PDF into OUT; asserts it exits 0. */
static void run_extract(const char *pdf, const char *out)
{
	const char *args[] = { pdf, "-o", out, NULL };
	char *err = NULL;
	int rc = tu_run_prog("skrapa-extract", args, NULL, &err);

	cr_assert_eq(rc, 0, "skrapa-extract %s failed (exit %d): %s", pdf, rc,
		     err);
	g_free(err);
}

ParameterizedTest(struct xcase *c, extract_features, spec, .timeout = 30)
{
	char *tmp = g_dir_make_tmp("skrapa-xf-XXXXXX", NULL);
	char *spec = g_strdup_printf(DATA_DIR "/%s.spec", c->name);
	char *expect = g_strdup_printf(DATA_DIR "/%s.expect", c->name);
	char *pdf = g_build_filename(tmp, "doc.pdf", NULL);
	char *out = g_build_filename(tmp, "doc.layout", NULL);
	char *buf = NULL, *got, *want = read_expect(expect);
	size_t len;
	skr_layout *l = NULL;

	cr_assert_not_null(tmp);
	cr_assert_eq(pdfdraw_render(spec, pdf), 0, "cannot draw %s", spec);
	run_extract(pdf, out);
	cr_assert_eq(skr_read_file(out, MAX_FILE, &buf, &len), 0);
	cr_assert_eq(skr_layout_read(&l, buf, len, out, 100000), 0,
		     "%s: extract wrote a malformed layout", c->name);
	got = layout_to_expect(l);
	compare(c->name, want, got);
	g_free(got);
	skr_layout_free(l);
	g_free(buf);
	g_unlink(out);
	g_unlink(pdf);
	g_rmdir(tmp);
	g_free(want);
	g_free(out);
	g_free(pdf);
	g_free(expect);
	g_free(spec);
	g_free(tmp);
}

/* The parse-stage documents: each spec draws, and into as many pages as its
 * truth file's "page_count" says. */
ParameterizedTest(struct xcase *c, extract_features, docs_render,
		  .timeout = 30)
{
	char *tmp = g_dir_make_tmp("skrapa-xd-XXXXXX", NULL);
	char *spec = g_strdup_printf(DOCS_DIR "/%s.spec", c->name);
	char *truth = g_strdup_printf(DOCS_DIR "/%s.truth.json", c->name);
	char *pdf = g_build_filename(tmp, "doc.pdf", NULL);
	char *buf = NULL, *uri, *want;
	size_t len;

	cr_assert_not_null(tmp);
	cr_assert_eq(pdfdraw_render(spec, pdf), 0, "cannot draw %s", spec);
	cr_assert_eq(skr_read_file(truth, MAX_FILE, &buf, &len), 0);
	uri = g_filename_to_uri(pdf, NULL, NULL);
	PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, NULL);
	cr_assert_not_null(doc, "%s: drawn PDF does not open", c->name);
	want = g_strdup_printf("\"page_count\": *%d\\b",
			       poppler_document_get_n_pages(doc));
	cr_expect(g_regex_match_simple(want, buf, 0, 0),
		  "%s: truth lacks %s", c->name, want);
	g_object_unref(doc);
	g_unlink(pdf);
	g_rmdir(tmp);
	g_free(want);
	g_free(uri);
	g_free(buf);
	g_free(pdf);
	g_free(truth);
	g_free(spec);
	g_free(tmp);
}
