/* test_outline.c - the generic /report/outline of every document: the
 * corpus XML holds headings with levels, lists and tables, and a document
 * of no known family gets the outline (and a warning).  Not the family
 * elements (test_contract.c, test_emit.c). */
#include "pdfdraw.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

/* The number value of XPath EXPR on the XML text XML. */
static double xnum(const char *xml, const char *expr)
{
	xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), "x.xml", NULL,
				      XML_PARSE_NONET);
	cr_assert_not_null(doc, "output is not XML");
	double v = tu_xpath_num(doc, expr);
	xmlFreeDoc(doc);
	return v;
}

Test(outline, corpus_minutes_headings_and_list)
{
	char *xml = tu_slurp("corpus/alingsas-2025-kf-103-protokollsutdrag.xml",
			     NULL);
	cr_assert_not_null(xml);
	cr_expect_geq(xnum(xml, "count(/report/outline/h[@level])"), 4);
	cr_expect_eq(xnum(xml, "count(/report/outline/list[item="
			  "'Alingsåsaren i fokus']/item)"), 7);
	cr_expect_eq(xnum(xml, "count(/report/outline/h[.='Beredning'])"), 1);
	cr_expect_eq(xnum(xml, "count(/report/outline/title)"), 1);
	g_free(xml);
}

/* The two-column table of lists keeps its columns apart: a strength is in
 * column 1, an improvement in column 2, each list in one cell. */
Test(outline, corpus_kk_table_cells)
{
	char *xml = tu_slurp("corpus/alingsas-2022-kommunkompass.xml", NULL);
	cr_assert_not_null(xml);
	cr_expect_eq(xnum(xml, "count(/report/outline/grid/row/cell[@n=1]"
			  "[contains(., 'Ungdomsfullmäktige')])"), 1);
	cr_expect_eq(xnum(xml, "count(/report/outline/grid/row[cell[@n=1]"
			  "[contains(., 'Ungdomsfullmäktige')]]/cell[@n=2]"
			  "[contains(., 'Ta fram en kanalanalys')])"), 1);
	cr_expect_geq(xnum(xml, "count(/report/outline/grid)"), 16);
	g_free(xml);
}

/* A report no rule file knows: family unknown, a warning, the outline. */
Test(outline, unknown_family_gets_outline, .timeout = 30)
{
	char *dir = tu_tmpdir(), *pdf = g_build_filename(dir, "u.pdf", NULL);
	char *prog = tu_prog("skrapa"), *out = NULL, *err = NULL;
	const char *argv[] = { prog, pdf, NULL };

	cr_assert_eq(pdfdraw_render("tests/data/docs/"
				    "unknown-verksamhetsberattelse.spec", pdf),
		     0);
	cr_assert_eq(tu_run(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(err, "parsed as 'unknown'") != NULL, "%s", err);
	cr_expect_eq(xnum(out, "count(/report[@family='unknown'])"), 1);
	cr_expect_geq(xnum(out, "count(/report/outline/h[@level=1])"), 1);
	cr_expect_geq(xnum(out, "count(/report/outline/p)"), 2);
	cr_expect_eq(xnum(out, "count(/report/outline/h[@number='1'])"), 1);
	tu_rmtree(dir);
	g_free(out);
	g_free(err);
	g_free(prog);
	g_free(pdf);
	g_free(dir);
}
