/* sbx_data.c -- read-only tables (sandbox.h): the plan handed to the rules
 * as proxies built once per plan, frozen (deep read-only) copies of what
 * libraries export, the JSON pointer of a plan table, and C buffers that
 * Lua code may outlive. */
#include "sandbox.h"
#include "sbx_int.h"
#include "hogo_limits.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <string.h>

static const char SBX_NULL = 'n';       /* registry: the JSON null sentinel */
#define SBX_GUARD 2                     /* sbx_freeze_rec: in place, writes noted */

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

/* security: a table a rule's check() closes over (its constants: words,
 * safeguards, labels) is guarded at load (sbx_guard): writes still work,
 * into the table itself, but they mark the running rule as having changed
 * what it closes over, and the engine then runs that rule's file afresh for
 * every later plan (sbx_env.c).  So a table that stays constant is shared
 * by every plan, and one that changes never carries a plan's data to the
 * next. */
static int sbx_cow_newindex(lua_State *L)
{
    sbx_get(L)->cow_written = 1;
    lua_settop(L, 3);
    lua_getmetatable(L, 1);
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    lua_insert(L, 2);
    lua_settop(L, 4);                   /* t real k v */
    lua_rawset(L, 2);
    return 0;
}

static int sbx_ro_len(lua_State *L)
{
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__index");
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

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

/* Push the metatable of a read-only proxy over the table at real: reads go
 * to it, writes fail, # and pairs see through; label is what getmetatable
 * shows (and how the engine tells its proxies).  (The plan's proxies get
 * the same fields and their path links from sbx_new_proxy.)  Each name is
 * pushed before its value (pushing the value first and moving the name
 * under it cost a rotation per field). */
static void sbx_push_ro_meta(lua_State *L, int real, int keys, int label, lua_CFunction newindex)
{
    real = lua_absindex(L, real);
    lua_createtable(L, 0, 5);
    int mt = lua_gettop(L);
    lua_rawgeti(L, keys, SBX_K_INDEX);
    lua_pushvalue(L, real);
    lua_rawset(L, mt);
    lua_rawgeti(L, keys, SBX_K_NEWINDEX);
    lua_pushcfunction(L, newindex);
    lua_rawset(L, mt);
    lua_rawgeti(L, keys, SBX_K_LEN);
    lua_pushcfunction(L, sbx_ro_len);
    lua_rawset(L, mt);
    lua_rawgeti(L, keys, SBX_K_PAIRS);
    lua_pushcfunction(L, sbx_ro_pairs);
    lua_rawset(L, mt);
    lua_rawgeti(L, keys, SBX_K_METATABLE);
    lua_rawgeti(L, keys, label);
    lua_rawset(L, mt);
}

static int sbx_is_ro(lua_State *L, int idx, int keys)
{
    if (!lua_getmetatable(L, idx)) return 0;
    lua_rawgeti(L, keys, SBX_K_NEWINDEX);
    lua_rawget(L, -2);
    int ro = lua_tocfunction(L, -1) == sbx_ro_newindex;
    lua_pop(L, 2);
    return ro;
}

/* 1 (and the guarded table pushed) when the table at idx is a guard. */
static int sbx_guard_real(lua_State *L, int idx, int keys)
{
    if (!lua_getmetatable(L, idx)) return 0;
    lua_rawgeti(L, keys, SBX_K_NEWINDEX);
    lua_rawget(L, -2);
    int cow = lua_tocfunction(L, -1) == sbx_cow_newindex;
    lua_pop(L, 1);
    if (cow) {
        lua_rawgeti(L, keys, SBX_K_INDEX);
        lua_rawget(L, -2);
        lua_remove(L, -2);
        return 1;
    }
    lua_pop(L, 1);
    return 0;
}

int sbx_guarded(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    sbx_push_keys(L);
    int g = sbx_guard_real(L, idx, lua_gettop(L));
    if (g) lua_replace(L, -2);
    else lua_pop(L, 1);
    return g;
}

/* Push the frozen form of the value at idx; memo maps tables already
 * frozen in this call to their proxies (cycles, shared subtables); nil
 * until the first table below the top one.
 * in_place (hogo.freeze(t, true), for tables nobody else holds): the table
 * itself goes behind its proxy, no copy, and its table values are replaced
 * in place by theirs; a table with a metatable of its own is copied. */
static void sbx_freeze_rec(lua_State *L, int idx, int memo, int keys, int depth, int in_place)
{
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx) || sbx_is_ro(L, idx, keys)) { lua_pushvalue(L, idx); return; }
    if (in_place != SBX_GUARD && sbx_guard_real(L, idx, keys)) {
        /* a rule's guarded constant: what it holds is frozen (a copy) */
        sbx_freeze_rec(L, -1, memo, keys, depth, 0);
        lua_remove(L, -2);
        return;
    }
    if (!lua_isnil(L, memo)) {
        lua_pushvalue(L, idx);
        if (lua_rawget(L, memo) != LUA_TNIL) return;
        lua_pop(L, 1);
    }
    if (depth > HOGO_MAX_FREEZE_DEPTH)
        luaL_error(L, "hogo.freeze: tables nested more than %d deep", HOGO_MAX_FREEZE_DEPTH);
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
    sbx_push_ro_meta(L, real, keys, SBX_K_RO_LABEL, in_place == SBX_GUARD ? sbx_cow_newindex : sbx_ro_newindex);
    lua_setmetatable(L, -2);
    int proxy = lua_gettop(L);
    if (!lua_isnil(L, memo)) {
        lua_pushvalue(L, idx);
        lua_pushvalue(L, proxy);
        lua_rawset(L, memo);
    }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int tab = lua_istable(L, -1);
        if (tab && sbx_is_ro(L, -1, keys)) {
            /* read-only already (a plan proxy, a frozen table): the value
             * itself, so in place there is nothing to write and no memo to
             * make (per_plan's lists of plan tables were most freezes) */
            if (!in_place) {
                lua_pushvalue(L, -2);
                lua_pushvalue(L, -2);
                lua_rawset(L, real);
            }
            lua_pop(L, 1);
            continue;
        }
        if (tab && lua_isnil(L, memo)) {
            /* the first table below the top one: only now can a table be
             * met twice (a cycle, a shared subtable), so only now is the
             * memo made, holding the top table (sbx_freeze starts without
             * one: most frozen tables hold strings only) */
            lua_newtable(L);
            lua_replace(L, memo);
            lua_pushvalue(L, idx);
            lua_pushvalue(L, proxy);
            lua_rawset(L, memo);
        }
        if (!in_place || tab) {
            sbx_freeze_rec(L, -1, memo, keys, depth + 1, in_place);   /* frozen value */
            lua_pushvalue(L, -3);                  /* key */
            lua_insert(L, -2);
            lua_rawset(L, real);   /* in place: an existing field, allowed while traversing */
        }
        lua_pop(L, 1);                             /* the original value */
    }
    if (real != idx) lua_remove(L, real);
}

/* Make the fresh table at idx read-only in place (it becomes the table
 * behind a read-only proxy, which replaces it at idx), without looking
 * inside: for tables built in C whose values are already immutable
 * (strings, numbers, plan proxies), where sbx_freeze would walk them. */
void sbx_seal(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    int kit = sbx_push_seal_kit(L);               /* one table: the kit's way, not a second one */
    sbx_seal_kit(L, idx, kit);
    lua_pop(L, SBX_SEAL_KIT);
}

/* Push the guard of the plain table at idx (in place, as sbx_freeze with
 * in_place, but writes allowed and noted: sbx_cow_newindex); memo maps
 * tables already guarded for this rule to their guards. */
void sbx_guard(lua_State *L, int idx, int memo)
{
    idx = lua_absindex(L, idx);
    memo = lua_absindex(L, memo);
    sbx_push_keys(L);
    sbx_freeze_rec(L, idx, memo, lua_gettop(L), 0, SBX_GUARD);
    lua_remove(L, -2);
}

void sbx_freeze(lua_State *L, int idx, int in_place)
{
    idx = lua_absindex(L, idx);
    sbx_push_keys(L);
    lua_pushnil(L);                               /* the memo, made when needed */
    sbx_freeze_rec(L, idx, lua_gettop(L), lua_gettop(L) - 1, 0, in_place);
    lua_remove(L, -2);
    lua_remove(L, -2);
}


/* What every plan proxy's metatable holds, pushed once per plan onto the
 * stack from kit on: the names __index, __newindex, __len, __pairs,
 * __metatable, each followed by its value (__index's is a placeholder:
 * each proxy has its own real table).  A metatable is then filled by
 * pushing two stack slots per field (looking each name up in SBX_KEYS and
 * moving it under its value was most of sbx_push_ro_meta's own cost). */
enum { SBX_KIT_SIZE = SBX_SEAL_KIT };   /* (sandbox.h: sbx_seal_kit reads the same kit) */

static void sbx_push_kit_label(lua_State *L, int keys, int label)
{
    luaL_checkstack(L, SBX_KIT_SIZE, "plan");
    lua_rawgeti(L, keys, SBX_K_INDEX);
    lua_pushnil(L);
    lua_rawgeti(L, keys, SBX_K_NEWINDEX);
    lua_pushcfunction(L, sbx_ro_newindex);
    lua_rawgeti(L, keys, SBX_K_LEN);
    lua_pushcfunction(L, sbx_ro_len);
    lua_rawgeti(L, keys, SBX_K_PAIRS);
    lua_pushcfunction(L, sbx_ro_pairs);
    lua_rawgeti(L, keys, SBX_K_METATABLE);
    lua_rawgeti(L, keys, label);
}

static void sbx_push_kit(lua_State *L, int keys) { sbx_push_kit_label(L, keys, SBX_K_PLAN_LABEL); }

/* Fill the metatable at mt from the kit: __index the table at real, the
 * rest the kit's names and values. */
static void sbx_fill_meta(lua_State *L, int mt, int real, int kit)
{
    lua_pushvalue(L, kit);
    lua_pushvalue(L, real);
    lua_rawset(L, mt);
    for (int k = kit + 2; k < kit + SBX_KIT_SIZE; k += 2) {
        lua_pushvalue(L, k);
        lua_pushvalue(L, k + 1);
        lua_rawset(L, mt);
    }
}

int sbx_push_seal_kit(lua_State *L)
{
    sbx_push_keys(L);
    int keys = lua_gettop(L);
    sbx_push_kit_label(L, keys, SBX_K_RO_LABEL);
    lua_remove(L, keys);
    return lua_gettop(L) - SBX_KIT_SIZE + 1;
}

void sbx_seal_kit(lua_State *L, int idx, int kit)
{
    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 4, "seal");
    lua_createtable(L, 0, 0);                     /* proxy */
    lua_createtable(L, 0, 5);
    sbx_fill_meta(L, lua_gettop(L), idx, kit);
    lua_setmetatable(L, -2);
    lua_replace(L, idx);
}

/* Build the proxy of a container: parent proxy at pidx (0 = none), key at
 * kidx (0 for the root).  Leaves real and proxy on the stack, so children
 * can be filled into real.  The metatable is sbx_push_ro_meta's with the
 * plan's label, and the path links [1] parent, [2] key kept in its hash
 * part with the rest (one allocation fewer than an array part for them). */
static void sbx_new_proxy(lua_State *L, int narr, int nrec, int pidx, int kidx, int kit)
{
    lua_createtable(L, narr, nrec);               /* real */
    int real = lua_gettop(L);
    lua_createtable(L, 0, 0);                     /* proxy */
    lua_createtable(L, 0, 7);
    int mt = real + 2;
    sbx_fill_meta(L, mt, real, kit);
    if (pidx) {
        lua_pushvalue(L, pidx);
        lua_rawseti(L, mt, 1);
        lua_pushvalue(L, kidx);
        lua_rawseti(L, mt, 2);
    }
    lua_setmetatable(L, -2);                      /* real proxy */
}

/* The JSON type of node j, read from cJSON's own type field (what
 * cJSON_IsObject and the like test, without a call into the library for
 * each of the five tests a value took). */
static int sbx_json_type(const cJSON *j)
{
    return j ? j->type & 0xFF : cJSON_Invalid;
}

/* Push the C string s by its length: lua_pushstring looks each one up in
 * Lua's cache of C-string addresses first (two strcmp), and the plan's
 * strings are at new addresses for every plan, so it never hits.  (NULL
 * is nil, as lua_pushstring has it.) */
static void sbx_push_cstr(lua_State *L, const char *s)
{
    if (s) lua_pushlstring(L, s, strlen(s));
    else lua_pushnil(L);
}

static void sbx_push_json(lua_State *L, const cJSON *j, int pidx, int kidx, int kit);

/* Fill the container real (its proxy at proxy) with the children of j:
 * real[key] = value for an object, real[i + 1] = value for an array.  A
 * child container needs its key on the stack (kidx) for its path link;
 * a scalar does not, and is set without keeping a copy of its key. */
static void sbx_fill_json(lua_State *L, const cJSON *j, int is_arr, int real, int proxy, int kit)
{
    lua_Integer i = 0;
    for (const cJSON *c = j->child; c; c = c->next, i++) {
        int container = (sbx_json_type(c) & (cJSON_Array | cJSON_Object)) != 0;
        if (is_arr) {
            if (container) {
                lua_pushinteger(L, i);
                sbx_push_json(L, c, proxy, lua_gettop(L), kit);
                lua_rawseti(L, real, i + 1);
                lua_pop(L, 1);
            } else {
                sbx_push_json(L, c, 0, 0, kit);
                lua_rawseti(L, real, i + 1);
            }
        } else {
            sbx_push_cstr(L, c->string);
            if (container) {
                lua_pushvalue(L, -1);
                sbx_push_json(L, c, proxy, lua_gettop(L) - 1, kit);
                lua_rawset(L, real);              /* real[key] = value; the key copy stays */
                lua_pop(L, 1);
            } else {
                sbx_push_json(L, c, 0, 0, kit);
                lua_rawset(L, real);
            }
        }
    }
}

/* Push the Lua value of JSON node j.  A container needs its parent proxy
 * (pidx) and its key in the parent (kidx) to know its own path. */
static void sbx_push_json(lua_State *L, const cJSON *j, int pidx, int kidx, int kit)
{
    int type = sbx_json_type(j);
    if (type == cJSON_Object || type == cJSON_Array) {
        int is_arr = type == cJSON_Array, n = 0;
        for (const cJSON *c = j->child; c; c = c->next) n++;
        luaL_checkstack(L, 8, "plan too deep");
        sbx_new_proxy(L, is_arr ? n : 0, is_arr ? 0 : n, pidx, kidx, kit);
        int proxy = lua_gettop(L), real = proxy - 1;
        sbx_fill_json(L, j, is_arr, real, proxy, kit);
        lua_remove(L, real);
        return;
    }
    if (type == cJSON_String) {
        sbx_push_cstr(L, j->valuestring);
    } else if (type == cJSON_Number) {
        double d = j->valuedouble;
        if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && (double)(lua_Integer)d == d)
            lua_pushinteger(L, (lua_Integer)d);
        else
            lua_pushnumber(L, d);
    } else if (type == cJSON_True || type == cJSON_False) {
        lua_pushboolean(L, type == cJSON_True);
    } else {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_NULL);
    }
}

static int sbx_push_plan_fn(lua_State *L)
{
    const cJSON *root = lua_touserdata(L, 1);
    sbx_push_keys(L);
    int kit = lua_gettop(L) + 1;
    sbx_push_kit(L, kit - 1);
    sbx_push_json(L, root, 0, 0, kit);
    return 1;
}

/* security: the plan's read-only tables take memory in proportion to its
 * number of values, not its bytes: "[]," is 3 bytes of text and ~450 bytes
 * of tables (an 8 MiB plan of empty arrays took 1.6 GB).  The build is
 * therefore budgeted -- limit bytes of the Lua state -- and protected; a
 * plan past it is refused (0, nothing pushed). */
int sbx_push_plan(sbx_state *e, const void *root, size_t limit)
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

/* The sandbox state of L: sbx_open makes it the allocator's userdata
 * (sbx_get reads it from the registry instead, a table look-up). */
static const sbx_state *sbx_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* By the sentinel's address, kept at sbx_data_open: a registry look-up and
 * a comparison per call cost 250 instructions, and common.is_null is asked
 * hundreds of times a plan. */
int sbx_is_null(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TTABLE && lua_topointer(L, idx) == sbx_of(L)->null_table;
}

/* Append the escaped pointer part of the value at idx (string or integer).
 * A string goes in by runs between the bytes to escape ('~', '/'), and an
 * integer without printf: a byte at a time and a printf per index were
 * most of the cost of a finding's path. */
void sbx_path_part(lua_State *L, int idx, strbuf *b)
{
    sb_putc(b, '/');
    if (lua_type(L, idx) == LUA_TNUMBER) {
        sb_putint(b, (long long)lua_tointeger(L, idx));
        return;
    }
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    for (size_t i = 0; s && i < n;) {
        size_t run = i;
        while (run < n && s[run] != '~' && s[run] != '/') run++;
        sb_add(b, s + i, run - i);
        if (run == n) break;
        sb_add(b, s[run] == '~' ? "~0" : "~1", 2);
        i = run + 1;
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
 * by depth and the path by HOGO_MAX_SANDBOX_PATH bytes (past it the path is cut,
 * which a plan within its own limits never reaches).  Leaves the stack as
 * it found it. */
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
    for (int k = lua_gettop(L) - 1; k >= keys + 1 && b->len < HOGO_MAX_SANDBOX_PATH; k--) {
        lua_getmetatable(L, k);
        lua_rawgeti(L, -1, 2);
        sbx_path_part(L, lua_gettop(L), b);
        lua_pop(L, 2);
    }
    lua_settop(L, top);
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
    sbx_get(L)->null_table = lua_topointer(L, -1);   /* alive as long as the registry: never reused */
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_NULL);
}

int sbx_is_readonly(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    sbx_push_keys(L);
    int ro = sbx_is_ro(L, idx, lua_gettop(L));
    lua_pop(L, 1);
    return ro;
}

void sbx_push_null(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_NULL);
}

int sbx_freeze_fn(lua_State *L)
{
    lua_settop(L, 1);
    sbx_freeze(L, 1, 0);
    return 1;
}

/* The registry entries of this file: the null sentinel, the metatables'
 * key strings. */
void sbx_data_open(lua_State *L)
{
    sbx_build_null(L);
    sbx_build_keys(L);
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
