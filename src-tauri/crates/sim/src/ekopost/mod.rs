//! The Ekopost API under `/ekopost/…` (facts: `shared/seeds/001_…`, notes in
//! `shared/providers/ekopost.md`): campaigns → envelopes → content → close,
//! states moving over time, the reference's error codes.

mod campaigns;
mod content;
mod envelopes;
pub(crate) mod progress;
mod reply;
mod validate;
pub(crate) mod webhook;

use crate::server::{AppState, Shared, LETTER_BODY_LIMIT};
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use postdesk_providers::ekopost::codes;
use postdesk_providers::ekopost::wire::{ContentType, EnvelopeRequest};
use reply::Fail;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Where the API is mounted on the simulator.
pub const PREFIX: &str = "/ekopost";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns", post(campaigns::create).get(campaigns::list))
        .route("/campaigns/{campaign_id}", get(campaigns::get_one))
        .route("/campaigns/{campaign_id}/close", post(campaigns::close))
        .route("/campaigns/{campaign_id}/cancel", post(campaigns::cancel))
        .route(
            "/campaigns/{campaign_id}/envelopes",
            post(envelopes::create).get(envelopes::list),
        )
        .route(
            "/campaigns/{campaign_id}/envelopes/{envelope_id}",
            get(envelopes::get_one),
        )
        .route(
            "/campaigns/{campaign_id}/envelopes/{envelope_id}/close",
            post(envelopes::close),
        )
        .route(
            "/campaigns/{campaign_id}/envelopes/{envelope_id}/cancel",
            post(envelopes::cancel),
        )
        .route(
            "/campaigns/{campaign_id}/envelopes/{envelope_id}/content",
            post(content::create).layer(DefaultBodyLimit::max(LETTER_BODY_LIMIT)),
        )
        .route(
            "/campaigns/{campaign_id}/envelopes/{envelope_id}/content/{content_id}",
            get(content::get_one),
        )
}

/// The Ekopost part of the simulator state: one sandbox customer.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EkopostState {
    /// For `Authorization: api-key …`; made once per state.
    pub api_key: String,
    /// For `Authorization: Basic …`.
    pub username: String,
    pub password: String,
    /// Key of the `X-Ekopost-Signature` of the callbacks.
    pub webhook_secret: String,
    pub campaigns: Vec<StoredCampaign>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredCampaign {
    pub id: String,
    pub name: String,
    pub output_date: Option<String>,
    pub cost_center: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub closed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub cancelled_at: Option<OffsetDateTime>,
    pub envelopes: Vec<StoredEnvelope>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredEnvelope {
    pub id: String,
    /// The request as received (wire names).
    pub request: EnvelopeRequest,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub closed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub cancelled_at: Option<OffsetDateTime>,
    /// Close calls answered 200 (a repeated close is answered, not re-done).
    pub close_requests: u32,
    pub contents: Vec<StoredContent>,
    /// From a campaign `cost_center` or envelope `name` starting `sim:fail`:
    /// the envelope fails after `transferred`, with this reason.
    pub fail_reason: Option<String>,
}

/// A content without its data (only its digest is kept).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredContent {
    pub id: String,
    pub mime: String,
    pub length: u64,
    pub content_type: ContentType,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub return_address: Option<bool>,
    pub sha256: String,
    pub pages: Option<u32>,
}

impl StoredEnvelope {
    pub fn document(&self) -> Option<&StoredContent> {
        self.contents
            .iter()
            .find(|c| c.content_type == ContentType::Document)
    }
}

impl EkopostState {
    /// Make the sandbox credentials when the state has none; true when it did.
    pub fn ensure_credentials(&mut self) -> bool {
        if !self.api_key.is_empty() {
            return false;
        }
        self.api_key = crate::epost::random_text(40);
        self.username = "sandbox@postdesk.invalid".into();
        self.password = crate::epost::random_text(16);
        self.webhook_secret = crate::epost::random_text(32);
        true
    }

    pub fn campaign(&self, id: &str) -> reply::Result<&StoredCampaign> {
        self.campaigns
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Fail::not_found(codes::CAMPAIGN_NOT_FOUND, format!("no campaign {id}")))
    }

    pub fn campaign_mut(&mut self, id: &str) -> reply::Result<&mut StoredCampaign> {
        self.campaigns
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| Fail::not_found(codes::CAMPAIGN_NOT_FOUND, format!("no campaign {id}")))
    }
}

impl StoredCampaign {
    pub fn envelope(&self, id: &str) -> reply::Result<&StoredEnvelope> {
        self.envelopes.iter().find(|e| e.id == id).ok_or_else(|| {
            Fail::not_found(
                codes::ENVELOPE_NOT_FOUND,
                format!("no envelope {id} in campaign {}", self.id),
            )
        })
    }

    pub fn envelope_mut(&mut self, id: &str) -> reply::Result<&mut StoredEnvelope> {
        let campaign_id = self.id.clone();
        self.envelopes
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or_else(|| {
                Fail::not_found(
                    codes::ENVELOPE_NOT_FOUND,
                    format!("no envelope {id} in campaign {campaign_id}"),
                )
            })
    }
}

/// `Authorization: api-key <key>` or `Basic base64(user:password)`; anything
/// else is the reference's code 0, answered 400 like every handled error.
pub(crate) fn authenticate(shared: &Shared, headers: &HeaderMap) -> reply::Result<()> {
    let refuse = |why: &str| Fail::bad(codes::AUTH, why.to_owned());
    let value = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| refuse("missing Authorization header"))?
        .trim();
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| refuse("malformed Authorization header"))?;
    let state = shared.read();
    let creds = &state.ekopost;
    let ok = match scheme.to_ascii_lowercase().as_str() {
        "api-key" => !creds.api_key.is_empty() && token.trim() == creds.api_key,
        "basic" => STANDARD
            .decode(token.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .is_some_and(|t| {
                !creds.username.is_empty() && t == format!("{}:{}", creds.username, creds.password)
            }),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(refuse("unknown api-key or user name and password"))
    }
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `sim:fail[:reason]` in a campaign's `cost_center` or an envelope's `name`.
pub const FAIL_PREFIX: &str = "sim:fail";

pub(crate) fn fail_reason(text: Option<&str>) -> Option<String> {
    let rest = text?
        .strip_prefix(FAIL_PREFIX)?
        .trim_start_matches(':')
        .trim();
    Some(if rest.is_empty() {
        "The envelope could not be produced (simulated)".to_owned()
    } else {
        rest.to_owned()
    })
}
