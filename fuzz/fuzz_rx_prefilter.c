/* fuzz_rx_prefilter.c -- libFuzzer: the regex prefilters' differential
 * check (tests/rx_gen.h) with the generator seeded from the input: 8
 * patterns of the pack's grammar against 8 subjects, both prefilters
 * (Hyperscan's and the literal one, engine/rx_lit.h) + PCRE2 against PCRE2
 * alone; any disagreement aborts.  The bounded ctests of the same check are
 * prefilter.differential and literals.differential (tests/rx_differential.c). */
#include "rx_gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rx_cache *pf, *plain;
    if (!pf) {
        rx_limits lim = { 1000000, 10000, 20000 };
        setenv("HOGO_REGEX_PREFILTER", "all", 1);
        setenv("HOGO_REGEX_LITERALS", "1", 1);
        pf = rx_cache_new(&lim);
        setenv("HOGO_REGEX_PREFILTER", "0", 1);
        setenv("HOGO_REGEX_LITERALS", "0", 1);
        plain = rx_cache_new(&lim);
        if (!pf || !plain) abort();
    }
    rxg_rng r = { 0x9E3779B97F4A7C15ull };
    for (size_t i = 0; i < size; i++) r.s = (r.s ^ data[i]) * 0x100000001B3ull;
    if (rxg_round(pf, plain, &r, 8, 8)) abort();
    return 0;
}
