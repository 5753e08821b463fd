/* schema.c - finds, loads (once per family, when first needed) and applies
 * the RELAX NG schema of the XML report (the core emit/skrapa.rng with the
 * family's fragment), and whether skr_emit_xml() validates at all.  Not
 * the schema itself nor building documents. */
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
static GHashTable *by_family;           /* family -> xmlRelaxNG*, loaded
					   once, kept until exit */
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

/* Parses the schema DOC (NULL: the file PATH) into *OUT, or says why not
 * (SKR_EX_IO). */
static int parse_schema(xmlDoc *doc, const char *path, xmlRelaxNG **out)
{
	GString *msg = g_string_new(NULL);
	xmlRelaxNGParserCtxt *pc = doc ? xmlRelaxNGNewDocParserCtxt(doc)
				       : xmlRelaxNGNewParserCtxt(path);
	int rc = 0;

	xmlRelaxNGSetParserStructuredErrors(pc, first_error, msg);
	if (!(*out = xmlRelaxNGParse(pc)))
		rc = skr_error(SKR_EX_IO, "cannot read the schema '%s': %s",
			       path, msg->len ? msg->str : "not RELAX NG");
	xmlRelaxNGFreeParserCtxt(pc);
	g_string_free(msg, TRUE);
	return rc;
}

/* The schema of family FAM (schema_family.c: the core grammar with the
 * family's fragment, cut to it, for linear validation), loaded once per
 * family into *OUT; a family without a vocabulary (or none) is checked
 * as "unknown", which it is not.  Call with the lock held. */
static int schema_for(const char *fam, xmlRelaxNG **out)
{
	const emit_vocab *v = fam ? emit_vocab_find(fam) : NULL;
	char *path = schema_path(), *err = NULL;
	xmlDoc *cut = NULL;
	int rc = 0;

	fam = v ? v->family : "unknown";
	if ((*out = g_hash_table_lookup(by_family, fam)))
		goto out;
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		rc = skr_error(SKR_EX_IO, "cannot find the schema '%s' (set "
			       "SKRAPA_SCHEMA)", path);
		goto out;
	}
	cut = emit_schema_family(path, v ? v->schema : NULL, fam, &err);
	if (err)
		rc = skr_error(SKR_EX_IO, "%s", err);
	else if (!(rc = parse_schema(cut, path, out)))
		g_hash_table_insert(by_family, g_strdup(fam), *out);
out:
	xmlFreeDoc(cut);
	g_free(err);
	g_free(path);
	return rc;
}

int skr_emit_validate(xmlDoc *doc, const char *name)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlChar *fam = root ? xmlGetProp(root, BAD_CAST "family") : NULL;
	xmlRelaxNG *use = NULL;
	xmlRelaxNGValidCtxt *vc;
	GString *msg;
	int rc;

	G_LOCK(schema);
	if (!by_family)
		by_family = g_hash_table_new(g_str_hash, g_str_equal);
	rc = schema_for((const char *)fam, &use);
	G_UNLOCK(schema);
	xmlFree(fam);
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
