/* textio.h - escaping and field splitting shared by the two stage formats.
 *
 * Both skrapa-layout and skrapa-records are TAB-separated lines whose text
 * fields escape backslash, tab and newline.  These helpers are the only code
 * that knows the escapes.
 */
#ifndef SKRAPA_TEXTIO_H
#define SKRAPA_TEXTIO_H

#include <glib.h>

/* THE SUPERSCRIPT MARK.  A superscript run (a footnote reference) is
 * written in-band in a layout line's text: SKR_SUP_OPEN, the run,
 * SKR_SUP_CLOSE ("\^{4}", layout.h TEXT).  These are the only spellings of
 * the mark; extract writes it, the escapes leave it alone, parse strips it
 * (docs/contracts.md: why it is not yet data). */
#define SKR_SUP_OPEN "\\^{"
#define SKR_SUP_CLOSE '}'

/* When S starts a whole superscript mark, the byte after it; else NULL. */
const char *skr_sup_skip(const char *s);

/* Appends S to OUT with '\\', '\t', '\n' (and '\r') escaped; a backslash
 * before '^' (the superscript mark "\^{4}" of layout.h) is kept as is. */
void skr_escape_append(GString *out, const char *s);

/* Unescapes the LEN bytes at S into a new NUL-terminated string (caller
 * frees with g_free).  Unknown escapes ("\^" and others) are kept as they
 * are.  Returns NULL when S is not valid UTF-8 or holds a NUL byte. */
char *skr_unescape(const char *s, size_t len);

/* The line framing of the stage formats and the vocabulary files.  Splits
 * the LEN bytes at BUF into lines ended by LF; the first must equal MAGIC;
 * then calls FN(CTX, LINE, LEN) for each further line, with *LINENO set to
 * its 1-based number.  Returns 0, FN's first non-zero result, or BAD(CTX,
 * REASON) for an empty input, a wrong first line (with a hint for a
 * byte-order mark or CRLF) or a last line without LF (*LINENO naming it). */
int skr_read_lines(const char *buf, size_t len, const char *magic,
		   size_t *lineno, int (*fn)(void *, const char *, size_t),
		   int (*bad)(void *, const char *), void *ctx);

/* THE STAGE-FORMAT READER: the skeleton both stage formats share (a
 * version line, then one TAB-separated record a line, '#' comments, an
 * "end N" record last).  The caller fills the first block of fields and
 * calls skr_stage_read(); each record's handler gets the reader (embed it
 * as the first member of a larger struct to reach your own state). */
typedef struct skr_stage_in skr_stage_in;

/* A record's handler: F[0..NF-1] are its fields (N their lengths; NF may
 * exceed SKR_STAGE_MAX_FIELDS by one when there are more).  Returns 0 or
 * skr_stage_bad()'s result. */
typedef int (*skr_stage_fn)(skr_stage_in *in, const char **f, size_t *n,
			    int nf);

/* One record kind: its first field TAG and its handler; a table of them
 * ends with { NULL, NULL }. */
typedef struct {
	const char *tag;
	skr_stage_fn fn;
} skr_stage_kind;

#define SKR_STAGE_MAX_FIELDS 12

struct skr_stage_in {
	const char *name;               /* the input, in messages */
	int exit_code;                  /* returned for a bad input */
	const char *magic;              /* the first line */
	const skr_stage_kind *kinds;    /* every record but "end" */
	const guint *count;             /* what "end N" must equal ... */
	const char *counted;            /* ... named so: "line", "record" */
	size_t lineno;                  /* set by the reader: the line read */
	void *last;                     /* a handler may set: what it read */
	void *prev;                     /* `last` of the record before */
	int seen_end;
};

/* Reads the LEN bytes at BUF with skr_read_lines() (first line IN->magic):
 * every further line is a record of IN->kinds, a '#' comment or, last,
 * "end N" with N == *IN->count.  Returns 0, the first non-zero handler
 * result, or skr_stage_bad() for what skr_read_lines() refuses, an empty
 * line, an unknown record, data after "end" or a wrong or missing "end". */
int skr_stage_read(skr_stage_in *in, const char *buf, size_t len);

/* Prints "cannot read 'NAME': line N: WHY" (skr_error) and returns
 * IN->exit_code. */
int skr_stage_bad(skr_stage_in *in, const char *why);

/* Splits the LEN bytes at LINE on TAB into at most MAX fields; FIELDS[i]
 * points into LINE and LENS[i] is its length.  Returns the number of fields
 * found, or MAX + 1 when there are more than MAX. */
int skr_split_tabs(const char *line, size_t len, const char **fields,
		   size_t *lens, int max);

/* The words of LINE, a line of a rule or vocabulary file that starts with
 * no blank, split at runs of blanks (' ', '\t'); a trailing run gives a
 * last empty word (as a split at /[ \t]+/ does).  One block holds the
 * NULL-terminated array and the words: caller frees with g_free.  Their
 * number in *N when N is not NULL. */
char **skr_split_words(const char *line, int *n);

/* THE NUMBER PARSERS: the one place skrapa turns text into numbers
 * (g_ascii_strtoll / g_ascii_strtod: locale-independent).  The whole field
 * must be the number: no leading space, no '+', nothing after it.  A value
 * out of range is refused as SKR_NUM_RANGE, never clamped; callers that
 * read a document's text warn and leave the value absent. */
enum { SKR_NUM_OK = 0, SKR_NUM_BAD = -1, SKR_NUM_RANGE = -2 };

/* Parses the LEN bytes at S as a finite decimal number into *OUT.  Returns
 * SKR_NUM_OK, SKR_NUM_BAD (no number) or SKR_NUM_RANGE (beyond double). */
int skr_parse_double(const char *s, size_t len, double *out);

/* Parses the LEN bytes at S as an integer in BASE (10 or 16, no "0x") in
 * [MIN, MAX] into *OUT.  Returns SKR_NUM_OK, SKR_NUM_BAD (no integer) or
 * SKR_NUM_RANGE (an integer outside [MIN, MAX], however many digits). */
int skr_parse_int_base(const char *s, size_t len, int base, long min,
		       long max, long *out);

/* skr_parse_int_base() in base 10. */
int skr_parse_int(const char *s, size_t len, long min, long max, long *out);

/* Appends V with exactly two decimals ("%.2f" but faster; -0 prints 0);
 * beyond 1e15 in magnitude (and NaN, inf), the exact "%.17g" form. */
void skr_append_fixed2(GString *out, double v);

/* Appends the box X0 Y0 X1 Y1 with skr_append_fixed2(), SEP between the
 * four numbers (the layout's '\t', the records' ' '). */
void skr_append_box(GString *out, double x0, double y0, double x1,
		    double y1, char sep);

#endif
