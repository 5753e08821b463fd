/* convert.c - one PDF through extract, parse and emit (pipeline.h).
 * Not option parsing (pipeline/main.c) nor scheduling (make, skrapa-index):
 * the caller owns the ruleset and decides what to convert. */
#include <skrapa/pipeline.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>

#include <string.h>

int skr_format_parse(const char *name, enum skr_format *out)
{
	static const char *names[] = { "xml", "csv", "scores-csv" };
	for (int i = 0; i < 3; i++)
		if (!name || strcmp(name, names[i]) == 0) {
			*out = name ? (enum skr_format)i : SKR_FORMAT_XML;
			return 0;
		}
	return -1;
}

static int emit(const skr_records *r, enum skr_format fmt, FILE *f,
		const char *name)
{
	switch (fmt) {
	case SKR_FORMAT_CSV:
		return skr_emit_csv(r, f, name, 1);
	case SKR_FORMAT_SCORES_CSV:
		return skr_emit_scores_csv(r, f, name, 1);
	default:
		return skr_emit_xml(r, f, name);
	}
}

static int write_output(const skr_records *r, const char *output,
			enum skr_format fmt, const char *name)
{
	skr_outfile *of;
	int rc = skr_outfile_open(&of, output);

	if (rc)
		return rc;
	rc = emit(r, fmt, skr_outfile_stream(of), name);
	if (!rc)
		return skr_outfile_commit(of);
	(void)skr_outfile_abort(of);    /* says why a write failed */
	return rc;
}

int skr_pipeline_convert(const skr_ruleset *rs, const char *pdf,
			 const char *output, const char *source,
			 const skr_pipeline_opts *o)
{
	skr_layout *l = NULL;
	skr_records *r = NULL;
	int rc;

	if ((rc = skr_extract_file(pdf, &o->lim, &l)))
		goto out;
	if (source) {
		g_free(l->source);
		l->source = g_filename_display_name(source);
	}
	if ((rc = skr_parse(rs, l, o->family, &r)))
		goto out;
	rc = write_output(r, output, o->format, pdf);
out:
	skr_records_free(r);
	skr_layout_free(l);
	return rc;
}
