#!/usr/bin/env python3
"""needs_variants.py -- plans that stress the `needs` words gates (the needs ctest).

Every case of rules/*.test.json (its plan file, or the minimal plan with its
`patch` and `set` applied, as `hogo test` builds it) is written out as it is
and in three spellings a rule's patterns still read but a careless words gate
would miss, each applied to the prose (every string value holding a
non-ASCII character; enum values and keys are left alone):
  fw   ASCII as full-width forms (hogo.normalize folds them back)
  case ASCII letters with their case swapped (caseless patterns: "i")
  fold s and k as U+017F and U+212A, which a caseless PCRE2 pattern in UTF
       mode matches as s and k
needs_sound.sh screens them with and without --ignore-needs: a rule that
reports on a variant only when its needs are ignored has a gate that is not
sound for that spelling.

  needs_variants.py SOURCE_DIR OUT_DIR
"""
import glob
import json
import os
import sys

MINIMAL = {"format": "hogo-plan/1", "title": "テスト", "department": "テスト課",
           "consultation": {"kind": "outsourcing"}}


def merge_patch(target, patch):
    """RFC 7386, as hogo test applies a case's `patch`."""
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge_patch(out.get(k), v)
    return out


def set_pointer(doc, ptr, value):
    """A case's `set`: JSON pointer -> value, missing objects on the way made."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]]
    node = doc
    for i, p in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(node, list):
            idx = len(node) if p == "-" else int(p)
            if last:
                if idx == len(node):
                    node.append(value)
                else:
                    node[idx] = value
                return
            node = node[idx]
        else:
            if last:
                node[p] = value
                return
            if not isinstance(node.get(p), (dict, list)):
                node[p] = {}
            node = node[p]


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


def swapcase(s):
    return "".join(c.swapcase() if c.isascii() and c.isalpha() else c for c in s)


def exotic(s):
    return "".join("\u017f" if c in "sS" else ("\u212a" if c in "kK" else c) for c in s)


def prose_map(v, fn):
    if isinstance(v, dict):
        return {k: prose_map(x, fn) for k, x in v.items()}
    if isinstance(v, list):
        return [prose_map(x, fn) for x in v]
    if isinstance(v, str) and not v.isascii():
        return fn(v)
    return v


def cases(src):
    for tf in sorted(glob.glob(os.path.join(src, "rules", "*.test.json"))):
        with open(tf, encoding="utf-8") as f:
            t = json.load(f)
        for i, c in enumerate(t.get("cases", [])):
            if c.get("expect_error"):
                continue
            if "plan" in c:
                try:
                    with open(os.path.join(os.path.dirname(tf), c["plan"]), encoding="utf-8") as f:
                        plan = json.load(f)
                except (OSError, ValueError):
                    continue        # (a case about an unreadable plan)
            else:
                plan = merge_patch(MINIMAL, c.get("patch", {}))
            for ptr, v in (c.get("set") or {}).items():
                set_pointer(plan, ptr, v)
            yield "%s-%03d" % (t.get("rule", os.path.basename(tf)), i), plan


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    for name, plan in cases(src):
        if not isinstance(plan, dict):
            continue
        for tag, fn in (("as-is", None), ("fw", fullwidth), ("case", swapcase), ("fold", exotic)):
            p = plan if fn is None else prose_map(plan, fn)
            with open(os.path.join(out, "%s.%s.json" % (name, tag)), "w", encoding="utf-8") as f:
                json.dump(p, f, ensure_ascii=False)
            n += 1
    print("needs_variants: %d plans" % n)


if __name__ == "__main__":
    main()
