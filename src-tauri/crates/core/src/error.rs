//! Core errors, and how each becomes an `AppError` a clerk can read.
use crate::model::AppError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("database {what} failed: {details}")]
    Store { what: String, details: String },
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("keychain: {details}")]
    Keychain { details: String },
    #[error("file {path}: {details}")]
    File { path: String, details: String },
    #[error(transparent)]
    Pdf(#[from] postdesk_pdf::PdfError),
    #[error(transparent)]
    Provider(#[from] postdesk_providers::ProviderError),
    #[error("{0}")]
    Invalid(String),
    #[error("sandbox: {0}")]
    Sandbox(String),
    /// The disk (or the data folder's file system) is full.
    #[error("disk full at {path}: {details}")]
    DiskFull { path: String, details: String },
    /// Another process holds the database locked (a second Postdesk, a backup tool…).
    #[error("database locked: {details}")]
    DbLocked { details: String },
    /// The database file is damaged or is not a database at all.
    #[error("database damaged: {details}")]
    DbCorrupt { details: String },
    /// A rule of ours the input breaks; `code` is stable for the UI.
    #[error("{code}: {message}")]
    Rule { code: &'static str, message: String },
}

impl CoreError {
    pub fn store(what: &str, e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let details = format!("{what}: {e}");
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Self::DbLocked { details },
            Some(C::NotADatabase | C::DatabaseCorrupt) => Self::DbCorrupt { details },
            Some(C::DiskFull) => Self::DiskFull { path: "postdesk.sqlite3".into(), details },
            _ => Self::Store { what: what.into(), details: e.to_string() },
        }
    }

    /// A file error, as `DiskFull` when the file system has no room left.
    pub fn file(path: &std::path::Path, e: std::io::Error) -> Self {
        let path = path.display().to_string();
        if e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28) {
            Self::DiskFull { path, details: e.to_string() }
        } else {
            Self::File { path, details: e.to_string() }
        }
    }
}

impl From<&CoreError> for AppError {
    fn from(e: &CoreError) -> Self {
        let details = e.to_string();
        let (code, message) = match e {
            CoreError::Store { .. } => (
                "store",
                "Postdesk could not read or write its database. Nothing was sent; try again, and if it keeps failing, copy the details for support.",
            ),
            CoreError::NotFound { .. } => ("not_found", "That item no longer exists. Refresh the list."),
            CoreError::Keychain { .. } => (
                "keychain",
                "The system keychain is not available, so Postdesk cannot read or store the account's password and secret. Unlock your keychain (log in to the desktop) and try again.",
            ),
            CoreError::File { .. } => ("file", "The file could not be read. Check that it still exists and that you may open it."),
            CoreError::DiskFull { .. } => (
                "disk_full",
                "The disk is full, so Postdesk could not save its copy of the letter. Nothing is lost: the letter waits in the outbox and is sent by itself once there is room. Free some disk space (empty the trash, delete large files you no longer need).",
            ),
            CoreError::DbLocked { .. } => (
                "db_locked",
                "Postdesk's data is in use by another program — most likely Postdesk is already open in another window, or a backup tool is copying the data. Close the other Postdesk window (or wait for the backup), then choose Try again.",
            ),
            CoreError::DbCorrupt { .. } => (
                "db_corrupt",
                "Postdesk's database file is damaged and cannot be read. Postdesk can put it aside (it is kept, not deleted) and restore the most recent automatic backup, or start with an empty database.",
            ),
            CoreError::Pdf(_) => ("pdf", "The PDF could not be checked."),
            CoreError::Provider(p) => return provider_error(p),
            CoreError::Invalid(m) => return AppError::new("invalid", m.clone()).with_details(m.clone()),
            CoreError::Rule { code, message } => return AppError::new(code, message.clone()),
            CoreError::Sandbox(_) => ("sandbox", "The built-in sandbox could not start. Restart Postdesk."),
        };
        AppError::new(code, message).with_details(details)
    }
}

impl From<CoreError> for AppError {
    fn from(e: CoreError) -> Self {
        (&e).into()
    }
}

/// The provider's failure in the clerk's words; the provider's code and text stay
/// in `details` (they never contain our secrets: the client redacts them).
pub fn provider_error(p: &postdesk_providers::ProviderError) -> AppError {
    use postdesk_providers::ErrorKind as K;
    let (code, message) = match &p.kind {
        K::Auth => ("provider_auth", "The provider did not accept the account's credentials. Check the EKP and set the password again in Setup."),
        K::RateLimited { .. } => ("provider_busy", "The provider asked us to slow down. Postdesk will try again by itself."),
        K::Rejected => ("provider_rejected", "The provider rejected the letter."),
        K::Timeout => ("provider_timeout", "The provider did not answer in time. Postdesk will try again by itself."),
        K::Connection => ("provider_unreachable", "The provider cannot be reached. Check the internet connection; Postdesk will try again by itself."),
        K::Transient => ("provider_unavailable", "The provider has a temporary problem. Postdesk will try again by itself."),
        K::Protocol => ("provider_protocol", "The provider answered in a way Postdesk does not understand."),
    };
    let mut message = message.to_string();
    if matches!(p.kind, K::Rejected) && !p.description.is_empty() {
        message = format!("The provider rejected the letter: {}", p.description);
    }
    AppError::new(code, message).with_details(p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use postdesk_providers::{ErrorKind, ProviderError};

    /// The codes of errors that come from a kind of failure (one per `CoreError`
    /// variant and `ErrorKind`, and the print centre's `provider_letter_error`),
    /// beside the TypeScript bindings: the UI's test checks every language words
    /// each of them. (A rule's own codes, `CoreError::Rule`, are not in this list.)
    #[test]
    fn error_codes_are_exported_for_the_ui() {
        let s = || String::from("x");
        let kinds = [
            CoreError::Store { what: s(), details: s() },
            CoreError::NotFound { what: "letter", id: 1 },
            CoreError::Keychain { details: s() },
            CoreError::File { path: s(), details: s() },
            CoreError::Pdf(postdesk_pdf::PdfError::LibraryNotFound(s())),
            CoreError::Invalid(s()),
            CoreError::Sandbox(s()),
            CoreError::DiskFull { path: s(), details: s() },
            CoreError::DbLocked { details: s() },
            CoreError::DbCorrupt { details: s() },
        ];
        // Every variant is above: a new one fails to compile here until it is added.
        for e in &kinds {
            match e {
                CoreError::Store { .. }
                | CoreError::NotFound { .. }
                | CoreError::Keychain { .. }
                | CoreError::File { .. }
                | CoreError::Pdf(_)
                | CoreError::Provider(_)
                | CoreError::Invalid(_)
                | CoreError::Sandbox(_)
                | CoreError::DiskFull { .. }
                | CoreError::DbLocked { .. }
                | CoreError::DbCorrupt { .. }
                | CoreError::Rule { .. } => {}
            }
        }
        let mut codes: Vec<String> = kinds.iter().map(|e| AppError::from(e).code).collect();
        for kind in [
            ErrorKind::Transient,
            ErrorKind::Auth,
            ErrorKind::Rejected,
            ErrorKind::RateLimited { retry_after: None },
            ErrorKind::Protocol,
            ErrorKind::Timeout,
            ErrorKind::Connection,
        ] {
            codes.push(provider_error(&ProviderError::new(kind, "x")).code);
        }
        codes.push("provider_letter_error".into());
        codes.sort();
        codes.dedup();
        assert!(codes.contains(&"db_locked".to_string()) && codes.contains(&"provider_auth".to_string()), "{codes:?}");
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../../../ui/src/bindings".into());
        let text = serde_json::to_string_pretty(&codes).unwrap() + "\n";
        std::fs::write(std::path::Path::new(&dir).join("error-codes.json"), text).unwrap();
    }
}
