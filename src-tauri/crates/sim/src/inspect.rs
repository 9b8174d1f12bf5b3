//! `/_sim/…`: what the simulator received and sent, for the sandbox UI and tests.
//! Sandbox only: `/_sim/credentials` shows passwords and secrets in clear.
//!
//! The public functions read these endpoints of a running simulator over HTTP
//! (in-process or a separate `postdesk-sim`).

use crate::epost::status::current_status;
use crate::server::{AppState, Shared};
use crate::state::{now, text, InboxMessage};
use axum::extract::State;
use axum::routing;
use axum::{Json, Router};
use serde_json::{json, Value};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/_sim/letters", routing::get(letters_handler))
        .route("/_sim/inbox", routing::get(inbox_handler))
        .route("/_sim/credentials", routing::get(credentials_handler))
}

/// Every accepted letter: the fields received (wire names, without `data`)
/// plus `provider`, `providerId`, `sha256` (of the decoded PDF), `bytes`,
/// `pages`, `vendorID`, `ekp`, `statusID` (now) and `acceptedAt`.
pub(crate) fn letters_json(shared: &Shared) -> Vec<Value> {
    let state = shared.read();
    let now = now();
    state
        .epost
        .letters
        .iter()
        .map(|l| {
            let mut o = l.received.clone();
            let extra = json!({
                "provider": "epost",
                "providerId": l.letter_id.to_string(),
                "letterID": l.letter_id,
                "fileName": l.file_name,
                "sha256": l.sha256,
                "bytes": l.bytes,
                "pages": l.pages,
                "vendorID": l.vendor_id,
                "ekp": l.ekp,
                "statusID": current_status(l, shared.config.step, now).status.to_wire(),
                "acceptedAt": text(l.accepted_at),
            });
            if let Value::Object(extra) = extra {
                o.extend(extra);
            }
            Value::Object(o)
        })
        .collect()
}

/// `{ "epost": [ { vendorID, ekp, password, secret, email, mobile } ] }`.
pub(crate) fn credentials_json(shared: &Shared) -> Value {
    let state = shared.read();
    let accounts: Vec<Value> = state
        .epost
        .accounts
        .iter()
        .map(|a| {
            json!({
                "vendorID": a.vendor_id,
                "ekp": a.ekp,
                "password": a.password,
                "secret": a.secret,
                "email": a.email,
                "mobile": a.mobile,
            })
        })
        .collect();
    json!({ "epost": accounts })
}

/// `GET {base_url}/_sim/inbox`, oldest first.
pub async fn inbox(base_url: &str) -> Result<Vec<InboxMessage>, reqwest::Error> {
    get(base_url, "/_sim/inbox").await
}

/// `GET {base_url}/_sim/letters` (see `letters_json` for the fields).
pub async fn letters(base_url: &str) -> Result<Vec<Value>, reqwest::Error> {
    get(base_url, "/_sim/letters").await
}

/// `GET {base_url}/_sim/credentials`: `{ "epost": [ … ] }`.
pub async fn credentials(base_url: &str) -> Result<Value, reqwest::Error> {
    get(base_url, "/_sim/credentials").await
}

async fn get<T: serde::de::DeserializeOwned>(
    base_url: &str,
    path: &str,
) -> Result<T, reqwest::Error> {
    let url = format!("{}{path}", base_url.trim_end_matches('/'));
    reqwest::get(url).await?.error_for_status()?.json().await
}

async fn letters_handler(State(shared): State<AppState>) -> Json<Vec<Value>> {
    Json(letters_json(&shared))
}

async fn inbox_handler(State(shared): State<AppState>) -> Json<Vec<InboxMessage>> {
    Json(shared.read().inbox.clone())
}

async fn credentials_handler(State(shared): State<AppState>) -> Json<Value> {
    Json(credentials_json(&shared))
}
