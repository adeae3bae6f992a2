//! Workload types from IDL files.

use crate::workload::TypeSource;
use corba_typecode::TypeCode;
use std::path::{Path, PathBuf};

/// The types declared in one IDL file (and what it includes).
#[derive(Debug)]
pub struct IdlTypes {
    path: PathBuf,
}

impl IdlTypes {
    pub fn load(path: &Path) -> Result<IdlTypes, String> {
        if !path.exists() {
            return Err(format!("IDL file {} not found", path.display()));
        }
        Ok(IdlTypes {
            path: path.to_owned(),
        })
    }
}

impl TypeSource for IdlTypes {
    fn type_named(&self, scoped_name: &str) -> Result<TypeCode, String> {
        Err(format!(
            "{}: cannot resolve {scoped_name}: the IDL front end is not wired in yet",
            self.path.display()
        ))
    }
}
