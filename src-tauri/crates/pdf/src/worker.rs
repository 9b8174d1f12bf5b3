//! pdfium in a child process, supervised, so a PDF that crashes, hangs or blows
//! up pdfium takes down a worker, never the window and its outbox.
//!
//! The child is any program that calls `serve_stdio` when `WORKER_ENV` is set
//! (the app and `postdesk-cli` re-run their own executable; core's tests use
//! its `postdesk-pdf-worker` binary). It runs one `PdfEngine` and answers
//! requests on stdin/stdout in frames: a little-endian `u32` length, then that
//! many bytes of JSON (`Request` / `Response`); a rendered page follows its
//! `Response::Png` as one more frame of raw PNG bytes. Frame lengths are bounded
//! before anything is allocated.
//!
//! `PdfWorker` (the parent's side) keeps one child, starts it on first use, and
//! waits for each answer at most `hard_limit`: past that the child is killed
//! (a hang), and a child that dies (a crash, or the address-space limit it runs
//! under) is noticed at once. Either way the file gets its answer — a
//! `check_timeout` or `check_failed` finding for a preflight, a `PdfError` for a
//! render — and the next request starts a fresh child.
//!
//! `Pdf` is what the app holds: the in-process engine (tests, tools) or the
//! supervised worker, with the same calls.
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::engine::PdfEngine;
use crate::error::PdfError;
use crate::preflight::{self, Preflight};
use crate::rules::ProviderRules;
use crate::split::{PageRange, SplitPlan, SplitRule};

/// Set (to anything) in the environment of a child that is to serve as worker.
pub const WORKER_ENV: &str = "POSTDESK_PDF_WORKER";
/// Largest frame either side accepts (a PNG of an 8000 px page is far below).
const MAX_FRAME: u32 = 256 * 1024 * 1024;
/// Default wait for one answer: the engine's own limit (20 s) and grace (10 s),
/// plus start-up and slack.
pub const DEFAULT_HARD_LIMIT: Duration = Duration::from_secs(40);
/// Default address-space limit of a worker (pdfium, a few renders, the letter).
pub const DEFAULT_MEMORY_LIMIT: u64 = 3 * 1024 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Request {
    /// Answered once the child's pdfium is bound (start-up check).
    Ping,
    Preflight { path: PathBuf, rules: ProviderRules },
    Render { path: PathBuf, page: u32, dpi: f32 },
    Split { path: PathBuf, rules: ProviderRules, rule: SplitRule },
    PreflightRanges { path: PathBuf, rules: ProviderRules, ranges: Vec<PageRange> },
    Extract { path: PathBuf, range: PageRange, dest: PathBuf },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Response {
    Pong { library: String },
    Preflight(Preflight),
    /// A PNG of this many bytes follows as the next frame.
    Png(u32),
    Plan(SplitPlan),
    Preflights(Vec<Preflight>),
    Extracted { sha256: String, source_sha256: String },
    Error(WireError),
}

/// A `PdfError` across the pipe (the variants a caller tells apart).
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum WireError {
    NoSuchPage { page: u32, pages: u32 },
    Timeout { ms: u64 },
    Render { message: String },
    Other { message: String },
}

impl From<&PdfError> for WireError {
    fn from(e: &PdfError) -> Self {
        match e {
            PdfError::NoSuchPage { page, pages } => WireError::NoSuchPage { page: *page, pages: *pages },
            PdfError::Timeout(d) => WireError::Timeout { ms: d.as_millis() as u64 },
            PdfError::Render(m) => WireError::Render { message: m.clone() },
            other => WireError::Other { message: other.to_string() },
        }
    }
}

impl From<WireError> for PdfError {
    fn from(e: WireError) -> Self {
        match e {
            WireError::NoSuchPage { page, pages } => PdfError::NoSuchPage { page, pages },
            WireError::Timeout { ms } => PdfError::Timeout(Duration::from_millis(ms)),
            WireError::Render { message } => PdfError::Render(message),
            WireError::Other { message } => PdfError::Unreadable(message),
        }
    }
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let n = u32::try_from(bytes.len()).ok().filter(|n| *n <= MAX_FRAME).ok_or_else(|| io::Error::other("frame too large"))?;
    w.write_all(&n.to_le_bytes())?;
    w.write_all(bytes)?;
    w.flush()
}

/// The next frame; None at a clean end of the stream.
fn read_frame(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let n = u32::from_le_bytes(len);
    if n > MAX_FRAME {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("frame of {n} bytes")));
    }
    let mut buf = vec![0u8; n as usize];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

/// The worker's side: serves requests on stdin/stdout until stdin closes.
/// Returns the process exit code. Anything else that writes to stdout (pdfium,
/// a library) is sent to stderr, so it cannot corrupt the frames.
pub fn serve_stdio() -> i32 {
    let mut out = match protocol_stdout() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("postdesk pdf worker: {e}");
            return 2;
        }
    };
    let engine = match PdfEngine::start(None) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("postdesk pdf worker: {e}");
            return 3;
        }
    };
    let mut input = io::stdin().lock();
    loop {
        let frame = match read_frame(&mut input) {
            Ok(Some(f)) => f,
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("postdesk pdf worker: {e}");
                return 4;
            }
        };
        let request: Request = match serde_json::from_slice(&frame) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("postdesk pdf worker: bad request: {e}");
                return 5;
            }
        };
        let (response, png) = match request {
            Request::Ping => (Response::Pong { library: engine.library().to_string() }, None),
            Request::Preflight { path, rules } => {
                test_hooks(&path);
                match engine.preflight(&path, &rules) {
                    Ok(pf) => (Response::Preflight(pf), None),
                    Err(e) => (Response::Error((&e).into()), None),
                }
            }
            Request::Split { path, rules, rule } => {
                test_hooks(&path);
                match engine.split(&path, &rules, &rule) {
                    Ok(p) => (Response::Plan(p), None),
                    Err(e) => (Response::Error((&e).into()), None),
                }
            }
            Request::PreflightRanges { path, rules, ranges } => {
                test_hooks(&path);
                match engine.preflight_ranges(&path, &rules, &ranges) {
                    Ok(p) => (Response::Preflights(p), None),
                    Err(e) => (Response::Error((&e).into()), None),
                }
            }
            Request::Extract { path, range, dest } => {
                test_hooks(&path);
                match engine.extract_pages(&path, range, &dest) {
                    Ok((sha256, source_sha256)) => (Response::Extracted { sha256, source_sha256 }, None),
                    Err(e) => (Response::Error((&e).into()), None),
                }
            }
            Request::Render { path, page, dpi } => {
                test_hooks(&path);
                match engine.render_page_png(&path, page, dpi) {
                    Ok(png) => (Response::Png(png.len() as u32), Some(png)),
                    Err(e) => (Response::Error((&e).into()), None),
                }
            }
        };
        let json = serde_json::to_vec(&response).expect("responses serialize");
        let sent = write_frame(&mut out, &json).and_then(|_| match &png {
            Some(p) => write_frame(&mut out, p),
            None => Ok(()),
        });
        if sent.is_err() {
            return 0; // the parent went away
        }
    }
}

/// A handle on the real stdout for the frames; fd 1 itself then points at
/// stderr (unix), so stray prints of pdfium do not reach the pipe.
#[cfg(unix)]
fn protocol_stdout() -> io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: dup/dup2 on the process's own standard descriptors; the new
    // descriptor is owned by the File from here on.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(std::fs::File::from_raw_fd(fd))
    }
}

#[cfg(not(unix))]
fn protocol_stdout() -> io::Result<io::Stdout> {
    Ok(io::stdout())
}

/// Test hooks of debug builds: a file whose name holds `postdesk-test-worker-crash`
/// aborts the worker (as a segfault in pdfium would), `…-hang` never answers,
/// `…-oom` allocates until the memory limit stops it.
#[cfg(debug_assertions)]
fn test_hooks(path: &Path) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("postdesk-test-worker-crash") {
        std::process::abort();
    }
    if name.contains("postdesk-test-worker-hang") {
        std::thread::sleep(Duration::from_secs(3600));
    }
    if name.contains("postdesk-test-worker-oom") {
        let mut hog: Vec<Vec<u8>> = Vec::new();
        loop {
            hog.push(vec![1u8; 64 * 1024 * 1024]);
        }
    }
}

#[cfg(not(debug_assertions))]
fn test_hooks(_path: &Path) {}

/// How to start a worker (a program, its arguments, extra environment;
/// `WORKER_ENV` is added) and how it is supervised.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub env: Vec<(OsString, OsString)>,
    /// The longest wait for one answer before the child is killed.
    pub hard_limit: Duration,
    /// The child's address-space limit in bytes (unix).
    pub memory_limit: u64,
}

impl WorkerCommand {
    pub fn new(program: impl Into<PathBuf>) -> Self {
        WorkerCommand {
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
            hard_limit: DEFAULT_HARD_LIMIT,
            memory_limit: DEFAULT_MEMORY_LIMIT,
        }
    }

    /// This process's own executable (which calls `serve_stdio` under `WORKER_ENV`).
    pub fn current_exe() -> io::Result<Self> {
        Ok(Self::new(std::env::current_exe()?))
    }
}

/// One running child: its stdin and the frames its stdout gives.
struct Running {
    child: Child,
    stdin: ChildStdin,
    frames: mpsc::Receiver<io::Result<Vec<u8>>>,
}

impl Running {
    /// Kills the child and reaps it.
    fn stop(mut self) {
        let _ = self.child.kill();
        if let Ok(status) = self.child.wait() {
            // No logging crate here: the file's finding says it; stderr has the detail.
            eprintln!("postdesk: PDF worker stopped ({status}); the next file starts a new one");
        }
    }
}

/// Why the worker gave no answer.
#[derive(Debug)]
enum Failure {
    /// Killed after `hard_limit`.
    Hung,
    /// It died (or answered nonsense).
    Crashed(String),
    /// It could not be started.
    Spawn(io::Error),
}

/// The supervised worker (the parent's side). `Clone + Send + Sync`; clones
/// share the one child, and requests take turns as on the in-process engine.
#[derive(Clone)]
pub struct PdfWorker {
    cmd: Arc<WorkerCommand>,
    running: Arc<Mutex<Option<Running>>>,
    hard_limit: Duration,
    memory_limit: u64,
}

impl std::fmt::Debug for PdfWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfWorker").field("program", &self.cmd.program).finish_non_exhaustive()
    }
}

impl PdfWorker {
    /// A worker started from `cmd` on first use.
    pub fn new(cmd: WorkerCommand) -> Self {
        PdfWorker {
            hard_limit: cmd.hard_limit,
            memory_limit: cmd.memory_limit,
            cmd: Arc::new(cmd),
            running: Arc::new(Mutex::new(None)),
        }
    }

    /// Starts the child now (so a missing pdfium shows at start-up, not at the
    /// first drop) and checks that it answers.
    pub fn start(cmd: WorkerCommand) -> Result<Self, PdfError> {
        let w = Self::new(cmd);
        match w.call(&Request::Ping) {
            Ok((Response::Pong { .. }, _)) => Ok(w),
            Ok(_) => Err(PdfError::EngineStopped),
            Err(Failure::Spawn(e)) => Err(PdfError::LibraryUnusable { path: w.cmd.program.display().to_string(), reason: e.to_string() }),
            Err(Failure::Hung) => Err(PdfError::Timeout(w.hard_limit)),
            // The child prints why (e.g. pdfium not found) on stderr.
            Err(Failure::Crashed(why)) => Err(PdfError::LibraryUnusable { path: w.cmd.program.display().to_string(), reason: format!("the PDF worker did not start: {why}") }),
        }
    }

    /// The process id of the running child, if one runs (for tests).
    pub fn child_id(&self) -> Option<u32> {
        self.running.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|r| r.child.id())
    }

    fn spawn(&self) -> io::Result<Running> {
        let mut c = Command::new(&self.cmd.program);
        c.args(&self.cmd.args)
            .envs(self.cmd.env.iter().map(|(k, v)| (k, v)))
            .env(WORKER_ENV, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            let limit = self.memory_limit;
            // SAFETY: only setrlimit, which is async-signal-safe, between fork and exec.
            unsafe {
                c.pre_exec(move || {
                    let r = libc::rlimit { rlim_cur: limit as libc::rlim_t, rlim_max: limit as libc::rlim_t };
                    if libc::setrlimit(libc::RLIMIT_AS, &r) != 0 {
                        return Err(io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut child = c.spawn()?;
        let stdin = child.stdin.take().ok_or_else(|| io::Error::other("no stdin"))?;
        let mut stdout = child.stdout.take().ok_or_else(|| io::Error::other("no stdout"))?;
        let (tx, frames) = mpsc::channel();
        std::thread::Builder::new().name("pdf-worker-reader".into()).spawn(move || loop {
            match read_frame(&mut stdout) {
                Ok(Some(f)) => {
                    if tx.send(Ok(f)).is_err() {
                        return;
                    }
                }
                Ok(None) => {
                    let _ = tx.send(Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the worker ended")));
                    return;
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        })?;
        Ok(Running { child, stdin, frames })
    }

    /// Sends `req` and waits for its answer (and the PNG frame of a render).
    fn call(&self, req: &Request) -> Result<(Response, Option<Vec<u8>>), Failure> {
        self.call_within(req, self.hard_limit)
    }

    /// As `call`, waiting at most `hard_limit` (many letters in one request).
    fn call_within(&self, req: &Request, hard_limit: Duration) -> Result<(Response, Option<Vec<u8>>), Failure> {
        let mut slot = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(self.spawn().map_err(Failure::Spawn)?);
        }
        let running = slot.as_mut().expect("started above");
        let deadline = std::time::Instant::now() + hard_limit;
        let json = serde_json::to_vec(req).expect("requests serialize");
        let answer = (|| {
            write_frame(&mut running.stdin, &json).map_err(|e| Failure::Crashed(format!("cannot reach the worker: {e}")))?;
            let next = |running: &Running| match running.frames.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now())) {
                Ok(Ok(f)) => Ok(f),
                Ok(Err(e)) => Err(Failure::Crashed(e.to_string())),
                Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::Hung),
                Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Crashed("the worker ended".into())),
            };
            let frame = next(running)?;
            let response: Response = serde_json::from_slice(&frame).map_err(|e| Failure::Crashed(format!("bad answer: {e}")))?;
            let png = match &response {
                Response::Png(n) => {
                    let png = next(running)?;
                    if png.len() != *n as usize {
                        return Err(Failure::Crashed("a broken page image".into()));
                    }
                    Some(png)
                }
                _ => None,
            };
            Ok((response, png))
        })();
        if answer.is_err() {
            // Hung or dead: this child is done; the next request starts another.
            if let Some(r) = slot.take() {
                r.stop();
            }
        }
        answer
    }

    /// As `PdfEngine::preflight`, in the worker. A worker that hangs or dies
    /// on the file gives it a `check_timeout` / `check_failed` finding.
    pub fn preflight(&self, path: &Path, rules: &ProviderRules) -> Result<Preflight, PdfError> {
        let req = Request::Preflight { path: path.to_path_buf(), rules: rules.clone() };
        match self.call(&req) {
            Ok((Response::Preflight(pf), _)) => Ok(pf),
            Ok((Response::Error(e), _)) => Err(e.into()),
            Ok(_) => Err(PdfError::Unreadable("the PDF checker answered out of turn".into())),
            Err(Failure::Spawn(e)) => Err(PdfError::LibraryUnusable { path: self.cmd.program.display().to_string(), reason: e.to_string() }),
            Err(Failure::Hung) => Ok(unanswered(path, rules, preflight::check_timeout())),
            Err(Failure::Crashed(why)) => Ok(unanswered(path, rules, preflight::check_failed(&PdfError::Unreadable(format!("the PDF reader stopped on it: {why}"))))),
        }
    }

    /// As `PdfEngine::render_page_png`, in the worker.
    pub fn render_page_png(&self, path: &Path, page_index: u32, dpi: f32) -> Result<Vec<u8>, PdfError> {
        let req = Request::Render { path: path.to_path_buf(), page: page_index, dpi };
        match self.call(&req) {
            Ok((Response::Png(_), Some(png))) => Ok(png),
            Ok((Response::Error(e), _)) => Err(e.into()),
            Ok(_) => Err(PdfError::Unreadable("the PDF reader answered out of turn".into())),
            Err(Failure::Spawn(e)) => Err(PdfError::LibraryUnusable { path: self.cmd.program.display().to_string(), reason: e.to_string() }),
            Err(Failure::Hung) => Err(PdfError::Timeout(self.hard_limit)),
            Err(Failure::Crashed(why)) => Err(PdfError::Unreadable(format!("the PDF reader stopped on it: {why}"))),
        }
    }
    /// One request whose answer is not a preflight: a worker that hangs or dies
    /// on it is an error.
    fn ask(&self, req: &Request, hard_limit: Duration) -> Result<Response, PdfError> {
        match self.call_within(req, hard_limit) {
            Ok((Response::Error(e), _)) => Err(e.into()),
            Ok((r, _)) => Ok(r),
            Err(Failure::Spawn(e)) => Err(PdfError::LibraryUnusable { path: self.cmd.program.display().to_string(), reason: e.to_string() }),
            Err(Failure::Hung) => Err(PdfError::Timeout(hard_limit)),
            Err(Failure::Crashed(why)) => Err(PdfError::Unreadable(format!("the PDF reader stopped on it: {why}"))),
        }
    }

    /// As `PdfEngine::split`, in the worker.
    pub fn split(&self, path: &Path, rules: &ProviderRules, rule: &SplitRule) -> Result<SplitPlan, PdfError> {
        match self.ask(&Request::Split { path: path.to_path_buf(), rules: rules.clone(), rule: rule.clone() }, self.hard_limit)? {
            Response::Plan(p) => Ok(p),
            _ => Err(PdfError::Unreadable("the PDF reader answered out of turn".into())),
        }
    }

    /// As `PdfEngine::preflight_ranges`, in the worker.
    pub fn preflight_ranges(&self, path: &Path, rules: &ProviderRules, ranges: &[PageRange]) -> Result<Vec<Preflight>, PdfError> {
        // The engine allows each range its own time limit: so does the wait here,
        // one hard limit per 50 letters (a 300-letter mail merge takes < 1 s).
        let limit = self.hard_limit.saturating_mul((ranges.len() as u32).div_ceil(50).max(1));
        match self.ask(&Request::PreflightRanges { path: path.to_path_buf(), rules: rules.clone(), ranges: ranges.to_vec() }, limit)? {
            Response::Preflights(p) if p.len() == ranges.len() => Ok(p),
            _ => Err(PdfError::Unreadable("the PDF reader answered out of turn".into())),
        }
    }

    /// As `PdfEngine::extract_pages`, in the worker.
    pub fn extract_pages(&self, src: &Path, range: PageRange, dest: &Path) -> Result<(String, String), PdfError> {
        match self.ask(&Request::Extract { path: src.to_path_buf(), range, dest: dest.to_path_buf() }, self.hard_limit)? {
            Response::Extracted { sha256, source_sha256 } => Ok((sha256, source_sha256)),
            _ => Err(PdfError::Unreadable("the PDF reader answered out of turn".into())),
        }
    }
}

/// The preflight of a file the worker gave no answer on: its name, its size
/// where it is a regular file, and `finding`.
fn unanswered(path: &Path, rules: &ProviderRules, finding: preflight::Finding) -> Preflight {
    let bytes = std::fs::symlink_metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len()).unwrap_or(0);
    Preflight {
        file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        bytes,
        sha256: String::new(),
        pages: 0,
        page_sizes_mm: Vec::new(),
        findings: vec![finding],
        address: None,
        checked_with_cover_letter: rules.cover_letter,
        letters_hint: None,
    }
}

/// What the app checks and renders PDFs with.
#[derive(Clone, Debug)]
pub enum Pdf {
    /// pdfium in this process (tests, tools).
    InProcess(PdfEngine),
    /// pdfium in a supervised child process (the app, the CLI's outbox).
    Worker(PdfWorker),
}

impl Pdf {
    pub fn preflight(&self, path: &Path, rules: &ProviderRules) -> Result<Preflight, PdfError> {
        match self {
            Pdf::InProcess(e) => e.preflight(path, rules),
            Pdf::Worker(w) => w.preflight(path, rules),
        }
    }

    pub fn render_page_png(&self, path: &Path, page_index: u32, dpi: f32) -> Result<Vec<u8>, PdfError> {
        match self {
            Pdf::InProcess(e) => e.render_page_png(path, page_index, dpi),
            Pdf::Worker(w) => w.render_page_png(path, page_index, dpi),
        }
    }

    pub fn split(&self, path: &Path, rules: &ProviderRules, rule: &SplitRule) -> Result<SplitPlan, PdfError> {
        match self {
            Pdf::InProcess(e) => e.split(path, rules, rule),
            Pdf::Worker(w) => w.split(path, rules, rule),
        }
    }

    pub fn preflight_ranges(&self, path: &Path, rules: &ProviderRules, ranges: &[PageRange]) -> Result<Vec<Preflight>, PdfError> {
        match self {
            Pdf::InProcess(e) => e.preflight_ranges(path, rules, ranges),
            Pdf::Worker(w) => w.preflight_ranges(path, rules, ranges),
        }
    }

    /// Returns the SHA-256 of what was written and of the source read.
    pub fn extract_pages(&self, src: &Path, range: PageRange, dest: &Path) -> Result<(String, String), PdfError> {
        match self {
            Pdf::InProcess(e) => e.extract_pages(src, range, dest),
            Pdf::Worker(w) => w.extract_pages(src, range, dest),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_oversized_lengths_are_refused_before_allocating() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"hello").unwrap();
        write_frame(&mut buf, b"").unwrap();
        let mut r = &buf[..];
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"hello");
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"");
        assert!(read_frame(&mut r).unwrap().is_none(), "a clean end");
        let huge = (MAX_FRAME + 1).to_le_bytes();
        let e = read_frame(&mut &huge[..]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        let mut cut = 10u32.to_le_bytes().to_vec();
        cut.extend_from_slice(b"abc");
        assert!(read_frame(&mut &cut[..]).is_err(), "a frame cut short");
    }

    #[test]
    fn errors_keep_their_kind_across_the_pipe() {
        let e: PdfError = WireError::from(&PdfError::NoSuchPage { page: 3, pages: 2 }).into();
        assert!(matches!(e, PdfError::NoSuchPage { page: 3, pages: 2 }));
        let e: PdfError = WireError::from(&PdfError::Timeout(Duration::from_secs(2))).into();
        assert!(matches!(e, PdfError::Timeout(d) if d == Duration::from_secs(2)));
    }
}
