/* sbx_int.h -- what the sandbox's own files (sandbox.h) share and nothing
 * else calls. */
#ifndef HOGO_SBX_INT_H
#define HOGO_SBX_INT_H
#include "sandbox.h"

/* sandbox.c: pcall and xpcall for rules (a budget error passes through),
 * and the memory budget's error, raised before an allocation. */
int  sbx_pcall(lua_State *L);
int  sbx_xpcall(lua_State *L);
int  sbx_memory_error(lua_State *L, sbx_state *s);
/* sandbox.c: arm the count hook of the running call (async-signal-safe). */
void sbx_arm_hook(sbx_state *s);
/* sbx_watch.c: a rule call starts on this thread (1: the watchdog will arm
 * its hook if it runs past the grace period; 0: no watchdog, arm it now);
 * and, after a 1, the call has ended. */
int  sbx_wd_enter(sbx_state *s);
void sbx_wd_leave(void);
/* sbx_env.c: getmetatable/setmetatable were given the table at idx: when
 * it is a rule's environment, it gets a fresh one on its next plan. */
void sbx_mark_env(lua_State *L, int idx);
/* sbx_env.c: keep the prototype environment (popped) of a new state. */
void sbx_env_open(sbx_state *s);
/* sbx_data.c: guard the plain table at idx for a rule (pushed; memo maps
 * tables already guarded); 1 (and the table behind it pushed) when the
 * table at idx is a guard. */
void sbx_guard(lua_State *L, int idx, int memo);
int  sbx_guarded(lua_State *L, int idx);
/* sbx_pool.c: the pool of small blocks, its slow paths (a block carved
 * from a slab, the return of empty slabs); sandbox.c has the fast ones. */
void  sbx_pool_init(sbx_pool *p);
void  sbx_pool_free(sbx_pool *p);
void *sbx_pool_carve(sbx_pool *p, unsigned c);
void  sbx_pool_trim(sbx_pool *p);
#endif
