/* regex.c -- cached, limited PCRE2 matching.  See regex.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
/* security: rules can make patterns without end ('a' .. i in a loop), and
 * the cache lives as long as the engine (a whole batch): past these, it is
 * emptied and starts again.  A pack's own patterns number in the hundreds. */
#define RX_MAX_ENTRIES 2048
#define RX_MAX_BYTES   (32u << 20)      /* pattern text + compiled + JIT code */
/* security: the largest hogo.gsub result (it is built outside the Lua
 * state, before the rule's memory budget sees it) */
#define RX_MAX_GSUB    (64u << 20)
/* security: PCRE2 restarts its match limit at every start position, so one
 * unanchored search of n bytes may cost n times the limit: (?=\w*\d) on
 * 200 KB of letters ran for minutes in one pcre2_match call.  A long
 * subject is therefore searched RX_WINDOW start positions per call (the
 * offset limit), and a search that runs past RX_MAX_SEARCH_NS between
 * windows is stopped like one that hits a limit. */
/* security: and PCRE2's match limit counts backtracking points, not the
 * bytes scanned between them: ^(?:(?=[^#]*+[#!])|a)*+$ on 300 KB of 'a'
 * reaches ~2 points per byte but scans the rest of the subject at each,
 * 70 s inside one anchored call.  So the limit of every call is scaled to
 * its subject: at most RX_WORK points x bytes (about a second of scanning),
 * never below RX_MIN_LIMIT nor above the configured limit. */
#define RX_WORK       1000000000ull
#define RX_MIN_LIMIT  1000u
#define RX_WINDOW         64
#define RX_MAX_SEARCH_NS  1000000000ull
#define RX_ERROR_TIME     (-10000)

struct rx_cache {
    rx_entry *bucket[RX_BUCKETS];
    size_t n_entries, bytes;
    int no_jit;
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
    /* HOGO_REGEX_JIT=0: the interpreter only, same limits.  For memcheck:
     * JIT code reads 16 bytes at a time past the end of a subject (aligned,
     * harmless), which valgrind reports unless PCRE2 was built for it. */
    const char *jit = getenv("HOGO_REGEX_JIT");
    c->no_jit = jit && !strcmp(jit, "0");
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

static void rx_cache_clear(rx_cache *c)
{
    for (int b = 0; b < RX_BUCKETS; b++) {
        rx_entry *e = c->bucket[b];
        while (e) {
            rx_entry *n = e->next;
            pcre2_code_free(e->code);
            free(e->flags); free(e->pattern); free(e->error); free(e);
            e = n;
        }
        c->bucket[b] = NULL;
    }
    c->n_entries = 0;
    c->bytes = 0;
}

void rx_cache_free(rx_cache *c)
{
    if (!c) return;
    rx_cache_clear(c);
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
    if (c->n_entries >= RX_MAX_ENTRIES || c->bytes >= RX_MAX_BYTES) rx_cache_clear(c);   /* security */
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
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_USE_OFFSET_LIMIT | rx_flag_bits(flags, &bad);
    char err[160];
    if (bad) {
        snprintf(err, sizeof err, "unknown regex flag '%c' (use i, m, s or x)", bad);
    } else {
        int code;
        PCRE2_SIZE at;
        e->code = pcre2_compile((PCRE2_SPTR)pat, plen, opts, &code, &at, NULL);
        if (e->code) {
            if (!c->no_jit) pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE);
        } else {
            PCRE2_UCHAR buf[120];
            pcre2_get_error_message(code, buf, sizeof buf);
            snprintf(err, sizeof err, "bad regex at offset %zu: %s", (size_t)at, (char *)buf);
        }
    }
    if (!e->code) e->error = strdup(err);
    size_t size = 0, jit = 0;
    if (e->code) {
        pcre2_pattern_info(e->code, PCRE2_INFO_SIZE, &size);
        if (pcre2_pattern_info(e->code, PCRE2_INFO_JITSIZE, &jit) != 0) jit = 0;
    }
    c->bytes += sizeof *e + plen + size + jit;
    c->n_entries++;
    e->next = c->bucket[b];
    c->bucket[b] = e;
    if (e->error) { snprintf(msg, 160, "%s", e->error); return NULL; }
    return e;
}

static uint64_t rx_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* pcre2_match over subject from start, RX_WINDOW start positions at a time
 * (see RX_WINDOW).  Returns pcre2_match's result or RX_ERROR_TIME. */
static void rx_scale_limit(rx_cache *c, size_t n)
{
    uint64_t lim = n ? RX_WORK / n : c->lim.match_limit;
    if (lim < RX_MIN_LIMIT) lim = RX_MIN_LIMIT;
    if (lim > c->lim.match_limit) lim = c->lim.match_limit;
    pcre2_set_match_limit(c->mctx, (uint32_t)lim);
}

static int rx_search(rx_cache *c, const rx_entry *e, const char *subject, size_t slen, size_t start, uint32_t mopts)
{
    rx_scale_limit(c, slen - start);
    uint32_t all = 0;
    pcre2_pattern_info(e->code, PCRE2_INFO_ALLOPTIONS, &all);
    if (slen - start <= RX_WINDOW || ((all | mopts) & PCRE2_ANCHORED))
        return pcre2_match(e->code, (PCRE2_SPTR)subject, slen, start, mopts, c->md, c->mctx);
    uint64_t t0 = rx_now_ns();
    int rc;
    for (size_t from = start;;) {
        size_t lim = from + RX_WINDOW;
        pcre2_set_offset_limit(c->mctx, lim < slen ? lim : PCRE2_UNSET);
        rc = pcre2_match(e->code, (PCRE2_SPTR)subject, slen, from, mopts, c->md, c->mctx);
        if (rc != PCRE2_ERROR_NOMATCH || lim >= slen) break;
        if (rx_now_ns() - t0 > RX_MAX_SEARCH_NS) { rc = RX_ERROR_TIME; break; }
        /* next start: the next character (PCRE2 starts on characters only) */
        for (from = lim + 1; from < slen && ((unsigned char)subject[from] & 0xC0) == 0x80; from++) {}
        /* a later start re-anchors \G and loses "not empty at start": the
         * first window keeps the caller's options, later ones none */
        mopts &= ~(uint32_t)PCRE2_NOTEMPTY_ATSTART;
    }
    pcre2_set_offset_limit(c->mctx, PCRE2_UNSET);
    return rc;
}

static int rx_limit_error(int rc, char *msg)
{
    if (rc == RX_ERROR_TIME) {
        snprintf(msg, 160, "regex stopped: the search ran for more than %d s (the pattern backtracks too much)",
                 (int)(RX_MAX_SEARCH_NS / 1000000000u));
        return -2;
    }
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

/* The match data holds every capture of the pattern (hogo.match returns
 * them all; it used to stop at the ninth). */
static int rx_fit_captures(rx_cache *c, const rx_entry *e)
{
    uint32_t caps = 0;
    pcre2_pattern_info(e->code, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (pcre2_get_ovector_count(c->md) > caps) return 1;
    pcre2_match_data *md = pcre2_match_data_create(caps + 1, NULL);
    if (!md) return 0;
    pcre2_match_data_free(c->md);
    c->md = md;
    return 1;
}

int rx_exec(rx_cache *c, const char *pattern, size_t plen, const char *flags,
            const char *subject, size_t slen, size_t start, rx_match *m)
{
    m->pairs = 0;
    m->msg[0] = '\0';
    rx_entry *e = rx_get(c, pattern, plen, flags, m->msg);
    if (!e) return -1;
    if (!rx_fit_captures(c, e)) { snprintf(m->msg, 160, "out of memory"); return -1; }
    int rc = rx_search(c, e, subject, slen, start, 0);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc < 0) return rx_limit_error(rc, m->msg);
    /* every group of the pattern, unset ones (PCRE2_UNSET) included */
    uint32_t caps = 0;
    pcre2_pattern_info(e->code, PCRE2_INFO_CAPTURECOUNT, &caps);
    m->ovec = pcre2_get_ovector_pointer(c->md);
    m->pairs = (int)caps + 1;
    return m->pairs;
}

/* Global substitution.  security: pcre2_substitute's own global loop runs
 * one unbounded search between matches (see RX_WINDOW), and sizes its
 * result without limit; so matches are found here with rx_search and
 * pcre2_substitute only expands the replacement ($1...) of each one.
 * Empty matches are handled as pcre2_substitute does: after one, retry at
 * the same place, anchored and not empty, else step one character. */
char *rx_gsub(rx_cache *c, const char *pattern, size_t plen, const char *flags,
              const char *subject, size_t slen, const char *repl, size_t rlen,
              size_t *outlen, char msg[160], size_t max)
{
    rx_entry *e = rx_get(c, pattern, plen, flags, msg);
    if (!e) return NULL;
    if (!rx_fit_captures(c, e)) { snprintf(msg, 160, "out of memory"); return NULL; }
    size_t cap = slen + rlen + 64, n = 0;
    char *out = malloc(cap);
    PCRE2_UCHAR *one = NULL;
    size_t one_cap = 0;
    if (!out) { snprintf(msg, 160, "out of memory"); return NULL; }
#define RX_PUT(p, len) do { \
        size_t l_ = (len); \
        if (n + l_ > RX_MAX_GSUB) { snprintf(msg, 160, "substitution result too large (more than %u MiB)", RX_MAX_GSUB >> 20); goto fail; } \
        if (n + l_ > max) { snprintf(msg, 160, "memory budget exceeded (--rule-memory): the substitution's result is larger than what is left"); goto fail; } \
        if (n + l_ > cap) { \
            size_t c_ = cap * 2 > n + l_ ? cap * 2 : n + l_; \
            char *q_ = realloc(out, c_); \
            if (!q_) { snprintf(msg, 160, "out of memory"); goto fail; } \
            out = q_; cap = c_; \
        } \
        memcpy(out + n, (p), l_); n += l_; \
    } while (0)
    size_t pos = 0, copied = 0;
    uint32_t mopts = 0;
    uint64_t t0 = rx_now_ns();
    while (pos <= slen) {
        int rc = rx_search(c, e, subject, slen, pos, mopts);
        if (rc == PCRE2_ERROR_NOMATCH) {
            if (!mopts) break;
            /* nothing non-empty here: keep one character, go on */
            size_t step = 1;
            while (pos + step < slen && ((unsigned char)subject[pos + step] & 0xC0) == 0x80) step++;
            pos += step;
            mopts = 0;
            continue;
        }
        if (rc < 0) { rx_limit_error(rc, msg); goto fail; }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
        if (ov[0] < copied || ov[1] < ov[0]) { snprintf(msg, 160, "regex failed: \\K moved the match backwards"); goto fail; }
        RX_PUT(subject + copied, ov[0] - copied);
        if (!memchr(repl, '$', rlen)) RX_PUT(repl, rlen);   /* nothing to expand */
        else for (;;) {
            PCRE2_SIZE got = one_cap;
            int sr = pcre2_substitute(e->code, (PCRE2_SPTR)subject, slen, 0,
                                      PCRE2_SUBSTITUTE_MATCHED | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY |
                                      PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
                                      c->md, c->mctx, (PCRE2_SPTR)repl, rlen, one ? one : (PCRE2_UCHAR *)"", &got);
            if (sr >= 0) { RX_PUT(one, got); break; }
            if (sr != PCRE2_ERROR_NOMEMORY || got <= one_cap || got > RX_MAX_GSUB) {
                if (sr == PCRE2_ERROR_NOMEMORY) snprintf(msg, 160, "substitution result too large");
                else rx_limit_error(sr, msg);
                goto fail;
            }
            PCRE2_UCHAR *q = realloc(one, got + 1);
            if (!q) { snprintf(msg, 160, "out of memory"); goto fail; }
            one = q;
            one_cap = got + 1;
        }
        copied = ov[1];
        pos = ov[1];
        mopts = ov[0] == ov[1] ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0;
        if (rx_now_ns() - t0 > RX_MAX_SEARCH_NS) { rx_limit_error(RX_ERROR_TIME, msg); goto fail; }
    }
    RX_PUT(subject + copied, slen - copied);
#undef RX_PUT
    free(one);
    *outlen = n;
    return out;
fail:
    free(one);
    free(out);
    return NULL;
}
