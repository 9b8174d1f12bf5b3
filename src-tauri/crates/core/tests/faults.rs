//! The outbox against a misbehaving provider: one test per injected fault kind
//! (simulator over real HTTP, real SQLite, keychain, pdfium). Every letter of the
//! batch must end with the provider exactly once — checked on `/_sim/letters` by
//! SHA-256 and fileName — or failed with a reason; none may stay in `submitting`.
//! Plus the duplicate guard of `send_checked`.
mod common;
use common::letters;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{LetterState, NoEvents, Postdesk, PostdeskOptions};
use postdesk_sim::{Faults, Sim, SimConfig};

fn options(dir: &std::path::Path, sim_url: String, timeout: Duration) -> PostdeskOptions {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    PostdeskOptions {
        sim_url: Some(sim_url),
        sandbox_status_interval: Some(Duration::from_millis(10)),
        http_timeout: Some(timeout),
        ..PostdeskOptions::new(dir, format!("postdesk-faults-{nanos:x}"))
    }
}

fn run_with(faults: Faults, timeout: Duration) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sim = Sim::start(SimConfig { faults: faults.clone(), ..SimConfig::fast(Duration::from_millis(50), Duration::ZERO) })
            .await
            .unwrap();
        let app = Postdesk::open(options(dir.path(), sim.base_url(), timeout), Arc::new(NoEvents)).await.unwrap();
        let files = letters(dir.path(), "f", 10);
        let drafts = app.add_files(files).await.unwrap();
        let ids: Vec<i64> = drafts.iter().map(|d| d.id).collect();
        let report = app.send_checked(&ids, false).unwrap();
        assert_eq!(report.queued.len(), 10);
        app.start_workers();
        let start = Instant::now();
        loop {
            let (outbox, _) = app.store().count_active().unwrap();
            if outbox == 0 {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "{outbox} letters still waiting/sending with {faults:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // A `slow` request may still be running at the simulator: let it finish.
        tokio::time::sleep(faults.slow_delay().min(Duration::from_secs(3))).await;
        let at_sim = sim.letters();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for l in &at_sim {
            *by_name.entry(l["fileName"].as_str().unwrap().to_owned()).or_default() += 1;
        }
        let mut sent = 0;
        let mut retried = 0;
        for id in ids {
            let row = app.store().letter_row(id).unwrap();
            let l = &row.letter;
            assert_ne!(l.state, LetterState::Submitting);
            retried += usize::from(l.attempts > 1);
            let copies = at_sim.iter().filter(|s| s["sha256"] == l.sha256.as_str()).count();
            if l.state == LetterState::Failed {
                let e = l.last_error.as_ref().expect("a failed letter says why");
                assert!(!e.message.is_empty());
                assert!(copies <= 1, "{}: {copies} copies at the provider", l.file_name);
                continue;
            }
            sent += 1;
            assert_eq!(copies, 1, "{}: {copies} copies at the provider ({faults:?})", l.file_name);
            let name = row.wire_file_name.as_deref().unwrap();
            assert_eq!(by_name.get(name), Some(&1), "{name} once at the provider");
            let provider = at_sim.iter().find(|s| s["sha256"] == l.sha256.as_str()).unwrap();
            assert_eq!(l.provider_id.as_deref(), provider["providerId"].as_str(), "{}", l.file_name);
        }
        assert!(retried > 0, "the faults {faults:?} never hit a send");
        assert!(sent >= 8, "only {sent} of 10 letters reached the provider with {faults:?}");
        assert_eq!(at_sim.len(), sent, "nothing at the provider that the outbox does not know as sent");
    });
}

fn faults(spec: &str) -> Faults {
    Faults::parse(spec).unwrap()
}

#[test]
fn http_5xx_is_retried_and_each_letter_sent_once() {
    run_with(faults("http_5xx=0.4,seed=1"), Duration::from_secs(30));
}

#[test]
fn http_429_waits_for_retry_after_and_each_letter_sent_once() {
    run_with(faults("http_429=0.4,seed=2,retry_after_s=1"), Duration::from_secs(30));
}

#[test]
fn slow_answers_time_out_and_are_looked_up_before_a_resend() {
    run_with(faults("slow=0.3,seed=3,slow_ms=1500"), Duration::from_millis(700));
}

#[test]
fn reset_connections_are_retried_and_each_letter_sent_once() {
    run_with(faults("reset=0.4,seed=4"), Duration::from_secs(30));
}

#[test]
fn lost_answers_are_found_at_the_provider_not_sent_twice() {
    run_with(faults("lost=0.4,seed=5"), Duration::from_secs(30));
}

#[test]
fn the_same_pdf_is_not_queued_twice_unless_allowed() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        let app = Postdesk::open(options(dir.path(), sim.base_url(), Duration::from_secs(30)), Arc::new(NoEvents)).await.unwrap();
        let files = letters(dir.path(), "d", 1);
        let first = app.add_files(files.clone()).await.unwrap();
        assert_eq!(app.send_checked(&[first[0].id], false).unwrap().queued.len(), 1);
        let known = app.files_in_outbox(&files).unwrap();
        assert_eq!(known[0].as_ref().map(|k| k.0), Some(first[0].id));

        let again = app.add_files(files.clone()).await.unwrap();
        let report = app.send_checked(&[again[0].id], false).unwrap();
        assert!(report.queued.is_empty());
        assert_eq!(report.skipped.len(), 1);
        let s = &report.skipped[0];
        assert_eq!(s.existing_id, first[0].id);
        assert_eq!(s.existing_state, LetterState::Queued);
        assert!(s.reason.contains("already waiting"), "{}", s.reason);
        assert_eq!(app.store().letter(again[0].id).unwrap().state, LetterState::Draft, "left on the desk for the clerk");

        let report = app.send_checked(&[again[0].id], true).unwrap();
        assert_eq!(report.queued.len(), 1, "allowed on request");
    });
}

/// Start-up reconcile: the process dies while a send is on the wire (the
/// simulator is slow and stores the letter after the process is gone). The next
/// start finds the letter in `submitting`, asks the provider, finds it there and
/// does not send it again.
#[test]
fn a_letter_left_in_submitting_is_looked_up_at_start_and_not_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let sim_rt = tokio::runtime::Runtime::new().unwrap();
    let sim = sim_rt
        .block_on(Sim::start(SimConfig {
            faults: faults("slow=1,slow_ms=1500,seed=1"),
            ..SimConfig::fast(Duration::from_millis(50), Duration::ZERO)
        }))
        .unwrap();
    // The crashed process's claim runs out (1 s) while the simulator stores the letter.
    let opts = || PostdeskOptions { claim_lease: Some(Duration::from_millis(1000)), ..options(dir.path(), sim.base_url(), Duration::from_secs(30)) };
    let service = opts().keyring_service;
    let files = letters(dir.path(), "c", 1);

    let rt = tokio::runtime::Runtime::new().unwrap();
    let id = rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions { keyring_service: service.clone(), ..opts() }, Arc::new(NoEvents)).await.unwrap();
        let d = app.add_files(files).await.unwrap();
        app.send_checked(&[d[0].id], false).unwrap();
        app.start_workers();
        let start = Instant::now();
        while app.store().letter(d[0].id).unwrap().state != LetterState::Submitting {
            assert!(start.elapsed() < Duration::from_secs(10));
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        d[0].id
    });
    rt.shutdown_background(); // the "crash": the send is still on the wire
    std::thread::sleep(Duration::from_millis(2000)); // the simulator stores it meanwhile
    assert_eq!(sim.letters().len(), 1);
    sim.set_faults(Faults::default());

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions { keyring_service: service.clone(), ..opts() }, Arc::new(NoEvents)).await.unwrap();
        assert_eq!(app.store().letter(id).unwrap().state, LetterState::Submitting);
        app.start_workers();
        let start = Instant::now();
        loop {
            let l = app.store().letter(id).unwrap();
            if !matches!(l.state, LetterState::Queued | LetterState::Submitting) {
                assert_ne!(l.state, LetterState::Failed, "{:?}", l.last_error);
                assert_eq!(l.attempts, 2);
                assert!(
                    l.history.iter().any(|h| h.note.as_deref() == Some("found at the provider after an interrupted send")),
                    "{:?}",
                    l.history
                );
                assert_eq!(l.provider_id.as_deref(), sim.letters()[0]["providerId"].as_str());
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "still {:?}", l.state);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    assert_eq!(sim.letters().len(), 1, "not sent again");
}
