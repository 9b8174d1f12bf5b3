//! States over time. Once a campaign is closed (and its output date reached),
//! each of its closed envelopes moves closed → transferred → printed → posted
//! → completed, one `step` each; the campaign closed → transferred →
//! completed with them. Also the wire objects answered for stored ones.

use super::{StoredCampaign, StoredContent, StoredEnvelope};
use crate::state::text;
use postdesk_providers::ekopost::wire::{
    Campaign, Content, Envelope, Postage, State, Tracking, Transaction,
};
use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// When production starts: the campaign's close, or its output date if later.
pub fn production_start(c: &StoredCampaign) -> Option<OffsetDateTime> {
    let closed = c.closed_at?;
    Some(match c.output_date.as_deref().and_then(parse_date_time) {
        Some(date) if date > closed => date,
        _ => closed,
    })
}

/// Whole steps since `start` (all four at once when `step` is zero).
fn stages(
    start: OffsetDateTime,
    step: Duration,
    now: OffsetDateTime,
) -> (u32, impl Fn(u32) -> OffsetDateTime) {
    let elapsed = (now - start).max(time::Duration::ZERO);
    let n = if step.is_zero() {
        4
    } else {
        (elapsed.as_seconds_f64() / step.as_secs_f64())
            .floor()
            .min(4.0) as u32
    };
    (n, move |k: u32| start + step * k)
}

/// An envelope's state now, and since when.
pub fn envelope_state(
    c: &StoredCampaign,
    e: &StoredEnvelope,
    step: Duration,
    now: OffsetDateTime,
) -> (State, OffsetDateTime) {
    if let Some(at) = e.cancelled_at.or(c.cancelled_at) {
        return (State::Cancelled, at);
    }
    let Some(closed) = e.closed_at else {
        return (State::Opened, e.created_at);
    };
    let Some(start) = production_start(c) else {
        return (State::Closed, closed);
    };
    let (n, at) = stages(start, step, now);
    match (n, &e.fail_reason) {
        (0, _) => (State::Closed, closed.max(c.closed_at.unwrap_or(closed))),
        (1, _) => (State::Transferred, at(1)),
        (_, Some(_)) => (State::Failed, at(2)),
        (2, _) => (State::Printed, at(2)),
        (3, _) => (State::Posted, at(3)),
        _ => (State::Completed, at(4)),
    }
}

/// A campaign's state now, and since when. CHOICE: `failed` when every
/// envelope that was not cancelled failed; `completed` otherwise.
pub fn campaign_state(
    c: &StoredCampaign,
    step: Duration,
    now: OffsetDateTime,
) -> (State, OffsetDateTime) {
    if let Some(at) = c.cancelled_at {
        return (State::Cancelled, at);
    }
    let Some(start) = production_start(c) else {
        return (State::Opened, c.created_at);
    };
    let (n, at) = stages(start, step, now);
    let live: Vec<_> = c
        .envelopes
        .iter()
        .filter(|e| e.cancelled_at.is_none())
        .collect();
    match n {
        0 => (State::Closed, c.closed_at.unwrap_or(start)),
        1..=3 => (State::Transferred, at(1)),
        _ if !live.is_empty() && live.iter().all(|e| e.fail_reason.is_some()) => {
            (State::Failed, at(2))
        }
        _ => (State::Completed, at(4)),
    }
}

pub fn campaign_wire(c: &StoredCampaign, step: Duration, now: OffsetDateTime) -> Campaign {
    let (state, since) = campaign_state(c, step, now);
    Campaign {
        id: c.id.clone(),
        name: c.name.clone(),
        output_date: c.output_date.clone(),
        cost_center: c.cost_center.clone(),
        envelope_count: Some(c.envelopes.len() as i64),
        state,
        state_changed_at: Some(text(since)),
        created_at: Some(text(c.created_at)),
    }
}

pub fn envelope_wire(
    c: &StoredCampaign,
    e: &StoredEnvelope,
    step: Duration,
    now: OffsetDateTime,
) -> Envelope {
    let (state, since) = envelope_state(c, e, step, now);
    let r = &e.request;
    let registered = r.postage == Some(Postage::Rek);
    let tracking = (registered && matches!(state, State::Posted | State::Completed)).then(|| {
        let parcel = parcel_number(&e.id);
        Tracking {
            tracking_url: Some(format!("https://tracking.sandbox.invalid/{parcel}")),
            parcel_no: Some(parcel),
            tracking_state: Some(state.to_string()),
        }
    });
    Envelope {
        id: e.id.clone(),
        name: r.name.clone(),
        address: r.address.clone(),
        postage: r.postage.clone(),
        plex: r.plex.clone(),
        color: r.color,
        transaction: Some(Transaction {
            state: state.clone(),
            state_changed_at: Some(text(since)),
        }),
        failed_reason: (state == State::Failed)
            .then(|| e.fail_reason.clone())
            .flatten(),
        state,
        state_changed_at: Some(text(since)),
        created_at: Some(text(e.created_at)),
        tracking,
        // The reference: a postal address that is missing costs extra.
        warning: r
            .address
            .is_none()
            .then(|| "No address object: the address is read from the document".to_owned()),
        pu: r.pu,
        kb: r.kb,
        consignor_contact: r.consignor_contact.clone(),
        agent: r.agent.clone(),
        unique_id: r.unique_id.clone(),
    }
}

pub fn content_wire(c: &StoredContent) -> Content {
    Content {
        id: c.id.clone(),
        mime: c.mime.clone(),
        length: Some(c.length),
        content_type: Some(c.content_type.clone()),
        created_at: Some(text(c.created_at)),
        return_address: c.return_address,
    }
}

/// A registered-letter number in the UPU S10 shape, stable per envelope.
fn parcel_number(envelope_id: &str) -> String {
    let n: u32 = envelope_id
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 100_000_000;
    format!("RR{n:08}0SE")
}

/// RFC 3339, `YYYY-MM-DD HH:MM:SS[.f]` (UTC) or `YYYY-MM-DD` (midnight UTC):
/// what clients send as "a date in UTC format".
pub fn parse_date_time(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    let spaced = format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second][optional [.[subsecond]]]"
    );
    let t_sep = format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
    );
    if let Ok(t) =
        PrimitiveDateTime::parse(s, &spaced).or_else(|_| PrimitiveDateTime::parse(s, &t_sep))
    {
        return Some(t.assume_utc());
    }
    Date::parse(s, format_description!("[year]-[month]-[day]"))
        .ok()
        .map(|d| d.midnight().assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_shapes_clients_send() {
        let want = time::macros::datetime!(2024-05-06 10:15:30 UTC);
        assert_eq!(parse_date_time("2024-05-06T10:15:30Z"), Some(want));
        assert_eq!(
            parse_date_time("2024-05-06 10:15:30.123456").map(|t| t.replace_nanosecond(0).unwrap()),
            Some(want)
        );
        assert_eq!(parse_date_time("2024-05-06T10:15:30"), Some(want));
        assert_eq!(
            parse_date_time("2024-05-06"),
            Some(time::macros::datetime!(2024-05-06 0:00 UTC))
        );
        assert_eq!(parse_date_time("6 May"), None);
    }
}
