/* index-int.h - internals shared by the files of index/ (not public).
 * The public contract is include/skrapa/index.h. */
#ifndef SKRAPA_INDEX_INT_H
#define SKRAPA_INDEX_INT_H

#include <glib.h>
#include <libxml/tree.h>
#include <skrapa/emit.h>
#include <skrapa/parse.h>
#include <skrapa/sha256.h>
#include <signal.h>
#include <time.h>

/* Largest manifest, failure record or per-file XML read back (bytes). */
#define IDX_MAX_MANIFEST ((size_t)256 << 20)
#define IDX_MAX_FAIL ((size_t)64 << 10)

/* One PDF of the archive.  PATH (the file to convert) is only known to the
 * scan; after reading a manifest it is NULL. */
typedef struct {
	char *stem;
	char *source;                   /* path relative to IN, UTF-8 */
	char *path;                     /* raw path of the PDF, or NULL */
	gint64 size;                    /* of the PDF (scan only) */
	struct timespec mtime;          /* of the PDF (scan only) */
} idx_entry;

/* Which file of index/ calls which (no circle): manifest, outdir, deps and
 * report call none; state -> outdir, manifest; chunk -> outdir; sync ->
 * chunk, deps, state, outdir, manifest; scan -> sync; job -> state;
 * convert -> job, state, deps; build -> report, manifest; summary ->
 * outdir. */

/* Frees E and its strings; NULL is accepted (manifest.c). */
void idx_entry_free(gpointer e);

/* Orders idx_entry* pointers by source (g_ptr_array_sort). */
gint idx_entry_by_source(gconstpointer a, gconstpointer b);

/* ---- outdir.c: the one place OUT's file names are spelled ---- */

typedef enum {
	IDX_XML,                /* STEM.xml: the report */
	IDX_FAIL,               /* .fail/STEM.tsv: why STEM failed */
	IDX_STAMP,              /* .ingest/st/STEM: STEM's state (state.c) */
	IDX_SRC,                /* .src/STEM.pdf: symlink to the PDF */
	IDX_LOG,                /* .ingest/log/STEM.log: its stderr */
	IDX_CHUNK,              /* .ingest/chunk/NAME: a chunk's stamp */
	IDX_MANIFEST,           /* manifest.tsv */
	IDX_INDEX,              /* index.xml */
	IDX_SCORES,             /* scores.csv */
	IDX_FAILURES,           /* failures.tsv */
	IDX_ORPHANS,            /* orphans.tsv: outputs whose PDF left IN */
	IDX_STEMS_MK,           /* .ingest/stems.mk: stems and chunks, make */
	IDX_RUN_LOG,            /* .ingest/run.log: this run's outcomes */
	IDX_RUN_TOOL,           /* .ingest/run.tool: this run's tool errors */
	IDX_TODO,               /* .ingest/todo: conversions this run needs */
	IDX_DANGLING,           /* .ingest/dangling.tsv: links to nothing */
} idx_file;

/* The path of file F of OUT; STEM is the stem (or chunk name) for the
 * per-stem files, NULL for the others.  Caller frees. */
char *idx_path(const char *out, idx_file f, const char *stem);

/* The number of stale stems the scan counted (.ingest/todo); 0 when the
 * file is missing or holds no count. */
unsigned idx_read_todo(const char *out);

/* Creates OUT's directories.  Returns 0 or SKR_EX_IO. */
int idx_make_dirs(const char *out);

/* Removes every file of STEM from OUT (report, failure, stamp, log, link). */
void idx_forget(const char *out, const char *stem);

/* Removes the temporary files a killed run left in OUT. */
void idx_remove_temps(const char *out);

/* The stems that have a source link in OUT (caller frees). */
GPtrArray *idx_linked_stems(const char *out);

/* True when DIR looks like an ingest output directory. */
gboolean idx_is_outdir(const char *dir);

/* ---- manifest.c ---- */

/* Reads the manifest at PATH into a new array of idx_entry* (caller frees
 * with g_ptr_array_unref) stored in *OUT.  A missing file gives an empty
 * array when MISSING_OK.  Returns 0, or SKR_EX_IO with a message (unreadable,
 * malformed line). */
int idx_manifest_read(const char *path, int missing_ok, GPtrArray **out);

/* Appends the manifest text of ENTRIES (idx_entry*) to S. */
void idx_manifest_format(const GPtrArray *entries, GString *s);

/* Writes LEN bytes of DATA to PATH atomically, unless PATH already holds
 * exactly them (its mtime is then left alone).  Returns 0 or SKR_EX_IO. */
int idx_write_if_changed(const char *path, const char *data, size_t len);

/* ---- state.c: the outcome of each file ---- */

typedef enum { IDX_OK, IDX_FAILED, IDX_TOOL } idx_kind;

/* What one conversion came to.  FAILED: the PDF is bad (remembered until
 * it changes); TOOL: the machine failed (disk full, I/O error, too many
 * files, a killed child): nothing recorded, retried by the next run. */
typedef struct {
	idx_kind kind;
	int code;               /* exit code; 128 + N when killed by signal N */
	const char *stage;      /* extract, parse, emit, skrapa (static) */
	unsigned warnings;
	char *message;          /* plain text, "" when none */
} idx_outcome;

/* A PDF as the stamp knows it. */
typedef struct {
	gint64 size;
	struct timespec mtime;
	char sha256[SKR_SHA256_HEX_LEN + 1];  /* "" when not computed */
} idx_pdfid;

/* The stage of exit CODE: extract, parse, emit or skrapa. */
const char *idx_stage_of(int code);

/* The kind of an outcome with exit CODE, or killed by signal SIG. */
idx_kind idx_kind_of(int code, int sig);

/* Frees O's message and zeroes it. */
void idx_outcome_clear(idx_outcome *o);

/* Size and mtime of the file PATH, and its sha256 when HASH.  0 or -1
 * (errno). */
int idx_pdf_id(const char *path, idx_pdfid *id, int hash);

/* True when STEM's stamp records an outcome that still exists, for the PDF
 * at PDF as it is now (same size and mtime, or same size and sha256: then
 * the stamp is brought up to date), and (DEPS not NULL) is newer than
 * DEPS. */
gboolean idx_fresh(const char *out, const char *stem, const char *pdf,
		   const struct timespec *deps);

/* Records outcome O of E's conversion, begun at START on the PDF ID: OK
 * leaves the report and removes a failure record; FAILED removes the
 * report and writes the failure record; both then write the stamp dated
 * START.  TOOL only removes the stamp.  Returns 0 or SKR_EX_IO. */
int idx_outcome_record(const char *out, const idx_entry *e,
		       const idx_outcome *o, const idx_pdfid *id,
		       const struct timespec *start);

/* ---- deps.c ---- */

/* The newest modification time of what every result depends on: this
 * program, its rule files and the schema, in *T.  Returns 0 or SKR_EX_IO
 * (a dependency is missing). */
int idx_deps_time(struct timespec *t);

/* ---- sync.c, chunk.c: OUT in line with a scan ---- */

/* What a scan found and what to do with OUT. */
typedef struct {
	const char *in;         /* IN as given (messages) */
	unsigned chunks;        /* wanted, 0: automatic */
	int prune;              /* remove the outputs of orphans */
	int force;              /* go on although IN looks wrong */
	GPtrArray *dangling;    /* sources (char*) of links to nothing */
} idx_scan_opts;

/* Makes OUT's links, stamps, lists and orphan list agree with ENTRIES
 * (sorted, with paths): see skr_index_scan.  Returns 0, SKR_EX_USAGE
 * (refused) or SKR_EX_IO. */
int idx_sync(const char *out, const GPtrArray *entries,
	     const idx_scan_opts *o);

/* The number of chunks for NFILES PDFs when WANT is 0 (see
 * skr_index_scan), else WANT. */
unsigned idx_chunk_count(guint nfiles, unsigned want);

/* Appends to S the make text of stems.mk: INGEST_STEMS, and ENTRIES split
 * into N chunks (INGEST_CHUNK_LIST, one INGEST_CHUNK_<name> per chunk). */
void idx_chunks_format(const GPtrArray *entries, unsigned n, GString *s);

/* Removes the chunk stamps OUT/.ingest/chunk/NAME that belong to another
 * chunk count than N or hold a stem of STALE (a set of stems). */
void idx_chunks_sync(const char *out, const GPtrArray *entries, unsigned n,
		     GHashTable *stale);

/* True when PATH exists and A is newer than PATH's modification time. */
gboolean idx_newer_than(const struct timespec *a, const char *path);

/* ---- build.c, report.c ---- */

/* Adds to INDEX (the <index> element) the <report> element of the report
 * in file XML and its rows to the archive tables ARCH.  SOURCE and FILE
 * are the manifest's source and the XML's base name.  Returns 0 or
 * SKR_EX_IO / SKR_EX_INVALID_XML. */
int idx_report_add(const char *xml, const char *source, const char *file,
		   xmlNode *index, skr_archive *arch);

/* ---- manifest.c (files), job.c, convert.c ---- */

/* The coarse wall clock (the file systems' clock) less 1 ns: files
 * changed from now on are newer than a stamp dated with it. */
struct timespec idx_job_now(void);

/* Writes TEXT to PATH through a temporary file and rename, dated MTIME
 * (NULL: now).  Returns 0 or SKR_EX_IO. */
int idx_put_file(const char *path, const char *text,
		 const struct timespec *mtime);

/* Converts a built-in one-page PDF with RS in memory, before the first
 * fork, so that what every conversion would set up again (poppler's tables,
 * the dynamic linker's symbol bindings, the schema) is inherited by the
 * children.  Prints nothing; a failure only costs that saving. */
void idx_job_prepare(const skr_ruleset *rs);

/* Converts E in a forked child with RS and records the outcome (see
 * skr_index_convert).  Returns 0 for a good or bad PDF, SKR_EX_IO for a
 * tool error (said on stderr and in OUT's run.tool) or when the outcome
 * cannot be recorded; does not return when the child was interrupted. */
int idx_job_run(const char *out, const idx_entry *e,
		const skr_ruleset *rs, unsigned todo, int quiet);

#endif
