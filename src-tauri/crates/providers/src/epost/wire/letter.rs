//! `POST /api/Letter`: the body is always a JSON array of `Letter`, the answer an
//! array of `LetterAccepted`.

use super::Base64Data;
use serde::{Deserialize, Serialize};

/// `registeredLetter`: the three German values of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegisteredLetter {
    #[serde(rename = "Einwurf Einschreiben")]
    EinwurfEinschreiben,
    #[serde(rename = "Einschreiben")]
    Einschreiben,
    #[serde(rename = "Einschreiben Rückschein")]
    EinschreibenRueckschein,
}

impl RegisteredLetter {
    pub fn as_wire(self) -> &'static str {
        match self {
            RegisteredLetter::EinwurfEinschreiben => "Einwurf Einschreiben",
            RegisteredLetter::Einschreiben => "Einschreiben",
            RegisteredLetter::EinschreibenRueckschein => "Einschreiben Rückschein",
        }
    }
}

/// One letter to send. Limits (checked by the provider, and by the simulator):
/// `fileName` 5–200 and unique, `data` ≤ 20 MB decoded, `addressLine1` 1–80,
/// `zipCode` 3–20 (three blanks abroad without postal codes), `city` 1–80.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    pub file_name: String,
    /// The PDF, base64.
    pub data: Base64Data,
    pub address_line1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line4: Option<String>,
    /// Only for domestic letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line5: Option<String>,
    pub zip_code: String,
    pub city: String,
    /// German name in capitals (`ÖSTERREICH`); empty or absent for Germany.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_color: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_duplex: Option<bool>,
    #[serde(rename = "batchID", default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_letter: Option<RegisteredLetter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_flag: Option<bool>,
    #[serde(rename = "testEMail", default, skip_serializing_if = "Option::is_none")]
    pub test_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_show_restricted_area: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_letter: Option<bool>,
    /// Own cover page, base64, ≤ 500 kB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_data: Option<Base64Data>,
    /// Sender, single "d" in "Adress" as the API spells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_adress_line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_zip_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_city: Option<String>,
    /// Instead of the four sender fields; ≤ 200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_adress_line_complete: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom4: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom5: Option<String>,
    /// ≤ 120.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_system_information: Option<String>,
    /// ≤ 8, `[0-9a-zA-Z]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_center: Option<String>,
    /// CHOICE: the item shape of `plugInList` (e.g. the "Automover") is not in
    /// our facts, so it is passed through as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plug_in_list: Option<serde_json::Value>,
    /// Reject a duplicate of anything sent in the last hour with this flag on and
    /// not in status 99. Postdesk always sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activate_duplicate_failsafe: Option<bool>,
}

impl Letter {
    /// A letter with the required fields; `activateDuplicateFailsafe` on.
    pub fn new(
        file_name: impl Into<String>,
        pdf: &[u8],
        address_line1: impl Into<String>,
        zip_code: impl Into<String>,
        city: impl Into<String>,
    ) -> Self {
        Letter {
            file_name: file_name.into(),
            data: Base64Data::encode(pdf),
            address_line1: address_line1.into(),
            zip_code: zip_code.into(),
            city: city.into(),
            activate_duplicate_failsafe: Some(true),
            ..Letter::default()
        }
    }

    /// `addressLine1`…`addressLine5` in order (absent ones as `None`).
    pub fn address_lines(&self) -> [Option<&str>; 5] {
        [
            Some(self.address_line1.as_str()),
            self.address_line2.as_deref(),
            self.address_line3.as_deref(),
            self.address_line4.as_deref(),
            self.address_line5.as_deref(),
        ]
    }

    /// Domestic when `country` is absent, empty or `DEUTSCHLAND`.
    pub fn is_domestic(&self) -> bool {
        match self.country.as_deref().map(str::trim) {
            None | Some("") => true,
            Some(c) => c.eq_ignore_ascii_case("DEUTSCHLAND") || c.eq_ignore_ascii_case("GERMANY"),
        }
    }
}

/// One element of the answer to `POST /api/Letter`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterAccepted {
    #[serde(rename = "fileName", default)]
    pub file_name: String,
    #[serde(rename = "letterID")]
    pub letter_id: i64,
}
