/* diag.c - one-line error and warning messages on stderr (see diag.h).
 * Not a logging framework: no levels, no files, no timestamps. */
#include <skrapa/diag.h>

#include <stdarg.h>
#include <stdio.h>

static const char *program = "skrapa";
static int quiet;
static unsigned warnings;
static char last[1024];

void skr_diag_set_program(const char *name)
{
	program = name;
}

const char *skr_diag_program(void)
{
	return program;
}

void skr_diag_set_quiet(int q)
{
	quiet = q;
}

int skr_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_vsnprintf(last, sizeof last, fmt, ap);
	va_end(ap);
	if (!quiet)
		fprintf(stderr, "%s: %s\n", program, last);
	return code;
}

void skr_warning(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	warnings++;
	if (quiet)
		return;
	va_start(ap, fmt);
	g_vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: warning: %s\n", program, msg);
}

unsigned skr_warning_count(void)
{
	return warnings;
}

const char *skr_diag_last(void)
{
	return last;
}
