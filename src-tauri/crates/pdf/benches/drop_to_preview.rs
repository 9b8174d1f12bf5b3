//! "File dropped → page 1 preview ready": preflight + page-1 render at 100 dpi to PNG
//! for a one-page sample letter, on the real pdfium.

use criterion::{criterion_group, criterion_main, Criterion};
use postdesk_pdf::rules::{for_provider, ProviderKind};
use postdesk_pdf::{sample, PdfEngine};

fn bench(c: &mut Criterion) {
    let engine = PdfEngine::start(None).expect("pdfium: run scripts/fetch-pdfium.sh");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, sample::clean_letter()).unwrap();
    let rules = for_provider(ProviderKind::Epost);

    c.bench_function(
        "drop_to_preview (preflight + page 1 PNG @100 dpi, one open)",
        |b| b.iter(|| engine.preflight_and_render(&path, &rules, 100.0).unwrap()),
    );
    c.bench_function("preflight only", |b| {
        b.iter(|| engine.preflight(&path, &rules).unwrap())
    });
    c.bench_function("render_page_png @100 dpi only", |b| {
        b.iter(|| engine.render_page_png(&path, 0, 100.0).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
