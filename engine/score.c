/* score.c -- see score.h and docs/scoring.md. */
#include "score.h"

#include <string.h>

/* Weights: one high finding is what a council would attach a condition to;
 * two criticals or four highs with the rest send the plan back. */
static const int score_weights[HOGO_SEVERITY_COUNT] = { 1, 3, 8, 20, 40 };

#define SCORE_RE_EXAMINE 75

int score_weight(hogo_severity s)
{
    return (unsigned)s < HOGO_SEVERITY_COUNT ? score_weights[s] : 0;
}

void score_result(hogo_result *r)
{
    memset(r->by_severity, 0, sizeof r->by_severity);
    int score = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        const hogo_finding *f = &r->findings[i];
        if (f->waived) continue;
        r->by_severity[f->severity]++;
        score += score_weight(f->severity);
        if (score > 100) score = 100;
    }
    if (!r->screened) {
        /* a plan that could not be read cannot be approved */
        r->score = 100;
        r->verdict = HOGO_RE_EXAMINE;
        return;
    }
    r->score = score;
    if (r->by_severity[HOGO_CRITICAL] || score >= SCORE_RE_EXAMINE)
        r->verdict = HOGO_RE_EXAMINE;
    else if (r->by_severity[HOGO_HIGH] || r->by_severity[HOGO_MEDIUM])
        r->verdict = HOGO_APPROVE_WITH_CONDITIONS;
    else
        r->verdict = HOGO_APPROVE;
}
