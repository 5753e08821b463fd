/* chars.c - one page's glyphs from Poppler: text, rectangles and fonts.
 * Not grouping: lines.c turns the glyphs into lines. */
#include "internal.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <string.h>

static gboolean font_is_bold(const char *name)
{
	static const char *marks[] = { "bold", "black", "heavy", "semibold",
				       "demibold", "extrabold" };
	char *lower;
	gboolean bold = FALSE;

	if (!name)
		return FALSE;
	lower = g_ascii_strdown(name, -1);
	for (size_t i = 0; i < G_N_ELEMENTS(marks) && !bold; i++)
		bold = strstr(lower, marks[i]) != NULL;
	g_free(lower);
	return bold;
}

/* How many of the rectangles before rectangle X are no glyph: EXC holds
 * their indices, increasing. */
static guint nonglyphs_before(const GArray *exc, int x)
{
	guint lo = 0, hi = exc->len;

	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		if (g_array_index(exc, int, mid) < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Font size and boldness of each attribute run, applied to CHARS.  A run
 * covers rectangles [start, end] of N; their glyphs are one range of
 * CHARS: the rectangles before it less those that are no glyph (EXC). */
static void apply_attributes(PopplerPage *page, GArray *chars,
			     const GArray *exc, int n)
{
	GList *attrs = poppler_page_get_text_attributes(page);
	xchar *c = (xchar *)chars->data;

	for (GList *a = attrs; a; a = a->next) {
		PopplerTextAttributes *ta = a->data;
		int s = MAX(ta->start_index, 0), e = MIN(ta->end_index, n - 1);
		if (s > e)
			continue;
		guint k = s - nonglyphs_before(exc, s);
		guint end = e + 1 - nonglyphs_before(exc, e + 1);
		float size = ta->font_size;
		guint8 bold = font_is_bold(ta->font_name);
		for (; k < end; k++) {
			c[k].size = size;
			c[k].bold = bold;
		}
	}
	poppler_page_free_text_attributes(attrs);
}

/* Direction marks (LRM, RLM, embeddings, isolates) that Poppler writes
 * around right-to-left words without a layout rectangle. */
static gboolean is_mark(gunichar c)
{
	return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* The marks in TEXT: all are three bytes led by 0xE2, which strchr finds
 * faster than a walk over every character. */
static int count_marks(const char *text)
{
	int n = 0;
	for (const char *p = text ? strchr(text, 0xE2) : NULL; p;
	     p = strchr(p + 1, 0xE2))
		n += is_mark(g_utf8_get_char(p));
	return n;
}

/* Poppler gives a right-to-left word (between its marks) in logical order
 * but its rectangles left to right: gives glyphs [A, B) their own. */
static void flip_rects(GArray *chars, int a, int b)
{
	for (int i = a, j = b - 1; i < j; i++, j--) {
		xchar *x = &g_array_index(chars, xchar, i);
		xchar *y = &g_array_index(chars, xchar, j);
		xchar t = *x;
		x->x0 = y->x0; x->y0 = y->y0; x->x1 = y->x1; x->y1 = y->y1;
		y->x0 = t.x0; y->y0 = t.y0; y->x1 = t.x1; y->y1 = t.y1;
	}
}

/* The direction of glyphs [A, B) of CHARS, one Poppler line. */
static void mark_line(GArray *chars, int a, int b, xdirs *dirs)
{
	if (b > a)
		xdir_mark(&g_array_index(chars, xchar, a), b - a, dirs);
}

/* Writes glyph CP with rectangle RC at O, upright until its line's
 * direction is known (xdir_mark writes only another one). */
static inline void put_glyph(xchar *o, gunichar cp, const PopplerRectangle *rc)
{
	o->cp = cp;
	o->x0 = rc->x1; o->y0 = rc->y1;
	o->x1 = rc->x2; o->y1 = rc->y2;
	o->size = 0;
	o->bold = 0;
	o->dir = XDIR_RIGHT;
}

/* Glyphs of TEXT with their rectangles (SKIP_MARKS: the marks have none,
 * nor a place in the attribute runs) into CHARS; EXC gets the index of
 * each rectangle that is no glyph (a line end; a mark that has one), in
 * increasing order.  Each Poppler line's glyphs get its direction, counted
 * in DIRS. */
static void map_glyphs(const char *text, int n, const PopplerRectangle *rects,
		       gboolean skip_marks, GArray *chars, GArray *exc,
		       xdirs *dirs)
{
	const guchar *p = (const guchar *)text;
	xchar *const out = (xchar *)chars->data;
	xchar *o = out;
	const PopplerRectangle *rc = rects;
	int line_start = 0, rtl_start = -1;

	for (int i = 0; i < n; i++) {
		gunichar cp = *p;
		if (cp - 0x20 < 0x80 - 0x20) {  /* most glyphs: printable ASCII */
			p++;
			put_glyph(o++, cp, rc++);
			continue;
		}
		if (cp < 0x80) {
			p++;
		} else {
			cp = g_utf8_get_char((const char *)p);
			p = (const guchar *)g_utf8_next_char(p);
		}
		if (cp < 0x200E && cp != '\n' && cp != '\r') {
			put_glyph(o++, cp, rc++);       /* no mark, no line end */
			continue;
		}
		const PopplerRectangle *own = rc;
		int k = o - out;
		gboolean mark = is_mark(cp);
		if (!(skip_marks && mark))
			rc++;
		if (cp == 0x202B || cp == 0x202E)
			rtl_start = k;
		if (cp == 0x202C && rtl_start >= 0 && skip_marks)
			flip_rects(chars, rtl_start, k);
		if (cp == 0x202C)
			rtl_start = -1;
		if (cp == '\n' || cp == '\r' || mark) {
			if (!(skip_marks && mark))
				g_array_append_val(exc, (int){ own - rects });
			if (mark)
				continue;
			mark_line(chars, line_start, k, dirs);
			line_start = k;
			continue;
		}
		put_glyph(o++, cp, own);
	}
	mark_line(chars, line_start, o - out, dirs);
	g_array_set_size(chars, o - out);
}

int xchars_get(PopplerPage *page, const char *name, int pageno,
	       GArray **out, int *nchars, xdirs *dirs)
{
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	GArray *chars, *exc;
	int n, marks, rc = 0;

	*out = NULL;
	*dirs = (xdirs){ { 0 }, 0 };
	n = text ? g_utf8_strlen(text, -1) : 0;
	marks = count_marks(text);
	*nchars = n - marks;
	if (n > 0 && (!poppler_page_get_text_layout(page, &rects, &nrects) ||
		      (nrects != (guint)n && nrects != (guint)(n - marks)))) {
		rc = skr_error(SKR_EX_DAMAGED, "cannot extract '%s': page %d: "
			       "%u layout rectangles for %d characters",
			       name, pageno, nrects, n);
		goto out;
	}
	/* Not cleared: map_glyphs writes every glyph it keeps. */
	chars = g_array_sized_new(FALSE, FALSE, sizeof(xchar), n);
	g_array_set_size(chars, n);
	exc = g_array_new(FALSE, FALSE, sizeof(int));
	map_glyphs(text, n, rects, nrects != (guint)n, chars, exc, dirs);
	if (n > 0)
		apply_attributes(page, chars, exc, nrects);
	g_array_free(exc, TRUE);
	*out = chars;
out:
	g_free(rects);
	g_free(text);
	return rc;
}
