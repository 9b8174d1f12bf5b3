// Every command the web view may call is declared here. tauri-build turns each into
// `allow-<command>` / `deny-<command>` permissions, and a capability file must grant
// each one by name: a command that is registered but not granted is refused at run time.
const COMMANDS: &[&str] = &[
    "app_status",
    "add_files",
    "list_drafts",
    "remove_draft",
    "render_page",
    "split_preview",
    "split_draft",
    "hot_folders",
    "hot_folder_save",
    "hot_folder_remove",
    "provider_rules",
    "list_jobs",
    "open_archived_pdf",
    "open_test_result",
    "letter_deliveries",
    "resend_delivery",
    "open_delivery_file",
    "cancel_letter",
    "sandbox_inbox",
    "save_epost_setup",
    "epost_request_sms",
    "epost_set_password",
    "epost_test_connection",
    "create_company",
    "switch_company",
    "copy_credentials",
    "create_ekopost_company",
    "save_ekopost_setup",
    "ekopost_set_secret",
    "test_connection",
    "create_posti_company",
    "save_posti_setup",
    "posti_set_key",
    "posti_test_connection",
    "create_easypost_company",
    "save_easypost_setup",
    "easypost_set_key",
    "easypost_test_connection",
    "peppol_documents",
    "open_peppol_document",
    "peppol_unseen",
    "peppol_mark_seen",
    "easypost_usage",
    "keychain_retry",
    "epost_admin_contact",
    "epost_email_request",
    "epost_set_email",
    "epost_mobile_request",
    "epost_set_mobile",
    "epost_test_email",
    "epost_test_mobile",
    "wizard_pending",
    "wizard_finish",
    "wizard_test_letter",
    "send_letters_checked",
    "outbox_progress",
    "pause_outbox",
    "resume_outbox",
    "cancel_batch",
    "reopen_data",
    "recovery_info",
    "recover_database",
    "desk_ready",
    "about_postdesk",
    "diagnostics_report",
];

// Only with `--features e2e`, on top of COMMANDS; granted by e2e/capability.json,
// which lib.rs adds at run time in that build alone (capabilities/ holds what ships).
const E2E_ONLY: &[&str] = &["e2e_drop"];

fn main() {
    println!("cargo:rerun-if-changed=e2e/capability.json");
    build_info();
    let mut commands = COMMANDS.to_vec();
    if std::env::var_os("CARGO_FEATURE_E2E").is_some() {
        commands.extend_from_slice(E2E_ONLY);
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            // The manifest wants a 'static list; a build script may leak it.
            .app_manifest(tauri_build::AppManifest::new().commands(commands.leak())),
    )
    .expect("tauri-build failed (check tauri.conf.json, capabilities/ and ../ui/dist)");
}

/// Settings → About's build: `POSTDESK_GIT_COMMIT` (short hash, empty outside a git
/// checkout), `POSTDESK_BUILD_DATE` (UTC; `SOURCE_DATE_EPOCH` when set) and
/// `POSTDESK_PYPDFIUM2` (the pdfium wheel scripts/fetch-pdfium.sh pins: one source).
/// Rerun when HEAD moves, so the date is that of the build of this commit.
fn build_info() {
    use std::process::Command;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let commit = git(&["rev-parse", "--short=8", "HEAD"]);
    for path in ["HEAD", "logs/HEAD"] {
        let p = git(&["rev-parse", "--git-path", path]);
        if !p.is_empty() {
            let p = if std::path::Path::new(&p).is_absolute() {
                p.into()
            } else {
                root.join(p)
            };
            if p.exists() {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
    }
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        });
    println!("cargo:rustc-env=POSTDESK_GIT_COMMIT={commit}");
    println!(
        "cargo:rustc-env=POSTDESK_BUILD_DATE={}",
        civil_date(secs / 86_400)
    );
    let fetch = root.join("scripts/fetch-pdfium.sh");
    println!("cargo:rerun-if-changed={}", fetch.display());
    let pinned = std::fs::read_to_string(&fetch)
        .ok()
        .and_then(|s| {
            s.split("PYPDFIUM2_VERSION:-").nth(1).map(|r| {
                r.chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect::<String>()
            })
        })
        .unwrap_or_default();
    println!("cargo:rustc-env=POSTDESK_PYPDFIUM2={pinned}");
}

/// Days since 1970-01-01 as YYYY-MM-DD (proleptic Gregorian; Howard Hinnant's algorithm).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
