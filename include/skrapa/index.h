/* index.h - bulk ingestion of an archive of reports (ingest.mk, skrapa-index).
 *
 * An ingest run maps every PDF under an input directory IN to OUT/STEM.xml.
 * skr_index_scan() finds the PDFs and prepares OUT for make: the manifest
 * (OUT/manifest.tsv, "stem<TAB>source" per PDF, sorted by source, where
 * source is the path relative to IN), the stem list (OUT/.ingest/stems.mk)
 * and one symlink per PDF (OUT/.src/STEM.pdf -> the PDF).  Make then runs
 * skr_index_convert() per stem (skrapa-index convert), which leaves
 * OUT/STEM.xml, or
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

/* Scans IN recursively (not following directory symlinks, skipping OUT when
 * it lies inside IN) for files named *.pdf in any case, and brings OUT in
 * line: manifest.tsv and .ingest/stems.mk are rewritten only when their
 * content changes (so make sees no change on a rescan); symlinks are
 * created or re-pointed; the outputs, failure records and stamps of stems
 * that are no longer in IN are removed, as are stamps whose outcome file
 * is gone (so that file is converted again).  Returns 0; SKR_EX_IO (IN
 * unreadable, OUT not writable); SKR_EX_TOO_LARGE (more than
 * SKR_INDEX_MAX_FILES); SKR_EX_INTERNAL when two paths get the same stem.
 * On failure OUT may be partly updated but every file in it is whole. */
int skr_index_scan(const char *in, const char *out);

/* Converts the PDF of STEM (OUT/.src/STEM.pdf) by running SKRAPA (the
 * bin/skrapa program) with --source set to its manifest source, stderr to
 * OUT/.ingest/log/STEM.log.  On success leaves OUT/STEM.xml and removes an
 * old failure record; on failure removes OUT/STEM.xml and writes the record
 * OUT/.fail/STEM.tsv; then the stamp OUT/.ingest/st/STEM ("ok"/"failed"),
 * a record in OUT/.ingest/run.log, and unless QUIET the progress line
 * "[N/TODO] SOURCE ok|failed: MESSAGE" on stderr.  Returns 0 in both cases
 * (a bad PDF is not an error of the run); SKR_EX_USAGE when STEM is not in
 * the manifest; SKR_EX_IO when the outcome cannot be recorded.  When
 * SKRAPA is stopped by SIGINT, SIGTERM or SIGHUP (the run is being
 * interrupted) nothing is recorded and the calling process is killed by
 * the same signal, so the file is converted again by the next run. */
int skr_index_convert(const char *skrapa, const char *out, const char *stem,
		      unsigned todo, int quiet);

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
