/* web_mhd.h -- libmicrohttpd, opened when `hogo serve` starts (web_mhd_
 * prefix).
 *
 * Why not linked: libmicrohttpd brings GnuTLS and eight more libraries
 * (p11-kit, nettle, gmp, ...) that the dynamic loader maps and relocates
 * at every start of `hogo`: with Hyperscan (rx_hs.h), ~11 ms of the 46 ms
 * of a `hogo check` of one plan, which never serves (docs/performance.md).
 * So the server calls libmicrohttpd through this table, filled by dlopen
 * the first time a server starts.  Only the functions web_server.c
 * calls are here; each keeps microhttpd.h's own prototype (__typeof__). */
#ifndef HOGO_WEB_MHD_H
#define HOGO_WEB_MHD_H

#include <stddef.h>
#include <sys/socket.h>
#include <microhttpd.h>

#define WEB_MHD_FNS(X) \
    X(start_daemon) X(stop_daemon) X(quiesce_daemon) X(get_daemon_info) \
    X(get_connection_info) X(get_connection_values) X(lookup_connection_value) \
    X(suspend_connection) X(resume_connection) \
    X(create_response_from_buffer) X(add_response_header) X(queue_response) X(destroy_response)

typedef struct {
#define WEB_MHD_FIELD(f) __typeof__(MHD_##f) *f;
    WEB_MHD_FNS(WEB_MHD_FIELD)
#undef WEB_MHD_FIELD
} web_mhd_api;

extern web_mhd_api web_mhd;

/* Open the library and fill web_mhd, once per process; 0 and why in err
 * when it is missing (the package depends on it: a hand-made install may
 * not have it). */
int web_mhd_open(char *err, size_t errlen);

#endif
