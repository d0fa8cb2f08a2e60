#!/bin/sh
# text_fields.sh -- the text_fields ctest: the pack's shared facts done in C
# against their Lua reference on every plan of the fixtures, the test plans,
# the hostile plans and 500 generated plans: common.text_fields walked in C
# (hogo.text_fields, engine/hogo_lib.c) against common.text_fields_lua, and
# gov.says / gov.mentions (hogo.prose_reader) against gov.says_lua /
# gov.mentions_lua, and common.all_answered (hogo.plan_every,
# engine/hogo_facts.c) against common.all_answered_lua, with the probe rules
# tests/text-fields/*-probe.lua beside the pack's libraries.
#   tests/text_fields.sh HOGO BENCH SOURCE_DIR WORK_DIR
set -eu
hogo=$1; bench=$2; src=$3; work=$4
rm -rf "$work"; mkdir -p "$work/rules"
cp "$src"/rules/_*.lua "$src"/tests/text-fields/*-probe.lua "$work/rules/"
"$bench" --plans 500 --seed 5 --generate-only --keep --dir "$work/corpus" >/dev/null
status=0
for set in fixtures/seed fixtures/examples fixtures/schema fixtures/rules tests/hostile/plans "$work/corpus/batch"; do
    out=$work/$(echo "$set" | tr '/' '_').txt
    set +e
    (cd "$src" && "$hogo" check --no-config --rules "$work/rules" --lang en --no-color -f text --fail-on critical "$set" >"$out" 2>&1)
    set -e
    plans=$(grep -c "^== \|^## \|^\[" "$out" || true)
    if grep -q "mismatch at entry" "$out"; then
        echo "FAIL $set: the C walk and the Lua reference differ:"; grep "mismatch at entry" "$out" | head -5; status=1
    elif grep -q "failed [a-z-]*-probe\|-probe.*fail\|rule error" "$out"; then
        echo "FAIL $set: a probe failed:"; grep "probe" "$out" | head -5; status=1
    elif [ "$set" != tests/hostile/plans ] && grep -q "declined" "$out"; then
        echo "FAIL $set: the C walk declined a well-formed plan"; status=1
    else
        echo "ok   $set: the same text fields, prose answers and plan strings in C and in Lua"
    fi
done
exit $status
