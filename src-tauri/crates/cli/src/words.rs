//! `--lang`: findings and errors in the clerk's language, from the window's own
//! catalogue (`catalogue.json`, written from `ui/src/i18n` by the UI's tests), worded
//! by code and parameters the way the window's i18next does. Without `--lang` the
//! command line stays in the core's English; `--json` is never translated.
use postdesk_core::model::AppError;
use postdesk_pdf::{Finding, Severity};
use serde_json::{Map, Value};

const CATALOGUE: &str = include_str!("../catalogue.json");

static CHOSEN: std::sync::OnceLock<Words> = std::sync::OnceLock::new();

/// Sets the language of this run (`--lang`).
pub fn choose(lang: &str) {
    let _ = CHOSEN.set(Words::new(lang));
}

/// The run's language, when `--lang` asked for one.
pub fn chosen() -> Option<&'static Words> {
    CHOSEN.get()
}

pub struct Words {
    lang: String,
    texts: Value,
}

/// The language asked for: a code ("de"), or "system" for the OS's (LC_ALL,
/// LC_MESSAGES, LANG); a language Postdesk does not speak falls back to English.
pub fn resolve(asked: &str) -> String {
    let tag = if asked == "system" {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    } else {
        asked.to_string()
    };
    let base = tag
        .to_lowercase()
        .split(['-', '_', '.'])
        .next()
        .unwrap_or("")
        .to_string();
    let base = match base.as_str() {
        "no" | "nn" => "nb".to_string(),
        other => other.to_string(),
    };
    let all: Value = serde_json::from_str(CATALOGUE).unwrap_or_default();
    if all.get(&base).is_some() {
        base
    } else {
        "en".into()
    }
}

impl Words {
    pub fn new(lang: &str) -> Words {
        let all: Value = serde_json::from_str(CATALOGUE).expect("the embedded catalogue is JSON");
        let lang = resolve(lang);
        Words {
            texts: all[&lang].clone(),
            lang,
        }
    }

    fn text(&self, path: &str) -> Option<&str> {
        path.split('.')
            .try_fold(&self.texts, |v, k| v.get(k))
            .and_then(Value::as_str)
    }

    pub fn severity(&self, s: Severity) -> String {
        let key = format!(
            "severity.{}",
            serde_json::to_value(s)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        );
        self.text(&key).unwrap_or("").to_string()
    }

    /// The finding's message and hint, as the window words them (`lib/findings.ts`).
    pub fn finding(&self, f: &Finding) -> (String, Option<String>) {
        let mut values = match serde_json::to_value(&f.params) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        if let Some(p) = f.page {
            values.insert("page".into(), p.into());
        }
        if let Some(z) = &f.zone {
            let name = self.text(&format!("zones.{z}")).unwrap_or(z).to_string();
            values.insert("zone".into(), name.into());
        }
        let more = f.params.more_pages.filter(|n| *n > 0);
        let count = more.or(f.params.count);
        if let Some(c) = count {
            values.insert("count".into(), c.into());
        }
        let base = format!("findings.{}", f.code);
        let context = if more.is_some() {
            "more".to_string()
        } else {
            self.severity_name(f.severity)
        };
        let mut keys = Vec::new();
        for stem in [
            format!("{base}.message_{context}"),
            format!("{base}.message"),
        ] {
            if let Some(c) = count {
                keys.push(format!("{stem}_{}", self.plural(c)));
            }
            keys.push(stem);
        }
        let message = keys
            .iter()
            .find_map(|k| self.text(k))
            .map(|t| self.fill(t, &values))
            .unwrap_or_else(|| f.message.clone());
        let hint = f.hint.as_ref().map(|h| {
            self.text(&format!("{base}.hint"))
                .map(|t| self.fill(t, &values))
                .unwrap_or_else(|| h.clone())
        });
        (message, hint)
    }

    /// An error by the provider's code first, then ours (`lib/errors.ts`).
    pub fn error(&self, e: &AppError) -> String {
        let mut keys = Vec::new();
        let p = e.params.as_ref();
        if let Some((provider, code)) =
            p.and_then(|p| Some((p.provider.as_deref()?, p.provider_code.as_deref()?)))
        {
            keys.push(format!("errorCodes.{provider}_{code}"));
        }
        keys.push(format!("errorCodes.{}", e.code));
        if let Some(provider) = p.and_then(|p| p.provider.as_deref()) {
            if e.code.starts_with(&format!("{provider}_")) {
                keys.push("errorCodes.provider_rejected".into());
            }
        }
        let mut values = match p.map(serde_json::to_value) {
            Some(Ok(Value::Object(m))) => m,
            _ => Map::new(),
        };
        // A finding that holds a letter back is worded as on the desk.
        if let Some(f) = p.and_then(|p| p.finding.as_ref()) {
            values.insert("finding".into(), self.finding(f).0.into());
        }
        let text = keys
            .iter()
            .find_map(|k| self.text(k))
            .map(|t| self.fill(t, &values))
            .unwrap_or_else(|| e.message.clone());
        // A rule broken by one letter of several names the letter, if its text does not.
        match (p.and_then(|p| p.file.as_deref()), self.text("errorCodes.in_file")) {
            (Some(file), Some(wrap)) if !text.contains(file) => {
                values.insert("file".into(), file.into());
                values.insert("text".into(), text.into());
                self.fill(wrap, &values)
            }
            _ => text,
        }
    }

    /// A text of the split view (`split.<key>`), `_one` / `_other` by `count`
    /// when the values have one.
    pub fn split(&self, key: &str, values: &Map<String, Value>) -> Option<String> {
        let count = values.get("count").and_then(Value::as_u64);
        let text = match count {
            Some(n) => self
                .text(&format!("split.{key}_{}", self.plural(n.min(u32::MAX as u64) as u32)))
                .or_else(|| self.text(&format!("split.{key}_other"))),
            None => self.text(&format!("split.{key}")),
        }?;
        Some(self.fill(text, values))
    }

    fn severity_name(&self, s: Severity) -> String {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The CLDR category for a whole count: French puts 0 with 1; the others only 1.
    fn plural(&self, n: u32) -> &'static str {
        match (self.lang.as_str(), n) {
            ("fr", 0 | 1) | (_, 1) => "one",
            ("fr", n) if n != 0 && n % 1_000_000 == 0 => "many",
            _ => "other",
        }
    }

    /// `{{name}}` and `{{name, number…}}` (numbers with the language's separators).
    fn fill(&self, text: &str, values: &Map<String, Value>) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let Some(end) = rest[start..].find("}}") else {
                break;
            };
            let inner = &rest[start + 2..start + end];
            let (name, format) = inner
                .split_once(',')
                .map(|(n, f)| (n.trim(), Some(f.trim())))
                .unwrap_or((inner.trim(), None));
            match values.get(name) {
                Some(Value::Number(n)) => {
                    out.push_str(&self.number(n.as_f64().unwrap_or(0.0), format))
                }
                Some(Value::String(s)) => out.push_str(s),
                Some(v) => out.push_str(&v.to_string()),
                None => {}
            }
            rest = &rest[start + end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn number(&self, n: f64, format: Option<&str>) -> String {
        let digits = format
            .and_then(|f| f.split("maximumFractionDigits:").nth(1))
            .and_then(|d| d.trim().trim_end_matches(')').trim().parse::<usize>().ok())
            .unwrap_or(3);
        let text = format!("{n:.digits$}");
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        };
        let (int, frac) = text
            .split_once('.')
            .map(|(i, f)| (i.to_string(), Some(f.to_string())))
            .unwrap_or((text.clone(), None));
        let (group, decimal) = match self.lang.as_str() {
            "en" => (",", "."),
            "de" | "nl" => (".", ","),
            _ => ("\u{a0}", ","),
        };
        let (sign, digits_only) = int
            .strip_prefix('-')
            .map(|d| ("-", d))
            .unwrap_or(("", int.as_str()));
        let mut grouped = String::new();
        for (i, c) in digits_only.chars().enumerate() {
            if i > 0 && (digits_only.len() - i) % 3 == 0 && digits_only.len() > 4 {
                grouped.push_str(group);
            }
            grouped.push(c);
        }
        match frac {
            Some(f) => format!("{sign}{grouped}{decimal}{f}"),
            None => format!("{sign}{grouped}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use postdesk_pdf::{FindingCode, FindingParams};

    fn finding(code: FindingCode, params: FindingParams) -> Finding {
        let mut f: Finding = serde_json::from_value(serde_json::json!({
            "severity": "error", "code": code, "page": 1, "zone": "franking",
            "message": "English", "hint": "English hint", "marks": []
        }))
        .unwrap();
        f.params = params;
        f
    }

    #[test]
    fn findings_in_german_with_its_numbers() {
        let de = Words::new("de");
        let (m, h) = de.finding(&finding(FindingCode::InkInZone, FindingParams::default()));
        assert_eq!(
            m,
            "Im Bereich „Frankier- und Codierzone“, der frei bleiben muss, ist etwas gedruckt."
        );
        assert!(h.unwrap().starts_with("Verschieben Sie"));
        let (m, _) = de.finding(&finding(
            FindingCode::InkInZone,
            FindingParams {
                more_pages: Some(2),
                ..Default::default()
            },
        ));
        assert!(m.ends_with("auf dieser und 2 weiteren Seiten."), "{m}");
        let (m, _) = de.finding(&finding(
            FindingCode::TooLarge,
            FindingParams {
                mb: Some(21.46),
                max_mb: Some(20.0),
                ..Default::default()
            },
        ));
        assert_eq!(
            m,
            "Die Datei ist 21,5 MB groß; der Anbieter nimmt höchstens 20 MB an."
        );
        let (m, _) = Words::new("en").finding(&finding(
            FindingCode::TooLarge,
            FindingParams {
                mb: Some(21.46),
                max_mb: Some(20.0),
                ..Default::default()
            },
        ));
        assert_eq!(m, "The file is 21.5 MB; the provider takes at most 20 MB.");
    }

    #[test]
    fn rule_errors_by_code_and_parameters() {
        use postdesk_core::model::ErrorParams;
        let held = AppError::new("letter_has_problem", "“a.pdf” can't be sent yet: English").with_params(ErrorParams {
            file: Some("a.pdf".into()),
            finding: Some(finding(FindingCode::InkInZone, FindingParams::default())),
            ..Default::default()
        });
        assert_eq!(
            Words::new("de").error(&held),
            "„a.pdf“ kann noch nicht gesendet werden: Im Bereich „Frankier- und Codierzone“, der frei bleiben muss, ist etwas gedruckt."
        );
        let long = AppError::new("reference_length", "x").with_params(ErrorParams {
            file: Some("b.pdf".into()),
            max: Some(80),
            ..Default::default()
        });
        assert_eq!(Words::new("sv").error(&long), "”b.pdf”: Referensen får ha högst 80 tecken.");
    }

    #[test]
    fn the_split_in_every_language() {
        for lang in ["en", "de", "sv", "nb", "fi", "nl", "fr"] {
            let w = Words::new(lang);
            let mut v = Map::new();
            v.insert("count".into(), 12.into());
            v.insert("total".into(), 26.into());
            let summary = w.split("summary", &v).unwrap_or_else(|| panic!("{lang}: summary"));
            assert!(summary.contains("12") && summary.contains("26"), "{lang}: {summary}");
            let mut r = Map::new();
            r.insert("first".into(), 3.into());
            r.insert("last".into(), 5.into());
            assert!(w.split("range", &r).unwrap().contains('5'), "{lang}");
            assert!(w.split("noAddress", &Map::new()).is_some(), "{lang}");
        }
        let mut v = Map::new();
        v.insert("count".into(), 1.into());
        v.insert("total".into(), 2.into());
        assert_eq!(Words::new("de").split("summary", &v).unwrap(), "1 Brief aus 2 Seiten");
    }

    #[test]
    fn languages_from_the_system() {
        assert_eq!(resolve("de-DE"), "de");
        assert_eq!(resolve("no"), "nb");
        assert_eq!(resolve("ja"), "en");
        std::env::set_var("LC_ALL", "sv_SE.UTF-8");
        assert_eq!(resolve("system"), "sv");
    }
}
