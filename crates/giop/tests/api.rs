//! The protocol-user API of issue 15: user exception ids, principals and
//! SYNC_WITH_SERVER in `RequestBuilder`, padding with positions, fragmented
//! first parts in `parse_reply`, IORs at any stream origin.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_giop::{
    response_flags, GiopMessage, IiopProfile, IiopVersion, Ior, Limits, Message, Reply,
    ReplyBuilder, ReplyStatus, RequestBuilder,
};

const ORDERS: [ByteOrder; 2] = [ByteOrder::BigEndian, ByteOrder::LittleEndian];
const VERSIONS: [GiopVersion; 3] = [GiopVersion::V1_0, GiopVersion::V1_1, GiopVersion::V1_2];

#[test]
fn user_exception_repository_id_and_members() {
    for order in ORDERS {
        for v in VERSIONS {
            let msg = ReplyBuilder::new(v, order, 9, ReplyStatus::USER_EXCEPTION).encode_with(
                Vec::new(),
                |w| {
                    w.write_string_bytes(b"IDL:omg.org/CosNaming/NamingContext/NotFound:1.0");
                    w.write_ulong(1);
                    w.write_double(2.5);
                },
            );
            let view = corba_giop::parse_reply(&msg, &Limits::DEFAULT).unwrap();
            assert_eq!(
                view.user_exception_id().unwrap(),
                "IDL:omg.org/CosNaming/NamingContext/NotFound:1.0"
            );
            let (_, mut r) = view.user_exception().unwrap();
            assert_eq!(r.read_ulong().unwrap(), 1);
            assert_eq!(r.read_double().unwrap(), 2.5);
            assert!(r.is_empty());
        }
    }
}

#[test]
fn principal_and_sync_with_server() {
    for order in ORDERS {
        for v in VERSIONS {
            let b = RequestBuilder::new(v, order, 5, b"key", "op")
                .with_principal(b"alice")
                .sync_with_server();
            let m = GiopMessage::decode(&b.encode(&[]), &Limits::DEFAULT).unwrap();
            let Message::Request(req) = m.message else {
                panic!("not a request")
            };
            if v.minor < 2 {
                assert_eq!(req.requesting_principal, b"alice");
                assert_eq!(req.response_flags, 1, "response_expected TRUE");
            } else {
                assert!(req.requesting_principal.is_empty());
                assert_eq!(req.response_flags, response_flags::SYNC_WITH_SERVER);
            }
            // The body offset accounts for the principal.
            let with_body = b.encode_with(Vec::new(), |w| w.write_ulong(7));
            assert_eq!(
                b.body_offset(),
                GiopMessage::decode(&with_body, &Limits::DEFAULT)
                    .unwrap()
                    .body_offset()
                    .unwrap()
            );
            let m = GiopMessage::decode(&with_body, &Limits::DEFAULT).unwrap();
            assert_eq!(m.body_reader().unwrap().unwrap().read_ulong().unwrap(), 7);
        }
    }
    let plain = RequestBuilder::new(GiopVersion::V1_2, ByteOrder::BigEndian, 5, b"k", "op");
    assert_eq!(plain.encode(&[])[16], response_flags::SYNC_WITH_TARGET);
}

#[test]
fn padding_with_positions() {
    let b = RequestBuilder::new(
        GiopVersion::V1_2,
        ByteOrder::LittleEndian,
        3,
        b"abcde",
        "go",
    );
    let mut msg = b.encode_with(Vec::new(), |w| w.write_ulong(1));
    let m = GiopMessage::decode(&msg, &Limits::DEFAULT).unwrap();
    let zeros = m.padding_at().unwrap();
    assert!(!zeros.is_empty());
    assert!(zeros
        .iter()
        .all(|(r, o)| o.len() == r.len() && o.iter().all(|&x| x == 0)));
    // Mark every padding octet with its own position and decode again.
    for (r, _) in &zeros {
        for i in r.clone() {
            msg[i] = i as u8;
        }
    }
    let m = GiopMessage::decode(&msg, &Limits::DEFAULT).unwrap();
    let marked = m.padding_at().unwrap();
    assert_eq!(marked.len(), zeros.len());
    for (r, o) in &marked {
        assert_eq!(o, &msg[r.clone()]);
        assert!(r.clone().zip(o).all(|(i, &x)| x == i as u8));
    }
    assert_eq!(m.encode().unwrap(), msg);
}

#[test]
fn parse_reply_accepts_a_first_part_like_decode() {
    for order in ORDERS {
        for v in [GiopVersion::V1_1, GiopVersion::V1_2] {
            let mut r = GiopMessage::new(
                v,
                order,
                Message::Reply(Reply {
                    request_id: 4,
                    reply_status: ReplyStatus::NO_EXCEPTION,
                    service_context: vec![],
                    body: vec![1, 2, 3, 4, 5, 6, 7, 8],
                }),
            );
            r.more_fragments = true;
            let bytes = r.encode().unwrap();
            let decoded = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
            let view = corba_giop::parse_reply(&bytes, &Limits::DEFAULT).unwrap();
            assert!(view.header.more_fragments && decoded.more_fragments);
            assert_eq!(view.request_id, 4);
            assert_eq!(Some(view.body), decoded.message.body());
            assert_eq!(view.body_offset, decoded.body_offset().unwrap());
        }
    }
}

#[test]
fn ior_at_any_origin() {
    let ior = Ior {
        type_id: "IDL:x:1.0".into(),
        profiles: vec![IiopProfile {
            version: IiopVersion { major: 1, minor: 2 },
            host: "h".into(),
            port: 2809,
            object_key: b"key".to_vec(),
            components: vec![],
        }
        .to_profile(ByteOrder::BigEndian)],
    };
    for order in ORDERS {
        for origin in 0..8 {
            let bytes = ior.to_cdr_at(order, origin);
            // The same octets as writing it inside a stream at `origin`.
            let mut w = Writer::new(Encoding::new(order, GiopVersion::V1_2));
            w.write_bytes(&vec![0xee; origin]);
            ior.write(&mut w);
            let whole = w.into_inner();
            assert_eq!(&whole[origin..], &bytes[..]);
            let mut r =
                Reader::new(&bytes, Encoding::new(order, GiopVersion::V1_2)).with_origin(origin);
            assert_eq!(Ior::read(&mut r).unwrap(), ior);
            assert!(r.is_empty());
        }
        assert_eq!(ior.to_cdr_at(order, 0), ior.to_cdr(order));
    }
}
