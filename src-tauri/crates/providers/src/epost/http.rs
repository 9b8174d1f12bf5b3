//! Turning reqwest results and non-2xx answers into `ProviderError`.

use super::wire::ApiError;
use crate::error::{ErrorKind, ProviderError, ProviderMessage};
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// A transport failure (no HTTP answer, or the answer broke off).
pub(crate) fn from_reqwest(err: reqwest::Error) -> ProviderError {
    // reqwest's Display includes the URL; ours never carries a secret.
    let kind = if err.is_timeout() {
        ErrorKind::Timeout
    } else if err.is_connect() {
        ErrorKind::Connection
    } else if err.is_decode() {
        ErrorKind::Protocol
    } else {
        ErrorKind::Transient
    };
    let mut e = ProviderError::new(kind, without_source_chain(&err));
    e.http_status = err.status().map(|s| s.as_u16());
    e
}

fn without_source_chain(err: &reqwest::Error) -> String {
    use std::error::Error;
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// `Retry-After` in seconds (the HTTP-date form is not used by the API).
fn retry_after(resp: &Response) -> Option<Duration> {
    let value = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?;
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| *s >= 0.0)
        .map(Duration::from_secs_f64)
}

/// Error objects from a body: an array of them, one object, or an object with
/// an `errorList`/`errors` array. Anything else gives none.
pub(crate) fn parse_error_objects(body: &str) -> Vec<ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Shape {
        Many(Vec<ApiError>),
        Wrapped {
            #[serde(alias = "errorList", alias = "errors")]
            list: Vec<ApiError>,
        },
        One(ApiError),
    }
    match serde_json::from_str::<Shape>(body) {
        Ok(Shape::Many(v)) | Ok(Shape::Wrapped { list: v }) => v,
        Ok(Shape::One(e)) if !e.code.is_empty() || !e.description.is_empty() => vec![e],
        _ => Vec::new(),
    }
}

/// A non-2xx answer as a `ProviderError`.
pub(crate) async fn from_response(resp: Response) -> ProviderError {
    let status = resp.status();
    let retry = retry_after(&resp);
    let body = resp.text().await.unwrap_or_default();
    error_for(status, retry, &body)
}

pub(crate) fn error_for(status: StatusCode, retry: Option<Duration>, body: &str) -> ProviderError {
    let kind = ProviderError::kind_for_status(status.as_u16(), retry);
    let objects = parse_error_objects(body);
    let messages: Vec<ProviderMessage> = objects
        .iter()
        .map(|o| ProviderMessage {
            level: o.level.clone().map(String::from),
            code: non_empty(&o.code),
            description: non_empty(&o.description),
        })
        .collect();
    let first = objects.first();
    let description = first
        .and_then(|o| non_empty(&o.description))
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("HTTP error").to_owned());
    ProviderError {
        kind,
        http_status: Some(status.as_u16()),
        code: first.and_then(|o| non_empty(&o.code)),
        description,
        messages,
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// The JSON body of a 2xx answer, or the mapped error.
pub(crate) async fn json<T: DeserializeOwned>(resp: Response) -> Result<T, ProviderError> {
    let resp = success(resp).await?;
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.map_err(from_reqwest)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ProviderError::new(ErrorKind::Protocol, format!("unexpected answer: {e}"))
            .with_status(status)
    })
}

/// Pass a 2xx answer through, map anything else.
pub(crate) async fn success(resp: Response) -> Result<Response, ProviderError> {
    if resp.status().is_success() {
        Ok(resp)
    } else {
        Err(from_response(resp).await)
    }
}
