//! `postdesk-bench [N]` (default 1000): N one-page letters, preflighted and
//! submitted to the sandbox by `postdesk-cli send` against a `postdesk-sim`
//! binary, measured with `/usr/bin/time -v` (wall time, peak RSS of the CLI).
//! Run inside `scripts/desktop-session.sh` (keychain); the binaries it starts
//! are its siblings in the target folder (build postdesk-sim too).
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let me = std::env::current_exe().expect("own path");
    let sibling = |name: &str| me.with_file_name(name);
    let dir = std::env::temp_dir().join(format!("postdesk-bench-{}", std::process::id()));
    let pdfs = dir.join("pdfs");
    std::fs::create_dir_all(&pdfs).expect("temp dir");
    let files: Vec<String> = (0..n)
        .map(|i| {
            let name = format!("Bench Empfänger {i:05}");
            let spec = postdesk_pdf::sample::LetterSpec::to(&[&name, "Musterweg 1", "53113 Bonn"]);
            let p = pdfs.join(format!("bench-{i:05}.pdf"));
            std::fs::write(&p, postdesk_pdf::sample::letter(&spec)).expect("write pdf");
            p.display().to_string()
        })
        .collect();
    let mut sim = Command::new(sibling("postdesk-sim"))
        .args(["--port", "0", "--step-ms", "20", "--min-status-ms", "0", "--state"])
        .arg(dir.join("sim.json"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("postdesk-sim next to postdesk-bench");
    let mut line = String::new();
    std::io::BufReader::new(sim.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().trim_start_matches("listening on ").to_owned();

    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(sibling("postdesk-cli"))
        .args(["send", "--sim", &url])
        .args(&files)
        .env("POSTDESK_DATA_DIR", dir.join("data"))
        .env("POSTDESK_KEYRING_SERVICE", format!("postdesk-bench-{}", std::process::id()))
        .env("POSTDESK_SANDBOX_STATUS_MS", "5")
        .output()
        .expect("/usr/bin/time");
    let wall = start.elapsed();
    let _ = sim.kill();
    let _ = sim.wait();
    let err = String::from_utf8_lossy(&out.stderr);
    let rss_kb: u64 = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let queued = err.lines().find(|l| l.contains("letter(s) queued")).unwrap_or("?");
    println!("{n} letters: {queued}");
    println!("exit {:?}, wall {:.1} s (preflight + queue + every letter handed to the provider)", out.status.code(), wall.as_secs_f64());
    println!("peak RSS of postdesk-cli {:.0} MB", rss_kb as f64 / 1024.0);
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        eprintln!("{err}");
        std::process::exit(1);
    }
}
