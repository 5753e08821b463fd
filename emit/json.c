/* json.c - the JSON form of an XML report (docs/json.md): the same tree,
 * element by element, with json-glib; one document or one line per report
 * (JSON Lines).  Not the XML itself (xml.c) nor the archive (archive.c). */
#include <skrapa/emit.h>
#include <skrapa/vocab.h>
#include <skrapa/exitcode.h>
#include "emit-int.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

/* Children that may repeat: always an array, even of one. */
static const char *const repeated[] = {
	"area", "item", "row", "topic", "section", "footnote", "heading",
	"part", "field", "check", "report", "failed", "paragraph",
	"diary-number", NULL
};

/* Attributes that are integers (with their "-page" provenance). */
static const char *const int_attrs[] = {
	"score", "achieved", "max", "percent", "stated", "sum", "year",
	"month", "pages", "page", "schema-version", "level", "yes", "no",
	"abstain", "warnings", "reports", "converted", "failed", NULL
};

static int in(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int is_int_attr(const char *elem, const char *attr)
{
	if (in(int_attrs, attr) || g_str_has_suffix(attr, "-page"))
		return 1;
	return strcmp(attr, "number") == 0 && (strcmp(elem, "area") == 0 ||
	       strcmp(elem, "footnote") == 0 || strcmp(elem, "paragraph") == 0);
}

static void add_attr(JsonBuilder *b, const char *elem, const char *name,
		     const char *v)
{
	long n;

	json_builder_set_member_name(b, name);
	if (is_int_attr(elem, name) && emit_int(v, &n) == 0) {
		json_builder_add_int_value(b, n);
	} else {
		json_builder_add_string_value(b, v);
	}
}

static void add_element(JsonBuilder *b, xmlNode *n, const char *source);

/* The elements named as FIRST, from FIRST on, as one member. */
static void add_children(JsonBuilder *b, xmlNode *first)
{
	const char *name = (const char *)first->name;
	int count = 0;

	for (xmlNode *c = first; c; c = c->next)
		count += c->type == XML_ELEMENT_NODE &&
			 strcmp((const char *)c->name, name) == 0;
	json_builder_set_member_name(b, name);
	if (count == 1 && !in(repeated, name)) {
		add_element(b, first, NULL);
		return;
	}
	json_builder_begin_array(b);
	for (xmlNode *c = first; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			add_element(b, c, NULL);
	json_builder_end_array(b);
}

static int seen_before(xmlNode *n)
{
	for (xmlNode *c = n->prev; c; c = c->prev)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, (const char *)n->name) == 0)
			return 1;
	return 0;
}

/* N as an object: attributes, "text" (an element without children
 * elements that has text), then each child name once, in document order.
 * SOURCE, when not NULL, replaces the source attribute. */
static void add_element(JsonBuilder *b, xmlNode *n, const char *source)
{
	const char *elem = (const char *)n->name;
	int has_elem = 0;

	json_builder_begin_object(b);
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlGetProp(n, a->name);
		add_attr(b, elem, an, source && strcmp(an, "source") == 0
			 ? source : (const char *)v);
		xmlFree(v);
	}
	for (xmlNode *c = n->children; c; c = c->next)
		has_elem |= c->type == XML_ELEMENT_NODE;
	if (!has_elem && n->children) {
		xmlChar *t = xmlNodeGetContent(n);
		json_builder_set_member_name(b, "text");
		json_builder_add_string_value(b, (const char *)t);
		xmlFree(t);
	}
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !seen_before(c))
			add_children(b, c);
	json_builder_end_object(b);
}

char *skr_json_report(xmlDoc *doc, const char *source, int pretty)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *g = json_generator_new();
	JsonNode *root;
	char *text;

	add_element(b, xmlDocGetRootElement(doc), source);
	root = json_builder_get_root(b);
	json_generator_set_root(g, root);
	json_generator_set_pretty(g, pretty);
	json_generator_set_indent(g, 2);
	text = json_generator_to_data(g, NULL);
	json_node_unref(root);
	g_object_unref(g);
	g_object_unref(b);
	return text;
}

int skr_emit_json(const skr_records *r, FILE *f, const char *name)
{
	xmlDoc *doc = skr_emit_doc(r, name);
	char *text = NULL;
	int rc;

	if (!doc)
		return skr_vocab_load();
	if (skr_emit_validating() && (rc = skr_emit_validate(doc, name)))
		goto out;
	text = skr_json_report(doc, NULL, 1);
	fputs(text, f);
	fputc('\n', f);
	rc = ferror(f) ? SKR_EX_IO : 0;
out:
	g_free(text);
	xmlFreeDoc(doc);
	return rc;
}
