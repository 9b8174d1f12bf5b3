//! Splitting a merged PDF in the real window (#15): a mail merge's 12 letters in
//! one file are dropped, the desk offers the split, the split view shows the 12
//! letters with their recipients, the clerk moves one boundary by hand, makes 12
//! drafts and sends them; the simulator holds 12 letters with the page counts of
//! the clerk's cut. Cancel (in German) leaves the merged draft as it was.
//! Screenshots in artifacts/e2e/split/.
use std::collections::BTreeMap;

use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use postdesk_pdf::sample::{merged_letters, MergedLetter};
use serde_json::{json, Value};

/// The letter that ends with a copy of the next letter's first page.
const A: usize = 4;

/// `merged_letters(12)` with one page more: letter `A` (0-based) ends with a copy of
/// letter `A + 1`'s first page (say, a slip for the next recipient that belongs to
/// this letter). The address rule cannot know: it starts letter `A + 1` one page
/// early, and the clerk moves that boundary one page later. Added as an incremental
/// update (a new page object and a new page tree), so the generator's bytes stay as
/// they are.
fn merged_with_slip() -> anyhow::Result<(Vec<u8>, Vec<MergedLetter>)> {
    let (mut pdf, letters) = merged_letters(12);
    ensure!(letters.len() == 12 && letters[A].pages >= 2, "the generator's letters: {letters:?}");
    let total: u32 = letters.iter().map(|l| l.pages).sum();
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let prev: usize = text[text.rfind("startxref").context("startxref")? + 9..].trim().split_whitespace().next().context("xref offset")?.parse()?;
    let size: u32 = {
        let at = text.rfind("/Size ").context("/Size")? + 6;
        text[at..].split(|c: char| !c.is_ascii_digit()).next().context("size")?.parse()?
    };
    // Page k is object 5 + 2k (sample.rs); copy the dict of letter A + 1's first page.
    let source = 5 + 2 * letters[A + 1].first_page;
    let start = text.find(&format!("\n{source} 0 obj\n")).context("the page object")? + format!("\n{source} 0 obj\n").len();
    let body = &text[start..start + text[start..].find("\nendobj").context("endobj")?];
    ensure!(body.contains("/Type /Page") && !body.contains("/Pages"), "not a page: {body}");

    let copy = size;
    let mut kids: Vec<String> = (0..total).map(|k| format!("{} 0 R", 5 + 2 * k)).collect();
    kids.insert(letters[A + 1].first_page as usize, format!("{copy} 0 R"));
    let copy_at = pdf.len() + 1;
    pdf.extend_from_slice(format!("\n{copy} 0 obj\n{body}\nendobj\n").as_bytes());
    let pages_at = pdf.len();
    pdf.extend_from_slice(format!("2 0 obj\n<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n", kids.join(" "), total + 1).as_bytes());
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n2 1\n{pages_at:010} 00000 n \n{copy} 1\n{copy_at:010} 00000 n \n\
             trailer\n<< /Size {} /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n",
            copy + 1
        )
        .as_bytes(),
    );
    Ok((pdf, letters))
}

/// `[first_page, pages]` of each letter in the split view, top to bottom.
async fn view_ranges(app: &App) -> anyhow::Result<Vec<(u64, u64)>> {
    let v = app
        .execute(
            "return [...document.querySelectorAll('[data-testid=split-letter]')].map(e => [Number(e.dataset.firstPage), Number(e.dataset.pages)]);",
            vec![],
        )
        .await?;
    Ok(v.as_array().context("ranges")?.iter().map(|p| (p[0].as_u64().unwrap_or(u64::MAX), p[1].as_u64().unwrap_or(0))).collect())
}

async fn open_split_view(app: &App, want: &[(u64, u64)]) -> anyhow::Result<()> {
    app.js_click("split-offer").await?;
    app.wait_until("the split view's letters", SHORT, || async {
        let have = view_ranges(app).await?;
        let busy = app.execute("return document.querySelector('[data-testid=split-letters][aria-busy]') !== null;", vec![]).await?;
        Ok((have == want && busy == json!(false)).then_some(()))
    })
    .await
    .with_context(|| format!("want {want:?}"))
}

async fn in_language(app: &App, name: &str, tag: &str) -> anyhow::Result<()> {
    app.click(&testid("nav-settings")).await?;
    app.pick_option("settings-language", name).await?;
    app.wait_until("the window's language", SHORT, || async {
        Ok((app.execute("return document.documentElement.lang;", vec![]).await? == json!(tag)).then_some(()))
    })
    .await?;
    app.click(&testid("nav-send")).await?;
    app.wait_for_testid("split-offer", SHORT).await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merged_pdf_becomes_twelve_letters_with_a_boundary_moved_by_hand() -> anyhow::Result<()> {
    with_app("split", async |app| {
        let (bytes, letters) = merged_with_slip()?;
        let total: u64 = letters.iter().map(|l| u64::from(l.pages)).sum::<u64>() + 1;
        // What the address rule finds: from letter A + 1 on, one page later; A + 1 starts with the slip.
        let planned: Vec<(u64, u64)> = letters
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let (f, p) = (u64::from(l.first_page), u64::from(l.pages));
                match i {
                    i if i <= A => (f, p),
                    i if i == A + 1 => (f, p + 1),
                    _ => (f + 1, p),
                }
            })
            .collect();
        // The clerk's cut: the slip stays with letter A.
        let mut cut = planned.clone();
        cut[A].1 += 1;
        cut[A + 1] = (cut[A + 1].0 + 1, cut[A + 1].1 - 1);

        app.wait_for_testid("dropzone", SHORT).await?;
        let pdf = app.data_dir().parent().unwrap().join("Serienbrief März.pdf");
        std::fs::write(&pdf, bytes)?;
        app.drop_until_row(&pdf).await?;

        // The offer, on the row and above the checks.
        let offer = app.wait_for_testid("split-offer", SHORT).await?;
        ensure!(offer.attr("data-letters").await?.as_deref() == Some("12"), "the row offers 12 letters: {:?}", offer.text().await?);
        let panel = app.text(&testid("split-offer-panel")).await?;
        ensure!(panel.contains("12 letters"), "the checks' offer: {panel}");
        app.screenshot("01-offer").await?;

        // In German first, to look at it; Cancel leaves the draft as it is.
        in_language(app, "Deutsch", "de").await?;
        open_split_view(app, &planned).await?;
        app.screenshot("02-split-view-de").await?;
        app.js_click("split-cancel").await?;
        app.wait_until("the split view to close", SHORT, || async {
            Ok((app.execute("return document.querySelector('[data-testid=split-letter]') === null;", vec![]).await? == json!(true)).then_some(()))
        })
        .await?;
        let drafts = app.invoke("list_drafts", json!({})).await?;
        ensure!(
            drafts.as_array().map(Vec::len) == Some(1) && drafts[0]["pages"] == json!(total) && drafts[0]["split_from"].is_null(),
            "Cancel left the merged draft alone: {drafts}"
        );
        in_language(app, "English", "en").await?;

        // The split view: 12 letters, each with its recipient read from its first page.
        open_split_view(app, &planned).await?;
        let recipients = app
            .execute("return [...document.querySelectorAll('[data-testid=split-recipient]')].map(e => e.textContent);", vec![])
            .await?;
        for (i, l) in letters.iter().enumerate() {
            let have = recipients[i].as_str().unwrap_or("");
            let want = format!("{} · {} {}", l.recipient[0], l.postal_code, l.city);
            ensure!(have == want, "letter {}: recipient {have:?}, want {want:?}", i + 1);
        }
        let summary = app.text(&testid("split-summary")).await?;
        ensure!(summary == format!("12 letters from {total} pages"), "summary: {summary}");
        // The enclosure (no address) stays with letter 2.
        ensure!(planned[1].1 == u64::from(letters[1].pages) && letters[1].pages >= 2, "{planned:?}");
        app.screenshot("03-split-view").await?;

        // Move the boundary between letter A + 1 and A + 2 one page later.
        app.execute(
            &format!("document.querySelector('[data-testid=split-boundary][data-index=\"{A}\"] [data-testid=split-boundary-later]').click();"),
            vec![],
        )
        .await?;
        app.wait_until("the moved boundary", SHORT, || async { Ok((view_ranges(app).await? == cut).then_some(())) }).await?;
        let moved = app.text(&format!("[data-testid=split-letter][data-index=\"{}\"] [data-testid=split-range]", A + 1)).await?;
        ensure!(moved.contains(&format!("pages {}–{}", cut[A + 1].0 + 1, cut[A + 1].0 + cut[A + 1].1)), "the range after the move: {moved}");
        app.wait_for_testid("split-edited", SHORT).await?;
        app.execute(&format!("document.querySelector('[data-testid=split-letter][data-index=\"{A}\"]').scrollIntoView({{block: 'start'}});"), vec![]).await?;
        app.screenshot("04-boundary-moved").await?;

        let make = app.text(&testid("split-make")).await?;
        ensure!(make.trim() == "Make 12 letters", "the primary button: {make:?}");
        app.js_click("split-make").await?;

        // 12 drafts in page order, each a page range of the original, with its recipient.
        app.wait_until("12 letters on the desk", LONG, || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
            Ok((n == json!(12)).then_some(()))
        })
        .await?;
        let drafts = app.invoke("list_drafts", json!({})).await?;
        let drafts = drafts.as_array().context("drafts")?;
        let mut made: Vec<(u64, u64)> = drafts
            .iter()
            .map(|d| (d["split_from"]["first_page"].as_u64().unwrap_or(u64::MAX), d["split_from"]["pages"].as_u64().unwrap_or(0)))
            .collect();
        made.sort();
        ensure!(made == cut, "the drafts' ranges {made:?}, the clerk's cut {cut:?}");
        for d in drafts {
            let first = d["split_from"]["first_page"].as_u64().unwrap_or(u64::MAX);
            let i = cut.iter().position(|c| c.0 == first).context("a draft of the cut")?;
            let line = d["preflight"]["address"]["lines"][0].as_str().unwrap_or("");
            ensure!(line == letters[i].recipient[0], "draft of pages from {first}: recipient {line:?}, want {:?}", letters[i].recipient[0]);
            ensure!(d["pages"] == json!(cut[i].1), "draft {i} has {} pages, want {}", d["pages"], cut[i].1);
        }
        let origins = app
            .execute("return [...document.querySelectorAll('[data-testid=letter-origin]')].map(e => e.textContent);", vec![])
            .await?;
        let want = format!("pages {}–{} of Serienbrief März.pdf", cut[A].0 + 1, cut[A].0 + cut[A].1);
        ensure!(origins.as_array().is_some_and(|o| o.len() == 12 && o.iter().any(|x| x == &json!(want))), "the rows' origins {origins}, want {want}");
        ensure!(app.execute("return document.querySelector('[data-testid=split-offer]') === null;", vec![]).await? == json!(true), "no offer on split letters");
        app.screenshot("05-desk-after-split").await?;

        // Send all 12.
        let send = app.wait_for_testid("send-button", SHORT).await?;
        ensure!(send.is_enabled().await?, "Send is enabled: {}", app.body_text().await.unwrap_or_default());
        send.click().await?;
        if let Ok(confirm) = app.wait_for_testid("send-confirm", std::time::Duration::from_secs(3)).await {
            confirm.click().await?;
        }
        app.wait_until("the desk is empty again", LONG, || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=letter-row]').length;", vec![]).await?;
            Ok((n == json!(0)).then_some(()))
        })
        .await?;

        // The simulator holds 12 letters, each with the pages of the clerk's cut.
        let status = app.invoke("app_status", json!({})).await?;
        let sim = status["sandbox_url"].as_str().context("the sandbox's simulator")?.to_owned();
        let at_sim: Vec<Value> = app
            .wait_until("12 letters at the simulator", LONG, || async {
                let l: Vec<Value> = reqwest::get(format!("{sim}/_sim/letters")).await?.json().await?;
                Ok((l.len() >= 12).then_some(l))
            })
            .await?;
        ensure!(at_sim.len() == 12, "{} letters at the simulator", at_sim.len());
        let pages_by_id: BTreeMap<String, u64> =
            at_sim.iter().map(|l| (l["providerId"].as_str().unwrap_or("").to_owned(), l["pages"].as_u64().unwrap_or(0))).collect();
        let jobs = app.invoke("list_jobs", json!({})).await?;
        let jobs = jobs.as_array().context("jobs")?;
        ensure!(jobs.len() == 12, "{} jobs", jobs.len());
        app.wait_until("every job with the provider", LONG, || async {
            let jobs = app.invoke("list_jobs", json!({})).await?;
            Ok(jobs.as_array().is_some_and(|j| j.iter().all(|j| j["provider_id"].is_string())).then_some(()))
        })
        .await?;
        let jobs = app.invoke("list_jobs", json!({})).await?;
        let mut sent: Vec<(u64, u64)> = Vec::new();
        for j in jobs.as_array().context("jobs")? {
            let id = j["provider_id"].as_str().unwrap_or("");
            let at = *pages_by_id.get(id).with_context(|| format!("job {id} is not at the simulator"))?;
            let from = (j["split_from"]["first_page"].as_u64().unwrap_or(u64::MAX), j["split_from"]["pages"].as_u64().unwrap_or(0));
            ensure!(at == from.1, "job {id}: {at} pages at the simulator, {} in its range", from.1);
            sent.push(from);
        }
        sent.sort();
        ensure!(sent == cut, "sent {sent:?}, the clerk's cut {cut:?}");

        // The job list says where each letter came from.
        app.click(&testid("nav-jobs")).await?;
        app.wait_until("12 job rows", SHORT, || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=job-origin]').length;", vec![]).await?;
            Ok((n == json!(12)).then_some(()))
        })
        .await?;
        app.screenshot("06-jobs").await?;
        Ok(())
    })
    .await
}
