//! `Sim::start` → `SimHandle`: the axum server, shared state, shutdown.

use crate::config::SimConfig;
use crate::state::{InboxMessage, SimState};
use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Request bodies of the calls that upload a letter (E-POST `POST /api/Letter`,
/// Ekopost content) up to this size: one letter of the providers' largest (20 MB)
/// as base64 in JSON, plus room for the other fields and an own cover page.
/// The app sends one letter per call.
pub(crate) const LETTER_BODY_LIMIT: usize = postdesk_providers::http::MAX_PDF_BODY as usize;
/// Every other call is a small JSON object.
pub(crate) const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// What every handler shares.
pub(crate) struct Shared {
    pub config: SimConfig,
    /// `http://127.0.0.1:PORT` (and `/<token>` when guarded), for the
    /// credentials page.
    pub base_url: String,
    state: Mutex<SimState>,
    /// Last status call per account key; not persisted (a restart forgets it).
    pub status_calls: Mutex<HashMap<String, Instant>>,
    /// Injected faults (see `faults`); not persisted.
    pub faults: Mutex<crate::faults::FaultState>,
}

pub(crate) type AppState = Arc<Shared>;

impl Shared {
    pub fn read(&self) -> MutexGuard<'_, SimState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Change the state; saved to `state_path` when the closure returns Ok,
    /// after dropping what has expired (`SimState::expire`).
    pub fn change<T, E>(&self, f: impl FnOnce(&mut SimState) -> Result<T, E>) -> Result<T, E> {
        let mut state = self.read();
        let out = f(&mut state)?;
        state.expire(crate::state::now());
        if let Some(path) = &self.config.state_path {
            if let Err(e) = state.save(path) {
                tracing::error!("sim: cannot save state to {}: {e}", path.display());
            }
        }
        Ok(out)
    }
}

/// The simulator; see `Sim::start`.
pub struct Sim;

impl Sim {
    /// Bind 127.0.0.1:`config.port` (0 = free port), load the state file when
    /// there is one, and serve in a background task of the current runtime.
    pub async fn start(config: SimConfig) -> io::Result<SimHandle> {
        let mut state = match &config.state_path {
            Some(path) => SimState::load(path)?,
            None => SimState::default(),
        };
        let expired = state.expire(crate::state::now());
        let posti_new = state.posti.ensure_credentials();
        let easypost_new = state.easypost.ensure_credentials();
        if state.ekopost.ensure_credentials() || posti_new || easypost_new || expired {
            if let Some(path) = &config.state_path {
                state.save(path)?;
            }
        }
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            base_url: base_url(addr, config.token.as_ref()),
            state: Mutex::new(state),
            status_calls: Mutex::new(HashMap::new()),
            faults: Mutex::new(crate::faults::FaultState::new(config.faults.clone())),
            config,
        });
        let app = match &shared.config.token {
            Some(token) => guarded(
                router(shared.clone()),
                crate::guard::Guard::new(token, addr.port()),
            ),
            None => router(shared.clone()),
        };
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = rx.await;
            });
            if let Err(e) = serve.await {
                tracing::error!("sim: server stopped: {e}");
            }
        });
        tracing::info!("sim: listening on http://{addr}");
        Ok(SimHandle {
            addr,
            shared,
            shutdown: Some(tx),
            task: Some(task),
        })
    }
}

pub(crate) fn router(shared: AppState) -> Router {
    Router::new()
        .merge(crate::epost::routes())
        .nest(crate::ekopost::PREFIX, crate::ekopost::routes())
        .nest(crate::posti::PREFIX, crate::posti::routes())
        .route("/_sim/posti/new-key", axum::routing::post(crate::posti::new_key_handler))
        .nest(crate::easypost::PREFIX, crate::easypost::routes())
        .merge(crate::easypost::sim_routes())
        .merge(crate::inspect::routes())
        .route(
            "/_sim/faults",
            axum::routing::get(crate::faults::get_faults).post(crate::faults::set_faults),
        )
        .layer(axum::middleware::from_fn_with_state(shared.clone(), crate::faults::layer))
        // The letter uploads set their own, larger limit on their route.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

/// The routes behind the guard: it checks Host and token and strips the
/// token's prefix before `routes` routes (see `guard`).
fn guarded(routes: Router, guard: Arc<crate::guard::Guard>) -> Router {
    Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::from_fn_with_state(
            guard,
            crate::guard::check,
        ))
}

fn base_url(addr: SocketAddr, token: Option<&postdesk_providers::secret::Secret>) -> String {
    match token {
        Some(t) => format!("http://{addr}/{}", t.expose()),
        None => format!("http://{addr}"),
    }
}

/// A running simulator. Dropping it stops the server (gracefully, in the
/// background); `shutdown().await` stops it and waits.
pub struct SimHandle {
    addr: SocketAddr,
    shared: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl SimHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, no trailing slash; `http://127.0.0.1:PORT/<token>`
    /// when guarded (`SimConfig::token`): a secret then, never to be logged.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    pub fn config(&self) -> &SimConfig {
        &self.shared.config
    }

    /// The inbox, as `GET /_sim/inbox` shows it.
    pub fn inbox(&self) -> Vec<InboxMessage> {
        self.shared.read().inbox.clone()
    }

    /// The code of the newest message to `to` that carries one.
    pub fn latest_code(&self, to: &str) -> Option<String> {
        self.shared
            .read()
            .inbox
            .iter()
            .rev()
            .find(|m| m.to == to)
            .and_then(|m| m.code.clone())
    }

    /// Every accepted letter, as `GET /_sim/letters` shows it.
    pub fn letters(&self) -> Vec<serde_json::Value> {
        crate::inspect::letters_json(&self.shared)
    }

    /// The accounts per provider, as `GET /_sim/credentials` shows them.
    pub fn credentials(&self) -> serde_json::Value {
        crate::inspect::credentials_json(&self.shared)
    }

    /// Posti's API base URL here: `{base_url}/posti`.
    pub fn posti_base_url(&self) -> String {
        format!("{}{}", self.base_url(), crate::posti::PREFIX)
    }

    /// The OmaPosti Pro key the sandbox's main user made.
    pub fn posti_api_key(&self) -> String {
        self.shared.read().posti.api_key.clone()
    }

    /// The main user deletes the key and makes a new one; the new key.
    pub fn posti_new_key(&self) -> String {
        self.shared.change(|s| Ok::<_, ()>(s.posti.new_key())).unwrap_or_default()
    }

    /// EasyPost Connect's API base URL here: `{base_url}/easypost`.
    pub fn easypost_base_url(&self) -> String {
        format!("{}{}", self.base_url(), crate::easypost::PREFIX)
    }

    /// The sandbox company's EasyPost `x-api-key` (also in `/_sim/credentials`).
    pub fn easypost_api_key(&self) -> String {
        self.shared.read().easypost.api_key.clone()
    }

    /// The sandbox's EasyPost OAuth2 client: `(client_id, client_secret)`.
    pub fn easypost_client(&self) -> (String, String) {
        let state = self.shared.read();
        (state.easypost.client_id.clone(), state.easypost.client_secret.clone())
    }

    /// The Ekopost API's base URL here: `{base_url}/ekopost`.
    pub fn ekopost_base_url(&self) -> String {
        format!("{}{}", self.base_url(), crate::ekopost::PREFIX)
    }

    /// The sandbox Ekopost API key (also in `/_sim/credentials`).
    pub fn ekopost_api_key(&self) -> String {
        self.shared.read().ekopost.api_key.clone()
    }

    /// The signed "campaign completed" callback Ekopost would send for this
    /// campaign, once it is completed; None before (or for an unknown id).
    pub fn ekopost_callback(&self, campaign_id: &str) -> Option<crate::SignedCallback> {
        crate::ekopost::webhook::campaign_completed(&self.shared, campaign_id)
    }

    /// Invalidate every bearer token (as an expiry would): the next call of a
    /// client gets 401 and has to log in again.
    pub fn revoke_tokens(&self) {
        let _ = self.shared.change(|state| {
            state.epost.tokens.clear();
            Ok::<_, ()>(())
        });
    }

    /// Replace the injected faults (as `POST /_sim/faults`).
    pub fn set_faults(&self, faults: crate::faults::Faults) {
        *self.shared.faults.lock().unwrap_or_else(|p| p.into_inner()) = crate::faults::FaultState::new(faults);
    }

    /// Stop serving and wait until the server task has ended.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl std::fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimHandle")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}
