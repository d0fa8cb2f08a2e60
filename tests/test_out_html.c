/* test_out_html.c -- the HTML report (`hogo check --format html`) against
 * hand-built results: the cover ranks the plans by score with department,
 * date and consultation kind; every plan has its section with identity,
 * score, verdict (incl. 記載不足 and 継続審議), findings with follow-up and
 * precedent; the plans x topics overview is coloured by the worst unwaived
 * severity; markup in plan text is escaped (a plan names itself
 * "<script>..."); the file is well-formed (every element closed in order),
 * valid UTF-8, self-contained (no script, no external URL) and has A4 print
 * CSS.  Each plan's section prints what is being decided (purpose, items
 * with their need, storage, contractors -- two of them --, retention) in the
 * schema's words before its findings, a finding's place is the fields'
 * labels (not file:line), a box is left for the council's 所見, and the
 * sections follow the ranking.  Rendered like the CLI does: the buffer
 * flushed after every call. */
#include "check.h"
#include "hogo.h"
#include "out.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static hogo_finding p1_findings[] = {
    { .rule = "test-cloud", .topic = "storage.location", .severity = HOGO_HIGH,
      .path = "/storage/0/location", .line = 12, .column = 7,
      .message = { "児童の記録を<クラウド>に保存 & \"更新\"", "Records in the <cloud>" },
      .follow_up = { "所在国を示してください。", "State the region." },
      .precedent = "志木市 令和2年度第3回 議題(2)" },
    { .rule = "test-usb", .topic = "transfer.method", .severity = HOGO_MEDIUM,
      .path = "/transfers/0/method", .line = 20,
      .message = { "USBメモリで受け渡します。", "Data moves on a USB stick." },
      .follow_up = { "暗号化を示してください。", "State encryption." } },
    { .rule = "test-cloud", .topic = "transfer.method", .severity = HOGO_CRITICAL,
      .path = "/transfers/1", .line = 30, .waived = 1, .waiver_reason = "承認済 <R5>",
      .message = { "平文メール", "Plain email" }, .follow_up = { "", "" } },
    { .rule = "test-bad", .topic = "data.volume", .severity = HOGO_INFO, .path = "",
      .message = { "対象者数\xff", "count" }, .follow_up = { NULL, NULL } },
};

static hogo_input_error p2_errors[] = {
    { .path = "/retention/period", .line = 3, .column = 14, .message = "unreadable duration <x>" },
};

static const char *kinds1[] = { "outsourcing", "system" };
static const char *kinds3[] = { "online_link" };

static hogo_result plans[3];

static void build(void)
{
    memset(plans, 0, sizeof plans);
    plans[0].file = "fixtures/a.json";
    plans[0].id = "P-1";
    plans[0].title = "児童相談システム<script>alert(1)</script>";
    plans[0].department = "子ども支援課 & 福祉課";
    plans[0].organization = "志木市";
    plans[0].date = "2021-02-17";
    plans[0].consultation = kinds1;
    plans[0].n_consultation = 2;
    plans[0].screened = 1;
    plans[0].score = 20;
    plans[0].verdict = HOGO_INCOMPLETE;
    plans[0].plan = "{\"purpose\":\"子ども医療費助成のオンライン申請<b>\",\"data\":{\"items\":[{\"name\":\"保険証の画像\","
                    "\"category\":\"photo\",\"need\":\"加入保険の確認\"}]},\"storage\":[{\"what\":\"受付データ\","
                    "\"location\":\"lgwan_asp\"}],\"outsourcing\":[{\"contractor\":\"株式会社A\",\"subcontracting\":\"prohibited\"},"
                    "{\"contractor\":\"保守事業者B\"}],\"retention\":{\"period\":\"5年\"},\"access\":{\"logging\":true}}";
    plans[0].findings = p1_findings;
    plans[0].n_findings = sizeof p1_findings / sizeof p1_findings[0];
    for (size_t i = 0; i < plans[0].n_findings; i++)
        if (!p1_findings[i].waived) plans[0].by_severity[p1_findings[i].severity]++;

    plans[1].file = "b.json";
    plans[1].errors = p2_errors;
    plans[1].n_errors = 1;

    plans[2].file = "c.json";
    plans[2].title = "住基ネット接続";
    plans[2].department = "市民課";
    plans[2].date = "2021-03-01";
    plans[2].consultation = kinds3;
    plans[2].n_consultation = 1;
    plans[2].screened = 1;
    plans[2].score = 70;
    plans[2].verdict = HOGO_RE_EXAMINE;
}

static int by_id;

static char *render_on(hogo_lang lang, const hogo_result *r, size_t n, const char *today)
{
    out_ctx c = { .lang = lang, .fail_on = HOGO_HIGH, .tool_version = HOGO_VERSION, .pack_version = "test",
                  .today = today, .papers_by_id = by_id };
    strbuf sb, out;
    sb_init(&sb);
    sb_init(&out);
    out_state st;
    memset(&st, 0, sizeof st);
    out_summary s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < n; i++) out_summary_add(&s, &r[i], c.fail_on);
    out_html.begin(&sb, &st, &c);
    sb_add(&out, sb.data ? sb.data : "", sb.len);
    sb_reset(&sb);
    for (size_t i = 0; i < n; i++) {
        out_html.plan(&sb, &st, &c, &r[i], i);
        sb_add(&out, sb.data ? sb.data : "", sb.len);
        sb_reset(&sb);
    }
    out_html.end(&sb, &st, &c, &s);
    sb_add(&out, sb.data ? sb.data : "", sb.len);
    CHECK(!sb_failed(&sb));
    CHECK(st.tail.data == NULL);          /* end() wrote and released the sections */
    CHECK(st.rank == NULL);
    out_state_free(&st);
    sb_free(&sb);
    return sb_steal(&out);
}

static char *render(hogo_lang lang, const hogo_result *r, size_t n)
{
    return render_on(lang, r, n, NULL);
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

/* Every '<' opens a tag, comment or doctype; every non-void element is closed
 * in order; returns the number of elements seen, or -1 (and says where). */
static int well_formed(const char *s)
{
    static const char *const voids[] = { "meta", "br", "hr", "img", "link", "input", NULL };
    char stack[256][16];
    int depth = 0, elements = 0;
    int in_style = 0;
    for (const char *p = s; *p; p++) {
        if (*p != '<') continue;
        if (in_style && strncmp(p, "</style>", 8) != 0) continue;
        if (p[1] == '!') { p = strchr(p, '>'); if (!p) return -1; continue; }
        int closing = p[1] == '/';
        const char *n = p + 1 + closing;
        size_t len = 0;
        while (isalnum((unsigned char)n[len])) len++;
        if (!len || len >= 16) { fprintf(stderr, "stray '<' at: %.40s\n", p); return -1; }
        char name[16];
        memcpy(name, n, len);
        name[len] = '\0';
        const char *gt = strchr(n, '>');
        if (!gt) return -1;
        int is_void = 0;
        for (int i = 0; voids[i]; i++) if (!strcmp(voids[i], name)) is_void = 1;
        if (closing) {
            if (!depth || strcmp(stack[depth - 1], name)) {
                fprintf(stderr, "</%s> closes <%s>\n", name, depth ? stack[depth - 1] : "(none)");
                return -1;
            }
            depth--;
            if (!strcmp(name, "style")) in_style = 0;
        } else if (!is_void) {
            if (depth == 256) return -1;
            strcpy(stack[depth++], name);
            elements++;
            if (!strcmp(name, "style")) in_style = 1;
        }
        p = gt;
    }
    if (depth) { fprintf(stderr, "<%s> never closed\n", stack[depth - 1]); return -1; }
    return elements;
}

static const char *after(const char *s, const char *needle)
{
    const char *p = s ? strstr(s, needle) : NULL;
    return p ? p + strlen(needle) : NULL;
}

int main(void)
{
    build();
    char *ja = render(HOGO_JA, plans, 3);
    char *en = render(HOGO_EN, plans, 3);

    CHECK(ja && valid_utf8(ja));
    CHECK(en && valid_utf8(en));
    CHECK(well_formed(ja) > 50);
    CHECK(well_formed(en) > 50);
    CHECK(!strncmp(ja, "<!DOCTYPE html>", 15));
    CHECK(strstr(ja, "<html lang=\"ja\">") != NULL);
    CHECK(strstr(en, "<html lang=\"en\">") != NULL);

    /* self-contained: inline CSS with A4 print rules, no script, no URL */
    CHECK(strstr(ja, "<style>") && strstr(ja, "@page{size:A4"));
    CHECK(strstr(ja, "@media print") != NULL);
    CHECK(!strstr(ja, "<script"));
    CHECK(!strstr(ja, "http:") && !strstr(ja, "https:") && !strstr(ja, "src="));
    CHECK(strstr(ja, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    CHECK(strstr(ja, "&lt;クラウド&gt;に保存 &amp; &quot;更新&quot;") != NULL);
    CHECK(strstr(ja, "子ども支援課 &amp; 福祉課") != NULL);
    CHECK(strstr(ja, "対象者数\xEF\xBF\xBD") != NULL);  /* the stray byte became U+FFFD */

    /* the cover: screening date, ranking by score (c 70, a 20, b unreadable 0) */
    const char *cover = strstr(ja, "<section class=\"cover\">");
    CHECK(cover && strstr(cover, "審査日 20"));
    const char *rank = strstr(ja, "<table class=\"ranking\">");
    const char *r1 = after(rank, "<td class=\"num\">1</td><td class=\"num\">70</td>");
    CHECK(r1 != NULL);
    CHECK(r1 && strstr(r1, "継続審議") && strstr(r1, "住基ネット接続") && strstr(r1, "市民課")
          && strstr(r1, "オンライン結合"));
    const char *r2 = after(rank, "<td class=\"num\">2</td><td class=\"num\">20</td>");
    CHECK(r2 && strstr(r2, "記載不足"));
    CHECK(r2 && strstr(r2, "2021-02-17") && strstr(r2, "委託・システム導入・賃貸借"));
    /* a plan that could not be read is not ranked: it is listed apart with
     * why (its first input error, with the line) */
    CHECK(!after(rank, "<td class=\"num\">3</td>"));
    const char *un = strstr(ja, "<ul class=\"errors unreadable\">");
    CHECK(un && strstr(un, "<a href=\"#plan-2\">b.json</a> 3行目: unreadable duration &lt;x&gt;</li>"));
    CHECK(un && strstr(ja, "<section class=\"plan\"") > un);
    CHECK(strstr(en, ">incomplete<") && strstr(en, ">re-examine<") && strstr(en, "Plans that could not be read"));

    /* the overview: the topics raised, worst unwaived severity per cell; the
     * waived critical on transfer.method does not colour its cell */
    const char *ov = strstr(ja, "<table class=\"overview\">");
    CHECK(ov != NULL);
    /* columns headed by the topics' names, as a council member reads them */
    CHECK(ov && strstr(ov, "<th class=\"topic\">保管場所</th>"));
    CHECK(ov && strstr(ov, "<td class=\"cell sev-high\" title=\"保管場所\">高</td>"));
    CHECK(ov && strstr(ov, "<td class=\"cell sev-medium\" title=\"受け渡しの方法\">中</td>"));
    CHECK(ov && !strstr(ov, "cell sev-critical"));
    CHECK(ov && strstr(ov, "<th class=\"topic\">件数</th>"));
    const char *ov_end = ov ? strstr(ov, "</table>") : NULL;   /* the overview table only */
    CHECK(ov && ov_end && (!strstr(ov, ">保存期間<") || strstr(ov, ">保存期間<") > ov_end));               /* no finding: no column */
    CHECK(ov && !strstr(ov, "storage.location") && !strstr(ov, "data.volume"));

    /* each plan's section after cover and overview, in the ranking's order
     * (70: plan 3, 20: plan 1, unreadable: plan 2) */
    const char *s1 = strstr(ja, "<section class=\"plan\" id=\"plan-1\">");
    const char *s2 = strstr(ja, "<section class=\"plan\" id=\"plan-2\">");
    const char *s3 = strstr(ja, "<section class=\"plan\" id=\"plan-3\">");
    CHECK(s1 && s2 && s3 && ov && ov < s3 && s3 < s1 && s1 < s2);
    /* what is being decided, in the schema's words, before the findings */
    const char *dec = s1 ? strstr(s1, "<div class=\"decided\">") : NULL;
    const char *fl = s1 ? strstr(s1, "<h3>指摘事項</h3>") : NULL;
    CHECK(dec && fl && dec < fl && (!s2 || fl < s2));
    CHECK(dec && strstr(dec, "<dt>目的</dt><dd>子ども医療費助成のオンライン申請&lt;b&gt;</dd>"));
    CHECK(dec && strstr(dec, "<td>保険証の画像</td><td>写真</td><td>加入保険の確認</td>"));
    CHECK(dec && strstr(dec, "<td>受付データ</td><td>LGWAN-ASP</td>"));
    CHECK(dec && strstr(dec, "<td>株式会社A</td><td>禁止</td>") && strstr(dec, "<td>保守事業者B</td><td></td>"));
    CHECK(dec && strstr(dec, "<td>5年</td>"));
    CHECK(dec && strstr(dec, "<h4>受け渡し</h4>\n<p>記載なし</p>"));
    /* a finding's place is the fields' labels; a box for the council */
    CHECK(s1 && strstr(s1, "箇所: 保存場所 1件目 › 保存場所"));
    CHECK(s1 && !strstr(s1, "a.json:12"));
    CHECK(s1 && strstr(s1, "<h3>審議会の所見</h3>") && strstr(s1, "□ 条件付き承認"));
    CHECK(en && strstr(en, "<h3>What is being decided</h3>") && strstr(en, "<dt>Purpose</dt>"));
    CHECK(s1 && strstr(s1, "<dt>担当課</dt><dd>子ども支援課 &amp; 福祉課</dd>"));
    CHECK(s1 && strstr(s1, "<dt>実施機関</dt><dd>志木市</dd>"));
    CHECK(s1 && strstr(s1, "<dt>日付</dt><dd>2021-02-17</dd>"));
    CHECK(s1 && strstr(s1, "<dt>諮問の種類</dt><dd>委託・システム導入・賃貸借</dd>"));
    CHECK(s1 && strstr(s1, "<span class=\"score\">20</span>/100"));
    /* findings most severe first: the waived critical, then high, medium, info */
    const char *fc = s1 ? strstr(s1, "finding sev-critical waived") : NULL;
    const char *fh = s1 ? strstr(s1, "finding sev-high") : NULL;
    const char *fm = s1 ? strstr(s1, "finding sev-medium") : NULL;
    CHECK(fc && fh && fm && fc < fh && fh < fm && fm < s2);
    CHECK(fh && strstr(fh, "data-path=\"/storage/0/location\""));
    CHECK(fh && strstr(fh, "<span class=\"label\">確認事項</span>所在国を示してください。"));
    CHECK(fh && strstr(fh, "<span class=\"label\">根拠</span>志木市 令和2年度第3回 議題(2)"));
    CHECK(fc && strstr(fc, "承認済 &lt;R5&gt;"));
    CHECK(s2 && strstr(s2, "入力エラーのため審査できませんでした") && strstr(s2, "unreadable duration &lt;x&gt;"));
    CHECK(s2 && strstr(s2, "data-path=\"/retention/period\""));
    CHECK(en && strstr(en, "<span class=\"label\">Precedent</span>"));
    CHECK(en && strstr(en, "Records in the &lt;cloud&gt;"));

    /* --today sets the day of screening (any plan date form), so a report
     * can be made again the same */
    char *dated = render_on(HOGO_JA, plans, 3, "令和3年2月17日");
    CHECK(dated && strstr(dated, "審査日 2021-02-17 "));
    free(dated);

    /* --papers-order id: plans with a 整理番号 in its order (P-1), then the
     * others in input order (b.json, c.json) */
    by_id = 1;
    char *ids = render(HOGO_JA, plans, 3);
    by_id = 0;
    const char *i1 = ids ? strstr(ids, "id=\"plan-1\"") : NULL, *i2 = ids ? strstr(ids, "id=\"plan-2\"") : NULL;
    const char *i3 = ids ? strstr(ids, "id=\"plan-3\"") : NULL;
    CHECK(i1 && i2 && i3 && i1 < i2 && i2 < i3);
    free(ids);

    /* an empty batch is still a whole document */
    char *empty = render(HOGO_JA, plans, 0);
    CHECK(empty && well_formed(empty) > 5 && strstr(empty, "</html>"));

    free(ja);
    free(en);
    free(empty);
    return check_done();
}
