//! Helpers of the Ekopost tests: a real sim, the real client and provider,
//! letters, checkpoints that fail on purpose, and `fixtures/ekopost/`.
#![allow(dead_code)]

use postdesk_providers::ekopost::{Client, EkopostProvider};
use postdesk_providers::{Checkpoint, ErrorKind, OutgoingLetter, ProviderError, Recipient, Steps};
use postdesk_sim::{Sim, SimConfig, SimHandle};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../fixtures/ekopost")
        .join(name)
}

pub fn fixture(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(fixture_path(name)).unwrap()).unwrap()
}

pub fn pdf() -> Vec<u8> {
    std::fs::read(fixture_path("letter.pdf")).unwrap()
}

pub async fn start(step_ms: u64) -> SimHandle {
    Sim::start(SimConfig::fast(
        Duration::from_millis(step_ms),
        Duration::ZERO,
    ))
    .await
    .expect("sim starts")
}

pub fn client(sim: &SimHandle) -> Client {
    Client::builder(sim.ekopost_base_url())
        .api_key(sim.ekopost_api_key())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

pub fn provider(sim: &SimHandle) -> EkopostProvider {
    EkopostProvider::new(client(sim))
}

pub fn letter(key: &str) -> OutgoingLetter {
    OutgoingLetter {
        idempotency_key: key.into(),
        wire_name: format!("pd-{key}.pdf"),
        file_name: "Faktura.pdf".into(),
        recipient: Recipient {
            name_lines: vec!["Anna Andersson".into(), "Storgatan 1".into()],
            postal_code: Some("111 22".into()),
            city: "Stockholm".into(),
            country: None,
            email: None,
        },
        ..Default::default()
    }
}

pub async fn get_json(url: &str) -> Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

/// The Ekopost entries of `GET /_sim/letters`, over HTTP.
pub async fn envelopes_at_sim(sim: &SimHandle) -> Vec<Value> {
    let all = get_json(&format!("{}/_sim/letters", sim.base_url())).await;
    all.as_array()
        .unwrap()
        .iter()
        .filter(|l| l["provider"] == "ekopost")
        .cloned()
        .collect()
}

/// Keeps every step list it is given; the `fail_on`-th save fails, as a
/// crash would (0: never). `keep_failed`: the failing save still counts as
/// durable (the crash came after the write).
pub struct TestCheckpoint {
    fail_on: usize,
    keep_failed: bool,
    pub saved: Mutex<Vec<Steps>>,
    calls: Mutex<usize>,
}

impl TestCheckpoint {
    pub fn new() -> Self {
        Self::failing_on(0, false)
    }

    pub fn failing_on(fail_on: usize, keep_failed: bool) -> Self {
        TestCheckpoint {
            fail_on,
            keep_failed,
            saved: Mutex::new(Vec::new()),
            calls: Mutex::new(0),
        }
    }

    /// What the outbox row would hold now.
    pub fn durable(&self) -> Steps {
        self.saved
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or_default()
    }

    pub fn keys(&self) -> Vec<Vec<String>> {
        self.saved
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.0.keys().cloned().collect())
            .collect()
    }
}

impl Checkpoint for TestCheckpoint {
    fn save(&self, steps: &Steps) -> Result<(), ProviderError> {
        let mut calls = self.calls.lock().unwrap();
        *calls += 1;
        let fail = *calls == self.fail_on;
        if !fail || self.keep_failed {
            self.saved.lock().unwrap().push(steps.clone());
        }
        if fail {
            return Err(ProviderError::new(ErrorKind::Transient, "simulated crash"));
        }
        Ok(())
    }
}
