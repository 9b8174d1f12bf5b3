#!/usr/bin/env bash
# Usage: scripts/bundle.sh [--debug] [BUNDLES]   (BUNDLES: deb,rpm by default)
#
# Packages the already built `postdesk` and `postdesk-cli` with Tauri's bundler
# (`@tauri-apps/cli` from ui/node_modules, pinned to the tauri crate's version; it
# downloads nothing for .deb and .rpm). What goes in beside the app binary
# (src-tauri/tauri.conf.json, bundle.linux.deb/rpm.files) is staged in
# target/bundle-files/: libpdfium.so → /usr/lib/postdesk/, postdesk-cli → /usr/bin/,
# the bundled parts' licences → /usr/share/doc/postdesk/.
#
# Release (`make release`): target/dist/release/bundle/{deb,rpm}/. --debug (the
# install test of `make test`): the debug build in target/debug/, bundle/deb/ there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
profile=release flags=()
if [ "${1:-}" = --debug ]; then profile=debug flags=(--debug); shift; fi
bundles="${1:-deb,rpm}"
bins="${CARGO_TARGET_DIR:-$root/target}/$profile"
for b in postdesk postdesk-cli; do
  [ -x "$bins/$b" ] || { echo "bundle: $bins/$b is not built (make release, or cargo build -p postdesk -p postdesk-cli)" >&2; exit 1; }
done
"$root/scripts/fetch-pdfium.sh"
[ -x "$root/ui/node_modules/.bin/tauri" ] || { echo "bundle: the Tauri CLI is missing: run scripts/setup.sh" >&2; exit 1; }

stage="$root/target/bundle-files"
rm -rf "$stage"
mkdir -p "$stage"
cp "$bins/postdesk-cli" "$root/vendor/pdfium/libpdfium.so" "$stage/"
{
  # The list of bundled parts and pdfium's licence: committed (Settings → About shows
  # the same files); the licences of what is built into pdfium come with it.
  cat "$root/licenses/BUNDLED.txt"
  for f in pdfium.txt pdfium-binaries.txt; do
    printf '\n===== %s =====\n\n' "$f"
    if [ -f "$root/licenses/$f" ]; then cat "$root/licenses/$f"; else cat "$root/vendor/pdfium/licenses/$f"; fi
  done
  for f in "$root"/vendor/pdfium/licenses/*; do
    case "$(basename "$f")" in pdfium.txt|pdfium-binaries.txt) continue ;; esac
    printf '\n===== %s =====\n\n' "$(basename "$f")"; cat "$f"
  done
} >"$stage/THIRD-PARTY-LICENSES.txt"

cd "$root"
rm -rf "$bins/bundle/deb" "$bins/bundle/rpm"
# --no-binary-patching: cargo's output stays as cargo left it (the marker is only for
# Tauri's updater, which Postdesk does not use).
CI=true ui/node_modules/.bin/tauri bundle "${flags[@]}" --bundles "$bundles" --no-binary-patching
ls -l "$bins"/bundle/*/*.{deb,rpm} 2>/dev/null || true
