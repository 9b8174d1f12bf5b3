//! Sending events: get, list, resend, and their files' pre-signed downloads.

use super::progress::{event_files, event_status, event_wire};
use super::{
    api_base, authenticate, check_presigned, page, presign, Fail, Query, Result, StoredEvent,
};
use crate::server::AppState;
use crate::state::{now, text};
use axum::extract::{Path, Query as Q, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use postdesk_providers::easypost::wire::{
    codes, event_status as es, file_reference, DownloadUrl, Page, SendingEvent,
};

/// A sending-event file's download URL stays valid this long (as Peppol's).
pub const FILE_URL_SECS: i64 = 10 * 60;

pub async fn get_one(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<SendingEvent>> {
    authenticate(&shared, &headers)?;
    // Polling tells the webhooks too (e.g. after a restart).
    super::webhook::notify_changes(&shared, now());
    let state = shared.read();
    let e = find(&state.easypost.events, &id)?;
    Ok(Json(event_wire(e, shared.config.step, now())))
}

/// Sorted by ascending startDate; filters `jobId`, `status`.
pub async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Q(q): Q<Query>,
) -> Result<Json<Page<SendingEvent>>> {
    authenticate(&shared, &headers)?;
    super::webhook::notify_changes(&shared, now());
    let (step, now) = (shared.config.step, now());
    let state = shared.read();
    let mut events: Vec<SendingEvent> = state
        .easypost
        .events
        .iter()
        .filter(|e| q.get("jobId").is_none_or(|j| &e.job_id == j))
        .map(|e| event_wire(e, step, now))
        .filter(|e| q.get("status").is_none_or(|s| &e.status == s))
        .collect();
    events.sort_by(|a, b| a.start_date.cmp(&b.start_date));
    Ok(Json(page(&events, |e| &e.id, &q)?))
}

/// A new event from a final one, not from a re-send (201). CHOICE: the
/// re-send runs clean (a `sim-fail` file fails the first time only).
pub async fn resend(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<SendingEvent>)> {
    authenticate(&shared, &headers)?;
    let (step, now) = (shared.config.step, now());
    let answer = shared.change(|state| {
        let events = &mut state.easypost.events;
        let original = find(events, &id)?;
        if original.is_resend {
            return Err(Fail::conflict(
                codes::RESEND_OF_RESEND,
                "A sending event that is itself a re-send cannot be re-sent",
            ));
        }
        if !es::is_final(event_status(original, step, now).0) {
            return Err(Fail::conflict(
                codes::SENDING_EVENT_NOT_FINAL,
                "Only a sending event in a final state can be re-sent",
            ));
        }
        let new = StoredEvent {
            id: super::new_id("se"),
            started_at: now,
            is_resend: true,
            original_sending_event_id: Some(original.id.clone()),
            fail: None,
            notified: None,
            notified_files: Vec::new(),
            ..original.clone()
        };
        let answer = event_wire(&new, step, now);
        events.push(new);
        Ok((StatusCode::CREATED, Json(answer)))
    })?;
    super::webhook::follow(&shared, now);
    Ok(answer)
}

/// `GET /sending-events/{id}/files/{reference}/download-url`.
pub async fn download_url(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((id, reference)): Path<(String, String)>,
) -> Result<Json<DownloadUrl>> {
    authenticate(&shared, &headers)?;
    if reference != file_reference::EPOD && reference != file_reference::SUBMISSION_REPORT {
        return Err(Fail::not_found(format!("File {reference}")));
    }
    let (step, now) = (shared.config.step, now());
    let state = shared.read();
    let e = find(&state.easypost.events, &id)?;
    if !event_files(e, step, now)
        .iter()
        .any(|f| f.reference == reference)
    {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            codes::FILE_NOT_READY,
            format!("{reference} of {id} is not ready yet"),
        ));
    }
    let until = now + time::Duration::seconds(FILE_URL_SECS);
    let url = format!(
        "{}/_files/{id}/{reference}?{}",
        api_base(&shared),
        presign(
            &state.easypost.url_key,
            &format!("file:{id}:{reference}"),
            until
        )
    );
    Ok(Json(DownloadUrl {
        url,
        expires_at: text(until),
    }))
}

/// `GET` on a file's pre-signed URL: a small real PDF.
pub async fn download(
    State(shared): State<AppState>,
    Path((id, reference)): Path<(String, String)>,
    Q(q): Q<Query>,
) -> Result<Response> {
    check_presigned(&shared, &format!("file:{id}:{reference}"), &q)?;
    let (step, now) = (shared.config.step, now());
    let lines = {
        let state = shared.read();
        let e = find(&state.easypost.events, &id)?;
        let (status, since) = event_status(e, step, now);
        let title = if reference == file_reference::EPOD {
            "Electronic proof of delivery"
        } else {
            "Submission report"
        };
        vec![
            format!("EasyPost Connect (sandbox) - {title}"),
            format!("Sending event {id}, job {}", e.job_id),
            format!(
                "Channel {}, status {status} since {}",
                e.channel,
                text(since)
            ),
            format!("Recipient {}", e.recipient.name),
        ]
    };
    let pdf = small_pdf(&lines);
    Ok(([(header::CONTENT_TYPE, "application/pdf")], pdf).into_response())
}

fn find<'a>(events: &'a [StoredEvent], id: &str) -> Result<&'a StoredEvent> {
    events
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Fail::not_found(format!("SendingEvent {id}")))
}

/// A one-page A4 PDF with `lines` of Helvetica text (made by hand: offsets
/// counted, so any reader opens it).
pub fn small_pdf(lines: &[String]) -> Vec<u8> {
    let esc = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii() && !c.is_ascii_control())
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect::<String>()
    };
    let mut content = String::from("BT /F1 12 Tf 56 780 Td 16 TL\n");
    for l in lines {
        content.push_str(&format!("({}) Tj T*\n", esc(l)));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_small_pdf_opens() {
        let pdf = super::small_pdf(&["Hello (world)".into()]);
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
    }
}
