//! Turning reqwest results and non-2xx answers into `ProviderError`.
//!
//! Ekopost answers every handled error with 400 and an error object, also bad
//! credentials (`error_code` 0: classified `Auth`); 404 for unknown resources;
//! 500 for unhandled ones.

use super::codes;
use super::wire::ApiError;
use crate::error::{ErrorKind, ProviderError, ProviderMessage};
use crate::http::MAX_JSON_BODY;
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;

pub(crate) use crate::http::from_reqwest;

pub(crate) fn error_for(status: StatusCode, retry: Option<Duration>, body: &str) -> ProviderError {
    let object = serde_json::from_str::<ApiError>(body)
        .ok()
        .filter(|o| !o.error_code.is_empty() || !o.error_message.is_empty());
    let code = object
        .as_ref()
        .map(|o| o.error_code.clone())
        .filter(|c| !c.is_empty());
    let mut kind = ProviderError::kind_for_status(status.as_u16(), retry);
    if code.as_deref() == Some(codes::AUTH) {
        kind = ErrorKind::Auth;
    }
    let description = match &object {
        Some(o) => {
            let message = if o.error_message.is_empty() {
                code.as_deref()
                    .and_then(codes::message)
                    .unwrap_or_default()
                    .to_owned()
            } else {
                o.error_message.clone()
            };
            match o.developer_message.as_str() {
                "" => message,
                dev => format!("{message} ({dev})"),
            }
        }
        None => status.canonical_reason().unwrap_or("HTTP error").to_owned(),
    };
    ProviderError {
        kind,
        http_status: Some(status.as_u16()),
        messages: object
            .iter()
            .map(|o| ProviderMessage {
                level: None,
                code: code.clone(),
                description: Some(o.error_message.clone()).filter(|m| !m.is_empty()),
            })
            .collect(),
        code,
        description,
    }
}

/// The JSON body of a 2xx answer (at most `MAX_JSON_BODY`), or the mapped error.
pub(crate) async fn json<T: DeserializeOwned>(resp: Response) -> Result<T, ProviderError> {
    crate::http::json_or(resp, MAX_JSON_BODY, error_for).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let body = r#"{"error_code":"0","error_message":"Invalid basic authentication token.","developer_message":""}"#;
        let e = error_for(StatusCode::BAD_REQUEST, None, body);
        assert_eq!(e.kind, ErrorKind::Auth);
        assert_eq!(e.code.as_deref(), Some("0"));
        assert!(!e.is_retryable());

        let body = r#"{"error_code":135,"error_message":"Address validation error","developer_message":"Name too long (max 35 characters)"}"#;
        let e = error_for(StatusCode::BAD_REQUEST, None, body);
        assert_eq!(e.kind, ErrorKind::Rejected);
        assert_eq!(e.code.as_deref(), Some("135"));
        assert_eq!(
            e.description,
            "Address validation error (Name too long (max 35 characters))"
        );
        assert_eq!(e.messages.len(), 1);

        let e = error_for(StatusCode::NOT_FOUND, None, "");
        assert_eq!(
            (e.kind.clone(), e.code.clone()),
            (ErrorKind::Rejected, None)
        );
        let e = error_for(StatusCode::INTERNAL_SERVER_ERROR, None, "<html>oops</html>");
        assert!(e.is_retryable());
        let wait = Some(Duration::from_secs(2));
        assert_eq!(
            error_for(StatusCode::TOO_MANY_REQUESTS, wait, "").kind,
            ErrorKind::RateLimited { retry_after: wait }
        );
        // A message left out is filled in from the reference.
        let e = error_for(StatusCode::BAD_REQUEST, None, r#"{"error_code":"101"}"#);
        assert!(
            e.description.starts_with("A campaign must contain"),
            "{}",
            e.description
        );
    }
}
