//! EasyPost Connect under `/easypost`: plain HTTP (reqwest, no client types)
//! against the real simulator — auth, health, workflows and paging, the
//! single-file job with its pre-signed upload, sending events over time with
//! their files, resend rules, job expiry, Peppol, usage, signed webhooks,
//! inspection, faults and persistence.

use postdesk_sim::{Faults, Sim, SimConfig, SimHandle};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const POSTAL: &str = "wf_01HZX3K8Q4M2V7T9C5N6B1D0AP";
const REGISTERED: &str = "wf_01HZX3M1R7S8W2Y4E6G9H3J5KQ";
const PAYLOAD_PDF_INACTIVE: &str = "wf_01HZX3N5T2U6X8Z1F3H7K9L2MR";
const EBOX: &str = "wf_01HZX3P9V4W8Y2A5C7E1G3J6NS";
const WORD: &str = "wf_01HZX3Q2X6Z0B4D8F2H6K0M4PT";
const RETIRED: &str = "wf_01HZX3R5Z8B2D6F0H4K8M2P6RV";

async fn start(step_ms: u64) -> SimHandle {
    Sim::start(SimConfig::fast(
        Duration::from_millis(step_ms),
        Duration::ZERO,
    ))
    .await
    .expect("sim starts")
}

fn pdf() -> Vec<u8> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../fixtures/ekopost/letter.pdf");
    std::fs::read(path).unwrap()
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

struct Api {
    http: reqwest::Client,
    base: String,
    key: Option<String>,
}

impl Api {
    fn new(sim: &SimHandle) -> Self {
        Api {
            http: http(),
            base: sim.easypost_base_url(),
            key: Some(sim.easypost_api_key()),
        }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(k) = &self.key {
            req = req.header("x-api-key", k);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn get(&self, path: &str) -> Value {
        let (s, v) = self.call(reqwest::Method::GET, path, None).await;
        assert_eq!(s, 200, "GET {path}: {v}");
        v
    }

    async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    async fn create_job(&self, workflow: &str, file_name: &str) -> Value {
        let (s, v) = self
            .post("/jobs/single-file", &json!({ "workflowId": workflow, "fileName": file_name, "externalReference": format!("ref-{file_name}") }))
            .await;
        assert_eq!(s, 201, "{v}");
        v
    }

    async fn upload(&self, url: &str, body: Vec<u8>) -> (u16, Value) {
        let r = self.http.put(url).body(body).send().await.unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    /// Create a job, upload the PDF; the job.
    async fn send(&self, workflow: &str, file_name: &str) -> Value {
        let job = self.create_job(workflow, file_name).await;
        let (s, v) = self
            .upload(job["fileUploadUrl"].as_str().unwrap(), pdf())
            .await;
        assert_eq!(s, 200, "{v}");
        job
    }

    async fn events_of(&self, job_id: &str) -> Vec<Value> {
        self.get(&format!("/sending-events?jobId={job_id}")).await["items"]
            .as_array()
            .unwrap()
            .clone()
    }
}

fn ts(v: &Value) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(
        v.as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap()
}

fn code(v: &Value) -> &str {
    v["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn keys_are_checked_and_health_needs_none() {
    let sim = start(50).await;
    let mut api = Api::new(&sim);
    api.key = None;
    let (s, v) = api.call(reqwest::Method::GET, "/workflows", None).await;
    assert_eq!(
        (s, v),
        (
            401,
            json!({ "statusCode": 401, "message": "Unauthorized", "error": "Unauthorized", "code": "MISSING_API_KEY" })
        )
    );
    let (s, v) = api.call(reqwest::Method::GET, "/health", None).await;
    assert_eq!((s, v), (200, json!({ "status": "ok" })));
    api.key = Some("ep_sandbox_wrong".into());
    let (s, v) = api
        .call(reqwest::Method::POST, "/jobs/single-file", Some(&json!({})))
        .await;
    assert_eq!(
        (s, code(&v), v["error"].as_str()),
        (401, "INVALID_API_KEY", Some("Unauthorized"))
    );
    // Companies, departments, users: not simulated.
    let api = Api::new(&sim);
    assert_eq!(
        api.call(reqwest::Method::GET, "/companies", None).await.0,
        404
    );
}

#[tokio::test]
async fn workflows_page_by_after_and_max_items() {
    let sim = start(50).await;
    let api = Api::new(&sim);
    let all = api.get("/workflows").await;
    assert_eq!(all["maxItems"], 100);
    let all: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(all.len() >= 6);
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let q = if after.is_empty() {
            "/workflows?maxItems=2".to_owned()
        } else {
            format!("/workflows?maxItems=2&after={after}")
        };
        let page = api.get(&q).await;
        assert_eq!(page["maxItems"], 2);
        let items = page["items"].as_array().unwrap();
        seen.extend(items.iter().map(|w| w["id"].as_str().unwrap().to_owned()));
        if items.len() < 2 {
            break;
        }
        after = items.last().unwrap()["id"].as_str().unwrap().to_owned();
    }
    assert_eq!(seen, all);
    for bad in [
        "/workflows?maxItems=0",
        "/workflows?maxItems=101",
        "/workflows?maxItems=x",
        "/workflows?after=wf_nope",
    ] {
        let (s, v) = api.call(reqwest::Method::GET, bad, None).await;
        assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"), "{bad}");
        assert!(v["message"].is_array());
    }
    let w = api.get(&format!("/workflows/{EBOX}")).await;
    assert_eq!(
        (w["type"].as_str(), w["channels"].clone()),
        (Some("SINGLE_FILE"), json!(["EBOX", "POSTAL_MAIL"]))
    );
    let (s, v) = api
        .call(reqwest::Method::GET, "/workflows/wf_nope", None)
        .await;
    assert_eq!((s, code(&v)), (404, "NOT_FOUND"));
}

#[tokio::test]
async fn a_job_takes_its_file_once_and_its_event_reaches_sent_with_files() {
    let sim = start(100).await;
    let api = Api::new(&sim);

    // Refusals first.
    let (s, v) = api
        .post("/jobs/single-file", &json!({ "fileName": "" }))
        .await;
    assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"));
    assert_eq!(v["message"].as_array().unwrap().len(), 2, "{v}");
    let (s, v) = api
        .post(
            "/jobs/single-file",
            &json!({ "workflowId": "wf_nope", "fileName": "a.pdf" }),
        )
        .await;
    assert_eq!((s, code(&v)), (404, "NOT_FOUND"));
    for wf in [WORD, RETIRED, PAYLOAD_PDF_INACTIVE] {
        let (s, v) = api
            .post(
                "/jobs/single-file",
                &json!({ "workflowId": wf, "fileName": "a.pdf" }),
            )
            .await;
        assert_eq!((s, code(&v)), (422, "WORKFLOW_NOT_USABLE"), "{wf}");
    }

    let job = api.create_job(POSTAL, "postdesk-1.pdf").await;
    assert_eq!(job["status"], "AWAITING_FOR_FILE");
    assert_eq!(job["sendingEventCount"], 0);
    assert_eq!(
        ts(&job["expiresAt"]) - ts(&job["startDate"]),
        time::Duration::hours(2)
    );
    let url = job["fileUploadUrl"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with(&format!(
            "{}/_upload/{}?expires=",
            sim.easypost_base_url(),
            job["id"].as_str().unwrap()
        )),
        "{url}"
    );
    let id = job["id"].as_str().unwrap().to_owned();
    // Valid 15 minutes.
    let expires: i64 = url
        .split("expires=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let left = expires - time::OffsetDateTime::now_utc().unix_timestamp();
    assert!((890..=900).contains(&left), "{left}");

    // GET while awaiting: a fresh URL, the same expiry.
    let again = api.get(&format!("/jobs/{id}")).await;
    assert_eq!(
        (again["status"].as_str(), &again["expiresAt"]),
        (Some("AWAITING_FOR_FILE"), &job["expiresAt"])
    );
    assert!(again["fileUploadUrl"].is_string());

    // The pre-signed URL: tampered, unsigned, or expired → 403; not a PDF → 400.
    let tampered = format!("{}0", &url[..url.len() - 1]).replace("signature=", "signature=f");
    for bad in [
        tampered,
        url.split('?').next().unwrap().to_owned(),
        url.replace("expires=", "expires=1"),
    ] {
        let (s, v) = api.upload(&bad, pdf()).await;
        assert_eq!((s, code(&v)), (403, "UPLOAD_URL_EXPIRED"), "{bad}");
    }
    let expired = url.split('?').next().unwrap().to_owned() + "?expires=1000&signature=00";
    assert_eq!(api.upload(&expired, pdf()).await.0, 403);
    let (s, v) = api.upload(&url, b"hello".to_vec()).await;
    assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"));

    let (s, _) = api.upload(&url, pdf()).await;
    assert_eq!(s, 200);
    let (s, v) = api.upload(&url, pdf()).await;
    assert_eq!((s, code(&v)), (409, "JOB_NOT_AWAITING_FILE"));

    let processing = api.get(&format!("/jobs/{id}")).await;
    assert_eq!(processing["status"], "PROCESSING");
    assert_eq!(processing["sendingEventCount"], 1);
    assert!(processing.get("fileUploadUrl").is_none() && processing.get("expiresAt").is_none());

    let events = api.events_of(&id).await;
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (
            e["status"].as_str(),
            e["channel"].as_str(),
            e["isResend"].as_bool()
        ),
        (Some("CREATED"), Some("POSTAL_MAIL"), Some(false))
    );
    assert_eq!(e["recipient"]["country"], "BE");
    assert_eq!(e["files"], json!([]));
    let eid = e["id"].as_str().unwrap().to_owned();
    let (s, v) = api
        .call(
            reqwest::Method::GET,
            &format!("/sending-events/{eid}/files/EPOD/download-url"),
            None,
        )
        .await;
    assert_eq!((s, code(&v)), (404, "FILE_NOT_READY"));
    let (s, v) = api
        .call(
            reqwest::Method::GET,
            &format!("/sending-events/{eid}/files/INVOICE/download-url"),
            None,
        )
        .await;
    assert_eq!((s, code(&v)), (404, "NOT_FOUND"));
    let (s, _) = api
        .call(reqwest::Method::GET, "/sending-events/se_nope", None)
        .await;
    assert_eq!(s, 404);

    // Over time: PROCESSING, PRINTED, then SENT with both files; the job COMPLETED.
    let mut seen = vec![];
    for _ in 0..40 {
        let e = api.get(&format!("/sending-events/{eid}")).await;
        let st = e["status"].as_str().unwrap().to_owned();
        if seen.last() != Some(&st) {
            seen.push(st.clone());
        }
        if st == "SENT" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    assert_eq!(seen.first().map(String::as_str), Some("CREATED"));
    assert_eq!(seen.last().map(String::as_str), Some("SENT"));
    // In order (a slow poll may step over one).
    let path = ["CREATED", "PROCESSING", "PRINTED", "SENT"];
    let at: Vec<usize> = seen
        .iter()
        .map(|s| path.iter().position(|p| p == s).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    let sent = api.get(&format!("/sending-events/{eid}")).await;
    let refs: Vec<&str> = sent["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs, ["SUBMISSION_REPORT", "EPOD"]);
    assert_eq!(api.get(&format!("/jobs/{id}")).await["status"], "COMPLETED");

    for r in ["EPOD", "SUBMISSION_REPORT"] {
        let d = api
            .get(&format!("/sending-events/{eid}/files/{r}/download-url"))
            .await;
        let left = ts(&d["expiresAt"]) - time::OffsetDateTime::now_utc();
        assert!(
            left > time::Duration::minutes(9) && left <= time::Duration::minutes(10),
            "{d}"
        );
        let url = d["url"].as_str().unwrap();
        let got = http().get(url).send().await.unwrap();
        assert_eq!(got.headers()["content-type"], "application/pdf");
        let bytes = got.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert_eq!(
            lopdf::Document::load_mem(&bytes).unwrap().get_pages().len(),
            1
        );
        let bad = url.replace("signature=", "signature=0");
        assert_eq!(
            http().get(&bad).send().await.unwrap().status().as_u16(),
            403
        );
    }

    // Found again by its reference and by status; listed ascending by startDate.
    let second = api.create_job(POSTAL, "postdesk-2.pdf").await;
    let found = api.get("/jobs?externalReference=ref-postdesk-1.pdf").await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["id"], id.as_str());
    let completed = api.get("/jobs?status=COMPLETED").await;
    assert_eq!(completed["items"].as_array().unwrap().len(), 1);
    let all = api.get(&format!("/jobs?workflowId={POSTAL}")).await;
    let ids: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [id.as_str(), second["id"].as_str().unwrap()]);
    let page2 = api.get(&format!("/jobs?maxItems=1&after={id}")).await;
    assert_eq!(page2["items"][0]["id"], second["id"]);

    // Inspection: the job with its file, once.
    let letters: Vec<Value> = reqwest::get(format!("{}/_sim/letters", sim.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mine: Vec<&Value> = letters
        .iter()
        .filter(|l| l["provider"] == "easypost")
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["providerId"], id.as_str());
    assert_eq!(mine[0]["sha256"], hex::encode(Sha256::digest(pdf())));
    assert_eq!(
        (mine[0]["fileName"].as_str(), mine[0]["status"].as_str()),
        (Some("postdesk-1.pdf"), Some("COMPLETED"))
    );
    assert_eq!(mine[0]["externalReference"], "ref-postdesk-1.pdf");
    assert!(mine[0]["pages"].as_u64().unwrap() >= 1);
    let creds: Value = reqwest::get(format!("{}/_sim/credentials", sim.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        creds["easypost"],
        json!({
            "api_key": sim.easypost_api_key(),
            "client_id": sim.easypost_client().0,
            "client_secret": sim.easypost_client().1,
            "token_url": format!("{}/oauth/token", sim.easypost_base_url()),
            "base_url": sim.easypost_base_url()
        })
    );
}

async fn wait_final(api: &Api, event_id: &str) -> Value {
    for _ in 0..100 {
        let e = api.get(&format!("/sending-events/{event_id}")).await;
        if ["SENT", "DELIVERED", "FAILED", "CANCELLED"].contains(&e["status"].as_str().unwrap()) {
            return e;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{event_id} never final");
}

#[tokio::test]
async fn channels_failures_and_resend_rules() {
    let sim = start(150).await;
    let api = Api::new(&sim);

    let ebox = api.send(EBOX, "ebox.pdf").await;
    let no_ebox = api.send(EBOX, "no-ebox.pdf").await;
    let registered = api.send(REGISTERED, "registered.pdf").await;
    let failing = api.send(POSTAL, "x-sim-fail.pdf").await;
    let failing_code = api.send(POSTAL, "x-sim-fail-PAPER_JAM.pdf").await;

    let e = &api.events_of(ebox["id"].as_str().unwrap()).await[0];
    {
        // Not final yet: no re-send.
        let slow = start(60_000).await;
        let slow_api = Api::new(&slow);
        let job = slow_api.send(POSTAL, "slow.pdf").await;
        let e = &slow_api.events_of(job["id"].as_str().unwrap()).await[0];
        let path = format!("/sending-events/{}/resend", e["id"].as_str().unwrap());
        let (s, v) = slow_api.post(&path, &json!({})).await;
        assert_eq!((s, code(&v)), (409, "SENDING_EVENT_NOT_FINAL"));
    }
    let e = wait_final(&api, e["id"].as_str().unwrap()).await;
    assert_eq!(
        (e["channel"].as_str(), e["status"].as_str()),
        (Some("EBOX"), Some("DELIVERED"))
    );
    let e = wait_final(
        &api,
        api.events_of(no_ebox["id"].as_str().unwrap()).await[0]["id"]
            .as_str()
            .unwrap(),
    )
    .await;
    assert_eq!(
        (e["channel"].as_str(), e["status"].as_str()),
        (Some("POSTAL_MAIL"), Some("SENT"))
    );
    let e = wait_final(
        &api,
        api.events_of(registered["id"].as_str().unwrap()).await[0]["id"]
            .as_str()
            .unwrap(),
    )
    .await;
    assert_eq!(
        (e["channel"].as_str(), e["status"].as_str()),
        (Some("REGISTERED_MAIL"), Some("SENT"))
    );
    let coded = wait_final(
        &api,
        api.events_of(failing_code["id"].as_str().unwrap()).await[0]["id"]
            .as_str()
            .unwrap(),
    )
    .await;
    assert_eq!(coded["error"]["code"], "PAPER_JAM");

    let failed = wait_final(
        &api,
        api.events_of(failing["id"].as_str().unwrap()).await[0]["id"]
            .as_str()
            .unwrap(),
    )
    .await;
    assert_eq!(failed["status"], "FAILED");
    assert_eq!(failed["error"]["code"], "ADDRESS_NOT_FOUND");
    assert_eq!(failed["files"].as_array().unwrap().len(), 1);
    assert_eq!(failed["files"][0]["reference"], "SUBMISSION_REPORT");
    let fid = failed["id"].as_str().unwrap();
    let (s, v) = api
        .call(
            reqwest::Method::GET,
            &format!("/sending-events/{fid}/files/EPOD/download-url"),
            None,
        )
        .await;
    assert_eq!((s, code(&v)), (404, "FILE_NOT_READY"));
    let job_id = failing["id"].as_str().unwrap();
    assert_eq!(
        api.get(&format!("/jobs/{job_id}")).await["status"],
        "COMPLETED"
    );
    let failed_list = api.get("/sending-events?status=FAILED").await;
    assert_eq!(failed_list["items"].as_array().unwrap().len(), 2);

    // Re-send the failed one: a new event of the same job, which runs clean.
    let (s, new) = api
        .post(&format!("/sending-events/{fid}/resend"), &json!({}))
        .await;
    assert_eq!(s, 201, "{new}");
    assert_eq!(
        (
            new["isResend"].as_bool(),
            new["originalSendingEventId"].as_str(),
            new["jobId"].as_str()
        ),
        (Some(true), Some(fid), Some(job_id))
    );
    assert_eq!(new["status"], "CREATED");
    assert_eq!(
        api.get(&format!("/jobs/{job_id}")).await["status"],
        "PROCESSING"
    );
    let nid = new["id"].as_str().unwrap();
    let (s, v) = api
        .post(&format!("/sending-events/{nid}/resend"), &json!({}))
        .await;
    assert_eq!((s, code(&v)), (409, "RESEND_OF_RESEND"));
    let done = wait_final(&api, nid).await;
    assert_eq!(done["status"], "SENT");
    let (s, v) = api
        .post(&format!("/sending-events/{nid}/resend"), &json!({}))
        .await;
    assert_eq!((s, code(&v)), (409, "RESEND_OF_RESEND"));
    let job = api.get(&format!("/jobs/{job_id}")).await;
    assert_eq!(
        (job["status"].as_str(), job["sendingEventCount"].as_u64()),
        (Some("COMPLETED"), Some(2))
    );
    let evs = api.events_of(job_id).await;
    assert_eq!(evs.len(), 2);
    assert_eq!(evs[0]["id"], fid);
}

#[tokio::test]
async fn a_job_without_its_file_is_deleted_after_two_hours() {
    let sim = start(50).await;
    let api = Api::new(&sim);
    let job = api.create_job(POSTAL, "late.pdf").await;
    let id = job["id"].as_str().unwrap();
    let url = job["fileUploadUrl"].as_str().unwrap();
    let base = sim.base_url();
    let age = |secs: u64| {
        let base = base.clone();
        async move {
            postdesk_sim::inspect::easypost_age_job(&base, id, secs)
                .await
                .unwrap()
        }
    };
    assert_eq!(age(3600).await["status"], "AWAITING_FOR_FILE");
    assert_eq!(
        api.get(&format!("/jobs/{id}")).await["status"],
        "AWAITING_FOR_FILE"
    );
    assert_eq!(age(3601).await["status"], Value::Null);
    let (s, v) = api
        .call(reqwest::Method::GET, &format!("/jobs/{id}"), None)
        .await;
    assert_eq!((s, code(&v)), (404, "NOT_FOUND"));
    assert_eq!(api.get("/jobs").await["items"], json!([]));
    // Its upload URL (still signed and in time) finds no job.
    assert_eq!(api.upload(url, pdf()).await.0, 404);

    // Aging a job that has its file only moves its events on.
    let sim = start(60_000).await;
    let api = Api::new(&sim);
    let job = api.send(POSTAL, "slow.pdf").await;
    let id = job["id"].as_str().unwrap();
    assert_eq!(api.events_of(id).await[0]["status"], "CREATED");
    let url = format!("{}/_sim/easypost/age-job/{id}?secs=3600", sim.base_url());
    let aged: Value = http().post(url).send().await.unwrap().json().await.unwrap();
    assert_eq!(aged["status"], "COMPLETED");
    assert_eq!(api.events_of(id).await[0]["status"], "SENT");
}

#[tokio::test]
async fn peppol_documents_sort_filter_page_and_download() {
    let sim = start(50).await;
    let api = Api::new(&sim);
    let all = api.get("/peppol-incoming-documents").await;
    let docs = all["items"].as_array().unwrap().clone();
    assert!(docs.len() >= 12);
    let senders: std::collections::HashSet<&str> = docs
        .iter()
        .map(|d| d["senderId"].as_str().unwrap())
        .collect();
    assert!(senders.len() >= 3);
    let types: std::collections::HashSet<&str> = docs
        .iter()
        .map(|d| d["documentType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["INVOICE", "CREDIT_NOTE"].into_iter().collect());
    let created: Vec<time::OffsetDateTime> = docs.iter().map(|d| ts(&d["createdAt"])).collect();
    assert!(
        created.windows(2).all(|w| w[0] >= w[1]),
        "desc by createdAt by default"
    );
    let now = time::OffsetDateTime::now_utc();
    assert!(created
        .iter()
        .all(|c| *c > now - time::Duration::days(62) && *c < now));
    assert!(*created.last().unwrap() < now - time::Duration::days(45));

    let asc = api.get("/peppol-incoming-documents?sortOrder=asc").await;
    let mut reversed = docs.clone();
    reversed.reverse();
    assert_eq!(asc["items"].as_array().unwrap(), &reversed);

    let by_mod = api
        .get("/peppol-incoming-documents?sortField=lastModifiedAt&sortOrder=asc")
        .await;
    let m: Vec<time::OffsetDateTime> = by_mod["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| ts(&d["lastModifiedAt"]))
        .collect();
    assert!(m.windows(2).all(|w| w[0] <= w[1]));
    assert_ne!(
        by_mod["items"], asc["items"],
        "some were modified after newer ones came"
    );

    // from/until apply to the sort field.
    let from = (now - time::Duration::days(20))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let recent = api
        .get(&format!("/peppol-incoming-documents?from={from}"))
        .await;
    let n_created = docs
        .iter()
        .filter(|d| ts(&d["createdAt"]) >= now - time::Duration::days(20))
        .count();
    assert_eq!(recent["items"].as_array().unwrap().len(), n_created);
    assert!(n_created > 0 && n_created < docs.len());
    let recent_mod = api
        .get(&format!(
            "/peppol-incoming-documents?sortField=lastModifiedAt&from={from}"
        ))
        .await;
    let n_mod = docs
        .iter()
        .filter(|d| ts(&d["lastModifiedAt"]) >= now - time::Duration::days(20))
        .count();
    assert_eq!(recent_mod["items"].as_array().unwrap().len(), n_mod);
    assert!(n_mod > n_created);
    let until_day = (now - time::Duration::days(30)).date().to_string();
    let old = api
        .get(&format!(
            "/peppol-incoming-documents?until={until_day}&sortOrder=asc"
        ))
        .await;
    // A bare date: that whole day included.
    let day = (now - time::Duration::days(30)).date();
    let n_old = docs
        .iter()
        .filter(|d| ts(&d["createdAt"]).date() <= day)
        .count();
    assert_eq!(old["items"].as_array().unwrap().len(), n_old);
    assert!(n_old > 0);

    // Paging keeps the order and misses nothing.
    let mut paged = Vec::new();
    let mut q = "/peppol-incoming-documents?maxItems=5".to_owned();
    loop {
        let p = api.get(&q).await;
        let items = p["items"].as_array().unwrap();
        paged.extend(items.iter().cloned());
        if items.len() < 5 {
            break;
        }
        q = format!(
            "/peppol-incoming-documents?maxItems=5&after={}",
            items.last().unwrap()["id"].as_str().unwrap()
        );
    }
    assert_eq!(paged, docs);

    for bad in ["?sortField=size", "?sortOrder=up", "?from=yesterday"] {
        let (s, v) = api
            .call(
                reqwest::Method::GET,
                &format!("/peppol-incoming-documents{bad}"),
                None,
            )
            .await;
        assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"), "{bad}");
    }

    let d = &docs[0];
    let (sender, id) = (d["senderId"].as_str().unwrap(), d["id"].as_str().unwrap());
    assert_eq!(
        &api.get(&format!(
            "/peppol-incoming-documents/sender/{sender}/document/{id}"
        ))
        .await,
        d
    );
    let (s, _) = api
        .call(
            reqwest::Method::GET,
            &format!("/peppol-incoming-documents/sender/0208:0000000097/document/{id}"),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let link = api
        .get(&format!(
            "/peppol-incoming-documents/sender/{sender}/document/{id}/download-url"
        ))
        .await;
    let left = ts(&link["expiresAt"]) - time::OffsetDateTime::now_utc();
    assert!(left > time::Duration::minutes(9) && left <= time::Duration::minutes(10));
    let r = http()
        .get(link["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let xml = r.text().await.unwrap();
    assert!(
        xml.starts_with("<?xml") && xml.contains(d["documentNumber"].as_str().unwrap()),
        "{xml}"
    );
    let tampered = link["url"]
        .as_str()
        .unwrap()
        .replace("signature=", "signature=0");
    assert_eq!(http().get(tampered).send().await.unwrap().status(), 403);

    // A new one arrives: first in the default order.
    let new = postdesk_sim::inspect::easypost_peppol_arrive(
        &sim.base_url(),
        json!({ "documentType": "CREDIT_NOTE" }),
    )
    .await
    .unwrap();
    assert_eq!(new["documentType"], "CREDIT_NOTE");
    let first = api.get("/peppol-incoming-documents?maxItems=1").await;
    assert_eq!(first["items"][0]["id"], new["id"]);
}

#[tokio::test]
async fn usage_counts_the_sendings_of_the_range() {
    let sim = start(0).await;
    let api = Api::new(&sim);
    api.send(POSTAL, "u1.pdf").await;
    api.send(POSTAL, "u2.pdf").await;
    api.send(EBOX, "u3.pdf").await;
    api.send(POSTAL, "u4-sim-fail.pdf").await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let u = api.get(&format!("/usage?from={today}&until={today}")).await;
    assert_eq!(
        (u["from"].as_str(), u["until"].as_str()),
        (Some(today.as_str()), Some(today.as_str()))
    );
    let items = u["items"].as_array().unwrap();
    let postal = items
        .iter()
        .find(|i| i["channel"] == "POSTAL_MAIL")
        .unwrap();
    let pages = lopdf::Document::load_mem(&pdf()).unwrap().get_pages().len() as u64;
    assert_eq!(
        (postal["sendings"].as_u64(), postal["pages"].as_u64()),
        (Some(2), Some(2 * pages))
    );
    assert_eq!(postal["amountCents"].as_u64(), Some(2 * (95 + 12 * pages)));
    let ebox = items.iter().find(|i| i["channel"] == "EBOX").unwrap();
    assert_eq!(
        (ebox["sendings"].as_u64(), ebox["amountCents"].as_u64()),
        (Some(1), Some(30))
    );
    // Without dates: this month so far.
    assert_eq!(api.get("/usage").await["items"], u["items"]);
    assert_eq!(
        api.get("/usage?from=2020-01-01&until=2020-01-31").await["items"],
        json!([])
    );
    for bad in [
        "/usage?from=yesterday",
        "/usage?from=2026-02-30",
        "/usage?from=2026-03-02&until=2026-03-01",
    ] {
        let (s, v) = api.call(reqwest::Method::GET, bad, None).await;
        assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"), "{bad}");
    }
}

/// A receiver on loopback that keeps what it is sent.
type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

async fn receiver() -> (String, Received) {
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
                    axum::http::StatusCode::NO_CONTENT
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hook"), got)
}

fn hmac_sha256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new()
        .chain_update(&ipad)
        .chain_update(msg)
        .finalize();
    Sha256::new()
        .chain_update(&opad)
        .chain_update(inner)
        .finalize()
        .to_vec()
}

/// `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, t within 5 minutes.
fn verify(secret: &str, sig: &str, body: &[u8]) -> bool {
    let mut t = None;
    let mut v1 = None;
    for part in sig.split(',') {
        match part.split_once('=') {
            Some(("t", x)) => t = x.parse::<i64>().ok(),
            Some(("v1", x)) => v1 = Some(x.to_owned()),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return false;
    };
    let mut msg = format!("{t}.").into_bytes();
    msg.extend_from_slice(body);
    (time::OffsetDateTime::now_utc().unix_timestamp() - t).abs() <= 300
        && hex::encode(hmac_sha256(secret.as_bytes(), &msg)) == v1
}

fn bodies(got: &Received) -> Vec<(String, Value)> {
    got.lock()
        .unwrap()
        .iter()
        .map(|(s, b)| (s.clone(), serde_json::from_slice(b).unwrap()))
        .collect()
}

async fn wait_for(got: &Received, pred: impl Fn(&[(String, Value)]) -> bool) {
    for _ in 0..200 {
        if pred(&bodies(got)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("webhooks never came: {:?}", bodies(got));
}

#[tokio::test]
async fn webhooks_are_signed_and_follow_the_letter() {
    let sim = start(60).await;
    let api = Api::new(&sim);
    let (url, got) = receiver().await;

    for bad in [
        "http://example.com/hook",
        "ftp://127.0.0.1/x",
        "http://10.0.0.1/x",
        "http://user:pw@127.0.0.1/x",
        "not a url",
    ] {
        let (s, v) = api
            .post(
                "/webhooks",
                &json!({ "url": bad, "eventTypes": ["job.status.changed"] }),
            )
            .await;
        assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"), "{bad}");
    }
    let (s, v) = api
        .post(
            "/webhooks",
            &json!({ "url": url, "eventTypes": ["job.created"] }),
        )
        .await;
    assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"));

    let all_types = [
        "job.status.changed",
        "sending.event.status.changed",
        "sending.event.file.ready",
        "peppol.document.received",
    ];
    let (s, sub) = api
        .post(
            "/webhooks",
            &json!({ "url": url, "eventTypes": all_types, "description": "desk" }),
        )
        .await;
    assert_eq!(s, 201, "{sub}");
    let secret = sub["secret"].as_str().unwrap().to_owned();
    let wid = sub["id"].as_str().unwrap().to_owned();
    let shown = api.get(&format!("/webhooks/{wid}")).await;
    assert!(shown.get("secret").is_none());
    assert_eq!(shown["enabled"], true);
    assert_eq!(
        api.get("/webhooks").await["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Test: the type must be named when there are several.
    let (s, v) = api.post(&format!("/webhooks/{wid}/test"), &json!({})).await;
    assert_eq!((s, code(&v)), (400, "VALIDATION_ERROR"));
    let (s, v) = api
        .post(
            &format!("/webhooks/{wid}/test"),
            &json!({ "eventType": "peppol.document.received" }),
        )
        .await;
    assert_eq!((s, v["statusCode"].as_u64()), (200, Some(204)), "{v}");
    let b = bodies(&got);
    assert_eq!(b.len(), 1);
    assert_eq!(
        (b[0].1["type"].as_str(), b[0].1["test"].as_bool()),
        (Some("peppol.document.received"), Some(true))
    );
    let raw = got.lock().unwrap()[0].1.clone();
    assert!(verify(&secret, &b[0].0, &raw));
    assert!(!verify("whsec_wrong", &b[0].0, &raw));
    got.lock().unwrap().clear();

    // A letter: every change told, in order, signed.
    let job = api.send(POSTAL, "hooked.pdf").await;
    let jid = job["id"].as_str().unwrap().to_owned();
    let done = |b: &[(String, Value)]| {
        b.iter()
            .any(|(_, v)| v["type"] == "job.status.changed" && v["data"]["status"] == "COMPLETED")
    };
    wait_for(&got, done).await;
    for (sig, raw) in got.lock().unwrap().iter() {
        assert!(verify(&secret, sig, raw));
    }
    let b = bodies(&got);
    let statuses: Vec<&str> = b
        .iter()
        .filter(|(_, v)| v["type"] == "sending.event.status.changed")
        .map(|(_, v)| v["data"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["CREATED", "PROCESSING", "PRINTED", "SENT"]);
    let files: Vec<&str> = b
        .iter()
        .filter(|(_, v)| v["type"] == "sending.event.file.ready")
        .map(|(_, v)| v["data"]["fileReference"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["SUBMISSION_REPORT", "EPOD"]);
    let jobs: Vec<&str> = b
        .iter()
        .filter(|(_, v)| v["type"] == "job.status.changed")
        .map(|(_, v)| v["data"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(jobs, ["PROCESSING", "COMPLETED"]);
    assert!(b
        .iter()
        .filter(|(_, v)| v["type"] == "job.status.changed")
        .all(|(_, v)| v["data"]["id"] == jid.as_str()));
    got.lock().unwrap().clear();

    // A new secret signs from now on; a Peppol arrival is told.
    let (s, reset) = api
        .post(&format!("/webhooks/{wid}/reset-secret"), &json!({}))
        .await;
    assert_eq!(s, 200);
    let new_secret = reset["secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);
    http()
        .post(format!("{}/_sim/easypost/peppol", sim.base_url()))
        .send()
        .await
        .unwrap();
    wait_for(&got, |b| {
        b.iter()
            .any(|(_, v)| v["type"] == "peppol.document.received")
    })
    .await;
    let (sig, raw) = got.lock().unwrap()[0].clone();
    assert!(verify(&new_secret, &sig, &raw) && !verify(&secret, &sig, &raw));
    got.lock().unwrap().clear();

    // Narrowed, then disabled, then deleted.
    let (s, v) = api
        .call(
            reqwest::Method::PATCH,
            &format!("/webhooks/{wid}"),
            Some(&json!({ "eventTypes": ["job.status.changed"] })),
        )
        .await;
    assert_eq!(
        (s, v["eventTypes"].clone()),
        (200, json!(["job.status.changed"]))
    );
    let (s, v) = api.post(&format!("/webhooks/{wid}/test"), &json!({})).await;
    assert_eq!((s, v["statusCode"].as_u64()), (200, Some(204)));
    let (s, _) = api
        .call(
            reqwest::Method::PATCH,
            &format!("/webhooks/{wid}"),
            Some(&json!({ "url": "http://example.org/" })),
        )
        .await;
    assert_eq!(s, 400);
    let (s, v) = api
        .call(
            reqwest::Method::PATCH,
            &format!("/webhooks/{wid}"),
            Some(&json!({ "enabled": false })),
        )
        .await;
    assert_eq!((s, v["enabled"].as_bool()), (200, Some(false)));
    got.lock().unwrap().clear();
    api.send(POSTAL, "unheard.pdf").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(bodies(&got).is_empty());
    let (s, _) = api
        .call(reqwest::Method::DELETE, &format!("/webhooks/{wid}"), None)
        .await;
    assert_eq!(s, 204);
    let (s, v) = api
        .call(reqwest::Method::GET, &format!("/webhooks/{wid}"), None)
        .await;
    assert_eq!((s, code(&v)), (404, "NOT_FOUND"));
}

#[tokio::test]
async fn faults_apply_to_easypost_too() {
    let sim = start(50).await;
    let api = Api::new(&sim);
    sim.set_faults(Faults {
        http_5xx: 1.0,
        ..Faults::default()
    });
    let (s, _) = api
        .post(
            "/jobs/single-file",
            &json!({ "workflowId": POSTAL, "fileName": "f.pdf" }),
        )
        .await;
    assert_eq!(s, 503);
    // Status calls only with `status`.
    assert_eq!(api.call(reqwest::Method::GET, "/jobs", None).await.0, 200);
    sim.set_faults(Faults::default());
    let job = api.create_job(POSTAL, "f.pdf").await;
    sim.set_faults(Faults {
        http_5xx: 1.0,
        ..Faults::default()
    });
    assert_eq!(
        api.upload(job["fileUploadUrl"].as_str().unwrap(), pdf())
            .await
            .0,
        503
    );
}

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = SimConfig {
        state_path: Some(dir.path().join("state.json")),
        ..SimConfig::fast(Duration::from_millis(50), Duration::ZERO)
    };
    let sim = Sim::start(config.clone()).await.unwrap();
    let api = Api::new(&sim);
    let key = sim.easypost_api_key();
    let job = api.send(POSTAL, "kept.pdf").await;
    let peppol = api.get("/peppol-incoming-documents").await;
    sim.shutdown().await;

    let sim = Sim::start(config).await.unwrap();
    assert_eq!(sim.easypost_api_key(), key);
    let api = Api::new(&sim);
    let again = api
        .get(&format!("/jobs/{}", job["id"].as_str().unwrap()))
        .await;
    assert_eq!(again["fileName"], "kept.pdf");
    assert_eq!(api.get("/peppol-incoming-documents").await, peppol);
}

#[tokio::test]
async fn webhooks_tell_every_step_even_when_they_pass_at_once() {
    let sim = start(0).await;
    let api = Api::new(&sim);
    let (url, got) = receiver().await;
    let types = ["job.status.changed", "sending.event.status.changed"];
    let (s, _) = api
        .post("/webhooks", &json!({ "url": url, "eventTypes": types }))
        .await;
    assert_eq!(s, 201);
    api.send(EBOX, "at-once.pdf").await;
    let done = |b: &[(String, Value)]| {
        b.iter()
            .any(|(_, v)| v["type"] == "job.status.changed" && v["data"]["status"] == "COMPLETED")
    };
    wait_for(&got, done).await;
    let b = bodies(&got);
    let of = |t: &str| -> Vec<String> {
        b.iter()
            .filter(|(_, v)| v["type"] == t)
            .map(|(_, v)| v["data"]["status"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        of("sending.event.status.changed"),
        ["CREATED", "PROCESSING", "DELIVERED"]
    );
    assert_eq!(of("job.status.changed"), ["PROCESSING", "COMPLETED"]);
}

#[tokio::test]
async fn the_upload_takes_a_20_mib_pdf_and_no_more_than_the_letter_limit() {
    const MIB: usize = 1024 * 1024;
    let sim = start(50).await;
    let api = Api::new(&sim);
    let job = api.create_job(POSTAL, "big.pdf").await;
    let url = job["fileUploadUrl"].as_str().unwrap();
    assert_eq!(api.upload(url, vec![b' '; 40 * MIB]).await.0, 413);
    let mut big = pdf();
    big.resize(20 * MIB, b' ');
    let (s, v) = api.upload(url, big).await;
    assert_eq!(s, 200, "{v}");
    // Every other call is small JSON.
    let r = http()
        .post(format!("{}/jobs/single-file", api.base))
        .header("x-api-key", sim.easypost_api_key())
        .header("content-type", "application/json")
        .body(vec![b' '; 3 * MIB])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
}

#[tokio::test]
async fn a_guarded_sandbox_presigns_urls_under_its_token() {
    let config = SimConfig {
        token: Some(postdesk_sim::new_token()),
        ..SimConfig::fast(Duration::ZERO, Duration::ZERO)
    };
    let sim = Sim::start(config).await.unwrap();
    let api = Api::new(&sim);
    let job = api.send(POSTAL, "guarded.pdf").await;
    let url = job["fileUploadUrl"].as_str().unwrap();
    assert!(url.starts_with(&sim.easypost_base_url()));
    let e = &api.events_of(job["id"].as_str().unwrap()).await[0];
    let eid = e["id"].as_str().unwrap();
    let link = api
        .get(&format!("/sending-events/{eid}/files/EPOD/download-url"))
        .await;
    let link = link["url"].as_str().unwrap();
    assert!(link.starts_with(&sim.easypost_base_url()));
    assert_eq!(http().get(link).send().await.unwrap().status(), 200);
    // Without the token: nothing.
    let bare = format!("http://{}/easypost/health", sim.addr());
    assert_eq!(http().get(bare).send().await.unwrap().status(), 404);
}
