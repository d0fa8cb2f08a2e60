/* jsonpos.c -- a position index over JSON text.  See jsonpos.h. */
#include "jsonpos.h"
#include "hogo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JPOS_NONE UINT32_MAX
/* Columns count code points from the line start.  A plan written on one
 * line (minified) would make that a scan of the whole file per finding, so
 * code point counts are kept every JPOS_CP_STEP bytes. */
#define JPOS_CP_STEP 4096

typedef struct {
    uint32_t off, end;       /* value span [off, end) */
    uint32_t key;            /* offset of the key's opening quote, or JPOS_NONE */
    uint32_t parent;         /* JPOS_NONE for the root */
    uint32_t kids, nkids;    /* children are kidx[kids .. kids+nkids) */
} jpos_node;

struct jpos {
    const char *text;
    size_t len;
    jpos_node *nodes; size_t n, cap;
    uint32_t *kidx;   size_t nk, kcap;
    uint32_t *stack;  size_t ns, scap;   /* children of open containers */
    size_t *lines;    size_t nlines;     /* offset where each line starts */
    size_t *cps;                         /* code points before each JPOS_CP_STEP bytes */
    uint32_t *keyidx; size_t keycap;     /* open addressing: node ids by (parent, decoded key) */
    int oom;
};

/* ---- keys ----
 * security: a key is decoded by hand, bounded by len: sscanf("%4x") ran
 * strlen over the rest of the buffer for every \u escape (quadratic), and
 * past the end of a buffer that hogo_screen was given unterminated. */

static int jpos_hex4(const char *t, size_t len, size_t i, unsigned *out)
{
    if (i > len || len - i < 4) return 0;
    unsigned v = 0;
    for (size_t k = i; k < i + 4; k++) {
        char c = t[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

static size_t jpos_utf8(unsigned cp, char *o);

/* The next decoded character of the JSON string whose text is at t[*i]
 * (past its opening quote) into buf; its length, 0 at the closing quote,
 * at the end of the text or at a bad escape. */
static size_t jpos_key_next(const char *t, size_t len, size_t *i, char buf[4])
{
    if (*i >= len || t[*i] == '"') return 0;
    if (t[*i] != '\\') { buf[0] = t[(*i)++]; return 1; }
    if (*i + 1 >= len) return 0;
    char e = t[*i + 1];
    *i += 2;
    switch (e) {
    case 'n': buf[0] = '\n'; return 1;
    case 't': buf[0] = '\t'; return 1;
    case 'r': buf[0] = '\r'; return 1;
    case 'b': buf[0] = '\b'; return 1;
    case 'f': buf[0] = '\f'; return 1;
    case 'u': {
        unsigned cp, lo;
        if (!jpos_hex4(t, len, *i, &cp)) return 0;
        *i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && *i + 6 <= len && t[*i] == '\\' && t[*i + 1] == 'u' &&
            jpos_hex4(t, len, *i + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            *i += 6;
        }
        return jpos_utf8(cp, buf);
    }
    default: buf[0] = e; return 1;
    }
}

static uint32_t jpos_hash_add(uint32_t h, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) h = (h ^ (unsigned char)s[k]) * 16777619u;
    return h;
}

static uint32_t jpos_key_hash_text(const jpos *p, uint32_t parent, size_t q)
{
    uint32_t h = jpos_hash_add(2166136261u, (const char *)&parent, sizeof parent);
    size_t i = q + 1, bl;
    char buf[4];
    while ((bl = jpos_key_next(p->text, p->len, &i, buf)) != 0) h = jpos_hash_add(h, buf, bl);
    return h;
}

static uint32_t jpos_key_hash_name(uint32_t parent, const char *name, size_t n)
{
    return jpos_hash_add(jpos_hash_add(2166136261u, (const char *)&parent, sizeof parent), name, n);
}

/* An object of at most this many members is searched key by key; the
 * index below is built only for a text holding a larger one.  (Hashing
 * every key of every plan was half the cost of locating its findings, for
 * objects of a dozen members.) */
#define JPOS_SCAN_MEMBERS 32

/* Index every member of every object once, so that a look-up is a probe,
 * not a scan of the object's keys (100,000 keys looked up one by one took
 * over a minute). */
static int jpos_index_keys(jpos *p)
{
    size_t widest = 0;
    for (size_t c = 0; c < p->n; c++)
        if (p->nodes[c].nkids > widest && p->text[p->nodes[c].off] == '{') widest = p->nodes[c].nkids;
    if (widest <= JPOS_SCAN_MEMBERS) return 1;     /* no index: jpos_member scans */
    size_t members = 0;
    for (size_t c = 0; c < p->n; c++) members += p->nodes[c].key != JPOS_NONE;
    size_t cap = 16;
    while (cap < members * 2) cap *= 2;
    p->keyidx = malloc(cap * sizeof *p->keyidx);
    if (!p->keyidx) return 0;
    p->keycap = cap;
    memset(p->keyidx, 0xFF, cap * sizeof *p->keyidx);      /* JPOS_NONE */
    for (size_t c = 0; c < p->n; c++) {
        const jpos_node *nd = &p->nodes[c];
        if (nd->key == JPOS_NONE) continue;
        size_t h = jpos_key_hash_text(p, nd->parent, nd->key) & (cap - 1);
        while (p->keyidx[h] != JPOS_NONE) h = (h + 1) & (cap - 1);
        p->keyidx[h] = (uint32_t)c;
    }
    return 1;
}

/* ---- building ---- */

static int jpos_push(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        uint32_t *p = realloc(*v, c * sizeof *p);
        if (!p) return 0;
        *v = p; *cap = c;
    }
    (*v)[(*n)++] = x;
    return 1;
}

static uint32_t jpos_new_node(jpos *p, size_t off, uint32_t key, uint32_t parent)
{
    if (p->n == p->cap) {
        size_t c = p->cap ? p->cap * 2 : 64;
        jpos_node *q = realloc(p->nodes, c * sizeof *q);
        if (!q) { p->oom = 1; return JPOS_NONE; }
        p->nodes = q; p->cap = c;
    }
    jpos_node *nd = &p->nodes[p->n];
    nd->off = (uint32_t)off; nd->end = (uint32_t)off;
    nd->key = key; nd->parent = parent; nd->kids = 0; nd->nkids = 0;
    return (uint32_t)p->n++;
}

static size_t jpos_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
    return i;
}

/* Skip a string starting at its quote; returns the offset after the closing
 * quote.  Strings are most of a plan's bytes: memchr finds each quote, and a
 * quote ends the string unless an odd run of backslashes precedes it. */
static size_t jpos_skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len;) {
        const char *q = memchr(t + i, '"', len - i);
        if (!q) return len;
        size_t at = (size_t)(q - t), bs = 0;
        while (at - bs > i && t[at - bs - 1] == '\\') bs++;
        if (bs % 2 == 0) return at + 1;
        i = at + 1;
    }
    return len;
}

static void jpos_close(jpos *p, uint32_t me, size_t base);

/* Scan one value at i; returns the offset after it.  Recursion depth is
 * bounded because the loader refuses deep nesting before we get here. */
static size_t jpos_value(jpos *p, size_t i, uint32_t key, uint32_t parent, int depth)
{
    const char *t = p->text;
    size_t len = p->len;
    i = jpos_ws(t, len, i);
    if (i >= len || depth > 512) return len;
    uint32_t me = jpos_new_node(p, i, key, parent);
    if (me == JPOS_NONE) return len;
    char c = t[i];
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        size_t base = p->ns;
        i = jpos_ws(t, len, i + 1);
        while (i < len && t[i] != close) {
            uint32_t k = JPOS_NONE;
            if (c == '{') {
                if (t[i] != '"') break;
                k = (uint32_t)i;
                i = jpos_ws(t, len, jpos_skip_string(t, len, i));
                if (i >= len || t[i] != ':') break;
                i++;
            }
            size_t childpos = p->n;
            i = jpos_value(p, i, k, me, depth + 1);
            if (childpos < p->n && !jpos_push(&p->stack, &p->ns, &p->scap, (uint32_t)childpos)) p->oom = 1;
            i = jpos_ws(t, len, i);
            if (i < len && t[i] == ',') i = jpos_ws(t, len, i + 1);
            else break;
        }
        if (i < len && t[i] == close) i++;
        jpos_close(p, me, base);
    } else if (c == '"') {
        i = jpos_skip_string(t, len, i);
    } else {
        while (i < len && !strchr(",}] \t\r\n", t[i])) i++;
    }
    p->nodes[me].end = (uint32_t)i;
    return i;
}

/* An index with its lines and code point counts, and no values yet. */
static jpos *jpos_alloc(const char *text, size_t len, size_t start)
{
    if (len >= JPOS_NONE) return NULL;
    jpos *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->text = text;
    p->len = len;
    size_t nl = 1;
    for (const char *q = text, *end = text + len; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++) nl++;
    p->lines = malloc(nl * sizeof *p->lines);
    if (!p->lines) { free(p); return NULL; }
    p->lines[0] = start;   /* a BOM is not a column */
    p->nlines = 1;
    for (const char *q = text, *end = text + len; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
        p->lines[p->nlines++] = (size_t)(q - text) + 1;
    p->cps = malloc((len / JPOS_CP_STEP + 1) * sizeof *p->cps);
    if (!p->cps) { free(p->lines); free(p); return NULL; }
    size_t cp = 0;
    p->cps[0] = 0;
    for (size_t k = 1; k <= len / JPOS_CP_STEP; k++) {   /* only past the first block */
        for (size_t i = (k - 1) * JPOS_CP_STEP; i < k * JPOS_CP_STEP; i++)
            cp += ((unsigned char)text[i] & 0xC0) != 0x80;
        p->cps[k] = cp;
    }
    return p;
}

/* The values' children, children of open containers from base on the stack,
 * moved to kidx as node me's. */
static void jpos_close(jpos *p, uint32_t me, size_t base)
{
    jpos_node *nd = &p->nodes[me];
    nd->kids = (uint32_t)p->nk;
    nd->nkids = (uint32_t)(p->ns - base);
    for (size_t s = base; s < p->ns; s++)
        if (!jpos_push(&p->kidx, &p->nk, &p->kcap, p->stack[s])) p->oom = 1;
    p->ns = base;
}

jpos *jpos_build(const char *text, size_t len, size_t start)
{
    jpos *p = jpos_alloc(text, len, start);
    if (!p) return NULL;
    jpos_value(p, start, JPOS_NONE, JPOS_NONE, 0);
    if (p->oom || !jpos_index_keys(p)) { jpos_free(p); return NULL; }
    return p;
}

void jpos_free(jpos *p)
{
    if (!p) return;
    free(p->nodes); free(p->kidx); free(p->stack); free(p->lines); free(p->cps); free(p->keyidx);
    free(p);
}

/* ---- answering ---- */

/* Code points in text[0, off). */
static size_t jpos_cp(const jpos *p, size_t off)
{
    size_t k = off / JPOS_CP_STEP, cp = p->cps[k];
    for (size_t i = k * JPOS_CP_STEP; i < off; i++) cp += ((unsigned char)p->text[i] & 0xC0) != 0x80;
    return cp;
}

void jpos_linecol(const jpos *p, size_t off, int *line, int *col)
{
    size_t lo = 0, hi = p->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (p->lines[mid] <= off) lo = mid; else hi = mid;
    }
    if (off > p->len) off = p->len;
    size_t from = p->lines[lo];
    *line = (int)lo + 1;
    if (off - from <= JPOS_CP_STEP) {       /* an ordinary line: count it */
        size_t c = 0;
        for (size_t i = from; i < off; i++) c += ((unsigned char)p->text[i] & 0xC0) != 0x80;
        *col = (int)c + 1;
    } else {
        *col = (int)(jpos_cp(p, off) - jpos_cp(p, from)) + 1;
    }
}

/* Append the UTF-8 of code point cp. */
static size_t jpos_utf8(unsigned cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F)); return 4;
}

/* Does the JSON string at t[q] (its opening quote) decode to name[0..n)? */
static int jpos_key_equals(const jpos *p, size_t q, const char *name, size_t n)
{
    /* a key written without escapes is its own decoding: compared whole;
     * most members of an object already differ in their first byte */
    const char *k = p->text + q + 1;
    if (n && q + 1 < p->len && k[0] != name[0] && k[0] != '\\') return 0;
    const char *e = q + 1 < p->len ? memchr(k, '"', p->len - q - 1) : NULL;
    if (e && !memchr(k, '\\', (size_t)(e - k))) return (size_t)(e - k) == n && memcmp(k, name, n) == 0;
    size_t i = q + 1, j = 0, bl;
    char buf[4];
    while ((bl = jpos_key_next(p->text, p->len, &i, buf)) != 0) {
        if (j + bl > n || memcmp(name + j, buf, bl) != 0) return 0;
        j += bl;
    }
    return j == n;
}

/* The member name[0..n) of object node obj, or JPOS_NONE. */
static uint32_t jpos_member(const jpos *p, uint32_t obj, const char *name, size_t n)
{
    if (!p->keyidx) {            /* every object is small: its members in order, the first that matches */
        const jpos_node *o = &p->nodes[obj];
        for (uint32_t k = 0; k < o->nkids; k++) {
            uint32_t c = p->kidx[o->kids + k];
            if (p->nodes[c].key != JPOS_NONE && jpos_key_equals(p, p->nodes[c].key, name, n)) return c;
        }
        return JPOS_NONE;
    }
    size_t h = jpos_key_hash_name(obj, name, n) & (p->keycap - 1);
    for (uint32_t c; (c = p->keyidx[h]) != JPOS_NONE; h = (h + 1) & (p->keycap - 1))
        if (p->nodes[c].parent == obj && jpos_key_equals(p, p->nodes[c].key, name, n)) return c;
    return JPOS_NONE;
}

size_t jpos_resolve(const jpos *p, const char *pointer, int *exact)
{
    if (exact) *exact = 1;
    if (!p->n) { if (exact) *exact = 0; return 0; }
    uint32_t cur = 0;
    char part[512];
    const char *s = pointer;
    while (*s == '/') {
        s++;
        size_t n = 0;
        while (*s && *s != '/' && n < sizeof part - 1) {
            if (*s == '~' && s[1] == '1') { part[n++] = '/'; s += 2; }
            else if (*s == '~' && s[1] == '0') { part[n++] = '~'; s += 2; }
            else part[n++] = *s++;
        }
        part[n] = '\0';
        const jpos_node *nd = &p->nodes[cur];
        uint32_t next = JPOS_NONE;
        char open = p->text[nd->off];
        if (open == '[') {
            char *endp;
            unsigned long ix = strtoul(part, &endp, 10);
            if (n && *endp == '\0' && ix < nd->nkids) next = p->kidx[nd->kids + ix];
        } else if (open == '{') {
            next = jpos_member(p, cur, part, n);
        }
        if (next == JPOS_NONE) { if (exact) *exact = 0; break; }
        cur = next;
    }
    return p->nodes[cur].off;
}

/* Append one pointer part (escaped) for node c. */
static void jpos_part(const jpos *p, uint32_t c, char **buf, size_t *n, size_t *cap)
{
    const jpos_node *nd = &p->nodes[c];
    const jpos_node *par = &p->nodes[nd->parent];
    char tmp[32];
    const char *s;
    size_t sl;
    if (nd->key != JPOS_NONE) {
        s = p->text + nd->key + 1;
        sl = 0;
        while (nd->key + 1 + sl < p->len && s[sl] != '"') sl += s[sl] == '\\' ? 2 : 1;
        if (nd->key + 1 + sl > p->len) sl = p->len - nd->key - 1;   /* a lone '\\' at the end */
    } else {
        /* children are numbered in document order: a binary search */
        uint32_t lo = 0, hi = par->nkids;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (p->kidx[par->kids + mid] < c) lo = mid + 1; else hi = mid;
        }
        uint32_t ix = lo;
        sl = (size_t)snprintf(tmp, sizeof tmp, "%u", ix);
        s = tmp;
    }
    if (*n + sl * 2 + 2 > *cap) {
        size_t nc = (*cap + sl * 2 + 2) * 2;
        char *q = realloc(*buf, nc);
        if (!q) return;
        *buf = q; *cap = nc;
    }
    (*buf)[(*n)++] = '/';
    for (size_t i = 0; i < sl; i++) {
        if (s[i] == '~') { (*buf)[(*n)++] = '~'; (*buf)[(*n)++] = '0'; }
        else if (s[i] == '/') { (*buf)[(*n)++] = '~'; (*buf)[(*n)++] = '1'; }
        else (*buf)[(*n)++] = s[i];
    }
}

char *jpos_pointer_at(const jpos *p, size_t off)
{
    uint32_t cur = JPOS_NONE;
    if (p->n && p->nodes[0].off <= off && off < p->nodes[0].end) cur = 0;
    while (cur != JPOS_NONE) {
        const jpos_node *nd = &p->nodes[cur];
        uint32_t next = JPOS_NONE;
        /* children are in document order: the last one starting at or
         * before off is the only one that can span it */
        uint32_t lo = 0, hi = nd->nkids;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            const jpos_node *c = &p->nodes[p->kidx[nd->kids + mid]];
            size_t from = c->key != JPOS_NONE ? c->key : c->off;
            if (from <= off) lo = mid + 1; else hi = mid;
        }
        if (lo > 0) {
            const jpos_node *c = &p->nodes[p->kidx[nd->kids + lo - 1]];
            if (off < c->end) next = p->kidx[nd->kids + lo - 1];
        }
        if (next == JPOS_NONE) break;
        cur = next;
    }
    /* Walk up collecting nodes, then emit root-first. */
    uint32_t chain[600];
    size_t depth = 0;
    for (uint32_t c = cur; c != JPOS_NONE && c != 0 && depth < 600; c = p->nodes[c].parent) chain[depth++] = c;
    size_t n = 0, cap = 64;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    while (depth) jpos_part(p, chain[--depth], &buf, &n, &cap);
    buf[n] = '\0';
    return buf;
}

/* ---- syntax errors with a reason ---- */

typedef struct {
    const char *t; size_t len, i;
    const char *why;
    jpos *p;        /* the position index recorded on the way, or NULL */
} jsyn;

static int jsyn_value(jsyn *s, int depth, uint32_t key, uint32_t parent);

static int jsyn_value_at(jsyn *s, int depth, uint32_t me);

static int jsyn_fail(jsyn *s, const char *why) { s->why = why; return 0; }

static int jsyn_string(jsyn *s)
{
    const unsigned char *t = (const unsigned char *)s->t;
    for (s->i++; s->i < s->len; s->i++) {
        /* most bytes of a string are above '\\' (letters, UTF-8): skipped by one test */
        size_t i = s->i;
        while (i < s->len && t[i] > '\\') i++;
        s->i = i;
        if (i >= s->len) break;
        unsigned char c = t[i];
        if (c == '"') { s->i++; return 1; }
        if (c < 0x20) return jsyn_fail(s, "control character inside a string (escape it, e.g. \\n)");
        if (c == '\\') {
            s->i++;
            if (s->i >= s->len) break;
            c = (unsigned char)s->t[s->i];
            if (c == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (s->i + k >= s->len || !strchr("0123456789abcdefABCDEF", s->t[s->i + k]) || !s->t[s->i + k])
                        return jsyn_fail(s, "bad \\u escape (needs four hex digits)");
                s->i += 4;
            } else if (!strchr("\"\\/bfnrt", c) || !c) {
                return jsyn_fail(s, "unknown escape in a string");
            }
        }
    }
    return jsyn_fail(s, "unterminated string (missing closing \")");
}

static int jsyn_number(jsyn *s)
{
    size_t st = s->i;
    if (s->t[s->i] == '-') s->i++;
    if (s->i < s->len && s->t[s->i] == '0') s->i++;
    else if (s->i < s->len && s->t[s->i] >= '1' && s->t[s->i] <= '9')
        while (s->i < s->len && s->t[s->i] >= '0' && s->t[s->i] <= '9') s->i++;
    else { s->i = st; return jsyn_fail(s, "bad number"); }
    if (s->i < s->len && s->t[s->i] == '.') {
        s->i++;
        if (s->i >= s->len || s->t[s->i] < '0' || s->t[s->i] > '9') return jsyn_fail(s, "bad number (digit expected after '.')");
        while (s->i < s->len && s->t[s->i] >= '0' && s->t[s->i] <= '9') s->i++;
    }
    if (s->i < s->len && (s->t[s->i] == 'e' || s->t[s->i] == 'E')) {
        s->i++;
        if (s->i < s->len && (s->t[s->i] == '+' || s->t[s->i] == '-')) s->i++;
        if (s->i >= s->len || s->t[s->i] < '0' || s->t[s->i] > '9') return jsyn_fail(s, "bad number (digit expected in exponent)");
        while (s->i < s->len && s->t[s->i] >= '0' && s->t[s->i] <= '9') s->i++;
    }
    return 1;
}

static void jsyn_ws(jsyn *s) { s->i = jpos_ws(s->t, s->len, s->i); }

static int jsyn_word(jsyn *s, const char *w)
{
    size_t n = strlen(w);
    if (s->i + n <= s->len && memcmp(s->t + s->i, w, n) == 0) { s->i += n; return 1; }
    return jsyn_fail(s, "unexpected character (a value is expected: \"string\", number, {, [, true, false or null)");
}

/* me: the container's node in s->p, or JPOS_NONE when not recording. */
static int jsyn_container(jsyn *s, int depth, char close, uint32_t me)
{
    int obj = close == '}';
    size_t base = me != JPOS_NONE ? s->p->ns : 0;
    s->i++;
    jsyn_ws(s);
    if (s->i < s->len && s->t[s->i] == close) {
        s->i++;
        if (me != JPOS_NONE) jpos_close(s->p, me, base);
        return 1;
    }
    for (;;) {
        jsyn_ws(s);
        uint32_t key = JPOS_NONE;
        if (obj) {
            key = (uint32_t)s->i;
            if (s->i >= s->len || s->t[s->i] != '"') {
                if (s->i < s->len && s->t[s->i] == '}') return jsyn_fail(s, "trailing comma before '}'");
                if (s->i < s->len && s->t[s->i] == '\'') return jsyn_fail(s, "single quotes are not JSON (use \")");
                return jsyn_fail(s, "expected a \"key\" in double quotes");
            }
            if (!jsyn_string(s)) return 0;
            jsyn_ws(s);
            if (s->i >= s->len || s->t[s->i] != ':') return jsyn_fail(s, "expected ':' after the key");
            s->i++;
            jsyn_ws(s);
        } else if (s->i < s->len && s->t[s->i] == ']') {
            return jsyn_fail(s, "trailing comma before ']'");
        }
        size_t child = me != JPOS_NONE ? s->p->n : 0;
        if (!jsyn_value(s, depth + 1, key, me)) return 0;
        if (me != JPOS_NONE && child < s->p->n && !jpos_push(&s->p->stack, &s->p->ns, &s->p->scap, (uint32_t)child))
            s->p->oom = 1;
        jsyn_ws(s);
        if (s->i < s->len && s->t[s->i] == ',') { s->i++; continue; }
        if (s->i < s->len && s->t[s->i] == close) {
            s->i++;
            if (me != JPOS_NONE) jpos_close(s->p, me, base);
            return 1;
        }
        return jsyn_fail(s, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

/* One value; when recording, its node (key: the offset of its key's
 * quote; parent: the container's node), as jpos_value makes it.  Deeper
 * than jpos_value goes, the recording is given up (oom), and the index is
 * built the old way when asked for. */
static int jsyn_value(jsyn *s, int depth, uint32_t key, uint32_t parent)
{
    jsyn_ws(s);
    if (depth > 10000) return jsyn_fail(s, "nesting too deep");
    if (s->i >= s->len) return jsyn_fail(s, "unexpected end of file");
    uint32_t me = JPOS_NONE;
    if (s->p && !s->p->oom) {
        if (depth > 512) s->p->oom = 1;
        else me = jpos_new_node(s->p, s->i, key, parent);
    }
    int ok = jsyn_value_at(s, depth, me);
    if (ok && me != JPOS_NONE) s->p->nodes[me].end = (uint32_t)s->i;
    return ok;
}

static int jsyn_value_at(jsyn *s, int depth, uint32_t me)
{
    switch (s->t[s->i]) {
    case '{': return jsyn_container(s, depth, '}', me);
    case '[': return jsyn_container(s, depth, ']', me);
    case '"': return jsyn_string(s);
    case 't': return jsyn_word(s, "true");
    case 'f': return jsyn_word(s, "false");
    case 'n': return jsyn_word(s, "null");
    default:
        if (s->t[s->i] == '-' || (s->t[s->i] >= '0' && s->t[s->i] <= '9')) return jsyn_number(s);
        if (s->t[s->i] == '\'') return jsyn_fail(s, "single quotes are not JSON (use \")");
        return jsyn_word(s, "\x01");
    }
}

int jpos_syntax_error(const char *text, size_t len, size_t start, char *msg, size_t msglen, size_t *off)
{
    return jpos_syntax_index(text, len, start, msg, msglen, off, NULL);
}

int jpos_syntax_index(const char *text, size_t len, size_t start, char *msg, size_t msglen, size_t *off, jpos **index)
{
    jsyn s = { text, len, start, NULL, NULL };
    if (index) *index = NULL;
    if (index) s.p = jpos_alloc(text, len, start);
    if (jsyn_value(&s, 0, JPOS_NONE, JPOS_NONE)) {
        jsyn_ws(&s);
        if (s.i >= len) {
            if (s.p && !s.p->oom && jpos_index_keys(s.p)) *index = s.p;
            else jpos_free(s.p);
            return 1;
        }
        s.why = "unexpected text after the end of the JSON document";
    }
    jpos_free(s.p);
    snprintf(msg, msglen, "%s", s.why);
    *off = s.i < len ? s.i : len;
    return 0;
}

/* The line and column of the value at ptr (include/hogo.h). */
void hogo_json_locate(const char *text, size_t len, const char *ptr, int *line, int *col)
{
    *line = *col = 0;
    jpos *p = jpos_build(text, len, 0);
    if (!p) return;
    jpos_linecol(p, jpos_resolve(p, ptr ? ptr : "", NULL), line, col);
    jpos_free(p);
}
