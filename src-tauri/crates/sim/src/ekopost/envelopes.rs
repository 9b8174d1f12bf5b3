//! `POST|GET /campaigns/{id}/envelopes`, `GET …/{envelope_id}`, `POST …/close|cancel`.

use super::progress::{campaign_state, envelope_state, envelope_wire};
use super::reply::{self, parse, Fail};
use super::validate::check_envelope;
use super::{authenticate, fail_reason, new_id, StoredEnvelope};
use crate::server::AppState;
use crate::state::now;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use postdesk_providers::ekopost::codes;
use postdesk_providers::ekopost::wire::{
    Envelope, EnvelopeQuery, EnvelopeRequest, State as WireState,
};

pub async fn create(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(campaign_id): Path<String>,
    body: Bytes,
) -> reply::Result<Json<Envelope>> {
    authenticate(&shared, &headers)?;
    let req: EnvelopeRequest = parse(&body)?;
    let step = shared.config.step;
    shared.change(|state| {
        let now = now();
        let campaign = state.ekopost.campaign(&campaign_id)?;
        if campaign_state(campaign, step, now).0 != WireState::Opened {
            return Err(Fail::bad(
                codes::CAMPAIGN_CLOSED,
                format!("campaign {campaign_id} is not opened"),
            ));
        }
        check_envelope(&req)?;
        // `unique_id` is unique per customer: across campaigns, in any state.
        if let Some(unique) = req.unique_id.as_deref().filter(|u| !u.is_empty()) {
            let taken = state
                .ekopost
                .campaigns
                .iter()
                .flat_map(|c| &c.envelopes)
                .any(|e| e.request.unique_id.as_deref() == Some(unique));
            if taken {
                return Err(Fail::bad(
                    codes::NOT_UNIQUE,
                    format!("unique_id `{unique}` is already used"),
                ));
            }
        }
        let campaign = state.ekopost.campaign_mut(&campaign_id)?;
        let envelope = StoredEnvelope {
            id: new_id(),
            fail_reason: fail_reason(Some(&req.name)),
            request: req,
            created_at: now,
            closed_at: None,
            cancelled_at: None,
            close_requests: 0,
            contents: Vec::new(),
        };
        let answer = envelope_wire(campaign, &envelope, step, now);
        campaign.envelopes.push(envelope);
        Ok(Json(answer))
    })
}

pub async fn get_one(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((campaign_id, envelope_id)): Path<(String, String)>,
) -> reply::Result<Json<Envelope>> {
    authenticate(&shared, &headers)?;
    let state = shared.read();
    let c = state.ekopost.campaign(&campaign_id)?;
    Ok(Json(envelope_wire(
        c,
        c.envelope(&envelope_id)?,
        shared.config.step,
        now(),
    )))
}

pub async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(campaign_id): Path<String>,
    Query(query): Query<EnvelopeQuery>,
) -> reply::Result<Json<Vec<Envelope>>> {
    authenticate(&shared, &headers)?;
    let (step, now) = (shared.config.step, now());
    let state = shared.read();
    let c = state.ekopost.campaign(&campaign_id)?;
    let found = c
        .envelopes
        .iter()
        .filter(|e| query.name.as_ref().is_none_or(|n| &e.request.name == n))
        .filter(|e| {
            query
                .state
                .as_ref()
                .is_none_or(|s| &envelope_state(c, e, step, now).0 == s)
        })
        .filter(|e| {
            query.address_type.as_deref().is_none_or(|t| {
                let kind = e
                    .request
                    .address
                    .as_ref()
                    .and_then(|a| a.type_name())
                    .unwrap_or("postal");
                kind.replace('_', "")
                    .eq_ignore_ascii_case(&t.replace('_', ""))
            })
        })
        .map(|e| envelope_wire(c, e, step, now))
        .collect();
    Ok(Json(found))
}

/// Needs its document (100A). Closing a closed envelope answers it as it is.
pub async fn close(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((campaign_id, envelope_id)): Path<(String, String)>,
) -> reply::Result<Json<Envelope>> {
    authenticate(&shared, &headers)?;
    let step = shared.config.step;
    shared.change(|state| {
        let now = now();
        let c = state.ekopost.campaign_mut(&campaign_id)?;
        let current = envelope_state(c, c.envelope(&envelope_id)?, step, now).0;
        let e = c.envelope_mut(&envelope_id)?;
        match current {
            WireState::Opened if e.document().is_none() => {
                return Err(Fail::bad(
                    codes::NO_DOCUMENT,
                    format!("envelope {envelope_id} has no document"),
                ));
            }
            WireState::Opened => e.closed_at = Some(now),
            WireState::Cancelled | WireState::Failed => {
                return Err(Fail::bad(
                    codes::INVALID_DATA,
                    format!("the envelope is {current}"),
                ));
            }
            _ => {}
        }
        e.close_requests += 1;
        let e = c.envelope(&envelope_id)?;
        Ok(Json(envelope_wire(c, e, step, now)))
    })
}

/// Possible while opened or closed; not once transferred.
pub async fn cancel(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((campaign_id, envelope_id)): Path<(String, String)>,
) -> reply::Result<Json<Envelope>> {
    authenticate(&shared, &headers)?;
    let step = shared.config.step;
    shared.change(|state| {
        let now = now();
        let c = state.ekopost.campaign_mut(&campaign_id)?;
        match envelope_state(c, c.envelope(&envelope_id)?, step, now).0 {
            WireState::Opened | WireState::Closed => {
                c.envelope_mut(&envelope_id)?.cancelled_at = Some(now)
            }
            WireState::Cancelled => {}
            s => {
                return Err(Fail::bad(
                    codes::INVALID_DATA,
                    format!("the envelope is {s} and can no longer be cancelled"),
                ));
            }
        }
        let e = c.envelope(&envelope_id)?;
        Ok(Json(envelope_wire(c, e, step, now)))
    })
}
