/* values.c - the values of an XML report (docs/xml.md) one by one, in
 * document order, with their element path, keys and provenance: what the
 * long CSV writes.  Not the CSV quoting (csv.c) nor the JSON shape. */
#include "emit-int.h"

#include <string.h>

/* Attributes that name an element (keys) rather than hold a value. */
static const char *const key_attrs[][2] = {
	{ "area", "number" }, { "row", "id" }, { "section", "number" },
	{ "footnote", "number" }, { "heading", "number" }, { "part", "name" },
	{ "field", "path" }, { "field", "type" }, { "paragraph", "number" },
};

/* Attributes computed by emit, not read from the document (section
 * level and parent, a diary number's normalized form: docs/xml.md). */
static const char *const computed_attrs[] = {
	"theme", "theme-name", "code", "sum", "page", "bbox", "level",
	"parent", "normalized", NULL
};

static int is_key(const char *elem, const char *attr)
{
	for (size_t i = 0; i < G_N_ELEMENTS(key_attrs); i++)
		if (strcmp(key_attrs[i][0], elem) == 0 &&
		    strcmp(key_attrs[i][1], attr) == 0)
			return 1;
	return 0;
}

/* A key attribute of element ELEM, unless N shows it has provenance of its
 * own (minutes before paragraphs had keys: paragraph/@number with
 * @number-page was the value of the record "paragraph"). */
static int is_key_of(xmlNode *n, const char *elem, const char *attr)
{
	char *page;
	int prov;

	if (!is_key(elem, attr))
		return 0;
	page = g_strconcat(attr, "-page", NULL);
	prov = xmlHasProp(n, BAD_CAST page) != NULL;
	g_free(page);
	return !prov;
}

static int is_value_attr(xmlNode *n, const char *elem, const char *attr)
{
	if (is_key_of(n, elem, attr) || g_str_has_suffix(attr, "-page") ||
	    g_str_has_suffix(attr, "-bbox") ||
	    g_str_has_suffix(attr, "confidence"))      /* OCR provenance */
		return 0;
	for (int i = 0; computed_attrs[i]; i++)
		if (strcmp(computed_attrs[i], attr) == 0)
			return 0;
	return 1;
}

static char *prop(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, BAD_CAST name);
}

/* Direct text of N (its text children, not its descendants'), or NULL when
 * it has none.  Caller frees with g_free. */
static char *own_text(xmlNode *n)
{
	GString *s = NULL;

	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (!s)
				s = g_string_new(NULL);
			g_string_append(s, (const char *)c->content);
		}
	return s ? g_string_free(s, FALSE) : NULL;
}

static int has_element_child(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

struct walk {
	emit_value_fn fn;
	void *user;
	emit_value v;
	GPtrArray *path, *ids;          /* of char* (borrowed / owned) */
};

static void give(struct walk *w, const char *name, const char *value,
		 xmlNode *n, const char *prefix)
{
	char *page = g_strconcat(prefix, "page", NULL);
	char *bbox = g_strconcat(prefix, "bbox", NULL);
	char *p = prop(n, page), *b = prop(n, bbox);

	g_ptr_array_add(w->path, (char *)name);
	g_ptr_array_add(w->path, NULL);
	g_ptr_array_add(w->ids, NULL);
	w->v.kind = g_strjoinv("/", (char **)w->path->pdata);
	w->v.id = g_strjoinv("/", (char **)w->ids->pdata);
	w->v.value = value;
	long pg = 0;
	if (p && emit_int(p, &pg) < 0)
		pg = 0;         /* our own attribute: never happens */
	w->v.page = (int)pg;
	w->v.bbox = b;
	w->fn(&w->v, w->user);
	g_free(w->v.kind);
	g_free(w->v.id);
	g_ptr_array_set_size(w->path, w->path->len - 2);
	g_ptr_array_set_size(w->ids, w->ids->len - 1);
	xmlFree(p);
	xmlFree(b);
	g_free(page);
	g_free(bbox);
}

/* The area number of a field whose path starts "area[N]", or NULL (caller
 * frees with xmlFree). */
static char *field_area(xmlNode *n)
{
	char *path = prop(n, "path"), *area = NULL;
	size_t len;

	if (path && g_str_has_prefix(path, "area[") &&
	    (len = strspn(path + 5, "0123456789")) > 0 && path[5 + len] == ']')
		area = (char *)xmlStrndup(BAD_CAST path + 5, (int)len);
	xmlFree(path);
	return area;
}

static void walk_element(struct walk *w, xmlNode *n)
{
	const char *name = (const char *)n->name;
	int nvalues = 0, computed = 0, pushed_id = 0;
	char *area = NULL;

	if (strcmp(name, "checks") == 0)
		return;
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		if (!is_key_of(n, name, an) || strcmp(an, "type") == 0)
			continue;
		char *v = prop(n, an);
		if (strcmp(name, "area") == 0 && !w->v.area) {
			area = v;
			continue;
		}
		char *id = g_strdup_printf("%s %s", name, v);
		g_ptr_array_add(w->ids, id);
		pushed_id++;
		xmlFree(v);
	}
	if (!area && !w->v.area && strcmp(name, "field") == 0)
		area = field_area(n);
	if (area) {
		w->v.area = area;
		w->v.theme = prop(n, "theme");
	}
	g_ptr_array_add(w->path, (char *)name);
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		if (!is_value_attr(n, name, an)) {
			computed += !is_key_of(n, name, an) &&
				    !g_str_has_suffix(an, "page") &&
				    !g_str_has_suffix(an, "bbox") &&
				    !g_str_has_suffix(an, "confidence");
			continue;
		}
		char *v = prop(n, an), *prefix = g_strconcat(an, "-", NULL);
		give(w, an, v, n, prefix);
		nvalues++;
		g_free(prefix);
		xmlFree(v);
	}
	g_ptr_array_set_size(w->path, w->path->len - 1);
	if (!has_element_child(n)) {
		char *text = own_text(n);
		if (text || (!nvalues && !computed))   /* an empty value */
			give(w, name, text ? text : "", n, "");
		g_free(text);
	} else {
		g_ptr_array_add(w->path, (char *)name);
		for (xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				walk_element(w, c);
		g_ptr_array_set_size(w->path, w->path->len - 1);
	}
	for (int i = 0; i < pushed_id; i++)
		g_free(g_ptr_array_steal_index(w->ids, w->ids->len - 1));
	if (area) {
		xmlFree(w->v.area);
		xmlFree(w->v.theme);
		w->v.area = w->v.theme = NULL;
	}
}

void emit_values_each(xmlDoc *doc, emit_value_fn fn, void *user)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	struct walk w = { .fn = fn, .user = user };

	if (!root)
		return;
	w.path = g_ptr_array_new();
	w.ids = g_ptr_array_new();
	for (xmlNode *c = root->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			walk_element(&w, c);
	g_ptr_array_free(w.path, TRUE);
	g_ptr_array_free(w.ids, TRUE);
}
