/* pipeline.h - one PDF through extract, parse and emit, in process.
 *
 * The driver of bin/skrapa and of batch conversion (skrapa-index): the
 * ruleset is loaded once by the caller and reused for every file; the
 * output is written only after all three stages succeeded, through a
 * temporary file renamed into place, so a failure leaves nothing behind.
 */
#ifndef SKRAPA_PIPELINE_H
#define SKRAPA_PIPELINE_H

#include <skrapa/emit.h>
#include <skrapa/extract.h>
#include <skrapa/parse.h>

struct skr_batch_item;

typedef struct skr_pipeline_opts {
	enum skr_format format;
	const char *family;             /* NULL: classify */
	skr_extract_limits lim;
	unsigned jobs;                  /* skr_pipeline_convert_many: files
					   converted at a time (0 is 1; at
					   most 256) */
	/* skr_pipeline_convert_many, for bulk drivers (NULL: none), with its
	 * USER pointer: run in each child before it converts IT (where its
	 * stderr goes, its limits; may change *PO); and in the parent as an
	 * OCR page of item I begins (through the child's pipe). */
	void (*child_setup)(const struct skr_batch_item *it,
			    struct skr_pipeline_opts *po, void *user);
	void (*on_page)(guint i, int page, int pages, void *user);
} skr_pipeline_opts;

/* Converts PDF ("-" for stdin) with RS into OUTPUT (NULL or "-" for
 * stdout) in O's format.  SOURCE, when not NULL, is recorded as the
 * report's source instead of PDF (a path in the file name encoding; shown
 * as UTF-8).  Returns 0, or the exit code of the stage that failed, after
 * its one-line message; OUTPUT is then left as it was. */
int skr_pipeline_convert(const skr_ruleset *rs, const char *pdf,
			 const char *output, const char *source,
			 const skr_pipeline_opts *o);

/* Many files in one process (skrapa -O OUTDIR; a library entry point for
 * bulk drivers): the ruleset, Poppler's and libxml2's start-up are paid
 * once, and each file is converted in a child process of its own (fork),
 * so a file's failure, crash, hang or memory (O->lim, enforced by the
 * watchdog of limits.h) never touches another file. */

/* One file of a batch. */
typedef struct skr_batch_item {
	const char *pdf;                /* input (a path; not "-") */
	const char *output;             /* NULL: skr_pipeline_output_name() */
	const char *source;             /* recorded as the report's source;
					   NULL: PDF */
} skr_batch_item;

/* The outcome of one file, given to the callback. */
typedef struct {
	guint index;                    /* of the item in the batch */
	const char *pdf;                /* as given */
	const char *output;             /* the file written on success */
	int rc;                         /* exit code (exitcode.h) */
	const char *message;            /* its one-line error, "" when none */
	unsigned warnings;              /* warnings the child printed */
	int status;                     /* the child's wait status (0 when
					   it was not started) */
	gboolean reported;              /* the child sent its outcome (not:
					   it died, or the watchdog ended
					   it) */
} skr_batch_result;

typedef void (*skr_batch_fn)(const skr_batch_result *res, void *user);

/* The output of PDF in OUTDIR: OUTDIR/<base name less ".pdf">.xml (".csv"
 * for the CSV formats).  Caller frees. */
char *skr_pipeline_output_name(const char *outdir, const char *pdf,
			       enum skr_format fmt);

/* Readies this process (ON) to fork a child per file for N files, or
 * lets go (0) of what it held: with N >= 5 the rules' patterns are
 * JIT-compiled here, so the children share the compiled code instead of
 * each compiling its own; Poppler's tables (skr_extract_hold) and emit's
 * municipality code table are built here once.  The drivers of the
 * many-files mode (skrapa -O, skrapa-index convert) call it around their
 * skr_pipeline_convert_many() calls.  Cannot fail. */
void skr_pipeline_share(skr_ruleset *rs, guint n, int on);

/* Converts each of the N ITEMS as skr_pipeline_convert() would, started
 * in order (with O->jobs above 1 the largest files first, by size, so
 * that a large one does not run alone at the end), O->jobs at a time, into its output (OUTDIR, created when
 * missing, is needed only for items without one; it may be NULL when every
 * item has an output), and calls FN (may be NULL) as each ends, with its
 * outcome (in item order when O->jobs is 0 or 1).  An item whose output an
 * earlier item of the batch took fails with SKR_EX_USAGE.  Returns the
 * number of items that failed, or -SKR_EX_IO when OUTDIR cannot be
 * created (then nothing is converted). */
int skr_pipeline_convert_many(const skr_ruleset *rs,
			      const skr_batch_item *items, guint n,
			      const char *outdir, const skr_pipeline_opts *o,
			      skr_batch_fn fn, void *user);

#endif
