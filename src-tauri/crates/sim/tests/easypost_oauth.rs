//! EasyPost Connect's OAuth2 client credentials end to end: the real
//! `postdesk_providers::easypost` client against the real simulator — a
//! letter sent with a bearer token, the token endpoint's refusals (RFC 6749
//! `invalid_client`), a token that expires while the client holds it (asked
//! anew once), a short-lived token renewed before it expires, and the
//! simulator's own rules (Basic or body credentials, bearer or key on every
//! route, 401 in NestJS's shape otherwise).

use postdesk_providers::easypost::wire::{codes, oauth_error, TOKEN_PATH};
use postdesk_providers::easypost::{Auth, Client, ClientCredentials, EasypostProvider};
use postdesk_providers::{
    Checkpoint, ErrorKind, OutgoingLetter, Provider, ProviderError, Recipient, Secret, Steps,
};
use postdesk_sim::{inspect, Sim, SimConfig, SimHandle};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

const POSTAL: &str = "wf_01HZX3K8Q4M2V7T9C5N6B1D0AP";

async fn start() -> SimHandle {
    Sim::start(SimConfig::fast(Duration::from_millis(100), Duration::ZERO))
        .await
        .expect("sim starts")
}

fn creds(sim: &SimHandle, secret: Option<&str>) -> ClientCredentials {
    let (id, real) = sim.easypost_client();
    ClientCredentials {
        client_id: id,
        client_secret: Secret::new(secret.unwrap_or(&real)),
        token_url: None,
    }
}

fn client(sim: &SimHandle, secret: Option<&str>) -> Client {
    Client::builder(sim.easypost_base_url())
        .auth(Auth::OAuth2(creds(sim, secret)))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

async fn book(sim: &SimHandle) -> Value {
    inspect::easypost_oauth_book(&sim.base_url()).await.unwrap()
}

fn letter(key: &str) -> OutgoingLetter {
    OutgoingLetter {
        idempotency_key: key.into(),
        wire_name: format!("Factuur_{key}.pdf"),
        file_name: "Factuur.pdf".into(),
        recipient: Recipient {
            name_lines: vec!["Jan Peeters".into(), "Veldstraat 42".into()],
            postal_code: Some("9000".into()),
            city: "Gent".into(),
            country: None,
            email: None,
        },
        ..Default::default()
    }
}

fn pdf() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../fixtures/epost/letter.pdf"),
    )
    .unwrap()
}

struct Keep;
impl Checkpoint for Keep {
    fn save(&self, _: &Steps) -> Result<(), ProviderError> {
        Ok(())
    }
}

#[tokio::test]
async fn a_letter_is_sent_with_a_bearer_token_asked_once() {
    let sim = start().await;
    let p = EasypostProvider::new(client(&sim, None), POSTAL);
    assert_eq!(
        p.client().token_url(),
        Some(format!("{}{TOKEN_PATH}", sim.easypost_base_url()).as_str())
    );
    p.check_connection().await.unwrap();
    let id = p
        .submit(&letter("oauth-1"), &pdf(), &mut Steps::default(), &Keep)
        .await
        .unwrap();
    p.status(&id).await.unwrap();
    // One token for health, workflow, job lookups, creation, status: cached.
    assert_eq!(book(&sim).await["issued"], 1);
    // The upload went to the pre-signed URL (no auth there) and landed.
    let letters: Value = reqwest::get(format!("{}/_sim/letters", sim.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(letters
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["providerId"] == id.as_str()));
}

#[tokio::test]
async fn a_wrong_client_secret_is_invalid_client() {
    let sim = start().await;
    let c = client(&sim, Some("not-the-secret"));
    let e = c.authorize().await.unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref(), e.http_status),
        (ErrorKind::Auth, Some(codes::INVALID_CLIENT), Some(401))
    );
    // Neither the secret nor anything like it in the error.
    assert!(!format!("{e:?} {e}").contains("not-the-secret"));
    let e = c.workflows().await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some(codes::INVALID_CLIENT));
    assert_eq!(book(&sim).await["issued"], 0);
}

#[tokio::test]
async fn a_token_expired_under_the_client_is_renewed_once() {
    let sim = start().await;
    let c = client(&sim, None);
    c.workflows().await.unwrap();
    assert_eq!(book(&sim).await["issued"], 1);
    // The server ends it while the client still thinks it fresh: 401, a new
    // token, the call again — once.
    inspect::easypost_oauth(&sim.base_url(), None, true)
        .await
        .unwrap();
    c.workflows().await.unwrap();
    assert_eq!(book(&sim).await["issued"], 2);
    c.workflows().await.unwrap();
    assert_eq!(book(&sim).await["issued"], 2, "the new token is kept");
}

#[tokio::test]
async fn a_short_lived_token_is_asked_anew_before_it_expires() {
    let sim = start().await;
    // Tokens of 1 s: the client keeps one half of that.
    inspect::easypost_oauth(&sim.base_url(), Some(1), false)
        .await
        .unwrap();
    let c = client(&sim, None);
    c.workflows().await.unwrap();
    assert_eq!(book(&sim).await["issued"], 1);
    // 600 ms later the token is still good at the server, but within the
    // client's margin: a new one is asked before the call (no 401 needed).
    tokio::time::sleep(Duration::from_millis(600)).await;
    c.workflows().await.unwrap();
    assert_eq!(book(&sim).await["issued"], 2);
}

#[tokio::test]
async fn a_server_refusing_every_token_is_asked_once_more_then_answered() {
    // Tokens from another simulator's endpoint: this one refuses them all.
    let sim = start().await;
    let other = start().await;
    let (id, secret) = other.easypost_client();
    let c = Client::builder(sim.easypost_base_url())
        .auth(Auth::OAuth2(ClientCredentials {
            client_id: id,
            client_secret: Secret::new(secret),
            token_url: Some(format!("{}{TOKEN_PATH}", other.easypost_base_url())),
        }))
        .build()
        .unwrap();
    let e = c.workflows().await.unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref()),
        (ErrorKind::Auth, Some(codes::INVALID_TOKEN))
    );
    // The first token, then one renewal after the 401 — not a loop.
    assert_eq!(book(&other).await["issued"], 2);
    assert_eq!(book(&sim).await["issued"], 0);
}

#[tokio::test]
async fn the_simulator_takes_a_key_or_a_bearer_and_refuses_the_rest() {
    let sim = start().await;
    let (id, secret) = sim.easypost_client();
    let base = sim.easypost_base_url();
    let http = reqwest::Client::new();
    // Credentials in the body (RFC 6749 §2.3.1 allows it).
    let resp = http
        .post(format!("{base}/oauth/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=client_credentials&client_id={id}&client_secret={secret}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let token: Value = resp.json().await.unwrap();
    assert_eq!(token["token_type"], "Bearer");
    assert!(token["expires_in"].as_i64().unwrap() > 0);
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    let ok = http
        .get(format!("{base}/workflows"))
        .header("authorization", &bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let ok = http
        .get(format!("{base}/workflows"))
        .header("x-api-key", sim.easypost_api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    // A made-up token: 401 in NestJS's shape with INVALID_TOKEN.
    let bad = http
        .get(format!("{base}/usage?from=2026-01-01&until=2026-01-31"))
        .header("authorization", "Bearer nope")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    let body: Value = bad.json().await.unwrap();
    assert_eq!(
        (body["statusCode"].as_u64(), body["code"].as_str()),
        (Some(401), Some(codes::INVALID_TOKEN))
    );
    // Nothing: 401 MISSING_API_KEY as before.
    let none = http.get(format!("{base}/jobs")).send().await.unwrap();
    assert_eq!(none.status(), 401);
    // Wrong grant, wrong secret, no client.
    let refused = |body: String, basic: Option<(String, String)>| {
        let mut req = http
            .post(format!("{base}/oauth/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        if let Some((u, p)) = basic {
            req = req.basic_auth(u, Some(p));
        }
        req.send()
    };
    let r = refused(
        "grant_type=password".into(),
        Some((id.clone(), secret.clone())),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        oauth_error::UNSUPPORTED_GRANT_TYPE
    );
    let r = refused(
        "grant_type=client_credentials".into(),
        Some((id.clone(), "wrong".into())),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().contains_key("www-authenticate"));
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        oauth_error::INVALID_CLIENT
    );
    let r = refused("grant_type=client_credentials".into(), None)
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // The credentials page names the client and the token URL.
    let creds = inspect::credentials(&sim.base_url()).await.unwrap();
    assert_eq!(creds["easypost"]["client_id"], id.as_str());
    assert_eq!(creds["easypost"]["client_secret"], secret.as_str());
    assert_eq!(
        creds["easypost"]["token_url"],
        format!("{base}/oauth/token").as_str()
    );
}
