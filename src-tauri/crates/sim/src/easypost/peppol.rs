//! Incoming Peppol documents: a seeded set (14 over the last 60 days, four
//! senders, invoices and credit notes), the list with the seed's sorting and
//! filters (`from`/`until`: RFC 3339 or a date, both included; a bare `until`
//! date takes its whole day), one document, its pre-signed UBL download (10 minutes), and
//! `POST /_sim/easypost/peppol` to make a new one arrive (body optional:
//! `{ senderId?, senderName?, documentType?, documentNumber? }`; answers the
//! document and tells the `peppol.document.received` webhooks).

use super::{api_base, authenticate, check_presigned, page, parse, presign, Fail, Query, Result};
use crate::server::AppState;
use crate::state::{now, text};
use axum::body::Bytes;
use axum::extract::{Path, Query as Q, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use postdesk_providers::easypost::wire::{
    webhook_event, DownloadUrl, Page, PeppolDocument, PEPPOL_DOWNLOAD_URL_SECS,
};
use serde::Deserialize;
use time::OffsetDateTime;

const SENDERS: [(&str, &str); 4] = [
    ("0208:0403170701", "Proximus NV"),
    ("0208:0202239951", "Engie Electrabel NV"),
    ("0208:0476425085", "Bureau Janssens BV"),
    ("0208:0831623742", "Drukkerij Vermeulen BV"),
];

/// A seeded document's id: the same for the same seeding time and index.
fn seed_id(seeded_at: OffsetDateTime, i: u32) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(format!("{}:{i}", seeded_at.unix_timestamp()));
    format!("pd_{}", hex::encode(&h[..13]).to_ascii_uppercase())
}

/// The seeded documents, made relative to `now`, their seeding time (newest
/// an hour older).
pub fn seed(now: OffsetDateTime) -> Vec<PeppolDocument> {
    (0..14u32)
        .map(|i| {
            let (sender_id, sender_name) = SENDERS[(i % 4) as usize];
            let created = now - time::Duration::hours(i64::from(1 + i * 100 + (i % 3) * 7));
            // Every third one was modified later (a corrected status), some after newer ones came.
            let modified = if i % 3 == 0 {
                created + time::Duration::hours(i64::from(30 + i * 20))
            } else {
                created
            };
            let modified = modified.min(now);
            let credit = i % 5 == 4;
            PeppolDocument {
                id: seed_id(now, i),
                sender_id: sender_id.into(),
                sender_name: sender_name.into(),
                document_type: if credit { "CREDIT_NOTE" } else { "INVOICE" }.into(),
                document_number: Some(format!(
                    "{}-2026-{:06}",
                    if credit { "CN" } else { "INV" },
                    4711 - i
                )),
                created_at: text(created),
                last_modified_at: text(modified),
            }
        })
        .collect()
}

pub async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Q(q): Q<Query>,
) -> Result<Json<Page<PeppolDocument>>> {
    authenticate(&shared, &headers)?;
    let field = q
        .get("sortField")
        .map(String::as_str)
        .unwrap_or("createdAt");
    let desc = match q.get("sortOrder").map(String::as_str).unwrap_or("desc") {
        "desc" => true,
        "asc" => false,
        other => {
            return Err(Fail::invalid(vec![format!(
                "sortOrder must be one of desc, asc (not {other})"
            )]))
        }
    };
    let key: fn(&PeppolDocument) -> &str = match field {
        "createdAt" => |d| &d.created_at,
        "lastModifiedAt" => |d| &d.last_modified_at,
        other => {
            return Err(Fail::invalid(vec![format!(
                "sortField must be one of createdAt, lastModifiedAt (not {other})"
            )]))
        }
    };
    let bound = |name: &str| -> Result<Option<OffsetDateTime>> {
        match q.get(name).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => crate::ekopost::progress::parse_date_time(v)
                .map(Some)
                .ok_or_else(|| {
                    Fail::invalid(vec![format!(
                        "{name} must be an ISO 8601 date or date-time"
                    )])
                }),
        }
    };
    let (from, mut until) = (bound("from")?, bound("until")?);
    // A bare date as `until` takes that whole day.
    if q.get("until").is_some_and(|v| v.trim().len() == 10) {
        until = until.map(|u| u + time::Duration::days(1) - time::Duration::SECOND);
    }
    let when = |d: &PeppolDocument| crate::ekopost::progress::parse_date_time(key(d));
    let mut docs: Vec<PeppolDocument> = shared
        .read()
        .easypost
        .peppol
        .iter()
        .filter(|d| from.is_none_or(|f| when(d).is_some_and(|t| t >= f)))
        .filter(|d| until.is_none_or(|u| when(d).is_some_and(|t| t <= u)))
        .cloned()
        .collect();
    docs.sort_by(|a, b| {
        let o = key(a).cmp(key(b)).then_with(|| a.id.cmp(&b.id));
        if desc {
            o.reverse()
        } else {
            o
        }
    });
    Ok(Json(page(&docs, |d| &d.id, &q)?))
}

pub async fn get_one(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((sender, id)): Path<(String, String)>,
) -> Result<Json<PeppolDocument>> {
    authenticate(&shared, &headers)?;
    Ok(Json(find(&shared.read().easypost.peppol, &sender, &id)?))
}

pub async fn download_url(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Path((sender, id)): Path<(String, String)>,
) -> Result<Json<DownloadUrl>> {
    authenticate(&shared, &headers)?;
    let state = shared.read();
    find(&state.easypost.peppol, &sender, &id)?;
    let until = now() + time::Duration::seconds(PEPPOL_DOWNLOAD_URL_SECS);
    let url = format!(
        "{}/_peppol/{}/{id}?{}",
        api_base(&shared),
        sender.replace(':', "%3A"),
        presign(
            &state.easypost.url_key,
            &format!("peppol:{sender}:{id}"),
            until
        )
    );
    Ok(Json(DownloadUrl {
        url,
        expires_at: text(until),
    }))
}

/// `GET` on the pre-signed URL: the document as UBL 2.1 XML.
pub async fn download(
    State(shared): State<AppState>,
    Path((sender, id)): Path<(String, String)>,
    Q(q): Q<Query>,
) -> Result<Response> {
    check_presigned(&shared, &format!("peppol:{sender}:{id}"), &q)?;
    let d = find(&shared.read().easypost.peppol, &sender, &id)?;
    Ok(([(header::CONTENT_TYPE, "application/xml")], ubl(&d)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Arrival {
    sender_id: Option<String>,
    sender_name: Option<String>,
    document_type: Option<String>,
    document_number: Option<String>,
}

/// `POST /_sim/easypost/peppol`: a new document arrives now.
pub async fn arrive(
    State(shared): State<AppState>,
    body: Bytes,
) -> Result<(StatusCode, Json<PeppolDocument>)> {
    let a: Arrival = parse(&body)?;
    let now = now();
    let doc = shared.change(|state| {
        let n = state.easypost.peppol.len();
        let (sid, sname) = SENDERS[n % SENDERS.len()];
        let doc = PeppolDocument {
            id: super::new_id("pd"),
            sender_id: a.sender_id.unwrap_or_else(|| sid.into()),
            sender_name: a.sender_name.unwrap_or_else(|| sname.into()),
            document_type: a.document_type.unwrap_or_else(|| "INVOICE".into()),
            document_number: a
                .document_number
                .or_else(|| Some(format!("INV-2026-{:06}", 5000 + n))),
            created_at: text(now),
            last_modified_at: text(now),
        };
        state.easypost.peppol.push(doc.clone());
        state.easypost.peppol_arrived.push(doc.clone());
        Ok::<_, Fail>(doc)
    })?;
    let data = serde_json::to_value(&doc).unwrap_or_default();
    super::webhook::deliver(&shared, webhook_event::PEPPOL_DOCUMENT_RECEIVED, data);
    Ok((StatusCode::CREATED, Json(doc)))
}

fn find(docs: &[PeppolDocument], sender: &str, id: &str) -> Result<PeppolDocument> {
    docs.iter()
        .find(|d| d.id == id && d.sender_id == sender)
        .cloned()
        .ok_or_else(|| Fail::not_found(format!("Peppol document {id} of sender {sender}")))
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small UBL 2.1 Invoice or CreditNote for `d` (amounts made up, stable per number).
fn ubl(d: &PeppolDocument) -> String {
    let credit = d.document_type == "CREDIT_NOTE";
    let root = if credit { "CreditNote" } else { "Invoice" };
    let number = d.document_number.clone().unwrap_or_else(|| d.id.clone());
    let cents: u64 = 1000
        + number
            .bytes()
            .fold(0u64, |h, b| (h * 31 + u64::from(b)) % 90_000);
    let net = format!("{}.{:02}", cents / 100, cents % 100);
    let tax_c = cents * 21 / 100;
    let tax = format!("{}.{:02}", tax_c / 100, tax_c % 100);
    let total = format!("{}.{:02}", (cents + tax_c) / 100, (cents + tax_c) % 100);
    let (scheme, endpoint) = d
        .sender_id
        .split_once(':')
        .unwrap_or(("0208", d.sender_id.as_str()));
    let date = d.created_at.get(..10).unwrap_or("2026-01-01");
    let type_code = if credit {
        "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"
    } else {
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{id}</cbc:ID>
  <cbc:IssueDate>{date}</cbc:IssueDate>
  {type_code}
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="{scheme}">{endpoint}</cbc:EndpointID>
    <cac:PartyLegalEntity><cbc:RegistrationName>{name}</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="0208">0999999999</cbc:EndpointID>
    <cac:PartyLegalEntity><cbc:RegistrationName>Sandbox BV</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">{tax}</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:TaxExclusiveAmount currencyID="EUR">{net}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{total}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{total}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</{root}>
"#,
        id = xml(&number),
        name = xml(&d.sender_name),
        scheme = xml(scheme),
        endpoint = xml(endpoint),
    )
}
