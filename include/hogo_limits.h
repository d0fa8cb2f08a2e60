/*
 * hogo_limits.h -- every limit of hogo in one place, each with its reason
 * (as YARA's limits.h).  What a limit stops and the error it gives are
 * tabled in docs/security.md ("Limits"); a limit a user can set has its
 * flag there and a field in hogo_options (0 = the default below).
 *
 * Public, because the tools that feed the library (the CLI, the server)
 * must read a file no larger than the engine will take.
 */
#ifndef HOGO_LIMITS_H
#define HOGO_LIMITS_H

/* ---- a plan (input) ---- */

/* Bytes of one plan (--max-plan-bytes): a written plan is a few KB; 8 MiB
 * holds 100,000 data items, and the memory of one plan in a worker is
 * bounded in proportion (docs/security.md, "Memory of a plan"). */
#define HOGO_MAX_PLAN_BYTES        (8u << 20)
/* Nesting of a plan (--max-depth, at most HOGO_MAX_PLAN_DEPTH_CAP): checked
 * before the parser runs, so no recursion can overflow the stack. */
#define HOGO_MAX_PLAN_DEPTH        64
#define HOGO_MAX_PLAN_DEPTH_CAP    1000
/* The plan's read-only tables in the rule engine: RATIO bytes per byte of
 * plan + BASE.  A written plan needs 12 at most; only a plan of very many
 * tiny values ("[]," is 3 bytes of text, ~450 of tables) goes past it. */
#define HOGO_PLAN_LUA_RATIO        24u
#define HOGO_PLAN_LUA_BASE         (16u << 20)

/* ---- a rule, on one plan ---- */

/* Memory a rule may allocate (--rule-memory): 16 MiB, or PER_BYTE bytes per
 * byte of plan when that is more (what rules derive grows with the plan). */
#define HOGO_MAX_RULE_MEMORY       (16u << 20)
#define HOGO_RULE_MEMORY_PER_BYTE  32u
/* Lua instructions of a rule (--rule-instructions); once armed, the count
 * hook fires every HOOK_STEP instructions at most.  It starts at
 * HOOK_FIRST_STEP and fits its step to the clock: doubled while a step
 * takes less than half of HOOK_SLICE_NS of wall time, cut when one takes
 * more, down to a single instruction.  A loop of pure Lua reaches the full
 * step in seven runs of the hook; a loop of heavy C calls (s:upper() of
 * megabytes) is looked at every slice or every call, whichever is longer,
 * so its CPU time is seen within ~10 ms of the limit, not after a thousand
 * such calls (seconds under a sanitizer). */
#define HOGO_MAX_RULE_INSTRUCTIONS 50000000u
#define HOGO_HOOK_STEP             1000
#define HOGO_HOOK_FIRST_STEP       16
#define HOGO_HOOK_SLICE_NS         10000000u
/* The count hook is armed only on a rule call that has run GRACE_NS of
 * wall time (between one and two of them, by a watchdog that ticks every
 * GRACE_NS while rules run): while any count hook is set Lua traps every
 * instruction, 12 % of a batch's work, and nearly every call ends long
 * before.  2 ms is ~50 times the mean rule call on a written plan (35 us)
 * and 3 times the mean of the slowest (0.6 ms, the rule that pays the
 * libraries' once-per-plan work), so the hook runs on almost no call of a
 * batch; a bare Lua loop runs ~150 M instructions a second here, so a call
 * runs at most ~0.6 M instructions (4 ms) uncounted, about 1 % of the
 * default budget; and a watchdog waking 500 times a second while rules run
 * costs nothing measurable.  HOGO_EXACT_INSTRUCTIONS=1 counts from the
 * first instruction instead (docs/security.md). */
#define HOGO_HOOK_GRACE_NS         2000000L
/* CPU time inside C calls the hook cannot see: 1 s per 10 million
 * instructions of the budget, at least 2 s; the hook reads the thread's
 * CPU clock (a system call) only when the wall clock says the limit may
 * have passed. */
#define HOGO_CPU_INSTR_PER_SECOND  10000000u
#define HOGO_MIN_RULE_CPU_SECONDS  2u
/* Findings kept: per rule per plan, and per plan (count or bytes); the
 * rest are counted in one summary finding of the rule. */
#define HOGO_MAX_FINDINGS_PER_RULE 1000
#define HOGO_MAX_FINDINGS_PER_PLAN 20000
#define HOGO_MAX_RESULT_BYTES      (64u << 20)
/* Input errors of one plan kept in its result; the rest are counted by one
 * more error.  An 8 MiB plan can hold half a million wrong values, and a
 * staffer needs the first few hundred to see what is wrong. */
#define HOGO_MAX_ERRORS_PER_PLAN   1000
/* A plan larger than this has its garbage collected when its screen ends
 * (a server's memory goes back after a large plan, not a batch later). */
#define HOGO_COLLECT_AFTER_BYTES   (1u << 20)
/* Bytes of a finding's message or follow-up, and of its path. */
#define HOGO_MAX_FINDING_TEXT      4096
#define HOGO_MAX_FINDING_PATH      2048
/* A JSON pointer the sandbox builds for hogo.path (a plan within its own
 * limits never reaches it). */
#define HOGO_MAX_SANDBOX_PATH      (64u << 10)
/* Nesting of a table hogo.freeze copies (a library's export). */
#define HOGO_MAX_FREEZE_DEPTH      64
/* A rule's reset list (sandbox.c, sbx_reset_list): how deep the local
 * functions check() calls are followed, and how many upvalues are kept. */
#define HOGO_MAX_RESET_DEPTH       8
#define HOGO_MAX_RESET_UPVALUES    256

/* ---- regexes (PCRE2) ---- */

/* Match and depth limits of one call (--regex-match-limit); the match
 * limit is also scaled to the subject: at most REGEX_WORK / its length
 * (PCRE2 counts backtracking points, not the bytes scanned between them),
 * never below REGEX_MIN_MATCH. */
#define HOGO_MAX_REGEX_MATCH       1000000u
#define HOGO_MAX_REGEX_DEPTH       10000u
#define HOGO_MAX_REGEX_HEAP_KIB    (20u * 1024)
#define HOGO_REGEX_WORK            1000000000ull
#define HOGO_REGEX_MIN_MATCH       1000u
/* One search, across the windows it is cut into. */
#define HOGO_MAX_REGEX_SEARCH_NS   1000000000ull
/* Compiled patterns kept per engine: rules can invent patterns without end;
 * past either bound the cache starts again. */
#define HOGO_MAX_REGEX_CACHE       2048
#define HOGO_MAX_REGEX_CACHE_BYTES (32u << 20)
/* A hogo.gsub result (built outside the Lua state, before the rule's
 * memory budget can see it). */
#define HOGO_MAX_GSUB_BYTES        (64u << 20)
/* The Hyperscan prefilter (off unless HOGO_REGEX_PREFILTER): what it is
 * asked to compile, and the texts it scans. */
#define HOGO_MAX_PREFILTER_PATTERN (8u << 10)
#define HOGO_MAX_PREFILTER_IDS     1024
#define HOGO_MAX_PREFILTER_SUBJECT (16u << 10)
/* The literal prefilter (engine/rx_lit.h): the longest text whose byte
 * grams are kept (32 KiB of bits at most, in each of 8 slots). */
#define HOGO_MAX_LITERAL_SUBJECT   (16u << 10)

/* ---- files the tools read ---- */

/* A saved report read as a baseline (--baseline): a JSON report of a big
 * batch; a rule's test file (hogo test) and a plan it refers to; the test
 * file and plan that hogo explain shows; a configuration file. */
#define HOGO_MAX_BASELINE_BYTES    (256u << 20)
#define HOGO_MAX_TEST_FILE_BYTES   (16u << 20)
#define HOGO_MAX_TEST_PLAN_BYTES   (64u << 20)
#define HOGO_MAX_EXPLAIN_BYTES     (4u << 20)
#define HOGO_MAX_CONFIG_BYTES      (1u << 20)
/* Names of one directory a walk holds at a time (hogo check DIR), and the
 * paths hogo check keeps from its first walk: a bigger directory is read
 * again for each next HOGO_WALK_NAMES names, and a bigger batch is walked a
 * second time as it is screened, so memory stays flat in the batch.  A
 * directory of more than HOGO_WALK_NAMES x HOGO_WALK_READS names is read
 * HOGO_WALK_READS times, 1/HOGO_WALK_READS of its names each (a million
 * names: 64 reads, 15,625 names held), so a walk's time stays linear. */
#define HOGO_WALK_NAMES            4096
#define HOGO_WALK_READS            64

#endif
