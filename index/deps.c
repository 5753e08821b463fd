/* deps.c - what every conversion result depends on besides its PDF: this
 * program (it links the pipeline), the rule files (and their includes)
 * and the schema.  Not the
 * PDFs' own state (state.c). */
#include <skrapa/datadir.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/parse.h>
#include "index-int.h"

#include <errno.h>
#include <sys/stat.h>

gboolean idx_newer_than(const struct timespec *a, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return FALSE;
	return a->tv_sec > st.st_mtim.tv_sec ||
	       (a->tv_sec == st.st_mtim.tv_sec &&
		a->tv_nsec > st.st_mtim.tv_nsec);
}

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
 * NULL when there is none. */
static char *schema_path(void)
{
	const char *env = g_getenv("SKRAPA_SCHEMA");
	char *p = env && *env ? g_strdup(env) : skr_data_path("skrapa.rng");

	if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
		return p;
	g_free(p);
	return NULL;
}

int idx_deps_time(struct timespec *t)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *rules = skr_rules_default_dir(), *schema = schema_path();
	GDir *d = g_dir_open(rules, 0, NULL);
	const char *n;
	int rc = exe ? newest(t, exe) : 0;

	while (!rc && d && (n = g_dir_read_name(d))) {
		char *p = g_build_filename(rules, n, NULL);
		if (g_str_has_suffix(n, ".rules") ||
		    g_str_has_suffix(n, ".inc") ||
		    g_str_has_suffix(n, ".vocab") ||     /* emit's vocabulary */
		    g_str_has_suffix(n, ".rng"))         /* and its schema */
			rc = newest(t, p);
		g_free(p);
	}
	if (!rc && schema)
		rc = newest(t, schema);
	if (d)
		g_dir_close(d);
	g_free(schema);
	g_free(rules);
	g_free(exe);
	return rc;
}
