//! Open enums: the spec's enums, the common error codes and each action's error codes.
//!
//! One variant per known value plus `Unknown(UnknownValue)`, so a value the spec does not list
//! yet never fails a response; `as_str()` gives every value back exactly.

use super::docs::{Doc, escape_markdown};
use super::types::ident;
use crate::model::{Action, Api, Enum, ErrorCode};
use proc_macro2::TokenStream;
use quote::quote;

/// One known value of an open enum.
pub(crate) struct Variant<'a> {
    pub variant: &'a str,
    pub wire: &'a str,
    pub doc: Doc,
}

/// An open enum of the spec with its conversions and serde and query impls.
fn open_enum(name: &str, doc: &Doc, variants: &[Variant<'_>]) -> TokenStream {
    let type_name = ident(name);
    let docs = doc.outer();
    let idents: Vec<_> = variants.iter().map(|v| ident(v.variant)).collect();
    let wires: Vec<_> = variants.iter().map(|v| v.wire).collect();
    let variant_docs = variants.iter().map(|v| v.doc.outer());
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #type_name {
            #( #variant_docs #idents, )*
            /// A value the spec does not list (yet); [`as_str`](Self::as_str) gives it back.
            Unknown(::vod_runtime::UnknownValue),
        }

        impl #type_name {
            /// The wire value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #wires, )*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every wire value the spec lists, in spec order.
            #[inline]
            pub const fn values() -> &'static [&'static str] {
                &[#(#wires),*]
            }
        }

        impl ::std::convert::From<&str> for #type_name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#idents, )*
                    other => Self::Unknown(::vod_runtime::UnknownValue::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #type_name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #type_name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #type_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #type_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #type_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }

        impl ::vod_runtime::query::QueryScalar for #type_name {
            fn to_query_value(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    }
}

/// A spec enum.
pub(crate) fn spec_enum(spec: &Enum) -> TokenStream {
    let mut doc = Doc::default();
    doc.line(format!(
        "`{}`{}",
        spec.name,
        match &spec.owner {
            Some(owner) => format!(" (used by `{owner}`)."),
            None => " (shared).".to_owned(),
        }
    ));
    if let Some(description) = &spec.description {
        doc.text(description);
    }
    doc.blank();
    doc.line("Open: values the spec does not list are kept in `Unknown`.");
    let variants: Vec<Variant<'_>> = spec
        .values
        .iter()
        .map(|value| {
            let mut doc = Doc::default();
            doc.line(format!("`{}`", value.value));
            if let Some(description) = &value.description {
                doc.text(description);
            }
            Variant {
                variant: &value.variant,
                wire: &value.value,
                doc,
            }
        })
        .collect();
    open_enum(&spec.name, &doc, &variants)
}

/// The doc of one error-code variant: code, status and message, then the page's text.
fn code_doc(code: &ErrorCode) -> Doc {
    let mut doc = Doc::default();
    doc.line(format!(
        "`{}` (HTTP {}): {}",
        code.code,
        code.http_status,
        escape_markdown(&code.message)
    ));
    if let Some(description) = &code.description {
        doc.text(description);
    }
    for other in &code.other_messages {
        doc.blank();
        doc.line(format!("Also: {}", escape_markdown(&other.message)));
        if let Some(description) = &other.description {
            doc.text(description);
        }
    }
    doc
}

/// `CommonErrorCode`: the codes every action may return, once for the whole crate.
///
/// Closed (the action enums hold unknown codes), `Copy`, and every lookup is a plain match:
/// the per-action enums delegate to it instead of repeating these codes.
pub(crate) fn common_error_codes(api: &Api) -> TokenStream {
    let codes = &api.common_errors;
    let docs = codes.iter().map(|code| code_doc(code).outer());
    let idents: Vec<_> = codes.iter().map(|code| ident(&code.variant)).collect();
    let wires: Vec<_> = codes.iter().map(|code| code.code.as_str()).collect();
    let statuses = codes.iter().map(|code| code.http_status);
    let messages = codes.iter().map(|code| code.message.as_str());
    quote! {
        //! Error codes every action may return (gateway and product-wide).

        /// A code every action may return; each action's `ErrorCode` holds it in `Common(..)`.
        ///
        /// An action that words one of these codes its own way has a variant of its own for it,
        /// which its `From<&str>` prefers.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonErrorCode {
            #( #docs #idents, )*
        }

        impl CommonErrorCode {
            /// The code for the wire value `code`; `None` when it is not a common code.
            #[inline]
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    #( #wires => Some(Self::#idents), )*
                    _ => None,
                }
            }

            /// The wire value.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                match self {
                    #( Self::#idents => #wires, )*
                }
            }

            /// The HTTP status the spec documents for the code.
            #[inline]
            pub const fn http_status(self) -> u16 {
                match self {
                    #( Self::#idents => #statuses, )*
                }
            }

            /// The service's message for the code, as documented.
            #[inline]
            pub const fn message(self) -> &'static str {
                match self {
                    #( Self::#idents => #messages, )*
                }
            }
        }

        impl ::std::fmt::Display for CommonErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The error codes `action` may answer with: its own as variants, the common ones through
/// `Common(CommonErrorCode)`, anything else in `Unknown`.
pub(crate) fn error_codes(action: &Action) -> TokenStream {
    let codes = &action.errors;
    let mut doc = Doc::default();
    doc.line(format!(
        "Error codes `{}` documents, and the ones every action may return (`Common`).",
        action.name
    ));
    doc.blank();
    doc.line(format!(
        "Compare with `ServiceError::code()` of a failed call: `{}::from(code)`.",
        action.error_type()
    ));
    let type_name = ident(&action.error_type());
    let docs = doc.outer();
    let variant_docs = codes.iter().map(|code| code_doc(code).outer());
    let idents: Vec<_> = codes.iter().map(|code| ident(&code.variant)).collect();
    let wires: Vec<_> = codes.iter().map(|code| code.code.as_str()).collect();
    let statuses = codes.iter().map(|code| code.http_status);
    let messages = codes.iter().map(|code| code.message.as_str());
    let common = quote! {
        match super::errors::CommonErrorCode::from_code(code) {
            Some(common) => Self::Common(common),
            None => Self::Unknown(::vod_runtime::UnknownValue::new(code)),
        }
    };
    // Without codes of its own, a `match code` would have the wildcard arm alone.
    let from_body = if codes.is_empty() {
        common
    } else {
        quote! {
            match code {
                #( #wires => Self::#idents, )*
                _ => #common,
            }
        }
    };
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #type_name {
            #( #variant_docs #idents, )*
            /// A code every action may return, unless this action words it its own way above.
            Common(super::errors::CommonErrorCode),
            /// A code the spec does not list (yet); [`as_str`](Self::as_str) gives it back.
            Unknown(::vod_runtime::UnknownValue),
        }

        impl #type_name {
            /// The wire value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #wires, )*
                    Self::Common(code) => code.as_str(),
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// The HTTP status the spec documents for the code; `None` for unknown codes.
            #[inline]
            pub const fn http_status(&self) -> Option<u16> {
                match self {
                    #( Self::#idents => Some(#statuses), )*
                    Self::Common(code) => Some(code.http_status()),
                    Self::Unknown(_) => None,
                }
            }

            /// The service's message for the code, as documented; `None` for unknown codes.
            #[inline]
            pub const fn message(&self) -> Option<&'static str> {
                match self {
                    #( Self::#idents => Some(#messages), )*
                    Self::Common(code) => Some(code.message()),
                    Self::Unknown(_) => None,
                }
            }
        }

        impl ::std::convert::From<&str> for #type_name {
            fn from(code: &str) -> Self {
                #from_body
            }
        }

        impl ::std::fmt::Display for #type_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
