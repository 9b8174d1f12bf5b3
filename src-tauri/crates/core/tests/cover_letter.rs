//! A cover letter as the company's default lifts the page-1 rules from the check of
//! a dropped letter (real SQLite, keychain, pdfium; run under scripts/desktop-session.sh).
use std::sync::Arc;

use postdesk_core::{AppError, EpostSetup, LetterOverride, NoEvents, Postdesk, PostdeskOptions};
use postdesk_pdf::sample::{self, LetterSpec};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cover_letter_by_default_drops_the_page_1_findings() {
    let dir = tempfile::tempdir().unwrap();
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let app = Postdesk::open(PostdeskOptions::new(dir.path(), format!("postdesk-test-cover-{n:x}")), Arc::new(NoEvents))
        .await
        .unwrap();
    // Body text at 98 mm (DIN 5008's subject line) and a logo in the franking band.
    let pdf = dir.path().join("Bescheid.pdf");
    std::fs::write(&pdf, sample::letter(&LetterSpec { body_top_mm: 98.0, ink_in_franking: true, ..Default::default() })).unwrap();
    let codes = |l: &postdesk_core::Letter| l.preflight.findings.iter().map(|f| f.code.to_string()).collect::<Vec<_>>();

    let plain = app.add_files(vec![pdf.clone()]).await.unwrap().remove(0);
    assert!(codes(&plain).contains(&"body_above_line".to_string()), "{:?}", codes(&plain));
    assert!(codes(&plain).contains(&"ink_in_zone".to_string()), "{:?}", codes(&plain));
    assert!(!app.provider_rules().unwrap().cover_letter);

    let st = app.status().unwrap();
    let mut setup = EpostSetup::of(&st.account);
    setup.defaults.cover_letter = true;
    app.save_epost_setup(setup).unwrap();
    let covered = app.add_files(vec![pdf]).await.unwrap().remove(0);
    assert!(!codes(&covered).contains(&"body_above_line".to_string()), "{:?}", codes(&covered));
    assert!(!codes(&covered).contains(&"ink_in_zone".to_string()), "the franking band is the provider's page now: {:?}", codes(&covered));
    assert!(!covered.preflight.has_errors(), "{:?}", codes(&covered));
    assert_eq!(covered.preflight.address, plain.preflight.address, "the recipient is still read");
    // The preview draws what applies: no franking zone, the margin and the window stay.
    let rules = app.provider_rules().unwrap();
    assert!(rules.cover_letter);
    let ids: Vec<_> = rules.zones.iter().map(|z| z.id.as_str()).collect();
    assert_eq!(ids, ["address_window", "left_margin"]);
}

/// The pre-send dialog can switch the cover letter off (or on) for a letter that
/// was checked with the other setting: it is checked again before it is queued.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_the_cover_letter_in_the_dialog_checks_the_letter_again() {
    let dir = tempfile::tempdir().unwrap();
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let app = Postdesk::open(PostdeskOptions::new(dir.path(), format!("postdesk-test-recheck-{n:x}")), Arc::new(NoEvents))
        .await
        .unwrap();
    let st = app.status().unwrap();
    let mut setup = EpostSetup::of(&st.account);
    setup.defaults.cover_letter = true;
    app.save_epost_setup(setup).unwrap();

    let pdf = dir.path().join("Logo-im-Frankierfeld.pdf");
    std::fs::write(&pdf, sample::letter(&LetterSpec { ink_in_franking: true, ..Default::default() })).unwrap();
    let draft = app.add_files(vec![pdf]).await.unwrap().remove(0);
    assert!(!draft.preflight.has_errors(), "fine with a cover letter");
    assert!(draft.preflight.checked_with_cover_letter);

    // The clerk switches the cover letter off in the dialog: page 1 is printed as it is.
    let mut options = draft.options.clone();
    options.cover_letter = false;
    let off = LetterOverride { id: draft.id, options, recipient: None, cost_center: None, reference: None };
    let err = AppError::from(&app.send_with_checked(&[draft.id], false, &[off]).unwrap_err());
    assert_eq!(err.code, "letter_has_problem", "{err:?}");
    assert!(err.message.contains("Logo-im-Frankierfeld.pdf"), "{}", err.message);
    let again = app.drafts().unwrap().into_iter().find(|d| d.id == draft.id).expect("still on the desk");
    assert!(!again.preflight.checked_with_cover_letter);
    assert!(again.preflight.findings.iter().any(|f| f.code == "ink_in_zone" && f.zone.as_deref() == Some("franking")), "{:?}", again.preflight.findings);
    assert!(app.jobs().unwrap().is_empty(), "nothing queued");

    // And back on: checked again, the page-1 finding goes, the letter is queued.
    let on = LetterOverride { id: draft.id, options: draft.options.clone(), recipient: None, cost_center: None, reference: None };
    let report = app.send_with_checked(&[draft.id], false, &[on]).unwrap();
    assert_eq!(report.queued.len(), 1);
    assert!(report.queued[0].preflight.checked_with_cover_letter);
    assert!(!report.queued[0].preflight.has_errors());
}
