//! The built-in sandbox: the simulator of every provider, on loopback, and the
//! Sandbox company whose E-POST account points at it. The account gets its
//! secret through the documented calls alone (smsRequest → PIN from the sandbox
//! inbox → setPassword), exactly as a clerk's real account would.
use std::path::Path;
use std::time::Duration;

use postdesk_providers::secret::Secret;

use crate::app::Postdesk;
use crate::error::CoreError;
use crate::model::*;
use crate::secrets::SecretKind;
use crate::store::AccountRow;

/// The sandbox account's EKP (10 characters, as the API requires).
pub const SANDBOX_EKP: &str = "5000000001";
/// How fast sandbox letters move 1 → 2 → 3 → 4, and the least time between two
/// status calls the sandbox allows (the real API: 5 s).
pub const SANDBOX_STEP: Duration = Duration::from_secs(2);
pub const SANDBOX_STATUS_INTERVAL: Duration = Duration::from_millis(1000);

pub struct Sandbox {
    url: String,
    // Keeps the in-process simulator alive as long as the app.
    _sim: Option<postdesk_sim::SimHandle>,
}

impl Sandbox {
    /// Starts the simulator in this process on a free loopback port; its state
    /// (accounts, letters) lives in `dir` so a restart keeps the job list valid.
    /// Guarded by a fresh token per run (`SimConfig::token`): other programs on
    /// the machine and web pages get 404/403, this app reaches it through `url()`.
    pub async fn start(dir: &Path) -> Result<Self, CoreError> {
        crate::paths::create_private_dir(dir).map_err(|e| CoreError::Sandbox(e.to_string()))?;
        let sim = postdesk_sim::Sim::start(postdesk_sim::SimConfig {
            port: 0,
            state_path: Some(dir.join("state.json")),
            step: SANDBOX_STEP,
            min_status_interval: SANDBOX_STATUS_INTERVAL,
            token: Some(postdesk_sim::new_token()),
            // No faults in the clerk's sandbox; tests switch them on via /_sim/faults.
            ..Default::default()
        })
        .await
        .map_err(|e| CoreError::Sandbox(e.to_string()))?;
        Ok(Self { url: sim.base_url(), _sim: Some(sim) })
    }

    /// A simulator someone else runs (`postdesk-sim`, `--sim URL`).
    pub fn external(url: String) -> Self {
        Self { url: url.trim_end_matches('/').to_string(), _sim: None }
    }

    /// The simulator's base URL; for the in-process one it carries the run's
    /// token (`http://127.0.0.1:PORT/<token>`): hand it to this app's clients
    /// and tests, never to a log.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The SMS and e-mails the providers would have sent, newest first.
    pub async fn inbox(&self) -> Result<Vec<InboxMessage>, CoreError> {
        let msgs = postdesk_sim::inspect::inbox(&self.url).await.map_err(|e| CoreError::Sandbox(e.to_string()))?;
        let mut out: Vec<InboxMessage> = msgs
            .into_iter()
            .map(|m| InboxMessage {
                id: m.id,
                channel: if m.channel == "sms" { InboxChannel::Sms } else { InboxChannel::Email },
                to: m.to,
                subject: m.subject,
                body: m.body,
                code: m.code,
                at: m.at,
            })
            .collect();
        out.sort_by_key(|m| std::cmp::Reverse(m.id));
        Ok(out)
    }
}

pub(crate) fn sandbox_account(company_id: i64) -> AccountRow {
    AccountRow {
        id: 0,
        company_id,
        provider: ProviderKind::Epost,
        environment: Environment::Sandbox,
        prefs: SendingPrefs {
            save_file_in_joblist: true,
            show_dialog: false,
            // Sandbox letters go the whole way (1 → 4): nothing is printed anyway.
            test_mode: false,
            show_restricted_area: true,
        },
        settings: ProviderSettings::Epost(EpostSettings {
            ekp: SANDBOX_EKP.into(),
            test_email: "clerk@sandbox.postdesk.invalid".into(),
        }),
        defaults: SendOptions::default(),
        base_url: None,
        vendor_id: crate::providers::EPOST_VENDOR_ID.into(),
        status_interval_ms: SANDBOX_STATUS_INTERVAL.as_millis() as u64,
    }
}

/// Makes sure the sandbox account can log in; if it cannot (first start, or the
/// simulator's state was removed), runs the password flow again.
pub(crate) async fn ensure_credentials(app: &Postdesk, account: &AccountRow) -> Result<(), CoreError> {
    let secrets = &app.inner.secrets;
    let have = secrets.get(account.id, SecretKind::Secret)?.is_some() && secrets.get(account.id, SecretKind::Password)?.is_some();
    if have {
        let client = app.epost_client(account).await?;
        match client.refresh_login().await {
            Ok(_) => return Ok(()),
            Err(e) if e.kind == postdesk_providers::ErrorKind::Auth => app.forget_client(account.id),
            Err(e) => return Err(e.into()),
        }
    }
    let ekp = account.settings.epost().map(|e| e.ekp.clone()).unwrap_or_default();
    let client = app.epost_client(account).await?;
    client.sms_request(&ekp).await?;
    let pin = latest_code(app, "sms").await?;
    let password = Secret::new(format!("Pd-{}", uuid::Uuid::new_v4().simple()));
    let secret = client.set_password(&ekp, &password, &pin).await?;
    secrets.set(account.id, SecretKind::Password, &password)?;
    secrets.set(account.id, SecretKind::Secret, &secret)?;
    app.forget_client(account.id);
    app.epost_client(account).await?.refresh_login().await?;
    Ok(())
}

async fn latest_code(app: &Postdesk, channel: &str) -> Result<String, CoreError> {
    let want = if channel == "sms" { InboxChannel::Sms } else { InboxChannel::Email };
    app.inner
        .sandbox
        .inbox()
        .await?
        .into_iter()
        .find(|m| m.channel == want && m.code.is_some())
        .and_then(|m| m.code)
        .ok_or_else(|| CoreError::Sandbox("the simulator sent no code".into()))
}

/// A company of the sandbox whose provider signs in with an API key (Ekopost,
/// Posti) uses the simulator's key, read from the simulator's inspection
/// endpoint (`credentials[provider].api_key`), as a clerk would copy it from
/// the provider's account page. Stored in the keychain like a real key.
pub(crate) async fn ensure_api_key(app: &Postdesk, account: &AccountRow, provider: &str) -> Result<(), CoreError> {
    let secrets = &app.inner.secrets;
    if secrets.get(account.id, SecretKind::ApiKey)?.is_some() {
        return Ok(());
    }
    let creds = postdesk_sim::inspect::credentials(app.inner.sandbox.url())
        .await
        .map_err(|e| CoreError::Sandbox(format!("cannot read the simulator's {provider} key: {e}")))?;
    let key = creds[provider]["api_key"]
        .as_str()
        .filter(|k| !k.is_empty())
        .ok_or_else(|| CoreError::Sandbox(format!("the simulator has no {provider} API key")))?;
    secrets.set(account.id, SecretKind::ApiKey, &Secret::new(key))
}

/// A sandbox EasyPost company that signs in by OAuth2: the simulator's client
/// secret into the keychain unless one is there (a clerk's own, right or
/// wrong, is kept); the simulator's client id, for a setup that names none.
pub(crate) async fn ensure_easypost_client(app: &Postdesk, account: &AccountRow) -> Result<String, CoreError> {
    let creds = postdesk_sim::inspect::credentials(app.inner.sandbox.url())
        .await
        .map_err(|e| CoreError::Sandbox(format!("cannot read the simulator's EasyPost client: {e}")))?;
    let client = &creds["easypost"];
    let id = client["client_id"].as_str().filter(|k| !k.is_empty());
    let secret = client["client_secret"].as_str().filter(|k| !k.is_empty());
    let (Some(id), Some(secret)) = (id, secret) else {
        return Err(CoreError::Sandbox("the simulator has no EasyPost OAuth2 client".into()));
    };
    let secrets = &app.inner.secrets;
    if secrets.get(account.id, SecretKind::ClientSecret)?.is_none() {
        secrets.set(account.id, SecretKind::ClientSecret, &Secret::new(secret))?;
    }
    Ok(id.to_owned())
}
