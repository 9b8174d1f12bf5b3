//! Error answers in the API's shape: an array of `{ level, code, description, date }`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use postdesk_providers::epost::wire::ApiError;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// A refused request: status, error objects and, for 429, `Retry-After`.
#[derive(Debug)]
pub struct Reject {
    pub status: StatusCode,
    pub errors: Vec<ApiError>,
    pub retry_after: Option<Duration>,
}

impl Reject {
    pub fn new(status: StatusCode, code: &str, description: impl Into<String>) -> Self {
        Reject {
            status,
            errors: vec![error(code, description)],
            retry_after: None,
        }
    }

    pub fn bad_request(code: &str, description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, description)
    }

    pub fn unauthorized(code: &str, description: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, description)
    }

    pub fn many(errors: Vec<ApiError>) -> Self {
        Reject {
            status: StatusCode::BAD_REQUEST,
            errors,
            retry_after: None,
        }
    }
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let mut resp = (self.status, Json(self.errors)).into_response();
        if let Some(wait) = self.retry_after {
            // Whole seconds, rounded up, at least 1.
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            if let Ok(v) = HeaderValue::from_str(&secs.max(1).to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}

pub type Result<T> = std::result::Result<T, Reject>;

pub fn error(code: &str, description: impl Into<String>) -> ApiError {
    ApiError::error(code, description, crate::state::now_text())
}

/// Parse a JSON body ourselves so that a bad body also gets error objects.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body)
        .map_err(|e| Reject::bad_request(codes::BAD_BODY, format!("invalid request body: {e}")))
}

/// The E-codes the simulator answers with (our choice; the public docs only
/// give E612–E614 as examples of the format).
pub mod codes {
    pub const BAD_BODY: &str = "E001";
    pub const NO_TOKEN: &str = "E002";
    pub const LOGIN_FAILED: &str = "E003";
    pub const TOO_MANY: &str = "E004";
    pub const UNAVAILABLE: &str = "E009";
    pub const NOT_FOUND: &str = "E005";
    pub const BAD_VENDOR: &str = "E010";
    pub const BAD_EKP: &str = "E011";
    pub const BAD_CODE: &str = "E012";
    pub const CODE_EXPIRED: &str = "E013";
    pub const BAD_PASSWORD: &str = "E014";
    pub const FILE_NAME_LENGTH: &str = "E101";
    pub const FILE_NAME_CHARS: &str = "E102";
    pub const FILE_NAME_NOT_UNIQUE: &str = "E103";
    pub const ZIP_CODE: &str = "E104";
    pub const ADDRESS_LINE1: &str = "E105";
    pub const ADDRESS_LINES: &str = "E106";
    pub const ADDRESS_LINE5_ABROAD: &str = "E107";
    pub const CITY: &str = "E108";
    pub const NOT_BASE64: &str = "E110";
    pub const TOO_LARGE: &str = "E111";
    pub const NOT_PDF: &str = "E112";
    pub const TOO_MANY_PAGES: &str = "E114";
    pub const COVER_DATA: &str = "E115";
    pub const FIELD_LENGTH: &str = "E116";
    pub const COST_CENTER: &str = "E119";
    pub const DUPLEX_REGISTERED: &str = "E120";
    pub const REGISTERED_ABROAD: &str = "E121";
    pub const SENDER_TWICE: &str = "E122";
    pub const DUPLICATE: &str = "E130";
    pub const EMPTY_BATCH: &str = "E140";
    pub const NO_TEST_RESULT: &str = "E150";
    pub const BAD_CONTACT: &str = "E200";
    /// Used for `status 99` letters made with `custom5 = "sim:fail"`.
    pub const NO_ADDRESS: &str = "E612";
}
