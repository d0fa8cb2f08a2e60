/* cli_common.c -- flags, configuration, engines and files shared by the
 * subcommands. */
#include "cli.h"
#include "jsonpos.h"
#include "out_common.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_opts_init(cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->lang = HOGO_JA;
    o->fail_on = HOGO_HIGH;
    o->color = -1;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = n > 0 ? (int)n : 1;
}

static int cli_size(const char *flag, const char *v, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end == 'K' || *end == 'k') { n <<= 10; end++; }
    else if (*end == 'M' || *end == 'm') { n <<= 20; end++; }
    else if (*end == 'G' || *end == 'g') { n <<= 30; end++; }
    if (errno || *end || end == v || n == 0) {
        fprintf(stderr, "hogo: %s takes a positive number (K, M, G suffixes allowed), not '%s'\n", flag, v);
        return 0;
    }
    *out = n;
    return 1;
}

int cli_common_flag(cli_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    unsigned long long n;
#define NEED() do { if (!v) { fprintf(stderr, "hogo: %s needs a value (see hogo --help)\n", a); return -1; } (*i)++; } while (0)
    if (!strcmp(a, "--rules")) { NEED(); o->rules_dir = v; return 1; }
    if (!strcmp(a, "--lang")) {
        NEED();
        if (!strcmp(v, "ja")) o->lang = HOGO_JA;
        else if (!strcmp(v, "en")) o->lang = HOGO_EN;
        else { fprintf(stderr, "hogo: --lang is ja or en, not '%s'\n", v); return -1; }
        o->lang_set = 1;
        return 1;
    }
    if (!strcmp(a, "--fail-on")) {
        NEED();
        if (!hogo_severity_parse(v, &o->fail_on)) {
            fprintf(stderr, "hogo: --fail-on is info, low, medium, high or critical, not '%s'\n", v);
            return -1;
        }
        o->fail_on_set = 1;
        return 1;
    }
    if (!strcmp(a, "--rule-memory")) { NEED(); if (!cli_size(a, v, &n)) return -1; o->opt.rule_memory = (size_t)n; return 1; }
    if (!strcmp(a, "--rule-instructions")) { NEED(); if (!cli_size(a, v, &n)) return -1; o->opt.rule_instructions = n; return 1; }
    if (!strcmp(a, "--max-plan-bytes")) { NEED(); if (!cli_size(a, v, &n)) return -1; o->opt.plan_max_bytes = (size_t)n; return 1; }
    if (!strcmp(a, "--max-depth")) {
        NEED();
        if (!cli_size(a, v, &n) || n > 1000) { fprintf(stderr, "hogo: --max-depth is 1 to 1000\n"); return -1; }
        o->opt.plan_max_depth = (int)n;
        return 1;
    }
    if (!strcmp(a, "--regex-match-limit")) { NEED(); if (!cli_size(a, v, &n) || n > UINT32_MAX) return -1; o->opt.regex_match_limit = (uint32_t)n; return 1; }
    if (!strcmp(a, "--today")) {
        NEED();
        char iso[11];
        if (!hogo_parse_date(v, iso)) { fprintf(stderr, "hogo: --today takes a date like 2021-02-17, not '%s'\n", v); return -1; }
        o->opt.today = v;
        return 1;
    }
    if (!strcmp(a, "--config")) { NEED(); o->config = v; return 1; }
    if (!strcmp(a, "--no-config")) { o->no_config = 1; return 1; }
    if (!strcmp(a, "--disable")) {
        NEED();
        if (o->n_disable < CLI_MAX_LIST) o->disable[o->n_disable++] = v;
        return 1;
    }
#undef NEED
    return 0;
}

/* ---- configuration file ---- */

static char *cli_find_config(void)
{
    char dir[PATH_MAX];
    if (!getcwd(dir, sizeof dir)) return NULL;
    for (;;) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/.hogo.json", dir);
        if (access(path, R_OK) == 0) return strdup(path);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) break;
        *slash = '\0';
    }
    return NULL;
}

/* file:line:col: /pointer: message.  off is the byte where the problem is,
 * or (size_t)-1 to locate ptr.  Fix: a JSON syntax error used to be
 * reported at 1:1 (the pointer "" of the whole file) instead of where the
 * text breaks, and as "file:1:1: : message"; an empty pointer is now left out. */
static void cli_config_error_at(const char *file, const char *text, size_t len, size_t off,
                                const char *ptr, const char *msg)
{
    int line = 0, col = 0;
    jpos *p = jpos_build(text, len, 0);
    if (p) {
        jpos_linecol(p, off != (size_t)-1 ? off : jpos_resolve(p, ptr, NULL), &line, &col);
        jpos_free(p);
    }
    if (ptr[0]) fprintf(stderr, "hogo: %s:%d:%d: %s: %s\n", file, line, col, ptr, msg);
    else fprintf(stderr, "hogo: %s:%d:%d: %s\n", file, line, col, msg);
}

static void cli_config_error(const char *file, const char *text, size_t len, const char *ptr, const char *msg)
{
    cli_config_error_at(file, text, len, (size_t)-1, ptr, msg);
}

/* Strings in the config stay alive for the program's life: the cJSON tree
 * is deliberately kept (it is small and read once).  Fix: it is kept where
 * the process can still reach it and freed at exit -- it used to be lost on
 * return, a leak that made every run with a .hogo.json fail under
 * LeakSanitizer (exit 1) and valgrind --errors-for-leak-kinds=definite. */
static cJSON *cli_config_root;
static char *cli_config_dirs[CLI_MAX_DIRS];
static int cli_config_ndirs;

static void cli_config_free(void)
{
    cJSON_Delete(cli_config_root);
    cli_config_root = NULL;
    for (int i = 0; i < cli_config_ndirs; i++) free(cli_config_dirs[i]);
    cli_config_ndirs = 0;
}

static void cli_config_keep(cJSON *root)
{
    static int registered;
    if (!registered) registered = atexit(cli_config_free) == 0;
    if (cli_config_root) {
        /* a second configuration in one process: keep both alive */
        cJSON *both = cJSON_CreateArray();
        if (both) {
            cJSON_AddItemToArray(both, cli_config_root);
            cJSON_AddItemToArray(both, root);
            cli_config_root = both;
        }
        return;
    }
    cli_config_root = root;
}

int cli_load_config(cli_opts *o)
{
    if (o->no_config) return 1;
    char *path = o->config ? strdup(o->config) : cli_find_config();
    if (!path) return 1;
    size_t len;
    int big;
    char *text = cli_read(path, 1 << 20, &len, &big);
    if (!text) { fprintf(stderr, "hogo: %s: cannot read the configuration\n", path); free(path); return 0; }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!cJSON_IsObject(root)) {
        char why[160];
        size_t off = 0;
        if (root || jpos_syntax_error(text, len, 0, why, sizeof why, &off)) {
            /* valid JSON, but not an object (or cJSON refused what jpos accepts) */
            snprintf(why, sizeof why, "%s", root ? "the configuration must be a JSON object" : "malformed JSON");
            off = (size_t)-1;
        }
        cli_config_error_at(path, text, len, off, "", why);
        cJSON_Delete(root);
        free(text); free(path);
        return 0;
    }
    cli_config_keep(root);
    int ok = 1;
    char ptr[256];
    const cJSON *it;
    cJSON_ArrayForEach(it, root) {
        const char *k = it->string;
        snprintf(ptr, sizeof ptr, "/%s", k);
        if (!strcmp(k, "disable")) {
            const cJSON *d;
            if (!cJSON_IsArray(it)) { cli_config_error(path, text, len, ptr, "expected an array of rule or topic ids"); ok = 0; continue; }
            cJSON_ArrayForEach(d, it) {
                if (!cJSON_IsString(d)) { cli_config_error(path, text, len, ptr, "expected strings"); ok = 0; continue; }
                if (o->n_disable < CLI_MAX_LIST) o->disable[o->n_disable++] = d->valuestring;
            }
        } else if (!strcmp(k, "severity")) {
            const cJSON *d;
            if (!cJSON_IsObject(it)) { cli_config_error(path, text, len, ptr, "expected an object {\"rule-id\": \"severity\"}"); ok = 0; continue; }
            cJSON_ArrayForEach(d, it) {
                hogo_severity s;
                snprintf(ptr, sizeof ptr, "/severity/%s", d->string);
                if (!cJSON_IsString(d) || !hogo_severity_parse(d->valuestring, &s)) {
                    cli_config_error(path, text, len, ptr, "expected info, low, medium, high or critical");
                    ok = 0;
                    continue;
                }
                if (o->n_sev < CLI_MAX_LIST) { o->sev_rule[o->n_sev] = d->string; o->sev_value[o->n_sev++] = s; }
            }
        } else if (!strcmp(k, "fail_on")) {
            hogo_severity s;
            if (!cJSON_IsString(it) || !hogo_severity_parse(it->valuestring, &s)) {
                cli_config_error(path, text, len, ptr, "expected info, low, medium, high or critical"); ok = 0; continue;
            }
            if (!o->fail_on_set) o->fail_on = s;
        } else if (!strcmp(k, "lang")) {
            if (!cJSON_IsString(it) || (strcmp(it->valuestring, "ja") && strcmp(it->valuestring, "en"))) {
                cli_config_error(path, text, len, ptr, "expected \"ja\" or \"en\""); ok = 0; continue;
            }
            if (!o->lang_set) o->lang = strcmp(it->valuestring, "en") ? HOGO_JA : HOGO_EN;
        } else if (!strcmp(k, "rules")) {
            const cJSON *d;
            if (!cJSON_IsArray(it)) { cli_config_error(path, text, len, ptr, "expected an array of directories"); ok = 0; continue; }
            /* relative to the configuration file's directory */
            char base[PATH_MAX];
            snprintf(base, sizeof base, "%s", path);
            char *slash = strrchr(base, '/');
            if (slash) *slash = '\0'; else snprintf(base, sizeof base, ".");
            cJSON_ArrayForEach(d, it) {
                if (!cJSON_IsString(d)) { cli_config_error(path, text, len, ptr, "expected strings"); ok = 0; continue; }
                char full[PATH_MAX * 2];
                if (d->valuestring[0] == '/') snprintf(full, sizeof full, "%s", d->valuestring);
                else snprintf(full, sizeof full, "%s/%s", base, d->valuestring);
                if (o->n_extra < CLI_MAX_DIRS && cli_config_ndirs < CLI_MAX_DIRS) {
                    char *dir = strdup(full);
                    if (dir) {
                        cli_config_dirs[cli_config_ndirs++] = dir;
                        o->extra_dirs[o->n_extra++] = dir;
                    }
                }
            }
        } else if (!strcmp(k, "$schema") || !strcmp(k, "comment")) {
            /* allowed for editors and people */
        } else {
            cli_config_error(path, text, len, ptr,
                             "unknown key (known: disable, severity, fail_on, lang, rules)");
            ok = 0;
        }
    }
    free(text);
    free(path);
    return ok;
}

/* ---- engines ---- */

/* *load_failed of cli_engine is a set of bits: CLI_FAILED_LOAD (1) a rule
 * did not load -- the engine's failure, exit 3; CLI_FAILED_ID (2) --disable
 * or a severity override named no rule or topic -- an argument or the
 * configuration could not be read, exit 2.  Fix: both used to be one flag
 * that made `hogo check --disable typo` exit 3 ("the engine failed"). */
#define CLI_FAILED_LOAD 1
#define CLI_FAILED_ID 2

static void cli_print_error(void *ud, hogo_status code, const char *msg)
{
    int *failed = ud;
    *failed |= CLI_FAILED_LOAD;
    fprintf(stderr, "hogo: %s: %s\n", hogo_status_name(code), outw_term(msg));   /* rule text: escaped */
}

static void cli_quiet_error(void *ud, hogo_status code, const char *msg)
{
    (void)code; (void)msg;
    *(int *)ud |= CLI_FAILED_LOAD;
}

hogo_engine *cli_engine(const cli_opts *o, int quiet, int *load_failed)
{
    hogo_engine *e;
    *load_failed = 0;
    if (hogo_engine_new(&o->opt, &e) != HOGO_OK) {
        fprintf(stderr, "hogo: cannot create an engine (out of memory)\n");
        return NULL;
    }
    hogo_engine_set_error_callback(e, quiet ? cli_quiet_error : cli_print_error, load_failed);
    if (o->rules_dir) hogo_engine_load_dir(e, o->rules_dir);
    else hogo_engine_load_builtin(e);
    for (int i = 0; i < o->n_extra; i++) hogo_engine_load_dir(e, o->extra_dirs[i]);
    for (int i = 0; i < o->n_disable; i++) {
        if (hogo_engine_disable(e, o->disable[i]) != HOGO_OK && !quiet) {
            fprintf(stderr, "hogo: cannot disable '%s': no rule or topic has that id\n", o->disable[i]);
            *load_failed |= CLI_FAILED_ID;
        }
    }
    for (int i = 0; i < o->n_sev; i++) {
        if (hogo_engine_set_severity(e, o->sev_rule[i], o->sev_value[i]) != HOGO_OK && !quiet) {
            fprintf(stderr, "hogo: cannot set the severity of '%s': no such rule\n", o->sev_rule[i]);
            *load_failed |= CLI_FAILED_ID;
        }
    }
    return e;
}

/* ---- files ---- */

static int cli_push(cli_list *l, const char *s)
{
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, c * sizeof *v);
        if (!v) return 0;
        l->v = v;
        l->cap = c;
    }
    l->v[l->n] = strdup(s);
    return l->v[l->n++] != NULL;
}

/* Move *s into the list (the list owns it now; *s becomes NULL). */
static int cli_take(cli_list *l, char **s)
{
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, c * sizeof *v);
        if (!v) return 0;
        l->v = v;
        l->cap = c;
    }
    l->v[l->n++] = *s;
    *s = NULL;
    return 1;
}

static int cli_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void cli_walk(const char *dir, cli_list *out, int depth)
{
    if (depth > 32) return;
    DIR *d = opendir(dir);
    if (!d) return;
    cli_list here = { 0 };
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
        cli_push(&here, path);
    }
    closedir(d);
    qsort(here.v, here.n, sizeof *here.v, cli_cmp);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (stat(here.v[i], &st) != 0) continue;
        size_t n = strlen(here.v[i]);
        if (S_ISDIR(st.st_mode)) cli_walk(here.v[i], out, depth + 1);
        else if (n > 5 && strcmp(here.v[i] + n - 5, ".json") == 0 &&
                 !(n >= 10 && strcmp(here.v[i] + n - 10, ".test.json") == 0))
            cli_take(out, &here.v[i]);   /* moved, not copied: one copy of 100,000 names */
    }
    cli_list_free(&here);
}

int cli_expand(const char *const *paths, int n, cli_list *out)
{
    int ok = 1;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (!strcmp(paths[i], "-")) { cli_push(out, "-"); continue; }
        if (stat(paths[i], &st) != 0) {
            /* kept in the list: the screen reports it as that plan's error */
            cli_push(out, paths[i]);
            ok = 0;
            continue;
        }
        if (S_ISDIR(st.st_mode)) cli_walk(paths[i], out, 0);
        else cli_push(out, paths[i]);
    }
    return ok;
}

void cli_list_free(cli_list *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Read a whole file ("-" = standard input) with plain read(2): stdio's
 * buffer, its extra fstat and its copy cost as much as reading a plan. */
char *cli_read(const char *path, size_t max, size_t *len, int *too_big)
{
    *too_big = 0;
    *len = 0;
    int is_stdin = !strcmp(path, "-");
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    size_t cap = 65536;
    if (!is_stdin && fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) { close(fd); errno = EISDIR; return NULL; }
        if (S_ISREG(st.st_mode)) {
            if ((size_t)st.st_size > max) { close(fd); *too_big = 1; *len = (size_t)st.st_size; return NULL; }
            cap = (size_t)st.st_size + 1;   /* + 1: the read that sees the end */
        }
    }
    size_t n = 0;
    int err = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        if (n == cap) {
            if (n > max) { *too_big = 1; break; }
            char *p = realloc(buf, cap * 2);
            if (!p) { free(buf); buf = NULL; break; }
            buf = p;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) { err = errno; break; }
        if (got == 0) break;
        n += (size_t)got;
    }
    if (!is_stdin) close(fd);
    if (n > max) *too_big = 1;
    /* Fix: the text is NUL-terminated (the loop always leaves n < cap).  The
     * configuration is parsed with cJSON_ParseWithLengthOpts(text, len + 1,
     * require_null_terminated), which read one uninitialised byte past the
     * file: .hogo.json was "malformed JSON" whenever that byte was not 0
     * (always under AddressSanitizer, at random otherwise). */
    if (buf && n < cap) buf[n] = '\0';
    *len = n;
    if (buf && (err || *too_big)) { free(buf); errno = err; return NULL; }
    return buf;
}
