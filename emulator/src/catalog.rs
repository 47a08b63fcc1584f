//! What the emulator knows of each action: the view of the spec it validates requests against
//! and answers from. It is built from the spec model `codegen::load` returns (see
//! [`Catalog::from_api`]); nothing here parses YAML.

use std::collections::BTreeMap;

/// How a parameter is flattened into query pairs: the spec model's own notion.
pub use codegen::model::Style;
use codegen::model::{self, Api, ExampleFormat, Field, Limits, Parameter, Type};
use serde_json::Value;

use crate::error::ServiceError;

/// Every action of one API version.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// API version callers must name, `2017-03-21`.
    pub version: String,
    /// Actions by wire name.
    pub actions: BTreeMap<String, ActionSpec>,
    /// Errors every action may return, by code.
    pub common_errors: BTreeMap<String, ErrorSpec>,
}

/// One action.
#[derive(Clone, Debug)]
pub struct ActionSpec {
    /// Wire name.
    pub name: String,
    /// HTTP methods the action accepts.
    pub methods: Vec<String>,
    /// Request parameters.
    pub parameters: Vec<ParamSpec>,
    /// The action's own error codes.
    pub errors: BTreeMap<String, ErrorSpec>,
    /// The JSON response example, the body served when no state overrides it.
    pub example_response: Option<Value>,
}

/// One documented error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorSpec {
    /// HTTP status.
    pub http_status: u16,
    /// Message the service sends.
    pub message: String,
}

/// One request parameter.
#[derive(Clone, Debug)]
pub struct ParamSpec {
    /// Wire name.
    pub name: String,
    /// Whether the call fails without it.
    pub required: bool,
    /// How it is flattened into the query.
    pub style: Style,
    /// Type and limits.
    pub kind: Kind,
}

/// Type of a parameter or list item, with the limits the docs state.
#[derive(Clone, Debug)]
pub enum Kind {
    /// Text, optionally bounded in characters.
    String {
        /// Longest accepted value.
        max_length: Option<u64>,
    },
    /// A whole number that fits in `bits` bits (32 or 64), optionally bounded.
    Integer {
        /// 32 or 64.
        bits: u8,
        /// Smallest accepted value.
        minimum: Option<f64>,
        /// Largest accepted value.
        maximum: Option<f64>,
    },
    /// A 64-bit float, optionally bounded.
    Float {
        /// Smallest accepted value.
        minimum: Option<f64>,
        /// Largest accepted value.
        maximum: Option<f64>,
    },
    /// `true` or `false`.
    Boolean,
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    Timestamp,
    /// One of the listed wire values.
    Enum(Vec<String>),
    /// A list of items.
    List {
        /// Item type.
        items: Box<Kind>,
        /// Fewest items.
        min_items: Option<u64>,
        /// Most items.
        max_items: Option<u64>,
    },
    /// A structure with named fields.
    Object(Vec<ParamSpec>),
    /// Text that must be JSON: an object, or a list of objects, with these fields (any JSON
    /// when the spec documents none).
    JsonText {
        /// Longest accepted value.
        max_length: Option<u64>,
        /// Documented fields of each object.
        fields: Vec<ParamSpec>,
    },
}

impl Catalog {
    /// Loads and validates the spec in `spec_dir` with `codegen::load`; the error lists the
    /// diagnostics.
    pub fn load(spec_dir: &std::path::Path) -> Result<Self, String> {
        codegen::load(spec_dir)
            .map(|api| Catalog::from_api(&api))
            .map_err(|d| d.to_string())
    }

    /// The emulator's view of a resolved spec.
    pub fn from_api(api: &Api) -> Self {
        let errors = |list: &[model::ErrorCode]| -> BTreeMap<String, ErrorSpec> {
            list.iter()
                .map(|e| {
                    let message = e.message.clone();
                    (
                        e.code.clone(),
                        ErrorSpec {
                            http_status: e.http_status,
                            message,
                        },
                    )
                })
                .collect()
        };
        let actions = api
            .actions
            .values()
            .map(|action| {
                let spec = ActionSpec {
                    name: action.name.clone(),
                    methods: action
                        .methods
                        .iter()
                        .map(|m| format!("{m:?}").to_uppercase())
                        .collect(),
                    parameters: action
                        .parameters
                        .iter()
                        .map(|p| param_spec(p, api))
                        .collect(),
                    errors: errors(&action.errors),
                    // The spec checker has parsed the JSON example; one that does not parse
                    // here is served as an empty document rather than failing the start.
                    example_response: action
                        .examples
                        .responses
                        .iter()
                        .find(|e| e.format == ExampleFormat::Json)
                        .and_then(|e| serde_json::from_str(&e.body).ok())
                        .map(|mut example| {
                            coerce(&mut example, &action.fields);
                            example
                        }),
                };
                (action.name.clone(), spec)
            })
            .collect();
        Catalog {
            version: api.product.version.clone(),
            actions,
            common_errors: errors(&api.common_errors),
        }
    }

    /// The action named `name`, or `InvalidAction.NotFound`.
    pub fn action(&self, name: &str) -> Result<&ActionSpec, ServiceError> {
        self.actions.get(name).ok_or_else(|| {
            let mut error = self.lookup(None, "InvalidAction.NotFound");
            error.message = format!("{} Action: {name}", error.message);
            error
        })
    }

    /// The error `code` as `action` documents it (see [`Catalog::lookup`]).
    pub fn error(&self, action: &ActionSpec, code: &str) -> ServiceError {
        self.lookup(Some(action), code)
    }

    /// The error `code` as `action` documents it, else as the common errors or another
    /// action document it (codes are product-wide); a code documented nowhere is a 400 with a
    /// generic message.
    pub fn lookup(&self, action: Option<&ActionSpec>, code: &str) -> ServiceError {
        let documented = action
            .and_then(|action| action.errors.get(code))
            .or_else(|| self.common_errors.get(code))
            .or_else(|| {
                self.actions
                    .values()
                    .find_map(|other| other.errors.get(code))
            });
        match documented {
            Some(spec) => ServiceError::new(spec.http_status, code, spec.message.clone()),
            None => ServiceError::new(400, code, format!("The request failed with {code}.")),
        }
    }
}

impl ActionSpec {
    /// Checks `params` (every query and form pair, decoded) against the parameter list:
    /// required parameters present, values of the right type, enum values known, limits kept.
    pub fn validate(&self, params: &BTreeMap<String, String>) -> Result<(), ServiceError> {
        self.parameters
            .iter()
            .try_for_each(|param| validate_param(param, &param.name, params))
    }
}

/// Example bodies often quote numbers and booleans (`"TotalCount": "2"`); the service sends
/// JSON numbers and booleans where the response fields say so, and so does the emulator.
fn coerce(document: &mut Value, fields: &[Field]) {
    let Value::Object(members) = document else {
        return;
    };
    for field in fields {
        if let Some(value) = members.get_mut(&field.wire_name) {
            coerce_value(value, &field.ty);
        }
    }
}

fn coerce_value(value: &mut Value, ty: &Type<Field>) {
    match ty {
        Type::Integer | Type::Long => {
            if let Some(number) = value.as_str().and_then(|s| s.parse::<i64>().ok()) {
                *value = number.into();
            }
        }
        Type::Float => {
            let number = value.as_str().and_then(|s| s.parse::<f64>().ok());
            if let Some(number) = number.and_then(serde_json::Number::from_f64) {
                *value = Value::Number(number);
            }
        }
        Type::Boolean => match value.as_str() {
            Some("true") => *value = true.into(),
            Some("false") => *value = false.into(),
            _ => {}
        },
        Type::List { items, wrapper } => {
            let list = match wrapper {
                Some(wrapper) => value.get_mut(wrapper.as_str()),
                None => Some(value),
            };
            if let Some(Value::Array(list)) = list {
                list.iter_mut().for_each(|item| coerce_value(item, items));
            }
        }
        Type::Object { fields, .. } => coerce(value, fields),
        Type::String | Type::Timestamp | Type::Enum(_) => {}
    }
}

fn param_spec(param: &Parameter, api: &Api) -> ParamSpec {
    ParamSpec {
        name: param.wire_name.clone(),
        required: param.required,
        style: param.style,
        kind: kind(
            &param.ty,
            &param.limits,
            param.json_text,
            &param.json_fields,
            api,
        ),
    }
}

/// Only a string can be JSON text.
fn param_json_text(ty: &Type<Parameter>, json_text: bool) -> bool {
    json_text && *ty == Type::String
}

/// The checkable type of `ty`; `limits` are the parameter's own (list items get none).
fn kind(
    ty: &Type<Parameter>,
    limits: &Limits,
    json_text: bool,
    json_fields: &[Parameter],
    api: &Api,
) -> Kind {
    let count = |n: Option<usize>| n.map(|n| n as u64);
    if param_json_text(ty, json_text) {
        return Kind::JsonText {
            max_length: count(limits.max_length),
            fields: json_fields.iter().map(|f| param_spec(f, api)).collect(),
        };
    }
    match ty {
        Type::String => Kind::String {
            max_length: count(limits.max_length),
        },
        Type::Integer => Kind::Integer {
            bits: 32,
            minimum: limits.minimum,
            maximum: limits.maximum,
        },
        Type::Long => Kind::Integer {
            bits: 64,
            minimum: limits.minimum,
            maximum: limits.maximum,
        },
        Type::Float => Kind::Float {
            minimum: limits.minimum,
            maximum: limits.maximum,
        },
        Type::Boolean => Kind::Boolean,
        Type::Timestamp => Kind::Timestamp,
        Type::Enum(name) => Kind::Enum(
            api.enums
                .get(name)
                .map(|e| e.values.iter().map(|v| v.value.clone()).collect())
                .unwrap_or_default(),
        ),
        Type::List { items, .. } => Kind::List {
            items: Box::new(kind(items, &Limits::default(), false, &[], api)),
            min_items: count(limits.min_items),
            max_items: count(limits.max_items),
        },
        Type::Object { fields, .. } => {
            Kind::Object(fields.iter().map(|f| param_spec(f, api)).collect())
        }
    }
}

/// Validates `param`, which sits at wire key `key` (a nested field's key has its prefix).
fn validate_param(
    param: &ParamSpec,
    key: &str,
    params: &BTreeMap<String, String>,
) -> Result<(), ServiceError> {
    match (param.style, &param.kind) {
        (
            Style::RepeatList,
            Kind::List {
                items,
                min_items,
                max_items,
            },
        ) => {
            let count = repeat_count(key, params)?;
            if count == 0 {
                return absent(param, key);
            }
            check_count(key, count, *min_items, *max_items)?;
            (1..=count).try_for_each(|n| validate_nested(items, &format!("{key}.{n}"), params))
        }
        (Style::Flat, Kind::Object(fields)) => {
            let prefix = format!("{key}.");
            if !params.keys().any(|k| k.starts_with(&prefix)) {
                return absent(param, key);
            }
            fields.iter().try_for_each(|field| {
                validate_param(field, &format!("{key}.{}", field.name), params)
            })
        }
        _ => match params.get(key) {
            None => absent(param, key),
            Some(value) if param.style == Style::Json => validate_json(&param.kind, key, value),
            Some(value) => validate_text(&param.kind, key, value),
        },
    }
}

fn absent(param: &ParamSpec, key: &str) -> Result<(), ServiceError> {
    if param.required {
        Err(ServiceError::missing_parameter(key))
    } else {
        Ok(())
    }
}

/// A list item under a repeat list: an object's fields are `key.Field`, a scalar is `key`.
fn validate_nested(
    kind: &Kind,
    key: &str,
    params: &BTreeMap<String, String>,
) -> Result<(), ServiceError> {
    match kind {
        Kind::Object(fields) => fields
            .iter()
            .try_for_each(|field| validate_param(field, &format!("{key}.{}", field.name), params)),
        _ => match params.get(key) {
            Some(value) => validate_text(kind, key, value),
            None => Err(ServiceError::missing_parameter(key)),
        },
    }
}

/// How many items a repeat list has: the indices must run 1..=N without gaps.
fn repeat_count(key: &str, params: &BTreeMap<String, String>) -> Result<u64, ServiceError> {
    let prefix = format!("{key}.");
    let mut indices: Vec<u64> = Vec::new();
    for wire_key in params.keys().filter_map(|k| k.strip_prefix(&prefix)) {
        let index_text = wire_key.split('.').next().unwrap_or(wire_key);
        let index = index_text
            .parse::<u64>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                ServiceError::invalid_parameter(key, format!("bad list index {index_text:?}"))
            })?;
        indices.push(index);
    }
    indices.sort_unstable();
    indices.dedup();
    match indices
        .iter()
        .zip(1..)
        .find(|(index, expected)| **index != *expected)
    {
        Some((_, gap)) => Err(ServiceError::missing_parameter(&format!("{key}.{gap}"))),
        None => Ok(indices.len() as u64),
    }
}

fn check_count(
    key: &str,
    count: u64,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ServiceError> {
    if min.is_some_and(|min| count < min) || max.is_some_and(|max| count > max) {
        return Err(ServiceError::invalid_parameter(
            key,
            format!("{count} items, expected {}..={}", bound(min), bound(max)),
        ));
    }
    Ok(())
}

fn bound<T: std::fmt::Display>(limit: Option<T>) -> String {
    limit.map_or_else(String::new, |l| l.to_string())
}

/// A value sent as text (simple style).
fn validate_text(kind: &Kind, key: &str, value: &str) -> Result<(), ServiceError> {
    match kind {
        Kind::String { max_length } => check_length(key, value, *max_length),
        Kind::JsonText { max_length, fields } => {
            check_length(key, value, *max_length)?;
            let document = parse_json_text(value)
                .map_err(|e| ServiceError::invalid_parameter(key, format!("not JSON ({e})")))?;
            if fields.is_empty() {
                return Ok(());
            }
            let object = Kind::Object(fields.clone());
            match &document {
                Value::Array(items) => items
                    .iter()
                    .try_for_each(|item| validate_json_value(&object, key, item)),
                _ => validate_json_value(&object, key, &document),
            }
        }
        Kind::Integer {
            bits,
            minimum,
            maximum,
        } => {
            let number = match bits {
                32 => value.parse::<i32>().map(i64::from),
                _ => value.parse::<i64>(),
            }
            .map_err(|_| {
                ServiceError::invalid_parameter(key, format!("{value:?} is not an integer"))
            })?;
            // Limits in the docs are small, so the f64 comparison is exact.
            check_range(key, number as f64, *minimum, *maximum)
        }
        Kind::Float { minimum, maximum } => {
            let number = value
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| {
                    ServiceError::invalid_parameter(key, format!("{value:?} is not a number"))
                })?;
            check_range(key, number, *minimum, *maximum)
        }
        Kind::Boolean => match value {
            // Python's official SDK stringifies booleans as `True`/`False`.
            "true" | "false" | "True" | "False" => Ok(()),
            _ => Err(ServiceError::invalid_parameter(
                key,
                format!("{value:?} is not a boolean"),
            )),
        },
        Kind::Timestamp => value
            .parse::<vod_runtime::Timestamp>()
            .map(|_| ())
            .map_err(|_| ServiceError::invalid_parameter(key, "expected yyyy-MM-ddTHH:mm:ssZ")),
        Kind::Enum(values) => {
            if values.iter().any(|v| v == value) {
                Ok(())
            } else {
                Err(ServiceError::invalid_parameter(
                    key,
                    format!("{value:?} is not one of {}", values.join(", ")),
                ))
            }
        }
        Kind::List {
            items,
            min_items,
            max_items,
        } => {
            let parts: Vec<&str> = value.split(',').collect();
            check_count(key, parts.len() as u64, *min_items, *max_items)?;
            parts
                .iter()
                .try_for_each(|part| validate_text(items, key, part))
        }
        Kind::Object(_) => Err(ServiceError::invalid_parameter(
            key,
            "an object cannot be sent as text",
        )),
    }
}

/// A value sent as one JSON document (json style).
fn validate_json(kind: &Kind, key: &str, value: &str) -> Result<(), ServiceError> {
    let document: Value = serde_json::from_str(value)
        .map_err(|e| ServiceError::invalid_parameter(key, format!("not JSON ({e})")))?;
    validate_json_value(kind, key, &document)
}

fn validate_json_value(kind: &Kind, key: &str, value: &Value) -> Result<(), ServiceError> {
    match (kind, value) {
        (
            Kind::List {
                items,
                min_items,
                max_items,
            },
            Value::Array(elements),
        ) => {
            check_count(key, elements.len() as u64, *min_items, *max_items)?;
            elements
                .iter()
                .try_for_each(|e| validate_json_value(items, key, e))
        }
        (Kind::Object(fields), Value::Object(members)) => fields.iter().try_for_each(|field| {
            let field_key = format!("{key}.{}", field.name);
            match members.get(&field.name) {
                Some(member) => validate_json_value(&field.kind, &field_key, member),
                None if field.required => {
                    Err(ServiceError::invalid_parameter(&field_key, "missing"))
                }
                None => Ok(()),
            }
        }),
        (Kind::List { .. } | Kind::Object(_), other) => Err(ServiceError::invalid_parameter(
            key,
            format!("unexpected JSON {other}"),
        )),
        (_, Value::String(text)) => validate_text(kind, key, text),
        (_, scalar) => validate_text(kind, key, &scalar.to_string()),
    }
}

/// Parses JSON text as the service does: strictly, or else with single-quoted strings (the
/// reference pages' own examples use them, e.g. SubmitSnapshotJob's `SpriteSnapshotConfig`).
fn parse_json_text(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text)
        .or_else(|strict| serde_json::from_str(&requote(text)).map_err(|_| strict))
}

/// `text` with each single-quoted string rewritten double-quoted; everything else unchanged.
fn requote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (open, c) {
            (None, '\'' | '"') => {
                open = Some(c);
                out.push('"');
            }
            (Some(quote), '\\') => match chars.next() {
                // `\'` inside single quotes is a plain quote inside double quotes.
                Some('\'') if quote == '\'' => out.push('\''),
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            },
            (Some(quote), _) if c == quote => {
                open = None;
                out.push('"');
            }
            (Some('\''), '"') => out.push_str("\\\""),
            _ => out.push(c),
        }
    }
    out
}

fn check_length(key: &str, value: &str, max_length: Option<u64>) -> Result<(), ServiceError> {
    let length = value.chars().count() as u64;
    match max_length {
        Some(max) if length > max => Err(ServiceError::invalid_parameter(
            key,
            format!("{length} characters, at most {max} allowed"),
        )),
        _ => Ok(()),
    }
}

fn check_range(
    key: &str,
    number: f64,
    minimum: Option<f64>,
    maximum: Option<f64>,
) -> Result<(), ServiceError> {
    if minimum.is_some_and(|min| number < min) || maximum.is_some_and(|max| number > max) {
        return Err(ServiceError::invalid_parameter(
            key,
            format!(
                "{number} is outside {}..={}",
                bound(minimum),
                bound(maximum)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &str, required: bool, style: Style, kind: Kind) -> ParamSpec {
        ParamSpec {
            name: name.into(),
            required,
            style,
            kind,
        }
    }

    fn action(parameters: Vec<ParamSpec>) -> ActionSpec {
        ActionSpec {
            name: "A".into(),
            methods: vec!["POST".into()],
            parameters,
            errors: BTreeMap::new(),
            example_response: None,
        }
    }

    fn pairs(list: &[(&str, &str)]) -> BTreeMap<String, String> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn code(result: Result<(), ServiceError>) -> String {
        result.err().map(|e| e.code).unwrap_or_default()
    }

    #[test]
    fn scalars_are_checked_for_presence_type_and_limits() {
        let spec = action(vec![
            param(
                "DomainName",
                true,
                Style::Simple,
                Kind::String {
                    max_length: Some(5),
                },
            ),
            param(
                "PageSize",
                false,
                Style::Simple,
                Kind::Integer {
                    bits: 32,
                    minimum: Some(1.0),
                    maximum: Some(50.0),
                },
            ),
            param(
                "Mode",
                false,
                Style::Simple,
                Kind::Enum(vec!["on".into(), "off".into()]),
            ),
        ]);
        assert_eq!(code(spec.validate(&pairs(&[("DomainName", "a.com")]))), "");
        assert_eq!(code(spec.validate(&pairs(&[]))), "MissingParameter");
        assert_eq!(
            code(spec.validate(&pairs(&[("DomainName", "ab.com")]))),
            "InvalidParameter"
        );
        for bad in ["0", "51", "x", "99999999999"] {
            let result = spec.validate(&pairs(&[("DomainName", "a"), ("PageSize", bad)]));
            assert_eq!(code(result), "InvalidParameter", "{bad}");
        }
        assert_eq!(
            code(spec.validate(&pairs(&[("DomainName", "a"), ("Mode", "maybe")]))),
            "InvalidParameter"
        );
        assert_eq!(
            code(spec.validate(&pairs(&[("DomainName", "a"), ("Mode", "on")]))),
            ""
        );
    }

    #[test]
    fn repeat_lists_need_contiguous_indices_and_valid_fields() {
        let tag = Kind::Object(vec![
            param(
                "Key",
                true,
                Style::Simple,
                Kind::String { max_length: None },
            ),
            param(
                "Value",
                false,
                Style::Simple,
                Kind::String { max_length: None },
            ),
        ]);
        let spec = action(vec![param(
            "Tag",
            false,
            Style::RepeatList,
            Kind::List {
                items: Box::new(tag),
                min_items: None,
                max_items: Some(2),
            },
        )]);
        assert_eq!(
            code(spec.validate(&pairs(&[("Tag.1.Key", "k"), ("Tag.2.Key", "j")]))),
            ""
        );
        let gap = spec.validate(&pairs(&[("Tag.1.Key", "k"), ("Tag.3.Key", "j")]));
        assert!(gap.unwrap_err().message.contains("Tag.2"));
        assert_eq!(
            code(spec.validate(&pairs(&[("Tag.1.Value", "v")]))),
            "MissingParameter"
        );
        let three = pairs(&[("Tag.1.Key", "a"), ("Tag.2.Key", "b"), ("Tag.3.Key", "c")]);
        assert_eq!(code(spec.validate(&three)), "InvalidParameter");
        assert_eq!(
            code(spec.validate(&pairs(&[("Tag.x.Key", "a")]))),
            "InvalidParameter"
        );
    }

    #[test]
    fn json_lists_are_parsed_and_item_types_checked() {
        let spec = action(vec![param(
            "Times",
            true,
            Style::Json,
            Kind::List {
                items: Box::new(Kind::Integer {
                    bits: 64,
                    minimum: None,
                    maximum: None,
                }),
                min_items: None,
                max_items: None,
            },
        )]);
        assert_eq!(code(spec.validate(&pairs(&[("Times", "[1000,2000]")]))), "");
        assert_eq!(
            code(spec.validate(&pairs(&[("Times", "[1.5]")]))),
            "InvalidParameter"
        );
        assert_eq!(
            code(spec.validate(&pairs(&[("Times", "[1000")]))),
            "InvalidParameter"
        );
        assert_eq!(
            code(spec.validate(&pairs(&[("Times", "{}")]))),
            "InvalidParameter"
        );
    }

    #[test]
    fn json_text_must_parse_and_match_its_documented_fields() {
        let source = Kind::JsonText {
            max_length: None,
            fields: vec![
                param(
                    "type",
                    true,
                    Style::Simple,
                    Kind::Enum(vec!["ipaddr".into(), "oss".into()]),
                ),
                param(
                    "port",
                    false,
                    Style::Simple,
                    Kind::Integer {
                        bits: 32,
                        minimum: None,
                        maximum: None,
                    },
                ),
            ],
        };
        let spec = action(vec![param("Sources", true, Style::Simple, source)]);
        let check = |text: &str| code(spec.validate(&pairs(&[("Sources", text)])));
        assert_eq!(check(r#"[{"type":"ipaddr","port":80}]"#), "");
        assert_eq!(check(r#"{"type":"oss","port":"443"}"#), "");
        assert_eq!(check("[{"), "InvalidParameter");
        assert_eq!(check(r#"[{"port":80}]"#), "InvalidParameter");
        assert_eq!(check(r#"[{"type":"ftp"}]"#), "InvalidParameter");
        assert_eq!(check(r#"[{"type":"oss","port":"x"}]"#), "InvalidParameter");
        let message = spec
            .validate(&pairs(&[("Sources", r#"[{"port":80}]"#)]))
            .unwrap_err()
            .message;
        assert!(message.contains("Sources.type"), "{message}");

        let python_style = r#"{'CellWidth': 120, 'Name': 'a "b" \'c\''}"#;
        let lenient = action(vec![param(
            "Config",
            true,
            Style::Simple,
            Kind::JsonText {
                max_length: None,
                fields: vec![],
            },
        )]);
        assert_eq!(
            code(lenient.validate(&pairs(&[("Config", python_style)]))),
            ""
        );
        assert_eq!(
            parse_json_text(python_style).unwrap(),
            serde_json::json!({"CellWidth": 120, "Name": "a \"b\" 'c'"})
        );
        assert_eq!(
            code(lenient.validate(&pairs(&[("Config", "{'a': }")]))),
            "InvalidParameter"
        );

        let free = action(vec![param(
            "UserData",
            false,
            Style::Simple,
            Kind::JsonText {
                max_length: Some(10),
                fields: vec![],
            },
        )]);
        assert_eq!(
            code(free.validate(&pairs(&[("UserData", r#"{"a":1}"#)]))),
            ""
        );
        assert_eq!(
            code(free.validate(&pairs(&[("UserData", "nope")]))),
            "InvalidParameter"
        );
        assert_eq!(
            code(free.validate(&pairs(&[("UserData", r#"{"a":12345678}"#)]))),
            "InvalidParameter"
        );
    }

    #[test]
    fn quoted_numbers_and_booleans_in_examples_become_json_ones() {
        let field = |name: &str, ty: Type<Field>| Field {
            wire_name: name.into(),
            rust_name: name.to_lowercase(),
            ty,
            description: None,
            example: None,
            source: model::Source::Table,
            deprecated: false,
        };
        let source = Type::Object {
            name: "Source".into(),
            fields: vec![field("Port", Type::Integer), field("Content", Type::String)],
        };
        let fields = vec![
            field("TotalCount", Type::Long),
            field("Ratio", Type::Float),
            field("Enabled", Type::Boolean),
            field("Name", Type::String),
            field(
                "Sources",
                Type::List {
                    items: Box::new(source),
                    wrapper: Some("Source".into()),
                },
            ),
        ];
        let mut example = serde_json::json!({
            "TotalCount": "2", "Ratio": "0.5", "Enabled": "false", "Name": "10",
            "Sources": {"Source": [{"Port": "80", "Content": "1"}, {"Port": "eighty"}]},
            "Unknown": "3"
        });
        coerce(&mut example, &fields);
        assert_eq!(
            example,
            serde_json::json!({
                "TotalCount": 2, "Ratio": 0.5, "Enabled": false, "Name": "10",
                "Sources": {"Source": [{"Port": 80, "Content": "1"}, {"Port": "eighty"}]},
                "Unknown": "3"
            })
        );
    }

    #[test]
    fn booleans_accept_both_spellings_of_official_clients() {
        let spec = action(vec![param("On", false, Style::Simple, Kind::Boolean)]);
        for ok in ["true", "false", "True", "False"] {
            assert_eq!(code(spec.validate(&pairs(&[("On", ok)]))), "");
        }
        assert_eq!(
            code(spec.validate(&pairs(&[("On", "1")]))),
            "InvalidParameter"
        );
    }
}
