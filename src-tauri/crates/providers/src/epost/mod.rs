//! E-POSTBUSINESS API (Deutsche Post): wire types and the HTTP client.
//!
//! Facts: `shared/providers/epost.md` (public OpenAPI v2.6.1). Fixtures of the
//! documented examples: `fixtures/epost/` (read by the tests of this crate and of
//! `postdesk-sim`).

mod calls;
pub mod client;
mod http;
pub mod provider;
pub mod wire;

pub use client::{Client, ClientBuilder, DEFAULT_MIN_STATUS_INTERVAL};
pub use provider::{describe, german_country_name, EpostProvider};
pub use wire::{
    ApiError, Letter, LetterAccepted, LetterDataResult, LetterStatus, RegisteredLetter, StatusId,
    StatusQuery,
};

/// The production base URL.
pub const PRODUCTION_BASE_URL: &str = "https://api.epost.docuguide.com";
