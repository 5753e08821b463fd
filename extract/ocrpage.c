/* ocrpage.c - OCR across a document: which pages are read (--ocr), the
 * engine loaded on the first such page, the time left (--timeout), the
 * page record and the word confidences of each line.
 * Not rendering or recognition (ocr.c, ocrwords.c). */
#include "ocr.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/limits.h>

#include <math.h>
#include <stdio.h>

void xocr_run_init(xocr_run *r, const skr_extract_limits *lim,
		   const char *name)
{
	*r = (xocr_run){ .lim = lim, .name = name, .timer = g_timer_new() };
}

void xocr_run_clear(xocr_run *r)
{
	if (r->words)
		g_array_free(r->words, TRUE);
	r->words = NULL;
	xocr_free(r->engine);
	r->engine = NULL;
	if (r->timer)
		g_timer_destroy(r->timer);
	r->timer = NULL;
}

/* Does PAGE show images covering at least a tenth of it (a scan)?  A page
 * with neither text nor images is empty and not worth the OCR. */
static gboolean has_images(PopplerPage *page)
{
	GList *maps = poppler_page_get_image_mapping(page);
	double pw, ph, area = 0;

	poppler_page_get_size(page, &pw, &ph);
	for (GList *m = maps; m; m = m->next) {
		PopplerImageMapping *im = m->data;
		area += fabs((im->area.x2 - im->area.x1) *
			     (im->area.y2 - im->area.y1));
	}
	poppler_page_free_image_mapping(maps);
	return area >= 0.1 * pw * ph;
}

gboolean xocr_wanted(const xocr_run *r, PopplerPage *page, guint nlines,
		     gboolean unreadable)
{
	switch (r->lim->ocr) {
	case SKR_OCR_ALWAYS:
		return TRUE;
	case SKR_OCR_NEVER:
		return FALSE;
	default:
		(void)unreadable;       /* not yet: OCR may find nothing
					   where the text layer had lines */
		return nlines == 0 && has_images(page);
	}
}

GPtrArray *xocr_lines(GArray *chars, double height, xmetrics *m)
{
	GPtrArray *lines = xlines_build(chars, height);

	xmetrics_page(m, lines);
	xblocks_order(lines, m);
	xlists_mark(lines, m);
	return lines;
}

int xocr_run_page(xocr_run *r, PopplerPage *page, skr_page *pg,
		  GArray **chars)
{
	const skr_extract_limits *lim = r->lim;
	double t0 = g_timer_elapsed(r->timer, NULL), left = 0;
	xocr_info info;
	int rc;

	*chars = NULL;
	if (r->words)
		g_array_free(r->words, TRUE);
	r->words = NULL;
	if (!r->engine && (rc = xocr_new(lim->ocr_lang[0] ? lim->ocr_lang
					 : SKR_OCR_LANG_DEFAULT, r->name,
					 &r->engine)))
		return rc;
	if (lim->progress)
		fprintf(stderr, "%s: page %d/%d (OCR)\n", skr_diag_program(),
			pg->number, r->npages);
	if (lim->on_ocr_page)
		lim->on_ocr_page(pg->number, r->npages, lim->on_ocr_data);
	r->extra += XOCR_PAGE_SECONDS;
	skr_limits_extend(XOCR_PAGE_SECONDS);
	if (lim->timeout > 0 && (left = lim->timeout + r->extra - t0) <= 0)
		left = 0.001;
	int dpi = lim->ocr_dpi ? lim->ocr_dpi : SKR_OCR_DPI_DEFAULT;
	rc = xocr_page(r->engine, page, dpi, left, chars, &r->words, &info);
	if (rc == SKR_EX_TIMEOUT) {
		skr_limits_stop();  /* one message, not the watchdog's too */
		return skr_error(rc, "cannot extract '%s': took over %g s "
				 "(--timeout, plus %d s a scanned page) in the "
				 "OCR of page %d", r->name, lim->timeout,
				 XOCR_PAGE_SECONDS, pg->number);
	}
	if (rc)
		return skr_error(rc, "cannot extract '%s': page %d cannot be "
				 "rendered for OCR", r->name, pg->number);
	pg->flags |= SKR_PAGE_OCR;
	pg->width = info.width;
	pg->height = info.height;
	pg->rotate = (360 - info.rotation) % 360;   /* layout.h: counter-clockwise */
	if (info.dpi < dpi)
		skr_warning("'%s': page %d is large; read by OCR at %d dpi",
			    r->name, pg->number, info.dpi);
	if (info.rotation)
		skr_warning("'%s': page %d turned %d degrees for OCR", r->name,
			    pg->number, info.rotation);
	r->pages++;
	r->seconds += g_timer_elapsed(r->timer, NULL) - t0;
	return 0;
}

/* The confidence of the word under glyph C, 0..100. */
static guint8 conf_at(const GArray *words, const xchar *c)
{
	double x = (c->x0 + c->x1) / 2, y = (c->y0 + c->y1) / 2, best = 1e9;
	guint8 conf = 0;

	for (guint i = 0; words && i < words->len; i++) {
		const xocr_word *w = &g_array_index(words, xocr_word, i);
		double d = fabs(x - (w->x0 + w->x1) / 2) +
			   fabs(y - (w->y0 + w->y1) / 2);
		if (x >= w->x0 && x <= w->x1 && d < best) {
			best = d;
			conf = (guint8)CLAMP(lround(w->conf), 0, 100);
		}
	}
	return conf;
}

void xocr_line_conf(const xocr_run *r, const xline *x, skr_line *ln)
{
	GByteArray *w = g_byte_array_new();
	gboolean in_word = FALSE, bullet = x->bullet != 0;

	for (guint i = 0; i < x->nchars; i++) {
		const xchar *c = &x->chars[i];
		gboolean space = c->cp == ' ';
		if (!space && !in_word && bullet)
			bullet = FALSE;         /* the stripped bullet */
		else if (!space && !in_word) {
			guint8 conf = conf_at(r->words, c);
			g_byte_array_append(w, &conf, 1);
		}
		in_word = !space;
	}
	ln->flags |= SKR_LINE_OCR;
	ln->nwconf = w->len;
	ln->wconf = g_byte_array_free(w, FALSE);
}
