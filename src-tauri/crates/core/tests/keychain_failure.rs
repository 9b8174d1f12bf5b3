//! A keychain that refuses the write after E-POST already accepted a new
//! password (real Secret Service under scripts/desktop-session.sh; the refusal
//! by the debug-build hook `POSTDESK_TEST_KEYCHAIN_WRITE_FAILS`, as a locked
//! keychain would): the new access data is not lost silently — the clerk is
//! told exactly what to do, letters still go out in this run, and "Try again"
//! stores it once the keychain takes writes again. Its own test binary: the
//! hook is an environment variable of the whole process.
mod common;

use std::sync::Arc;
use std::time::Duration;

use postdesk_core::secrets::{SecretKind, SecretStore};
use postdesk_core::{AppError, NoEvents, Postdesk, PostdeskOptions, Secret};

const NEW_PASSWORD: &str = "Pd-Keychain-Refused-9c1e";

#[test]
fn a_new_password_the_keychain_refused_is_held_said_and_stored_on_retry() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-kcfail-{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let opts = PostdeskOptions { sandbox_status_interval: Some(Duration::from_millis(10)), ..PostdeskOptions::new(dir.path(), &svc) };
        let app = Postdesk::open(opts, Arc::new(NoEvents)).await.unwrap();
        app.start_workers();
        let account = app.status().unwrap().account.id;
        let install = app.store().setting("install_id").unwrap().unwrap();
        let keychain = SecretStore::new(&svc, &install);
        let old_secret = keychain.get(account, SecretKind::Secret).unwrap().unwrap();

        app.epost_request_sms().await.unwrap();
        let pin = app.inbox().await.unwrap().into_iter().find_map(|m| m.code).unwrap(); // newest first
        std::env::set_var("POSTDESK_TEST_KEYCHAIN_WRITE_FAILS", "secret");
        let e = AppError::from(app.epost_set_password(&pin, Secret::new(NEW_PASSWORD)).await.unwrap_err());
        assert_eq!(e.code, "keychain_write_after_change", "{e:?}");
        assert!(e.message.contains("Try again") && e.message.contains("new SMS PIN"), "says what to do: {}", e.message);
        assert!(!format!("{e:?}").contains(NEW_PASSWORD), "no password in the error");
        // The keychain still has the old secret; this run holds the new pair.
        assert_eq!(keychain.get(account, SecretKind::Secret).unwrap().unwrap(), old_secret);
        let st = app.status().unwrap();
        assert!(st.account.has_password && st.account.has_secret);

        // Letters still go out with the new access data (the old no longer signs in).
        app.epost_test_connection().await.unwrap();
        let pdf = dir.path().join("Brief.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::clean_letter()).unwrap();
        let drafts = app.add_files(vec![pdf]).await.unwrap();
        app.send_checked(&[drafts[0].id], false).unwrap();
        common::until_with_provider(&app, drafts[0].id).await;

        // Still locked: Try again says the same; unlocked: stored.
        let e = AppError::from(app.keychain_retry().unwrap_err());
        assert_eq!(e.code, "keychain_write_after_change");
        std::env::remove_var("POSTDESK_TEST_KEYCHAIN_WRITE_FAILS");
        app.keychain_retry().unwrap();
        assert_eq!(keychain.get(account, SecretKind::Password).unwrap().unwrap().expose(), NEW_PASSWORD);
        let stored = keychain.get(account, SecretKind::Secret).unwrap().unwrap();
        assert_ne!(stored, old_secret, "the provider's new secret is in the keychain");

        // A new run (nothing held) signs in with what the keychain has.
        drop(app);
        let app = Postdesk::open(PostdeskOptions::new(dir.path(), &svc), Arc::new(NoEvents)).await.unwrap();
        app.epost_test_connection().await.unwrap();
        for kind in [SecretKind::Password, SecretKind::Secret] {
            let _ = keychain.delete(account, kind);
        }
    });
}
