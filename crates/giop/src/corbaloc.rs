//! `corbaloc:` URLs with IIOP addresses (§7.6.10 of Part 2 / "Object URLs"):
//!
//! ```text
//! corbaloc:iiop:1.2@host:2809,:backup/Key%20String
//! ```
//!
//! `iiop:` may be abbreviated to `:`; the version defaults to 1.0 and the
//! port to 2809; IPv6 hosts are written in brackets; the key is
//! URL-escaped (`%xx`).

use crate::error::{Error, ErrorKind, Result};
use crate::ior::{IiopProfile, IiopVersion, Ior};
use corba_cdr::ByteOrder;

/// The default IIOP port (2809, assigned by IANA to corbaloc).
pub const DEFAULT_PORT: u16 = 2809;

/// One `iiop:` address of a corbaloc URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IiopAddress {
    pub version: IiopVersion,
    /// Without brackets for IPv6.
    pub host: String,
    pub port: u16,
}

/// A parsed `corbaloc:` URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Corbaloc {
    pub addresses: Vec<IiopAddress>,
    pub object_key: Vec<u8>,
}

fn bad(what: &'static str, at: usize) -> Error {
    Error::new(ErrorKind::BadCorbaloc(what), at)
}

fn parse_u8(s: &str, at: usize) -> Result<u8> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad("version is not major.minor", at));
    }
    s.parse().map_err(|_| bad("version number too large", at))
}

fn parse_addr(s: &str, at: usize) -> Result<IiopAddress> {
    let (version, hp, hp_at) = match s.find('@') {
        Some(i) => {
            let v = &s[..i];
            let (maj, min) = v
                .split_once('.')
                .ok_or_else(|| bad("version is not major.minor", at))?;
            let version = IiopVersion {
                major: parse_u8(maj, at)?,
                minor: parse_u8(min, at + maj.len() + 1)?,
            };
            (version, &s[i + 1..], at + i + 1)
        }
        None => (IiopVersion::V1_0, s, at),
    };
    let (host, port_str) = if let Some(rest) = hp.strip_prefix('[') {
        let end = rest
            .find(']')
            .ok_or_else(|| bad("IPv6 host without ']'", hp_at))?;
        let host = &rest[..end];
        let after = &rest[end + 1..];
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| bad("text after IPv6 host", hp_at + end + 2))?,
            ),
        };
        (host, port)
    } else {
        match hp.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hp, None),
        }
    };
    if host.is_empty() {
        return Err(bad("empty host", hp_at));
    }
    let port = match port_str {
        None | Some("") => DEFAULT_PORT,
        Some(p) => {
            if !p.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad("port is not a number", hp_at));
            }
            p.parse().map_err(|_| bad("port above 65535", hp_at))?
        }
    };
    Ok(IiopAddress {
        version,
        host: host.to_owned(),
        port,
    })
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn unescape(s: &str, at: usize) -> Result<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            match (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) {
                (Some(h), Some(l)) => out.push(h << 4 | l),
                _ => return Err(bad("bad %-escape in key", at + i)),
            }
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Characters written unescaped in a key (RFC 2396 unreserved and the
/// reserved characters the corbaloc grammar allows).
fn key_char_ok(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b";/:?@&=+$,-_.!~*'()".contains(&c)
}

impl Corbaloc {
    /// Parses `corbaloc:` followed by comma-separated `iiop:` (or `:`)
    /// addresses, `/` and the escaped key. Other protocols (`rir:`, ...)
    /// are refused. Error offsets are byte offsets into `url`.
    pub fn parse(url: &str) -> Result<Corbaloc> {
        const SCHEME: &str = "corbaloc:";
        if url.len() < SCHEME.len() || !url[..SCHEME.len()].eq_ignore_ascii_case(SCHEME) {
            return Err(bad("does not start with corbaloc:", 0));
        }
        let rest = &url[SCHEME.len()..];
        let slash = rest.find('/').ok_or_else(|| bad("no /key", url.len()))?;
        let (list, key) = (&rest[..slash], &rest[slash + 1..]);
        let mut addresses = Vec::new();
        let mut at = SCHEME.len();
        for a in list.split(',') {
            let body = if a.len() >= 5 && a[..5].eq_ignore_ascii_case("iiop:") {
                (&a[5..], at + 5)
            } else if let Some(b) = a.strip_prefix(':') {
                (b, at + 1)
            } else {
                return Err(bad("only iiop: addresses are supported", at));
            };
            addresses.push(parse_addr(body.0, body.1)?);
            at += a.len() + 1;
        }
        let object_key = unescape(key, SCHEME.len() + slash + 1)?;
        Ok(Corbaloc {
            addresses,
            object_key,
        })
    }

    /// An IOR with one IIOP profile per address (no components), as an ORB
    /// builds for `string_to_object` of a corbaloc URL.
    pub fn to_ior(&self, type_id: &str, order: ByteOrder) -> Ior {
        Ior {
            type_id: type_id.to_owned(),
            profiles: self
                .addresses
                .iter()
                .map(|a| {
                    IiopProfile {
                        version: a.version,
                        host: a.host.clone(),
                        port: a.port,
                        object_key: self.object_key.clone(),
                        components: Vec::new(),
                    }
                    .to_profile(order)
                })
                .collect(),
        }
    }
}

impl core::fmt::Display for Corbaloc {
    /// Writes the URL with every version and port explicit and the key
    /// escaped where needed.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("corbaloc:")?;
        for (i, a) in self.addresses.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "iiop:{}.{}@", a.version.major, a.version.minor)?;
            if a.host.contains(':') {
                write!(f, "[{}]:{}", a.host, a.port)?;
            } else {
                write!(f, "{}:{}", a.host, a.port)?;
            }
        }
        f.write_str("/")?;
        for &c in &self.object_key {
            if key_char_ok(c) {
                write!(f, "{}", c as char)?;
            } else {
                write!(f, "%{c:02X}")?;
            }
        }
        Ok(())
    }
}
