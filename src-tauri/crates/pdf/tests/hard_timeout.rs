//! The hard time limit: a pdfium call that does not return (here: the pdfium thread
//! made to sleep) must not hang the caller. Its own test binary, so the stalled
//! thread holds up no other test.

use std::time::{Duration, Instant};

use postdesk_pdf::rules::{for_provider, ProviderKind};
use postdesk_pdf::{sample, PdfEngine, PdfError, Severity};

#[test]
fn a_stuck_pdfium_call_gives_a_finding_in_time_and_the_engine_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, sample::clean_letter()).unwrap();
    let rules = for_provider(ProviderKind::Epost);
    let base = PdfEngine::start(None).expect("pdfium: run scripts/fetch-pdfium.sh");
    let engine = base
        .clone()
        .with_time_limit(Duration::from_millis(300))
        .with_grace(Duration::from_millis(200));

    let stall = Duration::from_secs(4);
    let stalled_at = Instant::now();
    engine.stall_for_test(stall);
    let started = Instant::now();
    let p = engine.preflight(&path, &rules).expect("a preflight, not an error");
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(2), "waited {waited:?} for a stuck pdfium");
    let f = p
        .findings
        .iter()
        .find(|f| f.code == "check_timeout")
        .unwrap_or_else(|| panic!("{:?}", p.findings));
    assert_eq!(f.severity, Severity::Error);
    assert!(p.has_errors(), "a letter nobody could check is not sendable");
    assert_eq!(p.sha256.len(), 64, "read and hashed before pdfium");

    // A render waits just as long, then says so.
    let r = engine.render_page_png(&path, 0, 100.0);
    assert!(matches!(r, Err(PdfError::Timeout(_))), "{r:?}");

    // Once the stuck call returns, the same thread serves again.
    std::thread::sleep(stall.saturating_sub(stalled_at.elapsed()) + Duration::from_millis(200));
    let p = base.preflight(&path, &rules).unwrap();
    assert!(!p.has_errors(), "{:?}", p.findings);
}
