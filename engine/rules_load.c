/* rules_load.c -- loading rule files into an engine.  A rule file is Lua
 * text that returns a table (docs/rule-api.md); this file runs it once in a
 * fresh sandboxed environment, checks the table and keeps its check(). */
#include "engine_int.h"
#include "vocab.h"
#include "embedded.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* security: metadata is read raw, from plain tables only.  A rule's table
 * is Lua data the engine reads outside any budget: a metatable's __index
 * that errors would panic the process (no protected call), one that loops
 * would hang it.  So a table with a metatable is refused, and every field is
 * read with lua_rawget, which runs no code. */
static int rl_plain(lua_State *L, int idx)
{
    if (!lua_istable(L, idx)) return 0;
    if (lua_getmetatable(L, idx)) { lua_pop(L, 1); return 0; }
    return 1;
}

/* Push t[field], raw. */
static int rl_raw(lua_State *L, int t, const char *field)
{
    lua_pushstring(L, field);
    return lua_rawget(L, t);
}

/* Copy t[field][lang] ("ja"/"en") into *out; 0 with an error if missing. */
static int rl_text(hogo_engine *e, const char *file, int t, const char *field, const char *lang, char **out)
{
    lua_State *L = e->sbx.L;
    int ok = 0;
    if (rl_raw(L, t, field) == LUA_TTABLE && rl_plain(L, -1) && rl_raw(L, lua_gettop(L), lang) == LUA_TSTRING &&
        lua_rawlen(L, -1) > 0) {
        *out = strdup(lua_tostring(L, -1));
        ok = *out != NULL;
    }
    lua_settop(L, t);
    if (!ok) eng_error(e, HOGO_ERULE, "%s: field '%s.%s' is missing or empty (every text needs ja and en, "
                                      "in a plain table)", file, field, lang);
    return ok;
}

static int rl_string(hogo_engine *e, const char *file, int t, const char *field, char **out)
{
    lua_State *L = e->sbx.L;
    int ok = 0;
    if (rl_raw(L, t, field) == LUA_TSTRING && lua_rawlen(L, -1) > 0) {
        *out = strdup(lua_tostring(L, -1));
        ok = *out != NULL;
    }
    lua_settop(L, t);
    if (!ok) eng_error(e, HOGO_ERULE, "%s: field '%s' is missing or not a string", file, field);
    return ok;
}

static int rl_id_ok(const char *id)
{
    if (!id[0]) return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_'))
            return 0;
    return 1;
}

/* needs[field]: a plain array of non-empty strings, copied into *out
 * (folded with screen_fold when fold is set).  Absent is fine (0 strings). */
static int rl_strv(hogo_engine *e, const char *file, int needs, const char *field, int fold, char ***out, size_t *n)
{
    lua_State *L = e->sbx.L;
    *out = NULL;
    *n = 0;
    int ty = rl_raw(L, needs, field);
    if (ty == LUA_TNIL) { lua_settop(L, needs); return 1; }
    int arr = lua_gettop(L);
    size_t len = ty == LUA_TTABLE && rl_plain(L, arr) ? lua_rawlen(L, arr) : 0;
    int ok = len > 0 && len <= 256;
    char **v = ok ? calloc(len, sizeof *v) : NULL;
    ok = v != NULL;
    for (size_t i = 0; ok && i < len; i++) {
        size_t sl;
        if (lua_rawgeti(L, arr, (lua_Integer)i + 1) != LUA_TSTRING || lua_rawlen(L, -1) == 0) { ok = 0; break; }
        const char *str = lua_tolstring(L, -1, &sl);
        v[i] = fold ? screen_fold(str, sl, &sl) : strdup(str);
        ok = v[i] != NULL;
        *n = i + 1;
        lua_pop(L, 1);
    }
    lua_settop(L, needs);
    if (!ok) {
        eng_free_strv(v, *n);
        *out = NULL;
        *n = 0;
        eng_error(e, HOGO_ERULE, "%s: needs.%s must be a plain array of 1 to 256 non-empty strings", file, field);
        return 0;
    }
    *out = v;
    return 1;
}

/* The optional `needs` table: { fields, stated, words, prose = {...} }, read raw
 * like the rest of the metadata.  Any other key is refused, so a misspelt
 * condition cannot silently become no condition. */
static int rl_needs(hogo_engine *e, const char *file, int t, eng_rule *r)
{
    lua_State *L = e->sbx.L;
    int ty = rl_raw(L, t, "needs");
    if (ty == LUA_TNIL) { lua_settop(L, t); return 1; }
    int needs = lua_gettop(L);
    if (!rl_plain(L, needs)) {
        lua_settop(L, t);
        eng_error(e, HOGO_ERULE, "%s: field 'needs' must be a plain table { fields = {...}, stated = {...}, words = {...}, prose = {...} }", file);
        return 0;
    }
    lua_pushnil(L);
    while (lua_next(L, needs)) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (!k || (strcmp(k, "fields") && strcmp(k, "stated") && strcmp(k, "words") && strcmp(k, "prose"))) {
            lua_settop(L, t);
            eng_error(e, HOGO_ERULE, "%s: needs may hold only 'fields', 'stated', 'words' and 'prose'", file);
            return 0;
        }
        lua_pop(L, 1);
    }
    int ok = rl_strv(e, file, needs, "fields", 0, &r->need_fields, &r->n_need_fields) &&
             rl_strv(e, file, needs, "stated", 0, &r->need_stated, &r->n_need_stated) &&
             rl_strv(e, file, needs, "words", 1, &r->need_words, &r->n_need_words) &&
             rl_strv(e, file, needs, "prose", 1, &r->need_prose, &r->n_need_prose);
    lua_settop(L, t);
    return ok;
}

/* A rule's words name fields by {label:PATH}: the vocabulary's label in the
 * text's language (vocab.h), so a reader sees アクセス記録（ログ）, never
 * access.logging; a PATH the format does not have fails the load. */
static int rl_labels(hogo_engine *e, const char *file, char **text, hogo_lang lang)
{
    if (!*text || !strstr(*text, VOC_LABEL_OPEN)) return 1;
    const char *bad = NULL;
    char *x = voc_expand(*text, lang, &bad);
    if (!x) { eng_error(e, HOGO_ENOMEM, "%s: out of memory", file); return 0; }
    if (bad) {
        const char *end = strchr(bad, '}');
        eng_error(e, HOGO_ERULE, "%s: {label:%.*s}: the plan format has no such field", file,
                  (int)(end ? end - bad : 40), bad);
        free(x);
        return 0;
    }
    free(*text);
    *text = x;
    return 1;
}

/* Check the table on top of the stack and register the rule. */
static hogo_status rl_register(hogo_engine *e, const char *file)
{
    lua_State *L = e->sbx.L;
    int t = lua_gettop(L);
    if (!rl_plain(L, t)) {
        eng_error(e, HOGO_ERULE, "%s: the file must return a plain rule table (got %s%s)", file,
                  luaL_typename(L, t), lua_istable(L, t) ? " with a metatable" : "");
        return HOGO_ERULE;
    }
    eng_rule tmp;
    memset(&tmp, 0, sizeof tmp);
    hogo_rule_info *in = &tmp.info;
    char *sev = NULL;
    int ok = rl_string(e, file, t, "id", (char **)&in->id);
    ok &= rl_string(e, file, t, "topic", (char **)&in->topic);
    ok &= rl_string(e, file, t, "severity", &sev);
    ok &= rl_string(e, file, t, "precedent", (char **)&in->precedent);
    static const char *const langs[2] = { "ja", "en" };
    for (int l = 0; l < 2; l++) {
        ok &= rl_text(e, file, t, "title", langs[l], (char **)&in->title[l]);
        ok &= rl_text(e, file, t, "message", langs[l], (char **)&in->message[l]);
        ok &= rl_text(e, file, t, "follow_up", langs[l], (char **)&in->follow_up[l]);
        ok &= rl_labels(e, file, (char **)&in->message[l], (hogo_lang)l) &&
              rl_labels(e, file, (char **)&in->follow_up[l], (hogo_lang)l);
    }
    if (in->id && !rl_id_ok(in->id)) {
        eng_error(e, HOGO_ERULE, "%s: id '%s' may use only a-z, 0-9, '-', '.' and '_'", file, in->id);
        ok = 0;
    }
    if (in->id && hogo_engine_find_rule(e, in->id)) {
        const char *other = NULL;
        for (size_t i = 0; i < e->nrules; i++)
            if (strcmp(e->rules[i].info.id, in->id) == 0) other = e->rules[i].info.file;
        eng_error(e, HOGO_ERULE, "%s: rule id '%s' is already loaded from %s", file, in->id, other ? other : "?");
        ok = 0;
    }
    if (in->topic && !hogo_topic_known(in->topic)) {
        eng_error(e, HOGO_ERULE, "%s: topic '%s' is not one of the %zu topics of plan format v1 (hogo rules --topics)",
                  file, in->topic, hogo_topic_count());
        ok = 0;
    }
    if (sev && !hogo_severity_parse(sev, &in->severity)) {
        eng_error(e, HOGO_ERULE, "%s: severity '%s' is not info, low, medium, high or critical", file, sev);
        ok = 0;
    }
    free(sev);
    ok &= rl_needs(e, file, t, &tmp);
    if (rl_raw(L, t, "check") != LUA_TFUNCTION) {
        eng_error(e, HOGO_ERULE, "%s: field 'check' must be a function(plan, ctx)", file);
        ok = 0;
    }
    eng_rule *r = ok ? eng_add_rule(e) : NULL;
    if (!r) {
        lua_settop(L, t - 1);
        tmp.check_ref = LUA_NOREF;
        free((char *)in->id); free((char *)in->topic); free((char *)in->precedent);
        for (int l = 0; l < 2; l++) {
            free((char *)in->title[l]); free((char *)in->message[l]); free((char *)in->follow_up[l]);
        }
        eng_free_strv(tmp.need_fields, tmp.n_need_fields);
        eng_free_strv(tmp.need_stated, tmp.n_need_stated);
        eng_free_strv(tmp.need_prose, tmp.n_need_prose);
        eng_free_strv(tmp.need_words, tmp.n_need_words);
        return ok ? HOGO_ENOMEM : HOGO_ERULE;
    }
    *r = tmp;
    r->default_severity = in->severity;
    r->info.file = strdup(file);
    r->check_ref = luaL_ref(L, LUA_REGISTRYINDEX);   /* pops check */
    lua_settop(L, t - 1);
    return HOGO_OK;
}

/* "_common.lua" -> "common"; NULL if the name is not a library's. */
static char *rl_lib_name(const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (base[0] != '_') return NULL;
    size_t n = strlen(base + 1);
    if (n > 4 && strcmp(base + 1 + n - 4, ".lua") == 0) n -= 4;
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, base + 1, n);
    s[n] = '\0';
    return s;
}

/* ---- libraries ----
 * A library (rules/_NAME.lua) is loaded once: it runs in its own
 * environment, which sees the standard tables and hogo but no other
 * library, and says what it builds on with import:
 *     local common, gov = import("common", "gov")
 * What it returns is frozen and shared by every rule (as the global NAME)
 * and by every library that imports it.  The pack's loaders (a directory,
 * the built-in pack) load a library after those it imports, whatever the
 * file names; one library at a time (hogo_engine_load_rule) imports only
 * what is loaded already. */

static int rl_lib_pending(const hogo_engine *e, const char *name)
{
    for (size_t i = 0; i < e->n_lib_pending; i++)
        if (strcmp(e->lib_pending[i], name) == 0) return 1;
    return 0;
}

/* import(name, ...) -> the frozen libraries, in order. */
static int rl_import(lua_State *L)
{
    hogo_engine *e = lua_touserdata(L, lua_upvalueindex(1));
    int n = lua_gettop(L);
    luaL_checkstack(L, n, "import");
    for (int i = 1; i <= n; i++) {
        const char *name = luaL_checkstring(L, i);
        size_t k = 0;
        while (k < e->nlibs && strcmp(e->libs[k].name, name) != 0) k++;
        if (k < e->nlibs) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, e->libs[k].ref);
            continue;
        }
        if (rl_lib_pending(e, name)) {
            /* the loader tries this library again after the others */
            snprintf(e->lib_wait, sizeof e->lib_wait, "%s", name);
            return luaL_error(L, "import: library '%s' is not loaded yet", name);
        }
        return luaL_error(L, "import: no library '%s' is loaded (a file _%s.lua of the pack)", name, name);
    }
    return n;
}

/* Compile one file onto the stack; 0 after an error (reported).  bc, when
 * given, is the same file as bytecode the build made (embedded_bytecode):
 * it is loaded, in mode "b", only from there, and the source is compiled
 * when it does not load.  Everything else is loaded in mode "t". */
static int rl_compile(hogo_engine *e, const char *file, const char *text, size_t len, const embedded_file *bc)
{
    lua_State *L = e->sbx.L;
    char chunk[512];
    snprintf(chunk, sizeof chunk, "@%s", file);
    /* security: bytecode can crash the VM; this is the build's own, made
     * from these sources by the liblua this process runs (rl_bytecode) */
    if (bc && luaL_loadbufferx(L, bc->data, bc->len, chunk, "b") == LUA_OK) {
        e->stats.pack_precompiled++;
        return 1;
    }
    if (bc) lua_pop(L, 1);
    /* mode "t": precompiled bytecode from a file can crash the VM, so it is refused */
    if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK) {
        /* syntax errors carry "file:line:"; a refused binary chunk does not */
        eng_lua_error(e, file, lua_tostring(L, -1));
        lua_pop(L, 1);
        return 0;
    }
    return 1;
}

/* Run the library's text and keep its frozen table in *ref.  Returns 1; 0
 * after an error (reported), or -1 when it imported a library that is not
 * loaded yet (not reported: the loader tries again later). */
static int rl_load_lib(hogo_engine *e, const char *file, const char *text, size_t len,
                       const embedded_file *bc, int *ref)
{
    lua_State *L = e->sbx.L;
    int top = lua_gettop(L);
    sbx_push_lib_env(&e->sbx);
    lua_pushlightuserdata(L, e);
    lua_pushcclosure(L, rl_import, 1);
    lua_setfield(L, -2, "import");
    if (!rl_compile(e, file, text, len, bc)) {
        lua_settop(L, top);
        return 0;
    }
    lua_pushvalue(L, -2);
    lua_setupvalue(L, -2, 1);
    char msg[512];
    int line;
    e->lib_wait[0] = '\0';
    if (sbx_call_budgeted(&e->sbx, 0, 1, msg, sizeof msg, &line) != LUA_OK) {
        lua_settop(L, top);
        if (e->lib_wait[0]) return -1;
        eng_lua_error(e, file, msg);
        return 0;
    }
    if (!lua_istable(L, -1)) {
        eng_error(e, HOGO_ERULE, "%s: a library must return a table of functions", file);
        lua_settop(L, top);
        return 0;
    }
    /* security: freezing raises (tables nested too deep) and allocates:
     * it runs protected and under the load's budgets, never bare */
    lua_pushcfunction(L, sbx_freeze_fn);
    lua_insert(L, -2);
    if (sbx_call_budgeted(&e->sbx, 1, 1, msg, sizeof msg, &line) != LUA_OK) {
        eng_error(e, HOGO_ERULE, "%s: what the library returns cannot be frozen: %s", file, msg);
        lua_settop(L, top);
        return 0;
    }
    *ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, top);
    return 1;
}

/* Load one library; *deferred is set (and nothing reported) when it
 * imports one that is still pending. */
static hogo_status rl_add_lib(hogo_engine *e, const char *file, const char *text, size_t len,
                              const embedded_file *bc, int *deferred)
{
    *deferred = 0;
    char *name = rl_lib_name(file);
    if (!name) return HOGO_ENOMEM;
    int ref, st = rl_load_lib(e, file, text, len, bc, &ref);
    if (st <= 0) {
        free(name);
        *deferred = st < 0;
        return HOGO_ERULE;
    }
    if (e->nlibs == e->caplibs) {
        size_t c = e->caplibs ? e->caplibs * 2 : 8;
        eng_lib *p = realloc(e->libs, c * sizeof *p);
        if (!p) { free(name); return HOGO_ENOMEM; }
        e->libs = p;
        e->caplibs = c;
    }
    eng_lib *lb = &e->libs[e->nlibs];
    lb->name = name;
    lb->file = strdup(file);
    lb->ref = ref;
    if (!lb->file) { free(name); return HOGO_ENOMEM; }
    e->nlibs++;
    lua_rawgeti(e->sbx.L, LUA_REGISTRYINDEX, ref);   /* a global of every rule */
    sbx_add_global(&e->sbx, name);
    return HOGO_OK;
}

typedef struct {
    const char *file, *text;
    size_t len;
    const embedded_file *bc;   /* the build's bytecode of it, or NULL */
    char *name;                /* the library's name (malloc'd) */
    char wait[64];             /* what it imported before it was loaded */
    int done;
} rl_libsrc;

/* Load the libraries of a pack, each after the ones it imports: every
 * round loads those whose imports are loaded; a round that loads none
 * leaves only libraries that import each other in a circle. */
static hogo_status rl_load_libs(hogo_engine *e, rl_libsrc *libs, size_t n)
{
    hogo_status worst = HOGO_OK;
    char **names = calloc(n ? n : 1, sizeof *names);
    if (!names) return HOGO_ENOMEM;
    size_t left = n;
    for (int progress = 1; left && progress;) {
        progress = 0;
        for (size_t i = 0; i < n; i++) {
            if (libs[i].done) continue;
            e->n_lib_pending = 0;
            for (size_t k = 0; k < n; k++)
                if (!libs[k].done && libs[k].name) names[e->n_lib_pending++] = libs[k].name;
            e->lib_pending = names;
            int deferred;
            hogo_status s = rl_add_lib(e, libs[i].file, libs[i].text, libs[i].len, libs[i].bc, &deferred);
            e->lib_pending = NULL;
            e->n_lib_pending = 0;
            if (deferred) {
                snprintf(libs[i].wait, sizeof libs[i].wait, "%s", e->lib_wait);
                continue;
            }
            libs[i].done = 1;
            left--;
            progress = 1;
            if (s != HOGO_OK && worst == HOGO_OK) worst = s;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (libs[i].done) continue;
        eng_error(e, HOGO_ERULE, "%s: imports '%s', which imports it back (directly or through other libraries): "
                                 "libraries may not import each other in a circle", libs[i].file, libs[i].wait);
        worst = HOGO_ERULE;
    }
    free(names);
    return worst;
}

static hogo_status rl_load_rule(hogo_engine *e, const char *name, const char *text, size_t len,
                                const embedded_file *bc)
{
    char *lib = rl_lib_name(name);
    if (lib) {
        free(lib);
        int deferred;   /* never: nothing is pending outside a pack's loader */
        return rl_add_lib(e, name, text, len, bc, &deferred);
    }
    lua_State *L = e->sbx.L;
    int top = lua_gettop(L);
    sbx_push_env(&e->sbx);
    if (!rl_compile(e, name, text, len, bc)) {
        lua_settop(L, top);
        return HOGO_ERULE;
    }
    lua_pushvalue(L, -2);
    lua_setupvalue(L, -2, 1);   /* _ENV = the rule's own environment */
    lua_pushvalue(L, -1);       /* kept: the file runs again for every plan */
    char msg[512];
    int line;
    if (sbx_call_budgeted(&e->sbx, 0, 1, msg, sizeof msg, &line) != LUA_OK) {
        eng_lua_error(e, name, msg);
        lua_settop(L, top);
        return HOGO_ERULE;
    }
    hogo_status s = rl_register(e, name);
    /* security: what the file builds when it runs -- globals, upvalues,
     * tables -- is a rule's state; running it afresh in a new environment
     * for every plan (sbx_rule_entry) leaves no state from one plan to the
     * next.  This run only checked the metadata. */
    if (s == HOGO_OK) {
        eng_rule *r = &e->rules[e->nrules - 1];
        r->chunk_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->check_ref);
        r->reset_ref = sbx_reset_list(L, -1, top + 1) ? luaL_ref(L, LUA_REGISTRYINDEX) : LUA_NOREF;
        r->env_ref = LUA_NOREF;
        lua_createtable(L, 4, 0);
        for (int l = 0; l < 2; l++) {
            lua_pushstring(L, r->info.message[l]);
            lua_rawseti(L, -2, 2 * l + 1);
            lua_pushstring(L, r->info.follow_up[l]);
            lua_rawseti(L, -2, 2 * l + 2);
        }
        r->texts_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    lua_settop(L, top);
    return s;
}

hogo_status hogo_engine_load_rule(hogo_engine *e, const char *name, const char *text, size_t len)
{
    if (!e || !name || !text) return HOGO_EINVAL;
    return rl_load_rule(e, name, text, len, NULL);
}

static int rl_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories walked already, by device and inode: a symlink loop (a -> .,
 * b -> .) is entered once.  Depth alone bounded it, but 2 links per level
 * over 16 levels is 65,536 walks of the same directory (a hang). */
typedef struct { dev_t dev; ino_t ino; } rl_dirid;
typedef struct { rl_dirid *v; size_t n, cap; } rl_seen;

/* 1 if dir was walked already (or cannot be told); else remember it. */
static int rl_seen_dir(rl_seen *s, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0) return 1;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].dev == st.st_dev && s->v[i].ino == st.st_ino) return 1;
    if (s->n == s->cap) {
        size_t c = s->cap ? s->cap * 2 : 32;
        rl_dirid *v = realloc(s->v, c * sizeof *v);
        if (!v) return 1;
        s->v = v;
        s->cap = c;
    }
    s->v[s->n].dev = st.st_dev;
    s->v[s->n++].ino = st.st_ino;
    return 0;
}

/* Collect every *.lua below dir into *list (recursively, each directory
 * once, depth-bounded). */
static int rl_collect(const char *dir, char ***list, size_t *n, size_t *cap, int depth, rl_seen *seen)
{
    if (depth > 16) return 1;
    if (depth > 0 && rl_seen_dir(seen, dir)) return 1;
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        char *path = malloc(len);
        if (!path) break;
        snprintf(path, len, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            rl_collect(path, list, n, cap, depth + 1, seen);
            free(path);
            continue;
        }
        size_t nl = strlen(de->d_name);
        if (nl < 5 || strcmp(de->d_name + nl - 4, ".lua") != 0) { free(path); continue; }
        if (*n == *cap) {
            size_t c = *cap ? *cap * 2 : 64;
            char **p = realloc(*list, c * sizeof *p);
            if (!p) { free(path); break; }
            *list = p;
            *cap = c;
        }
        (*list)[(*n)++] = path;
    }
    closedir(d);
    return 1;
}

static char *rl_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        char *p = realloc(buf, cap * 2);
        if (!p) { free(buf); buf = NULL; break; }
        buf = p;
        cap *= 2;
    }
    fclose(f);
    if (buf) *len = n;
    return buf;
}

/* Libraries first (every rule's environment needs them), then rules. */
hogo_status hogo_engine_load_dir(hogo_engine *e, const char *dir)
{
    char **list = NULL;
    size_t n = 0, cap = 0;
    rl_seen seen = { 0 };
    rl_seen_dir(&seen, dir);
    int walked = rl_collect(dir, &list, &n, &cap, 0, &seen);
    free(seen.v);
    if (!walked) {
        eng_error(e, HOGO_EIO, "%s: cannot read the rule directory", dir);
        return HOGO_EIO;
    }
    qsort(list, n, sizeof *list, rl_cmp);
    hogo_status worst = HOGO_OK;
    rl_libsrc *libs = calloc(n ? n : 1, sizeof *libs);
    char **texts = calloc(n ? n : 1, sizeof *texts);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    size_t nlibs = 0;
    if (!libs || !texts || !lens) worst = HOGO_ENOMEM;
    for (size_t i = 0; libs && texts && lens && i < n; i++) {
        size_t len = 0;
        texts[i] = rl_read_file(list[i], &len);
        lens[i] = len;
        if (!texts[i]) {
            eng_error(e, HOGO_EIO, "%s: cannot read", list[i]);
            worst = HOGO_EIO;
            continue;
        }
        char *lib = rl_lib_name(list[i]);
        if (lib) libs[nlibs++] = (rl_libsrc){ .file = list[i], .text = texts[i], .len = len, .name = lib };
    }
    if (libs && texts && lens) {
        hogo_status s = rl_load_libs(e, libs, nlibs);
        if (s != HOGO_OK && worst == HOGO_OK) worst = s;
        for (size_t i = 0; i < n; i++) {
            char *lib = rl_lib_name(list[i]);
            free(lib);
            if (lib || !texts[i]) continue;
            s = hogo_engine_load_rule(e, list[i], texts[i], lens[i]);
            if (s != HOGO_OK && worst == HOGO_OK) worst = s;
        }
    }
    for (size_t i = 0; i < nlibs; i++) free(libs[i].name);
    for (size_t i = 0; i < n; i++) {
        if (texts) free(texts[i]);
        free(list[i]);
    }
    free(libs);
    free(texts);
    free(lens);
    free(list);
    if (n == 0) {
        eng_error(e, HOGO_ERULE, "%s: no *.lua rule files there", dir);
        return HOGO_ERULE;
    }
    return worst;
}

/* The build's bytecode of the pack's file i, or NULL: only when this
 * process runs the liblua release that made it (a liblua upgraded under the
 * binary compiles the source, as before), and only for the same file. */
static const embedded_file *rl_bytecode(size_t i)
{
    /* compared every time, not remembered in a static: workers load their
     * engines at once, and a hundred short strcmp cost nothing */
    if (i >= embedded_rule_count || strcmp(lua_ident, embedded_bytecode_lua) != 0) return NULL;
    const embedded_file *bc = &embedded_bytecode[i];
    return bc->len && strcmp(bc->name, embedded_rules[i].name) == 0 ? bc : NULL;
}

hogo_status eng_load_builtin(hogo_engine *e, int precompiled)
{
    size_t n = 0, nlibs = 0;
    while (embedded_rules[n].name) n++;
    rl_libsrc *libs = calloc(n ? n : 1, sizeof *libs);
    char (*names)[256] = calloc(n ? n : 1, sizeof *names);
    if (!libs || !names) { free(libs); free(names); return HOGO_ENOMEM; }
    uint64_t t0 = screen_now(e);
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "rules/%s", embedded_rules[i].name);
        char *lib = rl_lib_name(names[i]);
        if (lib) libs[nlibs++] = (rl_libsrc){ .file = names[i], .text = embedded_rules[i].data,
                                              .len = embedded_rules[i].len, .name = lib,
                                              .bc = precompiled ? rl_bytecode(i) : NULL };
    }
    hogo_status worst = rl_load_libs(e, libs, nlibs);
    for (size_t i = 0; i < n; i++) {
        if (embedded_rules[i].name[0] == '_') continue;
        hogo_status s = rl_load_rule(e, names[i], embedded_rules[i].data, embedded_rules[i].len,
                                     precompiled ? rl_bytecode(i) : NULL);
        if (s != HOGO_OK && worst == HOGO_OK) worst = s;
    }
    e->stats.pack_files += n;
    e->stats.pack_ns += screen_now(e) - t0;
    for (size_t i = 0; i < nlibs; i++) free(libs[i].name);
    free(libs);
    free(names);
    snprintf(e->pack_version, sizeof e->pack_version, "%s", embedded_pack_version);
    return worst;
}

hogo_status hogo_engine_load_builtin(hogo_engine *e)
{
    return eng_load_builtin(e, 1);
}
