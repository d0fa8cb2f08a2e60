/* fuzz_plan_load.c -- libFuzzer harness: plan bytes -> the loader and the
 * validator (size, NUL, UTF-8, nesting, cJSON, the strict JSON check, the
 * schema, positions of every error), through hogo_screen with no rule
 * loaded.  See fuzz/README.md. */
#include "hogo.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static hogo_engine *eng;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.today = "2021-02-17";
    if (hogo_engine_new(&o, &eng) != HOGO_OK) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hogo_result *r = NULL;
    /* hogo_screen must take any bytes, not only NUL-terminated ones: the
     * buffer libFuzzer hands over ends exactly at size */
    if (hogo_screen(eng, "fuzz.json", (const char *)data, size, &r) != HOGO_OK && !r) abort();
    if (!r) abort();
    /* the result is whole: every error placed and worded */
    for (size_t i = 0; i < r->n_errors; i++) {
        const hogo_input_error *e = &r->errors[i];
        if (!e->path || !e->message || !e->message[0] || e->line < 0 || e->column < 0) abort();
    }
    if (r->screened && r->n_errors) abort();
    for (size_t i = 0; i < r->n_findings; i++)
        if (!r->findings[i].rule || !r->findings[i].path || !r->findings[i].message[0]) abort();
    hogo_result_free(r);
    return 0;
}
