//! The checks of a new envelope, with the reference's codes.

use super::reply::{Fail, Result};
use postdesk_providers::ekopost::codes;
use postdesk_providers::ekopost::rek::{check_rek_address, RekProblem, REK_LINE_MAX};
use postdesk_providers::ekopost::wire::{Address, EnvelopeRequest, Plex, Postage, PostalAddress};

/// ISO 3166-1 alpha-2, officially assigned codes.
const ISO_COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS \
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK \
FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM \
JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS \
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM \
US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

pub fn is_country_code(code: &str) -> bool {
    let code = code.trim().to_ascii_uppercase();
    code.len() == 2 && ISO_COUNTRIES.split_ascii_whitespace().any(|c| c == code)
}

/// Postage, plex and address of a new envelope (the duplicate check needs the
/// state and is done by the caller).
pub fn check_envelope(req: &EnvelopeRequest) -> Result<()> {
    let postage = req.postage.clone().unwrap_or(Postage::Priority);
    if let Postage::Other(p) = &postage {
        return Err(Fail::bad(
            codes::INVALID_DATA,
            format!("unknown postage `{p}`"),
        ));
    }
    if let Some(Plex::Other(p)) = &req.plex {
        return Err(Fail::bad(
            codes::INVALID_DATA,
            format!("unknown plex `{p}`"),
        ));
    }
    if postage == Postage::Protected {
        return Err(Fail::bad(
            codes::NO_PROTECTED_SETUP,
            "the sandbox account has no protected mailing",
        ));
    }
    match &req.address {
        // The address is read from the document; CHOICE: the simulator does
        // not read PDFs and takes it as found (105 is never answered).
        None if postage == Postage::Rek => Err(Fail::bad(
            codes::ADDRESS_VALIDATION,
            "a registered letter needs a postal address object",
        )),
        None => Ok(()),
        Some(Address::Postal(p)) => check_postal(p, postage == Postage::Rek),
        Some(Address::Email(e)) => {
            if e.recipient.trim().is_empty() {
                Err(Fail::bad(
                    codes::MISSING_EMAIL,
                    "email address object without recipient",
                ))
            } else if !is_email(&e.recipient) {
                Err(Fail::bad(codes::BAD_EMAIL, format!("`{}`", e.recipient)))
            } else {
                Ok(())
            }
        }
        Some(Address::Protected(_)) => Err(Fail::bad(
            codes::NO_PROTECTED_SETUP,
            "the sandbox account has no protected mailing",
        )),
        Some(Address::Other(_)) => Err(Fail::bad(codes::INVALID_DATA, "unknown address `$type`")),
        // CHOICE: the digital channels need a contract the sandbox customer lacks.
        Some(other) => Err(Fail::bad(
            codes::INVALID_CONTRACT_DETAILS,
            format!(
                "no contract for address type `{}` on the sandbox account",
                other.type_name().unwrap_or("?")
            ),
        )),
    }
}

fn check_postal(p: &PostalAddress, registered: bool) -> Result<()> {
    if p.name.iter().all(|l| l.trim().is_empty()) {
        return Err(Fail::bad(
            codes::MISSING_RECIPIENT,
            "postal address without name",
        ));
    }
    // CHOICE: no country means the account's country (SE).
    if !p.country.trim().is_empty() && !is_country_code(&p.country) {
        return Err(Fail::bad(codes::COUNTRY, format!("`{}`", p.country)));
    }
    if registered {
        if let Some(problem) = check_rek_address(p).first() {
            // Worded as the reference's example of a 135 detail.
            let detail = match problem {
                RekProblem::NameTooLong { .. } => {
                    format!("Name too long (max {REK_LINE_MAX} characters)")
                }
                RekProblem::StreetTooLong { .. } => {
                    format!("Street too long (max {REK_LINE_MAX} characters)")
                }
                RekProblem::PostalCode { .. } => "Postal code must be five digits".to_owned(),
            };
            return Err(Fail::bad(codes::ADDRESS_VALIDATION, detail));
        }
    }
    Ok(())
}

fn is_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || "<>(),;:\"[]\\".contains(c))
                && !domain.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_emails() {
        assert!(
            is_country_code("SE")
                && is_country_code("no")
                && !is_country_code("XX")
                && !is_country_code("SWE")
        );
        assert_eq!(ISO_COUNTRIES.split_ascii_whitespace().count(), 249);
        assert!(
            is_email("anna@example.se")
                && !is_email("anna@")
                && !is_email("an na@example.se")
                && !is_email("a@b@c.se")
        );
    }
}
