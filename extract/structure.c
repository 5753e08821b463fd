/* structure.c - the document's structure over its finished lines:
 * headings with levels, paragraphs, list items with depth, footnotes;
 * decided against the body size, not constants.  Not blocks or list
 * flags (blocks.c, lists.c) nor furniture (furniture.c). */
#include "internal.h"

#include <math.h>
#include <string.h>

#define FURNITURE (SKR_LINE_HEADER | SKR_LINE_FOOTER | SKR_LINE_PAGENUM)

static const skr_line *line_at(const skr_layout *l, guint i)
{
	return l->lines->pdata[i];
}

/* A heading's number: "2.1.1" from "2.1.1 Title" or "2.1.1. Title", "3"
 * from "Område 3 Title"; *LEVEL gets its depth.  NULL when none. */
static char *heading_number(const char *t, int *level)
{
	static GRegex *num, *area;
	GMatchInfo *mi = NULL;
	char *out = NULL;

	if (!num) {
		num = g_regex_new("^(\\d{1,2}(?:\\.\\d{1,2}){0,5}|[A-Z](?:\\."
				  "\\d{1,2}){1,5})\\.?\\s+\\S",
				  G_REGEX_OPTIMIZE, 0, NULL);
		area = g_regex_new("^(?:Område|Kapitel|Avsnitt|Bilaga)\\s+"
				   "(\\d{1,2}|[A-Z])\\b", G_REGEX_OPTIMIZE, 0,
				   NULL);
	}
	if (g_regex_match(num, t, 0, &mi)) {
		out = g_match_info_fetch(mi, 1);
		*level = 1;
		for (const char *p = out; *p; p++)
			*level += *p == '.';
	} else {
		g_match_info_free(mi);
		mi = NULL;
		if (g_regex_match(area, t, 0, &mi)) {
			out = g_match_info_fetch(mi, 1);
			*level = 1;
		}
	}
	g_match_info_free(mi);
	return out;
}

static gboolean all_caps(const char *t)
{
	int upper = 0;
	for (const char *p = t; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_islower(c))
			return FALSE;
		upper += g_unichar_isupper(c);
	}
	return upper >= 3;
}

/* Is the block [FROM, TO) a heading?  Short, not a list, and set apart
 * from the body by size (from 1.04 x), or at body size by bold or capitals
 * when it does not read as a sentence. */
static gboolean is_heading(const skr_layout *l, guint from, guint to,
			   double body)
{
	const skr_line *first = line_at(l, from);
	size_t len = 0;
	gboolean bold = TRUE, caps = TRUE;

	if (to - from > 3 || body <= 0)
		return FALSE;
	for (guint i = from; i < to; i++) {
		const skr_line *ln = line_at(l, i);
		if (ln->flags & (FURNITURE | SKR_LINE_ITEM | SKR_LINE_CONT))
			return FALSE;
		len += strlen(ln->text);
		bold &= (ln->flags & SKR_LINE_BOLD) != 0;
		caps &= all_caps(ln->text);
	}
	const skr_line *last = line_at(l, to - 1);
	size_t tl = strlen(last->text);
	gboolean sentence = tl && strchr(".:;,", last->text[tl - 1]);
	if (len > 160 || len < 2 || first->size < 0.95 * body)
		return FALSE;
	if (first->size >= 1.04 * body && !sentence)
		return TRUE;
	return (bold || caps) && !sentence && len <= 100;
}

/* Typographic rank of heading styles: size (half points) * 2 + bold. */
static int style_of(const skr_line *ln)
{
	return (int)lround(ln->size * 2) * 2 + !!(ln->flags & SKR_LINE_BOLD);
}

static gint desc(gconstpointer a, gconstpointer b)
{
	return *(const int *)b - *(const int *)a;
}

/* Levels of unnumbered headings: distinct styles, largest first. */
static void typographic_levels(skr_layout *l)
{
	GArray *styles = g_array_new(FALSE, FALSE, sizeof(int));

	for (guint i = 0; i < l->units->len; i++) {
		skr_unit *u = &g_array_index(l->units, skr_unit, i);
		int st;
		if (u->kind != SKR_UNIT_HEAD)
			continue;
		st = style_of(line_at(l, u->first));
		guint k = 0;
		while (k < styles->len && g_array_index(styles, int, k) != st)
			k++;
		if (k == styles->len)
			g_array_append_val(styles, st);
	}
	g_array_sort(styles, desc);
	for (guint i = 0; i < l->units->len; i++) {
		skr_unit *u = &g_array_index(l->units, skr_unit, i);
		if (u->kind != SKR_UNIT_HEAD || u->level)
			continue;
		int st = style_of(line_at(l, u->first));
		for (guint k = 0; k < styles->len; k++)
			if (g_array_index(styles, int, k) == st)
				u->level = MIN((int)k + 1, 9);
	}
	g_array_free(styles, TRUE);
}

/* Items of the block [FROM, TO): each 'L' line with its 'C' lines; depth
 * by the glyph's indent among the block's items.  Other lines are
 * paragraphs. */
static void block_units(skr_layout *l, guint from, guint to)
{
	double xs[9];
	int nx = 0;

	for (guint i = from; i < to; i++) {
		const skr_line *ln = line_at(l, i);
		int k = 0;
		if (!(ln->flags & SKR_LINE_ITEM))
			continue;
		while (k < nx && fabs(xs[k] - ln->x0) > 4.0)
			k++;
		if (k == nx && nx < 9)
			xs[nx++] = ln->x0;
	}
	for (guint i = from; i < to;) {
		const skr_line *ln = line_at(l, i);
		guint end = i + 1;
		if (ln->flags & FURNITURE) {
			i++;
			continue;
		}
		if (ln->flags & SKR_LINE_ITEM) {
			int depth = 1;
			while (end < to && (line_at(l, end)->flags &
					    SKR_LINE_CONT))
				end++;
			for (int k = 0; k < nx; k++)
				depth += xs[k] < ln->x0 - 4.0;
			skr_layout_add_unit(l, SKR_UNIT_ITEM, i, end - i,
					    depth, NULL);
		} else {
			while (end < to && !(line_at(l, end)->flags &
					     (SKR_LINE_ITEM | FURNITURE)))
				end++;
			skr_layout_add_unit(l, SKR_UNIT_PARA, i, end - i, 0,
					    NULL);
		}
		i = end;
	}
}

/* A footnote block: at the foot of its page, smaller than the body, its
 * first line starting with a mark; its reference is the first earlier
 * line holding "\^{MARK}".  Returns FALSE when the block is none. */
static gboolean note_unit(skr_layout *l, guint from, guint to, double body)
{
	const skr_line *ln = line_at(l, from);
	const skr_page *pg = &g_array_index(l->pages, skr_page, ln->page - 1);
	const char *t = ln->text;
	char *want;
	long mark;
	int ref = -1;

	if (body <= 0 || ln->size > 0.92 * body || ln->y0 < 0.6 * pg->height
	    || (ln->flags & FURNITURE))
		return FALSE;
	if (g_str_has_prefix(t, "\\^{"))
		t += 3;
	char *rest;
	if (!g_ascii_isdigit(*t) || (mark = strtol(t, &rest, 10)) > 999)
		return FALSE;
	while (*rest == '}' || *rest == ' ')
		rest++;
	if (!g_unichar_isalpha(g_utf8_get_char(rest)))
		return FALSE;           /* "3,1": a number in a table */
	want = g_strdup_printf("\\^{%ld}", mark);
	for (guint i = 0; i < from && ref < 0; i++)
		if (strstr(line_at(l, i)->text, want))
			ref = i;
	g_free(want);
	if (ref < 0)
		return FALSE;
	skr_layout_add_unit(l, SKR_UNIT_NOTE, from, to - from, mark, NULL)->ref
		= ref;
	return TRUE;
}

void xstructure_mark(skr_layout *l, const xmetrics *m)
{
	double body = xmetrics_body_size(m);

	l->body_size = body;
	l->body_pitch = body > 0 ? xmetrics_pitch(m, body) : 0;
	for (guint i = 0; i < l->lines->len;) {
		guint end = i + 1;
		int level = 0;
		while (end < l->lines->len &&
		       line_at(l, end)->block == line_at(l, i)->block)
			end++;
		if (is_heading(l, i, end, body)) {
			char *num = heading_number(line_at(l, i)->text, &level);
			skr_layout_add_unit(l, SKR_UNIT_HEAD, i, end - i,
					    level, num);
		} else if (!note_unit(l, i, end, body)) {
			block_units(l, i, end);
		}
		i = end;
	}
	typographic_levels(l);
}
