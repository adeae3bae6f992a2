//! Property tests: every CDR item written and read back in both byte orders
//! and all three GIOP versions, checking the value, the input being fully
//! consumed, and `encoded_len` (the counting writer) agreeing with the bytes.

use corba_cdr::{
    ByteOrder, CharCodeSet, Encoding, ErrorKind, Fixed, GiopVersion, LongDouble, Reader, Sink,
    Utf16Style, Writer,
};
use proptest::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum Item {
    Octet(u8),
    Bool(bool),
    Char(u8),
    WChar(u16),
    Short(i16),
    UShort(u16),
    Long(i32),
    ULong(u32),
    LongLong(i64),
    ULongLong(u64),
    Float(u32), // bits, so NaNs compare
    Double(u64),
    LongDouble(u128),
    Fixed(i128, u16, u16),
    String(String),
    BoundedString(String, u32),
    WString(String),
    SeqLong(Vec<i32>),
    SeqDouble(Vec<u64>),
    SeqOctet(Vec<u8>),
    SeqShort(Vec<i16>),
    SeqBool(Vec<bool>),
    ArrayULongLong(Vec<u64>),
    Encapsulation(bool, Vec<Item>),
}

fn is_wide(i: &Item) -> bool {
    match i {
        Item::WChar(_) | Item::WString(_) => true,
        Item::Encapsulation(_, items) => items.iter().any(is_wide),
        _ => false,
    }
}

fn arb_fixed() -> impl Strategy<Value = Item> {
    (1u16..=31).prop_flat_map(|digits| {
        let max = 10i128.pow(u32::from(digits)) - 1;
        (-max..=max, 0..=digits).prop_map(move |(m, s)| Item::Fixed(m, digits, s))
    })
}

fn leaf() -> impl Strategy<Value = Item> {
    prop_oneof![
        any::<u8>().prop_map(Item::Octet),
        any::<bool>().prop_map(Item::Bool),
        any::<u8>().prop_map(Item::Char),
        any::<u16>().prop_map(Item::WChar),
        any::<i16>().prop_map(Item::Short),
        any::<u16>().prop_map(Item::UShort),
        any::<i32>().prop_map(Item::Long),
        any::<u32>().prop_map(Item::ULong),
        any::<i64>().prop_map(Item::LongLong),
        any::<u64>().prop_map(Item::ULongLong),
        any::<u32>().prop_map(Item::Float),
        any::<u64>().prop_map(Item::Double),
        any::<u128>().prop_map(Item::LongDouble),
        arb_fixed(),
        "[\\u{1}-\\u{ff}]{0,12}".prop_map(Item::String),
        ("[\\u{1}-\\u{7f}]{0,8}", 8u32..20).prop_map(|(s, b)| Item::BoundedString(s, b)),
        any::<String>().prop_map(Item::WString),
        prop::collection::vec(any::<i32>(), 0..20).prop_map(Item::SeqLong),
        prop::collection::vec(any::<u64>(), 0..20).prop_map(Item::SeqDouble),
        prop::collection::vec(any::<u8>(), 0..40).prop_map(Item::SeqOctet),
        prop::collection::vec(any::<i16>(), 0..20).prop_map(Item::SeqShort),
        prop::collection::vec(any::<bool>(), 0..20).prop_map(Item::SeqBool),
        prop::collection::vec(any::<u64>(), 0..5).prop_map(Item::ArrayULongLong),
    ]
}

fn arb_item() -> impl Strategy<Value = Item> {
    leaf().prop_recursive(3, 40, 6, |inner| {
        (any::<bool>(), prop::collection::vec(inner, 0..6))
            .prop_map(|(le, v)| Item::Encapsulation(le, v))
    })
}

fn write_items<S: Sink>(w: &mut Writer<S>, items: &[Item]) {
    for i in items {
        match i {
            Item::Octet(v) => w.write_octet(*v),
            Item::Bool(v) => w.write_bool(*v),
            Item::Char(v) => w.write_char(*v),
            Item::WChar(v) => w.write_wchar(*v).expect("wide allowed"),
            Item::Short(v) => w.write_short(*v),
            Item::UShort(v) => w.write_ushort(*v),
            Item::Long(v) => w.write_long(*v),
            Item::ULong(v) => w.write_ulong(*v),
            Item::LongLong(v) => w.write_longlong(*v),
            Item::ULongLong(v) => w.write_ulonglong(*v),
            Item::Float(b) => w.write_float(f32::from_bits(*b)),
            Item::Double(b) => w.write_double(f64::from_bits(*b)),
            Item::LongDouble(b) => w.write_long_double(LongDouble(*b)),
            Item::Fixed(m, d, s) => w.write_fixed(&Fixed::new(*m, *d, *s).expect("valid")),
            Item::String(s) | Item::BoundedString(s, _) => w.write_string(s).expect("latin-1"),
            Item::WString(s) => w.write_wstring(s).expect("wide allowed"),
            Item::SeqLong(v) => w.write_sequence(v),
            Item::SeqDouble(v) => {
                let f: Vec<f64> = v.iter().map(|b| f64::from_bits(*b)).collect();
                w.write_sequence(&f)
            }
            Item::SeqOctet(v) => w.write_octet_sequence(v),
            Item::SeqShort(v) => w.write_sequence(v),
            Item::SeqBool(v) => w.write_bool_sequence(v),
            Item::ArrayULongLong(v) => w.write_slice(v),
            Item::Encapsulation(le, inner) => {
                let order = if *le {
                    ByteOrder::LittleEndian
                } else {
                    ByteOrder::BigEndian
                };
                w.write_encapsulation(order, |w| write_items(w, inner))
            }
        }
    }
}

fn read_items(r: &mut Reader<'_>, expected: &[Item]) -> Vec<Item> {
    let mut out = Vec::new();
    for e in expected {
        let got = match e {
            Item::Octet(_) => Item::Octet(r.read_octet().unwrap()),
            Item::Bool(_) => Item::Bool(r.read_bool().unwrap()),
            Item::Char(_) => Item::Char(r.read_char().unwrap()),
            Item::WChar(_) => Item::WChar(r.read_wchar().unwrap()),
            Item::Short(_) => Item::Short(r.read_short().unwrap()),
            Item::UShort(_) => Item::UShort(r.read_ushort().unwrap()),
            Item::Long(_) => Item::Long(r.read_long().unwrap()),
            Item::ULong(_) => Item::ULong(r.read_ulong().unwrap()),
            Item::LongLong(_) => Item::LongLong(r.read_longlong().unwrap()),
            Item::ULongLong(_) => Item::ULongLong(r.read_ulonglong().unwrap()),
            Item::Float(_) => Item::Float(r.read_float().unwrap().to_bits()),
            Item::Double(_) => Item::Double(r.read_double().unwrap().to_bits()),
            Item::LongDouble(_) => Item::LongDouble(r.read_long_double().unwrap().0),
            Item::Fixed(_, d, s) => {
                let f = r.read_fixed(*d, *s).unwrap();
                Item::Fixed(f.mantissa(), f.digits(), f.scale())
            }
            Item::String(_) => Item::String(r.read_string().unwrap()),
            Item::BoundedString(_, b) => {
                Item::BoundedString(r.read_string_bounded(*b).unwrap(), *b)
            }
            Item::WString(_) => Item::WString(r.read_wstring().unwrap()),
            Item::SeqLong(_) => Item::SeqLong(r.read_sequence().unwrap()),
            Item::SeqDouble(_) => Item::SeqDouble(
                r.read_sequence::<f64>()
                    .unwrap()
                    .into_iter()
                    .map(f64::to_bits)
                    .collect(),
            ),
            Item::SeqOctet(_) => Item::SeqOctet(r.read_octet_sequence().unwrap().to_vec()),
            Item::SeqShort(_) => Item::SeqShort(r.read_sequence().unwrap()),
            Item::SeqBool(_) => Item::SeqBool(r.read_bool_sequence().unwrap()),
            Item::ArrayULongLong(v) => {
                let mut out = Vec::new();
                r.read_slice_into(v.len(), &mut out).unwrap();
                Item::ArrayULongLong(out)
            }
            Item::Encapsulation(le, inner) => {
                let mut sub = r.read_encapsulation().unwrap();
                assert_eq!(sub.order().flag() == 1, *le);
                let got = read_items(&mut sub, inner);
                sub.finish().unwrap();
                Item::Encapsulation(*le, got)
            }
        };
        out.push(got);
    }
    out
}

fn all_encodings() -> impl Strategy<Value = Encoding> {
    (
        any::<bool>(),
        0usize..3,
        prop_oneof![
            Just(Utf16Style::Spec),
            Just(Utf16Style::OmniOrb),
            Just(Utf16Style::StreamOrder)
        ],
    )
        .prop_map(|(le, v, style)| {
            let order = if le {
                ByteOrder::LittleEndian
            } else {
                ByteOrder::BigEndian
            };
            Encoding::new(order, GiopVersion::ALL[v]).with_utf16(style)
        })
}

proptest! {
    #[test]
    fn items_round_trip(items in prop::collection::vec(arb_item(), 0..12), enc in all_encodings(), origin in 0usize..16) {
        if enc.giop == GiopVersion::V1_0 && items.iter().any(is_wide) {
            // GIOP 1.0 has no wide characters: writing one must fail.
            let mut w = Writer::new(enc);
            let r1 = w.write_wchar(1);
            let r2 = w.write_wstring("x");
            prop_assert_eq!(r1.unwrap_err().kind, ErrorKind::WideCharInGiop10);
            prop_assert_eq!(r2.unwrap_err().kind, ErrorKind::WideCharInGiop10);
            return Ok(());
        }
        let mut w = Writer::new(enc).with_origin(origin);
        write_items(&mut w, &items);
        let mut s = Writer::sizer(enc).with_origin(origin);
        write_items(&mut s, &items);
        prop_assert_eq!(s.len(), w.len(), "encoded_len disagrees with the writer");
        let bytes = w.into_inner();
        let mut r = Reader::new(&bytes, enc).with_origin(origin);
        let back = read_items(&mut r, &items);
        prop_assert_eq!(back, items);
        r.finish().unwrap();
    }

    /// UTF-8 as the negotiated code set carries any Unicode string.
    #[test]
    fn utf8_strings_round_trip(s in "[^\\u{0}]{0,20}", le in any::<bool>()) {
        let order = if le { ByteOrder::LittleEndian } else { ByteOrder::BigEndian };
        let enc = Encoding::new(order, GiopVersion::V1_2).with_char_code_set(CharCodeSet::Utf8);
        let mut w = Writer::new(enc);
        w.write_string(&s).unwrap();
        let b = w.into_inner();
        let mut r = Reader::new(&b, enc);
        prop_assert_eq!(r.read_string().unwrap(), s);
        r.finish().unwrap();
    }

    /// Reading arbitrary bytes as any item never panics.
    #[test]
    fn garbage_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64), enc in all_encodings()) {
        let mut r = Reader::new(&bytes, enc);
        let _ = r.clone().read_string();
        let _ = r.clone().read_wstring();
        let _ = r.clone().read_wchar();
        let _ = r.clone().read_fixed(7, 2);
        let _ = r.clone().read_sequence::<f64>();
        let _ = r.clone().read_bool_sequence();
        let _ = r.clone().read_long_double();
        if let Ok(mut e) = r.read_encapsulation() {
            let _ = e.read_string();
        }
    }
}
