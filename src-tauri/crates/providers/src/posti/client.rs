//! The HTTP client of one Posti key: `GET /v1/agreements`, errors classified.
use super::wire::{codes, Agreement, AgreementList, ApiError};
use crate::error::{ErrorKind, ProviderError, ProviderMessage};
use crate::http::{self, from_reqwest};
use crate::secret::Secret;
use reqwest::header::{HeaderValue, AUTHORIZATION};
use reqwest::StatusCode;
use std::time::Duration;

/// A Posti client for one key. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    auth: Option<HeaderValue>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("posti::Client").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

impl Client {
    /// `base_url`: `PRODUCTION_BASE_URL` or a simulator's
    /// (`http://127.0.0.1:N/posti`). An empty key gives a client whose calls
    /// answer "no key" without going out.
    pub fn new(base_url: &str, key: &Secret, timeout: Duration) -> Result<Self, ProviderError> {
        let key = key.expose().trim();
        let auth = if key.is_empty() {
            None
        } else {
            let mut v = HeaderValue::from_str(key)
                .map_err(|_| auth_error(codes::INVALID_API_KEY, "the API key holds characters no key has"))?;
            v.set_sensitive(true);
            Some(v)
        };
        // No redirects (they would carry the key elsewhere), system roots, proxy rules: `http::client_builder`.
        let http = http::client_builder(base_url, timeout, timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("postdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(from_reqwest)?;
        Ok(Client { http, base_url: base_url.trim_end_matches('/').to_owned(), auth })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `GET /v1/agreements`: the agreements this key may place orders for.
    pub async fn agreements(&self) -> Result<Vec<Agreement>, ProviderError> {
        let auth = self.auth.clone().ok_or_else(|| auth_error(codes::MISSING_API_KEY, "no API key set"))?;
        let resp = self
            .http
            .get(format!("{}/v1/agreements", self.base_url))
            .header(AUTHORIZATION, auth)
            .send()
            .await
            .map_err(from_reqwest)?;
        let status = resp.status();
        if status.is_success() {
            let body = http::read_body(resp, http::MAX_JSON_BODY).await?;
            let list: AgreementList = serde_json::from_slice(&body)
                .map_err(|e| ProviderError::new(ErrorKind::Protocol, format!("agreements answer: {e}")))?;
            return Ok(list.agreements);
        }
        Err(error_for(status, http::error_text(resp).await.as_bytes()))
    }
}

fn auth_error(code: &str, description: &str) -> ProviderError {
    let mut e = ProviderError::new(ErrorKind::Auth, description);
    e.code = Some(code.into());
    e
}

/// A non-2xx answer. Tolerant: any 401/403 is a key problem; its code is the
/// answer's `errorCode` when it is one we know, else `INVALID_API_KEY`.
pub(crate) fn error_for(status: StatusCode, body: &[u8]) -> ProviderError {
    let object: Option<ApiError> = serde_json::from_slice(body).ok();
    let message = object.as_ref().map(|o| o.message.clone()).filter(|m| !m.is_empty());
    let mut e = if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) {
        let code = match object.as_ref().map(|o| o.error_code.as_str()) {
            Some(c @ (codes::API_KEY_REVOKED | codes::MISSING_API_KEY)) => c,
            _ => codes::INVALID_API_KEY,
        };
        auth_error(code, message.as_deref().unwrap_or("the key was refused"))
    } else {
        let mut e = ProviderError::new(
            ProviderError::kind_for_status(status.as_u16(), None),
            message.clone().unwrap_or_else(|| status.canonical_reason().unwrap_or("HTTP error").into()),
        );
        e.code = object.as_ref().map(|o| o.error_code.clone()).filter(|c| !c.is_empty());
        e
    };
    e.http_status = Some(status.as_u16());
    if let Some(o) = object {
        e.messages.push(ProviderMessage {
            level: None,
            code: Some(o.error_code).filter(|c| !c.is_empty()),
            description: Some(o.message).filter(|m| !m.is_empty()),
        });
    }
    e
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_errors_are_told_apart_and_unknown_ones_read_as_invalid() {
        let revoked = br#"{"status":401,"errorCode":"API_KEY_REVOKED","message":"revoked"}"#;
        let e = error_for(StatusCode::UNAUTHORIZED, revoked);
        assert_eq!((e.kind.clone(), e.code.as_deref()), (ErrorKind::Auth, Some(codes::API_KEY_REVOKED)));
        let e = error_for(StatusCode::FORBIDDEN, b"<html>no</html>");
        assert_eq!((e.kind.clone(), e.code.as_deref()), (ErrorKind::Auth, Some(codes::INVALID_API_KEY)));
        let e = error_for(StatusCode::SERVICE_UNAVAILABLE, b"");
        assert!(e.is_retryable());
    }
}
