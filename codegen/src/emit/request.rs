//! Request types: input structs with `#[derive(RpcQuery)]`, their builders, `impl Action`.

use super::docs::Doc;
use super::types::{accessor, describe, ident, rust_type, source_note};
use crate::model::{Action, Method, Parameter, Style, Type};
use crate::names::bare;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// Docs of one parameter: the spec's description, then the facts a caller needs.
fn parameter_doc(parameter: &Parameter) -> Doc {
    let mut doc = Doc::default();
    if let Some(description) = &parameter.description {
        doc.text(description);
    }
    doc.blank();
    doc.line(format!("- Wire name: `{}`", parameter.wire_name));
    doc.line(format!("- Type: {}", describe(&parameter.ty)));
    doc.line(if parameter.required {
        "- Required"
    } else {
        "- Optional"
    });
    if let Some(example) = &parameter.example {
        doc.line(format!("- Example: `{}`", example.replace('`', "'")));
    }
    if let Some(default) = &parameter.default {
        doc.line(format!("- Default: `{}`", default.replace('`', "'")));
    }
    let limits = &parameter.limits;
    let range = |min: Option<String>, max: Option<String>, what: &str| match (min, max) {
        (Some(min), Some(max)) => Some(format!("- {what}: {min} to {max}")),
        (Some(min), None) => Some(format!("- {what}: at least {min}")),
        (None, Some(max)) => Some(format!("- {what}: at most {max}")),
        (None, None) => None,
    };
    let lines = [
        range(
            limits.minimum.map(|v| v.to_string()),
            limits.maximum.map(|v| v.to_string()),
            "Range",
        ),
        range(
            limits.min_items.map(|v| v.to_string()),
            limits.max_items.map(|v| v.to_string()),
            "Items",
        ),
        limits
            .max_length
            .map(|v| format!("- At most {v} characters")),
        limits
            .max_bytes
            .map(|v| format!("- At most {v} bytes (UTF-8)")),
        parameter
            .secret
            .then(|| "- Secret: redacted in `Debug`".to_owned()),
        parameter.json_text.then(|| "- JSON text".to_owned()),
        parameter.deprecated.then(|| "- Deprecated".to_owned()),
        source_note(parameter.source).map(str::to_owned),
    ];
    for line in lines.into_iter().flatten() {
        doc.line(line);
    }
    if !parameter.json_fields.is_empty() {
        doc.blank();
        doc.line("Members of the JSON text:");
        doc.blank();
        for member in &parameter.json_fields {
            let required = if member.required { ", required" } else { "" };
            let description = member
                .description
                .as_deref()
                .map(super::docs::escape_markdown)
                .unwrap_or_default();
            doc.line(format!(
                "- `{}` ({}{required}): {}",
                member.wire_name,
                describe(&member.ty),
                description.replace('\n', " ")
            ));
        }
    }
    doc
}

/// The `#[rpc(..)]` attribute of a parameter.
fn rpc_attribute(parameter: &Parameter) -> TokenStream {
    let name = &parameter.wire_name;
    let style = match parameter.style {
        Style::Simple => None,
        Style::RepeatList => Some("repeat_list"),
        Style::Flat => Some("flat"),
        Style::Json => Some("json"),
    };
    match style {
        Some(style) => quote!(#[rpc(name = #name, style = #style)]),
        None => quote!(#[rpc(name = #name)]),
    }
}

/// Number literal of a limit, typed like the parameter.
fn limit_literal(ty: &Type<Parameter>, value: f64) -> TokenStream {
    // Limits were checked to fit the type when the spec was loaded.
    #[allow(clippy::cast_possible_truncation)]
    let literal = match ty {
        Type::Integer => Literal::i32_suffixed(value as i32),
        Type::Long => Literal::i64_suffixed(value as i64),
        _ => Literal::f64_suffixed(value),
    };
    quote!(#literal)
}

fn option<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// The checks `build()` runs for one parameter's limits.
fn limit_checks(parameter: &Parameter) -> TokenStream {
    let field = ident(&parameter.rust_name);
    let name = &parameter.wire_name;
    let limits = &parameter.limits;
    let mut checks = TokenStream::new();
    if limits.minimum.is_some() || limits.maximum.is_some() {
        let min = option(limits.minimum.map(|v| limit_literal(&parameter.ty, v)));
        let max = option(limits.maximum.map(|v| limit_literal(&parameter.ty, v)));
        checks.extend(
            quote!(::vod_runtime::__check::range(#name, self.#field.as_ref(), #min, #max)?;),
        );
    }
    let mut length = |measure: TokenStream, min: Option<usize>, max: Option<usize>| {
        let min = option(min);
        let max = option(max);
        checks.extend(quote!(::vod_runtime::__check::length(#name, self.#field.as_ref().map(#measure), #min, #max)?;));
    };
    if limits.min_items.is_some() || limits.max_items.is_some() {
        length(quote!(Vec::len), limits.min_items, limits.max_items);
    }
    if let Some(max) = limits.max_length {
        length(quote!(|text| text.chars().count()), None, Some(max));
    }
    if let Some(max) = limits.max_bytes {
        length(quote!(String::len), None, Some(max));
    }
    checks
}

/// A hand-written `Debug` that shows secrets as `<redacted>`; `None` when there is no secret.
fn redacting_debug(type_name: &syn::Ident, fields: &[(&Parameter, bool)]) -> Option<TokenStream> {
    if !fields.iter().any(|(parameter, _)| parameter.secret) {
        return None;
    }
    let name = type_name.to_string();
    let entries = fields.iter().map(|(parameter, optional)| {
        let field = ident(&parameter.rust_name);
        let label = bare(&parameter.rust_name);
        match (parameter.secret, optional) {
            (true, true) => quote!(.field(#label, &self.#field.as_ref().map(|_| "<redacted>"))),
            (true, false) => quote!(.field(#label, &"<redacted>")),
            (false, _) => quote!(.field(#label, &self.#field)),
        }
    });
    Some(quote! {
        impl ::std::fmt::Debug for #type_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name) #(#entries)* .finish()
            }
        }
    })
}

/// An input struct (a request or a parameter object), its builder, and any nested objects.
fn input_struct(name: &str, mut doc: Doc, parameters: &[Parameter], out: &mut Vec<TokenStream>) {
    for parameter in parameters {
        nested_objects(&parameter.ty, out);
    }
    let type_name = ident(name);
    let builder_name = format_ident!("{}Builder", name);
    let derives = |secret: bool| {
        if secret {
            quote!(Clone, PartialEq)
        } else {
            quote!(Clone, Debug, PartialEq)
        }
    };
    let has_secret = parameters.iter().any(|p| p.secret);
    let struct_derives = derives(has_secret);
    let mut fields = Vec::new();
    let mut getters = Vec::new();
    let mut builder_fields = Vec::new();
    let mut setters = Vec::new();
    let mut checks = Vec::new();
    let mut inits = Vec::new();
    for parameter in parameters {
        let field = ident(&parameter.rust_name);
        let ty = rust_type(&parameter.ty);
        let docs = parameter_doc(parameter).outer();
        let attribute = rpc_attribute(parameter);
        let stored = if parameter.required {
            ty.clone()
        } else {
            quote!(Option<#ty>)
        };
        // Fields are private: their docs live on the accessor and the setters.
        fields.push(quote!(#attribute #field: #stored,));
        let (returns, body) = accessor(&field, &parameter.ty, !parameter.required);
        getters.push(quote!(#docs #[inline] pub fn #field(&self) -> #returns { #body }));
        builder_fields.push(quote!(#field: Option<#ty>,));
        let set = format_ident!("set_{}", bare(&parameter.rust_name));
        let set_doc = format!(
            " Sets or clears [`{name}::{}`].",
            bare(&parameter.rust_name)
        );
        setters.push(quote! {
            #docs
            pub fn #field(mut self, value: impl Into<#ty>) -> Self {
                self.#field = Some(value.into());
                self
            }
            #[doc = #set_doc]
            #[inline]
            pub fn #set(mut self, value: Option<#ty>) -> Self {
                self.#field = value;
                self
            }
        });
        checks.push(limit_checks(parameter));
        let wire = &parameter.wire_name;
        inits.push(if parameter.required {
            quote!(#field: ::vod_runtime::__check::required(#wire, self.#field)?,)
        } else {
            quote!(#field: self.#field,)
        });
    }
    let with_options: Vec<(&Parameter, bool)> =
        parameters.iter().map(|p| (p, !p.required)).collect();
    let all_optional: Vec<(&Parameter, bool)> = parameters.iter().map(|p| (p, true)).collect();
    let struct_debug = redacting_debug(&type_name, &with_options);
    let builder_debug = redacting_debug(&builder_name, &all_optional);
    let builder_derives = derives(has_secret);
    doc.blank();
    doc.line(format!("Build one with [`{name}::builder`]."));
    let docs = doc.outer();
    let builder_doc = format!(
        " Builder of [`{name}`]: set parameters, then [`build`]({builder_name}::build) checks them."
    );
    out.push(quote! {
        #docs
        #[derive(#struct_derives, ::vod_runtime::RpcQuery)]
        #[non_exhaustive]
        pub struct #type_name { #(#fields)* }

        impl #type_name {
            /// A builder with nothing set.
            #[inline]
            pub fn builder() -> #builder_name { #builder_name::default() }
            #(#getters)*
        }

        #struct_debug

        #[doc = #builder_doc]
        #[derive(#builder_derives, Default)]
        pub struct #builder_name { #(#builder_fields)* }

        impl #builder_name {
            #(#setters)*
            /// Checks required parameters and documented limits.
            ///
            /// # Errors
            ///
            /// [`BuildError`](::vod_runtime::BuildError) naming the first parameter (by wire
            /// name) that is missing or outside its limits.
            #[inline]
            pub fn build(self) -> Result<#type_name, ::vod_runtime::BuildError> {
                #(#checks)*
                Ok(#type_name { #(#inits)* })
            }
        }

        #builder_debug
    });
}

fn nested_objects(ty: &Type<Parameter>, out: &mut Vec<TokenStream>) {
    match ty {
        Type::List { items, .. } => nested_objects(items, out),
        Type::Object { name, fields } => {
            let mut doc = Doc::default();
            doc.line(format!("`{name}`: a structured parameter value."));
            input_struct(name, doc, fields, out);
        }
        _ => {}
    }
}

/// The request type of `action`, its builder, nested parameter objects and `impl Action`.
pub(crate) fn request(action: &Action, out: &mut Vec<TokenStream>) {
    let name = action.request_type();
    let mut doc = Doc::default();
    doc.line(format!(
        "Request of `{}`{}",
        action.name,
        action
            .title
            .as_deref()
            .map(|t| format!(": {}", super::docs::escape_markdown(t)))
            .unwrap_or_default()
    ));
    doc.blank();
    doc.line(format!(
        "Sent with [`Client::{}`](super::Client::{}).",
        action.module,
        bare(&action.module)
    ));
    input_struct(&name, doc, &action.parameters, out);
    let type_name = ident(&name);
    let response = ident(&action.response_type());
    let wire = &action.name;
    let method = match action.methods.first() {
        Some(Method::Post) => quote!(Post),
        _ => quote!(Get),
    };
    let read_only = action.read_only;
    let regions = &action.regions;
    out.push(quote! {
        impl ::vod_runtime::Action for #type_name {
            const NAME: &'static str = #wire;
            const METHOD: ::vod_runtime::HttpMethod = ::vod_runtime::HttpMethod::#method;
            const READ_ONLY: bool = #read_only;
            const REGIONS: &'static [&'static str] = &[#(#regions),*];
            type Response = #response;
        }
    });
}
