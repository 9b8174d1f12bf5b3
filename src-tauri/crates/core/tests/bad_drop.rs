//! A drop with bad files beside a good letter, on real parts (SQLite file, Secret
//! Service keychain under scripts/desktop-session.sh, pdfium): a 30 MB file,
//! `/dev/zero`, a FIFO, a file crafted to make the JavaScript scan inflate
//! gigabytes, and a file that is gone each become their own draft with a finding,
//! in bounded time, and the good letter still gets its draft and its preview.
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{Letter, NoEvents, Postdesk, PostdeskOptions};
use postdesk_pdf::sample::{self, LetterSpec};
use postdesk_pdf::Severity;

fn finding<'a>(l: &'a Letter, code: &str) -> &'a postdesk_pdf::Finding {
    l.preflight
        .findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("{}: no {code} in {:?}", l.file_name, l.preflight.findings))
}

#[cfg(unix)]
#[test]
fn bad_files_in_a_drop_each_get_a_finding_and_the_good_letter_still_previews() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let write = |name: &str, bytes: &[u8]| {
        let p = tmp.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let big = write(
        "big.pdf",
        &sample::letter(&LetterSpec {
            padding_bytes: 30_000_000,
            ..Default::default()
        }),
    );
    let bomb = write("bomb.pdf", &sample::object_stream_bomb(2_000));
    let fifo = tmp.path().join("pipe.pdf");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let gone = tmp.path().join("gone.pdf");
    let good = write("good.pdf", &sample::clean_letter());
    // The good letter last: a file that hangs the drop would keep it from its draft.
    let paths: Vec<PathBuf> = vec![big, PathBuf::from("/dev/zero"), fifo, bomb, gone, good];

    let rt = tokio::runtime::Runtime::new().unwrap();
    let limit = Duration::from_secs(60);
    let dropped = rt.block_on(async {
        let app = Postdesk::open(
            PostdeskOptions::new(
                &data,
                format!("postdesk-test-bad-drop-{}", std::process::id()),
            ),
            Arc::new(NoEvents),
        )
        .await
        .unwrap();
        let started = Instant::now();
        let drafts = tokio::time::timeout(limit, app.add_files(paths)).await;
        drafts.map(|d| {
            (
                app,
                d.expect("one bad file does not fail the drop"),
                started.elapsed(),
            )
        })
    });
    let Ok((app, drafts, took)) = dropped else {
        // A reader stuck on /dev/zero or the FIFO would hold the runtime's drop too.
        std::mem::forget(rt);
        panic!("the drop got no answer within {limit:?}");
    };
    assert!(took < Duration::from_secs(45), "the drop took {took:?}");
    assert_eq!(drafts.len(), 6, "one draft per file");
    let [big, zero, fifo, bomb, gone, good] = &drafts[..] else {
        unreachable!()
    };

    let f = finding(big, "too_large");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(big.pages, 0, "never handed to pdfium");
    assert_eq!(finding(zero, "not_a_file").severity, Severity::Error);
    assert_eq!(finding(fifo, "not_a_file").severity, Severity::Error);
    assert_eq!(
        finding(bomb, "javascript_unchecked").severity,
        Severity::Warning
    );
    assert_eq!(finding(gone, "file_unreadable").severity, Severity::Error);
    for l in [big, zero, fifo, gone] {
        assert!(l.has_blocking_finding(), "{} is not sendable", l.file_name);
    }
    assert!(
        !good.has_blocking_finding(),
        "{:?}",
        good.preflight.findings
    );
    assert!(good.recipient.is_some());
    assert_eq!(app.drafts().unwrap().len(), 6);

    rt.block_on(async {
        let png = app.render_page(good.id, 0, 100.0).await.unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // A preview of the bad ones answers at once, with an error.
        for l in [zero, fifo] {
            let r = tokio::time::timeout(Duration::from_secs(10), app.render_page(l.id, 0, 100.0))
                .await;
            assert!(
                matches!(r, Ok(Err(_))),
                "{}: {:?}",
                l.file_name,
                r.map(|r| r.map(|p| p.len()))
            );
        }
        // Send refuses them before any copy is made.
        assert!(app.send(&[zero.id]).is_err());
    });
}
