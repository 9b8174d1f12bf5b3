//! Reading a letter's file before pdfium sees any of it.
//!
//! Only a regular file is read: a device such as `/dev/zero` never ends, and a
//! FIFO blocks the open until someone writes to it. The file is opened without
//! blocking and judged on the open handle, so a path swapped for something else
//! after a look at it is still caught. No more bytes are read than a limit (the
//! file may grow while it is read), and they are hashed as they are read.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::PdfError;

/// What is kept of a file that is not read whole: enough to find the PDF header.
pub const HEAD_BYTES: usize = 1024;
/// Files over the provider's limit are hashed in pieces up to this size; above it
/// their SHA-256 is left empty (they are never sent, and hashing gigabytes would
/// keep the clerk waiting).
pub const HASH_CAP: u64 = 256 * 1024 * 1024;

/// A letter's file as read for checking.
#[derive(Debug)]
pub struct LetterFile {
    /// The size the file had when it was opened.
    pub bytes: u64,
    /// All of the file when `complete`, else its first `HEAD_BYTES`.
    pub data: Vec<u8>,
    pub complete: bool,
    /// Hex SHA-256 of the whole file; empty when it is over `HASH_CAP`.
    pub sha256: String,
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> PdfError + '_ {
    move |source| PdfError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens `path` for reading when it is a regular file, with its size.
pub fn open_regular(path: &Path) -> Result<(File, u64), PdfError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO opens at once instead of waiting for a writer; it is refused below.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error(path))?;
    let meta = file.metadata().map_err(io_error(path))?;
    if !meta.is_file() {
        return Err(PdfError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    Ok((file, meta.len()))
}

/// Reads a letter: the whole file when it is at most `limit` bytes, else only its
/// head (and the hash, in pieces, up to `HASH_CAP`). A file that grew past
/// `limit` since it was opened is read no further than `limit + 1` bytes and
/// counts as too large.
pub fn read_letter(path: &Path, limit: u64) -> Result<LetterFile, PdfError> {
    let (file, bytes) = open_regular(path)?;
    if bytes <= limit {
        let mut data = Vec::with_capacity(bytes as usize);
        file.take(limit.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(io_error(path))?;
        let read = data.len() as u64;
        if read <= limit {
            let sha256 = hex::encode(Sha256::digest(&data));
            return Ok(LetterFile {
                bytes: read,
                data,
                complete: true,
                sha256,
            });
        }
        // It grew while being read: too large, and not hashed (it is moving).
        data.truncate(HEAD_BYTES);
        return Ok(LetterFile {
            bytes: read,
            data,
            complete: false,
            sha256: String::new(),
        });
    }
    let mut head = Vec::with_capacity(HEAD_BYTES);
    let sha256 = if bytes <= HASH_CAP {
        let mut keep_head = HeadAndHash {
            head: &mut head,
            hash: Sha256::new(),
        };
        io::copy(&mut file.take(bytes), &mut keep_head).map_err(io_error(path))?;
        hex::encode(keep_head.hash.finalize())
    } else {
        file.take(HEAD_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(io_error(path))?;
        String::new()
    };
    Ok(LetterFile {
        bytes,
        data: head,
        complete: false,
        sha256,
    })
}

/// The whole file, when it is a regular file of at most `limit` bytes.
pub fn read_all(path: &Path, limit: u64) -> Result<Vec<u8>, PdfError> {
    let f = read_letter(path, limit)?;
    if !f.complete {
        return Err(PdfError::TooLarge {
            path: path.to_path_buf(),
            bytes: f.bytes,
        });
    }
    Ok(f.data)
}

/// A writer that hashes everything and keeps the first `HEAD_BYTES`.
struct HeadAndHash<'a> {
    head: &'a mut Vec<u8>,
    hash: Sha256,
}

impl Write for HeadAndHash<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let room = HEAD_BYTES.saturating_sub(self.head.len());
        self.head.extend_from_slice(&buf[..buf.len().min(room)]);
        self.hash.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_file_is_read_whole_and_hashed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        std::fs::write(&p, b"%PDF-1.4 hello").unwrap();
        let f = read_letter(&p, 100).unwrap();
        assert!(f.complete);
        assert_eq!(f.data, b"%PDF-1.4 hello");
        assert_eq!(f.sha256, hex::encode(Sha256::digest(b"%PDF-1.4 hello")));
    }

    #[test]
    fn a_file_over_the_limit_gives_its_head_and_hash_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.pdf");
        let body = vec![b'x'; 5000];
        std::fs::write(&p, &body).unwrap();
        let f = read_letter(&p, 4000).unwrap();
        assert!(!f.complete);
        assert_eq!((f.bytes, f.data.len()), (5000, HEAD_BYTES));
        assert_eq!(f.sha256, hex::encode(Sha256::digest(&body)));
        assert!(matches!(
            read_all(&p, 4000),
            Err(PdfError::TooLarge { bytes: 5000, .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_fifos_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.pdf");
        let c = std::ffi::CString::new(fifo.as_os_str().to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        for p in [Path::new("/dev/zero"), dir.path(), &fifo] {
            let r = read_letter(p, 1 << 20);
            assert!(
                matches!(r, Err(PdfError::NotAFile { .. })),
                "{}: {r:?}",
                p.display()
            );
        }
    }
}
