//! `Postdesk`: the one object the window and the CLI talk to. It owns the store,
//! the keychain, the PDF engine, the sandbox and the background workers.
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use postdesk_pdf::worker::{Pdf, PdfWorker};
use postdesk_pdf::{PdfEngine, ProviderRules};
use tokio::sync::Notify;

use crate::error::{CoreError, RuleCode};
use crate::events::EventSink;
use crate::model::*;
use crate::sandbox::Sandbox;
use crate::secrets::SecretStore;
use crate::store::{AccountRow, NewLetter, Store};

pub struct PostdeskOptions {
    pub data_dir: PathBuf,
    /// Use an already running simulator at this URL for the sandbox company
    /// instead of starting one in this process.
    pub sim_url: Option<String>,
    /// libpdfium; None = the usual places (see postdesk-pdf).
    pub pdfium: Option<PathBuf>,
    pub keyring_service: String,
    /// Minimum time between status calls of the sandbox account (env
    /// `POSTDESK_SANDBOX_STATUS_MS`); None = the account's setting. For tests and
    /// benches against a simulator started with a small `--min-status-ms`.
    pub sandbox_status_interval: Option<Duration>,
    /// Whole-request timeout of provider calls (env `POSTDESK_HTTP_TIMEOUT_MS`,
    /// default 60 s).
    pub http_timeout: Option<Duration>,
    /// How long a claim on a letter outlives this process if it dies (env
    /// `POSTDESK_CLAIM_LEASE_MS`, default `CLAIM_LEASE`): another process takes
    /// a dead one's letters over after this. Renewed while the process lives.
    pub claim_lease: Option<Duration>,
    /// Who this process is: its drafts are its own (the window's desk never
    /// shows the CLI's half-done batches).
    pub origin: Origin,
    /// Test builds only: companies with their own account talk to the sandbox's
    /// simulator instead of the live API, so the real-account path (setup
    /// assistant, SMS PIN) can be driven end to end without an account.
    pub real_api_on_sandbox: bool,
    /// Check and render PDFs in a supervised worker process started with this
    /// command (the app and the CLI: their own executable), so a PDF that
    /// crashes or hangs pdfium never takes this process down. None: pdfium in
    /// this process (tests, benches).
    pub pdf_worker: Option<postdesk_pdf::worker::WorkerCommand>,
    /// The time scheduled letters are compared with (Unix ms). None: the system
    /// clock. Tests move it past a letter's day.
    pub clock: Option<Clock>,
    /// How long a hot folder's file must stay unchanged before it is taken (env
    /// `POSTDESK_HOT_STABLE_MS`); None: `hotfolder::STABLE_FOR`.
    pub hot_stable: Option<Duration>,
}

/// Now, in Unix ms.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    #[default]
    Window,
    Cli,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Window => "window",
            Origin::Cli => "cli",
        }
    }
}

impl PostdeskOptions {
    /// A data folder and keychain service with every other option at its default
    /// (in-process sandbox, pdfium from the usual places).
    pub fn new(data_dir: impl Into<PathBuf>, keyring_service: impl Into<String>) -> Self {
        Self {
            data_dir: data_dir.into(),
            sim_url: None,
            pdfium: None,
            keyring_service: keyring_service.into(),
            sandbox_status_interval: None,
            http_timeout: None,
            claim_lease: None,
            origin: Origin::Window,
            real_api_on_sandbox: false,
            pdf_worker: None,
            clock: None,
            hot_stable: None,
        }
    }

    pub fn from_env() -> Self {
        Self {
            data_dir: crate::paths::data_dir(),
            sim_url: std::env::var("POSTDESK_SIM_URL").ok(),
            pdfium: None,
            keyring_service: SecretStore::service_from_env(),
            sandbox_status_interval: env_ms("POSTDESK_SANDBOX_STATUS_MS"),
            http_timeout: env_ms("POSTDESK_HTTP_TIMEOUT_MS"),
            claim_lease: env_ms("POSTDESK_CLAIM_LEASE_MS"),
            origin: Origin::Window,
            real_api_on_sandbox: false,
            pdf_worker: None,
            clock: None,
            hot_stable: env_ms("POSTDESK_HOT_STABLE_MS"),
        }
    }
}

fn env_ms(name: &str) -> Option<Duration> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).map(Duration::from_millis)
}

pub(crate) struct Inner {
    pub store: Store,
    pub secrets: SecretStore,
    pub pdf: Pdf,
    pub sandbox: Sandbox,
    pub data_dir: PathBuf,
    pub events: Arc<dyn EventSink>,
    pub providers: crate::providers::Cache,
    pub wake_outbox: Notify,
    /// The `outbox_paused` setting as last read (the database is the truth:
    /// another process may pause or resume; this answers if it cannot be read).
    pub paused: AtomicBool,
    /// This process run in the claims it makes (see `outbox`).
    pub owner: String,
    pub claim_lease: Duration,
    /// The outbox worker's send slots (`IN_FLIGHT`).
    pub slots: Arc<tokio::sync::Semaphore>,
    /// `finish_sending` was called: the worker claims nothing more.
    pub stopping: AtomicBool,
    /// Something the progress panel counts changed (see `outbox::progress_loop`).
    pub progress_dirty: Notify,
    pub sandbox_status_interval: Option<Duration>,
    pub http_timeout: Duration,
    pub origin: Origin,
    pub real_api_on_sandbox: bool,
    pub clock: Clock,
    pub hot: crate::hotfolder::HotState,
}

#[derive(Clone)]
pub struct Postdesk {
    pub(crate) inner: Arc<Inner>,
}

const CURRENT_COMPANY: &str = "current_company_id";
const INSTALL_ID: &str = "install_id";
const OUTBOX_PAUSED: &str = "outbox_paused";
/// A claim's lease unless `PostdeskOptions::claim_lease` says otherwise: a dead
/// process's letters wait this long before another process takes them over.
pub const CLAIM_LEASE: Duration = Duration::from_secs(30);
/// `add-progress` events at most this often (plus one at the end).
const ADD_PROGRESS_EVERY: Duration = Duration::from_millis(150);

impl Postdesk {
    /// Opens (or creates) the data folder, checks the keychain, starts the sandbox
    /// and makes sure a Sandbox company exists. Does not start the workers.
    pub async fn open(opts: PostdeskOptions, events: Arc<dyn EventSink>) -> Result<Self, CoreError> {
        // Owner-only, also when an older version left it wider (see `paths`).
        crate::paths::create_private_dir(&opts.data_dir).map_err(|e| CoreError::file(&opts.data_dir, e))?;
        crate::paths::tighten(&opts.data_dir);
        crate::paths::create_private_dir(&opts.data_dir.join("archive")).map_err(|e| CoreError::file(&opts.data_dir, e))?;
        let db = opts.data_dir.join(crate::recovery::DB_FILE);
        crate::paths::create_private_file(&db).map_err(|e| CoreError::file(&db, e))?;
        let store = Store::open(&db)?;
        // Opened cleanly: this is the copy a later damaged file can be restored from.
        if let Err(e) = store.backup(&opts.data_dir) {
            tracing::warn!("start-up backup: {e}");
        }
        crate::outbox::clean_orphans(&store, &opts.data_dir);
        let install_id = match store.setting(INSTALL_ID)? {
            Some(id) => id,
            None => {
                let id = uuid::Uuid::new_v4().simple().to_string();
                store.set_setting(INSTALL_ID, &id)?;
                id
            }
        };
        let paused = store.setting(OUTBOX_PAUSED)?.as_deref() == Some("1");
        let secrets = SecretStore::new(opts.keyring_service, install_id);
        {
            let s = secrets.clone();
            tokio::task::spawn_blocking(move || s.probe()).await.map_err(join)??;
        }
        let pdfium = opts.pdfium.clone();
        let worker = opts.pdf_worker.clone();
        let pdf = tokio::task::spawn_blocking(move || match worker {
            Some(cmd) => PdfWorker::start(cmd).map(Pdf::Worker),
            None => PdfEngine::start(pdfium).map(Pdf::InProcess),
        })
        .await
        .map_err(join)??;
        let sandbox = match &opts.sim_url {
            Some(url) => Sandbox::external(url.clone()),
            None => Sandbox::start(&opts.data_dir.join("sim")).await?,
        };
        let app = Self {
            inner: Arc::new(Inner {
                store,
                secrets,
                pdf,
                sandbox,
                data_dir: opts.data_dir,
                events,
                providers: Default::default(),
                wake_outbox: Notify::new(),
                paused: AtomicBool::new(paused),
                owner: uuid::Uuid::new_v4().simple().to_string(),
                // Renewed every third of it: not so short that a busy moment loses it.
                claim_lease: opts.claim_lease.unwrap_or(CLAIM_LEASE).max(Duration::from_millis(300)),
                slots: Arc::new(tokio::sync::Semaphore::new(crate::outbox::IN_FLIGHT)),
                stopping: AtomicBool::new(false),
                progress_dirty: Notify::new(),
                sandbox_status_interval: opts.sandbox_status_interval,
                http_timeout: opts.http_timeout.unwrap_or(Duration::from_secs(60)),
                origin: opts.origin,
                real_api_on_sandbox: opts.real_api_on_sandbox,
                clock: opts.clock.unwrap_or_else(|| Arc::new(crate::outbox::now_ms)),
                hot: crate::hotfolder::HotState::new(opts.hot_stable),
            }),
        };
        app.ensure_sandbox_company().await?;
        Ok(app)
    }

    /// Starts the outbox worker and the status refresh on the current tokio runtime.
    pub fn start_workers(&self) {
        crate::outbox::spawn(self.clone());
    }

    /// Now by this app's clock (`PostdeskOptions::clock`), Unix ms.
    pub fn now_ms(&self) -> i64 {
        (self.inner.clock)()
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn sandbox_url(&self) -> &str {
        self.inner.sandbox.url()
    }

    async fn ensure_sandbox_company(&self) -> Result<(), CoreError> {
        let store = &self.inner.store;
        let company = match store.companies()?.into_iter().find(|c| c.is_sandbox) {
            Some(c) => c,
            None => store.insert_company("Sandbox", true)?,
        };
        let account = match store.company_account(company.id)? {
            Some(a) => a,
            None => store.insert_account(&crate::sandbox::sandbox_account(company.id))?,
        };
        if store.setting(CURRENT_COMPANY)?.is_none() {
            store.set_setting(CURRENT_COMPANY, &company.id.to_string())?;
        }
        crate::sandbox::ensure_credentials(self, &account).await
    }

    pub fn current_company(&self) -> Result<Company, CoreError> {
        let store = &self.inner.store;
        let id = store.setting(CURRENT_COMPANY)?.and_then(|s| s.parse().ok());
        match id.map(|id| store.company(id)) {
            Some(Ok(c)) => Ok(c),
            _ => store.companies()?.into_iter().next().ok_or(CoreError::NotFound { what: "company", id: 0 }),
        }
    }

    pub fn switch_company(&self, id: i64) -> Result<AppStatus, CoreError> {
        self.inner.store.company(id)?;
        self.inner.store.set_setting(CURRENT_COMPANY, &id.to_string())?;
        self.status()
    }

    /// The company's account as the UI sees it (secrets only as "set / not set").
    pub fn account(&self, company_id: i64) -> Result<Account, CoreError> {
        let row = self
            .inner
            .store
            .company_account(company_id)?
            .ok_or(CoreError::NotFound { what: "account of company", id: company_id })?;
        self.account_view(&row)
    }

    pub(crate) fn account_view(&self, row: &AccountRow) -> Result<Account, CoreError> {
        use crate::secrets::SecretKind;
        Ok(Account {
            id: row.id,
            company_id: row.company_id,
            provider: row.provider,
            environment: row.environment,
            prefs: row.prefs.clone(),
            settings: row.settings.clone(),
            defaults: row.defaults.clone(),
            has_secret: self.inner.secrets.get(row.id, SecretKind::Secret)?.is_some()
                || self.inner.secrets.get(row.id, SecretKind::ApiKey)?.is_some()
                || self.inner.secrets.get(row.id, SecretKind::ClientSecret)?.is_some(),
            has_password: self.inner.secrets.get(row.id, SecretKind::Password)?.is_some(),
            easypost_secrets: match row.provider {
                crate::model::ProviderKind::Easypost => Some(crate::model::EasypostSecretsSet {
                    api_key: self.inner.secrets.get(row.id, SecretKind::ApiKey)?.is_some(),
                    client_secret: self.inner.secrets.get(row.id, SecretKind::ClientSecret)?.is_some(),
                    certificate_password: self.inner.secrets.get(row.id, SecretKind::CertificatePassword)?.is_some(),
                }),
                _ => None,
            },
        })
    }

    pub fn status(&self) -> Result<AppStatus, CoreError> {
        let company = self.current_company()?;
        let account = self.account(company.id)?;
        let provider = crate::providers::describe(account.provider)?;
        let environment = match account.environment {
            Environment::Sandbox => Environment::Sandbox,
            // No test flag (Ekopost): the host is the test — its sandbox, or production.
            env if !provider.test_mode => env,
            _ if account.prefs.test_mode => Environment::Test,
            _ => Environment::Live,
        };
        Ok(AppStatus {
            provider,
            environment,
            sandbox_url: (company.is_sandbox || account.environment == Environment::Sandbox).then(|| self.inner.sandbox.url().to_string()),
            companies: self.inner.store.companies()?,
            company,
            account,
        })
    }

    /// The current company's rules, with its default cover-letter setting.
    pub fn provider_rules(&self) -> Result<ProviderRules, CoreError> {
        self.provider_rules_for(None)
    }

    /// As `provider_rules`, for a letter sent with (or without) a cover letter;
    /// None = the company's default.
    pub fn provider_rules_for(&self, cover_letter: Option<bool>) -> Result<ProviderRules, CoreError> {
        let account = self.account(self.current_company()?.id)?;
        Ok(postdesk_pdf::rules::for_provider(account.provider)
            .for_options(cover_letter.unwrap_or(account.defaults.cover_letter)))
    }

    /// Preflights each file (one pdfium open per file) and puts it on the desk of
    /// the current company as a draft. A file that cannot be read at all still
    /// becomes a draft, with an error finding that says why.
    pub async fn add_files(&self, paths: Vec<PathBuf>) -> Result<Vec<Letter>, CoreError> {
        let company = self.current_company()?;
        self.add_files_to(company.id, None, paths, None).await
    }

    /// `add_files` for the company `company_id`, with `options` (None: the
    /// company's defaults); `hot_file`: taken by a hot folder (see `hotfolder`).
    pub(crate) async fn add_files_to(
        &self,
        company_id: i64,
        options: Option<SendOptions>,
        paths: Vec<PathBuf>,
        hot_file: Option<(i64, String)>,
    ) -> Result<Vec<Letter>, CoreError> {
        // The stored row: no keychain read for a drop.
        let account = self.inner.store.company_account(company_id)?.ok_or(CoreError::NotFound { what: "account of company", id: company_id })?;
        let options = options.unwrap_or_else(|| account.defaults.clone());
        // With a cover letter, the page-1 rules do not apply (see
        // `ProviderRules::with_cover_letter`).
        let rules = postdesk_pdf::rules::for_provider(account.provider).for_options(options.cover_letter);
        let mut out = Vec::with_capacity(paths.len());
        let total = paths.len() as u32;
        let mut last_progress = std::time::Instant::now();
        for path in paths {
            let engine = self.inner.pdf.clone();
            let r = rules.clone();
            let p = path.clone();
            let preflight = tokio::task::spawn_blocking(move || engine.preflight(&p, &r)).await.map_err(join)??;
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let letter = self.inner.store.insert_draft(&NewLetter {
                company_id,
                account_id: account.id,
                file_name,
                path: path.display().to_string(),
                preflight,
                options: options.clone(),
                origin: self.inner.origin.as_str(),
                claim: crate::outbox::claim(self),
                split_from: None,
                hot_file: hot_file.clone(),
            })?;
            out.push(letter);
            let checked = out.len() as u32;
            if hot_file.is_none() && (checked == total || last_progress.elapsed() >= ADD_PROGRESS_EVERY) {
                self.inner.events.add_progress(&AddProgress { checked, total });
                last_progress = std::time::Instant::now();
            }
        }
        self.inner.events.drafts_changed(company_id);
        Ok(out)
    }

    pub fn drafts(&self) -> Result<Vec<Letter>, CoreError> {
        self.inner.store.drafts(self.current_company()?.id, self.inner.origin.as_str())
    }

    /// Removes the drafts an earlier run of this origin left (a CLI run killed
    /// between checking and queueing, once its lease ran out; never those of
    /// another run still at work); returns how many.
    pub fn discard_own_drafts(&self) -> Result<usize, CoreError> {
        self.inner.store.delete_drafts_of(self.inner.origin.as_str(), crate::outbox::now_ms())
    }

    pub fn remove_draft(&self, id: i64) -> Result<(), CoreError> {
        let l = self.inner.store.letter(id)?;
        self.inner.store.delete_draft(id)?;
        self.inner.events.drafts_changed(l.company_id);
        Ok(())
    }

    /// PNG of one page (0-based) of a letter, from the outbox copy once queued.
    /// A split letter's page is its page of the original file until its outbox
    /// copy (which holds only its pages) is there.
    pub async fn render_page(&self, id: i64, page: u32, dpi: f32) -> Result<Vec<u8>, CoreError> {
        let row = self.inner.store.letter_row(id)?;
        let copy = row.archive_path.filter(|a| row.letter.split_from.is_none() || Path::new(a).exists());
        let (path, page) = match (copy, row.letter.split_from) {
            (Some(copy), _) => (PathBuf::from(copy), page),
            (None, Some(r)) if page >= r.pages => {
                return Err(postdesk_pdf::PdfError::NoSuchPage { page, pages: r.pages }.into());
            }
            (None, Some(r)) => (PathBuf::from(row.letter.path), r.first_page + page),
            (None, None) => (PathBuf::from(row.letter.path), page),
        };
        let engine = self.inner.pdf.clone();
        Ok(tokio::task::spawn_blocking(move || engine.render_page_png(&path, page, dpi)).await.map_err(join)??)
    }

    pub fn jobs(&self) -> Result<Vec<Letter>, CoreError> {
        self.inner.store.jobs(Some(self.current_company()?.id))
    }

    pub fn all_jobs(&self) -> Result<Vec<Letter>, CoreError> {
        self.inner.store.jobs(None)
    }

    /// Queues drafts: each is copied into the outbox folder (so editing or
    /// deleting the original cannot change what is sent), gets its idempotency
    /// key, and the worker is woken. A draft with an error finding is refused.
    pub fn send(&self, ids: &[i64]) -> Result<Vec<Letter>, CoreError> {
        Ok(self.send_checked(ids, true)?.queued)
    }

    /// As `send`, with the duplicate guard: unless `allow_duplicate`, a draft whose
    /// PDF (SHA-256) the company already has in the outbox — queued, with the
    /// provider, or sent within the provider's duplicate window — is not queued
    /// but returned in `skipped` with the reason, so the window can ask the clerk.
    /// (The provider's failsafe would refuse such a copy anyway.)
    pub fn send_checked(&self, ids: &[i64], allow_duplicate: bool) -> Result<SendReport, CoreError> {
        self.send_checked_as(ids, allow_duplicate, false, None)
    }

    /// As `send_checked`, sent on a later day: with `send_on` in the future the
    /// letters get their outbox copy and key now but wait as `scheduled` (in no
    /// batch) until `send_on.at_ms`; today or past = at once. Refused
    /// (`send_on_out_of_range`) before anything changes when the date is not a
    /// date, or its time is negative or more than `SEND_ON_AHEAD` away.
    pub fn send_checked_on(&self, ids: &[i64], allow_duplicate: bool, send_on: Option<&SendOn>) -> Result<SendReport, CoreError> {
        self.send_checked_as(ids, allow_duplicate, false, send_on)
    }

    /// `send_checked`; `force_test`: in test mode whatever the setup says (the setup
    /// assistant's test letter).
    pub(crate) fn send_checked_as(&self, ids: &[i64], allow_duplicate: bool, force_test: bool, send_on: Option<&SendOn>) -> Result<SendReport, CoreError> {
        let store = &self.inner.store;
        // Only a day still to come schedules; today or a past day sends now.
        let later = match send_on {
            Some(on) => check_send_on(on, self.now_ms())?.then_some((on.date.as_str(), on.at_ms)),
            None => None,
        };
        let mut letters = ids.iter().map(|id| store.letter(*id)).collect::<Result<Vec<_>, _>>()?;
        // A provider that takes no letters with this access refuses before any work.
        for l in &letters {
            let account = store.account(l.account_id)?;
            crate::sending::check_prints_letters(&crate::providers::describe(account.provider)?)?;
            crate::sending::check_account_ready(&account.settings)?;
        }
        // Checked with the rules of the options they go with (cover letter or not).
        self.recheck_for_options(&mut letters)?;
        if let Some(bad) = letters.iter().find(|l| l.has_blocking_finding()) {
            // Findings are sorted most severe first: the first is an error.
            let first = bad.preflight.findings.first();
            let what = first.map(|f| f.message.as_str()).unwrap_or_default();
            let finding = first.cloned().map(|mut f| {
                f.marks.clear();
                f
            });
            let params = ErrorParams { file: Some(bad.file_name.clone()), finding, ..Default::default() };
            return Err(CoreError::rule_with(
                RuleCode::LetterHasProblem,
                format!("“{}” can't be sent yet: {what}", bad.file_name),
                params,
            ));
        }
        // Per letter, what the provider would refuse (e.g. registered abroad).
        for l in &letters {
            let d = crate::providers::describe(store.account(l.account_id)?.provider)?;
            crate::sending::check_options_for(&d, &l.options, l.recipient.as_ref(), &l.file_name)?;
        }
        let mut queued = Vec::with_capacity(letters.len());
        let mut skipped = Vec::new();
        let mut batch = None;
        for l in letters {
            if !allow_duplicate {
                if let Some((existing_id, existing_state)) = self.outbox_duplicate(l.company_id, &l.sha256, l.id)? {
                    let reason = duplicate_reason(existing_id, existing_state);
                    let existing_at = queued_at(&store.letter(existing_id)?);
                    skipped.push(SkippedLetter { letter: l, existing_id, existing_state, existing_at, reason });
                    continue;
                }
            }
            let archive = self.inner.data_dir.join("archive").join(format!("{}.pdf", l.sha256));
            // A full disk does not lose the letter: it is queued without its copy,
            // with the reason, and the worker makes the copy before it sends. A
            // file that is no longer the one checked (`letter_changed_since_check`)
            // stops the Send here: the letter stays a draft.
            // A split letter's copy holds only its pages (see `split`).
            let mut copy_sha = None;
            let made = match l.split_from {
                Some(r) => self.ensure_split_copy(&l, r, &archive).map(|sha| copy_sha = Some(sha)),
                None => ensure_archive(Path::new(&l.path), &archive, &l.sha256),
            };
            let waiting = match made {
                Ok(()) => None,
                Err(e @ CoreError::DiskFull { .. }) => Some(AppError::from(&e)),
                Err(e) => return Err(e),
            };
            // A scheduled letter is in no batch: the progress panel does not wait for it.
            let batch_id = match (later, batch) {
                (Some(_), _) => None,
                (None, Some(b)) => Some(b),
                (None, None) => Some(*batch.insert(store.new_batch(l.company_id)?)),
            };
            let not_before = waiting.as_ref().map(|_| outbox_later());
            let key = uuid::Uuid::new_v4().simple().to_string();
            let wire_name = crate::sending::wire_file_name(&l.file_name, &key);
            let account = store.account(l.account_id)?;
            store.set_send_mode(l.id, account.prefs.test_mode || force_test, account.prefs.save_file_in_joblist)?;
            let archive_path = archive.display().to_string();
            let q = store.queue(
                l.id,
                &crate::store::Queue {
                    key: &key,
                    wire_file_name: &wire_name,
                    archive_path: Some(&archive_path),
                    batch_id,
                    waiting: waiting.as_ref(),
                    not_before: not_before.as_deref(),
                    copy_sha256: copy_sha.as_deref(),
                    send_on: later,
                },
            )?;
            self.letter_changed(&q);
            queued.push(q);
        }
        if let Some(l) = queued.first() {
            self.inner.events.drafts_changed(l.company_id);
        }
        self.inner.wake_outbox.notify_one();
        Ok(SendReport { queued, skipped })
    }

    /// Tells the host about a letter and marks the progress panel's counts stale.
    pub(crate) fn letter_changed(&self, l: &Letter) {
        self.inner.events.letter_changed(l);
        self.inner.progress_dirty.notify_one();
    }

    /// Pauses sending: the worker starts no letter; those in flight finish.
    /// Persisted, so a restart stays paused until the clerk resumes.
    pub fn pause_outbox(&self) -> Result<OutboxProgress, CoreError> {
        self.inner.store.set_setting(OUTBOX_PAUSED, "1")?;
        self.inner.paused.store(true, Ordering::SeqCst);
        self.inner.progress_dirty.notify_one();
        self.outbox_progress()
    }

    /// Resumes sending. Letters waiting for disk space are tried at once (a
    /// retry after a provider's error keeps its backoff).
    pub fn resume_outbox(&self) -> Result<OutboxProgress, CoreError> {
        self.inner.store.set_setting(OUTBOX_PAUSED, "0")?;
        self.inner.store.waiting_due_now(&now_rfc3339())?;
        self.inner.paused.store(false, Ordering::SeqCst);
        self.inner.wake_outbox.notify_one();
        self.inner.progress_dirty.notify_one();
        self.outbox_progress()
    }

    /// Paused in this process or in any other on the same data (the window's
    /// pause holds for `postdesk-cli` too).
    pub fn outbox_paused(&self) -> bool {
        match self.inner.store.setting(OUTBOX_PAUSED) {
            Ok(v) => {
                let paused = v.as_deref() == Some("1");
                self.inner.paused.store(paused, Ordering::SeqCst);
                paused
            }
            Err(e) => {
                tracing::warn!("outbox pause: {e}");
                self.inner.paused.load(Ordering::SeqCst)
            }
        }
    }

    /// Stops the outbox worker of this process: it claims nothing more, and the
    /// letters it is sending finish (waited for up to `within`; one still in
    /// flight after that is taken over by another process when its lease runs
    /// out). For a process about to exit, e.g. `postdesk-cli send`.
    pub async fn finish_sending(&self, within: Duration) {
        self.inner.stopping.store(true, Ordering::SeqCst);
        self.inner.wake_outbox.notify_one();
        let all = crate::outbox::IN_FLIGHT as u32;
        let _ = tokio::time::timeout(within, self.inner.slots.acquire_many(all)).await;
    }

    /// Cancels what of a batch has not started: its queued letters become
    /// `cancelled` and are never sent. Letters being sent finish, and a letter
    /// waiting for a retry stays (an earlier attempt may have reached the
    /// provider; the worker asks it first). Returns how many were cancelled.
    pub fn cancel_batch(&self, batch_id: i64) -> Result<u32, CoreError> {
        let ids = self.inner.store.cancel_queued(batch_id, "cancelled by the clerk before sending")?;
        for id in &ids {
            self.inner.events.letter_changed(&self.inner.store.letter(*id)?);
        }
        self.inner.progress_dirty.notify_one();
        Ok(ids.len() as u32)
    }

    /// The unfinished batches and whether sending is paused.
    pub fn outbox_progress(&self) -> Result<OutboxProgress, CoreError> {
        let ids = self.inner.store.unfinished_batches()?;
        Ok(OutboxProgress { paused: self.outbox_paused(), batches: self.inner.store.batch_progress(&ids)? })
    }

    fn outbox_duplicate(&self, company_id: i64, sha256: &str, except: i64) -> Result<Option<(i64, LetterState)>, CoreError> {
        let since = time::OffsetDateTime::now_utc() - DUPLICATE_WINDOW;
        let since = since.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        self.inner.store.outbox_duplicate(company_id, sha256, &since, except)
    }

    /// The duplicate guard before any preflight: for each file, the letter of the
    /// current company already in the outbox with the same bytes, if any. Lets a
    /// re-run of the same batch (after a crash) skip what is queued without
    /// preflighting it again.
    /// A file that cannot be hashed (not a regular file, unreadable, huge) is not
    /// in the outbox: its preflight says what is wrong with it.
    pub fn files_in_outbox(&self, paths: &[PathBuf]) -> Result<Vec<Option<(i64, LetterState, String)>>, CoreError> {
        let company = self.current_company()?;
        paths
            .iter()
            .map(|p| {
                let Some(sha) = file_sha256(p) else { return Ok(None) };
                Ok(self.outbox_duplicate(company.id, &sha, 0)?.map(|(id, st)| (id, st, duplicate_reason(id, st))))
            })
            .collect()
    }

    pub async fn inbox(&self) -> Result<Vec<InboxMessage>, CoreError> {
        self.inner.sandbox.inbox().await
    }

    /// The minimum time between two status calls of this account.
    pub(crate) fn status_interval(&self, account: &AccountRow) -> Duration {
        match (account.environment, self.inner.sandbox_status_interval) {
            (Environment::Sandbox, Some(d)) => d,
            _ => Duration::from_millis(account.status_interval_ms),
        }
    }
}

/// The provider's duplicate failsafe looks back this far (E-POST: one hour).
pub const DUPLICATE_WINDOW: time::Duration = time::Duration::hours(1);

/// How far ahead "Send on" may be (a year, with a leap day).
pub const SEND_ON_AHEAD: time::Duration = time::Duration::days(366);

/// True: `on` is a day still to come (schedule); false: today or past (send
/// now). Refused when the date is no date or the time is out of bounds (it
/// comes from outside: the window or the CLI).
pub(crate) fn check_send_on(on: &SendOn, now_ms: i64) -> Result<bool, CoreError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let max = now_ms.saturating_add(SEND_ON_AHEAD.whole_milliseconds() as i64);
    if on.date.len() != 10 || time::Date::parse(&on.date, &format).is_err() || on.at_ms < 0 || on.at_ms > max {
        return Err(CoreError::rule(
            RuleCode::SendOnOutOfRange,
            format!("“Send on” must be a date from today to a year ahead (got {} at {} ms). Pick another date.", on.date, on.at_ms),
        ));
    }
    Ok(on.at_ms > now_ms)
}

fn duplicate_reason(id: i64, state: LetterState) -> String {
    match state {
        LetterState::Scheduled => format!("The same PDF is already scheduled to be sent on a later day (letter {id})."),
        LetterState::Sent => format!("The same PDF was sent within the last hour (letter {id}); not sent again."),
        LetterState::Queued | LetterState::Submitting => format!("The same PDF is already waiting to be sent (letter {id})."),
        _ => format!("The same PDF is already with the provider (letter {id}, {}).", state.as_str()),
    }
}

fn join(e: tokio::task::JoinError) -> CoreError {
    CoreError::Invalid(format!("internal task failed: {e}"))
}

/// When the first attempt of a letter that waits for its outbox copy is due.
pub(crate) fn outbox_later() -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::seconds(30);
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// When a letter was queued (its first `queued` history entry).
fn queued_at(l: &Letter) -> String {
    l.history.iter().find(|h| matches!(h.state, LetterState::Queued | LetterState::Scheduled)).map(|h| h.at.clone()).unwrap_or_else(|| l.updated_at.clone())
}

/// The outbox copy of a PDF whose checked bytes have the SHA-256 `sha256`,
/// made when it is not there yet. A copy already there counts only when it
/// still has those bytes; otherwise it is made again. The copy is hashed as it
/// is written: when the letter's file is no longer the one that was checked
/// (edited or replaced after the drop), nothing is kept and the answer is
/// `letter_changed_since_check`.
pub(crate) fn ensure_archive(from: &Path, to: &Path, sha256: &str) -> Result<(), CoreError> {
    if to.exists() && file_sha256(to).as_deref() == Some(sha256) {
        return Ok(());
    }
    copy_atomically(from, to, sha256)
}

/// Hex SHA-256 of a regular file, read in pieces (None: not a regular file,
/// unreadable, or over `postdesk_pdf::file::HASH_CAP`).
pub(crate) fn file_sha256(path: &Path) -> Option<String> {
    // Limit 0: never loaded whole, only hashed.
    let f = postdesk_pdf::file::read_letter(path, 0).ok()?;
    (!f.sha256.is_empty()).then_some(f.sha256)
}

/// Send refused: the file at the letter's path is not the one that was checked.
pub(crate) fn changed_since_check(from: &Path) -> CoreError {
    let name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    CoreError::Rule {
        code: RuleCode::LetterChangedSinceCheck,
        params: Box::new(ErrorParams { file: Some(name.clone()), ..Default::default() }),
        message: format!("“{name}” was changed after it was checked, so it was not sent. Remove it from the desk and drop the file again to check it anew."),
    }
}

/// Copies `from` (a regular file) to a new file `to`, hashing what is written;
/// returns the written bytes' SHA-256.
fn copy_hashed(from: &Path, to: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    use std::io::{Read, Write};
    let (src, _) = postdesk_pdf::file::open_regular(from).map_err(std::io::Error::other)?;
    let mut src = src.take(postdesk_pdf::file::HASH_CAP);
    let mut dst = std::fs::File::create(to)?;
    let mut hash = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match src.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hash.update(&buf[..n]);
        dst.write_all(&buf[..n])?;
    }
    Ok(hex::encode(hash.finalize()))
}

/// Copy to a temporary name, fsync, rename: a crash never leaves half a PDF.
/// A full disk is `DiskFull` (the partial copy is removed); any other failure
/// names the source file.
fn copy_atomically(from: &Path, to: &Path, sha256: &str) -> Result<(), CoreError> {
    let tmp = crate::outbox::temp_path(to);
    // What is copied is what was checked, or no copy is kept.
    let copied = copy_hashed(from, &tmp);
    if copied.as_deref().is_ok_and(|c| c != sha256) {
        let _ = std::fs::remove_file(&tmp);
        return Err(changed_since_check(from));
    }
    // Owner-only before it is synced and named.
    let result = copied
        .and_then(|_| crate::paths::set_private(&tmp))
        .and_then(|_| std::fs::File::open(&tmp).and_then(|f| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, to));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        match CoreError::file(to, e) {
            full @ CoreError::DiskFull { .. } => full,
            CoreError::File { details, .. } => CoreError::File { path: from.display().to_string(), details },
            other => other,
        }
    })
}
