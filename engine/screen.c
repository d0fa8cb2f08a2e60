/* screen.c -- one plan through the pipeline:
 *   read (plan_load) -> validate (schema) -> screen (the rules, in the
 *   sandbox) -> waivers -> score (score.c).
 * Every problem lands in the result; nothing here prints or exits. */
#include "engine_int.h"
#include "vocab.h"
#include "jsonpos.h"
#include "plan_load.h"
#include "result.h"
#include "score.h"
#include "waiver.h"
#include "jp_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* security: what one plan's result may hold.  A rule's findings past the
 * first HOGO_MAX_FINDINGS_PER_RULE, and any finding once the result
 * holds HOGO_MAX_FINDINGS_PER_PLAN findings or HOGO_MAX_RESULT_BYTES,
 * are counted, not kept: one more finding of the rule says how many there
 * were (a plan with 20,000 transfers that each trip a rule is a plan with
 * many findings, not a rule failure).  So a plan's result stays under
 * about HOGO_MAX_RESULT_BYTES plus one summary per rule. */

struct screen_run {
    hogo_engine *e;
    pl_doc doc;
    jpos *pos;                 /* built on the first position asked for */
    int pos_failed;
    res_holder *res;
    size_t rule_findings;      /* findings of the running rule on this plan */
    size_t rule_dropped;       /* ... past what the result keeps (counted only) */
    hogo_severity dropped_sev; /* the most severe of those */
    size_t warn_kept;          /* input-unknown-key findings kept (the schema's warnings) */
    size_t warn_dropped;       /* ... and counted only, past the caps */
    size_t err_dropped;        /* input errors past HOGO_MAX_ERRORS_PER_PLAN, counted only */
    const eng_rule *uk_rule;   /* input-unknown-key, looked up once (uk_looked) */
    int uk_looked;
    /* the result's copies of the last reporting rule's id, topic and
     * precedent: a rule's findings share them (the result is one arena) */
    const eng_rule *copied_rule;
    const char *copied_id, *copied_topic, *copied_precedent;
    /* ctx.report's texts and path, built here (screen_report): the plan's
     * one buffer, kept between findings and freed with the run */
    strbuf box;
    int box_busy;              /* a report is filling it (a nested one takes an sbx_box) */
};

/* 1 when the result may keep one more finding of a source that already
 * has `kept` in it: every kind of finding -- a rule's, an input warning --
 * counts toward the plan's caps. */
static int screen_room(const screen_run *run, size_t kept)
{
    return kept < HOGO_MAX_FINDINGS_PER_RULE && run->res->pub.n_findings < HOGO_MAX_FINDINGS_PER_PLAN
        && run->res->bytes < HOGO_MAX_RESULT_BYTES;
}

/* Line and column of a pointer ("" for the whole file). */
static void screen_locate(screen_run *run, const char *pointer, int *line, int *col)
{
    *line = 0;
    *col = 0;
    if (!run->pos && !run->pos_failed) {
        run->pos = jpos_build(run->doc.buf, run->doc.len, run->doc.start);
        run->pos_failed = run->pos == NULL;
    }
    if (!run->pos) return;
    size_t off = jpos_resolve(run->pos, pointer, NULL);
    jpos_linecol(run->pos, off, line, col);
}

static void screen_error_at(screen_run *run, size_t off, const char *msg)
{
    if (run->res->pub.n_errors >= HOGO_MAX_ERRORS_PER_PLAN) { run->err_dropped++; return; }
    int line = 0, col = 0;
    char *ptr = NULL;
    if (!run->pos && !run->pos_failed) {
        run->pos = jpos_build(run->doc.buf, run->doc.len, run->doc.start);
        run->pos_failed = run->pos == NULL;
    }
    if (run->pos && off != (size_t)-1) {
        jpos_linecol(run->pos, off, &line, &col);
        ptr = jpos_pointer_at(run->pos, off);
    }
    res_add_error(run->res, ptr ? ptr : "", line, col, msg);
    free(ptr);
}

/* ---- templates: "{what} を…" with vars ----
 * security: ctx.report reads the rule's own tables (opts, vars) and turns
 * values into text, and each of these may run the rule's Lua code
 * (__index, __tostring).  That code may report again (growing the findings
 * array under a finding being filled), raise (leaving a half-built finding
 * and leaking C buffers), or return strings nothing else references (freed
 * by the next collection).  So all of it runs first, every text is built
 * in a buffer nothing leaks from if anything raises (the run's box, freed
 * with the run; a report made while another is filling it -- from a
 * __tostring -- takes an sbx_box, which the collector frees) or is a
 * string kept on the Lua stack, and only then is the
 * finding added, with no Lua code running while it is filled.  Texts are
 * capped so that a rule's findings (at most HOGO_MAX_FINDING_PER_RULE)
 * cannot pile up unbounded memory in the result: a filled text keeps its
 * first SCREEN_TEXT_KEEP bytes, all that the cut to HOGO_MAX_FINDING_TEXT
 * (screen_copy) reads, so the buffer stays small whatever the vars hold,
 * and every placeholder is still looked up (the rule's code runs as it did).
 * (Texts were built as Lua strings and copied out: a string made and
 * hashed per text, 4 of them per finding.) */
#define SCREEN_TEXT_KEEP (HOGO_MAX_FINDING_TEXT + 4)

/* Append what fits of s[0..n) to the text that began at b->len == from. */
static inline void screen_fill_add(strbuf *b, size_t from, const char *s, size_t n)
{
    size_t have = b->len - from;
    if (have >= SCREEN_TEXT_KEEP) return;
    sb_add(b, s, n < SCREEN_TEXT_KEEP - have ? n : SCREEN_TEXT_KEEP - have);
}

/* Append tmpl to b with its {name} placeholders filled from the table at
 * vars (0 = none), and each {label:PATH} with the label of that field in
 * lang (the vocabulary's; a rule's words name a field as a reader knows
 * it).  A brace that names neither stays as written. */
static void screen_fill(lua_State *L, strbuf *b, const char *tmpl, size_t tlen, int vars, hogo_lang lang)
{
    size_t from = b->len;
    const char *p = tmpl, *end = tmpl + tlen;
    while (p < end) {
        const char *open = memchr(p, '{', (size_t)(end - p));
        if (!open) { screen_fill_add(b, from, p, (size_t)(end - p)); break; }
        /* security: a name is short, so '}' is looked for in the next 64
         * bytes only: searching to the end for every '{' made
         * ("{"):rep(n) .. "}" quadratic (2 MB took over a minute) */
        size_t room = (size_t)(end - open - 1);
        const char *close = memchr(open + 1, '}', room < 64 ? room : 64);
        screen_fill_add(b, from, p, (size_t)(open - p));   /* runs are copied whole */
        p = open;
        size_t nl = sizeof VOC_LABEL_OPEN - 1;
        if (close && (size_t)(close - open) > nl && !memcmp(open, VOC_LABEL_OPEN, nl)) {
            char path[128];
            size_t n = (size_t)(close - open) - nl;
            const char *label = NULL;
            if (n < sizeof path) {
                memcpy(path, open + nl, n);
                path[n] = '\0';
                label = hogo_field_label(path, lang);
            }
            if (label) {
                screen_fill_add(b, from, label, strlen(label));
                p = close + 1;
                continue;
            }
        }
        if (close && vars) {
            lua_pushlstring(L, open + 1, (size_t)(close - open - 1));
            int t = lua_gettable(L, vars);
            if (t != LUA_TNIL) {
                /* a string is its own text (its metatable is the sandbox's
                 * frozen one, without __tostring); anything else as
                 * tostring() says it */
                size_t vn;
                const char *v = t == LUA_TSTRING ? lua_tolstring(L, -1, &vn) : luaL_tolstring(L, -1, &vn);
                screen_fill_add(b, from, v, vn);
                lua_settop(L, t == LUA_TSTRING ? -2 : -3);
                p = close + 1;
                continue;
            }
            lua_pop(L, 1);
        }
        screen_fill_add(b, from, p++, 1);
    }
}

/* The names of opts' fields, made once per Lua state and kept in the
 * registry: lua_getfield by a C string hashes and compares the name each
 * time, 8 a finding. */
enum { SK_SEVERITY = 1, SK_INCOMPLETE, SK_PRECEDENT, SK_VARS, SK_MESSAGE, SK_FOLLOW_UP, SK_COUNT };
static const char *const screen_key_names[SK_COUNT] = {
    NULL, "severity", "incomplete", "precedent", "vars", "message", "follow_up"
};
static const char screen_keys_tag = 0;

/* Push the table of those names and return its index, when opts is a
 * table without a metatable (a raw read is then what lua_getfield does);
 * else push nothing and return 0. */
static int screen_keys(lua_State *L, int opts)
{
    if (!opts || lua_getmetatable(L, opts)) {
        if (opts) lua_pop(L, 1);
        return 0;
    }
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &screen_keys_tag) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, SK_COUNT - 1, 0);
        for (int k = 1; k < SK_COUNT; k++) {
            lua_pushstring(L, screen_key_names[k]);
            lua_rawseti(L, -2, k);
        }
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &screen_keys_tag);
    }
    return lua_gettop(L);
}

/* Push opts[name k] as lua_getfield does; its type. */
static int screen_opt(lua_State *L, int opts, int keys, int k)
{
    if (!keys) return lua_getfield(L, opts, screen_key_names[k]);
    lua_rawgeti(L, keys, k);
    return lua_rawget(L, opts);
}

/* Push opts[field][lang] (or opts[field], one text for both languages) if
 * it is a string, else the rule's default. */
static void screen_text(lua_State *L, int opts, int keys, int field, const char *lang, int defaults, int k)
{
    if (opts) {
        int t = screen_opt(L, opts, keys, field);
        if (t == LUA_TTABLE) {
            if (lua_getfield(L, -1, lang) == LUA_TSTRING) { lua_remove(L, -2); return; }
            lua_pop(L, 2);
        } else if (lua_isstring(L, -1)) {
            lua_tolstring(L, -1, NULL);
            return;
        } else {
            lua_pop(L, 1);
        }
    }
    lua_rawgeti(L, defaults, k);          /* the rule's own, a Lua string since load */
}

/* A copy of s[0..n) into the result, cut to at most max bytes on a UTF-8
 * boundary (reading s[max] at most). */
static char *screen_copy_n(screen_run *run, const char *s, size_t n, size_t max)
{
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    return res_strndup(run->res, s, n);
}

/* The same of the string at idx. */
static char *screen_copy(screen_run *run, lua_State *L, int idx, size_t max)
{
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    return screen_copy_n(run, s, n, max);
}

/* The result's copies of rule r's id, topic and precedent, made once per
 * plan and rule (a rule's findings come one after another). */
static void screen_rule_copies(screen_run *run, const eng_rule *r)
{
    if (run->copied_rule == r) return;
    run->copied_rule = r;
    run->copied_id = res_strdup(run->res, r->info.id);
    run->copied_topic = res_strdup(run->res, r->info.topic);
    run->copied_precedent = res_strdup(run->res, r->info.precedent);
}

/* A report is done with its box: the run's is emptied for the next one
 * (its memory kept; a failed one freed, to start over), an sbx_box freed
 * now rather than at the next collection. */
static void screen_box_done(screen_run *run, strbuf *box, int own)
{
    if (own && !sb_failed(box)) sb_reset(box);
    else sb_free(box);
    if (own) run->box_busy = 0;
}

/* ctx.report(node, key, opts): see docs/rule-api.md. */
int screen_report(lua_State *L)
{
    hogo_engine *e = lua_touserdata(L, lua_upvalueindex(1));
    screen_run *run = e->run;
    if (!run) return luaL_error(L, "report() called outside a screen");
    const eng_rule *r = &e->rules[e->cur_rule];
    lua_settop(L, 3);
    int opts = lua_istable(L, 3) ? 3 : 0;
    luaL_checkstack(L, 16, "report");
    if (!screen_room(run, run->rule_findings++)) {
        /* counted, with its severity, for the summary finding (screen_dropped) */
        hogo_severity sev = r->info.severity;
        if (opts && r->info.severity == r->default_severity && lua_getfield(L, opts, "severity") == LUA_TSTRING)
            hogo_severity_parse(lua_tostring(L, -1), &sev);
        if (run->rule_dropped++ == 0 || sev > run->dropped_sev) run->dropped_sev = sev;
        return 0;
    }

    /* 1. what may run the rule's code; results stay on the stack */
    int present = 0;
    if (lua_istable(L, 1)) {
        if (!lua_isnil(L, 2)) {
            lua_pushvalue(L, 2);
            present = lua_gettable(L, 1) != LUA_TNIL;
            lua_pop(L, 1);
        }
    } else if (lua_type(L, 1) != LUA_TSTRING && !lua_isnil(L, 1)) {
        return luaL_error(L, "report: the first argument must be a table of the plan or a JSON pointer");
    }
    hogo_severity sev = r->info.severity;
    int overridden = r->info.severity != r->default_severity;
    int keys = screen_keys(L, opts);
    int base = lua_gettop(L);
    if (opts && !overridden && screen_opt(L, opts, keys, SK_SEVERITY) != LUA_TNIL) {
        if (!lua_isstring(L, -1) || !hogo_severity_parse(lua_tostring(L, -1), &sev))
            return luaL_error(L, "report: severity must be info, low, medium, high or critical");
    }
    lua_settop(L, base);
    int incomplete = opts && screen_opt(L, opts, keys, SK_INCOMPLETE) != LUA_TNIL && lua_toboolean(L, -1);
    lua_settop(L, base);
    int precedent = 0;                /* opts.precedent: the precedent that fits this plan */
    if (opts && screen_opt(L, opts, keys, SK_PRECEDENT) == LUA_TSTRING) precedent = lua_gettop(L);
    else lua_settop(L, base);
    int vars = 0;
    if (opts && screen_opt(L, opts, keys, SK_VARS) == LUA_TTABLE) vars = lua_gettop(L);
    static const char *const langs[2] = { "ja", "en" };
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->texts_ref);
    int defaults = lua_gettop(L);
    /* message ja, follow_up ja, message en, follow_up en: a string kept on
     * the stack (s), or filled into the box at off (s NULL) */
    struct { const char *s; size_t off, n; } text[4];
    /* the run's box, kept from finding to finding (a new userdata with a
     * finalizer per finding cost more than filling it); a raise below
     * leaves box_busy set, and later reports of the plan take an sbx_box */
    int own = !run->box_busy;
    strbuf *box = own ? &run->box : sbx_box(L);
    if (own) {
        sb_reset(box);
        run->box_busy = 1;
    }
    for (int l = 0; l < 2; l++) {
        for (int k = 0; k < 2; k++) {
            int i = 2 * l + k;
            screen_text(L, opts, keys, k ? SK_FOLLOW_UP : SK_MESSAGE, langs[l], defaults, i + 1);
            size_t tl;
            const char *t = lua_tolstring(L, -1, &tl);
            /* a template with no {name} to fill is its own text */
            if (memchr(t, '{', tl)) {
                text[i].s = NULL;
                text[i].off = box->len;
                screen_fill(L, box, t, tl, vars, (hogo_lang)l);
                text[i].n = box->len - text[i].off;
                lua_pop(L, 1);
            } else {
                text[i].s = t;
                text[i].n = tl;
            }
        }
    }

    /* 2. the path: raw reads of the proxies only, into the box */
    size_t path_off = box->len;
    if (lua_istable(L, 1)) {
        sbx_path(L, 1, box);
        if (present) {
            if (lua_type(L, 2) == LUA_TNUMBER) {
                /* unsigned: math.mininteger - 1 was undefined behaviour */
                lua_pushinteger(L, (lua_Integer)((lua_Unsigned)lua_tointeger(L, 2) - 1u));
                sbx_path_part(L, lua_gettop(L), box);
                lua_pop(L, 1);
            } else {
                sbx_path_part(L, 2, box);
            }
        }
    } else if (lua_type(L, 1) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, 1, &n);
        sb_add(box, s, n > HOGO_MAX_FINDING_PATH ? HOGO_MAX_FINDING_PATH + 4 : n);
    }
    /* nothing below raises before the box is done with (screen_box_done) */
    if (sb_failed(box)) { screen_box_done(run, box, own); return luaL_error(L, "out of memory"); }
    const char *hd = sb_cstr(box);

    /* 3. the finding: nothing of the rule runs from here on */
    r = &e->rules[e->cur_rule];
    hogo_finding *f = res_add_finding(run->res);
    if (!f) { screen_box_done(run, box, own); return luaL_error(L, "out of memory"); }
    screen_rule_copies(run, r);
    f->rule = run->copied_id;
    f->topic = run->copied_topic;
    f->precedent = precedent ? screen_copy(run, L, precedent, HOGO_MAX_FINDING_TEXT) : run->copied_precedent;
    f->severity = sev;
    f->incomplete = incomplete;
    size_t plen = box->len - path_off;
    if (plen > HOGO_MAX_FINDING_PATH) {
        plen = HOGO_MAX_FINDING_PATH;
        while (plen > 0 && ((unsigned char)hd[path_off + plen] & 0xC0) == 0x80) plen--;
    }
    f->path = res_strndup(run->res, hd + path_off, plen);
    for (int i = 0; i < 4; i++) {
        const char *t = text[i].s ? text[i].s : hd + text[i].off;
        char *c = screen_copy_n(run, t, text[i].n, HOGO_MAX_FINDING_TEXT);
        if (i & 1) f->follow_up[i >> 1] = c;
        else f->message[i >> 1] = c;
    }
    screen_locate(run, f->path ? f->path : "", &f->line, &f->column);
    screen_box_done(run, box, own);
    return 0;
}

/* A rule failed.  When the line is in another file -- a library the rule
 * called (rules/_common.lua) -- the error names that file with that line,
 * and says which line of the rule called into it: a library's line paired
 * with the rule's file pointed at a line that is not there. */
static void screen_rule_failed(screen_run *run, const eng_rule *r, const char *msg, int line)
{
    const hogo_engine *e = run->e;
    if (!e->sbx.fail_where[0] || !line || strcmp(e->sbx.fail_where, r->info.file) == 0) {
        res_add_rule_error(run->res, r->info.id, r->info.file, line, msg);
        return;
    }
    strbuf m;
    sb_init(&m);
    if (e->sbx.fail_rule_line)
        sb_printf(&m, "%s (in %s, called from rule %s at %s:%d)", msg, e->sbx.fail_where, r->info.id,
                  r->info.file, e->sbx.fail_rule_line);
    else
        sb_printf(&m, "%s (in %s, while rule %s of %s ran)", msg, e->sbx.fail_where, r->info.id, r->info.file);
    res_add_rule_error(run->res, r->info.id, e->sbx.fail_where, line, sb_cstr(&m));
    sb_free(&m);
}

/* The finding that stands for a rule's findings the result did not keep:
 * `dropped` more past the `kept` listed, the most severe of them `sev`. */
static void screen_dropped(screen_run *run, const eng_rule *r, size_t kept, size_t dropped, hogo_severity sev)
{
    hogo_finding *f = res_add_finding(run->res);
    if (!f) return;
    char ja[256], en[256];
    snprintf(ja, sizeof ja, "このルールの指摘がほかに %zu 件あります（最初の %zu 件のみ記載しています）。",
             dropped, kept);
    snprintf(en, sizeof en, "%zu more findings of this rule on this plan are not listed (the first %zu are).",
             dropped, kept);
    f->rule = res_strdup(run->res, r->info.id);
    f->topic = res_strdup(run->res, r->info.topic);
    f->precedent = res_strdup(run->res, r->info.precedent);
    f->severity = sev;
    f->path = res_strdup(run->res, "");
    f->message[HOGO_JA] = res_strdup(run->res, ja);
    f->message[HOGO_EN] = res_strdup(run->res, en);
    f->follow_up[HOGO_JA] = res_strdup(run->res, r->info.follow_up[HOGO_JA]);
    f->follow_up[HOGO_EN] = res_strdup(run->res, r->info.follow_up[HOGO_EN]);
    f->line = 1;
    f->column = 1;
}

/* ---- validation ---- */

/* The engine's input-unknown-key rule (NULL when disabled), once per plan:
 * a plan may hold half a million slips. */
static const eng_rule *screen_unknown_key_rule(screen_run *run)
{
    const hogo_engine *e = run->e;
    if (!run->uk_looked) {
        run->uk_looked = 1;
        for (size_t i = 0; i < e->nrules && !run->uk_rule; i++)
            if (strcmp(e->rules[i].info.id, "input-unknown-key") == 0 && !e->rules[i].disabled)
                run->uk_rule = &e->rules[i];
    }
    return run->uk_rule;
}

static void screen_schema_report(void *ud, const char *pointer, const char *const message[2], int warning)
{
    screen_run *run = ud;
    int line, col;
    if (!warning) {
        if (run->res->pub.n_errors >= HOGO_MAX_ERRORS_PER_PLAN) { run->err_dropped++; return; }
        screen_locate(run, pointer, &line, &col);
        res_add_error(run->res, pointer, line, col, message[run->e->opt.lang == HOGO_EN]);
        return;
    }
    /* An unknown key close to a known one is likely a typo, and becomes a
     * finding of the engine's own input-unknown-key rule; any other unknown
     * key is an extension (plan-format.md) and passes without a word. */
    if (warning < 2) return;
    const eng_rule *r = screen_unknown_key_rule(run);
    if (!r) return;
    /* capped like a rule's findings: past the caps, counted, and one
     * finding says how many (493,443 of them made a 300 MB answer) */
    if (!screen_room(run, run->warn_kept)) { run->warn_dropped++; return; }
    run->warn_kept++;
    screen_locate(run, pointer, &line, &col);
    hogo_finding *f = res_add_finding(run->res);
    if (!f) return;
    f->rule = res_strdup(run->res, r->info.id);
    f->topic = res_strdup(run->res, r->info.topic);
    f->precedent = res_strdup(run->res, r->info.precedent);
    f->severity = r->info.severity;
    f->path = res_strdup(run->res, pointer);
    f->message[HOGO_JA] = res_strdup(run->res, message[HOGO_JA]);
    f->message[HOGO_EN] = res_strdup(run->res, message[HOGO_EN]);
    f->follow_up[HOGO_JA] = res_strdup(run->res, r->info.follow_up[HOGO_JA]);
    f->follow_up[HOGO_EN] = res_strdup(run->res, r->info.follow_up[HOGO_EN]);
    f->line = line;
    f->column = col;
}

/* After the schema: one finding for the input warnings past the caps, one
 * error for the input errors past HOGO_MAX_ERRORS_PER_PLAN. */
static void screen_validated(screen_run *run)
{
    const eng_rule *r = screen_unknown_key_rule(run);
    if (run->warn_dropped && r)
        screen_dropped(run, r, run->warn_kept, run->warn_dropped, r->info.severity);
    if (run->err_dropped) {
        char msg[256];
        if (run->e->opt.lang == HOGO_EN)
            snprintf(msg, sizeof msg, "%zu more input errors are not listed (the first %d are)",
                     run->err_dropped, HOGO_MAX_ERRORS_PER_PLAN);
        else
            snprintf(msg, sizeof msg, "入力の誤りがほかに %zu 件あります（最初の %d 件のみ記載しています）",
                     run->err_dropped, HOGO_MAX_ERRORS_PER_PLAN);
        res_add_error(run->res, "", 1, 1, msg);
    }
}

static const char *screen_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The plan's identity for the report (department, organization, date as
 * ISO, consultation kinds), taken as written before the schema runs, so a
 * plan with input errors still says what it is.  consultation.kind is one
 * kind or an array of them; values that are not strings are left out. */
static void screen_identity(screen_run *run, const cJSON *root)
{
    hogo_result *r = &run->res->pub;
    r->id = res_strdup(run->res, screen_str(root, "id"));
    r->title = res_strdup(run->res, screen_str(root, "title"));
    r->department = res_strdup(run->res, screen_str(root, "department"));
    r->organization = res_strdup(run->res, screen_str(root, "organization"));
    const char *date = screen_str(root, "date");
    char iso[11];
    if (date && hogo_parse_date(date, iso)) r->date = res_strdup(run->res, iso);
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(root, "consultation");
    const cJSON *k = cJSON_IsObject(c) ? cJSON_GetObjectItemCaseSensitive(c, "kind") : NULL;
    /* kinds repeat at most a few times in a plan one can read; an array of
     * a million kinds (the schema refuses it later) is not copied whole */
    enum { SCREEN_MAX_KINDS = 32 };
    size_t n = cJSON_IsString(k) ? 1 : cJSON_IsArray(k) ? (size_t)cJSON_GetArraySize(k) : 0;
    if (n > SCREEN_MAX_KINDS) n = SCREEN_MAX_KINDS;
    if (!n || !(r->consultation = res_ptrs(run->res, n))) return;
    if (cJSON_IsString(k)) {
        r->consultation[r->n_consultation++] = res_strdup(run->res, k->valuestring);
        return;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, k) {
        if (r->n_consultation == n) break;
        if (cJSON_IsString(it)) r->consultation[r->n_consultation++] = res_strdup(run->res, it->valuestring);
    }
}

/* ---- profile (hogo_options.profile) ---- */

/* Now, in ns, when the engine profiles; 0 (and no clock read) otherwise. */
uint64_t screen_now(const hogo_engine *e)
{
    if (!e->opt.profile) return 0;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Add the time since *t to *acc and restart *t. */
static void screen_lap(const hogo_engine *e, uint64_t *t, uint64_t *acc)
{
    if (!e->opt.profile) return;
    uint64_t now = screen_now(e);
    *acc += now - *t;
    *t = now;
}

/* ---- needs: what a rule must find in a plan to be able to report ----
 * A rule's `needs` (docs/rule-api.md) is checked here, in one pass per
 * plan, so check() is not called on a plan it cannot report on: fields
 * (top-level keys present), stated (present and not null), words (looked
 * for in every string of the plan, values and keys) and prose (in the
 * strings of the prose fields).  The text is folded as the pack's
 * common.text folds it (hogo_normalize) and lower-cased as a caseless
 * pattern reads letters (screen_fold_in): a superset of the text any rule
 * reads, so a word a rule's pattern requires is found here whenever the
 * pattern could match.  hogo test and the needs ctest run every rule with
 * needs ignored and fail if a skipped rule would have reported.  The words
 * of every rule are one automaton (screen_dict), so a plan's strings are
 * read once for all of them. */

/* The two code points outside ASCII that a caseless pattern (hogo.test's
 * "i": PCRE2 in UTF mode, Unicode simple case folding) matches to an ASCII
 * letter: U+017F LATIN SMALL LETTER LONG S matches s, U+212A KELVIN SIGN
 * matches k.  Folded to that letter here, so a word "sns" or "kintone" is
 * found wherever `(?i)SNS` or `(?i)kintone` could match.  The bytes of the
 * code point at u (n left), or 0. */
static size_t screen_fold_caseless(const unsigned char *u, size_t n, char *c)
{
    if (n >= 2 && u[0] == 0xC5 && u[1] == 0xBF) { *c = 's'; return 2; }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x84 && u[2] == 0xAA) { *c = 'k'; return 3; }
    return 0;
}

/* s[0..len) folded in place, in one pass: full-width forms as
 * hogo_normalize folds them (jp_fold3, byte by byte as it steps), then
 * letters to lower case as a caseless pattern reads them.  The new length,
 * never more than len. */
static size_t screen_fold_in(char *s, size_t len)
{
    unsigned char *u = (unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < len) {
        unsigned char b = u[i];
        char c = (char)b;
        size_t k = 1;
        if (b >= 0xC5) {
            size_t f = b == 0xC5 || b == 0xE2 ? screen_fold_caseless(u + i, len - i, &c) : 0;
            if (f) k = f;
            else if ((b == 0xE2 || b == 0xE3 || b == 0xEF) && len - i >= 3 && (c = jp_fold3(u + i)) != 0) k = 3;
            else c = (char)b;
        }
        u[o++] = (unsigned char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
        i += k;
    }
    return o;
}

char *screen_fold(const char *s, size_t len, size_t *outlen)
{
    char *o = len < SIZE_MAX ? malloc(len + 1) : NULL;
    if (!o) return NULL;
    if (len) memcpy(o, s, len);
    *outlen = screen_fold_in(o, len);
    o[*outlen] = '\0';
    return o;
}

/* The pack's needs words, every rule's words and prose in one automaton
 * (Aho-Corasick over the byte classes the words use), built once per
 * engine and rebuilt when a rule is added: each string of the plan is then
 * read once, folding as it goes, and every word it holds is marked -- a
 * plan's needs cost one pass over its strings, not a search of the whole
 * text per word (the folded texts, their grams and those searches were a
 * fourteenth of the batch).  Equal words share one id, so a word many rules
 * ask for (ＡＩ, カメラ, 図書館) is one mark.
 *
 * The trie and its failure links are built at once, small; the dense table
 * the scan steps through (delta[state * nclass + cls[b]]: the next state
 * << 1, | 1 when some word ends there) is filled a row at a time, the
 * first time the scan reaches a state.  Filled whole, its half megabyte (a
 * few thousand states by a hundred classes) was a third of the page faults
 * of a start that screens one plan; a plan reaches a few hundred states.
 * Each step waits on the row of the state before, and after a plan's
 * rules have run those rows are seldom in the processor's caches: the scan
 * took 23.5 us a plan where scanning the same plan again took 7.7.  So an
 * entry is 16 bits (the state and its flag) and the classes follow the
 * bytes' order: 16-19 % less time a scan (docs/performance.md, tenth round). */
#define SCREEN_DICT_MAX_ENTRIES ((size_t)1 << 22)   /* 8 MiB of table: past it, words are not looked for */
#define SCREEN_DICT_MAX_STATES  32767                /* a state and its flag in 16 bits: past it, the same */
#define SCREEN_PROSE_NAMES 32
typedef struct screen_dict {
    size_t nrules;             /* built for rules[0 .. nrules): rules are only ever added */
    int usable;                /* 0: too large (or out of memory): every rule with words runs */
    unsigned nclass, nwords;
    size_t nstates;
    unsigned char cls[256];    /* byte -> class; 0: in no word */
    /* the trie: state s's children are first_child[s], then next_sib of
     * each; edge[t] is the class of the edge into t; fail[t] its failure
     * state; ends[t] 1 when some word ends at t (or at a failure state of it) */
    uint32_t *first_child, *next_sib, *fail;
    unsigned char *edge, *ends;
    uint16_t *delta;           /* nstates rows of nclass, zero pages until filled */
    unsigned char *filled;     /* filled[s]: row s of delta is */
    uint32_t *out_first;       /* the words ending in state s: out_ids[out_first[s] .. out_first[s+1]) */
    uint32_t *out_ids;
    size_t *rule_first;        /* rule i's words: ids[rule_first[2i] .. [2i+1]), its prose: .. [2i+2]) */
    uint32_t *ids;
    uint64_t *found;           /* this plan's marks: words in any string, then words in prose */
    size_t found_words;        /* uint64_t per set */
    const char *prose_name[SCREEN_PROSE_NAMES];
    size_t n_prose_names;      /* SIZE_MAX: more than SCREEN_PROSE_NAMES, every string is prose */
    /* needs.fields / needs.stated: the top-level keys the rules name, each a
     * bit (key[b], key_len[b]: the rules' own strings), and per rule the
     * bits it needs present (rule_keys[2i]) and stated (rule_keys[2i+1]);
     * keys_ok 0 (more than 64 keys, or out of memory): looked up one by one */
    int keys_ok;
    unsigned nkeys;
    const char *key[64];
    size_t key_len[64];
    uint64_t *rule_keys;
} screen_dict;

void screen_dict_free(screen_dict *d)
{
    if (!d) return;
    free(d->first_child); free(d->next_sib); free(d->fail); free(d->edge); free(d->ends);
    free(d->delta); free(d->filled); free(d->out_first); free(d->out_ids);
    free(d->rule_first); free(d->ids); free(d->found); free(d->rule_keys);
    free(d);
}

/* The key names of the format's prose fields (title, purpose, what, scope
 * ...), once: past SCREEN_PROSE_NAMES every string is taken as prose. */
static void screen_prose_names(screen_dict *d)
{
    const voc_table *t = voc_get();
    for (size_t i = 0; i < t->n_fields; i++) {
        const voc_field *f = &t->fields[i];
        if (!(f->flags & HOGO_FIELD_PROSE) || !f->name) continue;
        size_t k = 0;
        while (k < d->n_prose_names && strcmp(d->prose_name[k], f->name)) k++;
        if (k < d->n_prose_names) continue;
        if (d->n_prose_names == SCREEN_PROSE_NAMES) { d->n_prose_names = SIZE_MAX; return; }
        d->prose_name[d->n_prose_names++] = f->name;
    }
}

static int screen_is_prose(const screen_dict *d, const char *key)
{
    if (d->n_prose_names == SIZE_MAX) return 1;
    if (!key) return 0;
    for (size_t i = 0; i < d->n_prose_names; i++)
        if (d->prose_name[i][0] == key[0] && !strcmp(d->prose_name[i], key)) return 1;
    return 0;
}

/* The byte classes of every word (folded at load: rules_load.c), and how
 * many words and bytes there are; 0 when the table would be too large. */
static int screen_dict_classes(screen_dict *d, const hogo_engine *e, size_t *nids, size_t *bytes)
{
    *nids = *bytes = 0;
    for (size_t i = 0; i < e->nrules; i++) {
        const eng_rule *r = &e->rules[i];
        for (int l = 0; l < 2; l++) {
            char *const *v = l ? r->need_prose : r->need_words;
            size_t n = l ? r->n_need_prose : r->n_need_words;
            for (size_t k = 0; k < n; k++)
                for (const unsigned char *p = (const unsigned char *)v[k]; *p; p++, ++*bytes)
                    d->cls[*p] = 1;
            *nids += n;
        }
    }
    /* numbered in the bytes' order (at most 255: no NUL), so the classes a
     * state goes on by lie together in its row -- the continuation bytes
     * 0x80..0xBF after a lead byte, the lead bytes after a character, the
     * letters after a letter -- and a plan's steps touch fewer of the
     * table's cache lines */
    for (unsigned b = 1; b < 256; b++)
        if (d->cls[b]) d->cls[b] = (unsigned char)++d->nclass;
    d->nclass++;                                              /* class 0 */
    return *bytes + 1 <= SCREEN_DICT_MAX_STATES && *bytes + 1 <= SCREEN_DICT_MAX_ENTRIES / d->nclass;
}

/* s's child by class c in the trie; 0 when it has none (no edge leads to
 * the root). */
static uint32_t screen_dict_child(const screen_dict *d, uint32_t s, unsigned c)
{
    uint32_t t = d->first_child[s];
    while (t && d->edge[t] != c) t = d->next_sib[t];
    return t;
}

/* word w into the trie; its id, the id of an equal word inserted before.
 * term[s]: 1 + the id of the word ending at s, or 0.  The arrays hold
 * (bytes + 1) states: no insert runs out. */
static uint32_t screen_dict_insert(screen_dict *d, uint32_t *term, const char *w)
{
    uint32_t s = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++) {
        unsigned c = d->cls[*p];
        uint32_t t = screen_dict_child(d, s, c);
        if (!t) {
            t = (uint32_t)d->nstates++;
            d->edge[t] = (unsigned char)c;
            d->next_sib[t] = d->first_child[s];
            d->first_child[s] = t;
        }
        s = t;
    }
    if (!term[s]) term[s] = ++d->nwords;
    return term[s] - 1;
}

/* Failure links, breadth first, and each state's words (its own, then
 * those of its failure state). */
static int screen_dict_links(screen_dict *d, const uint32_t *term)
{
    size_t ns = d->nstates;
    uint32_t *queue = malloc(ns * sizeof *queue), *cnt = calloc(ns + 1, sizeof *cnt);
    int ok = queue && cnt;
    size_t head = 0, tail = 0;
    if (ok) queue[tail++] = 0;
    while (ok && head < tail) {
        uint32_t u = queue[head++];
        cnt[u] = (term[u] != 0) + (u ? cnt[d->fail[u]] : 0);
        d->ends[u] = cnt[u] != 0;
        for (uint32_t t = d->first_child[u]; t; t = d->next_sib[t]) {
            uint32_t f = 0;
            if (u) {
                /* the longest proper suffix of t's word that is in the trie */
                for (uint32_t v = d->fail[u];; v = d->fail[v]) {
                    if ((f = screen_dict_child(d, v, d->edge[t])) != 0 || !v) break;
                }
            }
            d->fail[t] = f;
            queue[tail++] = t;
        }
    }
    d->out_first = ok ? malloc((ns + 1) * sizeof *d->out_first) : NULL;
    ok = d->out_first != NULL;
    size_t total = 0;
    for (size_t s = 0; ok && s < ns; s++) { d->out_first[s] = (uint32_t)total; total += cnt[s]; }
    if (ok) d->out_first[ns] = (uint32_t)total;
    d->out_ids = ok ? malloc((total ? total : 1) * sizeof *d->out_ids) : NULL;
    ok = d->out_ids != NULL;
    for (size_t q = 0; ok && q < tail; q++) {                 /* a failure state is filled before */
        uint32_t s = queue[q], o = d->out_first[s];
        if (term[s]) d->out_ids[o++] = term[s] - 1;
        if (s) memcpy(d->out_ids + o, d->out_ids + d->out_first[d->fail[s]], cnt[d->fail[s]] * sizeof *d->out_ids);
    }
    free(queue); free(cnt);
    return ok;
}

/* Row s of the table, filled the first time it is asked for: its failure
 * state's row (filled first: that state is nearer the root, so this
 * recurses no deeper than the longest word) with s's own children over it.
 * The root's row is its children, and the root wherever it has none. */
static const uint16_t *screen_dict_row(screen_dict *d, uint32_t s)
{
    uint16_t *row = d->delta + (size_t)s * d->nclass;
    if (d->filled[s]) return row;
    if (s) memcpy(row, screen_dict_row(d, d->fail[s]), d->nclass * sizeof *row);
    for (uint32_t t = d->first_child[s]; t; t = d->next_sib[t]) row[d->edge[t]] = (uint16_t)(t << 1 | d->ends[t]);
    d->filled[s] = 1;
    return row;
}

/* The bit of top-level key k (of n bytes) among d's keys, adding it; -1
 * past 64 keys. */
static int screen_key_bit(screen_dict *d, const char *k, size_t n)
{
    for (unsigned b = 0; b < d->nkeys; b++)
        if (d->key_len[b] == n && memcmp(d->key[b], k, n) == 0) return (int)b;
    if (d->nkeys == 64) return -1;
    d->key[d->nkeys] = k;
    d->key_len[d->nkeys] = n;
    return (int)d->nkeys++;
}

/* The rules' needs.fields and needs.stated as bits (screen_dict's keys):
 * 78 look-ups of a key in the plan's top level a plan, each a walk of
 * its keys with strcmp, become one walk (screen_keys_scan). */
static void screen_dict_keys(screen_dict *d, const hogo_engine *e)
{
    d->rule_keys = calloc(2 * (e->nrules ? e->nrules : 1), sizeof *d->rule_keys);
    if (!d->rule_keys) return;
    for (size_t i = 0; i < e->nrules; i++) {
        const eng_rule *r = &e->rules[i];
        for (int l = 0; l < 2; l++) {
            char *const *v = l ? r->need_stated : r->need_fields;
            size_t n = l ? r->n_need_stated : r->n_need_fields;
            for (size_t k = 0; k < n; k++) {
                int b = screen_key_bit(d, v[k], strlen(v[k]));
                if (b < 0) return;
                d->rule_keys[2 * i + (size_t)l] |= (uint64_t)1 << b;
            }
        }
    }
    d->keys_ok = 1;
}

/* The keys of the plan's top level among d's: *present, and *stated (not
 * null); a key given twice counts as its first, as cJSON's look-up finds. */
static void screen_keys_scan(const screen_dict *d, const cJSON *root, uint64_t *present, uint64_t *stated)
{
    uint64_t seen = 0, yes = 0;
    for (const cJSON *c = root ? root->child : NULL; c; c = c->next) {
        if (!c->string) continue;
        size_t n = strlen(c->string);
        for (unsigned b = 0; b < d->nkeys; b++) {
            uint64_t bit = (uint64_t)1 << b;
            if (d->key_len[b] != n || d->key[b][0] != c->string[0] || (seen & bit) ||
                memcmp(d->key[b], c->string, n) != 0)
                continue;
            seen |= bit;
            if (!cJSON_IsNull(c)) yes |= bit;
            break;
        }
    }
    *present = seen;
    *stated = yes;
}

/* The automaton of e's rules' words (usable = 0 when it cannot be built:
 * then the words are not looked for and those rules run), and the bits of
 * their needs' keys (screen_dict_keys); NULL only when out of memory. */
static screen_dict *screen_dict_build(const hogo_engine *e)
{
    screen_dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->nrules = e->nrules;
    screen_dict_keys(d, e);
    screen_prose_names(d);
    size_t nids, bytes;
    if (!screen_dict_classes(d, e, &nids, &bytes)) return d;
    size_t cap = bytes + 1;                                   /* states: at most one a byte, and the root */
    uint32_t *term = calloc(cap, sizeof *term);
    d->first_child = calloc(cap, sizeof *d->first_child);
    d->next_sib = calloc(cap, sizeof *d->next_sib);
    d->fail = calloc(cap, sizeof *d->fail);
    d->edge = calloc(cap, 1);
    d->ends = calloc(cap, 1);
    d->rule_first = malloc((2 * e->nrules + 1) * sizeof *d->rule_first);
    d->ids = malloc((nids ? nids : 1) * sizeof *d->ids);
    int ok = term && d->first_child && d->next_sib && d->fail && d->edge && d->ends && d->rule_first && d->ids;
    size_t at = 0;
    d->nstates = 1;
    for (size_t i = 0; ok && i < e->nrules; i++) {
        const eng_rule *r = &e->rules[i];
        for (int l = 0; l < 2; l++) {
            d->rule_first[2 * i + (size_t)l] = at;
            char *const *v = l ? r->need_prose : r->need_words;
            size_t n = l ? r->n_need_prose : r->n_need_words;
            for (size_t k = 0; k < n; k++) d->ids[at++] = screen_dict_insert(d, term, v[k]);
        }
    }
    if (ok) d->rule_first[2 * e->nrules] = at;
    ok = ok && screen_dict_links(d, term);
    /* calloc: a large table comes as zero pages, touched only as rows fill */
    d->delta = ok ? calloc(d->nstates * d->nclass, sizeof *d->delta) : NULL;
    d->filled = ok ? calloc(d->nstates, 1) : NULL;
    d->found_words = ((size_t)d->nwords + 63) / 64;
    d->found = d->delta && d->filled ? calloc(2 * d->found_words + 1, sizeof *d->found) : NULL;
    d->usable = d->found != NULL;
    free(term);
    return d;
}

/* The words ending at state s: marked in found (any string) and, for a
 * prose field's string, in prose. */
static void screen_dict_hit(const screen_dict *d, uint32_t s, uint64_t *prose)
{
    for (uint32_t k = d->out_first[s]; k < d->out_first[s + 1]; k++) {
        uint32_t id = d->out_ids[k];
        d->found[id >> 6] |= (uint64_t)1 << (id & 63);
        if (prose) prose[id >> 6] |= (uint64_t)1 << (id & 63);
    }
}

/* One string of the plan, folded as screen_fold_in folds (the same steps,
 * on a NUL-terminated string: jp_fold3 and screen_fold_caseless stop at a
 * NUL as a length would stop them), through the automaton from its start
 * state: no word spans two strings. */
static void screen_dict_scan(screen_dict *d, const char *s, uint64_t *prose)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t st = 0;
    while (*u) {
        unsigned char b = *u;
        char c = (char)b;
        size_t k = 1;
        if (b >= 0xC5) {
            size_t f = b == 0xC5 || b == 0xE2 ? screen_fold_caseless(u, 3, &c) : 0;
            if (f) k = f;
            else if ((b == 0xE2 || b == 0xE3 || b == 0xEF) && (c = jp_fold3(u)) != 0) k = 3;
            else c = (char)b;
        }
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        const uint16_t *row = d->filled[st] ? d->delta + (size_t)st * d->nclass : screen_dict_row(d, st);
        uint32_t e = row[d->cls[(unsigned char)c]];
        st = e >> 1;
        if (e & 1) screen_dict_hit(d, st, prose);
        u += k;
    }
}

/* The nodes from n on (siblings, with their subtrees); `key`: the key of
 * the array they are the elements of (NULL in an object). */
static void screen_dict_tree(screen_dict *d, const cJSON *n, const char *key, int depth)
{
    if (depth > 256) return;
    uint64_t *prose = d->found + d->found_words;
    for (const cJSON *c = n; c; c = c->next) {
        const char *k = c->string ? c->string : key;
        if (c->string) screen_dict_scan(d, c->string, NULL);
        if (cJSON_IsString(c)) {
            if (c->valuestring) screen_dict_scan(d, c->valuestring, screen_is_prose(d, k) ? prose : NULL);
        } else if (c->child) {
            screen_dict_tree(d, c->child, cJSON_IsArray(c) ? k : NULL, depth + 1);
        }
    }
}

/* This plan's words: w->done once the plan is read, and its top-level keys
 * (screen_keys_scan) once keys_done (per plan, never kept). */
typedef struct { int done, keys_done; uint64_t present, stated; } screen_words;

/* 1 when one of the ids[from .. to) is marked in set. */
static int screen_any_marked(const uint32_t *ids, size_t from, size_t to, const uint64_t *set)
{
    for (size_t i = from; i < to; i++)
        if (set[ids[i] >> 6] >> (ids[i] & 63) & 1) return 1;
    return 0;
}

/* 1 when the rule's needs hold on the plan (or it has none).  The plan's
 * strings are read on the first rule with words to look for. */
static int screen_needs(screen_run *run, const eng_rule *r, screen_words *w)
{
    hogo_engine *e = run->e;
    const cJSON *root = run->doc.root;
    if (!r->n_need_fields && !r->n_need_stated && !r->n_need_words && !r->n_need_prose) return 1;
    if (!e->needs_dict || e->needs_dict->nrules != e->nrules) {
        screen_dict_free(e->needs_dict);
        e->needs_dict = screen_dict_build(e);
    }
    screen_dict *d = e->needs_dict;
    size_t i = (size_t)(r - e->rules);
    if (d && d->keys_ok) {
        if (!w->keys_done) {
            screen_keys_scan(d, root, &w->present, &w->stated);
            w->keys_done = 1;
        }
        const uint64_t *m = d->rule_keys + 2 * i;
        if ((m[0] & ~w->present) || (m[1] & ~w->stated)) return 0;
    } else {
        for (size_t k = 0; k < r->n_need_fields; k++)
            if (!cJSON_GetObjectItemCaseSensitive(root, r->need_fields[k])) return 0;
        for (size_t k = 0; k < r->n_need_stated; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, r->need_stated[k]);
            if (!v || cJSON_IsNull(v)) return 0;
        }
    }
    if (!r->n_need_words && !r->n_need_prose) return 1;
    if (!d || !d->usable) return 1;                 /* out of memory, or too many words: run the rule */
    if (!w->done) {
        memset(d->found, 0, 2 * d->found_words * sizeof *d->found);
        if (root) screen_dict_tree(d, root->child, NULL, 0);
        w->done = 1;
    }
    const size_t *f = d->rule_first + 2 * i;
    return (!r->n_need_words || screen_any_marked(d->ids, f[0], f[1], d->found)) &&
           (!r->n_need_prose || screen_any_marked(d->ids, f[1], f[2], d->found + d->found_words));
}

/* ---- rules ---- */

/* security: the memory the plan's tables may take in the rule engine: 24
 * bytes per byte of plan, plus 16 MiB.  A plan written as text (the plans
 * this tool is for) needs 12 at most (100,000 items of a data list); only a
 * plan of very many tiny values goes past it, and is refused. */

/* ---- the plan's CPU budget (hogo_options.plan_cpu_ms) ----
 * security: each rule is bounded (its instructions, its CPU), but 65 rules
 * on an 8 MiB plan could add up to minutes; a server screening for many
 * staffers gives one plan a budget.  The thread's CPU clock is a system
 * call, so it is read only once the wall clock says the budget may be
 * spent (CPU time cannot outrun wall time on one thread). */
typedef struct { uint64_t wall0, cpu0, budget; } screen_cpu;

static uint64_t screen_clock(clockid_t clk)
{
    struct timespec ts;
    if (clock_gettime(clk, &ts) != 0) return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void screen_cpu_start(screen_cpu *c, const hogo_engine *e)
{
    c->budget = (uint64_t)e->opt.plan_cpu_ms * 1000000u;
    c->wall0 = c->budget ? screen_clock(CLOCK_MONOTONIC) : 0;
    c->cpu0 = c->budget ? screen_clock(CLOCK_THREAD_CPUTIME_ID) : 0;
}

static int screen_cpu_spent(const screen_cpu *c, const hogo_engine *e)
{
    (void)e;
    if (!c->budget || screen_clock(CLOCK_MONOTONIC) - c->wall0 < c->budget) return 0;
    return screen_clock(CLOCK_THREAD_CPUTIME_ID) - c->cpu0 >= c->budget;
}

/* The rules from `from` on did not run: one rule error, on the first of
 * them, names how many (the plan is then re_examine, never approve). */
static void screen_cpu_stop(screen_run *run, size_t from)
{
    const hogo_engine *e = run->e;
    size_t left = 0;
    for (size_t k = from; k < e->nrules; k++) left += !e->rules[k].disabled && e->rules[k].check_ref != LUA_NOREF;
    char msg[256];
    snprintf(msg, sizeof msg, "the plan's CPU budget of %u ms was spent (--plan-cpu): this rule and %zu more "
             "did not run on it", (unsigned)e->opt.plan_cpu_ms, left - 1);
    res_add_rule_error(run->res, e->rules[from].info.id, e->rules[from].info.file, 0, msg);
}

/* Returns 0 when the plan is too large to hand to the rules (an input
 * error is added), 1 otherwise. */
static int screen_rules(screen_run *run, size_t len)
{
    hogo_engine *e = run->e;
    lua_State *L = e->sbx.L;
    int top = lua_gettop(L);
    size_t live = 0;
    for (size_t i = 0; i < e->nrules; i++) live += !e->rules[i].disabled && e->rules[i].check_ref != LUA_NOREF;
    if (!live || !lua_checkstack(L, 16)) return 1;   /* (validate runs none: no plan for Lua) */
    uint64_t t = screen_now(e);
    size_t limit = len < (SIZE_MAX - HOGO_PLAN_LUA_BASE) / HOGO_PLAN_LUA_RATIO
                 ? len * HOGO_PLAN_LUA_RATIO + HOGO_PLAN_LUA_BASE : SIZE_MAX;
    if (!sbx_push_plan(&e->sbx, run->doc.root, limit)) {
        char msg[256];
        if (e->opt.lang == HOGO_EN)
            snprintf(msg, sizeof msg, "the plan holds too many values to screen: its tables would take more than "
                     "%zu MiB (%u bytes per byte of plan + %u MiB); it is mostly tiny values such as empty arrays",
                     limit >> 20, HOGO_PLAN_LUA_RATIO, HOGO_PLAN_LUA_BASE >> 20);
        else
            snprintf(msg, sizeof msg, "計画の値が多すぎて審査できません。規則に渡す表が %zu MiB（計画 1 バイトあたり %u バイト"
                     "＋%u MiB）を超えます。空の配列などの細かな値がほとんどです",
                     limit >> 20, HOGO_PLAN_LUA_RATIO, HOGO_PLAN_LUA_BASE >> 20);
        res_add_error(run->res, "", 1, 1, msg);
        return 0;
    }
    int plan = lua_gettop(L);
    /* one ctx per plan, frozen: report() finds the running rule through
     * the engine, so no rule can hand the next one a doctored ctx */
    lua_createtable(L, 0, 3);
    lua_pushlightuserdata(L, e);
    lua_pushcclosure(L, screen_report, 1);
    lua_setfield(L, -2, "report");
    lua_pushstring(L, e->today);
    lua_setfield(L, -2, "today");
    lua_pushstring(L, run->res->pub.file);
    lua_setfield(L, -2, "file");
    sbx_seal(L, -1);                  /* its values are immutable: no copy, no walk */
    int ctx = lua_gettop(L);
    screen_lap(e, &t, &e->stats.convert_ns);
    screen_words words = { 0 };
    screen_cpu cpu;
    screen_cpu_start(&cpu, e);
    for (size_t i = 0; i < e->nrules; i++) {
        eng_rule *r = &e->rules[i];
        if (r->disabled || r->check_ref == LUA_NOREF) continue;
        if (screen_cpu_spent(&cpu, e)) { screen_cpu_stop(run, i); break; }
        if (!e->opt.ignore_needs && !screen_needs(run, r, &words)) {
            r->stats.skipped += e->opt.profile != 0;
            continue;
        }
        e->cur_rule = i;
        run->rule_findings = run->rule_dropped = 0;
        int reset = r->reset_ref != LUA_NOREF;
        if (reset) {
            sbx_push_check(&e->sbx, r->check_ref, r->reset_ref, &r->env_ref);
        } else {
            lua_pushcfunction(L, sbx_rule_entry);
            lua_rawgeti(L, LUA_REGISTRYINDEX, r->chunk_ref);
        }
        lua_pushvalue(L, plan);
        lua_pushvalue(L, ctx);
        char msg[512];
        int line;
        uint64_t t0 = t;
        e->sbx.rule_source = r->info.file;
        e->sbx.cow_written = 0;
        if (sbx_call_budgeted(&e->sbx, 2 + !reset, 0, msg, sizeof msg, &line) != LUA_OK)
            screen_rule_failed(run, r, msg, line);
        e->sbx.rule_source = NULL;
        if (reset && e->sbx.cow_written) {
            /* security: the rule changed a table its check() closes over:
             * from the next plan on, its file runs afresh (sbx_guard) */
            luaL_unref(L, LUA_REGISTRYINDEX, r->reset_ref);
            r->reset_ref = LUA_NOREF;
        }
        if (run->rule_dropped)
            screen_dropped(run, r, run->rule_findings - run->rule_dropped, run->rule_dropped, run->dropped_sev);
        if (e->opt.profile) {
            screen_lap(e, &t, &e->stats.rules_ns);
            r->stats.calls++;
            r->stats.ns += t - t0;
            if (t - t0 > r->stats.max_ns) r->stats.max_ns = t - t0;
        }
    }
    lua_settop(L, top);
    return 1;
}

/* ---- a stable order ----
 * Lua seeds its string hashes per state, so a rule that walks an object
 * with pairs() reports in an order that differs from run to run.  Findings
 * are put in a fixed order -- the rules' order, then the path (array
 * indices compared as numbers), then the message -- so reports are
 * identical across runs and worker counts. */

static int screen_natcmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            char *ea, *eb;
            unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
            if (x != y) return x < y ? -1 : 1;
            a = ea;
            b = eb;
            continue;
        }
        if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

typedef struct { hogo_finding f; size_t rule; } screen_sorted;

static int screen_cmp(const void *pa, const void *pb)
{
    const screen_sorted *a = pa, *b = pb;
    if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
    int c = screen_natcmp(a->f.path, b->f.path);
    if (c) return c;
    c = strcmp(a->f.message[HOGO_EN], b->f.message[HOGO_EN]);
    if (c) return c;
    return strcmp(a->f.message[HOGO_JA], b->f.message[HOGO_JA]);
}

static void screen_sort(screen_run *run)
{
    hogo_result *r = &run->res->pub;
    if (r->n_findings < 2) return;
    screen_sorted *tmp = malloc(r->n_findings * sizeof *tmp);
    if (!tmp) return;
    /* a rule's index by its id (ids are unique: rules_load refuses a
     * second), looked for from the last one found: findings come in the
     * rules' order, so this is one comparison a finding, not half the pack */
    size_t n = run->e->nrules, last = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        tmp[i].f = r->findings[i];
        tmp[i].rule = SIZE_MAX;
        for (size_t j = 0; j < n; j++) {
            size_t k = (last + j) % n;
            if (!strcmp(run->e->rules[k].info.id, r->findings[i].rule)) { tmp[i].rule = last = k; break; }
        }
    }
    qsort(tmp, r->n_findings, sizeof *tmp, screen_cmp);
    for (size_t i = 0; i < r->n_findings; i++) r->findings[i] = tmp[i].f;
    free(tmp);
}

/* ---- waivers ---- */

/* A waiver holds when it names a loaded rule, gives a reason and has not
 * expired; invalid ones are findings of a rule of the pack, not here.
 * security: who may waive (waiver.h): a plan's waiver waives only when its
 * approved_by is one of the engine's approvers; otherwise the findings it
 * names are marked requested (申出) and still count.  A department wrote
 * its plan's waivers itself, so they cannot turn its 記載不足 into 承認. */

/* Index of the loaded rule with this id, or nrules. */
static size_t screen_rule_index(const hogo_engine *e, const char *id)
{
    size_t k = 0;
    while (k < e->nrules && strcmp(e->rules[k].info.id, id) != 0) k++;
    return k;
}

static int screen_waiver_valid(const hogo_engine *e, const char *rule, const char *reason, const char *expires)
{
    char iso[11];
    if (!rule || !reason || !reason[0]) return 0;
    if (screen_rule_index(e, rule) == e->nrules) return 0;
    return !expires || (hogo_parse_date(expires, iso) && strcmp(iso, e->today) >= 0);
}

/* Mark the findings of rule.  waive: waived by `by`; else requested. */
static void screen_waive(screen_run *run, const char *rule, const char *reason, const char *by, int waive,
                         int secretariat)
{
    for (size_t i = 0; i < run->res->pub.n_findings; i++) {
        hogo_finding *f = &run->res->pub.findings[i];
        if (strcmp(f->rule, rule) != 0 || f->waived || (!waive && f->waiver_requested)) continue;
        f->waiver_reason = res_strdup(run->res, reason);
        if (waive) {
            f->waived = 1;
            f->waiver_requested = 0;
            f->waived_by = res_strdup(run->res, by);
            f->waived_by_secretariat = secretariat;
        } else {
            f->waiver_requested = 1;
        }
    }
}

static void screen_waivers(screen_run *run)
{
    const hogo_engine *e = run->e;
    /* security: a rule's findings are walked for its first valid waiver of
     * each kind only (a later one changes nothing): 100,000 waivers of one
     * rule no longer walk 20,000 findings each */
    unsigned char *done = calloc(e->nrules ? e->nrules : 1, 1);
    if (!done) return;
    enum { WAIVED = 1, REQUESTED = 2 };
    /* the secretariat's own, for this plan's id */
    size_t wi = 0;
    const hogo_waiver *sw;
    while ((sw = wv_for_plan(e->owners, run->res->pub.id, &wi)) != NULL) {
        if (!screen_waiver_valid(e, sw->rule, sw->reason, sw->expires)) continue;
        size_t k = screen_rule_index(e, sw->rule);
        if (done[k] & WAIVED) continue;
        done[k] |= WAIVED;
        screen_waive(run, sw->rule, sw->reason, sw->approved_by, 1, 1);
    }
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(run->doc.root, "waivers");
    const cJSON *it;
    if (cJSON_IsArray(w)) cJSON_ArrayForEach(it, w) {
        const char *rule = screen_str(it, "rule");
        const char *reason = screen_str(it, "reason");
        const char *by = screen_str(it, "approved_by");
        if (!screen_waiver_valid(e, rule, reason, screen_str(it, "expires"))) continue;
        size_t k = screen_rule_index(e, rule);
        int approved = wv_approver(e->owners, by);
        int bit = approved ? WAIVED : REQUESTED;
        if (done[k] & (WAIVED | bit)) continue;
        done[k] |= bit;
        screen_waive(run, rule, reason, by, approved, 0);
    }
    free(done);
}

/* security: a rule that failed to load screened nothing: every result says
 * so (as a rule error), so no report of a partly loaded pack looks clean. */
static void screen_load_failures(screen_run *run)
{
    const hogo_engine *e = run->e;
    for (size_t i = 0; i < e->nfailed; i++) {
        const eng_load_failure *f = &e->failed[i];
        strbuf m;
        sb_init(&m);
        sb_printf(&m, "did not load, so this plan was screened without it: %s", f->message);
        hogo_rule_error *re = res_add_rule_error(run->res, f->rule, f->file, f->line, sb_cstr(&m));
        if (re) re->at_load = 1;
        sb_free(&m);
    }
}

hogo_status hogo_screen(hogo_engine *e, const char *file, const char *buf, size_t len, hogo_result **out)
{
    *out = NULL;
    if (!e || (!buf && len)) return HOGO_EINVAL;
    screen_run run;
    memset(&run, 0, sizeof run);
    run.e = e;
    run.res = res_new(file);
    if (!run.res) return HOGO_ENOMEM;
    screen_load_failures(&run);
    uint64_t t = screen_now(e);
    e->stats.plans += e->opt.profile != 0;
    int st = pl_load(&run.doc, buf ? buf : "", len, e->opt.plan_max_bytes, e->opt.plan_max_depth, e->opt.lang);
    screen_lap(e, &t, &e->stats.load_ns);
    if (st < 0) { hogo_result_free(&run.res->pub); return HOGO_ENOMEM; }
    if (st == 0) {
        screen_error_at(&run, run.doc.err_off, run.doc.err);
    } else {
        cJSON *root = run.doc.root;
        run.pos = run.doc.pos;              /* made by the syntax check: freed below */
        run.doc.pos = NULL;
        screen_identity(&run, root);
        if (e->opt.keep_plan && cJSON_IsObject(root)) {
            char *all = cJSON_PrintUnformatted(root);
            run.res->pub.plan = res_strdup(run.res, all);   /* NULL when memory ran out: no summary */
            cJSON_free(all);
        }
        int valid = 0;
        if (!cJSON_IsObject(root)) {
            res_add_error(run.res, "", 1, 1, e->opt.lang == HOGO_EN
                          ? "a plan must be a JSON object: { \"format\": \"hogo-plan/1\", ... }"
                          : "計画は JSON のオブジェクト { \"format\": \"hogo-plan/1\", … } で書きます");
        } else {
            valid = schema_validate(e->schema, root, e->opt.lang, screen_schema_report, &run) == 0;
            screen_validated(&run);
            screen_lap(e, &t, &e->stats.validate_ns);
        }
        if (valid) {
            /* What rules derive from a plan grows with it: by default each
             * rule may use 16 MiB, or 32 bytes per byte of plan if that is
             * more, so a large but honest plan is not mistaken for a memory
             * bomb.  A budget the caller set is used as given. */
            e->sbx.rule_memory = e->opt.rule_memory;
            if (!e->rule_memory_given && len < SIZE_MAX / HOGO_RULE_MEMORY_PER_BYTE &&
                len * HOGO_RULE_MEMORY_PER_BYTE > e->sbx.rule_memory)
                e->sbx.rule_memory = len * HOGO_RULE_MEMORY_PER_BYTE;
            e->run = &run;
            int pushed = screen_rules(&run, len);
            e->run = NULL;
            t = screen_now(e);
            rx_prefilter_tick(e->rx);     /* may build the regex prefilter (counted in "finish") */
            screen_sort(&run);
            screen_waivers(&run);
            run.res->pub.screened = pushed;
        }
    }
    score_result(&run.res->pub);
    pl_release(&run.doc);
    jpos_free(run.pos);
    sb_free(&run.box);
    /* memory: a large plan's tables are garbage now, hundreds of MB of it;
     * collect it at once rather than hold it until the collector's next
     * cycle (a server keeps each worker's engine for ever: issue 20) */
    if (len > HOGO_COLLECT_AFTER_BYTES && e->sbx.L) lua_gc(e->sbx.L, LUA_GCCOLLECT, 0);
    screen_lap(e, &t, &e->stats.finish_ns);
    int oom = run.res->oom;
    *out = &run.res->pub;
    return oom ? HOGO_ENOMEM : HOGO_OK;
}
