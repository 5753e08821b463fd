/* annots.c - the text of a page's annotations (comments, free text, notes)
 * and form fields (text and choice values): lines flagged 'A', one block
 * per annotation, after the page body's blocks.  Not the page body
 * (chars.c, lines.c): Poppler's page text never holds these. */
#include "internal.h"

#include <string.h>

#define ANNOT_MAX_BYTES 65536   /* text kept of one annotation */

typedef struct {
	char *text;                     /* owned */
	double x0, y0, x1, y1;          /* displayed page, top-left origin */
} annot_text;

/* S as valid UTF-8, NFC, control characters as spaces, at most
 * ANNOT_MAX_BYTES (cut at a character).  Caller frees. */
static char *clean(const char *s)
{
	char *v = g_utf8_make_valid(s, -1), *n;
	gsize len = strlen(v);

	if (len > ANNOT_MAX_BYTES)
		len = g_utf8_find_prev_char(v, v + ANNOT_MAX_BYTES + 1) - v;
	n = g_utf8_normalize(v, len, G_NORMALIZE_NFC);
	g_free(v);
	for (char *p = n; p && *p; p++)
		if ((guchar)*p < 0x20 && *p != '\n')
			*p = *p == '\r' ? '\n' : ' ';
	return n ? n : g_strdup("");
}

static void add(GArray *out, const char *text, const PopplerRectangle *a,
		double h)
{
	annot_text t = { NULL, MIN(a->x1, a->x2), h - MAX(a->y1, a->y2),
			 MAX(a->x1, a->x2), h - MIN(a->y1, a->y2) };

	if (!text || !*text)
		return;
	t.text = clean(text);
	g_array_append_val(out, t);
}

/* The value of a text or choice field, or NULL.  Caller frees. */
static char *field_value(PopplerFormField *f)
{
	GString *s;

	switch (poppler_form_field_get_field_type(f)) {
	case POPPLER_FORM_FIELD_TEXT:
		return poppler_form_field_text_get_text(f);
	case POPPLER_FORM_FIELD_CHOICE:
		s = g_string_new(NULL);
		for (int i = 0; i < poppler_form_field_choice_get_n_items(f) &&
				s->len < ANNOT_MAX_BYTES; i++) {
			char *item = poppler_form_field_choice_is_item_selected(
				f, i) ? poppler_form_field_choice_get_item(f, i)
				      : NULL;
			if (item)
				g_string_append_printf(s, "%s%s", s->len ?
						       "\n" : "", item);
			g_free(item);
		}
		return g_string_free(s, FALSE);
	default:
		return NULL;
	}
}

static void collect(PopplerPage *page, double h, GArray *out)
{
	GList *annots = poppler_page_get_annot_mapping(page);
	GList *fields = poppler_page_get_form_field_mapping(page);

	for (GList *a = annots; a; a = a->next) {
		PopplerAnnotMapping *m = a->data;
		PopplerAnnotType t = poppler_annot_get_annot_type(m->annot);
		if (t == POPPLER_ANNOT_WIDGET || t == POPPLER_ANNOT_LINK ||
		    t == POPPLER_ANNOT_POPUP)
			continue;       /* fields below; no text of their own */
		char *c = poppler_annot_get_contents(m->annot);
		add(out, c, &m->area, h);
		g_free(c);
	}
	for (GList *f = fields; f; f = f->next) {
		PopplerFormFieldMapping *m = f->data;
		char *v = field_value(m->field);
		add(out, v, &m->area, h);
		g_free(v);
	}
	poppler_page_free_annot_mapping(annots);
	poppler_page_free_form_field_mapping(fields);
}

static gint by_position(gconstpointer pa, gconstpointer pb)
{
	const annot_text *a = pa, *b = pb;
	if (a->y0 != b->y0)
		return (a->y0 > b->y0) - (a->y0 < b->y0);
	return (a->x0 > b->x0) - (a->x0 < b->x0);
}

/* One annotation's text lines, its box shared out among them, into LINES
 * as block BLOCK, in the frame of direction DOM (W x H displayed). */
static int add_lines(GPtrArray *lines, const annot_text *t, int block,
		     int dom, double w, double h)
{
	char **parts = g_strsplit(t->text, "\n", -1);
	int n = 0, k = 0;

	for (char **p = parts; *p; p++)
		n += *g_strstrip(*p) != '\0';
	for (char **p = parts; *p && n; p++) {
		if (!**p)
			continue;
		xline *x = g_new0(xline, 1);
		double step = (t->y1 - t->y0) / n;
		/* no glyphs: chars NULL, nchars 0 */
		x->text = g_strjoinv(" ", (char *[]){ *p, NULL });
		x->x0 = t->x0; x->x1 = t->x1;
		x->y0 = t->y0 + k * step; x->y1 = x->y0 + step;
		xframe_rect(dom, w, h, &x->x0, &x->y0, &x->x1, &x->y1);
		x->size = CLAMP(step * 0.75, 1.0, 72.0);
		x->flags = SKR_LINE_ANNOT;
		x->block = block;
		g_ptr_array_add(lines, x);
		k++;
	}
	g_strfreev(parts);
	return n > 0;
}

int xannots_add(PopplerPage *page, GPtrArray *lines, int dom, double w,
		double h)
{
	GArray *texts = g_array_new(FALSE, FALSE, sizeof(annot_text));
	int block = 0, chars = 0;

	for (guint i = 0; i < lines->len; i++)
		block = MAX(block, ((xline *)lines->pdata[i])->block + 1);
	collect(page, h, texts);
	g_array_sort(texts, by_position);
	for (guint i = 0; i < texts->len; i++) {
		annot_text *t = &g_array_index(texts, annot_text, i);
		chars += g_utf8_strlen(t->text, -1);
		block += add_lines(lines, t, block, dom, w, h);
		g_free(t->text);
	}
	g_array_free(texts, TRUE);
	return chars;
}
