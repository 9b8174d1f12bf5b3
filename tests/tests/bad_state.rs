//! Bad local state in the real window: a database another program holds locked
//! (the clerk is told and can try again), and a damaged database (put aside,
//! the automatic backup restored). Screenshots in artifacts/e2e/<test>/.
use std::sync::{Arc, Mutex};

use anyhow::ensure;
use postdesk_e2e::{testid, with_app_prepared, App, LONG, SHORT};
use serde_json::json;

async fn sandbox_badge(app: &App) -> anyhow::Result<()> {
    app.wait_until("the app is open (SANDBOX badge)", LONG, || async {
        let env = app.execute("return document.querySelector('[data-testid=env-badge]')?.dataset.environment ?? null;", vec![]).await?;
        Ok((env == json!("sandbox")).then_some(()))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_database_says_another_program_uses_it_and_try_again_opens_it() -> anyhow::Result<()> {
    let holder: Arc<Mutex<Option<rusqlite::Connection>>> = Arc::default();
    let h = holder.clone();
    with_app_prepared(
        "db_locked",
        move |data| {
            // A database as Postdesk makes it, then held with an exclusive lock.
            std::fs::create_dir_all(data)?;
            let db = data.join("postdesk.sqlite3");
            drop(postdesk_core::store::Store::open(&db)?);
            let conn = rusqlite::Connection::open(&db)?;
            conn.execute_batch("BEGIN EXCLUSIVE;")?;
            *h.lock().unwrap() = Some(conn);
            Ok(())
        },
        async |app| {
            let problem = app.wait_for("[data-testid=start-problem][data-code=db_locked]", LONG).await?.text().await?;
            ensure!(problem.contains("already open"), "says who probably holds it: {problem}");
            app.screenshot("01-locked").await?;
            // Still locked: Try again waits for the lock (the busy timeout), then says so again.
            app.click(&testid("start-retry")).await?;
            let not_busy = || async {
                let busy = app.execute("return document.querySelector('[data-testid=start-retry]')?.dataset.loading ?? null;", vec![]).await?;
                Ok(busy.is_null().then_some(()))
            };
            app.wait_until("Try again to start", SHORT, || async {
                let busy = app.execute("return document.querySelector('[data-testid=start-retry]')?.dataset.loading ?? null;", vec![]).await?;
                Ok((!busy.is_null()).then_some(()))
            })
            .await?;
            app.wait_until("Try again to give up on the lock", LONG, not_busy).await?;
            app.wait_for("[data-testid=start-problem][data-code=db_locked]", SHORT).await?;
            // The other program lets go; Try again opens the app.
            if let Some(conn) = holder.lock().unwrap().take() {
                conn.execute_batch("COMMIT;")?;
            }
            app.click(&testid("start-retry")).await?;
            sandbox_badge(app).await?;
            app.wait_for_testid("dropzone", SHORT).await?;
            app.screenshot("02-opened").await?;
            Ok(())
        },
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_database_is_put_aside_and_the_backup_restored() -> anyhow::Result<()> {
    let garbage = b"not a database: the disk garbled this file ".repeat(200);
    let g = garbage.clone();
    with_app_prepared(
        "db_corrupt",
        move |data| {
            // An automatic backup from an earlier start, and a damaged database.
            std::fs::create_dir_all(data.join("backups"))?;
            drop(postdesk_core::store::Store::open(&data.join("backups/postdesk-20260101-080000-000000.sqlite3"))?);
            std::fs::write(data.join("postdesk.sqlite3"), &g)?;
            Ok(())
        },
        async |app| {
            let problem = app.wait_for("[data-testid=start-problem][data-code=db_corrupt]", LONG).await?.text().await?;
            ensure!(problem.contains("damaged"), "says the database is damaged: {problem}");
            let backup = app.wait_for_testid("backup-info", SHORT).await?.text().await?;
            ensure!(backup.contains("backup") && backup.contains("2026"), "names the backup and when it was taken: {backup}");
            app.screenshot("01-damaged").await?;
            app.click(&testid("recover-restore")).await?;
            app.wait_for_testid("recover-confirm", SHORT).await?.click().await?;
            sandbox_badge(app).await?;
            app.screenshot("02-restored").await?;
            // The damaged file is kept aside, byte for byte.
            let aside: Vec<_> = std::fs::read_dir(app.data_dir())?
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("postdesk.sqlite3.corrupt-"))
                .collect();
            ensure!(aside.len() == 1, "one damaged file kept aside, found {}", aside.len());
            ensure!(std::fs::read(aside[0].path())? == garbage, "kept unchanged");
            Ok(())
        },
    )
    .await
}
