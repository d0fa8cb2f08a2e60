/* plan_load.c -- bytes to cJSON with the hostile-input checks. */
#include "plan_load.h"
#include "jsonpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define PL_BYTES_PER_VALUE 4
#define PL_FREE_VALUES     4096

/* One pass over the bytes: NUL, UTF-8, nesting depth and the number of
 * values (outside strings). */
static int pl_precheck(pl_doc *d, int max_depth)
{
    const unsigned char *s = (const unsigned char *)d->buf;
    int depth = 0, in_str = 0;
    size_t values = 1;         /* at most: the root, one per '[', '{' and ',' */
    for (size_t i = d->start; i < d->len;) {
        unsigned char c = s[i];
        if (c == 0) {
            snprintf(d->err, sizeof d->err, "the file contains a NUL byte (is it really a UTF-8 JSON text?)");
            d->err_off = i;
            return 0;
        }
        if (c >= 0x80) {
            size_t n = pl_utf8_seq(s + i, d->len - i);
            if (!n) {
                snprintf(d->err, sizeof d->err,
                         "invalid UTF-8 (byte 0x%02X); save the file as UTF-8, not Shift_JIS", c);
                d->err_off = i;
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
                snprintf(d->err, sizeof d->err,
                         "a control character (U+%04X) inside a string; write it as an escape (\\n, \\t, \\u%04X)",
                         c, c);
                d->err_off = i;
                return 0;
            }
            if (c == '\\') {
                if (d->len - i >= 6 && memcmp(s + i + 1, "u0000", 5) == 0) {
                    snprintf(d->err, sizeof d->err, "a string holds \\u0000 (NUL), which a plan may not contain");
                    d->err_off = i;
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
                snprintf(d->err, sizeof d->err, "nesting deeper than %d levels", max_depth);
                d->err_off = i;
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
        snprintf(d->err, sizeof d->err, "the plan holds about %zu values in %zu bytes: more than one per %d bytes "
                 "(a plan is text; this is mostly tiny values such as empty arrays)",
                 values, d->len - d->start, PL_BYTES_PER_VALUE);
        d->err_off = d->start;
        return 0;
    }
    return 1;
}

int pl_load(pl_doc *d, const char *buf, size_t len, size_t max_bytes, int max_depth)
{
    memset(d, 0, sizeof *d);
    d->buf = buf;
    d->len = len;
    d->err_off = (size_t)-1;
    if (len > max_bytes) {
        snprintf(d->err, sizeof d->err, "the plan is %zu bytes; the limit is %zu (--max-plan-bytes)", len, max_bytes);
        return 0;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) d->start = 3;
    if (!pl_precheck(d, max_depth)) return 0;

    /* cJSON reads up to the terminator: give it a NUL-terminated copy of
     * exactly len + 1 bytes so no version of it can read past our buffer. */
    size_t n = len - d->start;
    char *copy = malloc(n + 1);
    if (!copy) return -1;
    memcpy(copy, buf + d->start, n);
    copy[n] = '\0';
    const char *end = NULL;
    d->root = cJSON_ParseWithLengthOpts(copy, n + 1, &end, 1);
    size_t end_off = end ? (size_t)(end - copy) + d->start : d->start;
    free(copy);
    size_t off;
    char why[160];
    if (d->root) {
        /* security: cJSON is lenient where JSON is not (01, 1., any control
         * character as white space); a plan is held to RFC 8259, so every
         * other tool reads the same document hogo screened. */
        if (jpos_syntax_error(buf, len, d->start, why, sizeof why, &off)) return 1;
        cJSON_Delete(d->root);
        d->root = NULL;
        snprintf(d->err, sizeof d->err, "malformed JSON: %s", why);
        d->err_off = off;
        return 0;
    }

    if (!jpos_syntax_error(buf, len, d->start, why, sizeof why, &off)) {
        snprintf(d->err, sizeof d->err, "malformed JSON: %s", why);
        d->err_off = off;
    } else {
        snprintf(d->err, sizeof d->err, "the JSON could not be read (a \\u escape of a lone surrogate, or out of memory)");
        d->err_off = end_off;
    }
    return 0;
}

void pl_release(pl_doc *d)
{
    if (d->root) cJSON_Delete(d->root);
    d->root = NULL;
}
