//! The first-run setup assistant in the real window: it opens by itself on a fresh
//! data folder (this test starts the app WITHOUT `POSTDESK_SKIP_WIZARD`), the
//! sandbox path, the sending defaults with the duplex/registered rule, a test
//! letter that shows up in the job list, and reopening it from Settings.
use anyhow::ensure;
use postdesk_e2e::{testid, with_app_first_run, App, LONG, SHORT};
use serde_json::json;

async fn wizard_open(app: &App) -> anyhow::Result<bool> {
    Ok(app.execute("return !!document.querySelector('[data-testid=wizard-choose-sandbox], [data-testid=wizard-step-defaults]');", vec![]).await? == json!(true))
}

/// Waits for the assistant's test letter and until its status has moved past "queued".
async fn test_letter_moves_on(app: &App) -> anyhow::Result<()> {
    app.wait_for_testid("wizard-test-letter", SHORT).await?;
    app.wait_until("the test letter moves on", LONG, || async {
        let s = app
            .execute("return document.querySelector('[data-testid=wizard-test-letter] [data-testid=job-status]')?.dataset.state ?? null;", vec![])
            .await?;
        Ok(matches!(s.as_str(), Some("accepted" | "released" | "printing" | "sent")).then_some(()))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_start_sandbox_defaults_test_letter_and_reopen() -> anyhow::Result<()> {
    with_app_first_run("wizard", async |app| {
        // It opens by itself on a first start.
        app.wait_for_testid("wizard-choose-sandbox", SHORT).await?;
        ensure!(app.body_text().await?.contains("Welcome to Postdesk"));
        app.screenshot("01-welcome").await?;

        app.js_click("wizard-choose-sandbox").await?;
        app.wait_for_testid("wizard-sandbox-ready", SHORT).await?;
        app.screenshot("02-sandbox-ready").await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-password-ready", SHORT).await?;
        app.js_click("wizard-next").await?;

        // Defaults: colour and duplex on; registered then only offers "No", with the reason.
        app.wait_for_testid("wizard-duplex", SHORT).await?;
        app.js_click("wizard-color").await?;
        app.js_click("wizard-duplex").await?;
        app.wait_for_testid("wizard-conflict-reason", SHORT).await?;
        ensure!(app.body_text().await?.contains("Only “No” while duplex is on"));
        app.screenshot("03-defaults").await?;
        app.js_click("wizard-next").await?;

        // Saved in the core.
        app.wait_for_testid("wizard-send-test", SHORT).await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["defaults"]["color"] == true && st["account"]["defaults"]["duplex"] == true, "{st}");
        ensure!(st["account"]["defaults"]["registered"] == "none", "{st}");

        // The test letter: queued, then it moves on by itself.
        app.js_click("wizard-send-test").await?;
        test_letter_moves_on(app).await?;
        app.screenshot("04-test-letter").await?;

        // "Open in Jobs": the assistant closes (and is done), the letter is in the list.
        app.js_click("wizard-open-jobs").await?;
        app.wait_until("the job list with the test letter", SHORT, || async {
            let rows = app
                .execute("return [...document.querySelectorAll('[data-testid=job-row]')].map(r => r.innerText).join('\\n');", vec![])
                .await?;
            Ok(rows.as_str().is_some_and(|r| r.contains("Postdesk-test-letter")).then_some(()))
        })
        .await?;
        ensure!(!wizard_open(app).await?, "the assistant is closed");
        ensure!(app.invoke("wizard_pending", json!({})).await? == json!(false), "marked done");
        app.screenshot("05-jobs").await?;

        // Settings opens it again, at the welcome step; closing leaves everything as it was.
        app.click(&testid("nav-settings")).await?;
        app.js_click("settings-run-wizard").await?;
        app.wait_for_testid("wizard-choose-sandbox", SHORT).await?;
        app.screenshot("06-reopened").await?;
        app.execute("document.querySelector('[data-testid=wizard] .mantine-Modal-close').click(); return null;", vec![]).await?;
        app.wait_until("the assistant closes", SHORT, || async { Ok((!wizard_open(app).await?).then_some(())) }).await?;
        let jobs = app.invoke("list_jobs", json!({})).await?;
        ensure!(jobs.as_array().map(|a| a.len()) == Some(1), "one test letter: {jobs}");

        // Setup opens it as well.
        app.click(&testid("nav-setup")).await?;
        app.js_click("setup-run-wizard").await?;
        app.wait_for_testid("wizard-choose-sandbox", SHORT).await?;
        app.screenshot("07-reopened-from-setup").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_account_path_checks_the_ekp_and_makes_the_company_in_test_mode() -> anyhow::Result<()> {
    with_app_first_run("wizard_account", async |app| {
        app.js_click("wizard-choose-account").await?;
        app.type_into(&testid("wizard-company"), "Hansen & Partner KG").await?;
        app.type_into(&testid("wizard-ekp"), "123456789").await?;
        app.type_into(&testid("wizard-test-email"), "test@hansen.example").await?;
        app.wait_until("the EKP message at the field", SHORT, || async {
            Ok(app.body_text().await?.contains("The EKP must be exactly 10 characters long.").then_some(()))
        })
        .await?;
        app.js_click("wizard-next").await?;
        ensure!(app.wait_for_testid("wizard-ekp", SHORT).await.is_ok(), "still on the account step");
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["companies"].as_array().map(|a| a.len()) == Some(1), "no company made yet: {st}");
        app.screenshot("01-ekp-check").await?;

        app.type_into(&testid("wizard-ekp"), "0").await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-request-pin", SHORT).await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["company"]["name"] == "Hansen & Partner KG" && st["environment"] == "test", "{st}");
        ensure!(st["account"]["settings"]["epost"]["ekp"] == "1234567890" && st["account"]["settings"]["epost"]["test_email"] == "test@hansen.example", "{st}");
        ensure!(app.body_text().await?.contains("Send the SMS PIN"));
        app.screenshot("02-password-step").await?;

        // Back keeps what was entered; closing half-way leaves the company as saved.
        app.js_click("wizard-back").await?;
        app.wait_until("the account step again", SHORT, || async {
            let v = app.execute("return document.querySelector('[data-testid=wizard-company]')?.value ?? null;", vec![]).await?;
            Ok((v == json!("Hansen & Partner KG")).then_some(()))
        })
        .await?;
        app.execute("document.querySelector('[data-testid=wizard] .mantine-Modal-close').click(); return null;", vec![]).await?;
        app.wait_until("the assistant closes", SHORT, || async { Ok((!wizard_open(app).await?).then_some(())) }).await?;
        let env = app.execute("return document.querySelector('[data-testid=env-badge]')?.dataset.environment;", vec![]).await?;
        ensure!(env == json!("test"), "TEST MODE badge: {env}");
        app.screenshot("03-closed-half-way").await?;
        Ok(())
    })
    .await
}

/// The whole own-account path: EKP, the password by SMS PIN (read from the sandbox
/// inbox, as a clerk would read the phone), defaults, and the test letter, which
/// goes in test mode to the provider under the new EKP. (This build points real
/// accounts at the sandbox's simulator: `POSTDESK_E2E_REAL_API_ON_SANDBOX`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_account_password_by_sms_pin_defaults_and_test_letter() -> anyhow::Result<()> {
    with_app_first_run("wizard_account_full", async |app| {
        app.js_click("wizard-choose-account").await?;
        app.type_into(&testid("wizard-company"), "Nordlicht GmbH").await?;
        app.type_into(&testid("wizard-ekp"), "7300000042").await?;
        app.type_into(&testid("wizard-test-email"), "post@nordlicht.example").await?;
        app.js_click("wizard-next").await?;

        // Password step: the SMS PIN goes to the account's admin mobile.
        app.js_click("wizard-request-pin").await?;
        app.wait_for_testid("wizard-pin", SHORT).await?;
        let pin = app
            .wait_until("the PIN SMS", SHORT, || async {
                let inbox = app.invoke("sandbox_inbox", json!({})).await?;
                Ok(inbox.as_array().and_then(|msgs| {
                    msgs.iter()
                        .filter(|m| m["channel"] == "sms" && m["to"].as_str().is_some_and(|to| to.ends_with("0000042")))
                        .find_map(|m| m["code"].as_str().map(str::to_string))
                }))
            })
            .await?;
        app.screenshot("01-pin-requested").await?;
        // A password too short is caught at the field, before any call.
        app.type_into(&testid("wizard-pin"), &pin).await?;
        app.type_into(&testid("wizard-new-password"), "abc").await?;
        app.type_into(&testid("wizard-repeat-password"), "abc").await?;
        app.js_click("wizard-password-ok").await?;
        app.wait_until("the password-length message", SHORT, || async {
            Ok(app.body_text().await?.contains("The password must have 5 to 100 characters.").then_some(()))
        })
        .await?;
        ensure!(app.invoke("app_status", json!({})).await?["account"]["has_password"] == false, "nothing saved yet");
        app.screenshot("02-password-too-short").await?;
        for id in ["wizard-new-password", "wizard-repeat-password"] {
            app.wait_for_testid(id, SHORT).await?.clear().await?;
            app.type_into(&testid(id), "Nordlicht-2026!").await?;
        }
        app.js_click("wizard-password-ok").await?;
        app.wait_for_testid("wizard-cover-letter", LONG).await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["has_password"] == true && st["account"]["has_secret"] == true, "password and secret stored: {st}");
        ensure!(st["company"]["name"] == "Nordlicht GmbH" && st["environment"] == "test", "{st}");
        app.screenshot("03-defaults").await?;

        // Defaults: a cover letter by default.
        app.js_click("wizard-cover-letter").await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-send-test", SHORT).await?;
        ensure!(app.invoke("app_status", json!({})).await?["account"]["defaults"]["cover_letter"] == true);

        app.js_click("wizard-send-test").await?;
        test_letter_moves_on(app).await?;
        app.screenshot("04-test-letter").await?;

        // At the provider: under the new EKP, in test mode, with the cover letter.
        let sandbox_id = st["companies"].as_array().and_then(|cs| cs.iter().find(|c| c["is_sandbox"] == true)).map(|c| c["id"].clone());
        let sandbox = app.invoke("switch_company", json!({ "id": sandbox_id })).await?;
        let sim = sandbox["sandbox_url"].as_str().unwrap_or_default().to_string();
        ensure!(sim.starts_with("http://127.0.0.1:"), "the sandbox's simulator: {sandbox}");
        let letters: Vec<serde_json::Value> = reqwest::get(format!("{sim}/_sim/letters")).await?.json().await?;
        let ours: Vec<_> = letters.iter().filter(|l| l["ekp"] == "7300000042").collect();
        ensure!(ours.len() == 1, "one letter under the new EKP: {letters:?}");
        ensure!(ours[0]["testFlag"] == true, "sent in test mode: {:?}", ours[0]);
        ensure!(ours[0]["coverLetter"] == true, "with the chosen default: {:?}", ours[0]);
        ensure!(ours[0]["testEMail"] == "post@nordlicht.example", "{:?}", ours[0]);
        Ok(())
    })
    .await
}

/// The own-account path with Ekopost: the provider chosen in the assistant, the
/// API key typed (a wrong one first: the connection test says so and nothing
/// moves on), no password step, defaults, and a test letter on Ekopost's sandbox
/// host. (This build points that host at the sandbox's simulator.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_ekopost_account_by_api_key_defaults_and_test_letter() -> anyhow::Result<()> {
    with_app_first_run("wizard_ekopost", async |app| {
        let st = app.invoke("app_status", json!({})).await?;
        let sim = st["sandbox_url"].as_str().unwrap_or_default().to_string();
        let creds: serde_json::Value = reqwest::get(format!("{sim}/_sim/credentials")).await?.json().await?;
        let key = creds["ekopost"]["api_key"].as_str().unwrap_or_default().to_string();
        ensure!(key.len() >= 20, "the simulator's key: {creds}");

        app.js_click("wizard-choose-account").await?;
        app.pick_option("wizard-provider", "Ekopost").await?;
        app.wait_for_testid("wizard-ekopost-key", SHORT).await?;
        app.type_into(&testid("wizard-company"), "Nordsjö AB").await?;
        app.type_into(&testid("wizard-ekopost-key"), "not-the-key").await?;
        app.screenshot("01-ekopost-account").await?;
        app.js_click("wizard-next").await?;
        app.wait_until("the sign-in failure", SHORT, || async {
            Ok(app.body_text().await?.contains("the sign-in failed").then_some(()))
        })
        .await?;
        ensure!(!app.body_text().await?.contains("not-the-key"), "the key is never shown back");
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["company"]["name"] == "Nordsjö AB" && st["account"]["provider"] == "ekopost", "{st}");
        ensure!(st["environment"] == "test", "Ekopost's sandbox host is the test: {st}");
        app.screenshot("02-wrong-key").await?;

        app.wait_for_testid("wizard-ekopost-key", SHORT).await?.clear().await?;
        app.type_into(&testid("wizard-ekopost-key"), &key).await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-password-ready", SHORT).await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-color", SHORT).await?;
        app.js_click("wizard-color").await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-send-test", SHORT).await?;
        app.js_click("wizard-send-test").await?;
        test_letter_moves_on(app).await?;
        app.screenshot("03-test-letter").await?;

        let letters: Vec<serde_json::Value> = reqwest::get(format!("{sim}/_sim/letters")).await?.json().await?;
        let ours: Vec<_> = letters.iter().filter(|l| l["provider"] == "ekopost").collect();
        ensure!(ours.len() == 1, "one envelope at Ekopost's (simulated) sandbox: {letters:?}");
        let text = ours[0].to_string();
        ensure!(text.contains("Nordsjö AB"), "addressed to the company: {text}");
        ensure!(ours[0]["color"] == true || ours[0]["color"] == "true", "with the chosen default: {text}");
        Ok(())
    })
    .await
}
