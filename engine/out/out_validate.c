/* out_validate.c -- hogo validate's text: the format only, no score, no verdict.
 * validate runs no rule, so a "判定: 承認" or a score would claim a review
 * that never happened: it says the format is valid (not screened), or lists
 * the errors and the suspected slips (unknown keys close to a known one).
 * The report "text" with validate_only set (hogo_report_new). */
#include "out.h"
#include "out_common.h"

static void val_begin(strbuf *sb, out_state *st, const out_ctx *c) { (void)sb; (void)st; (void)c; }

static void val_plan(strbuf *sb, out_state *st, const out_ctx *c, const hogo_result *r, size_t index)
{
    (void)index;
    int ja = c->lang != HOGO_EN;
    st->plans++;
    if (r->n_errors == 0) {
        st->items++;                      /* valid plans */
        sb_printf(sb, "%s: %s\n", outw_term(r->file), ja ? "形式は正しい（審査はしていません）" : "The format is valid (not screened)");
    } else {
        sb_printf(sb, "%s: %s\n", outw_term(r->file), ja ? "形式に誤りがあります" : "The format has errors");
    }
    for (size_t i = 0; i < r->n_errors; i++) {
        const hogo_input_error *e = &r->errors[i];
        sb_printf(sb, "  \xE2\x9C\x96 %s:%d:%d  ", outw_term(r->file), e->line, e->column);
        if (e->path && e->path[0]) sb_printf(sb, "%s: ", outw_term(e->path));
        sb_printf(sb, "%s\n", outw_term(e->message));   /* quotes the plan's own line */
    }
    for (size_t i = 0; i < r->n_findings; i++) {
        const hogo_finding *f = &r->findings[i];
        sb_printf(sb, "  \xE2\x9A\xA0 %s:%d:%d  ", outw_term(r->file), f->line, f->column);
        if (f->path && f->path[0]) sb_printf(sb, "%s: ", outw_term(f->path));
        sb_printf(sb, "%s\n", outw_term(f->message[ja ? HOGO_JA : HOGO_EN]));
    }
}

static void val_end(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    (void)s;
    if (st->plans < 2) return;
    if (c->lang != HOGO_EN)
        sb_printf(sb, "\n計画 %zu 件: 形式が正しい %zu 件、誤りのある %zu 件（審査はしていません）\n",
                  st->plans, st->items, st->plans - st->items);
    else
        sb_printf(sb, "\n%zu plans: %zu valid, %zu with errors (not screened)\n",
                  st->plans, st->items, st->plans - st->items);
}

const out_format out_validate_text = { "text", val_begin, val_plan, val_end };
