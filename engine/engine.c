/* engine.c -- the engine's life cycle, options and the fixed vocabularies
 * (severities, verdicts, topics) of plan format v1. */
#include "engine_int.h"
#include "waiver.h"
#include "embedded.h"
#include "hogo_lib.h"
#include "vocab.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const eng_topics[] = {
    "storage.location", "network.separation", "transfer.method", "verification.single_person",
    "disposal.method", "retention.period", "outsourcing.responsibility", "outsourcing.subcontracting",
    "outsourcing.scope", "data.sensitive", "data.identifiability", "data.minimization", "data.volume",
    "data.controller", "access.control", "devices.management", "platform.third_party",
    "operations.rules", "operations.capacity", "procurement.competition", "contract.period",
    "governance.reconsultation", "governance.follow_up", "input.consistency",
};
#define ENG_NTOPICS (sizeof eng_topics / sizeof eng_topics[0])

static const char *const eng_severities[] = { "info", "low", "medium", "high", "critical" };

size_t hogo_topic_count(void) { return ENG_NTOPICS; }

const char *hogo_topic(size_t i) { return i < ENG_NTOPICS ? eng_topics[i] : NULL; }

int hogo_topic_known(const char *t)
{
    for (size_t i = 0; t && i < ENG_NTOPICS; i++)
        if (strcmp(t, eng_topics[i]) == 0) return 1;
    return 0;
}

const char *hogo_severity_name(hogo_severity s)
{
    return (unsigned)s < HOGO_SEVERITY_COUNT ? eng_severities[s] : "?";
}

int hogo_severity_parse(const char *s, hogo_severity *out)
{
    for (int i = 0; s && i < HOGO_SEVERITY_COUNT; i++)
        if (strcmp(s, eng_severities[i]) == 0) { *out = (hogo_severity)i; return 1; }
    return 0;
}

const char *hogo_verdict_name(hogo_verdict v)
{
    switch (v) {
    case HOGO_APPROVE: return "approve";
    case HOGO_APPROVE_WITH_CONDITIONS: return "approve_with_conditions";
    case HOGO_INCOMPLETE: return "incomplete";
    case HOGO_RE_EXAMINE: return "re_examine";
    }
    return "?";
}

/* Edit distance (bytes; ids are ASCII) when it is below cap, else cap:
 * the distance is at least the difference of the lengths, and never less
 * than the smallest of a row, so most ids are ruled out without the table
 * (a plan's waivers name an unknown rule or two, each set against every
 * rule of the pack). */
static int eng_distance(const char *a, const char *b, int cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return cap;
    if ((la > lb ? la - lb : lb - la) >= (size_t)cap) return cap;
    int row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0], least;
        row[0] = least = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (a[i - 1] != b[j - 1]);
            int del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (row[j] < least) least = row[j];
            prev = cur;
        }
        if (least >= cap) return cap;
    }
    return row[lb] < cap ? row[lb] : cap;
}

/* The loaded rule id nearest to id (an edit or three away, or id a
 * fragment of it), for "did you mean"; NULL when none is near. */
const char *hogo_engine_suggest_rule(const hogo_engine *e, const char *id)
{
    if (!e || !id) return NULL;
    const char *best = NULL;
    int best_d = 4;
    size_t n = hogo_engine_rule_count(e);
    for (size_t i = 0; i < n; i++) {
        const hogo_rule_info *r = hogo_engine_rule(e, i);
        int d = eng_distance(id, r->id, best_d);
        /* a fragment of the id ("single-person") is a near miss too */
        if (d >= best_d && strlen(id) >= 5 && strstr(r->id, id)) d = 3;
        if (d < best_d) { best = r->id; best_d = d; }
    }
    return best;
}

void hogo_engine_set_lang(hogo_engine *e, hogo_lang lang)
{
    if (e) e->opt.lang = lang == HOGO_EN ? HOGO_EN : HOGO_JA;
}

const char *hogo_status_name(hogo_status s)
{
    switch (s) {
    case HOGO_OK: return "ok";
    case HOGO_ENOMEM: return "out of memory";
    case HOGO_EIO: return "input/output error";
    case HOGO_ERULE: return "rule error";
    case HOGO_EINVAL: return "invalid argument";
    }
    return "?";
}

/* "rules/x.lua:12: text" -> file "rules/x.lua", line 12; "dir: text" ->
 * file "dir", line 0.  Every load message starts with the file it is about;
 * the line is the first "*.lua:N:" in it (Lua shortens a long chunk name to
 * ".../x.lua", so the message may say "file: .../x.lua:12: text"). */
static void eng_split_where(const char *msg, char **file, int *line)
{
    const char *c = strstr(msg, ".lua:"), *sep = strstr(msg, ": ");
    size_t n = sep ? (size_t)(sep - msg) : strlen(msg);
    *line = 0;
    for (; c; c = strstr(c + 5, ".lua:"))
        if (c[5] >= '0' && c[5] <= '9') {
            if ((size_t)(c + 4 - msg) < n) n = (size_t)(c + 4 - msg);
            *line = atoi(c + 5);
            break;
        }
    *file = strndup(msg, n);
}

/* "rules/x.lua" -> "x": what names a rule that never told its id. */
static char *eng_stem(const char *file)
{
    const char *b = strrchr(file, '/');
    b = b ? b + 1 : file;
    size_t n = strlen(b);
    if (n > 4 && strcmp(b + n - 4, ".lua") == 0) n -= 4;
    return strndup(b, n);
}

/* security: a load failure is kept, not only told to the callback, so
 * that every report of this engine says a rule is missing (issue 11: a
 * pack that failed to load gave "approve" with no finding). */
static void eng_keep_failure(hogo_engine *e, const char *msg)
{
    if (e->nfailed == e->capfailed) {
        size_t c = e->capfailed ? e->capfailed * 2 : 8;
        eng_load_failure *p = realloc(e->failed, c * sizeof *p);
        if (!p) return;
        e->failed = p;
        e->capfailed = c;
    }
    eng_load_failure *f = &e->failed[e->nfailed];
    eng_split_where(msg, &f->file, &f->line);
    f->rule = f->file ? eng_stem(f->file) : NULL;
    f->message = strdup(msg);
    if (!f->file || !f->rule || !f->message) {
        free(f->file); free(f->rule); free(f->message);
        return;
    }
    e->nfailed++;
}

/* A Lua compile or run error of file: Lua names a chunk by at most 60
 * bytes ("...es/a/long/path/x.lua:4: ..."), so the shortened name is put
 * back whole; a message with no position gets the file in front. */
void eng_lua_error(hogo_engine *e, const char *file, const char *m)
{
    if (!m) m = "cannot load";
    const char *c = strncmp(m, "...", 3) == 0 ? strstr(m, ".lua:") : NULL;
    size_t fl = strlen(file);
    if (strncmp(m, file, fl) == 0 && m[fl] == ':')
        eng_error(e, HOGO_ERULE, "%s", m);
    else if (c && c[5] >= '0' && c[5] <= '9')
        eng_error(e, HOGO_ERULE, "%s%s", file, c + 4);
    else
        eng_error(e, HOGO_ERULE, "%s: %s", file, m);
}

void eng_error(hogo_engine *e, hogo_status code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    eng_keep_failure(e, msg);
    if (e->err_fn) e->err_fn(e->err_ud, code, msg);
}

void hogo_engine_set_error_callback(hogo_engine *e, hogo_error_fn fn, void *ud)
{
    e->err_fn = fn;
    e->err_ud = ud;
}

/* Fill the zero fields of the options with the documented defaults. */
static void eng_defaults(hogo_options *o)
{
    if (!o->rule_memory) o->rule_memory = HOGO_MAX_RULE_MEMORY;
    if (!o->rule_instructions) o->rule_instructions = HOGO_MAX_RULE_INSTRUCTIONS;
    if (!o->plan_max_bytes) o->plan_max_bytes = HOGO_MAX_PLAN_BYTES;
    if (!o->plan_max_depth) o->plan_max_depth = HOGO_MAX_PLAN_DEPTH;
    if (!o->regex_match_limit) o->regex_match_limit = HOGO_MAX_REGEX_MATCH;
    if (!o->regex_depth_limit) o->regex_depth_limit = HOGO_MAX_REGEX_DEPTH;
}

static void eng_today(hogo_engine *e)
{
    if (e->opt.today && hogo_parse_date(e->opt.today, e->today)) return;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(e->today, sizeof e->today, "%Y-%m-%d", &tm);
}

/* Rules the engine itself raises (from the schema walk, not from Lua). */
static void eng_add_builtin_c_rules(hogo_engine *e)
{
    eng_rule *r = eng_add_rule(e);
    if (!r) return;
    r->info.id = strdup("input-unknown-key");
    r->info.topic = strdup("input.consistency");
    r->info.severity = r->default_severity = HOGO_INFO;
    r->info.title[HOGO_JA] = strdup("様式にない項目名");
    r->info.title[HOGO_EN] = strdup("Key not in the plan format");
    r->info.message[HOGO_JA] = strdup("{detail}");
    r->info.message[HOGO_EN] = strdup("{detail}");
    r->info.follow_up[HOGO_JA] = strdup("項目名の綴りを確認してください。様式にない項目は審査で読まれません。");
    r->info.follow_up[HOGO_EN] = strdup("Check the key's spelling: keys outside the format are not screened.");
    r->info.precedent = strdup("hogo plan format v1 (docs/plan-format.md)");
    r->info.file = strdup("builtin:engine");
    r->check_ref = LUA_NOREF;
    r->chunk_ref = LUA_NOREF;
    r->reset_ref = LUA_NOREF;
    r->env_ref = LUA_NOREF;
    r->texts_ref = LUA_NOREF;
}

hogo_status hogo_engine_new(const hogo_options *opts, hogo_engine **out)
{
    *out = NULL;
    hogo_engine *e = calloc(1, sizeof *e);
    if (!e) return HOGO_ENOMEM;
    if (opts) e->opt = *opts;
    e->rule_memory_given = opts && opts->rule_memory;
    eng_defaults(&e->opt);
    eng_today(e);
    e->sbx.rule_memory = e->opt.rule_memory;
    e->sbx.rule_instructions = e->opt.rule_instructions;
    e->opt.today = e->today;
    snprintf(e->pack_version, sizeof e->pack_version, "custom");
    rx_limits lim = { e->opt.regex_match_limit, e->opt.regex_depth_limit, HOGO_MAX_REGEX_HEAP_KIB };
    e->rx = rx_cache_new(&lim);
    char err[256];
    const cJSON *doc = voc_schema_doc();    /* parsed once per process, shared */
    e->schema = doc ? schema_compile_doc(doc, err, sizeof err)
                    : schema_compile(embedded_schema.data, embedded_schema.len, err, sizeof err);
    if (!e->rx || !e->schema || !sbx_open(&e->sbx)) {
        hogo_engine_free(e);
        return HOGO_ENOMEM;
    }
    /* the engine hands the sandbox the helpers every rule sees as hogo */
    hl_push(e->sbx.L, e, e->rx);
    sbx_set_hogo(&e->sbx);
    eng_add_builtin_c_rules(e);
    *out = e;
    return HOGO_OK;
}

void eng_free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static void eng_free_rule(eng_rule *r)
{
    free((char *)r->info.id); free((char *)r->info.topic);
    for (int l = 0; l < 2; l++) {
        free((char *)r->info.title[l]); free((char *)r->info.message[l]);
        free((char *)r->info.follow_up[l]);
    }
    free((char *)r->info.precedent); free((char *)r->info.file);
    eng_free_strv(r->need_fields, r->n_need_fields);
    eng_free_strv(r->need_stated, r->n_need_stated);
    eng_free_strv(r->need_prose, r->n_need_prose);
    eng_free_strv(r->need_words, r->n_need_words);
}

void hogo_engine_free(hogo_engine *e)
{
    if (!e) return;
    sbx_close(&e->sbx);
    for (size_t i = 0; i < e->nrules; i++) eng_free_rule(&e->rules[i]);
    free(e->rules);
    for (size_t i = 0; i < e->nlibs; i++) {
        free(e->libs[i].name); free(e->libs[i].file);
    }
    free(e->libs);
    for (size_t i = 0; i < e->nfailed; i++) {
        free(e->failed[i].rule); free(e->failed[i].file); free(e->failed[i].message);
    }
    free(e->failed);
    if (e->schema) schema_free(e->schema);
    rx_cache_free(e->rx);
    screen_dict_free(e->needs_dict);
    wv_free(e->owners);
    free(e);
}

eng_rule *eng_add_rule(hogo_engine *e)
{
    if (e->nrules == e->caprules) {
        size_t c = e->caprules ? e->caprules * 2 : 64;
        eng_rule *r = realloc(e->rules, c * sizeof *r);
        if (!r) return NULL;
        e->rules = r;
        e->caprules = c;
    }
    eng_rule *r = &e->rules[e->nrules++];
    memset(r, 0, sizeof *r);
    return r;
}

size_t hogo_engine_rule_count(const hogo_engine *e) { return e->nrules; }

const hogo_rule_info *hogo_engine_rule(const hogo_engine *e, size_t i)
{
    return i < e->nrules ? &e->rules[i].info : NULL;
}

hogo_status hogo_engine_stats_get(const hogo_engine *e, hogo_engine_stats *out)
{
    if (!e || !out) return HOGO_EINVAL;
    *out = e->stats;
    return HOGO_OK;
}

hogo_status hogo_engine_rule_stats(const hogo_engine *e, size_t i, hogo_rule_stats *out)
{
    if (!e || !out || i >= e->nrules) return HOGO_EINVAL;
    *out = e->rules[i].stats;
    return HOGO_OK;
}

const hogo_rule_info *hogo_engine_find_rule(const hogo_engine *e, const char *id)
{
    for (size_t i = 0; id && i < e->nrules; i++)
        if (strcmp(e->rules[i].info.id, id) == 0) return &e->rules[i].info;
    return NULL;
}

hogo_status hogo_engine_disable(hogo_engine *e, const char *what)
{
    int hit = 0;
    for (size_t i = 0; i < e->nrules; i++) {
        if (strcmp(e->rules[i].info.id, what) == 0 || strcmp(e->rules[i].info.topic, what) == 0) {
            e->rules[i].disabled = 1;
            hit = 1;
        }
    }
    return hit ? HOGO_OK : HOGO_EINVAL;
}

hogo_status hogo_engine_set_severity(hogo_engine *e, const char *id, hogo_severity sev)
{
    for (size_t i = 0; i < e->nrules; i++) {
        if (strcmp(e->rules[i].info.id, id) == 0) {
            e->rules[i].info.severity = sev;
            return HOGO_OK;
        }
    }
    return HOGO_EINVAL;
}

const char *hogo_engine_pack_version(const hogo_engine *e) { return e->pack_version; }
