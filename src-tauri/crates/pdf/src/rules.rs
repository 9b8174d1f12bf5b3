//! What each provider allows on a letter, as data.
//!
//! All lengths are millimetres, measured from the TOP-LEFT corner of an A4 portrait
//! page (the way the providers' templates are drawn). Pdfium measures in points from
//! the bottom-left; the conversion lives in `preflight.rs`. A correction to a provider's
//! template is a change to the tables below, not to the checking code.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The hybrid-mail providers Postdesk can send through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProviderKind {
    Epost,
    Ekopost,
    Easypost,
    Posti,
}

impl ProviderKind {
    /// The country whose addresses need no country line (ISO 3166-1 alpha-2).
    pub fn home_country(self) -> &'static str {
        match self {
            ProviderKind::Epost => "DE",
            ProviderKind::Ekopost => "SE",
            ProviderKind::Easypost => "BE",
            ProviderKind::Posti => "FI",
        }
    }
}

/// Which pages of a letter a zone applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ZonePages {
    First,
    Following,
    All,
}

impl ZonePages {
    /// `index` is 0-based.
    pub fn applies_to(self, index: u32) -> bool {
        match self {
            ZonePages::First => index == 0,
            ZonePages::Following => index > 0,
            ZonePages::All => true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ZoneKind {
    /// Where the recipient's address must be; its text is read, not flagged.
    AddressWindow,
    /// No ink at all (franking, print-centre marks).
    KeepFree,
}

/// Where a figure comes from, so the UI can say how sure we are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ZoneSource {
    /// The provider's own documentation or template.
    Provider,
    /// A figure from a third party (working clients, public write-ups).
    ThirdParty,
    /// A generic assumption (standard window envelope), not from the provider.
    Assumed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RestrictedZone {
    pub id: String,
    pub label: String,
    pub pages: ZonePages,
    pub x_mm: f32,
    pub y_mm: f32,
    pub w_mm: f32,
    pub h_mm: f32,
    pub kind: ZoneKind,
    pub source: ZoneSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProviderRules {
    pub provider: ProviderKind,
    /// Width, height in mm (portrait).
    pub page_size_mm: [f32; 2],
    pub max_pages: u32,
    #[ts(type = "number")]
    pub max_bytes: u64,
    /// Longest address line the provider takes (characters).
    pub max_address_line_chars: u32,
    /// Where `max_pages` / `max_bytes` / line limits come from.
    pub limits_source: ZoneSource,
    pub zones: Vec<RestrictedZone>,
    /// The provider generates page 1 (a cover letter): see `with_cover_letter`.
    #[serde(default)]
    pub cover_letter: bool,
}

impl ProviderRules {
    /// The rules when the provider prints its own cover page (E-POST `coverLetter`):
    /// "only the margins apply to the clerk's pages" (shared/providers/epost.md), so
    /// the page-1 zones and the body line go. The address window stays, to read the
    /// recipient for the letter's address fields (the API needs them either way).
    pub fn with_cover_letter(mut self) -> Self {
        self.cover_letter = true;
        self.zones
            .retain(|z| z.kind == ZoneKind::AddressWindow || z.pages != ZonePages::First);
        self
    }

    /// `with_cover_letter` when `cover_letter`, else the rules as they are.
    pub fn for_options(self, cover_letter: bool) -> Self {
        if cover_letter {
            self.with_cover_letter()
        } else {
            self
        }
    }

    pub fn address_windows(&self) -> impl Iterator<Item = &RestrictedZone> {
        self.zones
            .iter()
            .filter(|z| z.kind == ZoneKind::AddressWindow)
    }
}

pub const A4_MM: [f32; 2] = [210.0, 297.0];
// Decimal megabytes: the smaller reading of "20 MB", so we never pass a file the
// provider would refuse.
const MB: u64 = 1_000_000;

/// One row of a zone table: (id, label, pages, x, y, w, h, kind).
type Row = (
    &'static str,
    &'static str,
    ZonePages,
    f32,
    f32,
    f32,
    f32,
    ZoneKind,
);

use ZoneKind::{AddressWindow as Window, KeepFree};
use ZonePages::{All, First};

/// E-POST "Sperrflächenschablone V3" as commonly reproduced (shared/providers/epost.md).
const EPOST_ZONES: &[Row] = &[
    (
        "address_window",
        "Address window",
        First,
        20.0,
        45.0,
        85.0,
        45.0,
        Window,
    ),
    // A 13 mm band from y 53 to the right of the window, up to the page edge.
    (
        "franking",
        "Franking and machine-readable zone",
        First,
        105.0,
        53.0,
        105.0,
        13.0,
        KeepFree,
    ),
    (
        "left_margin",
        "Left margin (print-centre marks)",
        All,
        0.0,
        0.0,
        12.0,
        297.0,
        KeepFree,
    ),
];

/// Ekopost's standard envelope window, a third-party figure (shared/providers/ekopost.md).
const EKOPOST_ZONES: &[Row] = &[(
    "address_window",
    "Address window",
    First,
    112.0,
    35.0,
    95.0,
    36.0,
    Window,
)];

/// Posti (Finland). Source: none from Posti — the OmaPosti Pro key reaches Posti's
/// shipping API, not letter printing, so Posti states no print template for it
/// (shared/providers/posti.md). Assumed: the Finnish business-letter layout
/// (SFS 2487) puts the recipient block 20 mm from the left edge, in the left
/// window of a C5/E5 window envelope (ISO 269 window 90 × 45 mm; its top about
/// 40 mm from the top of a sheet folded for it). Used for the preview and the
/// address read; no letter is sent through Posti.
const POSTI_ZONES: &[Row] = &[(
    "address_window",
    "Address window (assumed, SFS 2487 / C5 window envelope)",
    First,
    20.0,
    40.0,
    90.0,
    45.0,
    Window,
)];

/// EasyPost Connect (Belgium). Source: none from EasyPost — its Public API (the
/// seed) names no print template, and a single-file workflow reads the address
/// from the document. So the window follows bpost's published rules for the
/// address on a letter (MassPost Guide, section 1 "Addressing and franking",
/// Small Format; bpost.be "Juiste plaats van het adres"), applied to an A4
/// sheet folded in three in a DL window envelope:
/// - the address zone lies on the **right**, at least 15 mm from the right
///   edge: the window ends at x 195 mm (210 − 15);
/// - at most 125 mm wide, ideally 40 mm high, starting 40 mm from the top
///   (items at least 11 cm tall): y 40 mm, 40 mm high;
/// - 30 mm free below the window and above the fold at 99 mm: 40 + 40 + 30 = 110
///   reaches below the fold, so the 40 mm height is also the most the fold allows;
/// - 95 mm wide: the common DL right-window width (ISO 269 windows are 90–100 mm).
///
/// Assumed: replace when EasyPost publishes its template.
const EASYPOST_ZONES: &[Row] = &[(
    "address_window",
    "Address window (assumed, bpost address zone / DL right window)",
    First,
    100.0,
    40.0,
    95.0,
    40.0,
    Window,
)];

fn table(rows: &[Row], source: ZoneSource) -> Vec<RestrictedZone> {
    rows.iter()
        .map(
            |&(id, label, pages, x_mm, y_mm, w_mm, h_mm, kind)| RestrictedZone {
                id: id.into(),
                label: label.into(),
                pages,
                x_mm,
                y_mm,
                w_mm,
                h_mm,
                kind,
                source,
            },
        )
        .collect()
}

/// Where the body text of page 1 may start (mm from the top) when the provider does
/// not generate a cover page: E-POST wants nothing between the address window and
/// y 105 mm (shared/providers/epost.md). `None`: the provider states no such line.
pub fn body_top_mm(provider: ProviderKind) -> Option<f32> {
    match provider {
        ProviderKind::Epost => Some(105.0),
        ProviderKind::Ekopost | ProviderKind::Easypost | ProviderKind::Posti => None,
    }
}

/// The rules Postdesk checks a letter against before sending it through `provider`.
pub fn for_provider(provider: ProviderKind) -> ProviderRules {
    let (zones, max_pages, max_bytes, line, limits_source) = match provider {
        // 94 pages, 20 MB, address lines 1–80 characters: the E-POST API's own limits.
        ProviderKind::Epost => (
            table(EPOST_ZONES, ZoneSource::Provider),
            94,
            20 * MB,
            80,
            ZoneSource::Provider,
        ),
        // Ekopost states 35 characters for registered (rek) name and street lines; page
        // and size limits are not published, so E-POST's are assumed.
        ProviderKind::Ekopost => (
            table(EKOPOST_ZONES, ZoneSource::ThirdParty),
            94,
            20 * MB,
            35,
            ZoneSource::Assumed,
        ),
        // Posti: page and size limits are not published for the key's API; E-POST's
        // are assumed. Lines: 35 characters (see `posti::describe`).
        ProviderKind::Posti => (
            table(POSTI_ZONES, ZoneSource::Assumed),
            94,
            20 * MB,
            35,
            ZoneSource::Assumed,
        ),
        // EasyPost publishes no page or size limits in its API; E-POST's are
        // assumed. Lines: 50 characters (see `easypost::describe`).
        ProviderKind::Easypost => (
            table(EASYPOST_ZONES, ZoneSource::Assumed),
            94,
            20 * MB,
            50,
            ZoneSource::Assumed,
        ),
    };
    ProviderRules {
        provider,
        page_size_mm: A4_MM,
        max_pages,
        max_bytes,
        max_address_line_chars: line,
        limits_source,
        zones,
        cover_letter: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_has_one_address_window_on_page_one() {
        for p in [
            ProviderKind::Epost,
            ProviderKind::Ekopost,
            ProviderKind::Easypost,
            ProviderKind::Posti,
        ] {
            let r = for_provider(p);
            let w: Vec<_> = r.address_windows().collect();
            assert_eq!(w.len(), 1, "{p:?}");
            assert!(w[0].pages.applies_to(0));
            for z in &r.zones {
                assert!(z.x_mm >= 0.0 && z.x_mm + z.w_mm <= 210.0 + 0.01, "{}", z.id);
                assert!(z.y_mm >= 0.0 && z.y_mm + z.h_mm <= 297.0 + 0.01, "{}", z.id);
            }
        }
        let e = for_provider(ProviderKind::Epost);
        assert_eq!(e.max_pages, 94);
        assert_eq!(e.max_bytes, 20_000_000);
        assert!(e
            .zones
            .iter()
            .any(|z| z.id == "franking" && z.kind == ZoneKind::KeepFree));
    }

    #[test]
    fn serializes_snake_case() {
        let j = serde_json::to_value(for_provider(ProviderKind::Ekopost)).unwrap();
        assert_eq!(j["provider"], "ekopost");
        assert_eq!(j["zones"][0]["kind"], "address_window");
        assert_eq!(j["zones"][0]["pages"], "first");
        assert_eq!(j["zones"][0]["source"], "third_party");
    }
}
