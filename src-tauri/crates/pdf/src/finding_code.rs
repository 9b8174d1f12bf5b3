//! What a finding is about, as a code with typed parameters. The window words them
//! in the clerk's language (`ui/src/i18n/<lang>.ts`, `findings.<code>`); the English
//! `Finding::message` stays for logs and the CLI.
//!
//! `finding_codes!` is the one list of codes: it makes the enum, `FindingCode::ALL`
//! and each code's parameter names, which a test writes to
//! `ui/src/bindings/finding-codes.json` for the UI's completeness test.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! finding_codes {
    ($($variant:ident = $code:literal [$($param:ident),*],)*) => {
        /// Stable code of a finding; serialised as the snake_case names stored
        /// preflights already carry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum FindingCode {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl FindingCode {
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $code,)*
                }
            }

            /// The parameters a finding with this code may carry (names of
            /// `FindingParams`' fields, plus `page` for `Finding::page`).
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(FindingCode::$variant => &[$(stringify!($param)),*],)*
                }
            }
        }
    };
}

finding_codes! {
    NotAFile = "not_a_file" [],
    FileUnreadable = "file_unreadable" [detail],
    TooLarge = "too_large" [mb, max_mb],
    NotPdf = "not_pdf" [],
    CheckFailed = "check_failed" [detail],
    CheckTimeout = "check_timeout" [],
    Encrypted = "encrypted" [],
    Corrupt = "corrupt" [page],
    NoPages = "no_pages" [],
    TooManyPages = "too_many_pages" [count, limit],
    InkInZone = "ink_in_zone" [page, zone, more_pages],
    NoText = "no_text" [page],
    CheckIncomplete = "check_incomplete" [],
    ImageHuge = "image_huge" [page, width_px, height_px],
    XfaForm = "xfa_form" [],
    FormFields = "form_fields" [],
    Javascript = "javascript" [],
    JavascriptUnchecked = "javascript_unchecked" [],
    NotA4 = "not_a4" [page, more_pages, w_mm, h_mm, want_w_mm, want_h_mm],
    Landscape = "landscape" [page, more_pages],
    FontsNotEmbedded = "fonts_not_embedded" [fonts],
    BodyAboveLine = "body_above_line" [page, mm, line_mm],
    AddressMissing = "address_missing" [page, zone, x_from_mm, x_to_mm, y_from_mm, y_to_mm],
    AddressUnreadable = "address_unreadable" [page, zone],
    AddressLineTooLong = "address_line_too_long" [page, zone, chars, limit, text],
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for FindingCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for FindingCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A finding's parameters for the window's wording; each code uses the ones
/// `FindingCode::params` names. Sizes in mm and MB as numbers (the window formats
/// them in the clerk's locale). Absent in preflights stored before codes had them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingParams {
    /// Further pages with the same problem, beyond `Finding::page` (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub more_pages: Option<u32>,
    /// `too_many_pages`: the letter's pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub count: Option<u32>,
    /// The provider's maximum (pages, characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mb: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max_mb: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub w_mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub h_mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub want_w_mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub want_h_mm: Option<f32>,
    /// `body_above_line`: where the text starts, and the line it should start below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub line_mm: Option<f32>,
    /// `address_missing`: the address window, mm from the page's left and top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub x_from_mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub x_to_mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub y_from_mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub y_to_mm: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub width_px: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub height_px: Option<u32>,
    /// `address_line_too_long`: the line's characters, and the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub chars: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub text: Option<String>,
    /// `fonts_not_embedded`: the fonts' names, comma-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fonts: Option<String>,
    /// The technical reason (an OS or engine error, in English), for Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

impl FindingParams {
    /// Names of the parameters that are set (as `FindingCode::params` spells them).
    pub fn names(&self) -> Vec<&'static str> {
        let v = serde_json::to_value(self).unwrap_or_default();
        let map = v.as_object().cloned().unwrap_or_default();
        let all: &[&'static str] = &[
            "more_pages",
            "count",
            "limit",
            "mb",
            "max_mb",
            "w_mm",
            "h_mm",
            "want_w_mm",
            "want_h_mm",
            "mm",
            "line_mm",
            "x_from_mm",
            "x_to_mm",
            "y_from_mm",
            "y_to_mm",
            "width_px",
            "height_px",
            "chars",
            "text",
            "fonts",
            "detail",
        ];
        all.iter()
            .copied()
            .filter(|n| map.contains_key(*n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_names() {
        for &c in FindingCode::ALL {
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::json!(c.as_str())
            );
            let back: FindingCode = serde_json::from_value(serde_json::json!(c.as_str())).unwrap();
            assert_eq!(back, c);
        }
    }

    #[test]
    fn declared_params_are_fields() {
        let every = FindingParams {
            more_pages: Some(1),
            count: Some(1),
            limit: Some(1),
            mb: Some(1.0),
            max_mb: Some(1.0),
            w_mm: Some(1.0),
            h_mm: Some(1.0),
            want_w_mm: Some(1.0),
            want_h_mm: Some(1.0),
            mm: Some(1.0),
            line_mm: Some(1.0),
            x_from_mm: Some(1.0),
            x_to_mm: Some(1.0),
            y_from_mm: Some(1.0),
            y_to_mm: Some(1.0),
            width_px: Some(1),
            height_px: Some(1),
            chars: Some(1),
            text: Some("x".into()),
            fonts: Some("x".into()),
            detail: Some("x".into()),
        };
        let fields = every.names();
        assert_eq!(
            fields.len(),
            serde_json::to_value(&every)
                .unwrap()
                .as_object()
                .unwrap()
                .len()
        );
        for &c in FindingCode::ALL {
            for p in c.params() {
                assert!(
                    *p == "page" || *p == "zone" || fields.contains(p),
                    "{c}: {p}"
                );
            }
        }
    }

    /// Every code with its parameter names, beside the TypeScript bindings: the
    /// UI's test checks each language has a text for each code and uses no other
    /// parameter.
    #[test]
    fn codes_are_exported_for_the_ui() {
        let mut all = serde_json::Map::new();
        for &c in FindingCode::ALL {
            all.insert(c.as_str().into(), serde_json::json!(c.params()));
        }
        let dir =
            std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../../../ui/src/bindings".into());
        let text = serde_json::to_string_pretty(&serde_json::Value::Object(all)).unwrap() + "\n";
        std::fs::write(std::path::Path::new(&dir).join("finding-codes.json"), text).unwrap();
    }
}
