/* out_json.c -- the report of plan-format.md section 3, streamed: the head
 * in begin, one element of "plans" per plan, the summary in end. */
#include "out.h"
#include "out_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A memo of what outw_json wrote for a text, by the text: most of a
 * report's bytes are a few hundred rule texts, ids, topics and paths said
 * again plan after plan (on generated plans 4 texts in 5 repeat one
 * already written), and escaping them again was half of writing a JSON
 * report.  A slot is found by a hash of the length and three 8-byte words
 * and checked by comparing the whole text, so what is written is always
 * outw_json's own output for that text.  A text takes a slot over only
 * when it is the second time in a row that the slot missed for it (its
 * hash is kept): a text said once -- a finding's own words -- neither
 * costs a copy nor pushes out one said on every plan.  Bounded: texts of
 * JSON_MEMO_MIN..JSON_MEMO_MAX bytes (escaped in at most twice as many),
 * JSON_MEMO_BYTES of them in all, freed at end() or with the state. */
#define JSON_MEMO_BITS 12
#define JSON_MEMO_SLOTS (1u << JSON_MEMO_BITS)
#define JSON_MEMO_MIN 8                  /* shorter: escaping costs less than looking up */
#define JSON_MEMO_MAX 1024
#define JSON_MEMO_BYTES ((size_t)512 << 10)

typedef struct {
    char *in;                            /* the text (n bytes), then what outw_json wrote (out bytes) */
    size_t n, out;
    uint64_t missed;                     /* hash of the last text this slot missed for */
} json_memo_slot;

typedef struct {
    json_memo_slot slot[JSON_MEMO_SLOTS];
    size_t bytes;                        /* held by the slots' copies */
} json_memo;

static void json_memo_free(void *aux)
{
    json_memo *m = aux;
    if (!m) return;
    for (size_t i = 0; i < JSON_MEMO_SLOTS; i++) free(m->slot[i].in);
    free(m);
}

/* The writer's memo, made on first use; NULL when memory ran out (texts
 * are then escaped each time, as before). */
static json_memo *json_memo_of(out_state *st)
{
    if (!st->aux && !st->aux_free) {
        st->aux = calloc(1, sizeof(json_memo));
        st->aux_free = json_memo_free;
    }
    return st->aux;
}

static uint64_t json_memo_hash(const char *s, size_t n)
{
    uint64_t a, b, c;
    memcpy(&a, s, 8);
    memcpy(&b, s + (n - 8) / 2, 8);
    memcpy(&c, s + n - 8, 8);
    uint64_t h = (a * 0x9E3779B97F4A7C15u) ^ (b * 0xC2B2AE3D27D4EB4Fu) ^ (c * 0x165667B19E3779F9u) ^ n;
    h ^= h >> 31;
    return (h * 0x94D049BB133111EBu) | 1;     /* never 0, an unused slot's missed */
}

/* Keep s[0..n) and its escaped form (written at sb->data + from) in sl. */
static void json_memo_keep(json_memo *m, json_memo_slot *sl, const char *s, size_t n, const strbuf *sb,
                           size_t from)
{
    size_t out = sb->len - from;
    if (sb_failed(sb) || out > 2 * n + 2) return;
    size_t held = m->bytes - (sl->in ? sl->n + sl->out : 0);
    if (held + n + out > JSON_MEMO_BYTES) return;
    char *in = malloc(n + out);
    if (!in) return;
    memcpy(in, s, n);
    memcpy(in + n, sb->data + from, out);
    m->bytes = held + n + out;
    free(sl->in);
    sl->in = in;
    sl->n = n;
    sl->out = out;
}

/* outw_json(sb, s), from the memo when s was written before. */
static void json_str(strbuf *sb, out_state *st, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    json_memo *m = n >= JSON_MEMO_MIN && n <= JSON_MEMO_MAX ? json_memo_of(st) : NULL;
    if (!m) { outw_json(sb, s); return; }
    uint64_t h = json_memo_hash(s, n);
    json_memo_slot *sl = &m->slot[h >> (64 - JSON_MEMO_BITS)];
    if (sl->in && sl->n == n && memcmp(sl->in, s, n) == 0) {
        sb_add(sb, sl->in + n, sl->out);
        return;
    }
    size_t from = sb->len;
    outw_json(sb, s);
    if (sl->missed == h || !sl->in) json_memo_keep(m, sl, s, n, sb, from);
    sl->missed = h;
}

static void json_begin(strbuf *sb, out_state *st, const out_ctx *c)
{
    (void)st;
    sb_puts(sb, "{\n  \"tool\": {\"name\": \"hogo\", \"version\": ");
    outw_json(sb, c->tool_version);
    sb_puts(sb, ", \"rules\": ");
    outw_json(sb, c->pack_version);
    sb_puts(sb, "},\n  \"plans\": [");
}

static void json_text2(strbuf *sb, out_state *st, const char *key, const char *const *t)
{
    sb_putc(sb, '"');
    sb_puts(sb, key);
    sb_puts(sb, "\": {\"ja\": ");
    json_str(sb, st, t[HOGO_JA] ? t[HOGO_JA] : "");
    sb_puts(sb, ", \"en\": ");
    json_str(sb, st, t[HOGO_EN] ? t[HOGO_EN] : "");
    sb_putc(sb, '}');
}

static void json_opt_str(strbuf *sb, const char *s)
{
    if (s) outw_json(sb, s); else sb_puts(sb, "null");
}

static void json_finding(strbuf *sb, out_state *st, const hogo_finding *f)
{
    sb_puts(sb, "        {\"rule\": ");
    json_str(sb, st, f->rule);
    sb_puts(sb, ", \"topic\": ");
    json_str(sb, st, f->topic);
    sb_puts(sb, ", \"severity\": \"");
    sb_puts(sb, hogo_severity_name(f->severity));
    sb_puts(sb, "\",\n         \"path\": ");
    json_str(sb, st, f->path);
    sb_puts(sb, ", \"line\": ");
    sb_putint(sb, f->line);
    sb_puts(sb, ", \"column\": ");
    sb_putint(sb, f->column);
    sb_puts(sb, ",\n         ");
    json_text2(sb, st, "message", f->message);
    sb_puts(sb, ",\n         ");
    json_text2(sb, st, "follow_up", f->follow_up);
    sb_puts(sb, ",\n         \"precedent\": ");
    json_str(sb, st, f->precedent);
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
        /* without printf: a plan's one formatted line cost as much as
         * writing a finding */
        sb_puts(sb, r->screened ? ",\n      \"screened\": true, \"score\": " : ",\n      \"screened\": false, \"score\": ");
        sb_putint(sb, r->score);
        sb_puts(sb, ", \"verdict\": \"");
        sb_puts(sb, hogo_verdict_name(r->verdict));
        sb_puts(sb, "\",");
        json_plan_waivers(sb, r);
        sb_puts(sb, "\n      \"findings\": [");
    }
    for (size_t i = 0; i < r->n_findings; i++) {
        sb_puts(sb, i ? ",\n" : "\n");
        json_finding(sb, st, &r->findings[i]);
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
    if (st->aux_free) st->aux_free(st->aux);
    st->aux = NULL;
    st->aux_free = NULL;
    sb_puts(sb, st->plans ? "\n  ],\n" : "],\n");
    sb_printf(sb, "  \"summary\": {\"plans\": %zu, \"findings\": {", s->plans);
    for (int i = 0; i < HOGO_SEVERITY_COUNT; i++)
        sb_printf(sb, "%s\"%s\": %zu", i ? ", " : "", hogo_severity_name((hogo_severity)i), s->findings[i]);
    sb_printf(sb, "}, \"waived\": %zu, \"errors\": %zu, \"rule_errors\": %zu, \"failing\": %zu}\n}\n",
              s->waived, s->errors, s->rule_errors, s->failing_plans);
}

const out_format out_json = { "json", json_begin, json_plan, json_end };
