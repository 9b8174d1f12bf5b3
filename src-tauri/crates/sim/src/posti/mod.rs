//! Posti under `/posti/…`: the one call our client makes with an OmaPosti Pro
//! key (`GET /v1/agreements`, see `postdesk_providers::posti` for why this
//! wire), with the key and agreement checks of the seed (`shared/seeds/003_…`):
//! a key reaches only the agreements linked to the main user who made it; a key
//! deleted on the Integrations page is refused as revoked.
use crate::server::{AppState, Shared};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use postdesk_providers::posti::wire::{codes, Agreement, AgreementList, ApiError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Where the API is mounted on the simulator.
pub const PREFIX: &str = "/posti";

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/v1/agreements", get(agreements))
}

/// The Posti part of the simulator state: one main user's key.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PostiState {
    /// The key made on the Integrations page (shown once in OmaPosti Pro).
    pub api_key: String,
    /// Keys deleted since (answered `API_KEY_REVOKED`).
    pub revoked_keys: Vec<String>,
    /// The logistics agreements linked to the main user, so reached by the key.
    pub agreements: Vec<Agreement>,
}

impl PostiState {
    /// Makes the key and the agreements once per state; true when it did.
    pub fn ensure_credentials(&mut self) -> bool {
        if !self.api_key.is_empty() {
            return false;
        }
        self.api_key = crate::epost::random_text(40);
        self.agreements = vec![
            Agreement { agreement_id: "612345".into(), name: "Sandbox Oy, parcels".into() },
            Agreement { agreement_id: "612346".into(), name: "Sandbox Oy, returns".into() },
        ];
        true
    }

    /// The main user deletes the key and makes a new one (Integrations page).
    pub fn new_key(&mut self) -> String {
        let old = std::mem::replace(&mut self.api_key, crate::epost::random_text(40));
        if !old.is_empty() {
            self.revoked_keys.push(old);
        }
        self.api_key.clone()
    }
}

fn refuse(code: &str, message: &str) -> Response {
    let body = ApiError { status: 401, error_code: code.into(), message: message.into() };
    (StatusCode::UNAUTHORIZED, Json(body)).into_response()
}

/// `GET /v1/agreements` with `Authorization: <key>`.
async fn agreements(State(shared): State<AppState>, headers: HeaderMap) -> Response {
    let Some(key) = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::trim) else {
        return refuse(codes::MISSING_API_KEY, "Authorization header is missing");
    };
    let state = shared.read();
    let p = &state.posti;
    if !p.api_key.is_empty() && key == p.api_key {
        return Json(AgreementList { agreements: p.agreements.clone() }).into_response();
    }
    if p.revoked_keys.iter().any(|k| k == key) {
        return refuse(codes::API_KEY_REVOKED, "The API key has been revoked");
    }
    refuse(codes::INVALID_API_KEY, "Invalid API key")
}

/// `POST /_sim/posti/new-key`: revoke the key and make another, as the main
/// user would on the Integrations page; answers the new credentials.
pub(crate) async fn new_key_handler(State(shared): State<AppState>) -> Json<Value> {
    let _ = shared.change(|s| Ok::<_, ()>(s.posti.new_key()));
    Json(credentials(&shared))
}

/// `{ api_key, agreement_ids, base_url }` for `GET /_sim/credentials`.
pub(crate) fn credentials(shared: &Shared) -> Value {
    let state = shared.read();
    let ids: Vec<&str> = state.posti.agreements.iter().map(|a| a.agreement_id.as_str()).collect();
    json!({
        "api_key": state.posti.api_key,
        "agreement_ids": ids,
        "base_url": format!("{}{}", shared.base_url, PREFIX),
    })
}
