//! Posti's JSON as our client and the simulator speak it (see `mod.rs` for
//! why these names: the seed documents no wire). Fixtures: `fixtures/posti/`.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One logistics agreement the key may order for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PostiAgreement")]
pub struct Agreement {
    pub agreement_id: String,
    #[serde(default)]
    pub name: String,
}

/// `GET /v1/agreements` → 200.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementList {
    #[serde(default)]
    pub agreements: Vec<Agreement>,
}

/// Every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiError {
    pub status: u16,
    pub error_code: String,
    pub message: String,
}

/// The error codes the client tells apart (and the simulator answers).
pub mod codes {
    /// No such key (never made, or mistyped when pasted).
    pub const INVALID_API_KEY: &str = "INVALID_API_KEY";
    /// The key existed but was deleted on the Integrations page.
    pub const API_KEY_REVOKED: &str = "API_KEY_REVOKED";
    /// No `Authorization` header.
    pub const MISSING_API_KEY: &str = "MISSING_API_KEY";
    /// Ours, not Posti's: the key does not reach letter printing.
    pub const NO_LETTER_SERVICE: &str = "no_letter_service";
}
