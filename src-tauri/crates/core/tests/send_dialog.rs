//! The pre-send dialog's answers, test mode and the job list's files on real
//! parts: a temp SQLite file, the Secret Service keychain (run under
//! scripts/desktop-session.sh), pdfium and the sandbox simulator over HTTP.
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{
    Address, AppError, EpostSetup, Letter, LetterOverride, LetterState, NoEvents, Postdesk, PostdeskOptions, RegisteredLetter,
};
use postdesk_pdf::sample::{letter, LetterSpec};

fn service() -> String {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("postdesk-test-dialog-{n:x}")
}

fn code(e: postdesk_core::CoreError) -> String {
    AppError::from(e).code
}

async fn open(dir: &std::path::Path) -> Postdesk {
    let app = Postdesk::open(PostdeskOptions::new(dir, service()), Arc::new(NoEvents)).await.unwrap();
    app.start_workers();
    app
}

fn write(dir: &std::path::Path, name: &str, recipient: &[&str], tag: &str) -> std::path::PathBuf {
    let mut spec = LetterSpec::to(recipient);
    spec.body.push(tag.to_string()); // different bytes per file: no duplicate guard
    let p = dir.join(name);
    std::fs::write(&p, letter(&spec)).unwrap();
    p
}

async fn wait_until(app: &Postdesk, id: i64, done: impl Fn(&Letter) -> bool) -> Letter {
    let start = Instant::now();
    loop {
        let l = app.store().letter(id).unwrap();
        if done(&l) {
            return l;
        }
        assert!(l.state != LetterState::Failed, "letter failed: {:?}", l.last_error);
        assert!(start.elapsed() < Duration::from_secs(60), "letter still {:?}", l.state);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sim_letter(app: &Postdesk, provider_id: &str) -> serde_json::Value {
    postdesk_sim::inspect::letters(app.sandbox_url())
        .await
        .unwrap()
        .into_iter()
        .find(|l| l["providerId"].as_str() == Some(provider_id))
        .expect("the simulator has the letter")
}

fn setup(app: &Postdesk, f: impl FnOnce(&mut EpostSetup)) {
    let a = app.status().unwrap().account;
    let mut s = EpostSetup::of(&a);
    f(&mut s);
    app.save_epost_setup(s).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dialog_answers_are_stored_and_sent_on_the_wire() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path()).await;
    setup(&app, |s| {
        s.prefs.show_dialog = true;
        s.defaults.cover_letter = true;
    });
    let p = write(dir.path(), "Mahnung 17.pdf", &["Erika Mustermann", "Musterstraße 1", "53113 Bonn"], "a");
    let d = app.add_files(vec![p]).await.unwrap().remove(0);
    assert!(d.options.cover_letter, "drafts carry the company defaults");

    let mut options = d.options.clone();
    options.color = true;
    options.registered = RegisteredLetter::EinwurfEinschreiben;
    let corrected = Address {
        lines: vec!["Dr. Erika Mustermann".into(), "Musterstraße 1a".into()],
        postal_code: Some("53111".into()),
        city: Some("Bonn".into()),
        country: None,
    };
    let o = LetterOverride {
        id: d.id,
        options,
        recipient: Some(corrected),
        cost_center: Some("KST4711".into()),
        reference: Some("Akte 2026/17".into()),
    };
    let queued = app.send_with(&[d.id], &[o]).unwrap();
    assert_eq!(queued[0].state, LetterState::Queued);

    // Stored with the letter in SQLite, before and after sending.
    let stored = app.store().letter(d.id).unwrap();
    assert_eq!(stored.cost_center.as_deref(), Some("KST4711"));
    assert_eq!(stored.reference.as_deref(), Some("Akte 2026/17"));
    assert!(stored.options.color && stored.options.cover_letter);
    assert_eq!(stored.recipient.as_ref().unwrap().lines, vec!["Dr. Erika Mustermann", "Musterstraße 1a", "53111 Bonn"]);
    assert!(!stored.test_mode, "the sandbox is not in test mode");
    assert!(stored.archived);

    let sent = wait_until(&app, d.id, |l| l.provider_id.is_some()).await;
    let w = sim_letter(&app, sent.provider_id.as_deref().unwrap()).await;
    assert_eq!(w["costCenter"], "KST4711");
    assert_eq!(w["custom1"], "Akte 2026/17");
    assert_eq!(w["isColor"], true);
    assert_eq!(w["coverLetter"], true);
    assert_eq!(w["registeredLetter"], "Einwurf Einschreiben");
    assert_eq!(w["addressLine1"], "Dr. Erika Mustermann");
    assert_eq!(w["addressLine2"], "Musterstraße 1a");
    assert!(w.get("addressLine3").is_none(), "postal code and town travel in their own fields: {w}");
    assert_eq!(w["zipCode"], "53111");
    assert_eq!(w["city"], "Bonn");
    assert!(w.get("testFlag").is_none());

    // The archived copy is there ("Save File in Joblist" on).
    let archived = app.archived_pdf(d.id).unwrap();
    assert!(std::fs::read(&archived).unwrap().starts_with(b"%PDF-"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_answers_and_registered_abroad_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path()).await;
    let p = write(dir.path(), "Brief Wien.pdf", &["Max Muster", "Ringstraße 1", "1010 Wien", "ÖSTERREICH"], "b");
    let d = app.add_files(vec![p]).await.unwrap().remove(0);
    assert_eq!(d.recipient.as_ref().unwrap().country.as_deref(), Some("AT"), "read from the PDF");
    let base = LetterOverride { id: d.id, options: d.options.clone(), recipient: None, cost_center: None, reference: None };

    // Registered abroad: refused by the dialog's check …
    let mut o = base.clone();
    o.options.registered = RegisteredLetter::Einschreiben;
    assert_eq!(code(app.send_with(&[d.id], &[o]).unwrap_err()), "options_registered_abroad");
    // … and when the company default is registered (no dialog) as well.
    setup(&app, |s| s.defaults.registered = RegisteredLetter::Einschreiben);
    let p2 = write(dir.path(), "Brief Wien 2.pdf", &["Max Muster", "Ringstraße 1", "1010 Wien", "ÖSTERREICH"], "c");
    let d2 = app.add_files(vec![p2]).await.unwrap().remove(0);
    assert_eq!(d2.options.registered, RegisteredLetter::Einschreiben);
    assert_eq!(code(app.send(&[d2.id]).unwrap_err()), "options_registered_abroad");
    // A corrected address in Germany makes it allowed.
    let mut o = base.clone();
    o.id = d2.id;
    o.options.registered = RegisteredLetter::Einschreiben;
    o.recipient = Some(Address { lines: vec!["Max Muster".into(), "Hauptstr. 2".into()], postal_code: Some("80331".into()), city: Some("München".into()), country: Some("DE".into()) });
    app.set_overrides(&[o]).unwrap();

    for (o, want) in [
        (LetterOverride { cost_center: Some("KST-4711".into()), ..base.clone() }, "cost_center_format"),
        (LetterOverride { cost_center: Some("123456789".into()), ..base.clone() }, "cost_center_format"),
        (LetterOverride { reference: Some("x".repeat(81)), ..base.clone() }, "reference_length"),
        (
            LetterOverride {
                options: postdesk_core::SendOptions { duplex: true, registered: RegisteredLetter::Einschreiben, ..Default::default() },
                ..base.clone()
            },
            "options_duplex_registered",
        ),
        (
            LetterOverride {
                recipient: Some(Address { lines: vec!["A".into()], postal_code: Some("531".into()), city: Some("Bonn".into()), country: None }),
                ..base.clone()
            },
            "address_postal_code",
        ),
    ] {
        assert_eq!(code(app.set_overrides(&[o]).unwrap_err()), want);
    }
    // Nothing half-stored: the draft is as it was read.
    let again = app.store().letter(d.id).unwrap();
    assert_eq!(again.cost_center, None);
    assert_eq!(again.reference, None);
    assert_eq!(again.state, LetterState::Draft);
    assert!(postdesk_sim::inspect::letters(app.sandbox_url()).await.unwrap().is_empty(), "nothing reached the provider");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_mode_letter_has_a_test_result_pdf_with_the_zones() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path()).await;
    setup(&app, |s| {
        s.prefs.test_mode = true;
        s.prefs.show_restricted_area = true;
        s.epost.test_email = "pruefung@example.org".into();
        s.prefs.save_file_in_joblist = false;
    });
    let p = write(dir.path(), "Testbrief.pdf", &["Erika Mustermann", "Musterstraße 1", "53113 Bonn"], "t");
    let original = std::fs::read(&p).unwrap();
    let d = app.add_files(vec![p]).await.unwrap().remove(0);
    let q = app.send(&[d.id]).unwrap().remove(0);
    assert!(q.test_mode);
    assert!(!q.archived);
    assert_eq!(code(app.fetch_test_result(d.id).await.unwrap_err()), "test_result_not_yet");

    let l = wait_until(&app, d.id, |l| l.provider_id.is_some()).await;
    let w = sim_letter(&app, l.provider_id.as_deref().unwrap()).await;
    assert_eq!(w["testFlag"], true);
    assert_eq!(w["testEMail"], "pruefung@example.org");
    assert_eq!(w["testShowRestrictedArea"], true);

    // Instead of an invoice, the test e-mail address is told.
    let inbox = app.inbox().await.unwrap();
    let mail = inbox.iter().find(|m| m.to == "pruefung@example.org").expect("a notification to the test e-mail address");
    assert!(mail.body.contains(l.provider_id.as_deref().unwrap()), "{}", mail.body);

    let path = app.fetch_test_result(d.id).await.unwrap();
    assert!(path.starts_with(dir.path().join("test-results")));
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_ne!(pdf, original, "the restricted-area template is laid over the letter");
    // A real PDF: pdfium opens it and finds the one page.
    let engine = postdesk_pdf::PdfEngine::start(None).unwrap();
    let check = engine.preflight(&path, &postdesk_pdf::rules::for_provider(postdesk_pdf::ProviderKind::Epost)).unwrap();
    assert_eq!(check.pages, 1);

    // "Save File in Joblist" off: once sent, no copy is kept, and the app says so.
    wait_until(&app, d.id, |l| l.state == LetterState::Sent).await;
    let row = app.store().letter_row(d.id).unwrap();
    let archive = row.archive_path.unwrap();
    let start = Instant::now();
    while std::path::Path::new(&archive).exists() {
        assert!(start.elapsed() < Duration::from_secs(10), "archive copy not removed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(code(app.archived_pdf(d.id).unwrap_err()), "archive_not_kept");

    // A live letter has no test result.
    setup(&app, |s| s.prefs.test_mode = false);
    let p = write(dir.path(), "Live.pdf", &["Erika Mustermann", "Musterstraße 1", "53113 Bonn"], "l");
    let d = app.add_files(vec![p]).await.unwrap().remove(0);
    app.send(&[d.id]).unwrap();
    assert_eq!(code(app.fetch_test_result(d.id).await.unwrap_err()), "test_result_not_test");
}
