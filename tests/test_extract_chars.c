/* test_extract_chars.c - the character classes extract tells without a
 * call into GLib (extract/internal.h: xis_space, xis_uspace, xis_rtl,
 * xnfc_inert), against GLib at every code point: a GLib with a newer
 * Unicode that adds a space or moves a right-to-left letter fails here.
 * Not line building (the extract feature and corpus tests). */
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

Test(extract_chars, uspace_as_glib)
{
	for (gunichar c = 0; c <= 0x10FFFF; c++)
		cr_assert_eq(xis_uspace(c), g_unichar_isspace(c), "U+%04X", c);
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

/* xnfc_inert: each such character is its own NFC with combining class 0,
 * and no character decomposes into a pair that ends with one (it never
 * composes with the character before it): in Unicode's terms its NFC
 * quick check is Yes, as for every character below U+0300 (checked too),
 * and text of such characters is NFC as it is (UAX #15). */
Test(extract_chars, nfc_inert_as_glib)
{
	guint n = 0;

	for (gunichar c = 0; c <= 0x10FFFF; c++) {
		gunichar a = 0, b = 0;
		if (g_unichar_decompose(c, &a, &b) && b)
			cr_assert(b >= 0x300 && !xnfc_inert(b), "U+%04X "
				  "decomposes to U+%04X U+%04X", c, a, b);
		if (c >= 0x300 && !xnfc_inert(c))
			continue;
		char u[8] = "";
		u[g_unichar_to_utf8(c, u)] = '\0';
		char *nfc = g_utf8_normalize(u, -1, G_NORMALIZE_NFC);
		cr_assert_str_eq(nfc, u, "U+%04X", c);
		cr_assert_eq(g_unichar_combining_class(c), 0, "U+%04X", c);
		g_free(nfc);
		n++;
	}
	cr_expect_gt(n, 6000 + 0x300);
}
