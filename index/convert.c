/* convert.c - the conversion step of an ingest run: a chunk of stems with
 * one ruleset, skipping the ones already done, then the chunk's stamp.  Not
 * the conversion of one stem (job.c) nor the scheduling (make). */
#include <skrapa/index.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/parse.h>
#include <skrapa/pipeline.h>
#include "index-int.h"

#include <stdlib.h>
#include <string.h>

/* True when STEM's outcome is recorded for its PDF as it is and is newer
 * than DEPS. */
static gboolean up_to_date(const char *out, const char *stem,
			   const struct timespec *deps)
{
	char *pdf = idx_path(out, IDX_SRC, stem);
	gboolean ok = idx_fresh(out, stem, pdf, deps);

	g_free(pdf);
	return ok;
}

/* The manifest entries of STEMS, in their order, in *OUT (caller frees);
 * SKR_EX_USAGE when one is not in the manifest. */
static int select_entries(const char *out, char **stems, GPtrArray **sel)
{
	char *mpath = idx_path(out, IDX_MANIFEST, NULL);
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

/* Converts the stale entries of SEL with one lazily loaded ruleset.  A
 * tool error (SKR_EX_IO) does not stop the others; it is returned. */
static int convert_all(const char *out, GPtrArray *sel,
		       const struct timespec *deps,
		       const skr_index_convert_opts *o)
{
	skr_ruleset *rs = NULL;
	char *dir = NULL;
	int rc = 0, tool = 0;

	for (guint i = 0; i < sel->len && !rc; i++) {
		const idx_entry *e = sel->pdata[i];
		if (up_to_date(out, e->stem, deps))
			continue;
		if (!rs) {
			dir = skr_rules_default_dir();
			if ((rc = skr_rules_load_dir(&rs, dir)) ||
			    (rc = skr_ruleset_compile(rs)))   /* once for all */
				break;
			skr_pipeline_share(rs, sel->len, 1);
			idx_job_prepare(rs);
		}
		rc = idx_job_run(out, e, rs, o->todo, o->quiet);
		if (rc == SKR_EX_IO) {
			tool = rc;
			rc = 0;
		}
	}
	if (!rc)
		rc = tool;
	skr_pipeline_share(rs, sel->len, 0);
	skr_ruleset_free(rs);
	g_free(dir);
	return rc;
}

int skr_index_convert(const char *out, char **stems,
		      const skr_index_convert_opts *o)
{
	struct timespec start = idx_job_now(), deps = { 0, 0 };
	skr_index_convert_opts oo = *o;
	GPtrArray *sel = NULL;
	int rc;

	if (!oo.todo)                   /* the scan's count of stale stems */
		oo.todo = idx_read_todo(out);
	o = &oo;

	if (!(rc = select_entries(out, stems, &sel)) &&
	    !(rc = idx_deps_time(&deps)) &&
	    !(rc = convert_all(out, sel, &deps, o)) && o->stamp)
		rc = idx_put_file(o->stamp, "", &start);
	g_ptr_array_unref(sel);
	return rc;
}
