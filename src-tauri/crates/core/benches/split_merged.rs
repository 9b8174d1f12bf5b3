//! A mail merge of 300 letters × 2 pages (600 pages) in one PDF, split into drafts
//! through the calls the window makes: `add_files` (the merged file's preflight,
//! with its letters hint), `split_preview` by address (each page's window read
//! once), `split_draft` (each letter preflighted on one open, 300 drafts written in
//! one transaction). Goal: ≤ 10 s, peak memory ≤ 400 MB (issue #15). Twice: pdfium
//! in this process (its memory counts in this process's peak), and in the
//! supervised worker process as the window runs it (the 300 preflights then cross
//! the pipe as one answer). Needs a keychain:
//!   scripts/desktop-session.sh /usr/bin/time -v cargo bench -p postdesk-core --bench split_merged
//! (`time -v`'s "Maximum resident set size" is then cargo's; run the bench binary
//! itself under `time -v` for the figure, as docs/BENCH.md shows.)
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use postdesk_core::{NoEvents, Postdesk, PostdeskOptions, SplitRule};

const LETTERS: usize = 300;

fn split_merged(c: &mut Criterion) {
    bench(c, "split 300 letters x 2 pages: add_files + split_preview + split_draft", None);
    let worker = postdesk_pdf::worker::WorkerCommand::new(env!("CARGO_BIN_EXE_postdesk-pdf-worker"));
    bench(c, "split 300 letters x 2 pages, pdfium in the worker process", Some(worker));
}

fn bench(c: &mut Criterion, name: &str, worker: Option<postdesk_pdf::worker::WorkerCommand>) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("mail-merge.pdf");
    let (bytes, expected) = postdesk_pdf::sample::merged_letters_of(LETTERS, 2);
    std::fs::write(&pdf, bytes).unwrap();
    let opts = PostdeskOptions {
        pdf_worker: worker,
        ..PostdeskOptions::new(dir.path().join("data"), format!("postdesk-bench-split-{}", std::process::id()))
    };
    let app = rt.block_on(Postdesk::open(opts, Arc::new(NoEvents))).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| {
            rt.block_on(async {
                let d = app.add_files(vec![pdf.clone()]).await.unwrap().remove(0);
                assert_eq!(d.preflight.letters_hint, Some(LETTERS as u32));
                let plan = app.split_preview(d.id, SplitRule::Address).await.unwrap();
                assert_eq!(plan.letters.len(), expected.len());
                let ranges = plan.letters.iter().map(|l| l.range()).collect();
                let drafts = app.split_draft(d.id, ranges).await.unwrap();
                assert_eq!(drafts.len(), LETTERS);
                assert!(drafts.iter().all(|l| !l.has_blocking_finding()));
                for l in drafts {
                    app.remove_draft(l.id).unwrap();
                }
            })
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(30));
    targets = split_merged
}
criterion_main!(benches);
