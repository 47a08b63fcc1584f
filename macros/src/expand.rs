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
