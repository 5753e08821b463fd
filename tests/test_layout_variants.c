/* test_layout_variants.c - one content drawn with many producers' habits:
 * each tests/data/variants/NAME.var is a content plus "vary" dimensions;
 * every combination is drawn (pdfdraw), extracted in process and its
 * structure asserted.  Not exact line breaks or coordinates
 * (test_extract_features.c compares whole layouts).
 *
 * NAME.var: '#' comments and blank lines ignored; otherwise
 *   vary KEY V1 V2 ...   a dimension; every combination is one variant
 *   sample N             run only N combinations, spread over all of them
 *                        (every K-th, K the smallest stride coprime with
 *                        their number), so a big matrix stays fast
 *   font FAMILY          the font (default DejaVu Sans)
 *   h1 TEXT / h2 TEXT    a heading, level 1 or 2 (sizes: body x hratio^2,
 *                        body x hratio; bold when hbold is on)
 *   p TEXT               a paragraph (space after it: 0.8 x body size)
 *   li TEXT              a list item; consecutive items are one list
 *   row A | B            a table row of two paragraph cells
 *   rowli A1 ; A2 | B1   a table row of two cells holding lists
 *   h3 TEXT              a heading at body size in capitals, not bold
 *                        (any level); "h1 #2.1 Title": numbered, level
 *                        from the number, "2.1." when numdot is on
 *   fn MARK TEXT         a footnote at the page foot; a paragraph refers
 *                        to it with "^{MARK}"
 *   spread A | B         one line: A at the left margin, B flush right
 *                        (a minutes line); must come out as one line
 * Dimensions (defaults in brackets): leading [1.2], hratio [1.3],
 * hbold [on], bullet U+XXXX or none [U+2022], indent hanging|flush
 * [hanging], border on|off [on], size [11], font [the file's "font"; '_'
 * stands for a space], numdot on|off [off].
 *
 * Asserted: each heading, paragraph, table cell and bulleted list is
 * exactly one block (its text, nothing else); without bullets each item
 * is a block of its own (items told apart by space alone); each bulleted
 * item is one 'L' line naming its glyph and 'C' lines, nothing else; a
 * bold heading's lines are 'B'; each heading is one 'head' record of its
 * level (h1 1, h2 2) and nothing else is; a table cell's text lies in a
 * 'cell' of its column, in one table row with the other cells of its row
 * (a wrapped cell is one cell; lists in cells keep their columns); outside
 * tables the blocks keep the content's order. */
#include "pdfdraw.h"

#include <skrapa/extract.h>
#include <skrapa/layout.h>
#include <skrapa/outfile.h>
#include <skrapa/textio.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define VAR_DIR "tests/data/variants"
#define MAX_VARIANTS 2000
#define MAX_DIMS 8

#define BATCH 8                 /* variants per test process */

struct vcase {
	char name[48];
	int index[BATCH];
	int n;
};

/* One expected unit: a block's squeezed text; ITEMS when a bulleted list
 * (its items' squeezed texts, in order). */
typedef struct {
	char *text;
	GPtrArray *items;
	gboolean heading, ordered, one_line;
	int level;                      /* heading level wanted, 0: any */
	int mark;                       /* a footnote's mark */
	int bold;                       /* a heading: bold wanted */
	int trow, tcol;                 /* table row (generator's), column */
	gboolean same_row;              /* its row's cells share a table row */
} unit;

typedef struct {
	char *key[MAX_DIMS];
	char **vals[MAX_DIMS];
	int ndims;
	int sample;                     /* 0: every combination */
	GPtrArray *body;                /* content lines, char* */
	char *font;
} varfile;

static void varfile_free(varfile *v)
{
	for (int i = 0; i < v->ndims; i++) {
		g_free(v->key[i]);
		g_strfreev(v->vals[i]);
	}
	g_ptr_array_free(v->body, TRUE);
	g_free(v->font);
}

static void varfile_read(varfile *v, const char *path)
{
	char *buf = NULL, **lines;
	size_t len;

	memset(v, 0, sizeof *v);
	v->body = g_ptr_array_new_with_free_func(g_free);
	v->font = g_strdup("DejaVu Sans");
	cr_assert_eq(skr_read_file(path, 1 << 20, &buf, &len), 0, "%s", path);
	lines = g_strsplit(buf, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		char *l = lines[i];
		if (!*l || *l == '#')
			continue;
		if (g_str_has_prefix(l, "vary ") && v->ndims < MAX_DIMS) {
			char **t = g_strsplit(l + 5, " ", -1);
			v->key[v->ndims] = g_strdup(t[0]);
			v->vals[v->ndims++] = g_strdupv(t + 1);
			g_strfreev(t);
		} else if (g_str_has_prefix(l, "sample ")) {
			v->sample = atoi(l + 7);
		} else if (g_str_has_prefix(l, "font ")) {
			g_free(v->font);
			v->font = g_strdup(l + 5);
		} else {
			g_ptr_array_add(v->body, g_strdup(l));
		}
	}
	g_strfreev(lines);
	g_free(buf);
}

static int variant_count(const varfile *v)
{
	int n = 1;
	for (int i = 0; i < v->ndims; i++)
		n *= g_strv_length(v->vals[i]);
	return n;
}

/* The value of dimension KEY in variant INDEX, or DEF. */
static const char *dim(const varfile *v, int index, const char *key,
		       const char *def)
{
	for (int i = 0; i < v->ndims; i++) {
		int n = g_strv_length(v->vals[i]);
		if (!strcmp(v->key[i], key))
			return v->vals[i][index % n];
		index /= n;
	}
	return def;
}

static int gcd(int a, int b)
{
	while (b) {
		int t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static void free_cases(struct criterion_test_params *p)
{
	cr_free(p->params);
}

ParameterizedTestParameters(layout_variants, structure)
{
	struct vcase *cases = cr_calloc(MAX_VARIANTS, sizeof *cases);
	GDir *dir = g_dir_open(VAR_DIR, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *f;
	size_t n = 0;

	while (dir && (f = g_dir_read_name(dir)))
		if (g_str_has_suffix(f, ".var") && strlen(f) < 48)
			g_ptr_array_add(names, g_strndup(f, strlen(f) - 4));
	if (dir)
		g_dir_close(dir);
	g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
	for (guint k = 0; k < names->len; k++) {
		char *path = g_strdup_printf(VAR_DIR "/%s.var",
					     (char *)names->pdata[k]);
		varfile v;
		varfile_read(&v, path);
		int total = variant_count(&v), want = total, stride = 1;
		if (v.sample > 0 && v.sample < total) {
			want = v.sample;
			stride = MAX(total / want, 1);
			while (gcd(stride, total) != 1)
				stride++;
		}
		for (int i = 0; i < want && n < MAX_VARIANTS; i++) {
			struct vcase *c = &cases[n];
			if (c->n == 0)
				g_strlcpy(c->name, names->pdata[k],
					  sizeof cases->name);
			c->index[c->n++] = (int)(((long)i * stride) % total);
			if (c->n == BATCH || i + 1 == want)
				n++;
		}
		varfile_free(&v);
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
	return cr_make_param_array(struct vcase, cases, n, free_cases);
}

/* Text with white space and footnote marks removed. */
static char *squeeze(const char *s)
{
	GString *o = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '\\' && p[1] == '^') {
			while (*p && *p != '}')
				p++;
			if (!*p)
				break;
			continue;
		}
		if (!g_unichar_isspace(c))
			g_string_append_unichar(o, c);
	}
	return g_string_free(o, FALSE);
}

/* TEXT without the spec's superscript marks "^{4}" (the layout writes
 * them "\^{4}", which squeeze() drops). */
static char *unmark(const char *text)
{
	GRegex *re = g_regex_new("\\^\\{[^}]*\\}", 0, 0, NULL);
	char *out = g_regex_replace_literal(re, text, -1, 0, "", 0, NULL);
	g_regex_unref(re);
	return out;
}

static unit *unit_new(const char *text, gboolean heading, gboolean ordered)
{
	unit *u = g_new0(unit, 1);
	char *plain = unmark(text);
	u->text = squeeze(plain);
	g_free(plain);
	u->heading = heading;
	u->ordered = ordered;
	return u;
}

static void unit_free(gpointer p)
{
	unit *u = p;
	g_free(u->text);
	if (u->items)
		g_ptr_array_free(u->items, TRUE);
	g_free(u);
}

/* Appends ITEM to the list unit at the end of UNITS (a new one if none). */
static void add_item(GPtrArray *units, const char *item, gboolean ordered)
{
	unit *u = units->len ? units->pdata[units->len - 1] : NULL;
	char *sq = squeeze(item), *joined;

	if (!u || !u->items) {
		u = unit_new("", FALSE, ordered);
		u->items = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(units, u);
	}
	joined = g_strconcat(u->text, sq, NULL);
	g_free(u->text);
	u->text = joined;
	g_ptr_array_add(u->items, sq);
}

typedef struct {
	GString *spec;
	GPtrArray *units;
	double size, hratio, leading;
	const char *hbold, *bullet, *indent;
	gboolean in_list;
	int rows;                       /* table rows drawn */
	gboolean numdot;                /* "2.1." rather than "2.1" */
} gen;

static void end_list(gen *g)
{
	if (g->in_list)
		g_string_append_printf(g->spec, "gap %.1f\n", 0.8 * g->size);
	g->in_list = FALSE;
}

/* A heading of LEVEL (1 or 2: body x hratio^2 or x hratio; 3: body size
 * in capitals, never bold).  TEXT "#2.1 Title" is numbered "2.1" (with
 * a dot after it when numdot is on) and its level is the number's depth. */
static void gen_heading(gen *g, int level, const char *text)
{
	double hs = g->size * (level == 1 ? g->hratio * g->hratio :
			       level == 2 ? g->hratio : 1.0);
	char *t = NULL;
	int want = level == 3 ? 0 : level;

	if (text[0] == '#') {
		const char *sp = strchr(text, ' ');
		char *num = g_strndup(text + 1, sp ? sp - text - 1 : 0);
		t = g_strdup_printf("%s%s%s", num, g->numdot ? "." : "",
				    sp ? sp : "");
		want = 1;
		for (const char *p = num; *p; p++)
			want += *p == '.';
		g_free(num);
		text = t;
	}
	end_list(g);
	g_string_append_printf(g->spec, "gap %.1f\nsize %.2f\nbold %s\npara %s"
			       "\nsize %.1f\nbold off\ngap %.1f\n", g->size,
			       hs, level == 3 ? "off" : g->hbold, text, g->size,
			       0.4 * g->size);
	unit *u = unit_new(text, TRUE, TRUE);
	u->level = want;
	u->bold = level != 3 && !strcmp(g->hbold, "on");
	g_ptr_array_add(g->units, u);
	g_free(t);
}

/* A footnote MARK TEXT at the foot of the page, in a smaller size. */
static void gen_note(gen *g, const char *args)
{
	char *sp = strchr(args, ' ');
	end_list(g);
	g_string_append_printf(g->spec, "cursor 730\nsize %.1f\npara %s\n"
			       "size %.1f\n", 0.8 * g->size, args, g->size);
	unit *u = unit_new(args, FALSE, TRUE);
	u->mark = atoi(args);
	(void)sp;
	g_ptr_array_add(g->units, u);
}

static void list_style(gen *g)
{
	gboolean flush = !strcmp(g->indent, "flush");
	gboolean none = !strcmp(g->bullet, "none");
	g_string_append_printf(g->spec, "bullet %s\nindent 0 %d %d\n",
			       g->bullet, none ? 0 : 14,
			       none || flush ? 0 : 14);
}

static void gen_item(gen *g, const char *text, gboolean ordered)
{
	if (!g->in_list)
		list_style(g);
	g->in_list = TRUE;
	g_string_append_printf(g->spec, "item %s\n", text);
	if (!strcmp(g->bullet, "none")) {      /* told apart by space */
		g_string_append_printf(g->spec, "gap %.1f\n", 0.8 * g->size);
		g_ptr_array_add(g->units, unit_new(text, FALSE, ordered));
	} else {
		add_item(g->units, text, ordered);
	}
}

/* A table row of two cells; LISTS: each cell is items split at ';'. */
static void gen_row(gen *g, const char *args, gboolean lists)
{
	char **cells = g_strsplit(args, "|", 2);
	gboolean none = !strcmp(g->bullet, "none");

	end_list(g);
	g->rows++;
	g_string_append(g->spec, "row\n");
	for (int c = 0; cells[c]; c++) {
		char *cell = g_strstrip(cells[c]);
		guint u0 = g->units->len;
		g_string_append(g->spec, "cell\n");
		if (!lists) {
			unit *u = unit_new(cell, FALSE, FALSE);
			g_string_append_printf(g->spec, "para %s\n", cell);
			u->trow = g->rows;
			u->tcol = c + 1;
			u->same_row = TRUE;
			g_ptr_array_add(g->units, u);
			continue;
		}
		char **items = g_strsplit(cell, ";", -1);
		list_style(g);
		unit *u = unit_new("", FALSE, FALSE);
		u->items = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(g->units, u);
		for (int i = 0; items[i]; i++) {
			char *it = g_strstrip(items[i]);
			g_string_append_printf(g->spec, "item %s\n", it);
			if (!strcmp(g->bullet, "none")) {
				g_string_append_printf(g->spec, "gap %.1f\n",
						       0.8 * g->size);
				if (i == 0)
					unit_free(g_ptr_array_steal_index(
						g->units, g->units->len - 1));
				g_ptr_array_add(g->units,
						unit_new(it, FALSE, FALSE));
			} else {
				add_item(g->units, it, FALSE);
			}
		}
		g_strfreev(items);
		for (guint k = u0; k < g->units->len; k++) {
			unit *u = g->units->pdata[k];
			u->trow = g->rows;
			u->tcol = c + 1;
			u->same_row = !none;
		}
	}
	g_string_append(g->spec, "endrow\n");
	g_strfreev(cells);
}

/* The spec of variant INDEX of V, and its expected units into UNITS. */
static char *generate(const varfile *v, int index, GPtrArray *units)
{
	gen g = { g_string_new(NULL), units, 0, 0, 0, NULL, NULL, NULL,
		  FALSE, 0, FALSE };

	char *font = g_strdelimit(g_strdup(dim(v, index, "font", v->font)),
				  "_", ' ');
	g.size = g_ascii_strtod(dim(v, index, "size", "11"), NULL);
	g.leading = g_ascii_strtod(dim(v, index, "leading", "1.2"), NULL);
	g.hratio = g_ascii_strtod(dim(v, index, "hratio", "1.3"), NULL);
	g.hbold = dim(v, index, "hbold", "on");
	g.bullet = dim(v, index, "bullet", "U+2022");
	g.indent = dim(v, index, "indent", "hanging");
	g.numdot = !strcmp(dim(v, index, "numdot", "off"), "on");
	g_string_append_printf(g.spec, "font %s\nsize %.1f\nleading %.2f\n"
			       "border %s\ncolumns 227 228\npadding 6\n",
			       font, g.size, g.leading,
			       dim(v, index, "border", "on"));
	for (guint i = 0; i < v->body->len; i++) {
		const char *l = v->body->pdata[i];
		if (g_str_has_prefix(l, "h1 ") || g_str_has_prefix(l, "h2 ") ||
		    g_str_has_prefix(l, "h3 "))
			gen_heading(&g, l[1] - '0', l + 3);
		else if (g_str_has_prefix(l, "fn "))
			gen_note(&g, l + 3);
		else if (g_str_has_prefix(l, "li "))
			gen_item(&g, l + 3, TRUE);
		else if (g_str_has_prefix(l, "rowli "))
			gen_row(&g, l + 6, TRUE);
		else if (g_str_has_prefix(l, "row "))
			gen_row(&g, l + 4, FALSE);
		else if (g_str_has_prefix(l, "spread ")) {
			char *plain = g_strdup(l + 7), *bar = strstr(plain, "|");
			end_list(&g);
			g_string_append_printf(g.spec, "spread %s\ngap %.1f\n",
					       l + 7, 0.8 * g.size);
			if (bar)
				*bar = ' ';
			unit *u = unit_new(plain, FALSE, TRUE);
			u->one_line = TRUE;
			g_ptr_array_add(units, u);
			g_free(plain);
		} else if (g_str_has_prefix(l, "p ")) {
			end_list(&g);
			g_string_append_printf(g.spec, "para %s\ngap %.1f\n",
					       l + 2, 0.8 * g.size);
			g_ptr_array_add(units, unit_new(l + 2, FALSE, TRUE));
		}
	}
	g_free(font);
	return g_string_free(g.spec, FALSE);
}

static unsigned line_flags(const skr_layout *l, int i)
{
	return ((skr_line *)l->lines->pdata[i])->flags;
}

/* The layout's blocks: [from, to) line ranges. */
static GArray *blocks_of(const skr_layout *l)
{
	GArray *b = g_array_new(FALSE, FALSE, sizeof(int) * 2);
	for (guint i = 0; i < l->lines->len;) {
		int r[2] = { (int)i, (int)i };
		int blk = ((skr_line *)l->lines->pdata[i])->block;
		while (i < l->lines->len &&
		       ((skr_line *)l->lines->pdata[i])->block == blk)
			i++;
		r[1] = i;
		g_array_append_vals(b, r, 1);
	}
	return b;
}

static char *range_text(const skr_layout *l, int from, int to)
{
	GString *s = g_string_new(NULL);
	for (int i = from; i < to; i++)
		g_string_append(s, ((skr_line *)l->lines->pdata[i])->text);
	char *sq = squeeze(s->str);
	g_string_free(s, TRUE);
	return sq;
}

static gunichar bullet_cp(const char *b)
{
	return !strcmp(b, "none") ? 0 : (gunichar)strtoul(b + 2, NULL, 16);
}

/* Asserts the items of U in the lines [FROM, TO). */
static void check_items(const skr_layout *l, const unit *u, int from, int to,
			gunichar glyph, const char *what)
{
	guint item = 0;
	for (int i = from; i < to; item++) {
		const skr_line *ln = l->lines->pdata[i];
		int end = i + 1;
		cr_expect(ln->flags & SKR_LINE_ITEM, "%s: line '%s' is no item",
			  what, ln->text);
		cr_expect_eq(ln->bullet, glyph, "%s: '%s' bullet U+%04X",
			     what, ln->text, ln->bullet);
		while (end < to && ((skr_line *)l->lines->pdata[end])->flags
		       & SKR_LINE_CONT)
			end++;
		char *got = range_text(l, i, end);
		cr_expect(item < u->items->len && !strcmp(got,
			  u->items->pdata[item]), "%s: item %u is '%s'", what,
			  item + 1, got);
		g_free(got);
		i = end;
	}
	cr_expect_eq(item, u->items->len, "%s: %u items, want %u", what, item,
		     u->items->len);
}

/* The structure record starting at line FIRST of kind KIND, or NULL. */
static const skr_unit *unit_at(const skr_layout *l, guint first,
			       skr_unit_kind kind)
{
	for (guint i = 0; i < l->units->len; i++) {
		const skr_unit *u = &g_array_index(l->units, skr_unit, i);
		if (u->first == first && u->kind == kind)
			return u;
	}
	return NULL;
}

/* Headings are 'head' records of the wanted level; other blocks are not
 * headings; items are 'item' records. */
static void check_structure(const skr_layout *l, const unit *u, int from,
			    int to, const char *what)
{
	const skr_unit *h = unit_at(l, from, SKR_UNIT_HEAD);

	if (u->heading) {
		cr_expect(h && h->count == (guint)(to - from), "%s: '%s' is "
			  "not one heading", what, u->text);
		if (h && u->level)
			cr_expect_eq(h->level, u->level, "%s: '%s' level %d, "
				     "want %d", what, u->text, h->level,
				     u->level);
		return;
	}
	if (u->mark) {
		const skr_unit *n = unit_at(l, from, SKR_UNIT_NOTE);
		cr_expect(n && n->level == u->mark && n->ref >= 0 &&
			  n->ref < (int)l->lines->len && strstr(((skr_line *)
			  l->lines->pdata[n->ref])->text, "\\^{"),
			  "%s: '%s' is no footnote tied to its mark", what,
			  u->text);
	}
	cr_expect(!h, "%s: '%s' taken for a heading", what, u->text);
	cr_expect(!u->one_line || to - from == 1, "%s: '%s' is %d lines",
		  what, u->text, to - from);
	for (int i = from; u->items && i < to; i++)
		if (line_flags(l, i) & SKR_LINE_ITEM)
			cr_expect(unit_at(l, i, SKR_UNIT_ITEM), "%s: no item "
				  "record at '%s'", what,
				  ((skr_line *)l->lines->pdata[i])->text);
}

/* The cell record holding line FIRST, or NULL. */
static const skr_cell *cell_at(const skr_layout *l, guint first)
{
	for (guint i = 0; i < l->cells->len; i++) {
		const skr_cell *c = &g_array_index(l->cells, skr_cell, i);
		if (first >= c->first && first < c->first + c->count)
			return c;
	}
	return NULL;
}

/* A table cell's unit is in a cell of its column, in the table and row of
 * the other cells drawn in its row (ROWS: the generator's row -> the
 * layout's table * 1000 + row, 0 when not seen yet). */
static void check_cell(const skr_layout *l, const unit *u, int from,
		       int *rows, const char *what)
{
	const skr_cell *c = cell_at(l, from);

	cr_expect(c, "%s: '%s' is in no table cell", what, u->text);
	if (!c)
		return;
	cr_expect_eq(c->col, u->tcol, "%s: '%s' in column %d, want %d", what,
		     u->text, c->col, u->tcol);
	if (!u->same_row || u->trow >= 64)
		return;
	int key = c->table * 1000 + c->row;
	cr_expect(!rows[u->trow] || rows[u->trow] == key, "%s: '%s' in table "
		  "%d row %d, apart from its row's other cells", what, u->text,
		  c->table, c->row);
	rows[u->trow] = key;
}

static void check(const skr_layout *l, GPtrArray *units, gunichar glyph,
		  const char *what)
{
	GArray *b = blocks_of(l);
	gboolean *used = g_new0(gboolean, b->len);
	guint next = 0;
	int rows[64] = { 0 };

	for (guint k = 0; k < units->len; k++) {
		const unit *u = units->pdata[k];
		guint hit = b->len;
		for (guint j = u->ordered ? next : 0; j < b->len && hit == b->len;
		     j++) {
			int *r = &g_array_index(b, int, 2 * j);
			char *t = range_text(l, r[0], r[1]);
			if (!used[j] && !strcmp(t, u->text))
				hit = j;
			g_free(t);
		}
		cr_expect(hit < b->len, "%s: no block is exactly '%s'", what,
			  u->text);
		if (hit == b->len)
			continue;
		used[hit] = TRUE;
		if (u->ordered)
			next = hit + 1;
		int *r = &g_array_index(b, int, 2 * hit);
		check_structure(l, u, r[0], r[1], what);
		if (u->tcol)
			check_cell(l, u, r[0], rows, what);
		if (u->items)
			check_items(l, u, r[0], r[1], glyph, what);
		for (int i = r[0]; i < r[1] && !u->items; i++) {
			const skr_line *ln = l->lines->pdata[i];
			cr_expect(!(ln->flags & (SKR_LINE_ITEM | SKR_LINE_CONT)),
				  "%s: '%s' flagged as a list line", what,
				  ln->text);
			if (u->heading)
				cr_expect(!(ln->flags & SKR_LINE_BOLD) == !u->bold,
					  "%s: heading '%s' bold", what,
					  ln->text);
		}
	}
	g_free(used);
	g_array_free(b, TRUE);
}

static char *describe(const varfile *v, int index)
{
	GString *s = g_string_new(NULL);
	for (int i = 0; i < v->ndims; i++)
		g_string_append_printf(s, "%s%s=%s", i ? " " : "", v->key[i],
				       dim(v, index, v->key[i], "?"));
	return g_string_free(s, FALSE);
}

static void run_variant(const char *file, int index)
{
	char *path = g_strdup_printf(VAR_DIR "/%s.var", file);
	char *tmp = g_dir_make_tmp("skrapa-lv-XXXXXX", NULL);
	char *spec_path = g_build_filename(tmp, "v.spec", NULL);
	char *pdf = g_build_filename(tmp, "v.pdf", NULL);
	GPtrArray *units = g_ptr_array_new_with_free_func(unit_free);
	skr_extract_limits lim = SKR_EXTRACT_LIMITS_DEFAULT;
	skr_layout *l = NULL;
	varfile v;

	varfile_read(&v, path);
	char *what = describe(&v, index), *name;
	name = g_strdup_printf("%s[%s]", file, what);
	char *spec = generate(&v, index, units);
	cr_assert(g_file_set_contents(spec_path, spec, -1, NULL));
	cr_assert_eq(pdfdraw_render(spec_path, pdf), 0, "%s: cannot draw",
		     name);
	cr_assert_eq(skr_extract_file(pdf, &lim, &l), 0, "%s", name);
	check(l, units, bullet_cp(dim(&v, index, "bullet", "U+2022")), name);
	skr_layout_free(l);
	g_unlink(pdf);
	g_unlink(spec_path);
	g_rmdir(tmp);
	g_free(spec);
	g_free(name);
	g_free(what);
	varfile_free(&v);
	g_ptr_array_free(units, TRUE);
	g_free(pdf);
	g_free(spec_path);
	g_free(tmp);
	g_free(path);
}

/* BATCH variants per test: drawing and extracting one costs about as much
 * as the test process around it. */
ParameterizedTest(struct vcase *c, layout_variants, structure, .timeout = 60)
{
	for (int i = 0; i < c->n; i++)
		run_variant(c->name, c->index[i]);
}
