/* emit.h - record stream -> XML report (emit/skrapa.rng), CSV or JSON, with
 * checks; the archive-wide tables and the HTML overview made from reports.
 *
 * The emit stage maps the record paths of docs/paths.md onto the public XML
 * contract of docs/xml.md, as the vocabulary of the report's family says
 * (NAME.vocab beside the rule files, include/skrapa/vocab.h), runs the
 * consistency checks (Kommunkompassen
 * score sums, table totals, percents, missing areas and lists; required
 * fields of the other families), adds what researchers join and compare on
 * (municipality codes and area themes, from the tables in data/ built into
 * the program) and writes XML, CSV (docs/csv.md) or JSON (docs/json.md).
 * CSV and JSON are made from the XML document, so one report and a whole
 * archive (skr_archive) give the same rows.
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

enum skr_check_status { SKR_CHECK_OK, SKR_CHECK_MISMATCH, SKR_CHECK_MISSING,
			 SKR_CHECK_LOW };

/* A value read by OCR with a lower mean word confidence gets a check
 * "ocr-confidence" with status "low" (field: its path). */
#define SKR_OCR_CONF_LOW 75

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

/* "ok", "mismatch", "missing" or "low". */
const char *skr_check_status_name(enum skr_check_status s);

/* Runs the checks of R's family (meta "family"): those of every family,
 * the required paths and the check set its vocabulary names (only those
 * of every family when the vocabularies do not load).  When WARN is non-zero,
 * each result that is not ok is also printed with skr_warning(), naming
 * NAME.  Returns a new array of skr_check* (caller frees with
 * g_ptr_array_unref); never NULL, possibly empty. */
GPtrArray *skr_emit_checks(const skr_records *r, const char *name, int warn);

/* Number of results in CHECKS that are not ok (for AREA when AREA > 0). */
unsigned skr_checks_failed(const GPtrArray *checks, int area);

/* Builds the XML report of R (not validated; see skr_emit_validate).
 * Warns as described above.  Returns a new document (caller frees with
 * xmlFreeDoc), or NULL when the vocabularies do not load (then
 * skr_vocab_load() has printed why and returns SKR_EX_BAD_VOCAB). */
xmlDoc *skr_emit_doc(const skr_records *r, const char *name);

/* Validates DOC against the RELAX NG schema of its family: the core grammar
 * (the file named by env SKRAPA_SCHEMA, else skr_data_path("skrapa.rng"))
 * with the fragment the family's vocabulary names (a family without one is
 * checked as "unknown").  Each family's schema is loaded once and kept.
 * Returns 0; SKR_EX_IO when a schema file cannot be found or read;
 * SKR_EX_INVALID_XML when DOC is not valid (one message naming NAME and
 * the first error). */
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
 * Returns 0, or the code of skr_vocab_load() or skr_emit_validate(), or
 * SKR_EX_IO when writing fails (no message for a write error: the caller's skr_outfile_commit
 * reports it). */
int skr_emit_xml(const skr_records *r, FILE *f, const char *name);

/* skr_emit_xml() into OUT (appended) instead of a stream, for a caller
 * that keeps the report in memory: no copy through stdio.  OUT is left
 * with a partial report on failure.  Returns what skr_emit_xml returns but
 * SKR_EX_IO. */
int skr_emit_xml_string(const skr_records *r, GString *out, const char *name);

/* ---- Facts of a report, whatever its family (tables, index) ---- */

/* The year of report DOC: evaluation/@year, /report/year, else the year of
 * /report/meeting-date: its first run of four digits starting 19 or 20
 * ("2021-03-15", "15 mars 2021").
 * NULL when none.  Caller frees (g_free), as for the two below. */
char *skr_report_year(xmlDoc *doc);

/* The meeting date of minutes, /report/meeting-date as printed, or NULL. */
char *skr_report_date(xmlDoc *doc);

/* /report/title, else the first paragraph's title (minutes), or NULL. */
char *skr_report_title(xmlDoc *doc);

/* ---- CSV (docs/csv.md) ---- */

enum skr_csv_dialect {
	SKR_CSV_RFC4180,                /* ',' and '.', no BOM (default) */
	SKR_CSV_EXCEL_SV,               /* ';', decimal comma, UTF-8 BOM */
};

/* How CSV is written; all zero is the default (RFC 4180, cells that a
 * spreadsheet would run as formulas neutralised). */
typedef struct {
	enum skr_csv_dialect dialect;
	int raw;                        /* keep cells as they are */
} skr_csv_opts;

/* Sets the options of every CSV written in this process where the caller
 * gives none (O NULL below; skr_emit_csv, skr_emit_scores_csv, the
 * archive): a program's --csv-dialect and --csv-raw.  O is copied. */
void skr_csv_set_options(const skr_csv_opts *o);

/* The two tables: one row per value, one row per Kommunkompassen area. */
enum skr_csv_table { SKR_CSV_VALUES, SKR_CSV_SCORES };

/* Parses "rfc4180" or "excel-sv" (NULL: rfc4180).  Returns 0 or -1. */
int skr_csv_dialect_parse(const char *name, enum skr_csv_dialect *out);

/* A program's --csv-dialect DIALECT (NULL: rfc4180) and --csv-raw RAW as
 * the process's CSV options (skr_csv_set_options).  Returns 0, or
 * SKR_EX_USAGE after "unknown CSV dialect 'DIALECT'" (options unchanged). */
int skr_csv_configure(const char *dialect, int raw);

/* Appends TABLE's header row to S (with the BOM in excel-sv).  O may be
 * NULL (the process's options). */
void skr_csv_header(GString *s, enum skr_csv_table t, const skr_csv_opts *o);

/* Appends TABLE's rows of the XML report DOC (skr_emit_doc, or a report
 * read back) to S.  SOURCE, when not NULL, is the source column instead of
 * /report/@source.  The same columns for one file and an archive. */
void skr_csv_rows(GString *s, xmlDoc *doc, enum skr_csv_table t,
		  const char *source, const skr_csv_opts *o);

/* Writes the values table (skr_emit_csv) or the scores table
 * (skr_emit_scores_csv) of R to F, after the header row when HEADER, with
 * the process's options (skr_csv_set_options).  Prints no warnings (the
 * checks are in the checks columns).
 * Returns 0 or SKR_EX_IO (F's error flag, no message). */
int skr_emit_csv(const skr_records *r, FILE *f, const char *name, int header);
int skr_emit_scores_csv(const skr_records *r, FILE *f, const char *name,
			int header);

/* The output formats, by name "xml", "csv", "scores-csv" and "json". */
enum skr_format { SKR_FORMAT_XML, SKR_FORMAT_CSV, SKR_FORMAT_SCORES_CSV,
		  SKR_FORMAT_JSON };

/* Parses a format NAME (NULL is "xml") into *OUT.  Returns 0, or -1 for
 * any other name. */
int skr_format_parse(const char *name, enum skr_format *out);

/* Writes R to F in format FMT (skr_emit_xml, skr_emit_csv,
 * skr_emit_scores_csv with the header row, or skr_emit_json).  Returns
 * what they return. */
int skr_emit_format(const skr_records *r, enum skr_format fmt, FILE *f,
		    const char *name);

/* Appends V (NULL is "") to S as one CSV cell of dialect O (NULL: the
 * process's options), quoted when it holds the separator, a quote, CR or LF, and
 * neutralised unless O->raw: control characters other than TAB, LF, CR
 * become U+FFFD and a cell starting with = + - @ TAB or CR that is not a
 * number gets a leading apostrophe; then the separator or, when LAST,
 * '\n'. */
void skr_csv_cell(GString *s, const char *v, int last, const skr_csv_opts *o);

/* skr_csv_cell with the default options (RFC 4180, neutralised). */
void skr_csv_field(GString *s, const char *v, int last);

/* ---- JSON (docs/json.md) ---- */

/* The JSON text of the XML report DOC: each element an object of its
 * attributes (integers typed), its "text" and its
 * children by name (arrays for the repeatable ones).  SOURCE, when not
 * NULL, replaces @source.  PRETTY: indented, else one line.  Caller frees
 * with g_free. */
char *skr_json_report(xmlDoc *doc, const char *source, int pretty);

/* Builds, validates when skr_emit_validating(), and writes the JSON report
 * of R to F.  Returns 0, the code of skr_emit_validate(), or SKR_EX_IO. */
int skr_emit_json(const skr_records *r, FILE *f, const char *name);

/* ---- Archive-wide tables (docs/csv.md, docs/json.md) ---- */

typedef struct skr_archive skr_archive;

/* Opens DIR/values.csv, DIR/scores.csv and DIR/reports.jsonl through
 * temporary files and writes the CSV headers.  Stores a new handle in *OUT
 * (finish it with skr_archive_commit or skr_archive_free).  Returns 0 or
 * SKR_EX_IO with a message (*OUT NULL). */
int skr_archive_new(const char *dir, skr_archive **out);

/* Appends the rows and the JSON line of report DOC, whose source column is
 * SOURCE (NULL: /report/@source). */
void skr_archive_add(skr_archive *a, xmlDoc *doc, const char *source);

/* Writes out and syncs the three files (skr_outfile_flush), so that a
 * full disk shows before anything is renamed.  Returns 0 or SKR_EX_IO with
 * a message (then free A). */
int skr_archive_flush(skr_archive *a);

/* Renames the three files into place; frees A.  Returns 0 or SKR_EX_IO
 * (then none of the files that were not yet renamed is changed). */
int skr_archive_commit(skr_archive *a);

/* Discards the files (the targets are left as they were) and frees A;
 * NULL is accepted. */
void skr_archive_free(skr_archive *a);

/* ---- index.xml and its HTML overview (docs/ingest.md) ---- */

/* Adds to ENTRY, the index.xml <report> element of REPORT, its @warnings
 * (checks not ok plus values kept as field), total/@stated-page, and one
 * empty <area> per
 * Kommunkompassen area with @number, @theme, @score and @page (of the
 * score), after ENTRY's other children. */
void skr_index_entry_extra(xmlNode *entry, xmlDoc *report);

/* Writes DIR/index.html from DIR/index.xml with the built-in stylesheet
 * emit/overview.xsl (libxslt; it may not read other files, write or use
 * the network).  Returns 0, SKR_EX_IO or SKR_EX_INTERNAL
 * with a message. */
int skr_overview_write(const char *dir);

/* The official code of the municipality or region NAME (data/
 * municipalities.tsv): a 4-digit kommunkod, or a region's 2-digit länskod.
 * NAME may be in any usual form: "Lindesberg", "Lindesbergs kommun",
 * "LINDESBERGS KOMMUN", "Göteborgs Stad", "Region Skåne".  Stores "kommun"
 * or "region" in *KIND when KIND is not NULL.  Returns a static string, or
 * NULL (and *KIND NULL) for an unknown name. */
const char *skr_municipality_code(const char *name, const char **kind);

#endif
