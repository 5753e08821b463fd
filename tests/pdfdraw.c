/* pdfdraw.c - test helper: renders a document spec (language in pdfdraw.h)
 * into an A4 PDF with cairo's toy text API.  Not part of skrapa and not a
 * typesetter: just enough layout to draw report-like test documents. */
#include "pdfdraw.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/textio.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <dlfcn.h>
#include <string.h>

#define PD_W 595.28
#define PD_H 841.89
#define PD_MAX_SPEC (1 << 20)
#define PD_MAX_COLS 8
#define PD_MAX_WRAP 1000        /* lines of one wrapped paragraph */
#define PD_SUP_SCALE 0.6
#define PD_SUP_RISE 0.35

enum { AL_LEFT, AL_CENTER, AL_RIGHT };
enum { VA_TOP, VA_MIDDLE, VA_BOTTOM };
enum { OP_TEXT, OP_GLYPH, OP_RECT, OP_LINE };

typedef struct {
	const char *family;             /* interned */
	double size;
	gboolean bold;
} pd_style;

typedef struct {
	int kind;
	double x, y, w, h;              /* TEXT/GLYPH: x, baseline y */
	pd_style st;
	char *text;                     /* TEXT: with ^{} marks; GLYPH: drawn */
	char *actual;                   /* GLYPH: text-layer string */
} pd_op;

typedef struct {
	GPtrArray *ops;                 /* of pd_op*, y relative to row top */
	double x0, x1, y;
	int halign, valign;
} pd_cell;

typedef struct {
	cairo_surface_t *surf;
	cairo_t *cr;
	double ml, mr, mt, mb;
	pd_style st;
	double leading;
	int align;
	double y;                       /* page cursor */
	gboolean page_used;
	int page_label;
	char *run_text[2];              /* header, footer (NULL: none) */
	pd_style run_st[2];
	char *bullet_actual, *bullet_drawn;     /* NULL: "bullet none" */
	double ind_a, ind_b, ind_c;     /* glyph, text, continuation lines */
	double cols[PD_MAX_COLS];
	int ncols;
	gboolean border;
	double rule_w, rule_grey;       /* "rules": borders and lines */
	double pad;
	gboolean in_row;
	int ncells;
	pd_cell cells[PD_MAX_COLS];
} pd_doc;

/* ---- drawing ---- */

/* Strokes the current path as a rule: "rules W GREY" (default 0.75 pt
 * black); text stays black. */
static void stroke_rule(pd_doc *d)
{
	cairo_save(d->cr);
	cairo_set_line_width(d->cr, d->rule_w);
	cairo_set_source_rgb(d->cr, d->rule_grey, d->rule_grey, d->rule_grey);
	cairo_stroke(d->cr);
	cairo_restore(d->cr);
}

static void set_font(pd_doc *d, const pd_style *st, double size)
{
	cairo_select_font_face(d->cr, st->family, CAIRO_FONT_SLANT_NORMAL,
			       st->bold ? CAIRO_FONT_WEIGHT_BOLD
					: CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(d->cr, size);
}

/* Splits off the next run of *P: a superscript "^{...}" (its inside) or
 * plain text up to the next mark.  Returns a new string, NULL at the end. */
static char *next_run(const char **p, gboolean *sup)
{
	const char *s = *p, *e;

	if (!*s)
		return NULL;
	*sup = g_str_has_prefix(s, "^{");
	if (*sup) {
		e = strchr(s + 2, '}');
		e = e ? e : s + strlen(s);
		*p = *e ? e + 1 : e;
		return g_strndup(s + 2, e - s - 2);
	}
	e = strstr(s, "^{");
	e = e ? e : s + strlen(s);
	*p = e;
	return g_strndup(s, e - s);
}

/* Draws (DRAW) or only measures rich text S at X, baseline Y; returns its
 * advance width. */
static double rich_text(pd_doc *d, const pd_style *st, const char *s,
			double x, double y, gboolean draw)
{
	double w = 0;
	gboolean sup;
	char *run;

	while ((run = next_run(&s, &sup))) {
		cairo_text_extents_t ext;
		double size = sup ? st->size * PD_SUP_SCALE : st->size;
		set_font(d, st, size);
		cairo_text_extents(d->cr, run, &ext);
		if (draw) {
			cairo_move_to(d->cr, x + w,
				      sup ? y - st->size * PD_SUP_RISE : y);
			cairo_show_text(d->cr, run);
		}
		w += ext.x_advance;
		g_free(run);
	}
	return w;
}

/* Draws the glyphs of DRAWN at (X, Y) with ACTUAL as their text. */
static void show_as(pd_doc *d, const pd_op *op, double x, double y)
{
	cairo_glyph_t *g = NULL;
	cairo_text_cluster_t *cl = NULL;
	cairo_text_cluster_flags_t fl;
	int ng = 0, nc = 0;

	set_font(d, &op->st, op->st.size);
	if (cairo_scaled_font_text_to_glyphs(cairo_get_scaled_font(d->cr), x,
					     y, op->text, -1, &g, &ng, &cl,
					     &nc, &fl) == CAIRO_STATUS_SUCCESS
	    && ng > 0) {
		cairo_text_cluster_t one = { (int)strlen(op->actual), ng };
		cairo_show_text_glyphs(d->cr, op->actual, -1, g, ng, &one, 1,
				       0);
	}
	cairo_glyph_free(g);
	cairo_text_cluster_free(cl);
}

static void draw_op(pd_doc *d, const pd_op *op, double dx, double dy)
{
	switch (op->kind) {
	case OP_TEXT:
		rich_text(d, &op->st, op->text, op->x + dx, op->y + dy, TRUE);
		break;
	case OP_GLYPH:
		show_as(d, op, op->x + dx, op->y + dy);
		break;
	case OP_RECT:
		cairo_rectangle(d->cr, op->x + dx, op->y + dy, op->w, op->h);
		stroke_rule(d);
		break;
	default:
		cairo_move_to(d->cr, op->x + dx, op->y + dy);
		cairo_line_to(d->cr, op->x + dx + op->w, op->y + dy + op->h);
		stroke_rule(d);
		break;
	}
}

static void op_free(gpointer p)
{
	pd_op *op = p;

	if (!op)
		return;
	g_free(op->text);
	g_free(op->actual);
	g_free(op);
}

/* Draws OP now, or keeps it for the end of the row.  Takes OP. */
static void emit(pd_doc *d, pd_op *op)
{
	if (d->in_row) {
		g_ptr_array_add(d->cells[d->ncells - 1].ops, op);
		return;
	}
	draw_op(d, op, 0, 0);
	d->page_used = TRUE;
	op_free(op);
}

static pd_op *op_new(int kind, const pd_style *st, double x, double y,
		     const char *text)
{
	pd_op *op = g_new0(pd_op, 1);

	op->kind = kind;
	op->st = *st;
	op->x = x;
	op->y = y;
	op->text = g_strdup(text);
	return op;
}

/* ---- pages ---- */

/* Draws a running header (WHICH 0) or footer (1) on the current page. */
static void draw_running(pd_doc *d, int which)
{
	char num[16], **parts, *t;
	const pd_style *st = &d->run_st[which];
	double y = which ? PD_H - d->mb / 2 : d->mt / 2 + st->size / 2;

	if (!d->run_text[which])
		return;
	g_snprintf(num, sizeof num, "%d", d->page_label);
	parts = g_strsplit(d->run_text[which], " | ", 2);
	for (int i = 0; parts[i]; i++) {
		GString *s = g_string_new(parts[i]);
		g_string_replace(s, "{page}", num, 0);
		t = s->str;
		double x = d->ml;
		if (i == 1)
			x = PD_W - d->mr - rich_text(d, st, t, 0, 0, FALSE);
		rich_text(d, st, t, x, y, TRUE);
		g_string_free(s, TRUE);
	}
	g_strfreev(parts);
}

static void finish_page(pd_doc *d)
{
	draw_running(d, 0);
	draw_running(d, 1);
	cairo_show_page(d->cr);
	d->page_label++;
	d->page_used = FALSE;
	d->y = d->mt;
}

/* ---- flow ---- */

/* The box the flow fills: the current cell, or the page between margins. */
static double *flow_box(pd_doc *d, double *x0, double *x1, int *align)
{
	if (d->in_row) {
		pd_cell *c = &d->cells[d->ncells - 1];
		*x0 = c->x0;
		*x1 = c->x1;
		*align = c->halign;
		return &c->y;
	}
	*x0 = d->ml;
	*x1 = PD_W - d->mr;
	*align = d->align;
	return &d->y;
}

/* Places one line of rich text in [X0, X1] at the cursor; returns the
 * baseline it used (after a page break, if one was needed). */
static double place_line(pd_doc *d, const char *text, double x0, double x1,
			 int align)
{
	double bx0, bx1, lh = d->st.size * d->leading, x = x0;
	int dummy;
	double *y = flow_box(d, &bx0, &bx1, &dummy);

	if (!d->in_row && d->page_used && *y + lh > PD_H - d->mb)
		finish_page(d);
	double base = *y + d->st.size * (d->leading - 1) / 2
		      + d->st.size * 0.8;
	double w = rich_text(d, &d->st, text, 0, 0, FALSE);
	if (align == AL_CENTER)
		x = x0 + (x1 - x0 - w) / 2;
	else if (align == AL_RIGHT)
		x = x1 - w;
	emit(d, op_new(OP_TEXT, &d->st, x, base, text));
	*y += lh;
	return base;
}

/* Adds WORD to the line being built in CUR, pushing full lines to OUT. */
static void add_word(pd_doc *d, GPtrArray *out, GString *cur,
		     const char *word, double width)
{
	GString *try = g_string_new(cur->str);
	const char *h;

	if (try->len)
		g_string_append_c(try, ' ');
	g_string_append(try, word);
	if (!cur->len || rich_text(d, &d->st, try->str, 0, 0, FALSE) <= width) {
		g_string_assign(cur, try->str);
		g_string_free(try, TRUE);
		return;
	}
	g_string_free(try, TRUE);
	/* break after the last '-' in WORD that still fits */
	for (h = strrchr(word, '-'); h; ) {
		char *pre = g_strndup(word, h - word + 1);
		char *t = g_strdup_printf("%s %s", cur->str, pre);
		gboolean fits = h[1] && h > word
				&& rich_text(d, &d->st, t, 0, 0, FALSE) <= width;
		g_free(pre);
		if (fits) {
			g_ptr_array_add(out, t);
			g_string_assign(cur, h + 1);
			return;
		}
		g_free(t);
		h = h > word ? g_strrstr_len(word, h - word, "-") : NULL;
	}
	g_ptr_array_add(out, g_strdup(cur->str));
	g_string_assign(cur, word);
}

/* Wraps TEXT ("\n" forces a break) into lines of at most WIDTH; returns
 * them (caller frees), or NULL when there would be too many. */
static GPtrArray *wrap(pd_doc *d, const char *text, double width)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	char **hard = g_strsplit(text, "\n", -1);

	for (int i = 0; hard[i]; i++) {
		GString *cur = g_string_new("");
		char **words = g_strsplit(hard[i], " ", -1);
		for (int j = 0; words[j]; j++)
			if (*words[j])
				add_word(d, out, cur, words[j], width);
		g_ptr_array_add(out, g_string_free(cur, FALSE));
		g_strfreev(words);
	}
	g_strfreev(hard);
	if (out->len > PD_MAX_WRAP) {
		g_ptr_array_free(out, TRUE);
		return NULL;
	}
	return out;
}

/* A paragraph (BULLETED FALSE) or a list item at the cursor. */
static int flow_text(pd_doc *d, const char *text, gboolean bulleted)
{
	double x0, x1;
	int align;
	flow_box(d, &x0, &x1, &align);
	double tx = bulleted ? x0 + d->ind_b : x0;
	double cx = bulleted ? x0 + d->ind_c : x0;
	GPtrArray *lines = wrap(d, text, x1 - MAX(tx, cx));

	if (!lines)
		return -1;
	for (guint i = 0; i < lines->len; i++) {
		double base = place_line(d, lines->pdata[i], i ? cx : tx, x1,
					 bulleted ? AL_LEFT : align);
		if (bulleted && i == 0 && d->bullet_actual) {
			pd_op *op = op_new(OP_GLYPH, &d->st, x0 + d->ind_a,
					   base, d->bullet_drawn);
			op->st.bold = FALSE;
			op->actual = g_strdup(d->bullet_actual);
			emit(d, op);
		}
	}
	g_ptr_array_free(lines, TRUE);
	return 0;
}

/* ---- tables ---- */

static void row_begin(pd_doc *d)
{
	d->in_row = TRUE;
	d->ncells = 0;
}

static void cell_begin(pd_doc *d, int halign, int valign)
{
	double x = d->ml;
	int i = d->ncells++;

	for (int k = 0; k < i; k++)
		x += d->cols[k];
	d->cells[i].ops = g_ptr_array_new_with_free_func(op_free);
	d->cells[i].x0 = x + d->pad;
	d->cells[i].x1 = x + d->cols[i] - d->pad;
	d->cells[i].y = d->pad;
	d->cells[i].halign = halign;
	d->cells[i].valign = valign;
}

/* Draws the finished row at the cursor (on a new page if it does not fit);
 * returns -1 when the row is taller than a page. */
static int row_end(pd_doc *d)
{
	double h = 0, x = d->ml;

	for (int i = 0; i < d->ncells; i++)
		h = MAX(h, d->cells[i].y + d->pad);
	d->in_row = FALSE;
	if (h > PD_H - d->mt - d->mb) {
		for (int i = 0; i < d->ncells; i++)
			g_ptr_array_free(d->cells[i].ops, TRUE);
		return -1;
	}
	if (d->page_used && d->y + h > PD_H - d->mb)
		finish_page(d);
	for (int i = 0; i < d->ncols; i++) {
		if (i < d->ncells) {
			pd_cell *c = &d->cells[i];
			double free = h - c->y - d->pad;
			double dy = c->valign == VA_MIDDLE ? free / 2
				    : c->valign == VA_BOTTOM ? free : 0;
			for (guint k = 0; k < c->ops->len; k++)
				draw_op(d, c->ops->pdata[k], 0, d->y + dy);
			g_ptr_array_free(c->ops, TRUE);
		}
		if (d->border) {
			cairo_rectangle(d->cr, x, d->y, d->cols[i], h);
			stroke_rule(d);
		}
		x += d->cols[i];
	}
	d->y += h;
	d->page_used = TRUE;
	return 0;
}

/* ---- the spec language ---- */

/* Parses exactly N numbers from ARGS into OUT; returns 0 or -1. */
static int nums(const char *args, int n, double *out)
{
	char **tok = g_strsplit_set(args, " ", -1);
	int k = 0, rc = 0;

	for (int i = 0; tok[i] && rc == 0; i++) {
		if (!*tok[i])
			continue;
		if (k == n || skr_parse_double(tok[i], strlen(tok[i]), &out[k]))
			rc = -1;
		k++;
	}
	g_strfreev(tok);
	return rc == 0 && k == n ? 0 : -1;
}

/* TEXT escapes: "\u{HEX}", "\n", "\\".  Returns a new string or NULL. */
static char *unescape_text(const char *s)
{
	GString *out = g_string_new("");

	for (; *s; s++) {
		if (*s != '\\') {
			g_string_append_c(out, *s);
			continue;
		}
		if (s[1] == '\\' || s[1] == 'n') {
			g_string_append_c(out, s[1] == 'n' ? '\n' : '\\');
			s++;
			continue;
		}
		char *end;
		gunichar c = s[1] == 'u' && s[2] == '{'
			     ? (gunichar)g_ascii_strtoull(s + 3, &end, 16) : 0;
		if (!c || *end != '}' || !g_unichar_validate(c)) {
			g_string_free(out, TRUE);
			return NULL;
		}
		g_string_append_unichar(out, c);
		s = end;
	}
	return g_string_free(out, FALSE);
}

static int on_off(const char *args, gboolean *out)
{
	if (strcmp(args, "on") && strcmp(args, "off"))
		return -1;
	*out = !strcmp(args, "on");
	return 0;
}

static int keyword(const char *w, const char *const *set)
{
	for (int i = 0; set[i]; i++)
		if (!strcmp(w, set[i]))
			return i;
	return -1;
}

static const char *const halign_kw[] = { "left", "center", "right", NULL };
static const char *const valign_kw[] = { "top", "middle", "bottom", NULL };

/* "U+XXXX" into its UTF-8 string (caller frees), NULL if malformed. */
static char *code_point(const char *s)
{
	char *end, buf[8] = { 0 };
	gunichar c;

	if (!g_str_has_prefix(s, "U+") || !s[2])
		return NULL;
	c = (gunichar)g_ascii_strtoull(s + 2, &end, 16);
	if (*end || !c || !g_unichar_validate(c))
		return NULL;
	g_unichar_to_utf8(c, buf);
	return g_strdup(buf);
}

static const char *cmd_bullet(pd_doc *d, const char *args)
{
	char **tok = g_strsplit(args, " ", 3);
	char *actual = NULL, *drawn = NULL;
	const char *why = "bullet: expected 'none' or U+XXXX [U+YYYY]";

	if (!strcmp(args, "none"))
		why = NULL;
	else if ((actual = code_point(tok[0])) && !(tok[1] && tok[2])) {
		drawn = tok[1] ? code_point(tok[1]) : NULL;
		if (!tok[1] || drawn)
			why = NULL;
		if (!tok[1]) {
			gunichar c = g_utf8_get_char(actual);
			drawn = c == 0xF0B7 ? g_strdup("\u2022")
				: c == 0xF0A7 ? g_strdup("\u25AA")
				: g_strdup(actual);
		}
	}
	g_strfreev(tok);
	g_free(d->bullet_actual);
	g_free(d->bullet_drawn);
	d->bullet_actual = why ? NULL : actual;
	d->bullet_drawn = why ? NULL : drawn;
	if (why) {
		g_free(actual);
		g_free(drawn);
	}
	return why;
}

static const char *cmd_cell(pd_doc *d, const char *args)
{
	char **tok = g_strsplit(args, " ", -1);
	int h = AL_LEFT, v = VA_TOP, k;
	const char *why = NULL;

	if (!d->in_row || d->ncells >= d->ncols)
		why = "cell outside a row or beyond the columns";
	for (int i = 0; tok[i] && !why; i++) {
		if ((k = keyword(tok[i], halign_kw)) >= 0)
			h = k;
		else if ((k = keyword(tok[i], valign_kw)) >= 0)
			v = k;
		else if (*tok[i])
			why = "cell: bad alignment";
	}
	g_strfreev(tok);
	if (!why)
		cell_begin(d, h, v);
	return why;
}

#define NUM1(name, expr, check)                                               \
	static const char *cmd_##name(pd_doc *d, const char *args)           \
	{                                                                     \
		double v;                                                     \
		if (nums(args, 1, &v) || !(check))                            \
			return #name ": bad number";                          \
		expr;                                                         \
		return NULL;                                                  \
	}
NUM1(size, d->st.size = v, v > 0 && v < 200)
NUM1(leading, d->leading = v, v >= 0.5 && v <= 5)
NUM1(padding, d->pad = v, v >= 0 && v < 100)
NUM1(pagenum, d->page_label = (int)v, v >= 0 && v < 100000)
NUM1(cursor, d->y = v, v >= 0 && v < PD_H && !d->in_row)

static const char *cmd_rules(pd_doc *d, const char *args)
{
	double v[2];

	if (nums(args, 2, v) || v[0] <= 0 || v[0] > 20 || v[1] < 0 || v[1] > 1)
		return "rules: expected WIDTH GREY (0 black .. 1 white)";
	d->rule_w = v[0];
	d->rule_grey = v[1];
	return NULL;
}

static const char *cmd_gap(pd_doc *d, const char *args)
{
	double v, x0, x1;
	int al;

	if (nums(args, 1, &v) || v < 0 || v > PD_H)
		return "gap: bad number";
	*flow_box(d, &x0, &x1, &al) += v;
	return NULL;
}

static const char *cmd_need(pd_doc *d, const char *args)
{
	double v;

	if (nums(args, 1, &v) || v < 0 || d->in_row)
		return "need: bad number, or inside a row";
	if (d->page_used && d->y + v > PD_H - d->mb)
		finish_page(d);
	return NULL;
}

static const char *cmd_font(pd_doc *d, const char *args)
{
	if (!*args)
		return "font: no family";
	d->st.family = g_intern_string(args);
	return NULL;
}

static const char *cmd_bold(pd_doc *d, const char *args)
{
	return on_off(args, &d->st.bold) ? "bold: expected on|off" : NULL;
}

static const char *cmd_border(pd_doc *d, const char *args)
{
	return on_off(args, &d->border) ? "border: expected on|off" : NULL;
}

static const char *cmd_align(pd_doc *d, const char *args)
{
	int k = keyword(args, halign_kw);

	if (k < 0)
		return "align: expected left|center|right";
	d->align = k;
	return NULL;
}

static const char *cmd_margins(pd_doc *d, const char *args)
{
	double v[4];

	if (nums(args, 4, v) || v[0] + v[1] >= PD_W || v[2] + v[3] >= PD_H)
		return "margins: expected L R T B";
	d->ml = v[0];
	d->mr = v[1];
	d->mt = v[2];
	d->mb = v[3];
	return NULL;
}

static const char *cmd_indent(pd_doc *d, const char *args)
{
	double v[3];

	if (nums(args, 3, v) == 0) {
		d->ind_c = v[2];
	} else if (nums(args, 2, v) == 0) {
		d->ind_c = v[1];
	} else {
		return "indent: expected A B [C]";
	}
	d->ind_a = v[0];
	d->ind_b = v[1];
	return NULL;
}

static const char *cmd_columns(pd_doc *d, const char *args)
{
	double v[PD_MAX_COLS];
	int n;

	for (n = PD_MAX_COLS; n > 0; n--)
		if (nums(args, n, v) == 0)
			break;
	if (n == 0 || d->in_row)
		return "columns: expected 1 to 8 widths, outside a row";
	memcpy(d->cols, v, sizeof v);
	d->ncols = n;
	return NULL;
}

static const char *cmd_page(pd_doc *d, const char *args)
{
	(void)args;
	if (d->in_row)
		return "page inside a row";
	if (d->page_used)
		finish_page(d);
	return NULL;
}

static const char *running(pd_doc *d, int which, const char *args)
{
	char *t = strcmp(args, "off") ? unescape_text(args) : NULL;

	if (strcmp(args, "off") && !t)
		return "bad escape in running text";
	g_free(d->run_text[which]);
	d->run_text[which] = t;
	d->run_st[which] = d->st;
	return NULL;
}

static const char *cmd_header(pd_doc *d, const char *args)
{
	return running(d, 0, args);
}

static const char *cmd_footer(pd_doc *d, const char *args)
{
	return running(d, 1, args);
}

static const char *flow_cmd(pd_doc *d, const char *args, gboolean bulleted)
{
	char *t = unescape_text(args);
	int rc = t ? flow_text(d, t, bulleted) : -1;

	g_free(t);
	if (!t)
		return "bad escape in text";
	return rc ? "paragraph too long" : NULL;
}

/* One line: LEFT at the left of the flow box, RIGHT set flush right on
 * the same baseline (a minutes line: "§ 103" and its diary number). */
static const char *cmd_spread(pd_doc *d, const char *args)
{
	const char *bar = strstr(args, " | ");
	char *left, *right;
	double x0, x1;
	int align;

	if (!bar)
		return "spread: expected LEFT | RIGHT";
	left = g_strndup(args, bar - args);
	char *l = unescape_text(left);
	right = unescape_text(bar + 3);
	g_free(left);
	if (!l || !right) {
		g_free(l);
		g_free(right);
		return "bad escape in text";
	}
	flow_box(d, &x0, &x1, &align);
	double base = place_line(d, l, x0, x1, AL_LEFT);
	double w = rich_text(d, &d->st, right, 0, 0, FALSE);
	emit(d, op_new(OP_TEXT, &d->st, x1 - w, base, right));
	g_free(l);
	g_free(right);
	return NULL;
}

static const char *cmd_para(pd_doc *d, const char *args)
{
	return flow_cmd(d, args, FALSE);
}

static const char *cmd_item(pd_doc *d, const char *args)
{
	return flow_cmd(d, args, TRUE);
}

static const char *cmd_text(pd_doc *d, const char *args)
{
	char **tok = g_strsplit(args, " ", 3);
	double x, y;
	char *t = NULL;

	if (!d->in_row && tok[0] && tok[1] && tok[2]
	    && !skr_parse_double(tok[0], strlen(tok[0]), &x)
	    && !skr_parse_double(tok[1], strlen(tok[1]), &y))
		t = unescape_text(tok[2]);
	g_strfreev(tok);
	if (!t)
		return "text: expected X Y TEXT, outside a row";
	emit(d, op_new(OP_TEXT, &d->st, x, y, t));
	g_free(t);
	return NULL;
}

static const char *shape(pd_doc *d, const char *args, int kind)
{
	double v[4];

	if (d->in_row || nums(args, 4, v))
		return "expected 4 numbers, outside a row";
	pd_op *op = op_new(kind, &d->st, v[0], v[1], NULL);
	op->w = kind == OP_RECT ? v[2] : v[2] - v[0];
	op->h = kind == OP_RECT ? v[3] : v[3] - v[1];
	emit(d, op);
	return NULL;
}

static const char *cmd_rect(pd_doc *d, const char *args)
{
	return shape(d, args, OP_RECT);
}

static const char *cmd_line(pd_doc *d, const char *args)
{
	return shape(d, args, OP_LINE);
}

static const char *cmd_row(pd_doc *d, const char *args)
{
	(void)args;
	if (d->in_row || d->ncols == 0)
		return "row: inside a row, or no columns";
	row_begin(d);
	return NULL;
}

static const char *cmd_endrow(pd_doc *d, const char *args)
{
	(void)args;
	if (!d->in_row)
		return "endrow without row";
	return row_end(d) ? "row taller than a page" : NULL;
}

static const struct {
	const char *name;
	const char *(*fn)(pd_doc *d, const char *args);
} commands[] = {
	{ "font", cmd_font }, { "size", cmd_size }, { "bold", cmd_bold },
	{ "leading", cmd_leading }, { "align", cmd_align },
	{ "margins", cmd_margins }, { "page", cmd_page },
	{ "pagenum", cmd_pagenum }, { "header", cmd_header },
	{ "footer", cmd_footer }, { "cursor", cmd_cursor }, { "gap", cmd_gap },
	{ "need", cmd_need },
	{ "para", cmd_para }, { "bullet", cmd_bullet },
	{ "spread", cmd_spread },
	{ "indent", cmd_indent }, { "item", cmd_item }, { "text", cmd_text },
	{ "rect", cmd_rect }, { "line", cmd_line },
	{ "columns", cmd_columns }, { "border", cmd_border },
	{ "rules", cmd_rules },
	{ "padding", cmd_padding }, { "row", cmd_row }, { "cell", cmd_cell },
	{ "endrow", cmd_endrow },
};

/* Runs one spec line (without its newline); returns NULL or the reason. */
static const char *run_line(pd_doc *d, const char *line)
{
	const char *sp = strchr(line, ' ');
	size_t n = sp ? (size_t)(sp - line) : strlen(line);

	if (!*line || *line == '#')
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strlen(commands[i].name) == n
		    && !strncmp(commands[i].name, line, n))
			return commands[i].fn(d, sp ? sp + 1 : "");
	return "unknown command";
}

static void doc_init(pd_doc *d, cairo_surface_t *surf)
{
	memset(d, 0, sizeof *d);
	d->surf = surf;
	d->cr = cairo_create(surf);
	cairo_set_line_width(d->cr, 0.75);
	d->rule_w = 0.75;
	d->ml = d->mr = d->mt = d->mb = 70;
	d->y = d->mt;
	d->st.family = g_intern_string("DejaVu Sans");
	d->st.size = 11;
	d->leading = 1.2;
	d->page_label = 1;
	d->ind_b = 18;
	d->ind_c = 18;
	d->border = TRUE;
	d->pad = 5;
	d->bullet_actual = g_strdup("\u2022");
	d->bullet_drawn = g_strdup("\u2022");
}

static void doc_clear(pd_doc *d)
{
	if (d->in_row)
		for (int i = 0; i < d->ncells; i++)
			g_ptr_array_free(d->cells[i].ops, TRUE);
	g_free(d->run_text[0]);
	g_free(d->run_text[1]);
	g_free(d->bullet_actual);
	g_free(d->bullet_drawn);
	cairo_destroy(d->cr);
}

/* Runs every line of BUF; returns 0 or prints and returns SKR_EX_USAGE. */
static int run_spec(pd_doc *d, const char *spec, char *buf)
{
	char **lines = g_strsplit(buf, "\n", -1);
	const char *why = NULL;
	int k;

	for (k = 0; lines[k] && !why; k++) {
		g_strchomp(lines[k]);
		why = run_line(d, lines[k]);
	}
	if (!why && d->in_row)
		why = "row not ended at end of file";
	g_strfreev(lines);
	if (why)
		return skr_error(SKR_EX_USAGE, "cannot render '%s': line %d: %s",
				 spec, k, why);
	if (d->page_used || d->page_label == 1)
		finish_page(d);
	return 0;
}

/* Frees cairo's and fontconfig's caches, so leak checkers see only our
 * leaks.  FcFini is looked up at run time: the tests do not link
 * fontconfig themselves, cairo does. */
static void release_font_caches(void)
{
	void (*fc_fini)(void);

	cairo_debug_reset_static_data();
	*(void **)&fc_fini = dlsym(RTLD_DEFAULT, "FcFini");
	if (fc_fini)
		fc_fini();
}

int pdfdraw_render(const char *spec_path, const char *pdf_out)
{
	char *buf = NULL;
	size_t len;
	pd_doc d;
	int rc = skr_read_file(spec_path, PD_MAX_SPEC, &buf, &len);

	if (rc)
		return rc;
	if (!g_utf8_validate(buf, len, NULL)) {
		g_free(buf);
		return skr_error(SKR_EX_USAGE, "cannot render '%s': not UTF-8",
				 spec_path);
	}
	cairo_surface_t *surf = cairo_pdf_surface_create(pdf_out, PD_W, PD_H);
	doc_init(&d, surf);
	rc = run_spec(&d, spec_path, buf);
	doc_clear(&d);
	cairo_surface_finish(surf);
	if (!rc && cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", pdf_out,
			       cairo_status_to_string(cairo_surface_status(surf)));
	cairo_surface_destroy(surf);
	release_font_caches();
	g_free(buf);
	return rc;
}
