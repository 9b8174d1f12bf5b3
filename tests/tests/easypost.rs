//! EasyPost Connect in the real window, on Postdesk's sandbox: Setup → New
//! company → EasyPost (the simulator's key filled in by itself) → Test
//! connection lists the account's workflows → a postal single-file workflow
//! picked and saved → a Belgian letter dropped (address in EasyPost's right
//! window) → Send → the job list follows the job until its sending event is
//! final → the job's drawer shows the delivery and downloads its proof of
//! delivery (ePod) as a PDF into the data folder. Then the drawer and Setup in
//! French. The simulator holds exactly one job with the letter. Screenshots in
//! artifacts/e2e/easypost/.
use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use serde_json::{json, Value};

async fn sim_letters(app: &App) -> anyhow::Result<Vec<Value>> {
    let status = app.invoke("app_status", json!({})).await?;
    let url = status["sandbox_url"].as_str().context("sandbox url")?;
    let letters: Vec<Value> = reqwest::get(format!("{url}/_sim/letters")).await?.json().await?;
    Ok(letters.into_iter().filter(|l| l["provider"] == "easypost").collect())
}

async fn sim_key(app: &App) -> anyhow::Result<String> {
    let status = app.invoke("app_status", json!({})).await?;
    let url = status["sandbox_url"].as_str().context("sandbox url")?;
    let creds: Value = reqwest::get(format!("{url}/_sim/credentials")).await?.json().await?;
    Ok(creds["easypost"]["api_key"].as_str().context("key")?.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn easypost_company_in_the_sandbox_picks_a_workflow_sends_and_downloads_the_proof() -> anyhow::Result<()> {
    with_app("easypost", async |app| {
        app.click(&testid("nav-setup")).await?;
        app.js_click("setup-new-company").await?;
        app.wait_for_testid("new-company-name", SHORT).await?;
        app.type_into(&testid("new-company-name"), "Peeters BV").await?;
        app.pick_option("new-company-provider", "EasyPost").await?;
        app.wait_for_testid("new-company-in-sandbox", SHORT).await?;
        ensure!(app.checked("new-company-in-sandbox").await?, "the sandbox is the default for a new EasyPost company");
        app.js_click("new-company-create").await?;
        app.wait_until("the EasyPost setup", SHORT, || async {
            Ok(app.text(&testid("setup-company")).await?.contains("Peeters BV").then_some(()))
        })
        .await?;
        app.wait_for_testid("easypost-sandbox-note", SHORT).await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["provider"] == "easypost" && st["environment"] == "sandbox", "{st}");
        ensure!(st["account"]["has_secret"] == true, "the simulator's key is in the keychain: {st}");
        ensure!(st["provider"]["home_country"] == "BE", "{st}");
        ensure!(!st.to_string().contains(&sim_key(app).await?), "the key never crosses to the window");
        app.screenshot("01-easypost-setup").await?;

        // Test connection: the workflows, the unusable ones greyed out; pick a postal one.
        app.js_click("easypost-test").await?;
        app.wait_for_testid("easypost-reach-ok", SHORT).await?;
        let usable = app
            .execute(
                "return [...document.querySelectorAll('[data-testid^=easypost-workflow-][data-usable]')].map(e => [e.getAttribute('data-testid'), e.getAttribute('data-usable'), e.innerText]);",
                vec![],
            )
            .await?;
        let rows = usable.as_array().context("workflow rows")?;
        ensure!(rows.iter().any(|r| r[1] == "false"), "some workflows cannot take a letter: {usable}");
        let reach = app.invoke("easypost_test_connection", json!({})).await?;
        let postal = reach["workflows"]
            .as_array()
            .context("workflows")?
            .iter()
            .find(|w| w["type"] == "SINGLE_FILE" && w["status"] == "ACTIVE" && w["channels"][0] == "POSTAL_MAIL")
            .context("a postal single-file workflow")?
            .clone();
        let id = postal["id"].as_str().context("id")?;
        let name = postal["name"].as_str().context("name")?;
        app.js_click(&format!("easypost-workflow-{id}")).await?;
        app.screenshot("02-workflows").await?;
        app.js_click("easypost-save").await?;
        app.wait_until("saved", SHORT, || async { Ok(app.body_text().await?.contains("Setup saved").then_some(())) }).await?;
        let saved = app.text(&testid("easypost-workflow-saved")).await?;
        ensure!(saved.contains(name), "the saved workflow is shown by name: {saved}");
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["settings"]["easypost"]["workflow_id"] == id, "{st}");

        // A Belgian letter, its address in EasyPost's window.
        let mut spec = postdesk_pdf::sample::LetterSpec::to(&["Jan Peeters", "Kerkstraat 12", "2000 Antwerpen"]);
        spec.address_at_mm = (105.0, 44.0);
        let pdf = app.data_dir().parent().unwrap().join("Factuur 2026-31.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::letter(&spec))?;
        app.click(&testid("nav-send")).await?;
        app.wait_for_testid("dropzone", SHORT).await?;
        app.drop_until_row(&pdf).await?;
        let row = app.text(&testid("letter-row")).await?;
        ensure!(row.contains("Jan Peeters"), "the address read from EasyPost's window: {row}");
        app.screenshot("03-desk-with-easypost-zones").await?;
        app.js_click("send-button").await?;
        if app.wait_for_testid("dialog-send", std::time::Duration::from_secs(2)).await.is_ok() {
            app.js_click("dialog-send").await?;
        }

        // The job list follows the job until its sending event is final.
        app.click(&testid("nav-jobs")).await?;
        app.wait_until("the job is sent", LONG, || async {
            let s = app
                .execute("return document.querySelector('[data-testid=job-status]')?.getAttribute('data-state');", vec![])
                .await?;
            Ok((s == json!("sent")).then_some(()))
        })
        .await?;
        let jobs = sim_letters(app).await?;
        ensure!(jobs.len() == 1, "exactly one job at the simulator: {jobs:?}");

        // The drawer: the delivery, final, with its proof of delivery.
        app.js_click("job-row").await?;
        app.wait_for_testid("job-deliveries", SHORT).await?;
        let delivery = app
            .wait_until("the delivery is final with its ePod", LONG, || async {
                let v = app
                    .execute(
                        "const r = document.querySelector('[data-testid^=delivery-][data-state]'); if (!r) return null; const id = r.getAttribute('data-testid').slice('delivery-'.length); return {id, state: r.getAttribute('data-state'), status: r.getAttribute('data-status'), epod: !!document.querySelector(`[data-testid=\"delivery-epod-${id}\"]`)};",
                        vec![],
                    )
                    .await?;
                Ok((v["state"] == "sent" && v["epod"] == true).then_some(v))
            })
            .await?;
        let did = delivery["id"].as_str().context("delivery id")?.to_string();
        let text = app.text(&testid(&format!("delivery-{did}"))).await?;
        ensure!(text.contains("Posted") || text.contains("Delivered"), "the status in words: {text}");
        ensure!(text.contains("Jan Peeters"), "the recipient as the provider read it: {text}");
        app.execute("document.querySelector('[data-testid=job-deliveries]').scrollIntoView();", vec![]).await?;
        app.screenshot("04-job-drawer-delivery").await?;
        app.js_click(&format!("delivery-epod-{did}")).await?;
        let proofs = app.data_dir().join("deliveries");
        let proof = app
            .wait_until("the proof of delivery saved", SHORT, || async {
                let found = std::fs::read_dir(&proofs).ok().and_then(|d| {
                    d.filter_map(Result::ok).map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "pdf"))
                });
                Ok(found)
            })
            .await?;
        ensure!(std::fs::read(&proof)?.starts_with(b"%PDF-"), "the ePod is a PDF: {}", proof.display());
        app.screenshot("05-epod-downloaded").await?;

        // The same drawer and Setup in French (Belgian clerks).
        close_drawer(app).await?;
        app.click(&testid("nav-settings")).await?;
        app.pick_option("settings-language", "Français").await?;
        app.click(&testid("nav-jobs")).await?;
        app.js_click("job-row").await?;
        app.wait_for_testid("job-deliveries", SHORT).await?;
        app.wait_until("the drawer in French", SHORT, || async {
            let t = app.text(&testid("job-deliveries")).await?;
            Ok((t.contains("Posté") || t.contains("Distribué") || t.contains("preuve")).then_some(()))
        })
        .await?;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await; // the drawer's slide-in
        app.screenshot("06-job-drawer-francais").await?;
        close_drawer(app).await?;
        app.click(&testid("nav-setup")).await?;
        app.wait_for_testid("easypost-workflow-saved", SHORT).await?;
        app.screenshot("07-setup-francais").await?;
        // The month's usage, asked again now that Setup is shown: the letter counts.
        let usage = app.wait_for_testid("easypost-usage-POSTAL_MAIL", SHORT).await?;
        let row = usage.text().await?;
        ensure!(row.contains("Imprimé et envoyé par la poste") && row.contains('1'), "this month's postal usage: {row}");
        app.execute("document.querySelector('[data-testid=easypost-usage]').scrollIntoView();", vec![]).await?;
        app.screenshot("08-usage-francais").await?;
        Ok(())
    })
    .await
}

async fn close_drawer(app: &App) -> anyhow::Result<()> {
    app.execute("document.querySelector('[role=dialog] .mantine-CloseButton-root')?.click();", vec![]).await?;
    app.wait_until("the drawer closed", SHORT, || async {
        Ok((app.execute("return document.querySelector('[role=dialog]') === null;", vec![]).await? == json!(true)).then_some(()))
    })
    .await
}
