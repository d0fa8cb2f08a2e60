/* out_json.c -- the report of plan-format.md section 3, streamed: the head
 * in begin, one element of "plans" per plan, the summary in end. */
#include "out.h"
#include "out_common.h"

#include <string.h>

static void json_begin(strbuf *sb, out_state *st, const out_ctx *c)
{
    (void)st;
    sb_puts(sb, "{\n  \"tool\": {\"name\": \"hogo\", \"version\": ");
    outw_json(sb, c->tool_version);
    sb_puts(sb, ", \"rules\": ");
    outw_json(sb, c->pack_version);
    sb_puts(sb, "},\n  \"plans\": [");
}

static void json_text2(strbuf *sb, const char *key, const char *const *t)
{
    sb_putc(sb, '"');
    sb_puts(sb, key);
    sb_puts(sb, "\": {\"ja\": ");
    outw_json(sb, t[HOGO_JA] ? t[HOGO_JA] : "");
    sb_puts(sb, ", \"en\": ");
    outw_json(sb, t[HOGO_EN] ? t[HOGO_EN] : "");
    sb_putc(sb, '}');
}

static void json_opt_str(strbuf *sb, const char *s)
{
    if (s) outw_json(sb, s); else sb_puts(sb, "null");
}

static void json_finding(strbuf *sb, const hogo_finding *f)
{
    sb_puts(sb, "        {\"rule\": ");
    outw_json(sb, f->rule);
    sb_puts(sb, ", \"topic\": ");
    outw_json(sb, f->topic);
    sb_puts(sb, ", \"severity\": \"");
    sb_puts(sb, hogo_severity_name(f->severity));
    sb_puts(sb, "\",\n         \"path\": ");
    outw_json(sb, f->path);
    sb_puts(sb, ", \"line\": ");
    sb_putint(sb, f->line);
    sb_puts(sb, ", \"column\": ");
    sb_putint(sb, f->column);
    sb_puts(sb, ",\n         ");
    json_text2(sb, "message", f->message);
    sb_puts(sb, ",\n         ");
    json_text2(sb, "follow_up", f->follow_up);
    sb_puts(sb, ",\n         \"precedent\": ");
    outw_json(sb, f->precedent);
    if (f->incomplete) sb_puts(sb, ", \"incomplete\": true");
    sb_puts(sb, f->waived ? ", \"waived\": true" : ", \"waived\": false");
    if (f->waived || f->waiver_requested) {
        sb_puts(sb, ", \"waiver_reason\": ");
        outw_json(sb, f->waiver_reason);
    }
    /* additive (issue 20): who waived it, and from which side; a request */
    if (f->waived) {
        sb_puts(sb, ", \"waived_by\": ");
        outw_json(sb, f->waived_by);
        sb_printf(sb, ", \"waiver_source\": \"%s\"", f->waived_by_secretariat ? "secretariat" : "approver");
    }
    if (f->waiver_requested) sb_puts(sb, ", \"waiver_requested\": true");
    sb_putc(sb, '}');
}

/* Additive (issue 20), only for a plan with a waived or requested finding:
 * "waivers": {"waived": N, "by": [the approvers, distinct], "requested": M}. */
static void json_plan_waivers(strbuf *sb, const hogo_result *r)
{
    size_t waived = 0, requested = 0, nby = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        waived += r->findings[i].waived;
        requested += r->findings[i].waiver_requested;
    }
    if (!waived && !requested) return;
    sb_printf(sb, " \"waivers\": {\"waived\": %zu, \"by\": [", waived);
    const char *seen[32];                /* distinct, in order; at most 32 */
    for (size_t i = 0; i < r->n_findings && nby < 32; i++) {
        const char *by = r->findings[i].waived ? r->findings[i].waived_by : NULL;
        if (!by) continue;
        size_t j = 0;
        while (j < nby && strcmp(seen[j], by) != 0) j++;
        if (j < nby) continue;
        if (nby) sb_puts(sb, ", ");
        seen[nby++] = by;
        outw_json(sb, by);
    }
    sb_printf(sb, "], \"requested\": %zu},", requested);
}

static void json_plan(strbuf *sb, out_state *st, const out_ctx *c, const hogo_result *r, size_t index)
{
    (void)index;
    sb_puts(sb, st->plans++ ? ",\n    {" : "\n    {");
    sb_puts(sb, "\"file\": ");
    outw_json(sb, r->file);
    sb_puts(sb, ", \"id\": ");
    json_opt_str(sb, r->id);
    sb_puts(sb, ", \"title\": ");
    json_opt_str(sb, r->title);
    sb_puts(sb, ",\n      \"department\": ");
    json_opt_str(sb, r->department);
    sb_puts(sb, ", \"organization\": ");
    json_opt_str(sb, r->organization);
    sb_puts(sb, ", \"date\": ");
    json_opt_str(sb, r->date);
    sb_puts(sb, ", \"consultation\": [");
    for (size_t i = 0; i < r->n_consultation; i++) {
        if (i) sb_puts(sb, ", ");
        outw_json(sb, r->consultation[i]);
    }
    sb_putc(sb, ']');
    if (c->validate_only)       /* hogo validate: the format only, nothing was screened */
        sb_printf(sb, ",\n      \"screened\": false, \"valid\": %s, \"score\": null, \"verdict\": null,\n      \"findings\": [",
                  r->n_errors ? "false" : "true");
    else
    {
        sb_printf(sb, ",\n      \"screened\": %s, \"score\": %d, \"verdict\": \"%s\",",
                  r->screened ? "true" : "false", r->score, hogo_verdict_name(r->verdict));
        json_plan_waivers(sb, r);
        sb_puts(sb, "\n      \"findings\": [");
    }
    for (size_t i = 0; i < r->n_findings; i++) {
        sb_puts(sb, i ? ",\n" : "\n");
        json_finding(sb, &r->findings[i]);
    }
    sb_puts(sb, r->n_findings ? "\n      ],\n      \"errors\": [" : "],\n      \"errors\": [");
    for (size_t i = 0; i < r->n_errors; i++) {
        const hogo_input_error *e = &r->errors[i];
        sb_puts(sb, i ? ",\n        {\"path\": " : "\n        {\"path\": ");
        outw_json(sb, e->path);
        sb_printf(sb, ", \"line\": %d, \"column\": %d, \"message\": ", e->line, e->column);
        outw_json(sb, e->message);
        sb_putc(sb, '}');
    }
    sb_puts(sb, r->n_errors ? "\n      ],\n      \"rule_errors\": [" : "],\n      \"rule_errors\": [");
    for (size_t i = 0; i < r->n_rule_errors; i++) {
        const hogo_rule_error *e = &r->rule_errors[i];
        sb_puts(sb, i ? ",\n        {\"rule\": " : "\n        {\"rule\": ");
        outw_json(sb, e->rule);
        sb_puts(sb, ", \"file\": ");
        outw_json(sb, e->file);
        sb_printf(sb, ", \"line\": %d, \"message\": ", e->line);
        outw_json(sb, e->message);
        if (e->at_load) sb_puts(sb, ", \"at_load\": true");
        sb_putc(sb, '}');
    }
    sb_puts(sb, r->n_rule_errors ? "\n      ]}" : "]}");
}

static void json_end(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    (void)c;
    sb_puts(sb, st->plans ? "\n  ],\n" : "],\n");
    sb_printf(sb, "  \"summary\": {\"plans\": %zu, \"findings\": {", s->plans);
    for (int i = 0; i < HOGO_SEVERITY_COUNT; i++)
        sb_printf(sb, "%s\"%s\": %zu", i ? ", " : "", hogo_severity_name((hogo_severity)i), s->findings[i]);
    sb_printf(sb, "}, \"waived\": %zu, \"errors\": %zu, \"rule_errors\": %zu, \"failing\": %zu}\n}\n",
              s->waived, s->errors, s->rule_errors, s->failing_plans);
}

const out_format out_json = { "json", json_begin, json_plan, json_end };
