/* main.c -- the hogo program: dispatch to a subcommand, --help, --version. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char hogo_help_en[] =
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
"      --lang ja|en       language of messages and reports (default: ja, or en when\n"
"                         LC_ALL/LC_MESSAGES/LANG names a language other than ja, C or POSIX)\n"
"      --fail-on SEV      exit 1 when a finding is at or above SEV: info, low, medium,\n"
"                         high (default) or critical\n"
"  -j, --jobs N           screen with N workers (default: the number of cores)\n"
"      --baseline REPORT  report only findings not in an earlier JSON report\n"
"      --exclude GLOB     in directory walks, skip files and directories whose name or\n"
"                         path matches GLOB (e.g. 'draft-*'); repeatable\n"
"      --rules DIR        use the rules in DIR instead of the built-in pack\n"
"      --disable ID       turn off a rule or a whole topic; repeatable\n"
"      --config FILE      read settings from FILE (default: .hogo.json found walking up\n"
"                         from the current directory); --no-config ignores it\n"
"      --waivers FILE     the secretariat's approvers and waivers (docs/cli.md, Waivers): a\n"
"                         plan's own waiver only counts when an approver listed here or in\n"
"                         the configuration approved it\n"
"      --today DATE       the date for expiry and due checks (default: today, UTC)\n"
"      --papers-order rank|id  html: each plan's page in ranking order (default) or by id\n"
"      --color, --no-color  force colour on or off (default: on a terminal, unless NO_COLOR)\n"
"      --profile          print where the time went (stages, then rules) to stderr\n"
"      --ignore-needs     run every rule even where its `needs` says it cannot report\n"
"\n"
"serve options (and the check options that apply: --rules, --disable, --config,\n"
"--fail-on, -j/--jobs for the number of workers, the limits):\n"
"      --listen HOST:PORT     where to listen (default 127.0.0.1:8420; port 0 picks a free\n"
"                             one; 0.0.0.0:8420 for the office); prints the URL first\n"
"      --allow-host NAME      also accept requests naming this host (e.g. the server's\n"
"                             DNS name); repeatable\n"
"      --max-connections N    connections open at once (default 64)\n"
"      --max-per-address N    connections open at once from one address (default 16)\n"
"      --timeout SECONDS      a request, headers included, must arrive within this of its\n"
"                             connection's opening or the answer before it (default 30)\n"
"      (serve's --max-plan-bytes defaults to 2M and --plan-cpu to 10)\n"
"\n"
"limits (see docs/security.md):\n"
"      --rule-memory BYTES        per rule per plan (default 16M, or 32 x the plan size if more)\n"
"      --rule-instructions N      Lua instructions per rule per plan, counted from the moment\n"
"                                 the rule has run 2 ms (default 50000000; exact from the\n"
"                                 first instruction with HOGO_EXACT_INSTRUCTIONS=1)\n"
"      --max-plan-bytes BYTES     largest plan accepted (default 8M; serve: 2M)\n"
"      --plan-cpu SECONDS         CPU the rules of one plan may take together; the rules\n"
"                                 not run by then are a rule error (default none; serve: 10)\n"
"      --max-depth N              deepest JSON nesting accepted (default 64)\n"
"      --regex-match-limit N      PCRE2 match limit (default 1000000)\n"
"\n"
"exit status of check: 0 nothing at or above --fail-on; 1 findings at or above it;\n"
"2 a plan, the configuration or an argument could not be read; 3 the engine or a rule failed.\n"
"\n"
"writing a plan, and what each input error means: docs/plan-guide.md (in Japanese)\n"
"docs: docs/cli.md, docs/plan-format.md, docs/rule-api.md, docs/scoring.md\n";

static const char hogo_help_ja[] =
"hogo " HOGO_VERSION " -- 個人情報の取扱いの計画を、個人情報保護審議会が審議するように審査します。\n"
"\n"
"使い方:\n"
"  hogo check [オプション] 計画|フォルダ...    計画を審査する（フォルダ: その下の *.json すべて）\n"
"  hogo validate [オプション] 計画|フォルダ... 様式だけを確かめる（審査はしない）\n"
"  hogo rules [--format text|json|markdown] [--rules DIR] [--topics]   規則の一覧\n"
"  hogo explain 規則ID                 規則が何を確かめ、なぜ、どうすればよいか\n"
"  hogo test [--rules DIR] [PATH...]  規則のテスト（*.test.json）を実行する\n"
"  hogo init [--force] [FILE]         日本語の説明つきの計画のひな形を書く\n"
"  hogo serve [オプション]             担当課の自己点検ページと事務局の一覧をブラウザで開く\n"
"  hogo --help | --version\n"
"\n"
"check のオプション:\n"
"  -f, --format FMT       text（既定）、json、sarif、junit、markdown、html。複数指定できます\n"
"  -o, --output FILE      直前の --format を標準出力ではなく FILE に書く（書き終えてから置き換え）\n"
"      --lang ja|en       メッセージと報告の言語（既定: ja。LC_ALL/LC_MESSAGES/LANG が ja・C・POSIX\n"
"                         以外の言語なら en）\n"
"      --fail-on SEV      SEV 以上の指摘があれば終了コード 1: info、low、medium、high（既定）、critical\n"
"  -j, --jobs N           N 並列で審査する（既定: CPU の数）\n"
"      --baseline REPORT  以前の JSON 報告にない指摘だけを示す（計画の id で対応づけ、解消した指摘も示す）\n"
"      --exclude GLOB     フォルダをたどるとき、名前かパスが GLOB に合うものを除く（例: 'draft-*'）。複数指定できます\n"
"      --rules DIR        組み込みの規則の代わりに DIR の規則を使う\n"
"      --disable ID       規則または論点を止める。複数指定できます\n"
"      --config FILE      設定を FILE から読む（既定: 今のフォルダから上にたどって見つけた .hogo.json）。\n"
"                         --no-config で設定を読まない\n"
"      --waivers FILE     事務局の承認者と適用除外（docs/cli.md「Waivers」）。計画に書かれた適用除外は、\n"
"                         ここか設定に挙げた承認者が承認したものだけが効きます\n"
"      --today DATE       期限の判定に使う日付（既定: 今日、UTC）\n"
"      --papers-order rank|id  html の計画ごとのページを懸念スコアの高い順（既定）か整理番号順に\n"
"      --color, --no-color  色をつける・つけない（既定: 端末なら色つき。NO_COLOR があれば色なし）\n"
"      --profile          時間の内訳（段階ごと、規則ごと）を標準エラーに出す\n"
"      --ignore-needs     規則の needs（報告しようのない計画を飛ばす条件）を使わず、すべての規則を動かす\n"
"\n"
"serve のオプション（check のオプションのうち --rules、--disable、--config、--fail-on、\n"
"-j/--jobs（ワーカー数）、上限も使えます）:\n"
"      --listen HOST:PORT     待ち受けるアドレス（既定 127.0.0.1:8420。ポート 0 は空いている番号。\n"
"                             課内で使うなら 0.0.0.0:8420）。最初に URL を出力します\n"
"      --allow-host NAME      この名前あての要求も受け付ける（サーバーの DNS 名など）。複数指定できます\n"
"      --max-connections N    同時に開く接続の数（既定 64）\n"
"      --max-per-address N    一つのアドレスから同時に開く接続の数（既定 16）\n"
"      --timeout SECONDS      要求（ヘッダーを含む）は、接続を開いてから、または前の応答から\n"
"                             この秒数以内に届くこと（既定 30）\n"
"      （serve の --max-plan-bytes の既定は 2M、--plan-cpu の既定は 10）\n"
"\n"
"上限（docs/security.md）:\n"
"      --rule-memory BYTES        規則ごと・計画ごとのメモリ（既定 16M、計画の32倍がそれより大きければその値）\n"
"      --rule-instructions N      規則ごと・計画ごとの Lua 命令数。規則が 2 ms 動いた時点から数える\n"
"                                 （既定 50000000。HOGO_EXACT_INSTRUCTIONS=1 で最初の命令から数える）\n"
"      --max-plan-bytes BYTES     計画のファイルの最大サイズ（既定 8M。serve では要求の本文の上限で既定 2M）\n"
"      --plan-cpu SECONDS         一つの計画の規則全体が使える CPU 時間。使い切ると残りの規則は\n"
"                                 ルールエラー（既定 上限なし。serve では 10）\n"
"      --max-depth N              JSON の入れ子の最大の深さ（既定 64）\n"
"      --regex-match-limit N      PCRE2 の match limit（既定 1000000）\n"
"\n"
"check の終了コード: 0 = --fail-on 以上の指摘なし、1 = あり、2 = 読めない計画・設定・引数がある、\n"
"3 = エンジンか規則の不具合。\n"
"\n"
"計画の書き方と、入力エラーの意味と直し方: docs/plan-guide.md\n"
"資料: docs/cli.md, docs/plan-format.md, docs/rule-api.md, docs/scoring.md\n";

/* --lang anywhere on the command line decides the language of every message,
 * even those about flags that come before it. */
static void main_lang(int argc, char **argv)
{
    cli_lang = cli_env_lang();
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--lang")) {
            if (!strcmp(argv[i + 1], "en")) cli_lang = HOGO_EN;
            else if (!strcmp(argv[i + 1], "ja")) cli_lang = HOGO_JA;
        }
}

static const char *main_help(void) { return cli_lang == HOGO_EN ? hogo_help_en : hogo_help_ja; }

/* Fix: a failed write to standard output (> /dev/full) used to exit 1 with
 * no message; it is reported and exits 2, whatever the command. */
static int main_finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;
        cli_say("標準出力に書けませんでした: %s", "cannot write to standard output: %s", strerror(e ? e : EIO));
        return CLI_EXIT_INPUT;
    }
    return rc;
}

int main(int argc, char **argv)
{
    main_lang(argc, argv);
    if (argc < 2) {
        fputs(main_help(), stderr);
        return CLI_EXIT_INPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(main_help(), stdout);
        return main_finish(CLI_EXIT_OK);
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V") || !strcmp(cmd, "version")) {
        printf("hogo %s (plan format %s, Lua 5.4, PCRE2, cJSON)\n", HOGO_VERSION, HOGO_PLAN_FORMAT);
        return main_finish(CLI_EXIT_OK);
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(main_help(), stdout);
            return main_finish(CLI_EXIT_OK);
        }
    }
    int rc;
    if (!strcmp(cmd, "check")) rc = cli_check(argc - 1, argv + 1);
    else if (!strcmp(cmd, "validate")) rc = cli_validate(argc - 1, argv + 1);
    else if (!strcmp(cmd, "rules")) rc = cli_rules(argc - 1, argv + 1);
    else if (!strcmp(cmd, "explain")) rc = cli_explain(argc - 1, argv + 1);
    else if (!strcmp(cmd, "test")) rc = cli_test(argc - 1, argv + 1);
    else if (!strcmp(cmd, "init")) rc = cli_init(argc - 1, argv + 1);
    else if (!strcmp(cmd, "serve")) rc = cli_serve(argc - 1, argv + 1);
    else {
        cli_say("'%s' というコマンドはありません（check、validate、rules、explain、test、init、serve。hogo --help）",
                "unknown command '%s' (check, validate, rules, explain, test, init, serve; hogo --help)", cmd);
        return CLI_EXIT_INPUT;
    }
    return main_finish(rc);
}
