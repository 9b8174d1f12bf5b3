//! `postdesk-cli split` and `send --split` as a user runs them: the real binary,
//! pdfium, a merged PDF of 12 letters, the simulator over HTTP (send runs under
//! scripts/desktop-session.sh for the keychain).
use std::path::Path;
use std::process::Output;

mod common;

fn cli(data: &Path, args: &[&str]) -> Output {
    common::cli_plain(data, "split", args)
}

#[test]
fn split_prints_the_letters_of_a_merged_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, expected) = postdesk_pdf::sample::merged_letters(12);
    let file = dir.path().join("Serienbrief.pdf");
    std::fs::write(&file, pdf).unwrap();
    let file = file.display().to_string();

    let out = cli(dir.path(), &["split", &file, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 12, "one object per letter and line");
    for (l, e) in lines.iter().zip(&expected) {
        assert_eq!(l["first_page"], e.first_page + 1, "first_page counts from 1");
        assert_eq!(l["pages"], e.pages);
        assert_eq!(l["address"]["lines"], serde_json::json!(e.recipient));
        assert_eq!(l["address"]["postal_code"], e.postal_code.as_str());
        assert_eq!(l["address"]["city"], e.city.as_str());
        assert!(l["address"]["country"].is_null());
    }

    let out = cli(dir.path(), &["split", &file, "--by", "pages:5", "--json"]);
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    let total: u32 = expected.iter().map(|l| l.pages).sum();
    assert_eq!(lines as u32, total.div_ceil(5));

    let out = cli(dir.path(), &["split", &file, "--by", r"text:Seite 1 von \d", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 12);

    let out = cli(dir.path(), &["split", &file]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("12 letters from {total} pages")), "{text}");
    assert!(text.contains("Letter 2  pages 2–4  Hans Schmidt 2"), "{text}");
    let out = cli(dir.path(), &["split", &file, "--lang", "de"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("12 Briefe aus {total} Seiten")), "{text}");
    assert!(text.contains("Brief 1  Seite 1  Erika Mustermann 1"), "{text}");

    for (rule, code) in [("pages:0", "split_pages_range"), ("text:(", "split_pattern_invalid"), ("lines:2", "split_rule_invalid")] {
        let out = cli(dir.path(), &["split", &file, "--by", rule]);
        assert_eq!(out.status.code(), Some(2), "{rule}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(code), "{rule}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn send_split_sends_each_letter_with_its_pages() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sim = rt
        .block_on(postdesk_sim::Sim::start(postdesk_sim::SimConfig {
            step: std::time::Duration::from_millis(50),
            min_status_interval: std::time::Duration::ZERO,
            ..Default::default()
        }))
        .unwrap();
    let url = sim.base_url();
    let dir = tempfile::tempdir().unwrap();
    let (pdf, expected) = postdesk_pdf::sample::merged_letters(12);
    let file = dir.path().join("Serienbrief.pdf");
    std::fs::write(&file, pdf).unwrap();
    let data = dir.path().join("data");

    let out = cli(&data, &["send", &file.display().to_string(), "--split", "address", "--sim", &url, "--wait"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("12 letter(s) queued"), "{err}");
    let letters = rt.block_on(postdesk_sim::inspect::letters(&url)).unwrap();
    assert_eq!(letters.len(), 12);
    let mut pages: Vec<u64> = letters.iter().map(|l| l["pages"].as_u64().unwrap()).collect();
    let mut want: Vec<u64> = expected.iter().map(|l| l.pages as u64).collect();
    pages.sort();
    want.sort();
    assert_eq!(pages, want, "each letter with its own pages");
}
