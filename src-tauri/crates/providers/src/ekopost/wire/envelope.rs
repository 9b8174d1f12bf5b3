//! `POST /campaigns/{campaign_id}/envelopes`, the envelope object, close, cancel.

use super::{Address, Plex, Postage, State};
use serde::{Deserialize, Serialize};

/// `POST /campaigns/{campaign_id}/envelopes`: a new envelope in state `opened`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EnvelopeRequest {
    #[serde(default)]
    pub name: String,
    /// None (or null): a postal address embedded in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postage: Option<Postage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plex: Option<Plex>,
    /// Colour (CMYK); false: black and white.
    #[serde(
        default,
        deserialize_with = "super::lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub color: Option<bool>,
    /// Personal delivery (rek only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pu: Option<bool>,
    /// Delivery receipt (rek only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb: Option<bool>,
    /// E-mail for the PostNord app and receipt mail (rek only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consignor_contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// The duplicate guard, per customer (Postdesk: from the idempotency key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
}

/// An envelope as the API answers it. Dates are the API's text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Envelope {
    pub id: String,
    #[serde(default, deserialize_with = "super::lenient::text")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postage: Option<Postage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plex: Option<Plex>,
    #[serde(
        default,
        deserialize_with = "super::lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub color: Option<bool>,
    #[serde(default)]
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_changed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<Transaction>,
    /// Registered (rek) letters once registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<Tracking>,
    /// E.g. an incomplete postal address (extra cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pu: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consignor_contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
    /// Why, when `state` is `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_reason: Option<String>,
}

/// When the envelope's transaction changed, and to what.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Transaction {
    #[serde(default)]
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_changed_at: Option<String>,
}

/// Tracking of a registered letter; the reference names these in camelCase.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tracking {
    #[serde(rename = "parcelNo", default, skip_serializing_if = "Option::is_none")]
    pub parcel_no: Option<String>,
    #[serde(
        rename = "trackingState",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracking_state: Option<String>,
    #[serde(
        rename = "trackingUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tracking_url: Option<String>,
}

/// Query of `GET /campaigns/{campaign_id}/envelopes`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EnvelopeQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// `ebank`, `einbox`, `einboxKivra`, `email` (with `state=failed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_type: Option<String>,
}
