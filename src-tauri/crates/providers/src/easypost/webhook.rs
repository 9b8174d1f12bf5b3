//! Webhook signatures.
//!
//! The scheme is also written down in `wire.rs` (`WebhookEvent`), for the
//! simulator that signs deliveries.
//!
//! The seed names the webhook events (`wire::webhook_event`) and a secret per
//! subscription, returned once by `POST /webhooks/{id}/reset-secret`, but not
//! how a delivery is signed. CHOICE (ours, as common services do it):
//!
//! ```text
//! x-easypost-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
//! ```
//!
//! - the timestamp is signed with the body, so a captured delivery cannot be
//!   replayed later: `verify` takes it only within `TOLERANCE_SECS` of now;
//! - several `v1=` entries may be given (a secret being rotated): one match is
//!   enough; other keys (`v0=`, …) are ignored;
//! - hex in either case; compared in constant time (`Mac::verify_slice`);
//! - the header is read bounded: at most `MAX_HEADER_LEN` characters, a
//!   timestamp of at most 12 digits (no overflow, no sign).
//!
//! The desktop app polls; this is for a relay receiving the webhooks, and for
//! the simulator that sends them (`sign`).

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use super::wire::SIGNATURE_HEADER;

/// How far the signed time may be from ours, either way (5 minutes; the
/// wire's `SIGNATURE_TOLERANCE_SECS`).
pub const TOLERANCE_SECS: i64 = super::wire::SIGNATURE_TOLERANCE_SECS;

/// A longer header is not ours.
pub const MAX_HEADER_LEN: usize = 2048;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(&super::wire::signed_payload(timestamp, body));
    mac
}

/// The header value for `body` sent at `timestamp` (unix seconds).
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let digest = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex::encode(digest))
}

/// The header's timestamp and its `v1` signatures (decoded), or None when it
/// is not of our shape.
fn parse(header_value: &str) -> Option<(i64, Vec<Vec<u8>>)> {
    if header_value.len() > MAX_HEADER_LEN {
        return None;
    }
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header_value.split(',').take(16) {
        let (key, value) = part.trim().split_once('=')?;
        let value = value.trim();
        match key.trim() {
            "t" => {
                if timestamp.is_some()
                    || value.is_empty()
                    || value.len() > 12
                    || !value.bytes().all(|b| b.is_ascii_digit())
                {
                    return None;
                }
                timestamp = Some(value.parse::<i64>().ok()?);
            }
            // A SHA-256 digest is 32 bytes: 64 hex digits.
            "v1" if value.len() == 64 => {
                if let Ok(bytes) = hex::decode(value) {
                    signatures.push(bytes);
                }
            }
            _ => {}
        }
    }
    Some((timestamp?, signatures)).filter(|(_, s)| !s.is_empty())
}

/// Is `header_value` (the `x-easypost-signature` header) a signature of
/// `body` under `secret`, made within `TOLERANCE_SECS` of `now` (unix seconds)?
pub fn verify_at(secret: &[u8], header_value: &str, body: &[u8], now: i64) -> bool {
    let Some((timestamp, signatures)) = parse(header_value) else {
        return false;
    };
    if now.saturating_sub(timestamp).unsigned_abs() > TOLERANCE_SECS as u64 {
        return false;
    }
    let expected = mac(secret, timestamp, body);
    signatures
        .iter()
        .any(|sig| expected.clone().verify_slice(sig).is_ok())
}

/// `verify_at` now.
pub fn verify(secret: &[u8], header_value: &str, body: &[u8]) -> bool {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    verify_at(secret, header_value, body, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] =
        br#"{"event":"job.status.changed","data":{"id":"job_1","status":"PROCESSING"}}"#;
    const NOW: i64 = 1_772_442_845;

    #[test]
    fn known_vector() {
        // HMAC-SHA256 itself (the common "quick brown fox" vector), then our
        // framing: the MAC of "<t>.<body>".
        let mut m = HmacSha256::new_from_slice(b"key").unwrap();
        m.update(b"The quick brown fox jumps over the lazy dog");
        assert_eq!(
            hex::encode(m.finalize().into_bytes()),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
        let mut m = HmacSha256::new_from_slice(b"key").unwrap();
        m.update(b"1.The quick brown fox");
        assert_eq!(
            sign(b"key", 1, b"The quick brown fox"),
            format!("t=1,v1={}", hex::encode(m.finalize().into_bytes()))
        );
    }

    #[test]
    fn good_signatures_verify() {
        let h = sign(b"whsec_1", NOW, BODY);
        assert!(verify_at(b"whsec_1", &h, BODY, NOW));
        assert!(verify_at(b"whsec_1", &h, BODY, NOW + TOLERANCE_SECS));
        assert!(verify_at(b"whsec_1", &h, BODY, NOW - TOLERANCE_SECS));
        assert!(verify_at(
            b"whsec_1",
            &h.to_uppercase().replace("T=", "t=").replace("V1=", "v1="),
            BODY,
            NOW
        ));
        // Spaces, a rotated secret's second signature, unknown keys.
        let old = sign(b"whsec_0", NOW, BODY);
        let both = format!(
            " t={NOW} , v0=abc, v1={}, v1={}",
            &old[old.find("v1=").unwrap() + 3..],
            &h[h.find("v1=").unwrap() + 3..]
        );
        assert!(verify_at(b"whsec_1", &both, BODY, NOW));
        assert!(verify_at(b"whsec_0", &both, BODY, NOW));
        assert!(verify(
            b"k",
            &sign(b"k", time::OffsetDateTime::now_utc().unix_timestamp(), BODY),
            BODY
        ));
    }

    #[test]
    fn bad_or_tampered_signatures_fail() {
        let h = sign(b"whsec_1", NOW, BODY);
        assert!(!verify_at(b"whsec_2", &h, BODY, NOW), "other secret");
        let mut tampered = BODY.to_vec();
        tampered[40] ^= 1;
        assert!(!verify_at(b"whsec_1", &h, &tampered, NOW), "body changed");
        let moved = h.replacen(&format!("t={NOW}"), &format!("t={}", NOW + 1), 1);
        assert!(
            !verify_at(b"whsec_1", &moved, BODY, NOW),
            "timestamp changed"
        );
        assert!(
            !verify_at(b"whsec_1", &h, BODY, NOW + TOLERANCE_SECS + 1),
            "too old"
        );
        assert!(
            !verify_at(b"whsec_1", &h, BODY, NOW - TOLERANCE_SECS - 1),
            "from the future"
        );
        let mut flipped = h.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == '0' { '1' } else { '0' });
        assert!(!verify_at(b"whsec_1", &flipped, BODY, NOW), "one digit");
    }

    #[test]
    fn garbage_headers_fail() {
        let sig = {
            let h = sign(b"s", NOW, BODY);
            h[h.find("v1=").unwrap() + 3..].to_owned()
        };
        for header in [
            String::new(),
            "garbage".into(),
            "t=,v1=".into(),
            format!("v1={sig}"),
            format!("t={NOW}"),
            format!("t={NOW},v1={}", &sig[..62]),
            format!("t={NOW},v1={}zz", &sig[..62]),
            format!("t=-{NOW},v1={sig}"),
            format!("t=+{NOW},v1={sig}"),
            format!("t=99999999999999999999999,v1={sig}"),
            format!("t={NOW},t={NOW},v1={sig}"),
            format!("t={NOW};v1={sig}"),
            format!("t={NOW},v1={sig},{}", "x".repeat(MAX_HEADER_LEN)),
            format!("t=１２,v1={sig}"),
        ] {
            assert!(!verify_at(b"s", &header, BODY, NOW), "{header:?}");
        }
        // i64 extremes do not overflow.
        assert!(!verify_at(
            b"s",
            &format!("t=999999999999,v1={sig}"),
            BODY,
            i64::MIN
        ));
        assert!(!verify_at(b"s", &format!("t=0,v1={sig}"), BODY, i64::MAX));
    }
}
