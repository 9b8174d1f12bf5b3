//! The provider simulator: a real HTTP server on loopback that speaks the
//! providers' APIs (E-POSTBUSINESS under `/api/…`, Ekopost under `/ekopost/…`, Posti under `/posti/…`, EasyPost Connect under `/easypost/…`), plus inspection endpoints
//! under `/_sim/` for the app's sandbox inbox and for tests. With
//! `SimConfig::token` it answers only its own app (see `guard`).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use postdesk_sim::{Sim, SimConfig};
//! let sim = Sim::start(SimConfig::default()).await?;
//! println!("{}", sim.base_url()); // http://127.0.0.1:PORT
//! sim.shutdown().await;
//! # Ok(()) }
//! ```

mod config;
mod easypost;
mod ekopost;
mod posti;
mod epost;
pub mod faults;
mod guard;
pub mod inspect;
mod reply;
mod server;
mod state;

pub use config::SimConfig;
pub use ekopost::webhook::SignedCallback;
pub use faults::Faults;
pub use guard::new_token;
pub use server::{Sim, SimHandle};
pub use state::{Channel, InboxMessage};
