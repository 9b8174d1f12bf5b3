//! Turning reqwest results and non-2xx answers into `ProviderError`.
//!
//! The API is NestJS (the seed names its controllers): an error is
//! `{ statusCode, message, error }`, `message` a text or a list of texts
//! (validation), plus our `code` where the client must tell cases apart
//! (`wire::codes`). Tolerant: a body without `code`, or not JSON at all (a
//! proxy's HTML page), still gives the status's kind.
//!
//! - 401/403 from the API: a bad key (`Auth`), code `INVALID_API_KEY` when the
//!   body names none.
//! - 401/403 from a **pre-signed** URL (upload, download): no key was sent
//!   there, so it is the URL that is wrong or expired: `Rejected`, code
//!   `UPLOAD_URL_EXPIRED` when the body names none.
//! - 429 rate-limited (with the bounded `Retry-After`), 408/5xx transient,
//!   timeouts and broken connections retryable (`crate::http::from_reqwest`),
//!   other 4xx `Rejected`.

use super::wire::{codes, ApiError};
use crate::error::{ErrorKind, ProviderError, ProviderMessage};
use crate::http::MAX_JSON_BODY;
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;

pub(crate) use crate::http::from_reqwest;

/// Who answered: the API (with our key) or a pre-signed URL (without).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Api,
    PreSigned,
}

/// A non-2xx answer as a `ProviderError`.
pub(crate) async fn from_response(resp: Response, origin: Origin) -> ProviderError {
    crate::http::error_from(resp, |status, retry, body| error_for(status, retry, body, origin)).await
}

/// NestJS's `message`: a text, or a list of texts.
fn message_texts(message: &serde_json::Value) -> Vec<String> {
    match message {
        serde_json::Value::String(s) if !s.trim().is_empty() => vec![s.trim().to_owned()],
        serde_json::Value::Array(all) => all
            .iter()
            .filter_map(|m| m.as_str())
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn error_for(
    status: StatusCode,
    retry: Option<Duration>,
    body: &str,
    origin: Origin,
) -> ProviderError {
    // Any JSON object parses (every field has a default); a text, an array or
    // HTML does not.
    let object = serde_json::from_str::<ApiError>(body).ok();
    let texts = object
        .as_ref()
        .map(|o| message_texts(&o.message))
        .unwrap_or_default();
    let mut code = object
        .as_ref()
        .and_then(|o| o.code.clone())
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
    let kind = match (refused, origin) {
        (true, Origin::Api) => {
            code.get_or_insert_with(|| codes::INVALID_API_KEY.to_owned());
            ErrorKind::Auth
        }
        (true, Origin::PreSigned) => {
            code.get_or_insert_with(|| codes::UPLOAD_URL_EXPIRED.to_owned());
            ErrorKind::Rejected
        }
        (false, _) => ProviderError::kind_for_status(status.as_u16(), retry),
    };
    let description = if texts.is_empty() {
        object
            .as_ref()
            .map(|o| o.error.trim().to_owned())
            .filter(|e| !e.is_empty())
            .or_else(|| status.canonical_reason().map(str::to_owned))
            .unwrap_or_else(|| "HTTP error".to_owned())
    } else {
        texts.join("; ")
    };
    let messages = if object.is_some() {
        let texts = if texts.is_empty() {
            vec![description.clone()]
        } else {
            texts
        };
        texts
            .into_iter()
            .map(|t| ProviderMessage {
                level: Some("error".into()),
                code: code.clone(),
                description: Some(t),
            })
            .collect()
    } else {
        Vec::new()
    };
    ProviderError {
        kind,
        http_status: Some(status.as_u16()),
        code,
        description,
        messages,
    }
}

/// The JSON body of a 2xx answer (at most `MAX_JSON_BODY`), or the mapped error.
pub(crate) async fn json<T: DeserializeOwned>(resp: Response) -> Result<T, ProviderError> {
    crate::http::json_or(resp, MAX_JSON_BODY, |status, retry, body| error_for(status, retry, body, Origin::Api)).await
}

/// Does `e` carry the API's `code`?
pub(crate) fn has_code(e: &ProviderError, code: &str) -> bool {
    e.code
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easypost_errors_are_classified() {
        let body = r#"{"statusCode":401,"message":"Invalid API key","error":"Unauthorized","code":"INVALID_API_KEY"}"#;
        let e = error_for(StatusCode::UNAUTHORIZED, None, body, Origin::Api);
        assert_eq!(e.kind, ErrorKind::Auth);
        assert_eq!(e.code.as_deref(), Some(codes::INVALID_API_KEY));
        assert_eq!(e.description, "Invalid API key");

        // NestJS's own 403 without our code; an HTML 401 from a proxy.
        let e = error_for(
            StatusCode::FORBIDDEN,
            None,
            r#"{"statusCode":403,"message":"Forbidden resource","error":"Forbidden"}"#,
            Origin::Api,
        );
        assert_eq!(
            (e.kind.clone(), e.code.as_deref()),
            (ErrorKind::Auth, Some(codes::INVALID_API_KEY))
        );
        let e = error_for(
            StatusCode::UNAUTHORIZED,
            None,
            "<html>no</html>",
            Origin::Api,
        );
        assert_eq!(e.kind, ErrorKind::Auth);
        assert!(e.messages.is_empty());

        // A missing-key code is kept.
        let e = error_for(
            StatusCode::UNAUTHORIZED,
            None,
            r#"{"statusCode":401,"message":"x","error":"Unauthorized","code":"MISSING_API_KEY"}"#,
            Origin::Api,
        );
        assert_eq!(e.code.as_deref(), Some(codes::MISSING_API_KEY));

        // The pre-signed URL's 403 is not a bad key.
        let e = error_for(
            StatusCode::FORBIDDEN,
            None,
            "<Error>AccessDenied</Error>",
            Origin::PreSigned,
        );
        assert_eq!(
            (e.kind.clone(), e.code.as_deref()),
            (ErrorKind::Rejected, Some(codes::UPLOAD_URL_EXPIRED))
        );

        // Validation: a list of texts.
        let body = r#"{"statusCode":400,"message":["workflowId must be a string","fileName should not be empty"],"error":"Bad Request","code":"VALIDATION_ERROR"}"#;
        let e = error_for(StatusCode::BAD_REQUEST, None, body, Origin::Api);
        assert_eq!(e.kind, ErrorKind::Rejected);
        assert_eq!(e.code.as_deref(), Some(codes::VALIDATION_ERROR));
        assert_eq!(e.messages.len(), 2);
        assert_eq!(
            e.description,
            "workflowId must be a string; fileName should not be empty"
        );

        // NestJS's 404 without code; an empty 409.
        let e = error_for(
            StatusCode::NOT_FOUND,
            None,
            r#"{"statusCode":404,"message":"Cannot GET /jobs/x","error":"Not Found"}"#,
            Origin::Api,
        );
        assert_eq!(
            (e.kind.clone(), e.code.clone()),
            (ErrorKind::Rejected, None)
        );
        let e = error_for(StatusCode::CONFLICT, None, "", Origin::Api);
        assert_eq!(
            (e.kind.clone(), e.description.as_str()),
            (ErrorKind::Rejected, "Conflict")
        );

        // Retryable ones.
        let e = error_for(
            StatusCode::BAD_GATEWAY,
            None,
            "<html>oops</html>",
            Origin::Api,
        );
        assert!(e.is_retryable());
        let wait = Some(Duration::from_secs(3));
        let e = error_for(
            StatusCode::TOO_MANY_REQUESTS,
            wait,
            r#"{"statusCode":429,"message":"Too Many Requests","error":"Too Many Requests","code":"RATE_LIMITED"}"#,
            Origin::Api,
        );
        assert_eq!(e.kind, ErrorKind::RateLimited { retry_after: wait });
        assert!(has_code(&e, "rate_limited"));
        // A JSON text or number is no error object.
        let e = error_for(StatusCode::BAD_REQUEST, None, r#""nope""#, Origin::Api);
        assert_eq!((e.code, e.description.as_str()), (None, "Bad Request"));
    }
}
