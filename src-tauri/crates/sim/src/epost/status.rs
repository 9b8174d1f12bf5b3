//! Status over time (1 → 2 → 3 → 4, one `step` each), `GET /api/Letter/{id}`,
//! `POST /api/Letter/StatusQuery`, `GET /api/Letter/TestResult/{id}`, and the
//! per-account minimum interval between status calls (429).

use super::{authenticate, Caller, StoredLetter};
use crate::reply::{self, codes, error, Reject};
use crate::server::{AppState, Shared};
use crate::state::{now, text};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use postdesk_providers::epost::wire::{
    Base64Data, LetterDataResult, LetterStatus, StatusId, StatusQuery,
};
use serde::Deserialize;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// `custom5` starting with this makes the letter fail (3 → 99); an E-code may
/// follow after a colon (`sim:fail:E614`), default E612.
pub const FAIL_PREFIX: &str = "sim:fail";

/// Where a letter is now, and since when it reached each stage.
pub struct Progress {
    pub status: StatusId,
    reached: [Option<OffsetDateTime>; 3],
}

/// The status at `now`: one step per stage from the acceptance time.
pub fn current_status(letter: &StoredLetter, step: Duration, now: OffsetDateTime) -> Progress {
    let elapsed = (now - letter.accepted_at).max(time::Duration::ZERO);
    let steps = if step.is_zero() {
        3
    } else {
        (elapsed.as_seconds_f64() / step.as_secs_f64())
            .floor()
            .min(3.0) as i32
    };
    let at = |n: i32| (steps >= n).then(|| letter.accepted_at + step * n as u32);
    let status = match (steps, &letter.fail_code) {
        (3, Some(_)) => StatusId::Error,
        (s, _) => StatusId::from_wire(1 + s),
    };
    Progress {
        status,
        reached: [at(1), at(2), at(3)],
    }
}

/// The received fields the status echoes back.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Echo {
    #[serde(rename = "batchID")]
    batch_id: Option<i32>,
    cover_letter: Option<bool>,
    is_color: Option<bool>,
    is_duplex: Option<bool>,
    zip_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    cost_center: Option<String>,
    registered_letter: Option<String>,
    custom1: Option<String>,
    custom5: Option<String>,
}

fn echo(letter: &StoredLetter) -> Echo {
    serde_json::from_value(serde_json::Value::Object(letter.received.clone())).unwrap_or_default()
}

pub fn to_wire(letter: &StoredLetter, step: Duration, now: OffsetDateTime) -> LetterStatus {
    let p = current_status(letter, step, now);
    let e = echo(letter);
    let n = p.status.to_wire();
    let registered = e.registered_letter.is_some();
    let (details, errors) = match (p.status, &letter.fail_code) {
        (StatusId::Error, Some(code)) => (
            "Error",
            vec![error(
                code,
                "No recipient address found in the search area (simulated)",
            )],
        ),
        (StatusId::Accepted, _) => ("Accepted", vec![]),
        (StatusId::Released, _) => ("Checked and released to print", vec![]),
        (StatusId::AtPrintCentre, _) => ("Delivered to the print centre", vec![]),
        _ => ("Sent", vec![]),
    };
    LetterStatus {
        letter_id: letter.letter_id,
        file_name: Some(letter.file_name.clone()),
        status_id: n,
        status_details: Some(details.to_owned()),
        created_date: Some(text(letter.accepted_at)),
        processed_date: p.reached[0].map(text),
        print_upload_date: p.reached[1].filter(|_| n != 99).map(text),
        print_feedback_date: p.reached[2].filter(|_| n == 4).map(text),
        test_flag: Some(letter.test_flag),
        registered_letter: e.registered_letter,
        registered_letter_id: (registered && (n == 3 || n == 4))
            .then(|| format!("RT{:09}DE", letter.letter_id % 1_000_000_000)),
        registered_letter_status: match (registered, n) {
            (true, 3) => Some("Eingeliefert".to_owned()),
            (true, 4) => Some("Zugestellt".to_owned()),
            _ => None,
        },
        batch_id: e.batch_id,
        cover_letter: Some(e.cover_letter.unwrap_or(false)),
        no_of_pages: letter.pages.map(|p| p as i32),
        is_color: Some(e.is_color.unwrap_or(false)),
        is_duplex: Some(e.is_duplex.unwrap_or(false)),
        zip_code: e.zip_code,
        city: e.city,
        country: Some(e.country.unwrap_or_default()),
        cost_center: e.cost_center,
        error_list: Some(errors),
    }
}

/// 429 when this account asked for a status less than `min_status_interval` ago.
fn pace(shared: &Shared, caller: &Caller) -> reply::Result<()> {
    let min = shared.config.min_status_interval;
    let mut calls = shared
        .status_calls
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let now = Instant::now();
    if let Some(last) = calls.get(&caller.key()) {
        let since = now.duration_since(*last);
        if since < min {
            let mut reject = Reject::new(
                StatusCode::TOO_MANY_REQUESTS,
                codes::TOO_MANY,
                format!(
                    "too many status requests: keep at least {} ms between them",
                    min.as_millis()
                ),
            );
            reject.retry_after = Some(min - since);
            return Err(reject);
        }
    }
    calls.insert(caller.key(), now);
    Ok(())
}

fn not_found(id: i64) -> Reject {
    Reject::new(
        StatusCode::NOT_FOUND,
        codes::NOT_FOUND,
        format!("letter {id} not found"),
    )
}

pub async fn letter_status(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(letter_id): Path<i64>,
) -> reply::Result<Json<LetterStatus>> {
    let caller = authenticate(&shared, &headers)?;
    pace(&shared, &caller)?;
    let state = shared.read();
    let letter = state
        .epost
        .letters
        .iter()
        .find(|l| {
            l.letter_id == letter_id && l.vendor_id == caller.vendor_id && l.ekp == caller.ekp
        })
        .ok_or_else(|| not_found(letter_id))?;
    Ok(Json(to_wire(letter, shared.config.step, now())))
}

/// Our `StatusQuery` object, or (tolerated) a bare array of letter ids.
#[derive(Deserialize)]
#[serde(untagged)]
enum QueryBody {
    Ids(Vec<i64>),
    Query(StatusQuery),
}

pub async fn status_query(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> reply::Result<Json<Vec<LetterStatus>>> {
    let caller = authenticate(&shared, &headers)?;
    let query = match reply::parse_json::<QueryBody>(if body.is_empty() { b"{}" } else { &body })? {
        QueryBody::Ids(ids) => StatusQuery::letters(ids),
        QueryBody::Query(q) => q,
    };
    pace(&shared, &caller)?;
    let parse = |s: &Option<String>| {
        s.as_deref().and_then(|d| {
            OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339).ok()
        })
    };
    let (from, to) = (parse(&query.from_date), parse(&query.to_date));
    let now = now();
    let state = shared.read();
    let found = state
        .epost
        .letters
        .iter()
        .filter(|l| l.vendor_id == caller.vendor_id && l.ekp == caller.ekp)
        .filter(|l| query.letter_ids.is_empty() || query.letter_ids.contains(&l.letter_id))
        .filter(|l| {
            from.is_none_or(|f| l.accepted_at >= f) && to.is_none_or(|t| l.accepted_at <= t)
        })
        .filter(|l| {
            let e = echo(l);
            query.batch_id.is_none_or(|b| e.batch_id == Some(b))
                && query
                    .custom1
                    .as_ref()
                    .is_none_or(|c| e.custom1.as_ref() == Some(c))
                && query.custom5.as_ref().is_none_or(|c| e.custom5.as_ref() == Some(c))
                && query.file_name.as_ref().is_none_or(|n| &l.file_name == n)
        })
        .map(|l| to_wire(l, shared.config.step, now))
        .collect();
    Ok(Json(found))
}

/// The processed PDF of a test letter, fetchable for 48 h: as sent, with the
/// restricted-area template drawn over it when `testShowRestrictedArea` was set.
pub async fn test_result(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(letter_id): Path<i64>,
) -> reply::Result<Json<LetterDataResult>> {
    let caller = authenticate(&shared, &headers)?;
    let state = shared.read();
    let letter = state
        .epost
        .letters
        .iter()
        .find(|l| {
            l.letter_id == letter_id && l.vendor_id == caller.vendor_id && l.ekp == caller.ekp
        })
        .ok_or_else(|| not_found(letter_id))?;
    let fresh = now() - letter.accepted_at < super::TEST_RESULT_KEPT;
    match (&letter.pdf_base64, fresh) {
        (Some(data), true) => {
            let pdf = Base64Data(data.clone()).decode().unwrap_or_default();
            let overlay = letter.received.get("testShowRestrictedArea").and_then(|v| v.as_bool()) == Some(true);
            Ok(Json(LetterDataResult {
                letter_id,
                file_name: Some(letter.file_name.clone()),
                data: Base64Data::encode(&super::test_result::render(&pdf, overlay)),
            }))
        }
        _ => Err(Reject::new(
            StatusCode::NOT_FOUND,
            codes::NO_TEST_RESULT,
            format!(
                "no test result for letter {letter_id} (not a test letter, or older than 48 h)"
            ),
        )),
    }
}
