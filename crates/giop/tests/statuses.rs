//! Reply and LocateReply statuses with their bodies: system exceptions,
//! LOCATION_FORWARD(_PERM), NEEDS_ADDRESSING_MODE; through the general
//! decoder and through `parse_reply`.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Writer};
use corba_giop::{
    parse_reply, AddressingDisposition, CompletionStatus, GiopMessage, IiopProfile, IiopVersion,
    Ior, Limits, LocateReply, LocateStatus, Message, Reply, ReplyStatus, SystemException,
};

fn forward_ior() -> Ior {
    Ior {
        type_id: "IDL:test/Forwarded:1.0".into(),
        profiles: vec![IiopProfile {
            version: IiopVersion::V1_2,
            host: "127.0.0.1".into(),
            port: 4242,
            object_key: b"moved".to_vec(),
            components: vec![],
        }
        .to_profile(ByteOrder::BigEndian)],
    }
}

/// A Reply with `status` whose body is written by `body`, aligned as in
/// the message.
fn reply(v: GiopVersion, o: ByteOrder, status: ReplyStatus, body: impl Fn(&mut Writer)) -> Vec<u8> {
    let mut m = GiopMessage::new(
        v,
        o,
        Message::Reply(Reply {
            request_id: 77,
            reply_status: status,
            service_context: vec![],
            body: vec![0],
        }),
    );
    let off = m.body_offset().unwrap();
    let mut w = Writer::new(Encoding::new(o, v)).with_origin(off);
    body(&mut w);
    if let Message::Reply(r) = &mut m.message {
        r.body = w.into_inner();
    }
    m.encode().unwrap()
}

#[test]
fn system_exception_replies() {
    let ex = SystemException {
        exception_id: "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0".into(),
        minor_code_value: 0x4f4d_0001,
        completion_status: CompletionStatus::COMPLETED_NO,
    };
    for v in GiopVersion::ALL {
        for o in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let bytes = reply(v, o, ReplyStatus::SYSTEM_EXCEPTION, |w| ex.write(w));
            let view = parse_reply(&bytes, &Limits::DEFAULT).unwrap();
            assert_eq!(view.request_id, 77);
            assert_eq!(view.reply_status, ReplyStatus::SYSTEM_EXCEPTION);
            assert_eq!(view.system_exception().unwrap(), ex);
            let m = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
            let got = SystemException::read(&mut m.body_reader().unwrap().unwrap()).unwrap();
            assert_eq!(got, ex);
            assert_eq!(format!("{:?}", got.completion_status), "COMPLETED_NO");
        }
    }
}

#[test]
fn location_forward_replies() {
    let ior = forward_ior();
    for v in GiopVersion::ALL {
        let statuses: &[ReplyStatus] = if v.minor >= 2 {
            &[
                ReplyStatus::LOCATION_FORWARD,
                ReplyStatus::LOCATION_FORWARD_PERM,
            ]
        } else {
            &[ReplyStatus::LOCATION_FORWARD]
        };
        for &st in statuses {
            let bytes = reply(v, ByteOrder::LittleEndian, st, |w| ior.write(w));
            let view = parse_reply(&bytes, &Limits::DEFAULT).unwrap();
            assert_eq!(view.reply_status, st);
            let fwd = view.forward_ior().unwrap();
            assert_eq!(fwd, ior);
            let p = IiopProfile::decode(&fwd.profiles[0]).unwrap();
            assert_eq!((p.host.as_str(), p.port), ("127.0.0.1", 4242));
        }
    }
}

#[test]
fn needs_addressing_mode() {
    let bytes = reply(
        GiopVersion::V1_2,
        ByteOrder::BigEndian,
        ReplyStatus::NEEDS_ADDRESSING_MODE,
        |w| w.write_short(AddressingDisposition::REFERENCE_ADDR.0),
    );
    let view = parse_reply(&bytes, &Limits::DEFAULT).unwrap();
    assert_eq!(view.reply_status, ReplyStatus::NEEDS_ADDRESSING_MODE);
    assert_eq!(
        view.addressing_mode().unwrap(),
        AddressingDisposition::REFERENCE_ADDR
    );
    // GIOP 1.2 bodies start on 8.
    assert_eq!(view.body_offset % 8, 0);
    // An unknown status survives and prints as a number.
    let bytes = reply(
        GiopVersion::V1_2,
        ByteOrder::BigEndian,
        ReplyStatus(9),
        |_| {},
    );
    let view = parse_reply(&bytes, &Limits::DEFAULT).unwrap();
    assert_eq!(format!("{:?}", view.reply_status), "ReplyStatus(0x9)");
}

#[test]
fn locate_reply_bodies() {
    let ior = forward_ior();
    for v in GiopVersion::ALL {
        let o = ByteOrder::BigEndian;
        let mut m = GiopMessage::new(
            v,
            o,
            Message::LocateReply(LocateReply {
                request_id: 5,
                locate_status: LocateStatus::OBJECT_FORWARD,
                body: vec![0],
            }),
        );
        let off = m.body_offset().unwrap();
        // The body follows the header immediately in every version
        // (§9.4.6.2): no 8-octet alignment, unlike Request and Reply.
        assert_eq!(off, 20);
        let mut w = Writer::new(Encoding::new(o, v)).with_origin(off);
        ior.write(&mut w);
        if let Message::LocateReply(r) = &mut m.message {
            r.body = w.into_inner();
        }
        let bytes = m.encode().unwrap();
        let back = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
        assert_eq!(back, m);
        assert_eq!(
            Ior::read(&mut back.body_reader().unwrap().unwrap()).unwrap(),
            ior
        );
    }
}
