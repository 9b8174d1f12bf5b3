//! A simulator started with a token (the app's in-process sandbox) answers its
//! own app only: without the token's prefix 404, under another Host 403, with
//! both every provider and `/_sim/…` as usual. Without a token (the standalone
//! binary) it stays open.

mod common;
#[allow(dead_code)]
mod ekopost_common;

use common::*;
use postdesk_providers::{posti, Provider, Secret, Steps};
use postdesk_sim::{inspect, Sim, SimConfig, SimHandle};
use reqwest::StatusCode;
use std::time::Duration;

async fn guarded() -> (SimHandle, Secret) {
    let token = postdesk_sim::new_token();
    let sim = Sim::start(SimConfig {
        token: Some(token.clone()),
        ..SimConfig::fast(Duration::from_millis(50), Duration::ZERO)
    })
    .await
    .expect("sim starts");
    (sim, token)
}

fn origin(sim: &SimHandle) -> String {
    format!("http://{}", sim.addr())
}

async fn get(url: &str, host: Option<&str>) -> (StatusCode, String) {
    let mut req = reqwest::Client::new().get(url);
    if let Some(h) = host {
        req = req.header(reqwest::header::HOST, h);
    }
    let resp = req.send().await.unwrap();
    (resp.status(), resp.text().await.unwrap())
}

#[tokio::test]
async fn the_base_url_carries_the_token_and_the_credentials_name_it() {
    let (sim, token) = guarded().await;
    assert_eq!(
        sim.base_url(),
        format!("{}/{}", origin(&sim), token.expose())
    );
    assert!(token.expose().len() >= 32, "at least 128 bits as hex");
    assert!(
        !format!("{sim:?} {:?}", sim.config()).contains(token.expose()),
        "Debug hides the token"
    );
    let creds = inspect::credentials(&sim.base_url()).await.unwrap();
    assert_eq!(creds["ekopost"]["base_url"], sim.ekopost_base_url());
    assert_eq!(creds["posti"]["base_url"], sim.posti_base_url());
}

#[tokio::test]
async fn without_the_token_every_path_is_404_without_a_word() {
    let (sim, token) = guarded().await;
    let o = origin(&sim);
    let wrong = postdesk_sim::new_token();
    for path in [
        "/_sim/credentials".to_owned(),
        "/_sim/inbox".to_owned(),
        "/_sim/letters".to_owned(),
        "/_sim/faults".to_owned(),
        "/api/Login/HealthCheck".to_owned(),
        "/posti/v1/agreements".to_owned(),
        "/ekopost/campaigns".to_owned(),
        "/".to_owned(),
        format!("/{}/_sim/credentials", wrong.expose()),
        format!("/{}/_sim/credentials", &token.expose()[..40]),
        format!("/{}x/_sim/credentials", token.expose()),
        format!("/_sim/{}/credentials", token.expose()),
        format!("/%2F{}/_sim/credentials", token.expose()),
    ] {
        let (status, body) = get(&format!("{o}{path}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.is_empty(), "{path}: {body}");
    }
    let posted = reqwest::Client::new()
        .post(format!("{o}/_sim/faults"))
        .json(&serde_json::json!({ "http_5xx": 1.0 }))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        sim.credentials()["epost"],
        serde_json::json!([]),
        "nothing changed"
    );
}

#[tokio::test]
async fn with_the_token_but_another_host_it_is_403() {
    let (sim, _) = guarded().await;
    let url = format!("{}/_sim/credentials", sim.base_url());
    let port = sim.addr().port();
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "127.0.0.1".to_owned(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = get(&url, Some(&host)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{host}");
        assert!(!body.contains("api_key"), "{host}: {body}");
    }
    // The names of this server, as a browser or reqwest send them.
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        assert_eq!(get(&url, Some(&host)).await.0, StatusCode::OK, "{host}");
    }
    assert_eq!(
        get(&url.replace("127.0.0.1", "localhost"), None).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn with_the_token_and_the_host_every_provider_and_the_inspection_work() {
    let (sim, _) = guarded().await;
    // E-POST at the base: the password flow (PIN from the inbox), a letter,
    // its status and test result.
    let c = client(&sim, 0);
    onboard(&sim, &c, EKP).await;
    let mut l = letter("Durch-den-Waechter.pdf", &unique_pdf("guard"));
    l.test_flag = Some(true);
    let id = c.send_letters(&[l]).await.unwrap()[0].letter_id;
    assert_eq!(c.letter_status(id).await.unwrap().letter_id, id);
    assert!(!c.test_result(id).await.unwrap().data.as_str().is_empty());
    assert_eq!(inspect::letters(&sim.base_url()).await.unwrap().len(), 1);
    assert!(!inspect::inbox(&sim.base_url()).await.unwrap().is_empty());

    // Ekopost under /ekopost.
    let eko = ekopost_common::provider(&sim)
        .submit(
            &ekopost_common::letter("guard-1"),
            &ekopost_common::pdf(),
            &mut Steps::default(),
            &ekopost_common::TestCheckpoint::new(),
        )
        .await;
    assert!(eko.is_ok(), "{eko:?}");

    // Posti under /posti, and its new key under /_sim.
    let key = Secret::new(sim.posti_api_key());
    let listed = posti::Client::new(&sim.posti_base_url(), &key, Duration::from_secs(10))
        .unwrap()
        .agreements()
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    let renewed = inspect::posti_new_key(&sim.base_url()).await.unwrap();
    assert_ne!(renewed["api_key"], key.expose());

    // Faults under /_sim still reach the calls they are meant for.
    let set = reqwest::Client::new()
        .post(format!("{}/_sim/faults", sim.base_url()))
        .json(&serde_json::json!({ "http_5xx": 1.0 }))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), StatusCode::OK);
    let e = c
        .send_letters(&[letter("Gestoert.pdf", &unique_pdf("fault"))])
        .await
        .unwrap_err();
    assert_eq!(e.http_status, Some(503), "{e}");
}

#[tokio::test]
async fn without_a_token_the_simulator_stays_open() {
    let sim = start(50, 0).await;
    assert_eq!(sim.base_url(), origin(&sim));
    let port = sim.addr().port();
    let url = format!("{}/_sim/credentials", sim.base_url());
    assert_eq!(get(&url, None).await.0, StatusCode::OK);
    assert_eq!(
        get(&url, Some(&format!("evil.example:{port}"))).await.0,
        StatusCode::OK
    );
}
