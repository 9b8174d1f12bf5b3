//! A Posti company on real parts (SQLite file, Secret Service keychain under
//! scripts/desktop-session.sh, pdfium, the simulator over HTTP): the OmaPosti
//! Pro key proves itself and tells which agreement ids it reaches; a mistyped
//! and a revoked key each get their own code; a letter is refused before
//! anything is queued or spent, because the key does not reach letter printing.
use std::sync::Arc;

use postdesk_core::{AppError, LetterState, NoEvents, PostiSettings, PostiSetup, Postdesk, PostdeskOptions, ProviderKind, Secret};

#[test]
fn a_posti_key_is_proved_with_its_agreements_and_letters_are_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-posti-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(dir.path(), &svc), Arc::new(NoEvents)).await.unwrap();
        let st = app.create_posti_company("Virtanen Oy", true).await.unwrap();
        assert_eq!(st.account.provider, ProviderKind::Posti);
        assert_eq!(st.provider.home_country, "FI");
        assert!(!st.provider.prints_letters);
        assert!(st.account.has_secret, "the sandbox's Posti key is in the keychain");

        let creds = postdesk_sim::inspect::credentials(app.sandbox_url()).await.unwrap();
        let ids: Vec<String> = serde_json::from_value(creds["posti"]["agreement_ids"].clone()).unwrap();
        let prefs = st.account.prefs.clone();

        // No ids: refused at save, with its code.
        let none = PostiSetup { posti: PostiSettings { agreement_ids: vec![" ".into()] }, prefs: prefs.clone() };
        assert_eq!(AppError::from(app.save_posti_setup(none).unwrap_err()).code, "posti_agreement_ids_missing");

        // The right id and a wrong one: the test tells them apart.
        let setup = PostiSetup { posti: PostiSettings { agreement_ids: vec![format!("{}, 999999", ids[0])] }, prefs: prefs.clone() };
        let st = app.save_posti_setup(setup).unwrap();
        assert_eq!(st.account.settings.posti().unwrap().agreement_ids, vec![ids[0].clone(), "999999".into()]);
        let reach = app.posti_test_connection().await.unwrap();
        assert_eq!(reach.reached.iter().map(|a| a.agreement_id.clone()).collect::<Vec<_>>(), vec![ids[0].clone()]);
        assert_eq!(reach.not_reached, vec!["999999".to_string()]);
        assert_eq!(reach.also_reachable.len(), ids.len() - 1);

        // A mistyped key, then the key revoked at Posti: each its own code.
        let good = creds["posti"]["api_key"].as_str().unwrap().to_string();
        app.posti_set_key(Secret::new(format!("{good}x"))).unwrap();
        let e = AppError::from(app.posti_test_connection().await.unwrap_err());
        assert_eq!(e.code, "posti_key_invalid", "{e:?}");
        assert!(!format!("{e:?}").contains(&good), "no key in the error");
        app.posti_set_key(Secret::new(&good)).unwrap();
        app.posti_test_connection().await.unwrap();
        let resp = postdesk_sim::inspect::posti_new_key(app.sandbox_url()).await.unwrap();
        assert_ne!(resp["api_key"].as_str().unwrap(), good);
        let e = AppError::from(app.posti_test_connection().await.unwrap_err());
        assert_eq!(e.code, "posti_key_revoked", "{e:?}");

        // A letter for Posti: refused before queueing, nothing at the simulator.
        let pdf = dir.path().join("Lasku 5.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::letter(&postdesk_pdf::sample::LetterSpec::to(&["Matti Meikäläinen", "Mannerheimintie 1", "00100 Helsinki"]))).unwrap();
        let drafts = app.add_files(vec![pdf]).await.unwrap();
        let e = AppError::from(app.send_checked(&[drafts[0].id], false).unwrap_err());
        assert_eq!(e.code, "provider_prints_no_letters", "{e:?}");
        assert_eq!(app.store().letter(drafts[0].id).unwrap().state, LetterState::Draft, "still a draft");
        assert!(postdesk_sim::inspect::letters(app.sandbox_url()).await.unwrap().is_empty());
        assert!(!dir.path().join("archive").read_dir().map(|mut d| d.next().is_some()).unwrap_or(false), "no copy archived");
    });
}
