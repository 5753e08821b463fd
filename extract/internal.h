/* internal.h - the extract module's private model, shared by its files.
 * Not public: nothing outside extract/ includes it (see skrapa/extract.h). */
#ifndef SKRAPA_EXTRACT_INTERNAL_H
#define SKRAPA_EXTRACT_INTERNAL_H

#include <skrapa/layout.h>

#include <glib.h>
#include <poppler.h>

/* One glyph of a page, top-left origin, in points. */
typedef struct {
	gunichar cp;
	double x0, y0, x1, y1;
	float size;
	guint8 bold;
} xchar;

/* A line under construction: a run of glyphs on one baseline. */
typedef struct {
	GArray *chars;                  /* of xchar, left to right */
	double x0, y0, x1, y1;
	double size;                    /* dominant size */
	double text_x0;                 /* where the text starts after a bullet */
	int bold;
	gunichar bullet;
	int bullet_lost;
	unsigned flags;                 /* enum skr_line_flag */
	int block;                      /* block index on the page, -1 none */
	int order;                      /* fragment order from Poppler */
	char *text;                     /* built by xline_finish */
} xline;

/* chars.c: the glyphs of PAGE in Poppler's order, '\n' dropped; *NCHARS is
 * the page text's character count.  Returns 0, or SKR_EX_DAMAGED when the
 * layout rectangles do not match the text (message printed, NAME named).
 * Caller frees the array. */
int xchars_get(PopplerPage *page, const char *name, int pageno,
	       GArray **out, int *nchars);

/* lines.c: glyphs to lines (bullets attached, superscripts marked, text
 * built, NFC, ligatures expanded; far pieces of one baseline joined outside
 * columns and the top and bottom 12 % of PAGE_HEIGHT).  Returns a new array
 * of xline* (caller frees with xlines_free). */
GPtrArray *xlines_build(GArray *chars, double page_height);
void xlines_free(GPtrArray *lines);

/* lists.c: width of the first word of L's text (after a bullet), points. */
double xline_first_word_width(const xline *l);

/* metrics.c: the document's measures, accumulated page by page. */
typedef struct xmetrics xmetrics;
xmetrics *xmetrics_new(void);            /* caller frees */
void xmetrics_free(xmetrics *m);         /* NULL accepted */
/* Adds the pitches and sizes of one page's LINES (sorted top to bottom);
 * the page's own pitches replace the previous page's. */
void xmetrics_page(xmetrics *m, GPtrArray *lines);
/* Line pitch (top to top, points) of lines of SIZE: the page's when it has
 * enough pairs, else the document's so far; 0 when unknown. */
double xmetrics_pitch(const xmetrics *m, double size);
/* The most common font size by glyphs so far; 0 when none. */
double xmetrics_body_size(const xmetrics *m);

/* blocks.c: groups LINES into blocks and sorts them into reading order;
 * sets each line's block (0-based on the page) and returns the number of
 * blocks.  M gives the line pitch a block's lines keep. */
int xblocks_order(GPtrArray *lines, const xmetrics *m);

/* lists.c: list items, continuations, lost bullets and hyphens, within the
 * blocks of one page (LINES in reading order); M gives the line pitch. */
void xlists_mark(GPtrArray *lines, const xmetrics *m);

/* furniture.c: marks running headers, footers and page numbers in L by
 * repetition across pages. */
void xfurniture_mark(skr_layout *l);

/* structure.c: headings, paragraphs, items and footnotes of the finished
 * layout L (structure records, format version 2), against M's measures. */
void xstructure_mark(skr_layout *l, const xmetrics *m);

/* open.c: opens the PDF in BYTES (kept referenced by the document).  On
 * success stores the document in *OUT (caller unrefs) and returns 0, after
 * warning about a repaired xref or an owner-only password.  On failure
 * prints one line naming NAME and returns SKR_EX_EMPTY, SKR_EX_NOT_PDF,
 * SKR_EX_ENCRYPTED or SKR_EX_DAMAGED. */
int xpdf_open(GBytes *bytes, const char *name, PopplerDocument **out);

/* Bullet glyphs recognised at line start (U+2022, U+F0B7, ...). */
gboolean xis_bullet(gunichar c);

#endif
