/* strbuf.c -- growable byte buffer and the escapers the writers share. */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(strbuf *sb) { memset(sb, 0, sizeof *sb); }

void sb_free(strbuf *sb) { free(sb->data); sb_init(sb); }

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->data) sb->data[0] = '\0';
}

/* Make room for n more bytes plus the NUL. */
static int sb_grow(strbuf *sb, size_t n)
{
    if (sb->failed) return 0;
    if (sb->len + n + 1 <= sb->cap) return 1;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + n + 1) {
        if (cap > ((size_t)-1) / 2) { sb->failed = 1; return 0; }
        cap *= 2;
    }
    char *p = realloc(sb->data, cap);
    if (!p) { sb->failed = 1; return 0; }
    sb->data = p;
    sb->cap = cap;
    return 1;
}

void sb_add_grow(strbuf *sb, const char *s, size_t n)
{
    if (!sb_grow(sb, n)) return;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void sb_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
    /* Format into the room there is; only when that is too small, grow
     * and format again (formatting twice every time was a tenth of
     * writing a report). */
    if (sb->failed || !sb_grow(sb, 64)) return;
    va_list ap2;
    va_copy(ap2, ap);
    size_t room = sb->cap - sb->len;
    int n = vsnprintf(sb->data + sb->len, room, fmt, ap2);
    va_end(ap2);
    if (n < 0) { sb->failed = 1; sb->data[sb->len] = '\0'; return; }
    if ((size_t)n >= room) {
        if (!sb_grow(sb, (size_t)n)) { sb->data[sb->len] = '\0'; return; }
        vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    }
    sb->len += (size_t)n;
}

/* A report writes two numbers per finding; vsnprintf cost a thousand
 * instructions a number. */
void sb_putint(strbuf *sb, long long v)
{
    char d[24], *e = d + sizeof d, *p = e;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) *--p = '-';
    sb_add(sb, p, (size_t)(e - p));
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

void sb_json_str(strbuf *sb, const char *s)
{
    if (!s) { sb_puts(sb, "null"); return; }
    sb_putc(sb, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        sb_add(sb, run, (size_t)(s - run));
        switch (c) {
        case '"':  sb_puts(sb, "\\\""); break;
        case '\\': sb_puts(sb, "\\\\"); break;
        case '\n': sb_puts(sb, "\\n"); break;
        case '\r': sb_puts(sb, "\\r"); break;
        case '\t': sb_puts(sb, "\\t"); break;
        default:   sb_printf(sb, "\\u%04x", c); break;
        }
        run = s + 1;
    }
    sb_add(sb, run, (size_t)(s - run));
    sb_putc(sb, '"');
}

/* The two escapers below copy what needs nothing as runs between the
 * bytes they replace (a byte at a time through sb_putc was most of writing
 * an HTML, JUnit or Markdown report). */
/* 1 for a byte sb_xml_text looks at: & < > " ' and the C0 controls (NUL,
 * the end, among them); the rest is copied as it is. */
static const unsigned char sb_xml_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

void sb_xml_text(strbuf *sb, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (;; s++) {
        while (!sb_xml_special[(unsigned char)*s]) s++;
        unsigned char c = (unsigned char)*s;
        if (!c) break;
        const char *rep;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        default:
            /* XML 1.0 forbids most C0 controls even as references. */
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') { rep = ""; break; }
            continue;
        }
        sb_add(sb, run, (size_t)(s - run));
        sb_puts(sb, rep);
        run = s + 1;
    }
    sb_add(sb, run, (size_t)(s - run));
}

void sb_md_cell(strbuf *sb, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '|':  rep = "\\|"; break;
        case '\n': rep = "<br>"; break;
        case '\r': rep = ""; break;
        case '<':  rep = "&lt;"; break;
        default:   continue;
        }
        sb_add(sb, run, (size_t)(s - run));
        sb_puts(sb, rep);
        run = s + 1;
    }
    sb_add(sb, run, (size_t)(s - run));
}

const char *sb_cstr(strbuf *sb) { return sb->data ? sb->data : ""; }

char *sb_steal(strbuf *sb)
{
    char *p = sb->data;
    if (!p) p = calloc(1, 1);
    sb_init(sb);
    return p;
}

int sb_failed(const strbuf *sb) { return sb->failed; }

/* ---- the public names (include/hogo.h) ---- */
void hogo_buf_init(hogo_buf *b) { sb_init(b); }
void hogo_buf_free(hogo_buf *b) { sb_free(b); }
void hogo_buf_reset(hogo_buf *b) { sb_reset(b); }
void hogo_buf_add(hogo_buf *b, const char *s, size_t n) { sb_add(b, s, n); }
void hogo_buf_puts(hogo_buf *b, const char *s) { sb_puts(b, s); }
void hogo_buf_putc(hogo_buf *b, char c) { sb_putc(b, c); }
void hogo_buf_vprintf(hogo_buf *b, const char *fmt, va_list ap) { sb_vprintf(b, fmt, ap); }
const char *hogo_buf_cstr(hogo_buf *b) { return sb_cstr(b); }

void hogo_buf_printf(hogo_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}
