//! Security: secrets go to the keychain and nowhere else, the web view may call
//! only what the UI calls, and the content security policy is strict.
//!
//! Distinctive test secrets go through every setup flow that exists — the
//! sandbox's onboarding, "Set password…" by SMS PIN (a wrong PIN first, with a
//! second password), Test connection, a new company, Copy credentials, and a letter
//! sent (each send logs in) — with every log line of every crate at TRACE written
//! to `<data>/logs/`. Then the SQLite file, its WAL, the logs, every other file
//! under the data folder (backups, archive…), every IPC payload the window got and
//! every error are searched for each secret, as text and as base64. The
//! simulator's own state (`sim/`) plays the provider's side and is left out.
//! The administrator-contact change (new e-mail confirmed by an SMS code, new
//! mobile confirmed by an e-mail code, a wrong code first) runs too, with the
//! secrets in use; its one-time codes must not cross the IPC or sit in an error.
mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use postdesk_core::secrets::{SecretKind, SecretStore};
use postdesk_core::{AppError, EventSink, Letter, OutboxProgress, Postdesk, PostdeskOptions, Secret};

const PASSWORD: &str = "Pd-Sec-Passw0rd-7f3a9c";
const WRONG_PIN_PASSWORD: &str = "Pd-Sec-NotSaved-41d2e8";

/// Every payload that would cross the IPC to the web view, as JSON.
#[derive(Default)]
struct Payloads(Mutex<Vec<String>>);

impl Payloads {
    fn push(&self, v: &impl serde::Serialize) {
        self.0.lock().unwrap().push(serde_json::to_string(v).unwrap());
    }
}

impl EventSink for Payloads {
    fn letter_changed(&self, l: &Letter) {
        self.push(l);
    }
    fn drafts_changed(&self, _: i64) {}
    fn outbox_progress(&self, p: &OutboxProgress) {
        self.push(p);
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The newest code the sandbox sent to `to` (the inbox lists newest first).
async fn newest_code(app: &Postdesk, to: &str) -> String {
    app.inbox().await.unwrap().into_iter().find(|m| m.to == to && m.code.is_some()).and_then(|m| m.code).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The secret as text and in the base64 forms it could be stored in.
fn forms(s: &str) -> Vec<Vec<u8>> {
    let b = s.as_bytes();
    vec![
        b.to_vec(),
        base64::engine::general_purpose::STANDARD.encode(b).into_bytes(),
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(b).into_bytes(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b).into_bytes(),
    ]
}

#[test]
fn secrets_from_every_setup_flow_are_nowhere_but_in_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    let appender = tracing_subscriber::fmt::writer::BoxMakeWriter::new(Mutex::new(std::fs::File::create(logs.join("postdesk.log")).unwrap()));
    tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_ansi(false).with_writer(appender).init();

    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let svc = format!("postdesk-security-{nanos:x}");
    let payloads = Arc::new(Payloads::default());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut errors: Vec<AppError> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    let (account_id, acme_account, install_id) = rt.block_on(async {
        let opts = PostdeskOptions { sandbox_status_interval: Some(Duration::from_millis(10)), ..PostdeskOptions::new(dir.path(), &svc) };
        let app = Postdesk::open(opts, payloads.clone()).await.unwrap();
        app.start_workers();
        let st = app.status().unwrap();
        payloads.push(&st);
        let sandbox = st.company.clone();
        let account_id = st.account.id;

        // "Set password…": a wrong PIN (its password must not be kept anywhere), then the right one.
        app.epost_request_sms().await.unwrap();
        let pin = app.inbox().await.unwrap().into_iter().find_map(|m| m.code).unwrap();
        let wrong = if pin == "000000" { "111111" } else { "000000" };
        let e = AppError::from(app.epost_set_password(wrong, Secret::new(WRONG_PIN_PASSWORD)).await.unwrap_err());
        errors.push(e);
        let st = app.epost_set_password(&pin, Secret::new(PASSWORD)).await.unwrap();
        payloads.push(&st);
        payloads.push(&app.inbox().await.unwrap().len());

        // Test connection logs in with them.
        app.epost_test_connection().await.unwrap();

        // The administrator contact: new e-mail by SMS code, new mobile by e-mail code.
        let creds = postdesk_sim::inspect::credentials(app.sandbox_url()).await.unwrap();
        let mobile = creds["epost"][0]["mobile"].as_str().unwrap().to_string();
        app.epost_email_request("sicherheit@firma.example").await.unwrap();
        let sms = newest_code(&app, &mobile).await;
        payloads.push(&app.epost_set_email("sicherheit@firma.example", &sms).await.unwrap());
        app.epost_mobile_request("+4915112345678").await.unwrap();
        let mail = newest_code(&app, "sicherheit@firma.example").await;
        let wrong = if mail == "000000" { "111111" } else { "000000" };
        errors.push(AppError::from(app.epost_set_mobile("+4915112345678", wrong).await.unwrap_err()));
        payloads.push(&app.epost_set_mobile("+4915112345678", &mail).await.unwrap());
        payloads.push(&app.epost_admin_contact().unwrap());
        codes.push(sms);
        codes.push(mail);

        // A new company, its setup, and Copy credentials from the sandbox.
        let st = app.create_company("Sicher GmbH").unwrap();
        payloads.push(&st);
        let acme_account = st.account.id;
        if let Err(e) = app.epost_test_connection().await {
            errors.push(AppError::from(e)); // no password yet: the error must not name one
        }
        let st = app.copy_credentials(sandbox.id).unwrap();
        payloads.push(&st);
        let st = app.switch_company(sandbox.id).unwrap();
        payloads.push(&st);

        // A letter through the outbox (the worker logs in and sends).
        let pdf = dir.path().join("Brief.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::clean_letter()).unwrap();
        let drafts = app.add_files(vec![pdf]).await.unwrap();
        payloads.push(&drafts);
        let report = app.send_checked(&[drafts[0].id], false).unwrap();
        payloads.push(&report);
        common::until_with_provider(&app, drafts[0].id).await;
        payloads.push(&app.jobs().unwrap());
        payloads.push(&app.outbox_progress().unwrap());
        let install = app.store().setting("install_id").unwrap().unwrap();
        drop(app);
        (account_id, acme_account, install)
    });
    // A restart takes a backup of the database: it is searched too.
    rt.block_on(async {
        let opts = PostdeskOptions::new(dir.path(), &svc);
        drop(Postdesk::open(opts, Arc::new(postdesk_core::NoEvents)).await.unwrap());
    });

    let ks = SecretStore::new(&svc, install_id);
    let password = ks.get(account_id, SecretKind::Password).unwrap().unwrap();
    let secret = ks.get(account_id, SecretKind::Secret).unwrap().unwrap();
    assert_eq!(password.expose(), PASSWORD, "the password is in the keychain");
    assert!(secret.expose().len() >= 8);
    assert_eq!(ks.get(acme_account, SecretKind::Secret).unwrap().unwrap().expose(), secret.expose(), "copied");
    let secrets = vec![("password", PASSWORD.to_string()), ("refused password", WRONG_PIN_PASSWORD.to_string()), ("secret", secret.expose().to_string())];
    assert_eq!(codes.len(), 2, "both confirmation codes were used");

    let files: Vec<PathBuf> = walk(dir.path()).into_iter().filter(|p| !p.starts_with(dir.path().join("sim"))).collect();
    let names: BTreeSet<String> = files.iter().map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string()).collect();
    assert!(names.contains("postdesk.sqlite3"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("backups/")), "a backup was taken: {names:?}");
    assert!(names.iter().any(|n| n.starts_with("archive/")), "{names:?}");
    let log = std::fs::read_to_string(logs.join("postdesk.log")).unwrap();
    assert!(log.lines().count() > 20, "the log caught the HTTP traffic's trace lines ({} lines)", log.lines().count());
    // The first app's workers still run on `rt`, so its WAL is still there.
    assert!(names.contains("postdesk.sqlite3-wal"), "the WAL is searched too: {names:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for (name, s) in &secrets {
            for f in forms(s) {
                assert!(!contains(&bytes, &f), "the {name} is in {}", file.display());
            }
        }
    }
    let ipc = payloads.0.lock().unwrap().join("\n");
    assert!(ipc.contains("has_password"));
    for e in &errors {
        let text = serde_json::to_string(e).unwrap();
        for (name, s) in &secrets {
            assert!(!text.contains(s.as_str()), "the {name} is in an error: {text}");
        }
    }
    for (name, s) in &secrets {
        for f in forms(s) {
            assert!(!contains(ipc.as_bytes(), &f), "the {name} crossed the IPC");
        }
    }
    // The one-time codes of the admin-contact change are six digits: searched
    // where the clerk's side could see them (IPC, errors) as quoted values, not in
    // binary files, where six digits occur by chance.
    for c in &codes {
        let quoted = format!("\"{c}\"");
        assert!(!ipc.contains(&quoted), "an admin-contact code crossed the IPC");
        for e in &errors {
            assert!(!serde_json::to_string(e).unwrap().contains(c.as_str()), "an admin-contact code is in an error");
        }
    }
    for kind in [SecretKind::Password, SecretKind::Secret] {
        ks.delete(account_id, kind).unwrap();
        ks.delete(acme_account, kind).unwrap();
    }
}

/// The window may call exactly the commands the UI calls (`ui/src/api.ts`, the
/// only module that invokes), and the shipped capability grants exactly those.
#[test]
fn the_capability_grants_only_what_the_ui_calls() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let build = std::fs::read_to_string(root.join("src-tauri/build.rs")).unwrap();
    let list = &build[build.find("const COMMANDS").unwrap()..];
    let list = &list[..list.find("];").unwrap()];
    let declared: BTreeSet<String> = list.split('"').skip(1).step_by(2).map(str::to_owned).collect();
    assert!(declared.len() > 10, "{declared:?}");

    let api = std::fs::read_to_string(root.join("ui/src/api.ts")).unwrap();
    let mut called = BTreeSet::new();
    for part in api.split("call<").skip(1) {
        // call<T>("command" … — the first string after the type.
        let after = &part[part.find(">(\"").map(|i| i + 3).unwrap_or(0)..];
        if let Some(end) = after.find('"') {
            called.insert(after[..end].to_owned());
        }
    }
    called.remove("");
    assert_eq!(declared, called, "build.rs COMMANDS and the commands ui/src/api.ts calls differ");
    let others: Vec<_> = std::fs::read_dir(root.join("ui/src"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().unwrap() != "api.ts")
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|s| s.contains("invoke(")))
        .collect();
    assert!(others.is_empty(), "only api.ts calls invoke(): {others:?}");

    let cap: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("src-tauri/capabilities/main.json")).unwrap()).unwrap();
    let perms: Vec<&str> = cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().expect("plain permission names")).collect();
    let granted: BTreeSet<String> = perms.iter().filter_map(|p| p.strip_prefix("allow-")).map(|p| p.replace('-', "_")).collect();
    assert_eq!(granted, declared, "the capability grants other commands than the UI calls");
    let plugins: BTreeSet<&str> = perms.iter().copied().filter(|p| !p.starts_with("allow-")).collect();
    let expected: BTreeSet<&str> = ["core:app:default", "core:event:default", "core:window:default", "core:webview:default", "dialog:allow-open", "notification:allow-is-permission-granted", "notification:allow-notify"].into();
    assert_eq!(plugins, expected, "no plugin permission beyond the open-file dialog, showing a notification and core basics");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
}

/// No `unsafe-eval`, no remote origin, scripts only from the app itself.
#[test]
fn the_content_security_policy_is_strict() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let conf: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("src-tauri/tauri.conf.json")).unwrap()).unwrap();
    let csp = conf["app"]["security"]["csp"].as_object().expect("a CSP is set");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, v) in csp {
        let v = v.as_str().unwrap();
        assert!(!v.contains("unsafe-eval"), "{directive}: {v}");
        for source in v.split_whitespace() {
            let local = source.starts_with('\'')
                || matches!(source, "blob:" | "data:" | "asset:" | "ipc:")
                || source == "http://asset.localhost"
                || source == "http://ipc.localhost";
            assert!(local, "{directive} allows a remote origin: {source}");
        }
    }
    assert_eq!(conf["app"]["security"]["freezePrototype"], true);
    assert!(conf["app"]["security"].get("dangerousRemoteDomainIpcAccess").is_none());
}
