//! An EasyPost Connect company of the sandbox that signs in by OAuth2 client
//! credentials, on real parts (SQLite file, Secret Service keychain under
//! scripts/desktop-session.sh, pdfium, the simulator over HTTP): the client
//! secret only in the keychain, Test connection asks a token, a letter goes
//! out end to end with bearer tokens, a token the server ends mid-way is
//! asked anew once, a wrong client secret and a client certificate that is
//! not there each get their own code.
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{
    AppError, EasypostAuth, EasypostSecret, EasypostSetup, LetterState, NoEvents, Postdesk,
    PostdeskOptions, Secret,
};

async fn issued(app: &Postdesk) -> u64 {
    postdesk_sim::inspect::easypost_oauth_book(app.sandbox_url())
        .await
        .unwrap()["issued"]
        .as_u64()
        .unwrap()
}

#[test]
fn an_oauth2_company_of_the_sandbox_sends_a_letter_with_bearer_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-easypost-oauth-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let mut opts = PostdeskOptions::new(dir.path(), &svc);
        opts.sandbox_status_interval = Some(Duration::from_millis(50));
        let app = Postdesk::open(opts, Arc::new(NoEvents)).await.unwrap();
        let st = app
            .create_easypost_company("Janssens NV", true)
            .await
            .unwrap();

        // OAuth2, the simulator's client id (a sandbox fills in its secret).
        let creds = postdesk_sim::inspect::credentials(app.sandbox_url())
            .await
            .unwrap();
        let client_id = creds["easypost"]["client_id"].as_str().unwrap().to_string();
        let mut settings = st.account.settings.easypost().unwrap().clone();
        settings.auth = EasypostAuth::Oauth2;
        settings.client_id = format!("  {client_id} ");
        let st = app
            .save_easypost_setup(EasypostSetup {
                easypost: settings,
                prefs: st.account.prefs.clone(),
            })
            .unwrap();
        let saved = st.account.settings.easypost().unwrap().clone();
        assert_eq!(saved.client_id, client_id, "trimmed");

        // A wrong client secret: its own code, the secret in no error.
        app.easypost_set_secret(EasypostSecret::ClientSecret, Secret::new("wrong-secret-42"))
            .unwrap();
        assert!(app.easypost_secrets().unwrap().client_secret);
        let e = AppError::from(app.easypost_test_connection().await.unwrap_err());
        assert_eq!(e.code, "easypost_client_invalid", "{e:?}");
        assert!(!format!("{e:?}").contains("wrong-secret-42"));
        assert_eq!(issued(&app).await, 0);

        // The right one: Test connection asks a token and lists the workflows with it.
        let secret = creds["easypost"]["client_secret"].as_str().unwrap();
        app.easypost_set_secret(EasypostSecret::ClientSecret, Secret::new(secret))
            .unwrap();
        let reach = app.easypost_test_connection().await.unwrap();
        assert_eq!(issued(&app).await, 1);
        let w = reach
            .workflows
            .iter()
            .find(|w| {
                postdesk_core::easypost_setup::usable_for_letters(w)
                    && w.channels == ["POSTAL_MAIL"]
            })
            .unwrap();
        let mut settings = saved.clone();
        settings.workflow_id = w.id.clone();
        settings.workflow_name = w.name.clone();
        settings.workflow_channels = w.channels.clone();
        app.save_easypost_setup(EasypostSetup {
            easypost: settings.clone(),
            prefs: st.account.prefs.clone(),
        })
        .unwrap();

        // A letter, end to end; mid-way the simulator ends every token.
        let pdf = common::letter_at(
            dir.path(),
            "Factuur 2026-77.pdf",
            &["Jan Peeters", "Kerkstraat 12", "2000 Antwerpen"],
            common::EASYPOST_ADDRESS_AT,
        );
        let d = app.add_files(vec![pdf]).await.unwrap().remove(0);
        app.send(&[d.id]).unwrap();
        app.start_workers();
        let start = Instant::now();
        while app.store().letter(d.id).unwrap().provider_id.is_none() {
            assert!(start.elapsed() < Duration::from_secs(60), "no job id");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let before = issued(&app).await;
        postdesk_sim::inspect::easypost_oauth(app.sandbox_url(), None, true)
            .await
            .unwrap();
        let sent =
            common::until_state(&app, d.id, LetterState::Sent, Duration::from_secs(90)).await;
        let after = issued(&app).await;
        assert_eq!(
            after,
            before + 1,
            "one new token after the server ended the old one"
        );
        let mine = common::sim_letters_of(&app, "easypost").await;
        assert_eq!(mine.len(), 1, "{mine:?}");
        assert_eq!(mine[0]["providerId"].as_str(), sent.provider_id.as_deref());

        // A client certificate that is not there: its own code at Test connection.
        let mut with_cert = settings.clone();
        with_cert.certificate_path = dir.path().join("missing.p12").display().to_string();
        app.save_easypost_setup(EasypostSetup {
            easypost: with_cert,
            prefs: st.account.prefs.clone(),
        })
        .unwrap();
        let e = AppError::from(app.easypost_test_connection().await.unwrap_err());
        assert_eq!(e.code, "easypost_cert_missing", "{e:?}");
        // A file that is no certificate.
        let mut with_cert = settings.clone();
        let notes = dir.path().join("notes.p12");
        std::fs::write(&notes, b"not a certificate").unwrap();
        with_cert.certificate_path = notes.display().to_string();
        app.save_easypost_setup(EasypostSetup {
            easypost: with_cert,
            prefs: st.account.prefs.clone(),
        })
        .unwrap();
        let e = AppError::from(app.easypost_test_connection().await.unwrap_err());
        assert_eq!(e.code, "easypost_cert_invalid", "{e:?}");
        // A letter sent meanwhile fails with the same words, not a provider's riddle.
        let pdf = common::letter_at(
            dir.path(),
            "Factuur 2026-78.pdf",
            &["Jan Peeters", "Kerkstraat 12", "2000 Antwerpen"],
            common::EASYPOST_ADDRESS_AT,
        );
        let d2 = app.add_files(vec![pdf]).await.unwrap().remove(0);
        app.send(&[d2.id]).unwrap();
        let failed =
            common::until_state(&app, d2.id, LetterState::Failed, Duration::from_secs(60)).await;
        assert_eq!(
            failed.last_error.as_ref().map(|e| e.code.as_str()),
            Some("easypost_cert_invalid"),
            "{:?}",
            failed.last_error
        );
        app.easypost_set_secret(EasypostSecret::CertificatePassword, Secret::new("pw"))
            .unwrap();
        assert!(app.easypost_secrets().unwrap().certificate_password);
        app.easypost_set_secret(EasypostSecret::CertificatePassword, Secret::new(""))
            .unwrap();
        assert!(
            !app.easypost_secrets().unwrap().certificate_password,
            "an empty password removes it"
        );

        // A client secret refused while a letter is sent: EasyPost's own words
        // (check the client id and secret), not the generic "credentials refused".
        app.save_easypost_setup(EasypostSetup {
            easypost: settings.clone(),
            prefs: st.account.prefs.clone(),
        })
        .unwrap();
        app.easypost_set_secret(EasypostSecret::ClientSecret, Secret::new("wrong-secret-42"))
            .unwrap();
        let pdf = common::letter_at(
            dir.path(),
            "Factuur 2026-79.pdf",
            &["Jan Peeters", "Kerkstraat 12", "2000 Antwerpen"],
            common::EASYPOST_ADDRESS_AT,
        );
        let d3 = app.add_files(vec![pdf]).await.unwrap().remove(0);
        app.send(&[d3.id]).unwrap();
        let failed =
            common::until_state(&app, d3.id, LetterState::Failed, Duration::from_secs(60)).await;
        let e = failed.last_error.as_ref().unwrap();
        assert_eq!(e.code, "easypost_client_invalid", "{e:?}");
        assert!(!format!("{e:?}").contains("wrong-secret-42"));
        app.easypost_set_secret(EasypostSecret::ClientSecret, Secret::new(secret))
            .unwrap();

        // Back to the API key: the key works again, untouched.
        let mut back = settings;
        back.auth = EasypostAuth::ApiKey;
        app.save_easypost_setup(EasypostSetup {
            easypost: back,
            prefs: st.account.prefs.clone(),
        })
        .unwrap();
        app.easypost_test_connection().await.unwrap();

        // Nothing secret in SQLite (the file and its write-ahead log).
        let mut db = std::fs::read(dir.path().join("postdesk.sqlite3")).unwrap();
        db.extend(std::fs::read(dir.path().join("postdesk.sqlite3-wal")).unwrap_or_default());
        let text = String::from_utf8_lossy(&db);
        assert!(text.contains(&client_id), "the client id is a setting");
        assert!(!text.contains(secret) && !text.contains("wrong-secret-42"));
    });
}
