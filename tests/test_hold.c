/* test_hold.c - skr_extract_hold: Poppler's tables kept between documents
 * (the many-files mode holds them before forking) change no output and
 * say nothing.  Not the many-files mode itself (test_cli.c). */
#include "testutil.h"

#include <skrapa/extract.h>
#include <skrapa/layout.h>

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>

/* The layout text of PDF, extracted in this process. */
static char *layout_text(const char *pdf)
{
	skr_extract_limits lim = SKR_EXTRACT_LIMITS_DEFAULT;
	skr_layout *l = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert_eq(skr_extract_file(pdf, &lim, &l), 0, "%s", pdf);
	cr_assert_eq(skr_layout_write(l, f), 0);
	fclose(f);
	skr_layout_free(l);
	return text;
}

Test(hold, same_layout_held_or_not_and_silent, .init = cr_redirect_stderr)
{
	char **pdfs = tu_corpus_pdfs();
	char *golden = NULL, *layout, *before, *held, *after;

	cr_assert(pdfs[0]);
	before = layout_text(pdfs[0]);
	cr_assert_eq(skr_extract_hold(1), 1, "the tiny PDF did not open");
	cr_assert_eq(skr_extract_hold(1), 1);   /* twice: still one hold */
	held = layout_text(pdfs[0]);
	cr_assert_eq(skr_extract_hold(0), 0);
	after = layout_text(pdfs[0]);
	cr_assert_eq(skr_extract_hold(0), 0);   /* nothing held: no-op */
	layout = tu_with_ext(pdfs[0], ".layout");
	golden = tu_slurp(layout, NULL);
	g_free(layout);
	cr_assert(golden);
	cr_expect_str_eq(before, golden);
	cr_expect_str_eq(held, before);
	cr_expect_str_eq(after, before);
	fflush(stderr);
	cr_expect_stderr_eq_str("", "the held document printed a message");
	free(before);
	free(held);
	free(after);
	g_free(golden);
	g_strfreev(pdfs);
}
