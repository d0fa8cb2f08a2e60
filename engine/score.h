/* score.h -- the concern score and the verdict (score_ prefix).  See
 * docs/scoring.md: the score only adds weights of unwaived findings, so
 * removing the cause of a finding can never raise it. */
#ifndef HOGO_SCORE_H
#define HOGO_SCORE_H
#include "hogo.h"

int  score_weight(hogo_severity s);
/* Fill r->score, r->verdict and r->by_severity from r->findings. */
void score_result(hogo_result *r);
#endif
