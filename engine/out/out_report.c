/* out_report.c -- the writers' public face (include/hogo.h): hogo_report_*,
 * and the text helpers a program needs to speak as the reports do
 * (hogo_buf_json, hogo_buf_md, hogo_term, hogo_severity_word...).  The
 * hogo executable uses these, never out.h, so the writers can change
 * inside the library. */
#include "out.h"
#include "out_common.h"

#include <stdlib.h>
#include <string.h>

struct hogo_report {
    const out_format *fmt;
    out_ctx ctx;
    out_state st;
    strbuf sb;
};

static const out_format *const rep_formats[] = { &out_text, &out_json, &out_sarif, &out_junit,
                                                 &out_markdown, &out_html };
#define REP_NFORMATS (sizeof rep_formats / sizeof rep_formats[0])

size_t hogo_report_format_count(void) { return REP_NFORMATS; }

const char *hogo_report_format_name(size_t i)
{
    return i < REP_NFORMATS ? rep_formats[i]->name : NULL;
}

const char *hogo_report_format_find(const char *name)
{
    const out_format *f = name ? out_find(name) : NULL;
    return f ? f->name : NULL;
}

hogo_report *hogo_report_new(const char *format, const hogo_report_options *o)
{
    const out_format *f = format ? out_find(format) : NULL;
    if (!f || !o) return NULL;
    if (o->validate_only && f == &out_text) f = &out_validate_text;
    hogo_report *rp = calloc(1, sizeof *rp);
    if (!rp) return NULL;
    rp->fmt = f;
    rp->ctx.engine = o->engine;
    rp->ctx.lang = o->lang;
    rp->ctx.fail_on = o->fail_on;
    rp->ctx.color = o->color && f == &out_text;
    rp->ctx.tool_version = o->tool_version;
    rp->ctx.pack_version = o->pack_version;
    rp->ctx.validate_only = o->validate_only;
    rp->ctx.today = o->today;
    rp->ctx.papers_by_id = o->papers_by_id;
    sb_init(&rp->sb);
    return rp;
}

void hogo_report_begin(hogo_report *rp) { rp->fmt->begin(&rp->sb, &rp->st, &rp->ctx); }

void hogo_report_plan(hogo_report *rp, const hogo_result *r, size_t index)
{
    rp->fmt->plan(&rp->sb, &rp->st, &rp->ctx, r, index);
}

void hogo_report_end(hogo_report *rp, const hogo_report_summary *s)
{
    rp->fmt->end(&rp->sb, &rp->st, &rp->ctx, s);
    out_state_free(&rp->st);   /* whatever the writer kept past end() */
}

const char *hogo_report_output(const hogo_report *rp, size_t *len)
{
    *len = rp->sb.len;
    return rp->sb.len ? rp->sb.data : "";
}

void hogo_report_consume(hogo_report *rp) { sb_reset(&rp->sb); }

int hogo_report_failed(const hogo_report *rp) { return sb_failed(&rp->sb); }

void hogo_report_free(hogo_report *rp)
{
    if (!rp) return;
    out_state_free(&rp->st);
    sb_free(&rp->sb);
    free(rp);
}

void hogo_report_summary_add(hogo_report_summary *s, const hogo_result *r, hogo_severity fail_on)
{
    out_summary_add(s, r, fail_on);
}

const char *hogo_report_stylesheet(void) { return out_html_css; }

/* ---- text for people ---- */

void hogo_buf_json(hogo_buf *b, const char *s) { outw_json(b, s); }
void hogo_buf_md(hogo_buf *b, const char *s) { outw_md(b, s); }
void hogo_buf_md_cell(hogo_buf *b, const char *s) { outw_md_cell(b, s); }
void hogo_buf_safe(hogo_buf *b, const char *s, int keep_newlines) { outw_safe(b, s, keep_newlines); }
const char *hogo_term(const char *s) { return outw_term(s); }
const char *hogo_text(const char *const t[2], hogo_lang lang) { return outw_lang(t, lang); }
const char *hogo_severity_word(hogo_severity s, hogo_lang lang) { return outw_severity_word(s, lang); }
