//! States over time, one `step` each from the event's start:
//! postal and registered mail CREATED → PROCESSING → PRINTED → SENT; eBox
//! CREATED → PROCESSING → DELIVERED; a failing event CREATED → PROCESSING →
//! FAILED. Final events list their files: SUBMISSION_REPORT and EPOD after
//! SENT/DELIVERED, SUBMISSION_REPORT alone after FAILED. A job is
//! AWAITING_FOR_FILE until its file comes, PROCESSING until every one of its
//! events is final, then COMPLETED. Also the wire objects of stored ones.

use super::{api_base, presign, EasypostState, StoredEvent, StoredJob};
use crate::server::Shared;
use crate::state::text;
use postdesk_providers::easypost::wire::{
    channel, event_status as es, file_reference, job_status, EventFile, Job, SendingEvent,
};
use std::time::Duration;
use time::OffsetDateTime;

/// The pre-signed upload URL stays valid this long (never past `expiresAt`).
pub const UPLOAD_URL_SECS: i64 = 15 * 60;

/// The statuses an event goes through, in order.
pub fn path(e: &StoredEvent) -> &'static [&'static str] {
    if e.fail.is_some() {
        &[es::CREATED, es::PROCESSING, es::FAILED]
    } else if e.channel == channel::EBOX || e.channel == channel::EMAIL {
        &[es::CREATED, es::PROCESSING, es::DELIVERED]
    } else {
        &[es::CREATED, es::PROCESSING, es::PRINTED, es::SENT]
    }
}

/// An event's status now, and since when (all at once when `step` is zero).
pub fn event_status(
    e: &StoredEvent,
    step: Duration,
    now: OffsetDateTime,
) -> (&'static str, OffsetDateTime) {
    let p = path(e);
    let last = p.len() - 1;
    let n = if step.is_zero() {
        last
    } else {
        let elapsed = (now - e.started_at).max(time::Duration::ZERO);
        ((elapsed.as_seconds_f64() / step.as_secs_f64()).floor() as usize).min(last)
    };
    (p[n], e.started_at + step * n as u32)
}

/// The files ready now, in the order they came.
pub fn event_files(e: &StoredEvent, step: Duration, now: OffsetDateTime) -> Vec<EventFile> {
    let (status, since) = event_status(e, step, now);
    if !es::is_final(status) {
        return Vec::new();
    }
    let at = text(since);
    let mut refs = vec![file_reference::SUBMISSION_REPORT];
    if status != es::FAILED {
        refs.push(file_reference::EPOD);
    }
    refs.into_iter()
        .map(|r| EventFile {
            reference: r.to_owned(),
            created_at: at.clone(),
        })
        .collect()
}

pub fn job_status(
    ep: &EasypostState,
    j: &StoredJob,
    step: Duration,
    now: OffsetDateTime,
) -> &'static str {
    if j.file.is_none() {
        return job_status::AWAITING_FOR_FILE;
    }
    let all_final = ep
        .events
        .iter()
        .filter(|e| e.job_id == j.id)
        .all(|e| es::is_final(event_status(e, step, now).0));
    if all_final {
        job_status::COMPLETED
    } else {
        job_status::PROCESSING
    }
}

pub fn event_wire(e: &StoredEvent, step: Duration, now: OffsetDateTime) -> SendingEvent {
    let (status, since) = event_status(e, step, now);
    SendingEvent {
        id: e.id.clone(),
        job_id: e.job_id.clone(),
        workflow_id: e.workflow_id.clone(),
        status: status.to_owned(),
        channel: Some(e.channel.clone()),
        recipient: e.recipient.clone(),
        start_date: text(e.started_at),
        last_modified_at: text(since),
        is_resend: e.is_resend,
        original_sending_event_id: e.original_sending_event_id.clone(),
        files: event_files(e, step, now),
        error: (status == es::FAILED).then(|| e.fail.clone()).flatten(),
    }
}

/// The pre-signed upload URL of job `id`, valid until `until`.
pub fn upload_url(shared: &Shared, ep: &EasypostState, id: &str, until: OffsetDateTime) -> String {
    format!(
        "{}/_upload/{}?{}",
        api_base(shared),
        id,
        presign(&ep.url_key, &format!("upload:{id}"), until)
    )
}

/// The job as answered; while it awaits its file, with a fresh upload URL.
pub fn job_wire(shared: &Shared, ep: &EasypostState, j: &StoredJob, now: OffsetDateTime) -> Job {
    let step = shared.config.step;
    let status = job_status(ep, j, step, now);
    let awaiting = j.file.is_none();
    let upload = awaiting.then(|| {
        let until = (now + time::Duration::seconds(UPLOAD_URL_SECS)).min(j.expires_at());
        upload_url(shared, ep, &j.id, until)
    });
    Job {
        id: j.id.clone(),
        workflow_id: j.workflow_id.clone(),
        status: status.to_owned(),
        file_name: Some(j.file_name.clone()),
        external_reference: j.external_reference.clone(),
        start_date: text(j.created_at),
        file_upload_url: upload,
        expires_at: awaiting.then(|| text(j.expires_at())),
        sending_event_count: ep.events.iter().filter(|e| e.job_id == j.id).count() as u32,
    }
}
