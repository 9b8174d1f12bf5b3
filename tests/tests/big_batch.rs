//! Big batches in the real window: 200 PDFs dropped and sent through the in-process
//! sandbox made slow (every send takes 300 ms at the simulator), the progress panel
//! with its counts, pause (nothing new starts), resume, cancel (never sent), and the
//! in-window notification at the end. And the duplicate question: the same PDF
//! sent twice is held back and the clerk asked. Screenshots in artifacts/e2e/<test>/.
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use serde_json::{json, Value};

fn letters(dir: &std::path::Path, tag: &str, n: usize) -> anyhow::Result<Vec<PathBuf>> {
    (0..n)
        .map(|i| {
            let name = format!("Erika Muster {tag} {i}");
            let spec = postdesk_pdf::sample::LetterSpec::to(&[&name, "Heinrich-Böll-Ring 10", "53113 Bonn"]);
            let p = dir.join(format!("{tag}-{i:03}.pdf"));
            std::fs::write(&p, postdesk_pdf::sample::letter(&spec))?;
            Ok(p)
        })
        .collect()
}

async fn sandbox_url(app: &App) -> anyhow::Result<String> {
    let status = app.invoke("app_status", json!({})).await?;
    status["sandbox_url"].as_str().map(str::to_owned).context("the sandbox has a simulator URL")
}

async fn count(app: &App, name: &str) -> anyhow::Result<u64> {
    let v = app
        .execute(
            &format!("return document.querySelector('[data-testid=outbox-count-{name}]')?.getAttribute('data-count');"),
            vec![],
        )
        .await?;
    Ok(v.as_str().and_then(|s| s.parse().ok()).unwrap_or(0))
}

async fn counts(app: &App) -> anyhow::Result<[u64; 6]> {
    Ok([
        count(app, "checked").await?,
        count(app, "queued").await?,
        count(app, "sending").await?,
        count(app, "sent").await?,
        count(app, "failed").await?,
        count(app, "cancelled").await?,
    ])
}

/// The desk is shown; its drag-and-drop listeners are registered right after it
/// renders (four async `listen` calls), so a drop in the same instant can find
/// only some of them. Give them a moment.
async fn desk_ready(app: &App) -> anyhow::Result<()> {
    app.wait_for_testid("dropzone", SHORT).await?;
    tokio::time::sleep(Duration::from_millis(700)).await;
    Ok(())
}

/// Toasts from earlier steps may still be on screen: close them first, as a clerk would.
async fn clear_notifications(app: &App) -> anyhow::Result<()> {
    app.execute("document.querySelectorAll('.mantine-Notification-root .mantine-Notification-closeButton').forEach(b => b.click());", vec![])
        .await?;
    app.wait_until("the notifications to close", SHORT, || async {
        let n = app.execute("return document.querySelectorAll('.mantine-Notification-root').length;", vec![]).await?;
        Ok((n == json!(0)).then_some(()))
    })
    .await
}

async fn send_all(app: &App) -> anyhow::Result<()> {
    clear_notifications(app).await?;
    app.wait_for_testid("send-button", SHORT).await?.click().await?;
    if let Ok(confirm) = app.wait_for_testid("send-confirm", Duration::from_secs(2)).await {
        confirm.click().await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_of_200_shows_progress_pauses_resumes_cancels_and_says_when_done() -> anyhow::Result<()> {
    with_app("big_batch", async |app| {
        desk_ready(app).await?;
        let dir = app.data_dir().parent().unwrap().join("batch");
        std::fs::create_dir_all(&dir)?;
        let files = letters(&dir, "b", 200)?;
        app.drop_files(&files).await?;
        // (Checking shows "Checking PDFs: n of 200"; 200 small PDFs are checked too
        // fast to catch it here — core's outbox_batches test proves the events.)
        app.wait_until("200 letters on the desk", LONG, || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
            Ok((n == json!(200)).then_some(()))
        })
        .await?;
        app.screenshot("01-desk-with-200").await?;
        // The desktop notification at the end: the Notify calls on the session bus
        // (there is no notification daemon here; dbus-monitor sees the call anyway).
        let bus_log = dir.join("notify.log");
        let mut monitor = std::process::Command::new("dbus-monitor")
            .args(["--session", "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"])
            .stdout(std::fs::File::create(&bus_log)?)
            .stderr(std::process::Stdio::null())
            .spawn()
            .context("dbus-monitor (Debian package dbus-bin, installed by scripts/setup.sh)")?;

        // Every send now takes 300 ms at the provider: 4 in flight, about 13 a second.
        let sim = sandbox_url(app).await?;
        let http = reqwest::Client::new();
        http.post(format!("{sim}/_sim/faults")).json(&json!({ "slow": 1.0, "slow_ms": 300 })).send().await?.error_for_status()?;

        send_all(app).await?;
        app.wait_for_testid("outbox-panel", SHORT).await?;
        app.wait_until("some letters with the provider", LONG, || async {
            let c = counts(app).await?;
            Ok((c[0] == 200 && c[3] >= 8).then_some(c))
        })
        .await?;
        app.screenshot("02-sending").await?;

        app.click(&testid("outbox-pause")).await?;
        app.wait_for_testid("outbox-paused", SHORT).await?;
        // In-flight letters finish, then nothing moves.
        let paused = app
            .wait_until("letters in flight to finish", SHORT, || async {
                let c = counts(app).await?;
                Ok((c[2] == 0).then_some(c))
            })
            .await?;
        ensure!(paused[1] > 0, "the pause came before the end: {paused:?}");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let still = counts(app).await?;
        ensure!(still == paused, "paused, yet the counts moved: {paused:?} → {still:?}");
        let at_sim: Vec<Value> = http.get(format!("{sim}/_sim/letters")).send().await?.json().await?;
        ensure!(at_sim.len() as u64 == still[3], "the provider has {} letters, the panel says {}", at_sim.len(), still[3]);
        let title = app.text(&testid("outbox-title")).await?;
        ensure!(title.contains("Paused"), "title while paused: {title}");
        app.screenshot("03-paused").await?;
        // One Resume button, on the batch (the paused notice has none while a batch shows).
        let resumes = app.execute("return document.querySelectorAll(\"[data-testid^='outbox-resume']\").length;", vec![]).await?;
        ensure!(resumes == json!(1), "{resumes} Resume buttons while paused");

        app.click(&testid("outbox-resume-batch")).await?;
        app.wait_until("sending goes on", LONG, || async {
            let c = counts(app).await?;
            Ok((c[3] >= still[3] + 8).then_some(()))
        })
        .await?;

        // The counts re-render the panel every few milliseconds; a WebDriver click at
        // the button's coordinates can land between two layouts (a CI run showed the
        // question never opened). Press Cancel until the question shows.
        app.wait_until("the cancel question", SHORT, || async {
            let open = app.execute("return !!document.querySelector('[data-testid=outbox-cancel-confirm]');", vec![]).await?;
            if open == json!(true) {
                return Ok(Some(()));
            }
            app.js_click("outbox-cancel").await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            Ok(None)
        })
        .await?;
        app.wait_for_testid("outbox-cancel-confirm", SHORT).await?;
        // A WebDriver click while the question still animates in can miss it (the
        // CI run of this stop showed the dialog still open at the end): press until
        // it closes. Cancelling twice is harmless.
        app.wait_until("the cancel question answered", SHORT, || async {
            let open = app.execute("return !!document.querySelector('[data-testid=outbox-cancel-confirm]');", vec![]).await?;
            if open == json!(false) {
                return Ok(Some(()));
            }
            app.js_click("outbox-cancel-confirm").await?;
            tokio::time::sleep(Duration::from_millis(200)).await;
            Ok(None)
        })
        .await?;
        let done = app
            .wait_until("the batch is done", LONG, || async {
                let done = app.execute("return !!document.querySelector('[data-testid=outbox-batch][data-done]');", vec![]).await?;
                let c = counts(app).await?;
                Ok((done == json!(true)).then_some(c))
            })
            .await?;
        ensure!(done[5] > 0, "letters were cancelled: {done:?}");
        ensure!(done[3] + done[5] == 200 && done[4] == 0, "every letter sent or cancelled: {done:?}");
        let title = app.wait_for_testid("outbox-done-title", SHORT).await?.text().await?;
        ensure!(title.contains("Batch of 200 letters finished"), "end notification: {title}");
        let note = app.text(&testid("outbox-done-message")).await?;
        ensure!(note.contains(&format!("{} with the provider", done[3])), "end notification: {note}");
        ensure!(note.contains(&format!("{} cancelled", done[5])), "end notification: {note}");
        app.screenshot("04-done-with-notification").await?;
        let notified = app
            .wait_until("the desktop notification", SHORT, || async {
                let log = std::fs::read_to_string(&bus_log)?;
                Ok(log.contains("Batch of 200 letters finished").then_some(log))
            })
            .await;
        let _ = monitor.kill();
        let _ = monitor.wait();
        let notified = notified?;
        ensure!(notified.contains(&format!("{} cancelled", done[5])), "desktop notification: {notified}");

        // The provider has exactly the letters the panel calls sent; no cancelled one.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let at_sim: Vec<Value> = http.get(format!("{sim}/_sim/letters")).send().await?.json().await?;
        ensure!(at_sim.len() as u64 == done[3], "the provider has {} letters, the panel says {}", at_sim.len(), done[3]);
        let jobs = app.invoke("list_jobs", json!({})).await?;
        let cancelled = jobs.as_array().unwrap().iter().filter(|l| l["state"] == "cancelled").count() as u64;
        ensure!(cancelled == done[5], "{cancelled} cancelled in the job list, {} in the panel", done[5]);
        let mut shas: Vec<&str> = at_sim.iter().filter_map(|l| l["sha256"].as_str()).collect();
        shas.sort_unstable();
        shas.dedup();
        ensure!(shas.len() == at_sim.len(), "a letter reached the provider twice");
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_pdf_again_asks_the_clerk_before_a_second_copy() -> anyhow::Result<()> {
    with_app("duplicate_question", async |app| {
        desk_ready(app).await?;
        let pdf = app.data_dir().parent().unwrap().join("Mahnung 2026-0007.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::clean_letter())?;
        let empty_desk = || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
            Ok((n == json!(0)).then_some(()))
        };

        app.drop_files(&[pdf.clone()]).await?;
        app.wait_for_testid("letter-row", SHORT).await?;
        send_all(app).await?;
        app.wait_until("the desk is empty", SHORT, empty_desk).await?;

        // The same file again: held back, and the clerk is asked.
        app.drop_files(&[pdf.clone()]).await?;
        app.wait_for_testid("letter-row", SHORT).await?;
        send_all(app).await?;
        app.wait_for_testid("duplicate-question", SHORT).await?;
        // textContent: the modal may still be in its opening transition.
        let question = app.execute("return document.querySelector('[data-testid=duplicate-question]').textContent;", vec![]).await?;
        let question = question.as_str().unwrap_or_default().to_owned();
        ensure!(question.contains("Mahnung 2026-0007.pdf"), "question: {question}");
        ensure!(question.contains("already"), "says it was already sent or is waiting: {question}");
        app.screenshot("01-duplicate-question").await?;
        let jobs = app.invoke("list_jobs", json!({})).await?;
        ensure!(jobs.as_array().unwrap().len() == 1, "nothing queued while the clerk decides");

        // Skip: no second copy; the draft leaves the desk.
        app.click(&testid("duplicate-skip")).await?;
        app.wait_until("the desk is empty after skip", SHORT, empty_desk).await?;
        let jobs = app.invoke("list_jobs", json!({})).await?;
        ensure!(jobs.as_array().unwrap().len() == 1, "skip queued nothing");

        // Again, and this time "send again anyway": a second letter is queued.
        app.drop_files(&[pdf]).await?;
        app.wait_for_testid("letter-row", SHORT).await?;
        send_all(app).await?;
        app.wait_for_testid("duplicate-send-again", SHORT).await?.click().await?;
        app.wait_until("the desk is empty after send again", SHORT, empty_desk).await?;
        let jobs = app.invoke("list_jobs", json!({})).await?;
        ensure!(jobs.as_array().unwrap().len() == 2, "send again anyway queued the second copy: {}", jobs.as_array().unwrap().len());
        app.screenshot("02-sent-again").await?;
        Ok(())
    })
    .await
}
