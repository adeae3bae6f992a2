//! Every kind of bad input the issue lists gets a typed error (never a
//! panic), at the right offset, and says whether the spec calls for a
//! MessageError reply.

use corba_cdr::{ByteOrder, GiopVersion};
use corba_giop::fragment::split;
use corba_giop::{
    ErrorKind, Fragment, GiopMessage, Header, Ior, Limits, LocateRequest, Message, MessageReader,
    MsgType, Reassembler, Reply, ReplyStatus, Request, TaggedProfile, TargetAddress,
};

const LE: ByteOrder = ByteOrder::LittleEndian;
const BE: ByteOrder = ByteOrder::BigEndian;

fn request(v: GiopVersion, o: ByteOrder, id: u32, body: usize) -> GiopMessage {
    GiopMessage::new(
        v,
        o,
        Message::Request(Request {
            request_id: id,
            response_flags: if v.minor < 2 { 1 } else { 3 },
            reserved: [0; 3],
            target: TargetAddress::Key(b"key".to_vec()),
            operation: "operation".into(),
            requesting_principal: vec![],
            service_context: vec![],
            body: (0..body).map(|i| i as u8).collect(),
        }),
    )
}

fn header(minor: u8, flags: u8, t: u8, size: u32) -> Vec<u8> {
    let mut h = b"GIOP".to_vec();
    h.extend_from_slice(&[1, minor, flags, t]);
    if flags & 1 == 1 {
        h.extend_from_slice(&size.to_le_bytes());
    } else {
        h.extend_from_slice(&size.to_be_bytes());
    }
    h
}

fn parse_err(b: &[u8]) -> corba_giop::Error {
    Header::parse(b, &Limits::DEFAULT).unwrap_err()
}

#[test]
fn bad_magic() {
    let mut b = header(2, 0, 0, 0);
    b[..4].copy_from_slice(b"GIOQ");
    let e = parse_err(&b);
    assert_eq!(e.kind, ErrorKind::BadMagic(*b"GIOQ"));
    assert_eq!(e.offset, 0);
    assert!(e.requires_message_error());
    // Also through the decoder and the stream reader.
    assert_eq!(
        GiopMessage::decode(&b, &Limits::DEFAULT).unwrap_err().kind,
        e.kind
    );
    let mut rd = MessageReader::new(Limits::DEFAULT);
    rd.feed(&b);
    assert_eq!(rd.next_frame().unwrap_err().kind, e.kind);
}

#[test]
fn unknown_version() {
    for (major, minor) in [(1, 3), (2, 0), (0, 9)] {
        let mut b = header(minor, 0, 0, 0);
        b[4] = major;
        let e = parse_err(&b);
        assert_eq!(e.kind, ErrorKind::UnknownVersion { major, minor });
        assert_eq!(e.offset, 4);
        assert!(e.requires_message_error());
    }
}

#[test]
fn unknown_message_type() {
    for t in [8u8, 9, 0xFF] {
        let e = parse_err(&header(2, 0, t, 0));
        assert_eq!(e.kind, ErrorKind::UnknownMessageType(MsgType(t)));
        assert_eq!(e.offset, 7);
        assert!(e.requires_message_error());
    }
}

#[test]
fn fragment_in_giop_10() {
    let e = parse_err(&header(0, 0, 7, 0));
    assert_eq!(e.kind, ErrorKind::FragmentInGiop10);
    assert!(e.requires_message_error());
    // Nor can one be encoded or split.
    let f = GiopMessage::new(
        GiopVersion::V1_0,
        BE,
        Message::Fragment(Fragment {
            request_id: None,
            data: vec![],
        }),
    );
    assert_eq!(f.encode().unwrap_err().kind, ErrorKind::FragmentInGiop10);
    let big = request(GiopVersion::V1_0, BE, 1, 200).encode().unwrap();
    assert!(matches!(
        split(&big, 64).unwrap_err().kind,
        ErrorKind::CannotFragment { minor: 0, .. }
    ));
}

#[test]
fn reserved_flag_bits() {
    for minor in [1u8, 2] {
        for bit in 2..8 {
            let flags = 1u8 << bit;
            let e = parse_err(&header(minor, flags, 0, 0));
            assert_eq!(e.kind, ErrorKind::ReservedFlagBits(flags));
            assert_eq!(e.offset, 6);
            assert!(e.requires_message_error());
        }
    }
    // GIOP 1.0's byte_order is a boolean octet.
    for b in [2u8, 3, 0x80] {
        let e = parse_err(&header(0, b, 0, 0));
        assert_eq!(e.kind, ErrorKind::InvalidByteOrder(b));
        assert!(e.requires_message_error());
    }
}

#[test]
fn more_fragments_on_a_type_that_cannot_fragment() {
    for (minor, t) in [(1u8, 2u8), (1, 3), (1, 4), (1, 5), (2, 5), (2, 6), (2, 2)] {
        let e = parse_err(&header(minor, 2, t, 0));
        assert_eq!(
            e.kind,
            ErrorKind::NotFragmentable {
                msg_type: MsgType(t),
                minor
            }
        );
        assert!(e.requires_message_error());
    }
    // Allowed: Request/Reply in 1.1, and Locate* in 1.2.
    for (minor, t) in [(1u8, 0u8), (1, 1), (1, 7), (2, 3), (2, 4), (2, 7)] {
        Header::parse(&header(minor, 2, t, 0), &Limits::DEFAULT).unwrap();
    }
}

#[test]
fn size_over_the_limit_is_refused_before_the_body_arrives() {
    let limit = Limits::DEFAULT.max_message_size;
    assert_eq!(limit, 2 << 20);
    // Exactly at the limit is fine; one octet more is not.
    Header::parse(&header(2, 1, 1, (limit - 12) as u32), &Limits::DEFAULT).unwrap();
    let e = parse_err(&header(2, 1, 1, (limit - 11) as u32));
    assert_eq!(
        e.kind,
        ErrorKind::MessageTooLarge {
            size: limit as u64 + 1,
            limit
        }
    );
    assert_eq!(e.offset, 8);
    assert!(!e.requires_message_error());
    assert_eq!(
        e.system_exception(),
        Some("IDL:omg.org/CORBA/IMP_LIMIT:1.0")
    );
    let e = parse_err(&header(2, 0, 0, u32::MAX));
    assert!(matches!(e.kind, ErrorKind::MessageTooLarge { .. }));
    // The stream reader refuses it from the header alone, holding nothing
    // more than the header.
    let mut rd = MessageReader::new(Limits::DEFAULT);
    rd.feed(&header(2, 0, 0, u32::MAX));
    assert!(matches!(
        rd.next_frame().unwrap_err().kind,
        ErrorKind::MessageTooLarge { .. }
    ));
    assert_eq!(rd.buffered(), 12);
    // A smaller configured limit applies.
    let small = Limits {
        max_message_size: 100,
        ..Limits::DEFAULT
    };
    let m = request(GiopVersion::V1_2, LE, 1, 200).encode().unwrap();
    assert!(matches!(
        GiopMessage::decode(&m, &small).unwrap_err().kind,
        ErrorKind::MessageTooLarge { limit: 100, .. }
    ));
}

#[test]
fn size_that_disagrees_with_the_body() {
    let m = request(GiopVersion::V1_2, BE, 1, 16).encode().unwrap();
    // More octets than the header declares.
    let mut longer = m.clone();
    longer.push(0);
    let e = GiopMessage::decode(&longer, &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::SizeMismatch {
            declared: (m.len() - 12) as u32,
            actual: m.len() - 11
        }
    );
    // Fewer.
    let e = GiopMessage::decode(&m[..m.len() - 1], &Limits::DEFAULT).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::SizeMismatch { .. }));
    // A declared size too small for the header fields: they run past the
    // end of the message (here inside the operation name; every cut of
    // every type is in `truncated_bodies`).
    let mut short = m[..40].to_vec();
    short[8..12].copy_from_slice(&28u32.to_be_bytes());
    let e = GiopMessage::decode(&short, &Limits::DEFAULT).unwrap_err();
    assert!(matches!(
        e.kind,
        ErrorKind::Cdr(corba_cdr::ErrorKind::LengthTooLarge { length: 10, .. })
    ));
    // The CDR layer reports the position before the length's padding.
    assert_eq!(e.offset, 31);
    assert!(!e.requires_message_error());
    assert_eq!(e.system_exception(), Some("IDL:omg.org/CORBA/MARSHAL:1.0"));
    // A body on a message type that has none.
    let mut cc = header(2, 0, 5, 4);
    cc.extend_from_slice(&[0; 4]);
    let e = GiopMessage::decode(&cc, &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::UnexpectedBody {
            msg_type: MsgType::CLOSE_CONNECTION,
            extra: 4
        }
    );
    assert_eq!(e.offset, 12);
}

/// Every message type in every version, cut short at every length: a
/// typed error, never a panic.
#[test]
fn truncated_bodies() {
    let ior = Ior {
        type_id: "IDL:x:1.0".into(),
        profiles: vec![TaggedProfile {
            tag: corba_giop::ProfileId::TAG_INTERNET_IOP,
            data: vec![1, 2, 3],
        }],
    };
    for v in GiopVersion::ALL {
        for o in [BE, LE] {
            let mut msgs = vec![
                request(v, o, 7, 5),
                GiopMessage::new(
                    v,
                    o,
                    Message::Reply(Reply {
                        request_id: 7,
                        reply_status: ReplyStatus::NO_EXCEPTION,
                        service_context: vec![corba_giop::ServiceContext {
                            id: corba_giop::ServiceId(99),
                            data: vec![1, 2, 3],
                        }],
                        body: vec![9; 5],
                    }),
                ),
                GiopMessage::new(
                    v,
                    o,
                    Message::CancelRequest(corba_giop::CancelRequest { request_id: 7 }),
                ),
                GiopMessage::new(
                    v,
                    o,
                    Message::LocateRequest(LocateRequest {
                        request_id: 7,
                        target: TargetAddress::Key(vec![1, 2, 3]),
                    }),
                ),
            ];
            if v.minor >= 2 {
                msgs.push(GiopMessage::new(
                    v,
                    o,
                    Message::LocateRequest(LocateRequest {
                        request_id: 7,
                        target: TargetAddress::Reference {
                            selected_profile_index: 0,
                            ior: ior.clone(),
                        },
                    }),
                ));
                msgs.push(GiopMessage::new(
                    v,
                    o,
                    Message::Fragment(Fragment {
                        request_id: Some(7),
                        data: vec![],
                    }),
                ));
            }
            for m in msgs {
                let full = m.encode().unwrap();
                // The smallest valid message of each type ends with its
                // last header field; cutting into the fields is an error.
                let fields_end = {
                    let mut e = m.clone();
                    if let Message::Request(r) = &mut e.message {
                        r.body.clear();
                    }
                    if let Message::Reply(r) = &mut e.message {
                        r.body.clear();
                    }
                    e.encode().unwrap().len()
                };
                for len in 12..fields_end {
                    let mut cut = full[..len].to_vec();
                    let size = (len - 12) as u32;
                    cut[8..12].copy_from_slice(&match o {
                        BE => size.to_be_bytes(),
                        LE => size.to_le_bytes(),
                    });
                    let e = GiopMessage::decode(&cut, &Limits::DEFAULT)
                        .expect_err(&format!("{v} {:?} cut at {len}", m.message.msg_type()));
                    assert!(matches!(e.kind, ErrorKind::Cdr(_)), "{e}");
                }
            }
        }
    }
}

#[test]
fn invalid_target_and_boolean() {
    // TargetAddress discriminator 3.
    let m = request(GiopVersion::V1_2, BE, 1, 0).encode().unwrap();
    let mut bad = m.clone();
    // request_id(4) flags(1) reserved(3): the disposition short is at 20.
    bad[20..22].copy_from_slice(&3i16.to_be_bytes());
    let e = GiopMessage::decode(&bad, &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::InvalidAddressingDisposition(corba_giop::AddressingDisposition(3))
    );
    assert_eq!(e.offset, 20);
    // GIOP 1.0 response_expected is a boolean: 2 is not one.
    let m = request(GiopVersion::V1_0, BE, 1, 0).encode().unwrap();
    let mut bad = m.clone();
    bad[20] = 2; // service contexts count (4) + request id (4), at 12
    let e = GiopMessage::decode(&bad, &Limits::DEFAULT).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Cdr(corba_cdr::ErrorKind::InvalidBoolean(2))
    );
    assert_eq!(e.offset, 20);
    // A 1.0/1.1 message cannot carry a non-key target.
    let mut r = request(GiopVersion::V1_1, BE, 1, 0);
    if let Message::Request(q) = &mut r.message {
        q.target = TargetAddress::Profile(TaggedProfile {
            tag: corba_giop::ProfileId(0),
            data: vec![],
        });
    }
    assert_eq!(r.encode().unwrap_err().kind, ErrorKind::TargetNeedsGiop12);
}

#[test]
fn lengths_from_the_wire_are_checked_before_allocating() {
    // A service context count of 0xFFFFFFFF in a 1.0 Reply of 8 octets.
    let mut m = header(0, 0, 1, 12);
    m.extend_from_slice(&u32::MAX.to_be_bytes());
    m.extend_from_slice(&[0; 8]);
    let e = GiopMessage::decode(&m, &Limits::DEFAULT).unwrap_err();
    assert!(matches!(
        e.kind,
        ErrorKind::Cdr(corba_cdr::ErrorKind::LengthTooLarge { .. })
    ));
    assert_eq!(e.offset, 12);
}

fn frag12(o: ByteOrder, id: u32, more: bool, data: &[u8]) -> Vec<u8> {
    let mut m = GiopMessage::new(
        GiopVersion::V1_2,
        o,
        Message::Fragment(Fragment {
            request_id: Some(id),
            data: data.to_vec(),
        }),
    );
    m.more_fragments = more;
    m.encode().unwrap()
}

fn first_part(v: GiopVersion, o: ByteOrder, id: u32) -> Vec<u8> {
    let mut m = request(v, o, id, 8);
    m.more_fragments = true;
    m.encode().unwrap()
}

fn push_all(rd: &mut MessageReader, parts: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, corba_giop::Error> {
    let mut out = Vec::new();
    for p in parts {
        rd.feed(p);
        while let Some(f) = rd.next_frame()? {
            out.push(f.bytes);
        }
    }
    Ok(out)
}

#[test]
fn fragment_for_an_unknown_request_id() {
    let mut rd = MessageReader::new(Limits::DEFAULT);
    let e = push_all(
        &mut rd,
        &[
            first_part(GiopVersion::V1_2, LE, 5),
            frag12(LE, 6, false, &[0; 8]),
        ],
    )
    .unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::UnknownFragment {
            request_id: Some(6)
        }
    );
    assert!(e.requires_message_error());
    // The offset is in the stream: the second message's request id.
    let first_len = first_part(GiopVersion::V1_2, LE, 5).len();
    assert_eq!(e.offset, first_len + 12);
    // The reader stays failed.
    assert_eq!(rd.next_frame().unwrap_err(), e);
    rd.feed(&request(GiopVersion::V1_2, LE, 9, 0).encode().unwrap());
    assert_eq!(rd.next_frame().unwrap_err(), e);

    // GIOP 1.1: a Fragment with no fragmented message in progress.
    let mut m = GiopMessage::new(
        GiopVersion::V1_1,
        BE,
        Message::Fragment(Fragment {
            request_id: None,
            data: vec![1, 2, 3],
        }),
    );
    m.more_fragments = false;
    let mut rd = MessageReader::new(Limits::DEFAULT);
    let e = push_all(&mut rd, &[m.encode().unwrap()]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownFragment { request_id: None });
    assert!(e.requires_message_error());
}

#[test]
fn byte_order_changing_between_fragments() {
    let mut rd = MessageReader::new(Limits::DEFAULT);
    let e = push_all(
        &mut rd,
        &[
            first_part(GiopVersion::V1_2, LE, 5),
            frag12(BE, 5, false, &[0; 8]),
        ],
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::FragmentByteOrderChanged);
    assert!(e.requires_message_error());
    // The partial message was dropped.
    assert_eq!(rd.partial_messages(), 0);
}

#[test]
fn endless_more_fragments_stop_at_the_reassembly_cap() {
    let limits = Limits::DEFAULT;
    let mut rd = MessageReader::new(limits);
    rd.feed(&first_part(GiopVersion::V1_2, LE, 5));
    assert!(rd.next_frame().unwrap().is_none());
    let chunk = frag12(LE, 5, true, &vec![0xAB; 64 * 1024 - 16]);
    let mut err = None;
    for _ in 0..100 {
        rd.feed(&chunk);
        match rd.next_frame() {
            Ok(None) => {}
            Ok(Some(_)) => panic!("no message should complete"),
            Err(e) => {
                err = Some(e);
                break;
            }
        }
        assert!(rd.buffered() <= limits.max_reassembled_size + chunk.len());
    }
    let e = err.expect("the cap must stop the stream");
    assert!(matches!(e.kind, ErrorKind::ReassembledTooLarge { limit, .. } if limit == 2 << 20));
    assert_eq!(
        e.system_exception(),
        Some("IDL:omg.org/CORBA/IMP_LIMIT:1.0")
    );
    assert_eq!(rd.partial_messages(), 0);

    // Empty fragments do not grow the message: the fragment count limit
    // stops them.
    let limits = Limits {
        max_fragments_per_message: 100,
        ..Limits::DEFAULT
    };
    let mut rd = MessageReader::new(limits);
    rd.feed(&first_part(GiopVersion::V1_2, BE, 5));
    let empty = frag12(BE, 5, true, &[]);
    let mut n = 0;
    let e = loop {
        rd.feed(&empty);
        match rd.next_frame() {
            Ok(None) => n += 1,
            Ok(Some(_)) => panic!(),
            Err(e) => break e,
        }
    };
    assert_eq!(n, 100);
    assert_eq!(e.kind, ErrorKind::TooManyFragments { limit: 100 });
}

#[test]
fn at_most_sixteen_partial_messages() {
    let mut rd = MessageReader::new(Limits::DEFAULT);
    for id in 0..16 {
        rd.feed(&first_part(GiopVersion::V1_2, LE, id));
        assert!(rd.next_frame().unwrap().is_none());
    }
    assert_eq!(rd.partial_messages(), 16);
    rd.feed(&first_part(GiopVersion::V1_2, LE, 16));
    let e = rd.next_frame().unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooManyPartialMessages { limit: 16 });
    // A second fragmented message with an id already in progress, and a
    // second GIOP 1.1 one before the first ended.
    let mut ra = Reassembler::new(Limits::DEFAULT);
    let p = first_part(GiopVersion::V1_2, LE, 3);
    let h = Header::parse(&p, &Limits::DEFAULT).unwrap();
    ra.push(&h, &p).unwrap();
    let e = ra.push(&h, &p).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::DuplicateFragmentedMessage {
            request_id: Some(3)
        }
    );
    assert!(e.requires_message_error());
    let p = first_part(GiopVersion::V1_1, LE, 3);
    let h = Header::parse(&p, &Limits::DEFAULT).unwrap();
    ra.push(&h, &p).unwrap();
    let e = ra.push(&h, &p).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::DuplicateFragmentedMessage { request_id: None }
    );
}

#[test]
fn split_refuses_what_cannot_be_fragmented() {
    let big = request(GiopVersion::V1_2, LE, 1, 500).encode().unwrap();
    assert_eq!(
        split(&big, 23).unwrap_err().kind,
        ErrorKind::FragmentSizeTooSmall(23)
    );
    // Small enough: unchanged.
    assert_eq!(split(&big, big.len()).unwrap(), vec![big.clone()]);
    // LocateRequest cannot be fragmented in 1.1.
    let lr = GiopMessage::new(
        GiopVersion::V1_1,
        LE,
        Message::LocateRequest(LocateRequest {
            request_id: 1,
            target: TargetAddress::Key(vec![0; 100]),
        }),
    )
    .encode()
    .unwrap();
    assert_eq!(
        split(&lr, 64).unwrap_err().kind,
        ErrorKind::CannotFragment {
            msg_type: MsgType::LOCATE_REQUEST,
            minor: 1
        }
    );
}

#[test]
fn parse_reply_refuses_other_messages() {
    let q = request(GiopVersion::V1_2, LE, 1, 0).encode().unwrap();
    assert_eq!(
        corba_giop::parse_reply(&q, &Limits::DEFAULT)
            .unwrap_err()
            .kind,
        ErrorKind::UnknownMessageType(MsgType::REQUEST)
    );
    let mut r = GiopMessage::new(
        GiopVersion::V1_2,
        LE,
        Message::Reply(Reply {
            request_id: 1,
            reply_status: ReplyStatus::NO_EXCEPTION,
            service_context: vec![],
            body: vec![1],
        }),
    );
    r.more_fragments = true;
    // The first part of a fragmented Reply parses, as GiopMessage::decode
    // accepts it (issue 15); its body is this part's octets.
    let bytes = r.encode().unwrap();
    let view = corba_giop::parse_reply(&bytes, &Limits::DEFAULT).unwrap();
    assert!(view.header.more_fragments);
    assert_eq!(view.body, &[1]);
}

#[test]
fn bad_ior_strings() {
    assert_eq!(
        Ior::from_ior_string("IOX:00").unwrap_err().kind,
        ErrorKind::IorPrefix
    );
    assert_eq!(
        Ior::from_ior_string("IOR:000").unwrap_err().kind,
        ErrorKind::IorHex
    );
    let e = Ior::from_ior_string("IOR:00zz").unwrap_err();
    assert_eq!((e.kind, e.offset), (ErrorKind::IorHex, 6));
    // Empty encapsulation, bad byte order, truncated content, trailing.
    assert!(matches!(
        Ior::from_ior_string("IOR:").unwrap_err().kind,
        ErrorKind::Cdr(_)
    ));
    assert_eq!(
        Ior::from_ior_string("IOR:02").unwrap_err().kind,
        ErrorKind::Cdr(corba_cdr::ErrorKind::InvalidByteOrder(2))
    );
    assert!(matches!(
        Ior::from_ior_string("IOR:0000000005").unwrap_err().kind,
        ErrorKind::Cdr(_)
    ));
    let ok = Ior::nil().to_ior_string(BE);
    Ior::from_ior_string(&ok).unwrap();
    assert!(matches!(
        Ior::from_ior_string(&format!("{ok}00")).unwrap_err().kind,
        ErrorKind::Cdr(corba_cdr::ErrorKind::TrailingBytes(1))
    ));
}

#[test]
fn bad_corbaloc_urls() {
    use corba_giop::Corbaloc;
    for bad in [
        "corbaloc:rir:/NameService",
        "corbaloc::host",
        "corbaloc::host:99999/k",
        "corbaloc::host:12a/k",
        "corbaloc:iiop:1.x@host/k",
        "corbaloc::[::1/k",
        "corbaloc::/k",
        "corbaloc::h/%zz",
        "corbaname::h/k",
    ] {
        assert!(
            matches!(
                Corbaloc::parse(bad).unwrap_err().kind,
                ErrorKind::BadCorbaloc(_)
            ),
            "{bad}"
        );
    }
}
