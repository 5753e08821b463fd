/* facts.c - the facts of a report that tables and the index repeat for
 * it: year, date and title, the same whatever the family keeps them in.
 * Not the values themselves (values.c) nor their columns (csv.c). */
#include <skrapa/emit.h>

#include <libxml/xpath.h>
#include <string.h>

/* string(EXPR) of DOC, or NULL when empty.  Caller frees. */
static char *xpath_string(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	char *v = NULL;

	if (o && o->type == XPATH_STRING && o->stringval && *o->stringval)
		v = g_strdup((const char *)o->stringval);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return v;
}

char *skr_report_date(xmlDoc *doc)
{
	return xpath_string(doc, "normalize-space(/report/meeting-date)");
}

/* The year of a date as printed: its first run of exactly four digits
 * that starts 19 or 20 ("2021-03-15", "15 mars 2021", "den 3/4 2019"). */
char *skr_report_year(xmlDoc *doc)
{
	char *y = xpath_string(doc, "string((/report/evaluation/@year | "
			       "/report/year)[1])");
	char *d;

	if (y)
		return y;
	d = skr_report_date(doc);
	for (const char *p = d; p && *p && !y; p++) {
		size_t n = strspn(p, "0123456789");
		if (n == 4 && (p == d || !g_ascii_isdigit(p[-1])) &&
		    (g_str_has_prefix(p, "19") || g_str_has_prefix(p, "20")))
			y = g_strndup(p, 4);
		p += n ? n - 1 : 0;
	}
	g_free(d);
	return y;
}

char *skr_report_title(xmlDoc *doc)
{
	return xpath_string(doc, "normalize-space((/report/title | "
			    "/report/paragraph/title)[1])");
}
