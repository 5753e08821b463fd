/* metrics.c - the document's own measures: body font size and the line
 * pitch of each font size, per page and accumulated over the document, so
 * blocks and headings are decided relative to the text, not to constants.
 * One pass: a page sees the document's measures up to and including it.
 * Not the decisions themselves (blocks.c, lists.c, structure.c). */
#include "internal.h"

#include <math.h>

#define PITCH_BIN 0.25          /* pitch histogram resolution, points */
#define MIN_SAMPLES 10          /* pairs a page needs for its own pitch */

#define CACHE 32
#define MAX_KEY 2000            /* size buckets: half points up to 1000 pt */

/* A pitch histogram: the pairs seen at each pitch bin of one size. */
typedef struct {
	int bin, n;
} pitch_count;

typedef struct {
	guint key;                      /* size_key() */
	GArray *bins;                   /* of pitch_count, by bin, n > 0 */
} size_pitches;

struct xmetrics {
	GArray *doc_pitch, *page_pitch;         /* of size_pitches, a few */
	int doc_size[MAX_KEY + 1];              /* size bucket -> glyphs */
	int body;                               /* its commonest bucket */
	struct { guint key; double pitch; } cache[CACHE];   /* this page's */
	int ncache;
};

static guint size_key(double size)
{
	return (guint)(MIN(MAX(size, 0), MAX_KEY / 2) * 2 + 0.5); /* half pt */
}

static int pitch_bin(double pitch)
{
	return (int)(MAX(pitch, 0) / PITCH_BIN + 0.5) & 0xFFF;
}

xmetrics *xmetrics_new(void)
{
	xmetrics *m = g_new0(xmetrics, 1);
	m->doc_pitch = g_array_new(FALSE, FALSE, sizeof(size_pitches));
	m->page_pitch = g_array_new(FALSE, FALSE, sizeof(size_pitches));
	return m;
}

/* Empties the histograms H. */
static void hists_clear(GArray *h)
{
	for (guint i = 0; i < h->len; i++)
		g_array_free(g_array_index(h, size_pitches, i).bins, TRUE);
	g_array_set_size(h, 0);
}

void xmetrics_free(xmetrics *m)
{
	if (!m)
		return;
	hists_clear(m->doc_pitch);
	hists_clear(m->page_pitch);
	g_array_free(m->doc_pitch, TRUE);
	g_array_free(m->page_pitch, TRUE);
	g_free(m);
}

/* The histogram of size key KEY in H; a new empty one when ADD, else
 * NULL when there is none. */
static GArray *bins_of(GArray *h, guint key, gboolean add)
{
	size_pitches sp;

	for (guint i = 0; i < h->len; i++)
		if (g_array_index(h, size_pitches, i).key == key)
			return g_array_index(h, size_pitches, i).bins;
	if (!add)
		return NULL;
	sp = (size_pitches){ key, g_array_new(FALSE, FALSE,
					      sizeof(pitch_count)) };
	g_array_append_val(h, sp);
	return sp.bins;
}

/* Counts one pair of SIZE at pitch BIN in H. */
static void bump(GArray *h, double size, int bin)
{
	GArray *bins = bins_of(h, size_key(size), TRUE);
	guint lo = 0, hi = bins->len;

	while (lo < hi) {               /* first entry with bin >= BIN */
		guint mid = (lo + hi) / 2;
		if (g_array_index(bins, pitch_count, mid).bin < bin)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < bins->len && g_array_index(bins, pitch_count, lo).bin == bin)
		g_array_index(bins, pitch_count, lo).n++;
	else
		g_array_insert_val(bins, lo, ((pitch_count){ bin, 1 }));
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

/* The last answer of right_edge(): the lines of a paragraph share their
 * left edge and size, and so the answer. */
typedef struct {
	double x0, size, right;
	gboolean margin, valid;
} edge_memo;

/* The right edge of L's column: the largest x1 of the LINES starting
 * within 3 pt of L's left edge; *MARGIN tells whether at least two lines
 * end within an em of it (a margin, not one long line).  A linear scan: a
 * page has few lines.  L is one of LINES, so the answer depends on its
 * left edge and size alone: MEMO keeps the last. */
static double right_edge(GPtrArray *lines, const xline *l, gboolean *margin,
			 edge_memo *memo)
{
	double right = l->x1;
	int near = 0;

	if (memo->valid && memo->x0 == l->x0 && memo->size == l->size) {
		*margin = memo->margin;
		return memo->right;
	}
	for (guint i = 0; i < lines->len; i++) {
		const xline *o = lines->pdata[i];
		if (o->x0 >= l->x0 - 3.0 && o->x0 <= l->x0 + 3.0)
			right = MAX(right, o->x1);
	}
	for (guint i = 0; i < lines->len && near < 2; i++) {
		const xline *o = lines->pdata[i];
		near += o->x0 >= l->x0 - 3.0 && o->x0 <= l->x0 + 3.0 &&
			o->x1 >= right - l->size;
	}
	*margin = near >= 2;
	*memo = (edge_memo){ l->x0, l->size, right, *margin, TRUE };
	return right;
}

/* Does N start with a lower-case letter (a sentence going on)? */
static gboolean starts_lower(const xline *n)
{
	for (guint i = 0; i < n->nchars; i++) {
		const xchar *c = &n->chars[i];
		if (c->x0 < n->text_x0 - 0.5 || xis_uspace(c->cp))
			continue;
		return g_unichar_islower(c->cp);
	}
	return FALSE;
}

/* Was L broken where N goes on (N's first word would not have fitted after
 * L before the right edge of L's column)?  Only such pairs show the pitch
 * inside a paragraph; short lines one under another may be table rows or
 * one-line items, so a line under 8 ems never counts, nor one whose column
 * shows no right margin unless N goes on in lower case. */
static gboolean wrapped(GPtrArray *edges, const xline *l, const xline *n,
			edge_memo *memo)
{
	gboolean margin;
	double right;

	if (l->x1 - l->x0 < 8 * l->size)
		return FALSE;
	right = right_edge(edges, l, &margin, memo);
	return (margin || starts_lower(n)) &&
	       l->x1 + 0.25 * l->size + xline_first_word_width(n) >=
	       right - 0.5 * l->size;
}

void xmetrics_page(xmetrics *m, GPtrArray *lines)
{
	GPtrArray *edges = lines;
	edge_memo memo = { .valid = FALSE };

	hists_clear(m->page_pitch);
	m->ncache = 0;
	for (guint i = 0; i < lines->len; i++) {
		const xline *l = lines->pdata[i], *n = next_below(lines, i);
		guint k = size_key(l->size);
		m->doc_size[k] += l->nchars;
		if (m->doc_size[k] > m->doc_size[m->body] ||
		    (m->doc_size[k] == m->doc_size[m->body] &&
		     (int)k < m->body))
			m->body = k;
		if (!n || !wrapped(edges, l, n, &memo))
			continue;
		int bin = pitch_bin(n->y0 - l->y0);
		bump(m->page_pitch, l->size, bin);
		bump(m->doc_pitch, l->size, bin);
	}
}

/* The pairs at entry I of the N entries B and at the bins either side. */
static int around(const pitch_count *b, guint n, guint i)
{
	return (i > 0 && b[i - 1].bin == b[i].bin - 1 ? b[i - 1].n : 0) +
	       b[i].n +
	       (i + 1 < n && b[i + 1].bin == b[i].bin + 1 ? b[i + 1].n : 0);
}

/* The line pitch of SIZE in H: the smallest pitch that is common (its
 * count with its neighbour bins at least a quarter of the most common
 * one's), so the pitch inside paragraphs wins over the pitch between them
 * even where most paragraphs are one line; with under six pairs one is
 * enough.  *SAMPLES gets the count. */
static double pitch_in(GArray *h, double size, int *samples)
{
	GArray *bins = bins_of(h, size_key(size), FALSE);
	int best = 0, total = 0, pick = -1;

	*samples = 0;
	if (!bins)
		return 0;
	const pitch_count *b = (const pitch_count *)bins->data;
	for (guint i = 0; i < bins->len; i++) {
		total += b[i].n;
		best = MAX(best, around(b, bins->len, i));
	}
	/* by bin: the first that qualifies is the smallest */
	for (guint i = 0; i < bins->len && pick < 0; i++) {
		int n = around(b, bins->len, i);
		if (n >= (total >= 6 ? 2 : 1) && 4 * n >= best)
			pick = b[i].bin;
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

static double pitch_uncached(const xmetrics *m, double size)
{
	double p = own_pitch(m, size), body;

	if (p > 0 || size <= 0)
		return p;
	body = xmetrics_body_size(m);          /* the body's leading, scaled */
	p = body > 0 ? own_pitch(m, body) : 0;
	return p > 0 ? p * size / body : 0;
}

/* Memoised per page (blocks.c asks for every line against every block);
 * the cache is the only state changed, so M stays logically const. */
double xmetrics_pitch(const xmetrics *m, double size)
{
	xmetrics *mm = (xmetrics *)m;
	guint key = size_key(size);
	double p;

	for (int i = 0; i < m->ncache; i++)
		if (m->cache[i].key == key)
			return m->cache[i].pitch;
	p = pitch_uncached(m, size);
	if (mm->ncache < CACHE) {
		mm->cache[mm->ncache].key = key;
		mm->cache[mm->ncache++].pitch = p;
	}
	return p;
}

double xmetrics_body_size(const xmetrics *m)
{
	return m->doc_size[m->body] ? m->body / 2.0 : 0;
}
