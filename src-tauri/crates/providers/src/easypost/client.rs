//! The EasyPost Connect HTTP client: builder, the two ways in (`x-api-key`,
//! or an OAuth2 bearer token, `oauth.rs`), the optional client certificate
//! (`tls.rs`), plumbing (paging, pre-signed URLs). The endpoint methods are in
//! `calls.rs`.

use super::http::{self, Origin};
use super::oauth::{auth_error, ClientCredentials, Tokens};
use super::wire::{codes, Page, MAX_ITEMS, TOKEN_PATH};
use crate::error::{ErrorKind, ProviderError};
use crate::secret::Secret;
use reqwest::header::{HeaderValue, AUTHORIZATION};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The header of the seed's `api_key` scheme ("In: header, Name: x-api-key").
pub const API_KEY_HEADER: &str = "x-api-key";

/// How requests are authorized: the seed's two schemes.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// `x-api-key: <key>`.
    ApiKey(Secret),
    /// `Authorization: Bearer <token>`, the token from the client credentials
    /// grant (`wire.rs` says which exchange we chose), kept and renewed here.
    OAuth2(ClientCredentials),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            Auth::OAuth2(c) => write!(f, "OAuth2({c:?})"),
        }
    }
}

/// The optional client certificate for mutual TLS (`tls::load_identity`).
#[derive(Clone, PartialEq, Eq)]
pub struct ClientCertificate {
    pub path: PathBuf,
    /// PKCS#12's password (PEM: unused).
    pub password: Option<Secret>,
}

impl std::fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCertificate")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// How the built client authorizes: the key's header, or the token cache.
enum Authorizer {
    ApiKey(HeaderValue),
    OAuth2(Tokens),
}

fn api_key_header(key: &Secret) -> Result<HeaderValue, ProviderError> {
    let key = key.expose().trim();
    if key.is_empty() {
        return Err(auth_error(
            codes::MISSING_API_KEY,
            "no EasyPost API key set",
        ));
    }
    let mut value = HeaderValue::from_str(key).map_err(|_| {
        auth_error(
            codes::INVALID_API_KEY,
            "the API key contains characters not allowed in a header",
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Builds a `Client`: `Client::builder(base_url).auth(Auth::ApiKey(key)).build()`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    auth: Option<Auth>,
    certificate: Option<ClientCertificate>,
    roots: Vec<reqwest::Certificate>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
}

impl ClientBuilder {
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// A client certificate presented in every TLS handshake (API, token
    /// endpoint and pre-signed URLs alike: one connection pool).
    pub fn client_certificate(mut self, cert: ClientCertificate) -> Self {
        self.certificate = Some(cert);
        self
    }

    /// A certificate authority trusted besides the system's (a contract's
    /// private CA; tests' own).
    pub fn root_certificate(mut self, ca: reqwest::Certificate) -> Self {
        self.roots.push(ca);
        self
    }

    /// Whole-request timeout (default 60 s); the file upload's grows from it
    /// with the letter's size (`crate::http::upload_timeout`).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Default 10 s, never longer than the whole-request timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Fails on a base URL (or token URL) that is not https (plain http only
    /// to this machine: a local simulator; EasyPost's hosts are all https),
    /// without a key or client credentials, and on a client certificate that
    /// cannot be used (`tls::codes`).
    pub fn build(self) -> Result<Client, ProviderError> {
        check_url(&self.base_url)?;
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        let auth = self
            .auth
            .ok_or_else(|| auth_error(codes::MISSING_API_KEY, "no EasyPost API key set"))?;
        let authorizer = match auth {
            Auth::ApiKey(key) => Authorizer::ApiKey(api_key_header(&key)?),
            Auth::OAuth2(creds) => {
                let url = match creds
                    .token_url
                    .as_deref()
                    .map(str::trim)
                    .filter(|u| !u.is_empty())
                {
                    Some(u) => u.to_owned(),
                    None => format!("{base_url}{TOKEN_PATH}"),
                };
                check_url(&url)?;
                Authorizer::OAuth2(Tokens::new(creds, url)?)
            }
        };
        // Never follows redirects (they would carry the key elsewhere), trusts
        // the system's roots too, a proxy only for real hosts.
        let mut builder = crate::http::client_builder(
            &self.base_url,
            self.timeout,
            self.connect_timeout.min(self.timeout),
        )
        .user_agent(self.user_agent);
        if let Some(cert) = &self.certificate {
            builder = builder.identity(super::tls::load_identity(
                &cert.path,
                cert.password.as_ref(),
            )?);
        }
        for ca in self.roots {
            builder = builder.add_root_certificate(ca);
        }
        let http = builder.build().map_err(http::from_reqwest)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                authorizer,
                timeout: self.timeout,
            }),
        })
    }
}

/// The base-URL rule of `crate::http` for a live account (https, or plain
/// http to this machine), for the base URL and for every pre-signed URL.
pub(crate) fn check_url(url: &str) -> Result<(), ProviderError> {
    crate::http::check_base_url(url, true).map_err(|p| {
        let mut e = ProviderError::new(ErrorKind::Rejected, p.to_string());
        e.code = Some(p.code().to_owned());
        e
    })
}

/// An EasyPost Connect client for one API key. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    authorizer: Authorizer,
    /// The whole-request timeout; the file upload's grows from it.
    timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("easypost::Client")
            .field("base_url", &self.inner.base_url)
            .finish_non_exhaustive()
    }
}

/// A list answer: our `{ items, maxItems }` page, or (tolerated) a bare array.
#[derive(Deserialize)]
#[serde(untagged)]
enum PageOrList<T> {
    Page(Page<T>),
    List(Vec<T>),
}

impl<T> From<PageOrList<T>> for Page<T> {
    fn from(p: PageOrList<T>) -> Self {
        match p {
            PageOrList::Page(p) => p,
            // A bare array says no page size: the seed's default is assumed.
            PageOrList::List(items) => Page {
                items,
                max_items: MAX_ITEMS,
            },
        }
    }
}

/// List items: the next page is asked `after` the last one's id.
pub(crate) trait Identified {
    fn id(&self) -> &str;
}

/// Most pages one list call walks (100 000 items at 100 a page): a server
/// that keeps answering full pages cannot keep us here forever.
pub const MAX_PAGES: usize = 1000;

/// The `after` of the next page, or None when `page` was the last: a page
/// shorter than its `maxItems` (or empty) is the last (the seed: "the 100
/// (maxItems property) first items … use the query parameter 'after' with the
/// ID of the last item"). Also the last: a page whose last id is the `after`
/// it was asked with (a server ignoring `after` would repeat itself).
pub fn next_after(
    items: usize,
    max_items: u32,
    last_id: Option<&str>,
    asked_after: Option<&str>,
) -> Option<String> {
    if items == 0 || items < max_items as usize {
        return None;
    }
    let last = last_id.filter(|id| !id.is_empty())?;
    if asked_after == Some(last) {
        return None;
    }
    Some(last.to_owned())
}

impl Client {
    /// `base_url`: `DEVELOPMENT_BASE_URL`, the production host of the contract,
    /// or a simulator's (`http://127.0.0.1:N/easypost`); paths are appended.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            auth: None,
            certificate: None,
            roots: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("postdesk/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The whole-request timeout of every call but the file upload.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// A request to `path` (appended to the base URL) without the key.
    pub(crate) fn anonymous(&self, method: Method, path: &str) -> RequestBuilder {
        self.inner
            .http
            .request(method, format!("{}{path}", self.inner.base_url))
    }

    /// A request to `path` (appended to the base URL) with `x-api-key`; with
    /// OAuth2 the bearer token is added by `call` (it may need a call itself).
    pub(crate) fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let req = self.anonymous(method, path);
        match &self.inner.authorizer {
            Authorizer::ApiKey(key) => req.header(API_KEY_HEADER, key.clone()),
            Authorizer::OAuth2(_) => req,
        }
    }

    /// OAuth2 clients: the token endpoint's URL.
    pub fn token_url(&self) -> Option<&str> {
        match &self.inner.authorizer {
            Authorizer::OAuth2(t) => Some(&t.url),
            Authorizer::ApiKey(_) => None,
        }
    }

    /// OAuth2 clients: a token now (the cached one while fresh), so "Test
    /// connection" proves the client id and secret. API-key clients: nothing.
    pub async fn authorize(&self) -> Result<(), ProviderError> {
        match &self.inner.authorizer {
            Authorizer::OAuth2(t) => t.bearer(&self.inner.http).await.map(drop),
            Authorizer::ApiKey(_) => Ok(()),
        }
    }

    /// Sends an API request: with the bearer token for OAuth2, and once more
    /// with a new token when the API answers 401 to it (never a second time).
    async fn send(&self, req: RequestBuilder) -> Result<reqwest::Response, ProviderError> {
        let fail = |e| super::tls::mark_refused(http::from_reqwest(e));
        let Authorizer::OAuth2(tokens) = &self.inner.authorizer else {
            return req.send().await.map_err(fail);
        };
        let again = req.try_clone();
        let bearer = tokens.bearer(&self.inner.http).await?;
        let resp = req
            .header(AUTHORIZATION, bearer.clone())
            .send()
            .await
            .map_err(fail)?;
        match again {
            Some(again) if resp.status() == StatusCode::UNAUTHORIZED => {
                let bearer = tokens.renew(&self.inner.http, &bearer).await?;
                again
                    .header(AUTHORIZATION, bearer)
                    .send()
                    .await
                    .map_err(fail)
            }
            _ => Ok(resp),
        }
    }

    /// A request to a pre-signed URL (another host, maybe): never with the key.
    /// The URL must be https (or http to this machine); a relative one is
    /// taken relative to the base URL (tolerant).
    pub(crate) fn pre_signed(
        &self,
        method: Method,
        url: &str,
    ) -> Result<RequestBuilder, ProviderError> {
        let absolute = if url.contains("://") {
            reqwest::Url::parse(url)
        } else {
            reqwest::Url::parse(&format!("{}/", self.inner.base_url)).and_then(|b| b.join(url))
        }
        .map_err(|_| bad_url())?;
        check_url(absolute.as_str())?;
        Ok(self.inner.http.request(method, absolute))
    }

    /// Send it; the answer's JSON, or the classified error.
    pub(crate) async fn call<T: DeserializeOwned>(
        &self,
        req: RequestBuilder,
    ) -> Result<T, ProviderError> {
        let resp = self.send(req).await?;
        http::json(resp).await
    }

    /// Send it; the status only (a pre-signed URL's answer body is not ours).
    pub(crate) async fn call_pre_signed(
        &self,
        req: RequestBuilder,
    ) -> Result<reqwest::Response, ProviderError> {
        let resp = req
            .send()
            .await
            .map_err(|e| super::tls::mark_refused(http::from_reqwest(e)))?;
        if resp.status().is_success() {
            Ok(resp)
        } else {
            Err(http::from_response(resp, Origin::PreSigned).await)
        }
    }

    /// One page of `path?query&after=`.
    pub(crate) async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        after: Option<&str>,
    ) -> Result<Page<T>, ProviderError> {
        let mut req = self.request(Method::GET, path).query(query);
        if let Some(after) = after {
            req = req.query(&[("after", after)]);
        }
        let page: PageOrList<T> = self.call(req).await?;
        Ok(page.into())
    }

    /// Every page of `path?query` (see `next_after`).
    pub(crate) async fn all_pages<T: DeserializeOwned + Identified>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<Vec<T>, ProviderError> {
        let mut all = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page: Page<T> = self.page(path, query, after.as_deref()).await?;
            let next = next_after(
                page.items.len(),
                page.max_items,
                page.items.last().map(Identified::id),
                after.as_deref(),
            );
            all.extend(page.items);
            match next {
                Some(n) => after = Some(n),
                None => return Ok(all),
            }
        }
        Err(ProviderError::new(
            ErrorKind::Protocol,
            format!("{path}: more than {MAX_PAGES} pages"),
        ))
    }
}

fn bad_url() -> ProviderError {
    let mut e = ProviderError::new(
        ErrorKind::Protocol,
        "the provider gave no usable pre-signed URL",
    );
    e.code = Some("base_url_invalid".into());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_stops_at_a_short_page() {
        assert_eq!(
            next_after(100, 100, Some("w100"), None).as_deref(),
            Some("w100")
        );
        assert_eq!(
            next_after(100, 100, Some("w200"), Some("w100")).as_deref(),
            Some("w200")
        );
        assert_eq!(next_after(99, 100, Some("w99"), None), None);
        assert_eq!(next_after(0, 100, None, Some("w100")), None);
        // maxItems 0 (nonsense) with items: still stops on empty, not before.
        assert_eq!(next_after(3, 0, Some("c"), None).as_deref(), Some("c"));
        assert_eq!(next_after(0, 0, None, Some("c")), None);
        // A server ignoring `after` repeats its page: stop.
        assert_eq!(next_after(100, 100, Some("w100"), Some("w100")), None);
        // No id on the last item: cannot ask further.
        assert_eq!(next_after(100, 100, Some(""), None), None);
    }

    #[test]
    fn lists_read_pages_and_bare_arrays() {
        let p: Page<String> =
            serde_json::from_str::<PageOrList<String>>(r#"{"items":["a"],"maxItems":5}"#)
                .unwrap()
                .into();
        assert_eq!((p.items.len(), p.max_items), (1, 5));
        let p: Page<String> = serde_json::from_str::<PageOrList<String>>(r#"["a","b"]"#)
            .unwrap()
            .into();
        assert_eq!((p.items.len(), p.max_items), (2, MAX_ITEMS));
        let p: Page<String> = serde_json::from_str::<PageOrList<String>>(r#"{"items":[]}"#)
            .unwrap()
            .into();
        assert_eq!(p.max_items, MAX_ITEMS);
    }

    #[test]
    fn build_checks_url_and_key() {
        let key = || Auth::ApiKey(Secret::new("k"));
        let e = Client::builder("http://api.example.be")
            .auth(key())
            .build()
            .unwrap_err();
        assert_eq!(e.code.as_deref(), Some("base_url_not_https"));
        assert!(Client::builder("http://127.0.0.1:1/easypost")
            .auth(key())
            .build()
            .is_ok());
        assert!(Client::builder(super::super::DEVELOPMENT_BASE_URL)
            .auth(key())
            .build()
            .is_ok());
        let e = Client::builder("https://x.example").build().unwrap_err();
        assert_eq!(
            (e.kind.clone(), e.code.as_deref()),
            (ErrorKind::Auth, Some(codes::MISSING_API_KEY))
        );
        let e = Client::builder("https://x.example")
            .auth(Auth::ApiKey(Secret::new("  ")))
            .build()
            .unwrap_err();
        assert_eq!(e.code.as_deref(), Some(codes::MISSING_API_KEY));
        let e = Client::builder("https://x.example")
            .auth(Auth::ApiKey(Secret::new("a\nb")))
            .build()
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Auth);
        assert_eq!(format!("{:?}", key()), "ApiKey(<redacted>)");
    }

    #[test]
    fn pre_signed_urls_follow_the_base_url_rule() {
        let c = Client::builder("http://127.0.0.1:9/easypost")
            .auth(Auth::ApiKey(Secret::new("k")))
            .build()
            .unwrap();
        assert!(c
            .pre_signed(Method::PUT, "https://upload.example.eu/x?sig=1")
            .is_ok());
        assert!(c
            .pre_signed(Method::PUT, "http://127.0.0.1:9/upload/1")
            .is_ok());
        let e = c
            .pre_signed(Method::PUT, "http://upload.example.eu/x")
            .unwrap_err();
        assert_eq!(e.code.as_deref(), Some("base_url_not_https"));
        assert!(c.pre_signed(Method::PUT, "ftp://x/y").is_err());
        // Relative: against the base URL.
        let req = c
            .pre_signed(Method::PUT, "upload/1?s=2")
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(
            req.url().as_str(),
            "http://127.0.0.1:9/easypost/upload/1?s=2"
        );
        assert!(req.headers().get(API_KEY_HEADER).is_none());
        let req = c.request(Method::GET, "/jobs").build().unwrap();
        assert!(req.headers().get(API_KEY_HEADER).unwrap().is_sensitive());
    }
}
