#!/usr/bin/env python3
"""reader_words.py -- a Japanese reader sees words, not keys (ctest vocab.reader-words).

usage: reader_words.py HOGO SRC

Screens fixtures/seed and fixtures/examples with --lang ja into the text, Markdown and HTML
reports and fails, naming each, on what a council member cannot read:
  - a topic id (storage.location), where the topic's name (保管場所) belongs;
  - a field path of the plan format (access.logging, transfers[].verification.staff, a
    JSON pointer /storage/0/location), where the field's label (アクセス記録（ログ）) belongs;
  - a choice's English value in the Japanese of a message (sanitization), where its word
    (無害化) belongs.
The JSON pointer stays in the JSON, SARIF and JUnit reports (and the HTML's data-path
attribute, which the page reads); rule ids stay, for waivers.
"""
import json
import os
import re
import subprocess
import sys

JA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def schema_words(src):
    schema = json.load(open(os.path.join(src, "docs", "plan.schema.json"), encoding="utf-8"))
    defs = schema["$defs"]

    def resolve(n):
        while isinstance(n, dict) and "$ref" in n:
            n = defs[n["$ref"].split("/")[-1]]
        return n

    paths, values = set(), set()

    def inner(n, depth=0):
        n = resolve(n)
        if not isinstance(n, dict) or depth > 8:
            return []
        if "properties" in n:
            return [n]
        if "items" in n:
            return inner(n["items"], depth + 1)
        out = []
        for b in n.get("anyOf", []):
            out += inner(b, depth + 1)
        return out[:1]

    def vals(n, depth=0):
        n = resolve(n)
        if not isinstance(n, dict) or depth > 8:
            return
        values.update(v for v in n.get("enum", []) if isinstance(v, str))
        for b in n.get("anyOf", []):
            vals(b, depth + 1)
        if "items" in n:
            vals(n["items"], depth + 1)

    def walk(obj, path):
        for k, sch in obj["properties"].items():
            p = f"{path}.{k}" if path else k
            paths.add(p)
            vals(sch)
            for o in inner(sch):
                walk(o, p)

    walk(schema, "")
    return paths, values, list(schema.get("x-hogo-topics", {}))


def main():
    hogo, src = sys.argv[1], sys.argv[2]
    paths, values, topics = schema_words(src)
    # a dotted path whose last two segments are a parent and its field (verification.staff too)
    pairs = {".".join(p.split(".")[-2:]) for p in paths if "." in p}
    dotted = re.compile(r"(?<![\w./-])([a-z_]+(?:\[\])?(?:\.[a-z_]+(?:\[\])?)+)(?![\w-])")
    pointer = re.compile(r"(?<![\w/.])/(?:[a-z_]+)(?:/(?:[a-z_]+|\d+))+")
    # choice values that are not also ordinary words of a Japanese text (API, PC, LGWAN...)
    ascii_vals = {v for v in values if "_" in v or v in ("sanitization", "rpa", "courier", "dissolution",
                                                           "shredding", "deletion", "prohibited", "closed")}
    bad = []
    for d in ("fixtures/seed", "fixtures/examples"):
        for fmt in ("text", "markdown", "html"):
            r = subprocess.run([hogo, "check", "--no-config", "--lang", "ja", "--today", "2026-12-01",
                                "--no-color", "--fail-on", "critical", "-f", fmt, d],
                               cwd=src, capture_output=True, text=True)
            out = re.sub(r'data-(path|rule)="[^"]*"', "", r.stdout)
            for i, line in enumerate(out.split("\n"), 1):
                where = f"{d} {fmt}:{i}"
                for t in topics:
                    if re.search(r"(?<![\w.])" + re.escape(t) + r"(?![\w])", line):
                        bad.append(f"{where}: topic id {t}")
                for m in dotted.finditer(line):
                    p = m.group(1).replace("[]", "")
                    if (p in paths or ".".join(p.split(".")[-2:]) in pairs) and p not in topics:
                        bad.append(f"{where}: field path {m.group(1)}")
                for m in pointer.finditer(line):
                    bad.append(f"{where}: JSON pointer {m.group(0)}")
                if JA.search(line):
                    for v in ascii_vals:
                        if re.search(r"(?<![\w-])" + re.escape(v) + r"(?![\w-])", line):
                            bad.append(f"{where}: the value {v} in Japanese text")
    seen = set()
    for b in bad:
        key = b.split(": ", 1)[1]
        if key in seen:
            continue
        seen.add(key)
        print("KEY:", b)
    print(f"{len(bad)} raw keys in the Japanese reports ({len(seen)} distinct)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
