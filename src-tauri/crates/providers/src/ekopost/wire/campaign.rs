//! `POST /campaigns`, `GET /campaigns[/{id}]`, close, cancel.

use super::State;
use serde::{Deserialize, Serialize};

/// `POST /campaigns`: a new campaign in state `opened`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CampaignRequest {
    /// A friendly name to identify it (Postdesk: the letter's unique wire name).
    #[serde(default)]
    pub name: String,
    /// When to print and post, UTC. Kept as text: clients send RFC 3339, a bare
    /// date, or `YYYY-MM-DD HH:MM:SS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_center: Option<String>,
    /// A digital agreement to sign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<bool>,
}

/// A campaign as the API answers it. Dates are the API's text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Campaign {
    pub id: String,
    #[serde(default, deserialize_with = "super::lenient::text")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_center: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope_count: Option<i64>,
    #[serde(default)]
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_changed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

/// Query of `GET /campaigns`: campaigns created between `start` (default today)
/// and `stop` (default tomorrow), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CampaignQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
}
