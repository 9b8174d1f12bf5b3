#!/usr/bin/env bash
# Puts libpdfium.so into vendor/pdfium/, taken from the PyPI wheel of pypdfium2
# (the only registry that ships a prebuilt pdfium here). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/vendor/pdfium"
# licenses/: pdfium's BSD licence and those of the parts built into it (shipped in the packages).
[ -f "$dest/libpdfium.so" ] && [ -f "$dest/licenses/pdfium.txt" ] && exit 0
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
    lib = os.path.join(sys.argv[2], "libpdfium.so")
    if not os.path.exists(lib):  # never rewritten under a running Postdesk: a new file, renamed
        with z.open(name) as src, open(lib + ".part", "wb") as out:
            out.write(src.read())
        os.replace(lib + ".part", lib)
    # The licences of what is inside this (Linux, glibc) build; not those of the
    # wheel's Android, musl or V8/XFA builds.
    skip = ("/android/", "/cibw_musl/", "/pbin_musl/", "/v8_xfa/")
    os.makedirs(os.path.join(sys.argv[2], "licenses"), exist_ok=True)
    for n in z.namelist():
        if "/licenses/BUILD_LICENSES/" in n and not n.endswith("/") and not any(s in n for s in skip):
            with z.open(n) as src, open(os.path.join(sys.argv[2], "licenses", os.path.basename(n)), "wb") as out:
                out.write(src.read())
PY
echo "libpdfium.so -> $dest"
