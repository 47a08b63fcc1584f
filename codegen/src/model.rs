//! The resolved model: a validated spec with Rust names and types decided.
//!
//! Plain data, ordered deterministically (`BTreeMap`s, spec order for lists). The emitter turns
//! it into code; the emulator serves from it.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The whole API.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// Product facts from `product.yaml`.
    pub product: Product,
    /// Actions by wire name.
    pub actions: BTreeMap<String, Action>,
    /// Every enum (shared and action-local; names are unique across the spec) by name.
    pub enums: BTreeMap<String, Enum>,
    /// Error codes any action may return (`errors.yaml`), in spec order.
    pub common_errors: Vec<ErrorCode>,
}

impl Api {
    /// The error codes `action` documents followed by the common ones it does not reword
    /// (an action's entry for a common code is that action's wording of it).
    pub fn errors_of<'a>(&'a self, action: &'a Action) -> impl Iterator<Item = &'a ErrorCode> {
        let common = self
            .common_errors
            .iter()
            .filter(|common| !action.errors.iter().any(|own| own.code == common.code));
        action.errors.iter().chain(common)
    }
}

/// `product.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    /// Product code, `vod`.
    pub code: String,
    /// English title.
    pub title: String,
    /// Chinese title, if given.
    pub title_zh: Option<String>,
    /// API version, `2017-03-21`.
    pub version: String,
    /// Protocol, `rpc`.
    pub protocol: String,
    /// Name of the generated crate.
    pub crate_name: String,
    /// Schemes the endpoints accept, preferred first.
    pub schemes: Vec<String>,
    /// Scheme the client uses by default.
    pub default_scheme: String,
    /// Region used when the caller names none.
    pub default_region: String,
    /// Host for regions without an override; `{region}` is replaced.
    pub endpoint_pattern: String,
    /// Region to host overrides.
    pub regional_endpoints: BTreeMap<String, String>,
}

/// HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

/// One action.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// Wire name, `DescribeVodDomainCertificateInfo`.
    pub name: String,
    /// The spec file, relative to the spec directory (`actions/<name>.yaml`).
    pub source: PathBuf,
    /// Rust module name, `describe_vod_domain_certificate_info`.
    pub module: String,
    /// Short title.
    pub title: Option<String>,
    /// Description from the reference page.
    pub description: Option<String>,
    /// Notes from the reference page.
    pub notes: Vec<String>,
    /// Methods the action accepts; the first is the one the client sends.
    pub methods: Vec<Method>,
    /// True when the action changes nothing.
    pub read_only: bool,
    /// Regions that serve the action; empty means every region.
    pub regions: Vec<String>,
    /// True when the action is deprecated.
    pub deprecated: bool,
    /// Request parameters, in spec order.
    pub parameters: Vec<Parameter>,
    /// Top-level response fields, in spec order.
    pub fields: Vec<Field>,
    /// Names of the enums this action defines itself (they live in [`Api::enums`]).
    pub local_enums: Vec<String>,
    /// The action's own error codes (see [`Api::errors_of`] for these plus the common ones).
    pub errors: Vec<ErrorCode>,
    /// The reference page's examples.
    pub examples: Examples,
}

impl Action {
    /// Name of the generated request type.
    pub fn request_type(&self) -> String {
        format!("{}Request", self.name)
    }

    /// Name of the generated response type.
    pub fn response_type(&self) -> String {
        format!("{}Response", self.name)
    }

    /// Name of the generated error-code enum.
    pub fn error_type(&self) -> String {
        format!("{}ErrorCode", self.name)
    }
}

/// Wire type of a value; `M` is the member type of objects ([`Parameter`] or [`Field`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Type<M> {
    /// Text.
    String,
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    Long,
    /// 64-bit float.
    Float,
    /// `true`/`false`.
    Boolean,
    /// UTC time, `yyyy-MM-ddTHH:mm:ssZ`.
    Timestamp,
    /// A value of the named enum.
    Enum(String),
    /// A list.
    List {
        /// Type of each item.
        items: Box<Type<M>>,
        /// On the wire the list is `{"<Field>": {"<wrapper>": [..]}}` (responses only).
        wrapper: Option<String>,
    },
    /// A structure.
    Object {
        /// Rust name of the struct.
        name: String,
        /// Its members.
        fields: Vec<M>,
    },
}

/// How a parameter goes on the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Scalars as text, lists comma-joined.
    Simple,
    /// `Name.N`, `Name.N.Field` (1-based).
    RepeatList,
    /// `Name.Field`.
    Flat,
    /// Compact JSON.
    Json,
}

/// Where the spec learnt of a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The reference table.
    Table,
    /// Only the page's examples.
    Example,
    /// Only the machine-readable metadata.
    Metadata,
}

/// Limits the reference page states for a parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Limits {
    /// Smallest value.
    pub minimum: Option<f64>,
    /// Largest value.
    pub maximum: Option<f64>,
    /// Fewest list items.
    pub min_items: Option<usize>,
    /// Most list items.
    pub max_items: Option<usize>,
    /// Longest string, in characters.
    pub max_length: Option<usize>,
    /// Longest string, in UTF-8 bytes.
    pub max_bytes: Option<usize>,
}

/// A request parameter (or a member of a parameter object).
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// Wire name.
    pub wire_name: String,
    /// Rust field name (may be a raw identifier such as `r#type`).
    pub rust_name: String,
    /// Type.
    pub ty: Type<Parameter>,
    /// True when the request cannot be built without it.
    pub required: bool,
    /// Query style.
    pub style: Style,
    /// True when the value must never be shown (redacted in `Debug`).
    pub secret: bool,
    /// Documented limits.
    pub limits: Limits,
    /// Documented default, as text.
    pub default: Option<String>,
    /// Example value, as text.
    pub example: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Where the spec learnt of it.
    pub source: Source,
    /// True when deprecated.
    pub deprecated: bool,
    /// True when the string value is JSON text.
    pub json_text: bool,
    /// The documented structure of a JSON-text value (documentation only; the type stays text).
    pub json_fields: Vec<Parameter>,
}

/// A response field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Wire name.
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Type.
    pub ty: Type<Field>,
    /// Description.
    pub description: Option<String>,
    /// Example value, as text.
    pub example: Option<String>,
    /// Where the spec learnt of it.
    pub source: Source,
    /// True when deprecated.
    pub deprecated: bool,
}

/// An enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    /// Rust type name (the spec name).
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Known values, in spec order.
    pub values: Vec<EnumValue>,
    /// The action that defines it, or `None` for `enums.yaml`.
    pub owner: Option<String>,
}

/// One enum value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue {
    /// Wire value.
    pub value: String,
    /// Rust variant name.
    pub variant: String,
    /// Description.
    pub description: Option<String>,
}

/// A documented error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorCode {
    /// Wire code, `InvalidDomain.NotFound`.
    pub code: String,
    /// Rust variant name, `InvalidDomainNotFound`.
    pub variant: String,
    /// HTTP status the service answers with.
    pub http_status: u16,
    /// The service's message.
    pub message: String,
    /// Description.
    pub description: Option<String>,
    /// Further messages the page lists for the same code.
    pub other_messages: Vec<ErrorMessage>,
}

/// A further message of one error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorMessage {
    /// The service's message.
    pub message: String,
    /// Description.
    pub description: Option<String>,
}

/// The reference page's examples.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Examples {
    /// The request example, verbatim.
    pub request: Option<String>,
    /// Response examples, verbatim.
    pub responses: Vec<Example>,
}

/// Format of a response example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleFormat {
    /// JSON.
    Json,
    /// XML.
    Xml,
}

/// One response example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// Its format.
    pub format: ExampleFormat,
    /// The body, verbatim.
    pub body: String,
}
