//! The API's error object `{ level, code, description, date }`.

use serde::{Deserialize, Serialize};

/// `level` of an error object. Unknown levels are kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ErrorLevel {
    Error,
    Warning,
    Info,
    Other(String),
}

impl From<String> for ErrorLevel {
    fn from(s: String) -> Self {
        match s.as_str() {
            "Error" | "error" | "E" => ErrorLevel::Error,
            "Warning" | "warning" | "W" => ErrorLevel::Warning,
            "Info" | "info" | "I" => ErrorLevel::Info,
            _ => ErrorLevel::Other(s),
        }
    }
}

impl From<ErrorLevel> for String {
    fn from(l: ErrorLevel) -> Self {
        match l {
            ErrorLevel::Error => "Error".into(),
            ErrorLevel::Warning => "Warning".into(),
            ErrorLevel::Info => "Info".into(),
            ErrorLevel::Other(s) => s,
        }
    }
}

/// One error object. Codes are a letter and a number: `E…` error, `W…` warning,
/// `I…` info (e.g. `E613` no valid postal code). `date` is kept as the API's text.
/// Missing or `null` text fields read as empty strings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApiError {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<ErrorLevel>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub code: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub description: String,
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "String::is_empty"
    )]
    pub date: String,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

impl ApiError {
    pub fn error(code: &str, description: impl Into<String>, date: impl Into<String>) -> Self {
        ApiError {
            level: Some(ErrorLevel::Error),
            code: code.to_owned(),
            description: description.into(),
            date: date.into(),
        }
    }
}
