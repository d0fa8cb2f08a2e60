/* rx_lit.h -- the literal prefilter in front of PCRE2 (rxl_ prefix).
 *
 * Most of the pack's searches are of one plan's prose for a keyword it does
 * not contain: 34 searches a plan of the same ~550 bytes, each costing
 * PCRE2 ~35 instructions a byte (a keyword alternation has no first code
 * unit, and every Japanese character starts with one of a few lead bytes).
 * So each pattern gets, once, its required literals: a set of byte strings
 * one of which every match contains (the keyword alternatives; for
 * (?:アクセス|操作)(?:の)?(?:ログ|記録), the first group's).  Each text
 * of 64 bytes or more gets, once, the set of its byte triples and of its
 * pairs of ASCII bytes (a Bloom filter, ASCII letters folded; kept for the
 * next searches of the same text), and a pattern none of whose literals
 * has all its triples (a literal of two bytes: its pair) in the text
 * cannot match it.  A shorter text is read once for
 * the literals' first bytes instead (rxl_may_match_short).  Anything else
 * goes to PCRE2, which decides with its limits as before.
 *
 * Sound by construction, and held to PCRE2's answers by the
 * literals.differential ctest (tests/rx_differential.c): a literal is only
 * taken from characters that match themselves alone up to case -- ASCII
 * (compared folded; the grams read the two non-ASCII letters caseless UCP
 * matching takes for ASCII ones, K U+212A and ſ U+017F, as k and s) and
 * CJK, kana and half-width kana, which have no case -- and only from parts
 * of a pattern every match must go through (no optional or repeated atom,
 * no look-around).  A pattern the extraction cannot read (x flag, \x{...},
 * back-references, (?options), verbs, a sequence without a literal of two
 * bytes or more) has no set and always goes to PCRE2, as does a text
 * longer than HOGO_MAX_LITERAL_SUBJECT. */
#ifndef HOGO_RX_LIT_H
#define HOGO_RX_LIT_H
#include <stddef.h>
#include <stdint.h>

/* A pattern's required literals: lit[off[i] .. off[i+1]) for i < n,
 * ASCII letters lower-cased, in groups: grp[i] is the literal's top-level
 * alternative << 8 | its clause.  A match of an alternative holds one
 * literal of each of its clauses (for (?:結果|データ)[^。]*(?:市|県): 結果
 * or データ, and 市 or 県). */
typedef struct {
    unsigned n;
    uint32_t *off;
    uint32_t *grp;
    unsigned char *lit;
    /* for rxl_may_match, per literal k: its grams' hash products
     * gram[gofs[k] .. gofs[k+1]) (a pair's for a literal of two bytes, else
     * its triples'), and where its clause and its alternative end */
    uint32_t *gofs, *gram, *clause_end, *alt_end;
    size_t size;              /* bytes held, for the regex cache's budget */
    int has2;                 /* some literal is 2 bytes long */
    uint64_t lead[4];         /* the literals' first bytes, one bit each */
    uint64_t first[64];       /* Bloom filter of the literals' first 3 bytes (2 when that is all) */
} rxl_set;

/* The required literals of pattern p (flags as rx_exec takes them), or
 * NULL when it has none that can be told (then PCRE2 decides alone). */
rxl_set *rxl_extract(const char *p, size_t n, const char *flags);
void     rxl_free(rxl_set *s);

/* The byte pairs and triples of one text. */
typedef struct {
    uint64_t *bits;
    unsigned shift;           /* 32 - log2(number of bits) */
    size_t cap_words;         /* allocated */
} rxl_grams;

/* Fill g with the grams of text (reusing its memory); 0 when out of memory. */
int  rxl_grams_build(rxl_grams *g, const char *text, size_t n);
void rxl_grams_free(rxl_grams *g);

/* 0 when no literal of s can occur in the text g was built from (the
 * pattern cannot match it); 1 when PCRE2 must decide. */
int rxl_may_match(const rxl_set *s, const rxl_grams *g);

/* The same for a short text searched without grams (fewer than
 * RXL_SHORT bytes; 1 for a longer one): no position of the text starts
 * like one of the literals. */
#define RXL_SHORT 64
int rxl_may_match_short(const rxl_set *s, const char *text, size_t n);
#endif
