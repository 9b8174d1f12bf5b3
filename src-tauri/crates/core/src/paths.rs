//! Where Postdesk keeps its files.
use std::path::{Path, PathBuf};

/// `POSTDESK_DATA_DIR`, else the OS app-data folder (`~/.local/share/postdesk`).
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("POSTDESK_DATA_DIR") {
        return PathBuf::from(d);
    }
    directories::ProjectDirs::from("com", "Postdesk", "postdesk")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".postdesk"))
}

/// The data folder holds letters (names, addresses), the job list and backups:
/// on unix only its owner may enter it, and the files in it are the owner's
/// alone (`0700` folders, `0600` files). Elsewhere the OS's per-user app-data
/// folder is left as it is.
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

/// Creates `dir` (and missing folders in it) owner-only. Missing parents
/// outside it are made as usual; an existing `dir` is left as it is (see `tighten`).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)
}

/// Writes a new file readable by its owner only (replacing `path`).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    let mut file = options.open(path)?;
    // `mode` only applies when the file is created.
    set_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A part of a file name made from an outside id (a provider's letter,
/// delivery or document id): ASCII letters, digits and `-` kept, anything else
/// `_`, at most `max` characters. No path separator or `..` survives.
pub fn safe_name_part(s: &str, max: usize) -> String {
    s.chars().take(max).map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// Saves a file fetched from a provider as `dir/name`, owner-only: `dir` is
/// made owner-only if missing, the bytes are written beside as `.part` and
/// renamed, so the file is whole or not there. Returns its path.
pub fn save_private(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, crate::error::CoreError> {
    let ferr = |e: std::io::Error| crate::error::CoreError::File { path: dir.display().to_string(), details: e.to_string() };
    create_private_dir(dir).map_err(ferr)?;
    let path = dir.join(name);
    let tmp = path.with_extension("part");
    write_private(&tmp, bytes).map_err(ferr)?;
    std::fs::rename(&tmp, &path).map_err(ferr)?;
    Ok(path)
}

/// Creates an empty owner-only file at `path` unless one is there (the
/// database before SQLite opens it: its WAL and SHM files take its permissions).
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    match options.open(path) {
        Ok(_) => set_private(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes an existing file owner-only (a copy made by `fs::copy` has its
/// source's permissions; SQLite makes its backups with its own).
pub fn set_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(FILE_MODE))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// What Postdesk keeps in the data folder: the folders it makes (walked
/// whole) and the database's files (`postdesk.sqlite3`, its WAL, set-aside copies).
const OWN_FOLDERS: &[&str] = &[
    "archive",
    "backups",
    "logs",
    "peppol",
    "sim",
    "test-results",
    "wizard",
];

/// At start: the data folder and what Postdesk keeps in it owner-only, also
/// what an older version (or a copy from elsewhere) left wider. Only Postdesk's
/// own entries are touched (`POSTDESK_DATA_DIR` may name a folder with other
/// things in it); symlinks are not followed; what cannot be changed (another
/// owner's file) is logged.
pub fn tighten(data_dir: &Path) {
    #[cfg(unix)]
    {
        tighten_unix(data_dir, false);
        for entry in std::fs::read_dir(data_dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(crate::recovery::DB_FILE) || OWN_FOLDERS.contains(&name.as_ref()) {
                tighten_unix(&entry.path(), true);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = data_dir;
}

#[cfg(unix)]
fn tighten_unix(path: &Path, recurse: bool) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    let want = if meta.is_dir() {
        DIR_MODE
    } else if meta.is_file() {
        FILE_MODE
    } else {
        return;
    };
    let mode = meta.permissions().mode() & 0o777;
    // Only ever narrower: group and others lose everything, the owner keeps what it had.
    if mode & 0o077 != 0 || (meta.is_dir() && mode & 0o700 != 0o700) {
        let narrowed = if meta.is_dir() { want } else { mode & want };
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(narrowed)) {
            tracing::warn!(
                "data folder: cannot make {} owner-only: {e}",
                path.display()
            );
        }
    }
    if recurse && meta.is_dir() {
        for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
            tighten_unix(&entry.path(), true);
        }
    }
}
