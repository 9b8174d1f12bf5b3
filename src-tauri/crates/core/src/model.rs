//! The clerk's world: companies, accounts, options, letters. These types cross the
//! IPC to the web view; ts-rs writes their TypeScript twins into `ui/src/bindings/`.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use postdesk_pdf::{Address, PageRange, Preflight, ProviderKind, SplitLetter, SplitPlan, SplitRule};
pub use postdesk_providers::{Channel, Delivery, DeliveryFile, DeliveryFileKind, DeliveryState, FieldLimit, Postage, ProviderDescription, RegisteredLetter, SendOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Environment {
    Sandbox,
    Test,
    Live,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Company {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub is_sandbox: bool,
}

/// How an account sends, whatever the provider: the seed's switches that every
/// provider needs. Stored beside the provider's own settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SendingPrefs {
    /// Keep the sent PDF in the job list ("Save File in Joblist").
    pub save_file_in_joblist: bool,
    /// Open the pre-send dialog before queueing ("Show dialog").
    pub show_dialog: bool,
    /// Letters go in the provider's test mode: taken, not printed.
    pub test_mode: bool,
    /// Draw the restricted areas: in the preview, and on the provider's test result.
    pub show_restricted_area: bool,
}

impl Default for SendingPrefs {
    fn default() -> Self {
        Self { save_file_in_joblist: true, show_dialog: false, test_mode: true, show_restricted_area: false }
    }
}

/// The non-secret part of the E-POST setup (the seed's setup form). Secret and
/// password live in the keychain only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EpostSettings {
    pub ekp: String,
    /// Where the provider mails test results (`testEMail`).
    pub test_email: String,
}

/// How an Ekopost account signs in: the API key (Ekopost's recommendation;
/// keys are made and revoked in the customer's account) or user and password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EkopostAuth {
    #[default]
    ApiKey,
    Basic,
}

/// The non-secret part of an Ekopost setup. The API key or password lives in
/// the keychain only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EkopostSettings {
    /// Ekopost's own sandbox host (plain http, nothing printed) instead of
    /// production. Not used by companies of Postdesk's built-in sandbox.
    pub ekopost_sandbox: bool,
    pub auth: EkopostAuth,
    /// For `Basic` only.
    pub username: String,
    /// The campaign's `cost_center`, unless a letter names its own.
    pub cost_center: String,
}

/// The non-secret part of a Posti setup: the logistics agreement ids the
/// OmaPosti Pro key should reach (the key lives in the keychain only).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PostiSettings {
    pub agreement_ids: Vec<String>,
}

/// Which EasyPost Connect host a company talks to. The seed names the
/// development API; production is a separate host given with the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EasypostHost {
    #[default]
    Development,
    Production,
}

/// How an EasyPost Connect company signs in: the seed's two schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EasypostAuth {
    /// `x-api-key`.
    #[default]
    ApiKey,
    /// OAuth2 client credentials → bearer token.
    Oauth2,
}

/// Which EasyPost secret the Setup screen hands to the keychain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EasypostSecret {
    #[default]
    ApiKey,
    ClientSecret,
    CertificatePassword,
}

/// Which EasyPost secrets the keychain holds for the company (the window sees
/// only this, never a value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EasypostSecretsSet {
    pub api_key: bool,
    pub client_secret: bool,
    pub certificate_password: bool,
}

/// The non-secret part of an EasyPost Connect setup. The API key, the OAuth2
/// client secret and the certificate's password live in the keychain only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EasypostSettings {
    pub host: EasypostHost,
    /// The production API's address, as given with the contract (`Production` only).
    pub production_url: String,
    pub auth: EasypostAuth,
    /// OAuth2's client id (not a secret; the secret is in the keychain).
    pub client_id: String,
    /// OAuth2's token endpoint; empty: `{base URL}/oauth/token`.
    pub token_url: String,
    /// The client certificate for mutual TLS (PEM or PKCS#12); empty: none.
    pub certificate_path: String,
    /// The workflow every letter of the company is a job on (`GET /workflows`).
    pub workflow_id: String,
    /// Its name and channels when it was picked, to show without a call.
    pub workflow_name: String,
    pub workflow_channels: Vec<String>,
}

/// What only one provider's account has (its access data, non-secret part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProviderSettings {
    Epost(EpostSettings),
    Ekopost(EkopostSettings),
    Posti(PostiSettings),
    Easypost(EasypostSettings),
}

impl ProviderSettings {
    pub fn kind(&self) -> ProviderKind {
        match self {
            ProviderSettings::Epost(_) => ProviderKind::Epost,
            ProviderSettings::Ekopost(_) => ProviderKind::Ekopost,
            ProviderSettings::Posti(_) => ProviderKind::Posti,
            ProviderSettings::Easypost(_) => ProviderKind::Easypost,
        }
    }

    pub fn epost(&self) -> Option<&EpostSettings> {
        match self {
            ProviderSettings::Epost(e) => Some(e),
            _ => None,
        }
    }

    pub fn ekopost(&self) -> Option<&EkopostSettings> {
        match self {
            ProviderSettings::Ekopost(e) => Some(e),
            _ => None,
        }
    }

    /// Where the provider mails test results, where it does.
    pub fn test_email(&self) -> Option<&str> {
        match self {
            ProviderSettings::Epost(e) => Some(e.test_email.as_str()).filter(|m| !m.is_empty()),
            ProviderSettings::Ekopost(_) | ProviderSettings::Posti(_) | ProviderSettings::Easypost(_) => None,
        }
    }

    pub fn posti(&self) -> Option<&PostiSettings> {
        match self {
            ProviderSettings::Posti(p) => Some(p),
            _ => None,
        }
    }

    pub fn easypost(&self) -> Option<&EasypostSettings> {
        match self {
            ProviderSettings::Easypost(e) => Some(e),
            _ => None,
        }
    }

    /// What the account still lacks before a letter can be queued (the provider's
    /// own setup step), as the rule that says so. None: nothing.
    pub fn missing_for_sending(&self) -> Option<crate::error::RuleCode> {
        match self {
            ProviderSettings::Easypost(e) if e.workflow_id.is_empty() => Some(crate::error::RuleCode::EasypostWorkflowMissing),
            _ => None,
        }
    }

    pub fn epost_mut(&mut self) -> Option<&mut EpostSettings> {
        match self {
            ProviderSettings::Epost(e) => Some(e),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Account {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub company_id: i64,
    pub provider: ProviderKind,
    pub environment: Environment,
    pub prefs: SendingPrefs,
    pub settings: ProviderSettings,
    pub defaults: SendOptions,
    pub has_secret: bool,
    pub has_password: bool,
    /// EasyPost only: which of its secrets the keychain holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub easypost_secrets: Option<EasypostSecretsSet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LetterState {
    Draft,
    /// In the outbox, waiting for the day the clerk chose (`Letter::send_on`);
    /// the worker's release step makes it `Queued` then.
    Scheduled,
    Queued,
    Submitting,
    Submitted,
    Accepted,
    Released,
    Printing,
    Sent,
    Failed,
    Cancelled,
}

impl LetterState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Queued => "queued",
            Self::Submitting => "submitting",
            Self::Submitted => "submitted",
            Self::Accepted => "accepted",
            Self::Released => "released",
            Self::Printing => "printing",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|st| st.as_str() == s)
    }

    pub const ALL: [LetterState; 11] = [
        Self::Draft,
        Self::Scheduled,
        Self::Queued,
        Self::Submitting,
        Self::Submitted,
        Self::Accepted,
        Self::Released,
        Self::Printing,
        Self::Sent,
        Self::Failed,
        Self::Cancelled,
    ];

    /// No further provider state will come: polling stops here.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Sent | Self::Failed | Self::Cancelled)
    }

    /// The provider knows the letter and its status can be asked for.
    pub fn is_with_provider(self) -> bool {
        matches!(self, Self::Submitted | Self::Accepted | Self::Released | Self::Printing)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StateChange {
    pub state: LetterState,
    pub at: String,
    pub note: Option<String>,
}

/// What crosses the IPC when something fails: a stable code the UI can react to,
/// one sentence for the clerk, and the technical detail for "Copy for support".
/// Never carries a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppError {
    pub code: String,
    /// English, for logs and the CLI; the window words `code` and `params`.
    pub message: String,
    pub details: Option<String>,
    /// What the window's text needs beyond the code. (Default: errors stored before
    /// errors had parameters.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub params: Option<ErrorParams>,
}

/// An error's parameters. A provider's own refusal names the provider, its code and
/// every message it gave (the window lists them under the clerk's text, untouched).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorParams {
    /// `ProviderKind` as written on the wire ("epost", "ekopost", …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub provider: Option<String>,
    /// The provider's own code of the first message ("E612", "126").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub provider_code: Option<String>,
    #[serde(default)]
    pub provider_messages: Vec<ProviderNote>,
    /// The letter's file name, when a rule refuses one letter of several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<String>,
    /// The limit a rule names (characters, lines, agreement ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max: Option<u32>,
    /// `letter_has_problem`: the finding that holds the letter back (worded by
    /// its code and parameters, as on the desk; without marks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finding: Option<postdesk_pdf::Finding>,
}

/// One message of the provider, as it gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProviderNote {
    pub code: String,
    pub text: String,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into(), details: None, params: None }
    }
    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into());
        self
    }
    /// A task of the window's own failed unexpectedly (nothing the clerk did);
    /// the detail is for support.
    pub fn internal(details: impl std::fmt::Display) -> Self {
        Self::new("internal", format!("internal task failed: {details}")).with_details(details.to_string())
    }
    pub fn with_params(mut self, params: ErrorParams) -> Self {
        self.params = Some(params);
        self
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)?;
        if let Some(d) = &self.details {
            write!(f, ": {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Letter {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub company_id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub file_name: String,
    pub path: String,
    pub sha256: String,
    pub pages: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub preflight: Preflight,
    pub recipient: Option<Address>,
    pub options: SendOptions,
    pub state: LetterState,
    pub provider_id: Option<String>,
    pub provider_status: Option<String>,
    pub registered_number: Option<String>,
    pub attempts: u32,
    pub last_error: Option<AppError>,
    pub created_at: String,
    pub updated_at: String,
    pub history: Vec<StateChange>,
    /// The cost centre the provider bills to (E-POST `costCenter`, ≤ 8, [0-9a-zA-Z]).
    pub cost_center: Option<String>,
    /// The clerk's own reference (E-POST `custom1`, ≤ 80), searchable in the job list.
    pub reference: Option<String>,
    /// Sent in the provider's test mode: not printed; a test result can be fetched.
    pub test_mode: bool,
    /// "Save File in Joblist" was on: the sent PDF is kept in the archive.
    pub archived: bool,
    /// Split from a merged PDF: the pages of `path` this letter is (None: the whole
    /// file). Page numbers of `preflight` count from the range's first page.
    pub split_from: Option<PageRange>,
    /// Sent on this day (YYYY-MM-DD, the clerk's date): set while it waits as
    /// `Scheduled`, and kept after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub send_on: Option<String>,
    /// Taken from this hot folder (its path when the file was taken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source_folder: Option<String>,
}

impl Letter {
    pub fn has_blocking_finding(&self) -> bool {
        self.preflight.findings.iter().any(|f| f.severity == postdesk_pdf::Severity::Error)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub environment: Environment,
    pub company: Company,
    pub companies: Vec<Company>,
    pub account: Account,
    /// What the account's provider offers and its field limits (the window
    /// reads limits from here, never from copies of its own).
    pub provider: ProviderDescription,
    pub sandbox_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InboxChannel {
    Sms,
    Email,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InboxMessage {
    #[ts(type = "number")]
    pub id: i64,
    pub channel: InboxChannel,
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
    pub code: Option<String>,
    pub at: String,
}

/// What the clerk confirmed in the pre-send dialog for one letter; stored with
/// the draft before it is queued. `recipient: None` keeps the address read from
/// the PDF; empty `cost_center`/`reference` mean none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterOverride {
    #[ts(type = "number")]
    pub id: i64,
    pub options: SendOptions,
    pub recipient: Option<Address>,
    pub cost_center: Option<String>,
    pub reference: Option<String>,
}

/// "Send on" a later day: the clerk's date, and the moment it may go — the
/// start of that day in the clerk's time zone, in Unix ms, worked out by the
/// window or the CLI (the core compares times only, it knows no time zones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendOn {
    /// YYYY-MM-DD.
    pub date: String,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// A draft `send` did not queue because the same PDF is already in the outbox
/// (the window asks the clerk; the CLI needs `--allow-duplicate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SkippedLetter {
    pub letter: Letter,
    /// The letter already in the outbox with the same PDF.
    #[ts(type = "number")]
    pub existing_id: i64,
    pub existing_state: LetterState,
    /// When the existing letter was queued (RFC 3339), for "already sent on …".
    pub existing_at: String,
    /// For the clerk.
    pub reason: String,
}

/// What `send_checked` did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendReport {
    pub queued: Vec<Letter>,
    pub skipped: Vec<SkippedLetter>,
}

/// How far one batch (the letters one Send queued) has got. "sent" counts the
/// letters the provider has taken (submitted, accepted, released, printing or
/// sent): from there on the provider's states move on in the job list, and the
/// batch is `done` once nothing of it waits or is being sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchProgress {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub company_id: i64,
    pub started_at: String,
    /// Letters in the batch (each was checked before it could be sent).
    pub total: u32,
    /// Waiting in the outbox (including `retrying`).
    pub queued: u32,
    /// Of `queued`: waiting for another attempt after a temporary failure.
    pub retrying: u32,
    /// Being handed to the provider right now.
    pub sending: u32,
    pub sent: u32,
    pub failed: u32,
    pub cancelled: u32,
    pub done: bool,
}

/// The outbox as the progress panel sees it: the `outbox-progress` event and the
/// `outbox_progress` command. Batches are the unfinished ones, plus (in an
/// event) those that just finished.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutboxProgress {
    /// The clerk paused sending: no letter is started; those in flight finish.
    pub paused: bool,
    pub batches: Vec<BatchProgress>,
}

/// Files checked so far by one `add_files` (the `add-progress` event).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddProgress {
    pub checked: u32,
    pub total: u32,
}

pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// What a hot folder does with the letters of a file it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HotFolderMode {
    /// Letters without an error finding are sent at once (or on the folder's
    /// "Send on" day); the others wait on the desk with their findings.
    Send,
    /// Every letter waits on the desk for a look.
    Desk,
}

/// A hot folder as the clerk sets it up (Settings → Hot folders).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HotFolderSettings {
    /// An absolute path to an existing folder.
    pub path: String,
    #[ts(type = "number")]
    pub company_id: i64,
    pub mode: HotFolderMode,
    /// The folder's own options; None: the company's defaults when a file is taken.
    pub options: Option<SendOptions>,
    /// Each file is split into letters by this rule; None: one letter per file.
    pub split: Option<SplitRule>,
    /// Letters taken before this day wait until it (state `scheduled`); None or
    /// a day gone by: at once.
    pub send_on: Option<SendOn>,
    /// Off: the folder is kept but not watched.
    pub enabled: bool,
}

/// How a hot folder's watch is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HotFolderStatus {
    /// Watched: new files are taken.
    Watching,
    /// Turned off by the clerk.
    Off,
    /// The folder is not there (a network drive not connected, renamed, deleted).
    Missing,
    /// Files cannot be moved out of it (no write permission).
    NotWritable,
    /// Another Postdesk on this data folder watches the hot folders.
    WatchedElsewhere,
    /// This process does not watch hot folders (the CLI), or has not started yet.
    NotWatched,
}

/// A hot folder with what it has done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HotFolder {
    #[ts(type = "number")]
    pub id: i64,
    pub settings: HotFolderSettings,
    pub status: HotFolderStatus,
    /// Files taken so far.
    pub taken: u32,
    /// Of those, moved into `needs-attention/`.
    pub needs_attention: u32,
    /// When the last file was taken (RFC 3339).
    pub last_taken_at: Option<String>,
}

/// What a hot folder's watch took in one round, for the window to tell the clerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HotFolderTook {
    #[ts(type = "number")]
    pub folder_id: i64,
    /// The folder's path.
    pub folder: String,
    /// Files moved into `sent/`.
    pub sent_files: u32,
    /// Files moved into `needs-attention/` (their letters wait on the desk).
    pub attention_files: u32,
    /// Letters made of them (a split file makes several).
    pub letters: u32,
}
