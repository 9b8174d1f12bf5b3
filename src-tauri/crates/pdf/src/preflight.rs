//! Checking a letter against a provider's rules, on an open pdfium document.
//!
//! Units: the rules are in mm from the top-left of the page; pdfium works in points
//! (1 pt = 25.4/72 mm) from the bottom-left of the page's box. `ZoneGeometry` converts.

use std::collections::BTreeMap;
use std::time::Instant;

use pdfium_render::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::address::{self, Address, TextRun};
use crate::error::PdfError;
use crate::finding_code::{FindingCode, FindingParams};
use crate::rules::{ProviderRules, RestrictedZone, ZoneKind};

pub const MM_PER_PT: f32 = 25.4 / 72.0;
/// Page sizes may differ from the nominal A4 by this much (rounding in PDF writers).
const SIZE_TOLERANCE_MM: f32 = 2.0;
/// Ink must reach this far into a zone to count; a glyph's box that grazes the edge
/// is not something the provider rejects.
const OVERLAP_MIN_MM: f32 = 0.3;
/// Pages examined beyond the provider's maximum (the rest only count).
const EXTRA_PAGES_EXAMINED: u32 = 1;
/// Marks kept per zone and page (enough to show where; a full page of text in a
/// margin needs no thousand red boxes).
const MAX_MARKS_PER_ZONE: usize = 24;
/// The render that checks the zones: 36 dpi, one pixel about 0.7 mm.
const CHECK_DPI: f32 = 36.0;
/// A pixel darker than this (0–255, darkest channel) is ink; paler tints are not what
/// the provider's franking and scanning trip over.
const INK_LEVEL: u8 = 200;
/// Dark pixels a zone must hold before the render check calls it ink.
const INK_MIN_PIXELS: usize = 2;
/// Images over this many pixels make printing slow or get refused (about 300 dpi
/// over four A4 pages).
const HUGE_IMAGE_PX: u64 = 40_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code, e.g. "ink_in_zone", "address_unreadable".
    pub code: FindingCode,
    /// 1-based page, when the finding is about one page.
    pub page: Option<u32>,
    /// `RestrictedZone::id`, when the finding is about a zone.
    pub zone: Option<String>,
    /// English, for logs and the CLI; the window words `code` and `params`.
    pub message: String,
    pub hint: Option<String>,
    /// What the window's text needs beyond `page` and `zone` (see `FindingCode::params`).
    /// (Default: preflights stored before findings had parameters.)
    #[serde(default)]
    pub params: FindingParams,
    /// Where on the page the problem is (the marks in a zone), for the preview to
    /// draw in red. Empty when the finding is about the whole file or page.
    /// (Default: preflights stored before marks existed.)
    #[serde(default)]
    pub marks: Vec<Mark>,
}

/// A rectangle on a page, in mm from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Mark {
    /// 1-based page.
    pub page: u32,
    pub x_mm: f32,
    pub y_mm: f32,
    pub w_mm: f32,
    pub h_mm: f32,
}

impl Finding {
    pub fn new(severity: Severity, code: FindingCode, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code,
            page: None,
            zone: None,
            message: message.into(),
            hint: None,
            params: FindingParams::default(),
            marks: Vec::new(),
        }
    }
    /// Only parameters the code declares (a test build stops at any other).
    pub fn with(mut self, params: FindingParams) -> Self {
        debug_assert!(
            params.names().iter().all(|n| self.code.params().contains(n)),
            "{}: {:?} not in {:?}",
            self.code,
            params.names(),
            self.code.params()
        );
        self.params = params;
        self
    }
    pub fn page(mut self, page_index: u32) -> Self {
        self.page = Some(page_index + 1);
        self
    }
    pub fn zone(mut self, id: &str) -> Self {
        self.zone = Some(id.into());
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn marks(mut self, marks: Vec<Mark>) -> Self {
        self.marks = marks;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Preflight {
    /// File name (no folder).
    pub file: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub pages: u32,
    /// Width, height in mm per page (as displayed, i.e. after /Rotate).
    pub page_sizes_mm: Vec<[f32; 2]>,
    /// Most severe first.
    pub findings: Vec<Finding>,
    pub address: Option<Address>,
    /// Checked with the cover-letter rules (`ProviderRules::with_cover_letter`):
    /// page 1 comes from the provider, so its zones were not checked. When the
    /// clerk switches the cover letter off, the file has to be checked again.
    #[serde(default)]
    pub checked_with_cover_letter: bool,
    /// A file of several pages whose address windows hold different addresses: how
    /// many letters splitting it by address would make (≥ 2), so the desk can offer
    /// "Split into letters". None for one letter.
    #[serde(default)]
    pub letters_hint: Option<u32>,
}

impl Preflight {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

/// What pdfium found in a document.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub pages: u32,
    pub page_sizes_mm: Vec<[f32; 2]>,
    pub findings: Vec<Finding>,
    pub address: Option<Address>,
    pub letters_hint: Option<u32>,
    pub timed_out: bool,
}

/// Checks that need no pdfium: size and the PDF header.
/// Returns false when the bytes are not worth handing to pdfium.
pub(crate) fn precheck(
    data: &[u8],
    bytes: u64,
    rules: &ProviderRules,
    deadline: Instant,
    findings: &mut Vec<Finding>,
) -> bool {
    if bytes > rules.max_bytes {
        findings.push(
            Finding::new(
                Severity::Error,
                FindingCode::TooLarge,
                format!("The file is {:.1} MB; the provider takes at most {:.0} MB.", mb(bytes), mb(rules.max_bytes)),
            )
            .with(FindingParams { mb: Some(mb(bytes)), max_mb: Some(mb(rules.max_bytes)), ..Default::default() })
            .hint("Save the PDF again with smaller images (\"reduce file size\"), or split the letter."),
        );
    }
    // The header may follow some junk, but must come within the first 1 KB (as readers allow).
    let head = &data[..data.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        findings.push(
            Finding::new(Severity::Error, FindingCode::NotPdf, "This file is not a PDF.").hint(
                "Open the document in its program and use \"Save as PDF\" or \"Print to PDF\".",
            ),
        );
        return false;
    }
    findings.extend(javascript(data, deadline));
    true
}

/// The finding for a file that was not read (see `file::read_letter`).
pub(crate) fn file_problem(err: &PdfError) -> Finding {
    match err {
        PdfError::NotAFile { .. } => Finding::new(
            Severity::Error,
            FindingCode::NotAFile,
            "This is not a file but a device, a pipe or a folder; only PDF files can be sent.",
        )
        .hint("Save the letter as a PDF file and add that file."),
        PdfError::Io { source, .. } => Finding::new(
            Severity::Error,
            FindingCode::FileUnreadable,
            format!("The file could not be read ({source})."),
        )
        .with(FindingParams { detail: Some(source.to_string()), ..Default::default() })
        .hint("Check that it still exists and that you may open it, then add it again."),
        other => check_failed(other),
    }
}

/// The finding when the engine failed on the file for a reason of its own.
pub(crate) fn check_failed(err: &PdfError) -> Finding {
    Finding::new(
        Severity::Error,
        FindingCode::CheckFailed,
        format!("The PDF could not be checked ({err})."),
    )
    .with(FindingParams { detail: Some(err.to_string()), ..Default::default() })
    .hint("Add the file again; if it keeps failing, print it to a new PDF and add that file instead.")
}

fn mb(b: u64) -> f64 {
    b as f64 / 1_000_000.0
}

/// The finding for a document pdfium refused to open.
pub(crate) fn open_failure(err: &PdfiumError) -> Finding {
    match err {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError)
        | PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
            Finding::new(
                Severity::Error,
                FindingCode::Encrypted,
                "The PDF is protected by a password and cannot be sent.",
            )
            .hint("Save or print it again as a PDF without a password.")
        }
        _ => Finding::new(
            Severity::Error,
            FindingCode::Corrupt,
            "The PDF is damaged and cannot be read.",
        )
        .hint("Create the PDF again from the original document."),
    }
}

/// The finding when the reader itself failed on the document.
pub(crate) fn reader_failed() -> Finding {
    Finding::new(
        Severity::Error,
        FindingCode::Corrupt,
        "The PDF could not be checked: it is damaged or uses features the checker cannot read.",
    )
    .hint(
        "Print it to a new PDF (\"Microsoft Print to PDF\" or similar) and add that file instead.",
    )
}

/// The finding when pdfium did not answer within the hard time limit.
pub(crate) fn check_timeout() -> Finding {
    Finding::new(
        Severity::Error,
        FindingCode::CheckTimeout,
        "The PDF could not be checked: reading it took too long.",
    )
    .hint("Print it to a new PDF (\"Microsoft Print to PDF\" or similar) and add that file instead.")
}

/// All checks on an open document. Stops early (with a warning) at `deadline`.
/// `page1`: page 1 already rendered (for the preview), reused by the ink check.
pub(crate) fn analyze(
    doc: &PdfDocument,
    rules: &ProviderRules,
    deadline: Instant,
    page1: Option<&Raster>,
) -> Analysis {
    let all = doc.pages().len() as u32;
    let mut a = analyze_range(doc, crate::split::PageRange { first_page: 0, pages: all }, rules, deadline, page1);
    // Only for a file of several pages with a readable address on page 1: the
    // window text of the later pages, nothing else of them (a one-page letter
    // costs nothing more).
    if all > 1 && !a.timed_out && Instant::now() < deadline {
        let readable = !a.findings.iter().any(|f| f.code == FindingCode::AddressUnreadable);
        let mut facts = vec![crate::split::PageFacts { address: a.address.clone().filter(|_| readable), text: String::new() }];
        facts.extend(window_facts(doc, rules, 1, all - 1, deadline));
        let letters = crate::split::plan(&facts, &crate::split::SplitRule::Address).map(|p| p.letters.len() as u32).unwrap_or(1);
        a.letters_hint = (letters >= 2).then_some(letters);
    }
    a
}

/// The address each page's window holds (the provider's page-1 window, applied on
/// every page), for `pages` pages from `first`; the text rule also wants the text.
pub(crate) fn window_facts(doc: &PdfDocument, rules: &ProviderRules, first: u32, pages: u32, deadline: Instant) -> Vec<crate::split::PageFacts> {
    let list = doc.pages();
    let mut out = Vec::with_capacity(pages as usize);
    for i in first..first.saturating_add(pages) {
        let mut f = crate::split::PageFacts::default();
        if Instant::now() <= deadline {
            if let Ok(page) = list.get(i as PdfPageIndex) {
                if let Ok(text) = page.text() {
                    f.address = window_address(&text, &ZoneGeometry::of(&page), rules);
                }
            }
        }
        out.push(f);
    }
    out
}

/// Each page's window address and whole text (the text rule), every page read once.
pub(crate) fn page_facts(doc: &PdfDocument, rules: &ProviderRules, with_text: bool, deadline: Instant) -> Result<Vec<crate::split::PageFacts>, PdfError> {
    let list = doc.pages();
    let n = list.len() as u32;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        if Instant::now() > deadline {
            return Err(PdfError::Timeout(std::time::Duration::ZERO));
        }
        let mut f = crate::split::PageFacts::default();
        if let Ok(page) = list.get(i as PdfPageIndex) {
            if let Ok(text) = page.text() {
                if with_text {
                    f.text = text.all();
                }
                f.address = window_address(&text, &ZoneGeometry::of(&page), rules);
            }
        }
        out.push(f);
    }
    Ok(out)
}

/// The recognised address in the page's window (page 1's window zone), if any.
fn window_address(text: &PdfPageText, geom: &ZoneGeometry, rules: &ProviderRules) -> Option<Address> {
    let mut scratch = Vec::new();
    let addr = read_address(text, geom, rules, &mut scratch)?;
    let unreadable = scratch.iter().any(|f| f.code == FindingCode::AddressUnreadable || f.code == FindingCode::AddressMissing);
    (!unreadable).then_some(addr)
}

/// `analyze` on the pages of `range` as if they were a letter of their own: page
/// numbers in the findings count from the range's first page, the page limits
/// apply to the range.
pub(crate) fn analyze_range(
    doc: &PdfDocument,
    range: crate::split::PageRange,
    rules: &ProviderRules,
    deadline: Instant,
    page1: Option<&Raster>,
) -> Analysis {
    let mut a = Analysis::default();
    let pages = doc.pages();
    let first = range.first_page;
    let count = range.pages.min((pages.len() as u32).saturating_sub(first));
    a.pages = count;
    if count == 0 {
        a.findings.push(
            Finding::new(Severity::Error, FindingCode::NoPages, "The PDF has no pages.")
                .hint("Create the PDF again from the original document."),
        );
        return a;
    }
    if count > rules.max_pages {
        a.findings.push(
            Finding::new(
                Severity::Error,
                FindingCode::TooManyPages,
                format!(
                    "The letter has {count} pages; the provider takes at most {}.",
                    rules.max_pages
                ),
            )
            .with(FindingParams { count: Some(count), limit: Some(rules.max_pages), ..Default::default() })
            .hint("Split it into several letters."),
        );
    }
    // Sizes of every page are cheap (no page load); the checks below stop after
    // max_pages + 1 pages, so a 10 000-page file costs no more than a long letter.
    let examined = count.min(rules.max_pages + EXTRA_PAGES_EXAMINED);
    let mut sizes = SizeCheck::default();
    let mut ink: BTreeMap<String, ZoneInk> = BTreeMap::new();
    let mut census = Census::default();
    let mut text_chars = 0usize;
    let mut timed_out = false;
    for i in 0..count.min(10_000) {
        let size = pages
            .page_size((first + i) as PdfPageIndex)
            .map(|r| [r.width().value * MM_PER_PT, r.height().value * MM_PER_PT]);
        a.page_sizes_mm.push(size.unwrap_or([0.0, 0.0]));
    }
    for i in 0..examined {
        if Instant::now() > deadline {
            timed_out = true;
            break;
        }
        let Ok(page) = pages.get((first + i) as PdfPageIndex) else {
            a.findings.push(
                Finding::new(
                    Severity::Error,
                    FindingCode::Corrupt,
                    format!("Page {} is damaged and cannot be read.", i + 1),
                )
                .page(i)
                .hint("Create the PDF again from the original document."),
            );
            continue;
        };
        let (w_mm, h_mm) = (
            page.width().value * MM_PER_PT,
            page.height().value * MM_PER_PT,
        );
        if let Some(s) = a.page_sizes_mm.get_mut(i as usize) {
            *s = [w_mm, h_mm];
        }
        sizes.add(i, w_mm, h_mm, rules.page_size_mm);
        let text = page.text().ok();
        text_chars += text.as_ref().map_or(0, |t| t.len().max(0) as usize);
        let rotated = !matches!(page.rotation(), Ok(PdfPageRenderRotation::None));
        let geom = ZoneGeometry::of(&page);
        let zones: Vec<&RestrictedZone> = rules
            .zones
            .iter()
            .filter(|z| z.kind == ZoneKind::KeepFree && z.pages.applies_to(i))
            .collect();
        // Per zone, the bounds of the objects that print into it.
        let mut hit: Vec<Vec<Mark>> = vec![Vec::new(); zones.len()];
        let mut visit = |bounds: PdfRect| {
            if rotated {
                return; // zones are for upright pages; "landscape" already reports it
            }
            for (zi, z) in zones.iter().enumerate() {
                if hit[zi].len() < MAX_MARKS_PER_ZONE && geom.overlaps(z, &bounds) {
                    hit[zi].push(geom.mark(i, &bounds));
                }
            }
        };
        census.page = i;
        census.render_needed = false;
        if walk_objects(
            page.objects().iter(),
            &mut Vec::new(),
            &mut visit,
            &mut census,
            deadline,
            0,
        ) {
            timed_out = true;
        }
        // The check from the rendered page: ink the objects don't show (annotations,
        // form fields, stamps, objects pdfium gives no bounds for). A zone it can
        // mark is one the walk left empty, so it only runs where the page has
        // something the walk could not vouch for: annotations (form fields and
        // stamps are annotations), or an object whose ink may lie outside its bounds
        // (`Census::render_needed`). Otherwise every mark of ink is inside the bounds
        // of an object the walk measured, and the render could add nothing.
        // Page 1 with the preview's render at hand is checked from it either way.
        let annotated = || page.annotations().len() > 0;
        let worth_rendering = i == 0 && page1.is_some() || census.render_needed || annotated();
        if !rotated && !timed_out && worth_rendering && hit.iter().any(Vec::is_empty) {
            let seen = rendered_ink(&page, &zones, i, if i == 0 { page1 } else { None });
            for (zi, m) in seen.into_iter().enumerate() {
                if let (true, Some(m)) = (hit[zi].is_empty(), m) {
                    hit[zi].push(m);
                }
            }
        }
        for (zi, z) in zones.iter().enumerate() {
            if !hit[zi].is_empty() {
                let e = ink.entry(z.id.clone()).or_default();
                e.pages.push(i);
                e.marks.append(&mut hit[zi]);
            }
        }
        if i == 0 {
            if let Some(t) = &text {
                a.address = read_address(t, &geom, rules, &mut a.findings);
                a.findings.extend(body_above_line(t, &geom, rules));
            }
        }
        if timed_out {
            break;
        }
    }
    a.findings.extend(sizes.findings(rules.page_size_mm));
    for (zone_id, zi) in ink {
        let z = rules
            .zones
            .iter()
            .find(|z| z.id == zone_id)
            .expect("zone ids come from the rules");
        a.findings.push(
            Finding::new(
                Severity::Error,
                FindingCode::InkInZone,
                format!("Something is printed in the area \"{}\", which must stay empty{}.", z.label, on_pages(&zi.pages)),
            )
            .page(zi.pages[0])
            .with(more_pages(&zi.pages))
            .zone(&zone_id)
            .marks(zi.marks)
            .hint("Move the text, logo or line out of the marked area (turn on \"Show restricted areas\" in the preview)."),
        );
    }
    a.findings.extend(census.huge_image_finding());
    a.findings.extend(document_features(doc));
    if text_chars == 0 && !timed_out {
        a.findings.push(
            Finding::new(Severity::Error, FindingCode::NoText, "The PDF contains no text, only images (a scan?).")
                .page(0)
                .hint("Create the PDF from the original document, or run text recognition (OCR) on the scan."),
        );
    }
    a.findings.extend(census.fonts.finding());
    a.timed_out = timed_out;
    if timed_out {
        a.findings.push(
            Finding::new(Severity::Warning, FindingCode::CheckIncomplete, "The PDF is so complex that not every page could be checked in time.")
                .hint("The provider checks it again; if it is rejected, simplify the PDF (print it to a new PDF)."),
        );
    }
    a.findings.sort_by_key(|f| f.severity);
    a
}

/// The pages after the first with the same problem, for the window's text.
fn more_pages(pages: &[u32]) -> FindingParams {
    let more = pages.len().saturating_sub(1) as u32;
    FindingParams { more_pages: (more > 0).then_some(more), ..Default::default() }
}

fn on_pages(pages: &[u32]) -> String {
    match pages {
        [p] => format!(" on page {}", p + 1),
        [p, rest @ ..] => format!(" on page {} and {} more page(s)", p + 1, rest.len()),
        [] => String::new(),
    }
}

/// The page's visible box, to place mm zones in pdfium's point space.
struct ZoneGeometry {
    left_pt: f32,
    top_pt: f32,
}

impl ZoneGeometry {
    fn of(page: &PdfPage) -> Self {
        let b = page.boundaries();
        let r = b
            .crop()
            .or_else(|_| b.media())
            .map(|b| b.bounds)
            .unwrap_or_else(|_| page.page_size());
        ZoneGeometry {
            left_pt: r.left().value,
            top_pt: r.top().value,
        }
    }

    /// Zone (mm from top-left) → rect in points (from bottom-left).
    fn rect(&self, z: &RestrictedZone) -> PdfRect {
        let pt = |mm: f32| mm / MM_PER_PT;
        PdfRect::new_from_values(
            self.top_pt - pt(z.y_mm + z.h_mm),
            self.left_pt + pt(z.x_mm),
            self.top_pt - pt(z.y_mm),
            self.left_pt + pt(z.x_mm + z.w_mm),
        )
    }

    fn overlaps(&self, z: &RestrictedZone, b: &PdfRect) -> bool {
        let zr = self.rect(z);
        let dx = b.right().value.min(zr.right().value) - b.left().value.max(zr.left().value);
        let dy = b.top().value.min(zr.top().value) - b.bottom().value.max(zr.bottom().value);
        let min = OVERLAP_MIN_MM / MM_PER_PT;
        dx > min && dy > min
    }

    /// Bounds in points → a mark in mm from the top-left, clipped to the page's top-left.
    fn mark(&self, page_index: u32, r: &PdfRect) -> Mark {
        let x = ((r.left().value - self.left_pt) * MM_PER_PT).max(0.0);
        let y = ((self.top_pt - r.top().value) * MM_PER_PT).max(0.0);
        let right = (r.right().value - self.left_pt) * MM_PER_PT;
        let bottom = (self.top_pt - r.bottom().value) * MM_PER_PT;
        Mark {
            page: page_index + 1,
            x_mm: x,
            y_mm: y,
            w_mm: (right - x).max(0.0),
            h_mm: (bottom - y).max(0.0),
        }
    }

    fn run(&self, text: String, r: &PdfRect) -> TextRun {
        TextRun {
            text,
            left_mm: (r.left().value - self.left_pt) * MM_PER_PT,
            top_mm: (self.top_pt - r.top().value) * MM_PER_PT,
            bottom_mm: (self.top_pt - r.bottom().value) * MM_PER_PT,
        }
    }
}

/// Visits the page-space bounds of every visible object, descending into form
/// XObjects (whose children's bounds are in form space: apply the form matrices).
/// Returns true when the deadline passed.
fn walk_objects<'a>(
    objects: impl Iterator<Item = PdfPageObject<'a>>,
    matrices: &mut Vec<PdfMatrix>,
    visit: &mut dyn FnMut(PdfRect),
    census: &mut Census,
    deadline: Instant,
    depth: u32,
) -> bool {
    for (n, obj) in objects.enumerate() {
        if n % 256 == 255 && Instant::now() > deadline {
            return true;
        }
        if let Some(form) = obj.as_x_object_form_object() {
            if depth < 8 {
                if let Ok(m) = form.matrix() {
                    matrices.push(m);
                    let stop =
                        walk_objects(form.iter(), matrices, visit, census, deadline, depth + 1);
                    matrices.pop();
                    if stop {
                        return true;
                    }
                    continue;
                }
            }
        }
        if let Some(t) = obj.as_text_object() {
            match t.render_mode() {
                PdfPageTextRenderMode::Invisible => continue, // the OCR layer of a scan: not ink
                PdfPageTextRenderMode::FilledUnstroked
                | PdfPageTextRenderMode::FilledUnstrokedClipping
                | PdfPageTextRenderMode::InvisibleClipping => {}
                // An outline's line width reaches past the glyphs' bounds (and an
                // unknown mode is not vouched for).
                _ => census.render_needed = true,
            }
            census.fonts.add(&t.font());
        }
        // A shading paints its whole clip area, which pdfium's bounds of it need not
        // promise; and pdfium does not know what an unsupported object paints.
        if matches!(obj.object_type(), PdfPageObjectType::Shading | PdfPageObjectType::Unsupported) {
            census.render_needed = true;
        }
        if let Some(img) = obj.as_image_object() {
            if let (Ok(w), Ok(h)) = (img.width(), img.height()) {
                census.image(w, h);
            }
        }
        if let Some(p) = obj.as_path_object() {
            if is_invisible_path(p) {
                // Paper-white: no ink by its colours; the render judges what a
                // blend mode makes of it.
                census.render_needed = true;
                continue;
            }
        }
        let Ok(q) = obj.bounds() else {
            census.render_needed = true;
            continue;
        };
        let mut r = q.to_rect();
        for m in matrices.iter().rev() {
            r = r.transform(*m);
        }
        visit(r);
    }
    false
}

/// A white (or transparent) unstroked fill: a page background, no ink on paper.
fn is_invisible_path(p: &PdfPagePathObject) -> bool {
    let stroked = p.is_stroked().unwrap_or(true);
    let filled = !matches!(p.fill_mode(), Ok(PdfPathFillMode::None));
    let paper = |c: Result<PdfColor, PdfiumError>| {
        c.is_ok_and(|c| c.alpha() == 0 || (c.red() > 250 && c.green() > 250 && c.blue() > 250))
    };
    (!stroked || paper(p.stroke_color())) && (!filled || paper(p.fill_color()))
}

/// Ink found in one keep-free zone, over all pages.
#[derive(Default)]
struct ZoneInk {
    pages: Vec<u32>,
    marks: Vec<Mark>,
}

/// What the object walk counts besides ink: fonts and oversized images.
#[derive(Default)]
struct Census {
    fonts: FontCheck,
    /// The page being walked (0-based).
    page: u32,
    /// First page with a huge image, and its size in pixels.
    huge_image: Option<(u32, i32, i32)>,
    /// The page being walked has an object whose ink the walk could not bound (no
    /// bounds, a shading, outlined text, a paper-white path): the rendered ink
    /// check must look at it.
    render_needed: bool,
}

impl Census {
    fn image(&mut self, w: i32, h: i32) {
        if self.huge_image.is_none() && w.max(0) as u64 * h.max(0) as u64 > HUGE_IMAGE_PX {
            self.huge_image = Some((self.page, w, h));
        }
    }

    fn huge_image_finding(&self) -> Option<Finding> {
        let (page, w, h) = self.huge_image?;
        Some(
            Finding::new(
                Severity::Warning,
                FindingCode::ImageHuge,
                format!("An image on page {} is very large ({w} × {h} pixels); the letter may print slowly or be refused.", page + 1),
            )
            .page(page)
            .with(FindingParams {
                width_px: Some(w.max(0) as u32),
                height_px: Some(h.max(0) as u32),
                ..Default::default()
            })
            .hint("Save the PDF again with \"reduce file size\" (300 dpi is plenty for print)."),
        )
    }
}

/// A rendered page: `channels` bytes a pixel (the first three are colour), rows
/// without padding, `px_per_mm` pixels per millimetre of the page.
pub(crate) struct Raster<'a> {
    pub width: usize,
    pub height: usize,
    pub channels: usize,
    pub data: &'a [u8],
    pub px_per_mm: f32,
}

/// Per zone, a mark around the dark pixels inside it (None: the zone is clean on
/// paper), from `given` (the preview's render of this page) or else from a render at
/// CHECK_DPI. The zone is shrunk by 0.5 mm on each side so the anti-aliased edge of
/// something next to it does not count.
fn rendered_ink(
    page: &PdfPage,
    zones: &[&RestrictedZone],
    page_index: u32,
    given: Option<&Raster>,
) -> Vec<Option<Mark>> {
    let owned;
    let raster = match given {
        Some(r) => r,
        None => {
            let config = PdfRenderConfig::new()
                .scale_page_by_factor(CHECK_DPI / 72.0)
                .set_format(PdfBitmapFormat::BGRA)
                .render_form_data(true)
                .render_annotations(true);
            let Ok(bitmap) = page.render_with_config(&config) else {
                return vec![None; zones.len()];
            };
            owned = (bitmap.width().max(0) as usize, bitmap.height().max(0) as usize, bitmap.as_raw_bytes());
            &Raster {
                width: owned.0,
                height: owned.1,
                channels: 4,
                data: &owned.2,
                px_per_mm: owned.0 as f32 / (page.width().value * MM_PER_PT).max(1.0),
            }
        }
    };
    zones.iter().map(|z| ink_in(raster, z, page_index)).collect()
}

fn ink_in(r: &Raster, z: &RestrictedZone, page_index: u32) -> Option<Mark> {
    let (w, h, ch) = (r.width, r.height, r.channels);
    if w == 0 || h == 0 || ch < 3 || r.data.len() < w * h * ch {
        return None;
    }
    let inset = (0.5 * r.px_per_mm).ceil() as usize;
    let to_px = |mm: f32| (mm * r.px_per_mm).round().max(0.0) as usize;
    let (x0, y0) = (to_px(z.x_mm) + inset, to_px(z.y_mm) + inset);
    let x1 = to_px(z.x_mm + z.w_mm).saturating_sub(inset).min(w);
    let y1 = to_px(z.y_mm + z.h_mm).saturating_sub(inset).min(h);
    // Half a square millimetre of ink, and never a single stray pixel.
    let min_pixels = INK_MIN_PIXELS.max((0.5 * r.px_per_mm * r.px_per_mm).ceil() as usize);
    let (mut n, mut bx) = (0usize, (usize::MAX, usize::MAX, 0usize, 0usize));
    if x0 < x1 {
        for y in y0..y1 {
            // The zone's part of the row, a pixel at a time (no index arithmetic or
            // bounds check per pixel: this loop reads every pixel of every zone).
            let span = &r.data[(y * w + x0) * ch..(y * w + x1) * ch];
            for (k, p) in span.chunks_exact(ch).enumerate() {
                if p[0].min(p[1]).min(p[2]) < INK_LEVEL {
                    let x = x0 + k;
                    n += 1;
                    bx = (bx.0.min(x), bx.1.min(y), bx.2.max(x + 1), bx.3.max(y + 1));
                }
            }
        }
    }
    (n >= min_pixels).then(|| Mark {
        page: page_index + 1,
        x_mm: bx.0 as f32 / r.px_per_mm,
        y_mm: bx.1 as f32 / r.px_per_mm,
        w_mm: (bx.2 - bx.0) as f32 / r.px_per_mm,
        h_mm: (bx.3 - bx.1) as f32 / r.px_per_mm,
    })
}

/// Interactive parts a printed letter cannot have: form fields print as they are
/// filled in now, XFA forms may not print at all.
fn document_features(doc: &PdfDocument) -> Option<Finding> {
    match doc.form().map(|f| f.form_type()) {
        Some(PdfFormType::XfaFull | PdfFormType::XfaForeground) => Some(
            Finding::new(Severity::Error, FindingCode::XfaForm, "The PDF is a dynamic (XFA) form; the print centre may print it empty or not at all.")
                .hint("Fill in the form, then \"Print to PDF\" to get a plain PDF, and add that file."),
        ),
        Some(PdfFormType::Acrobat) => Some(
            Finding::new(Severity::Info, FindingCode::FormFields, "The PDF has form fields; they are printed as they are filled in now.")
                .hint("Check the preview: what you see is what is printed."),
        ),
        _ => None,
    }
}

/// JavaScript (an open action or the document's script names). Checked on the bytes,
/// before pdfium: pdfium-render does not expose the document's script count. Where
/// the file keeps its objects in compressed object streams (PDF 1.5+), those streams
/// are inflated and read too — in one pass over the file, under `deadline` and
/// `INFLATE_BUDGET`, so a crafted file (thousands of object streams that each
/// inflate to megabytes) costs a fraction of a second. Past either, the rest goes
/// unread and the answer is a `javascript_unchecked` warning: like `javascript`, a
/// warning, since the print centre ignores scripts either way.
fn javascript(data: &[u8], deadline: Instant) -> Option<Finding> {
    let hint = "Check the preview, or \"Print to PDF\" to get a plain PDF.";
    match scan_scripts(data, deadline, INFLATE_BUDGET) {
        ScriptScan::Found => Some(
            Finding::new(Severity::Warning, FindingCode::Javascript, "The PDF contains JavaScript; the print centre ignores it, so anything it would show or change is not printed.")
                .hint(hint),
        ),
        ScriptScan::Unchecked => Some(
            Finding::new(Severity::Warning, FindingCode::JavascriptUnchecked, "The PDF has too much compressed content to check all of it for JavaScript; if it has any, the print centre ignores it, so anything it would show or change is not printed.")
                .hint(hint),
        ),
        ScriptScan::None => None,
    }
}

/// Largest inflated object stream read for the script check (a letter's are KBs).
const OBJ_STREAM_CAP: usize = 8 << 20;
/// Inflated bytes read for the script check over all of a file's object streams.
const INFLATE_BUDGET: usize = 32 << 20;

#[derive(Debug, PartialEq, Eq)]
enum ScriptScan {
    Found,
    None,
    /// The budget or the deadline ran out before a script name was found.
    Unchecked,
}

/// `/JavaScript` or `/JS` as a whole PDF name at the start of `rest`.
fn script_name_at(rest: &[u8]) -> bool {
    [&b"/JavaScript"[..], &b"/JS"[..]].iter().any(|t| {
        rest.starts_with(t) && !rest.get(t.len()).is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// `/JavaScript` or `/JS` as a whole PDF name anywhere in `data`.
fn has_script_name(data: &[u8]) -> bool {
    (0..data.len()).any(|i| data[i] == b'/' && script_name_at(&data[i..]))
}

/// One pass over the file: script names on the raw bytes, and each compressed
/// object stream (a `stream` whose object's dictionary says `/ObjStm`) inflated
/// and searched. Every byte is looked at a bounded number of times: after a
/// stream has been read the pass goes on behind its `endstream`, and once no
/// `endstream` follows, none is looked for again. A stream that does not inflate
/// (not Flate, damaged) is skipped: pdfium judges the file itself.
fn scan_scripts(data: &[u8], deadline: Instant, budget: usize) -> ScriptScan {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut budget_left = budget;
    let mut unchecked = false;
    // Inside an object whose dictionary named `/ObjStm`, until its stream or `endobj`.
    let mut object_stream = false;
    let mut no_more_endstream = false;
    let mut i = 0;
    while i < data.len() {
        // The clock is read every 64 KB of the pass and before each inflate.
        if i % (64 << 10) == 0 && Instant::now() > deadline {
            return ScriptScan::Unchecked;
        }
        let rest = &data[i..];
        match data[i] {
            b'/' if script_name_at(rest) => return ScriptScan::Found,
            b'/' if rest.starts_with(b"/ObjStm") => object_stream = true,
            b'e' if rest.starts_with(b"endobj") => object_stream = false,
            b's' if object_stream
                && rest.starts_with(b"stream")
                && !data[..i].ends_with(b"end")
                && !no_more_endstream =>
            {
                object_stream = false;
                let mut start = i + 6;
                start += usize::from(data.get(start) == Some(&b'\r'));
                start += usize::from(data.get(start) == Some(&b'\n'));
                let Some(len) = find(&data[start..], b"endstream") else {
                    no_more_endstream = true;
                    i += 1;
                    continue;
                };
                let body = &data[start..start + len];
                if has_script_name(body) {
                    return ScriptScan::Found;
                }
                if budget_left == 0 || Instant::now() > deadline {
                    unchecked = true;
                } else {
                    let cap = OBJ_STREAM_CAP.min(budget_left);
                    match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(body, cap) {
                        Ok(out) => {
                            budget_left -= out.len();
                            if has_script_name(&out) {
                                return ScriptScan::Found;
                            }
                        }
                        Err(e) => {
                            budget_left -= e.output.len().min(budget_left);
                            // Cut off at the cap: the rest of this stream goes unread.
                            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                                unchecked = true;
                                if has_script_name(&e.output) {
                                    return ScriptScan::Found;
                                }
                            }
                        }
                    }
                }
                i = start + len + b"endstream".len();
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if unchecked {
        ScriptScan::Unchecked
    } else {
        ScriptScan::None
    }
}

#[derive(Default)]
struct SizeCheck {
    landscape: Vec<u32>,
    wrong_size: Vec<u32>,
    first_size: Option<[f32; 2]>,
}

impl SizeCheck {
    fn add(&mut self, i: u32, w: f32, h: f32, want: [f32; 2]) {
        if w > h + SIZE_TOLERANCE_MM {
            self.landscape.push(i);
        }
        let (short, long) = (w.min(h), w.max(h));
        if (short - want[0]).abs() > SIZE_TOLERANCE_MM || (long - want[1]).abs() > SIZE_TOLERANCE_MM
        {
            self.wrong_size.push(i);
            self.first_size.get_or_insert([w, h]);
        }
    }

    fn findings(&self, want: [f32; 2]) -> Vec<Finding> {
        let mut out = Vec::new();
        if let (Some(&first), Some([w, h])) = (self.wrong_size.first(), self.first_size) {
            out.push(
                Finding::new(
                    Severity::Error,
                    FindingCode::NotA4,
                    format!(
                        "The page size is {w:.0} × {h:.0} mm, not A4 ({:.0} × {:.0} mm){}.",
                        want[0],
                        want[1],
                        on_pages(&self.wrong_size)
                    ),
                )
                .page(first)
                .with(FindingParams {
                    w_mm: Some(w),
                    h_mm: Some(h),
                    want_w_mm: Some(want[0]),
                    want_h_mm: Some(want[1]),
                    ..more_pages(&self.wrong_size)
                })
                .hint(
                    "Set the paper size to A4 in the program that made the PDF and save it again.",
                ),
            );
        }
        if let Some(&first) = self.landscape.first() {
            out.push(
                Finding::new(
                    Severity::Error,
                    FindingCode::Landscape,
                    format!(
                        "The page is in landscape format; letters must be portrait{}.",
                        on_pages(&self.landscape)
                    ),
                )
                .page(first)
                .with(more_pages(&self.landscape))
                .hint("Turn the page to portrait (upright) and save the PDF again."),
            );
        }
        out
    }
}

/// Fonts that are not embedded. The 14 standard fonts are on every printer, so those
/// are only worth an "info"; others get replaced by the provider (E-POST says so).
#[derive(Default)]
struct FontCheck {
    seen: BTreeMap<String, bool>,
}

const STANDARD_14: &[&str] = &["Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats"];

impl FontCheck {
    fn add(&mut self, font: &PdfFont) {
        let name = font.name();
        if self.seen.contains_key(&name) || self.seen.len() > 200 {
            return;
        }
        let embedded = font.is_embedded().unwrap_or(true);
        self.seen.insert(name, embedded);
    }

    fn finding(&self) -> Option<Finding> {
        let missing: Vec<&String> = self
            .seen
            .iter()
            .filter(|(_, e)| !**e)
            .map(|(n, _)| n)
            .collect();
        if missing.is_empty() {
            return None;
        }
        let base = |n: &str| n.rsplit('+').next().unwrap_or(n).to_string();
        let standard = missing
            .iter()
            .all(|n| STANDARD_14.iter().any(|s| base(n).starts_with(s)));
        let names = missing
            .iter()
            .map(|n| base(n))
            .collect::<Vec<_>>()
            .join(", ");
        let f = if standard {
            Finding::new(Severity::Info, FindingCode::FontsNotEmbedded, format!("Standard fonts are not embedded ({names}); the print centre uses its own copies."))
                .with(FindingParams { fonts: Some(names.clone()), ..Default::default() })
        } else {
            Finding::new(
                Severity::Warning,
                FindingCode::FontsNotEmbedded,
                format!("Some fonts are not embedded in the PDF ({names}); the provider will replace them, so the letter may look different."),
            )
            .with(FindingParams { fonts: Some(names), ..Default::default() })
            .hint("Turn on \"embed fonts\" (or PDF/A) when saving the PDF.")
        };
        Some(f)
    }
}

/// Page 1 text between the address window and the provider's body line (E-POST: 105
/// mm). Fine with a cover letter (the provider then prints its own page 1), so it is
/// a warning that suggests one. Rotated pages are reported as landscape already.
fn body_above_line(text: &PdfPageText, geom: &ZoneGeometry, rules: &ProviderRules) -> Option<Finding> {
    if rules.cover_letter {
        return None; // the provider prints its own page 1
    }
    let line = crate::rules::body_top_mm(rules.provider)?;
    let window = rules.address_windows().find(|z| z.pages.applies_to(0))?;
    let from = window.y_mm + window.h_mm;
    let first = text
        .segments()
        .iter()
        .take(2_000)
        // Where first, what second: a segment's text is a search over the page's
        // characters, so it is read only for the segments in the band.
        .map(|s| (geom.run(String::new(), &s.bounds()), s))
        .filter(|(r, _)| {
            let centre = (r.top_mm + r.bottom_mm) / 2.0;
            centre > from && centre < line
        })
        .filter(|(_, s)| !s.text().trim().is_empty())
        .map(|(r, _)| r.top_mm)
        .reduce(f32::min)?;
    Some(
        Finding::new(
            Severity::Warning,
            FindingCode::BodyAboveLine,
            format!("On page 1 the text starts at {first:.0} mm from the top; without a cover letter the provider expects the letter text to start below {line:.0} mm."),
        )
        .page(0)
        .with(FindingParams { mm: Some(first), line_mm: Some(line), ..Default::default() })
        .hint(format!("Send it with a cover letter (the provider then adds its own first page), or move the text on page 1 below {line:.0} mm.")),
    )
}

/// Reads the recipient from the address window of page 1 and adds address findings.
fn read_address(
    text: &PdfPageText,
    geom: &ZoneGeometry,
    rules: &ProviderRules,
    findings: &mut Vec<Finding>,
) -> Option<Address> {
    let window = rules.address_windows().find(|z| z.pages.applies_to(0))?;
    let wr = geom.rect(window);
    // Runs whose centre lies inside the window: the window's own text is the recipient.
    let runs: Vec<TextRun> = text
        .segments()
        .iter()
        .take(2_000)
        .filter_map(|s| {
            let b = s.bounds();
            let (cx, cy) = (
                (b.left().value + b.right().value) / 2.0,
                (b.top().value + b.bottom().value) / 2.0,
            );
            let inside = cx > wr.left().value
                && cx < wr.right().value
                && cy > wr.bottom().value
                && cy < wr.top().value;
            inside.then(|| geom.run(s.text(), &b))
        })
        .collect();
    let lines = address::group_lines(runs);
    let page1 = |f: Finding| f.page(0).zone(&window.id);
    if lines.is_empty() {
        findings.push(page1(
            Finding::new(Severity::Error, FindingCode::AddressMissing, "No address was found in the address window on page 1.")
                .with(FindingParams {
                    x_from_mm: Some(window.x_mm),
                    x_to_mm: Some(window.x_mm + window.w_mm),
                    y_from_mm: Some(window.y_mm),
                    y_to_mm: Some(window.y_mm + window.h_mm),
                    ..Default::default()
                })
                .hint(format!(
                    "Place the recipient's address inside the window area ({:.0}–{:.0} mm from the left, {:.0}–{:.0} mm from the top).",
                    window.x_mm,
                    window.x_mm + window.w_mm,
                    window.y_mm,
                    window.y_mm + window.h_mm
                )),
        ));
        return None;
    }
    let (_sender, recipient) = address::drop_sender_line(&lines, window.y_mm);
    let (addr, recognised) = address::parse(
        recipient.into_iter().map(|l| l.text).collect(),
        rules.provider.home_country(),
    );
    if !recognised {
        findings.push(page1(
            Finding::new(Severity::Error, FindingCode::AddressUnreadable, "The address in the window has no recognisable postal code and town.")
                .hint("Write the postal code and town on one line (e.g. \"53113 Bonn\"), below the street, with the country last for foreign addresses."),
        ));
    }
    let max = rules.max_address_line_chars as usize;
    if let Some(long) = addr.lines.iter().find(|l| l.chars().count() > max) {
        findings.push(page1(
            Finding::new(
                Severity::Warning,
                FindingCode::AddressLineTooLong,
                format!("An address line has {} characters; the provider takes at most {max}: \"{long}\".", long.chars().count()),
            )
            .with(FindingParams {
                chars: Some(long.chars().count() as u32),
                limit: Some(max as u32),
                text: Some(long.clone()),
                ..Default::default()
            })
            .hint("Shorten the line or split it over two lines."),
        ));
    }
    Some(addr)
}
