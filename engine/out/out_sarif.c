/* out_sarif.c -- SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab,
 * VS Code's SARIF viewer).  One run; tool.driver.rules lists every rule of
 * the engine; one result per finding (waived ones carry an accepted external
 * suppression); input errors and rule errors are tool execution notifications.
 *
 * Streaming.  The CLI may flush the buffer after every call, so nothing
 * written can be taken back, and plan() does not know from its arguments
 * whether an earlier plan wrote a result.  So:
 *   - begin() writes the log and the run up to and including `"results":[`;
 *     every run member that does not depend on the plans (tool with all its
 *     rules, language, columnKind, originalUriBaseIds) comes before it.
 *   - plan() writes each result preceded by "," unless st->items (results
 *     written so far for this output) is 0, then counts it: the comma rule
 *     needs only that count, which lives in the per-output out_state.
 *   - the notifications belong in run.invocations, which must come after the
 *     results array closes (JSON arrays cannot interleave), so plan() renders
 *     them into st->tail (comma-separated the same way, by tail.len) and end()
 *     closes results, writes invocations around the tail, the run's summary
 *     properties and the closing brackets, then frees the tail.
 * Member order in a JSON object carries no meaning, so putting `results`
 * before `invocations` is valid SARIF; the output validates against the
 * official schema (tests/sarif_schema_check.py). */
#include "out.h"
#include "out_common.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define SRCROOT "%SRCROOT%"

static const char *level_of(hogo_severity s)
{
    switch (s) {
    case HOGO_CRITICAL: case HOGO_HIGH: return "error";
    case HOGO_MEDIUM: return "warning";
    default: return "note";
    }
}

/* Percent-encode everything but RFC 3986 unreserved characters and '/', so
 * any file name (spaces, ':', Japanese, even invalid UTF-8) is a valid URI
 * reference. */
static void put_uri_path(strbuf *sb, const char *p)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *run = p;               /* unreserved bytes are copied as runs */
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            continue;
        sb_add(sb, run, (size_t)(p - run));
        char e[3] = { '%', hex[c >> 4], hex[c & 15] };
        sb_add(sb, e, 3);
        run = p + 1;
    }
    sb_add(sb, run, (size_t)(p - run));
}

/* Length of the URI scheme s starts with ("builtin:x.lua" -> 7), or 0;
 * a single letter is a drive ("C:") and not a scheme. */
static size_t scheme_len(const char *s)
{
    size_t n = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return 0;
    while (s[n] && s[n] != ':' && s[n] != '/') {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.'))
            return 0;
        n++;
    }
    return s[n] == ':' && n >= 2 ? n : 0;
}

/* "artifactLocation":{...}.  Absolute paths become file:// URIs; relative
 * ones stay relative (a leading "./" dropped) against %SRCROOT%, the
 * directory hogo ran in.  allow_scheme: keep "builtin:..." as a URI. */
static void put_artifact(strbuf *sb, const char *file, int allow_scheme)
{
    if (!file) file = "";
    sb_puts(sb, "\"artifactLocation\":{\"uri\":\"");
    size_t sl = allow_scheme ? scheme_len(file) : 0;
    if (sl) {
        sb_add(sb, file, sl + 1);
        put_uri_path(sb, file + sl + 1);
        sb_puts(sb, "\"}");
    } else if (file[0] == '/') {
        sb_puts(sb, "file://");
        put_uri_path(sb, file);
        sb_puts(sb, "\"}");
    } else {
        while (file[0] == '.' && file[1] == '/') {
            file += 2;
            while (*file == '/') file++;
        }
        put_uri_path(sb, file);
        sb_puts(sb, "\",\"uriBaseId\":\"" SRCROOT "\"}");
    }
}

static void put_region(strbuf *sb, int line, int column)
{
    if (line <= 0) return;
    sb_puts(sb, ",\"region\":{\"startLine\":");
    sb_putint(sb, line);
    if (column > 0) {
        sb_puts(sb, ",\"startColumn\":");
        sb_putint(sb, column);
    }
    sb_putc(sb, '}');
}

/* A location in a plan: file, line/column, and the JSON pointer. */
static void put_plan_location(strbuf *sb, const char *file, int line, int column,
                              const char *pointer)
{
    sb_puts(sb, "{\"physicalLocation\":{");
    put_artifact(sb, file, 0);
    put_region(sb, line, column);
    sb_puts(sb, "},\"logicalLocations\":[{\"fullyQualifiedName\":");
    outw_json(sb, pointer);
    sb_puts(sb, "}]}");
}

/* A display name for the rule: its id in PascalCase ("storage-cloud-sensitive"
 * -> "StorageCloudSensitive"), as SARIF viewers expect of reportingDescriptor.name. */
static void put_rule_name(strbuf *sb, const char *id)
{
    strbuf n;
    sb_init(&n);
    int up = 1;
    for (const char *p = id; *p; p++) {
        char c = *p;
        if (c == '-' || c == '_' || c == '.' || c == ' ') { up = 1; continue; }
        if (up && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        sb_putc(&n, c);
        up = 0;
    }
    outw_json(sb, n.len ? sb_cstr(&n) : id);
    if (sb_failed(&n)) sb->failed = 1;
    sb_free(&n);
}

static void put_rule(strbuf *sb, const out_ctx *c, const hogo_rule_info *ri)
{
    const char *id = ri->id ? ri->id : "";
    sb_puts(sb, "{\"id\":");
    outw_json(sb, id);
    sb_puts(sb, ",\"name\":");
    put_rule_name(sb, id);
    sb_puts(sb, ",\"shortDescription\":{\"text\":");
    outw_json(sb, outw_lang(ri->title, c->lang));
    sb_puts(sb, "},\"fullDescription\":{\"text\":");
    outw_json(sb, outw_lang(ri->message, c->lang));
    sb_puts(sb, "},\"help\":{\"text\":");
    outw_json(sb, outw_lang(ri->follow_up, c->lang));
    sb_printf(sb, "},\"defaultConfiguration\":{\"level\":\"%s\"}", level_of(ri->severity));
    sb_puts(sb, ",\"properties\":{\"topic\":");
    outw_json(sb, ri->topic);
    sb_puts(sb, ",\"precedent\":");
    outw_json(sb, ri->precedent);
    sb_printf(sb, ",\"severity\":\"%s\"", outw_severity_id(ri->severity));
    if (ri->topic && *ri->topic) {
        sb_puts(sb, ",\"tags\":[");
        outw_json(sb, ri->topic);
        sb_putc(sb, ']');
    }
    sb_puts(sb, "}}");
}

static void sarif_begin(strbuf *sb, out_state *st, const out_ctx *c)
{
    st->items = 0;
    sb_puts(sb, "{\n\"$schema\":\"" SARIF_SCHEMA "\",\n\"version\":\"2.1.0\",\n\"runs\":[{\n");
    sb_puts(sb, "\"tool\":{\"driver\":{\"name\":\"hogo\",\"version\":");
    outw_json(sb, c->tool_version ? c->tool_version : HOGO_VERSION);
    sb_puts(sb, ",\"properties\":{\"rulePack\":");
    outw_json(sb, c->pack_version);
    sb_puts(sb, "},\n\"rules\":[");
    size_t n = c->engine ? hogo_engine_rule_count(c->engine) : 0;
    for (size_t i = 0; i < n; i++) {
        const hogo_rule_info *ri = hogo_engine_rule(c->engine, i);
        /* Every index must hold a descriptor, or ruleIndex would point at the wrong one. */
        hogo_rule_info none = { .id = "" };
        sb_puts(sb, i ? ",\n" : "\n");
        put_rule(sb, c, ri ? ri : &none);
    }
    sb_puts(sb, "]}},\n");
    sb_printf(sb, "\"language\":\"%s\",\n", c->lang == HOGO_EN ? "en-US" : "ja-JP");
    sb_puts(sb, "\"columnKind\":\"unicodeCodePoints\",\n");
    sb_puts(sb, "\"originalUriBaseIds\":{\"" SRCROOT "\":{\"description\":{\"text\":"
                "\"The directory hogo check ran in; plan paths given relative are relative to it.\"}}},\n");
    sb_puts(sb, "\"results\":[");
}

/* The plan's identity as result properties, so a SARIF viewer can group
 * results by department or body (only what the plan states). */
static void sarif_identity(strbuf *sb, const hogo_result *r)
{
    static const char *const key[] = { "department", "organization", "planDate" };
    const char *val[] = { r->department, r->organization, r->date };
    for (int i = 0; i < 3; i++)
        if (val[i]) {
            sb_printf(sb, ",\"%s\":", key[i]);
            outw_json(sb, val[i]);
        }
    if (r->n_consultation) {
        sb_puts(sb, ",\"consultation\":[");
        for (size_t i = 0; i < r->n_consultation; i++) {
            if (i) sb_putc(sb, ',');
            outw_json(sb, r->consultation[i]);
        }
        sb_putc(sb, ']');
    }
}

static void put_result(strbuf *sb, const out_ctx *c, const hogo_result *r,
                       const hogo_finding *f)
{
    const char *msg = outw_lang(f->message, c->lang);
    const char *fu = outw_lang(f->follow_up, c->lang);
    long idx = c->engine ? outw_rule_index(c->engine, f->rule) : -1;

    sb_puts(sb, "{\"ruleId\":");
    outw_json(sb, f->rule);
    if (idx >= 0) {
        sb_puts(sb, ",\"ruleIndex\":");
        sb_putint(sb, idx);
    }
    sb_puts(sb, ",\"level\":\"");
    sb_puts(sb, level_of(f->severity));
    sb_puts(sb, "\",\"message\":{\"text\":");
    if (*fu) {
        strbuf t;
        sb_init(&t);
        sb_puts(&t, msg);
        if (*msg) sb_putc(&t, '\n');
        sb_puts(&t, fu);
        outw_sarif_text(sb, sb_cstr(&t));
        if (sb_failed(&t)) sb->failed = 1;
        sb_free(&t);
    } else {
        outw_sarif_text(sb, msg);
    }
    sb_puts(sb, "},\"locations\":[");
    put_plan_location(sb, r->file, f->line, f->column, f->path);
    sb_putc(sb, ']');
    if (f->waived) {
        sb_puts(sb, ",\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\","
                    "\"justification\":");
        outw_json(sb, f->waiver_reason);
        if (f->waived_by) {             /* who (issue 20): additive */
            sb_puts(sb, ",\"properties\":{\"waivedBy\":");
            outw_json(sb, f->waived_by);
            sb_printf(sb, ",\"waiverSource\":\"%s\"}", f->waived_by_secretariat ? "secretariat" : "approver");
        }
        sb_puts(sb, "}]");
    }
    sb_puts(sb, ",\"properties\":{\"topic\":");
    outw_json(sb, f->topic);
    sb_puts(sb, ",\"severity\":\"");
    sb_puts(sb, outw_severity_id(f->severity));
    sb_puts(sb, "\",\"path\":");
    outw_json(sb, f->path);
    sb_puts(sb, ",\"followUp\":");
    outw_json(sb, fu);
    if (f->precedent && *f->precedent) {
        sb_puts(sb, ",\"precedent\":");
        outw_json(sb, f->precedent);
    }
    if (r->id) {
        sb_puts(sb, ",\"planId\":");
        outw_json(sb, r->id);
    }
    sarif_identity(sb, r);
    sb_puts(sb, "}}");
}

/* Notifications go to the tail; see the comment at the top. */
static void put_input_error(strbuf *t, const hogo_result *r, const hogo_input_error *e)
{
    sb_puts(t, t->len ? ",\n" : "\n");
    strbuf m;
    sb_init(&m);
    sb_printf(&m, "%s: %s", r->file ? r->file : "", e->message ? e->message : "input error");
    sb_puts(t, "{\"level\":\"error\",\"message\":{\"text\":");
    outw_sarif_text(t, sb_cstr(&m));
    if (sb_failed(&m)) t->failed = 1;
    sb_free(&m);
    sb_puts(t, "},\"locations\":[");
    put_plan_location(t, r->file, e->line, e->column, e->path);
    sb_puts(t, "],\"properties\":{\"kind\":\"input\"}}");
}

static void put_rule_error(strbuf *t, const out_ctx *c, const hogo_result *r,
                           const hogo_rule_error *e)
{
    sb_puts(t, t->len ? ",\n" : "\n");
    strbuf m;
    sb_init(&m);
    sb_printf(&m, "rule %s failed on %s: %s", e->rule ? e->rule : "?",
              r->file ? r->file : "?", e->message ? e->message : "error");
    sb_puts(t, "{\"level\":\"error\",\"message\":{\"text\":");
    outw_sarif_text(t, sb_cstr(&m));
    if (sb_failed(&m)) t->failed = 1;
    sb_free(&m);
    sb_puts(t, "}");
    if (e->file && *e->file) {
        sb_puts(t, ",\"locations\":[{\"physicalLocation\":{");
        put_artifact(t, e->file, 1);
        put_region(t, e->line, 0);
        sb_puts(t, "}}]");
    }
    if (e->rule) {
        long idx = c->engine ? outw_rule_index(c->engine, e->rule) : -1;
        sb_puts(t, ",\"associatedRule\":{\"id\":");
        outw_json(t, e->rule);
        if (idx >= 0) sb_printf(t, ",\"index\":%ld", idx);
        sb_putc(t, '}');
    }
    sb_puts(t, ",\"properties\":{\"kind\":\"rule\",\"plan\":");
    outw_json(t, r->file);
    sb_puts(t, "}}");
}

static void sarif_plan(strbuf *sb, out_state *st, const out_ctx *c, const hogo_result *r,
                       size_t index)
{
    (void)index;
    for (size_t i = 0; i < r->n_findings; i++) {
        sb_puts(sb, st->items ? ",\n" : "\n");
        put_result(sb, c, r, &r->findings[i]);
        st->items++;
    }
    for (size_t i = 0; i < r->n_errors; i++) put_input_error(&st->tail, r, &r->errors[i]);
    for (size_t i = 0; i < r->n_rule_errors; i++)
        put_rule_error(&st->tail, c, r, &r->rule_errors[i]);
}

static void sarif_end(strbuf *sb, out_state *st, const out_ctx *c, const out_summary *s)
{
    (void)c;
    if (sb_failed(&st->tail)) sb->failed = 1;   /* lost notifications: fail the output */
    sb_puts(sb, st->items ? "\n],\n" : "],\n");
    sb_printf(sb, "\"invocations\":[{\"executionSuccessful\":%s",
              s && s->rule_errors ? "false" : "true");
    if (st->tail.len) {
        sb_puts(sb, ",\"toolExecutionNotifications\":[");
        sb_add(sb, st->tail.data, st->tail.len);
        sb_puts(sb, "\n]");
    }
    sb_puts(sb, "}]");
    if (s) {
        sb_printf(sb, ",\n\"properties\":{\"summary\":{\"plans\":%zu,\"findings\":{", s->plans);
        for (int i = HOGO_SEVERITY_COUNT - 1; i >= 0; i--)
            sb_printf(sb, "\"%s\":%zu%s", outw_severity_id((hogo_severity)i), s->findings[i],
                      i ? "," : "");
        sb_printf(sb, "},\"waived\":%zu,\"planErrors\":%zu,\"ruleErrors\":%zu,"
                      "\"failingPlans\":%zu}}",
                  s->waived, s->errors, s->rule_errors, s->failing_plans);
    }
    sb_puts(sb, "\n}]\n}\n");
    sb_free(&st->tail);
}

const out_format out_sarif = { "sarif", sarif_begin, sarif_plan, sarif_end };
