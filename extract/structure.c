/* structure.c - the document's structure over its finished lines:
 * headings with levels, paragraphs, list items with depth, footnotes;
 * decided against the body size, not constants.  Not blocks or list
 * flags (blocks.c, lists.c) nor furniture (furniture.c). */
#include "internal.h"

#include <skrapa/textio.h>

#include <math.h>
#include <string.h>

#define FURNITURE (SKR_LINE_HEADER | SKR_LINE_FOOTER | SKR_LINE_PAGENUM)

static const skr_line *line_at(const skr_layout *l, guint i)
{
	return l->lines->pdata[i];
}

/* Length of a run of 1-2 digits at S, 0 when none. */
static int digits12(const char *s)
{
	int n = 0;
	while (n < 3 && g_ascii_isdigit(s[n]))
		n++;
	return n >= 1 && n <= 2 ? n : 0;
}

/* A heading's number: "2.1.1" from "2.1.1 Title" or "2.1.1. Title",
 * "A.1" from "A.1 Title", "3" from "Område 3 Title"; *LEVEL gets its
 * depth.  NULL when none.  (Hand-written: every block is asked.) */
static char *heading_number(const char *t, int *level)
{
	static const char *const words[] = { "Område ", "Kapitel ",
					     "Avsnitt ", "Bilaga " };
	const char *p = t;
	int n, parts = 0;

	if (g_ascii_isupper(p[0]) && p[1] == '.' && digits12(p + 2))
		p += 1;                 /* "A.1": a letter, then parts */
	else if ((n = digits12(p)))
		p += n, parts = 1;
	else
		goto word;
	while (parts < 6 && p[0] == '.' && (n = digits12(p + 1)))
		p += 1 + n, parts++;
	if (!parts)
		goto word;
	{
		const char *end = p;
		if (*p == '.')
			p++;
		if (*p != ' ')
			goto word;
		while (*p == ' ')
			p++;
		if (!*p)
			goto word;
		*level = 1;
		for (const char *q = t; q < end; q++)
			*level += *q == '.';
		return g_strndup(t, end - t);
	}
word:
	for (size_t k = 0; k < G_N_ELEMENTS(words); k++) {
		size_t wl = strlen(words[k]);
		if (strncmp(t, words[k], wl) != 0)
			continue;
		p = t + wl;
		n = digits12(p);
		if (!n && g_ascii_isupper(*p))
			n = 1;
		if (n && (!p[n] || p[n] == ' ' || p[n] == '.' || p[n] == ':')) {
			*level = 1;
			return g_strndup(p, n);
		}
	}
	return NULL;
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
	const char *rest = t;
	while (g_ascii_isdigit(*rest))
		rest++;
	if (rest == t || skr_parse_int(t, rest - t, 0, 999, &mark) < 0)
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

/* ---- tables: blocks side by side in rows sharing columns ---- */

typedef struct {
	guint first, count;
	double x0, y0, x1, y1, size;
	int col;                        /* column in its table, 0-based */
} sblock;

static gint sb_by_y(gconstpointer pa, gconstpointer pb)
{
	const sblock *a = pa, *b = pb;
	if (a->y0 != b->y0)
		return (a->y0 > b->y0) - (a->y0 < b->y0);
	return (a->x0 > b->x0) - (a->x0 < b->x0);
}

/* The blocks of the page whose lines start at line I; *END gets the line
 * after the page.  Furniture and footnotes are left out. */
static GArray *page_blocks(const skr_layout *l, guint i, guint *end)
{
	GArray *bs = g_array_new(FALSE, FALSE, sizeof(sblock));
	int page = line_at(l, i)->page;

	while (i < l->lines->len && line_at(l, i)->page == page) {
		const skr_line *ln = line_at(l, i);
		sblock b = { i, 0, ln->x0, ln->y0, ln->x1, ln->y1, ln->size, -1 };
		while (i < l->lines->len && line_at(l, i)->block == ln->block) {
			const skr_line *o = line_at(l, i++);
			b.x0 = MIN(b.x0, o->x0); b.y0 = MIN(b.y0, o->y0);
			b.x1 = MAX(b.x1, o->x1); b.y1 = MAX(b.y1, o->y1);
			b.count++;
		}
		if (!(ln->flags & FURNITURE))
			g_array_append_val(bs, b);
	}
	*end = i;
	g_array_sort(bs, sb_by_y);
	return bs;
}

/* Column groups of the band BS[from, to): blocks overlapping in x share a
 * group.  Writes each block's group to ->col; returns the group count and
 * the groups' x-ranges into GX (pairs). */
static int band_columns(GArray *bs, guint from, guint to, GArray *gx)
{
	g_array_set_size(gx, 0);
	for (guint i = from; i < to; i++) {
		sblock *b = &g_array_index(bs, sblock, i);
		guint k = 0;
		for (; k < gx->len / 2; k++) {
			double *r = &g_array_index(gx, double, 2 * k);
			if (MIN(r[1], b->x1) > MAX(r[0], b->x0)) {
				r[0] = MIN(r[0], b->x0);
				r[1] = MAX(r[1], b->x1);
				break;
			}
		}
		if (k == gx->len / 2) {
			double r[2] = { b->x0, b->x1 };
			g_array_append_vals(gx, r, 2);
		}
		b->col = k;
	}
	return gx->len / 2;
}

/* Maps the band's groups GX onto the table's columns TC (x-ranges, left
 * to right); MAP gets each group's column.  FALSE when a group overlaps
 * no column or two, or two groups share one. */
static gboolean map_columns(GArray *tc, GArray *gx, int *map)
{
	guint used = 0;
	for (guint g = 0; g < gx->len / 2; g++) {
		double *r = &g_array_index(gx, double, 2 * g);
		int hit = -1;
		for (guint c = 0; c < tc->len / 2; c++) {
			double *t = &g_array_index(tc, double, 2 * c);
			if (MIN(t[1], r[1]) > MAX(t[0], r[0])) {
				if (hit >= 0)
					return FALSE;
				hit = c;
			}
		}
		if (hit < 0 || hit >= 32 || (used & (1u << hit)))
			return FALSE;
		used |= 1u << hit;
		map[g] = hit;
	}
	return TRUE;
}

static gint dbl_pair_cmp(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Records one table of the bands [B0, B1) (band starts in BSTART) of the
 * page's blocks BS with columns TC. */
static void add_table(skr_layout *l, GArray *bs, GArray *bstart, guint b0,
		      guint b1, GArray *tc, int page)
{
	skr_table t = { page, b1 - b0, tc->len / 2 };
	GArray *gx = g_array_new(FALSE, FALSE, sizeof(double));
	int map[64];

	g_array_append_val(l->tables, t);
	for (guint b = b0; b < b1; b++) {
		guint from = g_array_index(bstart, guint, b);
		guint to = g_array_index(bstart, guint, b + 1);
		band_columns(bs, from, to, gx);
		map_columns(tc, gx, map);
		for (guint c = 0; c < tc->len / 2; c++)
			for (guint i = from; i < to; i++) {
				sblock *k = &g_array_index(bs, sblock, i);
				if (map[k->col] != (int)c)
					continue;
				skr_cell ce = { l->tables->len, b - b0 + 1,
						c + 1, k->first, k->count };
				g_array_append_val(l->cells, ce);
			}
	}
	g_array_free(gx, TRUE);
}

/* Tables of one page: runs of at least two bands (blocks chained by
 * vertical overlap) whose column groups map onto shared columns, first
 * and last with two columns or more, each close under the one above; a
 * one-column band inside (a row with one cell filled) must not be a
 * heading (HEAD: lines that start one). */
static void page_tables(skr_layout *l, GArray *bs, int page,
			const gboolean *head)
{
	GArray *bstart = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *gx = g_array_new(FALSE, FALSE, sizeof(double));
	GArray *tc = g_array_new(FALSE, FALSE, sizeof(double));
	int map[64];
	guint i = 0, t0 = 0, last = 0;       /* last: after the last wide band */
	double y1 = 0, prev_y1 = 0, maxgap = 0;    /* widest row gap so far */

	while (i < bs->len) {           /* bands */
		g_array_append_val(bstart, i);
		y1 = g_array_index(bs, sblock, i).y1;
		for (i++; i < bs->len && g_array_index(bs, sblock, i).y0 <
		     y1 - 1; i++)
			y1 = MAX(y1, g_array_index(bs, sblock, i).y1);
	}
	g_array_append_val(bstart, i);
	for (guint b = 0; b + 1 < bstart->len; b++) {
		guint from = g_array_index(bstart, guint, b);
		guint to = g_array_index(bstart, guint, b + 1);
		const sblock *top = &g_array_index(bs, sblock, from);
		int n = band_columns(bs, from, to, gx);
		double gap = top->y0 - prev_y1;
		gboolean fits = tc->len && n <= 32 && gap < 3.0 * top->size &&
				(b - t0 < 2 || gap <= 2 * maxgap + 2) &&
				!(n == 1 && head[top->first]) &&
				map_columns(tc, gx, map);
		if (!fits) {
			if (last > t0 && last - t0 >= 2 && tc->len >= 4)
				add_table(l, bs, bstart, t0, last, tc, page);
			g_array_set_size(tc, 0);
			t0 = b;
			maxgap = 0;
			if (n >= 2 && n <= 32) {
				g_array_append_vals(tc, gx->data, gx->len);
				g_array_sort(tc, dbl_pair_cmp);
			}
		} else {
			maxgap = MAX(maxgap, gap);
			for (guint g = 0; g < gx->len / 2; g++) {
				double *r = &g_array_index(gx, double, 2 * g);
				double *c = &g_array_index(tc, double,
							   2 * map[g]);
				c[0] = MIN(c[0], r[0]);
				c[1] = MAX(c[1], r[1]);
			}
		}
		if (!tc->len)
			t0 = b + 1;
		if (n >= 2 && tc->len)
			last = b + 1;
		prev_y1 = 0;
		for (guint k = from; k < to; k++)
			prev_y1 = MAX(prev_y1, g_array_index(bs, sblock,
							     k).y1);
	}
	if (last > t0 && last - t0 >= 2 && tc->len >= 4)
		add_table(l, bs, bstart, t0, last, tc, page);
	g_array_free(bstart, TRUE);
	g_array_free(gx, TRUE);
	g_array_free(tc, TRUE);
}

static void find_tables(skr_layout *l)
{
	gboolean *head = g_new0(gboolean, l->lines->len + 1);

	for (guint k = 0; k < l->units->len; k++) {
		const skr_unit *u = &g_array_index(l->units, skr_unit, k);
		if (u->kind == SKR_UNIT_HEAD)
			head[u->first] = TRUE;
	}
	for (guint i = 0; i < l->lines->len;) {
		int page = line_at(l, i)->page;
		guint end;
		GArray *bs = page_blocks(l, i, &end);
		page_tables(l, bs, page, head);
		g_array_free(bs, TRUE);
		i = end;
	}
	g_free(head);
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
	find_tables(l);
}
