//! Jobs: `POST /jobs/single-file`, `GET /jobs/{id}`, `GET /jobs`, the PUT on
//! the pre-signed upload URL, and the aging hook.

use super::progress::{job_status, job_wire};
use super::{
    authenticate, check_presigned, page, parse, Fail, Query, Result, StoredEvent, StoredFile,
    StoredJob,
};
use crate::server::AppState;
use crate::state::now;
use axum::body::Bytes;
use axum::extract::{Path, Query as Q, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use postdesk_providers::easypost::wire::{
    channel, codes, job_status as js, workflow_type, EventError, EventRecipient, Job, Page,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// In a job's `fileName`: its sending event fails (`sim-fail-CODE`: with CODE).
pub const FILE_FAIL_MARK: &str = "sim-fail";
/// In a job's `fileName`: the recipient has no eBox (the eBox workflow posts).
pub const NO_EBOX_MARK: &str = "no-ebox";

pub async fn create(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Job>)> {
    authenticate(&shared, &headers)?;
    let v: Value = parse(&body)?;
    let mut errors = Vec::new();
    let text = |k: &str, errors: &mut Vec<String>, required: bool| -> Option<String> {
        match v.get(k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            None | Some(Value::Null) if !required => None,
            Some(Value::String(_)) => {
                errors.push(format!("{k} should not be empty"));
                None
            }
            _ => {
                errors.push(format!("{k} must be a string"));
                None
            }
        }
    };
    let workflow_id = text("workflowId", &mut errors, true);
    let file_name = text("fileName", &mut errors, true);
    let external_reference = text("externalReference", &mut errors, false);
    let (Some(workflow_id), Some(file_name), true) = (workflow_id, file_name, errors.is_empty())
    else {
        return Err(Fail::invalid(errors));
    };
    let now = now();
    shared.change(|state| {
        let ep = &mut state.easypost;
        let wf = ep
            .workflows
            .iter()
            .find(|w| w.id == workflow_id)
            .ok_or_else(|| Fail::not_found(format!("Workflow {workflow_id}")))?;
        if wf.kind != workflow_type::SINGLE_FILE || wf.status != "ACTIVE" {
            return Err(Fail::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::WORKFLOW_NOT_USABLE,
                format!(
                    "Workflow {workflow_id} is {} {} and takes no single-file job",
                    wf.status, wf.kind
                ),
            ));
        }
        let job = StoredJob {
            id: super::new_id("job"),
            workflow_id: workflow_id.clone(),
            file_name: file_name.clone(),
            external_reference: external_reference.clone(),
            created_at: now,
            file: None,
            notified: Some(js::AWAITING_FOR_FILE.to_owned()),
        };
        let mut answer = job_wire(&shared, ep, &job, now);
        if ep.stale_upload_urls > 0 {
            // As if the client had waited past the URL's end before its PUT.
            ep.stale_upload_urls -= 1;
            let past = now - time::Duration::seconds(1);
            answer.file_upload_url = Some(super::progress::upload_url(&shared, ep, &job.id, past));
        }
        ep.jobs.push(job);
        Ok((StatusCode::CREATED, Json(answer)))
    })
}

pub async fn get_one(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Job>> {
    authenticate(&shared, &headers)?;
    // Polling tells the webhooks too (e.g. after a restart).
    super::webhook::notify_changes(&shared, now());
    let now = now();
    let state = shared.read();
    let ep = &state.easypost;
    let j = ep
        .jobs
        .iter()
        .find(|j| j.id == id && !j.expired(now))
        .ok_or_else(|| Fail::not_found(format!("Job {id}")))?;
    Ok(Json(job_wire(&shared, ep, j, now)))
}

/// Sorted by ascending startDate; filters `externalReference`, `status`, `workflowId`.
pub async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Q(q): Q<Query>,
) -> Result<Json<Page<Job>>> {
    authenticate(&shared, &headers)?;
    super::webhook::notify_changes(&shared, now());
    let now = now();
    let state = shared.read();
    let ep = &state.easypost;
    let step = shared.config.step;
    let mut jobs: Vec<&StoredJob> = ep
        .jobs
        .iter()
        .filter(|j| !j.expired(now))
        .filter(|j| {
            q.get("externalReference")
                .is_none_or(|r| j.external_reference.as_deref() == Some(r.as_str()))
        })
        .filter(|j| q.get("workflowId").is_none_or(|w| &j.workflow_id == w))
        .filter(|j| {
            q.get("status")
                .is_none_or(|s| job_status(ep, j, step, now) == s)
        })
        .collect();
    jobs.sort_by_key(|j| j.created_at);
    let wire: Vec<Job> = jobs
        .into_iter()
        .map(|j| job_wire(&shared, ep, j, now))
        .collect();
    Ok(Json(page(&wire, |j| &j.id, &q)?))
}

/// `PUT {fileUploadUrl}` with the PDF: the job gets its file and one sending
/// event (the recipient "read from the document").
pub async fn upload(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Q(q): Q<Query>,
    body: Bytes,
) -> Result<Json<Value>> {
    check_presigned(&shared, &format!("upload:{id}"), &q)?;
    let now = now();
    let pdf = body;
    let answer = shared.change(|state| {
        let ep = &mut state.easypost;
        let j = ep
            .jobs
            .iter()
            .find(|j| j.id == id && !j.expired(now))
            .ok_or_else(|| Fail::not_found(format!("Job {id}")))?;
        if j.file.is_some() {
            return Err(Fail::conflict(
                codes::JOB_NOT_AWAITING_FILE,
                "The job no longer awaits a file",
            ));
        }
        if !pdf.starts_with(b"%PDF-") {
            return Err(Fail::invalid(vec![
                "the file is not a PDF (it does not start with %PDF-)".into(),
            ]));
        }
        let pages = pdf_pages(&pdf);
        let sha256 = hex::encode(Sha256::digest(&pdf));
        let workflow = ep.workflows.iter().find(|w| w.id == j.workflow_id).cloned();
        let channels = workflow.map(|w| w.channels).unwrap_or_default();
        let ebox_first = channels.first().map(String::as_str) == Some(channel::EBOX);
        let carried = if ebox_first && j.file_name.contains(NO_EBOX_MARK) {
            channels
                .get(1)
                .cloned()
                .unwrap_or_else(|| channel::POSTAL_MAIL.to_owned())
        } else {
            channels
                .first()
                .cloned()
                .unwrap_or_else(|| channel::POSTAL_MAIL.to_owned())
        };
        let event = StoredEvent {
            id: super::new_id("se"),
            job_id: j.id.clone(),
            workflow_id: j.workflow_id.clone(),
            channel: carried,
            recipient: read_recipient(&pdf).unwrap_or_else(|| recipient(&sha256)),
            started_at: now,
            pages: pages.unwrap_or(1),
            is_resend: false,
            original_sending_event_id: None,
            fail: fail_of(&j.file_name),
            notified: None,
            notified_files: Vec::new(),
        };
        let event_id = event.id.clone();
        ep.events.push(event);
        let bytes = pdf.len();
        let j = ep
            .jobs
            .iter_mut()
            .find(|j| j.id == id)
            .expect("found above");
        j.file = Some(StoredFile {
            uploaded_at: now,
            sha256: sha256.clone(),
            bytes,
            pages,
        });
        Ok(json!({ "jobId": id, "sendingEventId": event_id, "sha256": sha256, "bytes": bytes }))
    })?;
    super::webhook::follow(&shared, now);
    Ok(Json(answer))
}

/// `POST /_sim/easypost/age-job/{id}?secs=N`: the job, its file and its
/// events N seconds older. Answers `{ id, status }`, `status` null when the job
/// has expired (it is deleted).
pub async fn age(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Q(q): Q<Query>,
) -> Result<Json<Value>> {
    let secs: i64 = q
        .get("secs")
        .and_then(|s| s.parse().ok())
        .filter(|s| *s >= 0)
        .ok_or_else(|| Fail::invalid(vec!["secs must be a whole number of seconds".into()]))?;
    let d = time::Duration::seconds(secs);
    let now = now();
    let step = shared.config.step;
    let out = shared.change(|state| {
        let ep = &mut state.easypost;
        let j = ep
            .jobs
            .iter_mut()
            .find(|j| j.id == id)
            .ok_or_else(|| Fail::not_found(format!("Job {id}")))?;
        j.created_at -= d;
        if let Some(f) = j.file.as_mut() {
            f.uploaded_at -= d;
        }
        for e in ep.events.iter_mut().filter(|e| e.job_id == id) {
            e.started_at -= d;
        }
        let ep = &state.easypost;
        let status = ep
            .jobs
            .iter()
            .find(|j| j.id == id && !j.expired(now))
            .map(|j| job_status(ep, j, step, now));
        Ok(json!({ "id": id, "status": status }))
    })?;
    super::webhook::notify_changes(&shared, now);
    Ok(Json(out))
}

/// `POST /_sim/easypost/stale-upload-urls?count=N`: the next N jobs created are
/// answered with an upload URL that has already expired (a PUT to it gets 403
/// `UPLOAD_URL_EXPIRED`; `GET /jobs/{id}` then hands out a fresh one). Answers
/// `{ count }`. The seed names the 2-hour file limit but no URL lifetime; this
/// hook lets a test reach the client's "expired URL, ask again" path.
pub async fn stale_upload_urls(State(shared): State<AppState>, Q(q): Q<Query>) -> Result<Json<Value>> {
    let count: u32 = q
        .get("count")
        .and_then(|s| s.parse().ok())
        .filter(|n| *n <= 1000)
        .ok_or_else(|| Fail::invalid(vec!["count must be a whole number from 0 to 1000".into()]))?;
    shared.change(|state| {
        state.easypost.stale_upload_urls = count;
        Ok(Json(json!({ "count": count })))
    })
}

/// Pages of a PDF lopdf can open, else by counting page objects.
fn pdf_pages(data: &[u8]) -> Option<u32> {
    let n = match lopdf::Document::load_mem(data) {
        Ok(doc) => doc.get_pages().len() as u32,
        Err(_) => crate::epost::validate::count_pages(data)?,
    };
    (n > 0).then_some(n)
}

/// The error of a file named `…sim-fail…` (`…sim-fail-CODE…`).
fn fail_of(file_name: &str) -> Option<EventError> {
    let rest = &file_name[file_name.find(FILE_FAIL_MARK)? + FILE_FAIL_MARK.len()..];
    let code: String = rest
        .strip_prefix('-')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<String>()
        .to_ascii_uppercase();
    Some(if code.is_empty() || code == "PDF" {
        EventError {
            code: "ADDRESS_NOT_FOUND".into(),
            message:
                "No complete postal address was found in the address window of page 1 (simulated)"
                    .into(),
        }
    } else {
        EventError {
            message: format!("The sending failed with {code} (simulated)"),
            code,
        }
    })
}

/// The recipient read from page 1's text as EasyPost's single-file workflow
/// reads the address: the first line that starts with a Belgian postal code
/// (four digits, optionally `B-`/`BE-`) and a town, the line above it as the
/// street and the one above that as the name. CHOICE: the text in reading
/// order, not the window's position (the sandbox has no layout engine).
fn read_recipient(pdf: &[u8]) -> Option<EventRecipient> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let text = doc.extract_text(&[1]).ok()?;
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(200).collect();
    let at = lines.iter().position(|l| {
        let l = l.trim_start_matches("BE-").trim_start_matches("B-");
        let (code, rest) = l.split_at(l.find(' ').unwrap_or(l.len()));
        code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) && !rest.trim().is_empty()
    })?;
    if at < 2 {
        return None;
    }
    let town = lines[at].trim_start_matches("BE-").trim_start_matches("B-");
    let (code, city) = town.split_at(4);
    let cut = |s: &str| s.chars().take(100).collect::<String>();
    Some(EventRecipient {
        name: cut(lines[at - 2]),
        street: Some(cut(lines[at - 1])),
        postal_code: Some(code.into()),
        city: Some(cut(city.trim())),
        country: Some("BE".into()),
    })
}

/// The recipient when page 1 has no readable Belgian address: one of a few
/// plausible Belgian addresses, the same for the same file.
fn recipient(sha256: &str) -> EventRecipient {
    const ADDRESSES: [(&str, &str, &str, &str); 3] = [
        (
            "Brasserie De Koninck NV",
            "Boomsesteenweg 1",
            "2610",
            "Antwerpen",
        ),
        ("Marie Dupont", "Rue de la Loi 16", "1000", "Bruxelles"),
        ("Jan Peeters", "Veldstraat 42", "9000", "Gent"),
    ];
    let i = sha256.bytes().next().map_or(0, |b| b as usize) % ADDRESSES.len();
    let (name, street, postal_code, city) = ADDRESSES[i];
    EventRecipient {
        name: name.into(),
        street: Some(street.into()),
        postal_code: Some(postal_code.into()),
        city: Some(city.into()),
        country: Some("BE".into()),
    }
}
