/* sandbox.c -- the Lua state rules run in (sbx_ prefix).
 *
 * One lua_State per engine.  What a rule can reach is decided here:
 * - only base (trimmed), string, table, math and utf8 are opened, never
 *   io/os/package/debug, and load/require/dofile/collectgarbage are absent;
 * - each rule gets new globals for every plan (and at load), reading
 *   through to one shared read-only base (the standard tables, hogo, the
 *   pack's libraries), and the string metatable is locked, so no rule can
 *   change what another rule calls, nor keep anything from plan to plan;
 * - a counting allocator caps memory and a count hook caps instructions
 *   while a rule runs; a rule's pcall cannot swallow a budget error;
 * - the plan is handed over as read-only proxies built once per plan,
 *   under a memory budget of their own.
 * Lua patterns (string.find & co.) backtrack inside C where no hook can stop
 * them, so rules get them only for plain text; regexes go through PCRE2. */
/* security: memmem (a linear-time plain find) is a GNU/BSD extension */
#define _GNU_SOURCE
#include "engine_int.h"

#include <lualib.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>
#include <stdio.h>

#define SBX_HOOK_STEP 1000

/* Registry keys (addresses of these statics are unique per process, and
 * the values stored under them are per engine). */
static const char SBX_NULL = 'n';       /* the JSON null sentinel */
static const char SBX_PROTO = 'p';      /* the prototype environment */
static const char SBX_ENGINE = 'e';     /* the engine, as light userdata */

hogo_engine *sbx_engine(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_ENGINE);
    hogo_engine *e = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return e;
}

/* ---- budgets ---- */

/* The line of the running rule's own file that the stack passes through
 * from level on (the call into a library that then failed).  Reads only. */
static void sbx_note_rule_line(lua_State *L, hogo_engine *e, int level)
{
    lua_Debug ar;
    if (e->fail_rule_line || !e->rule_source) return;
    for (; L && level < 64 && lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@' &&
            strcmp(ar.source + 1, e->rule_source) == 0) {
            e->fail_rule_line = ar.currentline;
            return;
        }
}

/* security: the line of the innermost Lua function running now (level 0 is
 * the running function inside a hook, a C function elsewhere), for budget
 * errors raised where Lua's message carries no position, with its chunk
 * (the full name: a library's, when the budget ran out inside one).  Reads
 * only: safe inside the allocator. */
static int sbx_current_line(lua_State *L, char where[512])
{
    lua_Debug ar;
    for (int level = 0; L && level < 32 && lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            snprintf(where, 512, "%s", ar.source[0] == '@' ? ar.source + 1 : ar.short_src);
            sbx_note_rule_line(L, sbx_engine(L), level);
            return ar.currentline;
        }
    return 0;
}

/* security: mark the running rule as stopped by a budget: from now on no
 * pcall/xpcall of the rule catches anything (see sbx_pcall_k). */
void sbx_abort(lua_State *L, hogo_engine *e, const char *why)
{
    if (!e->abort_line) e->abort_line = sbx_current_line(L, e->abort_where);
    e->aborting = 1;
    e->abort_why = why;
}

static int sbx_memory_refused(const hogo_engine *e)
{
    return e->abort_why && strcmp(e->abort_why, "memory budget") == 0;
}

/* The allocator counts every byte; while a rule runs, mem_limit caps it.
 * Refusing lets Lua run an emergency collection and then raise a memory
 * error, which the rule cannot catch (see sbx_pcall).
 * security: lauxlib's buffers (string.rep, table.concat, string.format)
 * turn a refusal into an ordinary error that a pcall could catch, so the
 * refusal itself is noted; sbx_pcall_k then lets no error through after it.
 * (A rule that Lua's emergency collection rescued at its cap and that later
 * catches an unrelated error is stopped as over its memory budget too.) */
static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    hogo_engine *e = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        e->mem_used -= old;
        return NULL;
    }
    if (nsize > old && e->mem_limit && (e->build_refused || e->mem_used + (nsize - old) > e->mem_limit)) {
        /* the plan's build stops at its first refusal: Lua's emergency
         * collection after each refusal, with a large heap at its limit,
         * would otherwise thrash for minutes (sbx_push_plan) */
        if (e->in_build) e->build_refused = 1;
        if (!e->abort_why) {
            e->abort_why = "memory budget";
            e->abort_line = sbx_current_line(e->L, e->abort_where);
        }
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    e->mem_used = e->mem_used - old + nsize;
    return p;
}

static uint64_t sbx_clock_ns(clockid_t clk)
{
    struct timespec ts;
    if (clock_gettime(clk, &ts) != 0) return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* security: the CPU time the instruction budget allows: 1 s per 10 million
 * instructions, at least 2 s (5 s by default).  Pure Lua needs a tenth of
 * that; only work inside C calls (s:upper() of megabytes in a loop) gets
 * near it, and the count hook alone cannot see such work. */
static uint64_t sbx_cpu_limit_ns(const hogo_engine *e)
{
    uint64_t s = e->opt.rule_instructions / 10000000u;
    return (s < 2 ? 2 : s) * 1000000000u;
}

/* The thread's CPU clock is a system call (~1 us here, more than most rule
 * calls take), so it is not read for every rule: a reading serves the rules
 * that start within SBX_CPU_REREAD_NS of wall time after it (on the same
 * thread).  A rule's CPU is counted from that reading, at most 10 ms of
 * work before the rule started: the backstop can stop a rule up to 10 ms
 * early, against a limit of 2 s or more, and never late.  (Counting from
 * the rule's start by assuming CPU = wall time until the first look would
 * count a stopped or descheduled process's pause as CPU.) */
#define SBX_CPU_REREAD_NS 10000000u

static void sbx_budget_start(hogo_engine *e)
{
    e->abort_line = 0;
    uint64_t now = sbx_clock_ns(CLOCK_MONOTONIC);
    pthread_t self = pthread_self();
    if (!e->cpu_read_valid || !pthread_equal(self, e->cpu_read_thread) ||
        now - e->cpu_read_wall_ns >= SBX_CPU_REREAD_NS) {
        e->cpu_read_ns = sbx_clock_ns(CLOCK_THREAD_CPUTIME_ID);
        e->cpu_read_wall_ns = now;
        e->cpu_read_thread = self;
        e->cpu_read_valid = 1;
    }
    e->cpu_start_ns = e->cpu_read_ns;
    /* no more CPU than wall time can have passed since the reading */
    e->deadline_ns = e->cpu_read_wall_ns + sbx_cpu_limit_ns(e);
}

/* Raise the instruction budget's error at the running line. */
static int sbx_instr_error(lua_State *L, hogo_engine *e, int cpu)
{
    sbx_abort(L, e, "instruction budget");
    luaL_where(L, 0);
    if (cpu)
        lua_pushfstring(L, "instruction budget of %I exceeded (--rule-instructions): more than %d s of CPU, "
                           "mostly inside library calls", (lua_Integer)e->opt.rule_instructions,
                        (int)(sbx_cpu_limit_ns(e) / 1000000000u));
    else
        lua_pushfstring(L, "instruction budget of %I exceeded (--rule-instructions)",
                        (lua_Integer)e->opt.rule_instructions);
    lua_concat(L, 2);
    return lua_error(L);
}

static void sbx_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    hogo_engine *e = sbx_engine(L);
    e->instr += SBX_HOOK_STEP;
    if (e->instr > e->opt.rule_instructions) sbx_instr_error(L, e, 0);
    /* the wall clock is cheap to read; the thread's CPU clock is read only
     * when the wall clock says the limit may have passed */
    uint64_t now = sbx_clock_ns(CLOCK_MONOTONIC);
    if (now > e->deadline_ns) {
        uint64_t cpu = sbx_clock_ns(CLOCK_THREAD_CPUTIME_ID), lim = sbx_cpu_limit_ns(e);
        uint64_t used = cpu > e->cpu_start_ns ? cpu - e->cpu_start_ns : 0;
        if (used > lim) sbx_instr_error(L, e, 1);
        e->deadline_ns = now + (lim - used);
    }
}

/* security: charge n units of work that a C function does in one call (a
 * loop the count hook cannot interrupt) to the instruction budget, before
 * the work is done. */
void sbx_charge(lua_State *L, lua_Unsigned n)
{
    hogo_engine *e = sbx_engine(L);
    uint64_t left = e->instr < e->opt.rule_instructions ? e->opt.rule_instructions - e->instr : 0;
    if ((uint64_t)n > left) sbx_instr_error(L, e, 0);
    e->instr += n;
}

/* pcall/xpcall for rules: as Lua's, except that a budget error passes
 * through, or a rule could catch it and loop forever. */
static int sbx_pcall_k(lua_State *L, int status, int errfunc)
{
    hogo_engine *e = sbx_engine(L);
    if (status == LUA_ERRMEM || e->aborting || (status != LUA_OK && sbx_memory_refused(e))) {
        if (!e->aborting) sbx_abort(L, e, "memory budget");
        return lua_error(L);
    }
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, errfunc + 1);
    return lua_gettop(L) - errfunc;
}

static int sbx_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    return sbx_pcall_k(L, status, 0);
}

/* security: xpcall's handler is the rule's code, and when the error is a
 * budget's raised by the count hook, Lua runs the handler inside the hook,
 * where no hook fires: a handler that loops would never be stopped.  So the
 * rule's handler is wrapped, and skipped once a budget was hit. */
static int sbx_xpcall_msgh(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    if (e->aborting || sbx_memory_refused(e)) return 1;    /* the error as it is */
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int sbx_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);            /* f */
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, sbx_xpcall_msgh, 1);   /* msgh, wrapped */
    lua_replace(L, 1);              /* msgh f args... */
    lua_replace(L, 2);
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
    return sbx_pcall_k(L, status, 1);
}

/* ---- Lua patterns: plain text only ---- */

static int sbx_has_magic(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr("^$*+?.([%-", p[i])) return 1;
    return 0;
}

/* Wraps string.find/match/gmatch/gsub (upvalue 1 = the real function). */
static int sbx_plain_only(lua_State *L)
{
    size_t n;
    const char *pat = luaL_checklstring(L, 2, &n);
    int is_find = lua_toboolean(L, lua_upvalueindex(2));
    int plain = is_find && lua_toboolean(L, 4);
    if (!plain && sbx_has_magic(pat, n))
        return luaL_error(L, "Lua patterns are not allowed in rules (they cannot be stopped once "
                             "they backtrack): use hogo.test, hogo.match or hogo.gsub (PCRE2), "
                             "or string.find(s, text, 1, true)");
    size_t ls;
    const char *s = luaL_checklstring(L, 1, &ls);
    if (is_find) {
        /* security: Lua's plain find compares the needle at every position
         * (a 1 MB needle in a 4 MB text: 3e12 byte compares in one C call,
         * which no hook interrupts); memmem is linear.  The results are
         * string.find's, plain or not (here the text has no magic). */
        lua_Integer init = luaL_optinteger(L, 3, 1);
        size_t from;
        if (init > 0) {
            if ((lua_Unsigned)init - 1 > ls) { lua_pushnil(L); return 1; }
            from = (size_t)init - 1;
        } else if (init == 0 || init < -(lua_Integer)ls) {
            from = 0;
        } else {
            from = ls - (size_t)-init;
        }
        const char *hit = memmem(s + from, ls - from, pat, n);
        if (!hit) { lua_pushnil(L); return 1; }
        lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
        lua_pushinteger(L, (lua_Integer)(hit - s) + (lua_Integer)n);
        return 2;
    }
    /* security: match/gmatch/gsub with a literal text still try it at every
     * position, one character at a time: charge that worst case up front. */
    sbx_charge(L, (lua_Unsigned)((uint64_t)ls * (n ? n : 1) / 16));
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* ---- read-only plan proxies ----
 * A JSON container becomes an empty proxy table whose metatable holds:
 * __index = the real table, [1] = the parent proxy, [2] = the key in the
 * parent (string, or 0-based integer for arrays).  The metatable is hidden
 * from rules by __metatable. */

static int sbx_ro_newindex(lua_State *L)
{
    return luaL_error(L, "read-only: the plan, the standard tables and the pack's libraries cannot be changed "
                         "(tried to set '%s')",
                      luaL_tolstring(L, 2, NULL));
}

static int sbx_ro_len(lua_State *L)
{
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__index");
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

static const char SBX_NEXT = 'x';       /* the real next(), for __pairs */

/* security: pairs() used to return (next, the real table, nil): a rule
 * could then write into the table behind the proxy, and every later rule
 * would read what it wrote (the plan, the shared ctx, the frozen
 * libraries).  The iterator now reads the real table itself. */
static int sbx_ro_next(lua_State *L)
{
    lua_settop(L, 2);
    if (!lua_getmetatable(L, 1)) return 0;
    lua_pushliteral(L, "__index");
    if (lua_rawget(L, -2) != LUA_TTABLE) return 0;
    lua_pushvalue(L, 2);
    if (lua_next(L, -2)) return 2;
    lua_pushnil(L);
    return 1;
}

static int sbx_ro_pairs(lua_State *L)
{
    lua_pushcfunction(L, sbx_ro_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int sbx_null_index(lua_State *L) { (void)L; return 0; }

/* ---- freezing: deep read-only copies ----
 * Libraries are loaded once and shared by every rule, so what they export
 * (and what they cache per plan) must not be writable by any rule. */

/* security: read-only is told by the engine's own __newindex (a C function
 * no rule can get hold of), read raw: a "__metatable" string can be forged
 * by any rule, and lua_getfield could run the metatable's own __index, with
 * no budget when a library is frozen at load time. */
/* Push the metatable of a read-only proxy over the table at real: reads go
 * to it, writes fail, # and pairs see through; label is what getmetatable
 * shows (and how the engine tells its proxies).  narr slots are left for
 * the plan's path links ([1] parent, [2] key). */
/* The metatable's field names and labels, kept as Lua strings in the
 * registry (SBX_KEYS): lua_setfield would look each name up by its C
 * string, a strcmp every time, for every table of every plan. */
enum { SBX_K_INDEX = 1, SBX_K_NEWINDEX, SBX_K_LEN, SBX_K_PAIRS, SBX_K_METATABLE,
       SBX_K_PLAN_LABEL, SBX_K_RO_LABEL, SBX_K_COUNT = SBX_K_RO_LABEL };
static const char SBX_KEYS = 'k';

static void sbx_build_keys(lua_State *L)
{
    static const char *const names[SBX_K_COUNT] = { "__index", "__newindex", "__len", "__pairs",
                                                    "__metatable", "plan (read-only)", "read-only" };
    lua_createtable(L, SBX_K_COUNT, 0);
    for (int i = 0; i < SBX_K_COUNT; i++) {
        lua_pushstring(L, names[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_KEYS);
}

static void sbx_push_keys(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_KEYS);
}

/* t[keys[k]] = value on top (popped), raw */
static void sbx_set_key(lua_State *L, int t, int keys, int k)
{
    lua_rawgeti(L, keys, k);
    lua_insert(L, -2);
    lua_rawset(L, t);
}

static void sbx_push_ro_meta(lua_State *L, int real, int keys, int label, int narr)
{
    real = lua_absindex(L, real);
    lua_createtable(L, narr, 5);
    int mt = lua_gettop(L);
    lua_pushvalue(L, real);
    sbx_set_key(L, mt, keys, SBX_K_INDEX);
    lua_pushcfunction(L, sbx_ro_newindex);
    sbx_set_key(L, mt, keys, SBX_K_NEWINDEX);
    lua_pushcfunction(L, sbx_ro_len);
    sbx_set_key(L, mt, keys, SBX_K_LEN);
    lua_pushcfunction(L, sbx_ro_pairs);
    sbx_set_key(L, mt, keys, SBX_K_PAIRS);
    lua_rawgeti(L, keys, label);
    sbx_set_key(L, mt, keys, SBX_K_METATABLE);
}

static int sbx_is_readonly(lua_State *L, int idx, int keys)
{
    if (!lua_getmetatable(L, idx)) return 0;
    lua_rawgeti(L, keys, SBX_K_NEWINDEX);
    lua_rawget(L, -2);
    int ro = lua_tocfunction(L, -1) == sbx_ro_newindex;
    lua_pop(L, 2);
    return ro;
}

/* Push the frozen form of the value at idx; memo maps tables already
 * frozen in this call to their proxies (cycles, shared subtables).
 * in_place (hogo.freeze(t, true), for tables nobody else holds): the table
 * itself goes behind its proxy, no copy, and its table values are replaced
 * in place by theirs; a table with a metatable of its own is copied. */
static void sbx_freeze_rec(lua_State *L, int idx, int memo, int keys, int depth, int in_place)
{
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx) || sbx_is_readonly(L, idx, keys)) { lua_pushvalue(L, idx); return; }
    lua_pushvalue(L, idx);
    if (lua_rawget(L, memo) != LUA_TNIL) return;
    lua_pop(L, 1);
    if (depth > 64) luaL_error(L, "hogo.freeze: tables nested more than 64 deep");
    luaL_checkstack(L, 8, "hogo.freeze");
    if (in_place && lua_getmetatable(L, idx)) { lua_pop(L, 1); in_place = 0; }
    int real = idx;
    if (!in_place) {
        /* a copy sized for what it will hold (filled from empty, a table of
         * n fields is rebuilt log2(n) times); by its fields, not by the
         * border rawlen gives, which can be far past them:
         * {[1]=1, [2]=2, [4]=4, ..., [2^23]=...} has 24 */
        int all = 0;
        lua_pushnil(L);
        while (lua_next(L, idx)) { all++; lua_pop(L, 1); }
        size_t border = lua_rawlen(L, idx);
        int narr = border < (size_t)all ? (int)border : all;
        lua_createtable(L, narr, all - narr);
        real = lua_gettop(L);
    }
    lua_createtable(L, 0, 0);                     /* proxy */
    sbx_push_ro_meta(L, real, keys, SBX_K_RO_LABEL, 0);
    lua_setmetatable(L, -2);
    int proxy = lua_gettop(L);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, proxy);
    lua_rawset(L, memo);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (!in_place || lua_istable(L, -1)) {
            sbx_freeze_rec(L, -1, memo, keys, depth + 1, in_place);   /* frozen value */
            lua_pushvalue(L, -3);                  /* key */
            lua_insert(L, -2);
            lua_rawset(L, real);   /* in place: an existing field, allowed while traversing */
        }
        lua_pop(L, 1);                             /* the original value */
    }
    if (real != idx) lua_remove(L, real);
}

void sbx_freeze(lua_State *L, int idx, int in_place)
{
    idx = lua_absindex(L, idx);
    sbx_push_keys(L);
    lua_newtable(L);
    sbx_freeze_rec(L, idx, lua_gettop(L), lua_gettop(L) - 1, 0, in_place);
    lua_remove(L, -2);
    lua_remove(L, -2);
}


/* Build the proxy of a container: parent proxy at pidx (0 = none), key at
 * kidx (0 for the root).  Leaves real and proxy on the stack, so children
 * can be filled into real. */
static void sbx_new_proxy(lua_State *L, int narr, int nrec, int pidx, int kidx, int keys)
{
    lua_createtable(L, narr, nrec);               /* real */
    lua_createtable(L, 0, 0);                     /* proxy */
    sbx_push_ro_meta(L, -2, keys, SBX_K_PLAN_LABEL, 2);
    if (pidx) lua_pushvalue(L, pidx); else lua_pushnil(L);
    lua_rawseti(L, -2, 1);
    if (kidx) lua_pushvalue(L, kidx); else lua_pushnil(L);
    lua_rawseti(L, -2, 2);
    lua_setmetatable(L, -2);                      /* real proxy */
}

/* Push the Lua value of JSON node j.  A container needs its parent proxy
 * (pidx) and its key in the parent (kidx) to know its own path. */
static void sbx_push_json(lua_State *L, const cJSON *j, int pidx, int kidx, int keys)
{
    if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
        int is_arr = cJSON_IsArray(j);
        int n = cJSON_GetArraySize(j);
        luaL_checkstack(L, 8, "plan too deep");
        sbx_new_proxy(L, is_arr ? n : 0, is_arr ? 0 : n, pidx, kidx, keys);
        int proxy = lua_gettop(L), real = proxy - 1;
        lua_Integer i = 0;
        for (const cJSON *c = j->child; c; c = c->next, i++) {
            if (is_arr) lua_pushinteger(L, i); else lua_pushstring(L, c->string);
            if (is_arr) {
                sbx_push_json(L, c, proxy, lua_gettop(L), keys);
                lua_rawseti(L, real, i + 1);
                lua_pop(L, 1);
            } else {
                lua_pushvalue(L, -1);
                sbx_push_json(L, c, proxy, lua_gettop(L) - 1, keys);
                lua_rawset(L, real);              /* real[key] = value; the key copy stays */
                lua_pop(L, 1);
            }
        }
        lua_remove(L, real);
        return;
    }
    if (cJSON_IsString(j)) {
        lua_pushstring(L, j->valuestring);
    } else if (cJSON_IsNumber(j)) {
        double d = j->valuedouble;
        if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && (double)(lua_Integer)d == d)
            lua_pushinteger(L, (lua_Integer)d);
        else
            lua_pushnumber(L, d);
    } else if (cJSON_IsBool(j)) {
        lua_pushboolean(L, cJSON_IsTrue(j));
    } else {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_NULL);
    }
}

static int sbx_push_plan_fn(lua_State *L)
{
    const cJSON *root = lua_touserdata(L, 1);
    sbx_push_keys(L);
    sbx_push_json(L, root, 0, 0, lua_gettop(L));
    return 1;
}

/* security: the plan's read-only tables take memory in proportion to its
 * number of values, not its bytes: "[]," is 3 bytes of text and ~450 bytes
 * of tables (an 8 MiB plan of empty arrays took 1.6 GB).  The build is
 * therefore budgeted -- limit bytes of the Lua state -- and protected; a
 * plan past it is refused (0, nothing pushed). */
int sbx_push_plan(hogo_engine *e, const void *root, size_t limit)
{
    lua_State *L = e->L;
    /* the limit counts from what the state holds now, garbage of earlier
     * plans included, and a refusal first collects that garbage: with much
     * of it the build would get that much more room.  So a state that grew
     * by more than half the limit since its last full collection is
     * collected first (rare: the generational collector keeps up). */
    if (e->mem_used > e->gc_floor + limit / 2) {
        lua_gc(L, LUA_GCCOLLECT);
        e->gc_floor = e->mem_used;
    }
    lua_pushcfunction(L, sbx_push_plan_fn);
    lua_pushlightuserdata(L, (void *)root);
    e->mem_limit = e->mem_used + limit;
    e->in_build = 1;
    e->build_refused = 0;
    int st = lua_pcall(L, 1, 1, 0);
    e->in_build = e->build_refused = 0;
    e->mem_limit = 0;
    e->abort_why = NULL;
    e->abort_line = 0;
    if (st == LUA_OK) return 1;
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}

int sbx_is_null(lua_State *L, int idx)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_NULL);
    int r = lua_rawequal(L, idx, -1);
    lua_pop(L, 1);
    return r;
}

/* Append the escaped pointer part of the value at idx (string or integer). */
void sbx_path_part(lua_State *L, int idx, strbuf *b)
{
    sb_putc(b, '/');
    if (lua_type(L, idx) == LUA_TNUMBER) {
        sb_printf(b, "%lld", (long long)lua_tointeger(L, idx));
        return;
    }
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    for (size_t i = 0; s && i < n; i++) {
        if (s[i] == '~') sb_puts(b, "~0");
        else if (s[i] == '/') sb_puts(b, "~1");
        else sb_putc(b, s[i]);
    }
}

/* security: a table is a plan proxy when its metatable is one the engine
 * made for the plan: its __newindex is the engine's C function and its
 * __metatable the plan's label, both read raw.  A rule cannot forge one:
 * getmetatable() on a proxy gives the label, never the metatable, and no
 * rule can reach sbx_ro_newindex.  (ctx.report and hogo.path used to follow
 * any chain of metatables a rule built, copying its keys into C memory:
 * 1.47 GB outside the budget in one call.)  Leaves the metatable on the
 * stack when it returns 1. */
static int sbx_plan_meta(lua_State *L, int idx, int keys)
{
    if (!lua_istable(L, idx) || !lua_getmetatable(L, idx)) return 0;
    lua_rawgeti(L, keys, SBX_K_NEWINDEX);
    lua_rawget(L, -2);
    int ok = lua_tocfunction(L, -1) == sbx_ro_newindex;
    lua_pop(L, 1);
    if (ok) {
        lua_rawgeti(L, keys, SBX_K_METATABLE);
        lua_rawget(L, -2);
        lua_rawgeti(L, keys, SBX_K_PLAN_LABEL);
        ok = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
    }
    if (!ok) lua_pop(L, 1);
    return ok;
}

/* The path of the plan proxy at idx, root first, by walking parents; ""
 * for a table the engine did not make for the plan.  The walk is bounded
 * by depth and the path by SBX_MAX_PATH bytes (past it the path is cut,
 * which a plan within its own limits never reaches).  Leaves the stack as
 * it found it. */
#define SBX_MAX_PATH (64u << 10)
void sbx_path(lua_State *L, int idx, strbuf *b)
{
    idx = lua_absindex(L, idx);
    int depth = 0;
    int top = lua_gettop(L);
    luaL_checkstack(L, 8, "plan path");
    sbx_push_keys(L);
    int keys = lua_gettop(L);
    /* push the chain of proxies from idx up to the root */
    lua_pushvalue(L, idx);
    while (depth < 300 && sbx_plan_meta(L, -1, keys)) {
        if (lua_rawgeti(L, -1, 1) != LUA_TTABLE) { lua_pop(L, 2); break; }
        lua_remove(L, -2);   /* keep the parent, drop its child's metatable */
        depth++;
        luaL_checkstack(L, 2, "plan path");
    }
    /* stack: keys, idx-copy, parent, grandparent, ..., root ; walk down */
    for (int k = lua_gettop(L) - 1; k >= keys + 1 && b->len < SBX_MAX_PATH; k--) {
        lua_getmetatable(L, k);
        lua_rawgeti(L, -1, 2);
        sbx_path_part(L, lua_gettop(L), b);
        lua_pop(L, 2);
    }
    lua_settop(L, top);
}

/* ---- C memory that Lua code may outlive ----
 * security: a C helper that builds its result in malloc'd memory and then
 * pushes it with a call that can raise (the memory budget refuses the
 * string) loses that memory: 64 MB per plan through hogo.gsub.  The
 * buffer lives instead in a userdata on the stack, whose __gc (the
 * engine's, not a rule's) frees it whenever the error unwinds past it. */
static const char SBX_BOX = 'B';

static int sbx_box_gc(lua_State *L)
{
    sb_free(lua_touserdata(L, 1));
    return 0;
}

strbuf *sbx_box(lua_State *L)
{
    strbuf *b = lua_newuserdatauv(L, sizeof *b, 0);
    sb_init(b);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_BOX) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 2);
        lua_pushcfunction(L, sbx_box_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, "engine buffer");
        lua_setfield(L, -2, "__metatable");
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_BOX);
    }
    lua_setmetatable(L, -2);
    return b;
}

/* Bytes left of the running rule's memory budget (SIZE_MAX when none). */
size_t sbx_memory_left(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    if (!e->mem_limit) return (size_t)-1;
    return e->mem_limit > e->mem_used ? e->mem_limit - e->mem_used : 0;
}

/* ---- library functions that loop in C ----
 * security: a count hook only fires between VM instructions, so a library
 * function that loops inside one C call can run for ever.  These wrappers
 * charge such loops to the instruction budget, or the memory they will
 * need to the memory budget, before the work starts. */

/* The memory budget's error, raised before the allocation is attempted. */
static int sbx_memory_error(lua_State *L, hogo_engine *e)
{
    sbx_abort(L, e, "memory budget");
    return luaL_error(L, "memory budget of %I bytes exceeded (--rule-memory)", (lua_Integer)e->rule_memory);
}

/* string.rep: the empty string repeated 2^62 times loops 2^62 times
 * without allocating; any other result is refused up front when it cannot
 * fit in what is left of the memory budget. */
static int sbx_rep(lua_State *L)
{
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) { lua_pushliteral(L, ""); return 1; }
    hogo_engine *e = sbx_engine(L);
    if (e->mem_limit) {
        size_t left = e->mem_limit > e->mem_used ? e->mem_limit - e->mem_used : 0;
        /* n*l + (n-1)*lsep > left, without overflow */
        if (left < ((size_t)-1) / 2 && (lua_Unsigned)n > (left + lsep) / (l + lsep)) return sbx_memory_error(L, e);
    }
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* The number of steps from lo to hi (hi >= lo), saturated: from
 * math.mininteger to math.maxinteger it is 2^64, which j - i + 1 wraps to 0
 * -- a free charge for a C loop that never ends. */
static lua_Unsigned sbx_span(lua_Integer lo, lua_Integer hi)
{
    lua_Unsigned n = (lua_Unsigned)hi - (lua_Unsigned)lo;
    return n == ~(lua_Unsigned)0 ? n : n + 1u;
}

/* table.move: the range comes from the rule (table.move({}, 1, 1e15, 1)). */
static int sbx_tmove(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    if (e >= f) sbx_charge(L, sbx_span(f, e));
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* table.concat: one C loop over i..j, each step a t[k] that may run a C
 * __index (tostring) with no Lua instruction between: a __len of 1e15 hung
 * the engine.  The range is charged up front, and the length the charge
 * was computed from is the one the real concat uses (j passed explicitly),
 * so a __len that answers differently the second time gains nothing. */
static int sbx_tconcat(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_optstring(L, 2, "");
    lua_Integer i = luaL_optinteger(L, 3, 1);
    lua_Integer j = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    lua_settop(L, 4);
    lua_pushinteger(L, j);
    lua_replace(L, 4);
    if (j >= i) sbx_charge(L, sbx_span(i, j));
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* table.sort: n log n comparisons and swaps inside one C call.  The length
 * is read by the real sort itself, so a table whose metatable could answer
 * (__len) or intercept (__index, __newindex) is refused: its length could
 * differ from the one charged, and its C metamethods would run uncounted.
 * A plain table is charged n * (log2 n + 1) up front. */
static int sbx_tsort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_getmetatable(L, 1)) {
        static const char *const mm[] = { "__len", "__index", "__newindex" };
        for (int k = 0; k < 3; k++) {
            lua_pushstring(L, mm[k]);
            if (lua_rawget(L, -2) != LUA_TNIL)
                return luaL_error(L, "table.sort: a table with %s cannot be sorted in a rule (its "
                                     "metamethods would run outside the budgets): copy it first", mm[k]);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_Unsigned n = (lua_Unsigned)lua_rawlen(L, 1), lg = 1;
    for (lua_Unsigned m = n; m > 1; m >>= 1) lg++;
    if (n > 1) sbx_charge(L, n > ((lua_Unsigned)-1) / lg ? (lua_Unsigned)-1 : n * lg);
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* table.insert and table.remove, as in Lua 5.4's ltablib.c, except that the
 * elements shifted are charged first: the length comes from __len, which
 * the rule writes (return 1e15), and is read once. */
static int sbx_tinsert(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer e = luaL_intop(+, luaL_len(L, 1), 1);   /* first empty element */
    lua_Integer pos;
    switch (lua_gettop(L)) {
    case 2:
        pos = e;
        break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        sbx_charge(L, (lua_Unsigned)e - (lua_Unsigned)pos);
        for (lua_Integer i = e; i > pos; i--) {
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

static int sbx_tremove(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, pos);
    if (pos < size) sbx_charge(L, (lua_Unsigned)size - (lua_Unsigned)pos);
    for (; pos < size; pos++) {
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/* setmetatable: a finalizer (__gc) runs whenever the collector gets to it,
 * after the rule with no budget, or in lua_close, where a loop in it hangs
 * the engine.  A metatable with any __gc field is refused (a field added
 * later does not mark the object, as the Lua manual says). */
static int sbx_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in rules (a finalizer would run outside "
                                 "the rule's budgets)");
        lua_pop(L, 1);
    }
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* Replace field name of the table at idx by fn, with the original as upvalue 1
 * (a C function, which fn calls directly, so that its errors keep the
 * function's name and the rule's line). */
static void sbx_wrap(lua_State *L, int idx, const char *name, lua_CFunction fn)
{
    idx = lua_absindex(L, idx);
    lua_getfield(L, idx, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, idx, name);
}

/* ---- building the state ---- */

static const char *const sbx_base_names[] = {
    "assert", "error", "ipairs", "next", "pairs", "select", "tonumber", "tostring",
    "type", "rawequal", "rawlen", "setmetatable", "getmetatable", NULL
};
static const char *const sbx_lib_names[] = { "string", "table", "math", "utf8", "hogo", NULL };
static const char *const sbx_pattern_fns[] = { "find", "match", "gmatch", "gsub", NULL };

/* The prototype environment: what every rule's globals start as. */
static void sbx_build_proto(lua_State *L)
{
    lua_createtable(L, 0, 24);
    int proto = lua_gettop(L);
    for (int i = 0; sbx_base_names[i]; i++) {
        lua_getglobal(L, sbx_base_names[i]);
        lua_setfield(L, proto, sbx_base_names[i]);
    }
    sbx_wrap(L, proto, "setmetatable", sbx_setmetatable);   /* security: no __gc */
    lua_pushcfunction(L, sbx_pcall);
    lua_setfield(L, proto, "pcall");
    lua_pushcfunction(L, sbx_xpcall);
    lua_setfield(L, proto, "xpcall");
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, proto, "_VERSION");
    for (int i = 0; sbx_lib_names[i] && strcmp(sbx_lib_names[i], "hogo"); i++) {
        lua_getglobal(L, sbx_lib_names[i]);
        lua_setfield(L, proto, sbx_lib_names[i]);
    }
    /* security: table functions whose C loops the rule sizes */
    lua_getfield(L, proto, "table");
    sbx_wrap(L, -1, "move", sbx_tmove);
    sbx_wrap(L, -1, "concat", sbx_tconcat);
    sbx_wrap(L, -1, "sort", sbx_tsort);
    lua_pushcfunction(L, sbx_tinsert);
    lua_setfield(L, -2, "insert");
    lua_pushcfunction(L, sbx_tremove);
    lua_setfield(L, -2, "remove");
    lua_pop(L, 1);
    /* string: no dump, no Lua patterns beyond plain text */
    lua_getfield(L, proto, "string");
    lua_createtable(L, 0, 20);
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    sbx_wrap(L, -1, "rep", sbx_rep);                        /* security: C loops */
    for (int i = 0; sbx_pattern_fns[i]; i++) {
        lua_getfield(L, -1, sbx_pattern_fns[i]);
        lua_pushboolean(L, strcmp(sbx_pattern_fns[i], "find") == 0);
        lua_pushcclosure(L, sbx_plain_only, 2);
        lua_setfield(L, -2, sbx_pattern_fns[i]);
    }
    lua_setfield(L, proto, "string");
    lua_pop(L, 1);
    /* the string metatable's __index must be the sandboxed string table,
     * and locked, so ("x"):find(...) obeys the same rules */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_getfield(L, proto, "string");
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "string");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    hl_push(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_NULL);
    lua_setfield(L, -2, "null");
    lua_setfield(L, proto, "hogo");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_PROTO);
}

static void sbx_build_null(lua_State *L)
{
    lua_createtable(L, 0, 0);
    lua_createtable(L, 0, 4);
    lua_pushcfunction(L, sbx_null_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, sbx_ro_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "null");
    lua_setfield(L, -2, "__name");
    lua_pushliteral(L, "null");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_NULL);
}

int sbx_open(hogo_engine *e)
{
    lua_State *L = lua_newstate(sbx_alloc, e);
    if (!L) return 0;
    e->L = L;
    lua_pushlightuserdata(L, e);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_ENGINE);
    /* only these libraries; never luaL_openlibs */
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 5);
    lua_getglobal(L, "next");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_NEXT);
    sbx_build_null(L);
    sbx_build_keys(L);
    sbx_build_proto(L);
    /* the real globals are never a rule's environment; empty them so a
     * leak of _G would show nothing useful */
    lua_pushglobaltable(L);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, -4);
    }
    lua_pop(L, 1);
    /* a generational collector suits "build a plan, drop it" */
    lua_gc(L, LUA_GCGEN, 0, 0);
    return 1;
}

void sbx_close(hogo_engine *e)
{
    if (e->L) lua_close(e->L);
    e->L = NULL;
}

/* ---- rule environments ----
 * security: a rule's globals are a new, nearly empty table E for every run
 * (every load and every plan), whose metatable (its own, so that a rule
 * that changes it changes nothing else) reads through to one shared base:
 * the base functions, the standard tables and hogo (read-only proxies) and
 * the pack's libraries (frozen).  A rule can set globals (in E, gone after
 * the run) but cannot write into anything another rule or another plan
 * sees.  Building E is two small tables: a copy of every standard table per
 * rule and per plan cost more than the rules' own work. */
static const char SBX_BASE = 'b';      /* registry: the base proxy of rules */
static const char SBX_LIBBASE = 'l';   /* registry: the base of libraries (no library in it) */

/* Build a frozen base: the prototype's entries, plus the pack's libraries
 * when with_libs, stored in the registry under key. */
static void sbx_build_base(hogo_engine *e, const void *key, int with_libs)
{
    lua_State *L = e->L;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_PROTO);
    int proto = lua_gettop(L);
    lua_createtable(L, 0, 32);
    int base = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, proto)) {
        if (lua_istable(L, -1)) sbx_freeze(L, -1, 0);   /* string, table, math, utf8, hogo */
        else lua_pushvalue(L, -1);
        lua_pushvalue(L, -3);
        lua_insert(L, -2);
        lua_rawset(L, base);
        lua_pop(L, 1);
    }
    for (size_t i = 0; with_libs && i < e->nlibs; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, e->libs[i].ref);
        lua_setfield(L, base, e->libs[i].name);
    }
    sbx_freeze(L, base, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);
    lua_settop(L, proto - 1);
}

/* Push a new, nearly empty globals table reading through to the base at key. */
static void sbx_push_env_over(lua_State *L, const void *key)
{
    lua_createtable(L, 0, 4);                 /* E */
    lua_createtable(L, 0, 1);                 /* its metatable */
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
}

void sbx_push_env(hogo_engine *e)
{
    if (!e->base_built || e->base_nlibs != e->nlibs) {
        sbx_build_base(e, &SBX_BASE, 1);
        e->base_nlibs = e->nlibs;
        e->base_built = 1;
    }
    sbx_push_env_over(e->L, &SBX_BASE);
}

/* A library sees no other library unless it imports it (rules_load.c):
 * what it needs is declared in its file, not implied by the load order. */
void sbx_push_lib_env(hogo_engine *e)
{
    lua_State *L = e->L;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_LIBBASE) != LUA_TTABLE) sbx_build_base(e, &SBX_LIBBASE, 0);
    lua_pop(L, 1);
    sbx_push_env_over(L, &SBX_LIBBASE);
}

/* security: no state survives from one plan to the next.  A rule file is
 * run afresh for every plan, in a new environment (new globals, new copies
 * of the standard tables), so whatever it keeps -- a global, a local its
 * functions close over, a table it fills -- starts empty on every plan,
 * is charged to that plan's budgets, and is garbage after it.  Libraries
 * are loaded once and keep their state (see docs/security.md). */
int sbx_rule_entry(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    lua_settop(L, 3);                       /* chunk plan ctx */
    sbx_push_env(e);
    lua_setupvalue(L, 1, 1);                /* the chunk's _ENV */
    lua_pushvalue(L, 1);
    lua_call(L, 0, 1);
    int t = lua_gettop(L);
    if (!lua_istable(L, t) || lua_getmetatable(L, t))
        return luaL_error(L, "the rule file did not return a plain rule table on this plan");
    lua_pushliteral(L, "check");
    if (lua_rawget(L, t) != LUA_TFUNCTION)
        return luaL_error(L, "the rule file returned no check function on this plan");
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    lua_call(L, 2, 0);
    return 0;
}

int sbx_freeze_fn(lua_State *L)
{
    lua_settop(L, 1);
    sbx_freeze(L, 1, 0);
    return 1;
}

/* A speed-up of sbx_rule_entry, with the same guarantee.  Running the
 * file again per plan only matters for what check() can keep: its
 * globals and what its closure reaches through upvalues.  When everything
 * check() reaches by upvalues -- following the local functions it calls --
 * is _ENV or a value that cannot change inside (a string, a number, a
 * boolean, nil, a C function, a read-only table), and the file left no
 * global at load, then setting every such upvalue back to its value at
 * load, and every _ENV to a fresh environment, gives check() exactly what
 * running its file again would.  sbx_reset_list builds that list at load
 * (flat triples closure, index, value; SBX_FRESH_ENV marks _ENV), or
 * gives up (0) and the rule's file runs again per plan. */
static const char SBX_FRESH_ENV = 'f';
static const char SBX_NIL_VALUE = '0';  /* nil, which a Lua array cannot hold */
#define SBX_RESET_DEPTH 8
#define SBX_RESET_MAX   256             /* triples */

static int sbx_reset_walk(lua_State *L, int fidx, int env, int list, int seen, int keys, int depth)
{
    if (depth > SBX_RESET_DEPTH) return 0;
    const char *name;
    for (int i = 1; (name = lua_getupvalue(L, fidx, i)) != NULL; i++) {
        int v = lua_gettop(L), ok = 1;
        lua_pushlightuserdata(L, lua_upvalueid(L, fidx, i));
        int dup = lua_rawget(L, seen) != LUA_TNIL;
        lua_pop(L, 1);
        if (!dup) {
            lua_pushlightuserdata(L, lua_upvalueid(L, fidx, i));
            lua_pushboolean(L, 1);
            lua_rawset(L, seen);
            int t = lua_type(L, v);
            if (strcmp(name, "_ENV") == 0) {
                ok = lua_rawequal(L, v, env);       /* the file's own, not a local _ENV */
                lua_pop(L, 1);
                lua_pushlightuserdata(L, (void *)&SBX_FRESH_ENV);
            } else if (t == LUA_TTABLE) {
                ok = sbx_is_readonly(L, v, keys);
            } else if (t == LUA_TFUNCTION && !lua_iscfunction(L, v)) {
                ok = sbx_reset_walk(L, v, env, list, seen, keys, depth + 1);
            } else {
                ok = t == LUA_TNIL || t == LUA_TBOOLEAN || t == LUA_TNUMBER || t == LUA_TSTRING ||
                     lua_iscfunction(L, v);
            }
            lua_Integer n = (lua_Integer)lua_rawlen(L, list);
            if (ok && n / 3 >= SBX_RESET_MAX) ok = 0;
            if (ok) {
                lua_pushvalue(L, fidx);
                lua_rawseti(L, list, n + 1);
                lua_pushinteger(L, i);
                lua_rawseti(L, list, n + 2);
                if (lua_isnil(L, v)) lua_pushlightuserdata(L, (void *)&SBX_NIL_VALUE);
                else lua_pushvalue(L, v);
                lua_rawseti(L, list, n + 3);
            }
        }
        lua_settop(L, v - 1);
        if (!ok) return 0;
    }
    return 1;
}

/* 1 when the environment at eidx holds nothing but _G and still has the
 * metatable it was given (a file that set globals or its own metatable,
 * a strict mode, runs again every time). */
static int sbx_env_clean(lua_State *L, int eidx)
{
    int only_g = 1;
    lua_pushnil(L);
    while (lua_next(L, eidx)) {
        only_g &= lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), "_G") == 0;
        lua_pop(L, 1);
    }
    if (!only_g || !lua_getmetatable(L, eidx)) return 0;
    int nkeys = 0, same = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        nkeys++;
        if (lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), "__index") == 0) {
            lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_BASE);
            same = lua_rawequal(L, -1, -2);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return nkeys == 1 && same;
}

int sbx_reset_list(lua_State *L, int fidx, int eidx)
{
    fidx = lua_absindex(L, fidx);
    eidx = lua_absindex(L, eidx);
    if (lua_iscfunction(L, fidx) || !sbx_env_clean(L, eidx)) return 0;
    int top = lua_gettop(L);
    luaL_checkstack(L, 3 * SBX_RESET_DEPTH + 16, "rule reset");
    lua_newtable(L);
    int list = lua_gettop(L);
    lua_newtable(L);
    int seen = lua_gettop(L);
    sbx_push_keys(L);
    int ok = sbx_reset_walk(L, fidx, eidx, list, seen, seen + 1, 0);
    lua_settop(L, list);
    if (!ok) { lua_settop(L, top); return 0; }
    return 1;
}

int sbx_check_entry(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    lua_settop(L, 4);                       /* check list plan ctx */
    sbx_push_env(e);
    int env = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 2);
    for (lua_Integer k = 1; k + 2 <= n; k += 3) {
        lua_rawgeti(L, 2, k);               /* closure */
        lua_rawgeti(L, 2, k + 1);
        int idx = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, 2, k + 2);
        void *mark = lua_islightuserdata(L, -1) ? lua_touserdata(L, -1) : NULL;
        if (mark == (void *)&SBX_FRESH_ENV || mark == (void *)&SBX_NIL_VALUE) {
            lua_pop(L, 1);
            if (mark == (void *)&SBX_FRESH_ENV) lua_pushvalue(L, env);
            else lua_pushnil(L);
        }
        if (!lua_setupvalue(L, -2, idx)) lua_pop(L, 1);
        lua_pop(L, 1);
    }
    lua_settop(L, 4);
    lua_remove(L, 2);
    lua_call(L, 2, 0);
    return 0;
}

/* Note the chunk of the position the message names ("x.lua:12: ..."):
 * the frame from level on whose short name and line are the message's
 * (error(msg, 2) names the caller's), else the first Lua frame. */
static void sbx_note_where(lua_State *L, hogo_engine *e, int level, const char *m)
{
    lua_Debug ar;
    const char *colon = m ? strstr(m, ".lua:") : NULL;
    int line = colon ? atoi(colon + 5) : 0;
    size_t n = colon ? (size_t)(colon + 4 - m) : 0;
    int first = 1;
    for (; level < 64 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
        int named = line && ar.currentline == line && strlen(ar.short_src) == n && strncmp(ar.short_src, m, n) == 0;
        if (named || first) {
            snprintf(e->err_where, sizeof e->err_where, "%s", ar.source[0] == '@' ? ar.source + 1 : ar.short_src);
            e->err_line = ar.currentline;
            if (named) break;
            first = 0;
        }
    }
    sbx_note_rule_line(L, e, 1);
}

/* Message handler: keep the error text, note where it came from.
 * security: an error raised inside a library call (table.insert into the
 * plan, pcall(ctx.report, ...)) has no position in Lua's message: the line
 * of the innermost Lua function is added, so every rule error names one. */
static int sbx_msgh(lua_State *L)
{
    if (!lua_isstring(L, 1)) {
        luaL_tolstring(L, 1, NULL);
        lua_replace(L, 1);
    }
    hogo_engine *e = sbx_engine(L);
    lua_Debug ar;
    for (int level = 1; level < 32 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
        if (!e->abort_line) {
            e->abort_line = ar.currentline;
            snprintf(e->abort_where, sizeof e->abort_where, "%s", ar.source[0] == '@' ? ar.source + 1 : ar.short_src);
        }
        size_t n = strlen(ar.short_src);
        const char *m = lua_tostring(L, 1);
        if (strncmp(m, ar.short_src, n) != 0 || m[n] != ':') {
            lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, m);
            lua_replace(L, 1);
        }
        sbx_note_where(L, e, level, lua_tostring(L, 1));
        break;
    }
    lua_settop(L, 1);
    return 1;
}

int sbx_call_budgeted(hogo_engine *e, int nargs, int nresults, char *msg, size_t msglen, int *line)
{
    lua_State *L = e->L;
    int fn = lua_gettop(L) - nargs;
    lua_pushcfunction(L, sbx_msgh);
    lua_insert(L, fn);
    e->instr = 0;
    e->aborting = 0;
    e->abort_why = NULL;
    e->err_line = e->fail_rule_line = 0;
    e->err_where[0] = e->fail_where[0] = '\0';
    sbx_budget_start(e);
    e->mem_limit = e->mem_used + e->rule_memory;
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, SBX_HOOK_STEP);
    int st = lua_pcall(L, nargs, nresults, fn);
    lua_sethook(L, NULL, 0, 0);
    e->mem_limit = 0;
    *line = 0;
    if (st != LUA_OK) {
        const char *m = lua_tostring(L, -1);
        /* security: a memory refusal counts when it stopped the rule (it
         * was not caught) or was raised as lauxlib's plain error */
        int mem = st == LUA_ERRMEM ||
                  (sbx_memory_refused(e) && (e->aborting || (m && strcmp(m, "not enough memory") == 0)));
        if (mem && e->abort_line > 0)
            snprintf(msg, msglen, "%s:%d: memory budget of %zu bytes exceeded (--rule-memory)",
                     e->abort_where, e->abort_line, e->rule_memory);
        else if (mem)
            snprintf(msg, msglen, "memory budget of %zu bytes exceeded (--rule-memory)", e->rule_memory);
        else
            snprintf(msg, msglen, "%s", m ? m : "error");
        /* "file.lua:12: text" -> line 12 */
        const char *c = m ? strstr(m, ".lua:") : NULL;
        if (c) *line = atoi(c + 5);
        if (*line && *line == e->err_line) snprintf(e->fail_where, sizeof e->fail_where, "%s", e->err_where);
        if ((e->aborting || mem || !*line) && e->abort_line > 0) {
            *line = e->abort_line;
            snprintf(e->fail_where, sizeof e->fail_where, "%s", e->abort_where);
        }
        lua_pop(L, 1);
    }
    lua_remove(L, fn);
    return st;
}
