/* summary.c - the closing report of an ingest run: what this run did (from
 * its run.log and run.tool), what OUT holds (failures, unknown family,
 * orphans) and where to look.  Not the aggregates themselves (build.c). */
#include <skrapa/index.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
	unsigned total, todo, ok, warn, failed, tool, unknown, orphans;
	unsigned failing;               /* rows of failures.tsv */
};

/* Lines of the file F of OUT (0 when missing). */
static unsigned count_lines(const char *out, idx_file f)
{
	char *p = idx_path(out, f, NULL), *buf = NULL;
	gsize len = 0;
	unsigned n = 0;

	if (g_file_get_contents(p, &buf, &len, NULL))
		for (gsize i = 0; i < len; i++)
			n += buf[i] == '\n';
	g_free(buf);
	g_free(p);
	return n;
}

/* This run's records in run.log (8 bytes each: ok, okwarn, failed, tool). */
static void count_run(const char *out, struct counts *c)
{
	char *p = idx_path(out, IDX_RUN_LOG, NULL), *buf = NULL;
	gsize len = 0;

	if (g_file_get_contents(p, &buf, &len, NULL))
		for (gsize i = 0; i + 8 <= len; i += 8) {
			c->ok += strncmp(buf + i, "ok", 2) == 0;
			c->warn += strncmp(buf + i, "okwarn", 6) == 0;
			c->failed += strncmp(buf + i, "failed", 6) == 0;
			c->tool += strncmp(buf + i, "tool", 4) == 0;
		}
	g_free(buf);
	g_free(p);
}

unsigned idx_read_todo(const char *out)
{
	char *p = idx_path(out, IDX_TODO, NULL), *buf = NULL;
	long n = 0;

	if (g_file_get_contents(p, &buf, NULL, NULL) &&
	    skr_parse_int(g_strchomp(buf), strlen(buf), 0, G_MAXUINT, &n))
		n = 0;
	g_free(buf);
	g_free(p);
	return (unsigned)n;
}

/* Reports of unknown family in index.xml. */
static unsigned count_unknown(const char *out)
{
	char *p = idx_path(out, IDX_INDEX, NULL);
	xmlDoc *doc = xmlReadFile(p, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR
				  | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	xmlXPathContext *ctx = doc ? xmlXPathNewContext(doc) : NULL;
	xmlXPathObject *o = ctx ? xmlXPathEvalExpression(BAD_CAST
		"count(/index/report[@family='unknown'])", ctx) : NULL;
	unsigned n = o && o->type == XPATH_NUMBER ? (unsigned)o->floatval : 0;

	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	g_free(p);
	return n;
}

/* Repeats this run's tool errors (run.tool) on stderr. */
static void say_tool_errors(const char *out, const struct counts *c)
{
	char *p = idx_path(out, IDX_RUN_TOOL, NULL), *buf = NULL;
	unsigned listed = 0;

	fprintf(stderr, "ingest: %u tool error%s (not a fault of the PDF; "
		"nothing recorded, the next run retries):\n", c->tool,
		c->tool == 1 ? "" : "s");
	if (g_file_get_contents(p, &buf, NULL, NULL)) {
		char **lines = g_strsplit(buf, "\n", -1);
		for (char **l = lines; *l; l++) {
			char *u = **l ? skr_unescape(*l, strlen(*l)) : NULL;
			char *tab = u ? strchr(u, '\t') : NULL;
			if (tab)
				fprintf(stderr, "  %.*s: %s\n", (int)(tab - u),
					u, tab + 1);
			listed += tab != NULL;
			g_free(u);
		}
		g_strfreev(lines);
	}
	if (listed < c->tool)   /* OUT's disk is full: they are above */
		fprintf(stderr, "  (%u of them could not be listed in '%s': "
			"see the messages above)\n", c->tool - listed, p);
	g_free(buf);
	g_free(p);
}

int skr_index_summary(const char *out, double secs, int quiet)
{
	struct counts c = { 0 };
	char *orphans = idx_path(out, IDX_ORPHANS, NULL);
	char *failures = idx_path(out, IDX_FAILURES, NULL);
	unsigned skipped, done;
	int rc = 0;

	c.total = count_lines(out, IDX_MANIFEST);
	c.todo = idx_read_todo(out);
	c.failing = count_lines(out, IDX_FAILURES);
	c.failing = c.failing ? c.failing - 1 : 0;
	c.orphans = count_lines(out, IDX_ORPHANS);
	c.unknown = count_unknown(out);
	count_run(out, &c);
	done = c.ok + c.failed + c.tool;
	skipped = c.total > c.todo ? c.total - c.todo : 0;
	if (!quiet)
		fprintf(stderr, "ingest: %u PDFs: %u converted (%u with "
			"warnings), %u skipped (up to date), %u failed, %u "
			"tool errors in this run; %u of unknown family; %u "
			"orphans; %.1f s\n", c.total, c.ok, c.warn, skipped,
			c.failed, c.tool, c.unknown, c.orphans, secs);
	if (c.todo > done)
		fprintf(stderr, "ingest: %u PDFs were not reached: the run "
			"stopped early (run it again)\n", c.todo - done);
	if (c.orphans && !quiet)
		fprintf(stderr, "ingest: %u outputs have no PDF in IN any "
			"more: see %s (kept; PRUNE=1 removes them)\n",
			c.orphans, orphans);
	if (c.tool) {
		say_tool_errors(out, &c);
		rc = SKR_EX_IO;
	} else if (c.failing) {
		fprintf(stderr, "ingest: %u of %u PDFs have failed: see %s "
			"(exit 1 = SOME_FAILED)\n", c.failing, c.total +
			count_lines(out, IDX_DANGLING), failures);
		rc = SKR_EX_SOME_FAILED;
	}
	g_free(failures);
	g_free(orphans);
	return rc;
}
