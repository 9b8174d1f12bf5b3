//! THE crash test: `postdesk-sim` (the binary, with a state file) and
//! `postdesk-cli send <500 PDFs> --sim URL`, SIGKILLed at random moments 20
//! times and started again with the same command each time, then run to the
//! end. The simulator must hold each letter exactly once.
//!
//! Needs the `postdesk-sim` binary next to `postdesk-cli`: run as
//! `scripts/desktop-session.sh cargo test -p postdesk-cli -p postdesk-sim --test crash`
//! (or build postdesk-sim first).
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const LETTERS: usize = 500;
const KILLS: usize = 20;

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sim_binary() -> PathBuf {
    let p = Path::new(env!("CARGO_BIN_EXE_postdesk-cli")).with_file_name("postdesk-sim");
    assert!(p.exists(), "{} missing: cargo build -p postdesk-sim", p.display());
    p
}

/// xorshift: reproducible kill moments without a dependency.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Who the letters go through: E-POST (the Sandbox company, one call per
/// letter) or an Ekopost company of the sandbox (five calls per letter).
struct Case {
    letters: usize,
    /// `add-company` arguments, then `send --company NAME`.
    company: Option<(&'static str, &'static str)>,
    postal: &'static str,
    /// Top-left of the address block (the provider's window), mm.
    window: (f32, f32),
}

#[test]
fn sigkill_twenty_times_and_every_letter_is_sent_exactly_once() {
    run(Case { letters: LETTERS, company: None, postal: "53113 Bonn", window: (25.0, 47.0) });
}

/// The same with an Ekopost company: a kill can land between any two of its
/// five calls. 200 letters: each one is five slow calls.
#[test]
fn sigkill_twenty_times_with_ekopost_and_every_letter_is_sent_exactly_once() {
    run(Case { letters: 200, company: Some(("Svensson AB", "ekopost")), postal: "114 55 Stockholm", window: (118.0, 36.0) });
}

/// The same with an EasyPost company: a kill can land between making the job and
/// uploading its PDF.
#[test]
fn sigkill_twenty_times_with_easypost_and_every_letter_is_sent_exactly_once() {
    run(Case { letters: 200, company: Some(("Peeters BV", "easypost")), postal: "2000 Antwerpen", window: (105.0, 44.0) });
}

fn run(case: Case) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let pdfs = dir.path().join("pdfs");
    std::fs::create_dir_all(&pdfs).unwrap();
    let files: Vec<String> = (0..case.letters)
        .map(|i| {
            let name = format!("Kundin Nr {i:04}");
            let street = format!("Musterweg {}", i + 1);
            let mut spec = postdesk_pdf::sample::LetterSpec::to(&[&name, &street, case.postal]);
            spec.address_at_mm = case.window;
            let p = pdfs.join(format!("letter-{i:04}.pdf"));
            std::fs::write(&p, postdesk_pdf::sample::letter(&spec)).unwrap();
            p.display().to_string()
        })
        .collect();

    // Every letter request takes 120 ms at the simulator (a provider's latency, far
    // below the client's timeout), so the batch lasts through all 20 kills however
    // fast this machine is: 500 letters / 4 in flight × 120 ms ≈ 15 s of sending.
    let mut sim = Command::new(sim_binary())
        .args(["--port", "0", "--step-ms", "20", "--min-status-ms", "0"])
        .args(["--faults", "slow=1,slow_ms=120,seed=1", "--state"])
        .arg(dir.path().join("sim-state.json"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(sim.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let _sim = Killed(sim);
    let url = line.trim().strip_prefix("listening on ").expect("sim prints its URL").to_owned();

    let data = dir.path().join("data");
    let service = format!("postdesk-crash-{}", std::process::id());
    let cli = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_postdesk-cli"));
        c.args(args)
            .env("POSTDESK_DATA_DIR", &data)
            .env("POSTDESK_KEYRING_SERVICE", &service)
            .env("POSTDESK_SANDBOX_STATUS_MS", "5")
            // A killed run's letters are taken over by the next run after this.
            .env("POSTDESK_CLAIM_LEASE_MS", "1500");
        c
    };
    let mut send_args: Vec<&str> = vec!["send", "--sim", &url];
    if let Some((name, provider)) = case.company {
        let out = cli(&["add-company", name, "--provider", provider, "--sim", &url]).output().unwrap();
        assert!(out.status.success(), "add-company: {}", String::from_utf8_lossy(&out.stderr));
        send_args.extend(["--company", name]);
    }
    send_args.extend(files.iter().map(String::as_str));

    let mut rng = Rng(0x5eed_0f_c7a5);
    let (mut kills, mut finished_early) = (0, Vec::new());
    for round in 0..KILLS * 3 {
        if kills == KILLS {
            break;
        }
        let mut child = cli(&send_args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        // From during start-up to well into preflighting/sending one run's chunks.
        let at = Duration::from_millis(100 + rng.below(900));
        let deadline = Instant::now() + at;
        while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        match child.try_wait().unwrap() {
            Some(status) => finished_early.push(status.code()),
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                kills += 1;
                eprintln!("round {round}: SIGKILL after {at:?} ({:?} in)", started.elapsed());
            }
        }
    }
    assert_eq!(kills, KILLS, "the batch finished before {KILLS} kills (runs that ended by themselves: {finished_early:?})");

    let out = cli(&send_args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "final run: {}", String::from_utf8_lossy(&out.stderr));

    let at_sim = tokio::runtime::Runtime::new().unwrap().block_on(postdesk_sim::inspect::letters(&url)).unwrap();
    let mut by_sha: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for l in &at_sim {
        // An Ekopost envelope a kill left without its document would be a second,
        // half-made copy of a letter.
        *by_sha.entry(l["sha256"].as_str().unwrap_or_else(|| panic!("an envelope without its document: {l}"))).or_default() += 1;
        *by_name.entry(l["fileName"].as_str().or(l["name"].as_str()).unwrap()).or_default() += 1;
    }
    let twice: Vec<_> = by_sha.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    assert!(by_name.values().all(|n| *n == 1));
    assert_eq!(by_sha.len(), case.letters, "every letter reached the provider");
    assert_eq!(at_sim.len(), case.letters);

    let out = cli(&["jobs", "--json", "--sim", &url]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let jobs: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(jobs.len(), case.letters, "each file queued once");
    for j in &jobs {
        assert!(!["queued", "submitting", "failed"].contains(&j["state"].as_str().unwrap()), "{j}");
        assert!(j["provider_id"].is_string(), "{j}");
    }
    let resent = jobs.iter().filter(|j| j["attempts"].as_u64().unwrap() > 1).count();
    eprintln!(
        "{} letters, {KILLS} kills (runs that ended before their kill: {finished_early:?}), {resent} letters needed a second attempt, {:?} in all",
        case.letters,
        started.elapsed()
    );
}
