//! One data folder, one simulator, four senders at once: the window's core (a
//! `Postdesk` opened in this test process, workers running, queueing letters
//! all along) and three `postdesk-cli send` processes, SIGKILLed at random
//! moments and started again with the same command. The simulator must hold
//! every letter exactly once, and every CLI run that is not killed must exit by
//! itself once its own letters are with the provider — while the window still
//! keeps the outbox busy (a CLI used to wait for the whole outbox to empty, and
//! 12 of them on one folder never exited).
//!
//! Run as `scripts/desktop-session.sh cargo test -p postdesk-cli --test window_and_clis`.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{LetterState, NoEvents, Postdesk, PostdeskOptions};
use postdesk_sim::{Faults, Sim, SimConfig};

const CLIS: usize = 3;
const LETTERS_PER_CLI: usize = 60;
const KILLS_PER_CLI: usize = 3;
/// A dead process's letters are taken over after this (ms).
const LEASE_MS: u64 = 1500;

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
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

fn letter(dir: &Path, tag: &str, i: usize) -> PathBuf {
    let name = format!("Kundin {tag} Nr {i:03}");
    let street = format!("Musterweg {}", i + 1);
    let spec = postdesk_pdf::sample::LetterSpec::to(&[&name, &street, "53113 Bonn"]);
    let p = dir.join(format!("{tag}-{i:03}.pdf"));
    std::fs::write(&p, postdesk_pdf::sample::letter(&spec)).unwrap();
    p
}

fn sha256(path: &Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn the_window_and_three_killed_and_restarted_clis_send_each_letter_once_and_every_cli_exits() {
    let started = Instant::now();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdfs = dir.path().join("pdfs");
    std::fs::create_dir_all(&pdfs).unwrap();
    let data = dir.path().join("data");
    let service = format!("postdesk-window-clis-{}", std::process::id());

    // Every letter call is slowed (a provider's latency), some answer 503 (the
    // letter waits for a retry: the outbox is rarely empty), a few are stored
    // and the answer lost (the next attempt must find it, not send it again).
    let faults = Faults { http_5xx: 0.06, slow: 0.9, lost: 0.02, slow_ms: Some(80), seed: 17, ..Faults::default() };
    let sim = rt.block_on(Sim::start(SimConfig { faults, ..SimConfig::fast(Duration::from_millis(20), Duration::ZERO) })).unwrap();
    let url = sim.base_url();

    let window = rt.block_on(async {
        let opts = PostdeskOptions {
            sim_url: Some(url.clone()),
            sandbox_status_interval: Some(Duration::from_millis(5)),
            http_timeout: Some(Duration::from_secs(10)),
            claim_lease: Some(Duration::from_millis(LEASE_MS)),
            ..PostdeskOptions::new(&data, &service)
        };
        let w = Postdesk::open(opts, Arc::new(NoEvents)).await.unwrap();
        w.start_workers();
        w
    });

    // The window queues three letters every 300 ms until every CLI is done.
    let feeding = Arc::new(AtomicBool::new(true));
    let feeder = {
        let (window, feeding, pdfs) = (window.clone(), feeding.clone(), pdfs.clone());
        rt.spawn(async move {
            let mut ids = Vec::new();
            let mut n = 0;
            while feeding.load(Ordering::SeqCst) && n < 600 {
                let files: Vec<PathBuf> = (n..n + 3).map(|i| letter(&pdfs, "window", i)).collect();
                n += 3;
                let drafts = window.add_files(files).await.unwrap();
                let batch: Vec<i64> = drafts.iter().map(|d| d.id).collect();
                ids.extend(window.send(&batch).unwrap().iter().map(|l| l.id));
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            ids
        })
    };

    let cli_files: Vec<Vec<PathBuf>> = (0..CLIS).map(|c| (0..LETTERS_PER_CLI).map(|i| letter(&pdfs, &format!("cli{c}"), i)).collect()).collect();
    let spawn = |c: usize| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_postdesk-cli"));
        cmd.args(["send", "--sim", &url])
            .args(&cli_files[c])
            .env("POSTDESK_DATA_DIR", &data)
            .env("POSTDESK_KEYRING_SERVICE", &service)
            .env("POSTDESK_SANDBOX_STATUS_MS", "5")
            .env("POSTDESK_CLAIM_LEASE_MS", LEASE_MS.to_string())
            .env("POSTDESK_HTTP_TIMEOUT_MS", "10000")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        Killed(cmd.spawn().unwrap())
    };

    // Each CLI slot: killed KILLS_PER_CLI times at random moments (start-up,
    // preflight, sending), restarted with the same command each time.
    let mut rng = Rng(0x0b5e_55ed_c11);
    let mut running: Vec<(Killed, usize, Instant)> = (0..CLIS).map(|c| (spawn(c), c, Instant::now() + Duration::from_millis(300 + rng.below(1500)))).collect();
    let mut kills = 0;
    let mut exits: Vec<(usize, Option<i32>, Duration, String)> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !running.is_empty() {
        assert!(Instant::now() < deadline, "CLI runs still going after 60 s (exited so far: {exits:?})");
        let mut still = Vec::new();
        for (mut child, c, kill_at) in running.drain(..) {
            let killed_so_far = kills_of(&exits, c);
            if let Some(status) = child.0.try_wait().unwrap() {
                let mut err = String::new();
                use std::io::Read;
                child.0.stderr.take().unwrap().read_to_string(&mut err).unwrap();
                exits.push((c, status.code(), started.elapsed(), err));
                if killed_so_far < KILLS_PER_CLI {
                    // Finished before its kill: fine, nothing to restart.
                }
                continue;
            }
            if killed_so_far < KILLS_PER_CLI && Instant::now() >= kill_at {
                child.0.kill().unwrap(); // SIGKILL
                child.0.wait().unwrap();
                kills += 1;
                exits.push((c, None, started.elapsed(), "SIGKILL".into()));
                let next = Instant::now() + Duration::from_millis(200 + rng.below(1500));
                still.push((spawn(c), c, next));
                continue;
            }
            still.push((child, c, kill_at));
        }
        running = still;
        std::thread::sleep(Duration::from_millis(10));
    }
    let cli_done = started.elapsed();
    assert!(feeding.load(Ordering::SeqCst), "the window was still queueing when the CLIs were done");
    feeding.store(false, Ordering::SeqCst);
    let window_ids = rt.block_on(feeder).unwrap();

    // Every run not killed ended by itself, successfully.
    for (c, code, at, err) in &exits {
        if err != "SIGKILL" {
            assert_eq!(*code, Some(0), "CLI {c} at {at:?}: {err}");
        }
    }
    for c in 0..CLIS {
        assert!(exits.iter().any(|(k, code, _, _)| *k == c && *code == Some(0)), "CLI {c} ended by itself: {exits:?}");
    }

    // The window's letters all leave the outbox too.
    rt.block_on(async {
        let limit = Instant::now() + Duration::from_secs(30);
        loop {
            let open = window_ids.iter().filter(|id| matches!(window.store().letter(**id).unwrap().state, LetterState::Queued | LetterState::Submitting)).count();
            if open == 0 {
                break;
            }
            assert!(Instant::now() < limit, "{open} window letters still in the outbox");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });

    // Each letter, the window's and every CLI's, at the provider exactly once.
    let mut expected: Vec<String> = cli_files.iter().flatten().map(|p| sha256(p)).collect();
    expected.extend(window_ids.iter().map(|id| window.store().letter(*id).unwrap().sha256));
    let mut at_sim: HashMap<String, usize> = HashMap::new();
    for l in sim.letters() {
        *at_sim.entry(l["sha256"].as_str().unwrap().to_string()).or_default() += 1;
    }
    let twice: Vec<_> = at_sim.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    let missing: Vec<_> = expected.iter().filter(|s| !at_sim.contains_key(*s)).collect();
    assert!(missing.is_empty(), "never reached the provider: {missing:?}");
    assert_eq!(at_sim.len(), expected.len(), "nothing else reached the provider");
    let jobs = window.all_jobs().unwrap();
    assert_eq!(jobs.len(), expected.len(), "each file queued once");
    for j in &jobs {
        assert!(!matches!(j.state, LetterState::Queued | LetterState::Submitting | LetterState::Failed), "{} {:?}: {:?}", j.file_name, j.state, j.last_error);
    }
    if let Some(worst) = jobs.iter().max_by_key(|j| j.attempts) {
        eprintln!("most attempts: {} ({}): {:?}", worst.file_name, worst.attempts, worst.history);
    }
    eprintln!(
        "{CLIS} CLIs × {LETTERS_PER_CLI} letters + {} from the window, {kills} kills, CLI runs: {:?}; CLIs done after {cli_done:?}, all after {:?}",
        window_ids.len(),
        exits.iter().map(|(c, code, at, _)| (c, code, at)).collect::<Vec<_>>(),
        started.elapsed()
    );
}

fn kills_of(exits: &[(usize, Option<i32>, Duration, String)], c: usize) -> usize {
    exits.iter().filter(|(k, _, _, e)| *k == c && e == "SIGKILL").count()
}
