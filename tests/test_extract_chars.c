/* test_extract_chars.c - the character classes extract tells without a
 * call into GLib (extract/internal.h: xis_space, xis_rtl), against GLib at
 * every code point: a GLib with a newer Unicode that adds a space or moves
 * a right-to-left letter fails here.  Not line building (the extract
 * feature and corpus tests). */
#include "../extract/internal.h"        /* xis_space, xis_rtl: white-box */

#include <criterion/criterion.h>

Test(extract_chars, space_as_glib)
{
	for (gunichar c = 0x80; c <= 0x10FFFF; c++)
		cr_assert_eq(xis_space(c), c == 0xA0 || g_unichar_isspace(c),
			     "U+%04X", c);
	for (gunichar c = 0; c < 0x80; c++)
		cr_assert_eq(xis_space(c), c == ' ' || (c >= '\t' && c <= '\r'),
			     "U+%04X", c);
}

Test(extract_chars, rtl_as_script)
{
	guint n = 0;

	for (gunichar c = 0; c <= 0x10FFFF; c++) {
		gboolean want = c >= 0x0590 && xis_rtl_script(c);
		cr_assert_eq(xis_rtl(c), want, "U+%04X", c);
		n += want;
	}
	cr_expect_gt(n, 1000, "Hebrew and Arabic letters: %u", n);
}
