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

typedef struct schema schema;

/* Parse the schema text (need not be NUL-terminated). NULL on error, with a message in err. */
schema *schema_compile(const char *text, size_t len, char *err, size_t errlen);
void schema_free(schema *s);

/* pointer: RFC 6901 JSON pointer of the offending value ("" = root); for a missing required
 * field it is the pointer of the object that lacks it and the message names the field.
 * warning: 1 for things that are allowed but suspicious (an unknown key: message says
 * 'unknown key "strage" (did you mean "storage"?)' when a known key is within edit distance 2),
 * 0 for errors that make the plan unreadable.  Both strings are only valid during the call. */
typedef void (*schema_report_fn)(void *ud, const char *pointer, const char *message, int warning);

/* Returns the number of errors (not warnings) reported.  fn may be NULL (count only).
 * Running out of memory is reported as an error at "" and ends the walk. */
int schema_validate(const schema *s, const cJSON *doc, schema_report_fn fn, void *ud);
#endif
