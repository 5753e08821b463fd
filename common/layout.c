/* layout.c - the layout text format: model, writer and reader (layout.h).
 * Not layout analysis: extract/ builds the model from a PDF. */
#include <skrapa/layout.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/textio.h>

#include <string.h>

static const char flag_letters[] = "BHFNLCYASO";
static const char page_flag_letters[] = "TUO";

static void line_free(skr_line *ln)
{
	g_free(ln->text);
	g_free(ln->wconf);
	g_free(ln);
}

skr_layout *skr_layout_new(void)
{
	skr_layout *l = g_new0(skr_layout, 1);
	l->pages = g_array_new(FALSE, TRUE, sizeof(skr_page));
	l->lines = g_ptr_array_new_with_free_func((GDestroyNotify)line_free);
	l->units = g_array_new(FALSE, TRUE, sizeof(skr_unit));
	l->tables = g_array_new(FALSE, TRUE, sizeof(skr_table));
	l->cells = g_array_new(FALSE, TRUE, sizeof(skr_cell));
	l->version = 2;
	return l;
}

void skr_layout_free(skr_layout *l)
{
	if (!l)
		return;
	g_ptr_array_free(l->lines, TRUE);     /* and each line */
	for (guint i = 0; i < l->units->len; i++)
		g_free(g_array_index(l->units, skr_unit, i).number);
	g_array_free(l->units, TRUE);
	g_array_free(l->tables, TRUE);
	g_array_free(l->cells, TRUE);
	g_array_free(l->pages, TRUE);
	g_free(l->source);
	g_free(l->sha256);
	g_free(l);
}

skr_line *skr_layout_add_line(skr_layout *l, char *text)
{
	skr_line *ln = g_new0(skr_line, 1);
	ln->text = text;
	g_ptr_array_add(l->lines, ln);
	return ln;
}

double skr_line_conf(const skr_line *ln)
{
	double sum = 0;

	if (!ln->nwconf)
		return -1;
	for (guint i = 0; i < ln->nwconf; i++)
		sum += ln->wconf[i];
	return sum / ln->nwconf;
}

skr_unit *skr_layout_add_unit(skr_layout *l, skr_unit_kind kind, guint first,
			      guint count, int level, char *number)
{
	skr_unit u = { kind, first, count, level, -1, number };
	g_array_append_val(l->units, u);
	return &g_array_index(l->units, skr_unit, l->units->len - 1);
}

static char *flags_str(const char *letters, unsigned flags, char *buf)
{
	char *p = buf;
	for (int i = 0; letters[i]; i++)
		if (flags & (1u << i))
			*p++ = letters[i];
	if (p == buf)
		*p++ = '-';
	*p = '\0';
	return buf;
}

char *skr_line_flags_str(unsigned flags, char *buf)
{
	return flags_str(flag_letters, flags, buf);
}

void skr_line_append_tail(GString *s, const skr_line *ln)
{
	char flags[16];

	g_string_append_printf(s, "%s\t", skr_line_flags_str(ln->flags, flags));
	if (ln->bullet || ln->bullet_lost)
		g_string_append_printf(s, "U+%04X\t", ln->bullet);
	else
		g_string_append(s, "-\t");
	skr_escape_append(s, ln->text);
	g_string_append_c(s, '\n');
}

static void write_line(GString *s, const skr_line *ln)
{
	g_string_append_printf(s, "line\t%d\t%d\t", ln->page, ln->block);
	skr_append_box(s, ln->x0, ln->y0, ln->x1, ln->y1, '\t');
	g_string_append_printf(s, "\t%.1f\t", ln->size);
	skr_line_append_tail(s, ln);
	if (!(ln->flags & SKR_LINE_OCR) || !ln->nwconf)
		return;
	g_string_append(s, "conf\t");
	for (guint i = 0; i < ln->nwconf; i++)
		g_string_append_printf(s, i ? ",%u" : "%u", ln->wconf[i]);
	g_string_append_c(s, '\n');
}

static void write_unit(GString *s, const skr_unit *u)
{
	guint first = u->first + 1;

	switch (u->kind) {
	case SKR_UNIT_HEAD:
		g_string_append_printf(s, "head\t%u\t%u\t%d\t%s\n", first,
				       u->count, u->level,
				       u->number ? u->number : "-");
		break;
	case SKR_UNIT_PARA:
		g_string_append_printf(s, "para\t%u\t%u\n", first, u->count);
		break;
	case SKR_UNIT_ITEM:
		g_string_append_printf(s, "item\t%u\t%u\t%d\n", first,
				       u->count, u->level);
		break;
	case SKR_UNIT_NOTE:
		g_string_append_printf(s, "note\t%u\t%u\t%d\t%d\n", first,
				       u->count, u->level, u->ref + 1);
		break;
	}
}

/* Each table record followed by its cells (cells are kept grouped by
 * table in the model). */
static void write_tables(GString *s, const skr_layout *l)
{
	guint c = 0;
	for (guint t = 0; t < l->tables->len; t++) {
		const skr_table *tb = &g_array_index(l->tables, skr_table, t);
		g_string_append_printf(s, "table\t%u\t%d\t%d\t%d\n", t + 1,
				       tb->page, tb->rows, tb->cols);
		for (; c < l->cells->len; c++) {
			const skr_cell *ce = &g_array_index(l->cells, skr_cell,
							    c);
			if (ce->table != (int)t + 1)
				break;
			g_string_append_printf(s, "cell\t%d\t%d\t%d\t%u\t%u\n",
					       ce->table, ce->row, ce->col,
					       ce->first + 1, ce->count);
		}
	}
}

int skr_layout_write(const skr_layout *l, FILE *f)
{
	GString *s = g_string_sized_new(1 << 16);
	char flags[16];

	g_string_append_printf(s, "%s\ndoc\t%d\t%s\t", SKR_LAYOUT_MAGIC,
			       l->npages, l->sha256 ? l->sha256 : "-");
	skr_escape_append(s, l->source ? l->source : "-");
	g_string_append(s, "\nbody\t");
	g_string_append_printf(s, "%.1f\t%.1f\n", l->body_size, l->body_pitch);
	guint li = 0;
	for (guint p = 0; p < l->pages->len; p++) {
		const skr_page *pg = &g_array_index(l->pages, skr_page, p);
		g_string_append_printf(s, "page\t%d\t", pg->number);
		skr_append_fixed2(s, pg->width);
		g_string_append_c(s, '\t');
		skr_append_fixed2(s, pg->height);
		g_string_append_printf(s, "\t%s", flags_str(page_flag_letters,
						      pg->flags, flags));
		if (pg->rotate)
			g_string_append_printf(s, "\trotate=%d", pg->rotate);
		g_string_append_c(s, '\n');
		for (; li < l->lines->len; li++) {
			const skr_line *ln = l->lines->pdata[li];
			if (ln->page != pg->number)
				break;
			write_line(s, ln);
		}
		if (s->len > (1 << 20)) {
			fwrite(s->str, 1, s->len, f);
			g_string_truncate(s, 0);
		}
	}
	for (; li < l->lines->len; li++)       /* lines of no listed page */
		write_line(s, l->lines->pdata[li]);
	for (guint i = 0; i < l->units->len; i++)
		write_unit(s, &g_array_index(l->units, skr_unit, i));
	write_tables(s, l);
	g_string_append_printf(s, "end\t%u\n", l->lines->len);
	fwrite(s->str, 1, s->len, f);
	g_string_free(s, TRUE);
	return ferror(f) ? SKR_EX_IO : 0;
}

/* ---- reader ---- */

struct reader {
	skr_stage_in in;                /* first: handlers get &in */
	size_t max_lines;
	skr_layout *l;
	int seen_doc, seen_body;
	guint covered;                  /* lines before this are in a unit */
};

static int bad(struct reader *r, const char *why)
{
	return skr_stage_bad(&r->in, why);
}

/* Letters of LETTERS, or "-". */
static int parse_flags(const char *letters, const char *s, size_t n,
		       unsigned *out)
{
	*out = 0;
	if (n == 1 && s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = s[i] ? strchr(letters, s[i]) : NULL;
		if (!p)
			return -1;
		*out |= 1u << (p - letters);
	}
	return n ? 0 : -1;
}

int skr_line_flags_parse(const char *s, size_t len, unsigned *out)
{
	return parse_flags(flag_letters, s, len, out);
}

/* The optional "rotate=D" field of a page record. */
static int parse_page_extra(const char *s, size_t n, skr_page *pg)
{
	long d;

	if (n < 8 || memcmp(s, "rotate=", 7) != 0 ||
	    skr_parse_int(s + 7, n - 7, 90, 270, &d) || d % 90)
		return -1;
	pg->rotate = d;
	return 0;
}

static int parse_bullet(const char *s, size_t n, skr_line *ln)
{
	long v;

	if (n == 1 && s[0] == '-')
		return 0;
	if (n < 6 || n > 8 || s[0] != 'U' || s[1] != '+')
		return -1;
	if (skr_parse_int_base(s + 2, n - 2, 16, 0, 0x10FFFF, &v))
		return -1;
	ln->bullet = v;
	ln->bullet_lost = v == 0;
	return 0;
}

static int read_doc(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	long pages;

	if (nf != 4 || r->seen_doc)
		return bad(r, "bad 'doc' record");
	if (skr_parse_int(f[1], n[1], 0, 1000000, &pages))
		return bad(r, "bad page count");
	r->l->npages = pages;
	if (!(n[2] == 1 && f[2][0] == '-'))
		r->l->sha256 = g_strndup(f[2], n[2]);
	if (!(r->l->source = skr_unescape(f[3], n[3])))
		return bad(r, "source is not UTF-8");
	r->seen_doc = 1;
	return 0;
}

static int read_page(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	skr_page pg = {0};
	long num;

	if (nf < 5 || nf > 6 || !r->seen_doc)
		return bad(r, "bad 'page' record");
	if (skr_parse_int(f[1], n[1], 1, r->l->npages, &num) ||
	    num != (long)r->l->pages->len + 1)
		return bad(r, "page number out of order");
	pg.number = num;
	if (skr_parse_double(f[2], n[2], &pg.width) ||
	    skr_parse_double(f[3], n[3], &pg.height))
		return bad(r, "bad page size");
	if (parse_flags(page_flag_letters, f[4], n[4], &pg.flags))
		return bad(r, "bad page flags");
	if (nf == 6 && parse_page_extra(f[5], n[5], &pg))
		return bad(r, "bad page field (rotate=90, 180 or 270)");
	g_array_append_val(r->l->pages, pg);
	return 0;
}

static int read_line(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	skr_line tmp = {0};
	long page, block;
	char *text;

	if (nf != 11 || !r->seen_doc)
		return bad(r, "bad 'line' record");
	if (r->l->lines->len >= r->max_lines)
		return bad(r, "too many lines");
	if (skr_parse_int(f[1], n[1], 1, r->l->pages->len, &page) ||
	    skr_parse_int(f[2], n[2], 0, G_MAXINT, &block))
		return bad(r, "bad page or block number");
	if (skr_parse_double(f[3], n[3], &tmp.x0) ||
	    skr_parse_double(f[4], n[4], &tmp.y0) ||
	    skr_parse_double(f[5], n[5], &tmp.x1) ||
	    skr_parse_double(f[6], n[6], &tmp.y1) ||
	    skr_parse_double(f[7], n[7], &tmp.size))
		return bad(r, "bad number");
	if (skr_line_flags_parse(f[8], n[8], &tmp.flags))
		return bad(r, "bad flags");
	if (parse_bullet(f[9], n[9], &tmp))
		return bad(r, "bad bullet");
	if (!(text = skr_unescape(f[10], n[10])))
		return bad(r, "text is not UTF-8");
	tmp.page = page;
	tmp.block = block;
	tmp.text = text;
	in->last = skr_layout_add_line(r->l, NULL);
	*(skr_line *)in->last = tmp;
	return 0;
}

/* "conf W1,W2,...": the word confidences of the OCR line just read. */
static int read_conf(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	skr_line *ln = in->prev;
	gchar **v, *list;
	guint k = 0;

	if (nf != 2 || !ln || !(ln->flags & SKR_LINE_OCR) || !n[1])
		return bad(r, "bad 'conf' record (not after an 'O' line?)");
	list = g_strndup(f[1], n[1]);
	v = g_strsplit(list, ",", -1);
	g_free(list);
	ln->nwconf = g_strv_length(v);
	ln->wconf = g_new(guint8, ln->nwconf);
	for (; v[k]; k++) {
		long c;
		if (skr_parse_int(v[k], strlen(v[k]), 0, 100, &c))
			break;
		ln->wconf[k] = c;
	}
	g_strfreev(v);
	return k == ln->nwconf ? 0 : bad(r, "bad word confidence");
}

static int read_body(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	if (nf != 3 || !r->seen_doc || r->seen_body || r->l->pages->len ||
	    r->l->version < 2)
		return bad(r, "bad 'body' record");
	if (skr_parse_double(f[1], n[1], &r->l->body_size) ||
	    skr_parse_double(f[2], n[2], &r->l->body_pitch) ||
	    r->l->body_size < 0 || r->l->body_pitch < 0)
		return bad(r, "bad body size or pitch");
	r->seen_body = 1;
	return 0;
}

/* head FIRST COUNT LEVEL NUMBER, para FIRST COUNT, item FIRST COUNT DEPTH,
 * note FIRST COUNT MARK REF. */
static int read_unit(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	skr_unit_kind kind = f[0][0];   /* the tag's initial, layout.h */
	static const int fields[128] = { ['h'] = 5, ['p'] = 3, ['i'] = 4,
					 ['n'] = 5 };
	guint nl = r->l->lines->len;
	long first, count, level = 0, ref = 0;

	if (r->l->version < 2 || nf != fields[kind] || r->l->tables->len)
		return bad(r, "bad structure record");
	if (skr_parse_int(f[1], n[1], 1, nl ? nl : 1, &first) ||
	    skr_parse_int(f[2], n[2], 1, nl - first + 1, &count) || !nl)
		return bad(r, "structure lines out of range");
	if ((guint)first - 1 < r->covered)
		return bad(r, "structure records overlap or are out of order");
	if (nf > 3 && skr_parse_int(f[3], n[3], kind == SKR_UNIT_NOTE ? 0 : 1,
				    kind == SKR_UNIT_NOTE ? 999999 : 9, &level))
		return bad(r, "bad level, depth or mark");
	if (kind == SKR_UNIT_NOTE && skr_parse_int(f[4], n[4], 0, nl, &ref))
		return bad(r, "bad note reference");
	char *num = kind == SKR_UNIT_HEAD && !(n[4] == 1 && f[4][0] == '-')
		    ? skr_unescape(f[4], n[4]) : NULL;
	if (kind == SKR_UNIT_HEAD && !num && !(n[4] == 1 && f[4][0] == '-'))
		return bad(r, "heading number is not UTF-8");
	skr_layout_add_unit(r->l, kind, first - 1, count, level, num)->ref =
		ref - 1;
	r->covered = first - 1 + count;
	return 0;
}

static int read_table(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	skr_table t;
	long id, page, rows, cols;

	if (r->l->version < 2 || nf != 5)
		return bad(r, "bad 'table' record");
	if (skr_parse_int(f[1], n[1], 1, G_MAXINT, &id) ||
	    id != (long)r->l->tables->len + 1)
		return bad(r, "table number out of order");
	if (skr_parse_int(f[2], n[2], 1, r->l->pages->len ? r->l->pages->len
			  : 1, &page) ||
	    skr_parse_int(f[3], n[3], 1, 100000, &rows) ||
	    skr_parse_int(f[4], n[4], 1, 64, &cols))
		return bad(r, "bad table page, rows or columns");
	t = (skr_table){ page, rows, cols };
	g_array_append_val(r->l->tables, t);
	return 0;
}

static int read_cell(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *r = (struct reader *)in;
	guint nl = r->l->lines->len, nt = r->l->tables->len;
	long row, col, first, count;
	const skr_table *t;

	if (r->l->version < 2 || nf != 6 || !nt)
		return bad(r, "bad 'cell' record");
	t = &g_array_index(r->l->tables, skr_table, nt - 1);
	if (skr_parse_int(f[1], n[1], nt, nt, &row))
		return bad(r, "cell of another table than the one above");
	if (skr_parse_int(f[2], n[2], 1, t->rows, &row) ||
	    skr_parse_int(f[3], n[3], 1, t->cols, &col))
		return bad(r, "cell outside its table");
	if (!nl || skr_parse_int(f[4], n[4], 1, nl, &first) ||
	    skr_parse_int(f[5], n[5], 1, nl - first + 1, &count))
		return bad(r, "structure lines out of range");
	skr_cell c = { nt, row, col, first - 1, count };
	g_array_append_val(r->l->cells, c);
	return 0;
}

static const skr_stage_kind kinds[] = {
	{ "conf", read_conf }, { "line", read_line }, { "page", read_page },
	{ "doc", read_doc }, { "body", read_body }, { "table", read_table },
	{ "cell", read_cell }, { "head", read_unit }, { "para", read_unit },
	{ "item", read_unit }, { "note", read_unit }, { NULL, NULL }
};

/* The version the first line of BUF names: 1, 2 (also for a line that is
 * no layout version at all: the reader says why), or 0 for a
 * "skrapa-layout N" this program does not know. */
static int layout_version(const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	size_t first = nl ? (size_t)(nl - buf) : len;

	if (first && buf[first - 1] == '\r')
		first--;                /* CRLF: skr_stage_read says so */
	if (first == strlen(SKR_LAYOUT_MAGIC_V1) &&
	    !memcmp(buf, SKR_LAYOUT_MAGIC_V1, first))
		return 1;
	if (first > 14 && !memcmp(buf, "skrapa-layout ", 14) &&
	    !(first == strlen(SKR_LAYOUT_MAGIC) &&
	      !memcmp(buf, SKR_LAYOUT_MAGIC, first)))
		return 0;
	return 2;
}

int skr_layout_read(skr_layout **out, const char *buf, size_t len,
		    const char *name, size_t max_lines)
{
	struct reader r = { .in = { .name = name, .exit_code =
				    SKR_EX_BAD_LAYOUT, .magic = SKR_LAYOUT_MAGIC,
				    .kinds = kinds, .counted = "line" },
			    .max_lines = max_lines };
	int rc;

	*out = NULL;
	r.l = skr_layout_new();
	r.in.count = &r.l->lines->len;
	r.l->version = layout_version(buf, len);
	if (r.l->version == 0) {
		r.in.lineno = 1;
		rc = bad(&r, "not 'skrapa-layout 2' (or 1): a layout format "
			 "this program does not know; re-run skrapa-extract");
	} else {
		if (r.l->version == 1)
			r.in.magic = SKR_LAYOUT_MAGIC_V1;
		rc = skr_stage_read(&r.in, buf, len);
	}
	if (!rc && r.l->pages->len != (guint)r.l->npages)
		rc = bad(&r, "page records do not match the page count");
	if (rc) {
		skr_layout_free(r.l);
		return rc;
	}
	*out = r.l;
	return 0;
}
