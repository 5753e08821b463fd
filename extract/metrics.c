/* metrics.c - the document's own measures: body font size and the line
 * pitch of each font size, per page and accumulated over the document, so
 * blocks and headings are decided relative to the text, not to constants.
 * One pass: a page sees the document's measures up to and including it.
 * Not the decisions themselves (blocks.c, lists.c, structure.c). */
#include "internal.h"

#include <math.h>

#define PITCH_BIN 0.25          /* pitch histogram resolution, points */
#define MIN_SAMPLES 10          /* pairs a page needs for its own pitch */

struct xmetrics {
	GHashTable *doc_pitch, *page_pitch;     /* key(size, pitch) -> n */
	GHashTable *doc_size;                   /* size bucket -> glyphs */
};

static guint size_key(double size)
{
	return (guint)lround(MAX(size, 0) * 2);          /* half points */
}

static gpointer pitch_key(double size, double pitch)
{
	return GUINT_TO_POINTER(size_key(size) << 12 |
				((guint)lround(pitch / PITCH_BIN) & 0xFFF));
}

xmetrics *xmetrics_new(void)
{
	xmetrics *m = g_new0(xmetrics, 1);
	m->doc_pitch = g_hash_table_new(g_direct_hash, g_direct_equal);
	m->page_pitch = g_hash_table_new(g_direct_hash, g_direct_equal);
	m->doc_size = g_hash_table_new(g_direct_hash, g_direct_equal);
	return m;
}

void xmetrics_free(xmetrics *m)
{
	if (!m)
		return;
	g_hash_table_destroy(m->doc_pitch);
	g_hash_table_destroy(m->page_pitch);
	g_hash_table_destroy(m->doc_size);
	g_free(m);
}

static void bump(GHashTable *h, gpointer key, int n)
{
	int old = GPOINTER_TO_INT(g_hash_table_lookup(h, key));
	g_hash_table_insert(h, key, GINT_TO_POINTER(old + n));
}

/* The line below L (index I in LINES, sorted top to bottom) that shares
 * its size and overlaps it horizontally, or NULL. */
static const xline *next_below(GPtrArray *lines, guint i)
{
	const xline *l = lines->pdata[i];
	for (guint j = i + 1; j < lines->len; j++) {
		const xline *n = lines->pdata[j];
		if (n->y0 - l->y0 > 3.0 * l->size)
			break;
		if (n->y0 - l->y0 < 0.5 * l->size)
			continue;
		if (fabs(n->size - l->size) <= 0.25 &&
		    MIN(n->x1, l->x1) > MAX(n->x0, l->x0))
			return n;
	}
	return NULL;
}

/* The right edge of each left edge's lines on the page: x0 (2 pt buckets)
 * -> the largest x1 of the lines starting there.  Caller frees. */
static GHashTable *right_edges(GPtrArray *lines)
{
	GHashTable *h = g_hash_table_new_full(g_direct_hash, g_direct_equal,
					      NULL, g_free);
	for (guint i = 0; i < lines->len; i++) {
		const xline *l = lines->pdata[i];
		gpointer key = GINT_TO_POINTER((int)lround(l->x0 / 2.0));
		double *r = g_hash_table_lookup(h, key);
		if (!r)
			g_hash_table_insert(h, key, r = g_new0(double, 1));
		*r = MAX(*r, l->x1);
	}
	return h;
}

/* Was L broken where N goes on (N's first word would not have fitted after
 * L before the right edge of L's column)?  Only such pairs show the pitch
 * inside a paragraph; short lines one under another may be table rows or
 * one-line items, so a line under 8 ems never counts. */
static gboolean wrapped(GHashTable *edges, const xline *l, const xline *n)
{
	int k = (int)lround(l->x0 / 2.0);
	double right = l->x1;

	if (l->x1 - l->x0 < 8 * l->size)
		return FALSE;
	for (int d = -1; d <= 1; d++) {
		double *r = g_hash_table_lookup(edges, GINT_TO_POINTER(k + d));
		if (r)
			right = MAX(right, *r);
	}
	return l->x1 + 0.25 * l->size + xline_first_word_width(n) >=
	       right - 0.5 * l->size;
}

void xmetrics_page(xmetrics *m, GPtrArray *lines)
{
	GHashTable *edges = right_edges(lines);

	g_hash_table_remove_all(m->page_pitch);
	for (guint i = 0; i < lines->len; i++) {
		const xline *l = lines->pdata[i], *n = next_below(lines, i);
		bump(m->doc_size, GUINT_TO_POINTER(size_key(l->size)),
		     l->chars->len);
		if (!n || !wrapped(edges, l, n))
			continue;
		gpointer key = pitch_key(l->size, n->y0 - l->y0);
		bump(m->page_pitch, key, 1);
		bump(m->doc_pitch, key, 1);
	}
	g_hash_table_destroy(edges);
}

static int count_at(GHashTable *h, guint size, int bin)
{
	if (bin < 0 || bin > 0xFFF)
		return 0;
	return GPOINTER_TO_INT(g_hash_table_lookup(h,
			GUINT_TO_POINTER(size << 12 | (guint)bin)));
}

/* The line pitch of SIZE in H: the smallest pitch that is common (its
 * count with its neighbour bins at least a quarter of the most common
 * one's), so the pitch inside paragraphs wins over the pitch between them
 * even where most paragraphs are one line; with under six pairs one is
 * enough.  *SAMPLES gets the count. */
static double pitch_in(GHashTable *h, double size, int *samples)
{
	GHashTableIter it;
	gpointer k, v;
	guint want = size_key(size);
	int best = 0, total = 0, pick = -1;

	g_hash_table_iter_init(&it, h);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		int bin = GPOINTER_TO_UINT(k) & 0xFFF;
		if (GPOINTER_TO_UINT(k) >> 12 != want)
			continue;
		total += GPOINTER_TO_INT(v);
		best = MAX(best, count_at(h, want, bin - 1) +
			   GPOINTER_TO_INT(v) + count_at(h, want, bin + 1));
	}
	g_hash_table_iter_init(&it, h);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		int bin = GPOINTER_TO_UINT(k) & 0xFFF;
		int n = count_at(h, want, bin - 1) + GPOINTER_TO_INT(v) +
			count_at(h, want, bin + 1);
		if (GPOINTER_TO_UINT(k) >> 12 == want && n >= (total >= 6 ? 2 : 1) &&
		    4 * n >= best && (pick < 0 || bin < pick))
			pick = bin;
	}
	*samples = total;
	return pick < 0 ? 0 : pick * PITCH_BIN;
}

static double own_pitch(const xmetrics *m, double size)
{
	int n = 0, dn = 0;
	double p = pitch_in(m->page_pitch, size, &n);
	double d = pitch_in(m->doc_pitch, size, &dn);

	/* A page of its own tighter leading keeps it; a page whose commonest
	 * spacing is wider (rows of a table, one-line items) does not. */
	if (n >= MIN_SAMPLES && p > 0 && (d <= 0 || p < d))
		return p;
	return d;
}

double xmetrics_pitch(const xmetrics *m, double size)
{
	double p = own_pitch(m, size), body;

	if (p > 0 || size <= 0)
		return p;
	body = xmetrics_body_size(m);          /* the body's leading, scaled */
	p = body > 0 ? own_pitch(m, body) : 0;
	return p > 0 ? p * size / body : 0;
}

double xmetrics_body_size(const xmetrics *m)
{
	GHashTableIter it;
	gpointer k, v;
	int best = 0;
	guint key = 0;

	g_hash_table_iter_init(&it, m->doc_size);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (GPOINTER_TO_INT(v) > best ||
		    (GPOINTER_TO_INT(v) == best && GPOINTER_TO_UINT(k) < key)) {
			best = GPOINTER_TO_INT(v);
			key = GPOINTER_TO_UINT(k);
		}
	return key / 2.0;
}
