//! The Ekopost HTTP client: builder, authorization, plumbing. The endpoint
//! methods are in `calls.rs`.

use super::http;
use crate::error::{ErrorKind, ProviderError};
use crate::secret::Secret;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use reqwest::header::{HeaderValue, AUTHORIZATION};
use reqwest::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How requests are authorized. The API key is what Ekopost recommends (keys
/// are made and revoked in the account); user and password stop working when
/// the password changes.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: api-key <key>`.
    ApiKey(Secret),
    /// `Authorization: Basic base64(user:password)`.
    Basic { user: String, password: Secret },
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            Auth::Basic { user, .. } => write!(f, "Basic({user}, <redacted>)"),
        }
    }
}

impl Auth {
    fn header(&self) -> Result<HeaderValue, ProviderError> {
        let text = match self {
            Auth::ApiKey(key) => format!("api-key {}", key.expose().trim()),
            Auth::Basic { user, password } => {
                format!(
                    "Basic {}",
                    STANDARD.encode(format!("{user}:{}", password.expose()))
                )
            }
        };
        let mut value = HeaderValue::from_str(&text).map_err(|_| {
            ProviderError::new(
                ErrorKind::Auth,
                "the credentials contain characters not allowed in a header",
            )
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

/// Builds a `Client`: `Client::builder(base_url).api_key(key).build()`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    auth: Option<Auth>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
}

impl ClientBuilder {
    /// `Authorization: api-key <key>` (recommended).
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.auth = Some(Auth::ApiKey(key.into()));
        self
    }

    /// `Authorization: Basic …` from the account's user name and password.
    pub fn basic(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.auth = Some(Auth::Basic {
            user: user.into(),
            password: password.into(),
        });
        self
    }

    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Whole-request timeout (default 60 s; a content upload can be large).
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
        let auth = self
            .auth
            .ok_or_else(|| ProviderError::new(ErrorKind::Auth, "no Ekopost API key or user set"))?;
        let auth_header = auth.header()?;
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
                auth_header,
                timeout: self.timeout,
            }),
        })
    }
}

/// An Ekopost API client for one account. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth_header: HeaderValue,
    /// The whole-request timeout; the content upload's grows from it.
    timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ekopost::Client")
            .field("base_url", &self.inner.base_url)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// `base_url`: `PRODUCTION_BASE_URL`, `SANDBOX_BASE_URL` or a simulator's
    /// (`http://127.0.0.1:N/ekopost`); paths are appended to it.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            auth: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("postdesk/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The whole-request timeout of every call but the content upload.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// A request to `path` (appended to the base URL) with the Authorization header.
    pub(crate) fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.inner
            .http
            .request(method, format!("{}{path}", self.inner.base_url))
            .header(AUTHORIZATION, self.inner.auth_header.clone())
    }

    /// Send it; the answer's JSON, or the classified error.
    pub(crate) async fn call<T: DeserializeOwned>(
        &self,
        req: RequestBuilder,
    ) -> Result<T, ProviderError> {
        let resp = req.send().await.map_err(http::from_reqwest)?;
        http::json(resp).await
    }
}
