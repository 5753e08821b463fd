/* convert.c - one PDF through extract, parse and emit (pipeline.h).
 * Not option parsing (pipeline/main.c) nor scheduling (make, skrapa-index):
 * the caller owns the ruleset and decides what to convert. */
#include <skrapa/pipeline.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/limits.h>
#include <skrapa/outfile.h>

#include <stdlib.h>

/* Writes LEN bytes of BUF to OUTPUT (NULL or "-": stdout) atomically. */
static int write_output(const char *buf, size_t len, const char *output)
{
	skr_outfile *of;
	int rc = skr_outfile_open(&of, output);

	if (rc)
		return rc;
	if (fwrite(buf, 1, len, skr_outfile_stream(of)) != len)
		return skr_outfile_abort(of);   /* says why the write failed */
	return skr_outfile_commit(of);
}

/* The three stages under the run's watchdog (limits.h); the result in
 * memory, so that nothing is on disk while a limit can still end the
 * process. */
static int convert(const skr_ruleset *rs, const char *pdf,
		   const char *source, const skr_pipeline_opts *o,
		   char **buf, size_t *len)
{
	skr_layout *l = NULL;
	skr_records *r = NULL;
	FILE *f = NULL;
	int rc;

	skr_parse_set_max_records(o->lim.max_records);
	if ((rc = skr_extract_file(pdf, &o->lim, &l)))
		goto out;
	if (source) {
		g_free(l->source);
		l->source = g_filename_display_name(source);
	}
	skr_limits_stage("parse");
	if ((rc = skr_parse(rs, l, o->family, &r)))
		goto out;
	skr_layout_free(l);     /* the records hold copies: not kept */
	l = NULL;               /* through emit (3.4 MiB at 501 pages) */
	skr_limits_stage("emit");
	if (o->format == SKR_FORMAT_XML) {      /* no copy through stdio */
		GString *out = g_string_sized_new(64 * 1024);
		rc = skr_emit_xml_string(r, out, pdf);
		*len = out->len;
		*buf = g_string_free(out, FALSE);       /* free() frees it: GLib
							   allocates with malloc */
	} else if (!(f = open_memstream(buf, len)))
		rc = skr_error(SKR_EX_INTERNAL, "cannot convert '%s': out of "
			       "memory", pdf);
	else if ((rc = skr_emit_format(r, o->format, f, pdf)) == SKR_EX_IO)
		rc = skr_error(rc, "cannot write '%s'", pdf);
out:
	if (f)
		fclose(f);
	skr_records_free(r);
	skr_layout_free(l);
	return rc;
}

int skr_pipeline_convert(const skr_ruleset *rs, const char *pdf,
			 const char *output, const char *source,
			 const skr_pipeline_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	skr_limits_start(pdf, o->lim.timeout, o->lim.max_memory);
	rc = convert(rs, pdf, source, o, &buf, &len);
	skr_limits_stop();
	if (!rc)
		rc = write_output(buf, len, output);
	free(buf);
	return rc;
}
