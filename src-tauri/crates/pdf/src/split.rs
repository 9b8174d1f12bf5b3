//! Splitting a merged PDF (a mail merge's 300 letters in one file) into letters.
//!
//! A `SplitRule` says where a letter starts; `plan` applies it to what was read of
//! each page (`PageFacts`), so the rules are tested without pdfium. The engine reads
//! the facts on the pdfium thread (`engine::PdfEngine::split`), each page once.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::address::Address;

/// Most pages a `pages:N` letter may have (a bound on what comes from outside).
pub const MAX_PAGES_PER_LETTER: u32 = 1000;
/// Longest pattern accepted, and the compiled regex's size limit.
const MAX_PATTERN_CHARS: usize = 500;
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Where a letter of a merged PDF starts (JSON: `{"by": "address"}`,
/// `{"by": "pages", "pages": 2}`, `{"by": "text", "pattern": "Seite 1 von", "position": "first"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "by", rename_all = "lowercase")]
#[ts(export)]
pub enum SplitRule {
    /// A page whose address window holds a readable address different from the
    /// one before starts a letter; pages without one belong to the letter before.
    Address,
    /// Every `pages` pages (the last letter may be shorter).
    Pages { pages: u32 },
    /// A page whose text matches `pattern` is the first (or last) page of a letter.
    Text { pattern: String, position: TextPosition },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum TextPosition {
    First,
    Last,
}

impl Default for SplitRule {
    fn default() -> Self {
        SplitRule::Address
    }
}

/// A rule that cannot be used, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitRuleError {
    /// Not one of `address`, `pages:N`, `text:REGEX`, `text-last:REGEX`.
    Unknown(String),
    /// `pages` outside 1..=MAX_PAGES_PER_LETTER.
    PagesOutOfRange(u64),
    /// The pattern is empty, too long, or not a regular expression.
    Pattern(String),
}

impl SplitRuleError {
    pub fn code(&self) -> &'static str {
        match self {
            SplitRuleError::Unknown(_) => "split_rule_invalid",
            SplitRuleError::PagesOutOfRange(_) => "split_pages_range",
            SplitRuleError::Pattern(_) => "split_pattern_invalid",
        }
    }
}

impl fmt::Display for SplitRuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplitRuleError::Unknown(s) => write!(f, "“{s}” is not a way to split: use address, pages:N, text:REGEX or text-last:REGEX."),
            SplitRuleError::PagesOutOfRange(n) => write!(f, "{n} pages per letter is not possible: use 1 to {MAX_PAGES_PER_LETTER}."),
            SplitRuleError::Pattern(why) => write!(f, "The text to split at is not usable: {why}"),
        }
    }
}

impl std::error::Error for SplitRuleError {}

impl FromStr for SplitRule {
    type Err = SplitRuleError;

    /// The CLI's spelling: `address`, `pages:N`, `text:REGEX` (first page of each
    /// letter), `text-last:REGEX` (last page).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let rule = if s == "address" {
            SplitRule::Address
        } else if let Some(n) = s.strip_prefix("pages:") {
            let n: u64 = n.trim().parse().map_err(|_| SplitRuleError::Unknown(s.to_string()))?;
            SplitRule::Pages { pages: u32::try_from(n).map_err(|_| SplitRuleError::PagesOutOfRange(n))? }
        } else if let Some(p) = s.strip_prefix("text:") {
            SplitRule::Text { pattern: p.to_string(), position: TextPosition::First }
        } else if let Some(p) = s.strip_prefix("text-last:") {
            SplitRule::Text { pattern: p.to_string(), position: TextPosition::Last }
        } else {
            return Err(SplitRuleError::Unknown(s.to_string()));
        };
        rule.validate()?;
        Ok(rule)
    }
}

impl SplitRule {
    /// Bounds `pages` and compiles the pattern (size-limited).
    pub fn validate(&self) -> Result<(), SplitRuleError> {
        match self {
            SplitRule::Address => Ok(()),
            SplitRule::Pages { pages } if (1..=MAX_PAGES_PER_LETTER).contains(pages) => Ok(()),
            SplitRule::Pages { pages } => Err(SplitRuleError::PagesOutOfRange(*pages as u64)),
            SplitRule::Text { pattern, .. } => compile(pattern).map(|_| ()),
        }
    }
}

fn compile(pattern: &str) -> Result<regex::Regex, SplitRuleError> {
    if pattern.trim().is_empty() {
        return Err(SplitRuleError::Pattern("it is empty".into()));
    }
    if pattern.chars().count() > MAX_PATTERN_CHARS {
        return Err(SplitRuleError::Pattern(format!("it is longer than {MAX_PATTERN_CHARS} characters")));
    }
    regex::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| SplitRuleError::Pattern(e.to_string()))
}

/// Pages of a file that make one letter (`first_page` 0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PageRange {
    pub first_page: u32,
    pub pages: u32,
}

impl PageRange {
    /// One past the last page.
    pub fn end(&self) -> u32 {
        self.first_page.saturating_add(self.pages)
    }
}

/// Where a merged PDF would be cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SplitPlan {
    /// Pages of the whole file.
    pub pages: u32,
    pub letters: Vec<SplitLetter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SplitLetter {
    /// 0-based.
    pub first_page: u32,
    pub pages: u32,
    /// The address read on its first page, when there is one.
    pub address: Option<Address>,
}

impl SplitLetter {
    pub fn range(&self) -> PageRange {
        PageRange { first_page: self.first_page, pages: self.pages }
    }
}

/// What the split rules need of one page.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// The address in the window, when a postal code and town were recognised.
    pub address: Option<Address>,
    /// The page's whole text (only read for the text rule).
    pub text: String,
}

/// The duplicate guard's key of a letter made of `range` of a file whose bytes have
/// the SHA-256 `source_sha256`: the same pages of the same file give the same key,
/// other pages or another file another (hex SHA-256 of "<source>#pages=<first>+<n>").
pub fn range_key(source_sha256: &str, range: PageRange) -> String {
    use sha2::Digest;
    let id = format!("{source_sha256}#pages={}+{}", range.first_page, range.pages);
    hex::encode(sha2::Sha256::digest(id.as_bytes()))
}

/// Why a list of ranges is not a split of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangesError(pub String);

impl fmt::Display for RangesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The ranges cover pages 0..`pages` exactly once, in order, each ≥ 1 page.
pub fn check_ranges(ranges: &[PageRange], pages: u32) -> Result<(), RangesError> {
    if ranges.is_empty() {
        return Err(RangesError("no letters given".into()));
    }
    let mut next = 0u32;
    for (i, r) in ranges.iter().enumerate() {
        if r.pages == 0 {
            return Err(RangesError(format!("letter {} has no pages", i + 1)));
        }
        if r.first_page != next {
            return Err(RangesError(format!(
                "letter {} starts on page {}, expected page {} (letters must follow each other without gaps or overlaps)",
                i + 1,
                r.first_page as u64 + 1,
                next as u64 + 1
            )));
        }
        next = r
            .first_page
            .checked_add(r.pages)
            .filter(|e| *e <= pages)
            .ok_or_else(|| RangesError(format!("letter {} runs past the last page ({pages})", i + 1)))?;
    }
    if next != pages {
        return Err(RangesError(format!("pages {} to {pages} are in no letter", next as u64 + 1)));
    }
    Ok(())
}

/// Normalised for comparing: lines trimmed, whitespace collapsed, case-folded.
fn same_address(a: &Address, b: &Address) -> bool {
    let norm = |a: &Address| -> Vec<String> {
        a.lines.iter().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).filter(|l| !l.is_empty()).collect()
    };
    norm(a) == norm(b)
}

/// Applies `rule` to the facts of each page. The rule must be valid
/// (`SplitRule::validate`); an invalid pattern is an error here too.
pub fn plan(facts: &[PageFacts], rule: &SplitRule) -> Result<SplitPlan, SplitRuleError> {
    rule.validate()?;
    let n = facts.len() as u32;
    // starts[i]: page i begins a letter.
    let mut starts = vec![false; facts.len()];
    if let Some(s) = starts.first_mut() {
        *s = true;
    }
    match rule {
        SplitRule::Address => {
            let mut current: Option<&Address> = None;
            for (i, f) in facts.iter().enumerate() {
                if let Some(a) = &f.address {
                    // Pages before the first address are a letter of their own.
                    if current.map_or(i > 0, |c| !same_address(c, a)) {
                        starts[i] = true;
                    }
                    current = Some(a);
                }
            }
        }
        SplitRule::Pages { pages } => {
            for (i, s) in starts.iter_mut().enumerate() {
                *s |= i as u32 % pages == 0;
            }
        }
        SplitRule::Text { pattern, position } => {
            let re = compile(pattern)?;
            for (i, f) in facts.iter().enumerate() {
                if re.is_match(&f.text) {
                    match position {
                        TextPosition::First => starts[i] = true,
                        TextPosition::Last if i + 1 < facts.len() => starts[i + 1] = true,
                        TextPosition::Last => {}
                    }
                }
            }
        }
    }
    let mut letters: Vec<SplitLetter> = Vec::new();
    for (i, s) in starts.iter().enumerate() {
        if *s {
            letters.push(SplitLetter { first_page: i as u32, pages: 0, address: facts[i].address.clone() });
        }
        if let Some(l) = letters.last_mut() {
            l.pages += 1;
        }
    }
    // A letter's address is its first page's, else the first one found in it (by
    // address, only a letter before the first address, a cover sheet say, has none).
    for l in letters.iter_mut().filter(|l| l.address.is_none()) {
        l.address = facts[l.first_page as usize..l.range().end() as usize].iter().find_map(|f| f.address.clone());
    }
    Ok(SplitPlan { pages: n, letters })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(name: &str) -> Option<Address> {
        Some(Address { lines: vec![name.into(), "53113 Bonn".into()], postal_code: Some("53113".into()), city: Some("Bonn".into()), country: None })
    }

    fn facts(pages: &[Option<&str>]) -> Vec<PageFacts> {
        pages
            .iter()
            .map(|p| PageFacts { address: p.and_then(addr), text: p.map(|n| format!("Seite 1 von {n}")).unwrap_or_else(|| "Seite 2".into()) })
            .collect()
    }

    fn shape(p: &SplitPlan) -> Vec<(u32, u32)> {
        p.letters.iter().map(|l| (l.first_page, l.pages)).collect()
    }

    #[test]
    fn rules_parse_from_the_cli_and_json() {
        assert_eq!("address".parse::<SplitRule>().unwrap(), SplitRule::Address);
        assert_eq!("pages:3".parse::<SplitRule>().unwrap(), SplitRule::Pages { pages: 3 });
        assert_eq!(
            "text:Seite 1 von".parse::<SplitRule>().unwrap(),
            SplitRule::Text { pattern: "Seite 1 von".into(), position: TextPosition::First }
        );
        assert_eq!("text-last:Ende$".parse::<SplitRule>().unwrap(), SplitRule::Text { pattern: "Ende$".into(), position: TextPosition::Last });
        let e = "pages:0".parse::<SplitRule>().unwrap_err();
        assert_eq!(e.code(), "split_pages_range");
        assert_eq!("pages:1001".parse::<SplitRule>().unwrap_err().code(), "split_pages_range");
        assert_eq!("pages:99999999999".parse::<SplitRule>().unwrap_err().code(), "split_pages_range");
        assert_eq!("pages:x".parse::<SplitRule>().unwrap_err().code(), "split_rule_invalid");
        assert_eq!("lines:3".parse::<SplitRule>().unwrap_err().code(), "split_rule_invalid");
        assert_eq!("text:(".parse::<SplitRule>().unwrap_err().code(), "split_pattern_invalid");
        assert_eq!("text:".parse::<SplitRule>().unwrap_err().code(), "split_pattern_invalid");
        // A pattern whose compiled form is huge is refused, not built.
        assert_eq!("text:\\w{1000}\\w{1000}".parse::<SplitRule>().unwrap_err().code(), "split_pattern_invalid");
        let json: SplitRule = serde_json::from_str(r#"{"by":"text","pattern":"x","position":"last"}"#).unwrap();
        assert_eq!(json, SplitRule::Text { pattern: "x".into(), position: TextPosition::Last });
        assert_eq!(serde_json::to_string(&SplitRule::Pages { pages: 2 }).unwrap(), r#"{"by":"pages","pages":2}"#);
        assert_eq!(serde_json::to_string(&SplitRule::Address).unwrap(), r#"{"by":"address"}"#);
    }

    #[test]
    fn by_address_new_address_starts_a_letter_and_pages_without_one_follow() {
        // cover sheet, A, A-cont, B, enclosure, B again (same letter), C written differently-cased as B? no: C
        let f = facts(&[None, Some("Anna"), None, Some("Bert"), None, Some("Bert"), Some("Carl")]);
        let p = plan(&f, &SplitRule::Address).unwrap();
        assert_eq!(p.pages, 7);
        assert_eq!(shape(&p), vec![(0, 1), (1, 2), (3, 3), (6, 1)]);
        assert_eq!(p.letters[0].address, None);
        assert_eq!(p.letters[2].address.as_ref().unwrap().lines[0], "Bert");
    }

    #[test]
    fn by_address_compares_normalised() {
        let mut f = facts(&[Some("Anna Berg"), Some("Anna Berg")]);
        f[1].address.as_mut().unwrap().lines[0] = "  ANNA   berg ".into();
        assert_eq!(shape(&plan(&f, &SplitRule::Address).unwrap()), vec![(0, 2)]);
    }

    #[test]
    fn by_pages_and_by_text_first_and_last() {
        let f = facts(&[Some("A"), None, None, Some("B"), None]);
        assert_eq!(shape(&plan(&f, &SplitRule::Pages { pages: 2 }).unwrap()), vec![(0, 2), (2, 2), (4, 1)]);
        let first = SplitRule::Text { pattern: r"Seite 1 von \w".into(), position: TextPosition::First };
        assert_eq!(shape(&plan(&f, &first).unwrap()), vec![(0, 3), (3, 2)]);
        // "Seite 2" marks the last page of each letter here.
        let last = SplitRule::Text { pattern: "^Seite 2$".into(), position: TextPosition::Last };
        assert_eq!(shape(&plan(&f, &last).unwrap()), vec![(0, 2), (2, 1), (3, 2)]);
        assert!(plan(&[], &SplitRule::Address).unwrap().letters.is_empty());
    }

    #[test]
    fn ranges_must_cover_every_page_once_in_order() {
        let r = |v: &[(u32, u32)]| v.iter().map(|&(first_page, pages)| PageRange { first_page, pages }).collect::<Vec<_>>();
        assert!(check_ranges(&r(&[(0, 2), (2, 3)]), 5).is_ok());
        assert!(check_ranges(&r(&[]), 5).is_err());
        assert!(check_ranges(&r(&[(0, 2), (3, 2)]), 5).is_err(), "a gap");
        assert!(check_ranges(&r(&[(0, 3), (2, 3)]), 5).is_err(), "an overlap");
        assert!(check_ranges(&r(&[(0, 2), (2, 2)]), 5).is_err(), "the last page left out");
        assert!(check_ranges(&r(&[(0, 2), (2, 0), (2, 3)]), 5).is_err(), "an empty letter");
        assert!(check_ranges(&r(&[(0, 6)]), 5).is_err(), "past the end");
        assert!(check_ranges(&r(&[(0, 2), (2, u32::MAX)]), 5).is_err(), "no overflow");
        assert!(check_ranges(&r(&[(2, 3), (0, 2)]), 5).is_err(), "out of order");
    }
}
