//! Posti: the real `postdesk_providers::posti` client and provider against the
//! real simulator over HTTP — the key proves itself and lists its agreements;
//! a mistyped, a revoked and a missing key each get their own code; entered
//! agreement ids the key does not reach are told apart; no letter is taken.

use postdesk_providers::posti::{self, codes, Client};
use postdesk_providers::{ErrorKind, NoCheckpoint, OutgoingLetter, Provider, Recipient, Secret, Steps};
use postdesk_sim::{Sim, SimConfig, SimHandle};
use std::time::Duration;

async fn start() -> SimHandle {
    Sim::start(SimConfig::fast(Duration::from_millis(50), Duration::ZERO)).await.expect("sim starts")
}

fn client(sim: &SimHandle, key: &str) -> Client {
    Client::new(&sim.posti_base_url(), &Secret::new(key), Duration::from_secs(10)).unwrap()
}

#[tokio::test]
async fn the_sandbox_key_lists_the_main_users_agreements() {
    let sim = start().await;
    let creds: serde_json::Value = reqwest::get(format!("{}/_sim/credentials", sim.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let p = &creds["posti"];
    assert_eq!(p["api_key"], sim.posti_api_key());
    assert_eq!(p["base_url"], sim.posti_base_url());
    let ids: Vec<String> = serde_json::from_value(p["agreement_ids"].clone()).unwrap();
    assert!(!ids.is_empty());

    let listed = client(&sim, p["api_key"].as_str().unwrap()).agreements().await.unwrap();
    let listed_ids: Vec<&str> = listed.iter().map(|a| a.agreement_id.as_str()).collect();
    assert_eq!(listed_ids, ids);

    let reach = posti::reach(&[ids[0].clone(), "999999".into()], &listed);
    assert_eq!(reach.reached.len(), 1);
    assert_eq!(reach.not_reached, vec!["999999".to_string()]);
}

#[tokio::test]
async fn mistyped_revoked_and_missing_keys_each_have_their_code() {
    let sim = start().await;
    let good = sim.posti_api_key();
    let mistyped = format!("{}x", &good[..good.len() - 1]);
    let e = client(&sim, &mistyped).agreements().await.unwrap_err();
    assert_eq!((e.kind, e.code.as_deref(), e.http_status), (ErrorKind::Auth, Some(codes::INVALID_API_KEY), Some(401)));

    let new = sim.posti_new_key();
    assert_ne!(new, good);
    let e = client(&sim, &good).agreements().await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some(codes::API_KEY_REVOKED));
    client(&sim, &new).agreements().await.unwrap();

    // Without a key nothing goes out; the raw call without the header is refused too.
    let e = client(&sim, "").agreements().await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some(codes::MISSING_API_KEY));
    let resp = reqwest::get(format!("{}/v1/agreements", sim.posti_base_url())).await.unwrap();
    assert_eq!(resp.status(), 401);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["errorCode"], codes::MISSING_API_KEY);
}

#[tokio::test]
async fn the_provider_proves_the_key_and_takes_no_letter() {
    let sim = start().await;
    let p = posti::provider(&sim.posti_base_url(), Secret::new(sim.posti_api_key()), Duration::from_secs(10)).unwrap();
    assert!(!p.describe().prints_letters);
    p.check_connection().await.unwrap();
    let letter = OutgoingLetter {
        idempotency_key: "k".into(),
        wire_name: "k.pdf".into(),
        file_name: "kirje.pdf".into(),
        recipient: Recipient {
            name_lines: vec!["Matti Meikäläinen".into()],
            postal_code: Some("00100".into()),
            city: "Helsinki".into(),
            country: None,
            email: None,
        },
        options: Default::default(),
        test: None,
        cost_center: None,
        reference: None,
    };
    let e = p.submit(&letter, b"%PDF", &mut Steps::default(), &NoCheckpoint).await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some(codes::NO_LETTER_SERVICE));
    let letters: Vec<serde_json::Value> = postdesk_sim::inspect::letters(&sim.base_url()).await.unwrap();
    assert!(letters.is_empty());
}
