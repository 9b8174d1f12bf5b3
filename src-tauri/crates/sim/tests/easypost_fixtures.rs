//! The simulator takes the request fixtures of `fixtures/easypost/` verbatim
//! (raw HTTP, no client) and answers in the shape of the answer fixtures; its
//! answers also parse as the wire types, and its webhooks pass the provider's
//! verifier.

use postdesk_providers::easypost::wire::{
    DownloadUrl, Job, Page, PeppolDocument, SendingEvent, Usage, Workflow,
};
use postdesk_sim::{Sim, SimConfig, SimHandle};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../fixtures/easypost")
        .join(name)
}

fn fixture(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(fixture_path(name)).unwrap()).unwrap()
}

fn pdf() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../fixtures/ekopost/letter.pdf"),
    )
    .unwrap()
}

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
        assert_eq!(kind(v), kind(ev), "kind of {k} in {actual}");
        if v.is_object() {
            same_shape(v, ev);
        }
    }
}

/// The same keys both ways, of the same kinds.
fn same_keys(actual: &Value, expected: &Value) {
    same_shape(actual, expected);
    same_shape(expected, actual);
}

async fn start(step_ms: u64) -> SimHandle {
    Sim::start(SimConfig::fast(
        Duration::from_millis(step_ms),
        Duration::ZERO,
    ))
    .await
    .expect("sim starts")
}

struct Api {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Api {
    fn new(sim: &SimHandle) -> Self {
        Api {
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
            base: sim.easypost_base_url(),
            key: sim.easypost_api_key(),
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("x-api-key", &self.key);
        if let Some(b) = body {
            req = req.json(b);
        }
        let r = req.send().await.unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> Value {
        let (s, v) = self.send(reqwest::Method::GET, path, None).await;
        assert_eq!(s, 200, "{path}: {v}");
        v
    }
}

fn parses<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{e}: {v}"))
}

#[tokio::test]
async fn request_fixtures_verbatim_answers_in_fixture_shape() {
    let sim = start(60).await;
    let api = Api::new(&sim);

    assert_eq!(
        reqwest::get(format!("{}/health", api.base))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap(),
        fixture("health.json")
    );

    // The fixtures' workflows are the sandbox's first three, as they are.
    let page = api.get("/workflows").await;
    let want = fixture("workflows_page.json");
    same_keys(&page, &want);
    assert_eq!(
        page["items"].as_array().unwrap()[..3],
        want["items"].as_array().unwrap()[..]
    );
    parses::<Page<Workflow>>(&page);
    let wf = fixture("workflow.json");
    assert_eq!(
        api.get(&format!("/workflows/{}", wf["id"].as_str().unwrap()))
            .await,
        wf
    );

    // The job: awaiting, then processing.
    let (s, job) = api
        .send(
            reqwest::Method::POST,
            "/jobs/single-file",
            Some(&fixture("single_file_job_request.json")),
        )
        .await;
    assert_eq!(s, 201, "{job}");
    same_keys(&job, &fixture("job_awaiting.json"));
    let request = fixture("single_file_job_request.json");
    for k in ["workflowId", "fileName", "externalReference"] {
        assert_eq!(job[k], request[k], "{k}");
    }
    parses::<Job>(&job);
    let url = job["fileUploadUrl"].as_str().unwrap();
    let put = |body: Vec<u8>| api.http.put(url).body(body).send();
    assert_eq!(put(pdf()).await.unwrap().status(), 200);
    let again = put(pdf()).await.unwrap();
    assert_eq!(again.status(), 409);
    assert_eq!(
        again.json::<Value>().await.unwrap(),
        fixture("error_409_job_not_awaiting.json")
    );
    let id = job["id"].as_str().unwrap();
    let processing = api.get(&format!("/jobs/{id}")).await;
    same_keys(&processing, &fixture("job_processing.json"));
    assert_eq!(processing["status"], "PROCESSING");

    // Its sending event, sent with both files; a download URL.
    let events = api.get(&format!("/sending-events?jobId={id}")).await;
    parses::<Page<SendingEvent>>(&events);
    let eid = events["items"][0]["id"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = api.get(&format!("/sending-events/{eid}")).await;
    same_keys(&sent, &fixture("sending_event_sent.json"));
    assert_eq!(sent["status"], "SENT");
    let refs = |v: &Value| {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["reference"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(refs(&sent), refs(&fixture("sending_event_sent.json")));
    let link = api
        .get(&format!("/sending-events/{eid}/files/EPOD/download-url"))
        .await;
    same_keys(&link, &fixture("download_url.json"));
    parses::<DownloadUrl>(&link);

    // A failed one, its re-send, and the re-send's re-send refused.
    let mut failing = fixture("single_file_job_request.json");
    failing["fileName"] = json!("postdesk-sim-fail.pdf");
    failing["externalReference"] = json!("postdesk-sim-fail");
    let (_, job) = api
        .send(reqwest::Method::POST, "/jobs/single-file", Some(&failing))
        .await;
    assert_eq!(
        api.http
            .put(job["fileUploadUrl"].as_str().unwrap())
            .body(pdf())
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let fid = api
        .get(&format!(
            "/sending-events?jobId={}",
            job["id"].as_str().unwrap()
        ))
        .await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let failed = api.get(&format!("/sending-events/{fid}")).await;
    // The fixtures' failed and re-sent events have a recipient with a name only.
    let with_address = |name: &str| {
        let mut want = fixture(name);
        want["recipient"] = fixture("sending_event_sent.json")["recipient"].clone();
        want
    };
    same_keys(&failed, &with_address("sending_event_failed.json"));
    assert_eq!(
        failed["error"]["code"],
        fixture("sending_event_failed.json")["error"]["code"]
    );
    assert_eq!(refs(&failed), refs(&fixture("sending_event_failed.json")));
    let (s, resend) = api
        .send(
            reqwest::Method::POST,
            &format!("/sending-events/{fid}/resend"),
            None,
        )
        .await;
    assert_eq!(s, 201);
    same_keys(&resend, &with_address("sending_event_resend.json"));
    assert_eq!(
        (
            resend["status"].as_str(),
            resend["originalSendingEventId"].as_str()
        ),
        (Some("CREATED"), Some(fid.as_str()))
    );
    let (s, err) = api
        .send(
            reqwest::Method::POST,
            &format!("/sending-events/{}/resend", resend["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!((s, err), (409, fixture("error_409_resend.json")));

    // Peppol and usage.
    let docs = api.get("/peppol-incoming-documents").await;
    let want = fixture("peppol_documents_page.json");
    same_keys(&docs, &want);
    for d in docs["items"].as_array().unwrap() {
        same_keys(d, &want["items"][0]);
    }
    parses::<Page<PeppolDocument>>(&docs);
    let usage = api.get("/usage?from=2026-01-01&until=2030-12-31").await;
    same_keys(&usage, &fixture("usage.json"));
    for i in usage["items"].as_array().unwrap() {
        same_keys(i, &fixture("usage.json")["items"][0]);
    }
    assert!(!usage["items"].as_array().unwrap().is_empty());
    parses::<Usage>(&usage);
}

#[tokio::test]
async fn error_fixtures_are_what_the_sim_answers() {
    let sim = start(60).await;
    let mut api = Api::new(&sim);
    let (s, v) = api
        .send(
            reqwest::Method::POST,
            "/jobs/single-file",
            Some(&json!({ "workflowId": 42, "fileName": "" })),
        )
        .await;
    assert_eq!((s, v), (400, fixture("error_400_validation.json")));
    api.key = "ep_wrong".into();
    let (s, v) = api.send(reqwest::Method::GET, "/jobs", None).await;
    assert_eq!((s, v), (401, fixture("error_401.json")));
}

/// What the receiver got: signature header and body.
type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

#[tokio::test]
async fn webhooks_pass_the_providers_verifier() {
    use axum::routing::post;
    let got: Received = Arc::default();
    let keep = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let keep = keep.clone();
                async move {
                    let sig = headers
                        .get("x-easypost-signature")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    keep.lock().unwrap().push((sig, body.to_vec()));
                    "ok"
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let sim = start(40).await;
    let api = Api::new(&sim);
    let (s, sub) = api
        .send(
            reqwest::Method::POST,
            "/webhooks",
            Some(&json!({ "url": format!("http://localhost:{}/hook", addr.port()), "eventTypes": ["job.status.changed", "peppol.document.received"] })),
        )
        .await;
    assert_eq!(s, 201, "{sub}");
    let secret = sub["secret"].as_str().unwrap().to_owned();
    let (s, r) = api
        .send(
            reqwest::Method::POST,
            &format!("/webhooks/{}/test", sub["id"].as_str().unwrap()),
            Some(&json!({ "eventType": "job.status.changed" })),
        )
        .await;
    assert_eq!((s, r["statusCode"].as_u64()), (200, Some(200)));
    let (s, _) = api
        .send(
            reqwest::Method::POST,
            "/jobs/single-file",
            Some(&fixture("single_file_job_request.json")),
        )
        .await;
    assert_eq!(s, 201);
    reqwest::Client::new()
        .post(format!("{}/_sim/easypost/peppol", sim.base_url()))
        .send()
        .await
        .unwrap();
    for _ in 0..100 {
        if got.lock().unwrap().len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    for (sig, body) in &got {
        assert!(
            postdesk_providers::easypost::webhook::verify(secret.as_bytes(), sig, body),
            "{sig}"
        );
        assert!(!postdesk_providers::easypost::webhook::verify(
            b"whsec_other",
            sig,
            body
        ));
    }
}
