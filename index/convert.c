/* convert.c - the conversion step of an ingest run: a chunk of stems with
 * one ruleset, skipping the ones already done, then the chunk's stamp.  Not
 * the conversion of one stem (job.c) nor the scheduling (make). */
#include <skrapa/index.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/parse.h>
#include "index-int.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* The newest of T and PATH's modification time; SKR_EX_IO when PATH is
 * missing. */
static int newest(struct timespec *t, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return skr_error(SKR_EX_IO, "cannot convert: dependency '%s': "
				 "%s", path, g_strerror(errno));
	if (idx_newer_than(t, path))
		return 0;
	*t = st.st_mtim;
	return 0;
}

/* The schema the pipeline validates with (as emit/schema.c finds it), or
 * NULL when there is none (then every conversion fails and says so). */
static char *schema_path(const char *exe_dir)
{
	const char *env = g_getenv("SKRAPA_SCHEMA");
	char *p = env && *env ? g_strdup(env)
		: g_build_filename(exe_dir, "..", "emit", "skrapa.rng", NULL);

	if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
		return p;
	g_free(p);
	return NULL;
}

/* The newest modification time of what every result depends on: this
 * program, its rule files and the schema.  Returns 0 or SKR_EX_IO. */
static int deps_time(struct timespec *t)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *dir = exe ? g_path_get_dirname(exe) : g_strdup(".");
	char *rules = skr_rules_default_dir(), *schema = schema_path(dir);
	GDir *d = g_dir_open(rules, 0, NULL);
	const char *n;
	int rc = exe ? newest(t, exe) : 0;

	while (!rc && d && (n = g_dir_read_name(d))) {
		char *p = g_build_filename(rules, n, NULL);
		if (g_str_has_suffix(n, ".rules") ||
		    g_str_has_suffix(n, ".inc"))
			rc = newest(t, p);
		g_free(p);
	}
	if (!rc && schema)
		rc = newest(t, schema);
	if (d)
		g_dir_close(d);
	g_free(schema);
	g_free(rules);
	g_free(dir);
	g_free(exe);
	return rc;
}

/* True when STEM's stamp is newer than its PDF and than DEPS. */
static gboolean up_to_date(const char *out, const char *stem,
			   const struct timespec *deps)
{
	char *st = g_strdup_printf("%s/.ingest/st/%s", out, stem);
	char *pdf = g_strdup_printf("%s/.src/%s.pdf", out, stem);
	struct stat s, p;
	gboolean ok = stat(st, &s) == 0 && stat(pdf, &p) == 0;

	if (ok) {
		struct timespec t = p.st_mtim;
		if (idx_newer_than(deps, pdf))
			t = *deps;
		ok = !idx_newer_than(&t, st);
	}
	g_free(pdf);
	g_free(st);
	return ok;
}

/* The manifest entries of STEMS, in their order, in *OUT (caller frees);
 * SKR_EX_USAGE when one is not in the manifest. */
static int select_entries(const char *out, char **stems, GPtrArray **sel)
{
	char *mpath = g_build_filename(out, "manifest.tsv", NULL);
	GPtrArray *all = NULL;
	GHashTable *by = g_hash_table_new(g_str_hash, g_str_equal);
	int rc = idx_manifest_read(mpath, 0, &all);

	*sel = g_ptr_array_new_with_free_func(idx_entry_free);
	for (guint i = 0; !rc && i < all->len; i++)
		g_hash_table_insert(by, ((idx_entry *)all->pdata[i])->stem,
				    GUINT_TO_POINTER(i));
	for (char **s = stems; !rc && *s; s++) {
		gpointer i, e = NULL;
		if (!g_hash_table_lookup_extended(by, *s, NULL, &i))
			rc = skr_error(SKR_EX_USAGE, "cannot convert '%s': not "
				       "in '%s'", *s, mpath);
		else if ((e = g_steal_pointer(&all->pdata[GPOINTER_TO_UINT(i)])))
			g_ptr_array_add(*sel, e);       /* NULL: given twice */
	}
	g_hash_table_destroy(by);
	if (all)
		g_ptr_array_unref(all);
	g_free(mpath);
	return rc;
}

/* Converts the stale entries of SEL with one lazily loaded ruleset. */
static int convert_all(const char *out, GPtrArray *sel,
		       const struct timespec *deps,
		       const skr_index_convert_opts *o)
{
	skr_ruleset *rs = NULL;
	char *dir = NULL;
	int rc = 0;

	for (guint i = 0; i < sel->len && !rc; i++) {
		const idx_entry *e = sel->pdata[i];
		if (up_to_date(out, e->stem, deps)) {
			idx_job_skipped(out);
			continue;
		}
		if (!rs) {
			dir = skr_rules_default_dir();
			if ((rc = skr_rules_load_dir(&rs, dir)))
				break;
			idx_job_prepare(rs);
		}
		rc = idx_job_run(out, e, rs, o->todo, o->quiet);
	}
	skr_ruleset_free(rs);
	g_free(dir);
	return rc;
}

int skr_index_convert(const char *out, char **stems,
		      const skr_index_convert_opts *o)
{
	struct timespec start = idx_job_now(), deps = { 0, 0 };
	GPtrArray *sel = NULL;
	int rc;

	if (!(rc = select_entries(out, stems, &sel)) &&
	    !(rc = deps_time(&deps)) &&
	    !(rc = convert_all(out, sel, &deps, o)) && o->stamp)
		rc = idx_put_file(o->stamp, "", &start);
	g_ptr_array_unref(sel);
	return rc;
}
