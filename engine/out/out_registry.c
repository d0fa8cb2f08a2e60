/* out_registry.c -- the writers by name, and the batch summary. */
#include "out.h"
#include "out_common.h"

#include <stdlib.h>
#include <string.h>

const out_format *out_find(const char *name)
{
    static const out_format *const all[] = { &out_text, &out_json, &out_sarif, &out_junit, &out_markdown,
                                               &out_html };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i]->name, name) == 0) return all[i];
    if (strcmp(name, "md") == 0) return &out_markdown;
    return NULL;
}

void out_summary_add(out_summary *s, const hogo_result *r, hogo_severity fail_on)
{
    s->plans++;
    for (size_t i = 0; i < r->n_findings; i++) {
        if (r->findings[i].waived) s->waived++;
        else s->findings[r->findings[i].severity]++;
    }
    s->errors += r->n_errors > 0;
    s->rule_errors += r->n_rule_errors;
    if (outw_failing(r, fail_on)) s->failing_plans++;
}

/* The plan's waived and requested findings, and the approvers who waived
 * (distinct, in order, at most OUT_RANK_APPROVERS of them). */
#define OUT_RANK_APPROVERS 4
static void out_rank_waivers(out_rank *k, const hogo_result *r)
{
    const char *by[OUT_RANK_APPROVERS];
    size_t nby = 0, len = 1, more = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        const hogo_finding *f = &r->findings[i];
        k->requested += f->waiver_requested;
        if (!f->waived) continue;
        k->waived++;
        if (!f->waived_by) continue;
        size_t j = 0;
        while (j < nby && strcmp(by[j], f->waived_by) != 0) j++;
        if (j < nby) continue;
        if (nby == OUT_RANK_APPROVERS) { more = 1; continue; }
        by[nby++] = f->waived_by;
        len += strlen(f->waived_by) + 3;
    }
    if (!nby || !(k->waived_by = malloc(len + 4))) return;
    size_t at = 0;
    for (size_t j = 0; j < nby; j++) {
        if (j) { memcpy(k->waived_by + at, "、", 3); at += 3; }
        size_t l = strlen(by[j]);
        memcpy(k->waived_by + at, by[j], l);
        at += l;
    }
    if (more) { memcpy(k->waived_by + at, "…", 3); at += 3; }
    k->waived_by[at] = '\0';
}

void out_rank_add(out_state *st, const hogo_result *r, size_t index)
{
    if (st->nrank >= OUT_RANK_MAX) { st->unranked++; return; }
    if (st->nrank == st->caprank) {
        size_t c = st->caprank ? st->caprank * 2 : 32;
        out_rank *p = realloc(st->rank, c * sizeof *p);
        if (!p) { st->unranked++; return; }
        st->rank = p;
        st->caprank = c;
    }
    out_rank *k = &st->rank[st->nrank];
    memset(k, 0, sizeof *k);
    k->score = r->score;
    k->verdict = r->verdict;
    k->screened = r->screened;
    k->index = index;
    memcpy(k->by_severity, r->by_severity, sizeof k->by_severity);
    k->title = r->title ? strdup(r->title) : NULL;
    k->file = strdup(r->file ? r->file : "-");
    k->department = r->department ? strdup(r->department) : NULL;
    k->date = r->date ? strdup(r->date) : NULL;
    if (r->n_consultation) {
        size_t n = 1;
        for (size_t i = 0; i < r->n_consultation; i++) n += strlen(r->consultation[i]) + 1;
        if ((k->consultation = malloc(n)) != NULL) {
            size_t at = 0;                      /* linear: no strcat rescans */
            for (size_t i = 0; i < r->n_consultation; i++) {
                size_t l = strlen(r->consultation[i]);
                if (i) k->consultation[at++] = ',';
                memcpy(k->consultation + at, r->consultation[i], l);
                at += l;
            }
            k->consultation[at] = '\0';
        }
    }
    size_t nt = hogo_topic_count();
    if ((k->topic_sev = calloc(nt ? nt : 1, 1)) != NULL)
        for (size_t i = 0; i < r->n_findings; i++) {
            const hogo_finding *f = &r->findings[i];
            if (f->waived || !f->topic) continue;
            for (size_t t = 0; t < nt; t++)
                if (strcmp(hogo_topic(t), f->topic) == 0) {
                    if (k->topic_sev[t] < f->severity + 1) k->topic_sev[t] = (unsigned char)(f->severity + 1);
                    break;
                }
        }
    out_rank_waivers(k, r);
    st->nrank++;
}

static int out_rank_cmp(const void *a, const void *b)
{
    const out_rank *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

void out_rank_sort(out_state *st)
{
    if (st->nrank > 1) qsort(st->rank, st->nrank, sizeof *st->rank, out_rank_cmp);
}

void out_rank_free(out_state *st)
{
    for (size_t i = 0; i < st->nrank; i++) {
        out_rank *k = &st->rank[i];
        free(k->title); free(k->file);
        free(k->department); free(k->date); free(k->consultation); free(k->topic_sev); free(k->waived_by);
    }
    free(st->rank);
    st->rank = NULL;
    st->nrank = st->caprank = 0;
}
