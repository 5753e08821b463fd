/* schema.c - finds, loads (once, when first needed) and applies the RELAX NG
 * schema of the XML report (emit/skrapa.rng), and whether skr_emit_xml()
 * validates at all.  Not the schema itself nor building documents. */
#include <skrapa/emit.h>
#include <skrapa/datadir.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include "emit-int.h"

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <string.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError *emit_xml_error;
#else
typedef xmlErrorPtr emit_xml_error;
#endif

G_LOCK_DEFINE_STATIC(schema);
static xmlRelaxNG *schema;              /* loaded once, kept until exit */
static GHashTable *by_family;           /* family -> xmlRelaxNG*, or the
					   schema when it cannot be cut */
static gint validate_mode = -1;         /* -1: not decided, read the env */

void skr_emit_set_validate(int on)
{
	g_atomic_int_set(&validate_mode, on ? 1 : 0);
}

int skr_emit_validating(void)
{
	int v = g_atomic_int_get(&validate_mode);

	if (v < 0) {
		const char *env = g_getenv("SKRAPA_VALIDATE");
		v = env && *env && strcmp(env, "0") != 0;
		g_atomic_int_set(&validate_mode, v);
	}
	return v;
}

/* Keeps the first error message (one line) in the GString USER. */
static void first_error(void *user, emit_xml_error err)
{
	GString *s = user;

	if (s->len || !err || !err->message)
		return;
	if (err->line > 0)
		g_string_printf(s, "line %d: ", err->line);
	g_string_append(s, err->message);
	g_strchomp(s->str);
	s->len = strlen(s->str);
	for (char *p = s->str; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

/* The schema's path: $SKRAPA_SCHEMA, else skr_data_path().  Caller
 * frees. */
static char *schema_path(void)
{
	const char *env = g_getenv("SKRAPA_SCHEMA");

	return env && *env ? g_strdup(env) : skr_data_path("skrapa.rng");
}

static int load_schema(void)
{
	char *path = schema_path();
	GString *msg = g_string_new(NULL);
	xmlRelaxNGParserCtxt *pc = NULL;
	int rc = 0;

	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		rc = skr_error(SKR_EX_IO, "cannot find the schema '%s' (set "
			       "SKRAPA_SCHEMA)", path);
		goto out;
	}
	pc = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGSetParserStructuredErrors(pc, first_error, msg);
	if (!(schema = xmlRelaxNGParse(pc)))
		rc = skr_error(SKR_EX_IO, "cannot read the schema '%s': %s",
			       path, msg->len ? msg->str : "not RELAX NG");
out:
	xmlRelaxNGFreeParserCtxt(pc);
	g_string_free(msg, TRUE);
	g_free(path);
	return rc;
}

/* The schema cut to the family of DOC's root (schema_family.c: linear
 * validation), loaded once per family; the whole schema otherwise.  Call
 * with the lock held and the whole schema loaded. */
static xmlRelaxNG *schema_for(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlChar *fam = root ? xmlGetProp(root, BAD_CAST "family") : NULL;
	xmlRelaxNG *s;

	if (!fam)
		return schema;
	if (!by_family)
		by_family = g_hash_table_new(g_str_hash, g_str_equal);
	if (!(s = g_hash_table_lookup(by_family, fam))) {
		char *path = schema_path();
		xmlDoc *cut = emit_schema_family(path, (const char *)fam);
		xmlRelaxNGParserCtxt *pc = cut ? xmlRelaxNGNewDocParserCtxt(cut)
					       : NULL;
		s = pc ? xmlRelaxNGParse(pc) : NULL;
		xmlRelaxNGFreeParserCtxt(pc);
		xmlFreeDoc(cut);
		g_hash_table_insert(by_family, g_strdup((const char *)fam),
				    s ? s : schema);
		s = s ? s : schema;
		g_free(path);
	}
	xmlFree(fam);
	return s;
}

int skr_emit_validate(xmlDoc *doc, const char *name)
{
	xmlRelaxNG *use;
	xmlRelaxNGValidCtxt *vc;
	GString *msg;
	int rc = 0;

	G_LOCK(schema);
	if (!schema)
		rc = load_schema();
	use = rc ? NULL : schema_for(doc);
	G_UNLOCK(schema);
	if (rc)
		return rc;
	msg = g_string_new(NULL);
	vc = xmlRelaxNGNewValidCtxt(use);
	xmlRelaxNGSetValidStructuredErrors(vc, first_error, msg);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0)
		rc = skr_error(SKR_EX_INVALID_XML, "output for '%s' does not "
			       "validate against the schema: %s", name ? name : "-",
			       msg->len ? msg->str : "invalid");
	xmlRelaxNGFreeValidCtxt(vc);
	g_string_free(msg, TRUE);
	return rc;
}
