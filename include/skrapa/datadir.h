/* datadir.h - where the programs find their data: the rule files, emit's
 * vocabularies and the families' schema fragments (all in "rules"), the
 * RELAX NG schemas and the OCR module.  The one lookup every program and
 * module uses.
 *
 * skr_data_path(NAME) tries, in order, and returns the first that exists:
 *   1. $SKRAPA_DATADIR/NAME
 *   2. <directory of the program>/../share/skrapa/NAME  (an installed tree,
 *      wherever it was moved: `make install PREFIX=...`)
 *   3. the build tree: <program dir>/rules for "rules" (bin/rules/), else
 *      <program dir>/../emit/NAME (the repository's emit/skrapa.rng)
 *   4. the data directory compiled in: SKRAPA_DATADIR/NAME
 *      (make install's $(PREFIX)/share/skrapa)
 * and when none exists, the compiled-in path (for the message).
 * NAME is "rules", "skrapa.rng" or "index.rng".  Caller frees.
 *
 * The OCR module (NAME SKR_DATA_OCR_MODULE, a program's code, not data) is
 * looked for the same way in lib/skrapa instead of share/skrapa:
 *   1. $SKRAPA_DATADIR/NAME, 2. <program dir>/../lib/skrapa/NAME,
 *   3. the build tree: <program dir>/NAME (bin/skrapa-ocr.so),
 *   4. the compiled-in SKRAPA_PKGLIBDIR/NAME ($(PREFIX)/lib/skrapa).
 */
#ifndef SKRAPA_DATADIR_H
#define SKRAPA_DATADIR_H

#include <glib.h>

#define SKR_DATA_OCR_MODULE "skrapa-ocr.so"

char *skr_data_path(const char *name);

/* The names of the files of directory DIR whose names end in SUFFIX
 * (".rules", ".vocab"; SUFFIX alone is not a name), sorted, in a new array
 * (caller frees with g_ptr_array_unref).  Lists at most MAX + 1, so that a
 * caller can say there are more than MAX.  NULL with *ERR set (caller
 * frees) when DIR cannot be read. */
GPtrArray *skr_data_list(const char *dir, const char *suffix, unsigned max,
			 GError **err);

#endif
