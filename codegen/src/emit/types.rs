//! Rust types of spec types, and the borrowing accessors that go with them.

use crate::model::{Source, Type};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// An identifier from a sanitised name (`r#type` becomes a raw identifier).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The Rust type of a value of `ty`, as seen from an action module.
pub(crate) fn rust_type<M>(ty: &Type<M>) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Integer => quote!(i32),
        Type::Long => quote!(i64),
        Type::Float => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Timestamp => quote!(::vod_runtime::Timestamp),
        Type::Enum(name) => {
            let name = ident(name);
            quote!(super::enums::#name)
        }
        Type::List { items, .. } => {
            let items = rust_type(items);
            quote!(Vec<#items>)
        }
        Type::Object { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// True for types whose values are `Copy`, so accessors return them by value.
fn is_copy<M>(ty: &Type<M>) -> bool {
    matches!(
        ty,
        Type::Integer | Type::Long | Type::Float | Type::Boolean | Type::Timestamp
    )
}

/// The return type and body of a borrowing accessor of field `field`.
///
/// `optional` fields are `Option<T>` (lists in responses are plain `Vec`s: pass `false`).
pub(crate) fn accessor<M>(
    field: &Ident,
    ty: &Type<M>,
    optional: bool,
) -> (TokenStream, TokenStream) {
    let inner = match ty {
        Type::List { items, .. } => {
            let items = rust_type(items);
            quote!([#items])
        }
        Type::String => quote!(str),
        other => rust_type(other),
    };
    match (
        optional,
        is_copy(ty),
        matches!(ty, Type::List { .. } | Type::String),
    ) {
        (true, true, _) => (quote!(Option<#inner>), quote!(self.#field)),
        (true, false, true) => (quote!(Option<&#inner>), quote!(self.#field.as_deref())),
        (true, false, false) => (quote!(Option<&#inner>), quote!(self.#field.as_ref())),
        (false, true, _) => (inner, quote!(self.#field)),
        (false, false, _) => (quote!(&#inner), quote!(&self.#field)),
    }
}

/// A doc line saying where the spec learnt of a member, unless it is the reference table.
pub(crate) fn source_note(source: Source) -> Option<&'static str> {
    match source {
        Source::Table => None,
        Source::Example => Some("- Source: only the reference page's examples (not its table)"),
        Source::Metadata => Some("- Source: only the API metadata (newer than the reference page)"),
    }
}

/// Spec type as written in docs (`list of CertInfo`).
pub(crate) fn describe<M>(ty: &Type<M>) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Integer => "integer (32-bit)".into(),
        Type::Long => "long (64-bit)".into(),
        Type::Float => "float".into(),
        Type::Boolean => "boolean".into(),
        Type::Timestamp => "timestamp (`yyyy-MM-ddTHH:mm:ssZ`, UTC)".into(),
        Type::Enum(name) => format!("enum [`{name}`](super::enums::{name})"),
        Type::List { items, .. } => format!("list of {}", describe(items)),
        Type::Object { name, .. } => format!("object [`{name}`]"),
    }
}
