//! EasyPost Connect (Belgium) under `/easypost/…` (the contract is the endpoint
//! list `shared/seeds/002_…`; the JSON is ours, written down once in
//! `postdesk_providers::easypost::wire`). One sandbox company, one generated
//! `x-api-key` and one OAuth2 client (`client_id`, `client_secret`), all in
//! `GET /_sim/credentials`. Every API route takes the key or a valid bearer
//! token from `POST /easypost/oauth/token` (see `oauth`), 401 otherwise.
//!
//! Simulated: `GET /health` (no key), workflows, single-file jobs with their
//! pre-signed upload URL, sending events moving over time with their files
//! (EPOD, SUBMISSION_REPORT), resend, Peppol incoming documents, usage and
//! webhook subscriptions with signed deliveries.
//!
//! Not simulated: companies, departments and users (a reseller's
//! administration, not a clerk's tool) and `GET /usage/details`; the payload
//! job calls (`/jobs/payload-pdf`, `/jobs/payload-word`) answer 501.
//!
//! Choices of the simulator (the seed gives none of them):
//! - **Paging**: every list takes `?maxItems=` (1..=100, default 100, else 400
//!   `VALIDATION_ERROR`) besides the seed's `after=<id of the last item>`; an
//!   `after` naming no item of the list is a 400 too.
//! - **Upload URL**: `{base}/easypost/_upload/{jobId}?expires=<unix>&signature=<hex>`,
//!   `signature` = hex HMAC-SHA256 (under a key made from the sandbox's API key) of
//!   `"upload:{jobId}:{expires}"`; valid 15 minutes (never past the job's
//!   `expiresAt`); no `x-api-key` (pre-signed). Wrong or expired → 403
//!   `UPLOAD_URL_EXPIRED`. Download URLs (`_files/…`, `_peppol/…`) alike, valid
//!   10 minutes.
//! - **Aging**: `POST /_sim/easypost/age-job/{id}?secs=N` moves the job (its
//!   start, its file's arrival, its events) N seconds into the past: a job
//!   awaiting its file for more than 2 hours is deleted (then 404), events
//!   reach their final state. `POST /_sim/easypost/peppol` makes a Peppol
//!   document arrive (see `peppol`). `POST /_sim/easypost/stale-upload-urls?count=N`:
//!   the next N jobs created are answered with an upload URL already expired.
//! - **Failures**: a job whose `fileName` contains `sim-fail` makes a FAILED
//!   sending event (`sim-fail-CODE` for another error code than
//!   `ADDRESS_NOT_FOUND`), like the E-POST simulator's file-name mark. A
//!   re-send runs clean. `no-ebox` in the name: the eBox workflow falls back to
//!   postal mail.
//! - **Prices** (usage): see `usage::PRICES`.

mod events;
mod jobs;
pub(crate) mod oauth;
mod peppol;
mod progress;
mod usage;
pub(crate) mod webhook;

use crate::server::{AppState, Shared, LETTER_BODY_LIMIT};
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use postdesk_providers::easypost::wire::{
    channel, codes, workflow_type, ApiError, EventError, EventRecipient, Page, PeppolDocument,
    Workflow,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Where the API is mounted on the simulator.
pub const PREFIX: &str = "/easypost";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/oauth/token", post(oauth::token))
        .route("/workflows", get(list_workflows))
        .route("/workflows/{id}", get(get_workflow))
        .route("/jobs", get(jobs::list))
        .route("/jobs/single-file", post(jobs::create))
        .route("/jobs/payload-pdf", post(not_simulated))
        .route("/jobs/payload-word", post(not_simulated))
        .route("/jobs/{id}", get(jobs::get_one))
        .route(
            "/_upload/{id}",
            put(jobs::upload).layer(DefaultBodyLimit::max(LETTER_BODY_LIMIT)),
        )
        .route("/sending-events", get(events::list))
        .route("/sending-events/{id}", get(events::get_one))
        .route("/sending-events/{id}/resend", post(events::resend))
        .route(
            "/sending-events/{id}/files/{reference}/download-url",
            get(events::download_url),
        )
        .route("/_files/{id}/{reference}", get(events::download))
        .route("/peppol-incoming-documents", get(peppol::list))
        .route(
            "/peppol-incoming-documents/sender/{sender}/document/{id}",
            get(peppol::get_one),
        )
        .route(
            "/peppol-incoming-documents/sender/{sender}/document/{id}/download-url",
            get(peppol::download_url),
        )
        .route("/_peppol/{sender}/{id}", get(peppol::download))
        .route("/usage", get(usage::usage))
        .route("/webhooks", post(webhook::create).get(webhook::list))
        .route(
            "/webhooks/{id}",
            get(webhook::get_one)
                .patch(webhook::update)
                .delete(webhook::delete),
        )
        .route("/webhooks/{id}/reset-secret", post(webhook::reset_secret))
        .route("/webhooks/{id}/test", post(webhook::test))
}

/// The `/_sim/easypost/…` hooks (not under the API's prefix).
pub(crate) fn sim_routes() -> Router<AppState> {
    Router::new()
        .route("/_sim/easypost/age-job/{id}", post(jobs::age))
        .route("/_sim/easypost/stale-upload-urls", post(jobs::stale_upload_urls))
        .route("/_sim/easypost/oauth", get(oauth::inspect).post(oauth::configure))
        .route("/_sim/easypost/peppol", post(peppol::arrive))
}

/// The EasyPost part of the simulator state: one sandbox company. Saved
/// compactly (empty lists left out, what can be made again not saved): the
/// state file of a sandbox that never used EasyPost grows by a few bytes only.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EasypostState {
    /// For `x-api-key`; made once per state.
    pub api_key: String,
    /// The sandbox's OAuth2 client; made once per state.
    pub client_id: String,
    pub client_secret: String,
    /// Bearer tokens issued; not saved.
    #[serde(skip)]
    pub tokens: oauth::TokenBook,
    /// Key of the pre-signed URLs' signatures; not saved, made from `api_key`.
    #[serde(skip)]
    pub url_key: String,
    /// Not saved: the same constant list at every start.
    #[serde(skip)]
    pub workflows: Vec<Workflow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub jobs: Vec<StoredJob>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<StoredEvent>,
    /// When the Peppol documents were seeded (unix seconds): the seeded set is
    /// made again from it at every start (same ids and dates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peppol_seeded_at: Option<i64>,
    /// The documents that arrived since (`POST /_sim/easypost/peppol`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub peppol_arrived: Vec<PeppolDocument>,
    /// Not saved: the seeded ones, then the arrived ones.
    #[serde(skip)]
    pub peppol: Vec<PeppolDocument>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub webhooks: Vec<StoredWebhook>,
    /// Not saved: how many of the next created jobs are answered with an upload
    /// URL that has already expired (`POST /_sim/easypost/stale-upload-urls`).
    #[serde(skip)]
    pub stale_upload_urls: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredJob {
    pub id: String,
    pub workflow_id: String,
    pub file_name: String,
    pub external_reference: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Set when the file arrived.
    pub file: Option<StoredFile>,
    /// The status last told to webhooks.
    #[serde(default)]
    pub notified: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredFile {
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
    pub sha256: String,
    pub bytes: usize,
    pub pages: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredEvent {
    pub id: String,
    pub job_id: String,
    pub workflow_id: String,
    /// The channel that carries it.
    pub channel: String,
    pub recipient: EventRecipient,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    pub pages: u32,
    pub is_resend: bool,
    pub original_sending_event_id: Option<String>,
    /// Set: the event fails after PROCESSING with this error.
    pub fail: Option<EventError>,
    /// The status and files last told to webhooks.
    #[serde(default)]
    pub notified: Option<String>,
    #[serde(default)]
    pub notified_files: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredWebhook {
    pub id: String,
    pub url: String,
    pub event_types: Vec<String>,
    pub description: Option<String>,
    pub enabled: bool,
    pub secret: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl EasypostState {
    /// Make the key, the workflows and the Peppol documents once per state;
    /// true when it did.
    /// Also makes what is not saved (workflows, the seeded Peppol documents):
    /// call it once after loading.
    pub fn ensure_credentials(&mut self) -> bool {
        let mut made = false;
        if self.api_key.is_empty() {
            self.api_key = crate::epost::random_text(40);
            made = true;
        }
        if self.client_id.is_empty() || self.client_secret.is_empty() {
            self.client_id = format!("sandbox-{}", crate::epost::random_text(12));
            self.client_secret = crate::epost::random_text(40);
            made = true;
        }
        self.url_key = hex::encode(Sha256::digest(format!("easypost-url-key:{}", self.api_key)));
        let seeded_at = match self.peppol_seeded_at {
            Some(at) => at,
            None => {
                made = true;
                *self
                    .peppol_seeded_at
                    .insert(crate::state::now().unix_timestamp())
            }
        };
        let seeded_at =
            OffsetDateTime::from_unix_timestamp(seeded_at).unwrap_or_else(|_| crate::state::now());
        self.workflows = sandbox_workflows();
        self.peppol = peppol::seed(seeded_at);
        self.peppol.extend(self.peppol_arrived.iter().cloned());
        made
    }

    /// Drop the jobs that waited for their file longer than the seed's 2 hours.
    pub fn expire(&mut self, now: OffsetDateTime) -> bool {
        let before = self.jobs.len();
        self.jobs.retain(|j| !j.expired(now));
        before != self.jobs.len()
    }
}

impl StoredJob {
    pub fn expires_at(&self) -> OffsetDateTime {
        self.created_at
            + time::Duration::seconds(
                postdesk_providers::easypost::wire::AWAITING_FOR_FILE_LIMIT_SECS,
            )
    }

    pub fn expired(&self, now: OffsetDateTime) -> bool {
        self.file.is_none() && now >= self.expires_at()
    }
}

/// The sandbox's workflows, in the order `GET /workflows` lists them. The
/// first three are the fixtures' (`fixtures/easypost/workflows_page.json`).
fn sandbox_workflows() -> Vec<Workflow> {
    let wf = |id: &str,
              name: &str,
              description: Option<&str>,
              kind: &str,
              channels: &[&str],
              status: &str| Workflow {
        id: id.into(),
        name: name.into(),
        description: description.map(str::to_owned),
        kind: kind.into(),
        channels: channels.iter().map(|c| (*c).to_owned()).collect(),
        status: status.into(),
    };
    use channel::*;
    use workflow_type::*;
    vec![
        wf("wf_01HZX3K8Q4M2V7T9C5N6B1D0AP", "Postal letter, black and white, simplex",
           Some("One PDF, the address read from page 1, printed and posted by bpost"), SINGLE_FILE, &[POSTAL_MAIL], "ACTIVE"),
        wf("wf_01HZX3M1R7S8W2Y4E6G9H3J5KQ", "Registered letter", None, SINGLE_FILE, &[REGISTERED_MAIL], "ACTIVE"),
        wf("wf_01HZX3N5T2U6X8Z1F3H7K9L2MR", "eBox, then paper",
           Some("Delivered to the recipient's eBox when they have one, printed and posted otherwise"), PAYLOAD_PDF, &[EBOX, POSTAL_MAIL], "INACTIVE"),
        wf("wf_01HZX3P9V4W8Y2A5C7E1G3J6NS", "eBox, then paper (one PDF)",
           Some("One PDF: to the recipient's eBox when they have one, printed and posted otherwise"), SINGLE_FILE, &[EBOX, POSTAL_MAIL], "ACTIVE"),
        wf("wf_01HZX3Q2X6Z0B4D8F2H6K0M4PT", "Reminder from a Word template", None, PAYLOAD_WORD, &[EMAIL, POSTAL_MAIL], "ACTIVE"),
        wf("wf_01HZX3R5Z8B2D6F0H4K8M2P6RV", "Postal letter, colour (retired)", None, SINGLE_FILE, &[POSTAL_MAIL], "INACTIVE"),
        wf("wf_01HZX3S8B0D4F8H2K6M0P4S8TW", "Postal letter, colour, duplex", None, SINGLE_FILE, &[POSTAL_MAIL], "ACTIVE"),
    ]
}

// ---- errors ----

/// An error answer: NestJS's body plus our `code`.
#[derive(Debug)]
pub struct Fail(pub StatusCode, pub ApiError);

impl Fail {
    pub fn new(status: StatusCode, code: &str, message: impl Into<Value>) -> Self {
        Fail(
            status,
            ApiError {
                status_code: status.as_u16(),
                message: message.into(),
                error: status.canonical_reason().unwrap_or("Error").to_owned(),
                code: Some(code.to_owned()),
            },
        )
    }
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        Fail::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            format!("{what} not found"),
        )
    }
    pub fn invalid(messages: Vec<String>) -> Self {
        Fail::new(
            StatusCode::BAD_REQUEST,
            codes::VALIDATION_ERROR,
            json!(messages),
        )
    }
    pub fn conflict(code: &str, message: &str) -> Self {
        Fail::new(StatusCode::CONFLICT, code, message)
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

pub type Result<T> = std::result::Result<T, Fail>;

/// A valid bearer token (`oauth`), else `x-api-key` is the sandbox's key;
/// else 401 (`INVALID_TOKEN`, `MISSING_API_KEY`, `INVALID_API_KEY`).
pub(crate) fn authenticate(shared: &Shared, headers: &HeaderMap) -> Result<()> {
    if oauth::check_bearer(shared, headers)? {
        return Ok(());
    }
    let Some(key) = headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
    else {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            codes::MISSING_API_KEY,
            "Unauthorized",
        ));
    };
    let state = shared.read();
    let want = &state.easypost.api_key;
    if !want.is_empty() && Sha256::digest(key) == Sha256::digest(want.as_str()) {
        Ok(())
    } else {
        Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            codes::INVALID_API_KEY,
            "Invalid API key",
        ))
    }
}

/// A JSON body, or 400 `VALIDATION_ERROR` with the reason as a list.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|e| Fail::invalid(vec![format!("request body: {e}")]))
}

pub(crate) type Query = HashMap<String, String>;

/// `maxItems` of a list call: 1..=100, default 100.
pub(crate) fn max_items(q: &Query) -> Result<usize> {
    match q.get("maxItems") {
        None => Ok(postdesk_providers::easypost::wire::MAX_ITEMS as usize),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => Ok(n),
            _ => Err(Fail::invalid(vec![
                "maxItems must be a whole number from 1 to 100".into(),
            ])),
        },
    }
}

/// One page of `items` (already filtered and sorted): those after the item
/// whose id is `?after=`, at most `?maxItems=`.
pub(crate) fn page<T: Clone>(items: &[T], id: impl Fn(&T) -> &str, q: &Query) -> Result<Page<T>> {
    let max = max_items(q)?;
    let start = match q.get("after").filter(|a| !a.is_empty()) {
        None => 0,
        Some(after) => {
            items.iter().position(|i| id(i) == after).ok_or_else(|| {
                Fail::invalid(vec![format!("after: no item {after} in this list")])
            })? + 1
        }
    };
    Ok(Page {
        items: items.iter().skip(start).take(max).cloned().collect(),
        max_items: max as u32,
    })
}

// ---- pre-signed URLs ----

/// Hex HMAC-SHA256 of `message` under `key` (RFC 2104 over sha2).
pub(crate) fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |b: u8| k.iter().map(|x| x ^ b).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    hex::encode(
        Sha256::new()
            .chain_update(pad(0x5c))
            .chain_update(inner)
            .finalize(),
    )
}

/// `?expires=<unix>&signature=<hex>` for `what` (e.g. `upload:{jobId}`).
/// `url_key`: `EasypostState::url_key`.
pub(crate) fn presign(url_key: &str, what: &str, expires: OffsetDateTime) -> String {
    let t = expires.unix_timestamp();
    format!(
        "expires={t}&signature={}",
        hmac_sha256_hex(url_key.as_bytes(), format!("{what}:{t}").as_bytes())
    )
}

/// The query of a pre-signed URL is for `what` and not expired, else 403.
pub(crate) fn check_presigned(shared: &Shared, what: &str, q: &Query) -> Result<()> {
    let refuse = || {
        Fail::new(
            StatusCode::FORBIDDEN,
            codes::UPLOAD_URL_EXPIRED,
            "The pre-signed URL is invalid or has expired",
        )
    };
    let t: i64 = q
        .get("expires")
        .and_then(|v| v.parse().ok())
        .ok_or_else(refuse)?;
    let given = q.get("signature").ok_or_else(refuse)?;
    let key = shared.read().easypost.url_key.clone();
    let want = hmac_sha256_hex(key.as_bytes(), format!("{what}:{t}").as_bytes());
    let same = Sha256::digest(given.to_ascii_lowercase()) == Sha256::digest(&want);
    if !same || crate::state::now().unix_timestamp() > t {
        return Err(refuse());
    }
    Ok(())
}

/// `{base}/easypost` of this simulator.
pub(crate) fn api_base(shared: &Shared) -> String {
    format!("{}{PREFIX}", shared.base_url)
}

pub(crate) fn new_id(prefix: &str) -> String {
    format!(
        "{prefix}_{}",
        uuid::Uuid::new_v4()
            .simple()
            .to_string()
            .to_ascii_uppercase()
    )
}

// ---- handlers ----

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn not_simulated(
    axum::extract::State(shared): axum::extract::State<AppState>,
    headers: HeaderMap,
) -> Result<Response> {
    authenticate(&shared, &headers)?;
    Err(Fail::new(
        StatusCode::NOT_IMPLEMENTED,
        "NOT_SIMULATED",
        "Payload jobs are not simulated",
    ))
}

async fn list_workflows(
    axum::extract::State(shared): axum::extract::State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<Query>,
) -> Result<Json<Page<Workflow>>> {
    authenticate(&shared, &headers)?;
    let all = shared.read().easypost.workflows.clone();
    Ok(Json(page(&all, |w| &w.id, &q)?))
}

async fn get_workflow(
    axum::extract::State(shared): axum::extract::State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<Workflow>> {
    authenticate(&shared, &headers)?;
    let state = shared.read();
    state
        .easypost
        .workflows
        .iter()
        .find(|w| w.id == id)
        .cloned()
        .map(Json)
        .ok_or_else(|| Fail::not_found(format!("Workflow {id}")))
}

// ---- inspection ----

/// `GET /_sim/credentials`'s `easypost`: `{ api_key, client_id,
/// client_secret, token_url, base_url }`.
pub(crate) fn credentials(shared: &Shared) -> Value {
    let base = api_base(shared);
    let state = shared.read();
    let ep = &state.easypost;
    json!({
        "api_key": ep.api_key,
        "client_id": ep.client_id,
        "client_secret": ep.client_secret,
        "token_url": format!("{base}{}", postdesk_providers::easypost::wire::TOKEN_PATH),
        "base_url": base,
    })
}

/// Each job that got its file, for `GET /_sim/letters`: `provider`
/// ("easypost"), `providerId` (the job id), `workflowId`, `fileName`,
/// `externalReference`, `status` (the job's, now), `sha256`, `bytes`, `pages`
/// of the PDF, `events` (`[{ id, status, channel, isResend }]`), `createdAt`,
/// `uploadedAt`.
pub(crate) fn letters(shared: &Shared) -> Vec<Value> {
    let state = shared.read();
    let (step, now) = (shared.config.step, crate::state::now());
    let ep = &state.easypost;
    ep.jobs
        .iter()
        .filter_map(|j| {
            let f = j.file.as_ref()?;
            let events: Vec<Value> = ep
                .events
                .iter()
                .filter(|e| e.job_id == j.id)
                .map(|e| json!({ "id": e.id, "status": progress::event_status(e, step, now).0, "channel": e.channel, "isResend": e.is_resend }))
                .collect();
            Some(json!({
                "provider": "easypost",
                "providerId": j.id,
                "workflowId": j.workflow_id,
                "fileName": j.file_name,
                "externalReference": j.external_reference,
                "status": progress::job_status(ep, j, step, now),
                "sha256": f.sha256,
                "bytes": f.bytes,
                "pages": f.pages,
                "events": events,
                "createdAt": crate::state::text(j.created_at),
                "uploadedAt": crate::state::text(f.uploaded_at),
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_rfc4231_case_2() {
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
