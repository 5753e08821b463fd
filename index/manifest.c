/* manifest.c - the entries of an archive and the manifest file
 * (stem<TAB>source per PDF, textio escapes); the small files index/ writes
 * (rewritten only when their content changes, or dated).  Calls no other
 * file of index/; not the scan that produces the entries (scan.c). */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void idx_entry_free(gpointer p)
{
	idx_entry *e = p;

	if (!e)
		return;
	g_free(e->stem);
	g_free(e->source);
	g_free(e->path);
	g_free(e);
}

gint idx_entry_by_source(gconstpointer a, gconstpointer b)
{
	const idx_entry *x = *(idx_entry *const *)a;
	const idx_entry *y = *(idx_entry *const *)b;
	int c = strcmp(x->source, y->source);
	return c || !x->path || !y->path ? c : strcmp(x->path, y->path);
}

struct timespec idx_job_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME_COARSE, &t);
	if (t.tv_nsec > 0) {
		t.tv_nsec--;
	} else {
		t.tv_sec--;
		t.tv_nsec = 999999999;
	}
	return t;
}

/* No fsync: a stamp lost in a crash only means one more conversion. */
int idx_put_file(const char *path, const char *text,
		 const struct timespec *mtime)
{
	char *tmp = g_strdup_printf("%s.tmp.%d", path, (int)getpid());
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	FILE *f = fopen(tmp, "w");
	int rc = 0;

	if (mtime)
		ts[1] = *mtime;
	if (!f || fputs(text, f) < 0 || fflush(f) != 0 ||
	    futimens(fileno(f), ts) != 0 || fclose(f) != 0 ||
	    (f = NULL, rename(tmp, path) != 0)) {
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", path,
			       g_strerror(errno));
		if (f)
			fclose(f);
		(void)unlink(tmp);
	}
	g_free(tmp);
	return rc;
}

void idx_manifest_format(const GPtrArray *entries, GString *s)
{
	for (guint i = 0; i < entries->len; i++) {
		const idx_entry *e = entries->pdata[i];
		g_string_append(s, e->stem);
		g_string_append_c(s, '\t');
		skr_escape_append(s, e->source);
		g_string_append_c(s, '\n');
	}
}

/* Parses one manifest line into a new entry, or NULL when malformed. */
static idx_entry *parse_line(const char *line, size_t len)
{
	const char *f[2];
	size_t n[2];
	idx_entry *e;

	if (skr_split_tabs(line, len, f, n, 2) != 2 || n[0] == 0 || n[1] == 0)
		return NULL;
	e = g_new0(idx_entry, 1);
	e->stem = g_strndup(f[0], n[0]);
	e->source = skr_unescape(f[1], n[1]);
	if (!e->source || strchr(e->stem, '/')) {
		idx_entry_free(e);
		return NULL;
	}
	return e;
}

int idx_manifest_read(const char *path, int missing_ok, GPtrArray **out)
{
	char *buf = NULL, *p, *nl;
	size_t len;
	unsigned lineno = 0;
	int rc = 0;

	*out = g_ptr_array_new_with_free_func(idx_entry_free);
	if (missing_ok && !g_file_test(path, G_FILE_TEST_EXISTS))
		return 0;
	if ((rc = skr_read_file(path, IDX_MAX_MANIFEST, &buf, &len)))
		goto out;
	for (p = buf; !rc && p < buf + len; p = nl + 1) {
		idx_entry *e;
		if (!(nl = memchr(p, '\n', buf + len - p)))
			nl = buf + len;
		lineno++;
		if (!(e = parse_line(p, nl - p)))
			rc = skr_error(SKR_EX_IO, "cannot read '%s': line %u: "
				       "not stem<TAB>source", path, lineno);
		else
			g_ptr_array_add(*out, e);
	}
out:
	g_free(buf);
	if (rc)
		g_ptr_array_set_size(*out, 0);
	return rc;
}

int idx_write_if_changed(const char *path, const char *data, size_t len)
{
	char *old = NULL;
	gsize old_len = 0;
	skr_outfile *of;
	int rc;

	if (g_file_get_contents(path, &old, &old_len, NULL) &&
	    old_len == len && memcmp(old, data, len) == 0) {
		g_free(old);
		return 0;
	}
	g_free(old);
	if ((rc = skr_outfile_open(&of, path)))
		return rc;
	fwrite(data, 1, len, skr_outfile_stream(of));
	return skr_outfile_commit(of);
}
