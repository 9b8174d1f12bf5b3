//! "Add PDFs…" for real: the button opens the system's file chooser (GTK), which
//! xdotool answers the way a clerk would (Ctrl+L, type the path, Enter) — no
//! test hook in between.
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, ensure, Context};
use postdesk_e2e::{testid, with_app, SHORT};

fn xdotool(args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("xdotool").args(args).output().context("xdotool (apt package xdotool)")?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_pdfs_button_opens_the_file_chooser_and_adds_the_picked_file() -> anyhow::Result<()> {
    with_app("add_pdfs_dialog", async |app| {
        let pdf = app.data_dir().parent().unwrap().join("Mahnung-0815.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::clean_letter())?;
        app.wait_for_testid("add-pdfs", SHORT).await?.click().await?;

        // The chooser is a separate native window, titled "Choose PDF letters".
        let mut chooser = String::new();
        for _ in 0..100 {
            chooser = xdotool(&["search", "--onlyvisible", "--name", "Choose PDF letters"])?;
            if !chooser.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if chooser.is_empty() {
            bail!("no file chooser window appeared after clicking Add PDFs…");
        }
        let win = chooser.lines().last().unwrap().to_string();
        xdotool(&["windowactivate", "--sync", &win]).ok();
        xdotool(&["windowfocus", "--sync", &win])?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdotool(&["key", "--window", &win, "ctrl+l"])?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        xdotool(&["type", "--window", &win, "--delay", "5", &pdf.display().to_string()])?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        xdotool(&["key", "--window", &win, "Return"])?;

        app.wait_for_testid("letter-row", SHORT).await?;
        let row = app.text(&testid("letter-row")).await?;
        ensure!(row.contains("Mahnung-0815.pdf"), "the picked file is on the desk: {row}");
        app.screenshot("picked").await?;
        Ok(())
    })
    .await
}
