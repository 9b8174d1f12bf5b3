//! A bad letter in the real window: dropped together with a good one, the batch list
//! shows each file's verdict, the preview outlines the ink in red inside the zone it
//! must stay out of, the finding says what to do, and Send waits until it is removed.
//! Screenshots in artifacts/e2e/preflight_preview/.
use anyhow::ensure;
use postdesk_e2e::{testid, with_app, SHORT};
use postdesk_pdf::sample::{self, LetterSpec};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_letter_is_shown_on_its_page_and_blocks_send() -> anyhow::Result<()> {
    with_app("preflight_preview", async |app| {
        app.wait_for_testid("dropzone", SHORT).await?;
        let dir = app.data_dir().parent().unwrap().to_path_buf();
        let good = dir.join("Angebot.pdf");
        std::fs::write(&good, sample::clean_letter())?;
        // A filled-in "stamp" form field over the franking band: only the render check sees it.
        let bad = dir.join("Logo im Freimachungsfeld.pdf");
        std::fs::write(&bad, sample::letter(&LetterSpec { form_field_in_franking: true, ..Default::default() }))?;
        app.drop_files(&[good, bad]).await?;

        // The batch list: one row per file with its verdict.
        let verdicts = app
            .wait_until("two rows with verdicts", SHORT, || async {
                let v = app
                    .execute(
                        "return [...document.querySelectorAll('[data-testid=letter-row]')].map(r => r.innerText);",
                        vec![],
                    )
                    .await?;
                Ok((v.as_array().is_some_and(|a| a.len() == 2)).then_some(v))
            })
            .await?;
        let rows: Vec<String> = serde_json::from_value(verdicts)?;
        let bad_row = rows.iter().find(|r| r.contains("Freimachungsfeld")).expect("the bad letter's row");
        let good_row = rows.iter().find(|r| r.contains("Angebot")).expect("the good letter's row");
        ensure!(good_row.contains("Ready"), "good row: {good_row}");
        ensure!(!bad_row.contains("Ready"), "bad row: {bad_row}");

        // Select the bad letter: the red outline sits inside the franking zone.
        app.execute(
            "[...document.querySelectorAll('[data-testid=letter-row]')].find(r => r.innerText.includes('Freimachungsfeld')).click();",
            vec![],
        )
        .await?;
        let mark = app
            .wait_until("a red mark on the page", SHORT, || async {
                let v = app
                    .execute(
                        "const m = document.querySelector('[data-testid=ink-mark]'); \
                         const z = document.querySelector('[data-testid=zone-rect][data-zone=franking]'); \
                         return m && z ? { x: +m.getAttribute('x'), y: +m.getAttribute('y'), problem: z.dataset.problem || null, \
                                          zy: +z.getAttribute('y'), zh: +z.getAttribute('height') } : null;",
                        vec![],
                    )
                    .await?;
                Ok((!v.is_null()).then_some(v))
            })
            .await?;
        ensure!(mark["problem"] == json!("true"), "the franking zone is marked as the problem: {mark}");
        let (x, y) = (mark["x"].as_f64().unwrap_or(0.0), mark["y"].as_f64().unwrap_or(0.0));
        ensure!((x - 150.0).abs() < 2.0 && y >= 53.0 - 1.5 && y <= 66.0, "mark where the field is: {mark}");
        let findings = app.text(&testid("finding")).await?;
        ensure!(findings.contains("must stay empty"), "finding: {findings}");
        app.screenshot("01-bad-letter-marked").await?;

        let send = app.wait_for_testid("send-button", SHORT).await?;
        ensure!(!send.is_enabled().await?, "Send waits while a letter has an error");
        let reason = app.text(&testid("send-blocked-reason")).await?;
        ensure!(reason.contains("Freimachungsfeld"), "reason names the file: {reason}");

        app.execute(
            "[...document.querySelectorAll('button')].find(b => (b.getAttribute('aria-label') || '').includes('Freimachungsfeld')).click();",
            vec![],
        )
        .await?;
        app.wait_until("Send enabled for the good letter", SHORT, || async {
            Ok(send.is_enabled().await?.then_some(()))
        })
        .await?;
        app.screenshot("02-good-letter-left").await?;
        Ok(())
    })
    .await
}
