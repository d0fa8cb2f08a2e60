/*
 * hogo_bench.c -- the batch benchmark of `hogo check`.
 *
 * Generates N synthetic but realistic plans (plan format v1, Japanese text,
 * every section of the format, 2-3 KB each) from a fixed seed, then measures
 * in one run:
 *
 *   floor    read every file + cJSON_ParseWithLength + walk the whole tree,
 *            single thread, in this process: what any JSON tool must pay;
 *   -j 1     `hogo check --format json --fail-on critical -j 1 DIR`;
 *   -j C     the same with C = online cores;
 *   empty    `hogo check -j 1` again with a pack of as many rules as the
 *            built-in one, each with an empty check(): the pipeline's own
 *            cost (read, parse, validate, plan to Lua, the budgeted calls,
 *            the report) before any rule does any work;
 *   start-up `hogo check --format json PLAN` vs `jq . PLAN`, K runs each;
 *   rss      (optional) peak RSS of `hogo check -j C` over a big batch.
 *
 * Wall times are best of R repetitions; peak RSS is the child's ru_maxrss
 * (wait4), the largest over the repetitions.  Prints a table with the
 * targets and PASS/MISS, and with --json one machine-readable line at the end.
 *
 * Exit status: 0 unless something failed to run (hogo exiting 2 or 3, a
 * signal, a plan the generator could not write).  Missing a target is not a
 * failure: this is a measurement, not a test.
 *
 * See bench/README.md.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

/* ------------------------------------------------------------------ */
/* Small utilities                                                     */
/* ------------------------------------------------------------------ */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hogo-bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A growable byte buffer. */
typedef struct {
    char *p;
    size_t len, cap;
} buf;

static void buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1) cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

static void buf_add(buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) { buf_add(b, tmp, (size_t)n); return; }
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64 (deterministic, never rand())                      */
/* ------------------------------------------------------------------ */

typedef struct { uint64_t s; } rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned rng_below(rng *r, unsigned n)
{
    return n ? (unsigned)((rng_next(r) >> 11) % n) : 0;
}

/* Uniform in [lo, hi]. */
static int rng_range(rng *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (unsigned)(hi - lo + 1));
}

/* True with probability pct/100. */
static int rng_chance(rng *r, unsigned pct) { return rng_below(r, 100) < pct; }

#define PICK(r, arr) ((arr)[rng_below((r), (unsigned)(sizeof(arr) / sizeof((arr)[0])))])
#define COUNT(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ------------------------------------------------------------------ */
/* A JSON writer that escapes properly and pretty-prints the way people */
/* write plans: indented, with nodes deeper than `inline_depth` on one  */
/* line ({"kind": "child", "label": "…"}).                              */
/* ------------------------------------------------------------------ */

typedef struct {
    buf *b;
    int depth;
    int inline_depth;   /* containers opened at depth >= this are written on one line */
    int first[32];      /* nothing written yet in the container at this depth */
    int inl[32];        /* the container at this depth is on one line */
} jw;

static void jw_escape(buf *b, const char *s)
{
    buf_add(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':  buf_add(b, "\\\"", 2); break;
        case '\\': buf_add(b, "\\\\", 2); break;
        case '\n': buf_add(b, "\\n", 2); break;
        case '\r': buf_add(b, "\\r", 2); break;
        case '\t': buf_add(b, "\\t", 2); break;
        case '\b': buf_add(b, "\\b", 2); break;
        case '\f': buf_add(b, "\\f", 2); break;
        default:
            if (*p < 0x20) buf_printf(b, "\\u%04x", *p);
            else buf_add(b, (const char *)p, 1);
        }
    }
    buf_add(b, "\"", 1);
}

/* Separator, newline and indentation before a member, then its key. */
static void jw_key(jw *w, const char *key)
{
    if (w->depth > 0) {
        if (!w->first[w->depth]) buf_add(w->b, ",", 1);
        if (w->inl[w->depth]) {
            if (!w->first[w->depth]) buf_add(w->b, " ", 1);
        } else {
            buf_add(w->b, "\n", 1);
            for (int i = 0; i < w->depth; i++) buf_add(w->b, "  ", 2);
        }
        w->first[w->depth] = 0;
    }
    if (key) {
        jw_escape(w->b, key);
        buf_add(w->b, ": ", 2);
    }
}

static void jw_open(jw *w, const char *key, char c)
{
    jw_key(w, key);
    buf_add(w->b, &c, 1);
    int parent_inline = w->depth > 0 && w->inl[w->depth];
    w->depth++;
    if (w->depth >= 32) die("JSON nesting too deep in the generator");
    w->first[w->depth] = 1;
    w->inl[w->depth] = parent_inline || w->depth > w->inline_depth;
}

static void jw_close(jw *w, char c)
{
    int empty = w->first[w->depth];
    int inl = w->inl[w->depth];
    w->depth--;
    if (!empty && !inl) {
        buf_add(w->b, "\n", 1);
        for (int i = 0; i < w->depth; i++) buf_add(w->b, "  ", 2);
    }
    buf_add(w->b, &c, 1);
}

static void jw_obj(jw *w, const char *key) { jw_open(w, key, '{'); }
static void jw_end(jw *w) { jw_close(w, '}'); }
static void jw_arr(jw *w, const char *key) { jw_open(w, key, '['); }
static void jw_arr_end(jw *w) { jw_close(w, ']'); }

static void jw_str(jw *w, const char *key, const char *v)
{
    jw_key(w, key);
    jw_escape(w->b, v);
}

static void jw_int(jw *w, const char *key, long v)
{
    jw_key(w, key);
    buf_printf(w->b, "%ld", v);
}

static void jw_num(jw *w, const char *key, double v)
{
    jw_key(w, key);
    buf_printf(w->b, "%g", v);
}

static void jw_bool(jw *w, const char *key, int v)
{
    jw_key(w, key);
    buf_puts(w->b, v ? "true" : "false");
}

static void jw_null(jw *w, const char *key)
{
    jw_key(w, key);
    buf_puts(w->b, "null");
}

/* ------------------------------------------------------------------ */
/* Vocabulary                                                          */
/* ------------------------------------------------------------------ */

/* Full-width digits for a number (３, １２０). */
static void fw_digits(char *out, size_t cap, long v)
{
    char ascii[32];
    snprintf(ascii, sizeof ascii, "%ld", v);
    size_t o = 0;
    for (const char *p = ascii; *p && o + 4 < cap; p++) {
        if (*p >= '0' && *p <= '9') {
            /* U+FF10 + d = EF BC 90+d */
            out[o++] = (char)0xEF;
            out[o++] = (char)0xBC;
            out[o++] = (char)(0x90 + (*p - '0'));
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

/* One theme = one kind of plan a department brings to the council. */
typedef struct {
    const char *title;
    const char *dept;
    const char *kind;        /* consultation.kind */
    const char *subjects[3]; /* data.subjects[].kind, NULL-terminated */
    const char *labels[3];
    const char *record;      /* what the data is called */
    const char *scope[4];    /* what a contractor does */
    int outsourced;          /* usually has a contractor */
    int system;              /* usually has devices / a contract */
} theme;

static const theme THEMES[] = {
    {"児童相談システム機器賃貸借", "子ども支援課", "system",
     {"child", "guardian", "victim"}, {"相談対象の児童", "保護者", "虐待等の被害を受けた児童"},
     "児童相談記録", {"機器賃貸借", "保守", "初回のデータ移行", NULL}, 1, 1},
    {"新型コロナウイルスワクチン接種予約業務委託", "ワクチン接種支援室", "outsourcing",
     {"resident", NULL, NULL}, {"接種対象者", NULL, NULL},
     "接種予約情報", {"接種予約の受付", "コールセンター運営", "接種結果の月次報告", NULL}, 1, 0},
    {"自己採取HPV検査業務委託", "健康政策課", "outsourcing",
     {"resident", "patient", NULL}, {"子宮頸がん検診未受診者", "検査希望者", NULL},
     "検査対象者データ", {"案内通知の送付", "検査キットの発送", "検査の実施", "結果の送付"}, 1, 0},
    {"市営墓地焼骨受け取り及び納骨等業務委託", "環境推進課", "outsourcing",
     {"resident", "deceased", NULL}, {"市営墓地利用者", "故人", NULL},
     "墓地使用許可申請書", {"焼骨の受け取り", "納骨", "利用者との連絡調整", NULL}, 1, 0},
    {"LINEを活用した電子申請システムの導入", "ICT戦略室", "system",
     {"resident", "applicant", NULL}, {"LINE利用者", "申請者", NULL},
     "電子申請データ", {"システム提供", "運用保守", NULL, NULL}, 1, 1},
    {"GIGAスクール端末の家庭への持ち帰り", "学校教育課", "report",
     {"student", "guardian", NULL}, {"市内小・中学校の児童生徒", "保護者", NULL},
     "課題・提出物", {"端末の保守", "アカウント管理", NULL, NULL}, 0, 1},
    {"住民税課税資料のデータ入力業務委託", "税務課", "outsourcing",
     {"resident", NULL, NULL}, {"納税義務者", NULL, NULL},
     "給与支払報告書", {"課税資料のパンチ入力", "入力結果の検証", NULL, NULL}, 1, 0},
    {"特定健康診査結果のデータ化業務委託", "保険年金課", "outsourcing",
     {"resident", "patient", NULL}, {"国民健康保険被保険者", "特定健診受診者", NULL},
     "健診結果票", {"健診結果のデータ化", "受診勧奨通知の作成", NULL, NULL}, 1, 0},
    {"避難行動要支援者名簿の自主防災組織への外部提供", "危機管理課", "external_provision",
     {"elderly", "disabled", NULL}, {"要介護3以上の高齢者", "身体障害者手帳1・2級所持者", NULL},
     "避難行動要支援者名簿", {NULL, NULL, NULL, NULL}, 0, 0},
    {"国民健康保険団体連合会とのオンライン結合", "保険年金課", "online_link",
     {"resident", NULL, NULL}, {"国民健康保険被保険者", NULL, NULL},
     "レセプトデータ", {"審査支払", "データ連携", NULL, NULL}, 0, 1},
    {"介護保険要介護認定調査業務委託", "介護保険課", "outsourcing",
     {"elderly", NULL, NULL}, {"要介護認定申請者", NULL, NULL},
     "認定調査票", {"訪問調査", "調査票の作成", NULL, NULL}, 1, 0},
    {"障害福祉サービス受給者証の印刷・発送業務委託", "障がい福祉課", "outsourcing",
     {"disabled", "guardian", NULL}, {"障害福祉サービス受給者", "障害児の保護者", NULL},
     "受給者証データ", {"受給者証の印刷", "封入封緘", "発送", NULL}, 1, 0},
    {"図書館システムのクラウド化", "生涯学習課", "system",
     {"resident", "student", NULL}, {"図書館利用者", "学校図書館利用者", NULL},
     "利用者登録情報", {"クラウドサービスの提供", "データ移行", "運用保守", NULL}, 1, 1},
    {"生活保護受給者の就労支援に係るハローワークへの情報提供", "生活福祉課", "external_provision",
     {"applicant", NULL, NULL}, {"就労支援対象の生活保護受給者", NULL, NULL},
     "就労支援台帳", {NULL, NULL, NULL, NULL}, 0, 0},
    {"職員ストレスチェック実施業務委託", "人事課", "outsourcing",
     {"staff", NULL, NULL}, {"全職員（会計年度任用職員を含む）", NULL, NULL},
     "ストレスチェック結果", {"調査票の配布・回収", "結果の通知", "集団分析", NULL}, 1, 0},
    {"放課後児童クラブ入所申請における学校からの情報収集", "子ども支援課", "collection",
     {"child", "guardian", NULL}, {"入所申請児童", "保護者", NULL},
     "入所申請書", {NULL, NULL, NULL, NULL}, 0, 0},
    {"犯罪被害者等支援金の支給に係る警察署への照会", "市民活動推進課", "purpose_external_use",
     {"victim", "applicant", NULL}, {"犯罪被害者", "支援金申請者", NULL},
     "支援金申請書", {NULL, NULL, NULL, NULL}, 0, 0},
    {"前回審議会の附帯条件に係る運用状況の報告", "子ども支援課", "report",
     {"child", NULL, NULL}, {"相談対象の児童", NULL, NULL},
     "児童相談記録", {NULL, NULL, NULL, NULL}, 0, 1},
};

typedef struct {
    const char *name;
    const char *category;
    int sensitive_pct; /* chance of sensitive: true */
} item_def;

static const item_def ITEMS[] = {
    {"氏名", "identity", 0},          {"氏名（フリガナ）", "identity", 0},
    {"性別", "identity", 0},          {"住所", "contact", 0},
    {"電話番号", "contact", 0},        {"メールアドレス", "contact", 0},
    {"生年月日", "birthdate", 0},      {"個人番号", "my_number", 0},
    {"被保険者番号", "id_number", 0},  {"接種券番号", "id_number", 0},
    {"受給者番号", "id_number", 0},    {"病歴", "health", 95},
    {"健診結果", "health", 90},        {"障害の程度", "welfare", 90},
    {"生活保護受給状況", "welfare", 60}, {"世帯構成", "family", 0},
    {"家族構成", "family", 0},         {"口座番号", "financial", 0},
    {"所得額", "financial", 0},        {"財産状況", "financial", 0},
    {"学年・組", "education", 0},      {"課題・提出物", "education", 0},
    {"顔写真", "photo", 0},            {"位置情報", "location", 0},
    {"ログインID・パスワード", "credential", 0}, {"相談内容", "free_text", 70},
    {"犯罪被害の事実", "other", 100},  {"要介護度", "welfare", 80},
    {"勤務先", "other", 0},            {"緊急連絡先", "contact", 0},
};

static const char *BASIS[] = {
    "個人情報保護条例第16条", "個人情報保護条例第8条第2項第5号", "個人情報保護条例第9条第1項",
    "個人情報保護条例第10条第2項", "個人情報保護条例第11条", "個人情報の保護に関する法律第69条第2項第3号",
    "個人情報保護法施行条例第5条",
};

static const char *PURPOSE_LEAD[] = {
    "業務の効率化と市民サービスの向上を図るため、",
    "法改正に伴う事務の増加に対応するため、",
    "市民の利便性を高め、窓口の混雑を緩和するため、",
    "関係機関との連携を円滑にし、支援を必要とする方を早期に把握するため、",
    "紙による管理で生じていた紛失・誤送付のリスクを減らすため、",
    "国の補助事業を活用し、",
};

static const char *PURPOSE_TAIL[] = {
    "を実施する。", "を行うものである。", "について審議会に諮問する。",
    "に係る個人情報の取扱いについて報告する。",
};

static const char *DESC_SENTENCES[] = {
    "受託者には必要最小限の個人情報のみを提供し、業務終了後は速やかに返還又は廃棄させる。",
    "データの受け渡しは行政専用のネットワークであるLGWAN回線を利用して行う。",
    "個人情報の取扱いに関する特記仕様書を契約書に添付し、再委託は原則として禁止する。",
    "担当職員2名による読み合わせを行い、誤入力を防止する。",
    "システムは庁舎内のサーバー室に設置し、インターネットから分離された庁内ネットワークで運用する。",
    "委託業者は作業完了後に溶解証明書を提出する。",
    "相談者に配慮した面談を心掛け、聴取する項目は相談内容に応じて必要なものに限る。",
    "令和５年度からは対象を市内全域に拡大する予定である。",
    "アクセスログは１年間保存し、四半期ごとに担当課長が確認する。",
    "紙の申請書は施錠できる書庫に保管し、持ち出しは禁止している。",
    "通知の誤送付を防ぐため、封入封緘は二重チェックとする。",
    "利用者からは「手続きが分かりやすくなった」との声が寄せられている。",
    "前回審議会の意見を踏まえ、運用要綱を制定した。",
    "端末はMDMで一元管理し、アプリのインストールは管理者が許可したものに限る。",
    "事業者の選定はプロポーザル方式により行う。",
    "共有フォルダ（\\\\fs01\\kodomo\\相談記録）に保存していたデータを移行する。",
    "通称\"すくすくネット\"と呼ばれる関係機関の連絡会で情報を共有する。",
    "受託者の従事者には個人情報保護に関する研修の受講を義務付ける。",
};

static const char *PROVIDERS[] = {
    "株式会社さくら情報システム", "日本電算サービス株式会社", "株式会社むさし野ソリューションズ",
    "Google", "Amazon Web Services", "Microsoft", "富士通Japan株式会社", "株式会社TKC",
    "一般財団法人地方自治情報センター", "株式会社あおば印刷",
};

static const char *SERVICES[] = {
    "Google Drive", "Amazon S3", "Microsoft 365", "自治体専用クラウド", "LGWN-ASP",
    "kintone", "LoGoフォーム", "共同利用型システム",
};

static const char *STAFF_HOW[] = {
    "職員立ち合いのもと移行", "担当職員2名による読み合わせ", "係長による突合確認",
    "件数と抽出条件のダブルチェック", "受領書との照合", "システムの照合機能による自動確認",
};

static const char *FREQUENCY[] = {
    "毎月", "1か月ごと", "年1回", "四半期ごと", "随時", "初回のみ", "週1回", "申請の都度",
};

static const char *SHARED_WITH[] = {
    "庁内関係課", "関係機関", "児童相談所", "教育委員会", "地域包括支援センター",
    "社会福祉協議会", "自主防災組織", "警察署",
};

static const char *RESTRICTION[] = {
    "担当課の職員に限る", "課長が指定した職員のみ", "生体認証による端末ログインが必要",
    "閲覧は業務上必要な範囲に限る", "課題の提出物は教員以外が閲覧できない",
};

static const char *REVIEW[] = {
    "年1回の自己点検", "情報セキュリティ監査（年1回）", "四半期ごとのログ確認",
    "運用開始後1年で見直し", "必要に応じて随時",
};

static const char *CONTRACTOR[] = {
    "システム事業者（3者程度から選定予定）", "葬祭業者", "印刷業者", "検査機関",
    "コールセンター事業者", "データ入力業者", "医療法人社団けやき会", "指定管理者",
};

static const char *RESPONSIBILITY[] = {
    "受託者は個人情報管理責任者を置き、市は担当課長が監督する",
    "受託者の業務責任者と市の担当係長が月次で報告・確認を行う",
    "特記仕様書に責任体制図を添付する",
};

static const char *CONDITION_TEXT[] = {
    "データ移行時には複数の職員で確認すること",
    "運用面について次回審議会で報告すること",
    "責任体制の構築について契約に明記すること",
    "再委託先の一覧を提出すること",
    "端末の家庭利用に関するルールを保護者に周知すること",
};

static const char *WAIVER_RULE[] = {
    "storage-cloud", "transfer-unencrypted", "disposal-certificate", "procurement-single-bidder",
    "contract-period-basis", "network-internet-exposure", "storage-cloud-overseas" /* no such rule */,
};

static const char *WAIVER_REASON[] = {
    "国の標準仕様に基づくため", "代替手段がなく、審議会で了承済み",
    "事業規模が小さく、複数者からの見積りが困難なため", "",
};

static const char *APPROVER[] = {
    "個人情報保護審議会", "情報セキュリティ委員会", "総務部長",
};

static const char *PLATFORM_NAME[] = { "LINE", "X", "Instagram", "YouTube", "LoGoフォーム" };
static const char *PLATFORM_OPER[] = {
    "LINEヤフー株式会社", "X Corp.", "Meta Platforms, Inc.", "Google LLC", "株式会社トラストバンク",
};

static const char *CONTRACT_INCLUDES[] = {
    "機器", "保守", "データ移行", "ソフトウェアライセンス", "運用支援", "研修",
};

static const char *OWN_DEPT_TO[] = {
    "受託者", "委託業者", "システム事業者", "国民健康保険団体連合会", "自主防災組織",
    "ハローワーク", "警察署", "関係機関",
};

static const char *TRANSFER_METHOD[] = {
    "lgwan", "dedicated_line", "encrypted_usb", "usb", "email", "encrypted_email",
    "web_upload", "paper_handover", "postal_mail", "courier", "third_party_app", "api",
};
static const char *STORAGE_LOCATION[] = {
    "on_premise", "government_data_center", "cloud", "contractor", "personal_device",
};
static const char *NETWORK[] = { "closed", "lgwan", "internet", "standalone" };
static const char *REGION[] = { "domestic", "domestic", "domestic", "overseas", "unknown" };
static const char *SUBCONTRACTING[] = { "prohibited", "with_approval", "allowed" };
static const char *RESULTS_TO[] = { "city", "contractor", "subject" };
static const char *PAPER_DISPOSAL[] = { "dissolution", "shredding", "incineration", "return" };
static const char *ELEC_DISPOSAL[] = { "overwrite", "deletion", "return" };
static const char *DEVICE_DISPOSAL[] = { "degauss", "physical_destruction", "overwrite", "return" };
static const char *AUTH[] = { "password", "two_factor", "ic_card", "biometric" };
static const char *DEVICE_KIND[] = { "tablet", "pc", "smartphone" };
static const char *CONTRACT_KIND[] = { "lease", "outsourcing", "license", "purchase" };
static const char *OPS_RULES[] = { "in_force", "in_force", "drafting", "none" };

/* A duration in one of the spellings the format accepts. */
static void gen_duration(rng *r, char *out, size_t cap, int allow_indefinite, int short_term)
{
    char fw[32];
    if (short_term) {
        int months = rng_range(r, 1, 6);
        int days = PICK(r, ((const int[]){ 14, 30, 60, 90, 180 }));
        switch (rng_below(r, 6)) {
        case 0: fw_digits(fw, sizeof fw, months); snprintf(out, cap, "%sか月以内", fw); break;
        case 1: snprintf(out, cap, "%dか月以内", months); break;
        case 2: fw_digits(fw, sizeof fw, months); snprintf(out, cap, "%sヶ月以内", fw); break;
        case 3: snprintf(out, cap, "P%dD", days); break;
        case 4: snprintf(out, cap, "%d日", days); break;
        default: snprintf(out, cap, "P%dM", months); break;
        }
        return;
    }
    int years = PICK(r, ((const int[]){ 1, 3, 5, 5, 5, 10, 10, 30 }));
    switch (rng_below(r, allow_indefinite ? 7 : 6)) {
    case 0: snprintf(out, cap, "%d年", years); break;
    case 1: fw_digits(fw, sizeof fw, years); snprintf(out, cap, "%s年", fw); break;
    case 2: snprintf(out, cap, "P%dY", years); break;
    case 3: snprintf(out, cap, "1年6か月"); break;
    case 4: snprintf(out, cap, "P%dY6M", years); break;
    case 5: snprintf(out, cap, "%d年", years); break;
    default: snprintf(out, cap, "永年"); break;
    }
}

/* A date as YYYY-MM-DD or 和暦 (令和3年2月17日, 令和元年…, full-width digits). */
static void gen_date(rng *r, char *out, size_t cap, int year_lo, int year_hi)
{
    int y = rng_range(r, year_lo, year_hi), m = rng_range(r, 1, 12), d = rng_range(r, 1, 28);
    char a[16], b[16], c[16];
    switch (rng_below(r, 10)) {
    case 0: case 1: case 2: case 3:
        snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
        break;
    case 4: case 5: case 6:
        snprintf(out, cap, "令和%d年%d月%d日", y - 2018, m, d);
        break;
    case 7: case 8:
        fw_digits(a, sizeof a, y - 2018);
        fw_digits(b, sizeof b, m);
        fw_digits(c, sizeof c, d);
        snprintf(out, cap, "令和%s年%s月%s日", a, b, c);
        break;
    default:
        /* 令和元年 (2019) began on 1 May. */
        snprintf(out, cap, "令和元年%d月%d日", rng_range(r, 5, 12), d);
    }
}

/* ------------------------------------------------------------------ */
/* The plan generator                                                  */
/* ------------------------------------------------------------------ */

/* Writes plan `index` into b.  extra = description sentences to add when
 * the plan came out too small. */
static void gen_plan(rng *r, long index, int extra, buf *b)
{
    const theme *t = &THEMES[rng_below(r, COUNT(THEMES))];
    char tmp[256], tmp2[256];
    jw w = { .b = b, .depth = 0 };
    w.inline_depth = PICK(r, ((const int[]){ 2, 3, 3, 99 }));
    b->len = 0;

    jw_obj(&w, NULL);
    jw_str(&w, "format", "hogo-plan/1");
    int reiwa = rng_range(r, 2, 7);
    snprintf(tmp, sizeof tmp, "R%d-%s-%05ld", reiwa, t->dept, index + 1);
    jw_str(&w, "id", tmp);
    jw_str(&w, "title", t->title);
    jw_str(&w, "department", t->dept);
    if (!rng_chance(r, 5)) {
        gen_date(r, tmp, sizeof tmp, 2020, 2025);
        jw_str(&w, "date", tmp);
    }

    jw_obj(&w, "consultation");
    jw_str(&w, "kind", t->kind);
    if (!rng_chance(r, 10)) jw_str(&w, "basis", PICK(r, BASIS));
    jw_end(&w);

    snprintf(tmp2, sizeof tmp2, "%s%s%s", PICK(r, PURPOSE_LEAD), t->title, PICK(r, PURPOSE_TAIL));
    jw_str(&w, "purpose", tmp2);
    {
        buf d = {0};
        int n = rng_range(r, 1, 3) + extra;
        unsigned start = rng_below(r, COUNT(DESC_SENTENCES));
        for (int i = 0; i < n; i++) {
            if (i && rng_chance(r, 20)) buf_puts(&d, "\n");
            buf_puts(&d, DESC_SENTENCES[(start + (unsigned)i * 7) % COUNT(DESC_SENTENCES)]);
        }
        if (!rng_chance(r, 8)) jw_str(&w, "description", d.p ? d.p : "");
        free(d.p);
    }

    /* data */
    jw_obj(&w, "data");
    jw_arr(&w, "subjects");
    for (int i = 0; i < 3 && t->subjects[i]; i++) {
        if (i && rng_chance(r, 25)) continue;
        jw_obj(&w, NULL);
        jw_str(&w, "kind", t->subjects[i]);
        jw_str(&w, "label", t->labels[i]);
        if (rng_chance(r, 60)) jw_int(&w, "count", rng_range(r, 5, 60000));
        jw_end(&w);
    }
    jw_arr_end(&w);
    jw_arr(&w, "items");
    {
        int n = rng_range(r, 3, 7);
        unsigned used = 0;
        for (int i = 0; i < n; i++) {
            unsigned k = i == 0 ? 0 : rng_below(r, COUNT(ITEMS));
            if (used & (1u << k)) continue;
            used |= 1u << k;
            jw_obj(&w, NULL);
            jw_str(&w, "name", ITEMS[k].name);
            jw_str(&w, "category", ITEMS[k].category);
            if (ITEMS[k].sensitive_pct) jw_bool(&w, "sensitive", rng_chance(r, (unsigned)ITEMS[k].sensitive_pct));
            else if (rng_chance(r, 20)) jw_bool(&w, "sensitive", 0);
            jw_end(&w);
        }
    }
    jw_arr_end(&w);
    if (rng_chance(r, 80)) jw_int(&w, "persons", rng_range(r, 10, 120000));
    if (rng_chance(r, 60)) jw_int(&w, "annual", rng_range(r, 0, 8000));
    if (rng_chance(r, 60)) jw_int(&w, "item_types", rng_range(r, 2, 40));
    if (rng_chance(r, 50)) jw_bool(&w, "collected_always", rng_chance(r, 50));
    jw_end(&w);

    /* storage */
    if (!rng_chance(r, 7)) {
        jw_arr(&w, "storage");
        int n = rng_range(r, 1, 2);
        for (int i = 0; i < n; i++) {
            int paper = rng_chance(r, 30);
            jw_obj(&w, NULL);
            snprintf(tmp, sizeof tmp, "%s%s", t->record, paper ? "（紙）" : "");
            jw_str(&w, "what", tmp);
            jw_str(&w, "medium", paper ? "paper" : "electronic");
            const char *loc = paper ? PICK(r, ((const char *[]){ "on_premise", "contractor" }))
                                    : PICK(r, STORAGE_LOCATION);
            jw_str(&w, "location", loc);
            jw_str(&w, "network", paper ? "none" : PICK(r, NETWORK));
            if (!paper && (strcmp(loc, "cloud") == 0 || rng_chance(r, 30))) {
                jw_str(&w, "provider", PICK(r, PROVIDERS));
                if (strcmp(loc, "cloud") == 0) jw_str(&w, "service", PICK(r, SERVICES));
                jw_str(&w, "region", PICK(r, REGION));
                if (strcmp(loc, "cloud") == 0 && rng_chance(r, 70)) jw_bool(&w, "ismap", rng_chance(r, 70));
            }
            if (paper && rng_chance(r, 30)) jw_null(&w, "region"); /* stated as not applicable */
            if (!paper && rng_chance(r, 75)) jw_bool(&w, "encrypted", rng_chance(r, 80));
            jw_end(&w);
        }
        jw_arr_end(&w);
    }

    /* transfers */
    if (rng_chance(r, 85)) {
        jw_arr(&w, "transfers");
        int n = rng_range(r, 1, 2);
        for (int i = 0; i < n; i++) {
            const char *method = PICK(r, TRANSFER_METHOD);
            int back = rng_chance(r, 30);
            jw_obj(&w, NULL);
            jw_str(&w, "what", back ? "処理結果データ" : t->record);
            jw_str(&w, "from", back ? PICK(r, OWN_DEPT_TO) : t->dept);
            jw_str(&w, "to", back ? t->dept : PICK(r, OWN_DEPT_TO));
            if (rng_chance(r, 90)) jw_str(&w, "method", method);
            if (strcmp(method, "paper_handover") != 0 && strcmp(method, "postal_mail") != 0 &&
                rng_chance(r, 70))
                jw_bool(&w, "encrypted", strstr(method, "encrypted") != NULL || rng_chance(r, 60));
            if (rng_chance(r, 60)) {
                jw_obj(&w, "verification");
                jw_int(&w, "staff", rng_range(r, 1, 3));
                jw_str(&w, "how", PICK(r, STAFF_HOW));
                jw_end(&w);
            }
            if (rng_chance(r, 70)) jw_str(&w, "frequency", PICK(r, FREQUENCY));
            jw_end(&w);
        }
        jw_arr_end(&w);
    } else if (rng_chance(r, 30)) {
        jw_null(&w, "transfers");
    }

    /* outsourcing: object, null (nothing outsourced) or absent (not stated) */
    if (t->outsourced || rng_chance(r, 25)) {
        if (!rng_chance(r, 8)) {
            jw_obj(&w, "outsourcing");
            jw_str(&w, "contractor", PICK(r, CONTRACTOR));
            jw_arr(&w, "scope");
            for (int i = 0; i < 4 && t->scope[i]; i++) jw_str(&w, NULL, t->scope[i]);
            if (!t->scope[0]) jw_str(&w, NULL, "データ処理");
            jw_arr_end(&w);
            if (rng_chance(r, 90)) jw_bool(&w, "special_specifications", rng_chance(r, 85));
            if (rng_chance(r, 50)) jw_str(&w, "responsibility_structure", PICK(r, RESPONSIBILITY));
            if (rng_chance(r, 75)) jw_str(&w, "subcontracting", PICK(r, SUBCONTRACTING));
            if (rng_chance(r, 70)) jw_int(&w, "bidders", rng_range(r, 1, 5));
            if (rng_chance(r, 50)) jw_bool(&w, "audit", rng_chance(r, 50));
            if (rng_chance(r, 60)) jw_str(&w, "results_to", PICK(r, RESULTS_TO));
            jw_end(&w);
        }
    } else if (rng_chance(r, 70)) {
        jw_null(&w, "outsourcing");
    }

    /* disposal */
    if (rng_chance(r, 75)) {
        jw_arr(&w, "disposal");
        int n = rng_range(r, 1, 2);
        for (int i = 0; i < n; i++) {
            unsigned m = rng_below(r, 3);
            jw_obj(&w, NULL);
            jw_str(&w, "medium", m == 0 ? "paper" : m == 1 ? "electronic" : "device");
            jw_str(&w, "method", m == 0 ? PICK(r, PAPER_DISPOSAL)
                                 : m == 1 ? PICK(r, ELEC_DISPOSAL) : PICK(r, DEVICE_DISPOSAL));
            jw_str(&w, "by", rng_chance(r, 60) ? "contractor" : "city");
            if (rng_chance(r, 80)) jw_bool(&w, "certificate", rng_chance(r, 70));
            if (rng_chance(r, 75)) {
                gen_duration(r, tmp, sizeof tmp, 0, 1);
                jw_str(&w, "deadline", tmp);
            }
            jw_end(&w);
        }
        jw_arr_end(&w);
    }

    /* retention */
    if (rng_chance(r, 80)) {
        jw_obj(&w, "retention");
        gen_duration(r, tmp, sizeof tmp, 1, 0);
        jw_str(&w, "period", tmp);
        if (rng_chance(r, 70))
            jw_str(&w, "basis", PICK(r, ((const char *[]){ "文書管理規程", "児童福祉法施行規則",
                                                          "地方税法の更正期間", "国の通知" })));
        jw_end(&w);
    }

    /* access */
    if (rng_chance(r, 80)) {
        jw_obj(&w, "access");
        if (rng_chance(r, 80)) jw_int(&w, "staff", rng_range(r, 1, 40));
        if (rng_chance(r, 10)) {
            jw_null(&w, "shared_with");
        } else if (rng_chance(r, 60)) {
            jw_arr(&w, "shared_with");
            int n = rng_range(r, 0, 2);
            for (int i = 0; i < n; i++) jw_str(&w, NULL, PICK(r, SHARED_WITH));
            jw_arr_end(&w);
        }
        if (rng_chance(r, 70)) jw_bool(&w, "logging", rng_chance(r, 80));
        if (rng_chance(r, 70)) jw_str(&w, "authentication", PICK(r, AUTH));
        if (rng_chance(r, 50)) jw_str(&w, "restriction", PICK(r, RESTRICTION));
        jw_end(&w);
    }

    /* devices */
    if (t->system && rng_chance(r, 70)) {
        jw_obj(&w, "devices");
        jw_str(&w, "kind", PICK(r, DEVICE_KIND));
        if (rng_chance(r, 70)) jw_int(&w, "count", rng_range(r, 1, 9000));
        jw_bool(&w, "managed", rng_chance(r, 80));
        if (rng_chance(r, 80)) jw_str(&w, "app_install", rng_chance(r, 70) ? "blocked" : "allowed");
        if (rng_chance(r, 80)) jw_bool(&w, "home_use", rng_chance(r, 40));
        jw_end(&w);
    } else if (rng_chance(r, 20)) {
        jw_null(&w, "devices");
    }

    /* platforms */
    if (rng_chance(r, 20)) {
        unsigned k = rng_below(r, COUNT(PLATFORM_NAME));
        jw_arr(&w, "platforms");
        jw_obj(&w, NULL);
        jw_str(&w, "name", PLATFORM_NAME[k]);
        jw_str(&w, "operator", PLATFORM_OPER[k]);
        jw_str(&w, "region", PICK(r, REGION));
        jw_arr(&w, "attachments");
        if (rng_chance(r, 60)) jw_str(&w, NULL, "photo");
        if (rng_chance(r, 40)) jw_str(&w, NULL, "document");
        jw_arr_end(&w);
        jw_end(&w);
        jw_arr_end(&w);
    } else if (rng_chance(r, 10)) {
        jw_null(&w, "platforms");
    }

    /* contract */
    if (t->system || t->outsourced ? rng_chance(r, 80) : rng_chance(r, 20)) {
        jw_obj(&w, "contract");
        jw_str(&w, "kind", t->system ? PICK(r, CONTRACT_KIND) : "outsourcing");
        if (rng_chance(r, 85)) {
            if (rng_chance(r, 15)) jw_num(&w, "years", 0.5);
            else jw_int(&w, "years", rng_range(r, 1, 7));
        }
        jw_arr(&w, "includes");
        int n = rng_range(r, 1, 3);
        unsigned s = rng_below(r, COUNT(CONTRACT_INCLUDES));
        for (int i = 0; i < n; i++)
            jw_str(&w, NULL, CONTRACT_INCLUDES[(s + (unsigned)i) % COUNT(CONTRACT_INCLUDES)]);
        jw_arr_end(&w);
        jw_end(&w);
    }

    /* operations */
    if (rng_chance(r, 70)) {
        jw_obj(&w, "operations");
        jw_str(&w, "rules", PICK(r, OPS_RULES));
        if (rng_chance(r, 70)) jw_bool(&w, "incident_response", rng_chance(r, 75));
        if (rng_chance(r, 60)) jw_str(&w, "review", PICK(r, REVIEW));
        jw_end(&w);
    }

    /* council */
    if (rng_chance(r, 30) || strcmp(t->kind, "report") == 0) {
        jw_obj(&w, "council");
        jw_arr(&w, "conditions");
        int n = rng_range(r, 1, 2);
        for (int i = 0; i < n; i++) {
            jw_obj(&w, NULL);
            jw_str(&w, "text", PICK(r, CONDITION_TEXT));
            if (rng_chance(r, 30)) {
                jw_str(&w, "due", "next_session");
            } else if (rng_chance(r, 25)) {
                gen_date(r, tmp, sizeof tmp, 2021, 2026);
                jw_str(&w, "due", tmp);
            } else {
                snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", rng_range(r, 2021, 2026),
                         rng_range(r, 1, 12), rng_range(r, 1, 28));
                jw_str(&w, "due", tmp);
            }
            jw_str(&w, "status", rng_chance(r, 50) ? "open" : "done");
            jw_end(&w);
        }
        jw_arr_end(&w);
        jw_end(&w);
    }

    /* waivers (sometimes; some expired, some without a reason) */
    if (rng_chance(r, 12)) {
        jw_arr(&w, "waivers");
        jw_obj(&w, NULL);
        jw_str(&w, "rule", PICK(r, WAIVER_RULE));
        const char *reason = PICK(r, WAIVER_REASON);
        if (*reason) jw_str(&w, "reason", reason);
        jw_str(&w, "approved_by", PICK(r, APPROVER));
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", rng_range(r, 2022, 2028), rng_range(r, 1, 12),
                 rng_range(r, 1, 28));
        jw_str(&w, "expires", tmp);
        jw_end(&w);
        jw_arr_end(&w);
    }

    jw_end(&w);
    buf_puts(b, "\n");
}

#define PLAN_MIN_BYTES 2048
#define PLAN_MAX_BYTES 3072

/* Plan `index` of the batch for `seed`: deterministic, 2-3 KB. */
static void make_plan(uint64_t seed, long index, buf *b)
{
    uint64_t base = seed * 0x100000001B3ULL + (uint64_t)index;
    for (int attempt = 0; attempt < 64; attempt++) {
        for (int extra = 0; extra < 12; extra++) {
            rng r = { base + (uint64_t)attempt * 0x9E3779B97F4A7C15ULL };
            rng_next(&r);
            gen_plan(&r, index, extra, b);
            if (b->len > PLAN_MAX_BYTES) break;      /* try another draw */
            if (b->len >= PLAN_MIN_BYTES) return;
        }
    }
    die("could not draw plan %ld within %d-%d bytes", index, PLAN_MIN_BYTES, PLAN_MAX_BYTES);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

typedef struct {
    char **paths;
    long n;
    size_t total_bytes, min_bytes, max_bytes;
} batch;

static void write_file(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die("cannot create %s: %s", path, strerror(errno));
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("cannot write %s: %s", path, strerror(errno));
        }
        off += (size_t)w;
    }
    if (close(fd) != 0) die("cannot write %s: %s", path, strerror(errno));
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST) die("cannot create %s: %s", path, strerror(errno));
}

/* Empties dir of plan-*.json left by an earlier --keep run, so the batch is
 * exactly what is generated now; anything else in it is an error. */
static void clean_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    size_t dl = strlen(dir);
    while ((e = readdir(d))) {
        const char *nm = e->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, "..")) continue;
        size_t nl = strlen(nm);
        if (strncmp(nm, "plan-", 5) == 0 && nl > 5 && strcmp(nm + nl - 5, ".json") == 0) {
            char *p = xmalloc(dl + nl + 2);
            snprintf(p, dl + nl + 2, "%s/%s", dir, nm);
            unlink(p);
            free(p);
        } else {
            die("%s holds %s, which the benchmark did not write; use another --dir", dir, nm);
        }
    }
    closedir(d);
}

/* Generates n plans into dir (created if absent). */
static void generate(const char *dir, long n, uint64_t seed, batch *out, int keep_paths)
{
    make_dir(dir);
    clean_dir(dir);
    buf b = {0};
    out->n = n;
    out->paths = keep_paths ? xmalloc(sizeof(char *) * (size_t)(n ? n : 1)) : NULL;
    out->total_bytes = 0;
    out->min_bytes = (size_t)-1;
    out->max_bytes = 0;
    size_t dl = strlen(dir);
    char *path = xmalloc(dl + 32);
    for (long i = 0; i < n; i++) {
        make_plan(seed, i, &b);
        snprintf(path, dl + 32, "%s/plan-%06ld.json", dir, i + 1);
        write_file(path, b.p, b.len);
        out->total_bytes += b.len;
        if (b.len < out->min_bytes) out->min_bytes = b.len;
        if (b.len > out->max_bytes) out->max_bytes = b.len;
        if (keep_paths) out->paths[i] = xstrdup(path);
    }
    free(path);
    free(b.p);
}

static void remove_batch(const char *dir, long n)
{
    size_t dl = strlen(dir);
    char *path = xmalloc(dl + 32);
    for (long i = 0; i < n; i++) {
        snprintf(path, dl + 32, "%s/plan-%06ld.json", dir, i + 1);
        unlink(path);
    }
    free(path);
    rmdir(dir);
}

/* ------------------------------------------------------------------ */
/* The floor: read + parse + walk, single thread                       */
/* ------------------------------------------------------------------ */

static size_t walk(const cJSON *n)
{
    size_t c = 0;
    for (; n; n = n->next) {
        c++;
        if (n->child) c += walk(n->child);
    }
    return c;
}

static double floor_once(const batch *bt, size_t *nodes_out)
{
    size_t nodes = 0, cap = 0;
    char *data = NULL;
    double t0 = now_s();
    for (long i = 0; i < bt->n; i++) {
        int fd = open(bt->paths[i], O_RDONLY);
        if (fd < 0) die("cannot open %s: %s", bt->paths[i], strerror(errno));
        struct stat st;
        if (fstat(fd, &st) != 0) die("cannot stat %s", bt->paths[i]);
        size_t len = (size_t)st.st_size;
        if (len + 1 > cap) {
            cap = len + 1;
            data = xrealloc(data, cap);
        }
        size_t off = 0;
        while (off < len) {
            ssize_t r = read(fd, data + off, len - off);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) die("cannot read %s", bt->paths[i]);
            off += (size_t)r;
        }
        close(fd);
        cJSON *root = cJSON_ParseWithLength(data, len);
        if (!root) die("generated plan %s is not valid JSON", bt->paths[i]);
        nodes += walk(root);
        cJSON_Delete(root);
    }
    double t = now_s() - t0;
    free(data);
    *nodes_out = nodes;
    return t;
}

/* The floor's line, as --generate-only and --floor-of print it (bench/compare.py reads it). */
static void floor_print(double best, long n)
{
    printf("floor (read + cJSON parse + walk, 1 thread): %.4f s, %.0f plans/s, %.1f us/plan\n",
           best, n / best, best * 1e6 / n);
}

/* --floor-of DIR: the floor over the *.json files of DIR (a batch kept
 * by an earlier run), best of reps, printed as --generate-only prints it:
 * so a comparison can time the floor next to each run of hogo (the floor
 * and hogo drift together on a busy machine, their ratio much less). */
static int json_name(const struct dirent *d)
{
    size_t l = strlen(d->d_name);
    return d->d_name[0] != '.' && l > 5 && !strcmp(d->d_name + l - 5, ".json");
}

static int floor_of(const char *dir, long reps)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, json_name, alphasort);
    if (n < 0) die("cannot read %s: %s", dir, strerror(errno));
    if (n == 0) die("%s holds no .json file", dir);
    batch bt = { xmalloc(sizeof(char *) * (size_t)n), n, 0, 0, 0 };
    size_t dl = strlen(dir);
    for (int i = 0; i < n; i++) {
        size_t l = dl + strlen(list[i]->d_name) + 2;
        bt.paths[i] = xmalloc(l);
        snprintf(bt.paths[i], l, "%s/%s", dir, list[i]->d_name);
        free(list[i]);
    }
    free(list);
    size_t nodes = 0;
    double best = 1e300;
    for (long r = 0; r < reps; r++) {
        double t = floor_once(&bt, &nodes);
        if (t < best) best = t;
    }
    floor_print(best, bt.n);
    for (long i = 0; i < bt.n; i++) free(bt.paths[i]);
    free(bt.paths);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Running a child                                                     */
/* ------------------------------------------------------------------ */

static const char *child_cwd; /* working directory of the children (NULL = ours) */

typedef struct {
    double wall;       /* seconds */
    double cpu;        /* user + system seconds of the child */
    long maxrss_kib;
    int exited;        /* 1 when it exited (not signalled) */
    int code;          /* exit code, or signal number */
} run_result;

/* Runs argv (searched on PATH when use_path) with stdin from /dev/null,
 * stdout to out_path (NULL = /dev/null) and stderr to err_path (NULL = ours).
 * Returns 0 when it ran (whatever its status), -1 when fork failed.
 * Called only in the spawner (below). */
static int spawn_direct(char *const argv[], int use_path, const char *out_path, const char *err_path,
                        run_result *rr)
{
    double t0 = now_s();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = out_path ? open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644)
                           : open("/dev/null", O_WRONLY);
        if (in < 0 || out < 0) _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        if (child_cwd && chdir(child_cwd) != 0) _exit(126);
        if (err_path) {
            int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (err >= 0) dup2(err, 2);
        }
        if (use_path) execvp(argv[0], argv);
        else execv(argv[0], argv);
        fprintf(stderr, "hogo-bench: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) return -1;
    }
    rr->wall = now_s() - t0;
    rr->maxrss_kib = ru.ru_maxrss;
    rr->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
              (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    if (WIFEXITED(status)) {
        rr->exited = 1;
        rr->code = WEXITSTATUS(status);
    } else {
        rr->exited = 0;
        rr->code = WIFSIGNALED(status) ? WTERMSIG(status) : -1;
    }
    return 0;
}

/*
 * The spawner.  Linux carries the peak RSS of a process across fork and
 * exec: a child's ru_maxrss is at least its parent's peak RSS at the time
 * of the fork (exec_mmap folds the old mm's high-water mark into the new
 * image's maxrss).  This process grows (the validation run parses a report
 * of tens of MiB), so children forked from it would report our peak, not
 * theirs.  So every child is forked from a small process forked at start-up,
 * before anything was allocated, that does nothing else: its own peak
 * (a couple of MiB, printed with the figures) is the only floor left under
 * the children's ru_maxrss.
 *
 * Protocol over two pipes: a request is uint32 length + payload
 * "use_path\0out\0err\0arg0\0arg1\0..." (empty out/err = none); the reply
 * is an int status (0 ran, -1 fork failed), a run_result and the spawner's
 * own ru_maxrss.
 */
static int spawner_req = -1, spawner_resp = -1;
static pid_t spawner_pid = -1;
static long spawner_self_kib;

static int read_full(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

static int write_full(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static void spawner_loop(int rfd, int wfd)
{
    for (;;) {
        uint32_t len;
        if (read_full(rfd, &len, sizeof len) != 0) _exit(0);
        char *msg = malloc((size_t)len + 1);
        if (!msg || read_full(rfd, msg, len) != 0) _exit(1);
        msg[len] = '\0';
        char *fields[260];
        int nf = 0;
        for (char *p = msg; p < msg + len && nf < 259; p += strlen(p) + 1) fields[nf++] = p;
        fields[nf] = NULL;
        if (nf < 4) _exit(1);
        int use_path = fields[0][0] == '1';
        const char *out = fields[1][0] ? fields[1] : NULL;
        const char *err = fields[2][0] ? fields[2] : NULL;
        run_result rr;
        memset(&rr, 0, sizeof rr);
        int st = spawn_direct(fields + 3, use_path, out, err, &rr);
        free(msg);
        struct rusage self;
        getrusage(RUSAGE_SELF, &self);
        long self_kib = self.ru_maxrss;
        if (write_full(wfd, &st, sizeof st) != 0 || write_full(wfd, &rr, sizeof rr) != 0 ||
            write_full(wfd, &self_kib, sizeof self_kib) != 0)
            _exit(1);
    }
}

static void spawner_start(void)
{
    int req[2], resp[2];
    if (pipe(req) != 0 || pipe(resp) != 0) die("pipe failed: %s", strerror(errno));
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) die("fork failed: %s", strerror(errno));
    if (pid == 0) {
        close(req[1]);
        close(resp[0]);
        fcntl(req[0], F_SETFD, FD_CLOEXEC);
        fcntl(resp[1], F_SETFD, FD_CLOEXEC);
        spawner_loop(req[0], resp[1]);
        _exit(0);
    }
    close(req[0]);
    close(resp[1]);
    fcntl(req[1], F_SETFD, FD_CLOEXEC);
    fcntl(resp[0], F_SETFD, FD_CLOEXEC);
    spawner_req = req[1];
    spawner_resp = resp[0];
    spawner_pid = pid;
}

static void spawner_stop(void)
{
    if (spawner_pid < 0) return;
    close(spawner_req);
    close(spawner_resp);
    int status;
    while (waitpid(spawner_pid, &status, 0) < 0 && errno == EINTR) {}
    spawner_pid = -1;
}

/* Runs argv through the spawner; same contract as spawn_direct. */
static int run_child(char *const argv[], int use_path, const char *out_path, const char *err_path,
                     run_result *rr)
{
    buf m = {0};
    buf_add(&m, use_path ? "1" : "0", 2);
    buf_add(&m, out_path ? out_path : "", strlen(out_path ? out_path : "") + 1);
    buf_add(&m, err_path ? err_path : "", strlen(err_path ? err_path : "") + 1);
    for (int i = 0; argv[i]; i++) buf_add(&m, argv[i], strlen(argv[i]) + 1);
    uint32_t len = (uint32_t)m.len;
    fflush(stdout);
    fflush(stderr);
    int st = -1;
    long self_kib = 0;
    if (write_full(spawner_req, &len, sizeof len) != 0 || write_full(spawner_req, m.p, m.len) != 0 ||
        read_full(spawner_resp, &st, sizeof st) != 0 || read_full(spawner_resp, rr, sizeof *rr) != 0 ||
        read_full(spawner_resp, &self_kib, sizeof self_kib) != 0)
        die("the spawner process died");
    free(m.p);
    if (self_kib > spawner_self_kib) spawner_self_kib = self_kib;
    return st;
}

/* hogo's exit statuses 0 and 1 are both a successful screen. */
static int hogo_ok(const run_result *rr) { return rr->exited && (rr->code == 0 || rr->code == 1); }

static void describe_failure(const char *what, const run_result *rr, const char *err_path)
{
    if (rr->exited)
        fprintf(stderr, "hogo-bench: %s exited with status %d%s\n", what, rr->code,
                rr->code == 2 ? " (a plan or an argument could not be read)"
                : rr->code == 3 ? " (the engine or a rule failed)"
                : rr->code == 127 ? " (could not be started)" : "");
    else
        fprintf(stderr, "hogo-bench: %s was killed by signal %d\n", what, rr->code);
    if (err_path) {
        FILE *f = fopen(err_path, "r");
        if (f) {
            char line[1024];
            int n = 0;
            while (n < 10 && fgets(line, sizeof line, f)) {
                fprintf(stderr, "  | %s", line);
                n++;
            }
            fclose(f);
        }
    }
}

/* How many Lua rules the built-in pack has: `hogo rules --format json`,
 * less the engine's own rule.  -1 if it cannot be told. */
static long pack_rule_count(const char *hogo, const char *out_path, const char *err_path)
{
    char *argv[] = { (char *)hogo, "rules", "--no-config", "--format", "json", NULL };
    run_result rr;
    if (run_child(argv, 0, out_path, err_path, &rr) != 0 || !rr.exited || rr.code != 0) return -1;
    FILE *f = fopen(out_path, "rb");
    if (!f) return -1;
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
    fclose(f);
    unlink(out_path);
    cJSON *root = b.p ? cJSON_ParseWithLength(b.p, b.len) : NULL;
    free(b.p);
    long count = root ? 0 : -1;
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(root, "rules")) {
        const cJSON *file = cJSON_GetObjectItemCaseSensitive(r, "file");
        if (!cJSON_IsString(file) || strncmp(file->valuestring, "builtin:engine", 14) != 0) count++;
    }
    cJSON_Delete(root);
    return count;
}

/* n rules whose check() does nothing, in dir/empty-NNN.lua. */
static void write_empty_pack(const char *dir, long n)
{
    make_dir(dir);
    for (long i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/empty-%03ld.lua", dir, i + 1);
        FILE *f = fopen(path, "wb");
        if (!f) die("cannot write %s: %s", path, strerror(errno));
        fprintf(f, "return { id = \"empty-%03ld\", topic = \"storage.location\", severity = \"info\",\n"
                   "  title = { ja = \"空\", en = \"empty\" }, message = { ja = \"空\", en = \"empty\" },\n"
                   "  follow_up = { ja = \"空\", en = \"empty\" }, precedent = \"hogo-bench\",\n"
                   "  check = function(plan, ctx) end }\n", i + 1);
        if (fclose(f) != 0) die("cannot write %s", path);
    }
}

static void remove_empty_pack(const char *dir, long n)
{
    for (long i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/empty-%03ld.lua", dir, i + 1);
        unlink(path);
    }
    rmdir(dir);
}

typedef struct {
    int ran;           /* measured at all */
    int ok;            /* every run ended with status 0 or 1 */
    double best;       /* best wall time, seconds */
    double cpu;        /* CPU seconds (user + system) of the best run */
    long maxrss_kib;   /* largest peak RSS over the runs */
    int last_code;
} timing;

/* Best of reps runs of argv. */
static timing time_hogo(char *const argv[], int reps, const char *what, const char *err_path)
{
    timing t = { .ran = 1, .ok = 1, .best = 1e300, .maxrss_kib = 0 };
    for (int i = 0; i < reps; i++) {
        run_result rr;
        if (run_child(argv, 0, NULL, err_path, &rr) != 0) die("fork failed: %s", strerror(errno));
        t.last_code = rr.exited ? rr.code : -rr.code;
        if (!hogo_ok(&rr)) {
            describe_failure(what, &rr, err_path);
            t.ok = 0;
            return t;
        }
        if (rr.wall < t.best) {
            t.best = rr.wall;
            t.cpu = rr.cpu;
        }
        if (rr.maxrss_kib > t.maxrss_kib) t.maxrss_kib = rr.maxrss_kib;
    }
    return t;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    int ran, ok;
    double mean, median; /* seconds per run */
    long maxrss_kib;
} startup;

static startup time_startup(char *const argv[], int use_path, int runs, const char *what,
                            const char *err_path, int hogo_status)
{
    startup s = { .ran = 1, .ok = 1 };
    double *w = xmalloc(sizeof(double) * (size_t)(runs ? runs : 1));
    double sum = 0;
    for (int i = 0; i < runs; i++) {
        run_result rr;
        if (run_child(argv, use_path, NULL, err_path, &rr) != 0) die("fork failed: %s", strerror(errno));
        int good = hogo_status ? hogo_ok(&rr) : (rr.exited && rr.code == 0);
        if (!good) {
            describe_failure(what, &rr, err_path);
            s.ok = 0;
            free(w);
            return s;
        }
        w[i] = rr.wall;
        sum += rr.wall;
        if (rr.maxrss_kib > s.maxrss_kib) s.maxrss_kib = rr.maxrss_kib;
    }
    if (runs > 0) {
        qsort(w, (size_t)runs, sizeof(double), cmp_double);
        s.mean = sum / runs;
        s.median = runs % 2 ? w[runs / 2] : (w[runs / 2 - 1] + w[runs / 2]) / 2;
    }
    free(w);
    return s;
}

/* Is prog on PATH? */
static int on_path(const char *prog)
{
    const char *path = getenv("PATH");
    if (!path) path = "/usr/bin:/bin";
    char *copy = xstrdup(path);
    int found = 0;
    for (char *save = NULL, *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", *d ? d : ".", prog);
        if (access(full, X_OK) == 0) found = 1;
    }
    free(copy);
    return found;
}

/* Untimed check: screen the batch to a file and count input errors, so a
 * generator that drifted from the format shows up here and not as odd timings. */
static int count_input_errors(const char *hogo, const char *dir, const char *report_path,
                              const char *err_path, long *plans, long *errors, long *findings)
{
    char *argv[] = { (char *)hogo, "check", "--format", "json", "--fail-on", "critical",
                     (char *)dir, NULL };
    run_result rr;
    if (run_child(argv, 0, report_path, err_path, &rr) != 0) die("fork failed: %s", strerror(errno));
    if (!hogo_ok(&rr)) {
        describe_failure("hogo check (validation run)", &rr, err_path);
        /* Still read the report: it says which plan was refused. */
    }
    FILE *f = fopen(report_path, "rb");
    if (!f) return -1;
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
    fclose(f);
    cJSON *root = b.p ? cJSON_ParseWithLength(b.p, b.len) : NULL;
    free(b.p);
    if (!root) {
        fprintf(stderr, "hogo-bench: the report of the validation run is not JSON\n");
        return -1;
    }
    *plans = *errors = *findings = 0;
    int shown = 0;
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(root, "plans");
    const cJSON *p;
    cJSON_ArrayForEach(p, ps) {
        (*plans)++;
        const cJSON *errs = cJSON_GetObjectItemCaseSensitive(p, "errors");
        const cJSON *fs = cJSON_GetObjectItemCaseSensitive(p, "findings");
        *findings += cJSON_GetArraySize(fs);
        const cJSON *e;
        cJSON_ArrayForEach(e, errs) {
            (*errors)++;
            if (shown++ < 5) {
                const cJSON *file = cJSON_GetObjectItemCaseSensitive(p, "file");
                const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
                const cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");
                fprintf(stderr, "hogo-bench: input error in %s at %s: %s\n",
                        cJSON_IsString(file) ? file->valuestring : "?",
                        cJSON_IsString(path) ? path->valuestring : "?",
                        cJSON_IsString(msg) ? msg->valuestring : "?");
            }
        }
    }
    cJSON_Delete(root);
    return hogo_ok(&rr) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Main                                                                */
/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fputs("usage: hogo-bench [options]\n"
          "  --plans N          plans in the batch (default 2000)\n"
          "  --reps R           repetitions; wall times are the best of R (default 3)\n"
          "  --startup-runs K   runs of the start-up comparison (default 50; 0 skips it)\n"
          "  --rss-plans M      also screen M plans with -j <cores> for peak RSS (default 0 = skip)\n"
          "  --empty-rules N    also time -j 1 with N rules that do nothing (default: as many as\n"
          "                     the built-in pack has; 0 skips it)\n"
          "  --hogo PATH        the hogo binary (default ./build/hogo)\n"
          "  --jobs C           workers of the parallel run (default: online cores)\n"
          "  --seed S           generator seed (default 42)\n"
          "  --dir DIR          where to write the plans (default: a fresh /tmp/hogo-bench-XXXXXX)\n"
          "  --keep             keep the generated plans\n"
          "  --generate-only    write the plans, print their sizes and stop\n"
          "  --floor-of DIR     only time the floor over the *.json files of DIR (best of --reps)\n"
          "  --json             end with one machine-readable JSON line\n",
          f);
}

static long parse_long(const char *opt, const char *v, long lo)
{
    char *end;
    errno = 0;
    long x = strtol(v ? v : "", &end, 10);
    if (!v || *end || errno || x < lo) {
        fprintf(stderr, "hogo-bench: %s needs an integer >= %ld\n", opt, lo);
        usage(stderr);
        exit(2);
    }
    return x;
}

/* The 1-minute load average (-1 when unknown): a busy machine skews the
 * figures, the -j <cores> one first, so it is printed with them. */
static double loadavg(void)
{
    double l = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1) l = -1;
        fclose(f);
    }
    return l;
}

static const char *verdict(int judged, int pass) { return !judged ? "n/a" : pass ? "PASS" : "MISS"; }

static void json_target(cJSON *o, const char *name, int judged, int pass, double value, double limit)
{
    cJSON *t = cJSON_AddObjectToObject(o, name);
    cJSON_AddStringToObject(t, "result", verdict(judged, pass));
    if (judged) {
        cJSON_AddNumberToObject(t, "value", value);
        cJSON_AddNumberToObject(t, "limit", limit);
    }
}

static double round3(double x) { return (double)(long long)(x * 1000 + (x < 0 ? -0.5 : 0.5)) / 1000; }

int main(int argc, char **argv)
{
    long n_plans = 2000, reps = 3, startup_runs = 50, rss_plans = 0, jobs = 0, empty_rules = -1;
    uint64_t seed = 42;
    const char *hogo = "./build/hogo";
    const char *dir_opt = NULL;
    int keep = 0, json = 0, generate_only = 0;
    const char *floor_dir = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--plans")) { n_plans = parse_long(a, v, 1); i++; }
        else if (!strcmp(a, "--reps")) { reps = parse_long(a, v, 1); i++; }
        else if (!strcmp(a, "--startup-runs")) { startup_runs = parse_long(a, v, 0); i++; }
        else if (!strcmp(a, "--rss-plans")) { rss_plans = parse_long(a, v, 0); i++; }
        else if (!strcmp(a, "--empty-rules")) { empty_rules = parse_long(a, v, 0); i++; }
        else if (!strcmp(a, "--jobs")) { jobs = parse_long(a, v, 1); i++; }
        else if (!strcmp(a, "--seed")) { seed = (uint64_t)parse_long(a, v, 0); i++; }
        else if (!strcmp(a, "--hogo")) { if (!v) die("--hogo needs a path"); hogo = v; i++; }
        else if (!strcmp(a, "--dir")) { if (!v) die("--dir needs a path"); dir_opt = v; i++; }
        else if (!strcmp(a, "--keep")) keep = 1;
        else if (!strcmp(a, "--json")) json = 1;
        else if (!strcmp(a, "--generate-only")) generate_only = 1;
        else if (!strcmp(a, "--floor-of")) { if (!v) die("--floor-of needs a folder"); floor_dir = v; i++; }
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(stdout); return 0; }
        else { fprintf(stderr, "hogo-bench: unknown option %s\n", a); usage(stderr); return 2; }
    }

    if (floor_dir) return floor_of(floor_dir, reps);

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    if (jobs == 0) jobs = cores;

    char *hogo_abs = NULL;
    if (!generate_only) {
        if (access(hogo, X_OK) != 0 || !(hogo_abs = realpath(hogo, NULL)))
            die("cannot run %s (build it, or say where it is with --hogo)", hogo);
        hogo = hogo_abs;
    }

    /* Where the plans go. */
    char tmpl[] = "/tmp/hogo-bench-XXXXXX";
    char *root;
    int made_root = 0;
    if (dir_opt) {
        struct stat st;
        if (stat(dir_opt, &st) != 0) { make_dir(dir_opt); made_root = 1; }
        root = realpath(dir_opt, NULL);
        if (!root) die("cannot resolve %s: %s", dir_opt, strerror(errno));
    } else {
        if (!mkdtemp(tmpl)) die("mkdtemp failed: %s", strerror(errno));
        root = xstrdup(tmpl);
        made_root = 1;
    }

    /* hogo runs with the plans' directory as its working directory, so a
     * .hogo.json found walking up from wherever the benchmark was started
     * cannot change what is measured; hence absolute paths. */
    if (!generate_only) {
        child_cwd = root;
        /* Before anything big is allocated: see the spawner above. */
        spawner_start();
    }
    size_t rl = strlen(root);
    char *batch_dir = xmalloc(rl + 16), *rss_dir = xmalloc(rl + 16);
    char *report_path = xmalloc(rl + 32), *err_path = xmalloc(rl + 32);
    snprintf(batch_dir, rl + 16, "%s/batch", root);
    snprintf(rss_dir, rl + 16, "%s/rss", root);
    snprintf(report_path, rl + 32, "%s/report.json", root);
    snprintf(err_path, rl + 32, "%s/stderr.txt", root);

    int failed = 0;
    batch bt;
    double g0 = now_s();
    generate(batch_dir, n_plans, seed, &bt, 1);
    double gen_s = now_s() - g0;
    double mean_bytes = (double)bt.total_bytes / (double)bt.n;
    printf("hogo-bench: %ld plans in %s (seed %llu): mean %.0f B, min %zu B, max %zu B, "
           "%.1f MiB in all, generated in %.2f s\n",
           bt.n, batch_dir, (unsigned long long)seed, mean_bytes, bt.min_bytes, bt.max_bytes,
           (double)bt.total_bytes / 1048576.0, gen_s);
    if (mean_bytes < PLAN_MIN_BYTES || mean_bytes > PLAN_MAX_BYTES) {
        fprintf(stderr, "hogo-bench: mean plan size %.0f B is outside 2-3 KB\n", mean_bytes);
        failed = 1;
    }

    /* The floor. */
    size_t nodes = 0;
    double floor_best = 1e300;
    for (long i = 0; i < reps; i++) {
        double t = floor_once(&bt, &nodes);
        if (t < floor_best) floor_best = t;
    }
    printf("hogo-bench: %zu JSON nodes in the batch (%.0f per plan)\n", nodes,
           (double)nodes / (double)bt.n);

    if (generate_only) {
        floor_print(floor_best, bt.n);
        if (!keep) {
            remove_batch(batch_dir, bt.n);
            if (made_root) rmdir(root);
        }
        /* freed, so the needs.sound ctest's run under LeakSanitizer is clean */
        for (long i = 0; i < bt.n; i++) free(bt.paths[i]);
        free(bt.paths);
        free(batch_dir); free(rss_dir); free(report_path); free(err_path); free(root); free(hogo_abs);
        return failed;
    }


    /* Untimed validation run (also warms the cache with the binary). */
    long v_plans = 0, v_errors = 0, v_findings = 0;
    if (count_input_errors(hogo, batch_dir, report_path, err_path, &v_plans, &v_errors, &v_findings) != 0)
        failed = 1;
    printf("hogo-bench: validation run: %ld plans screened, %ld input errors, %ld findings\n",
           v_plans, v_errors, v_findings);
    if (v_plans != bt.n || v_errors != 0) {
        fprintf(stderr, "hogo-bench: the validation run screened %ld of %ld plans with %ld input errors\n",
                v_plans, bt.n, v_errors);
        failed = 1;
    }
    unlink(report_path);

    double load_before = loadavg();

    /* -j 1 and -j <cores>. */
    char jbuf1[] = "1", jbufc[32];
    snprintf(jbufc, sizeof jbufc, "%ld", jobs);
    char *argv1[] = { (char *)hogo, "check", "--format", "json", "--fail-on", "critical", "-j", jbuf1,
                      batch_dir, NULL };
    char *argvc[] = { (char *)hogo, "check", "--format", "json", "--fail-on", "critical", "-j", jbufc,
                      batch_dir, NULL };
    timing t1 = time_hogo(argv1, (int)reps, "hogo check -j 1", err_path);
    timing tc = { 0 };
    if (jobs >= 2) tc = time_hogo(argvc, (int)reps, "hogo check -j <cores>", err_path);
    if (!t1.ok || (tc.ran && !tc.ok)) failed = 1;

    /* The same pipeline with rules that do nothing. */
    timing te = { 0 };
    if (empty_rules < 0) {
        empty_rules = pack_rule_count(hogo, report_path, err_path);
        if (empty_rules < 0) {
            fprintf(stderr, "hogo-bench: cannot count the built-in rules (hogo rules --format json)\n");
            failed = 1;
            empty_rules = 0;
        }
    }
    size_t el = strlen(root) + 32;
    char *empty_dir = malloc(el);
    if (!empty_dir) die("out of memory");
    snprintf(empty_dir, el, "%s/empty-rules", root);
    if (empty_rules > 0) {
        write_empty_pack(empty_dir, empty_rules);
        char *argve[] = { (char *)hogo, "check", "--no-config", "--rules", empty_dir, "--format", "json",
                          "--fail-on", "critical", "-j", jbuf1, batch_dir, NULL };
        te = time_hogo(argve, (int)reps, "hogo check -j 1 (empty rules)", err_path);
        if (!te.ok) failed = 1;
        if (!keep) remove_empty_pack(empty_dir, empty_rules);
    }

    /* Start-up: one plan, hogo vs jq. */
    startup sh = { 0 }, sj = { 0 };
    int have_jq = on_path("jq");
    if (startup_runs > 0) {
        char *argvs[] = { (char *)hogo, "check", "--format", "json", bt.paths[0], NULL };
        sh = time_startup(argvs, 0, (int)startup_runs, "hogo check (one plan)", err_path, 1);
        if (!sh.ok) failed = 1;
        if (have_jq) {
            char *argvj[] = { "jq", ".", bt.paths[0], NULL };
            sj = time_startup(argvj, 1, (int)startup_runs, "jq . (one plan)", err_path, 0);
            if (!sj.ok) failed = 1;
        }
    }

    /* Peak RSS over a big batch. */
    timing tr = { 0 };
    batch rb = { 0 };
    double rss_gen_s = 0;
    if (rss_plans > 0) {
        double r0 = now_s();
        generate(rss_dir, rss_plans, seed ^ 0x5eedULL, &rb, 0);
        rss_gen_s = now_s() - r0;
        char *argvr[] = { (char *)hogo, "check", "--format", "json", "--fail-on", "critical", "-j", jbufc,
                          rss_dir, NULL };
        tr = time_hogo(argvr, 1, "hogo check (rss batch)", err_path);
        if (!tr.ok) failed = 1;
    }

    double load_after = loadavg();
    spawner_stop();

    /* ---- Report ---- */
    const double MiB = 1024.0; /* ru_maxrss is in KiB */
    double n = (double)bt.n;
    int t1ok = t1.ok, tcok = tc.ran && tc.ok;
    double ratio1 = t1ok ? t1.best / floor_best : 0;
    double speedup = t1ok && tcok ? t1.best / tc.best : 0;
    long peak_kib = 0;
    if (t1ok) peak_kib = t1.maxrss_kib;
    if (tcok && tc.maxrss_kib > peak_kib) peak_kib = tc.maxrss_kib;
    double startup_ratio = sh.ok && sh.ran && sj.ok && sj.ran && sj.median > 0 ? sh.median / sj.median : 0;

    printf("\n%-34s %9s %10s %9s %8s %9s %8s %8s\n", "", "wall s", "plans/s", "us/plan", "x floor",
           "speed-up", "RSS MiB", "CPU s");
    printf("%-34s %9.4f %10.0f %9.1f %8.2f %9s %8s %8s\n", "floor (read+parse+walk, 1 thread)",
           floor_best, n / floor_best, floor_best * 1e6 / n, 1.0, "", "-", "-");
    if (t1ok)
        printf("%-34s %9.4f %10.0f %9.1f %8.2f %9.2f %8.1f %8.3f\n", "hogo check -j 1", t1.best,
               n / t1.best, t1.best * 1e6 / n, ratio1, 1.0, t1.maxrss_kib / MiB, t1.cpu);
    else
        printf("%-34s %9s\n", "hogo check -j 1", "FAILED");
    {
        char label[64];
        snprintf(label, sizeof label, "hogo check -j %ld", jobs);
        if (tcok)
            printf("%-34s %9.4f %10.0f %9.1f %8.2f %9.2f %8.1f %8.3f\n", label, tc.best, n / tc.best,
                   tc.best * 1e6 / n, tc.best / floor_best, speedup, tc.maxrss_kib / MiB, tc.cpu);
        else if (tc.ran)
            printf("%-34s %9s\n", label, "FAILED");
        else
            printf("%-34s %9s\n", label, "skipped (1 worker)");
    }
    if (te.ran) {
        char label[64];
        snprintf(label, sizeof label, "  same, %ld empty rules", empty_rules);
        if (te.ok)
            printf("%-34s %9.4f %10.0f %9.1f %8.2f %9s %8.1f %8.3f\n", label, te.best, n / te.best,
                   te.best * 1e6 / n, te.best / floor_best, "", te.maxrss_kib / MiB, te.cpu);
        else
            printf("%-34s %9s\n", label, "FAILED");
        printf("  (the empty rules: what the pipeline costs before any rule does any work)\n");
    }
    if (startup_runs > 0) {
        printf("\nstart-up + one plan (%ld runs)      mean ms  median ms  RSS MiB\n", startup_runs);
        if (sh.ok)
            printf("  hogo check --format json PLAN   %8.2f  %9.2f  %7.1f\n", sh.mean * 1e3,
                   sh.median * 1e3, sh.maxrss_kib / MiB);
        else
            printf("  hogo check --format json PLAN   FAILED\n");
        if (!have_jq)
            printf("  jq . PLAN                       (jq not installed: not compared)\n");
        else if (sj.ok)
            printf("  jq . PLAN                       %8.2f  %9.2f  %7.1f\n", sj.mean * 1e3,
                   sj.median * 1e3, sj.maxrss_kib / MiB);
        else
            printf("  jq . PLAN                       FAILED\n");
    }
    if (rss_plans > 0) {
        printf("\nbig batch: %ld plans (%.0f MiB, generated in %.1f s), hogo check -j %ld: ", rss_plans,
               (double)rb.total_bytes / 1048576.0, rss_gen_s, jobs);
        if (tr.ok)
            printf("%.2f s (%.1f s CPU), %.0f plans/s, peak RSS %.1f MiB\n", tr.best, tr.cpu,
                   rss_plans / tr.best, tr.maxrss_kib / MiB);
        else
            printf("FAILED\n");
    }

    int j_judged = t1ok && tcok && cores >= 2;
    printf("\n%ld cores online; 1-minute load average %.2f before the timed runs, %.2f after\n",
           cores, load_before, load_after);
    printf("RSS figures are the children's ru_maxrss; none can read below the spawner's own peak, "
           "%.1f MiB\n", spawner_self_kib / 1024.0);
    printf("\ntargets\n");
    char label[96];
    printf("  %-36s %8.2fx   %s\n", "-j 1 <= 4x floor", ratio1, verdict(t1ok, ratio1 <= 4.0));
    snprintf(label, sizeof label, "-j %ld >= 1.7x faster than -j 1", jobs);
    printf("  %-36s %8.2fx   %s\n", label, speedup, verdict(j_judged, speedup >= 1.7));
    printf("  %-36s %8.1f    %s\n", "peak RSS < 64 MiB (N plans)", peak_kib / MiB,
           verdict(t1ok, peak_kib / MiB < 64.0));
    if (rss_plans > 0) {
        snprintf(label, sizeof label, "peak RSS < 64 MiB (%ld plans)", rss_plans);
        printf("  %-36s %8.1f    %s\n", label, tr.maxrss_kib / MiB, verdict(tr.ok, tr.maxrss_kib / MiB < 64.0));
    }
    printf("  %-36s %8.2fx   %s\n", "start-up + one plan <= 3x jq", startup_ratio,
           verdict(startup_ratio > 0, startup_ratio <= 3.0));

    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "bench", "hogo-bench");
        cJSON_AddNumberToObject(o, "plans", (double)bt.n);
        cJSON_AddNumberToObject(o, "seed", (double)seed);
        cJSON_AddNumberToObject(o, "reps", (double)reps);
        cJSON_AddNumberToObject(o, "cores", (double)cores);
        cJSON_AddNumberToObject(o, "jobs", (double)jobs);
        cJSON_AddNumberToObject(o, "mean_bytes", round3(mean_bytes));
        cJSON_AddNumberToObject(o, "loadavg_before", load_before);
        cJSON_AddNumberToObject(o, "loadavg_after", load_after);
        cJSON_AddNumberToObject(o, "rss_floor_mib", round3(spawner_self_kib / 1024.0));
        cJSON_AddNumberToObject(o, "nodes", (double)nodes);
        cJSON *fl = cJSON_AddObjectToObject(o, "floor");
        cJSON_AddNumberToObject(fl, "seconds", round3(floor_best * 1e3) / 1e3);
        cJSON_AddNumberToObject(fl, "plans_per_s", round3(n / floor_best));
        cJSON_AddNumberToObject(fl, "us_per_plan", round3(floor_best * 1e6 / n));
        struct { const char *name; timing *t; } runs[] = { { "j1", &t1 }, { "jcores", &tc } };
        for (size_t i = 0; i < 2; i++) {
            timing *t = runs[i].t;
            if (!t->ran) continue;
            cJSON *r = cJSON_AddObjectToObject(o, runs[i].name);
            cJSON_AddBoolToObject(r, "ok", t->ok);
            if (!t->ok) { cJSON_AddNumberToObject(r, "exit", t->last_code); continue; }
            cJSON_AddNumberToObject(r, "seconds", round3(t->best * 1e3) / 1e3);
            cJSON_AddNumberToObject(r, "cpu_seconds", round3(t->cpu * 1e3) / 1e3);
            cJSON_AddNumberToObject(r, "plans_per_s", round3(n / t->best));
            cJSON_AddNumberToObject(r, "us_per_plan", round3(t->best * 1e6 / n));
            cJSON_AddNumberToObject(r, "ratio_to_floor", round3(t->best / floor_best));
            cJSON_AddNumberToObject(r, "peak_rss_mib", round3(t->maxrss_kib / MiB));
            if (i == 1 && t1ok) cJSON_AddNumberToObject(r, "speedup", round3(speedup));
        }
        if (te.ran) {
            cJSON *r = cJSON_AddObjectToObject(o, "empty_pack");
            cJSON_AddNumberToObject(r, "rules", (double)empty_rules);
            cJSON_AddBoolToObject(r, "ok", te.ok);
            if (te.ok) {
                cJSON_AddNumberToObject(r, "seconds", round3(te.best * 1e3) / 1e3);
                cJSON_AddNumberToObject(r, "us_per_plan", round3(te.best * 1e6 / n));
                cJSON_AddNumberToObject(r, "ratio_to_floor", round3(te.best / floor_best));
                cJSON_AddNumberToObject(r, "peak_rss_mib", round3(te.maxrss_kib / MiB));
            }
        }
        if (startup_runs > 0) {
            cJSON *s = cJSON_AddObjectToObject(o, "startup");
            cJSON_AddNumberToObject(s, "runs", (double)startup_runs);
            if (sh.ok) {
                cJSON_AddNumberToObject(s, "hogo_mean_ms", round3(sh.mean * 1e3));
                cJSON_AddNumberToObject(s, "hogo_median_ms", round3(sh.median * 1e3));
            }
            if (have_jq && sj.ok) {
                cJSON_AddNumberToObject(s, "jq_mean_ms", round3(sj.mean * 1e3));
                cJSON_AddNumberToObject(s, "jq_median_ms", round3(sj.median * 1e3));
                cJSON_AddNumberToObject(s, "ratio", round3(startup_ratio));
            }
        }
        if (rss_plans > 0) {
            cJSON *r = cJSON_AddObjectToObject(o, "rss");
            cJSON_AddNumberToObject(r, "plans", (double)rss_plans);
            cJSON_AddBoolToObject(r, "ok", tr.ok);
            if (tr.ok) {
                cJSON_AddNumberToObject(r, "seconds", round3(tr.best));
                cJSON_AddNumberToObject(r, "cpu_seconds", round3(tr.cpu));
                cJSON_AddNumberToObject(r, "peak_rss_mib", round3(tr.maxrss_kib / MiB));
            }
        }
        cJSON *tg = cJSON_AddObjectToObject(o, "targets");
        json_target(tg, "j1_within_4x_floor", t1ok, ratio1 <= 4.0, round3(ratio1), 4.0);
        json_target(tg, "cores_speedup_1_7x", j_judged, speedup >= 1.7, round3(speedup), 1.7);
        json_target(tg, "peak_rss_under_64mib", t1ok, peak_kib / MiB < 64.0, round3(peak_kib / MiB), 64.0);
        if (rss_plans > 0)
            json_target(tg, "big_batch_rss_under_64mib", tr.ok, tr.maxrss_kib / MiB < 64.0,
                        round3(tr.maxrss_kib / MiB), 64.0);
        json_target(tg, "startup_within_3x_jq", startup_ratio > 0, startup_ratio <= 3.0,
                    round3(startup_ratio), 3.0);
        cJSON_AddBoolToObject(o, "ok", !failed);
        char *s = cJSON_PrintUnformatted(o);
        printf("%s\n", s);
        cJSON_free(s);
        cJSON_Delete(o);
    }

    /* Clean up. */
    if (!keep) {
        remove_batch(batch_dir, bt.n);
        if (rss_plans > 0) remove_batch(rss_dir, rss_plans);
        unlink(err_path);
        unlink(report_path);
        if (made_root) rmdir(root);
    } else {
        printf("hogo-bench: plans kept in %s\n", root);
    }
    free(empty_dir);
    for (long i = 0; i < bt.n; i++) free(bt.paths[i]);
    free(bt.paths);
    free(batch_dir);
    free(rss_dir);
    free(report_path);
    free(err_path);
    free(root);
    free(hogo_abs);
    if (failed) fprintf(stderr, "hogo-bench: something failed to run (see above)\n");
    return failed ? 1 : 0;
}
