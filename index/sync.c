/* sync.c - brings an ingest output directory in line with a fresh scan:
 * manifest, stem list for make, source symlinks, removal of stale outputs.
 * Not the scan itself (scan.c) and never a conversion. */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include "index-int.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

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

/* Removes every trace of STEM from OUT. */
static void forget(const char *out, const char *stem)
{
	static const char *const fmt[] = {
		"%s/%s.xml", "%s/.fail/%s.tsv", "%s/.ingest/st/%s",
		"%s/.src/%s.pdf",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(fmt); i++) {
		char *p = g_strdup_printf(fmt[i], out, stem);
		(void)g_unlink(p);
		g_free(p);
	}
}

/* Removes the temporary files (NAME.tmp.*) a killed run left in DIR. */
static void remove_temps(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		if (strstr(name, ".tmp.")) {
			char *p = g_build_filename(dir, name, NULL);
			(void)g_unlink(p);
			g_free(p);
		}
	}
	if (d)
		g_dir_close(d);
}

static const char *const temp_dirs[] = { ".fail", ".ingest/st",
					   ".ingest/chunk" };

/* Forgets the stems of OUT/.src that are not in KEEP. */
static void prune(const char *out, GHashTable *keep)
{
	char *dir = g_build_filename(out, ".src", NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	GPtrArray *gone = g_ptr_array_new_with_free_func(g_free);

	while (d && (name = g_dir_read_name(d))) {
		if (!g_str_has_suffix(name, ".pdf"))
			continue;
		char *stem = g_strndup(name, strlen(name) - 4);
		if (g_hash_table_contains(keep, stem))
			g_free(stem);
		else
			g_ptr_array_add(gone, stem);
	}
	if (d)
		g_dir_close(d);
	remove_temps(out);
	remove_temps(dir);
	for (size_t i = 0; i < G_N_ELEMENTS(temp_dirs); i++) {
		char *t = g_build_filename(out, temp_dirs[i], NULL);
		remove_temps(t);
		g_free(t);
	}
	for (guint i = 0; i < gone->len; i++)
		forget(out, gone->pdata[i]);
	g_ptr_array_unref(gone);
	g_free(dir);
}

/* Removes the state stamp of STEM when the outcome it records is gone. */
static void check_stamp(const char *out, const char *stem)
{
	char *st = g_strdup_printf("%s/.ingest/st/%s", out, stem);
	char *xml = g_strdup_printf("%s/%s.xml", out, stem);
	char *fail = g_strdup_printf("%s/.fail/%s.tsv", out, stem);
	char *text = NULL;

	if (g_file_get_contents(st, &text, NULL, NULL)) {
		int ok = g_str_has_prefix(text, "ok");
		if (!g_file_test(ok ? xml : fail, G_FILE_TEST_EXISTS))
			(void)g_unlink(st);
	}
	g_free(text);
	g_free(fail);
	g_free(xml);
	g_free(st);
}

static int make_dirs(const char *out)
{
	static const char *const sub[] = { ".src", ".fail", ".ingest/st",
					     ".ingest/log", ".ingest/chunk" };

	for (size_t i = 0; i < G_N_ELEMENTS(sub); i++) {
		char *d = g_build_filename(out, sub[i], NULL);
		int bad = g_mkdir_with_parents(d, 0755) != 0;
		int rc = bad ? skr_error(SKR_EX_IO, "cannot create '%s': %s",
					 d, g_strerror(errno)) : 0;
		g_free(d);
		if (rc)
			return rc;
	}
	return 0;
}

/* Writes manifest.tsv and .ingest/stems.mk when they change. */
static int write_lists(const char *out, const GPtrArray *entries,
		       unsigned chunks)
{
	GString *s = g_string_new(NULL);
	char *p = g_build_filename(out, "manifest.tsv", NULL);
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
	p = g_build_filename(out, ".ingest", "stems.mk", NULL);
	if (!rc)
		rc = idx_write_if_changed(p, s->str, s->len);
	g_free(p);
	g_string_free(s, TRUE);
	return rc;
}

int idx_sync(const char *out, const GPtrArray *entries, unsigned chunks)
{
	GHashTable *keep = g_hash_table_new(g_str_hash, g_str_equal);
	int rc;

	if ((rc = make_dirs(out)))
		goto out;
	for (guint i = 0; i < entries->len && !rc; i++) {
		const idx_entry *e = entries->pdata[i];
		char *link = g_strdup_printf("%s/.src/%s.pdf", out, e->stem);
		g_hash_table_add(keep, e->stem);
		rc = ensure_link(link, e->path);
		check_stamp(out, e->stem);
		g_free(link);
	}
	if (!rc) {
		prune(out, keep);
		idx_chunks_sync(out, entries, chunks);
		rc = write_lists(out, entries, chunks);
	}
out:
	g_hash_table_destroy(keep);
	return rc;
}
