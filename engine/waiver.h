/* waiver.h -- who may waive a finding (wv_ prefix; docs/cli.md, "Waivers").
 *
 * A plan's own `waivers` are requests (「適用除外の申出」): a department cannot
 * accept its own risks.  A finding is waived only from the secretariat's side:
 * a waiver the engine was given (hogo_engine_add_waiver: the configuration,
 * a waiver file), or a plan's waiver whose approved_by names an approver the
 * engine was given (hogo_engine_add_approver). */
#ifndef HOGO_WAIVER_H
#define HOGO_WAIVER_H
#include "hogo.h"

typedef struct wv_set wv_set;

void wv_free(wv_set *w);
/* 1 when name (trimmed of white space) is one of the approvers. */
int wv_approver(const wv_set *w, const char *name);
/* The i-th waiver of the secretariat for the plan with this id (NULL when
 * there is no more); id NULL matches none. */
const hogo_waiver *wv_for_plan(const wv_set *w, const char *id, size_t *i);
#endif
