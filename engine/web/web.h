/* web.h -- `hogo serve`'s server (web_ prefix): a local, stateless web page
 * and its API, on libmicrohttpd.
 *
 * The server needs only the public API (include/hogo.h): the API answers
 * with the very writer `hogo check --format json|html` uses (hogo_report_*).  It never opens a file: the page's
 * assets are compiled in (web_assets.c, generated from engine/web/assets/
 * and docs/plan.schema.json), and a plan lives only in the request's memory.
 *
 * Engines come from the caller (make_engine), one per worker thread, held in
 * a pool: a request borrows one engine for its screen, so two requests never
 * share a Lua state. */
#ifndef HOGO_WEB_H
#define HOGO_WEB_H
#include "hogo.h"

#define WEB_MAX_ALLOW_HOST 16
/* hogo serve's body limit when --max-plan-bytes is not given: real plans are
 * a few kilobytes, and bodies held at once are at most max_connections x this
 * (docs/cli.md: the measured trade) */
#define WEB_DEFAULT_MAX_PLAN_BYTES (2u << 20)
#define WEB_DEFAULT_PER_ADDRESS 16

typedef hogo_engine *(*web_engine_fn)(void *ud);

typedef struct {
    const char *host;            /* listen address: "127.0.0.1", "0.0.0.0", "::1" */
    unsigned port;               /* 0 = a free port (web_port tells which) */
    int workers;                 /* threads, each with its engine (default 2) */
    size_t max_plan_bytes;       /* larger bodies get 413 (default WEB_DEFAULT_MAX_PLAN_BYTES) */
    unsigned max_connections;    /* open at once (default 64) */
    unsigned timeout_s;          /* a request must arrive within this, from its connection's accept
                                    or the answer before it (default 30) */
    unsigned per_address;        /* connections open at once from one address (default 16) */
    unsigned grace_s;            /* a stop waits timeout_s + this for requests in flight (0: none
                                    beyond timeout_s; hogo serve gives the screen's CPU budget) */
    hogo_severity fail_on;       /* for the summary's "failing" (default high) */
    const char *today;           /* --today, for the HTML report's cover (NULL = the clock) */
    const char *allow_host[WEB_MAX_ALLOW_HOST]; int n_allow_host;  /* more names for Host */
    web_engine_fn make_engine;   /* required */
    void *ud;
} web_config;

typedef struct web_server web_server;

/* Start serving; on failure writes why into err and returns NULL. */
web_server *web_start(const web_config *c, char *err, size_t errlen);
unsigned    web_port(const web_server *s);
/* The address to open: "http://127.0.0.1:8420/". */
const char *web_url(const web_server *s);
/* How many plans a worker is screening now (for tests and a status line). */
unsigned    web_screening(web_server *s);
/* Stop accepting, finish the requests in flight, free everything. */
void        web_stop(web_server *s);

/* The compiled-in assets (web_assets.c). */
typedef struct {
    const char *name;            /* path below /, e.g. "app.js" */
    const char *data;
    size_t len;
} web_asset;
extern const web_asset web_assets[];   /* ends with {NULL, NULL, 0} */
#endif
