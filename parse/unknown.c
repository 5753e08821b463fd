/* unknown.c - records for a document no rule file claims: its title (the
 * largest text on page 1) and its numbered headings as an outline.
 * Not classification (parse.c) and no rule files: fixed, generic logic.
 */
#include "parse-int.h"

#include <string.h>

static int skipped(const skr_line *ln)
{
	return ln->flags & (SKR_LINE_HEADER | SKR_LINE_FOOTER |
			    SKR_LINE_PAGENUM | SKR_LINE_ANNOT);
}

/* Title: the consecutive run of page-1 lines in the largest font size,
 * written under PATH. */
void skr_outline_title(const skr_layout *l, skr_records *out,
		       const char *path)
{
	double max = 0, box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, 0, 0 };
	GString *s = g_string_new(NULL);
	guint i;

	for (i = 0; i < l->lines->len; i++) {
		const skr_line *ln = l->lines->pdata[i];
		if (ln->page == 1 && !skipped(ln) && ln->size > max)
			max = ln->size;
	}
	for (i = 0; i < l->lines->len; i++) {
		const skr_line *ln = l->lines->pdata[i];
		if (ln->page != 1 || skipped(ln))
			continue;
		if (ln->size < max - 0.05) {
			if (s->len)
				break;
			continue;
		}
		char *c = skr_text_clean(ln->text);
		skr_text_join(s, c, 1, 0);
		g_free(c);
		box[0] = MIN(box[0], ln->x0);
		box[1] = MIN(box[1], ln->y0);
		box[2] = MAX(box[2], ln->x1);
		box[3] = MAX(box[3], ln->y1);
		if (s->len > 4096)
			break;
	}
	if (s->len)
		skr_records_add(out, path, SKR_REC_TEXT, 1, box[0], box[1],
				box[2], box[3], s->str);
	g_string_free(s, TRUE);
}

/* Headings: bold or larger-than-body lines "3.1 Title" / "3.1. Title". */
void skr_parse_unknown(const skr_layout *l, skr_records *out)
{
	double body = skr_body_size(l);
	GRegex *re = g_regex_new("^(\\d{1,2}(?:\\.\\d{1,2}){0,4})\\.?\\s+"
				 "(\\p{Lu}.*)$", G_REGEX_OPTIMIZE, 0, NULL);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, NULL);

	skr_outline_title(l, out, "title");
	for (guint i = 0; i < l->lines->len; i++) {
		const skr_line *ln = l->lines->pdata[i];
		GMatchInfo *mi = NULL;
		char *c;

		if (skipped(ln) || (!(ln->flags & SKR_LINE_BOLD) &&
				    ln->size < body * 1.1))
			continue;
		c = skr_text_clean(ln->text);
		if (g_regex_match(re, c, 0, &mi)) {
			char *num = g_match_info_fetch(mi, 1);
			char *title = g_match_info_fetch(mi, 2);
			char *path = g_strdup_printf("heading[%s]", num);
			if (!g_hash_table_contains(seen, path)) {
				skr_records_add(out, path, SKR_REC_TEXT,
						ln->page, ln->x0, ln->y0,
						ln->x1, ln->y1, title);
				g_hash_table_add(seen, path);
				path = NULL;
			}
			g_free(path);
			g_free(num);
			g_free(title);
		}
		g_match_info_free(mi);
		g_free(c);
	}
	g_hash_table_destroy(seen);
	g_regex_unref(re);
}
