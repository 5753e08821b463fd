/* test_json.c - the JSON form (emit/json.c, docs/json.md) byte for byte as
 * json-glib's generator writes the same report, which the programs no
 * longer link: the reference builder here is the one emit used before.
 * Not what the JSON means (test_tabular.c, test_overview.c). */
#include "testutil.h"
#include "../emit/emit-int.h"       /* emit_int: white-box */

#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/records.h>

#include <criterion/criterion.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* ---- the reference: the tree through JsonBuilder and JsonGenerator ----
 * (which children are arrays and which attributes integers is json.c's
 * own decision, asked of it: what is compared is how the JSON is written) */

static void ref_attr(JsonBuilder *b, const char *elem, const char *name,
		     const char *v)
{
	long n;

	json_builder_set_member_name(b, name);
	if (emit_json_int_attr(elem, name) && emit_int(v, &n) == 0)
		json_builder_add_int_value(b, n);
	else
		json_builder_add_string_value(b, v);
}

static void ref_element(JsonBuilder *b, xmlNode *n, const char *source);

static void ref_children(JsonBuilder *b, xmlNode *first)
{
	const char *name = (const char *)first->name;
	int count = 0;

	for (xmlNode *c = first; c; c = c->next)
		count += c->type == XML_ELEMENT_NODE &&
			 strcmp((const char *)c->name, name) == 0;
	json_builder_set_member_name(b, name);
	if (count == 1 && !emit_json_repeats(name)) {
		ref_element(b, first, NULL);
		return;
	}
	json_builder_begin_array(b);
	for (xmlNode *c = first; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			ref_element(b, c, NULL);
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

static void ref_element(JsonBuilder *b, xmlNode *n, const char *source)
{
	const char *elem = (const char *)n->name;
	int has_elem = 0;

	json_builder_begin_object(b);
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlGetProp(n, a->name);
		ref_attr(b, elem, an, source && strcmp(an, "source") == 0
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
			ref_children(b, c);
	json_builder_end_object(b);
}

static char *ref_report(xmlDoc *doc, const char *source, int pretty)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *g = json_generator_new();
	JsonNode *root;
	char *text;

	ref_element(b, xmlDocGetRootElement(doc), source);
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

/* ---- the comparison ---- */

/* skr_json_report(DOC) is the reference's text, pretty and compact, with
 * and without a replaced source. */
static void expect_same(xmlDoc *doc, const char *what)
{
	for (int pretty = 0; pretty < 2; pretty++)
		for (int s = 0; s < 2; s++) {
			const char *src = s ? "archive/\"x\"\t.pdf" : NULL;
			char *want = ref_report(doc, src, pretty);
			char *got = skr_json_report(doc, src, pretty);
			cr_expect_str_eq(got, want, "%s (pretty %d, source %d)",
					 what, pretty, s);
			g_free(want);
			g_free(got);
		}
}

/* Every record stream of the corpus and of tests/data that emit takes. */
Test(json, same_bytes_as_json_glib)
{
	GPtrArray *files = tu_files("corpus", ".records");
	int compared = 0;

	tu_find_files(files, "tests/data", ".records", 1);
	skr_diag_set_quiet(1);
	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
	for (guint i = 0; i < files->len; i++) {
		const char *path = files->pdata[i];
		gsize len;
		char *buf = tu_slurp(path, &len);
		skr_records *r = NULL;
		xmlDoc *doc;

		if (buf && skr_records_read(&r, buf, len, path, 1000000) == 0 &&
		    (doc = skr_emit_doc(r, path))) {
			expect_same(doc, path);
			compared++;
			xmlFreeDoc(doc);
		}
		skr_records_free(r);
		g_free(buf);
	}
	cr_expect_geq(compared, 15, "only %d streams compared", compared);
	g_ptr_array_unref(files);
}

/* A tree emit does not make but the form must hold: every byte 0x01-0xFF
 * in names' values and text, integers that are and are not, an attribute
 * named as a child element and one named "text" (a repeated member keeps
 * its first place, takes its last value), empty elements, arrays. */
Test(json, same_bytes_on_hostile_tree)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "report", NULL);
	char all[256];

	for (int c = 1; c < 256; c++)
		all[c - 1] = (char)c;
	all[255] = '\0';
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, BAD_CAST "source", BAD_CAST "a.pdf");
	xmlSetProp(root, BAD_CAST "pages", BAD_CAST "12");
	xmlSetProp(root, BAD_CAST "year", BAD_CAST "20x1");
	xmlSetProp(root, BAD_CAST "area", BAD_CAST "shadowed");
	xmlNode *a1 = xmlNewChild(root, NULL, BAD_CAST "area", NULL);
	xmlSetProp(a1, BAD_CAST "number", BAD_CAST "-3");
	xmlNewChild(root, NULL, BAD_CAST "area", NULL);
	xmlNode *t = xmlNewChild(root, NULL, BAD_CAST "title", NULL);
	xmlNodeAddContent(t, BAD_CAST all);
	xmlSetProp(t, BAD_CAST "text", BAD_CAST "the attribute");
	xmlSetProp(t, BAD_CAST "note", BAD_CAST all);
	xmlNewChild(root, NULL, BAD_CAST "empty", NULL);
	xmlNode *deep = xmlNewChild(root, NULL, BAD_CAST "total", NULL);
	xmlNewChild(xmlNewChild(deep, NULL, BAD_CAST "row", NULL), NULL,
		    BAD_CAST "item", BAD_CAST "x");
	expect_same(doc, "hostile tree");
	xmlFreeDoc(doc);
}
