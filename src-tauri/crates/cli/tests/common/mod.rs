//! What the CLI's integration tests share: running `postdesk-cli` on a data
//! folder (optionally killed after a step by the crash hook), a letter to a
//! recipient with its address where a provider reads it, and a file's SHA-256.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `postdesk-cli ARGS` on `data` with the keychain service `svc`; status calls
/// every 50 ms, a killed run's letter taken over after 1 s; with `crash_after`,
/// the run aborts right after it recorded that step (`POSTDESK_CRASH_AFTER_STEP`).
pub fn cli_run(data: &Path, svc: &str, args: &[&str], crash_after: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_postdesk-cli"));
    c.args(args).env("POSTDESK_DATA_DIR", data).env("POSTDESK_KEYRING_SERVICE", svc).env("POSTDESK_SANDBOX_STATUS_MS", "50");
    // The killed run's letter is taken over by the next run once its lease ran out.
    c.env("POSTDESK_CLAIM_LEASE_MS", "1000");
    match crash_after {
        Some(step) => c.env("POSTDESK_CRASH_AFTER_STEP", step),
        None => c.env_remove("POSTDESK_CRASH_AFTER_STEP"),
    };
    c.output().expect("postdesk-cli runs")
}

/// `postdesk-cli ARGS` on `data`, a keychain service of this test process (`tag`).
pub fn cli_plain(data: &Path, tag: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postdesk-cli"))
        .args(args)
        .env("POSTDESK_DATA_DIR", data)
        .env("POSTDESK_KEYRING_SERVICE", format!("postdesk-cli-{tag}-{}", std::process::id()))
        .output()
        .expect("postdesk-cli runs")
}

/// `dir/file`: a letter to `lines`, its address block at `at_mm` (left, top).
pub fn letter_to(dir: &Path, file: &str, lines: &[&str], at_mm: (f32, f32)) -> String {
    let mut spec = postdesk_pdf::sample::LetterSpec::to(lines);
    spec.address_at_mm = at_mm;
    let p = dir.join(file);
    std::fs::write(&p, postdesk_pdf::sample::letter(&spec)).unwrap();
    p.display().to_string()
}

pub fn sha256(path: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()))
}
