/* outdir.c - the layout of an ingest output directory: the one place the
 * names of its files are spelled (ingest.mk mirrors the few make needs).
 * Not what the files hold (manifest.c, state.c, build.c). */
#include "index-int.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

/* printf formats by idx_file: OUT, then STEM (or a chunk name) if any. */
static const char *const fmt[] = {
	[IDX_XML] = "%s/%s.xml",
	[IDX_FAIL] = "%s/.fail/%s.tsv",
	[IDX_STAMP] = "%s/.ingest/st/%s",
	[IDX_SRC] = "%s/.src/%s.pdf",
	[IDX_LOG] = "%s/.ingest/log/%s.log",
	[IDX_CHUNK] = "%s/.ingest/chunk/%s",
	[IDX_MANIFEST] = "%s/manifest.tsv",
	[IDX_INDEX] = "%s/index.xml",
	[IDX_SCORES] = "%s/scores.csv",
	[IDX_FAILURES] = "%s/failures.tsv",
	[IDX_ORPHANS] = "%s/orphans.tsv",
	[IDX_STEMS_MK] = "%s/.ingest/stems.mk",
	[IDX_RUN_LOG] = "%s/.ingest/run.log",
	[IDX_RUN_TOOL] = "%s/.ingest/run.tool",
	[IDX_TODO] = "%s/.ingest/todo",
	[IDX_DANGLING] = "%s/.ingest/dangling.tsv",
};

/* The directories of OUT, and those where a killed run leaves temporaries. */
static const char *const dirs[] = { ".src", ".fail", ".ingest/st",
				    ".ingest/log", ".ingest/chunk" };

char *idx_path(const char *out, idx_file f, const char *stem)
{
	g_assert((size_t)f < G_N_ELEMENTS(fmt) && fmt[f]);
	return stem ? g_strdup_printf(fmt[f], out, stem)
		    : g_strdup_printf(fmt[f], out);
}

/* Everything a stem may have in OUT; its source link last. */
static const idx_file stem_files[] = { IDX_XML, IDX_FAIL, IDX_STAMP,
				       IDX_LOG, IDX_SRC };

void idx_forget(const char *out, const char *stem)
{
	for (size_t i = 0; i < G_N_ELEMENTS(stem_files); i++) {
		char *p = idx_path(out, stem_files[i], stem);
		(void)g_unlink(p);
		g_free(p);
	}
}

int idx_make_dirs(const char *out)
{
	for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
		char *d = g_build_filename(out, dirs[i], NULL);
		int rc = g_mkdir_with_parents(d, 0755) != 0
			? skr_error(SKR_EX_IO, "cannot create '%s': %s", d,
				    g_strerror(errno)) : 0;
		g_free(d);
		if (rc)
			return rc;
	}
	return 0;
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

void idx_remove_temps(const char *out)
{
	char *ing = g_build_filename(out, ".ingest", NULL);

	remove_temps(out);
	remove_temps(ing);
	for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
		char *d = g_build_filename(out, dirs[i], NULL);
		remove_temps(d);
		g_free(d);
	}
	g_free(ing);
}

GPtrArray *idx_linked_stems(const char *out)
{
	char *dir = g_build_filename(out, ".src", NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *stems = g_ptr_array_new_with_free_func(g_free);
	const char *name;

	while (d && (name = g_dir_read_name(d)))
		if (g_str_has_suffix(name, ".pdf") && !strstr(name, ".tmp."))
			g_ptr_array_add(stems, g_strndup(name,
							 strlen(name) - 4));
	if (d)
		g_dir_close(d);
	g_free(dir);
	return stems;
}

gboolean idx_is_outdir(const char *dir)
{
	char *m = g_build_filename(dir, "manifest.tsv", NULL);
	char *i = g_build_filename(dir, ".ingest", NULL);
	gboolean r = g_file_test(m, G_FILE_TEST_IS_REGULAR) &&
		     g_file_test(i, G_FILE_TEST_IS_DIR);

	g_free(i);
	g_free(m);
	return r;
}
