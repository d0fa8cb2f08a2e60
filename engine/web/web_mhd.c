/* web_mhd.c -- libmicrohttpd opened on first use; see web_mhd.h. */
#define _GNU_SOURCE
#include "web_mhd.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* The soname (libmicrohttpd.so.12) comes from the library the build found
 * (CMakeLists.txt), so this is the ABI microhttpd.h described. */
#ifndef HOGO_MHD_SONAME
#error "HOGO_MHD_SONAME is set by CMakeLists.txt"
#endif

web_mhd_api web_mhd;

static pthread_once_t web_mhd_once = PTHREAD_ONCE_INIT;
static char web_mhd_err[256];

static void web_mhd_load(void)
{
    void *h = dlopen(HOGO_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(web_mhd_err, sizeof web_mhd_err, "%s (install libmicrohttpd: apt-get install libmicrohttpd12)",
                 dlerror());
        return;
    }
    web_mhd_api t;
    const char *missing = NULL;
#define WEB_MHD_LOAD(f) \
    if (!missing && !(*(void **)&t.f = dlsym(h, "MHD_" #f))) missing = "MHD_" #f;
    WEB_MHD_FNS(WEB_MHD_LOAD)
#undef WEB_MHD_LOAD
    if (missing) {
        snprintf(web_mhd_err, sizeof web_mhd_err, "%s has no %s", HOGO_MHD_SONAME, missing);
        dlclose(h);
        return;
    }
    web_mhd = t;                       /* kept open for the process's life */
}

int web_mhd_open(char *err, size_t errlen)
{
    pthread_once(&web_mhd_once, web_mhd_load);
    if (web_mhd.queue_response) return 1;
    snprintf(err, errlen, "%s", web_mhd_err);
    return 0;
}
