//! Posti in the real window: the setup assistant's Posti guide (checklist, the
//! steps on OmaPosti Pro's Integrations page), the sandbox's OmaPosti Pro key
//! with a wrong agreement id first (the test says which id the key does not
//! reach, and nothing moves on), then the right one (the test succeeds); the
//! Send desk says plainly that Posti prints no letters with this key; Setup and
//! the guide in Finnish. Screenshots land in artifacts/e2e/posti/.
use anyhow::ensure;
use postdesk_e2e::{testid, with_app_first_run, App, SHORT};
use serde_json::json;

async fn wait_text(app: &App, what: &str, text: &str) -> anyhow::Result<()> {
    app.wait_until(what, SHORT, || async { Ok(app.body_text().await?.contains(text).then_some(())) }).await
}

async fn disabled(app: &App, id: &str) -> anyhow::Result<bool> {
    Ok(app.execute(&format!("return document.querySelector('[data-testid={id}]').disabled;"), vec![]).await? == json!(true))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posti_guide_key_and_agreements_in_the_assistant_then_finnish() -> anyhow::Result<()> {
    with_app_first_run("posti", async |app| {
        let st = app.invoke("app_status", json!({})).await?;
        let sim = st["sandbox_url"].as_str().unwrap_or_default().to_string();
        let creds: serde_json::Value = reqwest::get(format!("{sim}/_sim/credentials")).await?.json().await?;
        let key = creds["posti"]["api_key"].as_str().unwrap_or_default().to_string();
        let agreement = creds["posti"]["agreement_ids"][0].as_str().unwrap_or_default().to_string();
        ensure!(key.len() >= 20 && !agreement.is_empty(), "the simulator's Posti key: {creds}");

        // The guide: what the key reaches, the checklist, the seven steps.
        app.js_click("wizard-choose-account").await?;
        app.pick_option("wizard-provider", "Posti").await?;
        app.wait_for_testid("posti-guide", SHORT).await?;
        let text = app.body_text().await?;
        ensure!(text.contains("does not open Posti's letter printing"), "the scope is said: {text}");
        ensure!(text.contains("Create new API key") && text.contains("Copy API key"), "the guide's steps: {text}");
        for c in ["MainUser", "Integrations", "Agreements"] {
            app.js_click(&format!("posti-check-{c}")).await?;
        }
        ensure!(app.body_text().await?.contains("3 of 3 checked"));
        ensure!(!app.body_text().await?.contains("Test letter"), "no steps Posti does not have");
        app.screenshot("00-guide-top").await?;
        app.type_into(&testid("wizard-company"), "Virtanen Oy").await?;
        app.type_into(&testid("wizard-posti-key"), &key).await?;
        app.type_into(&testid("wizard-posti-agreements"), "999999").await?;
        app.screenshot("01-guide").await?;

        // A wrong agreement id: its own message, and no way on.
        app.js_click("wizard-posti-test").await?;
        app.wait_for_testid("posti-reach-missing", SHORT).await?;
        let text = app.body_text().await?;
        ensure!(text.contains("The key cannot place orders for 999999"), "{text}");
        ensure!(!text.contains(&key), "the key is never shown back");
        ensure!(disabled(app, "wizard-next").await?, "Next waits for a good test");
        app.screenshot("02-wrong-agreement").await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["company"]["name"] == "Virtanen Oy" && st["account"]["provider"] == "posti", "{st}");
        ensure!(st["account"]["has_secret"] == true, "the key is in the keychain: {st}");

        // The right one: the test succeeds and names the agreement.
        let ids = testid("wizard-posti-agreements");
        app.wait_for(&ids, SHORT).await?.clear().await?;
        app.type_into(&ids, &agreement).await?;
        app.js_click("wizard-posti-test").await?;
        app.wait_for_testid("posti-reach-ok", SHORT).await?;
        ensure!(app.text(&testid("posti-reached")).await?.contains(&agreement));
        app.screenshot("03-test-ok").await?;
        ensure!(!disabled(app, "wizard-next").await?);
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-done", SHORT).await?;
        app.js_click("wizard-finish").await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["settings"]["posti"]["agreement_ids"] == json!([agreement]), "{st}");
        ensure!(!st.to_string().contains(&key), "no key over IPC");

        // The Send desk says why Send is off, before and after a letter is dropped;
        // the letter is checked and previewed (Posti's assumed window), not sent.
        app.click(&testid("nav-send")).await?;
        app.wait_for_testid("send-no-letters", SHORT).await?;
        ensure!(app.text(&testid("send-no-letters")).await?.contains("does not print letters"));
        app.screenshot("04a-empty-desk").await?;
        let pdf = app.data_dir().parent().unwrap().join("Lasku 2026-5.pdf");
        let mut spec = postdesk_pdf::sample::LetterSpec::to(&["Matti Meikäläinen", "Mannerheimintie 1", "00100 Helsinki"]);
        spec.sender_line = Some("Virtanen Oy · Aleksanterinkatu 1 · 00100 Helsinki".into());
        // Posti's (assumed) window: 20–110 mm from the left, 40–85 mm from the top.
        spec.address_at_mm = (24.0, 41.0);
        std::fs::write(&pdf, postdesk_pdf::sample::letter(&spec))?;
        app.drop_until_row(&pdf).await?;
        ensure!(app.text(&testid("letter-row")).await?.contains("Matti"), "the address read from the window");
        wait_text(app, "the Send bar's reason", "does not print letters").await?;
        ensure!(disabled(app, "send-button").await?, "Send is off for Posti");
        app.screenshot("04-send-desk").await?;
        let letters: Vec<serde_json::Value> = reqwest::get(format!("{sim}/_sim/letters")).await?.json().await?;
        ensure!(letters.is_empty(), "nothing at the provider: {letters:?}");

        // Finnish: Setup with the test, then the guide in the assistant.
        app.click(&testid("nav-settings")).await?;
        app.pick_option("settings-language", "Suomi").await?;
        app.click(&testid("nav-setup")).await?;
        app.wait_for_testid("posti-access", SHORT).await?;
        app.js_click("setup-test-connection").await?;
        app.wait_for_testid("posti-reach-ok", SHORT).await?;
        wait_text(app, "Setup in Finnish", FI_TEST_OK).await?;
        app.screenshot("05-setup-suomi").await?;
        app.js_click("setup-run-wizard").await?;
        app.js_click("wizard-choose-account").await?;
        app.wait_for_testid("posti-guide", SHORT).await?;
        wait_text(app, "the guide in Finnish", FI_GUIDE_TITLE).await?;
        app.screenshot("06-guide-suomi").await?;
        Ok(())
    })
    .await
}

/// `posti.testOk` and `posti.guideTitle` in `ui/src/i18n/fi.ts`.
const FI_TEST_OK: &str = "Avain toimii ja kattaa kaikki antamasi sopimukset.";
const FI_GUIDE_TITLE: &str = "Luo API-avain OmaPosti Prossa";
