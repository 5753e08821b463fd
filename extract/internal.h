/* internal.h - the extract module's private model, shared by its files.
 * Not public: nothing outside extract/ includes it (see skrapa/extract.h). */
#ifndef SKRAPA_EXTRACT_INTERNAL_H
#define SKRAPA_EXTRACT_INTERNAL_H

#include <skrapa/extract.h>
#include <skrapa/layout.h>

#include <glib.h>
#include <poppler.h>

/* One glyph of a page, top-left origin, in points. */
typedef struct {
	gunichar cp;
	double x0, y0, x1, y1;
	float size;
	guint8 bold;
	guint8 dir;                     /* XDIR_*: which way its line runs */
} xchar;

/* Directions of a line of text on the displayed page: right (upright),
 * down (the page turned 90 degrees clockwise), left (upside down), up. */
enum { XDIR_RIGHT, XDIR_DOWN, XDIR_LEFT, XDIR_UP, XDIR_UNKNOWN = 4 };

/* A line under construction: a run of glyphs on one baseline. */
typedef struct {
	xchar *chars;                   /* owned, left to right */
	guint nchars;
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

/* The directions of a page's glyphs: how many that are not spaces run
 * each way, and bit D of SEEN set when some glyph runs in direction D
 * (glyphs of unknown direction in neither). */
typedef struct {
	guint count[4];
	unsigned seen;
} xdirs;

/* chars.c: the glyphs of PAGE in Poppler's order, '\n' dropped, each with
 * its line's direction (counted in *DIRS); *NCHARS is the page text's
 * character count.  Returns 0, or SKR_EX_DAMAGED when the layout
 * rectangles do not match the text (message printed, NAME named).  Caller
 * frees the array. */
int xchars_get(PopplerPage *page, const char *name, int pageno,
	       GArray **out, int *nchars, xdirs *dirs);

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

/* open.c: opens the PDF in BYTES (kept referenced by the document; a
 * file over 2 GiB, which Poppler cannot read from memory, by its PATH).  On
 * success stores the document in *OUT (caller unrefs) and returns 0, after
 * warning about a repaired xref or an owner-only password.  On failure
 * prints one line naming NAME and returns SKR_EX_EMPTY, SKR_EX_NOT_PDF,
 * SKR_EX_ENCRYPTED or SKR_EX_DAMAGED. */
int xpdf_open(GBytes *bytes, const char *name, const char *path,
	      PopplerDocument **out);

/* extract.c: skr_extract() of DATA; PATH, when not NULL, is the file DATA
 * was mapped from (Poppler opens a file over 2 GiB by its path). */
int xextract_bytes(const char *data, size_t len, const char *name,
		   const char *path, const skr_extract_limits *lim,
		   skr_layout **out);

/* rotate.c: sets the direction of the N glyphs C of one Poppler line,
 * which come as XDIR_RIGHT (XDIR_UNKNOWN when it cannot tell: one glyph),
 * and counts them in DIRS; a right-to-left script line that runs left is
 * upright. */
void xdir_mark(xchar *c, guint n, xdirs *dirs);

/* The direction most glyphs of DIRS run in (XDIR_RIGHT on a tie). */
int xdir_dominant(const xdirs *dirs);

/* Turns a rectangle of the displayed page (W x H) into the upright frame
 * of direction DIR, and back (xframe_unrect).  The frame of DOWN and UP is
 * H wide and W high. */
void xframe_rect(int dir, double w, double h, double *x0, double *y0,
		 double *x1, double *y1);
void xframe_unrect(int dir, double w, double h, double *x0, double *y0,
		   double *x1, double *y1);

/* A new array of the glyphs of CHARS that run in direction DIR (glyphs of
 * unknown direction count as DOMINANT), turned into DIR's upright frame.
 * Caller frees. */
GArray *xchars_in_frame(const GArray *chars, int dir, int dominant,
			double w, double h);

/* annots.c: appends the text of PAGE's annotations and form fields to
 * LINES as lines flagged 'A', one block each after LINES' blocks, boxes in
 * the frame of direction DOM (W x H: the displayed page).  Returns the
 * number of characters added. */
int xannots_add(PopplerPage *page, GPtrArray *lines, int dom, double w,
		double h);

/* readable.c: TRUE when the glyphs CHARS hold no plausible words: mostly
 * not letters or digits, or Latin words mostly without a vowel (a font
 * without ToUnicode, a custom encoding).  FALSE for under 20 glyphs. */
gboolean xtext_unreadable(const GArray *chars);

/* TRUE for a letter of a right-to-left script (Hebrew, Arabic, ...).
 * None is below U+0590: Latin text is told without a call (these two
 * run for every glyph of a page). */
gboolean xis_rtl_script(gunichar c);
static inline gboolean xis_rtl(gunichar c)
{
	/* none between the Arabic and the Hebrew presentation forms either:
	 * punctuation, symbols, CJK, the private use area (tests check every
	 * code point) */
	return c >= 0x0590 && (c < 0x2000 || c >= 0xFB1D) &&
	       xis_rtl_script(c);
}

/* A space: ASCII blanks (\t to \r, ' '), U+00A0 and what
 * g_unichar_isspace() calls a space, told without a call (the tests
 * check every code point against GLib). */
static inline gboolean xis_space(gunichar c)
{
	if (c - 0x21 < 0x80 - 0x21)     /* most glyphs: printable ASCII */
		return FALSE;
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	if (c < 0x1680)
		return c == 0xA0;
	return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* g_unichar_isspace(), told without a call: xis_space() but U+000B (the
 * tests check every code point). */
static inline gboolean xis_uspace(gunichar c)
{
	return c != '\v' && xis_space(c);
}

/* Characters that stay as they are in NFC whatever is next to them: no
 * decomposition, combining class 0, part of no composition (tests check
 * every code point against GLib): general punctuation but U+2000-2001,
 * currency, arrows, box drawing and shapes, the private use area. */
static inline gboolean xnfc_inert(gunichar c)
{
	return (c >= 0x2002 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20BF) ||
	       (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2500 && c <= 0x25FF) ||
	       (c >= 0xE000 && c <= 0xF8FF);
}

/* Bullet glyphs recognised at line start (U+2022, U+F0B7, ...); below
 * U+2013 only '-'. */
gboolean xis_bullet_glyph(gunichar c);
static inline gboolean xis_bullet(gunichar c)
{
	return c < 0x2013 ? c == '-' : xis_bullet_glyph(c);
}

#endif
