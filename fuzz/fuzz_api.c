/* fuzz_api.c -- libFuzzer harness: the library API on buffers that are not
 * NUL-terminated.  The first byte chooses the call; the rest is copied into
 * a malloc of exactly its size, so under ASan a read one byte past the end
 * stops the fuzzer (a C string's terminator would hide it):
 *   0  hogo_screen with no rule (the loader, the schema, every position)
 *   1  hogo_normalize
 *   2  hogo_parse_date and hogo_parse_duration (C strings: a terminated copy)
 *   3  hogo_engine_load_rule of the bytes as a rule file, then a screen of a
 *      small plan with it (the sandbox's load and run paths, budgets on)
 * See fuzz/README.md. */
#include "hogo.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static hogo_engine *bare;

static const char fuzz_plan[] =
    "{\"format\":\"hogo-plan/1\",\"title\":\"t\",\"department\":\"d\",\"consultation\":{\"kind\":\"system\"},"
    "\"storage\":[{\"what\":\"w\",\"location\":\"cloud\"}]}";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.today = "2021-02-17";
    o.rule_instructions = 2000000;        /* a fuzzed rule that loops ends soon */
    if (hogo_engine_new(&o, &bare) != HOGO_OK) abort();
    return 0;
}

static void fuzz_rule(const char *buf, size_t len)
{
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.today = "2021-02-17";
    o.rule_instructions = 2000000;
    o.rule_memory = 4u << 20;
    hogo_engine *e;
    if (hogo_engine_new(&o, &e) != HOGO_OK) abort();
    hogo_engine_load_rule(e, "fuzz.lua", buf, len);
    /* a plan copied exactly too */
    size_t pl = sizeof fuzz_plan - 1;
    char *plan = malloc(pl);
    if (!plan) abort();
    memcpy(plan, fuzz_plan, pl);
    hogo_result *r = NULL;
    if (hogo_screen(e, "plan.json", plan, pl, &r) != HOGO_OK && !r) abort();
    if (!r) abort();
    for (size_t i = 0; i < r->n_rule_errors; i++)
        if (!r->rule_errors[i].rule || !r->rule_errors[i].file || !r->rule_errors[i].message) abort();
    if (r->n_rule_errors && r->verdict == HOGO_APPROVE) abort();   /* never approve an incomplete screen */
    hogo_result_free(r);
    free(plan);
    hogo_engine_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int mode = data[0] % 4;
    size_t len = size - 1;
    char *buf = malloc(len ? len : 1);
    if (!buf) abort();
    memcpy(buf, data + 1, len);
    if (mode == 0) {
        hogo_result *r = NULL;
        if (hogo_screen(bare, "fuzz.json", buf, len, &r) != HOGO_OK && !r) abort();
        if (!r) abort();
        for (size_t i = 0; i < r->n_errors; i++) if (!r->errors[i].path || !r->errors[i].message) abort();
        hogo_result_free(r);
    } else if (mode == 1) {
        char *n = hogo_normalize(buf, len);
        free(n);
    } else if (mode == 2) {
        char *s = malloc(len + 1), iso[11];
        if (!s) abort();
        memcpy(s, buf, len);
        s[len] = '\0';
        long days;
        if (hogo_parse_date(s, iso) && (strlen(iso) != 10 || iso[4] != '-')) abort();
        hogo_parse_duration(s, &days);
        free(s);
    } else {
        fuzz_rule(buf, len);
    }
    free(buf);
    return 0;
}
