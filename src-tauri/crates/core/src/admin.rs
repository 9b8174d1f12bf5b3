//! "Change administrator contact" of an E-POST account (seed: "Changing
//! Administrator Contact Information"). Deutsche Post keeps the admin's e-mail and
//! mobile; both are mandatory, and changing one needs the other:
//! - new e-mail: EMailRequest → a code by SMS to the CURRENT mobile → SetEMail;
//! - new mobile: MobileRequest → a code by e-mail to the CURRENT address → SetMobile.
//!
//! Nothing is stored until the provider confirmed the change; then the new value is
//! remembered (SQLite settings, not secret) so Setup can show what was last set here.
use postdesk_providers::{ErrorKind, ProviderError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::secrets::SecretKind;
use crate::setup::is_email;

/// The admin contact as last confirmed through Postdesk (None: never changed here;
/// the provider still has the one given at registration).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdminContact {
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// RFC 3339, when the last change was confirmed.
    pub changed_at: Option<String>,
}

/// A mobile number as we accept it. CHOICE: the public API documents no format for
/// `newMobile`; we take an optional leading `+`, then digits with blanks, `-`, `/`
/// or brackets between them, 6 to 20 digits in all (the same rule the simulator
/// applies; E.164 allows at most 15 digits, national formats with a leading 0 more).
pub fn is_mobile(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && body.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '(')
        && body.chars().all(|c| c.is_ascii_digit() || " -/()".contains(c))
}

/// The confirmation codes are 6 digits (like the password PIN).
pub fn is_code(s: &str) -> bool {
    let s = s.trim();
    s.len() == 6 && s.chars().all(|c| c.is_ascii_digit())
}

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

#[derive(Clone, Copy)]
enum Which {
    Email,
    Mobile,
}

/// The provider's answer in the clerk's words. Codes as the simulator (and our
/// reading of the API) uses them: E012 wrong code, E013 expired, E004/429 too many,
/// E200 the new contact is not valid.
fn contact_error(e: ProviderError, which: Which) -> CoreError {
    let code = e.code.as_deref().unwrap_or("");
    let channel = match which {
        Which::Email => "SMS",
        Which::Mobile => "e-mail",
    };
    match (&e.kind, code) {
        (ErrorKind::RateLimited { .. }, _) | (_, "E004") => rule(
            RuleCode::ContactTooMany,
            "Too many requests in a short time. Wait a few minutes, then request a new code.",
        ),
        (_, "E013") => rule(
            RuleCode::ContactCodeExpired,
            "The code has expired (it is valid for 10 minutes). Request a new code and enter it.",
        ),
        (_, "E012") => rule(
            RuleCode::ContactCodeWrong,
            format!("The code is not correct. Check the {channel} and type the 6 digits again."),
        ),
        (_, "E200") => match which {
            Which::Email => rule(RuleCode::ContactEmailInvalid, "The provider did not accept this e-mail address. Check it and try again."),
            Which::Mobile => rule(RuleCode::ContactMobileInvalid, "The provider did not accept this mobile number. Check it and try again."),
        },
        (ErrorKind::Auth, _) => rule(
            RuleCode::ContactLoginFailed,
            "The sign-in to E-POST failed, so the contact cannot be changed. Check the EKP and set the password again.",
        ),
        _ => CoreError::Provider(e),
    }
}

fn key(account_id: i64, what: &str) -> String {
    format!("epost_admin_{what}:{account_id}")
}

impl Postdesk {
    /// The current account, refusing when it cannot sign in yet (the admin calls
    /// need the bearer token).
    async fn admin_client(&self) -> Result<(i64, postdesk_providers::epost::Client), CoreError> {
        let (_, row) = self.current_account_row()?;
        let ks = &self.inner.secrets;
        if ks.get(row.id, SecretKind::Secret)?.is_none() || ks.get(row.id, SecretKind::Password)?.is_none() {
            return Err(rule(
                RuleCode::ContactNoPassword,
                "The administrator contact can only be changed once the account can sign in. Use “Set password…” first.",
            ));
        }
        Ok((row.id, self.epost_client(&row).await?))
    }

    /// What Postdesk last confirmed for the current account's admin contact.
    pub fn epost_admin_contact(&self) -> Result<AdminContact, CoreError> {
        let (_, row) = self.current_account_row()?;
        let s = &self.inner.store;
        Ok(AdminContact {
            email: s.setting(&key(row.id, "email"))?,
            mobile: s.setting(&key(row.id, "mobile"))?,
            changed_at: s.setting(&key(row.id, "changed_at"))?,
        })
    }

    fn remember_contact(&self, account_id: i64, what: &str, value: &str) -> Result<AdminContact, CoreError> {
        let s = &self.inner.store;
        s.set_setting(&key(account_id, what), value)?;
        s.set_setting(&key(account_id, "changed_at"), &crate::model::now_rfc3339())?;
        self.epost_admin_contact()
    }

    /// "Change e-mail", step 1: the provider sends a code by SMS to the current mobile.
    pub async fn epost_email_request(&self, new_email: &str) -> Result<(), CoreError> {
        let new_email = new_email.trim();
        if !is_email(new_email) {
            return Err(rule(RuleCode::ContactEmailFormat, "Enter a valid e-mail address, e.g. name@company.de."));
        }
        let (_, client) = self.admin_client().await?;
        client.email_request(new_email).await.map_err(|e| contact_error(e, Which::Email))
    }

    /// Step 2: the new e-mail and the SMS code. Only a confirmed change is remembered.
    pub async fn epost_set_email(&self, new_email: &str, sms_code: &str) -> Result<AdminContact, CoreError> {
        let new_email = new_email.trim();
        if !is_email(new_email) {
            return Err(rule(RuleCode::ContactEmailFormat, "Enter a valid e-mail address, e.g. name@company.de."));
        }
        if !is_code(sms_code) {
            return Err(rule(RuleCode::ContactCodeFormat, "The code has exactly 6 digits."));
        }
        let (id, client) = self.admin_client().await?;
        client.set_email(new_email, sms_code.trim()).await.map_err(|e| contact_error(e, Which::Email))?;
        self.remember_contact(id, "email", new_email)
    }

    /// "Change mobile", step 1: the provider sends a code by e-mail to the current address.
    pub async fn epost_mobile_request(&self, new_mobile: &str) -> Result<(), CoreError> {
        let new_mobile = new_mobile.trim();
        if !is_mobile(new_mobile) {
            return Err(rule(RuleCode::ContactMobileFormat, "Enter a mobile number with 6 to 20 digits, e.g. +49 170 1234567."));
        }
        let (_, client) = self.admin_client().await?;
        client.mobile_request(new_mobile).await.map_err(|e| contact_error(e, Which::Mobile))
    }

    /// Step 2: the new mobile and the e-mail code.
    pub async fn epost_set_mobile(&self, new_mobile: &str, email_code: &str) -> Result<AdminContact, CoreError> {
        let new_mobile = new_mobile.trim();
        if !is_mobile(new_mobile) {
            return Err(rule(RuleCode::ContactMobileFormat, "Enter a mobile number with 6 to 20 digits, e.g. +49 170 1234567."));
        }
        if !is_code(email_code) {
            return Err(rule(RuleCode::ContactCodeFormat, "The code has exactly 6 digits."));
        }
        let (id, client) = self.admin_client().await?;
        client.set_mobile(new_mobile, email_code.trim()).await.map_err(|e| contact_error(e, Which::Mobile))?;
        self.remember_contact(id, "mobile", new_mobile)
    }

    /// A test e-mail to the admin address (TestEMail).
    pub async fn epost_test_email(&self) -> Result<(), CoreError> {
        let (_, client) = self.admin_client().await?;
        client.test_email().await.map_err(|e| contact_error(e, Which::Email))
    }

    /// A test SMS to the admin mobile (TestMobile).
    pub async fn epost_test_mobile(&self) -> Result<(), CoreError> {
        let (_, client) = self.admin_client().await?;
        client.test_mobile().await.map_err(|e| contact_error(e, Which::Mobile))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers() {
        for ok in ["+49 170 1234567", "0170/1234567", "+49 (0)170-123 45 67", "017012345678"] {
            assert!(is_mobile(ok), "{ok}");
        }
        for bad in ["", "12345", "+49 170 abc", "++49 170 1234567", "-170 1234567", "1234567890123456789012"] {
            assert!(!is_mobile(bad), "{bad}");
        }
    }

    #[test]
    fn provider_codes_become_clerk_messages() {
        let err = |code: &str, status: u16| {
            let mut e = ProviderError::new(ErrorKind::Rejected, "x").with_status(status);
            e.code = Some(code.to_string());
            crate::model::AppError::from(contact_error(e, Which::Mobile)).code
        };
        assert_eq!(err("E013", 400), "contact_code_expired");
        assert_eq!(err("E012", 400), "contact_code_wrong");
        assert_eq!(err("E004", 429), "contact_too_many");
        assert_eq!(err("E200", 400), "contact_mobile_invalid");
    }

    #[test]
    fn codes() {
        assert!(is_code("123456") && is_code(" 012345 "));
        assert!(!is_code("12345") && !is_code("1234567") && !is_code("12a456"));
    }
}
