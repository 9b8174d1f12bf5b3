//! Hot folders: folders Postdesk watches while it runs; every PDF that lands in
//! one becomes a letter (or several, split by the folder's rule) of the folder's
//! company, with the folder's options, and either goes straight out or waits on
//! the desk. The file then moves into `sent/` or `needs-attention/` beside it,
//! with a short note (`<name>.txt`) saying why.
//!
//! Taking a file, step by step. Each step is recorded before the next, so a run
//! killed anywhere finishes the same file at its next start and never takes it
//! twice:
//! 1. a `hot_files` row 'taking' (one unfinished row per folder and file name:
//!    no second scan and no second process starts the same file);
//! 2. its drafts (one transaction), then split by the folder's rule (a second
//!    one that replaces the draft; an already split draft is not split again);
//! 3. in a "go straight out" folder, each draft without an error is queued: it
//!    gets its outbox copy and idempotency key, and from there the outbox sends
//!    it exactly once (a letter already queued is no draft, so not queued again);
//! 4. the row turns 'moving' with the name the file gets in `sent/` or
//!    `needs-attention/`; the note is written beside it;
//! 5. the file is renamed there and, in one transaction, the row is 'done' and
//!    the letters' path follows the file.
//!
//! A file is taken once its size and modification time have not changed for
//! `stable_for` (a file still being copied in is left alone), and it must be a
//! regular file named `*.pdf` (not hidden, not a link); other files stay where
//! they are. Only one process watches: the one holding an exclusive lock on
//! `<data>/hotfolders.lock` (freed by the OS when it dies).
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use crate::error::{CoreError, RuleCode};
use crate::model::*;
use crate::store::{HotFileRow, HotFileState, HotFolderRow};
use crate::Postdesk;

pub const SENT_DIR: &str = "sent";
pub const ATTENTION_DIR: &str = "needs-attention";
const LOCK_FILE: &str = "hotfolders.lock";
/// How long a file's size and time must stay the same before it is taken
/// (env `POSTDESK_HOT_STABLE_MS`): long enough for a copy over a slow share to
/// show progress, short enough that the clerk sees it go.
pub const STABLE_FOR: Duration = Duration::from_millis(1500);
/// A folder is looked at this often even without a change event (network drives
/// and some file systems send none).
const RESCAN_EVERY: Duration = Duration::from_secs(10);
/// An empty file is someone about to write it: taken (as a bad PDF) only after this.
const EMPTY_STABLE_FOR: Duration = Duration::from_secs(30);

const NOT_WATCHED: u8 = 0;
const WATCHING: u8 = 1;
const ELSEWHERE: u8 = 2;

/// What one process knows of its hot folders between scans.
pub(crate) struct HotState {
    watch: AtomicU8,
    /// Size, modification time, and since when both were seen unchanged.
    seen: Mutex<HashMap<PathBuf, (u64, Option<SystemTime>, Instant)>>,
    /// A folder's problem found by the last scan (missing, not writable).
    problems: Mutex<HashMap<i64, HotFolderStatus>>,
    /// The clerk changed a folder: watch again.
    pub(crate) changed: tokio::sync::Notify,
    /// One scan at a time in this process.
    scanning: tokio::sync::Mutex<()>,
    lock: Mutex<Option<std::fs::File>>,
    stable_for: Duration,
}

impl HotState {
    pub(crate) fn new(stable_for: Option<Duration>) -> Self {
        Self {
            watch: AtomicU8::new(NOT_WATCHED),
            seen: Mutex::default(),
            problems: Mutex::default(),
            changed: tokio::sync::Notify::new(),
            scanning: tokio::sync::Mutex::new(()),
            lock: Mutex::new(None),
            stable_for: stable_for.unwrap_or(STABLE_FOR),
        }
    }
}

/// What a scan did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub folder_id: i64,
    pub name: String,
    /// "sent" or "needs_attention"; None: the file was gone before it could be taken.
    pub outcome: Option<String>,
    pub moved_to: Option<PathBuf>,
    pub letters: Vec<i64>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A name a hot folder takes: `*.pdf`, not hidden, not an office lock file.
fn takes_name(name: &str) -> bool {
    !name.starts_with('.') && !name.starts_with("~$") && name.to_ascii_lowercase().ends_with(".pdf")
}

impl Postdesk {
    /// The hot folders with what they have done and how their watch is going.
    pub fn hot_folders(&self) -> Result<Vec<HotFolder>, CoreError> {
        Ok(self.store().hot_folders()?.into_iter().map(|r| self.hot_folder_view(r)).collect())
    }

    fn hot_folder_view(&self, r: HotFolderRow) -> HotFolder {
        let hot = &self.inner.hot;
        let status = if !r.settings.enabled {
            HotFolderStatus::Off
        } else if !Path::new(&r.settings.path).is_dir() {
            HotFolderStatus::Missing
        } else {
            match hot.watch.load(Ordering::SeqCst) {
                WATCHING => lock(&hot.problems).get(&r.id).copied().unwrap_or(HotFolderStatus::Watching),
                ELSEWHERE => HotFolderStatus::WatchedElsewhere,
                _ => HotFolderStatus::NotWatched,
            }
        };
        HotFolder { id: r.id, settings: r.settings, status, taken: r.taken, needs_attention: r.needs_attention, last_taken_at: r.last_taken_at }
    }

    /// Adds (`id` None) or changes a hot folder. The path must be an absolute
    /// path to a folder, neither inside Postdesk's data folder nor around it,
    /// and neither inside nor around another hot folder (their `sent/` would be
    /// taken again); it is stored as the folder's canonical path.
    pub fn save_hot_folder(&self, id: Option<i64>, mut settings: HotFolderSettings) -> Result<HotFolder, CoreError> {
        let given = PathBuf::from(settings.path.trim());
        if !given.is_absolute() {
            return Err(CoreError::rule(RuleCode::HotFolderNotAbsolute, format!("“{}” is not a full path to a folder.", settings.path)));
        }
        let path = std::fs::canonicalize(&given)
            .ok()
            .filter(|p| p.is_dir())
            .ok_or_else(|| CoreError::rule(RuleCode::HotFolderNotAFolder, format!("There is no folder at “{}”.", given.display())))?;
        let data = std::fs::canonicalize(self.data_dir()).unwrap_or_else(|_| self.data_dir().to_path_buf());
        if path.starts_with(&data) || data.starts_with(&path) {
            return Err(CoreError::rule(RuleCode::HotFolderInsideData, format!("“{}” is Postdesk's own data folder or holds it.", path.display())));
        }
        for other in self.store().hot_folders()? {
            let o = Path::new(&other.settings.path);
            if Some(other.id) != id && (path.starts_with(o) || o.starts_with(&path)) {
                return Err(CoreError::rule(RuleCode::HotFolderDuplicate, format!("“{}” is or holds the hot folder “{}”.", path.display(), o.display())));
            }
        }
        self.store().company(settings.company_id)?;
        if let Some(rule) = &settings.split {
            rule.validate().map_err(|e| crate::split::rule_error(&e))?;
        }
        if let Some(on) = &settings.send_on {
            crate::app::check_send_on(on, self.now_ms())?;
        }
        settings.path = path.display().to_string();
        let id = self.store().save_hot_folder(id, &settings)?;
        self.inner.hot.changed.notify_one();
        Ok(self.hot_folder_view(self.store().hot_folder(id)?))
    }

    /// Stops watching a folder and forgets it (the files it took, and their
    /// letters, stay as they are).
    pub fn remove_hot_folder(&self, id: i64) -> Result<(), CoreError> {
        self.store().remove_hot_folder(id)?;
        self.inner.hot.changed.notify_one();
        Ok(())
    }

    /// Watches the hot folders until the app ends: at once it finishes what a
    /// killed run left and looks at every folder (what arrived while Postdesk
    /// was closed), then again on every change in a folder and every
    /// `RESCAN_EVERY`. Only one process on a data folder watches; the others
    /// try again now and then (it may quit).
    pub fn start_hot_folders(&self) {
        let app = self.clone();
        tokio::spawn(async move { app.watch_loop().await });
    }

    async fn watch_loop(self) {
        let hot = &self.inner.hot;
        let event = std::sync::Arc::new(tokio::sync::Notify::new());
        let mut watcher: Option<notify::RecommendedWatcher> = None;
        let mut watched: Vec<PathBuf> = Vec::new();
        loop {
            if self.inner.stopping.load(Ordering::SeqCst) {
                return;
            }
            if !self.hold_hot_lock() {
                hot.watch.store(ELSEWHERE, Ordering::SeqCst);
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(5)) => {}
                    _ = hot.changed.notified() => {}
                }
                continue;
            }
            hot.watch.store(WATCHING, Ordering::SeqCst);
            // Change events only wake the scan; what to take is read from the folder.
            let folders: Vec<PathBuf> = match self.store().hot_folders() {
                Ok(f) => f.into_iter().filter(|f| f.settings.enabled).map(|f| PathBuf::from(f.settings.path)).collect(),
                Err(e) => {
                    tracing::warn!("hot folders: {e}");
                    Vec::new()
                }
            };
            if watcher.is_none() {
                let ev = event.clone();
                watcher = notify::recommended_watcher(move |_res: notify::Result<notify::Event>| ev.notify_one())
                    .map_err(|e| tracing::warn!("hot folders: no change events ({e}); looking every {RESCAN_EVERY:?}"))
                    .ok();
                watched.clear();
            }
            if let Some(w) = watcher.as_mut() {
                use notify::Watcher;
                for gone in watched.iter().filter(|p| !folders.contains(p)) {
                    let _ = w.unwatch(gone);
                }
                watched.retain(|p| folders.contains(p));
                for f in &folders {
                    // A folder not there (yet) is tried again at the next round.
                    if !watched.contains(f) && w.watch(f, notify::RecursiveMode::NonRecursive).is_ok() {
                        watched.push(f.clone());
                    }
                }
            }
            let waiting = match self.scan_hot_folders().await {
                Ok((taken, waiting)) => {
                    self.tell_took(&taken);
                    waiting
                }
                Err(e) => {
                    tracing::warn!("hot folders: {e}");
                    false
                }
            };
            // A file seen but not yet settled is looked at again when it may be.
            let next = if waiting { hot.stable_for / 2 + Duration::from_millis(50) } else { RESCAN_EVERY };
            tokio::select! {
                _ = tokio::time::sleep(next) => {}
                _ = event.notified() => {}
                _ = hot.changed.notified() => {}
            }
        }
    }

    /// One `hot_folder_took` event per folder that took files this round.
    fn tell_took(&self, taken: &[Taken]) {
        let mut by_folder: Vec<HotFolderTook> = Vec::new();
        for t in taken.iter().filter(|t| t.outcome.is_some()) {
            let i = match by_folder.iter().position(|f| f.folder_id == t.folder_id) {
                Some(i) => i,
                None => {
                    let folder = t.moved_to.as_ref().and_then(|m| m.parent()?.parent()).map(|p| p.display().to_string()).unwrap_or_default();
                    by_folder.push(HotFolderTook { folder_id: t.folder_id, folder, sent_files: 0, attention_files: 0, letters: 0 });
                    by_folder.len() - 1
                }
            };
            let f = &mut by_folder[i];
            match t.outcome.as_deref() {
                Some("sent") => f.sent_files += 1,
                _ => f.attention_files += 1,
            }
            f.letters += t.letters.len() as u32;
        }
        for f in &by_folder {
            self.inner.events.hot_folder_took(f);
        }
    }

    /// This process holds (or now takes) the hot folders' lock.
    fn hold_hot_lock(&self) -> bool {
        let mut held = lock(&self.inner.hot.lock);
        if held.is_some() {
            return true;
        }
        let path = self.data_dir().join(LOCK_FILE);
        // Owner-only, as everything in the data folder.
        let _ = crate::paths::create_private_file(&path);
        let file = match std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path) {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!("hot folders: {}: {e}", path.display());
                return false;
            }
        };
        match file.try_lock() {
            Ok(()) => {
                *held = Some(file);
                true
            }
            Err(_) => false,
        }
    }

    /// One round: finishes takes a killed run left, then takes every settled
    /// file of every folder that is on. Returns what it took and whether a file
    /// is still settling. Without the hot folders' lock (another process
    /// watches) it takes nothing.
    pub async fn scan_hot_folders(&self) -> Result<(Vec<Taken>, bool), CoreError> {
        let _one = self.inner.hot.scanning.lock().await;
        if !self.hold_hot_lock() {
            return Ok((Vec::new(), false));
        }
        let mut taken = Vec::new();
        for row in self.store().unfinished_hot_files()? {
            match self.finish_take(row.clone()).await {
                Ok(t) => taken.push(t),
                Err(e) => tracing::warn!("hot folder file {}: {e}", row.name),
            }
        }
        let mut waiting = false;
        for folder in self.store().hot_folders()?.into_iter().filter(|f| f.settings.enabled) {
            match self.scan_folder(&folder).await {
                Ok((t, w)) => {
                    taken.extend(t);
                    waiting |= w;
                }
                Err(e) => tracing::warn!("hot folder {}: {e}", folder.settings.path),
            }
        }
        Ok((taken, waiting))
    }

    async fn scan_folder(&self, folder: &HotFolderRow) -> Result<(Vec<Taken>, bool), CoreError> {
        let hot = &self.inner.hot;
        let dir = PathBuf::from(&folder.settings.path);
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(_) => {
                lock(&hot.problems).insert(folder.id, HotFolderStatus::Missing);
                return Ok((Vec::new(), false));
            }
        };
        // Files are only taken from a folder they can be moved out of.
        for sub in [SENT_DIR, ATTENTION_DIR] {
            if std::fs::create_dir_all(dir.join(sub)).is_err() {
                lock(&hot.problems).insert(folder.id, HotFolderStatus::NotWritable);
                return Ok((Vec::new(), false));
            }
        }
        lock(&hot.problems).remove(&folder.id);
        let mut ready = Vec::new();
        let mut waiting = false;
        let now = Instant::now();
        let mut names: Vec<(String, u64)> = Vec::new();
        let mut present = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // Regular files only: no folder, no link (it could point anywhere).
            let Ok(meta) = std::fs::symlink_metadata(e.path()) else { continue };
            if !meta.file_type().is_file() || !takes_name(&name) {
                continue;
            }
            let key = e.path();
            present.push(key.clone());
            let (size, mtime) = (meta.len(), meta.modified().ok());
            let mut seen = lock(&hot.seen);
            let since = match seen.get(&key) {
                Some(&(s, m, since)) if s == size && m == mtime => since,
                _ => {
                    seen.insert(key.clone(), (size, mtime, now));
                    now
                }
            };
            let settle = if size == 0 { EMPTY_STABLE_FOR } else { hot.stable_for };
            if now.duration_since(since) >= settle {
                seen.remove(&key);
                names.push((name, size));
            } else {
                waiting = true;
            }
        }
        // Forget files that went away before they settled.
        lock(&hot.seen).retain(|k, _| k.parent() != Some(dir.as_path()) || present.contains(k));
        names.sort();
        for (name, size) in names {
            // Another run (or this one, killed before) has it unfinished: skip here;
            // its row is finished by `finish_take`.
            let Some(row) = self.store().start_hot_file(folder.id, &folder.settings.path, &name, size)? else { continue };
            crate::test_hooks::crash_at("hot_claimed");
            match self.finish_take(row).await {
                Ok(t) => ready.push(t),
                Err(e) => tracing::warn!("hot folder file {name}: {e}"),
            }
        }
        Ok((ready, waiting))
    }

    /// Steps 2–5 for a file whose row exists, from the first not done.
    async fn finish_take(&self, row: HotFileRow) -> Result<Taken, CoreError> {
        let folder = self.store().hot_folder(row.folder_id).ok();
        let src = Path::new(&row.folder_path).join(&row.name);
        let mut taken = Taken { folder_id: row.folder_id, name: row.name.clone(), outcome: None, moved_to: None, letters: Vec::new() };
        let moved_to = match row.state {
            HotFileState::Done => return Ok(taken),
            HotFileState::Moving => PathBuf::from(row.moved_to.clone().unwrap_or_default()),
            HotFileState::Taking => {
                let Some((outcome, note, to)) = self.make_letters(&row, folder.as_ref(), &src).await? else {
                    // Gone before its letters were made (the clerk took it back).
                    self.store().hot_file_done(row.id, None)?;
                    return Ok(taken);
                };
                write_note(&to, &note);
                self.store().hot_file_moving(row.id, outcome, &to.display().to_string())?;
                crate::test_hooks::crash_at("hot_moving");
                to
            }
        };
        // The file is renamed unless it already is there (killed after the rename).
        if src.exists() {
            if let Err(e) = std::fs::rename(&src, &moved_to) {
                if let Some(f) = &folder {
                    lock(&self.inner.hot.problems).insert(f.id, HotFolderStatus::NotWritable);
                }
                return Err(CoreError::file(&src, e));
            }
        }
        crate::test_hooks::crash_at("hot_moved");
        self.store().hot_file_done(row.id, Some(&moved_to.display().to_string()))?;
        let done = self.store().hot_file(row.id)?;
        taken.outcome = done.outcome;
        taken.letters = self.store().hot_file_letters(row.id)?.iter().map(|l| l.id).collect();
        taken.moved_to = Some(moved_to);
        Ok(taken)
    }

    /// Steps 2 and 3: the file's letters made, split and (straight out) queued.
    /// Returns the outcome, the note and where the file goes; None when the file
    /// is gone and no letter was made from it.
    async fn make_letters(&self, row: &HotFileRow, folder: Option<&HotFolderRow>, src: &Path) -> Result<Option<(&'static str, String, PathBuf)>, CoreError> {
        let store = self.store();
        let mut letters = store.hot_file_letters(row.id)?;
        // A folder removed while a file was half taken: its letters wait on the desk.
        let (company_id, mode, options, split, send_on) = match folder {
            Some(f) => (f.settings.company_id, f.settings.mode, f.settings.options.clone(), f.settings.split.clone(), f.settings.send_on.clone()),
            None => {
                let Some(l) = letters.first() else { return Ok(None) };
                (l.company_id, HotFolderMode::Desk, None, None, None)
            }
        };
        if letters.is_empty() {
            if !src.is_file() {
                return Ok(None);
            }
            letters = self.add_files_to(company_id, options, vec![src.to_path_buf()], Some((row.id, row.folder_path.clone()))).await?;
            crate::test_hooks::crash_at("hot_drafted");
        }
        if let (Some(rule), [one]) = (split, letters.as_slice()) {
            if one.state == LetterState::Draft && one.split_from.is_none() && one.pages > 1 && !one.has_blocking_finding() {
                let plan = self.split_preview(one.id, rule).await?;
                if plan.letters.len() > 1 {
                    let ranges = plan.letters.iter().map(|l| l.range()).collect();
                    letters = self.split_draft(one.id, ranges).await?;
                }
            }
        }
        // Why each letter that stays on the desk stays there.
        let mut held: Vec<(i64, String)> = Vec::new();
        for l in &letters {
            if l.state != LetterState::Draft {
                continue;
            }
            if mode == HotFolderMode::Desk {
                held.push((l.id, "waits for a look (this folder's letters wait on the desk)".into()));
                continue;
            }
            if let Some(f) = l.preflight.findings.iter().find(|f| f.severity == postdesk_pdf::Severity::Error) {
                held.push((l.id, format!("{} [{}]", f.message, f.code)));
                continue;
            }
            match self.send_checked_on(&[l.id], false, send_on.as_ref()) {
                Ok(r) => {
                    if let Some(s) = r.skipped.first() {
                        held.push((l.id, format!("the same PDF is already in the outbox as letter {} [duplicate]", s.existing_id)));
                    }
                }
                Err(e) => {
                    let e = AppError::from(&e);
                    held.push((l.id, format!("{} [{}]", e.message, e.code)));
                }
            }
        }
        crate::test_hooks::crash_at("hot_queued");
        let letters = store.hot_file_letters(row.id)?;
        let outcome = if held.is_empty() && !letters.is_empty() { "sent" } else { "needs_attention" };
        let sub = if outcome == "sent" { SENT_DIR } else { ATTENTION_DIR };
        let to = free_name(&Path::new(&row.folder_path).join(sub), &row.name);
        let company = store.company(company_id).map(|c| c.name).unwrap_or_default();
        Ok(Some((outcome, note(&row.name, &company, &letters, &held), to)))
    }
}

/// `dir/name`, or `dir/stem (2).pdf`, … when a file of that name is there.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let p = Path::new(name);
    let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = p.extension().map(|s| format!(".{}", s.to_string_lossy())).unwrap_or_default();
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists() && !note_path(p).exists())
        .expect("a free name")
}

/// The note beside a moved file: `invoice.pdf` → `invoice.pdf.txt`.
pub fn note_path(moved_to: &Path) -> PathBuf {
    let mut s = moved_to.as_os_str().to_owned();
    s.push(".txt");
    PathBuf::from(s)
}

fn write_note(moved_to: &Path, text: &str) {
    if let Err(e) = std::fs::write(note_path(moved_to), text) {
        tracing::warn!("hot folder note {}: {e}", moved_to.display());
    }
}

/// The note's text. English with the codes in brackets: it is read in a file
/// browser, outside the window that words codes in the clerk's language.
fn note(name: &str, company: &str, letters: &[Letter], held: &[(i64, String)]) -> String {
    let at = time::OffsetDateTime::now_utc().format(&time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).unwrap_or_default();
    let mut s = format!("Postdesk took “{name}” on {at} for “{company}”.\n\n");
    for l in letters {
        let to = l.recipient.as_ref().map(|a| a.lines.join(", ")).filter(|a| !a.is_empty()).unwrap_or_else(|| "no address read".into());
        let what = match held.iter().find(|(id, _)| *id == l.id) {
            Some((_, why)) => format!("waits on the desk: {why}"),
            None if l.state == LetterState::Scheduled => format!("scheduled to go out on {}", l.send_on.as_deref().unwrap_or("its day")),
            None if l.state == LetterState::Draft => "waits on the desk".to_string(),
            None => "sent to the outbox; follow it in the job list".to_string(),
        };
        s.push_str(&format!("Letter {} ({} page{}, to {to}): {what}.\n", l.id, l.pages, if l.pages == 1 { "" } else { "s" }));
    }
    if letters.is_empty() {
        s.push_str("No letter could be made of it.\n");
    }
    s
}
