/* diag.h - the one error idiom of skrapa: messages on stderr, codes back.
 *
 * Messages are one line, lower-case, prefixed by the program name, with the
 * subject in quotes:  "skrapa-extract: cannot open 'x.pdf': encrypted".
 *
 * Functions that can fail return 0 on success or an exit code from
 * exitcode.h; they print their message with skr_error(), which returns its
 * CODE argument, so a failure reads:   return skr_error(SKR_EX_IO, "...");
 * or, with cleanup:                    rc = skr_error(...); goto out;
 */
#ifndef SKRAPA_DIAG_H
#define SKRAPA_DIAG_H

#include <glib.h>

/* Sets the prefix of every message (normally argv[0]'s base name).  The
 * string is not copied; pass a literal or something that outlives use. */
void skr_diag_set_program(const char *name);

/* The prefix set by skr_diag_set_program() ("skrapa" by default). */
const char *skr_diag_program(void);

/* When QUIET is non-zero, skr_error() and skr_warning() print nothing
 * (fuzzers, and batch code that collects messages itself). */
void skr_diag_set_quiet(int quiet);

/* Prints "PROGRAM: MESSAGE\n" to stderr and returns CODE.  The message is
 * also kept as the last error (see skr_diag_last). */
int skr_error(int code, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Prints "PROGRAM: warning: MESSAGE\n" to stderr; counts warnings. */
void skr_warning(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* Number of warnings printed (or suppressed) since start-up. */
unsigned skr_warning_count(void);

/* The last message given to skr_error(), "" if none.  Owned by diag; valid
 * until the next skr_error() call. */
const char *skr_diag_last(void);

#endif
