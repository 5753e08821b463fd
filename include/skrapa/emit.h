/* emit.h - record stream -> XML report (emit/skrapa.rng) or CSV, with checks.
 *
 * The emit stage maps the record paths of docs/paths.md onto the public XML
 * contract of docs/xml.md, runs the consistency checks (Kommunkompassen
 * score sums, table totals, percents, missing areas and lists; required
 * fields of the other families) and writes XML or CSV (docs/csv.md).
 *
 * OWNERSHIP.  No function keeps or changes the skr_records it is given.
 * Every returned object is new and the caller frees it: xmlDoc* with
 * xmlFreeDoc(), the check array with g_ptr_array_unref() (it frees its
 * skr_check elements).  NAME arguments are only used in messages and as the
 * fallback of the report's source attribute; they are not kept.
 *
 * WARNINGS.  Every check that is not ok, and every record kept as a generic
 * <field> because its value did not fit, is reported with skr_warning()
 * (silence them with skr_diag_set_quiet()).
 */
#ifndef SKRAPA_EMIT_H
#define SKRAPA_EMIT_H

#include <skrapa/records.h>

#include <glib.h>
#include <libxml/tree.h>
#include <stdio.h>

enum skr_check_status { SKR_CHECK_OK, SKR_CHECK_MISMATCH, SKR_CHECK_MISSING };

/* One check result.  Strings are owned by the check; NULL when absent. */
typedef struct {
	char *name;                     /* "total-sum", "table-rows-sum", ... */
	enum skr_check_status status;
	int area;                       /* area number, 0 when none */
	char *row;                      /* table row id ("total" for the
					   total row) */
	char *field;                    /* a required field's path */
	char *expected;                 /* compared values, as text */
	char *found;
	char *missing;                  /* area-count: missing numbers */
} skr_check;

/* "ok", "mismatch" or "missing". */
const char *skr_check_status_name(enum skr_check_status s);

/* Runs the checks of R's family (meta "family").  When WARN is non-zero,
 * each result that is not ok is also printed with skr_warning(), naming
 * NAME.  Returns a new array of skr_check* (caller frees with
 * g_ptr_array_unref); never NULL, possibly empty. */
GPtrArray *skr_emit_checks(const skr_records *r, const char *name, int warn);

/* Number of results in CHECKS that are not ok (for AREA when AREA > 0). */
unsigned skr_checks_failed(const GPtrArray *checks, int area);

/* Builds the XML report of R (not validated; see skr_emit_validate).
 * Warns as described above.  Returns a new document (caller frees with
 * xmlFreeDoc); never NULL. */
xmlDoc *skr_emit_doc(const skr_records *r, const char *name);

/* Validates DOC against the RELAX NG schema: the file named by env
 * SKRAPA_SCHEMA, else <directory of the executable>/../emit/skrapa.rng.
 * The schema is loaded once and kept.  Returns 0; SKR_EX_IO when the schema
 * cannot be found or read; SKR_EX_INVALID_XML when DOC is not valid (one
 * message naming NAME and the first error). */
int skr_emit_validate(xmlDoc *doc, const char *name);

/* Whether skr_emit_xml() validates its document.  The emitter builds only
 * what the schema allows, so validation is the check of that promise, not
 * a step of every run: off by default (it costs more than parse and the
 * rest of emit together), on with a program's --validate, with
 * skr_emit_set_validate(1), or when the environment has SKRAPA_VALIDATE set
 * to anything but "" or "0" (make check's tests and the emit fuzzer).  The
 * schema is loaded only by the first validation. */
void skr_emit_set_validate(int on);
int skr_emit_validating(void);

/* Builds, validates when skr_emit_validating(), and writes the indented
 * UTF-8 report of R to F.  Nothing is written when validation fails.
 * Returns 0, or the code of skr_emit_validate(), or SKR_EX_IO when writing
 * fails (no message for a write error: the caller's skr_outfile_commit
 * reports it). */
int skr_emit_xml(const skr_records *r, FILE *f, const char *name);

/* Writes R as long-form CSV (one row per record; columns in docs/csv.md),
 * preceded by the header row when HEADER is non-zero.  Returns 0 or
 * SKR_EX_IO (F's error flag, no message). */
int skr_emit_csv(const skr_records *r, FILE *f, const char *name, int header);

/* Writes one CSV row per area of a Kommunkompassen report R (none for the
 * other families), preceded by the header row when HEADER is non-zero.
 * Runs the checks without warnings.  Returns 0 or SKR_EX_IO. */
int skr_emit_scores_csv(const skr_records *r, FILE *f, const char *name,
			int header);

/* The output formats, by name "xml", "csv" and "scores-csv". */
enum skr_format { SKR_FORMAT_XML, SKR_FORMAT_CSV, SKR_FORMAT_SCORES_CSV };

/* Parses a format NAME (NULL is "xml") into *OUT.  Returns 0, or -1 for
 * any other name. */
int skr_format_parse(const char *name, enum skr_format *out);

/* Writes R to F in format FMT (skr_emit_xml, skr_emit_csv or
 * skr_emit_scores_csv, with the header row).  Returns what they return. */
int skr_emit_format(const skr_records *r, enum skr_format fmt, FILE *f,
		    const char *name);

/* Appends V (NULL is "") to S as one RFC 4180 field, quoted when it holds
 * a comma, quote, CR or LF, then ',' or, when LAST, '\n'. */
void skr_csv_field(GString *s, const char *v, int last);

#endif
