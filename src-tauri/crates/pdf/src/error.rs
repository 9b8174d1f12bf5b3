//! Errors of the PDF engine itself. Problems *of a letter* (not a PDF, encrypted,
//! zones…) are not errors: they are `Finding`s inside an `Ok(Preflight)`.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("The PDF component (pdfium) was not found. Looked in: {0}")]
    LibraryNotFound(String),
    #[error("The PDF component at {path} could not be loaded: {reason}")]
    LibraryUnusable { path: String, reason: String },
    #[error("Could not read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A device, a pipe or a folder: refused before anything is read from it.
    #[error("{path} is not a file (a device, a pipe or a folder)")]
    NotAFile { path: PathBuf },
    #[error("{path} is too large to open ({bytes} bytes)")]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("The PDF engine has stopped")]
    EngineStopped,
    #[error("The PDF took longer than {0:?} to check; it may be damaged or very complex")]
    Timeout(Duration),
    #[error("The file cannot be opened as a PDF: {0}")]
    Unreadable(String),
    #[error("Page {page} does not exist; the document has {pages} page(s)")]
    NoSuchPage { page: u32, pages: u32 },
    #[error("The page could not be drawn: {0}")]
    Render(String),
}

impl PdfError {
    /// A stable code for `AppError.code`.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::LibraryNotFound(_) => "pdfium_not_found",
            PdfError::LibraryUnusable { .. } => "pdfium_unusable",
            PdfError::Io { .. } => "file_unreadable",
            PdfError::NotAFile { .. } => "not_a_file",
            PdfError::TooLarge { .. } => "too_large",
            PdfError::EngineStopped => "pdf_engine_stopped",
            PdfError::Timeout(_) => "pdf_timeout",
            PdfError::Unreadable(_) => "pdf_unreadable",
            PdfError::NoSuchPage { .. } => "no_such_page",
            PdfError::Render(_) => "render_failed",
        }
    }
}
