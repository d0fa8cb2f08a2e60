#!/usr/bin/env python3
"""gen_large.py -- large plans for the cost tests and measurements of issue 20.

  gen_large.py KIND BYTES OUT

  nearmiss  a seed plan plus top-level keys one or two letters from a real key
            (orXanizatiYn...): each one an input-unknown-key finding
  storage   a seed plan whose storage list is grown with entries of every
            location, network, region (cloud ones among them)
  items     a seed plan whose data.items list is grown with items of every
            category, sensitive or not, with or without a need

BYTES takes K or M (8M = 8 MiB); the plan stays at or under it.  Deterministic:
a kind and a size always give the same plan."""
import itertools, json, random, string, sys

SEED = "fixtures/seed/r2-3-1-cemetery.json"
KEYS = ["organization", "department", "description", "consultation", "outsourcing",
        "retention", "transfers", "disposal", "purpose", "storage", "operations", "contract"]


def nearmiss_keys():
    letters = string.ascii_letters
    for key in KEYS:
        for i, j in itertools.combinations(range(len(key)), 2):
            for a in letters:
                for b in letters:
                    if a != key[i] and b != key[j]:
                        yield key[:i] + a + key[i + 1:j] + b + key[j + 1:]


def nearmiss(size, base):
    head = json.dumps(base, ensure_ascii=False, indent=1)[:-2]
    parts, used = [], len(head.encode()) + 4
    for k in nearmiss_keys():
        item = ',\n "%s": 0' % k
        if used + len(item) > size:
            break
        parts.append(item)
        used += len(item)
    return head + "".join(parts) + "\n}\n"


def enum(schema, d, k):
    return [x for x in schema["$defs"][d]["properties"][k]["enum"] if x]


def grown(kind, size, base, schema):
    rnd = random.Random(20)
    p = json.loads(json.dumps(base))
    rows = []
    used = len(json.dumps(p, ensure_ascii=False).encode()) + 16
    n = 0
    while True:
        if kind == "storage":
            x = {"what": "申請書の写し第%d号" % n, "medium": rnd.choice(enum(schema, "storage", "medium")),
                 "location": rnd.choice(enum(schema, "storage", "location")),
                 "network": rnd.choice(enum(schema, "storage", "network")),
                 "provider": rnd.choice(["Google", "AWS", "市内事業者", "未定"]), "service": "サービス%d" % n,
                 "region": rnd.choice(["domestic", "overseas", "unknown"]),
                 "ismap": rnd.choice([True, False, None]), "encrypted": rnd.choice([True, False, None])}
        else:
            x = {"name": "項目%d（健康状態の記録）" % n, "category": rnd.choice(enum(schema, "item", "category")),
                 "sensitive": rnd.choice([True, False, None]), "need": rnd.choice(["", "事業に必要なため", "なし"])}
        step = len(json.dumps(x, ensure_ascii=False).encode()) + 2
        if used + step > size:
            break
        rows.append(x)
        used += step
        n += 1
    if kind == "storage":
        p["storage"] = rows
    else:
        p["data"]["items"] = rows
    return json.dumps(p, ensure_ascii=False)


def main():
    kind, size, out = sys.argv[1], sys.argv[2], sys.argv[3]
    mult = {"K": 1 << 10, "M": 1 << 20}.get(size[-1:].upper(), 1)
    size = int(size.rstrip("KkMm")) * mult
    with open(SEED, encoding="utf-8") as f:
        base = json.load(f)
    with open("docs/plan.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    text = nearmiss(size, base) if kind == "nearmiss" else grown(kind, size, base, schema)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
