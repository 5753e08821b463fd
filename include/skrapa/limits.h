/* limits.h - the run's limits, one set for every program: wall time over
 * extract, parse and emit together, and memory, watched while the work runs.
 *
 * skr_limits_start() arms a watchdog (an interval timer, SIGALRM, every
 * 50 ms) for one conversion.  When the wall time since the start passes
 * TIMEOUT seconds, or the process's own memory (resident pages that are not
 * file-backed: a mapped input does not count) passes MAX_MEMORY MiB, the
 * watchdog prints one line naming the input and the stage that was running
 *
 *     skrapa: cannot convert 'x.pdf': timed out during emit (--timeout 10)
 *     skrapa: cannot convert 'x.pdf': out of memory during extract
 *             (--max-memory 512 MiB)
 *
 * and ends the process with SKR_EX_TIMEOUT or SKR_EX_MEMORY.  Nothing is
 * written then: callers write their output after skr_limits_stop().  A hang
 * inside Poppler, a FIFO that never delivers, a quadratic emit: all end.
 *
 * The process may hold one armed watchdog at a time; SIGALRM belongs to it
 * while armed.  NAME is copied; stage names must be static strings.
 */
#ifndef SKRAPA_LIMITS_H
#define SKRAPA_LIMITS_H

#include <glib.h>

#define SKR_MAX_MEMORY_DEFAULT 2048     /* MiB */

/* Arms the watchdog for the conversion of NAME.  TIMEOUT: seconds, 0 for
 * none; MAX_MEMORY: MiB, 0 for none.  The stage starts as "extract". */
void skr_limits_start(const char *name, double timeout, int max_memory);

/* Names the stage now running ("extract", "parse", "emit") for the
 * watchdog's message (and for skr_limits_stage_name()). */
void skr_limits_stage(const char *stage);

/* The stage last named, "extract" before any. */
const char *skr_limits_stage_name(void);

/* Disarms the watchdog (SIGALRM back to its default).  No-op when not
 * armed. */
void skr_limits_stop(void);

#endif
