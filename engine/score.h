/* score.h -- the concern score and the verdict (score_ prefix).  See
 * docs/scoring.md: every unwaived finding can only add to the score, so
 * removing the cause of a finding can never raise it. */
#ifndef HOGO_SCORE_H
#define HOGO_SCORE_H
#include "hogo.h"

double score_weight(hogo_severity s);   /* share of the remaining score */
/* Fill r->score, r->verdict and r->by_severity from r->findings. */
void score_result(hogo_result *r);
#endif
