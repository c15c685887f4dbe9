//! What a project file on disk *is*: its content hash, with its size and modification time
//! as a cheap first look. The hash decides (a `git checkout` rewrites the time of an unchanged
//! file; a coarse clock can keep the time of a changed one); size and time only say when
//! reading the file again is worth it.

use std::fs::Metadata;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// The identity of a file's content as factdesk last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIdentity {
    pub sha256: String,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl FileIdentity {
    /// The identity of `bytes`, with the size and time from `meta` when known.
    pub fn of(bytes: &[u8], meta: Option<&Metadata>) -> Self {
        FileIdentity {
            sha256: sha256_bytes(bytes),
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
        }
    }

    /// Do size and modification time still match? `false` means "read it again"; `true` is
    /// only a hint (a save within one clock tick keeps the time), so saves always hash.
    pub fn looks_unchanged(&self, meta: &Metadata) -> bool {
        self.len == meta.len() && self.modified.is_some() && self.modified == meta.modified().ok()
    }

    /// Same content, whatever the times say.
    pub fn same_content(&self, other: &FileIdentity) -> bool {
        self.sha256 == other.sha256
    }
}

/// Reads a file and its identity; `None` when there is no file at `path`.
pub fn read(path: &Path) -> io::Result<Option<(Vec<u8>, FileIdentity)>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = std::fs::metadata(path).ok();
    let identity = FileIdentity::of(&bytes, meta.as_ref());
    Ok(Some((bytes, identity)))
}

fn sha256_bytes(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_follows_content_not_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        assert!(read(&path).unwrap().is_none());
        std::fs::write(&path, "one").unwrap();
        let (_, first) = read(&path).unwrap().unwrap();
        std::fs::write(&path, "one").unwrap();
        let (_, again) = read(&path).unwrap().unwrap();
        assert!(first.same_content(&again));
        std::fs::write(&path, "two").unwrap();
        let (bytes, changed) = read(&path).unwrap().unwrap();
        assert_eq!(bytes, b"two");
        assert!(!first.same_content(&changed));
        assert!(!first.looks_unchanged(&std::fs::metadata(&path).unwrap()) || first.len == 3);
    }

    #[test]
    fn a_different_size_never_looks_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "short").unwrap();
        let (_, id) = read(&path).unwrap().unwrap();
        assert!(id.looks_unchanged(&std::fs::metadata(&path).unwrap()));
        std::fs::write(&path, "much longer").unwrap();
        assert!(!id.looks_unchanged(&std::fs::metadata(&path).unwrap()));
    }
}
