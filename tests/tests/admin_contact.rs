//! "Change administrator contact" in the real window, on the sandbox: a new e-mail
//! confirmed with the code the SMS to the CURRENT mobile carries, a new mobile with
//! the code the e-mail to the CURRENT address carries (both read in the Sandbox
//! inbox screen), a wrong code first, and the test messages reaching the new
//! contact. Screenshots land in artifacts/e2e/<test>/.
use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, SHORT};
use serde_json::{json, Value};

/// The inbox screen's messages, newest first: (text of the card, code digits).
async fn inbox(app: &App) -> anyhow::Result<Vec<(String, Option<String>)>> {
    let v: Value = app
        .execute(
            "return [...document.querySelectorAll('[data-testid=inbox-message]')].map(m => \
               [m.innerText, m.querySelector('[data-testid=inbox-code]')?.innerText ?? null]);",
            vec![],
        )
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .map(|m| {
                    let code = m[1].as_str().map(|c| c.chars().filter(char::is_ascii_digit).collect());
                    (m[0].as_str().unwrap_or("").to_string(), code)
                })
                .collect()
        })
        .unwrap_or_default())
}

/// The number of messages once the inbox screen has loaded (the sandbox's own
/// onboarding sent one at first start).
async fn inbox_loaded(app: &App) -> anyhow::Result<usize> {
    app.click(&testid("nav-inbox")).await?;
    app.wait_until("the inbox loaded", SHORT, || async {
        let n = inbox(app).await?.len();
        Ok((n > 0).then_some(n))
    })
    .await
}

/// Waits for a message beyond the first `before` ones and returns it (newest).
async fn new_message(app: &App, before: usize) -> anyhow::Result<(String, Option<String>)> {
    app.click(&testid("nav-inbox")).await?;
    app.wait_until("a new message in the inbox", SHORT, || async {
        app.click(&testid("inbox-refresh")).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let msgs = inbox(app).await?;
        Ok((msgs.len() > before).then(|| msgs[0].clone()))
    })
    .await
}

async fn open_change(app: &App, item: &str) -> anyhow::Result<()> {
    app.click(&testid("nav-setup")).await?;
    app.wait_until(&format!("the menu item {item}"), SHORT, || async {
        if app.execute("return !!document.querySelector(`[data-testid=${arguments[0]}]`);", vec![json!(item)]).await? == json!(true) {
            return Ok(Some(()));
        }
        app.js_click("admin-change").await?;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        Ok(None)
    })
    .await?;
    app.js_click(item).await?;
    app.wait_for_testid("contact-new-value", SHORT).await?;
    Ok(())
}

fn other_than(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

async fn close_gone(app: &App) -> anyhow::Result<()> {
    app.wait_until("the dialog closes", SHORT, || async {
        let gone = app.execute("return !document.querySelector('[data-testid=contact-code]');", vec![]).await? == json!(true);
        Ok(gone.then_some(()))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn change_admin_email_with_the_sms_code_from_the_sandbox_inbox() -> anyhow::Result<()> {
    with_app("admin_contact_email", async |app| {
        let before = inbox_loaded(app).await?;
        app.click(&testid("nav-setup")).await?;
        app.wait_for_testid("admin-change", SHORT).await?;
        app.execute("document.querySelector('[data-testid=setup-admin]').scrollIntoView();", vec![]).await?;
        ensure!(app.value("admin-email").await? == "as registered with Deutsche Post");
        app.screenshot("01-admin-section").await?;

        open_change(app, "admin-change-email").await?;
        let warning = app.text(&testid("contact-warning")).await?;
        ensure!(warning.contains("registered mobile phone"), "{warning}");
        // Field check first: nothing goes out for a bad address.
        app.type_into(&testid("contact-new-value"), "neu@firma").await?;
        app.js_click("contact-ok").await?;
        app.wait_until("the e-mail field message", SHORT, || async {
            Ok(app.body_text().await?.contains("Enter a valid e-mail address").then_some(()))
        })
        .await?;
        app.screenshot("02-email-field-check").await?;
        app.type_into(&testid("contact-new-value"), ".de").await?;
        app.js_click("contact-ok").await?;
        app.wait_for_testid("contact-code", SHORT).await?;
        ensure!(app.text(&testid("contact-code-sent")).await?.contains("SMS"));
        app.screenshot("03-email-code-requested").await?;

        // The code came by SMS to the current mobile (not to the new address).
        let (text, code) = new_message(app, before).await?;
        let code = code.context("the SMS carries a code")?;
        ensure!(text.contains("SMS") && text.contains("To +49 170"), "an SMS to the current mobile: {text}");
        ensure!(text.contains("neu@firma.de"), "{text}");
        app.screenshot("04-inbox-sms-code").await?;

        // A wrong code: a clear message, the dialog stays, nothing changed.
        app.click(&testid("nav-setup")).await?;
        app.type_into(&testid("contact-code"), other_than(&code)).await?;
        app.js_click("contact-ok").await?;
        app.wait_until("the wrong-code message", SHORT, || async {
            Ok(app.body_text().await?.contains("The code is not correct").then_some(()))
        })
        .await?;
        ensure!(app.value("admin-email").await? == "as registered with Deutsche Post", "nothing saved");
        app.screenshot("05-wrong-code").await?;

        app.wait_for_testid("contact-code", SHORT).await?.clear().await?;
        app.type_into(&testid("contact-code"), &code).await?;
        app.js_click("contact-ok").await?;
        close_gone(app).await?;
        app.wait_until("the new e-mail shown", SHORT, || async {
            Ok((app.value("admin-email").await? == "neu@firma.de").then_some(()))
        })
        .await?;
        ensure!(app.body_text().await?.contains("The administrator e-mail address is now neu@firma.de"));
        app.screenshot("06-email-changed").await?;

        // The provider has it: its test e-mail goes to the new address.
        let before = inbox_loaded(app).await?;
        app.click(&testid("nav-setup")).await?;
        app.js_click("admin-test-email").await?;
        let (text, _) = new_message(app, before).await?;
        ensure!(text.contains("To neu@firma.de") && text.contains("test e-mail"), "{text}");
        app.screenshot("07-test-email-to-new-address").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn change_admin_mobile_with_the_email_code_from_the_sandbox_inbox() -> anyhow::Result<()> {
    with_app("admin_contact_mobile", async |app| {
        let before = inbox_loaded(app).await?;
        open_change(app, "admin-change-mobile").await?;
        ensure!(app.text(&testid("contact-warning")).await?.contains("registered e-mail account"));
        app.type_into(&testid("contact-new-value"), "0171 12ab").await?;
        app.js_click("contact-ok").await?;
        app.wait_until("the mobile field message", SHORT, || async {
            Ok(app.body_text().await?.contains("Enter a mobile number with 6 to 20 digits").then_some(()))
        })
        .await?;
        app.screenshot("01-mobile-field-check").await?;
        app.wait_for_testid("contact-new-value", SHORT).await?.clear().await?;
        app.type_into(&testid("contact-new-value"), "+49 171 2345678").await?;
        app.js_click("contact-ok").await?;
        app.wait_for_testid("contact-code", SHORT).await?;
        ensure!(app.text(&testid("contact-code-sent")).await?.contains("e-mail"));

        // The code came by e-mail to the current address.
        let (text, code) = new_message(app, before).await?;
        let code = code.context("the e-mail carries a code")?;
        ensure!(text.to_lowercase().contains("e-mail") && text.contains("To admin-5000000001@sandbox.invalid"), "{text}");
        app.screenshot("02-inbox-email-code").await?;

        app.click(&testid("nav-setup")).await?;
        app.type_into(&testid("contact-code"), other_than(&code)).await?;
        app.js_click("contact-ok").await?;
        app.wait_until("the wrong-code message", SHORT, || async {
            Ok(app.body_text().await?.contains("The code is not correct").then_some(()))
        })
        .await?;
        app.wait_for_testid("contact-code", SHORT).await?.clear().await?;
        app.type_into(&testid("contact-code"), &code).await?;
        app.js_click("contact-ok").await?;
        close_gone(app).await?;
        app.wait_until("the new mobile shown", SHORT, || async {
            Ok((app.value("admin-mobile").await? == "+49 171 2345678").then_some(()))
        })
        .await?;
        app.screenshot("03-mobile-changed").await?;

        // The provider has it: its test SMS goes to the new number.
        let before = inbox_loaded(app).await?;
        app.click(&testid("nav-setup")).await?;
        app.js_click("admin-test-mobile").await?;
        let (text, _) = new_message(app, before).await?;
        ensure!(text.contains("To +49 171 2345678"), "{text}");
        let contact = app.invoke("epost_admin_contact", json!({})).await?;
        ensure!(contact["mobile"] == "+49 171 2345678" && contact["email"].is_null(), "{contact}");
        Ok(())
    })
    .await
}
