//! Wire enumerations as newtypes with named constants, so unknown values
//! survive a round trip and print as numbers.

macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident($repr:ty) { $( $(#[$cmeta:meta])* $konst:ident = $val:expr, )* }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub $repr);

        impl $name {
            $( $(#[$cmeta])* pub const $konst: $name = $name($val); )*

            /// The constant's name, if the value is one this crate knows.
            pub fn name(self) -> Option<&'static str> {
                match self {
                    $( Self::$konst => Some(stringify!($konst)), )*
                    _ => None,
                }
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(n) => f.write_str(n),
                    None => write!(f, "{}({:#x})", stringify!($name), self.0),
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Debug::fmt(self, f)
            }
        }
    };
}

wire_enum! {
    /// GIOP `MsgType` (§9.4.1, the seventh header octet).
    MsgType(u8) {
        REQUEST = 0,
        REPLY = 1,
        CANCEL_REQUEST = 2,
        LOCATE_REQUEST = 3,
        LOCATE_REPLY = 4,
        CLOSE_CONNECTION = 5,
        MESSAGE_ERROR = 6,
        /// Only in GIOP 1.1 and later.
        FRAGMENT = 7,
    }
}

impl MsgType {
    /// Whether a message of this type may have its more-fragments flag set
    /// in `minor` (§9.4.9: Request and Reply from GIOP 1.1; LocateRequest and
    /// LocateReply too from 1.2; and Fragment itself).
    pub fn fragmentable(self, minor: u8) -> bool {
        match self {
            Self::REQUEST | Self::REPLY | Self::FRAGMENT => minor >= 1,
            Self::LOCATE_REQUEST | Self::LOCATE_REPLY => minor >= 2,
            _ => false,
        }
    }
}

wire_enum! {
    /// `ReplyStatusType` (§9.4.3.1). The last two exist from GIOP 1.2.
    ReplyStatus(u32) {
        NO_EXCEPTION = 0,
        USER_EXCEPTION = 1,
        SYSTEM_EXCEPTION = 2,
        LOCATION_FORWARD = 3,
        LOCATION_FORWARD_PERM = 4,
        NEEDS_ADDRESSING_MODE = 5,
    }
}

wire_enum! {
    /// `LocateStatusType` (§9.4.6.1). The last three exist from GIOP 1.2.
    LocateStatus(u32) {
        UNKNOWN_OBJECT = 0,
        OBJECT_HERE = 1,
        OBJECT_FORWARD = 2,
        OBJECT_FORWARD_PERM = 3,
        LOC_SYSTEM_EXCEPTION = 4,
        LOC_NEEDS_ADDRESSING_MODE = 5,
    }
}

wire_enum! {
    /// `GIOP::AddressingDisposition` of a GIOP 1.2 `TargetAddress` (§9.4.2).
    AddressingDisposition(i16) {
        KEY_ADDR = 0,
        PROFILE_ADDR = 1,
        REFERENCE_ADDR = 2,
    }
}

wire_enum! {
    /// `IOP::ServiceId` of a service context (§9.4.1 of Part 2 / IOP module).
    ServiceId(u32) {
        TRANSACTION_SERVICE = 0,
        CODE_SETS = 1,
        CHAIN_BYPASS_CHECK = 2,
        CHAIN_BYPASS_INFO = 3,
        LOGICAL_THREAD_ID = 4,
        BI_DIR_IIOP = 5,
        SENDING_CONTEXT_RUN_TIME = 6,
        INVOCATION_POLICIES = 7,
        FORWARDED_IDENTITY = 8,
        UNKNOWN_EXCEPTION_INFO = 9,
        RT_CORBA_PRIORITY = 10,
        RT_CORBA_PRIORITY_RANGE = 11,
        FT_GROUP_VERSION = 12,
        FT_REQUEST = 13,
        EXCEPTION_DETAIL_MESSAGE = 14,
        SECURITY_ATTRIBUTE_SERVICE = 15,
        ACTIVITY_SERVICE = 16,
        RMI_CUSTOM_MAX_STREAM_FORMAT = 17,
    }
}

wire_enum! {
    /// `IOP::ProfileId` of a tagged profile (§7.6.2 of Part 2 / IOP module).
    ProfileId(u32) {
        TAG_INTERNET_IOP = 0,
        TAG_MULTIPLE_COMPONENTS = 1,
        TAG_SCCP_IOP = 2,
        TAG_UIPMC = 3,
    }
}

wire_enum! {
    /// `IOP::ComponentId` of a tagged component.
    ComponentId(u32) {
        TAG_ORB_TYPE = 0,
        TAG_CODE_SETS = 1,
        TAG_POLICIES = 2,
        TAG_ALTERNATE_IIOP_ADDRESS = 3,
        TAG_ASSOCIATION_OPTIONS = 13,
        TAG_SEC_NAME = 14,
        TAG_SPKM_1_SEC_MECH = 15,
        TAG_SPKM_2_SEC_MECH = 16,
        TAG_KERBEROSV5_SEC_MECH = 17,
        TAG_CSI_ECMA_SECRET_SEC_MECH = 18,
        TAG_CSI_ECMA_HYBRID_SEC_MECH = 19,
        TAG_SSL_SEC_TRANS = 20,
        TAG_CSI_ECMA_PUBLIC_SEC_MECH = 21,
        TAG_GENERIC_SEC_MECH = 22,
        TAG_FIREWALL_TRANS = 23,
        TAG_SCCP_CONTACT_INFO = 24,
        TAG_JAVA_CODEBASE = 25,
        TAG_CSI_SEC_MECH_LIST = 33,
        TAG_NULL_TAG = 34,
        TAG_TLS_SEC_TRANS = 36,
        TAG_RMI_CUSTOM_MAX_STREAM_FORMAT = 38,
        TAG_DCE_STRING_BINDING = 100,
        TAG_DCE_BINDING_NAME = 101,
        TAG_DCE_NO_PIPES = 102,
        TAG_DCE_SEC_MECH = 103,
        TAG_INET_SEC_TRANS = 123,
    }
}

wire_enum! {
    /// `CORBA::CompletionStatus` of a system exception (§9.4.3.2).
    CompletionStatus(u32) {
        COMPLETED_YES = 0,
        COMPLETED_NO = 1,
        COMPLETED_MAYBE = 2,
    }
}

wire_enum! {
    /// `IOP::ORB_TYPE` values seen in `TAG_ORB_TYPE` components (vendor
    /// ids are assigned by the OMG).
    OrbType(u32) {
        /// omniORB ("ATT\0" in big-endian octets).
        OMNIORB = 0x4154_5400,
        /// TAO.
        TAO = 0x5441_4f00,
    }
}

/// `response_flags` of a GIOP 1.2 Request (§9.4.2.1): the SyncScope the
/// client asked for.
pub mod response_flags {
    /// Oneway, no reply (SYNC_NONE / SYNC_WITH_TRANSPORT).
    pub const NONE: u8 = 0x00;
    /// SYNC_WITH_SERVER: a reply before the servant is invoked.
    pub const SYNC_WITH_SERVER: u8 = 0x01;
    /// SYNC_WITH_TARGET: a reply after the operation (a normal two-way call).
    pub const SYNC_WITH_TARGET: u8 = 0x03;
}
