/* literal.c - the longest run of plain characters that every match of a
 * rule pattern must contain, read from the pattern's text, so that a text
 * without it is never handed to PCRE2.  Not a regex parser: anything it
 * does not understand (alternation at the top, caseless, \Q) gives none. */
#include "parse-int.h"

#include <string.h>

#define MIN_LITERAL 3           /* shorter runs prefilter too little */

/* Skips the group or class that opens at P (at '(' or '['); returns the
 * character after it, or NULL when it does not close. */
static const char *skip_nested(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '\\') {
			p++;
		} else if (*p == '[') {
			const char *q = p + 1;
			if (q < end && *q == '^')
				q++;
			if (q < end && *q == ']')
				q++;
			for (; q < end && *q != ']'; q++) {
				if (*q == '\\')
					q++;
				else if (*q == '[' && q + 1 < end && q[1] == ':')
					q = g_strstr_len(q + 2, end - q - 2, ":]")
					    ? g_strstr_len(q + 2, end - q - 2,
							   ":]") + 1 : end;
			}
			if (q >= end)
				return NULL;
			p = q;
			if (depth == 0)
				return p + 1;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p + 1;
		}
	}
	return NULL;
}

/* Ends the current run RUN, keeping it in BEST when longer. */
static void end_run(GString *run, GString *best)
{
	if (run->len > best->len)
		g_string_assign(best, run->str);
	g_string_truncate(run, 0);
}

/* Drops the last character (all its UTF-8 bytes) of RUN: a quantifier
 * made it optional or repeated. */
static void drop_last(GString *run)
{
	gsize n = run->len;

	while (n > 0 && ((guchar)run->str[n - 1] & 0xC0) == 0x80)
		n--;
	g_string_truncate(run, n ? n - 1 : 0);
}

/* Does RE set an option inline that changes what a literal matches:
 * (?i), (?x), (?mi:, (?^ ...? */
static gboolean inline_options(const char *re, const char *end)
{
	for (const char *p = re; p + 2 < end; p++) {
		const char *q = p + 2;
		if (p[0] != '(' || p[1] != '?')
			continue;
		while (q < end && (g_ascii_isalpha(*q) || *q == '-' ||
				   *q == '^'))
			q++;
		if (q < end && (*q == ')' || *q == ':') &&
		    (memchr(p + 2, 'i', q - p - 2) || memchr(p + 2, 'x', q - p - 2)
		     || memchr(p + 2, '^', q - p - 2)))
			return TRUE;
	}
	return FALSE;
}

char *skr_rx_literal(const char *re, size_t len, uint32_t opts)
{
	const char *p = re, *end = re + len;
	GString *run = g_string_new(NULL), *best = g_string_new(NULL);
	int ok = !(opts & PCRE2_CASELESS) && !inline_options(re, end);

	while (ok && p < end) {
		char c = *p;
		if (c == '(' || c == '[') {
			end_run(run, best);
			ok = (p = skip_nested(p, end)) != NULL;
		} else if (c == '|' || c == ')' || c == ']') {
			ok = c == ']';      /* a lone ']' is itself */
			if (ok)
				g_string_append_c(run, c);
			p++;
		} else if (c == '?' || c == '*') {
			drop_last(run);
			end_run(run, best);
			p++;
		} else if (c == '{') {      /* {n}, {n,}, {n,m} and nothing else */
			drop_last(run);
			end_run(run, best);
			while (++p < end && (g_ascii_isdigit(*p) || *p == ','))
				;
			ok = p < end && *p == '}';
			p++;
		} else if (c == '+') {
			end_run(run, best);
			p++;
		} else if (c == '.' || c == '^' || c == '$') {
			end_run(run, best);
			p++;
		} else if (c == '\\') {
			if (p + 1 >= end || g_ascii_isalnum(p[1])) {
				ok = p + 1 < end && p[1] != 'Q' && p[1] != 'E';
				end_run(run, best);
				p += 2;
				/* \p{..}, \x{..}, \g{..}: the braces too */
				if (ok && p < end && *p == '{')
					while (p < end && *p++ != '}')
						;
				/* \g<..>, \k<..>: a name or number */
				if (ok && p < end && (*p == '<' || *p == '\''))
					ok = FALSE;
			} else {
				g_string_append_c(run, p[1]);
				p += 2;
			}
		} else {
			g_string_append_c(run, c);
			p++;
		}
	}
	end_run(run, best);
	g_string_free(run, TRUE);
	if (!ok || best->len < MIN_LITERAL) {
		g_string_free(best, TRUE);
		return NULL;
	}
	return g_string_free(best, FALSE);
}
