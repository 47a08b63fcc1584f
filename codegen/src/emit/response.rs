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

/// How a field goes through serde: the expression reading its value from `map`, the one
/// written, and the test that it is present (absent fields and empty lists are not written).
struct FieldSerde {
    read: TokenStream,
    write: TokenStream,
    present: TokenStream,
}

fn field_serde(field: &Field) -> FieldSerde {
    let member = ident(&field.rust_name);
    let private = quote!(::vod_runtime::__private);
    match &field.ty {
        Type::List {
            wrapper: Some(wrapper),
            ..
        } => {
            let wrapper = wrapper_type(wrapper);
            FieldSerde {
                read: quote!(map.next_value::<#private::WrappedList<#wrapper, _>>()?.0),
                write: quote!(&#private::WrappedSlice::<#wrapper, _>::new(&self.#member)),
                present: quote!(!self.#member.is_empty()),
            }
        }
        Type::List { wrapper: None, .. } => FieldSerde {
            read: quote!(map.next_value::<#private::BareList<_>>()?.0),
            write: quote!(&self.#member),
            present: quote!(!self.#member.is_empty()),
        },
        Type::Integer | Type::Long | Type::Float => FieldSerde {
            read: quote!(map.next_value::<#private::LenientNumber<_>>()?.0),
            write: quote!(&self.#member),
            present: quote!(self.#member.is_some()),
        },
        _ => FieldSerde {
            read: quote!(map.next_value()?),
            write: quote!(&self.#member),
            present: quote!(self.#member.is_some()),
        },
    }
}

/// `Serialize`, `Deserialize` and `ResponseFields` of a response struct.
///
/// Written out rather than derived: the derive's field enum, its visitors (sequences, bytes,
/// indices) and one wrapper type per `with` field dominated the crate's build time; here the
/// map loop lives once in the runtime and each struct is one `match` on wire names. Reading
/// behaves like the derive with `default` on every field, for the JSON the service sends.
fn serde_impls(type_name: &syn::Ident, fields: &[Field]) -> TokenStream {
    let name = type_name.to_string();
    let wires: Vec<_> = fields
        .iter()
        .map(|field| field.wire_name.as_str())
        .collect();
    let serdes: Vec<_> = fields.iter().map(field_serde).collect();
    let members = fields.iter().map(|field| ident(&field.rust_name));
    let reads = serdes.iter().map(|serde| &serde.read);
    let writes = serdes.iter().map(|serde| &serde.write);
    let presents: Vec<_> = serdes.iter().map(|serde| &serde.present).collect();
    let private = quote!(::vod_runtime::__private);
    let (read_field, serialize) = if fields.is_empty() {
        (
            quote!(Ok(false)),
            quote!(::serde::ser::SerializeStruct::end(serializer.serialize_struct(#name, 0)?)),
        )
    } else {
        (
            quote! {
                match key {
                    #( #wires => self.#members = #reads, )*
                    _ => return Ok(false),
                }
                Ok(true)
            },
            quote! {
                use ::serde::ser::SerializeStruct as _;
                let len = #( usize::from(#presents) )+*;
                let mut out = serializer.serialize_struct(#name, len)?;
                #(
                    if #presents {
                        out.serialize_field(#wires, #writes)?;
                    } else {
                        out.skip_field(#wires)?;
                    }
                )*
                out.end()
            },
        )
    };
    let unused = fields.is_empty().then(|| quote!(let _ = (key, map);));
    quote! {
        impl ::serde::Serialize for #type_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #type_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #private::deserialize_fields(deserializer)
            }
        }

        impl #private::ResponseFields for #type_name {
            const NAME: &'static str = #name;
            const FIELDS: &'static [&'static str] = &[#(#wires),*];

            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                #unused
                #read_field
            }
        }
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
        members.push(quote!(#member: #stored,));
        let (returns, body) = accessor(&member, &field.ty, !is_list);
        getters.push(quote!(#docs #[inline] pub fn #member(&self) -> #returns { #body }));
    }
    doc.blank();
    doc.line("Every field is optional (absent lists are empty); fields the spec does not know are");
    doc.line("ignored. Serializing writes the API's JSON shape back, list wrappers included, and");
    doc.line("leaves out absent fields and empty lists.");
    let docs = doc.outer();
    let serde = serde_impls(&type_name, fields);
    out.push(quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #type_name { #(#members)* }

        impl #type_name { #(#getters)* }

        #serde
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
