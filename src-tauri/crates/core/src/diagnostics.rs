//! Settings → About's "Copy diagnostics": one plain-text report for support —
//! version and build, the system, the data folder, each company's provider and
//! environment, and the log's last lines. Built here so nothing secret has to cross
//! the IPC: no account settings or keychain values are read, and every line goes
//! through `logs::redact` once more before it leaves.
use std::fmt::Write;
use std::path::Path;

use crate::logs::{redact, RotatingLog};
use crate::{AppError, CoreError, Postdesk};

/// How many of the log's last lines the report carries.
pub const LOG_LINES: usize = 200;

/// What the window knows about its own build (set at compile time).
#[derive(Debug, Clone, Default)]
pub struct BuildInfo {
    pub version: String,
    /// Short git commit, when built from a checkout.
    pub commit: Option<String>,
    /// Build date (UTC, YYYY-MM-DD).
    pub date: Option<String>,
    /// Which pdfium is bundled and where it comes from.
    pub pdfium: String,
}

impl BuildInfo {
    /// `0.1.0 (abc1234, 2026-12-01)`; the parts that are unknown are left out.
    pub fn line(&self) -> String {
        let extra: Vec<&str> = [self.commit.as_deref(), self.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if extra.is_empty() {
            self.version.clone()
        } else {
            format!("{} ({})", self.version, extra.join(", "))
        }
    }
}

/// The system: `/etc/os-release`'s name, the kernel, the architecture.
pub fn os_line() -> String {
    let name = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_else(|| std::env::consts::OS.to_string());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|k| k.trim().to_string())
        .ok();
    match kernel {
        Some(k) => format!(
            "{name} ({} {k}, {})",
            std::env::consts::OS,
            std::env::consts::ARCH
        ),
        None => format!("{name} ({})", std::env::consts::ARCH),
    }
}

/// The report, every line redacted.
pub fn report(app: &Postdesk, build: &BuildInfo) -> Result<String, CoreError> {
    let mut out = header(build, app.data_dir());
    let current = app.current_company().ok().map(|c| c.id);
    let companies = app.store().companies()?;
    let _ = writeln!(out, "\nCompanies ({}):", companies.len());
    for c in &companies {
        let mark = if Some(c.id) == current {
            " [current]"
        } else {
            ""
        };
        // Only what the Setup screen shows: provider, environment, test mode,
        // whether access data is stored (never the settings or the values).
        let line = match app.account(c.id) {
            Ok(a) => format!(
                "- {}{mark}: provider {}, environment {}, test mode {}, access data stored {}",
                c.name,
                wire(&a.provider),
                wire(&a.environment),
                yes_no(a.prefs.test_mode),
                yes_no(a.has_secret || a.has_password),
            ),
            Err(e) => format!(
                "- {}{mark}: account not readable ({})",
                c.name,
                AppError::from(e).code
            ),
        };
        let _ = writeln!(out, "{line}");
    }
    Ok(finish(out, app.data_dir()))
}

/// The report when the data could not be opened (locked, damaged, no keychain):
/// what the window shows instead of the companies, and the log.
pub fn report_unopened(data_dir: &Path, build: &BuildInfo, error: &AppError) -> String {
    let mut out = header(build, data_dir);
    let _ = writeln!(
        out,
        "\nThe data could not be opened: {} ({})",
        error.code, error.message
    );
    finish(out, data_dir)
}

fn header(build: &BuildInfo, data_dir: &Path) -> String {
    let mut out = String::new();
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let _ = writeln!(out, "Postdesk diagnostics, {now}");
    let _ = writeln!(out, "Version: {}", build.line());
    let _ = writeln!(out, "pdfium: {}", build.pdfium);
    let _ = writeln!(out, "System: {}", os_line());
    let _ = writeln!(out, "Data folder: {}", data_dir.display());
    out
}

/// The log's last lines, then every line redacted once more.
fn finish(mut out: String, data_dir: &Path) -> String {
    let lines = RotatingLog::tail(&data_dir.join("logs"), LOG_LINES);
    let _ = writeln!(
        out,
        "\nLast {} log lines (logs/{}):",
        lines.len(),
        crate::logs::LOG_FILE
    );
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    out.lines().map(redact).collect::<Vec<_>>().join("\n") + "\n"
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A value's name on the wire (`epost`, `sandbox`).
fn wire(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
