//! Splitting a merged PDF on the desk: a draft becomes one draft per letter, each
//! pointing at its page range of the original file (kept once, never copied per
//! letter until it is sent: then its outbox copy holds only its pages).
//!
//! The duplicate guard's SHA-256 of a split letter (`Letter::sha256`) is
//! `postdesk_pdf::split::range_key(<the file's SHA-256>, <range>)`: the same pages of
//! the same file are the same letter, other pages another. The outbox copy is made
//! by pdfium and not byte-for-byte reproducible, so its own SHA-256 is kept apart
//! (`LetterRow::copy_sha256`) for the check before each attempt.

use std::path::{Path, PathBuf};

use postdesk_pdf::split::{check_ranges, range_key, SplitRuleError};

use crate::app::Postdesk;
use crate::error::{CoreError, RuleCode};
use crate::model::{ErrorParams, Letter, LetterState, PageRange, SplitPlan, SplitRule};
use crate::store::NewLetter;

/// The refusal for a rule that cannot be used.
pub fn rule_error(e: &SplitRuleError) -> CoreError {
    match e {
        SplitRuleError::Unknown(_) => CoreError::rule(RuleCode::SplitRuleInvalid, e.to_string()),
        SplitRuleError::PagesOutOfRange(_) => CoreError::rule_with(
            RuleCode::SplitPagesRange,
            e.to_string(),
            ErrorParams { max: Some(postdesk_pdf::split::MAX_PAGES_PER_LETTER), ..Default::default() },
        ),
        SplitRuleError::Pattern(_) => CoreError::rule(RuleCode::SplitPatternInvalid, e.to_string()),
    }
}

fn join(e: tokio::task::JoinError) -> CoreError {
    CoreError::Invalid(format!("internal task failed: {e}"))
}

impl Postdesk {
    /// A draft of the whole file, or the refusal `split_not_a_draft`.
    fn splittable(&self, id: i64) -> Result<Letter, CoreError> {
        let l = self.store().letter(id)?;
        if l.state != LetterState::Draft || l.split_from.is_some() {
            return Err(CoreError::rule_with(
                RuleCode::SplitNotADraft,
                format!("“{}” can't be split: only a letter on the desk that was not split already can.", l.file_name),
                ErrorParams { file: Some(l.file_name.clone()), ..Default::default() },
            ));
        }
        Ok(l)
    }

    /// Where `rule` would cut the draft's file into letters (nothing is changed).
    /// The address is read in the provider's page-1 address window of every page.
    pub async fn split_preview(&self, draft_id: i64, rule: SplitRule) -> Result<SplitPlan, CoreError> {
        let l = self.splittable(draft_id)?;
        rule.validate().map_err(|e| rule_error(&e))?;
        // The letter's own page 1 carries the address: the rules without a cover letter.
        let rules = postdesk_pdf::rules::for_provider(self.store().account(l.account_id)?.provider);
        let pdf = self.inner.pdf.clone();
        let path = PathBuf::from(&l.path);
        Ok(tokio::task::spawn_blocking(move || pdf.split(&path, &rules, &rule)).await.map_err(join)??)
    }

    /// Splits the draft into one draft per range, each preflighted as a letter of
    /// its own (one open of the file for all), with the draft's options. The new
    /// drafts replace the draft in one transaction. The ranges must cover every
    /// page once, in order (`split_ranges_invalid`).
    pub async fn split_draft(&self, draft_id: i64, ranges: Vec<PageRange>) -> Result<Vec<Letter>, CoreError> {
        let l = self.splittable(draft_id)?;
        check_ranges(&ranges, l.pages).map_err(|e| {
            CoreError::rule_with(
                RuleCode::SplitRangesInvalid,
                format!("“{}” can't be split like this: {e}.", l.file_name),
                ErrorParams { file: Some(l.file_name.clone()), ..Default::default() },
            )
        })?;
        let account = self.store().account(l.account_id)?;
        let rules = postdesk_pdf::rules::for_provider(account.provider).for_options(l.options.cover_letter);
        let pdf = self.inner.pdf.clone();
        let path = PathBuf::from(&l.path);
        let list = ranges.clone();
        let pfs = tokio::task::spawn_blocking(move || pdf.preflight_ranges(&path, &rules, &list)).await.map_err(join)??;
        // Each range's key is made from the file's hash as read now: a file changed
        // since it was checked shows here.
        if pfs.iter().zip(&ranges).any(|(pf, r)| pf.sha256 != range_key(&l.sha256, *r)) {
            return Err(crate::app::changed_since_check(Path::new(&l.path)));
        }
        let claim = crate::outbox::claim(self);
        // A hot folder's letter stays its file's: the take finishes with all parts.
        let hot_file = self.store().letter_row(draft_id)?.hot_file_id.zip(l.source_folder.clone());
        let parts: Vec<NewLetter> = pfs
            .into_iter()
            .zip(&ranges)
            .map(|(preflight, r)| NewLetter {
                company_id: l.company_id,
                account_id: l.account_id,
                file_name: l.file_name.clone(),
                path: l.path.clone(),
                preflight,
                options: l.options.clone(),
                origin: self.inner.origin.as_str(),
                claim: claim.clone(),
                split_from: Some(*r),
                hot_file: hot_file.clone(),
            })
            .collect();
        let letters = self.store().replace_draft(draft_id, &parts)?;
        self.inner.events.drafts_changed(l.company_id);
        Ok(letters)
    }

    /// The outbox copy of a split letter at `archive`: its pages of the original,
    /// extracted by pdfium (to a temporary name, synced, renamed). A copy already
    /// there (the same pages of the same file sent before) is kept. Returns the
    /// copy's SHA-256. A source that is no longer the file checked is
    /// `letter_changed_since_check`, a full disk `DiskFull`.
    pub(crate) fn ensure_split_copy(&self, l: &Letter, range: PageRange, archive: &Path) -> Result<String, CoreError> {
        if let Some(sha) = archive.exists().then(|| crate::app::file_sha256(archive)).flatten() {
            return Ok(sha);
        }
        let tmp = crate::outbox::temp_path(archive);
        let source = Path::new(&l.path);
        let extracted = self.inner.pdf.extract_pages(source, range, &tmp);
        let (sha, source_sha) = match extracted {
            Ok(x) => x,
            Err(postdesk_pdf::PdfError::Io { source: e, .. }) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(CoreError::file(archive, e));
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e.into());
            }
        };
        if range_key(&source_sha, range) != l.sha256 {
            let _ = std::fs::remove_file(&tmp);
            return Err(crate::app::changed_since_check(source));
        }
        let done = crate::paths::set_private(&tmp)
            .and_then(|_| std::fs::File::open(&tmp).and_then(|f| f.sync_all()))
            .and_then(|_| std::fs::rename(&tmp, archive));
        done.map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            CoreError::file(archive, e)
        })?;
        Ok(sha)
    }
}
