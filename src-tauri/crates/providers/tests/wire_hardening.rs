//! The wire against a real (tiny, raw) HTTP server on 127.0.0.1: redirects are
//! not followed, answers are size-capped, a letter upload's timeout grows with
//! its size, and a hostile `Retry-After` is bounded.

use postdesk_providers::ekopost::wire::ContentRequest;
use postdesk_providers::epost;
use postdesk_providers::{ekopost, ErrorKind, Secret};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server read it.
#[derive(Debug)]
struct Request {
    path: String,
}

/// What the server answers: raw head lines, a body, a delay before answering,
/// and optionally an endless body.
#[derive(Clone, Default)]
struct Answer {
    status: &'static str,
    headers: Vec<String>,
    body: Vec<u8>,
    delay: Duration,
    endless: bool,
}

impl Answer {
    fn json(body: &str) -> Self {
        Answer {
            status: "200 OK",
            headers: vec!["Content-Type: application/json".into()],
            body: body.as_bytes().to_vec(),
            ..Default::default()
        }
    }
}

/// A server on a free loopback port; `route` decides each answer. Counts the
/// requests it has read completely.
struct Server {
    url: String,
    requests: Arc<AtomicUsize>,
}

async fn serve(route: impl Fn(&Request) -> Answer + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let count = requests.clone();
    let route = Arc::new(route);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (route, count) = (route.clone(), count.clone());
            tokio::spawn(async move {
                let _ = connection(stream, &*route, &count).await;
            });
        }
    });
    Server { url, requests }
}

async fn connection(
    mut stream: TcpStream,
    route: &(dyn Fn(&Request) -> Answer + Send + Sync),
    count: &AtomicUsize,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    loop {
        // The head.
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let path = head.split_whitespace().nth(1).unwrap_or("").to_owned();
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        // The body.
        while buf.len() < head_end + length {
            let mut chunk = [0u8; 65536];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        buf.drain(..head_end + length);
        count.fetch_add(1, Ordering::SeqCst);
        let answer = route(&Request { path });
        tokio::time::sleep(answer.delay).await;
        let mut out = format!("HTTP/1.1 {}\r\n", answer.status);
        for h in &answer.headers {
            out.push_str(h);
            out.push_str("\r\n");
        }
        if answer.endless {
            // No length: the body runs until the connection closes, which it never does.
            out.push_str("Connection: close\r\n\r\n");
            stream.write_all(out.as_bytes()).await?;
            let block = vec![b' '; 64 * 1024];
            loop {
                stream.write_all(&block).await?;
            }
        }
        if !answer
            .headers
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("content-length"))
        {
            out.push_str(&format!("Content-Length: {}\r\n", answer.body.len()));
        }
        out.push_str("\r\n");
        stream.write_all(out.as_bytes()).await?;
        stream.write_all(&answer.body).await?;
    }
}

fn epost_client(url: &str, timeout: Duration) -> epost::Client {
    epost::Client::builder(url)
        .vendor_id("POSTDESK")
        .timeout(timeout)
        .build()
        .unwrap()
}

fn ekopost_client(url: &str, timeout: Duration) -> ekopost::Client {
    ekopost::Client::builder(url)
        .api_key(Secret::new("key"))
        .timeout(timeout)
        .build()
        .unwrap()
}

#[tokio::test]
async fn epost_login_is_not_redirected_by_a_307() {
    let target = serve(|_| Answer::json(r#"{"token":"stolen"}"#)).await;
    let location = format!("Location: {}/api/Login", target.url);
    let origin = serve(move |_| Answer {
        status: "307 Temporary Redirect",
        headers: vec![location.clone()],
        ..Default::default()
    })
    .await;
    let client = epost_client(&origin.url, Duration::from_secs(10));
    let e = client
        .login(
            "1234567890",
            &Secret::new("secret"),
            &Secret::new("password"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.http_status, Some(307), "{e}");
    assert_eq!(e.kind, ErrorKind::Rejected);
    assert!(e.description.contains("redirects to"), "{e}");
    assert!(e.description.contains(&target.url), "{e}");
    assert_eq!(origin.requests.load(Ordering::SeqCst), 1);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        target.requests.load(Ordering::SeqCst),
        0,
        "the login body went to the redirect's target"
    );
}

#[tokio::test]
async fn ekopost_calls_are_not_redirected_either() {
    let target = serve(|_| Answer::json("[]")).await;
    let location = format!("Location: {}/campaigns", target.url);
    let origin = serve(move |_| Answer {
        status: "308 Permanent Redirect",
        headers: vec![location.clone()],
        ..Default::default()
    })
    .await;
    let e = ekopost_client(&origin.url, Duration::from_secs(10))
        .campaigns(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(e.http_status, Some(308));
    assert!(e.description.contains("redirects to"), "{e}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(target.requests.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn an_endless_json_answer_stops_at_the_cap() {
    let server = serve(|_| Answer {
        status: "200 OK",
        headers: vec!["Content-Type: application/json".into()],
        endless: true,
        ..Default::default()
    })
    .await;
    let started = Instant::now();
    let e = ekopost_client(&server.url, Duration::from_secs(60))
        .campaign("c1")
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Protocol, "{e}");
    assert!(e.description.contains("larger than 8 MB"), "{e}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "read on for {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_announced_oversize_answer_is_not_read() {
    // E-POST's test result carries a PDF: its cap is the largest letter, base64, plus room.
    let server = serve(|r| match r.path.as_str() {
        "/api/Login" => Answer::json(r#"{"token":"t"}"#),
        _ => Answer {
            status: "200 OK",
            headers: vec!["Content-Length: 40000000".into()],
            ..Default::default()
        },
    })
    .await;
    let client = epost_client(&server.url, Duration::from_secs(60));
    client
        .login("1234567890", &Secret::new("s"), &Secret::new("p"))
        .await
        .unwrap();
    let started = Instant::now();
    let e = client.test_result(7).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Protocol, "{e}");
    assert!(e.description.contains("larger than"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_hostile_retry_after_is_bounded() {
    for value in ["inf", "1e20", "NaN", "-5", "99999999999999999999", "soon"] {
        let header = format!("Retry-After: {value}");
        let server = serve(move |_| Answer {
            status: "429 Too Many Requests",
            headers: vec![header.clone()],
            ..Default::default()
        })
        .await;
        let e = ekopost_client(&server.url, Duration::from_secs(10))
            .campaign("c1")
            .await
            .unwrap_err();
        match e.kind {
            ErrorKind::RateLimited { retry_after } => assert!(
                retry_after.is_none_or(|d| d <= postdesk_providers::http::MAX_RETRY_AFTER),
                "{value}: {retry_after:?}"
            ),
            other => panic!("{value}: {other:?}"),
        }
        let epost = epost_client(&server.url, Duration::from_secs(10));
        let e = epost.health_check().await.unwrap_err();
        assert!(
            matches!(e.kind, ErrorKind::RateLimited { .. }),
            "{value}: {e}"
        );
    }
}

/// A server that takes `delay` to answer the upload: longer than the client's
/// whole-request timeout, shorter than that timeout plus the upload's share.
const BASE_TIMEOUT: Duration = Duration::from_millis(400);
const UPLOAD_DELAY: Duration = Duration::from_millis(1200);
/// 768 KiB of PDF: about 1 MB as base64, about 4 s at 256 KiB/s.
fn big_pdf() -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(768 * 1024, b'%');
    pdf
}

#[tokio::test]
async fn the_ekopost_content_upload_gets_more_time_for_a_large_letter() {
    // Every call answers late; only the upload may wait for it.
    let server = serve(|_| Answer {
        delay: UPLOAD_DELAY,
        ..Answer::json(r#"{"id":"content-1","mime":"application/pdf"}"#)
    })
    .await;
    let client = ekopost_client(&server.url, BASE_TIMEOUT);
    let content = client
        .create_content("c1", "e1", &ContentRequest::pdf_document(&big_pdf()))
        .await
        .unwrap();
    assert_eq!(content.id, "content-1");
    // The same delay on a small call is still a timeout: only the upload grows.
    let e = client.content("c1", "e1", "content-1").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
}

#[tokio::test]
async fn the_epost_letter_upload_gets_more_time_for_a_large_letter() {
    let server = serve(|r| match r.path.as_str() {
        "/api/Login" => Answer::json(r#"{"token":"t"}"#),
        "/api/Letter" => Answer {
            delay: UPLOAD_DELAY,
            ..Answer::json(r#"[{"fileName":"Brief-1.pdf","letterID":42}]"#)
        },
        _ => Answer {
            delay: UPLOAD_DELAY,
            ..Answer::json("{}")
        },
    })
    .await;
    let client = epost_client(&server.url, BASE_TIMEOUT);
    client
        .login("1234567890", &Secret::new("s"), &Secret::new("p"))
        .await
        .unwrap();
    let letter = epost::Letter::new("Brief-1.pdf", &big_pdf(), "Erika Muster", "53113", "Bonn");
    let accepted = client.send_letters(&[letter]).await.unwrap();
    assert_eq!(accepted[0].letter_id, 42);
    let e = client.test_result(42).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
}

#[tokio::test]
async fn a_transport_error_names_the_origin_but_not_the_path_of_the_base_url() {
    // A closed port, and a base URL with a secret in its path (as the built-in
    // sandbox's per-run token is).
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/per-run-token");
    let e = epost_client(&base, Duration::from_secs(5))
        .health_check()
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Connection, "{e}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
    assert!(!format!("{e} {e:?}").contains("per-run-token"), "{e:?}");
}
