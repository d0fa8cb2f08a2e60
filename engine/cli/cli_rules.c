/* cli_rules.c -- `hogo rules` (the pack as a table, JSON or the Markdown
 * reference of docs/rules/README.md) and `hogo explain` (one rule in full). */
#include "cli.h"

#include <ctype.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static int rules_args(cli_opts *o, int argc, char **argv, const char **format, int *topics, const char **id)
{
    for (int i = 1; i < argc; i++) {
        int c = cli_common_flag(o, argc, argv, &i);
        if (c < 0) return 0;
        if (c > 0) continue;
        if (!strcmp(argv[i], "--format") && i + 1 == argc) {
            /* was reported as "unknown argument '--format'" */
            cli_say("--format には値を指定します（text、json%s）", "--format needs a value (text, json%s)",
                    topics ? (cli_lang == HOGO_EN ? " or markdown" : "、markdown") : "");
            return 0;
        } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            *format = argv[++i];
            if (strcmp(*format, "text") && strcmp(*format, "json") && (!topics || strcmp(*format, "markdown"))) {
                if (topics) cli_say("rules --format は text、json、markdown のどれかです", "rules --format is text, json or markdown");
                else cli_say("explain --format は text か json です", "explain --format is text or json");
                return 0;
            }
        } else if (!strcmp(argv[i], "--topics") && topics) {
            *topics = 1;
        } else if (argv[i][0] != '-' && id && !*id) {
            *id = argv[i];
        } else {
            cli_say("'%s' という引数は使えません（hogo --help）", "unknown argument '%s' (hogo --help)", argv[i]);
            return 0;
        }
    }
    return 1;
}

static void rules_json_rule(hogo_buf *sb, const hogo_rule_info *r)
{
    hogo_buf_puts(sb, "{\"id\": ");
    hogo_buf_json(sb, r->id);
    hogo_buf_puts(sb, ", \"topic\": ");
    hogo_buf_json(sb, r->topic);
    hogo_buf_printf(sb, ", \"severity\": \"%s\"", hogo_severity_name(r->severity));
    static const char *const names[3] = { "title", "message", "follow_up" };
    const char *const *texts[3] = { r->title, r->message, r->follow_up };
    for (int k = 0; k < 3; k++) {
        hogo_buf_printf(sb, ", \"%s\": {\"ja\": ", names[k]);
        hogo_buf_json(sb, texts[k][HOGO_JA]);
        hogo_buf_puts(sb, ", \"en\": ");
        hogo_buf_json(sb, texts[k][HOGO_EN]);
        hogo_buf_putc(sb, '}');
    }
    hogo_buf_puts(sb, ", \"precedent\": ");
    hogo_buf_json(sb, r->precedent);
    hogo_buf_puts(sb, ", \"file\": ");
    hogo_buf_json(sb, r->file);
    hogo_buf_putc(sb, '}');
}

/* ---- the Markdown reference (docs/rules/README.md) ----
 * Deterministic: nothing in it depends on the clock, the machine or the
 * configuration file (generate it with --no-config), so the ctest
 * docs.rules-current can compare it byte for byte with the file. */

/* The council's concern per topic: the vocabulary's (docs/plan.schema.json,
 * x-hogo-topics), in English as the reference is. */
static const char *rules_concern(const char *topic)
{
    return hogo_topic_concern(topic, HOGO_EN);
}

/* GitHub's heading anchor for a heading made of one code span: lower case,
 * letters, digits, '-' and '_' kept, everything else dropped. */
static void rules_md_anchor(hogo_buf *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '-' || c == '_') hogo_buf_putc(sb, (char)tolower(c));
    }
}

/* An identifier as a code span (ids are [a-z0-9._-], so no backtick inside). */
static void rules_md_code(hogo_buf *sb, const char *s)
{
    hogo_buf_putc(sb, '`');
    hogo_buf_md(sb, s);
    hogo_buf_putc(sb, '`');
}

/* Where the rule was loaded from, as a link relative to docs/rules/ when it
 * is a file of the repository (rules/x.lua), else as code. */
static void rules_md_file(hogo_buf *sb, const char *file)
{
    if (file && file[0] && file[0] != '/' && !strchr(file, ':') && !strstr(file, "..") &&
        !strpbrk(file, "()[]<> `")) {
        hogo_buf_puts(sb, "[");
        hogo_buf_md(sb, file);
        hogo_buf_puts(sb, "](../../");
        hogo_buf_puts(sb, file);
        hogo_buf_puts(sb, ")");
    } else {
        rules_md_code(sb, file ? file : "?");
    }
}

static int rules_topic_index(const char *topic)
{
    for (size_t t = 0; t < hogo_topic_count(); t++)
        if (!strcmp(hogo_topic(t), topic)) return (int)t;
    return -1;
}

static void rules_md_rule(hogo_buf *sb, const hogo_rule_info *r)
{
    hogo_buf_puts(sb, "### ");
    rules_md_code(sb, r->id);
    hogo_buf_puts(sb, "\n\n**");
    hogo_buf_md(sb, r->title[HOGO_JA]);
    hogo_buf_puts(sb, "** — ");
    hogo_buf_md(sb, r->title[HOGO_EN]);
    hogo_buf_puts(sb, "\n\n");
    hogo_buf_puts(sb, "- topic: ");
    rules_md_code(sb, r->topic);
    hogo_buf_printf(sb, "\n- default severity: **%s** (%s)\n- defined in: ", hogo_severity_name(r->severity),
              hogo_severity_word(r->severity, HOGO_JA));
    rules_md_file(sb, r->file);
    hogo_buf_puts(sb, "\n- disable: `--disable ");
    hogo_buf_md(sb, r->id);
    hogo_buf_puts(sb, "`, or `\"disable\": [\"");
    hogo_buf_md(sb, r->id);
    hogo_buf_puts(sb, "\"]` in `.hogo.json`\n\n");
    hogo_buf_puts(sb, "| | 日本語 | English |\n|---|---|---|\n");
    static const char *const names[3] = { "title", "message", "follow-up" };
    const char *const *texts[3] = { r->title, r->message, r->follow_up };
    for (int k = 0; k < 3; k++) {
        hogo_buf_printf(sb, "| %s | ", names[k]);
        hogo_buf_md(sb, texts[k][HOGO_JA]);
        hogo_buf_puts(sb, " | ");
        hogo_buf_md(sb, texts[k][HOGO_EN]);
        hogo_buf_puts(sb, " |\n");
    }
    hogo_buf_puts(sb, "\n**Precedent (根拠):** ");
    hogo_buf_md(sb, r->precedent);
    hogo_buf_puts(sb, "\n\n");
}

static void rules_markdown(hogo_buf *sb, const hogo_engine *e)
{
    size_t n = hogo_engine_rule_count(e), nt = hogo_topic_count();
    hogo_buf_puts(sb, "# hogo rule reference\n\n"
                "<!-- Generated by `hogo rules --format markdown --no-config`; do not edit by hand.\n"
                "     Regenerate: cmake --build build --target rule-docs\n"
                "     (ctest docs.rules-current fails when this file is out of date.) -->\n\n");
    hogo_buf_printf(sb, "Rule pack ");
    hogo_buf_md(sb, hogo_engine_pack_version(e));
    hogo_buf_printf(sb, ": %zu rules. Each rule belongs to one topic of plan format v1; topics are listed in "
                  "the order of the taxonomy (docs/plan-format.md, section 7). Messages show their "
                  "`{placeholders}` as written; in a report they are filled in from the plan. "
                  "A rule's severity is its default: a rule may raise or lower it for one finding, "
                  "and `.hogo.json` may override it (docs/cli.md).\n\n", n);

    /* index: topic order, then the pack's order */
    hogo_buf_puts(sb, "## Index\n\n| topic | rule | severity | title |\n|---|---|---|---|\n");
    for (size_t t = 0; t <= nt; t++) {
        for (size_t i = 0; i < n; i++) {
            const hogo_rule_info *r = hogo_engine_rule(e, i);
            int ti = rules_topic_index(r->topic);
            if (t < nt ? ti != (int)t : ti >= 0) continue;
            hogo_buf_puts(sb, "| ");
            rules_md_code(sb, r->topic);
            hogo_buf_puts(sb, " | [");
            rules_md_code(sb, r->id);
            hogo_buf_puts(sb, "](#");
            rules_md_anchor(sb, r->id);
            hogo_buf_printf(sb, ") | %s | ", hogo_severity_name(r->severity));
            hogo_buf_md(sb, r->title[HOGO_JA]);
            hogo_buf_puts(sb, "<br>");
            hogo_buf_md(sb, r->title[HOGO_EN]);
            hogo_buf_puts(sb, " |\n");
        }
    }
    hogo_buf_puts(sb, "\n");

    for (size_t t = 0; t < nt; t++) {
        const char *topic = hogo_topic(t);
        const char *concern = rules_concern(topic);
        hogo_buf_puts(sb, "## ");
        rules_md_code(sb, topic);
        hogo_buf_puts(sb, "\n\n");
        if (concern) {
            hogo_buf_puts(sb, "The council's concern: ");
            hogo_buf_md(sb, concern);
            hogo_buf_puts(sb, ".\n\n");
        }
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            const hogo_rule_info *r = hogo_engine_rule(e, i);
            if (strcmp(r->topic, topic)) continue;
            rules_md_rule(sb, r);
            any = 1;
        }
        if (!any) hogo_buf_puts(sb, "No rule of this pack has this topic.\n\n");
    }
    /* a topic outside the taxonomy (the loader should refuse it; shown if not) */
    int other = 0;
    for (size_t i = 0; i < n; i++) {
        const hogo_rule_info *r = hogo_engine_rule(e, i);
        if (rules_topic_index(r->topic) >= 0) continue;
        if (!other++) hogo_buf_puts(sb, "## Other topics\n\n");
        rules_md_rule(sb, r);
    }
    /* one trailing newline, whatever came last */
    while (sb->len >= 2 && sb->data[sb->len - 1] == '\n' && sb->data[sb->len - 2] == '\n') sb->len--;
}

int cli_rules(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *format = "text";
    int topics = 0;
    if (!rules_args(&o, argc, argv, &format, &topics, NULL)) return CLI_EXIT_INPUT;
    if (!cli_load_config(&o)) return CLI_EXIT_INPUT;
    if (o.rules_dir && !cli_check_rules_dir(o.rules_dir, "--rules")) return CLI_EXIT_INPUT;
    if (topics) {
        for (size_t i = 0; i < hogo_topic_count(); i++) puts(hogo_topic(i));
        return CLI_EXIT_OK;
    }
    int failed;
    hogo_engine *e = cli_engine(&o, 0, &failed);
    if (!e) return CLI_EXIT_ENGINE;
    hogo_buf sb;
    hogo_buf_init(&sb);
    size_t n = hogo_engine_rule_count(e);
    if (!strcmp(format, "json")) {
        hogo_buf_puts(&sb, "{\"pack\": ");
        hogo_buf_json(&sb, hogo_engine_pack_version(e));
        hogo_buf_puts(&sb, ", \"rules\": [");
        for (size_t i = 0; i < n; i++) {
            hogo_buf_puts(&sb, i ? ",\n  " : "\n  ");
            rules_json_rule(&sb, hogo_engine_rule(e, i));
        }
        hogo_buf_puts(&sb, "\n]}\n");
    } else if (!strcmp(format, "markdown")) {
        rules_markdown(&sb, e);
    } else {
        for (size_t i = 0; i < n; i++) {
            const hogo_rule_info *r = hogo_engine_rule(e, i);
            hogo_buf_printf(&sb, "%-36s %-28s %-8s %s\n", r->id, r->topic, hogo_severity_name(r->severity),
                      hogo_term(hogo_text(r->title, o.lang)));
        }
        hogo_buf_printf(&sb, "%zu rules\n", n);
    }
    fwrite(hogo_buf_cstr(&sb), 1, sb.len, stdout);
    hogo_buf_free(&sb);
    hogo_engine_free(e);
    /* 1: a rule did not load; 2: --disable or a severity override named no rule (cli_common.c) */
    return (failed & 1) ? CLI_EXIT_ENGINE : failed ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}

/* A template with each {name} replaced by "…" (malloc'd), for a rule whose
 * example does not fill it: a staffer never sees a raw placeholder. */
static char *explain_unplace(const char *t)
{
    if (!t) return NULL;
    size_t n = strlen(t);
    char *out = malloc(n * 3 + 1), *w = out;
    if (!out) return NULL;
    for (const char *p = t; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        int name = close && close > p + 1;
        for (const char *q = p + 1; name && q < close; q++)
            if (!(*q == '_' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))) name = 0;
        if (name) { memcpy(w, "\xE2\x80\xA6", 3); w += 3; p = close + 1; }
        else *w++ = *p++;
    }
    *w = '\0';
    return out;
}

/* "rules/../fixtures/x.json" -> "fixtures/x.json" (lexically, in place). */
static void explain_tidy(char *path)
{
    char *p;
    while ((p = strstr(path, "/../")) && p > path) {
        char *seg = p - 1;
        while (seg > path && seg[-1] != '/') seg--;
        if (!strncmp(seg, "../", 3)) break;
        memmove(seg, p + 4, strlen(p + 4) + 1);
    }
}

/* The first case of the rule's test file (rules/<id>.test.json, beside the
 * rule) that raises it: the plan is screened and the rule's findings shown,
 * so the example is real output, not prose.  Quiet when there is no test
 * file (an installed binary away from its source tree). */
static void explain_example(hogo_buf *sb, hogo_engine *e, const hogo_rule_info *r, hogo_lang lang, char **filled)
{
    *filled = NULL;
    size_t n = strlen(r->file);
    if (n < 5 || strcmp(r->file + n - 4, ".lua")) return;
    char test[4096];
    snprintf(test, sizeof test, "%.*s.test.json", (int)(n - 4), r->file);
    size_t len;
    int big;
    char *text = cli_read(test, 4u << 20, &len, &big);
    cJSON *root = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    const cJSON *c, *hit = NULL;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root, "cases")) {
        const cJSON *raise = cJSON_GetObjectItemCaseSensitive(c, "raise"), *x;
        cJSON_ArrayForEach(x, raise)
            if (!strcmp(x->string ? x->string : cJSON_GetStringValue(x) ? cJSON_GetStringValue(x) : "", r->id)) hit = c;
        if (hit) break;
    }
    if (!hit) { cJSON_Delete(root); return; }
    int en = lang == HOGO_EN;
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(hit, "name"));
    const char *planref = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(hit, "plan"));
    const cJSON *patch = cJSON_GetObjectItemCaseSensitive(hit, "patch");
    char *plan = NULL;
    char shown[4096];
    /* a test case's name is the rule author's note, in English: not shown in ja */
    if (en) hogo_buf_printf(sb, "\nExample (%s: %s):\n", hogo_term(test), hogo_term(name));
    else hogo_buf_printf(sb, "\n例（%s より）:\n", hogo_term(test));
    if (planref) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", test);
        char *slash = strrchr(dir, '/');
        if (slash) *slash = '\0'; else snprintf(dir, sizeof dir, ".");
        if (snprintf(shown, sizeof shown, "%s/%s", dir, planref) < (int)sizeof shown) {
            explain_tidy(shown);
            plan = cli_read(shown, 4u << 20, &len, &big);
        }
        hogo_buf_printf(sb, "  %s: %s\n", en ? "plan" : "計画", hogo_term(shown));
    } else {
        cJSON *doc = cJSON_Parse(cli_minimal_plan);
        if (patch) doc = cli_merge_patch(doc, patch);
        plan = doc ? cJSON_PrintUnformatted(doc) : NULL;
        cJSON_Delete(doc);
        char *p = patch ? cJSON_PrintUnformatted(patch) : NULL;
        hogo_buf_printf(sb, "  %s: %s\n", en ? "plan (fragment)" : "計画（抜粋）", hogo_term(p ? p : "{}"));
        free(p);
        snprintf(shown, sizeof shown, "example.json");
        len = plan ? strlen(plan) : 0;
    }
    hogo_result *res = NULL;
    if (plan && hogo_screen(e, shown, plan, len, &res) == HOGO_OK) {
        for (size_t i = 0; i < res->n_findings; i++) {
            const hogo_finding *f = &res->findings[i];
            if (strcmp(f->rule, r->id)) continue;
            hogo_buf_printf(sb, "  → %s:%d [%s] %s\n", hogo_term(shown), f->line, hogo_severity_word(f->severity, lang),
                      hogo_term(hogo_text(f->message, lang)));
            if (!*filled) *filled = strdup(hogo_text(f->message, lang));
        }
    }
    hogo_result_free(res);
    free(plan);
    cJSON_Delete(root);
}

int cli_explain(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *format = "text";
    const char *id = NULL;
    if (!rules_args(&o, argc, argv, &format, NULL, &id)) return CLI_EXIT_INPUT;
    if (!id) {
        fputs(cli_lang == HOGO_EN ? "usage: hogo explain RULE_ID   (hogo rules lists them)\n"
                                  : "使い方: hogo explain 規則ID   （規則の一覧は hogo rules）\n", stderr);
        return CLI_EXIT_INPUT;
    }
    if (!cli_load_config(&o)) return CLI_EXIT_INPUT;
    if (o.rules_dir && !cli_check_rules_dir(o.rules_dir, "--rules")) return CLI_EXIT_INPUT;
    int failed;
    hogo_engine *e = cli_engine(&o, 0, &failed);
    if (!e) return CLI_EXIT_ENGINE;
    const hogo_rule_info *r = hogo_engine_find_rule(e, id);
    if (!r) {
        const char *near = cli_suggest_rule(e, id);
        if (near)
            cli_say("'%s' という規則はありません（もしかして %s？ 一覧は hogo rules）",
                    "no rule '%s' (did you mean %s? hogo rules lists them)", id, near);
        else
            cli_say("'%s' という規則はありません（一覧は hogo rules）", "no rule '%s' (hogo rules lists them)", id);
        hogo_engine_free(e);
        return CLI_EXIT_INPUT;
    }
    hogo_buf sb;
    hogo_buf_init(&sb);
    if (!strcmp(format, "json")) {
        rules_json_rule(&sb, r);
        hogo_buf_putc(&sb, '\n');
    } else {
        int en = o.lang == HOGO_EN;
        hogo_buf_printf(&sb, "%s — %s\n\n", r->id, hogo_term(hogo_text(r->title, o.lang)));
        /* the topic by its name (hogo rules --topics lists the ids) */
        const char *tname = hogo_topic_name(r->topic, o.lang);
        hogo_buf_printf(&sb, "%s: %s\n%s: %s\n%s: %s\n\n", en ? "topic" : "論点", tname ? tname : r->topic,
                  en ? "default severity" : "既定の重大度", hogo_severity_word(r->severity, o.lang),
                  en ? "defined in" : "定義", hogo_term(r->file));
        /* the example runs first: its finding is the message with the
         * template filled; without one, {placeholders} become "…" */
        hogo_buf ex;
        hogo_buf_init(&ex);
        char *filled = NULL;
        explain_example(&ex, e, r, o.lang, &filled);
        char *msg = filled ? filled : explain_unplace(hogo_text(r->message, o.lang));
        char *fup = explain_unplace(hogo_text(r->follow_up, o.lang));
        hogo_buf_printf(&sb, "%s:\n  %s\n\n", en ? "What it reports" : "指摘の内容", hogo_term(msg));
        hogo_buf_printf(&sb, "%s:\n  %s\n\n", en ? "What the council will ask for" : "審議会が求める対応", hogo_term(fup));
        hogo_buf_printf(&sb, "%s:\n  %s\n", en ? "Why (precedent)" : "根拠（先例・法令）", hogo_term(r->precedent));
        hogo_buf_add(&sb, hogo_buf_cstr(&ex), ex.len);
        hogo_buf_free(&ex);
        free(msg);
        free(fup);
    }
    fwrite(hogo_buf_cstr(&sb), 1, sb.len, stdout);
    hogo_buf_free(&sb);
    hogo_engine_free(e);
    return CLI_EXIT_OK;
}
