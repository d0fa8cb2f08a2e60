/* result.c -- the result arena and its growable arrays. */
#include "result.h"
#include "score.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct res_chunk {
    res_chunk *next;
    size_t used, cap;
    char data[];
};

res_holder *res_new(const char *file)
{
    res_holder *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->pub.file = res_strdup(h, file ? file : "-");
    return h;
}

static void *res_alloc(res_holder *h, size_t n)
{
    res_chunk *c = h->chunks;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 4000 ? n : 4000;
        c = malloc(sizeof *c + cap);
        if (!c) { h->oom = 1; return NULL; }
        c->cap = cap;
        c->used = 0;
        h->bytes += sizeof *c + cap;
        c->next = h->chunks;
        h->chunks = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

/* n pointers, aligned, in the arena (strings are packed unaligned). */
const char **res_ptrs(res_holder *h, size_t n)
{
    if (n > SIZE_MAX / sizeof(char *) - sizeof(char *)) { h->oom = 1; return NULL; }
    char *p = res_alloc(h, (n + 1) * sizeof(char *));
    if (!p) return NULL;
    uintptr_t mis = (uintptr_t)p % sizeof(char *);
    return (const char **)(mis ? p + sizeof(char *) - mis : p);
}

char *res_strndup(res_holder *h, const char *s, size_t n)
{
    if (!s) return NULL;
    char *p = res_alloc(h, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *res_strdup(res_holder *h, const char *s)
{
    return s ? res_strndup(h, s, strlen(s)) : NULL;
}

/* Grow array *a of *n elements (cap *cap) by one zeroed element. */
static void *res_push(res_holder *h, void **a, size_t *n, size_t *cap, size_t size)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        void *p = realloc(*a, c * size);
        if (!p) { h->oom = 1; return NULL; }
        *a = p;
        h->bytes += (c - *cap) * size;
        *cap = c;
    }
    void *el = (char *)*a + (*n)++ * size;
    memset(el, 0, size);
    return el;
}

hogo_finding *res_add_finding(res_holder *h)
{
    return res_push(h, (void **)&h->pub.findings, &h->pub.n_findings, &h->capf, sizeof(hogo_finding));
}

hogo_input_error *res_add_error(res_holder *h, const char *path, int line, int col, const char *msg)
{
    hogo_input_error *e = res_push(h, (void **)&h->pub.errors, &h->pub.n_errors, &h->cape, sizeof *e);
    if (!e) return NULL;
    e->path = res_strdup(h, path ? path : "");
    e->line = line;
    e->column = col;
    e->message = res_strdup(h, msg);
    return e;
}

hogo_rule_error *res_add_rule_error(res_holder *h, const char *rule, const char *file, int line, const char *msg)
{
    hogo_rule_error *e = res_push(h, (void **)&h->pub.rule_errors, &h->pub.n_rule_errors, &h->capr, sizeof *e);
    if (!e) return NULL;
    e->rule = res_strdup(h, rule);
    e->file = res_strdup(h, file);
    e->line = line;
    e->message = res_strdup(h, msg);
    return e;
}

void hogo_result_free(hogo_result *r)
{
    if (!r) return;
    res_holder *h = (res_holder *)r;
    free(r->findings);
    free(r->errors);
    free(r->rule_errors);
    for (res_chunk *c = h->chunks; c;) {
        res_chunk *n = c->next;
        free(c);
        c = n;
    }
    free(h);
}

/* A result for a plan that could not be read (include/hogo.h). */
hogo_result *hogo_result_error(const char *file, const char *message)
{
    res_holder *h = res_new(file);
    if (!h) return NULL;
    res_add_error(h, "", 0, 0, message);
    score_result(&h->pub);
    return &h->pub;
}
