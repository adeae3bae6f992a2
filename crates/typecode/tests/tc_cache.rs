//! The per-thread cache of decoded TypeCodes gives the same result as
//! parsing, and never a result decoded under other conditions.

use corba_cdr::{ByteOrder, CharCodeSet, Encoding, GiopVersion, Reader};
use corba_typecode::corpus::types;
use corba_typecode::*;
use std::sync::Arc;

const E: Encoding = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);

fn dec(bytes: &[u8], enc: Encoding, opts: &DecodeOptions) -> TcResult<TypeCode> {
    typecode_from_bytes(bytes, enc, opts)
}

#[test]
fn same_bytes_give_the_same_shared_typecode() {
    clear_typecode_cache();
    let ro = DecodeOptions::omniorb();
    for tc in [&types().wide50, &types().node, &types().record_seq] {
        let b = typecode_to_bytes(tc, E, &TcWriteOptions::omniorb()).unwrap();
        let a = dec(&b, E, &ro).unwrap();
        let c = dec(&b, E, &ro).unwrap();
        assert!(equal(&a, tc) || equivalent(&a, tc));
        assert!(Arc::ptr_eq(&a.0, &c.0), "second decode from the cache");
        // The reader ends where parsing would have left it.
        let mut padded = b.clone();
        padded.extend_from_slice(&[1, 2, 3, 4]);
        let mut r = Reader::new(&padded, E);
        decode_typecode(&mut r, &ro).unwrap();
        assert_eq!(r.remaining(), 4);
        clear_typecode_cache();
        let d = dec(&b, E, &ro).unwrap();
        assert!(!Arc::ptr_eq(&a.0, &d.0), "cleared");
        assert!(equal(&a, &d));
    }
}

#[test]
fn other_bytes_options_depth_or_encoding_are_not_served_from_the_cache() {
    clear_typecode_cache();
    let ro = DecodeOptions::omniorb();
    let tc = &types().node;
    let b = typecode_to_bytes(tc, E, &TcWriteOptions::omniorb()).unwrap();
    let t1 = dec(&b, E, &ro).unwrap();
    // Same length, one name byte changed: a different TypeCode.
    let i = b.windows(4).position(|w| w == b"Node").unwrap();
    let mut b2 = b.clone();
    b2[i] = b'M';
    let t2 = dec(&b2, E, &ro).unwrap();
    assert!(!equal(&t1, &t2));
    assert!(t2.id().unwrap().contains("Mode"), "{:?}", t2.id());
    // A smaller depth budget still fails after a success with the default.
    let shallow = DecodeOptions {
        max_depth: 2,
        ..DecodeOptions::omniorb()
    };
    let e = dec(&b, E, &shallow).unwrap_err();
    assert!(matches!(e.kind, TcErrorKind::DepthExceeded(2)), "{e}");
    // Deeper in the shared budget (an Any nested in values).
    let mut r = Reader::new(&b, E);
    let e = decode_typecode_at(&mut r, &ro, ro.max_depth - 1).unwrap_err();
    assert!(matches!(e.kind, TcErrorKind::DepthExceeded(_)), "{e}");
    // Another code set reads names differently: a Latin-1 name decoded as
    // UTF-8 is an error, not the cached Latin-1 result.
    let named = TypeCode::new(TypeDesc::Alias {
        id: "IDL:Caf\u{e9}:1.0".into(),
        name: "Caf\u{e9}".into(),
        content: TypeCode::basic(TCKind::LONG),
    });
    let latin1 = E.with_char_code_set(CharCodeSet::Iso8859_1);
    let lb = typecode_to_bytes(&named, latin1, &TcWriteOptions::omniorb()).unwrap();
    assert_eq!(dec(&lb, latin1, &ro).unwrap().name(), Some("Caf\u{e9}"));
    let utf8 = E.with_char_code_set(CharCodeSet::Utf8);
    assert!(dec(&lb, utf8, &ro).is_err());
}
