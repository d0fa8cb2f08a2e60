/* cli_rules.c -- `hogo rules` (the pack as a table or JSON) and
 * `hogo explain` (one rule in full). */
#include "cli.h"
#include "out_common.h"

#include <string.h>

static int rules_args(cli_opts *o, int argc, char **argv, const char **format, int *topics, const char **id)
{
    for (int i = 1; i < argc; i++) {
        int c = cli_common_flag(o, argc, argv, &i);
        if (c < 0) return 0;
        if (c > 0) continue;
        if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            *format = argv[++i];
            if (strcmp(*format, "text") && strcmp(*format, "json")) {
                fprintf(stderr, "hogo: rules --format is text or json\n");
                return 0;
            }
        } else if (!strcmp(argv[i], "--topics") && topics) {
            *topics = 1;
        } else if (argv[i][0] != '-' && id && !*id) {
            *id = argv[i];
        } else {
            fprintf(stderr, "hogo: unknown argument '%s' (hogo --help)\n", argv[i]);
            return 0;
        }
    }
    return 1;
}

static void rules_json_rule(strbuf *sb, const hogo_rule_info *r)
{
    sb_puts(sb, "{\"id\": ");
    outw_json(sb, r->id);
    sb_puts(sb, ", \"topic\": ");
    outw_json(sb, r->topic);
    sb_printf(sb, ", \"severity\": \"%s\"", hogo_severity_name(r->severity));
    static const char *const names[3] = { "title", "message", "follow_up" };
    const char *const *texts[3] = { r->title, r->message, r->follow_up };
    for (int k = 0; k < 3; k++) {
        sb_printf(sb, ", \"%s\": {\"ja\": ", names[k]);
        outw_json(sb, texts[k][HOGO_JA]);
        sb_puts(sb, ", \"en\": ");
        outw_json(sb, texts[k][HOGO_EN]);
        sb_putc(sb, '}');
    }
    sb_puts(sb, ", \"precedent\": ");
    outw_json(sb, r->precedent);
    sb_puts(sb, ", \"file\": ");
    outw_json(sb, r->file);
    sb_putc(sb, '}');
}

int cli_rules(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *format = "text";
    int topics = 0;
    if (!rules_args(&o, argc, argv, &format, &topics, NULL)) return CLI_EXIT_INPUT;
    if (!cli_load_config(&o)) return CLI_EXIT_INPUT;
    if (topics) {
        for (size_t i = 0; i < hogo_topic_count(); i++) puts(hogo_topic(i));
        return CLI_EXIT_OK;
    }
    int failed;
    hogo_engine *e = cli_engine(&o, 0, &failed);
    if (!e) return CLI_EXIT_ENGINE;
    strbuf sb;
    sb_init(&sb);
    size_t n = hogo_engine_rule_count(e);
    if (!strcmp(format, "json")) {
        sb_puts(&sb, "{\"pack\": ");
        outw_json(&sb, hogo_engine_pack_version(e));
        sb_puts(&sb, ", \"rules\": [");
        for (size_t i = 0; i < n; i++) {
            sb_puts(&sb, i ? ",\n  " : "\n  ");
            rules_json_rule(&sb, hogo_engine_rule(e, i));
        }
        sb_puts(&sb, "\n]}\n");
    } else {
        for (size_t i = 0; i < n; i++) {
            const hogo_rule_info *r = hogo_engine_rule(e, i);
            sb_printf(&sb, "%-36s %-28s %-8s %s\n", r->id, r->topic, hogo_severity_name(r->severity),
                      outw_lang(r->title, o.lang));
        }
        sb_printf(&sb, "%zu rules\n", n);
    }
    fwrite(sb_cstr(&sb), 1, sb.len, stdout);
    sb_free(&sb);
    hogo_engine_free(e);
    return failed ? CLI_EXIT_ENGINE : CLI_EXIT_OK;
}

int cli_explain(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *format = "text";
    const char *id = NULL;
    if (!rules_args(&o, argc, argv, &format, NULL, &id)) return CLI_EXIT_INPUT;
    if (!id) { fprintf(stderr, "usage: hogo explain RULE_ID   (hogo rules lists them)\n"); return CLI_EXIT_INPUT; }
    if (!cli_load_config(&o)) return CLI_EXIT_INPUT;
    int failed;
    hogo_engine *e = cli_engine(&o, 0, &failed);
    if (!e) return CLI_EXIT_ENGINE;
    const hogo_rule_info *r = hogo_engine_find_rule(e, id);
    if (!r) {
        fprintf(stderr, "hogo: no rule '%s' (hogo rules lists them)\n", id);
        hogo_engine_free(e);
        return CLI_EXIT_INPUT;
    }
    strbuf sb;
    sb_init(&sb);
    if (!strcmp(format, "json")) {
        rules_json_rule(&sb, r);
        sb_putc(&sb, '\n');
    } else {
        int en = o.lang == HOGO_EN;
        sb_printf(&sb, "%s — %s\n\n", r->id, outw_lang(r->title, o.lang));
        sb_printf(&sb, "%s: %s\n%s: %s\n%s: %s\n\n", en ? "topic" : "論点", r->topic,
                  en ? "default severity" : "既定の重大度", outw_severity_word(r->severity, o.lang),
                  en ? "defined in" : "定義", r->file);
        sb_printf(&sb, "%s:\n  %s\n\n", en ? "What it reports" : "指摘の内容", outw_lang(r->message, o.lang));
        sb_printf(&sb, "%s:\n  %s\n\n", en ? "What the council will ask for" : "審議会が求める対応",
                  outw_lang(r->follow_up, o.lang));
        sb_printf(&sb, "%s:\n  %s\n", en ? "Why (precedent)" : "根拠（先例・法令）", r->precedent);
        sb_printf(&sb, "\n%s: hogo test rules/%s.test.json\n", en ? "Examples" : "例", r->id);
    }
    fwrite(sb_cstr(&sb), 1, sb.len, stdout);
    sb_free(&sb);
    hogo_engine_free(e);
    return CLI_EXIT_OK;
}
