#!/usr/bin/env bash
# How `kazpar build` scales: corpora of three sizes made from aligned news
# (the documents of the given clean.jsonl files written as corpus files, then
# copied under new ids 4x and 16x), MB/s and max RSS per size with their growth,
# then one document of about 50 MB per side on a single line (built once, it
# takes a while), then one long document (the same sentences as one text per side) aligned by
# kazpar and, when HUNALIGN=path is given, by hunalign in the same run.
#   scripts/bench-scale.sh CLEAN.jsonl [CLEAN.jsonl ...]
#   e.g. HUNALIGN=../shared/bin/hunalign scripts/bench-scale.sh ../shared/data/align/*/clean.jsonl
# Medians of RUNS runs (default 3). Needs /usr/bin/time.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 CLEAN.jsonl [CLEAN.jsonl ...]" >&2; exit 2; }
data=("$@")
for i in "${!data[@]}"; do data[$i]=$(realpath "${data[$i]}"); done
[ -z "${HUNALIGN:-}" ] || HUNALIGN=$(realpath "$HUNALIGN")
source "$(dirname "$0")/bench-lib.sh"
runs=${RUNS:-3}

python3 - "$work" "${data[@]}" <<'PY'
import json, os, sys
work, files = sys.argv[1], sys.argv[2:]
docs = []
for f in files:
    for line in open(f, encoding="utf-8"):
        d = json.loads(line)
        docs.append(d)
def write(root, copies):
    for sub in ("kk", "en"):
        os.makedirs(f"{root}/{sub}", exist_ok=True)
    for c in range(copies):
        for n, d in enumerate(docs):
            name = f"c{c:02d}_{n:04d}"
            for side in ("kk", "en"):
                # one paragraph per line, as the corpus format wants
                paras = [" ".join(p.split()) for p in d[f"{side}_text"].split("\n\n") if p.strip()]
                title = {"kk": "Жаңалықтар", "en": "News"}[side]
                with open(f"{root}/{side}/{name}.txt", "w", encoding="utf-8") as o:
                    o.write(f"date 2025-01-01 {title}\n" + "\n".join(paras) + "\n")
for copies in (1, 4, 16):
    write(f"{work}/x{copies}", copies)
# one long document: every sentence of every document, one per line, and the
# English with every 37th line left out (a deletion to find now and then)
kk = [s for d in docs for s in d["kk_sents"]]
en = [s for d in docs for s in d["en_sents"]]
with open(f"{work}/long.kk", "w", encoding="utf-8") as o:
    o.write("\n".join(" ".join(s.split()) for s in kk) + "\n")
with open(f"{work}/long.en", "w", encoding="utf-8") as o:
    o.write("\n".join(" ".join(s.split()) for s in en if hash(s) % 37 != 5) + "\n")
print(f"{len(docs)} document pairs; long document {len(kk)} Kazakh sentences")
# one document of about 50 MB of Kazakh on a single line (every sentence
# again and again), and its English likewise: a book pasted as one paragraph
kk_line = " ".join(" ".join(s.split()) for s in kk)
en_line = " ".join(" ".join(s.split()) for s in en)
copies = 50_000_000 // len(kk_line.encode()) + 1
for sub, line, title in (("kk", kk_line, "Кітап"), ("en", en_line, "Book")):
    os.makedirs(f"{work}/oneline/{sub}", exist_ok=True)
    with open(f"{work}/oneline/{sub}/book.txt", "w", encoding="utf-8") as o:
        o.write(f"date 2025-01-01 {title}\n" + " ".join([line] * copies) + "\n")
PY

# median_run CMD...: prints "seconds max_rss_kb", medians of $runs runs
median_run() {
  for _ in $(seq "$runs"); do
    # exit code 1 is a finished run that skipped some inputs
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || [ $? -eq 1 ] || { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
    tail -1 "$work/t"
  done | sort -n | awk '{t[NR]=$1; m[NR]=$2} END {print t[int((NR+1)/2)], m[int((NR+1)/2)]}'
}

declare -A secs rss
for c in 1 4 16; do
  mb=$(du -sb "$work/x$c" | awk '{print $1/1e6}')
  read -r s m < <(median_run "$bin" build "$work/x$c" -o "$work/out$c" -q -j 2)
  secs[$c]=$s; rss[$c]=$m
  awk -v c="$c" -v mb="$mb" -v s="$s" -v m="$m" 'BEGIN {printf "build x%-2d %7.1f MB  %6.2f s  %6.1f MB/s  max RSS %6.0f MB\n", c, mb, s, mb/s, m/1024}'
done
awk -v a="${rss[1]}" -v b="${rss[4]}" -v c="${rss[16]}" 'BEGIN {printf "max RSS growth: x4/x1 %.2f, x16/x4 %.2f\n", b/a, c/b}'

mb=$(du -sb "$work/oneline" | awk '{print $1/1e6}')
read -r s m < <(runs=1 median_run "$bin" build "$work/oneline" -o "$work/out-oneline" -q -j 2)
awk -v mb="$mb" -v s="$s" -v m="$m" 'BEGIN {printf "one document on one line per side, %.1f MB: %.2f s, max RSS %.0f MB (one run)\n", mb, s, m/1024}'

read -r s m < <(median_run "$bin" align --presplit "$work/long.kk" "$work/long.en")
echo "long document, kazpar align --presplit: $s s, max RSS $((m / 1024)) MB"
read -r g gm < <(median_run "$bin" align --presplit --method gale-church "$work/long.kk" "$work/long.en")
echo "long document, kazpar --method gale-church: $g s"
if [ -n "${HUNALIGN:-}" ]; then
  : >"$work/empty.dic"
  read -r h hm < <(cd "$work" && median_run "$HUNALIGN" -utf empty.dic long.kk long.en)
  awk -v h="$h" -v s="$s" 'BEGIN {printf "long document, hunalign (no dictionary): %s s; kazpar is %.1fx faster\n", h, h/s}'
else
  echo "long document, hunalign: not run (HUNALIGN=path not given; hunalign is not packaged in Debian)"
fi
