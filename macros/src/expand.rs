//! The expansion: impls of the runtime's query traits for the struct.

use crate::internals::Ctxt;
use crate::internals::ast::{Container, Field};
use crate::internals::attr::Style;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

/// Expands `#[derive(RpcQuery)]`, or returns every error found in the input.
pub fn expand_derive_rpc_query(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let container = Container::from_ast(&cx, input);
    cx.check()?;
    Ok(impls(&container))
}

fn impls(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let krate = &container.attrs.crate_path;
    let (impl_generics, ty_generics, where_clause) = container.generics.split_for_impl();
    let writes: Vec<TokenStream> = container
        .fields
        .iter()
        .filter(|field| !field.attrs.skip)
        .map(|field| write_field(krate, field))
        .collect();
    // A struct with nothing to send still has to take (and so use) both parameters.
    let unused = writes.is_empty().then(|| quote!(let _ = (writer, parent);));
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::query::QueryStruct for #ident #ty_generics #where_clause {
            fn write_fields(
                &self,
                writer: &mut #krate::query::QueryWriter,
                parent: ::core::option::Option<&#krate::query::Key<'_>>,
            ) {
                #unused
                #(#writes)*
            }
        }

        #[automatically_derived]
        impl #impl_generics #krate::query::QueryNested for #ident #ty_generics #where_clause {
            fn write_nested(
                &self,
                writer: &mut #krate::query::QueryWriter,
                key: &#krate::query::Key<'_>,
            ) {
                #krate::query::QueryStruct::write_fields(
                    self,
                    writer,
                    ::core::option::Option::Some(key),
                )
            }
        }

        #[automatically_derived]
        impl #impl_generics #krate::query::ToQuery for #ident #ty_generics #where_clause {
            fn write_query(&self, writer: &mut #krate::query::QueryWriter) {
                #krate::query::QueryStruct::write_fields(self, writer, ::core::option::Option::None)
            }
        }
    }
}

/// One call of the style's trait method, spanned on the field type so that a type the style
/// does not take is reported there, with the trait's `on_unimplemented` message.
fn write_field(krate: &syn::Path, field: &Field<'_>) -> TokenStream {
    let member = field.member;
    let ty = field.ty;
    let name = &field.attrs.wire_name;
    let (style_trait, method) = match field.attrs.style {
        Style::Simple => (quote!(SimpleStyle), quote!(write_simple)),
        Style::RepeatList => (quote!(RepeatListStyle), quote!(write_repeat_list)),
        Style::Flat => (quote!(FlatStyle), quote!(write_flat)),
        Style::Json => (quote!(JsonStyle), quote!(write_json)),
    };
    quote_spanned! {ty.span()=>
        <#ty as #krate::query::#style_trait>::#method(
            &self.#member,
            writer,
            &#krate::query::Key::field(parent, #name),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::expand_derive_rpc_query;
    use syn::parse_quote;

    fn errors(input: syn::DeriveInput) -> Vec<String> {
        match expand_derive_rpc_query(&input) {
            Ok(tokens) => panic!("expected errors, got {tokens}"),
            Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
        }
    }

    fn expansion(input: syn::DeriveInput) -> String {
        match expand_derive_rpc_query(&input) {
            Ok(tokens) => tokens.to_string(),
            Err(error) => panic!("unexpected error: {error}"),
        }
    }

    #[test]
    fn every_mistake_is_reported_at_once() {
        let found = errors(parse_quote! {
            #[rpc(crate = "::vod_runtime", crate = "::other")]
            struct Request {
                #[rpc(style = "list")]
                a: Vec<String>,
                #[rpc(name = "")]
                b: String,
                #[rpc(skip, style = "json")]
                c: u8,
                #[rpc(color = "red")]
                d: u8,
            }
        });
        assert_eq!(
            found,
            [
                "duplicate rpc attribute `crate`",
                "unknown rpc style `list`; expected one of `simple`, `repeat_list`, `flat`, `json`",
                "rpc name cannot be empty",
                "`skip` cannot be combined with `style`: a skipped field is not sent",
                "unknown rpc field attribute `color`; expected `name`, `style` or `skip`",
            ]
        );
    }

    #[test]
    fn malformed_values_are_errors_not_panics() {
        let found = errors(parse_quote! {
            #[rpc(crate = "not a path")]
            struct Request {
                #[rpc(name = VideoId)]
                a: String,
                #[rpc(style)]
                b: String,
                #[rpc]
                c: String,
            }
        });
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn non_structs_and_type_parameters_are_rejected() {
        let enum_error = errors(parse_quote! { enum Request { A } });
        assert_eq!(
            enum_error,
            ["RpcQuery can only be derived for a struct with named fields, not an enum"]
        );
        let union_error = errors(parse_quote! { union Request { a: u8 } });
        assert_eq!(
            union_error,
            ["RpcQuery can only be derived for a struct with named fields, not a union"]
        );
        let generic_errors = errors(parse_quote! {
            struct Request<T, const N: usize> { a: [T; N] }
        });
        assert_eq!(
            generic_errors,
            [
                "RpcQuery does not support type parameters; use concrete field types",
                "RpcQuery does not support const parameters; use concrete field types",
            ]
        );
    }

    #[test]
    fn default_wire_names_collide_like_explicit_ones() {
        let found = errors(parse_quote! {
            struct Request {
                r#type: String,
                #[rpc(name = "type")]
                kind: String,
                #[rpc(skip, )]
                skipped: String,
                #[rpc(name = "skipped")]
                sent: String,
            }
        });
        assert_eq!(
            found,
            ["wire name `type` is already used by field `r#type`"]
        );
    }

    #[test]
    fn expansion_calls_each_style_trait_with_the_wire_name() {
        let code = expansion(parse_quote! {
            struct Request<'a> {
                r#type: &'a str,
                #[rpc(name = "Tag", style = "repeat_list")]
                tag: Vec<String>,
                #[rpc(name = "Config", style = "flat")]
                config: Option<Config>,
                #[rpc(name = "Times", style = "json")]
                times: Vec<i64>,
                #[rpc(skip)]
                local: u8,
            }
        });
        for expected in [
            "< & 'a str as :: vod_runtime :: query :: SimpleStyle > :: write_simple (& self . r#type",
            ":: vod_runtime :: query :: Key :: field (parent , \"type\")",
            "RepeatListStyle > :: write_repeat_list (& self . tag",
            "FlatStyle > :: write_flat (& self . config",
            "JsonStyle > :: write_json (& self . times",
            "impl < 'a > :: vod_runtime :: query :: ToQuery for Request < 'a >",
        ] {
            assert!(code.contains(expected), "missing `{expected}` in {code}");
        }
        assert!(!code.contains("local"), "skipped field is written: {code}");
    }

    #[test]
    fn crate_attribute_replaces_the_runtime_path() {
        let code = expansion(parse_quote! {
            #[rpc(crate = "sdk::runtime")]
            struct Request {}
        });
        assert!(code.contains("impl sdk :: runtime :: query :: QueryStruct for Request"));
        assert!(!code.contains("vod_runtime"));
        // Nothing to write: both parameters are still used, so no warning in user code.
        assert!(code.contains("let _ = (writer , parent) ;"));
    }
}
