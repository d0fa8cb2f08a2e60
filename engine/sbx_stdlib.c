/* sbx_stdlib.c -- the standard functions a rule gets (sandbox.h): base
 * trimmed, string, table, math and utf8, with every function wrapped whose
 * C loop the rule can size beyond what the count hook sees, and Lua
 * patterns refused (they backtrack inside C, where no budget reaches).
 * Nothing of io, os, package, debug, load, require, collectgarbage. */
/* security: memmem (a linear-time plain find) is a GNU/BSD extension */
#define _GNU_SOURCE
#include "sandbox.h"
#include "sbx_int.h"

#include <stdint.h>
#include <string.h>

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

/* ---- library functions that loop in C ----
 * security: a count hook only fires between VM instructions, so a library
 * function that loops inside one C call can run for ever.  These wrappers
 * charge such loops to the instruction budget, or the memory they will
 * need to the memory budget, before the work starts. */

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
    sbx_state *e = sbx_get(L);
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
    if (sbx_guarded(L, 1)) {            /* a rule's guarded constant: sorted, and noted */
        sbx_get(L)->cow_written = 1;
        lua_replace(L, 1);
    }
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
    sbx_mark_env(L, 1);                 /* security: see sbx_mark_env */
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in rules (a finalizer would run outside "
                                 "the rule's budgets)");
        lua_pop(L, 1);
    }
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* getmetatable: a rule's own environment's metatable, once handed out, may
 * be changed at any time: the environment is replaced before its next plan
 * (sbx_mark_env). */
static int sbx_getmetatable(lua_State *L)
{
    sbx_mark_env(L, 1);
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

/* type(v): Lua's, with the names made once (upvalues 1..LUA_NUMTYPES)
 * rather than pushed from C strings at every call (luaS_new hashes and
 * compares each): rules ask type() hundreds of times a plan. */
static int sbx_type(lua_State *L)
{
    int t = lua_type(L, 1);
    luaL_argcheck(L, t != LUA_TNONE, 1, "value expected");
    lua_pushvalue(L, lua_upvalueindex(t + 1));
    return 1;
}

static void sbx_push_type(lua_State *L)
{
    for (int t = 0; t < LUA_NUMTYPES; t++) lua_pushstring(L, lua_typename(L, t));
    lua_pushcclosure(L, sbx_type, LUA_NUMTYPES);
}

/* ---- the prototype environment ---- */

static const char *const sbx_base_names[] = {
    "assert", "error", "ipairs", "next", "pairs", "select", "tonumber", "tostring",
    "type", "rawequal", "rawlen", "setmetatable", "getmetatable", NULL
};
static const char *const sbx_lib_names[] = { "string", "table", "math", "utf8", NULL };
static const char *const sbx_pattern_fns[] = { "find", "match", "gmatch", "gsub", NULL };

/* The prototype environment: what every rule's globals start as (the
 * engine adds hogo, sbx_set_hogo).  Pushed. */
void sbx_push_stdlib(lua_State *L)
{
    lua_createtable(L, 0, 24);
    int proto = lua_gettop(L);
    for (int i = 0; sbx_base_names[i]; i++) {
        lua_getglobal(L, sbx_base_names[i]);
        lua_setfield(L, proto, sbx_base_names[i]);
    }
    sbx_push_type(L);
    lua_setfield(L, proto, "type");
    sbx_wrap(L, proto, "setmetatable", sbx_setmetatable);   /* security: no __gc */
    sbx_wrap(L, proto, "getmetatable", sbx_getmetatable);   /* security: sbx_mark_env */
    lua_pushcfunction(L, sbx_pcall);
    lua_setfield(L, proto, "pcall");
    lua_pushcfunction(L, sbx_xpcall);
    lua_setfield(L, proto, "xpcall");
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, proto, "_VERSION");
    for (int i = 0; sbx_lib_names[i]; i++) {
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
}
