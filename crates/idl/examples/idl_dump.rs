//! Prints what corba-idl makes of an IDL file: every type's scoped name,
//! repository id and TypeCode, or one type's, or the generated Rust code.
//!
//! ```text
//! cargo run -p corba-idl --example idl_dump -- [-I DIR]... FILE.idl [Scoped::Name | --rust]
//! ```

use corba_idl::{Options, Repository};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut opts = Options::default();
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut what = None;
    while let Some(a) = args.next() {
        if a == "-I" {
            match args.next() {
                Some(d) => opts = opts.include_dir(d),
                None => {
                    eprintln!("-I needs a directory");
                    return ExitCode::from(2);
                }
            }
        } else if let Some(d) = a.strip_prefix("-I") {
            opts = opts.include_dir(d);
        } else if file.is_none() {
            file = Some(a);
        } else {
            what = Some(a);
        }
    }
    let Some(file) = file else {
        eprintln!("usage: idl_dump [-I DIR]... FILE.idl [Scoped::Name | --rust]");
        return ExitCode::from(2);
    };
    let repo = match Repository::load(&file, &opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match what.as_deref() {
        Some("--rust") => match corba_idl::codegen::generate(&repo) {
            Ok(code) => print!("{code}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        Some(name) => match repo.type_code(name) {
            Some(tc) => println!("{tc:#?}"),
            None => {
                eprintln!(
                    "no type {name}; types: {}",
                    repo.type_codes()
                        .map(|(n, _)| n)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return ExitCode::FAILURE;
            }
        },
        None => {
            for (name, tc) in repo.type_codes() {
                println!("{name}\t{}\t{tc:?}", tc.id().unwrap_or(""));
            }
        }
    }
    ExitCode::SUCCESS
}
