//! `#[derive(RpcQuery)]`: Alibaba Cloud RPC query serialization for request structs.
//!
//! Use it through `vod_runtime::RpcQuery`; the runtime's `query` module documents the styles and
//! the wire format. This crate only parses the attributes and emits calls of the runtime's
//! traits, so every type check happens in the runtime, against the field's type.
#![deny(missing_docs)]

mod expand;
mod internals;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `ToQuery` (and the traits that let the struct nest under `repeat_list` and `flat`)
/// for a struct with named fields.
///
/// Struct attribute: `#[rpc(crate = "path")]`, the path of the runtime crate (default
/// `::vod_runtime`). Field attributes: `#[rpc(name = "WireName")]` (default: the field name as
/// written, without `r#`), `#[rpc(style = "simple" | "repeat_list" | "flat" | "json")]`
/// (default `simple`), `#[rpc(skip)]`.
///
/// ```
/// use vod_runtime::RpcQuery;
/// use vod_runtime::query::ToQuery;
///
/// #[derive(RpcQuery)]
/// struct GetVideoInfo {
///     #[rpc(name = "VideoId")]
///     video_id: String,
///     #[rpc(skip)]
///     attempts: u32,
/// }
///
/// let request = GetVideoInfo { video_id: "93ab".into(), attempts: 3 };
/// assert_eq!(request.to_query_pairs(), [("VideoId".to_owned(), "93ab".to_owned())]);
/// ```
#[proc_macro_derive(RpcQuery, attributes(rpc))]
pub fn derive_rpc_query(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::expand_derive_rpc_query(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
