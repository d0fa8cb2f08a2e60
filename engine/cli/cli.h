/* cli.h -- what the subcommands of the hogo program share (cli_ prefix):
 * the common flags, building an engine from them, finding plan files and
 * reading them.  Each subcommand lives in its own cli_*.c file. */
#ifndef HOGO_CLI_H
#define HOGO_CLI_H
#include "hogo.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define CLI_MAX_OUTPUTS 8
#define CLI_MAX_DIRS 16
#define CLI_MAX_LIST 64

enum { CLI_EXIT_OK = 0, CLI_EXIT_FINDINGS = 1, CLI_EXIT_INPUT = 2, CLI_EXIT_ENGINE = 3 };

typedef struct {
    const char *format;          /* a report format's name (hogo_report_format_find) */
    const char *file;            /* NULL = stdout */
} cli_output;

typedef struct {
    hogo_options opt;
    const char *rules_dir;       /* --rules: replaces the built-in pack */
    const char *extra_dirs[CLI_MAX_DIRS]; int n_extra;   /* config: added to the pack */
    const char *disable[CLI_MAX_LIST]; int n_disable;
    const char *sev_rule[CLI_MAX_LIST]; hogo_severity sev_value[CLI_MAX_LIST]; int n_sev;
    hogo_lang lang;
    hogo_severity fail_on;
    int jobs;
    int color;                   /* -1 auto, 0 never, 1 always */
    const char *config;          /* --config FILE */
    int no_config;
    const char *baseline;
    cli_output outputs[CLI_MAX_OUTPUTS]; int n_outputs;
    const char *paths[4096]; int n_paths;
    int lang_set, fail_on_set;
    int plan_cpu_set;            /* --plan-cpu given (serve's default is 10 s, check's none) */
    const char *waiver_file;     /* --waivers FILE: the secretariat's approvers and waivers */
    /* approvers and waivers of the configuration and --waivers (strings kept
     * alive with the parsed files; the array by cli_common.c) */
    const char *approvers[CLI_MAX_LIST]; int n_approvers;
    hogo_waiver *waivers; int n_waivers;
    const char *exclude[CLI_MAX_LIST]; int n_exclude;   /* --exclude GLOB (directory walks) */
    int papers_by_id;            /* --papers-order id: html's plan pages by 整理番号 */
} cli_opts;

/* --profile (cli_profile.c): the engines' figures summed over the workers,
 * plus what the CLI itself spent reading files and writing reports. */
typedef struct {
    pthread_mutex_t mu;
    hogo_engine_stats eng;
    hogo_rule_stats *rules; char **ids; size_t n;
    uint64_t read_ns, report_ns, start_ns;
    uint64_t walk_ns, walk_files;  /* the first walk, before anything is screened (cli_check.c) */
    int workers;
    uint64_t engines;          /* engines whose figures were added */
} cli_profile;

uint64_t cli_now_ns(void);
void cli_profile_init(cli_profile *p);
void cli_profile_free(cli_profile *p);
/* Add engine e's figures (e may be NULL) and read_ns; worker: 1 if e was a worker's. */
void cli_profile_add(cli_profile *p, const hogo_engine *e, uint64_t read_ns, int worker);
void cli_profile_print(const cli_profile *p, FILE *f);

/* The language of messages before a command's flags are read: --lang
 * anywhere on the command line, else LC_ALL/LC_MESSAGES/LANG (main.c). */
extern hogo_lang cli_lang;
/* "hogo: " + the ja or en text (same arguments) + newline, on stderr, in cli_lang. */
void cli_say(const char *ja, const char *en, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parse one common flag at argv[*i]; returns 1 if consumed, 0 if not a
 * common flag, -1 on a bad value (message printed). */
int  cli_common_flag(cli_opts *o, int argc, char **argv, int *i);
void cli_opts_init(cli_opts *o);
/* The language LC_ALL / LC_MESSAGES / LANG ask for (ja_*: ja; C, POSIX, unset: ja; else en). */
hogo_lang cli_env_lang(void);
/* Read .hogo.json (--config, or found walking up from the cwd) into o;
 * command-line flags already set win.  Returns 0 on error (printed). */
int  cli_load_config(cli_opts *o);
/* A rule directory given as an argument (what: "--rules") must exist, be a
 * directory and hold a *.lua: 1 if so, else 0 with the message printed
 * (an argument error, exit 2 -- not an engine failure). */
int cli_check_rules_dir(const char *dir, const char *what);
/* The loaded rule id closest to id (edit distance <= 3, or containing it), or NULL. */
const char *cli_suggest_rule(const hogo_engine *e, const char *id);
/* A ready engine per o; quiet = do not print load errors (worker copies).
 * *load_failed tells if some rule did not load. */
hogo_engine *cli_engine(const cli_opts *o, int quiet, int *load_failed);

/* A list of names (hogo test's rule tests). */
typedef struct { char **v; size_t n, cap; } cli_list;
/* The plan files named by paths, one at a time in report order (cli_walk.c):
 * named files as given, directories walked for every *.json below, sorted,
 * without holding every name.  o: the language of the walk's notices and
 * --exclude (may be NULL); notices: 0 keeps the walk silent (a second walk
 * of the same paths). */
typedef struct cli_walk cli_walk;
cli_walk *cli_walk_new(const cli_opts *o, const char *const *paths, int n, int notices);
/* The next plan's path (valid until the next call), NULL at the end. */
const char *cli_walk_next(cli_walk *w);
/* A walk's answers to "is this JSON file a plan?", one bit per file asked,
 * in walk order: a second walk of the same paths given them (replay) reads
 * no file to decide again.  cli_walk_tape moves them out of a finished walk
 * (NULL when out of memory); cli_walk_replay hands them to a new one, which
 * owns them from then on. */
typedef struct cli_walk_tape cli_walk_tape;
cli_walk_tape *cli_walk_tape_take(cli_walk *w);
void cli_walk_replay(cli_walk *w, cli_walk_tape *t);
void cli_walk_tape_free(cli_walk_tape *t);
void cli_walk_free(cli_walk *w);
void cli_list_free(cli_list *l);
/* Read a whole regular file ("-": stdin); refuses files over max (sets *too_big)
 * and anything that is not a regular file (errno ENODEV; a FIFO is never waited on). */
char *cli_read(const char *path, size_t max, size_t *len, int *too_big);
/* The same, and a pipe too (--baseline <(...), --config <(...)): for files the user names as input
 * to the command, not for plans. */
char *cli_read_stream(const char *path, size_t max, size_t *len, int *too_big);

/* The plan rule tests patch when they give no plan, and RFC 7386 merge
 * patching (cli_test.c; also used by hogo explain). */
struct cJSON;
extern const char cli_minimal_plan[];
struct cJSON *cli_merge_patch(struct cJSON *target, const struct cJSON *patch);

int cli_check(int argc, char **argv);
int cli_validate(int argc, char **argv);
int cli_rules(int argc, char **argv);
int cli_explain(int argc, char **argv);
int cli_test(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_serve(int argc, char **argv);     /* cli_serve.c */
#endif
