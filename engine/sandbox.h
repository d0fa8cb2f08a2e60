/* sandbox.h -- the Lua state rules run in (sbx_ prefix): what a rule can
 * reach, the budgets it runs under, its environments, the plan handed to
 * it read-only.  The sandbox knows nothing of the engine above it: the
 * engine opens one, hands it the `hogo` table and the pack's libraries,
 * and calls rules through it.  The code is in six files:
 *   sandbox.c     the state, the allocator, the budgets, protected calls
 *   sbx_stdlib.c  the standard functions a rule gets, wrapped where a C
 *                 loop the rule sizes would escape the budgets
 *   sbx_data.c    read-only tables: the plan's proxies, frozen copies,
 *                 JSON pointers of plan tables, C buffers Lua may outlive
 *   sbx_env.c     rule and library environments, and running a rule on
 *                 one plan with no state kept from the plan before
 *   sbx_watch.c   the watchdog that arms the count hook on a rule call
 *                 that runs past a grace period
 *   sbx_pool.c    the allocator's pool of small blocks */
#ifndef HOGO_SANDBOX_H
#define HOGO_SANDBOX_H
#include "strbuf.h"

#include <lua.h>
#include <lauxlib.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>

/* The pool of the state's small blocks (sbx_pool.c): classes of
 * SBX_POOL_STEP bytes up to SBX_POOL_MAX, each a free list. */
#define SBX_POOL_STEP    16
#define SBX_POOL_MAX     256
#define SBX_POOL_CLASSES (SBX_POOL_MAX / SBX_POOL_STEP)
typedef struct sbx_pool {
    void *free[SBX_POOL_CLASSES];  /* class c holds blocks of (c + 1) * SBX_POOL_STEP bytes */
    char *bump[SBX_POOL_CLASSES], *bump_end[SBX_POOL_CLASSES];   /* each class's page, its uncarved blocks */
    char *cut, *cut_end;           /* the pages of the newest chunk not handed out yet */
    size_t live;                   /* bytes of blocks handed out, rounded up to their class */
    size_t page_bytes;             /* bytes of the pages handed to classes */
    size_t trim_at;                /* free bytes (page_bytes - live) that start a trim */
    void **chunks, **spare;        /* the chunks mapped; pages given back, to reuse */
    size_t n_chunks, cap_chunks, n_spare, cap_spare;
} sbx_pool;

typedef struct sbx_state {
    lua_State *L;
    uint64_t rule_instructions;  /* the instruction budget of a call */
    size_t rule_memory;        /* the memory budget of a call */
    size_t mem_used;           /* bytes the Lua state holds now */
    size_t mem_limit;          /* 0 = no cap (engine work); set while a rule runs */
    size_t gc_floor;           /* mem_used after the last full collection (sbx_push_plan) */
    int in_build, build_refused;   /* building the plan's tables; the budget refused once */
    uint64_t instr;            /* VM instructions the running rule used */
    int aborting;              /* a budget was hit: no pcall in the rule may catch it */
    const char *abort_why;
    /* security: where a budget was hit, when Lua's message has no position
     * (hook, allocator) */
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
    /* the count hook of the running call: armed late, by the watchdog
     * (sbx_watch.c) from a signal handler on this thread, or at once when
     * exact (HOGO_EXACT_INSTRUCTIONS) */
    volatile sig_atomic_t hook_armed;
    int exact_instructions;
    /* the CPU-time backstop of the instruction budget (work done inside C
     * calls that the hook cannot count), from the moment the hook is armed */
    uint64_t deadline_ns, cpu_start_ns;
    /* the hook's step, fitted to how long a step takes (sbx_hook) */
    int hook_step;
    uint64_t hook_last_ns;
    int base_stale;            /* a global was added since the rules' base was built */
    const void *base_ptr;      /* the rules' base (sbx_env.c), compared by identity */
    const char *name_G;        /* "_G", interned for good (sbx_env.c) */
    int cow_written;           /* the running rule wrote into a guarded constant (sbx_guard) */
    const void *null_table;    /* sbx_data.c: the JSON null sentinel, by address (sbx_is_null) */
    sbx_pool pool;             /* the allocator's small blocks (sbx_pool.c) */
} sbx_state;

/* ---- sandbox.c ---- */
/* Open the state (rule_instructions and rule_memory set by the caller
 * first); 1 ok.  sbx_close frees it. */
int  sbx_open(sbx_state *s);
void sbx_close(sbx_state *s);
/* The state a Lua state belongs to. */
sbx_state *sbx_get(lua_State *L);
/* Run the function on top of the stack with nargs below it, under the rule
 * budgets.  Returns LUA_OK or an error status with the message left in msg
 * (and the line in *line). */
int  sbx_call_budgeted(sbx_state *s, int nargs, int nresults, char *msg, size_t msglen, int *line);
/* Charge n units of a C loop to the running rule's instruction budget
 * (raises when it is spent). */
void sbx_charge(lua_State *L, lua_Unsigned n);
/* Mark the running rule as stopped by a budget (no pcall of the rule
 * catches it any more). */
void sbx_abort(lua_State *L, const char *why);
size_t sbx_memory_left(lua_State *L);   /* of the running rule's memory budget */

/* ---- sbx_stdlib.c ---- */
/* Push the prototype environment: the standard functions and tables a
 * rule may use, wrapped (called once, by sbx_open). */
void sbx_push_stdlib(lua_State *L);

/* ---- sbx_data.c ---- */
void sbx_data_open(lua_State *L);       /* the registry entries below (by sbx_open) */
/* Push the plan's read-only tables, built with at most limit bytes; 0 (and
 * nothing pushed) when they would need more. */
int  sbx_push_plan(sbx_state *s, const void *cjson_root, size_t limit);
/* Push a deep read-only copy of the value at idx (hogo.freeze). */
void sbx_freeze(lua_State *L, int idx, int in_place);
int  sbx_freeze_fn(lua_State *L);       /* (t) -> a deep read-only copy of t */
/* Make the fresh table at idx, whose values are all immutable already,
 * read-only in place (no walk): tables the engine builds for rules. */
void sbx_seal(lua_State *L, int idx);
/* The same for many tables in a row: sbx_push_seal_kit pushes the
 * metatable's names and values once (SBX_SEAL_KIT stack slots; returns the
 * index of the first) and sbx_seal_kit seals the table at idx with them --
 * the same metatable as sbx_seal's, without a look-up of its names each. */
#define SBX_SEAL_KIT 10
int  sbx_push_seal_kit(lua_State *L);
void sbx_seal_kit(lua_State *L, int idx, int kit);
int  sbx_is_readonly(lua_State *L, int idx);
int  sbx_is_null(lua_State *L, int idx);
void sbx_push_null(lua_State *L);
/* JSON pointer of a plan table at idx (+ optional key part). */
void sbx_path(lua_State *L, int idx, strbuf *b);
void sbx_path_part(lua_State *L, int idx, strbuf *b);
/* Push a userdata holding an empty strbuf that is freed when collected:
 * C buffers that Lua calls may outlive (an error unwinding past them). */
strbuf *sbx_box(lua_State *L);

/* ---- sbx_env.c ---- */
/* The `hogo` table (popped) every rule and library sees, read-only. */
void sbx_set_hogo(sbx_state *s);
/* A global of every rule (popped): the pack's libraries. */
void sbx_add_global(sbx_state *s, const char *name);
void sbx_push_env(sbx_state *s);       /* fresh globals over the shared read-only base */
void sbx_push_lib_env(sbx_state *s);   /* the same over a base without the pack's libraries */
/* The lua_CFunction that runs a rule on one plan: (chunk, plan, ctx) ->
 * the rule file runs again in a fresh environment, then its check(). */
int  sbx_rule_entry(lua_State *L);
/* For a rule with a reset list: push its check() (registry check_ref) with
 * its upvalues set back to their load values (reset_ref) and its _ENV to
 * its environment for this plan (sbx_push_rule_env), to be called with
 * (plan, ctx) through sbx_call_budgeted. */
void sbx_push_check(sbx_state *s, int check_ref, int reset_ref, int *env_ref);
/* Push a rule's environment for one plan, in constant time (*ref keeps it
 * between plans; LUA_NOREF at first). */
void sbx_push_rule_env(sbx_state *s, int *ref);
/* Push the reset list of check() at fidx, loaded in the environment at
 * eidx, and return 1; 0 (nothing pushed) when check() can reach state that
 * only running its file again renews. */
int  sbx_reset_list(lua_State *L, int fidx, int eidx);
#endif
