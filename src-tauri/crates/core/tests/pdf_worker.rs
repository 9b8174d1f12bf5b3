//! A bad PDF cannot take the app down: with `PostdeskOptions::pdf_worker` (as
//! the window runs), pdfium works in a supervised child process. A file that
//! crashes the worker (the debug build's hook stands in for a segfault in
//! pdfium), one that hangs it, one that eats memory up to the worker's limit,
//! `/dev/zero`, a FIFO and a 30 MB file, dropped together with a good letter:
//! each gets a finding, the good letter is checked and previews, and the app
//! (and its next drop) carries on. Real parts: SQLite file, Secret Service
//! keychain (scripts/desktop-session.sh), pdfium, the in-process simulator.
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{NoEvents, Postdesk, PostdeskOptions};
use postdesk_pdf::worker::WorkerCommand;

fn worker() -> WorkerCommand {
    // A shorter wait than the app's 40 s and a smaller memory limit than its
    // 3 GiB, so the hang and the memory hog cost this test less.
    WorkerCommand {
        hard_limit: Duration::from_secs(8),
        memory_limit: 768 * 1024 * 1024,
        ..WorkerCommand::new(env!("CARGO_BIN_EXE_postdesk-pdf-worker"))
    }
}

#[test]
fn crashing_hanging_and_hostile_files_get_findings_while_a_good_letter_previews() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-worker-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let opts = PostdeskOptions { pdf_worker: Some(worker()), ..PostdeskOptions::new(dir.path(), &svc) };
        let app = Postdesk::open(opts, Arc::new(NoEvents)).await.unwrap();
        let letter = postdesk_pdf::sample::clean_letter();
        let good = dir.path().join("Brief.pdf");
        std::fs::write(&good, &letter).unwrap();
        // The hooks look at the name only; the bytes are a good letter.
        let crash = dir.path().join("postdesk-test-worker-crash.pdf");
        let hang = dir.path().join("postdesk-test-worker-hang.pdf");
        let oom = dir.path().join("postdesk-test-worker-oom.pdf");
        for p in [&crash, &hang, &oom] {
            std::fs::write(p, &letter).unwrap();
        }
        let big = dir.path().join("Gross.pdf");
        let mut bytes = letter.clone();
        bytes.resize(30 * 1024 * 1024, b' ');
        std::fs::write(&big, &bytes).unwrap();
        let fifo = dir.path().join("pipe.pdf");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());

        let files = vec![crash.clone(), good.clone(), hang.clone(), "/dev/zero".into(), fifo.clone(), big.clone(), oom.clone()];
        let started = Instant::now();
        let drafts = app.add_files(files).await.unwrap();
        let took = started.elapsed();
        assert_eq!(drafts.len(), 7, "every file of the drop is on the desk");
        let codes = |i: usize| drafts[i].preflight.findings.iter().map(|f| f.code.to_string()).collect::<Vec<_>>();
        assert!(codes(0).contains(&"check_failed".to_string()), "crash: {:?}", codes(0));
        assert!(!drafts[1].has_blocking_finding(), "the good letter: {:?}", codes(1));
        assert_eq!(drafts[1].preflight.pages, 1);
        assert!(codes(2).contains(&"check_timeout".to_string()), "hang: {:?}", codes(2));
        for i in [3, 4, 5] {
            assert!(drafts[i].has_blocking_finding(), "{}: {:?}", drafts[i].file_name, codes(i));
        }
        assert!(codes(6).contains(&"check_failed".to_string()), "memory limit: {:?}", codes(6));
        // The hang costs the worker's hard limit (8 s here); the rest is quick.
        assert!(took < Duration::from_secs(40), "the drop took {took:?}");

        // The app is alive, the good letter previews, and a fresh worker serves the next drop.
        let png = app.render_page(drafts[1].id, 0, 50.0).await.unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let again = app.add_files(vec![good.clone()]).await.unwrap();
        assert!(!again[0].has_blocking_finding());
        assert!(app.status().is_ok());
    });
}
