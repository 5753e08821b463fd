/* themes.c - the canonical theme of each Kommunkompassen area across SKR's
 * revisions, from the table data/kk-themes.tsv built into the program
 * (docs/xml.md, "Themes").  Not the table, nor the areas' scores. */
#include "emit-int.h"

#include <string.h>

EMIT_EMBED(emit_kk_themes_tsv, "data/kk-themes.tsv");

#define MAX_AREAS 64

struct area_theme {
	int revision, number;
	const char *theme;              /* points into themes[] */
	char *key;                      /* emit_name_key of the area's name */
};

static struct {
	GPtrArray *themes;              /* of char*: id, name, id, name, ... */
	struct area_theme areas[MAX_AREAS];
	int nareas;
} T;

static void add_line(char **f, int n, void *user)
{
	(void)user;
	if (n == 3 && strcmp(f[0], "theme") == 0) {
		g_ptr_array_add(T.themes, g_strdup(f[1]));
		g_ptr_array_add(T.themes, g_strdup(f[2]));
	} else if (n == 5 && strcmp(f[0], "area") == 0 && T.nareas < MAX_AREAS) {
		struct area_theme *a = &T.areas[T.nareas];
		for (guint i = 0; i < T.themes->len; i += 2)
			if (strcmp(T.themes->pdata[i], f[3]) == 0)
				a->theme = T.themes->pdata[i];
		long rev, num;
		if (!a->theme || emit_int(f[1], &rev) || emit_int(f[2], &num))
			return;
		a->revision = rev;
		a->number = num;
		a->key = emit_name_key(f[4]);
		T.nareas++;
	}
}

static void load(void)
{
	static gsize once;

	if (g_once_init_enter(&once)) {
		T.themes = g_ptr_array_new();
		emit_tsv_each(emit_kk_themes_tsv, add_line, NULL);
		g_once_init_leave(&once, 1);
	}
}

static const char *theme_name(const char *id)
{
	for (guint i = 0; i < T.themes->len; i += 2)
		if (strcmp(T.themes->pdata[i], id) == 0)
			return T.themes->pdata[i + 1];
	return NULL;
}

/* The revision of the table that a report of revision year YEAR uses: the
 * latest one not after YEAR, else the earliest. */
static int table_revision(int year)
{
	int best = 0, first = 0;

	for (int i = 0; i < T.nareas; i++) {
		int r = T.areas[i].revision;
		if (!first || r < first)
			first = r;
		if (r <= year && r > best)
			best = r;
	}
	return best ? best : first;
}

/* The theme of area NUMBER of REVISION (0: by TITLE), or NULL. */
static const char *lookup(int revision, int number, const char *title)
{
	char *key = title ? emit_name_key(title) : NULL;
	const char *theme = NULL;

	for (int i = 0; i < T.nareas && !theme; i++) {
		const struct area_theme *a = &T.areas[i];
		if (revision ? a->revision == revision && a->number == number
			     : key && strcmp(a->key, key) == 0)
			theme = a->theme;
	}
	g_free(key);
	return theme;
}

static char *title_of(xmlNode *area)
{
	for (xmlNode *c = area->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "title") == 0)
			return (char *)xmlNodeGetContent(c);
	return NULL;
}

void emit_add_themes(xmlNode *root, const char *revision)
{
	long year;
	int rev;

	load();
	rev = revision && emit_int(revision, &year) == 0
	      ? table_revision(year) : 0;      /* not a number: no revision */
	for (xmlNode *c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, "area") != 0)
			continue;
		xmlChar *num = xmlGetProp(c, BAD_CAST "number");
		long n = 0;
		char *title = rev ? NULL : title_of(c);
		const char *theme;

		if (num && emit_int((const char *)num, &n))
			n = 0;
		theme = lookup(rev, n, title);
		if (theme) {
			xmlSetProp(c, BAD_CAST "theme", BAD_CAST theme);
			xmlSetProp(c, BAD_CAST "theme-name",
				   BAD_CAST theme_name(theme));
		}
		xmlFree(title);
		xmlFree(num);
	}
}
