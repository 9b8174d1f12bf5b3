//! EasyPost Connect end to end: the real `postdesk_providers::easypost`
//! client and provider against the real simulator over HTTP — a send to
//! SENT, resume after each step (checkpoint kept or lost), a waiting job too
//! close to expiry left alone, a failed letter and its re-send, files,
//! paging, auth, the workflow check, Peppol and usage.

use postdesk_providers::easypost::provider::{STEP_JOB, STEP_UPLOADED};
use postdesk_providers::easypost::wire::{
    codes, event_status, file_reference, job_status, PeppolQuery,
};
use postdesk_providers::easypost::{self, Auth, Client, EasypostProvider};
use postdesk_providers::{
    Checkpoint, DeliveryState, ErrorKind, OutgoingLetter, Provider, ProviderError, Recipient,
    Secret, Steps,
};
use postdesk_sim::{Sim, SimConfig, SimHandle};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The sandbox's postal single-file workflow.
const POSTAL: &str = "wf_01HZX3K8Q4M2V7T9C5N6B1D0AP";
/// A payload workflow (no single files), and an inactive single-file one.
const PAYLOAD: &str = "wf_01HZX3N5T2U6X8Z1F3H7K9L2MR";
const RETIRED: &str = "wf_01HZX3R5Z8B2D6F0H4K8M2P6RV";

fn pdf() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../fixtures/epost/letter.pdf");
    std::fs::read(path).unwrap()
}

async fn start(step_ms: u64) -> SimHandle {
    Sim::start(SimConfig::fast(
        Duration::from_millis(step_ms),
        Duration::ZERO,
    ))
    .await
    .expect("sim starts")
}

fn client(sim: &SimHandle) -> Client {
    Client::builder(sim.easypost_base_url())
        .auth(Auth::ApiKey(Secret::new(sim.easypost_api_key())))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

fn provider(sim: &SimHandle, workflow: &str) -> EasypostProvider {
    easypost::provider(
        &sim.easypost_base_url(),
        Secret::new(sim.easypost_api_key()),
        workflow,
        Duration::from_secs(20),
    )
    .unwrap()
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

/// Keeps every step list it is given; the `fail_on`-th save fails, as a
/// crash would (0: never). `keep_failed`: the failing save still counts as
/// durable (the crash came after the write).
struct TestCheckpoint {
    fail_on: usize,
    keep_failed: bool,
    saved: Mutex<Vec<Steps>>,
    calls: Mutex<usize>,
}

impl TestCheckpoint {
    fn new() -> Self {
        Self::failing_on(0, false)
    }
    fn failing_on(fail_on: usize, keep_failed: bool) -> Self {
        TestCheckpoint {
            fail_on,
            keep_failed,
            saved: Mutex::new(Vec::new()),
            calls: Mutex::new(0),
        }
    }
    /// What the outbox row would hold now.
    fn durable(&self) -> Steps {
        self.saved
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or_default()
    }
    fn keys(&self) -> Vec<Vec<String>> {
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

async fn get_json(url: &str) -> Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

/// The EasyPost letters (jobs with their file) at the simulator.
async fn letters_at_sim(sim: &SimHandle) -> Vec<Value> {
    let all = get_json(&format!("{}/_sim/letters", sim.base_url())).await;
    all.as_array()
        .unwrap()
        .iter()
        .filter(|l| l["provider"] == "easypost")
        .cloned()
        .collect()
}

async fn age_job(sim: &SimHandle, id: &str, secs: i64) -> Value {
    reqwest::Client::new()
        .post(format!(
            "{}/_sim/easypost/age-job/{id}?secs={secs}",
            sim.base_url()
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Polls `status` until a final state; the distinct states seen, in order.
async fn follow(p: &dyn Provider, id: &str) -> Vec<(DeliveryState, String)> {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut seen: Vec<(DeliveryState, String)> = Vec::new();
    loop {
        let s = p.status(id).await.unwrap();
        if seen.last().map(|l| &l.1) != Some(&s.provider_status) {
            seen.push((s.state, s.provider_status.clone()));
        }
        let done = matches!(
            s.state,
            DeliveryState::Sent | DeliveryState::Failed | DeliveryState::Cancelled
        );
        if done || Instant::now() > deadline {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

#[tokio::test]
async fn a_letter_goes_through_to_sent_with_its_files() {
    let sim = start(150).await;
    let p = provider(&sim, POSTAL);
    p.check_connection().await.unwrap();
    let l = letter("full-1");
    let checkpoint = TestCheckpoint::new();
    let mut steps = Steps::default();
    let id = p.submit(&l, &pdf(), &mut steps, &checkpoint).await.unwrap();

    // Two saves: the job before the upload, then the upload.
    assert_eq!(
        checkpoint.keys(),
        vec![
            vec![STEP_JOB.to_string()],
            vec![STEP_JOB.to_string(), STEP_UPLOADED.to_string()]
        ]
    );
    assert_eq!(steps.get(STEP_JOB), Some(id.as_str()));
    // Submitting again with the finished steps changes nothing.
    assert_eq!(
        p.submit(&l, &pdf(), &mut steps, &checkpoint).await.unwrap(),
        id
    );

    assert_eq!(
        p.find(&l, &steps).await.unwrap().as_deref(),
        Some(id.as_str())
    );
    assert_eq!(
        p.find(&l, &Steps::default()).await.unwrap().as_deref(),
        Some(id.as_str()),
        "found by externalReference"
    );
    assert_eq!(
        p.find(&letter("other"), &Steps::default()).await.unwrap(),
        None
    );

    let seen = follow(&p, &id).await;
    let states: Vec<DeliveryState> = seen.iter().map(|s| s.0).collect();
    assert_eq!(seen.last().unwrap().1, event_status::SENT, "{seen:?}");
    assert_eq!(*states.last().unwrap(), DeliveryState::Sent);
    assert!(
        states
            .windows(2)
            .all(|w| w[0] != w[1] || w[0] == DeliveryState::Sent),
        "{seen:?}"
    );

    let at_sim = letters_at_sim(&sim).await;
    assert_eq!(at_sim.len(), 1);
    assert_eq!(at_sim[0]["providerId"], id.as_str());
    assert_eq!(at_sim[0]["externalReference"], "full-1");
    assert_eq!(at_sim[0]["fileName"], "Factuur_full-1.pdf");
    assert_eq!(at_sim[0]["bytes"], pdf().len());

    // The files of the sending event, fetched without the key.
    let c = p.client();
    let events = c.sending_events(&id).await.unwrap();
    assert_eq!(events.len(), 1);
    let refs: Vec<&str> = events[0]
        .files
        .iter()
        .map(|f| f.reference.as_str())
        .collect();
    assert!(refs.contains(&file_reference::EPOD), "{refs:?}");
    let url = c
        .file_download_url(&events[0].id, file_reference::EPOD)
        .await
        .unwrap();
    let epod = c.download(&url.url).await.unwrap();
    assert!(!epod.is_empty());
    assert_eq!(
        c.sending_event(&events[0].id).await.unwrap().id,
        events[0].id
    );
    let job = c.job(&id).await.unwrap();
    assert_eq!(job.status, job_status::COMPLETED);
    assert_eq!(job.file_upload_url, None);
}

#[tokio::test]
async fn a_crash_after_the_job_resumes_with_the_same_job() {
    let sim = start(10_000).await;
    let p = provider(&sim, POSTAL);
    let l = letter("resume-1");

    // Crash on the first save, after it was written: the job is stored.
    let first = TestCheckpoint::failing_on(1, true);
    let mut steps = Steps::default();
    assert!(p.submit(&l, &pdf(), &mut steps, &first).await.is_err());
    let durable = first.durable();
    let job_id = durable.get(STEP_JOB).unwrap().to_owned();
    assert_eq!(durable.get(STEP_UPLOADED), None);
    assert_eq!(
        p.find(&l, &durable).await.unwrap(),
        None,
        "no file yet: not handed over"
    );
    assert!(letters_at_sim(&sim).await.is_empty());

    let mut steps = durable;
    let id = p
        .submit(&l, &pdf(), &mut steps, &TestCheckpoint::new())
        .await
        .unwrap();
    assert_eq!(id, job_id);
    let jobs = p.client().jobs_by_reference("resume-1").await.unwrap();
    assert_eq!(jobs.len(), 1, "no second job");
    assert_eq!(letters_at_sim(&sim).await.len(), 1);
}

#[tokio::test]
async fn a_lost_job_checkpoint_is_found_by_reference() {
    let sim = start(10_000).await;
    let p = provider(&sim, POSTAL);
    let l = letter("lost-1");

    // The first save never became durable: the outbox knows nothing.
    let first = TestCheckpoint::failing_on(1, false);
    let mut steps = Steps::default();
    assert!(p.submit(&l, &pdf(), &mut steps, &first).await.is_err());
    assert!(first.durable().is_empty());

    let checkpoint = TestCheckpoint::new();
    let mut steps = Steps::default();
    let id = p.submit(&l, &pdf(), &mut steps, &checkpoint).await.unwrap();
    let jobs = p.client().jobs_by_reference("lost-1").await.unwrap();
    assert_eq!(
        jobs.len(),
        1,
        "the waiting job was adopted, not a second one made"
    );
    assert_eq!(jobs[0].id, id);
    assert_eq!(checkpoint.durable().get(STEP_UPLOADED), Some("true"));
}

#[tokio::test]
async fn a_lost_upload_checkpoint_does_not_upload_twice() {
    let sim = start(10_000).await;
    let p = provider(&sim, POSTAL);
    let l = letter("landed-1");

    // The upload landed, its save did not.
    let first = TestCheckpoint::failing_on(2, false);
    let mut steps = Steps::default();
    assert!(p.submit(&l, &pdf(), &mut steps, &first).await.is_err());
    let durable = first.durable();
    let job_id = durable.get(STEP_JOB).unwrap().to_owned();
    assert_eq!(durable.get(STEP_UPLOADED), None);
    assert_eq!(
        p.find(&l, &durable).await.unwrap().as_deref(),
        Some(job_id.as_str())
    );

    let mut steps = durable;
    let checkpoint = TestCheckpoint::new();
    assert_eq!(
        p.submit(&l, &pdf(), &mut steps, &checkpoint).await.unwrap(),
        job_id
    );
    assert_eq!(checkpoint.durable().get(STEP_UPLOADED), Some("true"));
    // And with nothing stored at all: adopted by reference.
    let mut none = Steps::default();
    assert_eq!(
        p.submit(&l, &pdf(), &mut none, &TestCheckpoint::new())
            .await
            .unwrap(),
        job_id
    );
    assert_eq!(letters_at_sim(&sim).await.len(), 1);

    // A second PUT to the job is refused by the upload host as a conflict.
    let url = {
        // The job no longer hands out an upload URL; one from a fresh job's
        // answer of the same sim would not be for this job. So: ask for a
        // waiting job, upload, and upload again.
        let job = p
            .client()
            .create_single_file_job(&easypost::mapping::job_request(&letter("twice-1"), POSTAL))
            .await
            .unwrap();
        job.file_upload_url.unwrap()
    };
    p.client().upload(&url, &pdf()).await.unwrap();
    let e = p.client().upload(&url, &pdf()).await.unwrap_err();
    assert_eq!(
        (e.http_status, e.code.as_deref()),
        (Some(409), Some(codes::JOB_NOT_AWAITING_FILE))
    );
}

#[tokio::test]
async fn a_waiting_job_close_to_expiry_is_left_and_a_new_one_made() {
    let sim = start(10_000).await;
    let p = provider(&sim, POSTAL);

    for (key, age) in [
        ("expiring-1", 2 * 3600 - 5 * 60),
        ("expired-1", 2 * 3600 + 60),
    ] {
        let l = letter(key);
        let first = TestCheckpoint::failing_on(1, true);
        let mut steps = Steps::default();
        assert!(p.submit(&l, &pdf(), &mut steps, &first).await.is_err());
        let old = first.durable().get(STEP_JOB).unwrap().to_owned();
        age_job(&sim, &old, age).await;

        let mut steps = first.durable();
        let checkpoint = TestCheckpoint::new();
        let id = p.submit(&l, &pdf(), &mut steps, &checkpoint).await.unwrap();
        assert_ne!(id, old, "{key}");
        // The old job was dropped from the steps (saved) before the new one.
        let saved = checkpoint.saved.lock().unwrap().clone();
        assert_eq!(saved[0].get(STEP_JOB), None, "{key}");
        assert_eq!(saved.last().unwrap().get(STEP_JOB), Some(id.as_str()));
        let at_sim = letters_at_sim(&sim).await;
        let mine: Vec<_> = at_sim
            .iter()
            .filter(|l| l["externalReference"] == key)
            .collect();
        assert_eq!(mine.len(), 1, "{key}: only the new job has the file");
        assert_eq!(mine[0]["providerId"], id.as_str());
    }
}

#[tokio::test]
async fn a_failed_letter_and_its_resend() {
    let sim = start(100).await;
    let p = provider(&sim, POSTAL);
    let mut l = letter("fail-1");
    l.wire_name = "Factuur_sim-fail_fail-1.pdf".into();
    let id = p
        .submit(&l, &pdf(), &mut Steps::default(), &TestCheckpoint::new())
        .await
        .unwrap();
    let seen = follow(&p, &id).await;
    assert_eq!(seen.last().unwrap().0, DeliveryState::Failed, "{seen:?}");
    let s = p.status(&id).await.unwrap();
    assert_eq!(s.provider_status, event_status::FAILED);
    assert_eq!(s.errors.len(), 1);
    assert_eq!(s.errors[0].code.as_deref(), Some("ADDRESS_NOT_FOUND"));

    let c = p.client();
    let failed = c.sending_events(&id).await.unwrap().remove(0);
    let again = c.resend(&failed.id).await.unwrap();
    assert!(again.is_resend);
    assert_eq!(
        again.original_sending_event_id.as_deref(),
        Some(failed.id.as_str())
    );
    // The re-send counts now; it runs clean.
    let seen = follow(&p, &id).await;
    assert_eq!(seen.last().unwrap().0, DeliveryState::Sent, "{seen:?}");
    // A re-send of a re-send is refused.
    let e = c.resend(&again.id).await.unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Rejected, Some(codes::RESEND_OF_RESEND))
    );
}

#[tokio::test]
async fn keys_workflows_and_health() {
    let sim = start(10_000).await;
    let c = client(&sim);
    let all = c.workflows().await.unwrap();
    assert!(all.iter().any(|w| w.id == POSTAL));
    assert_eq!(c.workflow(POSTAL).await.unwrap().id, POSTAL);

    // Health needs no key; the wrong key is an auth error with its code.
    let wrong = easypost::provider(
        &sim.easypost_base_url(),
        Secret::new("nope"),
        POSTAL,
        Duration::from_secs(5),
    )
    .unwrap();
    wrong.client().health().await.unwrap();
    let e = wrong.check_connection().await.unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref()),
        (ErrorKind::Auth, Some(codes::INVALID_API_KEY))
    );
    assert!(!e.to_string().contains("nope"));

    for workflow in [PAYLOAD, RETIRED, "wf_unknown", ""] {
        let e = provider(&sim, workflow)
            .check_connection()
            .await
            .unwrap_err();
        assert_eq!(
            (e.kind, e.code.as_deref()),
            (ErrorKind::Rejected, Some(codes::WORKFLOW_NOT_USABLE)),
            "{workflow:?}"
        );
    }
    // A path-breaking id stays one segment: a plain 404.
    let e = c.job("../workflows").await.unwrap_err();
    assert_eq!(e.http_status, Some(404));
    // Unknown job: the status call is refused, not retried forever.
    let e = provider(&sim, POSTAL).status("job_nope").await.unwrap_err();
    assert_eq!((e.kind, e.http_status), (ErrorKind::Rejected, Some(404)));
}

#[tokio::test]
async fn lists_are_read_to_the_end() {
    let sim = start(10_000).await;
    let p = provider(&sim, POSTAL);
    let key = "many-1";
    // 101 waiting jobs for one reference: two pages of the sim's 100.
    for _ in 0..101 {
        p.client()
            .create_single_file_job(&easypost::mapping::job_request(&letter(key), POSTAL))
            .await
            .unwrap();
    }
    p.client()
        .create_single_file_job(&easypost::mapping::job_request(
            &letter("someone-else"),
            POSTAL,
        ))
        .await
        .unwrap();
    let jobs = p.client().jobs_by_reference(key).await.unwrap();
    assert_eq!(jobs.len(), 101);
    let mut ids: Vec<&str> = jobs.iter().map(|j| j.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 101, "no page read twice");
    assert!(jobs
        .iter()
        .all(|j| j.status == job_status::AWAITING_FOR_FILE));
    // A submit adopts one of them (time left) instead of making another.
    let id = p
        .submit(
            &letter(key),
            &pdf(),
            &mut Steps::default(),
            &TestCheckpoint::new(),
        )
        .await
        .unwrap();
    assert!(jobs.iter().any(|j| j.id == id));
    assert_eq!(p.client().jobs_by_reference(key).await.unwrap().len(), 101);
    assert!(p.client().workflows().await.unwrap().len() > 1);
}

#[tokio::test]
async fn peppol_and_usage() {
    let sim = start(10_000).await;
    let c = client(&sim);
    let page = c.peppol_documents(&PeppolQuery::default()).await.unwrap();
    assert!(!page.items.is_empty(), "the sandbox has Peppol documents");
    if let Some(doc) = page.items.first() {
        let same = c.peppol_document(&doc.sender_id, &doc.id).await.unwrap();
        assert_eq!(&same, doc);
        let url = c
            .peppol_download_url(&doc.sender_id, &doc.id)
            .await
            .unwrap();
        assert!(!c.download(&url.url).await.unwrap().is_empty());
        if page.items.len() > 1 {
            let next = c
                .peppol_documents(&PeppolQuery {
                    after: Some(doc.id.clone()),
                    ..Default::default()
                })
                .await
                .unwrap();
            assert_eq!(
                next.items.first().map(|d| &d.id),
                page.items.get(1).map(|d| &d.id)
            );
        }
    }
    let u = c.usage("2026-01-01", "2026-12-31").await.unwrap();
    assert_eq!(u.from, "2026-01-01");
}

/// The simulator's signed deliveries verify with our `webhook::verify`.
#[tokio::test]
async fn webhook_deliveries_verify() {
    use axum::routing::post;
    use std::sync::Arc;
    let sim = start(10_000).await;
    type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;
    let got: Received = Arc::default();
    let keep = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let keep = keep.clone();
                async move {
                    let sig = headers
                        .get(easypost::webhook::SIGNATURE_HEADER)
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

    let http = reqwest::Client::new();
    let api = sim.easypost_base_url();
    let key = sim.easypost_api_key();
    let sub: Value = http
        .post(format!("{api}/webhooks"))
        .header("x-api-key", &key)
        .json(&serde_json::json!({
            "url": format!("http://{addr}/hook"),
            "eventTypes": ["job.status.changed"],
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = sub["secret"].as_str().expect("the secret, once").to_owned();
    let id = sub["id"].as_str().unwrap();
    let answer = http
        .post(format!("{api}/webhooks/{id}/test"))
        .header("x-api-key", &key)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success(), "{}", answer.status());

    let deadline = Instant::now() + Duration::from_secs(5);
    while got.lock().unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (sig, body) = got.lock().unwrap().first().cloned().expect("a delivery");
    assert!(
        easypost::webhook::verify(secret.as_bytes(), &sig, &body),
        "{sig}"
    );
    assert!(!easypost::webhook::verify(b"other", &sig, &body));
    let mut tampered = body.clone();
    tampered.push(b' ');
    assert!(!easypost::webhook::verify(
        secret.as_bytes(),
        &sig,
        &tampered
    ));
}

async fn stale_upload_urls(sim: &SimHandle, count: u32) {
    let r = reqwest::Client::new()
        .post(format!(
            "{}/_sim/easypost/stale-upload-urls?count={count}",
            sim.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
}

#[tokio::test]
async fn an_expired_upload_url_is_asked_anew_once_and_the_file_goes_once() {
    let sim = start(10_000).await;
    let p = provider(&sim, POSTAL);

    // The simulator's URL really is expired: a PUT to it is refused.
    stale_upload_urls(&sim, 1).await;
    let job = p
        .client()
        .create_single_file_job(&easypost::mapping::job_request(&letter("stale-0"), POSTAL))
        .await
        .unwrap();
    let e = p
        .client()
        .upload(&job.file_upload_url.unwrap(), &pdf())
        .await
        .unwrap_err();
    assert_eq!(
        (e.http_status, e.code.as_deref()),
        (Some(403), Some(codes::UPLOAD_URL_EXPIRED))
    );

    // A letter whose job comes back with an expired URL: the provider asks the job
    // for a fresh one and PUTs once more; one job, one file.
    stale_upload_urls(&sim, 1).await;
    let l = letter("stale-1");
    let checkpoint = TestCheckpoint::new();
    let mut steps = Steps::default();
    let id = p.submit(&l, &pdf(), &mut steps, &checkpoint).await.unwrap();
    assert_eq!(checkpoint.durable().get(STEP_UPLOADED), Some("true"));
    let jobs = p.client().jobs_by_reference("stale-1").await.unwrap();
    assert_eq!(jobs.len(), 1, "no second job");
    assert_eq!(jobs[0].id, id);
    // Only jobs with their file are letters (stale-0 never got one).
    assert_eq!(letters_at_sim(&sim).await.len(), 1, "the file arrived once");
}
