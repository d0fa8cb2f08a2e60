/* vocab.h -- the plan format's words, read once from the compiled-in schema
 * (voc_ prefix).
 *
 * docs/plan.schema.json is the one home of the words of the plan format: each
 * property's "x-hogo" (Japanese and English label, hint, the Japanese keys
 * staff write for it, whether rules read it as prose, an example), each enum
 * value's "x-hogo-values" and the root's "x-hogo-topics".  vocab.c reads them
 * into the tables below on first use (pthread_once), and never changes them
 * after: every thread may read them without a lock.  The public face is in
 * include/hogo.h (hogo_field_label, hogo_value_word, hogo_topic_name, ...).
 */
#ifndef HOGO_VOCAB_H
#define HOGO_VOCAB_H
#include "hogo.h"

#include <stddef.h>
#include <cjson/cJSON.h>

/* What a field holds (its first non-null form, for the skeleton and the docs). */
typedef enum {
    VOC_OBJECT = 1, VOC_LIST,      /* an object; an array of objects */
    VOC_STRINGS, VOC_TEXT,         /* an array of strings or choices; free text */
    VOC_DATE, VOC_DURATION, VOC_CHOICE, VOC_CONST,
    VOC_COUNT, VOC_NUMBER, VOC_FLAG, VOC_ANY
} voc_kind;

typedef struct {
    const char *value;             /* "outsourcing" */
    const char *word[2];           /* [HOGO_JA], [HOGO_EN] */
    const char *const *aliases;    /* words staff write for it */
    size_t n_aliases;
} voc_value;

typedef struct {
    const char *path;              /* "storage.location" (no indices) */
    const char *list_path;         /* "storage[].location" (an array of objects marked) */
    const char *name;              /* "location": the key */
    const char *word[2];           /* the label */
    const char *hint[2];           /* NULL when none */
    const char *const *aliases;    /* the Japanese keys staff write for it */
    size_t n_aliases;
    const char *example;           /* JSON text, or NULL */
    const char *text_field;        /* prose: the short name hogo.text_fields reports */
    unsigned flags;                /* HOGO_FIELD_* (include/hogo.h) */
    voc_kind kind;
    int depth;                     /* 0 at the top of the plan */
    int prose_below;               /* a prose field is this one or inside it */
    const voc_value *values;       /* the choices, in the schema's order */
    size_t n_values;
} voc_field;

typedef struct {
    const char *id;                /* "storage.location" */
    const char *word[2];           /* 保管場所 / Storage location */
    const char *hint[2];           /* the council's concern */
} voc_topic;

typedef struct {
    const voc_field *fields;       /* depth first, in the schema's order */
    size_t n_fields;
    const voc_topic *topics;
    size_t n_topics;
} voc_table;

/* The tables (never NULL: an unreadable schema gives empty tables, and the
 * ctest vocab.gaps fails long before). */
const voc_table *voc_get(void);
/* The compiled-in schema as parsed for the tables (read-only, for the life
 * of the process; NULL if it could not be parsed). */
const cJSON *voc_schema_doc(void);

/* A field by path: "storage.location", "storage[].location", "storage[0].location"
 * or a JSON pointer "/storage/0/location"; NULL when the format has no such field. */
const voc_field *voc_field_find(const char *path);

/* The value `value` of field f (NULL: not one of its choices). */
const voc_value *voc_value_find(const voc_field *f, const char *value);

/* The choice of field f that the word s stands for: one of its values'
 * aliases or Japanese words (ASCII letters compared without case, so "Lgwan"
 * is "lgwan"); NULL when none. */
const voc_value *voc_value_from_word(const voc_field *f, const char *s);

/* The field whose Japanese key alias is `key` ("保存期間" -> retention.period). */
const voc_field *voc_field_from_alias(const char *key);

const voc_topic *voc_topic_find(const char *id);

/* "storage.location" from any of the spellings voc_field_find accepts (indices
 * and "[]" dropped); 0 when it does not fit in cap. */
int voc_norm_path(const char *path, char *out, size_t cap);

/* text with each {label:PATH} replaced by the label of field PATH in lang
 * (a rule's words name a field as a reader knows it: {label:access.logging}
 * -> アクセス記録（ログ）).  A PATH the format does not have: *bad is set to
 * it (a pointer into text) and it stays as written.  malloc'd; NULL on OOM. */
char *voc_expand(const char *text, hogo_lang lang, const char **bad);
#define VOC_LABEL_OPEN "{label:"

/* The plan skeleton of `hogo init` (malloc'd JSON text; NULL on OOM): every
 * field of the format, free text as 「（label）例：example」, other fields
 * their example; `today` for the plan's date and `deadline` for the other
 * dates (a waiver's expiry: never expired when written). */
char *voc_skeleton(const char *today, const char *deadline);
#endif
