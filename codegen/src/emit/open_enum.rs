//! Open enums: the spec's enums and each action's error codes.
//!
//! One variant per known value plus `Unknown(UnknownValue)`, so a value the spec does not list
//! yet never fails a response; `as_str()` gives every value back exactly.

use super::docs::{Doc, escape_markdown};
use super::types::ident;
use crate::model::{Action, Api, Enum};
use proc_macro2::TokenStream;
use quote::quote;

/// One known value of an open enum.
pub(crate) struct Variant<'a> {
    pub variant: &'a str,
    pub wire: &'a str,
    pub doc: Doc,
}

/// An open enum with its conversions; `extra` goes into its inherent `impl`.
pub(crate) fn open_enum(
    name: &str,
    doc: &Doc,
    variants: &[Variant<'_>],
    extra: TokenStream,
) -> TokenStream {
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
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #wires, )*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every wire value the spec lists, in spec order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#wires),*]
            }

            #extra
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
    open_enum(&spec.name, &doc, &variants, TokenStream::new())
}

/// The error codes `action` may answer with: its own, then the common ones.
pub(crate) fn error_codes(api: &Api, action: &Action) -> TokenStream {
    let codes: Vec<_> = api.errors_of(action).collect();
    let mut doc = Doc::default();
    doc.line(format!(
        "Error codes `{}` documents, and the ones every action may return.",
        action.name
    ));
    doc.blank();
    doc.line("Compare with `ServiceError::code()` of a failed call: `ErrorCode::from(code)`.");
    let variants: Vec<Variant<'_>> = codes
        .iter()
        .map(|code| {
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
            Variant {
                variant: &code.variant,
                wire: &code.code,
                doc,
            }
        })
        .collect();
    let idents: Vec<_> = codes.iter().map(|code| ident(&code.variant)).collect();
    let statuses = codes.iter().map(|code| code.http_status);
    let messages = codes.iter().map(|code| code.message.as_str());
    let extra = quote! {
        /// The HTTP status the spec documents for the code; `None` for unknown codes.
        pub const fn http_status(&self) -> Option<u16> {
            match self {
                #( Self::#idents => Some(#statuses), )*
                Self::Unknown(_) => None,
            }
        }

        /// The service's message for the code, as documented; `None` for unknown codes.
        pub const fn message(&self) -> Option<&'static str> {
            match self {
                #( Self::#idents => Some(#messages), )*
                Self::Unknown(_) => None,
            }
        }
    };
    open_enum(&action.error_type(), &doc, &variants, extra)
}
