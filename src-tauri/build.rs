// Every command the web view may call is declared here. tauri-build turns each into
// `allow-<command>` / `deny-<command>` permissions, and a capability file must grant
// each one by name: a command that is registered but not granted is refused at run time.
const COMMANDS: &[&str] = &[
    "app_status",
    "add_files",
    "list_drafts",
    "remove_draft",
    "render_page",
    "provider_rules",
    "list_jobs",
    "open_archived_pdf",
    "open_test_result",
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
];

// Only with `--features e2e`, on top of COMMANDS; granted by e2e/capability.json,
// which lib.rs adds at run time in that build alone (capabilities/ holds what ships).
const E2E_ONLY: &[&str] = &["e2e_drop"];

fn main() {
    println!("cargo:rerun-if-changed=e2e/capability.json");
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
