#!/usr/bin/env python3
"""Segments/s of `kazpar eval` vs sacreBLEU's CLI, same input, same run.

Usage: bench-eval.py KAZPAR SACREBLEU DIR [FACTOR] [TER_FACTOR] [RUNS] [SACREBLEU_RUNS]
Input: every hyp/* of DIR concatenated, repeated FACTOR times (TER_FACTOR for
TER), against ref.* repeated to match. Reports medians over RUNS kazpar runs and SACREBLEU_RUNS (default 1) sacreBLEU runs.
"""
import glob
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

kazpar, sacrebleu, folder = sys.argv[1:4]
factor = int(sys.argv[4]) if len(sys.argv) > 4 else 100
ter_factor = int(sys.argv[5]) if len(sys.argv) > 5 else factor
runs = int(sys.argv[6]) if len(sys.argv) > 6 else 3
sb_runs = int(sys.argv[7]) if len(sys.argv) > 7 else 1


def read(p):
    with open(p, encoding="utf-8", newline="\n") as f:
        return [l.rstrip("\n") for l in f]


ref = read(sorted(glob.glob(os.path.join(folder, "ref.*")))[0])
hyps = [read(p) for p in sorted(glob.glob(os.path.join(folder, "hyp", "*")))]
tmp = tempfile.mkdtemp()


def make(f):
    h, r = os.path.join(tmp, f"hyp{f}"), os.path.join(tmp, f"ref{f}")
    if not os.path.exists(h):
        with open(h, "w") as fh, open(r, "w") as fr:
            for _ in range(f):
                for sys_lines in hyps:
                    fh.write("\n".join(sys_lines) + "\n")
                    fr.write("\n".join(ref) + "\n")
    return h, r, f * len(hyps) * len(ref)


cpu = {}


def timed(cmd):
    """Wall seconds of one run; its CPU seconds (user + sys) go to cpu[cmd[0]]."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.setdefault(cmd[0], []).append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return wall


# Wall-clock ratio (kazpar on all threads, sacreBLEU on one) and CPU-time ratio
# (user + sys, all threads): on a shared machine the CPU ratio moves much less.
print(f"| metric | segments | sacreBLEU seg/s | kazpar seg/s | ratio | CPU s sacreBLEU / kazpar | CPU ratio |")
print(f"|---|---|---|---|---|---|---|")
for metric in os.environ.get("BENCH_METRICS", "bleu,chrf,chrf++,ter").split(","):
    h, r, n = make(ter_factor if metric == "ter" else factor)
    sb_m = ["-m", "chrf", "--chrf-word-order", "2"] if metric == "chrf++" else ["-m", metric]
    cpu.clear()
    sb = statistics.median(timed([sacrebleu, r, "-i", h, *sb_m, "-b"]) for _ in range(sb_runs))
    kz = statistics.median(timed([kazpar, "eval", "--ref", r, "--hyp", h, "--metrics", metric, "--format", "json"]) for _ in range(runs))
    sb_cpu, kz_cpu = statistics.median(cpu[sacrebleu]), statistics.median(cpu[kazpar])
    print(f"| {metric} | {n} | {n / sb:,.0f} | {n / kz:,.0f} | {sb / kz:.1f}x "
          f"| {sb_cpu:.2f} / {kz_cpu:.2f} | {sb_cpu / kz_cpu:.1f}x |", flush=True)
