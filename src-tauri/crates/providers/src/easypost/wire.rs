//! EasyPost Connect's JSON as our client and the simulator speak it.
//!
//! The contract (`shared/seeds/002_…`) is the Public API's **endpoint list**
//! only: paths, verbs, what each call is for, the servers, the two security
//! schemes (`x-api-key`, OAuth2) and the webhook event names. It gives **no
//! schema**. Everything below the paths is therefore our choice, written down
//! here once and read by client and simulator alike (fixtures:
//! `fixtures/easypost/`):
//!
//! - **Names in camelCase**, as the seed's own words are (`fileUploadUrl`,
//!   `startDate`, `maxItems`, `sortField`, `createdAt`, `lastModifiedAt`,
//!   `after`) and as the NestJS controllers it names (`JobsController_findOne`)
//!   write them.
//! - **Lists** are `{ "items": [...], "maxItems": 100 }`; the next page is asked
//!   with `?after=<id of the last item>`; a page shorter than `maxItems` is the
//!   last. The client also reads a bare array (tolerant).
//! - **Statuses** are upper-case words; the seed names one, `AWAITING_FOR_FILE`.
//!   The others are ours (see [`job_status`], [`event_status`]); an unknown one is
//!   kept as text and read as "in progress".
//! - **Errors** are NestJS's shape `{ statusCode, message, error }` plus our
//!   `code` for the cases the client must tell apart ([`codes`]). Any 401/403 is a
//!   bad key, whatever the body.
//! - **Our letter's key** travels as the job's `externalReference`, and
//!   `GET /jobs?externalReference=` finds it again (for a send whose answer was
//!   lost).
//! - **OAuth2**: the seed says only "Type: oauth2". We chose the client
//!   credentials grant (RFC 6749 §4.4), the one for a program acting for its
//!   own account: `POST {base}/oauth/token` (the path a setting, [`TOKEN_PATH`]
//!   its default), `application/x-www-form-urlencoded` `grant_type=client_credentials`,
//!   the client id and secret as HTTP Basic (§2.3.1: each form-urlencoded, then
//!   `id:secret` in base64; a server also takes `client_id`/`client_secret` in
//!   the body). The answer is [`TokenResponse`] (`token_type` `Bearer`,
//!   `expires_in` seconds); a refusal is RFC 6749 §5.2's [`TokenError`]
//!   (`invalid_client` with 401). Every API call then carries
//!   `Authorization: Bearer <access_token>` instead of `x-api-key`; a token
//!   the API no longer takes is a 401 `INVALID_TOKEN`. Pre-signed URLs carry
//!   neither.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A page of a list call. `after` is not in the answer: the caller takes the
/// last item's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(default = "default_max_items")]
    pub max_items: u32,
}

pub fn default_max_items() -> u32 {
    100
}

/// The seed's page size: "the 100 (maxItems property) first items".
pub const MAX_ITEMS: u32 = 100;

/// `GET /workflows`, `GET /workflows/{id}`: the sequence of tasks a job runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "EasypostWorkflow")]
pub struct Workflow {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    /// [`workflow_type`]: which job-creating call it takes.
    #[serde(rename = "type")]
    pub kind: String,
    /// [`channel`]s tried to reach the recipient, in order.
    #[serde(default)]
    pub channels: Vec<String>,
    /// `ACTIVE` or `INACTIVE` (only active ones take jobs).
    #[serde(default = "active")]
    pub status: String,
}

fn active() -> String {
    "ACTIVE".into()
}

/// `Workflow.type`.
pub mod workflow_type {
    /// One PDF (or ZIP/CSV/XML) file per job: `POST /jobs/single-file`.
    pub const SINGLE_FILE: &str = "SINGLE_FILE";
    pub const PAYLOAD_PDF: &str = "PAYLOAD_PDF";
    pub const PAYLOAD_WORD: &str = "PAYLOAD_WORD";
}

/// `Workflow.channels`, `SendingEvent.channel`.
pub mod channel {
    /// Printed and posted (bpost).
    pub const POSTAL_MAIL: &str = "POSTAL_MAIL";
    /// Printed and posted as a registered letter.
    pub const REGISTERED_MAIL: &str = "REGISTERED_MAIL";
    pub const EMAIL: &str = "EMAIL";
    /// The Belgian citizens' and companies' digital mailbox (eBox).
    pub const EBOX: &str = "EBOX";
    pub const PEPPOL: &str = "PEPPOL";
}

/// `POST /jobs/single-file` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SingleFileJobRequest {
    pub workflow_id: String,
    pub file_name: String,
    /// Ours, per letter: finds the job again after a lost answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<String>,
}

/// `POST /jobs/single-file` → 201, and `GET /jobs/{id}`, `GET /jobs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub id: String,
    pub workflow_id: String,
    /// [`job_status`].
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<String>,
    /// RFC 3339. "Retrieve Jobs sorted by ascending startDate".
    pub start_date: String,
    /// While `AWAITING_FOR_FILE`: the pre-signed URL to `PUT` the file to. Our
    /// choice: `GET /jobs/{id}` gives a fresh one too, so an upload interrupted
    /// by a crash resumes without a second job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_upload_url: Option<String>,
    /// While `AWAITING_FOR_FILE`: when the job is deleted if no file came
    /// (the seed's "maximum 2 hours"). RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// Sending events made from the file so far.
    #[serde(default)]
    pub sending_event_count: u32,
}

/// `Job.status`.
pub mod job_status {
    /// The seed's: created, waiting for its file (at most 2 hours).
    pub const AWAITING_FOR_FILE: &str = "AWAITING_FOR_FILE";
    /// The file arrived; being split into sending events.
    pub const PROCESSING: &str = "PROCESSING";
    /// Every sending event reached a final state.
    pub const COMPLETED: &str = "COMPLETED";
    /// The file could not be processed (not a PDF, no address found, …).
    pub const FAILED: &str = "FAILED";
}

/// The seed's limit on a job waiting for its file, in seconds.
pub const AWAITING_FOR_FILE_LIMIT_SECS: i64 = 2 * 60 * 60;

/// The recipient as the provider read it from the document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventRecipient {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A file of a sending event that can be downloaded (listed once ready).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventFile {
    /// [`file_reference`].
    pub reference: String,
    pub created_at: String,
}

/// `GET /sending-events/{id}`, `GET /sending-events`, and the answer of
/// `POST /sending-events/{id}/resend` (the new event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendingEvent {
    pub id: String,
    pub job_id: String,
    pub workflow_id: String,
    /// [`event_status`]: the business status the webhook
    /// `sending.event.status.changed` reports.
    pub status: String,
    /// [`channel`] that carried (or is carrying) it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default)]
    pub recipient: EventRecipient,
    pub start_date: String,
    pub last_modified_at: String,
    /// This event is a re-send of `originalSendingEventId` (cannot be re-sent).
    #[serde(default)]
    pub is_resend: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_sending_event_id: Option<String>,
    /// The files ready for download.
    #[serde(default)]
    pub files: Vec<EventFile>,
    /// Why it failed (`FAILED` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<EventError>,
}

/// `SendingEvent.error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventError {
    pub code: String,
    pub message: String,
}

/// `SendingEvent.status`. Final: `SENT`, `DELIVERED`, `FAILED`, `CANCELLED`
/// (the seed: resend is for "a final state (success or failure)").
pub mod event_status {
    pub const CREATED: &str = "CREATED";
    pub const PROCESSING: &str = "PROCESSING";
    /// Printed, being enveloped.
    pub const PRINTED: &str = "PRINTED";
    /// Handed to the carrier (postal): final success; the ePod is made.
    pub const SENT: &str = "SENT";
    /// Delivered (digital channels, registered mail signed for): final success.
    pub const DELIVERED: &str = "DELIVERED";
    pub const FAILED: &str = "FAILED";
    pub const CANCELLED: &str = "CANCELLED";

    pub fn is_final(status: &str) -> bool {
        matches!(status, SENT | DELIVERED | FAILED | CANCELLED)
    }
}

/// `{fileReference}` of `GET /sending-events/{id}/files/{fileReference}/download-url`
/// (the seed: "ePod, Submission Report").
pub mod file_reference {
    /// Electronic proof of delivery.
    pub const EPOD: &str = "EPOD";
    pub const SUBMISSION_REPORT: &str = "SUBMISSION_REPORT";
}

/// A pre-signed download URL (sending-event files, Peppol documents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadUrl {
    pub url: String,
    /// RFC 3339. Peppol: 10 minutes after the call (the seed).
    pub expires_at: String,
}

/// The seed: a Peppol document's download URL "is valid for 10 minutes".
pub const PEPPOL_DOWNLOAD_URL_SECS: i64 = 10 * 60;

/// `GET /peppol-incoming-documents`, `…/sender/{senderId}/document/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "EasypostPeppolDocument")]
pub struct PeppolDocument {
    pub id: String,
    /// The sender's Peppol participant id (`0208:0123456789`).
    pub sender_id: String,
    #[serde(default)]
    pub sender_name: String,
    /// `INVOICE`, `CREDIT_NOTE`, … (kept as text).
    pub document_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub document_number: Option<String>,
    pub created_at: String,
    pub last_modified_at: String,
}

/// The query of `GET /peppol-incoming-documents` (the seed's names).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeppolQuery {
    /// `createdAt` (default) or `lastModifiedAt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_field: Option<String>,
    /// `desc` (default) or `asc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<String>,
    /// RFC 3339 or a date; applies to `sortField`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// `GET /usage?from=YYYY-MM-DD&until=YYYY-MM-DD` (the seed: "usage data for a
/// specific company with filters"; the filters are our choice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "EasypostUsage")]
pub struct Usage {
    pub from: String,
    pub until: String,
    pub items: Vec<UsageItem>,
}

/// One line of [`Usage`]: what went out through one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "EasypostUsageItem")]
pub struct UsageItem {
    pub channel: String,
    pub sendings: u32,
    pub pages: u32,
    /// Billed, in euro cents (VAT excluded).
    pub amount_cents: u32,
}

/// `GET /health` (no key needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok` when up.
    pub status: String,
}

/// Every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiError {
    pub status_code: u16,
    /// NestJS gives a text or a list of texts (validation).
    pub message: serde_json::Value,
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Where the OAuth2 token endpoint is, under the base URL (our choice, see the
/// module's doc; a company may set another URL).
pub const TOKEN_PATH: &str = "/oauth/token";

/// RFC 6749 §5.1: the token endpoint's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    /// `Bearer` (any case).
    pub token_type: String,
    /// Seconds the token is valid; absent: the client assumes [`DEFAULT_TOKEN_SECS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<i64>,
}

/// A token answer without `expires_in` is taken to last this long (RFC 6749
/// leaves it to the server's documentation).
pub const DEFAULT_TOKEN_SECS: i64 = 300;

/// RFC 6749 §5.2: the token endpoint's refusal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenError {
    /// [`oauth_error`].
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// `TokenError.error` values (RFC 6749 §5.2) the client tells apart.
pub mod oauth_error {
    /// Unknown client, wrong secret, or no client authentication (401).
    pub const INVALID_CLIENT: &str = "invalid_client";
    pub const INVALID_REQUEST: &str = "invalid_request";
    pub const UNSUPPORTED_GRANT_TYPE: &str = "unsupported_grant_type";
}

/// `ApiError.code` values the client tells apart (and the simulator answers).
pub mod codes {
    /// No `x-api-key` header (401).
    pub const MISSING_API_KEY: &str = "MISSING_API_KEY";
    /// A key the service does not know (401).
    pub const INVALID_API_KEY: &str = "INVALID_API_KEY";
    /// A bearer token the service does not know, or expired (401).
    pub const INVALID_TOKEN: &str = "INVALID_TOKEN";
    /// No OAuth2 client id or secret set (the client's own, never sent).
    pub const MISSING_CLIENT_CREDENTIALS: &str = "MISSING_CLIENT_CREDENTIALS";
    /// The token endpoint refused the client (RFC 6749 `invalid_client`).
    pub const INVALID_CLIENT: &str = "INVALID_CLIENT";
    pub const NOT_FOUND: &str = "NOT_FOUND";
    /// A body or query the service refuses (400).
    pub const VALIDATION_ERROR: &str = "VALIDATION_ERROR";
    /// The workflow is not a single-file one, or not active (422).
    pub const WORKFLOW_NOT_USABLE: &str = "WORKFLOW_NOT_USABLE";
    /// A file PUT to a job that no longer awaits one (409).
    pub const JOB_NOT_AWAITING_FILE: &str = "JOB_NOT_AWAITING_FILE";
    /// The pre-signed URL is wrong or expired (403, on the upload host).
    pub const UPLOAD_URL_EXPIRED: &str = "UPLOAD_URL_EXPIRED";
    /// Resend of an event not in a final state (409).
    pub const SENDING_EVENT_NOT_FINAL: &str = "SENDING_EVENT_NOT_FINAL";
    /// Resend of a resend (409; the seed: "not allowed on Sending Events that
    /// are themselves a re-send").
    pub const RESEND_OF_RESEND: &str = "RESEND_OF_RESEND";
    /// The file of an event is not ready yet (404).
    pub const FILE_NOT_READY: &str = "FILE_NOT_READY";
    /// Too many calls (429, with `Retry-After`).
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
}

/// The webhook events of the seed (`POST` to the subscription's URL).
pub mod webhook_event {
    pub const JOB_STATUS_CHANGED: &str = "job.status.changed";
    pub const SENDING_EVENT_STATUS_CHANGED: &str = "sending.event.status.changed";
    pub const SENDING_EVENT_FILE_READY: &str = "sending.event.file.ready";
    pub const PEPPOL_DOCUMENT_RECEIVED: &str = "peppol.document.received";
}

/// `POST /webhooks` body (our choice of fields, the seed names none).
/// Simulator: `url` must be `http(s)` to a loopback host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookRequest {
    pub url: String,
    /// [`webhook_event`] names.
    pub event_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `PATCH /webhooks/{id}` body: what is present changes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WebhookUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// false: nothing is delivered to it until set true again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// A webhook subscription (`POST/GET /webhooks`, `GET/PATCH /webhooks/{id}`).
/// `secret` is in the answers of `POST /webhooks` and
/// `POST /webhooks/{id}/reset-secret` only ("return the new secret once").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSubscription {
    pub id: String,
    pub url: String,
    pub event_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default = "enabled")]
    pub enabled: bool,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

fn enabled() -> bool {
    true
}

/// `POST /webhooks/{id}/test` body; `eventType` is required when the
/// subscription has more than one (the seed).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WebhookTestRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
}

/// `POST /webhooks/{id}/test` answer: "returns the HTTP response status" of
/// the subscription URL; `statusCode` absent when it could not be reached
/// (then `error` says why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookTestResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What is POSTed to a subscription URL (our choice):
/// `{ id, type, createdAt, data }`, `data` being the [`Job`] (job.status.changed),
/// the [`SendingEvent`] (sending.event.status.changed), a [`FileReady`]
/// (sending.event.file.ready) or the [`PeppolDocument`] (peppol.document.received).
/// `POST /webhooks/{id}/test` sends one with `"test": true`.
///
/// Signed with the header [`SIGNATURE_HEADER`]:
/// `x-easypost-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
/// — the secret's text as the key (its UTF-8 bytes), the raw body bytes after
/// the dot. A receiver checks v1 in constant time and refuses a `t` too far
/// from now (we suggest 5 minutes, [`SIGNATURE_TOLERANCE_SECS`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEvent {
    pub id: String,
    /// [`webhook_event`].
    #[serde(rename = "type")]
    pub kind: String,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub test: bool,
    pub data: serde_json::Value,
}

/// `WebhookEvent.data` of `sending.event.file.ready`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReady {
    pub sending_event_id: String,
    pub job_id: String,
    /// [`file_reference`].
    pub file_reference: String,
    pub created_at: String,
}

/// The header of the webhook signature (see [`WebhookEvent`]).
pub const SIGNATURE_HEADER: &str = "x-easypost-signature";

/// How far a webhook's `t` may be from the receiver's clock.
pub const SIGNATURE_TOLERANCE_SECS: i64 = 5 * 60;

/// The text the webhook HMAC is computed over: `"<t>.<body>"`.
pub fn signed_payload(t: i64, body: &[u8]) -> Vec<u8> {
    let mut out = format!("{t}.").into_bytes();
    out.extend_from_slice(body);
    out
}
