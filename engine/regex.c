/* regex.c -- cached, limited PCRE2 matching.  See regex.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rx_entry {
    char *flags;               /* "" or e.g. "i" */
    char *pattern;
    size_t plen;
    unsigned hash;
    pcre2_code *code;
    char *error;               /* compile error, cached so a bad pattern fails fast */
    struct rx_entry *next;
} rx_entry;

#define RX_BUCKETS 1024

struct rx_cache {
    rx_entry *bucket[RX_BUCKETS];
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack;
    rx_limits lim;
};

rx_cache *rx_cache_new(const rx_limits *lim)
{
    rx_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->lim = *lim;
    c->md = pcre2_match_data_create(10, NULL);
    c->mctx = pcre2_match_context_create(NULL);
    if (!c->md || !c->mctx) { rx_cache_free(c); return NULL; }
    pcre2_set_match_limit(c->mctx, lim->match_limit);
    pcre2_set_depth_limit(c->mctx, lim->depth_limit);
    pcre2_set_heap_limit(c->mctx, lim->heap_limit_kib);
    /* JIT is optional: where the platform lacks it, the interpreter runs
     * with the same limits. */
    c->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (c->jit_stack) pcre2_jit_stack_assign(c->mctx, NULL, c->jit_stack);
    return c;
}

void rx_cache_free(rx_cache *c)
{
    if (!c) return;
    for (int b = 0; b < RX_BUCKETS; b++) {
        rx_entry *e = c->bucket[b];
        while (e) {
            rx_entry *n = e->next;
            pcre2_code_free(e->code);
            free(e->flags); free(e->pattern); free(e->error); free(e);
            e = n;
        }
    }
    pcre2_match_data_free(c->md);
    pcre2_match_context_free(c->mctx);
    if (c->jit_stack) pcre2_jit_stack_free(c->jit_stack);
    free(c);
}

/* FNV-1a over the flags, the length and three samples of the pattern
 * (start, middle, end): cheap for the long alternations rules build, and a
 * full memcmp confirms every hit anyway. */
static unsigned rx_hash(const char *flags, const char *p, size_t n)
{
    unsigned h = 2166136261u;
    for (; *flags; flags++) h = (h ^ (unsigned char)*flags) * 16777619u;
    h = (h ^ (unsigned)n) * 16777619u;
    size_t cuts[3][2] = { { 0, n < 24 ? n : 24 }, { n / 2, n / 2 + (n - n / 2 < 16 ? n - n / 2 : 16) },
                          { n > 24 ? n - 24 : 0, n } };
    for (int k = 0; k < 3; k++)
        for (size_t i = cuts[k][0]; i < cuts[k][1]; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static uint32_t rx_flag_bits(const char *flags, char *bad)
{
    uint32_t o = 0;
    for (; flags && *flags; flags++) {
        switch (*flags) {
        case 'i': o |= PCRE2_CASELESS; break;
        case 'm': o |= PCRE2_MULTILINE; break;
        case 's': o |= PCRE2_DOTALL; break;
        case 'x': o |= PCRE2_EXTENDED; break;
        default: *bad = *flags; return 0;
        }
    }
    return o;
}

/* Find or compile the pattern; NULL with msg when it does not compile.
 * The look-up allocates nothing: it runs for every hogo.test of every rule. */
static rx_entry *rx_get(rx_cache *c, const char *pat, size_t plen, const char *flags, char *msg)
{
    if (!flags) flags = "";
    unsigned h = rx_hash(flags, pat, plen);
    unsigned b = h % RX_BUCKETS;
    for (rx_entry *e = c->bucket[b]; e; e = e->next) {
        if (e->hash == h && e->plen == plen && memcmp(e->pattern, pat, plen) == 0 && !strcmp(e->flags, flags)) {
            if (e->error) { snprintf(msg, 160, "%s", e->error); return NULL; }
            return e;
        }
    }
    rx_entry *e = calloc(1, sizeof *e);
    if (e) {
        e->flags = strdup(flags);
        e->pattern = malloc(plen + 1);
    }
    if (!e || !e->flags || !e->pattern) {
        if (e) { free(e->flags); free(e->pattern); free(e); }
        snprintf(msg, 160, "out of memory");
        return NULL;
    }
    memcpy(e->pattern, pat, plen);
    e->pattern[plen] = '\0';
    e->plen = plen;
    e->hash = h;
    char bad = 0;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | rx_flag_bits(flags, &bad);
    char err[160];
    if (bad) {
        snprintf(err, sizeof err, "unknown regex flag '%c' (use i, m, s or x)", bad);
    } else {
        int code;
        PCRE2_SIZE at;
        e->code = pcre2_compile((PCRE2_SPTR)pat, plen, opts, &code, &at, NULL);
        if (e->code) {
            pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE);
        } else {
            PCRE2_UCHAR buf[120];
            pcre2_get_error_message(code, buf, sizeof buf);
            snprintf(err, sizeof err, "bad regex at offset %zu: %s", (size_t)at, (char *)buf);
        }
    }
    if (!e->code) e->error = strdup(err);
    e->next = c->bucket[b];
    c->bucket[b] = e;
    if (e->error) { snprintf(msg, 160, "%s", e->error); return NULL; }
    return e;
}

static int rx_limit_error(int rc, char *msg)
{
    PCRE2_UCHAR buf[96];
    pcre2_get_error_message(rc, buf, sizeof buf);
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        snprintf(msg, 160, "regex stopped: %s (the pattern backtracks too much)", (char *)buf);
        return -2;
    }
    snprintf(msg, 160, "regex failed: %s", (char *)buf);
    return -1;
}

int rx_exec(rx_cache *c, const char *pattern, size_t plen, const char *flags,
            const char *subject, size_t slen, size_t start, rx_match *m)
{
    m->pairs = 0;
    m->msg[0] = '\0';
    rx_entry *e = rx_get(c, pattern, plen, flags, m->msg);
    if (!e) return -1;
    int rc = pcre2_match(e->code, (PCRE2_SPTR)subject, slen, start, 0, c->md, c->mctx);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc < 0) return rx_limit_error(rc, m->msg);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    int pairs = rc == 0 ? 10 : rc;
    if (pairs > 10) pairs = 10;
    for (int i = 0; i < 2 * pairs; i++) m->ovec[i] = ov[i];
    m->pairs = pairs;
    return pairs;
}

char *rx_gsub(rx_cache *c, const char *pattern, size_t plen, const char *flags,
              const char *subject, size_t slen, const char *repl, size_t rlen,
              size_t *outlen, char msg[160])
{
    rx_entry *e = rx_get(c, pattern, plen, flags, msg);
    if (!e) return NULL;
    uint32_t o = PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH;
    PCRE2_SIZE n = slen + rlen + 64;
    for (int attempt = 0; attempt < 2; attempt++) {
        PCRE2_UCHAR *out = malloc(n + 1);
        if (!out) { snprintf(msg, 160, "out of memory"); return NULL; }
        PCRE2_SIZE got = n + 1;
        int rc = pcre2_substitute(e->code, (PCRE2_SPTR)subject, slen, 0, o, c->md, c->mctx,
                                  (PCRE2_SPTR)repl, rlen, out, &got);
        if (rc >= 0) { *outlen = got; return (char *)out; }
        free(out);
        if (rc != PCRE2_ERROR_NOMEMORY) { rx_limit_error(rc, msg); return NULL; }
        n = got;   /* PCRE2_SUBSTITUTE_OVERFLOW_LENGTH told us the size */
    }
    snprintf(msg, 160, "substitution result too large");
    return NULL;
}
