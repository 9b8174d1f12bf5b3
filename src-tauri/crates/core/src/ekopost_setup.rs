//! The Ekopost setup of a company (Ekopost's own setup module, beside E-POST's
//! `setup.rs`): where it sends (Postdesk's sandbox, Ekopost's sandbox host,
//! production), how it signs in (API key or user + password, keychain only),
//! sending defaults, cost centre, and the connection test.
use postdesk_providers::secret::Secret;
use postdesk_providers::ErrorKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::*;
use crate::secrets::SecretKind;
use crate::store::AccountRow;

/// What the Setup screen saves for an Ekopost company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EkopostSetup {
    pub ekopost: EkopostSettings,
    pub prefs: SendingPrefs,
    pub defaults: SendOptions,
}

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

/// The rules of the Ekopost setup form (the window checks the same at each field).
pub fn check_ekopost_setup(s: &EkopostSetup) -> Result<(), CoreError> {
    let d = crate::providers::describe(ProviderKind::Ekopost)?;
    if s.ekopost.auth == EkopostAuth::Basic && s.ekopost.username.trim().is_empty() {
        return Err(rule(RuleCode::SetupUsername, "Enter the Ekopost user name, or sign in with an API key."));
    }
    let cc = s.ekopost.cost_center.trim();
    if !cc.is_empty() {
        crate::sending::check_cost_center(&d, cc)?;
    }
    crate::sending::check_options(&d, &s.defaults)
}

impl Postdesk {
    fn current_ekopost_row(&self) -> Result<(AccountRow, EkopostSettings), CoreError> {
        let (_, row) = self.current_account_row()?;
        let settings = row
            .settings
            .ekopost()
            .cloned()
            .ok_or_else(|| rule(RuleCode::ProviderMismatch, "This company does not send through Ekopost."))?;
        Ok((row, settings))
    }

    /// Where an Ekopost account of the customer's own talks to. None = the
    /// sandbox's simulator: test builds only (`PostdeskOptions::real_api_on_sandbox`),
    /// so the own-account path can be driven end to end without an account.
    fn ekopost_host(&self, ekopost_sandbox: bool) -> Option<String> {
        (!self.inner.real_api_on_sandbox).then(|| crate::providers::ekopost_base_url(ekopost_sandbox).to_string())
    }

    /// A new company that sends through Ekopost, and makes it the current one.
    /// `in_sandbox`: it talks to Postdesk's built-in simulator (environment
    /// SANDBOX, key filled in by itself); otherwise to Ekopost's sandbox host
    /// until Setup switches it to production.
    pub async fn create_ekopost_company(&self, name: &str, in_sandbox: bool) -> Result<AppStatus, CoreError> {
        let company = self.new_company(name)?;
        let settings = EkopostSettings { ekopost_sandbox: !in_sandbox, ..Default::default() };
        let (environment, base_url) = if in_sandbox {
            (Environment::Sandbox, None)
        } else {
            (Environment::Test, self.ekopost_host(true))
        };
        let d = crate::providers::describe(ProviderKind::Ekopost)?;
        let row = self.inner.store.insert_account(&AccountRow {
            id: 0,
            company_id: company.id,
            provider: ProviderKind::Ekopost,
            environment,
            prefs: SendingPrefs { test_mode: false, ..Default::default() },
            settings: ProviderSettings::Ekopost(settings),
            defaults: SendOptions { postage: Postage::Priority, ..Default::default() },
            base_url,
            vendor_id: String::new(),
            status_interval_ms: u64::from(d.min_status_interval_ms),
        })?;
        if in_sandbox {
            crate::sandbox::ensure_api_key(self, &row, "ekopost").await?;
        }
        self.switch_company(company.id)
    }

    /// Saves the current Ekopost company's setup (non-secret settings, SQLite only).
    pub fn save_ekopost_setup(&self, setup: EkopostSetup) -> Result<AppStatus, CoreError> {
        let mut setup = setup;
        setup.ekopost.username = setup.ekopost.username.trim().to_string();
        setup.ekopost.cost_center = setup.ekopost.cost_center.trim().to_string();
        check_ekopost_setup(&setup)?;
        let (mut row, old) = self.current_ekopost_row()?;
        if row.environment != Environment::Sandbox {
            row.environment = if setup.ekopost.ekopost_sandbox { Environment::Test } else { Environment::Live };
            row.base_url = self.ekopost_host(setup.ekopost.ekopost_sandbox);
        }
        let access_changed = old.auth != setup.ekopost.auth || old.username != setup.ekopost.username || old.ekopost_sandbox != setup.ekopost.ekopost_sandbox;
        // Ekopost has no test flag: its sandbox host is the test.
        setup.prefs.test_mode = false;
        row.settings = ProviderSettings::Ekopost(setup.ekopost);
        row.prefs = setup.prefs;
        row.defaults = setup.defaults;
        self.inner.store.update_account(&row)?;
        if access_changed {
            self.forget_client(row.id);
        }
        self.status()
    }

    /// Stores the API key (or, for user + password, the password) in the keychain.
    pub fn ekopost_set_secret(&self, secret: Secret) -> Result<AppStatus, CoreError> {
        let (row, settings) = self.current_ekopost_row()?;
        let value = Secret::new(secret.expose().trim());
        if value.is_empty() || value.expose().chars().count() > 500 {
            return Err(rule(RuleCode::EkopostSecretLength, "Paste the API key (or password) from your Ekopost account."));
        }
        let kind = match settings.auth {
            EkopostAuth::ApiKey => SecretKind::ApiKey,
            EkopostAuth::Basic => SecretKind::Password,
        };
        self.inner.secrets.set(row.id, kind, &value)?;
        self.forget_client(row.id);
        self.status()
    }

    /// "Test connection" for any provider: signs in and asks the provider.
    pub async fn test_connection(&self) -> Result<(), CoreError> {
        let (_, row) = self.current_account_row()?;
        self.forget_client(row.id);
        let provider = self.provider(&row).await?;
        provider.check_connection().await.map_err(|e| match e.kind {
            ErrorKind::Auth => rule(
                RuleCode::ConnectionSigninFailed,
                "The provider answered, but the sign-in failed. Check the access data in Setup (API key, or user name and password).",
            ),
            ErrorKind::Connection | ErrorKind::Timeout | ErrorKind::Transient => rule(
                RuleCode::ConnectionUnreachable,
                "The provider cannot be reached right now. Check the internet connection and try again later.",
            ),
            _ => CoreError::Provider(e),
        })
    }
}
