/* cli_common.c -- flags, configuration, engines and files shared by the
 * subcommands. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <fnmatch.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The language when --lang and the configuration say nothing: LC_ALL, then
 * LC_MESSAGES, then LANG.  ja_* is Japanese; any other language (en_US,
 * de_DE...) is English; C, POSIX or nothing set keeps the tool's default,
 * Japanese -- a department PC in Japan is the first user, and a CI image's
 * LANG=C.UTF-8 says nothing about the reader. */
hogo_lang cli_env_lang(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v) continue;
        if (!strncmp(v, "ja", 2)) return HOGO_JA;
        if (!strncmp(v, "C", 1) || !strncmp(v, "POSIX", 5)) return HOGO_JA;
        return HOGO_EN;
    }
    return HOGO_JA;
}

hogo_lang cli_lang = HOGO_JA;

void cli_say(const char *ja, const char *en, ...)
{
    /* security: messages quote file names, paths and values from the user
     * or a plan: formatted first, then made safe for a terminal */
    hogo_buf m, safe;
    hogo_buf_init(&m);
    hogo_buf_init(&safe);
    va_list ap;
    va_start(ap, en);
    hogo_buf_vprintf(&m, cli_lang == HOGO_EN ? en : ja, ap);
    va_end(ap);
    hogo_buf_safe(&safe, hogo_buf_cstr(&m), 1);
    fprintf(stderr, "hogo: %s\n", hogo_buf_cstr(&safe));
    hogo_buf_free(&m);
    hogo_buf_free(&safe);
}

void cli_opts_init(cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->lang = cli_lang;
    o->fail_on = HOGO_HIGH;
    o->color = -1;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = n > 0 ? (int)n : 1;
}

/* A positive number with an optional K, M or G suffix, at most max.
 * Fix: a value out of range (--regex-match-limit 99999999999) used to exit 2
 * without a word, and a suffix could overflow the shift unnoticed. */
static int cli_size(const char *flag, const char *v, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    int neg = v[0] == '-';
    unsigned long long n = strtoull(v, &end, 10);
    int shift = 0;
    if (*end == 'K' || *end == 'k') { shift = 10; end++; }
    else if (*end == 'M' || *end == 'm') { shift = 20; end++; }
    else if (*end == 'G' || *end == 'g') { shift = 30; end++; }
    if (neg || errno || *end || end == v || n == 0) {
        cli_say("%s には正の数を指定します（K、M、G も使えます。例: %s 16M）。'%s' は使えません",
                "%s takes a positive number (K, M, G suffixes allowed, e.g. %s 16M), not '%s'", flag, flag, v);
        return 0;
    }
    if (errno == ERANGE || n > (max >> shift)) {
        cli_say("%s の値 '%s' は大きすぎます（上限 %llu）", "%s %s is out of range (the limit is %llu)", flag, v, max);
        return 0;
    }
    *out = n << shift;
    return 1;
}

int cli_common_flag(cli_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    unsigned long long n;
#define NEED() do { if (!v) { cli_say("%s には値を指定します（hogo --help）", "%s needs a value (see hogo --help)", a); return -1; } (*i)++; } while (0)
    if (!strcmp(a, "--rules")) { NEED(); o->rules_dir = v; return 1; }
    if (!strcmp(a, "--lang")) {
        NEED();
        if (!strcmp(v, "ja")) o->lang = HOGO_JA;
        else if (!strcmp(v, "en")) o->lang = HOGO_EN;
        else { cli_say("--lang は ja か en です（'%s' は使えません）", "--lang is ja or en, not '%s'", v); return -1; }
        o->lang_set = 1;
        cli_lang = o->lang;
        return 1;
    }
    if (!strcmp(a, "--fail-on")) {
        NEED();
        if (!hogo_severity_parse(v, &o->fail_on)) {
            cli_say("--fail-on は info、low、medium、high、critical のどれかです（'%s' は使えません）",
                    "--fail-on is info, low, medium, high or critical, not '%s'", v);
            return -1;
        }
        o->fail_on_set = 1;
        return 1;
    }
    if (!strcmp(a, "--rule-memory")) { NEED(); if (!cli_size(a, v, SIZE_MAX, &n)) return -1; o->opt.rule_memory = (size_t)n; return 1; }
    if (!strcmp(a, "--rule-instructions")) { NEED(); if (!cli_size(a, v, UINT64_MAX, &n)) return -1; o->opt.rule_instructions = n; return 1; }
    if (!strcmp(a, "--plan-cpu")) {
        NEED();
        char *end;
        double sec = strtod(v, &end);
        if (!*v || *end || !(sec >= 0) || sec > 3600) {
            cli_say("--plan-cpu には 0 から 3600 までの秒数を指定します（0 は上限なし）",
                    "--plan-cpu takes seconds from 0 to 3600 (0 = no limit)");
            return -1;
        }
        o->opt.plan_cpu_ms = (uint32_t)(sec * 1000 + 0.5);
        o->plan_cpu_set = 1;
        return 1;
    }
    if (!strcmp(a, "--max-plan-bytes")) { NEED(); if (!cli_size(a, v, SIZE_MAX, &n)) return -1; o->opt.plan_max_bytes = (size_t)n; return 1; }
    if (!strcmp(a, "--max-depth")) { NEED(); if (!cli_size(a, v, HOGO_MAX_PLAN_DEPTH_CAP, &n)) return -1; o->opt.plan_max_depth = (int)n; return 1; }
    if (!strcmp(a, "--regex-match-limit")) { NEED(); if (!cli_size(a, v, UINT32_MAX, &n)) return -1; o->opt.regex_match_limit = (uint32_t)n; return 1; }
    if (!strcmp(a, "--today")) {
        NEED();
        char iso[11];
        if (!hogo_parse_date(v, iso)) { cli_say("--today には 2021-02-17 のような日付を指定します（'%s' は読めません）", "--today takes a date like 2021-02-17, not '%s'", v); return -1; }
        o->opt.today = v;
        return 1;
    }
    if (!strcmp(a, "--papers-order")) {
        NEED();
        if (!strcmp(v, "rank") || !strcmp(v, "id")) o->papers_by_id = !strcmp(v, "id");
        else { cli_say("--papers-order は rank（懸念スコアの高い順）か id（整理番号順）です（'%s' は使えません）",
                       "--papers-order is rank (by concern score) or id (by reference), not '%s'", v); return -1; }
        return 1;
    }
    if (!strcmp(a, "--config")) { NEED(); o->config = v; return 1; }
    if (!strcmp(a, "--no-config")) { o->no_config = 1; return 1; }
    if (!strcmp(a, "--waivers")) { NEED(); o->waiver_file = v; return 1; }
    if (!strcmp(a, "--disable")) {
        NEED();
        if (o->n_disable < CLI_MAX_LIST) o->disable[o->n_disable++] = v;
        return 1;
    }
#undef NEED
    return 0;
}

/* ---- configuration file ---- */

/* The ja or en text, in the language of messages. */
#define CLI_T(ja, en) (cli_lang == HOGO_EN ? (en) : (ja))

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
static void cli_config_error_at(const char *file, int line, int col, const char *ptr, const char *msg)
{
    if (ptr[0]) fprintf(stderr, "hogo: %s:%d:%d: %s: %s\n", hogo_term(file), line, col, hogo_term(ptr), hogo_term(msg));
    else fprintf(stderr, "hogo: %s:%d:%d: %s\n", hogo_term(file), line, col, hogo_term(msg));
}

static void cli_config_error(const char *file, const char *text, size_t len, const char *ptr, const char *msg)
{
    int line, col;
    hogo_json_locate(text, len, ptr, &line, &col);
    cli_config_error_at(file, line, col, ptr, msg);
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

/* ---- who may waive: "approvers" and "waivers" (docs/cli.md, "Waivers") ----
 * in the configuration and in a --waivers file.  The waivers array lives
 * in a static (reachable until exit, freed then), as the config's strings. */
static hogo_waiver *cli_waiver_list;
static int cli_waiver_cap;

static void cli_waivers_free(void)
{
    free(cli_waiver_list);
    cli_waiver_list = NULL;
    cli_waiver_cap = 0;
}

static int cli_add_waiver(cli_opts *o, const hogo_waiver *w)
{
    if (o->n_waivers == cli_waiver_cap) {
        int c = cli_waiver_cap ? cli_waiver_cap * 2 : 16;
        hogo_waiver *v = realloc(cli_waiver_list, (size_t)c * sizeof *v);
        if (!v) return 0;
        if (!cli_waiver_list) atexit(cli_waivers_free);
        cli_waiver_list = v;
        cli_waiver_cap = c;
    }
    o->waivers = cli_waiver_list;
    o->waivers[o->n_waivers++] = *w;
    return 1;
}

/* Key k of a configuration or waiver file, when it is "approvers" or
 * "waivers": read into o (1), or reported (0); -1 when k is another key. */
static int cli_owner_key(cli_opts *o, const char *path, const char *text, size_t len, const cJSON *it)
{
    const char *k = it->string;
    char ptr[300];
    const cJSON *d;
    if (!strcmp(k, "approvers")) {
        if (!cJSON_IsArray(it)) {
            cli_config_error(path, text, len, "/approvers", CLI_T("承認者の名前の配列を書きます（例: \"approvers\": [\"令和2年度第3回審議会\"]）",
                                                                   "expected an array of approvers' names (e.g. \"approvers\": [\"the council, 2021-02-17\"])"));
            return 0;
        }
        int ok = 1, i = 0;
        cJSON_ArrayForEach(d, it) {
            snprintf(ptr, sizeof ptr, "/approvers/%d", i++);
            if (!cJSON_IsString(d) || !d->valuestring[0]) {
                cli_config_error(path, text, len, ptr, CLI_T("空でない文字列を書きます", "expected a non-empty string"));
                ok = 0;
            } else if (o->n_approvers < CLI_MAX_LIST) {
                o->approvers[o->n_approvers++] = d->valuestring;
            }
        }
        return ok;
    }
    if (strcmp(k, "waivers")) return -1;
    if (!cJSON_IsArray(it)) {
        cli_config_error(path, text, len, "/waivers", CLI_T("適用除外の配列を書きます（plan、rule、reason、approved_by、expires）",
                                                             "expected an array of waivers (plan, rule, reason, approved_by, expires)"));
        return 0;
    }
    int ok = 1, i = 0;
    cJSON_ArrayForEach(d, it) {
        snprintf(ptr, sizeof ptr, "/waivers/%d", i++);
        hogo_waiver w = { 0 };
        int bad = !cJSON_IsObject(d);
        const cJSON *f;
        if (!bad) cJSON_ArrayForEach(f, d) {
            const char **slot = !strcmp(f->string, "plan") ? &w.plan : !strcmp(f->string, "rule") ? &w.rule
                              : !strcmp(f->string, "reason") ? &w.reason : !strcmp(f->string, "approved_by") ? &w.approved_by
                              : !strcmp(f->string, "expires") ? &w.expires : NULL;
            char fp[400];
            snprintf(fp, sizeof fp, "%s/%s", ptr, f->string);
            if (!slot) { cli_config_error(path, text, len, fp, CLI_T("不明なキーです（plan、rule、reason、approved_by、expires）", "unknown key (plan, rule, reason, approved_by, expires)")); bad = 1; continue; }
            if (!cJSON_IsString(f)) { cli_config_error(path, text, len, fp, CLI_T("文字列を書きます", "expected a string")); bad = 1; continue; }
            *slot = f->valuestring;
        }
        char iso[11];
        if (!bad && (!w.plan || !w.rule || !w.reason || !w.reason[0])) {
            cli_config_error(path, text, len, ptr, CLI_T("plan（計画の id）、rule、reason（空でない理由）が要ります",
                                                         "plan (the plan's id), rule and reason (not empty) are required"));
            bad = 1;
        }
        if (!bad && w.expires && !hogo_parse_date(w.expires, iso)) {
            char fp[400];
            snprintf(fp, sizeof fp, "%s/expires", ptr);
            cli_config_error(path, text, len, fp, CLI_T("日付として読めません（2022-03-31、令和4年3月31日）", "not a date (2022-03-31)"));
            bad = 1;
        }
        if (bad) { ok = 0; continue; }
        if (!cli_add_waiver(o, &w)) { cli_say("メモリが足りません", "out of memory"); return 0; }
    }
    return ok;
}

/* --waivers FILE: {"approvers": [...], "waivers": [...]} (and $schema, comment). */
static int cli_load_waiver_file(cli_opts *o)
{
    const char *path = o->waiver_file;
    size_t len;
    int big;
    char *text = cli_read_stream(path, HOGO_MAX_CONFIG_BYTES, &len, &big);
    if (!text) { cli_say("%s: 適用除外のファイルを読めません", "%s: cannot read the waiver file", path); return 0; }
    cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, NULL, 1);
    if (!cJSON_IsObject(root)) {
        char why[1024];
        int line = 0, col = 0;
        if (root || !hogo_json_error(text, len, cli_lang, why, sizeof why, &line, &col)) {
            snprintf(why, sizeof why, "%s", CLI_T("JSON のオブジェクト {\"approvers\": […], \"waivers\": […]} で書きます",
                                                  "expected a JSON object {\"approvers\": […], \"waivers\": […]}"));
            hogo_json_locate(text, len, "", &line, &col);
        }
        cli_config_error_at(path, line, col, "", why);
        cJSON_Delete(root);
        free(text);
        return 0;
    }
    cli_config_keep(root);
    int ok = 1;
    const cJSON *it;
    cJSON_ArrayForEach(it, root) {
        int r = cli_owner_key(o, path, text, len, it);
        if (r == 0) ok = 0;
        if (r >= 0 || !strcmp(it->string, "$schema") || !strcmp(it->string, "comment")) continue;
        char ptr[300];
        snprintf(ptr, sizeof ptr, "/%s", it->string);
        cli_config_error(path, text, len, ptr, CLI_T("不明なキーです（使えるのは approvers、waivers）", "unknown key (known: approvers, waivers)"));
        ok = 0;
    }
    free(text);
    return ok;
}

int cli_load_config(cli_opts *o)
{
    if (o->waiver_file && !cli_load_waiver_file(o)) return 0;
    if (o->no_config) return 1;
    char *path = o->config ? strdup(o->config) : cli_find_config();
    if (!path) return 1;
    size_t len;
    int big;
    char *text = cli_read_stream(path, HOGO_MAX_CONFIG_BYTES, &len, &big);
    if (!text) { cli_say("%s: 設定ファイルを読めません", "%s: cannot read the configuration", path); free(path); return 0; }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!cJSON_IsObject(root)) {
        char why[1024];
        int line = 0, col = 0;
        /* the plan reader's messages: the same slips are made in a .hogo.json */
        if (root || !hogo_json_error(text, len, cli_lang, why, sizeof why, &line, &col)) {
            /* valid JSON, but not an object (or cJSON refused what the plan reader accepts) */
            snprintf(why, sizeof why, "%s", root ? CLI_T("設定は JSON のオブジェクト { … } で書きます", "the configuration must be a JSON object") : CLI_T("JSON の書き方に誤りがあります", "malformed JSON"));
            hogo_json_locate(text, len, "", &line, &col);
        }
        cli_config_error_at(path, line, col, "", why);
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
            if (!cJSON_IsArray(it)) { cli_config_error(path, text, len, ptr, CLI_T("規則か論点の ID の配列を書きます（例: \"disable\": [\"verification-single-person\"]）", "expected an array of rule or topic ids (e.g. \"disable\": [\"verification-single-person\"])")); ok = 0; continue; }
            cJSON_ArrayForEach(d, it) {
                if (!cJSON_IsString(d)) { cli_config_error(path, text, len, ptr, CLI_T("文字列を書きます", "expected strings")); ok = 0; continue; }
                if (o->n_disable < CLI_MAX_LIST) o->disable[o->n_disable++] = d->valuestring;
            }
        } else if (!strcmp(k, "severity")) {
            const cJSON *d;
            if (!cJSON_IsObject(it)) { cli_config_error(path, text, len, ptr, CLI_T("{\"規則ID\": \"重大度\"} の形で書きます（例: {\"retention-missing\": \"low\"}）", "expected an object {\"rule-id\": \"severity\"}")); ok = 0; continue; }
            cJSON_ArrayForEach(d, it) {
                hogo_severity s;
                snprintf(ptr, sizeof ptr, "/severity/%s", d->string);
                if (!cJSON_IsString(d) || !hogo_severity_parse(d->valuestring, &s)) {
                    cli_config_error(path, text, len, ptr, CLI_T("info、low、medium、high、critical のどれかを書きます", "expected info, low, medium, high or critical"));
                    ok = 0;
                    continue;
                }
                if (o->n_sev < CLI_MAX_LIST) { o->sev_rule[o->n_sev] = d->string; o->sev_value[o->n_sev++] = s; }
            }
        } else if (!strcmp(k, "fail_on")) {
            hogo_severity s;
            if (!cJSON_IsString(it) || !hogo_severity_parse(it->valuestring, &s)) {
                cli_config_error(path, text, len, ptr, CLI_T("info、low、medium、high、critical のどれかを書きます", "expected info, low, medium, high or critical")); ok = 0; continue;
            }
            if (!o->fail_on_set) o->fail_on = s;
        } else if (!strcmp(k, "lang")) {
            if (!cJSON_IsString(it) || (strcmp(it->valuestring, "ja") && strcmp(it->valuestring, "en"))) {
                cli_config_error(path, text, len, ptr, CLI_T("\"ja\" か \"en\" を書きます", "expected \"ja\" or \"en\"")); ok = 0; continue;
            }
            if (!o->lang_set) cli_lang = o->lang = strcmp(it->valuestring, "en") ? HOGO_JA : HOGO_EN;
        } else if (!strcmp(k, "rules")) {
            const cJSON *d;
            if (!cJSON_IsArray(it)) { cli_config_error(path, text, len, ptr, CLI_T("フォルダの配列を書きます（例: \"rules\": [\"rules-local\"]）", "expected an array of directories (e.g. \"rules\": [\"rules-local\"])")); ok = 0; continue; }
            /* relative to the configuration file's directory */
            char base[PATH_MAX];
            snprintf(base, sizeof base, "%s", path);
            char *slash = strrchr(base, '/');
            if (slash) *slash = '\0'; else snprintf(base, sizeof base, ".");
            cJSON_ArrayForEach(d, it) {
                if (!cJSON_IsString(d)) { cli_config_error(path, text, len, ptr, CLI_T("文字列を書きます", "expected strings")); ok = 0; continue; }
                char full[PATH_MAX * 2];
                if (d->valuestring[0] == '/') snprintf(full, sizeof full, "%s", d->valuestring);
                else snprintf(full, sizeof full, "%s/%s", base, d->valuestring);
                /* a rule directory of the configuration is an argument too: missing,
                 * not a directory or empty is exit 2, not an engine failure */
                if (!cli_check_rules_dir(full, "rules")) {
                    cli_config_error(path, text, len, ptr, CLI_T("規則のフォルダを読めません（上のメッセージ）",
                                                                 "the rule directory cannot be used (see above)"));
                    ok = 0;
                    continue;
                }
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
        } else if (!strcmp(k, "approvers") || !strcmp(k, "waivers")) {
            if (!cli_owner_key(o, path, text, len, it)) ok = 0;
        } else {
            cli_config_error(path, text, len, ptr,
                             CLI_T("不明なキーです（使えるのは disable、severity、fail_on、lang、rules、approvers、waivers）", "unknown key (known: disable, severity, fail_on, lang, rules, approvers, waivers)"));
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
    fprintf(stderr, "hogo: %s: %s\n", hogo_status_name(code), hogo_term(msg));   /* rule text: escaped */
}

static void cli_quiet_error(void *ud, hogo_status code, const char *msg)
{
    (void)code; (void)msg;
    *(int *)ud |= CLI_FAILED_LOAD;
}

const char *cli_suggest_rule(const hogo_engine *e, const char *id)
{
    return hogo_engine_suggest_rule(e, id);
}

/* Does dir hold a rule (*.lua) somewhere below it?  Each directory once
 * (by device and inode: links a -> . and b -> . are not walked 2^8 times)
 * and depth-bounded. */
static int cli_has_lua_seen(const char *dir, int depth, struct stat *seen, size_t *nseen, size_t cap)
{
    if (depth > 8) return 0;
    struct stat me;
    if (stat(dir, &me) != 0) return 0;
    for (size_t i = 0; i < *nseen; i++)
        if (seen[i].st_dev == me.st_dev && seen[i].st_ino == me.st_ino) return 0;
    if (*nseen == cap) return 0;          /* a thousand directories and no rule yet */
    seen[(*nseen)++] = me;
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0;
    struct dirent *de;
    while (!found && (de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        size_t n = strlen(de->d_name);
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISREG(st.st_mode) && n > 4 && !strcmp(de->d_name + n - 4, ".lua")) found = 1;
        else if (S_ISDIR(st.st_mode)) found = cli_has_lua_seen(path, depth + 1, seen, nseen, cap);
    }
    closedir(d);
    return found;
}

static int cli_has_lua(const char *dir, int depth)
{
    enum { CLI_HAS_LUA_DIRS = 1024 };
    struct stat *seen = malloc(CLI_HAS_LUA_DIRS * sizeof *seen);
    if (!seen) return 1;                  /* out of memory: let the load say */
    size_t n = 0;
    int found = cli_has_lua_seen(dir, depth, seen, &n, CLI_HAS_LUA_DIRS);
    free(seen);
    return found;
}

int cli_check_rules_dir(const char *dir, const char *what)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        cli_say("%s %s: そのフォルダはありません。規則（*.lua）のあるフォルダを指定してください",
                "%s %s: no such directory; give the directory that holds the rules (*.lua)", what, dir);
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        cli_say("%s %s: フォルダではありません。規則（*.lua）のあるフォルダを指定してください（例: %s rules/）",
                "%s %s: not a directory; give the directory that holds the rules (*.lua), e.g. %s rules/", what, dir, what);
        return 0;
    }
    if (!cli_has_lua(dir, 0)) {
        cli_say("%s %s: 規則（*.lua）が1つもありません。規則のあるフォルダを指定してください",
                "%s %s: holds no rule (*.lua); give the directory that holds the rules", what, dir);
        return 0;
    }
    return 1;
}

hogo_engine *cli_engine(const cli_opts *o, int quiet, int *load_failed)
{
    hogo_engine *e;
    *load_failed = 0;
    hogo_options opt = o->opt;
    opt.lang = o->lang;          /* input errors in the reader's language */
    if (hogo_engine_new(&opt, &e) != HOGO_OK) {
        fprintf(stderr, "hogo: cannot create an engine (out of memory)\n");
        return NULL;
    }
    hogo_engine_set_error_callback(e, quiet ? cli_quiet_error : cli_print_error, load_failed);
    if (o->rules_dir) hogo_engine_load_dir(e, o->rules_dir);
    else hogo_engine_load_builtin(e);
    for (int i = 0; i < o->n_extra; i++) hogo_engine_load_dir(e, o->extra_dirs[i]);
    for (int i = 0; i < o->n_disable; i++) {
        if (hogo_engine_disable(e, o->disable[i]) != HOGO_OK && !quiet) {
            const char *near = cli_suggest_rule(e, o->disable[i]);
            if (near)
                cli_say("--disable %s: その ID の規則も論点もありません（もしかして %s？）",
                        "cannot disable '%s': no rule or topic has that id (did you mean %s?)", o->disable[i], near);
            else
                cli_say("--disable %s: その ID の規則も論点もありません（hogo rules で一覧を見られます）",
                        "cannot disable '%s': no rule or topic has that id (hogo rules lists them)", o->disable[i]);
            *load_failed |= CLI_FAILED_ID;
        }
    }
    for (int i = 0; i < o->n_sev; i++) {
        if (hogo_engine_set_severity(e, o->sev_rule[i], o->sev_value[i]) != HOGO_OK && !quiet) {
            const char *near = cli_suggest_rule(e, o->sev_rule[i]);
            cli_say("%s の重大度を設定できません: その ID の規則はありません%s%s%s",
                    "cannot set the severity of '%s': no such rule%s%s%s", o->sev_rule[i],
                    near ? (cli_lang == HOGO_EN ? " (did you mean " : "（もしかして ") : "", near ? near : "",
                    near ? (cli_lang == HOGO_EN ? "?)" : "？）") : "");
            *load_failed |= CLI_FAILED_ID;
        }
    }
    for (int i = 0; i < o->n_approvers; i++) hogo_engine_add_approver(e, o->approvers[i]);
    for (int i = 0; i < o->n_waivers; i++) {
        if (!hogo_engine_find_rule(e, o->waivers[i].rule) && !quiet) {
            const char *near = cli_suggest_rule(e, o->waivers[i].rule);
            cli_say("適用除外（計画 %s）の規則 %s はありません%s%s%s", "the waiver for plan %s names no rule '%s'%s%s%s",
                    o->waivers[i].plan, o->waivers[i].rule,
                    near ? (cli_lang == HOGO_EN ? " (did you mean " : "（もしかして ") : "", near ? near : "",
                    near ? (cli_lang == HOGO_EN ? "?)" : "？）") : "");
            *load_failed |= CLI_FAILED_ID;
        }
        hogo_engine_add_waiver(e, &o->waivers[i]);
    }
    return e;
}

/* ---- files ---- */

void cli_list_free(cli_list *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Read a whole file ("-" = standard input) with plain read(2): stdio's
 * buffer, its extra fstat and its copy cost as much as reading a plan. */
static char *cli_read_fd(const char *path, size_t max, size_t *len, int *too_big, int streams);

char *cli_read(const char *path, size_t max, size_t *len, int *too_big)
{
    return cli_read_fd(path, max, len, too_big, 0);
}

char *cli_read_stream(const char *path, size_t max, size_t *len, int *too_big)
{
    return cli_read_fd(path, max, len, too_big, 1);
}

/* streams: a pipe is read too (--baseline <(git show ...)), opened blocking
 * as a reader of a pipe expects; otherwise only regular files. */
static char *cli_read_fd(const char *path, size_t max, size_t *len, int *too_big, int streams)
{
    *too_big = 0;
    *len = 0;
    int is_stdin = !strcmp(path, "-");
    /* O_NONBLOCK: opening a FIFO named x.json must not wait for a writer
     * (for ever); what is not a regular file is refused below. */
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | (streams ? 0 : O_NONBLOCK) | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    size_t cap = 65536, whole = 0;      /* whole: the size stat gave a regular file */
    if (!is_stdin) {
        if (fstat(fd, &st) != 0) { int e = errno; close(fd); errno = e; return NULL; }
        if (S_ISDIR(st.st_mode)) { close(fd); errno = EISDIR; return NULL; }
        if (!S_ISREG(st.st_mode) && !(streams && S_ISFIFO(st.st_mode))) { close(fd); errno = ENODEV; return NULL; }
        if (S_ISREG(st.st_mode)) {
            if ((size_t)st.st_size > max) { close(fd); *too_big = 1; *len = (size_t)st.st_size; return NULL; }
            cap = (size_t)st.st_size + 1;   /* + 1: the NUL, and room to see a file that grew */
            whole = (size_t)st.st_size;
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
        /* all that stat said is read: no read(2) only to see the end (a
         * file that grows meanwhile is read as it was, as a plan saved
         * after the read would be; an empty stat size, as /proc's, reads on) */
        if (whole && n == whole) break;
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
