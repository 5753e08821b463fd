/* ocr.h - the OCR path of the extract module (ocr.c, ocrwords.c): a page
 * without a text layer rendered and read by Tesseract, as glyphs.
 * Private to extract/ (see skrapa/extract.h for the options). */
#ifndef SKRAPA_EXTRACT_OCR_H
#define SKRAPA_EXTRACT_OCR_H

#include "internal.h"

#include <skrapa/extract.h>

/* An OCR engine for one language set, reused for every page of a run. */
typedef struct xocr xocr;

/* What OCR did to one page. */
typedef struct {
	int dpi;                        /* resolution used (lowered for huge
					   pages) */
	int rotation;                   /* degrees the page was turned
					   clockwise to be upright */
	double skew;                    /* degrees of skew corrected */
	double width, height;           /* upright page, points */
	int words;                      /* words recognised */
	double conf;                    /* their mean confidence, 0..100 */
} xocr_info;

/* TRUE when LANG is a Tesseract language list: "swe", "swe+eng". */
gboolean xocr_lang_valid(const char *lang);

/* Loads Tesseract with LANG (and, when installed, OSD).  Stores a new
 * engine in *OUT (caller frees with xocr_free) and returns 0; a bad or
 * missing language prints one line naming NAME and returns SKR_EX_USAGE. */
int xocr_new(const char *lang, const char *name, xocr **out);
void xocr_free(xocr *o);

/* One recognised word: its box (points) and confidence. */
typedef struct {
	double x0, y0, x1, y1;
	double conf;                    /* 0..100 */
} xocr_word;

/* Renders PAGE at DPI, turns it upright, deskews and recognises it within
 * SECONDS (0: no limit).  Stores the glyphs (xchar, points, top-left
 * origin of the upright page; one space glyph between words) in *CHARS
 * and the words in *WORDS (of xocr_word; caller frees both) and returns 0; SKR_EX_TIMEOUT when the deadline
 * passed, SKR_EX_INTERNAL when the page cannot be rendered (no message). */
int xocr_page(xocr *o, PopplerPage *page, int dpi, double seconds,
	      GArray **chars, GArray **words, xocr_info *info);

/* ocrwords.c: the words of the page recognised by API (of O) as glyphs;
 * BIN is Tesseract's binary image (for stroke widths).  Sets INFO's words and
 * conf, stores the words in *WORDS.  Returns a new array of xchar. */
struct TessBaseAPI;
struct Pix;
GArray *xocr_words(xocr *o, struct TessBaseAPI *api, struct Pix *bin,
		   int dpi, xocr_info *info, GArray **words);

/* Recognises part I of the page xocr_page set on O's engine within the
 * page's deadline: part 0 is the whole page, part I > 0 column I - 1 of
 * xocr_page_regions, as one block of text.  Returns 1 when read, 0 when
 * there is no part I, -1 when the deadline passed.  ocrwords.c collects
 * each part's words and decides which columns are read again. */
int xocr_read_region(xocr *o, int i);

/* The table columns of the page being read (xocr_regions), NULL when
 * none; owned by O. */
const GArray *xocr_page_regions(const xocr *o);

/* ocrregions.c: a table column of the page image, pixels. */
typedef struct {
	int x, y, w, h;
} xocr_region;

/* The table columns of the upright page image PIX (8-bit grey, DPI)
 * that may be read again one by one after the whole page: where vertical rules (ink half an inch tall
 * or more, thin) cut the rows they span into text columns, each an inch
 * and a half wide or more, each column ruled on both sides, so that no
 * text line runs across a rule (the rows' extent cut at quiet rows).
 * Returns a new array of xocr_region (caller frees), or NULL when there
 * is none. */
GArray *xocr_regions(struct Pix *pix, int dpi);

/* O's English engine (single-line mode), loaded on the first call; NULL
 * when eng.traineddata is not installed.  Owned by O. */
struct TessBaseAPI *xocr_english(xocr *o);

/* ocrpage.c: OCR across one document: which pages, the engine loaded on
 * first use, the time left, the page record. */
typedef struct {
	const skr_extract_limits *lim;
	const char *name;
	GTimer *timer;                  /* since the document's start */
	xocr *engine;                   /* NULL until the first OCR page */
	GArray *words;                  /* of xocr_word: the last OCR page */
	double extra;                   /* seconds OCR added to --timeout */
	int npages;                     /* the document's pages */
	int pages;                      /* pages read by OCR */
	double seconds;                 /* time spent on them */
} xocr_run;

/* Starts R for document NAME (LIM and NAME are kept, not copied). */
void xocr_run_init(xocr_run *r, const skr_extract_limits *lim,
		   const char *name);
void xocr_run_clear(xocr_run *r);

/* Is PAGE, whose text layer gave NLINES lines (UNREADABLE: text that does
 * not read as language, page flag 'U'; not used yet), to be read by OCR? */
gboolean xocr_wanted(const xocr_run *r, PopplerPage *page, guint nlines,
		     gboolean unreadable);

/* The lines of an OCR page's glyphs (upright already, page HEIGHT):
 * built, measured into M, in blocks and reading order, lists marked.
 * Caller frees with xlines_free. */
GPtrArray *xocr_lines(GArray *chars, double height, xmetrics *m);

/* Each page read by OCR adds this to the document's --timeout (and to the
 * watchdog's, limits.h). */
#define XOCR_PAGE_SECONDS 30

/* Reads PAGE (number PG->number) by OCR: stores its glyphs in *CHARS
 * (caller frees), sets PG's flag 'O' and upright size.  Returns 0, or
 * prints one line and returns SKR_EX_USAGE (language), SKR_EX_TIMEOUT or
 * SKR_EX_INTERNAL. */
int xocr_run_page(xocr_run *r, PopplerPage *page, skr_page *pg,
		  GArray **chars);

/* Flags LN, made from line X of the last OCR page, as OCR and sets its
 * word confidences: one per run of glyphs between spaces (a stripped
 * bullet not counted), from the word under the run's first glyph. */
void xocr_line_conf(const xocr_run *r, const xline *x, skr_line *ln);

/* ocrsizes.c: the sizes of L's OCR lines (flag 'O') that lie within 3 %
 * of each other made one, the size of most glyphs among them (text-layer
 * lines count, and keep their sizes), so that one style has one size on
 * every page, as on a text layer.  Nothing changes without OCR lines. */
void xocr_group_sizes(skr_layout *l);

#endif
