//! Files that must not cost the checker more than a moment: devices, pipes, files
//! over the provider's limit (never handed to pdfium), and a file crafted to make
//! the JavaScript scan inflate gigabytes of object streams. Each gets a finding in
//! bounded time; a good letter checked after them is still fine.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use postdesk_pdf::rules::{for_provider, ProviderKind};
use postdesk_pdf::sample::{self, LetterSpec};
use postdesk_pdf::{PdfEngine, Preflight, Severity};

/// Preflight of `path`, or a failed test after `limit` (the checking thread is
/// left behind: a hang must fail the test, not block it).
fn preflight_within(path: &Path, limit: Duration) -> (Preflight, Duration) {
    let engine = PdfEngine::start(None).expect("pdfium: run scripts/fetch-pdfium.sh");
    let rules = for_provider(ProviderKind::Epost);
    let (tx, rx) = mpsc::channel();
    let p: PathBuf = path.to_path_buf();
    std::thread::spawn(move || {
        let started = Instant::now();
        let r = engine.preflight(&p, &rules);
        let _ = tx.send((r, started.elapsed()));
    });
    match rx.recv_timeout(limit) {
        Ok((r, took)) => (
            r.unwrap_or_else(|e| panic!("{}: an error, not a finding: {e}", path.display())),
            took,
        ),
        Err(_) => panic!("{}: no answer within {limit:?}", path.display()),
    }
}

fn finding<'a>(p: &'a Preflight, code: &str) -> &'a postdesk_pdf::Finding {
    p.findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", p.findings))
}

#[cfg(unix)]
#[test]
fn a_device_a_fifo_and_a_folder_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("letter.pdf");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for p in [Path::new("/dev/zero"), &fifo, dir.path()] {
        let (pf, took) = preflight_within(p, Duration::from_secs(10));
        let f = finding(&pf, "not_a_file");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(pf.pages, 0);
        assert!(took < Duration::from_secs(2), "{}: {took:?}", p.display());
    }
}

#[test]
fn a_missing_file_is_a_finding_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (pf, _) = preflight_within(&dir.path().join("gone.pdf"), Duration::from_secs(10));
    assert_eq!(finding(&pf, "file_unreadable").severity, Severity::Error);
}

#[test]
fn a_30_mb_letter_is_refused_without_pdfium() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.pdf");
    let bytes = sample::letter(&LetterSpec {
        padding_bytes: 30_000_000,
        ..Default::default()
    });
    std::fs::write(&path, &bytes).unwrap();
    let (pf, took) = preflight_within(&path, Duration::from_secs(20));
    assert_eq!(finding(&pf, "too_large").severity, Severity::Error);
    assert_eq!(pf.pages, 0, "pdfium never opened it");
    assert_eq!(pf.bytes, bytes.len() as u64);
    assert_eq!(pf.sha256.len(), 64);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn thousands_of_object_streams_that_inflate_to_gigabytes_cost_a_moment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.pdf");
    // About 16 MB on disk (under E-POST's 20 MB), 16 GB inflated.
    let bytes = sample::object_stream_bomb(2_000);
    assert!(bytes.len() < 20_000_000, "{}", bytes.len());
    std::fs::write(&path, &bytes).unwrap();
    let (pf, took) = preflight_within(&path, Duration::from_secs(60));
    assert!(took < Duration::from_secs(10), "the scan took {took:?}");
    let f = finding(&pf, "javascript_unchecked");
    assert_eq!(f.severity, Severity::Warning);
    assert!(!pf.has("javascript"), "{:?}", pf.findings);
    assert_eq!(pf.pages, 1, "the letter itself is still checked");
}

#[test]
fn object_stream_names_without_streams_are_read_in_one_pass() {
    // Each `/ObjStm` used to start a search for `stream` to the end of the file,
    // then skip it for the `endobj` in between, and start again at the next one.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.pdf");
    let mut bytes = sample::clean_letter();
    bytes.extend(b"/ObjStm endobj\n".repeat(1_000_000));
    bytes.extend_from_slice(b"\nstream\n");
    std::fs::write(&path, &bytes).unwrap();
    let (pf, took) = preflight_within(&path, Duration::from_secs(60));
    assert!(took < Duration::from_secs(10), "the scan took {took:?}");
    assert!(!pf.has("javascript"), "{:?}", pf.findings);
}

#[test]
fn a_good_letter_checked_after_them_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("good.pdf");
    std::fs::write(&path, sample::clean_letter()).unwrap();
    let (pf, _) = preflight_within(&path, Duration::from_secs(30));
    assert!(!pf.has_errors(), "{:?}", pf.findings);
    assert_eq!(pf.pages, 1);
}
