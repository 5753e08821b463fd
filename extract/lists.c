/* lists.c - list structure inside blocks: continuation lines, items whose
 * bullet glyph was lost, and kept line-final hyphens.
 * Not bullet recognition at line start (lines.c strips the glyph). */
#include "internal.h"

#include <math.h>
#include <string.h>

double xline_first_word_width(const xline *l)
{
	double x0 = -1, x1 = 0;
	for (guint i = 0; i < l->nchars; i++) {
		const xchar *c = &l->chars[i];
		if (c->x0 < l->text_x0 - 0.5)
			continue;                /* the bullet */
		if (xis_uspace(c->cp)) {
			if (x0 >= 0)
				break;
			continue;
		}
		if (x0 < 0)
			x0 = c->x0;
		x1 = c->x1;
	}
	return x0 < 0 ? 0 : x1 - x0;
}

static gboolean ends_with_hyphen(const char *t)
{
	size_t n = strlen(t);
	const char *last, *before;

	if (n < 2)
		return FALSE;
	last = g_utf8_find_prev_char(t, t + n);
	gunichar c = g_utf8_get_char(last);
	if (c != '-' && c != 0x2010 && c != 0xAD)
		return FALSE;
	before = g_utf8_find_prev_char(t, last);
	return before && g_unichar_isalnum(g_utf8_get_char(before));
}

/* Would L's first word have fitted on PREV, inside the block's RIGHT edge?
 * Then PREV ended its item or paragraph by choice, not by wrapping. */
static gboolean fits_after(const xline *prev, const xline *l, double right)
{
	return prev->x1 + 0.25 * l->size + xline_first_word_width(l) <
	       right - 0.5 * l->size && !(prev->flags & SKR_LINE_HYPHEN);
}

/* Does L follow PREV at the document's line pitch, as a wrapped line does
 * (a paragraph after a list is set off by more)? */
static gboolean tight(const xline *prev, const xline *l, const xmetrics *m)
{
	double pitch = xmetrics_pitch(m, prev->size);
	return pitch > 0 ? l->y0 - prev->y0 <= 1.08 * pitch + 0.5
			 : l->y0 - prev->y1 <= 0.3 * prev->size;
}

/* Marks the lines [FROM, TO) of one block.  An item's wrapped lines start
 * under its text (hanging indent) or under its glyph (flush); a line under
 * the text after a short line is an item whose glyph was lost. */
static void mark_block(GPtrArray *lines, guint from, guint to,
		       const xmetrics *m)
{
	double right = 0, item_x = -1, glyph_x = -1;
	xline *prev = NULL;

	for (guint i = from; i < to; i++)
		right = MAX(right, ((xline *)lines->pdata[i])->x1);
	for (guint i = from; i < to; i++, prev = lines->pdata[i - 1]) {
		xline *l = lines->pdata[i];
		if (ends_with_hyphen(l->text))
			l->flags |= SKR_LINE_HYPHEN;
		if (l->flags & SKR_LINE_ITEM) {
			item_x = l->text_x0;
			glyph_x = l->bullet ? l->x0 : -1;
			continue;
		}
		if (item_x < 0)
			continue;
		gboolean fits = fits_after(prev, l, right);
		if (fabs(l->x0 - item_x) <= 2.0) {
			l->flags |= fits ? SKR_LINE_ITEM : SKR_LINE_CONT;
			l->bullet_lost = fits;
		} else if (glyph_x >= 0 && fabs(l->x0 - glyph_x) <= 2.0 &&
			   !fits && (prev->flags & (SKR_LINE_ITEM |
						    SKR_LINE_CONT)) &&
			   tight(prev, l, m)) {
			l->flags |= SKR_LINE_CONT;
		} else {
			item_x = glyph_x = -1;    /* the list has ended */
		}
	}
}

void xlists_mark(GPtrArray *lines, const xmetrics *m)
{
	guint from = 0;
	for (guint i = 1; i <= lines->len; i++) {
		if (i < lines->len && ((xline *)lines->pdata[i])->block ==
				      ((xline *)lines->pdata[from])->block)
			continue;
		mark_block(lines, from, i, m);
		from = i;
	}
}
