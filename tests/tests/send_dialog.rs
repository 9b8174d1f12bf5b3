//! Sending with the pre-send dialog, test mode and the job list, in the real
//! window on the sandbox: "Show dialog" on in Setup, drop a PDF, Send, see the
//! dialog pre-filled with the defaults and the address read from the PDF, change
//! cost centre / reference / colour / postal code, confirm, and find them on the
//! simulator's copy of the letter; a test-mode letter's test result fetched from
//! the job drawer; search and filters of the job list. Screenshots land in
//! artifacts/e2e/<test>/.
use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use serde_json::{json, Value};

async fn rows(app: &App) -> anyhow::Result<u64> {
    Ok(app.execute("return document.querySelectorAll('[data-testid=job-row]').length;", vec![]).await?.as_u64().unwrap_or(0))
}

/// Replaces the text of an input: select all (Ctrl+A) and delete, then type.
async fn replace_text(app: &App, id: &str, text: &str) -> anyhow::Result<()> {
    app.type_into(&testid(id), "\u{E009}a\u{E000}\u{E003}").await?;
    app.wait_until(&format!("{id} cleared"), SHORT, || async { Ok(app.value(id).await?.is_empty().then_some(())) }).await?;
    if !text.is_empty() {
        app.type_into(&testid(id), text).await?;
    }
    Ok(())
}

fn write_pdf(app: &App, name: &str, tag: &str) -> anyhow::Result<std::path::PathBuf> {
    write_pdf_to(app, name, tag, postdesk_pdf::sample::LetterSpec::default())
}

fn write_pdf_to(app: &App, name: &str, tag: &str, mut spec: postdesk_pdf::sample::LetterSpec) -> anyhow::Result<std::path::PathBuf> {
    spec.body.push(tag.into()); // different bytes per file
    let pdf = app.data_dir().parent().unwrap().join(name);
    std::fs::write(&pdf, postdesk_pdf::sample::letter(&spec))?;
    Ok(pdf)
}

async fn drop_and_press_send(app: &App, pdf: &std::path::Path) -> anyhow::Result<()> {
    drop_all_and_press_send(app, &[pdf.to_path_buf()]).await
}

async fn drop_all_and_press_send(app: &App, pdfs: &[std::path::PathBuf]) -> anyhow::Result<()> {
    app.click(&testid("nav-send")).await?;
    app.wait_for_testid("dropzone", SHORT).await?;
    // The Send screen subscribes to the drop events as it mounts; a drop that
    // arrives before it listens is lost (the overlay says "Release…"): drop again.
    let mut tries = 0;
    loop {
        app.drop_files(pdfs).await?;
        match app.wait_for_testid("letter-row", std::time::Duration::from_secs(3)).await {
            Ok(_) => break,
            Err(e) if tries >= 4 => return Err(e),
            Err(_) => tries += 1,
        }
    }
    let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
    app.wait_until("all letters on the desk", SHORT, || async {
        let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
        Ok((n == json!(pdfs.len())).then_some(()))
    })
    .await?;
    ensure!(n.as_u64().unwrap_or(0) <= pdfs.len() as u64, "no letter twice on the desk: {n}");
    app.js_click("send-button").await
}

async fn desk_empty(app: &App) -> anyhow::Result<()> {
    app.wait_until("the desk is empty again", SHORT, || async {
        let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
        Ok((n == json!(0)).then_some(()))
    })
    .await
}

/// The job with this file name, once the provider has its id.
async fn job_with_provider_id(app: &App, file: &str) -> anyhow::Result<Value> {
    app.wait_until(&format!("{file} at the provider"), LONG, || async {
        let jobs = app.invoke("list_jobs", json!({})).await?;
        Ok(jobs
            .as_array()
            .and_then(|a| a.iter().find(|j| j["file_name"] == file && j["provider_id"].is_string()).cloned()))
    })
    .await
}

async fn sim_letter(app: &App, provider_id: &str) -> anyhow::Result<Value> {
    let status = app.invoke("app_status", json!({})).await?;
    let url = status["sandbox_url"].as_str().context("sandbox url")?;
    let letters = postdesk_sim::inspect::letters(url).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    letters.into_iter().find(|l| l["providerId"] == provider_id).context("the simulator has the letter")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dialog_answers_reach_the_provider_and_the_test_result_opens() -> anyhow::Result<()> {
    with_app("send_dialog", async |app| {
        app.save_setup_switches(&[("setup-show-dialog", true), ("setup-test-mode", true), ("setup-cover-letter", true)]).await?;
        let pdf = write_pdf(app, "Mahnung 2026-17.pdf", "dialog")?;
        drop_and_press_send(app, &pdf).await?;

        // The dialog, pre-filled from the defaults and the PDF's address.
        app.wait_for_testid("dialog-send", SHORT).await?;
        ensure!(app.checked("dialog-cover").await?, "cover letter from the defaults");
        ensure!(!app.checked("dialog-color").await?, "colour off by default");
        let lines = app.value("dialog-address-lines").await?;
        ensure!(lines == "Erika Mustermann\nMusterstraße 1", "name lines read from the PDF: {lines:?}");
        ensure!(app.value("dialog-postal-code").await? == "53113");
        ensure!(app.value("dialog-city").await? == "Bonn");
        app.screenshot("01-dialog-prefilled").await?;

        // A wrong cost centre is explained and blocks sending.
        app.type_into(&testid("dialog-cost-center"), "KST-47").await?;
        app.wait_until("the cost-centre rule", SHORT, || async {
            Ok(app.text(&testid("dialog-problem")).await?.contains("at most 8 letters and digits").then_some(()))
        })
        .await?;
        ensure!(!app.wait_for_testid("dialog-send", SHORT).await?.is_enabled().await?, "Send disabled");
        app.screenshot("02-dialog-cost-centre-rule").await?;

        replace_text(app, "dialog-cost-center", "KST4711").await?;
        app.type_into(&testid("dialog-reference"), "Akte 2026/17").await?;
        app.js_click("dialog-color").await?;
        replace_text(app, "dialog-postal-code", "53111").await?;
        app.wait_until("Send enabled", SHORT, || async {
            Ok(app.wait_for_testid("dialog-send", SHORT).await?.is_enabled().await?.then_some(()))
        })
        .await?;
        ensure!(app.value("dialog-cost-center").await? == "KST4711");
        app.screenshot("03-dialog-filled").await?;
        app.js_click("dialog-send").await?;
        desk_empty(app).await?;

        // Stored with the letter, and on the wire exactly so.
        let job = job_with_provider_id(app, "Mahnung 2026-17.pdf").await?;
        ensure!(job["cost_center"] == "KST4711" && job["reference"] == "Akte 2026/17", "{job}");
        ensure!(job["options"]["color"] == true && job["test_mode"] == true, "{job}");
        let w = sim_letter(app, job["provider_id"].as_str().unwrap()).await?;
        ensure!(w["costCenter"] == "KST4711", "{w}");
        ensure!(w["custom1"] == "Akte 2026/17", "{w}");
        ensure!(w["isColor"] == true && w["coverLetter"] == true, "{w}");
        ensure!(w["zipCode"] == "53111" && w["city"] == "Bonn" && w["addressLine1"] == "Erika Mustermann", "{w}");
        ensure!(w["testFlag"] == true && w["testShowRestrictedArea"] == true, "{w}");

        // The job drawer: cost centre, reference, and the test result.
        app.click(&testid("nav-jobs")).await?;
        app.wait_for_testid("job-test-badge", SHORT).await?;
        app.js_click("job-row").await?;
        ensure!(app.text(&testid("job-cost-center")).await? == "KST4711");
        ensure!(app.text(&testid("job-reference")).await? == "Akte 2026/17");
        app.js_click("open-test-result").await?;
        let shown = app
            .wait_until("the test result opened", LONG, || async {
                let t = app.execute("return document.querySelector('[data-testid=opened-file]')?.innerText ?? null;", vec![]).await?;
                Ok(t.as_str().map(str::to_string))
            })
            .await?;
        let path = shown.split_once(": ").map(|(_, p)| p.trim().to_string()).context("path in the text")?;
        let path = std::path::PathBuf::from(path);
        ensure!(path.starts_with(app.data_dir().join("test-results")), "{}", path.display());
        let bytes = std::fs::read(&path)?;
        std::fs::write(app.artifacts().join("test-result.pdf"), &bytes)?; // to look at
        ensure!(bytes.starts_with(b"%PDF-"), "a PDF");
        ensure!(bytes != std::fs::read(&pdf)?, "the restricted-area template is laid over the letter");
        let engine = postdesk_pdf::PdfEngine::start(None)?;
        let check = engine.preflight(&path, &postdesk_pdf::rules::for_provider(postdesk_pdf::ProviderKind::Epost))?;
        ensure!(check.pages == 1, "pdfium reads the test result: {} pages", check.pages);
        app.screenshot("04-drawer-test-result").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_search_and_filters() -> anyhow::Result<()> {
    with_app("send_dialog_jobs", async |app| {
        // One test letter without dialog, one live letter with a reference and no archive.
        app.save_setup_switches(&[("setup-test-mode", true)]).await?;
        drop_and_press_send(app, &write_pdf(app, "Testbrief.pdf", "t")?).await?;
        desk_empty(app).await?;
        app.save_setup_switches(&[("setup-test-mode", false), ("setup-show-dialog", true), ("setup-save-file", false)]).await?;
        drop_and_press_send(app, &write_pdf(app, "Rechnung 88.pdf", "l")?).await?;
        app.wait_for_testid("dialog-reference", SHORT).await?;
        app.type_into(&testid("dialog-reference"), "Kunde 4711").await?;
        app.js_click("dialog-send").await?;
        desk_empty(app).await?;

        app.click(&testid("nav-jobs")).await?;
        app.wait_until("two jobs", SHORT, || async { Ok((rows(app).await? == 2).then_some(())) }).await?;

        // Search by reference, by file name, by recipient.
        app.type_into(&testid("jobs-search"), "4711").await?;
        app.wait_until("one match", SHORT, || async { Ok((rows(app).await? == 1).then_some(())) }).await?;
        ensure!(app.text(&testid("job-row")).await?.contains("Rechnung 88.pdf"));
        app.screenshot("01-search-reference").await?;
        replace_text(app, "jobs-search", "testbrief").await?;
        app.wait_until("the test letter", SHORT, || async {
            Ok((rows(app).await? == 1 && app.text(&testid("job-row")).await?.contains("Testbrief.pdf")).then_some(()))
        })
        .await?;
        replace_text(app, "jobs-search", "Mustermann").await?;
        app.wait_until("both by recipient", SHORT, || async { Ok((rows(app).await? == 2).then_some(())) }).await?;
        replace_text(app, "jobs-search", "").await?;
        app.wait_until("search cleared", SHORT, || async { Ok((app.value("jobs-search").await?.is_empty()).then_some(())) }).await?;

        // Test vs live.
        let segment = |group: &'static str, label: &'static str| async move {
            app.execute(
                "const g = document.querySelector(`[data-testid=${arguments[0]}]`); \
                 const l = [...g.querySelectorAll('label')].find(l => l.innerText.trim() === arguments[1]); l.click(); return null;",
                vec![json!(group), json!(label)],
            )
            .await
        };
        segment("jobs-mode-filter", "Test").await?;
        app.wait_until("only the test letter", SHORT, || async {
            Ok((rows(app).await? == 1 && app.text(&testid("job-row")).await?.contains("Testbrief.pdf")).then_some(()))
        })
        .await?;
        app.screenshot("02-filter-test").await?;
        segment("jobs-mode-filter", "Live").await?;
        app.wait_until("only the live letter", SHORT, || async {
            Ok((rows(app).await? == 1 && app.text(&testid("job-row")).await?.contains("Rechnung 88.pdf")).then_some(()))
        })
        .await?;
        segment("jobs-mode-filter", "Test and live").await?;

        // State: both reach "sent" on the sandbox, then "Sent" shows two, "Failed" none.
        app.wait_until("both sent", LONG, || async {
            let jobs = app.invoke("list_jobs", json!({})).await?;
            Ok(jobs.as_array().is_some_and(|a| a.iter().all(|j| j["state"] == "sent")).then_some(()))
        })
        .await?;
        segment("jobs-state-filter", "Failed").await?;
        app.wait_until("no failed letter", SHORT, || async { Ok((rows(app).await? == 0).then_some(())) }).await?;
        ensure!(app.body_text().await?.contains("No jobs match the search or filter."));
        segment("jobs-state-filter", "Sent").await?;
        app.wait_until("two sent", SHORT, || async { Ok((rows(app).await? == 2).then_some(())) }).await?;
        app.screenshot("03-filter-sent").await?;

        // The live letter: no archive kept ("Save File in Joblist" off), and it says so.
        app.execute(
            "[...document.querySelectorAll('[data-testid=job-row]')].find(r => r.innerText.includes('Rechnung 88.pdf')).click(); return null;",
            vec![],
        )
        .await?;
        let why = app.text(&testid("archive-not-kept")).await?;
        ensure!(why.contains("Save File in Joblist"), "{why}");
        ensure!(app.execute("return !document.querySelector('[data-testid=open-test-result]');", vec![]).await? == json!(true));
        app.screenshot("04-drawer-live-no-archive").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_dialog_refuses_registered_abroad_and_says_why() -> anyhow::Result<()> {
    with_app("send_dialog_batch", async |app| {
        app.save_setup_switches(&[("setup-show-dialog", true)]).await?;
        let bonn = write_pdf(app, "Bonn.pdf", "b")?;
        let wien = write_pdf_to(
            app,
            "Wien.pdf",
            "w",
            postdesk_pdf::sample::LetterSpec::to(&["Max Muster", "Ringstraße 1", "1010 Wien", "ÖSTERREICH"]),
        )?;
        drop_all_and_press_send(app, &[bonn, wien]).await?;
        app.wait_for_testid("dialog-send", SHORT).await?;
        let text = app.body_text().await?;
        ensure!(text.contains("Options for all 2 letters") && text.contains("Recipients (2)"), "one set of options for the batch");
        ensure!(text.contains("Austria"), "the Viennese address is shown abroad: {text}");
        app.screenshot("01-batch-dialog").await?;

        app.pick_option("dialog-registered", "Einschreiben").await?;
        app.wait_until("the registered-abroad reason", SHORT, || async {
            Ok(app.text(&testid("dialog-problem")).await?.contains("“Wien.pdf” goes abroad (Austria)").then_some(()))
        })
        .await?;
        ensure!(!app.wait_for_testid("dialog-send", SHORT).await?.is_enabled().await?, "Send disabled");
        app.screenshot("02-registered-abroad").await?;

        // The core refuses it too, whatever the window sends.
        let drafts = app.invoke("list_drafts", json!({})).await?;
        let wien = drafts.as_array().unwrap().iter().find(|d| d["file_name"] == "Wien.pdf").context("Wien draft")?.clone();
        let mut options = wien["options"].clone();
        options["registered"] = json!("einschreiben");
        let refused = app
            .invoke(
                "send_letters_checked",
                json!({ "ids": [wien["id"]], "allowDuplicate": false, "overrides": [{ "id": wien["id"], "options": options, "recipient": null, "cost_center": null, "reference": null }] }),
            )
            .await;
        let err = format!("{:#}", refused.expect_err("registered abroad is refused"));
        ensure!(err.contains("options_registered_abroad"), "{err}");

        app.pick_option("dialog-registered", "No").await?;
        app.wait_until("Send enabled", SHORT, || async {
            Ok(app.wait_for_testid("dialog-send", SHORT).await?.is_enabled().await?.then_some(()))
        })
        .await?;
        app.js_click("dialog-send").await?;
        desk_empty(app).await?;
        let jobs = app.invoke("list_jobs", json!({})).await?;
        ensure!(jobs.as_array().map(|a| a.len()) == Some(2), "{jobs}");
        let w = jobs.as_array().unwrap().iter().find(|j| j["file_name"] == "Wien.pdf").unwrap();
        ensure!(w["recipient"]["country"] == "AT" && w["options"]["registered"] == "none", "{w}");
        Ok(())
    })
    .await
}

/// A letter with a logo in the franking band is fine with the cover letter (the
/// default here). Switching the cover letter off in the dialog says page 1 will be
/// checked again; Send then refuses it with the reason, nothing reaches the
/// provider, and the desk shows the franking-zone finding.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cover_letter_switched_off_in_the_dialog_checks_page_1_again() -> anyhow::Result<()> {
    with_app("send_dialog_cover_off", async |app| {
        app.save_setup_switches(&[("setup-show-dialog", true), ("setup-test-mode", true), ("setup-cover-letter", true)]).await?;
        let spec = postdesk_pdf::sample::LetterSpec { ink_in_franking: true, ..Default::default() };
        let pdf = write_pdf_to(app, "Logo-im-Frankierfeld.pdf", "cover-off", spec)?;
        drop_and_press_send(app, &pdf).await?;

        app.wait_for_testid("dialog-send", SHORT).await?;
        ensure!(app.checked("dialog-cover").await?, "cover letter from the defaults");
        app.js_click("dialog-cover").await?;
        app.wait_until("the re-check note", SHORT, || async {
            Ok(app.body_text().await?.contains("it is checked again when you press Send").then_some(()))
        })
        .await?;
        app.screenshot("01-cover-off-note").await?;
        app.js_click("dialog-send").await?;

        app.wait_until("the refusal with the reason", LONG, || async {
            let t = app.body_text().await?;
            Ok(t.contains("“Logo-im-Frankierfeld.pdf” can't be sent yet").then_some(()))
        })
        .await?;
        app.wait_until("Send blocked by the franking finding", SHORT, || async {
            let reason = app
                .execute("return document.querySelector('[data-testid=send-blocked-reason]')?.innerText ?? null;", vec![])
                .await?;
            Ok(reason.as_str().is_some_and(|r| r.contains("Logo-im-Frankierfeld.pdf")).then_some(()))
        })
        .await?;
        let drafts = app.invoke("list_drafts", json!({})).await?;
        let d = &drafts[0];
        ensure!(d["preflight"]["checked_with_cover_letter"] == false, "{d}");
        let franking = d["preflight"]["findings"].as_array().into_iter().flatten().any(|f| f["code"] == "ink_in_zone" && f["zone"] == "franking");
        ensure!(franking, "the franking finding: {}", d["preflight"]["findings"]);
        ensure!(app.invoke("list_jobs", json!({})).await?.as_array().is_some_and(|a| a.is_empty()), "nothing queued");
        // The preview now draws the page-1 zones this letter was checked against.
        app.wait_until("the franking zone in the preview", SHORT, || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=zone-rect][data-zone=franking]').length;", vec![]).await?;
            Ok((n.as_u64().unwrap_or(0) > 0).then_some(()))
        })
        .await?;
        app.screenshot("02-refused-and-marked").await?;
        Ok(())
    })
    .await
}
