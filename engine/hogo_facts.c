/* hogo_facts.c -- facts about a plan that the rule pack's libraries work
 * out once per plan, done in C (hf_ prefix): a walk in Lua costs a VM
 * instruction and a metamethod per table and value.  Each has a Lua
 * reference in rules/_common.lua and a ctest comparing the two (as
 * hogo.text_fields has).  Documented in docs/rule-api.md.
 *
 * hogo.plan_every(plan, fn [, known]): true when fn(s) is true (not nil
 * or false) for every string value s of the plan (its keys left out),
 * asked in the order next() gives each table and no further than the
 * first s it is not true for; false then.  known (a table, optional)
 * holds strings already known to be true (known[s] == true, read raw):
 * fn is not asked of them.  common.all_answered asks it whether any
 * string of the plan is a placeholder or a deferral. */
#include "hogo_facts.h"
#include "hogo_limits.h"
#include "sandbox.h"

#include <lauxlib.h>

/* The table whose entries the value at idx holds: a read-only proxy's
 * (its metatable's __index, read raw: no metamethod runs), or the table
 * itself.  Pushes it; 0 (nothing pushed) for JSON null. */
static int hf_push_entries(lua_State *L, int idx)
{
    if (sbx_is_null(L, idx)) return 0;
    if (lua_getmetatable(L, idx)) {
        lua_pushliteral(L, "__index");
        if (lua_rawget(L, -2) == LUA_TTABLE) {
            lua_remove(L, -2);
            return 1;
        }
        lua_pop(L, 2);
    }
    lua_pushvalue(L, idx);
    return 1;
}

/* The walk's charge (16 a value: a table of a rule's own may be cyclic) is
 * run up in *owed and paid before anything that could see the budget --
 * fn, a table below, the walk's end -- so the budget stands exactly where
 * a charge per value would leave it whenever it can be read; only the
 * sandbox look-up per value is saved. */
static void hf_pay(lua_State *L, lua_Unsigned *owed)
{
    if (*owed) sbx_charge(L, *owed);
    *owed = 0;
}

/* 1 when fn (at fn; strings true in the table at known, 0 for none, need
 * not be asked) is true for every string under the table at idx, depth
 * levels down; 0 at the first it is not. */
static int hf_every_walk(lua_State *L, int idx, int fn, int known, int depth, lua_Unsigned *owed)
{
    if (depth > HOGO_MAX_PLAN_DEPTH_CAP)
        luaL_error(L, "hogo.plan_every: tables nested more than %d deep", HOGO_MAX_PLAN_DEPTH_CAP);
    luaL_checkstack(L, 8, "hogo.plan_every");
    if (!hf_push_entries(L, idx)) return 1;
    int t = lua_gettop(L), all = 1;
    lua_pushnil(L);
    while (all && lua_next(L, t)) {
        *owed += 16;
        int vt = lua_type(L, -1);
        if (vt == LUA_TSTRING) {
            if (known) {
                lua_pushvalue(L, -1);
                int yes = lua_rawget(L, known) == LUA_TBOOLEAN && lua_toboolean(L, -1);
                lua_pop(L, 1);
                if (yes) { lua_pop(L, 1); continue; }
            }
            hf_pay(L, owed);
            lua_pushvalue(L, fn);
            lua_pushvalue(L, -2);
            lua_call(L, 1, 1);
            all = lua_toboolean(L, -1);
            lua_pop(L, 1);
        } else if (vt == LUA_TTABLE) {
            hf_pay(L, owed);
            all = hf_every_walk(L, lua_gettop(L), fn, known, depth + 1, owed);
        }
        lua_pop(L, 1);
    }
    if (!all) lua_pop(L, 1);             /* the key lua_next left */
    lua_pop(L, 1);
    hf_pay(L, owed);
    return all;
}

static int hf_plan_every(lua_State *L)
{
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
    lua_settop(L, 3);
    int all = 1;
    lua_Unsigned owed = 0;
    if (lua_type(L, 1) == LUA_TTABLE) all = hf_every_walk(L, 1, 2, lua_istable(L, 3) ? 3 : 0, 0, &owed);
    lua_pushboolean(L, all);
    return 1;
}

void hf_open(lua_State *L)
{
    lua_pushcfunction(L, hf_plan_every);
    lua_setfield(L, -2, "plan_every");
}
