//! Injected faults, so the app's outbox can be tested against a provider that
//! misbehaves the way real ones do.
//!
//! SPEC (`postdesk-sim --faults SPEC`): comma-separated `key=value` pairs, e.g.
//! `http_5xx=0.1,http_429=0.05,slow=0.02,reset=0.05,lost=0.05,seed=7,slow_ms=3000`.
//!
//! | key | meaning |
//! | --- | --- |
//! | `http_5xx` | rate (0..1): answer 503 without looking at the request |
//! | `http_429` | rate: answer 429 with `Retry-After: retry_after_s` |
//! | `slow` | rate: wait `slow_ms`, then handle (even if the client gave up) and answer |
//! | `reset` | rate: drop the connection before handling (nothing stored) |
//! | `lost` | rate: handle (the letter is stored), then drop the connection |
//! | `status` | `true`/`false`: apply the same rates to the status calls too (default false) |
//! | `seed` | u64 for the RNG (default 0): the same seed gives the same fault sequence |
//! | `slow_ms` | delay of `slow` (default 2000) |
//! | `retry_after_s` | `Retry-After` of `http_429` (default 1) |
//!
//! The same object as JSON (`POST /_sim/faults`, `GET /_sim/faults`), rates as
//! numbers. The rates are checked in the order of the table; one draw per request.
//! `POST /api/Letter` always gets the faults; the status calls only with `status`.
//! Ekopost (`/ekopost/…`): every POST is a send call, every GET a status call;
//! its 503 and 429 answers have a plain-text body (as a gateway's would).
//! EasyPost (`/easypost/…`) likewise, its upload `PUT` counting as a send call.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    pub http_5xx: f64,
    pub http_429: f64,
    pub slow: f64,
    pub reset: f64,
    pub lost: f64,
    pub status: bool,
    pub seed: u64,
    pub slow_ms: Option<u64>,
    pub retry_after_s: Option<u64>,
}

/// What one request gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    Http5xx,
    Http429,
    Slow,
    Reset,
    Lost,
}

impl Faults {
    pub fn parse(spec: &str) -> Result<Faults, String> {
        let mut f = Faults::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| format!("`{part}`: expected key=value"))?;
            let rate = |v: &str| -> Result<f64, String> {
                let r: f64 = v.parse().map_err(|_| format!("`{part}`: not a number"))?;
                if (0.0..=1.0).contains(&r) { Ok(r) } else { Err(format!("`{part}`: a rate is between 0 and 1")) }
            };
            let int = |v: &str| v.parse::<u64>().map_err(|_| format!("`{part}`: not a whole number"));
            match k.trim() {
                "http_5xx" => f.http_5xx = rate(v)?,
                "http_429" => f.http_429 = rate(v)?,
                "slow" => f.slow = rate(v)?,
                "reset" => f.reset = rate(v)?,
                "lost" => f.lost = rate(v)?,
                "status" => f.status = v.parse().map_err(|_| format!("`{part}`: true or false"))?,
                "seed" => f.seed = int(v)?,
                "slow_ms" => f.slow_ms = Some(int(v)?),
                "retry_after_s" => f.retry_after_s = Some(int(v)?),
                other => return Err(format!("unknown fault `{other}`")),
            }
        }
        Ok(f)
    }

    pub fn slow_delay(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.slow_ms.unwrap_or(2000))
    }

    pub fn retry_after(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.retry_after_s.unwrap_or(1))
    }

    fn any(&self) -> bool {
        self.http_5xx + self.http_429 + self.slow + self.reset + self.lost > 0.0
    }
}

/// The fault settings and their seeded RNG.
pub(crate) struct FaultState {
    pub faults: Faults,
    rng: StdRng,
}

impl FaultState {
    pub fn new(faults: Faults) -> Self {
        let rng = StdRng::seed_from_u64(faults.seed);
        FaultState { faults, rng }
    }

    /// One draw for one request (`status`: a status call).
    pub fn draw(&mut self, status: bool) -> Fault {
        let f = &self.faults;
        if !f.any() || status && !f.status {
            return Fault::None;
        }
        let x: f64 = self.rng.gen();
        let mut edge = 0.0;
        for (rate, fault) in [
            (f.http_5xx, Fault::Http5xx),
            (f.http_429, Fault::Http429),
            (f.slow, Fault::Slow),
            (f.reset, Fault::Reset),
            (f.lost, Fault::Lost),
        ] {
            edge += rate;
            if x < edge {
                return fault;
            }
        }
        Fault::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_parses_and_rejects() {
        let f = Faults::parse("http_5xx=0.1, lost=0.5,seed=7,status=true,slow_ms=10").unwrap();
        assert_eq!(f.http_5xx, 0.1);
        assert_eq!(f.lost, 0.5);
        assert_eq!(f.seed, 7);
        assert!(f.status);
        assert_eq!(f.slow_delay().as_millis(), 10);
        assert!(Faults::parse("lost=2").is_err());
        assert!(Faults::parse("nope=0.1").is_err());
        assert!(Faults::parse("lost").is_err());
        assert_eq!(Faults::parse("").unwrap(), Faults::default());
    }

    #[test]
    fn same_seed_same_sequence() {
        let f = Faults::parse("http_5xx=0.2,http_429=0.2,reset=0.2,seed=3").unwrap();
        let a: Vec<_> = { let mut s = FaultState::new(f.clone()); (0..50).map(|_| s.draw(false)).collect() };
        let b: Vec<_> = { let mut s = FaultState::new(f); (0..50).map(|_| s.draw(false)).collect() };
        assert_eq!(a, b);
        assert!(a.contains(&Fault::Reset) && a.contains(&Fault::None));
    }
}

/// The middleware: draws a fault for `POST /api/Letter` (and, with `status`,
/// the status calls) and acts it out.
pub(crate) async fn layer(
    axum::extract::State(shared): axum::extract::State<crate::server::AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = req.uri().path();
    let ekopost = path.starts_with(crate::ekopost::PREFIX) && path[crate::ekopost::PREFIX.len()..].starts_with('/');
    let easypost = path.starts_with(crate::easypost::PREFIX) && path[crate::easypost::PREFIX.len()..].starts_with('/');
    let post = req.method() == axum::http::Method::POST || easypost && req.method() == axum::http::Method::PUT;
    let ekopost = ekopost || easypost;
    let send = post && (path == "/api/Letter" || ekopost);
    let status = if ekopost {
        req.method() == axum::http::Method::GET
    } else {
        path == "/api/Letter/StatusQuery"
            || path.starts_with("/api/Letter/") && !path.starts_with("/api/Letter/TestResult")
    };
    if !send && !status {
        return next.run(req).await;
    }
    let (fault, faults) = {
        let mut s = shared.faults.lock().unwrap_or_else(|p| p.into_inner());
        (s.draw(!send), s.faults.clone())
    };
    if fault != Fault::None {
        tracing::info!("sim: fault {fault:?} on {path}");
    }
    match fault {
        Fault::None => next.run(req).await,
        Fault::Http5xx if ekopost => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "service temporarily unavailable (simulated)",
        )
            .into_response(),
        Fault::Http429 if ekopost => {
            let mut r = (axum::http::StatusCode::TOO_MANY_REQUESTS, "too many requests (simulated)").into_response();
            if let Ok(v) = axum::http::HeaderValue::from_str(&faults.retry_after().as_secs().max(1).to_string()) {
                r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            r
        }
        Fault::Http5xx => crate::reply::Reject::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            crate::reply::codes::UNAVAILABLE,
            "service temporarily unavailable (simulated)",
        )
        .into_response(),
        Fault::Http429 => {
            let mut r = crate::reply::Reject::new(
                axum::http::StatusCode::TOO_MANY_REQUESTS,
                crate::reply::codes::TOO_MANY,
                "too many requests (simulated)",
            );
            r.retry_after = Some(faults.retry_after());
            r.into_response()
        }
        // Like a busy real server, the request is handled to the end even when
        // the client has given up meanwhile (hyper would drop the handler).
        Fault::Slow => {
            let delay = faults.slow_delay();
            let task = tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                next.run(req).await
            });
            task.await.unwrap_or_else(|_| dropped())
        }
        Fault::Reset => dropped(),
        Fault::Lost => {
            let _ = next.run(req).await;
            dropped()
        }
    }
}

/// A 200 whose body breaks off: hyper aborts the connection, the client sees
/// no usable answer (as after a reset or a proxy dropping the line).
fn dropped() -> axum::response::Response {
    let body = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("sim: connection dropped"))
    });
    axum::response::Response::new(axum::body::Body::from_stream(body))
}

/// `GET /_sim/faults`.
pub(crate) async fn get_faults(
    axum::extract::State(shared): axum::extract::State<crate::server::AppState>,
) -> axum::Json<Faults> {
    axum::Json(shared.faults.lock().unwrap_or_else(|p| p.into_inner()).faults.clone())
}

/// `POST /_sim/faults` with a `Faults` object: replaces the settings and reseeds.
pub(crate) async fn set_faults(
    axum::extract::State(shared): axum::extract::State<crate::server::AppState>,
    axum::Json(f): axum::Json<Faults>,
) -> axum::Json<Faults> {
    *shared.faults.lock().unwrap_or_else(|p| p.into_inner()) = FaultState::new(f.clone());
    axum::Json(f)
}
