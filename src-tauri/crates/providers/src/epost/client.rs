//! The E-POSTBUSINESS HTTP client: builder, session (bearer token), plumbing.
//! The endpoint methods are in `calls.rs`.

use super::http;
use crate::error::{ErrorKind, ProviderError};
use crate::secret::Secret;
use reqwest::{Method, StatusCode};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::calls;

/// The API asks for at least 5 s between status calls.
pub const DEFAULT_MIN_STATUS_INTERVAL: Duration = Duration::from_secs(5);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Token lifetime when `tokenDuration` is not sent: the API's default (minutes).
const DEFAULT_TOKEN_MINUTES: u32 = 1440;
/// Renew the token this long before it runs out.
const TOKEN_MARGIN: Duration = Duration::from_secs(60);

/// Builds a `Client`; `Client::builder(base_url)`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    vendor_id: String,
    vendor_sub_id: Option<String>,
    token_duration_min: Option<u32>,
    min_status_interval: Duration,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
}

impl ClientBuilder {
    /// The software maker's `vendorID`.
    pub fn vendor_id(mut self, vendor_id: impl Into<String>) -> Self {
        self.vendor_id = vendor_id.into();
        self
    }

    pub fn vendor_sub_id(mut self, vendor_sub_id: impl Into<String>) -> Self {
        self.vendor_sub_id = Some(vendor_sub_id.into());
        self
    }

    /// `tokenDuration` in minutes (1–1440) for logins.
    pub fn token_duration_minutes(mut self, minutes: u32) -> Self {
        self.token_duration_min = Some(minutes.clamp(1, DEFAULT_TOKEN_MINUTES));
        self
    }

    /// Minimum time between two status calls of this client (default 5 s).
    pub fn min_status_interval(mut self, interval: Duration) -> Self {
        self.min_status_interval = interval;
        self
    }

    /// Whole-request timeout (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    pub fn build(self) -> Result<Client, ProviderError> {
        // Never follows redirects (a 307 would resend the login body with password
        // and secret), trusts the system's roots too, a proxy only for real hosts.
        let http = crate::http::client_builder(&self.base_url, self.timeout, self.connect_timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(http::from_reqwest)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: self.base_url.trim_end_matches('/').to_owned(),
                vendor_id: self.vendor_id,
                vendor_sub_id: self.vendor_sub_id,
                token_duration_min: self.token_duration_min,
                min_status_interval: self.min_status_interval,
                timeout: self.timeout,
                session: Mutex::new(Session::default()),
                last_status_call: Mutex::new(None),
            }),
        })
    }
}

/// An E-POSTBUSINESS API client for one vendor id. Cheap to clone; clones share
/// the session and the status-call pacing.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    vendor_id: String,
    vendor_sub_id: Option<String>,
    token_duration_min: Option<u32>,
    min_status_interval: Duration,
    /// The whole-request timeout; the letter upload's grows from it.
    timeout: Duration,
    session: Mutex<Session>,
    /// Held for the whole status call, so status calls are also serialised.
    last_status_call: Mutex<Option<Instant>>,
}

#[derive(Default)]
struct Session {
    credentials: Option<Credentials>,
    token: Option<(Secret, Instant)>,
}

#[derive(Clone)]
pub(crate) struct Credentials {
    pub(crate) ekp: String,
    pub(crate) secret: Secret,
    pub(crate) password: Secret,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("epost::Client")
            .field("base_url", &self.inner.base_url)
            .field("vendor_id", &self.inner.vendor_id)
            .field("min_status_interval", &self.inner.min_status_interval)
            .finish_non_exhaustive()
    }
}

/// A request body already serialised, so it can be sent twice (re-login on 401).
pub(crate) type JsonBody = Option<Vec<u8>>;

impl Client {
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            vendor_id: String::new(),
            vendor_sub_id: None,
            token_duration_min: None,
            min_status_interval: DEFAULT_MIN_STATUS_INTERVAL,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("postdesk/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub fn vendor_id(&self) -> &str {
        &self.inner.vendor_id
    }

    pub fn min_status_interval(&self) -> Duration {
        self.inner.min_status_interval
    }

    /// The whole-request timeout of every call but the letter upload.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Remember credentials without logging in; the first call that needs a
    /// token logs in. Drops any cached token.
    pub async fn set_credentials(&self, ekp: &str, secret: &Secret, password: &Secret) {
        let mut session = self.inner.session.lock().await;
        session.credentials = Some(Credentials {
            ekp: ekp.to_owned(),
            secret: secret.clone(),
            password: password.clone(),
        });
        session.token = None;
    }

    /// Forget the credentials and the token.
    pub async fn logout(&self) {
        *self.inner.session.lock().await = Session::default();
    }

    /// True when a token is cached and not about to expire.
    pub async fn has_valid_token(&self) -> bool {
        let session = self.inner.session.lock().await;
        matches!(&session.token, Some((_, until)) if Instant::now() < *until)
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.inner.base_url, path)
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// Log in with the stored credentials and cache the token.
    async fn refresh_token(&self, session: &mut Session) -> Result<Secret, ProviderError> {
        let creds = session.credentials.clone().ok_or_else(|| {
            ProviderError::new(ErrorKind::Auth, "not logged in: no E-POST credentials set")
        })?;
        let token = calls::post_login(self, &creds, self.inner.token_duration_min).await?;
        session.token = Some((token.clone(), Instant::now() + self.token_lifetime()));
        Ok(token)
    }

    pub(crate) async fn relogin(&self) -> Result<(), ProviderError> {
        let mut session = self.inner.session.lock().await;
        session.token = None;
        self.refresh_token(&mut session).await.map(drop)
    }

    /// The cached token, logging in when there is none or it ran out.
    async fn token(&self) -> Result<Secret, ProviderError> {
        let mut session = self.inner.session.lock().await;
        match &session.token {
            Some((token, until)) if Instant::now() < *until => Ok(token.clone()),
            _ => self.refresh_token(&mut session).await,
        }
    }

    /// A call with the bearer token; on 401 logs in again once and repeats.
    pub(crate) async fn authed(
        &self,
        method: Method,
        path: &str,
        body: JsonBody,
    ) -> Result<reqwest::Response, ProviderError> {
        self.authed_within(method, path, body, self.inner.timeout)
            .await
    }

    /// `authed` with its own timeout (the letter upload's, see `http::upload_timeout`).
    pub(crate) async fn authed_within(
        &self,
        method: Method,
        path: &str,
        body: JsonBody,
        timeout: Duration,
    ) -> Result<reqwest::Response, ProviderError> {
        let token = self.token().await?;
        let resp = self
            .send_with(&method, path, &body, &token, timeout)
            .await?;
        if resp.status() != StatusCode::UNAUTHORIZED {
            return Ok(resp);
        }
        let token = {
            let mut session = self.inner.session.lock().await;
            session.token = None;
            if session.credentials.is_none() {
                return Err(http::from_response(resp).await);
            }
            self.refresh_token(&mut session).await?
        };
        self.send_with(&method, path, &body, &token, timeout).await
    }

    async fn send_with(
        &self,
        method: &Method,
        path: &str,
        body: &JsonBody,
        token: &Secret,
        timeout: Duration,
    ) -> Result<reqwest::Response, ProviderError> {
        let mut req = self
            .inner
            .http
            .request(method.clone(), self.url(path))
            .timeout(timeout)
            .bearer_auth(token.expose());
        if let Some(bytes) = body {
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes.clone());
        }
        req.send().await.map_err(http::from_reqwest)
    }

    /// A status call, paced to `min_status_interval` since the previous one.
    pub(crate) async fn status_call(
        &self,
        method: Method,
        path: &str,
        body: JsonBody,
    ) -> Result<reqwest::Response, ProviderError> {
        let mut last = self.inner.last_status_call.lock().await;
        if let Some(previous) = *last {
            tokio::time::sleep_until(previous + self.inner.min_status_interval).await;
        }
        let result = self.authed(method, path, body).await;
        *last = Some(Instant::now());
        result
    }

    pub(crate) fn vendor_sub_id(&self) -> Option<&str> {
        self.inner.vendor_sub_id.as_deref()
    }

    /// How long a fresh token is used: `tokenDuration` minus a margin.
    fn token_lifetime(&self) -> Duration {
        let minutes = self
            .inner
            .token_duration_min
            .unwrap_or(DEFAULT_TOKEN_MINUTES);
        Duration::from_secs(u64::from(minutes) * 60).saturating_sub(TOKEN_MARGIN)
    }

    pub(crate) async fn store_session(&self, creds: Credentials, token: Secret) {
        let mut session = self.inner.session.lock().await;
        session.credentials = Some(creds);
        session.token = Some((token, Instant::now() + self.token_lifetime()));
    }

    pub(crate) fn token_duration_min(&self) -> Option<u32> {
        self.inner.token_duration_min
    }
}

pub(crate) fn json_body<T: serde::Serialize>(value: &T) -> Result<JsonBody, ProviderError> {
    serde_json::to_vec(value)
        .map(Some)
        .map_err(|e| ProviderError::new(ErrorKind::Protocol, format!("cannot encode request: {e}")))
}
