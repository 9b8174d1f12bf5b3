//! An EasyPost Connect company of the sandbox, on real parts (SQLite file, Secret
//! Service keychain under scripts/desktop-session.sh, pdfium, the simulator over
//! HTTP): Test connection lists the account's workflows; no letter is queued
//! before a workflow is picked; a letter becomes one single-file job, its PDF
//! uploaded once to the pre-signed URL, and its sending event reaches a final
//! state; a wrong key gets its own code.
mod common;

use std::sync::Arc;
use std::time::Duration;

use postdesk_core::{
    AppError, DeliveryFileKind, DeliveryState, EasypostSetup, LetterState, NoEvents, Postdesk,
    PostdeskOptions, ProviderKind, Secret,
};

#[test]
fn an_easypost_company_of_the_sandbox_picks_a_workflow_and_sends_a_letter_once() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-easypost-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let mut opts = PostdeskOptions::new(dir.path(), &svc);
        opts.sandbox_status_interval = Some(Duration::from_millis(50));
        let app = Postdesk::open(opts, Arc::new(NoEvents)).await.unwrap();
        let st = app
            .create_easypost_company("Peeters BV", true)
            .await
            .unwrap();
        assert_eq!(st.account.provider, ProviderKind::Easypost);
        assert_eq!(st.provider.name, "EasyPost Connect");
        assert_eq!(st.provider.home_country, "BE");
        assert!(
            st.account.has_secret,
            "the sandbox's EasyPost key is in the keychain"
        );
        assert_eq!(
            app.provider_rules().unwrap().provider,
            ProviderKind::Easypost
        );

        let pdf = common::letter_at(
            dir.path(),
            "Factuur 2026-31.pdf",
            &["Jan Peeters", "Kerkstraat 12", "2000 Antwerpen"],
            common::EASYPOST_ADDRESS_AT,
        );
        let d = app.add_files(vec![pdf]).await.unwrap().remove(0);
        assert!(
            !d.has_blocking_finding(),
            "checked against EasyPost's zones: {:?}",
            d.preflight.findings
        );

        // No workflow yet: refused before anything is queued.
        let e = AppError::from(app.send(&[d.id]).unwrap_err());
        assert_eq!(e.code, "easypost_workflow_missing", "{e:?}");
        assert_eq!(
            app.store().letter(d.id).unwrap().state,
            LetterState::Draft,
            "nothing queued"
        );

        // Test connection: the account's workflows, every page.
        let reach = app.easypost_test_connection().await.unwrap();
        assert!(reach.workflows.len() >= 3, "{:?}", reach.workflows);
        let usable: Vec<_> = reach
            .workflows
            .iter()
            .filter(|w| postdesk_core::easypost_setup::usable_for_letters(w))
            .collect();
        assert!(
            !usable.is_empty() && usable.len() < reach.workflows.len(),
            "some workflows take no PDF: {:?}",
            reach.workflows
        );
        let w = usable
            .iter()
            .find(|w| w.channels.first().map(String::as_str) == Some("POSTAL_MAIL"))
            .expect("a postal workflow");
        let mut settings = st.account.settings.easypost().unwrap().clone();
        settings.workflow_id = w.id.clone();
        settings.workflow_name = w.name.clone();
        settings.workflow_channels = w.channels.clone();
        let st = app
            .save_easypost_setup(EasypostSetup {
                easypost: settings,
                prefs: st.account.prefs.clone(),
            })
            .unwrap();
        assert_eq!(st.account.settings.easypost().unwrap().workflow_id, w.id);

        app.send(&[d.id]).unwrap();
        app.start_workers();
        let sent =
            common::until_state(&app, d.id, LetterState::Sent, Duration::from_secs(90)).await;
        let job_id = sent.provider_id.clone().expect("the job id");
        assert!(
            matches!(
                sent.provider_status.as_deref(),
                Some("SENT") | Some("DELIVERED")
            ),
            "{:?}",
            sent.provider_status
        );

        let mine = common::sim_letters_of(&app, "easypost").await;
        assert_eq!(
            mine.len(),
            1,
            "one job with its file at the simulator: {mine:?}"
        );
        assert_eq!(mine[0]["providerId"].as_str(), Some(job_id.as_str()));
        assert_eq!(mine[0]["sha256"].as_str(), Some(sent.sha256.as_str()));

        // The job list's deliveries: the sending event, its proof of delivery, a re-send.
        let deliveries = app.letter_deliveries(d.id).await.unwrap();
        assert_eq!(deliveries.len(), 1, "{deliveries:?}");
        let first = &deliveries[0];
        assert_eq!(first.state, DeliveryState::Sent, "{first:?}");
        assert!(first.can_resend && first.resend_of.is_none(), "{first:?}");
        assert_eq!(
            first.recipient, "Jan Peeters",
            "the provider read the address from the letter"
        );
        let epod = first
            .files
            .iter()
            .find(|f| f.kind == DeliveryFileKind::ProofOfDelivery)
            .expect("the ePod is ready");
        let path = app
            .fetch_delivery_file(d.id, &first.id, &epod.reference)
            .await
            .unwrap();
        assert!(path.starts_with(app.data_dir()), "{path:?}");
        assert!(
            std::fs::read(&path).unwrap().starts_with(b"%PDF-"),
            "the proof is a PDF"
        );
        // Another letter's delivery id, or a made-up one: not this letter's.
        let e = AppError::from(
            app.fetch_delivery_file(d.id, "../../jobs", &epod.reference)
                .await
                .unwrap_err(),
        );
        assert_eq!(e.code, "delivery_not_found", "{e:?}");

        let after = app.resend_delivery(d.id, &first.id).await.unwrap();
        assert_eq!(after.len(), 2, "the original and its re-send: {after:?}");
        let again = after
            .iter()
            .find(|x| x.resend_of.as_deref() == Some(first.id.as_str()))
            .expect("the re-send");
        assert!(!again.can_resend, "a re-send cannot be re-sent: {again:?}");
        let followed = app.store().letter(d.id).unwrap();
        assert!(
            !followed.state.is_final(),
            "the letter is followed again: {:?}",
            followed.state
        );
        let e = AppError::from(app.resend_delivery(d.id, &again.id).await.unwrap_err());
        assert!(
            ["resend_of_resend", "resend_not_final"].contains(&e.code.as_str()),
            "{e:?}"
        );
        common::until_state(&app, d.id, LetterState::Sent, Duration::from_secs(90)).await;
        let done = app.letter_deliveries(d.id).await.unwrap();
        let again = done.iter().find(|x| x.id == again.id).unwrap();
        assert_eq!(again.state, DeliveryState::Sent, "{again:?}");
        let e = AppError::from(app.resend_delivery(d.id, &again.id).await.unwrap_err());
        assert_eq!(e.code, "resend_of_resend", "{e:?}");
        assert_eq!(
            common::sim_letters_of(&app, "easypost").await.len(),
            1,
            "a re-send is no second job"
        );

        // A wrong key: its own code; the right one back works again.
        app.easypost_set_key(Secret::new("not-the-key")).unwrap();
        let e = AppError::from(app.easypost_test_connection().await.unwrap_err());
        assert_eq!(e.code, "easypost_key_invalid", "{e:?}");
        assert!(
            !format!("{e:?}").contains("not-the-key"),
            "the key is not in the error"
        );
        let creds = postdesk_sim::inspect::credentials(app.sandbox_url())
            .await
            .unwrap();
        app.easypost_set_key(Secret::new(creds["easypost"]["api_key"].as_str().unwrap()))
            .unwrap();
        app.easypost_test_connection().await.unwrap();
        assert_eq!(
            AppError::from(app.easypost_set_key(Secret::new("  ")).unwrap_err()).code,
            "easypost_key_format"
        );
    });
}

/// An own EasyPost account: the contract's development API is a test host
/// (badge "test"), production is live and must be https; nothing is called.
#[test]
fn an_own_easypost_account_is_test_on_the_development_host_and_live_on_production() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-easypost-own-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(dir.path(), &svc), Arc::new(NoEvents))
            .await
            .unwrap();
        let st = app
            .create_easypost_company("Dubois SRL", false)
            .await
            .unwrap();
        assert_eq!(st.environment, postdesk_core::Environment::Test, "{st:?}");
        assert!(!st.account.has_secret, "no key until the clerk pastes one");
        let mut s = st.account.settings.easypost().unwrap().clone();
        s.host = postdesk_core::EasypostHost::Production;
        s.production_url = "http://api.connect.easypost.example".into();
        let e = AppError::from(
            app.save_easypost_setup(EasypostSetup {
                easypost: s.clone(),
                prefs: st.account.prefs.clone(),
            })
            .unwrap_err(),
        );
        assert_eq!(e.code, "base_url_not_https", "{e:?}");
        s.production_url = "https://api.connect.easypost.example/".into();
        let st = app
            .save_easypost_setup(EasypostSetup {
                easypost: s,
                prefs: st.account.prefs.clone(),
            })
            .unwrap();
        assert_eq!(st.environment, postdesk_core::Environment::Live, "{st:?}");
        assert_eq!(
            st.account.settings.easypost().unwrap().production_url,
            "https://api.connect.easypost.example"
        );
    });
}
