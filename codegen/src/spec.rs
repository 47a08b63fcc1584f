//! The spec files as written (serde model of `spec/README.md`), before any checking.
//!
//! These types are only deserialized from a document the JSON Schema has already accepted, so
//! their job is to carry values, not to report structural errors.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// `product.yaml`.
#[derive(Debug, Deserialize)]
pub(crate) struct ProductFile {
    pub product: String,
    pub title: String,
    #[serde(default)]
    pub title_zh: Option<String>,
    pub version: String,
    pub protocol: String,
    #[serde(rename = "crate")]
    pub crate_name: String,
    pub schemes: Vec<String>,
    pub default_scheme: String,
    pub default_region: String,
    pub endpoints: Endpoints,
}

/// `product.yaml` `endpoints`.
#[derive(Debug, Deserialize)]
pub(crate) struct Endpoints {
    pub pattern: String,
    #[serde(default)]
    pub regions: BTreeMap<String, String>,
}

/// `enums.yaml`.
#[derive(Debug, Deserialize)]
pub(crate) struct EnumsFile {
    #[serde(default)]
    pub enums: BTreeMap<String, EnumSpec>,
}

/// `errors.yaml`.
#[derive(Debug, Deserialize)]
pub(crate) struct ErrorsFile {
    #[serde(default)]
    pub errors: Vec<ErrorSpec>,
}

/// One enum (shared or local).
#[derive(Debug, Deserialize)]
pub(crate) struct EnumSpec {
    #[serde(default)]
    pub description: Option<String>,
    pub values: Vec<EnumValueSpec>,
}

/// One enum value.
#[derive(Debug, Deserialize)]
pub(crate) struct EnumValueSpec {
    pub value: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub rust_name: Option<String>,
}

/// One error code.
#[derive(Debug, Deserialize)]
pub(crate) struct ErrorSpec {
    pub code: String,
    pub http_status: u16,
    pub message: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub other_messages: Vec<ErrorMessageSpec>,
}

/// A further message of one error code.
#[derive(Debug, Deserialize)]
pub(crate) struct ErrorMessageSpec {
    pub message: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// `actions/<Action>.yaml`.
#[derive(Debug, Deserialize)]
pub(crate) struct ActionFile {
    pub action: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub methods: Vec<String>,
    pub read_only: bool,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub request: Option<RequestSpec>,
    #[serde(default)]
    pub response: Option<ResponseSpec>,
    #[serde(default)]
    pub enums: BTreeMap<String, EnumSpec>,
    #[serde(default)]
    pub errors: Vec<ErrorSpec>,
    #[serde(default)]
    pub examples: Option<ExamplesSpec>,
}

/// `request`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RequestSpec {
    #[serde(default)]
    pub parameters: Vec<MemberSpec>,
}

/// `response`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ResponseSpec {
    #[serde(default)]
    pub fields: Vec<MemberSpec>,
}

/// `examples`.
#[derive(Debug, Deserialize)]
pub(crate) struct ExamplesSpec {
    #[serde(default)]
    pub request: Option<String>,
    #[serde(default)]
    pub responses: Vec<ExampleSpec>,
}

/// One response example.
#[derive(Debug, Deserialize)]
pub(crate) struct ExampleSpec {
    pub format: String,
    pub body: String,
}

/// A type node: the shape shared by parameters, response fields and list items.
#[derive(Debug, Deserialize)]
pub(crate) struct TypeSpec {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, rename = "enum")]
    pub enum_name: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub items: Option<Box<TypeSpec>>,
    #[serde(default, rename = "struct")]
    pub struct_name: Option<String>,
    #[serde(default)]
    pub fields: Vec<MemberSpec>,
    #[serde(default)]
    pub wrapper: Option<String>,
}

/// A parameter or a response field (the schema decides which keys each may use).
#[derive(Debug, Deserialize)]
pub(crate) struct MemberSpec {
    pub name: String,
    #[serde(flatten)]
    pub ty: TypeSpec,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub example: Option<Value>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub style: Option<String>,
    #[serde(default)]
    pub secret: bool,
    #[serde(default)]
    pub default: Option<Value>,
    #[serde(default)]
    pub minimum: Option<f64>,
    #[serde(default)]
    pub maximum: Option<f64>,
    #[serde(default)]
    pub min_items: Option<usize>,
    #[serde(default)]
    pub max_items: Option<usize>,
    #[serde(default)]
    pub max_length: Option<usize>,
    #[serde(default)]
    pub max_bytes: Option<usize>,
    #[serde(default)]
    pub json_text: bool,
    #[serde(default)]
    pub json_fields: Vec<MemberSpec>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub rust_name: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
}
