//! The captured omniORB traffic (corpus/giop, made by ci/capture-giop.sh):
//! every message decodes, its fields are what nameclt and omniNames
//! exchanged, and it re-encodes to the same octets.

use corba_cdr::{ByteOrder, CodeSetId, GiopVersion, Reader};
use corba_giop::{
    CodeSetContext, ComponentId, GiopMessage, IiopVersion, KnownContext, Limits, LocateStatus,
    Message, MessageReader, MsgType, OrbType, ReplyStatus, ServiceId, TargetAddress,
};
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/giop")
}

struct Entry {
    file: String,
    version: String,
    msg_type: String,
    bytes: Vec<u8>,
}

fn manifest() -> Vec<Entry> {
    let dir = corpus_dir();
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("corpus/giop/MANIFEST.tsv");
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "bad manifest line {l:?}");
            let bytes = std::fs::read(dir.join(f[0])).expect(f[0]);
            assert_eq!(bytes.len().to_string(), f[4], "{}: size", f[0]);
            Entry {
                file: f[0].to_owned(),
                version: f[2].to_owned(),
                msg_type: f[3].to_owned(),
                bytes,
            }
        })
        .collect()
}

fn load(file: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(file)).expect(file)
}

fn decode(file: &str) -> GiopMessage {
    GiopMessage::decode(&load(file), &Limits::DEFAULT).unwrap_or_else(|e| panic!("{file}: {e}"))
}

const STEPS: [&str; 8] = [
    "bind_new_context",
    "bind",
    "list",
    "resolve",
    "resolve_missing",
    "unbind",
    "bind_long",
    "unbind_long",
];

#[test]
fn every_message_decodes_and_reencodes_byte_for_byte() {
    let entries = manifest();
    assert_eq!(entries.len(), 224, "messages in the manifest");
    let mut with_padding = 0;
    for e in &entries {
        let m = GiopMessage::decode(&e.bytes, &Limits::DEFAULT)
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert_eq!(m.version.to_string(), e.version, "{}", e.file);
        assert_eq!(
            format!("{:?}", m.message.msg_type()),
            type_const(&e.msg_type),
            "{}",
            e.file
        );
        assert_eq!(
            m.order,
            ByteOrder::LittleEndian,
            "{}: omniORB on x86 writes little-endian",
            e.file
        );
        let again = m.encode().unwrap();
        assert!(again == e.bytes, "{}: re-encoding differs", e.file);
        if m.padding.is_some() {
            with_padding += 1;
            // Without the recorded padding the layout is the same, only the
            // padding octets (zeros) differ.
            let mut zeroed = m.clone();
            zeroed.padding = None;
            let z = zeroed.encode().unwrap();
            assert_eq!(z.len(), e.bytes.len());
            assert_ne!(z, e.bytes);
        }
    }
    // omniORB leaves the padding after the GIOP 1.0/1.1 response_expected
    // octet uninitialised in some Requests (see known divergences).
    assert!(with_padding > 0);
}

fn type_const(name: &str) -> String {
    match name {
        "Request" => "REQUEST",
        "Reply" => "REPLY",
        "LocateRequest" => "LOCATE_REQUEST",
        "LocateReply" => "LOCATE_REPLY",
        "CloseConnection" => "CLOSE_CONNECTION",
        "Fragment" => "FRAGMENT",
        other => panic!("unexpected type {other} in the corpus"),
    }
    .to_owned()
}

fn request(m: &GiopMessage) -> &corba_giop::Request {
    match &m.message {
        Message::Request(r) => r,
        other => panic!("expected a Request, got {other:?}"),
    }
}

fn reply(m: &GiopMessage) -> &corba_giop::Reply {
    match &m.message {
        Message::Reply(r) => r,
        other => panic!("expected a Reply, got {other:?}"),
    }
}

/// The first exchange of every nameclt run: `_is_a` on the NameService
/// key, answered TRUE.
#[test]
fn every_step_starts_with_is_a_on_the_root_context() {
    for v in ["v10", "v11", "v12"] {
        for step in STEPS {
            let q = decode(&format!("{v}-{step}/c2s-00-Request.giop"));
            let r = request(&q);
            assert_eq!(r.operation, "_is_a");
            assert_eq!(r.target, TargetAddress::Key(b"NameService".to_vec()));
            let expected_flags = if v == "v12" { 3 } else { 1 };
            assert_eq!(r.response_flags, expected_flags, "{v}-{step}");
            assert!(r.service_context.is_empty());
            assert!(r.requesting_principal.is_empty());
            let mut body = q.body_reader().unwrap().unwrap();
            assert_eq!(
                body.read_string().unwrap(),
                "IDL:omg.org/CosNaming/NamingContext:1.0"
            );
            body.finish().unwrap();

            let a = decode(&format!("{v}-{step}/s2c-00-Reply.giop"));
            let p = reply(&a);
            assert_eq!(p.request_id, r.request_id);
            assert_eq!(p.reply_status, ReplyStatus::NO_EXCEPTION);
            assert!(a.body_reader().unwrap().unwrap().read_bool().unwrap());
        }
    }
}

/// Requests and replies pair up by request id, in order, in every step.
#[test]
fn replies_answer_requests_in_order() {
    for v in ["v10", "v11", "v12"] {
        for step in STEPS {
            let dir = corpus_dir().join(format!("{v}-{step}"));
            let mut names: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            let ids = |prefix: &str| -> Vec<(MsgType, u32)> {
                names
                    .iter()
                    .filter(|n| n.starts_with(prefix))
                    .map(|n| decode(&format!("{v}-{step}/{n}")))
                    .filter(|m| m.message.msg_type() != MsgType::FRAGMENT)
                    .filter_map(|m| m.message.request_id().map(|id| (m.message.msg_type(), id)))
                    .collect()
            };
            let asked = ids("c2s");
            let answered = ids("s2c");
            assert_eq!(asked.len(), answered.len(), "{v}-{step}");
            for ((qt, qid), (at, aid)) in asked.iter().zip(&answered) {
                assert_eq!(qid, aid, "{v}-{step}");
                let expect = if *qt == MsgType::LOCATE_REQUEST {
                    MsgType::LOCATE_REPLY
                } else {
                    MsgType::REPLY
                };
                assert_eq!(*at, expect, "{v}-{step}");
            }
        }
    }
}

/// The operations nameclt called, per step.
#[test]
fn operations_per_step() {
    let ops = |v: &str, step: &str| -> Vec<String> {
        let dir = corpus_dir().join(format!("{v}-{step}"));
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with("c2s"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|n| match decode(&format!("{v}-{step}/{n}")).message {
                Message::Request(r) => r.operation,
                Message::LocateRequest(_) => "<locate>".to_owned(),
                Message::Fragment(_) => "<fragment>".to_owned(),
                Message::CloseConnection => "<close>".to_owned(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let close = |v: &str, mut list: Vec<&str>| -> Vec<String> {
        if v == "v12" {
            list.push("<close>");
        }
        list.into_iter().map(str::to_owned).collect()
    };
    for v in ["v10", "v11", "v12"] {
        assert_eq!(
            ops(v, "bind_new_context"),
            close(v, vec!["_is_a", "bind_new_context"])
        );
        assert_eq!(ops(v, "bind"), close(v, vec!["_is_a", "bind"]));
        assert_eq!(
            ops(v, "list"),
            close(
                v,
                vec![
                    "_is_a", "resolve", "<locate>", "list", "<locate>", "next_one", "next_one",
                    "destroy"
                ]
            )
        );
        assert_eq!(ops(v, "resolve"), close(v, vec!["_is_a", "resolve"]));
        assert_eq!(
            ops(v, "resolve_missing"),
            close(v, vec!["_is_a", "resolve"])
        );
        let frag: Vec<&str> = if v == "v10" {
            vec![]
        } else {
            vec!["<fragment>", "<fragment>"]
        };
        let mut bl = vec!["_is_a", "bind"];
        bl.extend(&frag);
        assert_eq!(ops(v, "bind_long"), close(v, bl));
    }
}

/// A bind_new_context reply carries the new context's IOR: one IIOP 1.2
/// profile on 127.0.0.1 with omniORB's ORB type and code sets components.
#[test]
fn new_context_reply_carries_an_iiop_ior() {
    for v in ["v10", "v11", "v12"] {
        let m = decode(&format!("{v}-bind_new_context/s2c-01-Reply.giop"));
        assert_eq!(reply(&m).reply_status, ReplyStatus::NO_EXCEPTION);
        let mut body = m.body_reader().unwrap().unwrap();
        let ior = corba_giop::Ior::read(&mut body).unwrap();
        body.finish().unwrap();
        assert_eq!(ior.type_id, "IDL:omg.org/CosNaming/NamingContextExt:1.0");
        assert_eq!(ior.profiles.len(), 1);
        let p = corba_giop::IiopProfile::decode(&ior.profiles[0]).unwrap();
        assert_eq!(p.version, IiopVersion::V1_2);
        assert_eq!(p.host, "127.0.0.1");
        assert_ne!(p.port, 0);
        assert_eq!(p.object_key.len(), 14);
        let orb = p
            .component(ComponentId::TAG_ORB_TYPE)
            .unwrap()
            .orb_type()
            .unwrap();
        assert_eq!(OrbType(orb), OrbType::OMNIORB);
        let cs = p
            .component(ComponentId::TAG_CODE_SETS)
            .unwrap()
            .code_sets()
            .unwrap();
        assert_eq!(cs.for_char_data.native_code_set, CodeSetId::ISO_8859_1);
        assert_eq!(
            cs.for_char_data.conversion_code_sets,
            vec![CodeSetId::UTF_8]
        );
        assert_eq!(cs.for_wchar_data.native_code_set, CodeSetId::UTF_16);
        // Re-encoding the decoded profile gives the same octets except for
        // padding omniORB left uninitialised; decoding that gives the same
        // profile.
        let again = p.to_profile(ByteOrder::LittleEndian);
        assert_eq!(again.data.len(), ior.profiles[0].data.len());
        assert_eq!(corba_giop::IiopProfile::decode(&again).unwrap(), p);
        // The stringified form round-trips.
        let s = ior.to_ior_string(ByteOrder::LittleEndian);
        assert_eq!(corba_giop::Ior::from_ior_string(&s).unwrap(), ior);
    }
}

/// GIOP 1.1/1.2 clients send a CodeSets service context with their first
/// request on a new object (ISO-8859-1 and UTF-16); GIOP 1.0 has none.
#[test]
fn code_sets_context_in_giop_11_and_12() {
    for v in ["v10", "v11", "v12"] {
        let m = decode(&format!("{v}-list/c2s-03-Request.giop"));
        let r = request(&m);
        assert_eq!(r.operation, "list");
        if v == "v10" {
            assert!(r.service_context.is_empty());
            continue;
        }
        assert_eq!(r.service_context.len(), 1);
        assert_eq!(r.service_context[0].id, ServiceId::CODE_SETS);
        assert_eq!(
            r.service_context[0].decode().unwrap(),
            Some(KnownContext::CodeSets(CodeSetContext {
                char_data: CodeSetId::ISO_8859_1,
                wchar_data: CodeSetId::UTF_16,
            }))
        );
        // `list(in unsigned long how_many)`: nameclt asks for 0 at once.
        let mut body = m.body_reader().unwrap().unwrap();
        assert_eq!(body.read_ulong().unwrap(), 0);
    }
}

#[test]
fn locate_requests_find_the_object_here() {
    for v in ["v10", "v11", "v12"] {
        let q = decode(&format!("{v}-list/c2s-02-LocateRequest.giop"));
        let Message::LocateRequest(lq) = &q.message else {
            panic!()
        };
        let TargetAddress::Key(k) = &lq.target else {
            panic!()
        };
        assert_eq!(k.len(), 14);
        let a = decode(&format!("{v}-list/s2c-02-LocateReply.giop"));
        let Message::LocateReply(la) = &a.message else {
            panic!()
        };
        assert_eq!(la.request_id, lq.request_id);
        assert_eq!(la.locate_status, LocateStatus::OBJECT_HERE);
        assert!(la.body.is_empty());
    }
}

/// Resolving a missing name raises CosNaming::NamingContext::NotFound
/// (a user exception: repository id, `why` enum, `rest_of_name`).
#[test]
fn missing_name_raises_not_found() {
    for v in ["v10", "v11", "v12"] {
        let m = decode(&format!("{v}-resolve_missing/s2c-01-Reply.giop"));
        assert_eq!(reply(&m).reply_status, ReplyStatus::USER_EXCEPTION);
        let mut b = m.body_reader().unwrap().unwrap();
        assert_eq!(
            b.read_string().unwrap(),
            "IDL:omg.org/CosNaming/NamingContext/NotFound:1.0"
        );
        assert_eq!(b.read_enum().unwrap(), 0, "why = missing_node");
        assert_eq!(b.read_ulong().unwrap(), 1, "rest_of_name length");
        assert_eq!(b.read_string().unwrap(), "missing");
        assert_eq!(b.read_string().unwrap(), "kind");
        b.finish().unwrap();
        // The same through the harness API.
        let raw = load(&format!("{v}-resolve_missing/s2c-01-Reply.giop"));
        let view = corba_giop::parse_reply(&raw, &Limits::DEFAULT).unwrap();
        assert_eq!(view.reply_status, ReplyStatus::USER_EXCEPTION);
        assert_eq!(
            view.body_reader().read_string().unwrap(),
            "IDL:omg.org/CosNaming/NamingContext/NotFound:1.0"
        );
    }
}

fn check_long_bind(msg: &[u8], v: &str) {
    let m = GiopMessage::decode(msg, &Limits::DEFAULT).unwrap();
    assert!(!m.more_fragments);
    let r = request(&m);
    assert_eq!(r.operation, "bind");
    let mut b: Reader<'_> = m.body_reader().unwrap().unwrap();
    // bind(in Name n, in Object obj): Name = sequence<NameComponent{id, kind}>.
    assert_eq!(b.read_ulong().unwrap(), 2);
    assert_eq!(b.read_string().unwrap(), format!("ctx{v}"));
    assert_eq!(b.read_string().unwrap(), "dir");
    assert_eq!(b.read_string().unwrap(), "n".repeat(20000));
    assert_eq!(b.read_string().unwrap(), "kind");
    let ior = corba_giop::Ior::read(&mut b).unwrap();
    assert_eq!(ior.type_id, "IDL:omg.org/CosNaming/NamingContextExt:1.0");
    b.finish().unwrap();
}

/// omniORB fragments messages above 8192 octets in GIOP 1.1 and 1.2 (its
/// buffer size); in GIOP 1.0 the same Request is one 20272-octet message.
/// The stream reader, fed the captured octets in odd-sized chunks,
/// reassembles them into the whole Request.
#[test]
fn fragmented_bind_reassembles_from_arbitrary_chunks() {
    check_long_bind(&load("v10-bind_long/c2s-01-Request.giop"), "v10");
    for v in ["v11", "v12"] {
        let parts: Vec<Vec<u8>> = [
            "c2s-00-Request",
            "c2s-01-Request",
            "c2s-02-Fragment",
            "c2s-03-Fragment",
        ]
        .iter()
        .map(|n| load(&format!("{v}-bind_long/{n}.giop")))
        .collect();
        assert_eq!(parts[1].len(), 8192);
        assert_eq!(parts[2].len(), 8192);
        let first = decode(&format!("{v}-bind_long/c2s-01-Request.giop"));
        assert!(first.more_fragments);
        let frag = decode(&format!("{v}-bind_long/c2s-02-Fragment.giop"));
        let Message::Fragment(f) = &frag.message else {
            panic!()
        };
        assert!(frag.more_fragments);
        if v == "v12" {
            assert_eq!(f.request_id, Some(request(&first).request_id));
        } else {
            assert_eq!(f.request_id, None);
        }
        let stream: Vec<u8> = parts.concat();
        for chunk in [1usize, 7, 12, 13, 4096, 8191, 100_000] {
            let mut rd = MessageReader::new(Limits::DEFAULT);
            let mut frames = Vec::new();
            for c in stream.chunks(chunk) {
                rd.feed(c);
                while let Some(f) = rd.next_frame().unwrap() {
                    frames.push(f);
                }
            }
            assert!(rd.is_idle());
            assert_eq!(frames.len(), 2, "{v}, chunks of {chunk}");
            assert!(frames[0].bytes == parts[0]);
            assert_eq!(frames[1].header.msg_type, MsgType::REQUEST);
            assert_eq!(
                frames[1].bytes.len(),
                8192 + (8192 - frag_hdr(v)) + (parts[3].len() - frag_hdr(v))
            );
            check_long_bind(&frames[1].bytes, v);
        }
        // GIOP 1.2: our splitter cuts the reassembled message at omniORB's
        // size exactly as omniORB did. GIOP 1.1: omniORB's Fragment data
        // starts at offsets ≡ 0 (mod 8), exact for it only because it
        // marshals knowing the boundaries; ours land at ≡ 4 so that a blind
        // cut keeps alignment (fragment module docs).
        let mut rd = MessageReader::new(Limits::DEFAULT);
        rd.feed(&stream);
        rd.next_frame().unwrap();
        let frame = rd.next_frame().unwrap().unwrap();
        let split = corba_giop::fragment::split(&frame.bytes, 8192).unwrap();
        assert_eq!(split.len(), 3);
        if v == "v12" {
            assert!(frame.fragment_starts.is_empty());
            assert!(frame.alignment_exact());
            for (ours, theirs) in split.iter().zip(&parts[1..]) {
                assert!(ours == theirs, "{v}: split unlike omniORB");
            }
        } else {
            assert_eq!(frame.fragment_starts, vec![8192, 8192 + 8180]);
            assert!(!frame.alignment_exact());
            assert_eq!(split[0].len(), 8188);
            let mut again = MessageReader::new(Limits::DEFAULT);
            let frames: Vec<_> = split
                .iter()
                .flat_map(|p| {
                    again.feed(p);
                    again.next_frame().unwrap()
                })
                .collect();
            assert_eq!(frames.len(), 1);
            assert!(frames[0].bytes == frame.bytes);
            assert!(frames[0].alignment_exact());
        }
    }
}

fn frag_hdr(v: &str) -> usize {
    if v == "v12" {
        16
    } else {
        12
    }
}

/// The whole corpus of one direction of one connection, concatenated, goes
/// through the stream reader message by message.
#[test]
fn stream_reader_yields_every_captured_message() {
    let entries = manifest();
    let mut by_stream: std::collections::BTreeMap<String, Vec<&Entry>> = Default::default();
    for e in &entries {
        let (dir, name) = e.file.split_once('/').unwrap();
        by_stream
            .entry(format!("{dir}/{}", &name[..3]))
            .or_default()
            .push(e);
    }
    let mut total = 0;
    for (key, mut list) in by_stream {
        list.sort_by(|a, b| a.file.cmp(&b.file));
        let stream: Vec<u8> = list.iter().flat_map(|e| e.bytes.iter().copied()).collect();
        let mut rd = MessageReader::new(Limits::DEFAULT);
        rd.feed(&stream);
        let mut n = 0;
        while let Some(f) = rd.next_frame().unwrap() {
            GiopMessage::decode(&f.bytes, &Limits::DEFAULT)
                .unwrap_or_else(|e| panic!("{key}: {e}"));
            n += 1;
        }
        assert!(rd.is_idle(), "{key}");
        let fragments = list.iter().filter(|e| e.msg_type == "Fragment").count();
        assert_eq!(n, list.len() - fragments, "{key}");
        total += n;
    }
    assert_eq!(total, 224 - 12);
    let _ = GiopVersion::V1_2;
}
