/* schema_family.c - the report schema specialised to one family: the core
 * grammar (emit/skrapa.rng) with the defines of the family's fragment
 * (parse/rules/NAME.rng, named by its vocabulary), and the report's choice
 * of families (<ref name="family"/>) cut to that family's define, whose own
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

/* The first element below N (depth first) that is a TAG named NAME. */
static xmlNode *find(xmlNode *n, const char *tag, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (named(c, tag, name))
			return c;
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

/* Copies the defines of the fragment grammar FRAG into the grammar ROOT of
 * DOC (as a RELAX NG include would), each keeping the fragment's
 * datatypeLibrary.  Returns FALSE when FRAG is not a grammar. */
static gboolean merge(xmlDoc *doc, xmlNode *root, xmlDoc *frag)
{
	xmlNode *froot = frag ? xmlDocGetRootElement(frag) : NULL;
	xmlChar *lib;

	if (!is(froot, "grammar"))
		return FALSE;
	lib = xmlGetProp(froot, BAD_CAST "datatypeLibrary");
	for (xmlNode *c = froot->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlNode *copy = xmlDocCopyNode(c, doc, 1);
		if (lib && !xmlHasProp(copy, BAD_CAST "datatypeLibrary"))
			xmlSetProp(copy, BAD_CAST "datatypeLibrary", lib);
		xmlAddChild(root, copy);
	}
	xmlFree(lib);
	return TRUE;
}

/* Replaces REF (<ref name="family"/>) by a ref to DEF (named FAMILY),
 * with DEF's own attribute patterns moved before it. */
static void cut(xmlDoc *doc, xmlNode *ref, xmlNode *def, const char *family)
{
	xmlNode *to = xmlNewDocNode(doc, ref->ns, BAD_CAST "ref", NULL), *next;

	xmlSetProp(to, BAD_CAST "name", BAD_CAST family);
	xmlReplaceNode(ref, to);
	xmlFreeNode(ref);
	for (xmlNode *c = def->children; c; c = next) {
		next = c->next;
		if (!attribute_pattern(c))
			continue;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(to, c);
	}
}

xmlDoc *emit_schema_family(const char *core, const char *fragment,
			   const char *family, char **err)
{
	const int opts = XML_PARSE_NONET | XML_PARSE_NOBLANKS;
	xmlDoc *doc = xmlReadFile(core, NULL, opts), *frag = NULL;
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNode *start = NULL, *def = NULL, *ref;

	*err = NULL;
	for (xmlNode *c = is(root, "grammar") ? root->children : NULL; c;
	     c = c->next)
		if (is(c, "start"))
			start = c;
	if (!(ref = find(start, "ref", "family")))
		goto none;              /* not a core grammar: used as it is */
	if (fragment && !merge(doc, root, frag = xmlReadFile(fragment, NULL,
							     opts))) {
		*err = g_strdup_printf("cannot read the schema fragment '%s': "
				       "not a RELAX NG grammar", fragment);
		goto none;
	}
	for (xmlNode *c = root->children; c; c = c->next)
		if (named(c, "define", family))
			def = c;
	if (!def) {
		*err = g_strdup_printf("the schema '%s'%s%s defines no family "
				       "'%s'", core, fragment ? " with " : "",
				       fragment ? fragment : "", family);
		goto none;
	}
	cut(doc, ref, def, family);
	xmlFreeDoc(frag);
	return doc;
none:
	xmlFreeDoc(frag);
	xmlFreeDoc(doc);
	return NULL;
}
