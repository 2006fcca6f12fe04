//! A factor as bytes (`fl_factor_serialize`), and back, and through a file: a factorization
//! that took minutes is reused by another process without factoring again.

use crate::error::{check, fail, Result, Status};
use crate::factor::{build, Factor};
use fastlinalg_sys as sys;
use std::path::Path;

impl Factor {
    /// The factor's serialized form: bytes that [`Factor::from_bytes`] turns back into a
    /// factor answering exactly as this one, in this or another process. The format is the
    /// library's, versioned and checked (docs/save_load.md). Sparse kinds are
    /// `Status::Unsupported`.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut size = 0i64;
        check(unsafe { sys::fl_factor_serialized_size(self.raw, &mut size) })?;
        let mut bytes = vec![0u8; size as usize];
        check(unsafe { sys::fl_factor_serialize(self.raw, bytes.as_mut_ptr().cast(), size) })?;
        Ok(bytes)
    }

    /// A factor rebuilt from what [`Factor::to_bytes`] wrote. Truncated, corrupted or foreign
    /// bytes are `Status::InvalidArgument`, another format version or byte order
    /// `Status::Unsupported`, with a message saying which.
    pub fn from_bytes(bytes: &[u8]) -> Result<Factor> {
        // An empty slice's pointer is dangling but not NULL, and nothing is read from it.
        build(|raw| unsafe {
            sys::fl_factor_deserialize(raw, bytes.as_ptr().cast(), bytes.len() as i64)
        })
    }

    /// Writes [`Factor::to_bytes`] to the file at `path`, replacing it. An I/O failure is
    /// `Status::InvalidArgument` naming the path.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_bytes()?).or_else(|e| {
            fail(
                Status::InvalidArgument,
                format!("Factor::save: cannot write {}: {}", path.display(), e),
            )
        })
    }

    /// Reads a factor that [`Factor::save`] wrote to the file at `path`.
    pub fn load(path: impl AsRef<Path>) -> Result<Factor> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).or_else(|e| {
            fail(
                Status::InvalidArgument,
                format!("Factor::load: cannot read {}: {}", path.display(), e),
            )
        })?;
        Factor::from_bytes(&bytes)
    }
}
