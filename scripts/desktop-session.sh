#!/usr/bin/env bash
# Usage: scripts/desktop-session.sh CMD [ARGS...]
#
# Runs CMD in a throwaway desktop session like a logged-in user's: its own D-Bus
# session bus, an unlocked gnome-keyring Secret Service (the keychain the `keyring`
# crate talks to), an X display (Xvfb when $DISPLAY is empty) and throwaway
# HOME/XDG folders. Nothing touches the real user's keychain or settings.
# Exits with CMD's exit code; cleans up after itself.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }

if [ -z "${POSTDESK_SESSION_BUS:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "desktop-session: dbus-run-session missing: run scripts/setup.sh" >&2; exit 1; }
  export POSTDESK_SESSION_BUS=1
  exec dbus-run-session -- "$0" "$@"
fi

say() { printf '\033[1mdesktop-session:\033[0m %s\n' "$*" >&2; }
tmp="$(mktemp -d -t postdesk-session.XXXXXX)"
keyring_pid="" xvfb_pid=""
cleanup() {
  [ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Keep the real toolchains when HOME moves.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/share" \
       XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1

# Secret Service: a fresh login keyring, unlocked with a throwaway password.
printf 'pw' | gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/keyring.log" 2>&1 &
keyring_pid=$!
has_secrets() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 100); do has_secrets && break; sleep 0.1; done
has_secrets || { say "Secret Service did not start:"; cat "$tmp/keyring.log" >&2; exit 1; }

# A keychain round trip, so a broken keyring fails here and not deep in a test.
if command -v secret-tool >/dev/null; then
  printf 'probe' | secret-tool store --label='postdesk session probe' service postdesk-session-probe account probe
  [ "$(secret-tool lookup service postdesk-session-probe account probe)" = probe ] \
    || { say "keyring round trip failed"; exit 1; }
  secret-tool clear service postdesk-session-probe account probe
fi

if [ -z "${DISPLAY:-}" ]; then
  exec 3>"$tmp/display"
  Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset >"$tmp/xvfb.log" 2>&1 &
  xvfb_pid=$!
  exec 3>&-
  for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
  [ -s "$tmp/display" ] || { say "Xvfb did not start:"; cat "$tmp/xvfb.log" >&2; exit 1; }
  export DISPLAY=":$(tr -d '[:space:]' <"$tmp/display")"
  say "Xvfb on $DISPLAY"
fi

set +e
"$@"
rc=$?
set -e
exit "$rc"
