/* pdfdraw.h - test-only: draws a small line-based "document spec" into a PDF
 * with cairo, so tests can make report-like PDFs at run time.
 *
 * THE SPEC LANGUAGE.  UTF-8, one command per line: a command word, one space,
 * its arguments.  Blank lines and lines starting with '#' are ignored.
 * Lengths are PDF points, the origin is the top-left corner of an A4 page
 * (595.28 x 841.89).  TEXT arguments take escapes: "\u{F0B7}" a code point,
 * "\n" a forced line break, "\\" a backslash; "^{4}" draws "4" as a small
 * raised superscript glued to what precedes it.
 *
 * Style (applies to what is drawn after it):
 *   font FAMILY          font family, e.g. "DejaVu Sans" (cairo toy API)
 *   size PT              font size (default 11)
 *   bold on|off          bold weight
 *   leading F            line height = F x size (default 1.2)
 *   align left|center|right   alignment of para lines outside table rows
 * Page:
 *   margins L R T B      page margins (default 70 70 70 70)
 *   page                 start a new page (ignored while the page is empty)
 *   pagenum N            the current page is numbered N (then N+1, ...)
 *   header LEFT [| RIGHT]   running header drawn on every page finished
 *   footer LEFT [| RIGHT]   from now on; "{page}" becomes the page number;
 *                        RIGHT is right-aligned; "header off" stops it.
 *                        Uses the style current when the command is read.
 * Flow (a cursor runs down the page or the current table cell; a line that
 * does not fit above the bottom margin starts a new page):
 *   cursor Y             move the page cursor to Y
 *   gap PT               vertical space
 *   need PT              start a new page unless PT are left above the
 *                        bottom margin (keeps a heading with what follows)
 *   para TEXT            paragraph wrapped into the column width (breaks at
 *                        spaces, or after a '-' inside a too long word)
 *   bullet U+XXXX [U+YYYY]   glyph for following items: its code point in
 *                        the text layer, and optionally another one to draw
 *                        (U+F0B7 is drawn as U+2022, U+F0A7 as U+25AA by
 *                        default); "bullet none": no glyph, text indented
 *   indent A B [C]       item glyph at column x + A, text at x + B
 *                        (default 0 18); continuation lines at x + C
 *                        (default B: aligned with the text; C = A: flush)
 *   item TEXT            a bulleted item with hanging indent
 *   spread LEFT | RIGHT  one line: LEFT at the left, RIGHT flush right on
 *                        the same baseline
 * Absolute drawing (not inside a row):
 *   text X Y TEXT        one unwrapped line, baseline at (X, Y)
 *   rect X Y W H         stroked rectangle
 *   line X0 Y0 X1 Y1     stroked line
 * Tables (rows start at the left margin and are never split across pages):
 *   columns W1 W2 ...    column widths (at most 8)
 *   border on|off        stroke cell borders (default on)
 *   rules W GREY         width (points) and grey (0 black .. 1 white) of
 *                        cell borders, rects and lines (default 0.75 0)
 *   padding PT           cell padding (default 5)
 *   row                  begin a row; then per cell:
 *   cell [left|center|right] [top|middle|bottom]
 *                        start the next cell; flow commands fill it; the
 *                        cell's content is aligned in the finished row
 *   endrow               finish the row: all cells as tall as the tallest
 */
#ifndef SKRAPA_TESTS_PDFDRAW_H
#define SKRAPA_TESTS_PDFDRAW_H

/* Renders the spec file SPEC_PATH into the PDF file PDF_OUT.  Returns 0 on
 * success; on failure prints "cannot render 'SPEC': line K: REASON" (or an
 * I/O message) with skr_error() and returns its non-zero exit code
 * (SKR_EX_USAGE for a bad spec, SKR_EX_IO otherwise); PDF_OUT may then be
 * left incomplete. */
int pdfdraw_render(const char *spec_path, const char *pdf_out);

#endif
