#!/usr/bin/env bash
# Where `postdesk-cli preflight --worker` spends its time over N one-page letters
# (issue #16): `perf record -g` (frame pointers; pdfium's own frames are partly
# lost, so the stages are the inclusive share of the named entry points), then one
# line per stage. Needs `perf` (linux-perf) and the release CLI.
#
# usage: scripts/bench/profile-preflight.sh [N=1000] [CLI=target/release/postdesk-cli]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-1000}"
CLI="${2:-$root/target/release/postdesk-cli}"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
[ -x "$target/release/examples/throughput" ] || (cd "$root" && cargo build --quiet --release -p postdesk-pdf --example throughput)
"$target/release/examples/throughput" gen "$work/letters" "$N"
cat "$work"/letters/*.pdf > /dev/null
# Timed on its own, then profiled (perf's own work would count in the timing).
/usr/bin/time -f "%e %U %S %M" -o "$work/time" \
  "$CLI" preflight --provider epost --json --worker "$work"/letters/*.pdf > /dev/null
perf record -q -F 1999 -g -o "$work/perf.data" "$CLI" preflight --provider epost --json --worker "$work"/letters/*.pdf > /dev/null
perf report -i "$work/perf.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep '%' > "$work/report"
read -r wall user sys peak < "$work/time"
# CPU time a letter costs (user + system), in ms.
per=$(python3 -c "print(($user + $sys) * 1000 / $N)")
echo "postdesk-cli preflight --worker, $N one-page letters: ${wall} s wall, ${user} s user, ${sys} s system, ${peak} KB peak; $(printf %.2f "$per") ms of CPU a letter"
stage() { # name, symbol regex (the symbol's inclusive share)
  local pct
  pct=$({ grep -E "\] ($2)" "$work/report" || true; } | head -1 | awk '{print $1}')
  pct="${pct:-0.00%}"
  printf '| %-48s | %7s | %6.3f |\n' "$1" "$pct" "$(python3 -c "print(${pct%\%} * $per / 100)")"
}
printf '| %-48s | %7s | %6s |\n' "stage (inclusive share of samples)" "share" "ms"
printf '| %-48s | %7s | %6s |\n' "---" "---:" "---:"
stage "process start-up (dynamic loader)" "_dl_start_user"
stage "the checks on pdfium's thread (analyze)" "postdesk_pdf::preflight::analyze"
stage "read + SHA-256" "postdesk_pdf::file::read_letter|sha2::sha256::x86::digest_blocks"
stage "JavaScript scan of the bytes" "postdesk_pdf::preflight::scan_scripts|postdesk_pdf::preflight::javascript"
stage "open the document (FPDF_LoadMemDocument64)" "FPDF_LoadMemDocument64"
stage "load the page: parse content (FPDF_LoadPage)" "FPDF_LoadPage"
stage "  of it: load fonts (CPDF_DocPageData::GetFont)" "CPDF_DocPageData::GetFont"
stage "object walk (bounds, fonts, images)" "postdesk_pdf::preflight::walk_objects"
stage "text page (FPDFText_LoadPage)" "FPDFText_LoadPage"
stage "segment texts (FPDFText_GetBoundedText)" "FPDFText_GetBoundedText"
stage "ink render at 36 dpi (FPDF_RenderPageBitmap)" "FPDF_RenderPageBitmap"
stage "bitmap for it (FPDFBitmap_CreateEx)" "FPDFBitmap_CreateEx"
stage "ink pixel scan (ink_in)" "postdesk_pdf::preflight::ink_in"
stage "close the document" "core::ptr::drop_in_place<pdfium_render::pdf::document::PdfDocument>"
stage "JSON out (serde_json)" "serde_json::ser::to_writer|<serde_json::ser::Compound"
stage "kernel: page faults" "exc_page_fault"
stage "kernel: madvise (memory handed back)" "__madvise"
