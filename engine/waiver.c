/* waiver.c -- the secretariat's approvers and waivers, held by an engine
 * (see waiver.h).  Names are compared trimmed of white space (ASCII and the
 * ideographic space), as a staffer types them; nothing else is folded, so
 * 「審議会」 does not approve what 「第3回審議会」 did. */
#include "engine_int.h"
#include "waiver.h"

#include <stdlib.h>
#include <string.h>

struct wv_set {
    char **approvers; size_t n_approvers;
    hogo_waiver *waivers; size_t n_waivers;
};

static char *wv_dup(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* s without leading and trailing spaces: *len bytes from the return value. */
static const char *wv_trim(const char *s, size_t *len)
{
    size_t n = strlen(s);
    for (;;) {
        if (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) { s++; n--; continue; }
        if (n >= 3 && !memcmp(s, "\xE3\x80\x80", 3)) { s += 3; n -= 3; continue; }
        break;
    }
    for (;;) {
        if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) { n--; continue; }
        if (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) { n -= 3; continue; }
        break;
    }
    *len = n;
    return s;
}

static wv_set *wv_of(hogo_engine *e)
{
    if (!e->owners) e->owners = calloc(1, sizeof *e->owners);
    return e->owners;
}

hogo_status hogo_engine_add_approver(hogo_engine *e, const char *name)
{
    if (!e || !name) return HOGO_EINVAL;
    size_t n;
    const char *t = wv_trim(name, &n);
    if (!n) return HOGO_EINVAL;
    wv_set *w = wv_of(e);
    if (!w) return HOGO_ENOMEM;
    char **v = realloc(w->approvers, (w->n_approvers + 1) * sizeof *v);
    if (!v) return HOGO_ENOMEM;
    w->approvers = v;
    if (!(v[w->n_approvers] = malloc(n + 1))) return HOGO_ENOMEM;
    memcpy(v[w->n_approvers], t, n);
    v[w->n_approvers++][n] = '\0';
    return HOGO_OK;
}

hogo_status hogo_engine_add_waiver(hogo_engine *e, const hogo_waiver *src)
{
    if (!e || !src || !src->plan || !src->rule || !src->reason || !src->reason[0]) return HOGO_EINVAL;
    wv_set *w = wv_of(e);
    if (!w) return HOGO_ENOMEM;
    hogo_waiver *v = realloc(w->waivers, (w->n_waivers + 1) * sizeof *v);
    if (!v) return HOGO_ENOMEM;
    w->waivers = v;
    hogo_waiver *d = &v[w->n_waivers];
    d->plan = wv_dup(src->plan);
    d->rule = wv_dup(src->rule);
    d->reason = wv_dup(src->reason);
    d->approved_by = wv_dup(src->approved_by);
    d->expires = wv_dup(src->expires);
    if (!d->plan || !d->rule || !d->reason || (src->approved_by && !d->approved_by) || (src->expires && !d->expires)) {
        free((char *)d->plan); free((char *)d->rule); free((char *)d->reason);
        free((char *)d->approved_by); free((char *)d->expires);
        return HOGO_ENOMEM;
    }
    w->n_waivers++;
    return HOGO_OK;
}

void wv_free(wv_set *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->n_approvers; i++) free(w->approvers[i]);
    free(w->approvers);
    for (size_t i = 0; i < w->n_waivers; i++) {
        hogo_waiver *d = &w->waivers[i];
        free((char *)d->plan); free((char *)d->rule); free((char *)d->reason);
        free((char *)d->approved_by); free((char *)d->expires);
    }
    free(w->waivers);
    free(w);
}

int wv_approver(const wv_set *w, const char *name)
{
    if (!w || !name) return 0;
    size_t n;
    const char *t = wv_trim(name, &n);
    for (size_t i = 0; i < w->n_approvers; i++)
        if (strlen(w->approvers[i]) == n && !memcmp(w->approvers[i], t, n)) return 1;
    return 0;
}

const hogo_waiver *wv_for_plan(const wv_set *w, const char *id, size_t *i)
{
    if (!w || !id) return NULL;
    for (; *i < w->n_waivers; (*i)++)
        if (!strcmp(w->waivers[*i].plan, id)) return &w->waivers[(*i)++];
    return NULL;
}
