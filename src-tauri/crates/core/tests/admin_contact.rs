//! Changing the E-POST administrator contact and the setup assistant's pieces, on
//! real parts: a temp SQLite file, the Secret Service keychain (run under
//! scripts/desktop-session.sh) and the sandbox simulator over HTTP.
use std::sync::Arc;
use std::time::{Duration, Instant};

use postdesk_core::{AppError, EpostSetup, InboxChannel, LetterState, NoEvents, Postdesk, PostdeskOptions};

fn service() -> String {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("postdesk-test-admin-{n:x}")
}

fn code(e: postdesk_core::CoreError) -> String {
    AppError::from(e).code
}

/// The simulator's own record of the sandbox account (what Deutsche Post has).
async fn provider_contact(app: &Postdesk) -> (String, String) {
    let c = postdesk_sim::inspect::credentials(app.sandbox_url()).await.unwrap();
    let a = &c["epost"][0];
    (a["email"].as_str().unwrap().to_string(), a["mobile"].as_str().unwrap().to_string())
}

/// The newest message with a code on `channel` to `to`.
async fn code_sent(app: &Postdesk, channel: InboxChannel, to: &str) -> String {
    app.inbox()
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.channel == channel && m.to == to && m.code.is_some())
        .and_then(|m| m.code)
        .unwrap_or_else(|| panic!("no {channel:?} code to {to}"))
}

fn other_than(c: &str) -> &'static str {
    if c == "000000" { "111111" } else { "000000" }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn change_admin_email_and_mobile_with_the_code_from_the_other_channel() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service();
    let app = Postdesk::open(PostdeskOptions::new(dir.path(), svc.clone()), Arc::new(NoEvents)).await.unwrap();
    let (old_email, old_mobile) = provider_contact(&app).await;
    assert_eq!(app.epost_admin_contact().unwrap(), Default::default());

    // Field rules before any call.
    assert_eq!(code(app.epost_email_request("not-an-address").await.unwrap_err()), "contact_email_format");
    assert_eq!(code(app.epost_mobile_request("12ab").await.unwrap_err()), "contact_mobile_format");
    assert_eq!(code(app.epost_set_email("neu@firma.de", "12").await.unwrap_err()), "contact_code_format");

    // New e-mail: the code goes by SMS to the CURRENT mobile.
    app.epost_email_request("neu@firma.de").await.unwrap();
    let sms = code_sent(&app, InboxChannel::Sms, &old_mobile).await;
    let err = app.epost_set_email("neu@firma.de", other_than(&sms)).await.unwrap_err();
    let e = AppError::from(err);
    assert_eq!(e.code, "contact_code_wrong");
    assert!(e.message.contains("SMS"), "{}", e.message);
    assert_eq!(provider_contact(&app).await.0, old_email, "nothing changed at the provider");
    assert_eq!(app.epost_admin_contact().unwrap().email, None, "nothing remembered");
    let c = app.epost_set_email("neu@firma.de", &sms).await.unwrap();
    assert_eq!(c.email.as_deref(), Some("neu@firma.de"));
    assert!(c.changed_at.is_some());
    assert_eq!(provider_contact(&app).await.0, "neu@firma.de");
    // The code is used up.
    assert_eq!(code(app.epost_set_email("neu@firma.de", &sms).await.unwrap_err()), "contact_code_wrong");

    // New mobile: the code goes by e-mail to the current (just changed) address.
    app.epost_mobile_request("+49 171 2345678").await.unwrap();
    let mail = code_sent(&app, InboxChannel::Email, "neu@firma.de").await;
    let e = AppError::from(app.epost_set_mobile("+49 171 2345678", other_than(&mail)).await.unwrap_err());
    assert_eq!(e.code, "contact_code_wrong");
    assert!(e.message.contains("e-mail"), "{}", e.message);
    assert_eq!(provider_contact(&app).await.1, old_mobile);
    let c = app.epost_set_mobile("+49 171 2345678", &mail).await.unwrap();
    assert_eq!((c.email.as_deref(), c.mobile.as_deref()), (Some("neu@firma.de"), Some("+49 171 2345678")));
    assert_eq!(provider_contact(&app).await.1, "+49 171 2345678");

    // The test messages go to the new contact.
    let before = app.inbox().await.unwrap().len();
    app.epost_test_email().await.unwrap();
    app.epost_test_mobile().await.unwrap();
    let inbox = app.inbox().await.unwrap();
    assert_eq!(inbox.len(), before + 2);
    assert!(inbox.iter().take(2).any(|m| m.channel == InboxChannel::Sms && m.to == "+49 171 2345678"));
    assert!(inbox.iter().take(2).any(|m| m.channel == InboxChannel::Email && m.to == "neu@firma.de"));

    // Remembered in SQLite across a restart.
    drop(app);
    let again = Postdesk::open(PostdeskOptions::new(dir.path(), svc), Arc::new(NoEvents)).await.unwrap();
    assert_eq!(again.epost_admin_contact().unwrap().mobile.as_deref(), Some("+49 171 2345678"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_code_requests_and_no_password_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let app = Postdesk::open(PostdeskOptions::new(dir.path(), service()), Arc::new(NoEvents)).await.unwrap();
    // The simulator allows 5 code requests in 10 minutes.
    for i in 0..5 {
        app.epost_email_request(&format!("n{i}@firma.de")).await.unwrap();
    }
    let e = AppError::from(app.epost_mobile_request("+49 171 2345678").await.unwrap_err());
    assert_eq!(e.code, "contact_too_many");
    assert!(e.message.contains("Wait a few minutes"));

    // A company whose account cannot sign in yet.
    app.create_company("Neu GmbH").unwrap();
    assert_eq!(code(app.epost_email_request("a@b.de").await.unwrap_err()), "contact_no_password");
    assert_eq!(code(app.epost_test_mobile().await.unwrap_err()), "contact_no_password");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wizard_flag_and_test_letter() {
    let dir = tempfile::tempdir().unwrap();
    let svc = service();
    let app = Postdesk::open(PostdeskOptions::new(dir.path(), svc.clone()), Arc::new(NoEvents)).await.unwrap();
    app.start_workers();
    assert!(!app.wizard_done().unwrap(), "a fresh data folder shows the assistant");

    // The sandbox: a one-page letter to the company goes all the way.
    let letter = app.wizard_test_letter().await.unwrap();
    assert_eq!(letter.pages, 1);
    assert!(!letter.has_blocking_finding(), "{:?}", letter.preflight.findings);
    assert_eq!(letter.recipient.as_ref().unwrap().lines[0], "Sandbox");
    assert!(letter.test_mode, "the assistant's letter goes in test mode (testFlag)");
    // A second test is a new PDF, not held back as a duplicate.
    let second = app.wizard_test_letter().await.unwrap();
    assert_ne!(second.sha256, letter.sha256);
    let start = Instant::now();
    loop {
        let l = app.store().letter(letter.id).unwrap();
        if l.state == LetterState::Sent {
            break;
        }
        assert!(!l.state.is_final(), "ended {:?}: {:?}", l.state, l.last_error);
        assert!(start.elapsed() < Duration::from_secs(60), "still {:?}", l.state);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // An account that cannot sign in yet gets none either (it would only fail).
    let st = app.create_company("Neu GmbH").unwrap();
    let mut s = EpostSetup::of(&st.account);
    s.epost.ekp = "1234567891".into();
    s.epost.test_email = "test@neu.example".into();
    app.save_epost_setup(s).unwrap();
    assert_eq!(code(app.wizard_test_letter().await.unwrap_err()), "wizard_no_password");

    // A live account gets no test letter.
    let st = app.create_company("Live GmbH").unwrap();
    let mut s = EpostSetup::of(&st.account);
    s.epost.ekp = "1234567890".into();
    s.prefs.test_mode = false;
    app.save_epost_setup(s).unwrap();
    assert_eq!(code(app.wizard_test_letter().await.unwrap_err()), "wizard_live");

    app.set_wizard_done().unwrap();
    drop(app);
    let again = Postdesk::open(PostdeskOptions::new(dir.path(), svc), Arc::new(NoEvents)).await.unwrap();
    assert!(again.wizard_done().unwrap(), "the flag survives a restart");
}
