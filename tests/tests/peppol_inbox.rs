//! The Peppol inbox of an EasyPost company in the real window, on Postdesk's
//! sandbox: the nav item appears only for EasyPost with a badge of unseen
//! documents; the inbox lists the simulator's incoming documents newest first,
//! a day range filters them (the same documents the API gives for that range),
//! Open saves the UBL document into the data folder, and the badge is gone once
//! the inbox was seen. Screenshots in artifacts/e2e/peppol_inbox/.
use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, SHORT};
use serde_json::{json, Value};

/// Sets a React-controlled input's value as typing would (the native setter,
/// then an input event), for `<input type=date>` which WebDriver cannot type into
/// the same way on every engine.
async fn set_input(app: &App, id: &str, value: &str) -> anyhow::Result<()> {
    app.execute(
        "const el = document.querySelector(`[data-testid=${arguments[0]}]`);
         const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
         set.call(el, arguments[1]);
         el.dispatchEvent(new Event('input', { bubbles: true }));
         el.dispatchEvent(new Event('change', { bubbles: true }));
         return null;",
        vec![json!(id), json!(value)],
    )
    .await?;
    Ok(())
}

async fn row_ids(app: &App) -> anyhow::Result<Vec<String>> {
    let v = app
        .execute(
            "return [...document.querySelectorAll('[data-testid^=peppol-row-]')].map(r => r.getAttribute('data-testid').slice('peppol-row-'.length));",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_peppol_inbox_lists_filters_by_day_and_opens_a_document() -> anyhow::Result<()> {
    with_app("peppol_inbox", async |app| {
        // E-POST (the Sandbox company) has no Peppol inbox.
        app.wait_for_testid("nav-setup", SHORT).await?;
        let has_nav = app.execute("return !!document.querySelector('[data-testid=nav-peppol]');", vec![]).await?;
        ensure!(has_nav == json!(false), "no Peppol inbox for an E-POST company");

        app.click(&testid("nav-setup")).await?;
        app.js_click("setup-new-company").await?;
        app.wait_for_testid("new-company-name", SHORT).await?;
        app.type_into(&testid("new-company-name"), "Janssens NV").await?;
        app.pick_option("new-company-provider", "EasyPost").await?;
        app.js_click("new-company-create").await?;
        app.wait_for_testid("easypost-sandbox-note", SHORT).await?;
        app.wait_for_testid("nav-peppol", SHORT).await?;
        let badge = app
            .wait_until("the unseen badge", SHORT, || async {
                let t = app.execute("return document.querySelector('[data-testid=nav-peppol-badge]')?.innerText ?? null;", vec![]).await?;
                Ok(t.as_str().filter(|t| !t.is_empty()).map(str::to_string))
            })
            .await?;
        app.screenshot("01-nav-with-badge").await?;

        // Everything the API has, for comparing.
        let all = app
            .invoke("peppol_documents", json!({ "query": { "sort_field": "created_at", "sort_order": "desc", "utc_offset_minutes": 0 } }))
            .await?;
        let docs: Vec<Value> = all["items"].as_array().context("items")?.clone();
        ensure!(docs.len() >= 10, "the simulator's documents: {all}");
        ensure!(badge.trim() == docs.len().to_string() || badge.contains('+'), "badge {badge} for {} unseen documents", docs.len());

        app.click(&testid("nav-peppol")).await?;
        app.wait_for_testid("peppol-table", SHORT).await?;
        let ids = app
            .wait_until("the list", SHORT, || async {
                let ids = row_ids(app).await?;
                Ok((ids.len() == docs.len()).then_some(ids))
            })
            .await?;
        let newest_first: Vec<String> = docs.iter().map(|d| d["id"].as_str().unwrap_or_default().to_string()).collect();
        ensure!(ids == newest_first, "newest first, as the API sorts: {ids:?} vs {newest_first:?}");
        app.screenshot("02-inbox").await?;
        app.wait_until("the badge is gone", SHORT, || async {
            let b = app.execute("return document.querySelector('[data-testid=nav-peppol-badge]')?.innerText ?? '';", vec![]).await?;
            Ok((b.as_str().unwrap_or("").is_empty()).then_some(()))
        })
        .await?;

        // One day: the days of the 3rd and 5th newest documents.
        let day = |d: &Value| d["createdAt"].as_str().unwrap_or_default()[..10].to_string();
        let (from, until) = (day(&docs[4]), day(&docs[2]));
        let expected: Vec<String> = docs
            .iter()
            .filter(|d| day(d) >= from && day(d) <= until)
            .map(|d| d["id"].as_str().unwrap_or_default().to_string())
            .collect();
        ensure!(!expected.is_empty() && expected.len() < docs.len(), "the range keeps some: {from}..{until}");
        set_input(app, "peppol-from", &from).await?;
        set_input(app, "peppol-until", &until).await?;
        app.js_click("peppol-apply").await?;
        let filtered = app
            .wait_until("the filtered list", SHORT, || async {
                let ids = row_ids(app).await?;
                Ok((ids.len() == expected.len()).then_some(ids))
            })
            .await?;
        ensure!(filtered == expected, "{from}..{until}: {filtered:?} vs {expected:?}");
        app.screenshot("03-filtered").await?;

        // Open: the UBL document saved into the data folder.
        let id = &filtered[0];
        app.js_click(&format!("peppol-open-{id}")).await?;
        let saved = app.wait_for_testid("peppol-saved", SHORT).await?.text().await?;
        let dir = app.data_dir().join("peppol");
        let file = std::fs::read_dir(&dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&format!("_{id}.xml"))))
            .with_context(|| format!("no file for {id} in {}", dir.display()))?;
        let xml = std::fs::read_to_string(&file)?;
        ensure!(xml.contains("urn:oasis:names:specification:ubl"), "a UBL document: {}", &xml[..xml.len().min(200)]);
        ensure!(saved.contains(file.file_name().unwrap().to_str().unwrap()), "the window names the saved file: {saved}");
        app.screenshot("04-opened").await?;
        Ok(())
    })
    .await
}
