//! Offices run TLS-inspecting proxies and HTTP proxies: provider calls trust the
//! system's certificate store as well as the bundled roots, and go through the
//! system proxy — but the built-in sandbox on this machine never does.
//! Real parts: an `openssl s_server` with a certificate from a throwaway CA that
//! only the "system store" (`SSL_CERT_FILE`, as rustls-native-certs reads it)
//! knows; a proxy and a server on raw sockets. One test: the environment is the
//! whole process's.
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use postdesk_providers::posti::Client as PostiClient;
use postdesk_providers::Secret;

/// Serves one JSON answer per connection; sends each request line to `seen`.
fn json_server(seen: mpsc::Sender<String>) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in l.incoming().flatten() {
            let mut r = BufReader::new(conn.try_clone().unwrap());
            let mut first = String::new();
            r.read_line(&mut first).unwrap();
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                    break;
                }
            }
            let _ = seen.send(first.trim_end().to_string());
            let body = r#"{"agreements":[]}"#;
            let mut c = conn;
            let _ = write!(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    port
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl (scripts/setup.sh installs it)");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn system_roots_are_trusted_and_the_proxy_is_used_except_for_this_machine() {
    // --- The proxy: a provider's host goes through it, the sandbox on 127.0.0.1 never.
    let (proxy_tx, proxy_seen) = mpsc::channel();
    let proxy = json_server(proxy_tx);
    let (direct_tx, direct_seen) = mpsc::channel();
    let direct = json_server(direct_tx);
    for k in ["NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"] {
        std::env::remove_var(k);
    }
    std::env::set_var("HTTP_PROXY", format!("http://127.0.0.1:{proxy}"));
    std::env::set_var("http_proxy", format!("http://127.0.0.1:{proxy}"));
    let key = Secret::new("k-123");
    let remote = PostiClient::new("http://posti.example.invalid", &key, Duration::from_secs(10)).unwrap();
    remote.agreements().await.expect("answered by the proxy");
    let line = proxy_seen.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(line, "GET http://posti.example.invalid/v1/agreements HTTP/1.1", "through the system proxy");
    let local = PostiClient::new(&format!("http://127.0.0.1:{direct}"), &key, Duration::from_secs(10)).unwrap();
    local.agreements().await.expect("the local server answers");
    assert_eq!(direct_seen.recv_timeout(Duration::from_secs(5)).unwrap(), "GET /v1/agreements HTTP/1.1");
    assert!(proxy_seen.try_recv().is_err(), "the loopback call did not go to the proxy");
    std::env::remove_var("HTTP_PROXY");
    std::env::remove_var("http_proxy");

    // --- The system store: a root only it knows (an office proxy's CA).
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    openssl(d, &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Postdesk Test Office Proxy CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
    openssl(d, &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=localhost"]);
    std::fs::write(d.join("ext.cnf"), "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n").unwrap();
    openssl(d, &["x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf"]);
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Command::new("openssl")
        .args(["s_server", "-accept", &format!("127.0.0.1:{port}"), "-cert", "srv.pem", "-key", "srv.key", "-www", "-quiet"])
        .current_dir(d)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(10), "s_server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = format!("https://localhost:{port}/");
    let client = || postdesk_providers::http::client_builder(&url, Duration::from_secs(10), Duration::from_secs(5)).build().unwrap();

    std::env::remove_var("SSL_CERT_DIR");
    std::env::set_var("SSL_CERT_FILE", d.join("empty.pem"));
    std::fs::write(d.join("empty.pem"), "").unwrap();
    let refused = client().get(&url).send().await;
    assert!(refused.is_err(), "a root neither bundled nor in the system store is not trusted");

    std::env::set_var("SSL_CERT_FILE", d.join("ca.pem"));
    let resp = client().get(&url).send().await.expect("the system store's root is trusted");
    assert_eq!(resp.status(), 200);
    std::env::remove_var("SSL_CERT_FILE");
    let _ = server.kill();
    let _ = server.wait();
}
