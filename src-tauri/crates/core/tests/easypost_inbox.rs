//! The Peppol inbox and the usage of an EasyPost Connect company of the sandbox,
//! on real parts (SQLite file, keychain under scripts/desktop-session.sh, the
//! simulator over HTTP): sorted both ways and by either date, filtered by days,
//! paged with `after`; a document downloaded into the data folder; the unseen
//! count follows a document that arrives and the clerk's "seen"; usage of the
//! current month with a letter sent in it; refusals for bad dates and months,
//! and for a company of another provider.
use std::sync::Arc;

use postdesk_core::easypost_inbox::{PeppolListQuery, PeppolSortField, PeppolSortOrder};
use postdesk_core::{AppError, NoEvents, Postdesk, PostdeskOptions};

fn q(field: PeppolSortField, order: PeppolSortOrder) -> PeppolListQuery {
    PeppolListQuery {
        sort_field: field,
        sort_order: order,
        ..Default::default()
    }
}

fn ymd(t: &str) -> &str {
    &t[..10]
}

#[test]
fn the_peppol_inbox_lists_downloads_and_counts_new_documents() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-easypost-inbox-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(dir.path(), &svc), Arc::new(NoEvents))
            .await
            .unwrap();

        // The first company (the sandbox's E-POST one) has no Peppol inbox.
        let e = AppError::from(
            app.peppol_documents(PeppolListQuery::default())
                .await
                .unwrap_err(),
        );
        assert_eq!(e.code, "provider_mismatch", "{e:?}");
        assert_eq!(
            AppError::from(app.peppol_unseen().await.unwrap_err()).code,
            "provider_mismatch"
        );

        app.create_easypost_company("Peeters BV", true)
            .await
            .unwrap();

        // Newest first by default; oldest first asked; the same documents.
        let desc = app
            .peppol_documents(PeppolListQuery::default())
            .await
            .unwrap();
        assert!(
            desc.items.len() >= 10,
            "the simulator's seeded documents: {:?}",
            desc.items
        );
        assert_eq!(desc.next_after, None, "one page holds them all");
        let created: Vec<&str> = desc.items.iter().map(|d| d.created_at.as_str()).collect();
        assert!(
            created.windows(2).all(|w| w[0] >= w[1]),
            "newest first: {created:?}"
        );
        let asc = app
            .peppol_documents(q(PeppolSortField::CreatedAt, PeppolSortOrder::Asc))
            .await
            .unwrap();
        let mut ids: Vec<&str> = asc.items.iter().map(|d| d.id.as_str()).collect();
        ids.reverse();
        assert_eq!(
            ids,
            desc.items.iter().map(|d| d.id.as_str()).collect::<Vec<_>>()
        );
        let modified = app
            .peppol_documents(q(PeppolSortField::LastModifiedAt, PeppolSortOrder::Desc))
            .await
            .unwrap();
        let m: Vec<&str> = modified
            .items
            .iter()
            .map(|d| d.last_modified_at.as_str())
            .collect();
        assert!(m.windows(2).all(|w| w[0] >= w[1]), "by last change: {m:?}");
        assert_ne!(
            modified.items.iter().map(|d| &d.id).collect::<Vec<_>>(),
            desc.items.iter().map(|d| &d.id).collect::<Vec<_>>(),
            "some documents changed after newer ones came"
        );

        // Days: one document's day, both ends included whole (UTC here).
        let pick = &desc.items[desc.items.len() / 2];
        let day = ymd(&pick.created_at).to_string();
        let one_day = PeppolListQuery {
            from: Some(day.clone()),
            until: Some(day.clone()),
            ..Default::default()
        };
        let got = app.peppol_documents(one_day).await.unwrap();
        assert!(
            got.items.iter().any(|d| d.id == pick.id),
            "{day}: {:?}",
            got.items
        );
        assert!(
            got.items.iter().all(|d| ymd(&d.created_at) == day),
            "only that day: {:?}",
            got.items
        );
        let want = desc
            .items
            .iter()
            .filter(|d| ymd(&d.created_at) == day)
            .count();
        assert_eq!(got.items.len(), want);
        // From the day on: that day and the newer ones.
        let since = app
            .peppol_documents(PeppolListQuery {
                from: Some(day.clone()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            since.items.len(),
            desc.items
                .iter()
                .filter(|d| ymd(&d.created_at) >= day.as_str())
                .count()
        );

        // Paging: after a document, the ones after it in the same order.
        let after = app
            .peppol_documents(PeppolListQuery {
                after: Some(desc.items[4].id.clone()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            after.items.iter().map(|d| &d.id).collect::<Vec<_>>(),
            desc.items[5..].iter().map(|d| &d.id).collect::<Vec<_>>()
        );

        // Download: the UBL document as a file in the data folder.
        let path = app
            .open_peppol_document(&pick.sender_id, &pick.id)
            .await
            .unwrap();
        assert!(path.starts_with(dir.path().join("peppol")), "{path:?}");
        assert_eq!(path.extension().unwrap(), "xml");
        assert!(
            !path.file_name().unwrap().to_string_lossy().contains(':'),
            "{path:?}"
        );
        let xml = std::fs::read_to_string(&path).unwrap();
        assert!(xml.starts_with("<?xml"), "{xml}");
        assert!(
            xml.contains(pick.document_number.as_deref().unwrap()),
            "the document's number: {xml}"
        );
        assert!(xml.contains(&pick.sender_name), "{xml}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        assert!(!path.with_extension("part").exists());
        // Again: replaced, not a second file.
        app.open_peppol_document(&pick.sender_id, &pick.id)
            .await
            .unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path().join("peppol"))
                .unwrap()
                .count(),
            1
        );
        let e = AppError::from(
            app.open_peppol_document(&pick.sender_id, "pd_not_there")
                .await
                .unwrap_err(),
        );
        assert_eq!(e.code, "peppol_document_gone", "{e:?}");
        let e = AppError::from(app.open_peppol_document("", &pick.id).await.unwrap_err());
        assert_eq!(e.code, "invalid", "{e:?}");

        // Unseen: everything before the inbox was first opened, then only what arrives.
        assert_eq!(
            app.peppol_unseen().await.unwrap() as usize,
            desc.items.len()
        );
        app.peppol_mark_seen().unwrap();
        assert_eq!(app.peppol_unseen().await.unwrap(), 0);
        // The simulator's times are whole seconds: arrive in a later second than the mark.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let doc = postdesk_sim::inspect::easypost_peppol_arrive(
            app.sandbox_url(),
            serde_json::json!({ "documentNumber": "INV-2026-777777" }),
        )
        .await
        .unwrap();
        assert_eq!(app.peppol_unseen().await.unwrap(), 1, "{doc}");
        let newest = app
            .peppol_documents(PeppolListQuery::default())
            .await
            .unwrap();
        assert_eq!(newest.items[0].id, doc["id"].as_str().unwrap());
        app.peppol_mark_seen().unwrap();
        assert_eq!(app.peppol_unseen().await.unwrap(), 0);

        // Usage: the current month's, answered for its first and last day; a
        // letter sent now is in it.
        let now = time::OffsetDateTime::now_utc();
        let month = format!("{:04}-{:02}", now.year(), u8::from(now.month()));
        let before: u32 = app
            .easypost_usage(&month)
            .await
            .unwrap()
            .items
            .iter()
            .map(|i| i.sendings)
            .sum();
        app.easypost_pick_first_workflow().await.unwrap();
        let mut spec = postdesk_pdf::sample::LetterSpec::to(&[
            "Jan Peeters",
            "Kerkstraat 12",
            "2000 Antwerpen",
        ]);
        spec.address_at_mm = (105.0, 44.0);
        let pdf = dir.path().join("Factuur 2026-32.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::letter(&spec)).unwrap();
        let d = app.add_files(vec![pdf]).await.unwrap().remove(0);
        app.send(&[d.id]).unwrap();
        app.start_workers();
        let start = std::time::Instant::now();
        loop {
            let l = app.store().letter(d.id).unwrap();
            if l.state == postdesk_core::LetterState::Sent {
                break;
            }
            assert!(!l.state.is_final(), "{l:?}");
            assert!(
                start.elapsed() < std::time::Duration::from_secs(90),
                "{l:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let usage = app.easypost_usage(&month).await.unwrap();
        let after: u32 = usage.items.iter().map(|i| i.sendings).sum();
        assert_eq!(after, before + 1, "{usage:?}");
        assert!(
            usage
                .items
                .iter()
                .all(|i| i.amount_cents > 0 || i.sendings == 0),
            "{usage:?}"
        );
        assert_eq!(usage.from, format!("{month}-01"));
        assert_eq!(&usage.until[..7], month);
        assert_eq!(
            usage.until,
            format!("{month}-{:02}", now.month().length(now.year()))
        );
        assert_eq!(
            AppError::from(app.easypost_usage("2026-13").await.unwrap_err()).code,
            "easypost_usage_month"
        );

        // Bad days: refused before any call.
        let bad = |from: &str, until: &str| PeppolListQuery {
            from: Some(from.into()),
            until: Some(until.into()),
            ..Default::default()
        };
        let e = AppError::from(
            app.peppol_documents(bad("2026-02-30", "2026-03-01"))
                .await
                .unwrap_err(),
        );
        assert_eq!(e.code, "peppol_date_invalid", "{e:?}");
        let e = AppError::from(
            app.peppol_documents(bad("2026-03-02", "2026-03-01"))
                .await
                .unwrap_err(),
        );
        assert_eq!(e.code, "peppol_date_range", "{e:?}");
        let e = AppError::from(
            app.peppol_documents(bad("1900-01-01", "2026-03-01"))
                .await
                .unwrap_err(),
        );
        assert_eq!(e.code, "peppol_date_invalid", "{e:?}");
    });
}
