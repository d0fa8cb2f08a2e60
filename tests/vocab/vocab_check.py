#!/usr/bin/env python3
"""vocab_check.py -- the plan format's words have no gap (ctest vocab.gaps).

usage: vocab_check.py SRC

docs/plan.schema.json is the one home of the plan's words (docs/plan-format.md,
"The vocabulary").  This fails, naming each gap, when
  - a property (under "properties" of the root or of any $defs object) lacks
    "x-hogo" with a non-empty Japanese ("ja") and English ("en") word, or a
    hint without both languages;
  - an enum value or a const branch of an anyOf lacks its "x-hogo-values"
    entry with "ja" and "en" (null is "not applicable", never a choice);
  - a topic of the engine (engine/engine.c eng_topics) lacks its name in the
    root's "x-hogo-topics", or a name there is not a topic;
  - a Japanese key alias names two fields;
  - an English word is not English (Japanese characters in a label or hint),
    or a description or English word carries an internal note ("issue 12").
"""
import json
import re
import sys

JA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
NOTE = re.compile(r"\b[Ii]ssue \d+|Additive\b")


def words(where, x, gaps, hint_ok=True):
    if not isinstance(x, dict):
        gaps.append(f"{where}: no words")
        return
    for lang in ("ja", "en"):
        if not isinstance(x.get(lang), str) or not x[lang].strip():
            gaps.append(f"{where}: no {lang} word")
    en = x.get("en") or ""
    if isinstance(en, str) and NOTE.search(en):
        gaps.append(f"{where}: the English word carries an internal note: {en!r}")
    if isinstance(en, str) and JA.search(en):
        gaps.append(f"{where}: the English word is not English: {en!r}")
    hint = x.get("hint")
    if hint is not None:
        if not hint_ok or not isinstance(hint, dict) or not all(
                isinstance(hint.get(l), str) and hint[l].strip() for l in ("ja", "en")):
            gaps.append(f"{where}: a hint needs both ja and en")
        elif NOTE.search(hint["en"]):
            gaps.append(f"{where}: the English hint carries an internal note")
    al = x.get("aliases")
    if al is not None and (not isinstance(al, list) or not all(isinstance(a, str) and a for a in al)):
        gaps.append(f"{where}: aliases must be a list of words")


def choices(node):
    """The values a node offers: its enum, and the const branches of its anyOf."""
    out = [v for v in node.get("enum", []) if v is not None]
    if "const" in node:
        out.append(node["const"])
    for b in node.get("anyOf", []):
        if isinstance(b, dict) and "const" in b:
            out.append(b["const"])
    return out


def walk_values(where, node, gaps):
    """Every node below a property schema that offers values carries their words."""
    if isinstance(node, dict):
        vals = [v for v in node.get("enum", []) if v is not None] + ([node["const"]] if "const" in node else [])
        if vals:
            xv = node.get("x-hogo-values")
            for v in vals:
                if not isinstance(xv, dict) or v not in xv:
                    gaps.append(f"{where}: the value {v!r} has no words (x-hogo-values)")
                else:
                    words(f"{where} = {v!r}", xv[v], gaps)
            for v in (xv or {}):
                if v not in vals:
                    gaps.append(f"{where}: x-hogo-values names {v!r}, which is not a value here")
        for k in ("items",):
            if k in node:
                walk_values(where + "[]", node[k], gaps)
        for b in node.get("anyOf", []):
            walk_values(where, b, gaps)


def main():
    src = sys.argv[1]
    schema = json.load(open(f"{src}/docs/plan.schema.json", encoding="utf-8"))
    gaps = []

    def props(where, obj):
        for name, sch in obj.get("properties", {}).items():
            w = f"{where}{name}"
            words(w, sch.get("x-hogo"), gaps)
            if NOTE.search(sch.get("description", "")):
                gaps.append(f"{w}: the description carries an internal note")
            walk_values(w, sch, gaps)

    props("", schema)
    # a Japanese key staff write names one field: the validator points it there
    owner = {}
    for where, obj in [("", schema)] + [(f"$defs/{n}.", d) for n, d in schema.get("$defs", {}).items()]:
        for name, sch in obj.get("properties", {}).items():
            for a in (sch.get("x-hogo") or {}).get("aliases") or []:
                if a in owner and owner[a] != where + name:
                    gaps.append(f"{where}{name}: the key alias {a!r} also names {owner[a]}")
                owner.setdefault(a, where + name)
    for dname, d in schema.get("$defs", {}).items():
        props(f"$defs/{dname}.", d)
        walk_values(f"$defs/{dname}", d, gaps)

    engine = open(f"{src}/engine/engine.c", encoding="utf-8").read()
    m = re.search(r"eng_topics\[\]\s*=\s*\{(.*?)\};", engine, re.S)
    topics = re.findall(r'"([a-z_.]+)"', m.group(1)) if m else []
    if not topics:
        gaps.append("engine/engine.c: eng_topics not found")
    xt = schema.get("x-hogo-topics", {})
    for t in topics:
        if t not in xt:
            gaps.append(f"topic {t}: no name (x-hogo-topics)")
        else:
            words(f"topic {t}", xt[t], gaps)
    for t in xt:
        if t not in topics:
            gaps.append(f"x-hogo-topics names {t!r}, which is not a topic")

    for g in gaps:
        print("GAP:", g)
    n_props = sum(len(d.get("properties", {})) for d in [schema] + list(schema.get("$defs", {}).values()))
    print(f"{n_props} properties, {len(topics)} topics checked; {len(gaps)} gaps")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
