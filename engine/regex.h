/* regex.h -- PCRE2 for rules (rx_ prefix), with a literal prefilter
 * (rx_lit.h: on by default) and a Hyperscan prefilter (off by default).
 *
 * Patterns come from rule files and subjects from plans, so neither is
 * trusted: every pattern is compiled UTF + UCP (\d and \w know Japanese),
 * every match runs with PCRE2_MATCH_INVALID_UTF (bad bytes in a plan are not
 * undefined behaviour) and with match, depth and heap limits (a pathological
 * pattern is stopped, not waited on).  Compiled patterns are cached per
 * engine, so a rule's pattern is compiled once, not once per plan.
 *
 * The literal prefilter (rx_lit.h): a pattern's required literals against
 * a text's byte pairs and triples rule out most of the pack's searches of
 * a plan's prose for keywords it does not contain, before PCRE2 runs.  The
 * texts' grams are kept per plan only (emptied by rx_prefilter_tick).
 * HOGO_REGEX_LITERALS=0 turns it off.
 *
 * The prefilter (as Suricata uses Hyperscan): the patterns the first plans
 * used are compiled into one Hyperscan database in prefilter mode
 * (HS_FLAG_PREFILTER | HS_FLAG_UTF8 | HS_FLAG_UCP, and the pattern's i, m,
 * s as Hyperscan flags).  In that mode a database may report a pattern that
 * does not match, never miss one that does; so one scan of a text says
 * which patterns cannot match it, and PCRE2 runs only on the others, with
 * its limits as before.  A pattern Hyperscan cannot take even as a
 * prefilter, one seen after the last build, a text under 64 bytes or over
 * 16 KiB and a search from an offset go to PCRE2 alone.  Hyperscan is given
 * each pattern widened (lookarounds dropped, {m,n} as *): it compiles
 * several times faster and can only match more.  The prefilter.differential
 * ctest compares prefilter + PCRE2 with PCRE2 alone on generated patterns. */
#ifndef HOGO_REGEX_H
#define HOGO_REGEX_H
#include <stddef.h>
#include <stdint.h>

typedef struct rx_cache rx_cache;

typedef struct {
    uint32_t match_limit, depth_limit, heap_limit_kib;
} rx_limits;

rx_cache *rx_cache_new(const rx_limits *lim);
void      rx_cache_free(rx_cache *c);

/* Called once per plan screened.  With HOGO_REGEX_PREFILTER=1 (or =all:
 * also texts under 64 bytes) it builds the prefilter database from the
 * patterns seen so far after the first plan, and again after the 16th when
 * new ones came.  Off by default: a build of the pack's ~200 patterns costs
 * 0.3-0.4 s and ~30 MiB a worker, more than it saves even over 100,000
 * plans (docs/performance.md). */
void rx_prefilter_tick(rx_cache *c);
/* Build it now from every pattern seen (the differential test). */
void rx_prefilter_build(rx_cache *c);

typedef struct {
    unsigned long builds, patterns, rejected;   /* databases built; patterns in the last; refused */
    unsigned long scans, cached;                /* texts scanned; answers from a text's slot */
    unsigned long ruled_out, confirmed;         /* PCRE2 calls saved; calls PCRE2 still made */
    unsigned long lit_ruled_out, lit_confirmed; /* the same for the literal prefilter (rx_lit.h) */
} rx_prefilter_stats;
void rx_prefilter_stats_get(const rx_cache *c, rx_prefilter_stats *out);

/* Outcome of rx_exec: matched (>0 = number of capture pairs), 0 no match,
 * -1 pattern error, -2 a limit was hit.  On error, msg says why. */
typedef struct {
    const size_t *ovec;    /* offsets of the whole match and every capture (pairs of
                              them), valid until the next call on the cache */
    int    pairs;
    char   msg[160];
} rx_match;

int rx_exec(rx_cache *c, const char *pattern, size_t plen, const char *flags,
            const char *subject, size_t slen, size_t start, rx_match *m);

/* Global substitution ($1 style references).  Returns malloc'd text or NULL
 * with msg filled.  A result longer than max bytes (the caller's memory
 * budget) is refused with a message that says "budget". */
char *rx_gsub(rx_cache *c, const char *pattern, size_t plen, const char *flags,
              const char *subject, size_t slen, const char *repl, size_t rlen,
              size_t *outlen, char msg[160], size_t max);
#endif
