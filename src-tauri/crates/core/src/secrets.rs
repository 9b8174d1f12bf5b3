//! Secrets (E-POST password and secret, API keys) in the OS keychain via
//! `keyring` with a real backend (Secret Service on Linux). Never in SQLite,
//! never in a log, never across the IPC.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use postdesk_providers::secret::Secret;

use crate::error::CoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    Password,
    Secret,
    /// A provider's API key (Ekopost).
    ApiKey,
    /// An OAuth2 client secret (EasyPost).
    ClientSecret,
    /// The password of a client certificate (PKCS#12; EasyPost).
    CertificatePassword,
}

impl SecretKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Secret => "secret",
            Self::ApiKey => "api_key",
            Self::ClientSecret => "client_secret",
            Self::CertificatePassword => "certificate_password",
        }
    }
}

/// Entries are named `<install id>/account-<id>/<kind>` under one service, so two
/// data folders (two installs, or tests) never share an entry.
///
/// A value the provider already made current but the keychain refused to store
/// (a password changed by SMS PIN) is **held** in memory: `get` answers it, so
/// this run keeps working, and `flush` writes it once the keychain is back.
/// Held values never leave the process and are gone when it ends.
#[derive(Debug, Clone)]
pub struct SecretStore {
    service: String,
    install_id: String,
    held: Arc<Mutex<HashMap<(i64, SecretKind), Secret>>>,
}

fn keychain(e: keyring::Error) -> CoreError {
    // keyring's messages name the backend's failure, not the secret.
    CoreError::Keychain { details: e.to_string() }
}

impl SecretStore {
    pub fn new(service: impl Into<String>, install_id: impl Into<String>) -> Self {
        Self { service: service.into(), install_id: install_id.into(), held: Default::default() }
    }

    /// Service name from `POSTDESK_KEYRING_SERVICE`, default `postdesk`.
    pub fn service_from_env() -> String {
        std::env::var("POSTDESK_KEYRING_SERVICE").unwrap_or_else(|_| "postdesk".into())
    }

    fn entry(&self, account_id: i64, kind: SecretKind) -> Result<keyring::Entry, CoreError> {
        let user = format!("{}/account-{account_id}/{}", self.install_id, kind.as_str());
        keyring::Entry::new(&self.service, &user).map_err(keychain)
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashMap<(i64, SecretKind), Secret>> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set(&self, account_id: i64, kind: SecretKind, value: &Secret) -> Result<(), CoreError> {
        if crate::test_hooks::keychain_write_fails(kind.as_str()) {
            return Err(CoreError::Keychain { details: "test hook: the keychain refused the write".into() });
        }
        self.entry(account_id, kind)?.set_password(value.expose()).map_err(keychain)?;
        self.held().remove(&(account_id, kind));
        Ok(())
    }

    /// Keeps `value` in memory for this run (see the type's doc).
    pub fn hold(&self, account_id: i64, kind: SecretKind, value: &Secret) {
        self.held().insert((account_id, kind), value.clone());
    }

    /// The account has values the keychain has not stored yet.
    pub fn has_held(&self, account_id: i64) -> bool {
        self.held().keys().any(|(a, _)| *a == account_id)
    }

    /// Writes the account's held values into the keychain; those written are no
    /// longer held. The first failure is returned (the rest stay held).
    pub fn flush(&self, account_id: i64) -> Result<(), CoreError> {
        let pending: Vec<(SecretKind, Secret)> =
            self.held().iter().filter(|((a, _), _)| *a == account_id).map(|((_, k), v)| (*k, v.clone())).collect();
        for (kind, value) in pending {
            self.set(account_id, kind, &value)?;
        }
        Ok(())
    }

    pub fn get(&self, account_id: i64, kind: SecretKind) -> Result<Option<Secret>, CoreError> {
        if let Some(v) = self.held().get(&(account_id, kind)) {
            return Ok(Some(v.clone()));
        }
        match self.entry(account_id, kind)?.get_password() {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain(e)),
        }
    }

    pub fn delete(&self, account_id: i64, kind: SecretKind) -> Result<(), CoreError> {
        match self.entry(account_id, kind)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain(e)),
        }
    }

    /// Writes, reads back and deletes a probe entry: fails early and clearly when
    /// no keychain daemon answers (instead of losing secrets later). The entry is
    /// this process's own: the window and CLI runs starting at the same moment
    /// must not replace or delete each other's probe between write and read.
    pub fn probe(&self) -> Result<(), CoreError> {
        let name = format!("{}/probe-{}", self.install_id, std::process::id());
        let e = keyring::Entry::new(&self.service, &name).map_err(keychain)?;
        e.set_password("probe").map_err(keychain)?;
        let back = e.get_password().map_err(keychain)?;
        let _ = e.delete_credential();
        if back != "probe" {
            return Err(CoreError::Keychain { details: "the keychain did not return what was stored".into() });
        }
        Ok(())
    }
}
