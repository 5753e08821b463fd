/* municipality.c - the official code of a municipality or region named in
 * any common form, from the table data/municipalities.tsv built into the
 * program, and the @code of a report's municipality.  Not the table. */
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include "emit-int.h"

#include <string.h>

EMIT_EMBED(emit_municipalities_tsv, "data/municipalities.tsv");

struct muni {
	char *code, *kind, *name;
};

static GHashTable *by_key;              /* key -> struct muni*, kept */

/* Suffixes dropped from a name before the look-up (after emit_name_key). */
static const char *const suffixes[] = {
	" kommun", " kommuns", " stad", " stads", " municipality", NULL
};

static void add_key(const char *name, struct muni *m)
{
	char *key = emit_name_key(name);

	if (*key && !g_hash_table_contains(by_key, key))
		g_hash_table_insert(by_key, key, m);
	else
		g_free(key);
}

static void add_line(char **f, int n, void *user)
{
	struct muni *m;

	(void)user;
	if (n < 3)
		return;
	m = g_new0(struct muni, 1);
	m->code = g_strdup(f[0]);
	m->kind = g_strdup(f[1]);
	m->name = g_strdup(f[2]);
	add_key(m->name, m);
	if (n > 3 && *f[3]) {
		char **alias = g_strsplit(f[3], "|", 0);
		for (char **a = alias; *a; a++)
			add_key(*a, m);
		g_strfreev(alias);
	}
}

static GHashTable *table(void)
{
	static gsize once;

	if (g_once_init_enter(&once)) {
		by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       NULL);
		emit_tsv_each(emit_municipalities_tsv, add_line, NULL);
		g_once_init_leave(&once, 1);
	}
	return by_key;
}

/* KEY without one of the suffixes, in place. */
static void drop_suffix(char *key)
{
	size_t len = strlen(key);

	for (int i = 0; suffixes[i]; i++) {
		size_t sl = strlen(suffixes[i]);
		if (len > sl && strcmp(key + len - sl, suffixes[i]) == 0) {
			key[len - sl] = '\0';
			return;
		}
	}
}

const char *skr_municipality_code(const char *name, const char **kind)
{
	char *key = emit_name_key(name ? name : "");
	struct muni *m;
	size_t len;

	drop_suffix(key);
	m = g_hash_table_lookup(table(), key);
	len = strlen(key);
	if (!m && len > 1 && key[len - 1] == 's') {     /* genitive */
		key[len - 1] = '\0';
		m = g_hash_table_lookup(table(), key);
	}
	g_free(key);
	if (kind)
		*kind = m ? m->kind : NULL;
	return m ? m->code : NULL;
}

void emit_add_municipality_code(xmlNode *root, const char *name)
{
	for (xmlNode *c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, "municipality") != 0)
			continue;
		xmlChar *text = xmlNodeGetContent(c);
		const char *code = skr_municipality_code((const char *)text,
							 NULL);
		if (code)
			xmlSetProp(c, BAD_CAST "code", BAD_CAST code);
		else if (name)
			skr_warning("'%s': municipality '%s' is not in the code "
				    "table: no code", name, (const char *)text);
		xmlFree(text);
		return;
	}
}
