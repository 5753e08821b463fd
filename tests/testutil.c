/* testutil.c - running programs, temporary directories, file and corpus
 * lookups and XPath values for the tests.  Not assertions: each test file asserts its outcomes. */
#include "testutil.h"

#include <skrapa/vocab.h>

#include <criterion/criterion.h>

#include <glib/gstdio.h>
#include <libxml/xpath.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

char *tu_prog(const char *name)
{
	const char *bin = g_getenv("SKRAPA_BIN");
	return g_build_filename(bin && *bin ? bin : "bin", name, NULL);
}

int tu_run(const char *const *argv, char **out, char **err)
{
	GError *e = NULL;
	int status = 0;
	char *o = NULL, *x = NULL;

	if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
			  NULL, NULL, &o, &x, &status, &e)) {
		g_printerr("cannot run '%s': %s\n", argv[0], e->message);
		g_error_free(e);
		return -1;
	}
	if (out)
		*out = o;
	else
		g_free(o);
	if (err)
		*err = x;
	else
		g_free(x);
	if (!WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int tu_run_prog(const char *name, const char *const *args, char **out,
		char **err)
{
	const char *argv[32];
	char *prog = tu_prog(name);
	int n = 0, rc;

	argv[n++] = prog;
	while (*args && n < 31)
		argv[n++] = *args++;
	g_assert(!*args);
	argv[n] = NULL;
	rc = tu_run(argv, out, err);
	g_free(prog);
	return rc;
}

char *tu_tmpdir(void)
{
	return g_dir_make_tmp("skrapa-test-XXXXXX", NULL);
}

void tu_rmtree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (!d)
		return;
	while ((name = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, name, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			tu_rmtree(p);
		else
			g_unlink(p);
		g_free(p);
	}
	g_dir_close(d);
	g_rmdir(dir);
}

char *tu_slurp(const char *path, gsize *len)
{
	char *s = NULL;
	if (!g_file_get_contents(path, &s, len, NULL))
		return NULL;
	return s;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* tu_find_files() without the sort. */
static void find_files(GPtrArray *files, const char *dir, const char *suffix,
		       gboolean recursive)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	while (d && (n = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, n, NULL);
		if (recursive && g_file_test(p, G_FILE_TEST_IS_DIR))
			find_files(files, p, suffix, TRUE);
		else if (g_str_has_suffix(n, suffix))
			g_ptr_array_add(files, g_strdup(p));
		g_free(p);
	}
	if (d)
		g_dir_close(d);
}

void tu_find_files(GPtrArray *files, const char *dir, const char *suffix,
		   gboolean recursive)
{
	GPtrArray *found = g_ptr_array_new();

	find_files(found, dir, suffix, recursive);
	g_ptr_array_sort(found, cmp_str);
	for (guint i = 0; i < found->len; i++)
		g_ptr_array_add(files, found->pdata[i]);
	g_ptr_array_free(found, TRUE);
}

GPtrArray *tu_files(const char *dir, const char *suffix)
{
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);

	tu_find_files(files, dir, suffix, FALSE);
	return files;
}

int tu_scan_pdf(const char *pdf, const char *dir, const char *out, int dpi,
		int first, int last,
		void (*each)(const char *image, int page, void *user),
		void *user)
{
	char *prefix = g_build_filename(dir, "p", NULL);
	char res[16], f[16], l[16];
	GPtrArray *pages = NULL, *argv = g_ptr_array_new();
	int rc = -1;

	g_snprintf(res, sizeof res, "%d", dpi);
	g_snprintf(f, sizeof f, "%d", first);
	g_snprintf(l, sizeof l, "%d", last);
	const char *ppm[] = { "pdftoppm", "-r", res, "-gray", "-f", f, "-l", l,
			      pdf, prefix, NULL };
	if (tu_run(ppm, NULL, NULL) != 0)
		goto out;
	pages = tu_files(dir, ".pgm");
	if (pages->len != (guint)(last - first + 1))
		goto out;
	g_ptr_array_add(argv, (char *)"img2pdf");
	g_ptr_array_add(argv, (char *)"--pagesize");
	g_ptr_array_add(argv, (char *)"A4");
	for (guint i = 0; i < pages->len; i++) {
		if (each)
			each(pages->pdata[i], first + (int)i, user);
		g_ptr_array_add(argv, pages->pdata[i]);
	}
	g_ptr_array_add(argv, (char *)"-o");
	g_ptr_array_add(argv, (char *)out);
	g_ptr_array_add(argv, NULL);
	if (tu_run((const char *const *)argv->pdata, NULL, NULL) != 0)
		goto out;
	rc = 0;
out:
	for (guint i = 0; pages && i < pages->len; i++)
		remove(pages->pdata[i]);
	g_ptr_array_free(argv, TRUE);
	if (pages)
		g_ptr_array_free(pages, TRUE);
	g_free(prefix);
	return rc;
}

char **tu_corpus_pdfs(void)
{
	GPtrArray *a = tu_files("corpus", ".pdf");

	g_ptr_array_set_free_func(a, NULL);
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

char *tu_with_ext(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	return g_strdup_printf("%.*s%s", (int)n, path, ext);
}

int tu_count_lines(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* Appends an <include> of the absolute form of PATH to S. */
static void include_rng(GString *s, const char *path)
{
	char *abs = g_canonicalize_filename(path, NULL);
	char *esc = g_markup_escape_text(abs, -1);

	g_string_append_printf(s, "  <include href=\"%s\"/>\n", esc);
	g_free(esc);
	g_free(abs);
}

char *tu_whole_schema(const char *dir, const char *const *frags)
{
	GString *s = g_string_new("<grammar xmlns=\"http://relaxng.org/ns/"
				  "structure/1.0\">\n");
	char *path = g_build_filename(dir, "whole.rng", NULL);

	include_rng(s, "emit/skrapa.rng");
	for (; *frags; frags++) {
		GDir *d = g_dir_open(*frags, 0, NULL);
		const char *n;
		while (d && (n = g_dir_read_name(d)))
			if (g_str_has_suffix(n, ".rng")) {
				char *p = g_build_filename(*frags, n, NULL);
				include_rng(s, p);
				g_free(p);
			}
		if (d)
			g_dir_close(d);
	}
	g_string_append(s, "</grammar>\n");
	g_file_set_contents(path, s->str, (gssize)s->len, NULL);
	g_string_free(s, TRUE);
	return path;
}

const char *tu_python_pandas(void)
{
	const char *argv[] = { "python3", "-c", "import pandas", NULL };

	return tu_run(argv, NULL, NULL) == 0 ? "python3" : "/usr/bin/python3";
}

/* Every test validates every XML document it makes, in process and in the
 * programs it runs: the emitter promises schema-valid output without
 * validating at run time, and the tests check that promise (emit.h).  In
 * process, the vocabularies are the repository's (vocab.h). */
__attribute__((constructor)) static void tu_validate_everything(void)
{
	g_setenv("SKRAPA_VALIDATE", "1", TRUE);
	skr_vocab_set_dir("parse/rules");       /* the repository's families */
}

/* EXPR on DOC, or NULL when it is not XPath.  Caller frees. */
static xmlXPathObject *xpath_eval(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o = ctx ? xmlXPathEvalExpression(BAD_CAST expr, ctx)
				: NULL;

	xmlXPathFreeContext(ctx);
	return o;
}

char *tu_xpath_str(xmlDoc *doc, const char *expr)
{
	xmlXPathObject *o = xpath_eval(doc, expr);
	xmlChar *x = o ? xmlXPathCastToString(o) : NULL;
	char *s = x ? g_strdup((const char *)x) : NULL;

	xmlFree(x);
	xmlXPathFreeObject(o);
	return s;
}

double tu_xpath_num(xmlDoc *doc, const char *expr)
{
	xmlXPathObject *o = xpath_eval(doc, expr);
	double v = o ? xmlXPathCastToNumber(o) : NAN;

	xmlXPathFreeObject(o);
	return v;
}

skr_layout *tu_one_line_layout(const char *text)
{
	char *buf = g_strdup_printf("skrapa-layout 1\ndoc\t1\t-\tt.pdf\n"
				    "page\t1\t595.00\t842.00\t-\nline\t1\t1\t"
				    "70.00\t100.00\t300.00\t114.00\t12.0\t-\t-"
				    "\t%s\nend\t1\n", text);
	skr_layout *l = NULL;

	cr_assert_eq(skr_layout_read(&l, buf, strlen(buf), "t.layout", 100),
		     0, "%s", buf);
	g_free(buf);
	return l;
}
