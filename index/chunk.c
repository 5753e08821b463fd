/* chunk.c - splits the stems of an archive into the chunks make converts
 * with one process each (stems.mk), and invalidates chunk stamps that no
 * longer tell the truth.  Not the conversion (convert.c) nor the scan. */
#include <skrapa/index.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK_MIN 16
#define CHUNK_PER_CPU 4
#define CHUNK_FILES 64
#define CHUNK_FILES_MIN 4
#define HASH_DIGITS 8           /* of the stem's 10 hex digits */

unsigned idx_chunk_count(guint nfiles, unsigned want)
{
	unsigned need = MAX(CHUNK_MIN, CHUNK_PER_CPU * g_get_num_processors());
	unsigned n = 1;

	if (want)
		return want;
	need = MAX(need, nfiles / CHUNK_FILES);
	while (n < need && n < SKR_INDEX_MAX_CHUNKS)
		n <<= 1;
	/* A small archive: a chunk's start-up (~30 ms) over a few PDFs. */
	while (n > 1 && (guint64)n * CHUNK_FILES_MIN > nfiles)
		n >>= 1;
	return n;
}

/* The chunk of STEM: its trailing hash digits modulo N (chunk 0 for a
 * stem that does not end in them, which skr_index_stem never makes). */
static unsigned chunk_of(const char *stem, unsigned n)
{
	size_t len = strlen(stem);
	const char *p = len > HASH_DIGITS ? stem + len - HASH_DIGITS : stem;
	long h;

	if (skr_parse_int_base(p, strlen(p), 16, 0, G_MAXUINT32, &h))
		return 0;
	return (unsigned)(h % n);
}

static char *chunk_name(unsigned k, unsigned n)
{
	return g_strdup_printf("%u-%u", n, k);
}

struct chunk {
	unsigned k;
	gint64 bytes;
	GString *stems;
};

static gint by_bytes(gconstpointer a, gconstpointer b)
{
	const struct chunk *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

void idx_chunks_format(const GPtrArray *entries, unsigned n, GString *s)
{
	GArray *ch = g_array_sized_new(FALSE, TRUE, sizeof(struct chunk), n);

	g_array_set_size(ch, n);
	for (unsigned k = 0; k < n; k++) {
		g_array_index(ch, struct chunk, k).k = k;
		g_array_index(ch, struct chunk, k).stems = g_string_new(NULL);
	}
	for (guint i = 0; i < entries->len; i++) {
		const idx_entry *e = entries->pdata[i];
		struct chunk *c = &g_array_index(ch, struct chunk,
						 chunk_of(e->stem, n));
		c->bytes += e->size;
		g_string_append_printf(c->stems, " %s", e->stem);
	}
	/* Largest first: make starts them first, so the last job is small. */
	g_array_sort(ch, by_bytes);
	g_string_append(s, "INGEST_CHUNK_LIST :=");
	for (unsigned k = 0; k < n; k++)
		if (g_array_index(ch, struct chunk, k).stems->len)
			g_string_append_printf(s, " %u-%u", n,
					       g_array_index(ch, struct chunk, k).k);
	g_string_append_c(s, '\n');
	for (unsigned k = 0; k < n; k++) {
		struct chunk *c = &g_array_index(ch, struct chunk, k);
		if (c->stems->len)
			g_string_append_printf(s, "INGEST_CHUNK_%u-%u :=%s\n",
					       n, c->k, c->stems->str);
		g_string_free(c->stems, TRUE);
	}
	g_array_free(ch, TRUE);
}

/* The set of chunk names (n-k) holding a stem of STALE. */
static GHashTable *dirty_chunks(const GPtrArray *entries, unsigned n,
				GHashTable *stale)
{
	GHashTable *dirty = g_hash_table_new_full(g_str_hash, g_str_equal,
						  g_free, NULL);

	for (guint i = 0; i < entries->len; i++) {
		const idx_entry *e = entries->pdata[i];
		if (g_hash_table_contains(stale, e->stem))
			g_hash_table_add(dirty, chunk_name(chunk_of(e->stem, n),
							   n));
	}
	return dirty;
}

void idx_chunks_sync(const char *out, const GPtrArray *entries, unsigned n,
		     GHashTable *stale)
{
	char *dir = idx_path(out, IDX_CHUNK, "");
	char *prefix = g_strdup_printf("%u-", n);
	GHashTable *dirty = dirty_chunks(entries, n, stale);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		if (!g_str_has_prefix(name, prefix) || strchr(name, '.') ||
		    g_hash_table_contains(dirty, name)) {
			char *p = idx_path(out, IDX_CHUNK, name);
			(void)g_unlink(p);
			g_free(p);
		}
	}
	if (d)
		g_dir_close(d);
	g_hash_table_destroy(dirty);
	g_free(prefix);
	g_free(dir);
}
