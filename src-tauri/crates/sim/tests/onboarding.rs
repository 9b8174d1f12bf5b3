//! Onboarding, login, 401 and the admin contact, real client against real sim.

mod common;
use common::*;
use postdesk_providers::{ErrorKind, Secret};

#[tokio::test]
async fn full_onboarding_then_health_and_credentials() {
    let sim = start(100, 0).await;
    let client = client(&sim, 0);
    client.health_check().await.unwrap();
    let secret = onboard(&sim, &client, EKP).await;
    assert!(client.has_valid_token().await);

    let acc = account(&sim, EKP).await;
    assert_eq!(acc["vendorID"], VENDOR);
    assert_eq!(acc["password"], PASSWORD);
    assert_eq!(acc["secret"], secret.expose());
    let typed = postdesk_sim::inspect::inbox(&sim.base_url()).await.unwrap();
    assert!(typed[0].channel == "sms");
    assert_eq!(typed, sim.inbox());
    let inbox = get_json(&sim, "/_sim/inbox").await;
    assert_eq!(inbox[0]["channel"], "sms");
    assert_eq!(inbox[0]["to"], acc["mobile"]);
    assert!(inbox[0]["at"].is_string());
    sim.shutdown().await;
}

#[tokio::test]
async fn bad_credentials_and_codes_are_refused() {
    let sim = start(100, 0).await;
    let client = client(&sim, 0);
    // No login yet: the client refuses by itself.
    let e = client.letter_status(1).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Auth);
    // Login before any password exists: 401 with an error object.
    let e = client
        .login(EKP, &Secret::new("x"), &Secret::new("yyyyy"))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.http_status, e.code.as_deref()),
        (ErrorKind::Auth, Some(401), Some("E003"))
    );

    client.sms_request(EKP).await.unwrap();
    // Wrong code, short password, malformed EKP.
    let e = client
        .set_password(EKP, &Secret::new(PASSWORD), "000000x")
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref()),
        (ErrorKind::Rejected, Some("E012"))
    );
    let e = client
        .set_password(EKP, &Secret::new("abc"), "123456")
        .await
        .unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E014"));
    let e = client.sms_request("123").await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E011"));

    let secret = onboard(&sim, &client, EKP).await;
    let e = client
        .login(EKP, &secret, &Secret::new("wrong-password"))
        .await
        .unwrap_err();
    assert_eq!(e.http_status, Some(401));
    // Nothing secret in what an error prints.
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains("wrong-password") && !shown.contains(secret.expose()),
        "{shown}"
    );

    // A raw call without a bearer token.
    let resp = reqwest::get(format!("{}/api/Letter/1", sim.base_url()))
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body[0]["code"], "E002");
    for key in ["level", "code", "description", "date"] {
        assert!(body[0][key].is_string(), "{key} in {body}");
    }
}

#[tokio::test]
async fn client_logs_in_again_once_after_401() {
    let sim = start(100, 0).await;
    let client = client(&sim, 0);
    onboard(&sim, &client, EKP).await;
    let sent = client
        .send_letters(&[letter("Relogin-1.pdf", &unique_pdf("relogin"))])
        .await
        .unwrap();
    sim.revoke_tokens();
    let status = client.letter_status(sent[0].letter_id).await.unwrap();
    assert_eq!(status.letter_id, sent[0].letter_id);
}

#[tokio::test]
async fn admin_contact_changes_need_the_other_channel() {
    let sim = start(100, 0).await;
    let client = client(&sim, 0);
    onboard(&sim, &client, EKP).await;
    let before = account(&sim, EKP).await;
    let old_mobile = before["mobile"].as_str().unwrap().to_owned();

    // New e-mail: the code goes by SMS to the current mobile.
    client.email_request("neu@example.com").await.unwrap();
    let code = code_for(&sim, &old_mobile).await;
    let e = client
        .set_email("neu@example.com", "999999x")
        .await
        .unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E012"));
    client.set_email("neu@example.com", &code).await.unwrap();
    assert_eq!(account(&sim, EKP).await["email"], "neu@example.com");

    // New mobile: the code goes by e-mail to the (new) current address.
    client.mobile_request("+49 171 2345678").await.unwrap();
    let code = code_for(&sim, "neu@example.com").await;
    client.set_mobile("+49 171 2345678", &code).await.unwrap();
    assert_eq!(account(&sim, EKP).await["mobile"], "+49 171 2345678");

    client.test_email().await.unwrap();
    client.test_mobile().await.unwrap();
    let inbox = get_json(&sim, "/_sim/inbox").await;
    let last_two: Vec<_> = inbox.as_array().unwrap().iter().rev().take(2).collect();
    assert_eq!(last_two[0]["to"], "+49 171 2345678");
    assert_eq!(last_two[0]["channel"], "sms");
    assert_eq!(last_two[1]["to"], "neu@example.com");
    assert_eq!(last_two[1]["channel"], "email");

    let e = client.email_request("not-an-address").await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E200"));

    // At most 5 contact-code requests in 10 minutes (2 so far): the 6th is 429 E004.
    for _ in 0..3 {
        client.email_request("neu2@example.com").await.unwrap();
    }
    let e = client.mobile_request("+49 171 7654321").await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E004"));
    assert!(matches!(e.kind, postdesk_providers::ErrorKind::RateLimited { retry_after: Some(_) }), "{e:?}");
}
