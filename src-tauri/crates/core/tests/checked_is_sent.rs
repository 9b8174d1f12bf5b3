//! What is checked is what is sent, on real parts (SQLite file, Secret Service
//! keychain under scripts/desktop-session.sh, pdfium, the in-process simulator):
//! a PDF replaced between the drop and Send is refused and stays a draft, and an
//! outbox copy changed after queueing is never sent.
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{AppError, Letter, LetterState, NoEvents, Postdesk, PostdeskOptions};
use postdesk_pdf::sample::{self, LetterSpec};

fn service(tag: &str) -> String {
    format!("postdesk-test-checked-{tag}-{}", std::process::id())
}

/// Another letter, to another recipient: what someone might put at the path.
fn other_letter() -> Vec<u8> {
    sample::letter(&LetterSpec::to(&[
        "Mallory Muster",
        "Falschweg 13",
        "10115 Berlin",
    ]))
}

fn archive_files(data: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join("archive"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

async fn wait_final(app: &Postdesk, id: i64, limit: Duration) -> Letter {
    let start = Instant::now();
    loop {
        let l = app.store().letter(id).unwrap();
        if l.state.is_final() {
            return l;
        }
        assert!(
            start.elapsed() < limit,
            "letter still {:?} after {limit:?}",
            l.state
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn a_file_replaced_between_drop_and_send_is_refused_and_never_sent() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(
            PostdeskOptions::new(&data, service("replaced")),
            Arc::new(NoEvents),
        )
        .await
        .unwrap();
        let pdf = tmp.path().join("Brief.pdf");
        std::fs::write(&pdf, sample::clean_letter()).unwrap();
        let draft = app.add_files(vec![pdf.clone()]).await.unwrap().remove(0);
        assert!(
            !draft.has_blocking_finding(),
            "{:?}",
            draft.preflight.findings
        );

        // After the check, the file at the path becomes another letter.
        std::fs::write(&pdf, other_letter()).unwrap();
        let e = AppError::from(app.send_checked(&[draft.id], false).unwrap_err());
        assert_eq!(e.code, "letter_changed_since_check", "{e:?}");
        assert!(
            e.message.contains("Brief.pdf") && e.message.contains("drop the file again"),
            "{e:?}"
        );

        let l = app.store().letter(draft.id).unwrap();
        assert_eq!(l.state, LetterState::Draft, "the letter stays a draft");
        assert_eq!(app.drafts().unwrap().len(), 1);
        assert!(
            archive_files(&data).is_empty(),
            "no copy is kept: {:?}",
            archive_files(&data)
        );
        assert!(
            app.outbox_progress().unwrap().batches.is_empty(),
            "no batch was started"
        );

        app.start_workers();
        tokio::time::sleep(Duration::from_secs(2)).await;
        let at_sim = postdesk_sim::inspect::letters(app.sandbox_url())
            .await
            .unwrap();
        assert!(at_sim.is_empty(), "the simulator got {at_sim:?}");
    });
}

#[test]
fn a_wrong_copy_already_in_the_outbox_is_made_again_from_the_checked_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(
            PostdeskOptions::new(&data, service("planted")),
            Arc::new(NoEvents),
        )
        .await
        .unwrap();
        let pdf = tmp.path().join("Brief.pdf");
        let checked = sample::clean_letter();
        std::fs::write(&pdf, &checked).unwrap();
        let draft = app.add_files(vec![pdf.clone()]).await.unwrap().remove(0);
        // Something else under the checked letter's name in the outbox folder.
        let copy = data.join("archive").join(format!("{}.pdf", draft.sha256));
        std::fs::write(&copy, other_letter()).unwrap();

        app.send_checked(&[draft.id], false).unwrap();
        assert!(
            std::fs::read(&copy).unwrap() == checked,
            "the copy is the checked file again"
        );
        app.start_workers();
        let l = wait_final(&app, draft.id, Duration::from_secs(60)).await;
        assert_eq!(l.state, LetterState::Sent, "{:?}", l.last_error);
        let at_sim = postdesk_sim::inspect::letters(app.sandbox_url())
            .await
            .unwrap();
        assert_eq!(at_sim.len(), 1, "{at_sim:?}");
        assert_eq!(at_sim[0]["sha256"].as_str(), Some(draft.sha256.as_str()));
    });
}

#[test]
fn an_outbox_copy_changed_after_queueing_is_never_sent() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(
            PostdeskOptions::new(&data, service("tampered")),
            Arc::new(NoEvents),
        )
        .await
        .unwrap();
        let pdf = tmp.path().join("Brief.pdf");
        std::fs::write(&pdf, sample::clean_letter()).unwrap();
        let draft = app.add_files(vec![pdf.clone()]).await.unwrap().remove(0);
        let queued = app
            .send_checked(&[draft.id], false)
            .unwrap()
            .queued
            .remove(0);
        assert_eq!(queued.state, LetterState::Queued);

        // Queued, not yet sent: the outbox copy is changed on disk.
        let copy = data.join("archive").join(format!("{}.pdf", draft.sha256));
        assert!(copy.exists());
        std::fs::write(&copy, other_letter()).unwrap();

        app.start_workers();
        let l = wait_final(&app, draft.id, Duration::from_secs(60)).await;
        assert_eq!(l.state, LetterState::Failed, "{:?}", l.history);
        let err = l.last_error.expect("the reason");
        assert_eq!(err.code, "outbox_copy_changed", "{err:?}");
        assert!(l.provider_id.is_none());
        let at_sim = postdesk_sim::inspect::letters(app.sandbox_url())
            .await
            .unwrap();
        assert!(at_sim.is_empty(), "the simulator got {at_sim:?}");
    });
}
