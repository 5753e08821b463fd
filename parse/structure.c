/* structure.c - lets rules address the layout's structure (format 2):
 * conditions on headings, list items and table cells, a table row's text,
 * the items of the list under a heading.  Not the rule loop (engine.c) nor
 * finding the structure (extract/structure.c). */
#include "parse-int.h"

#include <stdlib.h>
#include <string.h>

/* "head", "head=N", "!head"; the same for "item"; "cell", "cell=N",
 * "!cell"; "row". */
int skr_struct_cond_parse(const char *w, cond_t *c)
{
	static const char *const words[] = { "head", "item", "cell" };
	int *field[] = { &c->head, &c->item, &c->cell };
	int any[] = { 10, 10, 99 };

	if (strcmp(w, "row") == 0) {
		c->row = 1;
		return 0;
	}
	for (int k = 0; k < 3; k++) {
		size_t n = strlen(words[k]);
		if (w[0] == '!' && strcmp(w + 1, words[k]) == 0) {
			*field[k] = -1;
			return 0;
		}
		if (strncmp(w, words[k], n) != 0)
			continue;
		if (!w[n]) {
			*field[k] = any[k];
			return 0;
		}
		if (w[n] == '=' && w[n + 1] >= '1' && w[n + 1] <= '9' &&
		    !w[n + 2]) {
			*field[k] = w[n + 1] - '0';
			return 0;
		}
	}
	return -1;
}

static int want(int cond, int have, int any)
{
	if (cond == 0)
		return 1;
	if (cond < 0)
		return have == 0;
	return cond == any ? have > 0 : have == cond;
}

int skr_struct_cond_ok(const cond_t *c, const pline_t *p)
{
	return want(c->head, p->head, 10) && want(c->item, p->depth, 10) &&
	       want(c->cell, p->tcol, 99) && (!c->row || p->row);
}

/* The text of cell K (its lines in reading order, joined) into S; its
 * lines are among [LO, HI). */
static void cell_text(GString *s, const pline_t *pl, guint lo, guint hi,
		      int k)
{
	for (guint i = lo; i < hi; i++)
		if (pl[i].cell == k)
			skr_text_join(s, pl[i].clean, 1, 0);
}

/* Row texts: for each row of each table, its COLS cells in column order
 * (an empty one for a column without text) joined " | ", stored at the
 * row's first line in reading order. */
static void row_texts(pline_t *pl, guint n, const skr_layout *l,
		      GPtrArray *rows)
{
	guint c = 0;
	int cellno = 0, rowno = 0;

	while (c < l->cells->len) {
		const skr_cell *first = &g_array_index(l->cells, skr_cell, c);
		const skr_table *t = first->table >= 1 && (guint)first->table <=
			l->tables->len ? &g_array_index(l->tables, skr_table,
							first->table - 1) : NULL;
		int cols = t ? t->cols : 1, cellof[65] = { 0 };
		GString *s = g_string_new(NULL), *cs = g_string_new(NULL);
		guint end = c, lo = G_MAXUINT, hi = 0;
		rowno++;
		while (end < l->cells->len &&
		       g_array_index(l->cells, skr_cell, end).table ==
		       first->table &&
		       g_array_index(l->cells, skr_cell, end).row == first->row)
			end++;
		for (guint k = c; k < end; k++) {
			const skr_cell *ce = &g_array_index(l->cells, skr_cell,
							    k);
			if (ce->col < 1 || ce->col > 64)
				continue;
			if (!cellof[ce->col])
				cellof[ce->col] = ++cellno;
			for (guint i = ce->first; i < ce->first + ce->count &&
			     i < n; i++) {
				pl[i].cell = cellof[ce->col];
				pl[i].tcol = ce->col;
				pl[i].rowid = rowno;
				lo = MIN(lo, i);
				hi = MAX(hi, i + 1);
			}
		}
		for (int col = 1; col <= MIN(cols, 64); col++) {
			g_string_truncate(cs, 0);
			if (cellof[col])
				cell_text(cs, pl, lo, hi, cellof[col]);
			if (col > 1)
				g_string_append_len(s, " | ", 3);
			g_string_append_len(s, cs->str, cs->len);
		}
		if (lo < n) {
			pl[lo].row = s->str;
			pl[lo].row_len = s->len;
			g_ptr_array_add(rows, g_string_free(s, FALSE));
		} else {
			g_string_free(s, TRUE);
		}
		g_string_free(cs, TRUE);
		c = end;
	}
}

void skr_struct_prepare(pline_t *pl, guint n, const skr_layout *l,
			GPtrArray *rows)
{
	for (guint u = 0; u < l->units->len; u++) {
		const skr_unit *un = &g_array_index(l->units, skr_unit, u);
		for (guint i = un->first; i < un->first + un->count && i < n;
		     i++) {
			if (un->kind == SKR_UNIT_HEAD)
				pl[i].head = MAX(un->level, 1);
			else if (un->kind == SKR_UNIT_ITEM)
				pl[i].depth = MAX(un->level, 1);
		}
		if (un->kind == SKR_UNIT_ITEM && un->first < n)
			pl[un->first].item_first = 1;
	}
	row_texts(pl, n, l, rows);
}

void skr_struct_list(const pline_t *pl, guint n, guint i, GArray *out)
{
	guint a = 0;
	gboolean in = FALSE;

	for (guint k = i + 1; k < n; k++) {
		if (pl[k].head && !pl[i].head)
			break;
		if (pl[k].head && pl[k].head <= pl[i].head)
			break;
		if (in && (!pl[k].depth || pl[k].item_first)) {
			guint b = k - 1;
			g_array_append_val(out, a);
			g_array_append_val(out, b);
			in = FALSE;
		}
		if (pl[k].item_first) {
			a = k;
			in = TRUE;
		}
	}
	if (in) {
		guint b = n - 1;
		while (b > a && !pl[b].depth)
			b--;
		g_array_append_val(out, a);
		g_array_append_val(out, b);
	}
}
