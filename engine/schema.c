/* schema.c -- the plan-format JSON Schema validator (see schema.h).
 *
 * schema_compile turns the schema text into a graph of nodes once: $ref is
 * resolved to the node it names, "properties" become a name-sorted array for
 * binary search, enum and const keep pointers into the parsed schema, and the
 * messages' lists ("expected one of: ...") are prebuilt.  schema_validate then
 * walks the document iteratively (an explicit stack of frames, no recursion
 * per nesting level) and never touches the schema's cJSON tree again except to
 * compare enum/const values.  All per-call state lives in a context on the
 * caller's stack, so one compiled schema serves any number of threads.
 */
#include "schema.h"
#include "hogo.h"
#include "jp_text.h"
#include "vocab.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- limits ---- */
#define SCHEMA_MAX_DEPTH   64    /* nesting of the schema document itself */
#define ANY_MAX_DEPTH      64    /* anyOf inside anyOf at one value (compile and run time) */
#define DUP_LINEAR_MAX     32    /* objects up to this many keys: pairwise duplicate check */
#define QUOTE_MAX          80    /* bytes of a value or key quoted in a message */
#define SUGGEST_MAX_CP     64    /* keys longer than this (code points) get no suggestion */
#define MAX_VALUE_BRANCHES 64  /* const/enum branches of one anyOf used for suggestions */
#define MAX_SAFE_INT       9007199254740992.0  /* 2^53 */

/* ---- types ---- */
enum {
    T_OBJECT = 1, T_ARRAY = 2, T_STRING = 4, T_INTEGER = 8, T_NUMBER = 16,
    T_BOOLEAN = 32, T_NULL = 64, T_ALL = 127
};
static const char *const type_names[2][7] = {
    { "オブジェクト { … }", "配列 [ … ]", "文字列 \"…\"", "整数", "数", "true か false", "null" },
    { "object", "array", "string", "integer", "number", "boolean", "null" },
};
#define N_TYPES 7

enum { FMT_NONE = 0, FMT_DATE, FMT_DURATION };

typedef struct snode snode;

typedef struct {
    const char *name;       /* points into the schema's cJSON tree */
    snode *schema;          /* NULL: any value (a required name with no property schema) */
    size_t decl;            /* declaration order, for the tie-break of suggestions */
} sprop;

struct snode {
    unsigned types;         /* allowed types; 0 = any */
    int never;              /* the boolean schema false */
    const cJSON *konst;     /* const value, or NULL */
    char *konst_text;       /* its JSON text, for messages */
    const cJSON **enums;    /* enum members */
    size_t n_enum;
    char *enum_list;        /* "a, b, c" for messages (null left out) */
    int format;             /* FMT_ */
    int has_min, has_max;
    double min, max;
    int has_props;          /* "properties" present: other keys draw a warning */
    sprop *props;           /* sorted by name */
    size_t n_props;
    size_t *required;       /* indices into props */
    size_t n_required;
    snode *items;
    snode **any;            /* anyOf branches */
    size_t n_any;
    unsigned gate;          /* types a value may have to pass: types & const & enum */
    const char *ref;        /* compile time only: unresolved $ref */
};

struct schema {
    const cJSON *doc;       /* the parsed schema text: names and values point into it */
    cJSON *owned;           /* doc, when this schema parsed it (schema_compile) */
    snode *root;
    snode **nodes;          /* every node, for freeing */
    size_t n_nodes, cap_nodes;
    size_t max_props;
};

/* ---- a growable string ---- */
typedef struct {
    char *d;
    size_t n, cap;
    int failed;
} buf;

static int buf_reserve(buf *b, size_t extra)
{
    if (b->failed) return 0;
    if (b->n + extra + 1 <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->n + extra + 1) {
        if (cap > SIZE_MAX / 2) { b->failed = 1; return 0; }
        cap *= 2;
    }
    char *d = realloc(b->d, cap);
    if (!d) { b->failed = 1; return 0; }
    b->d = d;
    b->cap = cap;
    b->d[b->n] = '\0';
    return 1;
}

static void buf_add(buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n)) return;
    if (n) memcpy(b->d + b->n, s, n);
    b->n += n;
    b->d[b->n] = '\0';
}

static void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) { b->failed = 1; return; }
    if (!buf_reserve(b, (size_t)n)) return;
    vsnprintf(b->d + b->n, (size_t)n + 1, fmt, ap);
    b->n += (size_t)n;
}

static void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t utf8_len(unsigned char c)
{
    if (c >= 0xF0 && c <= 0xF4) return 4;
    if (c >= 0xE0) return c <= 0xEF ? 3 : 1;
    if (c >= 0xC2) return 2;
    return 1;
}

/* "text" with JSON-style escapes, cut after about max bytes on a character boundary. */
static void buf_quote(buf *b, const char *s, size_t max)
{
    buf_add(b, "\"", 1);
    size_t i = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        size_t n = utf8_len(c);
        for (size_t k = 1; k < n; k++)
            if (!s[i + k]) { n = k; break; }
        if (i + n > max) { buf_puts(b, "\xE2\x80\xA6"); break; }   /* … */
        if (c == '"' || c == '\\') { buf_add(b, "\\", 1); buf_add(b, s + i, 1); }
        else if (c == '\n') buf_puts(b, "\\n");
        else if (c == '\t') buf_puts(b, "\\t");
        else if (c == '\r') buf_puts(b, "\\r");
        else if (c < 0x20 || c == 0x7F) buf_printf(b, "\\u%04x", c);
        else buf_add(b, s + i, n);
        i += n;
    }
    buf_add(b, "\"", 1);
}

/* A finite whole number?  (Without floor(): the library need not pull in libm for this.) */
static int is_whole(double d)
{
    if (!isfinite(d)) return 0;
    if (fabs(d) >= 4503599627370496.0) return 1;          /* 2^52: every such double is whole */
    return d == (double)(long long)d;
}

static void fmt_num(double d, char out[40])
{
    if (isnan(d)) { strcpy(out, "NaN"); return; }
    if (isinf(d)) { strcpy(out, d > 0 ? "Infinity" : "-Infinity"); return; }
    if (is_whole(d) && fabs(d) < 1e15) { snprintf(out, 40, "%.0f", d); return; }
    snprintf(out, 40, "%.15g", d);
    if (strtod(out, NULL) != d) snprintf(out, 40, "%.17g", d);
}

/* ---- value classification ---- */

static int is_whole_safe(double d)
{
    return is_whole(d) && fabs(d) <= MAX_SAFE_INT;
}

/* The JSON type of v (cJSON_Object, cJSON_String...; 0 for NULL), read
 * from the node as cJSON_IsObject and the like do: the walk asks several
 * times per value, and each was a call into the library. */
static int jtype(const cJSON *v)
{
    return v ? v->type & 0xFF : cJSON_Invalid;
}

/* The types a JSON value satisfies (an integer-valued number is also a number). */
static unsigned value_types(const cJSON *v)
{
    switch (jtype(v)) {
    case cJSON_Object: return T_OBJECT;
    case cJSON_Array: return T_ARRAY;
    case cJSON_String: return T_STRING;
    case cJSON_True: case cJSON_False: return T_BOOLEAN;
    case cJSON_NULL: return T_NULL;
    case cJSON_Number:
        if (!isfinite(v->valuedouble)) return 0;
        return is_whole_safe(v->valuedouble) ? (T_INTEGER | T_NUMBER) : T_NUMBER;
    default: return 0;
    }
}

/* "object", "string or null", "string, integer or null" */
static void buf_types(buf *b, unsigned types, hogo_lang lang)
{
    if (types & T_NUMBER) types &= ~(unsigned)T_INTEGER;
    int total = 0, done = 0;
    for (int i = 0; i < N_TYPES; i++) total += (types >> i) & 1;
    for (int i = 0; i < N_TYPES; i++) {
        if (!((types >> i) & 1)) continue;
        if (done) buf_puts(b, done == total - 1 ? (lang == HOGO_EN ? " or " : "、または") : (lang == HOGO_EN ? ", " : "、"));
        buf_puts(b, type_names[lang == HOGO_EN][i]);
        done++;
    }
}

/* "string \"x\"", "number 3.5", "boolean true", "null", "object", "array" */
static void buf_describe(buf *b, const cJSON *v, hogo_lang lang)
{
    char num[40];
    if (lang != HOGO_EN) {
        if (cJSON_IsString(v)) { buf_puts(b, "文字列 "); buf_quote(b, v->valuestring, QUOTE_MAX); }
        else if (cJSON_IsNumber(v)) { fmt_num(v->valuedouble, num); buf_printf(b, "数 %s", num); }
        else if (cJSON_IsTrue(v)) buf_puts(b, "true");
        else if (cJSON_IsFalse(v)) buf_puts(b, "false");
        else if (cJSON_IsNull(v)) buf_puts(b, "null");
        else if (cJSON_IsObject(v)) buf_puts(b, "オブジェクト { … }");
        else if (cJSON_IsArray(v)) buf_puts(b, "配列 [ … ]");
        else buf_puts(b, "読めない値");
        return;
    }
    if (cJSON_IsString(v)) { buf_puts(b, "string "); buf_quote(b, v->valuestring, QUOTE_MAX); }
    else if (cJSON_IsNumber(v)) { fmt_num(v->valuedouble, num); buf_printf(b, "number %s", num); }
    else if (cJSON_IsTrue(v)) buf_puts(b, "boolean true");
    else if (cJSON_IsFalse(v)) buf_puts(b, "boolean false");
    else if (cJSON_IsNull(v)) buf_puts(b, "null");
    else if (cJSON_IsObject(v)) buf_puts(b, "object");
    else if (cJSON_IsArray(v)) buf_puts(b, "array");
    else buf_puts(b, "an invalid value");
}

static int json_equal(const cJSON *a, const cJSON *b)
{
    int ta = jtype(a), tb = jtype(b);
    if (ta == cJSON_String && tb == cJSON_String) return strcmp(a->valuestring, b->valuestring) == 0;
    if (ta == cJSON_Number && tb == cJSON_Number) return a->valuedouble == b->valuedouble;
    return cJSON_Compare(a, b, 1) ? 1 : 0;
}

static int in_enum(const snode *s, const cJSON *v)
{
    for (size_t i = 0; i < s->n_enum; i++)
        if (json_equal(s->enums[i], v)) return 1;
    return 0;
}

/* ---- edit distance for suggestions ---- */

static size_t utf8_decode(const char *s, uint32_t *out, size_t max)
{
    size_t n = 0, i = 0;
    while (s[i]) {
        if (n == max) return max + 1;
        unsigned char c = (unsigned char)s[i];
        size_t len = utf8_len(c);
        uint32_t cp = len == 1 ? c : (uint32_t)(c & (0xFF >> (len + 1)));
        size_t k = 1;
        for (; k < len && s[i + k]; k++) cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
        out[n++] = cp;
        i += k;
    }
    return n;
}

/* Optimal string alignment distance (insert, delete, substitute, swap neighbours),
 * giving up with 3 as soon as it must exceed 2. */
static int osa_distance(const uint32_t *a, size_t la, const uint32_t *b, size_t lb)
{
    if ((la > lb ? la - lb : lb - la) > 2) return 3;
    int rows[3][SUGGEST_MAX_CP + 1];
    int *pp = rows[0], *p = rows[1], *c = rows[2];
    for (size_t j = 0; j <= lb; j++) p[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        c[0] = (int)i;
        int best = c[0];
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = p[j] + 1;
            if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
            if (p[j - 1] + cost < v) v = p[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best) best = v;
        }
        if (best > 2) return 3;
        int *t = pp; pp = p; p = c; c = t;
    }
    return p[lb];
}

/* The candidate closest to word (distance <= 2, first on ties), or NULL. */
typedef struct {
    uint32_t w[SUGGEST_MAX_CP];
    size_t lw;
    int ok;
    const char *best;
    int best_d;
    size_t best_rank;
} suggester;

static void suggest_init(suggester *g, const char *word)
{
    g->lw = utf8_decode(word, g->w, SUGGEST_MAX_CP);
    g->ok = g->lw <= SUGGEST_MAX_CP && g->lw > 0;
    g->best = NULL;
    g->best_d = 3;
    g->best_rank = SIZE_MAX;
}

static void suggest_try(suggester *g, const char *cand, size_t rank)
{
    if (!g->ok) return;
    uint32_t c[SUGGEST_MAX_CP];
    size_t lc = utf8_decode(cand, c, SUGGEST_MAX_CP);
    if (lc > SUGGEST_MAX_CP) return;
    int d = osa_distance(g->w, g->lw, c, lc);
    if (d > 2 || d == 0) return;
    if (d < g->best_d || (d == g->best_d && rank < g->best_rank)) {
        g->best = cand;
        g->best_d = d;
        g->best_rank = rank;
    }
}

/* ===================================================================== */
/* compile                                                                */
/* ===================================================================== */

typedef struct {
    schema *s;
    char *err;
    size_t errlen;
    int failed;
    char path[256];         /* schema location for messages ("#/properties/x") */
    const cJSON *defs;      /* the root's $defs object, or NULL */
    const char **def_names;
    snode **def_nodes;
    size_t n_defs;
} cctx;

static void cfail(cctx *cc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void cfail(cctx *cc, const char *fmt, ...)
{
    if (cc->failed) return;
    cc->failed = 1;
    if (!cc->err || !cc->errlen) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(cc->err, cc->errlen, "schema: %s at %s", msg, cc->path[0] ? cc->path : "#");
}

static void cfail_oom(cctx *cc)
{
    if (cc->failed) return;
    cc->failed = 1;
    if (cc->err && cc->errlen) snprintf(cc->err, cc->errlen, "schema: out of memory");
}

/* Append a pointer segment to cc->path (truncated if long); returns the old length. */
static size_t cpath_push(cctx *cc, const char *seg)
{
    size_t n = strlen(cc->path);
    size_t room = sizeof cc->path - n;
    if (room > 1) snprintf(cc->path + n, room, "/%s", seg);
    return n;
}

static void cpath_pop(cctx *cc, size_t n) { cc->path[n] = '\0'; }

static snode *new_node(cctx *cc)
{
    schema *s = cc->s;
    if (s->n_nodes == s->cap_nodes) {
        size_t cap = s->cap_nodes ? s->cap_nodes * 2 : 64;
        snode **n = realloc(s->nodes, cap * sizeof *n);
        if (!n) { cfail_oom(cc); return NULL; }
        s->nodes = n;
        s->cap_nodes = cap;
    }
    snode *node = calloc(1, sizeof *node);
    if (!node) { cfail_oom(cc); return NULL; }
    s->nodes[s->n_nodes++] = node;
    return node;
}

static void free_node(snode *n)
{
    free(n->konst_text);
    free(n->enums);
    free(n->enum_list);
    free(n->props);
    free(n->required);
    free(n->any);
    free(n);
}

static unsigned type_bit(const char *name)
{
    for (int i = 0; i < N_TYPES; i++)
        if (strcmp(name, type_names[1][i]) == 0) return 1u << i;
    return 0;
}

static int prop_cmp(const void *a, const void *b)
{
    const sprop *x = a, *y = b;
    return strcmp(x->name, y->name);
}

static const sprop *find_prop(const snode *s, const char *name)
{
    size_t lo = 0, hi = s->n_props;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, s->props[mid].name);
        if (c == 0) return &s->props[mid];
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return NULL;
}

static const char *const annotations[] = {
    "$schema", "$id", "$comment", "title", "description", "examples", "default",
    "deprecated", "readOnly", "writeOnly", NULL
};

enum {
    K_TYPE, K_ENUM, K_CONST, K_PROPERTIES, K_REQUIRED, K_ITEMS, K_MINIMUM, K_MAXIMUM,
    K_ANYOF, K_FORMAT, K_REF, K_DEFS, K_COUNT
};
static const char *const keywords[K_COUNT] = {
    "type", "enum", "const", "properties", "required", "items", "minimum", "maximum",
    "anyOf", "format", "$ref", "$defs"
};

static snode *compile_node(cctx *cc, const cJSON *j, int depth);

static char *print_value(cctx *cc, const cJSON *v)
{
    char *t = cJSON_PrintUnformatted(v);
    if (!t) { cfail_oom(cc); return NULL; }
    /* cJSON allocates with malloc by default; copy to be sure free() matches */
    char *c = malloc(strlen(t) + 1);
    if (c) strcpy(c, t);
    else cfail_oom(cc);
    cJSON_free(t);
    return c;
}

static void compile_enum(cctx *cc, snode *n, const cJSON *e)
{
    if (!cJSON_IsArray(e) || !e->child) { cfail(cc, "enum must be a non-empty array"); return; }
    size_t k = (size_t)cJSON_GetArraySize(e);
    n->enums = malloc(k * sizeof *n->enums);
    if (!n->enums) { cfail_oom(cc); return; }
    buf list = {0};
    unsigned gate = 0;
    size_t listed = 0;
    for (const cJSON *m = e->child; m; m = m->next) {
        n->enums[n->n_enum++] = m;
        gate |= value_types(m);
        if (cJSON_IsNumber(m)) gate |= T_NUMBER;
        if (cJSON_IsNull(m)) continue;
        if (listed++) buf_puts(&list, ", ");
        if (cJSON_IsString(m)) buf_puts(&list, m->valuestring);
        else {
            char *t = print_value(cc, m);
            if (t) buf_puts(&list, t);
            free(t);
        }
    }
    if (!listed) buf_puts(&list, "null");
    if (list.failed) { free(list.d); cfail_oom(cc); return; }
    n->enum_list = list.d;
    n->gate &= gate;
}

static void compile_properties(cctx *cc, snode *n, const cJSON *props, const cJSON *req, int depth)
{
    size_t np = props ? (size_t)cJSON_GetArraySize(props) : 0;
    size_t nr = req ? (size_t)cJSON_GetArraySize(req) : 0;
    if (np + nr == 0) return;
    n->props = calloc(np + nr, sizeof *n->props);
    if (!n->props) { cfail_oom(cc); return; }
    if (props) {
        size_t at = cpath_push(cc, "properties");
        for (const cJSON *p = props->child; p && !cc->failed; p = p->next) {
            size_t at2 = cpath_push(cc, p->string);
            snode *ps = compile_node(cc, p, depth + 1);
            cpath_pop(cc, at2);
            n->props[n->n_props].name = p->string;
            n->props[n->n_props].schema = ps;
            n->props[n->n_props].decl = n->n_props;
            n->n_props++;
        }
        cpath_pop(cc, at);
        if (cc->failed) return;
        qsort(n->props, n->n_props, sizeof *n->props, prop_cmp);
        for (size_t i = 1; i < n->n_props; i++)
            if (strcmp(n->props[i - 1].name, n->props[i].name) == 0) {
                cfail(cc, "property \"%s\" is defined twice", n->props[i].name);
                return;
            }
    }
    if (!req) return;
    if (!cJSON_IsArray(req)) { cfail(cc, "required must be an array of strings"); return; }
    n->required = malloc((nr ? nr : 1) * sizeof *n->required);
    if (!n->required) { cfail_oom(cc); return; }
    /* a required name without a property schema becomes a property accepting anything */
    for (const cJSON *r = req->child; r; r = r->next) {
        if (!cJSON_IsString(r)) { cfail(cc, "required must be an array of strings"); return; }
        if (find_prop(n, r->valuestring)) continue;
        n->props[n->n_props].name = r->valuestring;
        n->props[n->n_props].schema = NULL;
        n->props[n->n_props].decl = n->n_props;
        n->n_props++;
        qsort(n->props, n->n_props, sizeof *n->props, prop_cmp);
    }
    for (const cJSON *r = req->child; r; r = r->next) {
        const sprop *p = find_prop(n, r->valuestring);
        size_t idx = (size_t)(p - n->props);
        int dup = 0;
        for (size_t i = 0; i < n->n_required; i++) if (n->required[i] == idx) dup = 1;
        if (!dup) n->required[n->n_required++] = idx;
    }
}

static snode *compile_node(cctx *cc, const cJSON *j, int depth)
{
    if (cc->failed) return NULL;
    if (depth > SCHEMA_MAX_DEPTH) { cfail(cc, "schema nested more than %d deep", SCHEMA_MAX_DEPTH); return NULL; }
    snode *n = new_node(cc);
    if (!n) return NULL;
    n->gate = T_ALL;
    if (cJSON_IsTrue(j)) return n;
    if (cJSON_IsFalse(j)) { n->never = 1; n->gate = 0; return n; }
    if (!cJSON_IsObject(j)) { cfail(cc, "a schema must be an object or a boolean"); return NULL; }

    const cJSON *kw[K_COUNT] = {0};
    for (const cJSON *k = j->child; k; k = k->next) {
        int found = -1;
        for (int i = 0; i < K_COUNT; i++)
            if (strcmp(k->string, keywords[i]) == 0) { found = i; break; }
        if (found < 0) {
            /* "x-…" keywords are hogo's own annotations (x-hogo: the words of
             * the vocabulary, read by vocab.c), never constraints. */
            int ann = strncmp(k->string, "x-", 2) == 0;
            for (int i = 0; !ann && annotations[i]; i++)
                if (strcmp(k->string, annotations[i]) == 0) { ann = 1; break; }
            if (!ann) { cfail(cc, "unsupported keyword \"%s\"", k->string); return NULL; }
            continue;
        }
        if (kw[found]) { cfail(cc, "keyword \"%s\" appears twice", k->string); return NULL; }
        kw[found] = k;
    }

    if (kw[K_DEFS] && depth != 0) { cfail(cc, "$defs is supported only at the root"); return NULL; }
    if (kw[K_REF]) {
        for (int i = 0; i < K_COUNT; i++)
            if (i != K_REF && i != K_DEFS && kw[i]) {
                cfail(cc, "\"%s\" beside $ref is not supported (put it in the referenced schema)", keywords[i]);
                return NULL;
            }
        if (!cJSON_IsString(kw[K_REF])) { cfail(cc, "$ref must be a string"); return NULL; }
        n->ref = kw[K_REF]->valuestring;
        return n;
    }

    if (kw[K_TYPE]) {
        const cJSON *t = kw[K_TYPE];
        if (cJSON_IsString(t)) n->types = type_bit(t->valuestring);
        if (cJSON_IsArray(t)) {
            for (const cJSON *m = t->child; m; m = m->next) {
                unsigned b = cJSON_IsString(m) ? type_bit(m->valuestring) : 0;
                if (!b) { n->types = 0; break; }
                n->types |= b;
            }
        }
        if (!n->types) { cfail(cc, "type must be a type name or an array of type names"); return NULL; }
        if (n->types & T_NUMBER) n->types |= T_INTEGER;
        n->gate &= n->types;
    }
    if (kw[K_CONST]) {
        n->konst = kw[K_CONST];
        n->konst_text = print_value(cc, n->konst);
        unsigned g = value_types(n->konst);
        if (cJSON_IsNumber(n->konst)) g |= T_NUMBER;
        n->gate &= g;
    }
    if (kw[K_ENUM]) compile_enum(cc, n, kw[K_ENUM]);
    if (kw[K_FORMAT]) {
        const cJSON *f = kw[K_FORMAT];
        if (cJSON_IsString(f) && strcmp(f->valuestring, "hogo-date") == 0) n->format = FMT_DATE;
        else if (cJSON_IsString(f) && strcmp(f->valuestring, "hogo-duration") == 0) n->format = FMT_DURATION;
        else {
            cfail(cc, "unsupported format %s (hogo-date and hogo-duration are known)",
                  cJSON_IsString(f) ? f->valuestring : "(not a string)");
            return NULL;
        }
    }
    if (kw[K_MINIMUM]) {
        if (!cJSON_IsNumber(kw[K_MINIMUM])) { cfail(cc, "minimum must be a number"); return NULL; }
        n->has_min = 1;
        n->min = kw[K_MINIMUM]->valuedouble;
    }
    if (kw[K_MAXIMUM]) {
        if (!cJSON_IsNumber(kw[K_MAXIMUM])) { cfail(cc, "maximum must be a number"); return NULL; }
        n->has_max = 1;
        n->max = kw[K_MAXIMUM]->valuedouble;
    }
    if (kw[K_PROPERTIES] && !cJSON_IsObject(kw[K_PROPERTIES])) {
        cfail(cc, "properties must be an object");
        return NULL;
    }
    n->has_props = kw[K_PROPERTIES] != NULL;
    compile_properties(cc, n, kw[K_PROPERTIES], kw[K_REQUIRED], depth);
    if (cc->failed) return NULL;
    if (kw[K_ITEMS]) {
        if (cJSON_IsArray(kw[K_ITEMS])) { cfail(cc, "items must be one schema (prefixItems is not supported)"); return NULL; }
        size_t at = cpath_push(cc, "items");
        n->items = compile_node(cc, kw[K_ITEMS], depth + 1);
        cpath_pop(cc, at);
    }
    if (kw[K_ANYOF]) {
        const cJSON *a = kw[K_ANYOF];
        if (!cJSON_IsArray(a) || !a->child) { cfail(cc, "anyOf must be a non-empty array of schemas"); return NULL; }
        size_t k = (size_t)cJSON_GetArraySize(a);
        n->any = calloc(k, sizeof *n->any);
        if (!n->any) { cfail_oom(cc); return NULL; }
        size_t at = cpath_push(cc, "anyOf");
        for (const cJSON *b = a->child; b && !cc->failed; b = b->next) {
            char idx[24];
            snprintf(idx, sizeof idx, "%zu", n->n_any);
            size_t at2 = cpath_push(cc, idx);
            n->any[n->n_any++] = compile_node(cc, b, depth + 1);
            cpath_pop(cc, at2);
        }
        cpath_pop(cc, at);
    }
    if (n->n_props > cc->s->max_props) cc->s->max_props = n->n_props;
    return cc->failed ? NULL : n;
}

/* "#/$defs/NAME" (with ~0 ~1 escapes) or "#". */
static snode *lookup_ref(cctx *cc, const char *ref)
{
    if (strcmp(ref, "#") == 0) return cc->s->root;
    static const char prefix[] = "#/$defs/";
    if (strncmp(ref, prefix, sizeof prefix - 1) != 0) {
        cfail(cc, "unsupported $ref \"%s\" (only \"#\" and \"#/$defs/NAME\")", ref);
        return NULL;
    }
    const char *name = ref + sizeof prefix - 1;
    size_t len = strlen(name);
    char *plain = malloc(len + 1);
    if (!plain) { cfail_oom(cc); return NULL; }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] == '/') { free(plain); cfail(cc, "unsupported $ref \"%s\"", ref); return NULL; }
        if (name[i] == '~' && name[i + 1] == '0') { plain[o++] = '~'; i++; }
        else if (name[i] == '~' && name[i + 1] == '1') { plain[o++] = '/'; i++; }
        else plain[o++] = name[i];
    }
    plain[o] = '\0';
    snode *found = NULL;
    for (size_t i = 0; i < cc->n_defs; i++)
        if (strcmp(cc->def_names[i], plain) == 0) { found = cc->def_nodes[i]; break; }
    free(plain);
    if (!found) cfail(cc, "$ref \"%s\" names no entry of $defs", ref);
    return found;
}

static snode *resolve(cctx *cc, snode *n)
{
    size_t steps = 0;
    while (n && n->ref && !cc->failed) {
        const char *ref = n->ref;
        n = lookup_ref(cc, ref);
        if (++steps > cc->s->n_nodes) { cfail(cc, "$ref \"%s\" refers to itself", ref); return NULL; }
    }
    return cc->failed ? NULL : n;
}

/* anyOf may not lead back to the same node without consuming the document
 * (0 = unvisited, 1 = on the path, 2 = done). */
static void check_any_cycles(cctx *cc, const snode *n, unsigned char *mark, int depth)
{
    if (cc->failed || !n || !n->n_any) return;
    size_t id = 0;
    while (id < cc->s->n_nodes && cc->s->nodes[id] != n) id++;
    if (mark[id] == 2) return;
    if (mark[id] == 1 || depth > ANY_MAX_DEPTH) {
        cfail(cc, "anyOf refers back to itself or is nested more than %d deep", ANY_MAX_DEPTH);
        return;
    }
    mark[id] = 1;
    for (size_t i = 0; i < n->n_any; i++) check_any_cycles(cc, n->any[i], mark, depth + 1);
    mark[id] = 2;
}

static schema *schema_build(schema *s, char *err, size_t errlen);

schema *schema_compile(const char *text, size_t len, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (!text) {
        if (err && errlen) snprintf(err, errlen, "schema: no schema text at #");
        return NULL;
    }
    schema *s = calloc(1, sizeof *s);
    if (!s) {
        if (err && errlen) snprintf(err, errlen, "schema: out of memory");
        return NULL;
    }
    const char *end = NULL;
    s->doc = s->owned = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!s->doc) {
        size_t at = end && end >= text ? (size_t)(end - text) : 0;
        if (err && errlen) snprintf(err, errlen, "schema: not valid JSON (near byte %zu)", at);
        schema_free(s);
        return NULL;
    }
    for (const char *p = end; p && p < text + len; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\0') {
            if (err && errlen) snprintf(err, errlen, "schema: text after the JSON value (byte %zu)", (size_t)(p - text));
            schema_free(s);
            return NULL;
        }
    return schema_build(s, err, errlen);
}

schema *schema_compile_doc(const cJSON *doc, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    schema *s = doc ? calloc(1, sizeof *s) : NULL;
    if (!s) {
        if (err && errlen) snprintf(err, errlen, doc ? "schema: out of memory" : "schema: no schema text at #");
        return NULL;
    }
    s->doc = doc;
    return schema_build(s, err, errlen);
}

/* The graph of nodes of s->doc (s is freed on failure). */
static schema *schema_build(schema *s, char *err, size_t errlen)
{
    cctx cc = {0};
    cc.err = err;
    cc.errlen = errlen;
    cc.s = s;

    const cJSON *defs = cJSON_IsObject(s->doc) ? cJSON_GetObjectItemCaseSensitive(s->doc, "$defs") : NULL;
    if (defs) {
        if (!cJSON_IsObject(defs)) { cfail(&cc, "$defs must be an object"); goto fail; }
        size_t k = (size_t)cJSON_GetArraySize(defs);
        cc.def_names = calloc(k ? k : 1, sizeof *cc.def_names);
        cc.def_nodes = calloc(k ? k : 1, sizeof *cc.def_nodes);
        if (!cc.def_names || !cc.def_nodes) { cfail_oom(&cc); goto fail; }
        for (const cJSON *d = defs->child; d && !cc.failed; d = d->next) {
            for (size_t i = 0; i < cc.n_defs; i++)
                if (strcmp(cc.def_names[i], d->string) == 0) cfail(&cc, "$defs entry \"%s\" is defined twice", d->string);
            snprintf(cc.path, sizeof cc.path, "#/$defs");
            cpath_push(&cc, d->string);
            snode *dn = compile_node(&cc, d, 1);
            cc.def_names[cc.n_defs] = d->string;
            cc.def_nodes[cc.n_defs++] = dn;
        }
        cc.path[0] = '\0';
        if (cc.failed) goto fail;
    }
    snprintf(cc.path, sizeof cc.path, "#");
    s->root = compile_node(&cc, s->doc, 0);
    if (cc.failed) goto fail;

    /* resolve every $ref once: edges point straight at the node they name */
    snprintf(cc.path, sizeof cc.path, "#");
    s->root = resolve(&cc, s->root);
    for (size_t i = 0; i < s->n_nodes && !cc.failed; i++) {
        snode *n = s->nodes[i];
        for (size_t p = 0; p < n->n_props; p++) n->props[p].schema = resolve(&cc, n->props[p].schema);
        n->items = resolve(&cc, n->items);
        for (size_t a = 0; a < n->n_any; a++) n->any[a] = resolve(&cc, n->any[a]);
    }
    if (cc.failed) goto fail;
    unsigned char *mark = calloc(s->n_nodes, 1);
    if (!mark) { cfail_oom(&cc); goto fail; }
    for (size_t i = 0; i < s->n_nodes && !cc.failed; i++) check_any_cycles(&cc, s->nodes[i], mark, 0);
    free(mark);
    if (cc.failed) goto fail;

    free(cc.def_names);
    free(cc.def_nodes);
    return s;
fail:
    free(cc.def_names);
    free(cc.def_nodes);
    schema_free(s);
    return NULL;
}

void schema_free(schema *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n_nodes; i++) free_node(s->nodes[i]);
    free(s->nodes);
    cJSON_Delete(s->owned);
    free(s);
}

/* ===================================================================== */
/* validate                                                               */
/* ===================================================================== */

typedef struct {
    const cJSON *v;         /* container being walked */
    const cJSON *next;      /* its next child */
    const snode *s;         /* schema governing its children (NULL: none) */
    size_t plen;            /* pointer length of the container */
    size_t index;           /* array index of next */
} frame;

typedef struct {
    const schema *sc;
    schema_report_fn fn;
    void *ud;
    buf ptr;                /* the current JSON pointer */
    buf msg;                /* message being composed */
    int errors, warnings;   /* reported (or, when silent, counted) */
    int silent;             /* trying an anyOf branch: count, do not report */
    int doc_checks;         /* duplicate keys, finite numbers, walk unschema'd parts */
    int stop;               /* silent and failed, or out of memory */
    int oom;
    int any_depth;
    unsigned char *seen;    /* scratch for required: one byte per property */
    const char *suffix;     /* appended to errors at suffix_plen (anyOf alternatives) */
    size_t suffix_plen;
    hogo_lang lang;         /* language of error messages */
    buf alt;                /* a warning's message in the other language */
} vctx;

/* The message text in the walk's language. */
#define TR(c, ja, en) ((c)->lang == HOGO_EN ? (en) : (ja))

static void oom(vctx *c)
{
    if (c->oom) return;
    c->oom = 1;
    c->stop = 1;
    c->errors++;
    const char *m = TR(c, "検証中にメモリが足りなくなりました", "out of memory while validating");
    const char *msgs[2] = { m, m };
    if (c->fn) c->fn(c->ud, "", msgs, 0);
}

/* Report the message composed in c->msg at the current pointer. */
static void emit(vctx *c, int warning)
{
    if (c->oom) return;
    if (c->silent) {
        if (warning) c->warnings++;
        else { c->errors++; c->stop = 1; }
        return;
    }
    if (!warning && c->suffix && c->ptr.n == c->suffix_plen) buf_puts(&c->msg, c->suffix);
    if (c->msg.failed || c->ptr.failed) { oom(c); return; }
    if (warning) c->warnings++;
    else c->errors++;
    const char *m = c->msg.d ? c->msg.d : "";
    const char *msgs[2] = { m, m };
    if (c->fn) c->fn(c->ud, c->ptr.d ? c->ptr.d : "", msgs, warning);
}

/* Report a warning composed in both languages: Japanese in c->msg, English in c->alt. */
static void emit_both(vctx *c, int warning)
{
    if (c->oom) return;
    if (c->silent) { c->warnings++; return; }
    if (c->msg.failed || c->alt.failed || c->ptr.failed) { oom(c); return; }
    c->warnings++;
    const char *msgs[2] = { c->msg.d ? c->msg.d : "", c->alt.d ? c->alt.d : "" };
    if (c->fn) c->fn(c->ud, c->ptr.d ? c->ptr.d : "", msgs, warning);
}

static void msg_start(vctx *c)
{
    c->msg.n = 0;
    if (c->msg.d) c->msg.d[0] = '\0';
}

static void ptr_truncate(vctx *c, size_t n)
{
    c->ptr.n = n;
    if (c->ptr.d) c->ptr.d[n] = '\0';
}

static void ptr_key(vctx *c, const char *key)
{
    size_t n = strcspn(key, "~/");
    if (!key[n]) {
        /* nothing to escape (every key of a written plan): the '/' and the
         * key in one go, a key per member of every object walked */
        if (buf_reserve(&c->ptr, n + 1)) {
            c->ptr.d[c->ptr.n] = '/';
            memcpy(c->ptr.d + c->ptr.n + 1, key, n);
            c->ptr.n += n + 1;
            c->ptr.d[c->ptr.n] = '\0';
        }
        if (c->ptr.failed) oom(c);
        return;
    }
    buf_add(&c->ptr, "/", 1);
    for (const char *p = key; *p; p++) {
        if (*p == '~') buf_add(&c->ptr, "~0", 2);
        else if (*p == '/') buf_add(&c->ptr, "~1", 2);
        else {
            const char *q = p;
            while (q[1] && q[1] != '~' && q[1] != '/') q++;
            buf_add(&c->ptr, p, (size_t)(q - p) + 1);
            p = q;
        }
    }
    if (c->ptr.failed) oom(c);
}

static void ptr_index(vctx *c, size_t i)
{
    char num[24], *e = num + sizeof num, *p = e;   /* "/%zu" without printf: one per array element */
    do { *--p = (char)('0' + i % 10); i /= 10; } while (i);
    *--p = '/';
    buf_add(&c->ptr, p, (size_t)(e - p));
    if (c->ptr.failed) oom(c);
}

static const char *key_of(const cJSON *v) { return v->string ? v->string : ""; }

/* ---- checks of one value against one node ---- */

static void walk(vctx *c, const cJSON *v, const snode *s);
static int check_any(vctx *c, const cJSON *v, const snode *s, unsigned vt);

/* The last part of the current pointer, unescaped, when it is a key (not an
 * array index): the key the writer used, for the examples in messages. */
static int ptr_last_key(const vctx *c, char *out, size_t cap)
{
    const char *p = c->ptr.d ? c->ptr.d : "";
    const char *s = strrchr(p, '/');
    if (!s || !s[1]) return 0;
    s++;
    int digits = 1;
    for (const char *q = s; *q; q++) if (*q < '0' || *q > '9') digits = 0;
    if (digits) return 0;
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        if (s[0] == '~' && s[1] == '1') { out[n++] = '/'; s++; }
        else if (s[0] == '~' && s[1] == '0') { out[n++] = '~'; s++; }
        else out[n++] = *s;
    }
    out[n] = '\0';
    return 1;
}

/* ": write "key": value" -- the writer's own key with a value that fits. */
static void buf_example(vctx *c, const char *value)
{
    char key[QUOTE_MAX + 1];
    buf_puts(&c->msg, TR(c, ": ", ": "));
    if (ptr_last_key(c, key, sizeof key)) {
        buf_quote(&c->msg, key, QUOTE_MAX);
        buf_puts(&c->msg, ": ");
    }
    buf_puts(&c->msg, value);
}

/* The number inside a text such as "約3000人", "３，０００件" or "45,000":
 * digits (full-width folded) with their separators dropped.  0 if none. */
static int text_number(const char *s, char out[40])
{
    char *t = hogo_normalize(s, strlen(s));
    if (!t) return 0;
    size_t n = 0;
    int seen = 0, stop = 0;
    for (const char *p = t; *p && !stop; p++) {
        if (*p >= '0' && *p <= '9') { if (n + 1 < 40) out[n++] = *p; seen = 1; }
        else if (seen && *p == ',' && p[1] >= '0' && p[1] <= '9') continue;
        else if (seen && *p == '.' && p[1] >= '0' && p[1] <= '9') { if (n + 1 < 40) out[n++] = '.'; }
        else if (seen) stop = 1;
    }
    out[n] = '\0';
    free(t);
    return seen;
}

/* A text that means yes or no, as true or false (NULL if it is neither). */
static const char *text_bool(const char *s)
{
    static const char *const yes[] = { "はい", "有", "あり", "有り", "する", "yes", "Yes", "YES", "true", "TRUE", "True", "○" };
    static const char *const no[] = { "いいえ", "無", "なし", "無し", "しない", "no", "No", "NO", "false", "FALSE", "False", "×" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) if (!strcmp(s, yes[i])) return "true";
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) if (!strcmp(s, no[i])) return "false";
    return NULL;
}

/* A text that says "none" / "does not apply". */
static int text_none(const char *s)
{
    static const char *const none[] = { "なし", "無し", "無", "該当なし", "該当無し", "該当しない", "none", "None", "N/A", "-", "ー", "―" };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) if (!strcmp(s, none[i])) return 1;
    return 0;
}

/* A value as compact JSON text for an example (cut to QUOTE_MAX bytes). */
static void value_text(const cJSON *v, char *out, size_t cap)
{
    char *t = cJSON_PrintUnformatted(v);
    snprintf(out, cap, "%s", t ? t : "…");
    if (t && strlen(t) >= cap && cap > 4) {
        size_t n = cap - 4;
        while (n && ((unsigned char)out[n] & 0xC0) == 0x80) n--;
        strcpy(out + n, "…");
    }
    free(t);
}

static void error_expected_types(vctx *c, unsigned types, const cJSON *v)
{
    /* null is accepted for every optional field; naming it in each message is noise */
    int nullable = (types & T_NULL) != 0;
    if (types & ~(unsigned)T_NULL) types &= ~(unsigned)T_NULL;
    unsigned vt = value_types(v);
    char num[40], ex[QUOTE_MAX + 48];
    msg_start(c);
    (void)vt;
    /* the slips first, each with the writer's key and a value that fits */
    if (nullable && cJSON_IsString(v) && text_none(v->valuestring)) {
        buf_puts(&c->msg, TR(c, "該当しないことは文字列 ", "\"does not apply\" is written as the text "));
        buf_quote(&c->msg, v->valuestring, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " ではなく、引用符なしの null で書きます（書かないと「記載なし」になります）",
                             "; write null without quotes (leaving the field out means \"not stated\")"));
        buf_example(c, "null");
    } else if ((types & (T_NUMBER | T_INTEGER)) && cJSON_IsString(v) && text_number(v->valuestring, num)) {
        buf_puts(&c->msg, TR(c, "数が文字列 ", "a number is written as the text "));
        buf_quote(&c->msg, v->valuestring, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " になっています。数は引用符を付けず半角数字だけで書いてください（概数や注記は description に）",
                             "; write the number alone, in ASCII digits without quotes (put an estimate's wording in description)"));
        buf_example(c, num);
    } else if ((types & T_BOOLEAN) && cJSON_IsString(v) && text_bool(v->valuestring)) {
        buf_puts(&c->msg, TR(c, "はい・いいえは文字列 ", "yes or no is written as the text "));
        buf_quote(&c->msg, v->valuestring, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " ではなく、引用符なしの true か false で書きます",
                             "; write true or false without quotes"));
        buf_example(c, text_bool(v->valuestring));
    } else if ((types & T_ARRAY) && !(types & T_OBJECT) && !(vt & T_ARRAY) && !cJSON_IsObject(v)) {
        /* (where an object is also allowed, the array holds objects: wrapping
         * the value would be wrong advice, so the plain message says both) */
        char one[QUOTE_MAX + 8];
        value_text(v, one, sizeof one);
        snprintf(ex, sizeof ex, "[%s]", one);
        buf_puts(&c->msg, TR(c, "ここには配列 [ … ] を書きます。1つだけでも [ ] で囲んでください",
                             "an array [ ... ] is expected here; put even a single value in [ ]"));
        buf_example(c, ex);
    } else if (!(types & T_ARRAY) && (vt & T_ARRAY) && cJSON_GetArraySize(v) >= 1 &&
               (value_types(v->child) & types)) {
        value_text(v->child, ex, sizeof ex);
        buf_puts(&c->msg, TR(c, "ここには値を1つだけ書きます（配列 [ ] ではなく）。1つに決めてください",
                             "one value is expected here, not an array [ ]; choose one"));
        buf_example(c, ex);
    } else {
        buf_puts(&c->msg, TR(c, "ここには ", "expected "));
        buf_types(&c->msg, types, c->lang);
        buf_puts(&c->msg, TR(c, " を書きます（書かれているのは ", ", got "));
        buf_describe(&c->msg, v, c->lang);
        buf_puts(&c->msg, TR(c, "）", ""));
    }
    emit(c, 0);
}

/* The English value the Japanese word s stands for at the current place
 * (the vocabulary's words and aliases for that field, docs/plan.schema.json),
 * if the allowed set has it. */
static const char *ja_value(const vctx *c, const char *s, const snode *const *nodes, size_t n_nodes)
{
    const voc_value *v = voc_value_from_word(voc_field_find(c->ptr.d ? c->ptr.d : ""), s);
    if (!v) return NULL;
    for (size_t k = 0; k < n_nodes; k++) {
        const snode *s2 = nodes[k];
        if (s2->konst && cJSON_IsString(s2->konst) && !strcmp(s2->konst->valuestring, v->value))
            return v->value;
        for (size_t j = 0; j < s2->n_enum; j++)
            if (cJSON_IsString(s2->enums[j]) && !strcmp(s2->enums[j]->valuestring, v->value))
                return v->value;
    }
    return NULL;
}

static void error_unknown_value(vctx *c, const cJSON *v, const char *list, const snode *const *nodes, size_t n_nodes)
{
    msg_start(c);
    const char *en = cJSON_IsString(v) ? ja_value(c, v->valuestring, nodes, n_nodes) : NULL;
    if (en) {
        char ex[QUOTE_MAX + 8];
        snprintf(ex, sizeof ex, "\"%s\"", en);
        buf_puts(&c->msg, TR(c, "選択肢は英語で書きます。", "a choice is written in English: "));
        buf_quote(&c->msg, v->valuestring, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " は ", " is "));
        buf_quote(&c->msg, en, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " です", ""));
        buf_example(c, ex);
        emit(c, 0);
        return;
    }
    buf_puts(&c->msg, TR(c, "値 ", "unknown value "));
    if (cJSON_IsString(v)) buf_quote(&c->msg, v->valuestring, QUOTE_MAX);
    else if (cJSON_IsNumber(v)) { char num[40]; fmt_num(v->valuedouble, num); buf_puts(&c->msg, num); }
    else if (cJSON_IsTrue(v)) buf_puts(&c->msg, "true");
    else if (cJSON_IsFalse(v)) buf_puts(&c->msg, "false");
    else if (cJSON_IsNull(v)) buf_puts(&c->msg, "null");
    else buf_describe(&c->msg, v, c->lang);
    buf_puts(&c->msg, TR(c, " は選択肢にありません。次のどれかを書いてください: ", "; expected one of: "));
    buf_puts(&c->msg, list);
    if (cJSON_IsString(v)) {
        suggester g;
        suggest_init(&g, v->valuestring);
        size_t rank = 0;
        for (size_t k = 0; k < n_nodes; k++) {
            const snode *s = nodes[k];
            if (s->konst && cJSON_IsString(s->konst)) suggest_try(&g, s->konst->valuestring, rank++);
            for (size_t i = 0; i < s->n_enum; i++)
                if (cJSON_IsString(s->enums[i])) suggest_try(&g, s->enums[i]->valuestring, rank++);
        }
        if (g.best) {
            buf_puts(&c->msg, TR(c, "（もしかして ", "; did you mean "));
            buf_quote(&c->msg, g.best, QUOTE_MAX);
            buf_puts(&c->msg, TR(c, "？）", "?"));
        }
    }
    emit(c, 0);
}


/* A value that fits node s, for "add it, e.g. ...": its const, its first enum
 * value, or a placeholder of its type. */
static void buf_example_of(buf *b, const snode *s)
{
    if (!s) { buf_puts(b, "…"); return; }
    if (s->konst_text) { buf_puts(b, s->konst_text); return; }
    if (s->n_enum && cJSON_IsString(s->enums[0])) { buf_quote(b, s->enums[0]->valuestring, QUOTE_MAX); return; }
    unsigned t = s->types;
    if (!t && s->n_any && s->any[0]) t = s->any[0]->types;
    if (t & T_OBJECT) buf_puts(b, "{ … }");
    else if (t & T_ARRAY) buf_puts(b, "[ … ]");
    else if (t & T_STRING) buf_puts(b, "\"…\"");
    else if (t & (T_INTEGER | T_NUMBER)) buf_puts(b, "0");
    else if (t & T_BOOLEAN) buf_puts(b, "true");
    else buf_puts(b, "…");
}

static const char *const weekday_kanji[7] = { "月", "火", "水", "木", "金", "土", "日" };
static const char *const weekday_en[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                           "Saturday", "Sunday" };
static const char *const month_en[12] = { "January", "February", "March", "April", "May", "June", "July",
                                          "August", "September", "October", "November", "December" };

/* A date that does not exist, a wrong 曜日, a date outside its era: called
 * what it is, with a date that is right. */
static void error_date(vctx *c, const char *s, const jp_date_why *w)
{
    msg_start(c);
    switch (w->kind) {
    case JP_DATE_NO_DAY:
        buf_puts(&c->msg, TR(c, "日付 ", "the date "));
        buf_quote(&c->msg, s, QUOTE_MAX);
        if (c->lang == HOGO_EN)
            buf_printf(&c->msg, " does not exist (%s %ld has %d days); write a real date, e.g. \"%04ld-%02ld-%02d\"",
                       month_en[w->month - 1], w->year, w->days_in_month, w->year, w->month, w->days_in_month);
        else
            buf_printf(&c->msg, " は存在しない日付です（%ld年%ld月は%d日まで）。正しい日付を書いてください（例: \"%04ld-%02ld-%02d\"）",
                       w->year, w->month, w->days_in_month, w->year, w->month, w->days_in_month);
        break;
    case JP_DATE_NO_MONTH:
        buf_puts(&c->msg, TR(c, "日付 ", "the date "));
        buf_quote(&c->msg, s, QUOTE_MAX);
        buf_printf(&c->msg, TR(c, " は存在しない日付です（%ld月はありません）。月は1から12です",
                               " does not exist (there is no month %ld); months run from 1 to 12"), w->month);
        break;
    case JP_DATE_WEEKDAY: {
        /* the writer's text with the right 曜日 in place of the wrong one */
        char fixed[QUOTE_MAX * 2];
        const char *wrong = weekday_kanji[w->weekday_written];
        const char *at = NULL;
        for (const char *p = s; (p = strstr(p, wrong)); p += 3)
            if ((p - s >= 3 && !memcmp(p - 3, "（", 3)) || (p > s && p[-1] == '(')) { at = p; break; }
        if (at && strlen(s) < sizeof fixed)
            snprintf(fixed, sizeof fixed, "%.*s%s%s", (int)(at - s), s, weekday_kanji[w->weekday_real], at + 3);
        else
            snprintf(fixed, sizeof fixed, "%04ld-%02ld-%02ld", w->year, w->month, w->day);
        buf_puts(&c->msg, TR(c, "日付 ", "the date "));
        buf_quote(&c->msg, s, QUOTE_MAX);
        if (c->lang == HOGO_EN)
            buf_printf(&c->msg, " has the wrong day of the week: %04ld-%02ld-%02ld is a %s (%s), not a %s (%s); write ",
                       w->year, w->month, w->day, weekday_en[w->weekday_real], weekday_kanji[w->weekday_real],
                       weekday_en[w->weekday_written], wrong);
        else
            buf_printf(&c->msg, " の曜日が違います（%ld年%ld月%ld日は%s曜日で、%s曜日ではありません）。次のように直してください: ",
                       w->year, w->month, w->day, weekday_kanji[w->weekday_real], wrong);
        buf_quote(&c->msg, fixed, sizeof fixed);
        break;
    }
    case JP_DATE_ERA:
        buf_puts(&c->msg, TR(c, "日付 ", "the date "));
        buf_quote(&c->msg, s, QUOTE_MAX);
        buf_printf(&c->msg, TR(c, " は%sの期間（%ld-%02ld-%02ld から %ld-%02ld-%02ld）の外で、存在しない和暦です。西暦で書いてください（例: \"%04ld-%02ld-%02ld\"）",
                               " is outside the %s era (%ld-%02ld-%02ld to %ld-%02ld-%02ld), so no such date exists; write it in the Western calendar, e.g. \"%04ld-%02ld-%02ld\""),
                   w->era, w->era_first / 10000, w->era_first / 100 % 100, w->era_first % 100,
                   w->era_last / 10000, w->era_last / 100 % 100, w->era_last % 100, w->year, w->month, w->day);
        break;
    default:
        buf_puts(&c->msg, TR(c, "日付 ", "unreadable date "));
        buf_quote(&c->msg, s, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " を読めません（\"2021-02-17\" か \"令和3年2月17日\" と書きます）",
                             " (write YYYY-MM-DD or 令和3年2月17日)"));
        break;
    }
    emit(c, 0);
}

/* An unreadable duration, with what to write instead (jp_duration_suggest): a
 * readable piece of it, how to write an event, or the forms a period takes --
 * a length, an event that ends it, or 永年 -- so staff need not invent a number
 * for a period that ends with an event (退所まで). */
static void error_duration(vctx *c, const char *text)
{
    char part[128];
    jp_duration_hint hint = jp_duration_suggest(text, part, sizeof part);
    msg_start(c);
    buf_puts(&c->msg, TR(c, "期間 ", "unreadable duration "));
    buf_quote(&c->msg, text, QUOTE_MAX);
    if (hint == JP_DUR_HINT_PART) {
        buf_puts(&c->msg, TR(c, " を読めません（", " (write "));
        buf_quote(&c->msg, part, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " と書けば読めます）", ")"));
    } else if (hint == JP_DUR_HINT_UNDECIDED) {
        buf_puts(&c->msg, TR(c, " を読めません（期間が決まっていないなら、この欄を書かずにおきます。記載のない期間として審査されます）",
                             " (if the period is not decided yet, leave the field out: the plan is screened as not stating it)"));
    } else if (hint == JP_DUR_HINT_EVENT) {
        buf_puts(&c->msg, TR(c, " を読めません（終わりの出来事を \"事業終了まで\"、\"契約満了まで\"、\"退所まで\"、\"アカウント削除まで\" のように、終わりを表す言葉で書きます）",
                             " (name the ending event with a word that ends it, as in 事業終了まで, 契約満了まで, 退所まで, アカウント削除まで)"));
    } else {
        buf_puts(&c->msg, TR(c, " を読めません（長さ \"3か月\"、\"5年\"、\"P3M\"、終わりの出来事 \"事業終了まで\"、\"退所まで\"、または \"永年\" のように書きます）",
                             " (write a length such as P3M, 3か月 or 5年, an ending event such as 事業終了まで or 退所まで, or 永年)"));
    }
    emit(c, 0);
}

/* The value's own keywords (not its children).  Returns 1 if it passed, which
 * lets the walk apply properties/items to the children. */
static int check_value(vctx *c, const cJSON *v, const snode *s)
{
    char num[40], lim[40];
    if (s->never) {
        msg_start(c);
        buf_puts(&c->msg, TR(c, "ここには値を書けません", "no value is allowed here"));
        emit(c, 0);
        return 0;
    }
    if (jtype(v) == cJSON_Number && !isfinite(v->valuedouble)) {
        /* the main walk reports it once (doc checks); a trial only needs to fail */
        if (c->silent) { c->errors++; c->stop = 1; }
        return 0;
    }
    unsigned vt = value_types(v);
    if (s->types && !(s->types & vt)) {
        if ((vt & T_NUMBER) && (s->types & T_INTEGER) && !(s->types & T_NUMBER)
            && is_whole(v->valuedouble)) {
            fmt_num(v->valuedouble, num);
            msg_start(c);
            buf_printf(&c->msg, TR(c, "整数 %s が大きすぎます（上限は 2^53 = 9007199254740992）",
                                   "integer out of range: %s (the limit is 2^53 = 9007199254740992)"), num);
            emit(c, 0);
        } else {
            error_expected_types(c, s->types, v);
        }
        return 0;
    }
    if (s->konst && !json_equal(v, s->konst)) {
        msg_start(c);
        buf_printf(&c->msg, TR(c, "ここには %s と書きます（書かれているのは ", "expected %s, got "), s->konst_text);
        buf_describe(&c->msg, v, c->lang);
        buf_puts(&c->msg, TR(c, "）", ""));
        emit(c, 0);
        return 0;
    }
    if (s->n_enum && !in_enum(s, v)) {
        error_unknown_value(c, v, s->enum_list, &s, 1);
        return 0;
    }
    int ok = 1;
    if (s->format && cJSON_IsString(v)) {
        if (s->format == FMT_DATE) {
            jp_date_why why;
            if (!jp_date_check(v->valuestring, &why)) {
                error_date(c, v->valuestring, &why);
                ok = 0;
            }
        } else {
            long days;
            if (!hogo_parse_duration(v->valuestring, &days)) {
                error_duration(c, v->valuestring);
                ok = 0;
            }
        }
    }
    if ((vt & T_NUMBER) && s->has_min && v->valuedouble < s->min) {
        fmt_num(v->valuedouble, num);
        fmt_num(s->min, lim);
        msg_start(c);
        buf_printf(&c->msg, TR(c, "値 %s は最小値 %s より小さくなっています", "value %s is below the minimum %s"), num, lim);
        emit(c, 0);
        ok = 0;
    }
    if ((vt & T_NUMBER) && s->has_max && v->valuedouble > s->max) {
        fmt_num(v->valuedouble, num);
        fmt_num(s->max, lim);
        msg_start(c);
        buf_printf(&c->msg, TR(c, "値 %s は最大値 %s より大きくなっています", "value %s is above the maximum %s"), num, lim);
        emit(c, 0);
        ok = 0;
    }
    if (s->n_any && !c->stop && !check_any(c, v, s, vt)) ok = 0;
    return ok;
}

/* Walk v against branch b without reporting; 1 if it passes.  *warned: it
 * would have reported warnings. */
static int try_branch(vctx *c, const cJSON *v, const snode *b, int *warned)
{
    int e = c->errors, w = c->warnings, dc = c->doc_checks, st = c->stop;
    c->silent++;
    c->doc_checks = 0;
    c->errors = 0;
    c->warnings = 0;
    c->stop = 0;
    walk(c, v, b);
    int pass = c->errors == 0 && !c->oom;
    *warned = c->warnings > 0;
    c->silent--;
    c->doc_checks = dc;
    c->errors = e;
    c->warnings = w;
    c->stop = c->oom ? 1 : st;
    return pass;
}

/* Walk v against b reporting as usual (doc checks are the main walk's job). */
static void replay_branch(vctx *c, const cJSON *v, const snode *b)
{
    int dc = c->doc_checks;
    c->doc_checks = 0;
    walk(c, v, b);
    c->doc_checks = dc;
}

static int check_any(vctx *c, const cJSON *v, const snode *s, unsigned vt)
{
    if (c->any_depth >= ANY_MAX_DEPTH) {
        msg_start(c);
        buf_printf(&c->msg, TR(c, "値が %d 段を超える anyOf の中にあります", "value nested in more than %d anyOf schemas"), ANY_MAX_DEPTH);
        emit(c, 0);
        return 0;
    }
    c->any_depth++;
    int warned = 0, pass = 0;
    size_t i;
    for (i = 0; i < s->n_any && !c->oom; i++) {
        if (!s->any[i]) { pass = 1; break; }                /* true schema */
        if (try_branch(c, v, s->any[i], &warned)) { pass = 1; break; }
    }
    if (pass) {
        if (warned && !c->silent && s->any[i]) replay_branch(c, v, s->any[i]);
        c->any_depth--;
        return 1;
    }
    if (c->oom) { c->any_depth--; return 0; }
    if (c->silent) {
        c->errors++;
        c->stop = 1;
        c->any_depth--;
        return 0;
    }
    /* Which branches was the value meant for?  Content branches admit its type
     * and value (they failed deeper: a format, a property); value branches admit
     * its type but not its value (const/enum). */
    unsigned gates = 0;
    const snode *content = NULL;
    const snode *values[MAX_VALUE_BRANCHES];
    size_t n_values = 0;
    buf alts = {0};
    for (i = 0; i < s->n_any; i++) {
        const snode *b = s->any[i];
        gates |= b->gate;
        if (!(b->gate & vt)) continue;
        int value_ok = (!b->konst || json_equal(v, b->konst)) && (!b->n_enum || in_enum(b, v));
        if (value_ok) { if (!content) content = b; continue; }
        if (n_values < MAX_VALUE_BRANCHES) values[n_values++] = b;
        if (alts.n) buf_puts(&alts, ", ");
        if (b->konst && cJSON_IsString(b->konst)) buf_puts(&alts, b->konst->valuestring);
        else if (b->konst) buf_puts(&alts, b->konst_text);
        else buf_puts(&alts, b->enum_list);
    }
    if (alts.failed) oom(c);
    else if (content) {
        buf sfx = {0};
        /* a word staff write for one of the other values (次回審議会): named first */
        const char *word = n_values && cJSON_IsString(v) ? ja_value(c, v->valuestring, values, n_values) : NULL;
        if (word) { buf_puts(&sfx, TR(c, "（\"", "; did you mean \"")); buf_puts(&sfx, word); buf_puts(&sfx, TR(c, "\" のことですか）", "\"?")); }
        else if (n_values) { buf_puts(&sfx, TR(c, "（ほかに書ける値: ", "; also accepted: ")); buf_puts(&sfx, alts.d); buf_puts(&sfx, TR(c, "）", "")); }
        if (sfx.failed) oom(c);
        else {
            const char *os = c->suffix;
            size_t op = c->suffix_plen;
            c->suffix = n_values ? sfx.d : NULL;
            c->suffix_plen = c->ptr.n;
            int before = c->errors;
            replay_branch(c, v, content);
            c->suffix = os;
            c->suffix_plen = op;
            if (c->errors == before && !c->oom) {
                msg_start(c);
                buf_puts(&c->msg, TR(c, "値がどの書き方にも当てはまりません", "value matches none of the allowed forms"));
                emit(c, 0);
            }
        }
        free(sfx.d);
    } else if (n_values) {
        error_unknown_value(c, v, alts.d ? alts.d : "", values, n_values);
    } else {
        error_expected_types(c, gates ? gates : T_ALL, v);
    }
    free(alts.d);
    c->any_depth--;
    return 0;
}

/* ---- object checks: required fields, duplicate keys ---- */

static void check_required(vctx *c, const cJSON *obj, const snode *s)
{
    memset(c->seen, 0, s->n_props);
    for (const cJSON *ch = obj->child; ch; ch = ch->next) {
        const sprop *p = find_prop(s, key_of(ch));
        if (p) c->seen[p - s->props] = 1;
    }
    for (size_t i = 0; i < s->n_required && !c->stop; i++) {
        if (c->seen[s->required[i]]) continue;
        msg_start(c);
        const sprop *p = &s->props[s->required[i]];
        buf_puts(&c->msg, TR(c, "必須の項目 ", "missing required field "));
        buf_quote(&c->msg, p->name, QUOTE_MAX);
        buf_puts(&c->msg, TR(c, " がありません。書き足してください（例: ", " (add it, e.g. "));
        buf_quote(&c->msg, p->name, QUOTE_MAX);
        buf_puts(&c->msg, ": ");
        buf_example_of(&c->msg, p->schema);
        buf_puts(&c->msg, TR(c, "）", ")"));
        emit(c, 0);
    }
}

typedef struct {
    const char *key;
    size_t idx;
} keyref;

static int keyref_cmp(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    if (r) return r;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void report_duplicate(vctx *c, const char *key)
{
    size_t at = c->ptr.n;
    ptr_key(c, key);
    msg_start(c);
    buf_puts(&c->msg, TR(c, "キー ", "duplicate key "));
    buf_quote(&c->msg, key, QUOTE_MAX);
    buf_puts(&c->msg, TR(c, " が2回書かれています。1つにまとめてください", " (write it once)"));
    emit(c, 0);
    ptr_truncate(c, at);
}

/* Each duplicated name is reported once, at its second occurrence, in document order. */
static void check_duplicates(vctx *c, const cJSON *obj)
{
    size_t k = 0;
    for (const cJSON *ch = obj->child; ch; ch = ch->next) k++;
    if (k < 2) return;
    if (k <= DUP_LINEAR_MAX) {
        const char *a[DUP_LINEAR_MAX];
        size_t i = 0;
        for (const cJSON *ch = obj->child; ch; ch = ch->next) a[i++] = key_of(ch);
        for (size_t j = 1; j < k && !c->stop; j++) {
            int earlier = 0;
            for (i = 0; i < j; i++)      /* the first bytes first: most pairs differ there */
                if (a[i][0] == a[j][0] && strcmp(a[i], a[j]) == 0) earlier++;
            if (earlier == 1) report_duplicate(c, a[j]);
        }
        return;
    }
    keyref *r = malloc(k * sizeof *r);
    unsigned char *flag = calloc(k, 1);
    if (!r || !flag) { free(r); free(flag); oom(c); return; }
    size_t i = 0;
    for (const cJSON *ch = obj->child; ch; ch = ch->next, i++) { r[i].key = key_of(ch); r[i].idx = i; }
    qsort(r, k, sizeof *r, keyref_cmp);
    int any = 0;
    for (i = 1; i < k; i++)
        if (strcmp(r[i].key, r[i - 1].key) == 0 && (i < 2 || strcmp(r[i - 1].key, r[i - 2].key) != 0)) {
            flag[r[i].idx] = 1;
            any = 1;
        }
    if (any) {
        i = 0;
        for (const cJSON *ch = obj->child; ch && !c->stop; ch = ch->next, i++)
            if (flag[i]) report_duplicate(c, key_of(ch));
    }
    free(r);
    free(flag);
}

/* The dotted field of the current pointer's parent ("retention", "disposal[]"). */
static void parent_field(const vctx *c, char *out, size_t cap)
{
    const char *p = c->ptr.d ? c->ptr.d : "";
    const char *end = strrchr(p, '/');
    size_t n = 0;
    out[0] = '\0';
    for (const char *s = p; s < end && *s == '/';) {
        const char *e = strchr(s + 1, '/');
        if (!e || e > end) e = end;
        int digits = e > s + 1;
        for (const char *q = s + 1; q < e; q++) if (*q < '0' || *q > '9') digits = 0;
        int w = digits ? snprintf(out + n, cap - n, "[]")
                       : snprintf(out + n, cap - n, "%s%.*s", n ? "." : "", (int)(e - s - 1), s + 1);
        if (w < 0 || (size_t)w >= cap - n) { out[0] = '\0'; return; }
        n += (size_t)w;
        s = e;
    }
}

/* "retention.period" as JSON: "retention": {"period": …} ("x[]": "x": [{…}]). */
static void buf_field_json(buf *b, const char *field)
{
    int closers[16], nc = 0;
    const char *s = field;
    for (;;) {
        const char *dot = strchr(s, '.');
        size_t n = dot ? (size_t)(dot - s) : strlen(s);
        int arr = n >= 2 && s[n - 2] == '[' && s[n - 1] == ']';
        buf_printf(b, "\"%.*s\": ", (int)(arr ? n - 2 : n), s);
        if (!dot) { buf_puts(b, arr ? "[ … ]" : "…"); break; }
        if (arr) { buf_puts(b, "[{"); if (nc < 16) closers[nc++] = 2; }
        else { buf_puts(b, "{"); if (nc < 16) closers[nc++] = 1; }
        s = dot + 1;
    }
    while (nc) buf_puts(b, closers[--nc] == 2 ? "}]" : "}");
}

/* Warning 2 (a suspected slip: a Japanese label or a near miss) becomes a
 * finding; warning 1 (anything else) is an extension the format allows. */
static void warn_unknown_key(vctx *c, const snode *s, const char *key)
{
    /* a Japanese key staff write for a field (its x-hogo aliases), named
     * as "disposal[].method": "x[]" is an array of objects */
    const voc_field *vf = voc_field_from_alias(key);
    const char *field = vf ? vf->list_path : NULL;
    if (field) {
        char parent[256];
        parent_field(c, parent, sizeof parent);
        size_t pl = strlen(parent);
        int inside = pl && !strncmp(field, parent, pl) && field[pl] == '.';
        int top = !pl;
        const char *rel = inside ? field + pl + 1 : field;
        for (int l = 0; l < 2; l++) {
            buf *b = l == 0 ? &c->msg : &c->alt;
            b->n = 0;
            if (b->d) b->d[0] = '\0';
            buf_puts(b, l == 0 ? "キー " : "the key ");
            buf_quote(b, key, QUOTE_MAX);
            buf_puts(b, l == 0 ? " は日本語の見出しで、hogo は読みません。英語のキーで書いてください"
                               : " is a Japanese label, which hogo does not read; use the English key");
            if (!inside && !top) buf_puts(b, l == 0 ? "（計画の最上位に）" : " (at the top level of the plan)");
            buf_puts(b, ": ");
            buf_field_json(b, rel);
        }
        emit_both(c, 2);
        return;
    }
    suggester g;
    suggest_init(&g, key);
    for (size_t i = 0; i < s->n_props; i++) suggest_try(&g, s->props[i].name, s->props[i].decl);
    for (int l = 0; l < 2; l++) {
        buf *b = l == 0 ? &c->msg : &c->alt;
        b->n = 0;
        if (b->d) b->d[0] = '\0';
        buf_puts(b, l == 0 ? "不明なキー " : "unknown key ");
        buf_quote(b, key, QUOTE_MAX);
        if (g.best) {
            buf_puts(b, l == 0 ? "（もしかして " : " (did you mean ");
            buf_quote(b, g.best, QUOTE_MAX);
            buf_puts(b, l == 0 ? "？）" : "?)");
        }
    }
    emit_both(c, g.best ? 2 : 1);
}

/* ---- the walk ---- */

/* Checks of v itself at the current pointer.  Returns 1 if its children are to
 * be walked, with *child_schema the node that governs them (NULL: none). */
static int visit(vctx *c, const cJSON *v, const snode *s, const snode **child_schema)
{
    *child_schema = NULL;
    if (c->doc_checks && jtype(v) == cJSON_Number && !isfinite(v->valuedouble)) {
        msg_start(c);
        buf_puts(&c->msg, TR(c, "数が大きすぎます（有限の数ではありません）", "number out of range (not finite)"));
        emit(c, 0);
    }
    int ok = s ? check_value(c, v, s) : 0;
    if (c->stop) return 0;
    int t = jtype(v), is_obj = t == cJSON_Object;
    if (ok && is_obj && s->n_required) check_required(c, v, s);
    if (!(is_obj || t == cJSON_Array) || !v->child || c->stop) return 0;
    if (c->doc_checks && is_obj) check_duplicates(c, v);
    if (c->stop) return 0;
    if (ok) *child_schema = s;
    if (c->doc_checks) return 1;
    return ok && (is_obj ? s->has_props : s->items != NULL);
}

#define INLINE_FRAMES 8

static void walk(vctx *c, const cJSON *v, const snode *s)
{
    size_t base = c->ptr.n;
    frame inline_frames[INLINE_FRAMES];
    frame *st = inline_frames;
    size_t n = 0, cap = INLINE_FRAMES;
    const snode *cs;

    if (visit(c, v, s, &cs)) {
        st[0] = (frame){v, v->child, cs, base, 0};
        n = 1;
    }
    while (n && !c->stop) {
        frame *f = &st[n - 1];
        const cJSON *ch = f->next;
        if (!ch) { n--; continue; }
        f->next = ch->next;
        ptr_truncate(c, f->plen);
        const snode *sub = NULL;
        if (jtype(f->v) == cJSON_Object) {
            ptr_key(c, key_of(ch));
            if (f->s && f->s->has_props) {
                const sprop *p = find_prop(f->s, key_of(ch));
                if (p) sub = p->schema;
                else warn_unknown_key(c, f->s, key_of(ch));
            }
        } else {
            ptr_index(c, f->index++);
            if (f->s) sub = f->s->items;
        }
        if (c->stop) break;
        if (!visit(c, ch, sub, &cs)) continue;
        if (n == cap) {
            size_t ncap = cap * 2;
            frame *ns = st == inline_frames ? malloc(ncap * sizeof *ns) : realloc(st, ncap * sizeof *ns);
            if (!ns) { oom(c); break; }
            if (st == inline_frames) memcpy(ns, inline_frames, sizeof inline_frames);
            st = ns;
            cap = ncap;
        }
        st[n++] = (frame){ch, ch->child, cs, c->ptr.n, 0};
    }
    if (st != inline_frames) free(st);
    ptr_truncate(c, base);
}

int schema_validate(const schema *s, const cJSON *doc, hogo_lang lang, schema_report_fn fn, void *ud)
{
    vctx c = {0};
    c.sc = s;
    c.fn = fn;
    c.ud = ud;
    c.doc_checks = 1;
    c.lang = lang;
    if (!s || !doc) {
        const char *m = s ? "no document" : "no schema";
        const char *msgs[2] = { m, m };
        if (fn) fn(ud, "", msgs, 0);
        return 1;
    }
    c.seen = malloc(s->max_props ? s->max_props : 1);
    if (!c.seen || !buf_reserve(&c.ptr, 64) || !buf_reserve(&c.msg, 256)) oom(&c);
    else walk(&c, doc, s->root);
    free(c.seen);
    free(c.ptr.d);
    free(c.msg.d);
    free(c.alt.d);
    return c.errors;
}
