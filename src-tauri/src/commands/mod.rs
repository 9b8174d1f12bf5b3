//! IPC commands, one file per screen. Stubs for now: each returns an empty answer or
//! a `not_ready` error shaped like `AppError { code, message, details }`, so the
//! window starts before core is wired in.

pub mod jobs;
pub mod letters;
pub mod preview;
pub mod sandbox;
pub mod setup;

use serde_json::{json, Value};

pub(crate) fn not_ready(what: &str) -> Value {
    json!({ "code": "not_ready", "message": format!("{what} is not available yet."), "details": null })
}
