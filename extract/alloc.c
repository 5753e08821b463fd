/* cxxalloc.c - the C++ operators new and delete of the programs that load
 * Poppler: small blocks kept on per-size free lists for the next new of
 * that size.  Poppler builds and frees some hundred thousand objects a
 * page (TextWord, TextChar, its object tree), each a trip through malloc's
 * slow paths once its 7-block per-size cache (tcache) is full: these lists
 * take 40 M of 582 M instructions off alingsas-2022.  Not C's malloc
 * (Poppler's gmalloc, GLib) and not a general allocator: every block is a
 * malloc block, so a block freed by free() or delete anywhere is valid.
 *
 * The executable defines the replaceable global operators (C++ allows
 * replacing them), so Poppler's and Tesseract's calls bind here.  Left out
 * under AddressSanitizer, whose own operators must see every block. */
#if !defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
#include <malloc.h>
#include <stddef.h>
#include <stdlib.h>

#define SMALL_MAX 1024                  /* larger blocks: malloc itself */
#define NCLASS (SMALL_MAX / 16 + 1)     /* class C: blocks of 16 * C bytes */
#define KEEP_MAX ((size_t)8 << 20)      /* bytes kept on the lists, a thread */

struct block { struct block *next; };

static __thread struct block *lists[NCLASS];
static __thread size_t kept;

/* The mangled names: operator new(size_t), new[](size_t), delete(void *),
 * delete[](void *), and the sized deletes. */
void *_Znwm(size_t n);
void *_Znam(size_t n);
void _ZdlPv(void *p);
void _ZdaPv(void *p);
void _ZdlPvm(void *p, size_t n);
void _ZdaPvm(void *p, size_t n);

/* Out of memory: libstdc++'s operator new, which calls the new-handler
 * and throws std::bad_alloc as C++ code expects. */
static void *new_failed(size_t n)
{
	void *(*next)(size_t) = (void *(*)(size_t))dlsym(RTLD_NEXT, "_Znwm");

	if (!next)
		abort();
	return next(n);
}

void *_Znwm(size_t n)
{
	void *p;

	if (n <= SMALL_MAX) {
		size_t c = n ? (n + 15) >> 4 : 1;
		struct block *b = lists[c];
		if (b) {
			lists[c] = b->next;
			kept -= c << 4;
			return b;
		}
		n = c << 4;             /* a whole class, to be reused as one */
	}
	p = malloc(n);
	return p ? p : new_failed(n);
}

void *_Znam(size_t n)
{
	return _Znwm(n);
}

/* A block of usable size U (malloc's: 16 * C + 8 for a request of 16 * C
 * bytes) serves class (U - 8) / 16, never more than it holds. */
void _ZdlPv(void *p)
{
	size_t u;

	if (!p)
		return;
	u = malloc_usable_size(p);
	if (u >= 24 && u - 8 <= SMALL_MAX && kept < KEEP_MAX) {
		size_t c = (u - 8) >> 4;
		struct block *b = p;
		b->next = lists[c];
		lists[c] = b;
		kept += c << 4;
		return;
	}
	free(p);
}

void _ZdaPv(void *p)
{
	_ZdlPv(p);
}

void _ZdlPvm(void *p, size_t n)
{
	(void)n;                        /* the block's own size decides */
	_ZdlPv(p);
}

void _ZdaPvm(void *p, size_t n)
{
	(void)n;
	_ZdlPv(p);
}
#endif
