//! The Posti setup of a company (Posti's own setup module, beside E-POST's
//! `setup.rs` and Ekopost's `ekopost_setup.rs`): the OmaPosti Pro API key
//! (keychain only), the logistics agreement ids it should reach, and the
//! connection test that tells which of them it reaches.
//!
//! What Postdesk can do with the key is said in `postdesk_providers::posti`:
//! prove it and list its agreements; letters are refused before anything is
//! spent (`sending::check_prints_letters`).
use postdesk_providers::posti::{self, codes, PostiProvider, Reach};
use postdesk_providers::secret::Secret;
use postdesk_providers::ErrorKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::*;
use crate::secrets::SecretKind;
use crate::store::AccountRow;

/// What the Setup screen saves for a Posti company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PostiSetup {
    pub posti: PostiSettings,
    pub prefs: SendingPrefs,
}

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

/// The agreement ids as entered (any separators), checked; the window checks the same.
pub fn check_agreement_ids(ids: &[String]) -> Result<Vec<String>, CoreError> {
    let ids = posti::parse_agreement_ids(&ids.join(",")).map_err(|bad| {
        rule(
            RuleCode::PostiAgreementIdFormat,
            format!("“{bad}” is not an agreement id: use the numbers OmaPosti Pro shows under the user's logistics agreements."),
        )
    })?;
    if ids.is_empty() {
        return Err(rule(RuleCode::PostiAgreementIdsMissing, "Enter at least one logistics agreement id."));
    }
    if ids.len() > posti::MAX_AGREEMENTS {
        return Err(CoreError::rule_with(
            RuleCode::PostiAgreementIdsMany,
            format!("Enter at most {} agreement ids.", posti::MAX_AGREEMENTS),
            crate::model::ErrorParams { max: Some(posti::MAX_AGREEMENTS as u32), ..Default::default() },
        ));
    }
    Ok(ids)
}

impl Postdesk {
    fn current_posti_row(&self) -> Result<(AccountRow, PostiSettings), CoreError> {
        let (_, row) = self.current_account_row()?;
        let settings = row
            .settings
            .posti()
            .cloned()
            .ok_or_else(|| rule(RuleCode::ProviderMismatch, "This company does not use Posti."))?;
        Ok((row, settings))
    }

    /// A new company with a Posti key, made the current one. `in_sandbox`: its
    /// key is the simulator's; otherwise Posti's gateway (or, in test builds
    /// with `real_api_on_sandbox`, the simulator standing in for it).
    pub async fn create_posti_company(&self, name: &str, in_sandbox: bool) -> Result<AppStatus, CoreError> {
        let company = self.new_company(name)?;
        let (environment, base_url) = if in_sandbox {
            (Environment::Sandbox, None)
        } else {
            (Environment::Live, (!self.inner.real_api_on_sandbox).then(|| posti::PRODUCTION_BASE_URL.to_string()))
        };
        let d = crate::providers::describe(ProviderKind::Posti)?;
        let row = self.inner.store.insert_account(&AccountRow {
            id: 0,
            company_id: company.id,
            provider: ProviderKind::Posti,
            environment,
            prefs: SendingPrefs { test_mode: false, ..Default::default() },
            settings: ProviderSettings::Posti(PostiSettings::default()),
            defaults: SendOptions::default(),
            base_url,
            vendor_id: String::new(),
            status_interval_ms: u64::from(d.min_status_interval_ms),
        })?;
        if in_sandbox {
            crate::sandbox::ensure_api_key(self, &row, "posti").await?;
        }
        self.switch_company(company.id)
    }

    /// Saves the current Posti company's agreement ids and preferences.
    pub fn save_posti_setup(&self, setup: PostiSetup) -> Result<AppStatus, CoreError> {
        let mut setup = setup;
        setup.posti.agreement_ids = check_agreement_ids(&setup.posti.agreement_ids)?;
        setup.prefs.test_mode = false;
        let (mut row, _) = self.current_posti_row()?;
        row.settings = ProviderSettings::Posti(setup.posti);
        row.prefs = setup.prefs;
        self.inner.store.update_account(&row)?;
        self.status()
    }

    /// Stores the OmaPosti Pro key in the keychain (shown once in OmaPosti
    /// Pro, pasted here; never shown again).
    pub fn posti_set_key(&self, key: Secret) -> Result<AppStatus, CoreError> {
        let (row, _) = self.current_posti_row()?;
        let value = Secret::new(key.expose().trim());
        if value.is_empty() || value.expose().chars().count() > 500 || value.expose().chars().any(char::is_control) {
            return Err(rule(RuleCode::PostiKeyFormat, "Paste the API key exactly as OmaPosti Pro's “Copy API key” button copied it."));
        }
        self.inner.secrets.set(row.id, SecretKind::ApiKey, &value)?;
        self.forget_client(row.id);
        self.status()
    }

    /// Posti's "Test connection": proves the stored key with a harmless call and
    /// tells which of the saved agreement ids it reaches. A bad key is an error
    /// with its own code (`posti_key_invalid`, `posti_key_revoked`,
    /// `posti_key_missing`); agreements not reached are in the answer.
    pub async fn posti_test_connection(&self) -> Result<Reach, CoreError> {
        let (row, settings) = self.current_posti_row()?;
        self.forget_client(row.id);
        let provider: PostiProvider = self.posti_provider(&row).await?;
        let listed = provider.agreements().await.map_err(|e| match (e.kind.clone(), e.code.as_deref()) {
            (ErrorKind::Auth, Some(codes::API_KEY_REVOKED)) => rule(
                RuleCode::PostiKeyRevoked,
                "Posti says this API key was deleted. The main user makes a new one on OmaPosti Pro's Integrations page; paste it here.",
            ),
            (ErrorKind::Auth, Some(codes::MISSING_API_KEY)) => rule(RuleCode::PostiKeyMissing, "Paste the API key first."),
            (ErrorKind::Auth, _) => rule(
                RuleCode::PostiKeyInvalid,
                "Posti does not know this API key. Copy it again with “Copy API key” (it is shown only once; if it is lost, make a new one).",
            ),
            (ErrorKind::Connection | ErrorKind::Timeout | ErrorKind::Transient, _) => rule(
                RuleCode::ConnectionUnreachable,
                "The provider cannot be reached right now. Check the internet connection and try again later.",
            ),
            _ => CoreError::Provider(e),
        })?;
        Ok(posti::reach(&settings.agreement_ids, &listed))
    }
}
