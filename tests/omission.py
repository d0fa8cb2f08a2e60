#!/usr/bin/env python3
"""omission.py -- a plan never does better by saying less (docs/scoring.md, "The omission property").

For every fixture plan that holds personal data (fixtures/seed, fixtures/examples when present,
fixtures/rules/*), the plan is screened again with less in it, and its verdict must not get better:
  * each section a department writes (storage, transfers, disposal, retention, outsourcing, access,
    operations, devices, platforms, contract, data) removed, and separately set to null (what staff
    mean by 「空欄」);
  * every field at every depth below those sections removed (a transfer's verification, an item's
    name, a platform's region, data.items as a whole ...);
  * every element of a list that the prose still tells of (one of its words is in the title,
    purpose or description: a transfer of 「宛名データ」, an item 「生年月日」) removed: the plan
    then says less than it means (記載不足 where a flow goes missing).
The plan's own prose (title, purpose, description) is left as written: it is what the structured
part is read against.  Verdicts rank approve < approve_with_conditions < incomplete = re_examine
("not ready").  Also: the untouched `hogo init` skeleton must not be approved.

usage: omission.py HOGO [FIXTURE_DIR...]     (default: fixtures/seed fixtures/examples fixtures/rules)
Prints one line per violation, then "N passed, M failed"; exits 1 on any failure.
Python 3 standard library only.
"""
import json
import os
import subprocess
import sys
import tempfile

SECTIONS = ["storage", "transfers", "disposal", "retention", "outsourcing", "access",
            "operations", "devices", "platforms", "contract", "data"]
# What is not the department's account of the work: the plan's identity and the council's own
# record (conditions, waivers) -- removing those is not "saying less" about the processing.
NOT_ACCOUNT = {"format", "id", "title", "department", "organization", "date", "purpose",
               "description", "consultation", "council", "waivers"}
RANK = {"approve": 0, "approve_with_conditions": 1, "incomplete": 2, "re_examine": 2}
DEFAULT_DIRS = ["fixtures/seed", "fixtures/examples", "fixtures/rules"]


def plans_under(d):
    """Every *.json under d (recursively) that is a plan with personal data."""
    for root, _, files in os.walk(d):
        for name in sorted(files):
            if not name.endswith(".json") or name.endswith(".test.json"):
                continue
            path = os.path.join(root, name)
            try:
                with open(path, encoding="utf-8-sig") as fh:
                    plan = json.load(fh)
            except (OSError, ValueError):
                continue          # not JSON (a hostile or schema fixture): nothing to omit
            if not isinstance(plan, dict) or plan.get("format") != "hogo-plan/1":
                continue
            data = plan.get("data")
            if isinstance(data, dict) and (data.get("items") or data.get("subjects")):
                yield path, plan


def without(node, path):
    """A copy of node with the key or element at path (a tuple of keys and indices) taken out."""
    if len(path) == 1:
        if isinstance(node, list):
            return node[:path[0]] + node[path[0] + 1:]
        return {k: v for k, v in node.items() if k != path[0]}
    head = path[0]
    if isinstance(node, list):
        out = list(node)
    else:
        out = dict(node)
    out[head] = without(node[head], path[1:])
    return out


def paths_below(node, prefix):
    """Every key of every object and every element of every list under node, outermost first."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from paths_below(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,)
            yield from paths_below(v, prefix + (i,))


PROSE = ("title", "purpose", "description")


def strings(node):
    """Every string value under node."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def mentioned(plan, element):
    """True when the plan's prose still tells of a list element: one of its words (a string value
    of two or more characters: 「宛名データ」, 「生年月日」) appears in the title, purpose or
    description."""
    prose = "\n".join(plan[k] for k in PROSE if isinstance(plan.get(k), str))
    return any(len(s) >= 2 and s in prose for s in strings(element))


def pointer(path):
    return "/" + "/".join(str(p) for p in path)


def omissions(plan):
    """(what, how, variant) for each way of saying less about the plan (see the module's doc)."""
    for s in SECTIONS:
        if s not in plan or plan[s] is None:
            continue
        for how in ("removed", "null"):
            v = dict(plan)
            if how == "removed":
                del v[s]
            else:
                v[s] = None
            yield s, how, v
    for key, value in plan.items():
        if key in NOT_ACCOUNT or value is None:
            continue
        for path in paths_below(value, (key,)):
            parent = plan
            for p in path[:-1]:
                parent = parent[p]
            # a list element counts when the prose still tells of it; a field, always
            if isinstance(parent, list) and not mentioned(plan, parent[path[-1]]):
                continue
            yield pointer(path), "removed", without(plan, path)


def screen(hogo, paths):
    """Verdicts of a batch, keyed by file name."""
    out = {}
    for i in range(0, len(paths), 400):
        r = subprocess.run([hogo, "check", "--no-config", "--format", "json", "--fail-on", "critical",
                            "-j", "2", *paths[i:i + 400]], capture_output=True, timeout=900)
        if r.returncode not in (0, 1):
            sys.exit(f"hogo check exited {r.returncode}: {r.stderr.decode(errors='replace')[-400:]}")
        for p in json.loads(r.stdout)["plans"]:
            out[os.path.basename(p["file"])] = p
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    hogo = os.path.abspath(sys.argv[1])
    dirs = sys.argv[2:] or [d for d in DEFAULT_DIRS if os.path.isdir(d)]
    work = tempfile.mkdtemp(prefix="hogo-omission-")
    originals, variants = {}, []
    for d in dirs:
        for path, plan in plans_under(d):
            base = f"{len(originals):04d}.json"
            with open(os.path.join(work, base), "w", encoding="utf-8") as fh:
                json.dump(plan, fh, ensure_ascii=False)
            originals[base] = path
            for s, how, v in omissions(plan):
                vname = f"{base[:-5]}--{len(variants):05d}.json"
                with open(os.path.join(work, vname), "w", encoding="utf-8") as fh:
                    json.dump(v, fh, ensure_ascii=False)
                variants.append((base, vname, s, how))
    res = screen(hogo, [os.path.join(work, f) for f in sorted(os.listdir(work))])
    failed = []
    for base, vname, s, how in variants:
        o, v = res[base], res[vname]
        if not v.get("screened", True):
            failed.append(f"{originals[base]}: {s} {how}: not screened")
        elif RANK[v["verdict"]] < RANK[o["verdict"]]:
            failed.append(f"{originals[base]}: {s} {how}: verdict {o['verdict']} -> {v['verdict']} "
                          f"(score {o['score']} -> {v['score']})")
    # the untouched skeleton
    skel = os.path.join(work, "skeleton", "plan.json")
    os.makedirs(os.path.dirname(skel))
    subprocess.run([hogo, "init", skel], capture_output=True, timeout=60)
    checks = len(variants) + 1
    if not os.path.exists(skel):
        failed.append("hogo init wrote no skeleton")
    else:
        sv = screen(hogo, [skel]).get("plan.json", {})
        if sv.get("verdict") not in ("incomplete", "re_examine"):
            failed.append(f"the untouched `hogo init` skeleton is {sv.get('verdict')!r}, not incomplete")
    for f in failed:
        print("FAIL " + f)
    if len(originals) == 0:
        failed.append("no fixture plan with personal data found")
    print(f"{len(originals)} plans, {len(variants)} variants")
    print(f"{checks - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
