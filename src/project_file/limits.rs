//! Limits that keep a hostile or broken file from exhausting memory, time or the stack: a size cap checked
//! before and while reading, a nesting cap handed to the RON parser, and list caps enforced while parsing
//! (so a file of a million components is refused at the first one too many, not after building them all).

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, Error as _, SeqAccess, Visitor};

use super::errors::LoadError;
use crate::model::validate::{MAX_COMPONENTS_PER_SCENARIO, MAX_SCENARIOS};

/// Largest project file Powerplot reads or writes. A 10,000-component project is about 8 MiB.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Deepest nesting the parser accepts. A project nests 7 levels (project, scenario list, scenario, component
/// list, component, kind, its fields); the margin leaves room for format changes, and the cap keeps deep
/// input such as 100,000 opening brackets from overflowing the stack.
pub(super) const MAX_NESTING: usize = 32;

/// Reads a whole file of at most `MAX_FILE_BYTES`. What the path is gets checked before it is opened, so a
/// named pipe or a device is refused instead of blocking or reading forever; the size is checked before reading
/// and again while reading, since a file can grow meanwhile.
pub(super) fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    let origin = path.display().to_string();
    let io_error = |source| LoadError::Io { path: origin.clone(), source };
    check_kind(&std::fs::metadata(path).map_err(io_error)?, &origin)?;
    let file = open_without_blocking(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    // The path may have been swapped for something else between the two looks.
    check_kind(&meta, &origin)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { origin, size: meta.len(), limit: MAX_FILE_BYTES });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { origin, size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    Ok(bytes)
}

fn check_kind(meta: &std::fs::Metadata, origin: &str) -> Result<(), LoadError> {
    let kind = if meta.is_dir() { Some("a folder, not a file") } else { super::atomic::special_kind(meta) };
    match kind {
        Some(kind) => Err(LoadError::NotAProject { origin: origin.to_string(), reason: format!("it is {kind}") }),
        None => Ok(()),
    }
}

/// Opens for reading without waiting for a writer, should the path have become a named pipe after it was
/// checked (the flag changes nothing for a regular file).
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    #[cfg(target_os = "macos")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0x0004;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

/// The `scenarios` list of a project file, at most `MAX_SCENARIOS` long.
pub(super) fn scenarios<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_seq(BoundedList { max: MAX_SCENARIOS, what: "scenarios in a project", item: PhantomData })
}

/// The `components` list of a scenario, at most `MAX_COMPONENTS_PER_SCENARIO` long.
pub(super) fn components<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_seq(BoundedList {
        max: MAX_COMPONENTS_PER_SCENARIO,
        what: "components in a scenario",
        item: PhantomData,
    })
}

struct BoundedList<T> {
    max: usize,
    what: &'static str,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for BoundedList<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list `[...]` of at most {} {}", self.max, self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            if items.len() == self.max {
                return Err(A::Error::custom(format!("too many {}: the limit is {}", self.what, self.max)));
            }
            items.push(item);
        }
        Ok(items)
    }
}
