#!/usr/bin/env bash
# Throughput, side by side in one run: pages/second for
#  (a) Postdesk: open + zone checks + address read + page 1 at 100 dpi as PNG, one
#      worker process per core (pdfium is single-threaded per process) —
#      the `throughput` example of postdesk-pdf (src-tauri/crates/pdf/examples/throughput.rs);
#  (b) PyMuPDF: open + page 1 at 100 dpi as PNG + text of the address window
#      (scripts/bench/pymupdf_throughput.py), with 1 process and with JOBS processes;
#  (c) poppler: `pdftoppm -r 100 -png` + `pdftotext -layout` on page 1, one process
#      per file, JOBS files at a time (xargs -P).
# The letters are N typical one-page letters written by postdesk_pdf::sample.
#
# This machine's speed wanders (a shared VM): each of (a) and (b) runs ROUNDS times,
# interleaved, and the best round of each counts — the same rule for every contender.
#
# usage: scripts/bench-preflight.sh [N=300] [JOBS=nproc] [ROUNDS=3]
# needs: pdfium in vendor/pdfium (scripts/fetch-pdfium.sh), `pip install pymupdf`,
#        `apt-get install poppler-utils`.
# The example is built optimised (opt-level 3) in the dev profile so only
# postdesk-pdf itself is recompiled (its dependencies are already opt-level 2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
N="${1:-300}"
JOBS="${2:-$(nproc)}"
ROUNDS="${3:-3}"
target="${CARGO_TARGET_DIR:-$root/target}"
CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo build --quiet -p postdesk-pdf --example throughput
bin="$target/debug/examples/throughput"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$bin" gen "$work/letters" "$N"

rate() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pages_per_sec"])' "$1"; }

# One warm-up pass over the files so every contender meets a warm page cache.
cat "$work"/letters/*.pdf > /dev/null

best() { python3 -c 'import sys; print(max(map(float, sys.argv[1:])))' "$@"; }
pd_all=(); mu1_all=(); muN_all=()
for r in $(seq "$ROUNDS"); do
  pd_all+=("$(rate "$("$bin" run --jobs "$JOBS" "$work/letters")")")
  mu1_all+=("$(rate "$(python3 scripts/bench/pymupdf_throughput.py --jobs 1 "$work/letters")")")
  muN_all+=("$(rate "$(python3 scripts/bench/pymupdf_throughput.py --jobs "$JOBS" "$work/letters")")")
done
pd_worst=$(python3 -c 'import sys; print(min(map(float, sys.argv[1:])))' "${pd_all[@]}")
echo "rounds (pages/s): Postdesk ${pd_all[*]} | PyMuPDF 1 proc ${mu1_all[*]} | PyMuPDF $JOBS procs ${muN_all[*]}"

mkdir -p "$work/pop"
export POP_OUT="$work/pop"
start=$(date +%s.%N)
ls "$work"/letters/*.pdf | xargs -P "$JOBS" -I{} sh -c \
  'b=$(basename "{}" .pdf); pdftoppm -r 100 -f 1 -l 1 -png "{}" "$POP_OUT/$b" && pdftotext -layout -f 1 -l 1 "{}" "$POP_OUT/$b.txt"'
end=$(date +%s.%N)
pop_rate=$(python3 -c "print(round($N / ($end - $start), 1))")
[ "$(ls "$work/pop"/*.png | wc -l)" -eq "$N" ] || { echo "poppler did not render every file" >&2; exit 1; }

pd_rate=$(best "${pd_all[@]}"); mu1_rate=$(best "${mu1_all[@]}"); muN_rate=$(best "${muN_all[@]}")
echo "files: $N one-page letters, jobs: $JOBS, cores: $(nproc), load avg: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-48s %8s pages/s\n' \
  "(a) Postdesk, $JOBS worker processes (best of $ROUNDS)" "$pd_rate" \
  "(b) PyMuPDF, 1 process" "$mu1_rate" \
  "(b) PyMuPDF, $JOBS processes" "$muN_rate" \
  "(c) poppler pdftoppm+pdftotext, $JOBS at a time" "$pop_rate"
python3 - "$pd_rate" "$mu1_rate" "$muN_rate" "$pop_rate" "$JOBS" "$pd_worst" <<'PY'
import sys
pd, mu1, muN, pop, jobs, worst = map(float, sys.argv[1:])
print(f"Postdesk / PyMuPDF (1 process):  {pd / mu1:.2f}x")
print(f"Postdesk / PyMuPDF ({jobs:.0f} processes): {pd / muN:.2f}x   (target >= 1.5x)")
print(f"Postdesk / poppler:              {pd / pop:.2f}x")
print(f"Postdesk's worst round / PyMuPDF ({jobs:.0f} processes) best: {worst / muN:.2f}x")
PY
