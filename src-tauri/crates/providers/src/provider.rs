//! The seam between the outbox and any provider: one trait, provider-neutral
//! types. Each provider maps these to its own wire inside its own module
//! (`epost/provider.rs`, `ekopost/provider.rs`, …); `core` holds providers as
//! `Arc<dyn Provider>` built by one factory and names none of them.
use std::collections::BTreeMap;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorKind, ProviderError, ProviderMessage};

/// Registered mail. E-POST offers three kinds of *Einschreiben*; Ekopost's
/// `rek` postage and the other providers' registered letter are `Registered`.
/// A provider's description lists the kinds it offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegisteredLetter {
    #[default]
    None,
    EinwurfEinschreiben,
    Einschreiben,
    EinschreibenRueckschein,
    Registered,
}

/// Postage class, where the provider lets the sender choose (Ekopost: priority,
/// economy). `Standard` is the provider's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Postage {
    #[default]
    Standard,
    Priority,
    Economy,
}

/// How the letter reaches the recipient. `Postal` is paper; the others are the
/// digital channels a provider may offer (Ekopost: e-mail, digital mailboxes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Channel {
    #[default]
    Postal,
    Email,
    DigitalMailbox,
    Einvoice,
}

/// The options of one letter, as the clerk picks them (defaults per account,
/// changed per letter in the pre-send dialog).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendOptions {
    pub color: bool,
    pub duplex: bool,
    pub registered: RegisteredLetter,
    pub cover_letter: bool,
    #[serde(default)]
    pub postage: Postage,
    #[serde(default)]
    pub channel: Channel,
}

/// The recipient as the provider needs it: the lines above the postal code and
/// town, postal code, town, country (ISO 3166-1 alpha-2; None = domestic).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recipient {
    pub name_lines: Vec<String>,
    pub postal_code: Option<String>,
    pub city: String,
    pub country: Option<String>,
    /// For the e-mail channel.
    pub email: Option<String>,
}

/// Test mode: the provider takes the letter but does not print it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TestMode {
    /// Where the provider mails its test result (E-POST `testEMail`).
    pub email: Option<String>,
    /// Draw the restricted areas on the test result (E-POST `testShowRestrictedArea`).
    pub show_restricted_area: bool,
}

/// One letter handed to a provider.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutgoingLetter {
    /// Made once when the letter is queued and reused on every attempt: the
    /// provider's duplicate guard is derived from it (E-POST `custom5`, Ekopost `unique_id`).
    pub idempotency_key: String,
    /// A file name unique per letter (E-POST `fileName`), derived from the key.
    pub wire_name: String,
    /// The clerk's file name (for the provider's own records).
    pub file_name: String,
    pub recipient: Recipient,
    pub options: SendOptions,
    /// Some: send in the provider's test mode.
    pub test: Option<TestMode>,
    pub cost_center: Option<String>,
    /// The clerk's reference (E-POST `custom1`).
    pub reference: Option<String>,
}

/// How far a multi-step send has got: the ids of every finished step, by name
/// (Ekopost: `campaign_id`, `envelope_id`, `content`, `envelope_closed`, …).
/// The outbox stores them in the letter's row before the next call, so a send
/// interrupted after step k resumes at step k + 1 and never repeats a step.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Steps(pub BTreeMap<String, String>);

impl Steps {
    pub fn get(&self, step: &str) -> Option<&str> {
        self.0.get(step).map(String::as_str)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Where `submit` records a finished step. `save` must make the step durable
/// (the outbox writes it to SQLite) before it returns; an error ends the send.
pub trait Checkpoint: Send + Sync {
    fn save(&self, steps: &Steps) -> Result<(), ProviderError>;
}

/// A checkpoint that keeps nothing (single-call providers, tests).
pub struct NoCheckpoint;
impl Checkpoint for NoCheckpoint {
    fn save(&self, _: &Steps) -> Result<(), ProviderError> {
        Ok(())
    }
}

/// Where a letter is at the provider, in the job list's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeliveryState {
    /// The provider has it; nothing more known yet.
    Submitted,
    /// Accepted (E-POST 1; Ekopost `closed`).
    Accepted,
    /// Checked and released to print (E-POST 2; Ekopost `transferred`).
    Released,
    /// At the print centre or printed (E-POST 3; Ekopost `printed`).
    Printing,
    /// Posted (E-POST 4; Ekopost `posted`, `completed`). Final.
    Sent,
    /// Failed at the provider. Final.
    Failed,
    /// Cancelled at the provider. Final.
    Cancelled,
}

/// One status answer, mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryStatus {
    pub state: DeliveryState,
    /// The provider's own state, as it said it (`4`, `posted`): kept for the
    /// job list's details and worded by code in the window.
    pub provider_status: String,
    pub registered_number: Option<String>,
    /// The provider's error objects when it failed the letter.
    pub errors: Vec<ProviderMessage>,
}

/// What a file of a delivery is, for the job list's button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeliveryFileKind {
    /// Proof that the letter was delivered / handed to the carrier (EasyPost's ePod).
    ProofOfDelivery,
    /// The provider's report of what it received and did (EasyPost's submission report).
    SubmissionReport,
    Other,
}

/// A file of a delivery that is ready to download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeliveryFile {
    /// The provider's name for it, passed back to `Provider::delivery_file`.
    pub reference: String,
    pub kind: DeliveryFileKind,
}

/// One delivery of a letter to its recipient on one channel, where the
/// provider reports them (EasyPost: a sending event). Shown in the job list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Delivery {
    pub id: String,
    pub state: DeliveryState,
    /// The provider's own status, worded by code in the window.
    pub provider_status: String,
    /// The provider's channel code (`POSTAL_MAIL`, `EBOX`, …), worded by the window.
    pub channel: Option<String>,
    /// The recipient as the provider read it (name only).
    pub recipient: String,
    /// RFC 3339.
    pub started_at: String,
    pub modified_at: String,
    /// This delivery re-sends that one.
    pub resend_of: Option<String>,
    /// A re-send may be asked (final, and not itself a re-send).
    pub can_resend: bool,
    pub files: Vec<DeliveryFile>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

/// Provider-neutral codes for the deliveries' calls (each provider maps its own
/// to these, so core words them without knowing the provider).
pub mod delivery_codes {
    /// Only a delivery in a final state can be re-sent.
    pub const RESEND_NOT_FINAL: &str = "resend_not_final";
    /// A re-send cannot be re-sent.
    pub const RESEND_OF_RESEND: &str = "resend_of_resend";
    /// The file is not ready yet.
    pub const FILE_NOT_READY: &str = "file_not_ready";
    /// No such delivery for this letter.
    pub const NOT_THIS_LETTERS: &str = "delivery_not_found";
}

/// A field's length limits (characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldLimit {
    pub min: u32,
    pub max: u32,
}

/// What a provider offers and the limits of its fields: one source for core's
/// checks and for the window (sent over IPC, never copied into TypeScript).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProviderDescription {
    /// The provider's own name, e.g. "E-POSTBUSINESS API".
    pub name: String,
    /// Addresses here need no country line (ISO 3166-1 alpha-2).
    pub home_country: String,
    /// Letters can be handed over to be printed and posted with this
    /// provider's access. False (Posti's OmaPosti Pro key: its shipping API
    /// only): core refuses a send before anything is queued or spent.
    pub prints_letters: bool,
    /// Kinds of registered letter offered (besides `None`).
    pub registered: Vec<RegisteredLetter>,
    /// Registered letters only to the home country.
    pub registered_domestic_only: bool,
    /// Duplex and a registered letter can be combined.
    pub registered_with_duplex: bool,
    /// Postage classes offered; empty = the provider decides.
    pub postage: Vec<Postage>,
    /// Delivery channels; `Postal` always first.
    pub channels: Vec<Channel>,
    pub color: bool,
    pub duplex: bool,
    /// The provider can generate page 1 with the address (a cover letter).
    pub cover_letter: bool,
    /// Letters can be cancelled at the provider after they were handed over.
    pub can_cancel: bool,
    /// The job list shows the letter's deliveries (`Provider::deliveries`), with
    /// their files (proof of delivery) and a re-send where allowed.
    #[serde(default)]
    pub deliveries: bool,
    /// A test mode exists (letters taken but not printed).
    pub test_mode: bool,
    /// A test-mode letter has a result PDF to fetch.
    pub test_result: bool,
    /// The account's id (E-POST EKP: exactly 10), where there is one.
    pub account_id: Option<FieldLimit>,
    pub cost_center: Option<FieldLimit>,
    /// Cost centre only letters and digits (E-POST `[0-9a-zA-Z]`).
    pub cost_center_alphanumeric: bool,
    pub reference: Option<FieldLimit>,
    pub address_line: FieldLimit,
    /// Lines above the postal code and town: domestic, abroad.
    pub address_lines_domestic: u32,
    pub address_lines_abroad: u32,
    pub postal_code: FieldLimit,
    /// Digits of a domestic postal code (DE 5, SE 5 as "NNN NN" without the space).
    pub domestic_postal_code_digits: u32,
    pub city: FieldLimit,
    /// Registered letters: longest name and street line (Ekopost rek: 35).
    pub registered_line_max: Option<u32>,
    /// Least time between two status calls of one account (ms).
    pub min_status_interval_ms: u32,
}

/// A provider as the outbox and the job list see it. Implemented once per
/// provider, in its own module; built from the company's account by core's
/// factory. Every call is classified into `ProviderError`'s kinds: only
/// `is_retryable()` ones are tried again, under the same idempotency key.
#[async_trait]
pub trait Provider: Send + Sync {
    /// What it offers; the same for every account of the provider.
    fn describe(&self) -> ProviderDescription;

    /// Are the credentials good and is the service up? (Setup's "Test connection".)
    async fn check_connection(&self) -> Result<(), ProviderError>;

    /// Hands one letter over and returns the provider's id of it. `steps` holds
    /// the steps an earlier attempt finished (resume from there, never repeat
    /// one); each newly finished step is added and `checkpoint.save`d before the
    /// next call.
    async fn submit(
        &self,
        letter: &OutgoingLetter,
        pdf: &[u8],
        steps: &mut Steps,
        checkpoint: &dyn Checkpoint,
    ) -> Result<String, ProviderError>;

    /// The provider's id of this letter when an earlier attempt got it there
    /// (asked by our idempotency key / unique name, or the stored steps), None
    /// when it does not have it. Asked before any resend.
    async fn find(&self, letter: &OutgoingLetter, steps: &Steps) -> Result<Option<String>, ProviderError>;

    /// The provider refused a send as a copy of a letter it already has.
    fn is_duplicate_refusal(&self, _error: &ProviderError) -> bool {
        false
    }

    /// Where the letter with this provider id is.
    async fn status(&self, provider_id: &str) -> Result<DeliveryStatus, ProviderError>;

    /// Cancels the letter at the provider, where `describe().can_cancel`.
    async fn cancel(&self, _provider_id: &str) -> Result<(), ProviderError> {
        Err(unsupported("cancelling a letter"))
    }

    /// The test result PDF of a test-mode letter, where `describe().test_result`.
    async fn test_result(&self, _provider_id: &str) -> Result<Vec<u8>, ProviderError> {
        Err(unsupported("test results"))
    }

    /// The letter's deliveries, where `describe().deliveries`.
    async fn deliveries(&self, _provider_id: &str) -> Result<Vec<Delivery>, ProviderError> {
        Err(unsupported("deliveries"))
    }

    /// Re-sends a delivery of this letter in a final state: the provider prints
    /// and posts it again (and charges it). Returns the new delivery.
    async fn resend(&self, _provider_id: &str, _delivery_id: &str) -> Result<Delivery, ProviderError> {
        Err(unsupported("re-sending"))
    }

    /// A file of a delivery of this letter (`Delivery::files`).
    async fn delivery_file(&self, _provider_id: &str, _delivery_id: &str, _reference: &str) -> Result<Vec<u8>, ProviderError> {
        Err(unsupported("delivery files"))
    }

    /// Forget a cached login (after the credentials changed or were refused).
    async fn forget_login(&self) {}
}

/// The error for a call this provider does not offer.
pub fn unsupported(what: &str) -> ProviderError {
    let mut e = ProviderError::new(ErrorKind::Rejected, format!("the provider does not offer {what}"));
    e.code = Some("unsupported".into());
    e
}
