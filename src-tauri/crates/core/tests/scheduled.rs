//! "Send on" a later day, against the real simulator over HTTP, a real SQLite
//! file, the keychain and pdfium, with the app's clock injected: a scheduled
//! letter waits (the worker runs and sends nothing) until its time, then goes
//! once; one whose day passed while Postdesk was closed goes at the next start,
//! with the late note; a cancelled one never goes; the duplicate guard counts
//! it; a date out of bounds is refused before anything changes.
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use postdesk_core::{AppError, LetterState, NoEvents, Postdesk, PostdeskOptions, SendOn};
use postdesk_sim::{Sim, SimConfig, SimHandle};

mod common;
use common::{letters, until_with_provider};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn real_now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// Options with `clock` as the app's clock and a short lease (the worker looks
/// at least every 300 ms).
fn options(dir: &std::path::Path, sim: &SimHandle, svc: &str, clock: &Arc<AtomicI64>) -> PostdeskOptions {
    let c = clock.clone();
    PostdeskOptions {
        claim_lease: Some(Duration::from_millis(600)),
        clock: Some(Arc::new(move || c.load(Ordering::SeqCst))),
        ..common::options(dir, sim.base_url(), svc)
    }
}

fn copies_at_sim(sim: &SimHandle, sha256: &str) -> usize {
    sim.letters().iter().filter(|s| s["sha256"] == sha256).count()
}

#[test]
fn a_scheduled_letter_waits_for_its_day_then_goes_once_and_a_cancelled_one_never() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let svc = common::service("scheduled");
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(20), Duration::ZERO)).await.unwrap();
        let t0 = real_now_ms();
        let clock = Arc::new(AtomicI64::new(t0));
        let app = Postdesk::open(options(dir.path(), &sim, &svc, &clock), Arc::new(NoEvents)).await.unwrap();
        app.start_workers();
        let files = letters(dir.path(), "s", 4);
        let drafts = app.add_files(files.clone()).await.unwrap();
        let (a, b, c, d) = (drafts[0].id, drafts[1].id, drafts[2].id, drafts[3].id);

        // Out of bounds: refused, the drafts stay drafts.
        for bad in [
            SendOn { date: "2026-12-05".into(), at_ms: t0 + 400 * DAY_MS },
            SendOn { date: "2026-12-05".into(), at_ms: -1 },
            SendOn { date: "5.12.2026".into(), at_ms: t0 + DAY_MS },
        ] {
            let e = AppError::from(&app.send_checked_on(&[a], false, Some(&bad)).unwrap_err());
            assert_eq!(e.code, "send_on_out_of_range", "{bad:?}");
            assert_eq!(app.store().letter(a).unwrap().state, LetterState::Draft);
        }

        let on = SendOn { date: "2026-12-05".into(), at_ms: t0 + 3 * DAY_MS };
        let report = app.send_checked_on(&[a, b], false, Some(&on)).unwrap();
        assert_eq!(report.queued.len(), 2);
        for l in &report.queued {
            assert_eq!(l.state, LetterState::Scheduled);
            assert_eq!(l.send_on.as_deref(), Some("2026-12-05"));
        }
        assert!(app.outbox_progress().unwrap().batches.is_empty(), "a scheduled letter is in no batch the progress panel waits for");

        // A past day (or today) sends now, in a batch.
        let today = SendOn { date: "2026-12-01".into(), at_ms: t0 - 1000 };
        let now = app.send_checked_on(&[c], false, Some(&today)).unwrap();
        assert_eq!(now.queued[0].state, LetterState::Queued);
        assert_eq!(app.outbox_progress().unwrap().batches.len(), 1);

        // The duplicate guard counts a scheduled letter as in the outbox.
        let again = app.add_files(vec![files[0].clone()]).await.unwrap();
        let r = app.send_checked(&[again[0].id], false).unwrap();
        assert!(r.queued.is_empty());
        assert_eq!((r.skipped[0].existing_id, r.skipped[0].existing_state), (a, LetterState::Scheduled));
        app.remove_draft(again[0].id).unwrap();

        // The worker runs many rounds (the letter sent now goes meanwhile); the
        // scheduled ones stay, the provider has nothing of them.
        until_with_provider(&app, c).await;
        let (sha_a, sha_b) = (drafts[0].sha256.clone(), drafts[1].sha256.clone());
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(app.store().letter(a).unwrap().state, LetterState::Scheduled);
        assert_eq!((copies_at_sim(&sim, &sha_a), copies_at_sim(&sim, &sha_b)), (0, 0));
        assert_eq!(postdesk_sim::inspect::letters(app.sandbox_url()).await.unwrap().len(), 1, "only the letter sent now");

        // Cancelled before its day: never sent.
        let cancelled = app.cancel_letter(b).await.unwrap();
        assert_eq!(cancelled.state, LetterState::Cancelled);

        // One millisecond before its time: still waiting.
        clock.store(on.at_ms - 1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(app.store().letter(a).unwrap().state, LetterState::Scheduled);
        assert_eq!(copies_at_sim(&sim, &sha_a), 0);

        // Its day: it goes, once, with the note that its day came.
        clock.store(on.at_ms, Ordering::SeqCst);
        until_with_provider(&app, a).await;
        let l = app.store().letter(a).unwrap();
        assert!(l.history.iter().any(|h| h.state == LetterState::Queued && h.note.as_deref() == Some("send_on_due:2026-12-05")), "{:?}", l.history);
        assert_eq!(l.send_on.as_deref(), Some("2026-12-05"));
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(copies_at_sim(&sim, &sha_a), 1, "sent once");
        assert_eq!(copies_at_sim(&sim, &sha_b), 0, "the cancelled letter never went");
        assert_eq!(app.store().letter(b).unwrap().state, LetterState::Cancelled);
        // The untouched draft is still a draft.
        assert_eq!(app.store().letter(d).unwrap().state, LetterState::Draft);
    });
}

#[test]
fn a_letter_whose_day_passed_while_postdesk_was_closed_goes_at_the_next_start_with_a_note() {
    let sim_rt = tokio::runtime::Runtime::new().unwrap();
    let sim = sim_rt.block_on(Sim::start(SimConfig::fast(Duration::from_millis(20), Duration::ZERO))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let svc = common::service("scheduled-late");
    let t0 = real_now_ms();
    let on = SendOn { date: "2026-12-04".into(), at_ms: t0 + 2 * DAY_MS };

    // The first run schedules the letter, its worker runs, then it closes
    // (its runtime ends: no worker of it is left).
    let sha = {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let clock = Arc::new(AtomicI64::new(t0));
        let sha = rt.block_on(async {
            let app = Postdesk::open(options(dir.path(), &sim, &svc, &clock), Arc::new(NoEvents)).await.unwrap();
            app.start_workers();
            let drafts = app.add_files(letters(dir.path(), "late", 1)).await.unwrap();
            let r = app.send_checked_on(&[drafts[0].id], false, Some(&on)).unwrap();
            assert_eq!(r.queued[0].state, LetterState::Scheduled);
            tokio::time::sleep(Duration::from_secs(1)).await;
            assert_eq!(app.store().letter(drafts[0].id).unwrap().state, LetterState::Scheduled);
            drafts[0].sha256.clone()
        });
        drop(rt);
        sha
    };
    assert_eq!(copies_at_sim(&sim, &sha), 0);

    // Three days after its day, a second app opens the same data folder.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let clock = Arc::new(AtomicI64::new(on.at_ms + 3 * DAY_MS));
    rt.block_on(async {
        let app = Postdesk::open(options(dir.path(), &sim, &svc, &clock), Arc::new(NoEvents)).await.unwrap();
        let id = app.jobs().unwrap()[0].id;
        assert_eq!(app.store().letter(id).unwrap().state, LetterState::Scheduled, "nothing releases it before the worker starts");
        app.start_workers();
        until_with_provider(&app, id).await;
        let l = app.store().letter(id).unwrap();
        let released: Vec<_> = l.history.iter().filter(|h| h.state == LetterState::Queued).collect();
        assert_eq!(released.len(), 1, "{:?}", l.history);
        assert_eq!(released[0].note.as_deref(), Some("send_on_late:2026-12-04"));
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(copies_at_sim(&sim, &sha), 1, "sent once");
    });
}
