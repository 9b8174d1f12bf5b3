//! Admin contact: `/api/Client/EMailRequest`, `SetEMail`, `MobileRequest`,
//! `SetMobile`, `TestEMail`, `TestMobile` (all with the bearer token).
//!
//! CHOICE: the public docs name the endpoints but not their bodies. We use
//! `newEMail` / `newMobile` for the new contact and `smsCode` / `eMailCode` for
//! the confirmation code (the code for a new e-mail arrives by SMS to the current
//! mobile; the code for a new mobile arrives by e-mail to the current address).
//! `TestEMail` and `TestMobile` take no body and answer 202.

use serde::{Deserialize, Serialize};

/// `POST /api/Client/EMailRequest` → 202; SMS code to the current mobile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EMailRequest {
    #[serde(rename = "newEMail")]
    pub new_email: String,
}

/// `POST /api/Client/SetEMail` → 200.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetEMail {
    #[serde(rename = "newEMail")]
    pub new_email: String,
    #[serde(rename = "smsCode")]
    pub sms_code: String,
}

/// `POST /api/Client/MobileRequest` → 202; e-mail code to the current address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobileRequest {
    #[serde(rename = "newMobile")]
    pub new_mobile: String,
}

/// `POST /api/Client/SetMobile` → 200.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetMobile {
    #[serde(rename = "newMobile")]
    pub new_mobile: String,
    #[serde(rename = "eMailCode")]
    pub email_code: String,
}
