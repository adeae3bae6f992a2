//! Workload types from IDL files, through the `corba-idl` front end.

use crate::workload::TypeSource;
use corba_typecode::TypeCode;
use std::path::Path;

/// The types declared in one IDL file (and what it includes).
#[derive(Debug)]
pub struct IdlTypes {
    repo: corba_idl::Repository,
}

impl IdlTypes {
    pub fn load(path: &Path) -> Result<IdlTypes, String> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let opts = corba_idl::Options::default().include_dir(dir);
        let repo = corba_idl::Repository::load(path, &opts).map_err(|e| e.to_string())?;
        Ok(IdlTypes { repo })
    }

    /// Scoped names of every type declaration.
    pub fn names(&self) -> Vec<String> {
        self.repo.type_codes().map(|(n, _)| n).collect()
    }
}

impl TypeSource for IdlTypes {
    fn type_named(&self, scoped_name: &str) -> Result<TypeCode, String> {
        self.repo
            .type_code(scoped_name.trim_start_matches("::"))
            .ok_or_else(|| {
                format!(
                    "no type {scoped_name} in the IDL (declared: {})",
                    self.names().join(", ")
                )
            })
    }
}
