//! `POST /campaigns/{campaign_id}/envelopes/{envelope_id}/content`.

use super::{Address, ContentType};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// A document (exactly one per envelope: PDF, 1.4 recommended), an attachment
/// (PDF) or a markup (XML).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentRequest {
    /// The file, standard base64.
    #[serde(default)]
    pub data: String,
    #[serde(default)]
    pub mime: String,
    /// The file's size in bytes (before base64).
    #[serde(default)]
    pub length: u64,
    #[serde(rename = "type", default = "document")]
    pub content_type: ContentType,
    /// Print the account's (or `address`'s) return address top left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_address: Option<bool>,
    /// Return address (`postal` only); used when `return_address` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

fn document() -> ContentType {
    ContentType::Document
}

impl ContentRequest {
    /// The main document of an envelope.
    pub fn pdf_document(pdf: &[u8]) -> Self {
        ContentRequest {
            data: STANDARD.encode(pdf),
            mime: "application/pdf".into(),
            length: pdf.len() as u64,
            content_type: ContentType::Document,
            return_address: None,
            address: None,
        }
    }

    pub fn decode(&self) -> Result<Vec<u8>, base64::DecodeError> {
        STANDARD.decode(self.data.trim())
    }
}

// The PDF never floods Debug output.
impl std::fmt::Debug for ContentRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContentRequest")
            .field("data", &format_args!("<{} base64 chars>", self.data.len()))
            .field("mime", &self.mime)
            .field("length", &self.length)
            .field("type", &self.content_type)
            .field("return_address", &self.return_address)
            .field("address", &self.address)
            .finish()
    }
}

/// A content as the API answers it (never with the data).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Content {
    pub id: String,
    #[serde(default, deserialize_with = "super::lenient::text")]
    pub mime: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<ContentType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_address: Option<bool>,
}
