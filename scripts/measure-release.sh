#!/usr/bin/env bash
# Usage: scripts/measure-release.sh [RUNS]        (after `make release`; RUNS: 10)
#
# The release package's size, start and memory (#14), printed as a table:
#   - the .deb's size and its installed size (the unpacked tree, and dpkg's Installed-Size);
#   - start to the first painted, usable Send desk: the installed layout (the .deb
#     unpacked with dpkg-deb -x: /usr/bin/postdesk with /usr/lib/postdesk/libpdfium.so),
#     POSTDESK_STARTUP_MARK=1, the time from exec to the UI's marker (`desk_ready`: the
#     frame after the drop listeners are in place, printed as `postdesk: desk ready`),
#     median of RUNS new processes on one data folder (a first, untimed start makes
#     it). Beside it the same for a minimal Tauri window (scripts/bench/minimal-window,
#     built in the same cargo run, release, same target folder), whose page reports
#     its first frame the same way. The page cache is warm (no caches are dropped);
#     every start is a new process tree.
#   - idle memory: 5 s after the desk is ready, PSS and RSS summed over the whole
#     process tree (the app, WebKit's web and network processes, the PDF worker).
# Runs inside scripts/desktop-session.sh (Xvfb, session bus, throwaway keychain).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
if [ -z "${POSTDESK_SESSION_BUS:-}" ]; then exec "$root/scripts/desktop-session.sh" "$0" "$@"; fi
dist="$root/target/dist"
deb="$(ls "$dist"/release/bundle/deb/Postdesk_*_amd64.deb 2>/dev/null | head -1)"
[ -n "$deb" ] || { echo "measure-release: no .deb in $dist/release/bundle/deb: run make release" >&2; exit 1; }
# The minimal window, with the features the release build has (the same cargo run;
# postdesk and postdesk-cli are already built, so only the small crate compiles).
CARGO_TARGET_DIR="$dist" POSTDESK_BUNDLE=1 CARGO_PROFILE_RELEASE_STRIP=symbols \
  "${CARGO:-cargo}" build -q --release --locked -p postdesk -p postdesk-cli -p postdesk-minimal-window
tmp="$(mktemp -d -t postdesk-measure.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/root"
python3 - "$runs" "$deb" "$tmp" "$dist/release/postdesk-minimal-window" <<'PY'
import os, signal, statistics, subprocess, sys, time

runs, deb, tmp, minimal = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
app = os.path.join(tmp, "root/usr/bin/postdesk")

def tree(pid):
    """pid and every descendant."""
    kids = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                stat = open(f"/proc/{p}/stat").read()
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                kids.setdefault(ppid, []).append(int(p))
            except (OSError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out

def memory(pid):
    pss = rss = 0
    names = []
    for p in tree(pid):
        try:
            for line in open(f"/proc/{p}/smaps_rollup"):
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
            names.append(open(f"/proc/{p}/comm").read().strip())
        except OSError:
            pass
    return pss / 1024, rss / 1024, names

def start(cmd, marker, env, idle=0.0):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, start_new_session=True)
    signal.alarm(60)
    try:
        for line in p.stdout:
            if marker in line:
                ms = (time.monotonic() - t0) * 1000
                break
        else:
            raise SystemExit(f"{cmd[0]} exited (code {p.wait()}) before its marker")
    finally:
        signal.alarm(0)
    mem = None
    if idle:
        time.sleep(idle)
        mem = memory(p.pid)
    os.killpg(p.pid, signal.SIGTERM)
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    time.sleep(0.3)
    return ms, mem

env = dict(os.environ)
env.update({
    "POSTDESK_DATA_DIR": os.path.join(tmp, "data"),
    "POSTDESK_KEYRING_SERVICE": f"postdesk-measure-{os.getpid()}",
    "POSTDESK_SKIP_WIZARD": "1",
    "POSTDESK_STARTUP_MARK": "1",
})
env.pop("POSTDESK_PDFIUM", None)
start([app], "postdesk: desk ready", env)          # first start: makes the data folder
start([minimal], "minimal: ready", env)
desk, base = [], []
for _ in range(runs):
    desk.append(start([app], "postdesk: desk ready", env)[0])
    base.append(start([minimal], "minimal: ready", env)[0])
_, (pss, rss, names) = start([app], "postdesk: desk ready", env, idle=5.0)
_, (mpss, mrss, _) = start([minimal], "minimal: ready", env, idle=5.0)

deb_mb = os.path.getsize(deb) / 1e6
inst = int(subprocess.run(["du", "-sb", os.path.join(tmp, "root")], capture_output=True, text=True).stdout.split()[0]) / 1e6
ctrl = subprocess.run(["dpkg-deb", "-f", deb, "Installed-Size"], capture_output=True, text=True).stdout.strip()
fmt = lambda xs: f"median {statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f})"
print(f"package        {os.path.basename(deb)}")
print(f".deb size      {deb_mb:.1f} MB  (goal <= 25 MB)")
print(f"installed      {inst:.1f} MB  (dpkg Installed-Size {int(ctrl) / 1000:.1f} MB)")
print(f"start to desk  {fmt(desk)} over {runs} starts  (goal <= 800 ms)")
print(f"minimal Tauri  {fmt(base)} over {runs} starts")
print(f"idle memory    PSS {pss:.0f} MB, RSS {rss:.0f} MB over {len(names)} processes ({', '.join(sorted(set(names)))})  (goal <= 150 MB)")
print(f"minimal idle   PSS {mpss:.0f} MB, RSS {mrss:.0f} MB")
print(f"machine        {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
PY
