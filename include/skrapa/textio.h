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

/* The framing both stage formats share.  Splits the LEN bytes at BUF into
 * lines ended by LF; the first must equal MAGIC; then calls FN(CTX, LINE,
 * LEN) for each further line, with *LINENO set to its 1-based number.
 * Returns 0, FN's first non-zero result, or BAD(CTX, REASON) for an empty
 * input, a wrong first line or a last line without LF (*LINENO naming
 * it). */
int skr_read_lines(const char *buf, size_t len, const char *magic,
		   size_t *lineno, int (*fn)(void *, const char *, size_t),
		   int (*bad)(void *, const char *), void *ctx);

/* Splits the LEN bytes at LINE on TAB into at most MAX fields; FIELDS[i]
 * points into LINE and LENS[i] is its length.  Returns the number of fields
 * found, or MAX + 1 when there are more than MAX. */
int skr_split_tabs(const char *line, size_t len, const char **fields,
		   size_t *lens, int max);

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

#endif
