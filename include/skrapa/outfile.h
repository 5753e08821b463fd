/* outfile.h - output that is never left half-written, written the way
 * coreutils and compilers write theirs.
 *
 * skr_outfile_open() gives a FILE* for the output named PATH:
 * - "-" or NULL: standard output;
 * - a regular file or a new path: a temporary file beside it (NAME.tmp.XXXXXX)
 *   that skr_outfile_commit() renames over it, keeping an existing file's
 *   permission bits (and owner, when run as root); a new file gets 0666 less
 *   the umask;
 * - a symlink (or a chain of them): the same for the file it finally points
 *   to, so the link stays a link (a dangling link's target is created);
 * - a character or block device, a FIFO or a socket: opened and written
 *   directly, never renamed over or removed (/dev/null stays a device).
 * Every write, the flush and the close are checked; a failure prints
 * `cannot write 'NAME': REASON` (NAME as the user gave it, "standard
 * output" for stdout) and gives SKR_EX_IO.  A temporary file is removed
 * when the process is stopped by SIGINT, SIGTERM or SIGHUP (handlers are
 * installed on first use unless the signal is ignored; they remove the
 * files and re-raise the signal with its default action).  Exactly one of
 * commit/abort must be called on every handle that open returned.
 */
#ifndef SKRAPA_OUTFILE_H
#define SKRAPA_OUTFILE_H

#include <stdio.h>

typedef struct skr_outfile skr_outfile;

/* Opens the output PATH as described above.  On success stores a new handle
 * in *OUT and returns 0; on failure (a directory, a missing or read-only
 * directory, a symlink loop) prints `cannot write 'PATH': REASON`, stores
 * NULL and returns SKR_EX_IO. */
int skr_outfile_open(skr_outfile **out, const char *path);

/* The stream to write to.  Owned by the handle. */
FILE *skr_outfile_stream(skr_outfile *of);

/* The name of the output in messages: PATH as given to open, or "standard
 * output".  Owned by the handle. */
const char *skr_outfile_name(const skr_outfile *of);

/* Writes out what is buffered and (for a temporary file) syncs it, so
 * that a full disk shows now, before any commit: callers writing several
 * files that belong together flush all, then commit all (which does not
 * sync again unless more was written).  Returns 0, or
 * SKR_EX_IO with `cannot write 'NAME': REASON` (then abort OF). */
int skr_outfile_flush(skr_outfile *of);

/* Finishes the output: on success the target holds exactly what was
 * written and 0 is returned; on any write, flush, sync, close or rename
 * error the temporary file is removed, the target is left as it was, the
 * message is printed and SKR_EX_IO returned.  Frees OF either way (NULL is
 * 0). */
int skr_outfile_commit(skr_outfile *of);

/* Discards the output: the temporary file is removed and the target left as
 * it was (what went to stdout or a device cannot be taken back).  When a
 * write to the stream had failed, prints `cannot write 'NAME': REASON` and
 * returns SKR_EX_IO, else returns 0.  Frees OF; NULL is accepted (0). */
int skr_outfile_abort(skr_outfile *of);

/* Reads a whole file (PATH "-" is stdin) of at most MAX bytes into a new
 * buffer, NUL-terminated (caller frees with g_free); its length goes to *LEN.
 * Returns 0, or SKR_EX_IO with a message (missing, unreadable, too large). */
int skr_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif
