//! The EasyPost Connect company's incoming Peppol documents and its usage: the
//! list (the seed's sorting and filters, paged by `after`), one document
//! downloaded into the data folder, the count of documents that arrived since
//! the clerk last opened the inbox (the "seen" mark, per account, in the
//! `settings` table), and a month's usage per channel.
//!
//! Dates come from the window as the clerk's days (`YYYY-MM-DD`) and are turned
//! into instants here, with the clerk's UTC offset; `until` takes the whole day.
use std::path::PathBuf;

use postdesk_providers::easypost::{wire, Client};
use postdesk_providers::{ErrorKind, ProviderError};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime, UtcOffset};
use ts_rs::TS;

/// The answers' own types (the provider's wire), for the window's commands.
pub use postdesk_providers::easypost::wire::{PeppolDocument, Usage};

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::now_rfc3339;

/// Which date the list is sorted and filtered by (the seed's `sortField`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PeppolSortField {
    /// When the document arrived (`createdAt`).
    #[default]
    CreatedAt,
    /// When it last changed (`lastModifiedAt`).
    LastModifiedAt,
}

impl PeppolSortField {
    fn wire(self) -> &'static str {
        match self {
            PeppolSortField::CreatedAt => "createdAt",
            PeppolSortField::LastModifiedAt => "lastModifiedAt",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PeppolSortOrder {
    Asc,
    /// Newest first (the seed's default).
    #[default]
    Desc,
}

/// What the Peppol inbox asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeppolListQuery {
    #[serde(default)]
    pub sort_field: PeppolSortField,
    #[serde(default)]
    pub sort_order: PeppolSortOrder,
    /// First day (`YYYY-MM-DD`, the clerk's), of the date `sort_field` names.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Last day, included whole.
    #[serde(default)]
    #[ts(optional)]
    pub until: Option<String>,
    /// `next_after` of the page before (the next page), else the first page.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// The clerk's offset from UTC in minutes (Brussels: 60 in winter, 120 in
    /// summer); the days are the clerk's days. Bounded to ±14 hours.
    #[serde(default)]
    pub utc_offset_minutes: i32,
}

/// One page of the Peppol inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeppolPage {
    pub items: Vec<wire::PeppolDocument>,
    /// Pass as `after` for the next page; None when this was the last.
    pub next_after: Option<String>,
}

/// The badge counts at most this many ("99+" beyond 99): one page of the API.
pub const PEPPOL_UNSEEN_CAP: u32 = wire::MAX_ITEMS;

/// The first and the last year a date may name (anything else is a typo).
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Longest sender id or document id taken from the window.
const MAX_ID_CHARS: usize = 200;

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

/// `YYYY-MM-DD`, a real day of a year in `YEARS`.
pub fn parse_day(s: &str) -> Result<Date, CoreError> {
    let s = s.trim();
    let bad = || {
        rule(
            RuleCode::PeppolDateInvalid,
            format!("“{s}” is not a date: use a day like 2026-03-31."),
        )
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    if s.len() != 10 {
        return Err(bad());
    }
    let d = Date::parse(s, fmt).map_err(|_| bad())?;
    if !YEARS.contains(&d.year()) {
        return Err(bad());
    }
    Ok(d)
}

/// `YYYY-MM` → its first and last day.
pub fn month_days(month: &str) -> Result<(Date, Date), CoreError> {
    let m = month.trim();
    let bad = || {
        rule(
            RuleCode::EasypostUsageMonth,
            format!("“{m}” is not a month: use one like 2026-03."),
        )
    };
    let (y, mo) = m.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || mo.len() != 2 || !(y.bytes().chain(mo.bytes()).all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month = mo
        .parse::<u8>()
        .ok()
        .and_then(|n| time::Month::try_from(n).ok())
        .ok_or_else(bad)?;
    if !YEARS.contains(&year) {
        return Err(bad());
    }
    let first = Date::from_calendar_date(year, month, 1).map_err(|_| bad())?;
    let last = Date::from_calendar_date(year, month, month.length(year)).map_err(|_| bad())?;
    Ok((first, last))
}

fn ymd(d: Date) -> String {
    d.format(time::macros::format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

fn instant(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// The query's days as the API's instants: `from` the start of its day,
/// `until` the last millisecond of its day (the API compares inclusively).
pub fn wire_query(q: &PeppolListQuery) -> Result<wire::PeppolQuery, CoreError> {
    let minutes = q.utc_offset_minutes.clamp(-14 * 60, 14 * 60);
    let offset = UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(UtcOffset::UTC);
    let day = |s: &Option<String>| -> Result<Option<Date>, CoreError> {
        s.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(parse_day)
            .transpose()
    };
    let (from, until) = (day(&q.from)?, day(&q.until)?);
    if let (Some(f), Some(u)) = (from, until) {
        if f > u {
            return Err(rule(
                RuleCode::PeppolDateRange,
                "The first day is after the last day: swap them.",
            ));
        }
    }
    let start = |d: Date| d.midnight().assume_offset(offset);
    let after = q.after.as_deref().map(str::trim).filter(|a| !a.is_empty());
    if after.is_some_and(|a| a.chars().count() > MAX_ID_CHARS || a.chars().any(char::is_control)) {
        return Err(CoreError::Invalid(
            "The page to continue after is not a document id.".into(),
        ));
    }
    Ok(wire::PeppolQuery {
        sort_field: Some(q.sort_field.wire().into()),
        sort_order: Some(match q.sort_order {
            PeppolSortOrder::Asc => "asc".into(),
            PeppolSortOrder::Desc => "desc".into(),
        }),
        from: from.map(|d| instant(start(d))),
        until: until
            .and_then(|d| d.next_day())
            .map(|d| instant(start(d) - Duration::milliseconds(1))),
        after: after.map(str::to_owned),
    })
}

/// A name part of `<sender>_<id>.xml`: letters, digits and `-` kept, the rest `_`.
fn safe(s: &str) -> String {
    crate::paths::safe_name_part(s, 100)
}

fn check_id(what: &str, s: &str) -> Result<(), CoreError> {
    if s.trim().is_empty() || s.chars().count() > MAX_ID_CHARS || s.chars().any(char::is_control) {
        return Err(CoreError::Invalid(format!(
            "The {what} is not a Peppol id."
        )));
    }
    Ok(())
}

/// The API's errors in the clerk's terms (a bad key, the service away).
fn inbox_error(e: ProviderError) -> CoreError {
    crate::easypost_setup::setup_error(e)
}

/// `settings` key of an account's "seen" mark (RFC 3339).
fn seen_key(account_id: i64) -> String {
    format!("easypost_peppol_seen:{account_id}")
}

/// Looks like XML: `<` first, after a byte-order mark and white space.
fn is_xml(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}

impl Postdesk {
    /// The current company's account id and its EasyPost client; refused for
    /// a company of another provider.
    async fn easypost_client(&self) -> Result<(i64, Client), CoreError> {
        let (_, row) = self.current_account_row()?;
        if row.settings.easypost().is_none() {
            return Err(rule(
                RuleCode::ProviderMismatch,
                "This company does not send through EasyPost Connect.",
            ));
        }
        let p = self.easypost_provider(&row).await.map_err(|e| match e {
            CoreError::Provider(e) => inbox_error(e),
            e => e,
        })?;
        Ok((row.id, p.client().clone()))
    }

    /// One page of the Peppol inbox.
    pub async fn peppol_documents(&self, query: PeppolListQuery) -> Result<PeppolPage, CoreError> {
        let q = wire_query(&query)?;
        let (_, client) = self.easypost_client().await?;
        let page = client.peppol_documents(&q).await.map_err(inbox_error)?;
        let next_after = postdesk_providers::easypost::client::next_after(
            page.items.len(),
            page.max_items,
            page.items.last().map(|d| d.id.as_str()),
            q.after.as_deref(),
        );
        Ok(PeppolPage {
            items: page.items,
            next_after,
        })
    }

    /// Downloads one document (its pre-signed URL is valid 10 minutes: asked
    /// for right before, and once more if it expired on the way) to
    /// `peppol/<sender>_<id>.xml` in the data folder; returns the path.
    pub async fn open_peppol_document(
        &self,
        sender_id: &str,
        id: &str,
    ) -> Result<PathBuf, CoreError> {
        check_id("sender", sender_id)?;
        check_id("document id", id)?;
        let (_, client) = self.easypost_client().await?;
        let gone = |e: ProviderError| match e.http_status {
            Some(404) => rule(
                RuleCode::PeppolDocumentGone,
                "EasyPost Connect no longer has this document. Refresh the list.",
            ),
            _ => inbox_error(e),
        };
        let mut tries = 0;
        let bytes = loop {
            tries += 1;
            let url = client
                .peppol_download_url(sender_id, id)
                .await
                .map_err(gone)?;
            match client.download(&url.url).await {
                Ok(b) => break b,
                Err(e)
                    if tries < 2
                        && e.kind == ErrorKind::Rejected
                        && e.code.as_deref() == Some(wire::codes::UPLOAD_URL_EXPIRED) =>
                {
                    continue
                }
                Err(e) => return Err(gone(e)),
            }
        };
        if !is_xml(&bytes) {
            return Err(CoreError::Invalid(
                "EasyPost Connect's Peppol document is not an XML document.".into(),
            ));
        }
        let name = format!("{}_{}.xml", safe(sender_id), safe(id));
        crate::paths::save_private(&self.data_dir().join("peppol"), &name, &bytes)
    }

    /// How many documents arrived after the clerk last opened the inbox (all
    /// of them before the first time), at most `PEPPOL_UNSEEN_CAP`.
    pub async fn peppol_unseen(&self) -> Result<u32, CoreError> {
        let (account, client) = self.easypost_client().await?;
        let mark = self
            .store()
            .setting(&seen_key(account))?
            .and_then(|m| OffsetDateTime::parse(&m, &Rfc3339).ok());
        let q = wire::PeppolQuery {
            sort_field: Some("createdAt".into()),
            sort_order: Some("desc".into()),
            from: mark.map(instant),
            ..Default::default()
        };
        let page = client.peppol_documents(&q).await.map_err(inbox_error)?;
        // `from` is inclusive at the API: the mark's own instant was seen. A
        // time in whole seconds (the simulator's) that falls in the mark's
        // second is taken as seen: no badge for a document the clerk may have
        // had in front of them (it is in the list all the same).
        let new = page
            .items
            .iter()
            .filter(
                |d| match (mark, OffsetDateTime::parse(&d.created_at, &Rfc3339)) {
                    (Some(m), Ok(t)) => t > m,
                    _ => true,
                },
            )
            .count();
        Ok(u32::try_from(new)
            .unwrap_or(u32::MAX)
            .min(PEPPOL_UNSEEN_CAP))
    }

    /// The clerk opened the inbox: what arrived until now is seen.
    pub fn peppol_mark_seen(&self) -> Result<(), CoreError> {
        let (_, row) = self.current_account_row()?;
        if row.settings.easypost().is_none() {
            return Err(rule(
                RuleCode::ProviderMismatch,
                "This company does not send through EasyPost Connect.",
            ));
        }
        self.store().set_setting(&seen_key(row.id), &now_rfc3339())
    }

    /// A month's usage (`YYYY-MM`): per channel, sendings, pages and amount.
    pub async fn easypost_usage(&self, month: &str) -> Result<wire::Usage, CoreError> {
        let (first, last) = month_days(month)?;
        let (_, client) = self.easypost_client().await?;
        client
            .usage(&ymd(first), &ymd(last))
            .await
            .map_err(inbox_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AppError;

    fn code(e: CoreError) -> String {
        AppError::from(e).code
    }

    #[test]
    fn days_are_real_and_bounded() {
        assert_eq!(ymd(parse_day("2026-02-28").unwrap()), "2026-02-28");
        assert_eq!(ymd(parse_day(" 2024-02-29 ").unwrap()), "2024-02-29");
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "26-01-01",
            "2026-1-1",
            "1999-12-31",
            "2101-01-01",
            "tomorrow",
            "2026-01-01T00:00:00Z",
            "+02026-01-01",
        ] {
            assert_eq!(
                code(parse_day(bad).unwrap_err()),
                "peppol_date_invalid",
                "{bad}"
            );
        }
    }

    #[test]
    fn until_takes_the_whole_day_in_the_clerks_offset() {
        let q = PeppolListQuery {
            from: Some("2026-11-30".into()),
            until: Some("2026-11-30".into()),
            utc_offset_minutes: 60,
            ..Default::default()
        };
        let w = wire_query(&q).unwrap();
        assert_eq!(w.from.as_deref(), Some("2026-11-29T23:00:00Z"));
        assert_eq!(w.until.as_deref(), Some("2026-11-30T22:59:59.999Z"));
        assert_eq!(
            (w.sort_field.as_deref(), w.sort_order.as_deref()),
            (Some("createdAt"), Some("desc"))
        );
        let w = wire_query(&PeppolListQuery {
            until: Some("2026-12-31".into()),
            sort_field: PeppolSortField::LastModifiedAt,
            sort_order: PeppolSortOrder::Asc,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(w.until.as_deref(), Some("2026-12-31T23:59:59.999Z"));
        assert_eq!(w.from, None);
        assert_eq!(
            (w.sort_field.as_deref(), w.sort_order.as_deref()),
            (Some("lastModifiedAt"), Some("asc"))
        );
        // An absurd offset is bounded, not a panic.
        assert!(wire_query(&PeppolListQuery {
            from: Some("2026-01-01".into()),
            utc_offset_minutes: i32::MAX,
            ..Default::default()
        })
        .is_ok());
        let e = wire_query(&PeppolListQuery {
            from: Some("2026-12-01".into()),
            until: Some("2026-11-30".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(code(e), "peppol_date_range");
        // Empty fields are no filter.
        assert_eq!(
            wire_query(&PeppolListQuery {
                from: Some(" ".into()),
                ..Default::default()
            })
            .unwrap()
            .from,
            None
        );
    }

    #[test]
    fn months_give_their_first_and_last_day() {
        let (f, l) = month_days("2024-02").unwrap();
        assert_eq!((ymd(f), ymd(l)), ("2024-02-01".into(), "2024-02-29".into()));
        let (f, l) = month_days("2026-12").unwrap();
        assert_eq!((ymd(f), ymd(l)), ("2026-12-01".into(), "2026-12-31".into()));
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-01",
            "2026/01",
            "2026-01-01",
            "",
            "1999-12",
            "+202-01",
        ] {
            assert_eq!(
                code(month_days(bad).unwrap_err()),
                "easypost_usage_month",
                "{bad}"
            );
        }
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe("0208:0403170701"), "0208_0403170701");
        assert_eq!(safe("../../etc/passwd"), "______etc_passwd");
        assert_eq!(safe(&"x".repeat(500)).len(), 100);
        assert!(is_xml(b"\xEF\xBB\xBF\n <?xml version=\"1.0\"?><a/>"));
        assert!(!is_xml(b"%PDF-1.7"));
        assert!(!is_xml(b""));
    }
}
