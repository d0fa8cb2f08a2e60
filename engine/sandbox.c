/* sandbox.c -- the Lua state rules run in (sbx_ prefix).
 *
 * One lua_State per engine.  What a rule can reach is decided here:
 * - only base (trimmed), string, table, math and utf8 are opened, never
 *   io/os/package/debug, and load/require/dofile/collectgarbage are absent;
 * - each rule gets its own globals with its own copies of the library
 *   tables, and the string metatable is locked, so no rule can change what
 *   another rule calls;
 * - a counting allocator caps memory and a count hook caps instructions
 *   while a rule runs; a rule's pcall cannot swallow a budget error;
 * - the plan is handed over as read-only proxies built once per plan.
 * Lua patterns (string.find & co.) backtrack inside C where no hook can stop
 * them, so rules get them only for plain text; regexes go through PCRE2. */
#include "engine_int.h"

#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <stdio.h>

#define SBX_HOOK_STEP 1000

/* Registry keys (addresses of these statics are unique per process, and
 * the values stored under them are per engine). */
static const char SBX_NULL = 'n';       /* the JSON null sentinel */
static const char SBX_PROTO = 'p';      /* the prototype environment */
static const char SBX_ENGINE = 'e';     /* the engine, as light userdata */

static hogo_engine *sbx_engine(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_ENGINE);
    hogo_engine *e = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return e;
}

/* ---- budgets ---- */

/* The allocator counts every byte; while a rule runs, mem_limit caps it.
 * Refusing lets Lua run an emergency collection and then raise a memory
 * error, which the rule cannot catch (see sbx_pcall). */
static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    hogo_engine *e = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        e->mem_used -= old;
        return NULL;
    }
    if (nsize > old && e->mem_limit && e->mem_used + (nsize - old) > e->mem_limit)
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    e->mem_used = e->mem_used - old + nsize;
    return p;
}

static void sbx_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    hogo_engine *e = sbx_engine(L);
    e->instr += SBX_HOOK_STEP;
    if (e->instr > e->opt.rule_instructions) {
        e->aborting = 1;
        e->abort_why = "instruction budget";
        luaL_error(L, "instruction budget of %I exceeded (--rule-instructions)",
                   (lua_Integer)e->opt.rule_instructions);
    }
}

/* pcall/xpcall for rules: as Lua's, except that a budget error passes
 * through, or a rule could catch it and loop forever. */
static int sbx_pcall_k(lua_State *L, int status, int errfunc)
{
    hogo_engine *e = sbx_engine(L);
    if (status == LUA_ERRMEM || e->aborting) {
        if (status == LUA_ERRMEM && !e->aborting) { e->aborting = 1; e->abort_why = "memory budget"; }
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

static int sbx_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);            /* f */
    lua_pushvalue(L, 2);            /* msgh */
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
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* ---- read-only plan proxies ----
 * A JSON container becomes an empty proxy table whose metatable holds:
 * __index = the real table, [1] = the parent proxy, [2] = the key in the
 * parent (string, or 0-based integer for arrays).  The metatable is hidden
 * from rules by __metatable. */

static int sbx_ro_newindex(lua_State *L)
{
    return luaL_error(L, "read-only: the plan and the pack's libraries cannot be changed (tried to set '%s')",
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

static int sbx_ro_pairs(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_NEXT);
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__index");
    lua_remove(L, -2);
    lua_pushnil(L);
    return 3;
}

static int sbx_null_index(lua_State *L) { (void)L; return 0; }

/* ---- freezing: deep read-only copies ----
 * Libraries are loaded once and shared by every rule, so what they export
 * (and what they cache per plan) must not be writable by any rule. */

static int sbx_is_readonly(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx)) return 0;
    int ro = lua_getfield(L, -1, "__metatable") == LUA_TSTRING &&
             (!strcmp(lua_tostring(L, -1), "plan (read-only)") || !strcmp(lua_tostring(L, -1), "read-only") ||
              !strcmp(lua_tostring(L, -1), "null"));
    lua_pop(L, 2);
    return ro;
}

/* Push the frozen form of the value at idx; memo maps tables already
 * frozen in this call to their proxies (cycles, shared subtables). */
static void sbx_freeze_rec(lua_State *L, int idx, int memo, int depth)
{
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx) || sbx_is_readonly(L, idx)) { lua_pushvalue(L, idx); return; }
    lua_pushvalue(L, idx);
    if (lua_rawget(L, memo) != LUA_TNIL) return;
    lua_pop(L, 1);
    if (depth > 64) luaL_error(L, "hogo.freeze: tables nested more than 64 deep");
    luaL_checkstack(L, 8, "hogo.freeze");
    lua_createtable(L, 0, 0);                     /* real */
    int real = lua_gettop(L);
    lua_createtable(L, 0, 0);                     /* proxy */
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, real);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, sbx_ro_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, sbx_ro_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, sbx_ro_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    int proxy = lua_gettop(L);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, proxy);
    lua_rawset(L, memo);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        sbx_freeze_rec(L, -1, memo, depth + 1);   /* frozen value */
        lua_pushvalue(L, -3);                      /* key */
        lua_insert(L, -2);
        lua_rawset(L, real);
        lua_pop(L, 1);                             /* the original value */
    }
    lua_remove(L, real);
}

void sbx_freeze(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    sbx_freeze_rec(L, idx, lua_gettop(L), 0);
    lua_remove(L, -2);
}

static int sbx_h_freeze(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_settop(L, 1);
    lua_newtable(L);
    sbx_freeze_rec(L, 1, 2, 0);
    return 1;
}

/* Build the proxy of a container: parent proxy at pidx (0 = none), key on top
 * of the stack (consumed; nil for the root).  Leaves the proxy and returns
 * the index of the real table just below it, so children can be filled. */
static void sbx_new_proxy(lua_State *L, int narr, int nrec, int pidx)
{
    int key = lua_gettop(L);
    lua_createtable(L, narr, nrec);               /* real */
    lua_createtable(L, 0, 0);                     /* proxy */
    lua_createtable(L, 2, 5);                     /* metatable */
    lua_pushvalue(L, key + 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, sbx_ro_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, sbx_ro_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, sbx_ro_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "plan (read-only)");
    lua_setfield(L, -2, "__metatable");
    if (pidx) lua_pushvalue(L, pidx); else lua_pushnil(L);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, key);
    lua_rawseti(L, -2, 2);
    lua_setmetatable(L, -2);                      /* key real proxy */
    lua_remove(L, key);                           /* real proxy */
}

/* Push the Lua value of JSON node j.  Containers need the parent proxy (pidx)
 * and their key (on top, consumed) to know their own path. */
static void sbx_push_json(lua_State *L, const cJSON *j, int pidx)
{
    /* key is on top */
    if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
        int is_arr = cJSON_IsArray(j);
        int n = cJSON_GetArraySize(j);
        luaL_checkstack(L, 8, "plan too deep");
        sbx_new_proxy(L, is_arr ? n : 0, is_arr ? 0 : n, pidx);
        int proxy = lua_gettop(L), real = proxy - 1;
        lua_Integer i = 0;
        for (const cJSON *c = j->child; c; c = c->next, i++) {
            if (is_arr) lua_pushinteger(L, i); else lua_pushstring(L, c->string);
            sbx_push_json(L, c, proxy);
            if (is_arr) lua_rawseti(L, real, i + 1);
            else lua_setfield(L, real, c->string);
        }
        lua_remove(L, real);
        return;
    }
    lua_pop(L, 1);   /* scalars do not need their key */
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

void sbx_push_plan(hogo_engine *e, const void *root)
{
    lua_pushnil(e->L);
    sbx_push_json(e->L, root, 0);
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

/* The path of the plan proxy at idx, root first, by walking parents.
 * Leaves the stack as it found it. */
void sbx_path(lua_State *L, int idx, strbuf *b)
{
    idx = lua_absindex(L, idx);
    int depth = 0;
    int top = lua_gettop(L);
    /* push the chain of (metatable) from idx up to the root */
    lua_pushvalue(L, idx);
    while (depth < 300 && lua_getmetatable(L, -1)) {
        if (lua_rawgeti(L, -1, 1) != LUA_TTABLE) { lua_pop(L, 2); break; }
        lua_remove(L, -2);   /* keep the parent, drop its child's metatable */
        depth++;
        luaL_checkstack(L, 2, "plan path");
    }
    /* stack: idx-copy, parent, grandparent, ..., root ; walk down */
    for (int k = lua_gettop(L) - 1; k >= top + 1; k--) {
        lua_getmetatable(L, k);
        lua_rawgeti(L, -1, 2);
        sbx_path_part(L, lua_gettop(L), b);
        lua_pop(L, 2);
    }
    lua_settop(L, top);
}

/* ---- the hogo.* helpers ---- */

static int sbx_h_is_null(lua_State *L)
{
    lua_pushboolean(L, sbx_is_null(L, 1));
    return 1;
}

static int sbx_h_path(lua_State *L)
{
    strbuf b;
    sb_init(&b);
    if (lua_istable(L, 1)) sbx_path(L, 1, &b);
    if (!lua_isnoneornil(L, 2)) {
        if (lua_type(L, 2) == LUA_TNUMBER) {
            lua_pushinteger(L, luaL_checkinteger(L, 2) - 1);   /* Lua index -> JSON */
            sbx_path_part(L, lua_gettop(L), &b);
            lua_pop(L, 1);
        } else {
            luaL_checkstring(L, 2);
            sbx_path_part(L, 2, &b);
        }
    }
    lua_pushlstring(L, sb_cstr(&b), b.len);
    sb_free(&b);
    return 1;
}

static int sbx_rx_error(lua_State *L, hogo_engine *e, int rc, const char *msg)
{
    if (rc == -2) { e->aborting = 1; e->abort_why = "regex limit"; }
    return luaL_error(L, "%s", msg);
}

static int sbx_h_test(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    if (lua_isnoneornil(L, 1)) { lua_pushboolean(L, 0); return 1; }
    size_t sl, pl;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *fl = luaL_optstring(L, 3, "");
    rx_match m;
    int rc = rx_exec(e->rx, p, pl, fl, s, sl, 0, &m);
    if (rc < 0) return sbx_rx_error(L, e, rc, m.msg);
    lua_pushboolean(L, rc > 0);
    return 1;
}

static int sbx_h_match(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    if (lua_isnoneornil(L, 1)) { lua_pushnil(L); return 1; }
    size_t sl, pl;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *fl = luaL_optstring(L, 3, "");
    rx_match m;
    int rc = rx_exec(e->rx, p, pl, fl, s, sl, 0, &m);
    if (rc < 0) return sbx_rx_error(L, e, rc, m.msg);
    if (rc == 0) { lua_pushnil(L); return 1; }
    for (int i = 0; i < m.pairs; i++) {
        if (m.ovec[2 * i] == (size_t)-1) lua_pushnil(L);
        else lua_pushlstring(L, s + m.ovec[2 * i], m.ovec[2 * i + 1] - m.ovec[2 * i]);
    }
    return m.pairs;
}

static int sbx_h_gsub(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    size_t sl, pl, rl, ol;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *r = luaL_checklstring(L, 3, &rl);
    const char *fl = luaL_optstring(L, 4, "");
    char msg[160];
    char *out = rx_gsub(e->rx, p, pl, fl, s, sl, r, rl, &ol, msg);
    if (!out) {
        if (strstr(msg, "stopped")) { e->aborting = 1; e->abort_why = "regex limit"; }
        return luaL_error(L, "%s", msg);
    }
    lua_pushlstring(L, out, ol);
    free(out);
    return 1;
}

static int sbx_h_normalize(lua_State *L)
{
    size_t n;
    const char *s = luaL_optlstring(L, 1, NULL, &n);
    if (!s) { lua_pushnil(L); return 1; }
    char *o = hogo_normalize(s, n);
    if (!o) return luaL_error(L, "out of memory");
    lua_pushstring(L, o);
    free(o);
    return 1;
}

static int sbx_h_date(lua_State *L)
{
    char iso[11];
    if (lua_type(L, 1) == LUA_TSTRING && hogo_parse_date(lua_tostring(L, 1), iso)) lua_pushstring(L, iso);
    else lua_pushnil(L);
    return 1;
}

static int sbx_h_days(lua_State *L)
{
    long d;
    if (lua_type(L, 1) == LUA_TSTRING && hogo_parse_duration(lua_tostring(L, 1), &d)) lua_pushinteger(L, d);
    else lua_pushnil(L);
    return 1;
}

static int sbx_h_rule_exists(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    lua_pushboolean(L, hogo_engine_find_rule(e, luaL_checkstring(L, 1)) != NULL);
    return 1;
}

static int sbx_h_severity_rank(lua_State *L)
{
    hogo_severity s;
    if (lua_type(L, 1) == LUA_TSTRING && hogo_severity_parse(lua_tostring(L, 1), &s)) lua_pushinteger(L, s);
    else lua_pushnil(L);
    return 1;
}

static const luaL_Reg sbx_hogo_lib[] = {
    {"is_null", sbx_h_is_null}, {"path", sbx_h_path}, {"test", sbx_h_test},
    {"match", sbx_h_match}, {"gsub", sbx_h_gsub}, {"normalize", sbx_h_normalize},
    {"date", sbx_h_date}, {"days", sbx_h_days}, {"rule_exists", sbx_h_rule_exists},
    {"severity_rank", sbx_h_severity_rank}, {"freeze", sbx_h_freeze}, {NULL, NULL}
};

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

    luaL_newlib(L, sbx_hogo_lib);
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

/* Copy table at idx (one level) into a new table on top. */
static void sbx_copy_table(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_createtable(L, 0, 32);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
}

void sbx_push_env(hogo_engine *e)
{
    lua_State *L = e->L;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_PROTO);
    sbx_copy_table(L, -1);
    int env = lua_gettop(L);
    for (int i = 0; sbx_lib_names[i]; i++) {
        lua_getfield(L, env, sbx_lib_names[i]);
        sbx_copy_table(L, -1);
        lua_setfield(L, env, sbx_lib_names[i]);
        lua_pop(L, 1);
    }
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua_remove(L, env - 1);
    /* the pack's libraries: loaded once, frozen, shared (sbx_load_lib) */
    for (size_t i = 0; i < e->nlibs; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, e->libs[i].ref);
        lua_setfield(L, -2, e->libs[i].name);
    }
}

/* Load a library (rules/_NAME.lua) once: run it in its own environment
 * (which sees the libraries loaded before it), freeze what it returns and
 * keep it for every rule's environment.  Loading once keeps start-up short
 * and lets a library cache per-plan work (weak tables keyed by the plan)
 * that all rules then share; freezing keeps any rule from changing it. */
int sbx_load_lib(hogo_engine *e, const char *file, const char *text, size_t len, int *ref)
{
    lua_State *L = e->L;
    int top = lua_gettop(L);
    char chunk[512];
    snprintf(chunk, sizeof chunk, "@%s", file);
    sbx_push_env(e);
    if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK) {
        eng_error(e, HOGO_ERULE, "%s", lua_tostring(L, -1));
        lua_settop(L, top);
        return 0;
    }
    lua_pushvalue(L, -2);
    lua_setupvalue(L, -2, 1);
    char msg[512];
    int line;
    if (sbx_call_budgeted(e, 0, 1, msg, sizeof msg, &line) != LUA_OK) {
        eng_error(e, HOGO_ERULE, "%s", msg);
        lua_settop(L, top);
        return 0;
    }
    if (!lua_istable(L, -1)) {
        eng_error(e, HOGO_ERULE, "%s: a library must return a table of functions", file);
        lua_settop(L, top);
        return 0;
    }
    lua_newtable(L);
    sbx_freeze_rec(L, -2, lua_gettop(L), 0);
    *ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, top);
    return 1;
}

/* Message handler: keep the error text, note where it came from. */
static int sbx_msgh(lua_State *L)
{
    if (!lua_isstring(L, 1)) {
        luaL_tolstring(L, 1, NULL);
        lua_replace(L, 1);
    }
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
    e->mem_limit = e->mem_used + e->opt.rule_memory;
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, SBX_HOOK_STEP);
    int st = lua_pcall(L, nargs, nresults, fn);
    lua_sethook(L, NULL, 0, 0);
    e->mem_limit = 0;
    *line = 0;
    if (st != LUA_OK) {
        const char *m = lua_tostring(L, -1);
        if (st == LUA_ERRMEM || (e->abort_why && strcmp(e->abort_why, "memory budget") == 0))
            snprintf(msg, msglen, "memory budget of %zu bytes exceeded (--rule-memory)", e->opt.rule_memory);
        else
            snprintf(msg, msglen, "%s", m ? m : "error");
        /* "file.lua:12: text" -> line 12 */
        const char *c = m ? strstr(m, ".lua:") : NULL;
        if (c) *line = atoi(c + 5);
        lua_pop(L, 1);
    }
    lua_remove(L, fn);
    return st;
}
