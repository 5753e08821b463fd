/* literal.c - the longest run of plain characters that every match of a
 * rule pattern must contain, or else a set of texts one of which it must
 * contain (a group or define of plain alternatives), read from the
 * pattern's text, so that a text without it is never handed to PCRE2.
 * Not a regex parser: anything it does not understand (caseless, \Q)
 * gives none. */
#include "parse-int.h"

#include <stdlib.h>
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

/* Ends the current run RUN, keeping it in BEST when longer and in ALL
 * (when not NULL) when at least MIN_LITERAL bytes. */
static void end_run(GString *run, GString *best, GPtrArray *all)
{
	if (run->len > best->len)
		g_string_assign(best, run->str);
	if (all && run->len >= MIN_LITERAL)
		g_ptr_array_add(all, g_strndup(run->str, run->len));
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

/* The longest run of skr_rx_literal(), or NULL; every run of at least
 * MIN_LITERAL bytes added to ALL when not NULL (none when it gives
 * NULL). */
static char *literal_runs(const char *re, size_t len, uint32_t opts,
			  GPtrArray *all)
{
	const char *p = re, *end = re + len;
	GString *run = g_string_new(NULL), *best = g_string_new(NULL);
	int ok = !(opts & PCRE2_CASELESS) && !inline_options(re, end);

	while (ok && p < end) {
		char c = *p;
		if (c == '(' || c == '[') {
			end_run(run, best, all);
			ok = (p = skip_nested(p, end)) != NULL;
		} else if (c == '|' || c == ')' || c == ']') {
			ok = c == ']';      /* a lone ']' is itself */
			if (ok)
				g_string_append_c(run, c);
			p++;
		} else if (c == '?' || c == '*') {
			drop_last(run);
			end_run(run, best, all);
			p++;
		} else if (c == '{') {      /* {n}, {n,}, {n,m} and nothing else */
			drop_last(run);
			end_run(run, best, all);
			while (++p < end && (g_ascii_isdigit(*p) || *p == ','))
				;
			ok = p < end && *p == '}';
			p++;
		} else if (c == '+') {
			end_run(run, best, all);
			p++;
		} else if (c == '.' || c == '^' || c == '$') {
			end_run(run, best, all);
			p++;
		} else if (c == '\\') {
			if (p + 1 >= end || g_ascii_isalnum(p[1])) {
				ok = p + 1 < end && p[1] != 'Q' && p[1] != 'E';
				end_run(run, best, all);
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
	end_run(run, best, all);
	g_string_free(run, TRUE);
	if (!ok || best->len < MIN_LITERAL) {
		if (all)
			g_ptr_array_set_size(all, 0);
		g_string_free(best, TRUE);
		return NULL;
	}
	return g_string_free(best, FALSE);
}

char *skr_rx_literal(const char *re, size_t len, uint32_t opts)
{
	return literal_runs(re, len, opts, NULL);
}

char *skr_rx_literal_all(const char *re, size_t len, uint32_t opts,
			 char ***runs)
{
	GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
	char *best = literal_runs(re, len, opts, all);

	*runs = NULL;
	if (all->len < 2) {
		g_ptr_array_free(all, TRUE);
		return best;
	}
	g_ptr_array_set_free_func(all, NULL);
	g_ptr_array_add(all, NULL);
	*runs = (char **)g_ptr_array_free(all, FALSE);
	return best;
}

char **skr_rx_literal_runs(const char *re, size_t len, uint32_t opts)
{
	char **runs;

	g_free(skr_rx_literal_all(re, len, opts, &runs));
	return runs;
}


/* Is C a character that stands for itself in a pattern (outside a
 * class)? */
static gboolean plain(char c)
{
	return (guchar)c >= ' ' && !strchr("\\.^$|?*+()[]{}", c);
}

/* The alternatives of BODY[0..LEN-1] when it is only plain texts joined by
 * '|', each at least MIN_LITERAL bytes; else NULL.  Caller frees. */
static GPtrArray *plain_alts(const char *body, size_t len)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	const char *p = body, *end = body + len;

	for (;;) {
		const char *q = p;
		while (q < end && *q != '|' && plain(*q))
			q++;
		if ((q < end && *q != '|') || q - p < MIN_LITERAL) {
			g_ptr_array_free(a, TRUE);
			return NULL;
		}
		g_ptr_array_add(a, g_strndup(p, q - p));
		if (q == end)
			return a;
		p = q + 1;
	}
}

/* The body of the group at P..Q (P at '(', Q after its ')') when it is a
 * plain or named capture or a non-capturing group, in *BODY and *LEN. */
static gboolean group_body(const char *p, const char *q, const char **body,
			   size_t *len)
{
	const char *b = p + 1;

	if (b < q && *b == '?') {
		if (b + 1 < q && b[1] == ':')
			b += 2;
		else if (b + 2 < q && b[1] == '<' && g_ascii_isalpha(b[2])) {
			b += 2;
			while (b < q && (g_ascii_isalnum(*b) || *b == '_'))
				b++;
			if (b >= q || *b != '>')
				return FALSE;
			b++;
		} else
			return FALSE;
	}
	*body = b;
	*len = q - 1 - b;
	return TRUE;
}

/* The regex of define NAME (NLEN bytes) among the first N of DEFS (name,
 * regex, ...), or NULL. */
static const char *define_of(const char *name, size_t nlen,
			     const GPtrArray *defs, guint n)
{
	for (guint k = 0; defs && k < n && 2 * k + 1 < defs->len; k++) {
		const char *d = defs->pdata[2 * k];
		if (strlen(d) == nlen && memcmp(d, name, nlen) == 0)
			return defs->pdata[2 * k + 1];
	}
	return NULL;
}

/* Keeps the set A in *BEST when its shortest text is longer than that of
 * *BEST (fewer texts on a tie); frees the other. */
static void keep_better(GPtrArray **best, GPtrArray *a)
{
	size_t ma = G_MAXSIZE, mb = 0;

	if (!a)
		return;
	for (guint i = 0; i < a->len; i++)
		ma = MIN(ma, strlen(a->pdata[i]));
	for (guint i = 0; *best && i < (*best)->len; i++)
		mb = i ? MIN(mb, strlen((*best)->pdata[i]))
		       : strlen((*best)->pdata[i]);
	if (!*best || ma > mb || (ma == mb && a->len < (*best)->len)) {
		if (*best)
			g_ptr_array_free(*best, TRUE);
		*best = a;
	} else
		g_ptr_array_free(a, TRUE);
}

#define MAX_NESTING 4            /* groups and defines looked into */

static GPtrArray *required(const char *re, size_t len, const GPtrArray *defs,
			   guint ndefs, int depth);

/* The texts of a group taken once at P..Q, or of define "(?&NAME)":
 * its plain alternatives, or else what its body requires. */
static GPtrArray *group_set(const char *p, const char *q,
			    const GPtrArray *defs, guint ndefs, int depth)
{
	const char *body, *d;
	size_t blen;
	GPtrArray *a;

	if (q - p > 4 && p[1] == '?' && p[2] == '&' &&
	    (d = define_of(p + 3, q - p - 4, defs, ndefs)))
		body = d, blen = strlen(d);
	else if (!group_body(p, q, &body, &blen))
		return NULL;
	if ((a = plain_alts(body, blen)))
		return a;
	return required(body, blen, defs, ndefs, depth + 1);
}

/* The best set of the groups taken once in RE (one branch, no '|' at its
 * top), or NULL. */
static GPtrArray *groups_set(const char *re, size_t len,
			     const GPtrArray *defs, guint ndefs, int depth)
{
	const char *p = re, *end = re + len, *q;
	GPtrArray *best = NULL;

	while (p < end) {
		if (*p == '\\') {
			p += 2;
			continue;
		}
		if (*p != '(' && *p != '[') {
			p++;
			continue;
		}
		if (!(q = skip_nested(p, end))) {
			if (best)
				g_ptr_array_free(best, TRUE);
			return NULL;
		}
		/* a group taken as it is, not made optional or repeated */
		if (*p == '(' && (q >= end || !strchr("?*{", *q)))
			keep_better(&best, group_set(p, q, defs, ndefs, depth));
		p = q;
	}
	return best;
}

/* The ends of the branches of RE (its '|' outside groups and classes)
 * into ENDS; returns their number, 0 when RE does not parse or has more
 * than MAX branches. */
static guint branch_ends(const char *re, size_t len, const char **ends,
			 guint max)
{
	const char *p = re, *end = re + len;
	guint n = 0;

	while (p < end) {
		if (*p == '\\') {
			p += 2;
		} else if (*p == '(' || *p == '[') {
			if (!(p = skip_nested(p, end)))
				return 0;
		} else if (*p == '|') {
			if (n + 1 >= max)
				return 0;
			ends[n++] = p++;
		} else {
			p++;
		}
	}
	ends[n++] = end;
	return n;
}

/* Texts one of which every match of RE contains: the literal of a branch
 * or the best set of its groups; for an alternation, those of every
 * branch together (none when one branch has none). */
static GPtrArray *required(const char *re, size_t len, const GPtrArray *defs,
			   guint ndefs, int depth)
{
	const char *ends[32], *b = re;
	guint n = depth > MAX_NESTING ? 0 : branch_ends(re, len, ends, 32);
	GPtrArray *all = NULL;

	for (guint i = 0; i < n; b = ends[i++] + 1) {
		char *lit = skr_rx_literal(b, ends[i] - b, 0);
		GPtrArray *a = lit ? NULL
				   : groups_set(b, ends[i] - b, defs, ndefs,
						depth);
		if (lit) {
			a = g_ptr_array_new_with_free_func(g_free);
			g_ptr_array_add(a, lit);
		}
		if (!a) {
			if (all)
				g_ptr_array_free(all, TRUE);
			return NULL;
		}
		if (!all) {
			all = a;
			continue;
		}
		for (guint k = 0; k < a->len; k++)
			g_ptr_array_add(all, g_steal_pointer(&a->pdata[k]));
		g_ptr_array_free(a, TRUE);
	}
	return all;
}

char **skr_rx_literal_set(const char *re, size_t len, uint32_t opts,
			  const GPtrArray *defs, guint ndefs)
{
	GPtrArray *set;

	if ((opts & PCRE2_CASELESS) || inline_options(re, re + len))
		return NULL;
	if (!(set = required(re, len, defs, ndefs, 0)))
		return NULL;
	g_ptr_array_add(set, NULL);
	return (char **)g_ptr_array_free(set, FALSE);
}

static int digits_branches(const char *re, size_t len, int depth);

/* The longest run of consecutive characters that \d must match in every
 * match of RE (one branch, no '|' at its top): adjacent \d tokens with
 * their least counts, and the best of the groups taken once; anything
 * else ends a run (never more than is certain). */
static int digits_branch(const char *re, size_t len, int depth)
{
	const char *p = re, *end = re + len, *q, *body;
	size_t blen;
	int run = 0, best = 0;

	while (p < end) {
		if (p + 1 < end && p[0] == '\\' && p[1] == 'd') {
			long n = 1;
			p += 2;
			if (p < end && (*p == '?' || *p == '*'))
				n = 0, p++;
			else if (p < end && *p == '+')
				p++;
			else if (p < end && *p == '{') {
				n = strtol(p + 1, (char **)&q, 10);
				if (q == p + 1 || n > 100)
					n = 0;
				while (p < end && *p != '}')
					p++;
				p++;
			}
			if (p < end && (*p == '?' || *p == '+'))
				p++;    /* lazy or possessive */
			run += (int)n;
			best = MAX(best, run);
			continue;
		}
		run = 0;
		if (*p == '\\') {
			p += 2;
		} else if (*p == '(' || *p == '[') {
			if (!(q = skip_nested(p, end)))
				return 0;
			if (*p == '(' && (q >= end || !strchr("?*{", *q)) &&
			    group_body(p, q, &body, &blen))
				best = MAX(best, digits_branches(body, blen,
								 depth + 1));
			p = q;
		} else {
			p++;
		}
	}
	return best;
}

/* The least of digits_branch() over the branches of RE. */
static int digits_branches(const char *re, size_t len, int depth)
{
	const char *ends[32], *b = re;
	guint n = depth > MAX_NESTING ? 0 : branch_ends(re, len, ends, 32);
	int least = n ? G_MAXINT : 0;

	for (guint i = 0; i < n; b = ends[i++] + 1)
		least = MIN(least, digits_branch(b, ends[i] - b, depth));
	return least;
}

int skr_rx_digits(const char *re, size_t len, uint32_t opts)
{
	(void)opts;
	if (!g_strstr_len(re, len, "\\d") || inline_options(re, re + len) ||
	    g_strstr_len(re, len, "\\Q"))
		return 0;
	return digits_branches(re, len, 0);
}
