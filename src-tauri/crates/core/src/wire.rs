//! The E-POST boundary of the core: builds the provider's Letter from ours and
//! maps the provider's states back. Names on the wire belong to `providers`.
use std::time::Duration;

use postdesk_providers::epost::{self, wire};
use postdesk_providers::ProviderError;

use crate::error::CoreError;
use crate::model::{AppError, LetterState, RegisteredLetter};
use crate::secrets::{SecretKind, SecretStore};
use crate::store::{AccountRow, LetterRow};

pub type EpostClient = epost::Client;

/// Our product's vendor id at Deutsche Post (the software maker's id).
pub const VENDOR_ID: &str = "POSTDESK";

pub(crate) async fn client(
    account: &AccountRow,
    base_url: &str,
    secrets: &SecretStore,
    status_interval: Duration,
    timeout: Duration,
) -> Result<EpostClient, CoreError> {
    let client = EpostClient::builder(base_url)
        .vendor_id(&account.vendor_id)
        .min_status_interval(status_interval)
        .timeout(timeout)
        .build()?;
    let secret = secrets.get(account.id, SecretKind::Secret)?;
    let password = secrets.get(account.id, SecretKind::Password)?;
    if let (Some(s), Some(p)) = (secret, password) {
        client.set_credentials(&account.epost.ekp, &s, &p).await;
    }
    Ok(client)
}

/// The fileName the provider sees: unique per letter (the API requires it),
/// only letters, digits, `-` and `_` (no special characters), ≤ 200.
pub fn wire_file_name(original: &str, key: &str) -> String {
    let stem = original.strip_suffix(".pdf").or_else(|| original.strip_suffix(".PDF")).unwrap_or(original);
    let clean: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(150)
        .collect();
    format!("{clean}_{}.pdf", &key[..12.min(key.len())])
}

pub(crate) fn build_letter(account: &AccountRow, row: &LetterRow, pdf: &[u8]) -> Result<wire::Letter, CoreError> {
    let l = &row.letter;
    let a = l.recipient.as_ref().ok_or_else(|| CoreError::Invalid(format!("No recipient address was found in “{}”.", l.file_name)))?;
    let lines = crate::sending::name_lines(a);
    let line = |i: usize| lines.get(i).cloned();
    let registered = match l.options.registered {
        RegisteredLetter::None => None,
        RegisteredLetter::EinwurfEinschreiben => Some(wire::RegisteredLetter::EinwurfEinschreiben),
        RegisteredLetter::Einschreiben => Some(wire::RegisteredLetter::Einschreiben),
        RegisteredLetter::EinschreibenRueckschein => Some(wire::RegisteredLetter::EinschreibenRueckschein),
    };
    // Test mode as it was when the letter was queued (the job list shows it so).
    let test = l.test_mode;
    Ok(wire::Letter {
        file_name: row.wire_file_name.clone().unwrap_or_else(|| l.file_name.clone()),
        data: wire::Base64Data::encode(pdf),
        address_line1: line(0).unwrap_or_default(),
        address_line2: line(1),
        address_line3: line(2),
        address_line4: line(3),
        address_line5: line(4),
        zip_code: a.postal_code.clone().unwrap_or_else(|| "   ".into()),
        city: a.city.clone().unwrap_or_default(),
        country: a.country.as_deref().map(crate::wire::german_country_name),
        is_color: Some(l.options.color),
        is_duplex: Some(l.options.duplex),
        registered_letter: registered,
        cover_letter: Some(l.options.cover_letter),
        test_flag: test.then_some(true),
        test_email: (test && !account.epost.test_email.is_empty()).then(|| account.epost.test_email.clone()),
        test_show_restricted_area: (test && account.epost.show_restricted_area).then_some(true),
        cost_center: l.cost_center.clone(),
        custom1: l.reference.clone(),
        custom5: row.idempotency_key.clone(),
        vendor_system_information: Some(format!("Postdesk {}", env!("CARGO_PKG_VERSION"))),
        // The provider's half of "never send twice": a copy of anything sent in
        // the last hour with this flag is refused.
        activate_duplicate_failsafe: Some(true),
        ..Default::default()
    })
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

pub(crate) async fn submit(client: &EpostClient, account: &AccountRow, row: &LetterRow, pdf: Vec<u8>) -> Result<String, CoreError> {
    let letter = build_letter(account, row, &pdf)?;
    let accepted = client.send_letters(std::slice::from_ref(&letter)).await?;
    accepted
        .into_iter()
        .find(|a| a.file_name == letter.file_name)
        .map(|a| a.letter_id.to_string())
        .ok_or_else(|| CoreError::Invalid("The provider accepted the request but did not return the letter's id.".into()))
}

/// The provider's letterID of this letter when it already has it (asked by
/// fileName and idempotency key, see `Client::find_letter`), None when not.
pub(crate) async fn find(client: &EpostClient, row: &LetterRow) -> Result<Option<String>, ProviderError> {
    let Some(name) = row.wire_file_name.as_deref() else { return Ok(None) };
    Ok(client.find_letter(name, row.idempotency_key.as_deref()).await?.map(|s| s.letter_id.to_string()))
}

/// The provider refused the letter as a copy of one it has (duplicate failsafe,
/// or our unique fileName already taken — which only our own earlier attempt can have done).
pub(crate) fn is_duplicate_refusal(p: &ProviderError) -> bool {
    p.kind == postdesk_providers::ErrorKind::Rejected
        && (p.messages.iter().any(|m| {
            let d = m.description.as_deref().unwrap_or("").to_ascii_lowercase();
            d.contains("duplicate") || d.contains("not unique")
        }) || p.description.to_ascii_lowercase().contains("duplicate"))
}

pub(crate) struct ProviderState {
    pub state: LetterState,
    pub status_text: String,
    pub registered_number: Option<String>,
    pub error: Option<AppError>,
}

pub(crate) async fn status(client: &EpostClient, provider_id: &str) -> Result<ProviderState, ProviderError> {
    let id: i64 = provider_id
        .parse()
        .map_err(|_| ProviderError::new(postdesk_providers::ErrorKind::Protocol, "stored letterID is not a number"))?;
    let s = client.letter_status(id).await?;
    let state = match s.status() {
        wire::StatusId::Accepted => LetterState::Accepted,
        wire::StatusId::Released => LetterState::Released,
        wire::StatusId::AtPrintCentre => LetterState::Printing,
        wire::StatusId::Sent => LetterState::Sent,
        wire::StatusId::Error => LetterState::Failed,
        wire::StatusId::Unknown(_) => LetterState::Submitted,
    };
    let error = (state == LetterState::Failed).then(|| {
        let errs = s.errors();
        let text = errs.iter().map(|e| format!("{}: {}", e.code, e.description)).collect::<Vec<_>>().join("; ");
        let first = errs.first();
        AppError::new(
            "provider_letter_error",
            first.map(|e| format!("The print centre could not process the letter: {}", e.description)).unwrap_or_else(|| "The print centre reported an error for this letter.".into()),
        )
        .with_details(if text.is_empty() { format!("statusID 99 for letterID {id}") } else { text })
    });
    Ok(ProviderState {
        state,
        status_text: format!("{}{}", s.status_id, s.status_details.as_deref().map(|d| format!(" {d}")).unwrap_or_default()),
        registered_number: s.registered_letter_id.clone(),
        error,
    })
}
