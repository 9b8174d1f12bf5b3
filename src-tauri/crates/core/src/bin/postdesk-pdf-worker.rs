//! A PDF worker process (`postdesk_pdf::worker`) for core's tests and for tools
//! that open a `Postdesk` without being Postdesk's own executable. The app and
//! `postdesk-cli` start their own executable as the worker instead.
fn main() {
    std::process::exit(postdesk_pdf::worker::serve_stdio());
}
