//! E-POST behind the `Provider` seam: the neutral letter mapped to the API's
//! `Letter`, statusID mapped to `DeliveryState`, the duplicate failsafe's
//! refusal recognised. Facts: `shared/providers/epost.md`.
use async_trait::async_trait;

use super::wire::{self, StatusId};
use super::Client;
use crate::error::{ErrorKind, ProviderError, ProviderMessage};
use crate::provider::*;

/// EKP: exactly 10 characters (the seed's setup form).
pub const EKP_LEN: u32 = 10;

/// What E-POST offers and its field limits (`shared/providers/epost.md`).
pub fn describe() -> ProviderDescription {
    ProviderDescription {
        name: "E-POSTBUSINESS API".into(),
        home_country: "DE".into(),
        prints_letters: true,
        registered: vec![
            RegisteredLetter::EinwurfEinschreiben,
            RegisteredLetter::Einschreiben,
            RegisteredLetter::EinschreibenRueckschein,
        ],
        // "Registered letters are domestic only"; "Duplex and registered letter do not combine".
        registered_domestic_only: true,
        registered_with_duplex: false,
        postage: Vec::new(),
        channels: vec![Channel::Postal],
        color: true,
        duplex: true,
        cover_letter: true,
        can_cancel: false,
        deliveries: false,
        test_mode: true,
        test_result: true,
        account_id: Some(FieldLimit { min: EKP_LEN, max: EKP_LEN }),
        // costCenter ≤ 8 [0-9a-zA-Z]; custom1 ≤ 80.
        cost_center: Some(FieldLimit { min: 0, max: 8 }),
        cost_center_alphanumeric: true,
        reference: Some(FieldLimit { min: 0, max: 80 }),
        // addressLine1 1–80, lines 2–5 ≤ 80, line 5 only for DE.
        address_line: FieldLimit { min: 1, max: 80 },
        address_lines_domestic: 5,
        address_lines_abroad: 4,
        // zipCode 3–20 (three blanks abroad without postal codes); city 1–80.
        postal_code: FieldLimit { min: 3, max: 20 },
        domestic_postal_code_digits: 5,
        city: FieldLimit { min: 1, max: 80 },
        registered_line_max: None,
        // "Keep at least 5 s between status calls."
        min_status_interval_ms: 5000,
    }
}

/// German country names in capitals, as the API wants them (`ÖSTERREICH`).
pub fn german_country_name(iso: &str) -> String {
    match iso.to_ascii_uppercase().as_str() {
        "AT" => "ÖSTERREICH",
        "CH" => "SCHWEIZ",
        "FR" => "FRANKREICH",
        "NL" => "NIEDERLANDE",
        "BE" => "BELGIEN",
        "SE" => "SCHWEDEN",
        "NO" => "NORWEGEN",
        "FI" => "FINNLAND",
        "DK" => "DÄNEMARK",
        "PL" => "POLEN",
        "IT" => "ITALIEN",
        "ES" => "SPANIEN",
        "GB" => "GROSSBRITANNIEN",
        "US" => "USA",
        "LU" => "LUXEMBURG",
        "CZ" => "TSCHECHIEN",
        other => return other.to_string(),
    }
    .to_string()
}

/// The API's `Letter` for one neutral letter.
pub fn wire_letter(letter: &OutgoingLetter, pdf: &[u8]) -> Result<wire::Letter, ProviderError> {
    let r = &letter.recipient;
    let line = |i: usize| r.name_lines.get(i).cloned();
    let registered = match letter.options.registered {
        RegisteredLetter::None => None,
        RegisteredLetter::EinwurfEinschreiben => Some(wire::RegisteredLetter::EinwurfEinschreiben),
        RegisteredLetter::Einschreiben => Some(wire::RegisteredLetter::Einschreiben),
        RegisteredLetter::EinschreibenRueckschein => Some(wire::RegisteredLetter::EinschreibenRueckschein),
        RegisteredLetter::Registered => {
            return Err(ProviderError::new(
                ErrorKind::Rejected,
                "E-POST has no plain registered letter: choose Einwurf Einschreiben, Einschreiben or Einschreiben Rückschein",
            ))
        }
    };
    let test = letter.test.as_ref();
    Ok(wire::Letter {
        file_name: letter.wire_name.clone(),
        data: wire::Base64Data::encode(pdf),
        address_line1: line(0).unwrap_or_default(),
        address_line2: line(1),
        address_line3: line(2),
        address_line4: line(3),
        address_line5: line(4),
        zip_code: r.postal_code.clone().unwrap_or_else(|| "   ".into()),
        city: r.city.clone(),
        country: r.country.as_deref().map(german_country_name),
        is_color: Some(letter.options.color),
        is_duplex: Some(letter.options.duplex),
        registered_letter: registered,
        cover_letter: Some(letter.options.cover_letter),
        test_flag: test.map(|_| true),
        test_email: test.and_then(|t| t.email.clone()).filter(|e| !e.is_empty()),
        test_show_restricted_area: test.filter(|t| t.show_restricted_area).map(|_| true),
        cost_center: letter.cost_center.clone(),
        custom1: letter.reference.clone(),
        custom5: Some(letter.idempotency_key.clone()),
        vendor_system_information: Some(format!("Postdesk {}", env!("CARGO_PKG_VERSION"))),
        // The provider's half of "never send twice": a copy of anything sent in
        // the last hour with this flag is refused.
        activate_duplicate_failsafe: Some(true),
        ..Default::default()
    })
}

/// statusID → the job list's state.
pub fn delivery_state(status: StatusId) -> DeliveryState {
    match status {
        StatusId::Accepted => DeliveryState::Accepted,
        StatusId::Released => DeliveryState::Released,
        StatusId::AtPrintCentre => DeliveryState::Printing,
        StatusId::Sent => DeliveryState::Sent,
        StatusId::Error => DeliveryState::Failed,
        StatusId::Unknown(_) => DeliveryState::Submitted,
    }
}

fn parse_id(provider_id: &str) -> Result<i64, ProviderError> {
    provider_id.parse().map_err(|_| ProviderError::new(ErrorKind::Protocol, "stored letterID is not a number"))
}

/// An E-POST account behind the seam; `client` is shared with the account's
/// own flows (SMS PIN, admin contact), so they use one login.
pub struct EpostProvider {
    client: Client,
}

impl EpostProvider {
    pub fn new(client: Client) -> Self {
        Self { client }
    }
    pub fn client(&self) -> &Client {
        &self.client
    }
}

#[async_trait]
impl Provider for EpostProvider {
    fn describe(&self) -> ProviderDescription {
        describe()
    }

    async fn check_connection(&self) -> Result<(), ProviderError> {
        self.client.refresh_login().await
    }

    async fn submit(
        &self,
        letter: &OutgoingLetter,
        pdf: &[u8],
        _steps: &mut Steps,
        _checkpoint: &dyn Checkpoint,
    ) -> Result<String, ProviderError> {
        // One call: nothing to resume, so no steps.
        let wire = wire_letter(letter, pdf)?;
        let accepted = self.client.send_letters(std::slice::from_ref(&wire)).await?;
        accepted
            .into_iter()
            .find(|a| a.file_name == wire.file_name)
            .map(|a| a.letter_id.to_string())
            .ok_or_else(|| ProviderError::new(ErrorKind::Protocol, "the provider accepted the letter but returned no letterID for it"))
    }

    /// Asked by the unique fileName and the idempotency key in `custom5`.
    async fn find(&self, letter: &OutgoingLetter, _steps: &Steps) -> Result<Option<String>, ProviderError> {
        if letter.wire_name.is_empty() {
            return Ok(None);
        }
        let found = self.client.find_letter(&letter.wire_name, Some(&letter.idempotency_key)).await?;
        Ok(found.map(|s| s.letter_id.to_string()))
    }

    /// The duplicate failsafe, or our unique fileName already taken (which only
    /// our own earlier attempt can have done).
    fn is_duplicate_refusal(&self, p: &ProviderError) -> bool {
        p.kind == ErrorKind::Rejected
            && (p.messages.iter().any(|m| {
                let d = m.description.as_deref().unwrap_or("").to_ascii_lowercase();
                d.contains("duplicate") || d.contains("not unique")
            }) || p.description.to_ascii_lowercase().contains("duplicate"))
    }

    async fn status(&self, provider_id: &str) -> Result<DeliveryStatus, ProviderError> {
        let s = self.client.letter_status(parse_id(provider_id)?).await?;
        Ok(DeliveryStatus {
            state: delivery_state(s.status()),
            provider_status: format!("{}{}", s.status_id, s.status_details.as_deref().map(|d| format!(" {d}")).unwrap_or_default()),
            registered_number: s.registered_letter_id.clone(),
            errors: s
                .errors()
                .iter()
                .map(|e| ProviderMessage {
                    level: e.level.clone().map(String::from),
                    code: Some(e.code.clone()),
                    description: Some(e.description.clone()),
                })
                .collect(),
        })
    }

    async fn test_result(&self, provider_id: &str) -> Result<Vec<u8>, ProviderError> {
        let result = self.client.test_result(parse_id(provider_id)?).await?;
        result.data.decode().map_err(|_| {
            let mut e = ProviderError::new(ErrorKind::Protocol, "the test result is not readable (bad base64)");
            e.code = Some("test_result_unreadable".into());
            e
        })
    }
}
