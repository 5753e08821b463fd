/* json.c - the JSON form of an XML report (docs/json.md): the same tree,
 * element by element, in json-glib's form (without linking it: a program
 * that loads it pays about a million instructions more at start-up); one
 * document or one line per report (JSON Lines).  Not the XML itself
 * (xml.c) nor the archive (archive.c). */
#include <skrapa/emit.h>
#include <skrapa/vocab.h>
#include <skrapa/exitcode.h>
#include "emit-int.h"

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

int emit_json_repeats(const char *name)
{
	return in(repeated, name);
}

int emit_json_int_attr(const char *elem, const char *attr)
{
	if (in(int_attrs, attr) || g_str_has_suffix(attr, "-page"))
		return 1;
	return strcmp(attr, "number") == 0 && (strcmp(elem, "area") == 0 ||
	       strcmp(elem, "footnote") == 0 || strcmp(elem, "paragraph") == 0);
}

/* JSON text as json-glib 1.6's generator writes it (the form of
 * docs/json.md since it was made with json-glib, kept byte for byte
 * without linking it: test json/same_bytes_as_json_glib): a string's " and
 * \ escaped, the controls 0x01-0x1E as \b \t \n \f \r or \u00xx, DEL as
 * \u007f, every other byte as it is; pretty: members and elements on
 * lines of their own indented by two spaces a level, " : " between a name
 * and its value, "{" and "}" of an object without members parted by its
 * indentation; compact: nothing between the tokens. */
struct jw {
	int pretty;
};

static void json_string(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\\' || c == '"') {
			g_string_append_c(out, '\\');
			g_string_append_c(out, c);
		} else if ((c > 0 && c < 0x1f) || c == 0x7f) {
			switch (c) {
			case '\b': g_string_append(out, "\\b"); break;
			case '\f': g_string_append(out, "\\f"); break;
			case '\n': g_string_append(out, "\\n"); break;
			case '\r': g_string_append(out, "\\r"); break;
			case '\t': g_string_append(out, "\\t"); break;
			default:
				g_string_append_printf(out, "\\u00%02x", (guint)c);
			}
		} else {
			g_string_append_c(out, c);
		}
	}
	g_string_append_c(out, '"');
}

static void json_indent(const struct jw *w, GString *out, int level)
{
	if (w->pretty)
		for (int i = 0; i < 2 * level; i++)
			g_string_append_c(out, ' ');
}

/* A member of an object being written: its name and its value's text. */
typedef struct {
	const char *name;
	GString *value;
} member_t;

static void member_free(gpointer p)
{
	member_t *m = p;

	g_string_free(m->value, TRUE);
	g_free(m);
}

/* A new member NAME of MEMBERS (its value to fill), or the one already
 * named so, emptied: a repeated name keeps its first place and takes the
 * last value, as a JSON object built with json-glib does. */
static GString *member(GPtrArray *members, const char *name)
{
	member_t *m;

	for (guint i = 0; i < members->len; i++) {
		m = members->pdata[i];
		if (strcmp(m->name, name) == 0) {
			g_string_truncate(m->value, 0);
			return m->value;
		}
	}
	m = g_new(member_t, 1);
	m->name = name;
	m->value = g_string_new(NULL);
	g_ptr_array_add(members, m);
	return m->value;
}

/* Appends the object of MEMBERS at LEVEL to OUT. */
static void write_object(const struct jw *w, GString *out, GPtrArray *members,
			 int level)
{
	g_string_append_c(out, '{');
	for (guint i = 0; i < members->len; i++) {
		const member_t *m = members->pdata[i];
		if (i == 0 && w->pretty)
			g_string_append_c(out, '\n');
		json_indent(w, out, level + 1);
		json_string(out, m->name);
		g_string_append(out, w->pretty ? " : " : ":");
		g_string_append_len(out, m->value->str, m->value->len);
		if (i + 1 < members->len)
			g_string_append_c(out, ',');
		if (w->pretty)
			g_string_append_c(out, '\n');
	}
	json_indent(w, out, level);
	g_string_append_c(out, '}');
}

static void add_attr(GPtrArray *members, const char *elem, const char *name,
		     const char *v)
{
	GString *out = member(members, name);
	long n;

	if (emit_json_int_attr(elem, name) && emit_int(v, &n) == 0)
		g_string_append_printf(out, "%ld", n);
	else
		json_string(out, v);
}

static void add_element(const struct jw *w, GString *out, xmlNode *n,
			const char *source, int level);

/* The elements named as FIRST, from FIRST on, as one member's value at
 * LEVEL: one object, or an array of them. */
static void add_children(const struct jw *w, GPtrArray *members,
			 xmlNode *first, int level)
{
	const char *name = (const char *)first->name;
	GString *out = member(members, name);
	int count = 0, i = 0;

	for (xmlNode *c = first; c; c = c->next)
		count += c->type == XML_ELEMENT_NODE &&
			 strcmp((const char *)c->name, name) == 0;
	if (count == 1 && !emit_json_repeats(name)) {
		add_element(w, out, first, NULL, level);
		return;
	}
	g_string_append_c(out, '[');
	for (xmlNode *c = first; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, name) != 0)
			continue;
		if (i == 0 && w->pretty)
			g_string_append_c(out, '\n');
		json_indent(w, out, level + 1);
		add_element(w, out, c, NULL, level + 1);
		if (++i < count)
			g_string_append_c(out, ',');
		if (w->pretty)
			g_string_append_c(out, '\n');
	}
	json_indent(w, out, level);
	g_string_append_c(out, ']');
}

static int seen_before(xmlNode *n)
{
	for (xmlNode *c = n->prev; c; c = c->prev)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, (const char *)n->name) == 0)
			return 1;
	return 0;
}

/* Appends N at LEVEL to OUT as an object: attributes, "text" (an element
 * without children elements that has text), then each child name once, in
 * document order.  SOURCE, when not NULL, replaces the source attribute. */
static void add_element(const struct jw *w, GString *out, xmlNode *n,
			const char *source, int level)
{
	const char *elem = (const char *)n->name;
	GPtrArray *members = g_ptr_array_new_with_free_func(member_free);
	int has_elem = 0;

	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlGetProp(n, a->name);
		add_attr(members, elem, an, source && strcmp(an, "source") == 0
			 ? source : (const char *)v);
		xmlFree(v);
	}
	for (xmlNode *c = n->children; c; c = c->next)
		has_elem |= c->type == XML_ELEMENT_NODE;
	if (!has_elem && n->children) {
		xmlChar *t = xmlNodeGetContent(n);
		json_string(member(members, "text"), (const char *)t);
		xmlFree(t);
	}
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !seen_before(c))
			add_children(w, members, c, level + 1);
	write_object(w, out, members, level);
	g_ptr_array_unref(members);
}

char *skr_json_report(xmlDoc *doc, const char *source, int pretty)
{
	struct jw w = { pretty };
	GString *out = g_string_new(NULL);

	add_element(&w, out, xmlDocGetRootElement(doc), source, 0);
	return g_string_free(out, FALSE);
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
