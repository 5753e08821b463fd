/* outfile.h - output that is never left half-written.
 *
 * skr_outfile_open() gives a FILE* that writes to a temporary file beside
 * the target ("-" or NULL means stdout); skr_outfile_commit() checks every
 * write (ferror, fflush, fsync, fclose) and renames the temporary file onto
 * the target; skr_outfile_abort() removes it.  Exactly one of commit/abort
 * must be called on every handle that open returned.
 */
#ifndef SKRAPA_OUTFILE_H
#define SKRAPA_OUTFILE_H

#include <stdio.h>

typedef struct skr_outfile skr_outfile;

/* Opens PATH for writing through a temporary file in the same directory.
 * PATH NULL or "-" writes straight to stdout.  On success stores a new handle
 * in *OUT and returns 0; on failure prints a message, stores NULL and returns
 * SKR_EX_IO. */
int skr_outfile_open(skr_outfile **out, const char *path);

/* The stream to write to.  Owned by the handle. */
FILE *skr_outfile_stream(skr_outfile *of);

/* Finishes the output: on success the target exists, complete, and 0 is
 * returned; on any write error the temporary file is removed, a message is
 * printed and SKR_EX_IO is returned.  Frees OF either way (NULL is 0). */
int skr_outfile_commit(skr_outfile *of);

/* Discards the output: the temporary file is removed, the target is left as
 * it was (stdout cannot be taken back).  Frees OF; NULL is accepted. */
void skr_outfile_abort(skr_outfile *of);

/* Reads a whole file (PATH "-" is stdin) of at most MAX bytes into a new
 * buffer, NUL-terminated (caller frees with g_free); its length goes to *LEN.
 * Returns 0, or SKR_EX_IO with a message (missing, unreadable, too large). */
int skr_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif
