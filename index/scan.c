/* scan.c - finds the PDFs of an archive and names them (stems), then hands
 * the sorted list to idx_sync.  Not the conversion (make runs that) and not
 * the aggregates (build.c). */
#include <skrapa/index.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include "index-int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SLUG_MAX 40
#define HASH_HEX 10
#define SCAN_MAX_DEPTH 64

char *skr_index_stem(const char *rel)
{
	const char *dot = strrchr(rel, '.');
	char *base = g_strndup(rel, dot && !strchr(dot, '/') ? (gsize)(dot - rel)
			       : strlen(rel));
	char *ascii = g_utf8_validate(base, -1, NULL)
		? g_str_to_ascii(base, "C") : g_strdup(base);
	char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, rel, -1);
	GString *s = g_string_new(NULL);

	for (const char *p = ascii; *p && s->len < SLUG_MAX; p++) {
		if (g_ascii_isalnum(*p))
			g_string_append_c(s, g_ascii_tolower(*p));
		else if (s->len && s->str[s->len - 1] != '-')
			g_string_append_c(s, '-');
	}
	while (s->len && s->str[s->len - 1] == '-')
		g_string_truncate(s, s->len - 1);
	if (!s->len)
		g_string_append(s, "report");
	g_string_append_printf(s, "-%.*s", HASH_HEX, hash);
	g_free(hash);
	g_free(ascii);
	g_free(base);
	return g_string_free(s, FALSE);
}

/* A UTF-8 form of the raw name REL (Latin-1 is assumed when it is not). */
static char *display_name(const char *rel)
{
	char *s;

	if (g_utf8_validate(rel, -1, NULL))
		return g_strdup(rel);
	s = g_convert(rel, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
	return s ? s : g_utf8_make_valid(rel, -1);
}

/* PATH with symlinks resolved, or PATH made absolute (caller frees). */
static char *real_path(const char *path)
{
	char *r = realpath(path, NULL);
	char *s = r ? g_strdup(r) : g_canonicalize_filename(path, NULL);

	free(r);
	return s;
}

static int is_pdf_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && g_ascii_strcasecmp(name + n - 4, ".pdf") == 0;
}

struct walk {
	char *root;                     /* absolute IN */
	char *skip;                     /* canonical OUT */
	GPtrArray *entries;
	GPtrArray *dangling;            /* sources of links to nothing */
};

static int add_file(struct walk *w, const char *path, const struct stat *st)
{
	idx_entry *e;
	const char *rel = path + strlen(w->root) + 1;

	if (w->entries->len >= SKR_INDEX_MAX_FILES)
		return skr_error(SKR_EX_TOO_LARGE, "cannot scan '%s': more than "
				 "%d PDF files", w->root, SKR_INDEX_MAX_FILES);
	e = g_new0(idx_entry, 1);
	e->path = g_strdup(path);
	e->source = display_name(rel);
	e->stem = skr_index_stem(rel);
	e->size = st->st_size;
	e->mtime = st->st_mtim;
	g_ptr_array_add(w->entries, e);
	return 0;
}

static int walk_dir(struct walk *w, const char *dir, int depth);

/* Looks at one directory entry PATH: recurse, add, or ignore. */
static int walk_one(struct walk *w, const char *path, const char *name,
		    int depth)
{
	struct stat st;
	char *canon;
	int skip;

	if (name[0] == '.' || lstat(path, &st) != 0)
		return 0;               /* hidden, or vanished meanwhile */
	if (S_ISDIR(st.st_mode)) {
		canon = real_path(path);
		skip = strcmp(canon, w->skip) == 0 || idx_is_outdir(path);
		g_free(canon);
		return skip ? 0 : walk_dir(w, path, depth + 1);
	}
	if (!is_pdf_name(name))
		return 0;
	if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ELOOP)
			g_ptr_array_add(w->dangling, display_name(
				path + strlen(w->root) + 1));
		return 0;
	}
	return S_ISREG(st.st_mode) ? add_file(w, path, &st) : 0;
}

static int walk_dir(struct walk *w, const char *dir, int depth)
{
	GError *err = NULL;
	GDir *d;
	const char *name;
	int rc = 0;

	if (depth > SCAN_MAX_DEPTH)
		return skr_error(SKR_EX_TOO_LARGE, "cannot scan '%s': deeper "
				 "than %d directories", dir, SCAN_MAX_DEPTH);
	if (!(d = g_dir_open(dir, 0, &err))) {
		rc = skr_error(SKR_EX_IO, "cannot read '%s': %s", dir,
			       err->message);
		g_error_free(err);
		return rc;
	}
	while (!rc && (name = g_dir_read_name(d))) {
		char *path = g_build_filename(dir, name, NULL);
		rc = walk_one(w, path, name, depth);
		g_free(path);
	}
	g_dir_close(d);
	return rc;
}

static gint by_string(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fails when two entries share a stem (a hash collision). */
static int check_unique(const GPtrArray *entries)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	int rc = 0;

	for (guint i = 0; i < entries->len && !rc; i++) {
		idx_entry *e = entries->pdata[i];
		if (!g_hash_table_add(seen, e->stem))
			rc = skr_error(SKR_EX_INTERNAL, "cannot name '%s': stem "
				       "'%s' is taken", e->source, e->stem);
	}
	g_hash_table_destroy(seen);
	return rc;
}

int skr_index_scan(const char *in, const char *out,
		   const skr_index_scan_opts *so)
{
	struct walk w = { 0 };
	idx_scan_opts o = { .in = in, .chunks = so->chunks,
			    .prune = so->prune, .force = so->force };
	int rc;

	if (so->chunks > SKR_INDEX_MAX_CHUNKS)
		return skr_error(SKR_EX_USAGE, "cannot use %u chunks: at most "
				 "%d", so->chunks, SKR_INDEX_MAX_CHUNKS);
	if (!g_file_test(in, G_FILE_TEST_IS_DIR))
		return skr_error(SKR_EX_IO, "cannot scan '%s': not a directory",
				 in);
	if (g_mkdir_with_parents(out, 0755) != 0)
		return skr_error(SKR_EX_IO, "cannot create '%s': %s", out,
				 g_strerror(errno));
	w.root = real_path(in);
	w.skip = real_path(out);
	w.entries = g_ptr_array_new_with_free_func(idx_entry_free);
	w.dangling = g_ptr_array_new_with_free_func(g_free);
	o.dangling = w.dangling;
	rc = walk_dir(&w, w.root, 0);
	if (!rc) {
		g_ptr_array_sort(w.entries, idx_entry_by_source);
		rc = check_unique(w.entries);
	}
	if (!rc) {
		g_ptr_array_sort(w.dangling, by_string);
		rc = idx_sync(out, w.entries, &o);
	}
	g_ptr_array_unref(w.dangling);
	g_ptr_array_unref(w.entries);
	g_free(w.root);
	g_free(w.skip);
	return rc;
}
