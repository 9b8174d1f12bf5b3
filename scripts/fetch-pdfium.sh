#!/usr/bin/env bash
# Puts libpdfium.so into vendor/pdfium/, taken from the PyPI wheel of pypdfium2
# (the only registry that ships a prebuilt pdfium here). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/vendor/pdfium"
[ -f "$dest/libpdfium.so" ] && exit 0
mkdir -p "$dest"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# Pinned: a pdfium build known to work with pdfium-render 0.9 (pdfium_latest API).
python3 -m pip download --quiet --no-deps --only-binary=:all: \
  --platform manylinux_2_17_x86_64 --python-version 3.11 \
  -d "$tmp" "pypdfium2==${PYPDFIUM2_VERSION:-5.15.2}"
python3 - "$tmp" "$dest" <<'PY'
import sys, zipfile, glob, os
whl = glob.glob(os.path.join(sys.argv[1], "*.whl"))[0]
with zipfile.ZipFile(whl) as z:
    name = next(n for n in z.namelist() if n.endswith("libpdfium.so"))
    with z.open(name) as src, open(os.path.join(sys.argv[2], "libpdfium.so"), "wb") as out:
        out.write(src.read())
PY
echo "libpdfium.so -> $dest"
