//! Response types: serde structs with wire names, lenient about list and number shapes.

use super::docs::Doc;
use super::types::{accessor, describe, ident, rust_type, source_note};
use crate::model::{Action, Field, Type};
use crate::names::camel;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

fn field_doc(field: &Field) -> Doc {
    let mut doc = Doc::default();
    if let Some(description) = &field.description {
        doc.text(description);
    }
    doc.blank();
    doc.line(format!("- Wire name: `{}`", field.wire_name));
    doc.line(format!("- Type: {}", describe(&field.ty)));
    if let Some(example) = &field.example {
        doc.line(format!("- Example: `{}`", example.replace('`', "'")));
    }
    if field.deprecated {
        doc.line("- Deprecated");
    }
    if let Some(note) = source_note(field.source) {
        doc.line(note);
    }
    doc
}

/// Name of the private unit type naming a list wrapper key.
fn wrapper_type(wrapper: &str) -> syn::Ident {
    format_ident!(
        "{}Wrapper",
        camel(wrapper).unwrap_or_else(|| "List".to_owned())
    )
}

/// The `#[serde(..)]` attribute of a field.
fn serde_attribute(field: &Field) -> TokenStream {
    let name = &field.wire_name;
    match &field.ty {
        Type::List {
            wrapper: Some(wrapper),
            ..
        } => {
            let with = format!(
                "::vod_runtime::__private::Wrapped::<{}>",
                wrapper_type(wrapper)
            );
            quote!(#[serde(rename = #name, default, with = #with, skip_serializing_if = "Vec::is_empty")])
        }
        Type::List { wrapper: None, .. } => quote!(#[serde(
            rename = #name,
            default,
            deserialize_with = "::vod_runtime::__private::bare_list",
            skip_serializing_if = "Vec::is_empty"
        )]),
        Type::Integer | Type::Long | Type::Float => quote!(#[serde(
            rename = #name,
            default,
            deserialize_with = "::vod_runtime::__private::lenient_number",
            skip_serializing_if = "Option::is_none"
        )]),
        _ => quote!(#[serde(rename = #name, default, skip_serializing_if = "Option::is_none")]),
    }
}

/// An output struct and any nested objects; records the list wrappers it uses.
fn output_struct(
    name: &str,
    mut doc: Doc,
    fields: &[Field],
    wrappers: &mut BTreeSet<String>,
    out: &mut Vec<TokenStream>,
) {
    let type_name = ident(name);
    let mut members = Vec::new();
    let mut getters = Vec::new();
    for field in fields {
        nested(&field.ty, wrappers, out);
        if let Type::List {
            wrapper: Some(wrapper),
            ..
        } = &field.ty
        {
            wrappers.insert(wrapper.clone());
        }
        let member = ident(&field.rust_name);
        let ty = rust_type(&field.ty);
        let is_list = matches!(field.ty, Type::List { .. });
        let stored = if is_list { ty } else { quote!(Option<#ty>) };
        let docs = field_doc(field).outer();
        let attribute = serde_attribute(field);
        members.push(quote!(#attribute #member: #stored,));
        let (returns, body) = accessor(&member, &field.ty, !is_list);
        getters.push(quote!(#docs pub fn #member(&self) -> #returns { #body }));
    }
    doc.blank();
    doc.line("Every field is optional (absent lists are empty); fields the spec does not know are");
    doc.line("ignored. Serializing writes the API's JSON shape back, list wrappers included, and");
    doc.line("leaves out absent fields and empty lists.");
    let docs = doc.outer();
    out.push(quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #type_name { #(#members)* }

        impl #type_name { #(#getters)* }
    });
}

fn nested(ty: &Type<Field>, wrappers: &mut BTreeSet<String>, out: &mut Vec<TokenStream>) {
    match ty {
        Type::List { items, .. } => nested(items, wrappers, out),
        Type::Object { name, fields } => {
            let mut doc = Doc::default();
            doc.line(format!("`{name}`: a structured response value."));
            output_struct(name, doc, fields, wrappers, out);
        }
        _ => {}
    }
}

/// The response type of `action`, its nested structs and the list-wrapper names they use.
pub(crate) fn response(action: &Action, out: &mut Vec<TokenStream>) {
    let mut doc = Doc::default();
    doc.line(format!("Response of `{}`.", action.name));
    let mut wrappers = BTreeSet::new();
    output_struct(
        &action.response_type(),
        doc,
        &action.fields,
        &mut wrappers,
        out,
    );
    for wrapper in wrappers {
        let type_name = wrapper_type(&wrapper);
        out.push(quote! {
            struct #type_name;
            impl ::vod_runtime::__private::ListWrapper for #type_name {
                const NAME: &'static str = #wrapper;
            }
        });
    }
}
