//! The Ekopost objects in `fixtures/ekopost/` parse into our types and
//! serialize back to the same JSON (names, shapes, optional fields).

use postdesk_providers::ekopost::wire::*;
use postdesk_providers::ekopost::{check_rek_address, webhook};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../fixtures/ekopost")
        .join(name)
}

fn fixture(name: &str) -> Value {
    let text =
        std::fs::read_to_string(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Parse the fixture into `T`, serialize it again, and demand the same JSON.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let original = fixture(name);
    let parsed: T =
        serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        original,
        "{name} does not round-trip"
    );
    parsed
}

#[test]
fn campaign_fixtures() {
    let req: CampaignRequest = round_trip("campaign_request.json");
    assert_eq!(req.cost_center.as_deref(), Some("4711"));
    let c: Campaign = round_trip("campaign.json");
    assert_eq!((c.state, c.envelope_count), (State::Opened, Some(0)));
    let c: Campaign = round_trip("campaign_closed.json");
    assert_eq!(c.state, State::Closed);
    let all: Vec<Campaign> = round_trip("campaigns.json");
    assert_eq!(all[0].state, State::Completed);
    assert!(all[0].created_at >= all[1].created_at);
}

#[test]
fn envelope_fixtures() {
    let req: EnvelopeRequest = round_trip("envelope_request.json");
    assert_eq!(req.postage, Some(Postage::Rek));
    assert_eq!(req.unique_id.as_deref(), Some("postdesk-7f3c9a1e"));
    let postal = req.address.as_ref().and_then(Address::as_postal).unwrap();
    assert!(check_rek_address(postal).is_empty());
    // `$type` is the first key on the wire.
    let text = serde_json::to_string(&req).unwrap();
    assert!(text.contains(r#""address":{"$type":"postal","#), "{text}");

    let minimal: EnvelopeRequest =
        serde_json::from_value(fixture("envelope_request_minimal.json")).unwrap();
    assert_eq!(minimal.address, None);
    assert_eq!(
        (minimal.color, minimal.plex),
        (Some(true), Some(Plex::Duplex))
    );

    let e: Envelope = round_trip("envelope.json");
    assert_eq!(e.state, State::Opened);
    assert_eq!(e.transaction.unwrap().state, State::Opened);
    let e: Envelope = round_trip("envelope_closed.json");
    assert_eq!(e.state, State::Closed);
    let e: Envelope = round_trip("envelope_posted.json");
    assert_eq!(
        e.tracking.unwrap().parcel_no.as_deref(),
        Some("RR123456785SE")
    );
    let e: Envelope = round_trip("envelope_failed.json");
    assert_eq!(e.state, State::Failed);
    assert!(e.failed_reason.is_some());
    let all: Vec<Envelope> = round_trip("envelopes.json");
    assert_eq!(all.len(), 1);
}

#[test]
fn unknown_state_and_fields_are_tolerated() {
    let mut v = fixture("envelope.json");
    v["state"] = "rescheduled".into();
    v["something_new"] = 1.into();
    let e: Envelope = serde_json::from_value(v).unwrap();
    assert_eq!(e.state, State::Other("rescheduled".into()));
}

#[test]
fn content_fixtures() {
    let req: ContentRequest = round_trip("content_request.json");
    let pdf = req.decode().unwrap();
    assert_eq!(pdf, std::fs::read(fixture_path("letter.pdf")).unwrap());
    assert_eq!(req.length, pdf.len() as u64);
    assert_eq!(req.content_type, ContentType::Document);
    assert_eq!(req, ContentRequest::pdf_document(&pdf));
    assert!(format!("{req:?}").len() < 300, "the PDF stays out of Debug");
    let with_return: ContentRequest = round_trip("content_request_return_address.json");
    assert_eq!(with_return.return_address, Some(true));
    let c: Content = round_trip("content.json");
    assert_eq!(c.length, Some(pdf.len() as u64));
}

#[test]
fn error_fixtures() {
    let e: ApiError = round_trip("error_400.json");
    assert_eq!(e.error_code, "135");
    let e: ApiError = round_trip("error_auth.json");
    assert_eq!(e.error_code, "0");
    assert_eq!(ApiError::for_code("0", ""), e);
}

#[test]
fn address_fixtures() {
    let all: Vec<Address> = round_trip("addresses.json");
    let types: Vec<_> = all.iter().map(|a| a.type_name().unwrap()).collect();
    assert_eq!(
        types,
        [
            "email",
            "einbox",
            "einbox_kivra",
            "einbox_signer",
            "einvoice",
            "ebank",
            "lookup",
            "protected",
            "einvoice_mastercard"
        ]
    );
    assert!(all.iter().all(|a| !matches!(a, Address::Other(_))));
}

#[test]
fn webhook_fixture_signature() {
    let body = std::fs::read(fixture_path("webhook_campaign_completed.json")).unwrap();
    let sig = std::fs::read_to_string(fixture_path("webhook_campaign_completed.sig")).unwrap();
    assert!(webhook::verify(b"whsec-postdesk-fixture", &body, &sig));
    assert_eq!(webhook::sign(b"whsec-postdesk-fixture", &body), sig.trim());
    assert!(!webhook::verify(b"whsec-other", &body, &sig));
    let _: webhook::CampaignCompleted = round_trip("webhook_campaign_completed.json");
}
