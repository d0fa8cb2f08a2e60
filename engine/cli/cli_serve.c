/* cli_serve.c -- `hogo serve`: the self-check page for departments and the
 * secretariat's batch view, on this machine or the office network.
 *
 * The flags, the configuration and the engines are the ones `hogo check`
 * uses (cli_common.c), so the page screens exactly as the CLI does; the
 * server itself is engine/web/.  SIGINT and SIGTERM are blocked before the
 * server's threads start (they inherit the mask) and taken here by sigwait,
 * so a stop is an ordinary return: requests in flight finish, engines are
 * freed. */
#include "cli.h"
#include "web.h"

#include <malloc.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* The CPU one plan's screen may take in serve unless --plan-cpu says otherwise:
 * the pack needs ~0.3 s per MiB of plan (docs/cli.md), so an 8 MiB plan
 * fits with room; a plan made to be slow does not hold a worker longer. */
#define SERVE_PLAN_CPU_MS 10000

typedef struct {
    const cli_opts *o;
    int load_failed;             /* rules that fail to load: reported once, at start */
} serve_ctx;

static hogo_engine *serve_engine(void *ud)
{
    serve_ctx *c = ud;
    int failed = 0;
    hogo_engine *e = cli_engine(c->o, 1, &failed);
    c->load_failed |= failed;
    return e;
}

/* HOST:PORT, [V6]:PORT or :PORT / PORT alone (on 127.0.0.1). */
static int serve_listen(const char *v, char *host, size_t hostlen, unsigned *port)
{
    const char *p;
    if (v[0] == '[') {
        const char *e = strchr(v, ']');
        if (!e || e[1] != ':' || (size_t)(e - v - 1) >= hostlen) return 0;
        memcpy(host, v + 1, (size_t)(e - v - 1));
        host[e - v - 1] = '\0';
        p = e + 2;
    } else if ((p = strrchr(v, ':')) != NULL) {
        if ((size_t)(p - v) >= hostlen) return 0;
        memcpy(host, v, (size_t)(p - v));
        host[p - v] = '\0';
        if (!*host) strcpy(host, "127.0.0.1");
        p++;
    } else {
        strcpy(host, "127.0.0.1");
        p = v;
    }
    char *end;
    unsigned long n = strtoul(p, &end, 10);
    if (!*p || *end || n > 65535) return 0;
    *port = (unsigned)n;
    return 1;
}

static int serve_number(const char *flag, const char *v, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    unsigned long n = v ? strtoul(v, &end, 10) : 0;
    if (!v || !*v || *end || n < lo || n > hi) {
        cli_say("%s には %lu から %lu までの数を指定します", "%s takes %lu to %lu", flag, lo, hi);
        return 0;
    }
    *out = n;
    return 1;
}

int cli_serve(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    char host[64] = "127.0.0.1";
    web_config wc;
    memset(&wc, 0, sizeof wc);
    wc.port = 8420;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int c = cli_common_flag(&o, argc, argv, &i);
        if (c < 0) return CLI_EXIT_INPUT;
        if (c > 0) continue;
        unsigned long n;
        if (!strcmp(a, "--listen")) {
            if (!v || !serve_listen(v, host, sizeof host, &wc.port)) {
                cli_say("--listen には HOST:PORT を指定します（127.0.0.1:8420、0.0.0.0:8420、[::1]:0）", "--listen takes HOST:PORT (127.0.0.1:8420, 0.0.0.0:8420, [::1]:0)");
                return CLI_EXIT_INPUT;
            }
            i++;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            if (!serve_number(a, v, 1, 256, &n)) return CLI_EXIT_INPUT;
            o.jobs = (int)n;
            i++;
        } else if (!strcmp(a, "--max-connections")) {
            if (!serve_number(a, v, 1, 10000, &n)) return CLI_EXIT_INPUT;
            wc.max_connections = (unsigned)n;
            i++;
        } else if (!strcmp(a, "--max-per-address")) {
            if (!serve_number(a, v, 1, 10000, &n)) return CLI_EXIT_INPUT;
            wc.per_address = (unsigned)n;
            i++;
        } else if (!strcmp(a, "--timeout")) {
            if (!serve_number(a, v, 1, 3600, &n)) return CLI_EXIT_INPUT;
            wc.timeout_s = (unsigned)n;
            i++;
        } else if (!strcmp(a, "--allow-host")) {
            if (!v || !*v) { cli_say("--allow-host にはホスト名を指定します", "--allow-host needs a host name"); return CLI_EXIT_INPUT; }
            if (wc.n_allow_host == WEB_MAX_ALLOW_HOST) {
                cli_say("--allow-host は %d 個までです", "at most %d --allow-host", WEB_MAX_ALLOW_HOST);
                return CLI_EXIT_INPUT;
            }
            wc.allow_host[wc.n_allow_host++] = v;
            i++;
        } else {
            cli_say("serve に '%s' というオプションはありません（hogo --help）", "unknown option '%s' for serve (hogo --help)", a);
            return CLI_EXIT_INPUT;
        }
    }
    if (!cli_load_config(&o)) return CLI_EXIT_INPUT;
    /* one plan's rules may take this much CPU together: a server is shared */
    if (!o.plan_cpu_set) o.opt.plan_cpu_ms = SERVE_PLAN_CPU_MS;
    /* memory: bodies and parses of large plans in their own mappings, given
     * back when freed (glibc's dynamic threshold would otherwise climb to
     * 32 MiB and keep them in the heap); workers trim after large screens */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    o.opt.keep_plan = 1;                          /* the print view: the papers show the plan */

    /* One engine in the foreground first, so a broken rule pack or a --disable
     * typo is told once and stops the start, as hogo check would. */
    int failed = 0;
    hogo_engine *probe = cli_engine(&o, 0, &failed);
    hogo_engine_free(probe);
    if (!probe) return CLI_EXIT_ENGINE;
    if (failed) return (failed & 1) ? CLI_EXIT_ENGINE : CLI_EXIT_INPUT;

    serve_ctx ctx = { &o, 0 };
    wc.host = host;
    wc.workers = o.jobs;
    wc.max_plan_bytes = o.opt.plan_max_bytes ? o.opt.plan_max_bytes : WEB_DEFAULT_MAX_PLAN_BYTES;
    wc.grace_s = (o.opt.plan_cpu_ms + 999) / 1000 + 5;   /* a screen's budget, and its rule's */
    wc.fail_on = o.fail_on;
    wc.today = o.opt.today;
    wc.make_engine = serve_engine;
    wc.ud = &ctx;

    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    char err[256];
    web_server *s = web_start(&wc, err, sizeof err);
    if (!s) {
        cli_say("serve を始められません: %s", "serve: %s", err);
        return CLI_EXIT_INPUT;
    }
    printf("%s\n", web_url(s));
    fflush(stdout);
    cli_say("%s のポート %u で待ち受けています（ワーカー %d）。Ctrl-C で止まります", "serving on %s port %u with %d workers; Ctrl-C stops", host, web_port(s), wc.workers);
    int sig = 0;
    sigwait(&stop, &sig);
    cli_say("止めます（%s）", "stopping (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
    web_stop(s);
    return CLI_EXIT_OK;
}
