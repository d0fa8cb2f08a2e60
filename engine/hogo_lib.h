/* hogo_lib.h -- the `hogo` table of helpers every rule sees (hogo_lib.c). */
#ifndef HOGO_HOGO_LIB_H
#define HOGO_HOGO_LIB_H
#include "hogo.h"
#include "regex.h"

#include <lua.h>

/* Push a new table of the helpers; they read the engine (rule look-ups)
 * and its regex cache.  The engine hands it to the sandbox (sbx_set_hogo). */
void hl_push(lua_State *L, hogo_engine *e, rx_cache *rx);
#endif
