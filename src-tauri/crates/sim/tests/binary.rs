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
