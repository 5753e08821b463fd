/* furniture.c - running headers, footers and page numbers, found by
 * repetition: the same text (digits aside) at the same height on many pages.
 * Not deletion: lines are flagged H, F, N and kept. */
#include "internal.h"

#include <math.h>
#include <string.h>

#define ZONE 0.12               /* top and bottom share of the page height */

static const char *page_number_shapes[] = {
	"#", "- # -", "– # –", "sida #", "sida # av #", "sida # (#)", "# (#)",
	"#/#", "# / #", "page #", "page # of #", "s. #",
};

/* Is S all ASCII (lower-cased the same by the ASCII and Unicode rules,
 * the first without GLib's case tables)? */
static gboolean ascii_only(const char *s)
{
	for (; *s; s++)
		if ((guchar)*s >= 0x80)
			return FALSE;
	return TRUE;
}

/* The line's text with every digit run replaced by '#', lower-cased,
 * prefixed by its zone and height bucket.  Caller frees. */
static char *furniture_key(const skr_line *ln, const skr_page *pg,
			   char *zone_out)
{
	GString *k;
	char *lower;
	gboolean top = ln->y0 < ZONE * pg->height;
	gboolean bottom = ln->y1 > (1 - ZONE) * pg->height;

	*zone_out = top ? 'H' : bottom ? 'F' : 0;
	if (!*zone_out)
		return NULL;
	lower = ascii_only(ln->text) ? g_ascii_strdown(ln->text, -1)
				     : g_utf8_strdown(ln->text, -1);
	k = g_string_new(NULL);
	g_string_append_printf(k, "%c%ld|", *zone_out, lround(ln->y0 / 4.0));
	for (const char *p = lower; *p; p++) {
		if (g_ascii_isdigit(*p)) {
			while (g_ascii_isdigit(p[1]))
				p++;
			g_string_append_c(k, '#');
		} else {
			g_string_append_c(k, *p);
		}
	}
	g_free(lower);
	return g_string_free(k, FALSE);
}

static gboolean is_page_number(const char *key)
{
	const char *shape = strchr(key, '|') + 1;
	for (size_t i = 0; i < G_N_ELEMENTS(page_number_shapes); i++)
		if (strcmp(shape, page_number_shapes[i]) == 0)
			return TRUE;
	return FALSE;
}

static const skr_page *page_of(const skr_layout *l, const skr_line *ln)
{
	return &g_array_index(l->pages, skr_page, ln->page - 1);
}

void xfurniture_mark(skr_layout *l)
{
	GHashTable *pages = g_hash_table_new_full(g_str_hash, g_str_equal,
						  g_free, NULL);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, NULL);
	char **keys = g_new0(char *, l->lines->len + 1);
	int text_pages = 0;
	char zone;

	for (guint p = 0; p < l->pages->len; p++)
		text_pages += !(g_array_index(l->pages, skr_page, p).flags &
				SKR_PAGE_NOTEXT);
	for (guint i = 0; i < l->lines->len; i++) {
		skr_line *ln = l->lines->pdata[i];
		if (!(keys[i] = furniture_key(ln, page_of(l, ln), &zone)))
			continue;
		char *once = g_strdup_printf("%d:%s", ln->page, keys[i]);
		if (!g_hash_table_add(seen, once))
			continue;
		int n = GPOINTER_TO_INT(g_hash_table_lookup(pages, keys[i]));
		g_hash_table_insert(pages, g_strdup(keys[i]),
				    GINT_TO_POINTER(n + 1));
	}
	for (guint i = 0; i < l->lines->len; i++) {
		skr_line *ln = l->lines->pdata[i];
		if (!keys[i])
			continue;
		int n = GPOINTER_TO_INT(g_hash_table_lookup(pages, keys[i]));
		if (n < 2 || n * 5 < text_pages * 2)
			continue;
		ln->flags |= keys[i][0] == 'H' ? SKR_LINE_HEADER
					       : SKR_LINE_FOOTER;
		if (is_page_number(keys[i]))
			ln->flags |= SKR_LINE_PAGENUM;
	}
	for (guint i = 0; i < l->lines->len; i++)
		g_free(keys[i]);
	g_free(keys);
	g_hash_table_destroy(pages);
	g_hash_table_destroy(seen);
}
