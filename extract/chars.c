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

/* Font size and boldness of each attribute run, applied to CHARS. */
static void apply_attributes(PopplerPage *page, GArray *chars,
			     const int *index_of, int n)
{
	GList *attrs = poppler_page_get_text_attributes(page);

	for (GList *a = attrs; a; a = a->next) {
		PopplerTextAttributes *ta = a->data;
		guint8 bold = font_is_bold(ta->font_name);
		for (int i = MAX(ta->start_index, 0);
		     i <= ta->end_index && i < n; i++) {
			int k = index_of[i];
			if (k < 0)
				continue;
			xchar *c = &g_array_index(chars, xchar, k);
			c->size = ta->font_size;
			c->bold = bold;
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
static void mark_line(GArray *chars, int a, int b)
{
	if (b > a)
		xdir_mark(&g_array_index(chars, xchar, a), b - a);
}

/* Glyphs of TEXT with their rectangles (SKIP_MARKS: the marks have none,
 * nor a place in the attribute runs) into CHARS; INDEX_OF[i] is the glyph
 * of character i (marks skipped) or -1.  Each Poppler line's glyphs get
 * its direction. */
static void map_glyphs(const char *text, int n, const PopplerRectangle *rects,
		       gboolean skip_marks, GArray *chars, int *index_of)
{
	const char *p = text;
	int k = 0, r = 0, line_start = 0, rtl_start = -1;

	for (int i = 0; i < n; i++, p = g_utf8_next_char(p)) {
		gunichar cp = (guchar)*p < 0x80 ? (gunichar)*p
						: g_utf8_get_char(p);
		const PopplerRectangle *rc = &rects[r];
		if (cp < 0x200E && cp != '\n' && cp != '\r') {
			/* most glyphs: no mark, no line end */
			g_array_index(chars, xchar, k) = (xchar){ cp, rc->x1,
				rc->y1, rc->x2, rc->y2, 0, 0, XDIR_UNKNOWN };
			index_of[r++] = k++;
			continue;
		}
		if (!(skip_marks && is_mark(cp)))
			index_of[r++] = -1;
		if (cp == 0x202B || cp == 0x202E)
			rtl_start = k;
		if (cp == 0x202C && rtl_start >= 0 && skip_marks)
			flip_rects(chars, rtl_start, k);
		if (cp == 0x202C)
			rtl_start = -1;
		if (cp == '\n' || cp == '\r' || is_mark(cp)) {
			if (cp != '\n' && cp != '\r')
				continue;
			mark_line(chars, line_start, k);
			line_start = k;
			continue;
		}
		g_array_index(chars, xchar, k) = (xchar){ cp, rc->x1, rc->y1,
			rc->x2, rc->y2, 0, 0, XDIR_UNKNOWN };
		index_of[r - 1] = k++;
	}
	mark_line(chars, line_start, k);
	g_array_set_size(chars, k);
}

int xchars_get(PopplerPage *page, const char *name, int pageno,
	       GArray **out, int *nchars)
{
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	GArray *chars;
	int *index_of, n, marks, rc = 0;

	*out = NULL;
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
	index_of = g_new(int, n + 1);
	map_glyphs(text, n, rects, nrects != (guint)n, chars, index_of);
	if (n > 0)
		apply_attributes(page, chars, index_of, nrects);
	g_free(index_of);
	*out = chars;
out:
	g_free(rects);
	g_free(text);
	return rc;
}
