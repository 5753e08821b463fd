/* testutil.h - helpers shared by the Criterion tests (test-only code).
 * Programs are found in $SKRAPA_BIN (default "bin"); paths are relative to
 * the repository root, where `make check` runs the suite. */
#ifndef SKRAPA_TESTUTIL_H
#define SKRAPA_TESTUTIL_H

#include <glib.h>
#include <libxml/tree.h>
#include <skrapa/layout.h>

/* The path of program NAME ("skrapa-extract") in $SKRAPA_BIN.  Caller
 * frees. */
char *tu_prog(const char *name);

/* Runs ARGV (NULL-terminated) and waits.  Stores stdout and stderr (caller
 * frees; either may be NULL to discard) and returns the exit status, or -1
 * when the program could not run or was killed by a signal. */
int tu_run(const char *const *argv, char **out, char **err);

/* tu_run() of program NAME in $SKRAPA_BIN (tu_prog) with ARGS
 * (NULL-terminated, after the program; at most 30). */
int tu_run_prog(const char *name, const char *const *args, char **out,
		char **err);

/* A new temporary directory (caller frees the path and may remove it with
 * tu_rmtree). */
char *tu_tmpdir(void);

/* Removes DIR and everything below it. */
void tu_rmtree(const char *dir);

/* Reads a whole file; NULL when it cannot.  Caller frees. */
char *tu_slurp(const char *path, gsize *len);

/* Appends to FILES (an array that frees its strings) the path DIR/NAME of
 * each file in DIR whose name ends in SUFFIX, sorted; with RECURSIVE, also
 * those of the directories below (recursing before sorting, links to
 * directories followed).  A DIR that cannot be opened adds none. */
void tu_find_files(GPtrArray *files, const char *dir, const char *suffix,
		   gboolean recursive);

/* tu_find_files() of DIR alone, not recursive, into a new array.  Caller
 * frees (g_ptr_array_unref). */
GPtrArray *tu_files(const char *dir, const char *suffix);

/* A scan made at test time: pages FIRST..LAST of PDF rasterized at DPI
 * into DIR (pdftoppm -gray), EACH (may be NULL) called on every page
 * image with its page number and USER (to turn it, say), then the images
 * made one image-only A4 PDF OUT (img2pdf) and removed.  Returns 0, or -1
 * when a tool failed or the page count is not LAST - FIRST + 1. */
int tu_scan_pdf(const char *pdf, const char *dir, const char *out, int dpi,
		int first, int last,
		void (*each)(const char *image, int page, void *user),
		void *user);

/* The corpus PDFs (every .pdf in corpus/), sorted.  Caller frees (g_strfreev). */
char **tu_corpus_pdfs(void);

/* A layout of one page holding one line of TEXT (12 pt, at 70,100), read
 * by skr_layout_read; the test fails when it does not read.  Caller frees
 * with skr_layout_free. */
skr_layout *tu_one_line_layout(const char *text);

/* PATH with its extension replaced by EXT (".layout").  Caller frees. */
char *tu_with_ext(const char *path, const char *ext);

/* A python3 that can import pandas: "python3" on PATH when it can, else
 * Debian's /usr/bin/python3 (python3-pandas; a pyenv or venv python3 on
 * PATH may lack it).  Static string. */
const char *tu_python_pandas(void);

/* XPath EXPR evaluated on DOC, cast to a string (caller frees); NULL when
 * EXPR is not XPath. */
char *tu_xpath_str(xmlDoc *doc, const char *expr);

/* XPath EXPR evaluated on DOC, cast to a number; NaN when EXPR is not
 * XPath. */
double tu_xpath_num(xmlDoc *doc, const char *expr);

/* Writes DIR/whole.rng, a RELAX NG grammar that includes the core schema
 * emit/skrapa.rng and every *.rng fragment of the directories FRAGS
 * (NULL-terminated): the whole report schema, for xmllint (docs/xml.md).
 * Returns its path (caller frees). */
char *tu_whole_schema(const char *dir, const char *const *frags);

/* Number of lines in S. */
int tu_count_lines(const char *s);

#endif
