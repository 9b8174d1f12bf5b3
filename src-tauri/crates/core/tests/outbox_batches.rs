//! Big batches and bad local state, against the real simulator over HTTP, a real
//! SQLite file, the keychain and pdfium: the progress of a batch (counts,
//! throttled events), pause that survives a restart, resume, cancel that never
//! sends, the duplicate question's facts, a full disk (a real, tiny tmpfs), a
//! locked and a damaged database, and the drafts a killed CLI run leaves.
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use postdesk_core::recovery::{self, RecoveryAction};
use postdesk_core::{AddProgress, CoreError, EventSink, Letter, LetterState, NoEvents, Origin, OutboxProgress, Postdesk, PostdeskOptions};
use postdesk_sim::{Faults, Sim, SimConfig, SimHandle};

mod common;
use common::{letters, options, until};

fn service() -> String {
    common::service("batches")
}

/// Every `sending` letter takes `ms` at the provider.
async fn slow_sim(ms: u64) -> SimHandle {
    let faults = Faults { slow: 1.0, slow_ms: Some(ms), ..Faults::default() };
    Sim::start(SimConfig { faults, ..SimConfig::fast(Duration::from_millis(50), Duration::ZERO) }).await.unwrap()
}

#[derive(Default)]
struct Recorder {
    progress: Mutex<Vec<OutboxProgress>>,
    added: Mutex<Vec<AddProgress>>,
    letters: Mutex<usize>,
}

impl EventSink for Recorder {
    fn letter_changed(&self, _: &Letter) {
        *self.letters.lock().unwrap() += 1;
    }
    fn drafts_changed(&self, _: i64) {}
    fn outbox_progress(&self, p: &OutboxProgress) {
        self.progress.lock().unwrap().push(p.clone());
    }
    fn add_progress(&self, p: &AddProgress) {
        self.added.lock().unwrap().push(p.clone());
    }
}

fn count(app: &Postdesk, ids: &[i64], pred: impl Fn(LetterState) -> bool) -> usize {
    ids.iter().filter(|id| pred(app.store().letter(**id).unwrap().state)).count()
}

fn with_provider(s: LetterState) -> bool {
    matches!(s, LetterState::Submitted | LetterState::Accepted | LetterState::Released | LetterState::Printing | LetterState::Sent)
}

#[test]
fn a_batch_pauses_across_a_restart_resumes_and_cancel_never_sends() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        let sim = slow_sim(150).await;
        let rec = Arc::new(Recorder::default());
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &svc), rec.clone()).await.unwrap();
        let files = letters(dir.path(), "b", 60);
        let drafts = app.add_files(files).await.unwrap();
        // `add-progress` came while checking, throttled, and ends at 60 of 60.
        {
            let added = rec.added.lock().unwrap();
            assert_eq!(added.last(), Some(&AddProgress { checked: 60, total: 60 }));
            assert!(added.len() <= 60);
        }
        let ids: Vec<i64> = drafts.iter().map(|d| d.id).collect();
        let report = app.send_checked(&ids, false).unwrap();
        assert_eq!(report.queued.len(), 60);
        let progress = app.outbox_progress().unwrap();
        assert!(!progress.paused);
        assert_eq!(progress.batches.len(), 1, "one Send, one batch");
        let batch = progress.batches[0].clone();
        assert_eq!((batch.total, batch.queued, batch.sent, batch.done), (60, 60, 0, false));

        app.start_workers();
        until("some letters with the provider", Duration::from_secs(60), || count(&app, &ids, with_provider) >= 8).await;
        app.pause_outbox().unwrap();
        // Letters in flight finish; nothing new starts.
        until("letters in flight to finish", Duration::from_secs(30), || count(&app, &ids, |s| s == LetterState::Submitting) == 0).await;
        let at_pause = count(&app, &ids, with_provider);
        let waiting = count(&app, &ids, |s| s == LetterState::Queued);
        assert!(waiting > 0, "the pause came before the end of the batch");
        assert_eq!(at_pause + waiting, 60);
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(count(&app, &ids, |s| s == LetterState::Queued), waiting, "paused: nothing was started");
        drop(app);

        // A restart stays paused: the setting is in the database.
        let rec2 = Arc::new(Recorder::default());
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &svc), rec2.clone()).await.unwrap();
        app.start_workers();
        let p = app.outbox_progress().unwrap();
        assert!(p.paused, "pause survives a restart");
        assert_eq!(p.batches.len(), 1);
        assert_eq!(p.batches[0].queued as usize, waiting);
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(count(&app, &ids, |s| s == LetterState::Queued), waiting, "still paused after the restart");

        // Resume: sending goes on; then cancel what has not started.
        app.resume_outbox().unwrap();
        until("more letters with the provider", Duration::from_secs(60), || count(&app, &ids, with_provider) >= at_pause + 4).await;
        let cancelled = app.cancel_batch(batch.id).unwrap() as usize;
        assert!(cancelled > 0, "letters were still waiting to be cancelled");
        until("the batch to finish", Duration::from_secs(60), || app.outbox_progress().unwrap().batches.is_empty()).await;
        let sent = count(&app, &ids, with_provider);
        assert_eq!(count(&app, &ids, |s| s == LetterState::Cancelled), cancelled);
        assert_eq!(sent + cancelled, 60, "every letter sent or cancelled; none failed or waiting");

        // The provider has each sent letter once and none of the cancelled ones.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let at_sim = sim.letters();
        for id in &ids {
            let l = app.store().letter(*id).unwrap();
            let copies = at_sim.iter().filter(|s| s["sha256"] == l.sha256.as_str()).count();
            match l.state {
                LetterState::Cancelled => {
                    assert_eq!(copies, 0, "{} was cancelled but sent", l.file_name);
                    assert_eq!(l.attempts, 0);
                    assert!(l.history.last().unwrap().note.as_deref().unwrap().contains("cancelled"));
                }
                _ => assert_eq!(copies, 1, "{} at the provider {copies} times", l.file_name),
            }
        }

        // Events: throttled (far fewer than the letter changes), the last one
        // reports the batch done with the final counts.
        let events = rec2.progress.lock().unwrap().clone();
        let changes = *rec2.letters.lock().unwrap();
        assert!(!events.is_empty());
        assert!(events.len() < changes, "{} progress events for {changes} letter changes", events.len());
        let last = events.iter().rev().find(|e| !e.batches.is_empty()).unwrap();
        let b = &last.batches[0];
        assert!(b.done, "the last event says the batch is done: {b:?}");
        assert_eq!((b.total, b.sent as usize, b.cancelled as usize, b.queued, b.sending), (60, sent, cancelled, 0, 0));
        assert!(!last.paused);
    });
}

#[test]
fn the_duplicate_report_says_which_letter_and_when() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &service()), Arc::new(NoEvents)).await.unwrap();
        let file = letters(dir.path(), "d", 1);
        let first = app.add_files(file.clone()).await.unwrap();
        let r1 = app.send_checked(&[first[0].id], false).unwrap();
        assert_eq!(r1.queued.len(), 1);
        let again = app.add_files(file).await.unwrap();
        let r2 = app.send_checked(&[again[0].id], false).unwrap();
        assert!(r2.queued.is_empty());
        let s = &r2.skipped[0];
        assert_eq!(s.existing_id, first[0].id);
        assert_eq!(s.existing_state, LetterState::Queued);
        let queued_at = r1.queued[0].history.iter().find(|h| h.state == LetterState::Queued).unwrap().at.clone();
        assert_eq!(s.existing_at, queued_at);
        // Still a draft: the clerk decides.
        assert_eq!(app.store().letter(again[0].id).unwrap().state, LetterState::Draft);
        let r3 = app.send_checked(&[again[0].id], true).unwrap();
        assert_eq!(r3.queued.len(), 1, "send again anyway");
    });
}

/// A real full file system: a 256 KiB tmpfs over the outbox folder, filled up.
/// Needs root (the test machines are); fails loudly where it cannot mount.
struct TinyFs(PathBuf);

impl TinyFs {
    fn mount(at: &Path) -> TinyFs {
        std::fs::create_dir_all(at).unwrap();
        let st = std::process::Command::new("mount").args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"]).arg(at).status().unwrap();
        assert!(st.success(), "mounting a tmpfs at {} failed (the full-disk test needs root)", at.display());
        // Fill it to the last block.
        let _ = std::fs::write(at.join("filler"), vec![0u8; 512 * 1024]);
        TinyFs(at.to_path_buf())
    }
    fn free_space(&self) {
        std::fs::remove_file(self.0.join("filler")).unwrap();
    }
}

impl Drop for TinyFs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_letters_queued_with_the_reason_and_they_go_once_there_is_room() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &service()), Arc::new(NoEvents)).await.unwrap();
        let files = letters(dir.path(), "full", 3);
        let drafts = app.add_files(files).await.unwrap();
        let fs = TinyFs::mount(&dir.path().join("archive"));
        let ids: Vec<i64> = drafts.iter().map(|d| d.id).collect();
        let report = app.send_checked(&ids, false).expect("a full disk does not fail the Send");
        assert_eq!(report.queued.len(), 3);
        app.start_workers();
        for l in &report.queued {
            assert_eq!(l.state, LetterState::Queued);
            let e = l.last_error.as_ref().expect("the reason is on the letter");
            assert_eq!(e.code, "disk_full");
            assert!(e.message.contains("disk is full"));
            assert!(l.history.last().unwrap().note.as_deref().unwrap().contains("disk is full"));
        }
        assert!(!std::fs::read_dir(dir.path().join("archive")).unwrap().flatten().any(|e| e.path().extension().is_some_and(|x| x == "part")), "no half copy left behind");
        assert!(sim.letters().is_empty());
        // Room again. The worker looks every 30 s by itself; Resume looks now.
        fs.free_space();
        app.resume_outbox().unwrap();
        until("letters with the provider", Duration::from_secs(60), || count(&app, &ids, with_provider) == 3).await;
        for id in &ids {
            let l = app.store().letter(*id).unwrap();
            assert_eq!(l.attempts, 1, "waiting for room did not use up attempts");
            assert_eq!(sim.letters().iter().filter(|s| s["sha256"] == l.sha256.as_str()).count(), 1);
        }
        drop(app);
        drop(fs);
    });
}

#[test]
fn a_locked_database_says_so_and_opens_once_the_other_program_lets_go() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        drop(Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.unwrap());
        // Another program holds the database with an exclusive lock.
        let other = rusqlite::Connection::open(dir.path().join("postdesk.sqlite3")).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
        let err = match Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await {
            Err(e) => e,
            Ok(_) => panic!("opened a database another program holds locked"),
        };
        assert!(matches!(err, CoreError::DbLocked { .. }), "{err:?}");
        let app_err = postdesk_core::AppError::from(&err);
        assert_eq!(app_err.code, "db_locked");
        assert!(app_err.message.contains("already open"));
        other.execute_batch("COMMIT;").unwrap();
        drop(other);
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.expect("opens once released");
        assert!(app.status().is_ok());
    });
}

#[test]
fn a_damaged_database_is_put_aside_and_the_start_up_backup_restored() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.unwrap();
        app.create_company("Muster GmbH").unwrap();
        drop(app);
        // The next start-up's backup has the company.
        drop(Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.unwrap());
        assert!(recovery::info(dir.path()).latest_backup_at.is_some());
        assert!(recovery::backups(dir.path()).len() <= recovery::KEEP);

        // Damage: garbage over the whole file (and no WAL to save it).
        let db = dir.path().join("postdesk.sqlite3");
        let _ = std::fs::remove_file(dir.path().join("postdesk.sqlite3-wal"));
        let _ = std::fs::remove_file(dir.path().join("postdesk.sqlite3-shm"));
        let damaged = b"this is not a database any more".repeat(400);
        std::fs::write(&db, &damaged).unwrap();
        let err = match Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await {
            Err(e) => e,
            Ok(_) => panic!("opened a damaged database"),
        };
        assert!(matches!(err, CoreError::DbCorrupt { .. }), "{err:?}");
        assert_eq!(postdesk_core::AppError::from(&err).code, "db_corrupt");

        recovery::recover(dir.path(), RecoveryAction::RestoreBackup).unwrap();
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("postdesk.sqlite3.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1, "the damaged file is kept aside");
        assert_eq!(std::fs::read(kept[0].path()).unwrap(), damaged);
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.expect("opens the restored backup");
        assert!(app.status().unwrap().companies.iter().any(|c| c.name == "Muster GmbH"), "the backup's data is back");
        drop(app);

        // The other way out: an empty database (the damaged one kept too).
        std::fs::write(&db, &damaged).unwrap();
        let _ = std::fs::remove_file(dir.path().join("postdesk.sqlite3-wal"));
        recovery::recover(dir.path(), RecoveryAction::StartFresh).unwrap();
        let app = Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.unwrap();
        assert!(!app.status().unwrap().companies.iter().any(|c| c.name == "Muster GmbH"));
        let aside = std::fs::read_dir(dir.path()).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with("postdesk.sqlite3.corrupt-")).count();
        assert_eq!(aside, 2, "each damaged file is kept");
        assert!(app.status().unwrap().company.is_sandbox, "a fresh start has the sandbox");
    });
}

#[test]
fn drafts_a_killed_cli_run_left_never_reach_the_window_desk_and_the_next_run_removes_them() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = service();
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.unwrap();
        let window = Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.unwrap();
        let mine = window.add_files(letters(dir.path(), "w", 1)).await.unwrap();
        let cli_options = || PostdeskOptions { origin: Origin::Cli, claim_lease: Some(Duration::from_millis(300)), ..options(dir.path(), sim.base_url(), &svc) };
        let cli = Postdesk::open(cli_options(), Arc::new(NoEvents)).await.unwrap();
        // A CLI run checks files, then is killed before it queues them.
        cli.add_files(letters(dir.path(), "c", 3)).await.unwrap();
        drop(cli);
        let desk = window.drafts().unwrap();
        assert_eq!(desk.iter().map(|l| l.id).collect::<Vec<_>>(), vec![mine[0].id], "the window's desk shows only its own drafts");
        // The next CLI run clears its own leftovers once the killed run's lease
        // ran out, never the window's.
        let cli = Postdesk::open(cli_options(), Arc::new(NoEvents)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(cli.discard_own_drafts().unwrap(), 3);
        assert_eq!(window.drafts().unwrap().len(), 1);
        // Half-written outbox copies of a crash (untouched for long) go at start-up.
        let part = dir.path().join("archive").join("0123.part");
        std::fs::write(&part, b"half a pdf").unwrap();
        let long_ago = std::time::SystemTime::now() - postdesk_core::outbox::STALE_PART * 2;
        std::fs::File::options().write(true).open(&part).unwrap().set_modified(long_ago).unwrap();
        drop(cli);
        drop(Postdesk::open(options(dir.path(), sim.base_url(), &svc), Arc::new(NoEvents)).await.unwrap());
        assert!(!part.exists());
    });
}
