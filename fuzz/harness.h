/* harness.h - what every libFuzzer target of fuzz/ shares: libFuzzer's
 * entry points and a start-up that names the target and opens the sink
 * its writers write to.  Not a target: fuzz_*.c are. */
#ifndef SKRAPA_FUZZ_HARNESS_H
#define SKRAPA_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* /dev/null, open for writing after fuzz_start(). */
extern FILE *fuzz_devnull;

/* Sets PROGRAM as the message prefix, opens fuzz_devnull and, when QUIET,
 * silences messages (a target that loads data first passes 0 and calls
 * skr_diag_set_quiet(1) after, so a load failure is shown).  Aborts when
 * /dev/null cannot be opened. */
void fuzz_start(const char *program, int quiet);

/* The target body of a stage format: reads the input with READ (as NAME,
 * at most 100000 lines or records) into a T, writes what it read with
 * WRITE to fuzz_devnull, passes it to THEN (the next stage), frees it with
 * FREE. */
#define FUZZ_ROUND_TRIP(T, READ, WRITE, THEN, FREE, NAME)                 \
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)              \
{                                                                         \
	T *m = NULL;                                                      \
									  \
	if (!READ(&m, (const char *)data, size, NAME, 100000) &&          \
	    !WRITE(m, fuzz_devnull))                                      \
		THEN(m);                                                  \
	FREE(m);                                                          \
	return 0;                                                         \
}

#endif
