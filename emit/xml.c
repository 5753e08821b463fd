/* xml.c - builds the XML report of a record stream (docs/xml.md) with the
 * libxml2 tree API, as the family's vocabulary says, and writes it; the
 * vocabularies are data (vocab.c loads them).
 * Not validation (schema.c) nor the checks' logic (checks.c). */
#include <skrapa/emit.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/textio.h>
#include <skrapa/vocab.h>
#include "emit-int.h"

#include <math.h>
#include <string.h>

struct build {
	xmlNode *root;
	const emit_vocab *v;    /* the report family's vocabulary */
	const char *name;
	int warn;               /* warnings on (skr_emit_doc) or off */
	GHashTable *found;      /* found_t (parent, name, key) -> first such
				   child */
	GHashTable *last;       /* parent -> xmlNode*[NRANKS]: the last child
				   of each rank, so inserting is O(1) */
	GString *scratch;       /* provenance values */
	const xmlChar *page, *bbox, *conf;      /* the provenance attribute
						   names, in the dictionary */
};

#define NRANKS (EMIT_RANKS + 1)

/* A key of the found table: a child NAME of PARENT whose key attribute is
 * KEY ("" for none or any).  Looked up with one on the stack; stored ones
 * hold copies of NAME and KEY in the same block (found_new). */
typedef struct {
	const xmlNode *parent;
	const char *name, *key;
} found_t;

/* g_str_hash()'s function (djb2) of S, continued from H. */
static inline guint str_hash(guint h, const char *s)
{
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static guint found_hash(gconstpointer p)
{
	const found_t *f = p;

	return str_hash(str_hash(GPOINTER_TO_UINT(f->parent) * 31 + 5381,
				 f->name) * 31, f->key);
}

static gboolean found_equal(gconstpointer a, gconstpointer b)
{
	const found_t *x = a, *y = b;

	return x->parent == y->parent && strcmp(x->name, y->name) == 0 &&
	       strcmp(x->key, y->key) == 0;
}

/* A stored copy of F, freed with g_free. */
static found_t *found_new(const found_t *f)
{
	size_t nl = strlen(f->name) + 1, kl = strlen(f->key) + 1;
	found_t *c = g_malloc(sizeof *c + nl + kl);
	char *s = (char *)(c + 1);

	c->parent = f->parent;
	c->name = memcpy(s, f->name, nl);
	c->key = memcpy(s + nl, f->key, kl);
	return c;
}

/* Records N as the child NAME of PARENT with KEY unless one is already. */
static void found_add(struct build *b, const xmlNode *parent,
		      const char *name, const char *key, xmlNode *n)
{
	found_t f = { parent, name, key ? key : "" };

	if (!g_hash_table_contains(b->found, &f))
		g_hash_table_insert(b->found, found_new(&f), n);
}

/* Sets attribute DNAME (a name of N's document dictionary) of N to
 * VALUE, as xmlSetProp() does, but a new attribute is built without its
 * look-ups (qualified-name split, name interning, search by string, ID
 * check: the report has no DTD) and its value copied by length. */
static void put_prop(xmlNode *n, const xmlChar *dname, const char *value)
{
	xmlAttr *a;
	xmlNode *t;

	for (a = n->properties; a; a = a->next)
		if (a->name == dname) {         /* names are interned */
			xmlSetProp(n, dname, BAD_CAST value);
			return;
		}
	a = xmlNewNsPropEatName(n, NULL, (xmlChar *)dname, NULL);
	t = xmlNewDocTextLen(n->doc, BAD_CAST value, strlen(value));
	g_assert(a && t);
	a->children = a->last = t;
	t->parent = (xmlNode *)a;
}

/* put_prop() with NAME interned first. */
static void prop(xmlNode *n, const char *name, const char *value)
{
	put_prop(n, xmlDictLookup(n->doc->dict, BAD_CAST name, -1), value);
}

/* A new child NAME of PARENT, placed after the siblings of lower or equal
 * rank so that element order is that of emit_rank().  KEY (may be NULL)
 * is the value of its ATTR, set here; the child is what find_child()
 * returns for NAME and KEY from now on unless an earlier one is. */
static xmlNode *new_child(struct build *b, xmlNode *parent, const char *name,
			  const char *attr, const char *key)
{
	xmlNode *n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);
	xmlNode **last = g_hash_table_lookup(b->last, parent);
	int rank = emit_rank(b->v, name), r;

	rank = r = MIN(rank, NRANKS - 1);       /* MIN() evaluates twice */
	if (!last) {
		last = g_new0(xmlNode *, NRANKS);
		g_hash_table_insert(b->last, parent, last);
	}
	while (r >= 0 && !last[r])
		r--;
	if (r >= 0)
		xmlAddNextSibling(last[r], n);
	else if (parent->children)
		xmlAddPrevSibling(parent->children, n);
	else
		xmlAddChild(parent, n);
	last[rank] = n;
	if (key)
		prop(n, attr, key);
	found_add(b, parent, name, key, n);
	if (key)
		found_add(b, parent, name, NULL, n);
	return n;
}

/* The first child NAME of PARENT (whose ATTR is KEY when KEY is given). */
static xmlNode *find_child(struct build *b, xmlNode *parent, const char *name,
			   const char *key)
{
	found_t f = { parent, name, key ? key : "" };

	return g_hash_table_lookup(b->found, &f);
}

static void set_attr(xmlNode *n, const char *attr, const char *value)
{
	char *tmp;

	prop(n, attr, emit_xml_fit(value, &tmp));
	g_free(tmp);
}

/* V in decimal, written into BUF (at least 24 bytes); returns BUF. */
static const char *int_text(char *buf, long v)
{
	char tmp[24];
	unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
	int i = sizeof tmp, k = 0;

	do {
		tmp[--i] = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		buf[k++] = '-';
	memcpy(buf + k, tmp + i, sizeof tmp - i);
	buf[k + sizeof tmp - i] = 0;
	return buf;
}

/* Sets attribute PREFIX-NAME of N to VALUE; DNAME (NAME in the
 * dictionary) when PREFIX is "". */
static void set_prefixed(xmlNode *n, const char *prefix, const xmlChar *dname,
			 const char *value)
{
	char attr[EMIT_STEP_MAX + 16];
	const char *name = (const char *)dname;
	size_t pl = strlen(prefix), nl = strlen(name);

	if (!pl) {
		put_prop(n, dname, value);
		return;
	}
	g_assert(pl + nl + 2 <= sizeof attr);   /* a step name, "confidence" */
	memcpy(attr, prefix, pl);
	attr[pl] = '-';
	memcpy(attr + pl + 1, name, nl + 1);
	prop(n, attr, value);
}

/* Sets PREFIX-page and PREFIX-bbox (and PREFIX-confidence for a value
 * read by OCR; "page"... when PREFIX is "") of N from REC when it has a
 * page and a bounding box the schema's fixed-point form can hold (|v| <
 * 1e15; an absurd one is left out, with the page, with a warning). */
static void set_prov(struct build *b, xmlNode *n, const char *prefix,
		     const skr_record *rec)
{
	GString *s = b->scratch;
	char num[24];

	if (rec->page <= 0)
		return;
	if (!(fabs(rec->x0) < 1e15 && fabs(rec->y0) < 1e15 &&
	      fabs(rec->x1) < 1e15 && fabs(rec->y1) < 1e15)) {
		skr_warning("'%s': bounding box out of range: provenance left "
			    "out", rec->path);
		return;
	}
	set_prefixed(n, prefix, b->page, int_text(num, rec->page));
	g_string_truncate(s, 0);
	skr_append_box(s, rec->x0, rec->y0, rec->x1, rec->y1, ' ');
	set_prefixed(n, prefix, b->bbox, s->str);
	if (rec->conf >= 0)
		set_prefixed(n, prefix, b->conf, int_text(num, rec->conf));
}

static void set_text(xmlNode *n, const char *value)
{
	char *tmp;

	xmlNodeAddContent(n, BAD_CAST emit_xml_fit(value, &tmp));
	g_free(tmp);
}

/* Walks one step from *NODE (finding or creating the element); K is the
 * index of the next path key.  Returns 1 when a final element already
 * existed, else 0. */
static int walk(struct build *b, xmlNode **node, const emit_step *st,
		const emit_path *p, int *k, int last)
{
	const char *key = NULL;
	xmlNode *n = NULL;
	char num[32];
	long v;

	if (st->attr[0])
		key = p->keys[(*k)++];      /* checked by apply() */
	if (key && st->int_key && emit_int(key, &v) == 0) {
		key = int_text(num, v);                 /* "03" -> "3" */
	}
	if (!st->plus)
		n = find_child(b, *node, st->name, key);
	if (n && last)
		return 1;
	if (!n) {
		char *tmp = NULL;
		n = new_child(b, *node, st->name, st->attr,
			      key ? emit_xml_fit(key, &tmp) : NULL);
		g_free(tmp);
	}
	*node = n;
	return 0;
}

/* Puts REC where M's spec says; AT[0] is the element reached, AT[1] the one
 * that took the first key.  Returns 0, 1 when the target already holds a
 * value, -1 when a key does not fit. */
static int apply(struct build *b, const emit_map *m, const emit_path *p,
		 const skr_record *rec, xmlNode *at[2])
{
	xmlNode *node = b->root;
	int k = 0, rc = 0, n = m->nsteps;
	long v;

	for (int i = 0; i < n && !rc; i++) {         /* keys first */
		const emit_step *st = &m->steps[i];
		if (st->attr[0] && (k >= p->nkeys || (st->int_key &&
		    (emit_int(p->keys[k], &v) || v < 0))))
			rc = -1;
		k += st->attr[0] != 0;
	}
	k = 0;
	for (int i = 0; i < n && !rc; i++) {
		const emit_step *st = &m->steps[i];
		if (st->is_attr) {
			if (xmlHasProp(node, BAD_CAST st->name)) {
				rc = 1;
				break;
			}
			set_attr(node, st->name, rec->value);
			set_prov(b, node, st->name, rec);
		} else if (!(rc = walk(b, &node, st, p, &k, i + 1 == n)) &&
			   i + 1 == n) {
			set_text(node, rec->value);
			set_prov(b, node, "", rec);
		}
		if (st->attr[0] && !at[1])
			at[1] = node;
	}
	at[0] = node;
	return rc;
}

/* Sets the attributes map entry M derives (emit_derived()) on the element
 * reached, AT[0], or for a section on the keyed one, AT[1]. */
static void add_derived(xmlNode *at[2], const emit_map *m,
			const emit_path *p, const char *value)
{
	xmlNode *n = m->derive == EMIT_DERIVE_SECTION ? at[1] : at[0];
	const char *names[2];
	char *values[2];
	int k = n ? emit_derived(m, p, value, names, values) : 0;

	for (int i = 0; i < k; i++) {
		set_attr(n, names[i], values[i]);
		g_free(values[i]);
	}
}

static const char *type_name(enum skr_rec_type t)
{
	return t == SKR_REC_INT ? "int" : t == SKR_REC_ITEM ? "item" : "text";
}

static void add_field(struct build *b, const skr_record *rec)
{
	xmlNode *n = new_child(b, b->root, "field", NULL, NULL);

	set_attr(n, "path", rec->path);
	prop(n, "type", type_name(rec->type));
	set_text(n, rec->value);
	set_prov(b, n, "", rec);
}

static void add_record(struct build *b, const skr_record *rec)
{
	emit_path p;
	const emit_map *m = NULL;
	xmlNode *at[2] = { NULL, NULL };
	long v;
	int rc = 1;

	if (emit_path_parse(rec->path, &p) == 0)
		m = emit_map_find(b->v, p.canon);
	if (!m) {
		add_field(b, rec);
	} else if (m->is_int && emit_int(rec->value, &v)) {
		if (b->warn)
			skr_warning("'%s': '%s': '%s' is not an integer: kept "
				    "as a field", b->name, rec->path, rec->value);
		add_field(b, rec);
	} else if ((rc = apply(b, m, &p, rec, at)) == 0) {
		add_derived(at, m, &p, rec->value);
	} else {
		if (b->warn && rc < 0)
			skr_warning("'%s': '%s': bad key: kept as a field",
				    b->name, rec->path);
		else if (b->warn && !(b->v->checks == EMIT_CHECKS_KK && /* its
				      check duplicate-area says so */
				      strcmp(p.canon, "area[]/score") == 0))
			skr_warning("'%s': '%s' repeated: kept as a field",
				    b->name, rec->path);
		add_field(b, rec);
	}
	emit_path_clear(&p);
}

/* True when the meta value V of KEY has the form the schema gives the root
 * attribute: "sha256" 64 lower-case hex digits, "pages" a positive
 * integer, "revision" four digits; any text for the others. */
static gboolean meta_fits(const char *key, const char *v)
{
	size_t n = strlen(v), i = 0;
	long pages;

	if (strcmp(key, "sha256") == 0) {
		while (i < n && g_ascii_isxdigit(v[i]) && !g_ascii_isupper(v[i]))
			i++;
		return n == 64 && i == n;
	}
	if (strcmp(key, "revision") == 0) {
		while (i < n && g_ascii_isdigit(v[i]))
			i++;
		return n == 4 && i == n;
	}
	if (strcmp(key, "pages") == 0)
		return emit_int(v, &pages) == 0 && pages > 0;
	return TRUE;
}

/* Sets the root attribute KEY from meta V when it fits the schema;
 * warns and leaves it out otherwise. */
static void set_meta_attr(struct build *b, const char *key, const char *v)
{
	if (meta_fits(key, v))
		set_attr(b->root, key, v);
	else
		skr_warning("'%s': meta '%s' '%s' does not fit the schema: left "
			    "out", b->name, key, v);
}

static void set_root_attrs(struct build *b, const skr_records *r)
{
	static const char *const metas[] = { "source", "sha256", "pages" };
	const char *v;

	prop(b->root, "schema-version", "1");
	prop(b->root, "family", b->v->family);
	for (guint i = 0; i < b->v->metas->len; i++)
		if ((v = skr_records_meta(r, b->v->metas->pdata[i])))
			set_meta_attr(b, b->v->metas->pdata[i], v);
	for (size_t i = 0; i < G_N_ELEMENTS(metas); i++)
		if ((v = skr_records_meta(r, metas[i])))
			set_meta_attr(b, metas[i], v);
	if (!skr_records_meta(r, "source") && b->name &&
	    strcmp(b->name, "-") != 0) {
		char *base = g_path_get_basename(b->name);
		set_attr(b->root, "source", base);
		g_free(base);
	}
	prop(b->root, "skrapa-version", SKRAPA_VERSION);
	v = skr_records_meta(r, "text-source");
	prop(b->root, "text-source", v && (!strcmp(v, "ocr") ||
	     !strcmp(v, "mixed")) ? v : "text-layer");
}

/* total/@sum: the sum of the areas' scores in KK. */
static void add_total_sum(struct build *b, const emit_kk *kk)
{
	xmlNode *total = find_child(b, b->root, "total", NULL);
	long sum = 0;
	char buf[32];

	for (guint i = 0; i < kk->areas->len; i++) {
		emit_area *a = kk->areas->pdata[i];
		if (a->scores->len)
			sum += g_array_index(a->scores, long, 0);
	}
	if (!total)
		total = new_child(b, b->root, "total", NULL, NULL);
	g_snprintf(buf, sizeof buf, "%ld", sum);
	prop(total, "sum", buf);
}

/* The checks of R (those of KK's model when KK is not NULL). */
static void add_checks(struct build *b, const skr_records *r,
		       const emit_kk *kk)
{
	GPtrArray *checks = emit_checks(r, b->name, b->warn, kk);
	xmlNode *parent = new_child(b, b->root, "checks", NULL, NULL);
	char buf[32];

	for (guint i = 0; i < checks->len; i++) {
		const skr_check *c = checks->pdata[i];
		xmlNode *n = xmlNewChild(parent, NULL, BAD_CAST "check", NULL);
		prop(n, "name", c->name);
		prop(n, "status", skr_check_status_name(c->status));
		if (c->area > 0) {
			g_snprintf(buf, sizeof buf, "%d", c->area);
			prop(n, "area", buf);
		}
		const char *opt[][2] = { { "row", c->row }, { "field", c->field },
			{ "expected", c->expected }, { "found", c->found },
			{ "missing", c->missing } };
		for (size_t j = 0; j < G_N_ELEMENTS(opt); j++)
			if (opt[j][1])
				set_attr(n, opt[j][0], opt[j][1]);
	}
	g_ptr_array_unref(checks);
}

xmlDoc *emit_doc(const skr_records *r, const char *name, int warn)
{
	struct build b = { .v = emit_vocab_of(r), .name = name ? name : "-",
			   .warn = warn };
	emit_kk *kk = NULL;
	xmlDoc *doc;

	if (!b.v)
		return NULL;
	doc = xmlNewDoc(BAD_CAST "1.0");
	doc->dict = xmlDictCreate();    /* element and attribute names
					   interned, not copied */
	b.found = g_hash_table_new_full(found_hash, found_equal, g_free, NULL);
	b.last = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
				       g_free);
	b.scratch = g_string_sized_new(64);
	b.page = xmlDictLookup(doc->dict, BAD_CAST "page", -1);
	b.bbox = xmlDictLookup(doc->dict, BAD_CAST "bbox", -1);
	b.conf = xmlDictLookup(doc->dict, BAD_CAST "confidence", -1);
	b.root = xmlNewDocNode(doc, NULL, BAD_CAST "report", NULL);
	xmlDocSetRootElement(doc, b.root);
	set_root_attrs(&b, r);
	for (guint i = 0; i < r->recs->len; i++)
		add_record(&b, r->recs->pdata[i]);
	if (b.v->checks == EMIT_CHECKS_KK) {
		kk = emit_kk_new(r);    /* one model: the sum and the checks */
		add_total_sum(&b, kk);
		emit_add_themes(b.root, skr_records_meta(r, "revision"));
	}
	emit_add_municipality_code(b.root, warn ? b.name : NULL);
	add_checks(&b, r, kk);
	emit_kk_free(kk);
	g_hash_table_destroy(b.found);
	g_hash_table_destroy(b.last);
	g_string_free(b.scratch, TRUE);
	return doc;
}

xmlDoc *skr_emit_doc(const skr_records *r, const char *name)
{
	return emit_doc(r, name, 1);
}

int skr_emit_xml_string(const skr_records *r, GString *out, const char *name)
{
	xmlDoc *doc = skr_emit_doc(r, name);
	int rc = 0;

	if (!doc)
		return skr_vocab_load();
	if (skr_emit_validating() && (rc = skr_emit_validate(doc, name)))
		goto out;
	if (emit_write_doc(doc, out))
		rc = skr_error(SKR_EX_INTERNAL, "cannot serialise '%s'", name);
out:
	xmlFreeDoc(doc);
	return rc;
}

int skr_emit_xml(const skr_records *r, FILE *f, const char *name)
{
	GString *out = g_string_sized_new(64 * 1024);
	int rc = skr_emit_xml_string(r, out, name);

	if (!rc) {
		fwrite(out->str, 1, out->len, f);
		rc = ferror(f) ? SKR_EX_IO : 0;
	}
	g_string_free(out, TRUE);
	return rc;
}
