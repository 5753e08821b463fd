/* write.c - the text of a report tree (emit_doc): byte for byte what
 * libxml2's indented UTF-8 serialisation (xmlDocDumpFormatMemoryEnc) gives,
 * without its output buffers and encoder.  Not building the tree (xml.c)
 * nor any other document (index.xml is written by libxml2). */
#include "emit-int.h"

#include <string.h>

/* Appends the N bytes at P to OUT: g_string_append_len() without its
 * call when OUT has room (most of the time). */
static inline void put(GString *out, const char *p, size_t n)
{
	gsize at = out->len;

	if (at + n < out->allocated_len) {
		out->len = at + n;
		out->str[out->len] = '\0';
	} else {
		g_string_set_size(out, at + n);
	}
	memcpy(out->str + at, p, n);
}

static inline void puts_(GString *out, const char *s)
{
	put(out, s, strlen(s));
}

/* Appends S escaped as libxml2 escapes attribute values (ATTR) or text:
 * & < > always, \r as a character reference, and in attributes also '"',
 * \n and \t.  Other bytes, UTF-8 included, are copied as they are, a run
 * at a time (strcspn finds the next byte to replace). */
static void escaped(GString *out, const char *s, int attr)
{
	const char *stops = attr ? "&<>\r\"\n\t" : "&<>\r";

	for (;;) {
		size_t n = strcspn(s, stops);
		const char *rep;
		put(out, s, n);
		s += n;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '\r': rep = "&#13;"; break;
		case '"': rep = "&quot;"; break;
		case '\n': rep = "&#10;"; break;
		case '\t': rep = "&#9;"; break;
		default: return;        /* the end */
		}
		puts_(out, rep);
		s++;
	}
}

static void indent(GString *out, int level)
{
	static const char spaces[] = "                                        "
				     "                    ";  /* libxml2: at
							     most 60 */
	put(out, spaces, 2 * (size_t)MIN(level, 30));
}

/* Appends ` NAME="VALUE"` for each attribute of N; -1 for an attribute
 * holding anything but text. */
static int attributes(GString *out, const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->ns)
			return -1;
		put(out, " ", 1);
		puts_(out, (const char *)a->name);
		put(out, "=\"", 2);
		for (const xmlNode *t = a->children; t; t = t->next) {
			if (t->type != XML_TEXT_NODE)
				return -1;
			if (t->content)
				escaped(out, (const char *)t->content, 1);
		}
		put(out, "\"", 1);
	}
	return 0;
}

/* Whether N has a text child: its content is then written as it is, not
 * indented (libxml2's rule for mixed content). */
static int has_text(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE)
			return 1;
	return 0;
}

/* Appends element N at LEVEL (indented when FORMAT) and its content.
 * Returns 0, or -1 for a node other than an element or text (a tree
 * emit_doc does not make). */
static int element(GString *out, const xmlNode *n, int level, int format)
{
	if (n->ns || n->nsDef)
		return -1;
	if (format && level)
		indent(out, level);
	put(out, "<", 1);
	puts_(out, (const char *)n->name);
	if (attributes(out, n))
		return -1;
	if (!n->children) {
		put(out, "/>", 2);
		return 0;
	}
	int inner = format && !has_text(n);
	put(out, ">", 1);
	if (inner)
		put(out, "\n", 1);
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (element(out, c, level + 1, inner))
				return -1;
		} else if (c->type == XML_TEXT_NODE) {
			if (c->content)
				escaped(out, (const char *)c->content, 0);
		} else {
			return -1;
		}
		if (inner)
			put(out, "\n", 1);
	}
	if (inner)
		indent(out, level);
	put(out, "</", 2);
	puts_(out, (const char *)n->name);
	put(out, ">", 1);
	return 0;
}

int emit_write_doc(xmlDoc *doc, GString *out)
{
	const xmlNode *root = xmlDocGetRootElement(doc);

	if (!root || root->prev || root->next)
		return -1;
	g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (element(out, root, 0, 1))
		return -1;
	put(out, "\n", 1);
	return 0;
}
