/* layout.h - the layout text format between extract and parse, and its model.
 *
 * THE FORMAT (version 1).  UTF-8 text, one record per line, fields separated
 * by one TAB, lines ended by LF.  The first line is exactly
 *
 *     skrapa-layout 1
 *
 * and a reader refuses any other first line.  Then, in this order:
 *
 *     doc    PAGES  SHA256  SOURCE
 *     page   N  WIDTH  HEIGHT  PFLAGS  [KEY=VALUE ...]  (once per page, 1..PAGES)
 *     line   PAGE  BLOCK  X0  Y0  X1  Y1  SIZE  FLAGS  BULLET  TEXT
 *     ...
 *     end    NLINES
 *
 * Lines starting with '#' are comments, allowed anywhere after the first.
 * Every "page N" record precedes the "line" records of page N.
 *
 * doc    PAGES: page count.  SHA256: hex digest of the PDF bytes ("-" when
 *        unknown).  SOURCE: the input path as given (escaped like TEXT).
 * page   N: 1-based page number.  WIDTH, HEIGHT: in PDF points.
 *        PFLAGS: "-" or letters, in this order when several: 'T' no text
 *        layer on this page (a scanned or empty page, flagged, not an
 *        error); 'U' a text layer that is not readable (no plausible words
 *        for its script: a font without ToUnicode, a custom encoding).
 *        Then optional KEY=VALUE fields, each once, in this order:
 *          rotate=D  the page's text reads upright only when the displayed
 *             page (its /Rotate applied) is turned D degrees (90, 180 or
 *             270) counter-clockwise; WIDTH, HEIGHT and every box of the
 *             page are in that upright frame.  Absent: 0.
 * line   One text line, in reading order (a block's lines together, blocks
 *        of a page in reading order: a left column whole, then the right).
 *        PAGE: its page.  BLOCK: block number, 1-based, increasing through
 *        the document; lines of one block are consecutive.  A block is a run
 *        of lines in one column or table cell with regular line spacing (a
 *        paragraph, a tight list, a cell); a number alone in a box is a block.
 *        X0 Y0 X1 Y1: bounding box, PDF points, origin top-left, two decimals.
 *        SIZE: dominant font size, one decimal.
 *        FLAGS: "-" or letters, in this order when several:
 *          'B' bold (inferred from the font name: Bold, Black, Heavy, Semibold)
 *          'H' running header   'F' running footer   'N' page number
 *             (found by repetition across pages at the same position)
 *          'L' list item: the first line of a bulleted item; the glyph is
 *             stripped from TEXT and named in BULLET
 *          'C' continuation line of the list item above (wrapped, indented)
 *          'Y' the line ends with a hyphen that is kept in TEXT ("e-",
 *             "personal-"): a joiner decides "e-postadress" or "personal- och"
 *          'A' text of an annotation or a form field, not of the page body
 *             (its own blocks, after the body's)
 *          'S' sideways text: it runs at a right angle to (or against) the
 *             page's text, e.g. a rotated table header (its own blocks,
 *             after the body's; the box is in the page's frame)
 *        BULLET: "-" or the code point of the stripped bullet, "U+2022";
 *          "U+0000" for an item whose glyph was lost but which is indented
 *          like its bulleted siblings.
 *        TEXT: the line's text, NFC, ligatures expanded, words separated by
 *          one space.  Escapes: "\\" backslash, "\t" tab, "\n" newline.
 *          A superscript run (a footnote reference) is written "\^{4}";
 *          the model's text holds the same characters (a backslash before
 *          '^{' is the mark, so the writer leaves it unescaped: textio.h).
 * end    NLINES: number of line records; a file without it is truncated.
 *
 * OWNERSHIP.  A skr_layout owns its pages and lines and every string in
 * them; skr_layout_free() frees all.  Functions returning char* say so.
 */
#ifndef SKRAPA_LAYOUT_H
#define SKRAPA_LAYOUT_H

#include <glib.h>
#include <stdio.h>

#define SKR_LAYOUT_MAGIC "skrapa-layout 1"

enum skr_line_flag {
	SKR_LINE_BOLD = 1 << 0,         /* 'B' */
	SKR_LINE_HEADER = 1 << 1,       /* 'H' */
	SKR_LINE_FOOTER = 1 << 2,       /* 'F' */
	SKR_LINE_PAGENUM = 1 << 3,      /* 'N' */
	SKR_LINE_ITEM = 1 << 4,         /* 'L' */
	SKR_LINE_CONT = 1 << 5,         /* 'C' */
	SKR_LINE_HYPHEN = 1 << 6,       /* 'Y' */
	SKR_LINE_ANNOT = 1 << 7,        /* 'A' */
	SKR_LINE_SIDEWAYS = 1 << 8,     /* 'S' */
};

enum skr_page_flag {
	SKR_PAGE_NOTEXT = 1 << 0,       /* 'T' */
	SKR_PAGE_UNREADABLE = 1 << 1,   /* 'U' */
};

typedef struct {
	int number;
	double width, height;
	unsigned flags;                 /* enum skr_page_flag */
	int rotate;                     /* 0, 90, 180 or 270: "rotate=" */
} skr_page;

typedef struct {
	int page, block;
	double x0, y0, x1, y1;
	double size;
	unsigned flags;                 /* enum skr_line_flag */
	gunichar bullet;                /* 0: none; see BULLET above */
	gboolean bullet_lost;           /* "U+0000" in the format */
	char *text;                     /* unescaped UTF-8, owned */
} skr_line;

typedef struct {
	char *source;                   /* owned */
	char *sha256;                   /* owned, NULL when unknown */
	int npages;
	GArray *pages;                  /* of skr_page, index i is page i+1 */
	GPtrArray *lines;               /* of skr_line*, owned */
} skr_layout;

/* A new, empty layout.  Never NULL (allocation failure aborts, as in GLib).
 * Caller frees with skr_layout_free(). */
skr_layout *skr_layout_new(void);

/* Frees L and everything in it.  NULL is accepted. */
void skr_layout_free(skr_layout *l);

/* Appends a line that takes ownership of TEXT; returns the new line
 * (owned by L). */
skr_line *skr_layout_add_line(skr_layout *l, char *text);

/* Writes L in the format above to F.  Returns 0, or SKR_EX_IO if a write
 * failed (F's error flag is checked; no message is printed, the caller
 * names the output). */
int skr_layout_write(const skr_layout *l, FILE *f);

/* Reads the format above from BUF (LEN bytes, need not be NUL-terminated).
 * NAME is used in messages.  At most MAX_LINES line records are accepted.
 * On success stores a new layout in *OUT (caller frees) and returns 0; on
 * failure prints "cannot read 'NAME': line K: REASON", stores NULL and
 * returns SKR_EX_BAD_LAYOUT. */
int skr_layout_read(skr_layout **out, const char *buf, size_t len,
		    const char *name, size_t max_lines);

/* Flag letters of FLAGS in format order, into BUF (at least 16 bytes);
 * "-" when none.  Returns BUF. */
char *skr_line_flags_str(unsigned flags, char *buf);

/* Parses the flag letters at S (LEN bytes; "-" for none) into *OUT, enum
 * skr_line_flag bits.  Returns 0, or -1 for an empty field or a letter not
 * in the table.  The one reader of line flag letters (layout files and the
 * rules' flags= conditions). */
int skr_line_flags_parse(const char *s, size_t len, unsigned *out);

#endif
