/* out_junit.c -- JUnit XML, for CI systems that show test reports (GitLab,
 * Jenkins, Azure DevOps, GitHub test-report actions).
 *
 * One <testsuite> per plan holding one <testcase> per plan.  The counts a
 * <testsuite> carries must be written in its start tag, and the batch totals
 * are only known at the end, so a single batch-wide suite cannot be streamed;
 * a suite per plan has its counts at hand when it is written.  <testsuites>
 * therefore carries no counts (consumers add the suites up); end() leaves the
 * totals in a comment.
 *
 * The testcase of a plan:
 *   <error>    input errors (the plan could not be read) and rule errors;
 *   <failure>  when an unwaived finding is at or above ctx->fail_on; its text
 *              lists every unwaived finding, most severe first;
 *   <system-out> waived findings, and the findings of a plan that passes.
 * Elements come in the order error, failure, system-out (as the Jenkins/Ant
 * schemas expect).  Suite counts: errors="1" when there is an <error>;
 * failures="1" when there is a <failure> and no <error>, so that
 * failures + errors never exceeds tests. */
#include "out.h"
#include "out_common.h"

#include <stdio.h>
#include <stdlib.h>

static void attr(strbuf *sb, const char *name, const char *value)
{
    sb_printf(sb, " %s=\"", name);
    outw_xml(sb, value);
    sb_putc(sb, '"');
}

static void property(strbuf *sb, const char *name, const char *value)
{
    if (!value) return;
    sb_printf(sb, "      <property name=\"%s\"", name);
    attr(sb, "value", value);
    sb_puts(sb, "/>\n");
}

/* "file:line path" for a finding or an error. */
static void where(strbuf *sb, const char *file, int line, const char *path)
{
    outw_xml(sb, file);
    if (line > 0) sb_printf(sb, ":%d", line);
    if (path && *path) {
        sb_putc(sb, ' ');
        outw_xml(sb, path);
    }
}

static void finding_text(strbuf *sb, const out_ctx *c, const hogo_result *r,
                         const hogo_finding *f)
{
    int en = c->lang == HOGO_EN;
    sb_puts(sb, "[");
    outw_xml(sb, outw_severity_word(f->severity, c->lang));
    sb_puts(sb, "] ");
    outw_xml(sb, f->rule);
    if (f->topic && *f->topic) {
        sb_puts(sb, " (");
        outw_xml(sb, f->topic);
        sb_putc(sb, ')');
    }
    sb_puts(sb, " ");
    where(sb, r->file, f->line, f->path);
    sb_puts(sb, en ? "\n  finding: " : "\n  指摘: ");
    outw_xml(sb, outw_lang(f->message, c->lang));
    const char *fu = outw_lang(f->follow_up, c->lang);
    if (*fu) {
        sb_puts(sb, en ? "\n  follow-up: " : "\n  確認事項: ");
        outw_xml(sb, fu);
    }
    if (f->precedent && *f->precedent) {
        sb_puts(sb, en ? "\n  precedent: " : "\n  先例: ");
        outw_xml(sb, f->precedent);
    }
    if (f->waived) {
        sb_puts(sb, en ? "\n  waived: " : "\n  適用除外: ");
        outw_xml(sb, f->waiver_reason ? f->waiver_reason : "");
    }
    sb_putc(sb, '\n');
}

static void junit_begin(strbuf *sb, out_state *st, const out_ctx *c)
{
    (void)c;
    st->items = 0;
    sb_puts(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hogo\">\n");
}

static void junit_plan(strbuf *sb, out_state *st, const out_ctx *c, const hogo_result *r,
                       size_t index)
{
    (void)index;
    int en = c->lang == HOGO_EN;
    const char *file = r->file ? r->file : "";
    int has_error = r->n_errors > 0 || r->n_rule_errors > 0;
    int failing = outw_failing(r, c->fail_on);
    size_t unwaived = 0, waived = 0, at_or_above = 0;
    for (size_t i = 0; i < r->n_findings; i++) {
        if (r->findings[i].waived) { waived++; continue; }
        unwaived++;
        if (r->findings[i].severity >= c->fail_on) at_or_above++;
    }

    sb_puts(sb, "  <testsuite");
    attr(sb, "name", file);
    sb_printf(sb, " tests=\"1\" failures=\"%d\" errors=\"%d\" skipped=\"0\">\n",
              failing && !has_error, has_error);
    if (r->id || r->title || r->department || r->organization || r->date || r->n_consultation || r->screened) {       /* <properties> may not be empty */
        sb_puts(sb, "    <properties>\n");
        property(sb, "id", r->id);
        property(sb, "title", r->title);
        property(sb, "department", r->department);
        property(sb, "organization", r->organization);
        property(sb, "date", r->date);
        for (size_t i = 0; i < r->n_consultation; i++)
            property(sb, "consultation", r->consultation[i]);
        if (r->screened) {
            char num[16];
            snprintf(num, sizeof num, "%d", r->score);
            property(sb, "score", num);
            property(sb, "verdict", outw_verdict_id(r->verdict));
        }
        sb_puts(sb, "    </properties>\n");
    }

    sb_puts(sb, "    <testcase classname=\"hogo\"");
    attr(sb, "name", file);
    sb_puts(sb, ">\n");

    if (has_error) {
        const char *type = r->n_errors && r->n_rule_errors ? "input,rule"
                         : r->n_errors ? "input" : "rule";
        sb_puts(sb, "      <error");
        strbuf m;
        sb_init(&m);
        if (r->n_errors)
            sb_printf(&m, en ? "%zu input error(s)" : "入力エラー %zu件", r->n_errors);
        if (r->n_rule_errors)
            sb_printf(&m, en ? "%s%zu rule error(s)" : "%sルールエラー %zu件",
                      m.len ? (en ? ", " : "、") : "", r->n_rule_errors);
        attr(sb, "message", sb_cstr(&m));
        if (sb_failed(&m)) sb->failed = 1;
        sb_free(&m);
        attr(sb, "type", type);
        sb_puts(sb, ">");
        for (size_t i = 0; i < r->n_errors; i++) {
            const hogo_input_error *e = &r->errors[i];
            sb_puts(sb, en ? "input error: " : "入力エラー: ");
            where(sb, file, e->line, e->path);
            sb_puts(sb, ": ");
            outw_xml(sb, e->message);
            sb_putc(sb, '\n');
        }
        for (size_t i = 0; i < r->n_rule_errors; i++) {
            const hogo_rule_error *e = &r->rule_errors[i];
            sb_puts(sb, en ? "rule error: " : "ルールエラー: ");
            outw_xml(sb, e->rule);
            sb_puts(sb, " (");
            outw_xml(sb, e->file);
            if (e->line > 0) sb_printf(sb, ":%d", e->line);
            sb_puts(sb, "): ");
            outw_xml(sb, e->message);
            sb_putc(sb, '\n');
        }
        sb_puts(sb, "</error>\n");
    }

    size_t *order = outw_by_severity(r);              /* most severe first */

    /* The header line of a report block: title (file), score, verdict. */
    strbuf head;
    sb_init(&head);
    if (r->title) { outw_xml(&head, r->title); sb_puts(&head, " ("); }
    outw_xml(&head, file);
    if (r->title) sb_putc(&head, ')');
    if (r->screened)
        sb_printf(&head, en ? ": score %d/100, verdict: %s\n" : ": 懸念スコア %d/100、判定: %s\n",
                  r->score, outw_verdict_word(r->verdict, c->lang));
    else
        sb_putc(&head, '\n');

    if (failing) {
        strbuf m;
        sb_init(&m);
        if (en)
            sb_printf(&m, "%zu finding(s) at or above %s", at_or_above,
                      outw_severity_id(c->fail_on));
        else
            sb_printf(&m, "%s以上の指摘 %zu件", outw_severity_word(c->fail_on, c->lang),
                      at_or_above);
        sb_puts(sb, "      <failure");
        attr(sb, "message", sb_cstr(&m));
        if (sb_failed(&m)) sb->failed = 1;
        sb_free(&m);
        hogo_severity top = HOGO_INFO;
        for (size_t i = 0; i < r->n_findings; i++)
            if (!r->findings[i].waived && r->findings[i].severity > top)
                top = r->findings[i].severity;
        attr(sb, "type", outw_severity_id(top));
        sb_puts(sb, ">");
        sb_add(sb, head.data, head.len);
        for (size_t i = 0; i < r->n_findings; i++) {
            const hogo_finding *f = &r->findings[order ? order[i] : i];
            if (!f->waived) finding_text(sb, c, r, f);
        }
        sb_puts(sb, "</failure>\n");
    }

    if (waived || (!failing && unwaived)) {
        sb_puts(sb, "      <system-out>");
        sb_add(sb, head.data, head.len);
        if (!failing && unwaived) {
            sb_puts(sb, en ? "findings below the fail-on level:\n" : "基準未満の指摘:\n");
            for (size_t i = 0; i < r->n_findings; i++) {
                const hogo_finding *f = &r->findings[order ? order[i] : i];
                if (!f->waived) finding_text(sb, c, r, f);
            }
        }
        if (waived) {
            sb_puts(sb, en ? "waived findings:\n" : "適用除外の指摘:\n");
            for (size_t i = 0; i < r->n_findings; i++) {
                const hogo_finding *f = &r->findings[order ? order[i] : i];
                if (f->waived) finding_text(sb, c, r, f);
            }
        }
        sb_puts(sb, "</system-out>\n");
    }
    if (sb_failed(&head)) sb->failed = 1;
    sb_free(&head);
    free(order);

    sb_puts(sb, "    </testcase>\n  </testsuite>\n");
    st->items++;
}

static void junit_end(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    (void)st;
    (void)c;
    if (s)
        sb_printf(sb, "  <!-- hogo: %zu plan(s), %zu failing, %zu with input errors, "
                      "%zu rule error(s), %zu waived finding(s) -->\n",
                  s->plans, s->failing_plans, s->errors, s->rule_errors, s->waived);
    sb_puts(sb, "</testsuites>\n");
}

const out_format out_junit = { "junit", junit_begin, junit_plan, junit_end };
