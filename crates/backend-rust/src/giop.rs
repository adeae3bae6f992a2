//! The `rust` backend's GIOP framing through `corba-giop`, behind
//! [`bench_ops::GiopBackend`]. The request encoder marshals its two
//! arguments inside the measured call, into a reused buffer; the reply
//! decoder parses the message and reads its body (a `long`, a `double`).

use crate::{failed, RustBackend, NAME};
use bench_ops::{BackendError, Encoder, GiopBackend, GiopRequest, Params, ReplyDecoder};
use corba_cdr::{ByteOrder, GiopVersion};
use corba_giop::{parse_reply, Limits, RequestBuilder, ServiceContext, ServiceId};
use std::hint::black_box;

struct RustRequest {
    version: GiopVersion,
    order: ByteOrder,
    request_id: u32,
    key: Vec<u8>,
    operation: String,
    sc: Vec<ServiceContext>,
    arg_long: i32,
    arg_string: String,
}

impl Encoder for RustRequest {
    fn encode(&mut self, out: &mut Vec<u8>) -> Result<(), BackendError> {
        self.request_id = self.request_id.wrapping_add(1);
        let (version, order, id) = (self.version, self.order, self.request_id);
        let mut b = RequestBuilder::new(version, order, id, &self.key, &self.operation)
            .with_service_context(&self.sc);
        b.response_expected = true;
        let (long, string) = (self.arg_long, self.arg_string.as_bytes());
        *out = b.encode_with(std::mem::take(out), |w| {
            w.write_long(black_box(long));
            w.write_string_bytes(black_box(string));
        });
        Ok(())
    }
}

struct RustReply {
    limits: Limits,
}

impl ReplyDecoder for RustReply {
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError> {
        let v = parse_reply(bytes, &self.limits).map_err(failed)?;
        let mut r = v.body_reader();
        let a = r.read_long().map_err(failed)?;
        let d = r.read_double().map_err(failed)?;
        black_box((v.request_id, v.reply_status, a, d));
        Ok(())
    }
}

impl GiopBackend for RustBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn request_encoder(&self, r: &GiopRequest) -> Result<Box<dyn Encoder>, BackendError> {
        let sc = r.service_contexts.iter().map(|(id, data)| ServiceContext {
            id: ServiceId(*id),
            data: data.clone(),
        });
        Ok(Box::new(RustRequest {
            version: r.params.giop,
            order: r.params.order,
            request_id: 0,
            key: r.object_key.clone(),
            operation: r.operation.clone(),
            sc: sc.collect(),
            arg_long: r.arg_long,
            arg_string: r.arg_string.clone(),
        }))
    }

    fn reply_decoder(&self, _params: Params) -> Result<Box<dyn ReplyDecoder>, BackendError> {
        Ok(Box::new(RustReply {
            limits: Limits::DEFAULT,
        }))
    }
}
