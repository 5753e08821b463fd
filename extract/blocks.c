/* blocks.c - lines to blocks, and blocks into reading order on one page.
 * Blocks chain lines with regular spacing; order comes from horizontal
 * slabs merged into column regions, so a left column is read whole before
 * the right one.  Not list or furniture marking (lists.c, furniture.c). */
#include "internal.h"

#include <math.h>
#include <string.h>

typedef struct {
	GPtrArray *lines;               /* of xline*, top to bottom */
	double x0, y0, x1, y1;
	int col;                        /* column within its region */
} xblock;

typedef struct {
	double x0, x1;                  /* a gutter between two columns */
} gutter;

static void block_add(xblock *b, xline *l)
{
	if (!b->lines->len) {
		b->x0 = l->x0; b->y0 = l->y0; b->x1 = l->x1; b->y1 = l->y1;
	} else {
		b->x0 = MIN(b->x0, l->x0); b->y0 = MIN(b->y0, l->y0);
		b->x1 = MAX(b->x1, l->x1); b->y1 = MAX(b->y1, l->y1);
	}
	g_ptr_array_add(b->lines, l);
}

static double overlap(double a0, double a1, double b0, double b1)
{
	return MIN(a1, b1) - MAX(a0, b0);
}

/* Is the vertical step from P to L the spacing of lines in one block?  A
 * tight gap always is; beyond it, a pitch no wider than the document's
 * own line pitch for that size (leading 1.5 or 2 is still one paragraph). */
static gboolean block_spacing(const xline *p, const xline *l,
			      const xmetrics *m)
{
	double gap = l->y0 - p->y1, pitch;

	if (gap < -0.4 * p->size)
		return FALSE;
	if (gap <= 0.3 * p->size + 0.5)
		return TRUE;
	if (l->y0 - p->y0 > 3.3 * p->size + 0.5)
		return FALSE;           /* beyond any pitch metrics.c keeps */
	pitch = xmetrics_pitch(m, p->size);
	return pitch > 0 && l->y0 - p->y0 <= 1.08 * pitch + 0.5;
}

/* Is L a short line in capitals without sentence punctuation at its end
 * ("STYRKOR", "FÖRBÄTTRINGSOMRÅDEN"): a heading at body size? */
static gboolean caps_heading(const xline *l)
{
	int upper = 0, n = 0;
	for (const char *p = l->text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_islower(c) || ++n > 60)
			return FALSE;
		upper += g_unichar_isupper(c);
	}
	return upper >= 3 && !strchr(".:;,", l->text[strlen(l->text) - 1]);
}

/* How well line L continues block B; < 0 when it does not. */
static double continues(const xblock *b, const xline *l, const xmetrics *m)
{
	const xline *p = b->lines->pdata[b->lines->len - 1];
	const xline *first = b->lines->pdata[0];
	double ov = overlap(b->x0, b->x1, l->x0, l->x1);

	if (!block_spacing(p, l, m))
		return -1;
	if ((l->flags & SKR_LINE_ITEM) && caps_heading(p))
		return -1;              /* a list under its heading */
	if (fabs(l->size - p->size) > 0.5 || l->bold != p->bold)
		return -1;
	if (fabs(l->x0 - b->x0) <= 2 || fabs(l->x0 - first->text_x0) <= 2)
		return ov + 1000;
	if (ov >= 0.5 * MIN(b->x1 - b->x0, l->x1 - l->x0) && ov > 0)
		return ov;
	return -1;
}

static GPtrArray *group(GPtrArray *lines, const xmetrics *m)
{
	GPtrArray *blocks = g_ptr_array_new();

	for (guint i = 0; i < lines->len; i++) {
		xline *l = lines->pdata[i];
		xblock *best = NULL;
		double best_score = -1;
		for (guint j = 0; j < blocks->len; j++) {
			double s = continues(blocks->pdata[j], l, m);
			if (s > best_score) {
				best_score = s;
				best = blocks->pdata[j];
			}
		}
		if (!best) {
			best = g_new0(xblock, 1);
			best->lines = g_ptr_array_new();
			g_ptr_array_add(blocks, best);
		}
		block_add(best, l);
	}
	return blocks;
}

static gint by_y0(gconstpointer pa, gconstpointer pb)
{
	const xblock *a = *(xblock *const *)pa, *b = *(xblock *const *)pb;
	if (a->y0 != b->y0)
		return (a->y0 > b->y0) - (a->y0 < b->y0);
	return (a->x0 > b->x0) - (a->x0 < b->x0);
}

static gint by_x0(gconstpointer pa, gconstpointer pb)
{
	const xblock *a = *(xblock *const *)pa, *b = *(xblock *const *)pb;
	return (a->x0 > b->x0) - (a->x0 < b->x0);
}

/* The gutters of a slab: gaps between its blocks' merged x-ranges. */
static GArray *slab_gutters(GPtrArray *slab)
{
	GArray *g = g_array_new(FALSE, FALSE, sizeof(gutter));
	GPtrArray *s;
	double right;

	if (slab->len < 2)
		return g;               /* most slabs: one block, no gutter */
	s = g_ptr_array_copy(slab, NULL, NULL);
	g_ptr_array_sort(s, by_x0);
	right = ((xblock *)s->pdata[0])->x1;
	for (guint i = 1; i < s->len; i++) {
		xblock *b = s->pdata[i];
		if (b->x0 > right + 4.0) {
			gutter gt = { right, b->x0 };
			g_array_append_val(g, gt);
		}
		right = MAX(right, b->x1);
	}
	g_ptr_array_free(s, TRUE);
	return g;
}

static int column_of(const xblock *b, GArray *g)
{
	int c = 0;
	for (guint k = 0; k < g->len; k++)
		if (b->x0 >= g_array_index(g, gutter, k).x1 - 0.5)
			c = k + 1;
	return c;
}

/* Narrows gutters RG to those shared with slab gutters SG; FALSE when the
 * slab's columns are not the region's. */
static gboolean same_columns(GArray *rg, GArray *sg)
{
	for (guint i = 0; i < rg->len; i++) {
		gutter *a = &g_array_index(rg, gutter, i);
		gutter *b = &g_array_index(sg, gutter, i);
		if (overlap(a->x0, a->x1, b->x0, b->x1) < 2.0)
			return FALSE;
	}
	for (guint i = 0; i < rg->len; i++) {
		gutter *a = &g_array_index(rg, gutter, i);
		gutter *b = &g_array_index(sg, gutter, i);
		a->x0 = MAX(a->x0, b->x0);
		a->x1 = MIN(a->x1, b->x1);
	}
	return TRUE;
}

/* A one-column slab continues a column of REGION when each of its blocks
 * stays inside one column, follows closely and is aligned with a block
 * already there (a cell's text, not the next paragraph of the page). */
static gboolean continues_column(GPtrArray *region, GArray *rg,
				 GPtrArray *slab, double region_y1)
{
	for (guint i = 0; i < slab->len; i++) {
		xblock *b = slab->pdata[i];
		xline *l = b->lines->pdata[0];
		gboolean aligned = FALSE;
		if (b->y0 - region_y1 > 1.5 * l->size)
			return FALSE;
		for (guint k = 0; k < rg->len; k++) {
			gutter *gt = &g_array_index(rg, gutter, k);
			if (overlap(b->x0, b->x1, gt->x0, gt->x1) > 0)
				return FALSE;
		}
		for (guint k = 0; k < region->len && !aligned; k++) {
			xblock *r = region->pdata[k];
			aligned = column_of(r, rg) == column_of(b, rg) &&
				  fabs(r->x0 - b->x0) <= 2.0;
		}
		if (!aligned)
			return FALSE;
	}
	return TRUE;
}

/* Does SLAB (gutters SG) continue the multi-column REGION (gutters RG)? */
static gboolean columns_continue(GPtrArray *region, GArray *rg, GArray *sg,
				 GPtrArray *slab, double region_y1)
{
	if (!rg->len)
		return FALSE;
	if (sg->len == rg->len)
		return same_columns(rg, sg);
	if (sg->len != 0)
		return FALSE;
	return continues_column(region, rg, slab, region_y1);
}

static gint by_col_y(gconstpointer pa, gconstpointer pb)
{
	const xblock *a = *(xblock *const *)pa, *b = *(xblock *const *)pb;
	if (a->col != b->col)
		return a->col - b->col;
	return by_y0(pa, pb);
}

/* Appends REGION's blocks to OUT: column by column, top to bottom. */
static void flush_region(GPtrArray *region, GArray *gutters, GPtrArray *out)
{
	for (guint i = 0; i < region->len; i++) {
		xblock *b = region->pdata[i];
		b->col = column_of(b, gutters);
	}
	if (region->len > 1)
		g_ptr_array_sort(region, by_col_y);
	for (guint i = 0; i < region->len; i++)
		g_ptr_array_add(out, region->pdata[i]);
	g_ptr_array_set_size(region, 0);
}

/* Cuts BLOCKS (sorted by y0) into slabs of y-overlapping blocks and merges
 * slabs with compatible columns into regions. */
static GPtrArray *reading_order(GPtrArray *blocks)
{
	GPtrArray *out = g_ptr_array_new(), *region = g_ptr_array_new();
	GPtrArray *slab = g_ptr_array_new();
	GArray *rg = g_array_new(FALSE, FALSE, sizeof(gutter));
	double region_y1 = 0;
	guint i = 0;

	while (i < blocks->len) {
		xblock *b = blocks->pdata[i++];
		double y1 = b->y1;
		g_ptr_array_set_size(slab, 0);
		g_ptr_array_add(slab, b);
		while (i < blocks->len &&
		       ((xblock *)blocks->pdata[i])->y0 < y1 - 0.5) {
			b = blocks->pdata[i++];
			y1 = MAX(y1, b->y1);
			g_ptr_array_add(slab, b);
		}
		GArray *sg = slab_gutters(slab);
		if (!columns_continue(region, rg, sg, slab, region_y1)) {
			flush_region(region, rg, out);
			g_array_set_size(rg, 0);
			g_array_append_vals(rg, sg->data, sg->len);
		}
		g_array_free(sg, TRUE);
		for (guint k = 0; k < slab->len; k++)
			g_ptr_array_add(region, slab->pdata[k]);
		region_y1 = MAX(region_y1, y1);
	}
	flush_region(region, rg, out);
	g_ptr_array_free(region, TRUE);
	g_ptr_array_free(slab, TRUE);
	g_array_free(rg, TRUE);
	return out;
}

int xblocks_order(GPtrArray *lines, const xmetrics *m)
{
	GPtrArray *blocks, *order;
	guint k = 0;
	int n;

	if (!lines->len)
		return 0;
	blocks = group(lines, m);
	g_ptr_array_sort(blocks, by_y0);
	order = reading_order(blocks);
	for (guint i = 0; i < order->len; i++) {
		xblock *b = order->pdata[i];
		for (guint j = 0; j < b->lines->len; j++) {
			xline *l = b->lines->pdata[j];
			l->block = i;
			lines->pdata[k++] = l;
		}
		g_ptr_array_free(b->lines, TRUE);
		g_free(b);
	}
	n = order->len;
	g_ptr_array_free(order, TRUE);
	g_ptr_array_free(blocks, TRUE);
	return n;
}
