//! Loading: read every spec file, check it structurally (JSON Schema, in `schema`), then
//! semantically while resolving it into the [`Api`] model (`resolve`, with the examples checked
//! against that model in `examples`). All problems are collected before giving up.

mod examples;
mod resolve;

pub(crate) use examples::is_timestamp;
use resolve::{collect_enums, resolve_action, resolve_errors};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::locate::{Position, SourceIndex};
use crate::model::*;
use crate::schema::{self, FileKind};
use crate::spec::*;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;
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

/// serde_yaml's message without its first `at line L column C` (shown in front already); the
/// rest, such as where an unclosed sequence started, stays.
fn without_first_position(message: &str) -> String {
    let Some(start) = message.find(" at line ") else {
        return message.to_owned();
    };
    let end = message[start..]
        .find(',')
        .map_or(message.len(), |comma| start + comma);
    format!("{}{}", &message[..start], &message[end..])
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
                message: format!(
                    "YAML syntax error: {}",
                    without_first_position(&error.to_string())
                ),
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
    for (pointer, position) in file.index.duplicate_keys() {
        let key = pointer.rsplit('/').next().unwrap_or_default();
        out.push(Diagnostic {
            file: file.path.clone(),
            line: position.line,
            column: position.column,
            message: format!("duplicate key `{key}`: only the last one would count"),
            hint: Some("remove one of them".into()),
        });
    }
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
