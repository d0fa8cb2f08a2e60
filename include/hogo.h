/*
 * hogo.h -- screen a municipal data-processing plan the way a personal
 * information protection council would.
 *
 * The flow is: create an engine, load a rule pack into it once, then screen
 * as many plans as you like.  Each screen returns a result the caller owns
 * and walks; the engine never prints.  Engines share nothing, so one engine
 * per thread is the way to screen in parallel.  (The process shares one
 * thing: at the first rule call the library starts a watchdog thread and
 * installs a SIGURG handler, which a thread that screens must not block
 * and the program must not replace; docs/security.md, "When the
 * instruction budget starts counting".)
 *
 *   hogo_engine *e;
 *   hogo_engine_new(NULL, &e);
 *   hogo_engine_load_builtin(e);
 *   hogo_result *r;
 *   hogo_screen(e, "plan.json", buf, len, &r);
 *   ... walk r->findings ...
 *   hogo_result_free(r);
 *   hogo_engine_free(e);
 */
#ifndef HOGO_H
#define HOGO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "hogo_limits.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HOGO_VERSION "0.1.0"
#define HOGO_PLAN_FORMAT "hogo-plan/1"

/* Status codes returned by every function that can fail. */
typedef enum {
    HOGO_OK = 0,
    HOGO_ENOMEM,      /* out of memory */
    HOGO_EIO,         /* a file or directory could not be read */
    HOGO_ERULE,       /* a rule could not be loaded (syntax, metadata, clash) */
    HOGO_EINVAL,      /* a bad argument */
} hogo_status;

typedef enum {
    HOGO_INFO = 0, HOGO_LOW, HOGO_MEDIUM, HOGO_HIGH, HOGO_CRITICAL,
    HOGO_SEVERITY_COUNT
} hogo_severity;

/* Best to worst.  HOGO_INCOMPLETE (記載不足): core facts are not stated, or
 * only as non-answers, so the council could not judge the plan yet; it ranks
 * with HOGO_RE_EXAMINE (継続審議) as "not ready for the council". */
typedef enum {
    HOGO_APPROVE = 0, HOGO_APPROVE_WITH_CONDITIONS, HOGO_INCOMPLETE, HOGO_RE_EXAMINE
} hogo_verdict;

typedef enum { HOGO_JA = 0, HOGO_EN = 1 } hogo_lang;

/* Limits the engine enforces.  Zero in any field means "the default". */
typedef struct {
    size_t   rule_memory;        /* bytes a rule may allocate per plan (default: 16 MiB or
                                    32 x the plan's size, whichever is more; set: as given) */
    uint64_t rule_instructions;  /* Lua VM instructions per rule per plan (default 50M) */
    size_t   plan_max_bytes;     /* largest plan file accepted (default 8 MiB) */
    int      plan_max_depth;     /* deepest JSON nesting accepted (default 64) */
    uint32_t regex_match_limit;  /* PCRE2 match limit (default 1M) */
    uint32_t regex_depth_limit;  /* PCRE2 depth limit (default 10k) */
    const char *today;           /* "YYYY-MM-DD" used for expiry checks (default: the clock) */
    int      profile;            /* nonzero: time each stage and each rule (hogo_engine_stats) */
    hogo_lang lang;              /* language of input errors (hogo_input_error.message); default ja */
    int      ignore_needs;       /* nonzero: run every rule even when its `needs` says it cannot
                                    report on the plan (hogo test and the needs ctest prove the
                                    skip changes nothing this way) */
    uint32_t plan_cpu_ms;        /* CPU time (the screening thread's) the rules of one plan may
                                    take together, in ms; once spent, the rules not yet run are
                                    not run and one rule error says so (0 = no limit; hogo serve
                                    sets 10 s).  Checked between rules: a rule's own budgets
                                    bound how far past it one screen can go */
    int      keep_plan;          /* nonzero: hogo_result.plan holds the plan (compact JSON), for
                                    the council's papers, which print what is being decided */
} hogo_options;

/* What a rule says about itself (from its metadata table). */
typedef struct {
    const char *id;
    const char *topic;
    hogo_severity severity;
    const char *title[2];        /* indexed by hogo_lang */
    const char *message[2];
    const char *follow_up[2];
    const char *precedent;
    const char *file;            /* where the rule was loaded from ("builtin:..." for the pack) */
} hogo_rule_info;

typedef struct {
    const char *rule;            /* rule id */
    const char *topic;
    hogo_severity severity;
    const char *path;            /* JSON pointer into the plan ("" = the whole plan) */
    int line, column;            /* 1-based position of path in the plan file; 0 if unknown */
    const char *message[2];
    const char *follow_up[2];
    const char *precedent;
    int incomplete;              /* a core fact is not stated, or only as a non-answer:
                                    the plan is 記載不足 (HOGO_INCOMPLETE) until it is */
    int waived;                  /* accepted by a waiver of the secretariat's side (below) */
    const char *waiver_reason;   /* the waiver's reason when waived, or when requested */
    /* Waivers have an owner (docs/cli.md, "Waivers"): a finding is waived by a
     * waiver the engine was given (hogo_engine_add_waiver) or by a plan's waiver
     * whose approved_by is an approver the engine was given; a plan's waiver
     * with no such approver is only a request and changes nothing. */
    const char *waived_by;       /* who waived it (the waiver's approved_by; NULL if it names none) */
    int waiver_requested;        /* a valid waiver of the plan asks for it, not approved (申出) */
    int waived_by_secretariat;   /* 1: a waiver the engine was given; 0: the plan's, by its approver */
} hogo_finding;

/* An input error: the plan could not be read or does not follow the format. */
typedef struct {
    const char *path;            /* JSON pointer, "" when the error is about the whole file */
    int line, column;
    const char *message;         /* in hogo_options.lang; names the file's field */
} hogo_input_error;

/* A rule that failed while screening this plan (error, budget, forbidden call). */
typedef struct {
    const char *rule;
    const char *file;
    int line;                    /* line in the rule file, 0 if unknown */
    const char *message;         /* says which limit was hit, if any */
    int at_load;                 /* the rule file (or a library) failed to load: it screened
                                    nothing, on this plan or any other (rule = the file's stem) */
} hogo_rule_error;

typedef struct {
    const char *file;
    const char *id, *title;      /* NULL when the plan does not state them */
    /* The plan's identity, for the secretariat's papers; NULL when not stated. */
    const char *department;
    const char *organization;    /* the public body (志木市, 宮崎県) */
    const char *date;            /* "YYYY-MM-DD" (a 和暦 date is converted); NULL if unreadable */
    const char **consultation;   size_t n_consultation; /* consultation.kind, one or several */
    int screened;                /* 0 when input errors stopped the screen */
    int score;                   /* 0..100, concern score: 0 = nothing to raise */
    hogo_verdict verdict;
    hogo_finding *findings;      size_t n_findings;
    hogo_input_error *errors;    size_t n_errors;
    hogo_rule_error *rule_errors; size_t n_rule_errors;
    size_t by_severity[HOGO_SEVERITY_COUNT]; /* unwaived findings per severity */
    const char *plan;            /* the plan as compact JSON when hogo_options.keep_plan and it
                                    was read as a JSON object; else NULL */
} hogo_result;

typedef struct hogo_engine hogo_engine;

/* Called for every problem met while loading rules; msg names file and line. */
typedef void (*hogo_error_fn)(void *ud, hogo_status code, const char *msg);

hogo_status hogo_engine_new(const hogo_options *opts, hogo_engine **out);
void        hogo_engine_free(hogo_engine *e);
void        hogo_engine_set_error_callback(hogo_engine *e, hogo_error_fn fn, void *ud);

/* Load the rule pack compiled into the library. */
hogo_status hogo_engine_load_builtin(hogo_engine *e);
/* Load every *.lua below dir (sorted by path).  A rule id already loaded is an error. */
hogo_status hogo_engine_load_dir(hogo_engine *e, const char *dir);
/* Load one rule from text; name is used in messages. */
hogo_status hogo_engine_load_rule(hogo_engine *e, const char *name, const char *text, size_t len);
/* Turn a rule off (by id) or all rules of a topic (by topic id). Returns HOGO_EINVAL if none matched. */
hogo_status hogo_engine_disable(hogo_engine *e, const char *rule_or_topic);
/* The secretariat's side of waivers (docs/cli.md, "Waivers").  An approver:
 * a plan's waiver whose approved_by is this name (trimmed) waives.  A waiver:
 * for the plan whose id is `plan`, as if the plan held it and its approver
 * were listed.  reason is required; expires (YYYY-MM-DD or 和暦) and
 * approved_by are optional.  Both are copied. */
typedef struct {
    const char *plan;            /* the plan's id */
    const char *rule;
    const char *reason;
    const char *approved_by;
    const char *expires;
} hogo_waiver;
hogo_status hogo_engine_add_approver(hogo_engine *e, const char *name);
hogo_status hogo_engine_add_waiver(hogo_engine *e, const hogo_waiver *w);
/* The language of the input errors of the next screens (hogo_options.lang);
 * findings carry both languages whatever it is.  Not for an engine that is
 * screening in another thread. */
void        hogo_engine_set_lang(hogo_engine *e, hogo_lang lang);
/* Override a rule's severity. */
hogo_status hogo_engine_set_severity(hogo_engine *e, const char *rule, hogo_severity sev);

size_t                hogo_engine_rule_count(const hogo_engine *e);
const hogo_rule_info *hogo_engine_rule(const hogo_engine *e, size_t i);
const hogo_rule_info *hogo_engine_find_rule(const hogo_engine *e, const char *id);
/* The loaded rule id nearest to id (a near miss or a fragment), for "did you
 * mean"; NULL when none is near. */
const char *hogo_engine_suggest_rule(const hogo_engine *e, const char *id);

/* Where the time went, summed over every plan the engine screened, when
 * hogo_options.profile is set (all zero otherwise).  Wall-clock nanoseconds. */
typedef struct {
    uint64_t plans;              /* plans given to hogo_screen */
    uint64_t load_ns;            /* the input checks (size, UTF-8, depth) and JSON parsing */
    uint64_t validate_ns;        /* the format (the plan schema) */
    uint64_t convert_ns;         /* the plan handed to Lua as read-only tables */
    uint64_t rules_ns;           /* every rule's check(), ctx.report and hogo.* calls included */
    uint64_t finish_ns;          /* sorting the findings, waivers, the score, freeing the parse */
    uint64_t pack_ns;            /* loading the built-in rule pack (hogo_engine_load_builtin) */
    /* counted whether or not the engine profiles: the built-in pack's files,
     * and how many of them were loaded as the bytecode the build made (the
     * others were compiled from their source: a liblua of another release) */
    uint64_t pack_files, pack_precompiled;
} hogo_engine_stats;

typedef struct {
    uint64_t calls;              /* times the rule's check() ran */
    uint64_t ns, max_ns;         /* time in check(): in all, and the longest call */
    uint64_t skipped;            /* plans its `needs` ruled out (check() not called) */
} hogo_rule_stats;

hogo_status hogo_engine_stats_get(const hogo_engine *e, hogo_engine_stats *out);
/* Rule i (as hogo_engine_rule).  A library's once-per-plan work (rules/_common.lua)
 * is timed in the first rule that asks for it. */
hogo_status hogo_engine_rule_stats(const hogo_engine *e, size_t i, hogo_rule_stats *out);

/* Screen one plan held in buf[0..len).  file names it in messages and the report.
 * Input errors and rule errors land in the result; the status is HOGO_OK unless
 * memory ran out or an argument was bad. */
hogo_status hogo_screen(hogo_engine *e, const char *file, const char *buf, size_t len,
                        hogo_result **out);
void        hogo_result_free(hogo_result *r);

/* Names and parsing of the enums ("high", "approve_with_conditions"). */
const char *hogo_severity_name(hogo_severity s);
int         hogo_severity_parse(const char *s, hogo_severity *out); /* 1 ok, 0 unknown */
const char *hogo_verdict_name(hogo_verdict v);
const char *hogo_status_name(hogo_status s);

/* The fixed topic taxonomy of plan format v1. */
size_t      hogo_topic_count(void);
const char *hogo_topic(size_t i);
int         hogo_topic_known(const char *topic);

/* Version of the rule pack loaded (the builtin pack's, or "custom"). */
const char *hogo_engine_pack_version(const hogo_engine *e);

/* ---- reports: the writers of `hogo check --format` ----
 * A report is written in three steps: begin once, plan once per result in
 * input order (on one thread), end once with the batch's summary.  Each call
 * appends bytes the caller takes with hogo_report_output and then clears with
 * hogo_report_consume (so a long batch is written as it goes).  Formats:
 * "text", "json", "sarif", "junit", "markdown" ("md"), "html". */
typedef struct hogo_report hogo_report;

typedef struct {
    const hogo_engine *engine;   /* rule metadata (SARIF, Markdown); may be NULL */
    hogo_lang lang;
    hogo_severity fail_on;       /* findings at or above fail (JUnit, the summary) */
    int color;                   /* ANSI colour allowed (text only) */
    const char *tool_version;    /* HOGO_VERSION */
    const char *pack_version;    /* hogo_engine_pack_version */
    int validate_only;           /* hogo validate: the format only, no score or verdict
                                    (text becomes validate's own words) */
    const char *today;           /* the day of screening (any plan date form); NULL = the
                                    clock's (UTC).  The strings must outlive the report. */
    int papers_by_id;            /* html: each plan's page by 整理番号 (id), not by ranking */
} hogo_report_options;

typedef struct {
    size_t plans;
    size_t findings[HOGO_SEVERITY_COUNT];  /* unwaived */
    size_t waived;
    size_t errors;               /* plans with input errors */
    size_t rule_errors;
    size_t failing_plans;        /* plans with an unwaived finding >= fail_on */
} hogo_report_summary;

size_t       hogo_report_format_count(void);
const char  *hogo_report_format_name(size_t i);           /* NULL past the end */
const char  *hogo_report_format_find(const char *name);   /* its canonical name ("md" ->
                                                              "markdown"), or NULL */
hogo_report *hogo_report_new(const char *format, const hogo_report_options *o); /* NULL: unknown or OOM */
void         hogo_report_begin(hogo_report *rp);
void         hogo_report_plan(hogo_report *rp, const hogo_result *r, size_t index);
void         hogo_report_end(hogo_report *rp, const hogo_report_summary *s);
const char  *hogo_report_output(const hogo_report *rp, size_t *len);
void         hogo_report_consume(hogo_report *rp);
int          hogo_report_failed(const hogo_report *rp);     /* out of memory while writing */
void         hogo_report_free(hogo_report *rp);
/* The stylesheet of the html report (its <style>, for a page that shows one). */
const char  *hogo_report_stylesheet(void);
/* Count result r into s (its findings, errors, whether it fails at fail_on). */
void         hogo_report_summary_add(hogo_report_summary *s, const hogo_result *r, hogo_severity fail_on);

/* A result for a plan that could not be read: one input error (pointer ""),
 * screened = 0, the score and verdict of an unread plan.  NULL on OOM. */
hogo_result *hogo_result_error(const char *file, const char *message);
/* Fill r->score, r->verdict and r->by_severity again from r->findings (after
 * the caller removed some, e.g. those of a baseline). */
void         hogo_result_rescore(hogo_result *r);

/* ---- JSON files other than plans (a configuration) ----
 * hogo_json_error: 0 when text is JSON the plan reader accepts; else 1 with
 * the reason in msg (in lang: the slips a Japanese IME user makes are named)
 * and where (line and column, 1-based). */
int hogo_json_error(const char *text, size_t len, hogo_lang lang, char *msg, size_t cap, int *line, int *col);
/* The line and column of the value at JSON pointer ptr in text ("" = the top). */
void hogo_json_locate(const char *text, size_t len, const char *ptr, int *line, int *col);

/* ---- text for people ---- */

/* A growable text buffer.  Out of memory sets failed once instead of failing
 * each call; data is NUL-terminated after hogo_buf_cstr. */
typedef struct {
    char  *data;
    size_t len, cap;
    int    failed;
} hogo_buf;
void        hogo_buf_init(hogo_buf *b);
void        hogo_buf_free(hogo_buf *b);
void        hogo_buf_reset(hogo_buf *b);                    /* len = 0, memory kept */
void        hogo_buf_add(hogo_buf *b, const char *s, size_t n);
void        hogo_buf_puts(hogo_buf *b, const char *s);
void        hogo_buf_putc(hogo_buf *b, char c);
void        hogo_buf_printf(hogo_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void        hogo_buf_vprintf(hogo_buf *b, const char *fmt, va_list ap);
const char *hogo_buf_cstr(hogo_buf *b);                     /* "" when empty */
/* s as a JSON string (invalid UTF-8 replaced; NULL as ""). */
void        hogo_buf_json(hogo_buf *b, const char *s);
/* s as the text of a Markdown table cell, control characters made harmless;
 * security: plan text cannot make a link, an image or an autolink (outw_md). */
void        hogo_buf_md(hogo_buf *b, const char *s);
/* Only what a table cell needs ('|', newlines, controls): for the pack's own
 * reviewed texts (hogo rules --format markdown, docs/rules/). */
void        hogo_buf_md_cell(hogo_buf *b, const char *s);
/* s with control, C1 and bidi characters made harmless for a terminal
 * (newlines kept when keep_newlines, else spaces). */
void        hogo_buf_safe(hogo_buf *b, const char *s, int keep_newlines);
/* The same as a string (one of eight per-thread buffers: use it at once). */
const char *hogo_term(const char *s);

/* t[lang] when set and non-empty, else the other language's, else "". */
const char *hogo_text(const char *const t[2], hogo_lang lang);
/* 重大 / critical ... for people (hogo_severity_name gives the id). */
const char *hogo_severity_word(hogo_severity s, hogo_lang lang);

/* ---- the plan format's words (docs/plan.schema.json's x-hogo annotations) ----
 * One vocabulary: every field, choice and topic named in Japanese and English
 * in the schema, read once from the copy compiled into the library.  Safe to
 * call from any thread; the strings live as long as the process.
 *
 * A field is named by its place in a plan, with dots ("storage.location",
 * "transfers.verification.how"); "storage[].location", "storage[0].location"
 * and a JSON pointer ("/storage/0/location") name the same field.  Each
 * returns NULL when the format has no such field, value or word. */
const char *hogo_field_label(const char *path, hogo_lang lang);   /* 保存場所 / Location */
const char *hogo_field_hint(const char *path, hogo_lang lang);    /* what to write there */
const char *hogo_value_word(const char *path, const char *value, hogo_lang lang); /* 委託 */
const char *hogo_topic_name(const char *topic, hogo_lang lang);   /* 保管場所 */
const char *hogo_topic_concern(const char *topic, hogo_lang lang); /* what the council asks */

/* Every field of the format, depth first in the schema's order. */
size_t      hogo_field_count(void);
const char *hogo_field_path(size_t i);                /* NULL past the end */

#define HOGO_FIELD_KNOWN    0x01u   /* a field of the format */
#define HOGO_FIELD_PROSE    0x02u   /* free text the rules read (hogo.text_fields) */
#define HOGO_FIELD_CLAIMS   0x04u   /* prose read for what the plan claims (gov.prose) */
#define HOGO_FIELD_LONG     0x08u   /* several lines of text */
#define HOGO_FIELD_LIST     0x10u   /* an array */
#define HOGO_FIELD_OBJECT   0x20u   /* an object, or an array of objects */
#define HOGO_FIELD_REQUIRED 0x40u
unsigned    hogo_field_flags(const char *path);       /* 0: no such field */
const char *hogo_field_example(const char *path);     /* JSON text, or NULL */

/* The plan skeleton `hogo init` writes: every field of the format, free text
 * as 「（label）例：example」, the plan's date `today` and later dates `deadline`
 * (YYYY-MM-DD).  malloc'd; NULL on out of memory. */
char *hogo_plan_skeleton(const char *today, const char *deadline);

/* ---- Japanese text helpers (also given to rules as hogo.*) ---- */

/* Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, punctuation, ideographic space) to ASCII.
 * Returns a malloc'd NUL-terminated string, or NULL on out of memory. */
char *hogo_normalize(const char *s, size_t len);

/* A date as YYYY-MM-DD, 令和3年2月17日, 令和元年5月1日, R3.2.17, 2021年2月17日,
 * 2021/2/17, with full-width digits.  Writes "YYYY-MM-DD" into iso[11].
 * Returns 1 on success, 0 if unreadable or not a real date. */
int hogo_parse_date(const char *s, char iso[11]);

/* A duration: ISO 8601 (P3M, P90D, P5Y, P1Y6M, P2W), Japanese (3か月, ３ヶ月以内,
 * 90日, 5年, 1年6か月, 2週間, 半年, 永年, 無期限, 常用 = indefinite, 即時 = 0) or
 * bounded by an event (事業終了まで, 契約満了まで, 退所まで, アカウント削除まで,
 * 保存期間満了後速やかに: HOGO_DURATION_EVENT; 翌年度末まで:
 * 730, the longest it can be).  Months are 30 days, years 365.
 * Sets *days (-1 = indefinite).  Returns 1 on success, 0 if unreadable. */
#define HOGO_DURATION_INDEFINITE (-1L)
#define HOGO_DURATION_EVENT      (-2L)   /* until an event: bounded, length unknown */
int hogo_parse_duration(const char *s, long *days);

#ifdef __cplusplus
}
#endif
#endif
