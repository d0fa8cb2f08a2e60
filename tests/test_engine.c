/* test_engine.c -- the engine through its public API: the rule API of
 * docs/rule-api.md (report paths, null vs absent, read-only plan, vars,
 * severities), rule metadata checks, libraries, waivers, scoring, and the
 * JSON position index. */
#include "check.h"
#include "hogo.h"
#include "jsonpos.h"
#include "engine_int.h"   /* eng_load_builtin: the pack from its source */

#include <stdlib.h>
#include <string.h>

#define META(id, topic) \
    "return { id = '" id "', topic = '" topic "', severity = 'medium', " \
    "title = {ja='題', en='title'}, message = {ja='{what}です', en='it is {what}'}, " \
    "follow_up = {ja='対応', en='do it'}, precedent = 'test', "

static const char plan_text[] =
    "{\n"
    "  \"format\": \"hogo-plan/1\",\n"
    "  \"title\": \"テスト計画\",\n"
    "  \"department\": \"テスト課\",\n"
    "  \"consultation\": {\"kind\": \"outsourcing\"},\n"
    "  \"outsourcing\": null,\n"
    "  \"storage\": [\n"
    "    {\"what\": \"台帳\", \"location\": \"on_premise\"},\n"
    "    {\"what\": \"写し\", \"location\": \"cloud\"}\n"
    "  ],\n"
    "  \"waivers\": [{\"rule\": \"waived-rule\", \"reason\": \"承認済み\", \"approved_by\": \"審議会\", \"expires\": \"2099-01-01\"},\n"
    "              {\"rule\": \"expired-rule\", \"reason\": \"期限切れ\", \"expires\": \"2000-01-01\"}]\n"
    "}\n";

static hogo_engine *engine(void)
{
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.today = "2021-02-17";
    hogo_engine *e = NULL;
    CHECK(hogo_engine_new(&o, &e) == HOGO_OK);
    return e;
}

static hogo_status load(hogo_engine *e, const char *name, const char *text)
{
    return hogo_engine_load_rule(e, name, text, strlen(text));
}

static const hogo_finding *find(const hogo_result *r, const char *rule, size_t nth)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (!strcmp(r->findings[i].rule, rule) && nth-- == 0) return &r->findings[i];
    return NULL;
}

static int errors_seen;
static char last_error[1024];
static void on_error(void *ud, hogo_status code, const char *msg)
{
    (void)ud; (void)code;
    errors_seen++;
    snprintf(last_error, sizeof last_error, "%s", msg);
}

static void test_report_paths(void)
{
    hogo_engine *e = engine();
    CHECK(load(e, "t/paths.lua", META("paths", "storage.location")
        "check = function(plan, ctx)\n"
        "  for i, s in ipairs(plan.storage) do\n"
        "    if s.location == 'cloud' then ctx.report(s, 'location', {vars = {what = s.what}}) end\n"
        "  end\n"
        "  ctx.report(plan, 'retention')\n"              /* absent: points at the plan */
        "  ctx.report(plan.storage, 2)\n"                /* array element, 1-based */
        "  ctx.report('/consultation/kind', nil, {severity = 'high', message = {ja = '上書き', en = 'override'}})\n"
        "end }") == HOGO_OK);
    hogo_result *r;
    CHECK(hogo_screen(e, "plan.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    CHECK_INT(r->n_errors, 0);
    CHECK_INT(r->n_rule_errors, 0);
    CHECK(r->screened);
    const hogo_finding *f = NULL;
    for (size_t i = 0; i < r->n_findings; i++)
        if (!strcmp(r->findings[i].path, "/storage/1/location")) f = &r->findings[i];
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(f->line, 9);
        CHECK_INT(f->column, 32);
        CHECK_STR(f->message[HOGO_JA], "写しです");
        CHECK_STR(f->message[HOGO_EN], "it is 写し");
        CHECK_STR(f->topic, "storage.location");
        CHECK(f->severity == HOGO_MEDIUM);
    }
    int saw_root = 0, saw_elem = 0, saw_ptr = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        const hogo_finding *g = &r->findings[i];
        if (!strcmp(g->path, "")) { saw_root = 1; CHECK_INT(g->line, 1); }
        if (!strcmp(g->path, "/storage/1")) { saw_elem = 1; CHECK_INT(g->line, 9); CHECK_INT(g->column, 5); }
        if (!strcmp(g->path, "/consultation/kind")) {
            saw_ptr = 1;
            CHECK(g->severity == HOGO_HIGH);
            CHECK_STR(g->message[HOGO_EN], "override");
            CHECK_STR(g->message[HOGO_JA], "上書き");
            CHECK_STR(g->follow_up[HOGO_EN], "do it");
            CHECK_INT(g->line, 5);
        }
    }
    CHECK(saw_root && saw_elem && saw_ptr);
    hogo_result_free(r);
    hogo_engine_free(e);
}

static void test_null_absent_readonly(void)
{
    hogo_engine *e = engine();
    CHECK(load(e, "t/null.lua", META("null-vs-absent", "outsourcing.scope")
        "check = function(plan, ctx)\n"
        "  assert(hogo.is_null(plan.outsourcing), 'outsourcing is null')\n"
        "  assert(plan.outsourcing == hogo.null)\n"
        "  assert(plan.retention == nil, 'retention absent')\n"
        "  assert(plan.outsourcing.contractor == nil, 'indexing null gives nil')\n"
        "  assert(#plan.storage == 2 and plan.storage[1].what == '台帳')\n"
        "  local n = 0; for k, v in pairs(plan.consultation) do n = n + 1 end\n"
        "  assert(n == 1, 'pairs sees through the read-only wrapper')\n"
        "  assert(hogo.path(plan.storage[2]) == '/storage/1')\n"
        "  assert(hogo.path(plan.storage[2], 'what') == '/storage/1/what')\n"
        "  assert(hogo.path(plan) == '')\n"
        "  assert(not pcall(function() plan.title = 'x' end), 'plan is read-only')\n"
        "  assert(not pcall(function() plan.storage[1].what = 'x' end), 'nested is read-only')\n"
        "  assert(getmetatable(plan) == 'plan (read-only)')\n"
        "  assert(ctx.today == '2021-02-17')\n"
        "  assert(ctx.file == 'p.json')\n"
        "  assert(hogo.days('３ヶ月以内') == 90 and hogo.days('永年') == -1 and hogo.days('そのうち') == nil)\n"
        "  assert(hogo.date('令和元年5月1日') == '2019-05-01')\n"
        "  assert(hogo.normalize('ＡＢ１２') == 'AB12')\n"
        "  assert(hogo.test('生年月日と接種券番号', '生年月日.*番号'))\n"
        "  assert(hogo.test('ＡＢＣ', '^\\\\w+$'), 'UCP: \\\\w matches full-width')\n"
        "  assert(hogo.match('期限は90日', '(\\\\d+)日') == '90日')\n"
        "  assert(select(2, hogo.match('期限は90日', '(\\\\d+)日')) == '90')\n"
        "  assert(hogo.gsub('a1b22', '\\\\d+', '#') == 'a#b#')\n"
        /* a byte that is never UTF-8 is a barrier nothing matches, which
         * rules/_gov.lua relies on to search many fields at once */
        "  local S = '\\xFF'\n"
        "  assert(not hogo.test('a' .. S .. 'b', 'a[^x]'), 'no class matches it')\n"
        "  assert(not hogo.test('a' .. S .. 'b', 'a.b', 's'), 'not even dot-all')\n"
        "  assert(hogo.test('a' .. S .. 'b', '(?<!a)b'), 'a look-behind stops at it')\n"
        "  assert(not hogo.test('a' .. S .. 'b', '(?<=a)b'), 'a look-behind stops at it')\n"
        "  assert(hogo.test('ab' .. S, 'b(?![^x])'), 'a look-ahead sees the end')\n"
        "  assert(hogo.test('xa' .. S .. 'b', 'a\\\\b'), 'a word ends at it')\n"
        "  assert(hogo.rule_exists('null-vs-absent') and not hogo.rule_exists('nope'))\n"
        "  assert(hogo.severity_rank('high') == 3 and hogo.severity_rank('x') == nil)\n"
        "  assert(string.find('a.b', '.', 1, true) == 2, 'plain find works')\n"
        "  assert(not pcall(string.find, 'abc', 'a.c'), 'Lua patterns refused')\n"
        "  assert(not pcall(function() return ('abc'):match('(.-)c') end), 'method form refused')\n"
        "  assert(io == nil and os == nil and require == nil and load == nil and debug == nil)\n"
        "  assert(string.dump == nil and collectgarbage == nil and dofile == nil)\n"
        "  ctx.report(plan, nil)\n"
        "end }") == HOGO_OK);
    hogo_result *r;
    CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    CHECK_INT(r->n_rule_errors, 0);
    if (r->n_rule_errors) fprintf(stderr, "  rule error: %s\n", r->rule_errors[0].message);
    CHECK(find(r, "null-vs-absent", 0) != NULL);
    hogo_result_free(r);
    hogo_engine_free(e);
}

static void test_metadata_errors(void)
{
    hogo_engine *e = engine();
    hogo_engine_set_error_callback(e, on_error, NULL);
    errors_seen = 0;
    CHECK(load(e, "t/notable.lua", "return 42") == HOGO_ERULE);
    CHECK(strstr(last_error, "t/notable.lua") != NULL);
    CHECK(load(e, "t/topic.lua", META("bad-topic", "storage.nowhere") "check = function() end }") == HOGO_ERULE);
    CHECK(strstr(last_error, "storage.nowhere") != NULL);
    CHECK(load(e, "t/noen.lua", "return { id='x', topic='storage.location', severity='low', title={ja='a'},"
                                "message={ja='a',en='b'}, follow_up={ja='a',en='b'}, precedent='p', check=function() end }") == HOGO_ERULE);
    CHECK(strstr(last_error, "title.en") != NULL);
    CHECK(load(e, "t/sev.lua", "return { id='y', topic='storage.location', severity='urgent', title={ja='a',en='b'},"
                               "message={ja='a',en='b'}, follow_up={ja='a',en='b'}, precedent='p', check=function() end }") == HOGO_ERULE);
    CHECK(strstr(last_error, "urgent") != NULL);
    CHECK(load(e, "t/syntax.lua", "return {") == HOGO_ERULE);
    CHECK(strstr(last_error, "t/syntax.lua:1:") != NULL);
    CHECK(load(e, "t/one.lua", META("dup", "storage.location") "check = function() end }") == HOGO_OK);
    CHECK(load(e, "t/two.lua", META("dup", "storage.location") "check = function() end }") == HOGO_ERULE);
    CHECK(strstr(last_error, "already loaded from t/one.lua") != NULL);
    CHECK(load(e, "t/bc.lua", "\x1bLua\x54\x00") == HOGO_ERULE);
    CHECK(strstr(last_error, "binary") != NULL || strstr(last_error, "text") != NULL);
    CHECK(errors_seen >= 7);
    CHECK(hogo_engine_find_rule(e, "dup") != NULL);
    CHECK(hogo_engine_disable(e, "no-such-rule") == HOGO_EINVAL);
    CHECK(hogo_engine_disable(e, "storage.location") == HOGO_OK);
    hogo_engine_free(e);
}

/* needs: a rule is skipped on a plan without its fields, with a `stated`
 * field absent or null, without one of its words in the plan's strings
 * (full-width and ASCII case folded; a word inside another's path found, no
 * word across two strings), or without one of its prose words in
 * a prose field's text (storage[].what is prose, .location is not); with
 * ignore_needs every rule runs; a malformed needs is a load error. */
static void test_needs(void)
{
    for (int ignore = 0; ignore < 2; ignore++) {
        hogo_options o;
        memset(&o, 0, sizeof o);
        o.today = "2021-02-17";
        o.ignore_needs = ignore;
        hogo_engine *e = NULL;
        CHECK(hogo_engine_new(&o, &e) == HOGO_OK);
        static const char *const rules[][2] = {
            { "n-field", "needs = { fields = { 'storage', 'outsourcing' } }," },   /* null counts as present */
            { "n-nofield", "needs = { fields = { 'storage', 'devices' } }," },
            { "n-word", "needs = { words = { 'nowhere', '写し' } }," },
            { "n-fold", "needs = { words = { 'ＣＬＯＵＤ' } }," },                  /* the value "cloud" */
            { "n-key", "needs = { words = { 'LOCATION' } }," },                     /* a key */
            { "n-noword", "needs = { words = { 'クラウド' } }," },
            { "n-stated", "needs = { stated = { 'storage' }, fields = { 'outsourcing' } }," },
            { "n-stated-null", "needs = { stated = { 'storage', 'outsourcing' } }," },     /* null: not stated */
            { "n-stated-absent", "needs = { stated = { 'devices' } }," },
            { "n-prose", "needs = { prose = { 'nowhere', '写し' }, words = { 'cloud' } }," },
            { "n-prose-value", "needs = { prose = { 'cloud' } }," },             /* a value, not prose */
            { "n-prose-key", "needs = { prose = { 'what' } }," },                /* a key, not prose */
            /* the words are one automaton: a word ending inside a longer one's
             * path ("premise" in on_premise, read along "on_premisez") is
             * found; two strings never make one word */
            { "n-suffix", "needs = { words = { 'on_premisez', 'premise' } }," },
            { "n-span", "needs = { words = { '台帳写し' } }," },
        };
        char text[1024];
        for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
            snprintf(text, sizeof text, "return { id = '%s', topic = 'storage.location', severity = 'medium', "
                     "title = {ja='題', en='title'}, message = {ja='m', en='m'}, follow_up = {ja='f', en='f'}, "
                     "precedent = 'test', %s check = function(plan, ctx) ctx.report(plan, 'title') end }",
                     rules[i][0], rules[i][1]);
            CHECK(load(e, "t/needs.lua", text) == HOGO_OK);
        }
        hogo_result *r = NULL;
        CHECK(hogo_screen(e, "plan.json", plan_text, strlen(plan_text), &r) == HOGO_OK && r);
        CHECK(find(r, "n-field", 0) != NULL);
        CHECK(find(r, "n-word", 0) != NULL);
        CHECK(find(r, "n-fold", 0) != NULL);
        CHECK(find(r, "n-key", 0) != NULL);
        CHECK((find(r, "n-nofield", 0) != NULL) == ignore);
        CHECK((find(r, "n-noword", 0) != NULL) == ignore);
        CHECK(find(r, "n-stated", 0) != NULL);
        CHECK((find(r, "n-stated-null", 0) != NULL) == ignore);
        CHECK((find(r, "n-stated-absent", 0) != NULL) == ignore);
        CHECK(find(r, "n-prose", 0) != NULL);
        CHECK((find(r, "n-prose-value", 0) != NULL) == ignore);
        CHECK((find(r, "n-prose-key", 0) != NULL) == ignore);
        CHECK(find(r, "n-suffix", 0) != NULL);
        CHECK((find(r, "n-span", 0) != NULL) == ignore);
        hogo_result_free(r);
        hogo_engine_free(e);
    }
    /* past 64 distinct top-level keys the keys are looked up one by one:
     * the same answers */
    {
        hogo_engine *e = engine();
        char text[1024];
        for (int i = 0; i <= 65; i++) {
            char id[32], needs[96];
            snprintf(id, sizeof id, i < 65 ? "n-many-%d" : "n-many-storage", i);
            snprintf(needs, sizeof needs, i < 65 ? "needs = { fields = { 'k%d' } }," :
                     "needs = { stated = { 'storage' }, fields = { 'outsourcing' } },", i);
            snprintf(text, sizeof text, "return { id = '%s', topic = 'storage.location', severity = 'medium', "
                     "title = {ja='題', en='title'}, message = {ja='m', en='m'}, follow_up = {ja='f', en='f'}, "
                     "precedent = 'test', %s check = function(plan, ctx) ctx.report(plan, 'title') end }",
                     id, needs);
            CHECK(load(e, "t/needs.lua", text) == HOGO_OK);
        }
        hogo_result *r = NULL;
        CHECK(hogo_screen(e, "plan.json", plan_text, strlen(plan_text), &r) == HOGO_OK && r);
        CHECK(find(r, "n-many-storage", 0) != NULL);
        CHECK(find(r, "n-many-0", 0) == NULL && find(r, "n-many-64", 0) == NULL);
        hogo_result_free(r);
        hogo_engine_free(e);
    }
    /* words of more than 32,767 bytes in all do not fit the automaton's
     * 16-bit states: they are not looked for, and every rule naming words
     * runs (as with the needs ignored) */
    {
        hogo_engine *e = engine();
        static char big[2][200 * 100 + 64];         /* two rules of 200 words of 93-95 bytes */
        for (int k = 0; k < 2; k++) {
            size_t at = (size_t)snprintf(big[k], sizeof big[k], "needs = { words = { ");
            for (int i = 0; i < 200; i++)
                at += (size_t)snprintf(big[k] + at, sizeof big[k] - at, "'%090d%d', ", k, i);
            snprintf(big[k] + at, sizeof big[k] - at, "} },");
        }
        const char *const rules[][2] = {
            { "n-big-1", big[0] },
            { "n-big-2", big[1] },
            { "n-big-noword", "needs = { words = { 'クラウド' } }," },
            { "n-big-word", "needs = { words = { '写し' } }," },
        };
        static char text[sizeof big[0] + 1024];
        for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
            snprintf(text, sizeof text, "return { id = '%s', topic = 'storage.location', severity = 'medium', "
                     "title = {ja='題', en='title'}, message = {ja='m', en='m'}, follow_up = {ja='f', en='f'}, "
                     "precedent = 'test', %s check = function(plan, ctx) ctx.report(plan, 'title') end }",
                     rules[i][0], rules[i][1]);
            CHECK(load(e, "t/needs.lua", text) == HOGO_OK);
        }
        hogo_result *r = NULL;
        CHECK(hogo_screen(e, "plan.json", plan_text, strlen(plan_text), &r) == HOGO_OK && r);
        CHECK(find(r, "n-big-1", 0) != NULL && find(r, "n-big-2", 0) != NULL);
        CHECK(find(r, "n-big-noword", 0) != NULL);
        CHECK(find(r, "n-big-word", 0) != NULL);
        hogo_result_free(r);
        hogo_engine_free(e);
    }
    hogo_engine *e = engine();
    hogo_engine_set_error_callback(e, on_error, NULL);
    static const char *const bad[] = {
        "needs = { fieldz = { 'storage' } },", "needs = { fields = 'storage' },", "needs = { words = {} },",
        "needs = { words = { 1 } },", "needs = 'storage',", "needs = setmetatable({}, {}),",
        "needs = { stated = 'storage' },", "needs = { stated = { '' } },", "needs = { prose = {} },",
        "needs = { prose = { true } },",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, META("bad-needs", "storage.location") "%s check = function() end }", bad[i]);
        CHECK(load(e, "t/badneeds.lua", text) == HOGO_ERULE);
        CHECK(strstr(last_error, "needs") != NULL);
    }
    CHECK(hogo_engine_find_rule(e, "bad-needs") == NULL);
    hogo_engine_free(e);
}

/* "did you mean": the nearest rule id an edit or three away, or one the
 * id is a fragment of; nothing when none is near */
static void test_suggest_rule(void)
{
    hogo_engine *e = engine();
    CHECK(hogo_engine_load_builtin(e) == HOGO_OK);
    const char *s = hogo_engine_suggest_rule(e, "access-loging");
    CHECK(s && !strcmp(s, "access-logging"));
    s = hogo_engine_suggest_rule(e, "acess-logginq");
    CHECK(s && !strcmp(s, "access-logging"));
    s = hogo_engine_suggest_rule(e, "access-logging");
    CHECK(s && !strcmp(s, "access-logging"));
    s = hogo_engine_suggest_rule(e, "single-person");
    CHECK(s && !strcmp(s, "verification-single-person"));
    CHECK(hogo_engine_suggest_rule(e, "zzzz-nothing-near-at-all") == NULL);
    CHECK(hogo_engine_suggest_rule(e, "") == NULL);
    hogo_engine_free(e);
}

static void test_libraries_isolated(void)
{
    hogo_engine *e = engine();
    CHECK(load(e, "t/_shared.lua", "local M = {}; function M.twice(x) return 2 * x end; return M") == HOGO_OK);
    CHECK(load(e, "t/a.lua", META("lib-a", "storage.location")
        "check = function(plan, ctx)\n"
        "  assert(not pcall(function() shared.twice = function() return 0 end end), 'libraries are frozen')\n"
        "  assert(not pcall(function() string.upper = nil end), 'the standard tables are read-only')\n"
        "  x_global = 1\n"
        "  setmetatable(_G, {__index = function() return 'evil' end})\n"
        "end }") == HOGO_OK);
    CHECK(load(e, "t/b.lua", META("lib-b", "storage.location")
        "check = function(plan, ctx)\n"
        "  assert(shared.twice(3) == 6, 'library untouched by rule a')\n"
        "  local f = hogo.freeze({a = {b = 1}})\n"
        "  assert(f.a.b == 1 and not pcall(function() f.a.b = 2 end), 'freeze is deep')\n"
        "  local sparse = {}\n"
        "  for k = 23, 0, -1 do sparse[1 << k] = k end\n"
        "  assert(hogo.freeze(sparse)[1 << 23] == 23, 'a copy is sized by its fields, not by its border')\n"
        "  local t = {a = {b = 1}, n = 2}\n"
        "  local o = hogo.freeze(t, true)\n"
        "  assert(o.a.b == 1 and o.n == 2 and not pcall(function() o.a.b = 2 end), 'owned freeze is deep')\n"
        "  assert(getmetatable(t.a) == 'read-only', 'owned: the inner table is replaced by its view')\n"
        "  local m = setmetatable({}, {__index = function() return 7 end})\n"
        "  local c = hogo.freeze({m = m}, true)\n"
        "  assert(c.m.x == nil and m.x == 7, 'a table with a metatable is copied')\n"
        "  assert(string.upper('a') == 'A', 'string table untouched')\n"
        "  assert(('a'):upper() == 'A', 'string metatable untouched')\n"
        "  assert(x_global == nil and undefined_thing == nil, 'globals untouched')\n"
        "  ctx.report(plan)\n"
        "end }") == HOGO_OK);
    hogo_result *r;
    for (int round = 0; round < 2; round++) {   /* and on the next plan too */
        CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
        CHECK_INT(r->n_rule_errors, 0);
        if (r->n_rule_errors) fprintf(stderr, "  rule error: %s\n", r->rule_errors[0].message);
        CHECK(find(r, "lib-b", 0) != NULL);
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* What the built-in pack's libraries hand out is read-only too: a term of
 * common.SENSITIVE_TERMS, the prose list of gov.prose, a cached answer. */
static void test_pack_libraries_frozen(void)
{
    hogo_engine *e = engine();
    CHECK(hogo_engine_load_builtin(e) == HOGO_OK);
    CHECK(load(e, "t/poke.lua", META("poke-pack", "storage.location")
        "check = function(plan, ctx)\n"
        "  local t = common.sensitive_term('病歴')\n"
        "  assert(t and t.ja == '病歴', 'the term is found')\n"
        "  assert(not pcall(function() t.re = 'x' end), 'a term cannot be changed')\n"
        "  assert(not pcall(function() common.SENSITIVE_TERMS[1].re = 'x' end), 'nor the list')\n"
        "  local p = gov.prose(plan); p[1] = false\n"
        "  assert(gov.prose(plan)[1] ~= false, 'each call has its own list')\n"
        "  assert(not pcall(function() gov.prose(plan)[1].text = 'x' end), 'of read-only entries')\n"
        "  assert(gov.find_claim(plan, '台帳') ~= nil, 'a claim in the prose is found')\n"
        "  assert(plan.purpose or gov.find_claim(plan, 'クラウド') == nil, 'no mention, no claim')\n"
        "  assert(gov.find_claim(plan, '^台帳$') ~= nil, 'an anchored keyword is looked for field by field')\n"
        "  if plan.purpose then\n"
        "    local f = gov.find_claim(plan, 'クラウド(*COMMIT)に保存')\n"
        "    assert(f and f.field == 'purpose', 'a verb that ends a search early: field by field')\n"
        "  end\n"
        "  ctx.report(plan)\n"
        "end }") == HOGO_OK);
    /* the second round reads the caches; the third has prose where
     * (*COMMIT) in the title's clause would end a search of all the prose */
    static const char commit_plan[] =
        "{\"format\": \"hogo-plan/1\", \"title\": \"クラウド化の検討\", \"department\": \"テスト課\",\n"
        " \"consultation\": {\"kind\": \"outsourcing\"}, \"purpose\": \"データはクラウドに保存する。\",\n"
        " \"storage\": [{\"what\": \"台帳\", \"location\": \"on_premise\"}]}\n";
    const char *plans[3] = { plan_text, plan_text, commit_plan };
    hogo_result *r;
    for (int round = 0; round < 3; round++) {
        CHECK(hogo_screen(e, "p.json", plans[round], strlen(plans[round]), &r) == HOGO_OK);
        CHECK_INT(r->n_rule_errors, 0);
        if (r->n_rule_errors) fprintf(stderr, "  rule error: %s\n", r->rule_errors[0].message);
        CHECK(find(r, "poke-pack", 0) != NULL);
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* The built-in pack loads as the build's bytecode, every file of it; from
 * its embedded source (what a liblua of another release gets) it loads the
 * same rules, counted as not precompiled, and finds the same on a plan. */
static void test_pack_bytecode(void)
{
    hogo_engine *e[2];
    hogo_engine_stats st[2];
    hogo_result *r[2];
    for (int k = 0; k < 2; k++) {
        e[k] = engine();
        CHECK(eng_load_builtin(e[k], k == 0) == HOGO_OK);
        CHECK(hogo_engine_stats_get(e[k], &st[k]) == HOGO_OK);
        CHECK(hogo_screen(e[k], "p.json", plan_text, strlen(plan_text), &r[k]) == HOGO_OK);
    }
    CHECK(st[0].pack_files > 90);
    CHECK_INT(st[0].pack_precompiled, st[0].pack_files);
    CHECK_INT(st[1].pack_files, st[0].pack_files);
    CHECK_INT(st[1].pack_precompiled, 0);
    CHECK_INT(hogo_engine_rule_count(e[1]), hogo_engine_rule_count(e[0]));
    CHECK(r[0]->n_findings > 0);
    CHECK_INT(r[1]->n_findings, r[0]->n_findings);
    CHECK_INT(r[0]->n_rule_errors + r[1]->n_rule_errors, 0);
    for (size_t i = 0; i < r[0]->n_findings && i < r[1]->n_findings; i++)
        CHECK(!strcmp(r[0]->findings[i].rule, r[1]->findings[i].rule) && !strcmp(r[0]->findings[i].path, r[1]->findings[i].path));
    for (int k = 0; k < 2; k++) {
        hogo_result_free(r[k]);
        hogo_engine_free(e[k]);
    }
}

static void test_waivers_and_score(void)
{
    hogo_engine *e = engine();
    CHECK(load(e, "t/w.lua", META("waived-rule", "storage.location")
        "severity = 'high', check = function(plan, ctx) ctx.report(plan, 'storage') end }") == HOGO_OK);
    CHECK(load(e, "t/x.lua", META("expired-rule", "storage.location")
        "severity = 'high', check = function(plan, ctx) ctx.report(plan, 'storage') end }") == HOGO_OK);
    hogo_result *r;
    /* issue 20: the plan's waiver alone is a request (申出): nothing changes */
    CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    const hogo_finding *w = find(r, "waived-rule", 0), *x = find(r, "expired-rule", 0);
    CHECK(w && !w->waived && w->waiver_requested && !strcmp(w->waiver_reason, "承認済み") && !w->waived_by);
    CHECK_INT(r->by_severity[HOGO_HIGH], 2);
    CHECK_INT(r->score, 36);
    hogo_result_free(r);
    /* an approver of the secretariat's side: the plan's waiver naming it waives */
    CHECK(hogo_engine_add_approver(e, "　審議会 ") == HOGO_OK);        /* compared trimmed */
    CHECK(hogo_engine_add_approver(e, "  ") == HOGO_EINVAL);
    CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    w = find(r, "waived-rule", 0);
    x = find(r, "expired-rule", 0);
    CHECK(w && w->waived && !w->waiver_requested && !strcmp(w->waiver_reason, "承認済み"));
    CHECK(w && w->waived_by && !strcmp(w->waived_by, "審議会") && !w->waived_by_secretariat);
    CHECK(x && !x->waived);
    CHECK_INT(r->by_severity[HOGO_HIGH], 1);
    CHECK_INT(r->score, 20);
    CHECK(r->verdict == HOGO_APPROVE_WITH_CONDITIONS);
    hogo_result_free(r);
    /* severity override from configuration wins over the rule's own */
    CHECK(hogo_engine_set_severity(e, "expired-rule", HOGO_CRITICAL) == HOGO_OK);
    CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    CHECK(r->verdict == HOGO_RE_EXAMINE);
    CHECK_INT(r->score, 50);
    hogo_result_free(r);
    /* a waiver of the secretariat's own, for this plan's id only */
    hogo_waiver sw = { .plan = "T-1", .rule = "expired-rule", .reason = "事務局で確認", .approved_by = "事務局長" };
    CHECK(hogo_engine_add_waiver(e, &sw) == HOGO_OK);
    hogo_waiver bad = { .plan = "T-1", .rule = "expired-rule", .reason = "" };
    CHECK(hogo_engine_add_waiver(e, &bad) == HOGO_EINVAL);
    CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    x = find(r, "expired-rule", 0);
    CHECK(x && !x->waived);                     /* plan_text has no id: not T-1 */
    hogo_result_free(r);
    char with_id[4096];
    const char *title = strstr(plan_text, "\"title\"");
    snprintf(with_id, sizeof with_id, "%.*s\"id\": \"T-1\", %s", (int)(title - plan_text), plan_text, title);
    CHECK(hogo_screen(e, "p.json", with_id, strlen(with_id), &r) == HOGO_OK);
    x = find(r, "expired-rule", 0);
    CHECK(x && x->waived && x->waived_by_secretariat && x->waived_by && !strcmp(x->waived_by, "事務局長"));
    CHECK(r->verdict == HOGO_APPROVE);          /* both high findings waived */
    hogo_result_free(r);
    hogo_engine_free(e);
}

/* ctx.report's incomplete and precedent options: a core fact not stated makes
 * the plan 記載不足 (unless critical findings send it back), and a rule may
 * cite the precedent that fits the plan. */
static void test_incomplete_and_precedent(void)
{
    hogo_engine *e = engine();
    CHECK(load(e, "t/i.lua", META("core-missing", "retention.period")
        "severity = 'low', check = function(plan, ctx) ctx.report(plan, 'retention', "
        "{ incomplete = true, precedent = 'fits this plan' }) end }") == HOGO_OK);
    hogo_result *r;
    CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    const hogo_finding *f = find(r, "core-missing", 0);
    CHECK(f && f->incomplete && !strcmp(f->precedent, "fits this plan"));
    CHECK(r->verdict == HOGO_INCOMPLETE);
    CHECK(!strcmp(hogo_verdict_name(r->verdict), "incomplete"));
    hogo_result_free(r);
    CHECK(hogo_engine_set_severity(e, "core-missing", HOGO_CRITICAL) == HOGO_OK);
    CHECK(hogo_screen(e, "p.json", plan_text, strlen(plan_text), &r) == HOGO_OK);
    CHECK(r->verdict == HOGO_RE_EXAMINE);
    hogo_result_free(r);
    hogo_engine_free(e);
}

static void test_input_errors(void)
{
    hogo_engine *e = engine();
    hogo_result *r;
    const char *bad = "{\n  \"format\": \"hogo-plan/1\",\n  \"title\": \"t\",\n  \"department\": \"d\",\n"
                      "  \"consultation\": {\"kind\": \"outsorcing\"}\n}\n";
    CHECK(hogo_screen(e, "bad.json", bad, strlen(bad), &r) == HOGO_OK);
    CHECK(!r->screened);
    CHECK_INT(r->n_errors, 1);
    if (r->n_errors) {
        CHECK_STR(r->errors[0].path, "/consultation/kind");
        CHECK_INT(r->errors[0].line, 5);
        CHECK(strstr(r->errors[0].message, "outsorcing") != NULL);
    }
    CHECK(r->verdict == HOGO_RE_EXAMINE);
    hogo_result_free(r);
    const char *broken = "{\n  \"format\": \"hogo-plan/1\",\n  \"title\": \"t\"\n  \"department\": \"d\"\n}";
    CHECK(hogo_screen(e, "broken.json", broken, strlen(broken), &r) == HOGO_OK);
    CHECK_INT(r->n_errors, 1);
    if (r->n_errors) {
        /* the comma is missing at the end of line 3, where it is to be written */
        CHECK_INT(r->errors[0].line, 3);
        CHECK(strstr(r->errors[0].message, "行目の末尾にカンマ") != NULL);
    }
    hogo_result_free(r);
    hogo_engine_free(e);
}

static void test_jsonpos(void)
{
    const char *t = "\xEF\xBB\xBF{\"a\": [1, {\"b~/c\": \"\\u00e9\"}],\n \"日本\": {\"x\": true}}";
    size_t len = strlen(t);
    jpos *p = jpos_build(t, len, 3);
    CHECK(p != NULL);
    int exact, line, col;
    size_t off = jpos_resolve(p, "/a/1/b~0~1c", &exact);
    CHECK(exact);
    CHECK(t[off] == '"');
    jpos_linecol(p, off, &line, &col);
    CHECK_INT(line, 1);
    CHECK_INT(col, 20);                 /* the BOM is not a column */
    off = jpos_resolve(p, "/日本/x", &exact);
    CHECK(exact);
    jpos_linecol(p, off, &line, &col);
    CHECK_INT(line, 2);
    CHECK_INT(col, 14);                 /* columns count code points */
    off = jpos_resolve(p, "/a/7", &exact);
    CHECK(!exact);
    CHECK(t[off] == '[');
    char *ptr = jpos_pointer_at(p, (size_t)(strstr(t, "true") - t));
    CHECK_STR(ptr, "/日本/x");
    free(ptr);
    jpos_free(p);
    char msg[160];
    size_t at;
    CHECK(jpos_syntax_error("{\"a\": 1,}", 9, 0, msg, sizeof msg, &at) == 0);
    CHECK(strstr(msg, "trailing comma") != NULL);
    CHECK(jpos_syntax_error("{'a': 1}", 8, 0, msg, sizeof msg, &at) == 0);
    CHECK(strstr(msg, "single quotes") != NULL);
    CHECK(jpos_syntax_error("[1, 2]", 6, 0, msg, sizeof msg, &at) == 1);
}

int main(void)
{
    test_report_paths();
    test_null_absent_readonly();
    test_metadata_errors();
    test_needs();
    test_suggest_rule();
    test_libraries_isolated();
    test_pack_libraries_frozen();
    test_pack_bytecode();
    test_waivers_and_score();
    test_incomplete_and_precedent();
    test_input_errors();
    test_jsonpos();
    return check_done();
}
