/* map.c - what the loaded vocabularies (vocab.c) need besides their tables:
 * record path parsing, integer values, text fit for XML, and the derived
 * attributes a map entry may name (section nesting, diary numbers).  The
 * tables themselves are data: parse/rules/NAME.vocab and emit/core.vocab
 * (format: include/skrapa/vocab.h).  Not tree building (xml.c) nor checks
 * (checks.c). */
#include "emit-int.h"

#include <skrapa/textio.h>

#include <string.h>

void emit_path_clear(emit_path *p)
{
	skr_path_clear(p);
}

int emit_path_parse(const char *path, emit_path *p)
{
	return skr_path_parse(path, strlen(path), p);
}

int emit_int(const char *s, long *out)
{
	return skr_parse_int(s, strlen(s), -SKR_REC_INT_MAX, SKR_REC_INT_MAX,
			     out);
}

/* Whether S (valid UTF-8) holds nothing emit_xml_text replaces: no C0
 * control but tab, newline, return; no U+FFFE/U+FFFF (EF BF BE/BF). */
static int xml_text_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
		if (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			return 0;
	}
	return 1;
}

/* Whether S is fit as it is: valid UTF-8 (as g_utf8_validate() says:
 * shortest forms, no surrogates, at most U+10FFFF) and xml_text_clean(),
 * in one pass. */
static int xml_fit(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + strlen(s);
	const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);

	for (;;) {
		guint64 w;
		/* eight bytes at a time while all are 0x20-0x7F: no byte
		 * below 0x20 (the borrow test) and none with its top bit */
		while (end - p >= 8 && (memcpy(&w, p, 8),
		       !(((w - 0x20 * ones) & ~w) & (0x80 * ones)) &&
		       !(w & 0x80 * ones)))
			p += 8;
		while (*p >= 0x20 && *p < 0x80)
			p++;
		if (*p < 0x20) {
			if (!*p)
				return 1;
			if (*p != '\t' && *p != '\n' && *p != '\r')
				return 0;
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF) {         /* two bytes */
			if ((p[1] & 0xC0) != 0x80)
				return 0;
			p += 2;
			continue;
		}
		/* Three or four bytes: rare in these reports; GLib checks the
		 * rest, xml_text_clean() U+FFFE/U+FFFF. */
		return g_utf8_validate((const char *)p, -1, NULL) &&
		       xml_text_clean((const char *)p);
	}
}

const char *emit_xml_fit(const char *s, char **tmp)
{
	*tmp = NULL;
	if (xml_fit(s))
		return s;
	return *tmp = emit_xml_text(s);
}

char *emit_xml_text(const char *s)
{
	if (xml_fit(s))
		return g_strdup(s);     /* the common case: nothing to replace */

	char *valid = g_utf8_make_valid(s, -1);
	GString *out = g_string_sized_new(strlen(valid));

	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0xFFFE || c == 0xFFFF)
			c = 0xFFFD;
		g_string_append_unichar(out, c);
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

/* A section number's parent ("3.1" of "3.1.2"; none for "3") and level
 * (number of parts). */
static int derive_section(const char *num, const char *names[2],
			  char *values[2])
{
	const char *dot = strrchr(num, '.');
	int level = 1, n = 0;

	for (const char *c = num; *c; c++)
		level += *c == '.';
	names[n] = "level";
	values[n++] = g_strdup_printf("%d", level);
	if (dot && dot > num) {
		names[n] = "parent";
		values[n++] = g_strndup(num, dot - num);
	}
	return n;
}

int emit_derived(const emit_map *m, const emit_path *p, const char *value,
		 const char *names[2], char *values[2])
{
	enum emit_derive d = m->derive;

	if (d == EMIT_DERIVE_SECTION && p->nkeys > 0)
		return derive_section(p->keys[0], names, values);
	if (d == EMIT_DERIVE_DIARY &&
	    (values[0] = emit_diary_normalize(value))) {
		names[0] = "normalized";
		return 1;
	}
	return 0;
}

/* Diary number shapes (docs/xml.md): named groups b (body letters),
 * y (year), n (serial number). */
static const char *const diary_shapes[] = {
	"^(?<b>[A-ZÅÄÖ]{1,5})[-/ .]?(?<y>(?:19|20)\\d\\d)(?:[/:.](?<n>\\d+)|"
	"-(?<n2>\\d{3,}))",
	"^(?<y>(?:19|20)\\d\\d)/(?<b>[A-ZÅÄÖ]{1,5}) (?<n>\\d+)",
	"^(?<y>(?:19|20)\\d\\d)[./:](?<n>\\d+)[ -]?(?<b>[A-ZÅÄÖ]{1,5})\\b",
	"^(?<y>(?:19|20)\\d\\d)(?:[./:](?<n>\\d+)|-(?<n2>\\d{3,}))$",
};

char *emit_diary_normalize(const char *printed)
{
	char *out = NULL;

	for (size_t i = 0; !out && i < G_N_ELEMENTS(diary_shapes); i++) {
		GRegex *re = g_regex_new(diary_shapes[i], 0, 0, NULL);
		GMatchInfo *mi = NULL;
		if (re && g_regex_match(re, printed, 0, &mi)) {
			char *b = g_match_info_fetch_named(mi, "b");
			char *y = g_match_info_fetch_named(mi, "y");
			char *n = g_match_info_fetch_named(mi, "n");
			if (!n || !*n) {        /* "KS 2019-000123" */
				g_free(n);
				n = g_match_info_fetch_named(mi, "n2");
			}
			out = b && *b ? g_strdup_printf("%s %s/%s", b, y, n)
				      : g_strdup_printf("%s/%s", y, n);
			g_free(b);
			g_free(y);
			g_free(n);
		}
		g_match_info_free(mi);
		if (re)
			g_regex_unref(re);
	}
	return out;
}
