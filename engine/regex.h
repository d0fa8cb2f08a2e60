/* regex.h -- PCRE2 for rules (rx_ prefix).
 *
 * Patterns come from rule files and subjects from plans, so neither is
 * trusted: every pattern is compiled UTF + UCP (\d and \w know Japanese),
 * every match runs with PCRE2_MATCH_INVALID_UTF (bad bytes in a plan are not
 * undefined behaviour) and with match, depth and heap limits (a pathological
 * pattern is stopped, not waited on).  Compiled patterns are cached per
 * engine, so a rule's pattern is compiled once, not once per plan. */
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
