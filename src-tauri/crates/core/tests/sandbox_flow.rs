//! The foundation slice without a window, on real parts: a SQLite file, the
//! Secret Service keychain (run under scripts/desktop-session.sh), pdfium, and
//! the simulator over HTTP. Run with `make test`.
mod common;

use std::sync::Arc;
use std::time::Duration;

use postdesk_core::secrets::{SecretKind, SecretStore};
use postdesk_core::{LetterState, NoEvents, Postdesk, PostdeskOptions};

fn options(dir: &std::path::Path, service: &str) -> PostdeskOptions {
    PostdeskOptions::new(dir, service)
}

fn service() -> String {
    format!("postdesk-test-{}", uuid_like())
}

fn uuid_like() -> String {
    format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

#[test]
fn a_letter_goes_from_file_to_sent_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service();
    let pdf_path = dir.path().join("Rechnung 2026-001.pdf");
    std::fs::write(&pdf_path, postdesk_pdf::sample::clean_letter()).unwrap();

    let (letter_id, sha) = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let app = Postdesk::open(options(dir.path(), &svc), Arc::new(NoEvents))
            .await
            .unwrap();
        let status = app.status().unwrap();
        assert!(status.company.is_sandbox);
        assert!(
            status.account.has_secret,
            "the sandbox onboarding stored a secret"
        );
        assert!(status.account.has_password);

        let drafts = app.add_files(vec![pdf_path.clone()]).await.unwrap();
        assert_eq!(drafts.len(), 1);
        let d = &drafts[0];
        assert_eq!(d.state, LetterState::Draft);
        assert_eq!(d.pages, 1);
        assert!(
            !d.has_blocking_finding(),
            "clean letter has no error: {:?}",
            d.preflight.findings
        );
        assert!(d.recipient.is_some(), "address read from the window");

        let png = app.render_page(d.id, 0, 100.0).await.unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");

        let queued = app.send(&[d.id]).unwrap();
        assert_eq!(queued[0].state, LetterState::Queued);
        assert!(app.drafts().unwrap().is_empty());
        app.start_workers();
        let sent =
            common::until_state(&app, d.id, LetterState::Sent, Duration::from_secs(60)).await;
        assert!(sent.provider_id.is_some());
        let states: Vec<_> = sent.history.iter().map(|h| h.state).collect();
        for s in [
            LetterState::Queued,
            LetterState::Submitting,
            LetterState::Submitted,
            LetterState::Sent,
        ] {
            assert!(states.contains(&s), "history {states:?} lacks {s:?}");
        }

        let letters = postdesk_sim::inspect::letters(app.sandbox_url())
            .await
            .unwrap();
        let mine: Vec<_> = letters
            .iter()
            .filter(|l| l["sha256"].as_str() == Some(sent.sha256.as_str()))
            .collect();
        assert_eq!(mine.len(), 1, "the simulator got the letter exactly once");
        (d.id, sent.sha256.clone())
    });

    // A new process (runtime) on the same data folder: same job list, same keychain.
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let app = Postdesk::open(options(dir.path(), &svc), Arc::new(NoEvents))
            .await
            .unwrap();
        let jobs = app.jobs().unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].id, letter_id);
        assert_eq!(jobs[0].state, LetterState::Sent);
        assert_eq!(jobs[0].sha256, sha);
        assert!(app.status().unwrap().account.has_secret);
    });

    // The secrets are in the keychain and nowhere in the data folder.
    let install_id = postdesk_core::store::Store::open(&dir.path().join("postdesk.sqlite3"))
        .unwrap()
        .setting("install_id")
        .unwrap()
        .unwrap();
    let secrets = SecretStore::new(&svc, install_id);
    let account_id = 1;
    let secret = secrets
        .get(account_id, SecretKind::Secret)
        .unwrap()
        .expect("secret in keychain");
    let password = secrets
        .get(account_id, SecretKind::Password)
        .unwrap()
        .expect("password in keychain");
    for entry in walk(dir.path()) {
        if entry.starts_with(dir.path().join("sim")) {
            continue; // the simulator's own state plays the provider's side
        }
        let bytes = std::fs::read(&entry).unwrap();
        for (name, s) in [("secret", secret.expose()), ("password", password.expose())] {
            assert!(
                !contains(&bytes, s.as_bytes()),
                "the {name} appears in {}",
                entry.display()
            );
        }
    }
    secrets.delete(account_id, SecretKind::Secret).unwrap();
    secrets.delete(account_id, SecretKind::Password).unwrap();
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn secret_bytes_never_reach_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(options(dir.path(), &svc), Arc::new(NoEvents))
            .await
            .unwrap();
        assert!(app.status().unwrap().account.has_secret);
    });
    drop(rt);
    let db = std::fs::read(dir.path().join("postdesk.sqlite3")).unwrap();
    let wal = std::fs::read(dir.path().join("postdesk.sqlite3-wal")).unwrap_or_default();
    let install_id = postdesk_core::store::Store::open(&dir.path().join("postdesk.sqlite3"))
        .unwrap()
        .setting("install_id")
        .unwrap()
        .unwrap();
    let secrets = SecretStore::new(&svc, install_id);
    let secret = secrets.get(1, SecretKind::Secret).unwrap().unwrap();
    assert!(secret.expose().len() >= 8);
    assert!(!contains(&db, secret.expose().as_bytes()));
    assert!(!contains(&wal, secret.expose().as_bytes()));
    secrets.delete(1, SecretKind::Secret).unwrap();
    secrets.delete(1, SecretKind::Password).unwrap();
}
