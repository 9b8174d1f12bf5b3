//! `postdesk-cli preflight` answers bad files as the window's drop does: a 30 MB
//! file, `/dev/zero`, a FIFO, an object-stream bomb and a file that is gone each
//! get a finding, in bounded time, and the good letter beside them passes — in
//! one process and in worker processes alike.
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use postdesk_pdf::sample::{self, LetterSpec};

/// The CLI's stdout and exit code, or a failed test (and a killed child) after `limit`.
fn cli_within(data: &Path, args: &[&str], limit: Duration) -> (String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postdesk-cli"))
        .args(args)
        .env("POSTDESK_DATA_DIR", data)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("postdesk-cli runs");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("postdesk-cli {args:?} gave no answer within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code(),
    )
}

#[cfg(unix)]
#[test]
fn preflight_gives_each_bad_file_a_finding_and_passes_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    let big = write(
        "big.pdf",
        &sample::letter(&LetterSpec {
            padding_bytes: 30_000_000,
            ..Default::default()
        }),
    );
    let bomb = write("bomb.pdf", &sample::object_stream_bomb(2_000));
    let fifo = dir.path().join("pipe.pdf");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let fifo = fifo.display().to_string();
    let gone = dir.path().join("gone.pdf").display().to_string();
    let good = write("good.pdf", &sample::clean_letter());
    let files = [
        big.as_str(),
        "/dev/zero",
        fifo.as_str(),
        bomb.as_str(),
        gone.as_str(),
        good.as_str(),
    ];
    let expected = [
        ("too_large", "error"),
        ("not_a_file", "error"),
        ("not_a_file", "error"),
        ("javascript_unchecked", "warning"),
        ("file_unreadable", "error"),
    ];
    for jobs in ["1", "2"] {
        let mut args = vec!["preflight", "--json", "--jobs", jobs];
        args.extend(files);
        let (stdout, code) = cli_within(dir.path(), &args, Duration::from_secs(60));
        assert_eq!(code, Some(1), "--jobs {jobs}: a file has an error");
        let lines: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            lines.len(),
            files.len(),
            "--jobs {jobs}: one object per file"
        );
        for (v, (code, severity)) in lines.iter().zip(expected) {
            let found = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["code"] == code && f["severity"] == severity);
            assert!(
                found,
                "--jobs {jobs}: {} lacks {severity} {code}: {v}",
                v["file"]
            );
        }
        assert_eq!(lines[0]["pages"], 0, "the 30 MB file never reached pdfium");
        let good = &lines[5];
        assert!(
            good["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["severity"] != "error"),
            "{good}"
        );
        assert_eq!(good["pages"], 1);
    }
}
