//! The provider factory: a company's account → `Arc<dyn Provider>`, cached per
//! account. With each provider's own setup module (`setup.rs` and `admin.rs`
//! for E-POST), the only place in core that names a provider; the outbox, the
//! job list, sending and the preview speak to `dyn Provider` and read
//! `ProviderDescription`.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use postdesk_providers::easypost::{self, EasypostProvider};
use postdesk_providers::ekopost::{self, EkopostProvider};
use postdesk_providers::epost::{self, EpostProvider};
use postdesk_providers::posti::{self, PostiProvider};
use postdesk_providers::{Provider, ProviderDescription};

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::{EasypostAuth, EasypostSettings, EkopostAuth, Environment, ProviderKind, ProviderSettings};
use crate::secrets::SecretKind;
use crate::store::AccountRow;

/// Our product's vendor id at Deutsche Post (the software maker's id).
pub const EPOST_VENDOR_ID: &str = "POSTDESK";

/// Where the simulator serves Ekopost's API (see `postdesk-sim`).
pub const EKOPOST_SIM_PREFIX: &str = "/ekopost";

/// Where the simulator serves EasyPost Connect's API.
pub const EASYPOST_SIM_PREFIX: &str = "/easypost";

/// Where the simulator serves Posti's API.
pub const POSTI_SIM_PREFIX: &str = "/posti";

/// The base URL of a company that sends through Ekopost itself.
pub fn ekopost_base_url(ekopost_sandbox: bool) -> &'static str {
    if ekopost_sandbox {
        ekopost::SANDBOX_BASE_URL
    } else {
        ekopost::PRODUCTION_BASE_URL
    }
}

/// One account's built provider, and the concrete client its own setup flows
/// use (E-POST's SMS PIN and admin contact share the provider's login).
#[derive(Clone)]
pub(crate) struct Built {
    provider: Arc<dyn Provider>,
    epost: Option<epost::Client>,
    posti: Option<PostiProvider>,
    easypost: Option<EasypostProvider>,
}

/// Built providers by account id (dropped when the account's access changes).
#[derive(Default)]
pub(crate) struct Cache(Mutex<HashMap<i64, Built>>);

impl Cache {
    fn get(&self, account_id: i64) -> Option<Built> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(&account_id).cloned()
    }
    fn put(&self, account_id: i64, built: Built) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(account_id, built);
    }
    pub(crate) fn forget(&self, account_id: i64) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&account_id);
    }
}

/// What a provider offers and its limits. Providers not built yet have none.
pub fn describe(kind: ProviderKind) -> Result<ProviderDescription, CoreError> {
    match kind {
        ProviderKind::Epost => Ok(epost::describe()),
        ProviderKind::Ekopost => Ok(ekopost::describe(ProviderKind::Ekopost.home_country())),
        ProviderKind::Posti => Ok(posti::describe()),
        ProviderKind::Easypost => Ok(easypost::describe()),
    }
}

/// The country line of an address abroad, as the provider wants it printed
/// (E-POST: the German name in capitals).
pub fn country_line(kind: ProviderKind, iso: &str) -> String {
    match kind {
        ProviderKind::Epost => epost::german_country_name(iso),
        // CHOICE: Ekopost's postal address carries `country` as ISO alpha-2 in its
        // own field; the line printed above it is the code itself.
        _ => iso.to_ascii_uppercase(),
    }
}

/// The account's base URL passes the providers' rule (`postdesk_providers::http::
/// check_base_url`): a live account talks https, or plain http only to this
/// machine (the built-in sandbox). Checked before any client is built, so no
/// credential or letter goes out unencrypted.
fn check_base_url(account: &AccountRow, base: &str) -> Result<(), CoreError> {
    postdesk_providers::http::check_base_url(base, account.environment == Environment::Live).map_err(|p| {
        let code = match p {
            postdesk_providers::http::BaseUrlProblem::Invalid { .. } => RuleCode::BaseUrlInvalid,
            postdesk_providers::http::BaseUrlProblem::PlainHttp { .. } => RuleCode::BaseUrlNotHttps,
        };
        CoreError::rule(code, format!("Postdesk does not connect to the provider at this address: {p}. Check the address in Setup."))
    })
}

impl Postdesk {
    async fn built(&self, account: &AccountRow) -> Result<Built, CoreError> {
        if let Some(b) = self.inner.providers.get(account.id) {
            return Ok(b);
        }
        let base = account.base_url.clone().unwrap_or_else(|| self.inner.sandbox.url().to_string());
        let built = match &account.settings {
            ProviderSettings::Epost(s) => {
                check_base_url(account, &base)?;
                let client = epost::Client::builder(&base)
                    .vendor_id(&account.vendor_id)
                    .min_status_interval(self.status_interval(account))
                    .timeout(self.inner.http_timeout)
                    .build()?;
                let secret = self.inner.secrets.get(account.id, SecretKind::Secret)?;
                let password = self.inner.secrets.get(account.id, SecretKind::Password)?;
                if let (Some(secret), Some(password)) = (secret, password) {
                    client.set_credentials(&s.ekp, &secret, &password).await;
                }
                Built { provider: Arc::new(EpostProvider::new(client.clone())), epost: Some(client), posti: None, easypost: None }
            }
            ProviderSettings::Ekopost(s) => {
                // Postdesk's sandbox: the simulator's Ekopost under its own prefix.
                let base = self.api_key_base(account, EKOPOST_SIM_PREFIX, "ekopost").await?;
                let secrets = &self.inner.secrets;
                let auth = match s.auth {
                    // Not set yet: the provider answers "not authorized" (error_code 0),
                    // which Setup words as "enter the API key".
                    EkopostAuth::ApiKey => ekopost::Auth::ApiKey(secrets.get(account.id, SecretKind::ApiKey)?.unwrap_or_default()),
                    EkopostAuth::Basic => ekopost::Auth::Basic {
                        user: s.username.clone(),
                        password: secrets.get(account.id, SecretKind::Password)?.unwrap_or_default(),
                    },
                };
                let client = ekopost::Client::builder(&base).auth(auth).timeout(self.inner.http_timeout).build()?;
                Built { provider: Arc::new(EkopostProvider::new(client)), epost: None, posti: None, easypost: None }
            }
            ProviderSettings::Posti(_) => {
                let base = self.api_key_base(account, POSTI_SIM_PREFIX, "posti").await?;
                // Not set yet: the client answers "no key" without going out.
                let key = self.inner.secrets.get(account.id, SecretKind::ApiKey)?.unwrap_or_default();
                let p = posti::provider(&base, key, self.inner.http_timeout)?;
                Built { provider: Arc::new(p.clone()), epost: None, posti: Some(p), easypost: None }
            }
            ProviderSettings::Easypost(s) => {
                let p = self.build_easypost(account, s).await?;
                Built { provider: Arc::new(p.clone()), epost: None, posti: None, easypost: Some(p) }
            }
        };
        self.inner.providers.put(account.id, built.clone());
        Ok(built)
    }

    /// EasyPost's client by the company's way in: the API key, or OAuth2's
    /// client (id in settings, secret in the keychain); with the client
    /// certificate when one is set (its password from the keychain).
    async fn build_easypost(&self, account: &AccountRow, s: &EasypostSettings) -> Result<EasypostProvider, CoreError> {
        let secrets = &self.inner.secrets;
        let sandbox = account.environment == Environment::Sandbox;
        let auth = match s.auth {
            EasypostAuth::ApiKey => {
                let base = self.api_key_base(account, EASYPOST_SIM_PREFIX, "easypost").await?;
                // Not set yet: the provider answers 401 MISSING_API_KEY, worded as "paste the key".
                let key = secrets.get(account.id, SecretKind::ApiKey)?.unwrap_or_default();
                (base, easypost::Auth::ApiKey(key))
            }
            EasypostAuth::Oauth2 => {
                let base = match &account.base_url {
                    Some(url) => url.clone(),
                    None => format!("{}{}", self.inner.sandbox.url(), EASYPOST_SIM_PREFIX),
                };
                check_base_url(account, &base)?;
                let mut client_id = s.client_id.trim().to_owned();
                if sandbox {
                    let sim_id = crate::sandbox::ensure_easypost_client(self, account).await?;
                    if client_id.is_empty() {
                        client_id = sim_id;
                    }
                }
                // The simulator's token endpoint is its own; another host's is a setting.
                let token_url = Some(s.token_url.trim().to_owned()).filter(|u| !u.is_empty() && !sandbox);
                // Not set yet: the client refuses to build (MISSING_CLIENT_CREDENTIALS), worded as "enter the client".
                let client_secret = secrets.get(account.id, SecretKind::ClientSecret)?.unwrap_or_default();
                (base, easypost::Auth::OAuth2(easypost::ClientCredentials { client_id, client_secret, token_url }))
            }
        };
        let (base, auth) = auth;
        let mut b = easypost::Client::builder(&base).auth(auth).timeout(self.inner.http_timeout);
        let path = s.certificate_path.trim();
        if !path.is_empty() {
            b = b.client_certificate(easypost::ClientCertificate {
                path: path.into(),
                password: secrets.get(account.id, SecretKind::CertificatePassword)?,
            });
        }
        // A certificate or client that cannot be used is said in the clerk's terms
        // wherever the client is built (Setup's test, a send, a status question).
        let client = b.build().map_err(crate::easypost_setup::setup_error)?;
        Ok(EasypostProvider::new(client, &s.workflow_id))
    }

    /// The base URL of a provider that signs in with an API key (Ekopost,
    /// Posti, EasyPost): the account's own, or the simulator's under `prefix`
    /// (Postdesk's sandbox); checked by `check_base_url`. A sandbox account
    /// gets the simulator's key for `provider` into the keychain first.
    async fn api_key_base(&self, account: &AccountRow, prefix: &str, provider: &str) -> Result<String, CoreError> {
        let base = match &account.base_url {
            Some(url) => url.clone(),
            None => format!("{}{}", self.inner.sandbox.url(), prefix),
        };
        check_base_url(account, &base)?;
        if account.environment == Environment::Sandbox {
            crate::sandbox::ensure_api_key(self, account, provider).await?;
        }
        Ok(base)
    }

    /// The account's provider, as the outbox and the job list use it.
    pub(crate) async fn provider(&self, account: &AccountRow) -> Result<Arc<dyn Provider>, CoreError> {
        Ok(self.built(account).await?.provider)
    }

    /// The E-POST client of an E-POST account, for its own setup flows.
    pub(crate) async fn epost_client(&self, account: &AccountRow) -> Result<epost::Client, CoreError> {
        self.built(account).await?.epost.ok_or_else(|| CoreError::Rule {
            code: RuleCode::ProviderMismatch,
            params: Box::default(),
            message: "This company does not send through E-POST.".into(),
        })
    }

    /// The Posti provider of a Posti account, for its setup's agreement check.
    pub(crate) async fn posti_provider(&self, account: &AccountRow) -> Result<PostiProvider, CoreError> {
        self.built(account).await?.posti.ok_or_else(|| CoreError::Rule {
            code: RuleCode::ProviderMismatch,
            params: Box::default(),
            message: "This company does not use Posti.".into(),
        })
    }

    /// The EasyPost provider of an EasyPost account, for its setup, sending
    /// events, proofs, Peppol inbox and usage.
    pub(crate) async fn easypost_provider(&self, account: &AccountRow) -> Result<EasypostProvider, CoreError> {
        self.built(account).await?.easypost.ok_or_else(|| CoreError::Rule {
            code: RuleCode::ProviderMismatch,
            params: Box::default(),
            message: "This company does not send through EasyPost Connect.".into(),
        })
    }

    /// Drops the cached provider of an account (its access data changed, or
    /// the provider refused it): the next call builds and logs in anew.
    pub(crate) fn forget_client(&self, account_id: i64) {
        self.inner.providers.forget(account_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AppError;

    #[test]
    fn a_live_account_is_refused_plain_http_to_another_machine() {
        let mut account = crate::sandbox::sandbox_account(1);
        account.environment = Environment::Live;
        let e = AppError::from(check_base_url(&account, "http://api.epost.docuguide.com").unwrap_err());
        assert_eq!(e.code, "base_url_not_https");
        check_base_url(&account, "https://api.epost.docuguide.com").unwrap();
        check_base_url(&account, "http://127.0.0.1:4010").unwrap();
        // A test account on Ekopost's own sandbox host (plain http, as Ekopost runs it).
        account.environment = Environment::Test;
        check_base_url(&account, ekopost::SANDBOX_BASE_URL).unwrap();
        let e = AppError::from(check_base_url(&account, "ftp://api.ekopost.se").unwrap_err());
        assert_eq!(e.code, "base_url_invalid");
    }

    /// The descriptions as the window gets them, written beside the TypeScript
    /// bindings (like ts-rs does for types) so the UI's tests and its dev mock
    /// use the provider's real limits instead of copies.
    #[test]
    fn descriptions_are_exported_for_the_ui() {
        let mut all = serde_json::Map::new();
        for kind in [ProviderKind::Epost, ProviderKind::Ekopost, ProviderKind::Easypost, ProviderKind::Posti] {
            if let Ok(d) = describe(kind) {
                let key = serde_json::to_value(kind).unwrap().as_str().unwrap().to_string();
                all.insert(key, serde_json::to_value(d).unwrap());
            }
        }
        assert!(all.contains_key("epost"));
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../../../ui/src/bindings".into());
        let text = serde_json::to_string_pretty(&serde_json::Value::Object(all)).unwrap() + "\n";
        std::fs::write(std::path::Path::new(&dir).join("provider-descriptions.json"), text).unwrap();
    }
}
