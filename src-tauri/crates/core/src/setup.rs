//! The E-POST setup of a company: the non-secret settings (SQLite), the password
//! by SMS PIN (keychain only), the connection test, companies, and copying the
//! access data from one company to another.
use postdesk_providers::secret::Secret;
use postdesk_providers::{ErrorKind, ProviderError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::*;
use crate::secrets::SecretKind;
use crate::store::AccountRow;

/// Where a real (non-sandbox) E-POST account talks to.
pub const EPOST_BASE_URL: &str = "https://api.epost.docuguide.com";
/// The least time between two status calls the real API allows.
pub const EPOST_STATUS_INTERVAL_MS: u64 = 5000;

/// What the Setup screen saves: the non-secret settings and the sending defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EpostSetup {
    pub epost: EpostSettings,
    pub prefs: SendingPrefs,
    pub defaults: SendOptions,
}

impl EpostSetup {
    /// The setup form as an E-POST account has it now (the form's starting values).
    pub fn of(account: &Account) -> Self {
        EpostSetup {
            epost: account.settings.epost().cloned().unwrap_or_default(),
            prefs: account.prefs.clone(),
            defaults: account.defaults.clone(),
        }
    }
}

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain
/// after it, no blanks, at most 100 characters (the API's limit for testEMail).
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    s.len() <= 100
        && !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// The rules of the setup form, the same as the UI checks at each field.
pub fn check_setup(s: &EpostSetup) -> Result<(), CoreError> {
    let ekp = postdesk_providers::epost::provider::EKP_LEN as usize;
    if s.epost.ekp.trim().chars().count() != ekp {
        return Err(rule(RuleCode::SetupEkp, format!("The EKP must be exactly {ekp} characters long.")));
    }
    let mail = s.epost.test_email.trim();
    if s.prefs.test_mode && mail.is_empty() {
        return Err(rule(RuleCode::SetupTestEmailMissing, "In test mode, enter the e-mail address that receives the test results."));
    }
    if !mail.is_empty() && !is_email(mail) {
        return Err(rule(RuleCode::SetupTestEmail, "The test e-mail address is not a valid e-mail address."));
    }
    crate::sending::check_options(&postdesk_providers::epost::describe(), &s.defaults)
}

/// The setup is complete except for secret and password: "Set password" may start.
pub fn ready_for_password(e: &EpostSettings, prefs: &SendingPrefs) -> bool {
    check_setup(&EpostSetup { epost: e.clone(), prefs: prefs.clone(), defaults: SendOptions::default() }).is_ok()
}

/// The provider's answer to the password flow, in the clerk's words.
fn password_error(e: ProviderError) -> CoreError {
    let code = e.code.as_deref().unwrap_or("");
    match (&e.kind, code) {
        (ErrorKind::RateLimited { .. }, _) | (_, "E004") => rule(
            RuleCode::PinTooMany,
            "Too many requests in a short time. Wait a few minutes, then request a new PIN.",
        ),
        (_, "E013") => rule(RuleCode::PinExpired, "The PIN has expired (it is valid for 10 minutes). Request a new PIN and enter it."),
        (_, "E012") => rule(RuleCode::PinWrong, "The PIN is not correct. Check the SMS and type the 6 digits again."),
        (_, "E014") => rule(RuleCode::PasswordRejected, "The provider did not accept this password. Use 5 to 100 characters."),
        (_, "E011") => rule(RuleCode::SetupEkp, "The provider does not know this EKP. Check the customer number from Deutsche Post."),
        _ => CoreError::Provider(e),
    }
}

/// The provider took a new password but the keychain did not store it: what the clerk does now.
fn keychain_after_change() -> CoreError {
    rule(
        RuleCode::KeychainWriteAfterChange,
        "E-POST accepted the new password, but the system keychain did not store it. Postdesk keeps it until you close Postdesk, so letters still go out. Unlock the keychain (log in to the desktop again if it asks) and choose Try again. If Postdesk is closed before that, set the password again with a new SMS PIN.",
    )
}

impl Postdesk {
    /// The current company and its account.
    pub(crate) fn current_account_row(&self) -> Result<(Company, AccountRow), CoreError> {
        let company = self.current_company()?;
        let row = self
            .inner
            .store
            .company_account(company.id)?
            .ok_or(CoreError::NotFound { what: "account of company", id: company.id })?;
        Ok((company, row))
    }

    /// The current company's E-POST account and its settings; refused for a
    /// company that sends through another provider.
    pub(crate) fn current_epost_row(&self) -> Result<(Company, AccountRow, EpostSettings), CoreError> {
        let (company, row) = self.current_account_row()?;
        let settings = row.settings.epost().cloned().ok_or_else(|| {
            rule(RuleCode::ProviderMismatch, "This company does not send through E-POST.")
        })?;
        Ok((company, row, settings))
    }

    /// Saves the current company's setup (non-secret settings, SQLite only).
    pub fn save_epost_setup(&self, setup: EpostSetup) -> Result<AppStatus, CoreError> {
        let mut setup = setup;
        setup.epost.ekp = setup.epost.ekp.trim().to_string();
        setup.epost.test_email = setup.epost.test_email.trim().to_string();
        check_setup(&setup)?;
        let (_, mut row, old) = self.current_epost_row()?;
        let ekp_changed = old.ekp != setup.epost.ekp;
        row.settings = ProviderSettings::Epost(setup.epost);
        row.prefs = setup.prefs;
        row.defaults = setup.defaults;
        if row.environment != Environment::Sandbox {
            row.environment = if row.prefs.test_mode { Environment::Test } else { Environment::Live };
        }
        self.inner.store.update_account(&row)?;
        if ekp_changed {
            // The cached session belongs to the old EKP.
            self.forget_client(row.id);
        }
        self.status()
    }

    /// Step 1 of "Set password": the provider sends a 6-digit PIN by SMS to the admin.
    pub async fn epost_request_sms(&self) -> Result<(), CoreError> {
        let (_, row, epost) = self.current_epost_row()?;
        if !ready_for_password(&epost, &row.prefs) {
            return Err(rule(RuleCode::SetupIncomplete, "Fill in and save the setup (EKP, test e-mail) before setting the password."));
        }
        let client = self.epost_client(&row).await?;
        client.sms_request(&epost.ekp).await.map_err(password_error)
    }

    /// Step 2: the PIN and the new password; the provider answers with the new
    /// secret. Password and secret go to the keychain only, both or neither.
    pub async fn epost_set_password(&self, sms_code: &str, new_password: Secret) -> Result<AppStatus, CoreError> {
        let pin = sms_code.trim();
        if pin.len() != 6 || !pin.chars().all(|c| c.is_ascii_digit()) {
            return Err(rule(RuleCode::PinFormat, "The PIN has exactly 6 digits."));
        }
        let n = new_password.expose().chars().count();
        if !(5..=100).contains(&n) {
            return Err(rule(RuleCode::PasswordLength, "The password must have 5 to 100 characters."));
        }
        let (_, row, epost) = self.current_epost_row()?;
        let client = self.epost_client(&row).await?;
        let secret = client.set_password(&epost.ekp, &new_password, pin).await.map_err(password_error)?;
        // E-POST has changed the password now: the old pair no longer signs in.
        let stored = self.store_access(row.id, &new_password, &secret);
        self.forget_client(row.id);
        if let Err(e) = stored {
            let ks = &self.inner.secrets;
            ks.hold(row.id, SecretKind::Password, &new_password);
            ks.hold(row.id, SecretKind::Secret, &secret);
            tracing::warn!("the keychain refused the new E-POST access data (held for this run): {e}");
            return Err(keychain_after_change());
        }
        self.status()
    }

    /// "Try again" after `keychain_write_after_change`: writes the held access
    /// data of the current company into the keychain.
    pub fn keychain_retry(&self) -> Result<AppStatus, CoreError> {
        let (_, row) = self.current_account_row()?;
        if self.inner.secrets.has_held(row.id) {
            self.inner.secrets.flush(row.id).map_err(|e| {
                tracing::warn!("keychain retry failed: {e}");
                keychain_after_change()
            })?;
        }
        self.status()
    }

    /// Writes password and secret (Copy credentials; after "Set password…" see
    /// `epost_set_password`); if the second write fails, puts the old
    /// values back so the keychain never holds half a pair.
    fn store_access(&self, account_id: i64, password: &Secret, secret: &Secret) -> Result<(), CoreError> {
        let ks = &self.inner.secrets;
        let old_password = ks.get(account_id, SecretKind::Password)?;
        ks.set(account_id, SecretKind::Password, password)?;
        if let Err(e) = ks.set(account_id, SecretKind::Secret, secret) {
            let _ = match &old_password {
                Some(p) => ks.set(account_id, SecretKind::Password, p),
                None => ks.delete(account_id, SecretKind::Password),
            };
            return Err(e);
        }
        Ok(())
    }

    /// "Test connection": is the provider up (HealthCheck), and do the stored
    /// credentials log in (Login)?
    pub async fn epost_test_connection(&self) -> Result<(), CoreError> {
        let (_, row, epost) = self.current_epost_row()?;
        self.forget_client(row.id);
        let client = self.epost_client(&row).await?;
        client.health_check().await.map_err(|e| match e.kind {
            ErrorKind::Auth | ErrorKind::Rejected => CoreError::Provider(e),
            _ => rule(RuleCode::ConnectionDown, "The E-POST service cannot be reached right now. Check the internet connection and try again later."),
        })?;
        let ks = &self.inner.secrets;
        let (Some(secret), Some(password)) = (ks.get(row.id, SecretKind::Secret)?, ks.get(row.id, SecretKind::Password)?) else {
            return Err(rule(RuleCode::ConnectionNoPassword, "The service is reachable, but no password is set yet. Use “Set password…” first."));
        };
        client.login(&epost.ekp, &secret, &password).await.map_err(|e| match e.kind {
            ErrorKind::Auth | ErrorKind::Rejected => rule(
                RuleCode::ConnectionLoginFailed,
                "The service is reachable, but the sign-in failed. Check the EKP and set the password again.",
            ),
            _ => CoreError::Provider(e),
        })
    }

    /// A company of that name, checked and stored (without an account yet).
    pub(crate) fn new_company(&self, name: &str) -> Result<Company, CoreError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(rule(RuleCode::CompanyName, "Enter a company name of 1 to 100 characters."));
        }
        let store = &self.inner.store;
        if store.company_by_name(name)?.is_some() {
            return Err(rule(RuleCode::CompanyExists, "A company with this name already exists."));
        }
        store.insert_company(name, false)
    }

    /// A new company with an E-POST account for the real API, in test mode
    /// (as the provider opens every account), and makes it the current one.
    pub fn create_company(&self, name: &str) -> Result<AppStatus, CoreError> {
        let company = self.new_company(name)?;
        self.inner.store.insert_account(&AccountRow {
            id: 0,
            company_id: company.id,
            provider: ProviderKind::Epost,
            environment: Environment::Test,
            prefs: SendingPrefs::default(),
            settings: ProviderSettings::Epost(EpostSettings::default()),
            defaults: SendOptions::default(),
            // None: the sandbox's simulator (test builds only, see PostdeskOptions).
            base_url: (!self.inner.real_api_on_sandbox).then(|| EPOST_BASE_URL.into()),
            vendor_id: crate::providers::EPOST_VENDOR_ID.into(),
            status_interval_ms: EPOST_STATUS_INTERVAL_MS,
        })?;
        self.switch_company(company.id)
    }

    /// "Copy credentials from company…": only the access data (EKP, password,
    /// secret) of `from_company_id` into the current company, overwriting its
    /// own; never the options.
    pub fn copy_credentials(&self, from_company_id: i64) -> Result<AppStatus, CoreError> {
        let (company, mut target, _) = self.current_epost_row()?;
        if company.is_sandbox {
            return Err(rule(RuleCode::CopyIntoSandbox, "The sandbox keeps its own access data; switch to the company you want to set up."));
        }
        if from_company_id == company.id {
            return Err(rule(RuleCode::CopySameCompany, "Choose another company to copy from."));
        }
        let source = self
            .inner
            .store
            .company_account(from_company_id)?
            .ok_or(CoreError::NotFound { what: "account of company", id: from_company_id })?;
        let ks = &self.inner.secrets;
        let (Some(secret), Some(password)) = (ks.get(source.id, SecretKind::Secret)?, ks.get(source.id, SecretKind::Password)?) else {
            return Err(rule(RuleCode::CopySourceIncomplete, "That company has no complete access data yet (EKP, password and secret)."));
        };
        let source_ekp = source.settings.epost().map(|e| e.ekp.clone()).unwrap_or_default();
        if source_ekp.chars().count() != postdesk_providers::epost::provider::EKP_LEN as usize {
            return Err(rule(RuleCode::CopySourceIncomplete, "That company has no complete access data yet (EKP, password and secret)."));
        }
        self.store_access(target.id, &password, &secret)?;
        if let Some(e) = target.settings.epost_mut() {
            e.ekp = source_ekp;
        }
        self.inner.store.update_account(&target)?;
        self.forget_client(target.id);
        self.status()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> EpostSetup {
        EpostSetup {
            epost: EpostSettings { ekp: "1234567890".into(), test_email: "a@b.de".into() },
            prefs: SendingPrefs::default(),
            defaults: SendOptions::default(),
        }
    }

    #[test]
    fn ekp_must_have_ten_characters() {
        let mut s = setup();
        assert!(check_setup(&s).is_ok());
        s.epost.ekp = "123".into();
        assert!(matches!(check_setup(&s), Err(CoreError::Rule { code: RuleCode::SetupEkp, .. })));
    }

    #[test]
    fn test_email_is_checked() {
        let mut s = setup();
        for bad in ["x", "a@b", "a b@c.de", "@c.de", "a@@c.de"] {
            s.epost.test_email = bad.into();
            assert!(check_setup(&s).is_err(), "{bad}");
        }
        s.epost.test_email = String::new();
        assert!(matches!(check_setup(&s), Err(CoreError::Rule { code: RuleCode::SetupTestEmailMissing, .. })));
        s.prefs.test_mode = false;
        assert!(check_setup(&s).is_ok());
    }

    #[test]
    fn duplex_and_registered_do_not_combine() {
        let mut s = setup();
        s.defaults.duplex = true;
        assert!(check_setup(&s).is_ok());
        s.defaults.registered = RegisteredLetter::Einschreiben;
        assert!(matches!(check_setup(&s), Err(CoreError::Rule { code: RuleCode::OptionsDuplexRegistered, .. })));
    }
}
