//! The `postdesk-sim` binary prints its address and serves until killed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_prints_listening_line_and_serves() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_postdesk-sim"))
        .args([
            "--port",
            "0",
            "--step-ms",
            "100",
            "--min-status-ms",
            "0",
            "--state",
        ])
        .arg(dir.path().join("state.json"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .expect(&line)
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    let port: u16 = url.rsplit(':').next().unwrap().parse().unwrap();
    assert!(port > 0);
    let status = reqwest::get(format!("{url}/api/Login/HealthCheck"))
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// `--faults SPEC` sets the faults, `GET /_sim/faults` shows them, `POST` replaces
/// them; a bad SPEC is a usage error; `http_5xx=1` answers every send with 503.
#[tokio::test]
async fn faults_from_the_command_line_and_over_http() {
    let bad = Command::new(env!("CARGO_BIN_EXE_postdesk-sim"))
        .args(["--faults", "lost=3"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let mut child = Command::new(env!("CARGO_BIN_EXE_postdesk-sim"))
        .args(["--port", "0", "--faults", "http_5xx=1,seed=9,status=true"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().strip_prefix("listening on ").unwrap().to_owned();
    let http = reqwest::Client::new();
    let f: serde_json::Value = http.get(format!("{url}/_sim/faults")).send().await.unwrap().json().await.unwrap();
    assert_eq!(f["http_5xx"], 1.0);
    assert_eq!(f["seed"], 9);
    // Faults come before authentication: an unauthenticated send gets the 503.
    let r = http.post(format!("{url}/api/Letter")).json(&serde_json::json!([])).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let r = http
        .post(format!("{url}/_sim/faults"))
        .json(&serde_json::json!({"http_429": 1.0, "retry_after_s": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = http.post(format!("{url}/api/Letter")).json(&serde_json::json!([])).send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "2");
    // Status calls only get faults with `status`: now off, so 401 (no token).
    let r = http.get(format!("{url}/api/Letter/1")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    child.kill().unwrap();
    child.wait().unwrap();
}
