//! JSON Schemas of the spec files, and structural validation against them.
//!
//! The schemas are built here (one source of truth for the loader) and checked in under
//! `codegen/schema/` for editors (`# yaml-language-server: $schema=...`); a test keeps the
//! checked-in copies equal to these.

use crate::diagnostics::{Diagnostic, closest};
use crate::locate::{SourceIndex, escape};
use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Value, json};
use std::path::Path;

/// The kind of spec file, which picks its schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Product,
    Enums,
    Errors,
    Action,
}

impl FileKind {
    /// Every kind, with the file name of its checked-in schema.
    #[cfg(test)]
    pub const ALL: [(FileKind, &'static str); 4] = [
        (FileKind::Product, "product.schema.json"),
        (FileKind::Enums, "enums.schema.json"),
        (FileKind::Errors, "errors.schema.json"),
        (FileKind::Action, "action.schema.json"),
    ];
}

/// Type names a type node may use.
pub(crate) const TYPE_NAMES: [&str; 9] = [
    "string",
    "integer",
    "long",
    "float",
    "boolean",
    "timestamp",
    "enum",
    "list",
    "object",
];

/// The one timestamp format the API uses.
pub(crate) const TIMESTAMP_FORMAT: &str = "yyyy-MM-ddTHH:mm:ssZ";

fn text() -> Value {
    json!({ "type": "string" })
}

fn flag() -> Value {
    json!({ "type": "boolean" })
}

fn object(properties: Map<String, Value>, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn props(entries: &[(&str, Value)]) -> Map<String, Value> {
    entries
        .iter()
        .map(|(key, value)| ((*key).to_owned(), value.clone()))
        .collect()
}

/// Keys of a type node; `member` is the definition its object fields use, `item` its items'.
fn type_node(member: &str, item: &str) -> Map<String, Value> {
    props(&[
        (
            "type",
            json!({ "enum": TYPE_NAMES, "description": "Wire type of the value." }),
        ),
        (
            "enum",
            json!({ "type": "string", "description": "Enum name, when type is enum." }),
        ),
        (
            "format",
            json!({ "enum": [TIMESTAMP_FORMAT], "description": "Timestamp format." }),
        ),
        ("items", json!({ "$ref": format!("#/$defs/{item}") })),
        (
            "struct",
            json!({ "type": "string", "description": "Rust name of an object type." }),
        ),
        (
            "fields",
            json!({ "type": "array", "items": { "$ref": format!("#/$defs/{member}") } }),
        ),
    ])
}

/// Keys every parameter and response field has besides its type node.
fn member_common() -> Map<String, Value> {
    props(&[
        (
            "name",
            json!({ "type": "string", "description": "Wire name." }),
        ),
        ("description", text()),
        (
            "example",
            json!({ "type": ["string", "number", "boolean"] }),
        ),
        (
            "source",
            json!({ "enum": ["table", "example", "metadata"] }),
        ),
        ("rust_name", text()),
        ("deprecated", flag()),
    ])
}

fn enum_def() -> Value {
    let value = object(
        props(&[
            ("value", text()),
            ("description", text()),
            ("rust_name", text()),
        ]),
        &["value"],
    );
    object(
        props(&[
            ("description", text()),
            ("values", json!({ "type": "array", "items": value })),
        ]),
        &["values"],
    )
}

fn error_def() -> Value {
    object(
        props(&[
            ("code", text()),
            (
                "http_status",
                json!({ "type": "integer", "minimum": 100, "maximum": 599 }),
            ),
            ("message", text()),
            ("description", text()),
            (
                "other_messages",
                json!({
                    "type": "array",
                    "items": object(props(&[("message", text()), ("description", text())]), &["message"]),
                }),
            ),
        ]),
        &["code", "http_status", "message"],
    )
}

fn document(title: &str, properties: Map<String, Value>, required: &[&str], defs: Value) -> Value {
    let mut schema = object(properties, required);
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        map.insert("title".into(), json!(title));
        map.insert("$defs".into(), defs);
    }
    schema
}

/// Editor hover text of each key (spec/README.md has the full story).
const KEY_DOCS: &[(&str, &str)] = &[
    (
        "action",
        "Wire name, UpperCamelCase, equal to the file stem.",
    ),
    ("title", "The page's heading."),
    ("description", "The page's text, verbatim."),
    ("notes", "The page's notes, one entry each."),
    (
        "methods",
        "Methods the action accepts; the first is the one the client sends.",
    ),
    (
        "read_only",
        "True when the action changes nothing (any failure may be retried).",
    ),
    (
        "regions",
        "Regions that serve the action; absent means all.",
    ),
    (
        "deprecated",
        "Marked deprecated by the page or the metadata.",
    ),
    ("request", "The request table."),
    ("parameters", "Request parameters (without `Action`)."),
    ("response", "The response table."),
    ("fields", "Members, nested as the page nests them."),
    ("enums", "Enums by UpperCamelCase name."),
    ("errors", "Error codes."),
    ("examples", "The page's examples, verbatim."),
    ("responses", "Response examples: `{format, body}`."),
    ("required", "The request cannot be built without it."),
    ("example", "The example value."),
    (
        "style",
        "How the value goes on the query: simple, repeatList (Name.N), flat (Name.Field), json.",
    ),
    (
        "secret",
        "The value is a secret: redacted in Debug, never logged.",
    ),
    ("default", "The documented default, as the page writes it."),
    ("minimum", "Smallest value."),
    ("maximum", "Largest value."),
    ("min_items", "Fewest list items."),
    ("max_items", "Most list items."),
    ("max_length", "Longest string, in characters."),
    ("max_bytes", "Longest string, in UTF-8 bytes."),
    ("json_text", "A string whose value is JSON text."),
    (
        "json_fields",
        "The documented structure of a JSON-text value.",
    ),
    (
        "source",
        "Where it is known from: table (default), example, metadata.",
    ),
    (
        "rust_name",
        "Identifier override, when the derived one is bad.",
    ),
    (
        "wrapper",
        "Inner key of a wrapped response list: {\"CertInfos\": {\"CertInfo\": [..]}}.",
    ),
    ("values", "The wire values, in page order."),
    ("value", "The wire value, exactly as sent."),
    ("code", "The Code the server returns, verbatim."),
    ("http_status", "The HTTP status the page gives."),
    ("message", "The English Message, verbatim."),
    ("other_messages", "Further rows of the same code."),
];

/// Adds the [`KEY_DOCS`] hover text to every property that has none.
fn describe_keys(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (key, property) in properties.iter_mut() {
                    let text = KEY_DOCS
                        .iter()
                        .find(|(name, _)| name == key)
                        .map(|(_, text)| *text);
                    if let (Some(text), Value::Object(property)) = (text, property) {
                        property.entry("description").or_insert_with(|| json!(text));
                    }
                }
            }
            map.values_mut().for_each(describe_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(describe_keys),
        _ => {}
    }
}

/// The JSON Schema of one kind of spec file.
pub(crate) fn schema(kind: FileKind) -> Value {
    let mut schema = schema_without_docs(kind);
    describe_keys(&mut schema);
    schema
}

fn schema_without_docs(kind: FileKind) -> Value {
    let enums_map = json!({ "type": "object", "additionalProperties": { "$ref": "#/$defs/enum" } });
    let errors_list = json!({ "type": "array", "items": { "$ref": "#/$defs/error" } });
    match kind {
        FileKind::Product => {
            let endpoints = object(
                props(&[
                    ("pattern", text()),
                    (
                        "regions",
                        json!({ "type": "object", "additionalProperties": text() }),
                    ),
                ]),
                &["pattern"],
            );
            document(
                "VOD spec: product.yaml",
                props(&[
                    ("product", text()),
                    ("title", text()),
                    ("title_zh", text()),
                    ("version", text()),
                    ("protocol", json!({ "enum": ["rpc"] })),
                    (
                        "crate",
                        json!({ "type": "string", "pattern": "^[a-z][a-z0-9_-]*$" }),
                    ),
                    (
                        "schemes",
                        json!({ "type": "array", "items": { "enum": ["https", "http"] } }),
                    ),
                    ("default_scheme", json!({ "enum": ["https", "http"] })),
                    ("default_region", text()),
                    ("endpoints", endpoints),
                ]),
                &[
                    "product",
                    "title",
                    "version",
                    "protocol",
                    "crate",
                    "schemes",
                    "default_scheme",
                    "default_region",
                    "endpoints",
                ],
                json!({}),
            )
        }
        FileKind::Enums => document(
            "VOD spec: enums.yaml",
            props(&[("enums", enums_map)]),
            &["enums"],
            json!({ "enum": enum_def() }),
        ),
        FileKind::Errors => document(
            "VOD spec: errors.yaml",
            props(&[("errors", errors_list)]),
            &["errors"],
            json!({ "error": error_def() }),
        ),
        FileKind::Action => {
            let mut parameter = type_node("parameter", "parameterItem");
            parameter.extend(member_common());
            parameter.extend(props(&[
                ("required", flag()),
                (
                    "style",
                    json!({ "enum": ["simple", "repeatList", "flat", "json"] }),
                ),
                ("secret", flag()),
                (
                    "default",
                    json!({ "type": ["string", "number", "boolean"] }),
                ),
                ("minimum", json!({ "type": "number" })),
                ("maximum", json!({ "type": "number" })),
                ("min_items", json!({ "type": "integer", "minimum": 0 })),
                ("max_items", json!({ "type": "integer", "minimum": 0 })),
                ("max_length", json!({ "type": "integer", "minimum": 0 })),
                ("max_bytes", json!({ "type": "integer", "minimum": 0 })),
                ("json_text", flag()),
                (
                    "json_fields",
                    json!({ "type": "array", "items": { "$ref": "#/$defs/parameter" } }),
                ),
            ]));
            let mut field = type_node("field", "fieldItem");
            field.extend(member_common());
            field.insert("wrapper".into(), text());
            let mut field_item = type_node("field", "fieldItem");
            field_item.insert("wrapper".into(), text());
            let request = object(
                props(&[(
                    "parameters",
                    json!({ "type": "array", "items": { "$ref": "#/$defs/parameter" } }),
                )]),
                &[],
            );
            let response = object(
                props(&[(
                    "fields",
                    json!({ "type": "array", "items": { "$ref": "#/$defs/field" } }),
                )]),
                &[],
            );
            let example = object(
                props(&[
                    ("format", json!({ "enum": ["json", "xml"] })),
                    ("body", text()),
                ]),
                &["format", "body"],
            );
            let examples = object(
                props(&[
                    ("request", text()),
                    ("responses", json!({ "type": "array", "items": example })),
                ]),
                &["request", "responses"],
            );
            document(
                "VOD spec: actions/<Action>.yaml",
                props(&[
                    (
                        "action",
                        json!({ "type": "string", "pattern": "^[A-Z][A-Za-z0-9]*$" }),
                    ),
                    ("title", text()),
                    ("description", text()),
                    ("notes", json!({ "type": "array", "items": text() })),
                    (
                        "methods",
                        json!({
                            "type": "array", "minItems": 1, "uniqueItems": true,
                            "items": { "enum": ["GET", "POST"] },
                        }),
                    ),
                    ("read_only", flag()),
                    ("regions", json!({ "type": "array", "items": text() })),
                    ("deprecated", flag()),
                    ("request", request),
                    ("response", response),
                    ("enums", enums_map),
                    ("errors", errors_list),
                    ("examples", examples),
                ]),
                &["action", "methods", "read_only", "examples"],
                json!({
                    "parameter": object(parameter, &["name", "type"]),
                    "parameterItem": object(type_node("parameter", "parameterItem"), &["type"]),
                    "field": object(field, &["name", "type"]),
                    "fieldItem": object(field_item, &["type"]),
                    "enum": enum_def(),
                    "error": error_def(),
                }),
            )
        }
    }
}

/// Follows a JSON pointer through `root`, resolving local `$ref`s on the way.
fn schema_at<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = root;
    for segment in pointer.split('/').skip(1) {
        node = node.get(segment).or_else(|| {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            schema_at(root, target)?.get(segment)
        })?;
    }
    Some(node)
}

/// Checks `document` against the schema of `kind`; every violation becomes a located diagnostic.
pub(crate) fn validate(
    kind: FileKind,
    file: &Path,
    document: &Value,
    index: &SourceIndex,
    out: &mut Vec<Diagnostic>,
) {
    let schema = schema(kind);
    let validator = match jsonschema::validator_for(&schema) {
        Ok(validator) => validator,
        Err(error) => {
            // The schemas are built above; a failure here is a bug in this file, still reported.
            out.push(Diagnostic {
                file: file.to_owned(),
                line: 0,
                column: 0,
                message: format!("internal error: the {kind:?} schema does not compile: {error}"),
                hint: None,
            });
            return;
        }
    };
    for error in validator.iter_errors(document) {
        let pointer = error.instance_path().to_string();
        let located =
            |position: crate::locate::Position, message: String, hint: Option<String>| Diagnostic {
                file: file.to_owned(),
                line: position.line,
                column: position.column,
                message,
                hint,
            };
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let parent = error.schema_path().to_string();
                let known: Vec<&str> = parent
                    .strip_suffix("/additionalProperties")
                    .and_then(|object| schema_at(&schema, &format!("{object}/properties")))
                    .and_then(Value::as_object)
                    .map(|properties| properties.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                for key in unexpected {
                    let hint = match closest(key, known.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("known keys here: {}", known.join(", ")),
                    };
                    let position = index.key(&format!("{pointer}/{}", escape(key)));
                    out.push(located(
                        position,
                        format!("unknown key `{key}`"),
                        Some(hint),
                    ));
                }
            }
            ValidationErrorKind::Required { property } => {
                let key = property.as_str().unwrap_or_default();
                out.push(located(
                    index.value(&pointer),
                    format!("missing required key `{key}`"),
                    Some(format!("add `{key}:` to this mapping (see spec/README.md)")),
                ));
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<String> = options
                    .as_array()
                    .map(|values| {
                        values
                            .iter()
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let given = error
                    .instance()
                    .as_str()
                    .map_or_else(|| error.instance().to_string(), str::to_owned);
                let hint = match closest(&given, allowed.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("use one of: {}", allowed.join(", ")),
                };
                out.push(located(
                    index.value(&pointer),
                    format!("`{given}` is not allowed here"),
                    Some(hint),
                ));
            }
            ValidationErrorKind::Type { .. } => out.push(located(
                index.value(&pointer),
                error.to_string(),
                Some("text goes in quotes when YAML would read it otherwise; numbers and true/false go unquoted".into()),
            )),
            _ => out.push(located(index.value(&pointer), error.to_string(), None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn schema_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
    }

    /// The checked-in schemas (used by editors) are the ones the loader uses. BLESS=1 rewrites.
    #[test]
    fn checked_in_schemas_are_current() {
        for (kind, file_name) in FileKind::ALL {
            let expected = serde_json::to_string_pretty(&schema(kind)).unwrap() + "\n";
            let path = schema_dir().join(file_name);
            if std::env::var_os("BLESS").is_some() {
                std::fs::write(&path, &expected).unwrap();
            }
            let actual = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                actual == expected,
                "{} is stale: run BLESS=1 cargo test -p codegen",
                path.display()
            );
        }
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_a_position() {
        let text = "action: A\nmethods: [GET]\nread_only: true\nexamples: {request: r, responses: []}\nrequest:\n  parameters:\n    - name: X\n      type: string\n      requird: true\n";
        let document: Value = serde_yaml::from_str(text).unwrap();
        let mut out = Vec::new();
        validate(
            FileKind::Action,
            Path::new("A.yaml"),
            &document,
            &SourceIndex::new(text),
            &mut out,
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].line, out[0].column), (9, 7));
        assert_eq!(out[0].message, "unknown key `requird`");
        assert_eq!(out[0].hint.as_deref(), Some("did you mean `required`?"));
    }
}
