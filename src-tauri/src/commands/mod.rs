//! IPC commands, one file per screen. Each only translates between the IPC and
//! postdesk-core; errors cross as `AppError { code, message, details }`.

pub mod about;
pub mod admin;
pub mod easypost;
pub mod hotfolders;
pub mod jobs;
pub mod letters;
pub mod outbox;
pub mod preview;
pub mod sandbox;
pub mod setup;
pub mod split;
pub mod startup;
