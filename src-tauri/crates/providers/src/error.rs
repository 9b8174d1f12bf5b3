//! `ProviderError`: what any provider call can fail with, already classified.

use std::fmt;
use std::time::Duration;

/// How a provider call failed, from the caller's point of view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The provider had a temporary problem (5xx, 408, a broken response stream).
    Transient,
    /// Bad or missing credentials (401/403), or no login yet.
    Auth,
    /// The provider refused the request as it is (400, 404, 409, 413, 422, …);
    /// sending it again unchanged will fail again.
    Rejected,
    /// Too many requests (429); wait `retry_after` when the provider said how long.
    RateLimited { retry_after: Option<Duration> },
    /// The answer did not have the documented shape.
    Protocol,
    /// No answer in time. For a send this is ambiguous: the letter may have
    /// been accepted (the duplicate failsafe covers the resend).
    Timeout,
    /// No connection (refused, DNS, TLS).
    Connection,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Transient => f.write_str("temporary provider error"),
            ErrorKind::Auth => f.write_str("authentication failed"),
            ErrorKind::Rejected => f.write_str("rejected by the provider"),
            ErrorKind::RateLimited {
                retry_after: Some(d),
            } => {
                write!(
                    f,
                    "too many requests (retry after {} s)",
                    d.as_secs_f64().ceil()
                )
            }
            ErrorKind::RateLimited { retry_after: None } => f.write_str("too many requests"),
            ErrorKind::Protocol => f.write_str("unexpected answer from the provider"),
            ErrorKind::Timeout => f.write_str("the provider did not answer in time"),
            ErrorKind::Connection => f.write_str("cannot reach the provider"),
        }
    }
}

/// One error object as the provider reported it (code like `E613`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderMessage {
    pub level: Option<String>,
    pub code: Option<String>,
    pub description: Option<String>,
}

/// A failed provider call. Holds no secret: descriptions come from the provider's
/// error objects or from our own wording, never from a request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderError {
    pub kind: ErrorKind,
    pub http_status: Option<u16>,
    /// The first error object's code (`E…`), when the provider sent one.
    pub code: Option<String>,
    /// The first error object's description, or our own explanation.
    pub description: String,
    /// Every error object of the answer (a letter can fail several checks).
    pub messages: Vec<ProviderMessage>,
}

impl ProviderError {
    pub fn new(kind: ErrorKind, description: impl Into<String>) -> Self {
        ProviderError {
            kind,
            http_status: None,
            code: None,
            description: description.into(),
            messages: Vec::new(),
        }
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }

    /// Worth trying again later, unchanged.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Transient
                | ErrorKind::RateLimited { .. }
                | ErrorKind::Timeout
                | ErrorKind::Connection
        )
    }

    /// Classify an HTTP status that is not a success.
    pub fn kind_for_status(status: u16, retry_after: Option<Duration>) -> ErrorKind {
        match status {
            401 | 403 => ErrorKind::Auth,
            429 => ErrorKind::RateLimited { retry_after },
            408 | 500..=599 => ErrorKind::Transient,
            _ => ErrorKind::Rejected,
        }
    }
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(status) = self.http_status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if !self.description.is_empty() {
            write!(f, ": {}", self.description)?;
        }
        Ok(())
    }
}

impl std::error::Error for ProviderError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_kinds() {
        assert_eq!(ProviderError::kind_for_status(401, None), ErrorKind::Auth);
        assert_eq!(
            ProviderError::kind_for_status(400, None),
            ErrorKind::Rejected
        );
        assert_eq!(
            ProviderError::kind_for_status(503, None),
            ErrorKind::Transient
        );
        let d = Some(Duration::from_secs(5));
        assert_eq!(
            ProviderError::kind_for_status(429, d),
            ErrorKind::RateLimited { retry_after: d }
        );
        assert!(ProviderError::new(ErrorKind::Timeout, "x").is_retryable());
        assert!(!ProviderError::new(ErrorKind::Rejected, "x").is_retryable());
        assert!(!ProviderError::new(ErrorKind::Auth, "x").is_retryable());
    }
}
