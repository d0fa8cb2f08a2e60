/* cli_walk.c -- finding the plan files named by the command line, one at a
 * time, in the order of the reports, without holding every name.
 *
 * A walk takes every *.json (any case of the extension: Windows saves
 * PLAN.JSON) below a directory, sorted, and says on stderr what it passes
 * over that a person might expect it to read: JSON files that are not plans
 * (no "format": "hogo-plan/..." at the top level, e.g. package.json), files
 * named like a plan that will not be read (plan.json.txt, PLAN.JSON.bak),
 * special files (a FIFO is never opened: it would block), and links back to
 * a directory already walked (remembered by device and inode, so a symlink
 * loop ends).  node_modules, .git and hidden directories are skipped
 * silently; --exclude GLOB skips what matches (by name or by path).  Files
 * named on the command line are always plans.
 *
 * Memory: a directory's names are read HOGO_WALK_NAMES at a time -- the next
 * ones in sorted order after the last name taken -- so a directory of
 * 100,000 plans costs the memory of a few thousand names (one readdir pass
 * per HOGO_WALK_NAMES names taken; a directory that fits is read once, as it
 * always was).  A directory of more than HOGO_WALK_NAMES x HOGO_WALK_READS
 * names is taken 1/HOGO_WALK_READS of them at a time instead, so the passes
 * stay few (the time of a walk linear in its names, not quadratic: a million
 * names, 64 passes instead of 245) for memory that grows at 1/64 of the
 * names' (about 0.6 MB for a million).  Only the open directories of the current path (at most
 * 33 deep) hold names.
 *
 * Whether a JSON file is a plan is decided by reading its start
 * (walk_is_plan): the first walk does that and keeps each answer as a bit
 * (the tape: 12.5 KB for 100,000 files), so the second walk of a big batch
 * replays them instead of opening every file again -- a file was opened
 * three times before it was screened once, and the second walk runs under
 * the workers' lock. */
#include "cli.h"
#include "hogo_limits.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define WALK_MAX_DEPTH 32        /* directories below an argument */
#define WALK_CHUNK_BYTES 65536   /* names are packed into chunks of this size */

typedef struct { dev_t dev; ino_t ino; } walk_dirid;

/* Names packed one after another: no malloc per name, and pointers into a
 * chunk stay valid while more names are added. */
typedef struct walk_chunk { struct walk_chunk *next; size_t used; char text[]; } walk_chunk;

/* One open directory of the walk: the next names to take, in order. */
typedef struct {
    char *dir;                   /* its path as the names are joined to it */
    int depth;
    int read;                    /* read at least once */
    int more;                    /* names after names[n - 1] were left unread */
    size_t keep;                 /* names taken from each pass (set by the first) */
    char last[NAME_MAX + 1];     /* the last name taken: the next read starts after it */
    int has_last;
    char **names; size_t n, pos, cap;
    walk_chunk *chunks;
} walk_dir;

struct cli_walk_tape {
    unsigned char *bits;
    size_t n, cap;               /* answers kept; bytes of bits */
    size_t pos;                  /* the next answer a replay reads */
};

struct cli_walk {
    const cli_opts *o;
    cli_walk_tape *tape;         /* answers kept (first walk) or replayed (second) */
    int replay;
    int notices;                 /* say on stderr what is passed over */
    const char *const *paths; int n_paths, next_arg;
    walk_dir *stack; int depth, cap;
    walk_dirid *seen; size_t n_seen, cap_seen;
    char path[PATH_MAX];         /* the path cli_walk_next returned last */
};

static void walk_notice(const cli_walk *w, const char *path, const char *ja, const char *en)
{
    if (!w->notices) return;
    fprintf(stderr, "hogo: %s: %s\n", hogo_term(path), w->o && w->o->lang == HOGO_EN ? en : ja);
}

/* 1 if the directory was walked already (and remember it if not). */
static int walk_seen_dir(cli_walk *w, const struct stat *st)
{
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino) return 1;
    if (w->n_seen == w->cap_seen) {
        size_t c = w->cap_seen ? w->cap_seen * 2 : 32;
        walk_dirid *v = realloc(w->seen, c * sizeof *v);
        if (!v) return 1;                 /* out of memory: do not descend */
        w->seen = v;
        w->cap_seen = c;
    }
    w->seen[w->n_seen].dev = st->st_dev;
    w->seen[w->n_seen++].ino = st->st_ino;
    return 0;
}

static int walk_ends_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* A name that looks like a plan but will not be read: ".json" inside it, not at its end. */
static int walk_near_plan(const char *name)
{
    for (const char *p = name; (p = strchr(p, '.')); p++)
        if (strncasecmp(p, ".json", 5) == 0 && p[5] != '\0') return 1;
    return 0;
}

static int walk_excluded(const cli_opts *o, const char *path, const char *name)
{
    for (int i = 0; o && i < o->n_exclude; i++)
        if (fnmatch(o->exclude[i], name, 0) == 0 || fnmatch(o->exclude[i], path, 0) == 0) return 1;
    return 0;
}

/* Is this JSON file a plan?  Cheap first: "hogo-plan/" in its first 64 KiB.
 * Otherwise a file that parses as JSON is a plan only if its top level has a
 * plan's own key (format, title, department, consultation); a file that does
 * not parse is taken as a plan, so its errors are reported, not hidden. */
static int walk_is_plan(const char *path, off_t size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return 1;                 /* let the screen report why */
    char buf[65536];
    size_t n = 0;
    for (;;) {
        ssize_t got = read(fd, buf + n, sizeof buf - n);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        n += (size_t)got;
        /* (the size stat gave: no read to find the end; a file that grows
         * meanwhile is judged by its start, as a long one is) */
        if (n == sizeof buf || (size > 0 && n >= (size_t)size)) break;
    }
    close(fd);
    for (size_t i = 0; i + 10 <= n; i++)
        if (buf[i] == 'h' && !memcmp(buf + i, "hogo-plan/", 10)) return 1;
    if (n == sizeof buf) return 1;
    cJSON *root = cJSON_ParseWithLength(buf, n);
    if (!root) return 1;
    /* a plan that forgot its "format" line is still a plan: its error is
     * reported, not passed over */
    int plan = cJSON_IsObject(root) &&
               (cJSON_HasObjectItem(root, "format") || cJSON_HasObjectItem(root, "title") ||
                cJSON_HasObjectItem(root, "department") || cJSON_HasObjectItem(root, "consultation"));
    cJSON_Delete(root);
    return plan;
}

/* ---- the tape of answers ---- */

/* Keep answer `plan` (a first walk; nothing when out of memory: the tape
 * is then dropped, and the second walk reads the files again). */
static void walk_tape_add(cli_walk *w, int plan)
{
    cli_walk_tape *t = w->tape;
    if (!t) return;
    if (t->n / 8 == t->cap) {
        size_t c = t->cap ? t->cap * 2 : 256;
        unsigned char *b = realloc(t->bits, c);
        if (!b) { cli_walk_tape_free(t); w->tape = NULL; return; }
        memset(b + t->cap, 0, c - t->cap);
        t->bits = b;
        t->cap = c;
    }
    if (plan) t->bits[t->n / 8] |= (unsigned char)(1u << (t->n % 8));
    t->n++;
}

/* Is the file at path (size bytes) a plan: replayed from the tape, or read
 * (and kept).  A replay that runs past the tape (files added since) reads. */
static int walk_plan(cli_walk *w, const char *path, off_t size)
{
    cli_walk_tape *t = w->tape;
    if (w->replay && t && t->pos < t->n) {
        size_t i = t->pos++;
        return (t->bits[i / 8] >> (i % 8)) & 1;
    }
    int plan = walk_is_plan(path, size);
    if (!w->replay) walk_tape_add(w, plan);
    return plan;
}

cli_walk_tape *cli_walk_tape_take(cli_walk *w)
{
    cli_walk_tape *t = w ? w->tape : NULL;
    if (w) w->tape = NULL;
    return t;
}

void cli_walk_replay(cli_walk *w, cli_walk_tape *t)
{
    if (!w) { cli_walk_tape_free(t); return; }
    cli_walk_tape_free(w->tape);
    w->tape = t;
    w->replay = 1;
    if (t) t->pos = 0;
}

void cli_walk_tape_free(cli_walk_tape *t)
{
    if (!t) return;
    free(t->bits);
    free(t);
}

/* ---- a directory's next names ---- */

static void walk_chunks_free(walk_chunk *c)
{
    while (c) {
        walk_chunk *next = c->next;
        free(c);
        c = next;
    }
}

/* A copy of s (len bytes and a NUL) in the chunks, or NULL. */
static char *walk_store(walk_chunk **head, const char *s, size_t len)
{
    walk_chunk *c = *head;
    size_t room = WALK_CHUNK_BYTES - sizeof *c;
    if (!c || room - c->used < len + 1) {
        c = malloc(WALK_CHUNK_BYTES);
        if (!c) return NULL;
        c->next = *head;
        c->used = 0;
        *head = c;
    }
    char *p = c->text + c->used;
    memcpy(p, s, len + 1);
    c->used += len + 1;
    return p;
}

static int walk_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Keep the first f->keep names (sorted), moved to fresh chunks so the
 * rest's bytes are freed. */
static int walk_prune(walk_dir *f)
{
    qsort(f->names, f->n, sizeof *f->names, walk_cmp);
    if (f->n <= f->keep) return 1;
    walk_chunk *fresh = NULL;
    for (size_t i = 0; i < f->keep; i++)
        if (!(f->names[i] = walk_store(&fresh, f->names[i], strlen(f->names[i])))) {
            walk_chunks_free(fresh);
            return 0;
        }
    walk_chunks_free(f->chunks);
    f->chunks = fresh;
    f->n = f->keep;
    f->more = 1;
    return 1;
}

/* Read the directory once: its next f->keep names after f->last, sorted.
 * Names are gathered up to half as many again, then the smallest f->keep are
 * kept and anything not below the largest kept name is passed over, so a
 * pass costs O(entries) comparisons and O(f->keep) memory.  0 when
 * the directory cannot be read (it is then left, as an unreadable directory
 * always was) or memory runs out. */
static int walk_fill(walk_dir *f)
{
    walk_chunks_free(f->chunks);
    f->chunks = NULL;
    f->n = f->pos = 0;
    f->more = 0;
    int first = !f->read;
    f->read = 1;
    if (first) f->keep = HOGO_WALK_NAMES;
    size_t names = 0;                    /* the directory's, counted by the first pass */
    DIR *d = opendir(f->dir);
    if (!d) return 0;
    const char *bound = NULL;            /* names >= bound are not among the next */
    int ok = 1;
    struct dirent *de;
    while (ok && (de = readdir(d))) {
        const char *nm = de->d_name;
        if (nm[0] == '.') continue;                          /* hidden, . and .. */
        if (!strcmp(nm, "node_modules")) continue;
        names++;
        if (f->has_last && strcmp(nm, f->last) <= 0) continue;
        if (bound && strcmp(nm, bound) >= 0) { f->more = 1; continue; }
        if (f->n == f->cap) {
            size_t c = f->cap ? f->cap * 2 : 64;
            char **v = realloc(f->names, c * sizeof *v);
            if (!v) { ok = 0; break; }
            f->names = v;
            f->cap = c;
        }
        if (!(f->names[f->n] = walk_store(&f->chunks, nm, strlen(nm)))) { ok = 0; break; }
        if (++f->n == f->keep + f->keep / 2) {
            ok = walk_prune(f);
            bound = f->names[f->n - 1];
        }
    }
    closedir(d);
    if (first && names / HOGO_WALK_READS > f->keep) f->keep = names / HOGO_WALK_READS;   /* later passes */
    return ok && walk_prune(f);
}

static void walk_dir_free(walk_dir *f)
{
    walk_chunks_free(f->chunks);
    free(f->names);
    free(f->dir);
}

/* Open dir (an argument, or a directory met at depth) for the walk; a
 * directory too deep is not entered, as before. */
static void walk_push(cli_walk *w, const char *dir, int depth)
{
    if (depth > WALK_MAX_DEPTH) return;
    if (w->depth == w->cap) {
        int c = w->cap ? w->cap * 2 : 8;
        walk_dir *v = realloc(w->stack, (size_t)c * sizeof *v);
        if (!v) return;
        w->stack = v;
        w->cap = c;
    }
    walk_dir *f = &w->stack[w->depth];
    memset(f, 0, sizeof *f);
    if (!(f->dir = strdup(dir))) return;
    f->depth = depth;
    w->depth++;
}

/* The next name of the innermost open directory, or NULL when it is done
 * (it is then closed). */
static const char *walk_next_name(cli_walk *w)
{
    walk_dir *f = &w->stack[w->depth - 1];
    if (f->pos == f->n && (!f->read || f->more) && !walk_fill(f)) f->n = f->pos = 0;
    if (f->pos == f->n) {
        walk_dir_free(f);
        w->depth--;
        return NULL;
    }
    const char *name = f->names[f->pos++];
    size_t len = strlen(name);
    memcpy(f->last, name, len + 1);      /* a name is at most NAME_MAX bytes */
    f->has_last = 1;
    return f->last;
}

/* ---- the walk ---- */

cli_walk *cli_walk_new(const cli_opts *o, const char *const *paths, int n, int notices)
{
    cli_walk *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->o = o;
    w->notices = notices;
    w->paths = paths;
    w->n_paths = n;
    w->tape = calloc(1, sizeof *w->tape);   /* NULL: answers are not kept */
    return w;
}

/* What an entry met in a directory is: the path (in w->path) of a plan to
 * read, or nothing (a subdirectory is opened, what is passed over is said). */
static int walk_entry(cli_walk *w, const char *dir, int depth, const char *entry)
{
    char *path = w->path;
    snprintf(path, sizeof w->path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", entry);
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (walk_excluded(w->o, path, name)) return 0;
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    if (S_ISDIR(st.st_mode)) {
        if (walk_seen_dir(w, &st))
            walk_notice(w, path, "既に読んだフォルダへのリンクのため、たどりません",
                        "a link to a directory already walked; not followed");
        else
            walk_push(w, path, depth + 1);
        return 0;
    }
    if (walk_ends_ci(name, ".json")) {
        if (walk_ends_ci(name, ".test.json")) return 0;      /* a rule's tests (hogo test) */
        if (!S_ISREG(st.st_mode)) {
            walk_notice(w, path, "通常のファイルではない（FIFO や装置）ため読みません",
                        "not a regular file (a FIFO or a device); not read");
            return 0;
        }
        if (!walk_plan(w, path, st.st_size)) {
            walk_notice(w, path,
                        "計画ではない JSON のため読み飛ばします（最上位に \"format\": \"hogo-plan/1\" がありません）",
                        "skipped: a JSON file that is not a plan (no \"format\": \"hogo-plan/1\" at its top level)");
            return 0;
        }
        return 1;
    }
    if (S_ISREG(st.st_mode) && walk_near_plan(name))
        walk_notice(w, path, "名前が .json で終わっていないため読みません。計画なら名前の末尾を .json にしてください",
                    "not read: the name does not end in .json; if it is a plan, rename it to end in .json");
    return 0;
}

const char *cli_walk_next(cli_walk *w)
{
    for (;;) {
        if (w->depth > 0) {
            const char *entry = walk_next_name(w);
            if (!entry) continue;
            /* entry lives in the directory's frame, which walk_entry may move
             * (a subdirectory is pushed): its dir and depth are read first */
            walk_dir *f = &w->stack[w->depth - 1];
            char *dir = f->dir;
            if (walk_entry(w, dir, f->depth, entry)) return w->path;
            continue;
        }
        if (w->next_arg >= w->n_paths) return NULL;
        const char *p = w->paths[w->next_arg++];
        struct stat st;
        /* "-" is standard input; a missing path is kept: the screen reports
         * it as that plan's error; a named file is always a plan (cli_read
         * refuses a FIFO) */
        if (!strcmp(p, "-") || stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) return p;
        if (!walk_seen_dir(w, &st)) walk_push(w, p, 0);
    }
}

void cli_walk_free(cli_walk *w)
{
    if (!w) return;
    while (w->depth > 0) walk_dir_free(&w->stack[--w->depth]);
    free(w->stack);
    free(w->seen);
    cli_walk_tape_free(w->tape);
    free(w);
}
