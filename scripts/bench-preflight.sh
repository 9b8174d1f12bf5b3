#!/usr/bin/env bash
# Preflight throughput against a plain PyMuPDF loop (issue #16), side by side in one
# run, in pages/second. Every round of every contender is printed.
#
#  (a) Postdesk: `postdesk-cli preflight --provider epost --json --jobs JOBS FILES…`
#      (release build) — what a user runs: every check on every page (zones by the
#      objects and, where needed, by a render; address; fonts; JavaScript; sizes),
#      its JSON on stdout, JOBS worker processes;
#  (b) PyMuPDF, the yardstick a Python user writes in five lines: open, page 1 at
#      100 dpi to raw pixels, text of the address window, close
#      (scripts/bench/pymupdf_throughput.py), 1 process and JOBS processes;
#  and a second, labelled pair where both sides also encode page 1 as PNG (what the
#  window's drop path does for its preview):
#  (a2) Postdesk's throughput example: preflight + page 1 at 100 dpi as PNG on one
#       open (`PdfEngine::preflight_and_render`), JOBS worker processes;
#  (b2) PyMuPDF with `--png`, 1 process and JOBS processes.
#  POPPLER=1 adds (c) `pdftoppm -r 100 -png` + `pdftotext` per file (slow: two
#  process starts a file).
#
# The letters are N typical one-page letters written by postdesk_pdf::sample. The
# machine is a shared VM whose speed wanders: the rounds are interleaved, and the
# verdict compares Postdesk's WORST round with PyMuPDF's BEST.
#
# usage: scripts/bench-preflight.sh [N=300] [JOBS=nproc] [ROUNDS=3]
# needs: pdfium in vendor/pdfium (scripts/fetch-pdfium.sh), `pip install pymupdf`
#        (PYTHON=… picks the interpreter), poppler-utils for POPPLER=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
N="${1:-300}"
JOBS="${2:-$(nproc)}"
ROUNDS="${3:-3}"
PY="${PYTHON:-python3}"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --release -p postdesk-cli
cargo build --quiet --release -p postdesk-pdf --example throughput
cli="$target/release/postdesk-cli"
ex="$target/release/examples/throughput"
"$PY" -c 'import pymupdf' 2>/dev/null || { echo "bench: PyMuPDF missing: pip install pymupdf" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$ex" gen "$work/letters" "$N"
files=("$work"/letters/*.pdf)

json() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
# Pages/s of the CLI: wall time of the whole command (process start-up, workers and
# their pdfium start included), and a check that every file got its answer.
cli_rate() {
  local s e
  s=$(date +%s.%N)
  "$cli" preflight --provider epost --json --jobs "$JOBS" "${files[@]}" > "$work/cli.json" || [ $? -eq 1 ]
  e=$(date +%s.%N)
  [ "$(grep -c '"sha256"' "$work/cli.json")" -eq "$N" ] || { echo "bench: the CLI did not answer for every file" >&2; exit 1; }
  grep -q '"severity":"error"' "$work/cli.json" && { echo "bench: a sample letter has an error finding" >&2; exit 1; }
  python3 -c "print(round($N / ($e - $s), 1))"
}
mu() { json "$("$PY" scripts/bench/pymupdf_throughput.py "$@" "$work/letters")" pages_per_sec; }

cat "${files[@]}" > /dev/null # a warm page cache for every contender
pd=(); mu1=(); muN=(); pd2=(); mu1p=(); muNp=()
for r in $(seq "$ROUNDS"); do
  pd+=("$(cli_rate)")
  mu1+=("$(mu --jobs 1)")
  muN+=("$(mu --jobs "$JOBS")")
  pd2+=("$(json "$("$ex" run --jobs "$JOBS" "$work/letters")" pages_per_sec)")
  mu1p+=("$(mu --jobs 1 --png)")
  muNp+=("$(mu --jobs "$JOBS" --png)")
  echo "round $r (pages/s): Postdesk CLI ${pd[-1]} | PyMuPDF 1 proc ${mu1[-1]} | PyMuPDF $JOBS procs ${muN[-1]}" \
    "|| with PNG: Postdesk ${pd2[-1]} | PyMuPDF 1 proc ${mu1p[-1]} | PyMuPDF $JOBS procs ${muNp[-1]}"
done

echo "files: $N one-page letters, jobs: $JOBS, cores: $(nproc), rounds: $ROUNDS, load avg: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PyMuPDF $("$PY" -c 'import pymupdf; print(pymupdf.__version__)'); pdfium: vendor/pdfium (scripts/fetch-pdfium.sh)"
python3 - "$JOBS" "${pd[*]}" "${mu1[*]}" "${muN[*]}" "${pd2[*]}" "${mu1p[*]}" "${muNp[*]}" <<'PY'
import sys
jobs = sys.argv[1]
pd, mu1, muN, pd2, mu1p, muNp = ([float(x) for x in a.split()] for a in sys.argv[2:])
rows = [
    (f"(a)  Postdesk CLI preflight, {jobs} workers", pd),
    ("(b)  PyMuPDF raw render + window text, 1 process", mu1),
    (f"(b)  PyMuPDF raw render + window text, {jobs} processes", muN),
    (f"(a2) Postdesk preflight + page-1 PNG, {jobs} workers", pd2),
    ("(b2) PyMuPDF + PNG, 1 process", mu1p),
    (f"(b2) PyMuPDF + PNG, {jobs} processes", muNp),
]
print(f"{'':58} {'worst':>8} {'best':>8}  pages/s")
for name, v in rows:
    print(f"{name:58} {min(v):8.1f} {max(v):8.1f}")
def verdict(label, ours, theirs, goal):
    r = min(ours) / max(theirs)
    print(f"{label:70} {r:5.2f}x  (goal >= {goal}x) {'ok' if r >= goal else 'NOT MET'}")
verdict("Postdesk worst round / PyMuPDF 1 process, best round:", pd, mu1, 1.5)
verdict(f"Postdesk worst round / PyMuPDF {jobs} processes, best round:", pd, muN, 1.0)
verdict("with PNG: Postdesk worst / PyMuPDF+PNG 1 process, best:", pd2, mu1p, 1.5)
verdict(f"with PNG: Postdesk worst / PyMuPDF+PNG {jobs} processes, best:", pd2, muNp, 1.0)
PY

if [ "${POPPLER:-0}" = 1 ]; then
  mkdir -p "$work/pop"
  export POP_OUT="$work/pop"
  start=$(date +%s.%N)
  printf '%s\n' "${files[@]}" | xargs -P "$JOBS" -I{} sh -c \
    'b=$(basename "{}" .pdf); pdftoppm -r 100 -f 1 -l 1 -png "{}" "$POP_OUT/$b" && pdftotext -layout -f 1 -l 1 "{}" "$POP_OUT/$b.txt"'
  end=$(date +%s.%N)
  [ "$(ls "$work/pop"/*.png | wc -l)" -eq "$N" ] || { echo "poppler did not render every file" >&2; exit 1; }
  echo "(c)  poppler pdftoppm+pdftotext, $JOBS at a time: $(python3 -c "print(round($N / ($end - $start), 1))") pages/s"
fi
