//! Emission: the resolved model becomes token streams, one per generated file.
//!
//! Inherent methods (getters, setters, `build`, `as_str`, client calls, ...) are `#[inline]`:
//! such a method is compiled in the crate that calls it, not in the SDK, so a user pays the
//! machine code of the actions it uses only (a seventh of the SDK's own build otherwise).

mod docs;
mod examples;
mod open_enum;
mod request;
mod response;
mod types;

use crate::model::{Action, Api};
use crate::names::bare;
use docs::Doc;
use proc_macro2::TokenStream;
use quote::quote;
use types::ident;

pub(crate) use docs::escape_markdown;

/// How the generated code is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A crate: `src/lib.rs`, one `src/<module>.rs` per action, `src/enums.rs`,
    /// `src/client.rs`, and `tests/examples.rs` (what `generated/` holds).
    Crate,
    /// One file of inline modules, to `include!` from a build script's `OUT_DIR`.
    SingleFile,
}

/// One generated file before formatting.
pub(crate) struct Unit {
    /// Path relative to the output directory.
    pub path: String,
    /// The spec file(s) it comes from, for the header line.
    pub source: String,
    /// The code.
    pub tokens: TokenStream,
}

fn action_module(action: &Action) -> TokenStream {
    let mut doc = Doc::default();
    let title = action
        .title
        .as_deref()
        .map(|t| format!(": {}", escape_markdown(t)))
        .unwrap_or_default();
    doc.line(format!("`{}`{title}", action.name));
    if let Some(description) = &action.description {
        doc.text(description);
    }
    for note in &action.notes {
        doc.blank();
        doc.line(format!(
            "Note: {}",
            escape_markdown(note).replace('\n', " ")
        ));
    }
    doc.blank();
    doc.line(facts(action));
    if let Some(example) = &action.examples.request {
        doc.blank();
        doc.line("Request example from the reference page:");
        doc.code(example);
    }
    let inner = doc.inner();
    let mut items = Vec::new();
    request::request(action, &mut items);
    response::response(action, &mut items);
    items.push(open_enum::error_codes(action));
    quote! { #inner #(#items)* }
}

/// One line of facts about an action: methods, read-only, regions, deprecation.
fn facts(action: &Action) -> String {
    let methods: Vec<&str> = action
        .methods
        .iter()
        .map(|m| match m {
            crate::model::Method::Get => "GET",
            crate::model::Method::Post => "POST",
        })
        .collect();
    let regions = if action.regions.is_empty() {
        "every region".to_owned()
    } else {
        action
            .regions
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kind = if action.read_only {
        "Read-only (retried on any failure)"
    } else {
        "Changes state"
    };
    let deprecated = if action.deprecated {
        " Deprecated."
    } else {
        ""
    };
    format!(
        "{kind}; methods {}; served in {regions}.{deprecated}",
        methods.join(", ")
    )
}

fn enums_module(api: &Api) -> TokenStream {
    let enums = api.enums.values().map(open_enum::spec_enum);
    quote! {
        //! Enums of the API: shared ones and those a single action defines.
        #(#enums)*
    }
}

fn client_module(api: &Api) -> TokenStream {
    let product = &api.product;
    let (code, version, region, pattern) = (
        &product.code,
        &product.version,
        &product.default_region,
        &product.endpoint_pattern,
    );
    let overrides = product
        .regional_endpoints
        .iter()
        .map(|(region, host)| quote!((#region, #host)));
    let methods = api.actions.values().map(|action| {
        let method = ident(&action.module);
        let module = ident(&action.module);
        let request = ident(&action.request_type());
        let response = ident(&action.response_type());
        let mut doc = Doc::default();
        let title = action.title.as_deref().map(|t| format!(": {}", escape_markdown(t))).unwrap_or_default();
        doc.line(format!("Calls `{}`{title}", action.name));
        if let Some(description) = &action.description {
            doc.text(description);
        }
        doc.blank();
        doc.line(facts(action));
        doc.blank();
        doc.line("# Errors");
        doc.blank();
        doc.line(format!(
            "A [`runtime::Error`](::vod_runtime::Error); a service error's code can be matched with [`{0}`](super::{1}::{0}).",
            action.error_type(),
            bare(&action.module)
        ));
        let docs = doc.outer();
        // Not an `async fn`: the runtime's future is returned as is, so the SDK compiles no
        // state machine per action; the caller's crate compiles the ones it awaits. It is
        // `Send` when the runtime's is (auto traits leak); spelling out `+ Send` would make
        // this crate prove it for every action.
        quote! {
            #docs
            #[inline]
            pub fn #method<'a>(&'a self, request: &'a super::#module::#request)
                -> impl ::std::future::Future<
                    Output = Result<super::#module::#response, ::vod_runtime::Error>,
                > + 'a {
                self.inner.call(request)
            }
        }
    });
    let service_doc =
        format!(" The `{code}` service, API version `{version}`: endpoints and default region.");
    quote! {
        //! The client: one async method per action.

        #[doc = #service_doc]
        pub static SERVICE: ::vod_runtime::Service = ::vod_runtime::Service {
            product: #code,
            version: #version,
            default_region: #region,
            endpoint_pattern: #pattern,
            regional_endpoints: &[#(#overrides),*],
        };

        /// Calls the API's actions; cheap to clone (clones share connections and credentials).
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: ::vod_runtime::Client,
        }

        impl Client {
            /// A client of [`SERVICE`] with `config` (region, credentials, timeouts, retries).
            #[inline]
            pub fn new(config: ::vod_runtime::Config) -> Self {
                Client { inner: ::vod_runtime::Client::new(&SERVICE, config) }
            }

            /// The runtime client underneath, e.g. to call an action by a hand-written request.
            #[inline]
            pub fn runtime(&self) -> &::vod_runtime::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

fn crate_doc(api: &Api) -> Doc {
    let product = &api.product;
    let mut doc = Doc::default();
    let zh = product
        .title_zh
        .as_deref()
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    doc.line(format!(
        "{}{zh} API `{}`, generated from the spec.",
        product.title, product.version
    ));
    doc.blank();
    doc.line(
        "[`Client`] has one async method per action; each action has a module with its request",
    );
    doc.line(
        "(and builder), response and error codes; [`enums`] holds the enums and [`errors`] the",
    );
    doc.line("error codes every action may return. The runtime is re-exported as [`runtime`], so");
    doc.line("this is the only dependency you need.");
    doc
}

/// Every file of the generated code, in a fixed order.
pub(crate) fn emit(api: &Api, layout: Layout, spec_name: &str) -> Vec<Unit> {
    let all_actions = format!("{spec_name}/actions/*.yaml");
    let modules: Vec<(String, TokenStream, String)> = api
        .actions
        .values()
        .map(|action| {
            let source = format!("{spec_name}/{}", action.source.display());
            (action.module.clone(), action_module(action), source)
        })
        .collect();
    let enums = enums_module(api);
    let errors = open_enum::common_error_codes(api);
    let client = client_module(api);
    let product_source = format!("{spec_name}/product.yaml");
    match layout {
        Layout::Crate => {
            let doc = crate_doc(api).inner();
            let names = modules.iter().map(|(name, ..)| ident(name));
            let lib = quote! {
                #doc
                #![deny(missing_docs)]

                /// The runtime this SDK is built on: `Config`, `Error`, `Timestamp`, ...
                pub use ::vod_runtime as runtime;

                #[rustfmt::skip]
                mod client;
                pub use client::{Client, SERVICE};

                #[rustfmt::skip]
                pub mod enums;

                #[rustfmt::skip]
                pub mod errors;

                #(
                    #[rustfmt::skip]
                    pub mod #names;
                )*
            };
            let mut units = vec![
                Unit {
                    path: "src/lib.rs".into(),
                    source: product_source.clone(),
                    tokens: lib,
                },
                Unit {
                    path: "src/client.rs".into(),
                    source: format!("{product_source} and {all_actions}"),
                    tokens: client,
                },
                Unit {
                    path: "src/enums.rs".into(),
                    source: format!("{spec_name}/enums.yaml and {all_actions}"),
                    tokens: enums,
                },
                Unit {
                    path: "src/errors.rs".into(),
                    source: format!("{spec_name}/errors.yaml"),
                    tokens: errors,
                },
            ];
            for (name, tokens, source) in modules {
                units.push(Unit {
                    // `pub mod r#move;` lives in `move.rs`.
                    path: format!("src/{}.rs", crate::names::bare(&name)),
                    source,
                    tokens,
                });
            }
            units.push(Unit {
                path: "tests/examples.rs".into(),
                source: all_actions,
                tokens: examples::tests(api),
            });
            units
        }
        Layout::SingleFile => {
            let names = modules.iter().map(|(name, ..)| ident(name));
            let contents = modules.iter().map(|(_, tokens, _)| tokens);
            let tokens = quote! {
                /// The runtime this SDK is built on.
                pub use ::vod_runtime as runtime;
                mod client { #client }
                pub use client::{Client, SERVICE};
                pub mod enums { #enums }
                pub mod errors { #errors }
                #( pub mod #names { #contents } )*
            };
            let file = format!("{}.rs", api.product.crate_name.replace('-', "_"));
            vec![Unit {
                path: file,
                source: format!("{spec_name}/"),
                tokens,
            }]
        }
    }
}
