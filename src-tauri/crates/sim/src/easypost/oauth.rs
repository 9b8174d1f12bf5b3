//! OAuth2 client credentials at the simulator (the exchange we chose for the
//! seed's "Type: oauth2", `postdesk_providers::easypost::wire`):
//! `POST /easypost/oauth/token` issues bearer tokens to the sandbox client
//! (`client_id`/`client_secret` in `GET /_sim/credentials`), by HTTP Basic or
//! in the form body. Tokens live [`DEFAULT_TOKEN_SECS`] unless a test says
//! otherwise: `POST /_sim/easypost/oauth?tokenSecs=N` for the tokens issued
//! from then on, `&expire=true` ends every token issued so far (a token
//! expiring while the client still holds it). `GET /_sim/easypost/oauth`
//! answers `{ tokenSecs, issued, live }` (`issued`: tokens handed out since
//! the start). Tokens are not saved: a restart forgets them, as a real
//! server's restart would not, but a client asks anew on its 401.

use super::{Fail, Query};
use crate::server::{AppState, Shared};
use axum::body::Bytes;
use axum::extract::{Query as Q, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use postdesk_providers::easypost::wire::{codes, oauth_error, TokenError, TokenResponse};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use time::OffsetDateTime;

/// A token's life unless a test sets another.
pub const DEFAULT_TOKEN_SECS: i64 = 3600;
/// Live tokens kept at most (the oldest dropped first).
const MAX_TOKENS: usize = 1000;

/// The in-memory token book (not saved).
#[derive(Debug, Default)]
pub struct TokenBook {
    /// sha256(token) hex → when it expires.
    live: HashMap<String, OffsetDateTime>,
    /// Set by the hook; None: [`DEFAULT_TOKEN_SECS`].
    pub token_secs: Option<i64>,
    pub issued: u64,
}

impl TokenBook {
    fn secs(&self) -> i64 {
        self.token_secs.unwrap_or(DEFAULT_TOKEN_SECS)
    }

    fn issue(&mut self, now: OffsetDateTime) -> (String, i64) {
        self.live.retain(|_, until| *until > now);
        if self.live.len() >= MAX_TOKENS {
            if let Some(oldest) = self
                .live
                .iter()
                .min_by_key(|(_, u)| **u)
                .map(|(k, _)| k.clone())
            {
                self.live.remove(&oldest);
            }
        }
        let token = crate::epost::random_text(48);
        let secs = self.secs();
        self.live
            .insert(hash(&token), now + time::Duration::seconds(secs));
        self.issued += 1;
        (token, secs)
    }

    /// The token was issued here and has not expired.
    pub fn valid(&self, token: &str, now: OffsetDateTime) -> bool {
        self.live
            .get(&hash(token))
            .is_some_and(|until| *until > now)
    }
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// application/x-www-form-urlencoded decoding of one value (`+` is a space).
fn form_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn form(body: &[u8]) -> HashMap<String, String> {
    std::str::from_utf8(body)
        .unwrap_or("")
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((form_decode(k)?, form_decode(v)?))
        })
        .collect()
}

/// RFC 6749 §5.2's refusal.
fn refuse(status: StatusCode, error: &str, description: &str) -> Response {
    let body = TokenError {
        error: error.into(),
        error_description: Some(description.into()),
    };
    let mut resp = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        resp.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Basic realm=\"easypost\""),
        );
    }
    resp
}

/// `(client_id, client_secret)` from `Authorization: Basic` (each
/// form-urlencoded, RFC 6749 §2.3.1), else from the body.
fn client_of(headers: &HeaderMap, body: &HashMap<String, String>) -> Option<(String, String)> {
    if let Some(basic) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        })
    {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(basic.trim())
            .ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (id, secret) = text.split_once(':')?;
        return Some((form_decode(id)?, form_decode(secret)?));
    }
    Some((
        body.get("client_id")?.clone(),
        body.get("client_secret")?.clone(),
    ))
}

fn same(a: &str, b: &str) -> bool {
    !b.is_empty() && Sha256::digest(a) == Sha256::digest(b)
}

/// `POST /easypost/oauth/token`.
pub async fn token(State(shared): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return refuse(
            StatusCode::BAD_REQUEST,
            oauth_error::INVALID_REQUEST,
            "the body must be application/x-www-form-urlencoded",
        );
    }
    let fields = form(&body);
    match fields.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        Some(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                oauth_error::UNSUPPORTED_GRANT_TYPE,
                "only client_credentials is supported",
            )
        }
        None => {
            return refuse(
                StatusCode::BAD_REQUEST,
                oauth_error::INVALID_REQUEST,
                "grant_type is missing",
            )
        }
    }
    let Some((id, secret)) = client_of(&headers, &fields) else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            oauth_error::INVALID_CLIENT,
            "Client authentication failed",
        );
    };
    let mut state = shared.read();
    let ep = &mut state.easypost;
    if !(same(&id, &ep.client_id) && same(&secret, &ep.client_secret)) {
        return refuse(
            StatusCode::UNAUTHORIZED,
            oauth_error::INVALID_CLIENT,
            "Client authentication failed",
        );
    }
    let (access_token, secs) = ep.tokens.issue(crate::state::now());
    let answer = TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: Some(secs),
    };
    let mut resp = Json(answer).into_response();
    // RFC 6749 §5.1: a token answer is never cached.
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    resp
}

/// The bearer token of `Authorization`, when the request carries one:
/// Ok(true) valid, Err 401 `INVALID_TOKEN` otherwise; Ok(false) no bearer.
pub(crate) fn check_bearer(shared: &Shared, headers: &HeaderMap) -> super::Result<bool> {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Ok(false);
    };
    let Some(token) = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
    else {
        return Ok(false);
    };
    if shared
        .read()
        .easypost
        .tokens
        .valid(token.trim(), crate::state::now())
    {
        Ok(true)
    } else {
        Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            codes::INVALID_TOKEN,
            "Invalid or expired access token",
        ))
    }
}

fn book(shared: &Shared) -> Value {
    let state = shared.read();
    let t = &state.easypost.tokens;
    let now = crate::state::now();
    json!({ "tokenSecs": t.secs(), "issued": t.issued, "live": t.live.values().filter(|u| **u > now).count() })
}

/// `GET /_sim/easypost/oauth`.
pub async fn inspect(State(shared): State<AppState>) -> Json<Value> {
    Json(book(&shared))
}

/// `POST /_sim/easypost/oauth?tokenSecs=N&expire=true`.
pub async fn configure(
    State(shared): State<AppState>,
    Q(q): Q<Query>,
) -> super::Result<Json<Value>> {
    {
        let mut state = shared.read();
        let t = &mut state.easypost.tokens;
        if let Some(secs) = q.get("tokenSecs") {
            let secs: i64 = secs
                .parse()
                .ok()
                .filter(|s| (1..=86_400).contains(s))
                .ok_or_else(|| {
                    Fail::invalid(vec![
                        "tokenSecs must be a whole number from 1 to 86400".into()
                    ])
                })?;
            t.token_secs = Some(secs);
        }
        if q.get("expire").is_some_and(|v| v == "true") {
            t.live.clear();
        }
    }
    Ok(Json(book(&shared)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_decode() {
        assert_eq!(form_decode("a+b%3Ac%2F%C3%A9").as_deref(), Some("a b:c/é"));
        assert_eq!(form_decode("%zz"), None);
        assert_eq!(form_decode("%4"), None);
        let f = form(b"grant_type=client_credentials&client_id=x%20y");
        assert_eq!(f["client_id"], "x y");
    }

    #[test]
    fn tokens_expire() {
        let mut book = TokenBook {
            token_secs: Some(5),
            ..Default::default()
        };
        let now = OffsetDateTime::now_utc();
        let (t, secs) = book.issue(now);
        assert_eq!(secs, 5);
        assert!(book.valid(&t, now + time::Duration::seconds(4)));
        assert!(!book.valid(&t, now + time::Duration::seconds(5)));
        assert!(!book.valid("other", now));
    }
}
