/* engine_int.h -- the engine's private state, shared by engine.c (life
 * cycle), sandbox.c (the Lua state), rules_load.c (loading the pack) and
 * screen.c (one plan).  Nothing here is global: an engine is one value. */
#ifndef HOGO_ENGINE_INT_H
#define HOGO_ENGINE_INT_H
#include "hogo.h"
#include "regex.h"
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
    int disabled;
    char **need_fields;        /* needs.fields: top-level keys that must all be present */
    size_t n_need_fields;
    char **need_words;         /* needs.words: one must occur in the plan's text (folded as
                                  screen_fold does); NULL = no condition on words */
    size_t n_need_words;
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

struct hogo_engine {
    hogo_options opt;
    char today[11];

    lua_State *L;
    size_t mem_used;           /* bytes the Lua state holds now */
    size_t mem_limit;          /* 0 = no cap (engine work); set while a rule runs */
    size_t gc_floor;           /* mem_used after the last full collection (sbx_push_plan) */
    int in_build, build_refused;   /* building the plan's tables; the budget refused once */
    size_t rule_memory;        /* the budget of each rule on this plan (screen.c) */
    int rule_memory_given;     /* the caller set opt.rule_memory: use it as given */
    uint64_t instr;            /* VM instructions the running rule used */
    int aborting;              /* a budget was hit: no pcall in the rule may catch it */
    const char *abort_why;
    /* security (sandbox.c): where a budget was hit, when Lua's message has
     * no position (hook, allocator); and the CPU-time backstop of the
     * instruction budget (work done inside C calls that the hook cannot count) */
    int abort_line;
    char abort_where[512];     /* the chunk of abort_line ("rules/_common.lua") */
    /* where the last failed call failed (sbx_call_budgeted): the chunk of
     * its line, which is a library's when the error was raised inside one,
     * and the line of the rule's own file it was called from */
    const char *rule_source;   /* the running rule's file, NULL at load */
    int err_line;              /* the message handler's reading */
    char err_where[512];
    char fail_where[512];
    int fail_rule_line;
    uint64_t deadline_ns, cpu_start_ns;
    uint64_t cpu_read_ns, cpu_read_wall_ns;   /* the last reading of the thread's CPU clock */
    pthread_t cpu_read_thread;                /* ... on this thread (see sbx_budget_start) */
    int cpu_read_valid;

    eng_rule *rules; size_t nrules, caprules;
    eng_lib *libs; size_t nlibs, caplibs;
    eng_load_failure *failed; size_t nfailed, capfailed;
    size_t base_nlibs;         /* libraries in the shared base of rule environments */
    int base_built;
    char pack_version[32];

    schema *schema;
    rx_cache *rx;
    hogo_error_fn err_fn; void *err_ud;

    struct wv_set *owners;     /* approvers and the secretariat's waivers (waiver.c) */
    hogo_engine_stats stats;   /* when opt.profile */
    screen_run *run;           /* the plan being screened, for ctx.report */
    size_t cur_rule;           /* index of the rule running */
};

/* engine.c */
void eng_error(hogo_engine *e, hogo_status code, const char *fmt, ...);
void eng_lua_error(hogo_engine *e, const char *file, const char *lua_message);
eng_rule *eng_add_rule(hogo_engine *e);
void eng_free_strv(char **v, size_t n);
/* s folded as `needs` words are compared (screen.c): full-width forms as
 * hogo_normalize folds them, then ASCII letters to lower case.  Malloc'd,
 * NUL-terminated, *outlen bytes; NULL when out of memory. */
char *screen_fold(const char *s, size_t len, size_t *outlen);

/* sandbox.c */
int  sbx_open(hogo_engine *e);                       /* 1 ok */
void sbx_close(hogo_engine *e);
void sbx_push_env(hogo_engine *e);                   /* fresh globals over the shared read-only base */
int  sbx_load_lib(hogo_engine *e, const char *file, const char *text, size_t len, int *ref);
/* Push the plan's read-only tables, built with at most limit bytes; 0 (and
 * nothing pushed) when they would need more. */
int  sbx_push_plan(hogo_engine *e, const void *cjson_root, size_t limit);
/* Run the function on top of the stack with nargs below it, under the rule
 * budgets.  Returns LUA_OK or an error status with the message left in msg. */
int  sbx_call_budgeted(hogo_engine *e, int nargs, int nresults, char *msg, size_t msglen, int *line);
/* The lua_CFunction that runs a rule on one plan: (chunk, plan, ctx) ->
 * the rule file runs again in a fresh environment, then its check(). */
int  sbx_rule_entry(lua_State *L);
/* The same for a rule with a reset list: (check, list, plan, ctx) -> its
 * upvalues set back to their load values, fresh globals, then check(). */
int  sbx_check_entry(lua_State *L);
/* Push the reset list of check() at fidx, loaded in the environment at
 * eidx, and return 1; 0 (nothing pushed) when check() can reach state that
 * only running its file again renews. */
int  sbx_reset_list(lua_State *L, int fidx, int eidx);
/* JSON pointer of a plan table at idx (+ optional key at kidx, 0 = none). */
void sbx_path(lua_State *L, int idx, strbuf *b);
void sbx_path_part(lua_State *L, int idx, strbuf *b);
int  sbx_is_null(lua_State *L, int idx);
/* Charge n units of a C loop to the running rule's instruction budget
 * (raises when it is spent). */
void sbx_charge(lua_State *L, lua_Unsigned n);
/* Push a userdata holding an empty strbuf that is freed when collected:
 * C buffers that Lua calls may outlive (an error unwinding past them). */
strbuf *sbx_box(lua_State *L);
size_t  sbx_memory_left(lua_State *L);   /* of the running rule's memory budget */
/* Push a deep read-only copy of the value at idx (hogo.freeze). */
void sbx_freeze(lua_State *L, int idx, int in_place);   /* see hogo.freeze */

/* The engine a Lua state belongs to; mark the running rule as stopped by a
 * budget (no pcall of the rule catches it any more). */
hogo_engine *sbx_engine(lua_State *L);
void sbx_abort(lua_State *L, hogo_engine *e, const char *why);

/* hogo_lib.c: push the table of hogo.* helpers */
void hl_push(lua_State *L);

/* screen.c (called by the Lua helper ctx.report) */
int  screen_report(lua_State *L);
#endif
