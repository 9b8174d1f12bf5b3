//! Sending, status over time, pacing (429), validation, duplicate failsafe,
//! status 99 and test results — real client against real sim.

mod common;
use common::*;
use postdesk_providers::epost::{RegisteredLetter, StatusId, StatusQuery};
use postdesk_providers::ErrorKind;
use std::time::{Duration, Instant};

#[tokio::test]
async fn letter_moves_from_1_to_4() {
    let sim = start(400, 50).await;
    let client = client(&sim, 50);
    onboard(&sim, &client, EKP).await;
    let mut l = letter("Einschreiben-1.pdf", &unique_pdf("reg"));
    l.registered_letter = Some(RegisteredLetter::Einschreiben);
    l.batch_id = Some(7);
    let sent = client.send_letters(&[l]).await.unwrap();
    assert_eq!(sent[0].file_name, "Einschreiben-1.pdf");
    let id = sent[0].letter_id;

    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    loop {
        let s = client.letter_status(id).await.unwrap();
        assert_eq!(s.letter_id, id);
        assert_eq!(s.batch_id, Some(7));
        assert_eq!(s.registered_letter.as_deref(), Some("Einschreiben"));
        assert_eq!(s.registered_letter_id.is_some(), s.status_id >= 3, "{s:?}");
        assert!(s.errors().is_empty());
        if seen.last() != Some(&s.status_id) {
            seen.push(s.status_id);
        }
        if s.status().is_final() || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    assert_eq!(seen.first(), Some(&1), "{seen:?}");
    assert_eq!(seen.last(), Some(&4), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert!(seen.len() >= 3, "should see most steps: {seen:?}");

    let all = client
        .status_query(&StatusQuery::letters([id]))
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].print_feedback_date.is_some());

    let letters = sim.letters();
    assert_eq!(letters[0]["provider"], "epost");
    assert_eq!(letters[0]["providerId"], id.to_string());
    assert_eq!(letters[0]["registeredLetter"], "Einschreiben");
    assert!(letters[0].get("data").is_none());
    assert_eq!(letters[0]["sha256"].as_str().unwrap().len(), 64);
}

#[tokio::test]
async fn status_calls_are_paced_by_the_client_and_limited_by_the_sim() {
    let sim = start(100, 400).await;
    // A client that does not pace gets 429 with Retry-After.
    let rude = client(&sim, 0);
    onboard(&sim, &rude, EKP).await;
    let id = rude
        .send_letters(&[letter("Pacing-1.pdf", &unique_pdf("pace"))])
        .await
        .unwrap()[0]
        .letter_id;
    rude.letter_status(id).await.unwrap();
    let e = rude.letter_status(id).await.unwrap_err();
    assert!(
        matches!(e.kind, ErrorKind::RateLimited { retry_after: Some(d) } if d >= Duration::from_secs(1)),
        "{e:?}"
    );
    assert_eq!(
        (e.http_status, e.code.as_deref()),
        (Some(429), Some("E004"))
    );
    assert!(e.is_retryable());

    // A client with the same interval waits by itself and never sees 429.
    tokio::time::sleep(Duration::from_millis(450)).await;
    let polite = client(&sim, 450);
    polite
        .login(EKP, &secret_of(&sim).await, &PASSWORD.into())
        .await
        .unwrap();
    let t0 = Instant::now();
    for _ in 0..3 {
        polite.letter_status(id).await.unwrap();
    }
    assert!(
        t0.elapsed() >= Duration::from_millis(900),
        "{:?}",
        t0.elapsed()
    );
}

async fn secret_of(sim: &postdesk_sim::SimHandle) -> postdesk_providers::Secret {
    account(sim, EKP).await["secret"].as_str().unwrap().into()
}

#[tokio::test]
async fn invalid_letters_get_error_objects() {
    let sim = start(100, 0).await;
    let client = client(&sim, 0);
    onboard(&sim, &client, EKP).await;
    let codes_of = |e: &postdesk_providers::ProviderError| -> Vec<String> {
        e.messages.iter().filter_map(|m| m.code.clone()).collect()
    };

    let mut bad = letter("a.pd", b"not a pdf");
    bad.zip_code = "12".into();
    bad.cost_center = Some("TOO-LONG-1".into());
    let e = client.send_letters(&[bad]).await.unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.http_status),
        (ErrorKind::Rejected, Some(400))
    );
    assert!(!e.is_retryable());
    let codes = codes_of(&e);
    for c in ["E101", "E104", "E112", "E119"] {
        assert!(codes.contains(&c.to_owned()), "{c} in {codes:?}");
    }

    let mut duplex_registered = letter("Duplex-Einschreiben.pdf", &unique_pdf("d"));
    duplex_registered.is_duplex = Some(true);
    duplex_registered.registered_letter = Some(RegisteredLetter::EinwurfEinschreiben);
    let mut abroad_registered = letter("Einschreiben-Wien.pdf", &unique_pdf("w"));
    abroad_registered.country = Some("ÖSTERREICH".into());
    abroad_registered.registered_letter = Some(RegisteredLetter::Einschreiben);
    let mut long_line = letter("Lange-Zeile.pdf", &unique_pdf("l"));
    long_line.address_line1 = "x".repeat(81);
    long_line.city = String::new();
    let e = client
        .send_letters(&[duplex_registered, abroad_registered, long_line])
        .await
        .unwrap_err();
    let codes = codes_of(&e);
    for c in ["E120", "E121", "E105", "E108"] {
        assert!(codes.contains(&c.to_owned()), "{c} in {codes:?}");
    }

    // One bad letter rejects the whole request; nothing was stored.
    let good = letter("Gut-1.pdf", &unique_pdf("g"));
    let mut no_city = letter("Ohne-Ort.pdf", &unique_pdf("o"));
    no_city.city = " ".into();
    assert!(client.send_letters(&[good.clone(), no_city]).await.is_err());
    assert!(sim.letters().is_empty());

    // fileName unique per account.
    client
        .send_letters(std::slice::from_ref(&good))
        .await
        .unwrap();
    let mut again = good.clone();
    again.data = postdesk_providers::epost::wire::Base64Data::encode(&unique_pdf("g2"));
    let e = client.send_letters(&[again]).await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E103"));

    // Unknown letter: 404, Rejected.
    let e = client.letter_status(1).await.unwrap_err();
    assert_eq!((e.kind, e.http_status), (ErrorKind::Rejected, Some(404)));
}

#[tokio::test]
async fn duplicate_failsafe() {
    let sim = start(60_000, 0).await;
    let client = client(&sim, 0);
    onboard(&sim, &client, EKP).await;
    let pdf = unique_pdf("dup");
    client
        .send_letters(&[letter("Original.pdf", &pdf)])
        .await
        .unwrap();

    let e = client
        .send_letters(&[letter("Kopie.pdf", &pdf)])
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref()),
        (ErrorKind::Rejected, Some("E130"))
    );
    // Without the flag the same PDF goes through (the provider only checks flagged ones).
    let mut unflagged = letter("Kopie-ohne-Schutz.pdf", &pdf);
    unflagged.activate_duplicate_failsafe = None;
    client.send_letters(&[unflagged]).await.unwrap();
    // Two copies in one request: the second is the duplicate.
    let other = unique_pdf("dup2");
    let e = client
        .send_letters(&[letter("A-1.pdf", &other), letter("A-2.pdf", &other)])
        .await
        .unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E130"));
}

#[tokio::test]
async fn failed_letter_reaches_99_and_can_be_sent_again() {
    let sim = start(80, 0).await;
    let client = client(&sim, 0);
    onboard(&sim, &client, EKP).await;
    let pdf = unique_pdf("fail");
    let mut l = letter("Fehler-1.pdf", &pdf);
    l.custom5 = Some("sim:fail:E613".into());
    let id = client.send_letters(&[l]).await.unwrap()[0].letter_id;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let s = client.letter_status(id).await.unwrap();
    assert_eq!(s.status(), StatusId::Error);
    assert_eq!(s.errors()[0].code, "E613");
    // A letter in 99 does not block a resend under the failsafe.
    client
        .send_letters(&[letter("Fehler-1-neu.pdf", &pdf)])
        .await
        .unwrap();
}

#[tokio::test]
async fn test_letters_have_a_test_result() {
    let sim = start(100, 0).await;
    let client = client(&sim, 0);
    onboard(&sim, &client, EKP).await;
    let pdf = unique_pdf("test");
    let mut l = letter("Testbrief.pdf", &pdf);
    l.test_flag = Some(true);
    l.test_email = Some("test@example.com".into());
    let ids = client
        .send_letters(&[l, letter("Echt.pdf", &unique_pdf("real"))])
        .await
        .unwrap();
    let r = client.test_result(ids[0].letter_id).await.unwrap();
    assert_eq!(r.data.decode().unwrap(), pdf);
    let e = client.test_result(ids[1].letter_id).await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some("E150"));
}
