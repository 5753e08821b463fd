/* municipality.c - the official code of a municipality or region named in
 * any common form, from the table data/municipalities.tsv built into the
 * program, and the @code of a report's municipality.  Not the table. */
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include "emit-int.h"

#include <string.h>

EMIT_EMBED(emit_municipalities_tsv, "data/municipalities.tsv");

/* Suffixes dropped from a name before the look-up (after emit_name_key). */
static const char *const suffixes[] = {
	" kommun", " kommuns", " stad", " stads", " municipality", NULL
};

/* Can the name NAME (LEN bytes) have the name key KEY?  Its first
 * character, when ASCII and not a space or '-' (which the key drops),
 * is the key's first one folded; anything else is left to the key. */
static int may_be(const char *name, size_t len, const char *key)
{
	guchar c = len ? (guchar)name[0] : 0;

	if (c >= 0x80 || c == '-' || g_ascii_isspace(c) || !c)
		return 1;
	return g_ascii_tolower(c) == (guchar)key[0];
}

/* Whether the name NAME (LEN bytes) has the name key KEY. */
static int has_key(const char *name, size_t len, const char *key)
{
	char *copy, *k;
	int same;

	if (!may_be(name, len, key))
		return 0;
	copy = g_strndup(name, len);
	k = emit_name_key(copy);
	same = strcmp(k, key) == 0;
	g_free(k);
	g_free(copy);
	return same;
}

/* Whether line LINE (up to END) of the table names KEY: its name or one
 * of its other names (the fourth field, '|'-separated). */
static int line_names(const char *line, const char *end, const char *key)
{
	const char *f[5] = { line, NULL, NULL, NULL, end + 1 }, *e;
	int n = 1;

	for (const char *p = line; p < end && n < 5; p++)
		if (*p == '\t')
			f[n++] = p + 1;
	if (n < 3)
		return 0;
	if (has_key(f[2], (n > 3 ? f[3] : end + 1) - 1 - f[2], key))
		return 1;
	for (const char *a = f[3], *fend = f[4] - 1; a && a < fend;
	     a = e + 1) {
		if (!(e = memchr(a, '|', fend - a)))
			e = fend;
		if (has_key(a, e - a, key))
			return 1;
	}
	return 0;
}

/* The field I (0 code, 1 kind) of LINE as a string kept until exit. */
static const char *field(const char *line, int i)
{
	const char *p = line;
	char *copy;
	const char *kept;

	while (i-- > 0)
		p = strchr(p, '\t') + 1;
	copy = g_strndup(p, strcspn(p, "\t\n"));
	kept = g_intern_string(copy);
	g_free(copy);
	return kept;
}

/* The first line of data/municipalities.tsv (built in) that names KEY
 * (not ""), or NULL.  One look-up a report: a pass over the table, which
 * computes the name key only of names that may have it (building a hash
 * of all the names would cost more than a document's look-ups). */
static const char *find_line(const char *key)
{
	const char *line = emit_municipalities_tsv, *end;

	if (!*key)
		return NULL;
	for (; *line; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		if (line < end && *line != '#' && line_names(line, end, key))
			return line;
	}
	return NULL;
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
	const char *line;
	size_t len;

	drop_suffix(key);
	line = find_line(key);
	len = strlen(key);
	if (!line && len > 1 && key[len - 1] == 's') {  /* genitive */
		key[len - 1] = '\0';
		line = find_line(key);
	}
	g_free(key);
	if (kind)
		*kind = line ? field(line, 1) : NULL;
	return line ? field(line, 0) : NULL;
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
