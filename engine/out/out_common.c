/* out_common.c -- helpers shared by the SARIF, JUnit and Markdown writers. */
#include "out_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if it is not one.
 * Rejects overlongs, surrogates and code points above U+10FFFF. */
size_t outw_utf8_len(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (p[1] < lo || p[1] > hi) return 0;
        return (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (p[1] < lo || p[1] > hi) return 0;
        if ((p[2] & 0xC0) != 0x80) return 0;
        return (p[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

/* U+FFFE and U+FFFF are valid UTF-8 but not XML characters. */
static int xml_nonchar(const unsigned char *p, size_t n)
{
    return n == 3 && p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
}

/* Past the longest prefix of p that outw_clean keeps as it is: ASCII and
 * the 3-byte characters of Japanese text by a test or two, the rest by
 * outw_utf8_len. */
static const unsigned char *utf8_clean_prefix(const unsigned char *p, int xml)
{
    for (;;) {
        unsigned char c = *p;
        if (c && c < 0x80) { p++; continue; }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
            !(xml && xml_nonchar(p, 3))) {
            p += 3;
            continue;
        }
        size_t n = c ? outw_utf8_len(p) : 0;
        if (!n || (xml && xml_nonchar(p, n))) return p;
        p += n;
    }
}

const char *outw_clean(const char *s, char **tofree, int xml)
{
    *tofree = NULL;
    if (!s) return "";
    const unsigned char *p = utf8_clean_prefix((const unsigned char *)s, xml);
    size_t n;
    if (!*p) return s;                       /* the usual case: nothing to fix */

    /* Each bad byte becomes 3 bytes of U+FFFD at most. */
    size_t len = strlen(s);
    char *out = malloc(len * 3 + 1);
    if (!out) return "\xEF\xBF\xBD";         /* out of memory: say less, stay valid */
    size_t o = 0;
    for (p = (const unsigned char *)s; *p;) {
        n = outw_utf8_len(p);
        if (n == 0 || (xml && xml_nonchar(p, n))) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            p += n ? n : 1;
        } else {
            memcpy(out + o, p, n);
            o += n;
            p += n;
        }
    }
    out[o] = '\0';
    *tofree = out;
    return out;
}

/* What outw_json does with a byte, by the byte: 0 an ASCII character JSON
 * takes as it is; 1 the lead of a 3-byte character (E1..EC, EE..EF) whose
 * continuation bytes may be any of 80..BF -- nearly all Japanese text
 * (kana, kanji, full-width forms) -- so two mask tests settle it without
 * outw_utf8_len's range checks; 2 anything else (an escape, the NUL, another
 * lead byte, a stray byte), looked at one by one. */
static const unsigned char json_class[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* 0_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* 1_ */
    0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 2_ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 3_ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 4_ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,   /* 5_ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 6_ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 7_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* 8_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* 9_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* A_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* B_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* C_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* D_ */
    2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1,   /* E_ */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* F_ */
};

/* 1 when the 8 bytes at p are all ASCII that JSON takes as it is (20..7F
 * but " and \): the word tests of "Bit Twiddling Hacks" (haszero, hasless),
 * exact as a yes or no.  English text and the report's names and pointers
 * are mostly such runs, scanned a word at a time. */
static inline int json_plain8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t v, q, b;
    memcpy(&v, p, 8);
    q = v ^ (ones * '"');
    b = v ^ (ones * '\\');
    return !((v | ((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high);
}

/* 1 when the 6 bytes at p are two characters of the 3-byte kind json_class
 * settles (reads 8): most of a Japanese text, two at a time.  The masks
 * are laid out as bytes, so the word's byte order does not matter. */
static inline int json_kana2(const unsigned char *p)
{
    static const unsigned char mb[8] = { 0, 0xC0, 0xC0, 0, 0xC0, 0xC0, 0, 0 };
    static const unsigned char wb[8] = { 0, 0x80, 0x80, 0, 0x80, 0x80, 0, 0 };
    uint64_t v, m, w;
    memcpy(&v, p, 8);
    memcpy(&m, mb, 8);
    memcpy(&w, wb, 8);
    return (v & m) == w && json_class[p[0]] == 1 && json_class[p[3]] == 1;
}

/* One pass: valid UTF-8 is copied in runs, an invalid byte becomes U+FFFD
 * and what JSON must escape is escaped.  (Reports are mostly Japanese text:
 * cleaning first and escaping after read every byte twice, a tenth of a
 * screen's time.)  The result is byte for byte what sb_json_str would write
 * for outw_clean's output.  Runs are scanned by json_class, outw_utf8_len
 * only for what it does not settle (a call per character was a third of
 * writing a JSON report). */
void outw_json(strbuf *sb, const char *s)
{
    if (!s) s = "";
    const unsigned char *p = (const unsigned char *)s, *run = p, *end = p + strlen(s);
    sb_putc(sb, '"');
    for (;;) {
        for (;;) {
            unsigned k = json_class[*p];
            if (k == 0) {
                p++;
                while (end - p >= 8 && json_plain8(p)) p += 8;     /* never past the NUL */
            }
            else if (k == 1 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {   /* a NUL at p[1] stops it */
                p += 3;
                while (end - p >= 8 && json_kana2(p)) p += 6;
            }
            else break;
        }
        unsigned char c = *p;
        if (c >= 0x80) {
            size_t n = outw_utf8_len(p);
            if (n) { p += n; continue; }
            sb_add(sb, (const char *)run, (size_t)(p - run));
            sb_add(sb, "\xEF\xBF\xBD", 3);
            run = ++p;
            continue;
        }
        sb_add(sb, (const char *)run, (size_t)(p - run));
        if (!c) break;
        switch (c) {
        case '"':  sb_add(sb, "\\\"", 2); break;
        case '\\': sb_add(sb, "\\\\", 2); break;
        case '\n': sb_add(sb, "\\n", 2); break;
        case '\r': sb_add(sb, "\\r", 2); break;
        case '\t': sb_add(sb, "\\t", 2); break;
        default:   sb_printf(sb, "\\u%04x", c); break;
        }
        run = ++p;
    }
    sb_putc(sb, '"');
}

void outw_xml(strbuf *sb, const char *s)
{
    char *f;
    sb_xml_text(sb, outw_clean(s, &f, 1));
    free(f);
}

static void outw_safe_as(strbuf *sb, const char *s, int keep_newlines, int xml);

void outw_html(strbuf *sb, const char *s)
{
    strbuf t;
    sb_init(&t);
    /* outw_safe over outw_clean(s, xml) in one pass: an invalid byte is
     * U+FFFD in both, and U+FFFE/U+FFFF are replaced as unsafe */
    outw_safe_as(&t, s, 1, 1);
    sb_xml_text(sb, sb_cstr(&t));
    if (sb_failed(&t)) sb->failed = 1;
    sb_free(&t);
}

/* The length of a character outw_safe replaces at p (n its UTF-8 length). */
static int unsafe_char(const unsigned char *p, size_t n)
{
    if (n == 1) return p[0] < 0x20 || p[0] == 0x7F;
    if (n == 2) return p[0] == 0xC2 && p[1] <= 0x9F;                 /* C1 */
    if (n == 3 && p[0] == 0xE2 && p[1] == 0x80) return p[2] >= 0xAA && p[2] <= 0xAE;   /* U+202A-E */
    if (n == 3 && p[0] == 0xE2 && p[1] == 0x81) return p[2] >= 0xA6 && p[2] <= 0xA9;   /* U+2066-9 */
    return 0;
}

void outw_safe(strbuf *sb, const char *s, int keep_newlines)
{
    outw_safe_as(sb, s, keep_newlines, 0);
}

/* outw_safe; xml: U+FFFE and U+FFFF too (what XML forbids, as outw_clean). */
static void outw_safe_as(strbuf *sb, const char *s, int keep_newlines, int xml)
{
    if (!s) return;
    const unsigned char *p = (const unsigned char *)s, *run = p;
    while (*p) {
        unsigned char c = *p;
        if (c >= 0x20 && c < 0x7F) { p++; continue; }
        /* a 3-byte character not led by E2 (where the bidi controls are) is
         * never replaced, but for U+FFFE/U+FFFF in xml */
        if (c >= 0xE1 && c <= 0xEF && c != 0xE2 && c != 0xED && (p[1] & 0xC0) == 0x80 &&
            (p[2] & 0xC0) == 0x80 && !(xml && xml_nonchar(p, 3))) {
            p += 3;
            continue;
        }
        size_t n = outw_utf8_len(p);
        if (n && !unsafe_char(p, n) && !(xml && xml_nonchar(p, n))) { p += n; continue; }
        sb_add(sb, (const char *)run, (size_t)(p - run));
        if (*p == '\n' && keep_newlines) sb_putc(sb, '\n');
        else if (*p == '\n' || *p == '\t' || *p == '\r') sb_putc(sb, ' ');
        else sb_puts(sb, "\xEF\xBF\xBD");
        p += n ? n : 1;
        run = p;
    }
    sb_add(sb, (const char *)run, (size_t)(p - run));
}

const char *outw_term(const char *s)
{
    static _Thread_local strbuf ring[8];
    static _Thread_local unsigned next;
    strbuf *b = &ring[next++ % 8];
    sb_reset(b);
    outw_safe(b, s ? s : "", 0);
    return sb_cstr(b);
}

void outw_md_cell(strbuf *sb, const char *s)
{
    strbuf t;
    sb_init(&t);
    outw_safe(&t, s, 1);
    sb_md_cell(sb, sb_cstr(&t));
    if (sb_failed(&t)) sb->failed = 1;
    sb_free(&t);
}

void outw_md(strbuf *sb, const char *s)
{
    strbuf t, e;
    sb_init(&t);
    sb_init(&e);
    outw_safe(&t, s, 1);
    const char *t0 = sb_cstr(&t), *p = t0, *run = p;
    for (; *p; p++) {
        switch (*p) {
        case '[': case ']': case '(': case ')': case '!': case ':': case '@': case '\\':
            sb_add(&e, run, (size_t)(p - run));
            sb_putc(&e, '\\');
            run = p;                     /* the character itself starts the next run */
            continue;
        case 'w': case 'W':
            /* www.example.jp: GFM links it without a scheme */
            if (p[1] == '.' && p - t0 >= 2 && (p[-1] == 'w' || p[-1] == 'W') && (p[-2] == 'w' || p[-2] == 'W')) {
                sb_add(&e, run, (size_t)(p + 1 - run));
                sb_puts(&e, "\\.");
                p++;
                run = p + 1;
            }
            continue;
        default:
            continue;
        }
    }
    sb_add(&e, run, (size_t)(p - run));
    sb_md_cell(sb, sb_cstr(&e));
    if (sb_failed(&t) || sb_failed(&e)) sb->failed = 1;
    sb_free(&t);
    sb_free(&e);
}

void outw_sarif_text(strbuf *sb, const char *s)
{
    /* the text between two of [ ] \ is copied as one run (a byte at a
     * time, this was half of writing a SARIF report) */
    strbuf e;
    sb_init(&e);
    for (const char *p = s ? s : "";;) {
        size_t n = strcspn(p, "[]\\");
        sb_add(&e, p, n);
        p += n;
        if (!*p) break;
        sb_putc(&e, '\\');
        sb_putc(&e, *p++);
    }
    outw_json(sb, sb_cstr(&e));
    if (sb_failed(&e)) sb->failed = 1;
    sb_free(&e);
}

const char *outw_lang(const char *const *t, hogo_lang lang)
{
    int l = lang == HOGO_EN ? 1 : 0;
    if (t[l] && *t[l]) return t[l];
    if (t[!l] && *t[!l]) return t[!l];
    return "";
}

static const char *const sev_id[] = { "info", "low", "medium", "high", "critical" };
static const char *const sev_ja[] = { "情報", "低", "中", "高", "重大" };

const char *outw_severity_id(hogo_severity s)
{
    return (unsigned)s < HOGO_SEVERITY_COUNT ? sev_id[s] : "unknown";
}

const char *outw_severity_word(hogo_severity s, hogo_lang lang)
{
    if ((unsigned)s >= HOGO_SEVERITY_COUNT) return lang == HOGO_EN ? "unknown" : "不明";
    return lang == HOGO_EN ? sev_id[s] : sev_ja[s];
}

const char *outw_consultation_word(const char *kind, hogo_lang lang)
{
    const char *w = hogo_value_word("consultation.kind", kind, lang);
    return w ? w : kind ? kind : "";
}

const char *outw_topic_word(const char *topic, hogo_lang lang)
{
    const char *w = hogo_topic_name(topic, lang);
    return w ? w : topic ? topic : "";
}

void outw_field_where(strbuf *sb, const char *path, hogo_lang lang)
{
    char prefix[512];
    size_t n = 0;
    int any = 0;
    if (!path) return;
    for (const char *s = path; *s == '/';) {
        const char *e = strchr(s + 1, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (n + len + 1 > sizeof prefix) break;
        memcpy(prefix + n, s, len);
        n += len;
        prefix[n] = '\0';
        int digits = len > 1;
        for (size_t i = 1; i < len; i++) if (s[i] < '0' || s[i] > '9') digits = 0;
        if (digits) {
            /* an element: 1-based, as a reader counts */
            sb_printf(sb, lang == HOGO_EN ? " #%lu" : " %lu件目", strtoul(s + 1, NULL, 10) + 1);
        } else {
            const char *label = hogo_field_label(prefix, lang);
            if (any++) sb_puts(sb, " › ");
            if (label) sb_puts(sb, label);
            else sb_add(sb, s + 1, len - 1);
        }
        s += len;
    }
}

void outw_identity(strbuf *sb, const hogo_result *r, hogo_lang lang)
{
    int en = lang == HOGO_EN, n = 0;
    const char *label[] = { en ? "department" : "担当課", en ? "body" : "実施機関",
                            en ? "date" : "日付" };
    const char *val[] = { r->department, r->organization, r->date };
    for (int i = 0; i < 3; i++)
        if (val[i] && *val[i]) {
            sb_printf(sb, "%s%s: %s", n++ ? " / " : "", label[i], val[i]);
        }
    if (r->n_consultation) {
        sb_printf(sb, "%s%s: ", n++ ? " / " : "", en ? "consultation" : "諮問の種類");
        for (size_t i = 0; i < r->n_consultation; i++)
            sb_printf(sb, "%s%s", i ? (en ? ", " : "・") : "", outw_consultation_word(r->consultation[i], lang));
    }
}

const char *outw_verdict_id(hogo_verdict v)
{
    return hogo_verdict_name(v);
}

const char *outw_verdict_word(hogo_verdict v, hogo_lang lang)
{
    int en = lang == HOGO_EN;
    switch (v) {
    case HOGO_APPROVE: return en ? "approve" : "承認";
    case HOGO_APPROVE_WITH_CONDITIONS: return en ? "approve with conditions" : "条件付き承認";
    case HOGO_INCOMPLETE: return en ? "incomplete" : "記載不足";
    case HOGO_RE_EXAMINE: return en ? "re-examine" : "継続審議";
    }
    return en ? "unknown" : "不明";
}

long outw_rule_index(const hogo_engine *e, const char *id)
{
    if (!e || !id) return -1;
    size_t n = hogo_engine_rule_count(e);
    for (size_t i = 0; i < n; i++) {
        const hogo_rule_info *ri = hogo_engine_rule(e, i);
        if (ri && ri->id && ri->id[0] == id[0] && strcmp(ri->id, id) == 0) return (long)i;   /* per finding: the first byte first */
    }
    return -1;
}

int outw_failing(const hogo_result *r, hogo_severity fail_on)
{
    for (size_t i = 0; i < r->n_findings; i++)
        if (!r->findings[i].waived && r->findings[i].severity >= fail_on) return 1;
    return 0;
}

size_t *outw_by_severity(const hogo_result *r)
{
    if (!r->n_findings || r->n_findings > ((size_t)-1) / sizeof(size_t)) return NULL;
    size_t *ix = malloc(r->n_findings * sizeof *ix);
    if (!ix) return NULL;
    /* A counting sort: stable and linear.  (It was an insertion sort, on
     * "tens of findings"; a plan may carry tens of thousands.) */
    size_t start[HOGO_SEVERITY_COUNT + 1] = { 0 };
    for (size_t i = 0; i < r->n_findings; i++) {
        unsigned s = (unsigned)r->findings[i].severity;
        start[HOGO_SEVERITY_COUNT - 1 - (s < HOGO_SEVERITY_COUNT ? s : 0) + 1]++;
    }
    for (int k = 1; k <= HOGO_SEVERITY_COUNT; k++) start[k] += start[k - 1];
    for (size_t i = 0; i < r->n_findings; i++) {
        unsigned s = (unsigned)r->findings[i].severity;
        ix[start[HOGO_SEVERITY_COUNT - 1 - (s < HOGO_SEVERITY_COUNT ? s : 0)]++] = i;
    }
    return ix;
}
