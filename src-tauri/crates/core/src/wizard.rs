//! The first-run setup assistant: whether it has been finished (a flag in the
//! SQLite settings), and its last step, a one-page test letter sent by the
//! current company in the sandbox or in test mode — never a real letter.
use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::*;

const WIZARD_DONE: &str = "wizard_done";

impl Postdesk {
    /// True once the clerk finished (or closed) the assistant on this data folder.
    pub fn wizard_done(&self) -> Result<bool, CoreError> {
        Ok(self.inner.store.setting(WIZARD_DONE)?.is_some())
    }

    /// Marks the assistant finished; it no longer opens at start (Settings reopens it).
    pub fn set_wizard_done(&self) -> Result<(), CoreError> {
        self.inner.store.set_setting(WIZARD_DONE, &now_rfc3339())
    }

    /// Makes a one-page sample letter addressed to the current company and queues
    /// it. Refused for a live account: the assistant's letter must never be
    /// printed. Each call makes a new PDF (the time is in its text), so the
    /// duplicate guard does not hold back a second test.
    pub async fn wizard_test_letter(&self) -> Result<Letter, CoreError> {
        let status = self.status()?;
        if status.environment == Environment::Live {
            return Err(CoreError::Rule {
                code: RuleCode::WizardLive,
                params: Box::default(),
                message: "This account sends real letters (test mode is off), so the assistant sends no test letter. Switch test mode on in Setup to try it.".into(),
            });
        }
        let a = &status.account;
        // E-POST signs in with password and secret; others with a key (or a password).
        let can_send = if a.provider == ProviderKind::Epost { a.has_password && a.has_secret } else { a.has_secret || a.has_password };
        if !can_send {
            return Err(CoreError::Rule {
                code: RuleCode::WizardNoPassword,
                params: Box::default(),
                message: "The account has no password yet, so it cannot send. Set the password first (step “Password”, or Setup → Set password…).".into(),
            });
        }
        let now = time::OffsetDateTime::now_utc();
        let stamp = now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let company = status.company.name.clone();
        // Addressed at home, in the provider's address window.
        let (street, town) = match status.provider.home_country.as_str() {
            "SE" => ("Storgatan 1", "114 55 Stockholm"),
            _ => ("Musterstraße 1", "53113 Bonn"),
        };
        let window = self
            .provider_rules()?
            .zones
            .iter()
            .find(|z| z.kind == postdesk_pdf::rules::ZoneKind::AddressWindow)
            .map(|z| (z.x_mm + 5.0, z.y_mm + 2.0))
            .unwrap_or((25.0, 47.0));
        let spec = postdesk_pdf::sample::LetterSpec {
            sender_line: Some(format!("{company} · Postdesk")),
            recipient: vec![company.clone(), street.into(), town.into()],
            address_at_mm: window,
            body: vec![
                "Test letter from the Postdesk setup assistant".into(),
                "".into(),
                "This letter checks that sending works. It is not printed:".into(),
                "it goes to the sandbox or to the provider's test mode.".into(),
                "".into(),
                format!("Created {stamp}"),
            ],
            ..Default::default()
        };
        let dir = self.data_dir().join("wizard");
        crate::paths::create_private_dir(&dir).map_err(|e| CoreError::File { path: dir.display().to_string(), details: e.to_string() })?;
        let path = dir.join(format!("Postdesk-test-letter-{}.pdf", now.unix_timestamp_nanos() / 1_000_000));
        crate::paths::write_private(&path, &postdesk_pdf::sample::letter(&spec))
            .map_err(|e| CoreError::File { path: path.display().to_string(), details: e.to_string() })?;
        let draft = self.add_files(vec![path]).await?.into_iter().next().ok_or(CoreError::NotFound { what: "test letter", id: 0 })?;
        // In test mode (E-POST testFlag): the provider checks it and returns the test
        // result (with the restricted areas) instead of printing it. Providers
        // without a test flag (Ekopost) test on their sandbox host; live is refused above.
        let report = self.send_checked_as(&[draft.id], true, status.provider.test_mode, None)?;
        report.queued.into_iter().next().ok_or(CoreError::NotFound { what: "queued test letter", id: draft.id })
    }
}
