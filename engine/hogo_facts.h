/* hogo_facts.h -- facts about a plan the rule pack's libraries work out
 * once per plan, done in C (hogo_facts.c); registered in the `hogo` table. */
#ifndef HOGO_HOGO_FACTS_H
#define HOGO_HOGO_FACTS_H
#include <lua.h>

/* Add the facts' functions to the table on top of the stack. */
void hf_open(lua_State *L);
#endif
