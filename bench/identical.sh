#!/bin/sh
# identical.sh -- every report format of the fixtures and of a benchmark
# corpus, saved or compared byte for byte.  A speed change must not change
# one byte of any report: run `save` before the change and `compare` after.
#
#   bench/identical.sh save    DIR [HOGO] [BENCH]
#   bench/identical.sh compare DIR [HOGO] [BENCH]
#
# Run compare also with HOGO_REGEX_PREFILTER=all in the environment: the
# regex prefilter (off by default, engine/regex.h) is then built after the
# first plan and used for every text.
#
# DIR holds the saved reports (and the generated corpus, in DIR/corpus);
# HOGO and BENCH default to build/hogo and build/hogo-bench.  Exit 0 when
# every report is identical (compare) or was written (save), 1 otherwise.
set -eu
mode=$1; dir=$2; hogo=${3:-build/hogo}; bench=${4:-build/hogo-bench}
root=$(cd "$(dirname "$0")/.." && pwd)
hogo=$(cd "$(dirname "$hogo")" && pwd)/$(basename "$hogo")
bench=$(cd "$(dirname "$bench")" && pwd)/$(basename "$bench")
case $mode in save|compare) ;; *) echo "usage: $0 save|compare DIR [HOGO] [BENCH]" >&2; exit 2 ;; esac
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ ! -d "$dir/corpus/batch" ]; then
    "$bench" --plans 500 --seed 7 --generate-only --keep --dir "$dir/corpus" >/dev/null
fi
out=$dir/$mode
rm -rf "$out"; mkdir -p "$out"
# One run per input set and language writes all six formats.
run_set() {
    name=$1; shift
    for lang in ja en; do
        o=$out/$name.$lang
        set +e
        (cd "$root" && "$hogo" check --no-config --today 2026-12-01 --lang "$lang" --no-color -j 2 \
            --fail-on critical \
            -f json -o "$o.json" -f sarif -o "$o.sarif" -f junit -o "$o.junit.xml" \
            -f markdown -o "$o.md" -f text -o "$o.txt" -f html -o "$o.html" "$@" \
            >"$o.stdout" 2>"$o.stderr")
        echo $? >"$o.rc"
        set -e
    done
}
run_set seed fixtures/seed
run_set examples fixtures/examples
run_set schema fixtures/schema
run_set rules fixtures/rules
run_set hostile tests/hostile/plans
run_set corpus "$dir/corpus/batch"
if [ "$mode" = compare ]; then
    if diff -r "$dir/save" "$out" >"$dir/diff.txt"; then
        echo "identical: $(ls "$out" | wc -l) files"
    else
        echo "DIFFERENT: see $dir/diff.txt" >&2; head -20 "$dir/diff.txt" >&2; exit 1
    fi
else
    echo "saved: $(ls "$out" | wc -l) files in $out"
fi
