/* web_server.c -- `hogo serve`: the page's assets and POST /api/check, on
 * libmicrohttpd.
 *
 * What a request can reach is a fixed table: the compiled-in assets by exact
 * name, /report.css (hogo_report_stylesheet) and /api/check.  Nothing maps a URL to a
 * path, so no file on the server is reachable.  A plan is read into the
 * request's memory, screened by an engine of the server's own workers,
 * rendered by the same writer `hogo check` uses and freed with the request:
 * stateless.
 *
 * libmicrohttpd is opened when the first server starts (web_mhd.h).
 *
 * Threads: libmicrohttpd's pool does the sockets only; a finished body is
 * queued (web_job) and its connection suspended, a worker thread (one engine
 * each) screens it and resumes the connection with the answer.  So a long
 * screen never stops the pool from reading other requests, and the queue
 * decides who goes first: small plans before large ones, and large plans on
 * at most workers - 1 workers, so two clients sending 8 MiB plans cannot
 * keep a staffer's 5 KB plan waiting behind them.
 *
 * Safe by default (docs/cli.md, "hogo serve"):
 *   - Host must name the listen address (or localhost on loopback, an IP
 *     literal on a wildcard address, or a name given with --allow-host), so
 *     a page on a foreign site cannot reach the server by rebinding its DNS
 *     name to 127.0.0.1; a foreign Origin is refused as well (403).
 *   - The same security headers on every answer (web_headers): a content
 *     security policy, nosniff, no referrer, same-origin resources, no-store.
 *   - Limits: the body (413 above max_plan_bytes, before reading it when
 *     Content-Length says so), connections at once and per address, a
 *     deadline for each request from its first byte (headers included, and
 *     for each request of a kept-alive connection) on the monotonic clock,
 *     kept by a watchdog thread (web_watch), and a CPU budget per screen
 *     (hogo_options.plan_cpu_ms, set by the caller).
 *   - A stop answers the requests in flight first (web_stop). */
#define _GNU_SOURCE
#include "web.h"
#include "web_mhd.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A plan larger than this is "large": it waits behind small ones and runs
 * on at most workers - 1 workers.  Real plans are a few kilobytes. */
#define WEB_SMALL_PLAN (256u * 1024)
/* Query parameters a request may carry (lang, format, name): more is 414. */
#define WEB_MAX_ARGS 16

typedef struct web_conn web_conn;
typedef struct web_job web_job;

/* One open connection, in the server's list (under mu). */
struct web_conn {
    web_conn *prev, *next;
    int fd;
    struct sockaddr_storage addr;
    uint64_t start_ns;           /* when the current request's time began (accept, or the last answer) */
    int exempt;                  /* screening or answering: the deadline does not cut it */
};

struct web_server {
    struct MHD_Daemon *d;
    web_config cfg;
    char host[64];               /* the listen address as it appears in Host */
    int loopback, wildcard;
    unsigned port;
    char url[96];
    pthread_mutex_t mu;          /* everything below */
    pthread_cond_t work;         /* a job was queued, or stopping */
    pthread_cond_t idle;         /* a request finished (web_stop waits for none in flight) */
    pthread_cond_t tick;         /* the watchdog's sleep */
    const char *pack;            /* the rule pack's version (every engine has the same) */
    unsigned open;               /* connections open now */
    web_conn *conns;
    unsigned in_flight;          /* requests between their headers and their completion */
    web_job *queue, *queue_tail;
    int large_running;
    unsigned screening;          /* jobs a worker has taken and not yet answered */
    int stopping, draining;
    pthread_t *workers;
    hogo_engine **engines;
    int n_workers;
    pthread_t watchdog;
    int watchdog_started;
};

/* A plan waiting for, or in, a worker. */
struct web_job {
    web_job *next;
    struct MHD_Connection *con;
    hogo_buf body;
    hogo_lang lang;
    const char *fmt;
    char name[256];
    int large;
    int done;                    /* the answer below is ready */
    unsigned status;
    char *text;
    size_t len;
};

typedef struct {
    hogo_buf body;
    int started;                 /* the handler has seen the request */
    int too_many_args;           /* the query had more than WEB_MAX_ARGS parameters */
    int args_en;                 /* ... one of them lang=en (the rest cannot be looked up) */
    int check;                   /* POST /api/check */
    int too_big;
    web_job *job;                /* queued or answered */
    hogo_lang lang;
    const char *fmt;
    const char *name;
} web_req;

/* Status codes by number: their names changed across libmicrohttpd versions. */
enum { WEB_OK = 200, WEB_BAD_REQUEST = 400, WEB_FORBIDDEN = 403, WEB_NOT_FOUND = 404,
       WEB_NOT_ALLOWED = 405, WEB_TOO_LARGE = 413, WEB_URI_TOO_LONG = 414, WEB_MEDIA_TYPE = 415,
       WEB_UNPROCESSABLE = 422, WEB_ERROR = 500, WEB_NOT_IMPLEMENTED = 501, WEB_UNAVAILABLE = 503 };

#define WEB_CSP_PAGE "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " \
    "img-src 'self' data:; connect-src 'self'; frame-src blob:; base-uri 'none'; " \
    "form-action 'none'; frame-ancestors 'none'"
/* The HTML report has its style inline and nothing else to load. */
#define WEB_CSP_REPORT "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; " \
    "form-action 'none'; frame-ancestors 'self'"

static uint64_t web_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- answers ---- */

/* The headers every answer carries, whatever its status. */
static void web_headers(struct MHD_Response *res, const char *type, const char *csp)
{
    web_mhd.add_response_header(res, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    web_mhd.add_response_header(res, "Content-Security-Policy", csp);
    web_mhd.add_response_header(res, "X-Content-Type-Options", "nosniff");
    web_mhd.add_response_header(res, "Referrer-Policy", "no-referrer");
    web_mhd.add_response_header(res, "Cross-Origin-Resource-Policy", "same-origin");
    web_mhd.add_response_header(res, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}

static enum MHD_Result web_send_h(struct MHD_Connection *con, unsigned status, const char *type,
                                  const char *csp, void *data, size_t len, enum MHD_ResponseMemoryMode mode,
                                  const char *allow)
{
    struct MHD_Response *res = web_mhd.create_response_from_buffer(len, data, mode);
    if (!res) { if (mode == MHD_RESPMEM_MUST_FREE) free(data); return MHD_NO; }
    web_headers(res, type, csp);
    if (allow) web_mhd.add_response_header(res, MHD_HTTP_HEADER_ALLOW, allow);
    enum MHD_Result ok = web_mhd.queue_response(con, status, res);
    web_mhd.destroy_response(res);
    return ok;
}

static enum MHD_Result web_send(struct MHD_Connection *con, unsigned status, const char *type,
                                const char *csp, void *data, size_t len, enum MHD_ResponseMemoryMode mode)
{
    return web_send_h(con, status, type, csp, data, len, mode, NULL);
}

/* A short answer in the request's language (lang=en in the query; ja otherwise). */
static enum MHD_Result web_plain2(struct MHD_Connection *con, unsigned status, const char *ja, const char *en,
                                  const char *allow)
{
    const char *l = web_mhd.lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "lang");
    const char *msg = l && !strcmp(l, "en") ? en : ja;
    return web_send_h(con, status, "text/plain; charset=utf-8", WEB_CSP_REPORT, (void *)msg, strlen(msg),
                      MHD_RESPMEM_PERSISTENT, allow);
}

#define web_plain(con, status, ja, en) web_plain2(con, status, ja, en, NULL)

/* ---- Host and Origin ---- */

static int web_ip_literal(const char *h)
{
    unsigned char buf[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, h, buf) == 1 || inet_pton(AF_INET6, h, buf) == 1;
}

/* Host: "name:port", "[v6]:port" (or without the port on port 80). */
static int web_host_ok(const web_server *s, const char *host)
{
    if (!host || !*host || strlen(host) > 255) return 0;
    char name[256];
    const char *port = NULL;
    if (host[0] == '[') {
        const char *e = strchr(host, ']');
        if (!e) return 0;
        memcpy(name, host + 1, (size_t)(e - host - 1));
        name[e - host - 1] = '\0';
        if (e[1] == ':') port = e + 2; else if (e[1]) return 0;
    } else {
        const char *c = strrchr(host, ':');
        size_t n = c ? (size_t)(c - host) : strlen(host);
        memcpy(name, host, n);
        name[n] = '\0';
        if (c) port = c + 1;
        if (strchr(name, ':')) return 0;
    }
    char *end;
    unsigned long p = port ? strtoul(port, &end, 10) : 80;
    if ((port && (!*port || *end)) || p != s->port) return 0;
    if (!strcasecmp(name, s->host)) return 1;
    if ((s->loopback || s->wildcard) &&
        (!strcasecmp(name, "localhost") || !strcmp(name, "127.0.0.1") || !strcmp(name, "::1")))
        return 1;
    /* An IP literal cannot be rebound to another address; a name can. */
    if (s->wildcard && web_ip_literal(name)) return 1;
    for (int i = 0; i < s->cfg.n_allow_host; i++)
        if (!strcasecmp(name, s->cfg.allow_host[i])) return 1;
    return 0;
}

/* A browser sends Origin on POST and cross-origin requests: it must be this
 * very server ("http://" + Host). */
static int web_origin_ok(const char *origin, const char *host)
{
    if (!origin) return 1;
    return !strncmp(origin, "http://", 7) && host && !strcasecmp(origin + 7, host);
}

/* ---- the API ---- */

/* A file name to show: 1-255 bytes, no C0 or C1 control character, DEL or
 * bidirectional control (it is printed in reports and the page). */
static int web_name_ok(const char *n)
{
    size_t len = strlen(n);
    if (!len || len > 255) return 0;
    for (const unsigned char *p = (const unsigned char *)n; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) return 0;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) return 0;                 /* U+0080-009F */
        if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) return 0; /* U+202A-202E */
        if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) return 0; /* U+2066-2069 */
    }
    return 1;
}

/* The report for one plan, by the writer hogo check uses. */
static char *web_render(const web_server *s, const char *fmt, const hogo_engine *e, hogo_lang lang,
                        const hogo_result *r, size_t *len)
{
    hogo_severity fail_on = s->cfg.fail_on;
    hogo_report_options o = { .engine = e, .lang = lang, .fail_on = fail_on, .color = 0,
                              .tool_version = HOGO_VERSION, .pack_version = s->pack, .today = s->cfg.today };
    hogo_report_summary sum;
    memset(&sum, 0, sizeof sum);
    hogo_report_summary_add(&sum, r, fail_on);
    hogo_report *rp = hogo_report_new(fmt, &o);
    if (!rp) return NULL;
    hogo_report_begin(rp);
    hogo_report_plan(rp, r, 0);
    hogo_report_end(rp, &sum);
    size_t n = 0;
    const char *d = hogo_report_output(rp, &n);
    char *text = hogo_report_failed(rp) ? NULL : malloc(n + 1);
    if (text) {
        if (n) memcpy(text, d, n);
        text[n] = '\0';
        *len = n;
    }
    hogo_report_free(rp);
    return text;
}

static enum MHD_Result web_args_count(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind; (void)key; (void)value;
    (*(unsigned *)cls)++;
    return MHD_YES;
}

/* The query of /api/check: lang, format, name (the file name the report
 * shows; a label only, never opened).  0 when one is bad. */
static int web_query(struct MHD_Connection *con, hogo_lang *lang, const char **fmt,
                     const char **name)
{
    const char *l = web_mhd.lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "lang");
    const char *f = web_mhd.lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "format");
    const char *n = web_mhd.lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "name");
    if (!l || !strcmp(l, "ja")) *lang = HOGO_JA;
    else if (!strcmp(l, "en")) *lang = HOGO_EN;
    else return 0;
    if (!f || !strcmp(f, "json")) *fmt = "json";
    else if (!strcmp(f, "html")) *fmt = "html";
    else return 0;
    *name = n ? n : "plan.json";
    return web_name_ok(*name);
}

static const char *web_type_of(const char *fmt)
{
    return !strcmp(fmt, "html") ? "text/html; charset=utf-8" : "application/json; charset=utf-8";
}

/* 413: the plan is not read at all, and reported the way hogo check reports
 * a file over --max-plan-bytes (an unread plan is not ready for the council:
 * score 100, re_examine -- score.c's rule for a plan it could not screen). */
static enum MHD_Result web_too_big(web_server *s, struct MHD_Connection *con)
{
    hogo_lang lang;
    const char *fmt;
    const char *name;
    if (!web_query(con, &lang, &fmt, &name)) { lang = HOGO_JA; fmt = "json"; name = "plan.json"; }
    char msg[256];
    if (lang == HOGO_EN)
        snprintf(msg, sizeof msg, "the plan is more than %zu bytes; the limit is %zu (--max-plan-bytes)",
                 s->cfg.max_plan_bytes, s->cfg.max_plan_bytes);
    else
        snprintf(msg, sizeof msg, "計画が %zu バイトを超えています。上限は %zu バイトです（--max-plan-bytes）",
                 s->cfg.max_plan_bytes, s->cfg.max_plan_bytes);
    hogo_input_error err = { .path = "", .message = msg };
    hogo_result r;
    memset(&r, 0, sizeof r);
    r.file = name;
    r.score = 100;
    r.verdict = HOGO_RE_EXAMINE;
    r.errors = &err;
    r.n_errors = 1;
    size_t len = 0;
    char *text = web_render(s, fmt, NULL, lang, &r, &len);
    if (!text) return web_plain(con, WEB_ERROR, "メモリが足りません\n", "out of memory\n");
    return web_send(con, WEB_TOO_LARGE, web_type_of(fmt), WEB_CSP_REPORT, text, len, MHD_RESPMEM_MUST_FREE);
}

/* ---- the queue and the workers ---- */

/* The next job a worker may take (under mu): the first small one, else the
 * first large one if fewer than workers - 1 (at least 1) large ones run. */
static web_job *web_take(web_server *s)
{
    web_job *pick = NULL;
    for (web_job *j = s->queue; j && !pick; j = j->next)
        if (!j->large) pick = j;
    if (!pick && s->large_running < (s->n_workers > 1 ? s->n_workers - 1 : 1))
        pick = s->queue;                     /* all large: the oldest */
    if (!pick) return NULL;
    web_job *prev = NULL;
    for (web_job *j = s->queue; j != pick; j = j->next) prev = j;
    if (prev) prev->next = pick->next; else s->queue = pick->next;
    if (s->queue_tail == pick) s->queue_tail = prev;
    pick->next = NULL;
    s->large_running += pick->large;
    return pick;
}

static void web_screen_job(web_server *s, hogo_engine *e, web_job *j)
{
    hogo_engine_set_lang(e, j->lang);       /* input errors in the request's language */
    hogo_result *r = NULL;
    hogo_screen(e, j->name, j->body.data ? j->body.data : "", j->body.len, &r);
    hogo_buf_free(&j->body);                       /* stateless: the plan is gone */
    j->text = r ? web_render(s, j->fmt, e, j->lang, r, &j->len) : NULL;
    j->status = !j->text ? WEB_ERROR : r->screened ? WEB_OK : WEB_UNPROCESSABLE;
    hogo_result_free(r);
}

typedef struct { web_server *s; int i; } web_worker_arg;

static void *web_worker(void *arg)
{
    web_server *s = ((web_worker_arg *)arg)->s;
    hogo_engine *e = s->engines[((web_worker_arg *)arg)->i];
    free(arg);
    pthread_mutex_lock(&s->mu);
    for (;;) {
        web_job *j;
        /* a stop waits for bodies still arriving: workers leave only once
         * web_join drains, and then only with the queue empty */
        while (!(j = web_take(s)) && !(s->draining && !s->queue)) pthread_cond_wait(&s->work, &s->mu);
        if (!j) break;
        s->screening++;
        pthread_mutex_unlock(&s->mu);
        web_screen_job(s, e, j);
        /* memory: a large screen leaves hundreds of MB in malloc's arenas
         * (the plan's tables in Lua, its parse): give it back to the system
         * rather than hold the peak for ever */
        if (j->large) malloc_trim(0);
        struct MHD_Connection *con = j->con;
        pthread_mutex_lock(&s->mu);
        s->large_running -= j->large;
        s->screening--;
        j->done = 1;
        pthread_cond_broadcast(&s->work);    /* a large slot may have opened */
        /* never call into libmicrohttpd under mu: its threads take mu in
         * our callbacks while they may hold their own locks */
        pthread_mutex_unlock(&s->mu);
        web_mhd.resume_connection(con);
        pthread_mutex_lock(&s->mu);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

static void web_job_free(web_job *j)
{
    if (!j) return;
    hogo_buf_free(&j->body);
    free(j->text);
    free(j);
}

/* The body is in: queue it and suspend the connection until a worker has
 * the answer. */
static enum MHD_Result web_enqueue(web_server *s, struct MHD_Connection *con, web_req *q)
{
    web_job *j = calloc(1, sizeof *j);
    if (!j) return web_plain(con, WEB_ERROR, "メモリが足りません\n", "out of memory\n");
    j->con = con;
    j->body = q->body;
    hogo_buf_init(&q->body);
    j->lang = q->lang;
    j->fmt = q->fmt;
    snprintf(j->name, sizeof j->name, "%s", q->name);
    j->large = j->body.len > WEB_SMALL_PLAN;
    q->job = j;
    const union MHD_ConnectionInfo *ci = web_mhd.get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    web_mhd.suspend_connection(con);             /* before a worker can resume it */
    pthread_mutex_lock(&s->mu);
    if (s->draining) {                       /* the workers are gone: a stop past its grace */
        j->done = 1;
        j->status = WEB_UNAVAILABLE;
        pthread_mutex_unlock(&s->mu);
        web_mhd.resume_connection(con);
        return MHD_YES;
    }
    if (ci && ci->socket_context) ((web_conn *)ci->socket_context)->exempt = 1;
    if (s->queue_tail) s->queue_tail->next = j; else s->queue = j;
    s->queue_tail = j;
    pthread_cond_signal(&s->work);
    pthread_mutex_unlock(&s->mu);
    return MHD_YES;
}

/* ---- the assets ---- */

static const char *web_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".json")) return "application/json; charset=utf-8";
    if (!strcmp(dot, ".png")) return "image/png";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

static enum MHD_Result web_asset_get(struct MHD_Connection *con, const char *url)
{
    const char *name = strcmp(url, "/") ? url + 1 : "index.html";
    if (!strcmp(name, "report.css"))
        return web_send(con, WEB_OK, "text/css; charset=utf-8", WEB_CSP_PAGE, (void *)hogo_report_stylesheet(),
                        strlen(hogo_report_stylesheet()), MHD_RESPMEM_PERSISTENT);
    for (const web_asset *a = web_assets; a->name; a++)
        if (!strcmp(a->name, name))
            return web_send(con, WEB_OK, web_type(name), WEB_CSP_PAGE, (void *)a->data, a->len,
                            MHD_RESPMEM_PERSISTENT);
    return web_plain(con, WEB_NOT_FOUND, "見つかりません\n", "not found\n");
}

static int web_is_asset(const char *url)
{
    if (!strcmp(url, "/") || !strcmp(url, "/report.css")) return 1;
    for (const web_asset *a = web_assets; a->name; a++)
        if (url[0] == '/' && !strcmp(a->name, url + 1)) return 1;
    return 0;
}

/* ---- the handler ---- */

/* What the request's framing asks that this server does not do: a transfer
 * coding other than chunked (501: the body could not even be delimited) or
 * a content coding (415: a plan is sent as it is). */
static enum MHD_Result web_codings(struct MHD_Connection *con, int *refused)
{
    *refused = 1;
    const char *te = web_mhd.lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    if (te && strcasecmp(te, "chunked") != 0)
        return web_plain(con, WEB_NOT_IMPLEMENTED,
                         "Transfer-Encoding は chunked だけを受け付けます\n",
                         "only the chunked Transfer-Encoding is accepted\n");
    const char *ce = web_mhd.lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_ENCODING);
    if (ce && strcasecmp(ce, "identity") != 0)
        return web_plain(con, WEB_MEDIA_TYPE,
                         "計画は圧縮せずに送ってください（Content-Encoding は使えません）\n",
                         "send the plan uncompressed (no Content-Encoding)\n");
    *refused = 0;
    return MHD_YES;
}

static enum MHD_Result web_first(web_server *s, struct MHD_Connection *con, const char *url,
                                 const char *method, web_req *q)
{
    const char *host = web_mhd.lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    const char *origin = web_mhd.lookup_connection_value(con, MHD_HEADER_KIND, "Origin");
    if (!web_host_ok(s, host))
        return web_plain(con, WEB_FORBIDDEN, "拒否: Host ヘッダーがこのサーバーを指していません\n",
                         "forbidden: the Host header does not name this server\n");
    if (!web_origin_ok(origin, host))
        return web_plain(con, WEB_FORBIDDEN, "拒否: ほかのオリジンからの要求です\n",
                         "forbidden: a request from another origin\n");
    unsigned nargs = 0;
    web_mhd.get_connection_values(con, MHD_GET_ARGUMENT_KIND, web_args_count, &nargs);
    if (q->too_many_args || nargs > WEB_MAX_ARGS) {
        static const char ja[] = "問い合わせのパラメーターが多すぎます（lang、format、name だけです）\n";
        static const char en[] = "too many query parameters (only lang, format and name)\n";
        if (q->too_many_args)
            return web_send(con, WEB_URI_TOO_LONG, "text/plain; charset=utf-8", WEB_CSP_REPORT,
                            (void *)(q->args_en ? en : ja), strlen(q->args_en ? en : ja), MHD_RESPMEM_PERSISTENT);
        return web_plain(con, WEB_URI_TOO_LONG, ja, en);
    }
    int refused;
    enum MHD_Result r = web_codings(con, &refused);
    if (refused) return r;
    if (!strcmp(url, "/api/check")) {
        if (strcmp(method, MHD_HTTP_METHOD_POST))
            return web_plain2(con, WEB_NOT_ALLOWED, "使えないメソッドです\n", "method not allowed\n", "POST");
        if (!web_query(con, &q->lang, &q->fmt, &q->name))
            return web_plain(con, WEB_BAD_REQUEST,
                             "問い合わせの誤り: lang=ja|en、format=json|html、name=ファイル名（1〜255 バイト、制御文字なし）\n",
                             "bad query: lang=ja|en, format=json|html, name=a file name (1-255 bytes, no control characters)\n");
        const char *cl = web_mhd.lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > s->cfg.max_plan_bytes) return web_too_big(s, con);
        q->check = 1;
        return MHD_YES;                      /* the body follows */
    }
    if (!web_is_asset(url)) return web_plain(con, WEB_NOT_FOUND, "見つかりません\n", "not found\n");
    if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
        return web_plain2(con, WEB_NOT_ALLOWED, "使えないメソッドです\n", "method not allowed\n", "GET, HEAD");
    return web_asset_get(con, url);
}

static enum MHD_Result web_handle(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    web_server *s = cls;
    web_req *q = *con_cls;
    if (!q || !q->started) {
        if (!q && !(q = calloc(1, sizeof *q))) return MHD_NO;
        hogo_buf_init(&q->body);
        q->started = 1;
        *con_cls = q;
        pthread_mutex_lock(&s->mu);
        s->in_flight++;
        pthread_mutex_unlock(&s->mu);
        return web_first(s, con, url, method, q);
    }
    if (!q->check) return MHD_NO;            /* answered on the first call */
    if (q->job) {                            /* resumed: the worker's answer */
        web_job *j = q->job;
        pthread_mutex_lock(&s->mu);
        int done = j->done;
        pthread_mutex_unlock(&s->mu);
        if (!done) return MHD_YES;
        if (j->status == WEB_UNAVAILABLE)
            return web_plain(con, WEB_UNAVAILABLE, "サーバーを止めています\n", "the server is stopping\n");
        if (!j->text) return web_plain(con, WEB_ERROR, "メモリが足りません\n", "out of memory\n");
        char *text = j->text;
        j->text = NULL;
        return web_send(con, j->status, web_type_of(j->fmt), WEB_CSP_REPORT, text, j->len, MHD_RESPMEM_MUST_FREE);
    }
    if (*upload_size) {
        if (!q->too_big) {
            if (q->body.len + *upload_size > s->cfg.max_plan_bytes) { q->too_big = 1; hogo_buf_free(&q->body); }
            else hogo_buf_add(&q->body, upload, *upload_size);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (q->too_big) return web_too_big(s, con);
    if (q->body.failed) return web_plain(con, WEB_ERROR, "メモリが足りません\n", "out of memory\n");
    return web_enqueue(s, con, q);
}

/* Before libmicrohttpd splits the query into parameters: each takes room in
 * the connection's 64 KiB pool, and a thousand of them left none for the
 * headers -- the request got no answer until the deadline.  A query of more
 * than WEB_MAX_ARGS parameters is marked here (and answered 414 by
 * web_first) and its separators blanked in place, so it is parsed as one
 * parameter.  (libmicrohttpd calls this "before we modify URI or args" and
 * parses the arguments from this very buffer afterwards.) */
static void *web_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    (void)cls; (void)con;
    web_req *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    const char *query = uri ? strchr(uri, '?') : NULL;
    unsigned n = query && query[1] ? 1 : 0;
    for (const char *p = query; p && *p; p++) n += *p == '&' || *p == ';';
    if (n > WEB_MAX_ARGS) {
        q->too_many_args = 1;
        const char *l = strstr(query, "lang=en");
        q->args_en = l && (l[-1] == '?' || l[-1] == '&' || l[-1] == ';') && (!l[7] || l[7] == '&' || l[7] == ';');
        for (char *p = (char *)query + 1; *p; p++)
            if (*p == '&' || *p == ';') *p = '_';
    }
    return q;
}

static void web_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                          enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    web_server *s = cls;
    web_req *q = *con_cls;
    /* the next request of a kept-alive connection has its own deadline,
     * counted from now */
    const union MHD_ConnectionInfo *ci = web_mhd.get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    pthread_mutex_lock(&s->mu);
    if (ci && ci->socket_context) {
        web_conn *c = ci->socket_context;
        c->start_ns = web_now();
        c->exempt = 0;
    }
    if (q && q->started && s->in_flight) s->in_flight--;
    pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->mu);
    if (!q) return;
    hogo_buf_free(&q->body);
    web_job_free(q->job);
    free(q);
    *con_cls = NULL;
}

/* ---- connections: the limits, the deadline ----
 * Counted here rather than by MHD_OPTION_CONNECTION_LIMIT and
 * MHD_OPTION_PER_IP_CONNECTION_LIMIT, which a thread pool splits between
 * its threads (with 2 threads and a limit of 64, 33 on one thread could be
 * refused while the other is idle).  Two accepts on different threads may
 * both pass the check, so a limit can be passed by at most threads - 1. */

static int web_same_ip(const struct sockaddr *a, const struct sockaddr_storage *b)
{
    if (a->sa_family != b->ss_family) return 0;
    if (a->sa_family == AF_INET)
        return ((const struct sockaddr_in *)a)->sin_addr.s_addr == ((const struct sockaddr_in *)b)->sin_addr.s_addr;
    if (a->sa_family == AF_INET6)
        return !memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr, &((const struct sockaddr_in6 *)b)->sin6_addr,
                       sizeof(struct in6_addr));
    return 0;
}

static enum MHD_Result web_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    (void)len;
    web_server *s = cls;
    pthread_mutex_lock(&s->mu);
    int ok = s->open < s->cfg.max_connections && !s->stopping;
    unsigned same = 0;
    for (web_conn *c = s->conns; ok && c; c = c->next) same += web_same_ip(addr, &c->addr);
    if (same >= s->cfg.per_address) ok = 0;
    pthread_mutex_unlock(&s->mu);
    return ok ? MHD_YES : MHD_NO;
}

static void web_connection(void *cls, struct MHD_Connection *con, void **socket_ctx,
                           enum MHD_ConnectionNotificationCode code)
{
    web_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        web_conn *c = calloc(1, sizeof *c);
        if (!c) return;
        const union MHD_ConnectionInfo *fd = web_mhd.get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
        const union MHD_ConnectionInfo *ad = web_mhd.get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        c->fd = fd ? fd->connect_fd : -1;
        if (ad && ad->client_addr)
            memcpy(&c->addr, ad->client_addr, ad->client_addr->sa_family == AF_INET6
                   ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
        c->start_ns = web_now();
        pthread_mutex_lock(&s->mu);
        c->next = s->conns;
        if (s->conns) s->conns->prev = c;
        s->conns = c;
        s->open++;
        pthread_mutex_unlock(&s->mu);
        *socket_ctx = c;
        return;
    }
    web_conn *c = *socket_ctx;
    if (!c) return;
    /* under mu: the watchdog never shuts down a socket that is closed
     * (libmicrohttpd closes it after this notification) */
    pthread_mutex_lock(&s->mu);
    if (c->prev) c->prev->next = c->next; else s->conns = c->next;
    if (c->next) c->next->prev = c->prev;
    if (s->open) s->open--;
    pthread_mutex_unlock(&s->mu);
    free(c);
    *socket_ctx = NULL;
}

/* The deadline: a request (headers, then body) must be whole within
 * timeout_s of its connection's accept, or of the answer before it on a
 * kept-alive connection.  libmicrohttpd's own timeout is an idle timeout --
 * a client sending a header byte every 20 s holds its connection for ever --
 * so a watchdog shuts down the socket of a request past its deadline, and
 * libmicrohttpd then closes it.  The monotonic clock: stepping the wall
 * clock drops nothing.  A request being screened or answered is exempt (the
 * CPU budget bounds a screen; the idle timeout a reader that stops). */
static void *web_watch(void *arg)
{
    web_server *s = arg;
    pthread_mutex_lock(&s->mu);
    while (!s->draining) {
        uint64_t now = web_now(), limit = (uint64_t)s->cfg.timeout_s * 1000000000u;
        for (web_conn *c = s->conns; c; c = c->next)
            if (!c->exempt && c->fd >= 0 && now - c->start_ns > limit) {
                shutdown(c->fd, SHUT_RDWR);
                c->exempt = 1;               /* once */
            }
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 200000000L;
        if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
        pthread_cond_timedwait(&s->tick, &s->mu, &ts);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

/* ---- start and stop ---- */

static void web_free(web_server *s)
{
    for (int i = 0; i < s->n_workers; i++) hogo_engine_free(s->engines[i]);
    free(s->engines);
    free(s->workers);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->work);
    pthread_cond_destroy(&s->idle);
    pthread_cond_destroy(&s->tick);
    free(s);
}

/* Stop the worker threads (after the queue is empty) and the watchdog. */
static void web_join(web_server *s, int workers_started)
{
    pthread_mutex_lock(&s->mu);
    s->stopping = 1;
    s->draining = 1;
    pthread_cond_broadcast(&s->work);
    pthread_cond_broadcast(&s->tick);
    pthread_mutex_unlock(&s->mu);
    for (int i = 0; i < workers_started; i++) pthread_join(s->workers[i], NULL);
    if (s->watchdog_started) pthread_join(s->watchdog, NULL);
}

web_server *web_start(const web_config *c, char *err, size_t errlen)
{
    web_server *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, errlen, "out of memory"); return NULL; }
    if (!web_mhd_open(err, errlen)) { free(s); return NULL; }
    s->cfg = *c;
    if (s->cfg.workers < 1) s->cfg.workers = 2;
    if (!s->cfg.max_plan_bytes) s->cfg.max_plan_bytes = WEB_DEFAULT_MAX_PLAN_BYTES;
    if (!s->cfg.max_connections) s->cfg.max_connections = 64;
    if (!s->cfg.per_address) s->cfg.per_address = WEB_DEFAULT_PER_ADDRESS;
    if (!s->cfg.timeout_s) s->cfg.timeout_s = 30;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->work, NULL);
    pthread_cond_init(&s->idle, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->tick, &ca);
    pthread_condattr_destroy(&ca);
    const char *host = c->host ? c->host : "127.0.0.1";
    if (strlen(host) >= sizeof s->host) { snprintf(err, errlen, "listen address too long"); web_free(s); return NULL; }
    strcpy(s->host, host);

    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    memset(&v4, 0, sizeof v4);
    memset(&v6, 0, sizeof v6);
    int ipv6 = strchr(host, ':') != NULL;
    const struct sockaddr *sa;
    if (ipv6) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons((uint16_t)c->port);
        if (inet_pton(AF_INET6, host, &v6.sin6_addr) != 1) goto bad_addr;
        s->loopback = IN6_IS_ADDR_LOOPBACK(&v6.sin6_addr);
        s->wildcard = IN6_IS_ADDR_UNSPECIFIED(&v6.sin6_addr);
        sa = (const struct sockaddr *)&v6;
    } else {
        v4.sin_family = AF_INET;
        v4.sin_port = htons((uint16_t)c->port);
        if (inet_pton(AF_INET, host, &v4.sin_addr) != 1) goto bad_addr;
        uint32_t a = ntohl(v4.sin_addr.s_addr);
        s->loopback = (a >> 24) == 127;
        s->wildcard = a == 0;
        sa = (const struct sockaddr *)&v4;
    }

    s->engines = calloc((size_t)s->cfg.workers, sizeof *s->engines);
    s->workers = calloc((size_t)s->cfg.workers, sizeof *s->workers);
    if (!s->engines || !s->workers) { snprintf(err, errlen, "out of memory"); web_free(s); return NULL; }
    for (int i = 0; i < s->cfg.workers; i++) {
        hogo_engine *e = c->make_engine(c->ud);
        if (!e) { snprintf(err, errlen, "cannot create an engine"); web_free(s); return NULL; }
        s->engines[s->n_workers++] = e;
    }
    s->pack = hogo_engine_pack_version(s->engines[0]);
    int started = 0;
    for (; started < s->n_workers; started++) {
        web_worker_arg *a = malloc(sizeof *a);
        if (!a) break;
        a->s = s;
        a->i = started;
        if (pthread_create(&s->workers[started], NULL, web_worker, a) != 0) { free(a); break; }
    }
    if (started < s->n_workers || pthread_create(&s->watchdog, NULL, web_watch, s) != 0) {
        snprintf(err, errlen, "cannot start the worker threads");
        web_join(s, started);
        web_free(s);
        return NULL;
    }
    s->watchdog_started = 1;

    /* MHD_USE_ITC: a stop wakes every pool thread, even one idle in epoll;
     * MHD_ALLOW_SUSPEND_RESUME: a connection waits for its screen suspended.
     * The pool does only sockets: two threads are plenty. */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME
                   | (ipv6 ? MHD_USE_IPv6 : 0);
    s->d = web_mhd.start_daemon(flags, 0, web_accept, s, web_handle, s,
                            MHD_OPTION_SOCK_ADDR, sa,
                            MHD_OPTION_THREAD_POOL_SIZE, 2u,
                            MHD_OPTION_NOTIFY_CONNECTION, web_connection, s,
                            MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout_s,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                            MHD_OPTION_NOTIFY_COMPLETED, web_completed, s,
                            MHD_OPTION_URI_LOG_CALLBACK, web_uri, s,
                            MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s port %u (in use, or not this machine's address?)", host, c->port);
        web_join(s, s->n_workers);
        web_free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = web_mhd.get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info && info->port ? info->port : c->port;
    /* The address to open: a wildcard listen is reached here as localhost. */
    const char *shown = s->wildcard ? (ipv6 ? "::1" : "127.0.0.1") : host;
    snprintf(s->url, sizeof s->url, ipv6 ? "http://[%s]:%u/" : "http://%s:%u/", shown, s->port);
    return s;

bad_addr:
    snprintf(err, errlen, "'%s' is not an IP address to listen on", host);
    web_free(s);
    return NULL;
}

unsigned web_port(const web_server *s) { return s->port; }
const char *web_url(const web_server *s) { return s->url; }

unsigned web_screening(web_server *s)
{
    pthread_mutex_lock(&s->mu);
    unsigned n = s->screening;
    pthread_mutex_unlock(&s->mu);
    return n;
}

/* Stop: no new connection (the listening socket is closed), then wait for
 * the requests in flight -- headers in, not yet answered -- to be answered,
 * at most the request deadline plus the screen's budget; then close the
 * rest (idle kept-alive connections) and free everything. */
void web_stop(web_server *s)
{
    if (!s) return;
    if (s->d) {
        pthread_mutex_lock(&s->mu);
        s->stopping = 1;                     /* web_accept refuses from now on */
        pthread_mutex_unlock(&s->mu);
        MHD_socket ls = web_mhd.quiesce_daemon(s->d);
        uint64_t until = web_now() + ((uint64_t)s->cfg.timeout_s + s->cfg.grace_s) * 1000000000u;
        pthread_mutex_lock(&s->mu);
        pthread_cond_broadcast(&s->work);
        while ((s->in_flight || s->queue) && web_now() < until) {
            struct timespec ts = { 0, 0 };
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 100000000L;
            if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
            pthread_cond_timedwait(&s->idle, &s->mu, &ts);
        }
        pthread_mutex_unlock(&s->mu);
        /* every job must be done before libmicrohttpd stops: a suspended
         * connection cannot be closed under it */
        web_join(s, s->n_workers);
        web_mhd.stop_daemon(s->d);
        if (ls != MHD_INVALID_SOCKET) close(ls);
    } else {
        web_join(s, s->n_workers);
    }
    web_free(s);
}
