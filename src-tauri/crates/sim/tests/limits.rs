//! What the simulator takes in and keeps is bounded: request bodies at the
//! providers' own sizes (one 20 MB letter as base64 in JSON on the upload
//! calls, a few MB elsewhere), and test letters' PDFs only for the 48 h their
//! test result can be fetched.

mod common;
use common::*;
use postdesk_sim::{Sim, SimConfig};
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

const MIB: usize = 1024 * 1024;

async fn post(url: &str, body: Vec<u8>) -> StatusCode {
    reqwest::Client::new()
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn an_oversized_body_is_413_and_the_simulator_keeps_serving() {
    let sim = start(50, 0).await;
    let base = sim.base_url();
    let eko_content = format!("{}/campaigns/c/envelopes/e/content", sim.ekopost_base_url());
    // The upload calls take one letter of the largest PDF (20 MiB as base64
    // is 26.7 MiB) and its JSON, but not 40 MiB.
    for url in [format!("{base}/api/Letter"), eko_content.clone()] {
        assert_eq!(
            post(&url, vec![b' '; 40 * MIB]).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{url}"
        );
        let fits = post(&url, vec![b' '; 28 * MIB]).await;
        assert_ne!(fits, StatusCode::PAYLOAD_TOO_LARGE, "{url}");
    }
    // Every other call is small JSON: 3 MiB is too much.
    for url in [
        format!("{base}/api/Login"),
        format!("{base}/api/Letter/StatusQuery"),
        format!("{base}/_sim/faults"),
        format!("{}/campaigns", sim.ekopost_base_url()),
    ] {
        assert_eq!(
            post(&url, vec![b' '; 3 * MIB]).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{url}"
        );
    }
    // Still up, and a real letter still goes through.
    let c = client(&sim, 0);
    onboard(&sim, &c, EKP).await;
    c.send_letters(&[letter("Nach-413.pdf", &unique_pdf("after"))])
        .await
        .unwrap();
}

/// The letter's JSON in a state file.
fn stored_letter(path: &std::path::Path) -> Value {
    let state: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    state["epost"]["letters"][0].clone()
}

#[tokio::test]
async fn a_test_letters_pdf_leaves_the_state_with_its_48_hour_test_result() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let config = SimConfig {
        state_path: Some(path.clone()),
        ..SimConfig::fast(Duration::from_millis(50), Duration::ZERO)
    };
    let sim = Sim::start(config.clone()).await.unwrap();
    let c = client(&sim, 0);
    let secret = onboard(&sim, &c, EKP).await;
    let mut l = letter("Testbrief-alt.pdf", &unique_pdf("old"));
    l.test_flag = Some(true);
    l.cover_data = Some(postdesk_providers::epost::wire::Base64Data::encode(&pdf()));
    let id = c.send_letters(&[l]).await.unwrap()[0].letter_id;
    assert!(c.test_result(id).await.is_ok());
    sim.shutdown().await;
    assert!(stored_letter(&path)["pdf_base64"].is_string());
    assert!(stored_letter(&path)["received"]["coverData"].is_string());

    // Make it 49 hours old in the file, as if the app had been closed for two days.
    let mut state: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let old = time::OffsetDateTime::now_utc() - time::Duration::hours(49);
    state["epost"]["letters"][0]["accepted_at"] = old
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
        .into();
    std::fs::write(&path, serde_json::to_vec(&state).unwrap()).unwrap();
    let before = std::fs::metadata(&path).unwrap().len();
    let pdf_text = stored_letter(&path)["pdf_base64"].as_str().unwrap().len() as u64;

    let sim = Sim::start(config).await.unwrap();
    let kept = stored_letter(&path);
    assert!(kept["pdf_base64"].is_null(), "the PDF left the state file");
    assert!(
        kept["received"].get("coverData").is_none(),
        "so did the own cover page"
    );
    assert_eq!(
        kept["file_name"], "Testbrief-alt.pdf",
        "the letter itself stays"
    );
    // Smaller by at least the PDF (not "half": the other providers' state is in
    // the file too).
    assert!(std::fs::metadata(&path).unwrap().len() + pdf_text <= before);
    let c = client(&sim, 0);
    c.login(EKP, &secret, &PASSWORD.into()).await.unwrap();
    let e = c.test_result(id).await.unwrap_err();
    assert_eq!(e.http_status, Some(404), "{e}");
    assert_eq!(c.letter_status(id).await.unwrap().letter_id, id);
}
