//! Harness for end-to-end tests of the real Postdesk window.
//!
//! Each test gets its own `tauri-driver` (which starts `WebKitWebDriver`, which starts
//! `target/debug/postdesk`) on free ports, its own data folder, keychain service
//! name and XDG folders, and a W3C WebDriver session through fantoccini:
//!
//! ```text
//! #[tokio::test]
//! async fn opens() -> anyhow::Result<()> {
//!     postdesk_e2e::with_app("opens", async |app| {
//!         app.wait_for_testid("drop-zone", SHORT).await?;
//!         app.screenshot("start").await
//!     })
//!     .await
//! }
//! ```
//!
//! Run inside `scripts/desktop-session.sh` (X display, session bus, unlocked keyring).
//! The app must be built first with `cargo build -p postdesk --features e2e`.
//! Nothing here skips: a missing driver, binary or display fails the test, saying why.

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use serde_json::{json, Value};
use tokio::process::{Child, Command};

pub use fantoccini;

/// For things that should be on screen almost at once.
pub const SHORT: Duration = Duration::from_secs(10);
/// For things that wait on the sandbox providers (status steps, SMS PIN).
pub const LONG: Duration = Duration::from_secs(60);
/// Upper bound on a whole test, so a hung driver cannot hang CI.
const TEST_LIMIT: Duration = Duration::from_secs(300);

/// The workspace root (where `target/`, `artifacts/` and `fixtures/` are).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// A file under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    workspace_root().join("fixtures").join(rel)
}

/// Starts the app, runs `test` against it, and always tears everything down: on
/// failure (error or panic) it first saves `failure.png` beside the test's screenshots.
///
/// The app starts with `POSTDESK_SKIP_WIZARD=1`, so the first-run setup assistant
/// does not cover the window; `with_app_first_run` starts it as a clerk would.
pub async fn with_app<F>(name: &str, test: F) -> Result<()>
where
    F: AsyncFnOnce(&App) -> Result<()>,
{
    run_app(name, true, |_| Ok(()), test).await
}

/// As `with_app`, but a true first start: the setup assistant opens by itself.
pub async fn with_app_first_run<F>(name: &str, test: F) -> Result<()>
where
    F: AsyncFnOnce(&App) -> Result<()>,
{
    run_app(name, false, |_| Ok(()), test).await
}

/// As `with_app`, with `prepare` run on the (empty) data folder before the app
/// starts: a damaged or locked database, a backup to restore…
pub async fn with_app_prepared<P, F>(name: &str, prepare: P, test: F) -> Result<()>
where
    P: FnOnce(&Path) -> Result<()>,
    F: AsyncFnOnce(&App) -> Result<()>,
{
    run_app(name, true, prepare, test).await
}

async fn run_app<P, F>(name: &str, skip_wizard: bool, prepare: P, test: F) -> Result<()>
where
    P: FnOnce(&Path) -> Result<()>,
    F: AsyncFnOnce(&App) -> Result<()>,
{
    let app = tokio::time::timeout(SHORT * 6, App::start_full(name, skip_wizard, prepare))
        .await
        .map_err(|_| {
            anyhow!(
                "test `{name}`: the app or its WebDriver session did not start within {:?}",
                SHORT * 6
            )
        })??;
    let outcome = tokio::time::timeout(
        TEST_LIMIT,
        std::panic::AssertUnwindSafe(test(&app)).catch_unwind(),
    )
    .await;
    let result = match outcome {
        Err(_) => Err(anyhow!(
            "test `{name}` did not finish within {TEST_LIMIT:?}"
        )),
        Ok(Err(panic)) => Err(anyhow!("test `{name}` panicked: {}", panic_message(&panic))),
        Ok(Ok(r)) => r,
    };
    if result.is_err() {
        if let Err(e) = app.screenshot("failure").await {
            eprintln!("[e2e {name}] could not save failure screenshot: {e:#}");
        }
    }
    app.stop().await;
    result
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

/// A running app with a WebDriver session on it.
pub struct App {
    pub client: Client,
    name: String,
    driver: Driver,
    /// Holds the per-test data folder, XDG folders and driver log; removed on drop.
    home: tempfile::TempDir,
    artifacts: PathBuf,
}

impl App {
    /// Starts tauri-driver on free ports and opens a session on the app binary
    /// (with the setup assistant skipped).
    pub async fn start(name: &str) -> Result<App> {
        Self::start_full(name, true, |_| Ok(())).await
    }

    /// `skip_wizard`: set `POSTDESK_SKIP_WIZARD=1` so the first-run assistant stays shut.
    pub async fn start_with(name: &str, skip_wizard: bool) -> Result<App> {
        Self::start_full(name, skip_wizard, |_| Ok(())).await
    }

    /// Starts the app after `prepare` has run on its data folder.
    pub async fn start_prepared(name: &str, prepare: impl FnOnce(&Path) -> Result<()>) -> Result<App> {
        Self::start_full(name, true, prepare).await
    }

    async fn start_full(
        name: &str,
        skip_wizard: bool,
        prepare: impl FnOnce(&Path) -> Result<()>,
    ) -> Result<App> {
        let binary = app_binary()?;
        let driver_bin = tauri_driver()?;
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            bail!("no DISPLAY: run e2e tests inside scripts/desktop-session.sh (it starts Xvfb)");
        }
        let home = tempfile::Builder::new()
            .prefix(&format!("postdesk-e2e-{name}-"))
            .tempdir()?;
        let data_dir = home.path().join("data");
        for d in ["data", "config", "cache", "share"] {
            std::fs::create_dir_all(home.path().join(d))?;
        }
        prepare(&data_dir)?;
        let artifacts = workspace_root().join("artifacts/e2e").join(name);
        let _ = std::fs::remove_dir_all(&artifacts);
        std::fs::create_dir_all(&artifacts)?;

        let port = free_port()?;
        let native_port = free_port()?;
        let log_path = artifacts.join("driver.log");
        let log = std::fs::File::create(&log_path)?;
        let mut cmd = Command::new(&driver_bin);
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string());
        if let Some(native) = native_driver() {
            cmd.arg("--native-driver").arg(native);
        }
        // The app inherits these through tauri-driver and WebKitWebDriver.
        cmd.env("POSTDESK_DATA_DIR", &data_dir)
            .env(
                "POSTDESK_KEYRING_SERVICE",
                format!("postdesk-e2e-{name}-{}", std::process::id()),
            )
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("XDG_DATA_HOME", home.path().join("share"))
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("POSTDESK_SKIP_WIZARD", if skip_wizard { "1" } else { "0" })
            // Companies with their own account talk to the sandbox's simulator (no internet here).
            .env("POSTDESK_E2E_REAL_API_ON_SANDBOX", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            // Own process group, so teardown reaches WebKitWebDriver and the app too.
            .process_group(0)
            .kill_on_drop(true);
        // If this test process dies (Ctrl-C, killed CI job), take the driver with it.
        // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let child = cmd
            .spawn()
            .with_context(|| format!("could not start {}", driver_bin.display()))?;
        let mut driver = Driver { child: Some(child) };

        let url = format!("http://127.0.0.1:{port}");
        if let Err(e) = wait_port(port, SHORT, &mut driver).await {
            driver.kill().await;
            bail!(
                "{e:#}\n--- driver log ({}):\n{}",
                log_path.display(),
                read_log(&log_path)
            );
        }
        let caps = json!({ "tauri:options": { "application": binary } });
        let caps = caps.as_object().expect("object").clone();
        let client = match ClientBuilder::native()
            .capabilities(caps)
            .connect(&url)
            .await
        {
            Ok(c) => c,
            Err(e) => {
                driver.kill().await;
                bail!(
                    "WebDriver session on {} failed: {e}\n--- driver log ({}):\n{}",
                    binary.display(),
                    log_path.display(),
                    read_log(&log_path)
                );
            }
        };
        Ok(App {
            client,
            name: name.to_string(),
            driver,
            home,
            artifacts,
        })
    }

    /// The data folder the app was given (`POSTDESK_DATA_DIR`).
    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data")
    }

    /// Where this test's screenshots go: `artifacts/e2e/<test>/`.
    pub fn artifacts(&self) -> &Path {
        &self.artifacts
    }

    /// Waits until an element matching the CSS selector exists.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element> {
        self.client
            .wait()
            .at_most(timeout)
            .every(Duration::from_millis(100))
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("[{}] `{css}` did not appear within {timeout:?}", self.name))
    }

    /// Waits for `[data-testid="<id>"]`.
    pub async fn wait_for_testid(&self, id: &str, timeout: Duration) -> Result<Element> {
        self.wait_for(&testid(id), timeout).await
    }

    /// Waits until `cond` returns Some (polled every 100 ms).
    pub async fn wait_until<T, Fut>(
        &self,
        what: &str,
        timeout: Duration,
        mut cond: impl FnMut() -> Fut,
    ) -> Result<T>
    where
        Fut: Future<Output = Result<Option<T>>>,
    {
        let start = Instant::now();
        loop {
            if let Some(v) = cond().await? {
                return Ok(v);
            }
            if start.elapsed() > timeout {
                bail!("[{}] {what}: not within {timeout:?}", self.name);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the element matching the CSS selector (waiting for it first).
    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self.wait_for(css, SHORT).await?;
        el.click()
            .await
            .with_context(|| format!("[{}] click on `{css}`", self.name))
    }

    /// The rendered text (`innerText`) of the element matching the CSS selector
    /// (waiting for it first). WebKitWebDriver's own "get element text" answers ""
    /// for some styled inline elements, so ask the DOM.
    pub async fn text(&self, css: &str) -> Result<String> {
        self.wait_for(css, SHORT).await?;
        let v = self
            .execute("return document.querySelector(arguments[0])?.innerText ?? null;", vec![json!(css)])
            .await?;
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| anyhow!("[{}] `{css}` vanished before its text was read", self.name))
    }

    /// Clicks `[data-testid=<id>]` from the page's script (waiting for it first):
    /// for elements WebDriver calls not interactable (switches, animated modals).
    pub async fn js_click(&self, id: &str) -> Result<()> {
        self.wait_for_testid(id, SHORT).await?;
        self.execute("document.querySelector(`[data-testid=${arguments[0]}]`).click(); return null;", vec![json!(id)])
            .await?;
        Ok(())
    }

    /// The whole window's text (`document.body.innerText`).
    pub async fn body_text(&self) -> Result<String> {
        Ok(self.execute("return document.body.innerText;", vec![]).await?.as_str().unwrap_or("").to_string())
    }

    /// The value of the input `[data-testid=<id>]`.
    pub async fn value(&self, id: &str) -> Result<String> {
        let v = self
            .execute("return document.querySelector(`[data-testid=${arguments[0]}]`)?.value ?? null;", vec![json!(id)])
            .await?;
        v.as_str().map(str::to_string).with_context(|| format!("[{}] no input `{id}`", self.name))
    }

    /// Setup: turns each switch `(testid, on)` on or off and saves, waiting for
    /// "Setup saved" (e.g. `[("setup-show-dialog", true)]` for the pre-send dialog).
    pub async fn save_setup_switches(&self, switches: &[(&str, bool)]) -> Result<()> {
        self.click(&testid("nav-setup")).await?;
        self.wait_for_testid("setup-save", SHORT).await?;
        for (id, on) in switches {
            if self.checked(id).await? != *on {
                self.js_click(id).await?;
            }
        }
        self.js_click("setup-save").await?;
        self.wait_until("saved", SHORT, || async { Ok(self.body_text().await?.contains("Setup saved").then_some(())) }).await?;
        Ok(())
    }

    /// Whether the checkbox or switch `[data-testid=<id>]` is on.
    pub async fn checked(&self, id: &str) -> Result<bool> {
        let v = self
            .execute("return document.querySelector(`[data-testid=${arguments[0]}]`)?.checked ?? null;", vec![json!(id)])
            .await?;
        v.as_bool().with_context(|| format!("[{}] no switch `{id}`", self.name))
    }

    /// Types into the element matching the CSS selector.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let el = self.wait_for(css, SHORT).await?;
        el.send_keys(text)
            .await
            .with_context(|| format!("[{}] typing into `{css}`", self.name))
    }

    /// Runs a script in the page (`arguments[i]` are the args); returns its value.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client
            .execute(script, args)
            .await
            .with_context(|| format!("[{}] script failed: {script}", self.name))
    }

    /// Calls a Tauri command from the page, as the UI would; Err carries the
    /// command's error value (e.g. an `AppError`) as JSON.
    pub async fn invoke(&self, cmd: &str, args: Value) -> Result<Value> {
        let script = r#"
            const [cmd, args, done] = arguments;
            window.__TAURI_INTERNALS__.invoke(cmd, args)
                .then(v => done({ ok: v === undefined ? null : v }))
                .catch(e => done({ err: e === undefined ? null : e }));
        "#;
        let out = self
            .client
            .execute_async(script, vec![json!(cmd), args])
            .await
            .with_context(|| format!("[{}] invoke {cmd}", self.name))?;
        match out {
            Value::Object(mut m) if m.contains_key("ok") => {
                Ok(m.remove("ok").unwrap_or(Value::Null))
            }
            Value::Object(mut m) => bail!(
                "[{}] {cmd} failed: {}",
                self.name,
                m.remove("err").unwrap_or(Value::Null)
            ),
            other => bail!("[{}] {cmd}: unexpected answer {other}", self.name),
        }
    }

    /// Drops files on the window the way Tauri reports an OS drop (needs the app
    /// built with `--features e2e`).
    /// Waits until the Send desk has every drag-and-drop listener registered
    /// (`data-drop-ready`), so the drop is not half-heard.
    pub async fn drop_files(&self, paths: &[PathBuf]) -> Result<()> {
        self.wait_for("[data-drop-ready]", SHORT).await?;
        self.invoke("e2e_drop", json!({ "paths": paths }))
            .await
            .map(|_| ())
            .with_context(|| {
                format!(
                    "[{}] e2e_drop failed: is target/debug/postdesk built with `--features e2e`?",
                    self.name
                )
            })
    }

    /// Drops one file on the Send desk until its row shows (a drop right after
    /// switching screens can land before the desk listens; tried up to 5 times).
    pub async fn drop_until_row(&self, pdf: &Path) -> Result<()> {
        let mut tries = 0;
        loop {
            self.drop_files(&[pdf.to_path_buf()]).await?;
            match self.wait_for_testid("letter-row", Duration::from_secs(3)).await {
                Ok(_) => return Ok(()),
                Err(e) if tries >= 4 => return Err(e),
                Err(_) => tries += 1,
            }
        }
    }

    /// The native window title (not `document.title`).
    pub async fn window_title(&self) -> Result<String> {
        let v = self
            .invoke("plugin:window|title", json!({ "label": "main" }))
            .await?;
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| anyhow!("window title was {v}"))
    }

    /// Saves a PNG of the web view to `artifacts/e2e/<test>/<step>.png`.
    pub async fn screenshot(&self, step: &str) -> Result<PathBuf> {
        // WebKitWebDriver answers a screenshot after the page's *next* frame; an idle
        // page draws none and the command hangs. So keep a 1-px, all-but-transparent
        // element repainting while it is taken.
        let nudge = r#"
            const el = document.createElement('div');
            el.id = '__e2e_repaint';
            el.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
            document.documentElement.appendChild(el);
            let n = 0;
            window.__e2eRepaint = setInterval(() => { el.style.background = `rgba(0,0,0,${++n % 2 ? 0.01 : 0.02})`; }, 16);
        "#;
        let stop = "clearInterval(window.__e2eRepaint); document.getElementById('__e2e_repaint')?.remove();";
        self.execute(nudge, vec![]).await?;
        let png = tokio::time::timeout(SHORT, self.client.screenshot()).await;
        let _ = self.execute(stop, vec![]).await;
        let png = png
            .map_err(|_| anyhow!("[{}] screenshot `{step}` timed out", self.name))?
            .with_context(|| format!("[{}] screenshot `{step}`", self.name))?;
        let path = self.artifacts.join(format!("{step}.png"));
        std::fs::write(&path, png)?;
        eprintln!("[e2e {}] screenshot {}", self.name, path.display());
        Ok(path)
    }

    /// Opens a Mantine select (clicking again while a modal still animates in)
    /// and picks the option whose text is `label`.
    pub async fn pick_option(&self, select: &str, label: &str) -> Result<()> {
        const VISIBLE_OPTIONS: &str =
            "return [...document.querySelectorAll('.mantine-Select-dropdown [role=option]')].filter(o => o.getClientRects().length > 0).length;";
        self.wait_until(&format!("the options of {select}"), SHORT, || async {
            if self.execute(VISIBLE_OPTIONS, vec![]).await?.as_u64().unwrap_or(0) > 0 {
                return Ok(Some(()));
            }
            self.click(&testid(select)).await?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            Ok(None)
        })
        .await?;
        self.wait_until(&format!("option {label}"), SHORT, || async {
            let ok = self
                .execute(
                    "const o = [...document.querySelectorAll('.mantine-Select-dropdown [role=option]')].find(o => o.getClientRects().length > 0 && o.textContent.trim() === arguments[0]); \
                     if (o) { o.click(); return true; } return false;",
                    vec![serde_json::json!(label)],
                )
                .await?;
            Ok((ok == serde_json::json!(true)).then_some(()))
        })
        .await
    }

    /// Ends the session (which closes the app), then stops the driver's process group.
    pub async fn stop(self) {
        let App {
            client, mut driver, ..
        } = self;
        let _ = tokio::time::timeout(SHORT, client.close()).await;
        driver.kill().await;
    }
}

/// `[data-testid="<id>"]`
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// tauri-driver and everything it started (one process group).
struct Driver {
    child: Option<Child>,
}

impl Driver {
    async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            if let Some(pid) = child.id() {
                // SAFETY: plain syscall on a process group we created.
                unsafe { libc::killpg(pid as i32, libc::SIGTERM) };
                if tokio::time::timeout(Duration::from_secs(3), child.wait())
                    .await
                    .is_err()
                {
                    unsafe { libc::killpg(pid as i32, libc::SIGKILL) };
                }
            }
            let _ = child.kill().await;
        }
    }
}

impl Drop for Driver {
    // Safety net if a test future is dropped without `stop` (e.g. the runtime shut down).
    fn drop(&mut self) {
        if let Some(child) = &self.child {
            if let Some(pid) = child.id() {
                unsafe { libc::killpg(pid as i32, libc::SIGKILL) };
            }
        }
    }
}

/// `POSTDESK_APP`, else `postdesk` next to this test binary's target dir
/// (`target/debug/deps/<test>` → `target/debug/postdesk`).
fn app_binary() -> Result<PathBuf> {
    let path = match std::env::var_os("POSTDESK_APP") {
        Some(p) => PathBuf::from(p),
        None => {
            let exe = std::env::current_exe()?;
            let profile_dir = exe
                .parent()
                .and_then(Path::parent)
                .context("test binary has no target dir")?;
            profile_dir.join("postdesk")
        }
    };
    if !path.is_file() {
        bail!(
            "app binary {} not found: build it first with `cargo build -p postdesk --features e2e` \
             (or set POSTDESK_APP)",
            path.display()
        );
    }
    Ok(path)
}

/// `TAURI_DRIVER`, else `tauri-driver` on PATH, else `~/.cargo/bin/tauri-driver`.
fn tauri_driver() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return Ok(PathBuf::from(p));
    }
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("tauri-driver"))
                .collect()
        })
        .unwrap_or_default();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    candidates.extend(cargo_home.map(|c| c.join("bin/tauri-driver")));
    candidates.push(PathBuf::from("/root/.cargo/bin/tauri-driver"));
    candidates.into_iter().find(|p| p.is_file()).ok_or_else(|| {
        anyhow!("tauri-driver not found: run scripts/setup.sh (cargo install tauri-driver --locked --version 2.1.0)")
    })
}

/// WebKitWebDriver, passed explicitly when it is where Debian puts it.
fn native_driver() -> Option<PathBuf> {
    std::env::var_os("WEBKIT_WEBDRIVER")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("/usr/bin/WebKitWebDriver")))
        .filter(|p| p.is_file())
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

async fn wait_port(port: u16, timeout: Duration, driver: &mut Driver) -> Result<()> {
    let start = Instant::now();
    loop {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if let Some(child) = driver.child.as_mut() {
            if let Some(status) = child.try_wait()? {
                bail!("tauri-driver exited at start ({status})");
            }
        }
        if start.elapsed() > timeout {
            bail!("tauri-driver did not listen on port {port} within {timeout:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn read_log(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
