//! Ekopost's five calls, each one cut by a real process death: `postdesk-cli
//! send` is killed (abort, as by a power cut) right after it recorded step k,
//! then the same command runs again. Every letter must end with exactly one
//! envelope at the simulator, closed and posted, its campaign closed — whatever
//! step the kill hit. Also `add-company` and `send --company` for Ekopost.
use std::path::Path;

mod common;
use common::{cli_run as cli, letter_to, sha256};

const STEPS: [&str; 5] = ["campaign_id", "envelope_id", "content_id", "envelope_closed", "campaign_closed"];


fn swedish_letter(dir: &Path, i: usize) -> String {
    let (name, street) = (format!("Kund {i} Andersson"), format!("Storgatan {}", i + 1));
    letter_to(dir, &format!("faktura-{i}.pdf"), &[&name, &street, "114 55 Stockholm"], (118.0, 36.0))
}


#[test]
fn a_send_killed_after_each_of_the_five_steps_resumes_and_posts_one_envelope() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sim = rt
        .block_on(postdesk_sim::Sim::start(postdesk_sim::SimConfig {
            step: std::time::Duration::from_millis(100),
            min_status_interval: std::time::Duration::ZERO,
            ..Default::default()
        }))
        .unwrap();
    let url = sim.base_url();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let svc = format!("postdesk-cli-eko-{}", std::process::id());

    let out = cli(&data, &svc, &["add-company", "Svensson AB", "--provider", "ekopost", "--sim", &url], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ekopost"));

    for (i, step) in STEPS.iter().enumerate() {
        let file = swedish_letter(dir.path(), i);
        let args = ["send", &file, "--company", "Svensson AB", "--sim", &url, "--wait"];
        let killed = cli(&data, &svc, &args, Some(step));
        assert!(!killed.status.success(), "the process died after {step}: {}", String::from_utf8_lossy(&killed.stderr));
        assert!(String::from_utf8_lossy(&killed.stderr).contains("killed after step"), "{}", String::from_utf8_lossy(&killed.stderr));

        let again = cli(&data, &svc, &args, None);
        assert!(again.status.success(), "after {step}: {}\n{}", String::from_utf8_lossy(&again.stdout), String::from_utf8_lossy(&again.stderr));

        let sha = sha256(&file);
        let letters = rt.block_on(postdesk_sim::inspect::letters(&url)).unwrap();
        let mine: Vec<_> = letters.iter().filter(|l| l["provider"] == "ekopost" && l["sha256"].as_str() == Some(&sha)).collect();
        assert_eq!(mine.len(), 1, "killed after {step}: exactly one envelope with the letter: {mine:?}");
        let e = mine[0];
        assert!(
            !["opened", "failed", "cancelled"].contains(&e["state"].as_str().unwrap_or("")),
            "killed after {step}: the envelope went on: {e}"
        );
        assert_ne!(e["campaignState"], "opened", "killed after {step}: the campaign was closed: {e}");
        // Resumed from the recorded steps, not redone: the envelope was closed once
        // and got its document once.
        assert_eq!(e["closeRequests"], 1, "killed after {step}: the envelope was closed exactly once: {e}");
        assert_eq!(e["contents"].as_array().map(Vec::len).or(e["contents"].as_u64().map(|n| n as usize)), Some(1), "killed after {step}: one document: {e}");
        // Each send opens one campaign with one envelope: an envelope without the
        // document would be a second, half-made copy.
        let stray: Vec<_> = letters.iter().filter(|l| l["provider"] == "ekopost" && l["sha256"].is_null()).collect();
        assert!(stray.is_empty(), "killed after {step}: no envelope without its document: {stray:?}");
    }

    let jobs = cli(&data, &svc, &["jobs", "--json", "--sim", &url], None);
    let v: serde_json::Value = serde_json::from_slice(&jobs.stdout).unwrap();
    let sent = v.as_array().unwrap().iter().filter(|j| j["state"] == "sent").count();
    assert_eq!(sent, STEPS.len(), "every letter sent once: {v}");
    rt.block_on(sim.shutdown());
}
