/* test_cxxalloc.c - the C++ operators new and delete of the programs
 * (extract/cxxalloc.c): blocks hold what was asked, never overlap, come
 * back after every kind of delete, and a block from malloc may be deleted.
 * Not Poppler's use of them (every corpus test converts through them). */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <glib.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *_Znwm(size_t n);
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
static void fill_and_check(void **p, size_t *n, int round)
{
	GPtrArray *sorted = g_ptr_array_new();

	for (int i = 0; i < N; i++) {
		n[i] = (size_t)(i * 4 + round) % 1600;
		p[i] = _Znwm(n[i]);
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

Test(cxxalloc, blocks_hold_their_size_and_come_back)
{
	void *p[N];
	size_t n[N];

	for (int round = 0; round < 3; round++) {
		fill_and_check(p, n, round);
		for (int i = 0; i < N; i++)     /* every kind of delete */
			if (i % 3 == 0)
				_ZdlPv(p[i]);
			else if (i % 3 == 1)
				_ZdlPvm(p[i], n[i]);
			else
				_ZdaPv(p[i]);
	}
	_ZdlPv(NULL);
}

Test(cxxalloc, malloc_block_deleted_and_reused)
{
	void *small = malloc(17), *big = malloc(5000), *again;

	cr_assert(small && big);
	_ZdlPv(small);                  /* usable 24 bytes: a 16-byte block */
	_ZdlPv(big);                    /* too big to keep: freed */
	for (size_t want = 1; want <= 64; want++) {
		again = _Znwm(want);
		cr_assert_geq(malloc_usable_size(again), want);
		memset(again, 0x5a, want);
		_ZdlPv(again);
	}
}

#if !defined(__SANITIZE_ADDRESS__)
/* The programs' operator new is theirs, not libstdc++'s: the Makefile
 * links extract/cxxalloc.o into every program that loads Poppler. */
Test(cxxalloc, the_program_defines_operator_new)
{
	Dl_info info;
	void *self = dlopen(NULL, RTLD_NOW);
	void *sym = dlsym(self, "_Znwm");

	cr_assert_not_null(sym);
	cr_assert(dladdr(sym, &info));
	cr_expect_null(strstr(info.dli_fname, "libstdc++"), "%s",
		       info.dli_fname);
	dlclose(self);
}
#endif
