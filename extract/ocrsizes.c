/* ocrsizes.c - the font sizes of a document's OCR lines made to agree
 * across its pages, as a text layer's fall into a few distinct values.
 * Not the measuring of one page (ocrwords.c) nor heading levels
 * (structure.c, which ranks the sizes this leaves). */
#include "ocr.h"

#include <math.h>

/* Sizes measured this close (relative) are one style.  OCR measures a
 * style on one page a few per cent apart from another (26 pt as 25.0 and
 * 25.5, its letters' heights being whole pixels), while text-layer styles
 * of one document lie 4 % or more apart (12 and 12.5 pt). */
#define SAME_STYLE 0.03

typedef struct {
	long key;                       /* size, hundredths of a point */
	long glyphs;                    /* of all lines that size */
	long center;                    /* the key of its style, or 0 */
} size_weight;

static gint by_glyphs(gconstpointer a, gconstpointer b)
{
	const size_weight *x = a, *y = b;

	if (x->glyphs != y->glyphs)
		return x->glyphs < y->glyphs ? 1 : -1;
	return (x->key > y->key) - (x->key < y->key);
}

/* The sizes of L's lines with their glyph counts, most glyphs first. */
static GArray *weights(const skr_layout *l)
{
	GHashTable *h = g_hash_table_new(g_direct_hash, g_direct_equal);
	GArray *out = g_array_new(FALSE, TRUE, sizeof(size_weight));
	GHashTableIter it;
	gpointer k, v;

	for (guint i = 0; i < l->lines->len; i++) {
		const skr_line *ln = l->lines->pdata[i];
		gpointer key = GSIZE_TO_POINTER(lround(ln->size * 100));
		long n = GPOINTER_TO_SIZE(g_hash_table_lookup(h, key));
		g_hash_table_insert(h, key, GSIZE_TO_POINTER(
			n + g_utf8_strlen(ln->text, -1) + 1));
	}
	g_hash_table_iter_init(&it, h);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		size_weight s = { (long)GPOINTER_TO_SIZE(k),
				  (long)GPOINTER_TO_SIZE(v), 0 };
		g_array_append_val(out, s);
	}
	g_hash_table_destroy(h);
	g_array_sort(out, by_glyphs);
	return out;
}

void xocr_group_sizes(skr_layout *l)
{
	gboolean ocr = FALSE;
	GArray *w;

	for (guint i = 0; i < l->lines->len && !ocr; i++) {
		const skr_line *ln = l->lines->pdata[i];
		ocr = (ln->flags & SKR_LINE_OCR) != 0;
	}
	if (!ocr)
		return;
	w = weights(l);
	/* each size, most glyphs first, is a style's center, which takes the
	 * sizes near it not taken yet */
	for (guint i = 0; i < w->len; i++) {
		size_weight *c = &g_array_index(w, size_weight, i);
		if (c->center)
			continue;
		for (guint j = i; j < w->len; j++) {
			size_weight *s = &g_array_index(w, size_weight, j);
			if (!s->center && c->key > 0 &&
			    fabs((double)s->key / c->key - 1) <= SAME_STYLE)
				s->center = c->key;
		}
	}
	for (guint i = 0; i < l->lines->len; i++) {
		skr_line *ln = l->lines->pdata[i];
		long key = lround(ln->size * 100);
		if (!(ln->flags & SKR_LINE_OCR))
			continue;
		for (guint j = 0; j < w->len; j++) {
			const size_weight *s;
			s = &g_array_index(w, size_weight, j);
			if (s->key == key && s->center)
				ln->size = s->center / 100.0;
		}
	}
	g_array_free(w, TRUE);
}
