/* strbuf.h -- a growable byte buffer (sb_ prefix).  Out-of-memory sets a
 * sticky flag instead of failing each call, so writers stay readable; check
 * sb_failed() once at the end. */
#ifndef HOGO_STRBUF_H
#define HOGO_STRBUF_H
#include "hogo.h"

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* The public hogo_buf (include/hogo.h): data is always NUL-terminated when
 * len > 0 or after sb_cstr.  hogo_buf_* are these functions' public names. */
typedef hogo_buf strbuf;

void  sb_init(strbuf *sb);
void  sb_free(strbuf *sb);
void  sb_reset(strbuf *sb);                 /* len = 0, keeps the memory */
void  sb_add_grow(strbuf *sb, const char *s, size_t n);   /* sb_add when it must grow */
/* Append; inline where there is room (writers call these tens of times a
 * finding, and a call with its checks cost more than the copy). */
static inline void sb_add(strbuf *sb, const char *s, size_t n)
{
    if (sb->cap - sb->len > n && !sb->failed) {
        memcpy(sb->data + sb->len, s, n);
        sb->len += n;
        sb->data[sb->len] = '\0';
    } else {
        sb_add_grow(sb, s, n);
    }
}
static inline void sb_puts(strbuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }
static inline void sb_putc(strbuf *sb, char c) { sb_add(sb, &c, 1); }
void  sb_printf(strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void  sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
void  sb_putint(strbuf *sb, long long v);     /* as "%lld" writes it, without printf */
/* Escapers for the output formats. */
void  sb_json_str(strbuf *sb, const char *s);    /* "..." with JSON escapes; NULL -> null */
void  sb_xml_text(strbuf *sb, const char *s);    /* & < > " ' escaped; drops XML-invalid controls */
void  sb_md_cell(strbuf *sb, const char *s);     /* Markdown table cell: | and newlines escaped */
const char *sb_cstr(strbuf *sb);                 /* NUL-terminated view ("" when empty) */
char *sb_steal(strbuf *sb);                      /* hand the buffer over; sb is reset */
int   sb_failed(const strbuf *sb);
#endif
