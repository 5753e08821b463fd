/* test_ocrseg.c - how a scanned page is cut before Tesseract reads it
 * (extract/ocrregions.c): the columns of a ruled table read one by one, so
 * no OCR line runs from one cell into the next.  Pages are rasterized at
 * test time (pdftoppm -gray, img2pdf; no scan is stored), or drawn first
 * (tests/pdfdraw.c).  Not the fields of a whole document: test_ocr.c. */
#include "pdfdraw.h"
#include "testutil.h"

#include <skrapa/layout.h>

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#define LINDESBERG "corpus/lindesberg-2021-kommunkompass.pdf"

/* Scans pages FIRST..LAST of PDF at DPI into an image-only PDF in DIR,
 * reads it with skrapa-extract and returns its layout (caller frees). */
static skr_layout *scan_read(const char *pdf, int first, int last, int dpi,
			     const char *dir)
{
	char *scan = g_build_filename(dir, "scan.pdf", NULL);
	char *out = g_build_filename(dir, "scan.layout", NULL);
	char *err = NULL, *text;
	skr_layout *lay = NULL;

	cr_assert_eq(tu_scan_pdf(pdf, dir, scan, dpi, first, last, NULL, NULL),
		     0, "cannot scan '%s' pages %d-%d", pdf, first, last);
	const char *ea[] = { "--timeout", "0", "-o", out, scan, NULL };
	cr_assert_eq(tu_run_prog("skrapa-extract", ea, NULL, &err), 0,
		     "extract: %s", err);
	text = tu_slurp(out, NULL);
	cr_assert_eq(skr_layout_read(&lay, text, strlen(text), out, 100000), 0);
	g_free(text);
	g_free(err);
	g_free(out);
	g_free(scan);
	return lay;
}

/* SPEC drawn (tests/pdfdraw.c) into DIR, its PAGES pages scanned at 300
 * dpi and read: the layout (caller frees). */
static skr_layout *draw_scan_read(const GString *spec, int pages,
				  const char *dir)
{
	char *path = g_build_filename(dir, "page.spec", NULL);
	char *pdf = g_build_filename(dir, "page.pdf", NULL);
	skr_layout *lay;

	cr_assert(g_file_set_contents(path, spec->str, -1, NULL));
	cr_assert_eq(pdfdraw_render(path, pdf), 0);
	lay = scan_read(pdf, 1, pages, 300, dir);
	g_free(pdf);
	g_free(path);
	return lay;
}

/* The line of LAY whose text is TEXT; fails the test when there is none. */
static const skr_line *line_of(const skr_layout *lay, const char *text)
{
	for (guint i = 0; i < lay->lines->len; i++) {
		const skr_line *ln = lay->lines->pdata[i];
		if (!strcmp(ln->text, text))
			return ln;
	}
	cr_assert_fail("no line '%s'", text);
	return NULL;
}

/* Lines of LAY below Y (points) that run across X: from a cell on its left
 * into the next on its right. */
static int lines_across(const skr_layout *lay, double y, double x)
{
	int n = 0;

	for (guint i = 0; i < lay->lines->len; i++) {
		const skr_line *ln = lay->lines->pdata[i];
		n += ln->y0 > y && ln->x0 < x - 8 && ln->x1 > x + 8;
	}
	return n;
}

/* Lindesberg's page 21: a "Styrkor | Förbättringsmöjligheter" table
 * under a paragraph, its cells split by a thin grey rule and set at
 * different pitches.  Read whole, Tesseract ran text lines across the rule
 * ("Modell för uppsiktsplikt Sy ihop ?"), whose one baseline put the right
 * cell's words 2-8 pt off: two items of the left column became one block,
 * a last line ("Sy ihop ?") fell out of its item, and a "?" stood so high
 * it was taken for a footnote reference.  Such a table's columns are read
 * again one by one, and each line is where it is on the text layer. */
Test(ocrseg, ruled_table_columns, .timeout = 300)
{
	char *dir = tu_tmpdir();
	skr_layout *lay = scan_read(LINDESBERG, 21, 21, 300, dir);

	cr_expect_eq(lines_across(lay, 350, 301.5), 0,
		     "no line runs across the table's rule");
	cr_expect_neq(line_of(lay, "Tillitsbaserad styrning")->block,
		      line_of(lay, "Tillsammans som förhållningssätt")->block,
		      "two items of a cell are two blocks");
	cr_expect_eq(line_of(lay, "Sy ihop ?")->block,
		     line_of(lay, "vision. \u201dVi jobbar med egna "
			     "visioner\u201d-")->block,
		     "an item's last line stays in its block");
	line_of(lay, "det någon roll om jag håller budget\u201d?");
	/* the paragraph above the table, read with the page */
	line_of(lay, "verksamhetsstyrning fortfarande delvis upplevs som "
		"parallella processer.");
	skr_layout_free(lay);
	tu_rmtree(dir);
	g_free(dir);
}

/* The line of LAY on page PAGE whose text is TEXT, or NULL. */
static const skr_line *line_on(const skr_layout *lay, int page,
			       const char *text)
{
	for (guint i = 0; i < lay->lines->len; i++) {
		const skr_line *ln = lay->lines->pdata[i];
		if (ln->page == page && !strcmp(ln->text, text))
			return ln;
	}
	return NULL;
}

/* A paragraph, a three-column table whose rules run its height, and a
 * paragraph under it, drawn with the rules of RULES ("W GREY"). */
static void draw_table_page(GString *spec, const char *rules)
{
	g_string_append_printf(spec,
		"page\npara Kommunens styrning och ledning följs upp varje år.\n"
		"gap 14\nrules %s\ncolumns 145 145 145\npadding 5\n"
		"row\ncell\npara Område\ncell\npara Styrkor\ncell\n"
		"para Förbättringar\nendrow\n"
		"row\ncell\npara Styrning och kontroll\ncell\n"
		"para Tydlig modell\ngap 6\npara Resultatdialoger\ncell\n"
		"para Gemensam värdegrund\nendrow\n"
		"row\ncell\npara Medarbetare\ncell\npara Ledarforum\ncell\n"
		"para Nya chefer\nendrow\n"
		"gap 14\npara Analysen bygger på intervjuer med politiker.\n",
		rules);
}

/* Drawn pages, one per rule style (a thin grey rule as Lindesberg's, a
 * black one of a point): a ruled table whose cells' lines line up is
 * read with the page (read again, its columns would come out the same),
 * its cells left to right, the text above and below it whole. */
Test(ocrseg, drawn_tables, .timeout = 300)
{
	const char *rules[] = { "0.5 0.5", "1 0" };
	char *dir = tu_tmpdir();
	GString *spec = g_string_new("font DejaVu Sans\nsize 11\n"
				     "margins 80 80 90 80\n");
	skr_layout *lay;

	for (guint i = 0; i < G_N_ELEMENTS(rules); i++)
		draw_table_page(spec, rules[i]);
	lay = draw_scan_read(spec, G_N_ELEMENTS(rules), dir);
	for (int pg = 1; pg <= (int)G_N_ELEMENTS(rules); pg++) {
		const char *want[] = {
			"Kommunens styrning och ledning följs upp varje år.",
			"Analysen bygger på intervjuer med politiker.",
			"Resultatdialoger", "Nya chefer" };
		for (guint k = 0; k < G_N_ELEMENTS(want); k++)
			cr_expect_not_null(line_on(lay, pg, want[k]),
					   "page %d (rules %s): no line '%s'",
					   pg, rules[pg - 1], want[k]);
		const skr_line *a = line_on(lay, pg, "Styrning och kontroll");
		const skr_line *b = line_on(lay, pg, "Tydlig modell");
		const skr_line *c = line_on(lay, pg, "Gemensam värdegrund");
		cr_expect(a && b && c && a->x1 < b->x0 && b->x1 < c->x0,
			  "page %d (rules %s): three cells, left to right",
			  pg, rules[pg - 1]);
	}
	skr_layout_free(lay);
	g_string_free(spec, TRUE);
	tu_rmtree(dir);
	g_free(dir);
}

/* A rule beside a paragraph (a change bar), ending in the middle of it,
 * makes no table column (a column is ruled on both sides): the paragraph
 * is read with the page, no line of it cut in two. */
Test(ocrseg, rule_beside_paragraph, .timeout = 300)
{
	const char *text[] = {
		"Kommunstyrelsen har under året arbetat med styrningen",
		"av verksamheterna och med den interna kontrollen.",
		"Uppföljningen sker två gånger per år i nämnderna och",
		"rapporteras till kommunfullmäktige i delårsrapporten.",
		"Revisorerna bedömer att arbetet i huvudsak fungerar",
		"men att rutinerna för avvikelser behöver förtydligas.",
		"Granskningen omfattar kommunstyrelsen och nämnderna." };
	char *dir = tu_tmpdir();
	GString *spec = g_string_new("font DejaVu Sans\nsize 11\n"
				     "line 80 331 80 421\n");
	skr_layout *lay;

	for (guint i = 0; i < G_N_ELEMENTS(text); i++)
		g_string_append_printf(spec, "text 95 %u %s\n", 300 + 16 * i,
				       text[i]);
	lay = draw_scan_read(spec, 1, dir);
	for (guint i = 0; i < G_N_ELEMENTS(text); i++)
		cr_expect_not_null(line_on(lay, 1, text[i]), "no line '%s'",
				   text[i]);
	skr_layout_free(lay);
	g_string_free(spec, TRUE);
	tu_rmtree(dir);
	g_free(dir);
}
