/* overview.c - OUT/index.html, the archive at a glance, made from
 * OUT/index.xml with the XSLT stylesheet emit/overview.xsl (libxslt) built
 * into the program.  Not the index (index/) nor the page's design, which
 * is all in the stylesheet. */
#include <skrapa/emit.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include "emit-int.h"

#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <string.h>

EMIT_EMBED(emit_overview_xsl, "emit/overview.xsl");

/* The stylesheet reads index.xml only: no other file, no writing, no
 * network. */
static xsltSecurityPrefs *read_only_prefs(void)
{
	xsltSecurityPrefs *p = xsltNewSecurityPrefs();

	xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY,
			     xsltSecurityForbid);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	return p;
}

static int save(xmlDoc *res, xsltStylesheet *style, const char *path)
{
	xmlChar *buf = NULL;
	int len = 0, rc;
	skr_outfile *of;

	if (xsltSaveResultToString(&buf, &len, res, style) != 0 || !buf)
		return skr_error(SKR_EX_INTERNAL, "cannot serialise '%s'", path);
	if (!(rc = skr_outfile_open(&of, path))) {
		fwrite(buf, 1, (size_t)len, skr_outfile_stream(of));
		rc = skr_outfile_commit(of);
	}
	xmlFree(buf);
	return rc;
}

int skr_overview_write(const char *dir)
{
	char *in = g_build_filename(dir, "index.xml", NULL);
	char *out = g_build_filename(dir, "index.html", NULL);
	xmlDoc *sdoc = xmlReadMemory(emit_overview_xsl,
				     (int)strlen(emit_overview_xsl),
				     "overview.xsl", NULL, XML_PARSE_NONET);
	xsltStylesheet *style = sdoc ? xsltParseStylesheetDoc(sdoc) : NULL;
	xmlDoc *index = NULL, *res = NULL;
	xsltTransformContext *ctx = NULL;
	xsltSecurityPrefs *prefs = NULL;
	int rc = 0;

	if (!style) {
		xmlFreeDoc(sdoc);
		rc = skr_error(SKR_EX_INTERNAL, "overview.xsl does not parse");
		goto out;
	}
	if (!(index = xmlReadFile(in, NULL, XML_PARSE_NONET |
				  XML_PARSE_HUGE))) {
		rc = skr_error(SKR_EX_IO, "cannot read '%s'", in);
		goto out;
	}
	ctx = xsltNewTransformContext(style, index);
	prefs = read_only_prefs();
	xsltSetCtxtSecurityPrefs(prefs, ctx);
	res = xsltApplyStylesheetUser(style, index, NULL, NULL, NULL, ctx);
	if (!res || ctx->state != XSLT_STATE_OK)
		rc = skr_error(SKR_EX_INTERNAL, "cannot make '%s' from '%s'",
			       out, in);
	else
		rc = save(res, style, out);
out:
	xmlFreeDoc(res);
	if (ctx)
		xsltFreeTransformContext(ctx);
	xsltFreeSecurityPrefs(prefs);
	xmlFreeDoc(index);
	if (style)
		xsltFreeStylesheet(style);
	g_free(out);
	g_free(in);
	return rc;
}
