/* out.h -- report writers (out_ prefix).  A writer renders into a strbuf in
 * three steps: begin once, plan once per plan in input order, end once with
 * the batch summary.  Writers never touch files; the CLI owns where bytes go,
 * so the same writer serves stdout, --output FILE and parallel workers (each
 * worker renders its plan into its own strbuf). */
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
} out_ctx;

typedef struct {
    size_t plans;
    size_t findings[HOGO_SEVERITY_COUNT];  /* unwaived */
    size_t waived;
    size_t errors;               /* plans with input errors */
    size_t rule_errors;
    size_t failing_plans;        /* plans with an unwaived finding >= fail_on */
} out_summary;

typedef struct {
    const char *name;            /* "text", "json", "sarif", "junit", "markdown" */
    void (*begin)(strbuf *sb, const out_ctx *c);
    void (*plan)(strbuf *sb, const out_ctx *c, const hogo_result *r, size_t index);
    void (*end)(strbuf *sb, const out_ctx *c, const out_summary *s);
} out_format;

extern const out_format out_text, out_json, out_sarif, out_junit, out_markdown;

/* Look a writer up by name; NULL if unknown. */
const out_format *out_find(const char *name);
/* Add one plan's result to the summary. */
void out_summary_add(out_summary *s, const hogo_result *r, hogo_severity fail_on);
#endif
