//! Loading: read every spec file, check it structurally (JSON Schema) and semantically, and
//! resolve it into the [`Api`] model. All problems are collected before giving up.

use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::locate::{Position, SourceIndex};
use crate::model::*;
use crate::names;
use crate::schema::{self, FileKind, TIMESTAMP_FORMAT};
use crate::spec::*;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One spec file, read and indexed.
struct SourceFile {
    path: PathBuf,
    text: String,
    index: SourceIndex,
}

/// Diagnostics for one file, located through its index.
struct Reporter<'a> {
    file: &'a SourceFile,
    out: &'a mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn push(&mut self, position: Position, message: String, hint: Option<String>) {
        self.out.push(Diagnostic {
            file: self.file.path.clone(),
            line: position.line,
            column: position.column,
            message,
            hint,
        });
    }

    /// A problem with the value at `pointer`.
    fn value(&mut self, pointer: &str, message: impl Into<String>, hint: Option<String>) {
        let position = self.file.index.value(pointer);
        self.push(position, message.into(), hint);
    }

    /// A problem with the key of the member at `pointer`.
    fn key(&mut self, pointer: &str, message: impl Into<String>, hint: Option<String>) {
        let position = self.file.index.key(pointer);
        self.push(position, message.into(), hint);
    }
}

fn whole_file(path: &Path, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic {
        file: path.to_owned(),
        line: 0,
        column: 0,
        message,
        hint,
    }
}

/// Reads, parses and schema-checks one file; `None` when it cannot go further.
fn read<T: DeserializeOwned>(
    path: PathBuf,
    kind: FileKind,
    out: &mut Vec<Diagnostic>,
) -> Option<(T, SourceFile)> {
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            out.push(whole_file(
                &path,
                format!("cannot read the file: {error}"),
                None,
            ));
            return None;
        }
    };
    let document: Value = match serde_yaml::from_str(&text) {
        Ok(document) => document,
        Err(error) => {
            let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
            out.push(Diagnostic {
                file: path,
                line,
                column,
                message: format!("YAML syntax error: {error}"),
                hint: Some("check indentation, quotes and `key: value` pairs around here".into()),
            });
            return None;
        }
    };
    let file = SourceFile {
        index: SourceIndex::new(&text),
        path,
        text,
    };
    let before = out.len();
    schema::validate(kind, &file.path, &document, &file.index, out);
    let structurally_valid = out.len() == before;
    match serde_json::from_value(document) {
        Ok(value) => Some((value, file)),
        // Past structural errors the semantic checks still run when the document can be read
        // at all (unknown keys, for one, do not stop it), so one run reports more at once.
        Err(_) if !structurally_valid => None,
        Err(error) => {
            out.push(whole_file(
                &file.path,
                format!("unexpected document shape: {error}"),
                None,
            ));
            None
        }
    }
}

/// Loads, validates and resolves the spec in `spec_dir` (with `product.yaml`, `enums.yaml`,
/// `errors.yaml` and `actions/*.yaml`).
///
/// # Errors
///
/// Every problem found, each with file, line, column and a hint, when the spec is not valid.
pub fn load(spec_dir: &Path) -> Result<Api, Diagnostics> {
    let mut out = Vec::new();
    let product = read::<ProductFile>(spec_dir.join("product.yaml"), FileKind::Product, &mut out);
    let shared_enums = read::<EnumsFile>(spec_dir.join("enums.yaml"), FileKind::Enums, &mut out);
    let common_errors =
        read::<ErrorsFile>(spec_dir.join("errors.yaml"), FileKind::Errors, &mut out);
    let actions: Vec<(ActionFile, SourceFile)> = action_paths(spec_dir, &mut out)
        .into_iter()
        .filter_map(|path| read(path, FileKind::Action, &mut out))
        .collect();

    // Enums first: every type check below needs the full set of names and values.
    let mut enums = BTreeMap::new();
    let mut enum_sites = BTreeMap::new();
    if let Some((spec, file)) = &shared_enums {
        collect_enums(
            &spec.enums,
            None,
            file,
            &mut enums,
            &mut enum_sites,
            &mut out,
        );
    }
    for (spec, file) in &actions {
        collect_enums(
            &spec.enums,
            Some(&spec.action),
            file,
            &mut enums,
            &mut enum_sites,
            &mut out,
        );
    }

    let common = match &common_errors {
        Some((spec, file)) => {
            resolve_errors(&spec.errors, "/errors", &BTreeMap::new(), file, &mut out)
        }
        None => Vec::new(),
    };
    let common_codes: BTreeMap<String, String> = common
        .iter()
        .map(|e| (e.code.clone(), e.variant.clone()))
        .collect();

    let mut resolved_actions = BTreeMap::new();
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    let mut structs = BTreeMap::new();
    for (spec, file) in &actions {
        let mut reporter = Reporter {
            file,
            out: &mut out,
        };
        let action = resolve_action(
            spec,
            file,
            &enums,
            &common_codes,
            &mut structs,
            &mut reporter,
        );
        if let Some(other) = modules.insert(action.module.clone(), action.name.clone()) {
            reporter.value(
                "/action",
                format!(
                    "action `{}` becomes module `{}`, like action `{other}`",
                    action.name, action.module
                ),
                Some("rename one of the actions".into()),
            );
        }
        resolved_actions.insert(action.name.clone(), action);
    }

    let diagnostics = Diagnostics(out).finish();
    match product {
        Some((product, _)) if diagnostics.is_empty() => Ok(Api {
            product: resolve_product(product),
            actions: resolved_actions,
            enums,
            common_errors: common,
        }),
        _ => Err(diagnostics),
    }
}

/// `actions/*.yaml`, sorted so that loading is deterministic.
fn action_paths(spec_dir: &Path, out: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = spec_dir.join("actions");
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) => {
            out.push(whole_file(
                &dir,
                format!("cannot list the actions: {error}"),
                None,
            ));
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .collect();
    paths.sort();
    paths
}

fn resolve_product(spec: ProductFile) -> Product {
    Product {
        code: spec.product,
        title: spec.title,
        title_zh: spec.title_zh,
        version: spec.version,
        protocol: spec.protocol,
        crate_name: spec.crate_name,
        schemes: spec.schemes,
        default_scheme: spec.default_scheme,
        default_region: spec.default_region,
        endpoint_pattern: spec.endpoints.pattern,
        regional_endpoints: spec.endpoints.regions,
    }
}

fn collect_enums(
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

fn resolve_errors(
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
        let Some(variant) = names::variant(&spec.code) else {
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
struct ActionScope<'a, 'r> {
    reporter: &'a mut Reporter<'r>,
    enums: &'a BTreeMap<String, Enum>,
    /// Names of this action's generated types (request, builder, response, error codes).
    reserved: BTreeSet<String>,
    /// Struct names used so far in the whole spec, with the file that defines each.
    structs: &'a mut BTreeMap<String, PathBuf>,
}

fn resolve_action(
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

fn text_of(value: &Value) -> String {
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
fn check_scalar_example(
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

fn resolve_examples(
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
        if format == ExampleFormat::Json {
            check_json_example(&example.body, fields, &pointer, scope);
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
                None => "an array",
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
