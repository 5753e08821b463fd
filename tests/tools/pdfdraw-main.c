/* pdfdraw-main.c - the spec drawer of tests/pdfdraw.c as a command, for
 * scripts/kk-figures.sh: "pdfdraw SPEC PDF [SPEC PDF ...]".  Not part of the
 * test binary (tests draw through pdfdraw_render directly).
 */
#include "../pdfdraw.h"
#include <skrapa/exitcode.h>

#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc < 3 || argc % 2 == 0) {
		fprintf(stderr, "usage: pdfdraw SPEC PDF [SPEC PDF ...]\n");
		return SKR_EX_USAGE;
	}
	for (int i = 1; i + 1 < argc; i += 2) {
		int rc = pdfdraw_render(argv[i], argv[i + 1]);
		if (rc)
			return rc;
	}
	return 0;
}
