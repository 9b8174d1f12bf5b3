//! The optional client certificate for mutual TLS (outside the seed: production
//! access can require one, `shared/providers/easypost.md`).
//!
//! One file, read when the client is built: **PEM** holding the certificate
//! (chain) and its private key, or **PKCS#12** (`.p12`/`.pfx`) with a password.
//! The kind is told by the content, not the name: text starting with
//! `-----BEGIN` is PEM, anything else is tried as PKCS#12. A PKCS#12 store is
//! opened with `p12-keystore` (pure Rust) and written out as PEM for reqwest's
//! rustls `Identity::from_pem`.
//!
//! Each way it can go wrong has its own code ([`codes`]); the password never
//! appears in an error.

use crate::error::{ErrorKind, ProviderError};
use crate::secret::Secret;
use base64::Engine;
use std::path::Path;

/// The error codes of a client certificate (`ProviderError.code`).
pub mod codes {
    /// No file at the path, or not a regular file, or not readable.
    pub const MISSING: &str = "easypost_cert_missing";
    /// Neither PEM with a certificate nor a PKCS#12 store.
    pub const INVALID: &str = "easypost_cert_invalid";
    /// A PKCS#12 store the password does not open (its integrity check fails).
    pub const PASSWORD_WRONG: &str = "easypost_cert_password_wrong";
    /// A certificate without its private key.
    pub const NO_KEY: &str = "easypost_cert_no_key";
    /// The (first, the client's own) certificate's validity has ended.
    pub const EXPIRED: &str = "easypost_cert_expired";
    /// The server ended the TLS handshake over the client certificate: none
    /// was sent, or it does not accept the one sent.
    pub const REFUSED: &str = "easypost_cert_refused";
}

/// Largest certificate file read (a chain of a few certificates is ~10 KB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

fn cert_error(kind: ErrorKind, code: &str, description: impl Into<String>) -> ProviderError {
    let mut e = ProviderError::new(kind, description);
    e.code = Some(code.into());
    e
}

fn invalid(description: impl Into<String>) -> ProviderError {
    cert_error(ErrorKind::Rejected, codes::INVALID, description)
}

/// The client certificate at `path` as reqwest's identity. `password`: the
/// PKCS#12 store's (ignored for PEM; none = the empty password).
pub fn load_identity(
    path: &Path,
    password: Option<&Secret>,
) -> Result<reqwest::Identity, ProviderError> {
    let pem = load_pem(path, password)?;
    check_not_expired(&pem, time::OffsetDateTime::now_utc())?;
    reqwest::Identity::from_pem(&pem)
        .map_err(|e| invalid(format!("the client certificate cannot be used: {e}")))
}

/// The file at `path` as PEM (certificates, then the private key), checked:
/// the distinct errors of [`codes`].
pub fn load_pem(path: &Path, password: Option<&Secret>) -> Result<Vec<u8>, ProviderError> {
    let missing = |why: &str| {
        cert_error(
            ErrorKind::Rejected,
            codes::MISSING,
            format!("no client certificate file at {}: {why}", path.display()),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| missing(&e.kind().to_string()))?;
    if !meta.is_file() {
        return Err(missing("not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(invalid(format!(
            "the file is larger than {} KB: not a client certificate",
            MAX_FILE_BYTES / 1024
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| missing(&e.kind().to_string()))?;
    if looks_like_pem(&bytes) {
        check_pem(&bytes)?;
        Ok(bytes)
    } else {
        pkcs12_to_pem(&bytes, password.map(Secret::expose).unwrap_or(""))
    }
}

fn looks_like_pem(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"-----BEGIN")
}

/// PEM: at least one certificate and one private key block.
fn check_pem(bytes: &[u8]) -> Result<(), ProviderError> {
    let text = String::from_utf8_lossy(bytes);
    let has_cert = text.contains("-----BEGIN CERTIFICATE-----");
    // PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY").
    let has_key = text.lines().any(|l| {
        let l = l.trim();
        l.starts_with("-----BEGIN ") && l.ends_with("PRIVATE KEY-----") && !l.contains("ENCRYPTED")
    });
    if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") && !has_key {
        return Err(invalid(
            "the PEM file's private key is encrypted; export it unencrypted or as PKCS#12",
        ));
    }
    match (has_cert, has_key) {
        (false, _) => Err(invalid("the PEM file holds no certificate")),
        (true, false) => Err(cert_error(
            ErrorKind::Rejected,
            codes::NO_KEY,
            "the PEM file holds a certificate but not its private key",
        )),
        (true, true) => Ok(()),
    }
}

/// A PKCS#12 store opened with `password`, as PEM.
fn pkcs12_to_pem(bytes: &[u8], password: &str) -> Result<Vec<u8>, ProviderError> {
    use p12_keystore::error::Error as P12Error;
    use p12_keystore::{KeyStore, KeyStoreEntry, Pkcs12ImportPolicy};
    let store = KeyStore::from_pkcs12(bytes, password, Pkcs12ImportPolicy::Relaxed).map_err(
        |e| match e {
            // The store's MAC (keyed by the password) does not match.
            // A store without MAC: the wrong password decrypts to bad padding.
            P12Error::MacError(_) | P12Error::UnpadError => cert_error(
                ErrorKind::Auth,
                codes::PASSWORD_WRONG,
                "the password does not open the client certificate (PKCS#12)",
            ),
            other => invalid(format!(
                "not a client certificate (PEM or PKCS#12): {other}"
            )),
        },
    )?;
    let chain = store
        .entries()
        .find_map(|(_, entry)| match entry {
            KeyStoreEntry::PrivateKeyChain(chain) if !chain.certs().is_empty() => Some(chain),
            _ => None,
        })
        .ok_or_else(|| {
            let has_certs = store
                .entries()
                .any(|(_, e)| matches!(e, KeyStoreEntry::Certificate(_)));
            if has_certs {
                cert_error(
                    ErrorKind::Rejected,
                    codes::NO_KEY,
                    "the PKCS#12 store holds certificates but no private key with its certificate",
                )
            } else {
                invalid("the PKCS#12 store holds no certificate with a private key")
            }
        })?;
    let mut pem = String::new();
    for cert in chain.certs() {
        push_pem(&mut pem, "CERTIFICATE", cert.as_der());
    }
    push_pem(&mut pem, "PRIVATE KEY", chain.key().as_der());
    Ok(pem.into_bytes())
}

/// The first certificate of `pem` (the client's own, as both forms put it
/// first) is still valid at `now`; a certificate that cannot be read is left
/// to rustls to refuse.
fn check_not_expired(pem: &[u8], now: time::OffsetDateTime) -> Result<(), ProviderError> {
    let text = String::from_utf8_lossy(pem);
    let Some(body) = text
        .split("-----BEGIN CERTIFICATE-----")
        .nth(1)
        .and_then(|rest| rest.split("-----END CERTIFICATE-----").next())
    else {
        return Ok(());
    };
    let b64: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let Ok(der) = base64::engine::general_purpose::STANDARD.decode(b64) else {
        return Ok(());
    };
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(&der) else {
        return Ok(());
    };
    let until = cert.validity().not_after.timestamp();
    if now.unix_timestamp() > until {
        let date = time::OffsetDateTime::from_unix_timestamp(until)
            .map(|d| d.date().to_string())
            .unwrap_or_default();
        return Err(cert_error(
            ErrorKind::Rejected,
            codes::EXPIRED,
            format!("the client certificate expired on {date}"),
        ));
    }
    Ok(())
}

/// One PEM block: base64 in lines of 64 (RFC 7468).
fn push_pem(out: &mut String, label: &str, der: &[u8]) {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    out.push_str(&format!("-----BEGIN {label}-----\n"));
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
}

/// Did the server end the handshake over the client certificate? rustls
/// reports the peer's alert in the error chain (`received fatal alert:
/// CertificateRequired`, TLS 1.3; `BadCertificate`/`HandshakeFailure` from
/// some TLS 1.2 servers). Then the error gets [`codes::REFUSED`] and `Auth`:
/// retrying will not help, the certificate must change.
pub(crate) fn mark_refused(mut e: ProviderError) -> ProviderError {
    let d = &e.description;
    let refused = [
        "CertificateRequired",
        "BadCertificate",
        "UnknownCA",
        "CertificateUnknown",
    ]
    .iter()
    .any(|alert| d.contains(&format!("received fatal alert: {alert}")));
    if refused {
        e.kind = ErrorKind::Auth;
        e.code = Some(codes::REFUSED.into());
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_blocks_are_told_apart() {
        assert!(looks_like_pem(b"\n  -----BEGIN CERTIFICATE-----\n"));
        assert!(!looks_like_pem(&[0x30, 0x82, 0x01]));
        let cert = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n";
        let key = "-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----\n";
        assert!(check_pem(format!("{cert}{key}").as_bytes()).is_ok());
        assert_eq!(
            check_pem(cert.as_bytes()).unwrap_err().code.as_deref(),
            Some(codes::NO_KEY)
        );
        assert_eq!(
            check_pem(key.as_bytes()).unwrap_err().code.as_deref(),
            Some(codes::INVALID)
        );
        let enc =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert_eq!(
            check_pem(format!("{cert}{enc}").as_bytes())
                .unwrap_err()
                .code
                .as_deref(),
            Some(codes::INVALID)
        );
    }

    #[test]
    fn pem_lines_are_64_wide() {
        let mut out = String::new();
        push_pem(&mut out, "CERTIFICATE", &[7u8; 100]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "-----BEGIN CERTIFICATE-----");
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
    }

    #[test]
    fn refusals_by_alert_are_marked() {
        let e = mark_refused(ProviderError::new(
            ErrorKind::Transient,
            "error sending request: connection error: received fatal alert: CertificateRequired",
        ));
        assert_eq!(
            (e.kind, e.code.as_deref()),
            (ErrorKind::Auth, Some(codes::REFUSED))
        );
        let e = mark_refused(ProviderError::new(
            ErrorKind::Connection,
            "connection refused",
        ));
        assert_eq!(e.code, None);
    }
}
