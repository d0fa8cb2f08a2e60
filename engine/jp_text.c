/* jp_text.c -- the Japanese text helpers of the public API (and of rules, as
 * hogo.normalize / hogo.date / hogo.days): full-width folding, dates in ISO
 * or 和暦, and retention periods in ISO 8601 or Japanese.
 *
 * Everything here is pure: no global mutable state, no locale, so the
 * functions are safe to call from any number of threads.  The parsers read
 * the input through cp_next(), which folds full-width forms exactly as
 * hogo_normalize() does, so they never need to allocate. */
#include "hogo.h"
#include "jp_text.h"

#include <stdlib.h>
#include <string.h>

/* ---- full-width folding ------------------------------------------------- */

/* The ASCII byte a 3-byte UTF-8 sequence folds to, or 0 if it is not one of
 * the folded forms.  Shared by hogo_normalize(), cp_next() and the needs
 * text (screen.c) so all agree. */
static inline char jp_fold3_at(const unsigned char *u)
{
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x81 && u[2] <= 0xBF)
        return (char)(u[2] - 0x81 + 0x21);          /* U+FF01..U+FF3F -> ! .. _ */
    if (u[0] == 0xEF && u[1] == 0xBD && u[2] >= 0x80 && u[2] <= 0x9E)
        return (char)(u[2] - 0x80 + 0x60);          /* U+FF40..U+FF5E -> ` .. ~ */
    if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
        return ' ';                                  /* U+3000 ideographic space */
    if (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
        return '-';                                  /* U+2212 minus sign */
    return 0;
}

char jp_fold3(const unsigned char *u)
{
    return jp_fold3_at(u);
}

/* s may be NULL, which is taken as the empty string (the result is ""). Any
 * byte sequence that is not a folded form -- kana, kanji, invalid UTF-8,
 * embedded NULs -- is copied unchanged.  The result is never longer than the
 * input, so one allocation of len + 1 suffices. */
char *hogo_normalize(const char *s, size_t len)
{
    if (!s) len = 0;
    if (len == (size_t)-1) return NULL;
    char *out = malloc(len + 1);
    if (!out) return NULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0, from = 0;      /* u[from, i): passed over, not yet copied */
    while (i < len) {
        /* every folded form starts with 0xE2, 0xE3 or 0xEF: most bytes of
         * Japanese text (and all ASCII) are passed over without a closer
         * look, and copied a run at a time, up to the next folded form */
        unsigned char b = u[i];
        if (b < 0xE2 || (b > 0xE3 && b < 0xEF) || b > 0xEF) {
            i++;
            continue;
        }
        char c = (len - i >= 3) ? jp_fold3_at(u + i) : 0;
        if (!c) {
            i++;
            continue;
        }
        if (i > from) memcpy(out + o, u + from, i - from);
        o += i - from;
        out[o++] = c;
        i += 3;
        from = i;
    }
    if (len > from) memcpy(out + o, u + from, len - from);   /* (s may be NULL) */
    o += len - from;
    out[o] = '\0';
    return out;
}

/* ---- a folding UTF-8 reader --------------------------------------------- */

#define CP_END     0L
#define CP_INVALID (-1L)

/* Decode the code point at p (NUL-terminated), folded like hogo_normalize().
 * Sets *n to the bytes it spans.  Returns CP_END at the NUL and CP_INVALID
 * for malformed, overlong or surrogate sequences, so bad input never
 * matches anything and the parse fails. */
static long cp_next(const char *p, int *n)
{
    const unsigned char *u = (const unsigned char *)p;
    long cp;
    int len, i;
    *n = 1;
    if (u[0] == 0) return CP_END;
    if (u[0] < 0x80) return u[0];
    if (u[0] >= 0xC2 && u[0] <= 0xDF) { len = 2; cp = u[0] & 0x1F; }
    else if (u[0] >= 0xE0 && u[0] <= 0xEF) { len = 3; cp = u[0] & 0x0F; }
    else if (u[0] >= 0xF0 && u[0] <= 0xF4) { len = 4; cp = u[0] & 0x07; }
    else return CP_INVALID;
    for (i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) return CP_INVALID;   /* also stops at NUL */
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return CP_INVALID;
    *n = len;
    if (len == 3) {
        char c = jp_fold3(u);
        if (c) return (unsigned char)c;
    }
    return cp;
}

/* The next folded code point without consuming it. */
static long peek(const char *p)
{
    int n;
    return cp_next(p, &n);
}

/* Consume one code point if it is cp (after folding). */
static int eat_cp(const char **pp, long cp)
{
    int n;
    if (cp_next(*pp, &n) != cp) return 0;
    *pp += n;
    return 1;
}

/* Consume an ASCII letter in either case (full-width too, via folding). */
static int eat_letter(const char **pp, char upper)
{
    return eat_cp(pp, upper) || eat_cp(pp, upper - 'A' + 'a');
}

/* Consume a literal (kanji and kana words, never folded) if it is next. */
static int eat_str(const char **pp, const char *lit)
{
    size_t n = strlen(lit);
    if (strncmp(*pp, lit, n) != 0) return 0;
    *pp += n;
    return 1;
}

/* Skip ASCII white space, U+3000 (folded to ' ') and NBSP: documents pad
 * numbers with them ("令和　３年　２月"), so the parsers tolerate them. */
static void skip_ws(const char **pp)
{
    for (;;) {
        int n;
        long c = cp_next(*pp, &n);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
            c == '\f' || c == 0xA0)
            *pp += n;
        else
            return;
    }
}

/* ---- numbers ------------------------------------------------------------ */

#define NUM_MAX_DIGITS 9          /* keeps every value below 10^9, far from LONG_MAX */

/* Read a run of ASCII (or full-width) digits.  Sets *ndigits; fails on no
 * digits or more than NUM_MAX_DIGITS, so absurd numbers never overflow. */
static int read_digits(const char **pp, long *out, int *ndigits)
{
    const char *p = *pp;
    long v = 0;
    int nd = 0;
    for (;;) {
        int n;
        long c = cp_next(p, &n);
        if (c < '0' || c > '9') break;
        if (++nd > NUM_MAX_DIGITS) return 0;
        v = v * 10 + (c - '0');
        p += n;
    }
    if (nd == 0) return 0;
    *pp = p;
    *out = v;
    *ndigits = nd;
    return 1;
}

/* Value of one kanji numeral: 0..9 for digits, 10/100/1000 for the small
 * units, 10000 for 万; -1 if c is not a numeral. */
static long kanji_value(long c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0;     /* 〇 零 */
    case 0x4E00: return 1;                  /* 一 */
    case 0x4E8C: return 2;                  /* 二 */
    case 0x4E09: return 3;                  /* 三 */
    case 0x56DB: return 4;                  /* 四 */
    case 0x4E94: return 5;                  /* 五 */
    case 0x516D: return 6;                  /* 六 */
    case 0x4E03: return 7;                  /* 七 */
    case 0x516B: return 8;                  /* 八 */
    case 0x4E5D: return 9;                  /* 九 */
    case 0x5341: return 10;                 /* 十 */
    case 0x767E: return 100;                /* 百 */
    case 0x5343: return 1000;               /* 千 */
    case 0x4E07: return 10000;              /* 万 */
    default: return -1;
    }
}

#define KANJI_MAX 16                        /* longest numeral run accepted */

/* Combine a kanji numeral written with units (二十, 三十一, 百二十, 二千二十一,
 * 一万): units must fall within a 万 group, 〇 is not allowed, and
 * two digits in a row ("二二十") are rejected as malformed. */
static int kanji_with_units(const long *v, int n, long *out)
{
    long total = 0, section = 0, digit = -1, last_unit = 10000;
    int seen_man = 0, i;
    for (i = 0; i < n; i++) {
        if (v[i] == 0) return 0;
        if (v[i] < 10) {
            if (digit != -1) return 0;
            digit = v[i];
        } else if (v[i] < 10000) {
            if (v[i] >= last_unit) return 0;
            section += (digit == -1 ? 1 : digit) * v[i];
            digit = -1;
            last_unit = v[i];
        } else {
            if (seen_man || (section == 0 && digit == -1)) return 0;
            total = (section + (digit == -1 ? 0 : digit)) * 10000;
            section = 0;
            digit = -1;
            last_unit = 10000;
            seen_man = 1;
        }
    }
    *out = total + section + (digit == -1 ? 0 : digit);
    return 1;
}

/* Read a kanji numeral: either positional digits (二〇二一, 三) or a numeral
 * with units (十, 二十, 三十一).  Runs longer than KANJI_MAX fail. */
static int read_kanji(const char **pp, long *out)
{
    const char *p = *pp;
    long v[KANJI_MAX];
    int n = 0, units = 0, i;
    for (;;) {
        int len;
        long k = kanji_value(cp_next(p, &len));
        if (k < 0) break;
        if (n == KANJI_MAX) return 0;
        if (k >= 10) units = 1;
        v[n++] = k;
        p += len;
    }
    if (n == 0) return 0;
    long value = 0;
    if (units) {
        if (!kanji_with_units(v, n, &value)) return 0;
    } else {
        if (n > NUM_MAX_DIGITS) return 0;
        for (i = 0; i < n; i++) value = value * 10 + v[i];
    }
    *pp = p;
    *out = value;
    return 1;
}

/* Read a number in ASCII/full-width digits or kanji.  *ndigits is the count
 * of digits for the ASCII form and 0 for kanji (used for "YYYY" checks). */
static int read_number(const char **pp, long *out, int *ndigits)
{
    if (read_digits(pp, out, ndigits)) return 1;
    *ndigits = 0;
    return read_kanji(pp, out);
}

/* ---- dates -------------------------------------------------------------- */

typedef struct {
    const char *name;       /* 令和 */
    const char *ligature;   /* ㋿, the single-character form */
    char letter;            /* R */
    long first, last;       /* YYYYMMDD, inclusive */
} era;

static const era ERAS[] = {
    { "令和", "\xE3\x8B\xBF", 'R', 20190501L, 99991231L },   /* ㋿ U+32FF */
    { "平成", "\xE3\x8D\xBB", 'H', 19890108L, 20190430L },   /* ㍻ U+337B */
    { "昭和", "\xE3\x8D\xBC", 'S', 19261225L, 19890107L },   /* ㍼ U+337C */
    { "大正", "\xE3\x8D\xBD", 'T', 19120730L, 19261224L },   /* ㍽ U+337D */
    { "明治", "\xE3\x8D\xBE", 'M', 18680125L, 19120729L },   /* ㍾ U+337E */
};
#define N_ERAS (sizeof ERAS / sizeof ERAS[0])

/* Recognise an era prefix: its kanji name, its ligature, or its initial
 * (R3.2.17) -- the initial only when a year (digit or 元) follows, so a
 * stray letter is not mistaken for an era. */
static const era *read_era(const char **pp)
{
    size_t i;
    for (i = 0; i < N_ERAS; i++)
        if (eat_str(pp, ERAS[i].name) || eat_str(pp, ERAS[i].ligature)) return &ERAS[i];
    for (i = 0; i < N_ERAS; i++) {
        const char *p = *pp;
        if (!eat_letter(&p, ERAS[i].letter)) continue;
        long c = peek(p);
        if ((c >= '0' && c <= '9') || strncmp(p, "元", strlen("元")) == 0) {
            *pp = p;
            return &ERAS[i];
        }
    }
    return NULL;
}

/* Gregorian leap year rule. */
static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m of year y, so 2月30日 and 13月 are refused. */
static int days_in_month(long y, long m)
{
    static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 0;
    return dim[m - 1] + (m == 2 && is_leap(y));
}

/* Read "M月D日" after the 年 (spaces allowed around numbers, as official
 * documents pad them), or "M<sep>D" after a . / - separator. */
static int read_month_day(const char **pp, long sep, long *m, long *d)
{
    int nd;
    if (sep == 0) {
        skip_ws(pp);
        if (!read_number(pp, m, &nd) || nd > 2) return 0;
        skip_ws(pp);
        if (!eat_str(pp, "月")) return 0;
        skip_ws(pp);
        if (!read_number(pp, d, &nd) || nd > 2) return 0;
        skip_ws(pp);
        return eat_str(pp, "日");
    }
    if (!read_digits(pp, m, &nd) || nd > 2) return 0;
    if (!eat_cp(pp, sep)) return 0;
    return read_digits(pp, d, &nd) && nd <= 2;
}

/* After the year: 年 (spaces allowed before it) starts the kanji form,
 * otherwise one of . / - right after the year is the separator that must
 * appear again between month and day.  Returns the separator (0 for the
 * kanji form) or -1. */
static long read_year_sep(const char **pp)
{
    const char *p = *pp;
    skip_ws(&p);
    if (eat_str(&p, "年")) { *pp = p; return 0; }
    long c = peek(*pp);
    if (c == '.' || c == '/' || c == '-') { eat_cp(pp, c); return c; }
    return -1;
}

/* s or iso NULL returns 0; iso is written only on success.  Forms: an
 * optional era (令和 平成 昭和 大正 明治, their ligatures ㋿㍻㍼㍽㍾, or the
 * initials R H S T M in either case) with year N or 元, else a four-digit
 * year (optionally after 西暦; a kanji year must be >= 1000); then 年 M月 D日
 * (spaces allowed around the numbers, as official documents pad them) or
 * the same separator . / - twice (no spaces).  Numbers are ASCII, full-width
 * or kanji (二十, 三十一, 二〇二一) in the 年 form, ASCII or full-width with
 * a separator; month and day take at most two digits.  Surrounding white
 * space is ignored, anything else trailing is refused.  The date must exist
 * and lie within its era.  明治 dates before 1873 are mapped naively (the
 * lunisolar calendar is not converted). */
/* The day of the week of y-m-d, 0 = Monday (Sakamoto's method). */
static int weekday(long y, long m, long d)
{
    static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
    long yy = m < 3 ? y - 1 : y;
    long dow = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;   /* 0 = Sunday */
    return (int)((dow + 6) % 7);
}

/* hogo_parse_date with the reason a text that looks like a date is not one
 * (why may be NULL). */
static int parse_date(const char *s, char iso[11], jp_date_why *why)
{
    jp_date_why dummy;
    if (!why) why = &dummy;
    memset(why, 0, sizeof *why);
    why->kind = JP_DATE_UNREADABLE;
    if (!s || !iso) return 0;
    const char *p = s;
    long y, m, d, sep;
    int nd;
    skip_ws(&p);
    const era *e = read_era(&p);
    if (e) {
        skip_ws(&p);
        if (eat_str(&p, "元")) y = 1;
        else if (!read_number(&p, &y, &nd) || nd > 4 || y < 1) return 0;
        y += e->first / 10000 - 1;
    } else {
        if (eat_str(&p, "西暦")) skip_ws(&p);
        /* four ASCII digits, or a kanji year that is plainly a full year */
        if (!read_number(&p, &y, &nd) || (nd != 0 && nd != 4) || (nd == 0 && y < 1000))
            return 0;
    }
    sep = read_year_sep(&p);
    if (sep < 0 || !read_month_day(&p, sep, &m, &d)) return 0;
    skip_ws(&p);
    why->year = y;
    why->month = m;
    why->day = d;
    int bad_weekday = -1;
    /* a day of the week after the date, as minutes write it: 令和3年2月17日（水） */
    static const char *const wd_open[] = { "（", "(" }, *const wd_close[] = { "）", ")" };
    for (int k = 0; k < 2 && *p; k++) {
        size_t ol = strlen(wd_open[k]);
        if (strncmp(p, wd_open[k], ol)) continue;
        const char *q = p + ol;
        static const char *const days7 = "月火水木金土日";
        int hit = 0;
        int w = 0;
        for (; w < 7 && !hit; w++) hit = !strncmp(q, days7 + 3 * w, 3);
        if (!hit) return 0;
        if (m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m) && weekday(y, m, d) != w - 1)
            bad_weekday = w - 1;
        q += 3;
        if (!strncmp(q, "曜日", 6)) q += 6;
        else if (!strncmp(q, "曜", 3)) q += 3;
        if (!strncmp(q, wd_close[k], strlen(wd_close[k]))) { p = q + strlen(wd_close[k]); skip_ws(&p); }
        break;
    }
    if (*p != '\0') return 0;
    if (m < 1 || m > 12) { why->kind = JP_DATE_NO_MONTH; return 0; }
    if (y < 1 || y > 9999) return 0;
    if (d < 1 || d > days_in_month(y, m)) {
        why->kind = JP_DATE_NO_DAY;
        why->days_in_month = days_in_month(y, m);
        return 0;
    }
    if (bad_weekday >= 0) {
        why->kind = JP_DATE_WEEKDAY;
        why->weekday_written = bad_weekday;
        why->weekday_real = weekday(y, m, d);
        return 0;
    }
    long ymd = y * 10000 + m * 100 + d;
    if (e && (ymd < e->first || ymd > e->last)) {
        why->kind = JP_DATE_ERA;
        why->era = e->name;
        why->era_first = e->first;
        why->era_last = e->last;
        return 0;
    }
    why->kind = JP_DATE_OK;
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = '\0';
    return 1;
}

int hogo_parse_date(const char *s, char iso[11])
{
    return parse_date(s, iso, NULL);
}

int jp_date_check(const char *s, jp_date_why *why)
{
    char iso[11];
    return parse_date(s, iso, why);
}

/* ---- durations ---------------------------------------------------------- */

/* Longest duration accepted: 10,000 years.  Anything longer is a typo, and
 * the cap keeps every sum inside a 32-bit long. */
#define MAX_DAYS (10000L * 365)

/* total += n * unit, refusing results beyond MAX_DAYS (no overflow: n and
 * unit are both below 10^9 and checked before multiplying). */
static int add_days(long *total, long n, long unit)
{
    if (n > MAX_DAYS / unit) return 0;
    if (*total > MAX_DAYS - n * unit) return 0;
    *total += n * unit;
    return 1;
}

/* ISO 8601: P[nY][nM][nW][nD][T[nH][nM][nS]] with designators in order and
 * at least one component (so "P" and "PT" alone are refused).  Time parts
 * are summed in seconds and rounded up to whole days (PT1H -> 1), since a
 * retention period is counted in days.  Designators may be lower case;
 * fractions ("P0.5Y") are not accepted. */
static int parse_iso_duration(const char *p, long *days)
{
    static const char date_units[] = "YMWD";
    static const long date_days[] = { 365, 30, 7, 1 };
    static const char time_units[] = "HMS";
    static const long time_secs[] = { 3600, 60, 1 };
    long total = 0, n;
    int nd, stage = 0, any = 0, i;
    if (!eat_letter(&p, 'P')) return 0;
    while (read_digits(&p, &n, &nd)) {
        for (i = stage; i < 4 && !eat_letter(&p, date_units[i]); i++) {}
        if (i == 4 || !add_days(&total, n, date_days[i])) return 0;
        stage = i + 1;
        any = 1;
    }
    if (eat_letter(&p, 'T')) {
        long long secs = 0;               /* n < 10^9, so n * 3600 fits */
        int tany = 0;
        stage = 0;
        while (read_digits(&p, &n, &nd)) {
            for (i = stage; i < 3 && !eat_letter(&p, time_units[i]); i++) {}
            if (i == 3) return 0;
            secs += (long long)n * time_secs[i];
            if (secs > (long long)MAX_DAYS * 86400) return 0;
            stage = i + 1;
            tany = 1;
        }
        if (!tany) return 0;
        if (!add_days(&total, (long)((secs + 86399) / 86400), 1)) return 0;
        any = 1;
    }
    skip_ws(&p);
    if (!any || *p != '\0') return 0;
    *days = total;
    return 1;
}

/* The counters written between a number and 月 for "months" (3か月, 3ヶ月,
 * 3ヵ月, 3カ月, 3ケ月, 3箇月).  A bare 3月 means March, so it is refused. */
static int eat_month_counter(const char **pp)
{
    static const char *const counters[] = { "か", "ヶ", "ヵ", "カ", "ケ", "箇" };
    const char *p = *pp;
    size_t i;
    for (i = 0; i < sizeof counters / sizeof counters[0]; i++)
        if (eat_str(&p, counters[i])) break;
    if (i == sizeof counters / sizeof counters[0]) return 0;
    if (!eat_str(&p, "月")) return 0;
    *pp = p;
    return 1;
}

/* Japanese: [最長|最大|約] (半年 | N年[半] N か月 N週 N日 in that order, any
 * subset) [間] [以内|まで|程度], or 永年/無期限/永久 for indefinite (-1). */
static int parse_jp_duration(const char *p, long *days)
{
    long total = 0, n;
    int nd, stage = 0, any = 0;
    if (eat_str(&p, "永年") || eat_str(&p, "無期限") || eat_str(&p, "永久")) {
        skip_ws(&p);
        if (*p != '\0') return 0;
        *days = -1;
        return 1;
    }
    if (eat_str(&p, "最長") || eat_str(&p, "最大") || eat_str(&p, "約")) skip_ws(&p);
    if (eat_str(&p, "半年")) {
        total = 180;
        any = 1;
    } else {
        for (;;) {
            const char *save = p;
            skip_ws(&p);
            if (!read_number(&p, &n, &nd)) { p = save; break; }
            skip_ws(&p);
            if (stage < 1 && eat_str(&p, "年")) {
                if (!add_days(&total, n, 365)) return 0;
                if (eat_str(&p, "半") && !add_days(&total, 180, 1)) return 0;
                stage = 1;
            } else if (stage < 2 && eat_month_counter(&p)) {
                if (!add_days(&total, n, 30)) return 0;
                stage = 2;
            } else if (stage < 3 && eat_str(&p, "週")) {
                if (!add_days(&total, n, 7)) return 0;
                stage = 3;
            } else if (stage < 4 && eat_str(&p, "日")) {
                if (!add_days(&total, n, 1)) return 0;
                stage = 4;
            } else {
                return 0;
            }
            any = 1;
        }
    }
    if (!any) return 0;
    eat_str(&p, "間");
    skip_ws(&p);
    if (eat_str(&p, "以内") || eat_str(&p, "まで") || eat_str(&p, "程度")) skip_ws(&p);
    if (*p != '\0') return 0;
    *days = total;
    return 1;
}

/* Does p (NUL-terminated) end with suffix? */
static int ends_with(const char *p, const char *suffix)
{
    size_t n = strlen(p), k = strlen(suffix);
    return n >= k && memcmp(p + n - k, suffix, k) == 0;
}

/* Periods bounded by an event rather than a count: 事業終了まで, 契約満了まで,
 * 卒業まで (HOGO_DURATION_EVENT), the fiscal year's end (当該年度末まで 365,
 * 翌年度末まで 730, 翌々年度末まで 1095: the longest each can be), 常用
 * (kept in use: indefinite) and 即時 (not kept: 0).  The event is a short
 * phrase (at most 40 bytes) that ends in a word for an ending. */
static int parse_event_duration(const char *p, long *days)
{
    static const struct { const char *word; long days; } fixed[] = {
        { "常用", -1 }, { "即時", 0 }, { "即日", 0 },
        { "当該年度末まで", 365 }, { "当年度末まで", 365 }, { "年度末まで", 365 },
        { "翌年度末まで", 730 }, { "翌々年度末まで", 1095 },
    };
    char buf[64];
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || (n >= 3 && !memcmp(p + n - 3, "\xE3\x80\x80", 3))))
        n -= p[n - 1] == ' ' ? 1 : 3;            /* trailing ASCII or ideographic spaces */
    if (n == 0 || n >= sizeof buf) return 0;
    memcpy(buf, p, n);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (!strcmp(buf, fixed[i].word)) { *days = fixed[i].days; return 1; }
    static const char *const tail[] = { "まで", "時まで", "日まで", "の日まで" };
    /* alone: an event in itself (卒業まで); else it needs what ends (事業終了まで) */
    /* A person leaving a service (退所, 退会) is an event in itself; what is
     * deleted, stopped or closed must be named (アカウント削除まで, 利用停止まで). */
    static const struct { const char *word; int alone; } ending[] = {
        { "終了", 0 }, { "完了", 0 }, { "満了", 0 }, { "廃止", 0 }, { "解約", 0 }, { "解除", 0 },
        { "終期", 0 }, { "達成", 0 }, { "終結", 0 }, { "喪失", 0 }, { "削除", 0 }, { "抹消", 0 },
        { "停止", 0 }, { "閉鎖", 0 }, { "取消", 0 }, { "取り消し", 0 }, { "失効", 0 }, { "消滅", 0 },
        { "卒業", 1 }, { "転出", 1 }, { "死亡", 1 }, { "退職", 1 }, { "退所", 1 }, { "退会", 1 },
        { "退院", 1 }, { "退園", 1 }, { "退学", 1 }, { "退去", 1 }, { "修了", 1 }, { "転居", 1 },
        { "脱退", 1 }, { "解散", 1 }, { "離職", 1 }, { "退任", 1 }, { "廃業", 1 }, { "閉所", 1 },
        { "閉園", 1 },
        /* an age or a milestone reached (児童が18歳に達するまで, 満18歳まで) */
        { "達する", 0 }, { "迎える", 0 }, { "歳", 0 }, { "成人", 1 },
    };
    for (size_t t = 0; t < sizeof tail / sizeof tail[0]; t++) {
        if (!ends_with(buf, tail[t])) continue;
        char head[64];
        size_t h = n - strlen(tail[t]);
        memcpy(head, buf, h);
        head[h] = '\0';
        for (size_t e = 0; e < sizeof ending / sizeof ending[0]; e++)
            if (h >= strlen(ending[e].word) + !ending[e].alone && ends_with(head, ending[e].word)) {
                *days = HOGO_DURATION_EVENT;
                return 1;
            }
    }
    return 0;
}

/* s and days may not be NULL (returns 0).  *days is written only on
 * success.  Surrounding white space (ASCII, U+3000) is ignored. */
static int parse_duration_core(const char *p, long *days)
{
    skip_ws(&p);
    long c = peek(p);
    if (c == 'P' || c == 'p') return parse_iso_duration(p, days);
    return parse_jp_duration(p, days) || parse_event_duration(p, days);
}

/* 「保存期間満了後速やかに」: promptly after an event written before it -- a
 * period bounded by that event, its length not given (the words alone, with
 * nothing before them, say no more than 「速やかに」 and are refused). */
static int prompt_after(const char *head_end, const char *s, const char *tail, long *days)
{
    static const char *const prompt[] = {
        "速やかに", "速やか", "すみやかに", "すみやか", "直ちに", "直ち", "ただちに", "ただち", "遅滞なく",
    };
    if (head_end <= s) return 0;
    /* 「保存期間満了後」「契約終了後」 alone: at the end of a period or an
     * event written before it, its length not given */
    if (*tail == '\0' && !strcmp(head_end, "後")) {
        static const char *const ends[] = { "満了", "終了", "完了" };
        for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
            size_t n = strlen(ends[i]);
            if ((size_t)(head_end - s) > n && !memcmp(head_end - n, ends[i], n)) { *days = HOGO_DURATION_EVENT; return 1; }
        }
    }
    const char *p = tail;
    while (eat_str(&p, "、") || eat_str(&p, ",") || eat_str(&p, "，")) skip_ws(&p);
    skip_ws(&p);
    for (size_t i = 0; i < sizeof prompt / sizeof prompt[0]; i++) {
        const char *q = p;
        if (eat_str(&q, prompt[i])) {
            skip_ws(&q);
            if (*q == '\0') { *days = HOGO_DURATION_EVENT; return 1; }
        }
    }
    return 0;
}

/* Plans say where a period starts: 受け渡しから3か月以内, 契約終了後30日以内,
 * 業務完了の日より1年.  When the whole text is not a duration, the part after
 * the last such anchor is tried, so the starting point may be written out. */
static int parse_anchored(const char *s, long *days)
{
    if (parse_duration_core(s, days)) return 1;
    static const char *const anchors[] = { "から", "より", "以降", "後", "の" };
    const char *best = NULL, *at = NULL;
    for (size_t a = 0; a < sizeof anchors / sizeof anchors[0]; a++) {
        size_t n = strlen(anchors[a]);
        for (const char *q = strstr(s, anchors[a]); q; q = strstr(q + n, anchors[a]))
            if (!best || q + n > best) { best = q + n; at = q; }
    }
    if (!best) return 0;
    if (!*best) return prompt_after(at, s, best, days);
    return parse_duration_core(best, days) || prompt_after(at, s, best, days);
}

/* ...and what is done at the end of it, or a remark: 5年間保存, 永年保存,
 * 30日以内に返却, 5年（文書管理規程による）.  These are cut off the end
 * (once each, repeatedly) before the period itself is read. */
static int strip_suffix(char *buf)
{
    static const char *const tails[] = {
        "保存", "保管", "に返却", "に廃棄", "に消去", "に溶解", "返却", "廃棄", "消去", "とする",
    };
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == ' ')) buf[--n] = '\0';
    /* a closing parenthesis (full-width or ASCII): cut back to its opening */
    const char *close_fw = "）", *open_fw = "（";
    if (n >= 3 && !strcmp(buf + n - 3, close_fw)) {
        char *o = NULL;
        for (char *q = strstr(buf, open_fw); q; q = strstr(q + 3, open_fw)) o = q;
        if (o && o > buf) { *o = '\0'; return 1; }
    }
    if (n && buf[n - 1] == ')') {
        char *o = strrchr(buf, '(');
        if (o && o > buf) { *o = '\0'; return 1; }
    }
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        size_t k = strlen(tails[t]);
        if (n > k && !strcmp(buf + n - k, tails[t])) { buf[n - k] = '\0'; return 1; }
    }
    return 0;
}

int hogo_parse_duration(const char *s, long *days)
{
    if (!s || !days) return 0;
    if (parse_anchored(s, days)) return 1;
    char buf[256];
    size_t n = strlen(s);
    if (n >= sizeof buf) return 0;
    memcpy(buf, s, n + 1);
    while (strip_suffix(buf))
        if (buf[0] && parse_anchored(buf, days)) return 1;
    return 0;
}

/* ---- what to write instead of an unreadable duration -------------------- */

/* Is p the first byte of a UTF-8 sequence (not a continuation byte)? */
static int char_start(const char *p)
{
    return ((unsigned char)*p & 0xC0) != 0x80;
}

jp_duration_hint jp_duration_suggest(const char *s, char *part, size_t size)
{
    if (part && size) part[0] = '\0';
    if (!s) return JP_DUR_HINT_NONE;
    size_t n = strlen(s);
    if (n < 256 && part && size) {
        /* the first readable piece, longest first (「おおむね5年くらい」 -> 5年) */
        char buf[256];
        for (size_t i = 0; i < n; i++) {
            if (!char_start(s + i)) continue;
            for (size_t j = n; j > i; j--) {
                if (j < n && !char_start(s + j)) continue;
                if (j - i >= size) continue;
                memcpy(buf, s + i, j - i);
                buf[j - i] = '\0';
                long days, next = peek(s + j);
                /* 令和8年3月まで is a date, not 8年 */
                if (next >= '0' && next <= '9') continue;
                if (parse_duration_core(buf, &days)) {
                    memcpy(part, buf, j - i + 1);
                    return JP_DUR_HINT_PART;
                }
            }
        }
    }
    /* a period not decided yet: 未定, 検討中, 契約後に決定, 後日報告 */
    static const char *const undecided[] = {
        "未定", "検討中", "調整中", "後に決定", "後に記載", "後に報告", "後日", "別途", "決まり次第", "追って",
    };
    for (size_t i = 0; i < sizeof undecided / sizeof undecided[0]; i++)
        if (strstr(s, undecided[i])) return JP_DUR_HINT_UNDECIDED;
    const char *p = s + n;
    while (p > s && (p[-1] == ' ')) p--;
    if ((size_t)(p - s) >= strlen("まで") && !memcmp(p - strlen("まで"), "まで", strlen("まで")))
        return JP_DUR_HINT_EVENT;
    if ((size_t)(p - s) >= strlen("迄") && !memcmp(p - strlen("迄"), "迄", strlen("迄")))
        return JP_DUR_HINT_EVENT;
    return JP_DUR_HINT_NONE;
}
