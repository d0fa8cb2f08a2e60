/* cli_check.c -- `hogo check` and `hogo validate`: screen plan files and
 * write the reports.  With -j N, N workers (one engine each, rules compiled
 * once per worker) screen files in parallel while this thread writes the
 * reports strictly in input order, holding at most a small window of results,
 * so output is identical for any N and memory stays flat in the batch size. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- one file ---- */

static hogo_result *check_error_result(const char *path, const char *msg)
{
    return hogo_result_error(path, msg);
}

/* Read and screen one file; *read_ns (when not NULL) gathers the time spent
 * reading it, for --profile. */
static hogo_result *check_file(hogo_engine *e, const char *path, size_t max, uint64_t *read_ns, hogo_lang lang)
{
    char msg[512];
    if (!e) return check_error_result(path, "the engine could not be created");
    size_t len;
    int big;
    errno = 0;
    uint64_t t0 = read_ns ? cli_now_ns() : 0;
    char *buf = cli_read(path, max, &len, &big);
    if (read_ns) *read_ns += cli_now_ns() - t0;
    if (!buf) {
        int en = lang == HOGO_EN;
        if (big)
            snprintf(msg, sizeof msg, en ? "the plan is %zu bytes or more; the limit is %zu (--max-plan-bytes)"
                                         : "計画のファイルが %zu バイト以上あり、上限の %zu バイト（--max-plan-bytes）を超えています", len, max);
        else if (errno == ENODEV)
            snprintf(msg, sizeof msg, "%s", en ? "not a regular file (a FIFO or a device); not read"
                                               : "通常のファイルではない（FIFO や装置）ため読みません");
        else if (errno == ENOENT)
            snprintf(msg, sizeof msg, "%s", en ? "no such file; check the name and the folder"
                                               : "ファイルがありません。名前とフォルダを確かめてください");
        else
            snprintf(msg, sizeof msg, en ? "cannot read the file: %s" : "ファイルを読めません: %s",
                     errno ? strerror(errno) : "read error");
        return check_error_result(path, msg);
    }
    hogo_result *r = NULL;
    if (hogo_screen(e, path, buf, len, &r) != HOGO_OK && !r) r = check_error_result(path, "out of memory");
    free(buf);
    return r;
}

/* ---- baseline: findings already reported are dropped ----
 * A finding is the same as the baseline's when its plan, rule and path are:
 * the plan is known by its "id" when it has one (a new year's folder, a
 * renamed file still match), else by its file name.  The plan keeps its real
 * score and verdict (the baseline hides findings from the list and from
 * --fail-on, not from the plan's standing); what the baseline listed for a
 * plan screened now that is no longer found is listed as resolved. */

typedef struct {
    char **keys; size_t n;       /* "plan\x1frule\x1fpath", sorted */
    unsigned char *matched;      /* per key: found again in this run */
    char **plans; size_t n_plans, cap_plans;   /* plan keys screened in this run */
} check_baseline;   /* used by the thread that writes the reports only */

/* "id:ID" or "file:FILE". */
static char *check_plan_key(const char *id, const char *file)
{
    const char *v = id && *id ? id : file ? file : "";
    size_t n = strlen(v) + 6;
    char *k = malloc(n);
    if (k) snprintf(k, n, "%s:%s", id && *id ? "id" : "file", v);
    return k;
}

static char *check_key(const char *plan, const char *rule, const char *path)
{
    size_t n = strlen(plan) + strlen(rule) + strlen(path) + 3;
    char *k = malloc(n);
    if (k) snprintf(k, n, "%s\x1f%s\x1f%s", plan, rule, path);
    return k;
}

static int check_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int check_load_baseline(const char *file, check_baseline *b)
{
    size_t len;
    int big;
    char *text = cli_read_stream(file, HOGO_MAX_BASELINE_BYTES, &len, &big);
    if (!text) {
        cli_say("%s: 基準の報告（--baseline）を読めません", "%s: cannot read the baseline report", file);
        return 0;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    const cJSON *plans = cJSON_GetObjectItemCaseSensitive(root, "plans");
    if (!cJSON_IsArray(plans)) {
        cli_say("%s: hogo の JSON 報告ではありません（\"plans\" の配列がありません）。hogo check --format json の出力を指定してください",
                "%s: not a hogo JSON report (no \"plans\" array); give the output of hogo check --format json", file);
        cJSON_Delete(root);
        return 0;
    }
    size_t cap = 0;
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, plans) {
        const char *pf = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "file"));
        const char *pid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "id"));
        char *pk = check_plan_key(pid, pf);
        if (!pk || (!pf && !pid)) { free(pk); continue; }
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
            const char *rule = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule"));
            const char *path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "path"));
            if (!rule || !path) continue;
            if (b->n == cap) {
                cap = cap ? cap * 2 : 256;
                char **k = realloc(b->keys, cap * sizeof *k);
                if (!k) break;
                b->keys = k;
            }
            if ((b->keys[b->n] = check_key(pk, rule, path))) b->n++;
        }
        free(pk);
    }
    cJSON_Delete(root);
    qsort(b->keys, b->n, sizeof *b->keys, check_cmp);
    b->matched = calloc(b->n ? b->n : 1, 1);
    return b->matched != NULL;
}

static void check_apply_baseline(check_baseline *b, hogo_result *r)
{
    char *pk = check_plan_key(r->id, r->file);
    if (!pk) return;
    size_t w = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        char *k = check_key(pk, r->findings[i].rule, r->findings[i].path);
        char **hit = k ? bsearch(&k, b->keys, b->n, sizeof *b->keys, check_cmp) : NULL;
        free(k);
        if (hit) b->matched[hit - b->keys] = 1;
        else r->findings[w++] = r->findings[i];
    }
    r->n_findings = w;
    if (b->n_plans == b->cap_plans) {
        size_t c = b->cap_plans ? b->cap_plans * 2 : 64;
        char **v = realloc(b->plans, c * sizeof *v);
        if (v) { b->plans = v; b->cap_plans = c; }
    }
    if (b->n_plans < b->cap_plans) b->plans[b->n_plans++] = pk;
    else free(pk);
    /* the counts (--fail-on, the summary) follow what is reported; the
     * plan's score and verdict stay its real ones */
    int score = r->score;
    hogo_verdict verdict = r->verdict;
    hogo_result_rescore(r);
    r->score = score;
    r->verdict = verdict;
}

/* After the batch: the baseline's findings of plans screened now that were
 * not found again, on stderr. */
static void check_print_resolved(check_baseline *b, const char *file)
{
    qsort(b->plans, b->n_plans, sizeof *b->plans, check_cmp);
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < b->n; i++) {
            if (b->matched[i]) continue;
            const char *sep = strchr(b->keys[i], '\x1f');
            if (!sep) continue;
            char *plan = strndup(b->keys[i], (size_t)(sep - b->keys[i]));
            int screened = plan && bsearch(&plan, b->plans, b->n_plans, sizeof *b->plans, check_cmp);
            if (screened && pass == 0) n++;
            if (screened && pass == 1) {
                const char *rule = sep + 1, *sep2 = strchr(rule, '\x1f');
                char *rid = strndup(rule, sep2 ? (size_t)(sep2 - rule) : 0);
                fprintf(stderr, "  %s  %s  %s\n", hogo_term(strchr(plan, ':') + 1), hogo_term(rid),
                        hogo_term(sep2 ? sep2 + 1 : ""));   /* from a report file: made safe */
                free(rid);
            }
            free(plan);
        }
        if (pass == 0) {
            if (!n) return;
            cli_say("基準の報告（%s）から解消した指摘: %zu 件", "resolved since the baseline (%s): %zu finding(s)", file, n);
        }
    }
}

static void check_free_baseline(check_baseline *b)
{
    for (size_t i = 0; i < b->n; i++) free(b->keys[i]);
    for (size_t i = 0; i < b->n_plans; i++) free(b->plans[i]);
    free(b->keys);
    free(b->plans);
    free(b->matched);
    memset(b, 0, sizeof *b);
}

/* ---- outputs ---- */

typedef struct {
    const char *fmt;            /* the format's name */
    const char *final;          /* the file asked for, NULL = stdout */
    char *tmp;                  /* written here, renamed to final at the end */
    FILE *f;
    char *buf;                  /* f's stdio buffer (a report file's; NULL: stdio's own) */
    hogo_report *rep;
} check_out;

/* The reports' stdio buffer.  A plan's JSON report is a few KB, more than
 * stdio's usual 4 KiB, so each went out in two write() calls of its own:
 * 2,000 system calls for 1,000 plans.  A terminal keeps its line buffering
 * (what a person reads appears as it is written); a pipe or a file gets
 * CHECK_OUT_BUFFER bytes at a time.  (glibc's setvbuf takes the size only
 * with a buffer: stdout's is static, as stdout lives until exit; a report
 * file's is freed once the file is closed.) */
#define CHECK_OUT_BUFFER ((size_t)64 * 1024)
static char check_stdout_buf[CHECK_OUT_BUFFER];

static int check_open(check_out *o)
{
    if (!o->final) {
        o->f = stdout;
        if (!isatty(STDOUT_FILENO)) setvbuf(stdout, check_stdout_buf, _IOFBF, sizeof check_stdout_buf);
        return 1;
    }
    size_t n = strlen(o->final) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) return 0;
    snprintf(o->tmp, n, "%s.tmp.XXXXXX", o->final);
    int fd = mkstemp(o->tmp);
    if (fd >= 0) {
        /* mkstemp makes 0600; a report is an ordinary file (0666 & ~umask) */
        mode_t um = umask(0);
        umask(um);
        fchmod(fd, 0666 & ~um);
    }
    if (fd >= 0 && (o->f = fdopen(fd, "w")) != NULL && (o->buf = malloc(CHECK_OUT_BUFFER)) != NULL)
        setvbuf(o->f, o->buf, _IOFBF, CHECK_OUT_BUFFER);
    if (fd < 0 || !o->f) {
        cli_say("%s: 書き込めません: %s", "%s: cannot write: %s", o->final, strerror(errno));
        if (fd >= 0) close(fd);
        free(o->tmp);
        o->tmp = NULL;
        return 0;
    }
    return 1;
}

static void check_flush(check_out *o)
{
    size_t n;
    const char *d = hogo_report_output(o->rep, &n);
    if (n) fwrite(d, 1, n, o->f);
    hogo_report_consume(o->rep);
}

/* A report is complete or absent: the temporary file replaces the target
 * only after everything was written. */
static int check_close(check_out *o, int ok)
{
    hogo_report_free(o->rep);
    o->rep = NULL;
    if (!o->final) { fflush(stdout); return 1; }
    if (!o->f) return 0;
    int bad = fflush(o->f) != 0 || ferror(o->f);
    fclose(o->f);
    free(o->buf);
    o->buf = NULL;
    if (!ok || bad || rename(o->tmp, o->final) != 0) {
        if (bad) cli_say("%s: 書き込みに失敗しました", "%s: write failed", o->final);
        unlink(o->tmp);
        free(o->tmp);
        return 0;
    }
    free(o->tmp);
    return 1;
}


/* ---- the plans to screen ----
 * The walk is done once before anything is screened, as it always was: its
 * notices come first on stderr, an empty batch is refused before an engine
 * is built or a report file made, and -j is capped by the count.  The first
 * HOGO_WALK_NAMES paths are kept from it (packed, no malloc each); a bigger
 * batch (or one whose paths could not be kept) walks the same paths again,
 * silently, as the workers take plans, so no batch holds more than a few
 * thousand names. */

typedef struct {
    char *text; size_t used, cap;    /* the first paths, each NUL-ended */
    size_t n;                        /* plans the first walk found */
    size_t kept;                     /* of them in text: all, or the second walk gives them */
    size_t taken;                    /* paths handed out */
    size_t at;                       /* where the next kept path starts in text */
    cli_walk *again;                 /* the second walk (n > HOGO_WALK_NAMES) */
    cli_walk_tape *tape;             /* the first walk's answers, for the second */
    const cli_opts *o;
} check_plans;

static int check_keep(check_plans *s, const char *path)
{
    size_t len = strlen(path) + 1;
    if (s->cap - s->used < len) {
        size_t c = s->cap ? s->cap * 2 : 8192;
        while (c - s->used < len) c *= 2;
        char *t = realloc(s->text, c);
        if (!t) return 0;
        s->text = t;
        s->cap = c;
    }
    memcpy(s->text + s->used, path, len);
    s->used += len;
    return 1;
}

/* The first walk: its notices, the count, the first paths.  0 when out of memory. */
static int check_plans_find(check_plans *s, const cli_opts *o)
{
    memset(s, 0, sizeof *s);
    s->o = o;
    cli_walk *w = cli_walk_new(o, o->paths, o->n_paths, 1);
    if (!w) return 0;
    const char *p;
    while ((p = cli_walk_next(w))) {
        if (s->kept == s->n && s->n < HOGO_WALK_NAMES && check_keep(s, p)) s->kept++;
        s->n++;
    }
    if (s->kept < s->n) s->tape = cli_walk_tape_take(w);
    cli_walk_free(w);
    if (s->kept < s->n) {                /* the second walk gives them: the first paths are not used */
        free(s->text);
        s->text = NULL;
        s->used = s->cap = s->kept = 0;
    }
    return 1;
}

/* The next plan's path (valid until the next call), NULL at the end. */
static const char *check_plans_next(check_plans *s)
{
    if (s->kept == s->n) {
        if (s->taken == s->n) return NULL;
        const char *p = s->text + s->at;
        s->at += strlen(p) + 1;
        s->taken++;
        return p;
    }
    if (!s->again && !s->taken) {
        if (!(s->again = cli_walk_new(s->o, s->o->paths, s->o->n_paths, 0))) return NULL;
        cli_walk_replay(s->again, s->tape);   /* the files are not read again to find the plans */
        s->tape = NULL;
    }
    const char *p = s->again ? cli_walk_next(s->again) : NULL;
    if (p) s->taken++;
    return p;
}

static void check_plans_free(check_plans *s)
{
    cli_walk_free(s->again);
    cli_walk_tape_free(s->tape);
    free(s->text);
    memset(s, 0, sizeof *s);
}

/* ---- the batch ----
 * -j N: N threads screen, the calling thread one of them with the engine it
 * already built (the writers' engine: they read only its rules' names), so
 * a batch builds N engines, not N + 1.  Reports are written in the plans'
 * order by whichever thread finds the next one done: a thread that stores
 * plan i's result and finds nobody writing writes every result that is
 * ready from `written` on, then goes back to screening.  No thread only
 * writes: a writer thread beside N workers on N cores was woken once a
 * plan, a futex call each way (10,000 plans -j2: 0.74 s of system time
 * that way, 1.00 s before, and one engine fewer, 1.1 MiB of peak RSS).
 * At most `window` plans are taken and not yet written (each thread's
 * results wait in slot[] until their turn). */

typedef struct {
    check_out *outs; int n_outs;
    hogo_report_summary sum;
    check_baseline *baseline;
    hogo_severity fail_on;
    cli_profile *prof;           /* NULL without --profile */
} check_sink;

static void check_emit(check_sink *s, hogo_result *r, size_t index)
{
    uint64_t t0 = s->prof ? cli_now_ns() : 0;
    if (s->baseline) check_apply_baseline(s->baseline, r);
    hogo_report_summary_add(&s->sum, r, s->fail_on);
    for (int k = 0; k < s->n_outs; k++) {
        check_out *o = &s->outs[k];
        if (!o->f) continue;
        hogo_report_plan(o->rep, r, index);
        check_flush(o);
    }
    hogo_result_free(r);
    if (s->prof) s->prof->report_ns += cli_now_ns() - t0;
}

typedef struct {
    const cli_opts *o;
    check_sink *sink;            /* written to by one thread at a time (writing) */
    check_plans *plans;          /* taken under mu */
    int done;                    /* plans has no more */
    int writing;                 /* a thread is writing reports */
    size_t window;
    hogo_result **slot;          /* plan i's result at i % window until written */
    size_t next, written;
    pthread_mutex_t mu;
    pthread_cond_t space;        /* next - written fell below window */
} check_pool;

/* Called with mu held, after a result was stored: unless another thread is
 * writing, write every result ready in order (mu released while writing). */
static void check_write_ready(check_pool *p)
{
    if (p->writing) return;
    p->writing = 1;
    for (;;) {
        hogo_result *r = p->slot[p->written % p->window];
        if (!r) break;
        p->slot[p->written % p->window] = NULL;
        size_t i = p->written++;
        pthread_cond_broadcast(&p->space);
        pthread_mutex_unlock(&p->mu);
        check_emit(p->sink, r, i);
        pthread_mutex_lock(&p->mu);
    }
    p->writing = 0;
}

/* Screen plans with engine e until there are no more. */
static void check_screen_loop(check_pool *p, hogo_engine *e)
{
    size_t max = p->o->opt.plan_max_bytes ? p->o->opt.plan_max_bytes : HOGO_MAX_PLAN_BYTES;
    uint64_t read_ns = 0;
    cli_profile *prof = p->sink->prof;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->done && p->next - p->written >= p->window)
            pthread_cond_wait(&p->space, &p->mu);
        const char *next = p->done ? NULL : check_plans_next(p->plans);
        if (!next) {
            p->done = 1;
            pthread_cond_broadcast(&p->space);
            break;
        }
        char *path = strdup(next);   /* the next call reuses next's bytes */
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        hogo_result *r = path ? check_file(e, path, max, prof ? &read_ns : NULL, p->o->lang) : NULL;
        if (!r) r = check_error_result(path ? path : "", "out of memory");
        free(path);
        pthread_mutex_lock(&p->mu);
        p->slot[i % p->window] = r;
        check_write_ready(p);
    }
    pthread_mutex_unlock(&p->mu);
    if (prof) cli_profile_add(prof, e, read_ns, 1);
}

static void *check_worker(void *arg)
{
    check_pool *p = arg;
    int failed;
    hogo_engine *e = cli_engine(p->o, 1, &failed);
    check_screen_loop(p, e);
    hogo_engine_free(e);
    return NULL;
}

/* Screen every plan here, one after another. */
static void check_serial(const cli_opts *o, hogo_engine *e, check_plans *plans, check_sink *sink)
{
    size_t max = o->opt.plan_max_bytes ? o->opt.plan_max_bytes : HOGO_MAX_PLAN_BYTES;
    uint64_t read_ns = 0, *rd = sink->prof ? &read_ns : NULL;
    const char *path;
    for (size_t i = 0; (path = check_plans_next(plans)); i++) {
        hogo_result *r = check_file(e, path, max, rd, o->lang);
        if (r) check_emit(sink, r, i);
    }
    if (sink->prof) cli_profile_add(sink->prof, e, read_ns, 1);
}

static void check_run(const cli_opts *o, hogo_engine *e, check_plans *plans, int jobs, check_sink *sink)
{
    if (jobs <= 1 || plans->n <= 1) { check_serial(o, e, plans, sink); return; }
    check_pool p;
    memset(&p, 0, sizeof p);
    p.o = o;
    p.sink = sink;
    p.plans = plans;
    p.window = (size_t)jobs * 8;
    p.slot = calloc(p.window, sizeof *p.slot);
    if (!p.slot) { check_serial(o, e, plans, sink); return; }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.space, NULL);
    pthread_t tid[256];
    int started = 0;
    for (int t = 1; t < jobs && t < 256; t++)       /* this thread is the first of them */
        if (pthread_create(&tid[started], NULL, check_worker, &p) == 0) started++;
    check_screen_loop(&p, e);
    for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
    /* (every result is written: the last one stored found nobody writing,
     * or was written by the thread that was) */
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.space);
    free(p.slot);
}

static int check_usage(const char *cmd)
{
    if (cli_lang == HOGO_EN) fprintf(stderr, "usage: hogo %s [options] PLAN|DIR...   (hogo --help for the options)\n", cmd);
    else fprintf(stderr, "使い方: hogo %s [オプション] 計画|フォルダ...   （オプションは hogo --help）\n", cmd);
    return CLI_EXIT_INPUT;
}

/* Parse the flags of check and validate into o; 0 on a bad argument. */
static int check_args(cli_opts *o, int argc, char **argv, int validate_only)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int c = cli_common_flag(o, argc, argv, &i);
        if (c < 0) return 0;
        if (c > 0) continue;
        if (!strcmp(a, "--format") || !strcmp(a, "-f")) {
            if (!v) { cli_say("%s には値を指定します（text、json、sarif、junit、markdown）", "%s needs a value (text, json, sarif, junit, markdown)", a); return 0; }
            const char *f = hogo_report_format_find(v);
            if (!f) { cli_say("'%s' という形式はありません（text、json、sarif、junit、markdown、html）", "unknown format '%s' (text, json, sarif, junit, markdown, html)", v); return 0; }
            if (o->n_outputs == CLI_MAX_OUTPUTS) { cli_say("出力は %d 個までです", "at most %d outputs", CLI_MAX_OUTPUTS); return 0; }
            o->outputs[o->n_outputs].format = f;
            o->outputs[o->n_outputs++].file = NULL;
            i++;
        } else if (!strcmp(a, "--output") || !strcmp(a, "-o")) {
            if (!v) { cli_say("%s にはファイル名を指定します（例: %s report.json）", "%s needs a file (e.g. %s report.json)", a, a); return 0; }
            if (!o->n_outputs || o->outputs[o->n_outputs - 1].file) {
                if (o->n_outputs == CLI_MAX_OUTPUTS) { cli_say("出力は %d 個までです", "at most %d outputs", CLI_MAX_OUTPUTS); return 0; }
                o->outputs[o->n_outputs].format = o->n_outputs ? o->outputs[o->n_outputs - 1].format : "text";
                o->n_outputs++;
            }
            o->outputs[o->n_outputs - 1].file = v;
            i++;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            char *end;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || n < 1 || n > 256) { cli_say("%s には 1 から 256 を指定します", "%s takes 1 to 256", a); return 0; }
            o->jobs = (int)n;
            i++;
        } else if (!strncmp(a, "-j", 2) && a[2]) {
            char *end;
            long n = strtol(a + 2, &end, 10);
            if (*end || n < 1 || n > 256) { cli_say("-j には 1 から 256 を指定します", "-j takes 1 to 256"); return 0; }
            o->jobs = (int)n;
        } else if (!strcmp(a, "--baseline") && !validate_only) {
            if (!v) { cli_say("--baseline には以前の JSON 報告のファイルを指定します", "--baseline needs a report file (an earlier JSON report)"); return 0; }
            o->baseline = v;
            i++;
        } else if (!strcmp(a, "--exclude")) {
            if (!v) { fprintf(stderr, "%s", o->lang == HOGO_EN ? "hogo: --exclude needs a pattern, e.g. --exclude 'draft-*'\n"
                                                               : "hogo: --exclude にはパターンを指定します（例: --exclude 'draft-*'）\n"); return 0; }
            if (o->n_exclude < CLI_MAX_LIST) o->exclude[o->n_exclude++] = v;
            i++;
        } else if (!strcmp(a, "--profile")) {
            o->opt.profile = 1;
        } else if (!strcmp(a, "--ignore-needs")) {
            o->opt.ignore_needs = 1;
        } else if (!strcmp(a, "--no-color")) {
            o->color = 0;
        } else if (!strcmp(a, "--color")) {
            o->color = 1;
        } else if (!strcmp(a, "--")) {
            for (i++; i < argc; i++) if (o->n_paths < 4096) o->paths[o->n_paths++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            cli_say("'%s' というオプションはありません（hogo --help）", "unknown option '%s' (hogo --help)", a);
            return 0;
        } else if (o->n_paths < 4096) {
            o->paths[o->n_paths++] = a;
        }
    }
    return 1;
}

/* Outputs are refused before anything is screened: two to one file (the
 * second rename would silently replace the first report), and a FILE that
 * exists but is not a regular file (a device, a FIFO, a directory, a
 * symlink): the report is renamed over FILE, which must never replace
 * /dev/full or follow a link somewhere else. */
static int check_outputs_ok(const cli_opts *o)
{
    for (int k = 0; k < o->n_outputs; k++) {
        const char *f = o->outputs[k].file;
        if (!f) continue;
        struct stat st, st2;
        int exists = lstat(f, &st) == 0;
        if (exists && !S_ISREG(st.st_mode)) {
            cli_say("--output %s: 通常のファイルではないため書きません（新しいファイル名か、既存の通常のファイルを指定してください）",
                    "--output %s: not a regular file; not written (give a new file name or an existing regular file)", f);
            return 0;
        }
        for (int j = 0; j < k; j++) {
            const char *g = o->outputs[j].file;
            if (!g) continue;
            int same = !strcmp(f, g) || (exists && lstat(g, &st2) == 0 && st.st_dev == st2.st_dev && st.st_ino == st2.st_ino);
            if (same) {
                cli_say("--output %s が2回指定されています。報告の形式ごとに別のファイルを指定してください（例: -f sarif -o hogo.sarif -f junit -o hogo.xml）",
                        "--output %s is given twice; give each --format its own file (e.g. -f sarif -o hogo.sarif -f junit -o hogo.xml)", f);
                return 0;
            }
        }
    }
    return 1;
}

static int check_main(int argc, char **argv, int validate_only)
{
    cli_opts o;
    cli_opts_init(&o);
    if (!check_args(&o, argc, argv, validate_only)) return CLI_EXIT_INPUT;
    if (!cli_load_config(&o)) return CLI_EXIT_INPUT;
    if (!o.n_paths) return check_usage(validate_only ? "validate" : "check");
    if (!o.n_outputs) { o.outputs[0].format = "text"; o.outputs[0].file = NULL; o.n_outputs = 1; }
    if (validate_only)
        for (int k = 0; k < o.n_outputs; k++) {
            /* text is validate's own (hogo_report_options.validate_only) */
            if (strcmp(o.outputs[k].format, "text") && strcmp(o.outputs[k].format, "json")) {
                /* the other formats report a screen (a verdict, failing tests) */
                cli_say("validate が書ける形式は text と json だけです（審査の報告は hogo check で）",
                        "validate writes text or json only (a screen's report comes from hogo check)");
                return CLI_EXIT_INPUT;
            }
        }
    int to_stdout = 0;
    for (int k = 0; k < o.n_outputs; k++) to_stdout += o.outputs[k].file == NULL;
    if (to_stdout > 1) { cli_say("標準出力に出せる --format は1つだけです。ほかは --output FILE で書いてください", "only one --format may go to standard output; give the others --output FILE"); return CLI_EXIT_INPUT; }

    if (!check_outputs_ok(&o)) return CLI_EXIT_INPUT;
    if (!validate_only && o.rules_dir && !cli_check_rules_dir(o.rules_dir, "--rules")) return CLI_EXIT_INPUT;

    check_baseline base = { 0 };
    if (o.baseline && !check_load_baseline(o.baseline, &base)) return CLI_EXIT_INPUT;

    check_plans files;
    uint64_t walk_t0 = cli_now_ns();
    int found = check_plans_find(&files, &o);
    uint64_t walk_ns = cli_now_ns() - walk_t0;
    if (!found) {
        fprintf(stderr, "hogo: out of memory\n");
        check_plans_free(&files);
        check_free_baseline(&base);
        return CLI_EXIT_ENGINE;
    }
    if (!files.n) {
        fprintf(stderr, "%s", o.lang == HOGO_EN ? "hogo: no plan files (*.json) under the paths given\n"
                                                : "hogo: 指定した場所に計画のファイル（*.json）がありません\n");
        check_plans_free(&files);
        check_free_baseline(&base);
        return CLI_EXIT_INPUT;
    }
    int load_failed = 0;
    hogo_engine *e = NULL;
    for (int k = 0; k < o.n_outputs; k++)          /* the papers print each plan's content */
        if (!strcmp(o.outputs[k].format, "html")) o.opt.keep_plan = 1;
    if (validate_only) {
        /* validate = the format only: no rule runs.  Fix: the pack is not
         * loaded at all (it used to be loaded and then disabled, so a rule
         * pack that failed to load -- or a .hogo.json naming its rules --
         * made `hogo validate` exit 3 on a valid plan).  The engine's own
         * input-unknown-key rule is there without a pack. */
        o.opt.lang = o.lang;
        if (hogo_engine_new(&o.opt, &e) != HOGO_OK) {
            fprintf(stderr, "hogo: cannot create an engine (out of memory)\n");
            e = NULL;
        }
        o.rules_dir = NULL;
        o.jobs = 1;
    } else {
        e = cli_engine(&o, 0, &load_failed);
    }
    if (!e) { check_plans_free(&files); check_free_baseline(&base); return CLI_EXIT_ENGINE; }

    check_out outs[CLI_MAX_OUTPUTS];
    memset(outs, 0, sizeof outs);
    int open_ok = 1;
    const char *no_color = getenv("NO_COLOR");
    for (int k = 0; k < o.n_outputs; k++) {
        check_out *c = &outs[k];
        c->fmt = o.outputs[k].format;
        c->final = o.outputs[k].file;
        hogo_report_options ro = {
            .engine = e, .lang = o.lang, .fail_on = o.fail_on,
            .tool_version = HOGO_VERSION, .pack_version = hogo_engine_pack_version(e),
            .today = o.opt.today, .validate_only = validate_only, .papers_by_id = o.papers_by_id,
            .color = o.color == 1 || (o.color == -1 && !c->final && isatty(STDOUT_FILENO) &&
                                      !(no_color && *no_color) && !strcmp(c->fmt, "text")),
        };
        c->rep = hogo_report_new(c->fmt, &ro);
        if (!c->rep) { fprintf(stderr, "hogo: out of memory\n"); open_ok = 0; continue; }
        if (!check_open(c)) { open_ok = 0; continue; }
        hogo_report_begin(c->rep);
        check_flush(c);
    }
    if (!open_ok) {
        for (int k = 0; k < o.n_outputs; k++) check_close(&outs[k], 0);
        hogo_engine_free(e);
        check_plans_free(&files);
        check_free_baseline(&base);
        return CLI_EXIT_INPUT;
    }
    cli_profile prof;
    if (o.opt.profile) {
        cli_profile_init(&prof);
        prof.walk_ns = walk_ns;
        prof.walk_files = files.n;
    }
    check_sink sink = { outs, o.n_outputs, { 0 }, o.baseline ? &base : NULL, o.fail_on,
                        o.opt.profile ? &prof : NULL };
    int jobs = o.jobs < (int)files.n ? o.jobs : (int)files.n;
    check_run(&o, e, &files, validate_only ? 1 : jobs, &sink);
    int write_ok = 1;
    for (int k = 0; k < o.n_outputs; k++) {
        hogo_report_end(outs[k].rep, &sink.sum);
        check_flush(&outs[k]);
        write_ok &= check_close(&outs[k], 1);
    }
    if (o.opt.profile) {
        cli_profile_print(&prof, stderr);
        cli_profile_free(&prof);
    }
    if (o.baseline) check_print_resolved(&base, o.baseline);
    hogo_engine_free(e);
    check_plans_free(&files);
    check_free_baseline(&base);

    /* load_failed: 1 a rule did not load (3), 2 --disable/severity named no rule (2); see cli_common.c */
    if ((load_failed & 1) || sink.sum.rule_errors) return CLI_EXIT_ENGINE;
    if (load_failed || sink.sum.errors || !write_ok) return CLI_EXIT_INPUT;
    if (!validate_only && sink.sum.failing_plans) return CLI_EXIT_FINDINGS;
    return CLI_EXIT_OK;
}

int cli_check(int argc, char **argv) { return check_main(argc, argv, 0); }
int cli_validate(int argc, char **argv) { return check_main(argc, argv, 1); }
