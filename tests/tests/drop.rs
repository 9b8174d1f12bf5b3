//! `e2e_drop` (the app built with `--features e2e`) reaches a listener registered the
//! way `getCurrentWebview().onDragDropEvent` registers its own, with Tauri's payload.

use anyhow::ensure;
use postdesk_e2e::{fixture, with_app, SHORT};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e2e_drop_emits_tauri_drag_drop() -> anyhow::Result<()> {
    with_app("drop", async |app| {
        app.wait_for("body", SHORT).await?;
        let file = fixture("dropped.pdf");
        let script = r#"
            const [path, done] = arguments;
            const t = window.__TAURI_INTERNALS__;
            const handler = t.transformCallback((event) => done(event));
            t.invoke('plugin:event|listen', {
                event: 'tauri://drag-drop',
                target: { kind: 'Webview', label: 'main' },
                handler,
            }).then(() => t.invoke('e2e_drop', { paths: [path] }))
              .catch((e) => done({ error: String(e) }));
        "#;
        let event = app.client.execute_async(script, vec![json!(file)]).await?;
        ensure!(
            event.get("error").is_none(),
            "e2e_drop failed ({}): build the app with `cargo build -p postdesk --features e2e`",
            event["error"]
        );
        let payload = &event["payload"];
        ensure!(
            payload["paths"] == json!([file]),
            "unexpected drop event: {event}"
        );
        ensure!(
            payload["position"]["x"].as_f64().is_some_and(|x| x > 0.0),
            "no position: {event}"
        );
        Ok(())
    })
    .await
}
