//! `POST …/envelopes/{envelope_id}/content`, `GET …/content/{content_id}`.

use super::progress::{content_wire, envelope_state};
use super::reply::{self, parse, Fail};
use super::{authenticate, new_id, StoredContent};
use crate::server::AppState;
use crate::state::now;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use postdesk_providers::ekopost::codes;
use postdesk_providers::ekopost::wire::{Content, ContentRequest, ContentType, State as WireState};
use sha2::{Digest, Sha256};

/// "More than 50 documents over 8Mb sent current day" (143).
const BIG_DOCUMENT: u64 = 8 * 1024 * 1024;
const BIG_DOCUMENTS_PER_DAY: usize = 50;

pub async fn create(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((campaign_id, envelope_id)): Path<(String, String)>,
    body: Bytes,
) -> reply::Result<Json<Content>> {
    authenticate(&shared, &headers)?;
    let req: ContentRequest = parse(&body)?;
    let data = check_content(&req)?;
    let pages = match req.content_type {
        ContentType::Document | ContentType::Attachment => {
            Some(pdf_pages(&data).ok_or_else(|| {
                Fail::bad(codes::NO_PAGES, "the PDF cannot be opened or has no pages")
            })?)
        }
        _ => None,
    };
    let sha256 = hex::encode(Sha256::digest(&data));
    let step = shared.config.step;
    shared.change(|state| {
        let now = now();
        let today = now.date();
        let big_today = state
            .ekopost
            .campaigns
            .iter()
            .flat_map(|c| &c.envelopes)
            .flat_map(|e| &e.contents)
            .filter(|c| c.length > BIG_DOCUMENT && c.created_at.date() == today)
            .count();
        let c = state.ekopost.campaign_mut(&campaign_id)?;
        let current = envelope_state(c, c.envelope(&envelope_id)?, step, now).0;
        if current != WireState::Opened {
            return Err(Fail::bad(
                codes::INVALID_DATA,
                format!("the envelope is {current}: content can no longer be added"),
            ));
        }
        let e = c.envelope_mut(&envelope_id)?;
        let has = |t: &ContentType| e.contents.iter().any(|c| &c.content_type == t);
        match req.content_type {
            ContentType::Document if has(&ContentType::Document) => {
                return Err(Fail::bad(
                    codes::ONE_DOCUMENT,
                    format!("envelope {envelope_id} has its document"),
                ));
            }
            ContentType::Markup if has(&ContentType::Markup) => {
                return Err(Fail::bad(
                    codes::ONE_MARKUP,
                    format!("envelope {envelope_id} has its markup"),
                ));
            }
            _ => {}
        }
        if data.len() as u64 > BIG_DOCUMENT && big_today >= BIG_DOCUMENTS_PER_DAY {
            return Err(Fail::bad(
                codes::BIG_DOCUMENTS_PER_DAY,
                "try again tomorrow",
            ));
        }
        let content = StoredContent {
            id: new_id(),
            mime: req.mime.clone(),
            length: data.len() as u64,
            content_type: req.content_type.clone(),
            created_at: now,
            return_address: req.return_address,
            sha256,
            pages,
        };
        let answer = content_wire(&content);
        e.contents.push(content);
        Ok(Json(answer))
    })
}

/// Type, mime, data and length of a content, before any state is looked at.
fn check_content(req: &ContentRequest) -> reply::Result<Vec<u8>> {
    let mime = req.mime.trim().to_ascii_lowercase();
    match &req.content_type {
        ContentType::Document if mime != "application/pdf" => {
            return Err(Fail::bad(
                codes::DOCUMENT_MIME,
                format!("mime `{}`", req.mime),
            ))
        }
        ContentType::Attachment if mime != "application/pdf" => {
            return Err(Fail::bad(
                codes::ATTACHMENT_MIME,
                format!("mime `{}`", req.mime),
            ))
        }
        ContentType::Markup if mime != "application/xml" => {
            return Err(Fail::bad(
                codes::MARKUP_MIME,
                format!("mime `{}`", req.mime),
            ))
        }
        ContentType::Other(t) => {
            return Err(Fail::bad(
                codes::INVALID_DATA,
                format!("unknown content type `{t}`"),
            ))
        }
        _ => {}
    }
    if req.data.trim().is_empty() {
        return Err(Fail::bad(codes::EMPTY_DATA, "data is empty"));
    }
    let data = req
        .decode()
        .map_err(|e| Fail::bad(codes::INVALID_DATA, format!("data is not base64: {e}")))?;
    if data.len() as u64 != req.length {
        let code = if req.content_type == ContentType::Attachment {
            codes::ATTACHMENT_SIZE
        } else {
            codes::DOCUMENT_SIZE
        };
        return Err(Fail::bad(
            code,
            format!("length is {} but data has {} bytes", req.length, data.len()),
        ));
    }
    Ok(data)
}

/// Pages of a PDF that opens; None when it does not or has none.
fn pdf_pages(data: &[u8]) -> Option<u32> {
    if !data.starts_with(b"%PDF-") {
        return None;
    }
    let n = match lopdf::Document::load_mem(data) {
        Ok(doc) => doc.get_pages().len() as u32,
        // A PDF lopdf cannot parse may still be fine for a printer.
        Err(_) => crate::epost::validate::count_pages(data)?,
    };
    (n > 0).then_some(n)
}

pub async fn get_one(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((campaign_id, envelope_id, content_id)): Path<(String, String, String)>,
) -> reply::Result<Json<Content>> {
    authenticate(&shared, &headers)?;
    let state = shared.read();
    let e = state
        .ekopost
        .campaign(&campaign_id)?
        .envelope(&envelope_id)?;
    e.contents
        .iter()
        .find(|c| c.id == content_id)
        .map(|c| Json(content_wire(c)))
        .ok_or_else(|| {
            Fail::not_found(
                "137",
                format!("no content {content_id} on envelope {envelope_id}"),
            )
        })
}
