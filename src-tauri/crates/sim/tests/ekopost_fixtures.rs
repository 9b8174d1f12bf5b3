//! The simulator takes the request fixtures of `fixtures/ekopost/` verbatim
//! (raw HTTP, no client types) and answers in the shape of the answer fixtures.

mod ekopost_common;
use ekopost_common::*;
use postdesk_providers::ekopost::webhook;
use serde_json::{json, Value};
use std::time::Duration;

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every key of `actual` is in `expected` with a value of the same kind, and
/// objects inside alike.
fn same_shape(actual: &Value, expected: &Value) {
    let (a, e) = (actual.as_object().unwrap(), expected.as_object().unwrap());
    for (k, v) in a {
        let ev = e
            .get(k)
            .unwrap_or_else(|| panic!("unexpected key {k} in {actual}"));
        assert_eq!(kind(v), kind(ev), "kind of {k}");
        if v.is_object() {
            same_shape(v, ev);
        }
    }
}

struct Api {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Api {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("Authorization", format!("api-key {}", self.key));
        if let Some(b) = body {
            req = req.json(b);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    async fn post(&self, path: &str, body: &Value) -> Value {
        let (status, v) = self.send(reqwest::Method::POST, path, Some(body)).await;
        assert_eq!(status, 200, "{path}: {v}");
        v
    }

    async fn get(&self, path: &str) -> Value {
        let (status, v) = self.send(reqwest::Method::GET, path, None).await;
        assert_eq!(status, 200, "{path}: {v}");
        v
    }
}

#[tokio::test]
async fn request_fixtures_verbatim_answers_in_fixture_shape() {
    let sim = start(60).await;
    let api = Api {
        http: reqwest::Client::new(),
        base: sim.ekopost_base_url(),
        key: sim.ekopost_api_key(),
    };

    let campaign = api
        .post("/campaigns", &fixture("campaign_request.json"))
        .await;
    same_shape(&campaign, &fixture("campaign.json"));
    assert_eq!(campaign["state"], "opened");
    let cid = campaign["id"].as_str().unwrap().to_owned();

    let envelope = api
        .post(
            &format!("/campaigns/{cid}/envelopes"),
            &fixture("envelope_request.json"),
        )
        .await;
    same_shape(&envelope, &fixture("envelope.json"));
    assert_eq!(envelope["state"], "opened");
    assert_eq!(
        envelope["address"],
        fixture("envelope_request.json")["address"]
    );
    let eid = envelope["id"].as_str().unwrap().to_owned();

    // address null and color "true": taken; the answer warns the address is read from the document.
    let minimal = api
        .post(
            &format!("/campaigns/{cid}/envelopes"),
            &fixture("envelope_request_minimal.json"),
        )
        .await;
    let mut with_warning = fixture("envelope.json");
    with_warning["warning"] = json!("");
    same_shape(&minimal, &with_warning);
    assert_eq!(minimal["color"], true);
    let mid = minimal["id"].as_str().unwrap().to_owned();

    let content = api
        .post(
            &format!("/campaigns/{cid}/envelopes/{eid}/content"),
            &fixture("content_request.json"),
        )
        .await;
    same_shape(&content, &fixture("content.json"));
    assert_eq!(content["length"], fixture("content.json")["length"]);
    let content = api
        .post(
            &format!("/campaigns/{cid}/envelopes/{mid}/content"),
            &fixture("content_request_return_address.json"),
        )
        .await;
    assert_eq!(content["return_address"], true);

    let closed = api
        .post(
            &format!("/campaigns/{cid}/envelopes/{eid}/close"),
            &json!({}),
        )
        .await;
    same_shape(&closed, &fixture("envelope_closed.json"));
    assert_eq!(closed["state"], "closed");
    api.post(
        &format!("/campaigns/{cid}/envelopes/{mid}/close"),
        &json!({}),
    )
    .await;
    let closed = api
        .post(&format!("/campaigns/{cid}/close"), &json!({}))
        .await;
    same_shape(&closed, &fixture("campaign_closed.json"));
    assert_eq!(
        (closed["state"].as_str(), closed["envelope_count"].as_i64()),
        (Some("closed"), Some(2))
    );

    for c in api.get("/campaigns").await.as_array().unwrap() {
        same_shape(c, &fixture("campaigns.json")[0]);
    }
    for e in api
        .get(&format!("/campaigns/{cid}/envelopes"))
        .await
        .as_array()
        .unwrap()
    {
        same_shape(e, &with_warning);
    }

    // Posted and then completed: a rek letter carries its tracking.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let done = api.get(&format!("/campaigns/{cid}/envelopes/{eid}")).await;
    assert_eq!(done["state"], "completed");
    same_shape(&done, &fixture("envelope_posted.json"));
    assert!(done["tracking"]["parcelNo"].is_string());

    // The callback for it, checked like the fixture's signature.
    let callback = sim.ekopost_callback(&cid).unwrap();
    let body: Value = serde_json::from_slice(&callback.body).unwrap();
    same_shape(&body, &fixture("webhook_campaign_completed.json"));
    same_shape(
        &body["envelopes"][0],
        &fixture("webhook_campaign_completed.json")["envelopes"][0],
    );
    let creds = get_json(&format!("{}/_sim/credentials", sim.base_url())).await;
    let secret = creds["ekopost"]["webhook_secret"].as_str().unwrap();
    assert!(webhook::verify(
        secret.as_bytes(),
        &callback.body,
        &callback.signature
    ));
}

#[tokio::test]
async fn error_fixtures_are_what_the_sim_answers() {
    let sim = start(60).await;
    let api = Api {
        http: reqwest::Client::new(),
        base: sim.ekopost_base_url(),
        key: "wrong".into(),
    };
    let (status, body) = api.send(reqwest::Method::GET, "/campaigns", None).await;
    assert_eq!(status, 400);
    let want = fixture("error_auth.json");
    assert_eq!(
        (&body["error_code"], &body["error_message"]),
        (&want["error_code"], &want["error_message"])
    );
    same_shape(&body, &want);

    let api = Api {
        key: sim.ekopost_api_key(),
        ..api
    };
    let cid = api
        .post("/campaigns", &fixture("campaign_request.json"))
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut rek = fixture("envelope_request.json");
    rek["address"]["name"][0] = json!("Anna-Karin Andersson-Björkqvist Lundström");
    let (status, body) = api
        .send(
            reqwest::Method::POST,
            &format!("/campaigns/{cid}/envelopes"),
            Some(&rek),
        )
        .await;
    assert_eq!((status, body), (400, fixture("error_400.json")));
}
