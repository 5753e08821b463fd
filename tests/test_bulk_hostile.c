/* test_bulk_hostile.c - a bulk run (make ingest) over the corpus mixed with
 * the hostile set of tests/hostile.sh: every good file converted, every bad
 * one in failures.tsv with the exit code extract gives it alone
 * (tests/data/hostile/expect.tsv), and no partial file anywhere.
 * Not the single-file expectations (test_hostile.c) nor make's incremental
 * behaviour (test_ingest.c). */
#include "testutil.h"

#include <criterion/criterion.h>
#include <string.h>

/* expect.tsv: case -> expected exit code, for the cases run without
 * options (generated files only: the kept regression inputs are not
 * PDFs of an archive). */
static GHashTable *expected_exits(void)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      NULL);
	char *s = tu_slurp("tests/data/hostile/expect.tsv", NULL);
	char **lines = g_strsplit(s, "\n", -1);

	for (int i = 0; lines[i]; i++) {
		char **f = g_strsplit(lines[i], "\t", 5);
		if (lines[i][0] != '#' && g_strv_length(f) == 5 &&
		    strcmp(f[1], "-") == 0 && !strchr(f[0], '/') &&
		    g_str_has_suffix(f[0], ".pdf"))
			g_hash_table_insert(h, g_strdup(f[0]),
					    GINT_TO_POINTER(atoi(f[2])));
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(s);
	return h;
}

/* A table path -> column COL of OUT/NAME (TAB-separated). */
static GHashTable *tsv_column(const char *out, const char *name, int key,
			      int col)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free);
	char *p = g_build_filename(out, name, NULL), *s = tu_slurp(p, NULL);
	char **lines = g_strsplit(s ? s : "", "\n", -1);

	for (int i = 0; lines[i]; i++) {
		char **f = g_strsplit(lines[i], "\t", -1);
		if ((int)g_strv_length(f) > MAX(key, col))
			g_hash_table_insert(h, g_strdup(f[key]),
					    g_strdup(f[col]));
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(s);
	g_free(p);
	return h;
}

static void no_partial_files(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	while (d && (name = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, name, NULL);
		cr_expect(!strstr(name, ".tmp."), "partial file left: %s", p);
		if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			no_partial_files(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
}

/* Input NAME (top level of IN, or under hostile/) has an XML when CODE is
 * 0, else a failures.tsv row with exit CODE and no XML. */
static void check_outcome(const char *in, const char *out, const char *name,
			  int code, GHashTable *stems, GHashTable *fails)
{
	char *top = g_build_filename(in, name, NULL);
	char *rel = g_file_test(top, G_FILE_TEST_EXISTS) ? g_strdup(name)
		: g_build_filename("hostile", name, NULL);
	const char *stem = g_hash_table_lookup(stems, rel);
	const char *failed = g_hash_table_lookup(fails, rel);
	char *xml;

	cr_assert_not_null(stem, "%s not in manifest.tsv", rel);
	xml = g_strdup_printf("%s/%s.xml", out, stem);
	if (code == 0) {
		cr_expect(g_file_test(xml, G_FILE_TEST_EXISTS), "%s: no XML", rel);
		cr_expect_null(failed, "%s listed as failed", rel);
	} else {
		cr_expect(!g_file_test(xml, G_FILE_TEST_EXISTS),
			  "%s: XML for a bad file", rel);
		cr_expect_eq(failed ? atoi(failed) : -1, code,
			     "%s: failures.tsv exit %s, want %d", rel,
			     failed ? failed : "(none)", code);
	}
	g_free(xml);
	g_free(rel);
	g_free(top);
}

/* Cases of expect.tsv converted with a warning in a bulk run (as in
 * expected_exits, exit 0 and a warning message). */
static int expected_warnings(void)
{
	char *s = tu_slurp("tests/data/hostile/expect.tsv", NULL);
	char **lines = g_strsplit(s, "\n", -1);
	int n = 0;

	for (int i = 0; lines[i]; i++) {
		char **f = g_strsplit(lines[i], "\t", 5);
		n += lines[i][0] != '#' && g_strv_length(f) == 5 &&
		     strcmp(f[1], "-") == 0 && !strchr(f[0], '/') &&
		     g_str_has_suffix(f[0], ".pdf") && atoi(f[2]) == 0 &&
		     strstr(f[3], ": warning: ") != NULL;
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(s);
	return n;
}

/* The run's summary counts the conversions with warnings: at least the
 * hostile cases that warn, at most all converted. */
static void check_warnings_counted(const char *out)
{
	char *idx = tu_prog("skrapa-index"), *err = NULL;
	const char *argv[] = { idx, "summary", out, NULL };
	GMatchInfo *m = NULL;
	GRegex *re = g_regex_new("([0-9]+) converted \\(([0-9]+) with "
				 "warnings\\)", 0, 0, NULL);
	int conv, warn, want = expected_warnings();
	char *a, *b;

	tu_run(argv, NULL, &err);
	cr_assert(g_regex_match(re, err, 0, &m), "no summary: %s", err);
	conv = atoi(a = g_match_info_fetch(m, 1));
	warn = atoi(b = g_match_info_fetch(m, 2));
	g_free(a);
	g_free(b);
	cr_log_info("%d of %d converted with warnings; %d cases warn", warn,
		    conv, want);
	cr_expect(want > 0 && warn >= want && warn <= conv,
		  "%d with warnings of %d converted; %d cases warn", warn, conv,
		  want);
	g_match_info_free(m);
	g_regex_unref(re);
	g_free(err);
	g_free(idx);
}

static void run_ingest(const char *in, const char *out)
{
	char *bin = tu_prog(""), *err = NULL;
	char *a_bin = g_strdup_printf("BIN=%s", bin), *a_in =
		g_strdup_printf("IN=%s", in), *a_out = g_strdup_printf("OUT=%s", out);
	const char *argv[] = { "make", "-s", "-j2", "-f", "ingest.mk", "ingest",
			       a_bin, a_in, a_out, NULL };
	int rc = tu_run(argv, NULL, &err);
	cr_expect_eq(rc, 2, "make ingest exited %d (want 2: some failed): %s",
		     rc, err);
	g_free(err);
	g_free(a_bin);
	g_free(a_in);
	g_free(a_out);
	g_free(bin);
}

Test(bulk_hostile, good_converted_bad_listed, .timeout = 300)
{
	char *tmp = tu_tmpdir(), *in = g_build_filename(tmp, "in", NULL);
	char *out = g_build_filename(tmp, "out", NULL);
	char *bad = g_build_filename(in, "hostile", NULL);
	const char *gen[] = { "sh", "tests/hostile.sh", bad, NULL };
	char **pdfs = tu_corpus_pdfs();
	GHashTable *want = expected_exits();

	cr_assert_eq(tu_run(gen, NULL, NULL), 0, "hostile.sh failed");
	for (int i = 0; pdfs[i]; i++) {
		char *base = g_path_get_basename(pdfs[i]);
		char *dst = g_build_filename(in, base, NULL), *data;
		gsize n;
		cr_assert(g_file_get_contents(pdfs[i], &data, &n, NULL));
		cr_assert(g_file_set_contents(dst, data, n, NULL));
		g_hash_table_insert(want, g_strdup(base), GINT_TO_POINTER(0));
		g_free(data);
		g_free(dst);
		g_free(base);
	}
	run_ingest(in, out);

	GHashTable *stems = tsv_column(out, "manifest.tsv", 1, 0);
	GHashTable *fails = tsv_column(out, "failures.tsv", 0, 2);
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, want);
	while (g_hash_table_iter_next(&it, &k, &v))
		check_outcome(in, out, k, GPOINTER_TO_INT(v), stems, fails);
	no_partial_files(out);
	check_warnings_counted(out);
	g_hash_table_destroy(stems);
	g_hash_table_destroy(fails);
	g_hash_table_destroy(want);
	g_strfreev(pdfs);
	tu_rmtree(tmp);
	g_free(bad);
	g_free(out);
	g_free(in);
	g_free(tmp);
}
