//! The whole simulator state (serde), the inbox, and saving/loading it.

use crate::easypost::EasypostState;
use crate::ekopost::EkopostState;
use crate::epost::EpostState;
use crate::posti::PostiState;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Everything the simulator knows; saved as one JSON file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SimState {
    pub epost: EpostState,
    pub ekopost: EkopostState,
    pub posti: PostiState,
    pub easypost: EasypostState,
    pub inbox: Vec<InboxMessage>,
    pub next_message_id: i64,
}

/// `sms` or `email`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

impl PartialEq<&str> for Channel {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An SMS or e-mail the provider "sent" (the app's sandbox inbox).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxMessage {
    pub id: i64,
    pub channel: Channel,
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
    /// The code in the message, when it carries one.
    pub code: Option<String>,
    /// RFC 3339.
    pub at: String,
}

impl SimState {
    pub fn send_message(
        &mut self,
        channel: Channel,
        to: &str,
        subject: Option<&str>,
        body: String,
        code: Option<String>,
    ) {
        self.next_message_id += 1;
        self.inbox.push(InboxMessage {
            id: self.next_message_id,
            channel,
            to: to.to_owned(),
            subject: subject.map(str::to_owned),
            body,
            code,
            at: now_text(),
        });
    }

    /// Drop what has outlived its use at `now` (test letters' PDFs after
    /// 48 h); true when anything was dropped. Run at start and on every change.
    pub fn expire(&mut self, now: OffsetDateTime) -> bool {
        let jobs = self.easypost.expire(now);
        self.epost.expire(now) || jobs
    }

    pub fn load(path: &Path) -> io::Result<SimState> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: {e}", path.display()),
                )
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(SimState::default()),
            Err(e) => Err(e),
        }
    }

    /// Write to a temporary file beside `path`, then rename: never half a file.
    /// Owner-only on unix: it holds the sandbox's credentials, and in the app
    /// it lives in the owner-only data folder.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let bytes = serde_json::to_vec(self).map_err(io::Error::other)?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(0o600);
            // `mode` applies to a new file only; a leftover tmp is narrowed too.
            if tmp.exists() {
                std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
            }
        }
        io::Write::write_all(&mut options.open(&tmp)?, &bytes)?;
        std::fs::rename(&tmp, path)
    }
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub fn text(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

pub fn now_text() -> String {
    text(now())
}
