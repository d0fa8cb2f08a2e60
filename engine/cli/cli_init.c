/* cli_init.c -- `hogo init [--force] [FILE]`: write a plan skeleton for a
 * department starting a new plan.
 *
 * JSON has no comments, so the hints live in the values: every free-text
 * field reads "（その欄の名前）例：…" and every other field holds a realistic
 * example value (the approved 児童相談システム plan of the seed minutes).
 * The library writes it from docs/plan.schema.json's x-hogo labels and
 * examples (hogo_plan_skeleton), so it has every key of the format and passes
 * `hogo validate`; docs/plan-guide.md explains each section.  Enumerations,
 * counts and booleans cannot carry a hint: the guide lists their values.
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

/* The skeleton comes from the library, which writes it from the schema's own
 * words and examples (hogo_plan_skeleton), so it has every key the format has. */
static int init_emit(int fd, const char *today, const char *fy_end)
{
    char *sk = hogo_plan_skeleton(today, fy_end);
    if (!sk) { errno = ENOMEM; return 0; }
    int ok = init_write_all(fd, sk, strlen(sk));
    free(sk);
    return ok;
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
