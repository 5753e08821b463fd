/* ocrwords.c - Tesseract's words of one page as glyphs for lines.c: boxes
 * in points, font size from the text line, bold from stroke width, a
 * bullet from a small first mark, confidence per word.
 * Not recognition (ocr.c) nor line or block building (lines.c, blocks.c). */
#include "ocr.h"

#include <skrapa/textio.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include <limits.h>
#include <math.h>
#include <string.h>

typedef struct {
	int line;                       /* index into the page's lines */
	int x0, y0, x1, y1;             /* pixels */
	char *text;
	float conf;
	double stroke;                  /* mean horizontal ink run, pixels */
	gboolean bold;
	gboolean descends;              /* first symbol shaped like "§" */
	int ink_h;                      /* ink height of a first c o s v w x z
					   (or 8 3 S 5 $), pixels */
	int s0[4];                      /* box of the first symbol */
	int pts;                        /* Tesseract's point size */
	int ink_y0, ink_y1;             /* rows of its ink, or 0 0 */
	int base;                       /* row of its baseline, or 0 */
	int ndash;                      /* dashes between digits in TEXT */
	int dash_w[4];                  /* their ink widths, pixels (0s when
					   the ink does not show as many) */
	int sup[4];                     /* box of raised marks ending it (a
					   footnote reference), or 0s */
	int keep;                       /* bytes of TEXT before them */
	char *kept;                     /* TEXT without them */
	char *sup_text;                 /* their digits, read again */
} oword;

typedef struct {
	double bx1, by1, bx2, by2;      /* baseline, pixels */
	double size;                    /* font size, pixels */
	int nchars;                     /* letters and digits */
	int ndigits;
} oline;

static void oword_clear(gpointer p)
{
	g_free(((oword *)p)->text);
	g_free(((oword *)p)->sup_text);
	g_free(((oword *)p)->kept);
}

/* The stroke width in box B of BIN, about 1.5 times larger in a bold
 * face: the mean length of its horizontal black runs, leaving out those
 * over twice the median (the bars of "7", "5", "T", "e", whose length is
 * the glyph's width, not its stroke's). */
static double stroke_width(PIX *bin, const oword *b)
{
	l_uint32 *data;
	int wpl, w, h, hist[65] = { 0 }, runs = 0, half = 0, med = 0;
	long black = 0, n = 0;

	if (!bin || pixGetDepth(bin) != 1)
		return 0;
	data = pixGetData(bin);
	wpl = pixGetWpl(bin);
	w = pixGetWidth(bin);
	h = pixGetHeight(bin);
	for (int y = MAX(b->y0, 0); y < MIN(b->y1, h); y++) {
		l_uint32 *line = data + (size_t)y * wpl;
		int len = 0;
		for (int x = MAX(b->x0, 0); x <= MIN(b->x1, w); x++) {
			if (x < MIN(b->x1, w) && GET_DATA_BIT(line, x)) {
				len++;
				continue;
			}
			if (len) {
				hist[MIN(len, 64)]++;
				runs++;
			}
			len = 0;
		}
	}
	for (med = 1; med < 64 && (half += hist[med]) * 2 < runs; med++)
		;
	for (int k = 1; k <= MIN(2 * med, 64); k++) {
		black += (long)k * hist[k];
		n += hist[k];
	}
	return n ? (double)black / n : 0;
}

/* The baseline of LN at X, pixels; FALLBACK when LN has none. */
static double baseline_at(const oline *ln, double x, double fallback)
{
	if (ln->bx2 == ln->bx1)
		return fallback;
	return ln->by1 + (ln->by2 - ln->by1) * (x - ln->bx1) /
	       (ln->bx2 - ln->bx1);
}

/* Marks Tesseract reads for a bullet ("•" comes out as "«" or "e"). */
static gboolean is_mark(gunichar c)
{
	switch (c) {
	case 0xAB: case 0xBB: case 0x2022: case 0xB7: case '*': case 0xB0:
	case 0x25A0: case 0x25CF: case 0x25AA: case 0x25BA: case 0x27A2:
	case 0x2713: case 0x2023: case 0xA9: case 0xAE:
		return TRUE;
	}
	return FALSE;
}

/* The ink box of the first symbol of a word, whose box B the LSTM engine
 * only estimates: the leftmost blob of BIN in B's columns (searched from
 * half a height above B to one below) whose middle is within B's rows,
 * into B; FALSE when there is none. */
static gboolean ink_box(PIX *bin, int b[4])
{
	int h = b[3] - b[1], oy = MAX(0, b[1] - h / 2), ox = b[0], best = -1;
	BOX *box = boxCreate(ox, oy, b[2] - b[0], 2 * h);
	PIX *clip = bin ? pixClipRectangle(bin, box, NULL) : NULL;
	BOXA *blobs = clip ? pixConnCompBB(clip, 8) : NULL;
	l_int32 x, y, w, hh;

	for (int i = 0; blobs && i < boxaGetCount(blobs); i++) {
		if (boxaGetBoxGeometry(blobs, i, &x, &y, &w, &hh) ||
		    w * hh < 4 || oy + y + hh / 2 < b[1] ||
		    oy + y + hh / 2 > b[3] || (best >= 0 && ox + x >= best))
			continue;
		best = ox + x;
		b[0] = ox + x;
		b[2] = ox + x + w;
		b[1] = oy + y;
		b[3] = oy + y + hh;
	}
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
	return best >= 0;
}

/* The rows of W's ink in BIN, into W->ink_y0 and ink_y1 (its baseline,
 * where most blobs end, into W->base): the blobs in
 * its box that reach LN's baseline from above (letters, descenders), and
 * the marks just over them (dots, rings).  The LSTM engine's word box is
 * now and then half again as tall as the word (a one-word continuation
 * line), which would make its font size a heading's. */
static void ink_rows(PIX *bin, oword *w, const oline *ln)
{
	int bh = w->y1 - w->y0, top = INT_MAX, bot = -1;
	BOX *box = boxCreate(w->x0, w->y0, w->x1 - w->x0, bh);
	PIX *clip = bin && bh > 0 ? pixClipRectangle(bin, box, NULL) : NULL;
	BOXA *blobs = clip ? pixConnCompBB(clip, 8) : NULL;
	double base = baseline_at(ln, (w->x0 + w->x1) / 2.0, w->y1) - w->y0;
	l_int32 x, y, bw, h;
	int n = blobs ? boxaGetCount(blobs) : 0, most = 0;

	/* the baseline: the bottom most blobs share (the line's may be off) */
	for (int i = 0; i < n; i++) {
		int c = 0, b = 0;
		if (boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &h))
			continue;
		b = y + h;
		for (int j = 0; j < n; j++)
			if (!boxaGetBoxGeometry(blobs, j, &x, &y, &bw, &h) &&
			    abs(y + h - b) <= 2)
				c++;
		if (c > most) {
			most = c;
			base = b;
		}
	}
	for (int i = 0; blobs && i < boxaGetCount(blobs); i++)
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &h) &&
		    y < base && y + h >= base - 0.05 * bh - 2) {
			top = MIN(top, y);
			bot = MAX(bot, y + h);
		}
	for (int i = 0; bot > 0 && i < boxaGetCount(blobs); i++)
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &h) &&
		    y + h <= top + 1 && y >= top - 0.45 * (base - top))
			top = MIN(top, y);
	if (bot > 0) {
		w->ink_y0 = w->y0 + top;
		w->ink_y1 = w->y0 + bot;
		w->base = w->y0 + (int)lround(base);
	}
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
}

/* Is C a dash Tesseract may read between two numbers? */
static gboolean is_dash(gunichar c)
{
	return c == '-' || c == 0x2013 || c == 0x2014;
}

/* The ink widths of the dashes between digits in word W ("2021-2023",
 * "80-90-100") into W->dash_w: its flat blobs (twice as wide as tall or
 * more) standing clear of the baseline and below the digits' tops, left
 * to right, when there are as many as such dashes (at most 4). */
static void dash_widths(PIX *bin, oword *w)
{
	int H = w->base - w->ink_y0, n = 0, found = 0, xs[4];
	gunichar prev = 0;

	for (const char *p = w->text; *p; p = g_utf8_next_char(p)) {
		const char *q = g_utf8_next_char(p);
		gunichar c = g_utf8_get_char(p);
		n += is_dash(c) && g_unichar_isdigit(prev) &&
		     g_ascii_isdigit(*q);
		prev = c;
	}
	w->ndash = n;
	if (!n || n > 4 || !bin || w->base <= 0 || H < 6)
		return;
	BOX *box = boxCreate(w->x0, w->y0, w->x1 - w->x0, w->y1 - w->y0);
	PIX *clip = pixClipRectangle(bin, box, NULL);
	BOXA *blobs = clip ? pixConnCompBB(clip, 8) : NULL;
	int base = w->base - w->y0, top = w->ink_y0 - w->y0;
	l_int32 x, y, bw, bh;
	for (int i = 0; blobs && i < boxaGetCount(blobs); i++) {
		if (boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) ||
		    bw < 2 * bh || y + bh > base - 0.15 * H ||
		    y < top + 0.2 * H)
			continue;
		if (found == 4) {
			found++;
			break;
		}
		int k = found++;        /* insertion by x */
		for (; k > 0 && xs[k - 1] > x; k--) {
			xs[k] = xs[k - 1];
			w->dash_w[k] = w->dash_w[k - 1];
		}
		xs[k] = x;
		w->dash_w[k] = bw;
	}
	if (found != n)
		memset(w->dash_w, 0, sizeof w->dash_w);
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
}

/* Is blob (X, BH) of a word's clip, whose bottom is at row BOT, a letter:
 * reaching the baseline BASE, at least half the letter height H? */
#define LETTER_BLOB(bot, bh, base, H) \
	((bot) >= (base) - 0.1 * (H) - 1 && (bh) >= 0.5 * (H))

/* Tesseract now and then reads a quote mark where there is no ink, before
 * a word's first letter ("\"Kommunledningens" on a clean scan): a quote
 * opening word W with no ink in BIN left of its first letter (the first
 * blob at least half as tall as its tallest) is dropped. */
static void phantom_quote(PIX *bin, oword *w)
{
	gunichar c = g_utf8_get_char(w->text);
	int first = INT_MAX, left = 0, tall = 0;

	if (!(c == '"' || c == '\'' || c == 0x201C || c == 0x201D ||
	      c == 0x201E) || !bin ||
	    !g_unichar_isalnum(g_utf8_get_char(g_utf8_next_char(w->text))))
		return;
	BOX *box = boxCreate(w->x0, w->y0, w->x1 - w->x0, w->y1 - w->y0);
	PIX *clip = pixClipRectangle(bin, box, NULL);
	BOXA *blobs = clip ? pixConnCompBB(clip, 8) : NULL;
	int n = blobs ? boxaGetCount(blobs) : 0;
	l_int32 x, y, bw, bh;
	for (int i = 0; i < n; i++)
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh))
			tall = MAX(tall, bh);
	for (int i = 0; i < n; i++)
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) &&
		    2 * bh >= tall)
			first = MIN(first, x);
	for (int i = 0; first < INT_MAX && i < n; i++)
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) &&
		    x + bw <= first)
			left++;
	if (first < INT_MAX && !left) {
		int len = g_utf8_next_char(w->text) - w->text;
		/* the text kept around a reference starts with it too */
		if (w->kept && w->keep > len &&
		    !strncmp(w->kept, w->text, len)) {
			memmove(w->kept, w->kept + len,
				strlen(w->kept + len) + 1);
			w->keep -= len;
		}
		memmove(w->text, w->text + len, strlen(w->text + len) + 1);
	}
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
}

/* The raised marks of word W after its first letter, as tall as half its
 * letters and standing clear above its baseline, with no letter between
 * them: a footnote reference ending a word ("2021⁵", which Tesseract
 * reads as "2021”"; quotes are lower) or inside one ("OSA¹²-ronden",
 * "policyn⁴.").  Their box into R; returns the left edge of the first
 * letter after them (INT_MAX: none), or -1 when there are none. */
static int raised_box(PIX *bin, const oword *w, int r[4])
{
	int H = w->base - w->ink_y0, first = INT_MAX, next = INT_MAX;
	BOX *box = boxCreate(w->x0, w->y0, w->x1 - w->x0, w->y1 - w->y0);
	PIX *clip = bin && w->base > 0 ? pixClipRectangle(bin, box, NULL)
		    : NULL;
	BOXA *blobs = clip && H >= 6 ? pixConnCompBB(clip, 8) : NULL;
	int n = blobs ? boxaGetCount(blobs) : 0, base = w->base - w->y0;
	l_int32 x, y, bw, bh;

	r[0] = r[1] = INT_MAX;
	r[2] = r[3] = -1;
	for (int i = 0; i < n; i++)     /* the first letter's right end */
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) &&
		    LETTER_BLOB(y + bh, bh, base, H))
			first = MIN(first, x + bw);
	for (int i = 0; first < INT_MAX && i < n; i++)  /* the first mark */
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) &&
		    y + bh <= base - 0.3 * H && bh >= 0.45 * H &&
		    x >= first - 1 && x < r[0])
			r[0] = x;
	for (int i = 0; r[0] < INT_MAX && i < n; i++)   /* letters after */
		if (!boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) &&
		    LETTER_BLOB(y + bh, bh, base, H) && x + bw > r[0])
			next = MIN(next, x);
	for (int i = 0; r[0] < INT_MAX && i < n; i++) {
		if (boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) ||
		    y + bh > base - 0.3 * H || bh < 0.45 * H || x < r[0] ||
		    x >= next)
			continue;
		r[1] = MIN(r[1], y); r[2] = MAX(r[2], x + bw);
		r[3] = MAX(r[3], y + bh);
	}
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
	if (r[2] < 0 || next <= r[0])
		return -1;
	r[0] += w->x0; r[2] += w->x0; r[1] += w->y0; r[3] += w->y0;
	return next == INT_MAX ? INT_MAX : w->x0 + next;
}

/* The raised marks of word W (at the iterator IT; raised_box): their box
 * goes into W->sup, the word's text without them into W->kept (what
 * follows them stays: letters after a mark inside a word, or a period
 * after one ending it) and the bytes before them into W->keep;
 * raised_digits() reads them again. */
static void raised_tail(const TessResultIterator *it, oword *w, PIX *bin)
{
	int r[4], next = raised_box(bin, w, r);

	if (next < 0)
		return;
	TessResultIterator *c = TessResultIteratorCopy(it);
	TessPageIterator *pit = TessResultIteratorGetPageIterator(c);
	GString *keep = g_string_new(NULL);
	int b[4], before = 0;
	do {
		char *t = TessResultIteratorGetUTF8Text(c, RIL_SYMBOL);
		int mid = TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &b[0],
						      &b[1], &b[2], &b[3]) ?
			  (b[0] + b[2]) / 2 : r[0];
		/* punctuation reaching past the mark follows it ("⁴.",
		 * "¹²-ronden"), whatever its box's middle */
		gboolean after = mid > r[2] ||
				 (t && *t && b[2] > r[2] &&
				  strchr(".,;:-", *t));
		if (t && (mid < r[0] || (after && (next < INT_MAX ||
						   !g_ascii_isalnum(*t)))))
			g_string_append(keep, t);
		before += t && mid < r[0] ? (int)strlen(t) : 0;
		TessDeleteText(t);
	} while (TessResultIteratorNext(c, RIL_SYMBOL) &&
		 !TessPageIteratorIsAtBeginningOf(pit, RIL_WORD));
	TessResultIteratorDelete(c);
	if (before > 0) {
		memcpy(w->sup, r, sizeof r);
		w->keep = before;
		w->kept = g_strdup(keep->str);
	}
	g_string_free(keep, TRUE);
}

/* Holes in the ink of box B of BIN: white regions not reaching the box's
 * edge ("8" has two, "§" one, "3", "5", "S" none). */
static int holes(PIX *bin, const int b[4])
{
	BOX *box = boxCreate(b[0], b[1], b[2] - b[0], b[3] - b[1]);
	PIX *clip = pixClipRectangle(bin, box, NULL), *pad = NULL, *inv = NULL;
	l_int32 n = 0;

	if (clip && (pad = pixAddBorder(clip, 1, 0)) &&
	    (inv = pixInvert(NULL, pad)))
		pixCountConnComp(inv, 4, &n);
	pixDestroy(&inv);
	pixDestroy(&pad);
	pixDestroy(&clip);
	boxDestroy(&box);
	return MAX(n - 1, 0);
}

/* Stores the box of the word's first symbol in W->s0 and whether its
 * first symbol after a leading mark, read as 8, 3, 5, S or $, looks like
 * "§" (the swe model has no "§"): one hole in its ink, or reaching below
 * LN's baseline by an eighth of its ink height (serif "§"). */
static void first_symbols(const TessResultIterator *it, oword *w,
			  const oline *ln, PIX *bin)
{
	TessResultIterator *c = TessResultIteratorCopy(it);
	TessPageIterator *pit = TessResultIteratorGetPageIterator(c);
	int b[4] = { 0 };
	gboolean skip = is_mark(g_utf8_get_char(w->text));

	if (TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &b[0], &b[1], &b[2],
					&b[3]))
		memcpy(w->s0, b, sizeof b);
	if (skip && (!TessResultIteratorNext(c, RIL_SYMBOL) ||
		     TessPageIteratorIsAtBeginningOf(pit, RIL_WORD) ||
		     !TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &b[0], &b[1],
						  &b[2], &b[3])))
		b[3] = b[1];
	char first = *g_utf8_offset_to_pointer(w->text, skip);
	if (b[3] > b[1] && first && strchr("83S5$cosvwxz", first) &&
	    ink_box(bin, b)) {
		w->ink_h = b[3] - b[1];
		gboolean deep = b[3] - baseline_at(ln, (b[0] + b[2]) / 2.0,
						   b[3]) >= 0.12 * (b[3] - b[1]);
		int hl = holes(bin, b);
		/* 3, 5 and S have no hole, 8 two, § one (and in a serif
		 * face a descent); $ is told by its descent only */
		w->descends = strchr("83S5$", first) &&
			      b[2] - b[0] <= 0.75 * (b[3] - b[1]) &&
			      (skip || b[0] - w->x0 <= 0.15 * (b[3] - b[1])) &&
			      (first == '8' ? hl == 1 || (deep && hl != 2) :
			       first == '$' ?
			       deep : hl == 1);
	}
	TessResultIteratorDelete(c);
}

/* Tesseract reads the section sign of "§ 103", "§59" and "7 §" as 8, $,
 * 3, S or 5: such a first symbol (after a bullet mark) shaped like "§"
 * (first_symbols) and followed by a digit (in the word or as the next
 * word on the line) or, alone, following a number is "§". */
static void section_signs(GArray *words)
{
	for (guint i = 0; i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		const oword *n = i + 1 < words->len ?
				 &g_array_index(words, oword, i + 1) : NULL;
		char *at = w->text;
		if (is_mark(g_utf8_get_char(at)))
			at = g_utf8_next_char(at);
		const char *rest = *at ? at + 1 : at;
		if (!w->descends || !*at || !strchr("83S5$", *at))
			continue;
		const oword *p = i > 0 ? w - 1 : NULL;
		gboolean after = !*rest && p && p->line == w->line &&
				 g_ascii_isdigit(p->text[strlen(p->text) - 1]);
		if (!(*rest ? g_ascii_isdigit(*rest) : n && n->line == w->line
		      && g_ascii_isdigit(n->text[0])) && !after)
			continue;
		char *fixed = g_strdup_printf("%.*s\u00a7%s", (int)(at - w->text),
					      w->text, rest);
		g_free(w->text);
		w->text = fixed;
	}
}

/* c, o, s, v, w, x and z differ from C, O, S, ... only in height, and
 * Tesseract takes some capitals for small letters ("vilka" opening an
 * item): a first letter as tall as a capital (0.62 of the font size, the
 * x-height being about 0.5) is made a capital. */
static void capitals(GArray *words, const GArray *lines)
{
	for (guint i = 0; i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		double size = g_array_index(lines, oline, w->line).size;
		if (w->ink_h && strchr("cosvwxz", w->text[0]) && w->text[0] &&
		    w->ink_h >= 0.62 * size)
			w->text[0] = g_ascii_toupper(w->text[0]);
	}
}

/* Is TEXT only table rules and box corners read as text ("|", "| +")? */
static gboolean rule_mark(const char *text)
{
	for (const char *p = text; *p; p++)
		if (!strchr("|+[]_", *p))
			return FALSE;
	return TRUE;
}

/* Is TEXT a number (digits, at least one)? */
static gboolean all_digits(const char *text)
{
	if (!*text)
		return FALSE;
	for (; *text; text++)
		if (!g_ascii_isdigit(*text))
			return FALSE;
	return TRUE;
}

/* The word after W in reading order: the next on its line, or else the
 * first word of the nearest line below (within two word heights) that
 * starts in the same column as W's line (Tesseract may read a table's
 * other column in between); NULL when none. */
static const oword *next_word(const GArray *words, guint i)
{
	const oword *w = &g_array_index(words, oword, i), *best = NULL;
	int h = w->y1 - w->y0, start = w->x0;

	if (i + 1 < words->len && (w + 1)->line == w->line)
		return w + 1;
	for (guint j = i; j > 0 && (w - (i - j) - 1)->line == w->line; j--)
		start = (w - (i - j) - 1)->x0;
	for (guint j = 0; j < words->len; j++) {
		const oword *n = &g_array_index(words, oword, j);
		if (n->y0 > (w->y0 + w->y1) / 2 &&
		    n->y1 - w->y1 < 2 * h && abs(n->x0 - start) < h &&
		    (!best || n->y1 < best->y1))
			best = n;
	}
	return best;
}

/* Tesseract's swe model reads "%" glued to a number as "90" or "96"
 * ("10%" comes out as "1090").  A word of digits ending so, not a year
 * (1900-2099), that Tesseract is unsure of (under 90 %) and that the
 * word "av" follows (next_word), as "N % av" does in Swedish, is a
 * percentage. */
static void percent_signs(GArray *words)
{
	for (guint i = 0; i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		size_t len = strlen(w->text);
		long v = 0;
		const oword *n;
		if (!all_digits(w->text) ||
		    skr_parse_int(w->text, len, 0, 99999, &v) < 0)
			v = 0;  /* not a number of 1-5 digits */
		if (len < 3 || len > 5 || !v || w->conf >= 90 ||
		    (v >= 1900 && v <= 2099) ||
		    (strcmp(w->text + len - 2, "90") &&
		     strcmp(w->text + len - 2, "96")) ||
		    !(n = next_word(words, i)) || strcmp(n->text, "av"))
			continue;
		w->text[len - 2] = '%';
		w->text[len - 1] = '\0';
	}
}

/* A dash whose word box is at least this many ems wide is an en dash (a
 * hyphen's is about 0.25 em in common faces, an en dash's 0.35-0.55
 * em). */
#define EN_DASH 0.31

/* A dash whose ink, measured alone, is at least this many ems wide is an
 * en dash: the audit's hyphens measure 0.23-0.27 em (8 and 11 pt, whole
 * pixels), its en dashes 0.50-0.57. */
#define RANGE_EN_DASH 0.38

/* A number range ("2021–2023") is set with an en dash, which Tesseract
 * reads as a hyphen, as it reads a hyphen ("80-90-100 modellen", a
 * date "2020-11-04"): each dash between digits of word W whose ink
 * (dash_widths) is RANGE_EN_DASH of the line's SIZE (pixels) or wider
 * becomes an en dash, a narrower one a hyphen.  W->keep (a reference's
 * place) follows. */
static void range_dashes(oword *w, double size)
{
	GString *s;
	gunichar prev = 0;
	int k = 0, keep = w->keep;

	if (!w->ndash || !w->dash_w[0] || size <= 0)
		return;
	s = g_string_new(NULL);
	for (const char *p = w->text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (is_dash(c) && g_unichar_isdigit(prev) &&
		    g_ascii_isdigit(*g_utf8_next_char(p)) && k < w->ndash)
			c = w->dash_w[k++] >= RANGE_EN_DASH * size ? 0x2013
			    : '-';
		if (p - w->text < w->keep)      /* a reference after it */
			keep += g_unichar_to_utf8(c, NULL) -
				(g_utf8_next_char(p) - p);
		g_string_append_unichar(s, c);
		prev = g_utf8_get_char(p);
	}
	if (k == w->ndash) {
		g_free(w->text);
		w->text = g_string_free(s, FALSE);
		w->keep = keep;
	} else {
		g_string_free(s, TRUE);
	}
}

/* Swedish sets a dash between words as an en dash (tankstreck: "rätt
 * sätt – processorienterat"); Tesseract's swe model reads it as an em
 * dash now and then, and as a hyphen often.  A dash standing alone
 * between two words of a line is told by its ink's width against the
 * line's font size (LINES' sizes, pixels): a hyphen's ink is about 0.25
 * em wide in common faces (Calibri, Arial, Times, Cambria), an en dash's
 * 0.35-0.55 em; an em dash alone there is made an en dash too. */
static void en_dashes(GArray *words, const GArray *lines)
{
	for (guint i = 1; i + 1 < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		double size = g_array_index(lines, oline, w->line).size;
		gboolean em = !strcmp(w->text, "\u2014");
		gboolean wide = !strcmp(w->text, "-") && size > 0 &&
				w->x1 - w->x0 >= EN_DASH * size;
		if (!(em || wide) || (w - 1)->line != w->line ||
		    (w + 1)->line != w->line)
			continue;
		g_free(w->text);
		w->text = g_strdup("\u2013");
	}
	for (guint i = 0; i < words->len; i++)
		range_dashes(&g_array_index(words, oword, i),
			     g_array_index(lines, oline,
					   g_array_index(words, oword, i).line)
			     .size);
}

/* The word after the last of word I's line in WORDS, or 0 when word I
 * does not start its line. */
static guint line_end(const GArray *words, guint i)
{
	int line = g_array_index(words, oword, i).line;
	guint j = i;

	if (i > 0 && g_array_index(words, oword, i - 1).line == line)
		return 0;
	while (j < words->len && g_array_index(words, oword, j).line == line)
		j++;
	return j;
}

/* Makes the one or two words I..END-1 of WORDS one word of text V (taken)
 * reaching to the last one's right edge. */
static void line_to_word(GArray *words, guint i, guint end, char *v)
{
	oword *w = &g_array_index(words, oword, i);

	g_free(w->text);
	w->text = v;
	w->x1 = g_array_index(words, oword, end - 1).x1;
	if (end - i == 2)
		g_array_remove_index(words, i + 1);
}

/* Does the box X0 Y0 X1 Y1 (pixels) touch any of WORDS? */
static gboolean on_a_word(const GArray *words, int x0, int y0, int x1, int y1)
{
	for (guint i = 0; i < words->len; i++) {
		const oword *w = &g_array_index(words, oword, i);
		if (x0 <= w->x1 && x1 >= w->x0 && y0 <= w->y1 && y1 >= w->y0)
			return TRUE;
	}
	return FALSE;
}

/* The right edge of ink just right of word W (within a height, as tall
 * as half the word or more, not a thin rule, not touching the word)
 * that is on none of WORDS: a mark Tesseract left out ("45 %" read
 * "45"); -1 when there is none. */
static int unread_ink(PIX *bin, const GArray *words, const oword *w)
{
	int h = w->y1 - w->y0, right = -1, x0 = w->x1 + 1;
	BOX *box = boxCreate(x0, w->y0, h, h);
	PIX *clip = bin && h > 4 ? pixClipRectangle(bin, box, NULL) : NULL;
	BOXA *blobs = clip ? pixConnCompBB(clip, 8) : NULL;
	l_int32 x, y, bw, bh;

	for (int i = 0; blobs && i < boxaGetCount(blobs); i++) {
		if (boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) ||
		    bh < 0.5 * h || bw < 0.3 * h || x == 0 ||
		    on_a_word(words, x0 + x, w->y0 + y, x0 + x + bw - 1,
			      w->y0 + y + bh - 1))
			continue;
		right = MAX(right, x0 + x + bw);
	}
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
	return right;
}

/* Could the line starting at word I (*END: the word after it) be a
 * percentage the swe model misread, a table cell "30%" that comes out as
 * "3020", "50€0", "57N" or "75 NM" (its model has no "%" in that shape):
 * one or two words, a digit first, three to five characters in all, no
 * "%", "," or "." read?  Or one whose "%" Tesseract left out: one word
 * of one to three digits whose box is too wide for them, or with unread
 * ink after it (unread_ink; into *INK, else -1). */
static gboolean percent_like(PIX *bin, const GArray *words, guint i,
			     guint *end, int *ink)
{
	const oword *w = &g_array_index(words, oword, i);
	long n = 0;

	*ink = -1;
	if (!(*end = line_end(words, i)))
		return FALSE;
	for (guint j = i; j < *end; j++) {
		const char *t = g_array_index(words, oword, j).text;
		n += g_utf8_strlen(t, -1);
		if (strchr(t, '%') || strchr(t, ',') || strchr(t, '.'))
			return FALSE;
	}
	/* its box too wide for its digits (a digit's ink is about 0.65 of
	 * its height wide, a "%" 1.1), or unread ink after it */
	if (*end - i == 1 && n <= 3 && all_digits(w->text) &&
	    (w->x1 - w->x0 > (0.75 * n + 0.5) * (w->y1 - w->y0) ||
	     (*ink = unread_ink(bin, words, w)) > 0))
		return TRUE;
	return *end - i <= 2 && g_ascii_isdigit(w->text[0]) && n >= 3 &&
	       n <= 5;
}

/* Reads each percent_like() line of the page image BIN again with O's
 * English model, whose "%" is read right; a line it reads as one to three
 * digits and "%" becomes that one word, anything else stays as read. */
static void percents_again(xocr *o, PIX *bin, int dpi, GArray *words)
{
	TessBaseAPI *eng = NULL;
	guint end;
	int ink;

	for (guint i = 0; bin && i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		if (!percent_like(bin, words, i, &end, &ink))
			continue;
		if (!eng) {
			if (!(eng = xocr_english(o)))
				return;
			TessBaseAPISetImage2(eng, bin);
			TessBaseAPISetSourceResolution(eng, dpi);
		}
		const oword *last = &g_array_index(words, oword, end - 1);
		int h = MAX(w->y1, last->y1) - MIN(w->y0, last->y0);
		int x1 = MAX(last->x1, ink);
		TessBaseAPISetRectangle(eng, MAX(0, w->x0 - h / 2),
					MAX(0, MIN(w->y0, last->y0) - h / 4),
					x1 - w->x0 + h, h + h / 2);
		char *t = TessBaseAPIGetUTF8Text(eng);
		char *v = t ? g_strstrip(g_strdup(t)) : NULL;
		if (v && g_regex_match_simple("^[0-9]{1,3} ?%$", v, 0, 0)) {
			line_to_word(words, i, end, v);
			w->x1 = MAX(w->x1, x1);
			v = NULL;
		}
		g_free(v);
		TessDeleteText(t);
	}
	if (eng)
		TessBaseAPIClear(eng);
}

/* A number whose first digit Tesseract, reading a whole line, took for a
 * mark ("-" 8 for a boxed score 58): an unsure word (under 50 %, no
 * letter) just left of a number on its line is read again together with
 * it as one line; a number read that way replaces both. */
static void reread_numbers(TessBaseAPI *api, GArray *words)
{
	for (guint i = 0; i + 1 < words->len; i++) {
		oword *w = &g_array_index(words, oword, i), *n = w + 1;
		int h = MAX(w->y1, n->y1) - MIN(w->y0, n->y0);
		if (n->line != w->line || w->conf >= 50 || !all_digits(n->text) ||
		    n->x0 - w->x1 > h / 2 || g_unichar_isalpha(g_utf8_get_char(w->text)))
			continue;
		TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
		TessBaseAPISetRectangle(api, w->x0 - 4, MIN(w->y0, n->y0) - 4,
					n->x1 - w->x0 + 8, h + 8);
		char *t = TessBaseAPIGetUTF8Text(api);
		char *v = t ? g_strstrip(g_strdup(t)) : NULL;
		if (v && all_digits(v) && strlen(v) > strlen(n->text)) {
			g_free(n->text);
			n->text = v;
			n->x0 = w->x0;
			v = NULL;
			g_array_remove_index(words, i);
		}
		g_free(v);
		TessDeleteText(t);
	}
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
}

/* Could the line starting at word I of WORDS (*END: the word after it)
 * be a number read as letters (a boxed score "55" in a bold serif face
 * comes out as "DD", "51" as "D I", at 200 dpi "58" as "d 8"): one or
 * two words, one to three characters in all, each a digit or a letter
 * shaped like one (Tesseract's usual confusions, either case), at least
 * one such letter, and Tesseract unsure of a word (under 90 %)?  Or a
 * number it is quite unsure of (under 70 %: a boxed score "54" read
 * "34")? */
static gboolean digit_like(const GArray *words, guint i, guint *end)
{
	gboolean letter = FALSE, unsure = FALSE, doubt = FALSE;
	size_t len = 0;

	if (!(*end = line_end(words, i)))
		return FALSE;
	for (guint j = i; j < *end; j++) {
		const oword *x = &g_array_index(words, oword, j);
		for (const char *p = x->text; *p; p++) {
			if (!g_ascii_isdigit(*p) &&
			    !strchr("BDGIOQSZbdgloqsz|", *p))
				return FALSE;
			letter |= !g_ascii_isdigit(*p);
		}
		len += strlen(x->text);
		unsure |= x->conf < 90;
		doubt |= x->conf < 70;
	}
	return *end - i <= 2 && len >= 1 && len <= 3 &&
	       ((letter && unsure) || doubt);
}

/* A line of just two numbers whose inks stand closer than a fifth of
 * their height is one number Tesseract cut in two (a boxed bold score
 * "45" read "4 5" at 200 dpi: a 3 px gap in 36 px digits; a space
 * between words is a third of a digit's height or more): the two become
 * one word. */
static void join_split_numbers(GArray *words)
{
	for (guint i = 0; i < words->len; i++) {
		guint end = line_end(words, i);
		if (end != i + 2)
			continue;
		const oword *a = &g_array_index(words, oword, i);
		const oword *b = &g_array_index(words, oword, i + 1);
		int h = MAX(a->y1 - a->y0, b->y1 - b->y0);
		if (!all_digits(a->text) || !all_digits(b->text) ||
		    b->x0 < a->x1 || (b->x0 - a->x1) * 5 >= h)
			continue;
		line_to_word(words, i, end, g_strconcat(a->text, b->text,
							NULL));
	}
}

/* Reads each digit_like() line again alone with digits only: as many
 * digits, read with more confidence than its least sure word, become
 * that line's one word. */
static void digits_again(TessBaseAPI *api, GArray *words)
{
	gboolean set = FALSE;
	guint end;

	for (guint i = 0; i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		if (!digit_like(words, i, &end))
			continue;
		if (!set) {
			TessBaseAPISetVariable(api, "tessedit_char_whitelist",
					       "0123456789");
			TessBaseAPISetPageSegMode(api, PSM_SINGLE_WORD);
			set = TRUE;
		}
		const oword *last = &g_array_index(words, oword, end - 1);
		int y0 = MIN(w->y0, last->y0), y1 = MAX(w->y1, last->y1);
		int pad = MAX(4, (y1 - y0) / 4);
		float least = MIN(w->conf, last->conf);
		size_t len = strlen(w->text) + (end - i == 2 ?
						strlen(last->text) : 0);
		TessBaseAPISetRectangle(api, MAX(0, w->x0 - pad),
					MAX(0, y0 - pad),
					last->x1 - w->x0 + 2 * pad,
					y1 - y0 + 2 * pad);
		char *t = TessBaseAPIGetUTF8Text(api);
		char *v = t ? g_strstrip(g_strdup(t)) : NULL;
		int conf = t ? TessBaseAPIMeanTextConf(api) : 0;
		if (v && all_digits(v) && strlen(v) == len && conf > least) {
			w->conf = conf;
			w->y0 = y0;
			w->y1 = y1;
			line_to_word(words, i, end, v);
			v = NULL;
		}
		g_free(v);
		TessDeleteText(t);
	}
	if (set) {
		TessBaseAPISetVariable(api, "tessedit_char_whitelist", "");
		TessBaseAPISetPageSegMode(api, PSM_AUTO);
	}
}

/* Reads each word's raised marks (raised_tail) again on their own: one to
 * three digits are a footnote reference, cut from the word's text into
 * its SUP_TEXT (with a "!" or "?" just before them, the mark read again
 * where Tesseract's symbol boxes lag: "APT?." for "APT⁸."); anything
 * else (a quote mark) stays as read. */
static void raised_digits(TessBaseAPI *api, GArray *words)
{
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_WORD);
	for (guint i = 0; i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		/* the mark read as a symbol of its own, or as one before it */
		if (w->sup[2] <= 0 || !w->kept ||
		    (strlen(w->kept) >= strlen(w->text) &&
		     !strchr("!|'?", w->kept[w->keep - 1])))
			continue;
		int pad = MAX(3, (w->sup[3] - w->sup[1]) / 3);
		TessBaseAPISetRectangle(api, w->sup[0] - pad, w->sup[1] - pad,
					w->sup[2] - w->sup[0] + 2 * pad,
					w->sup[3] - w->sup[1] + 2 * pad);
		char *t = TessBaseAPIGetUTF8Text(api);
		char *v = t ? g_strstrip(g_strdup(t)) : NULL;
		if (v && all_digits(v) && strlen(v) <= 3) {
			/* the mark may also have been read before it, as
			 * "!" (a raised "1") or "?" */
			char *k = w->kept + w->keep;
			while (k > w->kept + 1 && strchr("!|'?", k[-1]))
				memmove(k - 1, k, strlen(k) + 1), k--, w->keep--;
			g_free(w->text);
			w->text = w->kept;
			w->kept = NULL;
			w->sup_text = v;
			v = NULL;
		} else {
			memset(w->sup, 0, sizeof w->sup);
		}
		g_free(v);
		TessDeleteText(t);
	}
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
}

/* Drops marks Tesseract is unsure of (under 30 %, no letter or digit)
 * unless they open a line (a bullet, decided in glyphs()), and table
 * rules read as "|" or "+", which would bridge a column gutter. */
static void drop_noise(GArray *words)
{
	for (guint i = words->len; i-- > 0;) {
		const oword *w = &g_array_index(words, oword, i);
		gboolean first = i == 0 || (w - 1)->line != w->line;
		gboolean alnum = FALSE;
		for (const char *p = w->text; *p && !alnum;
		     p = g_utf8_next_char(p))
			alnum = g_unichar_isalnum(g_utf8_get_char(p)) ||
				g_utf8_get_char(p) == 0xA7;
		if ((!first && !alnum && w->conf < 30) || rule_mark(w->text))
			g_array_remove_index(words, i);
	}
}

/* Does W, on the text line of the last word in WORDS, stand more than
 * one and a half heights from it?  Tesseract's lines may run across table
 * columns ("följa • Ta fram", a score beside text); each run of words
 * becomes a line of its own, with its own size. */
static gboolean new_segment(const GArray *words, const GArray *lines,
			    const oword *w)
{
	const oword *p;

	if (!words->len)
		return FALSE;
	p = &g_array_index(words, oword, words->len - 1);
	return p->line == (int)lines->len - 1 &&
	       w->x0 - p->x1 > 1.5 * MAX(w->y1 - w->y0, p->y1 - p->y0);
}

/* Reads the words of the recognised page into WORDS and their lines into
 * LINES (a Tesseract text line, or a run of its words: new_segment). */
static void collect(TessBaseAPI *api, PIX *bin, GArray *words, GArray *lines)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	TessPageIterator *pit;

	if (!it)
		return;
	pit = TessResultIteratorGetPageIterator(it);
	do {
		oword w = { 0 };
		BOOL b, i, u, m, s, sc;
		int pts = 0, fid;
		char *text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
		if (!text)
			continue;
		if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE) ||
		    !lines->len) {
			oline ln = { 0 };
			int x1, y1, x2, y2;
			if (TessPageIteratorBaseline(pit, RIL_TEXTLINE, &x1, &y1,
						     &x2, &y2)) {
				ln.bx1 = x1; ln.by1 = y1;
				ln.bx2 = x2; ln.by2 = y2;
			}
			g_array_append_val(lines, ln);
		}
		TessPageIteratorBoundingBox(pit, RIL_WORD, &w.x0, &w.y0, &w.x1,
					    &w.y1);
		if (new_segment(words, lines, &w)) {
			oline seg = g_array_index(lines, oline, lines->len - 1);
			seg.nchars = seg.ndigits = 0;
			g_array_append_val(lines, seg);
		}
		TessResultIteratorWordFontAttributes(it, &b, &i, &u, &m, &s,
						     &sc, &pts, &fid);
		w.line = lines->len - 1;
		w.text = g_utf8_normalize(text, -1, G_NORMALIZE_NFC);
		TessDeleteText(text);
		if (!w.text || !*g_strstrip(w.text)) {
			g_free(w.text);
			continue;
		}
		w.conf = TessResultIteratorConfidence(it, RIL_WORD);
		first_symbols(it, &w, &g_array_index(lines, oline, w.line),
			      bin);
		w.stroke = stroke_width(bin, &w);
		ink_rows(bin, &w, &g_array_index(lines, oline, w.line));
		raised_tail(it, &w, bin);
		phantom_quote(bin, &w);
		dash_widths(bin, &w);
		oline *ln = &g_array_index(lines, oline, w.line);
		w.pts = pts;            /* points at the dpi set */
		for (const char *p = w.text; *p; p = g_utf8_next_char(p)) {
			ln->nchars += g_unichar_isalnum(g_utf8_get_char(p));
			ln->ndigits += g_unichar_isdigit(g_utf8_get_char(p));
		}
		g_array_append_val(words, w);
	} while (TessResultIteratorNext(it, RIL_WORD));
	TessResultIteratorDelete(it);
}

static gint cmp_double(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of the values in A (sorted in place); 0 when empty. */
static double median(GArray *a)
{
	if (!a->len)
		return 0;
	g_array_sort(a, cmp_double);
	return g_array_index(a, double, a->len / 2);
}

/* The font size (pixels) of word W from the height of its ink above
 * its baseline and the letters it holds: the height of the tallest, in
 * ems (Arial and Times differ by a few per cent); descenders, commas and
 * a box taller than the ink do not count.  0 when unknown. */
static double word_size(const oword *w)
{
	double top = 0, depth = 0;

	for (const char *p = w->text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		double t = 0;
		if (c < 0x80 && strchr("gjpqy", (int)c))
			depth = 0.21;
		if (c < 0x80 && strchr("()[]{}|", (int)c)) {
			t = 0.73;
			depth = 0.21;
		} else if (c == 0xC5 || c == 0xC4 || c == 0xD6 || c == 0xC9 ||
			   c == 0xDC) {
			t = 0.9;                /* Å Ä Ö É Ü */
		} else if (g_unichar_isupper(c) || g_unichar_isdigit(c) ||
			   (c < 0x80 && strchr("bdfhkl", (int)c)) ||
			   c == 0xE5 || c == 0xE4 || c == 0xF6 || c == 0xE9) {
			t = 0.72;               /* also å ä ö é */
		} else if (c == 't' || c == 'i' || c == 'j') {
			t = 0.68;
		} else if (g_unichar_islower(c)) {
			t = 0.5;
		}
		top = MAX(top, t);
	}
	int h = w->y1 - w->y0, ink = w->ink_y1 - w->ink_y0;
	if (w->base > 0 && ink >= 0.4 * h && w->base > w->ink_y0)
		return top >= 0.5 ? (w->base - w->ink_y0) / top : 0;
	/* the ink when the box is clearly taller than it */
	if (w->ink_y1 > 0 && ink < 0.85 * h && ink >= 0.4 * h)
		h = ink;
	return top >= 0.5 ? h / (top + depth) : 0;
}

/* Does a line of NCHARS letters and digits, measured SIZE, bold or not,
 * have the page's BODY size?  Its words' estimates scatter by a few per
 * cent (a short line's more, as one word's letters decide): a regular
 * line within 20 % above or 12 % below is body text (a 9 pt footer stays
 * apart); a bold one only within 7 % (12 % when short), so that a bold
 * 10 pt caption or 12.5 pt heading beside 11 pt body text keeps its
 * size, as a heading at body size is told by its boldness alone. */
static gboolean body_sized(double size, double body, int nchars,
			   gboolean bold)
{
	double tol = nchars >= 8 ? 0.07 : 0.12;

	if (!bold)
		return size >= 0.88 * body && size <= 1.2 * body;
	return fabs(size / body - 1) <= tol;
}

static gint by_size(gconstpointer a, gconstpointer b)
{
	const oline *x = *(oline *const *)a, *y = *(oline *const *)b;
	return (x->size > y->size) - (x->size < y->size);
}

/* The lines OTHER, not of body size, in clusters of sizes each at most
 * 7 % above the next smaller (one style: a heading's lines, a table's,
 * measured a little apart): each cluster gets
 * its median, rounded to half points, so lines of one style agree as a
 * text layer's do. */
static void cluster_sizes(GPtrArray *other, double px_per_pt)
{
	g_ptr_array_sort(other, by_size);
	for (guint i = 0; i < other->len;) {
		guint j = i + 1;
		while (j < other->len &&
		       ((oline *)other->pdata[j])->size <=
		       1.07 * ((oline *)other->pdata[j - 1])->size)
			j++;
		double mid = ((oline *)other->pdata[(i + j) / 2])->size;
		mid = round(mid / px_per_pt * 2) / 2 * px_per_pt;
		for (; i < j; i++)
			((oline *)other->pdata[i])->size = mid;
	}
}

/* Measured line sizes: a word's size is word_size() (or, without
 * letters, Tesseract's whole point size, about 0.9 of the font size); a
 * line's is the median of its words by letters.  Returns the page's body
 * size, the median by letters.  snap_sizes() then makes the lines near
 * it exactly that size, so a paragraph's lines agree as a text layer's
 * do, and clusters the others (cluster_sizes): a 9 pt footer or a bold
 * 10 pt caption under 11 pt body text, a 12.5 pt heading over it, stay
 * apart.  A line of one letter or none (a bullet read as "e"; not a page
 * number) gets the body size. */
static double line_sizes(GArray *lines, const GArray *words,
			 double px_per_pt)
{
	GArray *all = g_array_new(FALSE, FALSE, sizeof(double));
	GArray *mine = g_array_new(FALSE, FALSE, sizeof(double));
	double body;
	guint k = 0;

	for (guint i = 0; i < lines->len; i++) {
		oline *ln = &g_array_index(lines, oline, i);
		g_array_set_size(mine, 0);
		for (; k < words->len; k++) {
			const oword *w = &g_array_index(words, oword, k);
			double v = word_size(w);
			if (v <= 0)
				v = (w->pts > 0 ? w->pts : 9) * px_per_pt / 0.9;
			if (w->line != (int)i)
				break;
			long n = 1;
			for (const char *p = w->text; *p; p = g_utf8_next_char(p))
				n += g_unichar_isalnum(g_utf8_get_char(p));
			for (; n > 0; n--) {
				g_array_append_val(mine, v);
				g_array_append_val(all, v);
			}
		}
		ln->size = mine->len ? median(mine) : 9 * px_per_pt / 0.9;
	}
	body = median(all);
	g_array_free(all, TRUE);
	g_array_free(mine, TRUE);
	return body;
}

/* Gives each line of LINES its final size (line_sizes): the page's BODY
 * size when body_sized(), by its words' boldness (mark_bold), or its
 * cluster's (cluster_sizes). */
static void snap_sizes(GArray *lines, const GArray *words, double body,
		       double px_per_pt)
{
	GPtrArray *other = g_ptr_array_new();
	GArray *bold = g_array_new(FALSE, TRUE, sizeof(int));

	g_array_set_size(bold, lines->len);
	for (guint i = 0; i < words->len; i++) {
		const oword *w = &g_array_index(words, oword, i);
		g_array_index(bold, int, w->line) += (w->bold ? 1 : -1) *
			(int)g_utf8_strlen(w->text, -1);
	}
	for (guint i = 0; i < lines->len; i++) {
		oline *ln = &g_array_index(lines, oline, i);
		if (body_sized(ln->size, body, ln->nchars,
			       g_array_index(bold, int, i) > 0) ||
		    (ln->nchars <= 1 && !ln->ndigits))
			ln->size = body;
		else
			g_ptr_array_add(other, ln);
	}
	cluster_sizes(other, px_per_pt);
	g_ptr_array_free(other, TRUE);
	g_array_free(bold, TRUE);
}

/* A regular face's stroke (stroke_width) is about 0.10 of its size
 * (0.097 and 0.104 measured in the audit's and Kommunkompassen's faces);
 * a bold face's 1.3 to 1.6 times that. */
#define REGULAR_STROKE 0.105

/* Bold: a word whose stroke width, relative to its line's size, is 1.22
 * times the page's regular stroke or more.  The regular stroke is the
 * median of the words of lines of four words or more (body text), by
 * letters; on a page with little body text (a title page) at most
 * REGULAR_STROKE.  A line is then bold by majority in lines.c, as with
 * fonts. */
static void mark_bold(GArray *words, const GArray *lines)
{
	GArray *body = g_array_new(FALSE, FALSE, sizeof(double));
	GArray *all = g_array_new(FALSE, FALSE, sizeof(double));
	GArray *per_line = g_array_new(FALSE, TRUE, sizeof(int));
	double ref;

	g_array_set_size(per_line, lines->len);
	for (guint i = 0; i < words->len; i++)
		g_array_index(per_line, int,
			      g_array_index(words, oword, i).line)++;
	for (guint i = 0; i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		double size = g_array_index(lines, oline, w->line).size;
		gboolean in_body = g_array_index(per_line, int, w->line) >= 4;
		w->stroke = size > 0 ? w->stroke / size : 0;
		for (long k = g_utf8_strlen(w->text, -1); k > 0; k--) {
			g_array_append_val(all, w->stroke);
			if (in_body)
				g_array_append_val(body, w->stroke);
		}
	}
	ref = body->len >= 100 ? median(body)
	      : MIN(median(all), REGULAR_STROKE);
	for (guint i = 0; i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		w->bold = ref > 0 && w->stroke >= 1.22 * ref;
	}
	g_array_free(body, TRUE);
	g_array_free(all, TRUE);
	g_array_free(per_line, TRUE);
}

/* Is W, the first word of its line, a bullet: a small mark followed by
 * more text (Tesseract reads "•" as "«", ".«", "e", "e«", "o", ...)? */
static gboolean is_bullet_mark(const oword *w, const oword *next, double size)
{
	gunichar c = g_utf8_get_char(w->text);
	gboolean alnum = FALSE;
	glong n;

	if (!next || next->line != w->line)
		return FALSE;
	if (w->y1 - w->y0 > 0.45 * size || w->x1 - w->x0 > 0.45 * size)
		return FALSE;
	for (const char *p = w->text; *p; p = g_utf8_next_char(p))
		alnum |= g_unichar_isalnum(g_utf8_get_char(p)) ||
			 g_utf8_get_char(p) == 0xA7;
	if (!alnum)
		return TRUE;
	n = g_utf8_strlen(w->text, -1);
	if (n == 2) {           /* "e«", "«e": a mark and a lower-case letter */
		gunichar d = g_utf8_get_char(g_utf8_next_char(w->text));
		return (is_mark(c) && g_unichar_islower(d)) ||
		       (g_unichar_islower(c) && is_mark(d));
	}
	return n == 1 && !g_unichar_isdigit(c) && !g_unichar_isupper(c);
}

/* Is W a table's vertical rule read as "-", "1" or "l": no more than two
 * characters, much taller than the line's font? */
static gboolean tall_rule(const oword *w, double size)
{
	return g_utf8_strlen(w->text, -1) <= 2 && w->y1 - w->y0 > 1.3 * size &&
	       w->x1 - w->x0 < 0.3 * size;
}

/* Does W open with a small mark glued to its text ("«859", "•Dialog",
 * "-Dialog")? */
static gboolean lead_mark(const oword *w, double size)
{
	const char *rest = g_utf8_next_char(w->text);
	gunichar c = g_utf8_get_char(w->text);

	gunichar r = g_utf8_get_char(rest);

	/* "-Ungdomsfullmäktige": a dash bullet glued to a capital */
	if ((c == '-' || c == 0x2013) && g_unichar_isupper(r))
		return TRUE;
	if (!is_mark(c) || !*rest || !(g_unichar_isalnum(r) || r == 0xA7))
		return FALSE;
	return c == 0xAB || c == 0x2022 || c == 0xB7 ||
	       (w->s0[3] - w->s0[1] <= 0.45 * size && w->s0[2] > w->x0);
}

/* Appends the code points of TEXT spread evenly over [X0, X1]. */
static void add_glyphs(GArray *chars, const char *text, xchar proto,
		       double x0, double x1)
{
	long n = g_utf8_strlen(text, -1), k = 0;

	for (const char *p = text; *p; p = g_utf8_next_char(p), k++) {
		proto.cp = g_utf8_get_char(p);
		proto.x0 = x0 + (x1 - x0) * k / n;
		proto.x1 = x0 + (x1 - x0) * (k + 1) / n;
		g_array_append_val(chars, proto);
	}
}

/* Is W one narrow letter or mark, not a digit or capital (a bullet, or a
 * column of them, read as "e", "o", "«")? */
static gboolean small_mark(const oword *w, double size)
{
	gunichar c = g_utf8_get_char(w->text);

	return g_utf8_strlen(w->text, -1) == 1 && !g_unichar_isdigit(c) &&
	       !g_unichar_isupper(c) && w->x1 - w->x0 <= 0.45 * size;
}

/* Tesseract may read a column of bullets as a text line of its own
 * (".«", "»«"): each ink blob of such a word that is small for the font
 * becomes a bullet glyph ("-" when flat) at its own height, which lines.c
 * then joins to the text line beside it. */
static void bullet_blobs(GArray *chars, PIX *bin, const oword *w,
			 xchar proto, double size, double k)
{
	BOX *box = boxCreate(w->x0, w->y0, w->x1 - w->x0, w->y1 - w->y0);
	PIX *clip = bin ? pixClipRectangle(bin, box, NULL) : NULL;
	BOXA *blobs = clip ? pixConnCompBB(clip, 8) : NULL;

	for (int i = 0; blobs && i < boxaGetCount(blobs); i++) {
		l_int32 x, y, bw, bh;
		if (boxaGetBoxGeometry(blobs, i, &x, &y, &bw, &bh) ||
		    bw > 0.6 * size || bh > 0.6 * size ||
		    MAX(bw, bh) < 0.08 * size)
			continue;
		double cy = w->y0 + y + bh / 2.0;
		proto.cp = bw > 2.5 * bh ? '-' : 0x2022;
		proto.x0 = (w->x0 + x) * k;
		proto.x1 = (w->x0 + x + bw) * k;
		proto.y0 = (cy - 0.75 * size) * k;
		proto.y1 = (cy + 0.55 * size) * k;
		g_array_append_val(chars, proto);
	}
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
}

/* Tesseract drops some bullets ("-" before a question) altogether: one
 * small ink blob, on no word, just left of a line's first word W (within
 * 3 sizes, between the x-height and the baseline) becomes a bullet glyph
 * there. */
static void lost_bullet(GArray *chars, PIX *bin, const GArray *words,
			const oword *w, const oline *ln, xchar proto, double k)
{
	double size = ln->size, base = baseline_at(ln, w->x0, w->y1);
	int x0 = MAX(0, (int)(w->x0 - 3 * size)), y0 = (int)(base - 0.8 * size);
	BOX *box = boxCreate(x0, MAX(0, y0), MAX(1, w->x0 - 2 - x0),
			     (int)(0.8 * size));
	PIX *clip = bin ? pixClipRectangle(bin, box, NULL) : NULL;
	BOXA *blobs = clip ? pixConnCompBB(clip, 8) : NULL;
	l_int32 x, y, bw, bh;

	if (blobs && boxaGetCount(blobs) == 1 &&
	    !boxaGetBoxGeometry(blobs, 0, &x, &y, &bw, &bh) &&
	    bw <= 0.6 * size && bh <= 0.6 * size &&
	    MAX(bw, bh) >= 0.1 * size &&
	    !on_a_word(words, x0 + x, y0 + y, x0 + x + bw, y0 + y + bh)) {
		proto.cp = bw > 2.5 * bh ? '-' : 0x2022;
		proto.x0 = (x0 + x) * k;
		proto.x1 = (x0 + x + bw) * k;
		g_array_append_val(chars, proto);
	}
	boxaDestroy(&blobs);
	pixDestroy(&clip);
	boxDestroy(&box);
}

/* The glyphs of WORDS, in points; a space glyph between the words of a
 * line.  Glyph boxes run from 1.05 sizes above the baseline to 0.25
 * below, like the font boxes of a text layer. */
static GArray *glyphs(GArray *words, GArray *lines, PIX *bin, double k)
{
	GArray *chars = g_array_new(FALSE, FALSE, sizeof(xchar));

	for (guint i = 0; i < words->len; i++) {
		const oword *w = &g_array_index(words, oword, i);
		const oword *next = i + 1 < words->len ?
				    &g_array_index(words, oword, i + 1) : NULL;
		const oline *ln = &g_array_index(lines, oline, w->line);
		double mid = (w->x0 + w->x1) / 2.0, base = w->y1;
		if (ln->bx2 != ln->bx1)
			base = ln->by1 + (ln->by2 - ln->by1) *
			       (mid - ln->bx1) / (ln->bx2 - ln->bx1);
		xchar c = { .size = ln->size * k, .bold = w->bold,
			    .y0 = (base - 1.05 * ln->size) * k,
			    .y1 = (base + 0.25 * ln->size) * k };
		gboolean first = i == 0 || w->line != (w - 1)->line;
		/* a word after a column gutter opens a fragment in lines.c */
		gboolean opens = first || w->x0 - (w - 1)->x1 > ln->size;
		gboolean alone = first && (!next || next->line != w->line);
		if (ln->nchars == 0 || (alone && small_mark(w, ln->size))) {
			/* marks only, or "e" alone: a column of bullets */
			bullet_blobs(chars, bin, w, c, ln->size, k);
			continue;
		}
		if (!first) {
			c.cp = ' ';
			c.x0 = (w - 1)->x1 * k;
			c.x1 = w->x0 * k;
			g_array_append_val(chars, c);
		}
		if (first)
			lost_bullet(chars, bin, words, w, ln, c, k);
		if (tall_rule(w, ln->size))
			continue;
		double end = w->sup_text ? w->sup[0] : w->x1;
		/* a reference's letters before it, and after it (inside) */
		char *head = g_strndup(w->text, w->sup_text ? (gsize)w->keep
				       : strlen(w->text));
		const char *tail = w->sup_text ? w->text + w->keep : "";
		if (opens && is_bullet_mark(w, next, ln->size)) {
			gboolean flat = w->x1 - w->x0 > 2.5 * (w->y1 - w->y0);
			add_glyphs(chars, flat ? "-" : "\u2022", c, w->x0 * k,
				   w->x1 * k);
		} else if (opens && lead_mark(w, ln->size)) {
			double cut = w->s0[2] > w->x0 && w->s0[2] < w->x1 ?
				     w->s0[2] : w->x0 + 0.3 * ln->size;
			add_glyphs(chars, "\u2022", c, w->x0 * k, cut * k);
			add_glyphs(chars, " ", c, cut * k, cut * k);
			add_glyphs(chars, g_utf8_next_char(head), c,
				   cut * k, end * k);
		} else {
			add_glyphs(chars, head, c, w->x0 * k, end * k);
		}
		g_free(head);
		if (w->sup_text) {      /* a reference: small and raised */
			xchar r = c;
			r.size = 0.6 * ln->size * k;
			r.y0 = (base - 0.75 * ln->size) * k;
			r.y1 = (base - 0.1 * ln->size) * k;
			add_glyphs(chars, w->sup_text, r, w->sup[0] * k,
				   w->sup[2] * k);
			if (*tail)
				add_glyphs(chars, tail, c, w->sup[2] * k,
					   MAX(w->x1, w->sup[2] + 1) * k);
		}
	}
	return chars;
}

/* The words' boxes in points and confidences. */
static GArray *word_boxes(GArray *words, double k)
{
	GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(xocr_word),
					words->len);

	for (guint i = 0; i < words->len; i++) {
		const oword *w = &g_array_index(words, oword, i);
		xocr_word b = { w->x0 * k, w->y0 * k, w->x1 * k, w->y1 * k,
				w->conf };
		g_array_append_val(out, b);
	}
	return out;
}

static void collect_regions(xocr *o, TessBaseAPI *api, PIX *bin,
			    GArray *words, GArray *lines);

GArray *xocr_words(xocr *o, TessBaseAPI *api, PIX *bin, int dpi,
		   xocr_info *info, GArray **boxes)
{
	GArray *words = g_array_new(FALSE, FALSE, sizeof(oword));
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(oline));
	GArray *chars;
	double sum = 0, body;

	g_array_set_clear_func(words, oword_clear);
	collect_regions(o, api, bin, words, lines);
	reread_numbers(api, words);
	join_split_numbers(words);
	digits_again(api, words);
	raised_digits(api, words);
	drop_noise(words);
	section_signs(words);
	percent_signs(words);
	percents_again(o, bin, dpi, words);
	body = line_sizes(lines, words, dpi / 72.0);
	en_dashes(words, lines);
	capitals(words, lines);
	mark_bold(words, lines);
	snap_sizes(lines, words, body, dpi / 72.0);
	chars = glyphs(words, lines, bin, 72.0 / dpi);
	*boxes = word_boxes(words, 72.0 / dpi);
	for (guint i = 0; i < words->len; i++)
		sum += g_array_index(words, oword, i).conf;
	info->words = words->len;
	info->conf = words->len ? sum / words->len : 0;
	g_array_free(words, TRUE);
	g_array_free(lines, TRUE);
	return chars;
}

/* A raised tail (raised_tail) over a dot on the baseline is the hook of a
 * question mark ("svar?", "budget”?": letters without ascenders make the
 * hook stand clear above them), not a footnote reference: when Tesseract
 * read the word ending in "?" and BIN has ink under the tail, it is kept
 * as read. */
static void question_marks(GArray *words, guint from, PIX *bin)
{
	for (guint i = from; bin && i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		l_int32 ink = 0;
		if (w->sup[2] <= 0 || !g_str_has_suffix(w->text, "?") ||
		    w->base <= w->sup[3])
			continue;
		BOX *under = boxCreate(w->sup[0], w->sup[3] + 1,
				       w->sup[2] - w->sup[0] + 1,
				       w->base - w->sup[3] + 1);
		PIX *clip = pixClipRectangle(bin, under, NULL);
		if (clip && !pixCountPixels(clip, &ink, NULL) && ink > 0)
			memset(w->sup, 0, sizeof w->sup);
		pixDestroy(&clip);
		boxDestroy(&under);
	}
}

/* Where the text after a leading mark glued to it ("«Möjlighet",
 * "-Dialog") begins in BIN: the first ink column after the first gap of a
 * twelfth of the word's height or more in word W's ink (the two strokes of
 * a "«" are closer), or 0 when there is none within two heights. */
static int text_after_mark(PIX *bin, const oword *w)
{
	int h = w->y1 - w->y0, gap = 0, seen = 0;
	l_uint32 v;

	for (int x = w->x0; x < w->x1 && x < w->x0 + 2 * h; x++) {
		int ink = 0;
		for (int y = w->y0; y < w->y1 && !ink; y++)
			ink = !pixGetPixel(bin, x, y, &v) && v;
		if (ink && gap >= MAX(2, h / 12))
			return x;
		seen |= ink;
		gap = seen && !ink ? gap + 1 : 0;
	}
	return 0;
}

/* Sets the end of the first symbol of each word from FROM on that opens
 * with a mark glued to its text (lead_mark) to where its text's ink
 * begins: the LSTM engine's symbol boxes are loose, and glyphs() starts
 * the text there, which must line up with the item's wrapped lines (a
 * line that starts 10 pt left of them ends the list, breaking the item). */
static void lead_marks(GArray *words, guint from, PIX *bin)
{
	for (guint i = from; bin && i < words->len; i++) {
		oword *w = &g_array_index(words, oword, i);
		gunichar c = g_utf8_get_char(w->text);
		int x;
		if ((is_mark(c) || c == '-' || c == 0x2013) &&
		    g_utf8_strlen(w->text, -1) > 1 &&
		    (x = text_after_mark(bin, w)) > w->x0)
			w->s0[2] = x;
	}
}

/* The column of REGIONS (of xocr_region) holding the middle of W, -1
 * when none. */
static int region_of(const GArray *regions, const oword *w)
{
	double x = (w->x0 + w->x1) / 2.0, y = (w->y0 + w->y1) / 2.0;

	for (guint i = 0; regions && i < regions->len; i++) {
		const xocr_region *g = &g_array_index(regions, xocr_region, i);
		if (x >= g->x && x < g->x + g->w && y >= g->y &&
		    y < g->y + g->h)
			return (int)i;
	}
	return -1;
}

/* Are words A and B, one after the other, on one text line of Tesseract's
 * (of LINES): the same line, or the next run of it (new_segment copies
 * the line's baseline)? */
static gboolean one_text_line(const GArray *lines, const oword *a,
			      const oword *b)
{
	const oline *la = &g_array_index(lines, oline, a->line);
	const oline *lb = &g_array_index(lines, oline, b->line);

	return a->line == b->line ||
	       (b->line == a->line + 1 && la->bx1 != la->bx2 &&
		la->bx1 == lb->bx1 && la->by1 == lb->by1 &&
		la->bx2 == lb->bx2 && la->by2 == lb->by2);
}

/* Marks in AGAIN (one per region) the columns of each table across whose
 * rule Tesseract, reading the page, ran a text line whose runs do not
 * share a baseline: two words of one text line (from FROM on) in two
 * columns of the same rows, their ink's baselines (ink_rows) a quarter of
 * the word's height or more apart (a bullet, one mark, not counted), so that the line's one baseline puts
 * one of them off.  Those tables' columns are read again on their own; a
 * table whose cells' lines line up (new_segment parts them) stays as
 * read. */
static void crossed_tables(const GArray *regions, const GArray *words,
			   const GArray *lines, guint from, gboolean *again)
{
	for (guint i = from; i + 1 < words->len; i++) {
		const oword *a = &g_array_index(words, oword, i), *b = a + 1;
		int ra = region_of(regions, a), rb = region_of(regions, b);
		if (ra < 0 || rb < 0 || ra == rb ||
		    !one_text_line(lines, a, b) || !a->base || !b->base ||
		    g_utf8_strlen(a->text, -1) < 2 ||
		    g_utf8_strlen(b->text, -1) < 2 ||
		    abs(a->base - b->base) < 0.25 * MIN(a->y1 - a->y0,
							 b->y1 - b->y0))
			continue;
		const xocr_region *ga = &g_array_index(regions, xocr_region,
						       ra);
		for (guint k = 0; k < regions->len; k++) {
			const xocr_region *g = &g_array_index(regions,
							      xocr_region, k);
			again[k] |= g->y == ga->y && g->h == ga->h;
		}
	}
}

/* Drops the words from FROM on whose middle lies in a column of REGIONS
 * marked in AGAIN; their lines stay, empty, as a line of rule marks
 * does. */
static void drop_in(const GArray *regions, const gboolean *again,
		    GArray *words, guint from)
{
	for (guint i = words->len; i-- > from; ) {
		int r = region_of(regions, &g_array_index(words, oword, i));
		if (r >= 0 && again[r])
			g_array_remove_index(words, i);
	}
}

/* Reads the page (xocr_read_region part 0) and collects its words and
 * lines; where Tesseract ran lines across a ruled table's cells
 * (crossed_tables), reads that table's columns again on their own, their
 * words replacing the page's there.  Stops when the deadline passes
 * (xocr_page then fails). */
static void collect_regions(xocr *o, TessBaseAPI *api, PIX *bin,
			    GArray *words, GArray *lines)
{
	const GArray *regions = xocr_page_regions(o);
	gboolean *again = g_new0(gboolean, regions ? regions->len : 0);
	guint from = words->len;

	if (xocr_read_region(o, 0) <= 0)
		goto out;
	collect(api, bin, words, lines);
	if (regions) {
		crossed_tables(regions, words, lines, from, again);
		drop_in(regions, again, words, from);
	}
	question_marks(words, from, bin);
	lead_marks(words, from, bin);
	for (guint i = 0; regions && i < regions->len; i++) {
		if (!again[i])
			continue;
		if (xocr_read_region(o, (int)i + 1) <= 0)
			break;
		from = words->len;
		collect(api, bin, words, lines);
		question_marks(words, from, bin);
		lead_marks(words, from, bin);
	}
out:
	g_free(again);
}
