/* cli_test.c -- `hogo test`: run the cases in the *.test.json files that sit
 * beside the rules (docs/rule-api.md), one line per case, closing with
 * "N passed, M failed".  Run over a whole rule directory it also fails any
 * rule that lacks a case raising it or a case where it stays quiet. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cli_minimal_plan[] =
    "{\"format\":\"hogo-plan/1\",\"title\":\"テスト\",\"department\":\"テスト課\","
    "\"consultation\":{\"kind\":\"outsourcing\"}}";

typedef struct {
    int passed, failed;
    /* per rule of the directory under test: seen raised / seen quiet */
    const hogo_engine *e;
    unsigned char *raised, *quiet;
} test_tally;

/* RFC 7386 JSON merge patch of patch onto target (target is modified). */
cJSON *cli_merge_patch(cJSON *target, const cJSON *patch)
{
    if (!cJSON_IsObject(patch)) {
        cJSON_Delete(target);
        return cJSON_Duplicate(patch, 1);
    }
    if (!cJSON_IsObject(target)) {
        cJSON_Delete(target);
        target = cJSON_CreateObject();
    }
    const cJSON *p;
    cJSON_ArrayForEach(p, patch) {
        if (cJSON_IsNull(p)) {
            cJSON_DeleteItemFromObjectCaseSensitive(target, p->string);
            continue;
        }
        cJSON *old = cJSON_DetachItemFromObjectCaseSensitive(target, p->string);
        cJSON *merged = cli_merge_patch(old, p);
        if (merged) cJSON_AddItemToObject(target, p->string, merged);
    }
    return target;
}

/* Set the value at a JSON pointer, creating objects on the way: unlike a
 * merge patch it can state null ("not applicable"). */
static int test_set(cJSON *root, const char *ptr, const cJSON *value)
{
    cJSON *cur = root;
    char part[256];
    while (*ptr == '/') {
        ptr++;
        size_t n = 0;
        while (*ptr && *ptr != '/' && n < sizeof part - 1) {
            if (ptr[0] == '~' && ptr[1] == '1') { part[n++] = '/'; ptr += 2; }
            else if (ptr[0] == '~' && ptr[1] == '0') { part[n++] = '~'; ptr += 2; }
            else part[n++] = *ptr++;
        }
        part[n] = '\0';
        int last = *ptr == '\0';
        if (cJSON_IsArray(cur)) {
            char *end;
            long ix = strtol(part, &end, 10);
            if (*end || ix < 0 || ix > cJSON_GetArraySize(cur)) return 0;
            if (last) {
                cJSON *v = cJSON_Duplicate(value, 1);
                if (ix == cJSON_GetArraySize(cur)) cJSON_AddItemToArray(cur, v);
                else cJSON_ReplaceItemInArray(cur, (int)ix, v);
                return 1;
            }
            cur = cJSON_GetArrayItem(cur, (int)ix);
            if (!cur) return 0;
        } else if (cJSON_IsObject(cur)) {
            if (last) {
                cJSON_DeleteItemFromObjectCaseSensitive(cur, part);
                cJSON_AddItemToObject(cur, part, cJSON_Duplicate(value, 1));
                return 1;
            }
            cJSON *next = cJSON_GetObjectItemCaseSensitive(cur, part);
            if (!next) next = cJSON_AddObjectToObject(cur, part);
            cur = next;
        } else {
            return 0;
        }
    }
    return 0;
}

static long test_rule_index(const hogo_engine *e, const char *id)
{
    for (size_t i = 0; i < hogo_engine_rule_count(e); i++)
        if (!strcmp(hogo_engine_rule(e, i)->id, id)) return (long)i;
    return -1;
}

/* Highest severity of rule's findings in r, -1 if none; *has_path if one
 * of them carries path. */
static int test_worst(const hogo_result *r, const char *rule, const char *path, int *has_path)
{
    int worst = -1;
    *has_path = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        const hogo_finding *f = &r->findings[i];
        if (strcmp(f->rule, rule)) continue;
        if ((int)f->severity > worst) worst = (int)f->severity;
        if (path && !strcmp(f->path, path)) *has_path = 1;
    }
    return worst;
}

static char *test_read_plan(const char *dir, const char *rel, size_t *len)
{
    char path[4096];
    int n = rel[0] == '/' ? snprintf(path, sizeof path, "%s", rel)
                          : snprintf(path, sizeof path, "%s/%s", dir, rel);
    if (n < 0 || (size_t)n >= sizeof path) return NULL;
    int big;
    return cli_read(path, HOGO_MAX_TEST_PLAN_BYTES, len, &big);
}

static size_t test_count(const hogo_result *r, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_findings; i++) n += !strcmp(r->findings[i].rule, rule);
    return n;
}

/* The same plan screened with every rule's `needs` ignored: a rule that
 * reports there but not in r was skipped by needs it does not really have
 * (the skip must never hide a finding). */
static void test_needs(hogo_engine *all, const hogo_result *r, const char *shown, const char *text, size_t len,
                       char *why, size_t cap, size_t *wl)
{
    hogo_result *r2 = NULL;
    if (hogo_screen(all, shown, text, len, &r2) != HOGO_OK || !r2) {
        if (*wl < cap) *wl += (size_t)snprintf(why + *wl, cap - *wl, " the screen without needs failed;");
        hogo_result_free(r2);
        return;
    }
    for (size_t i = 0; i < r2->n_findings; i++) {
        const char *rule = r2->findings[i].rule;
        int first = 1;
        for (size_t k = 0; k < i && first; k++) first = strcmp(r2->findings[k].rule, rule) != 0;
        if (first && test_count(r2, rule) != test_count(r, rule) && *wl < cap)
            *wl += (size_t)snprintf(why + *wl, cap - *wl, " %s reports here when its needs are ignored "
                                    "(its needs skip a plan it reports on);", rule);
    }
    hogo_result_free(r2);
}

static void test_case(hogo_engine *e, hogo_engine *all, test_tally *t, const char *file, const char *dir, const cJSON *c, int idx)
{
    char why[1024] = "";
    size_t wl = 0;
#define WHY(...) do { if (wl < sizeof why) wl += (size_t)snprintf(why + wl, sizeof why - wl, __VA_ARGS__); } while (0)
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    char label[64];
    if (!name) { snprintf(label, sizeof label, "case %d", idx + 1); name = label; }
    const cJSON *planref = cJSON_GetObjectItemCaseSensitive(c, "plan");
    const cJSON *patch = cJSON_GetObjectItemCaseSensitive(c, "patch");
    char *text = NULL;
    size_t len = 0;
    char shown[4096];
    if (cJSON_IsString(planref)) {
        text = test_read_plan(dir, planref->valuestring, &len);
        if (snprintf(shown, sizeof shown, "%s/%s", dir, planref->valuestring) >= (int)sizeof shown)
            shown[sizeof shown - 1] = '\0';
        if (!text) WHY(" cannot read plan %s;", planref->valuestring);
        if (text && patch) {
            cJSON *base = cJSON_ParseWithLength(text, len);
            free(text);
            text = NULL;
            if (base) { base = cli_merge_patch(base, patch); text = cJSON_Print(base); cJSON_Delete(base); }
            if (text) len = strlen(text);
        }
    } else {
        cJSON *base = cJSON_Parse(cli_minimal_plan);
        if (patch) base = cli_merge_patch(base, patch);
        text = base ? cJSON_Print(base) : NULL;
        cJSON_Delete(base);
        if (text) len = strlen(text);
        snprintf(shown, sizeof shown, "%s#%d", file, idx + 1);
    }
    const cJSON *set = cJSON_GetObjectItemCaseSensitive(c, "set");
    if (text && cJSON_IsObject(set)) {
        cJSON *doc = cJSON_ParseWithLength(text, len);
        const cJSON *kv;
        cJSON_ArrayForEach(kv, set)
            if (!doc || !test_set(doc, kv->string, kv)) WHY(" cannot set %s;", kv->string);
        free(text);
        text = doc ? cJSON_Print(doc) : NULL;
        len = text ? strlen(text) : 0;
        cJSON_Delete(doc);
    }
    hogo_result *r = NULL;
    if (text && hogo_screen(e, shown, text, len, &r) == HOGO_OK && r) {
        int expect_error = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "expect_error"));
        if (r->n_errors && !expect_error)
            WHY(" the plan has input errors (%s at %s line %d);", r->errors[0].message, r->errors[0].path, r->errors[0].line);
        if (!r->n_errors && expect_error) WHY(" an input error was expected;");
        for (size_t i = 0; i < r->n_rule_errors; i++)
            WHY(" rule %s failed: %s;", r->rule_errors[i].rule, r->rule_errors[i].message);
        const char *path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "path"));
        const cJSON *raise = cJSON_GetObjectItemCaseSensitive(c, "raise");
        const cJSON *it;
        cJSON_ArrayForEach(it, raise) {
            /* {"rule-id": "min-severity", ...} or ["rule-id", ...] */
            const char *rule = it->string ? it->string : cJSON_GetStringValue(it);
            hogo_severity min = HOGO_INFO;
            if (it->string && (!cJSON_IsString(it) || !hogo_severity_parse(it->valuestring, &min)))
                WHY(" bad severity for %s (info, low, medium, high or critical);", it->string);
            if (!rule) continue;
            if (test_rule_index(e, rule) < 0) { WHY(" no rule '%s' is loaded;", rule); continue; }
            int has_path;
            int worst = test_worst(r, rule, path, &has_path);
            if (worst < 0) WHY(" %s was not raised;", rule);
            else if (worst < (int)min) WHY(" %s raised at %s, expected %s or above;", rule,
                                           hogo_severity_name((hogo_severity)worst), hogo_severity_name(min));
            else if (path && !has_path) WHY(" %s raised, but not at %s;", rule, path);
            long ix = test_rule_index(e, rule);
            if (worst >= (int)min && t->raised && ix >= 0) t->raised[ix] = 1;
        }
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(c, "not")) {
            if (!cJSON_IsString(it)) continue;
            int has_path;
            long ix = test_rule_index(e, it->valuestring);
            if (ix < 0) { WHY(" no rule '%s' is loaded;", it->valuestring); continue; }
            int worst = test_worst(r, it->valuestring, NULL, &has_path);
            if (worst >= 0) {
                for (size_t i = 0; i < r->n_findings; i++)
                    if (!strcmp(r->findings[i].rule, it->valuestring)) {
                        WHY(" %s raised (%s at %s): %s;", it->valuestring, hogo_severity_name(r->findings[i].severity),
                            r->findings[i].path, r->findings[i].message[HOGO_EN]);
                        break;
                    }
            } else if (t->quiet) {
                t->quiet[ix] = 1;
            }
        }
        test_needs(all, r, shown, text, len, why, sizeof why, &wl);
    } else if (text) {
        WHY(" the screen failed (out of memory);");
    }
    hogo_result_free(r);
    free(text);
    if (wl) { t->failed++; printf("FAIL %s: %s:%s\n", file, name, why); }
    else { t->passed++; printf("ok   %s: %s\n", file, name); }
#undef WHY
}

static void test_file(hogo_engine *e, hogo_engine *all, test_tally *t, const char *file)
{
    size_t len;
    int big;
    char *text = cli_read(file, HOGO_MAX_TEST_FILE_BYTES, &len, &big);
    cJSON *root = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
    if (!cJSON_IsArray(cases) || !cJSON_GetArraySize(cases)) {
        printf("FAIL %s: not a test file (needs a non-empty \"cases\" array)\n", file);
        t->failed++;
        cJSON_Delete(root);
        return;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0'; else snprintf(dir, sizeof dir, ".");
    int i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cases) test_case(e, all, t, file, dir, c, i++);
    cJSON_Delete(root);
}

static int test_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Directories already walked (device + inode), so a symlink loop ends. */
typedef struct { dev_t dev; ino_t ino; } test_dirid;
typedef struct { test_dirid *v; size_t n, cap; } test_seen;

static int test_seen_dir(test_seen *s, const struct stat *st)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].dev == st->st_dev && s->v[i].ino == st->st_ino) return 1;
    if (s->n == s->cap) {
        size_t c = s->cap ? s->cap * 2 : 32;
        test_dirid *v = realloc(s->v, c * sizeof *v);
        if (!v) return 1;
        s->v = v;
        s->cap = c;
    }
    s->v[s->n].dev = st->st_dev;
    s->v[s->n++].ino = st->st_ino;
    return 0;
}

static void test_collect_in(const char *dir, cli_list *out, int depth, test_seen *seen)
{
    DIR *d = opendir(dir);
    if (!d || depth > 16) { if (d) closedir(d); return; }
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        size_t n = strlen(de->d_name);
        if (S_ISDIR(st.st_mode)) { if (!test_seen_dir(seen, &st)) test_collect_in(path, out, depth + 1, seen); }
        else if (S_ISREG(st.st_mode) && n > 10 && !strcmp(de->d_name + n - 10, ".test.json")) {
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 64;
                char **v = realloc(out->v, out->cap * sizeof *v);
                if (!v) break;
                out->v = v;
            }
            out->v[out->n++] = strdup(path);
        }
    }
    closedir(d);
}

static void test_collect(const char *dir, cli_list *out, int depth)
{
    test_seen seen = { 0 };
    struct stat st;
    if (stat(dir, &st) == 0) test_seen_dir(&seen, &st);
    test_collect_in(dir, out, depth, &seen);
    free(seen.v);
}

int cli_test(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    o.no_config = 1;   /* tests describe the pack as shipped */
    const char *paths[256];
    int np = 0;
    for (int i = 1; i < argc; i++) {
        int c = cli_common_flag(&o, argc, argv, &i);
        if (c < 0) return CLI_EXIT_INPUT;
        if (c > 0) continue;
        if (argv[i][0] == '-') { cli_say("'%s' というオプションはありません（hogo --help）", "unknown option '%s' (hogo --help)", argv[i]); return CLI_EXIT_INPUT; }
        if (np < 256) paths[np++] = argv[i];
    }
    if (!np) paths[np++] = "rules";
    test_tally t = { 0 };
    int engine_failed = 0;
    for (int p = 0; p < np; p++) {
        struct stat st;
        if (stat(paths[p], &st) != 0) {
            printf("FAIL %s: no such file or directory\n", paths[p]);
            t.failed++;
            continue;
        }
        int is_dir = S_ISDIR(st.st_mode);
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", paths[p]);
        if (!is_dir) {
            char *slash = strrchr(dir, '/');
            if (slash) *slash = '\0'; else snprintf(dir, sizeof dir, ".");
        }
        cli_opts eo = o;
        if (!eo.rules_dir) eo.rules_dir = dir;
        int failed;
        hogo_engine *e = cli_engine(&eo, 0, &failed);
        if (!e) return CLI_EXIT_ENGINE;
        /* the same pack with needs ignored, to prove no skip hides a finding */
        cli_opts ao = eo;
        ao.opt.ignore_needs = 1;
        int failed2;
        hogo_engine *all = cli_engine(&ao, 0, &failed2);
        if (!all) { hogo_engine_free(e); return CLI_EXIT_ENGINE; }
        engine_failed |= failed;
        size_t nr = hogo_engine_rule_count(e);
        t.raised = is_dir ? calloc(nr, 1) : NULL;
        t.quiet = is_dir ? calloc(nr, 1) : NULL;
        cli_list files = { 0 };
        if (is_dir) test_collect(paths[p], &files, 0);
        else { files.v = malloc(sizeof *files.v); files.v[0] = strdup(paths[p]); files.n = files.cap = 1; }
        qsort(files.v, files.n, sizeof *files.v, test_cmp);
        for (size_t f = 0; f < files.n; f++) test_file(e, all, &t, files.v[f]);
        if (is_dir) {
            for (size_t i = 0; i < nr; i++) {
                const hogo_rule_info *r = hogo_engine_rule(e, i);
                if (!strncmp(r->file, "builtin:", 8)) continue;
                if (!t.raised[i] || !t.quiet[i]) {
                    printf("FAIL %s: rule %s has no case that %s\n", r->file, r->id,
                           !t.raised[i] ? "raises it" : "keeps it quiet (\"not\")");
                    t.failed++;
                }
            }
        }
        free(t.raised);
        free(t.quiet);
        t.raised = t.quiet = NULL;
        cli_list_free(&files);
        hogo_engine_free(e);
        hogo_engine_free(all);
    }
    printf("%d passed, %d failed\n", t.passed, t.failed);
    if (engine_failed) return CLI_EXIT_ENGINE;
    return t.failed ? 1 : 0;
}
