/* main.c -- the hogo program: dispatch to a subcommand, --help, --version. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char hogo_help[] =
"hogo " HOGO_VERSION " -- screen a personal-data processing plan the way a\n"
"personal information protection council (個人情報保護審議会) would.\n"
"\n"
"usage:\n"
"  hogo check [options] PLAN|DIR...   screen plans; a DIR means every *.json below it\n"
"  hogo validate [options] PLAN|DIR... check plans against the format only (no rules)\n"
"  hogo rules [--format text|json|markdown] [--rules DIR] [--topics]   list the rule pack\n"
"  hogo explain RULE_ID               what a rule checks, why, and what to do\n"
"  hogo test [--rules DIR] [PATH...]  run the rule tests (*.test.json) beside the rules\n"
"  hogo init [--force] [FILE]         write a plan skeleton with Japanese hints\n"
"  hogo serve [options]               the self-check page and secretariat view in a browser\n"
"  hogo --help | --version\n"
"\n"
"check options:\n"
"  -f, --format FMT       text (default), json, sarif, junit, markdown or html; repeatable\n"
"  -o, --output FILE      write the preceding --format to FILE (atomically) instead of stdout\n"
"      --lang ja|en       language of messages (default ja)\n"
"      --fail-on SEV      exit 1 when a finding is at or above SEV: info, low, medium,\n"
"                         high (default) or critical\n"
"  -j, --jobs N           screen with N workers (default: the number of cores)\n"
"      --baseline REPORT  report only findings not in an earlier JSON report\n"
"      --rules DIR        use the rules in DIR instead of the built-in pack\n"
"      --disable ID       turn off a rule or a whole topic; repeatable\n"
"      --config FILE      read settings from FILE (default: .hogo.json found walking up\n"
"                         from the current directory); --no-config ignores it\n"
"      --today DATE       the date for expiry and due checks (default: today, UTC)\n"
"      --color, --no-color  force colour on or off (default: on a terminal, unless NO_COLOR)\n"
"      --profile          print where the time went (stages, then rules) to stderr\n"
"\n"
"serve options (and the check options that apply: --rules, --disable, --config,\n"
"--fail-on, -j/--jobs for the number of workers, the limits):\n"
"      --listen HOST:PORT     where to listen (default 127.0.0.1:8420; port 0 picks a free\n"
"                             one; 0.0.0.0:8420 for the office); prints the URL first\n"
"      --allow-host NAME      also accept requests naming this host (e.g. the server's\n"
"                             DNS name); repeatable\n"
"      --max-connections N    connections open at once (default 64)\n"
"      --timeout SECONDS      a request must arrive within this (default 30)\n"
"\n"
"limits (see docs/security.md):\n"
"      --rule-memory BYTES        per rule per plan (default 16M, or 32 x the plan size if more)\n"
"      --rule-instructions N      Lua instructions per rule per plan (default 50000000)\n"
"      --max-plan-bytes BYTES     largest plan accepted (default 8M)\n"
"      --max-depth N              deepest JSON nesting accepted (default 64)\n"
"      --regex-match-limit N      PCRE2 match limit (default 1000000)\n"
"\n"
"exit status of check: 0 nothing at or above --fail-on; 1 findings at or above it;\n"
"2 a plan, the configuration or an argument could not be read; 3 the engine or a rule failed.\n"
"\n"
"docs: docs/cli.md, docs/plan-format.md, docs/rule-api.md, docs/scoring.md\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(hogo_help, stderr);
        return CLI_EXIT_INPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(hogo_help, stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) {
        printf("hogo %s (plan format %s, Lua 5.4, PCRE2, cJSON)\n", HOGO_VERSION, HOGO_PLAN_FORMAT);
        return CLI_EXIT_OK;
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(hogo_help, stdout);
            return CLI_EXIT_OK;
        }
    }
    if (!strcmp(cmd, "check")) return cli_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return cli_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "rules")) return cli_rules(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return cli_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "test")) return cli_test(argc - 1, argv + 1);
    if (!strcmp(cmd, "init")) return cli_init(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return cli_serve(argc - 1, argv + 1);
    fprintf(stderr, "hogo: unknown command '%s' (hogo --help)\n", cmd);
    return CLI_EXIT_INPUT;
}
