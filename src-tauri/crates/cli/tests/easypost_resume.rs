//! EasyPost's two steps, each cut by a real process death: `postdesk-cli send`
//! is killed (abort, as by a power cut) right after it recorded the job's id
//! (job made, PDF not uploaded yet) or the upload, then the same command runs
//! again. Every letter must end as exactly one job at the simulator, its PDF
//! uploaded once — and a job left waiting for its file near the provider's
//! 2-hour limit is made anew, the old one never uploaded to.
use std::path::Path;

mod common;
use common::{cli_run as cli, letter_to, sha256};


fn belgian_letter(dir: &Path, i: usize) -> String {
    let (name, street) = (format!("Klant {i} Peeters"), format!("Kerkstraat {}", i + 1));
    letter_to(dir, &format!("factuur-{i}.pdf"), &[&name, &street, "2000 Antwerpen"], (105.0, 44.0))
}


/// The simulator's jobs (`GET /jobs` with the sandbox key), every page.
fn jobs_at_sim(rt: &tokio::runtime::Runtime, url: &str) -> Vec<serde_json::Value> {
    rt.block_on(async {
        let creds = postdesk_sim::inspect::credentials(url).await.unwrap();
        let base = creds["easypost"]["base_url"].as_str().unwrap().to_string();
        let key = creds["easypost"]["api_key"].as_str().unwrap().to_string();
        let http = reqwest::Client::new();
        let (mut all, mut after) = (Vec::new(), None::<String>);
        loop {
            let mut req = http.get(format!("{base}/jobs")).header("x-api-key", &key);
            if let Some(a) = &after {
                req = req.query(&[("after", a)]);
            }
            let page: serde_json::Value = req.send().await.unwrap().json().await.unwrap();
            let items = page["items"].as_array().cloned().unwrap_or_default();
            let max = page["maxItems"].as_u64().unwrap_or(100) as usize;
            after = items.last().and_then(|j| j["id"].as_str()).map(str::to_string);
            let n = items.len();
            all.extend(items);
            if n < max {
                return all;
            }
        }
    })
}

#[test]
fn a_send_killed_after_each_step_resumes_and_makes_one_job_with_one_upload() {
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
    let svc = format!("postdesk-cli-easypost-{}", std::process::id());

    let out = cli(&data, &svc, &["add-company", "Peeters BV", "--provider", "easypost", "--sim", &url], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("EasyPost"), "{}", String::from_utf8_lossy(&out.stdout));

    for (i, step) in ["job_id", "uploaded"].iter().enumerate() {
        let file = belgian_letter(dir.path(), i);
        let args = ["send", &file, "--company", "Peeters BV", "--sim", &url, "--wait"];
        let killed = cli(&data, &svc, &args, Some(step));
        assert!(!killed.status.success(), "the process died after {step}: {}", String::from_utf8_lossy(&killed.stderr));
        assert!(String::from_utf8_lossy(&killed.stderr).contains("killed after step"), "{}", String::from_utf8_lossy(&killed.stderr));
        let before = jobs_at_sim(&rt, &url).len();

        let again = cli(&data, &svc, &args, None);
        assert!(again.status.success(), "after {step}: {}\n{}", String::from_utf8_lossy(&again.stdout), String::from_utf8_lossy(&again.stderr));
        assert_eq!(jobs_at_sim(&rt, &url).len(), before, "killed after {step}: the resumed send made no second job");

        let sha = sha256(&file);
        let letters = rt.block_on(postdesk_sim::inspect::letters(&url)).unwrap();
        let mine: Vec<_> = letters.iter().filter(|l| l["provider"] == "easypost" && l["sha256"].as_str() == Some(&sha)).collect();
        assert_eq!(mine.len(), 1, "killed after {step}: exactly one job with the letter: {mine:?}");
    }
    // Every job at the simulator has its file: none waits for one.
    let waiting: Vec<_> = jobs_at_sim(&rt, &url).into_iter().filter(|j| j["status"] == "AWAITING_FOR_FILE").collect();
    assert!(waiting.is_empty(), "a job still waits for its file: {waiting:?}");

    let jobs = cli(&data, &svc, &["jobs", "--json", "--sim", &url], None);
    let v: serde_json::Value = serde_json::from_slice(&jobs.stdout).unwrap();
    let sent = v.as_array().unwrap().iter().filter(|j| j["state"] == "sent").count();
    assert_eq!(sent, 2, "every letter sent once: {v}");
    rt.block_on(sim.shutdown());
}
