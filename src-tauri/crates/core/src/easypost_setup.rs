//! The EasyPost Connect setup of a company (its own setup module, beside
//! E-POST's `setup.rs`, Ekopost's and Posti's): the host (development, or the
//! production address given with the contract), the API key (keychain only),
//! the connection test (`GET /health`, then `GET /workflows` with the key) and
//! the workflow every letter becomes a job on.
//!
//! Two ways in (`EasypostAuth`): the seed's `api_key` scheme, or OAuth2 client
//! credentials (client id in settings, secret in the keychain); either with an
//! optional client certificate for mutual TLS (its path in settings, a
//! PKCS#12 password in the keychain). The window sees which secrets are set
//! (`EasypostSecretsSet`), never one.
use postdesk_providers::easypost::{self, tls, wire, EasypostProvider};
use postdesk_providers::secret::Secret;
use postdesk_providers::{ErrorKind, ProviderError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::*;
use crate::secrets::SecretKind;
use crate::store::AccountRow;

/// What the Setup screen saves for an EasyPost company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EasypostSetup {
    pub easypost: EasypostSettings,
    pub prefs: SendingPrefs,
}

/// The answer of "Test connection": the service is up, the key is good, and
/// these are the account's workflows (every page), for the picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EasypostReach {
    pub workflows: Vec<wire::Workflow>,
}

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

/// A workflow letters can be sent on: single-file and active.
pub fn usable_for_letters(w: &wire::Workflow) -> bool {
    w.kind == wire::workflow_type::SINGLE_FILE && w.status == "ACTIVE"
}

/// A provider error of the setup calls in the clerk's terms.
pub(crate) fn setup_error(e: ProviderError) -> CoreError {
    let cert = |code, message: &str| rule(code, message.to_string());
    match e.code.as_deref() {
        Some(tls::codes::MISSING) => return cert(RuleCode::EasypostCertMissing, "The client certificate file is not there (or is a folder). Choose the file again."),
        Some(tls::codes::INVALID) => return cert(RuleCode::EasypostCertInvalid, "This file is not a client certificate Postdesk can use (PEM with its key, or PKCS#12 .p12/.pfx)."),
        Some(tls::codes::PASSWORD_WRONG) => return cert(RuleCode::EasypostCertPasswordWrong, "The password does not open the client certificate. Enter the password it was exported with."),
        Some(tls::codes::EXPIRED) => return cert(RuleCode::EasypostCertExpired, "The client certificate has expired. Ask EasyPost for a new one and choose it in Setup."),
        Some(tls::codes::NO_KEY) => return cert(RuleCode::EasypostCertNoKey, "The file holds the certificate but not its private key. Export it again with the private key."),
        Some(tls::codes::REFUSED) => return cert(RuleCode::EasypostCertRefused, "EasyPost Connect refused the connection over the client certificate: none was set, or it is not the one registered for this account."),
        Some(wire::codes::MISSING_CLIENT_CREDENTIALS) => return rule(RuleCode::EasypostClientMissing, "Enter the OAuth2 client id and client secret first."),
        Some(wire::codes::INVALID_CLIENT) | Some(wire::codes::INVALID_TOKEN) => {
            return rule(RuleCode::EasypostClientInvalid, "EasyPost Connect does not accept this OAuth2 client. Check the client id and enter the client secret again.")
        }
        _ => {}
    }
    match (e.kind.clone(), e.code.as_deref()) {
        (ErrorKind::Auth, Some(wire::codes::MISSING_API_KEY)) => rule(RuleCode::EasypostKeyMissing, "Paste the API key first."),
        (ErrorKind::Auth, _) => rule(
            RuleCode::EasypostKeyInvalid,
            "EasyPost Connect does not accept this API key. Copy it again from the key EasyPost gave you with the contract.",
        ),
        (ErrorKind::Connection | ErrorKind::Timeout | ErrorKind::Transient, _) => rule(
            RuleCode::ConnectionUnreachable,
            "The provider cannot be reached right now. Check the internet connection and try again later.",
        ),
        _ => CoreError::Provider(e),
    }
}

impl Postdesk {
    fn current_easypost_row(&self) -> Result<(AccountRow, EasypostSettings), CoreError> {
        let (_, row) = self.current_account_row()?;
        let settings = row
            .settings
            .easypost()
            .cloned()
            .ok_or_else(|| rule(RuleCode::ProviderMismatch, "This company does not send through EasyPost Connect."))?;
        Ok((row, settings))
    }

    /// The base URL a setup stands for: None = the simulator (sandbox, or
    /// test builds with `real_api_on_sandbox`).
    fn easypost_base_url(&self, row: &AccountRow, s: &EasypostSettings) -> Option<String> {
        if row.environment == Environment::Sandbox || self.inner.real_api_on_sandbox {
            return None;
        }
        Some(match s.host {
            EasypostHost::Development => easypost::DEVELOPMENT_BASE_URL.to_string(),
            EasypostHost::Production => s.production_url.trim().trim_end_matches('/').to_string(),
        })
    }

    /// A new EasyPost company, made the current one. `in_sandbox`: the
    /// simulator's key; otherwise the development API until Setup says more.
    /// The workflow is picked in Setup after "Test connection".
    pub async fn create_easypost_company(&self, name: &str, in_sandbox: bool) -> Result<AppStatus, CoreError> {
        let company = self.new_company(name)?;
        // Own account: the contract's development API until Setup says production.
        let environment = if in_sandbox { Environment::Sandbox } else { Environment::Test };
        let d = crate::providers::describe(ProviderKind::Easypost)?;
        let mut row = AccountRow {
            id: 0,
            company_id: company.id,
            provider: ProviderKind::Easypost,
            environment,
            prefs: SendingPrefs { test_mode: false, ..Default::default() },
            settings: ProviderSettings::Easypost(EasypostSettings::default()),
            defaults: SendOptions::default(),
            base_url: None,
            vendor_id: String::new(),
            status_interval_ms: u64::from(d.min_status_interval_ms),
        };
        row.base_url = self.easypost_base_url(&row, &EasypostSettings::default());
        let row = self.inner.store.insert_account(&row)?;
        if in_sandbox {
            crate::sandbox::ensure_api_key(self, &row, "easypost").await?;
        }
        self.switch_company(company.id)
    }

    /// Saves the current EasyPost company's host, workflow and preferences.
    pub fn save_easypost_setup(&self, setup: EasypostSetup) -> Result<AppStatus, CoreError> {
        let mut s = setup.easypost;
        s.production_url = s.production_url.trim().trim_end_matches('/').to_string();
        let (mut row, _) = self.current_easypost_row()?;
        if s.host == EasypostHost::Production && row.environment != Environment::Sandbox {
            postdesk_providers::http::check_base_url(&s.production_url, true).map_err(|p| {
                let code = match p {
                    postdesk_providers::http::BaseUrlProblem::Invalid { .. } => RuleCode::BaseUrlInvalid,
                    postdesk_providers::http::BaseUrlProblem::PlainHttp { .. } => RuleCode::BaseUrlNotHttps,
                };
                rule(code, format!("Postdesk does not connect to the provider at this address: {p}."))
            })?;
        }
        s.client_id = s.client_id.trim().to_string();
        s.token_url = s.token_url.trim().trim_end_matches('/').to_string();
        s.certificate_path = s.certificate_path.trim().to_string();
        if s.client_id.chars().count() > 200 || s.client_id.chars().any(char::is_control) {
            return Err(rule(RuleCode::EasypostClientFormat, "Enter the client id exactly as EasyPost gave it (one line)."));
        }
        if s.certificate_path.chars().count() > 4096 || s.certificate_path.chars().any(char::is_control) {
            return Err(rule(RuleCode::EasypostCertMissing, "Choose the client certificate file again."));
        }
        if !s.token_url.is_empty() && row.environment != Environment::Sandbox {
            postdesk_providers::http::check_base_url(&s.token_url, true).map_err(|p| {
                let code = match p {
                    postdesk_providers::http::BaseUrlProblem::Invalid { .. } => RuleCode::BaseUrlInvalid,
                    postdesk_providers::http::BaseUrlProblem::PlainHttp { .. } => RuleCode::BaseUrlNotHttps,
                };
                rule(code, format!("Postdesk does not ask for tokens at this address: {p}."))
            })?;
        }
        if s.workflow_id.chars().count() > 200 || s.workflow_id.chars().any(char::is_control) {
            return Err(rule(RuleCode::EasypostWorkflowMissing, "Pick the workflow again from the list."));
        }
        s.workflow_channels.truncate(16);
        let mut prefs = setup.prefs;
        prefs.test_mode = false;
        if row.environment != Environment::Sandbox {
            // The development API is EasyPost's test host; production prints and charges.
            row.environment = match s.host {
                EasypostHost::Development => Environment::Test,
                EasypostHost::Production => Environment::Live,
            };
        }
        row.base_url = self.easypost_base_url(&row, &s);
        row.settings = ProviderSettings::Easypost(s);
        row.prefs = prefs;
        self.inner.store.update_account(&row)?;
        self.forget_client(row.id);
        self.status()
    }

    /// Stores the API key in the keychain (never shown again).
    pub fn easypost_set_key(&self, key: Secret) -> Result<AppStatus, CoreError> {
        self.easypost_set_secret(EasypostSecret::ApiKey, key)
    }

    /// Stores one of the company's EasyPost secrets in the keychain (never
    /// shown again). The certificate's password may be empty: then it is
    /// removed (a PKCS#12 without password, or a PEM file).
    pub fn easypost_set_secret(&self, which: EasypostSecret, value: Secret) -> Result<AppStatus, CoreError> {
        let (row, _) = self.current_easypost_row()?;
        let trimmed = match which {
            // A password is taken as typed (spaces may belong to it).
            EasypostSecret::CertificatePassword => value,
            _ => Secret::new(value.expose().trim()),
        };
        let bad = trimmed.expose().chars().count() > 500 || trimmed.expose().chars().any(char::is_control);
        let kind = match which {
            EasypostSecret::ApiKey => {
                if trimmed.is_empty() || bad {
                    return Err(rule(RuleCode::EasypostKeyFormat, "Paste the API key exactly as EasyPost gave it (one line, no spaces around it)."));
                }
                SecretKind::ApiKey
            }
            EasypostSecret::ClientSecret => {
                if trimmed.is_empty() || bad {
                    return Err(rule(RuleCode::EasypostClientFormat, "Paste the client secret exactly as EasyPost gave it (one line)."));
                }
                SecretKind::ClientSecret
            }
            EasypostSecret::CertificatePassword => {
                if bad {
                    return Err(rule(RuleCode::EasypostCertPasswordWrong, "The certificate's password cannot contain line breaks."));
                }
                SecretKind::CertificatePassword
            }
        };
        if trimmed.is_empty() {
            self.inner.secrets.delete(row.id, kind)?;
        } else {
            self.inner.secrets.set(row.id, kind, &trimmed)?;
        }
        self.forget_client(row.id);
        self.status()
    }

    /// Which EasyPost secrets the keychain holds for the current company.
    pub fn easypost_secrets(&self) -> Result<EasypostSecretsSet, CoreError> {
        let (row, _) = self.current_easypost_row()?;
        let has = |k| self.inner.secrets.get(row.id, k).map(|v| v.is_some());
        Ok(EasypostSecretsSet {
            api_key: has(SecretKind::ApiKey)?,
            client_secret: has(SecretKind::ClientSecret)?,
            certificate_password: has(SecretKind::CertificatePassword)?,
        })
    }

    async fn current_easypost_provider(&self) -> Result<(AccountRow, EasypostSettings, EasypostProvider), CoreError> {
        let (row, settings) = self.current_easypost_row()?;
        let p = self.easypost_provider(&row).await?;
        Ok((row, settings, p))
    }

    /// "Test connection": `GET /health` (is the service up? with the client
    /// certificate when one is set), then for OAuth2 a token (are the client
    /// id and secret good?), then the account's workflows with the key or the
    /// token (is the way in good?).
    pub async fn easypost_test_connection(&self) -> Result<EasypostReach, CoreError> {
        let (row, _) = self.current_easypost_row()?;
        self.forget_client(row.id);
        let p = match self.current_easypost_provider().await {
            Ok((_, _, p)) => p,
            Err(CoreError::Provider(e)) => return Err(setup_error(e)),
            Err(e) => return Err(e),
        };
        p.client().health().await.map_err(|e| match e.kind {
            ErrorKind::Connection | ErrorKind::Timeout | ErrorKind::Transient => rule(
                RuleCode::ConnectionUnreachable,
                "The provider cannot be reached right now. Check the internet connection and try again later.",
            ),
            _ if e.code.is_some() => setup_error(e),
            _ => rule(RuleCode::EasypostServiceDown, "EasyPost Connect answers, but says it is not working right now. Try again later."),
        })?;
        p.client().authorize().await.map_err(setup_error)?;
        let workflows = p.client().workflows().await.map_err(setup_error)?;
        Ok(EasypostReach { workflows })
    }

    /// Picks the first workflow letters can be sent on (the CLI's
    /// `add-company --provider easypost`; the window lets the clerk choose).
    pub async fn easypost_pick_first_workflow(&self) -> Result<AppStatus, CoreError> {
        let (row, mut settings) = self.current_easypost_row()?;
        let reach = self.easypost_test_connection().await?;
        let w = reach
            .workflows
            .into_iter()
            .find(usable_for_letters)
            .ok_or_else(|| rule(RuleCode::EasypostWorkflowMissing, "The account has no active single-file workflow to send letters on."))?;
        settings.workflow_id = w.id;
        settings.workflow_name = w.name;
        settings.workflow_channels = w.channels;
        self.save_easypost_setup(EasypostSetup { easypost: settings, prefs: row.prefs })
    }
}
