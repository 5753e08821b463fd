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
 * textio.h), and the state stamp OUT/.ingest/st/STEM ("ok" or "failed").
 * skr_index_build() aggregates OUT into index.xml (emit/index.rng),
 * scores.csv and failures.tsv (docs/ingest.md).
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

/* Scans IN recursively (not following directory symlinks, skipping OUT when
 * it lies inside IN) for files named *.pdf in any case, and brings OUT in
 * line: manifest.tsv and .ingest/stems.mk are rewritten only when their
 * content changes (so make sees no change on a rescan); symlinks are
 * created or re-pointed; the outputs, failure records and stamps of stems
 * that are no longer in IN are removed, as are stamps whose outcome file
 * is gone (so that file is converted again).  stems.mk also splits the
 * stems into CHUNKS chunks by their hash (0: a power of two of at least
 * 16, 4 per processor and one per 64 PDFs, but at most one per 4 PDFs),
 * largest chunk first, each made
 * by one `skrapa-index convert`; the stamp of a chunk holding a stem whose
 * own stamp is missing or older than its PDF is removed, so make runs it.
 * Returns 0; SKR_EX_USAGE (CHUNKS over SKR_INDEX_MAX_CHUNKS); SKR_EX_IO (IN
 * unreadable, OUT not writable); SKR_EX_TOO_LARGE (more than
 * SKR_INDEX_MAX_FILES); SKR_EX_INTERNAL when two paths get the same stem.
 * On failure OUT may be partly updated but every file in it is whole. */
int skr_index_scan(const char *in, const char *out, unsigned chunks);

/* How skr_index_convert() runs. */
typedef struct {
	unsigned todo;          /* conversions planned in this run (progress) */
	int quiet;              /* no progress lines */
	const char *stamp;      /* written when every stem is done, or NULL */
} skr_index_convert_opts;

/* Converts the PDFs of STEMS (NULL-terminated; OUT/.src/STEM.pdf) in this
 * process's own pipeline (pipeline.h) with the ruleset of
 * skr_rules_default_dir(), loaded once when the first stem needs it.  A
 * stem is skipped when its stamp OUT/.ingest/st/STEM is newer than its PDF,
 * this program, the rule files and the schema (so a chunk cut off
 * midway is resumed, not redone).  Each other stem is converted in a
 * forked child (a crash or a leak stays with one PDF) with --source set to
 * its manifest source and stderr to OUT/.ingest/log/STEM.log.  On success
 * leaves OUT/STEM.xml and removes an old failure record; on failure removes
 * OUT/STEM.xml and writes OUT/.fail/STEM.tsv; then the stamp ("ok" or
 * "failed", dated when its conversion began), a record in
 * OUT/.ingest/run.log and, unless O->quiet, the progress line
 * "[N/TODO] SOURCE ok|failed: MESSAGE" on stderr.  When all stems are done,
 * O->stamp (if any) is written, dated when this call began.  Returns 0 when
 * PDFs failed too (a bad PDF is not an error of the run); SKR_EX_USAGE when
 * a stem is not in the manifest (nothing converted); SKR_EX_BAD_RULES;
 * SKR_EX_IO when a dependency is missing or an outcome cannot be recorded.
 * When a child is stopped by SIGINT, SIGTERM or SIGHUP (the run is being
 * interrupted) nothing is recorded for it and the calling process is
 * killed by the same signal, so the next run converts it again. */
int skr_index_convert(const char *out, char **stems,
		      const skr_index_convert_opts *o);

/* Reads OUT/manifest.tsv and, per stem in its order, OUT/STEM.xml or
 * OUT/.fail/STEM.tsv, and writes OUT/index.xml, OUT/scores.csv and
 * OUT/failures.tsv atomically (each complete or not replaced).  A stem with
 * neither file counts as failed (stage "ingest").  When QUIET is zero,
 * prints one summary line "N reports: C converted, F failed" on stderr.
 * Returns 0 when no stem failed, SKR_EX_SOME_FAILED when some did, or
 * SKR_EX_IO / SKR_EX_INVALID_XML (a per-file XML cannot be read or is not a
 * skrapa report; named in the message) with the outputs left as they were. */
int skr_index_build(const char *out, int quiet);

#endif
