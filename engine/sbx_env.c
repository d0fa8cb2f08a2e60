/* sbx_env.c -- rule and library environments (sandbox.h), and running a
 * rule on one plan with nothing kept from the plan before, in constant time
 * per rule: the rule's globals are kept while untouched (sbx_push_rule_env),
 * its upvalues set back from a list made at load (sbx_reset_list), and the
 * tables of constants it closes over guarded (sbx_guard, sbx_data.c). */
#include "sandbox.h"
#include "sbx_int.h"
#include "hogo_limits.h"

#include <string.h>

static const char SBX_PROTO = 'p';      /* registry: the prototype environment */
static const char SBX_GLOBALS = 'g';    /* registry: the pack's libraries, by name */
static const char SBX_BASE = 'b';      /* registry: the base proxy of rules */
static const char SBX_LIBBASE = 'l';   /* registry: the base of libraries (no library in it) */
static const char SBX_NAMES = 'n';     /* registry: "_G", kept alive */

/* Keep the prototype environment (popped) of a new state. */
void sbx_env_open(sbx_state *s)
{
    lua_State *L = s->L;
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_PROTO);
    /* the name sbx_env_untouched looks for, kept alive (so interned once
     * for the state's life) */
    lua_pushliteral(L, "_G");
    s->name_G = lua_tostring(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_NAMES);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_GLOBALS);
    s->base_stale = 1;
}

void sbx_set_hogo(sbx_state *s)
{
    lua_State *L = s->L;
    sbx_push_null(L);
    lua_setfield(L, -2, "null");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_PROTO);
    lua_insert(L, -2);
    lua_setfield(L, -2, "hogo");
    lua_pop(L, 1);
    lua_pushnil(L);                     /* both bases are built again */
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_LIBBASE);
    s->base_stale = 1;
}

void sbx_add_global(sbx_state *s, const char *name)
{
    lua_State *L = s->L;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_GLOBALS);
    lua_insert(L, -2);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
    s->base_stale = 1;
}

/* ---- rule environments ----
 * security: a rule's globals are a nearly empty table E of its own, whose
 * metatable (its own, so that a rule that changes it changes nothing else)
 * reads through to one shared base: the base functions, the standard tables
 * and hogo (read-only proxies) and the pack's libraries (frozen).  A rule
 * can set globals (in E) but cannot write into anything another rule sees;
 * an E it wrote into is replaced before its next plan (sbx_push_rule_env),
 * so no plan sees what the plan before it left. */

/* Build a frozen base: the prototype's entries, plus the pack's libraries
 * when with_libs, stored in the registry under key. */
static void sbx_build_base(sbx_state *e, const void *key, int with_libs)
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
    if (with_libs) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_GLOBALS);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, base);
        }
        lua_pop(L, 1);
    }
    sbx_freeze(L, base, 1);
    if (key == &SBX_BASE) e->base_ptr = lua_topointer(L, -1);     /* anchored below */
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

void sbx_push_env(sbx_state *e)
{
    if (e->base_stale) {
        sbx_build_base(e, &SBX_BASE, 1);
        e->base_stale = 0;
    }
    sbx_push_env_over(e->L, &SBX_BASE);
}

/* A library sees no other library unless it imports it (rules_load.c):
 * what it needs is declared in its file, not implied by the load order. */
void sbx_push_lib_env(sbx_state *e)
{
    lua_State *L = e->L;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_LIBBASE) != LUA_TTABLE) sbx_build_base(e, &SBX_LIBBASE, 0);
    lua_pop(L, 1);
    sbx_push_env_over(L, &SBX_LIBBASE);
}

/* security: no state survives from one plan to the next.  A rule whose
 * check() reaches state a reset list cannot set back (or that wrote into a
 * guarded constant) has its file run afresh for every plan, in new globals,
 * so whatever it keeps -- a global, a local its functions close over, a
 * table it fills -- starts empty on every plan, is charged to that plan's
 * budgets, and is garbage after it.  Libraries are loaded once and keep
 * their state (see docs/security.md). */
int sbx_rule_entry(lua_State *L)
{
    sbx_state *e = sbx_get(L);
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


/* A speed-up of sbx_rule_entry, with the same guarantee.  Running the
 * file again per plan only matters for what check() can keep: its
 * globals and what its closure reaches through upvalues.  When everything
 * check() reaches by upvalues -- following the local functions it calls --
 * is _ENV or a value that cannot change inside (a string, a number, a
 * boolean, nil, a C function, a read-only table), and the file left no
 * global at load, then setting every such upvalue back to its value at
 * load, and every _ENV to a fresh environment, gives check() exactly what
 * running its file again would.  sbx_reset_list builds that list at load
 * (flat triples closure, index, value; SBX_FRESH_ENV marks _ENV; packed
 * for sbx_push_check by sbx_reset_pack), or gives up (0) and the rule's
 * file runs again per plan. */
/* 1 when the plain table at idx holds only constants -- strings, numbers,
 * booleans, C functions, read-only tables, and plain tables of the same --
 * within *budget entries and HOGO_MAX_RESET_DEPTH levels: such a table can
 * be guarded (sbx_guard) and shared by every plan.  A Lua function inside
 * could close over state the reset list does not see. */
static int sbx_guardable(lua_State *L, int idx, int depth, int *budget)
{
    idx = lua_absindex(L, idx);
    if (depth > HOGO_MAX_RESET_DEPTH || lua_getmetatable(L, idx)) {
        if (depth <= HOGO_MAX_RESET_DEPTH) lua_pop(L, 1);
        return 0;
    }
    luaL_checkstack(L, 4, "rule reset");
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int kt = lua_type(L, -2), vt = lua_type(L, -1), ok = --*budget >= 0;
        ok = ok && (kt == LUA_TSTRING || kt == LUA_TNUMBER || kt == LUA_TBOOLEAN);
        if (ok && vt == LUA_TTABLE)
            ok = sbx_is_readonly(L, -1) || sbx_guardable(L, -1, depth + 1, budget);
        else if (ok)
            ok = vt == LUA_TSTRING || vt == LUA_TNUMBER || vt == LUA_TBOOLEAN ||
                 (vt == LUA_TFUNCTION && lua_iscfunction(L, -1));
        lua_pop(L, 1);
        if (!ok) { lua_pop(L, 1); return 0; }
    }
    return 1;
}

static const char SBX_FRESH_ENV = 'f';
static const char SBX_NIL_VALUE = '0';  /* nil, which a Lua array cannot hold */

static int sbx_reset_walk(lua_State *L, int fidx, int env, int list, int seen, int memo, int depth)
{
    if (depth > HOGO_MAX_RESET_DEPTH) return 0;
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
                if (sbx_is_readonly(L, v)) {
                    ok = 1;
                } else if (sbx_guarded(L, v)) {       /* shared with an upvalue walked before */
                    lua_pop(L, 1);
                    ok = 1;
                } else {
                    /* a plain table of constants is guarded, in place */
                    int budget = HOGO_MAX_RESET_UPVALUES * 16;
                    ok = sbx_guardable(L, v, 0, &budget);
                    if (ok) {
                        sbx_guard(L, v, memo);
                        lua_replace(L, v);
                        lua_pushvalue(L, v);
                        lua_setupvalue(L, fidx, i);
                    }
                }
            } else if (t == LUA_TFUNCTION && !lua_iscfunction(L, v)) {
                ok = sbx_reset_walk(L, v, env, list, seen, memo, depth + 1);
            } else {
                ok = t == LUA_TNIL || t == LUA_TBOOLEAN || t == LUA_TNUMBER || t == LUA_TSTRING ||
                     lua_iscfunction(L, v);
            }
            lua_Integer n = (lua_Integer)lua_rawlen(L, list);
            if (ok && n / 3 >= HOGO_MAX_RESET_UPVALUES) ok = 0;
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

/* The reset list as sbx_push_check reads it before every call: a userdata
 * of int codes (the count first), one per upvalue, each the upvalue's
 * index and what to set it to -- the rule's environment, nil, or the next
 * value -- and whether the closure changes first; its user value is the
 * array of those closures and values, in the same order.  (The triples
 * sbx_reset_walk makes cost three table reads per upvalue.) */
enum { SBX_RS_CLOSURE = 1, SBX_RS_VALUE = 2, SBX_RS_ENV = 4, SBX_RS_SHIFT = 3 };

static void sbx_reset_pack(lua_State *L, int list)
{
    int n = (int)(lua_rawlen(L, list) / 3);
    int *code = lua_newuserdatauv(L, sizeof(int) * (size_t)(n + 1), 1);
    code[0] = n;
    lua_createtable(L, 2 * n, 0);
    int objs = lua_gettop(L), m = 0;
    lua_pushnil(L);                         /* the closure before */
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, list, 3 * i + 1);
        int c = 0;
        if (!lua_rawequal(L, -1, -2)) {
            c |= SBX_RS_CLOSURE;
            lua_pushvalue(L, -1);
            lua_rawseti(L, objs, ++m);
        }
        lua_replace(L, -2);
        lua_rawgeti(L, list, 3 * i + 2);
        c |= (int)lua_tointeger(L, -1) << SBX_RS_SHIFT;
        lua_pop(L, 1);
        lua_rawgeti(L, list, 3 * i + 3);
        void *mark = lua_islightuserdata(L, -1) ? lua_touserdata(L, -1) : NULL;
        if (mark == (void *)&SBX_FRESH_ENV) {
            c |= SBX_RS_ENV;
        } else if (mark != (void *)&SBX_NIL_VALUE) {
            c |= SBX_RS_VALUE;
            lua_pushvalue(L, -1);
            lua_rawseti(L, objs, ++m);
        }
        lua_pop(L, 1);
        code[i + 1] = c;
    }
    lua_pop(L, 1);
    lua_setiuservalue(L, -2, 1);
}

int sbx_reset_list(lua_State *L, int fidx, int eidx)
{
    fidx = lua_absindex(L, fidx);
    eidx = lua_absindex(L, eidx);
    if (lua_iscfunction(L, fidx) || !sbx_env_clean(L, eidx)) return 0;
    int top = lua_gettop(L);
    luaL_checkstack(L, 3 * HOGO_MAX_RESET_DEPTH + 16, "rule reset");
    lua_newtable(L);
    int list = lua_gettop(L);
    lua_newtable(L);
    int seen = lua_gettop(L);
    lua_newtable(L);
    int memo = lua_gettop(L);
    int ok = sbx_reset_walk(L, fidx, eidx, list, seen, memo, 0);
    lua_settop(L, list);
    if (!ok) { lua_settop(L, top); return 0; }
    sbx_reset_pack(L, list);
    lua_replace(L, list);
    return 1;
}

/* 1 when the string key at idx is name: the same interned string as the
 * one kept in the sandbox (one comparison), else compared by its bytes. */
static int sbx_key_is(lua_State *L, int idx, const char *kept, const char *name)
{
    if (lua_type(L, idx) != LUA_TSTRING) return 0;
    const char *k = lua_tostring(L, idx);
    return k == kept || strcmp(k, name) == 0;
}

/* 1 when the value at idx is the table t points to (a live table). */
static int sbx_is_table(lua_State *L, int idx, const void *t)
{
    return lua_type(L, idx) == LUA_TTABLE && lua_topointer(L, idx) == t;
}

/* security: a rule environment's metatable is reachable by its rule only
 * through getmetatable(_G) and setmetatable(_G, ...) (no debug library, and
 * no C function of the sandbox hands a metatable out), so those two mark
 * the environment they are given by a key of its own (below): the rule
 * gets a fresh environment on its next plan, and sbx_env_untouched need not
 * read the metatable before every call.  A rule environment is told by its
 * metatable's __index, the rules' base, which no rule can reach without
 * one of those two calls. */
static const char SBX_ENV_TOUCHED = 't';

void sbx_mark_env(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return;
    sbx_state *s = sbx_get(L);
    idx = lua_absindex(L, idx);
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    if (sbx_is_table(L, -1, s->base_ptr)) {
        lua_pushlightuserdata(L, (void *)&SBX_ENV_TOUCHED);
        lua_pushboolean(L, 1);
        lua_rawset(L, idx);
    }
    lua_pop(L, 2);
}

/* 1 when the environment at eidx is as sbx_push_env made it: nothing in it
 * but _G (itself), and its metatable never handed out (sbx_mark_env).
 * Constant time: two steps, and it stops at the first thing out of place
 * (a rule that set a global, or touched its metatable).  Run before every
 * rule call, so it compares tables by identity and keys by their interned
 * strings rather than through the registry and strcmp. */
static int sbx_env_untouched(sbx_state *s, int eidx)
{
    lua_State *L = s->L;
    int top = lua_gettop(L), ok = 0;
    lua_pushnil(L);
    if (lua_next(L, eidx) && sbx_key_is(L, -2, s->name_G, "_G") && sbx_is_table(L, -1, lua_topointer(L, eidx))) {
        lua_pop(L, 1);
        ok = !lua_next(L, eidx);
    }
    lua_settop(L, top);
    return ok;
}

/* Push the environment of a rule for one plan, in constant time: the one
 * kept at *ref when the rule left nothing in it on its last plan (the
 * usual case), else a fresh one, kept at *ref for the next plan.  Either
 * way the rule starts the plan with empty globals over the shared base. */
void sbx_push_rule_env(sbx_state *s, int *ref)
{
    lua_State *L = s->L;
    if (s->base_stale) {
        sbx_build_base(s, &SBX_BASE, 1);
        s->base_stale = 0;
    }
    if (*ref != LUA_NOREF && *ref != LUA_REFNIL) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, *ref);
        if (lua_istable(L, -1) && sbx_env_untouched(s, lua_gettop(L))) return;
        lua_pop(L, 1);
        luaL_unref(L, LUA_REGISTRYINDEX, *ref);
    }
    sbx_push_env_over(L, &SBX_BASE);
    lua_pushvalue(L, -1);
    *ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* Push check() of a rule with a reset list, ready to be called with (plan,
 * ctx) under the budgets: its upvalues set back to their load values and
 * every _ENV to the rule's environment for this plan (sbx_push_rule_env).
 * Done here, outside the call, since nothing in it can fail or run the
 * rule's code: the rule's own call is then check() itself, with no C frame
 * in between. */
void sbx_push_check(sbx_state *s, int check_ref, int reset_ref, int *env_ref)
{
    lua_State *L = s->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, check_ref);
    int base = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, reset_ref);
    const int *code = lua_touserdata(L, base + 1);
    lua_getiuservalue(L, base + 1, 1);      /* the closures and values */
    sbx_push_rule_env(s, env_ref);
    int objs = base + 2, env = base + 3, fn = base + 4, m = 0;
    lua_pushnil(L);                         /* the closure being reset */
    for (int i = 1; code && i <= code[0]; i++) {
        int c = code[i];
        if (c & SBX_RS_CLOSURE) {
            lua_rawgeti(L, objs, ++m);
            lua_replace(L, fn);
        }
        if (c & SBX_RS_VALUE) lua_rawgeti(L, objs, ++m);
        else if (c & SBX_RS_ENV) lua_pushvalue(L, env);
        else lua_pushnil(L);
        if (!lua_setupvalue(L, fn, c >> SBX_RS_SHIFT)) lua_pop(L, 1);
    }
    lua_settop(L, base);                    /* check */
}
