//! Upgrading (#14): a data folder the previous version left (schema 4, before claims:
//! `fixtures/upgrade/schema-4.sql`, seven jobs in every state) opens in this build
//! with every job kept — state, provider id and status, options, cost centre,
//! reference, error and history — and the database is at this build's schema.
mod common;

use std::sync::Arc;

use postdesk_core::{LetterState, NoEvents, Postdesk, PostdeskOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_previous_versions_data_opens_with_every_job_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("postdesk.sqlite3");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../fixtures/upgrade/schema-4.sql"
    );
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(&std::fs::read_to_string(fixture).unwrap())
        .unwrap();

    let app = Postdesk::open(
        PostdeskOptions::new(dir.path(), common::service("upgrade")),
        Arc::new(NoEvents),
    )
    .await
    .unwrap();
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, postdesk_core::store::SCHEMA_VERSION);

    let status = app.status().unwrap();
    assert_eq!(
        status.company.name, "ACME GmbH",
        "the current company is kept"
    );
    assert_eq!(status.companies.len(), 2);
    assert_eq!(
        status.account.settings,
        postdesk_core::ProviderSettings::Epost(postdesk_core::EpostSettings {
            ekp: "1234567890".into(),
            test_email: String::new()
        })
    );

    let mut jobs = app.all_jobs().unwrap();
    jobs.sort_by_key(|l| l.id);
    let got: Vec<_> = jobs
        .iter()
        .map(|l| {
            (
                l.id,
                l.state,
                l.provider_id.as_deref(),
                l.provider_status.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (1, LetterState::Sent, Some("4711"), Some("4")),
            (2, LetterState::Printing, Some("4712"), Some("3")),
            (3, LetterState::Accepted, Some("4713"), Some("1")),
            (4, LetterState::Failed, Some("4714"), Some("99")),
            (5, LetterState::Cancelled, None, None),
            (6, LetterState::Queued, None, None),
            // Left `submitting` by the old version, with no lease: the outbox takes it
            // over at its start (and asks the provider before any resend).
            (7, LetterState::Submitting, None, None),
        ]
    );
    for l in &jobs {
        assert_eq!(l.file_name, format!("Rechnung-2026-{:03}.pdf", l.id));
        assert_eq!(
            l.cost_center.as_deref(),
            Some(format!("KST{}", l.id).as_str())
        );
        assert_eq!(
            l.reference.as_deref(),
            Some(format!("Ref {}", l.id).as_str())
        );
        assert_eq!(l.options.color, l.id % 2 == 0);
        assert!(
            l.history.len() >= if l.id == 6 { 1 } else { 2 },
            "history of {}: {:?}",
            l.id,
            l.history
        );
        assert_eq!(
            l.preflight.address.as_ref().and_then(|a| a.city.as_deref()),
            Some("Bonn")
        );
    }
    assert_eq!(
        jobs[3].last_error.as_ref().map(|e| e.code.as_str()),
        Some("provider_rejected")
    );
}
