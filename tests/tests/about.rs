//! Settings → About Postdesk in the real window: version and build, pdfium, the
//! bundled parts' licences, and Copy diagnostics (the core's report, redacted) put
//! on the clipboard; screenshots of the section and of the licences opened.

use anyhow::ensure;
use postdesk_e2e::{testid, with_app, LONG, SHORT};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn about_shows_the_build_and_copies_diagnostics() -> anyhow::Result<()> {
    with_app("about", async |app| {
        // The report carries the window's log: wait until the desk has logged that it
        // is ready (leaving the Send screen before its first frame would skip that line).
        let log = app.data_dir().join("logs/postdesk.log");
        app.wait_until("the desk logged it is ready", LONG, || async {
            Ok(std::fs::read_to_string(&log).unwrap_or_default().contains("the Send desk is ready").then_some(()))
        })
        .await?;
        app.click(&testid("nav-settings")).await?;
        app.wait_for_testid("about-version", SHORT).await?;
        let version = app.text(&testid("about-version")).await?;
        ensure!(version == env!("CARGO_PKG_VERSION"), "version {version:?}");
        let build = app.text(&testid("about-build")).await?;
        ensure!(build.split(" · ").count() == 2, "commit and date: {build:?}");
        let section = app.text(&testid("settings-about")).await?;
        ensure!(section.contains("pdfium") && section.contains("BSD-3-Clause"), "{section}");
        app.execute("document.querySelector('[data-testid=settings-about]').scrollIntoView({block: 'end'}); return null;", vec![]).await?;

        // A real click (the clipboard takes writes only while a click is handled).
        app.click(&testid("about-copy-diagnostics")).await?;
        app.wait_until("the diagnostics copied", SHORT, || async {
            let t = app.text(&testid("about-copy-diagnostics")).await?;
            Ok(t.contains("Diagnostics copied").then_some(()))
        })
        .await?;
        ensure!(!app.body_text().await?.contains("Something went wrong"), "no error");
        app.screenshot("about").await?;

        // The report the button copied: built in the core from this window's data.
        let report = app.invoke("diagnostics_report", json!({})).await?;
        let report = report.as_str().unwrap_or_default();
        ensure!(report.contains(&format!("Data folder: {}", app.data_dir().display())), "{report}");
        ensure!(report.contains(&format!("Version: {version} ({})", build.replace(" · ", ", "))), "{report}");
        ensure!(report.contains("- Sandbox [current]: provider epost, environment sandbox"), "{report}");
        ensure!(report.contains("the Send desk is ready"), "the window's log is in it: {report}");

        app.js_click("about-show-licenses").await?;
        app.wait_until("the licences shown", SHORT, || async {
            let t = app.text(&testid("about-licenses")).await?;
            Ok(t.contains("Redistribution and use in source and binary forms").then_some(()))
        })
        .await?;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await; // the collapse's animation
        app.execute("document.querySelector('[data-testid=settings-about]').scrollIntoView({block: 'end'}); return null;", vec![]).await?;
        app.screenshot("about-licenses").await?;
        Ok(())
    })
    .await
}
