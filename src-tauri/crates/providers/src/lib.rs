//! Provider clients: wire types named as each provider documents them, reqwest
//! clients, and the error type every provider maps into.
//!
//! Nothing here knows about SQLite, Tauri or the domain's letter states; the
//! mapping to the domain lives in `core`.

pub mod epost;
pub mod error;
pub mod secret;

pub use error::{ErrorKind, ProviderError};
pub use secret::Secret;
