/* vocab.c -- the plan format's words (see vocab.h), read once from the
 * schema compiled into the library (embedded.h).
 *
 * The walk starts at the root's "properties" and follows "$ref", "anyOf" and
 * "items" into every object the format has, so each field is listed once by
 * its place in a plan ("storage.location"), whatever $defs it was written in.
 * The tables point into the parsed schema, which lives as long as the process:
 * they are built under pthread_once and only read afterwards. */
#include "vocab.h"
#include "embedded.h"
#include "strbuf.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOC_PATH_MAX  256   /* bytes of a field's path; the format's longest is ~40 */
#define VOC_DEPTH_MAX 16    /* nesting of objects in the format (it has 3) */
#define VOC_REF_MAX   8     /* $ref to $ref chains */

static voc_table voc_tab;
static pthread_once_t voc_once = PTHREAD_ONCE_INIT;
/* The fields' indices sorted by path (equal paths in the schema's order),
 * built with the table: voc_field_find is a binary search, not a strcmp
 * per field (it names each finding's field, ~700 look-ups per 200 plans
 * over every field).  NULL (out of memory at start-up): the scan. */
static size_t *voc_by_path;

typedef struct {
    const cJSON *root, *defs;
    voc_field *f;
    size_t n, cap;
    int failed;
} voc_ctx;

/* ---- reading the schema ---- */

static const cJSON *voc_get_item(const cJSON *o, const char *k)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
}

static const char *voc_str(const cJSON *o, const char *k)
{
    const cJSON *s = voc_get_item(o, k);
    return cJSON_IsString(s) && s->valuestring[0] ? s->valuestring : NULL;
}

/* Follow "$ref": "#/$defs/NAME"; *def is the last NAME followed. */
static const cJSON *voc_resolve(const voc_ctx *c, const cJSON *n, const char **def)
{
    for (int i = 0; i < VOC_REF_MAX && n; i++) {
        const char *ref = voc_str(n, "$ref");
        if (!ref || strncmp(ref, "#/$defs/", 8)) return n;
        if (def) *def = ref + 8;
        n = voc_get_item(c->defs, ref + 8);
    }
    return n;
}

/* The first type a node names other than null ("string" of ["string", "null"]). */
static const char *voc_type(const cJSON *n)
{
    const cJSON *t = voc_get_item(n, "type");
    if (cJSON_IsString(t)) return t->valuestring;
    const cJSON *e;
    cJSON_ArrayForEach(e, t)
        if (cJSON_IsString(e) && strcmp(e->valuestring, "null")) return e->valuestring;
    return NULL;
}

/* What node n holds; *obj is the object schema whose properties are its
 * children (NULL: none); *array is set when n itself is an array. */
static voc_kind voc_kind_of(const voc_ctx *c, const cJSON *n, const cJSON **obj, int *array, int depth)
{
    n = voc_resolve(c, n, NULL);
    if (!n || depth > VOC_REF_MAX) return VOC_ANY;
    const cJSON *any = voc_get_item(n, "anyOf");
    if (cJSON_IsArray(any) && any->child) {
        int ignored = 0;
        return voc_kind_of(c, any->child, obj, &ignored, depth + 1);
    }
    if (voc_get_item(n, "const")) return VOC_CONST;
    if (voc_get_item(n, "enum")) return VOC_CHOICE;
    const char *t = voc_type(n);
    if (!t) return VOC_ANY;
    if (!strcmp(t, "object")) { *obj = n; return VOC_OBJECT; }
    if (!strcmp(t, "array")) {
        *array = 1;
        const cJSON *it = voc_resolve(c, voc_get_item(n, "items"), NULL);
        if (voc_get_item(it, "properties")) { *obj = it; return VOC_LIST; }
        return VOC_STRINGS;
    }
    if (!strcmp(t, "string")) {
        const char *fmt = voc_str(n, "format");
        if (fmt && !strcmp(fmt, "hogo-date")) return VOC_DATE;
        if (fmt && !strcmp(fmt, "hogo-duration")) return VOC_DURATION;
        return VOC_TEXT;
    }
    if (!strcmp(t, "integer")) return VOC_COUNT;
    if (!strcmp(t, "number")) return VOC_NUMBER;
    if (!strcmp(t, "boolean")) return VOC_FLAG;
    return VOC_ANY;
}

/* A {"ja": …, "en": …} pair into w[2]. */
static void voc_pair(const cJSON *o, const char *w[2])
{
    w[HOGO_JA] = voc_str(o, "ja");
    w[HOGO_EN] = voc_str(o, "en");
}

/* The strings of an "aliases" array (malloc'd array of pointers into the tree). */
static const char *const *voc_aliases(voc_ctx *c, const cJSON *o, size_t *n)
{
    const cJSON *a = voc_get_item(o, "aliases");
    *n = 0;
    int k = cJSON_GetArraySize(a);
    if (!cJSON_IsArray(a) || k <= 0) return NULL;
    const char **out = calloc((size_t)k, sizeof *out);
    if (!out) { c->failed = 1; return NULL; }
    const cJSON *e;
    cJSON_ArrayForEach(e, a)
        if (cJSON_IsString(e) && e->valuestring[0]) out[(*n)++] = e->valuestring;
    return out;
}

/* Gather the x-hogo-values of n and of what it leads to (its $ref, anyOf
 * branches and items) into f's values, each value once. */
static void voc_collect_values(voc_ctx *c, voc_field *f, size_t *cap, const cJSON *n, int depth)
{
    n = voc_resolve(c, n, NULL);
    if (!n || depth > VOC_REF_MAX || c->failed) return;
    const cJSON *xv = voc_get_item(n, "x-hogo-values"), *e;
    cJSON_ArrayForEach(e, xv) {
        if (!cJSON_IsObject(xv)) break;
        if (voc_value_find(f, e->string)) continue;
        if (f->n_values == *cap) {
            size_t nc = *cap ? *cap * 2 : 8;
            voc_value *v = realloc((void *)f->values, nc * sizeof *v);
            if (!v) { c->failed = 1; return; }
            f->values = v;
            *cap = nc;
        }
        voc_value *v = (voc_value *)&f->values[f->n_values++];
        memset(v, 0, sizeof *v);
        v->value = e->string;
        voc_pair(e, v->word);
        v->aliases = voc_aliases(c, e, &v->n_aliases);
    }
    const cJSON *any = voc_get_item(n, "anyOf"), *b;
    cJSON_ArrayForEach(b, any) voc_collect_values(c, f, cap, b, depth + 1);
    if (voc_get_item(n, "items")) voc_collect_values(c, f, cap, voc_get_item(n, "items"), depth + 1);
}

static int voc_seen(const voc_ctx *c, const char *path)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->f[i].path, path)) return 1;
    return 0;
}

static char *voc_dup(voc_ctx *c, const char *s)
{
    char *d = strdup(s);
    if (!d) c->failed = 1;
    return d;
}

static void voc_walk(voc_ctx *c, const cJSON *obj, const char *def, const char *path,
                     const char *lpath, int depth);

/* Walk the objects a property's schema leads to: its own object, the object
 * of each anyOf branch (outsourcing: one contractor or a list of them). */
static void voc_children(voc_ctx *c, const cJSON *n, const char *path, const char *lpath, int depth, int level)
{
    const char *def = NULL;
    n = voc_resolve(c, n, &def);
    if (!n || level > VOC_REF_MAX) return;
    if (voc_get_item(n, "properties")) { voc_walk(c, n, def, path, lpath, depth); return; }
    const cJSON *items = voc_get_item(n, "items");
    if (items) {
        const char *idef = NULL;
        const cJSON *it = voc_resolve(c, items, &idef);
        if (voc_get_item(it, "properties")) voc_walk(c, it, idef, path, lpath, depth);
        return;
    }
    const cJSON *b;
    cJSON_ArrayForEach(b, voc_get_item(n, "anyOf")) {
        const char *bdef = NULL;
        const cJSON *r = voc_resolve(c, b, &bdef);
        const cJSON *it = voc_resolve(c, voc_get_item(r, "items"), &bdef);
        if (voc_get_item(r, "properties")) voc_walk(c, r, bdef, path, lpath, depth);
        else if (voc_get_item(it, "properties")) voc_walk(c, it, bdef, path, lpath, depth);
    }
}

/* The properties of the object schema obj (reached as $defs/def), at path. */
static void voc_walk(voc_ctx *c, const cJSON *obj, const char *def, const char *path,
                     const char *lpath, int depth)
{
    if (depth > VOC_DEPTH_MAX || c->failed) return;
    const cJSON *req = voc_get_item(obj, "required");
    const cJSON *p;
    cJSON_ArrayForEach(p, voc_get_item(obj, "properties")) {
        char fp[VOC_PATH_MAX], lp[VOC_PATH_MAX];
        int w1 = snprintf(fp, sizeof fp, "%s%s%s", path, *path ? "." : "", p->string);
        const cJSON *objc = NULL;
        int array = 0;
        voc_kind kind = voc_kind_of(c, p, &objc, &array, 0);
        int w2 = snprintf(lp, sizeof lp, "%s%s%s%s", lpath, *lpath ? "." : "", p->string, array ? "[]" : "");
        if (w1 < 0 || w2 < 0 || (size_t)w1 >= sizeof fp || (size_t)w2 >= sizeof lp) continue;
        if (voc_seen(c, fp)) continue;
        if (c->n == c->cap) {
            size_t nc = c->cap ? c->cap * 2 : 128;
            voc_field *nf = realloc(c->f, nc * sizeof *nf);
            if (!nf) { c->failed = 1; return; }
            c->f = nf;
            c->cap = nc;
        }
        voc_field *f = &c->f[c->n++];
        memset(f, 0, sizeof *f);
        const cJSON *x = voc_get_item(p, "x-hogo");
        f->path = voc_dup(c, fp);
        f->list_path = voc_dup(c, lp);
        f->name = p->string;
        f->kind = kind;
        f->depth = depth;
        voc_pair(x, f->word);
        voc_pair(voc_get_item(x, "hint"), f->hint);
        f->aliases = voc_aliases(c, x, &f->n_aliases);
        const cJSON *ex = voc_get_item(x, "example");
        if (ex) {
            f->example = cJSON_PrintUnformatted(ex);
            if (!f->example) c->failed = 1;
        }
        if (cJSON_IsTrue(voc_get_item(x, "prose"))) {
            f->flags |= HOGO_FIELD_PROSE;
            if (!cJSON_IsFalse(voc_get_item(x, "claims"))) f->flags |= HOGO_FIELD_CLAIMS;
            /* the short name text_fields has always reported: the object's
             * $defs name ("storage", "transfer"), or the key at the top */
            f->text_field = voc_str(x, "text_field");
            if (!f->text_field) f->text_field = def ? def : p->string;
        }
        if (cJSON_IsTrue(voc_get_item(x, "long"))) f->flags |= HOGO_FIELD_LONG;
        if (array) f->flags |= HOGO_FIELD_LIST;
        if (objc) f->flags |= HOGO_FIELD_OBJECT;
        const cJSON *r;
        cJSON_ArrayForEach(r, req)
            if (cJSON_IsString(r) && !strcmp(r->valuestring, p->string)) f->flags |= HOGO_FIELD_REQUIRED;
        size_t cap = 0;
        voc_collect_values(c, f, &cap, p, 0);
        if (objc) voc_children(c, p, fp, lp, depth + 1, 0);
    }
}

static void voc_topics(voc_ctx *c, voc_table *t)
{
    const cJSON *xt = voc_get_item(c->root, "x-hogo-topics"), *e;
    int k = cJSON_GetArraySize(xt);
    if (!cJSON_IsObject(xt) || k <= 0) return;
    voc_topic *tp = calloc((size_t)k, sizeof *tp);
    if (!tp) { c->failed = 1; return; }
    cJSON_ArrayForEach(e, xt) {
        voc_topic *o = &tp[t->n_topics++];
        o->id = e->string;
        voc_pair(e, o->word);
        voc_pair(voc_get_item(e, "hint"), o->hint);
    }
    t->topics = tp;
}

/* The parsed schema is kept for the life of the process: the tables point
 * into it, and every engine's validator is compiled from it
 * (voc_schema_doc): the schema is parsed once, not once more per engine. */
static cJSON *voc_doc;

static const voc_field *voc_sorting;      /* the fields voc_path_cmp compares (voc_build only) */

static int voc_path_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(voc_sorting[x].path, voc_sorting[y].path);
    return c ? c : (x > y) - (x < y);
}

static void voc_index_paths(const voc_table *t)
{
    size_t *ix = t->n_fields ? malloc(t->n_fields * sizeof *ix) : NULL;
    if (!ix) return;
    for (size_t i = 0; i < t->n_fields; i++) ix[i] = i;
    voc_sorting = t->fields;
    qsort(ix, t->n_fields, sizeof *ix, voc_path_cmp);
    voc_sorting = NULL;
    voc_by_path = ix;
}

static void voc_build(void)
{
    cJSON *doc = voc_doc = cJSON_ParseWithLength(embedded_schema.data, embedded_schema.len);
    if (!doc) return;
    voc_ctx c = { .root = doc, .defs = voc_get_item(doc, "$defs") };
    voc_walk(&c, doc, NULL, "", "", 0);
    /* mark the way down to each prose field, for the walks of text_fields */
    for (size_t i = 0; i < c.n; i++) {
        if (!(c.f[i].flags & HOGO_FIELD_PROSE)) continue;
        c.f[i].prose_below = 1;
        int d = c.f[i].depth;
        for (size_t k = i; k-- > 0 && d > 0;)
            if (c.f[k].depth < d) { c.f[k].prose_below = 1; d = c.f[k].depth; }
    }
    voc_table t = { .fields = c.f, .n_fields = c.n };
    voc_topics(&c, &t);
    if (c.failed) return;   /* out of memory at start-up: no words (labels fall back to keys) */
    voc_tab = t;
    voc_index_paths(&voc_tab);
}

const voc_table *voc_get(void)
{
    pthread_once(&voc_once, voc_build);
    return &voc_tab;
}

const cJSON *voc_schema_doc(void)
{
    pthread_once(&voc_once, voc_build);
    return voc_doc;
}

/* ---- lookups ---- */

int voc_norm_path(const char *path, char *out, size_t cap)
{
    size_t n = 0;
    if (!path || !cap) return 0;
    const char *s = path;
    int pointer = *s == '/';
    while (*s) {
        /* one segment: up to '/', '.', '[' */
        while (*s == '/' || *s == '.') s++;
        if (*s == '[') { while (*s && *s != ']') s++; if (*s) s++; continue; }
        const char *b = s;
        while (*s && *s != '/' && *s != '[' && (pointer || *s != '.')) s++;
        size_t len = (size_t)(s - b);
        if (!len) continue;
        int digits = 1;
        for (size_t i = 0; i < len; i++) if (b[i] < '0' || b[i] > '9') digits = 0;
        if (digits) continue;    /* an array index */
        if (n + (n ? 1 : 0) + len + 1 > cap) return 0;
        if (n) out[n++] = '.';
        memcpy(out + n, b, len);
        n += len;
    }
    out[n] = '\0';
    return 1;
}

const voc_field *voc_field_find(const char *path)
{
    char p[VOC_PATH_MAX];
    if (!voc_norm_path(path, p, sizeof p)) return NULL;
    const voc_table *t = voc_get();
    if (!voc_by_path) {
        for (size_t i = 0; i < t->n_fields; i++)
            if (!strcmp(t->fields[i].path, p)) return &t->fields[i];
        return NULL;
    }
    /* the first of the paths not below p: the earliest field with path p, if any */
    size_t lo = 0, hi = t->n_fields;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(t->fields[voc_by_path[mid]].path, p) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < t->n_fields && !strcmp(t->fields[voc_by_path[lo]].path, p)) return &t->fields[voc_by_path[lo]];
    return NULL;
}

const voc_value *voc_value_find(const voc_field *f, const char *value)
{
    for (size_t i = 0; f && value && i < f->n_values; i++)
        if (!strcmp(f->values[i].value, value)) return &f->values[i];
    return NULL;
}

/* Equal, with ASCII letters compared without case ("Lgwan-asp" = "LGWAN-ASP"). */
static int voc_same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return 0;
    }
    return *a == *b;
}

const voc_value *voc_value_from_word(const voc_field *f, const char *s)
{
    for (size_t i = 0; f && s && i < f->n_values; i++) {
        const voc_value *v = &f->values[i];
        if (v->word[HOGO_JA] && voc_same_word(s, v->word[HOGO_JA])) return v;
        for (size_t k = 0; k < v->n_aliases; k++)
            if (voc_same_word(s, v->aliases[k])) return v;
    }
    return NULL;
}

const voc_field *voc_field_from_alias(const char *key)
{
    const voc_table *t = voc_get();
    for (size_t i = 0; key && i < t->n_fields; i++)
        for (size_t k = 0; k < t->fields[i].n_aliases; k++)
            if (!strcmp(key, t->fields[i].aliases[k])) return &t->fields[i];
    return NULL;
}

const voc_topic *voc_topic_find(const char *id)
{
    const voc_table *t = voc_get();
    for (size_t i = 0; id && i < t->n_topics; i++)
        if (!strcmp(t->topics[i].id, id)) return &t->topics[i];
    return NULL;
}

/* ---- the public face (include/hogo.h) ---- */

static const char *voc_pick(const char *const w[2], hogo_lang lang)
{
    return w[lang == HOGO_EN ? HOGO_EN : HOGO_JA];
}

const char *hogo_field_label(const char *path, hogo_lang lang)
{
    const voc_field *f = voc_field_find(path);
    return f ? voc_pick(f->word, lang) : NULL;
}

const char *hogo_field_hint(const char *path, hogo_lang lang)
{
    const voc_field *f = voc_field_find(path);
    return f ? voc_pick(f->hint, lang) : NULL;
}

const char *hogo_value_word(const char *path, const char *value, hogo_lang lang)
{
    const voc_value *v = voc_value_find(voc_field_find(path), value);
    return v ? voc_pick(v->word, lang) : NULL;
}

const char *hogo_topic_name(const char *topic, hogo_lang lang)
{
    const voc_topic *t = voc_topic_find(topic);
    return t ? voc_pick(t->word, lang) : NULL;
}

const char *hogo_topic_concern(const char *topic, hogo_lang lang)
{
    const voc_topic *t = voc_topic_find(topic);
    return t ? voc_pick(t->hint, lang) : NULL;
}

size_t hogo_field_count(void) { return voc_get()->n_fields; }

const char *hogo_field_path(size_t i)
{
    const voc_table *t = voc_get();
    return i < t->n_fields ? t->fields[i].path : NULL;
}

unsigned hogo_field_flags(const char *path)
{
    const voc_field *f = voc_field_find(path);
    return f ? f->flags | HOGO_FIELD_KNOWN : 0u;
}

const char *hogo_field_example(const char *path)
{
    const voc_field *f = voc_field_find(path);
    return f ? f->example : NULL;
}

/* ---- {label:PATH} in a rule's words ---- */

char *voc_expand(const char *text, hogo_lang lang, const char **bad)
{
    strbuf sb;
    sb_init(&sb);
    const char *p = text ? text : "";
    if (bad) *bad = NULL;
    for (;;) {
        const char *open = strstr(p, VOC_LABEL_OPEN);
        if (!open) { sb_puts(&sb, p); break; }
        const char *name = open + sizeof VOC_LABEL_OPEN - 1;
        const char *close = strchr(name, '}');
        sb_add(&sb, p, (size_t)(open - p));
        char path[VOC_PATH_MAX];
        size_t n = close ? (size_t)(close - name) : 0;
        const char *label = NULL;
        if (close && n < sizeof path) {
            memcpy(path, name, n);
            path[n] = '\0';
            label = hogo_field_label(path, lang);
        }
        if (label) {
            sb_puts(&sb, label);
            p = close + 1;
        } else {
            if (bad && !*bad) *bad = name;
            sb_add(&sb, open, 1);
            p = open + 1;
        }
    }
    if (sb_failed(&sb)) { sb_free(&sb); return NULL; }
    char *out = sb_steal(&sb);
    return out ? out : strdup("");
}

/* ---- the skeleton ---- */

static void voc_indent(strbuf *sb, int n)
{
    for (int i = 0; i < n; i++) sb_puts(sb, "  ");
}

/* 「（label）例：example」 as a JSON string. */
static void voc_hinted(strbuf *sb, const voc_field *f, const char *example_json)
{
    strbuf t;
    sb_init(&t);
    sb_printf(&t, "（%s）", f->word[HOGO_JA] ? f->word[HOGO_JA] : f->name);
    cJSON *ex = example_json ? cJSON_Parse(example_json) : NULL;
    if (cJSON_IsString(ex)) sb_printf(&t, "例：%s", ex->valuestring);
    cJSON_Delete(ex);
    sb_json_str(sb, sb_cstr(&t));
    if (sb_failed(&t)) sb->failed = 1;
    sb_free(&t);
}

static size_t voc_skel_object(strbuf *sb, const voc_table *t, size_t i, int depth, int indent,
                              const char *today, const char *deadline);

/* The value of field i; returns the index after its children. */
static size_t voc_skel_value(strbuf *sb, const voc_table *t, size_t i, int indent,
                             const char *today, const char *deadline)
{
    const voc_field *f = &t->fields[i];
    size_t next = i + 1;
    switch (f->kind) {
    case VOC_OBJECT:
        return voc_skel_object(sb, t, i + 1, f->depth + 1, indent, today, deadline);
    case VOC_LIST:
        sb_puts(sb, "[\n");
        voc_indent(sb, indent + 1);
        next = voc_skel_object(sb, t, i + 1, f->depth + 1, indent + 1, today, deadline);
        sb_puts(sb, "\n");
        voc_indent(sb, indent);
        sb_puts(sb, "]");
        return next;
    case VOC_TEXT:
        voc_hinted(sb, f, f->example);
        break;
    case VOC_STRINGS: {
        cJSON *ex = f->example ? cJSON_Parse(f->example) : NULL;
        if (f->n_values || !cJSON_IsArray(ex) || !cJSON_IsString(ex->child)) {
            sb_puts(sb, f->example ? f->example : "[]");
        } else {
            /* the first element carries the hint, the others are plain */
            sb_puts(sb, "[");
            char *first = cJSON_PrintUnformatted(ex->child);
            voc_hinted(sb, f, first);
            free(first);
            for (const cJSON *e = ex->child->next; e; e = e->next) {
                char *j = cJSON_PrintUnformatted(e);
                if (j) sb_printf(sb, ", %s", j);
                free(j);
            }
            sb_puts(sb, "]");
        }
        cJSON_Delete(ex);
        break;
    }
    case VOC_DATE: {
        /* the plan's own date is today; a date further in is a deadline, so a
         * fresh skeleton never holds an expired one.  An example that is not
         * a date (next_session) is written as it is. */
        char iso[11];
        cJSON *ex = f->example ? cJSON_Parse(f->example) : NULL;
        if (cJSON_IsString(ex) && !hogo_parse_date(ex->valuestring, iso)) sb_puts(sb, f->example);
        else sb_printf(sb, "\"%s\"", f->depth == 0 ? today : deadline);
        cJSON_Delete(ex);
        break;
    }
    default:
        sb_puts(sb, f->example ? f->example : "null");
        break;
    }
    /* children of a field that is not an object (none in the format) */
    while (next < t->n_fields && t->fields[next].depth > f->depth) next++;
    return next;
}

/* The fields from index i at depth, as one object; returns the index after them. */
static size_t voc_skel_object(strbuf *sb, const voc_table *t, size_t i, int depth, int indent,
                              const char *today, const char *deadline)
{
    sb_puts(sb, "{\n");
    int first = 1;
    while (i < t->n_fields && t->fields[i].depth == depth) {
        if (!first) sb_puts(sb, ",\n");
        first = 0;
        voc_indent(sb, indent + 1);
        sb_printf(sb, "\"%s\": ", t->fields[i].name);
        i = voc_skel_value(sb, t, i, indent + 1, today, deadline);
    }
    sb_puts(sb, "\n");
    voc_indent(sb, indent);
    sb_puts(sb, "}");
    return i;
}

char *voc_skeleton(const char *today, const char *deadline)
{
    const voc_table *t = voc_get();
    strbuf sb;
    sb_init(&sb);
    voc_skel_object(&sb, t, 0, 0, 0, today, deadline);
    sb_puts(&sb, "\n");
    if (sb_failed(&sb)) { sb_free(&sb); return NULL; }
    return sb_steal(&sb);
}

char *hogo_plan_skeleton(const char *today, const char *deadline)
{
    return voc_skeleton(today ? today : "2021-02-17", deadline ? deadline : "2021-03-31");
}
