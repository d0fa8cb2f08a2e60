/* web_server.c -- `hogo serve`: the page's assets and POST /api/check, on
 * libmicrohttpd's thread pool.
 *
 * What a request can reach is a fixed table: the compiled-in assets by exact
 * name, /report.css (hogo_report_stylesheet) and /api/check.  Nothing maps a URL to a
 * path, so no file on the server is reachable.  A plan is read into the
 * request's memory, screened by an engine borrowed from the pool, rendered by
 * the same writer `hogo check` uses and freed with the request: stateless.
 *
 * Safe by default (docs/cli.md, "hogo serve"):
 *   - Host must name the listen address (or localhost on loopback, an IP
 *     literal on a wildcard address, or a name given with --allow-host), so
 *     a page on a foreign site cannot reach the server by rebinding its DNS
 *     name to 127.0.0.1; a foreign Origin is refused as well (403).
 *   - A content security policy on every answer: scripts only from the
 *     server itself, styles from it or inline (the print view shows the HTML
 *     report in a blob: frame, which inherits the page's policy), no frames
 *     of it elsewhere.
 *   - Limits: the body (413 above max_plan_bytes, before reading it when
 *     Content-Length says so), connections at once, idle time per connection
 *     and a deadline for the whole request; a screen is bounded by the
 *     engine's own budgets (docs/security.md). */
#include "web.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

struct web_server {
    struct MHD_Daemon *d;
    web_config cfg;
    char host[64];               /* the listen address as it appears in Host */
    int loopback, wildcard;
    unsigned port;
    char url[96];
    pthread_mutex_t mu;          /* the engine pool and the connection count */
    pthread_cond_t freed;
    hogo_engine **all, **idle;
    int n_all, n_idle;
    const char *pack;            /* the rule pack's version (every engine has the same) */
    unsigned open;               /* connections open now (under mu) */
};

typedef struct {
    hogo_buf body;
    int check;                   /* POST /api/check */
    int too_big;
    time_t start;
} web_req;

/* Status codes by number: their names changed across libmicrohttpd versions. */
enum { WEB_OK = 200, WEB_BAD_REQUEST = 400, WEB_FORBIDDEN = 403, WEB_NOT_FOUND = 404,
       WEB_NOT_ALLOWED = 405, WEB_TOO_LARGE = 413, WEB_UNPROCESSABLE = 422, WEB_ERROR = 500 };

#define WEB_CSP_PAGE "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " \
    "img-src 'self' data:; connect-src 'self'; frame-src blob:; base-uri 'none'; " \
    "form-action 'none'; frame-ancestors 'none'"
/* The HTML report has its style inline and nothing else to load. */
#define WEB_CSP_REPORT "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; " \
    "form-action 'none'; frame-ancestors 'self'"

/* ---- the engine pool ---- */

static hogo_engine *web_borrow(web_server *s)
{
    pthread_mutex_lock(&s->mu);
    while (!s->n_idle) pthread_cond_wait(&s->freed, &s->mu);
    hogo_engine *e = s->idle[--s->n_idle];
    pthread_mutex_unlock(&s->mu);
    return e;
}

static void web_return(web_server *s, hogo_engine *e)
{
    pthread_mutex_lock(&s->mu);
    s->idle[s->n_idle++] = e;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->mu);
}

/* ---- answers ---- */

static enum MHD_Result web_send(struct MHD_Connection *con, unsigned status, const char *type,
                                const char *csp, void *data, size_t len, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *res = MHD_create_response_from_buffer(len, data, mode);
    if (!res) { if (mode == MHD_RESPMEM_MUST_FREE) free(data); return MHD_NO; }
    MHD_add_response_header(res, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(res, "Content-Security-Policy", csp);
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(res, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(res, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result ok = MHD_queue_response(con, status, res);
    MHD_destroy_response(res);
    return ok;
}

static enum MHD_Result web_plain(struct MHD_Connection *con, unsigned status, const char *msg)
{
    return web_send(con, status, "text/plain; charset=utf-8", WEB_CSP_REPORT, (void *)msg, strlen(msg),
                    MHD_RESPMEM_PERSISTENT);
}

static enum MHD_Result web_not_allowed(struct MHD_Connection *con, const char *allow)
{
    static const char msg[] = "method not allowed\n";
    struct MHD_Response *res = MHD_create_response_from_buffer(sizeof msg - 1, (void *)msg,
                                                               MHD_RESPMEM_PERSISTENT);
    if (!res) return MHD_NO;
    MHD_add_response_header(res, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
    MHD_add_response_header(res, MHD_HTTP_HEADER_ALLOW, allow);
    MHD_add_response_header(res, "Content-Security-Policy", WEB_CSP_REPORT);
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ok = MHD_queue_response(con, WEB_NOT_ALLOWED, res);
    MHD_destroy_response(res);
    return ok;
}

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

static int web_name_ok(const char *n)
{
    size_t len = strlen(n);
    if (!len || len > 255) return 0;
    for (const unsigned char *p = (const unsigned char *)n; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return 0;
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
    const char *d = hogo_report_output(rp, len);
    char *text = hogo_report_failed(rp) ? NULL : malloc(*len + 1);
    if (text) { memcpy(text, d, *len); text[*len] = '\0'; }
    hogo_report_free(rp);
    return text;
}

static enum MHD_Result web_report(web_server *s, struct MHD_Connection *con, const hogo_result *r,
                                  const hogo_engine *e, hogo_lang lang, const char *fmt)
{
    size_t len = 0;
    char *text = web_render(s, fmt, e, lang, r, &len);
    if (!text) return web_plain(con, WEB_ERROR, "out of memory\n");
    int html = !strcmp(fmt, "html");
    unsigned status = r->screened ? WEB_OK : WEB_UNPROCESSABLE;
    return web_send(con, status, html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
                    WEB_CSP_REPORT, text, len, MHD_RESPMEM_MUST_FREE);
}

/* The query of /api/check: lang, format, name (the file name the report
 * shows; a label only, never opened).  0 when one is bad. */
static int web_query(struct MHD_Connection *con, hogo_lang *lang, const char **fmt,
                     const char **name)
{
    const char *l = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "lang");
    const char *f = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "format");
    const char *n = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "name");
    if (!l || !strcmp(l, "ja")) *lang = HOGO_JA;
    else if (!strcmp(l, "en")) *lang = HOGO_EN;
    else return 0;
    if (!f || !strcmp(f, "json")) *fmt = "json";
    else if (!strcmp(f, "html")) *fmt = "html";
    else return 0;
    *name = n ? n : "plan.json";
    return web_name_ok(*name);
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
    char msg[160];
    snprintf(msg, sizeof msg, "the plan is more than %zu bytes; the limit is %zu (--max-plan-bytes)",
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
    if (!text) return web_plain(con, WEB_ERROR, "out of memory\n");
    return web_send(con, WEB_TOO_LARGE, !strcmp(fmt, "html") ? "text/html; charset=utf-8"
                    : "application/json; charset=utf-8", WEB_CSP_REPORT, text, len, MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result web_check(web_server *s, struct MHD_Connection *con, web_req *q)
{
    hogo_lang lang;
    const char *fmt;
    const char *name;
    if (!web_query(con, &lang, &fmt, &name))
        return web_plain(con, WEB_BAD_REQUEST,
                         "bad query: lang=ja|en, format=json|html, name=a file name (1-255 bytes, no control characters)\n");
    hogo_engine *e = web_borrow(s);
    hogo_engine_set_lang(e, lang);           /* input errors in the request's language */
    hogo_result *r = NULL;
    hogo_screen(e, name, q->body.data ? q->body.data : "", q->body.len, &r);
    hogo_buf_free(&q->body);                       /* stateless: the plan is gone */
    enum MHD_Result ok = r ? web_report(s, con, r, e, lang, fmt)
                           : web_plain(con, WEB_ERROR, "out of memory\n");
    web_return(s, e);
    hogo_result_free(r);
    return ok;
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
    return web_plain(con, WEB_NOT_FOUND, "not found\n");
}

static int web_is_asset(const char *url)
{
    if (!strcmp(url, "/") || !strcmp(url, "/report.css")) return 1;
    for (const web_asset *a = web_assets; a->name; a++)
        if (url[0] == '/' && !strcmp(a->name, url + 1)) return 1;
    return 0;
}

/* ---- the handler ---- */

static enum MHD_Result web_first(web_server *s, struct MHD_Connection *con, const char *url,
                                 const char *method, web_req *q)
{
    const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    const char *origin = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Origin");
    if (!web_host_ok(s, host))
        return web_plain(con, WEB_FORBIDDEN, "forbidden: the Host header does not name this server\n");
    if (!web_origin_ok(origin, host))
        return web_plain(con, WEB_FORBIDDEN, "forbidden: a request from another origin\n");
    if (!strcmp(url, "/api/check")) {
        if (strcmp(method, MHD_HTTP_METHOD_POST)) return web_not_allowed(con, "POST");
        const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > s->cfg.max_plan_bytes) return web_too_big(s, con);
        q->check = 1;
        return MHD_YES;                      /* the body follows */
    }
    if (!web_is_asset(url)) return web_plain(con, WEB_NOT_FOUND, "not found\n");
    if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
        return web_not_allowed(con, "GET, HEAD");
    return web_asset_get(con, url);
}

static enum MHD_Result web_handle(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    web_server *s = cls;
    web_req *q = *con_cls;
    if (!q) {
        if (!(q = calloc(1, sizeof *q))) return MHD_NO;
        hogo_buf_init(&q->body);
        /* the deadline runs from the connection's accept (web_connection),
         * not from the end of the headers: slow headers count too */
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        q->start = ci && ci->socket_context ? (time_t)(uintptr_t)ci->socket_context : time(NULL);
        *con_cls = q;
        if ((unsigned)(time(NULL) - q->start) > s->cfg.timeout_s) return MHD_NO;
        return web_first(s, con, url, method, q);
    }
    if (!q->check) return MHD_NO;            /* answered on the first call */
    if (*upload_size) {
        /* A request must be whole within the deadline, however slowly it drips. */
        if ((unsigned)(time(NULL) - q->start) > s->cfg.timeout_s) return MHD_NO;
        if (!q->too_big) {
            if (q->body.len + *upload_size > s->cfg.max_plan_bytes) { q->too_big = 1; hogo_buf_free(&q->body); }
            else hogo_buf_add(&q->body, upload, *upload_size);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (q->too_big) return web_too_big(s, con);
    if (q->body.failed) return web_plain(con, WEB_ERROR, "out of memory\n");
    return web_check(s, con, q);
}

static void web_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                          enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)con; (void)toe;
    web_req *q = *con_cls;
    if (!q) return;
    hogo_buf_free(&q->body);
    free(q);
    *con_cls = NULL;
}

/* ---- the connection limit ----
 * Counted here rather than by MHD_OPTION_CONNECTION_LIMIT, which a thread
 * pool splits evenly between its threads (with 2 workers and a limit of 64,
 * 33 on one thread could be refused while the other is idle).  Two accepts
 * on different threads may both pass the check, so the limit can be passed
 * by at most workers - 1. */

static enum MHD_Result web_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    (void)addr; (void)len;
    web_server *s = cls;
    pthread_mutex_lock(&s->mu);
    int ok = s->open < s->cfg.max_connections;
    pthread_mutex_unlock(&s->mu);
    return ok ? MHD_YES : MHD_NO;
}

static void web_connection(void *cls, struct MHD_Connection *con, void **socket_ctx,
                           enum MHD_ConnectionNotificationCode code)
{
    (void)con;
    web_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) *socket_ctx = (void *)(uintptr_t)time(NULL);
    pthread_mutex_lock(&s->mu);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) s->open++;
    else if (s->open) s->open--;
    pthread_mutex_unlock(&s->mu);
}

/* ---- start and stop ---- */

static void web_free(web_server *s)
{
    for (int i = 0; i < s->n_all; i++) hogo_engine_free(s->all[i]);
    free(s->all);
    free(s->idle);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->freed);
    free(s);
}

web_server *web_start(const web_config *c, char *err, size_t errlen)
{
    web_server *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, errlen, "out of memory"); return NULL; }
    s->cfg = *c;
    if (s->cfg.workers < 1) s->cfg.workers = 2;
    if (!s->cfg.max_plan_bytes) s->cfg.max_plan_bytes = 8u << 20;
    if (!s->cfg.max_connections) s->cfg.max_connections = 64;
    if (!s->cfg.timeout_s) s->cfg.timeout_s = 30;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->freed, NULL);
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

    s->all = calloc((size_t)s->cfg.workers, sizeof *s->all);
    s->idle = calloc((size_t)s->cfg.workers, sizeof *s->idle);
    if (!s->all || !s->idle) { snprintf(err, errlen, "out of memory"); web_free(s); return NULL; }
    for (int i = 0; i < s->cfg.workers; i++) {
        hogo_engine *e = c->make_engine(c->ud);
        if (!e) { snprintf(err, errlen, "cannot create an engine"); web_free(s); return NULL; }
        s->all[s->n_all++] = e;
        s->idle[s->n_idle++] = e;
    }
    s->pack = hogo_engine_pack_version(s->all[0]);

    /* MHD_USE_ITC: a stop wakes every pool thread, even one idle in epoll. */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | (ipv6 ? MHD_USE_IPv6 : 0);
    s->d = MHD_start_daemon(flags, 0, web_accept, s, web_handle, s,
                            MHD_OPTION_SOCK_ADDR, sa,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->cfg.workers,
                            MHD_OPTION_NOTIFY_CONNECTION, web_connection, s,
                            MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout_s,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                            MHD_OPTION_NOTIFY_COMPLETED, web_completed, s,
                            MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s port %u (in use, or not this machine's address?)", host, c->port);
        web_free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
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

void web_stop(web_server *s)
{
    if (!s) return;
    if (s->d) MHD_stop_daemon(s->d);
    web_free(s);
}
