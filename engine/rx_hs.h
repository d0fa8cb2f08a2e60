/* rx_hs.h -- Hyperscan, opened when the regex prefilter is asked for
 * (rx_hs_ prefix; a file of regex.c's).
 *
 * Why not linked: the prefilter is off unless HOGO_REGEX_PREFILTER asks for
 * it (regex.h), yet a linked libhs (C++: libstdc++ and libgcc_s with it) is
 * mapped and relocated at every start of every program using the library
 * (with libmicrohttpd, ~11 ms of the 46 ms of a `hogo check` of one plan).
 * So regex.c calls Hyperscan through this table, filled by dlopen when a
 * cache first wants the prefilter.  Each entry keeps hs.h's own prototype
 * (__typeof__). */
#ifndef HOGO_RX_HS_H
#define HOGO_RX_HS_H

#include <hs/hs.h>

#define RX_HS_FNS(X) \
    X(expression_info) X(compile_multi) X(free_compile_error) X(free_database) \
    X(alloc_scratch) X(free_scratch) X(scan)

typedef struct {
#define RX_HS_FIELD(f) __typeof__(hs_##f) *f;
    RX_HS_FNS(RX_HS_FIELD)
#undef RX_HS_FIELD
} rx_hs_api;

extern rx_hs_api rx_hs;

/* Open libhs and fill rx_hs, once per process (thread-safe); 0 when it
 * cannot be opened: the prefilter is then off, PCRE2 decides alone. */
int rx_hs_open(void);

#endif
