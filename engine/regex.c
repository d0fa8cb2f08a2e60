/* regex.c -- cached, limited PCRE2 matching, with a Hyperscan prefilter in
 * front of it.  See regex.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"
#include "hogo_limits.h"
#include "rx_lit.h"
#include "rx_hs.h"

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
    int pf_state;              /* prefilter: RX_PF_UNKNOWN, _NO (PCRE2 alone), _WAITING (for a build), _IN */
    int pf_id;                 /* its id in the prefilter database, -1 when not in it */
    unsigned pf_flags;         /* the Hyperscan flags it is compiled with */
    char *pf_text;             /* the widened pattern Hyperscan compiles (rx_pf_widen) */
    uint32_t caps;             /* capture groups (PCRE2_INFO_CAPTURECOUNT) */
    int anchored;              /* compiled anchored (PCRE2_INFO_ALLOPTIONS) */
    rxl_set *lit;              /* its required literals (rx_lit.h), NULL when none */
    int lit_done;              /* lit worked out */
    int jit_done;              /* JIT compiling tried (rx_jit) */
    struct rx_entry *next;
} rx_entry;

/* ---- the prefilter: see regex.h ----
 * Patterns reach the engine one hogo.test at a time, as rules run, so the
 * database is built from the patterns the first plans used: after plan 1
 * and plan 16 (rx_prefilter_tick), when new ones have come since the last
 * build -- and only when HOGO_REGEX_PREFILTER asks for it (regex.h).  A pattern seen later, or that Hyperscan cannot take even as
 * a prefilter, goes to PCRE2 alone.  One scan of a text gives the set of
 * patterns that may match it; the set is kept for the text (by content, in
 * RX_PF_SLOTS slots), so the pack's many tests of one plan's prose scan it
 * once. */
enum { RX_PF_UNKNOWN = 0, RX_PF_NO, RX_PF_WAITING, RX_PF_IN };
#define RX_PF_SLOTS       64
#define RX_PF_MIN_SUBJECT 64

typedef struct {
    uint64_t hash;
    size_t len;
    char *text;                /* NULL: empty slot */
    uint64_t *bits;            /* pattern ids that may match */
} rx_pf_slot;

/* ---- the literal prefilter: see rx_lit.h ----
 * The grams of the texts searched last, by the content of the subject
 * (a hash, confirmed by comparing the whole text, so a text is never
 * mistaken for another; rx_lit_slot_of).  Emptied at every plan (rx_prefilter_tick): nothing of one plan's
 * texts is kept into the next.  Two slots a hash (the one used longer ago
 * is replaced): with one, a fifth of a plan's builds were of a text built
 * before in the same plan, pushed out by another of the same slot. */
#define RX_LIT_SLOTS 32
typedef struct {
    const char *at;            /* the subject's address last seen; NULL: empty */
    unsigned long used;        /* when last used (rx_cache's lit_clock) */
    size_t len;
    uint64_t hash;             /* rx_pf_hash of the text */
    char *text;                /* its copy, to confirm a hit */
    size_t text_cap;
    rxl_grams grams;
} rx_lit_slot;

#define RX_BUCKETS 1024
/* security: rules can make patterns without end ('a' .. i in a loop), and
 * the cache lives as long as the engine (a whole batch): past
 * HOGO_MAX_REGEX_CACHE patterns or HOGO_MAX_REGEX_CACHE_BYTES (pattern text
 * + compiled + JIT code) it is emptied and starts again.  A pack's own
 * patterns number in the hundreds.  A hogo.gsub result is built outside
 * the Lua state, before the rule's memory budget sees it: at most
 * HOGO_MAX_GSUB_BYTES (hogo_limits.h). */
/* security: PCRE2 restarts its match limit at every start position, so one
 * unanchored search of n bytes may cost n times the limit: (?=\w*\d) on
 * 200 KB of letters ran for minutes in one pcre2_match call.  A long
 * subject is therefore searched RX_WINDOW start positions per call (the
 * offset limit), and a search that runs past HOGO_MAX_REGEX_SEARCH_NS between
 * windows is stopped like one that hits a limit. */
/* security: and PCRE2's match limit counts backtracking points, not the
 * bytes scanned between them: ^(?:(?=[^#]*+[#!])|a)*+$ on 300 KB of 'a'
 * reaches ~2 points per byte but scans the rest of the subject at each,
 * 70 s inside one anchored call.  So the limit of every call is scaled to
 * its subject: at most HOGO_REGEX_WORK points x bytes (about a second of scanning),
 * never below HOGO_REGEX_MIN_MATCH nor above the configured limit. */
#define RX_WINDOW         64
#define RX_ONE_CALL_MAX   8192          /* bytes: searched in one call first (rx_search) */
#define RX_ERROR_TIME     (-10000)

/* The entry last found for a pattern at an address: rules pass the same
 * Lua string again and again (a constant of the rule, or a pattern kept by
 * a library), so its address finds the entry without hashing the pattern;
 * the pattern is still compared whole, so an address reused by another
 * string is never mistaken for it. */
#define RX_PTR_SLOTS 512
typedef struct {
    const char *at;
    rx_entry *e;
} rx_ptr_slot;

struct rx_cache {
    rx_entry *bucket[RX_BUCKETS];
    rx_ptr_slot ptr[RX_PTR_SLOTS];
    size_t n_entries, bytes;
    int no_jit;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack;
    rx_limits lim;
    /* the prefilter */
    int pf_off;                /* HOGO_REGEX_PREFILTER=0 */
    hs_database_t *db;
    hs_scratch_t *scratch;
    unsigned db_n;             /* patterns in db (ids 0..db_n-1) */
    unsigned pf_new;           /* patterns compiled since the last build */
    unsigned long plans;       /* rx_prefilter_tick calls */
    unsigned long pf_at;       /* build after this many plans (and 16 times as many); 0 never */
    size_t pf_min;             /* shorter texts go to PCRE2 alone */
    rx_pf_slot slot[RX_PF_SLOTS];
    rx_prefilter_stats pf_stats;
    /* the literal prefilter */
    int lit_off;               /* HOGO_REGEX_LITERALS=0 */
    rx_lit_slot lit_slot[RX_LIT_SLOTS];
    rx_lit_slot *lit_last;     /* the slot used last */
    unsigned long lit_clock;   /* lit_slot look-ups so far */
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
    /* the prefilter is built only when asked (regex.h): HOGO_REGEX_PREFILTER=1
     * after the first plan and the 16th, =all also for texts under 64 bytes */
    const char *pf = getenv("HOGO_REGEX_PREFILTER");
    c->pf_min = RX_PF_MIN_SUBJECT;
    if (pf && !strcmp(pf, "1")) c->pf_at = 1;
    if (pf && !strcmp(pf, "all")) c->pf_at = 1, c->pf_min = 0;
    /* Hyperscan is opened only now (rx_hs.h); without it, PCRE2 alone */
    if (c->pf_at && !rx_hs_open()) c->pf_at = 0;
    c->pf_off = c->pf_at == 0;
    /* the literal prefilter: on unless HOGO_REGEX_LITERALS=0 */
    const char *lit = getenv("HOGO_REGEX_LITERALS");
    c->lit_off = lit && !strcmp(lit, "0");
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

static void rx_pf_drop(rx_cache *c)
{
    for (int i = 0; i < RX_PF_SLOTS; i++) {
        free(c->slot[i].text);
        free(c->slot[i].bits);
        c->slot[i] = (rx_pf_slot){ 0 };
    }
    if (c->db) rx_hs.free_database(c->db);
    c->db = NULL;
    c->db_n = 0;
}

static void rx_cache_clear(rx_cache *c)
{
    rx_pf_drop(c);
    c->pf_new = 0;
    for (int b = 0; b < RX_BUCKETS; b++) {
        rx_entry *e = c->bucket[b];
        while (e) {
            rx_entry *n = e->next;
            pcre2_code_free(e->code);
            rxl_free(e->lit);
            free(e->flags); free(e->pattern); free(e->error); free(e->pf_text); free(e);
            e = n;
        }
        c->bucket[b] = NULL;
    }
    memset(c->ptr, 0, sizeof c->ptr);
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
    if (c->scratch) rx_hs.free_scratch(c->scratch);
    for (int i = 0; i < RX_LIT_SLOTS; i++) {
        free(c->lit_slot[i].text);
        rxl_grams_free(&c->lit_slot[i].grams);
    }
    free(c);
}

/* A hash of the flags, the length and three samples of the pattern (start,
 * middle, end), eight bytes at a step: cheap for the long alternations
 * rules build (it runs at every hogo.test), and a full memcmp confirms
 * every hit anyway. */
static uint64_t rx_mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static unsigned rx_hash(const char *flags, const char *p, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull ^ n;
    for (; *flags; flags++) h = rx_mix(h, (unsigned char)*flags);
    size_t cuts[3][2] = { { 0, n < 24 ? n : 24 }, { n / 2, n / 2 + (n - n / 2 < 16 ? n - n / 2 : 16) },
                          { n > 24 ? n - 24 : 0, n } };
    for (int k = 0; k < 3; k++) {
        size_t i = cuts[k][0], end = cuts[k][1];
        for (; i + 8 <= end; i += 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            h = rx_mix(h, w);
        }
        if (i < end) {
            uint64_t w = 0;
            memcpy(&w, p + i, end - i);
            h = rx_mix(h, w ^ (uint64_t)(end - i) << 59);
        }
    }
    return (unsigned)(h ^ (h >> 32));
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

static rx_entry *rx_add(rx_cache *c, const char *pat, size_t plen, const char *flags, char *msg);

/* Find or compile the pattern; NULL with msg when it does not compile.
 * The look-up allocates nothing: it runs for every hogo.test of every rule. */
static rx_entry *rx_get(rx_cache *c, const char *pat, size_t plen, const char *flags, char *msg)
{
    if (!flags) flags = "";
    uintptr_t a = (uintptr_t)pat;
    rx_ptr_slot *q = &c->ptr[((a >> 4) ^ (a >> 13)) % RX_PTR_SLOTS];
    rx_entry *e = q->e;
    if (!(q->at == pat && e->plen == plen && memcmp(e->pattern, pat, plen) == 0 && !strcmp(e->flags, flags))) {
        unsigned h = rx_hash(flags, pat, plen);
        for (e = c->bucket[h % RX_BUCKETS]; e; e = e->next)
            if (e->hash == h && e->plen == plen && memcmp(e->pattern, pat, plen) == 0 && !strcmp(e->flags, flags)) break;
        if (e) *q = (rx_ptr_slot){ pat, e };
    }
    if (e) {
        if (e->error) { snprintf(msg, 160, "%s", e->error); return NULL; }
        return e;
    }
    return rx_add(c, pat, plen, flags, msg);
}

/* Compile the pattern into a new entry of the cache (rx_get). */
static rx_entry *rx_add(rx_cache *c, const char *pat, size_t plen, const char *flags, char *msg)
{
    unsigned h = rx_hash(flags, pat, plen);
    unsigned b = h % RX_BUCKETS;
    if (c->n_entries >= HOGO_MAX_REGEX_CACHE || c->bytes >= HOGO_MAX_REGEX_CACHE_BYTES) rx_cache_clear(c);   /* security */
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
            uint32_t all = 0;
            pcre2_pattern_info(e->code, PCRE2_INFO_ALLOPTIONS, &all);
            e->anchored = (all & PCRE2_ANCHORED) != 0;
            pcre2_pattern_info(e->code, PCRE2_INFO_CAPTURECOUNT, &e->caps);
        } else {
            PCRE2_UCHAR buf[120];
            pcre2_get_error_message(code, buf, sizeof buf);
            snprintf(err, sizeof err, "bad regex at offset %zu: %s", (size_t)at, (char *)buf);
        }
    }
    if (!e->code) e->error = strdup(err);
    e->pf_id = -1;
    e->pf_state = e->code ? RX_PF_UNKNOWN : RX_PF_NO;
    c->pf_new += e->code != NULL;
    size_t size = 0;
    if (e->code) pcre2_pattern_info(e->code, PCRE2_INFO_SIZE, &size);
    c->bytes += sizeof *e + plen + size;
    c->n_entries++;
    e->next = c->bucket[b];
    c->bucket[b] = e;
    if (e->error) { snprintf(msg, 160, "%s", e->error); return NULL; }
    return e;
}

/* ---- widening a pattern for the prefilter ----
 * Hyperscan compiles the pack's bounded repeats of UTF-8 classes
 * ([^。]{0,30}) slowly: 2.2 s for the ~200 patterns of a batch.  A
 * prefilter may match more than the pattern, never less, so each pattern
 * is widened first, in ways that can only add matches: every lookaround
 * assertion is dropped (an assertion only takes matches away) and every
 * counted repeat {m,n} becomes * (zero or more of the same).  Patterns
 * where that could narrow instead -- a back-reference (group numbers move),
 * a possessive repeat, a quantified assertion, \Q quoting, a comment --
 * are not widened and go to PCRE2 alone.  NULL: not widened. */

/* Index just past the group opening at p[i] == '(' (its matching ')'), or 0. */
static size_t rx_skip_group(const char *p, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        char ch = p[i];
        if (ch == '\\') { i += 2; continue; }
        if (ch == '[') {                      /* a class: ']' first is literal */
            i++;
            if (i < n && p[i] == '^') i++;
            if (i < n && p[i] == ']') i++;
            while (i < n && p[i] != ']') {
                if (p[i] == '\\') i++;
                else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
                    const char *end = memchr(p + i + 2, ']', n - i - 2);
                    if (end) i = (size_t)(end - p);
                }
                i++;
            }
            i++;
            continue;
        }
        if (ch == '(') depth++;
        else if (ch == ')' && --depth == 0) return i + 1;
        i++;
    }
    return 0;
}

/* Length of the counted repeat {m}, {m,} or {m,n} at p[i], or 0 if what is
 * there is a literal brace (PCRE2 10.42 reads {,n} as literal text). */
static size_t rx_count_len(const char *p, size_t n, size_t i)
{
    size_t j = i + 1, d = 0;
    while (j < n && p[j] >= '0' && p[j] <= '9') { j++; d++; }
    if (!d) return 0;
    if (j < n && p[j] == ',') {
        j++;
        while (j < n && p[j] >= '0' && p[j] <= '9') j++;
    }
    return j < n && p[j] == '}' ? j + 1 - i : 0;
}

static char *rx_pf_widen(const char *p, size_t n)
{
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        char ch = p[i];
        if (ch == '\\') {
            if (i + 1 >= n) goto fail;
            char nx = p[i + 1];
            if ((nx >= '1' && nx <= '9') || nx == 'g' || nx == 'k' || nx == 'Q') goto fail;
            size_t j = i + 2;
            while (j < n && ((unsigned char)p[j] & 0xC0) == 0x80) j++;   /* an escaped non-ASCII character */
            if (j < n && p[j] == '{' && strchr("xopPN", nx)) {          /* \x{..} \p{..} ... */
                const char *end = memchr(p + j, '}', n - j);
                if (!end) goto fail;
                j = (size_t)(end - p) + 1;
            }
            memcpy(out + o, p + i, j - i);
            o += j - i;
            i = j;
            continue;
        }
        if (ch == '[') {
            size_t j = i + 1;
            if (j < n && p[j] == '^') j++;
            if (j < n && p[j] == ']') j++;
            while (j < n && p[j] != ']') {
                if (p[j] == '\\') j++;
                else if (p[j] == '[' && j + 1 < n && p[j + 1] == ':') {
                    const char *end = memchr(p + j + 2, ']', n - j - 2);
                    if (end) j = (size_t)(end - p);
                }
                j++;
            }
            if (j >= n) goto fail;
            memcpy(out + o, p + i, j + 1 - i);
            o += j + 1 - i;
            i = j + 1;
            continue;
        }
        if (ch == '(' && i + 1 < n && p[i + 1] == '*') goto fail;     /* (*VERB) */
        if (ch == '(' && i + 2 < n && p[i + 1] == '?') {
            /* only (?: (?= (?! (?<= (?<! (?<name> (?P<name> (?'name' and flags
             * (?i) (?i:; atomic groups, conditionals, recursion and
             * comments are not widened */
            char g = p[i + 2];
            int flags_only = 1;
            size_t j = i + 2;
            while (j < n && ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z') || p[j] == '-' || p[j] == '^')) j++;
            flags_only = j > i + 2 && j < n && (p[j] == ')' || p[j] == ':') && g != 'P';
            if (!(g == ':' || g == '=' || g == '!' || g == '<' || g == '\'' || flags_only ||
                  (g == 'P' && i + 3 < n && p[i + 3] == '<')))
                goto fail;
            int look = p[i + 2] == '=' || p[i + 2] == '!' ||
                       (p[i + 2] == '<' && i + 3 < n && (p[i + 3] == '=' || p[i + 3] == '!'));
            if (look) {
                size_t j = rx_skip_group(p, n, i);
                if (!j) goto fail;
                if (j < n && (p[j] == '*' || p[j] == '+' || p[j] == '?' || (p[j] == '{' && rx_count_len(p, n, j))))
                    goto fail;
                i = j;
                continue;
            }
        }
        if (ch == '{') {
            size_t k = rx_count_len(p, n, i);
            if (k) {
                if (i + k < n && p[i + k] == '+') goto fail;
                out[o++] = '*';
                i += k;
                continue;
            }
        }
        if ((ch == '*' || ch == '+' || ch == '?') && i + 1 < n && p[i + 1] == '+') goto fail;
        out[o++] = ch;
        i++;
    }
    out[o] = '\0';
    return out;
fail:
    free(out);
    return NULL;
}

/* ---- the prefilter ---- */

/* Whether Hyperscan can take the pattern as a prefilter: flags it has an
 * equivalent for, no NUL (its patterns are C strings), a size it may be
 * asked to compile, and never an empty match (an empty text is not scanned
 * at all, and PCRE2 could match it). */
static void rx_pf_classify(rx_cache *c, rx_entry *e)
{
    e->pf_state = RX_PF_NO;
    if (c->pf_off || e->plen > HOGO_MAX_PREFILTER_PATTERN || memchr(e->pattern, '\0', e->plen)) return;
    unsigned f = HS_FLAG_PREFILTER | HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SINGLEMATCH;
    for (const char *p = e->flags; *p; p++) {
        if (*p == 'i') f |= HS_FLAG_CASELESS;
        else if (*p == 'm') f |= HS_FLAG_MULTILINE;
        else if (*p == 's') f |= HS_FLAG_DOTALL;
        else return;                       /* 'x': no Hyperscan flag; PCRE2 alone */
    }
    char *wide = rx_pf_widen(e->pattern, e->plen);
    if (!wide) { c->pf_stats.rejected++; return; }
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *err = NULL;
    if (rx_hs.expression_info(wide, f, &info, &err) != HS_SUCCESS) {
        rx_hs.free_compile_error(err);
        free(wide);
        c->pf_stats.rejected++;
        return;
    }
    int ok = info->min_width > 0;
    free(info);
    if (!ok) { free(wide); c->pf_stats.rejected++; return; }
    e->pf_text = wide;
    e->pf_flags = f;
    e->pf_state = RX_PF_WAITING;
}

/* Compile every eligible pattern of the cache into one database.  A pattern
 * the multi-compile refuses (hs_expression_info accepts some it cannot
 * compile) is left to PCRE2 and the rest compiled again. */
void rx_prefilter_build(rx_cache *c)
{
    for (int b = 0; b < RX_BUCKETS; b++)
        for (rx_entry *e = c->bucket[b]; e; e = e->next)
            if (e->pf_state == RX_PF_UNKNOWN) rx_pf_classify(c, e);
    rx_entry **list = malloc(HOGO_MAX_PREFILTER_IDS * sizeof *list);
    const char **pats = malloc(HOGO_MAX_PREFILTER_IDS * sizeof *pats);
    unsigned *flags = malloc(HOGO_MAX_PREFILTER_IDS * sizeof *flags), *ids = malloc(HOGO_MAX_PREFILTER_IDS * sizeof *ids);
    unsigned n = 0;
    if (list && pats && flags && ids)
        for (int b = 0; b < RX_BUCKETS; b++)
            for (rx_entry *e = c->bucket[b]; e; e = e->next)
                if ((e->pf_state == RX_PF_WAITING || e->pf_id >= 0) && n < HOGO_MAX_PREFILTER_IDS) list[n++] = e;
    hs_database_t *db = NULL;
    for (int tries = 0; n && tries < 32; tries++) {
        for (unsigned i = 0; i < n; i++) { pats[i] = list[i]->pf_text; flags[i] = list[i]->pf_flags; ids[i] = i; }
        hs_compile_error_t *err = NULL;
        if (rx_hs.compile_multi(pats, flags, ids, n, HS_MODE_BLOCK, NULL, &db, &err) == HS_SUCCESS) break;
        int bad = err ? err->expression : -1;
        rx_hs.free_compile_error(err);
        db = NULL;
        if (bad < 0 || (unsigned)bad >= n) break;
        list[bad]->pf_state = RX_PF_NO;
        list[bad]->pf_id = -1;
        free(list[bad]->pf_text);
        list[bad]->pf_text = NULL;
        list[bad] = list[--n];
        c->pf_stats.rejected++;
    }
    c->pf_new = 0;
    if (db && rx_hs.alloc_scratch(db, &c->scratch) != HS_SUCCESS) { rx_hs.free_database(db); db = NULL; }
    if (db) {
        rx_pf_drop(c);
        for (int b = 0; b < RX_BUCKETS; b++)
            for (rx_entry *e = c->bucket[b]; e; e = e->next) e->pf_id = -1;
        for (unsigned i = 0; i < n; i++) { list[i]->pf_id = (int)i; list[i]->pf_state = RX_PF_IN; }
        c->db = db;
        c->db_n = n;
        c->pf_stats.builds++;
        c->pf_stats.patterns = n;
    }
    free(list); free(pats); free(flags); free(ids);
}

void rx_prefilter_tick(rx_cache *c)
{
    if (!c) return;
    for (int i = 0; i < RX_LIT_SLOTS; i++) c->lit_slot[i].at = NULL;   /* nothing into the next plan */
    c->lit_last = NULL;
    if (c->pf_off || !c->pf_at) return;
    unsigned long p = ++c->plans;
    if ((p == c->pf_at || p == c->pf_at * 16) && c->pf_new) rx_prefilter_build(c);
}

void rx_prefilter_stats_get(const rx_cache *c, rx_prefilter_stats *out)
{
    *out = c->pf_stats;
}

/* Length of the well-formed UTF-8 sequence at u (as Hyperscan requires it:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or 0. */
static size_t rx_utf8_seq(const unsigned char *u, size_t n)
{
    if (u[0] < 0x80) return 1;
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;
    if (u[0] >= 0xC2 && u[0] <= 0xDF) len = 2;
    else if (u[0] >= 0xE0 && u[0] <= 0xEF) { len = 3; if (u[0] == 0xE0) lo = 0xA0; if (u[0] == 0xED) hi = 0x9F; }
    else if (u[0] >= 0xF0 && u[0] <= 0xF4) { len = 4; if (u[0] == 0xF0) lo = 0x90; if (u[0] == 0xF4) hi = 0x8F; }
    else return 0;
    if (n < len || u[1] < lo || u[1] > hi) return 0;
    for (size_t i = 2; i < len; i++)
        if ((u[i] & 0xC0) != 0x80) return 0;
    return len;
}

static int rx_pf_hit(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx)
{
    (void)from; (void)to; (void)flags;
    uint64_t *bits = ctx;
    bits[id >> 6] |= (uint64_t)1 << (id & 63);
    return 0;
}

static uint64_t rx_pf_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    for (; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
    return h ^ (h >> 29);
}

/* The patterns that may match subject, one bit per id: from the slot of
 * that text, or by one scan of each of its well-formed UTF-8 runs (PCRE2
 * with PCRE2_MATCH_INVALID_UTF never matches across a bad byte either).
 * NULL when the scan cannot be made; then PCRE2 decides alone. */
static const uint64_t *rx_pf_bits(rx_cache *c, const char *subject, size_t slen)
{
    uint64_t h = rx_pf_hash(subject, slen);
    rx_pf_slot *sl = &c->slot[h % RX_PF_SLOTS];
    if (sl->text && sl->hash == h && sl->len == slen && !memcmp(sl->text, subject, slen)) {
        c->pf_stats.cached++;
        return sl->bits;
    }
    size_t words = (c->db_n + 63) / 64;
    uint64_t *bits = calloc(words ? words : 1, sizeof *bits);
    char *text = malloc(slen + 1);
    if (!bits || !text) { free(bits); free(text); return NULL; }
    const unsigned char *u = (const unsigned char *)subject;
    for (size_t i = 0; i < slen;) {
        size_t run = i;
        for (size_t k; run < slen && (k = rx_utf8_seq(u + run, slen - run)) > 0;) run += k;
        if (run > i && rx_hs.scan(c->db, subject + i, (unsigned)(run - i), 0, c->scratch, rx_pf_hit, bits) != HS_SUCCESS) {
            free(bits); free(text);
            return NULL;
        }
        i = run < slen ? run + 1 : run;    /* past the bad byte */
    }
    c->pf_stats.scans++;
    memcpy(text, subject, slen);
    free(sl->text);
    free(sl->bits);
    *sl = (rx_pf_slot){ h, slen, text, bits };
    return bits;
}

/* 0 when the prefilter proves the pattern cannot match the subject, 1 when
 * PCRE2 must decide. */
static int rx_pf_may_match(rx_cache *c, rx_entry *e, const char *subject, size_t slen, size_t start)
{
    if (e->pf_id < 0 || !c->db || start != 0 || slen < c->pf_min || slen > HOGO_MAX_PREFILTER_SUBJECT) return 1;
    const uint64_t *bits = rx_pf_bits(c, subject, slen);
    if (!bits) return 1;
    unsigned id = (unsigned)e->pf_id;
    if (bits[id >> 6] >> (id & 63) & 1) { c->pf_stats.confirmed++; return 1; }
    c->pf_stats.ruled_out++;
    return 0;
}

/* The slot holding the grams of subject, made now if no slot has them:
 * the last slot used when it is the same string (a rule asks one text many
 * questions in a row), else one of the two slots of the text's content
 * hash (rules build equal long strings anew, at other addresses).  NULL
 * when out of memory. */
static rx_lit_slot *rx_lit_slot_of(rx_cache *c, const char *subject, size_t slen)
{
    rx_lit_slot *sl = c->lit_last;
    if (sl && sl->at == subject && sl->len == slen && !memcmp(sl->text, subject, slen)) return sl;
    uint64_t h = rx_pf_hash(subject, slen);
    rx_lit_slot *two = &c->lit_slot[h % (RX_LIT_SLOTS / 2) * 2];
    unsigned long now = ++c->lit_clock;
    for (int k = 0; k < 2; k++) {
        sl = &two[k];
        if (sl->at && sl->hash == h && sl->len == slen && !memcmp(sl->text, subject, slen)) {
            sl->at = subject;
            sl->used = now;
            c->lit_last = sl;
            return sl;
        }
    }
    /* an empty one, else the one used longer ago */
    sl = !two[0].at ? &two[0] : !two[1].at ? &two[1] : two[0].used <= two[1].used ? &two[0] : &two[1];
    sl->used = now;
    c->lit_last = sl;
    if (slen > sl->text_cap) {
        char *t = realloc(sl->text, slen);
        if (!t) { sl->at = NULL; return NULL; }
        sl->text = t;
        sl->text_cap = slen;
    }
    sl->at = NULL;
    if (!rxl_grams_build(&sl->grams, subject, slen)) return NULL;
    memcpy(sl->text, subject, slen);
    sl->at = subject;
    sl->len = slen;
    sl->hash = h;
    return sl;
}

/* 0 when the pattern's required literals prove it cannot match the
 * subject (rx_lit.h), 1 when PCRE2 must decide.  The grams of a text are
 * made at its first search and kept in its slot for the next ones. */
static int rx_lit_may_match(rx_cache *c, rx_entry *e, const char *subject, size_t slen)
{
    if (c->lit_off || slen > HOGO_MAX_LITERAL_SUBJECT) return 1;
    if (!e->lit_done) {
        e->lit_done = 1;
        e->lit = rxl_extract(e->pattern, e->plen, e->flags);
        if (e->lit) c->bytes += e->lit->size;
    }
    if (!e->lit) return 1;
    if (slen < RXL_SHORT) {
        if (rxl_may_match_short(e->lit, subject, slen)) { c->pf_stats.lit_confirmed++; return 1; }
        c->pf_stats.lit_ruled_out++;
        return 0;
    }
    rx_lit_slot *sl = rx_lit_slot_of(c, subject, slen);
    if (!sl) return 1;
    if (rxl_may_match(e->lit, &sl->grams)) { c->pf_stats.lit_confirmed++; return 1; }
    c->pf_stats.lit_ruled_out++;
    return 0;
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
    uint64_t lim = n ? HOGO_REGEX_WORK / n : c->lim.match_limit;
    if (lim < HOGO_REGEX_MIN_MATCH) lim = HOGO_REGEX_MIN_MATCH;
    if (lim > c->lim.match_limit) lim = c->lim.match_limit;
    pcre2_set_match_limit(c->mctx, (uint32_t)lim);
}

static int rx_search(rx_cache *c, const rx_entry *e, const char *subject, size_t slen, size_t start, uint32_t mopts)
{
    rx_scale_limit(c, slen - start);
    if (slen - start <= RX_WINDOW || e->anchored || (mopts & PCRE2_ANCHORED))
        return pcre2_match(e->code, (PCRE2_SPTR)subject, slen, start, mopts, c->md, c->mctx);
    int rc;
    /* Most searches are of a few KB of prose and end at once, matched or
     * not: one call over the whole subject first, under a match limit so
     * small that every start position together stays within HOGO_REGEX_WORK
     * (points x bytes scanned, as above).  Its answer, when it has one, is
     * the answer (a limit changes whether there is one, never which); only
     * a search that hits it goes window by window under the full limit.
     * The windows' calls cost more than the matching on such texts. */
    size_t n = slen - start;
    if (n <= RX_ONE_CALL_MAX) {
        uint64_t lim = HOGO_REGEX_WORK / ((uint64_t)n * n);
        if (lim > c->lim.match_limit) lim = c->lim.match_limit;
        pcre2_set_match_limit(c->mctx, (uint32_t)lim);
        rc = pcre2_match(e->code, (PCRE2_SPTR)subject, slen, start, mopts, c->md, c->mctx);
        rx_scale_limit(c, n);
        if (rc != PCRE2_ERROR_MATCHLIMIT && rc != PCRE2_ERROR_DEPTHLIMIT && rc != PCRE2_ERROR_HEAPLIMIT &&
            rc != PCRE2_ERROR_JIT_STACKLIMIT)
            return rc;
    }
    uint64_t t0 = rx_now_ns();
    for (size_t from = start;;) {
        size_t lim = from + RX_WINDOW;
        pcre2_set_offset_limit(c->mctx, lim < slen ? lim : PCRE2_UNSET);
        rc = pcre2_match(e->code, (PCRE2_SPTR)subject, slen, from, mopts, c->md, c->mctx);
        if (rc != PCRE2_ERROR_NOMATCH || lim >= slen) break;
        if (rx_now_ns() - t0 > HOGO_MAX_REGEX_SEARCH_NS) { rc = RX_ERROR_TIME; break; }
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
                 (int)(HOGO_MAX_REGEX_SEARCH_NS / 1000000000u));
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
    uint32_t caps = e->caps;
    if (pcre2_get_ovector_count(c->md) > caps) return 1;
    pcre2_match_data *md = pcre2_match_data_create(caps + 1, NULL);
    if (!md) return 0;
    pcre2_match_data_free(c->md);
    c->md = md;
    return 1;
}

/* JIT-compile e before its first search by PCRE2, not when it is compiled:
 * JIT compiling a pattern costs as much as hundreds of searches of a
 * plan's prose, and with the literal prefilter in front some patterns never
 * reach PCRE2.  Every search PCRE2 makes still runs JIT code (the
 * interpreter only where JIT is not available or HOGO_REGEX_JIT=0). */
static void rx_jit(rx_cache *c, rx_entry *e)
{
    if (e->jit_done || c->no_jit) return;
    e->jit_done = 1;
    if (pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE) != 0) return;
    size_t jit = 0;
    if (pcre2_pattern_info(e->code, PCRE2_INFO_JITSIZE, &jit) == 0) c->bytes += jit;
}

int rx_exec(rx_cache *c, const char *pattern, size_t plen, const char *flags,
            const char *subject, size_t slen, size_t start, rx_match *m)
{
    m->pairs = 0;
    m->msg[0] = '\0';
    rx_entry *e = rx_get(c, pattern, plen, flags, m->msg);
    if (!e) return -1;
    if (!rx_lit_may_match(c, e, subject, slen)) return 0;
    if (!rx_pf_may_match(c, e, subject, slen, start)) return 0;
    if (!rx_fit_captures(c, e)) { snprintf(m->msg, 160, "out of memory"); return -1; }
    rx_jit(c, e);
    int rc = rx_search(c, e, subject, slen, start, 0);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc < 0) return rx_limit_error(rc, m->msg);
    /* every group of the pattern, unset ones (PCRE2_UNSET) included */
    m->ovec = pcre2_get_ovector_pointer(c->md);
    m->pairs = (int)e->caps + 1;
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
    rx_jit(c, e);
    size_t cap = slen + rlen + 64, n = 0;
    char *out = malloc(cap);
    PCRE2_UCHAR *one = NULL;
    size_t one_cap = 0;
    if (!out) { snprintf(msg, 160, "out of memory"); return NULL; }
#define RX_PUT(p, len) do { \
        size_t l_ = (len); \
        if (n + l_ > HOGO_MAX_GSUB_BYTES) { snprintf(msg, 160, "substitution result too large (more than %u MiB)", HOGO_MAX_GSUB_BYTES >> 20); goto fail; } \
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
            if (sr != PCRE2_ERROR_NOMEMORY || got <= one_cap || got > HOGO_MAX_GSUB_BYTES) {
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
        if (rx_now_ns() - t0 > HOGO_MAX_REGEX_SEARCH_NS) { rx_limit_error(RX_ERROR_TIME, msg); goto fail; }
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
