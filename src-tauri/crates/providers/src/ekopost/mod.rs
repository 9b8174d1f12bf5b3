//! Ekopost (Sweden, Norway): wire types, the HTTP client, and the `Provider`.
//!
//! Facts: `shared/seeds/001_…` (the API reference) and
//! `shared/providers/ekopost.md`. Fixtures of the documented objects:
//! `fixtures/ekopost/` (read by the tests of this crate and of `postdesk-sim`).
//!
//! ```no_run
//! # fn demo() -> Result<(), postdesk_providers::ProviderError> {
//! use postdesk_providers::{ekopost, Secret};
//! let provider = ekopost::provider(ekopost::SANDBOX_BASE_URL, Secret::new("key"))?;
//! assert_eq!(provider.describe().home_country, "SE");
//! # Ok(()) }
//! ```

mod calls;
pub mod client;
pub mod codes;
mod http;
pub mod mapping;
pub mod provider;
pub mod rek;
pub mod webhook;
pub mod wire;

pub use client::{Auth, Client, ClientBuilder};
pub use mapping::{describe, unique_id};
pub use provider::{provider, EkopostProvider};
pub use rek::{check_registered, check_rek_address, RekProblem};

/// The production base URL.
pub const PRODUCTION_BASE_URL: &str = "https://api.ekopost.se";
/// Ekopost's sandbox (plain http, as Ekopost runs it): nothing is printed.
pub const SANDBOX_BASE_URL: &str = "http://api.sandbox.ekopost.se";
