//! What every provider's HTTP plumbing shares: bounds on what the server sends
//! (`Retry-After`, body sizes, redirects), the base-URL rule for live accounts,
//! the upload timeout, and how a reqwest failure is classified.
//!
//! Every number that comes from outside is bounded here before any arithmetic
//! that could panic (`Duration::from_secs_f64` panics on inf, NaN and overflow).

use crate::error::{ErrorKind, ProviderError};
use reqwest::{header, Response, StatusCode};
use std::fmt;
use std::time::{Duration, SystemTime};

/// Longest `Retry-After` honoured: a larger value (or a date further ahead) is
/// taken as this. CHOICE: 5 minutes, the outbox's own longest backoff; a
/// provider that really needs longer answers 429 again and we wait again, while
/// a broken or hostile header cannot park a letter or the status refresh for days.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// Largest JSON answer read (our answers are a few KB; a status query of a
/// big account maybe a few hundred).
pub const MAX_JSON_BODY: u64 = 8 * MIB;
/// Error bodies are read up to this much; the rest is ignored.
pub const MAX_ERROR_BODY: u64 = 64 * KIB;
/// The largest letter any provider takes (20 MB, as `postdesk-pdf`'s rules check
/// before sending).
pub const MAX_LETTER_BYTES: u64 = 20_000_000;
/// Largest answer that carries a letter's PDF (E-POST's test result: base64 in
/// JSON, 4/3 of the PDF, plus room for the other fields).
pub const MAX_PDF_BODY: u64 = MAX_LETTER_BYTES / 3 * 4 + 4 * MIB;

/// Upload rate assumed for the letter upload's timeout: a slow office line.
pub const UPLOAD_BYTES_PER_SEC: u64 = 256 * KIB;
/// The letter upload's timeout never grows beyond this.
pub const MAX_UPLOAD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// `Retry-After` (delay-seconds or an HTTP-date), bounded to
/// `0..=MAX_RETRY_AFTER`. None for what is not a delay (garbage, NaN, a
/// negative number): the caller then uses its own backoff.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    parse_retry_after_at(value, SystemTime::now())
}

fn parse_retry_after_at(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    // delay-seconds: digits only; a number too long for u64 is simply "very long".
    if v.bytes().all(|b| b.is_ascii_digit()) {
        let secs = v.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs.min(MAX_RETRY_AFTER.as_secs())));
    }
    // Not what RFC 9110 allows, but seen: fractions, exponents, inf.
    if let Ok(secs) = v.parse::<f64>() {
        if secs.is_nan() || secs < 0.0 {
            return None;
        }
        let max = MAX_RETRY_AFTER.as_secs_f64();
        return Some(Duration::from_secs_f64(secs.min(max)));
    }
    let at = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    let at = SystemTime::from(at);
    Some(
        at.duration_since(now)
            .unwrap_or(Duration::ZERO)
            .min(MAX_RETRY_AFTER),
    )
}

/// The answer's `Retry-After`, bounded (see `parse_retry_after`).
pub fn retry_after(resp: &Response) -> Option<Duration> {
    parse_retry_after(resp.headers().get(header::RETRY_AFTER)?.to_str().ok()?)
}

/// `err` naming only the origin (`http://127.0.0.1:4711/`) of its URL, not
/// its path or query: a base URL can carry a secret in its path (the built-in
/// sandbox's per-run token), and this text reaches logs, the job list and
/// "Copy for support".
pub fn without_path(mut err: reqwest::Error) -> reqwest::Error {
    if let Some(url) = err.url_mut() {
        url.set_path("/");
        url.set_query(None);
        url.set_fragment(None);
    }
    err
}

/// A transport failure (no HTTP answer, or the answer broke off).
pub fn from_reqwest(err: reqwest::Error) -> ProviderError {
    let err = without_path(err);
    let kind = if err.is_timeout() {
        ErrorKind::Timeout
    } else if err.is_connect() {
        ErrorKind::Connection
    } else if err.is_decode() {
        ErrorKind::Protocol
    } else {
        ErrorKind::Transient
    };
    // reqwest's text names the URL, down to its origin (`without_path`).
    let mut text = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    let mut e = ProviderError::new(kind, text);
    e.http_status = err.status().map(|s| s.as_u16());
    e
}

/// The body of an answer, at most `cap` bytes: a larger one (announced by
/// `Content-Length` or found while reading) is a `Protocol` error, and reading
/// stops there instead of buffering whatever the server sends.
pub async fn read_body(mut resp: Response, cap: u64) -> Result<Vec<u8>, ProviderError> {
    let status = resp.status().as_u16();
    let too_large = || {
        ProviderError::new(
            ErrorKind::Protocol,
            format!("the answer is larger than {} MB", cap.div_ceil(MIB)),
        )
        .with_status(status)
    };
    if resp.content_length().is_some_and(|n| n > cap) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(from_reqwest)? {
        if body.len() as u64 + chunk.len() as u64 > cap {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The start of an error answer's body as text (up to `MAX_ERROR_BODY`; the
/// rest is not read). Empty when it broke off.
pub async fn error_text(mut resp: Response) -> String {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        let room = MAX_ERROR_BODY as usize - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= MAX_ERROR_BODY as usize {
            break;
        }
    }
    String::from_utf8_lossy(&body).into_owned()
}

/// A 3xx answer's wording. Provider calls never follow redirects (reqwest's
/// `redirect::Policy::none()` on every client): a 307 would resend a login body
/// with the password to wherever the server points, and other redirects drop
/// the Authorization header or turn a POST into a GET. Usually the base URL is
/// wrong (http instead of https).
pub fn redirect_description(status: StatusCode, resp: &Response) -> Option<String> {
    status.is_redirection().then(|| {
        let to = resp
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("another address");
        format!("the server redirects to {to} (not followed); check the base URL")
    })
}

/// A non-2xx answer as a provider's error: `error_for(status, Retry-After,
/// body)` maps the (bounded) body; for a redirect, which no client follows,
/// the description says where it pointed instead.
pub async fn error_from(
    resp: Response,
    error_for: impl FnOnce(StatusCode, Option<Duration>, &str) -> ProviderError,
) -> ProviderError {
    let status = resp.status();
    let retry = retry_after(&resp);
    let redirect = redirect_description(status, &resp);
    let body = error_text(resp).await;
    let mut e = error_for(status, retry, &body);
    if let Some(text) = redirect {
        e.description = text;
    }
    e
}

/// The JSON body (at most `cap` bytes) of a 2xx answer; any other answer
/// mapped by `error_from` with the provider's `error_for`.
pub async fn json_or<T: serde::de::DeserializeOwned>(
    resp: Response,
    cap: u64,
    error_for: impl FnOnce(StatusCode, Option<Duration>, &str) -> ProviderError,
) -> Result<T, ProviderError> {
    if !resp.status().is_success() {
        return Err(error_from(resp, error_for).await);
    }
    let status = resp.status().as_u16();
    let bytes = read_body(resp, cap).await?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ProviderError::new(ErrorKind::Protocol, format!("unexpected answer: {e}")).with_status(status)
    })
}

/// The timeout of the call that uploads a letter of `bytes`: the client's
/// `base` plus the time the body takes at `UPLOAD_BYTES_PER_SEC`, at most
/// `MAX_UPLOAD_TIMEOUT` (or `base`, when that is longer).
pub fn upload_timeout(base: Duration, bytes: usize) -> Duration {
    let transfer =
        Duration::from_millis((bytes as u64).saturating_mul(1000) / UPLOAD_BYTES_PER_SEC);
    base.saturating_add(transfer)
        .min(MAX_UPLOAD_TIMEOUT.max(base))
}

/// Why a base URL is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseUrlProblem {
    /// Not an http(s) URL with a host.
    Invalid { url: String },
    /// Plain http to another machine for a live account.
    PlainHttp { host: String },
}

impl BaseUrlProblem {
    /// Stable code for the window (`base_url_invalid`, `base_url_not_https`).
    pub fn code(&self) -> &'static str {
        match self {
            BaseUrlProblem::Invalid { .. } => "base_url_invalid",
            BaseUrlProblem::PlainHttp { .. } => "base_url_not_https",
        }
    }
}

impl fmt::Display for BaseUrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaseUrlProblem::Invalid { url } => write!(f, "{url:?} is not an http(s) address of a server"),
            BaseUrlProblem::PlainHttp { host } => write!(
                f,
                "a live account talks to {host} only over https (plain http would send the credentials and letters unencrypted)"
            ),
        }
    }
}

impl std::error::Error for BaseUrlProblem {}

/// The base-URL rule, the one place it is decided: an http(s) URL with a host;
/// for a `live` account https, or plain http only to this machine (loopback:
/// the built-in sandbox, a local simulator). Test hosts (Ekopost's sandbox is
/// plain http as Ekopost runs it) pass with `live` false.
pub fn check_base_url(url: &str, live: bool) -> Result<(), BaseUrlProblem> {
    let invalid = || BaseUrlProblem::Invalid {
        url: url.to_owned(),
    };
    let parsed = reqwest::Url::parse(url).map_err(|_| invalid())?;
    let host = parsed
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(invalid)?;
    let loopback = is_loopback_host(host);
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if !live || loopback => Ok(()),
        "http" => Err(BaseUrlProblem::PlainHttp {
            host: host.to_owned(),
        }),
        _ => Err(invalid()),
    }
}

/// The reqwest client every provider client starts from:
/// - redirects are never followed (a 3xx is an error, see `redirect_description`);
/// - TLS trusts the bundled Mozilla roots **and** the operating system's
///   certificate store (reqwest's `rustls-tls-native-roots`; on Linux the
///   distribution's bundle, or `SSL_CERT_FILE` / `SSL_CERT_DIR`), so an office's
///   TLS-inspecting proxy with its own root in the system store works;
/// - the system proxy (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`,
///   read by reqwest) is honoured for providers, but never for a base URL on
///   this machine (the built-in sandbox), which a proxy could not reach.
pub fn client_builder(base_url: &str, timeout: Duration, connect_timeout: Duration) -> reqwest::ClientBuilder {
    let b = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none());
    if is_loopback_url(base_url) {
        b.no_proxy()
    } else {
        b
    }
}

/// `url`'s host is this machine (127.0.0.0/8, ::1, localhost).
pub fn is_loopback_url(url: &str) -> bool {
    reqwest::Url::parse(url).ok().and_then(|u| u.host_str().map(is_loopback_host)).unwrap_or(false)
}

/// A URL's host (as `Url::host_str` gives it) is this machine. IP literals come
/// normalised (`[::1]`, `127.0.0.1` for `2130706433`).
fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_within_bounds_are_kept() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_retry_after("300"), Some(MAX_RETRY_AFTER));
    }

    #[test]
    fn retry_after_infinity_is_capped() {
        for v in ["inf", "+inf", "infinity", "Infinity"] {
            assert_eq!(parse_retry_after(v), Some(MAX_RETRY_AFTER), "{v}");
        }
    }

    #[test]
    fn retry_after_1e20_is_capped() {
        assert_eq!(parse_retry_after("1e20"), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after("1.8e308"), Some(MAX_RETRY_AFTER));
    }

    #[test]
    fn retry_after_huge_integer_is_capped() {
        assert_eq!(
            parse_retry_after("99999999999999999999"),
            Some(MAX_RETRY_AFTER)
        );
        assert_eq!(parse_retry_after(&"9".repeat(400)), Some(MAX_RETRY_AFTER));
        assert_eq!(
            parse_retry_after("18446744073709551615"),
            Some(MAX_RETRY_AFTER)
        );
    }

    #[test]
    fn retry_after_nan_is_ignored() {
        for v in ["NaN", "nan", "-NaN"] {
            assert_eq!(parse_retry_after(v), None, "{v}");
        }
    }

    #[test]
    fn retry_after_negative_is_ignored() {
        for v in ["-1", "-0.5", "-inf", "-1e20"] {
            assert_eq!(parse_retry_after(v), None, "{v}");
        }
    }

    #[test]
    fn retry_after_garbage_is_ignored() {
        for v in [
            "",
            "  ",
            "soon",
            "5s",
            "0x10",
            "1,5",
            "Mon, 99 Foo 2024 25:61:61 GMT",
        ] {
            assert_eq!(parse_retry_after(v), None, "{v:?}");
        }
    }

    #[test]
    fn retry_after_http_date_is_bounded() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        let at = |v: &str| parse_retry_after_at(v, now);
        assert_eq!(
            at("Sun, 06 Nov 1994 08:50:07 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            at("Sun, 06 Nov 1994 08:00:00 GMT"),
            Some(Duration::ZERO),
            "a date past"
        );
        assert_eq!(
            at("Fri, 31 Dec 9999 23:59:59 GMT"),
            Some(MAX_RETRY_AFTER),
            "far ahead"
        );
    }

    #[test]
    fn upload_timeout_grows_with_the_letter_and_is_capped() {
        let base = Duration::from_secs(60);
        assert_eq!(upload_timeout(base, 0), base);
        assert_eq!(upload_timeout(base, 256 * 1024), Duration::from_secs(61));
        // The largest letter as base64: 26.7 MB at 256 KiB/s ≈ 102 s more.
        let big = upload_timeout(base, (MAX_LETTER_BYTES / 3 * 4) as usize);
        assert!(
            big > Duration::from_secs(160) && big < Duration::from_secs(165),
            "{big:?}"
        );
        assert_eq!(upload_timeout(base, usize::MAX), MAX_UPLOAD_TIMEOUT);
        // A base longer than the cap is never shortened.
        let long = Duration::from_secs(3600);
        assert_eq!(upload_timeout(long, 1 << 30), long);
        assert_eq!(upload_timeout(Duration::MAX, usize::MAX), Duration::MAX);
    }

    #[test]
    fn live_accounts_need_https_except_to_this_machine() {
        assert_eq!(
            check_base_url("https://api.epost.docuguide.com", true),
            Ok(())
        );
        for local in [
            "http://127.0.0.1:4010",
            "http://127.8.0.1/x",
            "http://localhost:1/",
            "http://[::1]:8080/ekopost",
        ] {
            assert_eq!(check_base_url(local, true), Ok(()), "{local}");
        }
        let e = check_base_url("http://api.ekopost.se", true).unwrap_err();
        assert_eq!(e.code(), "base_url_not_https");
        assert!(e.to_string().contains("api.ekopost.se"), "{e}");
        for remote in [
            "http://10.0.0.5",
            "HTTP://Example.COM:80/",
            "http://127.0.0.1.evil.example/",
            "http://[::2]/",
        ] {
            assert_eq!(
                check_base_url(remote, true).map_err(|e| e.code()),
                Err("base_url_not_https"),
                "{remote}"
            );
        }
        // Test hosts (Ekopost's sandbox is plain http) pass when not live.
        assert_eq!(
            check_base_url("http://api.sandbox.ekopost.se", false),
            Ok(())
        );
        for bad in [
            "",
            "api.ekopost.se",
            "ftp://api.ekopost.se",
            "file:///etc/passwd",
            "https://",
        ] {
            assert_eq!(
                check_base_url(bad, false).map_err(|e| e.code()),
                Err("base_url_invalid"),
                "{bad:?}"
            );
        }
    }
}
