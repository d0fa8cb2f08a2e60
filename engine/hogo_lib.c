/* hogo_lib.c -- the `hogo` table every rule sees (hl_ prefix): JSON null,
 * paths, PCRE2 matching, Japanese text, dates, durations, rule look-ups and
 * freezing.  The sandbox (sandbox.h) decides what a rule can reach; the
 * engine hands it this table.  It builds on the sandbox, the vocabulary and
 * the public API.  Documented for rule authors in docs/rule-api.md. */
#include "hogo_lib.h"
#include "hogo_facts.h"
#include "sandbox.h"
#include "vocab.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The engine and its regex cache, upvalues of every helper (hl_push). */
static hogo_engine *hl_engine(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }
static rx_cache *hl_rx(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(2)); }

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

static int hl_rx_error(lua_State *L, int rc, const char *msg)
{
    if (rc == -2) sbx_abort(L, "regex limit");
    return luaL_error(L, "%s", msg);
}

static int hl_test(lua_State *L)
{
    rx_cache *rx = hl_rx(L);
    if (lua_isnoneornil(L, 1)) { lua_pushboolean(L, 0); return 1; }
    size_t sl, pl;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *fl = luaL_optstring(L, 3, "");
    rx_match m;
    int rc = rx_exec(rx, p, pl, fl, s, sl, 0, &m);
    if (rc < 0) return hl_rx_error(L, rc, m.msg);
    lua_pushboolean(L, rc > 0);
    return 1;
}

static int hl_match(lua_State *L)
{
    rx_cache *rx = hl_rx(L);
    if (lua_isnoneornil(L, 1)) { lua_pushnil(L); return 1; }
    size_t sl, pl;
    const char *s = luaL_checklstring(L, 1, &sl);
    const char *p = luaL_checklstring(L, 2, &pl);
    const char *fl = luaL_optstring(L, 3, "");
    rx_match m;
    int rc = rx_exec(rx, p, pl, fl, s, sl, 0, &m);
    if (rc < 0) return hl_rx_error(L, rc, m.msg);
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
    rx_cache *rx = hl_rx(L);
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
    char *out = rx_gsub(rx, p, pl, fl, s, sl, r, rl, &ol, msg, left);
    if (!out) {
        if (strstr(msg, "stopped")) sbx_abort(L, "regex limit");
        if (strstr(msg, "budget")) sbx_abort(L, "memory budget");
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

/* The walk's stack, above the list `out`: the normalising buffer, the
 * seal kit (sbx_push_seal_kit) and the four names of an entry's fields,
 * pushed once for the whole walk (hl_text_fields). */
#define HL_TF_BOX(out)   ((out) + 1)
#define HL_TF_KIT(out)   ((out) + 2)
#define HL_TF_NAME(out)  ((out) + 2 + SBX_SEAL_KIT)   /* node, key, text, field */

/* add(node, key, field) of _common.lua; the key is at keyidx. */
static void hl_tf_add(lua_State *L, int out, lua_Integer *n, int node, int keyidx, const char *field)
{
    if (!hl_tf_obj(L, node)) return;
    lua_pushvalue(L, keyidx);
    lua_gettable(L, node);
    if (lua_type(L, -1) == LUA_TSTRING && lua_rawlen(L, -1) > 0) {
        int v = lua_gettop(L), names = HL_TF_NAME(out);
        lua_createtable(L, 0, 4);
        int entry = v + 1;
        lua_pushvalue(L, names);
        lua_pushvalue(L, node);
        lua_rawset(L, entry);
        lua_pushvalue(L, names + 1);
        lua_pushvalue(L, keyidx);
        lua_rawset(L, entry);
        /* the text normalised as hogo.normalize does, in the walk's own
         * buffer (freed by the collector if the push raises) */
        strbuf *box = lua_touserdata(L, HL_TF_BOX(out));
        size_t sl;
        const char *sv = lua_tolstring(L, v, &sl);
        box->data = hogo_normalize(sv, sl);
        if (!box->data) luaL_error(L, "out of memory");
        lua_pushvalue(L, names + 2);
        /* normalising only ever shortens (a fold takes 3 bytes to 1): the
         * same length and no NUL means the same bytes, so the plan's own
         * string is the text, without making a copy of it */
        if (strlen(box->data) == sl) lua_pushvalue(L, v);
        else lua_pushstring(L, box->data);
        sb_free(box);
        lua_rawset(L, entry);
        lua_pushvalue(L, names + 3);
        lua_pushstring(L, field);
        lua_rawset(L, entry);
        sbx_seal_kit(L, entry, HL_TF_KIT(out));   /* read-only already: common.text_fields freezes the list only */
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
    luaL_checkstack(L, 32 + SBX_SEAL_KIT, "text_fields");
    lua_newtable(L);
    sbx_box(L);                          /* at 3: hl_tf_add's buffer */
    sbx_push_seal_kit(L);                /* at 4 */
    static const char *const names[4] = { "node", "key", "text", "field" };
    for (int i = 0; i < 4; i++) lua_pushstring(L, names[i]);
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

/* ---- hogo.prose_reader(config): gov.says, gov.mentions, gov.prose in C ----
 * The pack's rules ask the prose of a plan about a keyword a hundred times
 * a plan (gov.says: the first prose field that claims it; gov.mentions: the
 * first that matches it at all).  What a field counts as prose, what makes
 * a claim (the patterns built from a keyword), what is a placeholder and
 * what is anchored stay where they are said, in rules/_gov.lua and
 * rules/_common.lua: config hands those functions over, and the C readers
 * call each once per plan (the prose record) or once per keyword (kept),
 * then do the searching themselves.  Anything unusual -- a keyword that is
 * not a string, a want that is not one of the three -- goes to the Lua
 * reference (config.says_lua, config.mentions_lua), which the prose ctest
 * compares with these on every fixture and 500 generated plans.  gov.prose
 * is the record's entries (prose_lua the reference), and the answers are
 * kept per plan and question (hp_keep).
 * Upvalues: 1 engine, 2 regex cache, 3 config, 4 records by plan (weak),
 * 5 keyword patterns, 6 their count. */
#define HP_CFG    lua_upvalueindex(3)
#define HP_PLANS  lua_upvalueindex(4)
#define HP_KW     lua_upvalueindex(5)
#define HP_NKW    lua_upvalueindex(6)
#define HP_MAX_KW 1024

/* Push the plan's prose record { entries, joined, placeholder flags, kept
 * answers, their count, entry starts } (answers and count filled by
 * hp_keep), built on the first question about the plan.  The flags ('?' not
 * asked yet, '1' a placeholder, '0' not) and the starts (the byte offset of
 * each entry's text in joined, a size_t each) are userdata only C reads. */
static void hp_record(lua_State *L, int plan)
{
    lua_pushvalue(L, plan);
    if (lua_rawget(L, HP_PLANS) == LUA_TTABLE) return;
    lua_pop(L, 1);
    luaL_checkstack(L, 16, "prose");
    strbuf *joined = sbx_box(L), *flags = sbx_box(L), *starts = sbx_box(L);
    int top = lua_gettop(L);
    lua_getfield(L, HP_CFG, "text_fields");
    lua_pushvalue(L, plan);
    lua_call(L, 1, 1);
    int list = lua_gettop(L);
    lua_getfield(L, HP_CFG, "fields");
    int set = lua_gettop(L);
    lua_newtable(L);
    int entries = lua_gettop(L);
    lua_Integer n = 0;
    for (lua_Integer i = 1; lua_geti(L, list, i) != LUA_TNIL; i++) {
        int f = lua_gettop(L);
        sbx_charge(L, 16);
        lua_getfield(L, f, "field");
        int prose = lua_rawget(L, set) != LUA_TNIL && lua_toboolean(L, -1);
        lua_pop(L, 1);
        if (prose) {
            lua_getfield(L, f, "text");
            size_t tl;
            const char *t = lua_tolstring(L, -1, &tl);
            if (n > 0) sb_add(joined, "\xFF", 1);
            size_t at = joined->len;
            sb_add(starts, (const char *)&at, sizeof at);
            if (t) sb_add(joined, t, tl);
            sb_add(flags, "?", 1);          /* a placeholder? asked when it matters */
            lua_pop(L, 1);
            lua_pushvalue(L, f);
            lua_rawseti(L, entries, ++n);
        }
        lua_settop(L, f - 1);
    }
    lua_pop(L, 1);                      /* the nil that ended the list */
    if (joined->failed || flags->failed || starts->failed) luaL_error(L, "out of memory");
    lua_createtable(L, 6, 0);
    lua_pushvalue(L, entries);
    lua_rawseti(L, -2, 1);
    lua_pushlstring(L, joined->data ? joined->data : "", joined->len);
    lua_rawseti(L, -2, 2);
    char *fl = lua_newuserdatauv(L, flags->len + 1, 0);   /* the flags, filled in later */
    memcpy(fl, flags->data ? flags->data : "", flags->len);
    fl[flags->len] = '\0';
    lua_rawseti(L, -2, 3);
    size_t *st = lua_newuserdatauv(L, starts->len ? starts->len : 1, 0);
    if (starts->len) memcpy(st, starts->data, starts->len);
    lua_rawseti(L, -2, 6);
    sb_free(joined);
    sb_free(flags);
    sb_free(starts);
    lua_pushvalue(L, plan);
    lua_pushvalue(L, -2);
    lua_rawset(L, HP_PLANS);
    lua_replace(L, top - 2);            /* over the first box */
    lua_settop(L, top - 2);
}

/* Push the keyword's { k, plain, denied, anchored }, from config.patterns
 * and config.anchored the first time it is asked. */
static void hp_keyword(lua_State *L, int kw)
{
    lua_pushvalue(L, kw);
    if (lua_rawget(L, HP_KW) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_Integer nkw = lua_tointeger(L, HP_NKW);
    if (nkw >= HP_MAX_KW) {             /* rules inventing keywords: start again */
        lua_newtable(L);
        lua_replace(L, HP_KW);
        nkw = 0;
    }
    lua_createtable(L, 4, 0);
    int info = lua_gettop(L);
    lua_getfield(L, HP_CFG, "patterns");
    lua_pushvalue(L, kw);
    lua_call(L, 1, 1);
    static const char *const names[3] = { "k", "plain", "denied" };
    for (int i = 0; i < 3; i++) {
        lua_getfield(L, -1, names[i]);
        lua_rawseti(L, info, i + 1);
    }
    lua_pop(L, 1);
    lua_getfield(L, HP_CFG, "anchored");
    lua_pushvalue(L, kw);
    lua_call(L, 1, 1);
    lua_rawseti(L, info, 4);
    lua_pushvalue(L, kw);
    lua_pushvalue(L, info);
    lua_rawset(L, HP_KW);
    lua_pushinteger(L, nkw + 1);
    lua_replace(L, HP_NKW);
}

/* Whether entry i (text t) still holds the skeleton's placeholder:
 * config.placeholder(text), asked at most once per plan and entry. */
static int hp_placeholder(lua_State *L, char *flags, lua_Integer i, const char *t, size_t tl)
{
    if (flags[i - 1] == '?') {
        lua_getfield(L, HP_CFG, "placeholder");
        lua_pushlstring(L, t, tl);
        lua_call(L, 1, 1);
        flags[i - 1] = lua_toboolean(L, -1) ? '1' : '0';
        lua_pop(L, 1);
    }
    return flags[i - 1] == '1';
}

/* Search s from byte `from` for the pattern at slot of info (or the string
 * at stack index slot), case-insensitive: >0 matched (*at: where the match
 * starts), 0 not.  A failed search raises hogo.test's error when from is 0
 * (it is then hogo.test itself); from further on it returns <0, and the
 * caller goes back to asking entry by entry (hp_says_find). */
static int hp_search(lua_State *L, const char *s, size_t sl, size_t from, int info, int slot, size_t *at)
{
    size_t pl;
    if (info) lua_rawgeti(L, info, slot);
    else lua_pushvalue(L, slot);
    const char *p = lua_tolstring(L, -1, &pl);
    if (!p) return luaL_error(L, "bad argument #2 to 'test' (string expected)");
    rx_match m;
    int rc = rx_exec(hl_rx(L), p, pl, "i", s, sl, from, &m);
    lua_pop(L, 1);
    if (rc < 0 && from == 0) return hl_rx_error(L, rc, m.msg);
    if (rc > 0) *at = m.ovec[0];
    return rc;
}

/* hogo.test(text, pattern at slot of info (or the string at slot), "i") */
static int hp_test(lua_State *L, const char *s, size_t sl, int info, int slot)
{
    size_t at;
    return hp_search(L, s, sl, 0, info, slot, &at) > 0;
}

/* The Lua reference answers (config[name] with the call's arguments). */
static int hp_reference(lua_State *L, const char *name)
{
    int n = lua_gettop(L);
    lua_getfield(L, HP_CFG, name);
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
}

/* The answers kept per plan and question (common.per_question did this in
 * Lua, around each reader, at the price of a closure, a key built by
 * concatenation and two look-ups per question): the record's [4] holds a
 * table per reader -- says by want 1 to 3, mentions 4 -- keyed by the
 * question, false for none; [5] counts them.  Past HP_MAX_KEPT a plan the
 * answers are worked out each time, as before: the readers answer the same
 * for the same plan and question, so keeping one changes nothing but its
 * cost. */
#define HP_MAX_KEPT 4096

/* Push the kept answer to question q of reader slot and return 1, or push
 * nothing and return 0. */
static int hp_kept(lua_State *L, int rec, int slot, int q)
{
    if (lua_rawgeti(L, rec, 4) != LUA_TTABLE || lua_rawgeti(L, -1, slot) != LUA_TTABLE) {
        lua_settop(L, rec);
        return 0;
    }
    lua_pushvalue(L, q);
    int t = lua_rawget(L, -2);
    if (t == LUA_TNIL) { lua_settop(L, rec); return 0; }
    if (t == LUA_TBOOLEAN) { lua_pop(L, 1); lua_pushnil(L); }
    return 1;
}

/* Keep the answer on top (left there) to question q of reader slot. */
static void hp_keep(lua_State *L, int rec, int slot, int q)
{
    int v = lua_gettop(L);
    lua_rawgeti(L, rec, 5);
    lua_Integer n = lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (n >= HP_MAX_KEPT) return;
    if (lua_rawgeti(L, rec, 4) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 4, 0);
        lua_pushvalue(L, -1);
        lua_rawseti(L, rec, 4);
    }
    if (lua_rawgeti(L, -1, slot) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, slot);
    }
    lua_pushvalue(L, q);
    if (lua_isnil(L, v)) lua_pushboolean(L, 0);
    else lua_pushvalue(L, v);
    lua_rawset(L, -3);
    lua_settop(L, v);
    lua_pushinteger(L, n + 1);
    lua_rawseti(L, rec, 5);
}

/* ---- one search of the joined prose per candidate entry ----
 * The joined prose is the entries' texts with "\xFF" between them; under
 * PCRE2_MATCH_INVALID_UTF that byte matches nothing and is an edge no
 * look-around or \b sees past: for a pattern that is not anchored (gov's
 * anchored(): no ^ $ \A \z \Z \G, no (*VERB)), each entry's stretch of the
 * joined text matches exactly where the entry's text alone does -- \b,
 * (?<!非), (?!\W) and the like see the \xFF as the edge of a text (tested
 * with and without JIT: only $ differs, and it counts as anchored).  So
 * the first match of a search from the start of entry i lies in the first
 * entry from i on whose text matches, and the entries before it need no
 * search of their own: the readers search the joined text, go to the entry
 * that holds the match, and when that entry does not answer (a placeholder,
 * or not the claim wanted) search again from the next entry's start.  The
 * first search is the one the references make before walking the entries.
 * Anchored patterns, and a later search that fails (a limit: its subject
 * and so its limit differ from an entry's), go entry by entry as the
 * references do, from where the searches had got to. */
typedef struct {
    const char *joined;
    size_t jl;
    char *flags;
    const size_t *start;           /* each entry's offset in joined */
    lua_Integer n;                 /* entries */
    int entries;                   /* stack index of the record's entry list */
} hp_prose_view;

/* The prose record rec's parts (pushes joined and the entry list). */
static void hp_view(lua_State *L, int rec, hp_prose_view *v)
{
    lua_rawgeti(L, rec, 3);
    v->flags = lua_touserdata(L, -1);
    lua_rawgeti(L, rec, 6);
    v->start = lua_touserdata(L, -1);
    v->n = (lua_Integer)strlen(v->flags);
    lua_pop(L, 2);
    lua_rawgeti(L, rec, 2);
    v->joined = lua_tolstring(L, -1, &v->jl);
    lua_rawgeti(L, rec, 1);
    v->entries = lua_gettop(L);
}

/* The entry (1 to n, n > 0) whose text holds byte `at` of the joined
 * text; a "\xFF" counts with the entry before it. */
static lua_Integer hp_entry_at(const hp_prose_view *v, size_t at)
{
    lua_Integer lo = 1, hi = v->n;
    while (lo < hi) {
        lua_Integer mid = lo + (hi - lo + 1) / 2;
        if (v->start[mid - 1] <= at) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/* gov.claim of entry i about the keyword (info): -1 none (a placeholder,
 * no text, no mention), 0 claimed, 1 denied, 2 hypothetical.  found: the
 * keyword's pattern k is known to match the entry (a match of the joined
 * text lies in it), so it is not searched again. */
static int hp_claim(lua_State *L, const hp_prose_view *v, lua_Integer i, int info, int found)
{
    if (v->flags[i - 1] == '1') return -1;
    lua_rawgeti(L, v->entries, i);
    lua_getfield(L, -1, "text");
    size_t tl;
    const char *t = lua_tolstring(L, -1, &tl);
    int got = -1;
    if (t && !hp_placeholder(L, v->flags, i, t, tl) && tl && (found || hp_test(L, t, tl, info, 1)))
        got = hp_test(L, t, tl, info, 2) ? 0 : hp_test(L, t, tl, info, 3) ? 1 : 2;
    lua_pop(L, 2);
    return got;
}

/* gov.says_lua's answer for plan 1, keyword 2 (a string), want (0 to 2),
 * pushed: the entry or nil. */
static void hp_says_find(lua_State *L, int rec, int want)
{
    hp_keyword(L, 2);
    int info = lua_gettop(L);
    lua_rawgeti(L, info, 4);
    int anchored = lua_toboolean(L, -1);
    lua_pop(L, 1);
    hp_prose_view v;
    hp_view(L, rec, &v);
    lua_Integer i = 1;                  /* the first entry not yet ruled out */
    for (size_t from = 0, at; !anchored; from = v.start[i - 1]) {
        int rc = hp_search(L, v.joined, v.jl, from, info, 1, &at);
        if (rc < 0) break;              /* entry by entry from i */
        if (rc == 0 || v.n == 0) { lua_pushnil(L); return; }
        i = hp_entry_at(&v, at);
        if (hp_claim(L, &v, i, info, 1) == want) { lua_rawgeti(L, v.entries, i); return; }
        if (++i > v.n) break;
    }
    for (; i <= v.n; i++) {
        if (hp_claim(L, &v, i, info, 0) == want) { lua_rawgeti(L, v.entries, i); return; }
    }
    lua_pushnil(L);
}

static int hp_says(lua_State *L)
{
    static const char *const wants[3] = { "claimed", "denied", "hypothetical" };
    int want = 0;
    if (!lua_isnoneornil(L, 3)) {
        const char *w = lua_type(L, 3) == LUA_TSTRING ? lua_tostring(L, 3) : "";
        for (want = 0; want < 3 && strcmp(w, wants[want]); want++) {}
    }
    if (lua_type(L, 1) != LUA_TTABLE || lua_type(L, 2) != LUA_TSTRING || want == 3)
        return hp_reference(L, "says_lua");
    lua_settop(L, 2);
    hp_record(L, 1);
    int rec = lua_gettop(L);
    if (hp_kept(L, rec, want + 1, 2)) return 1;
    hp_says_find(L, rec, want);
    hp_keep(L, rec, want + 1, 2);
    return 1;
}

/* Whether entry i answers gov.mentions: it has a text, that text matches
 * the pattern (stack index 2; found: known to, see hp_says_find) and is
 * not a placeholder. */
static int hp_mentioned(lua_State *L, const hp_prose_view *v, lua_Integer i, int found)
{
    lua_rawgeti(L, v->entries, i);
    lua_getfield(L, -1, "text");
    size_t tl;
    const char *t = lua_tolstring(L, -1, &tl);
    int hit = t && (found || hp_test(L, t, tl, 0, 2)) && !hp_placeholder(L, v->flags, i, t, tl);
    lua_pop(L, 2);
    return hit;
}

/* gov.mentions_lua's answer for plan 1, pattern 2 (a string), pushed; the
 * searches as hp_says_find's. */
static void hp_mentions_find(lua_State *L, int rec)
{
    hp_keyword(L, 2);
    lua_rawgeti(L, -1, 4);
    int anchored = lua_toboolean(L, -1);
    lua_pop(L, 2);
    hp_prose_view v;
    hp_view(L, rec, &v);
    lua_Integer i = 1;
    for (size_t from = 0, at; !anchored; from = v.start[i - 1]) {
        int rc = hp_search(L, v.joined, v.jl, from, 0, 2, &at);
        if (rc < 0) break;
        if (rc == 0 || v.n == 0) { lua_pushnil(L); return; }
        i = hp_entry_at(&v, at);
        if (hp_mentioned(L, &v, i, 1)) { lua_rawgeti(L, v.entries, i); return; }
        if (++i > v.n) break;
    }
    for (; i <= v.n; i++) {
        if (hp_mentioned(L, &v, i, 0)) { lua_rawgeti(L, v.entries, i); return; }
    }
    lua_pushnil(L);
}

static int hp_mentions(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TTABLE || lua_type(L, 2) != LUA_TSTRING) return hp_reference(L, "mentions_lua");
    lua_settop(L, 2);
    hp_record(L, 1);
    int rec = lua_gettop(L);
    if (hp_kept(L, rec, 4, 2)) return 1;
    hp_mentions_find(L, rec);
    hp_keep(L, rec, 4, 2);
    return 1;
}

/* gov.prose(plan): a new array of the prose record's entries (gov.prose_lua
 * copies its own list of the same entries, in the same order). */
static int hp_prose(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TTABLE) return hp_reference(L, "prose_lua");
    lua_settop(L, 1);
    hp_record(L, 1);
    lua_rawgeti(L, -1, 1);
    int entries = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, entries);
    lua_createtable(L, n > 0 && n < INT_MAX ? (int)n : 0, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, entries, i);
        lua_rawseti(L, -2, i);
    }
    return 1;
}

/* hogo.prose_reader(config) -> says, mentions, prose (see above). */
static int hl_prose_reader(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    static const char *const need[] = { "text_fields", "placeholder", "fields", "patterns", "anchored",
                                        "says_lua", "mentions_lua", "prose_lua", NULL };
    for (int i = 0; need[i]; i++) {
        int t = lua_getfield(L, 1, need[i]);
        if (t != (strcmp(need[i], "fields") ? LUA_TFUNCTION : LUA_TTABLE))
            return luaL_error(L, "hogo.prose_reader: config.%s is missing", need[i]);
        lua_pop(L, 1);
    }
    lua_settop(L, 1);
    lua_newtable(L);                        /* records, weak by plan, shared by both */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    static const lua_CFunction readers[3] = { hp_says, hp_mentions, hp_prose };
    for (int k = 0; k < 3; k++) {
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_pushvalue(L, lua_upvalueindex(2));
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 2);
        lua_newtable(L);                    /* keywords */
        lua_pushinteger(L, 0);
        lua_pushcclosure(L, readers[k], 6);
    }
    return 3;
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
    lua_pushboolean(L, hogo_engine_find_rule(hl_engine(L), luaL_checkstring(L, 1)) != NULL);
    return 1;
}

/* hogo.suggest_rule(id): the loaded rule id nearest to id, or nil. */
static int hl_suggest_rule(lua_State *L)
{
    const char *near = hogo_engine_suggest_rule(hl_engine(L), luaL_checkstring(L, 1));
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
    {"severity_rank", hl_severity_rank}, {"freeze", hl_freeze}, {"prose_reader", hl_prose_reader},
    {NULL, NULL}
};

/* Push a new table of the helpers (the sandbox adds hogo.null to it);
 * each reads the engine and its regex cache from its upvalues. */
void hl_push(lua_State *L, hogo_engine *e, rx_cache *rx)
{
    luaL_newlibtable(L, hl_lib);
    lua_pushlightuserdata(L, e);
    lua_pushlightuserdata(L, rx);
    luaL_setfuncs(L, hl_lib, 2);
    hf_open(L);                          /* the once-per-plan facts (hogo_facts.c) */
    luaL_checkstack(L, 32, "prose_fields");
    hl_push_prose_level(L, voc_get(), 0, 0);
    sbx_freeze(L, -1, 1);
    lua_remove(L, -2);
    lua_setfield(L, -2, "prose_fields");
}
