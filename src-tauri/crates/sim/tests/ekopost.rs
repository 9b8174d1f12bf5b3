//! Ekopost end to end: the real `postdesk_providers::ekopost` provider and
//! client against the real simulator over HTTP — a full send to `completed`,
//! resume after each of the five steps, duplicates, cancel, auth, faults.

mod ekopost_common;
use ekopost_common::*;
use postdesk_providers::ekopost::provider::{
    STEP_CAMPAIGN, STEP_CAMPAIGN_CLOSED, STEP_CONTENT, STEP_ENVELOPE, STEP_ENVELOPE_CLOSED,
};
use postdesk_providers::ekopost::{webhook, Client};
use postdesk_providers::{DeliveryState, ErrorKind, Provider, RegisteredLetter, Steps};
use postdesk_sim::Faults;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

/// Polls `status` until a final state; the distinct states seen, in order.
async fn follow(p: &dyn Provider, id: &str) -> Vec<(DeliveryState, String)> {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut seen: Vec<(DeliveryState, String)> = Vec::new();
    loop {
        let s = p.status(id).await.unwrap();
        if seen.last().map(|l| &l.1) != Some(&s.provider_status) {
            seen.push((s.state, s.provider_status.clone()));
        }
        if s.provider_status == "completed"
            || s.provider_status == "failed"
            || Instant::now() > deadline
        {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

#[tokio::test]
async fn a_letter_goes_through_five_steps_to_completed() {
    let sim = start(250).await;
    let p = provider(&sim);
    p.check_connection().await.unwrap();
    let mut l = letter("full-1");
    l.options.color = true;
    l.options.duplex = true;
    let checkpoint = TestCheckpoint::new();
    let mut steps = Steps::default();
    let id = p.submit(&l, &pdf(), &mut steps, &checkpoint).await.unwrap();

    // One save per step, each adding the next key, before the next call.
    let order = [
        STEP_CAMPAIGN,
        STEP_ENVELOPE,
        STEP_CONTENT,
        STEP_ENVELOPE_CLOSED,
        STEP_CAMPAIGN_CLOSED,
    ];
    let keys = checkpoint.keys();
    assert_eq!(keys.len(), 5);
    for (i, k) in keys.iter().enumerate() {
        let mut want: Vec<String> = order[..=i].iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(k, &want);
    }
    assert_eq!(
        id,
        format!(
            "{}/{}",
            steps.get(STEP_CAMPAIGN).unwrap(),
            steps.get(STEP_ENVELOPE).unwrap()
        )
    );
    assert_eq!(
        p.find(&l, &steps).await.unwrap().as_deref(),
        Some(id.as_str())
    );
    assert_eq!(
        p.find(&l, &Steps::default()).await.unwrap().as_deref(),
        Some(id.as_str()),
        "found by name and unique_id"
    );

    let seen = follow(&p, &id).await;
    let states: Vec<&str> = seen.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(states.first(), Some(&"closed"), "{seen:?}");
    assert_eq!(states.last(), Some(&"completed"), "{seen:?}");
    assert!(states.len() >= 4, "most steps seen: {seen:?}");
    let order = ["closed", "transferred", "printed", "posted", "completed"];
    assert!(states
        .windows(2)
        .all(|w| order.iter().position(|s| *s == w[0]) < order.iter().position(|s| *s == w[1])));
    let mapped: Vec<DeliveryState> = seen.iter().map(|s| s.0).collect();
    assert_eq!(mapped.first(), Some(&DeliveryState::Accepted));
    assert_eq!(mapped.last(), Some(&DeliveryState::Sent));

    let at_sim = envelopes_at_sim(&sim).await;
    assert_eq!(at_sim.len(), 1);
    let e = &at_sim[0];
    assert_eq!(e["providerId"], id);
    assert_eq!(e["state"], "completed");
    assert_eq!(e["campaignState"], "completed");
    assert_eq!(e["closeRequests"], 1);
    assert_eq!(e["unique_id"], "postdesk-full-1");
    assert_eq!(
        (
            e["postage"].as_str(),
            e["plex"].as_str(),
            e["color"].as_bool()
        ),
        (Some("priority"), Some("duplex"), Some(true))
    );
    assert_eq!(e["address"]["$type"], "postal");
    assert_eq!(e["address"]["country"], "SE");
    assert_eq!(e["sha256"], hex::encode(Sha256::digest(pdf())));
    assert_eq!(e["pages"], 1);

    // The callback Ekopost would send is signed with the account's webhook secret.
    let creds = get_json(&format!("{}/_sim/credentials", sim.base_url())).await;
    let secret = creds["ekopost"]["webhook_secret"].as_str().unwrap();
    let callback = sim
        .ekopost_callback(steps.get(STEP_CAMPAIGN).unwrap())
        .expect("completed campaign");
    assert!(webhook::verify(
        secret.as_bytes(),
        &callback.body,
        &callback.signature
    ));
    assert!(!webhook::verify(
        b"wrong",
        &callback.body,
        &callback.signature
    ));
    let payload: webhook::CampaignCompleted = serde_json::from_slice(&callback.body).unwrap();
    assert_eq!(
        payload.envelopes[0].unique_id.as_deref(),
        Some("postdesk-full-1")
    );
}

#[tokio::test]
async fn registered_letter_gets_rek_and_a_parcel_number() {
    let sim = start(60).await;
    let p = provider(&sim);
    let mut l = letter("rek-1");
    l.options.registered = RegisteredLetter::Registered;
    let id = p
        .submit(&l, &pdf(), &mut Steps::default(), &TestCheckpoint::new())
        .await
        .unwrap();
    follow(&p, &id).await;
    let s = p.status(&id).await.unwrap();
    assert_eq!(s.state, DeliveryState::Sent);
    assert!(
        s.registered_number
            .as_deref()
            .is_some_and(|n| n.starts_with("RR") && n.ends_with("SE")),
        "{s:?}"
    );
    assert_eq!(envelopes_at_sim(&sim).await[0]["postage"], "rek");

    // The rek rules are checked before any call.
    let mut bad = letter("rek-2");
    bad.options.registered = RegisteredLetter::Registered;
    bad.recipient.name_lines[0] = "Anna-Karin Andersson-Björkqvist Lundström".into();
    let e = p
        .submit(&bad, &pdf(), &mut Steps::default(), &TestCheckpoint::new())
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Rejected, Some("135"))
    );
    assert_eq!(envelopes_at_sim(&sim).await.len(), 1);
}

/// A crash after step n (its checkpoint lost: `keep_failed` false; or saved:
/// true), then a resume from what the outbox row holds: one envelope at the
/// sim, closed, and the letter handed over.
async fn crash_after(n: usize, keep_failed: bool) {
    let sim = start(10_000).await;
    let p = provider(&sim);
    let l = letter(&format!("resume-{n}-{keep_failed}"));
    let first = TestCheckpoint::failing_on(n, keep_failed);
    let mut steps = Steps::default();
    let err = p.submit(&l, &pdf(), &mut steps, &first).await.unwrap_err();
    assert_eq!(err.description, "simulated crash");
    let mut durable = first.durable();
    assert_eq!(durable.0.len(), if keep_failed { n } else { n - 1 });
    // Not handed over until the campaign is closed.
    let found = p.find(&l, &durable).await.unwrap();
    assert_eq!(found.is_some(), n == 5, "n={n}: {found:?}");

    let second = TestCheckpoint::new();
    let id = p.submit(&l, &pdf(), &mut durable, &second).await.unwrap();
    assert_eq!(durable.0.len(), 5, "n={n}: {durable:?}");
    let at_sim = envelopes_at_sim(&sim).await;
    assert_eq!(at_sim.len(), 1, "n={n} keep={keep_failed}: {at_sim:#?}");
    let e = &at_sim[0];
    assert_eq!(e["providerId"], id);
    assert_eq!(e["state"], "closed");
    assert_eq!(e["campaignState"], "closed");
    assert_eq!(e["contents"], 1);
    // A close whose save was lost is asked again and answered as it is.
    let closes = if n == 4 && !keep_failed { 2 } else { 1 };
    assert_eq!(e["closeRequests"], closes, "n={n} keep={keep_failed}");
    if keep_failed {
        assert_eq!(
            second.keys().len(),
            5 - n,
            "only the missing steps were done"
        );
    }
    assert_eq!(p.status(&id).await.unwrap().state, DeliveryState::Accepted);
}

#[tokio::test]
async fn resume_after_each_step_with_its_checkpoint_lost() {
    for n in 1..=5 {
        crash_after(n, false).await;
    }
}

#[tokio::test]
async fn resume_after_each_step_with_its_checkpoint_saved() {
    for n in 1..=5 {
        crash_after(n, true).await;
    }
}

#[tokio::test]
async fn steps_lost_altogether_find_the_envelope_by_unique_id() {
    let sim = start(10_000).await;
    let p = provider(&sim);
    let l = letter("lost-all");
    // Crash after the content (step 3), and the outbox row lost every step.
    let _ = p
        .submit(
            &l,
            &pdf(),
            &mut Steps::default(),
            &TestCheckpoint::failing_on(3, false),
        )
        .await
        .unwrap_err();
    assert_eq!(
        p.find(&l, &Steps::default()).await.unwrap(),
        None,
        "there, but not handed over"
    );
    let mut steps = Steps::default();
    let id = p
        .submit(&l, &pdf(), &mut steps, &TestCheckpoint::new())
        .await
        .unwrap();
    let at_sim = envelopes_at_sim(&sim).await;
    assert_eq!(at_sim.len(), 1);
    assert_eq!(at_sim[0]["providerId"], id);
    assert_eq!(at_sim[0]["contents"], 1);
    assert_eq!(at_sim[0]["campaignState"], "closed");
    // The empty campaign the second attempt made was cancelled.
    let c = client(&sim);
    let campaigns = c.campaigns(&Default::default()).await.unwrap();
    assert_eq!(campaigns.len(), 2);
    assert!(campaigns
        .iter()
        .any(|c| c.state.as_str() == "cancelled" && c.envelope_count == Some(0)));
}

#[tokio::test]
async fn a_second_send_of_the_same_letter_is_the_first_one() {
    let sim = start(10_000).await;
    let p = provider(&sim);
    let l = letter("dup-1");
    let first = p
        .submit(&l, &pdf(), &mut Steps::default(), &TestCheckpoint::new())
        .await
        .unwrap();
    let again = p
        .submit(&l, &pdf(), &mut Steps::default(), &TestCheckpoint::new())
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(envelopes_at_sim(&sim).await.len(), 1);

    // The raw refusal is Ekopost's 126, which the provider knows as a duplicate.
    let c = client(&sim);
    let campaign = c.create_campaign(&Default::default()).await.unwrap();
    let mut req = postdesk_providers::ekopost::mapping::envelope_request(&l, "SE").unwrap();
    let e = c.create_envelope(&campaign.id, &req).await.unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref(), e.http_status),
        (ErrorKind::Rejected, Some("126"), Some(400))
    );
    assert!(p.is_duplicate_refusal(&e));
    req.unique_id = Some("postdesk-other".into());
    c.create_envelope(&campaign.id, &req).await.unwrap();
}

#[tokio::test]
async fn cancel_until_transferred() {
    let sim = start(400).await;
    let p = provider(&sim);
    let id = p
        .submit(
            &letter("cancel-1"),
            &pdf(),
            &mut Steps::default(),
            &TestCheckpoint::new(),
        )
        .await
        .unwrap();
    p.cancel(&id).await.unwrap();
    let s = p.status(&id).await.unwrap();
    assert_eq!(
        (s.state, s.provider_status.as_str()),
        (DeliveryState::Cancelled, "cancelled")
    );
    p.cancel(&id).await.unwrap(); // again: answered as it is

    let late = p
        .submit(
            &letter("cancel-2"),
            &pdf(),
            &mut Steps::default(),
            &TestCheckpoint::new(),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let e = p.cancel(&late).await.unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_deref()),
        (ErrorKind::Rejected, Some("127"))
    );
    assert!(e.description.contains("transferred"), "{}", e.description);
    assert!(p.describe().can_cancel);
}

#[tokio::test]
async fn failed_production_is_failed_with_its_reason() {
    let sim = start(50).await;
    let p = provider(&sim);
    let mut l = letter("fail-1");
    l.cost_center = Some("sim:fail:Paper jam".into());
    let id = p
        .submit(&l, &pdf(), &mut Steps::default(), &TestCheckpoint::new())
        .await
        .unwrap();
    follow(&p, &id).await;
    let s = p.status(&id).await.unwrap();
    assert_eq!(
        (s.state, s.provider_status.as_str()),
        (DeliveryState::Failed, "failed")
    );
    assert_eq!(s.errors[0].description.as_deref(), Some("Paper jam"));
}

#[tokio::test]
async fn bad_credentials_are_code_0_and_auth() {
    let sim = start(100).await;
    let wrong = Client::builder(sim.ekopost_base_url())
        .api_key("not-the-key")
        .build()
        .unwrap();
    let e = wrong.campaigns(&Default::default()).await.unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref(), e.http_status),
        (ErrorKind::Auth, Some("0"), Some(400))
    );
    assert!(!e.is_retryable());
    let p = postdesk_providers::ekopost::EkopostProvider::new(wrong);
    assert_eq!(
        p.check_connection().await.unwrap_err().kind,
        ErrorKind::Auth
    );
    let e = p
        .submit(
            &letter("auth-1"),
            &pdf(),
            &mut Steps::default(),
            &TestCheckpoint::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Auth);

    // No header at all.
    let r = reqwest::get(format!("{}/campaigns", sim.ekopost_base_url()))
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error_code"], "0");

    // Basic with the sandbox user works; with a wrong password it is code 0.
    let creds = get_json(&format!("{}/_sim/credentials", sim.base_url())).await;
    let (user, password) = (
        creds["ekopost"]["username"].as_str().unwrap(),
        creds["ekopost"]["password"].as_str().unwrap(),
    );
    let basic = Client::builder(sim.ekopost_base_url())
        .basic(user, password)
        .build()
        .unwrap();
    basic.campaigns(&Default::default()).await.unwrap();
    let basic = Client::builder(sim.ekopost_base_url())
        .basic(user, "nope")
        .build()
        .unwrap();
    assert_eq!(
        basic
            .campaigns(&Default::default())
            .await
            .unwrap_err()
            .code
            .as_deref(),
        Some("0")
    );
}

#[tokio::test]
async fn faults_are_retryable_and_a_resend_finishes_the_letter() {
    let sim = start(10_000).await;
    let p = provider(&sim);
    let l = letter("faults-1");
    let mut steps = Steps::default();

    sim.set_faults(Faults::parse("http_5xx=1").unwrap());
    let e = p
        .submit(&l, &pdf(), &mut steps, &TestCheckpoint::new())
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.http_status),
        (ErrorKind::Transient, Some(503))
    );
    assert!(e.is_retryable());

    sim.set_faults(Faults::parse("http_429=1,retry_after_s=2").unwrap());
    let e = p
        .submit(&l, &pdf(), &mut steps, &TestCheckpoint::new())
        .await
        .unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(2))
        }
    );
    assert!(e.is_retryable());

    // Half the send calls fail: retrying with the same steps gets it there once.
    sim.set_faults(Faults::parse("http_5xx=0.5,seed=11").unwrap());
    let checkpoint = TestCheckpoint::new();
    let mut id = None;
    for _ in 0..40 {
        match p.submit(&l, &pdf(), &mut steps, &checkpoint).await {
            Ok(done) => {
                id = Some(done);
                break;
            }
            Err(e) => assert!(e.is_retryable(), "{e}"),
        }
    }
    let id = id.expect("sent within 40 tries");
    sim.set_faults(Faults::parse("status=true,http_5xx=1").unwrap());
    let e = p.status(&id).await.unwrap_err();
    assert!(e.is_retryable() && e.http_status == Some(503));
    sim.set_faults(Faults::default());
    assert_eq!(envelopes_at_sim(&sim).await.len(), 1);
    assert_eq!(p.status(&id).await.unwrap().state, DeliveryState::Accepted);

    // No server at all.
    let base = sim.ekopost_base_url();
    sim.shutdown().await;
    let gone = Client::builder(base).api_key("k").build().unwrap();
    let e = gone.campaigns(&Default::default()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Connection);
}

#[tokio::test]
async fn state_and_key_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = postdesk_sim::SimConfig {
        state_path: Some(dir.path().join("state.json")),
        ..postdesk_sim::SimConfig::fast(Duration::from_secs(60), Duration::ZERO)
    };
    let sim = postdesk_sim::Sim::start(config.clone()).await.unwrap();
    let key = sim.ekopost_api_key();
    assert_eq!(key.len(), 40);
    let id = provider(&sim)
        .submit(
            &letter("persist-1"),
            &pdf(),
            &mut Steps::default(),
            &TestCheckpoint::new(),
        )
        .await
        .unwrap();
    sim.shutdown().await;

    let sim = postdesk_sim::Sim::start(config).await.unwrap();
    assert_eq!(sim.ekopost_api_key(), key);
    assert_eq!(
        provider(&sim).status(&id).await.unwrap().provider_status,
        "closed"
    );
    assert_eq!(envelopes_at_sim(&sim).await.len(), 1);
}

#[tokio::test]
async fn credentials_page_has_both_providers() {
    let sim = start(100).await;
    let creds = get_json(&format!("{}/_sim/credentials", sim.base_url())).await;
    assert!(creds["epost"].is_array());
    assert_eq!(creds["ekopost"]["base_url"], sim.ekopost_base_url());
    assert_eq!(creds["ekopost"]["api_key"], sim.ekopost_api_key());
    assert!(sim.ekopost_base_url().ends_with("/ekopost"));
    // A provider built from the page alone works.
    let p = postdesk_providers::ekopost::provider(
        creds["ekopost"]["base_url"].as_str().unwrap(),
        creds["ekopost"]["api_key"].as_str().unwrap().into(),
    )
    .unwrap();
    p.check_connection().await.unwrap();
}
