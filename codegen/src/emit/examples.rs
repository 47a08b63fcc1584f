//! `tests/examples.rs` of the generated crate: the reference pages' examples as tests.
//!
//! Every JSON response example is parsed into its response type, serialized back and compared
//! with the example (normalized the way the types document: numbers from numeric strings,
//! absent fields and empty lists left out), and each leaf value is asserted through the
//! accessors. Each action's parameter examples are built into a request whose query pairs are
//! compared with pairs computed here, independently of the derive.

use super::types::ident;
use crate::model::{Action, Api, Enum, ExampleFormat, Field, Parameter, Style, Type};
use crate::names::bare;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// A raw string literal holding `text` verbatim.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let source = format!("r{hashes}\"{text}\"{hashes}");
    match source.parse::<Literal>() {
        Ok(literal) => quote!(#literal),
        // Unreachable for any text (enough hashes were chosen), but never panic on spec data.
        Err(_) => {
            let literal = Literal::string(text);
            quote!(#literal)
        }
    }
}

/// The example as the response type serializes it back (see the module docs).
fn normalize(value: &Value, ty: &Type<Field>) -> Option<Value> {
    match (ty, value) {
        (_, Value::Null) => None,
        (Type::Integer | Type::Long, Value::String(text)) => {
            text.trim().parse::<i64>().ok().map(Value::from)
        }
        (Type::Float, value) => {
            let number = value
                .as_f64()
                .or_else(|| value.as_str().and_then(|t| t.trim().parse().ok()))?;
            Number::from_f64(number).map(Value::Number)
        }
        (Type::List { items, wrapper }, value) => {
            let inner = match (wrapper, value) {
                (Some(wrapper), Value::Object(map)) if map.contains_key(wrapper) => {
                    map.get(wrapper)?
                }
                _ => value,
            };
            let elements = match inner {
                Value::Array(elements) => elements.clone(),
                Value::Null => Vec::new(),
                single => vec![single.clone()],
            };
            let normalized: Vec<Value> = elements
                .iter()
                .filter_map(|e| normalize(e, items))
                .collect();
            if normalized.is_empty() {
                return None;
            }
            Some(match wrapper {
                Some(wrapper) => {
                    let mut map = Map::new();
                    map.insert(wrapper.clone(), Value::Array(normalized));
                    Value::Object(map)
                }
                None => Value::Array(normalized),
            })
        }
        (Type::Object { fields, .. }, Value::Object(map)) => Some(normalize_object(map, fields)),
        (_, value) => Some(value.clone()),
    }
}

fn normalize_object(map: &Map<String, Value>, fields: &[Field]) -> Value {
    let mut out = Map::new();
    for (key, value) in map {
        if let Some(field) = fields.iter().find(|f| f.wire_name == *key)
            && let Some(normalized) = normalize(value, &field.ty)
        {
            out.insert(key.clone(), normalized);
        }
    }
    Value::Object(out)
}

/// What the test generators need besides the value at hand.
struct Cx<'a> {
    /// The generated crate, as a path root.
    sdk: syn::Ident,
    /// Every enum, to name known values by variant.
    enums: &'a BTreeMap<String, Enum>,
}

/// Seconds since the Unix epoch of `yyyy-MM-ddTHH:mm:ssZ`, computed here independently of the
/// runtime's parser (days from civil date, proleptic Gregorian).
fn unix_seconds(text: &str) -> Option<i64> {
    if !crate::load::is_timestamp(text) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// A Rust expression equal to the scalar `value` of type `ty`, or `None` if it has none.
fn scalar<M>(value: &Value, ty: &Type<M>, cx: &Cx<'_>) -> Option<TokenStream> {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    Some(match ty {
        Type::String => {
            let text = value.as_str()?;
            quote!(#text)
        }
        Type::Integer => {
            let literal = Literal::i32_suffixed(text.trim().parse().ok()?);
            quote!(#literal)
        }
        Type::Long => {
            let literal = Literal::i64_suffixed(text.trim().parse().ok()?);
            quote!(#literal)
        }
        Type::Float => {
            // Non-finite floats have no literal (and the API documents none).
            let value = text.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
            let literal = Literal::f64_suffixed(value);
            quote!(#literal)
        }
        Type::Boolean => {
            let flag: bool = text.parse().ok()?;
            quote!(#flag)
        }
        Type::Timestamp => {
            let seconds = Literal::i64_unsuffixed(unix_seconds(&text)?);
            quote!(::vod_runtime::Timestamp::from_unix_seconds(#seconds))
        }
        Type::Enum(name) => {
            let sdk = &cx.sdk;
            let type_name = ident(name);
            // The known variant, not `from(..)`: the test then also proves the mapping.
            let known = cx
                .enums
                .get(name)
                .and_then(|e| e.values.iter().find(|v| v.value == text));
            match known {
                Some(value) => {
                    let variant = ident(&value.variant);
                    quote!(#sdk::enums::#type_name::#variant)
                }
                None => quote!(#sdk::enums::#type_name::from(#text)),
            }
        }
        Type::List { .. } | Type::Object { .. } => return None,
    })
}

/// Asserts every leaf of the example object `value` (with `fields`) through the accessors of
/// the variable `access`. Nested objects and list items are bound to variables first, so the
/// assertions read like hand-written ones.
fn leaf_asserts(
    value: &Value,
    fields: &[Field],
    access: &syn::Ident,
    cx: &Cx<'_>,
    out: &mut Vec<TokenStream>,
) {
    let Some(map) = value.as_object() else { return };
    for (key, member) in map {
        let Some(field) = fields.iter().find(|f| f.wire_name == *key) else {
            continue;
        };
        let getter = ident(&field.rust_name);
        // `r#type` binds as `r#type`, its items as `type_0`: always valid identifiers.
        let base = crate::names::bare(&field.rust_name);
        match (&field.ty, normalize(member, &field.ty)) {
            (Type::List { .. } | Type::Object { .. }, None) => {}
            (_, None) => out.push(quote!(assert_eq!(#access.#getter(), None);)),
            (Type::Object { fields: inner, .. }, Some(normalized)) => {
                let var = getter.clone();
                out.push(quote!(let #var = #access.#getter().unwrap();));
                leaf_asserts(&normalized, inner, &var, cx, out);
            }
            (Type::List { items, wrapper }, Some(normalized)) => {
                let elements = match wrapper {
                    Some(wrapper) => normalized.get(wrapper).cloned().unwrap_or(Value::Null),
                    None => normalized,
                };
                let elements = elements.as_array().cloned().unwrap_or_default();
                match &**items {
                    Type::Object { fields: inner, .. } => {
                        let count = Literal::usize_unsuffixed(elements.len());
                        out.push(quote!(assert_eq!(#access.#getter().len(), #count);));
                        for (index, element) in elements.iter().enumerate() {
                            let position = Literal::usize_unsuffixed(index);
                            let var = format_ident!("{base}_{index}");
                            out.push(quote!(let #var = &#access.#getter()[#position];));
                            leaf_asserts(element, inner, &var, cx, out);
                        }
                    }
                    Type::List { .. } => {}
                    scalar_type => {
                        let values: Option<Vec<TokenStream>> = elements
                            .iter()
                            .map(|element| scalar(element, scalar_type, cx))
                            .collect();
                        if let Some(values) = values {
                            out.push(quote!(assert_eq!(#access.#getter(), [#(#values),*]);));
                        }
                    }
                }
            }
            (scalar_type, Some(normalized)) => {
                if let Some(expected) = scalar(&normalized, scalar_type, cx) {
                    let expected = match scalar_type {
                        Type::Enum(_) => quote!(Some(&#expected)),
                        _ => quote!(Some(#expected)),
                    };
                    out.push(quote!(assert_eq!(#access.#getter(), #expected);));
                }
            }
        }
    }
}

fn response_tests(action: &Action, cx: &Cx<'_>, out: &mut Vec<TokenStream>) {
    let sdk = &cx.sdk;
    let module = ident(&action.module);
    let response = ident(&action.response_type());
    let root = Type::Object {
        name: action.response_type(),
        fields: action.fields.clone(),
    };
    let json_examples = action
        .examples
        .responses
        .iter()
        .filter(|e| e.format == ExampleFormat::Json);
    for (index, example) in json_examples.enumerate() {
        let Ok(value) = serde_json::from_str::<Value>(&example.body) else {
            continue;
        };
        let Some(expected) = normalize(&value, &root) else {
            continue;
        };
        let name = format_ident!("{}_response_example_{}", bare(&action.module), index + 1);
        let body = raw_string(&example.body);
        let expected = raw_string(&serde_json::to_string_pretty(&expected).unwrap_or_default());
        let mut asserts = Vec::new();
        leaf_asserts(
            &value,
            &action.fields,
            &format_ident!("response"),
            cx,
            &mut asserts,
        );
        out.push(quote! {
            #[test]
            fn #name() {
                let body = #body;
                let response: #sdk::#module::#response = serde_json::from_str(body).unwrap();
                let expected: serde_json::Value = serde_json::from_str(#expected).unwrap();
                let actual = serde_json::to_value(&response).unwrap();
                assert_eq!(actual, expected);
                #(#asserts)*
            }
        });
    }
}

/// The builder argument and the expected wire text of a parameter's example, when it has one
/// this test can build (scalars and lists of scalars, `simple` or `json` style).
fn example_argument(parameter: &Parameter, cx: &Cx<'_>) -> Option<(TokenStream, String)> {
    let example = parameter.example.as_deref()?;
    match (&parameter.ty, parameter.style) {
        (Type::List { items, .. }, Style::Simple) => {
            let parts: Vec<&str> = example.split(',').map(str::trim).collect();
            let values: Vec<TokenStream> = parts
                .iter()
                .map(|part| {
                    scalar(&Value::String((*part).to_owned()), items, cx).map(|v| owned(v, items))
                })
                .collect::<Option<_>>()?;
            Some((quote!(vec![#(#values),*]), wire_text_list(&parts, items)?))
        }
        (Type::List { items, .. }, Style::Json) => {
            let Value::Array(elements) = serde_json::from_str::<Value>(example).ok()? else {
                return None;
            };
            let values: Vec<TokenStream> = elements
                .iter()
                .map(|e| scalar(e, items, cx).map(|v| owned(v, items)))
                .collect::<Option<_>>()?;
            let json: Vec<Value> = elements
                .iter()
                .map(|e| match &**items {
                    Type::Integer | Type::Long => e
                        .as_i64()
                        .map(Value::from)
                        .or_else(|| e.as_str()?.parse::<i64>().ok().map(Value::from)),
                    Type::Float => e.as_f64().and_then(Number::from_f64).map(Value::Number),
                    _ => Some(e.clone()),
                })
                .collect::<Option<_>>()?;
            Some((
                quote!(vec![#(#values),*]),
                serde_json::to_string(&Value::Array(json)).ok()?,
            ))
        }
        (Type::List { .. } | Type::Object { .. }, _) => None,
        (ty, Style::Simple) => {
            let value = scalar(&Value::String(example.to_owned()), ty, cx)?;
            Some((value, wire_text(example, ty)?))
        }
        _ => None,
    }
}

/// `String` items need an owned value inside `vec![..]`.
fn owned<M>(value: TokenStream, ty: &Type<M>) -> TokenStream {
    match ty {
        Type::String => quote!(String::from(#value)),
        _ => value,
    }
}

/// How the runtime writes a scalar example on the query.
fn wire_text<M>(example: &str, ty: &Type<M>) -> Option<String> {
    Some(match ty {
        Type::Integer | Type::Long => example.trim().parse::<i64>().ok()?.to_string(),
        Type::Float => example.trim().parse::<f64>().ok()?.to_string(),
        _ => example.to_owned(),
    })
}

fn wire_text_list<M>(parts: &[&str], items: &Type<M>) -> Option<String> {
    let texts: Vec<String> = parts
        .iter()
        .map(|part| wire_text(part, items))
        .collect::<Option<_>>()?;
    Some(texts.join(","))
}

fn request_test(action: &Action, cx: &Cx<'_>, out: &mut Vec<TokenStream>) {
    let sdk = &cx.sdk;
    let mut setters = Vec::new();
    let mut expected = Vec::new();
    for parameter in &action.parameters {
        match example_argument(parameter, cx) {
            Some((argument, text)) => {
                let setter = ident(&parameter.rust_name);
                setters.push(quote!(.#setter(#argument)));
                expected.push((parameter.wire_name.clone(), text));
            }
            // Without a usable example for a required parameter the request cannot be built.
            None if parameter.required => return,
            None => {}
        }
    }
    expected.sort_by(|a, b| {
        a.0.as_bytes()
            .cmp(b.0.as_bytes())
            .then_with(|| a.1.cmp(&b.1))
    });
    let count = Literal::usize_unsuffixed(expected.len());
    let pairs = expected.iter().map(|(key, value)| quote!((#key, #value)));
    let module = ident(&action.module);
    let request = ident(&action.request_type());
    let name = format_ident!("{}_request_example", bare(&action.module));
    out.push(quote! {
        #[test]
        fn #name() {
            let request = #sdk::#module::#request::builder() #(#setters)* .build().unwrap();
            let mut pairs = request.to_query_pairs();
            ::vod_runtime::query::sort_pairs(&mut pairs);
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(key, value)| (key.as_str(), value.as_str())).collect();
            let expected: [(&str, &str); #count] = [#(#pairs),*];
            assert_eq!(pairs, expected);
        }
    });
}

/// The whole test file.
pub(crate) fn tests(api: &Api) -> TokenStream {
    let cx = Cx {
        sdk: format_ident!("{}", api.product.crate_name.replace('-', "_")),
        enums: &api.enums,
    };
    let mut items = Vec::new();
    for action in api.actions.values() {
        response_tests(action, &cx, &mut items);
        request_test(action, &cx, &mut items);
    }
    quote! {
        //! The reference pages' examples, as tests (see codegen's `emit::examples`).

        // prettyplease formats this module; rustfmt would reformat it differently.
        #[rustfmt::skip]
        mod examples {
            use ::vod_runtime::query::ToQuery;
            #(#items)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_of_timestamps() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2018-06-03T13:03:39Z"), Some(1_528_031_019));
        assert_eq!(unix_seconds("2000-02-29T23:59:59Z"), Some(951_868_799));
        assert_eq!(unix_seconds("1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(unix_seconds("2018-06-03 13:03:39"), None);
    }

    #[test]
    fn raw_strings_survive_quotes_and_hashes() {
        let text = "a \"# b \"## c";
        let literal = raw_string(text).to_string();
        assert_eq!(literal, format!("r###\"{text}\"###"));
    }
}
