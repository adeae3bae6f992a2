//! GIOP 1.2 LocateReply bodies (issue 15): marshalled right after the
//! LocateReply header, at offset 20 (CORBA 3.x Part 2 §9.4.6.2; CORBA
//! 2.4/2.5's 8-octet alignment was withdrawn in 2.6), for OBJECT_FORWARD,
//! OBJECT_FORWARD_PERM, LOC_SYSTEM_EXCEPTION and LOC_NEEDS_ADDRESSING_MODE;
//! and omniORB's answers captured in corpus/giop/locate12.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Writer};
use corba_giop::{
    AddressingDisposition, CompletionStatus, GiopMessage, IiopProfile, IiopVersion, Ior, Limits,
    LocateReply, LocateStatus, Message, ReplyStatus, SystemException,
};

fn ior() -> Ior {
    Ior {
        type_id: "IDL:FragCap/Echo:1.0".into(),
        profiles: vec![IiopProfile {
            version: IiopVersion { major: 1, minor: 2 },
            host: "127.0.0.1".into(),
            port: 2809,
            object_key: b"k".to_vec(),
            components: vec![],
        }
        .to_profile(ByteOrder::LittleEndian)],
    }
}

#[test]
fn giop12_locate_reply_bodies_follow_the_header() {
    let ex = SystemException {
        exception_id: "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0".into(),
        minor_code_value: 7,
        completion_status: CompletionStatus::COMPLETED_NO,
    };
    for o in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        let enc = Encoding::new(o, GiopVersion::V1_2);
        let bodies = [
            (LocateStatus::OBJECT_FORWARD, ior().to_cdr_at(o, 20)),
            (LocateStatus::OBJECT_FORWARD_PERM, ior().to_cdr_at(o, 20)),
            (LocateStatus::LOC_SYSTEM_EXCEPTION, {
                let mut w = Writer::new(enc).with_origin(20);
                ex.write(&mut w);
                w.into_inner()
            }),
            (LocateStatus::LOC_NEEDS_ADDRESSING_MODE, {
                let mut w = Writer::new(enc).with_origin(20);
                w.write_short(AddressingDisposition::REFERENCE_ADDR.0);
                w.into_inner()
            }),
        ];
        for (st, body) in bodies {
            let m = GiopMessage::new(
                GiopVersion::V1_2,
                o,
                Message::LocateReply(LocateReply {
                    request_id: 3,
                    locate_status: st,
                    body: body.clone(),
                }),
            );
            let bytes = m.encode().unwrap();
            assert_eq!(
                &bytes[20..],
                &body[..],
                "{st:?}: no padding after the header"
            );
            let d = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
            assert_eq!(d, m);
            assert_eq!(d.body_offset().unwrap(), 20);
            let mut r = d.body_reader().unwrap().unwrap();
            match st {
                LocateStatus::LOC_SYSTEM_EXCEPTION => {
                    assert_eq!(SystemException::read(&mut r).unwrap(), ex)
                }
                LocateStatus::LOC_NEEDS_ADDRESSING_MODE => {
                    assert_eq!(
                        r.read_short().unwrap(),
                        AddressingDisposition::REFERENCE_ADDR.0
                    )
                }
                _ => assert_eq!(Ior::read(&mut r).unwrap(), ior()),
            }
            assert!(r.is_empty());
        }
    }
}

fn corpus(path: &str) -> GiopMessage {
    let p = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/giop/locate12")
        .join(path);
    let bytes = std::fs::read(p).unwrap();
    let m = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
    assert_eq!(m.encode().unwrap(), bytes);
    m
}

/// omniORB 4.2.5 answers a LocateRequest for an object of a servant-locator
/// POA with OBJECT_HERE without asking the locator; the ForwardRequest and
/// OBJECT_NOT_EXIST come only with the Request (as a LOCATION_FORWARD or
/// SYSTEM_EXCEPTION Reply).
#[test]
fn omniorb_locate_to_a_servant_locator_poa() {
    for dir in ["forward", "system_exception"] {
        let Message::LocateReply(lr) = corpus(&format!("{dir}/s2c-00-LocateReply.giop")).message
        else {
            panic!("not a LocateReply")
        };
        assert_eq!(lr.locate_status, LocateStatus::OBJECT_HERE);
        assert!(lr.body.is_empty());
    }
    let fwd = corpus("forward/s2c-01-Reply.giop");
    let Message::Reply(r) = &fwd.message else {
        panic!("not a Reply")
    };
    assert_eq!(r.reply_status, ReplyStatus::LOCATION_FORWARD);
    let ior = Ior::read(&mut fwd.body_reader().unwrap().unwrap()).unwrap();
    assert_eq!(ior.type_id, "IDL:FragCap/Echo:1.0");
    let ex = corpus("system_exception/s2c-01-Reply.giop");
    let ex = SystemException::read(&mut ex.body_reader().unwrap().unwrap()).unwrap();
    assert_eq!(ex.exception_id, "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0");
    assert_eq!(ex.minor_code_value, 7);
}
