//! Webhook subscriptions and their deliveries.
//!
//! A delivery is a `POST` of a `WebhookEvent` (`{ id, type, createdAt, data }`)
//! to the subscription's URL with `content-type: application/json` and
//! `x-easypost-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
//! (`postdesk_providers::easypost::wire::WebhookEvent`). The simulator tells a
//! change when it sees it: after an upload or a re-send it looks again at every
//! step's boundary until the events are final, and on every `GET` of jobs or
//! sending events (so a restarted simulator tells what changed meanwhile).
//! Every status passed is told, in order, each with the `lastModifiedAt` it had
//! (also when several passed between two looks); then the files ready; then
//! the job's status (PROCESSING before COMPLETED). One batch is POSTed in
//! order; batches of different looks may overlap. One try per
//! delivery, 5 seconds, no redirects followed.
//!
//! CHOICE: a subscription URL must be `http` or `https` to a loopback host
//! (`localhost`, `127.0.0.0/8`, `[::1]`): the simulator is a local program and
//! must not be made to call other hosts (400 `VALIDATION_ERROR` otherwise).

use super::progress::{event_files, event_status, event_wire, job_status, job_wire, path};
use super::{authenticate, page, parse, EasypostState, Fail, Query, Result, StoredWebhook};
use crate::server::{AppState, Shared};
use crate::state::{now, text};
use axum::body::Bytes;
use axum::extract::{Path, Query as Q, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use postdesk_providers::easypost::wire::job_status as wire_job;
use postdesk_providers::easypost::wire::{
    signed_payload, webhook_event, FileReady, Page, WebhookEvent, WebhookRequest,
    WebhookSubscription, WebhookTestRequest, WebhookTestResult, WebhookUpdate, SIGNATURE_HEADER,
};
use serde_json::{json, Value};
use std::sync::Arc;
use time::OffsetDateTime;

const EVENT_TYPES: [&str; 4] = [
    webhook_event::JOB_STATUS_CHANGED,
    webhook_event::SENDING_EVENT_STATUS_CHANGED,
    webhook_event::SENDING_EVENT_FILE_READY,
    webhook_event::PEPPOL_DOCUMENT_RECEIVED,
];

/// The header's value for `body` signed at `t` with `secret`.
pub fn signature(secret: &str, t: i64, body: &[u8]) -> String {
    format!(
        "t={t},v1={}",
        super::hmac_sha256_hex(secret.as_bytes(), &signed_payload(t, body))
    )
}

fn new_secret() -> String {
    format!("whsec_{}", crate::epost::random_text(32))
}

fn wire(w: &StoredWebhook, with_secret: bool) -> WebhookSubscription {
    WebhookSubscription {
        id: w.id.clone(),
        url: w.url.clone(),
        event_types: w.event_types.clone(),
        description: w.description.clone(),
        enabled: w.enabled,
        created_at: text(w.created_at),
        secret: with_secret.then(|| w.secret.clone()),
    }
}

/// http(s) to a loopback host only.
pub fn url_allowed(url: &str) -> bool {
    let Ok(u) = reqwest::Url::parse(url) else {
        return false;
    };
    if !matches!(u.scheme(), "http" | "https") || !u.username().is_empty() || u.password().is_some()
    {
        return false;
    }
    match u.host_str() {
        Some(h) if h.eq_ignore_ascii_case("localhost") => true,
        Some(h) => h
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

fn check(url: Option<&str>, types: Option<&[String]>) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(u) = url {
        if !url_allowed(u) {
            errors.push("url must be an http(s) URL to a loopback host (sandbox)".to_owned());
        }
    }
    if let Some(t) = types {
        if t.is_empty() {
            errors.push("eventTypes should not be empty".to_owned());
        }
        for x in t {
            if !EVENT_TYPES.contains(&x.as_str()) {
                errors.push(format!("eventTypes: unknown event type {x}"));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Fail::invalid(errors))
    }
}

pub async fn create(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<WebhookSubscription>)> {
    authenticate(&shared, &headers)?;
    let r: WebhookRequest = parse(&body)?;
    check(Some(&r.url), Some(&r.event_types))?;
    let w = StoredWebhook {
        id: super::new_id("wh"),
        url: r.url,
        event_types: r.event_types,
        description: r.description,
        enabled: true,
        secret: new_secret(),
        created_at: now(),
    };
    let answer = wire(&w, true);
    shared.change(|s| {
        s.easypost.webhooks.push(w);
        Ok::<_, Fail>(())
    })?;
    Ok((StatusCode::CREATED, Json(answer)))
}

pub async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Q(q): Q<Query>,
) -> Result<Json<Page<WebhookSubscription>>> {
    authenticate(&shared, &headers)?;
    let all: Vec<WebhookSubscription> = shared
        .read()
        .easypost
        .webhooks
        .iter()
        .map(|w| wire(w, false))
        .collect();
    Ok(Json(page(&all, |w| &w.id, &q)?))
}

fn find<'a>(hooks: &'a mut [StoredWebhook], id: &str) -> Result<&'a mut StoredWebhook> {
    hooks
        .iter_mut()
        .find(|w| w.id == id)
        .ok_or_else(|| Fail::not_found(format!("Webhook subscription {id}")))
}

pub async fn get_one(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<WebhookSubscription>> {
    authenticate(&shared, &headers)?;
    let state = shared.read();
    let w = state
        .easypost
        .webhooks
        .iter()
        .find(|w| w.id == id)
        .ok_or_else(|| Fail::not_found(format!("Webhook subscription {id}")))?;
    Ok(Json(wire(w, false)))
}

pub async fn update(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<WebhookSubscription>> {
    authenticate(&shared, &headers)?;
    let u: WebhookUpdate = parse(&body)?;
    check(u.url.as_deref(), u.event_types.as_deref())?;
    shared.change(|s| {
        let w = find(&mut s.easypost.webhooks, &id)?;
        if let Some(url) = u.url {
            w.url = url;
        }
        if let Some(t) = u.event_types {
            w.event_types = t;
        }
        if let Some(d) = u.description {
            w.description = Some(d);
        }
        if let Some(e) = u.enabled {
            w.enabled = e;
        }
        Ok(Json(wire(w, false)))
    })
}

pub async fn delete(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    authenticate(&shared, &headers)?;
    shared.change(|s| {
        find(&mut s.easypost.webhooks, &id)?;
        s.easypost.webhooks.retain(|w| w.id != id);
        Ok(StatusCode::NO_CONTENT)
    })
}

/// A new secret, answered this once (the subscription with `secret`).
pub async fn reset_secret(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<WebhookSubscription>> {
    authenticate(&shared, &headers)?;
    shared.change(|s| {
        let w = find(&mut s.easypost.webhooks, &id)?;
        w.secret = new_secret();
        Ok(Json(wire(w, true)))
    })
}

/// Sends a sample event of `eventType` (or the only subscribed type) now and
/// answers the receiver's HTTP status.
pub async fn test(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<WebhookTestResult>> {
    authenticate(&shared, &headers)?;
    let r: WebhookTestRequest = parse(&body)?;
    let w = {
        let state = shared.read();
        state
            .easypost
            .webhooks
            .iter()
            .find(|w| w.id == id)
            .cloned()
            .ok_or_else(|| Fail::not_found(format!("Webhook subscription {id}")))?
    };
    let kind = match (r.event_type, w.event_types.as_slice()) {
        (Some(t), types) if types.contains(&t) => t,
        (Some(t), _) => {
            return Err(Fail::invalid(vec![format!(
                "eventType {t} is not one of the subscription's"
            )]))
        }
        (None, [only]) => only.clone(),
        (None, _) => {
            return Err(Fail::invalid(vec![
                "eventType must be given: the subscription has more than one".into(),
            ]))
        }
    };
    let body = event_body(&kind, sample(&kind), true);
    let result = match post(&w.url, &w.secret, body).await {
        Ok(code) => WebhookTestResult {
            status_code: Some(code),
            error: None,
        },
        Err(e) => WebhookTestResult {
            status_code: None,
            error: Some(e),
        },
    };
    Ok(Json(result))
}

fn sample(kind: &str) -> Value {
    let now = text(now());
    match kind {
        webhook_event::JOB_STATUS_CHANGED => {
            json!({ "id": "job_TEST", "workflowId": "wf_TEST", "status": "COMPLETED", "startDate": now, "sendingEventCount": 1 })
        }
        webhook_event::SENDING_EVENT_FILE_READY => {
            json!({ "sendingEventId": "se_TEST", "jobId": "job_TEST", "fileReference": "EPOD", "createdAt": now })
        }
        webhook_event::PEPPOL_DOCUMENT_RECEIVED => {
            json!({ "id": "pd_TEST", "senderId": "0208:0403170701", "senderName": "Proximus NV", "documentType": "INVOICE", "createdAt": now, "lastModifiedAt": now })
        }
        _ => {
            json!({ "id": "se_TEST", "jobId": "job_TEST", "workflowId": "wf_TEST", "status": "SENT", "channel": "POSTAL_MAIL", "recipient": { "name": "Test" }, "startDate": now, "lastModifiedAt": now, "isResend": false, "files": [] })
        }
    }
}

fn event_body(kind: &str, data: Value, test: bool) -> Vec<u8> {
    let e = WebhookEvent {
        id: super::new_id("evt"),
        kind: kind.to_owned(),
        created_at: text(now()),
        test,
        data,
    };
    serde_json::to_vec(&e).unwrap_or_default()
}

/// One signed POST; the receiver's status, or why it could not be reached.
async fn post(url: &str, secret: &str, body: Vec<u8>) -> std::result::Result<u16, String> {
    if !url_allowed(url) {
        return Err("not a loopback URL".into());
    }
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .map_err(|e| e.to_string())?;
    let sig = signature(secret, now().unix_timestamp(), &body);
    client
        .post(url)
        .header("content-type", "application/json")
        .header(SIGNATURE_HEADER, sig)
        .body(body)
        .send()
        .await
        .map(|r| r.status().as_u16())
        .map_err(|e| postdesk_providers::http::without_path(e).to_string())
}

/// Tell every enabled subscription of the event types, in this order, in
/// the background.
fn send_all(shared: &Shared, events: Vec<(&'static str, Value)>) {
    if events.is_empty() {
        return;
    }
    let hooks: Vec<StoredWebhook> = shared
        .read()
        .easypost
        .webhooks
        .iter()
        .filter(|w| w.enabled)
        .cloned()
        .collect();
    let mut calls = Vec::new();
    for (kind, data) in events {
        for w in hooks
            .iter()
            .filter(|w| w.event_types.iter().any(|t| t == kind))
        {
            calls.push((
                w.url.clone(),
                w.secret.clone(),
                event_body(kind, data.clone(), false),
            ));
        }
    }
    if calls.is_empty() {
        return;
    }
    tokio::spawn(async move {
        for (url, secret, body) in calls {
            if let Err(e) = post(&url, &secret, body).await {
                tracing::info!("sim: easypost webhook not delivered: {e}");
            }
        }
    });
}

/// One event of `kind` now (e.g. a Peppol document arrived).
pub fn deliver(shared: &Shared, kind: &'static str, data: Value) {
    send_all(shared, vec![(kind, data)]);
}

/// Tell what changed since last told: events' statuses, their files, jobs' statuses.
pub fn notify_changes(shared: &Shared, now: OffsetDateTime) {
    let step = shared.config.step;
    // Most calls find nothing new: then nothing is written.
    if !pending(&shared.read().easypost, step, now) {
        return;
    }
    let out = shared.change(|s| {
        let ep = &mut s.easypost;
        let mut out: Vec<(&'static str, Value)> = Vec::new();
        for e in ep.events.iter_mut() {
            let status = event_status(e, step, now).0;
            if e.notified.as_deref() != Some(status) {
                // Every status passed since last told, each as it was then.
                let p = path(e);
                let to = p.iter().position(|s| *s == status).unwrap_or(0);
                let from = e
                    .notified
                    .as_deref()
                    .and_then(|n| p.iter().position(|s| *s == n))
                    .map_or(0, |i| i + 1)
                    .min(to);
                let now_wire = event_wire(e, step, now);
                for (k, s) in p.iter().enumerate().take(to + 1).skip(from) {
                    let mut w = now_wire.clone();
                    w.status = (*s).to_owned();
                    if k < to {
                        w.last_modified_at = text(e.started_at + step * k as u32);
                        w.files.clear();
                        w.error = None;
                    }
                    out.push((
                        webhook_event::SENDING_EVENT_STATUS_CHANGED,
                        serde_json::to_value(w).unwrap_or_default(),
                    ));
                }
                e.notified = Some(status.to_owned());
            }
            for f in event_files(e, step, now) {
                if !e.notified_files.contains(&f.reference) {
                    e.notified_files.push(f.reference.clone());
                    let ready = FileReady {
                        sending_event_id: e.id.clone(),
                        job_id: e.job_id.clone(),
                        file_reference: f.reference,
                        created_at: f.created_at,
                    };
                    out.push((
                        webhook_event::SENDING_EVENT_FILE_READY,
                        serde_json::to_value(ready).unwrap_or_default(),
                    ));
                }
            }
        }
        let changed: Vec<usize> = (0..ep.jobs.len())
            .filter(|&i| {
                ep.jobs[i].notified.as_deref() != Some(job_status(ep, &ep.jobs[i], step, now))
            })
            .collect();
        for i in changed {
            let status = job_status(ep, &ep.jobs[i], step, now);
            let data =
                serde_json::to_value(job_wire(shared, ep, &ep.jobs[i], now)).unwrap_or_default();
            // Completed at once (step zero, or told late): PROCESSING first.
            if status == wire_job::COMPLETED
                && ep.jobs[i].notified.as_deref() == Some(wire_job::AWAITING_FOR_FILE)
            {
                let mut processing = data.clone();
                processing["status"] = json!(wire_job::PROCESSING);
                out.push((webhook_event::JOB_STATUS_CHANGED, processing));
            }
            ep.jobs[i].notified = Some(status.to_owned());
            out.push((webhook_event::JOB_STATUS_CHANGED, data));
        }
        Ok::<_, ()>(out)
    });
    send_all(shared, out.unwrap_or_default());
}

/// Anything not told yet?
fn pending(ep: &EasypostState, step: std::time::Duration, now: OffsetDateTime) -> bool {
    ep.events.iter().any(|e| {
        e.notified.as_deref() != Some(event_status(e, step, now).0)
            || event_files(e, step, now)
                .iter()
                .any(|f| !e.notified_files.contains(&f.reference))
    }) || ep
        .jobs
        .iter()
        .any(|j| j.notified.as_deref() != Some(job_status(ep, j, step, now)))
}

/// After an upload or a re-send: tell now, then at each step's boundary until
/// everything started `from` on is final.
pub fn follow(shared: &Arc<Shared>, from: OffsetDateTime) {
    notify_changes(shared, now());
    let step = shared.config.step;
    if step.is_zero() {
        return;
    }
    let weak = Arc::downgrade(shared);
    tokio::spawn(async move {
        for k in 1..=4u32 {
            let at = from + step * k + time::Duration::milliseconds(20);
            let wait = (at - now()).max(time::Duration::ZERO);
            tokio::time::sleep(std::time::Duration::from_secs_f64(wait.as_seconds_f64())).await;
            let Some(shared) = weak.upgrade() else { return };
            notify_changes(&shared, now());
        }
    });
}
