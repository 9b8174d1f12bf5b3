//! Reading the recipient from the text found in the address window.
//!
//! Pure functions over positioned text (mm from the top-left), so they are tested
//! without pdfium. `preflight.rs` feeds them pdfium's text runs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The recipient as read from page 1.
///
/// `country` is ISO 3166-1 alpha-2 when the address ends with a recognised country
/// line (e.g. "SCHWEDEN" → "SE"), and `null` when it has none, i.e. the address is
/// domestic for the provider (E-POST: DE, Ekopost: SE, EasyPost: BE, Posti: FI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Address {
    /// Recipient lines top to bottom, sender line excluded, country line included.
    pub lines: Vec<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
}

/// A piece of text on the page, in mm from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub left_mm: f32,
    pub top_mm: f32,
    pub bottom_mm: f32,
}

/// One visual line: runs sharing a baseline band, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub top_mm: f32,
    pub height_mm: f32,
}

/// Groups runs into lines: two runs are on one line when their vertical centres are
/// closer than half the smaller run's height.
pub fn group_lines(mut runs: Vec<TextRun>) -> Vec<Line> {
    runs.retain(|r| !r.text.trim().is_empty());
    runs.sort_by(|a, b| centre(a).total_cmp(&centre(b)));
    let mut groups: Vec<Vec<TextRun>> = Vec::new();
    for run in runs {
        match groups.last_mut() {
            Some(g) if same_line(g.last().unwrap(), &run) => g.push(run),
            _ => groups.push(vec![run]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.left_mm.total_cmp(&b.left_mm));
            let top = g.iter().map(|r| r.top_mm).fold(f32::MAX, f32::min);
            let bottom = g.iter().map(|r| r.bottom_mm).fold(f32::MIN, f32::max);
            let text = g
                .iter()
                .map(|r| r.text.trim())
                .collect::<Vec<_>>()
                .join(" ");
            Line {
                text: tidy(&text),
                top_mm: top,
                height_mm: bottom - top,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

fn centre(r: &TextRun) -> f32 {
    (r.top_mm + r.bottom_mm) / 2.0
}

fn same_line(a: &TextRun, b: &TextRun) -> bool {
    let h = (a.bottom_mm - a.top_mm)
        .min(b.bottom_mm - b.top_mm)
        .max(0.5);
    (centre(a) - centre(b)).abs() < h / 2.0
}

/// Collapses whitespace (pdfium reports \r\n and runs of spaces inside runs).
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sender line sits in a band at most this high at the top of the window (E-POST).
pub const SENDER_BAND_MM: f32 = 8.0;

/// Drops the small one-line sender line at the top of the window when it looks like
/// one: it lies within the top 8 mm band, and is set smaller than the recipient lines
/// or is a run of parts joined by "·", "|", "•" or ",".
pub fn drop_sender_line(lines: &[Line], window_top_mm: f32) -> (Option<String>, Vec<Line>) {
    let Some((first, rest)) = lines.split_first() else {
        return (None, Vec::new());
    };
    if rest.is_empty() || first.top_mm + first.height_mm > window_top_mm + SENDER_BAND_MM {
        return (None, lines.to_vec());
    }
    let tallest_rest = rest.iter().map(|l| l.height_mm).fold(0.0, f32::max);
    let smaller = first.height_mm < 0.85 * tallest_rest;
    let separators =
        first.text.matches(['·', '|', '•', ',']).count() + first.text.matches(" - ").count();
    if smaller || separators >= 2 {
        (Some(first.text.clone()), rest.to_vec())
    } else {
        (None, lines.to_vec())
    }
}

/// Postal code patterns we recognise, with the prefixes people write before them.
struct PostalFormat {
    country: &'static str,
    prefixes: &'static [&'static str],
    /// Digit groups, e.g. [3, 2] for "123 45".
    groups: &'static [usize],
}

const FORMATS: &[PostalFormat] = &[
    PostalFormat {
        country: "DE",
        prefixes: &["D-", "DE-"],
        groups: &[5],
    },
    PostalFormat {
        country: "SE",
        prefixes: &["S-", "SE-"],
        groups: &[3, 2],
    },
    PostalFormat {
        country: "NO",
        prefixes: &["N-", "NO-"],
        groups: &[4],
    },
    PostalFormat {
        country: "BE",
        prefixes: &["B-", "BE-"],
        groups: &[4],
    },
    PostalFormat {
        country: "FI",
        prefixes: &["FI-", "SF-"],
        groups: &[5],
    },
];

/// Country lines we recognise (upper-case; German names first, as E-POST wants them).
const COUNTRIES: &[(&str, &[&str])] = &[
    ("DE", &["DEUTSCHLAND", "GERMANY"]),
    ("SE", &["SCHWEDEN", "SWEDEN", "SVERIGE"]),
    ("NO", &["NORWEGEN", "NORWAY", "NORGE"]),
    ("BE", &["BELGIEN", "BELGIUM", "BELGIQUE", "BELGIË"]),
    ("FI", &["FINNLAND", "FINLAND", "SUOMI"]),
    ("DK", &["DÄNEMARK", "DENMARK", "DANMARK"]),
    ("AT", &["ÖSTERREICH", "AUSTRIA"]),
    ("CH", &["SCHWEIZ", "SWITZERLAND", "SUISSE"]),
    ("NL", &["NIEDERLANDE", "NETHERLANDS", "NEDERLAND"]),
    ("LU", &["LUXEMBURG", "LUXEMBOURG"]),
    ("FR", &["FRANKREICH", "FRANCE"]),
    ("IT", &["ITALIEN", "ITALY", "ITALIA"]),
    ("ES", &["SPANIEN", "SPAIN", "ESPAÑA"]),
    ("PL", &["POLEN", "POLAND", "POLSKA"]),
    (
        "GB",
        &[
            "GROSSBRITANNIEN",
            "GROßBRITANNIEN",
            "VEREINIGTES KÖNIGREICH",
            "UNITED KINGDOM",
        ],
    ),
    ("US", &["USA", "VEREINIGTE STAATEN", "UNITED STATES"]),
];

pub fn country_code(line: &str) -> Option<&'static str> {
    let up = line.trim().to_uppercase();
    COUNTRIES
        .iter()
        .find(|(_, names)| names.contains(&up.as_str()))
        .map(|(c, _)| *c)
}

/// Splits "53113 Bonn" / "D-53113 Bonn" / "123 45 Stockholm" into (code, city) when the
/// line starts with a postal code of `f`'s format.
fn match_postal(line: &str, f: &PostalFormat) -> Option<(String, String)> {
    let mut rest = line.trim();
    for p in f.prefixes {
        if rest.len() > p.len()
            && rest
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        {
            rest = &rest[p.len()..];
            break;
        }
    }
    let total: usize = f.groups.iter().sum();
    let b = rest.as_bytes();
    // Digits with an optional single space between the groups ("12345" is SE too).
    let mut digits = String::new();
    let mut i = 0;
    for (gi, &g) in f.groups.iter().enumerate() {
        if gi > 0 && b.get(i) == Some(&b' ') {
            i += 1;
        }
        for _ in 0..g {
            match b.get(i) {
                Some(c) if c.is_ascii_digit() => digits.push(*c as char),
                _ => return None,
            }
            i += 1;
        }
    }
    // The code must end there, followed by a space and a city name.
    if digits.len() != total || b.get(i) != Some(&b' ') {
        return None;
    }
    let city = rest[i..].trim();
    if city.is_empty() || !city.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let code = if f.groups.len() == 2 {
        format!("{} {}", &digits[..f.groups[0]], &digits[f.groups[0]..])
    } else {
        digits
    };
    Some((code, city.to_string()))
}

/// Any other country's "code city" line: digits (optionally with a letter prefix or
/// one inner space/dash) then a name, e.g. "1010 Wien", "75001 Paris".
fn match_generic(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let (code, city) = line.split_once(' ')?;
    let code = code.rsplit_once('-').map_or(code, |(_, c)| c);
    let ok = code.len() >= 3 && code.chars().all(|c| c.is_ascii_digit());
    (ok && city.chars().next().is_some_and(char::is_alphabetic))
        .then(|| (code.to_string(), city.trim().to_string()))
}

/// Reads postal code, city and country from recipient lines. Returns the address and
/// whether a postal code + city line was recognised.
pub fn parse(lines: Vec<String>, home_country: &str) -> (Address, bool) {
    let mut lines: Vec<String> = lines
        .into_iter()
        .map(|l| tidy(&l))
        .filter(|l| !l.is_empty())
        .collect();
    lines.truncate(12);
    let country = lines
        .last()
        .and_then(|l| country_code(l))
        .filter(|_| lines.len() > 1);
    let search_end = if country.is_some() {
        lines.len() - 1
    } else {
        lines.len()
    };
    // The format to try: the country line's, else the provider's home country's, then
    // the other known ones (a Norwegian letter through Ekopost has no country line).
    let target = country.unwrap_or(home_country);
    let mut order: Vec<&PostalFormat> = FORMATS.iter().filter(|f| f.country == target).collect();
    if country.is_none() {
        order.extend(FORMATS.iter().filter(|f| f.country != target));
    }
    let mut found = None;
    // The postal line is the last one (before the country) that matches; skip line 1,
    // which is the name.
    'outer: for line in lines[..search_end].iter().skip(1).rev() {
        for f in &order {
            if let Some(m) = match_postal(line, f) {
                found = Some(m);
                break 'outer;
            }
        }
        if country.is_some() && order.is_empty() {
            if let Some(m) = match_generic(line) {
                found = Some(m);
                break;
            }
        }
    }
    let recognised = found.is_some();
    let (postal_code, city) = found.map_or((None, None), |(c, t)| (Some(c), Some(t)));
    (
        Address {
            lines,
            postal_code,
            city,
            country: country.map(str::to_string),
        },
        recognised,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lines: &[&str], home: &str) -> (Address, bool) {
        parse(lines.iter().map(|s| s.to_string()).collect(), home)
    }

    #[test]
    fn german_domestic() {
        let (a, ok) = p(&["Erika Mustermann", "Musterstraße 1", "53113 Bonn"], "DE");
        assert!(ok);
        assert_eq!(a.postal_code.as_deref(), Some("53113"));
        assert_eq!(a.city.as_deref(), Some("Bonn"));
        assert_eq!(a.country, None);
        let (a, _) = p(
            &["Erika Mustermann", "Musterstraße 1", "D-53113  Bonn"],
            "DE",
        );
        assert_eq!(a.postal_code.as_deref(), Some("53113"));
    }

    #[test]
    fn nordic_and_belgian() {
        let (a, ok) = p(&["Sven Svensson", "Storgatan 1", "123 45 Stockholm"], "SE");
        assert!(ok);
        assert_eq!(
            (a.postal_code.as_deref(), a.city.as_deref()),
            (Some("123 45"), Some("Stockholm"))
        );
        let (a, _) = p(&["Sven Svensson", "Storgatan 1", "12345 Stockholm"], "SE");
        assert_eq!(a.postal_code.as_deref(), Some("123 45"));
        let (a, ok) = p(&["Ola Nordmann", "Karl Johans gate 1", "0154 Oslo"], "SE");
        assert!(ok);
        assert_eq!(a.postal_code.as_deref(), Some("0154"));
        let (a, _) = p(
            &["Jan Janssens", "Rue de la Loi 16", "1000 Bruxelles"],
            "BE",
        );
        assert_eq!(a.city.as_deref(), Some("Bruxelles"));
        let (a, _) = p(
            &["Matti Meikäläinen", "Mannerheimintie 1", "00100 Helsinki"],
            "FI",
        );
        assert_eq!(a.postal_code.as_deref(), Some("00100"));
    }

    #[test]
    fn foreign_country_line() {
        let (a, ok) = p(
            &[
                "Sven Svensson",
                "Storgatan 1",
                "SE-123 45 Stockholm",
                "SCHWEDEN",
            ],
            "DE",
        );
        assert!(ok);
        assert_eq!(a.country.as_deref(), Some("SE"));
        assert_eq!(a.postal_code.as_deref(), Some("123 45"));
        let (a, ok) = p(
            &["Max Muster", "Ringstraße 1", "1010 Wien", "Österreich"],
            "DE",
        );
        assert!(ok, "{a:?}");
        assert_eq!(
            (a.country.as_deref(), a.postal_code.as_deref()),
            (Some("AT"), Some("1010"))
        );
    }

    #[test]
    fn unreadable() {
        assert!(!p(&["Erika Mustermann", "Musterstraße 1", "Bonn"], "DE").1);
        assert!(!p(&["Erika Mustermann"], "DE").1);
        assert!(!p(&[], "DE").1);
        // A house number line is not a postal line.
        assert!(!p(&["Erika Mustermann", "12345"], "DE").1);
    }

    #[test]
    fn groups_runs_and_drops_sender() {
        let run = |t: &str, x: f32, top: f32, h: f32| TextRun {
            text: t.into(),
            left_mm: x,
            top_mm: top,
            bottom_mm: top + h,
        };
        let lines = group_lines(vec![
            run("53113 Bonn", 25.0, 69.0, 3.9),
            run(
                "Muster GmbH · Hauptstraße 5 · 10115 Berlin",
                25.0,
                48.0,
                2.5,
            ),
            run("Mustermann", 40.0, 59.0, 3.9),
            run("Erika", 25.0, 59.2, 3.9),
            run("Musterstraße 1", 25.0, 64.0, 3.9),
        ]);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].text, "Erika Mustermann");
        let (sender, rest) = drop_sender_line(&lines, 45.0);
        assert!(sender.unwrap().starts_with("Muster GmbH"));
        assert_eq!(rest.len(), 3);
        // A first line in the recipient's size, without separators, is kept.
        let (sender, rest) = drop_sender_line(&lines[1..], 57.0);
        assert!(sender.is_none());
        assert_eq!(rest.len(), 3);
    }
}
