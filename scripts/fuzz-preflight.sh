#!/usr/bin/env bash
# Fuzzes postdesk-pdf's preflight + page-1 render (src-tauri/crates/pdf/fuzz) with
# cargo-fuzz / libFuzzer for SECONDS (default 60), seeded with the sample letters.
#
# usage: scripts/fuzz-preflight.sh [SECONDS=60] [extra libFuzzer flags…]
# needs: `cargo install cargo-fuzz`, pdfium in vendor/pdfium (scripts/fetch-pdfium.sh).
# The toolchain here is stable: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags.
# Crashes land in src-tauri/crates/pdf/fuzz/artifacts/preflight/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-60}"; shift || true
fuzz="$root/src-tauri/crates/pdf/fuzz"
corpus="$fuzz/corpus/preflight"
mkdir -p "$corpus"
if [ -z "$(ls -A "$corpus")" ]; then
  CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo build --quiet --manifest-path "$root/Cargo.toml" -p postdesk-pdf --example throughput
  "${CARGO_TARGET_DIR:-$root/target}/debug/examples/throughput" seeds "$corpus"
fi
cd "$root/src-tauri/crates/pdf"
# pdfium is a prebuilt shared library without ASan; the Rust side is instrumented.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
RUSTC_BOOTSTRAP=1 exec cargo fuzz run preflight "$corpus" -- \
  -max_total_time="$secs" -max_len=65536 -timeout=30 -rss_limit_mb=4096 "$@"
