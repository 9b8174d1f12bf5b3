//! Where Postdesk keeps its files.
use std::path::PathBuf;

/// `POSTDESK_DATA_DIR`, else the OS app-data folder (`~/.local/share/postdesk`).
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("POSTDESK_DATA_DIR") {
        return PathBuf::from(d);
    }
    directories::ProjectDirs::from("com", "Postdesk", "postdesk")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".postdesk"))
}
