//! Ekopost in the real window, on Postdesk's sandbox: Setup → New company →
//! Ekopost (in the sandbox, the simulator's key filled in by itself) → "Show
//! dialog" on → drop a Swedish letter → the pre-send dialog offers Ekopost's
//! postage → Send → the job list follows the envelope to the end; the simulator
//! holds exactly one envelope with the chosen postage. Then the same screens in
//! Swedish. Screenshots land in artifacts/e2e/ekopost/.
use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use serde_json::{json, Value};

async fn sim_letters(app: &App) -> anyhow::Result<Vec<Value>> {
    let status = app.invoke("app_status", json!({})).await?;
    let url = status["sandbox_url"].as_str().context("sandbox url")?;
    let letters: Vec<Value> = reqwest::get(format!("{url}/_sim/letters")).await?.json().await?;
    Ok(letters.into_iter().filter(|l| l["provider"] == "ekopost").collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ekopost_company_in_the_sandbox_sends_through_the_dialog_and_completes() -> anyhow::Result<()> {
    with_app("ekopost", async |app| {
        // A new company that sends through Ekopost, in Postdesk's sandbox.
        app.click(&testid("nav-setup")).await?;
        app.js_click("setup-new-company").await?;
        app.wait_for_testid("new-company-name", SHORT).await?;
        app.type_into(&testid("new-company-name"), "Svensson AB").await?;
        app.pick_option("new-company-provider", "Ekopost").await?;
        app.wait_for_testid("new-company-in-sandbox", SHORT).await?;
        ensure!(app.checked("new-company-in-sandbox").await?, "the sandbox is the default for a new Ekopost company");
        app.screenshot("01-new-ekopost-company").await?;
        app.js_click("new-company-create").await?;
        app.wait_until("the Ekopost setup", SHORT, || async {
            Ok(app.text(&testid("setup-company")).await?.contains("Svensson AB").then_some(()))
        })
        .await?;
        app.wait_for_testid("ekopost-sandbox-note", SHORT).await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["provider"] == "ekopost" && st["environment"] == "sandbox", "{st}");
        ensure!(st["account"]["has_secret"] == true, "the simulator's key is in the keychain: {st}");
        ensure!(st["provider"]["home_country"] == "SE", "{st}");
        ensure!(!st.to_string().contains(&sim_key(app).await?), "the key never crosses to the window");

        // Test connection, then "Show dialog" on.
        app.js_click("setup-test-connection").await?;
        app.wait_until("connection ok", SHORT, || async { Ok(app.body_text().await?.contains("Connection works").then_some(())) }).await?;
        app.save_setup_switches(&[("setup-show-dialog", true)]).await?;
        app.screenshot("02-ekopost-setup").await?;

        // A Swedish letter, its address in Ekopost's window.
        let mut spec = postdesk_pdf::sample::LetterSpec::to(&["Anna Andersson", "Storgatan 1", "114 55 Stockholm"]);
        spec.address_at_mm = (118.0, 36.0);
        let pdf = app.data_dir().parent().unwrap().join("Faktura 2026-17.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::letter(&spec))?;
        app.click(&testid("nav-send")).await?;
        app.wait_for_testid("dropzone", SHORT).await?;
        app.drop_until_row(&pdf).await?;
        let row = app.text(&testid("letter-row")).await?;
        ensure!(row.contains("Anna Andersson"), "the address read from Ekopost's window: {row}");
        app.screenshot("03-desk-with-ekopost-zones").await?;
        app.js_click("send-button").await?;

        // The dialog offers Ekopost's postage; pick economy.
        app.wait_for_testid("dialog-postage", SHORT).await?;
        app.pick_option("dialog-postage", "Economy (2nd class)").await?;
        app.screenshot("04-dialog-postage").await?;
        app.js_click("dialog-send").await?;

        // The job list follows the envelope to its end.
        app.click(&testid("nav-jobs")).await?;
        app.wait_until("the envelope is posted", LONG, || async {
            let s = app
                .execute("return document.querySelector('[data-testid=job-status]')?.getAttribute('data-state');", vec![])
                .await?;
            Ok((s == json!("sent")).then_some(()))
        })
        .await?;
        app.screenshot("05-job-sent").await?;
        let envelopes = sim_letters(app).await?;
        ensure!(envelopes.len() == 1, "exactly one envelope at the simulator: {envelopes:?}");
        ensure!(envelopes[0]["postage"] == "economy", "the dialog's postage on the wire: {}", envelopes[0]);

        // The same screens in Swedish.
        app.click(&testid("nav-settings")).await?;
        app.pick_option("settings-language", "Svenska").await?;
        app.click(&testid("nav-jobs")).await?;
        app.wait_until("the job list in Swedish", SHORT, || async {
            Ok(app.body_text().await?.contains("Utskick").then_some(()))
        })
        .await?;
        app.screenshot("06-jobs-svenska").await?;
        app.click(&testid("nav-setup")).await?;
        app.wait_until("Setup in Swedish", SHORT, || async {
            Ok(app.body_text().await?.contains("Åtkomst till Ekopost").then_some(()))
        })
        .await?;
        app.screenshot("07-setup-svenska").await?;
        Ok(())
    })
    .await
}

async fn sim_key(app: &App) -> anyhow::Result<String> {
    let status = app.invoke("app_status", json!({})).await?;
    let url = status["sandbox_url"].as_str().context("sandbox url")?;
    let creds: Value = reqwest::get(format!("{url}/_sim/credentials")).await?.json().await?;
    Ok(creds["ekopost"]["api_key"].as_str().context("key")?.to_string())
}
