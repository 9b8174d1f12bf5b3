//! The error object of a 400 answer: `{ error_code, error_message, developer_message }`.

use serde::{Deserialize, Serialize};

/// One error object. `error_code` is a String in the reference (`0`, `100A`,
/// `101` … `143`); a number is read as its text, null as empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApiError {
    #[serde(default, deserialize_with = "super::lenient::text")]
    pub error_code: String,
    #[serde(default, deserialize_with = "super::lenient::text")]
    pub error_message: String,
    #[serde(default, deserialize_with = "super::lenient::text")]
    pub developer_message: String,
}

impl ApiError {
    /// An error object with the reference's message for `code` (see `codes`).
    pub fn for_code(code: &str, developer_message: impl Into<String>) -> Self {
        ApiError {
            error_code: code.to_owned(),
            error_message: crate::ekopost::codes::message(code)
                .unwrap_or_default()
                .to_owned(),
            developer_message: developer_message.into(),
        }
    }
}
