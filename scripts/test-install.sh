#!/usr/bin/env bash
# Usage: scripts/desktop-session.sh scripts/test-install.sh DEB
#
# The install test (#14) of `make test` (`make test-install`): installs the .deb into
# this machine with dpkg (root or passwordless sudo), then
#   1. postdesk-cli from the PATH preflights a letter, started in a folder under a
#      planted vendor/pdfium/libpdfium.so that must not be used;
#   2. the installed postdesk-cli opens a data folder of the previous version's
#      schema (fixtures/upgrade/schema-4.sql) and lists every job;
#   3. the installed window (/usr/bin/postdesk, driven by tauri-driver): the first-run
#      assistant, the sandbox path, the test letter (tests/tests/installed.rs);
#   4. removes the package and checks that every file it installed is gone and
#      the data folder is still there.
# make test bundles the debug build (scripts/bundle.sh --debug deb): the same
# layout as the release package, without a second (release) build in CI.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DEB" >&2; exit 2; }
deb="$(realpath "$1")"
root="$(cd "$(dirname "$0")/.." && pwd)"
say() { printf '\033[1mtest-install:\033[0m %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || fail "needs root or passwordless sudo to install $deb"
  sudo="sudo -n"
fi
if dpkg-query -W -f='${Status}' postdesk 2>/dev/null | grep -q "ok installed"; then
  fail "a postdesk package is already installed here; this test would replace and remove it (dpkg -r postdesk first)"
fi
[ -n "${XDG_DATA_HOME:-}" ] && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "run inside scripts/desktop-session.sh"

tmp="$(mktemp -d -t postdesk-install.XXXXXX)"
installed=""
cleanup() {
  if [ -n "$installed" ]; then $sudo dpkg -r postdesk >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

say "dpkg -i $(basename "$deb")"
$sudo dpkg -i "$deb" >/dev/null
installed=1
dpkg-query -L postdesk | sort >"$tmp/files"
for f in /usr/bin/postdesk /usr/bin/postdesk-cli /usr/lib/postdesk/libpdfium.so \
         /usr/share/applications/Postdesk.desktop /usr/share/icons/hicolor/32x32/apps/postdesk.png \
         /usr/share/icons/hicolor/256x256/apps/postdesk.png /usr/share/doc/postdesk/THIRD-PARTY-LICENSES.txt; do
  grep -qx "$f" "$tmp/files" || fail "$f is not in the package"
done
grep -q '^Exec=postdesk' /usr/share/applications/Postdesk.desktop || fail "desktop entry does not start postdesk"
grep -q 'BSD' /usr/share/doc/postdesk/THIRD-PARTY-LICENSES.txt || fail "pdfium's BSD licence is not shipped"
[ "$(command -v postdesk-cli)" = /usr/bin/postdesk-cli ] || fail "postdesk-cli is not on the PATH"

# 1. CLI preflight from the PATH, in a folder under a planted (broken) pdfium, on
#    the default data folder (XDG_DATA_HOME of this session).
mkdir -p "$tmp/planted/vendor/pdfium" "$tmp/planted/work"
printf 'not a library' >"$tmp/planted/vendor/pdfium/libpdfium.so"
cp "$root/fixtures/epost/letter.pdf" "$tmp/planted/work/Brief.pdf"
say "postdesk-cli preflight (from the PATH)"
(cd "$tmp/planted/work" && env -u POSTDESK_PDFIUM -u POSTDESK_DATA_DIR postdesk-cli preflight Brief.pdf --json) >"$tmp/preflight.json" \
  || fail "postdesk-cli preflight: $(cat "$tmp/preflight.json")"
python3 - "$tmp/preflight.json" <<'PY' || fail "preflight answer: $(cat "$tmp/preflight.json")"
import json, sys
answer = json.loads(open(sys.argv[1]).readline())
assert answer["pages"] >= 1 and answer["file"].endswith("Brief.pdf"), answer
PY
# The default data folder, made by the installed build (kept at removal, step 4).
data="$XDG_DATA_HOME/postdesk"
env -u POSTDESK_DATA_DIR postdesk-cli jobs --json >/dev/null || fail "postdesk-cli jobs on a fresh data folder"
[ -f "$data/postdesk.sqlite3" ] || fail "no data folder at $data"

# 2. The previous version's data, opened by the installed build.
say "postdesk-cli jobs on a schema-4 data folder"
old="$tmp/old-data"
mkdir -p "$old"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[2]).executescript(open(sys.argv[1]).read())' \
  "$root/fixtures/upgrade/schema-4.sql" "$old/postdesk.sqlite3"
POSTDESK_DATA_DIR="$old" postdesk-cli jobs --json >"$tmp/jobs.json" || fail "postdesk-cli jobs: $(cat "$tmp/jobs.json")"
python3 - "$tmp/jobs.json" "$old/postdesk.sqlite3" <<'PY' || fail "jobs after the upgrade: $(cat "$tmp/jobs.json")"
import json, sqlite3, sys
text = open(sys.argv[1]).read().strip()
try:
    jobs = json.loads(text)
except json.JSONDecodeError:
    jobs = [json.loads(l) for l in text.splitlines() if l.strip()]
names = sorted(j["file"] for j in jobs)
assert names == [f"Rechnung-2026-{i:03d}.pdf" for i in range(1, 8)], names
version = sqlite3.connect(sys.argv[2]).execute("PRAGMA user_version").fetchone()[0]
assert version > 4, version
PY

# 2b. An upgrade keeps the data folder and the keychain entries. There is no older
#     .deb to upgrade from here, so the same package is installed over itself:
#     dpkg runs the upgrade path (prerm upgrade, unpack, postinst configure).
say "dpkg -i over the installed package: data folder and keychain entries kept"
keychain() { secret-tool search --all service "${POSTDESK_KEYRING_SERVICE:-postdesk}" 2>&1 | grep -E '^(attribute.username|secret) = ' | sort; }
keychain >"$tmp/keychain-before"
grep -q '/account-1/secret$' "$tmp/keychain-before" || fail "the sandbox company's secret is not in the keychain before the upgrade"
sha256sum "$data/postdesk.sqlite3" >"$tmp/db-before"
$sudo dpkg -i "$deb" >/dev/null
keychain >"$tmp/keychain-after"
cmp -s "$tmp/keychain-before" "$tmp/keychain-after" || fail "the upgrade changed the keychain entries"
sha256sum -c --quiet "$tmp/db-before" || fail "the upgrade touched the data folder"
env -u POSTDESK_DATA_DIR postdesk-cli jobs --json >/dev/null || fail "postdesk-cli jobs after the upgrade"

# 3. The installed window.
say "the installed window: first-run assistant, sandbox, test letter"
(cd "$root" && POSTDESK_APP=/usr/bin/postdesk "${CARGO:-cargo}" test -q -p postdesk-e2e --features installed --test installed -- --test-threads=1) \
  || fail "the installed window (artifacts/e2e/installed/)"

# 4. Removal: every file of the package gone, the data folder kept.
say "dpkg -r postdesk"
$sudo dpkg -r postdesk >/dev/null
installed=""
left=()
while read -r f; do
  [ -d "$f" ] && [ ! -L "$f" ] && continue   # shared folders (/usr/bin, …) stay
  [ -e "$f" ] || [ -L "$f" ] && left+=("$f")
done <"$tmp/files"
for d in /usr/lib/postdesk /usr/share/doc/postdesk; do [ -e "$d" ] && left+=("$d"); done
[ ${#left[@]} -eq 0 ] || fail "left after removal: ${left[*]}"
dpkg-query -W -f='${Status}' postdesk 2>/dev/null | grep -q "ok installed" && fail "still installed"
[ -f "$data/postdesk.sqlite3" ] || fail "removal took the data folder $data"
say "ok: installed, used, upgraded from schema 4, removed; the data folder stays ($data)"
