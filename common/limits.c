/* limits.c - the run's watchdog (limits.h): wall time and memory checked
 * from a SIGALRM handler, so a stage stuck in a library call still ends.
 * Not the per-page limits (extract.c) nor output (callers write later). */
#include <skrapa/limits.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define TICK_US 50000

static struct {
	volatile sig_atomic_t armed;
	struct timespec t0;
	double timeout;
	long max_pages;                 /* memory cap in pages, 0 none */
	char head[1200];                /* "PROG: cannot convert 'NAME': " */
	char time_tail[64], mem_tail[64];
	const char *volatile stage;    /* a static string */
} w = { .stage = "extract" };

static void say(const char *s)
{
	if (write(2, s, strlen(s)) < 0)
		return;
}

static G_GNUC_NORETURN void fire(const char *what, const char *tail,
				 int code)
{
	say(w.head);
	say(what);
	say(w.stage);
	say(tail);
	_exit(code);
}

/* Resident pages that are not file-backed, from /proc/self/statm. */
static long anon_pages(void)
{
	char buf[128];
	long f[3] = { 0 };
	int fd = open("/proc/self/statm", O_RDONLY), k = 0;
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (char *p = buf; *p && k < 3; p++) {
		if (*p == ' ') {
			k++;
			continue;
		}
		if (*p >= '0' && *p <= '9')
			f[k] = f[k] * 10 + (*p - '0');
	}
	return f[1] - f[2];
}

static void on_tick(int sig)
{
	struct timespec now;
	(void)sig;

	if (!w.armed)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double t = (now.tv_sec - w.t0.tv_sec) +
		   (now.tv_nsec - w.t0.tv_nsec) / 1e9;
	if (w.timeout > 0 && t > w.timeout)
		fire("timed out during ", w.time_tail, SKR_EX_TIMEOUT);
	if (w.max_pages > 0 && anon_pages() > w.max_pages)
		fire("out of memory during ", w.mem_tail, SKR_EX_MEMORY);
}

void skr_limits_start(const char *name, double timeout, int max_memory)
{
	struct itimerval it = { { 0, TICK_US }, { 0, TICK_US } };
	struct sigaction sa;

	skr_limits_stop();
	g_snprintf(w.head, sizeof w.head, "%s: cannot convert '%s': ",
		   skr_diag_program(), name);
	g_snprintf(w.time_tail, sizeof w.time_tail, " (--timeout %g)\n",
		   timeout);
	g_snprintf(w.mem_tail, sizeof w.mem_tail, " (--max-memory %d MiB)\n",
		   max_memory);
	w.timeout = timeout;
	w.max_pages = max_memory > 0 ? (long)max_memory * (1024 * 1024 /
					(sysconf(_SC_PAGESIZE) > 0 ?
					 sysconf(_SC_PAGESIZE) : 4096)) : 0;
	skr_limits_stage("extract");
	if (timeout <= 0 && max_memory <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &w.t0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	w.armed = 1;
	setitimer(ITIMER_REAL, &it, NULL);
}

void skr_limits_extend(double seconds)
{
	if (w.timeout > 0)
		w.timeout += seconds;   /* one aligned store: the handler reads
					   the old or the new value */
}

void skr_limits_stage(const char *stage)
{
	w.stage = stage;
}

const char *skr_limits_stage_name(void)
{
	return w.stage;
}

void skr_limits_stop(void)
{
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	if (!w.armed)
		return;
	w.armed = 0;
	setitimer(ITIMER_REAL, &off, NULL);
	/* a tick already pending would end the process under SIG_DFL:
	 * ignoring the signal discards it (valgrind delivers them late) */
	signal(SIGALRM, SIG_IGN);
	signal(SIGALRM, SIG_DFL);
}
