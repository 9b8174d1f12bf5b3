//! What several of core's integration tests share: a keychain service name of
//! their own, options against an outside simulator, letters with distinct
//! bytes, and waiting for a condition or for a letter to reach the provider.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use postdesk_core::{LetterState, Postdesk, PostdeskOptions};

/// A keychain service of this test run only (`postdesk-<tag>-<nanos>`).
pub fn service(tag: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("postdesk-{tag}-{nanos:x}")
}

/// A data folder against the simulator at `sim_url`, status calls every 10 ms.
pub fn options(dir: &Path, sim_url: String, svc: &str) -> PostdeskOptions {
    PostdeskOptions {
        sim_url: Some(sim_url),
        sandbox_status_interval: Some(Duration::from_millis(10)),
        http_timeout: Some(Duration::from_secs(30)),
        ..PostdeskOptions::new(dir, svc)
    }
}

/// `n` one-page letters with distinct recipients (so distinct SHA-256s).
pub fn letters(dir: &Path, tag: &str, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let name = format!("Erika Muster {tag} {i}");
            let spec = postdesk_pdf::sample::LetterSpec::to(&[
                &name,
                "Heinrich-Böll-Ring 10",
                "53113 Bonn",
            ]);
            let p = dir.join(format!("{tag}-{i}.pdf"));
            std::fs::write(&p, postdesk_pdf::sample::letter(&spec)).unwrap();
            p
        })
        .collect()
}

/// Waits until `f` holds, at most `limit`.
pub async fn until<F: Fn() -> bool>(what: &str, limit: Duration, f: F) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < limit, "gave up waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The provider has the letter (accepted or further), never failed, within 60 s.
pub async fn until_with_provider(app: &Postdesk, id: i64) {
    let start = Instant::now();
    loop {
        let l = app.store().letter(id).unwrap();
        if matches!(
            l.state,
            LetterState::Submitted
                | LetterState::Accepted
                | LetterState::Released
                | LetterState::Printing
                | LetterState::Sent
        ) {
            return;
        }
        assert_ne!(l.state, LetterState::Failed, "{:?}", l.last_error);
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the letter did not reach the provider"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the letter is in `state`, at most `limit`; fails at once when it
/// ends in another final state (with its last error).
pub async fn until_state(
    app: &Postdesk,
    id: i64,
    state: LetterState,
    limit: Duration,
) -> postdesk_core::Letter {
    let start = Instant::now();
    loop {
        let l = app.store().letter(id).unwrap();
        if l.state == state {
            return l;
        }
        assert!(
            !l.state.is_final(),
            "letter ended in {:?} instead of {state:?}: {:?}",
            l.state,
            l.last_error
        );
        assert!(
            start.elapsed() < limit,
            "letter still {:?} after {limit:?}",
            l.state
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A one-page letter to `recipient`, its address at `at_mm` (left, top) so that it
/// sits in the provider's window, written to `dir/name`.
pub fn letter_at(dir: &Path, name: &str, recipient: &[&str], at_mm: (f32, f32)) -> PathBuf {
    let mut spec = postdesk_pdf::sample::LetterSpec::to(recipient);
    spec.address_at_mm = at_mm;
    let p = dir.join(name);
    std::fs::write(&p, postdesk_pdf::sample::letter(&spec)).unwrap();
    p
}

/// EasyPost's (assumed) window: right, 100–195 mm from the left, 40–80 mm from the top.
pub const EASYPOST_ADDRESS_AT: (f32, f32) = (105.0, 44.0);
/// Ekopost's window: about 112–207 mm from the left, 35–71 mm from the top.
pub const EKOPOST_ADDRESS_AT: (f32, f32) = (118.0, 36.0);

/// The letters the app's sandbox simulator holds for `provider` ("easypost", …).
pub async fn sim_letters_of(app: &Postdesk, provider: &str) -> Vec<serde_json::Value> {
    let letters = postdesk_sim::inspect::letters(app.sandbox_url()).await.unwrap();
    letters.into_iter().filter(|l| l["provider"] == provider).collect()
}
