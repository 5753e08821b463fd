/* text.c - text helpers of the parse stage: footnote-mark stripping, joining
 * wrapped lines (the hyphen rule), body font size, integer values.
 * Not matching or rule logic: see engine.c.
 */
#include "parse-int.h"
#include <skrapa/textio.h>

#include <string.h>

/* Writes TEXT without superscript marks "\^{...}" and with runs of white
 * space (and no-break spaces) collapsed to one space, trimmed, to OUT,
 * which has room for strlen(TEXT) + 1 bytes.  Returns the length written
 * (before the terminating NUL). */
static size_t clean_into(const char *text, char *out)
{
	/* the bytes that end a run: NUL, a mark, a blank (those of
	 * g_ascii_isspace: no \v) or 0xC2 (strcspn() sets up its own table
	 * at each call, more than a word costs) */
	static const guint8 stop[256] = {
		[0] = 1, ['\\'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1,
		['\f'] = 1, ['\r'] = 1, [0xC2] = 1,
	};
	const char *p = text;
	size_t n = 0;

	while (*p) {
		/* copy the run up to the next stop at once */
		size_t run = 0;
		while (!stop[(guchar)p[run]])
			run++;
		memcpy(out + n, p, run);
		n += run;
		p += run;
		if (!*p)
			break;
		const char *after = *p == '\\' ? skr_sup_skip(p) : NULL;
		if (after) {
			p = after;
			continue;
		}
		if (*p == '\\' || ((guchar)p[0] == 0xC2 &&
				     (guchar)p[1] != 0xA0)) {
			out[n++] = *p++;
			continue;
		}
		p += (guchar)*p == 0xC2 ? 2 : 1;        /* a blank, a no-break
							   space */
		if (n && out[n - 1] != ' ')
			out[n++] = ' ';
	}
	if (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

/* Returns a copy of TEXT without superscript marks "\^{...}" and with runs
 * of white space collapsed to one space, trimmed.  Caller frees. */
char *skr_text_clean(const char *text)
{
	char *s = g_malloc(strlen(text) + 1);

	clean_into(text, s);
	return s;
}

skr_clean *skr_clean_new(const skr_layout *l)
{
	skr_clean *c = g_new0(skr_clean, 1);
	size_t total = 0, at = 0;

	c->n = l->lines->len;
	c->text = g_new(char *, c->n + 1);
	c->len = g_new(size_t, c->n + 1);
	for (guint i = 0; i < c->n; i++)
		total += strlen(((const skr_line *)l->lines->pdata[i])->text) + 1;
	c->buf = g_malloc(total + 1);
	for (guint i = 0; i < c->n; i++) {
		const skr_line *ln = l->lines->pdata[i];
		c->text[i] = c->buf + at;
		c->len[i] = clean_into(ln->text, c->text[i]);
		at += c->len[i] + 1;
	}
	c->text[c->n] = NULL;
	return c;
}

void skr_clean_free(skr_clean *c)
{
	if (!c)
		return;
	g_free(c->text);
	g_free(c->len);
	g_free(c->buf);
	g_free(c);
}

static const char *const conjunctions[] = {
	"och", "eller", "samt", "respektive", "resp.", "till", "som", "&",
	"men", "med", NULL
};

/* Is the hyphen ending ACC kept with no space before NEXT?  Yes after a
 * single letter or an upper-case abbreviation ("e-postadress",
 * "HR-frågor"); no before a conjunction ("personal- och"); yes otherwise
 * (a compound written with a hyphen, "Jan-Erik"). */
static int hyphen_glues(const GString *acc, const char *next)
{
	const char *end = acc->str + acc->len - 1;      /* the '-' */
	const char *w = end;
	int letters = 0, upper = 1;
	char *word;
	int glue = 1;

	while (w > acc->str && w[-1] != ' ')
		w--;
	for (const char *p = w; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isalpha(c))
			return 0;
		letters++;
		upper &= g_unichar_isupper(c);
	}
	if (letters == 0)
		return 0;
	if (letters <= 1 || upper)
		return 1;
	word = g_strndup(next, strcspn(next, " "));
	for (int i = 0; conjunctions[i]; i++)
		if (strcmp(word, conjunctions[i]) == 0)
			glue = 0;
	g_free(word);
	return glue;
}

/* Appends NEXT to ACC: nothing between when ACC is empty, a newline for a
 * new PARAGRAPH, the hyphen rule after a line-final '-', else one space. */
void skr_text_join(GString *acc, const char *next, int same_block,
		   int paragraph)
{
	(void)same_block;
	if (!*next)
		return;
	if (acc->len == 0) {
	} else if (paragraph) {
		g_string_append_c(acc, '\n');
	} else if (acc->str[acc->len - 1] == '-' && hyphen_glues(acc, next)) {
	} else {
		g_string_append_c(acc, ' ');
	}
	g_string_append(acc, next);
}

/* The body text size: the font size carrying most characters, ignoring
 * running headers, footers and page numbers.  12.0 for an empty layout. */
typedef struct {
	int size;                       /* tenths of a point */
	size_t n;                       /* characters of that size */
} size_count;

double skr_body_size(const skr_layout *l)
{
	/* a document has few sizes: a short array, the last one found
	 * first (lines of one size come in runs) */
	GArray *a = g_array_new(FALSE, FALSE, sizeof(size_count));
	int best = -1;
	size_t best_n = 0;
	guint last = 0;

	for (guint i = 0; i < l->lines->len; i++) {
		const skr_line *ln = l->lines->pdata[i];
		if (ln->flags & (SKR_LINE_HEADER | SKR_LINE_FOOTER |
				 SKR_LINE_PAGENUM | SKR_LINE_ANNOT))
			continue;
		double size = CLAMP(ln->size, 0.0, 1e5);   /* any double */
		size_count c = { (int)(size * 10 + 0.5), 0 }, *e = NULL;
		if (last < a->len &&
		    g_array_index(a, size_count, last).size == c.size)
			e = &g_array_index(a, size_count, last);
		for (guint k = 0; !e && k < a->len; k++)
			if (g_array_index(a, size_count, k).size == c.size)
				e = &g_array_index(a, size_count, last = k);
		if (!e) {
			g_array_append_val(a, c);
			e = &g_array_index(a, size_count, last = a->len - 1);
		}
		e->n += strlen(ln->text);
		if (e->n > best_n) {
			best_n = e->n;
			best = e->size;
		}
	}
	g_array_free(a, TRUE);
	return best >= 0 ? best / 10.0 : 12.0;
}

/* Parses S as an integer, ignoring spaces (thousands separators) and a
 * trailing '%'.  Returns SKR_NUM_OK and stores *OUT, SKR_NUM_BAD when S is
 * no integer, SKR_NUM_RANGE when beyond SKR_REC_INT_MAX (records.h). */
int skr_text_to_int(const char *s, long *out)
{
	GString *buf = g_string_sized_new(32);
	int rc;

	for (; *s; s++) {
		if (*s == ' ' || *s == '%')
			continue;
		if ((guchar)s[0] == 0xC2 && (guchar)s[1] == 0xA0) {
			s++;
			continue;
		}
		g_string_append_c(buf, *s);
	}
	rc = skr_parse_int(buf->str, buf->len, -SKR_REC_INT_MAX,
			   SKR_REC_INT_MAX, out);
	g_string_free(buf, TRUE);
	return rc;
}
