//! GIOP message framing (CORBA 3.x Part 2 §9.4): not marshalling, so not in
//! [`Backend`](crate::Backend), but the same prepare-then-measure shape. A
//! backend that has GIOP implements [`GiopBackend`]; the harness' registry
//! lists those that do.

use crate::{BackendError, Encoder, Params};

/// The Request the GIOP benches send (§9.4.2): a target object key, an
/// operation name, service contexts, and two in arguments (a `long` and a
/// `string`) that form the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GiopRequest {
    pub params: Params,
    pub object_key: Vec<u8>,
    pub operation: String,
    /// `IOP::ServiceContext` ids and their `context_data` octets.
    pub service_contexts: Vec<(u32, Vec<u8>)>,
    pub arg_long: i32,
    pub arg_string: String,
}

/// A prepared parse of a whole Reply message (§9.4.3).
pub trait ReplyDecoder {
    /// Measured. Parses `bytes` (one complete message).
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError>;
}

/// A backend's GIOP framing, beside its marshalling.
pub trait GiopBackend {
    /// The backend's name, as in [`Backend::name`](crate::Backend::name).
    fn name(&self) -> &'static str;
    /// Prepares a request encoder (not measured). Each measured
    /// [`Encoder::encode`] writes `req` as one message with the next
    /// request id; where the two arguments are marshalled (inside or outside
    /// the measured call) is the backend's to document.
    fn request_encoder(&self, req: &GiopRequest) -> Result<Box<dyn Encoder>, BackendError>;
    /// Prepares a reply decoder for messages with `params` (not measured).
    fn reply_decoder(&self, params: Params) -> Result<Box<dyn ReplyDecoder>, BackendError>;
}
