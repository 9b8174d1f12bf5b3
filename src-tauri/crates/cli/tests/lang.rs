//! `--lang`: the command line words findings in the clerk's language from the
//! window's catalogue; English by default; `--json` stays codes and English.
use std::process::Command;

use postdesk_pdf::sample::{self, LetterSpec};

fn preflight(
    data: &std::path::Path,
    file: &std::path::Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_postdesk-cli"));
    c.arg("preflight")
        .arg(file)
        .args(extra)
        .env("POSTDESK_DATA_DIR", data);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("postdesk-cli runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a letter with errors: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn findings_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.pdf");
    std::fs::write(
        &bad,
        sample::letter(&LetterSpec {
            recipient: vec![],
            sender_line: None,
            ink_in_franking: true,
            ..Default::default()
        }),
    )
    .unwrap();

    let english = preflight(dir.path(), &bad, &[], &[]);
    assert!(
        english.contains("No address was found in the address window on page 1."),
        "{english}"
    );

    let german = preflight(dir.path(), &bad, &["--lang", "de"], &[]);
    assert!(
        german.contains("Im Adressfenster auf Seite 1 wurde keine Anschrift gefunden."),
        "{german}"
    );
    assert!(
        german.contains(
            "Im Bereich „Frankier- und Codierzone“, der frei bleiben muss, ist etwas gedruckt."
        ),
        "{german}"
    );
    assert!(
        german.contains("Fehler"),
        "the severity in German: {german}"
    );

    // `--lang` alone: the system's language.
    let swedish = preflight(dir.path(), &bad, &["--lang"], &[("LC_ALL", "sv_SE.UTF-8")]);
    assert!(
        swedish.contains("Ingen adress hittades i adressfönstret på sida 1."),
        "{swedish}"
    );

    // JSON: codes (and the core's English), whatever the language.
    let json = preflight(dir.path(), &bad, &["--json", "--lang", "de"], &[]);
    let v: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"address_missing") && codes.contains(&"ink_in_zone"),
        "{codes:?}"
    );
    assert!(!json.contains("Anschrift"), "no German in JSON: {json}");
}
