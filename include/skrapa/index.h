/* index.h - bulk ingestion of an archive of reports (ingest.mk, skrapa-index).
 *
 * An ingest run maps every PDF under an input directory IN to OUT/STEM.xml.
 * skr_index_scan() finds the PDFs and prepares OUT for make: the manifest
 * (OUT/manifest.tsv, "stem<TAB>source" per PDF, sorted by source, where
 * source is the path relative to IN), the stem list (OUT/.ingest/stems.mk)
 * and one symlink per PDF (OUT/.src/STEM.pdf -> the PDF).  Make then runs
 * skr_index_convert() per chunk of stems (skrapa-index convert), which
 * leaves per stem OUT/STEM.xml, or
 * OUT/.fail/STEM.tsv ("source<TAB>stage<TAB>exit<TAB>message", escaped as in
 * textio.h), and the state stamp OUT/.ingest/st/STEM ("ok" or "failed",
 * the PDF's size, mtime and sha256).  skr_index_build() aggregates OUT
 * into index.xml (emit/index.rng), scores.csv and failures.tsv, and
 * skr_index_summary() reports the run (docs/ingest.md).  The names of
 * OUT's files are spelled in index/outdir.c only.
 */
#ifndef SKRAPA_INDEX_H
#define SKRAPA_INDEX_H

#include <glib.h>

/* Most PDFs one archive may hold; more is an error (SKR_EX_TOO_LARGE). */
#define SKR_INDEX_MAX_FILES 1000000

/* The stem of the PDF whose path relative to IN is REL (raw file name
 * bytes): an ASCII slug of REL without its extension (lower case, runs of
 * other characters folded to '-', at most 40 bytes, "report" when empty),
 * '-', and the first 10 hex digits of SHA-256(REL).  Deterministic; never
 * NULL; caller frees with g_free. */
char *skr_index_stem(const char *rel);

/* Most chunks make converts an archive in (skr_index_scan). */
#define SKR_INDEX_MAX_CHUNKS 65536

/* How skr_index_scan() treats OUT. */
typedef struct {
	unsigned chunks;        /* 0: automatic (see below) */
	int prune;              /* remove the outputs of orphans */
	int force;              /* go on with an empty or a wrong-looking IN */
} skr_index_scan_opts;

/* Scans IN recursively (not following directory symlinks; skipping hidden
 * files and folders (names starting with '.'), OUT when it lies inside IN,
 * and any other ingest output folder) for files named *.pdf in any case,
 * and brings OUT in line: manifest.tsv and .ingest/stems.mk are rewritten
 * only when their content changes (so make sees no change on a rescan);
 * symlinks are created or re-pointed; links to nothing are listed in
 * .ingest/dangling.tsv (build reports them as failures).  Stems OUT knew
 * (old manifest, orphans.tsv, source links) that are no longer in IN are
 * orphans: listed in OUT/orphans.tsv (stem<TAB>source) and kept, or with
 * O->prune removed with all their files.  Unless O->force, an IN without
 * PDFs, or one that would orphan more than half of what OUT knew, is
 * refused (SKR_EX_USAGE) before OUT is changed.  A stem is stale unless
 * its stamp records an outcome for the PDF as it is (size and mtime, or
 * sha256 when they changed) newer than this program, the rules and the
 * schema; their number goes to .ingest/todo (the progress total), and
 * the records of the run (.ingest/run.log, run.tool) are emptied.
 * stems.mk also splits the stems into chunks by their hash (O->chunks, or
 * 0: a power of two of at least 16, 4 per processor and one per 64 PDFs,
 * but at most one per 4 PDFs), largest chunk first, each made by one
 * `skrapa-index convert`; the stamp of a chunk holding a stale stem is
 * removed, so make runs it.  Returns 0; SKR_EX_USAGE (chunks over
 * SKR_INDEX_MAX_CHUNKS, refused IN); SKR_EX_IO (IN unreadable, OUT not
 * writable); SKR_EX_TOO_LARGE (more than SKR_INDEX_MAX_FILES);
 * SKR_EX_INTERNAL when two paths get the same stem.  On failure OUT may be
 * partly updated but every file in it is whole. */
int skr_index_scan(const char *in, const char *out,
		   const skr_index_scan_opts *o);

/* How skr_index_convert() runs. */
typedef struct {
	unsigned todo;          /* conversions planned in this run (progress) */
	int quiet;              /* no progress lines */
	const char *stamp;      /* written when every stem is done, or NULL */
} skr_index_convert_opts;

/* Converts the PDFs of STEMS (NULL-terminated; OUT/.src/STEM.pdf) in this
 * process's own pipeline (pipeline.h) with the ruleset of
 * skr_rules_default_dir(), loaded once when the first stem needs it: the
 * library entry point for converting many files in one process.  A stem
 * is skipped when it is up to date (see skr_index_scan), so a chunk cut
 * off midway is resumed, not redone.  Each other stem is converted in a
 * forked child (a crash or a leak stays with one PDF; it dies with this
 * process) with --source set to its manifest source and stderr to
 * OUT/.ingest/log/STEM.log; the child sends back its own outcome record
 * (exit code, warnings, message).  A good PDF leaves OUT/STEM.xml, a bad
 * one OUT/.fail/STEM.tsv, then the stamp (remembered until the PDF
 * changes).  A tool error (exit 3: disk full, I/O error, too many open
 * files; a child killed by SIGKILL) records nothing, so the next run
 * retries it, and is said on stderr and in OUT/.ingest/run.tool.  Each
 * conversion appends a record to OUT/.ingest/run.log and, unless O->quiet
 * (tool errors always), prints "[N/TODO] SOURCE ok|failed: MESSAGE" on
 * stderr.  When all stems are done without a tool error, O->stamp (if
 * any) is written, dated when this call began.  Returns 0 when PDFs failed
 * too (a bad PDF is not an error of the run); SKR_EX_USAGE when a stem is
 * not in the manifest (nothing converted); SKR_EX_BAD_RULES; SKR_EX_IO
 * after a tool error (the other stems are still converted) or when a
 * dependency is missing.  When a child is stopped by SIGINT, SIGTERM or
 * SIGHUP (the run is being interrupted) nothing is recorded for it and the
 * calling process is killed by the same signal. */
int skr_index_convert(const char *out, char **stems,
		      const skr_index_convert_opts *o);

/* Reads OUT/manifest.tsv and, per stem in its order, OUT/STEM.xml or
 * OUT/.fail/STEM.tsv, and writes OUT/index.xml, OUT/scores.csv and
 * OUT/failures.tsv together (all three flushed before any is renamed, so
 * a full disk replaces none).  A stem with neither file counts as failed
 * (stage "ingest"), as does each link to a missing PDF the scan listed.  When QUIET is zero,
 * prints one summary line "N reports: C converted, F failed" on stderr.
 * Returns 0 when no stem failed, SKR_EX_SOME_FAILED when some did, or
 * SKR_EX_IO / SKR_EX_INVALID_XML (a per-file XML cannot be read or is not a
 * skrapa report; named in the message) with the outputs left as they were. */
int skr_index_build(const char *out, int quiet);

/* Prints the summary of the ingest run into OUT that took SECS seconds on
 * stderr: PDFs, converted (with warnings), skipped, failed and tool errors
 * in this run (from .ingest/run.log, run.tool, todo), unknown family
 * (index.xml), orphans (orphans.tsv), and where the failures are.  QUIET
 * leaves out the counts, never the failures.  Returns 0, SKR_EX_SOME_FAILED
 * when failures.tsv lists a file, SKR_EX_IO after a tool error. */
int skr_index_summary(const char *out, double secs, int quiet);

#endif
