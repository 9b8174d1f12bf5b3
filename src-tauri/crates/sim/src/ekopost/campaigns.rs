//! `POST /campaigns`, `GET /campaigns[/{id}]`, `POST /campaigns/{id}/close|cancel`.

use super::progress::{campaign_state, campaign_wire, parse_date_time};
use super::reply::{self, parse, Fail};
use super::{authenticate, fail_reason, new_id, StoredCampaign};
use crate::server::AppState;
use crate::state::now;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use postdesk_providers::ekopost::codes;
use postdesk_providers::ekopost::wire::{
    Campaign, CampaignQuery, CampaignRequest, State as WireState,
};
use time::Duration;

pub async fn create(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> reply::Result<Json<Campaign>> {
    authenticate(&shared, &headers)?;
    let req: CampaignRequest = parse(&body)?;
    if let Some(date) = req
        .output_date
        .as_deref()
        .filter(|d| parse_date_time(d).is_none())
    {
        return Err(Fail::bad(
            codes::INVALID_DATA,
            format!("output_date `{date}` is not a date"),
        ));
    }
    let step = shared.config.step;
    shared.change(|state| {
        let campaign = StoredCampaign {
            id: new_id(),
            name: req.name,
            output_date: req.output_date,
            cost_center: req.cost_center,
            created_at: now(),
            closed_at: None,
            cancelled_at: None,
            envelopes: Vec::new(),
        };
        let answer = campaign_wire(&campaign, step, now());
        state.ekopost.campaigns.push(campaign);
        Ok(Json(answer))
    })
}

pub async fn get_one(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(campaign_id): Path<String>,
) -> reply::Result<Json<Campaign>> {
    authenticate(&shared, &headers)?;
    let state = shared.read();
    Ok(Json(campaign_wire(
        state.ekopost.campaign(&campaign_id)?,
        shared.config.step,
        now(),
    )))
}

/// Campaigns created in [start, stop) (default today, tomorrow), newest first.
pub async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<CampaignQuery>,
) -> reply::Result<Json<Vec<Campaign>>> {
    authenticate(&shared, &headers)?;
    let today = now().date().midnight().assume_utc();
    let bound =
        |value: &Option<String>, default| match value.as_deref().filter(|s| !s.trim().is_empty()) {
            None => Ok(default),
            Some(s) => parse_date_time(s)
                .ok_or_else(|| Fail::bad(codes::SEARCH_PARAMS, format!("`{s}` is not a date"))),
        };
    let start = bound(&query.start, today)?;
    let stop = bound(&query.stop, today + Duration::days(1))?;
    if stop <= start {
        return Err(Fail::bad(codes::TIMESPAN, "stop must be after start"));
    }
    let (step, now) = (shared.config.step, now());
    let state = shared.read();
    let mut found: Vec<&StoredCampaign> = state
        .ekopost
        .campaigns
        .iter()
        .filter(|c| c.created_at >= start && c.created_at < stop)
        .filter(|c| query.name.as_ref().is_none_or(|n| &c.name == n))
        .filter(|c| {
            query
                .state
                .as_ref()
                .is_none_or(|s| &campaign_state(c, step, now).0 == s)
        })
        .collect();
    found.sort_by_key(|c| std::cmp::Reverse(c.created_at));
    Ok(Json(
        found
            .into_iter()
            .map(|c| campaign_wire(c, step, now))
            .collect(),
    ))
}

/// Ready for production with all its envelopes: it needs one (101) and all
/// of them closed (102). Closing a closed campaign answers it as it is.
pub async fn close(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(campaign_id): Path<String>,
) -> reply::Result<Json<Campaign>> {
    authenticate(&shared, &headers)?;
    let step = shared.config.step;
    shared.change(|state| {
        let now = now();
        let c = state.ekopost.campaign_mut(&campaign_id)?;
        match campaign_state(c, step, now).0 {
            WireState::Opened => {}
            WireState::Cancelled | WireState::Failed => {
                return Err(Fail::bad(codes::INVALID_DATA, "the campaign is cancelled"));
            }
            _ => return Ok(Json(campaign_wire(c, step, now))),
        }
        let live: Vec<_> = c
            .envelopes
            .iter()
            .filter(|e| e.cancelled_at.is_none())
            .collect();
        if live.is_empty() {
            return Err(Fail::bad(
                codes::NO_ENVELOPE,
                format!("campaign {campaign_id} has no envelope"),
            ));
        }
        if let Some(open) = live.iter().find(|e| e.closed_at.is_none()) {
            return Err(Fail::bad(
                codes::ENVELOPES_OPEN,
                format!("envelope {} is still opened", open.id),
            ));
        }
        c.closed_at = Some(now);
        if let Some(reason) = fail_reason(c.cost_center.as_deref()) {
            for e in &mut c.envelopes {
                e.fail_reason.get_or_insert_with(|| reason.clone());
            }
        }
        Ok(Json(campaign_wire(c, step, now)))
    })
}

/// CHOICE: possible until the campaign is transferred (the reference lets an
/// opened campaign be cancelled, and a closed envelope too).
pub async fn cancel(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(campaign_id): Path<String>,
) -> reply::Result<Json<Campaign>> {
    authenticate(&shared, &headers)?;
    let step = shared.config.step;
    shared.change(|state| {
        let now = now();
        let c = state.ekopost.campaign_mut(&campaign_id)?;
        match campaign_state(c, step, now).0 {
            WireState::Opened | WireState::Closed => {}
            WireState::Cancelled => return Ok(Json(campaign_wire(c, step, now))),
            s => {
                return Err(Fail::bad(
                    codes::INVALID_DATA,
                    format!("the campaign is {s} and can no longer be cancelled"),
                ))
            }
        }
        c.cancelled_at = Some(now);
        Ok(Json(campaign_wire(c, step, now)))
    })
}
