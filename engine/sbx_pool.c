/* sbx_pool.c -- the small blocks of the Lua state (sandbox.h): one pool per
 * state, of size classes in SBX_POOL_STEP steps up to SBX_POOL_MAX bytes,
 * each a free list, carved from pages of chunks the pool maps itself.
 *
 * Why: a screen allocates and frees some 1,500 small blocks a plan (strings,
 * tables, closures), and malloc/free were a tenth of all cycles; a free list
 * pop or push is a few instructions.  Lua tells the size of every block it
 * frees (osize), so the class of a block is known without a header.
 *
 * What it must not change: the memory budget counts the bytes Lua asks for
 * (sandbox.c, as before); the pool only decides where they live.  And a
 * long batch must not hold more memory than before.  A page holds blocks of
 * one class only; once the free blocks are many (a large plan's tables
 * collected), the pages all free are given back to the system
 * (sbx_pool_trim: madvise, the address range kept for later pages), so
 * that a large plan's tables do not stay resident for ever (a server keeps
 * its engines: issue 20).  Pages, not larger slabs: a few blocks that
 * outlive a large plan, scattered over its memory, pinned most 64 KiB
 * slabs.  One state, one thread: no locks. */
#define _GNU_SOURCE
#include "sandbox.h"
#include "sbx_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SBX_PAGE        ((size_t)4096)
#define SBX_CHUNK       ((size_t)1024 * 1024)         /* mapped at once */
#define SBX_CHUNK_PAGES (SBX_CHUNK / SBX_PAGE)
/* free bytes above which pages are given back (when they are also more
 * than the live ones: sandbox.c's sbx_release), and twice what a trim
 * could not give back (pages with a live block), so trims stay rare */
#define SBX_POOL_SLACK  ((size_t)4 * 1024 * 1024)

void sbx_pool_init(sbx_pool *p)
{
    memset(p, 0, sizeof *p);
    p->trim_at = SBX_POOL_SLACK;
}

/* Unmap every chunk (the state is closed: no block is live). */
void sbx_pool_free(sbx_pool *p)
{
    for (size_t i = 0; i < p->n_chunks; i++) munmap(p->chunks[i], SBX_CHUNK);
    free(p->chunks);
    free(p->spare);
    sbx_pool_init(p);
}

/* Room for one more pointer in *v (of *cap). */
static int sbx_pool_room(void ***v, size_t n, size_t *cap)
{
    if (n < *cap) return 1;
    size_t c = *cap ? *cap * 2 : 64;
    void **m = realloc(*v, c * sizeof *m);
    if (!m) return 0;
    *v = m;
    *cap = c;
    return 1;
}

/* A page for a class: one given back earlier, else the next of the chunk
 * being cut, else a new chunk. */
static char *sbx_pool_page(sbx_pool *p)
{
    if (p->n_spare) return p->spare[--p->n_spare];
    if (p->cut == p->cut_end) {
        if (!sbx_pool_room(&p->chunks, p->n_chunks, &p->cap_chunks)) return NULL;
        void *m = mmap(NULL, SBX_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) return NULL;
        p->chunks[p->n_chunks++] = m;
        p->cut = m;
        p->cut_end = (char *)m + SBX_CHUNK;
    }
    char *g = p->cut;
    p->cut += SBX_PAGE;
    return g;
}

/* A block of class c when its free list is empty: carved from the class's
 * page, or from a new page (as many whole blocks as fit in it). */
void *sbx_pool_carve(sbx_pool *p, unsigned c)
{
    size_t sz = ((size_t)c + 1) * SBX_POOL_STEP;
    if (p->bump[c] == p->bump_end[c]) {
        char *g = sbx_pool_page(p);
        if (!g) return NULL;
        p->bump[c] = g;
        p->bump_end[c] = g + SBX_PAGE / sz * sz;
        p->page_bytes += SBX_PAGE;
    }
    void *b = p->bump[c];
    p->bump[c] += sz;
    p->live += sz;
    return b;
}

static int sbx_pool_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
    return x < y ? -1 : x > y;
}

/* The index of the page that holds b, over the chunks (sorted). */
static size_t sbx_pool_find(const sbx_pool *p, const void *b)
{
    size_t lo = 0, hi = p->n_chunks;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)p->chunks[mid] <= (uintptr_t)b) lo = mid; else hi = mid;
    }
    return lo * SBX_CHUNK_PAGES + ((uintptr_t)b - (uintptr_t)p->chunks[lo]) / SBX_PAGE;
}

static char *sbx_pool_page_at(const sbx_pool *p, size_t i)
{
    return (char *)p->chunks[i / SBX_CHUNK_PAGES] + i % SBX_CHUNK_PAGES * SBX_PAGE;
}

/* Count the free blocks of each page (those in the free lists, and those
 * not yet carved from a class's page); 1 in full[i] when page i has no
 * live block. */
static void sbx_pool_count(const sbx_pool *p, uint16_t *n, unsigned char *full)
{
    for (unsigned c = 0; c < SBX_POOL_CLASSES; c++) {
        size_t sz = ((size_t)c + 1) * SBX_POOL_STEP, per = SBX_PAGE / sz;
        for (void *b = p->free[c]; b; b = *(void **)b) {
            size_t i = sbx_pool_find(p, b);
            if (++n[i] == per) full[i] = 1;
        }
        if (p->bump[c] != p->bump_end[c]) {
            size_t i = sbx_pool_find(p, p->bump[c]);
            n[i] = (uint16_t)(n[i] + (size_t)(p->bump_end[c] - p->bump[c]) / sz);
            if (n[i] == per) full[i] = 1;
        }
    }
}

/* Drop the blocks of the pages marked in full from the free lists and the
 * classes' pages, give the pages back and keep them for later. */
static size_t sbx_pool_release(sbx_pool *p, const unsigned char *full, size_t pages)
{
    for (unsigned c = 0; c < SBX_POOL_CLASSES; c++) {
        void **link = &p->free[c];
        while (*link) {
            void *b = *link;
            if (full[sbx_pool_find(p, b)]) *link = *(void **)b;
            else link = (void **)b;
        }
        if (p->bump[c] != p->bump_end[c] && full[sbx_pool_find(p, p->bump[c])]) p->bump[c] = p->bump_end[c] = NULL;
    }
    size_t given = 0;
    for (size_t i = 0; i < pages;) {
        if (!full[i]) { i++; continue; }
        size_t j = i + 1;
        while (j < pages && full[j] && j % SBX_CHUNK_PAGES) j++;     /* a run within one chunk */
        madvise(sbx_pool_page_at(p, i), (j - i) * SBX_PAGE, MADV_DONTNEED);
        for (; i < j; i++, given++)
            if (sbx_pool_room(&p->spare, p->n_spare, &p->cap_spare)) p->spare[p->n_spare++] = sbx_pool_page_at(p, i);
    }
    return given;
}

/* Give back the pages with no live block (pages not cut yet, or given
 * back before, hold no free block and are not counted).  Runs in a free
 * once the free blocks passed their mark: a walk of the free blocks, rare. */
void sbx_pool_trim(sbx_pool *p)
{
    size_t pages = p->n_chunks * SBX_CHUNK_PAGES;
    uint16_t *n = calloc(pages ? pages : 1, sizeof *n);
    unsigned char *full = calloc(pages ? pages : 1, 1);
    if (n && full) {
        qsort(p->chunks, p->n_chunks, sizeof *p->chunks, sbx_pool_cmp);
        sbx_pool_count(p, n, full);
        p->page_bytes -= sbx_pool_release(p, full, pages) * SBX_PAGE;
    }
    free(n);
    free(full);
    size_t left = p->page_bytes - p->live;
    p->trim_at = left * 2 > SBX_POOL_SLACK ? left * 2 : SBX_POOL_SLACK;
}
