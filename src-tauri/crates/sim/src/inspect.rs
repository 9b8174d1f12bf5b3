//! `/_sim/…`: what the simulator received and sent, for the sandbox UI and tests.
//! Sandbox only: `/_sim/credentials` shows passwords and secrets in clear.
//!
//! The public functions read these endpoints of a running simulator over HTTP
//! (in-process or a separate `postdesk-sim`). `base_url` is `SimHandle::base_url`
//! (with the token of a guarded simulator); their errors name only its origin.

use crate::epost::status::current_status;
use crate::server::{AppState, Shared};
use crate::state::{now, text, InboxMessage};
use axum::extract::State;
use axum::routing;
use axum::{Json, Router};
use postdesk_providers::http::without_path;
use serde_json::{json, Value};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/_sim/letters", routing::get(letters_handler))
        .route("/_sim/inbox", routing::get(inbox_handler))
        .route("/_sim/credentials", routing::get(credentials_handler))
}

/// Every accepted letter. E-POST: the fields received (wire names, without
/// `data`) plus `provider`, `providerId`, `sha256` (of the decoded PDF),
/// `bytes`, `pages`, `vendorID`, `ekp`, `statusID` (now) and `acceptedAt`.
/// Then every Ekopost envelope (see `ekopost_letters`), then every EasyPost
/// job that got its file (see `easypost::letters`).
pub(crate) fn letters_json(shared: &Shared) -> Vec<Value> {
    let mut all = epost_letters(shared);
    all.extend(ekopost_letters(shared));
    all.extend(crate::easypost::letters(shared));
    all
}

fn epost_letters(shared: &Shared) -> Vec<Value> {
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

/// Each Ekopost envelope: the fields received (wire names) plus `provider`
/// ("ekopost"), `providerId` (`campaign_id/envelope_id`), `campaign_id`,
/// `envelope_id`, `state` and `campaignState` (now), `sha256`, `bytes` and
/// `pages` of its document (null before it has one), `contents`,
/// `closeRequests` (close calls answered) and `createdAt`.
fn ekopost_letters(shared: &Shared) -> Vec<Value> {
    use crate::ekopost::progress::{campaign_state, envelope_state};
    let state = shared.read();
    let (step, now) = (shared.config.step, now());
    let mut out = Vec::new();
    for c in &state.ekopost.campaigns {
        let campaign = campaign_state(c, step, now).0;
        for e in &c.envelopes {
            let mut o = match serde_json::to_value(&e.request) {
                Ok(Value::Object(o)) => o,
                _ => serde_json::Map::new(),
            };
            let doc = e.document();
            let extra = json!({
                "provider": "ekopost",
                "providerId": format!("{}/{}", c.id, e.id),
                "campaign_id": c.id,
                "envelope_id": e.id,
                "state": envelope_state(c, e, step, now).0,
                "campaignState": campaign,
                "sha256": doc.map(|d| d.sha256.clone()),
                "bytes": doc.map(|d| d.length),
                "pages": doc.and_then(|d| d.pages),
                "contents": e.contents.len(),
                "closeRequests": e.close_requests,
                "createdAt": text(e.created_at),
            });
            if let Value::Object(extra) = extra {
                o.extend(extra);
            }
            out.push(Value::Object(o));
        }
    }
    out
}

/// `{ "epost": [ { vendorID, ekp, password, secret, email, mobile } ],
///    "ekopost": { api_key, base_url, username, password, webhook_secret },
///    "posti": { api_key, agreement_ids, base_url },
///    "easypost": { api_key, client_id, client_secret, token_url, base_url } }`.
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
    let e = &state.ekopost;
    let ekopost = json!({
        "api_key": e.api_key,
        "base_url": format!("{}{}", shared.base_url, crate::ekopost::PREFIX),
        "username": e.username,
        "password": e.password,
        "webhook_secret": e.webhook_secret,
    });
    drop(state);
    json!({ "epost": accounts, "ekopost": ekopost, "posti": crate::posti::credentials(shared), "easypost": crate::easypost::credentials(shared) })
}

/// `GET {base_url}/_sim/inbox`, oldest first.
pub async fn inbox(base_url: &str) -> Result<Vec<InboxMessage>, reqwest::Error> {
    get(base_url, "/_sim/inbox").await
}

/// `GET {base_url}/_sim/letters` (see `letters_json` for the fields).
pub async fn letters(base_url: &str) -> Result<Vec<Value>, reqwest::Error> {
    get(base_url, "/_sim/letters").await
}

/// `GET {base_url}/_sim/credentials`: `{ "epost": [ … ], "ekopost": { … } }`.
pub async fn credentials(base_url: &str) -> Result<Value, reqwest::Error> {
    get(base_url, "/_sim/credentials").await
}

/// `POST {base_url}/_sim/posti/new-key`: the sandbox's main user deletes the
/// Posti key and makes a new one; answers `credentials().posti` anew.
pub async fn posti_new_key(base_url: &str) -> Result<Value, reqwest::Error> {
    let url = format!("{}/_sim/posti/new-key", base_url.trim_end_matches('/'));
    let call = async {
        local_client()?
            .post(url)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await
    };
    call.await.map_err(without_path)
}

/// `POST {base_url}/_sim/easypost/age-job/{id}?secs=N`: the EasyPost job (its
/// file and events) N seconds older; answers `{ id, status }` (status null:
/// the job waited for its file over 2 hours and is deleted).
pub async fn easypost_age_job(base_url: &str, job_id: &str, secs: u64) -> Result<Value, reqwest::Error> {
    let path = format!("/_sim/easypost/age-job/{job_id}?secs={secs}");
    post(base_url, &path, Value::Null).await
}

/// `POST {base_url}/_sim/easypost/oauth?…`: `token_secs` the life of the
/// OAuth2 tokens issued from now on, `expire` ends the tokens issued so far;
/// answers `{ tokenSecs, issued, live }`.
pub async fn easypost_oauth(base_url: &str, token_secs: Option<u64>, expire: bool) -> Result<Value, reqwest::Error> {
    let mut path = format!("/_sim/easypost/oauth?expire={expire}");
    if let Some(secs) = token_secs {
        path.push_str(&format!("&tokenSecs={secs}"));
    }
    post(base_url, &path, Value::Null).await
}

/// `GET {base_url}/_sim/easypost/oauth`: `{ tokenSecs, issued, live }`.
pub async fn easypost_oauth_book(base_url: &str) -> Result<Value, reqwest::Error> {
    get(base_url, "/_sim/easypost/oauth").await
}

/// `POST {base_url}/_sim/easypost/peppol`: a Peppol document arrives at the
/// sandbox company now (`body` may name `senderId`, `senderName`,
/// `documentType`, `documentNumber`, or be null); answers the document.
pub async fn easypost_peppol_arrive(base_url: &str, body: Value) -> Result<Value, reqwest::Error> {
    post(base_url, "/_sim/easypost/peppol", body).await
}

async fn post(base_url: &str, path: &str, body: Value) -> Result<Value, reqwest::Error> {
    let url = format!("{}{path}", base_url.trim_end_matches('/'));
    let call = async {
        let req = local_client()?.post(url);
        let req = if body.is_null() { req } else { req.json(&body) };
        req.send().await?.error_for_status()?.json().await
    };
    call.await.map_err(without_path)
}

async fn get<T: serde::de::DeserializeOwned>(
    base_url: &str,
    path: &str,
) -> Result<T, reqwest::Error> {
    let url = format!("{}{path}", base_url.trim_end_matches('/'));
    let call = async { local_client()?.get(url).send().await?.error_for_status()?.json().await };
    call.await.map_err(without_path)
}

/// A client for the simulator on this machine: never through a proxy from the
/// environment (`HTTP_PROXY` would send loopback calls to it).
fn local_client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder().no_proxy().build()
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
