//! proptest round trips: every message type in every GIOP version and byte
//! order; fragmentation and reassembly; IORs, profiles, corbaloc URLs; and
//! arbitrary input never panics.

use corba_cdr::{ByteOrder, CodeSetId, Encoding, GiopVersion, Reader, Writer};
use corba_giop::fragment::split;
use corba_giop::ior::{decode_multiple_components, multiple_components_profile};
use corba_giop::{
    CancelRequest, CodeSetComponent, CodeSetComponentInfo, CodeSetContext, ComponentId, Corbaloc,
    Fragment, GiopMessage, Header, IiopAddress, IiopProfile, IiopVersion, Ior, KnownContext,
    Limits, ListenPoint, LocateReply, LocateRequest, LocateStatus, Message, MessageReader, MsgType,
    ProfileId, Reply, ReplyStatus, Request, RequestBuilder, ServiceContext, ServiceId,
    TaggedComponent, TaggedProfile, TargetAddress,
};
use proptest::prelude::*;

fn order() -> impl Strategy<Value = ByteOrder> {
    prop_oneof![Just(ByteOrder::BigEndian), Just(ByteOrder::LittleEndian)]
}

fn version() -> impl Strategy<Value = GiopVersion> {
    prop_oneof![
        Just(GiopVersion::V1_0),
        Just(GiopVersion::V1_1),
        Just(GiopVersion::V1_2)
    ]
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

fn ascii(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[ -~]{{0,{max}}}")).unwrap()
}

fn latin1(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(1u8..=255, 0..max)
        .prop_map(|v| v.into_iter().map(char::from).collect())
}

fn tagged_profile() -> impl Strategy<Value = TaggedProfile> {
    (any::<u32>(), bytes(24)).prop_map(|(t, d)| TaggedProfile {
        tag: ProfileId(t),
        data: d,
    })
}

fn ior() -> impl Strategy<Value = Ior> {
    (ascii(40), proptest::collection::vec(tagged_profile(), 0..3))
        .prop_map(|(type_id, profiles)| Ior { type_id, profiles })
}

fn service_context() -> impl Strategy<Value = ServiceContext> {
    prop_oneof![
        (any::<u32>(), bytes(20)).prop_map(|(id, data)| ServiceContext {
            id: ServiceId(id),
            data
        }),
        (order(), any::<u32>(), any::<u32>()).prop_map(|(o, c, w)| ServiceContext::code_sets(
            o,
            CodeSetContext {
                char_data: CodeSetId(c),
                wchar_data: CodeSetId(w)
            }
        )),
    ]
}

fn contexts() -> impl Strategy<Value = Vec<ServiceContext>> {
    proptest::collection::vec(service_context(), 0..3)
}

fn target(v: GiopVersion) -> BoxedStrategy<TargetAddress> {
    if v.minor < 2 {
        bytes(30).prop_map(TargetAddress::Key).boxed()
    } else {
        prop_oneof![
            bytes(30).prop_map(TargetAddress::Key),
            tagged_profile().prop_map(TargetAddress::Profile),
            (any::<u32>(), ior()).prop_map(|(i, ior)| TargetAddress::Reference {
                selected_profile_index: i,
                ior
            }),
        ]
        .boxed()
    }
}

/// A message valid for version `v` (fields that do not exist in `v` keep
/// the values a decoder gives them).
fn message(v: GiopVersion) -> BoxedStrategy<Message> {
    let m = v.minor;
    let request = (
        any::<u32>(),
        if m < 2 {
            (0u8..=1).boxed()
        } else {
            any::<u8>().boxed()
        },
        if m == 0 {
            Just([0u8; 3]).boxed()
        } else {
            any::<[u8; 3]>().boxed()
        },
        target(v),
        latin1(20),
        if m < 2 {
            bytes(10).boxed()
        } else {
            Just(Vec::new()).boxed()
        },
        contexts(),
        bytes(40),
    )
        .prop_map(
            |(request_id, response_flags, reserved, target, operation, principal, sc, body)| {
                Message::Request(Request {
                    request_id,
                    response_flags,
                    reserved,
                    target,
                    operation,
                    requesting_principal: principal,
                    service_context: sc,
                    body,
                })
            },
        );
    let reply =
        (any::<u32>(), 0u32..7, contexts(), bytes(40)).prop_map(|(request_id, st, sc, body)| {
            Message::Reply(Reply {
                request_id,
                reply_status: ReplyStatus(st),
                service_context: sc,
                body,
            })
        });
    let cancel =
        any::<u32>().prop_map(|request_id| Message::CancelRequest(CancelRequest { request_id }));
    let locate = (any::<u32>(), target(v)).prop_map(|(request_id, target)| {
        Message::LocateRequest(LocateRequest { request_id, target })
    });
    let locate_reply = (any::<u32>(), 0u32..7, bytes(30)).prop_map(|(request_id, st, body)| {
        Message::LocateReply(LocateReply {
            request_id,
            locate_status: LocateStatus(st),
            body,
        })
    });
    let fragment = (any::<u32>(), bytes(40)).prop_map(move |(id, data)| {
        Message::Fragment(Fragment {
            request_id: if m >= 2 { Some(id) } else { None },
            data,
        })
    });
    let mut options = vec![
        request.boxed(),
        reply.boxed(),
        cancel.boxed(),
        locate.boxed(),
        locate_reply.boxed(),
        Just(Message::CloseConnection).boxed(),
        Just(Message::MessageError).boxed(),
    ];
    if m >= 1 {
        options.push(fragment.boxed());
    }
    proptest::strategy::Union::new(options).boxed()
}

fn giop_message() -> impl Strategy<Value = GiopMessage> {
    (version(), order(), any::<bool>()).prop_flat_map(|(v, o, mf)| {
        message(v).prop_map(move |msg| {
            let more = mf && msg.msg_type().fragmentable(v.minor);
            GiopMessage {
                version: v,
                order: o,
                more_fragments: more,
                message: msg,
                padding: None,
            }
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    /// Every message type × version × byte order: encode, decode, compare;
    /// the header agrees; bodies of GIOP 1.2 start on 8.
    #[test]
    fn message_round_trip(m in giop_message()) {
        let bytes = m.encode().unwrap();
        let h = Header::parse(&bytes, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(h, m.header().unwrap());
        prop_assert_eq!(h.message_len(), bytes.len());
        prop_assert_eq!(h.msg_type, m.message.msg_type());
        let back = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(back.encode().unwrap(), bytes.clone());
        if let Some(body) = m.message.body() {
            let off = m.body_offset().unwrap();
            prop_assert_eq!(&bytes[off..], body);
            let t = m.message.msg_type();
            if m.version.minor >= 2 && !body.is_empty() && (t == MsgType::REQUEST || t == MsgType::REPLY) {
                prop_assert_eq!(off % 8, 0);
            }
        }
    }

    /// Padding recorded from the wire goes back where it came from: fill
    /// the padding octets with `fill`; the message decodes the same, records
    /// the padding and re-encodes byte for byte; without the record it
    /// encodes with zeros again.
    #[test]
    fn nonzero_padding_survives(m in giop_message(), fill in 1u8..=255) {
        let bytes = m.encode().unwrap();
        let ranges = m.padding_ranges().unwrap();
        let mut trial = bytes.clone();
        for r in &ranges {
            trial[r.clone()].fill(fill);
        }
        let d = GiopMessage::decode(&trial, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(&d.message, &m.message);
        prop_assert_eq!(d.padding.is_some(), !ranges.is_empty());
        prop_assert!(d.encode().unwrap() == trial);
        let mut z = d.clone();
        z.padding = None;
        prop_assert!(z.encode().unwrap() == bytes);
    }

    /// Split at any size, feed the parts in any chunking, get the message
    /// back; parts respect the size and (GIOP 1.2) the multiple-of-8 rule.
    #[test]
    fn fragment_and_reassemble(
        v in prop_oneof![Just(GiopVersion::V1_1), Just(GiopVersion::V1_2)],
        o in order(),
        id in any::<u32>(),
        body in bytes(3000),
        size in 24usize..600,
        chunk in 1usize..700,
        reply in any::<bool>(),
    ) {
        let msg = if reply {
            GiopMessage::new(v, o, Message::Reply(Reply {
                request_id: id, reply_status: ReplyStatus::NO_EXCEPTION, service_context: vec![], body,
            }))
        } else {
            GiopMessage::new(v, o, Message::Request(Request {
                request_id: id, response_flags: 1, reserved: [0; 3],
                target: TargetAddress::Key(b"key".to_vec()), operation: "op".into(),
                requesting_principal: vec![], service_context: vec![], body,
            }))
        };
        let bytes = msg.encode().unwrap();
        let parts = split(&bytes, size).unwrap();
        for (i, p) in parts.iter().enumerate() {
            prop_assert!(p.len() <= size.max(bytes.len().min(size)));
            let h = Header::parse(p, &Limits::DEFAULT).unwrap();
            prop_assert_eq!(h.more_fragments, i + 1 < parts.len());
            if i > 0 {
                prop_assert_eq!(h.msg_type, MsgType::FRAGMENT);
                let f = GiopMessage::decode(p, &Limits::DEFAULT).unwrap();
                let Message::Fragment(f) = f.message else { panic!() };
                prop_assert_eq!(f.request_id, if v.minor >= 2 { Some(id) } else { None });
            }
            if i + 1 < parts.len() {
                // 1.2: parts are multiples of 8. 1.1: Fragment data lands
                // at ≡ 4 (mod 8) of the whole message.
                let (len, want) = match (i, v.minor) {
                    (0, 2) => (p.len(), 0),
                    (_, 2) => (p.len() - 16, 0),
                    (0, _) => (p.len(), 4),
                    _ => (p.len() - 12, 0),
                };
                prop_assert_eq!(len % 8, want);
            }
        }
        let stream: Vec<u8> = parts.concat();
        let mut rd = MessageReader::new(Limits::DEFAULT);
        let mut out = Vec::new();
        for c in stream.chunks(chunk) {
            rd.feed(c);
            while let Some(f) = rd.next_frame().unwrap() { out.push(f); }
        }
        prop_assert_eq!(out.len(), 1);
        prop_assert!(out[0].bytes == bytes);
        prop_assert!(out[0].alignment_exact());
        prop_assert_eq!(out[0].fragment_starts.is_empty(), v.minor >= 2 || parts.len() == 1);
        prop_assert!(rd.is_idle());
    }

    /// GIOP 1.2 fragments of several requests interleave freely.
    #[test]
    fn interleaved_giop12_fragments(
        bodies in proptest::collection::vec(bytes(400), 1..5),
        o in order(),
        seed in any::<u64>(),
    ) {
        let msgs: Vec<Vec<u8>> = bodies.iter().enumerate().map(|(i, b)| {
            GiopMessage::new(GiopVersion::V1_2, o, Message::Request(Request {
                request_id: i as u32 * 7 + 1, response_flags: 3, reserved: [0; 3],
                target: TargetAddress::Key(vec![i as u8]), operation: "x".into(),
                requesting_principal: vec![], service_context: vec![], body: b.clone(),
            })).encode().unwrap()
        }).collect();
        let mut queues: Vec<std::collections::VecDeque<Vec<u8>>> =
            msgs.iter().map(|m| split(m, 64).unwrap().into()).collect();
        let mut rng = seed;
        let mut rd = MessageReader::new(Limits::DEFAULT);
        let mut got = Vec::new();
        while queues.iter().any(|q| !q.is_empty()) {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let live: Vec<usize> = (0..queues.len()).filter(|&i| !queues[i].is_empty()).collect();
            let q = live[(rng >> 33) as usize % live.len()];
            rd.feed(&queues[q].pop_front().unwrap());
            while let Some(f) = rd.next_frame().unwrap() { got.push(f.bytes); }
        }
        got.sort();
        let mut want = msgs.clone();
        want.sort();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn ior_string_round_trip(i in ior(), o in order(), upper in any::<bool>()) {
        let s = i.to_ior_string(o);
        let s = if upper { s.to_ascii_uppercase() } else { s };
        prop_assert_eq!(Ior::from_ior_string(&s).unwrap(), i);
    }

    #[test]
    fn iiop_profile_round_trip(
        minor in 0u8..4, host in ascii(30), port in any::<u16>(), key in bytes(40),
        o in order(), co in order(), orb in any::<u32>(),
        alt in proptest::collection::vec((ascii(20), any::<u16>()), 0..3),
        native in any::<u32>(), conv in proptest::collection::vec(any::<u32>(), 0..4),
    ) {
        let mut components = Vec::new();
        if minor >= 1 {
            components.push(TaggedComponent::new_orb_type(co, orb));
            let info = CodeSetComponentInfo {
                for_char_data: CodeSetComponent {
                    native_code_set: CodeSetId(native),
                    conversion_code_sets: conv.iter().map(|&c| CodeSetId(c)).collect(),
                },
                for_wchar_data: CodeSetComponent { native_code_set: CodeSetId::UTF_16, conversion_code_sets: vec![] },
            };
            components.push(TaggedComponent::new_code_sets(co, &info));
            for (h, p) in &alt {
                components.push(TaggedComponent::new_alternate_iiop_address(co, h, *p));
            }
        }
        let p = IiopProfile { version: IiopVersion { major: 1, minor }, host, port, object_key: key, components };
        let tp = p.to_profile(o);
        let back = IiopProfile::decode(&tp).unwrap();
        prop_assert_eq!(&back, &p);
        if minor >= 1 {
            prop_assert_eq!(back.component(ComponentId::TAG_ORB_TYPE).unwrap().orb_type().unwrap(), orb);
            let cs = back.component(ComponentId::TAG_CODE_SETS).unwrap().code_sets().unwrap();
            prop_assert_eq!(cs.for_char_data.native_code_set, CodeSetId(native));
            let alts: Vec<(String, u16)> = back.components.iter()
                .filter(|c| c.tag == ComponentId::TAG_ALTERNATE_IIOP_ADDRESS)
                .map(|c| c.alternate_iiop_address().unwrap()).collect();
            prop_assert_eq!(alts, alt);
            let mc = multiple_components_profile(o, &p.components);
            prop_assert_eq!(decode_multiple_components(&mc).unwrap(), p.components.clone());
        }
        let ior = Ior { type_id: "IDL:x:1.0".into(), profiles: vec![tp] };
        prop_assert_eq!(Ior::from_ior_string(&ior.to_ior_string(o)).unwrap(), ior);
    }

    #[test]
    fn known_service_contexts_round_trip(
        o in order(),
        points in proptest::collection::vec((ascii(20), any::<u16>()), 0..4),
        i in ior(),
    ) {
        let lps: Vec<ListenPoint> = points.iter().map(|(h, p)| ListenPoint { host: h.clone(), port: *p }).collect();
        let sc = ServiceContext::bi_dir_iiop(o, &lps);
        prop_assert_eq!(sc.decode().unwrap(), Some(KnownContext::BiDirIiop(lps)));
        let sc = ServiceContext::sending_context_run_time(o, &i);
        prop_assert_eq!(sc.decode().unwrap(), Some(KnownContext::SendingContextRunTime(i)));
    }

    #[test]
    fn corbaloc_round_trip(
        addrs in proptest::collection::vec((0u8..3, "[a-z][a-z0-9.-]{0,15}", any::<u16>(), any::<bool>()), 1..4),
        key in bytes(30),
    ) {
        let c = Corbaloc {
            addresses: addrs.iter().map(|(m, h, p, v6)| IiopAddress {
                version: IiopVersion { major: 1, minor: *m },
                host: if *v6 { format!("fe80::{}", p) } else { h.clone() },
                port: *p,
            }).collect(),
            object_key: key,
        };
        let s = c.to_string();
        prop_assert_eq!(Corbaloc::parse(&s).unwrap(), c);
    }

    /// The harness API: a Request built with arguments in place decodes to
    /// the same fields, and its arguments read back.
    #[test]
    fn request_builder_matches_decoder(
        v in version(), o in order(), id in any::<u32>(), key in bytes(300),
        op in "[a-z_]{1,20}", args in proptest::collection::vec(any::<i64>(), 0..5),
        oneway in any::<bool>(), sc in contexts(),
    ) {
        let mut b = RequestBuilder::new(v, o, id, &key, &op).with_service_context(&sc);
        if oneway { b = b.oneway(); }
        let msg = b.encode_with(Vec::new(), |w| {
            for a in &args { w.write_octet(1); w.write_longlong(*a); }
        });
        let m = GiopMessage::decode(&msg, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(m.encode().unwrap(), msg.clone());
        let Message::Request(r) = &m.message else { panic!() };
        prop_assert_eq!(r.request_id, id);
        prop_assert_eq!(&r.target, &TargetAddress::Key(key.clone()));
        prop_assert_eq!(&r.operation, &op);
        prop_assert_eq!(&r.service_context, &sc);
        let expected_flags = match (v.minor, oneway) { (0 | 1, o) => u8::from(!o), (_, false) => 3, (_, true) => 0 };
        prop_assert_eq!(r.response_flags, expected_flags);
        if !args.is_empty() {
            prop_assert_eq!(m.body_offset().unwrap(), b.body_offset());
        }
        let mut rd = m.body_reader().unwrap().unwrap();
        for a in &args {
            prop_assert_eq!(rd.read_octet().unwrap(), 1);
            prop_assert_eq!(rd.read_longlong().unwrap(), *a);
        }
        rd.finish().unwrap();
        // A body marshalled separately for body_offset() gives the same
        // message.
        let mut w = Writer::new(Encoding::new(o, v)).with_origin(b.body_offset());
        for a in &args { w.write_octet(1); w.write_longlong(*a); }
        prop_assert_eq!(b.encode(&w.into_inner()), msg);
    }

    /// ReplyBuilder output decodes with parse_reply and the general decoder.
    #[test]
    fn reply_builder_round_trip(v in version(), o in order(), id in any::<u32>(), st in 0u32..6,
                                sc in contexts(), vals in proptest::collection::vec(any::<u32>(), 0..4)) {
        let b = corba_giop::ReplyBuilder::new(v, o, id, ReplyStatus(st)).with_service_context(&sc);
        let bytes = b.encode_with(Vec::new(), |w| for x in &vals { w.write_octet(9); w.write_ulong(*x); });
        let view = corba_giop::parse_reply(&bytes, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(view.request_id, id);
        prop_assert_eq!(view.reply_status, ReplyStatus(st));
        prop_assert_eq!(&view.service_context, &sc);
        if !vals.is_empty() { prop_assert_eq!(view.body_offset, b.body_offset()); }
        let mut r = view.body_reader();
        for x in &vals { prop_assert_eq!(r.read_octet().unwrap(), 9); prop_assert_eq!(r.read_ulong().unwrap(), *x); }
        r.finish().unwrap();
        let m = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(m.encode().unwrap(), bytes);
    }

    /// parse_reply agrees with the general decoder.
    #[test]
    fn parse_reply_matches_decoder(v in version(), o in order(), id in any::<u32>(), sc in contexts(), x in any::<f64>()) {
        let mut w = Writer::new(Encoding::new(o, v));
        w.write_double(x);
        let m = GiopMessage::new(v, o, Message::Reply(Reply {
            request_id: id, reply_status: ReplyStatus::NO_EXCEPTION, service_context: sc.clone(),
            body: Vec::new(),
        }));
        // Put the body where the message puts it, aligned as there.
        let off = {
            let mut probe = m.clone();
            if let Message::Reply(r) = &mut probe.message { r.body = vec![0]; }
            probe.body_offset().unwrap()
        };
        let mut bw = Writer::new(Encoding::new(o, v)).with_origin(off);
        bw.write_double(x);
        let mut m = m;
        if let Message::Reply(r) = &mut m.message { r.body = bw.into_inner(); }
        let bytes = m.encode().unwrap();
        let view = corba_giop::parse_reply(&bytes, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(view.request_id, id);
        prop_assert_eq!(&view.service_context, &sc);
        prop_assert_eq!(view.body_offset, off);
        let mut r: Reader<'_> = view.body_reader();
        prop_assert_eq!(r.read_double().unwrap().to_bits(), x.to_bits());
    }

    /// Arbitrary octets after a valid header never panic the decoder or
    /// the stream reader.
    #[test]
    fn arbitrary_input_never_panics(
        v in version(), o in order(), t in 0u8..9, mf in any::<bool>(), body in bytes(200), chunk in 1usize..50,
    ) {
        let mut h = [0u8; 12];
        h[..4].copy_from_slice(b"GIOP");
        h[4] = 1;
        h[5] = v.minor;
        h[6] = o.flag() | if mf && v.minor > 0 { 2 } else { 0 };
        h[7] = t;
        let size = body.len() as u32;
        h[8..].copy_from_slice(&match o { ByteOrder::BigEndian => size.to_be_bytes(), ByteOrder::LittleEndian => size.to_le_bytes() });
        let mut msg = h.to_vec();
        msg.extend_from_slice(&body);
        if let Ok(m) = GiopMessage::decode(&msg, &Limits::DEFAULT) {
            // Whatever decodes re-encodes to the same octets.
            prop_assert_eq!(m.encode().unwrap(), msg.clone());
        }
        let _ = corba_giop::parse_reply(&msg, &Limits::DEFAULT);
        let mut rd = MessageReader::new(Limits::DEFAULT);
        for c in msg.chunks(chunk) {
            rd.feed(c);
            while let Ok(Some(_)) = rd.next_frame() {}
        }
        let _ = Ior::from_ior_string(&format!("IOR:{}", body.iter().map(|b| format!("{b:02x}")).collect::<String>()));
        let _ = IiopProfile::decode(&TaggedProfile { tag: ProfileId::TAG_INTERNET_IOP, data: body.clone() });
        let _ = ServiceContext { id: ServiceId::BI_DIR_IIOP, data: body.clone() }.decode();
        let _ = ServiceContext { id: ServiceId::CODE_SETS, data: body.clone() }.decode();
        let _ = ServiceContext { id: ServiceId::SENDING_CONTEXT_RUN_TIME, data: body }.decode();
    }
}

/// The same round trip, run explicitly for every message type in every
/// version and byte order (so no combination is left to chance): 32 cases
/// each.
#[test]
fn every_type_version_and_order_round_trips() {
    use proptest::test_runner::{Config, TestRunner};
    let mut combos = 0;
    for v in GiopVersion::ALL {
        for o in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            for t in 0u8..8 {
                if t == 7 && v.minor == 0 {
                    continue;
                }
                let strategy = message(v).prop_filter("type", move |m| m.msg_type() == MsgType(t));
                let mut runner = TestRunner::new(Config {
                    cases: 32,
                    max_global_rejects: 100_000,
                    ..Config::default()
                });
                runner
                    .run(&(strategy, any::<bool>()), |(msg, mf)| {
                        let mut m = GiopMessage::new(v, o, msg);
                        m.more_fragments = mf && MsgType(t).fragmentable(v.minor);
                        let bytes = m.encode().unwrap();
                        let back = GiopMessage::decode(&bytes, &Limits::DEFAULT).unwrap();
                        prop_assert_eq!(&back, &m);
                        prop_assert!(back.encode().unwrap() == bytes);
                        Ok(())
                    })
                    .unwrap_or_else(|e| panic!("GIOP {v} {o:?} type {t}: {e}"));
                combos += 1;
            }
        }
    }
    assert_eq!(combos, 3 * 2 * 8 - 2);
}
