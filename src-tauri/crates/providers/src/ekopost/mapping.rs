//! From the neutral letter to Ekopost's wire and back: address, options,
//! states, ids, and what Ekopost offers (`describe`).

use super::rek::check_rek_address;
use super::wire::{Address, CampaignRequest, EnvelopeRequest, Plex, Postage, PostalAddress, State};
use crate::error::{ErrorKind, ProviderError};
use crate::provider::{
    Channel, DeliveryState, FieldLimit, OutgoingLetter, Postage as NeutralPostage,
    ProviderDescription, Recipient, RegisteredLetter,
};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The recipient as a `postal` address. CHOICE: the reference splits `name`
/// and `street` lines but our recipient has one list of lines above the
/// postal code: the last is the street, the others the name (one line: name).
/// No country means `home_country`.
pub fn postal_address(
    recipient: &Recipient,
    home_country: &str,
    use_coverpage: bool,
) -> PostalAddress {
    let lines: Vec<String> = recipient
        .name_lines
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let (name, street) = match lines.split_last() {
        Some((last, rest)) if !rest.is_empty() => (rest.to_vec(), vec![last.clone()]),
        _ => (lines, Vec::new()),
    };
    PostalAddress {
        name,
        street,
        postal_code: recipient
            .postal_code
            .clone()
            .unwrap_or_default()
            .trim()
            .to_owned(),
        city: recipient.city.trim().to_owned(),
        country: recipient
            .country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or(home_country)
            .to_ascii_uppercase(),
        use_coverpage,
    }
}

/// The envelope's duplicate guard. CHOICE: the idempotency key with a
/// `postdesk-` prefix, since `unique_id` is unique per customer across every
/// integration of the account, not only ours.
pub fn unique_id(letter: &OutgoingLetter) -> String {
    format!("postdesk-{}", letter.idempotency_key)
}

/// Campaign and envelope are both named so: unique per letter, so an envelope
/// whose answer was lost can be found again by name.
pub fn wire_name(letter: &OutgoingLetter) -> String {
    if letter.wire_name.is_empty() {
        letter.idempotency_key.clone()
    } else {
        letter.wire_name.clone()
    }
}

/// One campaign per letter, printed as soon as possible.
pub fn campaign_request(letter: &OutgoingLetter, now: OffsetDateTime) -> CampaignRequest {
    CampaignRequest {
        name: wire_name(letter),
        // CHOICE: "Date in UTC format": RFC 3339 of now, in UTC.
        output_date: now
            .to_offset(time::UtcOffset::UTC)
            .replace_nanosecond(0)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok()),
        cost_center: letter.cost_center.clone().filter(|c| !c.is_empty()),
        signing: None,
    }
}

/// The envelope for `letter`; a registered letter breaking the rek rules is
/// refused here with Ekopost's own code (135), before any call.
pub fn envelope_request(
    letter: &OutgoingLetter,
    home_country: &str,
) -> Result<EnvelopeRequest, ProviderError> {
    let o = &letter.options;
    if o.channel != Channel::Postal {
        return Err(crate::provider::unsupported("this delivery channel"));
    }
    let address = postal_address(&letter.recipient, home_country, o.cover_letter);
    let registered = o.registered != RegisteredLetter::None;
    if registered {
        let problems = check_rek_address(&address);
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            let mut e = ProviderError::new(ErrorKind::Rejected, text.join("; "));
            e.code = Some(super::codes::ADDRESS_VALIDATION.into());
            return Err(e);
        }
    }
    let postage = match (registered, o.postage) {
        // Any kind of registered letter is Ekopost's one kind, `rek`.
        (true, _) => Postage::Rek,
        (false, NeutralPostage::Economy) => Postage::Economy,
        // CHOICE: the reference names no default; priority is its first class.
        (false, NeutralPostage::Priority | NeutralPostage::Standard) => Postage::Priority,
    };
    Ok(EnvelopeRequest {
        name: wire_name(letter),
        address: Some(Address::Postal(address)),
        postage: Some(postage),
        plex: Some(if o.duplex {
            Plex::Duplex
        } else {
            Plex::Simplex
        }),
        color: Some(o.color),
        unique_id: Some(unique_id(letter)),
        ..Default::default()
    })
}

/// An envelope's state in the job list's terms.
pub fn delivery_state(state: &State) -> DeliveryState {
    match state {
        // Exists, but not (yet) handed over: the campaign or envelope is open.
        State::Opened | State::Other(_) => DeliveryState::Submitted,
        State::Closed => DeliveryState::Accepted,
        State::Transferred => DeliveryState::Released,
        State::Printed => DeliveryState::Printing,
        State::Posted | State::Completed => DeliveryState::Sent,
        State::Cancelled => DeliveryState::Cancelled,
        State::Failed => DeliveryState::Failed,
    }
}

/// `<campaign_id>/<envelope_id>`.
pub fn provider_id(campaign_id: &str, envelope_id: &str) -> String {
    format!("{campaign_id}/{envelope_id}")
}

pub fn split_provider_id(id: &str) -> Result<(&str, &str), ProviderError> {
    match id.split_once('/') {
        Some((c, e)) if !c.is_empty() && !e.is_empty() && !e.contains('/') => Ok((c, e)),
        _ => Err(ProviderError::new(
            ErrorKind::Rejected,
            format!("`{id}` is not an Ekopost letter id (campaign_id/envelope_id)"),
        )),
    }
}

/// What Ekopost offers. Limits the reference does not give are marked CHOICE.
pub fn describe(home_country: &str) -> ProviderDescription {
    ProviderDescription {
        name: "Ekopost".into(),
        home_country: home_country.into(),
        prints_letters: true,
        registered: vec![RegisteredLetter::Registered],
        // CHOICE: rek wants a five-digit postal code, i.e. a Swedish address.
        registered_domestic_only: true,
        registered_with_duplex: true,
        postage: vec![NeutralPostage::Priority, NeutralPostage::Economy],
        // CHOICE: only paper. The e-mail object's recipient field is misnamed
        // in the reference (`subject` twice) and the digital mailboxes need a
        // personal number our recipient does not carry.
        channels: vec![Channel::Postal],
        color: true,
        duplex: true,
        // `use_coverpage`: Ekopost adds a flyleaf page with the address.
        cover_letter: true,
        // Until the envelope is `transferred`.
        can_cancel: true,
        deliveries: false,
        // The sandbox host is the test: no test flag on a letter.
        test_mode: false,
        test_result: false,
        account_id: None,
        // CHOICE: no documented limits for these; ours keep rows sane.
        cost_center: Some(FieldLimit { min: 1, max: 50 }),
        cost_center_alphanumeric: false,
        reference: None,
        address_line: FieldLimit { min: 1, max: 80 },
        address_lines_domestic: 4,
        address_lines_abroad: 4,
        postal_code: FieldLimit { min: 1, max: 10 },
        domestic_postal_code_digits: 5,
        city: FieldLimit { min: 1, max: 80 },
        registered_line_max: Some(super::rek::REK_LINE_MAX as u32),
        // CHOICE: no documented pacing; one status call a second per account.
        min_status_interval_ms: 1000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::SendOptions;

    fn letter() -> OutgoingLetter {
        OutgoingLetter {
            idempotency_key: "k-1".into(),
            wire_name: "pd-k-1.pdf".into(),
            recipient: Recipient {
                name_lines: vec![
                    "Anna Andersson".into(),
                    "c/o Berg".into(),
                    "Storgatan 1".into(),
                ],
                postal_code: Some("111 22".into()),
                city: "Stockholm".into(),
                country: None,
                email: None,
            },
            ..Default::default()
        }
    }

    #[test]
    fn envelope_from_letter() {
        let mut l = letter();
        l.options = SendOptions {
            color: true,
            duplex: true,
            cover_letter: true,
            ..Default::default()
        };
        let e = envelope_request(&l, "SE").unwrap();
        let j = serde_json::to_value(&e).unwrap();
        assert_eq!(
            j,
            serde_json::json!({
                "name": "pd-k-1.pdf",
                "address": {"$type": "postal", "name": ["Anna Andersson", "c/o Berg"], "street": ["Storgatan 1"],
                            "postal_code": "111 22", "city": "Stockholm", "country": "SE", "use_coverpage": true},
                "postage": "priority", "plex": "duplex", "color": true, "unique_id": "postdesk-k-1"
            })
        );
        l.options.postage = NeutralPostage::Economy;
        assert_eq!(
            envelope_request(&l, "SE").unwrap().postage,
            Some(Postage::Economy)
        );
        l.options.registered = RegisteredLetter::Registered;
        assert_eq!(
            envelope_request(&l, "SE").unwrap().postage,
            Some(Postage::Rek)
        );
        l.recipient.postal_code = Some("1234".into());
        let err = envelope_request(&l, "SE").unwrap_err();
        assert_eq!(
            (err.kind, err.code.as_deref()),
            (ErrorKind::Rejected, Some("135"))
        );
        l.options.channel = Channel::Email;
        assert_eq!(
            envelope_request(&l, "SE").unwrap_err().code.as_deref(),
            Some("unsupported")
        );
    }

    #[test]
    fn states_and_ids() {
        assert_eq!(delivery_state(&State::Closed), DeliveryState::Accepted);
        assert_eq!(delivery_state(&State::Completed), DeliveryState::Sent);
        assert_eq!(
            delivery_state(&"rescheduled".into()),
            DeliveryState::Submitted
        );
        assert_eq!(
            split_provider_id(&provider_id("c", "e")).unwrap(),
            ("c", "e")
        );
        assert!(
            split_provider_id("c").is_err()
                && split_provider_id("c/").is_err()
                && split_provider_id("a/b/c").is_err()
        );
        let mut l = letter();
        l.recipient.name_lines = vec!["Solo".into()];
        let a = postal_address(&l.recipient, "SE", false);
        assert_eq!((a.name, a.street), (vec!["Solo".to_string()], vec![]));
        let d = describe("SE");
        assert_eq!(d.registered_line_max, Some(35));
        assert_eq!(
            d.postage,
            vec![NeutralPostage::Priority, NeutralPostage::Economy]
        );
    }

    #[test]
    fn output_date_is_utc() {
        let t = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        assert_eq!(
            campaign_request(&letter(), t).output_date.as_deref(),
            Some("2023-11-14T22:13:20Z")
        );
    }
}
