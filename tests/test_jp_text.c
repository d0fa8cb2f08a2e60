/* test_jp_text.c -- unit tests of hogo_normalize, hogo_parse_date and
 * hogo_parse_duration (engine/jp_text.c).  Table-driven: each table row is
 * one input and what it must give. */
#include "hogo.h"
#include "jp_text.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- hogo_normalize ----------------------------------------------------- */

typedef struct {
    const char *in;
    size_t in_len;          /* 0 = strlen(in) */
    const char *want;
    size_t want_len;        /* 0 = strlen(want) */
} norm_case;

static const norm_case NORM[] = {
    { "", 0, "", 0 },
    { "abc 123", 0, "abc 123", 0 },
    { "０１２３４５６７８９", 0, "0123456789", 0 },
    { "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ", 0, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 0 },
    { "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ", 0, "abcdefghijklmnopqrstuvwxyz", 0 },
    { "！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～", 0,
      "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", 0 },
    { "　", 0, " ", 0 },                                  /* U+3000 */
    { "a　b", 0, "a b", 0 },
    { "−５", 0, "-5", 0 },                                /* U+2212 minus */
    { "－５", 0, "-5", 0 },                               /* U+FF0D */
    { "３か月", 0, "3か月", 0 },
    { "３ヶ月以内", 0, "3ヶ月以内", 0 },
    { "令和３年２月１７日", 0, "令和3年2月17日", 0 },
    { "Ｒ３．２．１７", 0, "R3.2.17", 0 },
    { "ひらがなカタカナ漢字", 0, "ひらがなカタカナ漢字", 0 },
    { "ｶﾀｶﾅ", 0, "ｶﾀｶﾅ", 0 },                            /* half-width kana stay */
    { "\xEF\xBC\x80", 0, "\xEF\xBC\x80", 0 },             /* U+FF00 just below */
    { "\xEF\xBD\x9F", 0, "\xEF\xBD\x9F", 0 },             /* U+FF5F just above */
    { "￥", 0, "￥", 0 },                                  /* U+FFE5 not folded */
    { "ー〜", 0, "ー〜", 0 },                              /* long vowel, wave dash */
    { "\xE2\x88\x91", 0, "\xE2\x88\x91", 0 },             /* U+2211 next to minus */
    { "\xE3\x80\x81", 0, "\xE3\x80\x81", 0 },             /* U+3001 、 next to space */
    { "\xFF\xFE", 0, "\xFF\xFE", 0 },                     /* invalid bytes */
    { "\x81\x80", 0, "\x81\x80", 0 },                     /* stray continuation */
    { "a\xEF\xBC", 0, "a\xEF\xBC", 0 },                   /* truncated at the end */
    { "\xEF\xBC" "A", 0, "\xEF\xBC" "A", 0 },             /* truncated mid-string */
    { "\xEF\xEF\xBC\x91", 0, "\xEF" "1", 0 },             /* junk then １ */
    { "\xED\xA0\x80", 0, "\xED\xA0\x80", 0 },             /* surrogate encoding */
    { "Ａ\0Ｂ", 7, "A\0B", 3 },                          /* embedded NUL kept */
    { "ＡＢ", 3, "A", 0 },                                /* len shorter than string */
    { "ＡＢ", 4, "A\xEF", 0 },                            /* len cuts a sequence */
    { "ＡＢ", 1, "\xEF", 0 },                              /* len cuts the first */
};

static void test_normalize(void)
{
    size_t i;
    for (i = 0; i < COUNT(NORM); i++) {
        const norm_case *c = &NORM[i];
        size_t in_len = c->in_len ? c->in_len : strlen(c->in);
        size_t want_len = c->want_len ? c->want_len : strlen(c->want);
        char *got = hogo_normalize(c->in, in_len);
        CHECK(got != NULL);
        if (!got) continue;
        CHECK(got[want_len] == '\0');
        if (memcmp(got, c->want, want_len) != 0 || got[want_len] != '\0')
            fprintf(stderr, "normalize row %zu: got \"%s\", want \"%s\"\n", i, got, c->want);
        CHECK(memcmp(got, c->want, want_len) == 0);
        free(got);
    }
    /* NULL is taken as the empty string, whatever len says. */
    char *got = hogo_normalize(NULL, 0);
    CHECK_STR(got, "");
    free(got);
    got = hogo_normalize(NULL, 5);
    CHECK_STR(got, "");
    free(got);
    /* Normalising twice changes nothing more. */
    got = hogo_normalize("（Ｐ３Ｍ）　−", strlen("（Ｐ３Ｍ）　−"));
    CHECK_STR(got, "(P3M) -");
    char *again = got ? hogo_normalize(got, strlen(got)) : NULL;
    CHECK_STR(again, "(P3M) -");
    free(got);
    free(again);
}

/* ---- hogo_parse_date ---------------------------------------------------- */

typedef struct {
    const char *in;
    const char *want;
} date_case;

static const date_case DATE_OK[] = {
    /* Gregorian */
    { "2021-02-17", "2021-02-17" },
    { "2021-2-7", "2021-02-07" },
    { "2021/2/17", "2021-02-17" },
    { "2021/02/17", "2021-02-17" },
    { "2021.2.17", "2021-02-17" },
    { "2021年2月17日", "2021-02-17" },
    { "2021年02月07日", "2021-02-07" },
    { "2021 年 2 月 17 日", "2021-02-17" },
    { "西暦2021年2月17日", "2021-02-17" },
    { "0001-01-01", "0001-01-01" },
    { "9999-12-31", "9999-12-31" },
    { "2021-01-01", "2021-01-01" },
    { "2021-12-31", "2021-12-31" },
    { "2021-04-30", "2021-04-30" },
    /* leap years */
    { "2020-02-29", "2020-02-29" },
    { "2000-02-29", "2000-02-29" },
    { "2024/2/29", "2024-02-29" },
    { "令和2年2月29日", "2020-02-29" },
    /* full-width */
    { "２０２１年２月１７日", "2021-02-17" },
    { "２０２１－０２－１７", "2021-02-17" },
    { "２０２１／２／１７", "2021-02-17" },
    { "２０２１−０２−１７", "2021-02-17" },              /* U+2212 */
    /* surrounding white space */
    { "  2021-02-17  ", "2021-02-17" },
    { "\t2021-02-17\n", "2021-02-17" },
    { "　令和3年2月17日　", "2021-02-17" },
    /* 和暦 */
    { "令和3年2月17日", "2021-02-17" },
    { "令和３年２月１７日", "2021-02-17" },
    { "令和 3年 2月17日", "2021-02-17" },
    { "令和　３年　２月　１日", "2021-02-01" },
    { "令和3.2.17", "2021-02-17" },
    { "令和元年5月1日", "2019-05-01" },
    { "令和1年5月1日", "2019-05-01" },
    { "令和元年12月31日", "2019-12-31" },
    { "平成31年4月30日", "2019-04-30" },
    { "平成元年1月8日", "1989-01-08" },
    { "平成1年1月8日", "1989-01-08" },
    { "平成12年2月29日", "2000-02-29" },
    { "昭和64年1月7日", "1989-01-07" },
    { "昭和元年12月25日", "1926-12-25" },
    { "昭和63年12月31日", "1988-12-31" },
    { "大正元年7月30日", "1912-07-30" },
    { "大正15年12月24日", "1926-12-24" },
    { "明治元年1月25日", "1868-01-25" },
    { "明治45年7月29日", "1912-07-29" },
    { "㋿3年2月17日", "2021-02-17" },
    { "㍻31年4月30日", "2019-04-30" },
    { "㍼64年1月7日", "1989-01-07" },
    { "㍽15年12月24日", "1926-12-24" },
    { "㍾45年7月29日", "1912-07-29" },
    /* abbreviations */
    { "R3.2.17", "2021-02-17" },
    { "r3.2.17", "2021-02-17" },
    { "R3/2/17", "2021-02-17" },
    { "R3-2-17", "2021-02-17" },
    { "R03.02.17", "2021-02-17" },
    { "R元.5.1", "2019-05-01" },
    { "R1.5.1", "2019-05-01" },
    { "R3年2月17日", "2021-02-17" },
    { "Ｒ３．２．１７", "2021-02-17" },
    { "ｒ３／２／１７", "2021-02-17" },
    { "H31.4.30", "2019-04-30" },
    { "h31.4.30", "2019-04-30" },
    { "H1.1.8", "1989-01-08" },
    { "S64.1.7", "1989-01-07" },
    { "s64.1.7", "1989-01-07" },
    { "S1.12.25", "1926-12-25" },
    { "T15.12.24", "1926-12-24" },
    { "t1.7.30", "1912-07-30" },
    { "M45.7.29", "1912-07-29" },
    { "m1.1.25", "1868-01-25" },
    /* kanji numerals */
    { "令和三年二月十七日", "2021-02-17" },
    { "令和三年十月三十一日", "2021-10-31" },
    { "令和元年十二月二十日", "2019-12-20" },
    { "令和元年十一月十日", "2019-11-10" },
    { "平成三十一年四月三十日", "2019-04-30" },
    { "昭和六十四年一月七日", "1989-01-07" },
    { "令和一〇年一月一日", "2028-01-01" },
    { "二〇二一年二月十七日", "2021-02-17" },
    { "二千二十一年二月十七日", "2021-02-17" },
    { "令和３年十月１日", "2021-10-01" },
};

static const char *const DATE_BAD[] = {
    /* empty and blank */
    "", "   ", "　", "\n",
    /* not real dates */
    "2021-02-29", "2021-02-30", "1900-02-29", "2100-02-29",
    "2021-13-01", "2021-00-10", "2021-01-00", "2021-01-32", "2021-04-31",
    "2021年2月30日", "2021年13月1日", "2021年0月1日", "令和3年2月30日", "令和3年13月1日",
    "令和3年2月0日", "R3.2.29", "0000-01-01",
    /* outside the era */
    "令和元年4月30日", "令和元年4月1日", "令和0年5月1日", "R1.4.30", "R0.5.1",
    "平成31年5月1日", "平成32年1月1日", "平成元年1月7日", "平成0年1月8日", "H31.5.1", "H32.1.1",
    "昭和64年1月8日", "昭和元年12月24日", "S64.1.8", "S65.1.1",
    "大正元年7月29日", "大正15年12月25日", "T15.12.25", "T1.7.29",
    "明治元年1月24日", "明治45年7月30日", "明治1年1月1日", "M45.7.30",
    /* trailing or leading garbage */
    "2021-02-17x", "2021-02-17 extra", "2021-02-17T10:00", "x2021-02-17",
    "令和3年2月17日（木）", "令和3年2月17日日", "2021年2月17日まで",
    /* incomplete */
    "abc", "R", "R3", "R3.2", "R3.2.", "令和", "令和3年", "令和3年2月", "令和3年2月17",
    "2021", "2021-02", "2021年", "2021年2月17", "-2021-02-17",
    /* malformed numbers and separators */
    "2021/02-17", "2021-02/17", "2021-0217", "20210217", "21-02-17", "02021-02-17",
    "2021-002-17", "2021-02-017", "2021 - 02 - 17", "2021-02 -17", "R3. 2.17",
    "2021--02-17", "2021年2-17", "2021-2月17日",
    "X3.2.17", "Q1.1.1", "R.2.17", "令和年2月17日", "元年5月1日", "R3元.5.1",
    /* no era and a short year */
    "3年2月1日", "三年二月一日", "21年2月17日",
    /* malformed kanji */
    "令和二二十年1月1日", "令和十十年1月1日", "令和〇年5月1日", "令和三年十三月一日",
    "令和三年二月三十日",
    /* overflow and absurd years */
    "99999999999999999999-01-01", "令和99999999999年1月1日", "R9999.1.1", "10000-01-01",
    "令和8000年1月1日", "2021-99999999999-01",
    /* invalid UTF-8 */
    "2021-02-17\xFF", "令\xFF和3年2月17日", "\xEF\xBC" "2021-02-17", "2021\xC0\xAD" "02-17",
};

static void test_parse_date(void)
{
    size_t i;
    for (i = 0; i < COUNT(DATE_OK); i++) {
        char iso[11] = "XXXXXXXXXX";
        int ok = hogo_parse_date(DATE_OK[i].in, iso);
        if (!ok) fprintf(stderr, "date should parse: \"%s\"\n", DATE_OK[i].in);
        CHECK_INT(ok, 1);
        CHECK_STR(iso, DATE_OK[i].want);
    }
    for (i = 0; i < COUNT(DATE_BAD); i++) {
        char iso[11] = "XXXXXXXXXX";
        int ok = hogo_parse_date(DATE_BAD[i], iso);
        if (ok) fprintf(stderr, "date should be refused: \"%s\" -> %s\n", DATE_BAD[i], iso);
        CHECK_INT(ok, 0);
        CHECK_STR(iso, "XXXXXXXXXX");      /* untouched on failure */
    }
    char iso[11];
    CHECK_INT(hogo_parse_date(NULL, iso), 0);
    CHECK_INT(hogo_parse_date("2021-02-17", NULL), 0);
    /* Every day of a leap and a common year round-trips through ISO. */
    int bad = 0;
    for (int y = 2023; y <= 2024; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 31; d++) {
                static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
                int real = d <= dim[m - 1] + (m == 2 && y == 2024);
                char in[32], want[11];
                snprintf(in, sizeof in, "%d/%d/%d", y, m, d);
                snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                int ok = hogo_parse_date(in, iso);
                if (ok != real || (ok && strcmp(iso, want) != 0)) bad++;
            }
    CHECK_INT(bad, 0);
}

/* ---- hogo_parse_duration ------------------------------------------------ */

typedef struct {
    const char *in;
    long days;
} dur_case;

static const dur_case DUR_OK[] = {
    /* ISO 8601 */
    { "P3M", 90 }, { "P90D", 90 }, { "P5Y", 1825 }, { "P1Y6M", 545 }, { "P2W", 14 },
    { "P1Y2M10D", 435 }, { "P1Y2M3W4D", 450 }, { "P0D", 0 }, { "P1D", 1 },
    { "p3m", 90 }, { "Ｐ３Ｍ", 90 }, { "Ｐ１Ｙ６Ｍ", 545 }, { " P3M ", 90 }, { "　P90D　", 90 },
    { "P10000Y", 3650000 },
    /* ISO time part, rounded up to whole days */
    { "PT1H", 1 }, { "PT24H", 1 }, { "PT25H", 2 }, { "PT90M", 1 }, { "PT86400S", 1 },
    { "PT86401S", 2 }, { "PT0S", 0 }, { "P1DT1S", 2 }, { "P1DT12H30M5S", 2 }, { "pt1h", 1 },
    /* months, every counter */
    { "3か月", 90 }, { "3ヶ月", 90 }, { "3ヵ月", 90 }, { "3カ月", 90 }, { "3ケ月", 90 },
    { "3箇月", 90 }, { "3ヶ月間", 90 }, { "３ヶ月以内", 90 }, { "3ヶ月間以内", 90 },
    { "3 か月", 90 }, { "12か月", 360 },
    /* days, years, weeks */
    { "90日", 90 }, { "90日以内", 90 }, { "90日間", 90 }, { "９０日", 90 }, { "0日", 0 },
    { "5年", 1825 }, { "5年間", 1825 }, { "5年以内", 1825 }, { "10000年", 3650000 },
    { "2週間", 14 }, { "2週", 14 }, { "2週間以内", 14 },
    /* combinations */
    { "1年6か月", 545 }, { "1年 6か月", 545 }, { "1年6ヶ月間", 545 }, { "1年2か月3週4日", 450 },
    { "1年10日", 375 }, { "2か月15日", 75 },
    /* half */
    { "半年", 180 }, { "半年間", 180 }, { "半年以内", 180 }, { "約半年", 180 }, { "1年半", 545 },
    /* kanji numerals */
    { "三か月", 90 }, { "十年", 3650 }, { "二十日", 20 }, { "三十一日", 31 }, { "百日", 100 },
    { "十二か月", 360 }, { "一年六か月", 545 }, { "一万日", 10000 }, { "三年間", 1095 },
    /* prefixes and suffixes */
    { "最長5年", 1825 }, { "最長 5年間", 1825 }, { "最大3年", 1095 }, { "約3か月", 90 },
    { "3年まで", 1095 }, { "3年程度", 1095 }, { "約3年程度", 1095 }, { "最長３年以内", 1095 },
    { "3年 以内", 1095 },
    /* indefinite */
    { "永年", -1 }, { "無期限", -1 }, { "永久", -1 }, { " 永年 ", -1 }, { "　無期限　", -1 },
    { "常用", -1 },
    /* bounded by an event, or none kept */
    { "事業終了まで", HOGO_DURATION_EVENT }, { "契約終了まで", HOGO_DURATION_EVENT },
    { "契約期間満了まで", HOGO_DURATION_EVENT }, { "卒業まで", HOGO_DURATION_EVENT },
    { "業務完了時まで", HOGO_DURATION_EVENT }, { "事業終了まで　", HOGO_DURATION_EVENT },
    { "翌年度末まで", 730 }, { "当該年度末まで", 365 }, { "翌々年度末まで", 1095 },
    { "即時", 0 },
    /* a person leaving, an account deleted, promptly after an end (issue 19) */
    { "退所まで", HOGO_DURATION_EVENT }, { "退会まで", HOGO_DURATION_EVENT },
    { "退院時まで", HOGO_DURATION_EVENT }, { "修了まで", HOGO_DURATION_EVENT },
    { "アカウント削除まで", HOGO_DURATION_EVENT }, { "利用停止まで", HOGO_DURATION_EVENT },
    { "登録抹消の日まで", HOGO_DURATION_EVENT }, { "退所後5年", 1825 },
    { "保存期間満了後速やかに", HOGO_DURATION_EVENT }, { "契約終了後、直ちに", HOGO_DURATION_EVENT },
    { "業務完了後遅滞なく", HOGO_DURATION_EVENT }, { "保存期間満了後速やかに廃棄", HOGO_DURATION_EVENT },
    { "児童が18歳に達するまで", HOGO_DURATION_EVENT }, { "満18歳まで", HOGO_DURATION_EVENT },
    { "保存期間満了後", HOGO_DURATION_EVENT }, { "契約終了後", HOGO_DURATION_EVENT },
};

static const char *const DUR_BAD[] = {
    /* empty and blank */
    "", "  ", "　",
    /* bad ISO */
    "P", "PT", "P1", "P1X", "P1M1Y", "P1Y1Y", "P1D1W", "P1.5Y", "P0.5Y", "P-1D", "P1D2",
    "P1DT", "PT1D", "PT1M1H", "P 1D", "P1 D", "P3M x", "PP3M", "3M", "T1H", "P1H",
    /* bad Japanese */
    "3", "90", "3月", "3か", "3ヶ", "か月", "月", "年", "日", "週間", "間", "以内",
    "3年3年", "6か月1年", "3日2週", "90日以内x", "90日以内以内", "最長", "約", "半",
    "3年半年", "abc", "3 years", "-3日", "3.5年", "永年3年", "永年以内",
    "二二十日", "十十日", "〇十日",
    /* an event needs a phrase that ends it */
    "終了まで", "まで", "事業まで", "事業終了", "常用3年", "削除まで", "停止まで",
    /* promptly, with no event before it, says nothing */
    "速やかに", "直ちに", "後速やかに", "そのうち速やかに",
    /* overflow and absurd numbers */
    "P99999999999D", "P9999999999Y", "P10001Y", "P3650001D", "PT999999999H",
    "P10000Y1D", "9999999999年", "100000年", "10001年", "3650001日", "10000年1日",
    "P999999999Y999999999M",
    /* invalid UTF-8 */
    "3か月\xFF", "\xFF" "3か月", "P3M\x80", "3\xE3\x81" "月",
};

static void test_parse_duration(void)
{
    size_t i;
    for (i = 0; i < COUNT(DUR_OK); i++) {
        long days = -12345;
        int ok = hogo_parse_duration(DUR_OK[i].in, &days);
        if (!ok) fprintf(stderr, "duration should parse: \"%s\"\n", DUR_OK[i].in);
        CHECK_INT(ok, 1);
        CHECK_INT(days, DUR_OK[i].days);
    }
    for (i = 0; i < COUNT(DUR_BAD); i++) {
        long days = -12345;
        int ok = hogo_parse_duration(DUR_BAD[i], &days);
        if (ok) fprintf(stderr, "duration should be refused: \"%s\" -> %ld\n", DUR_BAD[i], days);
        CHECK_INT(ok, 0);
        CHECK_INT(days, -12345);           /* untouched on failure */
    }
    long days = 0;
    CHECK_INT(hogo_parse_duration(NULL, &days), 0);
    CHECK_INT(hogo_parse_duration("P3M", NULL), 0);
    /* normalize then parse gives the same answer as parsing directly */
    const char *fw = "最長３ヶ月以内";
    char *n = hogo_normalize(fw, strlen(fw));
    CHECK(n != NULL);
    CHECK_INT(n && hogo_parse_duration(n, &days), 1);
    CHECK_INT(days, 90);
    free(n);
}

/* What an unreadable duration is answered with (jp_duration_suggest). */
static void test_duration_suggest(void)
{
    char part[64];
    CHECK_INT(jp_duration_suggest("おおむね5年くらい", part, sizeof part), JP_DUR_HINT_PART);
    CHECK_STR(part, "5年");
    CHECK_INT(jp_duration_suggest("三ヶ月くらい", part, sizeof part), JP_DUR_HINT_PART);
    CHECK_STR(part, "三ヶ月");
    CHECK_INT(jp_duration_suggest("令和8年3月まで", part, sizeof part), JP_DUR_HINT_EVENT);
    CHECK_INT(jp_duration_suggest("利用者がいなくなるまで", part, sizeof part), JP_DUR_HINT_EVENT);
    CHECK_INT(jp_duration_suggest("契約後に決定", part, sizeof part), JP_DUR_HINT_UNDECIDED);
    CHECK_INT(jp_duration_suggest("未定", part, sizeof part), JP_DUR_HINT_UNDECIDED);
    CHECK_INT(jp_duration_suggest("そのうち", part, sizeof part), JP_DUR_HINT_NONE);
    CHECK_STR(part, "");
    CHECK_INT(jp_duration_suggest(NULL, part, sizeof part), JP_DUR_HINT_NONE);
}

static void test_anchored_durations(void)
{
    char iso[11];
    CHECK(hogo_parse_date("令和3年2月17日（水）", iso)); CHECK_STR(iso, "2021-02-17");
    CHECK(hogo_parse_date("令和3年2月17日(水曜日)", iso)); CHECK_STR(iso, "2021-02-17");
    CHECK(!hogo_parse_date("令和3年2月17日（予定）", iso));
    CHECK(!hogo_parse_date("2021-02-17（木）", iso));   /* the 17th was a Wednesday */
    CHECK(hogo_parse_date("令和元年5月1日（水）", iso)); CHECK_STR(iso, "2019-05-01");
    long d = 0;
    CHECK(hogo_parse_duration("受け渡しから3か月以内", &d)); CHECK_INT(d, 90);
    CHECK(hogo_parse_duration("契約終了後30日以内", &d)); CHECK_INT(d, 30);
    CHECK(hogo_parse_duration("業務完了の日より１年", &d)); CHECK_INT(d, 365);
    CHECK(hogo_parse_duration("事業終了後５年間", &d)); CHECK_INT(d, 1825);
    /* promptly after an event: bounded by it, its length not given (issue 19) */
    CHECK(hogo_parse_duration("受け渡しから速やかに", &d)); CHECK_INT(d, HOGO_DURATION_EVENT);
    CHECK(hogo_parse_duration("5年間保存", &d)); CHECK_INT(d, 1825);
    CHECK(hogo_parse_duration("永年保存", &d)); CHECK_INT(d, -1);
    CHECK(hogo_parse_duration("5年（文書管理規程による）", &d)); CHECK_INT(d, 1825);
    CHECK(hogo_parse_duration("5年(規程)", &d)); CHECK_INT(d, 1825);
    CHECK(hogo_parse_duration("30日以内に返却", &d)); CHECK_INT(d, 30);
    CHECK(hogo_parse_duration("1年間保管", &d)); CHECK_INT(d, 365);
    CHECK(hogo_parse_duration("完結後5年保存（規程第10条）", &d)); CHECK_INT(d, 1825);
    CHECK(hogo_parse_duration("契約期間満了まで", &d)); CHECK_INT(d, HOGO_DURATION_EVENT);
    CHECK(!hogo_parse_duration("（5年）", &d));
    CHECK(!hogo_parse_duration("保存", &d));
    CHECK(!hogo_parse_duration("から", &d));
}

/* Why a date is not one: a day that does not exist, a wrong 曜日, a date
 * outside its era, a month that does not exist -- named, so the validator can
 * call each what it is (issue 10). */
static void test_date_why(void)
{
    jp_date_why w;
    CHECK_INT(jp_date_check("令和3年2月17日", &w), 1);
    CHECK_INT(w.kind, JP_DATE_OK);

    CHECK_INT(jp_date_check("令和3年2月30日", &w), 0);
    CHECK_INT(w.kind, JP_DATE_NO_DAY);
    CHECK_INT(w.year, 2021);
    CHECK_INT(w.month, 2);
    CHECK_INT(w.day, 30);
    CHECK_INT(w.days_in_month, 28);
    CHECK_INT(jp_date_check("2024-02-30", &w), 0);           /* a leap year: 29 days */
    CHECK_INT(w.days_in_month, 29);
    CHECK_INT(jp_date_check("2021/4/31", &w), 0);
    CHECK_INT(w.kind, JP_DATE_NO_DAY);
    CHECK_INT(w.days_in_month, 30);

    CHECK_INT(jp_date_check("令和3年2月17日（木）", &w), 0);
    CHECK_INT(w.kind, JP_DATE_WEEKDAY);
    CHECK_INT(w.weekday_written, 3);                          /* 木 */
    CHECK_INT(w.weekday_real, 2);                             /* 水 */
    CHECK_INT(jp_date_check("令和3年2月17日(水曜日)", &w), 1);
    CHECK_INT(jp_date_check("2021年2月21日（月）", &w), 0);
    CHECK_INT(w.weekday_real, 6);                             /* a Sunday */

    CHECK_INT(jp_date_check("平成32年4月1日", &w), 0);
    CHECK_INT(w.kind, JP_DATE_ERA);
    CHECK_STR(w.era, "平成");
    CHECK_INT(w.year, 2020);
    CHECK(w.era_last == 20190430L);

    CHECK_INT(jp_date_check("2021-13-01", &w), 0);
    CHECK_INT(w.kind, JP_DATE_NO_MONTH);
    CHECK_INT(w.month, 13);
    /* a month that does not exist with a 曜日 is refused without reading past the table */
    CHECK_INT(jp_date_check("2021年13月1日（月）", &w), 0);
    CHECK_INT(w.kind, JP_DATE_NO_MONTH);

    CHECK_INT(jp_date_check("来年度", &w), 0);
    CHECK_INT(w.kind, JP_DATE_UNREADABLE);
    CHECK_INT(jp_date_check("令和3年2月17日（火曜）", &w), 0);
    CHECK_INT(w.kind, JP_DATE_WEEKDAY);
    /* hogo_parse_date agrees */
    char iso[11];
    CHECK_INT(hogo_parse_date("令和3年2月17日（木）", iso), 0);
    CHECK_INT(hogo_parse_date("令和3年2月17日（水）", iso), 1);
    CHECK_STR(iso, "2021-02-17");
}

int main(void)
{
    test_date_why();
    test_duration_suggest();
    test_anchored_durations();
    test_normalize();
    test_parse_date();
    test_parse_duration();
    return check_done();
}
