//! What a window knows of the file it loaded or saved, to notice that another window or program has changed it
//! since: the length and a hash of the bytes. Modification times are not used: they can be too coarse to tell
//! two quick saves apart, and touching a file without changing it is no conflict.

use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::Path;

use super::limits;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    hash: u64,
}

impl DiskStamp {
    /// The stamp of a file holding `bytes`.
    pub fn of(bytes: &[u8]) -> DiskStamp {
        let mut hasher = DefaultHasher::new();
        hasher.write(bytes);
        DiskStamp { len: bytes.len() as u64, hash: hasher.finish() }
    }

    /// The stamp of the file at `path` now; `None` when there is no file there.
    pub fn read(path: &Path) -> io::Result<Option<DiskStamp>> {
        match limits::read_capped(path) {
            Ok(bytes) => Ok(Some(DiskStamp::of(&bytes))),
            Err(super::LoadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(super::LoadError::Io { source, .. }) => Err(source),
            // Too large, a folder or a special file: certainly not what this window saved.
            Err(_) => Ok(Some(DiskStamp { len: u64::MAX, hash: 0 })),
        }
    }
}
