//! The `#[rpc(...)]` attributes, parsed into a typed model.

use super::Ctxt;
use super::symbol::{CRATE, NAME, RPC, SKIP, STYLE, Symbol};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Path};

/// How a field is flattened into query pairs; each style is one runtime trait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `Name=value`, lists comma-joined.
    Simple,
    /// `Name.1=...`, `Name.1.Field=...`.
    RepeatList,
    /// `Name.Field=...`.
    Flat,
    /// `Name=<compact JSON>`.
    Json,
}

impl Style {
    /// Every style by its attribute spelling, in the order error messages list them.
    const ALL: [(&'static str, Style); 4] = [
        ("simple", Style::Simple),
        ("repeat_list", Style::RepeatList),
        ("flat", Style::Flat),
        ("json", Style::Json),
    ];

    fn from_attr(value: &str) -> Option<Style> {
        Style::ALL
            .iter()
            .find(|(spelling, _)| *spelling == value)
            .map(|&(_, style)| style)
    }

    fn allowed() -> String {
        let spellings: Vec<String> = Style::ALL
            .iter()
            .map(|(spelling, _)| format!("`{spelling}`"))
            .collect();
        spellings.join(", ")
    }
}

/// One attribute key's value, remembering that it was set so a repeat is an error.
struct Attr<'c, T> {
    cx: &'c Ctxt,
    word: Symbol,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    fn none(cx: &'c Ctxt, word: Symbol) -> Self {
        Attr {
            cx,
            word,
            value: None,
        }
    }

    /// Sets the value; a second occurrence is reported at `tokens` and keeps the first.
    fn set(&mut self, tokens: impl ToTokens, value: T) {
        if self.value.is_some() {
            let word = self.word;
            self.cx
                .error_spanned_by(tokens, format!("duplicate rpc attribute `{word}`"));
        } else {
            self.value = Some(value);
        }
    }
}

/// Calls `parse` on every key of every `#[rpc(...)]` attribute, recording syntax errors.
fn for_each_rpc_meta(
    cx: &Ctxt,
    attrs: &[Attribute],
    mut parse: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| *attr.path() == RPC) {
        if let Err(error) = attr.parse_nested_meta(|meta| parse(&meta)) {
            cx.syn_error(error);
        }
    }
}

fn unknown_key(meta: &ParseNestedMeta<'_>, place: &str, allowed: &str) -> syn::Error {
    let key = meta.path.to_token_stream().to_string().replace(' ', "");
    meta.error(format!(
        "unknown rpc {place} attribute `{key}`; expected {allowed}"
    ))
}

/// Attributes of the struct.
pub struct Container {
    /// Path the expansion uses to reach the runtime crate.
    pub crate_path: Path,
}

impl Container {
    /// Reads the struct's `#[rpc(...)]` attributes.
    pub fn from_ast(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut crate_path = Attr::none(cx, CRATE);
        for_each_rpc_meta(cx, attrs, |meta| {
            if meta.path == CRATE {
                let literal: LitStr = meta.value()?.parse()?;
                crate_path.set(&meta.path, literal.parse::<Path>()?);
                Ok(())
            } else {
                Err(unknown_key(meta, "container", "`crate`"))
            }
        });
        Container {
            crate_path: crate_path
                .value
                .unwrap_or_else(|| syn::parse_quote!(::vod_runtime)),
        }
    }
}

/// Attributes of one field.
pub struct Field {
    /// Wire name, the key (or key prefix) the field is written under.
    pub wire_name: String,
    /// The literal of `name = "..."`, when the name was given, for error spans.
    pub name_literal: Option<LitStr>,
    /// How the value is flattened.
    pub style: Style,
    /// Not sent at all.
    pub skip: bool,
}

impl Field {
    /// Reads a field's `#[rpc(...)]` attributes; `default_name` is the field ident unraw'd.
    pub fn from_ast(cx: &Ctxt, attrs: &[Attribute], default_name: String) -> Self {
        let mut name = Attr::<LitStr>::none(cx, NAME);
        let mut style = Attr::none(cx, STYLE);
        let mut skip = Attr::none(cx, SKIP);
        for_each_rpc_meta(cx, attrs, |meta| {
            if meta.path == NAME {
                let literal: LitStr = meta.value()?.parse()?;
                check_wire_name(cx, &literal);
                name.set(&meta.path, literal);
            } else if meta.path == STYLE {
                let literal: LitStr = meta.value()?.parse()?;
                match Style::from_attr(&literal.value()) {
                    Some(value) => style.set(&meta.path, value),
                    None => cx.error_spanned_by(
                        &literal,
                        format!(
                            "unknown rpc style `{}`; expected one of {}",
                            literal.value(),
                            Style::allowed()
                        ),
                    ),
                }
            } else if meta.path == SKIP {
                skip.set(&meta.path, meta.path.clone());
            } else {
                return Err(unknown_key(meta, "field", "`name`, `style` or `skip`"));
            }
            Ok(())
        });
        if let Some(skip_path) = &skip.value {
            let combined: Vec<String> =
                [(name.value.is_some(), NAME), (style.value.is_some(), STYLE)]
                    .iter()
                    .filter(|(set, _)| *set)
                    .map(|(_, word)| format!("`{word}`"))
                    .collect();
            if !combined.is_empty() {
                cx.error_spanned_by(
                    skip_path,
                    format!(
                        "`skip` cannot be combined with {}: a skipped field is not sent",
                        combined.join(" or ")
                    ),
                );
            }
        }
        Field {
            wire_name: name.value.as_ref().map_or(default_name, LitStr::value),
            name_literal: name.value,
            style: style.value.unwrap_or(Style::Simple),
            skip: skip.value.is_some(),
        }
    }
}

/// A wire name must be non-empty and dot-free: dots join the parts of nested keys.
fn check_wire_name(cx: &Ctxt, literal: &LitStr) {
    let name = literal.value();
    if name.is_empty() {
        cx.error_spanned_by(literal, "rpc name cannot be empty");
    } else if name.contains('.') {
        cx.error_spanned_by(
            literal,
            format!("rpc name `{name}` cannot contain `.`: dots separate the parts of nested keys"),
        );
    }
}
