/* sandbox.c -- the Lua state rules run in (sbx_ prefix; the files of the
 * sandbox are listed in sandbox.h).  This one holds the state itself, its
 * budgets and the protected calls that enforce them.
 *
 * One lua_State per engine.  What a rule can reach is decided by the
 * sandbox:
 * - only base (trimmed), string, table, math and utf8 are opened, never
 *   io/os/package/debug, and load/require/dofile/collectgarbage are absent
 *   (sbx_stdlib.c);
 * - each rule gets new globals for every plan (and at load), reading
 *   through to one shared read-only base (the standard tables, hogo, the
 *   pack's libraries), and the string metatable is locked, so no rule can
 *   change what another rule calls, nor keep anything from plan to plan
 *   (sbx_env.c);
 * - a counting allocator caps memory and a count hook caps instructions
 *   while a rule runs, the hook armed once the call has run a grace period
 *   (sbx_watch.c); a rule's pcall cannot swallow a budget error (here);
 * - the plan is handed over as read-only proxies built once per plan,
 *   under a memory budget of their own (sbx_data.c).
 * Lua patterns (string.find & co.) backtrack inside C where no hook can stop
 * them, so rules get them only for plain text; regexes go through PCRE2. */
#include "sandbox.h"
#include "sbx_int.h"
#include "hogo_limits.h"

#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ThreadSanitizer holds an asynchronous signal back until the thread
 * next enters the C library, which a pure Lua loop never does: under it
 * the hook is armed at every call's start (exact counting), while the
 * watchdog still runs, signals and is checked for races. */
#if defined(__SANITIZE_THREAD__)
#define SBX_WD_DEFERRED_SIGNALS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SBX_WD_DEFERRED_SIGNALS 1
#endif
#endif
#ifndef SBX_WD_DEFERRED_SIGNALS
#define SBX_WD_DEFERRED_SIGNALS 0
#endif

static const char SBX_STATE = 'e';      /* registry: the state, as light userdata */

sbx_state *sbx_get(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SBX_STATE);
    sbx_state *e = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return e;
}

/* ---- budgets ---- */

/* The line of the running rule's own file that the stack passes through
 * from level on (the call into a library that then failed).  Reads only. */
static void sbx_note_rule_line(lua_State *L, sbx_state *e, int level)
{
    lua_Debug ar;
    if (e->fail_rule_line || !e->rule_source) return;
    for (; L && level < 64 && lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@' &&
            strcmp(ar.source + 1, e->rule_source) == 0) {
            e->fail_rule_line = ar.currentline;
            return;
        }
}

/* security: the line of the innermost Lua function running now (level 0 is
 * the running function inside a hook, a C function elsewhere), for budget
 * errors raised where Lua's message carries no position, with its chunk
 * (the full name: a library's, when the budget ran out inside one).  Reads
 * only: safe inside the allocator. */
static int sbx_current_line(lua_State *L, char where[512])
{
    lua_Debug ar;
    for (int level = 0; L && level < 32 && lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            snprintf(where, 512, "%s", ar.source[0] == '@' ? ar.source + 1 : ar.short_src);
            sbx_note_rule_line(L, sbx_get(L), level);
            return ar.currentline;
        }
    return 0;
}

/* security: mark the running rule as stopped by a budget: from now on no
 * pcall/xpcall of the rule catches anything (see sbx_pcall_k). */
static void sbx_abort_state(lua_State *L, sbx_state *e, const char *why)
{
    if (!e->abort_line) e->abort_line = sbx_current_line(L, e->abort_where);
    e->aborting = 1;
    e->abort_why = why;
}

void sbx_abort(lua_State *L, const char *why)
{
    sbx_abort_state(L, sbx_get(L), why);
}

static int sbx_memory_refused(const sbx_state *e)
{
    return e->abort_why && strcmp(e->abort_why, "memory budget") == 0;
}

/* The allocator's blocks: up to SBX_POOL_LIMIT bytes from the state's pool
 * (sbx_pool.c), larger ones from malloc.  Lua names the size of every block
 * it frees or resizes, which tells which of the two holds it.  Under
 * AddressSanitizer every block is malloc's, so that it still sees Lua's. */
#if defined(__SANITIZE_ADDRESS__)
#define SBX_POOL_LIMIT 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SBX_POOL_LIMIT 0
#endif
#endif
#ifndef SBX_POOL_LIMIT
#define SBX_POOL_LIMIT SBX_POOL_MAX
#endif
#if defined(__GNUC__)
#define SBX_NOINLINE __attribute__((noinline))
#else
#define SBX_NOINLINE
#endif

/* The class of a block of 1..SBX_POOL_MAX bytes (masked: with the pool
 * off, the compiler sees the dead code index past the array). */
static inline unsigned sbx_class(size_t n) { return (unsigned)((n - 1) / SBX_POOL_STEP) & (SBX_POOL_CLASSES - 1); }

static inline void *sbx_take(sbx_pool *p, size_t n)
{
    if (n > SBX_POOL_LIMIT) return malloc(n);
    unsigned c = sbx_class(n);
    void *b = p->free[c];
    if (!b) return sbx_pool_carve(p, c);
    p->free[c] = *(void **)b;
    p->live += ((size_t)c + 1) * SBX_POOL_STEP;
    return b;
}

/* A block of n bytes back to where it came from; a pool whose free blocks
 * passed its mark, and are more than its live ones (a large plan's tables
 * collected, not the ebb and flow of a plan's garbage), gives empty slabs
 * back (sbx_pool_trim). */
static inline void sbx_release(sbx_pool *p, void *b, size_t n)
{
    if (n > SBX_POOL_LIMIT) {
        free(b);
        return;
    }
    unsigned c = sbx_class(n);
    *(void **)b = p->free[c];
    p->free[c] = b;
    p->live -= ((size_t)c + 1) * SBX_POOL_STEP;
    size_t idle = p->page_bytes - p->live;
    if (idle > p->trim_at && idle > p->live) sbx_pool_trim(p);
}

/* Lua's realloc: a block that stays in its class stays where it is; one
 * that moves between pool and malloc is copied. */
static void *sbx_resize(sbx_pool *p, void *ptr, size_t old, size_t n)
{
    if (!ptr) return sbx_take(p, n);
    if (old > SBX_POOL_LIMIT && n > SBX_POOL_LIMIT) return realloc(ptr, n);
    if (old <= SBX_POOL_LIMIT && n <= SBX_POOL_LIMIT && sbx_class(old) == sbx_class(n)) return ptr;
    void *b = sbx_take(p, n);
    if (!b) return NULL;
    memcpy(b, ptr, old < n ? old : n);
    sbx_release(p, ptr, old);
    return b;
}

/* The allocator counts every byte; while a rule runs, mem_limit caps it.
 * Refusing lets Lua run an emergency collection and then raise a memory
 * error, which the rule cannot catch (see sbx_pcall).
 * security: lauxlib's buffers (string.rep, table.concat, string.format)
 * turn a refusal into an ordinary error that a pcall could catch, so the
 * refusal itself is noted; sbx_pcall_k then lets no error through after it.
 * (A rule that Lua's emergency collection rescued at its cap and that later
 * catches an unrelated error is stopped as over its memory budget too.) */
static SBX_NOINLINE void *sbx_alloc_any(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sbx_state *e = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        if (ptr) sbx_release(&e->pool, ptr, old);
        e->mem_used -= old;
        return NULL;
    }
    if (nsize > old && e->mem_limit && (e->build_refused || e->mem_used + (nsize - old) > e->mem_limit)) {
        /* the plan's build stops at its first refusal: Lua's emergency
         * collection after each refusal, with a large heap at its limit,
         * would otherwise thrash for minutes (sbx_push_plan) */
        if (e->in_build) e->build_refused = 1;
        if (!e->abort_why) {
            e->abort_why = "memory budget";
            e->abort_line = sbx_current_line(e->L, e->abort_where);
        }
        return NULL;
    }
    void *p = sbx_resize(&e->pool, ptr, old, nsize);
    if (!p) return NULL;
    e->mem_used = e->mem_used - old + nsize;
    return p;
}

/* Nearly every call: a small block freed (no trim due), or a new small one
 * whose class has a free block, within the budget.  Done here, with no
 * call, as sbx_alloc_any would do it; all else goes there (the registers
 * that its calls need saving were a third of the allocator's time). */
static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sbx_state *e = ud;
    sbx_pool *p = &e->pool;
    if (ptr && nsize == 0 && osize <= SBX_POOL_LIMIT) {
        unsigned c = sbx_class(osize);
        size_t live = p->live - ((size_t)c + 1) * SBX_POOL_STEP, idle = p->page_bytes - live;
        if (idle <= p->trim_at || idle <= live) {
            *(void **)ptr = p->free[c];
            p->free[c] = ptr;
            p->live = live;
            e->mem_used -= osize;
            return NULL;
        }
    } else if (!ptr && nsize && nsize <= SBX_POOL_LIMIT) {
        unsigned c = sbx_class(nsize);
        void *b = p->free[c];
        if (b && !(e->mem_limit && (e->build_refused || e->mem_used + nsize > e->mem_limit))) {
            p->free[c] = *(void **)b;
            p->live += ((size_t)c + 1) * SBX_POOL_STEP;
            e->mem_used += nsize;
            return b;
        }
    }
    return sbx_alloc_any(ud, ptr, osize, nsize);
}

static uint64_t sbx_clock_ns(clockid_t clk)
{
    struct timespec ts;
    if (clock_gettime(clk, &ts) != 0) return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* security: the CPU time the instruction budget allows: 1 s per 10 million
 * instructions, at least 2 s (5 s by default).  Pure Lua needs a tenth of
 * that; only work inside C calls (s:upper() of megabytes in a loop) gets
 * near it, and the count hook alone cannot see such work. */
static uint64_t sbx_cpu_limit_ns(const sbx_state *e)
{
    uint64_t s = e->rule_instructions / HOGO_CPU_INSTR_PER_SECOND;
    return (s < HOGO_MIN_RULE_CPU_SECONDS ? HOGO_MIN_RULE_CPU_SECONDS : s) * 1000000000u;
}

/* Raise the instruction budget's error at the running line. */
static int sbx_instr_error(lua_State *L, sbx_state *e, int cpu)
{
    sbx_abort_state(L, e, "instruction budget");
    luaL_where(L, 0);
    if (cpu)
        lua_pushfstring(L, "instruction budget of %I exceeded (--rule-instructions): more than %d s of CPU, "
                           "mostly inside library calls", (lua_Integer)e->rule_instructions,
                        (int)(sbx_cpu_limit_ns(e) / 1000000000u));
    else
        lua_pushfstring(L, "instruction budget of %I exceeded (--rule-instructions)",
                        (lua_Integer)e->rule_instructions);
    lua_concat(L, 2);
    return lua_error(L);
}

static void sbx_hook(lua_State *L, lua_Debug *ar);

/* A step no longer than the budget left, so the hook runs again at the
 * budget's very instruction, not up to a step past it.  Plain arithmetic:
 * also called from the watchdog's signal handler (sbx_arm_hook). */
static int sbx_step_cap(const sbx_state *e, int step)
{
    if (e->instr >= e->rule_instructions) return step;
    uint64_t left = e->rule_instructions - e->instr + 1;
    return (uint64_t)step > left ? (int)left : step;
}

/* Fit the hook's step to the time the last one took (hogo_limits.h,
 * HOGO_HOOK_SLICE_NS): the CPU clock is looked at in sbx_hook, so a step
 * of a thousand heavy C calls would see the limit seconds late. */
static void sbx_fit_step(lua_State *L, sbx_state *e, uint64_t now)
{
    uint64_t took = now > e->hook_last_ns ? now - e->hook_last_ns : 0;
    int step = e->hook_step;
    e->hook_last_ns = now;
    if (took > HOGO_HOOK_SLICE_NS) {
        step = (int)((uint64_t)step * HOGO_HOOK_SLICE_NS / took);
        if (step < 1) step = 1;
    }
    else if (took < HOGO_HOOK_SLICE_NS / 2 && step < HOGO_HOOK_STEP)
        step = step * 2 > HOGO_HOOK_STEP ? HOGO_HOOK_STEP : step * 2;
    step = sbx_step_cap(e, step);
    if (step == e->hook_step) return;
    e->hook_step = step;
    lua_sethook(L, sbx_hook, LUA_MASKCOUNT, step);
}

/* The count hook, once armed: it counts the instructions and watches the
 * CPU clock, counted from the moment the hook was armed (sbx_arm_hook).
 * The thread's CPU clock is a system call, so it is read again only when
 * the wall clock says the limit may have passed (CPU time cannot outrun
 * wall time on one thread; a stopped process's pause is not counted). */
static void sbx_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    sbx_state *e = sbx_get(L);
    e->instr += (uint64_t)e->hook_step;
    if (e->instr > e->rule_instructions) sbx_instr_error(L, e, 0);
    uint64_t now = sbx_clock_ns(CLOCK_MONOTONIC);
    sbx_fit_step(L, e, now);
    if (now > e->deadline_ns) {
        uint64_t cpu = sbx_clock_ns(CLOCK_THREAD_CPUTIME_ID), lim = sbx_cpu_limit_ns(e);
        uint64_t used = cpu > e->cpu_start_ns ? cpu - e->cpu_start_ns : 0;
        if (used > lim) sbx_instr_error(L, e, 1);
        e->deadline_ns = now + (lim - used);
    }
}

/* security: arm the count hook of the call running on this thread, and
 * start its CPU clock.  Called from the watchdog's signal handler on this
 * very thread (sbx_watch.c), or at the call's start: lua_sethook is made
 * to be called asynchronously from a signal handler, clock_gettime is
 * async-signal-safe, the flag is a sig_atomic_t.  (The CPU is read here,
 * not at the hook's first run: a loop of heavy C calls can take long to
 * run even HOGO_HOOK_FIRST_STEP instructions.) */
void sbx_arm_hook(sbx_state *e)
{
    if (e->hook_armed) return;
    e->cpu_start_ns = sbx_clock_ns(CLOCK_THREAD_CPUTIME_ID);
    e->hook_last_ns = sbx_clock_ns(CLOCK_MONOTONIC);
    e->deadline_ns = e->hook_last_ns + sbx_cpu_limit_ns(e);
    e->hook_step = sbx_step_cap(e, HOGO_HOOK_FIRST_STEP);
    e->hook_armed = 1;
    lua_sethook(e->L, sbx_hook, LUA_MASKCOUNT, e->hook_step);
}

/* security: charge n units of work that a C function does in one call (a
 * loop the count hook cannot interrupt) to the instruction budget, before
 * the work is done.  Charges count from the call's start, armed hook or
 * not, and one that passes the budget stops the rule here and now. */
void sbx_charge(lua_State *L, lua_Unsigned n)
{
    sbx_state *e = sbx_get(L);
    uint64_t left = e->instr < e->rule_instructions ? e->rule_instructions - e->instr : 0;
    if ((uint64_t)n > left) sbx_instr_error(L, e, 0);
    e->instr += n;
}

/* pcall/xpcall for rules: as Lua's, except that a budget error passes
 * through, or a rule could catch it and loop forever. */
static int sbx_pcall_k(lua_State *L, int status, int errfunc)
{
    sbx_state *e = sbx_get(L);
    if (status == LUA_ERRMEM || e->aborting || (status != LUA_OK && sbx_memory_refused(e))) {
        if (!e->aborting) sbx_abort_state(L, e, "memory budget");
        return lua_error(L);
    }
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, errfunc + 1);
    return lua_gettop(L) - errfunc;
}

int sbx_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    return sbx_pcall_k(L, status, 0);
}

/* security: xpcall's handler is the rule's code, and when the error is a
 * budget's raised by the count hook, Lua runs the handler inside the hook,
 * where no hook fires: a handler that loops would never be stopped.  So the
 * rule's handler is wrapped, and skipped once a budget was hit. */
static int sbx_xpcall_msgh(lua_State *L)
{
    sbx_state *e = sbx_get(L);
    if (e->aborting || sbx_memory_refused(e)) return 1;    /* the error as it is */
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

int sbx_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);            /* f */
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, sbx_xpcall_msgh, 1);   /* msgh, wrapped */
    lua_replace(L, 1);              /* msgh f args... */
    lua_replace(L, 2);
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
    return sbx_pcall_k(L, status, 1);
}

/* The memory budget's error, raised before the allocation is attempted. */
int sbx_memory_error(lua_State *L, sbx_state *e)
{
    sbx_abort_state(L, e, "memory budget");
    return luaL_error(L, "memory budget of %I bytes exceeded (--rule-memory)", (lua_Integer)e->rule_memory);
}

/* Bytes left of the running rule's memory budget (SIZE_MAX when none). */
size_t sbx_memory_left(lua_State *L)
{
    sbx_state *e = sbx_get(L);
    if (!e->mem_limit) return (size_t)-1;
    return e->mem_limit > e->mem_used ? e->mem_limit - e->mem_used : 0;
}

/* Note the chunk of the position the message names ("x.lua:12: ..."):
 * the frame from level on whose short name and line are the message's
 * (error(msg, 2) names the caller's), else the first Lua frame. */
static void sbx_note_where(lua_State *L, sbx_state *e, int level, const char *m)
{
    lua_Debug ar;
    const char *colon = m ? strstr(m, ".lua:") : NULL;
    int line = colon ? atoi(colon + 5) : 0;
    size_t n = colon ? (size_t)(colon + 4 - m) : 0;
    int first = 1;
    for (; level < 64 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
        int named = line && ar.currentline == line && strlen(ar.short_src) == n && strncmp(ar.short_src, m, n) == 0;
        if (named || first) {
            snprintf(e->err_where, sizeof e->err_where, "%s", ar.source[0] == '@' ? ar.source + 1 : ar.short_src);
            e->err_line = ar.currentline;
            if (named) break;
            first = 0;
        }
    }
    sbx_note_rule_line(L, e, 1);
}

/* Message handler: keep the error text, note where it came from.
 * security: an error raised inside a library call (table.insert into the
 * plan, pcall(ctx.report, ...)) has no position in Lua's message: the line
 * of the innermost Lua function is added, so every rule error names one. */
static int sbx_msgh(lua_State *L)
{
    if (!lua_isstring(L, 1)) {
        luaL_tolstring(L, 1, NULL);
        lua_replace(L, 1);
    }
    sbx_state *e = sbx_get(L);
    lua_Debug ar;
    for (int level = 1; level < 32 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
        if (!e->abort_line) {
            e->abort_line = ar.currentline;
            snprintf(e->abort_where, sizeof e->abort_where, "%s", ar.source[0] == '@' ? ar.source + 1 : ar.short_src);
        }
        size_t n = strlen(ar.short_src);
        const char *m = lua_tostring(L, 1);
        if (strncmp(m, ar.short_src, n) != 0 || m[n] != ':') {
            lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, m);
            lua_replace(L, 1);
        }
        sbx_note_where(L, e, level, lua_tostring(L, 1));
        break;
    }
    lua_settop(L, 1);
    return 1;
}

int sbx_call_budgeted(sbx_state *e, int nargs, int nresults, char *msg, size_t msglen, int *line)
{
    lua_State *L = e->L;
    /* the message handler sbx_open left at the bottom of the stack, or,
     * when called elsewhere than on the state's own frame, one pushed */
    int own = lua_tocfunction(L, 1) != sbx_msgh, fn = own ? lua_gettop(L) - nargs : 1;
    if (own) {
        lua_pushcfunction(L, sbx_msgh);
        lua_insert(L, fn);
    }
    e->instr = 0;
    e->aborting = 0;
    e->abort_why = NULL;
    e->err_line = e->fail_rule_line = 0;
    e->err_where[0] = e->fail_where[0] = '\0';
    e->abort_line = 0;
    e->mem_limit = e->mem_used + e->rule_memory;
    /* security: no hook while the call is young (sbx_watch.c), unless
     * exact counting was asked for or there is no watchdog */
    int late = !e->exact_instructions && sbx_wd_enter(e);
    if (!late || SBX_WD_DEFERRED_SIGNALS) sbx_arm_hook(e);
    int st = lua_pcall(L, nargs, nresults, fn);
    if (late) sbx_wd_leave();
    if (e->hook_armed) {
        lua_sethook(L, NULL, 0, 0);
        e->hook_armed = 0;
    }
    e->mem_limit = 0;
    *line = 0;
    if (st != LUA_OK) {
        const char *m = lua_tostring(L, -1);
        /* security: a memory refusal counts when it stopped the rule (it
         * was not caught) or was raised as lauxlib's plain error */
        int mem = st == LUA_ERRMEM ||
                  (sbx_memory_refused(e) && (e->aborting || (m && strcmp(m, "not enough memory") == 0)));
        if (mem && e->abort_line > 0)
            snprintf(msg, msglen, "%s:%d: memory budget of %zu bytes exceeded (--rule-memory)",
                     e->abort_where, e->abort_line, e->rule_memory);
        else if (mem)
            snprintf(msg, msglen, "memory budget of %zu bytes exceeded (--rule-memory)", e->rule_memory);
        else
            snprintf(msg, msglen, "%s", m ? m : "error");
        /* "file.lua:12: text" -> line 12 */
        const char *c = m ? strstr(m, ".lua:") : NULL;
        if (c) *line = atoi(c + 5);
        if (*line && *line == e->err_line) snprintf(e->fail_where, sizeof e->fail_where, "%s", e->err_where);
        if ((e->aborting || mem || !*line) && e->abort_line > 0) {
            *line = e->abort_line;
            snprintf(e->fail_where, sizeof e->fail_where, "%s", e->abort_where);
        }
        lua_pop(L, 1);
    }
    if (own) lua_remove(L, fn);
    return st;
}

/* ---- opening and closing ---- */

int sbx_open(sbx_state *e)
{
    sbx_pool_init(&e->pool);
    lua_State *L = lua_newstate(sbx_alloc, e);     /* e is the allocator's userdata: sbx_data.c's sbx_of reads it */
    if (!L) {
        sbx_pool_free(&e->pool);
        return 0;
    }
    e->L = L;
    /* exact counting: the hook from a call's first instruction
     * (docs/security.md, "Lua instructions") */
    const char *exact = getenv("HOGO_EXACT_INSTRUCTIONS");
    e->exact_instructions = exact && *exact && strcmp(exact, "0") != 0;
    lua_pushlightuserdata(L, e);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SBX_STATE);
    /* only these libraries; never luaL_openlibs */
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 5);
    sbx_data_open(L);
    sbx_push_stdlib(L);
    sbx_env_open(e);                /* keeps the prototype environment */
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
    /* a generational collector suits "build a plan, drop it"; its major
     * collection runs once the old generation has grown by a quarter (Lua's
     * default, double, let a worker's heap creep up over a long batch:
     * 12.3 -> 14.4 MiB from 2,000 to 10,000 plans with -j 1; 12.3 -> 12.9
     * MiB so, for 2 % more instructions) */
    lua_gc(L, LUA_GCGEN, 0, 25);
    /* the message handler of every budgeted call, kept at the bottom of
     * the stack (a push and two stack rotations per rule call saved) */
    lua_settop(L, 0);
    lua_pushcfunction(L, sbx_msgh);
    return 1;
}

void sbx_close(sbx_state *e)
{
    if (e->L) lua_close(e->L);
    e->L = NULL;
    sbx_pool_free(&e->pool);
}
