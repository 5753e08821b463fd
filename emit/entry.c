/* entry.c - what an index.xml entry says about a report beyond its facts:
 * a warnings count, the page of the stated total and each Kommunkompassen
 * area's score, theme and page,
 * so that index.html is made from index.xml alone.  Not the rest of the
 * entry (index/report.c) nor the page (overview.xsl). */
#include <skrapa/emit.h>

#include <libxml/xpath.h>
#include <string.h>

static void copy_attr(xmlNode *to, const char *name, xmlNode *from,
		      const char *from_name)
{
	xmlChar *v = xmlGetProp(from, BAD_CAST from_name);

	if (v)
		xmlNewProp(to, BAD_CAST name, v);
	xmlFree(v);
}

void skr_index_entry_extra(xmlNode *entry, xmlDoc *report)
{
	xmlXPathContext *ctx = xmlXPathNewContext(report);
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST
		"count(/report/checks/check[@status != 'ok']) + "
		"count(/report/field)", ctx);
	char buf[32];

	g_snprintf(buf, sizeof buf, "%.0f", o ? xmlXPathCastToNumber(o) : 0);
	xmlNewProp(entry, BAD_CAST "warnings", BAD_CAST buf);
	xmlXPathFreeObject(o);
	for (xmlNode *c = entry->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "total") == 0) {
			o = xmlXPathEvalExpression(BAD_CAST "/report/total", ctx);
			if (o && o->nodesetval && o->nodesetval->nodeNr)
				copy_attr(c, "stated-page",
					  o->nodesetval->nodeTab[0],
					  "stated-page");
			xmlXPathFreeObject(o);
		}
	o = xmlXPathEvalExpression(BAD_CAST "/report/area", ctx);
	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNode *a = o->nodesetval->nodeTab[i];
		xmlNode *n = xmlNewChild(entry, NULL, BAD_CAST "area", NULL);
		copy_attr(n, "number", a, "number");
		copy_attr(n, "theme", a, "theme");
		copy_attr(n, "score", a, "score");
		copy_attr(n, "page", a, "score-page");
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
}
