//! The Ada backend's GIOP 1.0-1.2 Request and Reply messages against
//! corba-giop, in both byte orders (issue 6): Ada's bytes decode with
//! corba-giop to the same fields and re-encode to the same bytes, and Ada
//! decodes corba-giop's messages. Cases per property: `PROPTEST_CASES`.

mod common;

use common::order_of;
use corba_cdr::GiopVersion;
use corba_giop::{
    GiopMessage, Limits, Message, ReplyStatus, Request, ServiceContext, ServiceId, TargetAddress,
};
use legacy_ada::{giop_reply_decode, giop_reply_encode, giop_request_decode, giop_request_encode};
use proptest::prelude::*;

/// A body as a 1.2 body must be: its own CDR, aligned from its start.
fn body() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..40)
}

/// Service contexts as (id, context_data).
fn contexts() -> impl Strategy<Value = Vec<(u32, Vec<u8>)>> {
    proptest::collection::vec(
        (any::<u32>(), proptest::collection::vec(any::<u8>(), 0..12)),
        0..3,
    )
}

fn giop_contexts(c: &[(u32, Vec<u8>)]) -> Vec<ServiceContext> {
    c.iter()
        .map(|(id, data)| ServiceContext {
            id: ServiceId(*id),
            data: data.clone(),
        })
        .collect()
}

fn operation() -> impl Strategy<Value = String> {
    "[a-z_][a-z0-9_]{0,15}"
}

proptest! {
    #[test]
    fn requests(id: u32, flags in 0u8..4, key in proptest::collection::vec(any::<u8>(), 0..20),
                op in operation(), body in body(), sc in contexts(), le: bool, minor in 0u8..3) {
        let order = order_of(le);
        let giop = GiopVersion { major: 1, minor };
        // 1.0/1.1 carry a boolean response_expected.
        let flags = if minor < 2 { u8::from(flags != 0) } else { flags };
        let ada_req = legacy_ada::Request {
            request_id: id,
            response_flags: flags,
            object_key: key.clone(),
            operation: op.clone(),
            service_contexts: sc.clone(),
            service_context_count: 0,
            body: body.clone(),
        };
        let mut bytes = Vec::new();
        giop_request_encode(&ada_req, order.flag(), minor, &mut bytes).unwrap();
        let m = GiopMessage::decode(&bytes, &Limits::default())
            .map_err(|e| TestCaseError::fail(format!("corba-giop rejects Ada's request {bytes:02x?}: {e}")))?;
        prop_assert_eq!(m.version, giop);
        prop_assert_eq!(m.order, order);
        let Message::Request(r) = &m.message else { return Err(TestCaseError::fail("not a Request")); };
        prop_assert_eq!(r.request_id, id);
        prop_assert_eq!(r.response_flags, flags);
        prop_assert_eq!(&r.target, &TargetAddress::Key(key.clone()));
        prop_assert_eq!(&r.operation, &op);
        prop_assert_eq!(&r.body, &body);
        prop_assert_eq!(&r.service_context, &giop_contexts(&sc));
        prop_assert_eq!(m.encode().unwrap(), bytes.clone(), "corba-giop re-encodes differently");

        let rust = GiopMessage::new(giop, order, Message::Request(Request {
            request_id: id,
            response_flags: flags,
            reserved: [0; 3],
            target: TargetAddress::Key(key),
            operation: op,
            requesting_principal: Vec::new(),
            service_context: giop_contexts(&sc),
            body,
        })).encode().unwrap();
        prop_assert_eq!(&rust, &bytes, "Ada and corba-giop bytes differ");
        let (back, o, mi) = giop_request_decode(&rust).unwrap();
        prop_assert_eq!((o, mi), (order.flag(), minor));
        prop_assert_eq!(back.service_context_count as usize, sc.len());
        prop_assert_eq!(back, legacy_ada::Request { service_contexts: Vec::new(), service_context_count: sc.len() as u32, ..ada_req });
    }

    #[test]
    fn replies(id: u32, status in 0u32..6, body in body(), sc in contexts(), le: bool, minor in 0u8..3) {
        let order = order_of(le);
        let giop = GiopVersion { major: 1, minor };
        // LOCATION_FORWARD_PERM and NEEDS_ADDRESSING_MODE exist from 1.2.
        let status = if minor < 2 { status % 4 } else { status };
        let ada_rep = legacy_ada::Reply {
            request_id: id,
            reply_status: status,
            service_contexts: sc.clone(),
            service_context_count: 0,
            body: body.clone(),
        };
        let mut bytes = Vec::new();
        giop_reply_encode(&ada_rep, order.flag(), minor, &mut bytes).unwrap();
        let rust = GiopMessage::new(giop, order, Message::Reply(corba_giop::Reply {
            request_id: id,
            reply_status: ReplyStatus(status),
            service_context: giop_contexts(&sc),
            body,
        })).encode().unwrap();
        prop_assert_eq!(&rust, &bytes, "Ada and corba-giop bytes differ");
        let m = GiopMessage::decode(&bytes, &Limits::default()).unwrap();
        prop_assert!(matches!(m.message, Message::Reply(_)));
        let (back, o, mi) = giop_reply_decode(&rust).unwrap();
        prop_assert_eq!((o, mi), (order.flag(), minor));
        prop_assert_eq!(back, legacy_ada::Reply { service_contexts: Vec::new(), service_context_count: sc.len() as u32, ..ada_rep });
    }
}

/// Malformed messages: bad magic, version, type, size, truncation; each an
/// error status.
#[test]
fn bad_messages_are_rejected_with_a_status() {
    let mut good = Vec::new();
    giop_request_encode(
        &legacy_ada::Request {
            request_id: 7,
            response_flags: 3,
            object_key: b"key".to_vec(),
            operation: "op".into(),
            service_contexts: vec![(1, vec![0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 9])],
            service_context_count: 0,
            body: vec![1, 2, 3, 4],
        },
        0,
        2,
        &mut good,
    )
    .unwrap();
    assert!(giop_request_decode(&good).is_ok());
    let corrupt = |i: usize, v: u8| {
        let mut b = good.clone();
        b[i] = v;
        b
    };
    for (bytes, what) in [
        (corrupt(0, b'X'), "bad magic"),
        (corrupt(4, 2), "major version 2"),
        (corrupt(5, 9), "minor version 9"),
        (corrupt(6, 0x80), "reserved flag bits"),
        (corrupt(7, 1), "a Reply where a Request is expected"),
        (corrupt(11, 0xff), "size larger than the message"),
        (corrupt(8, 0x7f), "huge size"),
    ] {
        assert!(giop_request_decode(&bytes).is_err(), "{what} accepted");
    }
    for n in 0..good.len() {
        assert!(
            giop_request_decode(&good[..n]).is_err(),
            "prefix {n} accepted"
        );
    }
    assert!(
        giop_reply_decode(&good).is_err(),
        "a Request read as a Reply"
    );
}
