#!/usr/bin/env python3
"""The sandbox's promises seen from the hogo command line (issue 11).

usage: cli_security.py HOGO SRCDIR WORKDIR GROUP

Run by ctest as security.cli.GROUP (tests/security.cmake).  Each group
prints one line per check and ends with "N passed, M failed"; exit 1 when a
check failed.  Standard library only.
"""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HOGO, SRC, WORK, GROUP = (sys.argv[1:5] + [None] * 4)[:4]
if not GROUP:
    sys.exit(__doc__)
HOGO, SRC, WORK = os.path.abspath(HOGO), os.path.abspath(SRC), os.path.abspath(WORK)
CLI_RULES = os.path.join(SRC, "tests", "cli", "rules")
CLEAN = os.path.join(SRC, "tests", "cli", "plans", "clean.json")
passed = failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what + (": " + detail if detail else ""))
    return cond


def run(args, timeout=120):
    p = subprocess.run([HOGO] + args, cwd=WORK, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def pack_with(name, text):
    """A copy of the CLI test pack plus one more rule file."""
    d = os.path.join(WORK, "pack-" + name.replace(".", "-"))
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(CLI_RULES, d)
    write(os.path.join(d, name), text)
    return d


# ------------------------------------------------------- load failures in every report

def t_load_failures():
    """A rule file that exists but does not load: every format says so, and
    the plan (clean with the rest of the pack) is never `approve`."""
    rules = pack_with("broken.lua", "return {\n  id = 'broken',\n  check = function(plan, ctx)\n")
    base = ["check", "--no-config", "--today", "2021-02-17", "--rules", rules]
    rc, out, err = run(base + ["--format", "json", CLEAN])
    check(rc == 3, "json: a rule that did not load exits 3", "got %d" % rc)
    try:
        rep = json.loads(out)
    except ValueError:
        rep = None
    check(rep is not None, "json: the report is valid JSON", out[-300:])
    if rep:
        p = rep["plans"][0]
        errs = [e for e in p["rule_errors"] if e.get("at_load")]
        check(len(errs) == 1, "json: rule_errors names the file that did not load", json.dumps(p["rule_errors"]))
        if errs:
            check(errs[0]["file"].endswith("broken.lua") and errs[0]["line"] > 0,
                  "json: with its file and line", json.dumps(errs[0]))
        check(p["verdict"] != "approve", "json: never approve with a rule missing", p["verdict"])
        check(rep["summary"]["rule_errors"] >= 1, "json: the summary counts it", json.dumps(rep["summary"]))
    rc, out, _ = run(base + ["--format", "sarif", CLEAN])
    try:
        sarif = json.loads(out)
        inv = sarif["runs"][0]["invocations"][0]
    except (ValueError, KeyError, IndexError):
        inv = {}
    check(inv.get("executionSuccessful") is False, "sarif: executionSuccessful is false", json.dumps(inv)[:300])
    notes = inv.get("toolExecutionNotifications", [])
    check(any("broken.lua" in json.dumps(n) for n in notes), "sarif: a notification names broken.lua")
    rc, out, _ = run(base + ["--format", "junit", CLEAN])
    try:
        root = ET.fromstring(out)
        errors = [e for e in root.iter("error") if "broken.lua" in (e.text or "")]
    except ET.ParseError:
        errors = []
    check(len(errors) >= 1, "junit: an <error> names broken.lua", out[-300:])
    for fmt in ("text", "markdown"):
        rc, out, _ = run(base + ["--format", fmt, "--lang", "en", CLEAN])
        check("broken.lua" in out, "%s: the report names broken.lua" % fmt, out[-300:])
        check(rc == 3, "%s: exit 3" % fmt, "got %d" % rc)


# ------------------------------------------------------- no state across plans

STATEFUL = """return { id = "stateful", topic = "storage.location", severity = "low",
  title = {ja = "状態", en = "state"}, message = {ja = "{v}", en = "{v}"},
  follow_up = {ja = "なし", en = "none"}, precedent = "tests/hostile/cli_security.py",
  check = function(plan, ctx)
    seen = (seen or "") .. "|" .. tostring(plan.title)
    ctx.report(plan, nil, {vars = {v = seen}})
  end }
"""


def t_state():
    """A rule that keeps what it saw in a global: the report of a plan is the
    same whatever came before it in the batch and however many workers ran."""
    rules = pack_with("stateful.lua", STATEFUL)
    plans = [os.path.join(SRC, "tests", "cli", "plans", n) for n in ("clean.json", "medium.json", "findings.json")]
    base = ["check", "--no-config", "--today", "2021-02-17", "--rules", rules, "--format", "json"]
    reports = {}
    for name, args in (("forward -j1", ["-j", "1"] + plans), ("backward -j1", ["-j", "1"] + plans[::-1]),
                       ("forward -j2", ["-j", "2"] + plans)):
        rc, out, err = run(base + args)
        try:
            rep = json.loads(out)
        except ValueError:
            check(False, name + ": JSON report", err[-300:])
            continue
        reports[name] = {p["file"]: [(f["rule"], f["path"], f["message"]["en"]) for f in p["findings"]]
                         for p in rep["plans"]}
    names = list(reports)
    for n in names[1:]:
        check(reports[n] == reports[names[0]], "%s gives the same report per plan as %s" % (n, names[0]))
    for n, rep in reports.items():
        msgs = [m for fs in rep.values() for (rule, _, m) in fs if rule == "stateful"]
        check(len(msgs) == len(plans) and all(m.count("|") == 1 for m in msgs),
              "%s: no plan's report holds another plan's title" % n, repr(msgs))


# ------------------------------------------------------- many findings are not a failure

def t_many_findings():
    """20,000 transfers that each trip a rule: the first 1000 findings and one
    that counts the rest, exit by severity (1 for a high finding), not 3;
    every format writes the plan (t-single's findings are medium: --fail-on medium)."""
    with open(os.path.join(SRC, "tests", "cli", "plans", "clean.json"), encoding="utf-8") as f:
        plan = json.load(f)
    t = plan["transfers"][0]
    t["verification"] = {"staff": 1, "how": "一人で確認"}
    plan["transfers"] = [dict(t, what="データ%d" % i) for i in range(20000)]
    path = os.path.join(WORK, "many.json")
    write(path, json.dumps(plan, ensure_ascii=False))
    base = ["check", "--no-config", "--today", "2021-02-17", "--rules", CLI_RULES, "--fail-on", "medium"]
    rc, out, err = run(base + ["--format", "json", path])
    check(rc == 1, "20,000 findings exit 1 (by severity), not 3", "got %d: %s" % (rc, err[-300:]))
    try:
        p = json.loads(out)["plans"][0]
    except (ValueError, KeyError, IndexError):
        p = None
    check(p is not None, "a JSON report")
    if p:
        single = [f for f in p["findings"] if f["rule"] == "t-single"]
        check(len(single) == 1001, "the first 1000 findings and one more", str(len(single)))
        check(any("19000 more findings" in f["message"]["en"] for f in single), "one finding counts the rest")
        check(not p["rule_errors"], "no rule error", json.dumps(p["rule_errors"])[:300])
    for fmt in ("markdown", "junit", "sarif", "text"):
        rc, out, _ = run(base + ["--format", fmt, "--lang", "en", path])
        check(rc == 1 and "19000 more findings" in out, "%s: exit 1 and the count of the rest" % fmt, "rc %d" % rc)


# ------------------------------------------------------- what rules write is escaped

ESCAPING = r"""return { id = "t-escape", topic = "storage.location", severity = "low",
  title = {ja = "題\27]0;pwned\7\27[2J", en = "title\27]0;pwned\7\27[2J"},
  message = {ja = "本文\n| forged | row |\27[31m", en = "text\n| forged | row |\27[31m"},
  follow_up = {ja = "対応\27[H", en = "do\194\155it"}, precedent = "先例\27[2J",
  check = function(plan, ctx) ctx.report(plan, "title") end }
"""


def no_controls(text):
    """No C0 control but newline, no DEL, no C1 (U+0080-U+009F)."""
    return not any((ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in text)


def t_escaping():
    """Control characters that rules (and plans) write reach no terminal or
    report raw: hogo rules, hogo explain, load errors on stderr, Markdown."""
    rules = pack_with("t-escape.lua", ESCAPING)
    write(os.path.join(rules, "z-loadfail.lua"), 'error("\\27]0;pwned\\7\\27[2J load")\n')
    base = ["--no-config", "--rules", rules]
    rc, out, err = run(["rules"] + base)
    check("t-escape" in out and no_controls(out), "hogo rules: the title's controls are replaced", repr(out[-200:]))
    check("pwned" in err and no_controls(err), "stderr: a load error's controls are replaced", repr(err[-200:]))
    rc, out, err = run(["explain", "t-escape", "--lang", "en"] + base)
    check("title" in out and no_controls(out), "hogo explain: controls replaced", repr(out[:300]))
    check("| forged | row |" not in out.replace("text | forged", ""), "hogo explain: no forged line")
    plan = os.path.join(WORK, "ctl.json")
    with open(os.path.join(SRC, "tests", "cli", "plans", "clean.json"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["title"] = "計画\u001b]0;pwned\u0007\u001b[2J\u009b"
    write(plan, json.dumps(doc, ensure_ascii=True))
    for fmt in ("markdown", "text"):
        rc, out, err = run(["check", "--today", "2021-02-17", "--format", fmt] + base + [plan])
        check("t-escape" in out and no_controls(out), "%s report: controls from rules and plans replaced" % fmt,
              repr([c for c in out if ord(c) < 0x20 and c != "\n"][:5]))
        check(no_controls(err), "%s: stderr escaped" % fmt)
    rc, out, _ = run(["check", "--today", "2021-02-17", "--format", "markdown"] + base + [plan])
    rows = [l for l in out.splitlines() if l.startswith("| forged")]
    check(not rows, "markdown: a newline in a message starts no table row", repr(rows))


GROUPS = {"load-failures": t_load_failures, "state": t_state, "many-findings": t_many_findings,
          "escaping": t_escaping}

if __name__ == "__main__":
    if GROUP not in GROUPS:
        sys.exit("unknown group %s (%s)" % (GROUP, ", ".join(GROUPS)))
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    GROUPS[GROUP]()
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
