/* plan_load.c -- bytes to cJSON with the hostile-input checks. */
#include "plan_load.h"
#include "jsonpos.h"
#include "hogo.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if it is invalid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t pl_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (!need || need > n) return 0;
    for (size_t k = 1; k < need; k++)
        if ((s[k] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;                 /* overlong */
    if (c == 0xED && s[1] >= 0xA0) return 0;                /* surrogate */
    if (c == 0xF0 && s[1] < 0x90) return 0;                 /* overlong */
    if (c == 0xF4 && s[1] >= 0x90) return 0;                /* > U+10FFFF */
    return need;
}

/* ---- messages a staffer can act on ----
 *
 * A parse error is first located by jpos_syntax_error (the byte where the
 * text stops being JSON); then the text around that byte is compared with
 * the slips a Japanese IME user actually makes (全角 digits, colons and
 * spaces, smart quotes, comments, thousands separators, unquoted dates...).
 * The message names the slip and shows the writer's own line corrected, so
 * it says what to change rather than what the parser expected. */

#define PL_EXCERPT 72          /* bytes of a line quoted in a message */

/* Code point at s[i] (0 past the end; bytes are valid UTF-8 by now), its length in *n. */
static unsigned long pl_cp(const pl_doc *d, size_t i, size_t *n)
{
    const unsigned char *s = (const unsigned char *)d->buf;
    *n = 1;
    if (i >= d->len) return 0;
    unsigned char c = s[i];
    if (c < 0x80) return c;
    size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + k > d->len) return c;
    unsigned long cp = c & (0x3F >> (k - 1));
    for (size_t j = 1; j < k; j++) cp = (cp << 6) | (s[i + j] & 0x3F);
    *n = k;
    return cp;
}

static int pl_is_ws(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static int pl_is_digit(unsigned long c) { return c >= '0' && c <= '9'; }
static int pl_is_fwdigit(unsigned long c) { return c >= 0xFF10 && c <= 0xFF19; }
static int pl_is_smart_quote(unsigned long c)
{
    return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x201E;   /* “ ” ‘ ’ „ */
}

/* Start of the line holding off, and its end (before the newline). */
static void pl_line(const pl_doc *d, size_t off, size_t *ls, size_t *le)
{
    size_t a = off > d->len ? d->len : off, b = a;
    while (a > d->start && d->buf[a - 1] != '\n') a--;
    while (b < d->len && d->buf[b] != '\n' && d->buf[b] != '\r') b++;
    *ls = a;
    *le = b;
}

/* Append bytes to out[cap] (always NUL-terminated). */
static void pl_cat(char *out, size_t cap, const char *s, size_t n)
{
    size_t have = strlen(out);
    if (have + 1 >= cap) return;
    if (n > cap - have - 1) n = cap - have - 1;
    memcpy(out + have, s, n);
    out[have + n] = '\0';
}

/* The line holding [a, b) with that range replaced by repl (NULL: the line as
 * written), leading and trailing blanks (ASCII and U+3000) trimmed, cut to
 * about PL_EXCERPT bytes on a character boundary. */
static void pl_fixed(const pl_doc *d, size_t a, size_t b, const char *repl, char *out, size_t cap)
{
    size_t ls, le;
    pl_line(d, a, &ls, &le);
    if (b > le) { size_t l2, e2; pl_line(d, b, &l2, &e2); le = e2; }
    char tmp[512];
    tmp[0] = '\0';
    pl_cat(tmp, sizeof tmp, d->buf + ls, a - ls);
    if (repl) pl_cat(tmp, sizeof tmp, repl, strlen(repl));
    else pl_cat(tmp, sizeof tmp, d->buf + a, b - a);
    pl_cat(tmp, sizeof tmp, d->buf + b, le - b);
    char *p = tmp, *e = tmp + strlen(tmp);
    for (;;) {
        if (p < e && pl_is_ws((unsigned char)*p)) p++;
        else if (e - p >= 3 && !memcmp(p, "\xE3\x80\x80", 3)) p += 3;
        else break;
    }
    for (;;) {
        if (e > p && pl_is_ws((unsigned char)e[-1])) e--;
        else if (e - p >= 3 && !memcmp(e - 3, "\xE3\x80\x80", 3)) e -= 3;
        else break;
    }
    size_t n = (size_t)(e - p);
    if (n > PL_EXCERPT) {
        n = PL_EXCERPT;
        while (n && ((unsigned char)p[n] & 0xC0) == 0x80) n--;
        out[0] = '\0';
        pl_cat(out, cap, p, n);
        pl_cat(out, cap, "\xE2\x80\xA6", 3);
        return;
    }
    out[0] = '\0';
    pl_cat(out, cap, p, n);
}

/* err = the ja or en text (both take the same arguments) at off. */
static void pl_say(pl_doc *d, hogo_lang lang, size_t off, const char *ja, const char *en, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void pl_say(pl_doc *d, hogo_lang lang, size_t off, const char *ja, const char *en, ...)
{
    va_list ap;
    va_start(ap, en);
    vsnprintf(d->err, sizeof d->err, lang == HOGO_EN ? en : ja, ap);
    va_end(ap);
    d->err_off = off;
}

/* The bare token (an unquoted value) around off: from after the ':' '[' or
 * ',' before it to the next ',' '}' ']' or end of line. */
static void pl_token(const pl_doc *d, size_t off, size_t *a, size_t *b)
{
    size_t i = off;
    while (i > d->start) {
        char c = d->buf[i - 1];
        if (c == ':' || c == '[' || c == ',' || c == '{' || c == '\n') break;
        i--;
    }
    while (i < off && pl_is_ws((unsigned char)d->buf[i])) i++;
    size_t j = off;
    while (j < d->len) {
        char c = d->buf[j];
        if (c == ',' || c == '}' || c == ']' || c == '\n' || c == '\r') break;
        j++;
    }
    while (j > i && pl_is_ws((unsigned char)d->buf[j - 1])) j--;
    *a = i;
    *b = j;
}

/* Copy [a, b) into out[cap] as a C string. */
static void pl_copy(const pl_doc *d, size_t a, size_t b, char *out, size_t cap)
{
    out[0] = '\0';
    pl_cat(out, cap, d->buf + a, b - a);
}

/* Previous non-blank byte before off, or (size_t)-1. */
static size_t pl_prev(const pl_doc *d, size_t off)
{
    while (off > d->start) {
        off--;
        if (!pl_is_ws((unsigned char)d->buf[off])) return off;
    }
    return (size_t)-1;
}

/* Stray characters an IME or a word processor puts in: a comment, smart
 * quotes, 全角 colon, comma or space.  c (n bytes) is the character at off. */
static int pl_slip_char(pl_doc *d, size_t off, unsigned long c, size_t n, hogo_lang lang)
{
    char fix[256];
    if (c == '/' && off + 1 < d->len && (d->buf[off + 1] == '/' || d->buf[off + 1] == '*')) {
        pl_say(d, lang, off,
               "JSON にはコメント（%s）が書けません。コメントを消し、説明は \"description\" に書いてください（例: \"description\": \"…\"）",
               "JSON has no comments (%s); delete the comment and put the explanation in \"description\" (e.g. \"description\": \"...\")",
               d->buf[off + 1] == '/' ? "//" : "/* */");
        return 1;
    }
    if (pl_is_smart_quote(c)) {
        /* the writer's line with every smart quote made plain */
        size_t ls, le;
        pl_line(d, off, &ls, &le);
        char line[512] = "";
        for (size_t i = ls, k; i < le; i += k) {
            if (pl_is_smart_quote(pl_cp(d, i, &k))) pl_cat(line, sizeof line, "\"", 1);
            else pl_cat(line, sizeof line, d->buf + i, k);
        }
        pl_doc tmp = *d;
        tmp.buf = line;
        tmp.len = strlen(line);
        tmp.start = 0;
        pl_fixed(&tmp, 0, 0, NULL, fix, sizeof fix);
        pl_say(d, lang, off,
               "引用符が全角の「%.*s」になっています。JSON の引用符は半角の \" だけです: %s",
               "a typographic quote \"%.*s\" is used; JSON quotes are plain ASCII \": %s", (int)n, d->buf + off, fix);
        return 1;
    }
    if (c == 0xFF1A) {                                    /* ： */
        pl_fixed(d, off, off + n, ":", fix, sizeof fix);
        pl_say(d, lang, off,
               "全角のコロン「：」はキーと値の区切りになりません。半角の : にしてください: %s",
               "a full-width colon \"：\" cannot separate a key from its value; use an ASCII colon: %s", fix);
        return 1;
    }
    if (c == 0xFF0C || c == 0x3001) {                     /* ， 、 */
        pl_fixed(d, off, off + n, ",", fix, sizeof fix);
        pl_say(d, lang, off,
               "全角の「%.*s」は区切りのカンマになりません。半角の , にしてください: %s",
               "a full-width \"%.*s\" cannot separate values; use an ASCII comma: %s", (int)n, d->buf + off, fix);
        return 1;
    }
    if (c == 0x3000) {                                    /* 全角スペース */
        size_t ls, le, k;
        pl_line(d, off, &ls, &le);
        int indent = 1;
        for (size_t i = ls; i < off && indent; i += k) {
            unsigned long q = pl_cp(d, i, &k);
            indent = q == 0x3000 || pl_is_ws((int)q);
        }
        if (indent)
            pl_say(d, lang, off,
                   "行頭の字下げに全角スペース（　）が使われています。字下げは半角スペースかタブにしてください",
                   "a full-width space (U+3000) is used as indentation; indent with ASCII spaces or tabs");
        else
            pl_say(d, lang, off,
                   "全角スペース（　）が値の外にあります。半角スペースにするか消してください",
                   "a full-width space (U+3000) stands outside a string; replace it with an ASCII space or delete it");
        return 1;
    }
    return 0;
}

/* A trailing comma: pointed at where the comma is, not at the bracket. */
static int pl_slip_trailing(pl_doc *d, size_t off, const char *why, hogo_lang lang)
{
    char fix[256], was[256];
    if (strncmp(why, "trailing comma", 14)) return 0;
    size_t comma = pl_prev(d, off);
    if (comma == (size_t)-1 || d->buf[comma] != ',') return 0;
    pl_fixed(d, comma, comma + 1, "", fix, sizeof fix);
    pl_fixed(d, comma, comma + 1, NULL, was, sizeof was);
    pl_say(d, lang, comma,
           "最後の要素の後ろにカンマがあります。この行の末尾のカンマを消してください: %s → %s",
           "a comma after the last element; delete the comma at the end of this line: %s -> %s", was, fix);
    return 1;
}

/* Thousands separators: 45,000 reads as 45 and then a stray 000. */
static int pl_slip_thousands(pl_doc *d, size_t off, unsigned long c, hogo_lang lang)
{
    char fix[256], tok[160], num[64] = "";
    size_t a, b, i = off, n = 0;
    if (!pl_is_digit(c)) return 0;
    while (i > d->start && pl_is_digit((unsigned char)d->buf[i - 1])) i--;
    if (!(i > d->start + 1 && d->buf[i - 1] == ',' && pl_is_digit((unsigned char)d->buf[i - 2]))) return 0;
    pl_token(d, i - 1, &a, &b);
    size_t j = i;
    while (j < d->len && (pl_is_digit((unsigned char)d->buf[j]) || d->buf[j] == ',')) j++;
    if (j > b) b = j;
    for (size_t k = a; k < b && n + 1 < sizeof num; k++)
        if (d->buf[k] != ',') num[n++] = d->buf[k];
    num[n] = '\0';
    pl_copy(d, a, b, tok, sizeof tok);
    pl_fixed(d, a, b, num, fix, sizeof fix);
    pl_say(d, lang, a,
           "数に桁区切りのカンマ（%s）は書けません。カンマを除いて %s と書いてください: %s",
           "a number cannot have thousands separators (%s); write %s: %s", tok, num, fix);
    return 1;
}

/* A bare value where a value is expected: an unquoted date, 全角数字,
 * はい/いいえ, Japanese text.  Returns 1 when recognised. */
static int pl_slip_value(pl_doc *d, size_t off, unsigned long c, const char *why, hogo_lang lang)
{
    char fix[256], tok[160], q[170];
    size_t a, b, prev = pl_prev(d, off);
    int value_pos = prev != (size_t)-1 && (d->buf[prev] == ':' || d->buf[prev] == '[' ||
                                           (d->buf[prev] == ',' && !strstr(why, "key")));
    /* 2021-02-17 unquoted: the parser stops at the '-' after 2021 */
    if (!value_pos && (c == '-' || c == '/' || c == '.') && prev != (size_t)-1 &&
        pl_is_digit((unsigned char)d->buf[prev])) {
        size_t i = prev;
        while (i > d->start && pl_is_digit((unsigned char)d->buf[i - 1])) i--;
        size_t p2 = pl_prev(d, i);
        if (p2 != (size_t)-1 && (d->buf[p2] == ':' || d->buf[p2] == '[' || d->buf[p2] == ',')) {
            off = i;
            value_pos = 1;
            c = '0';
        }
    }
    if (!value_pos || c == '"' || c == '{' || c == '[' || c == '\'') return 0;
    pl_token(d, off, &a, &b);
    pl_copy(d, a, b, tok, sizeof tok);
    if (!tok[0]) return 0;
    char iso[11];
    if (hogo_parse_date(tok, iso)) {
        snprintf(q, sizeof q, "\"%s\"", tok);
        pl_fixed(d, a, b, q, fix, sizeof fix);
        pl_say(d, lang, a,
               "日付 %s が引用符で囲まれていません。日付は文字列として \"…\" で囲んでください: %s",
               "the date %s is not quoted; a date is a string in double quotes: %s", tok, fix);
        return 1;
    }
    /* 全角数字: the same digits in ASCII */
    int all_digits = 1, any_fw = 0;
    char ascii[64];
    size_t na = 0;
    for (size_t i = a, k; i < b; i += k) {
        unsigned long u = pl_cp(d, i, &k);
        char ch = pl_is_fwdigit(u) ? (char)('0' + (u - 0xFF10)) : (pl_is_digit(u) || u == '.') ? (char)u : 0;
        any_fw |= pl_is_fwdigit(u);
        if (!ch) all_digits = 0;
        else if (na + 1 < sizeof ascii) ascii[na++] = ch;
    }
    ascii[na] = '\0';
    if (all_digits && any_fw) {
        pl_fixed(d, a, b, ascii, fix, sizeof fix);
        pl_say(d, lang, a,
               "全角数字「%s」は数として読めません。半角数字で %s と書いてください: %s",
               "full-width digits \"%s\" are not a number in JSON; write them in ASCII as %s: %s", tok, ascii, fix);
        return 1;
    }
    static const struct { const char *word, *lit; } yesno[] = {
        { "はい", "true" }, { "いいえ", "false" }, { "有", "true" }, { "無", "false" },
        { "あり", "true" }, { "なし", "false" }, { "する", "true" }, { "しない", "false" },
        { "yes", "true" }, { "no", "false" }, { "TRUE", "true" }, { "FALSE", "false" },
        { "True", "true" }, { "False", "false" },
    };
    for (size_t k = 0; k < sizeof yesno / sizeof yesno[0]; k++) {
        if (strcmp(tok, yesno[k].word)) continue;
        pl_fixed(d, a, b, yesno[k].lit, fix, sizeof fix);
        pl_say(d, lang, a,
               "「%s」は JSON の値ではありません。はい・いいえは引用符なしの true・false で書いてください: %s",
               "\"%s\" is not a JSON value; write yes/no as true or false without quotes: %s", tok, fix);
        return 1;
    }
    /* true, false or null misspelt (tru, flase, NULL, None) */
    static const char *const words[] = { "true", "false", "null" };
    for (size_t k = 0; k < 3 && b < d->len; k++) {          /* at the end of the file it is cut short */
        size_t wl = strlen(words[k]), tl = strlen(tok);
        int near = strcasecmp(tok, words[k]) == 0 || (k == 2 && (!strcasecmp(tok, "none") || !strcasecmp(tok, "nil")));
        if (!near && tl + 1 >= wl && tl <= wl + 1 && tok[0] == words[k][0]) {
            /* the same letters give or take one, in any order */
            int same = 0;
            for (size_t i = 0; i < tl; i++) same += strchr(words[k], tok[i]) != NULL;
            near = (size_t)same + 1 >= wl && (size_t)same >= tl - 1 + (tl < wl);
        }
        if (!near || !strcmp(tok, words[k])) continue;
        pl_fixed(d, a, b, words[k], fix, sizeof fix);
        pl_say(d, lang, a,
               "%s は JSON の値ではありません（%s の書き間違い？）。次のように書いてください: %s",
               "%s is not a JSON value (did you mean %s?); write: %s", tok, words[k], fix);
        return 1;
    }
    /* Japanese text left unquoted (other ASCII words such as NaN are the parser's business) */
    if (c < 0x80) return 0;
    snprintf(q, sizeof q, "\"%s\"", tok);
    pl_fixed(d, a, b, q, fix, sizeof fix);
    pl_say(d, lang, a,
           "文字 %s が引用符で囲まれていません。文字列は半角の \"…\" で囲んでください: %s",
           "the text %s is not quoted; a string goes in double quotes: %s", tok, fix);
    return 1;
}

/* A key without quotes: title: "x". */
static int pl_slip_key(pl_doc *d, size_t off, unsigned long c, const char *why, hogo_lang lang)
{
    char fix[256], tok[160], q[170];
    if (strncmp(why, "expected a \"key\"", 16)) return 0;
    if (!(c >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return 0;
    size_t j = off;
    while (j < d->len && d->buf[j] != ':' && d->buf[j] != '\n' && d->buf[j] != ',' && d->buf[j] != '}') j++;
    if (j >= d->len || d->buf[j] != ':') return 0;
    size_t e = j;
    while (e > off && pl_is_ws((unsigned char)d->buf[e - 1])) e--;
    pl_copy(d, off, e, tok, sizeof tok);
    snprintf(q, sizeof q, "\"%s\"", tok);
    pl_fixed(d, off, e, q, fix, sizeof fix);
    pl_say(d, lang, off,
           "キー %s が引用符で囲まれていません。キーは半角の \"…\" で囲んでください: %s",
           "the key %s is not quoted; a key goes in double quotes: %s", tok, fix);
    return 1;
}

/* A comma missing between two lines: pointed at the end of the first,
 * where it is to be written. */
static int pl_slip_missing_comma(pl_doc *d, size_t off, unsigned long c, const char *why, hogo_lang lang)
{
    char fix[256];
    if (strcmp(why, "expected ',' or '}'") && strcmp(why, "expected ',' or ']'")) return 0;
    size_t prev = pl_prev(d, off);
    if (prev == (size_t)-1 || !(c == '"' || c == '{' || c == '[')) return 0;
    size_t pls, ple, ols, ole;
    pl_line(d, prev, &pls, &ple);
    pl_line(d, off, &ols, &ole);
    if (pls == ols) return 0;
    pl_fixed(d, prev + 1, prev + 1, ",", fix, sizeof fix);
    int line = 1;
    for (size_t i = 0; i < prev; i++) line += d->buf[i] == '\n';
    pl_say(d, lang, prev + 1,
           "%d行目の末尾にカンマ（,）がありません。次の項目との間にカンマを書いてください: %s",
           "a comma is missing at the end of line %d, before the next item; write: %s", line, fix);
    return 1;
}

/* The slips, tried at the byte where the parse stopped (why: the parser's
 * reason).  Returns 1 when one was recognised and its message written. */
static int pl_slip(pl_doc *d, size_t off, const char *why, hogo_lang lang)
{
    size_t n;
    unsigned long c = pl_cp(d, off, &n);
    return pl_slip_char(d, off, c, n, lang) || pl_slip_trailing(d, off, why, lang) ||
           pl_slip_thousands(d, off, c, lang) || pl_slip_value(d, off, c, why, lang) ||
           pl_slip_key(d, off, c, why, lang) || pl_slip_missing_comma(d, off, c, why, lang);
}

/* The parser's own reasons, in the staffer's language. */
static const struct { const char *en, *ja; } pl_reasons[] = {
    { "control character inside a string", "文字列の中に制御文字があります（改行は \\n と書きます）" },
    { "bad \\u escape", "\\u のあとには16進数4桁が必要です" },
    { "unknown escape in a string", "文字列の中の \\ のあとが正しくありません（\\ そのものは \\\\ と書きます）" },
    { "unterminated string", "文字列の終わりの \" がありません" },
    { "bad number", "数の書き方が正しくありません（例: 3000、1.5）" },
    { "unexpected character", "ここには値（\"文字列\"、数、{、[、true、false、null）が必要です" },
    { "trailing comma", "最後の要素の後ろのカンマを消してください" },
    { "single quotes are not JSON", "JSON の引用符は ' ではなく \" です（例: \"title\": \"…\"）" },
    { "expected a \"key\"", "ここには \"キー\" が必要です（例: \"title\": \"…\"）" },
    { "expected ':' after the key", "キーのあとにコロン（:）が必要です（例: \"title\": \"…\"）" },
    { "expected ',' or '}'", "カンマ（,）か閉じ括弧 } が必要です" },
    { "expected ',' or ']'", "カンマ（,）か閉じ括弧 ] が必要です" },
    { "nesting too deep", "入れ子が深すぎます" },
    { "unexpected end of file", "ファイルが途中で終わっています（閉じ括弧 } や ] が足りません）" },
    { "unexpected text after the end", "JSON の終わり（最後の }）のあとに文字があります" },
};

static void pl_syntax(pl_doc *d, size_t off, const char *why, hogo_lang lang)
{
    if (pl_slip(d, off, why, lang)) return;
    const char *ja = NULL;
    for (size_t k = 0; k < sizeof pl_reasons / sizeof pl_reasons[0]; k++)
        if (!strncmp(why, pl_reasons[k].en, strlen(pl_reasons[k].en))) { ja = pl_reasons[k].ja; break; }
    /* the writer's line, so the message points at their text, not the parser's state */
    char line[256];
    pl_fixed(d, off, off, NULL, line, sizeof line);
    if (lang == HOGO_EN || !ja)
        snprintf(d->err, sizeof d->err, line[0] ? "malformed JSON: %s (in: %s)" : "malformed JSON: %s", why, line);
    else
        snprintf(d->err, sizeof d->err, line[0] ? "JSON の書き方の誤り: %s（この行: %s）" : "JSON の書き方の誤り: %s", ja, line);
    d->err_off = off;
}

/* Is the text UTF-16?  A BOM says so; without one, ASCII text saved as
 * UTF-16 has a NUL in every other byte. */
static int pl_utf16(const unsigned char *s, size_t len)
{
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) return 1;
    size_t nul_even = 0, nul_odd = 0, n = len < 512 ? len : 512;
    if (!memchr(s, 0, n)) return 0;          /* no NUL at all (every UTF-8 plan): one scan, not a count */
    for (size_t i = 0; i < n; i++)
        if (!s[i]) { if (i & 1) nul_odd++; else nul_even++; }
    return n >= 4 && (nul_odd * 3 >= n || nul_even * 3 >= n);
}

/* Does the invalid byte at s[i] start a Shift_JIS pair (lead 81-9F or E0-FC,
 * trail 40-7E or 80-FC), as Excel and Windows Notepad save Japanese? */
static int pl_sjis(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c >= 0xA1 && c <= 0xDF) return 1;                    /* half-width katakana */
    if (!((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) || i + 1 >= len) return 0;
    unsigned char t = s[i + 1];
    /* E0-F4 then a continuation byte is broken UTF-8 (overlong, truncated), not Shift_JIS */
    if (c >= 0xE0 && t >= 0x80 && t <= 0xBF) return 0;
    return (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC);
}

#define PL_BYTES_PER_VALUE 4
#define PL_FREE_VALUES     4096

/* One pass over the bytes: NUL, UTF-8, nesting depth and the number of
 * values (outside strings). */
static int pl_precheck(pl_doc *d, int max_depth, hogo_lang lang)
{
    const unsigned char *s = (const unsigned char *)d->buf;
    int depth = 0, in_str = 0;
    size_t values = 1;         /* at most: the root, one per '[', '{' and ',' */
    if (pl_utf16(s, d->len)) {
        pl_say(d, lang, 0,
               "このファイルは UTF-16 で保存されています。UTF-8 で保存し直してください（メモ帳なら「名前を付けて保存」で文字コードに UTF-8 を選びます）",
               "the file is saved as UTF-16; save it again as UTF-8 (in Notepad: Save As, Encoding: UTF-8)");
        return 0;
    }
    for (size_t i = d->start; i < d->len;) {
        if (in_str) {
            /* the bytes of a string that need no look, first: ASCII that
             * is not a control, '"' or '\\', and the 3-byte characters of
             * Japanese text (E1..EC, EE..EF and two continuation bytes),
             * which are most of a plan's bytes (the full look below took
             * 17 instructions a byte) */
            while (i < d->len) {
                unsigned char b = s[i];
                if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\') i++;
                else if (b >= 0xE1 && b <= 0xEF && b != 0xED && d->len - i >= 3 &&
                         (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) i += 3;
                else break;
            }
            if (i >= d->len) break;
        }
        unsigned char c = s[i];
        if (c == 0) {
            pl_say(d, lang, i,
                   "ファイルに NUL バイトがあります。JSON の文字ファイル（UTF-8）ではないようです",
                   "the file contains a NUL byte (is it really a UTF-8 JSON text?)");
            return 0;
        }
        if (c >= 0x80) {
            size_t n = pl_utf8_seq(s + i, d->len - i);
            if (!n) {
                if (pl_sjis(s, i, d->len))
                    pl_say(d, lang, i,
                           "このファイルは Shift_JIS で保存されているようです（バイト 0x%02X）。UTF-8 で保存し直してください（メモ帳なら「名前を付けて保存」で文字コードに UTF-8 を選びます）",
                           "invalid UTF-8 (byte 0x%02X): the file looks saved as Shift_JIS; save it again as UTF-8 (in Notepad: Save As, Encoding: UTF-8)", c);
                else
                    pl_say(d, lang, i,
                           "UTF-8 として読めないバイト 0x%02X があります。UTF-8 で保存し直してください",
                           "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", c);
                return 0;
            }
            i += n;
            continue;
        }
        if (in_str) {
            /* security: deliberate, not whatever cJSON does.  A control
             * character must be escaped inside a JSON string (RFC 8259;
             * cJSON lets it through), and \u0000 would silently cut the
             * string short in C: both are refused with a position. */
            if (c < 0x20) {
                if (c == '\n' || c == '\r')
                    pl_say(d, lang, i,
                           "文字列の途中で改行しています（U+%04X。閉じる \" を忘れていないか確かめてください）。文字列の中の改行は \\n と書きます",
                           "a control character (U+%04X) inside a string: a line break (is a closing \" missing?); write a line break inside a string as \\n", c);
                else
                    pl_say(d, lang, i,
                           "文字列の中に制御文字（U+%04X）があります。\\n、\\t、\\u%04X のように書いてください",
                           "a control character (U+%04X) inside a string; write it as an escape (\\n, \\t, \\u%04X)", c, c);
                return 0;
            }
            if (c == '\\') {
                if (d->len - i >= 6 && memcmp(s + i + 1, "u0000", 5) == 0) {
                    pl_say(d, lang, i, "文字列に \\u0000（NUL）は書けません",
                           "a string holds \\u0000 (NUL), which a plan may not contain");
                    return 0;
                }
                i++;
            }
            else if (c == '"') in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == ',') {
            values++;
        } else if (c == '{' || c == '[') {
            values++;
            if (++depth > max_depth) {
                pl_say(d, lang, i, "入れ子が %d 段より深くなっています", "nesting deeper than %d levels", max_depth);
                return 0;
            }
        } else if (c == '}' || c == ']') {
            depth--;
        }
        i++;
    }
    /* security: memory follows the number of values, not the bytes: each
     * costs ~80 bytes parsed and far more as the rules' tables, so "[]," --
     * 3 bytes -- made an 8 MiB plan take 1.6 GB.  A plan has at most one
     * value per PL_BYTES_PER_VALUE bytes (written plans have one per 15 or
     * more), plus PL_FREE_VALUES for small files. */
    if (values > (d->len - d->start) / PL_BYTES_PER_VALUE + PL_FREE_VALUES) {
        pl_say(d, lang, d->start,
               "計画に約 %zu 個の値が %zu バイトの中にあります。%d バイトに 1 個より多く、計画の文章ではなく空の配列などの細かな値がほとんどです",
               "the plan holds about %zu values in %zu bytes: more than one per %d bytes "
               "(a plan is text; this is mostly tiny values such as empty arrays)",
               values, d->len - d->start, PL_BYTES_PER_VALUE);
        return 0;
    }
    return 1;
}

/* ---- the parsed tree's memory ----
 *
 * A plan's tree is a few hundred small blocks (an item each, most with a
 * string), all of them freed together when the plan is done: a malloc and
 * a free for each were ~10 M instructions of 200 plans.  cJSON takes its
 * allocator process-wide (cJSON_InitHooks), and the server and -j2 parse
 * plans on several threads, so the hooks bump from an arena only on a thread
 * that is parsing a plan right now (pl_parsing, thread-local) and call
 * malloc otherwise.  The free hook leaves alone a block of an arena live on
 * its thread (a failed parse frees its partial tree; nothing else frees a
 * part of the plan) and frees any other.  pl_release drops the arena whole.
 * memory: each block is its size rounded up to 16 bytes, with no header, and
 * only the last chunk's tail goes unused, so the parse takes no more than
 * malloc's blocks did (docs/security.md, "Memory of a plan"). */

struct pl_chunk {
    pl_chunk *next;
    size_t used, cap;          /* bytes after the header */
};

#define PL_ALIGN     ((size_t)_Alignof(max_align_t))
#define PL_HEAD      ((sizeof(pl_chunk) + PL_ALIGN - 1) & ~(PL_ALIGN - 1))
#define PL_CHUNK_MAX ((size_t)8 << 20)     /* ordinary chunks grow to this */

static _Thread_local pl_arena *pl_parsing;  /* the arena being bumped now, on this thread */
static _Thread_local pl_arena *pl_live;     /* the newest live arena of this thread */

static pl_chunk *pl_chunk_new(size_t cap, size_t used, pl_chunk *next)
{
    pl_chunk *c = malloc(PL_HEAD + cap);
    if (!c) return NULL;
    c->next = next;
    c->used = used;
    c->cap = cap;
    return c;
}

static void *pl_arena_alloc(pl_arena *a, size_t n)
{
    if (n > PL_CHUNK_MAX * 1024) return NULL;        /* past any plan; no overflow below */
    n = n ? (n + PL_ALIGN - 1) & ~(PL_ALIGN - 1) : PL_ALIGN;
    pl_chunk *c = a->chunks;
    if (c && c->cap - c->used >= n) {
        void *p = (char *)c + PL_HEAD + c->used;
        c->used += n;
        return p;
    }
    if (c && n > a->next_cap / 4) {
        /* a long string gets a chunk of its own, behind the one being
         * bumped, so that chunk's free tail is not given up for it */
        pl_chunk *big = pl_chunk_new(n, n, c->next);
        if (!big) return NULL;
        c->next = big;
        return (char *)big + PL_HEAD;
    }
    size_t cap = a->next_cap > n ? a->next_cap : n;
    pl_chunk *nc = pl_chunk_new(cap, n, c);
    if (!nc) return NULL;
    a->chunks = nc;
    if (a->next_cap < PL_CHUNK_MAX) a->next_cap *= 2;
    return (char *)nc + PL_HEAD;
}

static int pl_arena_owns(const pl_arena *a, const void *p)
{
    uintptr_t q = (uintptr_t)p;
    for (const pl_chunk *c = a->chunks; c; c = c->next) {
        uintptr_t b = (uintptr_t)c + PL_HEAD;
        if (q >= b && q < b + c->cap) return 1;
    }
    return 0;
}

/* Make a live on this thread, its first chunk sized for a text of len
 * bytes (a written plan parses to ~6 bytes a byte). */
static void pl_arena_open(pl_arena *a, size_t len)
{
    memset(a, 0, sizeof *a);
    a->next_cap = len < PL_CHUNK_MAX / 8 ? len * 8 + 4096 : PL_CHUNK_MAX;
    a->older = pl_live;
    a->live = 1;
    pl_live = a;
}

static void pl_arena_drop(pl_arena *a)
{
    if (!a->live) return;
    for (pl_arena **pp = &pl_live; *pp; pp = &(*pp)->older)
        if (*pp == a) { *pp = a->older; break; }
    for (pl_chunk *c = a->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    memset(a, 0, sizeof *a);
}

static void *pl_hook_malloc(size_t n)
{
    pl_arena *a = pl_parsing;
    return a ? pl_arena_alloc(a, n) : malloc(n);
}

static void pl_hook_free(void *p)
{
    for (const pl_arena *a = pl_live; a; a = a->older)
        if (pl_arena_owns(a, p)) return;
    free(p);
}

/* Installed before main, while the process has one thread: cJSON reads its
 * hooks unlocked.  (Without the constructor the hooks stay cJSON's own and
 * pl_release deletes the tree node by node.) */
#if defined(__GNUC__)
__attribute__((constructor)) static void pl_hooks_init(void)
{
    cJSON_Hooks h = { pl_hook_malloc, pl_hook_free };
    cJSON_InitHooks(&h);
}
#endif

/* cJSON_ParseWithLengthOpts with the tree in d's arena. */
static cJSON *pl_parse(pl_doc *d, const char *copy, size_t n, const char **end)
{
    pl_arena_open(&d->arena, n);
    pl_arena *was = pl_parsing;
    pl_parsing = &d->arena;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, n + 1, end, 1);
    pl_parsing = was;
    return root;
}

#define PL_EAGER_POSITIONS ((size_t)1 << 20)   /* bytes of plan */

int pl_load(pl_doc *d, const char *buf, size_t len, size_t max_bytes, int max_depth, hogo_lang lang)
{
    memset(d, 0, sizeof *d);
    d->buf = buf;
    d->len = len;
    d->err_off = (size_t)-1;
    if (len > max_bytes) {
        pl_say(d, lang, (size_t)-1,
               "計画のファイルが %zu バイトあり、上限の %zu バイト（--max-plan-bytes）を超えています",
               "the plan is %zu bytes; the limit is %zu (--max-plan-bytes)", len, max_bytes);
        return 0;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) d->start = 3;
    size_t first = d->start;
    while (first < len && pl_is_ws((unsigned char)buf[first])) first++;
    if (first == len) {
        pl_say(d, lang, first,
               "ファイルが空です。計画は { \"format\": \"hogo-plan/1\", \"title\": \"…\", … } と書きます（hogo init で雛形を作れます）",
               "the file is empty; a plan reads { \"format\": \"hogo-plan/1\", \"title\": \"...\", ... } (hogo init writes a skeleton)");
        return 0;
    }
    if (!pl_precheck(d, max_depth, lang)) return 0;

    /* cJSON reads up to the terminator: give it a NUL-terminated copy of
     * exactly len + 1 bytes so no version of it can read past our buffer. */
    size_t n = len - d->start;
    char *copy = malloc(n + 1);
    if (!copy) return -1;
    memcpy(copy, buf + d->start, n);
    copy[n] = '\0';
    const char *end = NULL;
    d->root = pl_parse(d, copy, n, &end);
    size_t end_off = end ? (size_t)(end - copy) + d->start : d->start;
    free(copy);
    size_t off;
    char why[160];
    if (d->root) {
        /* security: cJSON is lenient where JSON is not (01, 1., any control
         * character as white space); a plan is held to RFC 8259, so every
         * other tool reads the same document hogo screened. */
        /* memory: the positions of a large plan are left for later (a
         * finding or an error asks for them), so they are not held while
         * its tables are built (8 MiB: 367 MiB peak instead of 341) */
        if (jpos_syntax_index(buf, len, d->start, why, sizeof why, &off,
                              len <= PL_EAGER_POSITIONS ? &d->pos : NULL)) return 1;
        pl_release(d);
        pl_syntax(d, off, why, lang);
        return 0;
    }
    pl_release(d);

    if (!jpos_syntax_error(buf, len, d->start, why, sizeof why, &off)) {
        pl_syntax(d, off, why, lang);
    } else {
        pl_say(d, lang, end_off,
               "JSON を読めませんでした（対になっていない \\u のサロゲート、またはメモリ不足）",
               "the JSON could not be read (a \\u escape of a lone surrogate, or out of memory)");
    }
    return 0;
}

void pl_release(pl_doc *d)
{
    /* a tree outside the arena: the hooks are cJSON's own (no constructor,
     * or a program embedding the library set its own after ours) */
    if (d->root && !pl_arena_owns(&d->arena, d->root)) cJSON_Delete(d->root);
    d->root = NULL;
    pl_arena_drop(&d->arena);
    jpos_free(d->pos);
    d->pos = NULL;
}

/* Whether text is JSON as the plan reader takes it, and if not, why and
 * where (include/hogo.h): a configuration file gets the same words for the
 * same slips as a plan. */
int hogo_json_error(const char *text, size_t len, hogo_lang lang, char *msg, size_t cap, int *line, int *col)
{
    pl_doc d;
    *line = *col = 0;
    int st = pl_load(&d, text ? text : "", text ? len : 0, len + 1, 64, lang);
    if (st == 1) { pl_release(&d); return 0; }
    if (st < 0) {
        snprintf(msg, cap, "%s", lang == HOGO_EN ? "out of memory" : "メモリが足りません");
        return 1;
    }
    snprintf(msg, cap, "%s", d.err);
    if (d.err_off == (size_t)-1) {
        hogo_json_locate(text, len, "", line, col);
    } else {
        jpos *p = jpos_build(text, len, 0);
        if (p) { jpos_linecol(p, d.err_off, line, col); jpos_free(p); }
    }
    return 1;
}
