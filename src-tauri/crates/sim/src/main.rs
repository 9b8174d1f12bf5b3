//! `postdesk-sim --port N [--state FILE] [--step-ms N] [--min-status-ms N] [--faults SPEC]`:
//! prints `listening on http://127.0.0.1:PORT` and serves until killed.

use clap::Parser;
use postdesk_sim::{Sim, SimConfig};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "postdesk-sim",
    about = "Postdesk provider simulator (loopback only)"
)]
struct Args {
    /// Port on 127.0.0.1 (0 = a free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Load the state from this JSON file and save it there after every change.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Milliseconds a letter spends in each status (1 → 2 → 3 → 4).
    #[arg(long, default_value_t = 3000)]
    step_ms: u64,
    /// Minimum milliseconds between two status calls of one account (else 429).
    #[arg(long, default_value_t = 5000)]
    min_status_ms: u64,
    /// Injected faults, e.g. `http_5xx=0.1,lost=0.05,seed=7` (syntax: src/faults.rs).
    #[arg(long, value_parser = postdesk_sim::Faults::parse)]
    faults: Option<postdesk_sim::Faults>,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let config = SimConfig {
        port: args.port,
        state_path: args.state,
        step: Duration::from_millis(args.step_ms),
        min_status_interval: Duration::from_millis(args.min_status_ms),
        faults: args.faults.unwrap_or_default(),
        // Open, as tests and scripts expect; the app's own sandbox is guarded.
        token: None,
    };
    let sim = Sim::start(config).await?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {}", sim.base_url())?;
        out.flush()?;
    }
    let _ = tokio::signal::ctrl_c().await;
    sim.shutdown().await;
    Ok(())
}
