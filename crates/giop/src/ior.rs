//! Interoperable Object References (§7.6.2 IOP module; §9.7.2 IIOP profile
//! bodies; §7.6.9 stringified IORs) and their tagged components.
//!
//! Profiles and components keep their encapsulated octets as received, so
//! an IOR re-encodes byte for byte even when the sender left garbage in
//! padding; the decoded views ([`IiopProfile`], [`CodeSetComponentInfo`],
//! ...) are computed on demand and build new octets (zero padding) when
//! encoded.

use crate::cdrx::{encap_bytes, encap_reader, read_latin1, write_latin1};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{ComponentId, ProfileId};
use corba_cdr::{ByteOrder, CodeSetId, Encoding, GiopVersion, Reader, Sink, Writer};

/// `IOP::TaggedProfile`: a tag and its encapsulated profile data (the
/// octets of the `sequence<octet>`, byte-order octet first).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaggedProfile {
    pub tag: ProfileId,
    pub data: Vec<u8>,
}

/// `IOP::TaggedComponent`: a tag and its component data (an encapsulation
/// for every standard component).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaggedComponent {
    pub tag: ComponentId,
    pub data: Vec<u8>,
}

/// `IOP::IOR`: a repository id and a sequence of tagged profiles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ior {
    pub type_id: String,
    pub profiles: Vec<TaggedProfile>,
}

fn read_tagged(r: &mut Reader<'_>) -> Result<(u32, Vec<u8>)> {
    let tag = r.read_ulong()?;
    let data = r.read_octet_sequence()?.to_vec();
    Ok((tag, data))
}

impl TaggedProfile {
    pub fn read(r: &mut Reader<'_>) -> Result<TaggedProfile> {
        let (tag, data) = read_tagged(r)?;
        Ok(TaggedProfile {
            tag: ProfileId(tag),
            data,
        })
    }
    pub fn write<S: Sink>(&self, w: &mut Writer<S>) {
        w.write_ulong(self.tag.0);
        w.write_octet_sequence(&self.data);
    }
}

impl TaggedComponent {
    pub fn read(r: &mut Reader<'_>) -> Result<TaggedComponent> {
        let (tag, data) = read_tagged(r)?;
        Ok(TaggedComponent {
            tag: ComponentId(tag),
            data,
        })
    }
    pub fn write<S: Sink>(&self, w: &mut Writer<S>) {
        w.write_ulong(self.tag.0);
        w.write_octet_sequence(&self.data);
    }

    fn expect(&self, tag: ComponentId) -> Result<Reader<'_>> {
        if self.tag != tag {
            return Err(Error::new(ErrorKind::WrongProfileTag, 0));
        }
        encap_reader(&self.data, 0)
    }

    /// `TAG_ORB_TYPE`: the ORB vendor's id (an encapsulated `unsigned
    /// long`).
    pub fn orb_type(&self) -> Result<u32> {
        let mut r = self.expect(ComponentId::TAG_ORB_TYPE)?;
        let v = r.read_ulong()?;
        r.finish()?;
        Ok(v)
    }

    /// A `TAG_ORB_TYPE` component.
    pub fn new_orb_type(order: ByteOrder, orb_type: u32) -> TaggedComponent {
        TaggedComponent {
            tag: ComponentId::TAG_ORB_TYPE,
            data: encap_bytes(order, |w| w.write_ulong(orb_type)),
        }
    }

    /// `TAG_CODE_SETS` (§13.10.2.4).
    pub fn code_sets(&self) -> Result<CodeSetComponentInfo> {
        let mut r = self.expect(ComponentId::TAG_CODE_SETS)?;
        let v = CodeSetComponentInfo::read(&mut r)?;
        r.finish()?;
        Ok(v)
    }

    /// A `TAG_CODE_SETS` component.
    pub fn new_code_sets(order: ByteOrder, info: &CodeSetComponentInfo) -> TaggedComponent {
        TaggedComponent {
            tag: ComponentId::TAG_CODE_SETS,
            data: encap_bytes(order, |w| info.write(w)),
        }
    }

    /// `TAG_ALTERNATE_IIOP_ADDRESS` (§9.7.3): another host and port for
    /// the same object.
    pub fn alternate_iiop_address(&self) -> Result<(String, u16)> {
        let mut r = self.expect(ComponentId::TAG_ALTERNATE_IIOP_ADDRESS)?;
        let host = read_latin1(&mut r)?;
        let port = r.read_ushort()?;
        r.finish()?;
        Ok((host, port))
    }

    /// A `TAG_ALTERNATE_IIOP_ADDRESS` component.
    pub fn new_alternate_iiop_address(order: ByteOrder, host: &str, port: u16) -> TaggedComponent {
        TaggedComponent {
            tag: ComponentId::TAG_ALTERNATE_IIOP_ADDRESS,
            data: encap_bytes(order, |w| {
                write_latin1(w, host);
                w.write_ushort(port);
            }),
        }
    }
}

/// `CONV_FRAME::CodeSetComponent`: a native code set and the conversion
/// code sets an ORB accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CodeSetComponent {
    pub native_code_set: CodeSetId,
    pub conversion_code_sets: Vec<CodeSetId>,
}

/// `CONV_FRAME::CodeSetComponentInfo`, the content of `TAG_CODE_SETS`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CodeSetComponentInfo {
    pub for_char_data: CodeSetComponent,
    pub for_wchar_data: CodeSetComponent,
}

impl CodeSetComponent {
    fn read(r: &mut Reader<'_>) -> Result<CodeSetComponent> {
        let native_code_set = CodeSetId(r.read_ulong()?);
        let n = r.read_count(4)?;
        let mut conversion_code_sets = Vec::with_capacity(n);
        for _ in 0..n {
            conversion_code_sets.push(CodeSetId(r.read_ulong()?));
        }
        Ok(CodeSetComponent {
            native_code_set,
            conversion_code_sets,
        })
    }
    fn write<S: Sink>(&self, w: &mut Writer<S>) {
        w.write_ulong(self.native_code_set.0);
        w.write_ulong(len_u32(self.conversion_code_sets.len()));
        for c in &self.conversion_code_sets {
            w.write_ulong(c.0);
        }
    }
}

impl CodeSetComponentInfo {
    pub fn read(r: &mut Reader<'_>) -> Result<CodeSetComponentInfo> {
        Ok(CodeSetComponentInfo {
            for_char_data: CodeSetComponent::read(r)?,
            for_wchar_data: CodeSetComponent::read(r)?,
        })
    }
    pub fn write<S: Sink>(&self, w: &mut Writer<S>) {
        self.for_char_data.write(w);
        self.for_wchar_data.write(w);
    }
}

/// Version of an IIOP profile body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IiopVersion {
    pub major: u8,
    pub minor: u8,
}

impl IiopVersion {
    pub const V1_0: IiopVersion = IiopVersion { major: 1, minor: 0 };
    pub const V1_1: IiopVersion = IiopVersion { major: 1, minor: 1 };
    pub const V1_2: IiopVersion = IiopVersion { major: 1, minor: 2 };
}

/// `IIOP::ProfileBody_1_0` / `ProfileBody_1_1` (§9.7.2): IIOP 1.0 has no
/// components; 1.1 and later (the same layout) add a sequence of tagged
/// components.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IiopProfile {
    pub version: IiopVersion,
    pub host: String,
    pub port: u16,
    pub object_key: Vec<u8>,
    /// Empty, and not encoded, for IIOP 1.0.
    pub components: Vec<TaggedComponent>,
}

impl IiopProfile {
    /// Decodes a `TAG_INTERNET_IOP` profile. Trailing octets after the
    /// known fields are an error.
    pub fn decode(p: &TaggedProfile) -> Result<IiopProfile> {
        if p.tag != ProfileId::TAG_INTERNET_IOP {
            return Err(Error::new(ErrorKind::WrongProfileTag, 0));
        }
        let mut r = encap_reader(&p.data, 0)?;
        let at = r.absolute_position();
        let major = r.read_octet()?;
        let minor = r.read_octet()?;
        if major != 1 {
            return Err(Error::new(
                ErrorKind::UnsupportedIiopVersion { major, minor },
                at,
            ));
        }
        let host = read_latin1(&mut r)?;
        let port = r.read_ushort()?;
        let object_key = r.read_octet_sequence()?.to_vec();
        let components = if minor >= 1 {
            read_components(&mut r)?
        } else {
            Vec::new()
        };
        r.finish()?;
        Ok(IiopProfile {
            version: IiopVersion { major, minor },
            host,
            port,
            object_key,
            components,
        })
    }

    /// Encodes this profile as a `TAG_INTERNET_IOP` tagged profile.
    pub fn to_profile(&self, order: ByteOrder) -> TaggedProfile {
        TaggedProfile {
            tag: ProfileId::TAG_INTERNET_IOP,
            data: encap_bytes(order, |w| {
                w.write_octet(self.version.major);
                w.write_octet(self.version.minor);
                write_latin1(w, &self.host);
                w.write_ushort(self.port);
                w.write_octet_sequence(&self.object_key);
                if self.version.minor >= 1 {
                    write_components(w, &self.components);
                }
            }),
        }
    }

    /// The first component with `tag`.
    pub fn component(&self, tag: ComponentId) -> Option<&TaggedComponent> {
        self.components.iter().find(|c| c.tag == tag)
    }
}

/// `sequence<TaggedComponent>`.
pub fn read_components(r: &mut Reader<'_>) -> Result<Vec<TaggedComponent>> {
    let n = r.read_count(8)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(TaggedComponent::read(r)?);
    }
    Ok(v)
}

pub fn write_components<S: Sink>(w: &mut Writer<S>, cs: &[TaggedComponent]) {
    w.write_ulong(len_u32(cs.len()));
    for c in cs {
        c.write(w);
    }
}

/// Decodes a `TAG_MULTIPLE_COMPONENTS` profile: an encapsulated
/// `sequence<TaggedComponent>` (§7.6.3).
pub fn decode_multiple_components(p: &TaggedProfile) -> Result<Vec<TaggedComponent>> {
    if p.tag != ProfileId::TAG_MULTIPLE_COMPONENTS {
        return Err(Error::new(ErrorKind::WrongProfileTag, 0));
    }
    let mut r = encap_reader(&p.data, 0)?;
    let v = read_components(&mut r)?;
    r.finish()?;
    Ok(v)
}

/// A `TAG_MULTIPLE_COMPONENTS` profile holding `components`.
pub fn multiple_components_profile(
    order: ByteOrder,
    components: &[TaggedComponent],
) -> TaggedProfile {
    TaggedProfile {
        tag: ProfileId::TAG_MULTIPLE_COMPONENTS,
        data: encap_bytes(order, |w| write_components(w, components)),
    }
}

impl Ior {
    /// The nil reference: empty type id, no profiles.
    pub fn nil() -> Ior {
        Ior::default()
    }

    pub fn is_nil(&self) -> bool {
        self.type_id.is_empty() && self.profiles.is_empty()
    }

    /// Reads an IOR in place (not encapsulated), as in a reply body.
    pub fn read(r: &mut Reader<'_>) -> Result<Ior> {
        let type_id = read_latin1(r)?;
        let n = r.read_count(8)?;
        let mut profiles = Vec::with_capacity(n);
        for _ in 0..n {
            profiles.push(TaggedProfile::read(r)?);
        }
        Ok(Ior { type_id, profiles })
    }

    pub fn write<S: Sink>(&self, w: &mut Writer<S>) {
        write_latin1(w, &self.type_id);
        w.write_ulong(len_u32(self.profiles.len()));
        for p in &self.profiles {
            p.write(w);
        }
    }

    /// The IIOP profiles, decoded.
    pub fn iiop_profiles(&self) -> impl Iterator<Item = Result<IiopProfile>> + '_ {
        self.profiles
            .iter()
            .filter(|p| p.tag == ProfileId::TAG_INTERNET_IOP)
            .map(IiopProfile::decode)
    }

    /// Parses a stringified IOR (§7.6.9): `IOR:` (any case) then an even
    /// number of hex digits (either case) encoding an encapsulation: a
    /// byte-order octet and the IOR. Every octet must be used. Error
    /// offsets are character offsets into `s`.
    pub fn from_ior_string(s: &str) -> Result<Ior> {
        let b = s.as_bytes();
        if b.len() < 4 || !b[..4].eq_ignore_ascii_case(b"IOR:") {
            return Err(Error::new(ErrorKind::IorPrefix, 0));
        }
        let hex = &b[4..];
        if hex.len() % 2 != 0 {
            return Err(Error::new(ErrorKind::IorHex, s.len()));
        }
        let mut data = Vec::with_capacity(hex.len() / 2);
        for (i, pair) in hex.chunks_exact(2).enumerate() {
            match (hex_val(pair[0]), hex_val(pair[1])) {
                (Some(h), Some(l)) => data.push(h << 4 | l),
                _ => return Err(Error::new(ErrorKind::IorHex, 4 + 2 * i)),
            }
        }
        let mut r = encap_reader(&data, 0).map_err(|e| Error::new(e.kind, 4 + 2 * e.offset))?;
        let ior = Ior::read(&mut r)
            .and_then(|ior| r.finish().map(|()| ior).map_err(Error::from))
            .map_err(|e| Error::new(e.kind, 4 + 2 * e.offset))?;
        Ok(ior)
    }

    /// The stringified form in `order`, lower-case hex (as omniORB writes).
    pub fn to_ior_string(&self, order: ByteOrder) -> String {
        let data = encap_bytes(order, |w| self.write(w));
        let mut s = String::with_capacity(4 + 2 * data.len());
        s.push_str("IOR:");
        for b in data {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 15)]));
        }
        s
    }

    /// Encodes this IOR alone (as in a reply body) in the given encoding,
    /// aligned from position 0.
    pub fn to_cdr(&self, order: ByteOrder) -> Vec<u8> {
        let mut w = Writer::new(Encoding::new(order, GiopVersion::V1_2));
        self.write(&mut w);
        w.into_inner()
    }

    /// Encodes this IOR as it would appear at stream position `origin`
    /// (its ulong fields aligned relative to the enclosing message, §9.3.1:
    /// alignment counts from the start of the GIOP message). Leading
    /// padding up to the first 4-aligned position is included, so the
    /// octets can be appended at `origin` as they are.
    pub fn to_cdr_at(&self, order: ByteOrder, origin: usize) -> Vec<u8> {
        let mut w = Writer::new(Encoding::new(order, GiopVersion::V1_2)).with_origin(origin);
        self.write(&mut w);
        w.into_inner()
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

pub(crate) fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
