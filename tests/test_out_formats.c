/* test_out_formats.c -- the SARIF, JUnit and Markdown writers against hand-built
 * results: three plans (findings of every severity, one waived, one finding of a
 * rule the engine does not know, an input error, a rule error, Japanese text
 * with | < & " in it, a byte that is not UTF-8), rendered the way the CLI does
 * (begin, plan x N, end, the buffer flushed after every call).
 *
 * Besides content checks, the SARIF output is parsed by a small JSON checker
 * and the JUnit output by a small XML well-formedness checker, so the test
 * needs nothing installed.  With a directory argument it also writes the
 * reports there (unit-ja.sarif, unit-en.sarif, empty.sarif, unit.xml,
 * empty.xml, unit.md) for tests/formats.cmake to validate with the official
 * SARIF schema and xmllint. */
#include "check.h"
#include "hogo.h"
#include "out.h"

#include <stdlib.h>
#include <string.h>

/* ---- two rules loaded into a real engine ---------------------------------- */

static const char rule_cloud[] =
    "return {\n"
    "  id = \"test-cloud\", topic = \"storage.location\", severity = \"high\",\n"
    "  title = { ja = \"クラウド保存\", en = \"Cloud storage\" },\n"
    "  message = { ja = \"{what}をクラウドに保存します。\", en = \"{what} is stored in the cloud.\" },\n"
    "  follow_up = { ja = \"所在国を示してください。\", en = \"State the region.\" },\n"
    "  precedent = \"志木市 令和2年度第3回 議題(2)\",\n"
    "  check = function(plan, ctx) end,\n"
    "}\n";

static const char rule_usb[] =
    "return {\n"
    "  id = \"test-usb\", topic = \"transfer.method\", severity = \"medium\",\n"
    "  title = { ja = \"USBでの受け渡し\", en = \"Hand-over by USB\" },\n"
    "  message = { ja = \"USBメモリで受け渡します。\", en = \"Data moves on a USB stick.\" },\n"
    "  follow_up = { ja = \"暗号化と確認者を示してください。\", en = \"State encryption and who checks.\" },\n"
    "  precedent = \"志木市 令和3年度第1回\",\n"
    "  check = function(plan, ctx) end,\n"
    "}\n";

/* ---- the results ------------------------------------------------------------ */

#define MSG1_JA "児童の記録を<クラウド>に保存 | A&B \"更新\""
#define MSG1_EN "Children's records in the <cloud> | A&B \"renewal\""

static hogo_finding plan1_findings[] = {
    { .rule = "test-cloud", .topic = "storage.location", .severity = HOGO_HIGH,
      .path = "/storage/0/location", .line = 12, .column = 7,
      .message = { MSG1_JA, MSG1_EN },
      .follow_up = { "所在国とISMAP登録を示してください。", "State the region and ISMAP registration." },
      .precedent = "志木市 令和2年度第3回 議題(2)" },
    { .rule = "test-usb", .topic = "transfer.method", .severity = HOGO_MEDIUM,
      .path = "/transfers/0/method", .line = 20, .column = 0,
      .message = { "USBメモリで受け渡します。", "Data moves on a USB stick." },
      .follow_up = { "暗号化を示してください。", "State encryption." } },
    { .rule = "test-cloud", .topic = "storage.location", .severity = HOGO_LOW,
      .path = "/storage/1", .line = 30, .column = 5,
      .message = { "バックアップをクラウドに保存", "Backups in the cloud" },
      .follow_up = { "", "" },
      .waived = 1, .waiver_reason = "庁内LAN限定で受容 <承認済> & \"R5\"" },
    { .rule = "no-such-rule", .topic = "data.volume", .severity = HOGO_INFO,
      .path = "", .line = 0, .column = 0,
      .message = { "対象者数の記載なし\xff", "Number of people not stated" },
      .follow_up = { NULL, NULL } },
    { .rule = "test-usb", .topic = "transfer.method", .severity = HOGO_CRITICAL,
      .path = "/transfers/1", .line = 40, .column = 3,
      .message = { "個人番号を平文メールで送付", "My Number sent by plain email" },
      .follow_up = { "送付方法を見直してください。", "Change the method." } },
};

static hogo_input_error plan2_errors[] = {
    { .path = "/retention/period", .line = 3, .column = 14,
      .message = "unreadable duration \"3 moons\" in retention.period <x>" },
};

static hogo_rule_error plan3_rule_errors[] = {
    { .rule = "test-usb", .file = "builtin:test-usb.lua", .line = 5,
      .message = "instruction budget exceeded (50000000)" },
};

static hogo_result plans[3];

static void build_results(void)
{
    memset(plans, 0, sizeof plans);
    plans[0].file = "fixtures/a.json";
    plans[0].id = "P-1";
    plans[0].title = "児童相談|システム <賃貸借> & \"更新\"";
    plans[0].screened = 1;
    plans[0].score = 60;
    plans[0].verdict = HOGO_RE_EXAMINE;
    plans[0].findings = plan1_findings;
    plans[0].n_findings = sizeof plan1_findings / sizeof plan1_findings[0];
    for (size_t i = 0; i < plans[0].n_findings; i++)
        if (!plan1_findings[i].waived) plans[0].by_severity[plan1_findings[i].severity]++;

    plans[1].file = "./fixtures/b c.json";
    plans[1].screened = 0;
    plans[1].errors = plan2_errors;
    plans[1].n_errors = 1;

    plans[2].file = "/abs/ok.json";
    plans[2].title = "問題なし";
    plans[2].screened = 1;
    plans[2].score = 0;
    plans[2].verdict = HOGO_APPROVE;
    plans[2].rule_errors = plan3_rule_errors;
    plans[2].n_rule_errors = 1;
}

/* The summary as out_summary_add would make it (computed here so the test
 * does not depend on it). */
static out_summary summarize(const hogo_result *r, size_t n, hogo_severity fail_on)
{
    out_summary s;
    memset(&s, 0, sizeof s);
    for (size_t p = 0; p < n; p++) {
        s.plans++;
        int failing = 0;
        for (size_t i = 0; i < r[p].n_findings; i++) {
            const hogo_finding *f = &r[p].findings[i];
            if (f->waived) { s.waived++; continue; }
            s.findings[f->severity]++;
            if (f->severity >= fail_on) failing = 1;
        }
        if (r[p].n_errors) s.errors++;
        s.rule_errors += r[p].n_rule_errors;
        s.failing_plans += (size_t)failing;
    }
    return s;
}

/* Render like the CLI: one state, the buffer flushed (appended to out and
 * reset) after every call, so a writer cannot rely on what it wrote before. */
static char *render(const out_format *fmt, const out_ctx *c, const hogo_result *r, size_t n)
{
    strbuf sb, out;
    sb_init(&sb);
    sb_init(&out);
    out_state st;
    memset(&st, 0, sizeof st);
    out_summary s = summarize(r, n, c->fail_on);
    fmt->begin(&sb, &st, c);
    sb_add(&out, sb.data ? sb.data : "", sb.len);
    sb_reset(&sb);
    for (size_t i = 0; i < n; i++) {
        fmt->plan(&sb, &st, c, &r[i], i);
        sb_add(&out, sb.data ? sb.data : "", sb.len);
        sb_reset(&sb);
    }
    fmt->end(&sb, &st, c, &s);
    sb_add(&out, sb.data ? sb.data : "", sb.len);
    CHECK(!sb_failed(&sb));
    CHECK(st.tail.data == NULL);          /* end() released what it held */
    out_state_free(&st);
    sb_free(&sb);
    return sb_steal(&out);
}

/* ---- small helpers ------------------------------------------------------------ */

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle)) n++;
    return n;
}

/* The text between the n-th (0-based) occurrence of open and the next close. */
static char *between(const char *s, const char *open, const char *close, size_t nth)
{
    const char *p = strstr(s, open);
    for (size_t i = 0; p && i < nth; i++) p = strstr(p + 1, open);
    if (!p) return NULL;
    const char *q = strstr(p, close);
    if (!q) return NULL;
    size_t n = (size_t)(q - p);
    char *r = malloc(n + 1);
    memcpy(r, p, n);
    r[n] = '\0';
    return r;
}

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : *p >= 0xC2 && *p <= 0xDF ? 2 : *p >= 0xE0 && *p <= 0xEF ? 3
              : *p >= 0xF0 && *p <= 0xF4 ? 4 : 0;
        if (!n) return 0;
        for (int i = 1; i < n; i++) if ((p[i] & 0xC0) != 0x80) return 0;
        p += n;
    }
    return 1;
}

/* ---- a JSON syntax checker ------------------------------------------------- */

static const char *json_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
    return p;
}

static const char *json_value(const char *p, int depth);

static const char *json_string(const char *p)
{
    if (*p != '"') return NULL;
    for (p++; *p != '"'; p++) {
        if ((unsigned char)*p < 0x20) return NULL;
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i]) return NULL;
                p += 4;
            } else if (!*p || !strchr("\"\\/bfnrt", *p)) {
                return NULL;
            }
        }
    }
    return p + 1;
}

static const char *json_value(const char *p, int depth)
{
    if (depth > 64) return NULL;
    p = json_ws(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        int obj = *p == '{';
        p = json_ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (obj) {
                p = json_string(json_ws(p));
                if (!p) return NULL;
                p = json_ws(p);
                if (*p++ != ':') return NULL;
            }
            p = json_value(p, depth + 1);
            if (!p) return NULL;
            p = json_ws(p);
            if (*p == ',') { p++; continue; }
            if (*p == close) return p + 1;
            return NULL;
        }
    }
    if (*p == '"') return json_string(p);
    if (!strncmp(p, "true", 4)) return p + 4;
    if (!strncmp(p, "false", 5)) return p + 5;
    if (!strncmp(p, "null", 4)) return p + 4;
    if (*p == '-' || (*p >= '0' && *p <= '9')) {
        char *end;
        strtod(p, &end);
        return end > p ? end : NULL;
    }
    return NULL;
}

static int json_ok(const char *s)
{
    const char *p = json_value(s, 0);
    return p && *json_ws(p) == '\0';
}

/* ---- an XML well-formedness checker (the subset the writer produces) ------- */

static int xml_name(const char **pp, char *name, size_t cap)
{
    const char *p = *pp;
    size_t n = 0;
    while (*p && !strchr(" \t\r\n/>=\"'<&", *p)) {
        if (n + 1 >= cap) return 0;
        name[n++] = *p++;
    }
    name[n] = '\0';
    *pp = p;
    return n > 0;
}

static int xml_ref(const char **pp)
{
    static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
    for (size_t i = 0; i < 5; i++)
        if (!strncmp(*pp, ents[i], strlen(ents[i]))) { *pp += strlen(ents[i]); return 1; }
    if ((*pp)[1] == '#') {
        const char *semi = strchr(*pp, ';');
        if (!semi) return 0;
        *pp = semi + 1;
        return 1;
    }
    return 0;
}

static int xml_ok(const char *s)
{
    char stack[32][64];
    int depth = 0, roots = 0;
    const char *p = s;
    if (!strncmp(p, "<?xml", 5)) {
        p = strstr(p, "?>");
        if (!p) return 0;
        p += 2;
    }
    while (*p) {
        if (*p == '<') {
            if (!strncmp(p, "<!--", 4)) {
                const char *e = strstr(p + 4, "-->");
                if (!e) return 0;
                for (const char *q = p + 4; q < e; q++) if (q[0] == '-' && q[1] == '-') return 0;
                p = e + 3;
                continue;
            }
            if (p[1] == '/') {
                char name[64];
                p += 2;
                if (!xml_name(&p, name, sizeof name) || depth == 0) return 0;
                if (strcmp(name, stack[--depth])) return 0;
                p = json_ws(p);
                if (*p++ != '>') return 0;
                continue;
            }
            p++;
            if (depth >= 32 || !xml_name(&p, stack[depth], sizeof stack[0])) return 0;
            if (depth == 0 && roots++) return 0;          /* one root element */
            char seen[16][64];
            int nattr = 0;
            for (;;) {
                p = json_ws(p);
                if (*p == '>') { p++; depth++; break; }
                if (p[0] == '/' && p[1] == '>') { p += 2; break; }
                if (nattr >= 16 || !xml_name(&p, seen[nattr], sizeof seen[0])) return 0;
                for (int i = 0; i < nattr; i++) if (!strcmp(seen[i], seen[nattr])) return 0;
                nattr++;
                p = json_ws(p);
                if (*p++ != '=') return 0;
                p = json_ws(p);
                char q = *p++;
                if (q != '"' && q != '\'') return 0;
                while (*p != q) {
                    if (!*p || *p == '<') return 0;
                    if (*p == '&') { if (!xml_ref(&p)) return 0; }
                    else p++;
                }
                p++;
            }
            continue;
        }
        if (*p == '&') { if (!xml_ref(&p)) return 0; continue; }
        if (depth == 0 && !strchr(" \t\r\n", *p)) return 0;   /* text outside the root */
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return 0;
        p++;
    }
    return depth == 0 && roots == 1;
}

/* ---- writing the reports for the external validators ------------------------- */

static const char *dump_dir;

static void dump(const char *name, const char *text)
{
    if (!dump_dir) return;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dump_dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    CHECK(fclose(f) == 0);
}

/* ---- the checks ------------------------------------------------------------ */

static long rule_index(const hogo_engine *e, const char *id)
{
    for (size_t i = 0; i < hogo_engine_rule_count(e); i++) {
        const hogo_rule_info *ri = hogo_engine_rule(e, i);
        if (ri && ri->id && !strcmp(ri->id, id)) return (long)i;
    }
    return -1;
}

static void test_sarif(const out_ctx *c)
{
    char *s = render(&out_sarif, c, plans, 3);
    dump(c->lang == HOGO_EN ? "unit-en.sarif" : "unit-ja.sarif", s);
    CHECK(json_ok(s));
    CHECK(valid_utf8(s));
    CHECK(strstr(s, "\"version\":\"2.1.0\"") != NULL);
    CHECK(strstr(s, "\"$schema\":\"https://") != NULL);
    CHECK_INT(count(s, "\"runs\":[{"), 1);
    CHECK(strstr(s, "\"name\":\"hogo\"") != NULL);
    CHECK(strstr(s, "\"columnKind\":\"unicodeCodePoints\"") != NULL);

    /* rules: both, with their metadata in the report's language */
    char *rules = between(s, "\"rules\":[", "]}},\n\"language\"", 0);
    CHECK(rules != NULL);
    if (rules) {
        CHECK_INT(count(rules, "{\"id\":"), hogo_engine_rule_count(c->engine));
        CHECK(strstr(rules, "{\"id\":\"test-cloud\",\"name\":\"TestCloud\"") != NULL);
        CHECK(strstr(rules, c->lang == HOGO_EN ? "\"shortDescription\":{\"text\":\"Cloud storage\"}"
                                               : "\"shortDescription\":{\"text\":\"クラウド保存\"}") != NULL);
        CHECK(strstr(rules, c->lang == HOGO_EN ? "\"help\":{\"text\":\"State the region.\"}"
                                               : "\"help\":{\"text\":\"所在国を示してください。\"}") != NULL);
        CHECK(strstr(rules, "\"topic\":\"storage.location\",\"precedent\":\"志木市 令和2年度第3回 議題(2)\"") != NULL);
        CHECK(strstr(rules, "\"defaultConfiguration\":{\"level\":\"error\"}") != NULL);   /* high */
        CHECK(strstr(rules, "\"defaultConfiguration\":{\"level\":\"warning\"}") != NULL); /* medium */
    }
    free(rules);

    /* results: one per finding, levels by severity */
    char *results = between(s, "\"results\":[", "\n],\n\"invocations\"", 0);
    CHECK(results != NULL);
    if (results) {
        CHECK_INT(count(results, "{\"ruleId\":"), 5);
        CHECK_INT(count(results, "\"level\":\"error\""), 2);    /* high, critical */
        CHECK_INT(count(results, "\"level\":\"warning\""), 1);  /* medium */
        CHECK_INT(count(results, "\"level\":\"note\""), 2);     /* low (waived), info */
        char want[128];
        snprintf(want, sizeof want, "{\"ruleId\":\"test-cloud\",\"ruleIndex\":%ld,",
                 rule_index(c->engine, "test-cloud"));
        CHECK_INT(count(results, want), 2);
        snprintf(want, sizeof want, "{\"ruleId\":\"test-usb\",\"ruleIndex\":%ld,",
                 rule_index(c->engine, "test-usb"));
        CHECK_INT(count(results, want), 2);
        /* an unknown rule gets no ruleIndex */
        CHECK(strstr(results, "{\"ruleId\":\"no-such-rule\",\"level\":\"note\"") != NULL);
        CHECK(strstr(results, "\"region\":{\"startLine\":12,\"startColumn\":7}") != NULL);
        CHECK(strstr(results, "\"region\":{\"startLine\":20}") != NULL);  /* no column */
        CHECK_INT(count(results, "\"region\""), 4);                       /* not for line 0 */
        CHECK_INT(count(results, "\"uri\":\"fixtures/a.json\",\"uriBaseId\":\"%SRCROOT%\""), 5);
        CHECK(strstr(results, "\"logicalLocations\":[{\"fullyQualifiedName\":\"/storage/0/location\"}]") != NULL);
        CHECK(strstr(results, "\"logicalLocations\":[{\"fullyQualifiedName\":\"\"}]") != NULL);
        CHECK_INT(count(results, "\"suppressions\""), 1);
        CHECK(strstr(results, "\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\","
                              "\"justification\":\"庁内LAN限定で受容 <承認済> & \\\"R5\\\"\"}]") != NULL);
        if (c->lang == HOGO_EN)
            CHECK(strstr(results, "\"message\":{\"text\":\"Children's records in the <cloud> | A&B "
                                  "\\\"renewal\\\"\\nState the region and ISMAP registration.\"}") != NULL);
        else
            CHECK(strstr(results, "\"message\":{\"text\":\"児童の記録を<クラウド>に保存 | A&B "
                                  "\\\"更新\\\"\\n所在国とISMAP登録を示してください。\"}") != NULL);
        CHECK(strstr(results, "\"properties\":{\"topic\":\"storage.location\",\"severity\":\"high\","
                              "\"path\":\"/storage/0/location\",\"followUp\":") != NULL);
        CHECK(strstr(results, "\"severity\":\"critical\"") != NULL);
        /* the byte that is not UTF-8 became U+FFFD */
        if (c->lang == HOGO_JA) CHECK(strstr(results, "対象者数の記載なし\xEF\xBF\xBD") != NULL);
    }
    free(results);

    /* notifications: the input error and the rule error, after the results */
    char *inv = between(s, "\"invocations\":[", "\n]}]", 0);
    CHECK(inv != NULL);
    if (inv) {
        CHECK(strstr(inv, "\"executionSuccessful\":false") != NULL);
        CHECK_INT(count(inv, "{\"level\":\"error\",\"message\""), 2);
        CHECK(strstr(inv, "./fixtures/b c.json: unreadable duration \\\"3 moons\\\" in retention.period <x>") != NULL);
        CHECK(strstr(inv, "\"uri\":\"fixtures/b%20c.json\",\"uriBaseId\":\"%SRCROOT%\"},"
                          "\"region\":{\"startLine\":3,\"startColumn\":14}") != NULL);
        CHECK(strstr(inv, "\"fullyQualifiedName\":\"/retention/period\"") != NULL);
        CHECK(strstr(inv, "rule test-usb failed on /abs/ok.json: instruction budget exceeded") != NULL);
        CHECK(strstr(inv, "\"artifactLocation\":{\"uri\":\"builtin:test-usb.lua\"},"
                          "\"region\":{\"startLine\":5}") != NULL);
        CHECK(strstr(inv, "\"associatedRule\":{\"id\":\"test-usb\"") != NULL);
    }
    free(inv);
    CHECK(strstr(s, "\"summary\":{\"plans\":3,") != NULL);
    free(s);
}

static void test_sarif_edges(const out_ctx *c)
{
    /* No plans at all, and plans without findings: still valid, empty results. */
    char *s = render(&out_sarif, c, NULL, 0);
    dump("empty.sarif", s);
    CHECK(json_ok(s));
    CHECK(strstr(s, "\"results\":[],\n\"invocations\":[{\"executionSuccessful\":true}]") != NULL);
    free(s);

    /* The comma logic: a plan with results after plans without any. */
    hogo_result r[3];
    memset(r, 0, sizeof r);
    r[0] = plans[2];
    r[0].n_rule_errors = 0;
    r[1] = plans[1];
    r[2] = plans[0];
    s = render(&out_sarif, c, r, 3);
    CHECK(json_ok(s));
    CHECK_INT(count(s, "{\"ruleId\":"), 5);
    CHECK(strstr(s, "\"executionSuccessful\":true") != NULL);
    free(s);

    /* Plan and engine absent fields: a NULL file, no engine. */
    out_ctx c2 = *c;
    c2.engine = NULL;
    c2.pack_version = NULL;
    hogo_finding f = { .rule = "x", .severity = HOGO_LOW, .message = { NULL, NULL },
                       .follow_up = { NULL, NULL } };
    hogo_result one;
    memset(&one, 0, sizeof one);
    one.findings = &f;
    one.n_findings = 1;
    s = render(&out_sarif, &c2, &one, 1);
    CHECK(json_ok(s));
    CHECK(strstr(s, "\"rules\":[]") != NULL);
    CHECK(strstr(s, "\"message\":{\"text\":\"\"}") != NULL);
    CHECK(strstr(s, "null") == NULL);     /* every string field stays a string */
    free(s);
}

static void test_junit(const out_ctx *c)
{
    char *s = render(&out_junit, c, plans, 3);
    dump("unit.xml", s);
    CHECK(xml_ok(s));
    CHECK(valid_utf8(s));
    CHECK(!strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 50));
    CHECK_INT(count(s, "<testsuite "), 3);
    CHECK_INT(count(s, "<testcase "), 3);
    CHECK(strstr(s, "<testsuite name=\"fixtures/a.json\" tests=\"1\" failures=\"1\" errors=\"0\"") != NULL);
    CHECK(strstr(s, "<testsuite name=\"./fixtures/b c.json\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                    "    <testcase ") != NULL);                  /* no empty <properties> */
    CHECK(strstr(s, "<testsuite name=\"/abs/ok.json\" tests=\"1\" failures=\"0\" errors=\"1\"") != NULL);
    CHECK(strstr(s, "<property name=\"title\" value=\"児童相談|システム &lt;賃貸借&gt; &amp; &quot;更新&quot;\"/>") != NULL);
    CHECK(strstr(s, "<property name=\"verdict\" value=\"re_examine\"/>") != NULL);
    CHECK(strstr(s, "<property name=\"score\" value=\"60\"/>") != NULL);

    CHECK_INT(count(s, "<failure "), 1);
    char *fail = between(s, "<failure ", "</failure>", 0);
    CHECK(fail != NULL);
    if (fail) {
        CHECK(strstr(fail, "type=\"critical\"") != NULL);
        CHECK(strstr(fail, "message=\"高以上の指摘 2件\"") != NULL);
        CHECK(strstr(fail, "(fixtures/a.json): 懸念スコア 60/100、判定: 継続審議\n") != NULL);
        /* every unwaived finding, with severity, rule, file:line, message, follow-up */
        CHECK(strstr(fail, "[高] test-cloud (storage.location) fixtures/a.json:12 /storage/0/location\n"
                           "  指摘: 児童の記録を&lt;クラウド&gt;に保存 | A&amp;B &quot;更新&quot;\n"
                           "  確認事項: 所在国とISMAP登録を示してください。\n"
                           "  先例: 志木市 令和2年度第3回 議題(2)\n") != NULL);
        CHECK(strstr(fail, "[中] test-usb (transfer.method) fixtures/a.json:20 /transfers/0/method") != NULL);
        CHECK(strstr(fail, "[重大] test-usb (transfer.method) fixtures/a.json:40") != NULL);
        CHECK(strstr(fail, "[情報] no-such-rule (data.volume) fixtures/a.json\n") != NULL);
        CHECK(strstr(fail, "バックアップ") == NULL);          /* the waived one is not a failure */
        /* most severe first */
        CHECK(strstr(fail, "[重大]") < strstr(fail, "[高]"));
        CHECK(strstr(fail, "[高]") < strstr(fail, "[中]"));
        CHECK(strstr(fail, "[中]") < strstr(fail, "[情報]"));
    }
    free(fail);
    char *out = between(s, "<system-out>", "</system-out>", 0);
    CHECK(out != NULL);
    if (out) {
        CHECK(strstr(out, "適用除外の指摘:\n[低] test-cloud (storage.location) fixtures/a.json:30 /storage/1") != NULL);
        CHECK(strstr(out, "適用除外: 庁内LAN限定で受容 &lt;承認済&gt; &amp; &quot;R5&quot;") != NULL);
    }
    free(out);

    CHECK_INT(count(s, "<error "), 2);
    CHECK(strstr(s, "<error message=\"入力エラー 1件\" type=\"input\">入力エラー: ./fixtures/b c.json:3 "
                    "/retention/period: unreadable duration &quot;3 moons&quot; in retention.period &lt;x&gt;\n"
                    "</error>") != NULL);
    CHECK(strstr(s, "<error message=\"ルールエラー 1件\" type=\"rule\">ルールエラー: test-usb "
                    "(builtin:test-usb.lua:5): instruction budget exceeded (50000000)\n</error>") != NULL);
    CHECK(strstr(s, "</testsuites>\n") != NULL);
    free(s);

    /* fail-on critical: plan 1 still fails (one critical); info plan passes with
     * its findings in system-out. */
    out_ctx c2 = *c;
    c2.fail_on = HOGO_CRITICAL;
    c2.lang = HOGO_EN;
    s = render(&out_junit, &c2, plans, 1);
    CHECK(xml_ok(s));
    CHECK(strstr(s, "message=\"1 finding(s) at or above critical\" type=\"critical\"") != NULL);
    CHECK(strstr(s, "(fixtures/a.json): score 60/100, verdict: re-examine\n") != NULL);
    CHECK(strstr(s, "  finding: Children&apos;s records in the &lt;cloud&gt;") != NULL);
    free(s);

    hogo_result low = plans[0];
    hogo_finding lf[2] = { plan1_findings[1], plan1_findings[2] };   /* medium + waived low */
    low.findings = lf;
    low.n_findings = 2;
    c2.fail_on = HOGO_HIGH;
    s = render(&out_junit, &c2, &low, 1);
    CHECK(xml_ok(s));
    CHECK(strstr(s, "failures=\"0\" errors=\"0\"") != NULL);
    CHECK(strstr(s, "<failure") == NULL);
    CHECK(strstr(s, "findings below the fail-on level:\n[medium] test-usb") != NULL);
    CHECK(strstr(s, "waived findings:\n[low] test-cloud") != NULL);
    free(s);

    s = render(&out_junit, c, NULL, 0);
    dump("empty.xml", s);
    CHECK(xml_ok(s));
    CHECK(strstr(s, "<testsuites name=\"hogo\">\n") != NULL);
    free(s);

    /* the checker itself rejects what it should */
    CHECK(!xml_ok("<a><b></a></b>"));
    CHECK(!xml_ok("<a>x & y</a>"));
    CHECK(!xml_ok("<a x=\"1\" x=\"2\"/>"));
    CHECK(!xml_ok("<a/><b/>"));
    CHECK(!json_ok("{\"a\":[1,]}"));
    CHECK(json_ok("{\"a\":[1,{\"b\":\"\\u00e9\"}],\"c\":null}"));
}

/* The secretariat's ranking: by score, highest first, input order on ties. */
static void test_ranking(const out_ctx *c)
{
    char *s = render(&out_markdown, c, plans, 3);
    const char *r1 = strstr(s, "| 1 | 60 | 継続審議 | 重大 1, 高 1");
    const char *r2 = strstr(s, "| 2 | 0 | 読込不可 |");
    const char *r3 = strstr(s, "| 3 | 0 | 承認 |");
    CHECK(strstr(s, "## 懸念スコアの高い順") != NULL);
    CHECK(r1 && r2 && r3 && r1 < r2 && r2 < r3);
    free(s);
    s = render(&out_text, c, plans, 3);
    r1 = strstr(s, "   1.  60/100  継続審議");
    r3 = strstr(s, "   3.   0/100  承認");
    CHECK(strstr(s, "懸念スコアの高い順") != NULL);
    CHECK(r1 && r3 && r1 < r3);
    CHECK(strstr(s, "\033[") == NULL);            /* no colour unless asked */
    free(s);
    s = render(&out_text, c, plans, 1);            /* one plan: no ranking */
    CHECK(strstr(s, "懸念スコアの高い順") == NULL);
    free(s);
}

static void test_markdown(const out_ctx *c)
{
    char *s = render(&out_markdown, c, plans, 3);
    dump("unit.md", s);
    CHECK(valid_utf8(s));
    CHECK(!strncmp(s, "# hogo 審査報告\n", strlen("# hogo 審査報告\n")));
    CHECK(strstr(s, "\n## 児童相談\\|システム &lt;賃貸借> & \"更新\" (fixtures/a.json)\n") != NULL);
    CHECK(strstr(s, "- 懸念スコア: **60**/100\n- 判定: **継続審議**\n") != NULL);
    CHECK(strstr(s, "| 重要度 | ルール | 論点 | 箇所 | 指摘 | 確認事項 |\n|---|---|---|---|---|---|\n") != NULL);
    /* a reader's words: the topic's name, the field's labels (not storage.location, /storage/0/location) */
    CHECK(strstr(s, "| 高 | `test-cloud` | 保管場所 | fixtures/a.json:12<br>保存場所 1件目 › 保存場所 | "
                    "児童の記録を&lt;クラウド>に保存 \\| A&B \"更新\" | 所在国とISMAP登録を示してください。 |\n") != NULL);
    CHECK(strstr(s, "| 中 | `test-usb` |") != NULL);
    CHECK(strstr(s, "| 重大 | `test-usb` |") != NULL);
    CHECK(strstr(s, "| 情報 | `no-such-rule` | 件数 | fixtures/a.json | ") != NULL);
    CHECK(strstr(s, "storage.location") == NULL && strstr(s, "/storage/0") == NULL);
    CHECK(strstr(s, "| ~~低~~ 適用除外 | `test-cloud` |") != NULL);
    CHECK(strstr(s, "<br>適用除外の理由: 庁内LAN限定で受容 &lt;承認済> & \"R5\" |") != NULL);
    /* plan 2: not screened, its input error listed */
    CHECK(strstr(s, "\n## ./fixtures/b c.json\n\n- 入力エラーのため審査できませんでした\n") != NULL);
    CHECK(strstr(s, "### 入力エラー\n\n- ./fixtures/b c.json:3 `/retention/period`: unreadable duration "
                    "\"3 moons\" in retention.period &lt;x>\n") != NULL);
    /* plan 3: approve, no findings, a rule error */
    CHECK(strstr(s, "## 問題なし (/abs/ok.json)\n\n- 懸念スコア: **0**/100\n- 判定: **承認**\n\n指摘事項はありません。\n") != NULL);
    CHECK(strstr(s, "### ルールエラー\n\n- `test-usb` (builtin:test-usb.lua:5): instruction budget exceeded") != NULL);
    /* most severe first, the engine's order among equals */
    CHECK(strstr(s, "| 重大 |") < strstr(s, "| 高 |"));
    CHECK(strstr(s, "| 高 |") < strstr(s, "| 中 |"));
    CHECK(strstr(s, "| 中 |") < strstr(s, "| ~~低~~"));
    CHECK(strstr(s, "| ~~低~~") < strstr(s, "| 情報 |"));
    /* one row per finding, each row closed */
    char *t1 = between(s, "|---|---|---|---|---|---|\n", "\n\n", 0);
    CHECK(t1 != NULL);
    if (t1) CHECK_INT(count(t1, "\n"), 5);
    free(t1);
    /* summary */
    CHECK(strstr(s, "\n## 集計\n\n| 項目 | 件数 |\n|---|---:|\n| 計画 | 3 |\n| 指摘（重大） | 1 |\n"
                    "| 指摘（高） | 1 |\n| 指摘（中） | 1 |\n| 指摘（低） | 0 |\n| 指摘（情報） | 1 |\n"
                    "| 適用除外の指摘 | 1 |\n| 入力エラーのある計画 | 1 |\n| ルールエラー | 1 |\n"
                    "| 高以上の指摘がある計画 | 1 |\n") != NULL);
    free(s);

    out_ctx c2 = *c;
    c2.lang = HOGO_EN;
    s = render(&out_markdown, &c2, plans, 3);
    CHECK(!strncmp(s, "# hogo screening report\n", strlen("# hogo screening report\n")));
    CHECK(strstr(s, "| severity | rule | topic | where | finding | follow-up |\n") != NULL);
    CHECK(strstr(s, "- verdict: **re-examine**\n") != NULL);
    CHECK(strstr(s, "- verdict: **approve**\n") != NULL);
    CHECK(strstr(s, "| high | `test-cloud` |") != NULL);
    CHECK(strstr(s, "| ~~low~~ waived | `test-cloud` |") != NULL);
    CHECK(strstr(s, "Children's records in the &lt;cloud> \\| A&B \"renewal\"") != NULL);
    CHECK(strstr(s, "| plans with findings at or above high | 1 |\n") != NULL);
    free(s);

    hogo_result cond = plans[2];
    cond.verdict = HOGO_APPROVE_WITH_CONDITIONS;
    cond.n_rule_errors = 0;
    s = render(&out_markdown, &c2, &cond, 1);
    CHECK(strstr(s, "- verdict: **approve with conditions**\n") != NULL);
    CHECK(strstr(s, "### Rule errors") == NULL);
    free(s);
    s = render(&out_markdown, c, &cond, 1);
    CHECK(strstr(s, "- 判定: **条件付き承認**\n") != NULL);
    free(s);
}

int main(int argc, char **argv)
{
    if (argc > 1) dump_dir = argv[1];
    build_results();

    hogo_engine *e = NULL;
    CHECK_INT(hogo_engine_new(NULL, &e), HOGO_OK);
    if (!e) return check_done();
    size_t base = hogo_engine_rule_count(e);     /* the engine's own rules, if any */
    CHECK_INT(hogo_engine_load_rule(e, "test-cloud.lua", rule_cloud, strlen(rule_cloud)), HOGO_OK);
    CHECK_INT(hogo_engine_load_rule(e, "test-usb.lua", rule_usb, strlen(rule_usb)), HOGO_OK);
    CHECK_INT(hogo_engine_rule_count(e), base + 2);
    if (rule_index(e, "test-cloud") < 0 || rule_index(e, "test-usb") < 0) {
        hogo_engine_free(e);
        return check_done();
    }

    out_ctx c;
    memset(&c, 0, sizeof c);
    c.engine = e;
    c.lang = HOGO_JA;
    c.fail_on = HOGO_HIGH;
    c.tool_version = HOGO_VERSION;
    c.pack_version = "custom";

    test_sarif(&c);
    out_ctx en = c;
    en.lang = HOGO_EN;
    test_sarif(&en);
    test_sarif_edges(&c);
    test_junit(&c);
    test_ranking(&c);
    test_markdown(&c);

    hogo_engine_free(e);
    return check_done();
}
