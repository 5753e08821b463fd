/* readable.c - does a page's text layer hold words, or the codes of a font
 * without ToUnicode (control characters, "!\"#$%" soup, private-use
 * glyphs, consonant strings)?  Generic: no word list, no file's numbers.
 * Not a language guess and not OCR: the page is flagged, never changed. */
#include "internal.h"

#define MIN_GLYPHS 20           /* too little text to judge */
#define MIN_WORDS 10            /* Latin words needed for the vowel test */

/* Punctuation that repeats in real text (leaders, rules, dashes): it
 * counts neither way. */
static gboolean neutral(gunichar c)
{
	if (c < 0x80)   /* GLib's spaces below 0x80, without a table look-up */
		return c == '.' || c == '_' || c == '-' || c == '=' ||
		       c == '*' || c == '\'' || c == ' ' || c == '\t' ||
		       c == '\n' || c == '\r' || c == '\f';
	return c == '.' || c == 0xB7 || c == 0x2026 || c == '_' || c == '-' ||
	       c == 0x2013 || c == 0x2014 || c == '=' || c == '*' ||
	       c == '\'' || xis_uspace(c);
}

static gboolean is_vowel(gunichar c)
{
	/* aeiouy åäö æø éèêë áàâ íìî óòô úùûü ý, as code points (decoding a
	 * UTF-8 list per letter cost 8 % of a whole conversion) */
	static const gunichar vowels[] = { 'a', 'e', 'i', 'o', 'u', 'y',
		0xE5, 0xE4, 0xF6, 0xE6, 0xF8, 0xE9, 0xE8, 0xEA, 0xEB, 0xE1,
		0xE0, 0xE2, 0xED, 0xEC, 0xEE, 0xF3, 0xF2, 0xF4, 0xFA, 0xF9,
		0xFB, 0xFC, 0xFD };
	if (c < 0x80)   /* most letters: no case table, no list */
		switch (c | 0x20) {
		case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
			return TRUE;
		default:
			return FALSE;
		}
	c = g_unichar_tolower(c);
	for (size_t i = 0; i < G_N_ELEMENTS(vowels); i++)
		if (vowels[i] == c)
			return TRUE;
	return FALSE;
}

static gboolean is_word_char(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalnum(c);
	return g_unichar_isalnum(c) && !(c >= 0xE000 && c <= 0xF8FF);
}

/* The classes of an ASCII character, one look-up instead of the tests
 * above: letter, vowel, neutral (or the bullet '-'), letter or digit. */
enum { A_LETTER = 1, A_VOWEL = 2, A_NEUTRAL = 4, A_WORD = 8 };
static const guint8 ascii_class[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 4, 4, 0, 0,      /* \t\n\f\r */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	4, 0, 0, 0, 0, 0, 0, 4, 0, 0, 4, 0, 0, 4, 4, 0,      /* ' \'*-. */
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 0, 0, 0, 4, 0, 0,      /* 0-9 = */
	0, 11, 9, 9, 9, 11, 9, 9, 9, 11, 9, 9, 9, 9, 9, 11,  /* A-O */
	9, 9, 9, 9, 9, 11, 9, 9, 9, 11, 9, 0, 0, 0, 0, 4,    /* P-Z _ */
	0, 11, 9, 9, 9, 11, 9, 9, 9, 11, 9, 9, 9, 9, 9, 11,  /* a-o */
	9, 9, 9, 9, 9, 11, 9, 9, 9, 11, 9, 0, 0, 0, 0, 0,    /* p-z */
};

/* What an ASCII character of class K adds to the counts of glyphs that
 * count (not neutral; high half) and of letters or digits (low half): one
 * addition per glyph. */
#define INC(k) ((guint64)!((k) & A_NEUTRAL) << 32 | (k) >> 3)
static const guint64 ascii_inc[16] = {
	INC(0), INC(1), INC(2), INC(3), INC(4), INC(5), INC(6), INC(7),
	INC(8), INC(9), INC(10), INC(11), INC(12), INC(13), INC(14), INC(15),
};
#undef INC

/* A word of *LEN letters ended: a Latin word of four letters or more
 * counts in *WORDS, and in *BARE when it had no vowel; the state is reset
 * for the next word. */
static inline void word_end(guint *len, gboolean *latin, gboolean *vowel,
			    guint *words, guint *bare)
{
	if (*len >= 4 && *latin) {
		(*words)++;
		*bare += !*vowel;
	}
	*len = 0;
	*latin = TRUE;
	*vowel = FALSE;
}

gboolean xtext_unreadable(const GArray *chars)
{
	const xchar *g = (const xchar *)chars->data;
	const guint n = chars->len;
	guint total = 0, good = 0, words = 0, bare = 0, len = 0;
	guint64 counts = 0;             /* ASCII glyphs: as total << 32 | good */
	gboolean latin = TRUE, vowel = FALSE;

	for (guint i = 0; i < n; i++) {
		gunichar c = g[i].cp;
		if (c < 0x80) {                 /* as below, by the tables */
			guint8 k = ascii_class[c];
			counts += ascii_inc[k];
			if (k & A_LETTER) {
				len++;
				vowel |= k & A_VOWEL;
			} else if (len) {       /* else no word to end */
				word_end(&len, &latin, &vowel, &words, &bare);
			}
			continue;
		}
		if (g_unichar_isalpha(c) && !(c >= 0xE000 && c <= 0xF8FF)) {
			len++;
			vowel |= is_vowel(c);
			latin &= g_unichar_get_script(c) ==
				 G_UNICODE_SCRIPT_LATIN;
		} else {
			word_end(&len, &latin, &vowel, &words, &bare);
		}
		if (neutral(c) || xis_bullet(c))
			continue;
		total++;
		good += is_word_char(c);
	}
	word_end(&len, &latin, &vowel, &words, &bare);
	total += counts >> 32;
	good += (guint32)counts;
	if (total < MIN_GLYPHS)
		return FALSE;
	return good * 2 < total || (words >= MIN_WORDS && bare * 2 > words);
}
