/* test_ocr.c - scanned PDFs read by OCR: corpus PDFs are rasterized at test
 * time (pdftoppm -gray, a page skewed or turned with Leptonica, img2pdf;
 * no scan is stored), converted by bin/skrapa-extract and skrapa-parse, and
 * their records compared with the .truth.json (tests/truth_check.py).
 * Also the OCR additions to the stage formats, round trip.  Not speed:
 * scripts/bench.sh and scripts/ocr-eval.sh measure OCR's cost. */
#include "testutil.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/layout.h>
#include <skrapa/records.h>

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#define MINUTES "corpus/alingsas-2025-kf-103-protokollsutdrag"
#define AUDIT "corpus/alingsas-2021-granskning-kompetensforsorjning"
#define KOMPASS "corpus/alingsas-2022-kommunkompass"
#define LINDESBERG "corpus/lindesberg-2021-kommunkompass"
#define AMAL "corpus/amal-2019-kommunkompass"

/* How to scan: page SKEW_PAGE turned SKEW degrees, page FLIP_PAGE upside
 * down (0: none). */
typedef struct {
	int dpi;
	int first, last;
	int skew_page;
	double skew;
	int flip_page;
} scan_spec;

/* Turns the image PATH (page PAGE) as the scan_spec USER asks, in place
 * (tu_scan_pdf's EACH). */
static void turn_page(const char *path, int page, void *user)
{
	const scan_spec *s = user;
	PIX *pix, *rot = NULL;

	if (page != s->skew_page && page != s->flip_page)
		return;
	pix = pixRead(path);
	cr_assert_not_null(pix, "cannot read '%s'", path);
	if (page == s->skew_page)
		rot = pixRotate(pix, (float)(s->skew * M_PI / 180.0),
				L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
	else
		rot = pixRotateOrth(pix, 2);
	cr_assert_not_null(rot);
	cr_assert_eq(pixWrite(path, rot, IFF_PNM), 0);
	pixDestroy(&rot);
	pixDestroy(&pix);
}

/* Writes an image-only PDF of pages S->first..last of PDF to OUT. */
static void scan(const char *pdf, const char *dir, const char *out,
		 const scan_spec *s)
{
	cr_assert_eq(tu_scan_pdf(pdf, dir, out, s->dpi, s->first, s->last,
				 turn_page, (void *)s), 0,
		     "cannot scan '%s' pages %d-%d", pdf, s->first, s->last);
}

/* Extracts PDF (with OPT, may be NULL) into DIR/out.layout and parses it
 * into DIR/out.records; returns the layout text (caller frees). */
static char *convert(const char *pdf, const char *dir, const char *opt)
{
	char *layout = g_build_filename(dir, "out.layout", NULL);
	char *recs = g_build_filename(dir, "out.records", NULL);
	char *err = NULL, *text;
	const char *ea[] = { "--timeout", "0", "-o", layout, pdf, opt, NULL };
	const char *pa[] = { "-o", recs, layout, NULL };

	cr_assert_eq(tu_run_prog("skrapa-extract", ea, NULL, &err), 0,
		     "extract '%s': %s", pdf, err);
	g_free(err);
	cr_assert_eq(tu_run_prog("skrapa-parse", pa, NULL, &err), 0,
		     "parse '%s': %s", pdf, err);
	g_free(err);
	text = tu_slurp(layout, NULL);
	g_free(layout);
	g_free(recs);
	return text;
}

/* Asserts that DIR/out.records has every field of TRUTH right. */
static void check_truth(const char *dir, const char *truth)
{
	char *recs = g_build_filename(dir, "out.records", NULL), *out = NULL;
	const char *argv[] = { "python3", "tests/truth_check.py", recs, truth,
			       NULL };

	cr_expect_eq(tu_run(argv, &out, NULL), 0, "%s", out ? out :
		     "truth_check did not run");
	g_free(out);
	g_free(recs);
}

/* Scans STEM.pdf as S asks, converts it and checks its truth; returns the
 * layout text (caller frees). */
static char *scan_and_check(const char *stem, const scan_spec *s)
{
	char *dir = tu_tmpdir(), *pdf = g_strconcat(stem, ".pdf", NULL);
	char *truth = g_strconcat(stem, ".truth.json", NULL);
	char *scanned = g_build_filename(dir, "scan.pdf", NULL), *layout;

	scan(pdf, dir, scanned, s);
	layout = convert(scanned, dir, NULL);
	check_truth(dir, truth);
	tu_rmtree(dir);
	g_free(dir);
	g_free(pdf);
	g_free(truth);
	g_free(scanned);
	return layout;
}

/* Number of page records of LAYOUT with flags FLAGS exactly. */
static int pages_flagged(const char *layout, const char *flags)
{
	char *pat = g_strdup_printf("\t%s\n", flags);
	int n = 0;

	for (const char *p = layout; (p = strstr(p, "\npage\t")); p++) {
		const char *eol = strchr(p + 1, '\n');
		if (eol && eol - p >= (long)strlen(pat) &&
		    strncmp(eol - strlen(pat) + 1, pat, strlen(pat)) == 0)
			n++;
	}
	g_free(pat);
	return n;
}

Test(ocr, minutes_300dpi, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 1, .last = 3 };
	char *layout = scan_and_check(MINUTES, &s);

	cr_expect_eq(pages_flagged(layout, "O"), 3, "every page read by OCR");
	cr_expect(strstr(layout, "\tBO\t-\t§ 103 2024.493 KS\n") != NULL,
		  "the paragraph line, bold, with its section sign");
	cr_expect(strstr(layout, "\nconf\t") != NULL, "word confidences");
	g_free(layout);
}

Test(ocr, minutes_200dpi, .timeout = 300)
{
	scan_spec s = { .dpi = 200, .first = 1, .last = 3 };
	g_free(scan_and_check(MINUTES, &s));
}

/* Page 1 skewed by 2 degrees, page 3 upside down. */
Test(ocr, minutes_skewed_and_upside_down, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 1, .last = 3, .skew_page = 1,
			.skew = 2.0, .flip_page = 3 };
	g_free(scan_and_check(MINUTES, &s));
}

/* Pages FIRST..LAST of STEM.pdf scanned as S asks, the others with
 * their text layer, converted page by page ("mixed"): every truth field
 * of STEM is found.  Returns the layout text (caller frees). */
static char *mixed_and_check(const char *stem, const scan_spec *s,
			     int npages)
{
	char *dir = tu_tmpdir(), *sdir = g_build_filename(dir, "s", NULL);
	char *scanned = g_build_filename(sdir, "scan.pdf", NULL);
	char *mixed = g_build_filename(dir, "mixed.pdf", NULL), *layout, *recs;
	char *pdf = g_strconcat(stem, ".pdf", NULL);
	char *truth = g_strconcat(stem, ".truth.json", NULL);
	char *before = g_strdup_printf("1-%d", s->first - 1);
	char *after = g_strdup_printf("%d-z", s->last + 1);
	GPtrArray *q = g_ptr_array_new();

	g_mkdir(sdir, 0700);
	scan(pdf, sdir, scanned, s);
	const char *head[] = { "qpdf", "--empty", "--pages" };
	for (guint i = 0; i < G_N_ELEMENTS(head); i++)
		g_ptr_array_add(q, (char *)head[i]);
	if (s->first > 1) {
		g_ptr_array_add(q, pdf);
		g_ptr_array_add(q, before);
	}
	g_ptr_array_add(q, scanned);
	g_ptr_array_add(q, (char *)"1-z");
	if (s->last < npages) {
		g_ptr_array_add(q, pdf);
		g_ptr_array_add(q, after);
	}
	g_ptr_array_add(q, (char *)"--");
	g_ptr_array_add(q, mixed);
	g_ptr_array_add(q, NULL);
	cr_assert_eq(tu_run((const char *const *)q->pdata, NULL, NULL), 0,
		     "qpdf failed");
	layout = convert(mixed, dir, NULL);
	cr_expect_eq(pages_flagged(layout, "O"), s->last - s->first + 1);
	cr_expect_eq(pages_flagged(layout, "-"),
		     npages - (s->last - s->first + 1));
	check_truth(dir, truth);
	recs = g_build_filename(dir, "out.records", NULL);
	char *text = tu_slurp(recs, NULL);
	cr_expect(strstr(text, "\nmeta\ttext-source\tmixed\n") != NULL);
	g_free(text);
	tu_rmtree(dir);
	g_ptr_array_free(q, TRUE);
	g_free(after);
	g_free(before);
	g_free(truth);
	g_free(pdf);
	g_free(recs);
	g_free(mixed);
	g_free(scanned);
	g_free(sdir);
	g_free(dir);
	return layout;
}

/* The audit's first three pages scanned, the other 13 with their text
 * layer: read page by page ("mixed"), every truth field found. */
Test(ocr, audit_mixed_pages, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 1, .last = 3 };

	g_free(mixed_and_check(AUDIT, &s, 16));
}

/* Pages of STEM (NPAGES pages) scanned as S asks, every truth field
 * found (mixed_and_check), and every text of WANT (NULL-ended) in the
 * layout. */
static void scanned_has(const char *stem, int npages, const scan_spec *s,
			const char *const *want)
{
	char *layout = mixed_and_check(stem, s, npages);

	for (; want && *want; want++)
		cr_expect(strstr(layout, *want), "'%s' in the layout", *want);
	g_free(layout);
}

/* The audit's page 8 scanned: its footnote references, raised small
 * digits that Tesseract reads as quote marks, are read again as digits,
 * so its footnotes are notes as on the text layer; its table (10 pt under
 * 11 pt body text, a bold caption) is a table (page 8, 5 rows, 4
 * columns) and the caption no heading. */
Test(ocr, audit_footnotes_and_table, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 8, .last = 8 };
	const char *const want[] = { "uppföljningsanvisningarna 2021\\^{5} ",
				     "\nnote\t", "\ntable\t1\t8\t5\t4\n", NULL };

	scanned_has(AUDIT, 16, &s, want);
}

/* Kommunkompassen's score tables (pages 42-44) scanned at 200 dpi: the
 * rows are extract's tables as on the text layer, so every area's
 * achieved and maximum points and totals are read. */
Test(ocr, kommunkompass_score_tables, .timeout = 300)
{
	scan_spec s = { .dpi = 200, .first = 42, .last = 44 };

	scanned_has(KOMPASS, 44, &s, NULL);
}

/* Lindesberg's area 7 (pages 31-34) scanned at 300 dpi: a bullet read
 * "e«" is a bullet, so the topic list and the score box after it are
 * read; a spaced dash is an en dash or a hyphen as on the text layer,
 * told by its width. */
Test(ocr, dashes_and_bullets, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 31, .last = 34 };
	const char *const want[] = { "kompetens \u2013 strategiskt",
				     "Samverkansavtal \u2013 även",
				     "rehabilitering - låg",
				     "\tU+2022\tJämställdhet och mångfald\n",
				     NULL };

	scanned_has(LINDESBERG, 42, &s, want);
}

/* The audit's page 7 scanned: a footnote reference before a period
 * ("personalpolicyn⁴.") is set before it, as on the text layer; a number
 * range's en dash (wider ink) is an en dash, a date's hyphens stay. */
Test(ocr, audit_reference_and_ranges, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 7, .last = 7 };
	const char *const want[] = { "personalpolicyn\\^{4}. HR-chefen",
				     "handlingsplan för 2018\u20132021 med",
				     "budget 2021\u20132023 samt",
				     "fullmäktige 2007-06-20 § 124.", NULL };

	scanned_has(AUDIT, 16, &s, want);
}

/* The audit's page 13 scanned: a footnote reference inside a word
 * ("OSA¹²-ronden") is read as one, so its footnote is a note with its
 * reference. */
Test(ocr, audit_reference_inside_a_word, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 13, .last = 13 };
	char *layout = mixed_and_check(AUDIT, &s, 16);

	cr_expect(strstr(layout, "enkäten/OSA\\^{12}-ronden genomfördes"),
		  "the reference inside the word");
	cr_expect(g_regex_match_simple("\nnote\t\\d+\t\\d+\t12\t[1-9]",
				       layout, 0, 0),
		  "note 12 with its reference");
	g_free(layout);
}

/* Åmål's score table (page 38) scanned: a percentage whose "%"
 * Tesseract leaves out ("45 %" read "45") is read again. */
Test(ocr, percent_left_out, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 38, .last = 38 };
	const char *const want[] = { "\t45 %\n", NULL };

	scanned_has(AMAL, 42, &s, want);
}

/* Boxed bold scores at 200 dpi: Alingsås' area 4 "58" (page 21), which
 * Tesseract reads "d 8", is read again with digits only; Lindesberg's
 * area 4 "45" (page 22), read "4 5" with a 3 px gap in 36 px digits, is
 * one number (the truth's area scores). */
Test(ocr, boxed_scores_at_200dpi, .timeout = 300)
{
	scan_spec a = { .dpi = 200, .first = 21, .last = 21 };
	scan_spec l = { .dpi = 200, .first = 22, .last = 22 };
	const char *const want_a[] = { "\tBO\t-\t58\n", NULL };
	const char *const want_l[] = { "\tBO\t-\t45\n", NULL };

	scanned_has(KOMPASS, 44, &a, want_a);
	scanned_has(LINDESBERG, 42, &l, want_l);
}

/* Åmål's area 4 (page 20) scanned: its boxed score "54", which Tesseract
 * reads "34" and is unsure of, is read again with digits only, and the
 * quote mark it reads before a topic where there is no ink is dropped
 * (the truth's score and topics). */
Test(ocr, unsure_score_and_phantom_quote, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 20, .last = 20 };
	const char *const want[] = { "\tBO\t-\t54\n", NULL };

	scanned_has(AMAL, 42, &s, want);
}

/* The size field of LAYOUT's line record whose text is TEXT; -1 when
 * there is none. */
static double line_size(const char *layout, const char *text)
{
	char **recs = g_strsplit(layout, "\n", -1);
	double size = -1;

	for (char **r = recs; *r && size < 0; r++) {
		char **f = g_strsplit(*r, "\t", -1);
		if (g_strv_length(f) == 11 && !strcmp(f[0], "line") &&
		    !strcmp(f[10], text))
			size = g_ascii_strtod(f[7], NULL);
		g_strfreev(f);
	}
	g_strfreev(recs);
	return size;
}

/* Åmål's pages 2-7 scanned: OCR measures its 26 pt headings a few per
 * cent apart from page to page (whole pixels); one style has one size
 * in the document, as on a text layer. */
Test(ocr, one_size_per_style, .timeout = 300)
{
	scan_spec s = { .dpi = 300, .first = 2, .last = 7 };
	char *layout = mixed_and_check(AMAL, &s, 42);
	double a = line_size(layout, "1 Vad är kommunkompassen?");
	double b = line_size(layout, "3. Detaljerad genomgång per");

	cr_expect(a > 20 && b > 20, "both headings found (%g, %g)", a, b);
	cr_expect_eq(a, b, "one size for one style: %g and %g", a, b);
	g_free(layout);
}

/* --ocr never leaves a scan unread (exit 14); --ocr always reads a page
 * with a text layer too. */
Test(ocr, option_never_and_always, .timeout = 300)
{
	char *dir = tu_tmpdir(), *extract = tu_prog("skrapa-extract");
	char *scanned = g_build_filename(dir, "scan.pdf", NULL), *out = NULL;
	char *page1 = g_build_filename(dir, "p1.pdf", NULL), *err = NULL;
	scan_spec s = { .dpi = 200, .first = 1, .last = 1 };

	scan(MINUTES ".pdf", dir, scanned, &s);
	const char *never[] = { extract, "--ocr", "never", scanned, NULL };
	cr_expect_eq(tu_run(never, NULL, NULL), SKR_EX_NO_TEXT);
	const char *q[] = { "qpdf", "--empty", "--pages", MINUTES ".pdf", "1",
			    "--", page1, NULL };
	cr_assert_eq(tu_run(q, NULL, NULL), 0);
	const char *always[] = { extract, "--ocr", "always", "--ocr-dpi",
				 "150", "--progress", page1, NULL };
	cr_expect_eq(tu_run(always, &out, &err), 0);
	cr_expect(err && strstr(err, "skrapa-extract: page 1/1 (OCR)\n"),
		  "--progress: %s", err);
	cr_expect(out && strstr(out, "\npage\t1\t") && pages_flagged(out,
		  "O") == 1, "the text page read by OCR");
	const char *bad[] = { extract, "--ocr", "sometimes", page1, NULL };
	cr_expect_eq(tu_run(bad, NULL, NULL), SKR_EX_USAGE);
	const char *lang[] = { extract, "--ocr-lang", "../x", page1, NULL };
	cr_expect_eq(tu_run(lang, NULL, NULL), SKR_EX_USAGE);
	const char *dpi[] = { extract, "--ocr-dpi", "5000", page1, NULL };
	cr_expect_eq(tu_run(dpi, NULL, NULL), SKR_EX_USAGE);
	tu_rmtree(dir);
	g_free(err);
	g_free(out);
	g_free(page1);
	g_free(scanned);
	g_free(extract);
	g_free(dir);
}

/* Reads, writes and compares FILE (a layout or a record stream). */
static void round_trip(const char *file)
{
	gsize len;
	char *text = tu_slurp(file, &len), *again = NULL;
	size_t again_len = 0;
	FILE *f = open_memstream(&again, &again_len);

	cr_assert_not_null(text, "missing %s", file);
	if (g_str_has_suffix(file, ".layout")) {
		skr_layout *l = NULL;
		cr_assert_eq(skr_layout_read(&l, text, len, file, 100), 0);
		const skr_line *ln = l->lines->pdata[0];
		cr_expect_eq(ln->nwconf, 2);
		cr_expect_eq(ln->wconf[1], 88);
		cr_expect_eq(skr_line_conf(ln), 89.5);
		cr_expect(ln->flags & SKR_LINE_OCR);
		cr_expect_eq(g_array_index(l->pages, skr_page, 1).flags,
			     SKR_PAGE_NOTEXT | SKR_PAGE_OCR);
		cr_assert_eq(skr_layout_write(l, f), 0);
		skr_layout_free(l);
	} else {
		skr_records *r = NULL;
		cr_assert_eq(skr_records_read(&r, text, len, file, 100), 0);
		cr_expect_eq(((skr_record *)r->recs->pdata[0])->conf, 62);
		cr_expect_eq(((skr_record *)r->recs->pdata[1])->conf, -1);
		cr_assert_eq(skr_records_write(r, f), 0);
		skr_records_free(r);
	}
	fclose(f);
	cr_expect_eq(again_len, len, "%s: round trip changed the size", file);
	cr_expect(memcmp(again, text, MIN(len, again_len)) == 0,
		  "%s: round trip changed the text", file);
	free(again);
	g_free(text);
}

Test(ocr, formats_round_trip)
{
	round_trip("tests/data/formats/ocr.layout");
	round_trip("tests/data/formats/ocrrec.records");
}

/* Runs `make [-s] -f ingest.mk ingest` of IN into OUT (the caller's make
 * flags dropped); returns its stderr (caller frees). */
static char *ingest(const char *in, const char *out, gboolean silent)
{
	char *bin = tu_prog(""), *err = NULL;
	char *a_bin = g_strdup_printf("BIN=%s", bin);
	char *a_in = g_strdup_printf("IN=%s", in);
	char *a_out = g_strdup_printf("OUT=%s", out);
	const char *argv[] = { "make", silent ? "-s" : "-j1", "-f", "ingest.mk",
			       "ingest", a_bin, a_in, a_out, NULL };
	char **env = g_get_environ();
	int status = -1;

	env = g_environ_unsetenv(env, "MAKEFLAGS");
	env = g_environ_unsetenv(env, "MAKELEVEL");
	env = g_environ_unsetenv(env, "MFLAGS");
	cr_assert(g_spawn_sync(NULL, (char **)argv, env, G_SPAWN_SEARCH_PATH,
			       NULL, NULL, NULL, &err, &status, NULL));
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "make ingest failed: %s", err);
	g_strfreev(env);
	g_free(a_out);
	g_free(a_in);
	g_free(a_bin);
	g_free(bin);
	return err;
}

/* `make ingest` prints a line as each OCR page of a scan starts, with the
 * page and the page count, none for a text-layer PDF, none under -s. */
Test(ocr, ingest_progress, .timeout = 300)
{
	char *dir = tu_tmpdir(), *in = g_build_filename(dir, "in", NULL);
	char *scans = g_build_filename(in, "scans", NULL);
	char *scanned = g_build_filename(scans, "minutes.pdf", NULL);
	char *text = g_build_filename(in, "text.pdf", NULL);
	char *out = g_build_filename(dir, "out", NULL), *err, *line;
	scan_spec s = { .dpi = 200, .first = 1, .last = 3 };

	cr_assert_eq(g_mkdir_with_parents(scans, 0755), 0);
	scan(MINUTES ".pdf", dir, scanned, &s);
	const char *cp[] = { "cp", MINUTES ".pdf", text, NULL };
	cr_assert_eq(tu_run(cp, NULL, NULL), 0);
	err = ingest(in, out, FALSE);
	for (int p = 1; p <= 3; p++) {
		line = g_strdup_printf("] scans/minutes.pdf: OCR page %d/3\n", p);
		cr_expect(strstr(err, line), "no '%s' in:\n%s", line, err);
		g_free(line);
	}
	int n = 0;
	for (const char *p = err; (p = strstr(p, "OCR page")); p++)
		n++;
	cr_expect_eq(n, 3, "one line per OCR page, none for text.pdf:\n%s",
		     err);
	g_free(err);
	tu_rmtree(out);
	err = ingest(in, out, TRUE);
	cr_expect(!strstr(err, "OCR page"), "make -s is quiet:\n%s", err);
	g_free(err);
	tu_rmtree(dir);
	g_free(out);
	g_free(text);
	g_free(scanned);
	g_free(scans);
	g_free(in);
	g_free(dir);
}
