/* ocrregions.c - the text columns of a scanned page's ruled tables, which
 * Tesseract reads again one by one where, reading the page, it ran a line
 * from one cell into the next (ocrwords.c decides, ocr.c reads).
 * Not recognition nor the words read. */
#include "ocr.h"

#include <leptonica/allheaders.h>

#include <stdlib.h>

/* Ink darker than this (0..255) may be a rule: a light grey table rule of
 * 190 still counts, paper does not. */
#define RULE_INK 200

/* A vertical rule: its pixel columns X0..X1 and rows Y0..Y1. */
typedef struct {
	int x0, x1, y0, y1;
} vrule;

static gint by_x(gconstpointer a, gconstpointer b)
{
	return ((const vrule *)a)->x0 - ((const vrule *)b)->x0;
}

static gint by_int(gconstpointer a, gconstpointer b)
{
	return *(const int *)a - *(const int *)b;
}

/* The vertical rules of BIN: ink at least half an inch tall (taller than
 * any letter of a text face) and at most a fortieth of an inch wide. */
static GArray *vertical_rules(PIX *bin, int dpi)
{
	GArray *rules = g_array_new(FALSE, FALSE, sizeof(vrule));
	PIX *tall = pixOpenBrick(NULL, bin, 1, dpi / 2);
	BOXA *boxes = tall ? pixConnCompBB(tall, 8) : NULL;

	for (int i = 0; boxes && i < boxaGetCount(boxes); i++) {
		int x, y, w, h;
		boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
		if (w > MAX(2, dpi / 40))
			continue;
		vrule r = { x, x + w - 1, y, y + h - 1 };
		g_array_append_val(rules, r);
	}
	g_array_sort(rules, by_x);
	boxaDestroy(&boxes);
	pixDestroy(&tall);
	return rules;
}

/* Moves row Y to the row with least ink within SPAN rows of it (ROWS:
 * ink per row), so that a cut between bands falls between text lines. */
static int quiet_row(NUMA *rows, int y, int span)
{
	int n = numaGetCount(rows), best = y;
	l_int32 least = INT32_MAX, v;

	for (int d = 0; d <= span; d++)
		for (int s = -1; s <= 1; s += 2) {
			int r = y + s * d;
			if (r < 0 || r >= n || numaGetIValue(rows, r, &v) ||
			    v >= least)
				continue;
			least = v;
			best = r;
		}
	return best;
}

/* The rows where bands begin: 0, each rule's top and the row after its
 * bottom (one of several within TOL rows), each moved to the quietest
 * row within TOL (more than half a line's pitch: a column's top and
 * bottom cut no line). */
static GArray *band_tops(const GArray *rules, NUMA *rows, int h, int tol)
{
	GArray *ys = g_array_new(FALSE, FALSE, sizeof(int));
	GArray *out = g_array_new(FALSE, FALSE, sizeof(int));
	int zero = 0;

	for (guint i = 0; i < rules->len; i++) {
		const vrule *r = &g_array_index(rules, vrule, i);
		int bottom = r->y1 + 1;
		g_array_append_val(ys, r->y0);
		if (bottom < h)
			g_array_append_val(ys, bottom);
	}
	g_array_sort(ys, by_int);
	g_array_append_val(out, zero);
	for (guint i = 0; i < ys->len; i++) {
		int y = g_array_index(ys, int, i);
		int last = g_array_index(out, int, out->len - 1);
		if (y - last >= tol)
			g_array_append_val(out, y);
	}
	for (guint i = 1; i < out->len; i++)
		g_array_index(out, int, i) = quiet_row(rows,
				g_array_index(out, int, i), tol);
	g_array_free(ys, TRUE);
	return out;
}

/* The rules of RULES that run through the whole band Y0..Y1 (TOL rows
 * short at either end allowed), left to right. */
static GArray *band_rules(const GArray *rules, int y0, int y1, int tol)
{
	GArray *in = g_array_new(FALSE, FALSE, sizeof(vrule));

	for (guint i = 0; i < rules->len; i++) {
		const vrule *r = &g_array_index(rules, vrule, i);
		if (r->y0 <= y0 + tol && r->y1 >= y1 - tol)
			g_array_append_val(in, *r);
	}
	return in;
}

/* Do the bands cut by A and B have the same columns? */
static gboolean same_columns(const GArray *a, const GArray *b, int tol)
{
	if (a->len != b->len)
		return FALSE;
	for (guint i = 0; i < a->len; i++)
		if (abs(g_array_index(a, vrule, i).x0 -
			g_array_index(b, vrule, i).x0) > tol)
			return FALSE;
	return TRUE;
}

/* The width of the column right of cut I of CUTS (-1: the page's left
 * edge) up to the next cut or the page's right edge W. */
static int column_width(const GArray *cuts, int i, int w)
{
	int left = i < 0 ? 0 : g_array_index(cuts, vrule, i).x1;
	int right = i + 1 < (int)cuts->len ?
		    g_array_index(cuts, vrule, i + 1).x0 : w;
	return right - left;
}

/* Keeps the cuts of CUTS only when they make a table of text columns:
 * of two rules drawn close (a column under an eighth of an inch, DPI) one
 * is dropped; then, when a column between two rules is narrower than an
 * inch and a half, none is kept: a score table's "Uppnått | Max |
 * Procent" columns and a score box's "Poäng" are read with their row, as
 * on a page read whole (alone in a narrow column Tesseract drops a "6" as
 * noise, reads "65%" as "65" and a bold "55" as "DD"). */
static void text_columns(GArray *cuts, int w, int dpi)
{
	for (guint i = 0; i + 1 < cuts->len; )
		if (column_width(cuts, i, w) < dpi / 8)
			g_array_remove_index(cuts, i + 1);
		else
			i++;
	for (guint i = 0; i + 1 < cuts->len; i++)
		if (column_width(cuts, i, w) < dpi * 3 / 2) {
			g_array_set_size(cuts, 0);
			return;
		}
}

/* Adds the columns of band Y0..Y1 cut at CUTS that are ruled on both
 * sides to REGIONS, the rules' own ink left out (beside one rule, a margin
 * or the page beside a line, Tesseract finds the layout itself). */
static void add_columns(GArray *regions, const GArray *cuts, int y0, int y1)
{
	for (guint i = 0; i + 1 < cuts->len; i++) {
		const vrule *l = &g_array_index(cuts, vrule, i), *r = l + 1;
		xocr_region g = { l->x1 + 2, y0, r->x0 - 1 - (l->x1 + 2),
				  y1 - y0 };
		if (g.w > 0 && g.h > 0)
			g_array_append_val(regions, g);
	}
}

GArray *xocr_regions(PIX *pix, int dpi)
{
	PIX *bin = pixConvertTo1(pix, RULE_INK);
	int w = pixGetWidth(pix), h = pixGetHeight(pix), tol = dpi / 10;
	GArray *rules, *tops, *prev = NULL;
	GArray *regions = NULL;
	NUMA *rows;
	int y0 = 0;

	if (!bin)
		return NULL;
	rules = vertical_rules(bin, dpi);
	if (!rules->len)
		goto out;
	rows = pixCountPixelsByRow(bin, NULL);
	tops = band_tops(rules, rows, h, tol);
	regions = g_array_new(FALSE, FALSE, sizeof(xocr_region));
	for (guint i = 0; i < tops->len; i++) {
		int y = g_array_index(tops, int, i);
		int y1 = i + 1 < tops->len ? g_array_index(tops, int, i + 1) : h;
		GArray *cuts = band_rules(rules, y, y1, tol);
		text_columns(cuts, w, dpi);
		/* bands cut alike are one: a table's rows */
		if (prev && same_columns(prev, cuts, tol)) {
			g_array_free(cuts, TRUE);
			continue;
		}
		if (prev) {
			add_columns(regions, prev, y0, y);
			g_array_free(prev, TRUE);
		}
		prev = cuts;
		y0 = y;
	}
	add_columns(regions, prev, y0, h);
	g_array_free(prev, TRUE);
	numaDestroy(&rows);
	g_array_free(tops, TRUE);
	if (!regions->len) {
		g_array_free(regions, TRUE);
		regions = NULL;
	}
out:
	g_array_free(rules, TRUE);
	pixDestroy(&bin);
	return regions;
}
