/* parse.c - the parse stage's entry points: classification of a layout by
 * the rule files' signatures, choice of the rule file, meta keys, and the
 * fallback for documents of no known family.  Not the rule engine itself.
 */
#include "parse-int.h"
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <string.h>

/* Stores in *SCORE the score of rule file RF on the cleaned lines C: each
 * signature pattern found on some line adds its weight once.  Returns 0,
 * or -1 as soon as RF can no longer be chosen (then *SCORE is 0): even
 * with every untried positive signature its score would stay below its
 * threshold (unless NAMED) or not beat BS, the best score so far (when
 * BEST, some file has it); the margin keeps rounding from deciding.  The
 * signatures whose literal or alternatives are looked for in all lines at
 * once are tried first, so that a file is often given up before the
 * others are tried; the score is summed in the file's order. */
static int score_file(const rulefile_t *rf, const skr_clean *c,
		      pcre2_match_data *md, int named, int best, double bs,
		      double *score)
{
	guint n = rf->sign_re->len;
	guint8 *hit = g_new0(guint8, n + 1);
	double most = 0;
	int rc = 0;

	for (guint k = 0; k < n; k++)
		most += MAX(g_array_index(rf->sign_w, double, k), 0);
	for (int pass = 0; pass < 2 && !rc; pass++) {
		for (guint k = 0; k < n && !rc; k++) {
			rx_t *rx = rf->sign_re->pdata[k];
			double w = g_array_index(rf->sign_w, double, k);
			skr_rx_prepare(rx);
			if ((rx->lit || rx->alts) != !pass)
				continue;
			if ((!named && most + 1e-6 < rf->threshold) ||
			    (best && most + 1e-6 < bs)) {
				rc = -1;
				break;
			}
			hit[k] = skr_rx_any_line(rx, c, md);
			most += hit[k] ? MIN(w, 0) : -MAX(w, 0);
		}
	}
	*score = 0;
	for (guint k = 0; k < n && !rc; k++)
		if (hit[k])
			*score += g_array_index(rf->sign_w, double, k);
	g_free(hit);
	return rc;
}

/* Scores every file of RS (or only those named NAME) on the cleaned lines
 * C; returns the index of the best file at or above its threshold (any
 * score when NAME is given), or -1, and its score in *BEST_SCORE. */
static int best_file(const skr_ruleset *rs, const skr_clean *c,
		     const char *name, double *best_score)
{
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	int best = -1;
	double bs = 0;

	for (guint f = 0; f < rs->files->len; f++) {
		const rulefile_t *rf = rs->files->pdata[f];
		char *base = g_strndup(rf->file, strlen(rf->file) - 6);
		int named = name && (strcmp(name, rf->family) == 0 ||
				     strcmp(name, base) == 0);
		g_free(base);
		if (name && !named)
			continue;
		double s;
		if (score_file(rf, c, md, named, best >= 0, bs, &s) == 0 &&
		    (named || s >= rf->threshold) && (best < 0 || s > bs)) {
			best = f;
			bs = s;
		}
	}
	pcre2_match_data_free(md);
	*best_score = bs;
	return best;
}

double skr_classify(const skr_ruleset *rs, const skr_layout *l,
		    const char **family, const char **file)
{
	double score;
	skr_clean *c = skr_clean_new(l);
	int f = best_file(rs, c, NULL, &score);

	skr_clean_free(c);
	*family = f < 0 ? NULL : ((rulefile_t *)rs->files->pdata[f])->family;
	*file = f < 0 ? NULL : ((rulefile_t *)rs->files->pdata[f])->file;
	return f < 0 ? 0 : score;
}

/* "ocr" when every page with text was read by OCR, "mixed" when some
 * were, NULL for a text layer only (the meta key is then left out). */
static const char *text_source(const skr_layout *l)
{
	int ocr = 0, text = 0;

	for (guint p = 0; p < l->pages->len; p++) {
		unsigned f = g_array_index(l->pages, skr_page, p).flags;
		if (f & SKR_PAGE_OCR)
			ocr++;
		else if (!(f & SKR_PAGE_NOTEXT))
			text++;
	}
	return !ocr ? NULL : text ? "mixed" : "ocr";
}

/* meta unreadable-pages: the pages flagged 'U', "1 3 4", when any. */
static void set_unreadable(skr_records *r, const skr_layout *l)
{
	GString *s = g_string_new(NULL);

	for (guint p = 0; p < l->pages->len && s->len < 4000; p++)
		if (g_array_index(l->pages, skr_page, p).flags &
		    SKR_PAGE_UNREADABLE)
			g_string_append_printf(s, "%s%u", s->len ? " " : "",
					       p + 1);
	if (s->len)
		skr_records_set_meta(r, "unreadable-pages", s->str);
	g_string_free(s, TRUE);
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
	if (text_source(l))
		skr_records_set_meta(r, "text-source", text_source(l));
	set_unreadable(r, l);
}

/* Parses L (cleaned lines C) with rule file F of RS (-1: as "unknown",
 * with a warning when no FAMILY was asked for) into a new *OUT. */
static int parse_with(const skr_ruleset *rs, const skr_layout *l,
		      const skr_clean *c, const char *family, int f,
		      double score, skr_records **out)
{
	rulefile_t *rf = f >= 0 ? rs->files->pdata[f] : NULL;
	int rc;

	/* its rules and patterns, on first use */
	if (rf && (rc = skr_rules_read(rf)))
		return rc;
	*out = skr_records_new();
	set_meta(*out, l, rf, score);
	if (rf) {
		skr_engine_run(rf, l, c, *out);
	} else {
		if (!family)
			skr_warning("'%s': no rule file recognises the "
				    "document; parsed as 'unknown'",
				    l->source ? l->source : "-");
		skr_parse_unknown(l, *out);
	}
	skr_parse_outline(l, c, *out);
	return 0;
}

/* Times of the last skr_parse() call (microseconds), for --stats. */
static skr_parse_times last_times;

void skr_parse_last_times(skr_parse_times *t)
{
	*t = last_times;
}

/* The rule file for L: the one named FAMILY, or (FAMILY NULL) the best
 * scoring one, or -1 for none; its score in *SCORE.  Returns 0, or
 * SKR_EX_USAGE with a message when FAMILY names no rule file. */
static int choose(const skr_ruleset *rs, const skr_clean *c,
		  const char *family, int *f, double *score)
{
	*f = -1;
	*score = 0;
	if (family && strcmp(family, "unknown") != 0 &&
	    (*f = best_file(rs, c, family, score)) < 0)
		return skr_error(SKR_EX_USAGE, "no rule file for family '%s'",
				 family);
	if (!family)
		*f = best_file(rs, c, NULL, score);
	return 0;
}

int skr_parse(const skr_ruleset *rs, const skr_layout *l, const char *family,
	      skr_records **out)
{
	gint64 t0 = g_get_monotonic_time(), t1;
	skr_clean *c = skr_clean_new(l);
	unsigned bad = skr_rx_errors();
	double score;
	int f, rc;

	*out = NULL;
	rc = choose(rs, c, family, &f, &score);
	t1 = g_get_monotonic_time();
	last_times.classify_us = t1 - t0;
	if (!rc && skr_rx_errors() != bad)
		rc = SKR_EX_BAD_RULES;  /* a pattern first used was bad */
	if (!rc)
		rc = parse_with(rs, l, c, family, f, score, out);
	if (!rc && skr_rx_errors() != bad) {
		skr_records_free(*out);
		*out = NULL;
		rc = SKR_EX_BAD_RULES;
	}
	last_times.parse_us = g_get_monotonic_time() - t1;
	skr_clean_free(c);
	return rc;
}
