/* fuzz_extract.c - libFuzzer target: arbitrary bytes as a PDF through
 * skr_extract() with small limits, then the layout writer.  Not a test of
 * the extraction quality; only of crashes, leaks and hangs. */
#include "harness.h"

#include <skrapa/extract.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_start("fuzz_extract", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	skr_extract_limits lim = { 20, 20000, 5.0, 1000, 0, SKR_OCR_NEVER,
				  0, "", 0, NULL, NULL };
	skr_layout *l = NULL;

	if (skr_extract((const char *)data, size, "fuzz.pdf", &lim, &l) == 0)
		skr_layout_write(l, fuzz_devnull);
	skr_layout_free(l);
	return 0;
}
