//! Settings → About: version, build, pdfium, the bundled parts' licences, and the
//! diagnostics report (built and redacted in postdesk-core; no secret crosses here).
use postdesk_core::diagnostics::BuildInfo;
use postdesk_core::AppError;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::state::Core;

/// The list of bundled parts and pdfium's licences: the files the packages ship
/// (scripts/bundle.sh puts the same ones into THIRD-PARTY-LICENSES.txt).
const LICENSES: &[(&str, &str)] = &[
    ("BUNDLED.txt", include_str!("../../../licenses/BUNDLED.txt")),
    ("pdfium.txt", include_str!("../../../licenses/pdfium.txt")),
    (
        "pdfium-binaries.txt",
        include_str!("../../../licenses/pdfium-binaries.txt"),
    ),
];

/// Where the packages put all of the licences, those built into pdfium as well.
const LICENSES_INSTALLED: &str = "/usr/share/doc/postdesk/THIRD-PARTY-LICENSES.txt";

#[derive(Debug, Clone, Serialize)]
pub struct About {
    pub version: String,
    pub commit: Option<String>,
    pub build_date: Option<String>,
    pub pdfium: String,
    pub licenses: Vec<LicenseText>,
    pub licenses_installed: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LicenseText {
    pub name: String,
    pub text: String,
}

fn build_info(app: &AppHandle) -> BuildInfo {
    let set = |v: &str| (!v.is_empty()).then(|| v.to_string());
    let wheel = env!("POSTDESK_PYPDFIUM2");
    BuildInfo {
        version: app.package_info().version.to_string(),
        commit: set(env!("POSTDESK_GIT_COMMIT")),
        date: set(env!("POSTDESK_BUILD_DATE")),
        pdfium: if wheel.is_empty() {
            "pdfium (pdfium-binaries), BSD-3-Clause".into()
        } else {
            format!("pdfium (pdfium-binaries, from the pypdfium2 {wheel} wheel), BSD-3-Clause")
        },
    }
}

#[tauri::command]
pub fn about_postdesk(app: AppHandle) -> About {
    let b = build_info(&app);
    About {
        version: b.version,
        commit: b.commit,
        build_date: b.date,
        pdfium: b.pdfium,
        licenses: LICENSES
            .iter()
            .map(|(n, t)| LicenseText {
                name: n.to_string(),
                text: t.to_string(),
            })
            .collect(),
        licenses_installed: LICENSES_INSTALLED.into(),
    }
}

/// "Copy diagnostics": the plain-text report (`postdesk_core::diagnostics`); also
/// when the data could not be opened (then with that error instead of the companies).
#[tauri::command]
pub fn diagnostics_report(app: AppHandle, core: State<'_, Core>) -> Result<String, AppError> {
    let build = build_info(&app);
    match core.get() {
        Ok(core) => Ok(postdesk_core::diagnostics::report(&core, &build)?),
        Err(e) => Ok(postdesk_core::diagnostics::report_unopened(
            &postdesk_core::paths::data_dir(),
            &build,
            &e,
        )),
    }
}
