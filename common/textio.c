/* textio.c - the escapes, field splitting, number parsers and the reader
 * skeleton of the stage formats.  Not the records of either format:
 * layout.c and records.c read those. */
#include <skrapa/textio.h>
#include <skrapa/diag.h>

#include <errno.h>
#include <math.h>
#include <string.h>

const char *skr_sup_skip(const char *s)
{
	const char *e;

	if (!g_str_has_prefix(s, SKR_SUP_OPEN))
		return NULL;
	e = strchr(s + strlen(SKR_SUP_OPEN), SKR_SUP_CLOSE);
	return e ? e + 1 : NULL;
}

void skr_escape_append(GString *out, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *esc = NULL;
		switch (*s) {
		case '\\':
			if (g_str_has_prefix(s, SKR_SUP_OPEN))
				continue;       /* the superscript mark */
			esc = "\\\\";
			break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default: continue;
		}
		g_string_append_len(out, run, s - run);
		g_string_append(out, esc);
		run = s + 1;
	}
	g_string_append(out, run);
}

char *skr_unescape(const char *s, size_t len)
{
	GString *out;

	if (memchr(s, '\0', len) || !g_utf8_validate(s, len, NULL))
		return NULL;
	out = g_string_sized_new(len);
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\\' || i + 1 == len) {
			g_string_append_c(out, s[i]);
			continue;
		}
		switch (s[i + 1]) {
		case '\\': g_string_append_c(out, '\\'); i++; break;
		case 't': g_string_append_c(out, '\t'); i++; break;
		case 'n': g_string_append_c(out, '\n'); i++; break;
		case 'r': g_string_append_c(out, '\r'); i++; break;
		default: g_string_append_c(out, '\\'); break;
		}
	}
	return g_string_free(out, FALSE);
}

int skr_stage_bad(skr_stage_in *in, const char *why)
{
	return skr_error(in->exit_code, "cannot read '%s': line %zu: %s",
			 in->name, in->lineno, why);
}

static int read_end(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	long count;
	char *why;
	int rc;

	if (nf == 2 && !skr_parse_int(f[1], n[1], 0, G_MAXINT, &count) &&
	    (guint)count == *in->count) {
		in->seen_end = 1;
		return 0;
	}
	why = g_strdup_printf("'end' does not match the %s count",
			      in->counted);
	rc = skr_stage_bad(in, why);
	g_free(why);
	return rc;
}

/* One record line S (LEN bytes, no LF) after the first. */
static int read_record(skr_stage_in *in, const char *s, size_t len)
{
	const char *f[SKR_STAGE_MAX_FIELDS];
	size_t n[SKR_STAGE_MAX_FIELDS];
	int nf;

	if (in->seen_end)
		return skr_stage_bad(in, "data after 'end'");
	if (len == 0)
		return skr_stage_bad(in, "empty line");
	if (s[0] == '#')
		return 0;
	nf = skr_split_tabs(s, len, f, n, SKR_STAGE_MAX_FIELDS);
	in->prev = in->last;
	in->last = NULL;
	for (const skr_stage_kind *k = in->kinds; k->tag; k++)
		if (n[0] == strlen(k->tag) && memcmp(f[0], k->tag, n[0]) == 0)
			return k->fn(in, f, n, nf);
	if (n[0] == 3 && memcmp(f[0], "end", 3) == 0)
		return read_end(in, f, n, nf);
	return skr_stage_bad(in, "unknown record");
}

int skr_read_lines(const char *buf, size_t len, const char *magic,
		   size_t *lineno, int (*fn)(void *, const char *, size_t),
		   int (*bad)(void *, const char *), void *ctx)
{
	const char *p = buf, *end = buf + len;
	int rc = 0;

	*lineno = 0;
	if (len == 0)
		return bad(ctx, "empty input");
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = (nl ? nl : end) - p;
		++*lineno;
		if (!nl)
			rc = bad(ctx, "no newline at end of file");
		else if (*lineno > 1)
			rc = fn(ctx, p, n);
		else if (n != strlen(magic) || memcmp(p, magic, n) != 0) {
			const char *hint = n >= 3 && memcmp(p, "\xEF\xBB\xBF",
							    3) == 0
				? " (it starts with a byte-order mark: save "
				  "without one)"
				: n > 0 && p[n - 1] == '\r'
				? " (it has CRLF line ends: convert them to LF, "
				  "e.g. with dos2unix)" : "";
			char *why = g_strdup_printf("not '%s'%s", magic, hint);
			rc = bad(ctx, why);
			g_free(why);
		}
		p = nl ? nl + 1 : end;
	}
	return rc;
}

static int stage_line(void *in, const char *s, size_t len)
{
	return read_record(in, s, len);
}

static int stage_bad(void *in, const char *why)
{
	return skr_stage_bad(in, why);
}

int skr_stage_read(skr_stage_in *in, const char *buf, size_t len)
{
	int rc = skr_read_lines(buf, len, in->magic, &in->lineno, stage_line,
				stage_bad, in);

	if (!rc && !in->seen_end)
		rc = skr_stage_bad(in, "truncated: no 'end' record");
	return rc;
}

int skr_split_tabs(const char *line, size_t len, const char **fields,
		   size_t *lens, int max)
{
	int n = 0;
	const char *end = line + len, *p = line;

	for (;;) {
		const char *tab = memchr(p, '\t', end - p);
		if (n == max)
			return max + 1;
		fields[n] = p;
		lens[n] = (tab ? tab : end) - p;
		n++;
		if (!tab)
			return n;
		p = tab + 1;
	}
}

char **skr_split_words(const char *line, int *nwords)
{
	size_t len = strlen(line), n = 1;
	const char *p = line;
	char **w, *buf;

	while (*(p += strcspn(p, " \t"))) {   /* one word more a run */
		n++;
		p += strspn(p, " \t");
	}
	w = g_malloc((n + 1) * sizeof *w + len + 1);
	buf = memcpy((char *)(w + n + 1), line, len + 1);
	n = 0;
	for (;;) {
		w[n++] = buf;
		buf += strcspn(buf, " \t");
		if (!*buf)
			break;
		size_t run = strspn(buf, " \t");
		*buf = '\0';
		buf += run;
	}
	w[n] = NULL;
	if (nwords)
		*nwords = (int)n;
	return w;
}

/* Copies the LEN bytes at S NUL-terminated into BUF (N bytes) or, when
 * longer, a new string in *HEAP.  Returns the copy. */
static char *field_copy(const char *s, size_t len, char *buf, size_t n,
			char **heap)
{
	char *t = len < n ? buf : (*heap = g_malloc(len + 1));
	memcpy(t, s, len);
	t[len] = '\0';
	return t;
}

/* Does S start as a number of BASE should: an optional '-', then a digit
 * (or '.' in base 10)?  Refuses what strto* would skip or take: space, '+'. */
static int number_start(const char *s, int base)
{
	const char *d = s[0] == '-' ? s + 1 : s;
	return base == 16 ? g_ascii_isxdigit(*d)
			  : g_ascii_isdigit(*d) || *d == '.';
}

int skr_parse_double(const char *s, size_t len, double *out)
{
	char buf[64], *heap = NULL, *t = field_copy(s, len, buf, sizeof buf, &heap);
	char *end;
	int rc = SKR_NUM_BAD;

	if (len && number_start(t, 10)) {
		errno = 0;
		*out = g_ascii_strtod(t, &end);
		if (!*end)
			rc = errno == ERANGE && *out != 0.0 ? SKR_NUM_RANGE
			     : isfinite(*out) ? SKR_NUM_OK : SKR_NUM_BAD;
	}
	g_free(heap);
	return rc;
}

/* S (LEN bytes) as an optional '-' and at most 18 decimal digits into
 * *OUT: what g_ascii_strtoll() reads of it, without its copy; 0 when S has
 * another form (the caller then takes the general path). */
static int simple_decimal(const char *s, size_t len, gint64 *out)
{
	size_t i = len && s[0] == '-';
	gint64 v = 0;

	if (i == len || len - i > 18)
		return 0;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = s[0] == '-' ? -v : v;
	return 1;
}

static int parse_int_copy(const char *s, size_t len, int base, long min,
			  long max, long *out)
{
	char buf[64], *heap = NULL, *t = field_copy(s, len, buf, sizeof buf, &heap);
	char *end;
	gint64 v;
	int rc = SKR_NUM_BAD;

	g_assert(base == 10 || base == 16);
	if (len && number_start(t, base)) {
		errno = 0;
		v = g_ascii_strtoll(t, &end, base);
		if (!*end && !errno && v >= min && v <= max) {
			*out = (long)v;
			rc = SKR_NUM_OK;
		} else if (!*end) {
			rc = SKR_NUM_RANGE;
		}
	}
	g_free(heap);
	return rc;
}

int skr_parse_int_base(const char *s, size_t len, int base, long min,
		       long max, long *out)
{
	gint64 d;

	if (base == 10 && simple_decimal(s, len, &d)) {
		if (d < min || d > max)
			return SKR_NUM_RANGE;
		*out = (long)d;
		return SKR_NUM_OK;
	}
	return parse_int_copy(s, len, base, min, max, out);
}

int skr_parse_int(const char *s, size_t len, long min, long max, long *out)
{
	return skr_parse_int_base(s, len, 10, min, max, out);
}

/* V as skr_append_fixed2() writes it, ending just before END (the text
 * is not terminated); returns where it starts.  |V| < 1e15: at most 19
 * bytes. */
static char *fixed2_before(char *end, double v)
{
	long long c = llround(v * 100.0);
	int neg = c < 0;

	if (neg)
		c = -c;
	*--end = '0' + c % 10; c /= 10;
	*--end = '0' + c % 10; c /= 10;
	*--end = '.';
	do {
		*--end = '0' + c % 10;
		c /= 10;
	} while (c);
	if (neg)
		*--end = '-';
	return end;
}

void skr_append_fixed2(GString *out, double v)
{
	char buf[32], *s;

	/* Absurd magnitudes (and NaN, inf) cannot take the integer path:
	 * llround() of them is undefined and -LLONG_MIN overflows.  An exact
	 * "%.17g" form ("2.72e+55", any locale) reads back with
	 * skr_parse_double(). */
	if (!(fabs(v) < 1e15)) {
		char big[G_ASCII_DTOSTR_BUF_SIZE];
		g_string_append(out, g_ascii_dtostr(big, sizeof big, v));
		return;
	}
	s = fixed2_before(buf + sizeof buf, v);
	g_string_append_len(out, s, buf + sizeof buf - s);
}

void skr_append_box(GString *out, double x0, double y0, double x1,
		    double y1, char sep)
{
	const double v[4] = { x0, y0, x1, y1 };
	char buf[4 * 21], *s = buf + sizeof buf;

	if (!(fabs(x0) < 1e15 && fabs(y0) < 1e15 && fabs(x1) < 1e15 &&
	      fabs(y1) < 1e15)) {
		for (int i = 0; i < 4; i++) {
			if (i)
				g_string_append_c(out, sep);
			skr_append_fixed2(out, v[i]);
		}
		return;
	}
	for (int i = 3; i >= 0; i--) {          /* one append, built backwards */
		s = fixed2_before(s, v[i]);
		if (i)
			*--s = sep;
	}
	g_string_append_len(out, s, buf + sizeof buf - s);
}
