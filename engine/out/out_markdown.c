/* out_markdown.c -- a report for a pull-request comment or the council's
 * agenda papers (GitHub-flavoured Markdown).  A heading, then per plan a
 * section "## title (file)" with score, verdict and a table of findings
 * (most severe first, waived ones marked), the plan's input and rule errors, and at the end a
 * summary table of counts.  Everything is in ctx->lang; every piece of text
 * from a plan or a rule goes through outw_md (sb_md_cell over clean UTF-8). */
#include "out.h"
#include "out_common.h"

#include <stdlib.h>
#include <string.h>

#define L(c, ja, en) ((c)->lang == HOGO_EN ? (en) : (ja))

/* Text for a heading or a list item: one line, escaped like a cell. */
static void md_line(strbuf *sb, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, "\r\n")) { outw_md(sb, s); return; }
    strbuf t;
    sb_init(&t);
    for (; *s; s++) sb_putc(&t, *s == '\n' || *s == '\r' ? ' ' : *s);
    outw_md(sb, sb_cstr(&t));
    if (sb_failed(&t)) sb->failed = 1;
    sb_free(&t);
}

/* An identifier (rule id, topic, JSON pointer) as a code span when it can be
 * one: a backtick would end the span, and inside one the &lt; that
 * sb_md_cell writes for '<' would show literally. */
static void md_code(strbuf *sb, const char *s)
{
    if (!s || !*s) return;
    if (strpbrk(s, "`<\r\n")) { md_line(sb, s); return; }
    sb_putc(sb, '`');
    outw_md(sb, s);
    sb_putc(sb, '`');
}

/* file:line, and the field in the reader's words (the JSON pointer is in
 * the JSON and SARIF reports). */
static void md_where(strbuf *sb, const char *file, int line, const char *path, hogo_lang lang)
{
    md_line(sb, file);
    if (line > 0) sb_printf(sb, ":%d", line);
    if (path && *path) {
        strbuf w;
        sb_init(&w);
        outw_field_where(&w, path, lang);
        if (w.len) {
            sb_puts(sb, "<br>");
            md_line(sb, sb_cstr(&w));
        }
        if (sb_failed(&w)) sb->failed = 1;
        sb_free(&w);
    }
}

static void md_begin(strbuf *sb, out_state *st, const out_ctx *c)
{
    st->items = 0;
    sb_puts(sb, L(c, "# hogo 審査報告\n\n", "# hogo screening report\n\n"));
    sb_puts(sb, "hogo ");
    md_line(sb, c->tool_version ? c->tool_version : HOGO_VERSION);
    if (c->pack_version) {
        sb_puts(sb, L(c, "、ルールパック ", ", rule pack "));
        md_line(sb, c->pack_version);
    }
    sb_puts(sb, "\n");
}

static void md_finding_row(strbuf *sb, const out_ctx *c, const hogo_result *r,
                           const hogo_finding *f)
{
    sb_puts(sb, "| ");
    if (f->waived) {
        sb_puts(sb, "~~");
        sb_puts(sb, outw_severity_word(f->severity, c->lang));
        sb_puts(sb, L(c, "~~ 適用除外", "~~ waived"));
    } else {
        sb_puts(sb, outw_severity_word(f->severity, c->lang));
    }
    sb_puts(sb, " | ");
    md_code(sb, f->rule);
    sb_puts(sb, " | ");
    md_line(sb, outw_topic_word(f->topic, c->lang));
    sb_puts(sb, " | ");
    md_where(sb, r->file, f->line, f->path, c->lang);
    sb_puts(sb, " | ");
    outw_md(sb, outw_lang(f->message, c->lang));
    if (f->waived) {
        sb_puts(sb, L(c, "<br>適用除外の理由: ", "<br>waiver: "));
        outw_md(sb, f->waiver_reason);
    }
    sb_puts(sb, " | ");
    outw_md(sb, outw_lang(f->follow_up, c->lang));
    sb_puts(sb, " |\n");
}

static void md_plan(strbuf *sb, out_state *st, const out_ctx *c, const hogo_result *r,
                    size_t index)
{
    out_rank_add(st, r, index);
    sb_puts(sb, "\n## ");
    if (r->title && *r->title) {
        md_line(sb, r->title);
        sb_puts(sb, " (");
        md_line(sb, r->file);
        sb_puts(sb, ")\n\n");
    } else {
        md_line(sb, r->file);
        sb_puts(sb, "\n\n");
    }
    if (r->id && *r->id) {
        sb_puts(sb, L(c, "- 整理番号: ", "- id: "));
        md_line(sb, r->id);
        sb_putc(sb, '\n');
    }
    strbuf who;                                 /* plan text: escaped by md_line */
    sb_init(&who);
    outw_identity(&who, r, c->lang);
    if (who.len) { sb_puts(sb, "- "); md_line(sb, sb_cstr(&who)); sb_putc(sb, '\n'); }
    sb_free(&who);
    if (r->screened) {
        sb_printf(sb, L(c, "- 懸念スコア: **%d**/100\n", "- concern score: **%d**/100\n"),
                  r->score);
        sb_puts(sb, L(c, "- 判定: **", "- verdict: **"));
        sb_puts(sb, outw_verdict_word(r->verdict, c->lang));
        sb_puts(sb, "**\n");
    } else {
        sb_puts(sb, L(c, "- 入力エラーのため審査できませんでした\n",
                         "- not screened: the plan has input errors\n"));
    }
    sb_putc(sb, '\n');

    if (r->n_findings) {
        sb_puts(sb, L(c, "| 重要度 | ルール | 論点 | 箇所 | 指摘 | 確認事項 |\n",
                         "| severity | rule | topic | where | finding | follow-up |\n"));
        sb_puts(sb, "|---|---|---|---|---|---|\n");
        size_t *order = outw_by_severity(r);          /* most severe first */
        for (size_t i = 0; i < r->n_findings; i++)
            md_finding_row(sb, c, r, &r->findings[order ? order[i] : i]);
        free(order);
        sb_putc(sb, '\n');
    } else if (r->screened) {
        sb_puts(sb, L(c, "指摘事項はありません。\n\n", "No findings.\n\n"));
    }

    if (r->n_errors) {
        sb_puts(sb, L(c, "### 入力エラー\n\n", "### Input errors\n\n"));
        for (size_t i = 0; i < r->n_errors; i++) {
            const hogo_input_error *e = &r->errors[i];
            sb_puts(sb, "- ");
            md_line(sb, r->file);
            if (e->line > 0) sb_printf(sb, ":%d", e->line);
            if (e->path && *e->path) { sb_putc(sb, ' '); md_code(sb, e->path); }
            sb_puts(sb, ": ");
            md_line(sb, e->message);
            sb_putc(sb, '\n');
        }
        sb_putc(sb, '\n');
    }
    if (r->n_rule_errors) {
        sb_puts(sb, L(c, "### ルールエラー\n\n", "### Rule errors\n\n"));
        for (size_t i = 0; i < r->n_rule_errors; i++) {
            const hogo_rule_error *e = &r->rule_errors[i];
            sb_puts(sb, "- ");
            md_code(sb, e->rule);
            sb_puts(sb, " (");
            md_line(sb, e->file);
            if (e->line > 0) sb_printf(sb, ":%d", e->line);
            sb_puts(sb, "): ");
            md_line(sb, e->message);
            sb_putc(sb, '\n');
        }
        sb_putc(sb, '\n');
    }
    st->items++;
}

/* For a session's agenda papers: every plan by concern score. */
static void md_ranking(strbuf *sb, out_state *st, const out_ctx *c)
{
    if (st->nrank < 2) { out_rank_free(st); return; }
    out_rank_sort(st);
    sb_puts(sb, L(c, "\n## 懸念スコアの高い順\n\n| 順位 | スコア | 判定 | 指摘 | 計画 | ファイル |\n|---:|---:|---|---|---|---|\n",
                     "\n## Plans by concern score\n\n| rank | score | verdict | findings | plan | file |\n|---:|---:|---|---|---|---|\n"));
    for (size_t i = 0; i < st->nrank; i++) {
        const out_rank *k = &st->rank[i];
        sb_printf(sb, "| %zu | %d | %s | ", i + 1, k->score,
                  k->screened ? outw_verdict_word(k->verdict, c->lang) : L(c, "読込不可", "unreadable"));
        int any = 0;
        for (int v = HOGO_CRITICAL; v >= HOGO_INFO; v--) {
            if (!k->by_severity[v]) continue;
            sb_printf(sb, "%s%s %zu", any ? ", " : "", outw_severity_word((hogo_severity)v, c->lang), k->by_severity[v]);
            any = 1;
        }
        sb_puts(sb, " | ");
        outw_md(sb, k->title ? k->title : "");
        sb_puts(sb, " | ");
        outw_md(sb, k->file);
        sb_puts(sb, " |\n");
    }
    if (st->unranked) sb_printf(sb, L(c, "\n（ほか%zu件は順位表に含めていません）\n", "\n(%zu more plans not ranked)\n"), st->unranked);
    out_rank_free(st);
}

static void md_end(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    md_ranking(sb, st, c);
    if (!s) return;
    sb_puts(sb, L(c, "\n## 集計\n\n| 項目 | 件数 |\n|---|---:|\n",
                     "\n## Summary\n\n| | count |\n|---|---:|\n"));
    sb_printf(sb, L(c, "| 計画 | %zu |\n", "| plans | %zu |\n"), s->plans);
    for (int i = HOGO_SEVERITY_COUNT - 1; i >= 0; i--)
        sb_printf(sb, L(c, "| 指摘（%s） | %zu |\n", "| %s findings | %zu |\n"),
                  outw_severity_word((hogo_severity)i, c->lang), s->findings[i]);
    sb_printf(sb, L(c, "| 適用除外の指摘 | %zu |\n", "| waived findings | %zu |\n"), s->waived);
    sb_printf(sb, L(c, "| 入力エラーのある計画 | %zu |\n", "| plans with input errors | %zu |\n"),
              s->errors);
    sb_printf(sb, L(c, "| ルールエラー | %zu |\n", "| rule errors | %zu |\n"), s->rule_errors);
    sb_printf(sb, L(c, "| %s以上の指摘がある計画 | %zu |\n",
                       "| plans with findings at or above %s | %zu |\n"),
              outw_severity_word(c->fail_on, c->lang), s->failing_plans);
}

const out_format out_markdown = { "markdown", md_begin, md_plan, md_end };
