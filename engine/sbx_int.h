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
#endif
