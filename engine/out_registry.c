/* out_registry.c -- the writers by name, and the batch summary. */
#include "out.h"
#include "out_common.h"

#include <string.h>

const out_format *out_find(const char *name)
{
    static const out_format *const all[] = { &out_text, &out_json, &out_sarif, &out_junit, &out_markdown };
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
