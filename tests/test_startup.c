/* test_startup.c - what a run loads and compiles before it works: the OCR
 * module opened only for a page that needs OCR (and a clear exit 14 when it
 * is missing), programs linked without the libraries they do not call, and
 * rule patterns compiled only for the file a document is given to.
 * Not OCR quality (test_ocr.c) nor the rule language (rule cases). */
#include "testutil.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/layout.h>
#include <skrapa/parse.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <criterion/criterion.h>
#include <string.h>
#include <sys/wait.h>

/* Runs ARGV with VAR=VALUE in its environment; its exit code (-1 when it
 * did not exit), its stderr in *ERR (caller frees). */
static int run_env(const char *const *argv, const char *var,
		   const char *value, char **err)
{
	char **env = g_environ_setenv(g_get_environ(), var, value, TRUE);
	int status = 0;
	gboolean ok = g_spawn_sync(NULL, (char **)argv, env, 0, NULL, NULL,
				   NULL, err, &status, NULL);

	g_strfreev(env);
	return ok && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A one-page PDF that shows only an image (a scan) at PATH. */
static void draw_scan(const char *path)
{
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							  200, 280);
	cairo_surface_t *pdf = cairo_pdf_surface_create(path, 595, 842);
	cairo_t *cr = cairo_create(img);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_rectangle(cr, 20, 20, 120, 8);
	cairo_fill(cr);
	cairo_destroy(cr);
	cr = cairo_create(pdf);
	cairo_scale(cr, 595 / 200.0, 842 / 280.0);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(pdf);
	cairo_surface_destroy(img);
}

/* A scanned page without the module: exit 14, saying what is missing and
 * what to do; the same program converts a text PDF without ever opening
 * it. */
Test(ocrmodule, missing_module_only_matters_for_a_scan)
{
	char *dir = tu_tmpdir(), *prog = tu_prog("skrapa-extract");
	char *scan = g_build_filename(dir, "scan.pdf", NULL);
	char *out = g_build_filename(dir, "x.layout", NULL), *err = NULL;
	const char *gone = "/nonexistent/skrapa-ocr.so";

	draw_scan(scan);
	const char *a[] = { prog, scan, "-o", out, NULL };
	cr_expect_eq(run_env(a, "SKRAPA_OCR_MODULE", gone, &err),
		     SKR_EX_NO_TEXT, "%s", err);
	cr_expect(strstr(err, "a page needs OCR, and the OCR module "
			 "'/nonexistent/skrapa-ocr.so' cannot be loaded"),
		  "%s", err);
	cr_expect(strstr(err, "--ocr never"), "%s", err);
	cr_expect(!g_file_test(out, G_FILE_TEST_EXISTS), "partial output");
	g_free(err);
	const char *b[] = { prog, "corpus/alingsas-2025-kf-103-"
			    "protokollsutdrag.pdf", "-o", out, NULL };
	cr_expect_eq(run_env(b, "SKRAPA_OCR_MODULE", gone, &err), 0, "%s",
		     err);
	g_free(err);
	const char *c[] = { prog, "--ocr", "never", scan, "-o", out, NULL };
	cr_expect_eq(run_env(c, "SKRAPA_OCR_MODULE", gone, &err),
		     SKR_EX_NO_TEXT);
	cr_expect(!strstr(err, "OCR module"), "%s", err);
	g_free(err);
	tu_rmtree(dir);
	g_free(out);
	g_free(scan);
	g_free(prog);
	g_free(dir);
}

/* The libraries PROG needs (readelf's NEEDED entries), one a line. */
static char *needed(const char *name)
{
	char *prog = tu_prog(name), *out = NULL;
	const char *a[] = { "readelf", "-d", prog, NULL };

	cr_assert_eq(tu_run(a, &out, NULL), 0, "readelf -d %s", prog);
	g_free(prog);
	return out;
}

/* Tesseract, Leptonica and cairo are the module's; parse and emit need no
 * Poppler. */
Test(ocrmodule, programs_link_only_what_they_call)
{
	const char *progs[] = { "skrapa", "skrapa-extract", "skrapa-parse",
				"skrapa-emit", "skrapa-index" };

	for (size_t i = 0; i < G_N_ELEMENTS(progs); i++) {
		char *n = needed(progs[i]);
		cr_expect(!strstr(n, "libtesseract") && !strstr(n, "liblept") &&
			  !strstr(n, "libcairo"), "%s: %s", progs[i], n);
		if (strcmp(progs[i], "skrapa-parse") == 0 ||
		    strcmp(progs[i], "skrapa-emit") == 0)
			cr_expect(!strstr(n, "libpoppler"), "%s: %s", progs[i],
				  n);
		g_free(n);
	}
	char *m = needed("skrapa-ocr.so");
	cr_expect(strstr(m, "libtesseract"), "%s", m);
	g_free(m);
}

#if !defined(__SANITIZE_ADDRESS__)
/* The programs that load Poppler name mimalloc first, so its malloc and
 * free (and libstdc++'s new and delete through them) are the process's;
 * parse and emit keep glibc's.  Sanitizer builds leave it out. */
Test(ocrmodule, poppler_programs_allocate_through_mimalloc)
{
	const char *progs[] = { "skrapa", "skrapa-extract", "skrapa-index" };

	for (size_t i = 0; i < G_N_ELEMENTS(progs); i++) {
		char *n = needed(progs[i]);
		char *first = strstr(n, "(NEEDED)");

		cr_assert_not_null(first, "%s: %s", progs[i], n);
		first = strchr(first, '[');
		cr_expect(first && g_str_has_prefix(first, "[libmimalloc.so"),
			  "%s: first needed library is not mimalloc: %s",
			  progs[i], n);
		g_free(n);
	}
}
#endif

/* Rule files a.rules (sound) and b.rules (a bad rule pattern, a sound
 * signature) in a new directory.  Caller frees (tu_rmtree). */
static char *two_rule_files(void)
{
	char *dir = tu_tmpdir(), *a = g_build_filename(dir, "a.rules", NULL);
	char *b = g_build_filename(dir, "b.rules", NULL);

	cr_assert(g_file_set_contents(a, "family a\nsign 1 /Alfa/\n"
				      "field * /^Alfa (?<v>\\d+)$/\n"
				      "  emit total int ${v}\n", -1, NULL));
	cr_assert(g_file_set_contents(b, "family b\nsign 1 /Beta/\n"
				      "field * /^Beta (\\d+$/\n"
				      "  emit total int ${1}\n", -1, NULL));
	g_free(a);
	g_free(b);
	return dir;
}

/* A file's rule patterns are compiled when a document is given to it: a
 * bad one in another family's file does not stop this document, and is
 * reported (exit 21, file and line) for a document of its own family or
 * by the whole check. */
Test(lazyrules, compiled_for_the_chosen_file_only)
{
	char *dir = two_rule_files();
	skr_ruleset *rs = NULL;
	skr_layout *la = tu_one_line_layout("Alfa 42");
	skr_layout *lb = tu_one_line_layout("Beta 7");
	skr_records *r = NULL;

	cr_assert_eq(skr_rules_load_dir(&rs, dir), 0);
	cr_expect_eq(skr_parse(rs, la, NULL, &r), 0);
	cr_assert_not_null(r);
	skr_records_free(r);
	r = NULL;
	cr_expect_eq(skr_parse(rs, lb, NULL, &r), SKR_EX_BAD_RULES);
	cr_expect_null(r);
	cr_expect(strstr(skr_diag_last(), "b.rules': line 3: missing closing "
			 "parenthesis"), "%s", skr_diag_last());
	cr_expect_eq(skr_ruleset_compile(rs), SKR_EX_BAD_RULES);
	skr_ruleset_free(rs);
	skr_layout_free(la);
	skr_layout_free(lb);
	tu_rmtree(dir);
	g_free(dir);
}

/* A directory given with --rules is checked whole at load, as before. */
Test(lazyrules, rules_option_checks_every_pattern)
{
	char *dir = two_rule_files(), *prog = tu_prog("skrapa-parse");
	char *in = g_build_filename(dir, "in.layout", NULL), *err = NULL;
	const char *text = "skrapa-layout 1\ndoc\t1\t-\tt.pdf\npage\t1\t595.00"
			   "\t842.00\t-\nline\t1\t1\t70.00\t100.00\t300.00\t"
			   "114.00\t12.0\t-\t-\tAlfa 42\nend\t1\n";

	cr_assert(g_file_set_contents(in, text, -1, NULL));
	const char *a[] = { prog, "--rules", dir, in, NULL };
	cr_expect_eq(tu_run(a, NULL, &err), SKR_EX_BAD_RULES, "%s", err);
	cr_expect(strstr(err, "b.rules': line 3:"), "%s", err);
	g_free(err);
	tu_rmtree(dir);
	g_free(in);
	g_free(prog);
	g_free(dir);
}
