//! The E-POST setup in the real window, on the sandbox: the password set through
//! the SMS PIN read from the Sandbox inbox screen, the duplex/registered rule, and
//! copying the access data to a second company. Screenshots land in
//! artifacts/e2e/<test>/.
use anyhow::ensure;
use postdesk_e2e::{testid, with_app, App, SHORT};
use serde_json::json;

const VISIBLE_OPTIONS: &str =
    "return [...document.querySelectorAll('[role=option]')].filter(o => o.getClientRects().length > 0).length;";

/// Opens a select and waits until its options show. A click that lands while a
/// modal is still animating in can be lost, so it clicks again until they do.
async fn open_select(app: &App, select: &str) -> anyhow::Result<()> {
    app.wait_until(&format!("the options of {select}"), SHORT, || async {
        if app.execute(VISIBLE_OPTIONS, vec![]).await?.as_u64().unwrap_or(0) > 0 {
            return Ok(Some(()));
        }
        app.click(&testid(select)).await?;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        Ok(None)
    })
    .await
}

async fn pick_option(app: &App, select: &str, label: &str) -> anyhow::Result<()> {
    open_select(app, select).await?;
    app.wait_until(&format!("option {label}"), SHORT, || async {
        let ok = app
            .execute(
                "const o = [...document.querySelectorAll('[role=option]')].find(o => o.getClientRects().length > 0 && o.innerText.trim() === arguments[0]); \
                 if (o) { o.click(); return true; } return false;",
                vec![json!(label)],
            )
            .await?;
        Ok((ok == json!(true)).then_some(()))
    })
    .await
}

/// The codes shown in the sandbox inbox, digits only.
async fn inbox_codes(app: &App) -> anyhow::Result<Vec<String>> {
    let v = app
        .execute("return [...document.querySelectorAll('[data-testid=inbox-code]')].map(e => e.innerText);", vec![])
        .await?;
    Ok(v.as_array()
        .map(|a| a.iter().filter_map(|c| c.as_str()).map(|c| c.chars().filter(char::is_ascii_digit).collect()).collect())
        .unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_password_with_the_pin_from_the_sandbox_inbox() -> anyhow::Result<()> {
    with_app("epost_setup_password", async |app| {
        app.click(&testid("nav-setup")).await?;
        app.wait_for_testid("setup-password", SHORT).await?;
        ensure!(app.value("setup-ekp").await? == "5000000001");
        app.screenshot("01-setup").await?;

        // The codes already in the inbox (the sandbox's own onboarding sent one at
        // first start: wait for the list to load, or "new" would mean "loaded").
        app.click(&testid("nav-inbox")).await?;
        let before = app
            .wait_until("the inbox loaded", SHORT, || async {
                let c = inbox_codes(app).await?;
                Ok((!c.is_empty()).then_some(c))
            })
            .await?;
        app.click(&testid("nav-setup")).await?;

        app.click(&testid("setup-set-password")).await?;
        app.wait_for_testid("pin-input", SHORT).await?;
        app.screenshot("02-pin-dialog").await?;

        // The SMS went to the sandbox inbox: read the new PIN there, dialog still open.
        app.click(&testid("nav-inbox")).await?;
        let pin = app
            .wait_until("a new PIN SMS in the inbox", SHORT, || async {
                app.click(&testid("inbox-refresh")).await?;
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                Ok(inbox_codes(app).await?.into_iter().find(|c| !before.contains(c)))
            })
            .await?;
        ensure!(pin.len() == 6 && pin.chars().all(|c| c.is_ascii_digit()), "a 6-digit PIN, got {pin:?}");
        app.screenshot("03-inbox-with-pin").await?;
        app.click(&testid("nav-setup")).await?;

        // A wrong PIN first: a clear message, nothing saved, dialog stays.
        let wrong = if pin == "000000" { "111111" } else { "000000" };
        app.type_into(&testid("pin-input"), wrong).await?;
        app.type_into(&testid("new-password"), "Sommer-2026!").await?;
        app.type_into(&testid("repeat-password"), "Sommer-2026!").await?;
        app.js_click("password-ok").await?;
        app.wait_until("the wrong-PIN message", SHORT, || async {
            Ok(app.body_text().await?.contains("The PIN is not correct").then_some(()))
        })
        .await?;
        app.screenshot("04-wrong-pin").await?;

        let pin_input = app.wait_for_testid("pin-input", SHORT).await?;
        pin_input.clear().await?;
        app.type_into(&testid("pin-input"), &pin).await?;
        app.js_click("password-ok").await?;
        app.wait_until("the dialog closes with a confirmation", SHORT, || async {
            let gone = app.execute("return !document.querySelector('[data-testid=pin-input]');", vec![]).await? == json!(true);
            Ok((gone && app.body_text().await?.contains("The password is set")).then_some(()))
        })
        .await?;
        ensure!(app.value("setup-password").await?.contains("set"), "password shown masked as set");
        app.screenshot("05-password-set").await?;

        // The stored password and secret log in.
        app.click(&testid("setup-test-connection")).await?;
        app.wait_until("the connection check", SHORT, || async {
            Ok(app.body_text().await?.contains("Connection works").then_some(()))
        })
        .await?;
        app.screenshot("06-connection-ok").await?;

        // Never a secret across the IPC.
        let status = app.invoke("app_status", json!({})).await?;
        let s = status.to_string();
        ensure!(!s.contains("Sommer-2026!") && status["account"].get("secret").is_none(), "{s}");
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplex_and_registered_cannot_be_combined() -> anyhow::Result<()> {
    with_app("epost_setup_conflict", async |app| {
        app.click(&testid("nav-setup")).await?;
        app.wait_for_testid("setup-duplex", SHORT).await?;

        // Duplex on: only "No" can be chosen under registered letter, and it says why.
        app.js_click("setup-duplex").await?;
        open_select(app, "setup-registered").await?;
        let disabled = app
            .execute(
                "const labels = ['No', 'Einschreiben Einwurf', 'Einschreiben', 'Einschreiben Rückschein']; \
                 return [...document.querySelectorAll('[role=option]')].filter(o => o.getClientRects().length > 0).map(o => [o.innerText.trim(), o.hasAttribute('data-combobox-disabled')]).filter(o => labels.includes(o[0]));",
                vec![],
            )
            .await?;
        ensure!(disabled.as_array().map(|a| a.len()) == Some(4), "four options: {disabled}");
        for o in disabled.as_array().unwrap() {
            let none = o[0] == json!("No");
            ensure!(o[1] == json!(!none), "only “No” is selectable with duplex: {disabled}");
        }
        let text = app.body_text().await?;
        ensure!(text.contains("Only “No” while duplex is on"), "the reason at the field");
        ensure!(app.text(&testid("defaults-conflict-reason")).await?.contains("cannot be combined"));
        app.screenshot("01-duplex-blocks-registered").await?;
        pick_option(app, "setup-registered", "No").await?;

        // Registered chosen: duplex is off and cannot be switched on, with the reason.
        app.js_click("setup-duplex").await?;
        pick_option(app, "setup-registered", "Einschreiben").await?;
        let dis = app.execute("return document.querySelector('[data-testid=setup-duplex]').disabled;", vec![]).await?;
        ensure!(dis == json!(true), "duplex is disabled while registered is chosen");
        ensure!(app.body_text().await?.contains("Not available with a registered letter"));
        app.screenshot("02-registered-blocks-duplex").await?;

        app.js_click("setup-save").await?;
        app.wait_until("saved", SHORT, || async { Ok(app.body_text().await?.contains("Setup saved").then_some(())) }).await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["defaults"]["registered"] == "einschreiben" && st["account"]["defaults"]["duplex"] == false, "{st}");

        // The core refuses the combination, too.
        let mut setup = json!({ "epost": st["account"]["settings"]["epost"], "prefs": st["account"]["prefs"], "defaults": st["account"]["defaults"] });
        setup["defaults"]["duplex"] = json!(true);
        let err = app.invoke("save_epost_setup", json!({ "setup": setup })).await.expect_err("refused");
        ensure!(format!("{err:#}").contains("options_duplex_registered"), "{err:#}");

        // Field validation before any call: a 9-character EKP.
        let ekp = app.wait_for_testid("setup-ekp", SHORT).await?;
        ekp.clear().await?;
        app.type_into(&testid("setup-ekp"), "123456789").await?;
        app.wait_until("the EKP message", SHORT, || async {
            Ok(app.body_text().await?.contains("exactly 10 characters long").then_some(()))
        })
        .await?;
        app.screenshot("03-ekp-validation").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_credentials_from_another_company_after_confirmation() -> anyhow::Result<()> {
    with_app("epost_setup_copy", async |app| {
        app.click(&testid("nav-setup")).await?;
        app.click(&testid("setup-new-company")).await?;
        app.type_into(&testid("new-company-name"), "Hansen & Partner KG").await?;
        app.js_click("new-company-create").await?;
        app.wait_until("the new company is current", SHORT, || async {
            Ok(app.text(&testid("setup-company")).await?.contains("Hansen").then_some(()))
        })
        .await?;
        let env = app.execute("return document.querySelector('[data-testid=env-badge]')?.dataset.environment;", vec![]).await?;
        ensure!(env == json!("test"), "a real company starts in test mode: {env}");
        ensure!(app.value("setup-ekp").await?.is_empty());
        ensure!(app.value("setup-password").await? == "not set");
        app.screenshot("01-new-company").await?;

        // Own options first, so we can see they survive the copy.
        app.js_click("setup-color").await?;
        app.type_into(&testid("setup-ekp"), "9999999999").await?;
        app.type_into(&testid("setup-test-email"), "test@hansen.example").await?;
        app.js_click("setup-save").await?;
        app.wait_until("saved", SHORT, || async { Ok(app.body_text().await?.contains("Setup saved").then_some(())) }).await?;

        app.click(&testid("setup-copy-credentials")).await?;
        pick_option(app, "copy-from", "Sandbox").await?;
        let warning = app.text(&testid("copy-warning")).await?;
        ensure!(warning.contains("overwrites the access data of “Hansen & Partner KG”"), "{warning}");
        ensure!(warning.contains("only the access data"), "{warning}");
        app.screenshot("02-copy-confirmation").await?;
        app.js_click("copy-confirm").await?;
        app.wait_until("the access data arrived", SHORT, || async {
            Ok((app.value("setup-ekp").await? == "5000000001").then_some(()))
        })
        .await?;
        ensure!(app.value("setup-password").await?.contains("set") && app.value("setup-secret").await?.contains("set"));
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["defaults"]["color"] == true, "own options kept: {st}");
        ensure!(st["account"]["settings"]["epost"]["test_email"] == "test@hansen.example", "{st}");
        app.screenshot("03-copied").await?;

        // The switcher goes back to the sandbox.
        pick_option(app, "company-switcher", "Sandbox").await?;
        app.wait_until("back on the sandbox", SHORT, || async {
            Ok(app.text(&testid("setup-company")).await?.contains("Sandbox").then_some(()))
        })
        .await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["environment"] == "sandbox" && st["account"]["defaults"]["color"] == false, "{st}");
        app.screenshot("04-switched-back").await?;
        Ok(())
    })
    .await
}
