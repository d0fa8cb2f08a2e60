/* rx_gen.h -- the regex prefilter's differential check, shared by
 * tests/rx_differential.c (a ctest, bounded in time) and
 * fuzz/fuzz_rx_prefilter.c (libFuzzer).  Patterns are drawn from the rule
 * pack's own grammar -- alternations of Japanese and ASCII words, optional
 * groups, bounded repeats of negated classes ([^。]{0,30}?), look-behinds
 * before a word, the negation look-ahead gov.find_claim builds, \d \s,
 * anchors, the flags i m s -- and subjects from the same words with
 * punctuation, newlines, full-width and case-folding letters (Ａ ａ K ſ),
 * digits of both widths and bytes that are not UTF-8.  Every pattern is
 * matched against every subject by a cache with the prefilter (built from
 * all of them, for texts of any length) and one without; the outcome, the
 * match and every capture must agree. */
#ifndef HOGO_RX_GEN_H
#define HOGO_RX_GEN_H
#include "regex.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint64_t s; } rxg_rng;

static uint64_t rxg_next(rxg_rng *r)   /* splitmix64 */
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static unsigned rxg_pick(rxg_rng *r, unsigned n) { return (unsigned)(rxg_next(r) % n); }

static const char *const rxg_words[] = {
    "防犯カメラ", "カメラ", "映像", "録画", "顔画像", "図書館", "貸出履歴", "クラウド", "暗号化", "保存",
    "委託", "再委託", "禁止", "承認", "しない", "ない", "場合", "検討", "予定", "新たに", "追加", "対象",
    "年", "か月", "日", "以内", "市", "課", "で", "が", "に", "の", "を", "は", "し", "て", "ため",
    "AI", "OCR", "RPA", "LGWAN", "ai", "Ai", "ChatGPT", "API", "ISMAP", "USB", "PoC", "NPO", "ok",
    "Ａ", "ａ", "ＡＩ", "K", "ſ", "k", "s", "S", "非", "脱", "要綱", "規程", "施行", "答申", "第",
    "SNS", "Slack", "kintone",
};
#define RXG_NWORDS (sizeof rxg_words / sizeof rxg_words[0])

typedef struct { char *p; size_t n, cap; } rxg_buf;

static void rxg_put(rxg_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t c = (b->n + n + 1) * 2;
        char *q = realloc(b->p, c);
        if (!q) { fprintf(stderr, "out of memory\n"); exit(2); }
        b->p = q;
        b->cap = c;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}
static void rxg_puts(rxg_buf *b, const char *s) { rxg_put(b, s, strlen(s)); }

static void rxg_alt(rxg_rng *r, rxg_buf *b, int depth);

/* One atom of a pattern. */
static void rxg_atom(rxg_rng *r, rxg_buf *b, int depth)
{
    char tmp[64];
    switch (rxg_pick(r, depth > 2 ? 4 : 14)) {
    case 0: case 1: case 2: rxg_puts(b, rxg_words[rxg_pick(r, RXG_NWORDS)]); break;
    case 3: rxg_puts(b, (const char *[]){ "\\d+", "\\d", "\\s*", "\\s", "[2-9]", "[A-Za-z]", "\\S", "\\w" }[rxg_pick(r, 8)]); break;
    case 4: case 5:
        snprintf(tmp, sizeof tmp, "%s{%u,%u}%s", (const char *[]){ "[^。]", "[^。、]", "[^\\n。]", ".", "[^\\s、。]" }[rxg_pick(r, 5)],
                 rxg_pick(r, 2), 1 + rxg_pick(r, 30), rxg_pick(r, 2) ? "?" : "");
        rxg_puts(b, tmp);
        break;
    case 6: case 7: rxg_puts(b, "(?:"); rxg_alt(r, b, depth + 1); rxg_puts(b, rxg_pick(r, 2) ? ")?" : ")"); break;
    case 8: rxg_puts(b, "("); rxg_alt(r, b, depth + 1); rxg_puts(b, ")"); break;
    case 9: rxg_puts(b, (const char *[]){ "(?<!非|脱)", "(?<![A-Za-z])", "(?![A-Za-z])", "(?=し)", "(?<=で)" }[rxg_pick(r, 5)]); break;
    case 10:
        /* the negation look-ahead of gov.find_claim, shortened */
        rxg_puts(b, "(?!(?:(?!し(?![なまさ])|て(?!は)|ため)[^\\n。、]){0,14}?(?:ない|ず(?![つ])|場合|検討))");
        break;
    case 11: rxg_puts(b, (const char *[]){ "^", "$", "\\b", "^\\s*" }[rxg_pick(r, 4)]); break;
    case 12: rxg_puts(b, (const char *[]){ "(?:年|か月|日)", "第?\\d+号", "(?:令和|平成)\\d+年", "AI-?OCR" }[rxg_pick(r, 4)]); break;
    default: rxg_puts(b, rxg_words[rxg_pick(r, RXG_NWORDS)]); rxg_puts(b, rxg_pick(r, 2) ? "+" : "*"); break;
    }
}

static void rxg_alt(rxg_rng *r, rxg_buf *b, int depth)
{
    unsigned alts = 1 + rxg_pick(r, 4);
    for (unsigned a = 0; a < alts; a++) {
        if (a) rxg_puts(b, "|");
        unsigned atoms = 1 + rxg_pick(r, 4);
        for (unsigned k = 0; k < atoms; k++) rxg_atom(r, b, depth);
    }
}

static void rxg_subject(rxg_rng *r, rxg_buf *b)
{
    static const char *const fill[] = { "、", "。", "\n", " ", "　", "１２", "3", "0", "\xFF", "\xC0\xAF", "\xE3\x81",
                                        "ｶﾒﾗ", "Ｋ", "é", "😀", "a", "Z", "-",
                                        "\xE2\x84\xAA" /* KELVIN SIGN */, "\xC5\xBF" /* ſ */, "SSL", "sns",
                                        "\xC5\xBFns", "\xC5\xBFlack", "\xE2\x84\xAAintone" };
    b->n = 0;
    rxg_puts(b, "");
    unsigned parts = rxg_pick(r, 40);
    for (unsigned i = 0; i < parts; i++)
        rxg_puts(b, rxg_pick(r, 3) ? rxg_words[rxg_pick(r, RXG_NWORDS)] : fill[rxg_pick(r, sizeof fill / sizeof fill[0])]);
}

/* One round: n_pat patterns, n_sub subjects, all pairs.  Returns the number
 * of disagreements (each printed to stderr). */
static int rxg_round(rx_cache *pf, rx_cache *plain, rxg_rng *r, unsigned n_pat, unsigned n_sub)
{
    static const char *const flags[] = { "", "", "i", "m", "s", "is" };
    rxg_buf *pats = calloc(n_pat, sizeof *pats), subj = { 0 };
    const char **fl = calloc(n_pat, sizeof *fl);
    int bad = 0;
    if (!pats || !fl) exit(2);
    for (unsigned i = 0; i < n_pat; i++) {
        rxg_puts(&pats[i], "");
        rxg_alt(r, &pats[i], 0);
        fl[i] = flags[rxg_pick(r, 6)];
        rx_match m;
        rx_exec(pf, pats[i].p, pats[i].n, fl[i], "", 0, 0, &m);   /* seen, so built into the database */
    }
    rx_prefilter_build(pf);
    for (unsigned s = 0; s < n_sub; s++) {
        rxg_subject(r, &subj);
        for (unsigned i = 0; i < n_pat; i++) {
            rx_match a, b;
            int ra = rx_exec(pf, pats[i].p, pats[i].n, fl[i], subj.p, subj.n, 0, &a);
            size_t ov[32];
            int pairs = ra > 0 ? (a.pairs < 16 ? a.pairs : 16) : 0;
            if (pairs) memcpy(ov, a.ovec, (size_t)pairs * 2 * sizeof *ov);
            int rb = rx_exec(plain, pats[i].p, pats[i].n, fl[i], subj.p, subj.n, 0, &b);
            int same = (ra > 0) == (rb > 0) && (ra < 0) == (rb < 0) && (ra != -1 || !strcmp(a.msg, b.msg));
            /* a search PCRE2 gave up on (a limit) that the prefilter ruled
             * out: no match is the true answer (docs/security.md) */
            if (ra == 0 && rb == -2) same = 1;
            if (same && ra > 0) same = a.pairs == b.pairs && !memcmp(ov, b.ovec, (size_t)pairs * 2 * sizeof *ov);
            if (!same) {
                bad++;
                fprintf(stderr, "DIFFER flags '%s' pattern %s\n  subject (%zu bytes):", fl[i], pats[i].p, subj.n);
                for (size_t k = 0; k < subj.n; k++) fprintf(stderr, " %02x", (unsigned char)subj.p[k]);
                fprintf(stderr, "\n  prefilter + PCRE2: %d, PCRE2 alone: %d (%s)\n", ra, rb, b.msg);
            }
        }
    }
    for (unsigned i = 0; i < n_pat; i++) free(pats[i].p);
    free(pats);
    free(fl);
    free(subj.p);
    return bad;
}
#endif
