//! Core errors, and how each becomes an `AppError` a clerk can read.
use crate::model::{AppError, ErrorParams};

/// Defines `RuleCode` from one list: each code's wire name (what `AppError.code`
/// carries and what is stored) and the parameters its text may use
/// (`ErrorParams` fields). `RuleCode::ALL` is made from the same list, so a new
/// code is in the UI's list (`error-codes.json`) the moment it exists.
macro_rules! rule_codes {
    ($($variant:ident = $name:literal [$($param:literal),*];)*) => {
        /// The code of a rule of ours the input breaks (`CoreError::Rule`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum RuleCode {
            $(#[serde(rename = $name)] $variant,)*
        }

        impl RuleCode {
            /// Every code, in the order of the list.
            pub const ALL: &'static [RuleCode] = &[$(RuleCode::$variant),*];

            /// The stable snake_case name (on the wire, in the database).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleCode::$variant => $name,)*
                }
            }

            /// The `ErrorParams` fields the window's text for this code may use.
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(RuleCode::$variant => &[$($param),*],)*
                }
            }
        }
    };
}

rule_codes! {
    AddressCity = "address_city" ["max"];
    AddressLineLength = "address_line_length" ["max"];
    AddressMissing = "address_missing" [];
    AddressPostalCode = "address_postal_code" [];
    AddressTooManyLines = "address_too_many_lines" ["max"];
    ArchiveNotKept = "archive_not_kept" [];
    BaseUrlInvalid = "base_url_invalid" [];
    BaseUrlNotHttps = "base_url_not_https" [];
    CancelNotOffered = "cancel_not_offered" [];
    CancelNotWithProvider = "cancel_not_with_provider" [];
    CancelTooLate = "cancel_too_late" [];
    CompanyExists = "company_exists" [];
    CompanyName = "company_name" [];
    ConnectionDown = "connection_down" [];
    ConnectionLoginFailed = "connection_login_failed" [];
    ConnectionNoPassword = "connection_no_password" [];
    ConnectionSigninFailed = "connection_signin_failed" [];
    ConnectionUnreachable = "connection_unreachable" [];
    ContactCodeExpired = "contact_code_expired" [];
    ContactCodeFormat = "contact_code_format" [];
    ContactCodeWrong = "contact_code_wrong" [];
    ContactEmailFormat = "contact_email_format" [];
    ContactEmailInvalid = "contact_email_invalid" [];
    ContactLoginFailed = "contact_login_failed" [];
    ContactMobileFormat = "contact_mobile_format" [];
    ContactMobileInvalid = "contact_mobile_invalid" [];
    ContactNoPassword = "contact_no_password" [];
    ContactTooMany = "contact_too_many" [];
    CopyIntoSandbox = "copy_into_sandbox" [];
    CopySameCompany = "copy_same_company" [];
    CopySourceIncomplete = "copy_source_incomplete" [];
    CostCenterFormat = "cost_center_format" ["max"];
    CostCenterUnsupported = "cost_center_unsupported" [];
    DbTooNew = "db_too_new" [];
    DeliveriesNotOffered = "deliveries_not_offered" [];
    DeliveriesNotYet = "deliveries_not_yet" [];
    DeliveryFileNotReady = "delivery_file_not_ready" [];
    DeliveryNotFound = "delivery_not_found" [];
    EasypostCertExpired = "easypost_cert_expired" [];
    EasypostCertInvalid = "easypost_cert_invalid" [];
    EasypostCertMissing = "easypost_cert_missing" [];
    EasypostCertNoKey = "easypost_cert_no_key" [];
    EasypostCertPasswordWrong = "easypost_cert_password_wrong" [];
    EasypostCertRefused = "easypost_cert_refused" [];
    EasypostClientFormat = "easypost_client_format" [];
    EasypostClientInvalid = "easypost_client_invalid" [];
    EasypostClientMissing = "easypost_client_missing" [];
    EasypostKeyFormat = "easypost_key_format" [];
    EasypostKeyInvalid = "easypost_key_invalid" [];
    EasypostKeyMissing = "easypost_key_missing" [];
    EasypostServiceDown = "easypost_service_down" [];
    EasypostUsageMonth = "easypost_usage_month" [];
    EasypostWorkflowMissing = "easypost_workflow_missing" [];
    EkopostSecretLength = "ekopost_secret_length" [];
    HotFolderDuplicate = "hot_folder_duplicate" [];
    HotFolderInsideData = "hot_folder_inside_data" [];
    HotFolderNotAFolder = "hot_folder_not_a_folder" [];
    HotFolderNotAbsolute = "hot_folder_not_absolute" [];
    KeychainWriteAfterChange = "keychain_write_after_change" [];
    LetterChangedSinceCheck = "letter_changed_since_check" ["file"];
    LetterHasProblem = "letter_has_problem" ["file", "finding"];
    NoBackup = "no_backup" [];
    OptionsChannel = "options_channel" [];
    OptionsDuplexRegistered = "options_duplex_registered" [];
    OptionsPostage = "options_postage" [];
    OptionsRegisteredAbroad = "options_registered_abroad" [];
    OptionsRegisteredKind = "options_registered_kind" [];
    OutboxCopyChanged = "outbox_copy_changed" ["file"];
    PasswordLength = "password_length" [];
    PasswordRejected = "password_rejected" [];
    PeppolDateInvalid = "peppol_date_invalid" [];
    PeppolDateRange = "peppol_date_range" [];
    PeppolDocumentGone = "peppol_document_gone" [];
    PinExpired = "pin_expired" [];
    PinFormat = "pin_format" [];
    PinTooMany = "pin_too_many" [];
    PinWrong = "pin_wrong" [];
    PostiAgreementIdFormat = "posti_agreement_id_format" [];
    PostiAgreementIdsMany = "posti_agreement_ids_many" ["max"];
    PostiAgreementIdsMissing = "posti_agreement_ids_missing" [];
    PostiKeyFormat = "posti_key_format" [];
    PostiKeyInvalid = "posti_key_invalid" [];
    PostiKeyMissing = "posti_key_missing" [];
    PostiKeyRevoked = "posti_key_revoked" [];
    ProviderMismatch = "provider_mismatch" [];
    ProviderNotAvailable = "provider_not_available" [];
    ProviderPrintsNoLetters = "provider_prints_no_letters" [];
    ReferenceLength = "reference_length" ["max"];
    RegisteredLineLength = "registered_line_length" ["max"];
    RegisteredPostalCode = "registered_postal_code" [];
    ResendNotFinal = "resend_not_final" [];
    ResendOfResend = "resend_of_resend" [];
    SendOnOutOfRange = "send_on_out_of_range" [];
    SetupEkp = "setup_ekp" [];
    SetupIncomplete = "setup_incomplete" [];
    SetupTestEmail = "setup_test_email" [];
    SetupTestEmailMissing = "setup_test_email_missing" [];
    SetupUsername = "setup_username" [];
    SplitNotADraft = "split_not_a_draft" [];
    SplitPagesRange = "split_pages_range" ["max"];
    SplitPatternInvalid = "split_pattern_invalid" [];
    SplitRangesInvalid = "split_ranges_invalid" [];
    SplitRuleInvalid = "split_rule_invalid" [];
    TestResultGone = "test_result_gone" [];
    TestResultNotTest = "test_result_not_test" [];
    TestResultNotYet = "test_result_not_yet" [];
    WizardLive = "wizard_live" [];
    WizardNoPassword = "wizard_no_password" [];
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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
    /// A rule of ours the input breaks; `code` is stable for the UI, `params` hold
    /// what its text needs (`RuleCode::params`); `message` is English for logs.
    #[error("{code}: {message}")]
    Rule { code: RuleCode, message: String, params: Box<ErrorParams> },
}

impl CoreError {
    /// A rule's refusal without parameters.
    pub fn rule(code: RuleCode, message: impl Into<String>) -> Self {
        Self::Rule { code, message: message.into(), params: Box::default() }
    }

    /// A rule's refusal with what its text needs.
    pub fn rule_with(code: RuleCode, message: impl Into<String>, params: ErrorParams) -> Self {
        Self::Rule { code, message: message.into(), params: Box::new(params) }
    }

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
            CoreError::Rule { code, message, params } => {
                let e = AppError::new(code.as_str(), message.clone());
                return if **params == ErrorParams::default() { e } else { e.with_params((**params).clone()) };
            }
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
        K::Auth => ("provider_auth", "The provider did not accept the account's access data. Check the account in Setup and enter the password or key again."),
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
    /// each of them; and every rule's code (`RuleCode`) with its parameters to
    /// `rule-codes.json`.
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
        // The window's own (`src-tauri/src/commands`).
        codes.push(AppError::internal("x").code);
        // Every rule's code (`RuleCode::ALL` is made from the enum's own list).
        codes.extend(RuleCode::ALL.iter().map(|c| AppError::from(CoreError::rule(*c, "x")).code));
        codes.sort();
        codes.dedup();
        assert!(codes.contains(&"db_locked".to_string()) && codes.contains(&"provider_auth".to_string()), "{codes:?}");
        assert!(codes.contains(&"letter_has_problem".to_string()), "{codes:?}");
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../../../ui/src/bindings".into());
        let text = serde_json::to_string_pretty(&codes).unwrap() + "\n";
        std::fs::write(std::path::Path::new(&dir).join("error-codes.json"), text).unwrap();
        // The parameters each rule's text may use (`ErrorParams` fields; a
        // refusal for one letter of several also names it in `file`).
        let params: std::collections::BTreeMap<&str, &[&str]> = RuleCode::ALL.iter().map(|c| (c.as_str(), c.params())).collect();
        let text = serde_json::to_string_pretty(&params).unwrap() + "\n";
        std::fs::write(std::path::Path::new(&dir).join("rule-codes.json"), text).unwrap();
    }
}
