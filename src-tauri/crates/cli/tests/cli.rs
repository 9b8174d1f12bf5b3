//! The command-line tool as a user runs it: the real binary, a temporary data
//! folder, the keychain of the test session, pdfium, the in-process sandbox.
use std::path::Path;
use std::process::Output;

mod common;

fn cli(data: &Path, args: &[&str]) -> Output {
    common::cli_plain(data, "test", args)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

#[test]
fn preflight_json_reports_each_file_and_exits_by_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.pdf", &postdesk_pdf::sample::clean_letter());
    let bad = write(dir.path(), "bad.pdf", &postdesk_pdf::sample::not_a_pdf());

    let out = cli(dir.path(), &["preflight", &good, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pages"], 1);
    assert_eq!(v["address"]["postal_code"], "53113");
    assert_eq!(v["address"]["city"], "Bonn");
    assert!(v["page_sizes_mm"][0][0].as_f64().unwrap() > 209.0);

    let out = cli(dir.path(), &["preflight", &good, &bad, "--json", "--provider", "epost"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "one object per file");
    assert!(lines[1]["findings"].as_array().unwrap().iter().any(|f| f["code"] == "not_pdf" && f["severity"] == "error"));

    let out = cli(dir.path(), &["preflight", "--provider", "nope", &good]);
    assert_eq!(out.status.code(), Some(2), "usage error");
}

#[test]
fn preflight_json_marks_the_ink_and_a_cover_letter_lifts_the_page_1_zones() {
    let dir = tempfile::tempdir().unwrap();
    let logo = write(
        dir.path(),
        "logo.pdf",
        &postdesk_pdf::sample::letter(&postdesk_pdf::sample::LetterSpec { ink_in_franking: true, ..Default::default() }),
    );
    let out = cli(dir.path(), &["preflight", &logo, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["code"] == "ink_in_zone").expect("ink_in_zone");
    assert_eq!(f["zone"], "franking");
    let m = &f["marks"][0];
    assert_eq!(m["page"], 1);
    assert!((m["x_mm"].as_f64().unwrap() - 150.0).abs() < 0.5, "{m}");

    let out = cli(dir.path(), &["preflight", &logo, "--json", "--cover-letter"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn preflight_in_worker_processes_answers_like_one_process_in_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for i in 0..19 {
        let bytes = match i % 4 {
            0 => postdesk_pdf::sample::not_a_pdf(),
            1 => postdesk_pdf::sample::letter(&postdesk_pdf::sample::LetterSpec { ink_in_franking: true, ..Default::default() }),
            _ => postdesk_pdf::sample::clean_letter(),
        };
        files.push(write(dir.path(), &format!("letter-{i:02}.pdf"), &bytes));
    }
    let run = |jobs: &str| {
        let mut args = vec!["preflight", "--json", "--jobs", jobs];
        args.extend(files.iter().map(String::as_str));
        let out = cli(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run("1");
    let three = run("3");
    assert_eq!(one.lines().count(), 19);
    assert_eq!(one, three, "the same answers, in the order the files were given");
    let names: Vec<String> = three
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names[0], "letter-00.pdf");
    assert_eq!(names[18], "letter-18.pdf");
}

#[test]
fn send_without_a_window_reaches_the_sandbox_and_the_job_list() {
    let dir = tempfile::tempdir().unwrap();
    let letter = write(dir.path(), "Brief an Erika.pdf", &postdesk_pdf::sample::clean_letter());
    let data = dir.path().join("data");

    let out = cli(&data, &["send", &letter, "--wait"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("1 letter(s) queued"), "{err}");

    let out = cli(&data, &["jobs", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let jobs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let jobs = jobs.as_array().unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0]["state"], "sent");
    assert_eq!(jobs[0]["file"], "Brief an Erika.pdf");
    assert!(jobs[0]["provider_id"].is_string());
}

#[test]
fn send_on_a_later_day_schedules_and_sends_nothing_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let later = write(dir.path(), "Einladung.pdf", &postdesk_pdf::sample::clean_letter());
    let now = write(dir.path(), "Rechnung.pdf", &postdesk_pdf::sample::letter(&postdesk_pdf::sample::LetterSpec::to(&["Max Muster", "Hauptstr. 1", "10115 Berlin"])));
    let data = dir.path().join("data");
    let day = (chrono::Local::now().date_naive() + chrono::Days::new(2)).format("%Y-%m-%d").to_string();

    let out = cli(&data, &["send", &later, "--on", &day]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains(&format!("1 letter(s) scheduled for {day}")), "{err}");
    assert!(err.contains("0 letter(s) queued"), "{err}");

    // Another run sends its own letter (its worker runs); the scheduled one stays.
    let out = cli(&data, &["send", &now, "--wait"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cli(&data, &["jobs", "--json"]);
    let jobs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let jobs = jobs.as_array().unwrap();
    let scheduled = jobs.iter().find(|j| j["file"] == "Einladung.pdf").unwrap();
    assert_eq!((scheduled["state"].as_str(), scheduled["send_on"].as_str()), (Some("scheduled"), Some(day.as_str())));
    assert!(scheduled["provider_id"].is_null());
    assert_eq!(jobs.iter().find(|j| j["file"] == "Rechnung.pdf").unwrap()["state"], "sent");

    // Not a date, or too far ahead: refused, nothing queued.
    let out = cli(&data, &["send", &later, "--on", "2026-13-45"]);
    assert_eq!(out.status.code(), Some(2), "usage error");
    let far = (chrono::Local::now().date_naive() + chrono::Days::new(400)).format("%Y-%m-%d").to_string();
    let other = write(dir.path(), "Später.pdf", &postdesk_pdf::sample::letter(&postdesk_pdf::sample::LetterSpec::to(&["Eva Muster", "Ring 2", "50667 Köln"])));
    let out = cli(&data, &["send", &other, "--on", &far]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Send on"), "{err}");
}

#[test]
fn the_same_pdf_twice_is_skipped_unless_allowed_and_then_the_provider_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let letter = write(dir.path(), "Mahnung.pdf", &postdesk_pdf::sample::clean_letter());
    let data = dir.path().join("data");

    let out = cli(&data, &["send", &letter]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let out = cli(&data, &["send", &letter]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("0 letter(s) queued, 1 skipped"), "{err}");
    assert!(err.contains("Mahnung.pdf: The same PDF"), "{err}");

    // On request it is queued; the provider's failsafe refuses the copy and the
    // letter fails with that reason (it is not at the provider under its name).
    let out = cli(&data, &["send", &letter, "--allow-duplicate"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("1 letter(s) queued"), "{err}");

    let out = cli(&data, &["jobs", "--json"]);
    let jobs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let jobs = jobs.as_array().unwrap();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0]["state"], "failed");
    assert!(jobs[0]["last_error"].as_str().unwrap().to_lowercase().contains("duplicate"), "{}", jobs[0]);
    assert_eq!(jobs[0]["attempts"], 1);
    assert!(jobs[1]["provider_id"].is_string());
}
