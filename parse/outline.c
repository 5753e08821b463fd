/* outline.c - the generic outline of any document, from the layout's
 * structure records (format 2): title, headings with levels, paragraphs,
 * lists, tables and footnotes in reading order, as outline/... records.
 * Not family rules (engine.c) nor the structure itself (extract/). */
#include "parse-int.h"

#include <string.h>

typedef struct {
	const skr_layout *l;
	const skr_clean *c;             /* the cleaned lines of l */
	skr_records *out;
	int seq;                        /* outline node number */
	guint8 *in_cell;                /* per line: in a table cell */
	int *table_at;                  /* per line: the table (0-based)
					   whose first cell line it is, or
					   -1 */
	GString *path;                  /* the path being written */
} outline_t;

/* Appends V in decimal to S (what "%d" writes, without printf). */
static void int_append(GString *s, int v)
{
	char buf[16];
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	int i = sizeof buf;

	do {
		buf[--i] = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		buf[--i] = '-';
	g_string_append_len(s, buf + i, sizeof buf - i);
}

/* O's path "outline/KIND[N]", then "/TAIL" when TAIL is not NULL (valid
 * until the next call). */
static const char *node_path(outline_t *o, const char *kind, int n,
			     const char *tail)
{
	GString *s = o->path;

	g_string_assign(s, "outline/");
	g_string_append(s, kind);
	g_string_append_c(s, '[');
	int_append(s, n);
	g_string_append_c(s, ']');
	if (tail) {
		g_string_append_c(s, '/');
		g_string_append(s, tail);
	}
	return s->str;
}

/* The cleaned, joined text of lines [FIRST, FIRST+COUNT) of O and their
 * box. */
static char *text_of(const outline_t *o, guint first, guint count,
		     double box[4], int *page)
{
	const skr_layout *l = o->l;
	GString *s = g_string_new(NULL);

	box[0] = box[1] = G_MAXDOUBLE;
	box[2] = box[3] = -G_MAXDOUBLE;
	*page = ((const skr_line *)l->lines->pdata[first])->page;
	for (guint i = first; i < first + count && i < l->lines->len; i++) {
		const skr_line *ln = l->lines->pdata[i];
		if (s->len < SKR_PARSE_MAX_VALUE)
			skr_text_join(s, o->c->text[i], 1, 0);
		if (ln->page != *page)
			continue;
		box[0] = MIN(box[0], ln->x0); box[1] = MIN(box[1], ln->y0);
		box[2] = MAX(box[2], ln->x1); box[3] = MAX(box[3], ln->y1);
	}
	return g_string_free(s, FALSE);
}

static void add(outline_t *o, const char *path, enum skr_rec_type type,
		guint first, guint count, const char *value)
{
	double box[4];
	int page;
	char *t = text_of(o, first, count, box, &page);

	if (o->out->recs->len < SKR_PARSE_MAX_RECS && (value || *t))
		skr_records_add(o->out, path, type, page, box[0], box[1],
				box[2], box[3], value ? value : t);
	g_free(t);
}

/* Table T (0-based) as outline/grid[K]/row[R]/cell[C] records; a cell of
 * several blocks is one record, its box that of its first block. */
static void add_table(outline_t *o, guint t)
{
	const skr_layout *l = o->l;
	int seq = ++o->seq;
	GString *s = g_string_new(NULL);
	const skr_cell *cur = NULL;
	double box[4], b2[4];
	int page = 0, p2;

	for (guint c = 0; c <= l->cells->len; c++) {
		const skr_cell *ce = c < l->cells->len ?
			&g_array_index(l->cells, skr_cell, c) : NULL;
		if (ce && ce->table != (int)t + 1)
			ce = NULL;
		if (cur && (!ce || ce->row != cur->row || ce->col != cur->col)) {
			GString *path = o->path;
			node_path(o, "grid", seq, "row[");
			int_append(path, cur->row);
			g_string_append(path, "]/cell[");
			int_append(path, cur->col);
			g_string_append_c(path, ']');
			if (s->len && o->out->recs->len < SKR_PARSE_MAX_RECS)
				skr_records_add(o->out, path->str,
						SKR_REC_TEXT, page, box[0],
						box[1], box[2], box[3],
						s->str);
			g_string_truncate(s, 0);
			cur = NULL;
		}
		if (!ce)
			continue;
		char *txt = text_of(o, ce->first, ce->count, cur ? b2 : box,
				    cur ? &p2 : &page);
		if (s->len < SKR_PARSE_MAX_VALUE)
			skr_text_join(s, txt, 1, 0);
		g_free(txt);
		cur = ce;
	}
	g_string_free(s, TRUE);
}

/* Fills O's table_at: for each run of cells of one table, its first line
 * (the least first line of its cells) gets the table, unless an earlier
 * run's first line is the same. */
static void tables_at(outline_t *o)
{
	const skr_layout *l = o->l;
	guint lo = G_MAXUINT, n = l->lines->len;
	int t = -1;

	for (guint i = 0; i <= n; i++)
		o->table_at[i] = -1;
	for (guint c = 0; c <= l->cells->len; c++) {
		const skr_cell *ce = c < l->cells->len ?
			&g_array_index(l->cells, skr_cell, c) : NULL;
		if (c && (!ce || ce->table != g_array_index(l->cells,
			  skr_cell, c - 1).table)) {
			if (lo < n && o->table_at[lo] < 0)
				o->table_at[lo] = t;
			lo = G_MAXUINT;
		}
		if (!ce)
			break;
		lo = MIN(lo, ce->first);
		t = ce->table - 1;
	}
}

/* The node outline/KIND[++seq] of U's text and, when ATTR, its integer
 * child outline/KIND[seq]/ATTR = VALUE.  Returns the node's number. */
static int add_node(outline_t *o, const skr_unit *u, const char *kind,
		    const char *attr, int value)
{
	add(o, node_path(o, kind, ++o->seq, NULL), SKR_REC_TEXT, u->first,
	    u->count, NULL);
	if (attr) {
		GString *num = g_string_new(NULL);
		int_append(num, value);
		add(o, node_path(o, kind, o->seq, attr), SKR_REC_INT,
		    u->first, u->count, num->str);
		g_string_free(num, TRUE);
	}
	return o->seq;
}

static void add_unit(outline_t *o, const skr_unit *u, int *list)
{
	int seq;

	if (u->kind != SKR_UNIT_ITEM)
		*list = 0;
	switch (u->kind) {
	case SKR_UNIT_HEAD:
		seq = add_node(o, u, "h", "level", u->level);
		if (u->number)
			add(o, node_path(o, "h", seq, "number"), SKR_REC_TEXT,
			    u->first, u->count, u->number);
		break;
	case SKR_UNIT_PARA:
		add_node(o, u, "p", NULL, 0);
		break;
	case SKR_UNIT_ITEM:
		if (!*list)
			*list = ++o->seq;
		add(o, node_path(o, "list", *list, "item"), SKR_REC_ITEM,
		    u->first, u->count, NULL);
		break;
	case SKR_UNIT_NOTE:
		add_node(o, u, "note", "mark", u->level);
		break;
	}
}

void skr_parse_outline(const skr_layout *l, const skr_clean *c,
		       skr_records *out)
{
	outline_t o = { l, c, out, 0, NULL, NULL, NULL };
	int list = 0;

	if (l->version < 2 || !l->lines->len)
		return;
	o.in_cell = g_new0(guint8, l->lines->len + 1);
	o.path = g_string_sized_new(64);
	o.table_at = g_new(int, l->lines->len + 1);
	skr_outline_title(l, out, "outline/title");
	for (guint k = 0; k < l->cells->len; k++) {
		const skr_cell *ce = &g_array_index(l->cells, skr_cell, k);
		for (guint i = ce->first; i < ce->first + ce->count &&
		     i < l->lines->len; i++)
			o.in_cell[i] = 1;
	}
	tables_at(&o);
	for (guint k = 0; k < l->units->len; k++) {
		const skr_unit *u = &g_array_index(l->units, skr_unit, k);
		int t = u->first < l->lines->len ? o.table_at[u->first] : -1;
		if (t >= 0) {
			list = 0;
			add_table(&o, t);
		}
		if (!o.in_cell[u->first])
			add_unit(&o, u, &list);
	}
	g_free(o.in_cell);
	g_free(o.table_at);
	g_string_free(o.path, TRUE);
}
