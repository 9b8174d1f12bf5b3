//! The one thread that owns pdfium, and the cheap handle that talks to it.
//!
//! pdfium keeps global state and is not thread-safe, and pdfium-render binds it once
//! per process (a global `OnceCell`). So there is exactly one pdfium thread per
//! process: `PdfEngine::start` spawns it the first time and hands out clones of the
//! same handle afterwards. A pool of pdfium threads in one process is not sound; for
//! more than one core of PDF work run several processes (e.g. a `postdesk-cli`
//! worker per core), each with its own pdfium. What the handle does off the pdfium
//! thread, on the caller's thread: reading the file, SHA-256, PNG encoding.
//!
//! Time limit: each request carries a deadline (`time_limit`, default 20 s). The checks
//! stop cooperatively between pages and every 256 page objects and report
//! `check_incomplete`; a single pdfium call that never returns cannot be interrupted,
//! so the caller stops waiting after `time_limit + 10 s` (queue time included): a
//! preflight then answers with a `check_timeout` error finding (the letter can't be
//! vouched for), a render with `PdfError::Timeout`. Requests behind a stuck one wait
//! for it; the pdfium thread carries on once the stuck call returns.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use pdfium_render::prelude::*;

use crate::error::PdfError;
use crate::preflight::{self, Analysis, Preflight};
use crate::rules::ProviderRules;
use crate::split::{PageRange, SplitPlan, SplitRule};

type Job = Box<dyn FnOnce(&Pdfium) + Send>;

/// Default per-file limit for the checks (see the module comment).
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(20);
/// Extra time the handle waits beyond the limit before giving up on the pdfium thread.
const HARD_GRACE: Duration = Duration::from_secs(10);
/// Largest file a preview is rendered from (the checks stop at the provider's
/// `max_bytes`, far below).
const READ_CAP: u64 = 256 * 1024 * 1024;
/// Preview renders stop at this many pixels on the long side.
const MAX_RENDER_PX: f32 = 8000.0;

/// The process's pdfium thread, once started: its job queue and the library path.
static WORKER: Mutex<Option<(mpsc::Sender<Job>, String)>> = Mutex::new(None);

/// Handle to the pdfium thread. `Clone + Send + Sync`; clones share the thread.
#[derive(Clone, Debug)]
pub struct PdfEngine {
    jobs: mpsc::Sender<Job>,
    library: String,
    time_limit: Duration,
    grace: Duration,
}

impl PdfEngine {
    /// Starts the pdfium thread (or returns a handle to the running one: pdfium binds
    /// once per process, so `lib` only matters on the first successful call).
    ///
    /// With `lib` = None the library is looked up as `library_candidates()` lists, then
    /// among the system's libraries.
    pub fn start(lib: Option<PathBuf>) -> Result<PdfEngine, PdfError> {
        let mut worker = WORKER.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((jobs, library)) = worker.as_ref() {
            return Ok(PdfEngine {
                jobs: jobs.clone(),
                library: library.clone(),
                time_limit: DEFAULT_TIME_LIMIT,
                grace: HARD_GRACE,
            });
        }
        crate::memory::keep_freed_memory_for_reuse();
        let explicit = lib.is_some();
        let candidates = match lib {
            Some(p) if p.is_dir() => vec![Pdfium::pdfium_platform_library_name_at_path(&p)],
            Some(p) => vec![p],
            None => library_candidates(),
        };
        let (jobs, queue) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("pdfium".into())
            .spawn(move || {
                let (bindings, path) = match bind(&candidates, explicit) {
                    Ok(b) => b,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let pdfium = Pdfium::new(bindings);
                let _ = ready_tx.send(Ok(path));
                for job in queue {
                    // A panic inside one job (pdfium-render unwraps in places) must not
                    // take the thread, and with it every later request, down.
                    let _ = catch_unwind(AssertUnwindSafe(|| job(&pdfium)));
                }
            })
            .map_err(|e| PdfError::LibraryUnusable {
                path: String::new(),
                reason: e.to_string(),
            })?;
        let library = ready_rx.recv().map_err(|_| PdfError::EngineStopped)??;
        *worker = Some((jobs.clone(), library.clone()));
        Ok(PdfEngine {
            jobs,
            library,
            time_limit: DEFAULT_TIME_LIMIT,
            grace: HARD_GRACE,
        })
    }

    /// The same engine with another per-file time limit.
    pub fn with_time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// The same engine with another wait beyond the time limit before the handle gives
    /// up on a pdfium call that does not return (default 10 s).
    pub fn with_grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// Occupies the pdfium thread for `d`, as a pdfium call that hangs would: for the
    /// tests of the hard time limit.
    #[doc(hidden)]
    pub fn stall_for_test(&self, d: Duration) {
        let _ = self.jobs.send(Box::new(move |_: &Pdfium| std::thread::sleep(d)));
    }

    /// Path of the bound pdfium library ("system" when found by the system loader).
    pub fn library(&self) -> &str {
        &self.library
    }

    /// Checks a letter against `rules`, opening it once. Problems of the letter, and
    /// of its file (not a regular file, unreadable, over `rules.max_bytes`: never
    /// handed to pdfium), and an engine that fails on it, are findings in
    /// `Ok(Preflight)`, so each file of a drop gets its own answer.
    pub fn preflight(&self, path: &Path, rules: &ProviderRules) -> Result<Preflight, PdfError> {
        Ok(self.check(path, rules, None)?.0)
    }

    /// Page `page_index` (0-based) as PNG at `dpi` (clamped to 10–600).
    pub fn render_page_png(
        &self,
        path: &Path,
        page_index: u32,
        dpi: f32,
    ) -> Result<Vec<u8>, PdfError> {
        let data = crate::file::read_all(path, READ_CAP)?;
        let deadline = Instant::now() + self.time_limit;
        let raw = self.call(move |pdfium| {
            let doc = pdfium
                .load_pdf_from_byte_vec(data, None)
                .map_err(|e| PdfError::Unreadable(preflight::open_failure(&e).message))?;
            render(&doc, page_index, dpi, deadline)
        })??;
        raw.to_png()
    }

    /// Preflight and page 1 as PNG on one open (file dropped → first preview). The
    /// image is None when there is no page to show (not a PDF, encrypted, no pages…).
    pub fn preflight_and_render(
        &self,
        path: &Path,
        rules: &ProviderRules,
        dpi: f32,
    ) -> Result<(Preflight, Option<Vec<u8>>), PdfError> {
        let (pf, raw) = self.check(path, rules, Some(dpi))?;
        let png = match raw {
            Some(r) => Some(r.to_png()?),
            None => None,
        };
        Ok((pf, png))
    }

    fn check(
        &self,
        path: &Path,
        rules: &ProviderRules,
        dpi: Option<f32>,
    ) -> Result<(Preflight, Option<RawImage>), PdfError> {
        // One deadline for everything done with this file: the script scan on the
        // bytes, then pdfium.
        let deadline = Instant::now() + self.time_limit;
        let mut pf = Preflight {
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes: 0,
            sha256: String::new(),
            pages: 0,
            page_sizes_mm: Vec::new(),
            findings: Vec::new(),
            address: None,
            checked_with_cover_letter: rules.cover_letter,
            letters_hint: None,
        };
        // Not a regular file, unreadable, or over the provider's limit: a finding,
        // and pdfium never sees it.
        let file = match crate::file::read_letter(path, rules.max_bytes) {
            Ok(f) => f,
            Err(e) => {
                pf.findings.push(preflight::file_problem(&e));
                return Ok((pf, None));
            }
        };
        pf.bytes = file.bytes;
        pf.sha256 = file.sha256;
        let data = file.data;
        if !preflight::precheck(&data, file.bytes, rules, deadline, &mut pf.findings)
            || !file.complete
        {
            pf.findings.sort_by_key(|f| f.severity);
            return Ok((pf, None));
        }
        let rules = rules.clone();
        let answer =
            self.call(
                move |pdfium| match pdfium.load_pdf_from_byte_vec(data, None) {
                    // A panic in pdfium-render over a strange document becomes a finding, so the
                    // clerk still gets a preflight (and the thread lives on).
                    Ok(doc) => catch_unwind(AssertUnwindSafe(|| {
                        // The preview's render of page 1 first: the ink check reuses it.
                        let raw = match dpi {
                            Some(dpi) if doc.pages().len() > 0 => render(&doc, 0, dpi, deadline).ok(),
                            _ => None,
                        };
                        let page1 = raw.as_ref().and_then(|r| r.raster(&doc));
                        let a = preflight::analyze(&doc, &rules, deadline, page1.as_ref());
                        (a, raw)
                    }))
                    .unwrap_or_else(|_| {
                        (
                            Analysis {
                                findings: vec![preflight::reader_failed()],
                                ..Default::default()
                            },
                            None,
                        )
                    }),
                    Err(e) => (
                        Analysis {
                            findings: vec![preflight::open_failure(&e)],
                            ..Default::default()
                        },
                        None,
                    ),
                },
            );
        // Whatever went wrong with the engine, the file gets its answer.
        let failed = |finding| {
            (
                Analysis {
                    findings: vec![finding],
                    ..Default::default()
                },
                None,
            )
        };
        let (analysis, raw) = match answer {
            Ok(a) => a,
            Err(PdfError::Timeout(_)) => failed(preflight::check_timeout()),
            Err(PdfError::Unreadable(_)) => failed(preflight::reader_failed()),
            Err(e) => failed(preflight::check_failed(&e)),
        };
        pf.pages = analysis.pages;
        pf.page_sizes_mm = analysis.page_sizes_mm;
        pf.findings.extend(analysis.findings);
        pf.findings.sort_by_key(|f| f.severity);
        pf.address = analysis.address;
        pf.letters_hint = analysis.letters_hint;
        Ok((pf, raw))
    }

    /// Where `rule` would cut the merged PDF at `path`, each page's text read once.
    pub fn split(&self, path: &Path, rules: &ProviderRules, rule: &SplitRule) -> Result<SplitPlan, PdfError> {
        rule.validate().map_err(|e| PdfError::Unreadable(e.to_string()))?;
        let data = crate::file::read_all(path, READ_CAP)?;
        let deadline = Instant::now() + self.time_limit;
        let (rules, rule) = (rules.clone(), rule.clone());
        self.call(move |pdfium| {
            let doc = pdfium
                .load_pdf_from_byte_vec(data, None)
                .map_err(|e| PdfError::Unreadable(preflight::open_failure(&e).message))?;
            let with_text = matches!(rule, SplitRule::Text { .. });
            let facts = preflight::page_facts(&doc, &rules, with_text, deadline)?;
            crate::split::plan(&facts, &rule).map_err(|e| PdfError::Unreadable(e.to_string()))
        })?
    }

    /// Preflights each of `ranges` of the file at `path` as if it were a letter of its
    /// own, on one open: page numbers in the findings count from the range's first
    /// page, page limits apply per range. Each answer's `sha256` is the range's key
    /// (`split::range_key`), its `bytes` the whole file's. The checks of the file's
    /// bytes (JavaScript) are made once and given to every range.
    pub fn preflight_ranges(&self, path: &Path, rules: &ProviderRules, ranges: &[PageRange]) -> Result<Vec<Preflight>, PdfError> {
        let file = crate::file::read_letter(path, READ_CAP)?;
        if !file.complete {
            return Err(PdfError::TooLarge { path: path.to_path_buf(), bytes: file.bytes });
        }
        // A time limit per range, as if each were dropped alone, within one call.
        let per = self.time_limit;
        let deadline = Instant::now() + per;
        let mut common = Vec::new();
        // Size 0: the file is many letters; the size limit is not the whole file's.
        if !preflight::precheck(&file.data, 0, rules, deadline, &mut common) {
            return Err(PdfError::Unreadable("not a PDF".into()));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (rules2, list) = (rules.clone(), ranges.to_vec());
        let n = ranges.len() as u32;
        let analyses = self.call_for(per.saturating_mul(n.max(1)), move |pdfium| {
            let doc = pdfium
                .load_pdf_from_byte_vec(file.data, None)
                .map_err(|e| PdfError::Unreadable(preflight::open_failure(&e).message))?;
            Ok::<_, PdfError>(
                list.iter()
                    .map(|r| {
                        let deadline = Instant::now() + per;
                        catch_unwind(AssertUnwindSafe(|| preflight::analyze_range(&doc, *r, &rules2, deadline, None)))
                            .unwrap_or_else(|_| Analysis { findings: vec![preflight::reader_failed()], ..Default::default() })
                    })
                    .collect::<Vec<_>>(),
            )
        })??;
        Ok(analyses
            .into_iter()
            .zip(ranges)
            .map(|(a, r)| {
                let mut findings = common.clone();
                findings.extend(a.findings);
                findings.sort_by_key(|f| f.severity);
                Preflight {
                    file: name.clone(),
                    bytes: file.bytes,
                    sha256: crate::split::range_key(&file.sha256, *r),
                    pages: a.pages,
                    page_sizes_mm: a.page_sizes_mm,
                    findings,
                    address: a.address,
                    checked_with_cover_letter: rules.cover_letter,
                    letters_hint: None,
                }
            })
            .collect())
    }

    /// Writes the pages of `range` of `src` as a new PDF at `dest` (pdfium imports
    /// the pages, with their resources, into a new document). Returns the hex
    /// SHA-256 of the bytes written and the SHA-256 of the source bytes read, so the
    /// caller can check the source is still the file it checked.
    pub fn extract_pages(&self, src: &Path, range: PageRange, dest: &Path) -> Result<(String, String), PdfError> {
        use sha2::Digest;
        let data = crate::file::read_all(src, READ_CAP)?;
        let source_sha = hex::encode(sha2::Sha256::digest(&data));
        let bytes = self.call(move |pdfium| {
            let doc = pdfium
                .load_pdf_from_byte_vec(data, None)
                .map_err(|e| PdfError::Unreadable(preflight::open_failure(&e).message))?;
            let count = doc.pages().len() as u32;
            if range.pages == 0 || range.end() > count {
                return Err(PdfError::NoSuchPage { page: range.end().saturating_sub(1), pages: count });
            }
            let mut out = pdfium.create_new_pdf().map_err(|e| PdfError::Render(e.to_string()))?;
            let last = range.end() - 1;
            out.pages_mut()
                .copy_page_range_from_document(&doc, range.first_page as PdfPageIndex..=last as PdfPageIndex, 0)
                .map_err(|e| PdfError::Render(e.to_string()))?;
            out.save_to_bytes().map_err(|e| PdfError::Render(e.to_string()))
        })??;
        std::fs::write(dest, &bytes).map_err(|e| PdfError::Io { path: dest.to_path_buf(), source: e })?;
        Ok((hex::encode(sha2::Sha256::digest(&bytes)), source_sha))
    }

    /// Runs `f` on the pdfium thread and waits for its answer.
    fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Pdfium) -> R + Send + 'static,
    ) -> Result<R, PdfError> {
        self.call_for(self.time_limit, f)
    }

    /// As `call`, for work with a time limit of `limit` (many letters in one call).
    fn call_for<R: Send + 'static>(
        &self,
        limit: Duration,
        f: impl FnOnce(&Pdfium) -> R + Send + 'static,
    ) -> Result<R, PdfError> {
        let (tx, rx) = mpsc::sync_channel(1);
        self.jobs
            .send(Box::new(move |pdfium: &Pdfium| {
                let _ = tx.send(f(pdfium));
            }))
            .map_err(|_| PdfError::EngineStopped)?;
        rx.recv_timeout(limit + self.grace)
            .map_err(|e| match e {
                mpsc::RecvTimeoutError::Timeout => PdfError::Timeout(limit),
                // The job panicked (its sender was dropped unanswered).
                mpsc::RecvTimeoutError::Disconnected => {
                    PdfError::Unreadable("the PDF made the reader fail".into())
                }
            })
    }
}

/// Where `PdfEngine::start(None)` looks for pdfium, in order: `POSTDESK_PDFIUM` (a file
/// or a folder), next to the executable, the install location relative to the
/// executable (`<exe dir>/../lib/postdesk/`: `/usr/bin/postdesk` →
/// `/usr/lib/postdesk/libpdfium.so`, as the .deb and .rpm install it), then the
/// checkout's `vendor/pdfium/`, an absolute path fixed at compile time (for `make run`,
/// tests and `cargo run`; left out of builds made with `POSTDESK_BUNDLE=1`, i.e. the
/// packages). Never the current folder or its parents: a `vendor/pdfium/libpdfium.so`
/// planted there would run inside Postdesk. After these, the system library path.
pub fn library_candidates() -> Vec<PathBuf> {
    let name = Pdfium::pdfium_platform_library_name();
    let mut out = Vec::new();
    if let Some(p) = std::env::var_os("POSTDESK_PDFIUM").map(PathBuf::from) {
        out.push(if p.is_dir() { p.join(&name) } else { p });
    }
    if let Some(d) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
        out.push(d.join(&name));
        out.push(d.join("../lib/postdesk").join(&name));
    }
    if let Some(dev) = dev_library_dir() {
        out.push(dev.join(&name));
    }
    out
}

/// The checkout's `vendor/pdfium/` as an absolute path, for builds made from it;
/// None in packaged builds (`POSTDESK_BUNDLE` set at compile time).
fn dev_library_dir() -> Option<PathBuf> {
    if option_env!("POSTDESK_BUNDLE").is_some() {
        return None;
    }
    // CARGO_MANIFEST_DIR = <repo>/src-tauri/crates/pdf
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(3).map(|repo| repo.join("vendor/pdfium"))
}

fn bind(
    candidates: &[PathBuf],
    explicit: bool,
) -> Result<(Box<dyn PdfiumLibraryBindings>, String), PdfError> {
    // The first file that exists is the one meant; a broken one is reported, not skipped.
    if let Some(p) = candidates.iter().find(|p| p.is_file()) {
        // Binding looks up every function pdfium-render uses, so a library older than
        // the API feature fails here, not in the middle of a check.
        return match Pdfium::bind_to_library(p) {
            Ok(b) => Ok((b, p.display().to_string())),
            Err(e) => Err(PdfError::LibraryUnusable {
                path: p.display().to_string(),
                reason: e.to_string(),
            }),
        };
    }
    if !explicit {
        if let Ok(b) = Pdfium::bind_to_system_library() {
            return Ok((b, "system".into()));
        }
    }
    let looked = candidates
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    Err(PdfError::LibraryNotFound(if explicit {
        looked
    } else {
        format!("{looked}, system libraries")
    }))
}

/// A rendered page, RGB, 8 bits per channel.
struct RawImage {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

fn render(
    doc: &PdfDocument,
    page_index: u32,
    dpi: f32,
    deadline: Instant,
) -> Result<RawImage, PdfError> {
    let pages = doc.pages();
    let count = pages.len() as u32;
    if page_index >= count {
        return Err(PdfError::NoSuchPage {
            page: page_index,
            pages: count,
        });
    }
    if Instant::now() > deadline {
        return Err(PdfError::Timeout(Duration::ZERO));
    }
    let page = pages
        .get(page_index as PdfPageIndex)
        .map_err(|e| PdfError::Render(e.to_string()))?;
    let dpi = if dpi.is_finite() {
        dpi.clamp(10.0, 600.0)
    } else {
        100.0
    };
    // Points are 1/72 inch: scale = dpi / 72, capped so a poster-sized page stays sane.
    let long_pt = page.width().value.max(page.height().value).max(1.0);
    let scale = (dpi / 72.0).min(MAX_RENDER_PX / long_pt);
    let px = |pt: f32| (pt * scale).round().clamp(1.0, MAX_RENDER_PX) as i32;
    let (w, h) = (px(page.width().value), px(page.height().value));
    // pdfium renders straight into our buffer as RGB (its 24-bit format with the
    // byte order reversed), on white we filled in ourselves: no bitmap of pdfium's
    // own to copy out, no channel shuffle, one fill (a profile of the drop path had
    // 40 % of its time in the copy, the BGRA → RGB pass and clearing twice).
    // Rows are 4-byte aligned for pdfium; the padding is squeezed out after.
    let row = w as usize * 3;
    let stride = row.div_ceil(4) * 4;
    let mut rgb = vec![0xffu8; stride * h as usize];
    {
        let mut bitmap = PdfBitmap::from_bytes(w, h, PdfBitmapFormat::BGR, &mut rgb)
            .map_err(|e| PdfError::Render(e.to_string()))?;
        let config = PdfRenderConfig::new()
            .set_fixed_size(w, h)
            .set_reverse_byte_order(true)
            .clear_before_rendering(false)
            .render_form_data(true)
            .render_annotations(true);
        page.render_into_bitmap_with_config(&mut bitmap, &config)
            .map_err(|e| PdfError::Render(e.to_string()))?;
    }
    if stride != row {
        for y in 1..h as usize {
            rgb.copy_within(y * stride..y * stride + row, y * row);
        }
        rgb.truncate(row * h as usize);
    }
    Ok(RawImage {
        width: w as u32,
        height: h as u32,
        rgb,
    })
}

impl RawImage {
    /// The image as the ink check reads it (page 1 of `doc`).
    fn raster<'a>(&'a self, doc: &PdfDocument) -> Option<preflight::Raster<'a>> {
        let page_w_mm = doc.pages().page_size(0).ok()?.width().value * preflight::MM_PER_PT;
        Some(preflight::Raster {
            width: self.width as usize,
            height: self.height as usize,
            channels: 3,
            data: &self.rgb,
            px_per_mm: self.width as f32 / page_w_mm.max(1.0),
        })
    }

    /// Fast PNG: "Fastest" (fdeflate) with the Up filter. Measured on an A4 letter at
    /// 100 dpi (827×1170, release): 0.35 ms / 49 KB, against Adaptive 0.7 ms / 44 KB,
    /// Balanced 11 ms / 25 KB, and no filter 8 ms / 1 MB (see `png_settings`).
    fn to_png(&self) -> Result<Vec<u8>, PdfError> {
        let mut out = Vec::with_capacity(self.rgb.len() / 8);
        let err = |e: png::EncodingError| PdfError::Render(format!("PNG: {e}"));
        let mut enc = png::Encoder::new(&mut out, self.width, self.height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fastest);
        enc.set_filter(png::Filter::Up);
        let mut w = enc.write_header().map_err(err)?;
        w.write_image_data(&self.rgb).map_err(err)?;
        w.finish().map_err(err)?;
        Ok(out)
    }
}
