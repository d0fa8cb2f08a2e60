#!/bin/sh
# needs_sound.sh -- the needs ctest: every rule's `needs` may only skip a
# plan the rule would not report on.  The fixtures, the test plans and a
# generated benchmark corpus are screened twice, with needs and with
# --ignore-needs, and the JSON reports must be byte-identical.  So are the
# rule tests' plans in three more spellings (full-width, case swapped, s/k
# as the code points a caseless pattern matches: needs_variants.py), which
# a words gate must fold as the rules' patterns read them.
#   bench/needs_sound.sh HOGO BENCH SOURCE_DIR WORK_DIR
set -eu
hogo=$1; bench=$2; src=$3; work=$4
rm -rf "$work"; mkdir -p "$work"
"$bench" --plans 1000 --seed 11 --generate-only --keep --dir "$work/corpus" >/dev/null
python3 "$src/bench/needs_variants.py" "$src" "$work/variants"
status=0
for set in fixtures/seed fixtures/examples fixtures/schema fixtures/rules tests/hostile/plans "$work/corpus/batch" \
           "$work/variants"; do
    name=$(echo "$set" | tr '/' '_')
    for mode in needs all; do
        flag=; [ $mode = all ] && flag=--ignore-needs
        set +e
        (cd "$src" && "$hogo" check --no-config --today 2026-12-01 --no-color -j 2 --fail-on critical $flag \
            -f json -o "$work/$name.$mode.json" "$set" >/dev/null 2>&1)
        rc=$?
        set -e
        if [ $rc -ge 3 ] || [ ! -s "$work/$name.$mode.json" ]; then
            echo "FAIL $set: hogo check ($mode) exited $rc without a report"; status=1
        fi
    done
    if cmp -s "$work/$name.needs.json" "$work/$name.all.json"; then
        echo "ok   $set: the same report with and without needs"
    else
        echo "FAIL $set: a rule skipped by its needs reports when they are ignored:"
        diff "$work/$name.needs.json" "$work/$name.all.json" | grep '"rule"' | sort | uniq -c | head
        status=1
    fi
done
exit $status
