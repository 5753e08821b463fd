/* testutil.h - helpers shared by the Criterion tests (test-only code).
 * Programs are found in $SKRAPA_BIN (default "bin"); paths are relative to
 * the repository root, where `make check` runs the suite. */
#ifndef SKRAPA_TESTUTIL_H
#define SKRAPA_TESTUTIL_H

#include <glib.h>

/* The path of program NAME ("skrapa-extract") in $SKRAPA_BIN.  Caller
 * frees. */
char *tu_prog(const char *name);

/* Runs ARGV (NULL-terminated) and waits.  Stores stdout and stderr (caller
 * frees; either may be NULL to discard) and returns the exit status, or -1
 * when the program could not run or was killed by a signal. */
int tu_run(const char *const *argv, char **out, char **err);

/* A new temporary directory (caller frees the path and may remove it with
 * tu_rmtree). */
char *tu_tmpdir(void);

/* Removes DIR and everything below it. */
void tu_rmtree(const char *dir);

/* Reads a whole file; NULL when it cannot.  Caller frees. */
char *tu_slurp(const char *path, gsize *len);

/* The corpus PDFs (every .pdf in corpus/), sorted.  Caller frees (g_strfreev). */
char **tu_corpus_pdfs(void);

/* PATH with its extension replaced by EXT (".layout").  Caller frees. */
char *tu_with_ext(const char *path, const char *ext);

/* A python3 that can import pandas: "python3" on PATH when it can, else
 * Debian's /usr/bin/python3 (python3-pandas; a pyenv or venv python3 on
 * PATH may lack it).  Static string. */
const char *tu_python_pandas(void);

/* Writes DIR/whole.rng, a RELAX NG grammar that includes the core schema
 * emit/skrapa.rng and every *.rng fragment of the directories FRAGS
 * (NULL-terminated): the whole report schema, for xmllint (docs/xml.md).
 * Returns its path (caller frees). */
char *tu_whole_schema(const char *dir, const char *const *frags);

/* Number of lines in S. */
int tu_count_lines(const char *s);

#endif
