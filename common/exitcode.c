/* exitcode.c - lookups in the exit code table of exitcode.h.
 * Not where codes are defined: that is the table in the header. */
#include <skrapa/exitcode.h>

#include <glib.h>

struct entry {
	int code;
	const char *name, *desc;
};

static const struct entry table[] = {
#define SKR_X_ENTRY(name, code, desc) {code, #name, desc},
	SKR_EXIT_CODES(SKR_X_ENTRY)
#undef SKR_X_ENTRY
};

static const struct entry *find(int code)
{
	for (size_t i = 0; i < G_N_ELEMENTS(table); i++)
		if (table[i].code == code)
			return &table[i];
	return NULL;
}

const char *skr_exit_describe(int code)
{
	const struct entry *e = find(code);
	return e ? e->desc : NULL;
}

const char *skr_exit_stage(int code)
{
	static const char *const tens[] = { "any", "extract", "parse", "emit" };

	if (!find(code))
		return NULL;
	return code / 10 < (int)G_N_ELEMENTS(tens) ? tens[code / 10] : "any";
}

const char *skr_exit_name(int code)
{
	const struct entry *e = find(code);
	return e ? e->name : NULL;
}

char *skr_exit_table(void)
{
	GString *s = g_string_new("Exit codes:\n");
	for (size_t i = 0; i < G_N_ELEMENTS(table); i++)
		g_string_append_printf(s, "  %3d  %-12s %s\n", table[i].code,
				       table[i].name, table[i].desc);
	return g_string_free(s, FALSE);
}
