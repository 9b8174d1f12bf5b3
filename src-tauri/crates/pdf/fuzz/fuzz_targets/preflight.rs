//! Arbitrary bytes as a dropped "PDF": preflight (zones, address, fonts) and the page-1
//! render on one open, exactly what the window does. Any panic aborts the run — even
//! one the engine would have caught — so a crash here is a bug to fix.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use postdesk_pdf::rules::{for_provider, ProviderKind, ProviderRules};
use postdesk_pdf::{PdfEngine, PdfError};

fn setup() -> &'static (PdfEngine, ProviderRules, tempfile::TempDir) {
    static S: OnceLock<(PdfEngine, ProviderRules, tempfile::TempDir)> = OnceLock::new();
    S.get_or_init(|| {
        let engine = PdfEngine::start(None).expect("pdfium: run scripts/fetch-pdfium.sh");
        (engine, for_provider(ProviderKind::Epost), tempfile::tempdir().unwrap())
    })
}

fuzz_target!(|data: &[u8]| {
    let (engine, rules, dir) = setup();
    let path = dir.path().join("input.pdf");
    std::fs::write(&path, data).unwrap();
    match engine.preflight_and_render(&path, rules, 50.0) {
        Ok((pf, _png)) => {
            assert_eq!(pf.bytes, data.len() as u64);
            assert!(pf.pages > 0 || !pf.findings.is_empty(), "no pages and no finding");
        }
        // Reading the file can't fail here; a render error is fine, a stuck engine is not.
        Err(PdfError::Timeout(_)) => panic!("engine timed out"),
        Err(_) => {}
    }
});
