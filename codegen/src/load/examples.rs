//! Examples checked against the resolved model: parameter examples against their types, the
//! request example's names against the parameters, JSON response bodies against the fields.

use super::SourceFile;
use super::resolve::{ActionScope, text_of};
use crate::diagnostics::closest;
use crate::locate::Position;
use crate::model::*;
use crate::schema::TIMESTAMP_FORMAT;
use crate::spec::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// True for `yyyy-MM-ddTHH:mm:ssZ`.
pub(crate) fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 20
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b'T',
            13 | 16 => *b == b':',
            19 => *b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

/// Checks a member's `example:` against its scalar type (lists and objects are not checked).
pub(super) fn check_scalar_example(
    example: &Value,
    ty: &TypeSpec,
    pointer: &str,
    scope: &mut ActionScope<'_, '_>,
) {
    let text = text_of(example);
    let problem = match ty.kind.as_str() {
        "integer" if text.parse::<i32>().is_err() => Some("a 32-bit integer".to_owned()),
        "long" if text.parse::<i64>().is_err() => Some("a 64-bit integer".to_owned()),
        "float" if text.parse::<f64>().is_err() => Some("a number".to_owned()),
        "boolean" if text != "true" && text != "false" => Some("`true` or `false`".to_owned()),
        "timestamp" if !is_timestamp(&text) => Some(format!("a timestamp `{TIMESTAMP_FORMAT}`")),
        "enum" => ty
            .enum_name
            .as_ref()
            .and_then(|name| scope.enums.get(name))
            .and_then(|e| {
                (!e.values.iter().any(|v| v.value == text)).then(|| {
                    format!(
                        "a value of enum `{}` ({})",
                        e.name,
                        e.values
                            .iter()
                            .map(|v| v.value.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
            }),
        _ => None,
    };
    if let Some(expected) = problem {
        scope.reporter.value(
            pointer,
            format!("example `{text}` is not {expected}"),
            Some("fix the example or the type".into()),
        );
    }
}

pub(super) fn resolve_examples(
    spec: Option<&ExamplesSpec>,
    action: &str,
    parameters: &[Parameter],
    fields: &[Field],
    scope: &mut ActionScope<'_, '_>,
) -> Examples {
    let Some(spec) = spec else {
        return Examples::default();
    };
    if let Some(request) = &spec.request {
        check_request_example(request, action, parameters, scope);
    }
    let mut responses = Vec::new();
    for (i, example) in spec.responses.iter().enumerate() {
        let pointer = format!("/examples/responses/{i}/body");
        let format = if example.format == "xml" {
            ExampleFormat::Xml
        } else {
            ExampleFormat::Json
        };
        match format {
            ExampleFormat::Json => check_json_example(&example.body, fields, &pointer, scope),
            ExampleFormat::Xml => {
                if let Err(problem) = check_xml_example(&example.body, action, fields) {
                    scope.reporter.value(
                        &pointer,
                        format!("XML example: {problem}"),
                        Some("fix the example or the response model".into()),
                    );
                }
            }
        }
        responses.push(Example {
            format,
            body: example.body.clone(),
        });
    }
    Examples {
        request: spec.request.clone(),
        responses,
    }
}

/// Checks the names in the request example (`?Action=X&Name=value&...`): the action's own
/// name, and parameters the request declares (`Tag.1.Key` counts as `Tag`).
fn check_request_example(
    request: &str,
    action: &str,
    parameters: &[Parameter],
    scope: &mut ActionScope<'_, '_>,
) {
    let query = request.split_once('?').map_or(request, |(_, query)| query);
    for part in query.split('&') {
        let Some((name, value)) = part.trim().split_once('=') else {
            continue;
        };
        let looks_like_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        if !looks_like_name {
            continue;
        }
        let base = name.split('.').next().unwrap_or(name);
        if base == "Action" {
            if value.trim() != action {
                scope.reporter.value(
                    "/examples/request",
                    format!(
                        "the request example calls `{}`, not `{action}`",
                        value.trim()
                    ),
                    Some("fix `Action=` in the example".into()),
                );
            }
        } else if !parameters.iter().any(|p| p.wire_name == base) {
            let hint = closest(base, parameters.iter().map(|p| p.wire_name.as_str())).map_or_else(
                || "declare it under `request.parameters`".to_owned(),
                |best| format!("did you mean `{best}`?"),
            );
            scope.reporter.value(
                "/examples/request",
                format!("the request example sends `{name}`, which is not a parameter"),
                Some(hint),
            );
        }
    }
}

/// Checks an XML response example: tags balance, the root is `<{action}Response>`, and each
/// child of the root is a response field. (Deeper levels are left to the JSON example, which
/// every page also has.)
fn check_xml_example(body: &str, action: &str, fields: &[Field]) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = body;
    let mut saw_root = false;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').ok_or("a `<` is never closed by `>`")?;
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(expected) if expected == name.trim() => {}
                Some(expected) => return Err(format!("`</{name}>` closes `<{expected}>`")),
                None => return Err(format!("`</{name}>` closes nothing")),
            }
            continue;
        }
        let name = tag.split_whitespace().next().unwrap_or_default();
        match open.len() {
            0 if saw_root => return Err(format!("a second root element `<{name}>`")),
            0 if name != format!("{action}Response") => {
                return Err(format!(
                    "the root is `<{name}>`, expected `<{action}Response>`"
                ));
            }
            1 if !fields.iter().any(|f| f.wire_name == name) => {
                return Err(format!("unknown field `<{name}>`"));
            }
            _ => {}
        }
        saw_root = true;
        open.push(name);
    }
    match open.last() {
        Some(name) => Err(format!("`<{name}>` is never closed")),
        None => Ok(()),
    }
}

/// Walks a JSON response example against the response model.
fn check_json_example(
    body: &str,
    fields: &[Field],
    pointer: &str,
    scope: &mut ActionScope<'_, '_>,
) {
    let start = scope.reporter.file.index.value(pointer);
    let value: Value = match serde_json::from_str(body) {
        Ok(value) => value,
        Err(error) => {
            let position = body_position(scope.reporter.file, start, body, error.line(), None);
            scope.reporter.push(
                position,
                format!("JSON example does not parse: {error}"),
                Some("fix the JSON syntax".into()),
            );
            return;
        }
    };
    let mut problems = Vec::new();
    walk_object(&value, fields, "", scope.enums, &mut problems);
    for problem in problems {
        let line = problem.key.as_ref().and_then(|key| {
            let needle = format!("\"{key}\"");
            body.lines()
                .position(|line| line.contains(&needle))
                .map(|i| i + 1)
        });
        let position = match (line, &problem.key) {
            (Some(line), Some(key)) => body_position(
                scope.reporter.file,
                start,
                body,
                line,
                Some(&format!("\"{key}\"")),
            ),
            _ => start,
        };
        scope.reporter.push(
            position,
            format!("JSON example, at `{}`: {}", problem.path, problem.message),
            problem.hint,
        );
    }
}

/// Where line `line` (1-based) of an example body is in the file, at `needle` if given.
///
/// yaml-rust2 marks a block scalar (`body: |`) at its first content line, so body lines map
/// one to one onto file lines from there; a quoted body is located at its start only.
fn body_position(
    file: &SourceFile,
    start: Position,
    body: &str,
    line: usize,
    needle: Option<&str>,
) -> Position {
    let lines: Vec<&str> = file.text.lines().collect();
    let first = body.lines().next().unwrap_or_default().trim();
    let at_start = lines
        .get(start.line.saturating_sub(1))
        .and_then(|l| l.get(start.column.saturating_sub(1)..));
    if at_start.is_none_or(|rest| rest.trim_end() != first) {
        return start;
    }
    let file_line = start.line + line.saturating_sub(1);
    let column = lines
        .get(file_line - 1)
        .map(|text| {
            needle
                .and_then(|n| text.find(n))
                .unwrap_or_else(|| text.len() - text.trim_start().len())
                + 1
        })
        .unwrap_or(1);
    Position {
        line: file_line,
        column,
    }
}

struct ExampleProblem {
    /// The JSON key to find in the body, to locate the problem.
    key: Option<String>,
    path: String,
    message: String,
    hint: Option<String>,
}

fn walk_object(
    value: &Value,
    fields: &[Field],
    path: &str,
    enums: &BTreeMap<String, Enum>,
    problems: &mut Vec<ExampleProblem>,
) {
    let Some(object) = value.as_object() else {
        problems.push(ExampleProblem {
            key: None,
            path: display_path(path),
            message: format!("expected an object, found {}", json_kind(value)),
            hint: None,
        });
        return;
    };
    for (key, member) in object {
        let here = format!("{path}.{key}");
        match fields.iter().find(|field| field.wire_name == *key) {
            Some(field) => walk_value(member, &field.ty, key, &here, enums, problems),
            None => {
                let hint = closest(key, fields.iter().map(|f| f.wire_name.as_str())).map_or_else(
                    || "add the field to the response model (source: example)".to_owned(),
                    |best| format!("did you mean `{best}`?"),
                );
                problems.push(ExampleProblem {
                    key: Some(key.clone()),
                    path: display_path(&here),
                    message: format!("unknown field `{key}`"),
                    hint: Some(hint),
                });
            }
        }
    }
}

fn display_path(path: &str) -> String {
    let trimmed = path.trim_start_matches('.');
    if trimmed.is_empty() {
        "(root)".to_owned()
    } else {
        trimmed.to_owned()
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn walk_value(
    value: &Value,
    ty: &Type<Field>,
    key: &str,
    path: &str,
    enums: &BTreeMap<String, Enum>,
    problems: &mut Vec<ExampleProblem>,
) {
    let mut problem = |message: String, hint: Option<String>| {
        problems.push(ExampleProblem {
            key: Some(key.to_owned()),
            path: display_path(path),
            message,
            hint,
        });
    };
    let expected = match ty {
        _ if value.is_null() => return,
        Type::String if value.is_string() => return,
        Type::String => "a string",
        // Numbers sent as JSON strings ("Port": "80") are read leniently (spec/README.md).
        Type::Integer | Type::Long if value.is_i64() || value.is_u64() => return,
        Type::Integer | Type::Long if value.as_str().is_some_and(|t| t.parse::<i64>().is_ok()) => {
            return;
        }
        Type::Integer | Type::Long => "an integer",
        Type::Float
            if value.is_number() || value.as_str().is_some_and(|t| t.parse::<f64>().is_ok()) =>
        {
            return;
        }
        Type::Float => "a number",
        Type::Boolean if value.is_boolean() => return,
        Type::Boolean => "a boolean",
        Type::Timestamp => match value.as_str() {
            Some(text) if is_timestamp(text) => return,
            Some(text) => {
                problem(
                    format!("`{text}` is not a timestamp `{TIMESTAMP_FORMAT}`"),
                    Some("fix the example or the field's type".into()),
                );
                return;
            }
            None => "a timestamp string",
        },
        Type::Enum(name) => match (value.as_str(), enums.get(name)) {
            (Some(text), Some(e)) if !e.values.iter().any(|v| v.value == text) => {
                let listed: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                problem(
                    format!(
                        "`{text}` is not a value of enum `{name}` ({})",
                        listed.join(", ")
                    ),
                    Some(format!("add `{text}` to enum `{name}` or fix the example")),
                );
                return;
            }
            (Some(_), _) => return,
            (None, _) => "an enum value (string)",
        },
        Type::List { items, wrapper } => {
            let list = match wrapper {
                Some(wrapper) => match value.get(wrapper) {
                    Some(inner) => inner,
                    None => {
                        problem(
                            format!(
                                "list wrapper missing: expected {{\"{key}\": {{\"{wrapper}\": [..]}}}}, found {}",
                                json_kind(value)
                            ),
                            Some("fix the example, or the field's `wrapper:`".into()),
                        );
                        // Readers accept the bare list too: keep checking its items.
                        value
                    }
                },
                None => value,
            };
            match list.as_array() {
                Some(elements) => {
                    for (i, element) in elements.iter().enumerate() {
                        let inner_path = match wrapper {
                            Some(wrapper) => format!("{path}.{wrapper}[{i}]"),
                            None => format!("{path}[{i}]"),
                        };
                        walk_value(element, items, key, &inner_path, enums, problems);
                    }
                    return;
                }
                None => {
                    // The likeliest mistake: the wire wraps the list and the spec forgot to say so.
                    let inner_key = match list.as_object() {
                        Some(map) if wrapper.is_none() && map.len() == 1 => map
                            .iter()
                            .next()
                            .filter(|(_, v)| v.is_array())
                            .map(|(k, _)| k.clone()),
                        _ => None,
                    };
                    if let Some(inner_key) = inner_key {
                        problem(
                            format!(
                                "expected an array, found a wrapped list {{\"{inner_key}\": [..]}}"
                            ),
                            Some(format!("add `wrapper: {inner_key}` to the field")),
                        );
                        return;
                    }
                    "an array"
                }
            }
        }
        Type::Object { fields, .. } => {
            walk_object(value, fields, path, enums, problems);
            return;
        }
    };
    problem(
        format!("expected {expected}, found {}", json_kind(value)),
        Some("fix the example or the field's type".into()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_examples_must_balance_and_name_known_fields() {
        let fields = [Field {
            wire_name: "RequestId".into(),
            rust_name: "request_id".into(),
            ty: Type::String,
            description: None,
            example: None,
            source: Source::Table,
            deprecated: false,
        }];
        let check = |body: &str| check_xml_example(body, "Ping", &fields);
        assert_eq!(
            check("<?xml version=\"1.0\"?><PingResponse><RequestId>r</RequestId></PingResponse>"),
            Ok(())
        );
        assert_eq!(check("<PongResponse/>"), Ok(()));
        assert_eq!(
            check("<PongResponse></PongResponse>").unwrap_err(),
            "the root is `<PongResponse>`, expected `<PingResponse>`"
        );
        assert_eq!(
            check("<PingResponse><RequestId>r</PingResponse>").unwrap_err(),
            "`</PingResponse>` closes `<RequestId>`"
        );
        assert_eq!(
            check("<PingResponse><RequestId>r</RequestId>").unwrap_err(),
            "`<PingResponse>` is never closed"
        );
        assert!(is_second_root(check(
            "<PingResponse></PingResponse><PingResponse></PingResponse>"
        )));
    }

    fn is_second_root(result: Result<(), String>) -> bool {
        result.is_err_and(|e| e.starts_with("a second root"))
    }

    #[test]
    fn timestamps_have_one_format() {
        assert!(is_timestamp("2018-06-03T13:03:39Z"));
        assert!(!is_timestamp("2018-06-03 13:03:39"));
        assert!(!is_timestamp("2018-06-03T13:03:39+08:00"));
    }
}
