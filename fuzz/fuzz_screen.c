/* fuzz_screen.c -- libFuzzer harness: plan bytes -> a full screen with the
 * built-in rule pack (loader, schema, the plan pushed into Lua, every rule,
 * ctx.report, waivers, scoring).  The engine is made once, as the CLI's
 * workers do, so state carried from plan to plan is fuzzed too.  A rule
 * error on some plan is a finding of the fuzzer only when it is not a
 * budget (a sound pack must not error on any valid plan): such an input is
 * reported with abort().  See fuzz/README.md. */
#include "hogo.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static hogo_engine *eng;

static void on_load_error(void *ud, hogo_status code, const char *msg)
{
    (void)ud; (void)code;
    fprintf(stderr, "fuzz_screen: the built-in pack did not load: %s\n", msg);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    hogo_options o;
    memset(&o, 0, sizeof o);
    o.today = "2021-02-17";
    if (hogo_engine_new(&o, &eng) != HOGO_OK) abort();
    hogo_engine_set_error_callback(eng, on_load_error, NULL);
    if (hogo_engine_load_builtin(eng) != HOGO_OK) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hogo_result *r = NULL;
    if (hogo_screen(eng, "fuzz.json", (const char *)data, size, &r) != HOGO_OK && !r) abort();
    if (!r) abort();
    for (size_t i = 0; i < r->n_findings; i++) {
        const hogo_finding *f = &r->findings[i];
        if (!f->rule || !f->path || !f->message[0] || !f->message[1] || !f->follow_up[0] || !f->follow_up[1] ||
            (unsigned)f->severity >= HOGO_SEVERITY_COUNT)
            abort();
    }
    for (size_t i = 0; i < r->n_rule_errors; i++) {
        const hogo_rule_error *e = &r->rule_errors[i];
        if (!e->rule || !e->file || !e->message) abort();
        if (getenv("HOGO_FUZZ_RULE_ERRORS") && !strstr(e->message, "budget")) {
            fprintf(stderr, "fuzz_screen: rule %s failed on a plan: %s\n", e->rule, e->message);
            abort();
        }
    }
    if (r->score < 0 || r->score > 100) abort();
    hogo_result_free(r);
    return 0;
}
