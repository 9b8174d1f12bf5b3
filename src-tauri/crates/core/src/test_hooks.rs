//! Hooks for crash tests, compiled into debug builds only (release builds have
//! none): `POSTDESK_CRASH_AFTER_STEP=<step>` kills the process the moment a
//! multi-step send has recorded that step, as a power cut would, so a test can
//! prove the next run resumes there and sends the letter exactly once.
//! `POSTDESK_TEST_KEYCHAIN_WRITE_FAILS=<kind>` (`password`, `secret`, `api_key`)
//! makes every keychain write of that kind fail, as a locked keychain would.
use postdesk_providers::Steps;

#[cfg(debug_assertions)]
pub(crate) fn after_step(steps: &Steps) {
    if let Ok(step) = std::env::var("POSTDESK_CRASH_AFTER_STEP") {
        if steps.get(step.trim()).is_some() {
            eprintln!("postdesk: crash hook: killed after step {step}");
            std::process::abort();
        }
    }
}

#[cfg(not(debug_assertions))]
pub(crate) fn after_step(_steps: &Steps) {}

#[cfg(debug_assertions)]
pub(crate) fn keychain_write_fails(kind: &str) -> bool {
    std::env::var("POSTDESK_TEST_KEYCHAIN_WRITE_FAILS").is_ok_and(|k| k.trim() == kind)
}

#[cfg(not(debug_assertions))]
pub(crate) fn keychain_write_fails(_kind: &str) -> bool {
    false
}

/// `POSTDESK_CRASH_AFTER_STEP=<point>` kills the process at a named point of a
/// multi-step task that is not a send (a hot folder's take: `hot_claimed`,
/// `hot_drafted`, `hot_queued`, `hot_moving`, `hot_moved`).
#[cfg(debug_assertions)]
pub(crate) fn crash_at(point: &str) {
    if std::env::var("POSTDESK_CRASH_AFTER_STEP").is_ok_and(|s| s.trim() == point) {
        eprintln!("postdesk: crash hook: killed at {point}");
        std::process::abort();
    }
}

#[cfg(not(debug_assertions))]
pub(crate) fn crash_at(_point: &str) {}
