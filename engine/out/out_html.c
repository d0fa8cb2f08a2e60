/* out_html.c -- the council's papers: one self-contained HTML file for a
 * batch (inline CSS, no script, no external URL), printable on A4.
 *
 * The order on paper is the order a secretariat reads: a cover with the day
 * of screening and the plans ranked by concern score (who asks, when, for
 * what), a plans x topics overview coloured by severity, then one section
 * per plan in ranking order: its identity, then what is being decided (the
 * plan's own content: purpose, description, subjects and items with their
 * need, storage, transfers, contractors, retention, disposal, access; read
 * from hogo_result.plan, kept when hogo_options.keep_plan), score, verdict,
 * every finding with its follow-up (確認事項) and precedent (根拠), located
 * by the field's label, and a box for the council's 所見 and conclusion.
 * Plans arrive one at a time in input order and the cover needs them all,
 * so plan() keeps each section (html_aux) and end() writes cover, overview,
 * then the sections in the ranking's order.
 *
 * Field, value and topic words come from the vocabulary (vocab.h: the
 * schema's x-hogo annotations), the plan format's one home of words.
 *
 * Every string from a plan or a rule goes through outw_html (clean UTF-8, C1 and
 * bidi controls replaced, & < > " ' escaped), so a plan cannot inject markup
 * or reorder what a member reads.  out_html_css is the
 * one style sheet: `hogo serve` gives it to the page as /report.css, so the
 * page's print view and secretariat view look like this report. */
#include "out.h"
#include "out_common.h"
#include "vocab.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define L(c, ja, en) ((c)->lang == HOGO_EN ? (en) : (ja))

const char out_html_css[] =
":root{--crit:#7f1d1d;--high:#b91c1c;--med:#b45309;--low:#1d4ed8;--info:#475569;"
"--bg-crit:#fecaca;--bg-high:#fee2e2;--bg-med:#fef3c7;--bg-low:#dbeafe;--bg-info:#f1f5f9}\n"
"body.hogo-report{font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",\"Meiryo\",sans-serif;"
"color:#111;margin:0 auto;max-width:60rem;padding:1.5rem;line-height:1.55;font-size:11pt}\n"
".hogo-report h1{font-size:1.6rem;margin:0 0 .5rem}\n"
".hogo-report h2{font-size:1.25rem;border-bottom:2px solid #333;padding-bottom:.2rem;margin-top:1.5rem}\n"
".hogo-report h3{font-size:1.05rem;margin:1rem 0 .4rem}\n"
".hogo-report table{border-collapse:collapse;width:100%;margin:.5rem 0}\n"
".hogo-report th,.hogo-report td{border:1px solid #999;padding:.2rem .4rem;vertical-align:top;text-align:left}\n"
".hogo-report th{background:#eee}\n"
".hogo-report td.num{text-align:right;white-space:nowrap}\n"
".hogo-report .meta{color:#444}\n"
".hogo-report table.ranking .verdict{white-space:nowrap}\n"
".hogo-report dl.identity{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}\n"
".hogo-report dl.identity dt{font-weight:bold}\n"
".hogo-report dl.identity dd{margin:0}\n"
".hogo-report .score{font-size:1.3rem;font-weight:bold}\n"
".hogo-report .verdict{display:inline-block;padding:.05rem .5rem;border-radius:.3rem;font-weight:bold;border:1px solid}\n"
".verdict-approve{color:#166534;background:#dcfce7}\n"
".verdict-approve_with_conditions{color:var(--med);background:var(--bg-med)}\n"
".verdict-incomplete{color:var(--high);background:var(--bg-high)}\n"
".verdict-re_examine{color:var(--crit);background:var(--bg-crit)}\n"
".verdict-unreadable{color:#333;background:#e5e7eb}\n"
".hogo-report .finding{border-left:.35rem solid var(--info);padding:.3rem .6rem;margin:.5rem 0;"
"background:#fafafa;break-inside:avoid}\n"
".finding.sev-critical{border-color:var(--crit)}.finding.sev-high{border-color:var(--high)}"
".finding.sev-medium{border-color:var(--med)}.finding.sev-low{border-color:var(--low)}\n"
".finding.waived{opacity:.65}\n"
".hogo-report .sev{font-weight:bold;padding:0 .4rem;border-radius:.2rem}\n"
".sev.sev-critical,td.sev-critical{background:var(--bg-crit);color:var(--crit)}"
".sev.sev-high,td.sev-high{background:var(--bg-high);color:var(--high)}"
".sev.sev-medium,td.sev-medium{background:var(--bg-med);color:var(--med)}"
".sev.sev-low,td.sev-low{background:var(--bg-low);color:var(--low)}"
".sev.sev-info,td.sev-info{background:var(--bg-info);color:var(--info)}\n"
".hogo-report .where,.hogo-report code{font-family:ui-monospace,monospace;font-size:.9em;color:#444}\n"
".hogo-report .label{font-weight:bold;margin-right:.4rem}\n"
".hogo-report .errors li{color:var(--high)}\n"
".hogo-report table.overview th.topic{writing-mode:vertical-rl;white-space:nowrap;font-weight:normal;"
"font-size:.8rem;padding:.3rem .1rem}\n"
".hogo-report table.overview td.cell{text-align:center;font-size:.8rem;padding:.1rem;white-space:nowrap}\n"
".hogo-report .decided{border:1px solid #999;padding:.2rem .8rem;margin:.6rem 0;background:#fcfcfc}\n"
".hogo-report .decided dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.3rem 0}\n"
".hogo-report .decided dt{font-weight:bold}.hogo-report .decided dd{margin:0;white-space:pre-wrap}\n"
".hogo-report .decided table{font-size:.9rem}.hogo-report .decided h4{margin:.5rem 0 .1rem}\n"
".hogo-report .council-box{border:2px solid #333;padding:.4rem .8rem;margin:1rem 0;break-inside:avoid}\n"
".hogo-report .council-box .write{min-height:7rem;border-bottom:1px dashed #999;margin-bottom:.5rem}\n"
".hogo-report .council-box .choices span{margin-right:1.2rem;white-space:nowrap}\n"
".hogo-report .legend span{margin-right:.6rem}\n"
"@page{size:A4;margin:15mm 12mm}\n"
"@media print{body.hogo-report{max-width:none;padding:0;font-size:10pt}"
".hogo-report .cover,.hogo-report .overview-section{break-after:page}"
".hogo-report section.plan{break-before:page}"
".hogo-report h2,.hogo-report h3{break-after:avoid}"
".hogo-report tr{break-inside:avoid}"
".hogo-report th,.hogo-report td.sev-critical,.hogo-report td.sev-high,.hogo-report td.sev-medium,"
".hogo-report td.sev-low,.hogo-report td.sev-info,.hogo-report .sev,.hogo-report .verdict"
"{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* Plan and rule text, escaped; NULL writes nothing. */
static void html_text(strbuf *sb, const char *s)
{
    if (s) outw_html(sb, s);
}

/* A verdict as a coloured word; an unscreened plan is "unreadable". */
static void html_verdict(strbuf *sb, const out_ctx *c, int screened, hogo_verdict v)
{
    if (!screened) {
        sb_printf(sb, "<span class=\"verdict verdict-unreadable\">%s</span>", L(c, "読込不可", "unreadable"));
        return;
    }
    sb_printf(sb, "<span class=\"verdict verdict-%s\" data-verdict=\"%s\">%s</span>",
              outw_verdict_id(v), outw_verdict_id(v), outw_verdict_word(v, c->lang));
}

/* consultation kinds "a,b" (out_rank) in words. */
static void html_kinds(strbuf *sb, const out_ctx *c, const char *kinds)
{
    if (!kinds) return;
    const char *p = kinds;
    int n = 0;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char kind[64];
        if (len >= sizeof kind) len = sizeof kind - 1;
        memcpy(kind, p, len);
        kind[len] = '\0';
        if (n++) sb_puts(sb, L(c, "・", ", "));
        html_text(sb, outw_consultation_word(kind, c->lang));
        p += e ? (size_t)(e - p) + 1 : strlen(p);
    }
}

static void html_counts(strbuf *sb, const out_ctx *c, const size_t *by)
{
    int any = 0;
    for (int v = HOGO_CRITICAL; v >= HOGO_INFO; v--) {
        if (!by[v]) continue;
        sb_printf(sb, "%s<span class=\"sev sev-%s\">%s %zu</span>", any ? " " : "",
                  outw_severity_id((hogo_severity)v), outw_severity_word((hogo_severity)v, c->lang), by[v]);
        any = 1;
    }
    if (!any) sb_puts(sb, L(c, "なし", "none"));
}

/* The ranking's waived findings and who waived them (issue 20). */
static void html_waived(strbuf *sb, const out_ctx *c, const out_rank *k)
{
    if (k->waived) {
        sb_printf(sb, L(c, "<br>適用除外 %zu", "<br>waived %zu"), k->waived);
        if (k->waived_by) {
            sb_puts(sb, L(c, "（承認: ", " (by "));
            html_text(sb, k->waived_by);
            sb_puts(sb, L(c, "）", ")"));
        }
    }
    if (k->requested) sb_printf(sb, L(c, "<br>適用除外の申出 %zu", "<br>waivers requested %zu"), k->requested);
}

/* ---- the writer's state: each plan's section ---- */

typedef struct {
    strbuf *sec;                 /* sec[i]: the section of the plan with index i */
    char **ids;                  /* ids[i]: its 整理番号 or NULL (--papers-order id) */
    char **why;                  /* why[i]: why it could not be read (its first input
                                    error, with the line), NULL when it was screened */
    size_t nsec, capsec;
} html_aux;

static void html_aux_free(void *p)
{
    html_aux *a = p;
    if (!a) return;
    for (size_t i = 0; i < a->nsec; i++) { sb_free(&a->sec[i]); free(a->ids[i]); free(a->why[i]); }
    free(a->sec);
    free(a->ids);
    free(a->why);
    free(a);
}

/* ---- what is being decided: the plan's content, in the vocabulary's words ---- */

/* A field's label ("storage.location" -> 保存場所); the key when the format
 * does not name it. */
static const char *html_label(const char *path, const char *key, const out_ctx *c)
{
    const voc_field *f = voc_field_find(path);
    return f && f->word[c->lang] ? f->word[c->lang] : key;
}

static void html_scalar(strbuf *sb, const out_ctx *c, const char *path, const cJSON *v);

/* "a.b" + "." + key, in buf (the path voc_field_find reads). */
static const char *html_join(char *buf, size_t cap, const char *path, const char *key)
{
    snprintf(buf, cap, "%s%s%s", path, *path ? "." : "", key);
    return buf;
}

static void html_scalar(strbuf *sb, const out_ctx *c, const char *path, const cJSON *v)
{
    char sub[256];
    if (cJSON_IsNull(v)) sb_puts(sb, L(c, "該当しない", "not applicable"));
    else if (cJSON_IsTrue(v)) sb_puts(sb, L(c, "はい", "yes"));
    else if (cJSON_IsFalse(v)) sb_puts(sb, L(c, "いいえ", "no"));
    else if (cJSON_IsNumber(v)) sb_printf(sb, "%g", v->valuedouble);
    else if (cJSON_IsString(v)) {
        const voc_value *w = voc_value_find(voc_field_find(path), v->valuestring);
        html_text(sb, w && w->word[c->lang] ? w->word[c->lang] : v->valuestring);
    } else if (cJSON_IsArray(v)) {
        const cJSON *it;
        int i = 0;
        cJSON_ArrayForEach(it, v) {
            if (i++) sb_puts(sb, L(c, "、", ", "));
            html_scalar(sb, c, path, it);
        }
    } else if (cJSON_IsObject(v)) {
        const cJSON *it;
        int i = 0;
        cJSON_ArrayForEach(it, v) {
            if (i++) sb_puts(sb, L(c, "；", "; "));
            html_join(sub, sizeof sub, path, it->string);
            html_text(sb, html_label(sub, it->string, c));
            sb_puts(sb, L(c, "：", ": "));
            html_scalar(sb, c, sub, it);
        }
    }
}

/* A list of entries (storage, transfers, contractors…) as a table whose
 * columns are the format's fields of an entry that any entry states, in the
 * format's order. */
static void html_table(strbuf *sb, const out_ctx *c, const char *path, const cJSON *list)
{
    const voc_table *t = voc_get();
    const voc_field *owner = voc_field_find(path);
    size_t plen = strlen(path);
    const cJSON *e = NULL;
    sb_puts(sb, "<table><thead><tr>");
    for (int row = -1; row == -1 || e; row++) {
        if (row >= 0) sb_puts(sb, "<tr>");
        for (size_t i = 0; owner && i < t->n_fields; i++) {
            const voc_field *f = &t->fields[i];
            if (f->depth != owner->depth + 1 || strncmp(f->path, path, plen) || f->path[plen] != '.') continue;
            const cJSON *x;
            int used = 0;
            cJSON_ArrayForEach(x, list) if (cJSON_GetObjectItemCaseSensitive(x, f->name)) used = 1;
            if (!used) continue;
            if (row < 0) {
                sb_puts(sb, "<th>");
                html_text(sb, f->word[c->lang] ? f->word[c->lang] : f->name);
                sb_puts(sb, "</th>");
            } else {
                sb_puts(sb, "<td>");
                const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, f->name);
                if (v) html_scalar(sb, c, f->path, v);
                sb_puts(sb, "</td>");
            }
        }
        if (row < 0) { sb_puts(sb, "</tr></thead><tbody>\n"); e = list->child; }
        else { sb_puts(sb, "</tr>\n"); e = e->next; }
    }
    sb_puts(sb, "</tbody></table>\n");
}

/* One part of the plan under its label: a table of entries, a list of its
 * fields, or text; 「記載なし」 when the plan does not state it (the
 * findings take that up).  heading: 0 a line of a definition list, 1 a
 * part under its own heading, 2 a part of entries (one entry, as the format
 * allows for 委託 and 保存期間, is a table of one row). */
static void html_part(strbuf *sb, const out_ctx *c, const cJSON *owner, const char *opath, const char *key, int heading)
{
    char path[256];
    html_join(path, sizeof path, opath, key);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(owner, key);
    const char *label = html_label(path, key, c);
    const voc_field *f = voc_field_find(path);
    int entries = cJSON_IsArray(v) && cJSON_IsObject(cJSON_GetArrayItem(v, 0));
    int one = cJSON_IsObject(v) && (heading == 2 || (f && f->kind == VOC_LIST));   /* one entry */
    if (!heading && !entries && !one && !cJSON_IsObject(v)) {
        sb_puts(sb, "<dt>");
        html_text(sb, label);
        sb_puts(sb, "</dt><dd>");
        if (v) html_scalar(sb, c, path, v); else sb_puts(sb, L(c, "記載なし", "not stated"));
        sb_puts(sb, "</dd>\n");
        return;
    }
    sb_puts(sb, "<h4>");
    html_text(sb, label);
    sb_puts(sb, "</h4>\n");
    if (entries) html_table(sb, c, path, v);
    else if (one) {
        cJSON *wrap = cJSON_CreateArray();
        if (wrap && cJSON_AddItemReferenceToArray(wrap, (cJSON *)v)) html_table(sb, c, path, wrap);
        cJSON_Delete(wrap);
    } else if (cJSON_IsObject(v)) {                              /* a section of fields */
        sb_puts(sb, "<dl>\n");
        const cJSON *k;
        cJSON_ArrayForEach(k, v) html_part(sb, c, v, path, k->string, 0);
        sb_puts(sb, "</dl>\n");
    } else {
        sb_puts(sb, "<p>");
        if (v) html_scalar(sb, c, path, v); else sb_puts(sb, L(c, "記載なし", "not stated"));
        sb_puts(sb, "</p>\n");
    }
}

static void html_decided(strbuf *sb, const out_ctx *c, const hogo_result *r)
{
    cJSON *plan = r->plan ? cJSON_Parse(r->plan) : NULL;
    if (!cJSON_IsObject(plan)) { cJSON_Delete(plan); return; }
    sb_printf(sb, "<div class=\"decided\">\n<h3>%s</h3>\n<dl>\n", L(c, "審議する内容", "What is being decided"));
    const cJSON *cons = cJSON_GetObjectItemCaseSensitive(plan, "consultation");
    if (cJSON_IsObject(cons) && cJSON_GetObjectItemCaseSensitive(cons, "basis")) html_part(sb, c, cons, "consultation", "basis", 0);
    html_part(sb, c, plan, "", "purpose", 0);
    html_part(sb, c, plan, "", "description", 0);
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(plan, "data");
    if (cJSON_IsObject(data)) {
        static const char *const counts[] = { "persons", "annual" };
        for (size_t i = 0; i < 2; i++)
            if (cJSON_GetObjectItemCaseSensitive(data, counts[i])) html_part(sb, c, data, "data", counts[i], 0);
    }
    sb_puts(sb, "</dl>\n");
    if (cJSON_IsObject(data)) {
        html_part(sb, c, data, "data", "subjects", 1);
        html_part(sb, c, data, "data", "items", 1);
    } else html_part(sb, c, plan, "", "data", 1);
    static const char *const parts[] = { "storage", "transfers", "outsourcing", "retention", "disposal" };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) html_part(sb, c, plan, "", parts[i], 2);
    html_part(sb, c, plan, "", "access", 1);
    sb_puts(sb, "</div>\n");
    cJSON_Delete(plan);
}

static void html_council_box(strbuf *sb, const out_ctx *c)
{
    sb_printf(sb, "<div class=\"council-box\">\n<h3>%s</h3>\n<div class=\"write\"></div>\n"
              "<p class=\"choices\"><span class=\"label\">%s</span>",
              L(c, "審議会の所見", "The council's observations"), L(c, "結論", "Conclusion"));
    for (int v = HOGO_APPROVE; v <= HOGO_RE_EXAMINE; v++)
        if (v != HOGO_INCOMPLETE) sb_printf(sb, "<span>□ %s</span>", outw_verdict_word((hogo_verdict)v, c->lang));
    sb_printf(sb, "<span>□ %s</span></p>\n</div>\n", L(c, "その他（　　　　　　）", "other (          )"));
}

static void html_begin(strbuf *sb, out_state *st, const out_ctx *c)
{
    html_aux *a = calloc(1, sizeof *a);
    if (a) {
        st->aux = a;
        st->aux_free = html_aux_free;
    }
    sb_printf(sb, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              /* security: the file opened on its own (not served) has a policy too:
               * its inline style and nothing else (issue 20) */
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
              "<title>%s</title>\n<style>\n", L(c, "ja", "en"),
              L(c, "hogo 審査報告", "hogo screening report"));
    sb_puts(sb, out_html_css);
    sb_puts(sb, "</style>\n</head>\n<body class=\"hogo-report\">\n");
}

static void html_finding(strbuf *sb, const out_ctx *c, const hogo_finding *f)
{
    const char *sev = outw_severity_id(f->severity);
    sb_printf(sb, "<div class=\"finding sev-%s%s\" data-path=\"", sev, f->waived ? " waived" : "");
    html_text(sb, f->path);
    sb_puts(sb, "\" data-rule=\"");
    html_text(sb, f->rule);
    sb_printf(sb, "\">\n<p><span class=\"sev sev-%s\">%s</span> ", sev, outw_severity_word(f->severity, c->lang));
    if (f->waived) sb_printf(sb, "<s>%s</s> ", L(c, "適用除外", "waived"));
    sb_printf(sb, "<span class=\"where\">%s ", L(c, "箇所:", "At:"));
    if (f->path && *f->path) {          /* the field in the reader's words, escaped */
        strbuf w;
        sb_init(&w);
        outw_field_where(&w, f->path, c->lang);
        html_text(sb, sb_cstr(&w));
        if (sb_failed(&w)) sb->failed = 1;
        sb_free(&w);
    } else sb_puts(sb, L(c, "計画全体", "the whole plan"));
    sb_puts(sb, "</span> <span class=\"topic\">");
    html_text(sb, outw_topic_word(f->topic, c->lang));
    sb_puts(sb, "</span> <code class=\"rule-id\">");
    html_text(sb, f->rule);
    sb_puts(sb, "</code></p>\n<p class=\"message\">");
    html_text(sb, outw_lang(f->message, c->lang));
    sb_puts(sb, "</p>\n");
    const char *fu = outw_lang(f->follow_up, c->lang);
    if (*fu) {
        sb_printf(sb, "<p class=\"follow-up\"><span class=\"label\">%s</span>", L(c, "確認事項", "Follow-up"));
        html_text(sb, fu);
        sb_puts(sb, "</p>\n");
    }
    if (f->precedent && *f->precedent) {
        sb_printf(sb, "<p class=\"precedent\"><span class=\"label\">%s</span>", L(c, "根拠", "Precedent"));
        html_text(sb, f->precedent);
        sb_puts(sb, "</p>\n");
    }
    if (f->waived || f->waiver_requested) {
        sb_printf(sb, "<p class=\"waiver\"><span class=\"label\">%s</span>",
                  f->waived ? L(c, "適用除外の理由", "Waiver")
                            : L(c, "適用除外の申出（承認者の確認なし）", "Waiver requested (no listed approver)"));
        html_text(sb, f->waiver_reason);
        if (f->waived && f->waived_by) {
            sb_puts(sb, L(c, "（承認: ", " (approved by "));
            html_text(sb, f->waived_by);
            sb_puts(sb, L(c, "）", ")"));
        }
        sb_puts(sb, "</p>\n");
    }
    sb_puts(sb, "</div>\n");
}

static void html_dd(strbuf *sb, const char *label, const char *value)
{
    if (!value || !*value) return;
    sb_printf(sb, "<dt>%s</dt><dd>", label);
    html_text(sb, value);
    sb_puts(sb, "</dd>\n");
}

static void html_errors(strbuf *sb, const out_ctx *c, const hogo_result *r)
{
    if (r->n_errors) {
        sb_printf(sb, "<h3>%s</h3>\n<ul class=\"errors input-errors\">\n", L(c, "入力エラー", "Input errors"));
        for (size_t i = 0; i < r->n_errors; i++) {
            const hogo_input_error *e = &r->errors[i];
            sb_puts(sb, "<li data-path=\"");
            html_text(sb, e->path);
            sb_puts(sb, "\"><span class=\"where\">");
            html_text(sb, r->file);
            if (e->line > 0) sb_printf(sb, ":%d", e->line);
            if (e->path && *e->path) { sb_putc(sb, ' '); html_text(sb, e->path); }
            sb_puts(sb, "</span> ");
            html_text(sb, e->message);
            sb_puts(sb, "</li>\n");
        }
        sb_puts(sb, "</ul>\n");
    }
    if (r->n_rule_errors) {
        sb_printf(sb, "<h3>%s</h3>\n<ul class=\"errors rule-errors\">\n", L(c, "ルールエラー", "Rule errors"));
        for (size_t i = 0; i < r->n_rule_errors; i++) {
            const hogo_rule_error *e = &r->rule_errors[i];
            sb_puts(sb, "<li><code>");
            html_text(sb, e->rule);
            sb_puts(sb, "</code> <span class=\"where\">");
            html_text(sb, e->file);
            if (e->line > 0) sb_printf(sb, ":%d", e->line);
            sb_puts(sb, "</span> ");
            html_text(sb, e->message);
            sb_puts(sb, "</li>\n");
        }
        sb_puts(sb, "</ul>\n");
    }
}

/* One plan's section, kept in st->tail until end() has written the cover. */
static void html_plan(strbuf *out, out_state *st, const out_ctx *c, const hogo_result *r, size_t index)
{
    (void)out;
    html_aux *a = st->aux;
    strbuf *sb = &st->tail;
    if (a && a->nsec == a->capsec) {
        size_t n = a->capsec ? a->capsec * 2 : 16;
        strbuf *p = realloc(a->sec, n * sizeof *p);
        if (p) a->sec = p;
        char **q = realloc(a->ids, n * sizeof *q);
        if (q) a->ids = q;
        char **w = realloc(a->why, n * sizeof *w);
        if (w) a->why = w;
        if (p && q && w) a->capsec = n;
    }
    if (a && a->nsec < a->capsec && index == a->nsec) {
        a->ids[a->nsec] = r->id ? strdup(r->id) : NULL;
        a->why[a->nsec] = NULL;
        if (!r->screened && r->n_errors) {
            strbuf m;
            sb_init(&m);
            if (r->errors[0].line > 0) sb_printf(&m, L(c, "%d行目: ", "line %d: "), r->errors[0].line);
            sb_puts(&m, r->errors[0].message ? r->errors[0].message : "");
            a->why[a->nsec] = sb_failed(&m) ? NULL : sb_steal(&m);
            sb_free(&m);
        }
        sb = &a->sec[a->nsec++];
        sb_init(sb);
    }
    out_rank_add(st, r, index);
    sb_printf(sb, "<section class=\"plan\" id=\"plan-%zu\">\n<h2>", index + 1);
    html_text(sb, r->title && *r->title ? r->title : r->file);
    sb_puts(sb, "</h2>\n<dl class=\"identity\">\n");
    html_dd(sb, L(c, "件名", "Title"), r->title);
    html_dd(sb, L(c, "担当課", "Department"), r->department);
    html_dd(sb, L(c, "実施機関", "Public body"), r->organization);
    html_dd(sb, L(c, "日付", "Date"), r->date);
    if (r->n_consultation) {
        sb_printf(sb, "<dt>%s</dt><dd>", L(c, "諮問の種類", "Consultation"));
        for (size_t i = 0; i < r->n_consultation; i++) {
            if (i) sb_puts(sb, L(c, "・", ", "));
            html_text(sb, outw_consultation_word(r->consultation[i], c->lang));
        }
        sb_puts(sb, "</dd>\n");
    }
    html_dd(sb, L(c, "整理番号", "Reference"), r->id);
    html_dd(sb, L(c, "ファイル", "File"), r->file);
    sb_puts(sb, "</dl>\n<p>");
    if (r->screened)
        sb_printf(sb, "%s <span class=\"score\">%d</span>/100 &nbsp; %s ",
                  L(c, "懸念スコア", "Concern score"), r->score, L(c, "判定", "Verdict"));
    else
        sb_printf(sb, "%s ", L(c, "入力エラーのため審査できませんでした。", "Not screened: the plan has input errors."));
    html_verdict(sb, c, r->screened, r->verdict);
    sb_puts(sb, " &nbsp; ");
    html_counts(sb, c, r->by_severity);
    sb_puts(sb, "</p>\n");
    html_decided(sb, c, r);

    if (r->n_findings) {
        sb_printf(sb, "<h3>%s</h3>\n", L(c, "指摘事項", "Findings"));
        size_t *order = outw_by_severity(r);          /* most severe first */
        for (size_t i = 0; i < r->n_findings; i++)
            html_finding(sb, c, &r->findings[order ? order[i] : i]);
        free(order);
    } else if (r->screened) {
        sb_printf(sb, "<p>%s</p>\n", L(c, "指摘事項はありません。", "No findings."));
    }
    html_errors(sb, c, r);
    if (r->screened) html_council_box(sb, c);
    sb_puts(sb, "</section>\n");
    st->plans++;
}

static void html_cover(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    /* The day of screening: --today when given (so a report can be made
     * again the same on another day), else the clock's, in UTC. */
    char day[16] = "";
    if (!c->today || !hogo_parse_date(c->today, day)) {
        time_t now = time(NULL);
        struct tm tm;
        if (gmtime_r(&now, &tm)) strftime(day, sizeof day, "%Y-%m-%d", &tm);
    }
    sb_printf(sb, "<section class=\"cover\">\n<h1>%s</h1>\n<p class=\"meta\">%s %s &nbsp; hogo ",
              L(c, "個人情報保護審議会 審査資料（hogo による事前審査）",
                   "Personal information protection council: screening report (hogo)"),
              L(c, "審査日", "Screened on"), day);
    html_text(sb, c->tool_version ? c->tool_version : HOGO_VERSION);
    if (c->pack_version) {
        sb_puts(sb, L(c, "、ルールパック ", ", rule pack "));
        html_text(sb, c->pack_version);
    }
    sb_printf(sb, " &nbsp; %s %zu</p>\n", L(c, "計画数", "Plans"), s ? s->plans : st->nrank);
    sb_printf(sb, "<h2>%s</h2>\n<table class=\"ranking\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th>"
              "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
              L(c, "懸念スコアの高い順", "Plans by concern score"), L(c, "順位", "Rank"),
              L(c, "スコア", "Score"), L(c, "判定", "Verdict"), L(c, "件名", "Title"),
              L(c, "担当課", "Department"), L(c, "日付", "Date"), L(c, "諮問の種類", "Consultation"),
              L(c, "指摘", "Findings"));
    size_t shown = 0, unread = 0;
    for (size_t i = 0; i < st->nrank; i++) {
        const out_rank *k = &st->rank[i];
        if (!k->screened) { unread++; continue; }   /* not ranked: listed apart below */
        sb_printf(sb, "<tr><td class=\"num\">%zu</td><td class=\"num\">%d</td><td>", ++shown, k->score);
        html_verdict(sb, c, k->screened, k->verdict);
        sb_printf(sb, "</td><td><a href=\"#plan-%zu\">", k->index + 1);
        html_text(sb, k->title ? k->title : k->file);
        sb_puts(sb, "</a></td><td>");
        html_text(sb, k->department);
        sb_puts(sb, "</td><td>");
        html_text(sb, k->date);
        sb_puts(sb, "</td><td>");
        html_kinds(sb, c, k->consultation);
        sb_puts(sb, "</td><td>");
        html_counts(sb, c, k->by_severity);
        html_waived(sb, c, k);
        sb_puts(sb, "</td></tr>\n");
    }
    sb_puts(sb, "</tbody>\n</table>\n");
    if (unread) {
        const html_aux *a = st->aux;
        sb_printf(sb, "<h3>%s</h3>\n<ul class=\"errors unreadable\">\n",
                  L(c, "読めなかった計画（順位表に含めていません）", "Plans that could not be read (not ranked)"));
        for (size_t i = 0; i < st->nrank; i++) {
            const out_rank *k = &st->rank[i];
            if (k->screened) continue;
            sb_printf(sb, "<li><a href=\"#plan-%zu\">", k->index + 1);
            html_text(sb, k->file);
            sb_puts(sb, "</a> ");
            if (a && k->index < a->nsec && a->why[k->index]) html_text(sb, a->why[k->index]);
            sb_puts(sb, "</li>\n");
        }
        sb_puts(sb, "</ul>\n");
    }
    if (st->unranked)
        sb_printf(sb, L(c, "<p>（ほか%zu件は順位表に含めていません）</p>\n", "<p>(%zu more plans not ranked)</p>\n"),
                  st->unranked);
    if (s) {
        sb_printf(sb, "<p class=\"meta\">%s: ", L(c, "指摘の合計", "Findings in all"));
        html_counts(sb, c, s->findings);
        if (s->waived) sb_printf(sb, L(c, " / 適用除外 %zu", " / waived %zu"), s->waived);
        if (s->errors) sb_printf(sb, L(c, " / 入力エラーのある計画 %zu", " / plans with input errors %zu"), s->errors);
        if (s->rule_errors) sb_printf(sb, L(c, " / ルールエラー %zu", " / rule errors %zu"), s->rule_errors);
        sb_puts(sb, "</p>\n");
    }
    sb_puts(sb, "</section>\n");
}

/* Plans (ranked) x the topics any of them raised, the worst unwaived
 * severity in each cell: where the council's questions will cluster. */
static void html_overview(strbuf *sb, out_state *st, const out_ctx *c)
{
    size_t nt = hogo_topic_count();
    unsigned char *used = calloc(nt ? nt : 1, 1);
    if (!used) { sb->failed = 1; return; }
    size_t ncol = 0;
    for (size_t t = 0; t < nt; t++)
        for (size_t i = 0; i < st->nrank && !used[t]; i++)
            if (st->rank[i].topic_sev && st->rank[i].topic_sev[t]) { used[t] = 1; ncol++; }
    sb_printf(sb, "<section class=\"overview-section\">\n<h2>%s</h2>\n",
              L(c, "計画と論点の一覧", "Plans by topic"));
    if (!ncol) {
        sb_printf(sb, "<p>%s</p>\n</section>\n", L(c, "指摘のある論点はありません。", "No topic was raised."));
        free(used);
        return;
    }
    sb_puts(sb, "<p class=\"legend\">");
    for (int v = HOGO_CRITICAL; v >= HOGO_INFO; v--)
        sb_printf(sb, "<span class=\"sev sev-%s\">%s</span>", outw_severity_id((hogo_severity)v),
                  outw_severity_word((hogo_severity)v, c->lang));
    sb_printf(sb, "</p>\n<table class=\"overview\">\n<thead><tr><th>%s</th>", L(c, "計画", "Plan"));
    for (size_t t = 0; t < nt; t++)
        if (used[t]) {
            sb_puts(sb, "<th class=\"topic\">");
            html_text(sb, outw_topic_word(hogo_topic(t), c->lang));
            sb_puts(sb, "</th>");
        }
    sb_puts(sb, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < st->nrank; i++) {
        const out_rank *k = &st->rank[i];
        if (!k->screened) continue;
        sb_printf(sb, "<tr><th><a href=\"#plan-%zu\">", k->index + 1);
        html_text(sb, k->title ? k->title : k->file);
        sb_puts(sb, "</a></th>");
        for (size_t t = 0; t < nt; t++) {
            if (!used[t]) continue;
            unsigned v = k->topic_sev ? k->topic_sev[t] : 0;
            if (v) {
                sb_printf(sb, "<td class=\"cell sev-%s\" title=\"", outw_severity_id((hogo_severity)(v - 1)));
                html_text(sb, outw_topic_word(hogo_topic(t), c->lang));
                sb_printf(sb, "\">%s</td>", outw_severity_word((hogo_severity)(v - 1), c->lang));
            }
            else sb_puts(sb, "<td class=\"cell\"></td>");
        }
        sb_puts(sb, "</tr>\n");
    }
    sb_puts(sb, "</tbody>\n</table>\n</section>\n");
    free(used);
}

/* By 整理番号: plans with an id in its order, then those without, in input
 * order.  (qsort has no context argument in C11; end() runs on the one
 * thread that writes this output, and html_ids is set just before.) */
static _Thread_local char **html_ids;
static int html_id_cmp(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    const char *a = html_ids[i], *b = html_ids[j];
    if (a && b) { int d = strcmp(a, b); if (d) return d; }
    else if (a || b) return a ? -1 : 1;
    return i < j ? -1 : i > j;
}

static void html_end(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    out_rank_sort(st);
    html_cover(sb, st, c, s);
    html_overview(sb, st, c);
    /* the plans' sections in the ranking's order; those not ranked (past
     * OUT_RANK_MAX) or kept in tail (out of memory) after, in input order */
    html_aux *a = st->aux;
    unsigned char *done = a && a->nsec ? calloc(a->nsec, 1) : NULL;
    size_t *byid = a && c->papers_by_id && a->nsec ? malloc(a->nsec * sizeof *byid) : NULL;
    if (byid) {
        for (size_t i = 0; i < a->nsec; i++) byid[i] = i;
        html_ids = a->ids;
        qsort(byid, a->nsec, sizeof *byid, html_id_cmp);
        for (size_t i = 0; i < a->nsec; i++) {
            done[byid[i]] = 1;
            sb_add(sb, a->sec[byid[i]].data ? a->sec[byid[i]].data : "", a->sec[byid[i]].len);
        }
        free(byid);
    }
    for (int pass = 0; a && done && pass < 2; pass++) {   /* screened first, then the unreadable */
        for (size_t i = 0; i < st->nrank; i++) {
            size_t k = st->rank[i].index;
            if (st->rank[i].screened != !pass) continue;
            if (k < a->nsec && !done[k]) {
                done[k] = 1;
                sb_add(sb, a->sec[k].data ? a->sec[k].data : "", a->sec[k].len);
                if (sb_failed(&a->sec[k])) sb->failed = 1;
            }
        }
    }
    for (size_t k = 0; a && k < a->nsec; k++)
        if (!done || !done[k]) {
            sb_add(sb, a->sec[k].data ? a->sec[k].data : "", a->sec[k].len);
            if (sb_failed(&a->sec[k])) sb->failed = 1;
        }
    free(done);
    sb_add(sb, st->tail.data ? st->tail.data : "", st->tail.len);
    if (sb_failed(&st->tail)) sb->failed = 1;
    html_aux_free(a);
    st->aux = NULL;
    st->aux_free = NULL;
    sb_free(&st->tail);
    out_rank_free(st);
    sb_puts(sb, "</body>\n</html>\n");
}

const out_format out_html = { "html", html_begin, html_plan, html_end };
