/* rules.c - loads and compiles rule files (format: parse/rules/README.md)
 * into a skr_ruleset.  Not matching: engine.c applies the compiled rules.
 */
#include "parse-int.h"
#include <skrapa/datadir.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/textio.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct loader {
	const char *path;
	const char *src;                /* base name of PATH, owned by rf */
	int lineno;
	int depth;                      /* include depth, 0 for the file */
	rulefile_t *rf;
	rule_t *last;                   /* rule that 'emit' lines attach to */
	int full;                       /* every line, not only those that
					   classify (see rulefile_t) */
};

#define RULES_MAX_INCLUDE 8             /* include depth */
#define RULES_MAX_PATHS   8             /* targets of one emit */

static int parse_text(struct loader *ld, char *buf);

static void emit_free(gpointer p)
{
	emit_t *e = p;
	g_free(e->path);
	g_free(e->value);
	g_free(e);
}

/* Compiled patterns are shared: a pattern with the same text, defines and
 * flags (one of an included file, used by every rule file that includes
 * it) is compiled once and freed with its last user.  Key: the flags in
 * hex, ':', the full pattern text. */
typedef struct {
	pcre2_code *code;
	guint refs;
} rx_shared;

G_LOCK_DEFINE_STATIC(rx_cache);
static GHashTable *rx_cache;            /* key -> rx_shared* */

static void rx_free(gpointer p)
{
	rx_t *rx = p;
	rx_shared *sh;

	if (!rx)
		return;
	G_LOCK(rx_cache);
	sh = rx_cache && rx->key ? g_hash_table_lookup(rx_cache, rx->key)
				 : NULL;
	if (sh && --sh->refs == 0) {
		g_hash_table_remove(rx_cache, rx->key);
		pcre2_code_free(sh->code);
		g_free(sh);
	}
	G_UNLOCK(rx_cache);
	g_free(rx->key);
	g_free(rx->re);
	g_free(rx->path);
	g_free(rx->lit);
	g_strfreev(rx->alts);
	g_free(rx->altlen);
	g_strfreev(rx->more);
	g_free(rx->morelen);
	g_free(rx);
}

/* The compiled code of FULL with OPTS, from the cache or new; stores the
 * key in *KEY (caller frees).  Returns NULL with ERR and OFF as
 * pcre2_compile() sets them. */
static pcre2_code *rx_compile(const GString *full, uint32_t opts, char **key,
			      int *err, PCRE2_SIZE *off)
{
	rx_shared *sh;
	pcre2_code *code = NULL;

	*key = g_strdup_printf("%x:%s", opts, full->str);
	G_LOCK(rx_cache);
	if (!rx_cache)
		rx_cache = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, NULL);
	if ((sh = g_hash_table_lookup(rx_cache, *key))) {
		sh->refs++;
		code = sh->code;
	} else if ((code = pcre2_compile((PCRE2_SPTR)full->str, full->len,
					 opts, err, off, NULL))) {
		sh = g_new(rx_shared, 1);
		sh->code = code;
		sh->refs = 1;
		g_hash_table_insert(rx_cache, g_strdup(*key), sh);
	}
	G_UNLOCK(rx_cache);
	return code;
}

/* About how often byte C occurs in Swedish or English running text, per
 * mille (letter frequencies; UTF-8 bytes of å, ä, ö; capitals, digits and
 * most punctuation rare): only to pick the byte of a literal that
 * memchr() stops at least often. */
static int byte_freq(guchar c)
{
	static const char lower[] = "eanrtsildomkgvhfupbcyjxwzq";
	static const guint8 lf[] = { 90, 80, 70, 70, 70, 60, 55, 45, 40, 40,
				     30, 30, 28, 22, 18, 18, 17, 15, 12, 10,
				     6, 6, 1, 1, 1, 1 };
	const char *at = c >= 'a' && c <= 'z' ? strchr(lower, c) : NULL;

	if (at)
		return lf[at - lower];
	switch (c) {
	case ' ': return 150;
	case 0xC3: return 40;           /* lead byte of å ä ö é */
	case 0xA4: case 0xA5: case 0xB6: return 15;
	case '.': case ',': return 10;
	}
	return g_ascii_isdigit(c) ? 5 : g_ascii_isupper(c) ? 3 : 1;
}

/* The offset of the byte of NEEDLE (NLEN bytes) to look for first. */
static size_t rare_byte(const char *needle, size_t nlen)
{
	size_t r = 0;

	for (size_t i = 1; i < nlen; i++)
		if (byte_freq(needle[i]) < byte_freq(needle[r]))
			r = i;
	return r;
}

/* The first NEEDLE (NLEN >= 1 bytes) in S (LEN bytes), or NULL: memmem()
 * for the short needles and subjects of rules, where glibc's memmem pays
 * more for setting up its tables than for the search: memchr() for the
 * needle's byte at RARE (rare_byte), then the whole needle. */
static const char *find_text(const char *s, size_t len, const char *needle,
			     size_t nlen, size_t rare)
{
	const char *p = s + rare, *end;

	if (nlen == 0 || nlen > len)
		return nlen == 0 ? s : NULL;
	end = s + len - (nlen - 1 - rare);      /* last place of RARE + 1 */
	while (p < end && (p = memchr(p, needle[rare], end - p))) {
		if (memcmp(p - rare, needle, nlen) == 0)
			return p - rare;
		p++;
	}
	return NULL;
}

int skr_rx_digit_run(const char *s, size_t len, int n)
{
	int run = 0;

	for (size_t i = 0; i < len; i++) {
		guchar c = s[i];
		if ((c >= '0' && c <= '9') || c >= 0xC0)
			run++;          /* a digit or a character not ASCII */
		else if (c < 0x80)
			run = 0;
		else
			continue;       /* inside the same character */
		if (run >= n)
			return 1;
	}
	return 0;
}

/* Does S (LEN bytes) hold every one of RX's other runs? */
static gboolean all_of(const rx_t *rx, const char *s, size_t len)
{
	for (guint k = 0; rx->more[k]; k++)
		if (!find_text(s, len, rx->more[k], rx->morelen[2 * k],
			       rx->morelen[2 * k + 1]))
			return FALSE;
	return TRUE;
}

/* Does S (LEN bytes) hold one of RX's alternatives? */
static gboolean any_of(const rx_t *rx, const char *s, size_t len)
{
	for (guint k = 0; rx->alts[k]; k++)
		if (find_text(s, len, rx->alts[k], rx->altlen[2 * k],
			      rx->altlen[2 * k + 1]))
			return TRUE;
	return FALSE;
}

static int rx_build(rx_t *rx);

/* Patterns found bad when first used (skr_rx_errors). */
static unsigned rx_errors;

unsigned skr_rx_errors(void)
{
	return rx_errors;
}

int skr_rx_match(rx_t *rx, const char *s, size_t len, size_t at,
		 pcre2_match_data *md)
{
	if (!rx->prep)
		skr_rx_prepare(rx);
	/* no match can lack the pattern's literal (or all of its
	 * alternatives): PCRE2 is not asked */
	if (rx->lit && !find_text(s + at, len - at, rx->lit, rx->litlen,
				  rx->litrare))
		return PCRE2_ERROR_NOMATCH;
	if (rx->alts && !any_of(rx, s + at, len - at))
		return PCRE2_ERROR_NOMATCH;
	if (rx->more && !all_of(rx, s + at, len - at))
		return PCRE2_ERROR_NOMATCH;
	/* read once the pattern has cost enough to pay for reading it */
	if (rx->digits < 0 && (rx->jit || rx->work >= RX_DIGITS_WORK))
		rx->digits = skr_rx_digits(rx->re, rx->relen, rx->opts);
	if (rx->digits > 0 && !skr_rx_digit_run(s + at, len - at, rx->digits))
		return PCRE2_ERROR_NOMATCH;
	if (!rx->code && (rx->bad || rx_build(rx))) {
		rx_errors += !rx->bad;  /* reported once, by rx_build */
		rx->bad = 1;
		return PCRE2_ERROR_NOMATCH;
	}
	if (!rx->jit &&
	    (rx->work += rx->scan_cost * (len - at)) >= RX_JIT_WORK)
		rx->jit = pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE) == 0
			? 1 : -1;
	int rc = rx->jit > 0    /* no sanity checks: arguments are valid */
		 ? pcre2_jit_match(rx->code, (PCRE2_SPTR)s, len, at, 0, md,
				   NULL)
		 : pcre2_match(rx->code, (PCRE2_SPTR)s, len, at,
			       PCRE2_NO_UTF_CHECK, md, NULL);
	if ((rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	     rc == PCRE2_ERROR_HEAPLIMIT) && !rx->warned++)
		skr_warning("'%s:%d': the pattern reached PCRE2's match limit "
			    "(catastrophic backtracking?); such lines count as "
			    "no match", rx->path ? rx->path : "-", rx->lineno);
	return rc;
}

/* The first place at or after AT (before END) where one of RX's
 * alternatives is; NEXT[K] caches where alternative K is next (NULL: not
 * looked for yet, END: nowhere). */
static const char *next_alt(const rx_t *rx, const char *at, const char *end,
			    const char **next)
{
	const char *first = end;

	for (guint k = 0; rx->alts[k]; k++) {
		if (!next[k] || (next[k] < at && next[k] != end)) {
			const char *hit = find_text(at, end - at, rx->alts[k],
						    rx->altlen[2 * k],
						    rx->altlen[2 * k + 1]);
			next[k] = hit ? hit : end;
		}
		first = MIN(first, next[k]);
	}
	return first;
}

int skr_rx_any_line(rx_t *rx, const skr_clean *c, pcre2_match_data *md)
{
	const char *next[RX_ALTS_MAX] = { NULL };
	const char *end, *at, *hit;
	guint i = 0;

	if (!c->n)
		return 0;
	skr_rx_prepare(rx);
	if (!rx->lit && (!rx->alts || g_strv_length(rx->alts) >= RX_ALTS_MAX)) {
		for (i = 0; i < c->n; i++)
			if (skr_rx_match(rx, c->text[i], c->len[i], 0, md) >= 0)
				return 1;
		return 0;
	}
	/* the lines lie one after the other, each ended by a NUL, which no
	 * literal holds: one search over all of them skips the lines
	 * without the literal (or any of the alternatives) */
	end = c->text[c->n - 1] + c->len[c->n - 1];
	at = c->text[0];
	while ((hit = rx->lit ? find_text(at, end - at, rx->lit, rx->litlen,
					  rx->litrare)
			      : next_alt(rx, at, end, next)) &&
	       hit < end) {
		while (c->text[i] + c->len[i] < hit)
			i++;            /* the line holding the hit */
		if (skr_rx_match(rx, c->text[i], c->len[i], 0, md) >= 0)
			return 1;
		if (++i >= c->n)
			return 0;
		at = c->text[i];
	}
	return 0;
}

static void rule_free(gpointer p)
{
	rule_t *r = p;
	rx_free(r->re);
	g_free(r->cond.written);
	g_ptr_array_free(r->emits, TRUE);
	g_free(r);
}

static void scope_free(gpointer p)
{
	scope_t *s = p;
	g_free(s->name);
	g_ptr_array_free(s->rules, TRUE);
	g_ptr_array_free(s->finds, TRUE);
	g_ptr_array_free(s->trans, TRUE);
	g_free(s);
}

static int scope_add(rulefile_t *rf, const char *name, int parent)
{
	scope_t *s = g_new0(scope_t, 1);
	s->name = g_strdup(name);
	s->parent = parent;
	s->rules = g_ptr_array_new();
	s->finds = g_ptr_array_new();
	s->trans = g_ptr_array_new();
	g_ptr_array_add(rf->scopes, s);
	return rf->scopes->len - 1;
}

static rulefile_t *rulefile_new(const char *path)
{
	rulefile_t *rf = g_new0(rulefile_t, 1);
	rf->path = g_strdup(path);
	rf->file = g_path_get_basename(path);
	rf->meta = g_ptr_array_new_with_free_func(g_free);
	rf->threshold = 1;
	rf->sign_re = g_ptr_array_new_with_free_func(rx_free);
	rf->sign_w = g_array_new(FALSE, FALSE, sizeof(double));
	rf->scopes = g_ptr_array_new_with_free_func(scope_free);
	rf->rules = g_ptr_array_new_with_free_func(rule_free);
	rf->global = g_ptr_array_new();
	rf->maps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 g_free);
	rf->srcs = g_ptr_array_new_with_free_func(g_free);
	rf->defines = g_ptr_array_new_with_free_func(g_free);
	rf->define_rx = g_ptr_array_new_with_free_func(rx_free);
	rf->skip_flags = SKR_LINE_HEADER | SKR_LINE_FOOTER | SKR_LINE_PAGENUM |
			 SKR_LINE_ANNOT;
	scope_add(rf, "doc", -1);
	return rf;
}

static void rulefile_free(gpointer p)
{
	rulefile_t *rf = p;
	if (!rf)
		return;
	g_free(rf->path);
	g_free(rf->file);
	g_free(rf->family);
	g_ptr_array_free(rf->meta, TRUE);
	g_ptr_array_free(rf->sign_re, TRUE);
	g_array_free(rf->sign_w, TRUE);
	g_ptr_array_free(rf->global, TRUE);
	g_ptr_array_free(rf->rules, TRUE);
	g_ptr_array_free(rf->scopes, TRUE);
	g_hash_table_destroy(rf->maps);
	g_ptr_array_free(rf->srcs, TRUE);
	g_ptr_array_free(rf->defines, TRUE);
	g_ptr_array_free(rf->define_rx, TRUE);
	g_free(rf);
}

static int bad(struct loader *ld, const char *why)
{
	return skr_error(SKR_EX_BAD_RULES, "cannot load '%s': line %d: %s",
			 ld->path, ld->lineno, why);
}

/* Reads the whole of W as a finite number into *D.  Returns 0 or -1. */
static int number(const char *w, double *d)
{
	return w && skr_parse_double(w, strlen(w), d) == SKR_NUM_OK ? 0 : -1;
}

/* Reads the whole of W as an integer of base BASE in [LO, HI] into *V.
 * Returns 0 or -1. */
static int integer(const char *w, int base, long lo, long hi, long *v)
{
	return w && skr_parse_int_base(w, strlen(w), base, lo, hi, v) ==
		    SKR_NUM_OK ? 0 : -1;
}

static int scope_find(const rulefile_t *rf, const char *name)
{
	for (guint i = 0; i < rf->scopes->len; i++)
		if (strcmp(((scope_t *)rf->scopes->pdata[i])->name, name) == 0)
			return i;
	return -1;
}

/* The first N "define NAME /RE/" entries of RF (name, regex, name, ...)
 * whose names RE refers to as "(?&NAME)", directly or through other
 * defines, appended to S as one "(?(DEFINE)...)" group. */
static void add_defines(const rulefile_t *rf, guint n, const char *re,
			size_t len, GString *s)
{
	guint used = 0;
	guint8 *use;
	GString *ref;
	int more = 1;

	if (!g_strstr_len(re, len, "(?&"))
		return;         /* uses no define */
	use = g_new0(guint8, n + 1);
	ref = g_string_new(NULL);

	while (more) {          /* the closure over the defines' own uses */
		more = 0;
		for (guint k = 0; k < n; k++) {
			if (use[k])
				continue;
			g_string_assign(ref, "(?&");
			g_string_append(ref, rf->defines->pdata[2 * k]);
			g_string_append_c(ref, ')');
			int hit = g_strstr_len(re, len, ref->str) != NULL;
			for (guint j = 0; j < n && !hit; j++)
				hit = use[j] && strstr(rf->defines->pdata[2 * j
						       + 1], ref->str);
			if (hit) {
				use[k] = more = 1;
				used++;
			}
		}
	}
	g_string_free(ref, TRUE);
	if (used) {
		g_string_append(s, "(?(DEFINE)");
		for (guint k = 0; k < n; k++)
			if (use[k])
				g_string_append_printf(s, "(?<%s>%s)",
					(char *)rf->defines->pdata[2 * k],
					(char *)rf->defines->pdata[2 * k + 1]);
		g_string_append_c(s, ')');
	}
	g_free(use);
}

/* Checks "/REGEX/FLAGS" at S (the regex runs to the last '/' of the line):
 * stores the regex in *RE, *LEN and the options of the flags in *OPTS. */
static int pattern_text(struct loader *ld, const char *s, const char **re,
			size_t *len, uint32_t *opts)
{
	const char *end = strrchr(s, '/');

	*opts = PCRE2_UTF | PCRE2_UCP;
	if (s[0] != '/' || end == s)
		return bad(ld, "pattern must be written /REGEX/");
	for (const char *f = end + 1; *f; f++) {
		if (*f == 'i')
			*opts |= PCRE2_CASELESS;
		else if (*f != ' ' && *f != '\t')
			return bad(ld, "unknown pattern flag");
	}
	*re = s + 1;
	*len = end - s - 1;
	return 0;
}

/* Per text of the NULL-terminated V: its length and its rare_byte(), in a
 * new array. */
static size_t *needles(char **v)
{
	guint n = g_strv_length(v);
	size_t *a = g_new(size_t, 2 * n);

	for (guint k = 0; k < n; k++) {
		a[2 * k] = strlen(v[k]);
		a[2 * k + 1] = rare_byte(v[k], a[2 * k]);
	}
	return a;
}

void skr_rx_prepare(rx_t *rx)
{
	if (rx->prep)
		return;
	rx->prep = 1;
	rx->digits = -1;
	if ((rx->lit = skr_rx_literal_all(rx->re, rx->relen, rx->opts,
					  &rx->more))) {
		rx->litlen = strlen(rx->lit);
		rx->litrare = rare_byte(rx->lit, rx->litlen);
		rx->morelen = rx->more ? needles(rx->more) : NULL;
	} else if ((rx->alts = skr_rx_literal_set(rx->re, rx->relen,
			rx->opts, rx->rf->defines, rx->ndefs)))
		rx->altlen = needles(rx->alts);
}

/* The first of the defines RX may use that does not compile alone: its
 * message printed, SKR_EX_BAD_RULES; or 0 when they all do. */
static int bad_define(const rx_t *rx)
{
	const GPtrArray *d = rx->rf->define_rx;
	int rc = 0;

	for (guint k = 0; k < d->len && k < rx->ndefs && !rc; k++)
		if (d->pdata[k] != rx)
			rc = rx_build(d->pdata[k]);
	return rc;
}

/* Must PCRE2's interpreter try CODE at every offset of a text: is it not
 * anchored, with no first character or set of first characters known? */
static int scans(const pcre2_code *code)
{
	uint32_t opts = 0, first = 0;
	const uint8_t *bits = NULL;

	pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &opts);
	pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &first);
	pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits);
	return !(opts & PCRE2_ANCHORED) && first == 0 && !bits;
}

/* Compiles RX unless it is compiled: its regex with the defines of its
 * file written before it, without JIT (see rx_t), and sets its
 * prefilter.  On failure prints the PCRE2 message and the offset in the
 * regex (of the bad define, when one is). */
static int rx_build(rx_t *rx)
{
	const rulefile_t *rf = rx->rf;
	int err;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];
	GString *full;

	if (rx->code)
		return 0;
	full = g_string_new("(?:");
	g_string_append_len(full, rx->re, rx->relen);
	g_string_append_c(full, ')');
	add_defines(rf, rx->ndefs, rx->re, rx->relen, full);
	g_free(rx->key);
	rx->code = rx_compile(full, rx->opts, &rx->key, &err, &off);
	g_string_free(full, TRUE);
	if (!rx->code && bad_define(rx))
		return SKR_EX_BAD_RULES;
	if (!rx->code) {
		pcre2_get_error_message(err, msg, sizeof msg);
		off = off >= 3 ? off - 3 : 0;
		return skr_error(SKR_EX_BAD_RULES,
				 "cannot load '%s': line %d: %s at offset %zu",
				 rx->path, rx->lineno, (char *)msg,
				 (size_t)MIN(off, rx->relen));
	}
	skr_rx_prepare(rx);
	rx->scan_cost = scans(rx->code) ? RX_SCAN_COST : 1;
	return 0;
}

/* The pattern of "/REGEX/FLAGS" at S, with the defines written so far,
 * into a new *OUT, compiled when first used (see rx_t).  On failure
 * prints the message; *OUT is then NULL. */
static int compile_re(struct loader *ld, const char *s, rx_t **out)
{
	const char *re;
	size_t len;
	uint32_t opts;
	int rc;
	rx_t *rx;

	*out = NULL;
	if ((rc = pattern_text(ld, s, &re, &len, &opts)))
		return rc;
	rx = g_new0(rx_t, 1);
	rx->rf = ld->rf;
	rx->re = g_strndup(re, len);
	rx->relen = len;
	rx->opts = opts;
	rx->ndefs = ld->rf->defines->len / 2;
	rx->lineno = ld->lineno;
	rx->path = g_strdup(ld->path);
	*out = rx;
	return 0;
}

/* JIT-compiles RX now, when it is compiled, not yet JIT-compiled and
 * tried at every offset of a text (rx_t: the patterns a document nearly
 * always JIT-compiles itself; the others mostly never pay for it). */
static void rx_jit(rx_t *rx)
{
	if (rx->code && !rx->jit && rx->scan_cost == RX_SCAN_COST)
		rx->jit = pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE) == 0
			? 1 : -1;
}

void skr_ruleset_jit(skr_ruleset *rs)
{
	for (guint f = 0; f < rs->files->len; f++) {
		rulefile_t *rf = rs->files->pdata[f];
		for (guint i = 0; i < rf->rules->len; i++)
			rx_jit(((rule_t *)rf->rules->pdata[i])->re);
		for (guint i = 0; i < rf->sign_re->len; i++)
			rx_jit(rf->sign_re->pdata[i]);
	}
}

/* Compiles every pattern of the array A of rx_t* not compiled yet. */
static int build_all(const GPtrArray *a)
{
	int rc = 0;

	for (guint i = 0; i < a->len && !rc; i++)
		rc = rx_build(a->pdata[i]);
	return rc;
}

int skr_ruleset_compile(skr_ruleset *rs)
{
	int rc = 0;

	for (guint f = 0; f < rs->files->len && !rc; f++) {
		rulefile_t *rf = rs->files->pdata[f];
		if (!(rc = skr_rules_read(rf)) && !(rc = build_all(rf->define_rx)) &&
		    !(rc = build_all(rf->sign_re)))
			for (guint i = 0; i < rf->rules->len && !rc; i++)
				rc = rx_build(((rule_t *)rf->rules->
					       pdata[i])->re);
	}
	return rc;
}

/* Parses one condition word W of a rule of RF into C.  Returns 0 or -1. */
static int parse_cond(const rulefile_t *rf, const char *w, cond_t *c,
		      int *once)
{
	const char *v;
	unsigned set = 0;

	if (strcmp(w, "bold") == 0 || strcmp(w, "!bold") == 0) {
		c->bold = w[0] != '!';
		return 0;
	}
	if (strcmp(w, "first") == 0 || strcmp(w, "once") == 0) {
		*(w[0] == 'f' ? &c->first : once) = 1;
		return 0;
	}
	if (g_str_has_prefix(w, "flags=") || g_str_has_prefix(w, "!flags=")) {
		v = strchr(w, '=') + 1;
		if (*v == '-' || skr_line_flags_parse(v, strlen(v), &set))
			return -1;
		*(w[0] == '!' ? &c->flags_none : &c->flags_any) |= set;
		return 0;
	}
	if (strcmp(w, "col=left") == 0 || strcmp(w, "col=right") == 0) {
		c->col = w[4] == 'l' ? COL_LEFT : COL_RIGHT;
		return 0;
	}
	if (g_str_has_prefix(w, "written=") ||
	    g_str_has_prefix(w, "!written=")) {
		if (c->written || !strchr(w, '=')[1])
			return -1;
		c->written_neg = w[0] == '!';
		c->written = g_strdup(strchr(w, '=') + 1);
		return 0;
	}
	if (g_str_has_prefix(w, "in=") || g_str_has_prefix(w, "!in=")) {
		c->in_neg = w[0] == '!';
		c->in = scope_find(rf, strchr(w, '=') + 1);
		return c->in < 0 ? -1 : 0;
	}
	if (g_str_has_prefix(w, "page=")) {
		long n;
		if (integer(w + 5, 10, 1, G_MAXINT, &n))
			return -1;
		c->page = n;
		return 0;
	}
	if (g_str_has_prefix(w, "bullet=U+")) {
		long cp;
		if (integer(w + 9, 16, 0, 0x10FFFF, &cp))
			return -1;
		c->bullet = cp;
		return 0;
	}
	if (g_str_has_prefix(w, "width>") || g_str_has_prefix(w, "width<")) {
		double d;
		if (number(w + 6, &d) || d <= 0 || d > 1)
			return -1;
		*(w[5] == '>' ? &c->width_min : &c->width_max) = d;
		return 0;
	}
	if (g_str_has_prefix(w, "size>") || g_str_has_prefix(w, "size<")) {
		v = w + 5 + (w[5] == '=');
		double d;
		if (number(v, &d) || d <= 0)
			return -1;
		*(w[4] == '>' ? &c->size_min : &c->size_max) = d;
		return 0;
	}
	return skr_struct_cond_parse(w, c);
}

/* The rest of LINE after N white-space separated words, or "". */
static const char *after_words(const char *line, int n)
{
	const char *p = line;
	for (int i = 0; i < n; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static const char *const kind_words[] = {
	"open", "close", "field", "skip", "find", NULL
};

/* "KIND SCOPE [COND...] /REGEX/FLAGS" */
static int parse_rule(struct loader *ld, int kind, char **w, const char *line)
{
	rulefile_t *rf = ld->rf;
	rule_t *r = g_new0(rule_t, 1);
	const char *re = NULL;
	int rc, i;

	r->kind = kind;
	r->lineno = ld->lineno;
	r->src = ld->src;
	r->cond.bold = -1;
	r->cond.bullet = -1;
	r->cond.in = -1;
	r->emits = g_ptr_array_new_with_free_func(emit_free);
	g_ptr_array_add(rf->rules, r);          /* owned from here on */
	r->index = rf->rules->len - 1;
	for (i = 2; w[1] && w[i] && w[i][0] != '/'; i++)
		;                       /* the pattern: the first word "/..." */
	if (w[1] && w[i])
		re = after_words(line, i);
	if (!w[1] || !re)
		return bad(ld, "rule needs a scope and a /pattern/");
	r->scope = strcmp(w[1], "*") == 0 ? -1 : scope_find(rf, w[1]);
	if (r->scope < 0 && (kind <= RK_CLOSE || strcmp(w[1], "*") != 0))
		return bad(ld, "unknown scope");
	for (int k = 2; k < i; k++)
		if (parse_cond(rf, w[k], &r->cond, &r->once))
			return bad(ld, "unknown or malformed condition");
	if ((rc = compile_re(ld, re, &r->re)))
		return rc;
	r->target = r->scope;
	if (kind == RK_OPEN) {
		r->scope = ((scope_t *)rf->scopes->pdata[r->target])->parent;
		if (r->scope < 0)
			return bad(ld, "cannot open the root scope");
	}
	if (kind <= RK_CLOSE)
		g_ptr_array_add(((scope_t *)rf->scopes->pdata[r->scope])->trans,
				r);
	else if (r->scope < 0)
		g_ptr_array_add(rf->global, r);
	else if (kind == RK_FIND)
		g_ptr_array_add(((scope_t *)rf->scopes->pdata[r->scope])->finds,
				r);
	else
		g_ptr_array_add(((scope_t *)rf->scopes->pdata[r->scope])->rules,
				r);
	ld->last = r;
	return 0;
}

/* Number of ','-separated targets in the path list P. */
static int count_paths(const char *p)
{
	int n = 1;

	for (; *p; p++)
		n += *p == ',';
	return n;
}

/* "emit PATH TYPE [join=MODE] VALUE..." after a rule. */
static int parse_emit(struct loader *ld, char **w, const char *line)
{
	static const char *const joins[] = { "line", "item", "block", "text",
					     "list", "cell", NULL };
	emit_t *e;
	int nw = 3;

	if (!ld->last || ld->last->kind == RK_SKIP)
		return bad(ld, "'emit' must follow an open, close, field or "
			       "find rule");
	if (!w[1] || !w[2])
		return bad(ld, "'emit' needs PATH TYPE VALUE");
	e = g_new0(emit_t, 1);
	g_ptr_array_add(ld->last->emits, e);
	e->path = g_strdup(w[1]);
	if (count_paths(w[1]) > RULES_MAX_PATHS)
		return bad(ld, "'emit' has more than 8 paths");
	if (strcmp(w[2], "int") == 0)
		e->type = SKR_REC_INT;
	else if (strcmp(w[2], "text") == 0)
		e->type = SKR_REC_TEXT;
	else if (strcmp(w[2], "item") == 0)
		e->type = SKR_REC_ITEM;
	else
		return bad(ld, "type must be int, text or item");
	if (w[3] && g_str_has_prefix(w[3], "join=")) {
		int j;
		for (j = 0; joins[j] && strcmp(joins[j], w[3] + 5); j++)
			;
		if (!joins[j])
			return bad(ld, "join must be line, item, block, text, "
				       "list or cell");
		e->join = j;
		nw = 4;
	}
	e->value = g_strdup(after_words(line, nw));
	if (!*e->value)
		return bad(ld, "'emit' needs a VALUE template");
	return 0;
}

/* "define NAME /RE/": a named sub-pattern that patterns use as (?&NAME)
 * (compiled into each pattern that uses it; checked here alone). */
static int define(struct loader *ld, const char *name, const char *pat)
{
	const char *re;
	size_t len;
	uint32_t opts;
	rx_t *rx;
	int rc, ok = g_ascii_isalpha(*name);

	for (const char *p = name; ok && *p; p++)
		ok = g_ascii_isalnum(*p) || *p == '_';
	if (!ok)
		return bad(ld, "define needs a NAME of letters, digits and "
			       "'_'");
	for (guint k = 0; k < ld->rf->defines->len; k += 2)
		if (strcmp(ld->rf->defines->pdata[k], name) == 0)
			return bad(ld, "NAME is defined already");
	if ((rc = pattern_text(ld, pat, &re, &len, &opts)))
		return rc;
	if (opts & PCRE2_CASELESS)
		return bad(ld, "a define takes no flags (write (?i) inside)");
	g_ptr_array_add(ld->rf->defines, g_strdup(name));
	g_ptr_array_add(ld->rf->defines, g_strndup(re, len));
	if ((rc = compile_re(ld, pat, &rx)))
		return rc;
	g_ptr_array_add(ld->rf->define_rx, rx);
	return 0;
}

/* "include FILE": the directives of FILE (relative to the directory of
 * the including file), as if written here. */
static int include(struct loader *ld, const char *file)
{
	struct loader sub = *ld;
	char *dir = g_path_get_dirname(ld->path), *path, *buf = NULL;
	size_t len;
	int rc;

	if (ld->depth >= RULES_MAX_INCLUDE) {
		g_free(dir);
		return bad(ld, "includes nested more than 8 deep");
	}
	path = g_path_is_absolute(file) ? g_strdup(file)
					: g_build_filename(dir, file, NULL);
	g_free(dir);
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR) ||
	    skr_read_file(path, SKR_RULES_MAX_FILE, &buf, &len)) {
		g_free(path);
		return bad(ld, "cannot read the included file (a regular "
			       "file)");
	}
	sub.path = path;
	sub.lineno = 0;
	sub.depth = ld->depth + 1;
	sub.src = g_path_get_basename(path);
	g_ptr_array_add(ld->rf->srcs, (char *)sub.src);
	if (strlen(buf) != len)
		rc = bad(&sub, "file holds a NUL byte");
	else
		rc = parse_text(&sub, buf);
	ld->last = sub.last;
	g_free(buf);
	g_free(path);
	return rc;
}

static int parse_decl(struct loader *ld, char **w, const char *line)
{
	rulefile_t *rf = ld->rf;
	int n = g_strv_length(w), rc;

	if (strcmp(w[0], "family") == 0 && n == 2) {
		g_free(rf->family);
		rf->family = g_strdup(w[1]);
	} else if (strcmp(w[0], "meta") == 0 && n >= 3) {
		g_ptr_array_add(rf->meta, g_strdup(w[1]));
		g_ptr_array_add(rf->meta, g_strdup(after_words(line, 2)));
	} else if (strcmp(w[0], "threshold") == 0 && n == 2) {
		if (number(w[1], &rf->threshold))
			return bad(ld, "threshold must be a number");
	} else if (strcmp(w[0], "sign") == 0 && n >= 3) {
		rx_t *re;
		double wt;
		if (number(w[1], &wt))
			return bad(ld, "sign weight must be a number");
		if ((rc = compile_re(ld, after_words(line, 2), &re)))
			return rc;
		g_ptr_array_add(rf->sign_re, re);
		g_array_append_val(rf->sign_w, wt);
	} else if (strcmp(w[0], "scope") == 0 && n == 3) {
		int parent = scope_find(rf, w[2]);
		if (parent < 0 || scope_find(rf, w[1]) >= 0 ||
		    strcmp(w[1], "*") == 0)
			return bad(ld, "scope needs a new NAME and a known "
				       "PARENT");
		scope_add(rf, w[1], parent);
	} else if (strcmp(w[0], "map") == 0 && n >= 4) {
		g_hash_table_insert(rf->maps,
				    g_strdup_printf("%s:%s", w[1], w[2]),
				    g_strdup(after_words(line, 3)));
	} else if (strcmp(w[0], "include") == 0 && n == 2) {
		return include(ld, w[1]);
	} else if (strcmp(w[0], "define") == 0 && n >= 3) {
		return define(ld, w[1], after_words(line, 2));
	} else if (strcmp(w[0], "see-flags") == 0 && n == 2) {
		rf->skip_flags = 0;             /* "see-flags HFN": see all */
	} else {
		return bad(ld, "unknown directive or wrong word count");
	}
	return 0;
}

/* Does LINE (no leading blank) say what classifies a document: its
 * family, meta, threshold, a signature, a define, an include? */
static int classifying(const char *line)
{
	static const char *const words[] = {
		"family", "meta", "threshold", "sign", "define", "include",
		NULL
	};
	size_t n = 0;

	while (line[n] && line[n] != ' ' && line[n] != '\t')
		n++;

	for (int k = 0; words[k]; k++)
		if (strlen(words[k]) == n && memcmp(line, words[k], n) == 0)
			return 1;
	return 0;
}

static int parse_line(struct loader *ld, const char *line)
{
	char **w;
	int rc = 0;

	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#' || (!ld->full && !classifying(line)))
		return 0;
	w = skr_split_words(line, NULL);
	for (int k = 0; kind_words[k]; k++)
		if (strcmp(w[0], kind_words[k]) == 0) {
			rc = parse_rule(ld, k, w, line);
			goto out;
		}
	if (strcmp(w[0], "emit") == 0)
		rc = parse_emit(ld, w, line);
	else
		rc = parse_decl(ld, w, line);
out:
	g_free(w);
	return rc;
}

/* Parses the rule text BUF (changed in place) into LD's rule file. */
static int parse_text(struct loader *ld, char *buf)
{
	int rc = 0;

	const char *bad_at;

	/* checked when the file is read whole (the lines that classify
	 * are only names and patterns, and PCRE2 checks a pattern's UTF-8
	 * when it compiles it): g_utf8_validate() costs a third of the
	 * reading of the lines that classify */
	if (ld->full && !g_utf8_validate(buf, -1, &bad_at)) {
		for (const char *p = buf; p < bad_at; p++)
			ld->lineno += *p == '\n';
		ld->lineno++;                   /* the line holding it */
		return bad(ld, "not UTF-8 (save the file as UTF-8)");
	}
	for (char *p = buf; p && *p && !rc;) {
		char *nl = strchr(p, '\n'), *cr;
		if (nl)
			*nl = '\0';
		ld->lineno++;
		/* the line ends at its first CR (memchr: strcspn() sets up a
		 * table at each call) */
		if ((cr = memchr(p, '\r', nl ? (size_t)(nl - p) : strlen(p))))
			*cr = '\0';
		rc = parse_line(ld, p);
		p = nl ? nl + 1 : NULL;
	}
	if (!rc && !ld->depth && !ld->rf->family)
		rc = bad(ld, "no 'family' line");
	return rc;
}

/* Reads rule file PATH into a new *OUT: every line when FULL, else only
 * those that classify (see rulefile_t). */
static int load(const char *path, int full, rulefile_t **out)
{
	struct loader ld = { .path = path, .full = full };
	char *buf = NULL;
	size_t len;
	int rc;

	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > SKR_RULES_MAX_FILE)
		return skr_error(SKR_EX_BAD_RULES, "cannot load '%s': larger "
				 "than %d bytes (SKR_RULES_MAX_FILE)", path,
				 SKR_RULES_MAX_FILE);
	if ((rc = skr_read_file(path, SKR_RULES_MAX_FILE, &buf, &len)))
		return rc;
	ld.rf = rulefile_new(path);
	ld.src = ld.rf->file;
	if (strlen(buf) != len)
		rc = bad(&ld, "file holds a NUL byte");
	else
		rc = parse_text(&ld, buf);
	g_free(buf);
	if (rc) {
		rulefile_free(ld.rf);
		return rc;
	}
	ld.rf->full = full;
	*out = ld.rf;
	return 0;
}

int skr_rules_load_file(skr_ruleset *rs, const char *path)
{
	rulefile_t *rf;
	int rc = load(path, 0, &rf);

	if (!rc)
		g_ptr_array_add(rs->files, rf);
	return rc;
}

int skr_rules_read(rulefile_t *rf)
{
	rulefile_t *nrf, tmp;
	int rc;

	if (rf->full)
		return 0;
	if ((rc = load(rf->path, 1, &nrf)))
		return rc;
	tmp = *rf;              /* RF keeps its address; NRF takes the old */
	*rf = *nrf;
	*nrf = tmp;
	/* ... and the names skr_classify() gave out (the same text) */
	for (guint i = 0; i < rf->rules->len; i++)
		if (((rule_t *)rf->rules->pdata[i])->src == rf->file)
			((rule_t *)rf->rules->pdata[i])->src = nrf->file;
	tmp.file = rf->file;
	rf->file = nrf->file;
	nrf->file = tmp.file;
	if (g_strcmp0(rf->family, nrf->family) == 0) {
		tmp.family = rf->family;
		rf->family = nrf->family;
		nrf->family = tmp.family;
	}
	rulefile_free(nrf);
	for (guint i = 0; i < rf->sign_re->len; i++)
		((rx_t *)rf->sign_re->pdata[i])->rf = rf;
	for (guint i = 0; i < rf->define_rx->len; i++)
		((rx_t *)rf->define_rx->pdata[i])->rf = rf;
	for (guint i = 0; i < rf->rules->len; i++)
		((rule_t *)rf->rules->pdata[i])->re->rf = rf;
	return 0;
}

skr_ruleset *skr_ruleset_new(void)
{
	skr_ruleset *rs = g_new0(skr_ruleset, 1);
	rs->files = g_ptr_array_new_with_free_func(rulefile_free);
	return rs;
}

void skr_ruleset_free(skr_ruleset *rs)
{
	if (!rs)
		return;
	g_ptr_array_free(rs->files, TRUE);
	g_free(rs);
}

unsigned skr_ruleset_size(const skr_ruleset *rs)
{
	return rs->files->len;
}

void skr_ruleset_file_info(const skr_ruleset *rs, unsigned i,
			   const char **family, const char **revision,
			   const char **file)
{
	const rulefile_t *f = rs->files->pdata[i];

	*family = f->family;
	*file = f->file;
	*revision = NULL;
	for (guint k = 0; k + 1 < f->meta->len; k += 2)
		if (strcmp(f->meta->pdata[k], "revision") == 0)
			*revision = f->meta->pdata[k + 1];
}

int skr_rules_load_dir(skr_ruleset **out, const char *dir)
{
	GError *err = NULL;
	GPtrArray *names = skr_data_list(dir, ".rules", SKR_RULES_MAX_FILES,
					 &err);
	int rc = 0;

	*out = NULL;
	if (!names) {
		rc = skr_error(SKR_EX_BAD_RULES, "cannot load '%s': %s", dir,
			       err->message);
		g_error_free(err);
		return rc;
	}
	if (names->len == 0 || names->len > SKR_RULES_MAX_FILES) {
		rc = skr_error(SKR_EX_BAD_RULES, "cannot load '%s': %s", dir,
			       names->len ? "too many rule files"
					  : "no *.rules file");
		goto out;
	}
	*out = skr_ruleset_new();
	for (guint i = 0; i < names->len && !rc; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);
		rc = skr_rules_load_file(*out, path);
		g_free(path);
	}
	if (rc) {
		skr_ruleset_free(*out);
		*out = NULL;
	}
out:
	g_ptr_array_unref(names);
	return rc;
}

char *skr_rules_default_dir(void)
{
	return skr_data_path("rules");
}
