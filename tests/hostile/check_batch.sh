#!/bin/sh
# check_batch.sh -- `hogo check` on hostile input, judged from the outside.
# Run by ctest (tests/security.cmake); each mode prints what it checked and
# exits non-zero on the first broken promise (docs/security.md).
#
#   check_batch.sh batch  HOGO PYTHON3 HOSTILE_DIR
#       hostile plans (HOSTILE_DIR/plans, plus a 9 MiB plan made here) mixed
#       with one sound plan (HOSTILE_DIR/sound.json): exit 2, an error with
#       path and line for every hostile plan, a full report (findings, no
#       errors) for the sound one, a valid JSON report, nothing else broken.
#   check_batch.sh rules  HOGO PYTHON3 RULES_DIR PLAN...
#       a rule directory full of hostile rules (and one good rule, zz-good):
#       exit 3, every plan still screened and reported, each hostile rule an
#       error naming its file, line and the limit hit, the good rule's finding
#       on every plan, and no side effect outside.
#   check_batch.sh output HOGO PYTHON3 PLAN
#       --output FILE: a failure leaves no FILE.tmp.* behind and no partial
#       FILE; success replaces the old file by rename (a new inode); a run
#       killed midway leaves the old FILE whole.
set -u
mode=$1 hogo=$2 py=$3
shift 3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hogo-hostile.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

case $mode in
batch)
    dir=$1
    # a copy, so that the 9 MiB plan is made outside the source tree
    mkdir "$tmp/batch" && cp "$dir"/plans/*.json "$dir"/sound.json "$tmp/batch/" || exit 1
    "$py" -c "import sys; sys.stdout.write('{\"format\":\"hogo-plan/1\",\"title\":\"' + 'a' * (9 << 20) + '\"}')" \
        > "$tmp/batch/too-big.json" || exit 1
    n=$(ls "$tmp/batch" | wc -l)
    start=$(date +%s)
    "$hogo" check --no-config --format json --today 2021-02-17 "$tmp/batch" > "$tmp/report.json" 2> "$tmp/stderr"
    rc=$?
    end=$(date +%s)
    echo "hogo check on $n plans: exit $rc in $((end - start)) s"
    [ "$rc" -eq 2 ] || { cat "$tmp/stderr"; fail "exit status $rc, want 2 (input errors)"; }
    "$py" - "$tmp/report.json" "$n" <<'EOF' || exit 1
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))      # a valid JSON report
plans = report["plans"]
assert len(plans) == int(sys.argv[2]), "%d plans reported, %s given" % (len(plans), sys.argv[2])
for p in plans:
    name = p["file"].rsplit("/", 1)[-1]
    if name == "sound.json":
        assert p["screened"], "the sound plan was not screened"
        assert not p["errors"] and not p["rule_errors"], "the sound plan has errors: %r" % (p["errors"] + p["rule_errors"])
        assert len(p["findings"]) >= 5, "the sound plan has %d findings" % len(p["findings"])
        for f in p["findings"]:
            assert f["rule"] and f["message"]["ja"] and f["message"]["en"] and f["line"] >= 1, f
        print("ok  sound.json: screened, %d findings, no errors" % len(p["findings"]))
        continue
    assert not p["screened"], "%s was screened" % name
    assert not p["findings"] and not p["rule_errors"], "%s has findings or rule errors" % name
    assert p["errors"], "%s: no error" % name
    for e in p["errors"]:
        assert isinstance(e["path"], str) and isinstance(e["line"], int) and e["message"], e
        # every error has a place; only "the file as a whole is too big" has none
        if name != "too-big.json":
            assert e["line"] >= 1 and e["column"] >= 1, "%s: error without a line: %r" % (name, e)
    if name == "too-big.json":
        assert "--max-plan-bytes" in p["errors"][0]["message"], p["errors"][0]
    print("ok  %-24s %s:%d:%d %s" % (name, p["errors"][0]["path"][:40], p["errors"][0]["line"],
                                     p["errors"][0]["column"], p["errors"][0]["message"][:70]))
s = report["summary"]
print("summary:", json.dumps(s, ensure_ascii=False))
EOF
    ;;
rules)
    rules=$1
    shift
    marker=/tmp/hogo-hostile-rule-ran
    rm -f "$marker"
    start=$(date +%s)
    "$hogo" check --no-config --format json --rules "$rules" "$@" > "$tmp/report.json" 2> "$tmp/stderr"
    rc=$?
    end=$(date +%s)
    echo "hogo check --rules $rules on $# plans: exit $rc in $((end - start)) s"
    cat "$tmp/stderr"
    [ "$rc" -eq 3 ] || fail "exit status $rc, want 3 (a rule failed)"
    [ ! -e "$marker" ] || fail "a rule reached the shell ($marker exists)"
    grep -q "bytecode.lua" "$tmp/stderr" || grep -q "binary chunk" "$tmp/stderr" || fail "bytecode.lua was not refused"
    "$py" - "$tmp/report.json" "$#" "$rules" <<'EOF' || exit 1
import json, os, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
plans, rules_dir = report["plans"], sys.argv[3]
assert len(plans) == int(sys.argv[2]), "%d plans reported" % len(plans)
# what each hostile rule must be stopped by
want = {
    "loop": "instruction budget", "pcall-loop": "instruction budget", "table-move": "instruction budget",
    "memory-bomb": "memory budget", "string-rep": "memory budget", "recursion": "",
    "os-execute": "global 'os'", "io-open": "global 'io'", "require": "global 'require'",
    "finalizer": "__gc", "tamper-plan": "read-only", "tamper-ctx": "read-only", "tamper-string": "read-only",
    "regex-bomb": "regex stopped",
}
for p in plans:
    assert p["screened"], "%s was not screened" % p["file"]
    errs = {e["rule"]: e for e in p["rule_errors"] if not e.get("at_load")}
    # a rule that did not load is in every plan's report (issue 11)
    unloaded = [e for e in p["rule_errors"] if e.get("at_load")]
    assert [e["rule"] for e in unloaded] == ["bytecode"], unloaded
    assert "binary chunk" in unloaded[0]["message"] and unloaded[0]["file"].endswith("bytecode.lua"), unloaded
    assert p["verdict"] == "re_examine", p["verdict"]
    for rule, text in want.items():
        e = errs.get(rule)
        assert e, "%s: %s was not stopped" % (p["file"], rule)
        assert e["file"] == os.path.join(rules_dir, rule + ".lua"), e
        assert e["line"] >= 5 and ("%s.lua:%d:" % (rule, e["line"])) in e["message"], e
        assert text in e["message"], e
    assert not [r for r in errs if r not in want], "unexpected rule errors: %r" % sorted(errs)
    good = [f for f in p["findings"] if f["rule"] == "zz-good"]
    assert len(good) == 1 and good[0]["message"]["en"] == "OK nil", "the good rule: %r" % good
    # many findings are not a failure: the first 1000, and one that counts the rest
    flood = [f for f in p["findings"] if f["rule"] == "flood"]
    assert len(flood) == 1001, len(flood)
    assert any("99000 more findings" in f["message"]["en"] for f in flood), flood[0]
    others = [f["rule"] for f in p["findings"] if f["rule"] not in ("zz-good", "flood")]
    assert not others, "hostile rules reported: %r" % others
    print("ok  %s: %d rules stopped, the good rule ran" % (p["file"], len(errs)))
EOF
    ;;
output)
    plan=$1
    out="$tmp/out/report.json"
    mkdir "$tmp/out" || exit 1
    # 1. the target is a directory: writing succeeds, the rename fails
    mkdir "$tmp/out/taken.json"
    "$hogo" check --no-config --format json --output "$tmp/out/taken.json" "$plan" > /dev/null 2> "$tmp/stderr"
    rc=$?
    [ "$rc" -ne 0 ] || fail "--output onto a directory exited 0"
    [ -d "$tmp/out/taken.json" ] || fail "the directory was replaced"
    ls "$tmp/out" | grep -q '\.tmp\.' && fail "a temporary file was left: $(ls "$tmp/out")"
    echo "ok  failed rename (exit $rc): no temporary file left"
    # 2. a directory that does not exist: nothing created
    "$hogo" check --no-config --format json --output "$tmp/none/report.json" "$plan" > /dev/null 2>&1 && fail "--output into a missing directory exited 0"
    [ ! -e "$tmp/none" ] || fail "$tmp/none was created"
    echo "ok  missing directory: refused, nothing created"
    # 3. success replaces the old file by rename
    echo "OLD REPORT" > "$out"
    before=$(ls -i "$out" | cut -d' ' -f1)
    "$hogo" check --no-config --format json --output "$out" "$plan" > /dev/null 2>&1
    rc=$?
    [ "$rc" -le 2 ] || fail "hogo check exited $rc"
    after=$(ls -i "$out" | cut -d' ' -f1)
    [ "$before" != "$after" ] || fail "the report was rewritten in place (same inode $before)"
    "$py" -c "import json,sys; json.load(open(sys.argv[1]))" "$out" || fail "the new report is not valid JSON"
    ls "$tmp/out" | grep -q '\.tmp\.' && fail "a temporary file was left: $(ls "$tmp/out")"
    echo "ok  success: replaced by rename (inode $before -> $after), valid JSON, no temporary file"
    # 4. killed midway: the old report is still whole
    echo "OLD REPORT" > "$out"
    mkdir "$tmp/many"
    i=0
    while [ $i -lt 3000 ]; do cp "$plan" "$tmp/many/plan$i.json"; i=$((i + 1)); done
    "$hogo" check --no-config --format json -j1 --output "$out" "$tmp/many" > /dev/null 2>&1 &
    pid=$!
    sleep 0.2
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    if [ "$(cat "$out")" = "OLD REPORT" ]; then
        echo "ok  killed midway: the old report is whole"
    else
        "$py" -c "import json,sys; assert len(json.load(open(sys.argv[1]))['plans']) == 3000" "$out" ||
            fail "after a kill the report is neither the old one nor a complete new one"
        echo "ok  (the run finished before the kill: the report is complete)"
    fi
    ;;
*)
    fail "unknown mode $mode"
    ;;
esac
echo "all checks passed"
