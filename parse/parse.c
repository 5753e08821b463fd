/* parse.c - the parse stage's entry points: classification of a layout by
 * the rule files' signatures, choice of the rule file, meta keys, and the
 * fallback for documents of no known family.  Not the rule engine itself.
 */
#include "parse-int.h"
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <string.h>

/* Score of rule file RF on CLEAN[0..N-1]: each signature pattern found on
 * some line adds its weight once. */
static double score_file(const rulefile_t *rf, char **clean, guint n,
			 pcre2_match_data *md)
{
	double score = 0;

	for (guint k = 0; k < rf->sign_re->len; k++)
		for (guint i = 0; i < n; i++)
			if (pcre2_match(rf->sign_re->pdata[k],
					(PCRE2_SPTR)clean[i], strlen(clean[i]),
					0, PCRE2_NO_UTF_CHECK, md, NULL) >= 0) {
				score += g_array_index(rf->sign_w, double, k);
				break;
			}
	return score;
}

/* Scores every file of RS (or only those named NAME) into SCORES; returns
 * the index of the best file at or above its threshold (any score when
 * NAME is given), or -1. */
static int best_file(const skr_ruleset *rs, const skr_layout *l,
		     const char *name, double *best_score)
{
	char **clean = g_new0(char *, l->lines->len + 1);
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	int best = -1;
	double bs = 0;

	for (guint i = 0; i < l->lines->len; i++)
		clean[i] = skr_text_clean(((skr_line *)l->lines->pdata[i])->text);
	for (guint f = 0; f < rs->files->len; f++) {
		const rulefile_t *rf = rs->files->pdata[f];
		char *base = g_strndup(rf->file, strlen(rf->file) - 6);
		int named = name && (strcmp(name, rf->family) == 0 ||
				     strcmp(name, base) == 0);
		g_free(base);
		if (name && !named)
			continue;
		double s = score_file(rf, clean, l->lines->len, md);
		if ((named || s >= rf->threshold) && (best < 0 || s > bs)) {
			best = f;
			bs = s;
		}
	}
	g_strfreev(clean);
	pcre2_match_data_free(md);
	*best_score = bs;
	return best;
}

double skr_classify(const skr_ruleset *rs, const skr_layout *l,
		    const char **family, const char **file)
{
	double score;
	int f = best_file(rs, l, NULL, &score);

	*family = f < 0 ? NULL : ((rulefile_t *)rs->files->pdata[f])->family;
	*file = f < 0 ? NULL : ((rulefile_t *)rs->files->pdata[f])->file;
	return f < 0 ? 0 : score;
}

static void set_meta(skr_records *r, const skr_layout *l,
		     const rulefile_t *rf, double score)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	skr_records_set_meta(r, "family", rf ? rf->family : "unknown");
	for (guint k = 0; rf && k + 1 < rf->meta->len; k += 2)
		skr_records_set_meta(r, rf->meta->pdata[k],
				     rf->meta->pdata[k + 1]);
	skr_records_set_meta(r, "source", l->source ? l->source : "-");
	skr_records_set_meta(r, "sha256", l->sha256 ? l->sha256 : "-");
	g_snprintf(buf, sizeof buf, "%d", l->npages);
	skr_records_set_meta(r, "pages", buf);
	skr_records_set_meta(r, "rules", rf ? rf->file : "-");
	g_snprintf(buf, sizeof buf, "%g", score);
	skr_records_set_meta(r, "score", buf);
}

int skr_parse(const skr_ruleset *rs, const skr_layout *l, const char *family,
	      skr_records **out)
{
	double score = 0;
	int f = -1;
	const rulefile_t *rf = NULL;

	*out = NULL;
	if (family && strcmp(family, "unknown") != 0 &&
	    (f = best_file(rs, l, family, &score)) < 0)
		return skr_error(SKR_EX_USAGE, "no rule file for family '%s'",
				 family);
	if (!family)
		f = best_file(rs, l, NULL, &score);
	*out = skr_records_new();
	if (f >= 0) {
		rf = rs->files->pdata[f];
		set_meta(*out, l, rf, score);
		return skr_engine_run(rf, l, *out);
	}
	if (!family)
		skr_warning("'%s': no rule file recognises the document; "
			    "parsed as 'unknown'", l->source ? l->source : "-");
	set_meta(*out, l, NULL, score);
	skr_parse_unknown(l, *out);
	return 0;
}
