/* index-int.h - internals shared by the files of index/ (not public).
 * The public contract is include/skrapa/index.h. */
#ifndef SKRAPA_INDEX_INT_H
#define SKRAPA_INDEX_INT_H

#include <glib.h>
#include <libxml/tree.h>
#include <skrapa/emit.h>
#include <skrapa/parse.h>
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

/* Frees E and its strings; NULL is accepted. */
void idx_entry_free(gpointer e);

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

/* Makes OUT's symlinks, stamps and outputs agree with ENTRIES (sorted,
 * with paths): see skr_index_scan.  Returns 0 or SKR_EX_IO. */
int idx_sync(const char *out, const GPtrArray *entries, unsigned chunks);

/* The number of chunks for NFILES PDFs when WANT is 0 (see
 * skr_index_scan), else WANT. */
unsigned idx_chunk_count(guint nfiles, unsigned want);

/* Appends to S the make text of stems.mk: INGEST_STEMS, and ENTRIES split
 * into N chunks (INGEST_CHUNK_LIST, one INGEST_CHUNK_<name> per chunk). */
void idx_chunks_format(const GPtrArray *entries, unsigned n, GString *s);

/* Removes the chunk stamps OUT/.ingest/chunk/NAME that belong to another
 * chunk count than N or hold a stem of ENTRIES (with mtimes) whose stamp
 * is missing or older than its PDF. */
void idx_chunks_sync(const char *out, const GPtrArray *entries, unsigned n);

/* True when PATH exists and A is newer than PATH's modification time. */
gboolean idx_newer_than(const struct timespec *a, const char *path);

/* Adds to INDEX (the <index> element) the <report> element of the report
 * in file XML and its rows to the archive tables ARCH.  SOURCE and FILE
 * are the manifest's source and the XML's base name.  Returns 0 or
 * SKR_EX_IO / SKR_EX_INVALID_XML. */
int idx_report_add(const char *xml, const char *source, const char *file,
		   xmlNode *index, skr_archive *arch);

/* The coarse wall clock (the file systems' clock) less 1 ns: files
 * changed from now on are newer than a stamp dated with it. */
struct timespec idx_job_now(void);

/* Writes TEXT to PATH through a temporary file and rename, dated MTIME
 * (NULL: now).  Returns 0 or SKR_EX_IO. */
int idx_put_file(const char *path, const char *text,
		 const struct timespec *mtime);

/* Counts one stem of this run found up to date (shrinks the progress
 * total). */
void idx_job_skipped(const char *out);

/* Converts a built-in one-page PDF with RS in memory, before the first
 * fork, so that what every conversion would set up again (poppler's tables,
 * the dynamic linker's symbol bindings, the schema) is inherited by the
 * children.  Prints nothing; a failure only costs that saving. */
void idx_job_prepare(const skr_ruleset *rs);

/* Converts E in a forked child with RS and records the outcome (see
 * skr_index_convert).  Returns 0 for a good or bad PDF, SKR_EX_IO when the
 * outcome cannot be recorded; does not return when the child was
 * interrupted. */
int idx_job_run(const char *out, const idx_entry *e,
		const skr_ruleset *rs, unsigned todo, int quiet);

#endif
