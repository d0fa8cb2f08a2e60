/* out_text.c -- the report a department reads: per plan the verdict and
 * score, then findings from the most to the least severe, each with
 * file:line, what was found and what the council will ask for. */
#include "out.h"
#include "out_common.h"

#include <stdlib.h>

#define C_RESET "\033[0m"
#define C_BOLD  "\033[1m"
#define C_DIM   "\033[2m"

static const char *const text_sev_color[HOGO_SEVERITY_COUNT] = {
    "\033[2m", "\033[36m", "\033[33m", "\033[31m", "\033[1;31m"
};

static void text_c(strbuf *sb, const out_ctx *c, const char *code)
{
    if (c->color) sb_puts(sb, code);
}

/* Text from plans and rules goes to a terminal: invalid UTF-8 and control
 * characters (an ESC could recolour or rewrite the screen; C1 too) become
 * U+FFFD, a newline or tab a space.  One pass, what needs nothing copied in
 * runs (cleaning into a copy and then appending byte by byte was nine
 * tenths of writing a text report). */
static void text_put(strbuf *sb, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *run = p;
    for (;;) {
        unsigned char c = *p;
        if (c >= 0x20 && c < 0x7F) { p++; continue; }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            p += 3;                      /* kana, kanji: valid, never a control */
            continue;
        }
        size_t n = c >= 0x80 ? outw_utf8_len(p) : 0;
        if (n && !(c == 0xC2 && p[1] <= 0x9F)) { p += n; continue; }   /* not C1 */
        sb_add(sb, (const char *)run, (size_t)(p - run));
        if (!c) break;
        if (c == '\n' || c == '\t') sb_putc(sb, ' ');
        else sb_add(sb, "\xEF\xBF\xBD", 3);
        p += n ? n : 1;
        run = p;
    }
}

static void text_begin(strbuf *sb, out_state *st, const out_ctx *c)
{
    (void)sb; (void)st; (void)c;
}

static const char *text_w(const out_ctx *c, const char *ja, const char *en)
{
    return c->lang == HOGO_EN ? en : ja;
}

static void text_counts(strbuf *sb, const out_ctx *c, const size_t *by)
{
    int any = 0;
    for (int s = HOGO_CRITICAL; s >= HOGO_INFO; s--) {
        if (!by[s]) continue;
        sb_printf(sb, "%s%s %zu", any ? ", " : "", outw_severity_word((hogo_severity)s, c->lang), by[s]);
        any = 1;
    }
    if (!any) sb_puts(sb, text_w(c, "なし", "none"));
}

static void text_finding(strbuf *sb, const out_ctx *c, const hogo_result *r, const hogo_finding *f)
{
    sb_puts(sb, "  ");
    text_c(sb, c, text_sev_color[f->severity]);
    sb_puts(sb, f->waived ? "○" : "●");
    text_c(sb, c, C_RESET);
    sb_putc(sb, ' ');
    text_put(sb, r->file);
    sb_putc(sb, ':');
    sb_putint(sb, f->line);
    sb_putc(sb, ':');
    sb_putint(sb, f->column);
    sb_puts(sb, "  ");
    text_c(sb, c, C_DIM);
    text_put(sb, f->rule);
    sb_puts(sb, "  (");
    text_put(sb, outw_topic_word(f->topic, c->lang));
    sb_putc(sb, ')');
    text_c(sb, c, C_RESET);
    sb_putc(sb, '\n');
    sb_puts(sb, "    ");
    text_put(sb, outw_lang(f->message, c->lang));
    sb_puts(sb, "\n    → ");
    text_put(sb, outw_lang(f->follow_up, c->lang));
    sb_putc(sb, '\n');
    if (f->waived) {
        sb_printf(sb, "    %s: ", text_w(c, "免除済み", "waived"));
        text_put(sb, f->waiver_reason);
        if (f->waived_by) {
            sb_printf(sb, "（%s: ", text_w(c, "承認", "approved by"));
            text_put(sb, f->waived_by);
            sb_puts(sb, "）");
        }
        sb_putc(sb, '\n');
    } else if (f->waiver_requested) {
        sb_printf(sb, "    %s: ", text_w(c, "適用除外の申出（承認者の確認なし。判定に含めています）",
                                       "waiver requested (no listed approver; still counted)"));
        text_put(sb, f->waiver_reason);
        sb_putc(sb, '\n');
    }
    if (f->precedent && *f->precedent) {
        text_c(sb, c, C_DIM);
        sb_printf(sb, "    %s: ", text_w(c, "根拠", "precedent"));
        text_put(sb, f->precedent);
        sb_putc(sb, '\n');
        text_c(sb, c, C_RESET);
    }
}

static void text_plan(strbuf *sb, out_state *st, const out_ctx *c, const hogo_result *r, size_t index)
{
    out_rank_add(st, r, index);
    if (st->plans++) sb_putc(sb, '\n');
    text_c(sb, c, C_BOLD);
    sb_puts(sb, "■ ");
    text_put(sb, r->title ? r->title : r->file);
    text_c(sb, c, C_RESET);
    sb_puts(sb, "  (");
    text_put(sb, r->file);
    if (r->id) { sb_puts(sb, ", "); text_put(sb, r->id); }
    sb_puts(sb, ")\n");
    strbuf who;                                 /* plan text: escaped by text_put */
    sb_init(&who);
    outw_identity(&who, r, c->lang);
    if (who.len) { sb_puts(sb, "  "); text_put(sb, sb_cstr(&who)); sb_putc(sb, '\n'); }
    sb_free(&who);
    if (r->screened) {
        sb_printf(sb, "  %s: %s   %s: %d/100   %s: ", text_w(c, "判定", "verdict"),
                  outw_verdict_word(r->verdict, c->lang), text_w(c, "懸念スコア", "concern score"), r->score,
                  text_w(c, "指摘", "findings"));
        text_counts(sb, c, r->by_severity);
        sb_putc(sb, '\n');
    } else {
        sb_printf(sb, "  %s\n", text_w(c, "この計画は読み込めなかったため審査していません。",
                                       "This plan could not be read, so it was not screened."));
    }
    for (size_t i = 0; i < r->n_errors; i++) {
        const hogo_input_error *e = &r->errors[i];
        text_c(sb, c, text_sev_color[HOGO_CRITICAL]);
        sb_puts(sb, "  ✖ ");
        text_put(sb, r->file);
        sb_printf(sb, ":%d:%d", e->line, e->column);
        text_c(sb, c, C_RESET);
        sb_puts(sb, "  ");
        if (e->path && *e->path) { text_put(sb, e->path); sb_puts(sb, ": "); }
        text_put(sb, e->message);
        sb_putc(sb, '\n');
    }
    for (size_t i = 0; i < r->n_rule_errors; i++) {
        const hogo_rule_error *e = &r->rule_errors[i];
        sb_printf(sb, "  ⚠ %s ", text_w(c, "ルールが失敗しました", "rule failed"));
        text_put(sb, e->rule);
        sb_puts(sb, " (");
        text_put(sb, e->file);
        sb_printf(sb, ":%d): ", e->line);
        text_put(sb, e->message);
        sb_putc(sb, '\n');
    }
    /* most severe first; waived last */
    for (int s = HOGO_CRITICAL; s >= HOGO_INFO; s--) {
        int head = 0;
        for (size_t i = 0; i < r->n_findings; i++) {
            const hogo_finding *f = &r->findings[i];
            if (f->severity != (hogo_severity)s || f->waived) continue;
            if (!head) {
                sb_putc(sb, '\n');
                text_c(sb, c, text_sev_color[s]);
                sb_printf(sb, "  [%s]\n", outw_severity_word((hogo_severity)s, c->lang));
                text_c(sb, c, C_RESET);
                head = 1;
            }
            text_finding(sb, c, r, f);
        }
    }
    int head = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        if (!r->findings[i].waived) continue;
        if (!head) { sb_printf(sb, "\n  [%s]\n", text_w(c, "免除", "waived")); head = 1; }
        text_finding(sb, c, r, &r->findings[i]);
    }
}

/* For a batch: every plan by concern score, so the secretariat sees first
 * which plans the council will spend its time on. */
static void text_ranking(strbuf *sb, out_state *st, const out_ctx *c)
{
    if (st->nrank < 2) { out_rank_free(st); return; }
    out_rank_sort(st);
    sb_printf(sb, "\n%s\n", text_w(c, "懸念スコアの高い順", "Plans by concern score, highest first"));
    for (size_t i = 0; i < st->nrank; i++) {
        const out_rank *k = &st->rank[i];
        sb_printf(sb, "%4zu. %3d/100  ", i + 1, k->score);
        text_c(sb, c, k->verdict >= HOGO_INCOMPLETE ? text_sev_color[HOGO_HIGH]
                      : k->verdict == HOGO_APPROVE_WITH_CONDITIONS ? text_sev_color[HOGO_MEDIUM] : "");
        sb_puts(sb, k->screened ? outw_verdict_word(k->verdict, c->lang) : text_w(c, "読込不可", "unreadable"));
        text_c(sb, c, C_RESET);
        sb_puts(sb, "  [");
        text_counts(sb, c, k->by_severity);
        if (k->waived) {
            sb_printf(sb, text_w(c, "; 免除 %zu", "; waived %zu"), k->waived);
            if (k->waived_by) {
                sb_puts(sb, text_w(c, "（承認: ", " (by "));
                text_put(sb, k->waived_by);
                sb_puts(sb, text_w(c, "）", ")"));
            }
        }
        if (k->requested) sb_printf(sb, text_w(c, "; 適用除外の申出 %zu", "; waivers requested %zu"), k->requested);
        sb_puts(sb, "]  ");
        text_put(sb, k->title ? k->title : k->file);
        sb_puts(sb, "  (");
        text_put(sb, k->file);
        sb_puts(sb, ")\n");
    }
    if (st->unranked)
        sb_printf(sb, text_w(c, "（ほか%zu件は順位表に含めていません）\n", "(%zu more plans not ranked)\n"), st->unranked);
    out_rank_free(st);
}

static void text_end(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    text_ranking(sb, st, c);
    sb_printf(sb, "\n%s: %zu  %s: ", text_w(c, "計画", "plans"), s->plans, text_w(c, "指摘", "findings"));
    text_counts(sb, c, s->findings);
    if (s->waived) sb_printf(sb, "  %s: %zu", text_w(c, "免除", "waived"), s->waived);
    if (s->errors) sb_printf(sb, "  %s: %zu", text_w(c, "入力エラー", "input errors"), s->errors);
    if (s->rule_errors) sb_printf(sb, "  %s: %zu", text_w(c, "ルールエラー", "rule errors"), s->rule_errors);
    sb_printf(sb, "  %s %s: %zu\n", outw_severity_word(c->fail_on, c->lang),
              text_w(c, "以上の指摘がある計画", "or worse, plans"), s->failing_plans);
}

const out_format out_text = { "text", text_begin, text_plan, text_end };
