//! Provider clients: wire types named as each provider documents them, reqwest
//! clients, the error type every provider maps into, and the `Provider` trait
//! (`provider.rs`) that the outbox and the job list use for all of them.
//!
//! Nothing here knows about SQLite, Tauri or the domain's letter rows.

pub mod easypost;
pub mod ekopost;
pub mod epost;
pub mod error;
pub mod http;
pub mod posti;
pub mod provider;
pub mod secret;

pub use error::{ErrorKind, ProviderError, ProviderMessage};
pub use provider::{
    delivery_codes, Channel, Checkpoint, Delivery, DeliveryFile, DeliveryFileKind, DeliveryState, DeliveryStatus, FieldLimit, NoCheckpoint, OutgoingLetter, Postage, Provider,
    ProviderDescription, Recipient, RegisteredLetter, SendOptions, Steps, TestMode,
};
pub use secret::Secret;
