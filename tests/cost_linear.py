#!/usr/bin/env python3
"""cost_linear.py -- issue 20: a plan's cost follows its size.

  cost_linear.py HOGO WORKDIR

1. Capped warnings: an 8 MiB plan of top-level keys one or two letters from a
   real key (bench/gen_large.py nearmiss, ~438,000 input-unknown-key slips)
   gives at most 1,000 of them and one finding that counts the rest, in JSON,
   HTML and Markdown; the answer stays under 4 MiB (it was 272 MB).
2. CPU per byte: plans of 1 MiB and 8 MiB of storage entries and of data
   items are screened; the CPU time (user + system of the child, not the wall
   clock, so a loaded machine does not fail it) per byte of the 8 MiB plan
   may be at most 2 x that of the 1 MiB plan (storage-cloud asked its prose
   question once per entry over every entry: 45 x the CPU for 8 x the bytes);
   the near-miss plans too (checking a key is bounded: linear in the keys).
Run from the source tree."""
import json, os, resource, subprocess, sys

hogo, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
failed = 0


def fail(msg):
    global failed
    failed += 1
    print("FAIL:", msg)


def gen(kind, size):
    out = os.path.join(work, "%s-%s.json" % (kind, size))
    if not os.path.exists(out):
        subprocess.run([sys.executable, "bench/gen_large.py", kind, size, out], check=True)
    return out


def run(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([hogo, "check", "--no-config"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p, cpu


# 1. capped warnings
nm = gen("nearmiss", "8M")
p, cpu = run(["--format", "json", nm])
size = len(p.stdout)
print("nearmiss 8 MiB: json answer %d bytes, %.2f s CPU" % (size, cpu))
rep = json.loads(p.stdout)
fs = [f for f in rep["plans"][0]["findings"] if f["rule"] == "input-unknown-key"]
if len(fs) != 1001:
    fail("input-unknown-key findings kept: %d, want 1000 + 1" % len(fs))
summary = [f for f in fs if "more findings of this rule" in f["message"]["en"]]
if len(summary) != 1 or not summary[0]["message"]["en"].split()[0].isdigit() \
        or int(summary[0]["message"]["en"].split()[0]) < 400000:
    fail("no finding counting the rest: %r" % [f["message"]["en"] for f in summary])
if size > 4 << 20:
    fail("json answer %d bytes" % size)
for fmt in ("html", "markdown", "sarif", "text"):
    p, _ = run(["--format", fmt, nm])
    print("nearmiss 8 MiB: %s answer %d bytes" % (fmt, len(p.stdout)))
    if len(p.stdout) > 8 << 20:
        fail("%s answer %d bytes" % (fmt, len(p.stdout)))

# 2. CPU per byte
for kind in ("storage", "items", "nearmiss"):
    small, large = gen(kind, "1M"), gen(kind, "8M")
    p1, c1 = run(["--format", "json", small])
    p8, c8 = run(["--format", "json", large])
    for p, f in ((p1, small), (p8, large)):
        if p.returncode not in (0, 1):
            fail("%s: exit %d: %s" % (f, p.returncode, p.stderr.decode()[:300]))
    b1, b8 = os.path.getsize(small), os.path.getsize(large)
    r1, r8 = c1 / b1 * (1 << 20), c8 / b8 * (1 << 20)
    print("%s: %.3f s CPU per MiB at 1 MiB, %.3f at 8 MiB (ratio %.2f)" % (kind, r1, r8, r8 / r1))
    if r8 > 2.0 * r1:
        fail("%s: CPU per byte grows with the plan: %.3f -> %.3f s per MiB" % (kind, r1, r8))

print("FAILED" if failed else "ok")
sys.exit(1 if failed else 0)
