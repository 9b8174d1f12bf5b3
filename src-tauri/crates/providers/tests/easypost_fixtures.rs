//! The EasyPost Connect objects in `fixtures/easypost/` parse into our wire
//! types and serialize back to the same JSON (names, shapes, optional fields).
//! The shapes are our choice (the seed lists endpoints only): `wire.rs`.

use postdesk_providers::easypost::wire::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../fixtures/easypost")
        .join(name)
}

fn fixture(name: &str) -> Value {
    let text =
        std::fs::read_to_string(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Parse the fixture into `T`, serialize it again, and demand the same JSON.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let original = fixture(name);
    let parsed: T =
        serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        original,
        "{name} does not round-trip"
    );
    parsed
}

#[test]
fn workflow_fixtures() {
    let page: Page<Workflow> = round_trip("workflows_page.json");
    assert_eq!(page.max_items, MAX_ITEMS);
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.items[0].kind, workflow_type::SINGLE_FILE);
    assert_eq!(page.items[2].status, "INACTIVE");
    let wf: Workflow = round_trip("workflow.json");
    assert_eq!(wf, page.items[0]);
    assert_eq!(wf.channels, [channel::POSTAL_MAIL]);
}

#[test]
fn job_fixtures() {
    let req: SingleFileJobRequest = round_trip("single_file_job_request.json");
    let job: Job = round_trip("job_awaiting.json");
    assert_eq!(job.status, job_status::AWAITING_FOR_FILE);
    assert_eq!(job.workflow_id, req.workflow_id);
    assert_eq!(job.external_reference, req.external_reference);
    assert_eq!(job.file_name.as_deref(), Some(req.file_name.as_str()));
    assert!(job
        .file_upload_url
        .as_deref()
        .unwrap()
        .starts_with("https://"));
    // expiresAt = startDate + the seed's 2 hours.
    let parse = |s: &str| {
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
    };
    let window = parse(job.expires_at.as_deref().unwrap()) - parse(&job.start_date);
    assert_eq!(window.whole_seconds(), AWAITING_FOR_FILE_LIMIT_SECS);

    let done: Job = round_trip("job_processing.json");
    assert_eq!(done.id, job.id);
    assert_eq!(done.status, job_status::PROCESSING);
    assert_eq!((done.file_upload_url, done.sending_event_count), (None, 1));
}

#[test]
fn sending_event_fixtures() {
    let sent: SendingEvent = round_trip("sending_event_sent.json");
    assert_eq!(sent.status, event_status::SENT);
    assert!(event_status::is_final(&sent.status));
    let refs: Vec<_> = sent.files.iter().map(|f| f.reference.as_str()).collect();
    assert_eq!(
        refs,
        [file_reference::SUBMISSION_REPORT, file_reference::EPOD]
    );
    assert_eq!(sent.recipient.postal_code.as_deref(), Some("2610"));

    let failed: SendingEvent = round_trip("sending_event_failed.json");
    assert_eq!(failed.status, event_status::FAILED);
    assert_eq!(failed.error.unwrap().code, "ADDRESS_NOT_FOUND");

    let resend: SendingEvent = round_trip("sending_event_resend.json");
    assert!(resend.is_resend);
    assert_eq!(
        resend.original_sending_event_id.as_deref(),
        Some(failed.id.as_str())
    );
    assert_eq!(resend.job_id, failed.job_id);
    assert!(!event_status::is_final(&resend.status));
}

#[test]
fn download_peppol_usage_health_fixtures() {
    let d: DownloadUrl = round_trip("download_url.json");
    assert!(d.url.starts_with("https://"));
    let page: Page<PeppolDocument> = round_trip("peppol_documents_page.json");
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[1].document_number, None);
    assert!(
        page.items[0].created_at > page.items[1].created_at,
        "newest first"
    );
    let u: Usage = round_trip("usage.json");
    assert_eq!(u.items[0].channel, channel::POSTAL_MAIL);
    let h: Health = round_trip("health.json");
    assert_eq!(h.status, "ok");
}

#[test]
fn error_fixtures() {
    let e: ApiError = round_trip("error_401.json");
    assert_eq!(
        (e.status_code, e.code.as_deref()),
        (401, Some(codes::INVALID_API_KEY))
    );
    let e: ApiError = round_trip("error_409_resend.json");
    assert_eq!(e.code.as_deref(), Some(codes::RESEND_OF_RESEND));
    let e: ApiError = round_trip("error_409_job_not_awaiting.json");
    assert_eq!(e.code.as_deref(), Some(codes::JOB_NOT_AWAITING_FILE));
    let e: ApiError = round_trip("error_400_validation.json");
    assert_eq!(e.message.as_array().map(Vec::len), Some(2));
    // NestJS's own body, without our code, is read too.
    let e: ApiError = serde_json::from_str(
        r#"{"statusCode":404,"message":"Cannot GET /nope","error":"Not Found"}"#,
    )
    .unwrap();
    assert_eq!((e.status_code, e.code), (404, None));
}

#[test]
fn unknown_statuses_and_fields_are_tolerated() {
    let mut v = fixture("sending_event_sent.json");
    v["status"] = "RETURNED_TO_SENDER".into();
    v["somethingNew"] = 1.into();
    let e: SendingEvent = serde_json::from_value(v).unwrap();
    assert_eq!(e.status, "RETURNED_TO_SENDER");
}
