//! Settings → About's "Copy diagnostics": the report names the version, build,
//! system, data folder and each company's provider and environment, carries the
//! log's last 200 lines, and holds no secret — not the keychain's values, not a
//! secret that reached the log files by some other way (real Secret Service under
//! scripts/desktop-session.sh).
use std::io::Write;
use std::sync::Arc;

use postdesk_core::diagnostics::{report, BuildInfo, LOG_LINES};
use postdesk_core::logs::{RotatingLog, LOG_FILE};
use postdesk_core::secrets::{SecretKind, SecretStore};
use postdesk_core::{NoEvents, Postdesk, PostdeskOptions};

const LOGGED_PASSWORD: &str = "Pd-Diag-Passw0rd-5e1b";

#[test]
fn the_report_says_what_support_needs_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-diag-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(dir.path(), &svc), Arc::new(NoEvents))
            .await
            .unwrap();
        let account = app.status().unwrap().account.id;
        let install = app.store().setting("install_id").unwrap().unwrap();
        let keychain = SecretStore::new(&svc, &install);
        let secret = keychain
            .get(account, SecretKind::Secret)
            .unwrap()
            .expect("the sandbox's secret is in the keychain");
        let secret = secret.expose().to_string();
        assert!(!secret.is_empty());

        // 250 lines through the log writer, then lines written around it (as an
        // older build might have): the keychain's secret and a password in them.
        let logs = dir.path().join("logs");
        {
            let log = RotatingLog::open(&logs, 1024 * 1024, 3).unwrap();
            let mut w = &log;
            for i in 0..250 {
                writeln!(w, "line {i}").unwrap();
            }
            w.flush().unwrap();
        }
        let mut raw = std::fs::OpenOptions::new()
            .append(true)
            .open(logs.join(LOG_FILE))
            .unwrap();
        writeln!(
            raw,
            "provider said secret={secret} and password: {LOGGED_PASSWORD}"
        )
        .unwrap();
        writeln!(raw, "Authorization: Basic {secret}").unwrap();
        drop(raw);

        let build = BuildInfo {
            version: "9.8.7".into(),
            commit: Some("abc1234".into()),
            date: Some("2026-12-01".into()),
            pdfium: "pdfium test".into(),
        };
        let text = report(&app, &build).unwrap();

        assert!(
            text.contains("Version: 9.8.7 (abc1234, 2026-12-01)"),
            "{text}"
        );
        assert!(text.contains("pdfium: pdfium test"), "{text}");
        assert!(
            text.contains(&format!("Data folder: {}", dir.path().display())),
            "{text}"
        );
        assert!(
            text.contains("System: ") && text.contains(std::env::consts::ARCH),
            "{text}"
        );
        assert!(
            text.contains("- Sandbox [current]: provider epost, environment sandbox"),
            "{text}"
        );
        // The last 200 lines: the two written around the writer and 198 of the 250.
        assert!(
            text.contains(&format!("Last {LOG_LINES} log lines")),
            "{text}"
        );
        assert!(
            text.contains("line 249\n")
                && text.contains("line 52\n")
                && !text.contains("line 51\n"),
            "{text}"
        );
        assert!(text.contains("provider said secret=<redacted>"), "{text}");

        assert!(
            !text.contains(&secret),
            "the keychain's secret is in the report"
        );
        assert!(
            !text.contains(LOGGED_PASSWORD),
            "a logged password is in the report"
        );
        for kind in [SecretKind::Secret, SecretKind::Password] {
            let _ = keychain.delete(account, kind);
        }
    });
}

/// When the data could not be opened the report still comes, with the error and the log.
#[test]
fn the_report_comes_when_the_data_could_not_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::write(
        logs.join(LOG_FILE),
        format!("opening the data\ntoken={LOGGED_PASSWORD}\n"),
    )
    .unwrap();
    let error = postdesk_core::AppError::new("db_locked", "Another program has the data open.");
    let build = BuildInfo {
        version: "9.8.7".into(),
        ..BuildInfo::default()
    };
    let text = postdesk_core::diagnostics::report_unopened(dir.path(), &build, &error);
    assert!(text.contains("Version: 9.8.7\n"), "{text}");
    assert!(
        text.contains(
            "The data could not be opened: db_locked (Another program has the data open.)"
        ),
        "{text}"
    );
    assert!(
        text.contains("opening the data\n") && text.contains("token=<redacted>"),
        "{text}"
    );
    assert!(!text.contains(LOGGED_PASSWORD), "{text}");
}
