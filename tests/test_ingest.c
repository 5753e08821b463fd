/* test_ingest.c - tests of `make ingest` (ingest.mk, skrapa-index) on an
 * archive built at test time from tests/data/ingest/archive.tsv: outputs,
 * failures, index.xml against emit/index.rng, scores.csv, incremental runs,
 * and a run killed midway.  Not the conversion of one PDF (other suites). */
#include "testutil.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <skrapa/exitcode.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#define DATA "tests/data/ingest"
#define MAX_NAMES 64

/* A test archive: TMP/in (the PDFs), TMP/bin (private copies of the
 * programs and rules, so touching rules disturbs nobody), sources. */
struct fx {
	char *tmp, *in, *bin, *cwd;
	const char *chunks;             /* CHUNKS= for make, or NULL */
	const char *vars[4];            /* more VAR=value for make, or NULL */
	GPtrArray *names;               /* relative paths, archive.tsv order */
	GPtrArray *from;                /* what each was made from */
};

static char *slurp(const char *path)
{
	char *s = tu_slurp(path, NULL);
	cr_assert(s, "no '%s'", path);
	return s;
}

/* The lines of PATH (caller frees with g_strfreev). */
static char **slurp_lines(const char *path)
{
	char *s = slurp(path), **lines = g_strsplit(s, "\n", -1);
	g_free(s);
	return lines;
}

static void put(const char *path, const char *data, gssize len, int mode)
{
	char *dir = g_path_get_dirname(path);
	cr_assert_eq(g_mkdir_with_parents(dir, 0755), 0);
	cr_assert(g_file_set_contents(path, data, len, NULL), "'%s'", path);
	cr_assert_eq(g_chmod(path, mode), 0);
	g_free(dir);
}

static void copy(const char *from, const char *to, int mode)
{
	char *s = NULL;
	gsize n = 0;
	cr_assert(g_file_get_contents(from, &s, &n, NULL), "no '%s'", from);
	put(to, s, n, mode);
	g_free(s);
}

/* Copies the programs and rules of $SKRAPA_BIN into FX->bin. */
static void copy_bin(struct fx *fx)
{
	const char *b = g_getenv("SKRAPA_BIN");
	char *src = g_strdup(b && *b ? b : "bin");
	char *rules = g_build_filename(src, "rules", NULL);
	GDir *d = g_dir_open(rules, 0, NULL);
	const char *n;
	const char *progs[] = { "skrapa", "skrapa-index" };

	for (size_t i = 0; i < G_N_ELEMENTS(progs); i++) {
		char *f = g_build_filename(src, progs[i], NULL);
		char *t = g_build_filename(fx->bin, progs[i], NULL);
		copy(f, t, 0755);
		g_free(f);
		g_free(t);
	}
	while (d && (n = g_dir_read_name(d))) {
		char *f = g_build_filename(rules, n, NULL);
		char *t = g_build_filename(fx->bin, "rules", n, NULL);
		if (g_str_has_suffix(n, ".rules") ||
		    g_str_has_suffix(n, ".inc"))
			copy(f, t, 0644);
		g_free(f);
		g_free(t);
	}
	if (d)
		g_dir_close(d);
	g_free(rules);
	g_free(src);
}

static void fx_init(struct fx *fx)
{
	char **lines = slurp_lines(DATA "/archive.tsv");

	fx->chunks = NULL;
	memset(fx->vars, 0, sizeof fx->vars);
	fx->tmp = g_dir_make_tmp("skrapa-ingest-XXXXXX", NULL);
	cr_assert(fx->tmp);
	fx->in = g_build_filename(fx->tmp, "in", NULL);
	fx->bin = g_build_filename(fx->tmp, "bin", NULL);
	fx->cwd = g_get_current_dir();
	fx->names = g_ptr_array_new_with_free_func(g_free);
	fx->from = g_ptr_array_new_with_free_func(g_free);
	for (char **l = lines; *l; l++) {
		char **f = g_strsplit(*l, "\t", 2);
		if (**l && **l != '#' && f[1]) {
			char *p = g_build_filename(fx->in, f[0], NULL);
			if (g_str_has_prefix(f[1], "text:"))
				put(p, f[1] + 5, -1, 0644);
			else
				copy(f[1], p, 0644);
			g_ptr_array_add(fx->names, g_strdup(f[0]));
			g_ptr_array_add(fx->from, g_strdup(f[1]));
			g_free(p);
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	cr_assert(fx->names->len > 2 && fx->names->len < MAX_NAMES);
	copy_bin(fx);
	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
}

static void fx_free(struct fx *fx)
{
	char *argv[] = { "rm", "-rf", fx->tmp, NULL };
	g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
		     NULL, NULL, NULL);
	g_free(fx->tmp);
	g_free(fx->in);
	g_free(fx->bin);
	g_free(fx->cwd);
	g_ptr_array_unref(fx->names);
	g_ptr_array_unref(fx->from);
}

/* The environment for make: the caller's, minus a parent make's flags. */
static char **make_env(void)
{
	char **env = g_get_environ();
	const char *drop[] = { "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEFILES" };

	for (size_t i = 0; i < G_N_ELEMENTS(drop); i++)
		env = g_environ_unsetenv(env, drop[i]);
	return g_environ_setenv(env, "SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
}

static char **make_argv(const struct fx *fx, const char *out)
{
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, g_strdup("make"));
	g_ptr_array_add(a, g_strdup("-j2"));
	g_ptr_array_add(a, g_strdup("-f"));
	g_ptr_array_add(a, g_strdup("ingest.mk"));
	g_ptr_array_add(a, g_strdup("ingest"));
	g_ptr_array_add(a, g_strdup_printf("BIN=%s", fx->bin));
	g_ptr_array_add(a, g_strdup_printf("IN=%s", fx->in));
	g_ptr_array_add(a, g_strdup_printf("OUT=%s", out));
	if (fx->chunks)
		g_ptr_array_add(a, g_strdup_printf("CHUNKS=%s", fx->chunks));
	for (int i = 0; i < 4 && fx->vars[i]; i++)
		g_ptr_array_add(a, g_strdup(fx->vars[i]));
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

/* Runs `make ingest` into OUT; stores stderr in *ERR (caller frees) when
 * ERR is not NULL.  Returns make's exit status. */
static int ingest(const struct fx *fx, const char *out, char **err)
{
	char **argv = make_argv(fx, out), **env = make_env();
	int status = -1;

	cr_assert(g_spawn_sync(NULL, argv, env, G_SPAWN_SEARCH_PATH |
			       (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL), NULL,
			       NULL, NULL, err, &status, NULL));
	g_strfreev(argv);
	g_strfreev(env);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Conversions done by the last run (records of OUT/.ingest/run.log). */
static int conversions(const char *out)
{
	char *p = g_build_filename(out, ".ingest", "run.log", NULL);
	char *s = slurp(p);
	int n = 0;

	for (char *c = s; *c; c++)
		n += *c == '\n';
	g_free(s);
	g_free(p);
	return n;
}

/* OUT/manifest.tsv as a hash source -> stem (caller frees). */
static GHashTable *manifest(const char *out)
{
	char *p = g_build_filename(out, "manifest.tsv", NULL);
	char **lines = slurp_lines(p);
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free);

	for (char **l = lines; *l; l++) {
		char **f = g_strsplit(*l, "\t", 2);
		if (f[0] && f[1]) {
			cr_assert(g_regex_match_simple("^[a-z0-9-]+$", f[0], 0, 0),
				  "unsafe stem '%s'", f[0]);
			g_hash_table_insert(h, g_strdup(f[1]), g_strdup(f[0]));
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(p);
	return h;
}

/* string(EXPR) in the XML file PATH (caller frees). */
static char *xpath(const char *path, const char *expr)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	char *s;

	cr_assert(doc, "cannot parse '%s'", path);
	s = tu_xpath_str(doc, expr);
	cr_assert(s, "bad xpath %s", expr);
	xmlFreeDoc(doc);
	return s;
}

static long xpath_num(const char *path, const char *expr)
{
	char *s = xpath(path, expr);
	long n = strtol(s, NULL, 10);
	g_free(s);
	return n;
}

static int run_status(char **argv, char **out)
{
	int status = -1;
	cr_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
			       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out,
			       NULL, &status, NULL), "cannot run %s", argv[0]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static gint64 mtime_ns(const char *path)
{
	struct stat st;
	cr_assert_eq(stat(path, &st), 0, "no '%s'", path);
	return (gint64)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

/* Each converted PDF has its XML with the right @source and @sha256; the
 * bad ones have none.  Returns the number of areas in all XMLs. */
static long check_reports(const struct fx *fx, const char *out,
			  GHashTable *stems)
{
	long areas = 0;

	for (guint i = 0; i < fx->names->len; i++) {
		const char *name = fx->names->pdata[i];
		const char *stem = g_hash_table_lookup(stems, name);
		char *xml, *pdf = g_build_filename(fx->in, name, NULL), *s;

		cr_assert(stem, "'%s' not in the manifest", name);
		xml = g_strdup_printf("%s/%s.xml", out, stem);
		if (g_str_has_prefix(fx->from->pdata[i], "text:")) {
			cr_assert(!g_file_test(xml, G_FILE_TEST_EXISTS));
		} else {
			char *data = slurp(pdf), *sum;
			struct stat st;
			cr_assert_eq(stat(pdf, &st), 0);
			sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
				(const guchar *)data, st.st_size);
			s = xpath(xml, "string(/report/@source)");
			cr_assert_str_eq(s, name);
			g_free(s);
			s = xpath(xml, "string(/report/@sha256)");
			cr_assert_str_eq(s, sum);
			g_free(s);
			areas += xpath_num(xml, "count(/report/area)");
			g_free(sum);
			g_free(data);
		}
		g_free(xml);
		g_free(pdf);
	}
	return areas;
}

/* failures.tsv rows, first three columns, equal failures.expect. */
static int check_failures(const char *out)
{
	char *p = g_build_filename(out, "failures.tsv", NULL);
	char **got = slurp_lines(p);
	char **want = slurp_lines(DATA "/failures.expect");
	GString *a = g_string_new(NULL), *b = g_string_new(NULL);
	int n = 0;

	cr_assert(got[0] && g_str_has_prefix(got[0], "path\tstage\texit\t"));
	for (char **l = got + 1; *l; l++) {
		char **f = g_strsplit(*l, "\t", 4);
		if (**l) {
			cr_assert(f[3] && *f[3], "no message: %s", *l);
			g_string_append_printf(a, "%s\t%s\t%s\n", f[0], f[1], f[2]);
			n++;
		}
		g_strfreev(f);
	}
	for (char **l = want; *l; l++)
		if (**l && **l != '#')
			g_string_append_printf(b, "%s\n", *l);
	cr_assert_str_eq(a->str, b->str);
	g_string_free(a, TRUE);
	g_string_free(b, TRUE);
	g_strfreev(got);
	g_strfreev(want);
	g_free(p);
	return n;
}

/* scores.csv read back by python3's csv module: rows of 16 fields. */
static long csv_rows(const char *out)
{
	char *p = g_build_filename(out, "scores.csv", NULL), *o = NULL;
	char *argv[] = { "python3", "-c", "import csv,sys\n"
		"r = list(csv.reader(open(sys.argv[1], newline='')))\n"
		"assert all(len(x) == 16 for x in r)\n"
		"print(len(r) - 1)", p, NULL };
	long n;

	cr_assert_eq(run_status(argv, &o), 0, "bad scores.csv");
	n = strtol(o, NULL, 10);
	g_free(o);
	g_free(p);
	return n;
}

static void check_index(const struct fx *fx, const char *out, int failed)
{
	char *p = g_build_filename(out, "index.xml", NULL);
	char *argv[] = { "xmllint", "--noout", "--relaxng", "emit/index.rng",
			 p, NULL };
	char *bin = g_build_filename(fx->bin, "skrapa-index", NULL);
	char *argv2[] = { bin, "build", "-q", (char *)out, NULL };

	cr_assert_eq(run_status(argv, NULL), 0, "index.xml is not valid");
	cr_assert_eq(xpath_num(p, "count(/index/*)"), (long)fx->names->len);
	cr_assert_eq(xpath_num(p, "count(/index/failed)"), failed);
	cr_assert_eq(xpath_num(p, "count(/index/report)"),
		     (long)fx->names->len - failed);
	cr_assert_eq(run_status(argv2, NULL), failed ? SKR_EX_SOME_FAILED : 0);
	g_free(bin);
	g_free(p);
}

/* Every fact of index.xml agrees with the per-file XML it names. */
static void check_index_facts(const char *out, GHashTable *stems)
{
	char *p = g_build_filename(out, "index.xml", NULL);
	GHashTableIter it;
	gpointer stem;

	g_hash_table_iter_init(&it, stems);
	while (g_hash_table_iter_next(&it, NULL, &stem)) {
		char *xml = g_strdup_printf("%s/%s.xml", out, (char *)stem);
		char *e, *a, *b;
		if (!g_file_test(xml, G_FILE_TEST_EXISTS)) {
			g_free(xml);
			continue;
		}
		e = g_strdup_printf("concat(/index/report[@file='%s.xml']/@family,"
			"'|', /index/report[@file='%s.xml']/municipality)",
			(char *)stem, (char *)stem);
		a = xpath(p, e);
		b = xpath(xml, "concat(/report/@family, '|', "
			  "/report/municipality)");
		cr_assert_str_eq(a, b);
		g_free(a);
		g_free(b);
		g_free(e);
		g_free(xml);
	}
	g_free(p);
}

static void check_all(const struct fx *fx, const char *out)
{
	GHashTable *stems = manifest(out);
	long areas;
	int failed;

	cr_assert_eq(g_hash_table_size(stems), fx->names->len);
	areas = check_reports(fx, out, stems);
	failed = check_failures(out);
	check_index(fx, out, failed);
	check_index_facts(out, stems);
	cr_assert_eq(csv_rows(out), areas);
	g_hash_table_unref(stems);
}

/* Number of progress lines "[K/N] name ok|failed: why" in TEXT. */
static int progress_lines(const char *text)
{
	GRegex *re = g_regex_new("^\\[[0-9]+/[0-9]+\\] .+ (ok|failed: .+)$",
				 G_REGEX_MULTILINE, 0, NULL);
	GMatchInfo *m = NULL;
	int n = 0;

	for (g_regex_match(re, text, 0, &m); g_match_info_matches(m);
	     g_match_info_next(m, NULL))
		n++;
	g_match_info_free(m);
	g_regex_unref(re);
	return n;
}

static const char *first_pdf(const struct fx *fx)
{
	for (guint i = 0; i < fx->names->len; i++)
		if (!g_str_has_prefix(fx->from->pdata[i], "text:"))
			return fx->names->pdata[i];
	cr_assert_fail("no PDF in the archive");
	return NULL;
}

/* The summary of a first run of N PDFs agrees with index.xml: converted,
 * failed, unknown family; each progress line says "/N]". */
static void check_summary(const char *out, const char *err, guint n)
{
	char *idx = g_build_filename(out, "index.xml", NULL);
	long conv = xpath_num(idx, "count(/index/report)");
	long failed = xpath_num(idx, "count(/index/failed)");
	long unknown = xpath_num(idx, "count(/index/report[@family="
				 "'unknown'])");
	char *want = g_strdup_printf("ingest: %u PDFs: %ld converted (", n,
				     conv);
	char *want2 = g_strdup_printf("0 skipped (up to date), %ld failed, 0 "
				      "tool errors in this run; %ld of unknown "
				      "family; 0 orphans;", failed, unknown);
	char *total = g_strdup_printf("/%u] ", n);

	cr_assert(strstr(err, want) && strstr(err, want2), "summary: %s", err);
	cr_assert(strstr(err, total), "progress total: %s", err);
	g_free(total);
	g_free(want2);
	g_free(want);
	g_free(idx);
}

/* Number of entries of OUT's manifest. */
static guint manifest_size(const char *out)
{
	GHashTable *h = manifest(out);
	guint n = g_hash_table_size(h);
	g_hash_table_unref(h);
	return n;
}

/* number(EXPR) in OUT/index.xml. */
static long index_num(const char *out, const char *expr)
{
	char *p = g_build_filename(out, "index.xml", NULL);
	long n = xpath_num(p, expr);
	g_free(p);
	return n;
}

/* The stem of source NAME in OUT's manifest (caller frees). */
static char *stem_of(const char *out, const char *name)
{
	GHashTable *stems = manifest(out);
	char *stem = g_strdup(g_hash_table_lookup(stems, name));
	g_hash_table_unref(stems);
	cr_assert(stem, "'%s' not in the manifest", name);
	return stem;
}

/* Replaces the file PATH by a copy of FROM dated a day before PATH was
 * (what `cp -p`, `rsync -a` or `unzip` of an older file do). */
static void replace_older(const char *path, const char *from)
{
	struct stat st;
	struct timespec ts[2];

	cr_assert_eq(stat(path, &st), 0);
	copy(from, path, 0644);
	ts[0] = st.st_mtim;
	ts[1] = st.st_mtim;
	ts[1].tv_sec -= 86400;
	cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* First run, a run with nothing changed, one PDF touched (same content:
 * nothing to do), one replaced by an older file, rules touched. */
Test(ingest, archive_lifecycle, .timeout = 300)
{
	struct fx fx;
	char *out, *err = NULL, *touched, *xml, *idx, *rules;
	GHashTable *stems;
	gint64 t_xml, t_idx;
	guint n;

	fx_init(&fx);
	fx.chunks = "4";                /* more than one, fewer than PDFs */
	n = fx.names->len;
	out = g_build_filename(fx.tmp, "out", NULL);
	cr_assert_neq(ingest(&fx, out, &err), 0, "failures must show");
	cr_assert(strstr(err, "SOME_FAILED"), "%s", err);
	cr_assert_eq(progress_lines(err), (int)n, "%s", err);
	cr_assert_eq(conversions(out), (int)n);
	check_all(&fx, out);
	check_summary(out, err, n);
	g_free(err);

	stems = manifest(out);
	touched = g_build_filename(fx.in, first_pdf(&fx), NULL);
	xml = g_strdup_printf("%s/%s.xml", out, (char *)g_hash_table_lookup(
				      stems, first_pdf(&fx)));
	idx = g_build_filename(out, "index.xml", NULL);
	t_xml = mtime_ns(xml);
	t_idx = mtime_ns(idx);
	ingest(&fx, out, NULL);
	cr_assert_eq(conversions(out), 0, "second run converted something");
	cr_assert_eq(mtime_ns(xml), t_xml);
	cr_assert_eq(mtime_ns(idx), t_idx);

	cr_assert_eq(g_utime(touched, NULL), 0);
	ingest(&fx, out, NULL);
	cr_assert_eq(conversions(out), 0, "touching one PDF: same content");
	cr_assert_eq(mtime_ns(xml), t_xml);

	replace_older(touched, "corpus/alingsas-2021-granskning-"
		      "kompetensforsorjning.pdf");
	ingest(&fx, out, &err);
	cr_assert_eq(conversions(out), 1, "a PDF replaced by an older one "
		     "(cp -p)");
	cr_assert(strstr(err, "[1/1] "), "progress total: %s", err);
	g_free(err);

	fx.vars[0] = "-s";              /* quiet, but says where failures are */
	replace_older(touched, fx.from->pdata[0]);
	ingest(&fx, out, &err);
	cr_assert_eq(conversions(out), 1);
	cr_assert_eq(progress_lines(err), 0, "progress with -s: %s", err);
	cr_assert(strstr(err, "failures.tsv"), "-s hides failures: %s", err);
	fx.vars[0] = NULL;
	g_free(err);
	cr_assert_neq(mtime_ns(xml), t_xml);
	cr_assert_neq(mtime_ns(idx), t_idx);
	check_all(&fx, out);

	cr_assert_eq(g_unlink(xml), 0);
	ingest(&fx, out, NULL);
	cr_assert_eq(conversions(out), 1, "an output removed by hand");
	cr_assert(g_file_test(xml, G_FILE_TEST_EXISTS));

	rules = g_build_filename(fx.bin, "rules", NULL);
	if (g_file_test(rules, G_FILE_TEST_IS_DIR)) {
		GDir *d = g_dir_open(rules, 0, NULL);
		const char *r = d ? g_dir_read_name(d) : NULL;
		char *rf = r ? g_build_filename(rules, r, NULL) : NULL;
		if (rf) {
			cr_assert_eq(g_utime(rf, NULL), 0);
			ingest(&fx, out, NULL);
			cr_assert_eq(conversions(out), (int)n, "rules changed");
		}
		g_free(rf);
		if (d)
			g_dir_close(d);
	}
	check_all(&fx, out);
	g_free(rules);
	g_free(idx);
	g_free(xml);
	g_free(touched);
	g_hash_table_unref(stems);
	g_free(out);
	fx_free(&fx);
}

static void to_own_group(gpointer unused)
{
	(void)unused;
	setpgid(0, 0);
}

/* Starts `make ingest` into OUT and kills its whole process group with
 * SIGKILL as soon as the first PDF is done.  Returns how many were done. */
static int ingest_killed(const struct fx *fx, const char *out)
{
	char **argv = make_argv(fx, out), **env = make_env();
	char *st = g_build_filename(out, ".ingest", "st", NULL);
	GPid pid;
	int status, done = 0;
	GDir *d;

	cr_assert(g_spawn_async(NULL, argv, env, G_SPAWN_SEARCH_PATH |
				G_SPAWN_DO_NOT_REAP_CHILD |
				G_SPAWN_STDERR_TO_DEV_NULL, to_own_group, NULL,
				&pid, NULL));
	for (int i = 0; i < 6000 && !done; i++) {
		g_usleep(5000);
		if ((d = g_dir_open(st, 0, NULL))) {
			done = g_dir_read_name(d) != NULL;
			g_dir_close(d);
		}
	}
	kill(-pid, SIGKILL);
	waitpid(pid, &status, 0);
	g_spawn_close_pid(pid);
	done = conversions(out);
	g_strfreev(argv);
	g_strfreev(env);
	g_free(st);
	return done;
}

static void cmp_file(const char *a_dir, const char *b_dir, const char *name)
{
	char *a = g_build_filename(a_dir, name, NULL);
	char *b = g_build_filename(b_dir, name, NULL);
	char *x = slurp(a), *y = slurp(b);

	cr_assert_str_eq(x, y, "'%s' differs after a killed run", name);
	g_free(x);
	g_free(y);
	g_free(a);
	g_free(b);
}

/* A run killed midway, then run again, ends as an uninterrupted run, and
 * converts only what was not finished although the whole archive is one
 * chunk (one process) that was cut off. */
Test(ingest, killed_run_resumes, .timeout = 120)
{
	struct fx fx;
	char *ref, *out, *argv[] = { "find", NULL, "-name", NULL, NULL };
	char *tmps = NULL;
	GHashTable *stems;
	GHashTableIter it;
	gpointer stem;
	int done, n;

	fx_init(&fx);
	fx.chunks = "1";
	n = (int)fx.names->len;
	ref = g_build_filename(fx.tmp, "ref", NULL);
	out = g_build_filename(fx.tmp, "out", NULL);
	ingest(&fx, ref, NULL);
	done = ingest_killed(&fx, out);
	cr_assert_lt(done, n, "the run ended before it was killed");
	ingest(&fx, out, NULL);
	/* One more when the kill fell between a stamp and its record. */
	cr_assert(conversions(out) == n - done || conversions(out) == n - done
		  - 1, "%d of %d done, then %d", done, n, conversions(out));
	stems = manifest(ref);
	cmp_file(ref, out, "manifest.tsv");
	cmp_file(ref, out, "index.xml");
	cmp_file(ref, out, "scores.csv");
	cmp_file(ref, out, "failures.tsv");
	g_hash_table_iter_init(&it, stems);
	while (g_hash_table_iter_next(&it, NULL, &stem)) {
		char *x = g_strdup_printf("%s.xml", (char *)stem);
		char *p = g_build_filename(ref, x, NULL);
		if (g_file_test(p, G_FILE_TEST_EXISTS))
			cmp_file(ref, out, x);
		g_free(p);
		g_free(x);
	}
	argv[1] = out;
	argv[3] = "*.tmp.*";
	cr_assert_eq(run_status(argv, &tmps), 0);
	cr_assert_str_eq(tmps, "", "temporary files left: %s", tmps);
	check_all(&fx, out);
	g_free(tmps);
	g_hash_table_unref(stems);
	g_free(out);
	g_free(ref);
	fx_free(&fx);
}

/* Without IN, or with an IN that is no directory, nothing is done. */
Test(ingest, bad_arguments)
{
	struct fx fx;
	char *out, *err = NULL;

	fx_init(&fx);
	out = g_build_filename(fx.tmp, "out", NULL);
	g_free(fx.in);
	fx.in = g_build_filename(fx.tmp, "nonexistent", NULL);
	cr_assert_neq(ingest(&fx, out, &err), 0);
	cr_assert(strstr(err, "not a directory"), "%s", err);
	cr_assert(!g_file_test(out, G_FILE_TEST_EXISTS));
	g_free(err);
	g_free(out);
	fx_free(&fx);
}

/* `skrapa-index convert` alone (as GNU parallel or Slurm run it): an
 * unknown stem converts nothing; known stems are converted once, then
 * found up to date; the chunk stamp is written only after success. */
Test(ingest, convert_command)
{
	struct fx fx;
	char *out, *idx, *st, *stamp, *xml;
	const char *stem;
	GHashTable *stems;

	fx_init(&fx);
	out = g_build_filename(fx.tmp, "out", NULL);
	idx = g_build_filename(fx.bin, "skrapa-index", NULL);
	stamp = g_build_filename(fx.tmp, "chunk-stamp", NULL);
	char *scan[] = { idx, "scan", fx.in, out, NULL };
	cr_assert_eq(run_status(scan, NULL), 0);
	stems = manifest(out);
	stem = g_hash_table_lookup(stems, first_pdf(&fx));
	st = g_strdup_printf("%s/.ingest/st/%s", out, stem);
	xml = g_strdup_printf("%s/%s.xml", out, stem);
	char *bad[] = { idx, "convert", "-q", "--stamp", stamp, out,
			(char *)stem, "no-such-stem-0123456789", NULL };
	cr_assert_eq(run_status(bad, NULL), SKR_EX_USAGE);
	cr_assert(!g_file_test(st, G_FILE_TEST_EXISTS));
	cr_assert(!g_file_test(stamp, G_FILE_TEST_EXISTS));
	char *good[] = { idx, "convert", "-q", "--stamp", stamp, out, "--",
			 (char *)stem, (char *)stem, NULL };
	cr_assert_eq(run_status(good, NULL), 0);
	cr_assert_eq(conversions(out), 1, "a stem given twice");
	cr_assert(g_file_test(xml, G_FILE_TEST_EXISTS));
	cr_assert(g_file_test(stamp, G_FILE_TEST_EXISTS));
	cr_assert_eq(run_status(good, NULL), 0);
	cr_assert_eq(conversions(out), 1, "an up-to-date stem converted");
	g_free(xml);
	g_free(st);
	g_hash_table_unref(stems);
	g_free(stamp);
	g_free(idx);
	g_free(out);
	fx_free(&fx);
}


/* A PDF removed from IN leaves an orphan that is listed and kept; an
 * empty IN, or a subfolder orphaning most of OUT, is refused and changes
 * nothing; FORCE=1 goes on without deleting; PRUNE=1 removes orphans. */
Test(ingest, never_deletes_unasked, .timeout = 300)
{
	struct fx fx;
	char *out, *err = NULL, *gone, *stem, *xml, *orph, *empty, *in;
	char *text;

	fx_init(&fx);
	out = g_build_filename(fx.tmp, "out", NULL);
	ingest(&fx, out, NULL);
	gone = g_build_filename(fx.in, first_pdf(&fx), NULL);
	stem = stem_of(out, first_pdf(&fx));
	xml = g_strdup_printf("%s/%s.xml", out, stem);
	orph = g_build_filename(out, "orphans.tsv", NULL);
	cr_assert_eq(g_unlink(gone), 0);
	ingest(&fx, out, &err);
	cr_assert(g_file_test(xml, G_FILE_TEST_EXISTS), "orphan deleted");
	cr_assert(strstr(err, "1 orphans") && strstr(err, "orphans.tsv"),
		  "%s", err);
	text = slurp(orph);
	cr_assert(strstr(text, first_pdf(&fx)), "%s", text);
	g_free(text);
	g_free(err);

	empty = g_build_filename(fx.tmp, "empty", NULL);
	cr_assert_eq(g_mkdir(empty, 0755), 0);
	in = fx.in;
	fx.in = empty;
	cr_assert_neq(ingest(&fx, out, &err), 0);
	cr_assert(strstr(err, "refusing") && strstr(err, "FORCE=1"), "%s",
		  err);
	cr_assert(g_file_test(xml, G_FILE_TEST_EXISTS));
	cr_assert_eq(manifest_size(out), fx.names->len - 1,
		     "the manifest changed");
	g_free(err);
	fx.vars[0] = "FORCE=1";
	ingest(&fx, out, &err);
	cr_assert(g_file_test(xml, G_FILE_TEST_EXISTS), "FORCE deleted");
	cr_assert_eq(index_num(out, "count(/index/*)"), 0);
	g_free(err);

	fx.in = in;                     /* back, with the PDF gone: prune */
	fx.vars[0] = "PRUNE=1";
	ingest(&fx, out, NULL);
	cr_assert(!g_file_test(xml, G_FILE_TEST_EXISTS), "not pruned");
	cr_assert(!g_file_test(orph, G_FILE_TEST_EXISTS));
	cr_assert_eq(manifest_size(out), fx.names->len - 1);
	g_free(empty);
	g_free(orph);
	g_free(xml);
	g_free(stem);
	g_free(gone);
	g_free(out);
	fx_free(&fx);
}

/* Hidden folders, an earlier OUT inside IN and the current OUT inside IN
 * are skipped; a dangling link is a failure row of its own. */
Test(ingest, skips_hidden_and_outputs, .timeout = 120)
{
	struct fx fx;
	char *out, *old, *hid, *dang, *fails, *text;

	fx_init(&fx);
	old = g_build_filename(fx.in, "old-out", NULL);
	ingest(&fx, old, NULL);         /* an earlier OUT, inside IN */
	hid = g_build_filename(fx.in, ".snapshot", "copy.pdf", NULL);
	copy("corpus/alingsas-2022-kommunkompass.pdf", hid, 0644);
	dang = g_build_filename(fx.in, "dangling.pdf", NULL);
	cr_assert_eq(symlink("no-such.pdf", dang), 0);
	out = g_build_filename(fx.in, "out", NULL);
	ingest(&fx, out, NULL);
	cr_assert_eq(manifest_size(out), fx.names->len,
		     "hidden or output folders were ingested");
	fails = g_build_filename(out, "failures.tsv", NULL);
	text = slurp(fails);
	cr_assert(strstr(text, "\ndangling.pdf\tingest\t3\t"), "%s", text);
	g_free(text);
	g_free(fails);
	g_free(dang);
	g_free(hid);
	g_free(old);
	g_free(out);
	fx_free(&fx);
}

static char *mounted;                   /* unmounted by umount_fini */

/* Mounts a tmpfs of SIZE on DIR; FALSE when mounting is not allowed. */
static gboolean mount_tmpfs(const char *dir, const char *size)
{
	char *opt = g_strdup_printf("size=%s", size);
	char *argv[] = { "mount", "-t", "tmpfs", "-o", opt, "tmpfs",
			 (char *)dir, NULL };
	int rc;

	cr_assert_eq(g_mkdir_with_parents(dir, 0755), 0);
	rc = run_status(argv, NULL);
	if (rc == 0)
		mounted = g_strdup(dir);
	g_free(opt);
	return rc == 0;
}

/* Unmounts the test's tmpfs, also after a failed assertion. */
static void umount_fini(void)
{
	char *argv[] = { "umount", mounted, NULL };

	if (!mounted)
		return;
	g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
		     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL,
		     NULL);
	g_free(mounted);
	mounted = NULL;
}

/* Fills the file system of DIR (a tmpfs) with FILE, leaving KEEP bytes. */
static void fill(const char *file, long keep)
{
	char *cmd = g_strdup_printf("dd if=/dev/zero of='%s' bs=1024 "
				    "2>/dev/null; truncate -s -%ld '%s'",
				    file, keep, file);
	char *argv[] = { "sh", "-c", cmd, NULL };
	run_status(argv, NULL);
	g_free(cmd);
}

static char *slurp_in(const char *dir, const char *name)
{
	char *p = g_build_filename(dir, name, NULL), *s = slurp(p);
	g_free(p);
	return s;
}

/* The aggregates are replaced together or not at all: with one page left
 * on OUT's file system (scores.csv fits, the others do not), a build that
 * would change all three changes none and leaves no temporary file. */
static void aggregates_all_or_none(const struct fx *fx, const char *out,
				   const char *filler)
{
	const char *names[] = { "scores.csv", "failures.tsv", "index.xml" };
	char *before[3], *bin = g_build_filename(fx->bin, "skrapa-index", NULL);
	char *stem = stem_of(out, first_pdf(fx));
	char *xml = g_strdup_printf("%s/%s.xml", out, stem);
	char *argv[] = { bin, "build", "-q", (char *)out, NULL };
	char *find[] = { "find", (char *)out, "-name", "*.tmp.*", NULL };
	char *tmps = NULL;

	for (int i = 0; i < 3; i++)
		before[i] = slurp_in(out, names[i]);
	cr_assert_eq(g_unlink(xml), 0);         /* all three would change */
	fill(filler, 4096);
	cr_assert_eq(run_status(argv, NULL), SKR_EX_IO);
	for (int i = 0; i < 3; i++) {
		char *now = slurp_in(out, names[i]);
		cr_assert_str_eq(now, before[i], "%s replaced alone", names[i]);
		g_free(now);
		g_free(before[i]);
	}
	cr_assert_eq(run_status(find, &tmps), 0);
	cr_assert_str_eq(tmps, "", "temporary files left: %s", tmps);
	cr_assert_eq(g_unlink(filler), 0);
	g_free(tmps);
	g_free(xml);
	g_free(stem);
	g_free(bin);
}

/* Disk full: the files that could not be written are tool errors (said
 * with their reason, not in failures.tsv, retried by the next run); a
 * failed aggregate step keeps the previous aggregates. */
Test(ingest, disk_full_is_a_tool_error, .timeout = 300,
     .fini = umount_fini)
{
	struct fx fx;
	char *out, *err = NULL, *filler, *fails, *before, *after, *idx;
	char *touched;
	char *remount[] = { "mount", "-o", "remount,size=16m", NULL, NULL };

	fx_init(&fx);
	out = g_build_filename(fx.tmp, "out", NULL);
	if (!mount_tmpfs(out, "48k")) {
		fx_free(&fx);
		cr_skip_test("cannot mount a tmpfs here (not root?)");
	}
	remount[3] = out;
	cr_assert_neq(ingest(&fx, out, &err), 0);
	cr_assert(strstr(err, "No space left on device"), "%s", err);
	cr_assert(strstr(err, "tool error"), "%s", err);
	g_free(err);
	cr_assert_eq(run_status(remount, NULL), 0);
	ingest(&fx, out, &err);
	cr_assert(strstr(err, "0 tool errors"), "%s", err);
	g_free(err);
	check_all(&fx, out);            /* all retried: as a clean run */

	fails = g_build_filename(out, "failures.tsv", NULL);
	idx = g_build_filename(out, "index.xml", NULL);
	before = slurp(idx);
	filler = g_build_filename(out, "filler", NULL);
	touched = g_build_filename(fx.in, first_pdf(&fx), NULL);
	replace_older(touched, "corpus/alingsas-2021-granskning-"
		      "kompetensforsorjning.pdf");
	g_free(touched);
	fill(filler, 0);
	cr_assert_neq(ingest(&fx, out, &err), 0);
	cr_assert(strstr(err, "No space left on device"), "%s", err);
	g_free(err);
	after = slurp(idx);
	cr_assert_str_eq(before, after, "index.xml changed on a full disk");
	cr_assert(g_file_test(fails, G_FILE_TEST_EXISTS));
	cr_assert_eq(g_unlink(filler), 0);
	ingest(&fx, out, NULL);
	cr_assert_eq(conversions(out), 1, "the failed file was not retried");
	check_all(&fx, out);
	aggregates_all_or_none(&fx, out, filler);
	g_free(after);
	g_free(before);
	g_free(filler);
	g_free(idx);
	g_free(fails);
	umount_fini();
	g_free(out);
	fx_free(&fx);
}

/* Starts `make ingest` into OUT in its own process group (make leads it);
 * stderr to the file ERRF.  Returns its pid. */
static GPid ingest_start(const struct fx *fx, const char *out,
			 const char *errf)
{
	char **argv = make_argv(fx, out), **env = make_env();
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	char *cmd, *joined;
	GPid pid;

	for (char **p = argv; *p; p++)
		g_ptr_array_add(a, g_shell_quote(*p));
	g_ptr_array_add(a, NULL);
	joined = g_strjoinv(" ", (char **)a->pdata);
	cmd = g_strdup_printf("exec %s 2>'%s'", joined, errf);
	g_free(joined);
	char *sh[] = { "sh", "-c", cmd, NULL };
	cr_assert(g_spawn_async(NULL, sh, env, G_SPAWN_SEARCH_PATH |
				G_SPAWN_DO_NOT_REAP_CHILD, to_own_group, NULL,
				&pid, NULL));
	g_ptr_array_unref(a);
	g_strfreev(argv);
	g_strfreev(env);
	g_free(cmd);
	return pid;
}

static int wait_exit(GPid pid)
{
	int status;
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	g_spawn_close_pid(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Two runs into one OUT at once: the second waits for the first and says
 * so; the result is that of one run. */
Test(ingest, concurrent_runs_locked, .timeout = 120)
{
	struct fx fx;
	char *out, *e1, *e2, *t1, *t2;
	GPid a, b;

	fx_init(&fx);
	out = g_build_filename(fx.tmp, "out", NULL);
	e1 = g_build_filename(fx.tmp, "err1", NULL);
	e2 = g_build_filename(fx.tmp, "err2", NULL);
	a = ingest_start(&fx, out, e1);
	b = ingest_start(&fx, out, e2);
	wait_exit(a);
	wait_exit(b);
	t1 = slurp(e1);
	t2 = slurp(e2);
	cr_assert(strstr(t1, "another ingest") || strstr(t2, "another "
		  "ingest"), "no run waited:\n%s\n---\n%s", t1, t2);
	cr_assert_eq(conversions(out), 0, "the second run converted again");
	check_all(&fx, out);
	g_free(t2);
	g_free(t1);
	g_free(e2);
	g_free(e1);
	g_free(out);
	fx_free(&fx);
}

/* The pid of a live (not zombie) process whose parent is PARENT (0: any)
 * and whose process group is PGID (0: any), or 0 when none. */
static int find_proc(int parent, int pgid)
{
	GDir *d = g_dir_open("/proc", 0, NULL);
	const char *n;
	int found = 0;

	while (d && !found && (n = g_dir_read_name(d))) {
		char *p = g_strdup_printf("/proc/%s/stat", n), *s = NULL;
		char *close_paren, state;
		int ppid, pgrp;
		if (g_ascii_isdigit(*n) &&
		    g_file_get_contents(p, &s, NULL, NULL) &&
		    (close_paren = strrchr(s, ')')) &&
		    sscanf(close_paren + 1, " %c %d %d", &state, &ppid,
			   &pgrp) == 3 && state != 'Z' &&
		    (!parent || ppid == parent) && (!pgid || pgrp == pgid))
			found = atoi(n);
		g_free(s);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	return found;
}

/* Whether a live (not zombie) process is in process group PGID. */
static gboolean group_alive(int pgid)
{
	return find_proc(0, pgid) != 0;
}

/* Killing only the top make (the group leader) stops every process of
 * the run: no sub-make or skrapa-index is left. */
Test(ingest, kill_leader_stops_all, .timeout = 300)
{
	struct fx fx;
	char *out, *errf, *st;
	GPid pid;
	int gone = 0, started = 0;
	GDir *d;

	fx_init(&fx);
	fx.chunks = "1";
	for (int i = 0; i < 40; i++) {  /* a run of several seconds */
		char *p = g_strdup_printf("%s/many/copy-%02d.pdf", fx.in, i);
		copy("corpus/alingsas-2022-kommunkompass.pdf", p, 0644);
		g_free(p);
	}
	out = g_build_filename(fx.tmp, "out", NULL);
	errf = g_build_filename(fx.tmp, "err", NULL);
	st = g_build_filename(out, ".ingest", "st", NULL);
	pid = ingest_start(&fx, out, errf);
	for (int i = 0; i < 6000 && !started; i++) {
		g_usleep(5000);
		if ((d = g_dir_open(st, 0, NULL))) {
			started = g_dir_read_name(d) != NULL;
			g_dir_close(d);
		}
	}
	cr_assert(started, "the run did not start");
	kill(pid, SIGTERM);
	wait_exit(pid);
	for (int i = 0; i < 20 && !gone; i++) {  /* 1 s: not the run's end */
		gone = !group_alive(pid);
		if (!gone)
			g_usleep(50000);
	}
	if (!gone)
		kill(-pid, SIGKILL);
	cr_assert(gone, "processes of the run outlived its make");
	g_free(st);
	g_free(errf);
	g_free(out);
	fx_free(&fx);
}

/* The GNU parallel recipe of docs/ingest.md, as written there (its
 * indented block under "### GNU parallel over ssh"), with the hosts
 * replaced by two local jobs and the first line (IN=... OUT=...) by the
 * environment: IN and OUT both hold a space. */
static char *parallel_recipe(const char *bin)
{
	char *doc = slurp("docs/ingest.md"), **lines, *bq;
	GString *s = g_string_new(NULL);
	int in = 0;

	lines = g_strsplit(doc, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (g_str_has_prefix(*l, "### GNU parallel"))
			in = 1;
		else if (in == 1 && g_str_has_prefix(*l, "    "))
			in = 2;
		else if (in == 2 && !g_str_has_prefix(*l, "    "))
			break;
		if (in == 2 && !g_str_has_prefix(*l, "    IN="))
			g_string_append_printf(s, "%s\n", *l + 4);
	}
	cr_assert(strstr(s->str, "parallel -q -S 8/host1,8/host2,4/: "),
		  "recipe not found: %s", s->str);
	bq = g_strdup_printf("\"%s\"/skrapa-index", bin);
	g_string_replace(s, "-S 8/host1,8/host2,4/:", "-S 2/:", 0);
	g_string_replace(s, "bin/skrapa-index", bq, 0);
	g_string_replace(s, "make ingest", "make -f ingest.mk BIN=\"$BIN\" "
			 "ingest", 0);
	g_free(bq);
	g_strfreev(lines);
	g_free(doc);
	return g_string_free(s, FALSE);
}

Test(ingest, parallel_recipe, .timeout = 120)
{
	struct fx fx;
	char *in, *out, *script, *err = NULL, **env;
	int status;

	char *gnu_parallel = g_find_program_in_path("parallel");
	if (!gnu_parallel)
		cr_skip_test("GNU parallel is not installed (scripts/deps.sh "
			     "installs it)");
	fx_init(&fx);
	in = g_build_filename(fx.tmp, "in put", NULL);
	out = g_build_filename(fx.tmp, "out put", NULL);
	cr_assert_eq(g_rename(fx.in, in), 0);
	g_free(fx.in);
	fx.in = in;
	script = parallel_recipe(fx.bin);
	env = make_env();
	env = g_environ_setenv(env, "IN", in, TRUE);
	env = g_environ_setenv(env, "OUT", out, TRUE);
	env = g_environ_setenv(env, "BIN", fx.bin, TRUE);
	char *argv[] = { "sh", "-ec", script, NULL };
	cr_assert(g_spawn_sync(NULL, argv, env, G_SPAWN_SEARCH_PATH, NULL,
			       NULL, NULL, &err, &status, NULL));
	/* make exits 2 for the bad PDF of the archive, after the summary. */
	cr_assert(strstr(err, "0 converted") && strstr(err, "skipped (up to "
		  "date)"), "the parallel jobs left work for make:\n%s", err);
	cr_assert_eq(conversions(out), 0);
	check_all(&fx, out);
	g_free(gnu_parallel);
	g_strfreev(env);
	g_free(err);
	g_free(script);
	g_free(out);
	fx_free(&fx);
}

/* Number of entries of directory DIR. */
static int count_dir(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	int n = 0;
	while (d && g_dir_read_name(d))
		n++;
	if (d)
		g_dir_close(d);
	return n;
}

/* A conversion killed by SIGKILL (the OOM killer, say) is a tool error:
 * convert exits 3 and says so, nothing is recorded for that PDF (no stamp,
 * no failure), the others are converted, and the next run converts it. */
Test(ingest, killed_child_is_a_tool_error, .timeout = 120)
{
	struct fx fx;
	char *out, *idx, *err = NULL, *st, *fail, *tool, *text;
	GHashTable *stems;
	GHashTableIter it;
	gpointer stem;
	GPtrArray *argv = g_ptr_array_new();
	GPid pid;
	int errfd, status, victim = 0;

	fx_init(&fx);
	out = g_build_filename(fx.tmp, "out", NULL);
	idx = g_build_filename(fx.bin, "skrapa-index", NULL);
	char *scan[] = { idx, "scan", fx.in, out, NULL };
	cr_assert_eq(run_status(scan, NULL), 0);
	stems = manifest(out);
	g_ptr_array_add(argv, idx);
	g_ptr_array_add(argv, "convert");
	g_ptr_array_add(argv, out);
	g_hash_table_iter_init(&it, stems);
	while (g_hash_table_iter_next(&it, NULL, &stem))
		g_ptr_array_add(argv, stem);
	g_ptr_array_add(argv, NULL);
	cr_assert(g_spawn_async_with_pipes(NULL, (char **)argv->pdata, NULL,
		  G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL, NULL,
		  &errfd, NULL));
	for (int i = 0; i < 20000 && !victim; i++) {
		victim = find_proc(pid, 0);
		if (!victim)
			g_usleep(500);
	}
	cr_assert(victim, "no conversion child seen");
	kill(victim, SIGKILL);
	waitpid(pid, &status, 0);
	g_spawn_close_pid(pid);
	close(errfd);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == SKR_EX_IO,
		  "status %d", status);
	tool = g_build_filename(out, ".ingest", "run.tool", NULL);
	text = slurp(tool);
	cr_assert(strstr(text, "killed by signal 9"), "%s", text);
	cr_assert_eq(tu_count_lines(text), 1);
	st = g_build_filename(out, ".ingest", "st", NULL);
	fail = g_build_filename(out, ".fail", NULL);
	cr_assert_eq(count_dir(st), (int)fx.names->len - 1);
	cr_assert_eq(count_dir(fail), 1, "only the bad PDF failed");
	ingest(&fx, out, &err);
	cr_assert_eq(conversions(out), 1, "%s", err);
	check_all(&fx, out);
	g_free(err);
	g_free(text);
	g_free(tool);
	g_free(fail);
	g_free(st);
	g_ptr_array_unref(argv);
	g_hash_table_unref(stems);
	g_free(idx);
	g_free(out);
	fx_free(&fx);
}
