/* out_common.h -- helpers shared by the SARIF, JUnit and Markdown writers
 * (outw_ prefix).  Text reaching a report comes from plan files, rule files
 * and rule code, none of which is guaranteed to be valid UTF-8; every string
 * goes through outw_clean before an escaper so the report itself always is. */
#ifndef HOGO_OUT_COMMON_H
#define HOGO_OUT_COMMON_H
#include "hogo.h"
#include "strbuf.h"

/* s with every invalid UTF-8 sequence (and, when xml, U+FFFE/U+FFFF, which
 * XML forbids) replaced by U+FFFD.  Returns s itself when nothing needed
 * fixing; otherwise a copy that *tofree owns (free it).  NULL gives "". */
const char *outw_clean(const char *s, char **tofree, int xml);
/* Length of the valid UTF-8 sequence at p (1..4), or 0 if it is not one
 * (overlongs, surrogates and code points above U+10FFFF are not). */
size_t outw_utf8_len(const unsigned char *p);

/* Escapers over outw_clean.  outw_json never writes null: NULL is "". */
void outw_json(strbuf *sb, const char *s);
void outw_xml(strbuf *sb, const char *s);
/* security: text for the HTML report: C0 (but newlines) and C1 controls,
 * DEL and the bidirectional overrides and isolates (U+202A-202E,
 * U+2066-2069) become U+FFFD as outw_safe does -- a U+202E in a title
 * reversed what a member read -- then XML-escaped. */
void outw_html(strbuf *sb, const char *s);
/* A Markdown table cell or heading text (sb_md_cell on the cleaned text,
 * control characters replaced as outw_safe does, newlines kept as <br>).
 * security: text from a plan cannot make a link, an image or an autolink
 * when the Markdown is rendered: [ ] ( ) ! : @ and \ are backslash-escaped
 * (CommonMark escapes any ASCII punctuation; an escaped ':' or '@' is not
 * seen by GFM's autolink triggers, so http://… and a@b.jp stay text), '<'
 * is &lt; and "www." loses its dot to an escape. */
void outw_md(strbuf *sb, const char *s);
/* Only what a table cell needs (sb_md_cell on the cleaned text): for the
 * inside of a code span, where nothing is interpreted but '|' and the span's
 * end, and for `hogo rules`' reference of the pack's own texts (reviewed
 * with the pack; docs/rules/ is generated from it). */
void outw_md_cell(strbuf *sb, const char *s);
/* security: SARIF message text (SARIF 2.1.0 §3.11.6): its "[text](n)" are
 * embedded links, so literal [ ] and \ are backslash-escaped, then JSON. */
void outw_sarif_text(strbuf *sb, const char *s);

/* security: append s for a terminal or a plain-text line: invalid UTF-8,
 * C0 and C1 control characters, DEL and the bidirectional overrides become
 * U+FFFD, and a newline or tab a space (keep_newlines: newlines stay), so
 * that no text a rule or a plan wrote can move the cursor, set a title,
 * clear the screen or start a forged row. */
void outw_safe(strbuf *sb, const char *s, int keep_newlines);
/* outw_safe into one of a few per-thread buffers, for printf arguments at
 * the command line's print sites: valid until 8 more calls on the thread. */
const char *outw_term(const char *s);

/* t[lang] when set and non-empty, else the other language, else "". */
const char *outw_lang(const char *const *t, hogo_lang lang);

/* "critical" / 重大 ... ; "approve with conditions" / 条件付き承認 ... */
const char *outw_severity_word(hogo_severity s, hogo_lang lang);
const char *outw_severity_id(hogo_severity s);     /* info low medium high critical */
const char *outw_verdict_word(hogo_verdict v, hogo_lang lang);
/* The plan's identity as one line for people ("子ども支援課 / 志木市 / 2021-02-17 /
 * 委託・システム"); nothing is written when the plan states none of it. */
void outw_identity(strbuf *sb, const hogo_result *r, hogo_lang lang);
const char *outw_consultation_word(const char *kind, hogo_lang lang);
/* A topic's name for a reader (保管場所; the vocabulary's x-hogo-topics), the
 * id itself for a topic the format does not name. */
const char *outw_topic_word(const char *topic, hogo_lang lang);
/* Where a finding is, in the field labels of a reader (受け渡し 1件目 ›
 * 確認体制 › 確認する職員数) for the JSON pointer path; a key the format does
 * not name is shown as written.  Nothing for the whole plan (""). */
void outw_field_where(strbuf *sb, const char *path, hogo_lang lang);
const char *outw_verdict_id(hogo_verdict v);       /* hogo_verdict_name(v) */

/* Index of the rule with this id in c's engine, or -1. */
long outw_rule_index(const hogo_engine *e, const char *id);

/* The order to list r's findings in for a reader: most severe first, the
 * engine's order among equals.  Writes r->n_findings indexes into a malloc'd
 * array the caller frees; NULL when there are none or memory ran out (then
 * list them in the engine's order). */
size_t *outw_by_severity(const hogo_result *r);

/* 1 when the plan has an unwaived finding at or above fail_on. */
int outw_failing(const hogo_result *r, hogo_severity fail_on);
#endif
