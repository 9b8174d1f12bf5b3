//! EasyPost Connect (Belgium): wire types, the HTTP client, and the `Provider`.
//!
//! Facts: `shared/seeds/002_…` (the Public API's endpoint list) and
//! `shared/providers/easypost.md`. The seed gives no schemas: the JSON we
//! chose is written down in `wire.rs`, read by client and simulator alike.

pub mod wire;

/// The development API the seed names as its server. Production is a separate
/// host given with the contract: a setting of the company.
pub const DEVELOPMENT_BASE_URL: &str = "https://api.dev.connect.easypost.eu";
