//! The E-POSTBUSINESS API under `/api/…` (facts: `shared/providers/epost.md`).

mod admin;
mod letters;
mod login;
mod test_result;
pub(crate) mod status;
pub(crate) mod validate;

use crate::reply::{codes, Reject};
use crate::server::{AppState, Shared, LETTER_BODY_LIMIT};
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/Login", post(login::login))
        .route("/api/Login/smsRequest", post(login::sms_request))
        .route("/api/Login/setPassword", post(login::set_password))
        .route("/api/Login/HealthCheck", get(login::health_check))
        .route(
            "/api/Letter",
            post(letters::send).layer(DefaultBodyLimit::max(LETTER_BODY_LIMIT)),
        )
        .route("/api/Letter/StatusQuery", post(status::status_query))
        .route(
            "/api/Letter/TestResult/{letter_id}",
            get(status::test_result),
        )
        .route("/api/Letter/{letter_id}", get(status::letter_status))
        .route("/api/Client/EMailRequest", post(admin::email_request))
        .route("/api/Client/SetEMail", post(admin::set_email))
        .route("/api/Client/MobileRequest", post(admin::mobile_request))
        .route("/api/Client/SetMobile", post(admin::set_mobile))
        .route("/api/Client/TestEMail", post(admin::test_email))
        .route("/api/Client/TestMobile", post(admin::test_mobile))
}

/// The E-POST part of the simulator state.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EpostState {
    pub accounts: Vec<Account>,
    pub letters: Vec<StoredLetter>,
    pub tokens: Vec<TokenGrant>,
    pub next_letter_id: i64,
}

/// One customer account (EKP) as opened for one vendor id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    pub vendor_id: String,
    pub ekp: String,
    pub password: Option<String>,
    pub secret: Option<String>,
    pub email: String,
    pub mobile: String,
    #[serde(default)]
    pub pending: Vec<PendingCode>,
    /// When admin-contact codes were requested, Unix seconds (for the
    /// "too many requests" limit).
    #[serde(default)]
    pub contact_requests: Vec<i64>,
}

/// What a code sent by SMS or e-mail confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Purpose {
    Password,
    EMail { new_email: String },
    Mobile { new_mobile: String },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingCode {
    pub purpose: Purpose,
    pub code: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenGrant {
    pub token: String,
    pub vendor_id: String,
    pub ekp: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// How long a test letter's processed PDF can be fetched (`TestResult`).
pub(crate) const TEST_RESULT_KEPT: time::Duration = time::Duration::hours(48);

/// An accepted letter: every field received except `data`, plus our bookkeeping.
/// The PDF (test letters) and an own cover page (`coverData`) are kept only
/// for `TEST_RESULT_KEPT` (see `EpostState::expire`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredLetter {
    pub letter_id: i64,
    pub vendor_id: String,
    pub ekp: String,
    pub file_name: String,
    pub received: serde_json::Map<String, serde_json::Value>,
    pub sha256: String,
    pub bytes: usize,
    pub pages: Option<u32>,
    #[serde(with = "time::serde::rfc3339")]
    pub accepted_at: OffsetDateTime,
    pub duplicate_failsafe: bool,
    pub test_flag: bool,
    /// Kept for `TestResult` (test letters only).
    pub pdf_base64: Option<String>,
    /// Set from `custom5 = "sim:fail[:CODE]"`: the letter goes 3 → 99.
    pub fail_code: Option<String>,
}

impl Account {
    pub fn key(&self) -> String {
        account_key(&self.vendor_id, &self.ekp)
    }
}

pub(crate) fn account_key(vendor_id: &str, ekp: &str) -> String {
    format!("{vendor_id}/{ekp}")
}

impl EpostState {
    pub fn account(&self, vendor_id: &str, ekp: &str) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|a| a.vendor_id == vendor_id && a.ekp == ekp)
    }

    pub fn account_mut(&mut self, vendor_id: &str, ekp: &str) -> Option<&mut Account> {
        self.accounts
            .iter_mut()
            .find(|a| a.vendor_id == vendor_id && a.ekp == ekp)
    }

    /// Drop the PDFs (and own cover pages) of letters accepted
    /// `TEST_RESULT_KEPT` or longer before `now`: their test result has
    /// expired, and the state file would otherwise grow by every test letter.
    /// The letter itself stays (its status, `/_sim/letters`). True when
    /// anything was dropped.
    pub fn expire(&mut self, now: OffsetDateTime) -> bool {
        let mut dropped = false;
        for l in &mut self.letters {
            if now - l.accepted_at < TEST_RESULT_KEPT {
                continue;
            }
            dropped |= l.pdf_base64.take().is_some();
            dropped |= l.received.remove("coverData").is_some();
        }
        dropped
    }
}

/// The account a bearer token belongs to: (vendorID, ekp).
pub(crate) struct Caller {
    pub vendor_id: String,
    pub ekp: String,
}

impl Caller {
    pub fn key(&self) -> String {
        account_key(&self.vendor_id, &self.ekp)
    }
}

/// Check `Authorization: Bearer …`; 401 with an error object otherwise.
pub(crate) fn authenticate(shared: &Shared, headers: &HeaderMap) -> Result<Caller, Reject> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| Reject::unauthorized(codes::NO_TOKEN, "missing bearer token"))?;
    let state = shared.read();
    let now = crate::state::now();
    let grant = state
        .epost
        .tokens
        .iter()
        .find(|g| g.token == token)
        .ok_or_else(|| Reject::unauthorized(codes::NO_TOKEN, "invalid bearer token"))?;
    if grant.expires_at <= now {
        return Err(Reject::unauthorized(
            codes::NO_TOKEN,
            "bearer token expired",
        ));
    }
    Ok(Caller {
        vendor_id: grant.vendor_id.clone(),
        ekp: grant.ekp.clone(),
    })
}

/// A random numeric code of `digits` digits.
pub(crate) fn random_code(digits: u32) -> String {
    use rand::Rng;
    let n = rand::thread_rng().gen_range(0..10u32.pow(digits));
    format!("{n:0width$}", width = digits as usize)
}

/// A random URL-safe token of `len` characters.
pub(crate) fn random_text(len: usize) -> String {
    use rand::distributions::Alphanumeric;
    use rand::Rng;
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(accepted_at: OffsetDateTime) -> StoredLetter {
        let mut received = serde_json::Map::new();
        received.insert("coverData".into(), "JVBERi0=".into());
        StoredLetter {
            letter_id: 1,
            vendor_id: "V".into(),
            ekp: "1234567890".into(),
            file_name: "Test.pdf".into(),
            received,
            sha256: String::new(),
            bytes: 5,
            pages: Some(1),
            accepted_at,
            duplicate_failsafe: true,
            test_flag: true,
            pdf_base64: Some("JVBERi0=".into()),
            fail_code: None,
        }
    }

    #[test]
    fn pdfs_are_kept_for_48_hours_and_dropped_then() {
        let at = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        let mut state = EpostState {
            letters: vec![letter(at)],
            ..Default::default()
        };
        let almost = at + TEST_RESULT_KEPT - time::Duration::seconds(1);
        assert!(!state.expire(almost));
        assert!(state.letters[0].pdf_base64.is_some());
        assert!(state.expire(at + TEST_RESULT_KEPT));
        assert!(state.letters[0].pdf_base64.is_none());
        assert!(!state.letters[0].received.contains_key("coverData"));
        assert_eq!(state.letters.len(), 1, "the letter stays");
        assert!(
            !state.expire(at + TEST_RESULT_KEPT * 2),
            "nothing left to drop"
        );
    }
}
