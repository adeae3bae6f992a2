//! The Ada backend's GIOP framing behind [`bench_ops::GiopBackend`]. Its
//! request encoder takes the arguments already marshalled (prepared outside
//! the measured call); its reply decoder parses the header and copies the
//! body out without reading it.

use crate::{giop_reply_decode, giop_request_encode, AdaBackend, Request};
use bench_ops::{BackendError, Encoder, GiopBackend, GiopRequest, Params, ReplyDecoder};
use corba_cdr::{Encoding, Writer};
use std::hint::black_box;

fn failed(e: impl std::fmt::Display) -> BackendError {
    BackendError::Failed {
        backend: "ada",
        message: e.to_string(),
    }
}

struct AdaRequest {
    req: Request,
    flag: u8,
    minor: u8,
}

impl Encoder for AdaRequest {
    fn encode(&mut self, out: &mut Vec<u8>) -> Result<(), BackendError> {
        self.req.request_id = self.req.request_id.wrapping_add(1);
        giop_request_encode(&self.req, self.flag, self.minor, out).map_err(failed)
    }
}

struct AdaReply;

impl ReplyDecoder for AdaReply {
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError> {
        let (r, _, _) = giop_reply_decode(bytes).map_err(failed)?;
        black_box((r.request_id, r.reply_status, r.body.len()));
        Ok(())
    }
}

impl GiopBackend for AdaBackend {
    fn name(&self) -> &'static str {
        "ada"
    }

    fn request_encoder(&self, r: &GiopRequest) -> Result<Box<dyn Encoder>, BackendError> {
        let mut body = Writer::new(Encoding::new(r.params.order, r.params.giop));
        body.write_long(r.arg_long);
        body.write_string_bytes(r.arg_string.as_bytes());
        let req = Request {
            request_id: 0,
            response_flags: 3,
            object_key: r.object_key.clone(),
            operation: r.operation.clone(),
            service_contexts: r.service_contexts.clone(),
            service_context_count: 0,
            body: body.into_inner(),
        };
        Ok(Box::new(AdaRequest {
            req,
            flag: r.params.order.flag(),
            minor: r.params.giop.minor,
        }))
    }

    fn reply_decoder(&self, _params: Params) -> Result<Box<dyn ReplyDecoder>, BackendError> {
        Ok(Box::new(AdaReply))
    }
}
