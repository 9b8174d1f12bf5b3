//! `GET /api/Letter/{letterID}`, `POST /api/Letter/StatusQuery`,
//! `GET /api/Letter/TestResult/{letterID}`.

use super::{ApiError, Base64Data};
use serde::{Deserialize, Serialize};

/// `statusID` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusId {
    /// 1: accepted, upload ok.
    Accepted,
    /// 2: checked and released to print (minutes later).
    Released,
    /// 3: delivered to the print centre (hours).
    AtPrintCentre,
    /// 4: sent, reported by the print centre, billed (1–2 working days).
    Sent,
    /// 99: error, see `errorList`.
    Error,
    Unknown(i32),
}

impl StatusId {
    pub fn from_wire(id: i32) -> Self {
        match id {
            1 => StatusId::Accepted,
            2 => StatusId::Released,
            3 => StatusId::AtPrintCentre,
            4 => StatusId::Sent,
            99 => StatusId::Error,
            other => StatusId::Unknown(other),
        }
    }

    pub fn to_wire(self) -> i32 {
        match self {
            StatusId::Accepted => 1,
            StatusId::Released => 2,
            StatusId::AtPrintCentre => 3,
            StatusId::Sent => 4,
            StatusId::Error => 99,
            StatusId::Unknown(other) => other,
        }
    }

    /// Nothing will change any more (4 or 99).
    pub fn is_final(self) -> bool {
        matches!(self, StatusId::Sent | StatusId::Error)
    }
}

/// The status of one letter. Every field is optional on the way in: an answer
/// without a field we do not need must still parse. Dates are kept as the API's
/// text (ISO 8601).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LetterStatus {
    #[serde(rename = "letterID")]
    pub letter_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    #[serde(rename = "statusID")]
    pub status_id: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processed_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_upload_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_feedback_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_flag: Option<bool>,
    /// Kept as text (one of the three German values, or whatever the API adds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_letter: Option<String>,
    /// The consignment number, from status 3.
    #[serde(
        rename = "registeredLetterID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub registered_letter_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_letter_status: Option<String>,
    #[serde(rename = "batchID", default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_letter: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_of_pages: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_color: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_duplex: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_center: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_list: Option<Vec<ApiError>>,
}

impl LetterStatus {
    pub fn status(&self) -> StatusId {
        StatusId::from_wire(self.status_id)
    }

    pub fn errors(&self) -> &[ApiError] {
        self.error_list.as_deref().unwrap_or(&[])
    }
}

/// Body of `POST /api/Letter/StatusQuery`.
///
/// CHOICE: the facts name the call but not its body. We send an object with the
/// letter ids and optional filters (the other documented queries: by batch, by
/// `custom1`, by date); the simulator also accepts a bare array of ids.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusQuery {
    #[serde(rename = "letterIDs", default, skip_serializing_if = "Vec::is_empty")]
    pub letter_ids: Vec<i64>,
    #[serde(rename = "batchID", default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom1: Option<String>,
    /// CHOICE (not in the documented queries): look a letter up by the
    /// idempotency key we put in `custom5`, or by its unique `fileName` — how the
    /// outbox finds out, after a crash or a lost answer, whether the provider
    /// already has a letter before it sends it again. A provider that ignores
    /// these filters answers more letters than asked; the caller must match the
    /// answers on `fileName` itself (see `Client::find_letter`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom5: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// ISO 8601, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_date: Option<String>,
}

impl StatusQuery {
    pub fn letters(ids: impl IntoIterator<Item = i64>) -> Self {
        StatusQuery {
            letter_ids: ids.into_iter().collect(),
            ..Default::default()
        }
    }
}

/// `LetterDataResult`: the processed PDF of a test letter (fetchable for 48 h).
///
/// CHOICE: fetched with `GET /api/Letter/TestResult/{letterID}`; the facts give
/// only `/api/Letter/TestResult` and the base64 `data`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LetterDataResult {
    #[serde(rename = "letterID", default)]
    pub letter_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    pub data: Base64Data,
}
