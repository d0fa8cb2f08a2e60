/* cli_init.c -- `hogo init [--force] [FILE]`: write a plan skeleton for a
 * department starting a new plan.
 *
 * JSON has no comments, so the hints live in the values: every free-text
 * field reads "（何を書くか）例：…" and every other field holds a realistic
 * example value (the approved 児童相談システム plan of the seed minutes).
 * The skeleton has every key of plan format v1 and passes `hogo validate`;
 * docs/plan-guide.md explains each section.  Enumerations, counts and
 * booleans cannot carry a hint: the guide lists their values.
 *
 * The Act on the Protection of Personal Information applies to local bodies
 * directly since 2023-04-01: the consultation's basis is the body's 施行条例
 * under 法第129条, not a 個人情報保護条例.
 *
 * The date is today's (local time); a waiver's expiry is the end of the
 * current fiscal year (3月31日), so a fresh skeleton never holds an expired
 * date.  Without --force an existing FILE is never touched (O_EXCL); with
 * --force the new file replaces it atomically (temporary file + rename). */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The skeleton in three pieces around the two dates (today, then the end of
 * the fiscal year), so no printf runs over the text. */
static const char init_head[] =
"{\n"
"  \"format\": \"hogo-plan/1\",\n"
"  \"id\": \"（担当課の整理番号）例：R3-1-2\",\n"
"  \"title\": \"（件名）例：児童相談システム機器賃貸借\",\n"
"  \"department\": \"（担当課）例：子ども支援課\",\n"
"  \"organization\": \"（団体名：市・県・町・村）例：志木市\",\n"
"  \"date\": \"";
/* today */
static const char init_body[] =
"\",\n"
"  \"consultation\": {\n"
"    \"kind\": \"system\",\n"
"    \"basis\": \"（諮問の根拠：個人情報の保護に関する法律第129条に基づき審議会に諮る、団体の施行条例の条）例：〇〇市個人情報の保護に関する法律施行条例第○条\"\n"
"  },\n"
"  \"purpose\": \"（目的：何のために個人情報を扱うか）例：児童相談システムを導入し、相談記録を関係機関と円滑に連携する。\",\n"
"  \"description\": \"（概要：誰の何の情報を、どこに保存し、誰がどう受け渡し、いつ廃棄するか）例：担当課で表計算ソフトにより管理している相談データを、暗号化USBメモリで職員2名の立会いのもとシステムへ移行する。サーバーは庁舎内に置き、インターネットから分離された庁内ネットワークで運用する。\",\n"
"  \"data\": {\n"
"    \"subjects\": [\n"
"      {\"kind\": \"child\", \"label\": \"（本人の区分）例：相談対象の児童\", \"count\": 580}\n"
"    ],\n"
"    \"items\": [\n"
"      {\"name\": \"（個人情報の項目）例：氏名\", \"category\": \"identity\", \"sensitive\": false},\n"
"      {\"name\": \"（項目）例：生年月日\", \"category\": \"birthdate\", \"sensitive\": false},\n"
"      {\"name\": \"（要配慮個人情報に当たる項目）例：相談内容\", \"category\": \"welfare\", \"sensitive\": true}\n"
"    ],\n"
"    \"persons\": 580,\n"
"    \"annual\": 120,\n"
"    \"item_types\": 33,\n"
"    \"collected_always\": false\n"
"  },\n"
"  \"storage\": [\n"
"    {\"what\": \"（保存するもの）例：児童相談データ\", \"medium\": \"electronic\",\n"
"     \"location\": \"on_premise\", \"network\": \"closed\",\n"
"     \"provider\": null, \"service\": null, \"region\": \"domestic\", \"ismap\": null, \"encrypted\": true}\n"
"  ],\n"
"  \"transfers\": [\n"
"    {\"what\": \"（受け渡すもの）例：相談データ（表計算ファイル）\",\n"
"     \"from\": \"（渡す側）例：子ども支援課\", \"to\": \"（受け取る側）例：児童相談システム\",\n"
"     \"method\": \"encrypted_usb\", \"encrypted\": true,\n"
"     \"verification\": {\"staff\": 2, \"how\": \"（確認の方法と確認者）例：職員2名が立ち会い、移行前後の件数を照合して作業記録に記名する\"},\n"
"     \"frequency\": \"（頻度）例：初回のみ\"}\n"
"  ],\n"
"  \"outsourcing\": {\n"
"    \"contractor\": \"（受託者。委託しないなら outsourcing を null に）例：株式会社〇〇システム\",\n"
"    \"scope\": [\"（委託する業務）例：機器賃貸借\", \"保守\", \"初回のデータ移行\"],\n"
"    \"special_specifications\": true,\n"
"    \"responsibility_structure\": \"（責任体制：受託者と市それぞれの責任者、事故時の報告経路）例：受託者は個人情報管理責任者と作業責任者を選任し、市は子ども支援課長が監督する。事故時は受託者が直ちに子ども支援課と個人情報保護担当課に報告する。\",\n"
"    \"subcontracting\": \"prohibited\",\n"
"    \"bidders\": 3,\n"
"    \"audit\": true,\n"
"    \"results_to\": \"city\"\n"
"  },\n"
"  \"disposal\": [\n"
"    {\"medium\": \"paper\", \"method\": \"dissolution\", \"by\": \"contractor\", \"certificate\": true, \"deadline\": \"3か月以内\"},\n"
"    {\"medium\": \"device\", \"method\": \"physical_destruction\", \"by\": \"contractor\", \"certificate\": true, \"deadline\": \"P90D\"}\n"
"  ],\n"
"  \"retention\": {\n"
"    \"period\": \"5年\",\n"
"    \"basis\": \"（保存期間の根拠）例：文書管理規程の保存期間表（5年）\"\n"
"  },\n"
"  \"access\": {\n"
"    \"staff\": 8,\n"
"    \"shared_with\": [\"（共有先の課・機関を具体的に）例：児童相談所\"],\n"
"    \"logging\": true,\n"
"    \"authentication\": \"two_factor\",\n"
"    \"restriction\": \"（アクセス制限）例：担当職員のみ閲覧でき、閲覧・更新の記録を課長が毎月点検する\"\n"
"  },\n"
"  \"devices\": {\n"
"    \"kind\": \"pc\",\n"
"    \"count\": 8,\n"
"    \"managed\": true,\n"
"    \"app_install\": \"blocked\",\n"
"    \"home_use\": false\n"
"  },\n"
"  \"platforms\": [\n"
"    {\"name\": \"（市民が使う外部サービス。なければ platforms を null に）例：LINE\",\n"
"     \"operator\": \"（運営事業者）例：LINEヤフー株式会社\", \"region\": \"domestic\", \"attachments\": [\"photo\"]}\n"
"  ],\n"
"  \"contract\": {\n"
"    \"kind\": \"lease\",\n"
"    \"years\": 3,\n"
"    \"includes\": [\"（契約に含むもの）例：機器\", \"保守\", \"データ移行\"]\n"
"  },\n"
"  \"operations\": {\n"
"    \"rules\": \"in_force\",\n"
"    \"incident_response\": true,\n"
"    \"review\": \"（見直しの時期と方法）例：毎年度、運用状況を点検し、その結果を審議会に報告する\"\n"
"  },\n"
"  \"council\": {\n"
"    \"conditions\": [\n"
"      {\"text\": \"（以前の審議会で付された条件。初めての諮問なら conditions を [] に）例：運用開始後に運用体制を報告すること\",\n"
"       \"due\": \"next_session\", \"status\": \"open\"}\n"
"    ]\n"
"  },\n"
"  \"waivers\": [\n"
"    {\"rule\": \"（例外として受け入れる指摘の規則ID。hogo rules で一覧。なければ waivers を [] に）\",\n"
"     \"reason\": \"（受け入れる理由）例：保守は既存機器の製造元に限られるため\",\n"
"     \"approved_by\": \"（承認した審議会）例：令和3年度第1回審議会\",\n"
"     \"expires\": \"";
/* end of the fiscal year */
static const char init_tail[] =
"\"}\n"
"  ]\n"
"}\n";

static int init_usage(void)
{
    fputs(cli_lang == HOGO_EN ? "usage: hogo init [--force] [FILE]   (no FILE: standard output)\n"
                               : "使い方: hogo init [--force] [FILE]   （FILE がなければ標準出力）\n", stderr);
    return CLI_EXIT_INPUT;
}

static int init_write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return 0;
        }
        s += w;
        n -= (size_t)w;
    }
    return 1;
}

static int init_emit(int fd, const char *today, const char *fy_end)
{
    return init_write_all(fd, init_head, sizeof init_head - 1) &&
           init_write_all(fd, today, strlen(today)) &&
           init_write_all(fd, init_body, sizeof init_body - 1) &&
           init_write_all(fd, fy_end, strlen(fy_end)) &&
           init_write_all(fd, init_tail, sizeof init_tail - 1);
}

int cli_init(int argc, char **argv)
{
    int force = 0;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--force")) force = 1;
        else if (!strcmp(a, "--")) { if (i + 1 < argc && !file) file = argv[++i]; else return init_usage(); }
        else if (a[0] == '-' && a[1]) { cli_say("'%s' というオプションはありません（hogo --help）", "unknown option '%s' (hogo --help)", a); return CLI_EXIT_INPUT; }
        else if (!file) file = a;
        else return init_usage();
    }
    if (file && !strcmp(file, "-")) file = NULL;

    char today[11], fy_end[16];
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm)) { memset(&tm, 0, sizeof tm); tm.tm_year = 121; tm.tm_mon = 1; tm.tm_mday = 17; }
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    /* 年度末: April..December belong to the fiscal year ending next March */
    snprintf(fy_end, sizeof fy_end, "%04d-03-31", (tm.tm_year + 1900 + (tm.tm_mon >= 3 ? 1 : 0)) % 10000);
    if (tm.tm_year + 1900 < 1000 || tm.tm_year + 1900 > 9998) { strcpy(today, "2021-02-17"); strcpy(fy_end, "2021-03-31"); }

    if (!file) {
        fflush(stdout);
        if (!init_emit(STDOUT_FILENO, today, fy_end)) {
            cli_say("標準出力に書けませんでした: %s", "cannot write to standard output: %s", strerror(errno));
            return CLI_EXIT_INPUT;
        }
        return CLI_EXIT_OK;
    }

    struct stat st;
    if (stat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_say("%s はフォルダです。%s/plan.json のようにファイル名を指定してください", "%s is a directory; give a file name such as %s/plan.json", file, file);
        return CLI_EXIT_INPUT;
    }
    if (!force) {
        /* O_EXCL: never replace what is there, even if it appears meanwhile */
        int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0) {
            if (errno == EEXIST) cli_say("%s は既にあるので書きませんでした（置き換えるなら --force）", "%s already exists; not overwritten (use --force to replace it)", file);
            else cli_say("%s: 作れません: %s", "%s: cannot create: %s", file, strerror(errno));
            return CLI_EXIT_INPUT;
        }
        int ok = init_emit(fd, today, fy_end);
        if (close(fd) != 0) ok = 0;
        if (!ok) {
            cli_say("%s: 書き込みに失敗しました: %s", "%s: write failed: %s", file, strerror(errno));
            unlink(file);
            return CLI_EXIT_INPUT;
        }
    } else {
        size_t n = strlen(file) + 16;
        char *tmp = malloc(n);
        if (!tmp) { fprintf(stderr, "hogo: out of memory\n"); return CLI_EXIT_ENGINE; }
        snprintf(tmp, n, "%s.tmp.XXXXXX", file);
        int fd = mkstemp(tmp);
        if (fd < 0) {
            cli_say("%s: 書き込めません: %s", "%s: cannot write: %s", file, strerror(errno));
            free(tmp);
            return CLI_EXIT_INPUT;
        }
        mode_t um = umask(0);
        umask(um);
        fchmod(fd, 0666 & ~um);    /* mkstemp makes 0600; a plan is an ordinary file */
        int ok = init_emit(fd, today, fy_end);
        if (close(fd) != 0) ok = 0;
        if (!ok || rename(tmp, file) != 0) {
            cli_say("%s: 書き込めません: %s", "%s: cannot write: %s", file, strerror(errno));
            unlink(tmp);
            free(tmp);
            return CLI_EXIT_INPUT;
        }
        free(tmp);
    }
    if (cli_lang == HOGO_EN)
        fprintf(stderr,
                "hogo: wrote %s. Replace each \"（…）例：\" value with the plan's own, and write null where a field does not apply"
                " (docs/plan-guide.md).\n"
                "      next: hogo validate %s && hogo check %s\n", file, file, file);
    else
        fprintf(stderr,
                "hogo: %s を作成しました。「（…）例：」の値を計画の内容に書き換え、該当しない項目は null にしてください"
                "（docs/plan-guide.md）。\n"
                "      次に: hogo validate %s && hogo check %s\n", file, file, file);
    return CLI_EXIT_OK;
}
