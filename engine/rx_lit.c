/* rx_lit.c -- a pattern's required literals, a text's byte grams, and the
 * test of one against the other: the literal prefilter of regex.c.  See
 * rx_lit.h for what it is for and why it is sound. */
#include "rx_lit.h"

#include <stdlib.h>
#include <string.h>

/* ---- literal lists ---- */

typedef struct {
    unsigned n, cap;
    uint32_t *off;              /* n + 1 offsets into lit */
    uint32_t *grp;              /* each literal's alternative << 8 | clause (rxl_set) */
    unsigned char *lit;
    size_t len, lit_cap;
} rxl_list;

/* A literal longer than this is cut (a part of a required literal is
 * required too): it bounds the work of one test. */
#define RXL_MAX_LIT   48
/* A set of more literals than this is not kept: testing it would cost
 * more than the search it saves. */
#define RXL_MAX_ALTS  256

static int rxl_list_add(rxl_list *l, const unsigned char *s, size_t n, uint32_t grp)
{
    if (n > RXL_MAX_LIT) n = RXL_MAX_LIT;
    if (l->n + 2 > l->cap) {
        unsigned cap = l->cap ? l->cap * 2 : 8;
        uint32_t *o = realloc(l->off, cap * sizeof *o);
        if (!o) return 0;
        l->off = o;
        uint32_t *g = realloc(l->grp, cap * sizeof *g);
        if (!g) return 0;
        l->grp = g;
        l->cap = cap;
    }
    if (l->len + n > l->lit_cap) {
        size_t cap = (l->len + n) * 2 + 16;
        unsigned char *q = realloc(l->lit, cap);
        if (!q) return 0;
        l->lit = q;
        l->lit_cap = cap;
    }
    if (l->n == 0) l->off[0] = 0;
    memcpy(l->lit + l->len, s, n);
    l->len += n;
    l->grp[l->n] = grp;
    l->off[++l->n] = (uint32_t)l->len;
    return 1;
}

static void rxl_list_free(rxl_list *l)
{
    free(l->off);
    free(l->grp);
    free(l->lit);
    *l = (rxl_list){ 0 };
}

/* How good a set is as a filter: its shortest literal (a literal of fewer
 * than 2 bytes has no gram, so such a set is worth nothing). */
static size_t rxl_score(const rxl_list *l)
{
    if (l->n == 0 || l->n > RXL_MAX_ALTS) return 0;
    size_t best = (size_t)-1;
    for (unsigned i = 0; i < l->n; i++) {
        size_t k = l->off[i + 1] - l->off[i];
        if (k < best) best = k;
    }
    return best < 2 ? 0 : best;
}

/* ---- reading a pattern ---- */

typedef struct {
    const unsigned char *p;
    size_t n, i;
    int fail;                   /* something it cannot read: no set */
    int depth;
} rxl_parser;

/* The character at p[i] when it matches only itself (up to ASCII case):
 * its length, with its folded bytes in out; 0 when it is not a safe
 * literal.  -1 when the bytes are not UTF-8. */
static int rxl_char(const unsigned char *p, size_t n, unsigned char out[4])
{
    unsigned char c = p[0];
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        out[0] = c;                  /* (K U+212A and ſ U+017F: rxl_grams_build reads them as k, s) */
        return 1;
    }
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : -1;
    if (len < 0 || (size_t)len > n) return -1;
    uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (int k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) return -1;
        cp = cp << 6 | (p[k] & 0x3F);
    }
    /* CJK symbols, kana, CJK ideographs, compatibility ideographs and
     * half-width kana: no case, so no other character matches them */
    int safe = (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF61 && cp <= 0xFF9F);
    if (!safe) return 0;
    memcpy(out, p, (size_t)len);
    return len;
}

/* A quantifier at p[i], skipped: 0 none, 1 at least once, 2 possibly never. */
static int rxl_quant(rxl_parser *ps)
{
    if (ps->i >= ps->n) return 0;
    unsigned char c = ps->p[ps->i];
    int q;
    if (c == '*' || c == '?') q = 2, ps->i++;
    else if (c == '+') q = 1, ps->i++;
    else if (c == '{') {
        size_t j = ps->i + 1, min = 0, digits = 0;
        while (j < ps->n && ps->p[j] >= '0' && ps->p[j] <= '9') { min = min * 10 + (ps->p[j] - '0'); digits++; j++; if (min > 100000) min = 100000; }
        if (j < ps->n && ps->p[j] == ',') {
            j++;
            while (j < ps->n && ps->p[j] >= '0' && ps->p[j] <= '9') j++;
        } else if (!digits) {
            ps->fail = 1;           /* a literal '{' PCRE2 reads otherwise: not read here */
            return 0;
        }
        if (j >= ps->n || ps->p[j] != '}') { ps->fail = 1; return 0; }
        ps->i = j + 1;
        q = min ? 1 : 2;
    } else {
        return 0;
    }
    if (ps->i < ps->n && (ps->p[ps->i] == '?' || ps->p[ps->i] == '+')) ps->i++;   /* lazy, possessive */
    return q;
}

/* Skip the class at p[i] == '['. */
static void rxl_class(rxl_parser *ps)
{
    size_t j = ps->i + 1;
    if (j < ps->n && ps->p[j] == '^') j++;
    if (j < ps->n && ps->p[j] == ']') j++;
    while (j < ps->n && ps->p[j] != ']') {
        if (ps->p[j] == '\\') { j += 2; continue; }
        if (ps->p[j] == '[' && j + 1 < ps->n && ps->p[j + 1] == ':') {
            const unsigned char *end = NULL;
            for (size_t k = j + 2; k + 1 < ps->n; k++)
                if (ps->p[k] == ':' && ps->p[k + 1] == ']') { end = ps->p + k; break; }
            if (!end) { ps->fail = 1; return; }
            j = (size_t)(end - ps->p) + 2;
            continue;
        }
        j++;
    }
    if (j >= ps->n) { ps->fail = 1; return; }
    ps->i = j + 1;
}

static void rxl_alt(rxl_parser *ps, rxl_list *out);

/* The candidates a sequence keeps: every one required. */
#define RXL_CLAUSES 3
typedef struct {
    rxl_list c[RXL_CLAUSES];
    unsigned n;
} rxl_keep;

/* The first-bytes filter's bit for the first n (2 or 3) bytes of a literal
 * or a text position: 12 bits. */
static inline uint64_t rxl_first_hash(const unsigned char *b, size_t n)
{
    uint32_t k = n == 3 ? (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2] | 0x3000000u
                        : (uint32_t)b[0] << 8 | b[1] | 0x2000000u;
    return (k * 0x9E3779B97F4A7C15ull) >> 52;
}

/* Keep cand among the sequence's RXL_CLAUSES best candidates (every one of
 * them is required: a match of the sequence goes through each). */
static void rxl_consider(rxl_parser *ps, rxl_keep *best, rxl_list *cand)
{
    size_t s = rxl_score(cand);
    (void)ps;
    if (!s) return;
    unsigned w = 0;
    if (best->n < RXL_CLAUSES) {
        w = best->n++;
    } else {
        for (unsigned k = 1; k < RXL_CLAUSES; k++)
            if (rxl_score(&best->c[k]) < rxl_score(&best->c[w])) w = k;
        if (rxl_score(&best->c[w]) >= s) return;
        rxl_list_free(&best->c[w]);
    }
    best->c[w] = *cand;
    *cand = (rxl_list){ 0 };
}

/* The best of them (a nested group needs one only). */
static rxl_list *rxl_keep_best(rxl_keep *k)
{
    rxl_list *b = NULL;
    for (unsigned i = 0; i < k->n; i++) {
        size_t s = rxl_score(&k->c[i]);
        if (!b || s > rxl_score(b) || (s == rxl_score(b) && k->c[i].n < b->n)) b = &k->c[i];
    }
    return b;
}

static void rxl_keep_free(rxl_keep *k)
{
    for (unsigned i = 0; i < k->n; i++) rxl_list_free(&k->c[i]);
    k->n = 0;
}

/* The run of literal characters read so far, as a candidate. */
static void rxl_flush(rxl_parser *ps, rxl_keep *best, unsigned char *run, size_t *rn)
{
    if (*rn >= 2) {
        rxl_list cand = { 0 };
        if (!rxl_list_add(&cand, run, *rn, 0)) ps->fail = 1;
        else rxl_consider(ps, best, &cand);
        rxl_list_free(&cand);
    }
    *rn = 0;
}

/* A group after its opening "(", "(?:" or a look-around's: read up to and
 * past its ")", then its quantifier.  A plain group every match goes
 * through once or more is a candidate. */
static void rxl_group(rxl_parser *ps, rxl_keep *best, int look)
{
    rxl_list sub = { 0 };
    if (++ps->depth > 64) { ps->fail = 1; return; }
    rxl_alt(ps, &sub);
    ps->depth--;
    if (!ps->fail && (ps->i >= ps->n || ps->p[ps->i] != ')')) ps->fail = 1;
    if (ps->fail) { rxl_list_free(&sub); return; }
    ps->i++;
    int q = rxl_quant(ps);
    if (!look && q != 2 && !ps->fail) rxl_consider(ps, best, &sub);
    rxl_list_free(&sub);
}

/* The literal character at `at` (the pattern's next character; for an
 * escape such as \n, its byte, one character of the pattern): added to
 * the run, or ending it when it is quantified or matches other characters
 * too (in a \Q...\E quote a quantifier is a character).  0 when the pattern cannot be read. */
static int rxl_literal(rxl_parser *ps, rxl_keep *best, unsigned char *run, size_t *rn, int *full,
                       const unsigned char *at, size_t left, int quoted)
{
    unsigned char lit[4];
    int len = rxl_char(at, left, lit);
    if (len < 0) { ps->fail = 1; return 0; }
    ps->i += at[0] < 0x80 ? 1 : at[0] >= 0xF0 ? 4 : at[0] >= 0xE0 ? 3 : 2;
    int q = quoted ? 0 : rxl_quant(ps);
    if (ps->fail) return 0;
    if (q || len == 0) { rxl_flush(ps, best, run, rn), *full = 0; return 1; }
    if (*full || *rn + (size_t)len > RXL_MAX_LIT) { *full = 1; return 1; }   /* cut: its start is kept */
    memcpy(run + *rn, lit, (size_t)len);
    *rn += (size_t)len;
    return 1;
}

/* One sequence of atoms (up to '|', ')' or the end): its best candidates. */
static void rxl_seq(rxl_parser *ps, rxl_keep *best)
{
    unsigned char run[RXL_MAX_LIT];
    size_t rn = 0;
    int full = 0, quote = 0;           /* quote: inside \Q...\E, where every character is literal */
    while (!ps->fail && ps->i < ps->n) {
        const unsigned char *p = ps->p;
        size_t i = ps->i;
        unsigned char c = p[i];
        if (c == '\\' && i + 1 < ps->n && (p[i + 1] == 'Q' || p[i + 1] == 'E')) {
            /* a quantifier after \E applies to the quote's last character,
             * already in the run: not read */
            if (quote && i + 2 < ps->n && strchr("*+?{", p[i + 2])) { ps->fail = 1; break; }
            quote = p[i + 1] == 'Q';
            ps->i = i + 2;
            continue;
        }
        if (quote) {
            if (!rxl_literal(ps, best, run, &rn, &full, p + i, ps->n - i, 1)) break;
            continue;
        }
        if (c == '|' || c == ')') break;
        if (c == '(') {
            rxl_flush(ps, best, run, &rn), full = 0;
            int look = 0;
            if (i + 1 < ps->n && p[i + 1] == '*') { ps->fail = 1; break; }
            if (i + 1 < ps->n && p[i + 1] == '?') {
                unsigned char g = i + 2 < ps->n ? p[i + 2] : 0;
                if (g == ':') ps->i = i + 3;
                else if (g == '=' || g == '!') ps->i = i + 3, look = 1;
                else if (g == '<' && i + 3 < ps->n && (p[i + 3] == '=' || p[i + 3] == '!')) ps->i = i + 4, look = 1;
                else { ps->fail = 1; break; }    /* options, names, atomic groups, conditions, comments */
            } else {
                ps->i = i + 1;
            }
            rxl_group(ps, best, look);
            continue;
        }
        if (c == '[' || c == '.' || c == '^' || c == '$') {
            rxl_flush(ps, best, run, &rn), full = 0;
            if (c == '[') rxl_class(ps);
            else ps->i++;
            if (!ps->fail) rxl_quant(ps);
            continue;
        }
        if (c == '*' || c == '+' || c == '?' || c == '{') { ps->fail = 1; break; }
        if (c == '\\') {
            if (i + 1 >= ps->n) { ps->fail = 1; break; }
            unsigned char d = p[i + 1];
            int alnum = (d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z');
            if (alnum && strchr("dDwWsShHvVRXbBAzZGK", d)) {  /* a class or an assertion */
                rxl_flush(ps, best, run, &rn), full = 0;
                ps->i = i + 2;
                rxl_quant(ps);
                continue;
            }
            if (alnum) {                    /* \n \t ...; \x \p \1 and the rest are not read */
                static const char ctl[] = "n\nt\tr\rf\fe\033a\a";
                const char *k = strchr(ctl, d);
                if (!k || (k - ctl) % 2) { ps->fail = 1; break; }
                ps->i = i + 1;              /* rxl_literal steps over the letter */
                if (!rxl_literal(ps, best, run, &rn, &full, (const unsigned char *)k + 1, 1, 0)) break;
                continue;
            }
            ps->i = i + 1;                  /* an escaped sign or character: itself */
            if (!rxl_literal(ps, best, run, &rn, &full, p + i + 1, ps->n - i - 1, 0)) break;
            continue;
        }
        if (!rxl_literal(ps, best, run, &rn, &full, p + i, ps->n - i, 0)) break;
    }
    if (!ps->fail) rxl_flush(ps, best, run, &rn);
}

/* Alternatives separated by '|' up to ')' or the end: the union of their
 * best candidates, or an empty list when one has none (n == 0). */
static void rxl_alt(rxl_parser *ps, rxl_list *out)
{
    int none = 0;
    for (;;) {
        rxl_keep keep = { 0 };
        rxl_seq(ps, &keep);
        if (ps->fail) { rxl_keep_free(&keep); break; }
        rxl_list *best = rxl_keep_best(&keep);
        if (!best) none = 1;
        for (unsigned k = 0; !none && k < best->n; k++)
            if (!rxl_list_add(out, best->lit + best->off[k], best->off[k + 1] - best->off[k], 0)) ps->fail = 1;
        rxl_keep_free(&keep);
        if (ps->i < ps->n && ps->p[ps->i] == '|') { ps->i++; continue; }
        break;
    }
    if (none || out->n > RXL_MAX_ALTS) { rxl_list_free(out); }
}

/* The whole pattern: its alternatives, each with all the candidates its
 * sequence keeps (clauses), tagged alternative << 8 | clause. */
static void rxl_top(rxl_parser *ps, rxl_list *out)
{
    int none = 0;
    for (uint32_t a = 0;; a++) {
        rxl_keep keep = { 0 };
        rxl_seq(ps, &keep);
        if (ps->fail) { rxl_keep_free(&keep); break; }
        if (keep.n == 0 || a > 0xFFFFFF) none = 1;
        for (unsigned c = 0; !none && c < keep.n; c++)
            for (unsigned k = 0; k < keep.c[c].n; k++)
                if (!rxl_list_add(out, keep.c[c].lit + keep.c[c].off[k], keep.c[c].off[k + 1] - keep.c[c].off[k],
                                  a << 8 | c))
                    ps->fail = 1;
        rxl_keep_free(&keep);
        if (ps->i < ps->n && ps->p[ps->i] == '|') { ps->i++; continue; }
        break;
    }
    if (none || out->n > RXL_MAX_ALTS) { rxl_list_free(out); }
}

static int rxl_prepare(rxl_set *s);

rxl_set *rxl_extract(const char *p, size_t n, const char *flags)
{
    if (flags && strchr(flags, 'x')) return NULL;         /* spaces and comments mean otherwise */
    rxl_parser ps = { (const unsigned char *)p, n, 0, 0, 0 };
    rxl_list l = { 0 };
    rxl_top(&ps, &l);
    if (ps.fail || ps.i != n || rxl_score(&l) == 0) { rxl_list_free(&l); return NULL; }
    rxl_set *s = calloc(1, sizeof *s);
    if (!s) { rxl_list_free(&l); return NULL; }
    s->n = l.n;
    s->off = l.off;
    s->grp = l.grp;
    s->lit = l.lit;
    if (!rxl_prepare(s)) { rxl_free(s); return NULL; }
    for (unsigned k = 0; k < s->n; k++) {
        const unsigned char *b = s->lit + s->off[k];
        size_t len = s->off[k + 1] - s->off[k];
        uint64_t h = rxl_first_hash(b, len < 3 ? len : 3);
        s->first[h >> 6] |= (uint64_t)1 << (h & 63);
        s->has2 |= len == 2;
        s->lead[b[0] >> 6] |= (uint64_t)1 << (b[0] & 63);
    }
    return s;
}

void rxl_free(rxl_set *s)
{
    if (!s) return;
    free(s->off);
    free(s->grp);
    free(s->lit);
    free(s->gofs);
    free(s);
}

/* ---- a text's grams ---- */

/* A gram as a 32-bit key: a triple's three bytes over a zero byte, a
 * pair's two over 0x0001, so the two kinds never share a key; and its bit,
 * by the key's Fibonacci hash (shift: 32 - log2 of the bits). */
#define RXL_TRIPLE(a, b, c) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8)
#define RXL_PAIR(a, b)      ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | 1u)
static inline uint32_t rxl_hash(uint32_t key, unsigned shift)
{
    return (uint32_t)(key * 0x9E3779B1u) >> shift;
}

/* Every byte as the grams read it: ASCII letters folded, and the two lead
 * bytes of U+017F and U+212A (which caseless matching takes for s and k)
 * flagged with 0x100 for a closer look; a table, as the build reads every
 * byte of a plan's prose. */
#define RXL_T(c)   ((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c) == 0xC5 || (c) == 0xE2 ? (c) | 0x100 : (c))
#define RXL_T4(c)  RXL_T(c), RXL_T((c) + 1), RXL_T((c) + 2), RXL_T((c) + 3)
#define RXL_T16(c) RXL_T4(c), RXL_T4((c) + 4), RXL_T4((c) + 8), RXL_T4((c) + 12)
static const uint16_t rxl_tab[256] = {
    RXL_T16(0x00), RXL_T16(0x10), RXL_T16(0x20), RXL_T16(0x30), RXL_T16(0x40), RXL_T16(0x50), RXL_T16(0x60), RXL_T16(0x70),
    RXL_T16(0x80), RXL_T16(0x90), RXL_T16(0xA0), RXL_T16(0xB0), RXL_T16(0xC0), RXL_T16(0xD0), RXL_T16(0xE0), RXL_T16(0xF0),
};

/* A branch a byte rarely takes, laid out of the build's loop where the
 * compiler can be told (one jump less a byte of text). */
#if defined(__GNUC__)
#define RXL_RARELY(x) __builtin_expect(!!(x), 0)
#else
#define RXL_RARELY(x) (x)
#endif

/* Bits: 16 a byte of text, at least 1,024, at most 2^18.  The window starts
 * as zero bytes, so the first byte or two also mark a pair and triples
 * with zeros before them: marks the text does not need, which can only
 * make a test say "may" (never "absent" wrongly), and cheaper than
 * counting the bytes read at every byte. */
int rxl_grams_build(rxl_grams *g, const char *text, size_t n)
{
    unsigned lg = 10;
    while (lg < 18 && ((size_t)1 << lg) < n * 16) lg++;
    size_t words = ((size_t)1 << lg) / 64;
    if (words > g->cap_words) {
        uint64_t *b = realloc(g->bits, words * sizeof *b);
        if (!b) return 0;
        g->bits = b;
        g->cap_words = words;
    }
    uint64_t *bits = g->bits;
    memset(bits, 0, words * sizeof *bits);
    unsigned shift = 32 - lg;
    g->shift = shift;
    const unsigned char *u = (const unsigned char *)text;
    uint32_t win = 0;                   /* the bytes read, the last in the low byte */
    for (size_t i = 0; i < n; i++) {
        uint32_t c = rxl_tab[u[i]];
        if (RXL_RARELY(c > 0xFF)) {
            /* the two non-ASCII letters caseless matching takes for ASCII
             * ones: read as the letter they fold to, so a literal "sk" is
             * found in "ſK" as PCRE2 would find it */
            c &= 0xFF;
            if (c == 0xE2 && i + 2 < n && u[i + 1] == 0x84 && u[i + 2] == 0xAA) c = 'k', i += 2;
            else if (c == 0xC5 && i + 1 < n && u[i + 1] == 0xBF) c = 's', i += 1;
        }
        win = win << 8 | c;
        uint32_t h3 = rxl_hash(win << 8, shift);
        bits[h3 >> 6] |= (uint64_t)1 << (h3 & 63);
        /* pairs only of two ASCII bytes: the only literals of two bytes
         * (every character a literal takes beyond ASCII has three) */
        if ((win & 0x8080) == 0) {
            uint32_t h2 = rxl_hash(win << 16 | 1u, shift);
            bits[h2 >> 6] |= (uint64_t)1 << (h2 & 63);
        }
    }
    return 1;
}

void rxl_grams_free(rxl_grams *g)
{
    free(g->bits);
    *g = (rxl_grams){ 0 };
}

/* The arrays rxl_may_match reads (rxl_set), worked out once per pattern:
 * literals of one clause, and clauses of one alternative, are adjacent
 * (rxl_top adds them so).  A literal of two bytes is looked for by its
 * pair, a longer one by its triples (which hold its pairs).  0 when out
 * of memory. */
static int rxl_prepare(rxl_set *s)
{
    size_t ng = 0;
    for (unsigned k = 0; k < s->n; k++) {
        size_t len = s->off[k + 1] - s->off[k];
        ng += len == 2 ? 1 : len - 2;
    }
    uint32_t *a = malloc(((size_t)s->n * 3 + 1 + ng) * sizeof *a);
    if (!a) return 0;
    s->gofs = a;
    s->clause_end = a + s->n + 1;
    s->alt_end = s->clause_end + s->n;
    s->gram = s->alt_end + s->n;
    uint32_t j = 0;
    for (unsigned k = 0; k < s->n; k++) {
        const unsigned char *l = s->lit + s->off[k];
        size_t len = s->off[k + 1] - s->off[k];
        s->gofs[k] = j;
        if (len == 2) s->gram[j++] = RXL_PAIR(l[0], l[1]) * 0x9E3779B1u;
        for (size_t i = 2; len > 2 && i < len; i++) s->gram[j++] = RXL_TRIPLE(l[i - 2], l[i - 1], l[i]) * 0x9E3779B1u;
    }
    s->gofs[s->n] = j;
    for (unsigned k = s->n; k-- > 0;) {
        int same = k + 1 < s->n;
        s->clause_end[k] = same && s->grp[k + 1] == s->grp[k] ? s->clause_end[k + 1] : k + 1;
        s->alt_end[k] = same && s->grp[k + 1] >> 8 == s->grp[k] >> 8 ? s->alt_end[k + 1] : k + 1;
    }
    s->size = sizeof *s + s->off[s->n] + ((size_t)s->n * 5 + 2 + ng) * sizeof *a;
    return 1;
}

/* Some alternative of the pattern has, in every clause, a literal that may
 * be in the text: the literals in order, a clause left at its first
 * literal that may be there, an alternative at its first clause that has
 * none. */
int rxl_may_match(const rxl_set *s, const rxl_grams *g)
{
    const uint64_t *bits = g->bits;
    unsigned shift = g->shift;
    for (unsigned k = 0; k < s->n;) {
        const uint32_t *p = s->gram + s->gofs[k], *end = s->gram + s->gofs[k + 1];
        for (; p < end; p++) {
            uint32_t h = *p >> shift;
            if (!(bits[h >> 6] >> (h & 63) & 1)) break;
        }
        if (p == end) {                       /* it may be there: the next clause */
            if (s->clause_end[k] == s->alt_end[k]) return 1;
            k = s->clause_end[k];
        } else {                              /* not there: the clause's next literal */
            k = k + 1 < s->clause_end[k] ? k + 1 : s->alt_end[k];
        }
    }
    return 0;
}

int rxl_may_match_short(const rxl_set *s, const char *text, size_t n)
{
    if (n >= RXL_SHORT) return 1;
    const unsigned char *t = (const unsigned char *)text;
    /* a literal starts where a character does, so with one of the bytes
     * a literal starts with (never a byte that continues a UTF-8
     * sequence), in the text as in the literal */
    for (size_t i = 0; i + 2 <= n; i++) {
        uint32_t c = rxl_tab[t[i]];
        if (c > 0xFF) {
            /* K or ſ, which caseless matching takes for k, s: PCRE2
             * decides.  (No literal starts with their lead bytes.) */
            if ((c == 0x1E2 && i + 3 <= n && t[i + 1] == 0x84 && t[i + 2] == 0xAA) || (c == 0x1C5 && t[i + 1] == 0xBF))
                return 1;
            continue;
        }
        if (!(s->lead[c >> 6] >> (c & 63) & 1)) continue;
        unsigned char k[3] = { (unsigned char)c, (unsigned char)rxl_tab[t[i + 1]],
                               i + 2 < n ? (unsigned char)rxl_tab[t[i + 2]] : 0 };
        uint64_t h;
        if (i + 3 <= n) {
            h = rxl_first_hash(k, 3);
            if (s->first[h >> 6] >> (h & 63) & 1) return 1;
        }
        if (s->has2) {
            h = rxl_first_hash(k, 2);
            if (s->first[h >> 6] >> (h & 63) & 1) return 1;
        }
    }
    return 0;
}
