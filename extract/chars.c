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

int xchars_get(PopplerPage *page, const char *name, int pageno,
	       GArray **out, int *nchars)
{
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	GArray *chars;
	int *index_of, n, rc = 0;
	const char *p;

	*out = NULL;
	n = text ? g_utf8_strlen(text, -1) : 0;
	*nchars = n;
	if (n > 0 && (!poppler_page_get_text_layout(page, &rects, &nrects) ||
		      nrects != (guint)n)) {
		rc = skr_error(SKR_EX_DAMAGED, "cannot extract '%s': page %d: "
			       "%u layout rectangles for %d characters",
			       name, pageno, nrects, n);
		goto out;
	}
	chars = g_array_sized_new(FALSE, TRUE, sizeof(xchar), n);
	g_array_set_size(chars, n);
	index_of = g_new(int, n + 1);
	p = text;
	int k = 0;
	for (int i = 0; i < n; i++, p = g_utf8_next_char(p)) {
		gunichar cp = g_utf8_get_char(p);
		index_of[i] = -1;
		if (cp == '\n' || cp == '\r')
			continue;
		g_array_index(chars, xchar, k) = (xchar){ cp, rects[i].x1,
			rects[i].y1, rects[i].x2, rects[i].y2, 0, 0 };
		index_of[i] = k++;
	}
	g_array_set_size(chars, k);
	if (n > 0)
		apply_attributes(page, chars, index_of, n);
	g_free(index_of);
	*out = chars;
out:
	g_free(rects);
	g_free(text);
	return rc;
}
