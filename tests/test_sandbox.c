/* test_sandbox.c -- every promise of the rule sandbox (docs/security.md),
 * proven by a hostile rule through the public API.
 *
 * Each check loads a hostile rule and, after it, a well-behaved rule into
 * the same engine, screens a small plan and asserts both halves of the
 * promise: the hostile rule lands in result->rule_errors with a message
 * naming the limit it hit, its file and its line, AND the good rule still
 * produced its finding, computed with the very functions the hostile rule
 * tried to tamper with (string.find, ("x"):upper(), table.insert, tostring,
 * pairs, hogo.test, the plan's title).  The tests in the spirit of those
 * Redis (tests/unit/scripting.tcl) and Suricata (lua sandbox tests) keep for
 * their own Lua sandboxes: infinite loops, string.rep bombs, deep recursion,
 * os/io/require, bytecode, _G and string-metatable tampering, catastrophic
 * regexes.
 *
 * Every check also bounds its own time: a sandbox that "works" by running
 * for minutes is a broken sandbox.  The whole program runs in a few seconds
 * with the default limits. */
#include "check.h"
#include "hogo.h"

#include <lauxlib.h>
#include <lua.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The metadata every test rule shares; the message shows the var {v}. */
#define META(id) \
    "return { id = '" id "', topic = 'storage.location', severity = 'low',\n" \
    "  title = {ja = 'テスト', en = 'test'}, message = {ja = 'v={v}', en = 'v={v}'},\n" \
    "  follow_up = {ja = '対応', en = 'do it'}, precedent = 'test',\n"
/* Line 5 of a rule built with HOSTILE() is the first line of its body. */
#define HOSTILE(id, body) META(id) "  check = function(plan, ctx)\n" body "\n  end }\n"
#define BODY_LINE 5

/* The well-behaved rule: every value it reports comes from a function a
 * hostile rule may have tried to replace, in its own copy or for everyone. */
static const char good_rule[] = META("sandbox-good")
    "  check = function(plan, ctx)\n"
    "    local t = {}\n"
    "    table.insert(t, ('abc'):upper())\n"
    "    table.insert(t, tostring(string.find('xyz', 'y', 1, true)))\n"
    "    table.insert(t, tostring(('xyz'):find('z', 1, true)))\n"
    "    table.insert(t, tostring(hogo.test('テスト', '^\\\\w+$')))\n"
    "    table.insert(t, tostring(math.floor(2.5)))\n"
    "    local n = 0\n"
    "    for _ in pairs(plan) do n = n + 1 end\n"
    "    table.insert(t, tostring(n))\n"
    "    table.insert(t, plan.title)\n"
    "    table.insert(t, tostring(_G.os) .. tostring(rawget))\n"
    "    ctx.report(plan, 'title', {vars = {v = table.concat(t, ',')}})\n"
    "  end }\n";
#define GOOD_MESSAGE "v=ABC,2,3,true,2,5,テスト,nilnil"

static const char small_plan[] =
    "{\n"
    "  \"format\": \"hogo-plan/1\",\n"
    "  \"title\": \"テスト\",\n"
    "  \"department\": \"テスト課\",\n"
    "  \"consultation\": {\"kind\": \"outsourcing\"},\n"
    "  \"storage\": [{\"what\": \"台帳\", \"location\": \"cloud\"}]\n"
    "}\n";

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Load errors land here (the load-time tests read them). */
static char load_error[2048];
static int load_errors;
static void on_error(void *ud, hogo_status code, const char *msg)
{
    (void)ud; (void)code;
    load_errors++;
    snprintf(load_error, sizeof load_error, "%s", msg);
}

static hogo_engine *engine(const hogo_options *opt)
{
    hogo_options o;
    if (opt) o = *opt; else memset(&o, 0, sizeof o);
    o.today = "2021-02-17";
    hogo_engine *e = NULL;
    CHECK(hogo_engine_new(&o, &e) == HOGO_OK);
    if (e) hogo_engine_set_error_callback(e, on_error, NULL);
    load_errors = 0;
    load_error[0] = '\0';
    return e;
}

static hogo_status load(hogo_engine *e, const char *name, const char *text)
{
    return hogo_engine_load_rule(e, name, text, strlen(text));
}

static size_t count_findings(const hogo_result *r, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_findings; i++) n += !strcmp(r->findings[i].rule, rule);
    return n;
}

static const hogo_finding *finding(const hogo_result *r, const char *rule)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (!strcmp(r->findings[i].rule, rule)) return &r->findings[i];
    return NULL;
}

/* The good rule ran, after the hostile one, and saw an untouched world. */
static void check_good_ran(const hogo_result *r, const char *what)
{
    const hogo_finding *f = finding(r, "sandbox-good");
    if (!f) fprintf(stderr, "  (%s: the good rule produced no finding)\n", what);
    CHECK(f != NULL);
    if (f) CHECK_STR(f->message[HOGO_EN], GOOD_MESSAGE);
    for (size_t i = 0; i < r->n_rule_errors; i++)
        CHECK(strcmp(r->rule_errors[i].rule, "sandbox-good") != 0);
}

/* Screen plan with the hostile rule (file name "hostile/<id>.lua") then the
 * good rule.  Expect the hostile rule stopped with want in its message at
 * line want_line (0 = any line > 0 is fine, -1 = not checked), no finding
 * from it, and the good rule's finding.  Returns the seconds it took. */
static double expect_stopped_opt(const hogo_options *opt, const char *id, const char *rule_text,
                                 const char *plan, size_t plan_len, const char *want, int want_line)
{
    char file[128];
    snprintf(file, sizeof file, "hostile/%s.lua", id);
    hogo_engine *e = engine(opt);
    if (!e) return 0;
    CHECK(load(e, file, rule_text) == HOGO_OK);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    if (load_errors) fprintf(stderr, "  (%s: load error: %s)\n", id, load_error);
    double t0 = now_s();
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", plan, plan_len, &r) == HOGO_OK);
    double dt = now_s() - t0;
    if (!r) { hogo_engine_free(e); return dt; }
    CHECK(r->screened);
    CHECK_INT(r->n_errors, 0);
    CHECK_INT(r->n_rule_errors, 1);
    if (r->n_rule_errors >= 1) {
        const hogo_rule_error *re = &r->rule_errors[0];
        CHECK_STR(re->rule, id);
        CHECK_STR(re->file, file);
        if (want_line > 0 && re->line != want_line) fprintf(stderr, "  (%s: line %d: %s)\n", id, re->line, re->message);
        if (want_line > 0) CHECK_INT(re->line, want_line);
        else if (want_line == 0) CHECK(re->line > 0);
        if (!re->message || !strstr(re->message, want)) {
            fprintf(stderr, "  (%s: message \"%s\" lacks \"%s\")\n", id, re->message ? re->message : "(null)", want);
            CHECK(0);
        } else {
            CHECK(1);
        }
    }
    CHECK_INT(count_findings(r, id), 0);
    check_good_ran(r, id);
    hogo_result_free(r);
    double t1 = now_s();
    hogo_engine_free(e);       /* must not hang either (finalizers, close) */
    CHECK(now_s() - t1 < 5.0);
    return dt;
}

static double expect_stopped(const char *id, const char *rule_text, const char *want, int want_line)
{
    return expect_stopped_opt(NULL, id, rule_text, small_plan, strlen(small_plan), want, want_line);
}

/* The hostile rule is not an error (its tampering is simply without
 * effect): no rule error at all, the good rule's finding as expected.
 * Returns the hostile rule's findings count. */
static size_t expect_harmless(const char *id, const char *rule_text)
{
    char file[128];
    snprintf(file, sizeof file, "hostile/%s.lua", id);
    hogo_engine *e = engine(NULL);
    if (!e) return 0;
    CHECK(load(e, file, rule_text) == HOGO_OK);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    if (load_errors) fprintf(stderr, "  (%s: load error: %s)\n", id, load_error);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    size_t n = 0;
    if (r) {
        CHECK_INT(r->n_rule_errors, 0);
        for (size_t i = 0; i < r->n_rule_errors; i++)
            fprintf(stderr, "  (%s: unexpected rule error: %s)\n", id, r->rule_errors[i].message);
        check_good_ran(r, id);
        n = count_findings(r, id);
        hogo_result_free(r);
    }
    hogo_engine_free(e);
    return n;
}

/* ---- loops ---- */

static void progress(const char *name)
{
    static double t_last;
    double t = now_s();
    if (t_last > 0) printf(" (%.2f s)\n", t - t_last);
    if (name) printf("%s", name);
    fflush(stdout);
    t_last = t;
}

static void test_infinite_loop(void)
{
    double dt = expect_stopped("loop", HOSTILE("loop", "    while true do end"),
                               "instruction budget of 50000000 exceeded (--rule-instructions)", BODY_LINE);
    CHECK(dt < 10.0);
}

static void test_pcall_infinite_loop(void)
{
    /* the budget error must pass through the rule's pcall, or the rule
     * would catch it and loop again */
    expect_stopped("pcall-loop", HOSTILE("pcall-loop",
        "    for i = 1, 3 do pcall(function() while true do end end) end\n"
        "    ctx.report(plan, nil, {vars = {v = 'escaped'}})"),
        "instruction budget", BODY_LINE);
    /* and through xpcall, whose handler also loops */
    expect_stopped("xpcall-loop", HOSTILE("xpcall-loop",
        "    xpcall(function() while true do end end, function(m) while true do end end)\n"
        "    ctx.report(plan, nil, {vars = {v = 'escaped'}})"),
        "instruction budget", 0);
    /* an error object whose __tostring loops, met by the message handler */
    expect_stopped("tostring-loop", HOSTILE("tostring-loop",
        "    error(setmetatable({}, {__tostring = function() while true do end end}))"),
        "instruction budget", -1);
}

/* Work done inside one C call, where no count hook runs, must still be
 * bounded: table.move over a huge empty range, table.insert/remove on a
 * table whose __len lies, string.rep of the empty string. */
static void test_c_loops(void)
{
    double dt = expect_stopped("table-move", HOSTILE("table-move",
        "    table.move({}, 1, 1e15, 1)"), "instruction budget", BODY_LINE);
    CHECK(dt < 10.0);
    dt = expect_stopped("table-insert-len", HOSTILE("table-insert-len",
        "    local t = setmetatable({}, {__len = function() return 1e15 end})\n"
        "    table.insert(t, 1, 'x')"), "instruction budget", BODY_LINE + 1);
    CHECK(dt < 10.0);
    dt = expect_stopped("table-remove-len", HOSTILE("table-remove-len",
        "    local t = setmetatable({}, {__len = function() return 1e15 end})\n"
        "    table.remove(t, 1)"), "instruction budget", BODY_LINE + 1);
    CHECK(dt < 10.0);
    /* table.concat and table.sort over C metamethods: no Lua instruction
     * runs inside them (the sort below never ended) */
    dt = expect_stopped("table-concat-len", HOSTILE("table-concat-len",
        "    local t = setmetatable({}, {__len = function() return 1e15 end, __index = rawlen})\n"
        "    table.concat(t)"), "instruction budget", BODY_LINE + 1);
    CHECK(dt < 10.0);
    /* the whole integer range is 2^64 steps: j - i + 1 wrapped to 0 and was
     * charged nothing (the review found the engine hung for good) */
    dt = expect_stopped("table-concat-span", HOSTILE("table-concat-span",
        "    local t = setmetatable({}, {__index = table.concat})\n"
        "    table.concat(t, '', math.mininteger, math.maxinteger)"), "instruction budget", BODY_LINE + 1);
    CHECK(dt < 10.0);
    dt = expect_stopped("table-move-span", HOSTILE("table-move-span",
        "    table.move({}, math.mininteger, math.maxinteger, 1)"), "", BODY_LINE);
    CHECK(dt < 10.0);
    dt = expect_stopped("table-sort-len", HOSTILE("table-sort-len",
        "    local t = setmetatable({}, {__len = function() return 1e9 end, __index = rawlen, __newindex = rawequal})\n"
        "    table.sort(t)"), "cannot be sorted", BODY_LINE + 1);
    CHECK(dt < 10.0);
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.rule_instructions = 2000000;      /* the loop takes ~1M, the sort is charged 3.6M */
    dt = expect_stopped_opt(&o, "table-sort-big", HOSTILE("table-sort-big",
        "    local t = {} for i = 1, 2e5 do t[i] = 2e5 - i end\n"
        "    table.sort(t)"), small_plan, strlen(small_plan), "instruction budget", BODY_LINE + 1);
    CHECK(dt < 10.0);
    /* ordinary uses still work */
    size_t ok = expect_harmless("table-sort-ok", HOSTILE("table-sort-ok",
        "    local t = {'c', 'a', 'b'} table.sort(t)\n"
        "    local u = setmetatable({3, 1, 2}, {__tostring = function() return 'u' end}) table.sort(u, function(a, b) return a > b end)\n"
        "    ctx.report(plan, nil, {vars = {v = table.concat(t, ',') .. table.concat(u, ',', 2) .. table.concat(t, '', 2, 3)}})"));
    CHECK_INT(ok, 1);
    /* the empty string repeated any number of times is the empty string,
     * returned at once, not after 2^62 turns of a C loop */
    double t0 = now_s();
    size_t n = expect_harmless("empty-rep", HOSTILE("empty-rep",
        "    local s = ('') :rep(math.maxinteger) .. ('') :rep(1e18, '')\n"
        "    ctx.report(plan, nil, {vars = {v = #s}})"));
    CHECK_INT(n, 1);
    CHECK(now_s() - t0 < 5.0);
}

/* A loop of C calls that each do a lot of work (upper-casing megabytes)
 * costs few VM instructions per turn; the budget also bounds its CPU time,
 * looked at every 10 ms or every turn (the hook's step fits the clock), so
 * it is stopped about when its 2 s of CPU are spent, even under ASan. */
static void test_c_heavy_loop(void)
{
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.rule_instructions = 5000000;
    double dt = expect_stopped_opt(&o, "heavy-calls", HOSTILE("heavy-calls",
        "    local s = ('x'):rep(4000000)\n"
        "    for i = 1, 1e9 do local u = s:upper() end"),
        small_plan, strlen(small_plan), "instruction budget", -1);
    CHECK(dt < 15.0);
    /* the same with the `..` operator: one VM instruction copying megabytes */
    dt = expect_stopped_opt(&o, "heavy-concat", HOSTILE("heavy-concat",
        "    local s = ('x'):rep(2000000)\n"
        "    for i = 1, 1e9 do local u = s .. i end"),
        small_plan, strlen(small_plan), "instruction budget", -1);
    CHECK(dt < 15.0);
}

/* ---- when the instruction budget counts (engine/sbx_watch.c) ----
 * A rule call starts with no count hook; a watchdog arms it, from a signal
 * handler on the rule's own thread, once the call has run 2 ms.  The loops
 * above are stopped that way; these check the rest of the promise. */

/* Work charged up front counts from the call's first instruction, with no
 * hook armed: a budget of 1,000 stops table.move over 5,000 elements at
 * once, whatever the clock. */
static void test_charge_without_hook(void)
{
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.rule_instructions = 1000;
    double dt = expect_stopped_opt(&o, "charge-early", HOSTILE("charge-early",
        "    table.move({}, 1, 5000, 1)"), small_plan, strlen(small_plan),
        "instruction budget of 1000 exceeded (--rule-instructions)", BODY_LINE);
    CHECK(dt < 10.0);
}

/* HOGO_EXACT_INSTRUCTIONS=1 counts from the first instruction: a loop of
 * two million instructions, which may end within the grace period, is
 * stopped by a budget of 100,000 on every machine. */
static void test_exact_instructions(void)
{
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.rule_instructions = 100000;
    setenv("HOGO_EXACT_INSTRUCTIONS", "1", 1);
    double dt = expect_stopped_opt(&o, "exact", HOSTILE("exact",
        "    local n = 0 for i = 1, 1e6 do n = n + i end ctx.report(plan, nil, {vars = {v = n}})"),
        small_plan, strlen(small_plan), "instruction budget of 100000 exceeded (--rule-instructions)", BODY_LINE);
    unsetenv("HOGO_EXACT_INSTRUCTIONS");
    CHECK(dt < 10.0);
}

/* Loops on three threads at once, each in its own engine, are each stopped
 * on their own thread with the usual error (the signal goes to the thread
 * running the call); threads that end free their watchdog slot and the
 * next ones get theirs. */
typedef struct { int ok, stopped, good; char msg[256]; } loop_outcome;

static void *loop_thread(void *arg)
{
    loop_outcome *out = arg;
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.today = "2021-02-17";
    hogo_engine *e = NULL;
    if (hogo_engine_new(&o, &e) != HOGO_OK) return NULL;
    const char *loop = HOSTILE("thread-loop", "    while true do end");
    hogo_result *r = NULL;
    if (load(e, "hostile/thread-loop.lua", loop) == HOGO_OK && load(e, "good.lua", good_rule) == HOGO_OK &&
        hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK && r) {
        out->ok = 1;
        for (size_t i = 0; i < r->n_rule_errors; i++)
            if (!strcmp(r->rule_errors[i].rule, "thread-loop")) {
                snprintf(out->msg, sizeof out->msg, "%s", r->rule_errors[i].message);
                out->stopped = strstr(out->msg, "instruction budget of 50000000 exceeded") != NULL &&
                               r->rule_errors[i].line == BODY_LINE;
            }
        const hogo_finding *f = finding(r, "sandbox-good");
        out->good = f && !strcmp(f->message[HOGO_EN], GOOD_MESSAGE);
    }
    hogo_result_free(r);
    hogo_engine_free(e);
    return NULL;
}

static void test_late_hook_threads(void)
{
    for (int round = 0; round < 2; round++) {
        pthread_t t[3];
        loop_outcome out[3];
        memset(out, 0, sizeof out);
        int made[3];
        for (int i = 0; i < 3; i++) made[i] = pthread_create(&t[i], NULL, loop_thread, &out[i]) == 0;
        for (int i = 0; i < 3; i++) {
            CHECK(made[i]);
            if (!made[i]) continue;
            pthread_join(t[i], NULL);
            if (!out[i].stopped) fprintf(stderr, "  (thread %d: \"%s\")\n", i, out[i].msg);
            CHECK(out[i].ok);
            CHECK(out[i].stopped);
            CHECK(out[i].good);
        }
    }
}

/* ---- memory ---- */

static void test_memory_bomb(void)
{
    expect_stopped("memory-bomb", HOSTILE("memory-bomb",
        "    local t = {}\n"
        "    for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end"),
        "memory budget of 16777216 bytes exceeded (--rule-memory)", BODY_LINE + 1);
}

static void test_pcall_memory_bomb(void)
{
    /* memory refused inside pcall: a table that grows, then a string too
     * large for the budget (raised by lauxlib as an ordinary error) */
    expect_stopped("pcall-memory", HOSTILE("pcall-memory",
        "    pcall(function() local t = {} for i = 1, 1e9 do t[i] = {i} end end)\n"
        "    ctx.report(plan, nil, {vars = {v = 'escaped'}})"),
        "memory budget", BODY_LINE);
    expect_stopped("pcall-rep", HOSTILE("pcall-rep",
        "    local ok, err = pcall(string.rep, 'x', 2^30)\n"
        "    ctx.report(plan, nil, {vars = {v = tostring(err)}})"),
        "memory budget", BODY_LINE);
    expect_stopped("xpcall-memory", HOSTILE("xpcall-memory",
        "    xpcall(function() return ('x'):rep(2^30) end, function(m) return 'caught' end)\n"
        "    ctx.report(plan, nil, {vars = {v = 'escaped'}})"),
        "memory budget", BODY_LINE);
}

static void test_string_rep_huge(void)
{
    expect_stopped("rep-2-40", HOSTILE("rep-2-40", "    local s = ('x'):rep(2^40)"),
                   "memory budget", BODY_LINE);
    expect_stopped("rep-sep", HOSTILE("rep-sep", "    local s = string.rep('x', 1e12, ',')"),
                   "memory budget", BODY_LINE);
    expect_stopped("rep-concat", HOSTILE("rep-concat",
        "    local s = ('x'):rep(2^20)\n"
        "    while true do s = s .. s end"), "memory budget", BODY_LINE + 1);
}

/* The plan (however large) is the engine's, not the rule's: a trivial rule
 * runs on a 4 MB plan with a 64 KiB budget, while the same budget stops a
 * rule that allocates 1 MB. */
static void test_plan_memory_not_counted(void)
{
    size_t cap = 5u << 20, n = 0;
    char *plan = malloc(cap);
    if (!plan) { CHECK(0); return; }
    n += (size_t)snprintf(plan + n, cap - n, "{\"format\":\"hogo-plan/1\",\"title\":\"大きな計画\","
                          "\"department\":\"テスト課\",\"consultation\":{\"kind\":\"outsourcing\"},"
                          "\"data\":{\"items\":[");
    for (int i = 0; i < 20000; i++)
        n += (size_t)snprintf(plan + n, cap - n, "%s{\"name\":\"項目%06d %0150d\",\"category\":\"other\"}",
                              i ? "," : "", i, i);
    n += (size_t)snprintf(plan + n, cap - n, "]}}");
    CHECK(n > 3000000 && n < cap);

    hogo_options o;
    memset(&o, 0, sizeof o);
    o.rule_memory = 64 * 1024;
    hogo_engine *e = engine(&o);
    CHECK(load(e, "trivial.lua", HOSTILE("trivial",
        "    local items = plan.data.items\n"
        "    ctx.report(plan.data, 'items', {vars = {v = #items .. ' ' .. items[#items].name:sub(1, 12)}})")) == HOGO_OK);
    CHECK(load(e, "hostile/megabyte.lua", HOSTILE("megabyte", "    local s = ('x'):rep(1000000)")) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "big.json", plan, n, &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_errors, 0);
        CHECK(r->screened);
        const hogo_finding *f = finding(r, "trivial");
        CHECK(f != NULL);
        if (f) CHECK_STR(f->message[HOGO_EN], "v=20000 項目019999");
        CHECK_INT(r->n_rule_errors, 1);
        if (r->n_rule_errors) {
            CHECK_STR(r->rule_errors[0].rule, "megabyte");
            CHECK(strstr(r->rule_errors[0].message, "memory budget of 65536 bytes") != NULL);
        }
        hogo_result_free(r);
    }
    hogo_engine_free(e);
    free(plan);
}

/* ---- recursion ---- */

static void test_deep_recursion(void)
{
    /* the Lua stack grows until the memory budget or Lua's own stack limit
     * stops it, whichever comes first: either is named */
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "hostile/recurse.lua", HOSTILE("recurse",
        "    local function f(n) return 1 + f(n + 1) end\n"
        "    f(1)")) == HOGO_OK);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_rule_errors, 1);
        if (r->n_rule_errors) {
            const char *m = r->rule_errors[0].message;
            CHECK(strstr(m, "stack overflow") || strstr(m, "memory budget"));
            CHECK_STR(r->rule_errors[0].file, "hostile/recurse.lua");
            CHECK_INT(r->rule_errors[0].line, BODY_LINE);
        }
        check_good_ran(r, "recurse");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
    /* through C: pcall calling itself exhausts the C stack, not the process */
    expect_stopped("c-recurse", HOSTILE("c-recurse",
        "    local function f() return pcall(f) end\n"
        "    f()\n"
        "    local function g() return tostring(setmetatable({}, {__tostring = g})) end\n"
        "    g()"), "", -1);
}

/* ---- what a rule cannot reach ---- */

static void test_os_execute(void)
{
    const char *marker = "/tmp/hogo-sandbox-pwned";
    unlink(marker);
    expect_stopped("os-execute", HOSTILE("os-execute",
        "    os.execute('touch /tmp/hogo-sandbox-pwned')"),
        "attempt to index a nil value (global 'os')", BODY_LINE);
    CHECK(access(marker, F_OK) != 0);
}

static void test_io_open(void)
{
    expect_stopped("io-open", HOSTILE("io-open",
        "    local f = io.open('/etc/passwd')\n"
        "    ctx.report(plan, nil, {vars = {v = f:read('a')}})"),
        "attempt to index a nil value (global 'io')", BODY_LINE);
}

static void test_require(void)
{
    expect_stopped("require", HOSTILE("require", "    local os = require('os')"),
                   "attempt to call a nil value (global 'require')", BODY_LINE);
    expect_stopped("load", HOSTILE("load", "    load('return 1')()"),
                   "attempt to call a nil value (global 'load')", BODY_LINE);
    expect_stopped("dofile", HOSTILE("dofile", "    dofile('/etc/passwd')"),
                   "global 'dofile'", BODY_LINE);
}

/* None of the dangerous names is reachable by any road: globals, _G, _ENV,
 * the string metatable. */
static void test_forbidden_absent(void)
{
    size_t n = expect_harmless("probe", HOSTILE("probe",
        "    local names = {'load', 'loadstring', 'dofile', 'loadfile', 'require', 'collectgarbage',\n"
        "      'debug', 'io', 'os', 'package', 'coroutine', 'module', 'setfenv', 'getfenv', 'newproxy',\n"
        "      'rawset', 'rawget', 'gcinfo', 'print', 'arg'}\n"
        "    for _, name in ipairs(names) do\n"
        "      if _G[name] ~= nil or _ENV[name] ~= nil then ctx.report(plan, nil, {vars = {v = name}}) end\n"
        "    end\n"
        "    if string.dump ~= nil or ('').dump ~= nil then ctx.report(plan, nil, {vars = {v = 'dump'}}) end\n"
        "    if getmetatable('') ~= 'string' then ctx.report(plan, nil, {vars = {v = 'string mt'}}) end\n"
        "    if getmetatable(plan) == nil or type(getmetatable(plan)) == 'table' then\n"
        "      ctx.report(plan, nil, {vars = {v = 'plan mt'}})\n"
        "    end"));
    CHECK_INT(n, 0);
}

typedef struct { char *p; size_t n; } dump_buf;

static int dump_writer(lua_State *L, const void *chunk, size_t sz, void *ud)
{
    (void)L;
    dump_buf *b = ud;
    char *p = realloc(b->p, b->n + sz);
    if (!p) return 1;
    memcpy(p + b->n, chunk, sz);
    b->p = p;
    b->n += sz;
    return 0;
}

static void test_bytecode_refused(void)
{
    /* real bytecode of a valid rule, made by the host's Lua: refused at load
     * (precompiled chunks can crash the VM), and the engine goes on */
    lua_State *L = luaL_newstate();
    CHECK(L != NULL);
    if (!L) return;
    const char *src = HOSTILE("bytecode", "    ctx.report(plan, nil, {vars = {v = 'bytecode ran'}})");
    CHECK(luaL_loadbuffer(L, src, strlen(src), "=bytecode") == LUA_OK);
    dump_buf b = { NULL, 0 };
    CHECK(lua_dump(L, dump_writer, &b, 0) == 0);
    lua_close(L);
    CHECK(b.n > 4 && memcmp(b.p, "\x1bLua", 4) == 0);

    hogo_engine *e = engine(NULL);
    CHECK(hogo_engine_load_rule(e, "hostile/bytecode.lua", b.p, b.n) == HOGO_ERULE);
    CHECK(strstr(load_error, "binary chunk") != NULL);
    /* a text that merely starts like bytecode, and a library in bytecode */
    CHECK(load(e, "hostile/fake.lua", "\x1bLua\x54\x00garbage") == HOGO_ERULE);
    CHECK(strstr(load_error, "binary chunk") != NULL);
    CHECK(hogo_engine_load_rule(e, "_bytecode.lua", b.p, b.n) == HOGO_ERULE);
    CHECK(strstr(load_error, "binary chunk") != NULL);
    free(b.p);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    CHECK(hogo_engine_find_rule(e, "bytecode") == NULL);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(count_findings(r, "bytecode"), 0);
        check_good_ran(r, "bytecode");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
    /* and no road inside a rule makes or runs bytecode */
    expect_stopped("load-bytecode", HOSTILE("load-bytecode",
        "    local f = load(('\\27Lua'):rep(2), 'x', 'b')"), "global 'load'", BODY_LINE);
    expect_stopped("dump", HOSTILE("dump",
        "    local b = string.dump(function() end)"), "field 'dump'", BODY_LINE);
}

/* ---- tampering with what other rules see ---- */

/* A rule's globals are its own (a new table for every plan, reading
 * through to a shared read-only base): poisoning them, or trying to write
 * into the standard tables, stops that rule at most, never another. */
static void test_setmetatable_G(void)
{
    expect_stopped("tamper-g", META("tamper-g")
        "  -- at load time and at screen time: poison everything reachable\n"
        "  init = (function()\n"
        "    setmetatable(_G, {__index = function() error('hijacked') end, __newindex = function() end})\n"
        "  end)(),\n"
        "  check = function(plan, ctx)\n"
        "    setmetatable(_G, {__index = function() return function() return 'hacked' end end})\n"
        "    string.find = function() return 99 end\n"
        "    string.upper = function() return 'hacked' end\n"
        "    table.insert = function() end\n"
        "    table.concat = function() return 'hacked' end\n"
        "    math.floor = function() return -1 end\n"
        "    hogo.test = function() return false end\n"
        "    tostring = function() return 'hacked' end\n"
        "    pairs = nil\n"
        "    _G.os = {execute = function() end}\n"
        "    rawget = function() end\n"
        "    _ENV = nil\n"
        "  end }\n", "", -1);
}

static void test_string_find_rewrite(void)
{
    /* a rule that rewrites string.find (its own copy, and through the string
     * metatable's __index, which every string shares) for the next rule */
    expect_stopped("rewrite-find", HOSTILE("rewrite-find",
        "    string.find = function() return 99 end\n"
        "    local idx = ('').find\n"
        "    local ok = pcall(function() getmetatable('').__index.find = function() return 99 end end)\n"
        "    ok = pcall(function() getmetatable('').__index = {find = function() return 99 end} end)\n"
        "    ok = pcall(setmetatable, '', {__index = {find = function() return 99 end}})\n"
        "    if ('xyz'):find('z', 1, true) ~= 3 then ctx.report(plan, nil, {vars = {v = 'method'}}) end"),
        "read-only", BODY_LINE);
    /* the rule's own globals take any value, gone after the plan */
    size_t n = expect_harmless("own-globals", HOSTILE("own-globals",
        "    find = function() return 99 end\n"
        "    local string = {upper = function() return 'x' end}\n"
        "    if find() ~= 99 or string.upper('a') ~= 'x' or _G.find ~= find then error('own globals') end"));
    CHECK_INT(n, 0);
    /* top-level code runs in the same kind of environment: refused at load */
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "hostile/rewrite-find-load.lua", META("rewrite-find-load")
        "  check = (function() string.find = function() return 99 end; return function() end end)(),\n"
        "  init = (function() string.upper = nil end)() }\n") == HOGO_ERULE);
    CHECK(strstr(load_error, "read-only") != NULL);
    hogo_engine_free(e);
}

static void test_string_metatable(void)
{
    expect_stopped("string-mt", HOSTILE("string-mt",
        "    getmetatable('').__index = {upper = function() return 'hacked' end}"),
        "attempt to index a string value", BODY_LINE);
    expect_stopped("string-setmt", HOSTILE("string-setmt",
        "    setmetatable('', {})"), "bad argument #1 to 'setmetatable'", BODY_LINE);
}

static void test_plan_readonly(void)
{
    expect_stopped("plan-write", HOSTILE("plan-write", "    plan.title = 'HACKED'"),
                   "read-only", BODY_LINE);
    expect_stopped("plan-write-deep", HOSTILE("plan-write-deep",
        "    plan.storage[1].location = 'on_premise'"), "read-only", BODY_LINE);
    expect_stopped("plan-insert", HOSTILE("plan-insert",
        "    table.insert(plan.storage, {what = 'x'})"), "read-only", BODY_LINE);
    expect_stopped("plan-setmt", HOSTILE("plan-setmt",
        "    setmetatable(plan, {})"), "cannot change a protected metatable", BODY_LINE);
    /* pairs() must not hand out the table behind the proxy */
    expect_stopped("plan-pairs", HOSTILE("plan-pairs",
        "    local f, real = pairs(plan)\n"
        "    real.title = 'HACKED'\n"
        "    local k, v = f(real, nil)\n"
        "    if type(v) == 'table' then v.kind = 'x' end"), "read-only", BODY_LINE + 1);
    expect_stopped("null-write", HOSTILE("null-write",
        "    hogo.null.x = 1"), "read-only", BODY_LINE);
}

/* Libraries are shared by every rule: what they export is frozen, and
 * neither pairs() nor a forged "read-only" metatable gets around that. */
static void test_library_frozen(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "_lib.lua", "return { name = function() return 'original' end, list = {1, 2, 3} }") == HOGO_OK);
    CHECK(load(e, "hostile/lib-pairs.lua", HOSTILE("lib-pairs",
        "    local _, real = pairs(lib)\n"
        "    real.name = function() return 'HACKED' end")) == HOGO_OK);
    CHECK(load(e, "hostile/lib-write.lua", HOSTILE("lib-write",
        "    lib.list[1] = 99")) == HOGO_OK);
    CHECK(load(e, "hostile/freeze-forged.lua", HOSTILE("freeze-forged",
        "    local t = hogo.freeze(setmetatable({}, {__metatable = 'read-only'}))\n"
        "    t.x = 1")) == HOGO_OK);
    CHECK(load(e, "reader.lua", HOSTILE("reader",
        "    ctx.report(plan, nil, {vars = {v = lib.name() .. lib.list[1]}})")) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_rule_errors, 3);
        for (size_t i = 0; i < r->n_rule_errors; i++) {
            CHECK(strstr(r->rule_errors[i].message, "read-only") != NULL);
            CHECK_INT(r->rule_errors[i].line, i == 2 ? BODY_LINE + 1 : BODY_LINE + (i == 0));
        }
        const hogo_finding *f = finding(r, "reader");
        CHECK(f != NULL);
        if (f) CHECK_STR(f->message[HOGO_EN], "v=original1");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* A finalizer runs whenever the collector gets to it -- after the rule, with
 * no budget, or in lua_close: a rule may not install one. */
static void test_gc_finalizer(void)
{
    double t0 = now_s();
    expect_stopped("gc", HOSTILE("gc",
        "    setmetatable({}, {__gc = function() while true do end end})"),
        "__gc", BODY_LINE);
    expect_stopped("gc-later", HOSTILE("gc-later",
        "    local mt = {__gc = true}\n"
        "    setmetatable({}, mt)\n"
        "    mt.__gc = function() while true do end end"), "__gc", BODY_LINE + 1);
    CHECK(now_s() - t0 < 10.0);
}

/* ---- ctx.report ---- */

static void test_findings_capped(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "hostile/flood.lua", HOSTILE("flood",
        "    for i = 1, 10000 do ctx.report(plan, 'title', {vars = {v = i}, severity = i == 5000 and 'high' or nil}) end")) == HOGO_OK);
    CHECK(load(e, "hostile/flood-pcall.lua", HOSTILE("flood-pcall",
        "    for i = 1, 10000 do pcall(ctx.report, plan, 'title') end")) == HOGO_OK);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        /* many findings are not a failure: the first 1000 are kept, and one
         * more says how many were left out, with the most severe severity */
        CHECK_INT(count_findings(r, "flood"), 1001);
        CHECK_INT(count_findings(r, "flood-pcall"), 1001);
        CHECK_INT(r->n_rule_errors, 0);
        size_t summaries = 0;
        for (size_t i = 0; i < r->n_findings; i++) {
            const hogo_finding *f = &r->findings[i];
            if (strstr(f->message[HOGO_EN], "9000 more findings of this rule")) {
                summaries++;
                CHECK(strstr(f->message[HOGO_JA], "9000") != NULL);
                CHECK(f->severity == (strcmp(f->rule, "flood") == 0 ? HOGO_HIGH : HOGO_LOW));
            }
        }
        CHECK_INT(summaries, 2);
        check_good_ran(r, "flood");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* A plan's whole result is bounded, not only each rule's: 60 rules that
 * each stay within their own cap gave 2.4 GB before. */
static void test_result_bounded(void)
{
    hogo_engine *e = engine(NULL);
    char name[64], id[32], text[1024];
    for (int i = 0; i < 40; i++) {
        snprintf(id, sizeof id, "big-%02d", i);
        snprintf(name, sizeof name, "hostile/%s.lua", id);
        snprintf(text, sizeof text, META("%s")
                 "  check = function(plan, ctx)\n"
                 "    local m = ('x'):rep(4096)\n"
                 "    for i = 1, 1000 do ctx.report(plan, nil, {message = m .. i, follow_up = m}) end\n"
                 "  end }\n", id);
        CHECK(load(e, name, text) == HOGO_OK);
    }
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_rule_errors, 0);
        size_t bytes = r->n_findings * sizeof(hogo_finding);
        for (size_t i = 0; i < r->n_findings; i++)
            bytes += strlen(r->findings[i].message[0]) + strlen(r->findings[i].message[1]) +
                     strlen(r->findings[i].follow_up[0]) + strlen(r->findings[i].follow_up[1]);
        CHECK(bytes < (80u << 20));
        CHECK(r->n_findings < 20100);
        CHECK(r->n_findings > 1000);
        const hogo_finding *last = finding(r, "big-39");
        CHECK(last != NULL);
        if (last) CHECK(strstr(last->message[HOGO_EN], "1000 more findings") != NULL);
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* ctx.report calls back into Lua (vars' __index, __tostring): a callback
 * that reports again, or returns strings nobody keeps, must leave every
 * finding whole (run under ASan, this is a use-after-free check). */
static void test_report_reentrant(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "hostile/reenter.lua", META("reenter")
        "  check = function(plan, ctx)\n"
        "    local calls = 0\n"
        "    local vars = setmetatable({}, {__index = function(t, k)\n"
        "      calls = calls + 1\n"
        "      if calls <= 3 then for i = 1, 50 do ctx.report(plan, nil, {vars = {v = i}}) end end\n"
        "      local junk = {} for i = 1, 2000 do junk[i] = ('y'):rep(i % 97) .. i end\n"
        "      return ('z'):rep(40) .. k\n"
        "    end})\n"
        "    local texts = setmetatable({}, {__index = function(t, lang)\n"
        "      return ('{v}{v}{v}{v}'):rep(8) .. lang .. ('w'):rep(100)\n"
        "    end})\n"
        "    ctx.report(plan, 'title', {vars = vars, message = texts, follow_up = texts})\n"
        "    ctx.report(plan, 'title', {vars = {v = setmetatable({}, {__tostring = function()\n"
        "      ctx.report(plan) return 'str' end})}})\n"
        "    ctx.report(plan, 'title', {vars = setmetatable({}, {__index = function() error('boom') end})})\n"
        "  end }\n") == HOGO_OK);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK(count_findings(r, "reenter") > 50);
        int whole = 1;
        for (size_t i = 0; i < r->n_findings; i++) {
            const hogo_finding *f = &r->findings[i];
            whole &= f->rule && f->path && f->message[0] && f->message[1] && f->follow_up[0] && f->follow_up[1];
        }
        CHECK(whole);
        CHECK_INT(r->n_rule_errors, 1);
        if (r->n_rule_errors && !strstr(r->rule_errors[0].message, "boom"))
            fprintf(stderr, "  (reenter: %s)\n", r->rule_errors[0].message);
        if (r->n_rule_errors) CHECK(strstr(r->rule_errors[0].message, "boom") != NULL);
        check_good_ran(r, "reenter");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* ctx.report and hogo.path follow only the engine's own plan proxies: a
 * chain of metatables a rule forged (parent links, huge keys) is not a
 * plan path, and copies nothing (1.47 GB outside the budget before). */
static void test_path_forged(void)
{
    double t0 = now_s();
    size_t n = expect_harmless("forged-path", HOSTILE("forged-path",
        "    local key = ('k'):rep(1000000)\n"
        "    local t = {}\n"
        "    for i = 1, 200 do t = setmetatable({}, {[1] = t, [2] = key, __metatable = 'plan (read-only)'}) end\n"
        "    local p = hogo.path(t)\n"
        "    if p ~= '' then error('forged path of ' .. #p .. ' bytes') end\n"
        "    local q = hogo.path(plan.storage[1], 'location')\n"
        "    if q ~= '/storage/0/location' then error(q) end\n"
        "    ctx.report(t, 'x', {vars = {v = 'forged'}})"));
    CHECK_INT(n, 1);
    CHECK(now_s() - t0 < 5.0);
}

/* Rule integers at the edge: math.mininteger - 1 was undefined behaviour
 * (the sanitizer build died); the index wraps like Lua's own integers. */
static void test_path_mininteger(void)
{
    size_t n = expect_harmless("mininteger", HOSTILE("mininteger",
        "    local p = hogo.path(plan.storage, math.mininteger)\n"
        "    if p ~= '/storage/9223372036854775807' then error(p) end\n"
        "    ctx.report(plan.storage, math.mininteger, {vars = {v = hogo.path(plan, math.maxinteger)}})"));
    CHECK_INT(n, 1);
}

/* A result the memory budget refuses frees its C buffer (LeakSanitizer saw
 * 64 MB lost per plan through hogo.gsub): the budget stops the rule, and
 * the sanitizer build proves nothing leaks. */
static void test_c_result_refused(void)
{
    expect_stopped("gsub-budget", HOSTILE("gsub-budget",
        "    local s = ('a'):rep(100000)\n"
        "    local r = hogo.gsub(s, 'a', ('b'):rep(200))"), "memory budget", BODY_LINE + 1);
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.rule_memory = 6u << 20;
    expect_stopped_opt(&o, "normalize-budget", HOSTILE("normalize-budget",
        "    local s = ('Ａ'):rep(600000)\n"
        "    local keep = {}\n"
        "    for i = 1, 10 do keep[i] = hogo.normalize(s .. i) end"),
        small_plan, strlen(small_plan), "memory budget", BODY_LINE + 2);
}

/* Filling a template is linear: "{{{{...}" made ctx.report quadratic. */
static void test_report_template_linear(void)
{
    double t0 = now_s();
    size_t n = expect_harmless("braces", HOSTILE("braces",
        "    local m = ('{'):rep(2000000) .. '}'\n"
        "    ctx.report(plan, nil, {vars = {v = 1}, message = m, follow_up = m .. '{v}'})"));
    CHECK_INT(n, 1);
    CHECK(now_s() - t0 < 5.0);
}

/* ---- Lua patterns and regexes ---- */

static void test_lua_pattern_refused(void)
{
    expect_stopped("lua-pattern", HOSTILE("lua-pattern",
        "    local s = ('a'):rep(30)\n"
        "    string.find(s, '(.-)*x')"), "Lua patterns are not allowed", BODY_LINE + 1);
    expect_stopped("lua-match", HOSTILE("lua-match",
        "    ('abc'):match('%a+')"), "Lua patterns are not allowed", BODY_LINE);
    expect_stopped("lua-gsub", HOSTILE("lua-gsub",
        "    ('abc'):gsub('.', 'x')"), "Lua patterns are not allowed", BODY_LINE);
    expect_stopped("lua-gmatch", HOSTILE("lua-gmatch",
        "    for w in ('a b'):gmatch('%S+') do end"), "Lua patterns are not allowed", BODY_LINE);
}

static void test_plain_find_allowed(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "plain.lua", HOSTILE("plain",
        "    local s = 'xx(.-)*xyy'\n"
        "    local a, b = string.find(s, '(.-)*x', 1, true)\n"
        "    local c = ('a,b'):gsub(',', ';')\n"
        "    local d = ('クラウド保存'):find('保存', 1, true)\n"
        "    ctx.report(plan, nil, {vars = {v = a .. '-' .. b .. ' ' .. c .. ' ' .. d}})")) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_rule_errors, 0);
        const hogo_finding *f = finding(r, "plain");
        CHECK(f != NULL);
        if (f) CHECK_STR(f->message[HOGO_EN], "v=3-8 a;b 13");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
    /* plain find is linear: a 4 MB haystack and a 1 MB needle that almost
     * matches everywhere (a naive search would compare 3e12 bytes) */
    double t0 = now_s();
    size_t n = expect_harmless("plain-big", HOSTILE("plain-big",
        "    local hay = ('a'):rep(4000000)\n"
        "    local needle = ('a'):rep(1000000) .. 'b'\n"
        "    local at = hay:find(needle, 1, true)\n"
        "    local at2 = (hay .. 'b'):find(needle, 2000000, true)\n"
        "    ctx.report(plan, nil, {vars = {v = tostring(at) .. ' ' .. tostring(at2)}})"));
    CHECK_INT(n, 1);
    CHECK(now_s() - t0 < 5.0);
}

static void test_catastrophic_regex(void)
{
    /* the 200 KB subject comes from the plan, the pattern from the rule */
    size_t len = 200 * 1024;
    char *plan = malloc(len + 512);
    if (!plan) { CHECK(0); return; }
    size_t n = (size_t)snprintf(plan, 512, "{\"format\":\"hogo-plan/1\",\"title\":\"テスト\",\"department\":\"テスト課\","
                                          "\"consultation\":{\"kind\":\"outsourcing\"},\"purpose\":\"");
    memset(plan + n, 'a', len);
    n += len;
    n += (size_t)snprintf(plan + n, 64, "!\"}");
    double dt = expect_stopped_opt(NULL, "regex-bomb", HOSTILE("regex-bomb",
        "    if hogo.test(plan.purpose, '(a+)+$') then ctx.report(plan) end"),
        plan, n, "regex stopped", BODY_LINE);
    CHECK(dt < 5.0);
    /* pcall does not let the rule retry with the next pathological pattern */
    dt = expect_stopped_opt(NULL, "regex-pcall", HOSTILE("regex-pcall",
        "    for i = 1, 100 do pcall(hogo.test, plan.purpose, '(a|aa)+$') end\n"
        "    ctx.report(plan)"), plan, n, "regex stopped", BODY_LINE);
    CHECK(dt < 5.0);
    dt = expect_stopped_opt(NULL, "regex-match", HOSTILE("regex-match",
        "    local s = ('a'):rep(200 * 1024) .. '!'\n"
        "    hogo.match(s, '^(\\\\w+\\\\s?)*$')"), plan, n, "regex stopped", BODY_LINE + 1);
    CHECK(dt < 5.0);
    dt = expect_stopped_opt(NULL, "regex-gsub", HOSTILE("regex-gsub",
        "    hogo.gsub(plan.purpose, '(a+)+$', 'b')"), plan, n, "regex stopped", BODY_LINE);
    CHECK(dt < 5.0);
    /* anchored: one pcre2_match call, few backtracking points, each scanning
     * the rest of the subject (70 s before the limit was scaled to it) */
    dt = expect_stopped_opt(NULL, "regex-anchored", HOSTILE("regex-anchored",
        "    hogo.test(('a'):rep(300000), '^(?:(?=[^#]*+[#!])|a)*+$')"), plan, n, "regex stopped", BODY_LINE);
    CHECK(dt < 5.0);
    free(plan);
}

/* hogo.match returns every group, unset ones as nil (it stopped at nine). */
static void test_regex_all_captures(void)
{
    size_t n = expect_harmless("captures", HOSTILE("captures",
        "    local r = {hogo.match('abcdefghijkl', '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(x)?(l)')}\n"
        "    local parts = {}\n"
        "    for i = 1, 14 do parts[i] = tostring(r[i]) end\n"
        "    if select('#', hogo.match('ab', '(a)(z)?')) ~= 3 then error('unset group not returned') end\n"
        "    if parts[12] ~= 'k' or parts[13] ~= 'nil' or parts[14] ~= 'l' then error(table.concat(parts, ',')) end\n"
        "    ctx.report(plan, nil, {vars = {v = #r}})"));
    CHECK_INT(n, 1);
}

static void test_regex_invalid_utf8(void)
{
    /* a plan cannot hold invalid UTF-8 (the loader refuses it), but a rule
     * can build such a string: PCRE2 matches it without error or UB */
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "badutf.lua", HOSTILE("badutf",
        "    local s = 'abc\\255\\254def\\192\\175x\\237\\160\\128'\n"
        "    local r = {tostring(hogo.test(s, 'def')), tostring(hogo.test(s, '^abc.def')),\n"
        "               tostring(hogo.match(s, 'd(e)f')), tostring(hogo.test(s, 'X', 'i')),\n"
        "               tostring(hogo.gsub(s, 'def', 'DEF'):find('DEF', 1, true))}\n"
        "    ctx.report(plan, nil, {vars = {v = table.concat(r, ',')}})")) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_rule_errors, 0);
        const hogo_finding *f = finding(r, "badutf");
        CHECK(f != NULL);
        if (f) CHECK_STR(f->message[HOGO_EN], "v=true,false,def,true,6");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* A pattern cache that keeps every pattern a rule invents would grow
 * without bound over a batch; substitution results are bounded too. */
static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return -1;
    long pages = 0, rss = 0;
    int ok = fscanf(f, "%ld %ld", &pages, &rss) == 2;
    fclose(f);
    return ok ? rss * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}

static void test_regex_resources(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "hostile/patterns.lua", HOSTILE("patterns",
        "    local pad = ('x'):rep(500)\n"
        "    for i = 1, 4000 do hogo.test('x', 'a' .. i .. '(b|c)+d' .. ctx.file .. pad) end")) == HOGO_OK);
    CHECK(load(e, "hostile/gsub-bomb.lua", HOSTILE("gsub-bomb",
        "    local s = hogo.gsub(('a'):rep(100000), '', ('b'):rep(100000))")) == HOGO_OK);
    long before = -1;
    for (int k = 0; k < 4; k++) {
        char name[32];
        snprintf(name, sizeof name, "plan%d.json", k);
        hogo_result *r = NULL;
        CHECK(hogo_screen(e, name, small_plan, strlen(small_plan), &r) == HOGO_OK);
        if (r) {
            CHECK_INT(count_findings(r, "patterns"), 0);
            int gsub_stopped = 0;
            for (size_t i = 0; i < r->n_rule_errors; i++)
                gsub_stopped |= !strcmp(r->rule_errors[i].rule, "gsub-bomb") &&
                                (strstr(r->rule_errors[i].message, "too large") ||
                                 strstr(r->rule_errors[i].message, "memory budget") ||
                                 /* slow builds (sanitizers) hit the time check first */
                                 strstr(r->rule_errors[i].message, "regex stopped"));
            if (!gsub_stopped)
                for (size_t i = 0; i < r->n_rule_errors; i++)
                    fprintf(stderr, "  (rule error %s: %s)\n", r->rule_errors[i].rule, r->rule_errors[i].message);
            CHECK(gsub_stopped);
            hogo_result_free(r);
        }
        if (k == 0) before = rss_kib();
    }
    long after = rss_kib();
    if (before > 0 && after > 0) {
        if (after - before > 64 * 1024) fprintf(stderr, "  (RSS grew by %ld KiB over 3 plans)\n", after - before);
        CHECK(after - before < 64 * 1024);
    }
    hogo_engine_free(e);
}

/* ---- load time ---- */

static void test_load_time_hostile(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "hostile/load-loop.lua", "while true do end") == HOGO_ERULE);
    CHECK(strstr(load_error, "instruction budget") != NULL);
    CHECK(strstr(load_error, "hostile/load-loop.lua:1") != NULL);
    CHECK(load(e, "hostile/load-bomb.lua", "local t = {} for i = 1, 1e9 do t[i] = {} end") == HOGO_ERULE);
    CHECK(strstr(load_error, "memory budget") != NULL);
    CHECK(load(e, "hostile/load-os.lua", "os.exit(1)") == HOGO_ERULE);
    CHECK(strstr(load_error, "hostile/load-os.lua:1:") != NULL);
    CHECK(strstr(load_error, "global 'os'") != NULL);
    CHECK(load(e, "hostile/syntax.lua", "return {") == HOGO_ERULE);
    CHECK(strstr(load_error, "hostile/syntax.lua:1:") != NULL);
    /* a library that loops while being loaded, or hides a trap in what it
     * returns (a metatable whose own __index loops), is refused too */
    CHECK(load(e, "_loops.lua", "while true do end") == HOGO_ERULE);
    CHECK(strstr(load_error, "instruction budget") != NULL);
    double t0 = now_s();
    CHECK(load(e, "_trap.lua",
               "return setmetatable({}, setmetatable({}, {__index = function() while true do end end}))") == HOGO_OK);
    CHECK(now_s() - t0 < 5.0);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        /* every file that did not load is in the result (issue 11) */
        CHECK_INT(r->n_rule_errors, 5);
        int all_load = 1;
        for (size_t i = 0; i < r->n_rule_errors; i++) all_load &= r->rule_errors[i].at_load;
        CHECK(all_load);
        CHECK(r->verdict == HOGO_RE_EXAMINE);
        check_good_ran(r, "load-time");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* No state survives from one plan to the next: whatever a rule keeps --
 * a global, a local its check() closes over, a table made at load, a
 * memo -- starts afresh on every plan, so plan B's report cannot carry
 * plan A's text, and a plan's result does not depend on what came before. */
static const char stateful_rule[] = META("stateful")
    "  check = (function()\n"
    "    local seen, count = {}, 0\n"
    "    local memo = lib.memo(function(k) return seen_title end)\n"
    "    return function(plan, ctx)\n"
    "      count = count + 1\n"
    "      local prev = table.concat(seen, '|') .. '/' .. tostring(last_title) .. '/' .. tostring(memo('k'))\n"
    "      seen[#seen + 1] = plan.title\n"
    "      last_title, seen_title = plan.title, plan.title\n"
    "      ctx.report(plan, 'title', {vars = {v = count .. ':' .. prev}})\n"
    "    end\n"
    "  end)() }\n";
/* The same kept in upvalues only (numbers, strings, a local function):
 * such a rule is run without its file, its upvalues set back per plan. */
static const char stateful_upvalues_rule[] = META("stateful")
    "  check = (function()\n"
    "    local count, last = 0, nil\n"
    "    local function bump(t) count = count + 1 local p = last last = t return p end\n"
    "    return function(plan, ctx)\n"
    "      local prev = bump(plan.title)\n"
    "      seen_title = (seen_title or '') .. tostring(prev)\n"
    "      ctx.report(plan, 'title', {vars = {v = count .. ':/' .. seen_title .. '/nil'}})\n"
    "    end\n"
    "  end)() }\n";
/* The same kept in a table of constants the check closes over: the table
 * is shared by every plan (guarded at load) until the rule writes into it;
 * from then on its file runs afresh for every plan. */
static const char stateful_table_rule[] = META("stateful")
    "  check = (function()\n"
    "    local T = { n = 0, words = { 'a', 'b' } }\n"
    "    return function(plan, ctx)\n"
    "      T.n = T.n + 1\n"
    "      local prev = T.prev\n"
    "      T.prev = plan.title\n"
    "      table.insert(T.words, plan.title)\n"
    "      table.sort(T.words)\n"
    "      ctx.report(plan, 'title', {vars = {v = T.n .. ':/' .. tostring(prev) .. '/nil'}})\n"
    "    end\n"
    "  end)() }\n";
/* State kept in the rule's own environment's metatable (reachable only by
 * getmetatable(_G)), or behind a metatable it gives its environment: the
 * environment is replaced on the next plan (sbx_mark_env). */
static const char stateful_env_meta_rule[] = META("stateful")
    "  check = function(plan, ctx)\n"
    "    local mt = getmetatable(_G)\n"
    "    mt.n = (mt.n or 0) + 1\n"
    "    local prev = mt.prev\n"
    "    mt.prev = plan.title\n"
    "    ctx.report(plan, 'title', {vars = {v = mt.n .. ':/' .. tostring(prev) .. '/nil'}})\n"
    "  end }\n";
static const char stateful_env_setmeta_rule[] = META("stateful")
    "  check = function(plan, ctx)\n"
    "    local old = getmetatable(_G)\n"
    "    local keep = rawequal(old.keep, nil) and {n = 0} or old.keep\n"
    "    keep.n = keep.n + 1\n"
    "    local prev = keep.prev\n"
    "    keep.prev = plan.title\n"
    "    setmetatable(_G, {__index = old.__index, keep = keep})\n"
    "    ctx.report(plan, 'title', {vars = {v = keep.n .. ':/' .. tostring(prev) .. '/nil'}})\n"
    "  end }\n";
static const char stateful_lib[] =
    "local M = {}\n"
    "function M.memo(fn) local cache = {} return function(k) local v = cache[k] "
    "if v == nil then v = fn(k) cache[k] = v end return v end end\n"
    "return M\n";

static char *screen_message(hogo_engine *e, const char *plan)
{
    hogo_result *r = NULL;
    char *m = NULL;
    CHECK(hogo_screen(e, "plan.json", plan, strlen(plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_rule_errors, 0);
        const hogo_finding *f = finding(r, "stateful");
        CHECK(f != NULL);
        if (f) m = strdup(f->message[HOGO_EN]);
    }
    hogo_result_free(r);
    return m;
}

static void test_no_state_one(const char *rule_text)
{
    char plan_a[1024], plan_b[1024];
    const char *tmpl = "{\"format\": \"hogo-plan/1\", \"title\": \"%s\", \"department\": \"課\","
                       " \"consultation\": {\"kind\": \"outsourcing\"}}";
    snprintf(plan_a, sizeof plan_a, tmpl, "SECRET-A");
    snprintf(plan_b, sizeof plan_b, tmpl, "plan-b");
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "_lib.lua", stateful_lib) == HOGO_OK);
    CHECK(load(e, "hostile/stateful.lua", rule_text) == HOGO_OK);
    char *a = screen_message(e, plan_a), *b = screen_message(e, plan_b), *b2 = screen_message(e, plan_b);
    hogo_engine_free(e);
    e = engine(NULL);
    CHECK(load(e, "_lib.lua", stateful_lib) == HOGO_OK);
    CHECK(load(e, "hostile/stateful.lua", rule_text) == HOGO_OK);
    char *b_alone = screen_message(e, plan_b);
    hogo_engine_free(e);
    if (a && b && b2 && b_alone) {
        CHECK_STR(a, "v=1:/nil/nil");
        CHECK(strstr(b, "SECRET-A") == NULL);
        CHECK_STR(b, "v=1:/nil/nil");
        CHECK_STR(b, b_alone);                  /* the same with or without plan A before it */
        CHECK_STR(b2, b_alone);
    } else {
        CHECK(0);
    }
    free(a); free(b); free(b2); free(b_alone);
}

static void test_no_state_across_plans(void)
{
    test_no_state_one(stateful_rule);
    test_no_state_one(stateful_upvalues_rule);
    test_no_state_one(stateful_table_rule);
    test_no_state_one(stateful_env_meta_rule);
    test_no_state_one(stateful_env_setmeta_rule);
}

/* A failure inside a library names the library's file with the library's
 * line, and the rule's line that called it (the rule's file used to be
 * paired with the library's line). */
static void test_library_failure_named(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "rules/_lib.lua", "local M = {}\n"
                                    "function M.boom() error('library boom') end\n"
                                    "function M.spin() while true do end end\n"
                                    "return M\n") == HOGO_OK);
    CHECK(load(e, "hostile/lib-boom.lua", HOSTILE("lib-boom", "    local x = 1\n    lib.boom()")) == HOGO_OK);
    CHECK(load(e, "hostile/lib-spin.lua", HOSTILE("lib-spin", "    lib.spin()")) == HOGO_OK);
    CHECK(load(e, "hostile/own-boom.lua", HOSTILE("own-boom", "    error('own')")) == HOGO_OK);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        CHECK_INT(r->n_rule_errors, 3);
        for (size_t i = 0; i < r->n_rule_errors; i++) {
            const hogo_rule_error *re = &r->rule_errors[i];
            if (!strcmp(re->rule, "lib-boom")) {
                CHECK_STR(re->file, "rules/_lib.lua");
                CHECK_INT(re->line, 2);
                CHECK(strstr(re->message, "library boom") != NULL);
                CHECK(strstr(re->message, "called from rule lib-boom at hostile/lib-boom.lua:6") != NULL);
            } else if (!strcmp(re->rule, "lib-spin")) {
                CHECK_STR(re->file, "rules/_lib.lua");
                CHECK_INT(re->line, 3);
                CHECK(strstr(re->message, "instruction budget") != NULL);
                CHECK(strstr(re->message, "hostile/lib-spin.lua:5") != NULL);
            } else {
                CHECK_STR(re->file, "hostile/own-boom.lua");
                CHECK_INT(re->line, BODY_LINE);
            }
        }
        check_good_ran(r, "library failure");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

/* Metadata is read raw from plain tables: a metatable's __index that
 * errors used to panic the process (SIGABRT), one that loops to hang it. */
static void test_metadata_metamethods(void)
{
    hogo_engine *e = engine(NULL);
    double t0 = now_s();
    CHECK(load(e, "hostile/meta-error.lua",
               "return setmetatable({}, {__index = function() error('trap') end})") == HOGO_ERULE);
    CHECK(strstr(load_error, "plain rule table") != NULL);
    CHECK(load(e, "hostile/title-loop.lua",
               "return { id = 'title-loop', topic = 'storage.location', severity = 'low',\n"
               "  title = setmetatable({}, {__index = function() while true do end end}),\n"
               "  message = {ja = 'x', en = 'x'}, follow_up = {ja = 'x', en = 'x'}, precedent = 'x',\n"
               "  check = function() end }") == HOGO_ERULE);
    CHECK(strstr(load_error, "title") != NULL);
    CHECK(load(e, "hostile/index-all.lua",
               "return setmetatable({}, {__index = function(t, k) local s = ('x'):rep(1e6) while true do s = s .. s end end})")
          == HOGO_ERULE);
    CHECK(now_s() - t0 < 5.0);
    /* a library whose tables nest deeper than freezing allows: refused, not abort() */
    CHECK(load(e, "_deep.lua", "local t = {} local c = t for i = 1, 200 do c.x = {} c = c.x end return t")
          == HOGO_ERULE);
    CHECK(strstr(load_error, "nested more than 64") != NULL);
    CHECK(strstr(load_error, "_deep.lua") != NULL);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) check_good_ran(r, "metadata");
    hogo_result_free(r);
    hogo_engine_free(e);
}

/* A rule that did not load is in the result of every plan screened
 * afterwards, with its file and line, and the plan -- clean by the rules
 * that did load -- is not approved (issue 11: it used to be "approve"). */
#define LONG_RULE_NAME "rules/municipal/shiki/2021/council-session-3/very-long-directory-name/broken.lua"
static void test_load_failure_reported(void)
{
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "good.lua", good_rule) == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) CHECK(r->verdict == HOGO_APPROVE);      /* one low finding */
    hogo_result_free(r);
    CHECK(load(e, "rules/broken.lua", "return {\n  id = 'broken',\n  check = function(\n") == HOGO_ERULE);
    CHECK(load(e, "rules/meta.lua", "return {id = 'meta'}") == HOGO_ERULE);
    CHECK(load(e, LONG_RULE_NAME, "return {\n  check = function(\n}") == HOGO_ERULE);
    for (int plan = 0; plan < 2; plan++) {
        r = NULL;
        CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
        if (!r) continue;
        CHECK(r->screened);
        CHECK(r->verdict == HOGO_RE_EXAMINE);
        CHECK(r->n_rule_errors >= 3);
        if (r->n_rule_errors >= 2) {
            const hogo_rule_error *b = &r->rule_errors[0], *m = &r->rule_errors[1];
            CHECK(b->at_load && m->at_load);
            CHECK_STR(b->rule, "broken");
            CHECK_STR(b->file, "rules/broken.lua");
            CHECK_INT(b->line, 4);
            CHECK(strstr(b->message, "did not load") != NULL);
            CHECK_STR(m->file, "rules/meta.lua");
        }
        const hogo_rule_error *l = NULL;
        for (size_t i = 0; i < r->n_rule_errors; i++)
            if (!strcmp(r->rule_errors[i].file, LONG_RULE_NAME)) l = &r->rule_errors[i];
        CHECK(l != NULL);
        if (l) {
            /* a name longer than Lua's 60-byte chunk names is given whole */
            CHECK_INT(l->line, 3);
            CHECK(strncmp(l->message + strlen("did not load, so this plan was screened without it: "),
                          LONG_RULE_NAME ":3:", strlen(LONG_RULE_NAME ":3:")) == 0);
        }
        check_good_ran(r, "load-failure");
        hogo_result_free(r);
    }
    hogo_engine_free(e);
}

static void test_plain_errors(void)
{
    expect_stopped("boom", HOSTILE("boom", "    local x = nil\n    error('boom')"), "boom", BODY_LINE + 1);
    expect_stopped("nil-call", HOSTILE("nil-call", "    plan.nothing.here = 1"),
                   "attempt to index a nil value (field 'nothing')", BODY_LINE);
    expect_stopped("table-error", HOSTILE("table-error", "    error({code = 1})"), "table", -1);
}

/* A library sees no other library unless it imports it, and a pack's
 * libraries load after those they import, whatever their file names; a
 * circle of imports and a name no file has are load errors. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void test_library_imports(void)
{
    /* one at a time: only what is loaded already can be imported */
    hogo_engine *e = engine(NULL);
    CHECK(load(e, "_b.lua", "local a = import('a')\nreturn { v = function() return a.v() .. 'b' end }")
          == HOGO_ERULE);
    CHECK(strstr(load_error, "no library 'a' is loaded") != NULL);
    CHECK(load(e, "_a.lua", "return { v = function() return 'a' end }") == HOGO_OK);
    /* not imported: another library is not a global of a library */
    CHECK(load(e, "_c.lua", "return { v = a.v }") == HOGO_ERULE);
    CHECK(load(e, "_b.lua", "local a = import('a')\nreturn { v = function() return a.v() .. 'b' end }")
          == HOGO_OK);
    CHECK(load(e, "reader.lua", HOSTILE("reader", "    ctx.report(plan, nil, {vars = {v = b.v() .. a.v()}})"))
          == HOGO_OK);
    hogo_result *r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        const hogo_finding *f = finding(r, "reader");
        CHECK(f != NULL);
        if (f) CHECK_STR(f->message[HOGO_EN], "v=aba");
        hogo_result_free(r);
    }
    hogo_engine_free(e);

    /* a directory: _a imports _z, loaded after it by name */
    char dir[] = "/tmp/hogo-imports-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    write_file(dir, "_a.lua", "local z = import('z')\nreturn { v = function() return z.v() .. 'a' end }\n");
    write_file(dir, "_z.lua", "return { v = function() return 'z' end }\n");
    write_file(dir, "reader.lua", HOSTILE("reader", "    ctx.report(plan, nil, {vars = {v = a.v()}})"));
    e = engine(NULL);
    CHECK_INT(hogo_engine_load_dir(e, dir), HOGO_OK);
    CHECK_INT(load_errors, 0);
    r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        const hogo_finding *f = finding(r, "reader");
        CHECK(f != NULL);
        if (f) CHECK_STR(f->message[HOGO_EN], "v=za");
        CHECK_INT(r->n_rule_errors, 0);
        hogo_result_free(r);
    }
    hogo_engine_free(e);

    /* a circle: both libraries fail, by name, and the rule still loads */
    write_file(dir, "_z.lua", "local a = import('a')\nreturn { v = function() return 'z' end }\n");
    e = engine(NULL);
    CHECK_INT(hogo_engine_load_dir(e, dir), HOGO_ERULE);
    CHECK_INT(load_errors, 2);           /* _a and _z (the rule reads a only in check) */
    r = NULL;
    CHECK(hogo_screen(e, "plan.json", small_plan, strlen(small_plan), &r) == HOGO_OK);
    if (r) {
        int circles = 0;
        for (size_t i = 0; i < r->n_rule_errors; i++)
            circles += strstr(r->rule_errors[i].message, "in a circle") != NULL;
        CHECK_INT(circles, 2);
        hogo_result_free(r);
    }
    hogo_engine_free(e);
    char path[600];
    for (const char *const *n = (const char *const[]){ "_a.lua", "_z.lua", "reader.lua", NULL }; *n; n++) {
        snprintf(path, sizeof path, "%s/%s", dir, *n);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    double t0 = now_s();
    progress("test_infinite_loop"); test_infinite_loop();
    progress("test_pcall_infinite_loop"); test_pcall_infinite_loop();
    progress("test_c_loops"); test_c_loops();
    progress("test_c_heavy_loop"); test_c_heavy_loop();
    progress("test_charge_without_hook"); test_charge_without_hook();
    progress("test_exact_instructions"); test_exact_instructions();
    progress("test_late_hook_threads"); test_late_hook_threads();
    progress("test_memory_bomb"); test_memory_bomb();
    progress("test_pcall_memory_bomb"); test_pcall_memory_bomb();
    progress("test_string_rep_huge"); test_string_rep_huge();
    progress("test_plan_memory_not_counted"); test_plan_memory_not_counted();
    progress("test_deep_recursion"); test_deep_recursion();
    progress("test_os_execute"); test_os_execute();
    progress("test_io_open"); test_io_open();
    progress("test_require"); test_require();
    progress("test_forbidden_absent"); test_forbidden_absent();
    progress("test_bytecode_refused"); test_bytecode_refused();
    progress("test_setmetatable_G"); test_setmetatable_G();
    progress("test_string_find_rewrite"); test_string_find_rewrite();
    progress("test_string_metatable"); test_string_metatable();
    progress("test_plan_readonly"); test_plan_readonly();
    progress("test_library_frozen"); test_library_frozen();
    progress("test_gc_finalizer"); test_gc_finalizer();
    progress("test_findings_capped"); test_findings_capped();
    progress("test_result_bounded"); test_result_bounded();
    progress("test_report_reentrant"); test_report_reentrant();
    progress("test_report_template_linear"); test_report_template_linear();
    progress("test_path_forged"); test_path_forged();
    progress("test_path_mininteger"); test_path_mininteger();
    progress("test_c_result_refused"); test_c_result_refused();
    progress("test_lua_pattern_refused"); test_lua_pattern_refused();
    progress("test_plain_find_allowed"); test_plain_find_allowed();
    progress("test_catastrophic_regex"); test_catastrophic_regex();
    progress("test_regex_invalid_utf8"); test_regex_invalid_utf8();
    progress("test_regex_all_captures"); test_regex_all_captures();
    progress("test_regex_resources"); test_regex_resources();
    progress("test_load_time_hostile"); test_load_time_hostile();
    progress("test_plain_errors"); test_plain_errors();
    progress("test_load_failure_reported"); test_load_failure_reported();
    progress("test_metadata_metamethods"); test_metadata_metamethods();
    progress("test_no_state_across_plans"); test_no_state_across_plans();
    progress("test_library_failure_named"); test_library_failure_named();
    progress("test_library_imports"); test_library_imports();
    progress(NULL);
    double dt = now_s() - t0;
    printf("sandbox tests took %.1f s\n", dt);
    CHECK(dt < 60.0);
    return check_done();
}
