//! An Ekopost company of the sandbox, on real parts (SQLite file, Secret Service
//! keychain under scripts/desktop-session.sh, pdfium, the simulator over HTTP):
//! the letter goes through the same outbox as E-POST's, in Ekopost's five calls,
//! and arrives once; Ekopost's own rules (rek) hold in core.
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{
    AppError, LetterOverride, LetterState, NoEvents, Postage, Postdesk, PostdeskOptions,
    ProviderKind, RegisteredLetter, SendOptions,
};

#[test]
fn an_ekopost_company_of_the_sandbox_sends_a_letter_once_through_five_calls() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-eko-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(dir.path(), &svc), Arc::new(NoEvents))
            .await
            .unwrap();
        let st = app
            .create_ekopost_company("Svensson AB", true)
            .await
            .unwrap();
        assert_eq!(st.account.provider, ProviderKind::Ekopost);
        assert_eq!(st.provider.name, "Ekopost");
        assert_eq!(st.provider.home_country, "SE");
        assert!(
            st.account.has_secret,
            "the sandbox's Ekopost key is in the keychain"
        );
        assert_eq!(
            app.provider_rules().unwrap().provider,
            ProviderKind::Ekopost
        );
        app.test_connection().await.unwrap();

        let pdf = common::letter_at(
            dir.path(),
            "Faktura 17.pdf",
            &["Anna Andersson", "Storgatan 1", "114 55 Stockholm"],
            common::EKOPOST_ADDRESS_AT,
        );
        let drafts = app.add_files(vec![pdf]).await.unwrap();
        let d = &drafts[0];
        assert!(
            !d.has_blocking_finding(),
            "checked against Ekopost's zones: {:?}",
            d.preflight.findings
        );

        // rek: name and street ≤ 35 characters, refused in core before queueing.
        let long = postdesk_core::Address {
            lines: vec![
                "Anna Andersson med ett mycket långt namn AB".into(),
                "Storgatan 1".into(),
            ],
            postal_code: Some("11455".into()),
            city: Some("Stockholm".into()),
            country: None,
        };
        let rek = SendOptions {
            registered: RegisteredLetter::Registered,
            postage: Postage::Priority,
            ..Default::default()
        };
        let e = AppError::from(
            app.send_with(
                &[d.id],
                &[LetterOverride {
                    id: d.id,
                    options: rek.clone(),
                    recipient: Some(long),
                    cost_center: None,
                    reference: None,
                }],
            )
            .unwrap_err(),
        );
        assert_eq!(e.code, "registered_line_length", "{e:?}");
        assert_eq!(
            app.store().letter(d.id).unwrap().state,
            LetterState::Draft,
            "nothing queued"
        );

        let options = SendOptions {
            postage: Postage::Economy,
            color: true,
            ..Default::default()
        };
        let over = LetterOverride {
            id: d.id,
            options,
            recipient: None,
            cost_center: Some("KST-7".into()),
            reference: None,
        };
        app.send_with(&[d.id], &[over]).unwrap();
        app.start_workers();
        let sent =
            common::until_state(&app, d.id, LetterState::Sent, Duration::from_secs(90)).await;
        let pid = sent.provider_id.clone().unwrap();
        assert!(pid.contains('/'), "campaign_id/envelope_id: {pid}");
        assert!(
            matches!(
                sent.provider_status.as_deref(),
                Some("posted") | Some("completed")
            ),
            "{:?}",
            sent.provider_status
        );

        let mine = common::sim_letters_of(&app, "ekopost").await;
        assert_eq!(mine.len(), 1, "one envelope at the simulator: {mine:?}");
        assert_eq!(mine[0]["providerId"].as_str(), Some(pid.as_str()));
        assert_eq!(mine[0]["sha256"].as_str(), Some(sent.sha256.as_str()));
    });
}

/// Cancel from the job list: allowed while the envelope is only handed over
/// (closed). (Refused once transferred: `sim/tests/ekopost.rs`.)
#[test]
fn an_ekopost_letter_with_the_provider_can_be_cancelled_there() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-eko-cancel-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        // A slow simulator: an envelope stays `closed` for 20 s before it is transferred.
        let sim = postdesk_sim::Sim::start(postdesk_sim::SimConfig {
            step: Duration::from_secs(20),
            min_status_interval: Duration::ZERO,
            ..Default::default()
        })
        .await
        .unwrap();
        let mut opts = PostdeskOptions::new(dir.path(), &svc);
        opts.sim_url = Some(sim.base_url());
        opts.sandbox_status_interval = Some(Duration::from_millis(50));
        let app = Postdesk::open(opts, Arc::new(NoEvents)).await.unwrap();
        app.create_ekopost_company("Svensson AB", true)
            .await
            .unwrap();
        let pdf = common::letter_at(
            dir.path(),
            "Avtal.pdf",
            &["Anna Andersson", "Storgatan 1", "114 55 Stockholm"],
            common::EKOPOST_ADDRESS_AT,
        );
        let d = app.add_files(vec![pdf]).await.unwrap().remove(0);
        // A draft is not with the provider: nothing to cancel there.
        assert_eq!(
            AppError::from(app.cancel_letter(d.id).await.unwrap_err()).code,
            "cancel_not_with_provider"
        );
        app.send(&[d.id]).unwrap();
        app.start_workers();
        let start = Instant::now();
        let with_provider = loop {
            let l = app.store().letter(d.id).unwrap();
            if l.state.is_with_provider() {
                break l;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "still {:?}",
                l.state
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let cancelled = app.cancel_letter(d.id).await.unwrap();
        assert_eq!(cancelled.state, LetterState::Cancelled);
        let at_sim = postdesk_sim::inspect::letters(&sim.base_url())
            .await
            .unwrap();
        let e = at_sim
            .iter()
            .find(|l| l["providerId"].as_str() == with_provider.provider_id.as_deref())
            .unwrap();
        assert_eq!(e["state"], "cancelled", "{e}");
        // Cancelled stays cancelled: the status refresh does not bring it back.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            app.store().letter(d.id).unwrap().state,
            LetterState::Cancelled
        );
        assert_eq!(
            AppError::from(app.cancel_letter(d.id).await.unwrap_err()).code,
            "cancel_not_with_provider"
        );
        sim.shutdown().await;
    });
}
