//! The log file in the data folder: `logs/postdesk.log`, bounded in size (at
//! `max_bytes` it becomes `postdesk.log.1`, the older ones move up, at most `keep`
//! are kept), owner-only, and every line goes through `redact` before it is written:
//! secrets never reach a log by design (they are `Secret`s, which print
//! `<redacted>`), and this is the second fence for what slips through (a token in a
//! URL, a key in a provider's echo).
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub const LOG_FILE: &str = "postdesk.log";
/// 1 MiB per file, the current and 3 older: at most 4 MiB of logs.
pub const MAX_BYTES: u64 = 1024 * 1024;
pub const KEEP: usize = 3;

pub struct RotatingLog {
    state: Mutex<State>,
}

struct State {
    dir: PathBuf,
    file: Option<File>,
    written: u64,
    max_bytes: u64,
    keep: usize,
    /// Bytes of a line not ended yet (a writer may hand a line over in pieces).
    pending: Vec<u8>,
}

impl RotatingLog {
    /// Opens (appends to) `<dir>/postdesk.log`, making `dir` owner-only.
    pub fn open(dir: &Path, max_bytes: u64, keep: usize) -> io::Result<Self> {
        crate::paths::create_private_dir(dir)?;
        let file = open_append(&dir.join(LOG_FILE))?;
        let written = file.metadata()?.len();
        Ok(Self {
            state: Mutex::new(State { dir: dir.to_path_buf(), file: Some(file), written, max_bytes: max_bytes.max(1024), keep, pending: Vec::new() }),
        })
    }

    /// The last `n` lines over the current and the older files, oldest first, redacted.
    pub fn tail(dir: &Path, n: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for i in (0..=KEEP.max(1) + 1).rev() {
            let path = if i == 0 { dir.join(LOG_FILE) } else { dir.join(format!("{LOG_FILE}.{i}")) };
            if let Ok(text) = std::fs::read(&path) {
                lines.extend(String::from_utf8_lossy(&text).lines().map(redact));
            }
        }
        let skip = lines.len().saturating_sub(n);
        lines.split_off(skip)
    }
}

fn open_append(path: &Path) -> io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)
}

impl State {
    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let clean = redact(&String::from_utf8_lossy(line));
        if self.written > 0 && self.written + clean.len() as u64 + 1 > self.max_bytes {
            self.rotate()?;
        }
        if let Some(f) = self.file.as_mut() {
            f.write_all(clean.as_bytes())?;
            f.write_all(b"\n")?;
            self.written += clean.len() as u64 + 1;
        }
        Ok(())
    }

    fn rotate(&mut self) -> io::Result<()> {
        self.file = None;
        let name = |i: usize| self.dir.join(if i == 0 { LOG_FILE.to_string() } else { format!("{LOG_FILE}.{i}") });
        let _ = std::fs::remove_file(name(self.keep));
        for i in (0..self.keep).rev() {
            let _ = std::fs::rename(name(i), name(i + 1));
        }
        if self.keep == 0 {
            let _ = std::fs::remove_file(name(0));
        }
        self.file = Some(open_append(&name(0))?);
        self.written = 0;
        Ok(())
    }
}

impl Write for &RotatingLog {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.pending.extend_from_slice(buf);
        while let Some(end) = s.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = s.pending.drain(..=end).collect();
            s.write_line(&line[..line.len() - 1])?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.file.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

const MARK: &str = "<redacted>";

/// A log line with what looks like a secret replaced by `<redacted>`: the value after
/// `password`, `secret`, `token`, `api_key`/`apikey`/`api-key`, `pin`, `smsCode`,
/// `authorization`, `bearer` or `basic` (with `=`, `:` or a blank), and any run of 32
/// or more letters, digits, `-` and `_` (the sandbox's URL token, API keys), except
/// a SHA-256 in hex (how letters are named for support).
pub fn redact(line: &str) -> String {
    const KEYS: &[&str] = &["password", "passwort", "secret", "token", "api_key", "apikey", "api-key", "pin", "sms_code", "smscode", "authorization", "bearer", "basic"];
    let token_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if token_char(chars[i]) && (i == 0 || !token_char(chars[i - 1])) {
            let mut j = i;
            while j < chars.len() && token_char(chars[j]) {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let sha = word.len() == 64 && word.chars().all(|c| c.is_ascii_hexdigit());
            if word.len() >= 32 && !sha {
                out.push_str(MARK);
                i = j;
                continue;
            }
            out.push_str(&word);
            i = j;
            if KEYS.contains(&word.to_ascii_lowercase().as_str()) {
                // `key=value`, `key: value`, `"key":"value"`, `Bearer value`
                let mut k = i;
                while k < chars.len() && matches!(chars[k], '"' | '\'' | ' ' | '=' | ':') && k - i < 4 {
                    k += 1;
                }
                if k > i && k < chars.len() && !chars[k].is_whitespace() {
                    // An Authorization header's whole value (scheme and credentials).
                    if word.eq_ignore_ascii_case("authorization") {
                        out.extend(&chars[i..k]);
                        out.push_str(MARK);
                        break;
                    }
                    let mut end = k;
                    while end < chars.len() && !matches!(chars[end], ' ' | ',' | '"' | '\'' | '&' | '}' | ')' | ';') {
                        end += 1;
                    }
                    if end > k {
                        out.extend(&chars[i..k]);
                        out.push_str(MARK);
                        i = end;
                    }
                }
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_and_the_rest_is_kept() {
        let sha = "ab".repeat(32);
        let cases = [
            ("GET http://127.0.0.1:4711/0123456789abcdef0123456789abcdef0123456789abcdef/api/Letter failed", "GET http://127.0.0.1:4711/<redacted>/api/Letter failed"),
            ("login password=hunter2 ekp=1234567890", "login password=<redacted> ekp=1234567890"),
            (r#"{"secret":"s3cr3t","vendorID":"POSTDESK"}"#, r#"{"secret":"<redacted>","vendorID":"POSTDESK"}"#),
            ("Authorization: Bearer abc.def", "Authorization: <redacted>"),
            ("sending with bearer abc.def now", "sending with bearer <redacted> now"),
            ("header api-key k-123", "header api-key <redacted>"),
            ("setPassword smsCode=123456 accepted", "setPassword smsCode=<redacted> accepted"),
            ("AppError code: pin_wrong", "AppError code: pin_wrong"),
        ];
        for (line, want) in cases {
            assert_eq!(redact(line), want, "{line}");
        }
        assert_eq!(redact(&format!("letter {sha} queued")), format!("letter {sha} queued"));
        assert_eq!(redact("letter 7 sent (4 pages)"), "letter 7 sent (4 pages)");
    }

    #[test]
    fn the_log_rotates_at_its_size_and_keeps_a_bounded_number_of_files() {
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("logs");
        let log = RotatingLog::open(&logs, 4096, 2).unwrap();
        let line = format!("{}\n", "x".repeat(99));
        for _ in 0..1000 {
            (&log).write_all(line.as_bytes()).unwrap();
        }
        (&log).write_all(b"the last line with password=hunter2\n").unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&logs).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["postdesk.log", "postdesk.log.1", "postdesk.log.2"]);
        for n in &names {
            let len = std::fs::metadata(logs.join(n)).unwrap().len();
            assert!(len <= 4096, "{n}: {len} bytes");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(logs.join("postdesk.log")).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let tail = RotatingLog::tail(&logs, 3);
        assert_eq!(tail.len(), 3);
        assert_eq!(tail[2], "the last line with password=<redacted>");
        let all = std::fs::read_to_string(logs.join("postdesk.log")).unwrap();
        assert!(!all.contains("hunter2"));
    }
}
