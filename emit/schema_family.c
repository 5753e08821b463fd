/* schema_family.c - the report schema specialised to one family: the
 * report's choice of families cut to that family's define, whose own
 * attributes (family, revision) move up to the report element.  For a
 * document of that family the rules are the same, but libxml2 can then
 * compile the report's content into a deterministic automaton and
 * validates in linear time; over the choice it backtracks across every
 * sibling (quadratic: 40 000 fields took 6 s).  Not loading or applying
 * schemas (schema.c). */
#include "emit-int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

static gboolean is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static gboolean named(const xmlNode *n, const char *tag, const char *name)
{
	xmlChar *v;
	gboolean same;

	if (!is(n, tag))
		return FALSE;
	v = xmlGetProp((xmlNode *)n, BAD_CAST "name");
	same = v && strcmp((const char *)v, name) == 0;
	xmlFree(v);
	return same;
}

/* The first element below N (depth first) that is a TAG named NAME, or a
 * <choice> holding such a <ref> when TAG is "choice-of". */
static xmlNode *find(xmlNode *n, const char *tag, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (strcmp(tag, "choice-of") == 0 && is(c, "choice")) {
			for (xmlNode *r = c->children; r; r = r->next)
				if (named(r, "ref", name))
					return c;
		} else if (named(c, tag, name)) {
			return c;
		}
		xmlNode *f = find(c, tag, name);
		if (f)
			return f;
	}
	return NULL;
}

/* An attribute pattern: <attribute>, or <optional> of attributes only. */
static gboolean attribute_pattern(const xmlNode *n)
{
	if (is(n, "attribute"))
		return TRUE;
	if (!is(n, "optional"))
		return FALSE;
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !is(c, "attribute"))
			return FALSE;
	return TRUE;
}

xmlDoc *emit_schema_family(const char *path, const char *family)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET |
				  XML_PARSE_NOBLANKS);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNode *start = NULL, *def = NULL, *choice, *ref, *next;

	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (is(c, "start"))
			start = c;
		if (named(c, "define", family))
			def = c;
	}
	choice = find(start, "choice-of", family);
	if (!def || !choice) {
		xmlFreeDoc(doc);
		return NULL;
	}
	ref = xmlNewDocNode(doc, choice->ns, BAD_CAST "ref", NULL);
	xmlSetProp(ref, BAD_CAST "name", BAD_CAST family);
	xmlReplaceNode(choice, ref);
	xmlFreeNode(choice);
	for (xmlNode *c = def->children; c; c = next) {
		next = c->next;
		if (!attribute_pattern(c))
			continue;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(ref, c);
	}
	return doc;
}
