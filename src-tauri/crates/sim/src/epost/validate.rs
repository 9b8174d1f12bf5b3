//! The checks of `POST /api/Letter`, per `epost.md`. Every failing check of
//! every letter becomes one error object; one bad letter rejects the request.

use crate::reply::{codes, error};
use postdesk_providers::epost::wire::{ApiError, Letter};

const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;
const MAX_COVER_BYTES: usize = 500 * 1024;
const MAX_PAGES: u32 = 94;

/// A letter that passed the field checks, with its decoded PDF.
pub struct Checked {
    pub letter: Letter,
    pub pdf: Vec<u8>,
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// CHOICE: "no special characters" in `fileName` = letters (any script),
/// digits, space and `-_.()+,&`; path and shell characters are refused.
fn file_name_ok(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphanumeric() || " -_.()+,&".contains(c))
}

pub fn check(letter: Letter) -> Result<Checked, Vec<ApiError>> {
    let mut errs = Vec::new();
    let name = letter.file_name.clone();
    let mut fail = |code: &str, what: String| errs.push(error(code, format!("{name}: {what}")));

    if !(5..=200).contains(&len(&letter.file_name)) {
        fail(
            codes::FILE_NAME_LENGTH,
            "fileName must be 5 to 200 characters".into(),
        );
    } else if !file_name_ok(&letter.file_name) {
        fail(
            codes::FILE_NAME_CHARS,
            "fileName contains special characters".into(),
        );
    }
    if !(1..=80).contains(&len(letter.address_line1.trim())) {
        fail(
            codes::ADDRESS_LINE1,
            "addressLine1 must be 1 to 80 characters".into(),
        );
    }
    for (i, line) in letter.address_lines().iter().enumerate().skip(1) {
        if line.is_some_and(|l| len(l) > 80) {
            fail(
                codes::ADDRESS_LINES,
                format!("addressLine{} must be at most 80 characters", i + 1),
            );
        }
    }
    if letter
        .address_line5
        .as_deref()
        .is_some_and(|l| !l.is_empty())
        && !letter.is_domestic()
    {
        fail(
            codes::ADDRESS_LINE5_ABROAD,
            "addressLine5 is only allowed for domestic letters".into(),
        );
    }
    // Three blanks are the documented zipCode for foreign places without one.
    if !(3..=20).contains(&len(&letter.zip_code))
        || (letter.zip_code.trim().is_empty() && letter.is_domestic())
    {
        fail(codes::ZIP_CODE, "zipCode must be 3 to 20 characters".into());
    }
    if !(1..=80).contains(&len(letter.city.trim())) {
        fail(codes::CITY, "city must be 1 to 80 characters".into());
    }
    let limits: [(&str, Option<&String>, usize); 13] = [
        ("testEMail", letter.test_email.as_ref(), 100),
        ("senderAdressLine1", letter.sender_adress_line1.as_ref(), 80),
        ("senderStreet", letter.sender_street.as_ref(), 80),
        ("senderZipCode", letter.sender_zip_code.as_ref(), 20),
        ("senderCity", letter.sender_city.as_ref(), 80),
        (
            "senderAdressLineComplete",
            letter.sender_adress_line_complete.as_ref(),
            200,
        ),
        ("custom1", letter.custom1.as_ref(), 80),
        ("custom2", letter.custom2.as_ref(), 80),
        ("custom3", letter.custom3.as_ref(), 80),
        ("custom4", letter.custom4.as_ref(), 80),
        ("custom5", letter.custom5.as_ref(), 80),
        (
            "vendorSystemInformation",
            letter.vendor_system_information.as_ref(),
            120,
        ),
        ("country", letter.country.as_ref(), 80),
    ];
    for (field, value, max) in limits {
        if value.is_some_and(|v| len(v) > max) {
            fail(
                codes::FIELD_LENGTH,
                format!("{field} must be at most {max} characters"),
            );
        }
    }
    let has_sender_parts = [
        &letter.sender_adress_line1,
        &letter.sender_street,
        &letter.sender_zip_code,
        &letter.sender_city,
    ]
    .iter()
    .any(|f| f.is_some());
    if has_sender_parts && letter.sender_adress_line_complete.is_some() {
        fail(
            codes::SENDER_TWICE,
            "use either the sender fields or senderAdressLineComplete".into(),
        );
    }
    if let Some(cc) = &letter.cost_center {
        if len(cc) > 8 || !cc.chars().all(|c| c.is_ascii_alphanumeric()) {
            fail(
                codes::COST_CENTER,
                "costCenter must be at most 8 characters [0-9a-zA-Z]".into(),
            );
        }
    }
    if letter.registered_letter.is_some() {
        if letter.is_duplex == Some(true) {
            fail(
                codes::DUPLEX_REGISTERED,
                "isDuplex and registeredLetter cannot be combined".into(),
            );
        }
        if !letter.is_domestic() {
            fail(
                codes::REGISTERED_ABROAD,
                "registered letters are domestic only".into(),
            );
        }
    }
    if let Some(cover) = &letter.cover_data {
        match cover.decode() {
            Ok(bytes) if bytes.len() <= MAX_COVER_BYTES => {}
            Ok(_) => fail(codes::COVER_DATA, "coverData must be at most 500 kB".into()),
            Err(_) => fail(codes::COVER_DATA, "coverData is not base64".into()),
        }
    }
    let pdf = match letter.data.decode() {
        Ok(pdf) if pdf.len() > MAX_PDF_BYTES => {
            fail(codes::TOO_LARGE, "data must be at most 20 MB".into());
            None
        }
        Ok(pdf) if !pdf.starts_with(b"%PDF-") => {
            fail(codes::NOT_PDF, "data is not a PDF".into());
            None
        }
        Ok(pdf) if count_pages(&pdf).is_some_and(|n| n > MAX_PAGES) => {
            fail(codes::TOO_MANY_PAGES, format!("at most {MAX_PAGES} pages"));
            None
        }
        Ok(pdf) => Some(pdf),
        Err(_) => {
            fail(codes::NOT_BASE64, "data is not base64".into());
            None
        }
    };
    match pdf {
        Some(pdf) if errs.is_empty() => Ok(Checked { letter, pdf }),
        _ => Err(errs),
    }
}

/// Pages of a PDF by counting `/Type /Page` objects: cheap, and right for
/// PDFs without compressed object streams; `None` when nothing was found
/// (then the page limit is not checked).
pub fn count_pages(pdf: &[u8]) -> Option<u32> {
    let mut count = 0u32;
    let mut rest = pdf;
    while let Some(i) = find(rest, b"/Type") {
        rest = &rest[i + 5..];
        let trimmed = trim_start(rest);
        if let Some(after) = trimmed.strip_prefix(b"/Page".as_slice()) {
            if !after.first().is_some_and(|c| c.is_ascii_alphanumeric()) {
                count += 1;
            }
        }
    }
    (count > 0).then_some(count)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::count_pages;

    #[test]
    fn counts_page_objects() {
        let pdf =
            b"%PDF-1.4 << /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 2 0 R>>";
        assert_eq!(count_pages(pdf), Some(2));
        assert_eq!(count_pages(b"%PDF-1.7 compressed"), None);
    }
}
