/* extract.c - the extract stage's driver: document limits, one pass over
 * the pages (one PopplerPage each, each text call once), the layout model.
 * Not the analysis itself (chars.c, lines.c, blocks.c, lists.c,
 * furniture.c) nor output (the caller writes the model). */
#include "internal.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/outfile.h>

#include <string.h>

/* Moves the analysed lines of one page into the layout. */
static void add_page_lines(skr_layout *l, GPtrArray *lines, int pageno,
			   int *block_base)
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
		nblocks = MAX(nblocks, x->block + 1);
	}
	*block_base += nblocks;
}

/* Poppler's text model keeps no glyph narrower than 3 pt once a page has
 * 50000 characters: were there such glyphs? */
static gboolean has_tiny_glyphs(GArray *chars)
{
	for (guint i = 0; i < chars->len; i++) {
		const xchar *c = &g_array_index(chars, xchar, i);
		if (c->x1 - c->x0 < 3.0 && c->cp != ' ')
			return TRUE;
	}
	return FALSE;
}

static int do_page(PopplerDocument *doc, int i, const char *name,
		   const skr_extract_limits *lim, skr_layout *l,
		   xmetrics *m, int *block_base)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	skr_page pg = { .number = i + 1 };
	GArray *chars = NULL;
	GPtrArray *lines = NULL;
	int nchars = 0, rc = 0;

	if (!page)
		return skr_error(SKR_EX_DAMAGED, "cannot extract '%s': page "
				 "%d cannot be read", name, i + 1);
	poppler_page_get_size(page, &pg.width, &pg.height);
	if ((rc = xchars_get(page, name, i + 1, &chars, &nchars)))
		goto out;
	if (nchars >= 50000 && has_tiny_glyphs(chars))
		skr_warning("'%s': page %d has %d characters; Poppler keeps "
			    "no glyph narrower than 3 pt beyond 50000, so text "
			    "may be missing", name, i + 1, nchars);
	if (nchars > lim->max_chars) {
		rc = skr_error(SKR_EX_TOO_LARGE, "cannot extract '%s': page %d "
			       "has %d characters (--max-chars %d)", name,
			       i + 1, nchars, lim->max_chars);
		goto out;
	}
	lines = xlines_build(chars, pg.height);
	if (!lines->len)
		pg.flags |= SKR_PAGE_NOTEXT;
	xmetrics_page(m, lines);
	xblocks_order(lines, m);
	xlists_mark(lines, m);
	add_page_lines(l, lines, i + 1, block_base);
	g_array_append_val(l->pages, pg);
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

static int check_pages(skr_layout *l, const char *name)
{
	GString *empty = g_string_new(NULL);
	int nempty = 0, start = 0, end = -1, rc = 0;

	for (guint p = 0; p < l->pages->len; p++)
		if (g_array_index(l->pages, skr_page, p).flags &
		    SKR_PAGE_NOTEXT) {
			add_range(empty, p + 1, &start, &end);
			nempty++;
		}
	add_range(empty, G_MAXINT, &start, &end);
	if (nempty == (int)l->pages->len)
		rc = skr_error(SKR_EX_NO_TEXT, nempty == 1 ? "cannot extract "
			       "'%s': no text on its only page (a scan?)"
			       : "cannot extract '%s': no text on any of its "
			       "%d pages (a scan?)", name, nempty);
	else if (nempty)
		skr_warning("'%s': %d page(s) without text: %s", name, nempty,
			    empty->str);
	g_string_free(empty, TRUE);
	return rc;
}

static int extract_doc(PopplerDocument *doc, const char *name,
		       const skr_extract_limits *lim, skr_layout *l)
{
	int n = poppler_document_get_n_pages(doc), base = 0, rc = 0;
	GTimer *timer = g_timer_new();
	xmetrics *m = xmetrics_new();

	if (n > lim->max_pages) {
		rc = skr_error(SKR_EX_TOO_LARGE, "cannot extract '%s': %d pages "
			       "(--max-pages %d)", name, n, lim->max_pages);
		goto out;
	}
	l->npages = n;
	for (int i = 0; i < n && !rc; i++) {
		rc = do_page(doc, i, name, lim, l, m, &base);
		if (!rc && lim->timeout > 0 &&
		    g_timer_elapsed(timer, NULL) > lim->timeout)
			rc = skr_error(SKR_EX_TIMEOUT, "cannot extract '%s': "
				       "took over %g s (--timeout) at page %d",
				       name, lim->timeout, i + 1);
	}
	if (!rc)
		rc = check_pages(l, name);
	if (!rc) {
		xfurniture_mark(l);
		xstructure_mark(l, m);
	}
out:
	xmetrics_free(m);
	g_timer_destroy(timer);
	return rc;
}

int skr_extract(const char *data, size_t len, const char *name,
		const skr_extract_limits *lim, skr_layout **out)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *doc = NULL;
	skr_layout *l = NULL;
	int rc;

	*out = NULL;
	if ((rc = xpdf_open(bytes, name, &doc)))
		goto out;
	l = skr_layout_new();
	l->source = g_strdup(name);
	l->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
						(const guchar *)data, len);
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

int skr_extract_file(const char *path, const skr_extract_limits *lim,
		     skr_layout **out)
{
	GMappedFile *map = NULL;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (strcmp(path, "-") != 0) {
		GError *err = NULL;
		if (!(map = g_mapped_file_new(path, FALSE, &err))) {
			rc = skr_error(SKR_EX_IO, "cannot open '%s': %s", path,
				       err->message);
			g_error_free(err);
			return rc;
		}
		rc = skr_extract(g_mapped_file_get_contents(map),
				 g_mapped_file_get_length(map), path, lim, out);
		g_mapped_file_unref(map);
		return rc;
	}
	if ((rc = skr_read_file(path, (size_t)2 << 30, &buf, &len)))
		return rc;
	rc = skr_extract(buf ? buf : "", len, path, lim, out);
	g_free(buf);
	return rc;
}
