//! How the core tells its host (the window, the CLI) that something changed.
use crate::model::{AddProgress, HotFolderTook, Letter, OutboxProgress};

pub trait EventSink: Send + Sync + 'static {
    /// A letter in the job list changed state (or was just queued).
    fn letter_changed(&self, letter: &Letter);
    /// The desk's drafts of a company changed.
    fn drafts_changed(&self, company_id: i64);
    /// The outbox's batches moved on (at most a few times a second, and always
    /// once more when a batch is done).
    fn outbox_progress(&self, _progress: &OutboxProgress) {}
    /// `add_files` checked another file (a few times a second, and at the end).
    fn add_progress(&self, _progress: &AddProgress) {}
    /// A hot folder's watch took files (once per folder and round).
    fn hot_folder_took(&self, _took: &HotFolderTook) {}
}

pub struct NoEvents;

impl EventSink for NoEvents {
    fn letter_changed(&self, _: &Letter) {}
    fn drafts_changed(&self, _: i64) {}
}
