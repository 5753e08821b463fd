/* pipeline.h - one PDF through extract, parse and emit, in process.
 *
 * The driver of bin/skrapa and of batch conversion (skrapa-index): the
 * ruleset is loaded once by the caller and reused for every file; the
 * output is written only after all three stages succeeded, through a
 * temporary file renamed into place, so a failure leaves nothing behind.
 */
#ifndef SKRAPA_PIPELINE_H
#define SKRAPA_PIPELINE_H

#include <skrapa/extract.h>
#include <skrapa/parse.h>

enum skr_format { SKR_FORMAT_XML, SKR_FORMAT_CSV, SKR_FORMAT_SCORES_CSV,
		  SKR_FORMAT_JSON };

typedef struct {
	enum skr_format format;
	const char *family;             /* NULL: classify */
	skr_extract_limits lim;
} skr_pipeline_opts;

/* Parses "xml", "csv", "scores-csv" or "json" (NULL is "xml") into *OUT.
 * Returns 0, or -1 for any other name. */
int skr_format_parse(const char *name, enum skr_format *out);

/* Converts PDF ("-" for stdin) with RS into OUTPUT (NULL or "-" for
 * stdout) in O's format.  SOURCE, when not NULL, is recorded as the
 * report's source instead of PDF (a path in the file name encoding; shown
 * as UTF-8).  Returns 0, or the exit code of the stage that failed, after
 * its one-line message; OUTPUT is then left as it was. */
int skr_pipeline_convert(const skr_ruleset *rs, const char *pdf,
			 const char *output, const char *source,
			 const skr_pipeline_opts *o);

#endif
