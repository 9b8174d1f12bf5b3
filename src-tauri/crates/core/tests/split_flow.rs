//! A merged PDF (a mail merge's 12 letters in one file) split into letters and
//! sent, on real parts: a SQLite file, the keychain (run under
//! scripts/desktop-session.sh), pdfium, and the simulator over HTTP.
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{AppError, LetterState, NoEvents, PageRange, Postdesk, PostdeskOptions, SplitRule};

fn service() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("postdesk-split-{nanos:x}")
}

fn code<T: std::fmt::Debug>(r: Result<T, postdesk_core::CoreError>) -> String {
    AppError::from(&r.expect_err("refused")).code
}

#[test]
fn a_merged_pdf_is_split_by_address_into_drafts_that_are_sent_with_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service();
    let (pdf, expected) = postdesk_pdf::sample::merged_letters(12);
    let path = dir.path().join("Serienbrief.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let total: u32 = expected.iter().map(|l| l.pages).sum();

    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(dir.path(), &svc), Arc::new(NoEvents)).await.unwrap();
        let d = app.add_files(vec![path.clone()]).await.unwrap().remove(0);
        assert_eq!(d.pages, total);
        assert_eq!(d.preflight.letters_hint, Some(12), "the desk is told the file holds 12 letters");

        // The preview by address: exactly the letters the mail merge wrote.
        let plan = app.split_preview(d.id, SplitRule::Address).await.unwrap();
        assert_eq!(plan.pages, total);
        assert_eq!(plan.letters.len(), 12);
        for (l, e) in plan.letters.iter().zip(&expected) {
            assert_eq!((l.first_page, l.pages), (e.first_page, e.pages));
            assert_eq!(l.address.as_ref().unwrap().lines, e.recipient);
        }
        assert_eq!(code(app.split_preview(d.id, SplitRule::Pages { pages: 0 }).await), "split_pages_range");
        let bad = SplitRule::Text { pattern: "(".into(), position: postdesk_pdf::split::TextPosition::First };
        assert_eq!(code(app.split_preview(d.id, bad).await), "split_pattern_invalid");

        // Ranges that leave a page out, or overlap, change nothing.
        let ranges: Vec<PageRange> = plan.letters.iter().map(|l| l.range()).collect();
        assert_eq!(code(app.split_draft(d.id, ranges[1..].to_vec()).await), "split_ranges_invalid");
        let mut overlap = ranges.clone();
        overlap[1].first_page -= 1;
        assert_eq!(code(app.split_draft(d.id, overlap).await), "split_ranges_invalid");
        assert_eq!(app.drafts().unwrap().len(), 1);

        let parts = app.split_draft(d.id, ranges.clone()).await.unwrap();
        assert_eq!(parts.len(), 12);
        let drafts = app.drafts().unwrap();
        assert_eq!(drafts.len(), 12, "the merged draft is replaced by its letters");
        assert!(drafts.iter().all(|l| l.id != d.id));
        for (l, e) in parts.iter().zip(&expected) {
            assert_eq!(l.split_from, Some(PageRange { first_page: e.first_page, pages: e.pages }));
            assert_eq!(l.pages, e.pages);
            assert_eq!(l.path, d.path, "the original is kept once");
            assert_eq!(l.recipient.as_ref().unwrap().lines, e.recipient);
            assert!(!l.has_blocking_finding(), "{:?}", l.preflight.findings);
            assert_eq!(l.options, d.options);
        }
        assert_eq!(code(app.split_preview(parts[0].id, SplitRule::Address).await), "split_not_a_draft");
        assert_eq!(code(app.split_draft(d.id, ranges.clone()).await), "not_found");
        // A split letter's pages render from the original until its copy is made.
        let png = app.render_page(parts[1].id, 2, 50.0).await.unwrap();
        assert_eq!(&png[..4], b"\x89PNG");
        assert!(app.render_page(parts[1].id, expected[1].pages, 50.0).await.is_err());

        // Twelve different letters to the duplicate guard, though one file.
        let ids: Vec<i64> = parts.iter().map(|l| l.id).collect();
        let report = app.send_checked(&ids, false).unwrap();
        assert_eq!(report.queued.len(), 12, "skipped: {:?}", report.skipped.iter().map(|s| &s.reason).collect::<Vec<_>>());
        app.start_workers();
        let start = Instant::now();
        loop {
            let states: Vec<LetterState> = ids.iter().map(|id| app.store().letter(*id).unwrap().state).collect();
            if states.iter().all(|s| *s == LetterState::Sent) {
                break;
            }
            assert!(!states.iter().any(|s| s.is_final() && *s != LetterState::Sent), "{states:?}");
            assert!(start.elapsed() < Duration::from_secs(120), "still {states:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let sim = postdesk_sim::inspect::letters(app.sandbox_url()).await.unwrap();
        assert_eq!(sim.len(), 12, "the simulator holds the 12 letters");
        for (id, e) in ids.iter().zip(&expected) {
            let row = app.store().letter_row(*id).unwrap();
            let copy = row.copy_sha256.clone().expect("the outbox copy's own hash");
            let got: Vec<_> = sim.iter().filter(|l| l["sha256"].as_str() == Some(copy.as_str())).collect();
            assert_eq!(got.len(), 1, "letter {id} sent once");
            assert_eq!(got[0]["pages"].as_u64(), Some(e.pages as u64), "letter {id}: its pages only");
            // After queueing, page 0 is the copy's page 0.
            assert!(app.render_page(*id, 0, 50.0).await.is_ok());
        }
    });
}

/// The same operations through the supervised worker process (as the window runs
/// pdfium): the plan, the ranges' preflights and an extracted letter cross the pipe.
#[test]
fn split_preflight_ranges_and_extract_work_in_the_worker_process() {
    use postdesk_pdf::worker::{Pdf, PdfWorker, WorkerCommand};
    let dir = tempfile::tempdir().unwrap();
    let (pdf, expected) = postdesk_pdf::sample::merged_letters(5);
    let path = dir.path().join("merged.pdf");
    std::fs::write(&path, pdf).unwrap();
    let worker = Pdf::Worker(PdfWorker::start(WorkerCommand::new(env!("CARGO_BIN_EXE_postdesk-pdf-worker"))).unwrap());
    let rules = postdesk_pdf::for_provider(postdesk_pdf::ProviderKind::Epost);
    let plan = worker.split(&path, &rules, &SplitRule::Address).unwrap();
    assert_eq!(
        plan.letters.iter().map(|l| (l.first_page, l.pages)).collect::<Vec<_>>(),
        expected.iter().map(|l| (l.first_page, l.pages)).collect::<Vec<_>>()
    );
    let ranges: Vec<PageRange> = plan.letters.iter().map(|l| l.range()).collect();
    let pfs = worker.preflight_ranges(&path, &rules, &ranges).unwrap();
    assert_eq!(pfs.iter().map(|p| p.pages).collect::<Vec<_>>(), expected.iter().map(|l| l.pages).collect::<Vec<_>>());
    let dest = dir.path().join("letter-2.pdf");
    let (sha, _) = worker.extract_pages(&path, ranges[1], &dest).unwrap();
    assert_eq!(postdesk_pdf::file::read_letter(&dest, 0).unwrap().sha256, sha);
    assert_eq!(worker.preflight(&dest, &rules).unwrap().pages, expected[1].pages);
    // A rule the worker refuses comes back as an error, and the worker lives on.
    assert!(worker.split(&path, &rules, &SplitRule::Pages { pages: 0 }).is_err());
    let total: u32 = expected.iter().map(|l| l.pages).sum();
    assert_eq!(worker.split(&path, &rules, &SplitRule::Pages { pages: 2 }).unwrap().letters.len() as u32, total.div_ceil(2));
}
