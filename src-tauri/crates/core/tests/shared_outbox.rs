//! One outbox, two processes: the window's core and `postdesk-cli` on the same
//! data folder (here two `Postdesk`s in one test process, each with its own
//! owner id, as two processes have), against the real simulator over HTTP, a
//! real SQLite file, the keychain and pdfium. A letter one of them is sending
//! stays its own; a pause set in one holds in the other; a half-written outbox
//! copy or a draft of the other is not cleaned away.
//!
//! Run as `scripts/desktop-session.sh cargo test -p postdesk-core --test shared_outbox`.
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use postdesk_core::{LetterState, NoEvents, Origin, Postdesk, PostdeskOptions};
use postdesk_sim::{Faults, Sim, SimConfig};

mod common;
use common::{letters, until};

fn service() -> String {
    common::service("shared")
}

fn options(dir: &Path, sim_url: String, svc: &str, origin: Origin) -> PostdeskOptions {
    PostdeskOptions { origin, ..common::options(dir, sim_url, svc) }
}

fn state(app: &Postdesk, id: i64) -> LetterState {
    app.store().letter(id).unwrap().state
}

/// Starting `postdesk-cli send` while the window uploads used to put the
/// window's letter back in the queue (every worker start reset every
/// `submitting` row), and the CLI sent it a second time.
#[test]
fn a_letter_the_window_is_sending_stays_its_own_when_the_cli_starts() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        // Each call takes 1.5 s at the provider: the upload is in flight while the CLI starts.
        let faults = Faults { slow: 1.0, slow_ms: Some(1500), ..Faults::default() };
        let sim = Sim::start(SimConfig { faults, ..SimConfig::fast(Duration::from_millis(50), Duration::ZERO) }).await.unwrap();
        let window = Postdesk::open(options(dir.path(), sim.base_url(), &svc, Origin::Window), Arc::new(NoEvents)).await.unwrap();
        window.start_workers();
        let drafts = window.add_files(letters(dir.path(), "w", 1)).await.unwrap();
        let id = drafts[0].id;
        window.send(&[id]).unwrap();
        until("the window to send its letter", Duration::from_secs(20), || state(&window, id) == LetterState::Submitting).await;

        let cli = Postdesk::open(options(dir.path(), sim.base_url(), &svc, Origin::Cli), Arc::new(NoEvents)).await.unwrap();
        cli.start_workers();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let l = window.store().letter(id).unwrap();
        assert_eq!((l.state, l.attempts), (LetterState::Submitting, 1), "the CLI left the window's letter alone: {:?}", l.history);

        until("the letter with the provider", Duration::from_secs(30), || state(&window, id) != LetterState::Submitting).await;
        let l = window.store().letter(id).unwrap();
        assert_ne!(l.state, LetterState::Failed, "{:?}", l.last_error);
        assert_eq!(l.attempts, 1, "sent in one attempt: {:?}", l.history);
        assert!(!l.history.iter().any(|h| h.state == LetterState::Queued && h.note.is_some()), "never put back in the queue: {:?}", l.history);
        assert_eq!(sim.letters().iter().filter(|s| s["sha256"] == l.sha256.as_str()).count(), 1, "the provider has it once");
    });
}

/// The CLI used to resume sending the window had paused, and a second process
/// never saw a pause set after it started (an in-memory flag).
#[test]
fn a_pause_in_the_window_holds_for_the_cli_until_the_window_resumes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        let window = Postdesk::open(options(dir.path(), sim.base_url(), &svc, Origin::Window), Arc::new(NoEvents)).await.unwrap();
        window.start_workers();
        let cli = Postdesk::open(options(dir.path(), sim.base_url(), &svc, Origin::Cli), Arc::new(NoEvents)).await.unwrap();
        cli.start_workers();

        window.pause_outbox().unwrap();
        let drafts = cli.add_files(letters(dir.path(), "c", 3)).await.unwrap();
        let ids: Vec<i64> = drafts.iter().map(|d| d.id).collect();
        cli.send(&ids).unwrap();
        assert!(cli.outbox_paused() && cli.outbox_progress().unwrap().paused, "the CLI sees the window's pause");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert!(ids.iter().all(|id| state(&cli, *id) == LetterState::Queued), "paused: nothing was started");

        window.resume_outbox().unwrap();
        until("the CLI's letters with the provider", Duration::from_secs(30), || {
            ids.iter().all(|id| !matches!(state(&cli, *id), LetterState::Queued | LetterState::Submitting))
        })
        .await;
        assert!(!cli.outbox_paused());
    });
}

/// Both processes used the same `<sha>.part` name, and each start removed
/// every `.part` file: the other's copy in progress with it.
#[test]
fn a_copy_another_process_is_writing_survives_a_start_and_a_stale_one_goes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        drop(Postdesk::open(options(dir.path(), sim.base_url(), &svc, Origin::Window), Arc::new(NoEvents)).await.unwrap());
        let archive = dir.path().join("archive");
        let in_progress = archive.join("0123.0f1e2d3c4b5a.part");
        std::fs::write(&in_progress, b"half a pdf, still being written").unwrap();
        let stale = archive.join("4567.a1b2c3d4e5f6.part");
        std::fs::write(&stale, b"half a pdf of a crash").unwrap();
        let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
        std::fs::File::options().write(true).open(&stale).unwrap().set_modified(two_hours_ago).unwrap();

        let cli = Postdesk::open(options(dir.path(), sim.base_url(), &svc, Origin::Cli), Arc::new(NoEvents)).await.unwrap();
        assert!(in_progress.exists(), "another process's copy in progress is left alone");
        assert!(!stale.exists(), "a crash's half copy goes");

        // This process's own copies carry its own mark: sending leaves no `.part`
        // and never touches the other's.
        let drafts = cli.add_files(letters(dir.path(), "p", 1)).await.unwrap();
        cli.send(&[drafts[0].id]).unwrap();
        let parts: Vec<_> = std::fs::read_dir(&archive).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "part")).collect();
        assert_eq!(parts, vec![in_progress]);
    });
}

/// A CLI run used to remove every CLI draft at its start: those of another run
/// still checking and queueing its files too.
#[test]
fn a_cli_run_removes_only_the_drafts_of_runs_that_are_gone() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        let short = |origin| PostdeskOptions { claim_lease: Some(Duration::from_millis(600)), ..options(dir.path(), sim.base_url(), &svc, origin) };
        let busy = Postdesk::open(short(Origin::Cli), Arc::new(NoEvents)).await.unwrap();
        busy.start_workers();
        let checked = busy.add_files(letters(dir.path(), "a", 3)).await.unwrap();

        let next = Postdesk::open(short(Origin::Cli), Arc::new(NoEvents)).await.unwrap();
        // Longer than the lease: the busy run keeps renewing it.
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert_eq!(next.discard_own_drafts().unwrap(), 0, "the drafts of a run at work stay");
        let ids: Vec<i64> = checked.iter().map(|d| d.id).collect();
        assert_eq!(busy.send(&ids).unwrap().len(), 3);

        // A run that died (no workers, so no renewals) leaves drafts that go once its lease ran out.
        let dead = Postdesk::open(short(Origin::Cli), Arc::new(NoEvents)).await.unwrap();
        dead.add_files(letters(dir.path(), "d", 2)).await.unwrap();
        drop(dead);
        assert_eq!(next.discard_own_drafts().unwrap(), 0);
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(next.discard_own_drafts().unwrap(), 2);
    });
}
