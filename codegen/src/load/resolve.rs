//! Semantic checks and resolution of enums, error codes, actions, parameters and fields.

use super::examples::{check_scalar_example, resolve_examples};
use super::{Reporter, SourceFile};
use crate::diagnostics::{Diagnostic, closest};
use crate::model::*;
use crate::names;
use crate::schema::TIMESTAMP_FORMAT;
use crate::spec::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub(super) fn collect_enums(
    specs: &BTreeMap<String, EnumSpec>,
    owner: Option<&String>,
    file: &SourceFile,
    enums: &mut BTreeMap<String, Enum>,
    sites: &mut BTreeMap<String, PathBuf>,
    out: &mut Vec<Diagnostic>,
) {
    let mut reporter = Reporter { file, out };
    for (name, spec) in specs {
        let pointer = format!("/enums/{}", crate::locate::escape(name));
        if names::camel(name).as_deref() != Some(name.as_str()) {
            reporter.key(
                &pointer,
                format!("enum name `{name}` is not an UpperCamelCase Rust identifier"),
                names::camel(name).map(|good| format!("call it `{good}`")),
            );
        }
        if names::PRELUDE_TYPES.contains(&name.as_str()) {
            reporter.key(
                &pointer,
                format!("enum name `{name}` would shadow the Rust prelude type"),
                Some("pick another name".into()),
            );
        }
        if let Some(first) = sites.get(name) {
            reporter.key(
                &pointer,
                format!("enum `{name}` is already defined in {}", first.display()),
                Some(
                    "enum names are unique across the spec: rename one or share it in enums.yaml"
                        .into(),
                ),
            );
            continue;
        }
        sites.insert(name.clone(), file.path.clone());
        let mut values = Vec::new();
        let mut seen_values = BTreeSet::new();
        let mut seen_variants = BTreeMap::new();
        for (i, value) in spec.values.iter().enumerate() {
            let at = format!("{pointer}/values/{i}");
            if !seen_values.insert(value.value.clone()) {
                reporter.value(
                    &format!("{at}/value"),
                    format!("duplicate value `{}` in enum `{name}`", value.value),
                    Some("remove one".into()),
                );
                continue;
            }
            let Some(variant) = rust_name(
                &value.rust_name,
                &value.value,
                names::variant,
                &at,
                "value",
                &mut reporter,
            ) else {
                continue;
            };
            if let Some(other) = seen_variants.insert(variant.clone(), value.value.clone()) {
                reporter.value(
                    &format!("{at}/value"),
                    format!(
                        "value `{}` becomes variant `{variant}`, like value `{other}`",
                        value.value
                    ),
                    Some("give one of them a `rust_name`".into()),
                );
            }
            values.push(EnumValue {
                value: value.value.clone(),
                variant,
                description: value.description.clone(),
            });
        }
        enums.insert(
            name.clone(),
            Enum {
                name: name.clone(),
                description: spec.description.clone(),
                values,
                owner: owner.cloned(),
            },
        );
    }
}

/// The Rust name of a member or value: its valid override, or the converted wire name.
fn rust_name(
    override_name: &Option<String>,
    wire: &str,
    convert: fn(&str) -> Option<String>,
    pointer: &str,
    key: &str,
    reporter: &mut Reporter<'_>,
) -> Option<String> {
    if let Some(name) = override_name {
        if names::is_valid_override(name) {
            return Some(name.clone());
        }
        reporter.value(
            &format!("{pointer}/rust_name"),
            format!("`{name}` is not a Rust identifier"),
            Some("use letters, digits and `_`, not starting with a digit".into()),
        );
        return None;
    }
    let converted = convert(wire);
    if converted.is_none() {
        reporter.value(
            &format!("{pointer}/{key}"),
            format!("`{wire}` cannot become a Rust identifier"),
            Some("add a `rust_name:` next to it".into()),
        );
    }
    converted
}

pub(super) fn resolve_errors(
    specs: &[ErrorSpec],
    pointer: &str,
    common: &BTreeMap<String, String>,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) -> Vec<ErrorCode> {
    let mut reporter = Reporter { file, out };
    // An action's entry for a common code rewords it; only a clash with a *different* code
    // (same variant name) is a problem.
    let mut variants: BTreeMap<String, String> =
        common.iter().map(|(c, v)| (v.clone(), c.clone())).collect();
    let mut codes = BTreeSet::new();
    let mut resolved = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let at = format!("{pointer}/{i}/code");
        if !codes.insert(spec.code.clone()) {
            reporter.value(
                &at,
                format!("duplicate error code `{}`", spec.code),
                Some("a code appears once per file: put further rows in `other_messages`".into()),
            );
            continue;
        }
        let Some(variant) = names::error_variant(&spec.code) else {
            reporter.value(
                &at,
                format!("error code `{}` cannot become a Rust identifier", spec.code),
                None,
            );
            continue;
        };
        if let Some(other) = variants.insert(variant.clone(), spec.code.clone())
            && other != spec.code
        {
            reporter.value(
                &at,
                format!(
                    "error code `{}` becomes variant `{variant}`, like `{other}`",
                    spec.code
                ),
                Some("codes must differ in more than case and dots".into()),
            );
            continue;
        }
        resolved.push(ErrorCode {
            code: spec.code.clone(),
            variant,
            http_status: spec.http_status,
            message: spec.message.clone(),
            description: spec.description.clone(),
            other_messages: spec
                .other_messages
                .iter()
                .map(|m| ErrorMessage {
                    message: m.message.clone(),
                    description: m.description.clone(),
                })
                .collect(),
        });
    }
    resolved
}

/// Per-action state shared by the member walks.
pub(super) struct ActionScope<'a, 'r> {
    pub(super) reporter: &'a mut Reporter<'r>,
    pub(super) enums: &'a BTreeMap<String, Enum>,
    /// Names of this action's generated types (request, builder, response, error codes).
    reserved: BTreeSet<String>,
    /// Struct names used so far in the whole spec, with the file that defines each.
    structs: &'a mut BTreeMap<String, PathBuf>,
}

pub(super) fn resolve_action(
    spec: &ActionFile,
    file: &SourceFile,
    enums: &BTreeMap<String, Enum>,
    common_codes: &BTreeMap<String, String>,
    structs: &mut BTreeMap<String, PathBuf>,
    reporter: &mut Reporter<'_>,
) -> Action {
    let stem = file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if spec.action != stem {
        reporter.value(
            "/action",
            format!("action `{}` is in file `{stem}.yaml`", spec.action),
            Some(format!(
                "rename the file to `{}.yaml` or fix `action:`",
                spec.action
            )),
        );
    }
    let module = names::snake(&spec.action).unwrap_or_default();
    let reserved = [
        format!("{}Request", spec.action),
        format!("{}RequestBuilder", spec.action),
        format!("{}Response", spec.action),
        format!("{}ErrorCode", spec.action),
    ];
    // Generated code names prelude types unqualified, so a struct may not shadow them either.
    let prelude = names::PRELUDE_TYPES.iter().map(|name| (*name).to_owned());
    let mut scope = ActionScope {
        reporter,
        enums,
        reserved: reserved.into_iter().chain(prelude).collect(),
        structs,
    };
    let parameters = spec.request.as_ref().map_or(&[][..], |r| &r.parameters[..]);
    let fields = spec.response.as_ref().map_or(&[][..], |r| &r.fields[..]);
    let parameters = members(
        parameters,
        "/request/parameters",
        &mut scope,
        resolve_parameter,
    );
    let fields = members(fields, "/response/fields", &mut scope, resolve_field);
    let examples = resolve_examples(
        spec.examples.as_ref(),
        &spec.action,
        &parameters,
        &fields,
        &mut scope,
    );
    let errors = resolve_errors(
        &spec.errors,
        "/errors",
        common_codes,
        file,
        scope.reporter.out,
    );
    Action {
        name: spec.action.clone(),
        source: PathBuf::from("actions").join(format!("{stem}.yaml")),
        module,
        title: spec.title.clone(),
        description: spec.description.clone(),
        notes: spec.notes.clone(),
        methods: spec
            .methods
            .iter()
            .map(|m| {
                if m == "POST" {
                    Method::Post
                } else {
                    Method::Get
                }
            })
            .collect(),
        read_only: spec.read_only,
        regions: spec.regions.clone(),
        deprecated: spec.deprecated,
        parameters,
        fields,
        local_enums: spec.enums.keys().cloned().collect(),
        errors,
        examples,
    }
}

/// Checks and resolves one list of members (parameters or fields, at any depth).
fn members<M>(
    specs: &[MemberSpec],
    pointer: &str,
    scope: &mut ActionScope<'_, '_>,
    resolve: fn(&MemberSpec, String, Type<M>, &str, &mut ActionScope<'_, '_>) -> M,
) -> Vec<M> {
    let mut wire_names = BTreeSet::new();
    let mut rust_names = BTreeMap::new();
    let mut resolved = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let at = format!("{pointer}/{i}");
        if !wire_names.insert(spec.name.clone()) {
            scope.reporter.value(
                &format!("{at}/name"),
                format!("duplicate name `{}`", spec.name),
                Some("remove or rename one".into()),
            );
            continue;
        }
        let Some(name) = rust_name(
            &spec.rust_name,
            &spec.name,
            names::snake,
            &at,
            "name",
            scope.reporter,
        ) else {
            continue;
        };
        if let Some(other) = rust_names.insert(name.clone(), spec.name.clone()) {
            scope.reporter.value(
                &format!("{at}/name"),
                format!("`{}` becomes Rust name `{name}`, like `{other}`", spec.name),
                Some("give one of them a `rust_name`".into()),
            );
        }
        // Response structs have no such methods, but one rule for both sides is simpler to learn.
        if names::RESERVED_MEMBERS.contains(&names::bare(&name)) {
            scope.reporter.value(
                &format!("{at}/name"),
                format!(
                    "`{}` becomes `{name}`, a method every request builder has",
                    spec.name
                ),
                Some("add a `rust_name:` such as `build_id`".into()),
            );
        }
        let ty = resolve_type(&spec.ty, &at, scope, resolve);
        if let Some(example) = &spec.example {
            check_scalar_example(example, &spec.ty, &format!("{at}/example"), scope);
        }
        resolved.push(resolve(spec, name, ty, &at, scope));
    }
    resolved
}

fn resolve_type<M>(
    spec: &TypeSpec,
    pointer: &str,
    scope: &mut ActionScope<'_, '_>,
    resolve: fn(&MemberSpec, String, Type<M>, &str, &mut ActionScope<'_, '_>) -> M,
) -> Type<M> {
    let kind = spec.kind.as_str();
    let mut misplaced = |key: &str, only: &str| {
        scope.reporter.key(
            &format!("{pointer}/{key}"),
            format!("`{key}` does not apply to type `{kind}`"),
            Some(format!("`{key}` is only for {only}; remove it")),
        );
    };
    if spec.enum_name.is_some() && kind != "enum" {
        misplaced("enum", "`type: enum`");
    }
    if spec.items.is_some() && kind != "list" {
        misplaced("items", "`type: list`");
    }
    if spec.wrapper.is_some() && kind != "list" {
        misplaced("wrapper", "`type: list`");
    }
    if (spec.struct_name.is_some() || !spec.fields.is_empty()) && kind != "object" {
        misplaced(
            if spec.struct_name.is_some() {
                "struct"
            } else {
                "fields"
            },
            "`type: object`",
        );
    }
    if spec.format.is_some() && kind != "timestamp" {
        misplaced("format", "`type: timestamp`");
    }
    match kind {
        "string" => Type::String,
        "integer" => Type::Integer,
        "long" => Type::Long,
        "float" => Type::Float,
        "boolean" => Type::Boolean,
        "timestamp" => {
            if spec.format.is_none() {
                scope.reporter.value(
                    pointer,
                    "`type: timestamp` needs `format:`",
                    Some(format!(
                        "add `format: {TIMESTAMP_FORMAT}` (the only format the runtime reads)"
                    )),
                );
            }
            Type::Timestamp
        }
        "enum" => match &spec.enum_name {
            Some(name) if scope.enums.contains_key(name) => Type::Enum(name.clone()),
            Some(name) => {
                let hint = closest(name, scope.enums.keys().map(String::as_str)).map_or_else(
                    || "define it under `enums:` here or in enums.yaml".to_owned(),
                    |best| format!("did you mean `{best}`?"),
                );
                scope.reporter.value(
                    &format!("{pointer}/enum"),
                    format!("unknown enum `{name}`"),
                    Some(hint),
                );
                Type::String
            }
            None => {
                scope
                    .reporter
                    .value(pointer, "`type: enum` needs `enum: <EnumName>`", None);
                Type::String
            }
        },
        "list" => match &spec.items {
            Some(items) => Type::List {
                items: Box::new(resolve_type(
                    items,
                    &format!("{pointer}/items"),
                    scope,
                    resolve,
                )),
                wrapper: spec.wrapper.clone(),
            },
            None => {
                scope.reporter.value(
                    pointer,
                    "`type: list` needs `items:` (the type of each item)",
                    None,
                );
                Type::String
            }
        },
        "object" => {
            let name = match &spec.struct_name {
                Some(name) if names::camel(name).as_deref() == Some(name.as_str()) => name.clone(),
                Some(name) => {
                    scope.reporter.value(
                        &format!("{pointer}/struct"),
                        format!("struct name `{name}` is not an UpperCamelCase identifier"),
                        names::camel(name).map(|good| format!("call it `{good}`")),
                    );
                    name.clone()
                }
                None => {
                    scope.reporter.value(
                        pointer,
                        "`type: object` needs `struct: <RustName>`",
                        Some("name the generated struct".into()),
                    );
                    String::new()
                }
            };
            let clash = if scope.reserved.contains(&name) {
                Some("is taken by a generated type of this action or the Rust prelude".to_owned())
            } else if name.is_empty() {
                None
            } else {
                scope
                    .structs
                    .insert(name.clone(), scope.reporter.file.path.clone())
                    .map(|first| {
                        format!(
                            "is already defined in {} (struct names are global)",
                            first.display()
                        )
                    })
            };
            if let Some(clash) = clash {
                scope.reporter.value(
                    &format!("{pointer}/struct"),
                    format!("struct name `{name}` {clash}"),
                    Some("pick another `struct:` name".into()),
                );
            }
            if spec.fields.is_empty() {
                scope.reporter.value(
                    pointer,
                    "`type: object` needs a non-empty `fields:` list",
                    None,
                );
            }
            let fields = members(&spec.fields, &format!("{pointer}/fields"), scope, resolve);
            Type::Object { name, fields }
        }
        // The schema admits only the names above.
        _ => Type::String,
    }
}

pub(super) fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn source_of(spec: &MemberSpec) -> Source {
    match spec.source.as_deref() {
        Some("example") => Source::Example,
        Some("metadata") => Source::Metadata,
        _ => Source::Table,
    }
}

fn resolve_parameter(
    spec: &MemberSpec,
    rust_name: String,
    ty: Type<Parameter>,
    pointer: &str,
    scope: &mut ActionScope<'_, '_>,
) -> Parameter {
    let limits = Limits {
        minimum: spec.minimum,
        maximum: spec.maximum,
        min_items: spec.min_items,
        max_items: spec.max_items,
        max_length: spec.max_length,
        max_bytes: spec.max_bytes,
    };
    check_limits(&limits, &ty, pointer, scope.reporter);
    if (spec.json_text || !spec.json_fields.is_empty()) && !matches!(ty, Type::String) {
        scope.reporter.key(
            &format!("{pointer}/json_text"),
            "JSON text is a `type: string` parameter",
            Some("set `type: string`".into()),
        );
    }
    if !spec.json_fields.is_empty() && !spec.json_text {
        scope.reporter.key(
            &format!("{pointer}/json_fields"),
            "`json_fields` describes a `json_text: true` parameter",
            Some("add `json_text: true`".into()),
        );
    }
    let json_fields = members(
        &spec.json_fields,
        &format!("{pointer}/json_fields"),
        scope,
        resolve_parameter,
    );
    let style = match spec.style.as_deref() {
        Some("repeatList") => Style::RepeatList,
        Some("flat") => Style::Flat,
        Some("json") => Style::Json,
        _ => Style::Simple,
    };
    let structured = matches!(ty, Type::List { .. } | Type::Object { .. });
    if matches!(style, Style::RepeatList | Style::Flat) && !structured {
        scope.reporter.value(
            &format!("{pointer}/style"),
            format!(
                "style `{}` needs a list or object parameter",
                spec.style.as_deref().unwrap_or_default()
            ),
            Some("remove `style:` or fix `type:`".into()),
        );
    }
    Parameter {
        wire_name: spec.name.clone(),
        rust_name,
        ty,
        required: spec.required,
        style,
        secret: spec.secret,
        limits,
        default: spec.default.as_ref().map(text_of),
        example: spec.example.as_ref().map(text_of),
        description: spec.description.clone(),
        source: source_of(spec),
        deprecated: spec.deprecated,
        json_text: spec.json_text,
        json_fields,
    }
}

/// Response-only keys are kept out of fields by the schema, so a field needs no extra checks.
fn resolve_field(
    spec: &MemberSpec,
    rust_name: String,
    ty: Type<Field>,
    _pointer: &str,
    _scope: &mut ActionScope<'_, '_>,
) -> Field {
    Field {
        wire_name: spec.name.clone(),
        rust_name,
        ty,
        description: spec.description.clone(),
        example: spec.example.as_ref().map(text_of),
        source: source_of(spec),
        deprecated: spec.deprecated,
    }
}

fn check_limits<M>(limits: &Limits, ty: &Type<M>, pointer: &str, reporter: &mut Reporter<'_>) {
    for (key, value) in [("minimum", limits.minimum), ("maximum", limits.maximum)] {
        if let Some(value) = value.filter(|v| !v.is_finite()) {
            reporter.value(
                &format!("{pointer}/{key}"),
                format!("{key} {value} is not a finite number"),
                None,
            );
        }
    }
    let numeric = matches!(ty, Type::Integer | Type::Long | Type::Float);
    let list = matches!(ty, Type::List { .. });
    let string = matches!(ty, Type::String);
    let checks = [
        ("minimum", limits.minimum.is_some(), numeric, "numbers"),
        ("maximum", limits.maximum.is_some(), numeric, "numbers"),
        ("min_items", limits.min_items.is_some(), list, "lists"),
        ("max_items", limits.max_items.is_some(), list, "lists"),
        ("max_length", limits.max_length.is_some(), string, "strings"),
        ("max_bytes", limits.max_bytes.is_some(), string, "strings"),
    ];
    for (key, present, fits, what) in checks {
        if present && !fits {
            reporter.key(
                &format!("{pointer}/{key}"),
                format!("`{key}` does not apply to this type"),
                Some(format!("`{key}` limits {what} only")),
            );
        }
    }
    if let (Some(min), Some(max)) = (limits.minimum, limits.maximum)
        && min > max
    {
        reporter.value(
            &format!("{pointer}/minimum"),
            format!("minimum {min} is greater than maximum {max}"),
            Some("swap them or fix one".into()),
        );
    }
    if let (Some(min), Some(max)) = (limits.min_items, limits.max_items)
        && min > max
    {
        reporter.value(
            &format!("{pointer}/min_items"),
            format!("min_items {min} is greater than max_items {max}"),
            Some("swap them or fix one".into()),
        );
    }
    // The limit becomes a literal of the parameter's type in `build()`.
    let integer_bound = match ty {
        Type::Integer => Some((f64::from(i32::MAX), "a 32-bit")),
        #[allow(clippy::cast_precision_loss)]
        Type::Long => Some((i64::MAX as f64, "a 64-bit")),
        _ => None,
    };
    if let Some((bound, what)) = integer_bound
        && let Some(value) = limits
            .minimum
            .into_iter()
            .chain(limits.maximum)
            .find(|v| v.fract() != 0.0 || v.abs() > bound)
    {
        reporter.value(
            pointer,
            format!("limit {value} is not {what} integer"),
            None,
        );
    }
}
