/* test_vocab.c -- the plan format's words read from the schema (engine/vocab.c):
 * labels, value words, topic names, the spellings of a path, Japanese key and
 * value aliases, the prose list, the skeleton, and first use from many threads. */
#include "check.h"
#include "hogo.h"
#include "vocab.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>

static void *first_use(void *arg)
{
    (void)arg;
    return (void *)hogo_topic_name("storage.location", HOGO_JA);
}

/* Every key path of the skeleton ("storage[].what") into set (a ", "-joined list). */
static void key_paths(const cJSON *v, const char *prefix, char *set, size_t cap)
{
    char p[256];
    if (cJSON_IsObject(v)) {
        for (const cJSON *c = v->child; c; c = c->next) {
            snprintf(p, sizeof p, "%s%s%s", prefix, *prefix ? "." : "", c->string);
            strncat(set, p, cap - strlen(set) - 1);
            strncat(set, ",", cap - strlen(set) - 1);
            key_paths(c, p, set, cap);
        }
    } else if (cJSON_IsArray(v)) {
        snprintf(p, sizeof p, "%s[]", prefix);
        for (const cJSON *c = v->child; c; c = c->next) key_paths(c, p, set, cap);
    }
}

int main(void)
{
    /* first use races in eight threads: one table, the same answer */
    pthread_t th[8];
    void *got[8];
    for (int i = 0; i < 8; i++) pthread_create(&th[i], NULL, first_use, NULL);
    for (int i = 0; i < 8; i++) pthread_join(th[i], &got[i]);
    for (int i = 0; i < 8; i++) CHECK(got[i] && !strcmp(got[i], "保管場所") && got[i] == got[0]);

    CHECK_STR(hogo_field_label("access.logging", HOGO_JA), "アクセス記録（ログ）");
    CHECK_STR(hogo_field_label("access.logging", HOGO_EN), "Access logging");
    CHECK_STR(hogo_field_label("/storage/0/location", HOGO_JA), "保存場所");
    CHECK_STR(hogo_field_label("storage[].location", HOGO_EN), "Location");
    CHECK_STR(hogo_field_label("storage[12].location", HOGO_EN), "Location");
    CHECK_STR(hogo_field_label("transfers.verification.how", HOGO_JA), "確認の方法");
    CHECK_STR(hogo_field_label("/outsourcing/1/work_location", HOGO_JA), "作業場所");
    CHECK_STR(hogo_field_label("outsourcing.model_training", HOGO_EN), "Model training");
    CHECK(hogo_field_label("storage.nonsense", HOGO_JA) == NULL);
    CHECK(hogo_field_label(NULL, HOGO_JA) == NULL);

    CHECK_STR(hogo_value_word("consultation.kind", "outsourcing", HOGO_JA), "委託");
    CHECK_STR(hogo_value_word("consultation.kind", "outsourcing", HOGO_EN), "Outsourcing");
    CHECK_STR(hogo_value_word("transfers.method", "sanitization", HOGO_JA), "無害化");
    CHECK_STR(hogo_value_word("storage.location", "gov_cloud", HOGO_JA), "ガバメントクラウド");
    CHECK_STR(hogo_value_word("storage.region", "domestic", HOGO_JA), "国内");          /* from $defs/region */
    CHECK_STR(hogo_value_word("platforms.region", "overseas", HOGO_EN), "Overseas");
    CHECK_STR(hogo_value_word("platforms.attachments", "photo", HOGO_JA), "写真");     /* array items */
    CHECK_STR(hogo_value_word("council.conditions.due", "next_session", HOGO_JA), "次回の審議会"); /* anyOf const */
    CHECK(hogo_value_word("storage.location", "outsourcing", HOGO_JA) == NULL);

    CHECK_STR(hogo_topic_name("verification.single_person", HOGO_JA), "確認体制（一人確認）");
    CHECK_STR(hogo_topic_name("network.separation", HOGO_EN), "Network separation");
    CHECK(hogo_topic_concern("input.consistency", HOGO_EN) != NULL);
    for (size_t i = 0; i < hogo_topic_count(); i++) {
        CHECK(hogo_topic_name(hogo_topic(i), HOGO_JA) != NULL);
        CHECK(hogo_topic_name(hogo_topic(i), HOGO_EN) != NULL);
    }
    CHECK(hogo_topic_name("storage.nowhere", HOGO_JA) == NULL);

    /* aliases: the Japanese keys and the words staff write for a choice */
    const voc_field *f = voc_field_from_alias("保存期間");
    CHECK(f && !strcmp(f->path, "retention.period") && !strcmp(f->list_path, "retention.period"));
    f = voc_field_from_alias("廃棄方法");
    CHECK(f && !strcmp(f->list_path, "disposal[].method"));
    f = voc_field_from_alias("委託内容");
    CHECK(f && !strcmp(f->list_path, "outsourcing.scope[]"));
    const voc_value *v = voc_value_from_word(voc_field_find("storage.network"), "Lgwan");
    CHECK(v && !strcmp(v->value, "lgwan"));
    v = voc_value_from_word(voc_field_find("storage.location"), "lgwan-asp");
    CHECK(v && !strcmp(v->value, "lgwan_asp"));
    v = voc_value_from_word(voc_field_find("transfers.method"), "宅配便");
    CHECK(v && !strcmp(v->value, "courier"));
    v = voc_value_from_word(voc_field_find("outsourcing.work_location"), "受託者の事業所");
    CHECK(v && !strcmp(v->value, "contractor_site"));
    v = voc_value_from_word(voc_field_find("access.authentication"), "2要素認証");
    CHECK(v && !strcmp(v->value, "two_factor"));
    CHECK(voc_value_from_word(voc_field_find("access.authentication"), "宅配便") == NULL);

    /* the prose fields, in the order hogo.text_fields has always listed them */
    const char *prose[] = { "title", "purpose", "description", "data.subjects.label", "data.items.name",
                            "storage.what", "transfers.what", "transfers.verification.how", "outsourcing.scope",
                            "access.restriction", "contract.includes", "operations.review" };
    size_t np = 0;
    for (size_t i = 0; i < hogo_field_count(); i++) {
        const char *p = hogo_field_path(i);
        if (!(hogo_field_flags(p) & HOGO_FIELD_PROSE)) continue;
        CHECK(np < sizeof prose / sizeof prose[0] && !strcmp(p, prose[np]));
        np++;
    }
    CHECK_INT(np, sizeof prose / sizeof prose[0]);
    CHECK(!(hogo_field_flags("data.items.name") & HOGO_FIELD_CLAIMS));
    CHECK(hogo_field_flags("storage.what") & HOGO_FIELD_CLAIMS);
    CHECK_STR(voc_field_find("transfers.verification.how")->text_field, "verification");
    CHECK_STR(voc_field_find("outsourcing.scope")->text_field, "scope");
    CHECK_STR(voc_field_find("data.subjects.label")->text_field, "subject");

    /* {label:PATH} in a rule's words: the field's label in the text's language */
    const char *bad = NULL;
    char *x = voc_expand("{label:access.logging}を取るかどうかを記載してください", HOGO_JA, &bad);
    CHECK_STR(x, "アクセス記録（ログ）を取るかどうかを記載してください");
    CHECK(bad == NULL);
    free(x);
    x = voc_expand("state {label:council.conditions.due} and {label:access.nothing}", HOGO_EN, &bad);
    CHECK_STR(x, "state Due and {label:access.nothing}");
    CHECK(bad && !strncmp(bad, "access.nothing}", 15));
    free(x);
    {
        /* a rule naming a field the format lacks fails to load; one naming a real
         * field reports its label, in each language, also from ctx.report's texts */
        static const char bad_rule[] =
            "return { id = 'x-bad', topic = 'access.control', severity = 'low', precedent = 'none',"
            " title = { ja = 't', en = 't' }, message = { ja = '{label:access.nope}', en = 'm' },"
            " follow_up = { ja = 'f', en = 'f' }, check = function() end }";
        static const char good_rule[] =
            "return { id = 'x-good', topic = 'access.control', severity = 'low', precedent = 'none',"
            " title = { ja = 't', en = 't' }, message = { ja = '{label:access.logging}がない', en = 'no {label:access.logging}' },"
            " follow_up = { ja = 'f', en = 'f' }, check = function(plan, ctx)"
            "   ctx.report(nil, nil, { follow_up = { ja = '{label:storage.location}を書く', en = 'state the {label:storage.location}' } }) end }";
        static const char plan[] = "{\"format\":\"hogo-plan/1\",\"title\":\"t\",\"department\":\"d\",\"consultation\":{\"kind\":\"system\"}}";
        hogo_engine *e = NULL;
        CHECK(hogo_engine_new(NULL, &e) == HOGO_OK);
        CHECK(hogo_engine_load_rule(e, "x-bad.lua", bad_rule, sizeof bad_rule - 1) == HOGO_ERULE);
        CHECK(hogo_engine_load_rule(e, "x-good.lua", good_rule, sizeof good_rule - 1) == HOGO_OK);
        const hogo_rule_info *ri = hogo_engine_find_rule(e, "x-good");
        CHECK(ri && !strcmp(ri->message[HOGO_JA], "アクセス記録（ログ）がない"));
        CHECK(ri && !strcmp(ri->message[HOGO_EN], "no Access logging"));
        hogo_result *r = NULL;
        CHECK(hogo_screen(e, "p.json", plan, sizeof plan - 1, &r) == HOGO_OK);
        const hogo_finding *f = NULL;
        for (size_t i = 0; r && i < r->n_findings; i++)
            if (!strcmp(r->findings[i].rule, "x-good")) f = &r->findings[i];
        CHECK(f && !strcmp(f->follow_up[HOGO_JA], "保存場所を書く"));
        CHECK(f && !strcmp(f->follow_up[HOGO_EN], "state the Location"));
        hogo_result_free(r);
        hogo_engine_free(e);
    }

    /* the skeleton: JSON holding every field of the format */
    char *sk = hogo_plan_skeleton("2026-12-04", "2027-03-31");
    cJSON *doc = sk ? cJSON_Parse(sk) : NULL;
    CHECK(doc != NULL);
    static char set[16384];
    set[0] = ',';
    set[1] = '\0';
    key_paths(doc, "", set, sizeof set);
    for (size_t i = 0; i < hogo_field_count(); i++) {
        char want[300];
        snprintf(want, sizeof want, ",%s,", voc_get()->fields[i].list_path);
        /* an array is listed by its key; its elements' keys carry the [] */
        size_t n = strlen(want);
        if (n > 4 && !strcmp(want + n - 3, "[],")) {
            want[n - 3] = ',';
            want[n - 2] = '\0';
        }
        if (!strstr(set, want)) fprintf(stderr, "skeleton lacks %s\n", want);
        CHECK(strstr(set, want) != NULL);
    }
    CHECK(strstr(sk ? sk : "", "\"date\": \"2026-12-04\"") != NULL);
    CHECK(strstr(sk ? sk : "", "\"expires\": \"2027-03-31\"") != NULL);
    CHECK(strstr(sk ? sk : "", "（件名）例：児童相談システム機器賃貸借") != NULL);
    cJSON_Delete(doc);
    free(sk);
    return check_done();
}
