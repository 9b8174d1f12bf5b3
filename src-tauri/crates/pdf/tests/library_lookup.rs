//! Where pdfium is looked for (#14): the install location beside the executable and
//! the checkout's vendor folder fixed at build time — never the current folder or
//! one of its parents, where a planted `vendor/pdfium/libpdfium.so` would run as
//! Postdesk.
use std::path::Path;

use postdesk_pdf::engine::library_candidates;

#[test]
fn never_looks_in_the_current_folder_or_its_parents() {
    let top = tempfile::tempdir().unwrap();
    let planted = top.path().join("vendor/pdfium");
    std::fs::create_dir_all(&planted).unwrap();
    std::fs::write(planted.join("libpdfium.so"), b"not a library").unwrap();
    let cwd = top.path().join("letters/2026");
    std::fs::create_dir_all(&cwd).unwrap();
    std::env::set_current_dir(&cwd).unwrap();

    let candidates = library_candidates();
    for c in &candidates {
        assert!(
            !c.starts_with(top.path()),
            "looked in the working folder's tree: {}",
            c.display()
        );
        assert!(
            c.is_absolute(),
            "relative candidate {} depends on the working folder",
            c.display()
        );
    }

    // The install location: /usr/bin/postdesk → /usr/lib/postdesk/libpdfium.so.
    let exe_dir = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    assert!(
        candidates.contains(&exe_dir.join("../lib/postdesk/libpdfium.so")),
        "{candidates:?}"
    );
    // This test is built from the checkout: its vendor folder, as an absolute path.
    let vendor = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../vendor/pdfium/libpdfium.so");
    assert!(
        candidates
            .iter()
            .any(|c| c.canonicalize().ok() == vendor.canonicalize().ok()),
        "the checkout's vendor/pdfium is not among {candidates:?}"
    );
    // And the engine binds the real one from there, not the planted file.
    let engine = postdesk_pdf::PdfEngine::start(None).expect("pdfium: run scripts/fetch-pdfium.sh");
    assert!(
        !engine.library().starts_with(&*top.path().to_string_lossy()),
        "bound {}",
        engine.library()
    );
}
