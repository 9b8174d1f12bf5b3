//! Rules of registered letters (postage `rek`): each `name` and `street` line
//! at most 35 characters, the postal code five digits (blanks allowed). Core
//! checks them before queueing; `submit` checks them again before any call.

use super::mapping::postal_address;
use super::wire::PostalAddress;
use crate::provider::Recipient;
use std::fmt;

/// Longest `name` / `street` line of a registered letter (characters).
pub const REK_LINE_MAX: usize = 35;
/// Digits of a registered letter's postal code.
pub const REK_POSTAL_CODE_DIGITS: usize = 5;

/// One broken rule; `line` counts from 1 within `name` or `street`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RekProblem {
    NameTooLong { line: usize, chars: usize },
    StreetTooLong { line: usize, chars: usize },
    PostalCode { value: String },
}

impl RekProblem {
    /// A stable code for the window's wording.
    pub fn code(&self) -> &'static str {
        match self {
            RekProblem::NameTooLong { .. } => "rek_name_too_long",
            RekProblem::StreetTooLong { .. } => "rek_street_too_long",
            RekProblem::PostalCode { .. } => "rek_postal_code",
        }
    }
}

impl fmt::Display for RekProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RekProblem::NameTooLong { line, chars } => {
                write!(f, "name line {line} has {chars} characters (max {REK_LINE_MAX} for registered mail)")
            }
            RekProblem::StreetTooLong { line, chars } => {
                write!(f, "street line {line} has {chars} characters (max {REK_LINE_MAX} for registered mail)")
            }
            RekProblem::PostalCode { value } => {
                write!(f, "postal code `{value}` is not {REK_POSTAL_CODE_DIGITS} digits (registered mail)")
            }
        }
    }
}

/// The problems of a postal address sent as `rek`; empty when it may go.
pub fn check_rek_address(address: &PostalAddress) -> Vec<RekProblem> {
    let too_long = |lines: &[String]| -> Vec<(usize, usize)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim().chars().count()))
            .filter(|(_, n)| *n > REK_LINE_MAX)
            .collect()
    };
    let mut problems: Vec<RekProblem> = too_long(&address.name)
        .into_iter()
        .map(|(line, chars)| RekProblem::NameTooLong { line, chars })
        .collect();
    problems.extend(
        too_long(&address.street)
            .into_iter()
            .map(|(line, chars)| RekProblem::StreetTooLong { line, chars }),
    );
    if !is_rek_postal_code(&address.postal_code) {
        problems.push(RekProblem::PostalCode {
            value: address.postal_code.clone(),
        });
    }
    problems
}

/// The same rules on the neutral recipient, split into name and street lines
/// exactly as `submit` will send them.
pub fn check_registered(recipient: &Recipient) -> Vec<RekProblem> {
    check_rek_address(&postal_address(recipient, "SE", false))
}

/// Five digits, with or without blanks (`123 45`, `12345`).
pub fn is_rek_postal_code(code: &str) -> bool {
    let digits: Vec<char> = code.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == REK_POSTAL_CODE_DIGITS && digits.iter().all(char::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipient(lines: &[&str], postal_code: &str) -> Recipient {
        Recipient {
            name_lines: lines.iter().map(|s| s.to_string()).collect(),
            postal_code: Some(postal_code.into()),
            city: "Stockholm".into(),
            ..Default::default()
        }
    }

    #[test]
    fn rules() {
        assert!(
            check_registered(&recipient(&["Anna Andersson", "Storgatan 1"], "111 22")).is_empty()
        );
        assert!(
            check_registered(&recipient(&["Anna Andersson", "Storgatan 1"], "11122")).is_empty()
        );
        let long = "x".repeat(36);
        let p = check_registered(&recipient(&[&long, "c/o Berg", &long], "1112"));
        assert_eq!(
            p,
            vec![
                RekProblem::NameTooLong { line: 1, chars: 36 },
                RekProblem::StreetTooLong { line: 1, chars: 36 },
                RekProblem::PostalCode {
                    value: "1112".into()
                },
            ]
        );
        // 35 characters, counted as characters (not bytes).
        assert!(check_registered(&recipient(&[&"å".repeat(35), "Gata 1"], "12345")).is_empty());
        assert!(
            !is_rek_postal_code("12 34a")
                && !is_rek_postal_code("123456")
                && is_rek_postal_code(" 123 45 ")
        );
        assert_eq!(p[2].code(), "rek_postal_code");
        assert!(p[0].to_string().contains("max 35"));
    }
}
