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
/* sbx_env.c: keep the prototype environment (popped) of a new state. */
void sbx_env_open(sbx_state *s);
/* sbx_data.c: guard the plain table at idx for a rule (pushed; memo maps
 * tables already guarded); 1 (and the table behind it pushed) when the
 * table at idx is a guard. */
void sbx_guard(lua_State *L, int idx, int memo);
int  sbx_guarded(lua_State *L, int idx);
#endif
