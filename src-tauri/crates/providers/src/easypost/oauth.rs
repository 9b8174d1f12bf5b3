//! OAuth2 client credentials (the seed's "Type: oauth2"; the exchange we chose
//! is written down in `wire.rs`): the token asked from the token endpoint,
//! kept in memory, asked anew ~60 s before it expires, or once when the API
//! answers 401 to it. Neither the secret nor the token is logged or put in an
//! error; `expires_in` is bounded before any arithmetic.

use super::wire::{codes, oauth_error, TokenError, TokenResponse, DEFAULT_TOKEN_SECS};
use crate::error::{ErrorKind, ProviderError};
use crate::http::{MAX_ERROR_BODY, MAX_JSON_BODY};
use crate::secret::Secret;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// A token is asked anew this long before it expires.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// `expires_in` is taken within these bounds (a server saying 0, -5 or 10^18).
pub const MIN_TOKEN_SECS: i64 = 1;
pub const MAX_TOKEN_SECS: i64 = 24 * 60 * 60;

/// What a company sets for the OAuth2 way in.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    pub client_id: String,
    pub client_secret: Secret,
    /// The token endpoint; None: `{base}/oauth/token`.
    pub token_url: Option<String>,
}

impl std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("token_url", &self.token_url)
            .finish()
    }
}

pub(crate) fn auth_error(code: &str, description: impl Into<String>) -> ProviderError {
    let mut e = ProviderError::new(ErrorKind::Auth, description);
    e.code = Some(code.into());
    e
}

/// The cached bearer token of one client.
pub(crate) struct Tokens {
    id: String,
    secret: Secret,
    pub(crate) url: String,
    current: Mutex<Option<Token>>,
}

#[derive(Clone)]
struct Token {
    /// `Bearer <access_token>`, marked sensitive.
    header: HeaderValue,
    refresh_at: Instant,
}

/// application/x-www-form-urlencoded of one value (RFC 6749 §2.3.1 wants the
/// id and secret so encoded before Basic): `*-._` and alphanumerics as they
/// are, space `+`, every other byte `%XX`.
pub(crate) fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'*' | b'-' | b'.' | b'_' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// How long a token is kept: `expires_in` bounded, less the margin (half the
/// life for a token shorter than twice the margin, so it is still used).
pub(crate) fn keep_for(expires_in: Option<i64>) -> Duration {
    let secs = expires_in
        .unwrap_or(DEFAULT_TOKEN_SECS)
        .clamp(MIN_TOKEN_SECS, MAX_TOKEN_SECS) as u64;
    let life = Duration::from_secs(secs);
    if life >= REFRESH_MARGIN * 2 {
        life - REFRESH_MARGIN
    } else {
        life / 2
    }
}

impl Tokens {
    /// Checks what can be checked without a call: id and secret present, one
    /// line each. `url`: the token endpoint (already checked by the caller).
    pub(crate) fn new(creds: ClientCredentials, url: String) -> Result<Tokens, ProviderError> {
        let id = creds.client_id.trim().to_owned();
        let secret = Secret::new(creds.client_secret.expose().trim());
        if id.is_empty() || secret.is_empty() {
            return Err(auth_error(
                codes::MISSING_CLIENT_CREDENTIALS,
                "no EasyPost OAuth2 client id or secret set",
            ));
        }
        if id
            .chars()
            .chain(secret.expose().chars())
            .any(char::is_control)
        {
            return Err(auth_error(
                codes::INVALID_CLIENT,
                "the client id or secret contains a line break or control character",
            ));
        }
        Ok(Tokens {
            id,
            secret,
            url,
            current: Mutex::new(None),
        })
    }

    /// The `Authorization` value: the cached token while fresh, else a new one.
    pub(crate) async fn bearer(
        &self,
        http: &reqwest::Client,
    ) -> Result<HeaderValue, ProviderError> {
        let mut current = self.current.lock().await;
        if let Some(t) = current.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.header.clone());
        }
        let t = self.fetch(http).await?;
        *current = Some(t.clone());
        Ok(t.header)
    }

    /// After the API refused `stale` (401): a new token, unless another call
    /// already replaced it (then that one). Called once per refused call.
    pub(crate) async fn renew(
        &self,
        http: &reqwest::Client,
        stale: &HeaderValue,
    ) -> Result<HeaderValue, ProviderError> {
        let mut current = self.current.lock().await;
        if let Some(t) = current
            .as_ref()
            .filter(|t| &t.header != stale && Instant::now() < t.refresh_at)
        {
            return Ok(t.header.clone());
        }
        *current = None;
        let t = self.fetch(http).await?;
        *current = Some(t.clone());
        Ok(t.header)
    }

    /// `POST <token URL>` with `grant_type=client_credentials`, the client by Basic.
    async fn fetch(&self, http: &reqwest::Client) -> Result<Token, ProviderError> {
        use base64::Engine;
        let basic = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            form_encode(&self.id),
            form_encode(self.secret.expose())
        ));
        let mut auth = HeaderValue::from_str(&format!("Basic {basic}")).map_err(|_| {
            auth_error(
                codes::INVALID_CLIENT,
                "the client id or secret cannot be sent",
            )
        })?;
        auth.set_sensitive(true);
        let asked = Instant::now();
        let resp = http
            .post(&self.url)
            .header(AUTHORIZATION, auth)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .map_err(super::http::from_reqwest)
            .map_err(super::tls::mark_refused)?;
        let status = resp.status();
        if !status.is_success() {
            let body = crate::http::read_body(resp, MAX_ERROR_BODY)
                .await
                .unwrap_or_default();
            return Err(token_error(status.as_u16(), &body));
        }
        let body = crate::http::read_body(resp, MAX_JSON_BODY).await?;
        let answer: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
            ProviderError::new(
                ErrorKind::Protocol,
                "the token endpoint's answer is not an OAuth2 token",
            )
            .with_status(status.as_u16())
        })?;
        let token = answer.access_token.trim();
        if !answer.token_type.trim().eq_ignore_ascii_case("bearer") || token.is_empty() {
            return Err(ProviderError::new(
                ErrorKind::Protocol,
                format!(
                    "the token endpoint gave a token of type {:?}, not Bearer",
                    answer.token_type
                ),
            ));
        }
        let mut header = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            ProviderError::new(
                ErrorKind::Protocol,
                "the token endpoint gave a token that cannot be sent",
            )
        })?;
        header.set_sensitive(true);
        // Counted from the moment it was asked (the answer may have been slow).
        Ok(Token {
            header,
            refresh_at: asked + keep_for(answer.expires_in),
        })
    }
}

/// A refusal of the token endpoint: RFC 6749 §5.2's body, else the status.
/// `invalid_client` (or any 401/403) is `Auth` with [`codes::INVALID_CLIENT`];
/// the server's `error_description` is kept as the description (never the secret).
fn token_error(status: u16, body: &[u8]) -> ProviderError {
    let parsed = serde_json::from_slice::<TokenError>(body)
        .ok()
        .filter(|t| !t.error.is_empty());
    let error = parsed.as_ref().map(|t| t.error.as_str()).unwrap_or("");
    let description = parsed
        .as_ref()
        .and_then(|t| t.error_description.clone())
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| {
            format!(
                "the token endpoint refused the client ({status}{})",
                if error.is_empty() {
                    String::new()
                } else {
                    format!(", {error}")
                }
            )
        });
    if error == oauth_error::INVALID_CLIENT || status == 401 || status == 403 {
        return auth_error(codes::INVALID_CLIENT, description).with_status(status);
    }
    let kind = ProviderError::kind_for_status(status, None);
    let mut e = ProviderError::new(kind, description).with_status(status);
    if !error.is_empty() {
        e.code = Some(error.to_owned());
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_follows_rfc6749() {
        assert_eq!(form_encode("ab-C.9_*"), "ab-C.9_*");
        assert_eq!(form_encode("a b:c/é"), "a+b%3Ac%2F%C3%A9");
    }

    #[test]
    fn lifetimes_are_bounded_before_arithmetic() {
        assert_eq!(keep_for(Some(3600)), Duration::from_secs(3540));
        assert_eq!(keep_for(Some(120)), Duration::from_secs(60));
        assert_eq!(keep_for(Some(10)), Duration::from_secs(5));
        assert_eq!(keep_for(Some(0)), Duration::from_millis(500));
        assert_eq!(keep_for(Some(-7)), Duration::from_millis(500));
        assert_eq!(
            keep_for(Some(i64::MAX)),
            Duration::from_secs(24 * 3600 - 60)
        );
        assert_eq!(keep_for(None), Duration::from_secs(240));
    }

    #[test]
    fn token_refusals_are_classified() {
        let e = token_error(
            401,
            br#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
        );
        assert_eq!(
            (e.kind.clone(), e.code.as_deref()),
            (ErrorKind::Auth, Some(codes::INVALID_CLIENT))
        );
        assert_eq!(e.description, "Client authentication failed");
        let e = token_error(400, br#"{"error":"unsupported_grant_type"}"#);
        assert_eq!(
            (e.kind.clone(), e.code.as_deref()),
            (
                ErrorKind::Rejected,
                Some(oauth_error::UNSUPPORTED_GRANT_TYPE)
            )
        );
        let e = token_error(503, b"<html>down</html>");
        assert!(e.is_retryable());
        let e = token_error(401, b"");
        assert_eq!(e.code.as_deref(), Some(codes::INVALID_CLIENT));
    }

    #[test]
    fn credentials_are_checked_and_redacted() {
        let creds = |id: &str, secret: &str| ClientCredentials {
            client_id: id.into(),
            client_secret: Secret::new(secret),
            token_url: None,
        };
        let e = Tokens::new(creds("", "s"), "https://x/oauth/token".into())
            .err()
            .unwrap();
        assert_eq!(e.code.as_deref(), Some(codes::MISSING_CLIENT_CREDENTIALS));
        let e = Tokens::new(creds("id", "  "), "https://x/oauth/token".into())
            .err()
            .unwrap();
        assert_eq!(e.code.as_deref(), Some(codes::MISSING_CLIENT_CREDENTIALS));
        assert!(Tokens::new(creds("id", "a\nb"), "https://x".into()).is_err());
        let shown = format!("{:?}", creds("id-1", "hunter2"));
        assert!(shown.contains("id-1") && !shown.contains("hunter2"));
    }
}
