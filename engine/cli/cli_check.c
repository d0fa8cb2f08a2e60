/* cli_check.c -- `hogo check` and `hogo validate`: screen plan files and
 * write the reports.  With -j N, N workers (one engine each, rules compiled
 * once per worker) screen files in parallel while this thread writes the
 * reports strictly in input order, holding at most a small window of results,
 * so output is identical for any N and memory stays flat in the batch size. */
#include "cli.h"
#include "result.h"
#include "score.h"

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
    res_holder *h = res_new(path);
    if (!h) return NULL;
    res_add_error(h, "", 0, 0, msg);
    score_result(&h->pub);
    return &h->pub;
}

/* Read and screen one file; *read_ns (when not NULL) gathers the time spent
 * reading it, for --profile. */
static hogo_result *check_file(hogo_engine *e, const char *path, size_t max, uint64_t *read_ns)
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
        if (big) snprintf(msg, sizeof msg, "the plan is %zu bytes or more; the limit is %zu (--max-plan-bytes)", len, max);
        else snprintf(msg, sizeof msg, "cannot read the file: %s", errno ? strerror(errno) : "read error");
        return check_error_result(path, msg);
    }
    hogo_result *r = NULL;
    if (hogo_screen(e, path, buf, len, &r) != HOGO_OK && !r) r = check_error_result(path, "out of memory");
    free(buf);
    return r;
}

/* ---- baseline: findings already reported are dropped ---- */

typedef struct { char **keys; size_t n; } check_baseline;

static char *check_key(const char *file, const char *rule, const char *path)
{
    size_t n = strlen(file) + strlen(rule) + strlen(path) + 3;
    char *k = malloc(n);
    if (k) snprintf(k, n, "%s\x1f%s\x1f%s", file, rule, path);
    return k;
}

static int check_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int check_load_baseline(const char *file, check_baseline *b)
{
    size_t len;
    int big;
    char *text = cli_read(file, 256u << 20, &len, &big);
    if (!text) { fprintf(stderr, "hogo: %s: cannot read the baseline report\n", file); return 0; }
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    const cJSON *plans = cJSON_GetObjectItemCaseSensitive(root, "plans");
    if (!cJSON_IsArray(plans)) {
        fprintf(stderr, "hogo: %s: not a hogo JSON report (no \"plans\" array)\n", file);
        cJSON_Delete(root);
        return 0;
    }
    size_t cap = 0;
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, plans) {
        const char *pf = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "file"));
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
            const char *rule = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule"));
            const char *path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "path"));
            if (!pf || !rule || !path) continue;
            if (b->n == cap) {
                cap = cap ? cap * 2 : 256;
                char **k = realloc(b->keys, cap * sizeof *k);
                if (!k) break;
                b->keys = k;
            }
            if ((b->keys[b->n] = check_key(pf, rule, path))) b->n++;
        }
    }
    cJSON_Delete(root);
    qsort(b->keys, b->n, sizeof *b->keys, check_cmp);
    return 1;
}

static void check_apply_baseline(const check_baseline *b, hogo_result *r)
{
    size_t w = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        char *k = check_key(r->file, r->findings[i].rule, r->findings[i].path);
        int known = k && bsearch(&k, b->keys, b->n, sizeof *b->keys, check_cmp);
        free(k);
        if (!known) r->findings[w++] = r->findings[i];
    }
    r->n_findings = w;
    score_result(r);
}

/* ---- outputs ---- */

typedef struct {
    const out_format *fmt;
    const char *final;          /* the file asked for, NULL = stdout */
    char *tmp;                  /* written here, renamed to final at the end */
    FILE *f;
    out_ctx ctx;
    out_state st;
    strbuf sb;
} check_out;

static int check_open(check_out *o)
{
    if (!o->final) { o->f = stdout; return 1; }
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
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        fprintf(stderr, "hogo: %s: cannot write: %s\n", o->final, strerror(errno));
        if (fd >= 0) close(fd);
        free(o->tmp);
        o->tmp = NULL;
        return 0;
    }
    return 1;
}

static void check_flush(check_out *o)
{
    if (o->sb.len) fwrite(o->sb.data, 1, o->sb.len, o->f);
    sb_reset(&o->sb);
}

/* A report is complete or absent: the temporary file replaces the target
 * only after everything was written. */
static int check_close(check_out *o, int ok)
{
    sb_free(&o->sb);
    if (!o->final) { fflush(stdout); return 1; }
    if (!o->f) return 0;
    int bad = fflush(o->f) != 0 || ferror(o->f);
    fclose(o->f);
    if (!ok || bad || rename(o->tmp, o->final) != 0) {
        if (bad) fprintf(stderr, "hogo: %s: write failed\n", o->final);
        unlink(o->tmp);
        free(o->tmp);
        return 0;
    }
    free(o->tmp);
    return 1;
}

/* ---- the batch ---- */

typedef struct {
    const cli_opts *o;
    cli_profile *prof;           /* NULL without --profile */
    cli_list *files;
    size_t window;
    hogo_result **slot;
    size_t next, written;
    pthread_mutex_t mu;
    pthread_cond_t ready, space;
} check_pool;

static void *check_worker(void *arg)
{
    check_pool *p = arg;
    int failed;
    hogo_engine *e = cli_engine(p->o, 1, &failed);
    size_t max = p->o->opt.plan_max_bytes ? p->o->opt.plan_max_bytes : 8u << 20;
    uint64_t read_ns = 0;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next < p->files->n && p->next - p->written >= p->window)
            pthread_cond_wait(&p->space, &p->mu);
        if (p->next >= p->files->n) { pthread_mutex_unlock(&p->mu); break; }
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        hogo_result *r = check_file(e, p->files->v[i], max, p->prof ? &read_ns : NULL);
        if (!r) r = check_error_result(p->files->v[i], "out of memory");
        pthread_mutex_lock(&p->mu);
        p->slot[i % p->window] = r;
        pthread_cond_broadcast(&p->ready);
        pthread_mutex_unlock(&p->mu);
    }
    if (p->prof) cli_profile_add(p->prof, e, read_ns, 1);
    hogo_engine_free(e);
    return NULL;
}

typedef struct {
    check_out *outs; int n_outs;
    out_summary sum;
    const check_baseline *baseline;
    hogo_severity fail_on;
    cli_profile *prof;           /* NULL without --profile */
} check_sink;

static void check_emit(check_sink *s, hogo_result *r, size_t index)
{
    uint64_t t0 = s->prof ? cli_now_ns() : 0;
    if (s->baseline) check_apply_baseline(s->baseline, r);
    out_summary_add(&s->sum, r, s->fail_on);
    for (int k = 0; k < s->n_outs; k++) {
        check_out *o = &s->outs[k];
        if (!o->f) continue;
        o->fmt->plan(&o->sb, &o->st, &o->ctx, r, index);
        check_flush(o);
    }
    hogo_result_free(r);
    if (s->prof) s->prof->report_ns += cli_now_ns() - t0;
}

/* A file's name is not needed once its report is out (the result kept a
 * copy): freeing it keeps a 100,000-plan batch near the memory of a small one. */
static void check_done_with(cli_list *files, size_t i)
{
    free(files->v[i]);
    files->v[i] = NULL;
}

static void check_run(const cli_opts *o, hogo_engine *e, cli_list *files, int jobs, check_sink *sink)
{
    size_t max = o->opt.plan_max_bytes ? o->opt.plan_max_bytes : 8u << 20;
    uint64_t read_ns = 0, *rd = sink->prof ? &read_ns : NULL;
    if (jobs <= 1 || files->n <= 1) {
        for (size_t i = 0; i < files->n; i++) {
            hogo_result *r = check_file(e, files->v[i], max, rd);
            if (r) check_emit(sink, r, i);
            check_done_with(files, i);
        }
        if (sink->prof) cli_profile_add(sink->prof, e, read_ns, 1);
        return;
    }
    check_pool p;
    memset(&p, 0, sizeof p);
    p.o = o;
    p.prof = sink->prof;
    p.files = files;
    p.window = (size_t)jobs * 8;
    p.slot = calloc(p.window, sizeof *p.slot);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.space, NULL);
    pthread_t tid[256];
    int started = 0;
    for (int t = 0; t < jobs && t < 256 && p.slot; t++)
        if (pthread_create(&tid[t], NULL, check_worker, &p) == 0) started++;
    if (!started) {
        /* no threads to be had: screen here */
        for (size_t i = 0; i < files->n; i++) {
            hogo_result *r = check_file(e, files->v[i], max, rd);
            if (r) check_emit(sink, r, i);
            check_done_with(files, i);
        }
        if (sink->prof) cli_profile_add(sink->prof, e, read_ns, 1);
    } else {
        for (size_t i = 0; i < files->n; i++) {
            pthread_mutex_lock(&p.mu);
            while (!p.slot[i % p.window]) pthread_cond_wait(&p.ready, &p.mu);
            hogo_result *r = p.slot[i % p.window];
            p.slot[i % p.window] = NULL;
            p.written++;
            pthread_cond_broadcast(&p.space);
            pthread_mutex_unlock(&p.mu);
            check_emit(sink, r, i);
            check_done_with(files, i);
        }
    }
    for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.ready);
    pthread_cond_destroy(&p.space);
    free(p.slot);
}

static int check_usage(const char *cmd)
{
    fprintf(stderr, "usage: hogo %s [options] PLAN|DIR...   (hogo --help for the options)\n", cmd);
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
            if (!v) { fprintf(stderr, "hogo: %s needs a value\n", a); return 0; }
            const out_format *f = out_find(v);
            if (!f) { fprintf(stderr, "hogo: unknown format '%s' (text, json, sarif, junit, markdown, html)\n", v); return 0; }
            if (o->n_outputs == CLI_MAX_OUTPUTS) { fprintf(stderr, "hogo: at most %d outputs\n", CLI_MAX_OUTPUTS); return 0; }
            o->outputs[o->n_outputs].format = f;
            o->outputs[o->n_outputs++].file = NULL;
            i++;
        } else if (!strcmp(a, "--output") || !strcmp(a, "-o")) {
            if (!v) { fprintf(stderr, "hogo: %s needs a file\n", a); return 0; }
            if (!o->n_outputs || o->outputs[o->n_outputs - 1].file) {
                if (o->n_outputs == CLI_MAX_OUTPUTS) { fprintf(stderr, "hogo: at most %d outputs\n", CLI_MAX_OUTPUTS); return 0; }
                o->outputs[o->n_outputs].format = o->n_outputs ? o->outputs[o->n_outputs - 1].format : &out_text;
                o->n_outputs++;
            }
            o->outputs[o->n_outputs - 1].file = v;
            i++;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            char *end;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || n < 1 || n > 256) { fprintf(stderr, "hogo: %s takes 1 to 256\n", a); return 0; }
            o->jobs = (int)n;
            i++;
        } else if (!strncmp(a, "-j", 2) && a[2]) {
            char *end;
            long n = strtol(a + 2, &end, 10);
            if (*end || n < 1 || n > 256) { fprintf(stderr, "hogo: -j takes 1 to 256\n"); return 0; }
            o->jobs = (int)n;
        } else if (!strcmp(a, "--baseline") && !validate_only) {
            if (!v) { fprintf(stderr, "hogo: --baseline needs a report file\n"); return 0; }
            o->baseline = v;
            i++;
        } else if (!strcmp(a, "--profile")) {
            o->opt.profile = 1;
        } else if (!strcmp(a, "--no-color")) {
            o->color = 0;
        } else if (!strcmp(a, "--color")) {
            o->color = 1;
        } else if (!strcmp(a, "--")) {
            for (i++; i < argc; i++) if (o->n_paths < 4096) o->paths[o->n_paths++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "hogo: unknown option '%s' (hogo --help)\n", a);
            return 0;
        } else if (o->n_paths < 4096) {
            o->paths[o->n_paths++] = a;
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
    if (!o.n_outputs) { o.outputs[0].format = &out_text; o.outputs[0].file = NULL; o.n_outputs = 1; }
    int to_stdout = 0;
    for (int k = 0; k < o.n_outputs; k++) to_stdout += o.outputs[k].file == NULL;
    if (to_stdout > 1) { fprintf(stderr, "hogo: only one --format may go to standard output; give the others --output FILE\n"); return CLI_EXIT_INPUT; }

    check_baseline base = { 0 };
    if (o.baseline && !check_load_baseline(o.baseline, &base)) return CLI_EXIT_INPUT;

    cli_list files = { 0 };
    cli_expand(o.paths, o.n_paths, &files);
    if (!files.n) {
        fprintf(stderr, "hogo: no plan files (*.json) under the paths given\n");
        cli_list_free(&files);
        return CLI_EXIT_INPUT;
    }
    int load_failed = 0;
    hogo_engine *e = NULL;
    if (validate_only) {
        /* validate = the format only: no rule runs.  Fix: the pack is not
         * loaded at all (it used to be loaded and then disabled, so a rule
         * pack that failed to load -- or a .hogo.json naming its rules --
         * made `hogo validate` exit 3 on a valid plan).  The engine's own
         * input-unknown-key rule is there without a pack. */
        if (hogo_engine_new(&o.opt, &e) != HOGO_OK) {
            fprintf(stderr, "hogo: cannot create an engine (out of memory)\n");
            e = NULL;
        }
        o.rules_dir = NULL;
        o.jobs = 1;
    } else {
        e = cli_engine(&o, 0, &load_failed);
    }
    if (!e) { cli_list_free(&files); return CLI_EXIT_ENGINE; }

    check_out outs[CLI_MAX_OUTPUTS];
    memset(outs, 0, sizeof outs);
    int open_ok = 1;
    const char *no_color = getenv("NO_COLOR");
    for (int k = 0; k < o.n_outputs; k++) {
        check_out *c = &outs[k];
        c->fmt = o.outputs[k].format;
        c->final = o.outputs[k].file;
        sb_init(&c->sb);
        c->ctx.engine = e;
        c->ctx.lang = o.lang;
        c->ctx.fail_on = o.fail_on;
        c->ctx.tool_version = HOGO_VERSION;
        c->ctx.pack_version = hogo_engine_pack_version(e);
        c->ctx.today = o.opt.today;
        c->ctx.color = o.color == 1 || (o.color == -1 && !c->final && isatty(STDOUT_FILENO) &&
                                        !(no_color && *no_color) && c->fmt == &out_text);
        if (!check_open(c)) { open_ok = 0; continue; }
        c->fmt->begin(&c->sb, &c->st, &c->ctx);
        check_flush(c);
    }
    if (!open_ok) {
        for (int k = 0; k < o.n_outputs; k++) check_close(&outs[k], 0);
        hogo_engine_free(e);
        cli_list_free(&files);
        return CLI_EXIT_INPUT;
    }
    cli_profile prof;
    if (o.opt.profile) cli_profile_init(&prof);
    check_sink sink = { outs, o.n_outputs, { 0 }, o.baseline ? &base : NULL, o.fail_on,
                        o.opt.profile ? &prof : NULL };
    int jobs = o.jobs < (int)files.n ? o.jobs : (int)files.n;
    check_run(&o, e, &files, validate_only ? 1 : jobs, &sink);
    int write_ok = 1;
    for (int k = 0; k < o.n_outputs; k++) {
        outs[k].fmt->end(&outs[k].sb, &outs[k].st, &outs[k].ctx, &sink.sum);
        out_state_free(&outs[k].st);   /* whatever the writer kept past end() */
        check_flush(&outs[k]);
        write_ok &= check_close(&outs[k], 1);
    }
    if (o.opt.profile) {
        cli_profile_print(&prof, stderr);
        cli_profile_free(&prof);
    }
    hogo_engine_free(e);
    cli_list_free(&files);
    for (size_t i = 0; i < base.n; i++) free(base.keys[i]);
    free(base.keys);

    /* load_failed: 1 a rule did not load (3), 2 --disable/severity named no rule (2); see cli_common.c */
    if ((load_failed & 1) || sink.sum.rule_errors) return CLI_EXIT_ENGINE;
    if (load_failed || sink.sum.errors || !write_ok) return CLI_EXIT_INPUT;
    if (!validate_only && sink.sum.failing_plans) return CLI_EXIT_FINDINGS;
    return CLI_EXIT_OK;
}

int cli_check(int argc, char **argv) { return check_main(argc, argv, 0); }
int cli_validate(int argc, char **argv) { return check_main(argc, argv, 1); }
