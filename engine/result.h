/* result.h -- building a hogo_result (res_ prefix).  All strings of a result
 * live in one arena freed with it, so a caller frees a result in one call. */
#ifndef HOGO_RESULT_H
#define HOGO_RESULT_H
#include "hogo.h"

typedef struct res_chunk res_chunk;

typedef struct {
    hogo_result pub;            /* first: a hogo_result* is a res_holder* */
    res_chunk *chunks;
    size_t capf, cape, capr;
    int oom;
    size_t bytes;               /* held by the arena and the arrays (the plan's bound) */
} res_holder;

res_holder *res_new(const char *file);
char *res_strdup(res_holder *h, const char *s);        /* NULL stays NULL */
char *res_strndup(res_holder *h, const char *s, size_t n);
const char **res_ptrs(res_holder *h, size_t n);        /* n aligned slots; NULL on OOM */
hogo_finding     *res_add_finding(res_holder *h);      /* zeroed; NULL on OOM */
hogo_input_error *res_add_error(res_holder *h, const char *path, int line, int col, const char *msg);
hogo_rule_error  *res_add_rule_error(res_holder *h, const char *rule, const char *file, int line, const char *msg);
#endif
