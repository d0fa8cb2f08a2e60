/* cli_profile.c -- hogo check --profile: where the time of a batch went.
 * Each worker's engine keeps its own figures (hogo_engine_stats); they are
 * summed here when the worker is done, with the time the CLI spent reading
 * files and writing reports, and printed to stderr after the reports. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t cli_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void cli_profile_init(cli_profile *p)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    p->start_ns = cli_now_ns();
}

void cli_profile_free(cli_profile *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->ids[i]);
    free(p->ids);
    free(p->rules);
    pthread_mutex_destroy(&p->mu);
}

/* The slot of rule id, added at the end the first time it is seen (the
 * engines of one run load the same pack, so this is a match on the index
 * nearly always). */
static hogo_rule_stats *prof_slot(cli_profile *p, size_t hint, const char *id)
{
    if (hint < p->n && !strcmp(p->ids[hint], id)) return &p->rules[hint];
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->ids[i], id)) return &p->rules[i];
    hogo_rule_stats *r = realloc(p->rules, (p->n + 1) * sizeof *r);
    if (!r) return NULL;
    p->rules = r;
    char **ids = realloc(p->ids, (p->n + 1) * sizeof *ids);
    if (!ids) return NULL;
    p->ids = ids;
    if (!(p->ids[p->n] = strdup(id))) return NULL;
    memset(&p->rules[p->n], 0, sizeof p->rules[p->n]);
    return &p->rules[p->n++];
}

void cli_profile_add(cli_profile *p, const hogo_engine *e, uint64_t read_ns, int worker)
{
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->read_ns += read_ns;
    p->workers += worker;
    hogo_engine_stats s;
    if (e && hogo_engine_stats_get(e, &s) == HOGO_OK) {
        p->eng.plans += s.plans;
        p->eng.load_ns += s.load_ns;
        p->eng.validate_ns += s.validate_ns;
        p->eng.convert_ns += s.convert_ns;
        p->eng.rules_ns += s.rules_ns;
        p->eng.finish_ns += s.finish_ns;
        p->eng.pack_ns += s.pack_ns;
        p->eng.pack_files += s.pack_files;
        p->eng.pack_precompiled += s.pack_precompiled;
        p->engines++;
        size_t n = hogo_engine_rule_count(e);
        for (size_t i = 0; i < n; i++) {
            hogo_rule_stats r;
            if (hogo_engine_rule_stats(e, i, &r) != HOGO_OK || (!r.calls && !r.skipped)) continue;
            hogo_rule_stats *t = prof_slot(p, i, hogo_engine_rule(e, i)->id);
            if (!t) continue;
            t->calls += r.calls;
            t->skipped += r.skipped;
            t->ns += r.ns;
            if (r.max_ns > t->max_ns) t->max_ns = r.max_ns;
        }
    }
    pthread_mutex_unlock(&p->mu);
}

static void prof_row(FILE *f, const char *what, uint64_t ns, uint64_t plans, uint64_t all)
{
    fprintf(f, "  %-28s %10.1f %10.1f %7.1f%%\n", what, (double)ns / 1e6,
            plans ? (double)ns / 1e3 / (double)plans : 0.0, all ? 100.0 * (double)ns / (double)all : 0.0);
}

typedef struct { uint64_t ns; size_t i; } prof_order;

static int prof_cmp(const void *a, const void *b)
{
    const prof_order *x = a, *y = b;
    if (x->ns != y->ns) return x->ns < y->ns ? 1 : -1;
    return x->i < y->i ? -1 : 1;
}

void cli_profile_print(const cli_profile *p, FILE *f)
{
    uint64_t wall = cli_now_ns() - p->start_ns, plans = p->eng.plans;
    const hogo_engine_stats *s = &p->eng;
    uint64_t all = p->read_ns + s->load_ns + s->validate_ns + s->convert_ns + s->rules_ns +
                   s->finish_ns + p->report_ns;
    fprintf(f, "\nhogo profile: %llu plans in %.3f s (wall) with %d worker%s; the times below are\n"
               "wall-clock, summed over the workers\n",
            (unsigned long long)plans, (double)wall / 1e9, p->workers ? p->workers : 1,
            p->workers > 1 ? "s" : "");
    fprintf(f, "  %-28s %10s %10s %8s\n", "stage", "total ms", "us/plan", "share");
    prof_row(f, "read the files", p->read_ns, plans, all);
    prof_row(f, "input checks + JSON parse", s->load_ns, plans, all);
    prof_row(f, "validate (the format)", s->validate_ns, plans, all);
    prof_row(f, "plan -> Lua", s->convert_ns, plans, all);
    prof_row(f, "rules", s->rules_ns, plans, all);
    prof_row(f, "sort, waivers, score, free", s->finish_ns, plans, all);
    prof_row(f, "write the reports", p->report_ns, plans, all);
    /* before the plans, once an engine: not in the shares above */
    if (s->pack_files && p->engines)
        fprintf(f, "  the rule pack: %llu files loaded in %.1f ms an engine (%llu engine%s), %llu of them "
                   "from the build's bytecode\n",
                (unsigned long long)(s->pack_files / p->engines), (double)s->pack_ns / 1e6 / (double)p->engines,
                (unsigned long long)p->engines, p->engines > 1 ? "s" : "",
                (unsigned long long)(s->pack_precompiled / p->engines));
    /* before the plans, on one thread: the first walk finds them all (and
     * reads each JSON file's start to tell a plan from other JSON) */
    if (p->walk_files)
        fprintf(f, "  finding the plans: %llu found in %.1f ms before the first was screened (one thread)\n",
                (unsigned long long)p->walk_files, (double)p->walk_ns / 1e6);
    if (!p->n) return;
    prof_order *order = malloc(p->n * sizeof *order);
    if (!order) return;
    for (size_t i = 0; i < p->n; i++) order[i] = (prof_order){ p->rules[i].ns, i };
    qsort(order, p->n, sizeof *order, prof_cmp);
    fprintf(f, "  rules by time (a library's once-per-plan work counts for the first rule that asks)\n");
    fprintf(f, "  %-36s %8s %8s %10s %9s %9s %7s\n", "rule", "calls", "skipped", "total ms", "mean us", "max us",
            "share");
    for (size_t k = 0; k < p->n; k++) {
        const hogo_rule_stats *r = &p->rules[order[k].i];
        fprintf(f, "  %-36s %8llu %8llu %10.1f %9.1f %9.1f %6.1f%%\n", p->ids[order[k].i],
                (unsigned long long)r->calls, (unsigned long long)r->skipped,
                (double)r->ns / 1e6, r->calls ? (double)r->ns / 1e3 / (double)r->calls : 0.0,
                (double)r->max_ns / 1e3, s->rules_ns ? 100.0 * (double)r->ns / (double)s->rules_ns : 0.0);
    }
    free(order);
}
