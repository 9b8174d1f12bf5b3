//! Posti (Finland) with an OmaPosti Pro API key.
//!
//! Facts: `shared/seeds/003_…` (Posti's customer guide for making the key, in
//! Swedish) and `shared/providers/posti.md`. The key is made by a **main user**
//! on OmaPosti Pro's Integrations page and can place orders only for the
//! logistics agreement ids linked to that user.
//!
//! ## What the key reaches, honestly
//! The OmaPosti Pro key belongs to Posti's **shipping API** (shipment orders and
//! labels for the listed agreements). It does not reach Posti's letter printing
//! service (iPost takes PDF plus an XML manifest over SFTP, under its own
//! contract). So a Posti company in Postdesk can prove its key and see which
//! agreements it reaches, but `describe().prints_letters` is false: core refuses
//! a letter for Posti before anything is queued or spent, with the reason.
//!
//! ## The wire (CHOICE)
//! The seed is a click-by-click guide and names no endpoint. We use one
//! harmless authenticated call, `GET {base}/v1/agreements` with the header
//! `Authorization: <key>` (the raw key, as posti.md describes for the v1 API),
//! answering `{"agreements":[{"agreementId","name"}]}`: the agreements the key
//! may order for. Errors are `{"status","errorCode","message"}` (`wire.rs`);
//! 401 with `INVALID_API_KEY` (unknown or mistyped), `API_KEY_REVOKED` or
//! `MISSING_API_KEY`. The client is tolerant: any 401/403 is a bad key, and an
//! unknown or missing `errorCode` reads as `INVALID_API_KEY`.

pub mod client;
pub mod provider;
pub mod wire;

pub use client::Client;
pub use provider::{describe, provider, PostiProvider};
pub use wire::{codes, Agreement};

/// Posti's API gateway (CHOICE: the seed names none; a setting would only be
/// needed for a host Posti gives a customer with the contract).
pub const PRODUCTION_BASE_URL: &str = "https://gateway.posti.fi";

/// At most this many agreement ids per company (a main user has a handful).
pub const MAX_AGREEMENTS: usize = 20;
/// An agreement id: 1–20 letters, digits or dashes (CHOICE: Posti's customer
/// numbers are digits; we accept a little more and let Posti answer).
pub const AGREEMENT_ID_MAX: usize = 20;

/// The agreement ids in `text` (separated by commas, semicolons, spaces or
/// new lines), trimmed and without repeats, in the order written; or the first
/// id that is not one.
pub fn parse_agreement_ids(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for id in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let id = id.trim();
        if id.is_empty() {
            continue;
        }
        let ok = id.chars().count() <= AGREEMENT_ID_MAX
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            return Err(id.chars().take(40).collect());
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
    }
    Ok(out)
}

/// Which of the entered agreement ids the key reaches.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export, rename = "PostiReach")]
pub struct Reach {
    /// Entered and reached, with the name Posti gives the agreement.
    pub reached: Vec<Agreement>,
    /// Entered, but the key cannot order for them.
    pub not_reached: Vec<String>,
    /// Reached by the key, but not entered (offered to add).
    pub also_reachable: Vec<Agreement>,
}

/// Compares the ids the clerk entered with the agreements the key lists.
pub fn reach(entered: &[String], listed: &[Agreement]) -> Reach {
    let found = |id: &str| listed.iter().find(|a| a.agreement_id == id).cloned();
    Reach {
        reached: entered.iter().filter_map(|id| found(id)).collect(),
        not_reached: entered.iter().filter(|id| found(id).is_none()).cloned().collect(),
        also_reachable: listed
            .iter()
            .filter(|a| !entered.contains(&a.agreement_id))
            .cloned()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_ids_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            parse_agreement_ids(" 612345, 612346;612345\n 700-1 ").unwrap(),
            vec!["612345", "612346", "700-1"]
        );
        assert_eq!(parse_agreement_ids("  ").unwrap(), Vec::<String>::new());
        assert_eq!(parse_agreement_ids("612345, 61/2").unwrap_err(), "61/2");
        assert!(parse_agreement_ids(&"1".repeat(21)).is_err());
    }

    #[test]
    fn reach_tells_entered_ids_apart() {
        let listed = vec![
            Agreement { agreement_id: "1".into(), name: "A".into() },
            Agreement { agreement_id: "2".into(), name: "B".into() },
        ];
        let r = reach(&["2".into(), "9".into()], &listed);
        assert_eq!(r.reached, vec![listed[1].clone()]);
        assert_eq!(r.not_reached, vec!["9".to_string()]);
        assert_eq!(r.also_reachable, vec![listed[0].clone()]);
    }
}
