/* options.c - the command-line options of the run's limits, shared by
 * every program.  Not the limits' enforcement (extract.c). */
#include <skrapa/extract.h>

void skr_extract_add_options(GOptionContext *ctx, skr_extract_limits *lim)
{
	GOptionEntry entries[] = {
		{ "max-pages", 0, 0, G_OPTION_ARG_INT, &lim->max_pages,
		  "fail on documents with more pages (default 5000)", "N" },
		{ "max-chars", 0, 0, G_OPTION_ARG_INT, &lim->max_chars,
		  "fail on pages with more characters (default 200000)", "N" },
		{ "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &lim->timeout,
		  "fail after SECONDS for the whole conversion (default 120, "
		  "0 none)", "SECONDS" },
		{ "max-records", 0, 0, G_OPTION_ARG_INT, &lim->max_records,
		  "keep at most N records (parse cuts, emit refuses more; "
		  "default 1000000)", "N" },
		{ "max-memory", 0, 0, G_OPTION_ARG_INT, &lim->max_memory,
		  "fail when the process holds more than MIB MiB (default "
		  "2048, 0 none)", "MIB" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	g_option_context_add_main_entries(ctx, entries, NULL);
}

gboolean skr_extract_limits_valid(const skr_extract_limits *lim)
{
	return lim->max_pages >= 1 && lim->max_chars >= 1 &&
	       lim->timeout >= 0 && lim->max_records >= 1 &&
	       lim->max_memory >= 0;
}
