//! PDF work on pdfium: open, render, layout rules, preflight, address extraction.
//!
//! - `file`: reading a letter's file safely (regular files only, bounded).
//! - `engine`: the one pdfium thread and its `Clone + Send + Sync` handle.
//! - `worker`: pdfium in a supervised child process (`Pdf`, `PdfWorker`).
//! - `memory`: the allocator keeps what pdfium frees for the next letter.
//! - `rules`: each provider's zones (mm, top-left origin) and limits, as data.
//! - `preflight`: findings for a letter; `address`: reading the recipient.
//! - `split`: cutting a merged PDF into letters (rules, plan, page ranges).
//! - `sample`: test PDFs written without pdfium (for tests everywhere).

pub mod address;
pub mod engine;
pub mod error;
pub mod file;
pub mod finding_code;
pub mod memory;
pub mod preflight;
pub mod rules;
pub mod sample;
pub mod split;
pub mod worker;

pub use address::Address;
pub use engine::PdfEngine;
pub use error::PdfError;
pub use finding_code::{FindingCode, FindingParams};
pub use preflight::{Finding, Mark, Preflight, Severity};
pub use split::{PageRange, SplitLetter, SplitPlan, SplitRule};
pub use rules::{
    for_provider, ProviderKind, ProviderRules, RestrictedZone, ZoneKind, ZonePages, ZoneSource,
};
