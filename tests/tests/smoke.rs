//! The window opens on the real app and the UI renders.

use anyhow::ensure;
use postdesk_e2e::{with_app, SHORT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_opens_and_renders() -> anyhow::Result<()> {
    with_app("smoke", async |app| {
        // Something rendered inside the UI's root element.
        app.wait_for("#root > *", SHORT).await?;
        let title = app.window_title().await?;
        ensure!(
            title == "Postdesk",
            "window title is {title:?}, expected \"Postdesk\""
        );
        let doc_title = app.client.title().await?;
        ensure!(
            doc_title == "Postdesk",
            "document title is {doc_title:?}, expected \"Postdesk\""
        );
        let shot = app.screenshot("window").await?;
        ensure!(
            std::fs::metadata(&shot)?.len() > 1000,
            "screenshot {} is empty",
            shot.display()
        );
        Ok(())
    })
    .await
}
