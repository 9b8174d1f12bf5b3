//! Request and answer bodies of the Ekopost REST API, with the JSON names of the
//! reference (`shared/seeds/001_…`; notes in `shared/providers/ekopost.md`).
//!
//! Serialization leaves out `None` fields; deserialization ignores unknown
//! fields, defaults missing optional ones and keeps unknown denominators
//! (states, postage, …) as text, so a newer API does not break us.

mod address;
mod campaign;
mod content;
mod envelope;
mod error;
mod lenient;
mod names;

pub use address::{
    Address, EbankAddress, EinboxAddress, EinvoiceAddress, EmailAddress, KivraAddress,
    LookupAddress, MastercardAddress, PostalAddress, ProtectedAddress, Signer, SignerAddress,
};
pub use campaign::{Campaign, CampaignQuery, CampaignRequest};
pub use content::{Content, ContentRequest};
pub use envelope::{Envelope, EnvelopeQuery, EnvelopeRequest, Tracking, Transaction};
pub use error::ApiError;
pub use names::{ContentType, Plex, Postage, State};
