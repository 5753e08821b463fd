/* rotate.c - which way text runs on a page: each Poppler line's direction
 * (right, down, left, up), the page's reading rotation, and the turns
 * between the displayed page and a direction's upright frame.  Not line
 * building: lines.c works in an upright frame and never sees a turn. */
#include "internal.h"

#include <math.h>

/* Strongly right-to-left: Hebrew, Arabic and their neighbours (xis_rtl
 * has answered for everything below U+0590, the Hebrew block). */
gboolean xis_rtl_script(gunichar c)
{
	switch (g_unichar_get_script(c)) {
	case G_UNICODE_SCRIPT_HEBREW: case G_UNICODE_SCRIPT_ARABIC:
	case G_UNICODE_SCRIPT_SYRIAC: case G_UNICODE_SCRIPT_THAANA:
	case G_UNICODE_SCRIPT_NKO:
		return g_unichar_isalpha(c);
	default:
		return FALSE;
	}
}

/* The right-to-left letters among the N glyphs C (spaces aside). */
static guint rtl_letters(const xchar *c, guint n)
{
	guint rtl = 0;

	for (guint i = 0; i < n; i++)
		rtl += c[i].cp != ' ' && xis_rtl(c[i].cp);
	return rtl;
}

void xdir_mark(xchar *c, guint n, xdirs *dirs)
{
	double ax = 0, ay = 0, sx = 0, sy = 0, psize = 0;
	guint letters = 0;
	const xchar *p = NULL;
	int dir = XDIR_UNKNOWN;

	/* no call in this loop: the sums stay in registers */
	for (guint i = 0; i < n; i++) {
		const xchar *g = &c[i];
		if (g->cp == ' ')
			continue;
		letters++;
		/* each glyph's size once, kept for the next pair */
		double size = MAX(g->x1 - g->x0, g->y1 - g->y0);
		if (p) {
			double dx = (g->x0 + g->x1 - p->x0 - p->x1) / 2;
			double dy = (g->y0 + g->y1 - p->y0 - p->y1) / 2;
			double adx = fabs(dx), ady = fabs(dy);
			/* Neighbours only: Poppler may join words far apart
			 * into one line, in any order. */
			if (adx + ady <= 1.5 * MAX(size, psize)) {
				sx += dx; sy += dy;
				ax += adx; ay += ady;
			}
		}
		p = g;
		psize = size;
	}
	if (ax + ay > 0.01)
		/* Leftwards is upside down, unless the line is right-to-left
		 * script, which Poppler gives in logical order (counted only
		 * for a line that runs left). */
		dir = ax >= ay ? (sx >= 0 || rtl_letters(c, n) * 2 >= letters
				  ? 0 : 2)
			       : (sy > 0 ? 1 : 3);
	for (guint i = 0; dir != XDIR_RIGHT && i < n; i++)
		c[i].dir = dir;
	if (dir < 4) {
		dirs->count[dir] += letters;
		dirs->seen |= 1u << dir;
	}
}

int xdir_dominant(const xdirs *dirs)
{
	int best = 0;

	for (int d = 1; d < 4; d++)
		if (dirs->count[d] > dirs->count[best])
			best = d;
	return best;
}

void xframe_rect(int dir, double w, double h, double *x0, double *y0,
		 double *x1, double *y1)
{
	double a = *x0, b = *y0, c = *x1, d = *y1;

	switch (dir & 3) {
	case 1: *x0 = b; *x1 = d; *y0 = w - c; *y1 = w - a; break;
	case 2: *x0 = w - c; *x1 = w - a; *y0 = h - d; *y1 = h - b; break;
	case 3: *x0 = h - d; *x1 = h - b; *y0 = a; *y1 = c; break;
	}
}

void xframe_unrect(int dir, double w, double h, double *x0, double *y0,
		   double *x1, double *y1)
{
	double a = *x0, b = *y0, c = *x1, d = *y1;

	switch (dir & 3) {
	case 1: *x0 = w - d; *x1 = w - b; *y0 = a; *y1 = c; break;
	case 2: *x0 = w - c; *x1 = w - a; *y0 = h - d; *y1 = h - b; break;
	case 3: *x0 = b; *x1 = d; *y0 = h - c; *y1 = h - a; break;
	}
}

GArray *xchars_in_frame(const GArray *chars, int dir, int dominant,
			double w, double h)
{
	GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(xchar),
					chars->len);
	guint n = 0;

	/* Sized once and filled in place: appending one by one cost more
	 * than the rest of the loop. */
	g_array_set_size(out, chars->len);
	for (guint i = 0; i < chars->len; i++) {
		const xchar *c = &g_array_index(chars, xchar, i);
		xchar *o = &g_array_index(out, xchar, n);
		int d = c->dir < 4 ? c->dir : dominant;
		if (d != dir)
			continue;
		*o = *c;
		if (dir)
			xframe_rect(dir, w, h, &o->x0, &o->y0, &o->x1, &o->y1);
		n++;
	}
	g_array_set_size(out, n);
	return out;
}
