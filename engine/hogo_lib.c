/* hogo_lib.c -- the `hogo` table every rule sees (hl_ prefix): JSON null,
 * paths, PCRE2 matching, Japanese text, dates, durations, rule look-ups and
 * freezing.  The sandbox (sandbox.c) decides what a rule can reach; this
 * file is what it is handed.  Documented for rule authors in
 * docs/rule-api.md. */
#include "engine_int.h"
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

static int hl_freeze(lua_State *L)
{
    luaL_checkany(L, 1);
    int owned = lua_toboolean(L, 2);
    lua_settop(L, 1);
    sbx_freeze(L, 1, owned);
    return 1;
}


static int hl_is_null(lua_State *L)
{
    lua_pushboolean(L, sbx_is_null(L, 1));
    return 1;
}

/* Lua index i (1-based) as a JSON index, without overflow (math.mininteger
 * - 1 was undefined behaviour). */
static lua_Integer hl_json_index(lua_Integer i)
{
    return (lua_Integer)((lua_Unsigned)i - 1u);
}

static int hl_path(lua_State *L)
{
    lua_settop(L, 2);
    strbuf *b = sbx_box(L);            /* freed by the collector if anything below raises */
    if (lua_istable(L, 1)) sbx_path(L, 1, b);
    if (!lua_isnil(L, 2)) {
        if (lua_type(L, 2) == LUA_TNUMBER) {
            lua_pushinteger(L, hl_json_index(luaL_checkinteger(L, 2)));   /* Lua index -> JSON */
            sbx_path_part(L, lua_gettop(L), b);
            lua_pop(L, 1);
        } else {
            luaL_checkstring(L, 2);
            sbx_path_part(L, 2, b);
        }
    }
    lua_pushlstring(L, sb_cstr(b), b->len);
    sb_free(b);
    return 1;
}

static int hl_rx_error(lua_State *L, hogo_engine *e, int rc, const char *msg)
{
    if (rc == -2) sbx_abort(L, e, "regex limit");
    return luaL_error(L, "%s", msg);
}

static int hl_test(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    if (lua_isnoneornil(L, 1)) { lua_pushboolean(L, 0); return 1; }
    size_t sl, pl;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *fl = luaL_optstring(L, 3, "");
    rx_match m;
    int rc = rx_exec(e->rx, p, pl, fl, s, sl, 0, &m);
    if (rc < 0) return hl_rx_error(L, e, rc, m.msg);
    lua_pushboolean(L, rc > 0);
    return 1;
}

static int hl_match(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    if (lua_isnoneornil(L, 1)) { lua_pushnil(L); return 1; }
    size_t sl, pl;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *fl = luaL_optstring(L, 3, "");
    rx_match m;
    int rc = rx_exec(e->rx, p, pl, fl, s, sl, 0, &m);
    if (rc < 0) return hl_rx_error(L, e, rc, m.msg);
    if (rc == 0) { lua_pushnil(L); return 1; }
    luaL_checkstack(L, m.pairs, "hogo.match: too many captures");
    for (int i = 0; i < m.pairs; i++) {
        if (m.ovec[2 * i] == (size_t)-1) lua_pushnil(L);
        else lua_pushlstring(L, s + m.ovec[2 * i], m.ovec[2 * i + 1] - m.ovec[2 * i]);
    }
    return m.pairs;
}

static int hl_gsub(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    size_t sl, pl, rl, ol;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *r = luaL_checklstring(L, 3, &rl);
    const char *fl = luaL_optstring(L, 4, "");
    char msg[160];
    strbuf *box = sbx_box(L);
    /* security: the result is built outside the Lua state: it may not be
     * larger than what is left of the rule's memory budget */
    size_t left = sbx_memory_left(L);
    char *out = rx_gsub(e->rx, p, pl, fl, s, sl, r, rl, &ol, msg, left);
    if (!out) {
        if (strstr(msg, "stopped")) sbx_abort(L, e, "regex limit");
        if (strstr(msg, "budget")) sbx_abort(L, e, "memory budget");
        return luaL_error(L, "%s", msg);
    }
    box->data = out;                   /* freed by the collector if the push raises */
    lua_pushlstring(L, out, ol);
    sb_free(box);
    return 1;
}

static int hl_normalize(lua_State *L)
{
    size_t n;
    const char *s = luaL_optlstring(L, 1, NULL, &n);
    if (!s) { lua_pushnil(L); return 1; }
    strbuf *box = sbx_box(L);
    char *o = hogo_normalize(s, n);
    if (!o) return luaL_error(L, "out of memory");
    box->data = o;                     /* freed by the collector if the push raises */
    lua_pushstring(L, o);
    sb_free(box);
    return 1;
}

/* ---- hogo.text_fields(plan): common.text_fields, walked in C ----
 * The pack's rules/_common.lua asks for the plan's prose fields first of
 * all its shared facts; this walks them and builds the entries
 * { node, key, text, field } (text normalised as common.text does).  The
 * prose fields are the vocabulary's (docs/plan.schema.json, x-hogo "prose";
 * engine/vocab.h), walked in the schema's order element by element, as
 * common.text_fields_lua walks hogo.prose_fields: the reference the
 * text_fields ctest compares this with on every fixture.  It reads the
 * plan's read-only tables through their __index tables, which runs no rule
 * code. */

static int hl_tf_obj(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);          /* sbx_is_null pushes before it compares */
    return lua_type(L, idx) == LUA_TTABLE && !sbx_is_null(L, idx);
}

/* add(node, key, field) of _common.lua; the key is at keyidx. */
static void hl_tf_add(lua_State *L, int out, lua_Integer *n, int node, int keyidx, const char *field)
{
    if (!hl_tf_obj(L, node)) return;
    lua_pushvalue(L, keyidx);
    lua_gettable(L, node);
    if (lua_type(L, -1) == LUA_TSTRING && lua_rawlen(L, -1) > 0) {
        int v = lua_gettop(L);
        lua_createtable(L, 0, 4);
        lua_pushvalue(L, node);
        lua_setfield(L, -2, "node");
        lua_pushvalue(L, keyidx);
        lua_setfield(L, -2, "key");
        lua_pushcfunction(L, hl_normalize);
        lua_pushvalue(L, v);
        lua_call(L, 1, 1);
        lua_setfield(L, -2, "text");
        lua_pushstring(L, field);
        lua_setfield(L, -2, "field");
        lua_rawseti(L, out, ++*n);
    }
    lua_pop(L, 1);
}

static void hl_tf_named(lua_State *L, int out, lua_Integer *n, int node, const char *key, const char *field)
{
    lua_pushstring(L, key);
    hl_tf_add(L, out, n, node, lua_gettop(L), field);
    lua_pop(L, 1);
}

/* for i = 1, #common.list(arr) do add(arr, i, field) end */
static void hl_tf_index(lua_State *L, int out, lua_Integer *n, int arr, const char *field)
{
    if (!hl_tf_obj(L, arr)) return;
    lua_Integer len = luaL_len(L, arr);
    for (lua_Integer i = 1; i <= len; i++) {
        sbx_charge(L, 16);
        lua_pushinteger(L, i);
        hl_tf_add(L, out, n, arr, lua_gettop(L), field);
        lua_pop(L, 1);
    }
}

static void hl_tf_walk(lua_State *L, int out, lua_Integer *n, int node, const voc_table *t,
                       size_t i, int depth);

/* The object (or each object of the array) at idx, walked for the fields
 * below field i. */
static void hl_tf_into(lua_State *L, int out, lua_Integer *n, int v, const voc_table *t, size_t i)
{
    const voc_field *f = &t->fields[i];
    if (!hl_tf_obj(L, v)) return;
    int list = (f->flags & HOGO_FIELD_LIST) != 0;
    if (!list) {                 /* an object, or one-or-many (outsourcing) */
        list = lua_geti(L, v, 1) != LUA_TNIL;
        lua_pop(L, 1);
    }
    if (!list) { hl_tf_walk(L, out, n, v, t, i + 1, f->depth + 1); return; }
    for (lua_Integer k = 1; lua_geti(L, v, k) != LUA_TNIL; k++) {
        sbx_charge(L, 16);
        hl_tf_walk(L, out, n, lua_gettop(L), t, i + 1, f->depth + 1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* The fields from index i at `depth` (the children of one object) under the
 * table at node. */
static void hl_tf_walk(lua_State *L, int out, lua_Integer *n, int node, const voc_table *t,
                       size_t i, int depth)
{
    if (!hl_tf_obj(L, node)) return;
    for (; i < t->n_fields && t->fields[i].depth >= depth; i++) {
        const voc_field *f = &t->fields[i];
        if (f->depth != depth || !f->prose_below) continue;
        if (f->flags & HOGO_FIELD_PROSE) {
            if (f->flags & HOGO_FIELD_LIST) {
                lua_getfield(L, node, f->name);
                hl_tf_index(L, out, n, lua_gettop(L), f->text_field);
                lua_pop(L, 1);
            } else {
                hl_tf_named(L, out, n, node, f->name, f->text_field);
            }
        } else {
            luaL_checkstack(L, 8, "text_fields");
            lua_getfield(L, node, f->name);
            hl_tf_into(L, out, n, lua_gettop(L), t, i);
            lua_pop(L, 1);
        }
    }
}

static int hl_text_fields(lua_State *L)
{
    if (!hl_tf_obj(L, 1)) { lua_pushnil(L); return 1; }
    lua_settop(L, 1);
    luaL_checkstack(L, 32, "text_fields");
    lua_newtable(L);
    lua_Integer n = 0;
    hl_tf_walk(L, 2, &n, 1, voc_get(), 0, 0);
    lua_settop(L, 2);
    return 1;
}

/* hogo.prose_fields: the prose fields as the tree the walks follow, each
 * level an array of { key, field, prose, claims, list, children } in the
 * schema's order, only the branches that lead to prose (frozen). */
static void hl_push_prose_level(lua_State *L, const voc_table *t, size_t i, int depth)
{
    lua_newtable(L);
    lua_Integer k = 0;
    for (; i < t->n_fields && t->fields[i].depth >= depth; i++) {
        const voc_field *f = &t->fields[i];
        if (f->depth != depth || !f->prose_below) continue;
        lua_createtable(L, 0, 6);
        lua_pushstring(L, f->name);
        lua_setfield(L, -2, "key");
        lua_pushstring(L, f->path);
        lua_setfield(L, -2, "path");
        lua_pushboolean(L, (f->flags & HOGO_FIELD_LIST) != 0);
        lua_setfield(L, -2, "list");
        if (f->flags & HOGO_FIELD_PROSE) {
            lua_pushstring(L, f->text_field);
            lua_setfield(L, -2, "field");
            lua_pushboolean(L, (f->flags & HOGO_FIELD_CLAIMS) != 0);
            lua_setfield(L, -2, "claims");
        } else {
            hl_push_prose_level(L, t, i + 1, depth + 1);
            lua_setfield(L, -2, "children");
        }
        lua_rawseti(L, -2, ++k);
    }
}

/* hogo.label(path [, lang]): the field's label for a reader ("access.logging"
 * -> アクセス記録（ログ）; lang "en" for the English one), from the
 * vocabulary.  A path the format does not have raises, so a rule that names
 * a field wrongly fails to load instead of showing a key to a reader. */
static int hl_label(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *lang = luaL_optstring(L, 2, "ja");
    const char *w = hogo_field_label(path, strcmp(lang, "en") ? HOGO_JA : HOGO_EN);
    if (!w) return luaL_error(L, "hogo.label: the plan format has no field '%s'", path);
    lua_pushstring(L, w);
    return 1;
}

/* hogo.choice(path, value [, lang]): the word a reader sees for a choice
 * ("transfers.method", "sanitization" -> 無害化); the value itself when the
 * field has no such choice (a plan may hold anything). */
static int hl_choice(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *value = luaL_checkstring(L, 2);
    const char *lang = luaL_optstring(L, 3, "ja");
    if (!hogo_field_label(path, HOGO_JA)) return luaL_error(L, "hogo.choice: the plan format has no field '%s'", path);
    const char *w = hogo_value_word(path, value, strcmp(lang, "en") ? HOGO_JA : HOGO_EN);
    lua_pushstring(L, w ? w : value);
    return 1;
}

static int hl_date(lua_State *L)
{
    char iso[11];
    if (lua_type(L, 1) == LUA_TSTRING && hogo_parse_date(lua_tostring(L, 1), iso)) lua_pushstring(L, iso);
    else lua_pushnil(L);
    return 1;
}

static int hl_days(lua_State *L)
{
    long d;
    if (lua_type(L, 1) == LUA_TSTRING && hogo_parse_duration(lua_tostring(L, 1), &d)) lua_pushinteger(L, d);
    else lua_pushnil(L);
    return 1;
}

static int hl_rule_exists(lua_State *L)
{
    hogo_engine *e = sbx_engine(L);
    lua_pushboolean(L, hogo_engine_find_rule(e, luaL_checkstring(L, 1)) != NULL);
    return 1;
}

/* hogo.suggest_rule(id): the loaded rule id nearest to id, or nil. */
static int hl_suggest_rule(lua_State *L)
{
    const char *near = hogo_engine_suggest_rule(sbx_engine(L), luaL_checkstring(L, 1));
    if (near) lua_pushstring(L, near);
    else lua_pushnil(L);
    return 1;
}

static int hl_severity_rank(lua_State *L)
{
    hogo_severity s;
    if (lua_type(L, 1) == LUA_TSTRING && hogo_severity_parse(lua_tostring(L, 1), &s)) lua_pushinteger(L, s);
    else lua_pushnil(L);
    return 1;
}

static const luaL_Reg hl_lib[] = {
    {"is_null", hl_is_null}, {"path", hl_path}, {"test", hl_test},
    {"match", hl_match}, {"gsub", hl_gsub}, {"normalize", hl_normalize},
    {"date", hl_date}, {"days", hl_days}, {"rule_exists", hl_rule_exists},
    {"suggest_rule", hl_suggest_rule}, {"text_fields", hl_text_fields}, {"label", hl_label}, {"choice", hl_choice},
    {"severity_rank", hl_severity_rank}, {"freeze", hl_freeze}, {NULL, NULL}
};

/* Push a new table of the helpers (the sandbox adds hogo.null to it). */
void hl_push(lua_State *L)
{
    luaL_newlib(L, hl_lib);
    luaL_checkstack(L, 32, "prose_fields");
    hl_push_prose_level(L, voc_get(), 0, 0);
    sbx_freeze(L, -1, 1);
    lua_remove(L, -2);
    lua_setfield(L, -2, "prose_fields");
}
