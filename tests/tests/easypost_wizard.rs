//! EasyPost Connect on the setup assistant's own-account path, in the real
//! window (the test build lets the simulator stand in for EasyPost's host):
//! company name, the development host, the key (the simulator's, as a clerk
//! would paste it), Test connection lists the workflows, Next waits until a
//! usable one is picked, and the company is saved with it — the key never comes
//! back over IPC. Screenshots land in artifacts/e2e/easypost_wizard/.
use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app_first_run, SHORT};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn easypost_own_account_in_the_assistant_tests_the_key_and_picks_a_workflow() -> anyhow::Result<()> {
    with_app_first_run("easypost_wizard", async |app| {
        let st = app.invoke("app_status", json!({})).await?;
        let sim = st["sandbox_url"].as_str().unwrap_or_default().to_string();
        let creds: serde_json::Value = reqwest::get(format!("{sim}/_sim/credentials")).await?.json().await?;
        let key = creds["easypost"]["api_key"].as_str().context("the simulator's EasyPost key")?.to_string();

        app.js_click("wizard-choose-account").await?;
        app.pick_option("wizard-provider", "EasyPost").await?;
        app.wait_for_testid("wizard-easypost-key", SHORT).await?;
        app.type_into(&testid("wizard-company"), "Dubois SRL").await?;
        app.js_click("wizard-easypost-host-development").await?;
        app.type_into(&testid("wizard-easypost-key"), &key).await?;
        ensure!(
            app.execute("return document.querySelector('[data-testid=wizard-next]').disabled;", vec![]).await? == json!(true),
            "Next waits for a good test"
        );
        app.screenshot("01-key").await?;

        app.js_click("wizard-easypost-test").await?;
        app.wait_for_testid("wizard-easypost-reach-ok", SHORT).await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["account"]["provider"] == "easypost" && st["environment"] == "test", "development host = test: {st}");
        ensure!(st["account"]["has_secret"] == true && !st.to_string().contains(&key), "the key in the keychain only: {st}");
        let reach = app.invoke("easypost_test_connection", json!({})).await?;
        let w = reach["workflows"]
            .as_array()
            .context("workflows")?
            .iter()
            .find(|w| w["type"] == "SINGLE_FILE" && w["status"] == "ACTIVE")
            .context("a usable workflow")?
            .clone();
        let id = w["id"].as_str().context("id")?;
        app.js_click(&format!("wizard-easypost-workflow-{id}")).await?;
        app.wait_until("Next is on", SHORT, || async {
            let off = app.execute("return document.querySelector('[data-testid=wizard-next]').disabled;", vec![]).await?;
            Ok((off == json!(false)).then_some(()))
        })
        .await?;
        app.screenshot("02-workflow-picked").await?;
        app.js_click("wizard-next").await?;
        app.wait_for_testid("wizard-done", SHORT).await?;
        app.screenshot("03-done").await?;
        app.js_click("wizard-finish").await?;
        let st = app.invoke("app_status", json!({})).await?;
        ensure!(st["company"]["name"] == "Dubois SRL", "{st}");
        ensure!(st["account"]["settings"]["easypost"]["workflow_id"] == id, "the picked workflow is saved: {st}");
        Ok(())
    })
    .await
}
