/* report.c - reads one per-file skrapa XML report (libxml2, XPath) and
 * turns it into its index.xml entry and its scores.csv rows.  Not the
 * schema of the report (emit/skrapa.rng) nor the files' order (build.c). */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/emit.h>
#include "index-int.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

/* string(EXPR) relative to NODE, or NULL when empty (caller frees). */
static char *xp_str(xmlXPathContext *ctx, xmlNode *node, const char *expr)
{
	xmlXPathObject *o;
	char *s = NULL;

	ctx->node = node;
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	if (o && o->type == XPATH_STRING && o->stringval && *o->stringval)
		s = g_strdup((const char *)o->stringval);
	xmlXPathFreeObject(o);
	return s;
}

/* Sets attribute NAME of NODE to string(EXPR) unless that is empty. */
static void attr_xp(xmlNode *node, xmlXPathContext *ctx, const char *name,
		    const char *expr)
{
	char *v = xp_str(ctx, NULL, expr);
	if (v)
		xmlNewProp(node, BAD_CAST name, BAD_CAST v);
	g_free(v);
}

/* Adds child NAME with text string(EXPR) to PARENT unless that is empty;
 * returns the value (caller frees) or NULL. */
static char *child_xp(xmlNode *parent, xmlXPathContext *ctx,
		      const char *name, const char *expr)
{
	char *v = xp_str(ctx, NULL, expr);
	if (v)
		xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST v);
	return v;
}

/* The overall status of the checks: ok, mismatch (any) or missing. */
static const char *worst(xmlXPathContext *ctx, xmlNode *at, const char *sel)
{
	char *e = g_strdup_printf("string(count(%s[@status='mismatch']) > 0)",
				  sel);
	char *m = xp_str(ctx, at, e);
	const char *r = m && strcmp(m, "true") == 0 ? "mismatch" : NULL;

	g_free(m);
	g_free(e);
	if (r)
		return r;
	e = g_strdup_printf("string(count(%s[@status='missing']) > 0)", sel);
	m = xp_str(ctx, at, e);
	r = m && strcmp(m, "true") == 0 ? "missing" : "ok";
	g_free(m);
	g_free(e);
	return r;
}

static void append_entry(xmlNode *index, xmlXPathContext *ctx,
			 const char *source, const char *file)
{
	static const char *const st[] = { "ok", "mismatch", "missing" };
	xmlNode *r = xmlNewChild(index, NULL, BAD_CAST "report", NULL), *n;
	char *v;

	xmlNewProp(r, BAD_CAST "source", BAD_CAST source);
	xmlNewProp(r, BAD_CAST "file", BAD_CAST file);
	attr_xp(r, ctx, "family", "string(/report/@family)");
	attr_xp(r, ctx, "sha256", "string(/report/@sha256)");
	attr_xp(r, ctx, "pages", "string(/report/@pages)");
	xmlNewProp(r, BAD_CAST "checks",
		   BAD_CAST worst(ctx, NULL, "/report/checks/check"));
	g_free(child_xp(r, ctx, "municipality", "string(/report/municipality)"));
	g_free(child_xp(r, ctx, "year", "string((/report/evaluation/@year | "
			"/report/year)[1])"));
	if ((v = xp_str(ctx, NULL, "string(/report/total/@sum)"))) {
		n = xmlNewChild(r, NULL, BAD_CAST "total", NULL);
		attr_xp(n, ctx, "stated", "string(/report/total/@stated)");
		xmlNewProp(n, BAD_CAST "sum", BAD_CAST v);
	}
	g_free(v);
	n = xmlNewChild(r, NULL, BAD_CAST "checks", NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(st); i++) {
		char *e = g_strdup_printf("string(count(/report/checks/check"
					  "[@status='%s']))", st[i]);
		attr_xp(n, ctx, st[i], e);
		g_free(e);
	}
}

/* The checks column of AREA: "ok", or the distinct name:status pairs of
 * its checks that are not ok, joined by ';' (caller frees). */
static char *area_checks(xmlXPathContext *ctx, const char *num)
{
	char *e = g_strdup_printf("/report/checks/check[@area='%s'][@status!="
				  "'ok']", num);
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST e, ctx);
	GString *s = g_string_new(NULL);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, NULL);

	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNode *n = o->nodesetval->nodeTab[i];
		xmlChar *name = xmlGetProp(n, BAD_CAST "name");
		xmlChar *stat = xmlGetProp(n, BAD_CAST "status");
		char *pair = g_strdup_printf("%s:%s", name, stat);
		if (g_hash_table_add(seen, g_strdup(pair)))
			g_string_append_printf(s, "%s%s", s->len ? ";" : "",
					       pair);
		g_free(pair);
		xmlFree(name);
		xmlFree(stat);
	}
	if (!s->len)
		g_string_assign(s, "ok");
	g_hash_table_destroy(seen);
	xmlXPathFreeObject(o);
	g_free(e);
	return g_string_free(s, FALSE);
}

/* One scores.csv row per /report/area. */
static void append_rows(GString *s, xmlXPathContext *ctx, const char *source)
{
	static const char *const col[] = {
		"string(title)", "string(@score)", "string(table/@achieved)",
		"string(table/@max)",
	};
	char *muni = xp_str(ctx, NULL, "string(/report/municipality)");
	char *year = xp_str(ctx, NULL, "string((/report/evaluation/@year | "
			    "/report/year)[1])");
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST "/report/area", ctx);

	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNode *area = o->nodesetval->nodeTab[i];
		char *num = xp_str(ctx, area, "string(@number)");
		char *checks = area_checks(ctx, num ? num : "");
		skr_csv_field(s, source, 0);
		skr_csv_field(s, muni, 0);
		skr_csv_field(s, year, 0);
		skr_csv_field(s, num, 0);
		for (size_t c = 0; c < G_N_ELEMENTS(col); c++) {
			char *v = xp_str(ctx, area, col[c]);
			skr_csv_field(s, v, 0);
			g_free(v);
		}
		skr_csv_field(s, checks, 1);
		g_free(checks);
		g_free(num);
	}
	xmlXPathFreeObject(o);
	g_free(year);
	g_free(muni);
}

int idx_report_add(const char *xml, const char *source, const char *file,
		   xmlNode *index, GString *scores)
{
	xmlDoc *doc = xmlReadFile(xml, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR
				  | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlXPathContext *ctx;

	if (!doc)
		return skr_error(SKR_EX_IO, "cannot read '%s': not well-formed "
				 "XML", xml);
	if (!root || strcmp((const char *)root->name, "report") != 0) {
		xmlFreeDoc(doc);
		return skr_error(SKR_EX_INVALID_XML, "cannot read '%s': not a "
				 "skrapa report", xml);
	}
	ctx = xmlXPathNewContext(doc);
	append_entry(index, ctx, source, file);
	append_rows(scores, ctx, source);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return 0;
}
