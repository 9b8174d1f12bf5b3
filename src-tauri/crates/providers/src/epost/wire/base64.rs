//! Base64 payloads (PDFs, cover pages) that must not flood `Debug` output.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Standard base64 text as it goes over the wire (`data`, `coverData`).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Base64Data(pub String);

impl Base64Data {
    pub fn encode(bytes: &[u8]) -> Self {
        Base64Data(STANDARD.encode(bytes))
    }

    pub fn decode(&self) -> Result<Vec<u8>, base64::DecodeError> {
        STANDARD.decode(self.0.trim())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Size after decoding, without decoding.
    pub fn decoded_len_estimate(&self) -> usize {
        let s = self.0.trim();
        let pad = s.bytes().rev().take_while(|b| *b == b'=').count();
        (s.len() / 4) * 3 - pad.min(2)
    }
}

impl fmt::Debug for Base64Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} base64 chars>", self.0.len())
    }
}
