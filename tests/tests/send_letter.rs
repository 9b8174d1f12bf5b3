//! The foundation slice in the real window: drop a PDF, see page 1 with the
//! E-POST zones, send, find the letter in the job list and watch it reach "sent"
//! on the sandbox. A screenshot of each step lands in artifacts/e2e/send_letter/.
use anyhow::ensure;
use postdesk_e2e::{testid, with_app, LONG, SHORT};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drop_preview_send_and_watch_it_reach_sent() -> anyhow::Result<()> {
    with_app("send_letter", async |app| {
        app.wait_until("the SANDBOX badge", SHORT, || async {
            let t = app.text(&testid("env-badge")).await?;
            let env = app
                .execute("return document.querySelector('[data-testid=env-badge]')?.dataset.environment;", vec![])
                .await?;
            Ok((env == json!("sandbox") && t.to_uppercase().contains("SANDBOX")).then_some(()))
        })
        .await?;
        app.wait_for_testid("dropzone", SHORT).await?;
        app.screenshot("01-empty-desk").await?;

        let pdf = app.data_dir().parent().unwrap().join("Rechnung 2026-0042.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::clean_letter())?;
        app.drop_files(&[pdf.clone()]).await?;

        app.wait_for_testid("letter-row", SHORT).await?;
        let row_text = app.text(&testid("letter-row")).await?;
        ensure!(row_text.contains("Rechnung 2026-0042.pdf"), "row: {row_text}");
        ensure!(row_text.contains("Erika Mustermann"), "recipient read from the PDF: {row_text}");

        // The page is rendered by pdfium (a loaded blob image) with the zones over it.
        app.wait_until("page 1 preview loaded", SHORT, || async {
            let v = app
                .execute(
                    "const i = document.querySelector('[data-testid=preview-image]'); \
                     return i && i.complete && i.naturalWidth > 0 ? [i.src, i.naturalWidth, i.naturalHeight] : null;",
                    vec![],
                )
                .await?;
            Ok((!v.is_null()).then_some(v))
        })
        .await
        .and_then(|v| {
            ensure!(v[0].as_str().unwrap_or("").starts_with("blob:"), "preview src {v}");
            let (w, h) = (v[1].as_f64().unwrap_or(0.0), v[2].as_f64().unwrap_or(0.0));
            ensure!(w > 500.0 && (h / w - 297.0 / 210.0).abs() < 0.02, "an A4 portrait render, got {w}×{h}");
            Ok(())
        })?;
        let zones = app
            .execute("return document.querySelectorAll('[data-testid=zones-overlay] rect').length;", vec![])
            .await?;
        ensure!(zones.as_u64().unwrap_or(0) >= 3, "E-POST zones drawn over the page: {zones}");
        app.screenshot("02-preview-with-zones").await?;

        let send = app.wait_for_testid("send-button", SHORT).await?;
        ensure!(send.is_enabled().await?, "Send is enabled for a clean letter");
        send.click().await?;
        if let Ok(confirm) = app.wait_for_testid("send-confirm", std::time::Duration::from_secs(2)).await {
            confirm.click().await?;
        }
        app.wait_until("the desk is empty again", SHORT, || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
            Ok((n == json!(0)).then_some(()))
        })
        .await?;

        app.click(&testid("nav-jobs")).await?;
        let job_text = app.text(&testid("job-row")).await?;
        ensure!(job_text.contains("Rechnung 2026-0042.pdf"), "job row: {job_text}");
        app.screenshot("03-job-list").await?;

        // Live updates by events: the state chip moves to "sent" without a reload.
        app.wait_until("the letter reaches sent", LONG, || async {
            let s = app
                .execute("return document.querySelector('[data-testid=job-status]')?.getAttribute('data-state');", vec![])
                .await?;
            Ok((s == json!("sent")).then_some(()))
        })
        .await?;
        let chip = app.text(&testid("job-status")).await?;
        ensure!(!chip.is_empty(), "the status chip shows a word");
        app.screenshot("04-sent").await?;

        // The backend agrees, and the simulator got exactly one copy.
        let jobs = app.invoke("list_jobs", json!({})).await?;
        ensure!(jobs.as_array().map(|a| a.len()) == Some(1), "one job: {jobs}");
        ensure!(jobs[0]["state"] == "sent" && jobs[0]["provider_id"].is_string(), "{jobs}");
        Ok(())
    })
    .await
}
