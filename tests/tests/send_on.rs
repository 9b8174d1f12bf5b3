//! Send on a later day, in the real window on the sandbox: "Show dialog" on in
//! Setup, a letter dropped and sent with tomorrow in the dialog's "Send on"; the
//! button says it schedules, the job list shows it "Scheduled · <day>", the
//! simulator has nothing, and the drawer cancels it (it never goes). Screenshots
//! land in artifacts/e2e/send_on/.
use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use serde_json::{json, Value};

async fn job(app: &App, file: &str) -> anyhow::Result<Value> {
    let jobs = app.invoke("list_jobs", json!({})).await?;
    jobs.as_array().and_then(|a| a.iter().find(|j| j["file_name"] == file).cloned()).context("the job")
}

async fn sim_letters(app: &App) -> anyhow::Result<usize> {
    let status = app.invoke("app_status", json!({})).await?;
    let url = status["sandbox_url"].as_str().context("sandbox url")?;
    Ok(postdesk_sim::inspect::letters(url).await.map_err(|e| anyhow::anyhow!("{e}"))?.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_sent_for_tomorrow_waits_scheduled_and_can_be_cancelled() -> anyhow::Result<()> {
    with_app("send_on", async |app| {
        // "Show dialog" on.
        app.save_setup_switches(&[("setup-show-dialog", true)]).await?;

        let file = "Kündigung 2026-03.pdf";
        let pdf = app.data_dir().parent().unwrap().join(file);
        std::fs::write(&pdf, postdesk_pdf::sample::letter(&postdesk_pdf::sample::LetterSpec::default()))?;
        app.click(&testid("nav-send")).await?;
        app.wait_for_testid("dropzone", SHORT).await?;
        app.drop_until_row(&pdf).await?;
        app.js_click("send-button").await?;
        app.wait_for_testid("dialog-send", SHORT).await?;
        let before = sim_letters(app).await?;

        // Tomorrow in the clerk's time zone, set as the date field's value (typing
        // into a native date field differs per engine).
        let tomorrow = app
            .execute(
                "const d = new Date(); d.setDate(d.getDate() + 1);
                 const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
                 const input = document.querySelector('[data-testid=dialog-send-on]');
                 Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, day);
                 input.dispatchEvent(new Event('input', { bubbles: true }));
                 return day;",
                vec![],
            )
            .await?;
        let tomorrow = tomorrow.as_str().context("the day")?.to_owned();
        app.wait_until("the button schedules", SHORT, || async {
            let t = app.text(&testid("dialog-send")).await?;
            Ok(t.contains("Schedule").then_some(t))
        })
        .await?;
        app.screenshot("01-dialog-send-on").await?;
        app.js_click("dialog-send").await?;

        // Scheduled, not sent.
        let j = app
            .wait_until("the letter scheduled", LONG, || async {
                let j = job(app, file).await?;
                Ok((j["state"] == "scheduled").then_some(j))
            })
            .await?;
        ensure!(j["send_on"] == tomorrow.as_str(), "its day: {:?}", j["send_on"]);
        app.click(&testid("nav-jobs")).await?;
        app.wait_for_testid("job-row", SHORT).await?;
        let status = app.text(&testid("job-status")).await?;
        ensure!(status.starts_with("Scheduled"), "the job list says scheduled: {status:?}");
        app.screenshot("02-jobs-scheduled").await?;
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        ensure!(job(app, file).await?["state"] == "scheduled", "still waiting after the worker's rounds");
        ensure!(sim_letters(app).await? == before, "nothing reached the simulator");

        // Cancelled from the drawer: it never goes.
        app.js_click("job-row").await?;
        app.wait_for_testid("job-cancel", SHORT).await?;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await; // the drawer slides in
        app.screenshot("03-drawer-scheduled").await?;
        app.js_click("job-cancel").await?;
        app.wait_for_testid("job-cancel-confirm", SHORT).await?;
        app.js_click("job-cancel-confirm").await?;
        app.wait_until("the letter cancelled", LONG, || async {
            let j = job(app, file).await?;
            Ok((j["state"] == "cancelled").then_some(()))
        })
        .await?;
        app.screenshot("04-cancelled").await?;
        ensure!(sim_letters(app).await? == before, "a cancelled scheduled letter never goes");
        Ok(())
    })
    .await
}
