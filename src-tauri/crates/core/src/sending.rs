//! What the pre-send dialog changes on a letter (options, corrected address, cost
//! centre, reference), the per-letter rules the provider documents, and the two
//! files a sent letter can have: the archived PDF and the test result.
use std::path::PathBuf;

use postdesk_providers::ErrorKind;

use crate::app::Postdesk;
use crate::error::CoreError;
use crate::model::*;

/// E-POST limits (`shared/providers/epost.md`): `costCenter` ≤ 8 [0-9a-zA-Z],
/// `custom1` ≤ 80, address lines ≤ 80, `addressLine5` only for domestic letters,
/// `zipCode` 3–20, `city` 1–80.
pub const COST_CENTER_MAX: usize = 8;
pub const REFERENCE_MAX: usize = 80;
pub const ADDRESS_LINE_MAX: usize = 80;
pub const ADDRESS_LINES_DOMESTIC: usize = 5;
pub const ADDRESS_LINES_ABROAD: usize = 4;

fn rule(code: &'static str, message: impl Into<String>) -> CoreError {
    CoreError::Rule { code, message: message.into() }
}

/// Germany, or no country at all, is domestic (country is ISO 3166-1 alpha-2).
pub fn is_domestic(country: Option<&str>) -> bool {
    country.map(str::trim).is_none_or(|c| c.is_empty() || c.eq_ignore_ascii_case("DE"))
}

pub fn check_cost_center(cc: &str) -> Result<(), CoreError> {
    if cc.chars().count() > COST_CENTER_MAX || !cc.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(rule(
            "cost_center_format",
            "The cost centre may have at most 8 letters and digits (A–Z, a–z, 0–9), without spaces or other characters.",
        ));
    }
    Ok(())
}

pub fn check_reference(r: &str) -> Result<(), CoreError> {
    if r.chars().count() > REFERENCE_MAX {
        return Err(rule("reference_length", "The reference may have at most 80 characters."));
    }
    Ok(())
}

/// The recipient lines without the postal-code/city line and the country line
/// (those travel in their own fields).
pub fn name_lines(a: &Address) -> Vec<String> {
    let pc = a.postal_code.as_deref().unwrap_or("").trim();
    let city = a.city.as_deref().unwrap_or("").trim();
    a.lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .filter(|l| !(!pc.is_empty() && l.contains(pc) || !city.is_empty() && l.ends_with(city) && l.len() <= city.len() + 12))
        .filter(|l| {
            a.country.as_deref().is_none_or(|c| !l.eq_ignore_ascii_case(c) && postdesk_pdf::address::country_code(l) != Some(c))
        })
        .map(str::to_string)
        .collect()
}

/// Options that fit the recipient: no duplex with a registered letter, and
/// registered letters only within Germany.
pub fn check_options_for(o: &SendOptions, recipient: Option<&Address>, file_name: &str) -> Result<(), CoreError> {
    crate::setup::check_options(o)?;
    let country = recipient.and_then(|a| a.country.as_deref());
    if o.registered != RegisteredLetter::None && !is_domestic(country) {
        return Err(rule(
            "options_registered_abroad",
            format!(
                "“{file_name}” goes abroad ({}), but registered letters can only be sent within Germany. Choose no registered letter for it.",
                country.unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

pub fn check_address(a: &Address) -> Result<(), CoreError> {
    let lines = name_lines(a);
    let domestic = is_domestic(a.country.as_deref());
    let max = if domestic { ADDRESS_LINES_DOMESTIC } else { ADDRESS_LINES_ABROAD };
    if lines.is_empty() {
        return Err(rule("address_missing", "Enter at least the recipient's name."));
    }
    if lines.len() > max {
        return Err(rule(
            "address_too_many_lines",
            format!("The address may have at most {max} lines above the postal code and town{}.", if domestic { "" } else { " for a letter abroad" }),
        ));
    }
    if lines.iter().any(|l| l.chars().count() > ADDRESS_LINE_MAX) {
        return Err(rule("address_line_length", "Each address line may have at most 80 characters."));
    }
    let pc = a.postal_code.as_deref().unwrap_or("").trim();
    if domestic && !(pc.chars().count() == 5 && pc.chars().all(|c| c.is_ascii_digit())) {
        return Err(rule("address_postal_code", "A German postal code has 5 digits."));
    }
    if pc.chars().count() > 20 {
        return Err(rule("address_postal_code", "The postal code may have at most 20 characters."));
    }
    let city = a.city.as_deref().unwrap_or("").trim();
    if city.is_empty() || city.chars().count() > ADDRESS_LINE_MAX {
        return Err(rule("address_city", "Enter the town (1 to 80 characters)."));
    }
    Ok(())
}

/// The dialog's address as one address block: name lines, "postal code town",
/// and the country in German capitals when abroad (as the provider wants it).
fn normalize_address(a: &Address) -> Address {
    let country = a.country.as_deref().map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty() && c != "DE");
    let pc = a.postal_code.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let city = a.city.as_deref().map(str::trim).map(str::to_string);
    let mut lines = name_lines(&Address { lines: a.lines.clone(), postal_code: pc.clone(), city: city.clone(), country: country.clone() });
    lines.push(format!("{} {}", pc.clone().unwrap_or_default(), city.clone().unwrap_or_default()).trim().to_string());
    if let Some(c) = &country {
        lines.push(crate::wire::german_country_name(c));
    }
    Address { lines, postal_code: pc, city, country }
}

fn blank_to_none(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

impl Postdesk {
    /// Checks and stores what the clerk confirmed in the pre-send dialog on the
    /// drafts (all or none), before anything is queued.
    pub fn set_overrides(&self, overrides: &[LetterOverride]) -> Result<Vec<Letter>, CoreError> {
        let store = self.store();
        let mut clean = Vec::with_capacity(overrides.len());
        for o in overrides {
            let letter = store.letter(o.id)?;
            if letter.state != LetterState::Draft {
                return Err(CoreError::NotFound { what: "draft", id: o.id });
            }
            let recipient = match &o.recipient {
                Some(a) => {
                    check_address(a).map_err(|e| with_file(e, &letter.file_name))?;
                    Some(normalize_address(a))
                }
                None => None,
            };
            let cost_center = blank_to_none(&o.cost_center);
            if let Some(cc) = &cost_center {
                check_cost_center(cc).map_err(|e| with_file(e, &letter.file_name))?;
            }
            let reference = blank_to_none(&o.reference);
            if let Some(r) = &reference {
                check_reference(r).map_err(|e| with_file(e, &letter.file_name))?;
            }
            check_options_for(&o.options, recipient.as_ref().or(letter.recipient.as_ref()), &letter.file_name)?;
            clean.push(LetterOverride { id: o.id, options: o.options.clone(), recipient, cost_center, reference });
        }
        store.set_overrides(&clean)?;
        clean.iter().map(|o| store.letter(o.id)).collect()
    }

    /// "Send" with the pre-send dialog's answers: stored first, then queued.
    /// (Core tests; the window goes through `send_with_checked`.)
    pub fn send_with(&self, ids: &[i64], overrides: &[LetterOverride]) -> Result<Vec<Letter>, CoreError> {
        if !overrides.is_empty() {
            self.set_overrides(overrides)?;
        }
        self.send(ids)
    }

    /// As `send_with`, through the duplicate guard (`send_checked`).
    pub fn send_with_checked(
        &self,
        ids: &[i64],
        allow_duplicate: bool,
        overrides: &[LetterOverride],
    ) -> Result<crate::SendReport, CoreError> {
        if !overrides.is_empty() {
            self.set_overrides(overrides)?;
        }
        self.send_checked(ids, allow_duplicate)
    }

    /// A draft's preflight was made for the cover-letter setting it had when it
    /// was dropped (the company's default); the pre-send dialog can switch it.
    /// Each draft whose options now say otherwise is checked again with the
    /// matching rules (page 1's zones differ) and its findings replaced, in the
    /// store and in `letters`; returns how many were checked again.
    pub(crate) fn recheck_for_options(&self, letters: &mut [Letter]) -> Result<usize, CoreError> {
        let store = self.store();
        let mut rechecked = 0;
        let mut company = None;
        for l in letters.iter_mut() {
            if l.state != LetterState::Draft || l.options.cover_letter == l.preflight.checked_with_cover_letter {
                continue;
            }
            let provider = store.account(l.account_id)?.provider;
            let rules = postdesk_pdf::rules::for_provider(provider).for_options(l.options.cover_letter);
            let pf = self.inner.pdf.preflight(&PathBuf::from(&l.path), &rules)?;
            store.update_preflight(l.id, &pf)?;
            l.sha256 = pf.sha256.clone();
            l.pages = pf.pages;
            l.bytes = pf.bytes;
            l.preflight = pf;
            rechecked += 1;
            company = Some(l.company_id);
        }
        if let Some(c) = company {
            self.inner.events.drafts_changed(c);
        }
        Ok(rechecked)
    }

    /// The archived copy of a sent letter (`archive/<sha256>.pdf`), when "Save
    /// File in Joblist" was on.
    pub fn archived_pdf(&self, id: i64) -> Result<PathBuf, CoreError> {
        let row = self.store().letter_row(id)?;
        let path = row.archive_path.map(PathBuf::from).filter(|p| row.letter.archived && p.exists());
        path.ok_or_else(|| {
            rule(
                "archive_not_kept",
                "No copy of this letter was kept: “Save File in Joblist” was off in Setup when it was sent.",
            )
        })
    }

    /// "Save File in Joblist" off: once the letter is sent, its outbox copy goes,
    /// unless another letter still needs the same file.
    pub(crate) fn release_archive(&self, letter: &Letter) {
        let Ok(row) = self.store().letter_row(letter.id) else { return };
        let Some(path) = row.archive_path else { return };
        match self.store().archive_needed(&letter.sha256, letter.id) {
            Ok(false) => {
                if let Err(e) = std::fs::remove_file(&path) {
                    tracing::warn!("archive of letter {}: {e}", letter.id);
                }
            }
            Ok(true) => {}
            Err(e) => tracing::warn!("archive of letter {}: {e}", letter.id),
        }
    }

    /// Fetches the provider's test result of a test-mode letter (the processed
    /// PDF, with the restricted areas drawn when asked for) into
    /// `test-results/<letterID>.pdf` in the data folder and returns its path.
    pub async fn fetch_test_result(&self, id: i64) -> Result<PathBuf, CoreError> {
        let row = self.store().letter_row(id)?;
        if !row.letter.test_mode {
            return Err(rule("test_result_not_test", "This letter was not sent in test mode, so there is no test result."));
        }
        let Some(letter_id) = row.letter.provider_id.as_deref().and_then(|p| p.parse::<i64>().ok()) else {
            return Err(rule("test_result_not_yet", "The provider has not accepted this letter yet. Wait until it shows “Accepted”, then try again."));
        };
        let account = self.store().account(row.letter.account_id)?;
        let client = self.client(&account).await?;
        let result = client.test_result(letter_id).await.map_err(|e| match (&e.kind, e.http_status) {
            (ErrorKind::Rejected, Some(404)) | (_, Some(404)) => rule(
                "test_result_gone",
                "The provider no longer has the test result: it is kept for 48 hours after sending. Send the letter in test mode again to get a new one.",
            ),
            _ => CoreError::Provider(e),
        })?;
        let pdf = result
            .data
            .decode()
            .map_err(|_| CoreError::Invalid("The provider's test result is not readable (bad base64).".into()))?;
        if !pdf.starts_with(b"%PDF-") {
            return Err(CoreError::Invalid("The provider's test result is not a PDF.".into()));
        }
        let dir = self.data_dir().join("test-results");
        let ferr = |e: std::io::Error| CoreError::File { path: dir.display().to_string(), details: e.to_string() };
        std::fs::create_dir_all(&dir).map_err(ferr)?;
        let path = dir.join(format!("{letter_id}.pdf"));
        let tmp = path.with_extension("part");
        std::fs::write(&tmp, &pdf).map_err(ferr)?;
        std::fs::rename(&tmp, &path).map_err(ferr)?;
        Ok(path)
    }
}

/// A rule broken by one letter of a batch names the letter.
fn with_file(e: CoreError, file: &str) -> CoreError {
    match e {
        CoreError::Rule { code, message } => CoreError::Rule { code, message: format!("“{file}”: {message}") },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(lines: &[&str], pc: &str, city: &str, country: Option<&str>) -> Address {
        Address {
            lines: lines.iter().map(|s| s.to_string()).collect(),
            postal_code: Some(pc.into()),
            city: Some(city.into()),
            country: country.map(Into::into),
        }
    }

    #[test]
    fn cost_centre_is_eight_letters_or_digits() {
        assert!(check_cost_center("KST4711").is_ok());
        assert!(check_cost_center("12345678").is_ok());
        for bad in ["123456789", "KST-1", "K 1", "Kß1"] {
            assert!(check_cost_center(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_is_at_most_80() {
        assert!(check_reference(&"x".repeat(80)).is_ok());
        assert!(check_reference(&"x".repeat(81)).is_err());
    }

    #[test]
    fn registered_letters_stay_in_germany() {
        let o = SendOptions { registered: RegisteredLetter::Einschreiben, ..Default::default() };
        let home = addr(&["A", "B"], "53113", "Bonn", None);
        let abroad = addr(&["A", "B"], "1010", "Wien", Some("AT"));
        assert!(check_options_for(&o, Some(&home), "a.pdf").is_ok());
        assert!(check_options_for(&o, Some(&addr(&["A"], "53113", "Bonn", Some("DE"))), "a.pdf").is_ok());
        let e = check_options_for(&o, Some(&abroad), "a.pdf").unwrap_err();
        assert!(matches!(e, CoreError::Rule { code: "options_registered_abroad", .. }));
        assert!(check_options_for(&SendOptions::default(), Some(&abroad), "a.pdf").is_ok());
    }

    #[test]
    fn address_rules_and_normal_form() {
        let a = addr(&["Erika Mustermann", "Musterstraße 1", "53113 Bonn"], "53113", "Bonn", None);
        assert!(check_address(&a).is_ok());
        assert_eq!(name_lines(&a), vec!["Erika Mustermann", "Musterstraße 1"]);
        assert!(check_address(&addr(&["A"], "5311", "Bonn", None)).is_err());
        assert!(check_address(&addr(&[], "53113", "Bonn", None)).is_err());
        assert!(check_address(&addr(&["A", "B", "C", "D", "E"], "1010", "Wien", Some("AT"))).is_err());
        assert!(check_address(&addr(&["A", "B", "C", "D", "E"], "53113", "Bonn", None)).is_ok());
        let n = normalize_address(&addr(&["Max", "Ring 1"], "1010", "Wien", Some("at")));
        assert_eq!(n.lines, vec!["Max", "Ring 1", "1010 Wien", "ÖSTERREICH"]);
        assert_eq!(n.country.as_deref(), Some("AT"));
        assert_eq!(name_lines(&n), vec!["Max", "Ring 1"]);
    }
}
