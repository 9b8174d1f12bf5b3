//! The E-POST setup on real parts: a temp SQLite file, the Secret Service
//! keychain (run under scripts/desktop-session.sh) and the sandbox simulator.
use std::sync::Arc;

use postdesk_core::secrets::{SecretKind, SecretStore};
use postdesk_core::{AppError, EpostSetup, NoEvents, Postdesk, PostdeskOptions, RegisteredLetter};
use postdesk_providers::secret::Secret;

fn options(dir: &std::path::Path, service: &str) -> PostdeskOptions {
    PostdeskOptions::new(dir, service)
}

fn service() -> String {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("postdesk-test-setup-{n:x}")
}

fn code(e: postdesk_core::CoreError) -> String {
    AppError::from(e).code
}

async fn latest_pin(app: &Postdesk) -> String {
    app.inbox().await.unwrap().into_iter().find_map(|m| m.code).expect("a PIN in the sandbox inbox")
}

fn keychain(app: &Postdesk, svc: &str, account_id: i64) -> (Option<String>, Option<String>) {
    let install = app.store().setting("install_id").unwrap().unwrap();
    let ks = SecretStore::new(svc, install);
    (
        ks.get(account_id, SecretKind::Password).unwrap().map(|s| s.expose().to_string()),
        ks.get(account_id, SecretKind::Secret).unwrap().map(|s| s.expose().to_string()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_password_connection_companies_and_copy() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service();
    let app = Postdesk::open(options(dir.path(), &svc), Arc::new(NoEvents)).await.unwrap();
    let status = app.status().unwrap();
    let sandbox = status.company.clone();
    let account_id = status.account.id;

    // Save: the conflict is refused and nothing changes; a valid setup lands in SQLite.
    let mut setup = EpostSetup::of(&status.account);
    setup.defaults.duplex = true;
    setup.defaults.registered = RegisteredLetter::Einschreiben;
    assert_eq!(code(app.save_epost_setup(setup.clone()).unwrap_err()), "options_duplex_registered");
    assert!(!app.status().unwrap().account.defaults.duplex);
    setup.defaults.registered = RegisteredLetter::None;
    setup.defaults.color = true;
    setup.prefs.show_dialog = true;
    let saved = app.save_epost_setup(setup.clone()).unwrap();
    assert!(saved.account.defaults.duplex && saved.account.defaults.color && saved.account.prefs.show_dialog);
    let mut bad = setup.clone();
    bad.epost.ekp = "123".into();
    assert_eq!(code(app.save_epost_setup(bad).unwrap_err()), "setup_ekp");

    // Password by SMS PIN: a wrong PIN changes nothing; the right one stores both.
    let before = keychain(&app, &svc, account_id);
    assert!(before.0.is_some() && before.1.is_some(), "the sandbox was onboarded");
    app.epost_request_sms().await.unwrap();
    let pin = latest_pin(&app).await;
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    let err = app.epost_set_password(wrong, Secret::new("Neues-Passwort-1")).await.unwrap_err();
    assert_eq!(code(err), "pin_wrong");
    assert_eq!(keychain(&app, &svc, account_id), before, "nothing half-saved");
    assert_eq!(code(app.epost_set_password("12", Secret::new("Neues-Passwort-1")).await.unwrap_err()), "pin_format");
    assert_eq!(code(app.epost_set_password(&pin, Secret::new("abc")).await.unwrap_err()), "password_length");
    let st = app.epost_set_password(&pin, Secret::new("Neues-Passwort-1")).await.unwrap();
    assert!(st.account.has_password && st.account.has_secret);
    let after = keychain(&app, &svc, account_id);
    assert_eq!(after.0.as_deref(), Some("Neues-Passwort-1"));
    assert_ne!(after.1, before.1, "the provider issued a new secret");
    // Secrets never in SQLite.
    let db = std::fs::read(dir.path().join("postdesk.sqlite3")).unwrap();
    let secret = after.1.clone().unwrap();
    assert!(!String::from_utf8_lossy(&db).contains(&secret));
    assert!(!String::from_utf8_lossy(&db).contains("Neues-Passwort-1"));

    // Test connection: HealthCheck + Login with what was just stored.
    app.epost_test_connection().await.unwrap();

    // A second company: a real account in test mode, not set up yet.
    let st = app.create_company("ACME GmbH").unwrap();
    assert_eq!(st.company.name, "ACME GmbH");
    assert_eq!(st.environment, postdesk_core::Environment::Test);
    assert!(!st.account.has_password && st.account.prefs.test_mode);
    assert_eq!(code(app.create_company("acme gmbh").unwrap_err()), "company_exists");
    let acme_account = st.account.id;
    let mut acme = EpostSetup::of(&st.account);
    acme.epost.ekp = "9999999999".into();
    acme.epost.test_email = "test@acme.example".into();
    acme.defaults.registered = RegisteredLetter::EinwurfEinschreiben;
    app.save_epost_setup(acme).unwrap();

    // Copy credentials: only EKP, password, secret; the options stay.
    let st = app.copy_credentials(sandbox.id).unwrap();
    assert_eq!(st.account.settings.epost().unwrap().ekp, "5000000001");
    assert!(st.account.has_password && st.account.has_secret);
    assert_eq!(st.account.defaults.registered, RegisteredLetter::EinwurfEinschreiben);
    assert!(!st.account.defaults.color, "the sandbox's colour default was not copied");
    assert_eq!(st.account.settings.epost().unwrap().test_email, "test@acme.example");
    assert_eq!(keychain(&app, &svc, acme_account), after);

    // Not into the sandbox, not from itself.
    assert_eq!(code(app.copy_credentials(st.company.id).unwrap_err()), "copy_same_company");
    let st = app.switch_company(sandbox.id).unwrap();
    assert!(st.company.is_sandbox);
    assert_eq!(code(app.copy_credentials(st.companies[1].id).unwrap_err()), "copy_into_sandbox");
}
