/* csv.c - the two CSV tables of docs/csv.md, both written from the XML
 * report so that one file and a whole archive give the same columns:
 * values (one row per value) and scores (one row per Kommunkompassen
 * area); the dialects and the neutralising of cells a spreadsheet would
 * run as formulas.  Not the XML (xml.c) nor the archive files (archive.c). */
#include <skrapa/emit.h>
#include <skrapa/vocab.h>
#include <skrapa/exitcode.h>
#include <skrapa/diag.h>
#include "emit-int.h"

#include <libxml/xpath.h>
#include <string.h>

static const char *const values_cols[] = {
	"source", "family", "revision", "municipality", "municipality_code",
	"year", "date", "area", "theme", "kind", "id", "value", "page", "bbox", NULL
};
static const char *const scores_cols[] = {
	"source", "family", "revision", "municipality", "municipality_code",
	"year", "date", "area", "theme", "theme_name", "title", "score", "table_total",
	"table_max", "checks_failed", "checks", NULL
};

static const skr_csv_opts default_opts;
static skr_csv_opts process_opts;       /* skr_csv_set_options */

void skr_csv_set_options(const skr_csv_opts *o)
{
	process_opts = o ? *o : default_opts;
}

int skr_csv_dialect_parse(const char *name, enum skr_csv_dialect *out)
{
	if (!name || strcmp(name, "rfc4180") == 0)
		*out = SKR_CSV_RFC4180;
	else if (strcmp(name, "excel-sv") == 0)
		*out = SKR_CSV_EXCEL_SV;
	else
		return -1;
	return 0;
}

int skr_csv_configure(const char *dialect, int raw)
{
	skr_csv_opts o = { .raw = raw };

	if (skr_csv_dialect_parse(dialect, &o.dialect))
		return skr_error(SKR_EX_USAGE, "unknown CSV dialect '%s'",
				 dialect);
	skr_csv_set_options(&o);
	return 0;
}

/* True when S is a plain number ("-3", "12.5"): such a cell is data, not
 * a formula, whatever its first character. */
static int is_number(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	int digits = 0, dot = 0;

	for (; *p; p++) {
		if (g_ascii_isdigit(*p))
			digits++;
		else if ((*p == '.' || *p == ',') && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0;
}

/* V made safe for a spreadsheet: control characters other than TAB, LF
 * and CR become U+FFFD; a cell that starts with = + - @ TAB or CR and is
 * not a number gets a leading apostrophe.  Caller frees. */
static char *neutralise(const char *v)
{
	GString *s = g_string_sized_new(strlen(v) + 1);
	char *valid = g_utf8_make_valid(v, -1);

	if (strchr("=+-@\t\r", valid[0]) && valid[0] && !is_number(valid))
		g_string_append_c(s, '\'');
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7F || (c >= 0x80 && c < 0xA0))
			c = 0xFFFD;
		g_string_append_unichar(s, c);
	}
	g_free(valid);
	return g_string_free(s, FALSE);
}

void skr_csv_cell(GString *s, const char *v, int last, const skr_csv_opts *o)
{
	char sep, special[5], *safe = NULL;

	if (!o)
		o = &process_opts;
	sep = o->dialect == SKR_CSV_EXCEL_SV ? ';' : ',';
	memcpy(special, (char[]){ sep, '"', '\r', '\n', '\0' }, 5);
	if (!v)
		v = "";
	if (!o->raw)
		v = safe = neutralise(v);
	if (strpbrk(v, special)) {
		g_string_append_c(s, '"');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				g_string_append_c(s, '"');
			g_string_append_c(s, *p);
		}
		g_string_append_c(s, '"');
	} else {
		g_string_append(s, v);
	}
	g_string_append_c(s, last ? '\n' : sep);
	g_free(safe);
}

void skr_csv_field(GString *s, const char *v, int last)
{
	skr_csv_cell(s, v, last, &default_opts);
}

/* A decimal number as the dialect writes it ("110.70" or "110,70"); V is
 * one number or several separated by spaces (a bbox).  Caller frees. */
static char *decimal(const char *v, const skr_csv_opts *o)
{
	char *s = g_strdup(v ? v : "");

	if (o->dialect == SKR_CSV_EXCEL_SV)
		g_strdelimit(s, ".", ',');
	return s;
}

void skr_csv_header(GString *s, enum skr_csv_table t, const skr_csv_opts *o)
{
	const char *const *cols = t == SKR_CSV_VALUES ? values_cols
						      : scores_cols;

	if (!o)
		o = &process_opts;
	if (o->dialect == SKR_CSV_EXCEL_SV)
		g_string_append(s, "\xEF\xBB\xBF");
	for (int i = 0; cols[i]; i++)
		skr_csv_cell(s, cols[i], !cols[i + 1], o);
}

/* string(EXPR) in CTX at NODE (NULL: the document), "" when empty.  Caller
 * frees. */
static char *xs(xmlXPathContext *ctx, xmlNode *node, const char *expr)
{
	xmlXPathObject *obj;
	char *v;

	ctx->node = node ? node : (xmlNode *)ctx->doc;
	obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	v = g_strdup(obj && obj->stringval ? (char *)obj->stringval : "");
	xmlXPathFreeObject(obj);
	return v;
}

/* The report's facts repeated on every row: source .. date. */
#define NFACTS 7
struct rows {
	GString *s;
	const skr_csv_opts *o;
	char *facts[NFACTS];
};

static void facts_init(struct rows *w, xmlXPathContext *ctx,
		       const char *source)
{
	static const char *const expr[NFACTS - 2] = {
		"string(/report/@source)", "string(/report/@family)",
		"string(/report/@revision)", "string(/report/municipality)",
		"string(/report/municipality/@code)",
	};

	for (int i = 0; i < NFACTS - 2; i++)
		w->facts[i] = i == 0 && source ? g_strdup(source)
					       : xs(ctx, NULL, expr[i]);
	w->facts[NFACTS - 2] = skr_report_year(ctx->doc);
	w->facts[NFACTS - 1] = skr_report_date(ctx->doc);
}

static void facts_row(struct rows *w)
{
	for (int i = 0; i < NFACTS; i++)
		skr_csv_cell(w->s, w->facts[i], 0, w->o);
}

static void facts_clear(struct rows *w)
{
	for (int i = 0; i < NFACTS; i++)
		g_free(w->facts[i]);
}

static void value_row(const emit_value *v, void *user)
{
	struct rows *w = user;
	char page[16], *bbox = decimal(v->bbox, w->o);

	g_snprintf(page, sizeof page, "%d", v->page);
	facts_row(w);
	skr_csv_cell(w->s, v->area ? v->area : "0", 0, w->o);
	skr_csv_cell(w->s, v->theme, 0, w->o);
	skr_csv_cell(w->s, v->kind, 0, w->o);
	skr_csv_cell(w->s, v->id, 0, w->o);
	skr_csv_cell(w->s, v->value, 0, w->o);
	skr_csv_cell(w->s, page, 0, w->o);
	skr_csv_cell(w->s, bbox, 1, w->o);
	g_free(bbox);
}

/* The checks column of area NUM: the distinct name:status pairs of its
 * checks that are not ok, joined by ';', or "ok"; *N gets their count. */
static char *area_checks(xmlXPathContext *ctx, const char *num, unsigned *n)
{
	char *e = g_strdup_printf("/report/checks/check[@area='%s'][@status!="
				  "'ok']", num);
	xmlXPathObject *o;
	GString *s = g_string_new(NULL);

	ctx->node = (xmlNode *)ctx->doc;
	o = xmlXPathEvalExpression(BAD_CAST e, ctx);
	*n = 0;
	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNode *c = o->nodesetval->nodeTab[i];
		xmlChar *name = xmlGetProp(c, BAD_CAST "name");
		xmlChar *stat = xmlGetProp(c, BAD_CAST "status");
		char *pair = g_strdup_printf("%s:%s", name, stat);
		char *pos = strstr(s->str, pair);
		size_t pl = strlen(pair);
		if (!(pos && (pos == s->str || pos[-1] == ';') &&
		      (pos[pl] == ';' || !pos[pl])))
			g_string_append_printf(s, "%s%s", s->len ? ";" : "",
					       pair);
		(*n)++;
		g_free(pair);
		xmlFree(name);
		xmlFree(stat);
	}
	if (!s->len)
		g_string_assign(s, "ok");
	xmlXPathFreeObject(o);
	g_free(e);
	return g_string_free(s, FALSE);
}

static void score_rows(struct rows *w, xmlXPathContext *ctx)
{
	static const char *const col[] = {
		"string(@theme)", "string(@theme-name)",
		"string((title | table/@title)[1])", "string(@score)",
		"string(table/@achieved)", "string(table/@max)",
	};
	xmlXPathObject *o;

	ctx->node = (xmlNode *)ctx->doc;
	o = xmlXPathEvalExpression(BAD_CAST "/report/area", ctx);
	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNode *area = o->nodesetval->nodeTab[i];
		char *num = xs(ctx, area, "string(@number)"), nbuf[16];
		unsigned n;
		char *checks = area_checks(ctx, num, &n);
		facts_row(w);
		skr_csv_cell(w->s, num, 0, w->o);
		for (size_t c = 0; c < G_N_ELEMENTS(col); c++) {
			char *v = xs(ctx, area, col[c]);
			skr_csv_cell(w->s, v, 0, w->o);
			g_free(v);
		}
		g_snprintf(nbuf, sizeof nbuf, "%u", n);
		skr_csv_cell(w->s, nbuf, 0, w->o);
		skr_csv_cell(w->s, checks, 1, w->o);
		g_free(checks);
		g_free(num);
	}
	xmlXPathFreeObject(o);
}

void skr_csv_rows(GString *s, xmlDoc *doc, enum skr_csv_table t,
		  const char *source, const skr_csv_opts *o)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	struct rows w = { .s = s, .o = o ? o : &process_opts };

	facts_init(&w, ctx, source);
	if (t == SKR_CSV_VALUES)
		emit_values_each(doc, value_row, &w);
	else
		score_rows(&w, ctx);
	facts_clear(&w);
	xmlXPathFreeContext(ctx);
}

static int write_table(const skr_records *r, FILE *f, const char *name,
		       enum skr_csv_table t, int header)
{
	xmlDoc *doc = emit_doc(r, name, 0);
	GString *s;

	if (!doc)
		return skr_vocab_load();
	s = g_string_new(NULL);
	if (header)
		skr_csv_header(s, t, NULL);
	skr_csv_rows(s, doc, t, NULL, NULL);
	fwrite(s->str, 1, s->len, f);
	g_string_free(s, TRUE);
	xmlFreeDoc(doc);
	return ferror(f) ? SKR_EX_IO : 0;
}

int skr_emit_csv(const skr_records *r, FILE *f, const char *name, int header)
{
	return write_table(r, f, name, SKR_CSV_VALUES, header);
}

int skr_emit_scores_csv(const skr_records *r, FILE *f, const char *name,
			int header)
{
	return write_table(r, f, name, SKR_CSV_SCORES, header);
}
