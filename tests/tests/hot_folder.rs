//! A hot folder in the real window on the sandbox: set up in Settings → Hot
//! folders to "go straight out", then three PDFs land in it as a scanner or an
//! accounting program would put them there (two written under a temporary name
//! and renamed into place, one damaged file written in place). The two good
//! letters reach the simulator, the damaged one waits on the desk with its
//! finding; the files are moved into sent/ and needs-attention/ with a note
//! each, the window tells what the folder took, and the job list says which
//! folder the letters came from.
//! Screenshots land in artifacts/e2e/hot_folder/.
use std::path::Path;

use anyhow::{ensure, Context};
use postdesk_e2e::{testid, with_app, App, LONG, SHORT};
use serde_json::json;

async fn sim_letters(app: &App) -> anyhow::Result<Vec<serde_json::Value>> {
    let status = app.invoke("app_status", json!({})).await?;
    let url = status["sandbox_url"].as_str().context("sandbox url")?;
    postdesk_sim::inspect::letters(url).await.map_err(|e| anyhow::anyhow!("{e}"))
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_straight_out_hot_folder_sends_two_good_files_and_holds_the_bad_one() -> anyhow::Result<()> {
    with_app("hot_folder", async |app| {
        let folder = app.data_dir().parent().unwrap().join("Scans Buchhaltung");
        std::fs::create_dir_all(&folder)?;

        // Settings → Hot folders → Add: the folder typed in, "Go straight out".
        app.click(&testid("nav-settings")).await?;
        app.wait_for_testid("hot-folders", SHORT).await?;
        app.js_click("hot-folder-add").await?;
        app.wait_for_testid("hot-folder-path", SHORT).await?;
        app.type_into(&testid("hot-folder-path"), &folder.display().to_string()).await?;
        app.execute(
            "const i = document.querySelector('[data-testid=hot-folder-mode] input[value=send]'); i.click(); return true;",
            vec![],
        )
        .await?;
        app.screenshot("01-add-form").await?;
        app.js_click("hot-folder-save").await?;
        app.wait_until("the folder is watched", LONG, || async {
            let s = app.execute("return document.querySelector('[data-testid=hot-folder-row]')?.dataset.status ?? null;", vec![]).await?;
            Ok((s == "watching").then_some(()))
        })
        .await?;
        let saved = app.invoke("hot_folders", json!({})).await?;
        ensure!(saved[0]["settings"]["mode"] == "send", "saved to go straight out: {saved}");
        app.screenshot("02-watching").await?;
        let before = sim_letters(app).await?.len();

        // Two good letters, renamed into place; a damaged one written in place.
        let mut shas = Vec::new();
        for (i, who) in ["Erika Mustermann", "Max Beispiel"].iter().enumerate() {
            let spec = postdesk_pdf::sample::LetterSpec::to(&[who, "Heinrich-Böll-Ring 10", "53113 Bonn"]);
            let bytes = postdesk_pdf::sample::letter(&spec);
            shas.push(sha256(&bytes));
            let tmp = folder.join(format!(".Rechnung-{i}.pdf.part"));
            std::fs::write(&tmp, &bytes)?;
            std::fs::rename(&tmp, folder.join(format!("Rechnung-{i}.pdf")))?;
        }
        std::fs::write(folder.join("Scan kaputt.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n% cut off by the scanner")?;

        // Two sent, one on the desk; the files moved with their notes.
        app.wait_until("two letters at the simulator", LONG, || async {
            let l = sim_letters(app).await?;
            Ok((l.len() >= before + 2).then_some(()))
        })
        .await?;
        let sent_shas: Vec<String> = sim_letters(app).await?.iter().filter_map(|l| l["sha256"].as_str().map(str::to_owned)).collect();
        for s in &shas {
            ensure!(sent_shas.iter().filter(|x| *x == s).count() == 1, "each good letter sent once: {sent_shas:?}");
        }
        app.wait_until("the files moved", LONG, || async {
            Ok((names_in(&folder.join("sent")).len() == 4 && names_in(&folder.join("needs-attention")).len() == 2).then_some(()))
        })
        .await?;
        ensure!(names_in(&folder).is_empty(), "nothing left in the folder: {:?}", names_in(&folder));
        // The window says what the folder took.
        let told = app
            .wait_until("the window tells what the folder took", LONG, || async {
                let t = app
                    .execute("return [...document.querySelectorAll('[data-testid=hot-folder-took-message]')].map(e => e.textContent).join(' | ');", vec![])
                    .await?;
                let t = t.as_str().unwrap_or_default().to_owned();
                Ok((t.contains("sent") && t.contains("waits on the desk")).then_some(t))
            })
            .await?;
        ensure!(app.text(&testid("hot-folder-took-title")).await?.contains("Hot folder Scans Buchhaltung"), "{told}");
        app.screenshot("03a-told").await?;
        ensure!(
            names_in(&folder.join("sent")) == ["Rechnung-0.pdf", "Rechnung-0.pdf.txt", "Rechnung-1.pdf", "Rechnung-1.pdf.txt"],
            "sent/: {:?}",
            names_in(&folder.join("sent"))
        );
        ensure!(names_in(&folder.join("needs-attention")) == ["Scan kaputt.pdf", "Scan kaputt.pdf.txt"]);
        let why = std::fs::read_to_string(folder.join("needs-attention/Scan kaputt.pdf.txt"))?;
        ensure!(why.contains("waits on the desk"), "the note says why: {why}");

        // The job list says where the letters came from.
        app.click(&testid("nav-jobs")).await?;
        app.wait_for_testid("job-row", SHORT).await?;
        app.wait_until("the source folder on the rows", LONG, || async {
            let n = app.execute("return document.querySelectorAll('[data-testid=job-source-folder]').length;", vec![]).await?;
            Ok((n.as_u64() >= Some(2)).then_some(()))
        })
        .await?;
        let src = app.text(&testid("job-source-folder")).await?;
        ensure!(src.contains("Scans Buchhaltung"), "the folder's name on the row: {src:?}");
        app.screenshot("03-jobs-from-folder").await?;

        // The bad one waits on the desk with its finding.
        app.click(&testid("nav-send")).await?;
        app.wait_until("the bad letter on the desk", LONG, || async {
            let t = app.body_text().await?;
            Ok(t.contains("Scan kaputt.pdf").then_some(()))
        })
        .await?;
        let drafts = app.invoke("list_drafts", json!({})).await?;
        let bad = drafts.as_array().and_then(|a| a.iter().find(|d| d["file_name"] == "Scan kaputt.pdf")).context("the bad draft")?;
        ensure!(
            bad["preflight"]["findings"].as_array().is_some_and(|f| f.iter().any(|f| f["severity"] == "error")),
            "with its finding: {bad}"
        );
        ensure!(bad["source_folder"].as_str().is_some_and(|s| s.ends_with("Scans Buchhaltung")), "{bad}");
        app.screenshot("04-desk-bad-letter").await?;
        Ok(())
    })
    .await
}
