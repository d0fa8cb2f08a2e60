/* rx_hs.c -- Hyperscan opened on first use; see rx_hs.h. */
#define _GNU_SOURCE
#include "rx_hs.h"

#include <dlfcn.h>
#include <pthread.h>

/* The soname (libhs.so.5) comes from the library the build found
 * (CMakeLists.txt), so this is the ABI hs.h described. */
#ifndef HOGO_HS_SONAME
#error "HOGO_HS_SONAME is set by CMakeLists.txt"
#endif

rx_hs_api rx_hs;

static pthread_once_t rx_hs_once = PTHREAD_ONCE_INIT;

static void rx_hs_load(void)
{
    void *h = dlopen(HOGO_HS_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    rx_hs_api t;
    int ok = 1;
#define RX_HS_LOAD(f) ok = ok && (*(void **)&t.f = dlsym(h, "hs_" #f)) != NULL;
    RX_HS_FNS(RX_HS_LOAD)
#undef RX_HS_LOAD
    if (!ok) { dlclose(h); return; }
    rx_hs = t;                         /* kept open for the process's life */
}

int rx_hs_open(void)
{
    pthread_once(&rx_hs_once, rx_hs_load);
    return rx_hs.scan != NULL;
}
