/* layout.h - the layout text format between extract and parse, and its model.
 *
 * THE FORMAT (version 2).  UTF-8 text, one record per line, fields separated
 * by one TAB, lines ended by LF.  The first line is exactly
 *
 *     skrapa-layout 2
 *
 * A reader also reads version 1 ("skrapa-layout 1": the same records
 * without "body" and the structure records) and refuses any other first
 * line.  Then, in this order:
 *
 *     doc    PAGES  SHA256  SOURCE
 *     body   SIZE  PITCH                                (version 2, once)
 *     page   N  WIDTH  HEIGHT  PFLAGS  [KEY=VALUE ...]  (once per page, 1..PAGES)
 *     line   PAGE  BLOCK  X0  Y0  X1  Y1  SIZE  FLAGS  BULLET  TEXT
 *     conf   WORDCONFS                                 (after an 'O' line)
 *     ...
 *     head   FIRST  COUNT  LEVEL  NUMBER               (version 2: structure,
 *     para   FIRST  COUNT                               after all lines, in
 *     item   FIRST  COUNT  DEPTH                        reading order)
 *     note   FIRST  COUNT  MARK  REF
 *     table  ID  PAGE  ROWS  COLS                      (version 2, after the
 *     cell   ID  ROW  COL  FIRST  COUNT                 records above)
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
 *        for its script: a font without ToUnicode, a custom encoding);
 *        'O' the page's text was recognised by OCR (its lines carry flag
 *        'O'; a scan where OCR found nothing is "TO"; an unreadable text
 *        layer read by OCR is "UO").
 *        Then optional KEY=VALUE fields, each once, in this order:
 *          rotate=D  the page's text reads upright only when the displayed
 *             page (its /Rotate applied) is turned D degrees (90, 180 or
 *             270) counter-clockwise; WIDTH, HEIGHT and every box of the
 *             page are in that upright frame.  Absent: 0.  An OCR page is
 *             also deskewed: its boxes are those of the deskewed image.
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
 *          'O' the text was recognised by OCR (a "conf" record follows)
 *        BULLET: "-" or the code point of the stripped bullet, "U+2022";
 *          "U+0000" for an item whose glyph was lost but which is indented
 *          like its bulleted siblings.
 *        TEXT: the line's text, NFC, ligatures expanded, words separated by
 *          one space.  Escapes: "\\" backslash, "\t" tab, "\n" newline.
 *          A superscript run (a footnote reference) is written "\^{4}";
 *          the model's text holds the same characters (a backslash before
 *          '^{' is the mark, so the writer leaves it unescaped: textio.h).
 * body   The document's measures the structure was decided against: SIZE
 *        the body font size (most glyphs), PITCH the line pitch of wrapped
 *        body lines (top to top), one decimal each; 0.0 when unknown.
 * Structure records (version 2) group consecutive line records; FIRST is
 * the 1-based ordinal of the first line record, COUNT (>= 1) how many.
 * A line belongs to at most one structure record; furniture (H F N) and
 * stray lines (a number in a box) belong to none.  The line records stay
 * complete: a reader that ignores structure loses nothing else.
 * head   A heading: a short block set apart from the body by size (from
 *        1.04 x the body size), or at body size by bold or capitals when
 *        it does not end like a sentence.  LEVEL 1..9: from its number when
 *        it has one ("2.1.1" is 3, "A.1" 2; "Område 3", "Kapitel 2",
 *        "Bilaga B" count as 1), else by typography (the largest heading
 *        style is 1, then smaller, bold before plain).  NUMBER: "2.1.1" (a
 *        trailing dot dropped), "A.1", "3" for "Område 3", or "-".
 * para   A paragraph: the block's running text outside lists.
 * item   A list item: its 'L' line and its 'C' lines.  DEPTH 1.. by the
 *        glyph's indent among the block's items.
 * note   A footnote: lines at the page foot in a small size starting with
 *        MARK (digits); REF: ordinal of the first line whose TEXT holds
 *        "\^{MARK}" (the reference), 0 when none is found.
 * table  A table found from blocks side by side in rows with shared
 *        columns (bordered or not; the borders are not seen): ID 1.. in
 *        order, on PAGE, ROWS x COLS.  Each of its cells follows as
 *        cell   ID ROW COL (1-based) FIRST COUNT: lines of that cell; a cell
 *        of several blocks has one record per block.  A wrapped cell is one
 *        cell; a two-column table of lists keeps each column's list in its
 *        own cells.  Lines in cells keep their head/para/item records
 *        (cells are containers; tables do not count for "at most one").
 * conf   WORDCONFS: the OCR confidence (0..100, integers, comma-separated)
 *        of each word the OCR engine read on the line above, left to
 *        right (a stripped bullet is not a word).  Only after a line with
 *        flag 'O', at most once; not counted in NLINES.
 * end    NLINES: number of line records; a file without it is truncated.
 *
 * OWNERSHIP.  A skr_layout owns its pages and lines and every string in
 * them; skr_layout_free() frees all.  Functions returning char* say so.
 */
#ifndef SKRAPA_LAYOUT_H
#define SKRAPA_LAYOUT_H

#include <glib.h>
#include <stdio.h>

#define SKR_LAYOUT_MAGIC "skrapa-layout 2"
#define SKR_LAYOUT_MAGIC_V1 "skrapa-layout 1"

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
	SKR_LINE_OCR = 1 << 9,          /* 'O' */
};

enum skr_page_flag {
	SKR_PAGE_NOTEXT = 1 << 0,       /* 'T' */
	SKR_PAGE_UNREADABLE = 1 << 1,   /* 'U' */
	SKR_PAGE_OCR = 1 << 2,          /* 'O' */
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
	guint8 *wconf;                  /* 'O' lines: word confidences
					   (the conf record), owned; NULL
					   when none */
	guint nwconf;
} skr_line;

/* A structure record (version 2). */
typedef enum {
	SKR_UNIT_HEAD = 'h', SKR_UNIT_PARA = 'p', SKR_UNIT_ITEM = 'i',
	SKR_UNIT_NOTE = 'n',
} skr_unit_kind;

typedef struct {
	skr_unit_kind kind;
	guint first, count;             /* 0-based index into lines, count */
	int level;                      /* head: LEVEL; item: DEPTH; note: MARK */
	int ref;                        /* note: 0-based reference line, -1 */
	char *number;                   /* head: NUMBER or NULL; owned */
} skr_unit;

typedef struct {
	int page, rows, cols;
} skr_table;

typedef struct {
	int table, row, col;            /* table: 1-based ID; row, col 1-based */
	guint first, count;             /* 0-based line index, count */
} skr_cell;

typedef struct {
	char *source;                   /* owned */
	char *sha256;                   /* owned, NULL when unknown */
	int npages;
	GArray *pages;                  /* of skr_page, index i is page i+1 */
	GPtrArray *lines;               /* of skr_line*, owned */
	double body_size, body_pitch;   /* "body"; 0 when unknown */
	GArray *units;                  /* of skr_unit, in record order */
	GArray *tables;                 /* of skr_table, ID i+1 at index i */
	GArray *cells;                  /* of skr_cell, in record order */
	int version;                    /* as read: 1 or 2; written: 2 */
} skr_layout;

/* A new, empty layout.  Never NULL (allocation failure aborts, as in GLib).
 * Caller frees with skr_layout_free(). */
skr_layout *skr_layout_new(void);

/* Frees L and everything in it.  NULL is accepted. */
void skr_layout_free(skr_layout *l);

/* Appends a line that takes ownership of TEXT; returns the new line
 * (owned by L). */
skr_line *skr_layout_add_line(skr_layout *l, char *text);

/* Appends a structure record; takes ownership of NUMBER (may be NULL).
 * Returns the new record (owned by L). */
skr_unit *skr_layout_add_unit(skr_layout *l, skr_unit_kind kind, guint first,
			      guint count, int level, char *number);

/* Writes L in the format above (version 2) to F.  Returns 0, or SKR_EX_IO if a write
 * failed (F's error flag is checked; no message is printed, the caller
 * names the output). */
int skr_layout_write(const skr_layout *l, FILE *f);

/* Reads the format above from BUF (LEN bytes, need not be NUL-terminated).
 * NAME is used in messages.  At most MAX_LINES line records are accepted.
 * On success stores a new layout in *OUT (caller frees) and returns 0; on
 * failure prints "cannot read 'NAME': line K: REASON", stores NULL and
 * returns SKR_EX_BAD_LAYOUT.  Version 1 input is read (no structure). */
int skr_layout_read(skr_layout **out, const char *buf, size_t len,
		    const char *name, size_t max_lines);

/* The mean word confidence (0..100) of an OCR line; -1 when LN has none. */
double skr_line_conf(const skr_line *ln);

/* Flag letters of FLAGS in format order, into BUF (at least 16 bytes);
 * "-" when none.  Returns BUF. */
char *skr_line_flags_str(unsigned flags, char *buf);

/* Appends the last fields of LN's line record as the writer writes them:
 * FLAGS TAB BULLET TAB TEXT (escaped) and the LF; for tests and tools that
 * print lines in a shorter form. */
void skr_line_append_tail(GString *s, const skr_line *ln);

/* Parses the flag letters at S (LEN bytes; "-" for none) into *OUT, enum
 * skr_line_flag bits.  Returns 0, or -1 for an empty field or a letter not
 * in the table.  The one reader of line flag letters (layout files and the
 * rules' flags= conditions). */
int skr_line_flags_parse(const char *s, size_t len, unsigned *out);

#endif
