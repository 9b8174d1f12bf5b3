//! Request and answer bodies of the E-POSTBUSINESS API, with the exact JSON names.
//!
//! Serialization leaves out `None` fields; deserialization ignores unknown fields
//! and defaults missing optional ones, so a newer API version does not break us.

mod admin;
mod base64;
mod error;
mod letter;
mod login;
mod status;

pub use admin::{EMailRequest, MobileRequest, SetEMail, SetMobile};
pub use base64::Base64Data;
pub use error::{ApiError, ErrorLevel};
pub use letter::{Letter, LetterAccepted, RegisteredLetter};
pub use login::{LoginRequest, LoginResponse, SetPasswordRequest, SetPasswordResponse, SmsRequest};
pub use status::{LetterDataResult, LetterStatus, StatusId, StatusQuery};
