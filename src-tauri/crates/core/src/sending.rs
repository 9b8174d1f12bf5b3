//! What the pre-send dialog changes on a letter (options, corrected address, cost
//! centre, reference), the per-letter rules the provider documents, and the two
//! files a sent letter can have: the archived PDF and the test result.
use std::path::PathBuf;

use postdesk_providers::{ErrorKind, OutgoingLetter, Recipient, TestMode};

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::*;
use crate::store::{AccountRow, LetterRow};

fn rule(code: RuleCode, message: impl Into<String>) -> CoreError {
    CoreError::rule(code, message)
}

/// A rule's refusal that names a limit (`params.max`).
fn rule_max(code: RuleCode, max: u32, message: impl Into<String>) -> CoreError {
    CoreError::rule_with(code, message, ErrorParams { max: Some(max), ..Default::default() })
}

/// The home country of the provider, or no country at all, is domestic
/// (country is ISO 3166-1 alpha-2).
pub fn is_domestic(d: &ProviderDescription, country: Option<&str>) -> bool {
    country.map(str::trim).is_none_or(|c| c.is_empty() || c.eq_ignore_ascii_case(&d.home_country))
}

/// The cost centre within the provider's limit (`ProviderDescription::cost_center`).
pub fn check_cost_center(d: &ProviderDescription, cc: &str) -> Result<(), CoreError> {
    let Some(limit) = d.cost_center else {
        return Err(rule(RuleCode::CostCenterUnsupported, "This provider takes no cost centre."));
    };
    let n = cc.chars().count() as u32;
    if n > limit.max || (d.cost_center_alphanumeric && !cc.chars().all(|c| c.is_ascii_alphanumeric())) {
        return Err(rule_max(
            RuleCode::CostCenterFormat,
            limit.max,
            format!(
                "The cost centre may have at most {} letters and digits (A–Z, a–z, 0–9), without spaces or other characters.",
                limit.max
            ),
        ));
    }
    Ok(())
}

pub fn check_reference(d: &ProviderDescription, r: &str) -> Result<(), CoreError> {
    let max = d.reference.map(|l| l.max).unwrap_or(0);
    if r.chars().count() as u32 > max {
        return Err(rule_max(RuleCode::ReferenceLength, max, format!("The reference may have at most {max} characters.")));
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

/// The provider can take a letter at all with this account's access (Posti's
/// OmaPosti Pro key reaches its shipping API, not letter printing): refused
/// before anything is queued, copied or spent.
pub fn check_prints_letters(d: &ProviderDescription) -> Result<(), CoreError> {
    if d.prints_letters {
        return Ok(());
    }
    Err(rule(
        RuleCode::ProviderPrintsNoLetters,
        format!(
            "{} does not print letters with this company's access: the key reaches {}'s shipping API (orders for its agreements), not letter printing. Nothing was sent or charged. Choose a company that sends through a letter provider.",
            d.name, d.name
        ),
    ))
}

/// The account's own setup is complete enough to queue a letter (EasyPost: a
/// workflow picked): refused before anything is queued or spent.
pub fn check_account_ready(settings: &crate::model::ProviderSettings) -> Result<(), CoreError> {
    match settings.missing_for_sending() {
        None => Ok(()),
        Some(code) => Err(rule(code, "Pick the workflow letters go out on in Setup (after “Test connection”) before sending.")),
    }
}

/// Options the provider offers, in a combination it takes, for this recipient.
pub fn check_options(d: &ProviderDescription, o: &SendOptions) -> Result<(), CoreError> {
    if o.registered != RegisteredLetter::None && !d.registered.contains(&o.registered) {
        return Err(rule(RuleCode::OptionsRegisteredKind, "This provider does not offer this kind of registered letter."));
    }
    if o.duplex && o.registered != RegisteredLetter::None && !d.registered_with_duplex {
        return Err(rule(
            RuleCode::OptionsDuplexRegistered,
            "Duplex and registered letter cannot be combined: this provider prints registered letters single-sided. Turn off duplex or choose no registered letter.",
        ));
    }
    if o.postage != Postage::Standard && !d.postage.contains(&o.postage) {
        return Err(rule(RuleCode::OptionsPostage, "This provider does not offer this postage."));
    }
    if !d.channels.contains(&o.channel) {
        return Err(rule(RuleCode::OptionsChannel, "This provider does not deliver this way."));
    }
    Ok(())
}

/// `check_options`, and registered letters only where the provider takes them
/// (`registered_domestic_only`).
pub fn check_options_for(d: &ProviderDescription, o: &SendOptions, recipient: Option<&Address>, file_name: &str) -> Result<(), CoreError> {
    check_options(d, o)?;
    let country = recipient.and_then(|a| a.country.as_deref());
    if o.registered != RegisteredLetter::None && d.registered_domestic_only && !is_domestic(d, country) {
        return Err(rule(
            RuleCode::OptionsRegisteredAbroad,
            format!(
                "“{file_name}” goes abroad ({}), but registered letters can only be sent within {}. Choose no registered letter for it.",
                country.unwrap_or_default(),
                country_name(&d.home_country)
            ),
        ));
    }
    // Registered letters with shorter lines (Ekopost rek: name and street ≤ 35,
    // a five-digit postal code).
    if let (Some(max), Some(a), true) = (d.registered_line_max, recipient, o.registered != RegisteredLetter::None) {
        if name_lines(a).iter().any(|l| l.chars().count() as u32 > max) {
            return Err(rule_max(
                RuleCode::RegisteredLineLength,
                max,
                format!("“{file_name}”: for a registered letter each name and street line may have at most {max} characters."),
            ));
        }
        let digits: String = a.postal_code.as_deref().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
        if digits.chars().count() as u32 != d.domestic_postal_code_digits || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(rule(
                RuleCode::RegisteredPostalCode,
                format!("“{file_name}”: a registered letter needs a postal code of {} digits.", d.domestic_postal_code_digits),
            ));
        }
    }
    Ok(())
}

/// For the core's English messages (the window words codes itself).
fn country_name(iso: &str) -> &str {
    match iso {
        "DE" => "Germany",
        "SE" => "Sweden",
        "BE" => "Belgium",
        "FI" => "Finland",
        other => other,
    }
}

pub fn check_address(d: &ProviderDescription, a: &Address) -> Result<(), CoreError> {
    let lines = name_lines(a);
    let domestic = is_domestic(d, a.country.as_deref());
    let max = if domestic { d.address_lines_domestic } else { d.address_lines_abroad } as usize;
    if lines.is_empty() {
        return Err(rule(RuleCode::AddressMissing, "Enter at least the recipient's name."));
    }
    if lines.len() > max {
        return Err(rule_max(
            RuleCode::AddressTooManyLines,
            max as u32,
            format!("The address may have at most {max} lines above the postal code and town{}.", if domestic { "" } else { " for a letter abroad" }),
        ));
    }
    let line_max = d.address_line.max as usize;
    if lines.iter().any(|l| l.chars().count() > line_max) {
        return Err(rule_max(RuleCode::AddressLineLength, line_max as u32, format!("Each address line may have at most {line_max} characters.")));
    }
    let pc = a.postal_code.as_deref().unwrap_or("").trim();
    let digits = d.domestic_postal_code_digits as usize;
    // Swedish codes are written "123 45": the blank is not a digit.
    let pc_digits: String = pc.chars().filter(|c| !c.is_whitespace()).collect();
    if domestic && !(pc_digits.chars().count() == digits && pc_digits.chars().all(|c| c.is_ascii_digit())) {
        return Err(rule(RuleCode::AddressPostalCode, format!("A postal code in {} has {digits} digits.", country_name(&d.home_country))));
    }
    if pc.chars().count() as u32 > d.postal_code.max {
        return Err(rule(RuleCode::AddressPostalCode, format!("The postal code may have at most {} characters.", d.postal_code.max)));
    }
    let city = a.city.as_deref().unwrap_or("").trim();
    let n = city.chars().count() as u32;
    if n < d.city.min.max(1) || n > d.city.max {
        return Err(rule_max(RuleCode::AddressCity, d.city.max, format!("Enter the town (1 to {} characters).", d.city.max)));
    }
    Ok(())
}

/// The file name the provider sees: unique per letter (some providers require it), only
/// letters, digits, `-` and `_` (no special characters), ≤ 200.
pub fn wire_file_name(original: &str, key: &str) -> String {
    let stem = original.strip_suffix(".pdf").or_else(|| original.strip_suffix(".PDF")).unwrap_or(original);
    let clean: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(150)
        .collect();
    format!("{clean}_{}.pdf", &key[..12.min(key.len())])
}

/// The letter as any provider gets it: recipient, options, test mode as it was
/// when the letter was queued (the job list shows it so), the idempotency key.
pub(crate) fn outgoing(account: &AccountRow, row: &LetterRow) -> Result<OutgoingLetter, CoreError> {
    let l = &row.letter;
    let a = l
        .recipient
        .as_ref()
        .ok_or_else(|| CoreError::Invalid(format!("No recipient address was found in “{}”.", l.file_name)))?;
    Ok(OutgoingLetter {
        idempotency_key: row.idempotency_key.clone().unwrap_or_default(),
        wire_name: row.wire_file_name.clone().unwrap_or_default(),
        file_name: l.file_name.clone(),
        recipient: Recipient {
            name_lines: name_lines(a),
            postal_code: a.postal_code.clone(),
            city: a.city.clone().unwrap_or_default(),
            country: a.country.clone(),
            email: None,
        },
        options: l.options.clone(),
        test: l.test_mode.then(|| TestMode {
            email: account.settings.test_email().map(str::to_string),
            show_restricted_area: account.prefs.show_restricted_area,
        }),
        cost_center: l.cost_center.clone(),
        reference: l.reference.clone(),
    })
}

/// The dialog's address as one address block: name lines, "postal code town",
/// and the country in German capitals when abroad (as the provider wants it).
fn normalize_address(kind: ProviderKind, d: &ProviderDescription, a: &Address) -> Address {
    let country = a.country.as_deref().map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty() && *c != d.home_country);
    let pc = a.postal_code.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let city = a.city.as_deref().map(str::trim).map(str::to_string);
    let mut lines = name_lines(&Address { lines: a.lines.clone(), postal_code: pc.clone(), city: city.clone(), country: country.clone() });
    lines.push(format!("{} {}", pc.clone().unwrap_or_default(), city.clone().unwrap_or_default()).trim().to_string());
    if let Some(c) = &country {
        lines.push(crate::providers::country_line(kind, c));
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
            let kind = store.account(letter.account_id)?.provider;
            let d = crate::providers::describe(kind)?;
            let recipient = match &o.recipient {
                Some(a) => {
                    check_address(&d, a).map_err(|e| with_file(e, &letter.file_name))?;
                    Some(normalize_address(kind, &d, a))
                }
                None => None,
            };
            let cost_center = blank_to_none(&o.cost_center);
            if let Some(cc) = &cost_center {
                check_cost_center(&d, cc).map_err(|e| with_file(e, &letter.file_name))?;
            }
            let reference = blank_to_none(&o.reference);
            if let Some(r) = &reference {
                check_reference(&d, r).map_err(|e| with_file(e, &letter.file_name))?;
            }
            check_options_for(&d, &o.options, recipient.as_ref().or(letter.recipient.as_ref()), &letter.file_name)?;
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
        self.send_with_checked_on(ids, allow_duplicate, overrides, None)
    }

    /// As `send_with_checked`, on a later day (see `send_checked_on`).
    pub fn send_with_checked_on(
        &self,
        ids: &[i64],
        allow_duplicate: bool,
        overrides: &[LetterOverride],
        send_on: Option<&crate::SendOn>,
    ) -> Result<crate::SendReport, CoreError> {
        if let Some(on) = send_on {
            // Refused before the overrides are stored.
            crate::app::check_send_on(on, self.now_ms())?;
        }
        if !overrides.is_empty() {
            self.set_overrides(overrides)?;
        }
        self.send_checked_on(ids, allow_duplicate, send_on)
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
            let path = PathBuf::from(&l.path);
            let pf = match l.split_from {
                // A split letter: its pages only (its key stays the range's).
                Some(r) => self.inner.pdf.preflight_ranges(&path, &rules, &[r])?.remove(0),
                None => self.inner.pdf.preflight(&path, &rules)?,
            };
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
                RuleCode::ArchiveNotKept,
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

    /// Cancels a letter the provider already has, where the provider allows it
    /// (Ekopost: until the envelope is passed on for printing). The provider
    /// decides: a letter it no longer lets go of stays as it is.
    /// A scheduled letter never left us: it is cancelled here and never sent
    /// (also when its day came meanwhile, as long as no attempt has begun).
    pub async fn cancel_letter(&self, id: i64) -> Result<Letter, CoreError> {
        let row = self.store().letter_row(id)?;
        let l = &row.letter;
        if l.state == LetterState::Scheduled {
            if !self.store().cancel_unsent(id, "cancelled by the clerk before sending")? {
                // Its attempt began meanwhile (or an earlier one may have reached the provider).
                return Err(rule(RuleCode::CancelNotWithProvider, "Only a letter the provider has and has not posted yet can be cancelled there."));
            }
            let l = self.store().letter(id)?;
            self.letter_changed(&l);
            return Ok(l);
        }
        let provider_id = l.provider_id.clone().filter(|_| l.state.is_with_provider()).ok_or_else(|| {
            rule(RuleCode::CancelNotWithProvider, "Only a letter the provider has and has not posted yet can be cancelled there.")
        })?;
        let account = self.store().account(l.account_id)?;
        let provider = self.provider(&account).await?;
        if !provider.describe().can_cancel {
            return Err(rule(RuleCode::CancelNotOffered, "This provider does not let letters be cancelled once it has them."));
        }
        provider.cancel(&provider_id).await.map_err(|e| match e.kind {
            ErrorKind::Rejected => rule(
                RuleCode::CancelTooLate,
                "The provider has already passed the letter on for printing, so it can no longer be cancelled.",
            ),
            _ => CoreError::Provider(e),
        })?;
        let l = self.store().transition(
            id,
            LetterState::Cancelled,
            crate::store::Transition {
                provider_status: Some("cancelled"),
                note: Some("cancelled at the provider by the clerk"),
                ..Default::default()
            },
        )?;
        self.letter_changed(&l);
        Ok(l)
    }

    /// Fetches the provider's test result of a test-mode letter (the processed
    /// PDF, with the restricted areas drawn when asked for) into
    /// `test-results/<letterID>.pdf` in the data folder and returns its path.
    pub async fn fetch_test_result(&self, id: i64) -> Result<PathBuf, CoreError> {
        let row = self.store().letter_row(id)?;
        if !row.letter.test_mode {
            return Err(rule(RuleCode::TestResultNotTest, "This letter was not sent in test mode, so there is no test result."));
        }
        let Some(letter_id) = row.letter.provider_id.clone().filter(|p| !p.is_empty()) else {
            return Err(rule(RuleCode::TestResultNotYet, "The provider has not accepted this letter yet. Wait until it shows “Accepted”, then try again."));
        };
        let account = self.store().account(row.letter.account_id)?;
        let provider = self.provider(&account).await?;
        let pdf = provider.test_result(&letter_id).await.map_err(|e| match (&e.kind, e.http_status) {
            (ErrorKind::Rejected, Some(404)) | (_, Some(404)) => rule(
                RuleCode::TestResultGone,
                "The provider no longer has the test result: it is kept for 48 hours after sending. Send the letter in test mode again to get a new one.",
            ),
            (ErrorKind::Protocol, _) if e.code.as_deref() == Some("test_result_unreadable") => CoreError::Invalid("The provider's test result is not readable (bad base64).".into()),
            _ => CoreError::Provider(e),
        })?;
        if !pdf.starts_with(b"%PDF-") {
            return Err(CoreError::Invalid("The provider's test result is not a PDF.".into()));
        }
        let name = format!("{}.pdf", crate::paths::safe_name_part(&letter_id, usize::MAX));
        crate::paths::save_private(&self.data_dir().join("test-results"), &name, &pdf)
    }
}

/// A rule broken by one letter of a batch names the letter.
fn with_file(e: CoreError, file: &str) -> CoreError {
    match e {
        CoreError::Rule { code, message, mut params } => {
            params.file = Some(file.to_string());
            CoreError::Rule { code, message: format!("“{file}”: {message}"), params }
        }
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

    fn epost() -> ProviderDescription {
        crate::providers::describe(ProviderKind::Epost).unwrap()
    }

    #[test]
    fn cost_centre_is_eight_letters_or_digits() {
        assert!(check_cost_center(&epost(), "KST4711").is_ok());
        assert!(check_cost_center(&epost(), "12345678").is_ok());
        for bad in ["123456789", "KST-1", "K 1", "Kß1"] {
            assert!(check_cost_center(&epost(), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_is_at_most_80() {
        assert!(check_reference(&epost(), &"x".repeat(80)).is_ok());
        assert!(check_reference(&epost(), &"x".repeat(81)).is_err());
    }

    #[test]
    fn registered_letters_stay_in_germany() {
        let o = SendOptions { registered: RegisteredLetter::Einschreiben, ..Default::default() };
        let home = addr(&["A", "B"], "53113", "Bonn", None);
        let abroad = addr(&["A", "B"], "1010", "Wien", Some("AT"));
        assert!(check_options_for(&epost(), &o, Some(&home), "a.pdf").is_ok());
        assert!(check_options_for(&epost(), &o, Some(&addr(&["A"], "53113", "Bonn", Some("DE"))), "a.pdf").is_ok());
        let e = check_options_for(&epost(), &o, Some(&abroad), "a.pdf").unwrap_err();
        assert!(matches!(e, CoreError::Rule { code: RuleCode::OptionsRegisteredAbroad, .. }));
        assert!(check_options_for(&epost(), &SendOptions::default(), Some(&abroad), "a.pdf").is_ok());
    }

    #[test]
    fn ekopost_rek_takes_short_lines_and_five_digit_postal_codes() {
        let d = crate::providers::describe(ProviderKind::Ekopost).unwrap();
        let o = SendOptions { registered: RegisteredLetter::Registered, ..Default::default() };
        let ok = addr(&["Anna Andersson", "Storgatan 1"], "114 55", "Stockholm", None);
        assert!(check_options_for(&d, &o, Some(&ok), "a.pdf").is_ok());
        let long = addr(&["Anna Andersson med ett mycket långt efternamn", "Storgatan 1"], "11455", "Stockholm", None);
        let e = check_options_for(&d, &o, Some(&long), "a.pdf").unwrap_err();
        assert!(matches!(e, CoreError::Rule { code: RuleCode::RegisteredLineLength, .. }));
        let pc = addr(&["Anna", "Storgatan 1"], "1145", "Stockholm", None);
        assert!(matches!(check_options_for(&d, &o, Some(&pc), "a.pdf").unwrap_err(), CoreError::Rule { code: RuleCode::RegisteredPostalCode, .. }));
        // Without rek, the long line is fine; E-POST has no such rule.
        assert!(check_options_for(&d, &SendOptions::default(), Some(&long), "a.pdf").is_ok());
        let ein = SendOptions { registered: RegisteredLetter::Einschreiben, ..Default::default() };
        assert!(check_options_for(&epost(), &ein, Some(&addr(&["Anna Andersson med ett mycket långt efternamn"], "53113", "Bonn", None)), "a.pdf").is_ok());
        // Each provider offers its own kinds of registered letter.
        assert!(matches!(check_options(&d, &ein).unwrap_err(), CoreError::Rule { code: RuleCode::OptionsRegisteredKind, .. }));
    }

    #[test]
    fn address_rules_and_normal_form() {
        let a = addr(&["Erika Mustermann", "Musterstraße 1", "53113 Bonn"], "53113", "Bonn", None);
        assert!(check_address(&epost(), &a).is_ok());
        assert_eq!(name_lines(&a), vec!["Erika Mustermann", "Musterstraße 1"]);
        assert!(check_address(&epost(), &addr(&["A"], "5311", "Bonn", None)).is_err());
        assert!(check_address(&epost(), &addr(&[], "53113", "Bonn", None)).is_err());
        assert!(check_address(&epost(), &addr(&["A", "B", "C", "D", "E"], "1010", "Wien", Some("AT"))).is_err());
        assert!(check_address(&epost(), &addr(&["A", "B", "C", "D", "E"], "53113", "Bonn", None)).is_ok());
        let n = normalize_address(ProviderKind::Epost, &epost(), &addr(&["Max", "Ring 1"], "1010", "Wien", Some("at")));
        assert_eq!(n.lines, vec!["Max", "Ring 1", "1010 Wien", "ÖSTERREICH"]);
        assert_eq!(n.country.as_deref(), Some("AT"));
        assert_eq!(name_lines(&n), vec!["Max", "Ring 1"]);
    }
}
