//! Hardening on real parts (SQLite file, Secret Service keychain under
//! scripts/desktop-session.sh, pdfium, the in-process simulator): the data folder
//! is owner-only, and a live account is refused plain http to another machine
//! before any call.
use std::path::Path;
use std::sync::Arc;

use postdesk_core::{AppError, Environment, NoEvents, Postdesk, PostdeskOptions};

fn service(tag: &str) -> String {
    format!("postdesk-test-hardening-{tag}-{}", std::process::id())
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(p: &Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

/// Every folder 0700 and every file 0600 under `dir`, named in the failure.
#[cfg(unix)]
fn assert_owner_only(dir: &Path) {
    let mut wrong = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        let m = mode(&p);
        if p.is_dir() {
            if m != 0o700 {
                wrong.push(format!("{} {m:o}", p.display()));
            }
            stack.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        } else if m & 0o077 != 0 {
            wrong.push(format!("{} {m:o}", p.display()));
        }
    }
    assert!(wrong.is_empty(), "not owner-only: {wrong:#?}");
}

#[cfg(unix)]
#[test]
fn a_fresh_data_folder_and_what_is_written_there_are_owner_only() {
    let tmp = tempfile::tempdir().unwrap();
    set_mode(tmp.path(), 0o755);
    let data = tmp.path().join("data");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(&data, service("fresh")), Arc::new(NoEvents)).await.unwrap();
        // A letter sent: its outbox copy is made from a world-readable file.
        let pdf = tmp.path().join("Brief.pdf");
        std::fs::write(&pdf, postdesk_pdf::sample::clean_letter()).unwrap();
        set_mode(&pdf, 0o644);
        let drafts = app.add_files(vec![pdf]).await.unwrap();
        app.send_checked(&[drafts[0].id], false).unwrap();
        let archived = app.store().letter(drafts[0].id).unwrap();
        assert!(!archived.state.is_final());
        drop(app);
    });
    for name in ["postdesk.sqlite3", "archive", "backups", "sim"] {
        assert!(data.join(name).exists(), "{name} was not made");
    }
    assert_eq!(std::fs::read_dir(data.join("archive")).unwrap().count(), 1, "the outbox copy");
    assert_eq!(std::fs::read_dir(data.join("backups")).unwrap().count(), 1, "the start-up backup");
    assert_owner_only(&data);
    assert_eq!(mode(tmp.path()), 0o755, "the folder above is not Postdesk's");
}

#[cfg(unix)]
#[test]
fn a_data_folder_left_wide_open_is_tightened_at_start() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        drop(Postdesk::open(PostdeskOptions::new(&data, service("wide")), Arc::new(NoEvents)).await.unwrap());
    });
    // As an older version (or a copy from another machine) would have left it.
    std::fs::write(data.join("archive/old.pdf"), b"%PDF-1.4").unwrap();
    std::fs::create_dir_all(data.join("logs")).unwrap();
    std::fs::write(data.join("logs/postdesk.log"), b"log").unwrap();
    let mut stack = vec![data.clone()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            set_mode(&p, 0o777);
            stack.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        } else {
            set_mode(&p, 0o666);
        }
    }
    // Not Postdesk's: left as it is (POSTDESK_DATA_DIR may name a shared folder).
    let notes = data.join("notes.txt");
    std::fs::write(&notes, b"mine").unwrap();
    set_mode(&notes, 0o644);

    rt.block_on(async {
        drop(Postdesk::open(PostdeskOptions::new(&data, service("wide")), Arc::new(NoEvents)).await.unwrap());
    });
    assert_eq!(mode(&notes), 0o644);
    std::fs::remove_file(&notes).unwrap();
    assert_eq!(mode(&data.join("archive/old.pdf")), 0o600);
    assert_eq!(mode(&data.join("logs/postdesk.log")), 0o600);
    assert_owner_only(&data);
}

#[test]
fn a_live_account_with_plain_http_to_another_host_is_refused_before_any_call() {
    let tmp = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let app = Postdesk::open(PostdeskOptions::new(tmp.path(), service("https")), Arc::new(NoEvents)).await.unwrap();
        let st = app.create_company("Klartext GmbH").unwrap();
        let mut row = app.store().account(st.account.id).unwrap();
        row.environment = Environment::Live;
        // `.invalid` never resolves; before the rule the client was built and tried.
        row.base_url = Some("http://api.postdesk.invalid".into());
        app.store().update_account(&row).unwrap();
        let e = AppError::from(app.test_connection().await.unwrap_err());
        assert_eq!(e.code, "base_url_not_https", "{e:?}");
        assert!(e.message.contains("api.postdesk.invalid"), "{e:?}");

        // The same host over https passes the rule (and fails later: no password, no such host).
        row.base_url = Some("https://api.postdesk.invalid".into());
        app.store().update_account(&row).unwrap();
        let e = AppError::from(app.test_connection().await.unwrap_err());
        assert_ne!(e.code, "base_url_not_https", "{e:?}");
    });
}
