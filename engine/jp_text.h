/* jp_text.h -- what the engine (not the public API) asks of jp_text.c: the
 * full-width folding of one character (the needs text, screen.c), and why a
 * text that looks like a date is not one, so the validator can call a
 * date that does not exist (令和3年2月30日) or a wrong 曜日 what it is. */
#ifndef HOGO_JP_TEXT_H
#define HOGO_JP_TEXT_H

typedef enum {
    JP_DATE_OK = 0,
    JP_DATE_UNREADABLE,      /* not a date form at all */
    JP_DATE_NO_MONTH,        /* month outside 1..12 */
    JP_DATE_NO_DAY,          /* the day does not exist in that month (days_in_month) */
    JP_DATE_WEEKDAY,         /* the 曜日 written is not that date's */
    JP_DATE_ERA              /* the date lies outside its era (平成32年) */
} jp_date_kind;

typedef struct {
    jp_date_kind kind;
    long year, month, day;   /* as read (Gregorian year), when a form was read */
    int days_in_month;       /* JP_DATE_NO_DAY */
    int weekday_written, weekday_real;   /* JP_DATE_WEEKDAY: 0 = Monday (月) .. 6 = Sunday (日) */
    const char *era;         /* JP_DATE_ERA: the era's name */
    long era_first, era_last;            /* YYYYMMDD */
} jp_date_why;

/* The ASCII byte the 3 bytes at u fold to as hogo_normalize folds them
 * (full-width forms, U+3000, U+2212), or 0: u[0..2] must be readable. */
char jp_fold3(const unsigned char *u);

/* 1 if s is a date hogo_parse_date reads; else 0 with why filled. */
int jp_date_check(const char *s, jp_date_why *why);

/* What to suggest for a text hogo_parse_duration cannot read, so staff are
 * not pushed to invent a number: a readable piece of it (「おおむね5年くらい」
 * -> "5年", copied into part), an event it ends with (…まで: write the event
 * with a word that ends it), a period not decided yet (未定: leave the field
 * out, and the plan is screened as not stating it), or nothing to go on. */
typedef enum {
    JP_DUR_HINT_NONE = 0,
    JP_DUR_HINT_PART,        /* part holds a readable piece of the text */
    JP_DUR_HINT_EVENT,       /* the text ends in まで but names no known ending */
    JP_DUR_HINT_UNDECIDED    /* the text says the period is not decided (未定, 契約後に決定) */
} jp_duration_hint;
jp_duration_hint jp_duration_suggest(const char *s, char *part, size_t size);
#endif
