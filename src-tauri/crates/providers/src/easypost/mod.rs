//! EasyPost Connect (Belgium): wire types, the HTTP client, and the `Provider`.
//!
//! Facts: `shared/seeds/002_…` (the Public API's endpoint list) and
//! `shared/providers/easypost.md`. The seed gives no schemas: the JSON we
//! chose is written down in `wire.rs`, read by client and simulator alike.
//! Fixtures: `fixtures/easypost/`.
//!
//! A letter is a single-file job on the company's workflow (the workflow, set
//! up in the EasyPost account, decides channels, print options and registered
//! mail); the PDF goes by PUT to the job's pre-signed `fileUploadUrl`.
//!
//! ```no_run
//! # fn demo() -> Result<(), postdesk_providers::ProviderError> {
//! use postdesk_providers::{easypost, Provider, Secret};
//! use std::time::Duration;
//! let p = easypost::provider(easypost::DEVELOPMENT_BASE_URL, Secret::new("key"), "wf_1", Duration::from_secs(60))?;
//! assert_eq!(p.describe().home_country, "BE");
//! # Ok(()) }
//! ```

mod calls;
pub mod client;
mod http;
pub mod mapping;
pub mod oauth;
pub mod provider;
pub mod tls;
pub mod webhook;
pub mod wire;

pub use calls::{segment, MAX_DOWNLOAD_BYTES};
pub use client::{next_after, Auth, Client, ClientBuilder, ClientCertificate, API_KEY_HEADER, MAX_PAGES};
pub use oauth::ClientCredentials;
pub use provider::{describe, provider, EasypostProvider, STEP_JOB, STEP_UPLOADED};

/// The development API the seed names as its server. Production is a separate
/// host given with the contract: a setting of the company.
pub const DEVELOPMENT_BASE_URL: &str = "https://api.dev.connect.easypost.eu";
