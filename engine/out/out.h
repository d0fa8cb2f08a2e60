/* out.h -- report writers (out_ prefix).  A writer renders into a strbuf in
 * three steps: begin once, plan once per plan in input order, end once with
 * the batch summary.  Writers never touch files; the CLI owns where bytes go,
 * so the same writer serves stdout and --output FILE, and the CLI may flush
 * the strbuf after any call: a writer never takes back what it wrote.  Plans
 * may be screened by parallel workers, but the calls for one output come in
 * input order on one thread with one out_state (below). */
#ifndef HOGO_OUT_H
#define HOGO_OUT_H
#include "hogo.h"
#include "strbuf.h"

typedef struct {
    const hogo_engine *engine;   /* rule metadata for SARIF/markdown (hogo_engine_rule...) */
    hogo_lang lang;
    hogo_severity fail_on;       /* findings at or above fail (JUnit, exit status) */
    int color;                   /* ANSI colour allowed (text only) */
    const char *tool_version;    /* HOGO_VERSION */
    const char *pack_version;    /* hogo_engine_pack_version */
    int validate_only;           /* hogo validate: no rule ran, so no score or verdict */
    const char *today;           /* the day of screening (--today, any plan date form);
                                    NULL = today by the clock (UTC).  html's cover shows it */
    int papers_by_id;            /* html: plans' pages by 整理番号 (id), not by ranking */
} out_ctx;

/* The batch's summary: the public hogo_report_summary (include/hogo.h). */
typedef hogo_report_summary out_summary;

/* Per-output state: one per writer instance, zeroed before begin().  The CLI
 * calls plan() for one output in input order, on one thread, with the same
 * state, so a streaming writer can know whether it already wrote an item. */
typedef struct out_rank out_rank;   /* one plan in the ranking (out_registry.c) */

typedef struct {
    size_t plans;                /* plan() calls so far */
    size_t items;                /* writer-defined count (e.g. results emitted) */
    strbuf tail;                 /* text a writer holds back until end(), which writes
                                    and frees it (SARIF: the notifications, which must
                                    follow the results array); zeroed = empty */
    out_rank *rank;              /* plans kept for a ranking at the end (text, markdown) */
    size_t nrank, caprank, unranked;
    void *aux;                   /* a writer's own state (html: the schema's words, each
                                    plan's section); end() frees it, else out_state_free */
    void (*aux_free)(void *aux);
} out_state;

/* The secretariat's view of a session: plans by concern score, highest
 * first.  Writers that print a ranking add each plan as it goes (at most
 * OUT_RANK_MAX; the rest are counted in unranked) and read it at the end. */
#define OUT_RANK_MAX 10000
struct out_rank {
    int score;
    hogo_verdict verdict;
    int screened;
    size_t index;
    size_t by_severity[HOGO_SEVERITY_COUNT];
    char *title, *file;
    /* For the secretariat's papers (html): who asks, when, for what, and
     * the worst unwaived severity per topic (hogo_topic(i); 0 = none, else
     * severity + 1), hogo_topic_count() bytes; NULL when memory ran out. */
    char *department, *date, *consultation;   /* consultation: kinds joined by ',' */
    unsigned char *topic_sev;
    /* Waivers (issue 20): findings waived, and by whom (the distinct
     * approvers joined by "、"; NULL when none is named), and findings whose
     * waiver the plan only requested */
    size_t waived, requested;
    char *waived_by;
};
void out_rank_add(out_state *st, const hogo_result *r, size_t index);
void out_rank_sort(out_state *st);          /* score high to low, then input order */
void out_rank_free(out_state *st);

/* Release what a writer holds if end() is never reached (batch abandoned). */
static inline void out_state_free(out_state *st)
{
    sb_free(&st->tail);
    out_rank_free(st);
    if (st->aux_free) st->aux_free(st->aux);
    st->aux = NULL;
    st->aux_free = NULL;
}

typedef struct {
    const char *name;            /* "text", "json", "sarif", "junit", "markdown", "html" */
    void (*begin)(strbuf *sb, out_state *st, const out_ctx *c);
    void (*plan)(strbuf *sb, out_state *st, const out_ctx *c, const hogo_result *r, size_t index);
    void (*end)(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s);
} out_format;

extern const out_format out_text, out_json, out_sarif, out_junit, out_markdown, out_html;
/* hogo validate's text: the format only, no score, no verdict (out_validate.c). */
extern const out_format out_validate_text;

/* The report's style sheet (out_html.c): inline in `check --format html`,
 * served as /report.css by `hogo serve` so the page's views share it. */
extern const char out_html_css[];

/* Look a writer up by name; NULL if unknown. */
const out_format *out_find(const char *name);
/* Add one plan's result to the summary. */
void out_summary_add(out_summary *s, const hogo_result *r, hogo_severity fail_on);
#endif
