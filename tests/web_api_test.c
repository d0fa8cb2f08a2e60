/* web_api_test.c -- `hogo serve`'s server (engine/web/) over real sockets:
 * status codes, the contract (POST /api/check answers byte for byte what
 * `hogo check --format json` writes for the same plan, 422 with the same
 * shape for a plan that cannot be read, 413 above the limit, 405 for other
 * methods, 400 for a bad query), Host and Origin checks (403), the security
 * headers, no path outside the asset table, the connection and time limits,
 * and 48 requests at once giving the same reports as hogo check.
 *
 *   web_api_test HOGO [--concurrency-only]
 *
 * HOGO is the built hogo executable (for the expected reports); run from the
 * source tree (fixtures/seed).  --concurrency-only is the ThreadSanitizer
 * run (tests/web.cmake). */
#define _GNU_SOURCE     /* strcasestr */
#include "check.h"
#include "hogo.h"
#include "web.h"
#include "strbuf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const char *hogo_bin;
static unsigned port;

static const char *const seed[] = {
    "fixtures/seed/r2-3-1-cemetery.json", "fixtures/seed/r2-3-2-child-consultation.json",
    "fixtures/seed/r2-3-3-hpv.json", "fixtures/seed/r2-3-4-vaccine.json",
    "fixtures/seed/r2-3-5-line.json", "fixtures/seed/r2-3-6-giga.json",
};
#define NSEED (sizeof seed / sizeof seed[0])

/* ---- helpers ---- */

static void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

static char *slurp_fd(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) { cap *= 2; buf = realloc(buf, cap); }
    }
    if (buf) buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *b = slurp_fd(f, len);
    fclose(f);
    return b;
}

/* What `hogo check --format json FILE` writes. */
static char *hogo_check_json(const char *file)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' check --no-config --format json '%s'", hogo_bin, file);
    FILE *p = popen(cmd, "r");
    if (!p) return NULL;
    char *out = slurp_fd(p, NULL);
    pclose(p);
    return out;
}

typedef struct {
    int status;
    char *head;                  /* status line and headers */
    char *body;
    size_t body_len;
} reply;

static void reply_free(reply *r) { free(r->head); free(r->body); memset(r, 0, sizeof *r); }

static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = { 20, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { close(fd); return -1; }
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) return 0;
        p += w;
        n -= (size_t)w;
    }
    return 1;
}

/* Send raw bytes, read to the close, split head and body. */
static reply http_raw(const char *req, size_t req_len)
{
    reply r = { 0 };
    int fd = connect_server();
    if (fd < 0) return r;
    send_all(fd, req, req_len);
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    ssize_t got;
    while ((got = recv(fd, buf + n, cap - n - 1, 0)) > 0) {
        n += (size_t)got;
        if (cap - n < 2) { cap *= 2; buf = realloc(buf, cap); }
    }
    close(fd);
    buf[n] = '\0';
    char *sep = strstr(buf, "\r\n\r\n");
    if (!sep || sscanf(buf, "HTTP/1.%*d %d", &r.status) != 1) { free(buf); return r; }
    size_t hl = (size_t)(sep - buf);
    r.head = malloc(hl + 1);
    memcpy(r.head, buf, hl);
    r.head[hl] = '\0';
    r.body_len = n - hl - 4;
    r.body = malloc(r.body_len + 1);
    memcpy(r.body, sep + 4, r.body_len + 1);
    free(buf);
    return r;
}

/* A request with Host: 127.0.0.1:PORT unless host is given ("" = none). */
static reply http(const char *method, const char *target, const char *host, const char *extra,
                  const char *body, size_t body_len)
{
    char hostline[300] = "";
    if (!host) snprintf(hostline, sizeof hostline, "Host: 127.0.0.1:%u\r\n", port);
    else if (*host) snprintf(hostline, sizeof hostline, "Host: %s\r\n", host);
    size_t n = 1024 + strlen(target) + (extra ? strlen(extra) : 0) + body_len;
    char *req = malloc(n);
    int h = snprintf(req, n, "%s %s HTTP/1.1\r\n%sConnection: close\r\n%s", method, target, hostline,
                     extra ? extra : "");
    if (body) h += snprintf(req + h, n - (size_t)h, "Content-Length: %zu\r\n", body_len);
    h += snprintf(req + h, n - (size_t)h, "\r\n");
    if (body) { memcpy(req + h, body, body_len); h += (int)body_len; }
    reply r = http_raw(req, (size_t)h);
    free(req);
    return r;
}

static int has_header(const reply *r, const char *line)
{
    return r->head && strstr(r->head, line) != NULL;
}

static hogo_engine *make_engine(void *ud)
{
    (void)ud;
    hogo_engine *e;
    if (hogo_engine_new(NULL, &e) != HOGO_OK) return NULL;
    if (hogo_engine_load_builtin(e) != HOGO_OK) { hogo_engine_free(e); return NULL; }
    return e;
}

static web_server *start(unsigned max_conn, unsigned timeout_s, size_t max_bytes)
{
    web_config c;
    memset(&c, 0, sizeof c);
    c.host = "127.0.0.1";
    c.port = 0;
    c.workers = 4;
    c.max_plan_bytes = max_bytes;
    c.max_connections = max_conn;
    c.per_address = max_conn;        /* every test client is 127.0.0.1 */
    c.timeout_s = timeout_s;
    c.fail_on = HOGO_HIGH;
    c.make_engine = make_engine;
    c.allow_host[c.n_allow_host++] = "hogo.example.lg.jp";
    char err[256];
    web_server *s = web_start(&c, err, sizeof err);
    if (!s) fprintf(stderr, "web_start: %s\n", err);
    else port = web_port(s);
    return s;
}

/* ---- the checks ---- */

static void test_assets(void)
{
    reply r = http("GET", "/", NULL, NULL, NULL, 0);
    CHECK_INT(r.status, 200);
    CHECK(has_header(&r, "Content-Type: text/html; charset=utf-8"));
    CHECK(has_header(&r, "Content-Security-Policy: default-src 'none'; script-src 'self'"));
    CHECK(has_header(&r, "X-Content-Type-Options: nosniff"));
    CHECK(has_header(&r, "frame-ancestors 'none'"));
    CHECK(r.body && strstr(r.body, "<!DOCTYPE html>"));
    reply_free(&r);

    size_t len = 0;
    char *schema = read_file("docs/plan.schema.json", &len);
    r = http("GET", "/plan.schema.json", NULL, NULL, NULL, 0);
    CHECK_INT(r.status, 200);
    CHECK(schema && r.body && r.body_len == len && !memcmp(r.body, schema, len));
    reply_free(&r);
    free(schema);

    r = http("GET", "/report.css", NULL, NULL, NULL, 0);
    CHECK_INT(r.status, 200);
    CHECK(r.body && strstr(r.body, "@page{size:A4"));
    reply_free(&r);

    /* nothing maps a URL to a file */
    static const char *const bad[] = { "/../../etc/passwd", "/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/docs/plan.schema.json", "/index.html/..", "//etc/passwd", "/api", "/api/check/../../x" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = http("GET", bad[i], NULL, NULL, NULL, 0);
        if (r.status != 404) fprintf(stderr, "GET %s -> %d\n", bad[i], r.status);
        CHECK(r.status == 404 || r.status == 400 || r.status == 405);
        CHECK(!r.body || !strstr(r.body, "root:"));
        reply_free(&r);
    }
}

static void test_methods(void)
{
    static const char *const m[] = { "GET", "PUT", "DELETE", "PATCH", "OPTIONS" };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        reply r = http(m[i], "/api/check", NULL, NULL, NULL, 0);
        CHECK_INT(r.status, 405);
        CHECK(has_header(&r, "Allow: POST"));
        reply_free(&r);
    }
    reply r = http("POST", "/", NULL, NULL, "{}", 2);
    CHECK_INT(r.status, 405);
    reply_free(&r);
    r = http("DELETE", "/app.js", NULL, NULL, NULL, 0);
    CHECK_INT(r.status, 405);
    reply_free(&r);
}

static void test_host_origin(void)
{
    char h[128];
    reply r = http("GET", "/", "evil.example", NULL, NULL, 0);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    snprintf(h, sizeof h, "evil.example:%u", port);          /* DNS rebinding */
    r = http("GET", "/", h, NULL, NULL, 0);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    snprintf(h, sizeof h, "127.0.0.1:%u", port + 1);         /* not our port */
    r = http("GET", "/", h, NULL, NULL, 0);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    r = http_raw("GET / HTTP/1.0\r\n\r\n", 18);              /* no Host at all */
    CHECK_INT(r.status, 403);
    reply_free(&r);
    snprintf(h, sizeof h, "localhost:%u", port);
    r = http("GET", "/", h, NULL, NULL, 0);
    CHECK_INT(r.status, 200);
    reply_free(&r);
    snprintf(h, sizeof h, "HOGO.example.lg.jp:%u", port);   /* --allow-host, any case */
    r = http("GET", "/", h, NULL, NULL, 0);
    CHECK_INT(r.status, 200);
    reply_free(&r);

    r = http("POST", "/api/check", NULL, "Origin: http://evil.example\r\n", "{}", 2);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    snprintf(h, sizeof h, "Origin: http://127.0.0.1:%u.evil.example\r\n", port);
    r = http("POST", "/api/check", NULL, h, "{}", 2);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    r = http("POST", "/api/check", NULL, "Origin: null\r\n", "{}", 2);
    CHECK_INT(r.status, 403);
    reply_free(&r);
    snprintf(h, sizeof h, "Origin: http://127.0.0.1:%u\r\n", port);
    r = http("POST", "/api/check", NULL, h, "{}", 2);
    CHECK_INT(r.status, 422);                                /* allowed; the plan is bad */
    reply_free(&r);
}

/* POST a file's bytes as name; the answer must be hogo check's report of the file. */
static int same_as_check(const char *file, int want_status)
{
    size_t len = 0;
    char *plan = read_file(file, &len);
    char *want = hogo_check_json(file);
    char target[512];
    snprintf(target, sizeof target, "/api/check?lang=ja&name=%s", file);
    reply r = http("POST", target, NULL, NULL, plan, len);
    int ok = plan && want && r.status == want_status && r.body && !strcmp(r.body, want)
             && has_header(&r, "Content-Type: application/json");
    if (!ok) fprintf(stderr, "%s: status %d, body %s\n", file, r.status,
                     r.body && want && !strcmp(r.body, want) ? "same" : "differs");
    reply_free(&r);
    free(plan);
    free(want);
    return ok;
}

static void test_contract(void)
{
    for (size_t i = 0; i < NSEED; i++) CHECK(same_as_check(seed[i], 200));

    /* unreadable: not JSON, and JSON that is not the format -> 422, same shape */
    const char *tmp_bad = "build-web-test-bad.json", *tmp_schema = "build-web-test-schema.json";
    FILE *f = fopen(tmp_bad, "w");
    fputs("{\"format\": \"hogo-plan/1\", \"title\": ", f);
    fclose(f);
    f = fopen(tmp_schema, "w");
    fputs("{\"format\": \"hogo-plan/1\", \"title\": 5}\n", f);
    fclose(f);
    CHECK(same_as_check(tmp_bad, 422));
    CHECK(same_as_check(tmp_schema, 422));
    {   /* ?lang=en: the input errors too are in English (the engine is the pool's) */
        const char *bad = "{\"format\": \"hogo-plan/1\", \"title\": 5}";
        reply en = http("POST", "/api/check?lang=en", NULL, NULL, bad, strlen(bad));
        CHECK_INT(en.status, 422);
        CHECK(en.body && strstr(en.body, "\"department\"") && !strstr(en.body, "必須"));
        reply_free(&en);
        reply ja = http("POST", "/api/check?lang=ja", NULL, NULL, bad, strlen(bad));
        CHECK(ja.body && strstr(ja.body, "必須"));
        reply_free(&ja);
    }
    unlink(tmp_bad);
    unlink(tmp_schema);

    /* ?format=html: the HTML report, in the language asked */
    size_t len = 0;
    char *plan = read_file(seed[0], &len);
    reply r = http("POST", "/api/check?format=html&lang=en", NULL, NULL, plan, len);
    CHECK_INT(r.status, 200);
    CHECK(has_header(&r, "Content-Type: text/html; charset=utf-8"));
    CHECK(r.body && strstr(r.body, "<html lang=\"en\">") && strstr(r.body, "<section class=\"cover\">"));
    CHECK(has_header(&r, "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'"));
    reply_free(&r);
    r = http("POST", "/api/check?format=html", NULL, NULL, plan, len);   /* ja by default */
    CHECK(r.body && strstr(r.body, "<html lang=\"ja\">"));
    reply_free(&r);
    r = http("POST", "/api/check", NULL, NULL, plan, len);   /* default name */
    CHECK_INT(r.status, 200);
    CHECK(r.body && strstr(r.body, "\"file\": \"plan.json\""));
    reply_free(&r);

    /* a bad query */
    static const char *const q[] = { "/api/check?lang=fr", "/api/check?format=xml",
                                     "/api/check?name=a%0Ab" };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        r = http("POST", q[i], NULL, NULL, plan, len);
        CHECK_INT(r.status, 400);
        reply_free(&r);
    }
    free(plan);
}

static void test_too_big(void)
{
    /* the server in main() takes 64 KiB */
    size_t n = 70 * 1024;
    char *big = malloc(n);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    reply r = http("POST", "/api/check", NULL, NULL, big, n);
    CHECK_INT(r.status, 413);
    CHECK(r.body && strstr(r.body, "\"screened\": false") && strstr(r.body, "--max-plan-bytes"));
    CHECK(r.body && strstr(r.body, "\"plans\": [") && strstr(r.body, "\"summary\""));
    reply_free(&r);

    /* chunked, so the size is not known up front */
    size_t cap = n + 4096, h = 0;
    char *req = malloc(cap);
    h += (size_t)snprintf(req, cap, "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n", port);
    for (size_t off = 0; off < n; off += 8192) {
        size_t k = n - off < 8192 ? n - off : 8192;
        h += (size_t)snprintf(req + h, cap - h, "%zx\r\n", k);
        memcpy(req + h, big + off, k);
        h += k;
        memcpy(req + h, "\r\n", 2);
        h += 2;
    }
    memcpy(req + h, "0\r\n\r\n", 5);
    h += 5;
    r = http_raw(req, h);
    CHECK_INT(r.status, 413);
    reply_free(&r);
    free(req);

    /* just under the limit is read (and is not a plan: 422) */
    r = http("POST", "/api/check", NULL, NULL, big, 60 * 1024);
    CHECK_INT(r.status, 422);
    reply_free(&r);
    free(big);
}

/* ---- 48 at once ---- */

#define NCONC 48
static char *expected[NSEED];
static pthread_barrier_t go;
static int conc_ok[NCONC];

static void *conc_one(void *arg)
{
    size_t i = (size_t)(uintptr_t)arg;
    const char *file = seed[i % NSEED];
    size_t len = 0;
    char *plan = read_file(file, &len);
    char target[512];
    snprintf(target, sizeof target, "/api/check?name=%s", file);
    pthread_barrier_wait(&go);
    reply r = http("POST", target, NULL, NULL, plan, len);
    conc_ok[i] = r.status == 200 && r.body && expected[i % NSEED] && !strcmp(r.body, expected[i % NSEED]);
    reply_free(&r);
    free(plan);
    return NULL;
}

static void test_concurrency(void)
{
    for (size_t i = 0; i < NSEED; i++) expected[i] = hogo_check_json(seed[i]);
    pthread_barrier_init(&go, NULL, NCONC);
    pthread_t t[NCONC];
    for (size_t i = 0; i < NCONC; i++) pthread_create(&t[i], NULL, conc_one, (void *)(uintptr_t)i);
    for (size_t i = 0; i < NCONC; i++) pthread_join(t[i], NULL);
    pthread_barrier_destroy(&go);
    int same = 0;
    for (size_t i = 0; i < NCONC; i++) same += conc_ok[i];
    CHECK_INT(same, NCONC);
    for (size_t i = 0; i < NSEED; i++) free(expected[i]);
}

/* ---- limits: connections and time ---- */

static void test_limits(void)
{
    web_server *s = start(2, 1, 64 * 1024);
    CHECK(s != NULL);
    if (!s) return;
    /* two idle connections fill the server; a third is not served */
    int a = connect_server(), b = connect_server();
    sleep_ms(200);
    reply r = http("GET", "/", NULL, NULL, NULL, 0);
    CHECK(r.status != 200);
    reply_free(&r);
    close(a);
    close(b);
    sleep_ms(300);
    r = http("GET", "/", NULL, NULL, NULL, 0);
    CHECK_INT(r.status, 200);
    reply_free(&r);

    /* a request that does not arrive in time is dropped (timeout 1 s) */
    int fd = connect_server();
    char req[200];
    int n = snprintf(req, sizeof req, "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Length: 100\r\n\r\n{", port);
    send_all(fd, req, (size_t)n);
    char buf[256];
    struct timeval t0, t1;
    gettimeofday(&t0, NULL);
    ssize_t got = recv(fd, buf, sizeof buf, 0);
    gettimeofday(&t1, NULL);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_usec - t0.tv_usec) / 1e6;
    CHECK(got <= 0);                                        /* closed, no answer */
    CHECK(secs < 10);
    close(fd);

    /* a slow drip is cut at the deadline even though each byte is in time */
    fd = connect_server();
    n = snprintf(req, sizeof req, "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Length: 100\r\n\r\n", port);
    send_all(fd, req, (size_t)n);
    int cut = 0;
    for (int i = 0; i < 8 && !cut; i++) {
        sleep_ms(600);
        if (!send_all(fd, " ", 1)) cut = 1;
    }
    struct timeval tv = { 3, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    got = recv(fd, buf, sizeof buf, 0);
    CHECK(cut || got <= 0);
    close(fd);
    web_stop(s);
}

/* ---- issue 20: kept-alive deadlines, a stop that answers ---- */

/* Read one HTTP answer (Content-Length framed) from a kept-alive connection. */
static int read_answer(int fd, int *status)
{
    char buf[65536];
    size_t n = 0;
    char *sep = NULL;
    while (!sep && n < sizeof buf - 1) {
        ssize_t got = recv(fd, buf + n, sizeof buf - 1 - n, 0);
        if (got <= 0) return 0;
        n += (size_t)got;
        buf[n] = '\0';
        sep = strstr(buf, "\r\n\r\n");
    }
    if (!sep || sscanf(buf, "HTTP/1.1 %d", status) != 1) return 0;
    const char *cl = strcasestr(buf, "Content-Length:");
    size_t want = cl ? strtoul(cl + 15, NULL, 10) : 0, have = n - (size_t)(sep + 4 - buf);
    while (have < want) {
        ssize_t got = recv(fd, buf, sizeof buf, 0);
        if (got <= 0) return 0;
        have += (size_t)got;
    }
    return 1;
}

static void test_keepalive(void)
{
    web_server *s = start(8, 2, 64 * 1024);
    CHECK(s != NULL);
    if (!s) return;
    size_t len = 0;
    char *plan = read_file(seed[0], &len);
    int fd = connect_server();
    int answered = 0;
    /* three requests 1.2 s apart on one connection: 2.4 s in all, more than
     * the 2 s deadline, but each request has its own */
    for (int i = 0; i < 3 && plan; i++) {
        char head[256];
        int h = snprintf(head, sizeof head, "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                         "Content-Length: %zu\r\n\r\n", port, len);
        if (!send_all(fd, head, (size_t)h) || !send_all(fd, plan, len)) break;
        int st = 0;
        if (!read_answer(fd, &st)) break;
        answered += st == 200;
        sleep_ms(1200);
    }
    CHECK_INT(answered, 3);
    close(fd);
    free(plan);
    web_stop(s);
}

/* A plan of many cloud storage entries: a screen that takes a while. */
static char *slow_plan(size_t *len)
{
    strbuf b;
    sb_init(&b);
    sb_puts(&b, "{\"format\": \"hogo-plan/1\", \"title\": \"t\", \"department\": \"d\", "
                "\"consultation\": {\"kind\": \"system\"}, \"storage\": [");
    for (int i = 0; i < 12000; i++)
        sb_printf(&b, "%s{\"what\": \"申請書%d\", \"location\": \"cloud\", \"region\": \"unknown\"}", i ? "," : "", i);
    sb_puts(&b, "]}");
    *len = b.len;
    return sb_steal(&b);
}

static size_t stop_len;
static char *stop_body;
static int stop_status;
static struct timespec stop_answered;

static void *stop_post(void *arg)
{
    (void)arg;
    reply r = http("POST", "/api/check", NULL, NULL, stop_body, stop_len);
    clock_gettime(CLOCK_MONOTONIC, &stop_answered);
    stop_status = r.status;
    if (r.status == 200 && !(r.body && strstr(r.body, "\"screened\": true"))) stop_status = -1;
    reply_free(&r);
    return NULL;
}

static void test_stop_in_flight(void)
{
    web_server *s = start(8, 60, 4u << 20);
    CHECK(s != NULL);
    if (!s) return;
    stop_body = slow_plan(&stop_len);
    pthread_t t;
    pthread_create(&t, NULL, stop_post, NULL);
    /* wait until a worker screens it (not a fixed pause: under load the
     * body may take longer than any pause to arrive) */
    for (int waited = 0; !web_screening(s) && waited < 60000; waited += 2) sleep_ms(2);
    CHECK_INT(web_screening(s), 1);
    struct timespec stopping;
    clock_gettime(CLOCK_MONOTONIC, &stopping);
    web_stop(s);                             /* answers it first */
    pthread_join(t, NULL);
    CHECK_INT(stop_status, 200);
    /* the answer came while the server was stopping, not before */
    CHECK(stop_answered.tv_sec > stopping.tv_sec ||
          (stop_answered.tv_sec == stopping.tv_sec && stop_answered.tv_nsec > stopping.tv_nsec));
    free(stop_body);
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: web_api_test HOGO [--concurrency-only]\n"); return 2; }
    hogo_bin = argv[1];
    int only_conc = argc > 2 && !strcmp(argv[2], "--concurrency-only");
    web_server *s = start(64, 10, 64 * 1024);
    CHECK(s != NULL);
    if (!s) return check_done();
    if (!only_conc) {
        test_assets();
        test_methods();
        test_host_origin();
        test_contract();
        test_too_big();
    }
    test_concurrency();
    web_stop(s);
    if (!only_conc) test_limits();
    /* the queue, the deadlines and the stop: in the ThreadSanitizer run too */
    test_keepalive();
    test_stop_in_flight();
    return check_done();
}
