/* plan_load.h -- turn the bytes of a plan file into a cJSON tree (pl_ prefix).
 *
 * Everything a hostile file can do to a JSON parser is refused here, before
 * cJSON sees it: too large, an embedded NUL, invalid UTF-8, nesting deeper
 * than the limit.  A UTF-8 BOM (Windows editors write one) is skipped. */
#ifndef HOGO_PLAN_LOAD_H
#define HOGO_PLAN_LOAD_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "hogo.h"
#include "jsonpos.h"

/* The parsed tree's memory: cJSON's allocations while this plan is parsed,
 * bumped out of a few chunks and dropped together (plan_load.c). */
typedef struct pl_chunk pl_chunk;
typedef struct pl_arena {
    pl_chunk *chunks;          /* newest first; the first is the one bumped */
    size_t next_cap;           /* size of the next ordinary chunk */
    struct pl_arena *older;    /* the thread's other live arenas */
    int live;                  /* linked into the thread's list (pl_live) */
} pl_arena;

typedef struct {
    const char *buf;       /* the caller's bytes, unchanged */
    size_t len;
    size_t start;          /* 3 after a BOM, else 0 */
    cJSON *root;           /* NULL when loading failed */
    pl_arena arena;        /* root's memory when the hooks are ours */
    jpos *pos;             /* with root: the text's positions, or NULL (then jpos_build) */
    /* on failure: */
    char err[1024];       /* in the language asked for */
    size_t err_off;        /* byte offset of the problem, or (size_t)-1 */
} pl_doc;

/* Returns 1 when root is set; 0 with err/err_off filled, or -1 on out of memory. */
/* lang: the language of err (the slips a Japanese IME user makes are named). */
int  pl_load(pl_doc *d, const char *buf, size_t len, size_t max_bytes, int max_depth, hogo_lang lang);
void pl_release(pl_doc *d);
#endif
