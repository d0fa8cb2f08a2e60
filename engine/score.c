/* score.c -- see score.h and docs/scoring.md. */
#include "score.h"

#include <string.h>

/* Each unwaived finding takes a share of what is left: score = 100 x
 * (1 - prod(1 - w)).  Concerns add up, but with diminishing weight, so ten
 * questions never count for as much as one critical flaw, and removing any
 * finding can only lower the score.  One high finding (0.20) is what a
 * council attaches a condition to; a critical one (0.50), or a pile of highs,
 * sends the plan back. */
static const double score_weights[HOGO_SEVERITY_COUNT] = { 0.01, 0.03, 0.08, 0.20, 0.50 };

#define SCORE_RE_EXAMINE 75

double score_weight(hogo_severity s)
{
    return (unsigned)s < HOGO_SEVERITY_COUNT ? score_weights[s] : 0;
}

void score_result(hogo_result *r)
{
    memset(r->by_severity, 0, sizeof r->by_severity);
    double keep = 1.0;
    for (size_t i = 0; i < r->n_findings; i++) {
        const hogo_finding *f = &r->findings[i];
        if (f->waived) continue;
        r->by_severity[f->severity]++;
        keep *= 1.0 - score_weight(f->severity);
    }
    if (!r->screened) {
        /* a plan that could not be read cannot be approved */
        r->score = 100;
        r->verdict = HOGO_RE_EXAMINE;
        return;
    }
    /* round half up, on an integer scale, so equal inputs give equal scores */
    r->score = (int)(100.0 * (1.0 - keep) + 0.5);
    int incomplete = 0;
    for (size_t i = 0; i < r->n_findings; i++)
        incomplete |= r->findings[i].incomplete && !r->findings[i].waived;
    /* A critical flaw sends a plan back whatever else it lacks; short of
     * that, a plan that leaves core facts unstated is 記載不足 even when its
     * many questions add up to a high score: what the department must do
     * first is state them, and the questions are mostly those facts. */
    if (r->by_severity[HOGO_CRITICAL])
        r->verdict = HOGO_RE_EXAMINE;
    else if (incomplete)
        r->verdict = HOGO_INCOMPLETE;
    else if (r->score >= SCORE_RE_EXAMINE)
        r->verdict = HOGO_RE_EXAMINE;
    else if (r->by_severity[HOGO_HIGH] || r->by_severity[HOGO_MEDIUM])
        r->verdict = HOGO_APPROVE_WITH_CONDITIONS;
    else
        r->verdict = HOGO_APPROVE;
    /* security: a rule that failed (to load, or on this plan) may have held
     * the concern that decides the plan: the screen is not complete, and
     * an incomplete screen is never an approval (docs/scoring.md) */
    if (r->n_rule_errors) r->verdict = HOGO_RE_EXAMINE;
}

void hogo_result_rescore(hogo_result *r) { score_result(r); }
