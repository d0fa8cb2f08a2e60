/* rx_differential.c -- the prefilter.differential and literals.differential
 * ctests: a prefilter + PCRE2 must agree with PCRE2 alone on patterns of the
 * pack's grammar and random subjects (tests/rx_gen.h), for a bounded time.
 *   rx_differential [SECONDS [SEED [literals]]]     (default 8 s, seed 1)
 * The prefilter is Hyperscan's (HOGO_REGEX_PREFILTER=all), or with
 * "literals" the literal prefilter (engine/rx_lit.h: texts under 64 bytes
 * by their first bytes, longer ones by their grams).  Exit 0 when every round agreed and the
 * prefilter ruled some matches out (so it was really in front); 1 otherwise. */
#include "rx_gen.h"

#include <time.h>

static double rxd_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 8.0;
    rxg_rng r = { argc > 2 ? strtoull(argv[2], NULL, 10) : 1 };
    rx_limits lim = { 1000000, 10000, 20000 };
    int literals = argc > 3 && !strcmp(argv[3], "literals");
    setenv("HOGO_REGEX_PREFILTER", literals ? "0" : "all", 1);
    setenv("HOGO_REGEX_LITERALS", literals ? "1" : "0", 1);
    rx_cache *pf = rx_cache_new(&lim);
    setenv("HOGO_REGEX_PREFILTER", "0", 1);
    setenv("HOGO_REGEX_LITERALS", "0", 1);
    rx_cache *plain = rx_cache_new(&lim);
    if (!pf || !plain) return 2;
    double t0 = rxd_now();
    unsigned rounds = 0;
    int bad = 0;
    while (!bad && (rounds < 2 || rxd_now() - t0 < secs)) {
        bad += rxg_round(pf, plain, &r, 40, 60);
        rounds++;
    }
    rx_prefilter_stats st;
    rx_prefilter_stats_get(pf, &st);
    printf("%u rounds (40 patterns x 60 subjects each) in %.1f s: %d disagreements; prefilter: %lu builds, "
           "%lu patterns in the last, %lu refused, %lu texts scanned, %lu PCRE2 calls ruled out, %lu confirmed\n",
           rounds, rxd_now() - t0, bad, st.builds, st.patterns, st.rejected, st.scans, st.ruled_out, st.confirmed);
    if (literals) printf("literal prefilter: %lu PCRE2 calls ruled out, %lu confirmed\n", st.lit_ruled_out, st.lit_confirmed);
    unsigned long out = literals ? st.lit_ruled_out : st.ruled_out;
    rx_cache_free(pf);
    rx_cache_free(plain);
    if (!bad && out == 0) { printf("FAIL: the prefilter never ruled a match out\n"); return 1; }
    return bad ? 1 : 0;
}
