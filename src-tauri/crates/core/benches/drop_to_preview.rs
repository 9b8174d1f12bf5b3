//! "File dropped" → "page 1 preview ready", through the same core calls the
//! window makes: add_files (pdfium preflight + the draft written to SQLite) then
//! render_page (100 dpi PNG), with pdfium in this process and, as the window
//! runs it, in the supervised worker process (`postdesk_pdf::worker`: the
//! difference is the price of a bad PDF not taking the window down). Needs a
//! keychain: run under scripts/desktop-session.sh
//!   scripts/desktop-session.sh cargo bench -p postdesk-core --bench drop_to_preview
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use postdesk_core::{NoEvents, Postdesk, PostdeskOptions};

fn drop_to_preview(c: &mut Criterion) {
    bench(c, "drop_to_page1_preview (add_files + render_page 100 dpi)", None);
    let worker = postdesk_pdf::worker::WorkerCommand::new(env!("CARGO_BIN_EXE_postdesk-pdf-worker"));
    bench(c, "drop_to_page1_preview, pdfium in the worker process", Some(worker));
}

fn bench(c: &mut Criterion, name: &str, worker: Option<postdesk_pdf::worker::WorkerCommand>) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("letter.pdf");
    std::fs::write(&pdf, postdesk_pdf::sample::clean_letter()).unwrap();
    let opts = PostdeskOptions {
        pdf_worker: worker,
        ..PostdeskOptions::new(dir.path().join("data"), format!("postdesk-bench-{}", std::process::id()))
    };
    let app = rt.block_on(Postdesk::open(opts, Arc::new(NoEvents))).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| {
            rt.block_on(async {
                let l = app.add_files(vec![pdf.clone()]).await.unwrap().remove(0);
                let png = app.render_page(l.id, 0, 100.0).await.unwrap();
                assert!(png.len() > 1000);
                app.remove_draft(l.id).unwrap();
            })
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = drop_to_preview
}
criterion_main!(benches);
