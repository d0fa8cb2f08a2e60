#!/usr/bin/env python3
"""compare.py -- issue 21's targets measured side by side in one run (bench/compare.sh runs it).

On one generated corpus (hogo-bench's generator, seed 42, plans of about 2.4 KB):
  floor     read + cJSON parse + walk, one thread (hogo-bench's own measure); also timed
            just before each run of hogo -j1 (hogo-bench --floor-of), for the ratio of each
            pair: the floor and hogo slow down together on a busy host, their ratio far less
  peer      json-rules-engine 7.x on node, one rule per topic (bench/peer/peer.js)
  hogo -j1  and -j2: `hogo check --format json` over the whole folder; each run of -j2 comes
            just after one of -j1, for the ratio of each pair as well
  RSS       peak RSS of `hogo check -j2` over 2,000 and over 100,000 plans
  start-up  `hogo check --format json PLAN` against `jq . PLAN`, medians
  serve     p99 of one plan POSTed to `hogo serve` by 8 concurrent clients
and a summary table of the five targets with PASS / MISS.  Wall-clock figures on a busy machine
are noisy: the load average before and after is printed with them.
"""
import argparse
import http.client
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def loadavg():
    return os.getloadavg()[0]


def run_timed(argv, cwd=None, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (KiB) of one child (fork from this small process)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return dt, ru.ru_maxrss, p.returncode


def run_rss(argv):
    """Peak RSS (KiB) of one child, measured by GNU time: Linux carries a process's peak RSS
    across fork and exec, so a child forked from this (larger) Python process would report at
    least this process's own peak.  time(1) is small, and its child is hogo alone."""
    gnu_time = '/usr/bin/time'
    if not os.path.exists(gnu_time):
        _, kib, rc = run_timed(argv)
        return kib, rc, 'inherited from the python parent (no /usr/bin/time)'
    with tempfile.NamedTemporaryFile('r', suffix='.rss') as f:
        p = subprocess.run([gnu_time, '-f', '%M', '-o', f.name] + argv, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        kib = int(open(f.name).read().split()[-1])
    return kib, p.returncode, None


def hogo_ok(rc):
    return rc in (0, 1)          # 1: findings at or above --fail-on; both are a screen


# hogo-bench's floor line (--generate-only and --floor-of print it alike)
FLOOR_RE = re.compile(r'floor \(read \+ cJSON parse \+ walk, 1 thread\): ([0-9.]+) s')


def generate(bench, n, seed, where):
    """Generate n plans with hogo-bench; return (batch dir, floor seconds, mean bytes)."""
    out = subprocess.run([bench, '--plans', str(n), '--seed', str(seed), '--reps', '3', '--generate-only',
                          '--keep', '--dir', where], check=True, capture_output=True, text=True).stdout
    floor = FLOOR_RE.search(out)
    mean = re.search(r'mean ([0-9.]+)', out)
    return os.path.join(where, 'batch'), float(floor.group(1)) if floor else None, \
        float(mean.group(1)) if mean else None


def floor_now(bench, batch):
    """The floor over batch, timed now (one pass): seconds."""
    out = subprocess.run([bench, '--floor-of', batch, '--reps', '1'], check=True, capture_output=True,
                         text=True).stdout
    return float(FLOOR_RE.search(out).group(1))


def startup(hogo, plan, runs):
    hogo_t, jq_t = [], []
    jq = shutil.which('jq')
    for _ in range(runs):
        hogo_t.append(run_timed([hogo, 'check', '--no-config', '--format', 'json', plan])[0])
        if jq:
            jq_t.append(run_timed([jq, '.', plan])[0])
    return statistics.median(hogo_t) * 1000, (statistics.median(jq_t) * 1000 if jq_t else None)


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def serve_p99(hogo, plan, clients, per_client):
    body = open(plan, 'rb').read()
    port = free_port()
    srv = subprocess.Popen([hogo, 'serve', '--no-config', '--listen', f'127.0.0.1:{port}', '-j', '2'],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):                       # wait for it to listen
            try:
                socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        lat, errors, lock = [], [], threading.Lock()

        def client():
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
            mine = []
            for _ in range(per_client):
                t0 = time.perf_counter()
                try:
                    conn.request('POST', '/api/check', body, {'Content-Type': 'application/json',
                                                              'Host': f'127.0.0.1:{port}'})
                    r = conn.getresponse()
                    r.read()
                    if r.status != 200:
                        errors.append(r.status)
                except (OSError, http.client.HTTPException) as e:
                    errors.append(str(e))
                    conn.close()
                    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
                mine.append(time.perf_counter() - t0)
            conn.close()
            with lock:
                lat.extend(mine)

        for _ in range(3):                         # warm the workers
            client_conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
            client_conn.request('POST', '/api/check', body, {'Host': f'127.0.0.1:{port}'})
            client_conn.getresponse().read()
            client_conn.close()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        lat.sort()
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
        return p99, statistics.median(lat) * 1000, len(lat), errors
    finally:
        srv.terminate()
        srv.wait()


def subset(batch, n, where):
    """A folder of the first n plans of batch (symbolic links)."""
    os.makedirs(where, exist_ok=True)
    for name in sorted(os.listdir(batch))[:n]:
        os.symlink(os.path.join(batch, name), os.path.join(where, name))
    return where


def verdict(ok):
    return 'PASS' if ok else 'MISS'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--hogo', default=os.path.join(ROOT, 'build', 'hogo'))
    ap.add_argument('--bench', default=os.path.join(ROOT, 'build', 'hogo-bench'))
    ap.add_argument('--plans', type=int, default=10000)
    ap.add_argument('--rss-plans', type=int, default=100000)
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--startup-runs', type=int, default=30)
    ap.add_argument('--serve-requests', type=int, default=50, help='requests per client (8 clients)')
    ap.add_argument('--dir', help='work folder (default: a fresh one under /tmp, removed at the end)')
    ap.add_argument('--json', action='store_true', help='end with one JSON line of every figure')
    a = ap.parse_args()
    hogo, bench = os.path.abspath(a.hogo), os.path.abspath(a.bench)
    work = a.dir or tempfile.mkdtemp(prefix='hogo-compare-')
    os.makedirs(work, exist_ok=True)
    peer_dir = os.path.join(ROOT, 'bench', 'peer')
    res = {'plans': a.plans, 'loadavg_before': loadavg()}
    try:
        print(f'compare: {a.plans} plans in {work}; load average {res["loadavg_before"]:.2f}', flush=True)
        batch, floor_s, mean = generate(bench, a.plans, 42, os.path.join(work, 'main'))
        res['mean_bytes'] = mean
        res['floor_plans_per_s'] = a.plans / floor_s
        # the peer
        if not os.path.isdir(os.path.join(peer_dir, 'node_modules', 'json-rules-engine')):
            subprocess.run(['npm', 'ci', '--no-audit', '--no-fund'], cwd=peer_dir, check=True,
                           stdout=subprocess.DEVNULL)
        out = subprocess.run(['node', os.path.join(peer_dir, 'peer.js'), batch, str(a.reps)], check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        res['peer_plans_per_s'] = json.loads(out)['plans_per_s']
        # hogo, one worker then two: each -j1 run just after one pass of the floor and just before
        # one -j2 run, for the ratio of each pair (the best runs are the throughput figures)
        def check_argv(j):
            return [hogo, 'check', '--no-config', '--format', 'json', '--fail-on', 'critical', '-j', str(j), batch]
        def check_timed(j):
            s, _, rc = run_timed(check_argv(j))
            if not hogo_ok(rc):
                sys.exit(f'compare: hogo exited {rc}')
            return s
        times, times2, pairs, pairs2 = [], [], [], []
        for _ in range(a.reps):
            f = floor_now(bench, batch)
            s = check_timed(1)
            s2 = check_timed(2)
            times.append(s)
            times2.append(s2)
            pairs.append(s / f)
            pairs2.append(s / s2)
        res['j1_plans_per_s'] = a.plans / min(times)
        res['j1_floor_paired'] = statistics.median(pairs)
        res['j1_floor_pairs'] = pairs
        res['j2_plans_per_s'] = a.plans / min(times2)
        res['j2_j1_paired'] = statistics.median(pairs2)
        res['j2_j1_pairs'] = pairs2
        print('compare: throughput done', flush=True)
        # peak RSS over 2,000 and over rss_plans plans
        big, _, _ = generate(bench, a.rss_plans, 5, os.path.join(work, 'rss'))
        small = subset(big, 2000, os.path.join(work, 'rss2000'))
        for name, d in (('rss_2000_mib', small), ('rss_big_mib', big)):
            kib, rc, _ = run_rss([hogo, 'check', '--no-config', '--format', 'json', '--fail-on', 'critical',
                                  '-j', '2', d])
            if not hogo_ok(rc):
                sys.exit(f'compare: hogo exited {rc} on {d}')
            res[name] = kib / 1024
        res['rss_plans'] = a.rss_plans
        print('compare: memory done', flush=True)
        plan = os.path.join(batch, sorted(os.listdir(batch))[0])
        res['startup_hogo_ms'], res['startup_jq_ms'] = startup(hogo, plan, a.startup_runs)
        p99, med, n, errors = serve_p99(hogo, plan, 8, a.serve_requests)
        res.update(serve_p99_ms=p99, serve_median_ms=med, serve_requests=n, serve_errors=len(errors))
        res['loadavg_after'] = loadavg()
    finally:
        if not a.dir:
            shutil.rmtree(work, ignore_errors=True)

    r = res
    rows = [
        ('floor (read+parse+walk, 1 thread)', f'{r["floor_plans_per_s"]:,.0f} plans/s', ''),
        ('peer: json-rules-engine, 24 rules', f'{r["peer_plans_per_s"]:,.0f} plans/s', ''),
        ('hogo check -j1', f'{r["j1_plans_per_s"]:,.0f} plans/s',
         f'{r["j1_plans_per_s"] / r["peer_plans_per_s"]:.2f}x peer, '
         f'{r["floor_plans_per_s"] / r["j1_plans_per_s"]:.1f}x floor'),
        ('hogo -j1 / the floor, timed in pairs', f'{r["j1_floor_paired"]:.1f}x (median)',
         ', '.join(f'{x:.1f}' for x in r['j1_floor_pairs'])),
        ('hogo check -j2', f'{r["j2_plans_per_s"]:,.0f} plans/s', f'{r["j2_plans_per_s"] / r["j1_plans_per_s"]:.2f}x -j1'),
        ('hogo -j2 / -j1, timed in pairs', f'{r["j2_j1_paired"]:.2f}x (median)',
         ', '.join(f'{x:.2f}' for x in r['j2_j1_pairs'])),
        ('peak RSS -j2, 2,000 plans', f'{r["rss_2000_mib"]:.1f} MiB', ''),
        (f'peak RSS -j2, {r["rss_plans"]:,} plans', f'{r["rss_big_mib"]:.1f} MiB',
         f'{(r["rss_big_mib"] / r["rss_2000_mib"] - 1) * 100:+.1f} %'),
        ('start-up + one plan: hogo / jq', f'{r["startup_hogo_ms"]:.2f} / '
         + (f'{r["startup_jq_ms"]:.2f} ms' if r['startup_jq_ms'] else 'no jq'), ''),
        ('serve: one plan, 8 clients', f'p99 {r["serve_p99_ms"]:.1f} ms', f'median {r["serve_median_ms"]:.1f} ms, '
         f'{r["serve_requests"]} requests, {r["serve_errors"]} errors'),
    ]
    targets = [
        ('one worker >= 1.5x the peer', r['j1_plans_per_s'] >= 1.5 * r['peer_plans_per_s'],
         f'{r["j1_plans_per_s"] / r["peer_plans_per_s"]:.2f}x'),
        ('one worker within 25x the floor', r['floor_plans_per_s'] / r['j1_plans_per_s'] <= 25,
         f'{r["floor_plans_per_s"] / r["j1_plans_per_s"]:.1f}x'),
        ('-j2 >= 1.7x -j1', r['j2_plans_per_s'] >= 1.7 * r['j1_plans_per_s'],
         f'{r["j2_plans_per_s"] / r["j1_plans_per_s"]:.2f}x'),
        (f'RSS flat within 10 % (2,000 -> {r["rss_plans"]:,})', r['rss_big_mib'] <= 1.10 * r['rss_2000_mib'],
         f'{(r["rss_big_mib"] / r["rss_2000_mib"] - 1) * 100:+.1f} %'),
        ('start-up + one plan no slower than jq',
         r['startup_jq_ms'] is None or r['startup_hogo_ms'] <= r['startup_jq_ms'],
         f'{r["startup_hogo_ms"] / r["startup_jq_ms"]:.2f}x' if r['startup_jq_ms'] else 'n/a'),
        ('serve p99 < 30 ms (8 clients)', r['serve_p99_ms'] < 30 and r['serve_errors'] == 0,
         f'{r["serve_p99_ms"]:.1f} ms'),
    ]
    print()
    print(f'hogo compare: {r["plans"]:,} plans of {r["mean_bytes"] or 0:.0f} bytes on average; '
          f'load average {r["loadavg_before"]:.2f} before, {r["loadavg_after"]:.2f} after')
    print(f'{"measure":<40} {"figure":<24} note')
    for m, f, n in rows:
        print(f'{m:<40} {f:<24} {n}')
    print()
    print(f'{"target":<46} {"value":<10} result')
    for t, ok, v in targets:
        print(f'{t:<46} {v:<10} {verdict(ok)}')
        r['target: ' + t] = verdict(ok)
    if a.json:
        print(json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == '__main__':
    sys.exit(main())
