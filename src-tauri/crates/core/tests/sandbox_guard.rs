//! The in-process sandbox answers this app only (issue #17): its simulator is
//! guarded by a token made fresh for every run and by the Host check, while the
//! app's own flows (the sandbox account's password by SMS PIN, an Ekopost
//! company's key from `/_sim/credentials`, the inbox) go through the token URL
//! unchanged. The token is in no file of the data folder. Real parts: SQLite,
//! the Secret Service keychain (run under scripts/desktop-session.sh), HTTP.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use postdesk_core::{NoEvents, Postdesk, PostdeskOptions, ProviderKind};

/// `GET path` with this Host on a raw connection; the status code and body.
fn get(origin: &str, path: &str, host: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(origin).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let status = answer.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// `127.0.0.1:PORT` and the token of `http://127.0.0.1:PORT/<token>`.
fn split(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (origin, token) = rest.split_once('/').expect("a path after the origin");
    (origin.to_owned(), token.to_owned())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_in_process_sandbox_answers_this_app_only_with_a_token_per_run() {
    let dir = tempfile::tempdir().unwrap();
    let svc = format!("postdesk-test-guard-{}", std::process::id());
    let opts = || PostdeskOptions::new(dir.path(), &svc);

    let rt = tokio::runtime::Runtime::new().unwrap();
    let (app, first) = rt.block_on(async {
        let app = Postdesk::open(opts(), Arc::new(NoEvents)).await.unwrap();
        let url = app.sandbox_url().to_owned();
        let status = app.status().unwrap();
        assert_eq!(status.sandbox_url.as_deref(), Some(url.as_str()), "the window gets the token URL");
        // The app's own flows went through the guard: the sandbox account got
        // its password by SMS PIN read from the inbox at open...
        assert!(status.account.has_secret && status.account.has_password);
        assert!(!app.inbox().await.unwrap().is_empty());
        // ...and an Ekopost company of the sandbox reads its key from /_sim/credentials.
        let eko = app.create_ekopost_company("Vakt AB", true).await.unwrap();
        assert_eq!(eko.account.provider, ProviderKind::Ekopost);
        assert!(eko.account.has_secret, "the sandbox's Ekopost key is in the keychain");
        (app, url)
    });
    let (origin, token) = split(&first);
    assert!(token.len() >= 32 && token.chars().all(|c| c.is_ascii_hexdigit()), "≥128 random bits");
    let host = origin.clone();
    let port = origin.rsplit(':').next().unwrap().to_owned();

    // Another program on the machine, without the token: 404, not a word more.
    for path in ["/_sim/credentials", "/_sim/inbox", "/_sim/letters", "/_sim/faults", "/api/Login/HealthCheck"] {
        assert_eq!(get(&origin, path, &host), (404, String::new()), "{path}");
    }
    // A web page rebinding its own name to 127.0.0.1: 403 even with the token.
    let creds = format!("/{token}/_sim/credentials");
    let (status, body) = get(&origin, &creds, &format!("evil.example:{port}"));
    assert_eq!(status, 403);
    assert!(!body.contains("api_key"), "{body}");
    // This app, with both.
    let (status, body) = get(&origin, &creds, &host);
    assert_eq!(status, 200);
    assert!(body.contains("api_key"));
    assert_eq!(get(&origin, &creds, &format!("localhost:{port}")).0, 200);

    // The next run makes a new token; the old one opens nothing.
    drop(app);
    drop(rt);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (app, second) = rt.block_on(async {
        let app = Postdesk::open(opts(), Arc::new(NoEvents)).await.unwrap();
        assert!(app.status().unwrap().account.has_secret, "the restart logs in through the new token");
        let url = app.sandbox_url().to_owned();
        (app, url)
    });
    let (origin2, token2) = split(&second);
    assert_ne!(token2, token);
    assert_eq!(get(&origin2, &format!("/{token}/_sim/credentials"), &origin2).0, 404);
    assert_eq!(get(&origin2, &format!("/{token2}/_sim/credentials"), &origin2).0, 200);
    drop(app);
    drop(rt);

    // Neither token was written anywhere in the data folder (database, logs,
    // the simulator's state).
    for file in walk(dir.path()) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for t in [&token, &token2] {
            assert!(!bytes.windows(t.len()).any(|w| w == t.as_bytes()), "the token is in {}", file.display());
        }
    }
}
