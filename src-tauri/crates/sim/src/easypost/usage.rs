//! `GET /usage?from=YYYY-MM-DD&until=YYYY-MM-DD`: per channel, the sending
//! events that started in that range (both days included, UTC), their pages and
//! what they cost by `PRICES`. CHOICE: a FAILED event is not billed nor counted;
//! both dates default to the current month (its first day to today); a date
//! that is not `YYYY-MM-DD` (or RFC 3339), or `from` after `until`, is 400.

use super::progress::event_status;
use super::{authenticate, Fail, Query, Result};
use crate::server::AppState;
use crate::state::now;
use axum::extract::{Query as Q, State};
use axum::http::HeaderMap;
use axum::Json;
use postdesk_providers::easypost::wire::{channel, event_status as es, Usage, UsageItem};
use time::macros::format_description;
use time::Date;

/// Our price table (euro cents, VAT excluded): per sending, and per page.
/// Made up but in the range of Belgian hybrid mail in 2026.
pub const PRICES: &[(&str, u32, u32)] = &[
    (channel::POSTAL_MAIL, 95, 12),
    (channel::REGISTERED_MAIL, 880, 12),
    (channel::EBOX, 30, 0),
    (channel::EMAIL, 8, 0),
    (channel::PEPPOL, 25, 0),
];

fn price(ch: &str, pages: u32) -> u32 {
    PRICES
        .iter()
        .find(|(c, ..)| *c == ch)
        .map_or(0, |(_, per_sending, per_page)| {
            per_sending + per_page * pages
        })
}

fn day(q: &Query, name: &str, default: Date) -> Result<Date> {
    let Some(v) = q.get(name).filter(|v| !v.is_empty()) else {
        return Ok(default);
    };
    Date::parse(v, format_description!("[year]-[month]-[day]"))
        .ok()
        .or_else(|| {
            time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
                .ok()
                .map(|t| t.to_offset(time::UtcOffset::UTC).date())
        })
        .ok_or_else(|| Fail::invalid(vec![format!("{name} must be a date (YYYY-MM-DD)")]))
}

pub async fn usage(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Q(q): Q<Query>,
) -> Result<Json<Usage>> {
    authenticate(&shared, &headers)?;
    let (step, now) = (shared.config.step, now());
    let today = now.date();
    let from = day(&q, "from", today.replace_day(1).unwrap_or(today))?;
    let until = day(&q, "until", today)?;
    if from > until {
        return Err(Fail::invalid(vec!["from must not be after until".into()]));
    }
    let state = shared.read();
    let mut items: Vec<UsageItem> = Vec::new();
    for e in &state.easypost.events {
        let d = e.started_at.date();
        if d < from || d > until || event_status(e, step, now).0 == es::FAILED {
            continue;
        }
        let i = match items.iter().position(|i| i.channel == e.channel) {
            Some(i) => i,
            None => {
                items.push(UsageItem {
                    channel: e.channel.clone(),
                    sendings: 0,
                    pages: 0,
                    amount_cents: 0,
                });
                items.len() - 1
            }
        };
        items[i].sendings += 1;
        items[i].pages += e.pages;
        items[i].amount_cents += price(&e.channel, e.pages);
    }
    let fmt = format_description!("[year]-[month]-[day]");
    Ok(Json(Usage {
        from: from.format(fmt).unwrap_or_default(),
        until: until.format(fmt).unwrap_or_default(),
        items,
    }))
}
