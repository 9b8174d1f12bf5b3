//! How the core tells its host (the window, the CLI) that something changed.
use crate::model::Letter;

pub trait EventSink: Send + Sync + 'static {
    /// A letter in the job list changed state (or was just queued).
    fn letter_changed(&self, letter: &Letter);
    /// The desk's drafts of a company changed.
    fn drafts_changed(&self, company_id: i64);
}

pub struct NoEvents;

impl EventSink for NoEvents {
    fn letter_changed(&self, _: &Letter) {}
    fn drafts_changed(&self, _: i64) {}
}
