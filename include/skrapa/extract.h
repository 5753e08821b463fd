/* extract.h - PDF to layout model (the extract stage), with poppler-glib.
 *
 * skr_extract() opens a PDF held in memory, runs layout analysis on every
 * page (characters -> lines -> blocks in reading order; bullets, running
 * headers/footers, page numbers, hyphens, superscripts marked) and returns
 * the model of layout.h.  It never writes output: the caller does, after a
 * complete success, so a failure leaves nothing behind.
 */
#ifndef SKRAPA_EXTRACT_H
#define SKRAPA_EXTRACT_H

#include <skrapa/layout.h>

#include <stddef.h>

/* When pages are read by OCR (--ocr): pages without a text layer that
 * show an image (a scan), every page, or none. */
enum skr_ocr_mode { SKR_OCR_AUTO, SKR_OCR_NEVER, SKR_OCR_ALWAYS };

/* The run's limits: one set, accepted by every program, each honouring
 * what concerns it (README "Limits and exit codes"); and the OCR options. */
typedef struct {
	int max_pages;                  /* more pages: SKR_EX_TOO_LARGE */
	int max_chars;                  /* per page, annotations included;
					   more: SKR_EX_TOO_LARGE */
	double timeout;                 /* seconds for the whole conversion
					   (extract, parse, emit), plus 30
					   per page read by OCR; 0: none */
	int max_records;                /* parse cuts there (a warning); emit
					   refuses more (SKR_EX_BAD_RECORDS) */
	int max_memory;                 /* MiB (limits.h); 0: none */
	enum skr_ocr_mode ocr;          /* --ocr, default auto */
	int ocr_dpi;                    /* --ocr-dpi; 0: 300 */
	char ocr_lang[65];              /* --ocr-lang; "": "swe" */
	int progress;                   /* --progress: "page N/M (OCR)" on
					   stderr as each OCR page starts */
	/* Called as each page read by OCR starts (PAGE of the document's
	 * PAGES), with ON_OCR_DATA; NULL: none.  Not set by an option. */
	void (*on_ocr_page)(int page, int pages, void *data);
	void *on_ocr_data;
} skr_extract_limits;

/* The defaults: 5000 pages, 200000 characters per page, 120 s, 1000000
 * records, 2048 MiB; OCR of scanned pages in Swedish at 300 dpi. */
#define SKR_EXTRACT_TIMEOUT_DEFAULT 120.0
#define SKR_EXTRACT_LIMITS_DEFAULT { 5000, 200000, \
	SKR_EXTRACT_TIMEOUT_DEFAULT, 1000000, 2048, SKR_OCR_AUTO, 0, "", \
	0, NULL, NULL }
#define SKR_OCR_DPI_DEFAULT 300
#define SKR_OCR_LANG_DEFAULT "swe"

/* Adds the options --max-pages, --max-chars, --timeout, --max-records,
 * --max-memory, --ocr, --ocr-lang, --ocr-dpi and --progress, which write into LIM, to
 * the main group of CTX (the entries are copied; LIM must outlive the
 * parse). */
void skr_extract_add_options(GOptionContext *ctx, skr_extract_limits *lim);

/* Returns 0 when LIM's values are usable (positive limits, timeout and
 * memory >= 0, OCR resolution 0 or 70..600); otherwise prints "a limit
 * option is out of range (see --help)" and returns SKR_EX_USAGE. */
int skr_extract_limits_check(const skr_extract_limits *lim);

/* Extracts the PDF in DATA (LEN bytes; must stay valid during the call).
 * NAME is the source as given (for messages and the doc record).
 * On success stores a new layout in *OUT (caller frees with
 * skr_layout_free) and returns 0; warnings (repaired file, owner password,
 * pages without text) go to stderr.  On failure prints one line naming NAME
 * and the reason, stores NULL and returns the exit code: SKR_EX_EMPTY,
 * SKR_EX_NOT_PDF, SKR_EX_DAMAGED, SKR_EX_ENCRYPTED, SKR_EX_NO_TEXT,
 * SKR_EX_TOO_LARGE or SKR_EX_TIMEOUT. */
int skr_extract(const char *data, size_t len, const char *name,
		const skr_extract_limits *lim, skr_layout **out);

/* Reads the file PATH and extracts it as skr_extract() does.  A regular
 * file is mapped, whatever its size; "-" (stdin), a pipe or a device is
 * read up to 2 GiB (SKR_EX_NOT_PDF as soon as its first KiB has no
 * "%PDF-").  A directory or a file that cannot be read gives SKR_EX_IO. */
int skr_extract_file(const char *path, const skr_extract_limits *lim,
		     skr_layout **out);

/* Keeps (ON) or lets go of (0) Poppler's process-wide tables: its font,
 * encoding and Unicode tables (GlobalParams, 3.4 M instructions to build),
 * which Poppler otherwise builds for each document and frees with it.  A
 * driver that forks a child per file turns it on before the first fork,
 * so every child inherits the tables instead of building its own.
 * Returns 1 while they are held, else 0. */
int skr_extract_hold(int on);

#endif
