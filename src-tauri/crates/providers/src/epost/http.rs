//! Turning reqwest results and non-2xx answers into `ProviderError`.

use super::wire::ApiError;
use crate::error::{ProviderError, ProviderMessage};
use crate::http::MAX_JSON_BODY;
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;

pub(crate) use crate::http::from_reqwest;

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
    crate::http::error_from(resp, error_for).await
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

/// The JSON body of a 2xx answer (at most `MAX_JSON_BODY`), or the mapped error.
pub(crate) async fn json<T: DeserializeOwned>(resp: Response) -> Result<T, ProviderError> {
    json_capped(resp, MAX_JSON_BODY).await
}

/// `json` for an answer that may be up to `cap` bytes (a PDF in it).
pub(crate) async fn json_capped<T: DeserializeOwned>(
    resp: Response,
    cap: u64,
) -> Result<T, ProviderError> {
    crate::http::json_or(resp, cap, error_for).await
}

/// Pass a 2xx answer through, map anything else.
pub(crate) async fn success(resp: Response) -> Result<Response, ProviderError> {
    if resp.status().is_success() {
        Ok(resp)
    } else {
        Err(from_response(resp).await)
    }
}
