/* sync.c - brings an ingest output directory in line with a fresh scan:
 * refuses a scan that looks wrong, lists orphans (outputs whose PDF left
 * IN; removed only when asked), links the sources, finds the stale stems,
 * writes the manifest and the stem list for make.  Not the scan itself
 * (scan.c), never a conversion. */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Refused unless forced: more than this share of OUT's outputs orphaned. */
#define ORPHAN_SHARE_MAX 0.5

/* Points the symlink LINK at TARGET unless it already does (through a
 * temporary link and rename, so LINK is never missing). */
static int ensure_link(const char *link, const char *target)
{
	char *cur = g_file_read_link(link, NULL);
	char *tmp;
	int rc = 0;

	if (cur && strcmp(cur, target) == 0) {
		g_free(cur);
		return 0;
	}
	g_free(cur);
	tmp = g_strdup_printf("%s.tmp.%d", link, (int)getpid());
	(void)unlink(tmp);
	if (symlink(target, tmp) != 0 || rename(tmp, link) != 0) {
		rc = skr_error(SKR_EX_IO, "cannot link '%s': %s", link,
			       g_strerror(errno));
		(void)unlink(tmp);
	}
	g_free(tmp);
	return rc;
}

/* Adds the entries of the list file F of OUT (stem<TAB>source) to KNOWN
 * (stem -> source). */
static int read_known(const char *out, idx_file f, GHashTable *known)
{
	char *p = idx_path(out, f, NULL);
	GPtrArray *a = NULL;
	int rc = idx_manifest_read(p, 1, &a);

	for (guint i = 0; !rc && i < a->len; i++) {
		idx_entry *e = a->pdata[i];
		g_hash_table_replace(known, g_strdup(e->stem),
				     g_strdup(e->source));
	}
	g_ptr_array_unref(a);
	g_free(p);
	return rc;
}

/* The stems OUT knows (old manifest, orphan list, source links) that are
 * not in KEEP, as idx_entry* sorted by source; *KNOWN_N gets how many
 * stems OUT knew. */
static int find_orphans(const char *out, GHashTable *keep, GPtrArray **orph,
			guint *known_n)
{
	GHashTable *known = g_hash_table_new_full(g_str_hash, g_str_equal,
						  g_free, g_free);
	GPtrArray *links = idx_linked_stems(out);
	GHashTableIter it;
	gpointer stem, source;
	int rc;

	*orph = g_ptr_array_new_with_free_func(idx_entry_free);
	if (!(rc = read_known(out, IDX_MANIFEST, known)))
		rc = read_known(out, IDX_ORPHANS, known);
	for (guint i = 0; i < links->len; i++)
		if (!g_hash_table_contains(known, links->pdata[i]))
			g_hash_table_insert(known, g_strdup(links->pdata[i]),
					    g_strdup(links->pdata[i]));
	*known_n = g_hash_table_size(known);
	g_hash_table_iter_init(&it, known);
	while (!rc && g_hash_table_iter_next(&it, &stem, &source)) {
		idx_entry *e;
		if (g_hash_table_contains(keep, stem))
			continue;
		e = g_new0(idx_entry, 1);
		e->stem = g_strdup(stem);
		e->source = g_strdup(source);
		g_ptr_array_add(*orph, e);
	}
	g_ptr_array_sort(*orph, idx_entry_by_source);
	g_ptr_array_unref(links);
	g_hash_table_destroy(known);
	return rc;
}

/* Refuses (SKR_EX_USAGE) an empty IN, or one that orphans more than
 * ORPHAN_SHARE_MAX of what OUT knew, unless O->force. */
static int check_sane(const char *out, const GPtrArray *entries,
		      guint orphans, guint known, const idx_scan_opts *o)
{
	if (o->force)
		return 0;
	if (entries->len == 0)
		return skr_error(SKR_EX_USAGE, "refusing to use '%s': it "
				 "holds no PDF files (a mistyped IN?); FORCE=1 "
				 "(--force) goes on", o->in);
	if (known && orphans > ORPHAN_SHARE_MAX * known)
		return skr_error(SKR_EX_USAGE, "refusing to use '%s': %u of "
				 "the %u PDFs converted into '%s' are not in "
				 "it (a wrong IN?); FORCE=1 (--force) goes on",
				 o->in, orphans, known, out);
	return 0;
}

/* Removes the orphans' files (O->prune), or lists them in orphans.tsv. */
static int settle_orphans(const char *out, GPtrArray *orph,
			  const idx_scan_opts *o)
{
	char *p = idx_path(out, IDX_ORPHANS, NULL);
	GString *s = g_string_new(NULL);
	int rc = 0;

	for (guint i = 0; o->prune && i < orph->len; i++)
		idx_forget(out, ((idx_entry *)orph->pdata[i])->stem);
	if (o->prune || !orph->len)
		(void)g_unlink(p);
	else {
		idx_manifest_format(orph, s);
		rc = idx_write_if_changed(p, s->str, s->len);
	}
	g_string_free(s, TRUE);
	g_free(p);
	return rc;
}

/* Writes manifest.tsv, .ingest/stems.mk and .ingest/todo when they
 * change. */
static int write_lists(const char *out, const GPtrArray *entries,
		       unsigned chunks, guint todo)
{
	GString *s = g_string_new(NULL);
	char *p = idx_path(out, IDX_MANIFEST, NULL);
	int rc;

	idx_manifest_format(entries, s);
	rc = idx_write_if_changed(p, s->str, s->len);
	g_free(p);
	g_string_assign(s, "INGEST_STEMS :=");
	for (guint i = 0; i < entries->len; i++)
		g_string_append_printf(s, " \\\n  %s",
				       ((idx_entry *)entries->pdata[i])->stem);
	g_string_append_c(s, '\n');
	idx_chunks_format(entries, chunks, s);
	p = idx_path(out, IDX_STEMS_MK, NULL);
	if (!rc)
		rc = idx_write_if_changed(p, s->str, s->len);
	g_free(p);
	g_string_printf(s, "%u\n", todo);
	p = idx_path(out, IDX_TODO, NULL);
	if (!rc)
		rc = idx_write_if_changed(p, s->str, s->len);
	g_free(p);
	g_string_free(s, TRUE);
	return rc;
}

/* Writes the dangling links' sources to .ingest/dangling.tsv. */
static int write_dangling(const char *out, const GPtrArray *dangling)
{
	char *p = idx_path(out, IDX_DANGLING, NULL);
	GString *s = g_string_new(NULL);
	int rc;

	for (guint i = 0; dangling && i < dangling->len; i++) {
		skr_escape_append(s, dangling->pdata[i]);
		g_string_append_c(s, '\n');
	}
	rc = idx_write_if_changed(p, s->str, s->len);
	g_string_free(s, TRUE);
	g_free(p);
	return rc;
}

/* Empties the records of the run that begins (run.log, run.tool). */
static int start_run(const char *out)
{
	static const idx_file f[] = { IDX_RUN_LOG, IDX_RUN_TOOL };
	int rc = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(f) && !rc; i++) {
		char *p = idx_path(out, f[i], NULL);
		rc = idx_put_file(p, "", NULL);
		g_free(p);
	}
	return rc;
}

/* Links the sources; collects the stems that are not up to date. */
static int link_all(const char *out, const GPtrArray *entries,
		    GHashTable *stale)
{
	struct timespec deps = { 0, 0 };
	int rc = idx_deps_time(&deps);

	for (guint i = 0; i < entries->len && !rc; i++) {
		const idx_entry *e = entries->pdata[i];
		char *link = idx_path(out, IDX_SRC, e->stem);
		rc = ensure_link(link, e->path);
		if (!idx_fresh(out, e->stem, e->path, &deps))
			g_hash_table_add(stale, e->stem);
		g_free(link);
	}
	return rc;
}

int idx_sync(const char *out, const GPtrArray *entries,
	     const idx_scan_opts *o)
{
	GHashTable *keep = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *stale = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *orph = NULL;
	unsigned chunks = idx_chunk_count(entries->len, o->chunks);
	guint known = 0;
	int rc;

	for (guint i = 0; i < entries->len; i++)
		g_hash_table_add(keep, ((idx_entry *)entries->pdata[i])->stem);
	if ((rc = find_orphans(out, keep, &orph, &known)) ||
	    (rc = check_sane(out, entries, orph->len, known, o)) ||
	    (rc = idx_make_dirs(out)) ||
	    (rc = settle_orphans(out, orph, o)) ||
	    (rc = link_all(out, entries, stale)))
		goto out;
	idx_remove_temps(out);
	idx_chunks_sync(out, entries, chunks, stale);
	if (!(rc = write_dangling(out, o->dangling)) &&
	    !(rc = write_lists(out, entries, chunks,
			       g_hash_table_size(stale))))
		rc = start_run(out);
	if (!rc && orph->len && o->prune)
		fprintf(stderr, "skrapa-index: removed the outputs of %u PDFs "
			"no longer in '%s' (--prune)\n", orph->len, o->in);
out:
	if (orph)
		g_ptr_array_unref(orph);
	g_hash_table_destroy(stale);
	g_hash_table_destroy(keep);
	return rc;
}
