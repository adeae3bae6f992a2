//! Errors with a place: file, line, column and the source line with a caret
//! under the spot.

use core::fmt;
use std::path::PathBuf;

/// Where something is in the original sources (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
    /// The text of the source line, for the caret display.
    pub source_line: String,
}

/// An IDL front-end error: what was wrong and, when known, where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub location: Option<Location>,
    /// The chain of `#include`s that led to the file, outermost first.
    pub included_from: Vec<Location>,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            location: None,
            included_from: Vec::new(),
        }
    }

    pub fn at(message: impl Into<String>, location: Location) -> Error {
        Error {
            message: message.into(),
            location: Some(location),
            included_from: Vec::new(),
        }
    }

    /// Line number, if the error has a location.
    pub fn line(&self) -> Option<u32> {
        self.location.as_ref().map(|l| l.line)
    }

    /// Column number, if the error has a location.
    pub fn column(&self) -> Option<u32> {
        self.location.as_ref().map(|l| l.column)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let Some(loc) = &self.location else {
            return Ok(());
        };
        writeln!(
            f,
            "  --> {}:{}:{}",
            loc.file.display(),
            loc.line,
            loc.column
        )?;
        let num = loc.line.to_string();
        let pad = " ".repeat(num.len());
        writeln!(f, "{pad} |")?;
        writeln!(f, "{num} | {}", loc.source_line)?;
        // The caret goes under the column; tabs before it are kept so that
        // the caret lines up in a terminal.
        let mut under = String::new();
        for (i, c) in loc.source_line.chars().enumerate() {
            if i + 1 >= loc.column as usize {
                break;
            }
            under.push(if c == '\t' { '\t' } else { ' ' });
        }
        write!(f, "{pad} | {under}^")?;
        for inc in self.included_from.iter().rev() {
            write!(f, "\n  included from {}:{}", inc.file.display(), inc.line)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = core::result::Result<T, Error>;
