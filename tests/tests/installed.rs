//! The installed package's window (#14), run by `scripts/test-install.sh` after it
//! installed the .deb: `POSTDESK_APP=/usr/bin/postdesk`, a fresh data folder and a
//! throwaway keychain (the harness). The first-run assistant opens, the sandbox path
//! sends the test letter through the built-in simulator, and every Postdesk process
//! (the window and its PDF worker) has pdfium from the install location only.
//!
//! Built only with the crate's `installed` feature (`required-features` in
//! Cargo.toml): it needs the package installed, so `make test-e2e` does not build
//! it and the install test runs it with `--features installed`.
use anyhow::{ensure, Context};
use postdesk_e2e::{with_app_first_run, LONG, SHORT};

/// pdfium libraries mapped by the processes running `exe`.
fn pdfium_mapped_by(exe: &str) -> anyhow::Result<Vec<String>> {
    let mut libs = Vec::new();
    for entry in std::fs::read_dir("/proc")? {
        let dir = entry?.path();
        if std::fs::read_link(dir.join("exe"))
            .ok()
            .and_then(|p| p.to_str().map(str::to_string))
            .as_deref()
            != Some(exe)
        {
            continue;
        }
        let maps = std::fs::read_to_string(dir.join("maps")).unwrap_or_default();
        for line in maps.lines().filter(|l| l.contains("libpdfium")) {
            let path = line
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_string();
            if !libs.contains(&path) {
                libs.push(path);
            }
        }
    }
    Ok(libs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installed_app_first_run_sandbox_test_letter() -> anyhow::Result<()> {
    let app_path =
        std::env::var("POSTDESK_APP").context("POSTDESK_APP (the installed /usr/bin/postdesk)")?;
    with_app_first_run("installed", async |app| {
        app.wait_for_testid("wizard-choose-sandbox", SHORT).await?;
        ensure!(app.body_text().await?.contains("Welcome to Postdesk"));
        app.screenshot("01-welcome").await?;
        app.js_click("wizard-choose-sandbox").await?;
        app.wait_for_testid("wizard-sandbox-ready", SHORT).await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-password-ready", SHORT).await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-duplex", SHORT).await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-send-test", SHORT).await?;
        app.js_click("wizard-send-test").await?;
        app.wait_for_testid("wizard-test-letter", SHORT).await?;
        app.wait_until("the test letter reaches the sandbox provider", LONG, || async {
            let s = app
                .execute("return document.querySelector('[data-testid=wizard-test-letter] [data-testid=job-status]')?.dataset.state ?? null;", vec![])
                .await?;
            Ok(matches!(s.as_str(), Some("accepted" | "released" | "printing" | "sent")).then_some(()))
        })
        .await?;
        app.screenshot("02-test-letter").await?;

        // The test letter was checked by pdfium (in the PDF worker process).
        let libs = pdfium_mapped_by(&app_path)?;
        ensure!(libs == vec!["/usr/lib/postdesk/libpdfium.so".to_string()], "pdfium mapped by {app_path}: {libs:?}");
        Ok(())
    })
    .await
}
