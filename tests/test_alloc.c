/* test_alloc.c - the allocation cache of the programs (extract/alloc.c):
 * blocks of malloc and new hold what was asked, never overlap, come back
 * after free and every kind of delete, a block from glibc's memalign may
 * be freed, a block freed twice aborts, and SKRAPA_ALLOC_CACHE=0 (plain
 * malloc, for memcheck) gives the same layout.  Not Poppler's use of them
 * (every corpus test converts through them). */
#include "testutil.h"

#include <criterion/criterion.h>
#include <dlfcn.h>
#include <signal.h>
#include <glib.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *_Znwm(size_t n);
void *_Znam(size_t n);
void _ZdlPv(void *p);
void _ZdaPv(void *p);
void _ZdlPvm(void *p, size_t n);

#define N 400

static gint by_addr(gconstpointer a, gconstpointer b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a;
	uintptr_t y = (uintptr_t)*(void *const *)b;
	return (x > y) - (x < y);
}

/* N blocks of sizes 0..about 1600 bytes: each holds its size, keeps its
 * own bytes, and none overlaps another. */
static void fill_and_check(void **p, size_t *n, int round,
			   void *(*get)(size_t))
{
	GPtrArray *sorted = g_ptr_array_new();

	for (int i = 0; i < N; i++) {
		n[i] = (size_t)(i * 4 + round) % 1600;
		p[i] = get(n[i]);
		cr_assert_not_null(p[i]);
		cr_assert_geq(malloc_usable_size(p[i]), n[i]);
		memset(p[i], i & 0xff, n[i]);
		g_ptr_array_add(sorted, p[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t k = 0; k < n[i]; k++)
			cr_assert_eq(((unsigned char *)p[i])[k], i & 0xff,
				     "block %d byte %zu", i, k);
	g_ptr_array_sort(sorted, by_addr);
	for (guint i = 0; i + 1 < sorted->len; i++) {
		char *a = sorted->pdata[i], *b = sorted->pdata[i + 1];
		cr_assert_leq(a + malloc_usable_size(a), b, "blocks overlap");
	}
	g_ptr_array_free(sorted, TRUE);
}

Test(alloc, blocks_hold_their_size_and_come_back)
{
	void *p[N];
	size_t n[N];

	for (int round = 0; round < 6; round++) {
		void *(*get)(size_t) = round % 3 == 0 ? malloc
				     : round % 3 == 1 ? _Znwm : _Znam;
		fill_and_check(p, n, round, get);
		for (int i = 0; i < N; i++)     /* each with its own release */
			if (get == malloc)
				free(p[i]);
			else if (get == _Znam)
				_ZdaPv(p[i]);
			else if (i % 2)
				_ZdlPvm(p[i], n[i]);
			else
				_ZdlPv(p[i]);
	}
	_ZdlPv(NULL);
	free(NULL);
}

Test(alloc, realloc_and_calloc_of_listed_blocks)
{
	char *p = malloc(40), *q;

	free(p);
	p = malloc(40);                 /* most likely the listed block */
	memset(p, 'a', 40);
	q = realloc(p, 3000);
	cr_assert_not_null(q);
	for (int i = 0; i < 40; i++)
		cr_assert_eq(q[i], 'a');
	free(q);
	q = calloc(10, 8);
	for (int i = 0; i < 80; i++)
		cr_assert_eq(q[i], 0);
	free(q);
}

Test(alloc, memalign_block_freed_and_reused)
{
	void *small = memalign(64, 17), *big = malloc(5000), *again;

	cr_assert(small && big);
	free(small);                    /* kept by its usable size */
	free(big);                      /* too big to keep: freed */
	for (size_t want = 1; want <= 64; want++) {
		again = malloc(want);
		cr_assert_geq(malloc_usable_size(again), want);
		memset(again, 0x5a, want);
		free(again);
	}
}

#if !defined(__SANITIZE_ADDRESS__)
/* The programs' malloc and operator new are theirs, not glibc's and
 * libstdc++'s: the Makefile links extract/alloc.o into every program
 * that loads Poppler. */
Test(alloc, the_program_defines_malloc_and_new)
{
	static const char *const names[] = { "malloc", "free", "_Znwm",
					     "_ZdlPv" };
	void *self = dlopen(NULL, RTLD_NOW);

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		Dl_info info;
		void *sym = dlsym(self, names[i]);
		cr_assert_not_null(sym, "%s", names[i]);
		cr_assert(dladdr(sym, &info));
		cr_expect(!strstr(info.dli_fname, "libstdc++") &&
			  !strstr(info.dli_fname, "libc.so"), "%s: %s",
			  names[i], info.dli_fname);
	}
	dlclose(self);
}

/* As glibc's tcache: a block freed twice stops the process. */
Test(alloc, double_free_aborts, .signal = SIGABRT)
{
	void *volatile p = malloc(48);

	free(p);
	free(p);
}
#endif

/* The same layout with the cache off (as scripts/valgrind.sh runs). */
Test(alloc, cache_off_same_layout)
{
	char **pdfs = tu_corpus_pdfs(), *dir = tu_tmpdir(), *text, *golden;
	char *layout;
	char *out = g_build_filename(dir, "o.layout", NULL);
	const char *args[] = { pdfs[0], "-o", out, NULL };

	g_setenv("SKRAPA_ALLOC_CACHE", "0", TRUE);
	cr_assert_eq(tu_run_prog("skrapa-extract", args, NULL, NULL), 0);
	text = tu_slurp(out, NULL);
	layout = tu_with_ext(pdfs[0], ".layout");
	golden = tu_slurp(layout, NULL);
	g_free(layout);
	cr_assert(text && golden);
	cr_expect_str_eq(text, golden);
	g_free(text);
	g_free(golden);
	g_free(out);
	tu_rmtree(dir);
	g_free(dir);
	g_strfreev(pdfs);
}
