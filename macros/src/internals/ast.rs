//! The derive input as a checked model: a struct with named fields and their attributes.

use super::{Ctxt, attr};
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, GenericParam, Generics, Ident, Type};

/// A struct the derive can expand.
pub struct Container<'a> {
    /// The struct's name.
    pub ident: &'a Ident,
    /// Its generics (lifetimes only; type and const parameters are rejected).
    pub generics: &'a Generics,
    /// Struct-level attributes.
    pub attrs: attr::Container,
    /// Named fields in declaration order.
    pub fields: Vec<Field<'a>>,
}

/// One named field.
pub struct Field<'a> {
    /// The field's ident, as written (possibly `r#type`).
    pub member: &'a Ident,
    /// Its type: errors about the style land here.
    pub ty: &'a Type,
    /// Field-level attributes.
    pub attrs: attr::Field,
}

impl<'a> Container<'a> {
    /// Checks the input's shape and reads its attributes. Every problem is recorded in `cx`;
    /// the model returned then has no fields.
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Self {
        check_generics(cx, &input.generics);
        let attrs = attr::Container::from_ast(cx, &input.attrs);
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named
                    .named
                    .iter()
                    .filter_map(|field| {
                        let member = field.ident.as_ref()?;
                        Some(Field {
                            member,
                            ty: &field.ty,
                            attrs: attr::Field::from_ast(
                                cx,
                                &field.attrs,
                                member.unraw().to_string(),
                            ),
                        })
                    })
                    .collect(),
                Fields::Unnamed(unnamed) => {
                    cx.error_spanned_by(
                        unnamed,
                        "RpcQuery cannot be derived for a tuple struct: fields need names, \
                         which are their default wire names",
                    );
                    Vec::new()
                }
                Fields::Unit => {
                    cx.error_spanned_by(
                        &input.ident,
                        "RpcQuery cannot be derived for a unit struct; \
                         write `struct Name {}` for a request without parameters",
                    );
                    Vec::new()
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    "RpcQuery can only be derived for a struct with named fields, not an enum",
                );
                Vec::new()
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "RpcQuery can only be derived for a struct with named fields, not a union",
                );
                Vec::new()
            }
        };
        check_unique_wire_names(cx, &fields);
        Container {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            fields,
        }
    }
}

/// Lifetimes pass through to the impls; type and const parameters would need bounds the
/// derive cannot guess, so they are rejected.
fn check_generics(cx: &Ctxt, generics: &Generics) {
    for param in &generics.params {
        match param {
            GenericParam::Lifetime(_) => {}
            GenericParam::Type(param) => cx.error_spanned_by(
                param,
                "RpcQuery does not support type parameters; use concrete field types",
            ),
            GenericParam::Const(param) => cx.error_spanned_by(
                param,
                "RpcQuery does not support const parameters; use concrete field types",
            ),
        }
    }
}

/// Two sent fields with one wire name would write the same key twice.
fn check_unique_wire_names(cx: &Ctxt, fields: &[Field<'_>]) {
    let mut seen: BTreeMap<&str, &Ident> = BTreeMap::new();
    for field in fields.iter().filter(|field| !field.attrs.skip) {
        let name = field.attrs.wire_name.as_str();
        if let Some(first) = seen.get(name) {
            let message = format!("wire name `{name}` is already used by field `{first}`");
            match &field.attrs.name_literal {
                Some(literal) => cx.error_spanned_by(literal, message),
                None => cx.error_spanned_by(field.member, message),
            }
        } else {
            seen.insert(name, field.member);
        }
    }
}
