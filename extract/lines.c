/* lines.c - glyphs to text lines: fragments in Poppler's order, joined on
 * their baseline; bullets, superscripts, ligatures and NFC handled here.
 * Not blocks or reading order (blocks.c), nor list structure (lists.c). */
#include "internal.h"
#include <skrapa/textio.h>

#include <math.h>
#include <string.h>

gboolean xis_bullet_glyph(gunichar c)
{
	switch (c) {
	case 0x2022: case 0xF0B7: case 0xF0A7: case 0x25AA: case 0x25CF:
	case 0x25E6: case 0x2023: case 0x2043: case 0x25A0: case 0xF0D8:
	case 0xF076: case 0xF0FC: case 0x2013: case '-':
		return TRUE;
	}
	return FALSE;
}

/* A line of the N glyphs C (copied). */
static xline *xline_new(const xchar *c, guint n)
{
	xline *l = g_new0(xline, 1);
	l->chars = g_memdup2(c, n * sizeof(xchar));
	l->nchars = n;
	l->block = -1;
	return l;
}

static void xline_free(xline *l)
{
	g_free(l->chars);
	g_free(l->text);
	g_free(l);
}

void xlines_free(GPtrArray *lines)
{
	if (!lines)
		return;
	for (guint i = 0; i < lines->len; i++)
		xline_free(lines->pdata[i]);
	g_ptr_array_free(lines, TRUE);
}

static double vov(double a0, double a1, double b0, double b1)
{
	double ov = MIN(a1, b1) - MAX(a0, b0);
	double h = MIN(a1 - a0, b1 - b0);
	return h > 0 ? ov / h : 0;
}

/* Does glyph C continue the fragment whose last glyph is LAST? */
static gboolean same_fragment(const xchar *last, const xchar *c)
{
	if (vov(last->y0, last->y1, c->y0, c->y1) < 0.5)
		return FALSE;
	if (xis_rtl(c->cp) && xis_rtl(last->cp) && c->x1 < last->x1 - 1.0)
		return last->x0 - c->x1 <=             /* leftwards */
		       MAX(MAX(last->size, c->size), 1.0);
	if (c->x0 < last->x0 - 1.0)
		return FALSE;
	double gap = c->x0 - last->x1;
	/* the limit is the larger size, at least 1 pt: most glyphs of a
	 * word are nearer than that, told without the sizes */
	return gap <= 1.0 || gap <= MAX(MAX(last->size, c->size), 1.0);
}

/* Adds the fragment of the N glyphs C (the first not a space) to FRAGS,
 * with the box of its glyphs that are not spaces. */
static void add_fragment(GPtrArray *frags, const xchar *c, guint n)
{
	xline *f = xline_new(c, n);
	double x0 = c->x0, y0 = c->y0, x1 = c->x1, y1 = c->y1;

	for (guint i = 1; i < n; i++) {
		if (xis_space(c[i].cp))
			continue;
		x0 = MIN(x0, c[i].x0); y0 = MIN(y0, c[i].y0);
		x1 = MAX(x1, c[i].x1); y1 = MAX(y1, c[i].y1);
	}
	f->x0 = x0; f->y0 = y0; f->x1 = x1; f->y1 = y1;
	g_ptr_array_add(frags, f);
}

/* Splits Poppler's glyph order into fragments: a new one starts where the
 * next glyph leaves the baseline, jumps back or follows a wide gap.  A
 * fragment is a run of glyphs whose first is not a space; the spaces after
 * its last glyph stay with it.  Its box is that of its glyphs that are not
 * spaces, taken once it ends (kept up to date glyph by glyph, it cost
 * more than finding the fragment). */
static GPtrArray *fragments(GArray *chars)
{
	GPtrArray *frags = g_ptr_array_new();
	const xchar *all = (const xchar *)chars->data;
	const guint n = chars->len;
	guint i = 0;

	while (i < n && xis_space(all[i].cp))
		i++;
	while (i < n) {
		const guint start = i;
		const xchar *last = &all[i];
		for (i++; i < n; i++) {
			const xchar *c = &all[i];
			if (xis_space(c->cp))
				continue;
			if (!same_fragment(last, c))
				break;
			last = c;
		}
		add_fragment(frags, all + start, i - start);
	}
	return frags;
}

static gboolean lone_bullet(const xline *f)
{
	int n = 0;
	gunichar b = 0;
	for (guint i = 0; i < f->nchars; i++) {
		gunichar cp = f->chars[i].cp;
		if (!xis_space(cp)) {
			n++;
			b = cp;
		}
	}
	return n == 1 && xis_bullet(b);
}

static double frag_size(const xline *f)
{
	double s = 0;
	for (guint i = 0; i < f->nchars; i++)
		s = MAX(s, f->chars[i].size);
	return MAX(s, 1.0);
}

/* Is B, far right of A on its baseline, text of a column?  The nearest
 * fragment above and the nearest below that share B's x-range (within six
 * ems, outside the header and footer zone FURN) tell: one that starts
 * right of A stands in B's column (a table, a score box, the right column
 * of a page); one that spans from A's side is running text, and the gap
 * is only a wide space.  BYY: all fragments sorted by y0, the tallest TALL
 * high. */
static gboolean in_column(const xline *a, const xline *b, GPtrArray *byy,
			  double tall, const double furn[2])
{
	double win = 6.0 * frag_size(b), up = win, down = win;
	const xline *above = NULL, *below = NULL;
	guint lo = 0, hi = byy->len;

	while (lo < hi) {               /* first with y0 >= b->y0 - win - tall */
		guint m = (lo + hi) / 2;
		if (((xline *)byy->pdata[m])->y0 < b->y0 - win - tall)
			lo = m + 1;
		else
			hi = m;
	}
	for (guint k = lo; k < byy->len; k++) {
		const xline *f = byy->pdata[k];
		if (f->y0 > b->y1 + win)
			break;
		if (f == a || f == b || vov(f->y0, f->y1, b->y0, b->y1) >= 0.5 ||
		    f->y0 < furn[0] || f->y1 > furn[1] ||
		    MIN(f->x1, b->x1) <= MAX(f->x0, b->x0))
			continue;
		if (f->y1 <= b->y0 + 1 && b->y0 - f->y1 < up) {
			up = b->y0 - f->y1;
			above = f;
		} else if (f->y0 >= b->y1 - 1 && f->y0 - b->y1 < down) {
			down = f->y0 - b->y1;
			below = f;
		}
	}
	return (above && above->x0 > a->x1) || (below && below->x0 > a->x1);
}

/* Does F read as a page number: digits and "sida", "av", "page", "of",
 * "s.", "/", "(", ")", dashes only? */
static gboolean page_number_like(const xline *f)
{
	static const char words[] = "sidavpgeof./()-";
	int digits = 0;
	for (guint i = 0; i < f->nchars; i++) {
		gunichar c = g_unichar_tolower(f->chars[i].cp);
		if (g_unichar_isdigit(c))
			digits++;
		else if (!xis_space(c) && c != 0x2013 &&
			 (c >= 0x80 || !strchr(words, (int)c)))
			return FALSE;
	}
	return digits > 0 && f->nchars <= 16;
}

/* Joins fragment B (to the right of A on A's baseline) into A?  Near
 * fragments always; a far one (a minutes line's diary number at the right
 * margin, A at the left margin) unless it stands in a column, lies in the
 * outer 8 % of the page (running heads, kept apart as pdftotext does) or is
 * a page number in the 12 % header or footer zone.  FURN: that zone's top
 * and bottom limits, and the page's left text margin. */
static gboolean joins(const xline *a, const xline *b, GPtrArray *byy,
		      double tall, const double furn[3])
{
	double gap = b->x0 - a->x1;
	if (gap < -1.0 || vov(a->y0, a->y1, b->y0, b->y1) < 0.5)
		return FALSE;
	if (lone_bullet(a) && !lone_bullet(b))
		return gap <= 4.0 * frag_size(b);
	if (gap <= 1.0 * MAX(frag_size(a), frag_size(b)))
		return TRUE;
	if ((b->y0 < furn[0] || b->y1 > furn[1]) && page_number_like(b))
		return FALSE;
	if (b->y0 < furn[0] * 2 / 3 || b->y1 > furn[1] + furn[0] / 3)
		return FALSE;           /* the outer 8 %: running heads */
	if (a->x0 > furn[2] + 2.0)
		return FALSE;           /* A is not at the left margin */
	return fabs(frag_size(a) - frag_size(b)) <= 1.0 && !lone_bullet(b) &&
	       !in_column(a, b, byy, tall, furn);
}

static gint by_y_then_x(gconstpointer pa, gconstpointer pb)
{
	const xline *a = *(xline *const *)pa, *b = *(xline *const *)pb;
	double ya = (a->y0 + a->y1) / 2, yb = (b->y0 + b->y1) / 2;
	if (vov(a->y0, a->y1, b->y0, b->y1) >= 0.5)
		return (a->x0 > b->x0) - (a->x0 < b->x0);
	return (ya > yb) - (ya < yb);
}

/* Copies fragment B's glyphs to the end of A, after a space.  Both boxes
 * are their glyphs' (a fragment starts with a glyph that is not a space),
 * so A's new box is their union: no second pass over A's glyphs. */
static void absorb(xline *a, const xline *b)
{
	xchar sp = a->chars[a->nchars - 1];
	sp.cp = ' ';
	a->chars = g_renew(xchar, a->chars, a->nchars + 1 + b->nchars);
	a->chars[a->nchars++] = sp;
	memcpy(a->chars + a->nchars, b->chars, b->nchars * sizeof(xchar));
	a->nchars += b->nchars;
	a->x0 = MIN(a->x0, b->x0);
	a->y0 = MIN(a->y0, b->y0);
	a->x1 = MAX(a->x1, b->x1);
	a->y1 = MAX(a->y1, b->y1);
}

static gint by_y0(gconstpointer pa, gconstpointer pb)
{
	const xline *a = *(xline *const *)pa, *b = *(xline *const *)pb;
	return (a->y0 > b->y0) - (a->y0 < b->y0);
}

static gint by_order(gconstpointer pa, gconstpointer pb)
{
	return (*(xline *const *)pa)->order - (*(xline *const *)pb)->order;
}

/* The live fragments of BYY (sorted by y0, tallest TALL) that overlap A
 * vertically, in Poppler's order, into CAND. */
static void candidates(const xline *a, GPtrArray *byy, double tall,
		       GPtrArray *cand)
{
	guint lo = 0, hi = byy->len;

	g_ptr_array_set_size(cand, 0);
	while (lo < hi) {               /* first with y0 >= a->y0 - tall */
		guint mid = (lo + hi) / 2;
		if (((xline *)byy->pdata[mid])->y0 < a->y0 - tall)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (guint k = lo; k < byy->len; k++) {
		xline *b = byy->pdata[k];
		if (b->y0 >= a->y1)
			break;
		if (b != a && b->block != -2 && b->y1 > a->y0)
			g_ptr_array_add(cand, b);
	}
	if (cand->len > 1)              /* most fragments: none or one */
		g_ptr_array_sort(cand, by_order);
}

/* Merges fragments on one baseline into lines.  Absorbed fragments are
 * freed and their slots cleared; the survivors are collected at the end,
 * so no slot is ever both absorbed and kept.  Only fragments that overlap
 * vertically are tried, in Poppler's order. */
static GPtrArray *merge(GPtrArray *frags, double furn[3])
{
	GPtrArray *lines = g_ptr_array_new(), *cand = g_ptr_array_new();
	GPtrArray *byy = g_ptr_array_copy(frags, NULL, NULL);
	double tall = 0;

	furn[2] = G_MAXDOUBLE;
	for (guint i = 0; i < frags->len; i++) {
		xline *f = frags->pdata[i];
		f->order = i;
		tall = MAX(tall, f->y1 - f->y0);
		furn[2] = MIN(furn[2], f->x0);
	}
	g_ptr_array_sort(byy, by_y0);
	for (guint i = 0; i < frags->len; i++) {
		xline *a = frags->pdata[i];
		for (gboolean grew = a != NULL; grew;) {
			grew = FALSE;
			candidates(a, byy, tall, cand);
			for (guint k = 0; k < cand->len; k++) {
				xline *b = cand->pdata[k];
				if (!joins(a, b, byy, tall, furn))
					continue;
				absorb(a, b);
				frags->pdata[b->order] = NULL;
				b->block = -2;  /* absorbed: freed below */
				grew = TRUE;
			}
		}
	}
	for (guint i = 0; i < frags->len; i++)
		if (frags->pdata[i])
			g_ptr_array_add(lines, frags->pdata[i]);
	for (guint i = 0; i < byy->len; i++)
		if (((xline *)byy->pdata[i])->block == -2)
			xline_free(byy->pdata[i]);
	g_ptr_array_free(byy, TRUE);
	g_ptr_array_free(cand, TRUE);
	g_ptr_array_free(frags, TRUE);
	g_ptr_array_sort(lines, by_y_then_x);
	return lines;
}

/* Dominant size, boldness and baseline of L, by glyph count (the first
 * size to reach the highest count wins a tie).  The baseline is the lowest
 * bottom of the glyphs within 0.05 pt of that size, from per-size extremes
 * in one pass; a second pass only when a size bucket straddles the limit
 * or the buckets ran out.  *OR: the code points of the glyphs that are
 * not spaces or-ed together (below 0x300: no mark, no ligature, no
 * right-to-left letter). */
static double measure_sizes(xline *l, gunichar *or)
{
	struct { int key, n; float lo, hi; double y1; } sizes[16];
	int nsizes = 0, best = 0, bold = 0, n = 0, exact = 1;
	double base = 0;

	for (guint i = 0; i < l->nchars; i++) {
		xchar *c = &l->chars[i];
		int key = (int)(MAX(c->size, 0) * 10 + 0.5), k = 0;
		if (xis_space(c->cp))
			continue;
		*or |= c->cp;
		while (k < nsizes && sizes[k].key != key)
			k++;
		if (k == nsizes && nsizes < (int)G_N_ELEMENTS(sizes))
			sizes[nsizes++] = (typeof(sizes[0])){ key, 0, c->size,
							      c->size, c->y1 };
		else if (k == nsizes)
			exact = 0;
		int count = 1;
		if (k < nsizes) {
			count = ++sizes[k].n;
			sizes[k].lo = MIN(sizes[k].lo, c->size);
			sizes[k].hi = MAX(sizes[k].hi, c->size);
			sizes[k].y1 = MAX(sizes[k].y1, c->y1);
		}
		if (count > best) {
			best = count;
			l->size = c->size;
		}
		bold += c->bold;
		n++;
	}
	for (int k = 0; k < nsizes && exact; k++) {
		gboolean lo_in = fabs(sizes[k].lo - l->size) < 0.05;
		gboolean hi_in = fabs(sizes[k].hi - l->size) < 0.05;
		if (lo_in && hi_in)
			base = MAX(base, sizes[k].y1);
		else if (lo_in || hi_in || (sizes[k].lo < l->size &&
					    sizes[k].hi > l->size))
			exact = 0;
	}
	for (guint i = 0; !exact && i < l->nchars; i++) {
		xchar *c = &l->chars[i];
		if (!xis_space(c->cp) && fabs(c->size - l->size) < 0.05)
			base = MAX(base, c->y1);
	}
	l->bold = n > 0 && bold * 2 > n;
	return base;
}

/* measure_sizes() of L, for most lines in one short pass: all its glyphs
 * that are not spaces have one size, which is then the line's (*ONE set:
 * no glyph can be a superscript), and the baseline is their lowest
 * bottom. */
static double measure(xline *l, gunichar *or, gboolean *one)
{
	const xchar *c = l->chars;
	guint n = l->nchars, i = 0;
	double base = 0;
	int bold = 0, count = 0;
	gunichar any = 0;
	float size;

	while (i < n && xis_space(c[i].cp))
		i++;
	*or = 0;
	*one = FALSE;
	if (i == n) {
		l->bold = FALSE;
		return 0;
	}
	size = c[i].size;
	for (; i < n; i++) {
		if (xis_space(c[i].cp))
			continue;
		if (c[i].size != size)
			return measure_sizes(l, or);
		base = MAX(base, c[i].y1);
		bold += c[i].bold;
		count++;
		any |= c[i].cp;
	}
	l->size = size;
	l->bold = bold * 2 > count;
	*or = any;
	*one = TRUE;
	return base;
}

/* Writes glyph CP at O (at most 6 bytes: ligatures spelt out, control
 * characters but the tab dropped); returns the end. */
static char *put_cp(char *o, gunichar cp)
{
	static const char *lig[] = { "ff", "fi", "fl", "ffi", "ffl", "st",
				     "st" };

	if (cp >= 0x20 && cp < 0x80)
		*o++ = cp;
	else if (cp >= 0xFB00 && cp <= 0xFB06)
		for (const char *t = lig[cp - 0xFB00]; *t; t++)
			*o++ = *t;
	else if (cp >= 0x20 || cp == '\t')
		o += g_unichar_to_utf8(cp, o);
	return o;
}

/* The most a glyph adds to a line's text: a superscript's end, a space, a
 * superscript's start and the glyph itself. */
#define GLYPH_MAX_BYTES (1 + 1 + (sizeof SKR_SUP_OPEN - 1) + 6)

/* Strips a leading bullet glyph; returns the index of the first text glyph. */
static guint strip_bullet(xline *l)
{
	guint i = 0, n = l->nchars;
	while (i < n && xis_space(l->chars[i].cp))
		i++;
	if (i + 1 >= n)
		return i;
	const xchar *b = &l->chars[i];
	const xchar *next = &l->chars[i + 1];
	gboolean dash = b->cp == '-' || b->cp == 0x2013;
	if (!xis_bullet(b->cp) || (dash && !xis_space(next->cp) &&
				   next->x0 - b->x1 < 0.25 * l->size))
		return i;
	l->bullet = b->cp;
	l->flags |= SKR_LINE_ITEM;
	for (i++; i < n && xis_space(l->chars[i].cp); i++)
		;
	return i;
}

/* Text below U+0300 (Latin letters, no combining marks) and the
 * characters NFC leaves alone (dashes, quotes, bullets) is NFC as is. */
static gboolean already_nfc(const char *s)
{
	for (const guchar *p = (const guchar *)s; *p; p++)
		if (*p >= 0xCC &&       /* lead byte of U+0300 and above */
		    !xnfc_inert(g_utf8_get_char((const char *)p)))
			return FALSE;
	return TRUE;
}

static gint by_centre(gconstpointer pa, gconstpointer pb)
{
	const xchar *a = pa, *b = pb;
	double ca = a->x0 + a->x1, cb = b->x0 + b->x1;
	return (ca > cb) - (ca < cb);
}

static void reverse(xchar *c, guint i, guint j)     /* [i, j] */
{
	for (; i < j; i++, j--) {
		xchar t = c[i];
		c[i] = c[j];
		c[j] = t;
	}
}

static gboolean is_digitish(const xchar *c, guint i, guint n)
{
	gunichar cp = c[i].cp;
	if (g_unichar_isdigit(cp))
		return TRUE;
	return (cp == '.' || cp == ',') && i > 0 && i + 1 < n &&
	       g_unichar_isdigit(c[i - 1].cp) && g_unichar_isdigit(c[i + 1].cp);
}

/* Reverses the visual run [I, J] into logical order; numbers in it keep
 * their left-to-right order and brackets are mirrored. */
static void run_to_logical(xchar *c, guint i, guint j, guint n)
{
	reverse(c, i, j);
	for (guint k = i; k <= j; k++) {
		gunichar m;
		if (g_unichar_get_mirror_char(c[k].cp, &m))
			c[k].cp = m;
		if (!is_digitish(c, k, n))
			continue;
		guint e = k;
		while (e + 1 <= j && is_digitish(c, e + 1, n))
			e++;
		reverse(c, k, e);
		k = e;
	}
}

/* A line holding right-to-left letters: its glyphs in visual order (left
 * to right, a space glyph where there is a gap), then each run from a
 * right-to-left letter to the last one before a left-to-right letter
 * turned into logical order.  Poppler's own order cannot be kept: words
 * of one run come as separate fragments joined left to right. */
static void bidi_logical(xline *l)
{
	GArray *v;
	gboolean rtl = FALSE;

	for (guint i = 0; i < l->nchars && !rtl; i++)
		rtl = xis_rtl(l->chars[i].cp);
	if (!rtl)
		return;                 /* most lines: nothing to allocate */
	v = g_array_sized_new(FALSE, FALSE, sizeof(xchar), l->nchars);
	for (guint i = 0; i < l->nchars; i++) {
		xchar c = l->chars[i];
		if (!xis_space(c.cp))
			g_array_append_val(v, c);
	}
	if (!v->len) {
		g_array_free(v, TRUE);
		return;
	}
	g_array_sort(v, by_centre);
	for (guint i = v->len - 1; i > 0; i--) {
		xchar *a = &g_array_index(v, xchar, i - 1), sp = *a;
		if (g_array_index(v, xchar, i).x0 - a->x1 > 0.2 * l->size) {
			sp.cp = ' ';
			g_array_insert_val(v, i, sp);
		}
	}
	xchar *c = (xchar *)v->data;
	for (guint i = 0; i < v->len; i++) {
		if (!xis_rtl(c[i].cp))
			continue;
		guint last = i;
		for (guint k = i; k < v->len; k++) {
			if (xis_rtl(c[k].cp))
				last = k;
			else if (g_unichar_isalpha(c[k].cp))
				break;
		}
		run_to_logical(c, i, last, v->len);
		i = last;
	}
	g_free(l->chars);
	l->nchars = v->len;
	l->chars = (xchar *)g_array_free(v, FALSE);
}

/* Writes the text of L's glyphs from START at S, as write_text() does
 * for a line of one size (no superscripts); returns the end. */
static char *write_plain(xline *l, guint start, char *const s)
{
	const xchar *c = l->chars;
	const guint n = l->nchars;
	const double wide = 0.25 * l->size;
	double prev_x1 = INFINITY;      /* no glyph before: no gap */
	gboolean space = FALSE, need_x0 = !l->text_x0;
	char *o = s;

	for (guint i = start; i < n; i++) {
		gunichar cp = c[i].cp;
		if (xis_space(cp)) {
			space = o > s;
			continue;
		}
		if (need_x0) {
			l->text_x0 = c[i].x0;
			need_x0 = !l->text_x0;
		}
		space |= c[i].x0 - prev_x1 > wide;
		if (space && o > s)
			*o++ = ' ';
		if (cp - 0x20 < 0x60)   /* printable ASCII */
			*o++ = cp;
		else
			o = put_cp(o, cp);
		space = FALSE;
		prev_x1 = c[i].x1;
	}
	return o;
}

/* Writes the text of L's glyphs from START at S (spaces where Poppler has
 * them or the gap is wide, superscripts marked against BASE); returns the
 * end. */
static char *write_text(xline *l, guint start, char *const s, double base)
{
	gboolean in_sup = FALSE, space = FALSE;
	const xchar *prev = NULL;
	char *o = s;
	/* the line's measures once, not per glyph (the writes below may
	 * go anywhere, as far as the compiler knows) */
	const double near = 0.3 * l->size, wide = 0.25 * l->size;
	const double sup_size = 0.8 * l->size, sup_y1 = base - 0.15 * l->size;
	const guint n = l->nchars;
	for (guint i = start; i < n; i++) {
		const xchar *c = &l->chars[i];
		if (xis_space(c->cp)) {
			space = o > s;
			continue;
		}
		if (!l->text_x0)
			l->text_x0 = c->x0;
		/* a superscript: smaller, raised above the baseline */
		gboolean sup = c->size > 0 && c->size < sup_size &&
			       c->y1 < sup_y1;
		if (sup && !in_sup && prev && c->x0 - prev->x1 < near)
			space = FALSE;  /* Poppler's space before a reference */
		if (prev && !space && !sup && c->x0 - prev->x1 > wide)
			space = TRUE;
		if (in_sup && (!sup || space)) {
			*o++ = SKR_SUP_CLOSE;
			in_sup = FALSE;
		}
		if (space && o > s)
			*o++ = ' ';
		if (sup && !in_sup) {
			memcpy(o, SKR_SUP_OPEN, sizeof SKR_SUP_OPEN - 1);
			o += sizeof SKR_SUP_OPEN - 1;
			in_sup = TRUE;
		}
		o = put_cp(o, c->cp);
		space = FALSE;
		prev = c;
	}
	if (in_sup)
		*o++ = SKR_SUP_CLOSE;
	return o;
}

/* L's text, built in BUF (grown as needed, kept between lines). */
static void build_text(xline *l, GByteArray *buf)
{
	gunichar or;
	gboolean one;
	double base = measure(l, &or, &one);
	guint start = strip_bullet(l);

	if (or >= 0x590)
		bidi_logical(l);
	g_byte_array_set_size(buf, l->nchars * GLYPH_MAX_BYTES + 2);
	char *const s = (char *)buf->data;
	char *o = one ? write_plain(l, start, s) : write_text(l, start, s, base);
	*o = '\0';
	/* text below U+0300 is NFC as it is */
	l->text = or < 0x300 || already_nfc(s) ? g_strndup(s, o - s)
		  : g_utf8_normalize(s, o - s, G_NORMALIZE_NFC);
	if (!l->text)
		l->text = g_strdup("");
}

GPtrArray *xlines_build(GArray *chars, double page_height)
{
	double furn[3] = { 0.12 * page_height, 0.88 * page_height, 0 };
	GPtrArray *lines = merge(fragments(chars), furn);
	GByteArray *buf = g_byte_array_new();
	for (guint i = 0; i < lines->len; i++)
		build_text(lines->pdata[i], buf);
	g_byte_array_unref(buf);
	return lines;
}
