//! The guard of a simulator started with `SimConfig::token` (the app's
//! in-process sandbox): it serves its own window and nobody else on the machine.
//!
//! - **Host**: `127.0.0.1:PORT` or `localhost:PORT`, else 403. A web page that
//!   rebinds its own name to 127.0.0.1 still sends that name.
//! - **Token**: every call goes under `/<token>/…`, else 404 without a body.
//!   CHOICE: in the path, not in a header, so the token is part of the base URL
//!   every caller already takes (`SimHandle::base_url`, `AppStatus.sandbox_url`,
//!   the provider clients, `inspect::*`) and none of them changes. The prefix is
//!   stripped here, before routing: no handler, log line or fault sees it.
//!
//! The token is compared through its SHA-256, so how long a wrong guess takes
//! tells nothing about the right one.

use axum::extract::{Request, State};
use axum::http::uri::{Authority, PathAndQuery, Uri};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use postdesk_providers::secret::Secret;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// A fresh token: 192 random bits from the OS, hex.
pub fn new_token() -> Secret {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::new(hex::encode(bytes))
}

pub(crate) struct Guard {
    token_sha256: [u8; 32],
    port: u16,
}

impl Guard {
    pub fn new(token: &Secret, port: u16) -> Arc<Guard> {
        Arc::new(Guard {
            token_sha256: Sha256::digest(token.expose()).into(),
            port,
        })
    }

    fn host_allowed(&self, host: &str) -> bool {
        let Ok(a) = host.parse::<Authority>() else {
            return false;
        };
        let local = a.host() == "127.0.0.1" || a.host().eq_ignore_ascii_case("localhost");
        local && a.port_u16() == Some(self.port)
    }

    fn token_matches(&self, candidate: &str) -> bool {
        <[u8; 32]>::from(Sha256::digest(candidate)) == self.token_sha256
    }
}

pub(crate) async fn check(
    State(guard): State<Arc<Guard>>,
    mut req: Request,
    next: Next,
) -> Response {
    // HTTP/1.1 always names the host; an absolute-form target names it too,
    // and then both must be this server.
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    let target = req.uri().authority().map(Authority::as_str);
    let hosts_ok = host.is_some()
        && host
            .into_iter()
            .chain(target)
            .all(|h| guard.host_allowed(h));
    if !hosts_ok {
        return StatusCode::FORBIDDEN.into_response();
    }
    let path = req.uri().path();
    let (first, rest) = match path.strip_prefix('/').unwrap_or(path).split_once('/') {
        Some((first, rest)) => (first, format!("/{rest}")),
        None => (path.trim_start_matches('/'), "/".to_owned()),
    };
    if !guard.token_matches(first) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let rest = match req.uri().query() {
        Some(q) => format!("{rest}?{q}"),
        None => rest,
    };
    let mut parts = req.uri().clone().into_parts();
    parts.path_and_query = match rest.parse::<PathAndQuery>() {
        Ok(pq) => Some(pq),
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    match Uri::from_parts(parts) {
        Ok(uri) => *req.uri_mut() = uri,
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_port_on_loopback_names_are_hosts() {
        let g = Guard::new(&Secret::new("t"), 4711);
        for ok in ["127.0.0.1:4711", "localhost:4711", "LOCALHOST:4711"] {
            assert!(g.host_allowed(ok), "{ok}");
        }
        for bad in [
            "127.0.0.1",
            "127.0.0.1:4712",
            "evil.example:4711",
            "localhost.evil.example:4711",
            "[::1]:4711",
            "",
            "127.0.0.1:4711@x",
        ] {
            assert!(!g.host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn tokens_are_long_and_fresh() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.expose().len(), 48);
        assert_ne!(a, b);
    }
}
