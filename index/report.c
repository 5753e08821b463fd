/* report.c - reads one per-file skrapa XML report (libxml2, XPath) and
 * turns it into its index.xml entry and its rows of the archive tables.
 * Not the schema of the report (emit/skrapa.rng) nor the files' order
 * (build.c). */
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

/* The <year>, <date> and <title> of the report DOC (skr_report_*). */
static void facts_add(xmlNode *r, xmlDoc *doc)
{
	static const char *const names[] = { "year", "date", "title" };
	char *v[] = { skr_report_year(doc), skr_report_date(doc),
		      skr_report_title(doc) };

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		if (v[i])
			xmlNewTextChild(r, NULL, BAD_CAST names[i],
					BAD_CAST v[i]);
		g_free(v[i]);
	}
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
	attr_xp(r, ctx, "revision", "string(/report/@revision)");
	if ((v = child_xp(r, ctx, "municipality", "string(/report/municipality)")))
		attr_xp(r->last, ctx, "code", "string(/report/municipality/@code)");
	g_free(v);
	facts_add(r, ctx->doc);
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

int idx_report_add(const char *xml, const char *source, const char *file,
		   xmlNode *index, skr_archive *arch)
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
	skr_index_entry_extra(index->last, doc);
	skr_archive_add(arch, doc, source);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return 0;
}
