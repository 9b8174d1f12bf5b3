#!/usr/bin/env bash
# Installs what `make run` and `make test` need, on Debian 12 (or Ubuntu 22.04+).
# Idempotent and quick when everything is already there. Expects Rust (cargo) and
# Node 20 (npm) to be installed already.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# Tauri's Linux list; X display and WebDriver for the window tests; a real Secret
# Service keychain; pip for the pdfium wheel; ImageMagick for screenshots/icons;
# chromium for browser tests of the web part alone; openssl makes the test CA and
# runs the TLS server of the system-roots test.
apt_packages=(
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  xvfb xauth webkit2gtk-driver xdotool
  dbus dbus-bin dbus-x11 gnome-keyring libdbus-1-dev libsecret-tools
  python3 python3-pip imagemagick chromium
  openssl
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# python3/pip may come from elsewhere (pyenv); only the module matters.
if [ ${#missing[@]} -gt 0 ] && command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
  keep=(); for p in "${missing[@]}"; do [[ $p == python3 || $p == python3-pip ]] || keep+=("$p"); done
  missing=("${keep[@]+"${keep[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing apt packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "setup: need root to install: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "apt packages present"
fi

for tool in cargo npm; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' not found: install Rust (rustup) and Node 20 first" >&2; exit 1; }
done

# UI dependencies: `npm ci` only when package-lock.json changed since the last one.
if [ -f "$root/ui/package-lock.json" ]; then
  stamp="$root/ui/node_modules/.postdesk-lock.sha256"
  want="$(sha256sum "$root/ui/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "npm ci (ui/)"
    npm --prefix "$root/ui" ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  else
    say "ui/node_modules up to date"
  fi
else
  say "no ui/package-lock.json yet: skipping npm ci"
fi

"$root/scripts/fetch-pdfium.sh"

driver_version="2.1.0"
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
if [ ! -x "$cargo_bin/tauri-driver" ] && ! command -v tauri-driver >/dev/null; then
  say "cargo install tauri-driver $driver_version"
  cargo install tauri-driver --locked --version "$driver_version" --quiet
else
  say "tauri-driver present"
fi
say "done"
