//! From the neutral letter to EasyPost Connect's wire and back: the job
//! request, whether a waiting job can still take its file, statuses, and what
//! EasyPost offers (`describe`).
//!
//! EasyPost's model: a letter is a **job** on a **workflow** configured in the
//! customer's account (channels, print options, registered or not); the job's
//! file becomes one **sending event** per recipient. Postdesk sends one PDF =
//! one recipient per job, so the job id is our letter's provider id.

use super::wire::{event_status, file_reference, job_status, EventError, Job, SendingEvent, SingleFileJobRequest};
use crate::error::ProviderMessage;
use crate::provider::{
    Channel, Delivery, DeliveryFile, DeliveryFileKind, DeliveryState, DeliveryStatus, FieldLimit, OutgoingLetter, ProviderDescription,
};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A job waiting for its file is used only with at least this much time left
/// before the provider deletes it (the seed: "AWAITING_FOR_FILE status for
/// maximum 2 hours"). CHOICE: 10 minutes, far more than the longest upload
/// (`crate::http::upload_timeout`: the largest letter on a slow line ≈ 3 min),
/// so an upload we start always lands before the job could be deleted. A job
/// with less left is left to expire: it never got a file, so nothing is sent
/// twice when we make a new one.
pub const MIN_JOB_TIME_LEFT_SECS: i64 = 10 * 60;

/// The job's `fileName`. CHOICE: the letter's wire name (the clerk's name
/// made safe plus the start of the idempotency key, unique per letter: what
/// E-POST gets too), not the clerk's raw file name; `<key>.pdf` when core
/// gave none.
pub fn file_name(letter: &OutgoingLetter) -> String {
    if letter.wire_name.trim().is_empty() {
        format!("{}.pdf", letter.idempotency_key)
    } else {
        letter.wire_name.clone()
    }
}

/// `POST /jobs/single-file` for `letter` on `workflow_id`: our idempotency key
/// is the `externalReference` that finds the job again after a lost answer.
pub fn job_request(letter: &OutgoingLetter, workflow_id: &str) -> SingleFileJobRequest {
    SingleFileJobRequest {
        workflow_id: workflow_id.to_owned(),
        file_name: file_name(letter),
        external_reference: Some(letter.idempotency_key.clone()),
    }
}

fn parse_time(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339).ok()
}

/// When a job waiting for its file is deleted: its `expiresAt`, else its
/// `startDate` plus the seed's 2 hours. None when neither can be read.
pub fn expires_at(job: &Job) -> Option<OffsetDateTime> {
    job.expires_at.as_deref().and_then(parse_time).or_else(|| {
        parse_time(&job.start_date)
            .map(|s| s + time::Duration::seconds(super::wire::AWAITING_FOR_FILE_LIMIT_SECS))
    })
}

/// The job is past `AWAITING_FOR_FILE`: its file arrived (or it failed on it).
pub fn has_file(job: &Job) -> bool {
    job.status != job_status::AWAITING_FOR_FILE
}

/// A waiting job that can still take the file: an upload URL and at least
/// `MIN_JOB_TIME_LEFT_SECS` before it expires at `now` (an unreadable expiry
/// counts as too close).
pub fn can_take_file(job: &Job, now: OffsetDateTime) -> bool {
    !has_file(job)
        && job
            .file_upload_url
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty())
        && expires_at(job).is_some_and(|at| (at - now).whole_seconds() >= MIN_JOB_TIME_LEFT_SECS)
}

/// How far a sending event's status has got, for "the least advanced one
/// decides" (unknown statuses read as just started: in progress).
fn rank(status: &str) -> u8 {
    match status {
        event_status::CREATED => 0,
        event_status::PROCESSING => 1,
        event_status::PRINTED => 2,
        _ => 0,
    }
}

/// A non-final sending event status in the job list's terms.
/// CHOICE: `CREATED` is taken, not yet worked on → `Accepted`; `PROCESSING`
/// is being prepared for print (checked, composed) → `Released`; `PRINTED` →
/// `Printing`; anything unknown → `Accepted` (in progress).
fn open_state(status: &str) -> DeliveryState {
    match status {
        event_status::PROCESSING => DeliveryState::Released,
        event_status::PRINTED => DeliveryState::Printing,
        _ => DeliveryState::Accepted,
    }
}

fn message(error: &EventError) -> ProviderMessage {
    ProviderMessage {
        level: Some("error".into()),
        code: Some(error.code.clone()).filter(|c| !c.is_empty()),
        description: Some(error.message.clone()).filter(|m| !m.is_empty()),
    }
}

/// Where the letter of `job` is, from the job and its sending events.
///
/// - A sending event that was re-sent (another event names it as its
///   `originalSendingEventId`) no longer counts: its re-send does.
/// - Job `FAILED` → `Failed` (the events' errors, if any).
/// - No events: `AWAITING_FOR_FILE` → `Submitted` (no file yet), `PROCESSING`
///   and any other status → `Accepted` (the file is there, being split).
/// - All events final: any `FAILED` → `Failed` (errors from `event.error`),
///   else any `CANCELLED` → `Cancelled`, else (`SENT`, `DELIVERED`) → `Sent`.
/// - Otherwise the least advanced open event decides (`open_state`).
///
/// `provider_status` is the deciding event's status (the job's when no event
/// decides).
pub fn delivery_status(job: &Job, events: &[SendingEvent]) -> DeliveryStatus {
    let superseded: Vec<&str> = events
        .iter()
        .filter_map(|e| e.original_sending_event_id.as_deref())
        .collect();
    let current: Vec<&SendingEvent> = events
        .iter()
        .filter(|e| !superseded.contains(&e.id.as_str()))
        .collect();
    let errors: Vec<ProviderMessage> = current
        .iter()
        .filter(|e| e.status == event_status::FAILED)
        .filter_map(|e| e.error.as_ref())
        .map(message)
        .collect();
    let status = |state, provider_status: &str, errors: Vec<ProviderMessage>| DeliveryStatus {
        state,
        provider_status: provider_status.to_owned(),
        registered_number: None,
        errors,
    };

    if job.status == job_status::FAILED {
        return status(DeliveryState::Failed, &job.status, errors);
    }
    if current.is_empty() {
        let state = if job.status == job_status::AWAITING_FOR_FILE {
            DeliveryState::Submitted
        } else {
            DeliveryState::Accepted
        };
        return status(state, &job.status, Vec::new());
    }
    if let Some(open) = current
        .iter()
        .filter(|e| !event_status::is_final(&e.status))
        .min_by_key(|e| rank(&e.status))
    {
        return status(open_state(&open.status), &open.status, Vec::new());
    }
    let find = |s: &str| current.iter().find(|e| e.status == s);
    if let Some(failed) = find(event_status::FAILED) {
        return status(DeliveryState::Failed, &failed.status, errors);
    }
    if let Some(cancelled) = find(event_status::CANCELLED) {
        return status(DeliveryState::Cancelled, &cancelled.status, Vec::new());
    }
    // All SENT or DELIVERED; the last to change names it.
    let last = current
        .iter()
        .max_by(|a, b| a.last_modified_at.cmp(&b.last_modified_at))
        .map(|e| e.status.as_str())
        .unwrap_or(event_status::SENT);
    status(DeliveryState::Sent, last, Vec::new())
}

/// A sending event as the job list shows it. `can_resend`: the seed's rule —
/// a final state (success or failure) and not itself a re-send.
pub fn delivery(e: &SendingEvent) -> Delivery {
    let state = if event_status::is_final(&e.status) {
        match e.status.as_str() {
            event_status::FAILED => DeliveryState::Failed,
            event_status::CANCELLED => DeliveryState::Cancelled,
            _ => DeliveryState::Sent,
        }
    } else {
        open_state(&e.status)
    };
    Delivery {
        id: e.id.clone(),
        state,
        provider_status: e.status.clone(),
        channel: e.channel.clone(),
        recipient: e.recipient.name.clone(),
        started_at: e.start_date.clone(),
        modified_at: e.last_modified_at.clone(),
        resend_of: e.original_sending_event_id.clone(),
        can_resend: event_status::is_final(&e.status) && !e.is_resend,
        files: e
            .files
            .iter()
            .map(|f| DeliveryFile {
                reference: f.reference.clone(),
                kind: match f.reference.as_str() {
                    file_reference::EPOD => DeliveryFileKind::ProofOfDelivery,
                    file_reference::SUBMISSION_REPORT => DeliveryFileKind::SubmissionReport,
                    _ => DeliveryFileKind::Other,
                },
            })
            .collect(),
        error_code: e.error.as_ref().map(|x| x.code.clone()).filter(|c| !c.is_empty()),
        error_message: e.error.as_ref().map(|x| x.message.clone()).filter(|m| !m.is_empty()),
    }
}

/// What EasyPost Connect offers through Postdesk. The seed is an endpoint list:
/// each value says where it comes from, or is marked ASSUMPTION.
pub fn describe() -> ProviderDescription {
    ProviderDescription {
        name: "EasyPost Connect".into(),
        // shared/providers/easypost.md: "EasyPost Connect (Belgium)".
        home_country: "BE".into(),
        // Single-file jobs on a postal workflow are printed and posted.
        prints_letters: true,
        // The workflow decides registered mail (a REGISTERED_MAIL workflow):
        // the job request has no such option, so none is offered per letter.
        registered: vec![],
        registered_domestic_only: false,
        registered_with_duplex: false,
        // The workflow decides; the job request has no postage class.
        postage: vec![],
        // Paper only: Postdesk's letter is the PDF; a workflow may add eBox or
        // e-mail before paper, which is the workflow's business.
        channels: vec![Channel::Postal],
        // The workflow decides the print options (colour, duplex); none per letter.
        color: false,
        duplex: false,
        // The address is read from the document; no generated address page.
        cover_letter: false,
        // The seed has no call to cancel a job or a sending event.
        can_cancel: false,
        deliveries: true,
        // No test flag on a job; the development host is the test.
        test_mode: false,
        test_result: false,
        account_id: None,
        // The job request carries no cost centre or reference of ours.
        cost_center: None,
        cost_center_alphanumeric: false,
        reference: None,
        // ASSUMPTION: 50 characters a line, 5 lines above postal code and town
        // at home, 6 abroad (room for a region line); bpost's address block,
        // not given by the seed.
        address_line: FieldLimit { min: 1, max: 50 },
        address_lines_domestic: 5,
        address_lines_abroad: 6,
        // ASSUMPTION: foreign postal codes up to 10 characters.
        postal_code: FieldLimit { min: 1, max: 10 },
        // Belgian postal codes have four digits.
        domestic_postal_code_digits: 4,
        // ASSUMPTION: as an address line.
        city: FieldLimit { min: 1, max: 50 },
        registered_line_max: None,
        // CHOICE: a status is two calls (the job and its sending events); one
        // status every 2 s per account. The seed gives no rate limit.
        min_status_interval_ms: 2000,
    }
}

#[cfg(test)]
mod tests {
    use super::super::wire::{EventRecipient, AWAITING_FOR_FILE_LIMIT_SECS};
    use super::*;

    fn job(status: &str) -> Job {
        Job {
            id: "job_1".into(),
            workflow_id: "wf_1".into(),
            status: status.into(),
            file_name: None,
            external_reference: Some("key-1".into()),
            start_date: "2026-03-02T09:00:00Z".into(),
            file_upload_url: Some("https://up.example/1".into()),
            expires_at: Some("2026-03-02T11:00:00Z".into()),
            sending_event_count: 0,
        }
    }

    fn event(id: &str, status: &str) -> SendingEvent {
        SendingEvent {
            id: id.into(),
            job_id: "job_1".into(),
            workflow_id: "wf_1".into(),
            status: status.into(),
            channel: None,
            recipient: EventRecipient::default(),
            start_date: "2026-03-02T09:01:00Z".into(),
            last_modified_at: "2026-03-02T09:01:00Z".into(),
            is_resend: false,
            original_sending_event_id: None,
            files: vec![],
            error: None,
        }
    }

    fn state(job_status: &str, events: &[SendingEvent]) -> (DeliveryState, String) {
        let s = delivery_status(&job(job_status), events);
        (s.state, s.provider_status)
    }

    #[test]
    fn job_statuses_without_events() {
        use job_status::*;
        assert_eq!(
            state(AWAITING_FOR_FILE, &[]),
            (DeliveryState::Submitted, AWAITING_FOR_FILE.into())
        );
        assert_eq!(
            state(PROCESSING, &[]),
            (DeliveryState::Accepted, PROCESSING.into())
        );
        assert_eq!(
            state("SOMETHING_NEW", &[]),
            (DeliveryState::Accepted, "SOMETHING_NEW".into())
        );
        assert_eq!(state(FAILED, &[]).0, DeliveryState::Failed);
    }

    #[test]
    fn event_statuses() {
        use event_status::*;
        let p = job_status::PROCESSING;
        assert_eq!(
            state(p, &[event("a", CREATED)]),
            (DeliveryState::Accepted, CREATED.into())
        );
        assert_eq!(
            state(p, &[event("a", PROCESSING)]).0,
            DeliveryState::Released
        );
        assert_eq!(
            state(p, &[event("a", PRINTED)]),
            (DeliveryState::Printing, PRINTED.into())
        );
        assert_eq!(
            state(p, &[event("a", SENT)]),
            (DeliveryState::Sent, SENT.into())
        );
        assert_eq!(
            state(job_status::COMPLETED, &[event("a", DELIVERED)]).0,
            DeliveryState::Sent
        );
        assert_eq!(
            state(p, &[event("a", CANCELLED)]).0,
            DeliveryState::Cancelled
        );
        assert_eq!(
            state(p, &[event("a", "ON_HOLD")]),
            (DeliveryState::Accepted, "ON_HOLD".into())
        );
        // The least advanced open one decides; final ones wait for the rest.
        assert_eq!(
            state(p, &[event("a", PRINTED), event("b", CREATED)]).0,
            DeliveryState::Accepted
        );
        assert_eq!(
            state(p, &[event("a", SENT), event("b", PRINTED)]).0,
            DeliveryState::Printing
        );
        // All final: failed before cancelled before sent.
        assert_eq!(
            state(p, &[event("a", SENT), event("b", CANCELLED)]).0,
            DeliveryState::Cancelled
        );
        let mut failed = event("b", FAILED);
        failed.error = Some(EventError {
            code: "ADDRESS_NOT_FOUND".into(),
            message: "No address".into(),
        });
        let s = delivery_status(&job(p), &[event("a", SENT), failed.clone()]);
        assert_eq!(
            (s.state, s.provider_status.as_str()),
            (DeliveryState::Failed, FAILED)
        );
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].code.as_deref(), Some("ADDRESS_NOT_FOUND"));
        assert_eq!(s.errors[0].description.as_deref(), Some("No address"));
        // A failed event re-sent: its re-send counts.
        let mut resend = event("c", PRINTED);
        resend.is_resend = true;
        resend.original_sending_event_id = Some("b".into());
        assert_eq!(
            state(p, &[failed.clone(), resend.clone()]).0,
            DeliveryState::Printing
        );
        resend.status = SENT.into();
        assert_eq!(state(p, &[failed.clone(), resend]).0, DeliveryState::Sent);
        // The job failed: failed, with the events' errors.
        let s = delivery_status(&job(job_status::FAILED), &[failed]);
        assert_eq!((s.state, s.errors.len()), (DeliveryState::Failed, 1));
    }

    #[test]
    fn waiting_jobs_are_used_only_with_time_left() {
        let at = |t: &str| OffsetDateTime::parse(t, &Rfc3339).unwrap();
        let j = job(job_status::AWAITING_FOR_FILE);
        assert!(can_take_file(&j, at("2026-03-02T10:50:00Z")));
        assert!(!can_take_file(&j, at("2026-03-02T10:50:01Z")));
        assert!(!can_take_file(&j, at("2026-03-02T12:00:00Z")));
        // No expiresAt: startDate + 2 h.
        let mut k = j.clone();
        k.expires_at = None;
        assert_eq!(
            expires_at(&k),
            Some(
                at("2026-03-02T09:00:00Z") + time::Duration::seconds(AWAITING_FOR_FILE_LIMIT_SECS)
            )
        );
        // Unreadable: too close.
        k.start_date = "yesterday".into();
        assert!(!can_take_file(&k, at("2026-03-02T09:00:00Z")));
        // No URL, or a file there already.
        let mut k = j.clone();
        k.file_upload_url = None;
        assert!(!can_take_file(&k, at("2026-03-02T09:00:00Z")));
        assert!(!can_take_file(
            &job(job_status::PROCESSING),
            at("2026-03-02T09:00:00Z")
        ));
    }

    #[test]
    fn job_request_and_description() {
        let mut l = OutgoingLetter {
            idempotency_key: "key-1".into(),
            wire_name: "invoice_key-1.pdf".into(),
            file_name: "Invoice März.pdf".into(),
            ..Default::default()
        };
        let r = job_request(&l, "wf_1");
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"workflowId": "wf_1", "fileName": "invoice_key-1.pdf", "externalReference": "key-1"})
        );
        l.wire_name.clear();
        assert_eq!(file_name(&l), "key-1.pdf");
        let d = describe();
        assert_eq!(
            (d.name.as_str(), d.home_country.as_str()),
            ("EasyPost Connect", "BE")
        );
        assert!(
            d.prints_letters && d.registered.is_empty() && !d.color && !d.duplex && !d.can_cancel
        );
        assert_eq!(d.domestic_postal_code_digits, 4);
    }
}
