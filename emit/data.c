/* data.c - reading the tables built into the program (the TSV files of
 * data/) and the name key their look-ups share.  Not any one table's
 * meaning. */
#include "emit-int.h"

#include <string.h>

#define TSV_MAX_FIELDS 8

void emit_tsv_each(const char *data,
		   void (*fn)(char **fields, int n, void *user), void *user)
{
	char **lines = g_strsplit(data, "\n", 0);

	for (char **l = lines; *l; l++) {
		if (!**l || **l == '#')
			continue;
		char **f = g_strsplit(*l, "\t", TSV_MAX_FIELDS);
		fn(f, (int)g_strv_length(f), user);
		g_strfreev(f);
	}
	g_strfreev(lines);
}

/* Text below U+0300 (no combining marks) is NFC as is. */
static gboolean below_combining(const char *s)
{
	for (const guchar *p = (const guchar *)s; *p; p++)
		if (*p >= 0xCC)         /* lead byte of U+0300 and above */
			return FALSE;
	return TRUE;
}

/* g_utf8_casefold() of S when S is ASCII and Latin-1 letters (A-Z and
 * U+00C0-U+00DE but U+00D7 take 0x20, U+00E0-U+00FF stay, as GLib's table
 * has them); NULL for anything else.  Most names are; GLib's fold costs
 * five times as much. */
static char *fold_latin1(const char *s)
{
	char *out = g_strdup(s);

	for (guchar *p = (guchar *)out; *p; p++) {
		if (*p < 0x80) {
			*p = g_ascii_tolower(*p);
		} else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF &&
			   p[1] != 0x97 && p[1] != 0x9F) {
			p++;            /* U+00C0-U+00FF: C3 80-BF */
			if (*p < 0xA0)
				*p += 0x20;     /* U+00C0-U+00DE -> U+00E0-U+00FE */
		} else {
			g_free(out);
			return NULL;
		}
	}
	return out;
}

char *emit_casefold(const char *s)
{
	char *fold = fold_latin1(s);

	return fold ? fold : g_utf8_casefold(s, -1);
}

char *emit_name_key(const char *s)
{
	/* valid text below U+0300 (most names) is neither copied nor
	 * normalised: the same key, without two passes of GLib's tables */
	char *valid = g_utf8_validate(s, -1, NULL) ? NULL
		      : g_utf8_make_valid(s, -1);
	const char *v = valid ? valid : s;
	char *nfc = below_combining(v) ? NULL
		    : g_utf8_normalize(v, -1, G_NORMALIZE_NFC);
	char *fold = emit_casefold(nfc ? nfc : v);
	GString *out = g_string_sized_new(strlen(fold));
	int space = 0;

	for (const char *p = fold; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c) || c == '-' || c == 0x2010 ||
		    c == 0x2013 || c == 0xA0) {
			space = out->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(out, ' ');
		space = 0;
		g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_free(fold);
	g_free(nfc);
	g_free(valid);
	return g_string_free(out, FALSE);
}
