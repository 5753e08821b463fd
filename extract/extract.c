/* extract.c - the extract stage's driver: document limits, one pass over
 * the pages (one PopplerPage each, each text call once), the layout model.
 * Not the analysis itself (chars.c, lines.c, blocks.c, lists.c,
 * furniture.c) nor output (the caller writes the model). */
#include "internal.h"
#include "ocr.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/limits.h>
#include <skrapa/sha256.h>

#include <string.h>

/* Moves the analysed lines of one page into the layout. */
static void add_page_lines(skr_layout *l, GPtrArray *lines, int pageno,
			   int *block_base, const xocr_run *ocr)
{
	int nblocks = 0;
	for (guint i = 0; i < lines->len; i++) {
		xline *x = lines->pdata[i];
		skr_line *ln = skr_layout_add_line(l, x->text);
		x->text = NULL;
		ln->page = pageno;
		ln->block = *block_base + x->block + 1;
		ln->x0 = x->x0; ln->y0 = x->y0;
		ln->x1 = x->x1; ln->y1 = x->y1;
		ln->size = x->size;
		ln->flags = x->flags | (x->bold ? SKR_LINE_BOLD : 0);
		ln->bullet = x->bullet;
		ln->bullet_lost = x->bullet_lost;
		if (ocr)
			xocr_line_conf(ocr, x, ln);
		nblocks = MAX(nblocks, x->block + 1);
	}
	*block_base += nblocks;
}

/* Poppler's text model keeps at most 50000 glyphs smaller than 3 pt both
 * ways on a page (TextPage::addChar): a page that holds that many may
 * have lost the rest. */
#define POPPLER_TINY_MAX 50000

static gboolean tiny_limit_reached(GArray *chars)
{
	guint tiny = 0;

	if (chars->len < POPPLER_TINY_MAX)
		return FALSE;
	for (guint i = 0; i < chars->len; i++) {
		const xchar *c = &g_array_index(chars, xchar, i);
		tiny += c->x1 - c->x0 < 3.0 && c->y1 - c->y0 < 3.0 &&
			c->cp != ' ';
	}
	return tiny >= POPPLER_TINY_MAX;
}

/* The lines of CHARS that run in direction DIR, built in DIR's upright
 * frame, in reading order, their boxes turned back into the frame of the
 * page's direction DOM (W x H: the displayed page).  Blocks are numbered
 * from *NBLOCKS on, which grows.  ALONE: every glyph runs in DIR. */
static GPtrArray *lines_of(GArray *chars, int dir, int dom, double w,
			   double h, int *nblocks, xmetrics *m, gboolean alone)
{
	/* an upright page's glyphs are their own frame: no copy */
	GArray *mine = alone && dir == XDIR_RIGHT ? chars
		       : xchars_in_frame(chars, dir, dom, w, h);
	GPtrArray *lines = xlines_build(mine, dir % 2 ? w : h);
	int n;

	if (dir == dom)
		xmetrics_page(m, lines);
	n = xblocks_order(lines, m);
	if (dir == dom)
		xlists_mark(lines, m);
	for (guint i = 0; i < lines->len; i++) {
		xline *x = lines->pdata[i];
		x->block += *nblocks;
		if (dir == dom)
			continue;
		x->flags |= SKR_LINE_SIDEWAYS;
		xframe_unrect(dir, w, h, &x->x0, &x->y0, &x->x1, &x->y1);
		xframe_rect(dom, w, h, &x->x0, &x->y0, &x->x1, &x->y1);
	}
	*nblocks += n;
	if (mine != chars)
		g_array_free(mine, TRUE);
	return lines;
}

/* The page's lines: those in its main direction in reading order, then
 * each other direction's (sideways text, kept apart) - only the
 * directions the page has (DIRS, counted as CHARS were read): most pages
 * have one.  PG gets the rotation and the size of the upright page. */
static GPtrArray *page_lines(PopplerPage *page, GArray *chars,
			     const xdirs *dirs, skr_page *pg, int *nchars,
			     xmetrics *m)
{
	int dom = xdir_dominant(dirs), nblocks = 0;
	double w = pg->width, h = pg->height;
	unsigned seen = dirs->seen;
	GPtrArray *lines = lines_of(chars, dom, dom, w, h, &nblocks, m,
				    (seen & ~(1u << dom)) == 0);

	for (int d = 1; d < 4; d++) {
		GPtrArray *side;
		if (!(seen & 1u << (dom + d) % 4))
			continue;
		side = lines_of(chars, (dom + d) % 4, dom, w, h, &nblocks, m,
				FALSE);
		for (guint i = 0; i < side->len; i++)
			g_ptr_array_add(lines, side->pdata[i]);
		g_ptr_array_free(side, TRUE);
	}
	*nchars += xannots_add(page, lines, dom, w, h);
	pg->rotate = dom * 90;
	if (dom % 2) {
		pg->width = h;
		pg->height = w;
	}
	return lines;
}

/* Page I of DOC into L; a page that may have lost tiny glyphs is added
 * to TINY. */
static int do_page(PopplerDocument *doc, int i, const char *name,
		   const skr_extract_limits *lim, skr_layout *l,
		   int *block_base, GArray *tiny, xmetrics *m, xocr_run *ocr)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	skr_page pg = { .number = i + 1 };
	GArray *chars = NULL;
	GPtrArray *lines = NULL;
	xdirs dirs;
	int nchars = 0, rc = 0;

	if (!page)
		return skr_error(SKR_EX_DAMAGED, "cannot extract '%s': page "
				 "%d cannot be read", name, i + 1);
	poppler_page_get_size(page, &pg.width, &pg.height);
	if ((rc = xchars_get(page, name, i + 1, &chars, &nchars, &dirs)))
		goto out;
	if (tiny_limit_reached(chars))
		g_array_append_val(tiny, pg.number);
	if (nchars > lim->max_chars)
		goto too_many;
	lines = page_lines(page, chars, &dirs, &pg, &nchars, m);
	if (nchars > lim->max_chars)      /* with its annotations' */
		goto too_many;
	if (!lines->len)
		pg.flags |= SKR_PAGE_NOTEXT;
	else if (xtext_unreadable(chars))
		pg.flags |= SKR_PAGE_UNREADABLE;
	if (xocr_wanted(ocr, page, lines->len,
			pg.flags & SKR_PAGE_UNREADABLE)) {
		xlines_free(lines);
		lines = NULL;
		g_array_free(chars, TRUE);
		if ((rc = xocr_run_page(ocr, page, &pg, &chars)))
			goto out;
		lines = xocr_lines(chars, pg.height, m);
		if (lines->len)
			pg.flags &= ~SKR_PAGE_NOTEXT;
	}
	add_page_lines(l, lines, i + 1, block_base,
		       pg.flags & SKR_PAGE_OCR ? ocr : NULL);
	g_array_append_val(l->pages, pg);
	goto out;
too_many:
	rc = skr_error(SKR_EX_TOO_LARGE, "cannot extract '%s': page %d has %d "
		       "characters (--max-chars %d)", name, i + 1, nchars,
		       lim->max_chars);
out:
	xlines_free(lines);
	if (chars)
		g_array_free(chars, TRUE);
	g_object_unref(page);
	return rc;
}

/* Appends page P to the ranges in S ("3,5-9"), at most about 200 bytes. */
static void add_range(GString *s, int p, int *run_start, int *run_end)
{
	if (*run_end == p - 1) {
		*run_end = p;
		return;
	}
	if (*run_start && s->len < 200)
		g_string_append_printf(s, *run_start == *run_end ? "%s%d"
				       : "%s%d-%d", s->len ? "," : "",
				       *run_start, *run_end);
	else if (*run_start && !g_str_has_suffix(s->str, ",..."))
		g_string_append(s, ",...");
	*run_start = *run_end = p;
}

/* The pages of L with page flag FLAG as ranges ("3,5-9"), and how many. */
static char *pages_with(const skr_layout *l, unsigned flag, int *count)
{
	GString *s = g_string_new(NULL);
	int start = 0, end = -1;

	*count = 0;
	for (guint p = 0; p < l->pages->len; p++)
		if (g_array_index(l->pages, skr_page, p).flags & flag) {
			add_range(s, p + 1, &start, &end);
			(*count)++;
		}
	add_range(s, G_MAXINT, &start, &end);
	return g_string_free(s, FALSE);
}

/* One warning for the pages in TINY (page numbers, increasing). */
static void warn_tiny(const char *name, GArray *tiny)
{
	GString *s = g_string_new(NULL);
	int start = 0, end = -1;

	for (guint i = 0; i < tiny->len; i++)
		add_range(s, g_array_index(tiny, int, i), &start, &end);
	add_range(s, G_MAXINT, &start, &end);
	if (tiny->len)
		skr_warning("'%s': Poppler keeps at most %d glyphs smaller "
			    "than 3 pt a page, and %u page(s) reached that: "
			    "text may be missing on %s", name,
			    POPPLER_TINY_MAX, tiny->len, s->str);
	g_string_free(s, TRUE);
}

static int check_pages(skr_layout *l, const char *name)
{
	int nempty, nbad, rc = 0;
	char *empty = pages_with(l, SKR_PAGE_NOTEXT, &nempty);
	char *bad = pages_with(l, SKR_PAGE_UNREADABLE, &nbad);

	if (nempty == (int)l->pages->len)
		rc = skr_error(SKR_EX_NO_TEXT, nempty == 1 ? "cannot extract "
			       "'%s': no text on its only page (a scan?)"
			       : "cannot extract '%s': no text on any of its "
			       "%d pages (a scan?)", name, nempty);
	else if (nempty)
		skr_warning("'%s': %d page(s) without text: %s", name, nempty,
			    empty);
	if (!rc && nbad)
		skr_warning("'%s': %d page(s) with unreadable text (a font "
			    "without ToUnicode?): %s", name, nbad, bad);
	g_free(empty);
	g_free(bad);
	return rc;
}

static int extract_doc(PopplerDocument *doc, const char *name,
		       const skr_extract_limits *lim, skr_layout *l)
{
	int n = poppler_document_get_n_pages(doc), base = 0, rc = 0;
	GTimer *timer = g_timer_new();
	xmetrics *m = xmetrics_new();
	GArray *tiny = g_array_new(FALSE, FALSE, sizeof(int));
	xocr_run ocr;

	xocr_run_init(&ocr, lim, name);
	ocr.npages = n;
	if (n > lim->max_pages) {
		rc = skr_error(SKR_EX_TOO_LARGE, "cannot extract '%s': %d pages "
			       "(--max-pages %d)", name, n, lim->max_pages);
		goto out;
	}
	l->npages = n;
	for (int i = 0; i < n && !rc; i++) {
		rc = do_page(doc, i, name, lim, l, &base, tiny, m, &ocr);
		if (!rc && lim->timeout > 0 &&
		    g_timer_elapsed(timer, NULL) > lim->timeout + ocr.extra) {
			skr_limits_stop();  /* one message, not the watchdog's too */
			rc = skr_error(SKR_EX_TIMEOUT, "cannot extract '%s': "
				       "took over %g s (--timeout) at page %d",
				       name, lim->timeout, i + 1);
		}
	}
	if (!rc)
		warn_tiny(name, tiny);
	if (!rc)
		rc = check_pages(l, name);
	if (!rc) {
		xocr_group_sizes(l);
		xfurniture_mark(l);
		xstructure_mark(l, m);
	}
out:
	xocr_run_clear(&ocr);
	xmetrics_free(m);
	g_array_free(tiny, TRUE);
	g_timer_destroy(timer);
	return rc;
}

int xextract_bytes(const char *data, size_t len, const char *name,
		   const char *path, const skr_extract_limits *lim,
		   skr_layout **out)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *doc = NULL;
	skr_layout *l = NULL;
	int rc;

	*out = NULL;
	if ((rc = xpdf_open(bytes, name, path, &doc)))
		goto out;
	l = skr_layout_new();
	l->source = g_strdup(name);
	l->sha256 = skr_sha256_hex(data, len);
	if ((rc = extract_doc(doc, name, lim, l)))
		goto out;
	*out = l;
	l = NULL;
out:
	skr_layout_free(l);
	if (doc)
		g_object_unref(doc);
	g_bytes_unref(bytes);
	return rc;
}

int skr_extract(const char *data, size_t len, const char *name,
		const skr_extract_limits *lim, skr_layout **out)
{
	return xextract_bytes(data, len, name, NULL, lim, out);
}
