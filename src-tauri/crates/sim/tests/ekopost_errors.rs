//! The simulator answers each documented failure with the reference's code —
//! checked through the real client, so the client's classification is too.

mod ekopost_common;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ekopost_common::*;
use postdesk_providers::ekopost::wire::*;
use postdesk_providers::ekopost::Client;
use postdesk_providers::{ErrorKind, ProviderError};

fn code(r: Result<impl std::fmt::Debug, ProviderError>) -> (u16, String) {
    let e = r.expect_err("should be refused");
    assert_eq!(e.kind, ErrorKind::Rejected, "{e}");
    assert!(!e.description.is_empty());
    (e.http_status.unwrap(), e.code.unwrap_or_default())
}

fn postal(name: &str) -> Address {
    Address::Postal(PostalAddress {
        name: vec![name.into()],
        street: vec!["Storgatan 1".into()],
        postal_code: "111 22".into(),
        city: "Stockholm".into(),
        country: "SE".into(),
        use_coverpage: false,
    })
}

fn envelope(unique: &str) -> EnvelopeRequest {
    EnvelopeRequest {
        name: unique.into(),
        address: Some(postal("Anna")),
        unique_id: Some(unique.into()),
        ..Default::default()
    }
}

async fn opened(c: &Client) -> (String, String) {
    let campaign = c
        .create_campaign(&CampaignRequest {
            name: "errors".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let e = c
        .create_envelope(&campaign.id, &envelope(&campaign.id))
        .await
        .unwrap();
    (campaign.id, e.id)
}

#[tokio::test]
async fn campaign_and_envelope_errors() {
    let sim = start(10_000).await;
    let c = client(&sim);
    let unknown = "00000000-0000-0000-0000-000000000000";
    assert_eq!(code(c.campaign(unknown).await), (404, "106".into()));
    let bad_date = CampaignRequest {
        output_date: Some("next tuesday".into()),
        ..Default::default()
    };
    assert_eq!(
        code(c.create_campaign(&bad_date).await),
        (400, "127".into())
    );

    let (cid, eid) = opened(&c).await;
    assert_eq!(code(c.envelope(&cid, unknown).await), (404, "111".into()));
    assert_eq!(
        code(c.close_envelope(&cid, &eid).await),
        (400, "100A".into())
    );
    assert_eq!(code(c.close_campaign(&cid).await), (400, "102".into()));
    let empty = c.create_campaign(&Default::default()).await.unwrap();
    assert_eq!(code(c.close_campaign(&empty.id).await), (400, "101".into()));

    let with = |f: &dyn Fn(&mut EnvelopeRequest)| {
        let mut r = envelope(&format!("u-{}", rand_suffix()));
        f(&mut r);
        r
    };
    let cases: Vec<(EnvelopeRequest, &str)> = vec![
        (with(&|r| r.address = Some(postal(""))), "119"),
        (
            with(&|r| {
                if let Some(Address::Postal(p)) = &mut r.address {
                    p.country = "XX".into()
                }
            }),
            "112",
        ),
        (with(&|r| r.postage = Some("express".into())), "127"),
        (with(&|r| r.plex = Some("triplex".into())), "127"),
        (with(&|r| r.postage = Some(Postage::Protected)), "140"),
        (
            with(&|r| {
                r.address = Some(Address::Protected(ProtectedAddress {
                    recipient: "197001011234".into(),
                    use_coverpage: true,
                }))
            }),
            "140",
        ),
        (
            with(&|r| {
                r.address = Some(Address::Email(EmailAddress {
                    subject: "Hej".into(),
                    recipient: String::new(),
                }))
            }),
            "120",
        ),
        (
            with(&|r| {
                r.address = Some(Address::Email(EmailAddress {
                    subject: "Hej".into(),
                    recipient: "anna at example".into(),
                }))
            }),
            "123",
        ),
        (
            with(&|r| {
                r.address = Some(Address::Einbox(EinboxAddress {
                    recipient: "197001011234".into(),
                    ..Default::default()
                }))
            }),
            "136",
        ),
        (
            with(&|r| {
                r.postage = Some(Postage::Rek);
                r.address = Some(postal("Anna-Karin Andersson-Björkqvist Lundström"));
            }),
            "135",
        ),
        (
            with(&|r| {
                r.postage = Some(Postage::Rek);
                if let Some(Address::Postal(p)) = &mut r.address {
                    p.postal_code = "1234".into()
                }
            }),
            "135",
        ),
        (
            with(&|r| {
                r.postage = Some(Postage::Rek);
                r.address = None;
            }),
            "135",
        ),
        (envelope(&cid), "126"),
    ];
    for (req, want) in cases {
        assert_eq!(
            code(c.create_envelope(&cid, &req).await),
            (400, want.into()),
            "{req:?}"
        );
    }
    // A rek address within the rules, and the minimal envelope, are taken.
    c.create_envelope(&cid, &with(&|r| r.postage = Some(Postage::Rek)))
        .await
        .unwrap();
    c.create_envelope(
        &cid,
        &EnvelopeRequest {
            name: "minimal".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // A closed campaign takes no more envelopes (121).
    let pdf = pdf();
    let full = c.create_campaign(&Default::default()).await.unwrap();
    let e = c
        .create_envelope(&full.id, &envelope("closed-campaign"))
        .await
        .unwrap();
    c.create_content(&full.id, &e.id, &ContentRequest::pdf_document(&pdf))
        .await
        .unwrap();
    c.close_envelope(&full.id, &e.id).await.unwrap();
    c.close_campaign(&full.id).await.unwrap();
    assert_eq!(
        code(c.create_envelope(&full.id, &envelope("too-late")).await),
        (400, "121".into())
    );
    assert_eq!(
        code(
            c.create_content(&full.id, &e.id, &ContentRequest::pdf_document(&pdf))
                .await
        ),
        (400, "127".into())
    );
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[tokio::test]
async fn content_errors() {
    let sim = start(10_000).await;
    let c = client(&sim);
    let (cid, eid) = opened(&c).await;
    let pdf = pdf();
    let doc = ContentRequest::pdf_document(&pdf);
    let with = |f: &dyn Fn(&mut ContentRequest)| {
        let mut r = doc.clone();
        f(&mut r);
        r
    };
    let not_pdf = b"hello, not a PDF";
    let cases: Vec<(ContentRequest, &str)> = vec![
        (with(&|r| r.mime = "image/png".into()), "104"),
        (with(&|r| r.length += 1), "117"),
        (with(&|r| r.data = String::new()), "129"),
        (with(&|r| r.data = "***".into()), "127"),
        (with(&|r| r.content_type = "poster".into()), "127"),
        (
            with(&|r| {
                r.data = STANDARD.encode(not_pdf);
                r.length = not_pdf.len() as u64;
            }),
            "107",
        ),
        (
            with(&|r| {
                r.content_type = ContentType::Attachment;
                r.mime = "text/plain".into();
            }),
            "108",
        ),
        (
            with(&|r| {
                r.content_type = ContentType::Attachment;
                r.length -= 1;
            }),
            "118",
        ),
        (
            with(&|r| {
                r.content_type = ContentType::Markup;
                r.mime = "application/pdf".into();
            }),
            "109",
        ),
    ];
    for (req, want) in cases {
        assert_eq!(
            code(c.create_content(&cid, &eid, &req).await),
            (400, want.into()),
            "{req:?}"
        );
    }
    let content = c.create_content(&cid, &eid, &doc).await.unwrap();
    assert_eq!(c.content(&cid, &eid, &content.id).await.unwrap(), content);
    assert_eq!(
        code(c.content(&cid, &eid, "nope").await),
        (404, "137".into())
    );
    assert_eq!(
        code(c.create_content(&cid, &eid, &doc).await),
        (400, "103".into())
    );
    let attachment = with(&|r| r.content_type = ContentType::Attachment);
    c.create_content(&cid, &eid, &attachment).await.unwrap();
    let xml = b"<invoice/>";
    let markup = ContentRequest {
        data: STANDARD.encode(xml),
        mime: "application/xml".into(),
        length: xml.len() as u64,
        content_type: ContentType::Markup,
        return_address: None,
        address: None,
    };
    c.create_content(&cid, &eid, &markup).await.unwrap();
    assert_eq!(
        code(c.create_content(&cid, &eid, &markup).await),
        (400, "110".into())
    );
}

#[tokio::test]
async fn listing_errors_and_filters() {
    let sim = start(10_000).await;
    let c = client(&sim);
    let (cid, _) = opened(&c).await;
    let q = |start: &str, stop: &str| CampaignQuery {
        start: Some(start.into()),
        stop: Some(stop.into()),
        ..Default::default()
    };
    assert_eq!(
        code(c.campaigns(&q("2024-05-07", "2024-05-06")).await),
        (400, "116".into())
    );
    assert_eq!(
        code(c.campaigns(&q("May 6th", "2024-05-06")).await),
        (400, "115".into())
    );
    assert_eq!(
        c.campaigns(&q("2020-01-01", "2020-01-02"))
            .await
            .unwrap()
            .len(),
        0
    );
    let today = c.campaigns(&Default::default()).await.unwrap();
    assert_eq!(today.len(), 1);
    let by_state = CampaignQuery {
        state: Some(State::Closed),
        ..Default::default()
    };
    assert!(c.campaigns(&by_state).await.unwrap().is_empty());
    let by_name = EnvelopeQuery {
        name: Some(cid.clone()),
        ..Default::default()
    };
    assert_eq!(c.envelopes(&cid, &by_name).await.unwrap().len(), 1);
    let by_state = EnvelopeQuery {
        state: Some(State::Failed),
        ..Default::default()
    };
    assert!(c.envelopes(&cid, &by_state).await.unwrap().is_empty());
}
