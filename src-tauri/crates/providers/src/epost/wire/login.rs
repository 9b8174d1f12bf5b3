//! `POST /api/Login`, `/api/Login/smsRequest`, `/api/Login/setPassword`.

use crate::secret::Secret;
use serde::{Deserialize, Serialize};

/// `POST /api/Login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    #[serde(rename = "vendorID")]
    pub vendor_id: String,
    /// Customer number, exactly 10 characters.
    pub ekp: String,
    /// ≤ 100 characters; returned by setPassword.
    pub secret: Secret,
    /// 5–100 characters.
    pub password: Secret,
    #[serde(
        rename = "vendorSubID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub vendor_sub_id: Option<String>,
    /// Minutes; maximum and default 1440.
    #[serde(
        rename = "tokenDuration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub token_duration: Option<u32>,
}

/// Answer of `POST /api/Login`: a JWT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: Secret,
}

/// `POST /api/Login/smsRequest` (answer: 202, no body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsRequest {
    #[serde(rename = "vendorID")]
    pub vendor_id: String,
    pub ekp: String,
}

/// `POST /api/Login/setPassword`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPasswordRequest {
    #[serde(rename = "vendorID")]
    pub vendor_id: String,
    pub ekp: String,
    /// 5–100 characters.
    #[serde(rename = "newPassword")]
    pub new_password: Secret,
    /// Exactly 6 characters, from the SMS.
    #[serde(rename = "smsCode")]
    pub sms_code: String,
}

/// Answer of `POST /api/Login/setPassword`.
///
/// CHOICE: the documentation only says "the new secret". We (and the simulator)
/// use `{ "secret": "…" }`; the client also accepts a bare JSON string
/// (`"…"`) and plain text, see `client::parse_secret`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPasswordResponse {
    pub secret: Secret,
}
