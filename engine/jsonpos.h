/* jsonpos.h -- where things are in a JSON text (jpos_ prefix).
 *
 * cJSON keeps no positions, yet every finding and input error must name a
 * line and column.  jpos scans the same text once (lazily, only when a
 * position is asked for) into a flat index of values, then answers "where is
 * /storage/0/location" and "which value holds byte 1234" without re-reading. */
#ifndef HOGO_JSONPOS_H
#define HOGO_JSONPOS_H
#include <stddef.h>
#include <stdint.h>

typedef struct jpos jpos;

/* Index text[0..len).  start is where the JSON begins (after a BOM).
 * Returns NULL on out of memory; a malformed text yields a partial index. */
jpos *jpos_build(const char *text, size_t len, size_t start);
void  jpos_free(jpos *p);

/* Byte offset to 1-based line and column (columns count code points). */
void  jpos_linecol(const jpos *p, size_t off, int *line, int *col);

/* Resolve an RFC 6901 pointer to the offset of its value.  When a part is
 * missing, resolves to the deepest existing ancestor; *exact says which. */
size_t jpos_resolve(const jpos *p, const char *pointer, int *exact);

/* The pointer of the innermost value that spans off (malloc'd, "" = root). */
char *jpos_pointer_at(const jpos *p, size_t off);

/* A syntax check with a message a person can act on ("expected ',' or '}'").
 * Returns 1 if the text is well-formed; otherwise fills msg and *off. */
int jpos_syntax_error(const char *text, size_t len, size_t start, char *msg, size_t msglen, size_t *off);

/* jpos_syntax_error that, for a well-formed text, also leaves in *index the
 * index jpos_build would make of it (NULL when memory ran out): the check
 * walks every value anyway, and the findings of nearly every plan need
 * positions, so the text is not walked a second time for them. */
int jpos_syntax_index(const char *text, size_t len, size_t start, char *msg, size_t msglen, size_t *off, jpos **index);
#endif
