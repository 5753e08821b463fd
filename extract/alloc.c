/* alloc.c - a cache in front of malloc for the programs that load Poppler:
 * small blocks, freed by free() or the C++ delete, wait on per-size lists
 * for the next malloc or new of their size.  Poppler builds and frees some
 * hundred thousand objects and glyph arrays a page, each a trip through
 * malloc's slow paths once its 7-block per-size cache (tcache) is full:
 * the lists take 68 M of 582 M instructions off alingsas-2022.  Not an
 * allocator: every block is one of glibc's, so glibc's realloc, memalign,
 * malloc_usable_size and free work on any of them, and a block from any of
 * them may be freed here.
 *
 * The executable defines malloc, free, calloc, realloc and the replaceable
 * C++ operators new and delete, so the libraries' calls bind here (glibc
 * and C++ allow replacing them).  A block freed twice is caught as glibc's
 * tcache catches it (abort).  Left out under AddressSanitizer, which must
 * see every block itself. */
#if !defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

#define SMALL_MAX 1024                  /* larger blocks: malloc itself */
#define NCLASS (SMALL_MAX / 16 + 1)     /* class C: blocks of 16 * C bytes */
#define KEEP_MAX ((size_t)4 << 20)      /* bytes kept on the lists, a thread;
					   8 or 16 MiB save no more and
					   cost peak RSS */

/* A block on a list: its first two words (every block has 24 bytes). */
struct block {
	struct block *next;
	uintptr_t key;                  /* KEY while listed, 0 once given */
};

static __thread struct block *lists[NCLASS];
static __thread size_t kept;
static uintptr_t key;                   /* random: user data rarely equals it */
static size_t keep_max = KEEP_MAX;      /* 0: SKRAPA_ALLOC_CACHE=0 */
static int decided;

extern char **environ;

/* SKRAPA_ALLOC_CACHE=0 turns the lists off: memcheck then sees every
 * malloc and free at its size (scripts/valgrind.sh).  Read on the first
 * list miss once the environment is there (the loader allocates before);
 * off, every malloc misses. */
static void decide(void)
{
	const char *e;

	if (!environ)
		return;
	e = getenv("SKRAPA_ALLOC_CACHE");
	keep_max = e && e[0] == '0' ? 0 : KEEP_MAX;
	decided = 1;
}

extern void *__libc_malloc(size_t n);
extern void __libc_free(void *p);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);

/* A listed block of class C for a request of *N bytes (*N becomes the
 * class's size), or NULL. */
/* A list of class C was empty: malloc will be asked for *N bytes. */
static __attribute__((noinline)) void *missed(size_t *n, size_t c)
{
	if (!decided)
		decide();
	if (keep_max)                   /* a whole class, to be reused as one */
		*n = c << 4;
	return NULL;
}

static inline void *take(size_t *n)
{
	size_t c = *n ? (*n + 15) >> 4 : 1;
	struct block *b = lists[c];

	if (!b)
		return missed(n, c);
	lists[c] = b->next;
	b->key = 0;
	kept -= c << 4;
	return b;
}

static void double_free(void)
{
	static const char msg[] = "free(): double free detected\n";

	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		abort();
	abort();
}

/* Lists block P of class C (1..NCLASS-1), or frees it when the lists are
 * full. */
static void put_class(void *p, size_t c)
{
	struct block *b = p;

	if (kept >= keep_max) {
		__libc_free(p);
		return;
	}
	if (!key) {
		const uintptr_t *r = (const uintptr_t *)getauxval(AT_RANDOM);
		key = (r ? r[0] ^ r[1] : (uintptr_t)&key) | 1;
	}
	if (b->key == key)              /* listed already? */
		for (struct block *l = lists[c]; l; l = l->next)
			if (l == b)
				double_free();
	b->next = lists[c];
	b->key = key;
	lists[c] = b;
	kept += c << 4;
}

/* Lists P, or frees it when it is large or the lists are full.  A block
 * of usable size U (16 * C + 8 for a request of 16 * C bytes) serves
 * class (U - 8) / 16: never more than it holds. */
static void put(void *p)
{
	size_t u = malloc_usable_size(p);

	if (u < 24 || u - 8 > SMALL_MAX)
		__libc_free(p);
	else
		put_class(p, (u - 8) >> 4);
}

void *malloc(size_t n)
{
	void *p = n <= SMALL_MAX ? take(&n) : NULL;

	return p ? p : __libc_malloc(n);
}

void free(void *p)
{
	if (p)
		put(p);
}

void *calloc(size_t n, size_t size)
{
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	return __libc_realloc(p, n);
}

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
	void *p = n <= SMALL_MAX ? take(&n) : NULL;

	if (!p && !(p = __libc_malloc(n)))
		p = new_failed(n);
	return p;
}

void *_Znam(size_t n)
{
	return _Znwm(n);
}

void _ZdlPv(void *p)
{
	if (p)
		put(p);
}

void _ZdaPv(void *p)
{
	_ZdlPv(p);
}

/* A sized delete gets the size new was given (C++ requires it), so the
 * block is of that size's class or larger (_Znwm): no size look-up. */
void _ZdlPvm(void *p, size_t n)
{
	if (!p)
		return;
	if (n > SMALL_MAX)
		put(p);
	else
		put_class(p, n ? (n + 15) >> 4 : 1);
}

void _ZdaPvm(void *p, size_t n)
{
	_ZdlPvm(p, n);
}
#endif
