//! postdesk-core: companies, accounts, options, letters and jobs; the SQLite
//! store, the keychain, the outbox and status refresh. Knows nothing of Tauri
//! and nothing of HTTP (providers do that; the sandbox is the simulator crate).
pub mod admin;
pub mod app;
pub mod diagnostics;
pub mod ekopost_setup;
pub mod error;
pub mod events;
pub mod hotfolder;
pub mod logs;
pub mod model;
pub mod outbox;
pub mod providers;
pub mod recovery;
pub mod paths;
pub mod deliveries;
pub mod easypost_inbox;
pub mod easypost_setup;
pub mod posti_setup;
pub mod sandbox;
pub mod secrets;
pub mod sending;
pub mod setup;
pub mod split;
pub mod store;
mod test_hooks;
pub mod wizard;

pub use admin::AdminContact;
pub use app::{Origin, Postdesk, PostdeskOptions};
pub use error::CoreError;
pub use events::{EventSink, NoEvents};
pub use model::*;
pub use ekopost_setup::EkopostSetup;
pub use easypost_setup::{EasypostReach, EasypostSetup};
pub use posti_setup::PostiSetup;
pub use postdesk_providers::posti::Reach as PostiReach;
pub use setup::EpostSetup;
pub use providers::describe;
pub use postdesk_providers::secret::Secret;
