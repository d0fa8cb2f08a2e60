#!/usr/bin/env python3
"""vocab_docs.py -- the tables of docs/plan-format.md and docs/plan-guide.md, generated from
docs/plan.schema.json (the vocabulary's home: x-hogo, x-hogo-values).

usage: vocab_docs.py SRC write|check

Each table sits between
    <!-- BEGIN generated: vocab NAME (tests/vocab/vocab_docs.py; do not edit) -->
    <!-- END generated: vocab NAME -->
write regenerates every such section (cmake --build build --target vocab-docs);
check (ctest docs.vocab-current) fails, naming the section, while a committed
section differs from what the schema gives now.
"""
import json
import os
import re
import sys

BEGIN = "<!-- BEGIN generated: vocab {} (tests/vocab/vocab_docs.py; do not edit) -->"
END = "<!-- END generated: vocab {} -->"


class Schema:
    def __init__(self, path):
        self.doc = json.load(open(path, encoding="utf-8"))
        self.defs = self.doc["$defs"]

    def resolve(self, n):
        for _ in range(8):
            if isinstance(n, dict) and "$ref" in n:
                n = self.defs[n["$ref"].split("/")[-1]]
        return n

    def objects(self):
        """(path, object schema) of every object of the format, depth first, the root as ""."""
        out = []

        def walk(obj, path):
            out.append((path, obj))
            for k, sch in obj["properties"].items():
                p = f"{path}.{k}" if path else k
                for o in self.inner(sch):
                    if p not in [x[0] for x in out]:
                        walk(o, p)
        walk(self.doc, "")
        return out

    def inner(self, sch, depth=0):
        """The object schemas a property leads to (its object, its items', each anyOf branch's)."""
        n = self.resolve(sch)
        if not isinstance(n, dict) or depth > 8:
            return []
        if "properties" in n:
            return [n]
        if "items" in n:
            return self.inner(n["items"], depth + 1)
        found = []
        for b in n.get("anyOf", []):
            for o in self.inner(b, depth + 1):
                if o not in found:
                    found.append(o)
        return found[:1]

    def values(self, sch, depth=0):
        """[(value, words)] of a property: its enum/const words, its items', its anyOf branches'."""
        n = self.resolve(sch)
        out = []
        if not isinstance(n, dict) or depth > 8:
            return out
        for v, w in (n.get("x-hogo-values") or {}).items():
            out.append((v, w))
        if "items" in n:
            out += self.values(n["items"], depth + 1)
        for b in n.get("anyOf", []):
            out += [x for x in self.values(b, depth + 1) if x[0] not in [y[0] for y in out]]
        return out

    def type_of(self, sch, depth=0):
        n = self.resolve(sch)
        if "anyOf" in n:
            kinds = [self.type_of(b, depth + 1) for b in n["anyOf"]]
            kinds = [k for k in kinds if k != "null"]
            if len(kinds) == 2 and kinds[1] == "array of " + kinds[0] + "s":
                return kinds[0] + ", or an array of them"
            if len(kinds) == 2 and kinds[1].startswith("array of "):
                return kinds[0] + " or array"
            return " or ".join(kinds)
        if "const" in n:
            return "`" + json.dumps(n["const"], ensure_ascii=False) + "`"
        if "enum" in n:
            return "enum"
        t = n.get("type")
        if isinstance(t, list):
            t = [x for x in t if x != "null"][0] if [x for x in t if x != "null"] else "null"
        if t == "array":
            it = self.resolve(n.get("items", {}))
            if "properties" in it:
                return "array of objects"
            return "array of enum" if "enum" in it else "array of strings"
        if t == "string":
            return {"hogo-date": "date", "hogo-duration": "duration"}.get(n.get("format"), "string")
        if t == "integer":
            return "integer"
        if t == "boolean":
            return "boolean"
        return t or "any"


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def choices(vals, lang):
    sep = "、" if lang == "ja" else ", "
    return sep.join(f"`{v}`（{w['ja']}）" if lang == "ja" else f"`{v}` ({w['ja']}, {w['en']})" for v, w in vals)


def format_table(s, path, obj):
    req = obj.get("required", [])
    rows = ["| key | type | label (ja) | meaning | example |", "|---|---|---|---|---|"]
    for k, sch in obj["properties"].items():
        x = sch.get("x-hogo", {})
        meaning = sch.get("description", "")
        if k in req:
            meaning = "**required**; " + meaning
        vals = s.values(sch)
        if vals:
            meaning += " Choices: " + choices(vals, "en") + "."
        ex = x.get("example")
        ex = "" if ex is None else "`" + json.dumps(ex, ensure_ascii=False) + "`"
        rows.append(f"| `{k}` | {cell(s.type_of(sch))} | {cell(x.get('ja', ''))} | {cell(meaning)} | {cell(ex)} |")
    return "\n".join(rows)


def display(path, s):
    """ "storage.what" as a reader of the guide knows it: storage[].what """
    parts, cur, out = path.split("."), s.doc, []
    for p in parts:
        sch = cur["properties"][p]
        n = s.resolve(sch)
        is_list = isinstance(n, dict) and "items" in n and "anyOf" not in n
        out.append(p + ("[]" if is_list and p != parts[-1] else ""))
        inner = s.inner(sch)
        cur = inner[0] if inner else None
    return ".".join(out)


def guide_fields(s):
    rows = ["| 項目 | 名前 | 書くこと | 例 |", "|---|---|---|---|"]
    for path, obj in s.objects():
        for k, sch in obj["properties"].items():
            p = f"{path}.{k}" if path else k
            x = sch.get("x-hogo", {})
            hint = (x.get("hint") or {}).get("ja", "")
            ex = x.get("example")
            ex = "" if ex is None else "`" + json.dumps(ex, ensure_ascii=False) + "`"
            rows.append(f"| `{display(p, s)}` | {cell(x.get('ja', ''))} | {cell(hint)} | {cell(ex)} |")
    return "\n".join(rows)


def guide_values(s):
    rows = ["| 項目 | 値 |", "|---|---|"]
    flags = []
    for path, obj in s.objects():
        for k, sch in obj["properties"].items():
            p = f"{path}.{k}" if path else k
            if p == "format":
                continue
            vals = s.values(sch)
            if vals:
                label = sch.get("x-hogo", {}).get("ja", "")
                rows.append(f"| `{display(p, s)}`（{cell(label)}） | {cell(choices(vals, 'ja'))} |")
            elif s.type_of(sch) == "boolean":
                flags.append(f"`{display(p, s)}`（{sch.get('x-hogo', {}).get('ja', '')}）")
    return "\n".join(rows) + "\n\nはい/いいえの項目（`true`/`false`）：" + "、".join(flags) + "。"


def sections(s):
    out = {}
    for path, obj in s.objects():
        out["format:" + (path or "plan")] = format_table(s, path, obj)
    out["guide:fields"] = guide_fields(s)
    out["guide:values"] = guide_values(s)
    return out


def main():
    src, mode = sys.argv[1], sys.argv[2]
    s = Schema(os.path.join(src, "docs", "plan.schema.json"))
    gen = sections(s)
    status, used = 0, set()
    for doc in ("docs/plan-format.md", "docs/plan-guide.md"):
        path = os.path.join(src, doc)
        text = open(path, encoding="utf-8").read()
        pat = re.compile(r"<!-- BEGIN generated: vocab (\S+) \(tests/vocab/vocab_docs.py; do not edit\) -->\n(.*?)<!-- END generated: vocab \1 -->", re.S)

        def fill(m):
            name = m.group(1)
            used.add(name)
            if name not in gen:
                raise SystemExit(f"{doc}: no generated section named {name}")
            return BEGIN.format(name) + "\n" + gen[name] + "\n" + END.format(name)

        new = pat.sub(fill, text)
        if mode == "write":
            if new != text:
                open(path, "w", encoding="utf-8").write(new)
                print(f"wrote {doc}")
        elif new != text:
            for m in pat.finditer(text):
                if m.group(2) != gen.get(m.group(1), "") + "\n":
                    print(f"DRIFT: {doc}: section {m.group(1)} differs from docs/plan.schema.json "
                          f"(regenerate: cmake --build build --target vocab-docs)")
            status = 1
    missing = sorted(set(gen) - used)
    for name in missing:
        print(f"MISSING: no section shows {name} (add its markers to the docs)")
        status = 1
    if mode == "check" and not status:
        print(f"{len(used)} generated sections match docs/plan.schema.json")
    return status


if __name__ == "__main__":
    sys.exit(main())
