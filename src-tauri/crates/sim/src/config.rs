//! `SimConfig`.

use postdesk_providers::secret::Secret;
use std::path::PathBuf;
use std::time::Duration;

/// How to run the simulator.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// When set, the whole state is loaded from here at start and saved here
    /// (JSON) after every change.
    pub state_path: Option<PathBuf>,
    /// Time a letter spends in each status before the next (1 → 2 → 3 → 4).
    /// Zero: a letter is at 4 at once.
    pub step: Duration,
    /// Minimum time between two status calls of one account; faster → 429.
    pub min_status_interval: Duration,
    /// Injected faults (none by default); see `faults`.
    pub faults: crate::faults::Faults,
    /// Set: a guarded simulator (the app's in-process sandbox). Every call goes
    /// under `/<token>/…` and names this server as `127.0.0.1:PORT` or
    /// `localhost:PORT` in its Host; see `guard`. None (the standalone binary,
    /// tests): open to whoever reaches the port.
    pub token: Option<Secret>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            port: 0,
            state_path: None,
            step: Duration::from_secs(3),
            min_status_interval: Duration::from_secs(5),
            faults: Default::default(),
            token: None,
        }
    }
}

impl SimConfig {
    /// Defaults with a free port and the given step; handy for tests.
    pub fn fast(step: Duration, min_status_interval: Duration) -> Self {
        SimConfig {
            step,
            min_status_interval,
            ..SimConfig::default()
        }
    }
}
