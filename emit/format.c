/* format.c - the output formats by name ("xml", "csv", "scores-csv",
 * "json") and
 * the one switch that writes a record stream in one of them, for every
 * program.  Not the formats themselves (xml.c, csv.c). */
#include <skrapa/emit.h>

#include <string.h>

static const char *const format_names[] = { "xml", "csv", "scores-csv",
					    "json" };

int skr_format_parse(const char *name, enum skr_format *out)
{
	for (size_t i = 0; i < G_N_ELEMENTS(format_names); i++)
		if (!name || strcmp(name, format_names[i]) == 0) {
			*out = name ? (enum skr_format)i : SKR_FORMAT_XML;
			return 0;
		}
	return -1;
}

int skr_emit_format(const skr_records *r, enum skr_format fmt, FILE *f,
		    const char *name)
{
	switch (fmt) {
	case SKR_FORMAT_CSV:
		return skr_emit_csv(r, f, name, 1);
	case SKR_FORMAT_SCORES_CSV:
		return skr_emit_scores_csv(r, f, name, 1);
	case SKR_FORMAT_JSON:
		return skr_emit_json(r, f, name);
	default:
		return skr_emit_xml(r, f, name);
	}
}
