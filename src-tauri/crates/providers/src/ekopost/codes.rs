//! Ekopost's `error_code` values with the reference's own message, as data:
//! the simulator answers with them and the window words them by code (i18n);
//! the code itself stays visible to the clerk.

/// Every code the reference lists, with its message (spelling as there, fixed typos).
pub const ERROR_CODES: &[(&str, &str)] = &[
    (AUTH, "Invalid basic authentication token."),
    (NO_DOCUMENT, "The envelope must contain at least one (1) document before being closed."),
    (NO_MARKUP, "The envelope must contain at least one (1) markup before being closed."),
    (NO_ENVELOPE, "A campaign must contain at least one (1) envelope before being closed."),
    (ENVELOPES_OPEN, "All envelopes inside a campaign must be closed before closing the campaign."),
    (ONE_DOCUMENT, "An envelope may only contain one (1) document."),
    (DOCUMENT_MIME, "An envelope may only contain content with mime of 'application/pdf'."),
    ("105", "Could not extract or identify a postal address in the envelopes main documents."),
    (CAMPAIGN_NOT_FOUND, "Campaign was not found."),
    (NO_PAGES, "Could not open the main document content or find any pages."),
    (ATTACHMENT_MIME, "An envelope may only contain content of type 'attachment' with mime set to 'application/pdf'."),
    (MARKUP_MIME, "An envelope may only contain content of type 'markup' with mime set to 'application/xml'."),
    (ONE_MARKUP, "An envelope may only contain one (1) markup."),
    (ENVELOPE_NOT_FOUND, "Envelope was not found."),
    (COUNTRY, "Specified country is not a valid ISO 3166-1 encoded alpha-2 code."),
    ("113", "You have exceeded your credit limit for the month, please contact our customer service to adjust your credit limit."),
    ("114", "The searchparams is null."),
    (SEARCH_PARAMS, "The searchparams is invalid."),
    (TIMESPAN, "The timespan is invalid."),
    (DOCUMENT_SIZE, "The document size is invalid."),
    (ATTACHMENT_SIZE, "The attachment size is invalid."),
    (MISSING_RECIPIENT, "Missing recipient."),
    (MISSING_EMAIL, "Missing email"),
    (CAMPAIGN_CLOSED, "Can not create more envelopes in campaign"),
    ("122", "One signer needed"),
    (BAD_EMAIL, "Email address contains invalid characters."),
    ("124", "FUI-number is not registrered"),
    ("125", "No applicants registrered for this FUI"),
    (NOT_UNIQUE, "Not unique"),
    (INVALID_DATA, "Invalid data"),
    ("128", "Wrong mime for sms. Mime should be 'text/plain'"),
    (EMPTY_DATA, "Empty data field"),
    ("130", "Sms text message not encoded into base64"),
    ("131", "Sms recipients contains invalid phone number."),
    ("132", "Sms does not contain any recipients"),
    ("133", "Sms \"FromName\" is null or empty."),
    ("134", "Sms too many recipients (100 000 is the max limit)"),
    (ADDRESS_VALIDATION, "Address validation error, error contains more details such as \"Name too long (max 35 characters)\""),
    (INVALID_CONTRACT_DETAILS, "Invalid contract, error contains more details."),
    ("137", "Document content not found on the specified envelope"),
    ("138", "Recipient can not be the same as the issuer"),
    ("139", "Recipient must have a valid valuer"),
    (NO_PROTECTED_SETUP, "No setup for protected mailing, contact hejsan@ekopost.se to get started with protected mailing."),
    ("141", "Invalid contract"),
    ("142", "Reply mail template missing"),
    (BIG_DOCUMENTS_PER_DAY, "More than 50 documents over 8Mb sent current day"),
];

pub const AUTH: &str = "0";
pub const NO_DOCUMENT: &str = "100A";
pub const NO_MARKUP: &str = "100B";
pub const NO_ENVELOPE: &str = "101";
pub const ENVELOPES_OPEN: &str = "102";
pub const ONE_DOCUMENT: &str = "103";
pub const DOCUMENT_MIME: &str = "104";
pub const CAMPAIGN_NOT_FOUND: &str = "106";
pub const NO_PAGES: &str = "107";
pub const ATTACHMENT_MIME: &str = "108";
pub const MARKUP_MIME: &str = "109";
pub const ONE_MARKUP: &str = "110";
pub const ENVELOPE_NOT_FOUND: &str = "111";
pub const COUNTRY: &str = "112";
pub const SEARCH_PARAMS: &str = "115";
pub const TIMESPAN: &str = "116";
pub const DOCUMENT_SIZE: &str = "117";
pub const ATTACHMENT_SIZE: &str = "118";
pub const MISSING_RECIPIENT: &str = "119";
pub const MISSING_EMAIL: &str = "120";
pub const CAMPAIGN_CLOSED: &str = "121";
pub const BAD_EMAIL: &str = "123";
pub const NOT_UNIQUE: &str = "126";
pub const INVALID_DATA: &str = "127";
pub const EMPTY_DATA: &str = "129";
pub const ADDRESS_VALIDATION: &str = "135";
pub const INVALID_CONTRACT_DETAILS: &str = "136";
pub const NO_PROTECTED_SETUP: &str = "140";
pub const BIG_DOCUMENTS_PER_DAY: &str = "143";

/// The reference's message for `code`.
pub fn message(code: &str) -> Option<&'static str> {
    ERROR_CODES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_code_once() {
        assert_eq!(ERROR_CODES.len(), 46); // 0, 100A, 100B, 101 … 143
        for (i, (code, _)) in ERROR_CODES.iter().enumerate() {
            assert!(
                !ERROR_CODES[i + 1..].iter().any(|(c, _)| c == code),
                "{code} twice"
            );
        }
        for n in 101..=143 {
            assert!(message(&n.to_string()).is_some(), "{n}");
        }
        assert_eq!(message("100a"), message(NO_DOCUMENT));
        assert!(message("999").is_none());
    }
}
