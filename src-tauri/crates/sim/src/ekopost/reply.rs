//! Error answers in Ekopost's shape: 400 (or 404) with one
//! `{ error_code, error_message, developer_message }`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use postdesk_providers::ekopost::codes;
use postdesk_providers::ekopost::wire::ApiError;
use serde::de::DeserializeOwned;

#[derive(Debug)]
pub struct Fail {
    pub status: StatusCode,
    pub error: ApiError,
}

impl Fail {
    /// 400 with the reference's message for `code` and our detail.
    pub fn bad(code: &str, developer_message: impl Into<String>) -> Self {
        Fail {
            status: StatusCode::BAD_REQUEST,
            error: ApiError::for_code(code, developer_message),
        }
    }

    /// 404 for an unknown resource, still with an error object.
    pub fn not_found(code: &str, developer_message: impl Into<String>) -> Self {
        Fail {
            status: StatusCode::NOT_FOUND,
            error: ApiError::for_code(code, developer_message),
        }
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        (self.status, Json(self.error)).into_response()
    }
}

pub type Result<T> = std::result::Result<T, Fail>;

/// A JSON body, or 127 "Invalid data". An empty body reads as `{}`.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body)
        .map_err(|e| Fail::bad(codes::INVALID_DATA, format!("request body: {e}")))
}
