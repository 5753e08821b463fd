/* harness.c - the start-up every libFuzzer target of fuzz/ shares
 * (harness.h).  Not a target: fuzz_*.c are, and scripts/fuzz.sh links this
 * file into each. */
#include "harness.h"

#include <skrapa/diag.h>

#include <stdlib.h>

FILE *fuzz_devnull;

void fuzz_start(const char *program, int quiet)
{
	skr_diag_set_program(program);
	if (!(fuzz_devnull = fopen("/dev/null", "w")))
		abort();
	if (quiet)
		skr_diag_set_quiet(1);
}
