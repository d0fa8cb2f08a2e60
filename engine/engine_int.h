/* engine_int.h -- the engine's private state, shared by engine.c (life
 * cycle), rules_load.c (loading the pack) and screen.c (one plan).  The
 * Lua state and its budgets are the sandbox's (sandbox.h), which knows
 * nothing of the engine.  Nothing here is global: an engine is one value. */
#ifndef HOGO_ENGINE_INT_H
#define HOGO_ENGINE_INT_H
#include "hogo.h"
#include "regex.h"
#include "sandbox.h"
#include "schema.h"
#include "strbuf.h"

#include <pthread.h>
#include <stdint.h>
#include <lua.h>
#include <lauxlib.h>

typedef struct {
    hogo_rule_info info;       /* strings owned by the engine */
    hogo_severity default_severity;
    int check_ref;             /* registry ref of check(), LUA_NOREF for a C rule */
    int chunk_ref;             /* registry ref of the compiled rule file, run afresh per plan */
    int reset_ref;             /* LUA_NOREF, or the upvalues to set back before each plan
                                  (sbx_reset_list): then check() runs without its file */
    int env_ref;               /* its globals, kept from plan to plan while untouched */
    int texts_ref;             /* {message ja, follow_up ja, message en, follow_up en} as Lua
                                  strings, for ctx.report (pushed once, at load) */
    int disabled;
    char **need_fields;        /* needs.fields: top-level keys that must all be present */
    size_t n_need_fields;
    char **need_stated;        /* needs.stated: top-level keys that must all be present and not null */
    size_t n_need_stated;
    char **need_words;         /* needs.words: one must occur in the plan's text (folded as
                                  screen_fold does); NULL = no condition on words */
    size_t n_need_words;
    char **need_prose;         /* needs.prose: one must occur in the text of a prose field
                                  (folded the same); NULL = no condition */
    size_t n_need_prose;
    hogo_rule_stats stats;     /* when opt.profile */
} eng_rule;

typedef struct {
    char *name;                /* "common" for _common.lua */
    char *file;
    int ref;                   /* registry ref of the frozen table it returned */
} eng_lib;

/* A rule file (or library) that did not load: it screens nothing, so every
 * result of this engine carries it as a rule error (never a clean report). */
typedef struct {
    char *rule, *file, *message;
    int line;
} eng_load_failure;

typedef struct screen_run screen_run;   /* one hogo_screen call (screen.c) */
typedef struct screen_dict screen_dict; /* the rules' needs words, as one automaton (screen.c) */

struct hogo_engine {
    hogo_options opt;
    char today[11];

    sbx_state sbx;             /* the Lua state rules run in, and its budgets */
    int rule_memory_given;     /* the caller set opt.rule_memory: use it as given */

    eng_rule *rules; size_t nrules, caprules;
    eng_lib *libs; size_t nlibs, caplibs;
    eng_load_failure *failed; size_t nfailed, capfailed;
    /* loading libraries (rules_load.c): the names not loaded yet, and the
     * one the library being loaded imported before it was loaded */
    char **lib_pending; size_t n_lib_pending;
    char lib_wait[64];
    char pack_version[32];

    schema *schema;
    rx_cache *rx;
    hogo_error_fn err_fn; void *err_ud;

    struct wv_set *owners;     /* approvers and the secretariat's waivers (waiver.c) */
    hogo_engine_stats stats;   /* when opt.profile */
    screen_run *run;           /* the plan being screened, for ctx.report */
    screen_dict *needs_dict;   /* built on the first plan that asks, again once a rule is added */
    size_t cur_rule;           /* index of the rule running */
};

/* engine.c */
void eng_error(hogo_engine *e, hogo_status code, const char *fmt, ...);
void eng_lua_error(hogo_engine *e, const char *file, const char *lua_message);
eng_rule *eng_add_rule(hogo_engine *e);
void eng_free_strv(char **v, size_t n);
/* s folded as `needs` words are compared (screen.c): full-width forms as
 * hogo_normalize folds them, then letters to lower case as a caseless
 * pattern matches them (A-Z, and U+017F / U+212A to s / k).  Malloc'd,
 * NUL-terminated, *outlen bytes; NULL when out of memory. */
char *screen_fold(const char *s, size_t len, size_t *outlen);

void screen_dict_free(screen_dict *d);

/* screen.c: now, in ns, when the engine profiles (opt.profile); else 0 */
uint64_t screen_now(const hogo_engine *e);

/* rules_load.c: the built-in pack, as the build's bytecode where this liblua
 * made it (precompiled) or compiled from its embedded source (0: what a
 * liblua of another release gets; the tests compare the two) */
hogo_status eng_load_builtin(hogo_engine *e, int precompiled);

/* screen.c (called by the Lua helper ctx.report) */
int  screen_report(lua_State *L);
#endif
