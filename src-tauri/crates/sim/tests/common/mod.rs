//! Helpers shared by the simulator's integration tests: a real sim on a free
//! port, the real client, and the fixtures in `fixtures/epost/`.
#![allow(dead_code)]

use postdesk_providers::epost::{Client, Letter};
use postdesk_providers::Secret;
use postdesk_sim::{Sim, SimConfig, SimHandle};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

pub const VENDOR: &str = "POSTDESK01";
pub const EKP: &str = "1234567890";
pub const PASSWORD: &str = "Sommer2024!";

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../fixtures/epost")
        .join(name)
}

pub fn fixture(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(fixture_path(name)).unwrap()).unwrap()
}

pub fn pdf() -> Vec<u8> {
    std::fs::read(fixture_path("letter.pdf")).unwrap()
}

/// The fixture PDF made unique (a comment after %%EOF), so the failsafe
/// does not see it as a duplicate.
pub fn unique_pdf(tag: &str) -> Vec<u8> {
    let mut p = pdf();
    p.extend_from_slice(format!("% {tag}\n").as_bytes());
    p
}

pub async fn start(step_ms: u64, min_status_ms: u64) -> SimHandle {
    Sim::start(SimConfig::fast(
        Duration::from_millis(step_ms),
        Duration::from_millis(min_status_ms),
    ))
    .await
    .expect("sim starts")
}

pub fn client(sim: &SimHandle, min_status_ms: u64) -> Client {
    Client::builder(sim.base_url())
        .vendor_id(VENDOR)
        .min_status_interval(Duration::from_millis(min_status_ms))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

pub async fn get_json(sim: &SimHandle, path: &str) -> Value {
    reqwest::get(format!("{}{path}", sim.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The code of the newest message to `to`, read over HTTP from `/_sim/inbox`.
pub async fn code_for(sim: &SimHandle, to: &str) -> String {
    let inbox = get_json(sim, "/_sim/inbox").await;
    inbox
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["to"] == to && m["code"].is_string())
        .map(|m| m["code"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no code for {to} in {inbox}"))
}

pub async fn account(sim: &SimHandle, ekp: &str) -> Value {
    let creds = get_json(sim, "/_sim/credentials").await;
    creds["epost"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["ekp"] == ekp)
        .cloned()
        .expect("account")
}

/// smsRequest → code from the inbox → setPassword → login. Returns the secret.
pub async fn onboard(sim: &SimHandle, client: &Client, ekp: &str) -> Secret {
    client.sms_request(ekp).await.unwrap();
    let mobile = account(sim, ekp).await["mobile"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = code_for(sim, &mobile).await;
    assert_eq!(code.len(), 6);
    let password = Secret::new(PASSWORD);
    let secret = client.set_password(ekp, &password, &code).await.unwrap();
    client.login(ekp, &secret, &password).await.unwrap();
    secret
}

pub fn letter(name: &str, pdf: &[u8]) -> Letter {
    let mut l = Letter::new(name, pdf, "Musterfirma GmbH", "53113", "Bonn");
    l.address_line2 = Some("Hauptstr. 1".into());
    l
}
