/* test_schema.c -- docs/plan.schema.json and the validator of engine/schema.c.
 * Runs with the repository root as the working directory. */
#define _POSIX_C_SOURCE 200809L
#include "schema.h"
#include "check.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- collecting reports ---- */

#define MAX_REPS 32
typedef struct {
    char ptr[256];
    char msg[512];
    int warning;
} rep;

typedef struct {
    rep r[MAX_REPS];
    int n;             /* kept (at most MAX_REPS) */
    long total, errors, warnings;
} reps;

static hogo_lang test_lang = HOGO_EN;   /* language the validator composes errors in */

static void collect(void *ud, const char *pointer, const char *const messages[2], int warning)
{
    /* errors: the text in test_lang; warnings: both, the test's language kept */
    const char *message = messages[test_lang];
    reps *rs = ud;
    rs->total++;
    if (warning) rs->warnings++; else rs->errors++;
    if (rs->n < MAX_REPS) {
        rep *r = &rs->r[rs->n++];
        snprintf(r->ptr, sizeof r->ptr, "%s", pointer);
        snprintf(r->msg, sizeof r->msg, "%s", message);
        r->warning = warning;
    }
}

static void dump(const char *what, const reps *rs)
{
    fprintf(stderr, "  in: %s\n", what);
    for (int i = 0; i < rs->n; i++)
        fprintf(stderr, "  %s \"%s\": %s\n", rs->r[i].warning ? "warning" : "error", rs->r[i].ptr, rs->r[i].msg);
}

static const rep *find(const reps *rs, const char *ptr, const char *sub, int warning)
{
    for (int i = 0; i < rs->n; i++)
        if (!rs->r[i].warning == !warning && strcmp(rs->r[i].ptr, ptr) == 0 && strstr(rs->r[i].msg, sub))
            return &rs->r[i];
    return NULL;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *d = malloc(cap);
    size_t got;
    while (d && (got = fread(d + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nd = realloc(d, cap *= 2);
            if (!nd) { free(d); d = NULL; }
            else d = nd;
        }
    }
    fclose(f);
    if (d) d[n] = '\0';
    *len = n;
    return d;
}

static schema *S;

/* Validate JSON text; returns the error count (-1 if the text is not JSON). */
static int run_text(const char *json, reps *rs)
{
    memset(rs, 0, sizeof *rs);
    cJSON *doc = cJSON_ParseWithOpts(json, NULL, 1);
    if (!doc) {
        fprintf(stderr, "test JSON does not parse: %s\n", json);
        return -1;
    }
    int n = schema_validate(S, doc, test_lang, collect, rs);
    cJSON_Delete(doc);
    return n;
}

#define BASE "\"format\":\"hogo-plan/1\",\"title\":\"テスト\",\"department\":\"テスト課\"," \
             "\"consultation\":{\"kind\":\"outsourcing\"}"

/* The minimal plan plus extra members. */
static int run_plan(const char *extra, reps *rs)
{
    size_t n = strlen(extra) + sizeof BASE + 8;
    char *t = malloc(n);
    snprintf(t, n, "{" BASE "%s%s}", *extra ? "," : "", extra);
    int e = run_text(t, rs);
    free(t);
    return e;
}

/* Exactly one report in all: an error at ptr whose message contains sub. */
static void expect_error(int line, const char *extra, const char *ptr, const char *sub)
{
    reps rs;
    int e = run_plan(extra, &rs);
    int ok = e == 1 && rs.total == 1 && find(&rs, ptr, sub, 0);
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "test_schema.c:%d: want one error at \"%s\" containing '%s', got %d error(s)\n",
                line, ptr, sub, e);
        dump(extra, &rs);
    }
}
#define EXPECT_ERROR(extra, ptr, sub) expect_error(__LINE__, extra, ptr, sub)

/* No report at all. */
static void expect_clean(int line, const char *extra)
{
    reps rs;
    int e = run_plan(extra, &rs);
    CHECK(e == 0 && rs.total == 0);
    if (e != 0 || rs.total != 0) {
        fprintf(stderr, "test_schema.c:%d: want no report, got %d error(s)\n", line, e);
        dump(extra, &rs);
    }
}
#define EXPECT_CLEAN(extra) expect_clean(__LINE__, extra)

/* Exactly one report: a warning at ptr containing sub, and no error. */
static void expect_warning(int line, const char *extra, const char *ptr, const char *sub)
{
    reps rs;
    int e = run_plan(extra, &rs);
    int ok = e == 0 && rs.total == 1 && find(&rs, ptr, sub, 1);
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "test_schema.c:%d: want one warning at \"%s\" containing '%s'\n", line, ptr, sub);
        dump(extra, &rs);
    }
}
#define EXPECT_WARNING(extra, ptr, sub) expect_warning(__LINE__, extra, ptr, sub)

/* ---- the six council plans ---- */

static const char *const good_plans[] = {
    "fixtures/schema/shiki-r2-3-1-cemetery.json",
    "fixtures/schema/shiki-r2-3-2-child-consultation.json",
    "fixtures/schema/shiki-r2-3-3-hpv.json",
    "fixtures/schema/shiki-r2-3-4-vaccine.json",
    "fixtures/schema/shiki-r2-3-5-line.json",
    "fixtures/schema/shiki-r2-3-6-giga.json",
};
#define N_GOOD (sizeof good_plans / sizeof good_plans[0])
static cJSON *good_docs[N_GOOD];

static void test_good_plans(void)
{
    for (size_t i = 0; i < N_GOOD; i++) {
        size_t len;
        char *t = slurp(good_plans[i], &len);
        CHECK(t != NULL);
        if (!t) { fprintf(stderr, "cannot read %s\n", good_plans[i]); continue; }
        good_docs[i] = cJSON_ParseWithLength(t, len);
        free(t);
        CHECK(good_docs[i] != NULL);
        if (!good_docs[i]) continue;
        reps rs = {0};
        int e = schema_validate(S, good_docs[i], test_lang, collect, &rs);
        CHECK_INT(e, 0);
        CHECK_INT(rs.total, 0);
        if (rs.total) dump(good_plans[i], &rs);
        CHECK_INT(schema_validate(S, good_docs[i], test_lang, NULL, NULL), 0);
    }
}

/* ---- required fields and types ---- */

static void test_required_and_types(void)
{
    reps rs;
    /* missing title */
    int e = run_text("{\"format\":\"hogo-plan/1\",\"department\":\"d\",\"consultation\":{\"kind\":\"system\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "", "missing required field \"title\"", 0) != NULL);
    if (rs.n) CHECK_STR(rs.r[0].msg, "missing required field \"title\" (add it, e.g. \"title\": \"…\")");

    /* an empty object lacks all four, reported in the schema's order */
    e = run_text("{}", &rs);
    CHECK_INT(e, 4);
    CHECK_INT(rs.n, 4);
    if (rs.n == 4) {
        CHECK_STR(rs.r[0].msg, "missing required field \"format\" (add it, e.g. \"format\": \"hogo-plan/1\")");
        CHECK_STR(rs.r[1].msg, "missing required field \"title\" (add it, e.g. \"title\": \"…\")");
        CHECK_STR(rs.r[2].msg, "missing required field \"department\" (add it, e.g. \"department\": \"…\")");
        CHECK_STR(rs.r[3].msg, "missing required field \"consultation\" (add it, e.g. \"consultation\": { … })");
        CHECK_STR(rs.r[3].ptr, "");
    }

    /* a required field inside a nested object: pointer of that object */
    e = run_text("{\"format\":\"hogo-plan/1\",\"title\":\"t\",\"department\":\"d\",\"consultation\":{\"basis\":\"b\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/consultation", "missing required field \"kind\"", 0) != NULL);

    /* the document itself must be an object */
    e = run_text("[1, 2]", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "", "expected object, got array", 0) != NULL);

    /* wrong types: message names the expected type and the value */
    EXPECT_ERROR("\"data\":{\"persons\":\"580件\"}", "/data/persons", "a number is written as the text \"580件\"; write the number alone, in ASCII digits without quotes (put an estimate's wording in description): \"persons\": 580");
    EXPECT_ERROR("\"data\":{\"persons\":3.5}", "/data/persons", "expected integer, got number 3.5");
    EXPECT_ERROR("\"data\":{\"persons\":-1}", "/data/persons", "value -1 is below the minimum 0");
    EXPECT_ERROR("\"data\":{\"persons\":1e17}", "/data/persons", "integer out of range");
    EXPECT_CLEAN("\"data\":{\"persons\":9007199254740992}");
    EXPECT_CLEAN("\"data\":{\"persons\":580.0}");                 /* a whole number is an integer */
    EXPECT_ERROR("\"data\":{\"persons\":true}", "/data/persons", "expected integer, got boolean true");
    EXPECT_ERROR("\"data\":{\"items\":[{\"sensitive\":\"yes\"}]}", "/data/items/0/sensitive",
                 "yes or no is written as the text \"yes\"; write true or false without quotes: \"sensitive\": true");
    e = run_text("{\"format\":\"hogo-plan/1\",\"title\":42,\"department\":\"d\",\"consultation\":{\"kind\":\"report\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/title", "expected string, got number 42", 0) != NULL);
    EXPECT_ERROR("\"storage\":{\"what\":\"x\"}", "/storage", "expected array, got object");
    EXPECT_ERROR("\"data\":[]", "/data", "expected object, got array");
    EXPECT_ERROR("\"outsourcing\":\"委託あり\"", "/outsourcing", "expected object or array, got string \"委託あり\"");
    /* the widened format: several contractors, several retentions, several kinds, new values */
    EXPECT_CLEAN("\"outsourcing\":[{\"contractor\":\"A社\"},{\"contractor\":\"指定管理者B\"}]");
    EXPECT_CLEAN("\"retention\":[{\"what\":\"録画データ\",\"period\":\"7日\"},{\"what\":\"閲覧記録\",\"period\":\"事業終了まで\"}]");
    EXPECT_CLEAN("\"storage\":[{\"location\":\"lgwan_asp\"},{\"location\":\"gov_cloud\"}],\"transfers\":[{\"method\":\"rpa\"},{\"method\":\"sanitization\"}]");
    EXPECT_CLEAN("\"data\":{\"items\":[{\"name\":\"貸出履歴\",\"category\":\"usage_history\"},{\"name\":\"電子証明書のシリアル番号\",\"category\":\"card_certificate\"}]}");
    EXPECT_ERROR("\"outsourcing\":[{\"contractor\":3}]", "/outsourcing/0/contractor", "expected string");
    EXPECT_ERROR("\"retention\":[{\"period\":\"そのうち\"}]", "/retention/0/period", "そのうち");
    EXPECT_ERROR("\"outsourcing\":{\"scope\":[\"保守\",3]}", "/outsourcing/scope/1", "expected string, got number 3");
    EXPECT_ERROR("\"contract\":{\"years\":\"3年\"}", "/contract/years", "a number is written as the text \"3年\"; write the number alone, in ASCII digits without quotes (put an estimate's wording in description): \"years\": 3");
    EXPECT_CLEAN("\"contract\":{\"years\":2.5}");                  /* years is a number, not a count */
}

/* ---- enums, const ---- */

static void test_enums(void)
{
    reps rs;
    int e = run_plan("\"storage\":[{\"location\":\"on_premise\"},{\"what\":\"記録\",\"location\":\"clowd\"}]", &rs);
    CHECK_INT(e, 1);
    const rep *r = find(&rs, "/storage/1/location",
                        "unknown value \"clowd\"; expected one of: on_premise, government_data_center, "
                        "cloud, contractor, personal_device", 0);
    CHECK(r != NULL);
    if (r) CHECK(strstr(r->msg, "did you mean \"cloud\"?") != NULL);
    if (!r) dump("clowd", &rs);

    e = run_text("{\"format\":\"hogo-plan/1\",\"title\":\"t\",\"department\":\"d\",\"consultation\":{\"kind\":\"委託\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/consultation/kind",
               "a choice is written in English: \"委託\" is \"outsourcing\": \"kind\": \"outsourcing\"", 0) != NULL);
    e = run_text("{\"format\":\"hogo-plan/1\",\"title\":\"t\",\"department\":\"d\",\"consultation\":{\"kind\":\"諮問\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/consultation/kind",
               "unknown value \"諮問\"; expected one of: outsourcing, system, external_provision, "
               "purpose_external_use, online_link, collection, report", 0) != NULL);
    EXPECT_ERROR("\"data\":{\"items\":[{\"name\":\"氏名\",\"category\":\"identity\"},{\"category\":\"mynumber\"}]}",
                 "/data/items/1/category", "did you mean \"my_number\"?");
    EXPECT_ERROR("\"transfers\":[{\"method\":\"E-mail\"}]", "/transfers/0/method", "unknown value \"E-mail\"");
    EXPECT_ERROR("\"platforms\":[{\"attachments\":[\"photo\",\"video\"]}]", "/platforms/0/attachments/1",
                 "unknown value \"video\"; expected one of: photo, document");
    EXPECT_ERROR("\"platforms\":[{\"attachments\":[null]}]", "/platforms/0/attachments/0", "expected string, got null");
    EXPECT_ERROR("\"storage\":[{\"location\":3}]", "/storage/0/location", "expected string, got number 3");
    EXPECT_ERROR("\"devices\":{\"kind\":\"iPad\"}", "/devices/kind", "expected one of: tablet, pc, smartphone");
    EXPECT_ERROR("\"storage\":[{\"region\":\"Japan\"}]", "/storage/0/region",
                 "unknown value \"Japan\"; expected one of: domestic, overseas, unknown");

    /* format is a const */
    e = run_text("{\"format\":\"hogo-plan/2\",\"title\":\"t\",\"department\":\"d\",\"consultation\":{\"kind\":\"report\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/format", "expected \"hogo-plan/1\", got string \"hogo-plan/2\"", 0) != NULL);
}


/* ---- the slips a staffer makes, named in both languages (issue 10) ---- */

/* One report at ptr whose message in lang is exactly want (warning or error as given). */
static void expect_exact(int line, hogo_lang lang, const char *extra, const char *ptr, int warning, const char *want)
{
    reps rs;
    hogo_lang keep = test_lang;
    test_lang = lang;
    run_plan(extra, &rs);
    test_lang = keep;
    int ok = rs.total == 1 && !rs.r[0].warning == !warning && strcmp(rs.r[0].ptr, ptr) == 0 &&
             strcmp(rs.r[0].msg, want) == 0;
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "test_schema.c:%d: want at \"%s\": %s\n", line, ptr, want);
        dump(extra, &rs);
    }
}
#define EXPECT_JA(extra, ptr, w, want) expect_exact(__LINE__, HOGO_JA, extra, ptr, w, want)
#define EXPECT_EN(extra, ptr, w, want) expect_exact(__LINE__, HOGO_EN, extra, ptr, w, want)

static void test_slips(void)
{
    /* a number written as text */
    EXPECT_JA("\"data\":{\"persons\":\"約3000人\"}", "/data/persons", 0,
              "数が文字列 \"約3000人\" になっています。数は引用符を付けず半角数字だけで書いてください（概数や注記は description に）: \"persons\": 3000");
    EXPECT_EN("\"data\":{\"persons\":\"約3000人\"}", "/data/persons", 0,
              "a number is written as the text \"約3000人\"; write the number alone, in ASCII digits without quotes (put an estimate's wording in description): \"persons\": 3000");
    /* 全角数字 and thousands separators inside a string */
    EXPECT_JA("\"data\":{\"annual\":\"４５，０００\"}", "/data/annual", 0,
              "数が文字列 \"４５，０００\" になっています。数は引用符を付けず半角数字だけで書いてください（概数や注記は description に）: \"annual\": 45000");
    EXPECT_EN("\"data\":{\"annual\":\"45,000\"}", "/data/annual", 0,
              "a number is written as the text \"45,000\"; write the number alone, in ASCII digits without quotes (put an estimate's wording in description): \"annual\": 45000");
    /* はい / いいえ for true / false */
    EXPECT_JA("\"storage\":[{\"encrypted\":\"はい\"}]", "/storage/0/encrypted", 0,
              "はい・いいえは文字列 \"はい\" ではなく、引用符なしの true か false で書きます: \"encrypted\": true");
    EXPECT_EN("\"outsourcing\":{\"audit\":\"いいえ\"}", "/outsourcing/audit", 0,
              "yes or no is written as the text \"いいえ\"; write true or false without quotes: \"audit\": false");
    /* an array where one value is expected, and the reverse */
    EXPECT_JA("\"storage\":[{\"location\":[\"cloud\"]}]", "/storage/0/location", 0,
              "ここには値を1つだけ書きます（配列 [ ] ではなく）。1つに決めてください: \"location\": \"cloud\"");
    EXPECT_EN("\"storage\":[{\"location\":[\"cloud\"]}]", "/storage/0/location", 0,
              "one value is expected here, not an array [ ]; choose one: \"location\": \"cloud\"");
    EXPECT_JA("\"outsourcing\":{\"scope\":\"保守\"}", "/outsourcing/scope", 0,
              "ここには配列 [ … ] を書きます。1つだけでも [ ] で囲んでください: \"scope\": [\"保守\"]");
    EXPECT_EN("\"outsourcing\":{\"scope\":\"保守\"}", "/outsourcing/scope", 0,
              "an array [ ... ] is expected here; put even a single value in [ ]: \"scope\": [\"保守\"]");
    /* a date that does not exist, a wrong 曜日, a date outside its era */
    EXPECT_JA("\"date\":\"令和3年2月30日\"", "/date", 0,
              "日付 \"令和3年2月30日\" は存在しない日付です（2021年2月は28日まで）。正しい日付を書いてください（例: \"2021-02-28\"）");
    EXPECT_EN("\"date\":\"令和3年2月30日\"", "/date", 0,
              "the date \"令和3年2月30日\" does not exist (February 2021 has 28 days); write a real date, e.g. \"2021-02-28\"");
    EXPECT_JA("\"date\":\"令和3年2月17日（木）\"", "/date", 0,
              "日付 \"令和3年2月17日（木）\" の曜日が違います（2021年2月17日は水曜日で、木曜日ではありません）。次のように直してください: \"令和3年2月17日（水）\"");
    EXPECT_EN("\"date\":\"令和3年2月17日（木）\"", "/date", 0,
              "the date \"令和3年2月17日（木）\" has the wrong day of the week: 2021-02-17 is a Wednesday (水), not a Thursday (木); write \"令和3年2月17日（水）\"");
    EXPECT_JA("\"date\":\"平成32年4月1日\"", "/date", 0,
              "日付 \"平成32年4月1日\" は平成の期間（1989-01-08 から 2019-04-30）の外で、存在しない和暦です。西暦で書いてください（例: \"2020-04-01\"）");
    EXPECT_EN("\"date\":\"2021-13-01\"", "/date", 0,
              "the date \"2021-13-01\" does not exist (there is no month 13); months run from 1 to 12");
    /* a Japanese label as a key points to the English key */
    EXPECT_JA("\"保存期間\":\"5年\"", "/保存期間", 2,
              "キー \"保存期間\" は日本語の見出しで、hogo は読みません。英語のキーで書いてください: \"retention\": {\"period\": …}");
    EXPECT_EN("\"保存期間\":\"5年\"", "/保存期間", 2,
              "the key \"保存期間\" is a Japanese label, which hogo does not read; use the English key: \"retention\": {\"period\": …}");
    EXPECT_JA("\"保管場所\":\"庁舎内\"", "/保管場所", 2,
              "キー \"保管場所\" は日本語の見出しで、hogo は読みません。英語のキーで書いてください: \"storage\": [ … ]");
    EXPECT_EN("\"outsourcing\":{\"委託先\":\"株式会社A\"}", "/outsourcing/委託先", 2,
              "the key \"委託先\" is a Japanese label, which hogo does not read; use the English key: \"contractor\": …");
    EXPECT_JA("\"disposal\":[{\"廃棄方法\":\"溶解\"}]", "/disposal/0/廃棄方法", 2,
              "キー \"廃棄方法\" は日本語の見出しで、hogo は読みません。英語のキーで書いてください: \"method\": …");
    EXPECT_EN("\"廃棄方法\":\"溶解\"", "/廃棄方法", 2,
              "the key \"廃棄方法\" is a Japanese label, which hogo does not read; use the English key: \"disposal\": [{\"method\": …}]");
    /* near misses keep their did-you-mean, in both languages */
    EXPECT_JA("\"strage\":[]", "/strage", 2, "不明なキー \"strage\"（もしかして \"storage\"？）");
    EXPECT_EN("\"strage\":[]", "/strage", 2, "unknown key \"strage\" (did you mean \"storage\"?)");
    EXPECT_JA("\"x_code\":1", "/x_code", 1, "不明なキー \"x_code\"");
    EXPECT_JA("\"storage\":[{\"location\":\"clowd\"}]", "/storage/0/location", 0,
              "値 \"clowd\" は選択肢にありません。次のどれかを書いてください: on_premise, government_data_center, cloud, contractor, personal_device, lgwan_asp, gov_cloud（もしかして \"cloud\"？）");
    /* the rest of the messages follow the language too */
    EXPECT_JA("\"data\":{\"persons\":-1}", "/data/persons", 0, "値 -1 は最小値 0 より小さくなっています");
    EXPECT_JA("\"outsourcing\":\"なし\"", "/outsourcing", 0,
              "該当しないことは文字列 \"なし\" ではなく、引用符なしの null で書きます（書かないと「記載なし」になります）: \"outsourcing\": null");
    EXPECT_EN("\"outsourcing\":\"該当なし\"", "/outsourcing", 0,
              "\"does not apply\" is written as the text \"該当なし\"; write null without quotes (leaving the field out means \"not stated\"): \"outsourcing\": null");
    EXPECT_JA("\"outsourcing\":\"株式会社A\"", "/outsourcing", 0,
              "ここには オブジェクト { … }、または配列 [ … ] を書きます（書かれているのは 文字列 \"株式会社A\"）");
    /* a choice written in Japanese points to its English value */
    EXPECT_JA("\"storage\":[{\"location\":\"クラウド\"}]", "/storage/0/location", 0,
              "選択肢は英語で書きます。\"クラウド\" は \"cloud\" です: \"location\": \"cloud\"");
    EXPECT_EN("\"disposal\":[{\"method\":\"溶解\"}]", "/disposal/0/method", 0,
              "a choice is written in English: \"溶解\" is \"dissolution\": \"method\": \"dissolution\"");
    /* the words staff write (docs/plan.schema.json's x-hogo-values aliases):
     * "LGWAN" in any case, LGWAN-ASP, 宅配便, 受託者の事業所, 2要素認証, 無害化 */
    EXPECT_JA("\"storage\":[{\"network\":\"LGWAN\"}]", "/storage/0/network", 0,
              "選択肢は英語で書きます。\"LGWAN\" は \"lgwan\" です: \"network\": \"lgwan\"");
    EXPECT_JA("\"transfers\":[{\"method\":\"Lgwan\"}]", "/transfers/0/method", 0,
              "選択肢は英語で書きます。\"Lgwan\" は \"lgwan\" です: \"method\": \"lgwan\"");
    EXPECT_JA("\"storage\":[{\"location\":\"LGWAN-ASP\"}]", "/storage/0/location", 0,
              "選択肢は英語で書きます。\"LGWAN-ASP\" は \"lgwan_asp\" です: \"location\": \"lgwan_asp\"");
    EXPECT_JA("\"transfers\":[{\"method\":\"宅配便\"}]", "/transfers/0/method", 0,
              "選択肢は英語で書きます。\"宅配便\" は \"courier\" です: \"method\": \"courier\"");
    EXPECT_JA("\"transfers\":[{\"method\":\"無害化\"}]", "/transfers/0/method", 0,
              "選択肢は英語で書きます。\"無害化\" は \"sanitization\" です: \"method\": \"sanitization\"");
    EXPECT_JA("\"outsourcing\":{\"work_location\":\"受託者の事業所\"}", "/outsourcing/work_location", 0,
              "選択肢は英語で書きます。\"受託者の事業所\" は \"contractor_site\" です: \"work_location\": \"contractor_site\"");
    EXPECT_JA("\"access\":{\"authentication\":\"2要素認証\"}", "/access/authentication", 0,
              "選択肢は英語で書きます。\"2要素認証\" は \"two_factor\" です: \"authentication\": \"two_factor\"");
    /* a word is read for its own field only: 禁止 is blocked for app installs */
    EXPECT_JA("\"devices\":{\"app_install\":\"禁止\"}", "/devices/app_install", 0,
              "選択肢は英語で書きます。\"禁止\" は \"blocked\" です: \"app_install\": \"blocked\"");
    EXPECT_JA("\"disposal\":[{\"by\":\"クラウド\"}]", "/disposal/0/by", 0,
              "値 \"クラウド\" は選択肢にありません。次のどれかを書いてください: city, contractor");
    EXPECT_JA("\"disposal\":[{\"deadline\":\"そのうち\"}]", "/disposal/0/deadline", 0,
              "期間 \"そのうち\" を読めません（\"3か月\"、\"5年\"、\"P3M\" のように書きます）");
    EXPECT_JA("\"date\":\"来年度\"", "/date", 0,
              "日付 \"来年度\" を読めません（\"2021-02-17\" か \"令和3年2月17日\" と書きます）");
    reps rs;
    test_lang = HOGO_JA;
    int e = run_text("{\"format\":\"hogo-plan/1\",\"department\":\"d\",\"consultation\":{\"kind\":\"system\"}}", &rs);
    test_lang = HOGO_EN;
    CHECK_INT(e, 1);
    if (rs.n) CHECK_STR(rs.r[0].msg, "必須の項目 \"title\" がありません。書き足してください（例: \"title\": \"…\"）");
}

/* ---- dates and durations ---- */

static void test_formats(void)
{
    EXPECT_CLEAN("\"date\":\"2021-02-17\"");
    EXPECT_CLEAN("\"date\":\"令和3年2月17日\"");
    EXPECT_CLEAN("\"date\":\"令和元年5月1日\"");
    EXPECT_CLEAN("\"waivers\":[{\"rule\":\"r\",\"reason\":\"理由\",\"expires\":\"令和4年3月31日\"}]");
    EXPECT_ERROR("\"date\":\"2021-02-30\"", "/date", "the date \"2021-02-30\" does not exist (February 2021 has 28 days); write a real date, e.g. \"2021-02-28\"");
    EXPECT_ERROR("\"date\":\"来年度\"", "/date", "unreadable date \"来年度\"");
    EXPECT_ERROR("\"waivers\":[{\"expires\":\"someday\"}]", "/waivers/0/expires", "unreadable date \"someday\"");
    EXPECT_ERROR("\"date\":20210217", "/date", "expected string, got number 20210217");

    EXPECT_CLEAN("\"disposal\":[{\"deadline\":\"３か月以内\"}]");
    EXPECT_CLEAN("\"disposal\":[{\"deadline\":\"3か月以内\"},{\"deadline\":\"P90D\"},{\"deadline\":\"90日\"}]");
    EXPECT_CLEAN("\"retention\":{\"period\":\"P5Y\"}");
    EXPECT_CLEAN("\"retention\":{\"period\":\"5年\"}");
    EXPECT_CLEAN("\"retention\":{\"period\":\"永年\",\"basis\":\"文書管理規程\"}");
    EXPECT_ERROR("\"disposal\":[{\"deadline\":\"そのうち\"}]", "/disposal/0/deadline",
                 "unreadable duration \"そのうち\" (write P3M or 3か月)");
    EXPECT_ERROR("\"retention\":{\"period\":\"forever-ish\"}", "/retention/period", "unreadable duration \"forever-ish\"");
    EXPECT_ERROR("\"retention\":{\"period\":5}", "/retention/period", "expected string, got number 5");

    /* council.conditions[].due: a date or next_session */
    EXPECT_CLEAN("\"council\":{\"conditions\":[{\"text\":\"報告\",\"due\":\"next_session\",\"status\":\"open\"},"
                 "{\"due\":\"2021-03-01\",\"status\":\"done\"},{\"due\":\"令和3年3月1日\"},{\"due\":null}]}");
    EXPECT_ERROR("\"council\":{\"conditions\":[{\"due\":\"soon\"}]}", "/council/conditions/0/due",
                 "unreadable date \"soon\" (write YYYY-MM-DD or 令和3年2月17日); also accepted: next_session");
    EXPECT_ERROR("\"council\":{\"conditions\":[{\"due\":5}]}", "/council/conditions/0/due", "expected string, got number 5");
    EXPECT_ERROR("\"council\":{\"conditions\":[{\"status\":\"closed\"}]}", "/council/conditions/0/status",
                 "unknown value \"closed\"; expected one of: open, done");
}

/* ---- absent, null, false ---- */

static void test_null(void)
{
    EXPECT_CLEAN("\"outsourcing\":null");
    EXPECT_CLEAN("\"id\":null,\"date\":null,\"purpose\":null,\"description\":null,\"data\":null,\"storage\":null,"
                 "\"transfers\":null,\"outsourcing\":null,\"disposal\":null,\"retention\":null,\"access\":null,"
                 "\"devices\":null,\"platforms\":null,\"contract\":null,\"operations\":null,\"council\":null,"
                 "\"waivers\":null");
    EXPECT_CLEAN("\"data\":{\"subjects\":[{\"kind\":null,\"label\":null,\"count\":null}],"
                 "\"items\":[{\"name\":null,\"category\":null,\"sensitive\":null}],"
                 "\"persons\":null,\"annual\":null,\"item_types\":null,\"collected_always\":null}");
    EXPECT_CLEAN("\"storage\":[{\"what\":null,\"medium\":null,\"location\":null,\"network\":null,\"provider\":null,"
                 "\"service\":null,\"region\":null,\"ismap\":null,\"encrypted\":null}]");
    EXPECT_CLEAN("\"transfers\":[{\"method\":null,\"encrypted\":null,\"verification\":null,\"frequency\":null}],"
                 "\"outsourcing\":{\"scope\":null,\"subcontracting\":null,\"bidders\":null,\"results_to\":null},"
                 "\"disposal\":[{\"method\":null,\"by\":null,\"deadline\":null}],"
                 "\"retention\":{\"period\":null},\"access\":{\"authentication\":null,\"shared_with\":null},"
                 "\"devices\":{\"kind\":null,\"count\":null,\"app_install\":null},"
                 "\"platforms\":[{\"region\":null,\"attachments\":null}],"
                 "\"contract\":{\"kind\":null,\"years\":null,\"includes\":null},"
                 "\"operations\":{\"rules\":null},\"council\":{\"conditions\":null},"
                 "\"waivers\":[{\"expires\":null}]");
    /* stated values: false, 0, [] */
    EXPECT_CLEAN("\"data\":{\"persons\":0,\"items\":[],\"collected_always\":false},\"storage\":[],"
                 "\"outsourcing\":{\"special_specifications\":false,\"bidders\":0}");

    /* null is not allowed for the required fields */
    reps rs;
    int e = run_text("{\"format\":\"hogo-plan/1\",\"title\":null,\"department\":\"d\",\"consultation\":{\"kind\":\"report\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/title", "expected string, got null", 0) != NULL);
    e = run_text("{\"format\":null,\"title\":\"t\",\"department\":null,\"consultation\":null}", &rs);
    CHECK_INT(e, 3);
    CHECK(find(&rs, "/format", "expected \"hogo-plan/1\", got null", 0) != NULL);
    CHECK(find(&rs, "/department", "expected string, got null", 0) != NULL);
    CHECK(find(&rs, "/consultation", "expected object, got null", 0) != NULL);
    EXPECT_ERROR("\"storage\":[null]", "/storage/0", "expected object, got null");
}

/* ---- duplicate keys, numbers ---- */

static void test_document_checks(void)
{
    reps rs;
    int e = run_text("{\"format\":\"hogo-plan/1\",\"title\":\"a\",\"department\":\"d\","
                     "\"consultation\":{\"kind\":\"report\"},\"title\":\"b\"}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/title", "duplicate key \"title\"", 0) != NULL);

    /* three times: reported once; nested; inside an extension the schema knows nothing about */
    EXPECT_ERROR("\"id\":\"1\",\"id\":\"2\",\"id\":\"3\"", "/id", "duplicate key \"id\"");
    EXPECT_ERROR("\"storage\":[{\"what\":\"a\",\"medium\":\"paper\",\"what\":\"b\"}]", "/storage/0/what",
                 "duplicate key \"what\"");
    e = run_plan("\"x_local\":{\"a\":[{\"k\":1,\"k\":2}]}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/x_local/a/0/k", "duplicate key \"k\"", 0) != NULL);
    CHECK(find(&rs, "/x_local", "unknown key \"x_local\"", 1) != NULL);
    /* keys that differ only in case are not duplicates */
    e = run_plan("\"x_local\":{\"Key\":1,\"key\":2}", &rs);
    CHECK_INT(e, 0);

    /* a large object takes the sort path */
    char *big = malloc(100 * 16 + 64);
    size_t n = 0;
    n += (size_t)sprintf(big + n, "\"x_big\":{");
    for (int i = 0; i < 100; i++) n += (size_t)sprintf(big + n, "%s\"k%d\":%d", i ? "," : "", i % 60 == 59 ? 7 : i, i);
    sprintf(big + n, "}");
    e = run_plan(big, &rs);
    free(big);
    CHECK_INT(e, 1);                                   /* k7 appears 3 times: one report */
    CHECK(find(&rs, "/x_big/k7", "duplicate key \"k7\"", 0) != NULL);

    /* numbers */
    EXPECT_ERROR("\"data\":{\"persons\":1e999}", "/data/persons", "number out of range");
    EXPECT_ERROR("\"contract\":{\"years\":-1e999}", "/contract/years", "number out of range");
    e = run_plan("\"x_local\":[1e999]", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/x_local/0", "number out of range", 0) != NULL);
}

/* ---- unknown keys ---- */

static void test_unknown_keys(void)
{
    EXPECT_WARNING("\"strage\":[]", "/strage", "unknown key \"strage\" (did you mean \"storage\"?)");
    EXPECT_WARNING("\"storage\":[{\"locaton\":\"cloud\"}]", "/storage/0/locaton", "(did you mean \"location\"?)");
    EXPECT_WARNING("\"outsourcing\":{\"subcontarcting\":\"allowed\"}", "/outsourcing/subcontarcting",
                   "did you mean \"subcontracting\"?");                     /* a swap counts once */
    EXPECT_WARNING("\"x_municipality_code\":\"112283\"", "/x_municipality_code", "unknown key \"x_municipality_code\"");
    EXPECT_WARNING("\"a/b~c\":1", "/a~1b~0c", "unknown key \"a/b~c\"");
    EXPECT_WARNING("\"data\":{\"persons\":1,\"Persons\":2}", "/data/Persons", "did you mean \"persons\"?");

    reps rs;
    run_plan("\"x_municipality_code\":\"112283\"", &rs);
    CHECK(rs.n == 1 && strstr(rs.r[0].msg, "did you mean") == NULL);
    if (rs.n == 1) CHECK_STR(rs.r[0].msg, "unknown key \"x_municipality_code\"");

    /* an unknown key's value is not checked against anything (but no warnings inside it) */
    EXPECT_WARNING("\"x_ext\":{\"storage\":\"whatever\",\"zzz\":[1,2]}", "/x_ext", "unknown key \"x_ext\"");
    /* a misspelt required field: the error and a warning that points at it */
    int e = run_text("{\"format\":\"hogo-plan/1\",\"Title\":\"t\",\"department\":\"d\",\"consultation\":{\"kind\":\"report\"}}", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "", "missing required field \"title\"", 0) != NULL);
    CHECK(find(&rs, "/Title", "unknown key \"Title\" (did you mean \"title\"?)", 1) != NULL);
    /* a value of the wrong type gets no warnings about its keys */
    EXPECT_ERROR("\"storage\":{\"strage\":1}", "/storage", "expected array, got object");
}

/* ---- messages ---- */

static void test_messages(void)
{
    reps rs;
    /* long values are cut, control characters escaped */
    char extra[700];
    char longv[401];
    memset(longv, 'a', 400);
    longv[400] = '\0';
    snprintf(extra, sizeof extra, "\"storage\":[{\"location\":\"%s\"}]", longv);
    int e = run_plan(extra, &rs);
    CHECK_INT(e, 1);
    CHECK(rs.n == 1 && strlen(rs.r[0].msg) < 300 && strstr(rs.r[0].msg, "\xE2\x80\xA6\""));
    e = run_plan("\"storage\":[{\"location\":\"a\\nb\\\"c\"}]", &rs);
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/storage/0/location", "unknown value \"a\\nb\\\"c\"", 0) != NULL);
    /* a cut never splits a UTF-8 character */
    char ja[800] = "\"storage\":[{\"location\":\"";
    for (int i = 0; i < 100; i++) strcat(ja, "雲");
    strcat(ja, "\"}]");
    e = run_plan(ja, &rs);
    CHECK_INT(e, 1);
    if (rs.n == 1) {
        const char *q = strstr(rs.r[0].msg, "\xE2\x80\xA6");
        CHECK(q != NULL);
        if (q) CHECK((q - strstr(rs.r[0].msg, "雲")) % 3 == 0);
    }
    /* the count returned equals the errors reported */
    e = run_plan("\"date\":\"x\",\"data\":{\"persons\":\"y\"},\"storage\":[{\"medium\":\"z\"}],\"strage\":1", &rs);
    CHECK_INT(e, 3);
    CHECK_INT(rs.errors, 3);
    CHECK_INT(rs.warnings, 1);
    /* reports come in document order */
    if (rs.n == 4) {
        CHECK_STR(rs.r[0].ptr, "/date");
        CHECK_STR(rs.r[1].ptr, "/data/persons");
        CHECK_STR(rs.r[2].ptr, "/storage/0/medium");
        CHECK_STR(rs.r[3].ptr, "/strage");
    }
}

/* ---- schema_compile on other schemas: the keyword subset ---- */

static schema *compile_str(const char *t, char *err, size_t errlen)
{
    return schema_compile(t, strlen(t), err, errlen);
}

static void expect_compile_error(int line, const char *text, const char *sub)
{
    char err[256] = "";
    schema *s = compile_str(text, err, sizeof err);
    CHECK(s == NULL && strstr(err, sub) != NULL);
    if (s || !strstr(err, sub))
        fprintf(stderr, "test_schema.c:%d: want compile error '%s', got '%s'\n", line, sub, err);
    schema_free(s);
}
#define EXPECT_COMPILE_ERROR(text, sub) expect_compile_error(__LINE__, text, sub)

static int validate_with(schema *s, const char *json, reps *rs)
{
    memset(rs, 0, sizeof *rs);
    cJSON *doc = cJSON_Parse(json);
    if (!doc) return -1;
    int n = schema_validate(s, doc, test_lang, collect, rs);
    cJSON_Delete(doc);
    return n;
}

static void test_compile(void)
{
    EXPECT_COMPILE_ERROR("{\"type\": \"object\",", "not valid JSON");
    EXPECT_COMPILE_ERROR("{} {}", "text after the JSON value");
    EXPECT_COMPILE_ERROR("{\"properties\": {\"id\": {\"type\": \"string\", \"pattern\": \"^a\"}}}",
                         "unsupported keyword \"pattern\" at #/properties/id");
    EXPECT_COMPILE_ERROR("{\"additionalProperties\": false}", "unsupported keyword \"additionalProperties\"");
    EXPECT_COMPILE_ERROR("{\"type\": \"text\"}", "type must be");
    EXPECT_COMPILE_ERROR("{\"format\": \"email\"}", "unsupported format email");
    EXPECT_COMPILE_ERROR("{\"$ref\": \"#/$defs/nope\"}", "names no entry of $defs");
    EXPECT_COMPILE_ERROR("{\"$ref\": \"other.json#/x\"}", "unsupported $ref");
    EXPECT_COMPILE_ERROR("{\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}}",
                         "refers to itself");
    EXPECT_COMPILE_ERROR("{\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"anyOf\": [{\"$ref\": \"#/$defs/a\"}]}}}",
                         "anyOf refers back to itself");
    EXPECT_COMPILE_ERROR("{\"properties\": {\"a\": {\"$ref\": \"#/$defs/a\", \"type\": \"string\"}}, \"$defs\": {\"a\": true}}",
                         "beside $ref");
    EXPECT_COMPILE_ERROR("{\"properties\": {\"a\": {\"$defs\": {}}}}", "$defs is supported only at the root");
    EXPECT_COMPILE_ERROR("{\"items\": [{}]}", "items must be one schema");
    EXPECT_COMPILE_ERROR("{\"properties\": {\"a\": true, \"a\": false}}", "defined twice");
    EXPECT_COMPILE_ERROR("{\"enum\": []}", "enum must be a non-empty array");
    EXPECT_COMPILE_ERROR("{\"minimum\": \"0\"}", "minimum must be a number");
    EXPECT_COMPILE_ERROR("7", "a schema must be an object or a boolean");

    char deep[1024] = "";
    for (int i = 0; i < 70; i++) strcat(deep, "{\"items\":");
    strcat(deep, "true");
    for (int i = 0; i < 70; i++) strcat(deep, "}");
    EXPECT_COMPILE_ERROR(deep, "nested more than");

    /* the schema text need not be NUL-terminated */
    const char text[] = "{\"type\":\"integer\"}GARBAGE";
    char err[128] = "";
    schema *s = schema_compile(text, sizeof "{\"type\":\"integer\"}" - 1, err, sizeof err);
    CHECK(s != NULL);
    schema_free(s);
    schema_free(NULL);

    /* generic features the plan schema does not use */
    reps rs;
    s = compile_str("{\"type\":\"object\",\"required\":[\"n\",\"m\"],"
                    "\"properties\":{\"n\":{\"enum\":[1,2.5,\"x\",null]},\"b\":false,\"t\":{\"$ref\":\"#/$defs/tree\"},"
                    "\"r\":{\"type\":\"number\",\"minimum\":0,\"maximum\":10}},"
                    "\"$defs\":{\"tree\":{\"type\":\"object\",\"properties\":{\"kids\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/tree\"}},\"v\":{\"type\":\"integer\"}}}}}",
                    err, sizeof err);
    CHECK(s != NULL);
    if (!s) { fprintf(stderr, "compile: %s\n", err); return; }
    CHECK_INT(validate_with(s, "{\"n\":2.5,\"m\":{}}", &rs), 0);
    CHECK_INT(rs.total, 0);                                 /* m: required, no property schema: no warning */
    CHECK_INT(validate_with(s, "{\"n\":3,\"m\":0}", &rs), 1);
    CHECK(find(&rs, "/n", "unknown value 3; expected one of: 1, 2.5, x", 0) != NULL);
    CHECK_INT(validate_with(s, "{\"n\":null,\"m\":0,\"b\":1}", &rs), 1);
    CHECK(find(&rs, "/b", "no value is allowed here", 0) != NULL);
    CHECK_INT(validate_with(s, "{\"n\":1,\"m\":0,\"r\":10.5}", &rs), 1);
    CHECK(find(&rs, "/r", "value 10.5 is above the maximum 10", 0) != NULL);
    CHECK_INT(validate_with(s, "{\"n\":1,\"m\":0,\"t\":{\"kids\":[{\"v\":1},{\"kids\":[{\"v\":\"x\",\"w\":0}]}]}}", &rs), 1);
    CHECK(find(&rs, "/t/kids/1/kids/0/v", "expected integer, got string \"x\"", 0) != NULL);
    CHECK(find(&rs, "/t/kids/1/kids/0/w", "unknown key \"w\"", 1) != NULL);
    schema_free(s);

    /* anyOf whose branches differ by type only */
    s = compile_str("{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"boolean\"}]}", err, sizeof err);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(validate_with(s, "true", &rs), 0);
        CHECK_INT(validate_with(s, "\"x\"", &rs), 1);
        CHECK(find(&rs, "", "expected integer or boolean, got string \"x\"", 0) != NULL);
        schema_free(s);
    }
    /* anyOf of enums: one message listing all */
    s = compile_str("{\"anyOf\":[{\"const\":\"a\"},{\"enum\":[\"bb\",\"cc\"]}]}", err, sizeof err);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(validate_with(s, "\"cc\"", &rs), 0);
        CHECK_INT(validate_with(s, "\"bx\"", &rs), 1);
        CHECK(find(&rs, "", "unknown value \"bx\"; expected one of: a, bb, cc; did you mean \"bb\"?", 0) != NULL);
        schema_free(s);
    }
    /* warnings from the anyOf branch that passed are kept */
    s = compile_str("{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}]}", err, sizeof err);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(validate_with(s, "{\"a\":\"x\",\"aa\":1}", &rs), 0);
        CHECK(find(&rs, "/aa", "unknown key \"aa\" (did you mean \"a\"?)", 1) != NULL);
        CHECK_INT(validate_with(s, "{\"a\":1}", &rs), 1);
        CHECK(find(&rs, "/a", "expected string, got number 1", 0) != NULL);
        schema_free(s);
    }
}

/* ---- scale, depth, threads ---- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_scale(void)
{
    /* a plan with 100,000 data items */
    cJSON *doc = cJSON_Parse("{" BASE ",\"data\":{\"items\":[]}}");
    cJSON *items = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "data"), "items");
    for (int i = 0; i < 100000; i++) {
        cJSON *it = cJSON_CreateObject();
        cJSON_AddStringToObject(it, "name", "氏名");
        cJSON_AddStringToObject(it, "category", i == 99999 ? "nope" : "identity");
        cJSON_AddBoolToObject(it, "sensitive", i % 2);
        cJSON_AddItemToArray(items, it);
    }
    reps rs = {0};
    double t0 = now();
    int e = schema_validate(S, doc, test_lang, collect, &rs);
    double t1 = now();
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/data/items/99999/category", "unknown value \"nope\"", 0) != NULL);
    cJSON_Delete(doc);

    /* an object with 100,000 keys (one duplicated) inside an extension */
    doc = cJSON_Parse("{" BASE ",\"x_wide\":{}}");
    cJSON *wide = cJSON_GetObjectItemCaseSensitive(doc, "x_wide");
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "k%d", i == 77777 ? 5 : i);
        cJSON_AddItemToObject(wide, key, cJSON_CreateNumber(i));
    }
    memset(&rs, 0, sizeof rs);
    double t2 = now();
    e = schema_validate(S, doc, test_lang, collect, &rs);
    double t3 = now();
    CHECK_INT(e, 1);
    CHECK(find(&rs, "/x_wide/k5", "duplicate key \"k5\"", 0) != NULL);
    cJSON_Delete(doc);

    /* 100,000 unknown keys in one storage entry: 100,000 warnings */
    doc = cJSON_Parse("{" BASE ",\"storage\":[{}]}");
    cJSON *st = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "storage"), 0);
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "locatio%d", i);
        cJSON_AddItemToObject(st, key, cJSON_CreateNull());
    }
    memset(&rs, 0, sizeof rs);
    double t4 = now();
    e = schema_validate(S, doc, test_lang, collect, &rs);
    double t5 = now();
    CHECK_INT(e, 0);
    CHECK_INT(rs.warnings, 100000);
    CHECK(find(&rs, "/storage/0/locatio0", "did you mean \"location\"?", 1) != NULL);
    cJSON_Delete(doc);
    fprintf(stderr, "scale: 100k items %.3fs, 100k keys %.3fs, 100k unknown keys %.3fs\n", t1 - t0, t3 - t2, t5 - t4);

    /* nesting far deeper than cJSON's parser allows, built by hand: no recursion per level */
    doc = cJSON_Parse("{" BASE "}");
    cJSON *inner = cJSON_CreateArray(), *top = inner;
    for (int i = 0; i < 20000; i++) {
        cJSON *a = cJSON_CreateArray();
        cJSON_AddItemToArray(inner, a);
        inner = a;
    }
    cJSON_AddItemToArray(inner, cJSON_CreateNumber(1));
    cJSON_AddItemToObject(doc, "x_deep", top);
    memset(&rs, 0, sizeof rs);
    e = schema_validate(S, doc, test_lang, collect, &rs);
    CHECK_INT(e, 0);
    CHECK_INT(rs.warnings, 1);
    cJSON_Delete(doc);
}

typedef struct {
    int errors;
} thread_result;

static void *thread_main(void *arg)
{
    thread_result *r = arg;
    for (int round = 0; round < 200; round++)
        for (size_t i = 0; i < N_GOOD; i++)
            if (good_docs[i]) r->errors += schema_validate(S, good_docs[i], test_lang, NULL, NULL);
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[4];
    thread_result r[4] = {{0}};
    for (int i = 0; i < 4; i++) CHECK_INT(pthread_create(&t[i], NULL, thread_main, &r[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK_INT(r[i].errors, 0);
    }
}

int main(void)
{
    size_t len;
    char *text = slurp("docs/plan.schema.json", &len);
    CHECK(text != NULL);
    if (!text) {
        fprintf(stderr, "cannot read docs/plan.schema.json (run from the repository root)\n");
        return check_done();
    }
    char err[256] = "";
    S = schema_compile(text, len, err, sizeof err);
    free(text);
    CHECK(S != NULL);
    if (!S) {
        fprintf(stderr, "schema_compile: %s\n", err);
        return check_done();
    }
    CHECK_STR(err, "");

    test_good_plans();
    test_required_and_types();
    test_enums();
    test_formats();
    test_slips();
    test_null();
    test_document_checks();
    test_unknown_keys();
    test_messages();
    test_compile();
    test_scale();
    test_threads();

    for (size_t i = 0; i < N_GOOD; i++) cJSON_Delete(good_docs[i]);
    schema_free(S);
    return check_done();
}
