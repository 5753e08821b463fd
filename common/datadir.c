/* datadir.c - the one lookup of rules, schemas and the OCR module
 * (datadir.h): environment, relocatable install, build tree, compiled-in
 * directory; the listing of a data directory's files.  Not loading them
 * (parse/rules.c, emit/schema.c, extract/ocrmod.c). */
#include <skrapa/datadir.h>

#include <glib.h>
#include <string.h>

#ifndef SKRAPA_DATADIR
#define SKRAPA_DATADIR "/usr/local/share/skrapa"
#endif
#ifndef SKRAPA_PKGLIBDIR
#define SKRAPA_PKGLIBDIR "/usr/local/lib/skrapa"
#endif

/* The directory of the running program, or NULL.  Caller frees. */
static char *exe_dir(void)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *dir = exe ? g_path_get_dirname(exe) : NULL;

	g_free(exe);
	return dir;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *skr_data_list(const char *dir, const char *suffix, unsigned max,
			 GError **err)
{
	GDir *d = g_dir_open(dir, 0, err);
	GPtrArray *names;
	const char *n;

	if (!d)
		return NULL;
	names = g_ptr_array_new_with_free_func(g_free);
	while ((n = g_dir_read_name(d)) && names->len <= max)
		if (g_str_has_suffix(n, suffix) && strlen(n) > strlen(suffix))
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_str);
	return names;
}

char *skr_data_path(const char *name)
{
	const char *env = g_getenv("SKRAPA_DATADIR");
	char *dir = exe_dir(), *cand[4] = { NULL }, *res = NULL;
	gboolean module = strcmp(name, SKR_DATA_OCR_MODULE) == 0;
	int n = 0;

	if (env && *env)
		cand[n++] = g_build_filename(env, name, NULL);
	if (dir) {
		cand[n++] = g_build_filename(dir, "..", module ? "lib" : "share",
					     "skrapa", name, NULL);
		cand[n++] = module || strcmp(name, "rules") == 0
			? g_build_filename(dir, name, NULL)
			: g_build_filename(dir, "..", "emit", name, NULL);
	}
	cand[n++] = g_build_filename(module ? SKRAPA_PKGLIBDIR : SKRAPA_DATADIR,
				     name, NULL);
	for (int i = 0; i < n; i++)
		if (!res && g_file_test(cand[i], G_FILE_TEST_EXISTS))
			res = g_strdup(cand[i]);
	if (!res)
		res = g_strdup(cand[n - 1]);
	for (int i = 0; i < n; i++)
		g_free(cand[i]);
	g_free(dir);
	return res;
}
