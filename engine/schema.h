/* schema.h -- a small JSON Schema validator (schema_ prefix) for the plan
 * format: it interprets the subset of draft 2020-12 that docs/plan.schema.json
 * uses, over a cJSON tree, and reports each problem with a JSON pointer.
 *
 * Supported keywords (anything else in the schema is refused at compile time,
 * so a constraint is never silently ignored):
 *   assertions   type (a name or an array of: object, array, string, integer,
 *                number, boolean, null), enum, const, properties, required,
 *                items (a single schema), minimum, maximum, anyOf,
 *                format ("hogo-date", "hogo-duration"), $ref ("#" or
 *                "#/$defs/NAME"; siblings of $ref may only be annotations)
 *   annotations  $schema, $id, $comment, title, description, examples,
 *                default, deprecated, readOnly, writeOnly; $defs at the root
 *   subschemas may also be the booleans true (anything) and false (nothing).
 *
 * Beyond the schema, every document gets these checks: a duplicate key in any
 * object is an error, a number that is not finite (1e999) is an error, and a
 * key that the governing "properties" does not list is a warning (extensions
 * are allowed; the message suggests a known key within edit distance 2).
 * "integer" means a whole number with |n| <= 2^53.
 *
 * A compiled schema is immutable: share it read-only between threads. */
#ifndef HOGO_SCHEMA_H
#define HOGO_SCHEMA_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "hogo.h"

typedef struct schema schema;

/* Parse the schema text (need not be NUL-terminated). NULL on error, with a message in err. */
schema *schema_compile(const char *text, size_t len, char *err, size_t errlen);
/* The same of a schema parsed already, which the caller keeps (unchanged)
 * for as long as the schema lives: the engine's is the vocabulary's parse
 * of the compiled-in schema (voc_schema_doc), parsed once per process. */
schema *schema_compile_doc(const cJSON *doc, char *err, size_t errlen);
void schema_free(schema *s);

/* message[HOGO_JA] and message[HOGO_EN]: errors are composed in the lang given
 * to schema_validate (both entries are that text); warnings in both languages.
 * pointer: RFC 6901 JSON pointer of the offending value ("" = root); for a missing required
 * field it is the pointer of the object that lacks it and the message names the field.
 * warning: 0 for errors that make the plan unreadable; 1 for an unknown key (an
 * extension, allowed); 2 for an unknown key that looks like a slip: a known key within
 * edit distance 2 ('unknown key "strage" (did you mean "storage"?)') or a Japanese
 * label that names a field ('the key "保存期間" is a Japanese label ...: "retention": {"period": …}').  Both strings are only valid during the call. */
typedef void (*schema_report_fn)(void *ud, const char *pointer, const char *const message[2], int warning);

/* Returns the number of errors (not warnings) reported.  fn may be NULL (count only).
 * Running out of memory is reported as an error at "" and ends the walk. */
int schema_validate(const schema *s, const cJSON *doc, hogo_lang lang, schema_report_fn fn, void *ud);
#endif
