//! Serde helpers the generated response types call; not part of the public API.
//!
//! The service is loose about shapes: a list may come wrapped (`{"CertInfos": {"CertInfo":
//! [..]}}`), bare, as a single object, or not at all, and numbers may come as JSON strings
//! (`"Port": "80"`). Generated code keeps one strict Rust shape and reads all of these.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::marker::PhantomData;
use std::str::FromStr;

/// Names the inner key of a wrapped list; generated code implements it on a unit type.
pub trait ListWrapper {
    /// The inner key: `CertInfo` in `{"CertInfos": {"CertInfo": [..]}}`.
    const NAME: &'static str;
}

/// `#[serde(with = "Wrapped::<W>")]` for a `Vec` the wire wraps in `{W::NAME: [..]}`.
pub struct Wrapped<W>(PhantomData<W>);

impl<W: ListWrapper> Wrapped<W> {
    /// Writes `{W::NAME: [..]}`.
    pub fn serialize<T: Serialize, S: Serializer>(
        items: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(W::NAME, items)?;
        map.end()
    }

    /// Reads `{W::NAME: [..]}`, and leniently a bare array, one item, or `null`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        list(Value::deserialize(deserializer)?, Some(W::NAME))
    }
}

/// `#[serde(deserialize_with = "bare_list")]` for a `Vec` sent as a plain array: also reads
/// one item or `null`.
pub fn bare_list<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    list(Value::deserialize(deserializer)?, None)
}

fn list<T: DeserializeOwned, E: serde::de::Error>(
    value: Value,
    wrapper: Option<&str>,
) -> Result<Vec<T>, E> {
    let value = match (value, wrapper) {
        (Value::Object(mut map), Some(name)) if map.contains_key(name) => {
            map.remove(name).unwrap_or(Value::Null)
        }
        (value, _) => value,
    };
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .into_iter()
            .map(|item| serde_json::from_value(item).map_err(E::custom))
            .collect(),
        single => serde_json::from_value(single)
            .map(|item| vec![item])
            .map_err(E::custom),
    }
}

/// `#[serde(deserialize_with = "lenient_number")]` for an `Option` of a number that may come
/// as a JSON string (`"80"`).
pub fn lenient_number<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: FromStr + DeserializeOwned,
    D: Deserializer<'de>,
{
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        Value::String(text) => {
            text.trim().parse().map(Some).map_err(|_| {
                D::Error::custom(format!("expected a number, found the string {text:?}"))
            })
        }
        other => serde_json::from_value(other)
            .map(Some)
            .map_err(D::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item;
    impl ListWrapper for Item {
        const NAME: &'static str = "Item";
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(
            rename = "Items",
            default,
            with = "Wrapped::<Item>",
            skip_serializing_if = "Vec::is_empty"
        )]
        items: Vec<u32>,
        #[serde(
            rename = "Bare",
            default,
            deserialize_with = "bare_list",
            skip_serializing_if = "Vec::is_empty"
        )]
        bare: Vec<u32>,
        #[serde(
            rename = "Port",
            default,
            deserialize_with = "lenient_number",
            skip_serializing_if = "Option::is_none"
        )]
        port: Option<u16>,
    }

    fn parse(json: &str) -> Holder {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn wrapped_lists_read_every_shape_and_write_the_wire_one() {
        let wrapped = parse(r#"{"Items": {"Item": [1, 2]}}"#);
        assert_eq!(wrapped.items, [1, 2]);
        assert_eq!(parse(r#"{"Items": [1, 2]}"#).items, [1, 2]);
        assert_eq!(parse(r#"{"Items": {"Item": 7}}"#).items, [7]);
        assert_eq!(parse(r#"{"Items": null}"#).items, Vec::<u32>::new());
        assert_eq!(parse("{}").items, Vec::<u32>::new());
        assert_eq!(
            serde_json::to_string(&wrapped).unwrap(),
            r#"{"Items":{"Item":[1,2]}}"#
        );
        assert!(serde_json::from_str::<Holder>(r#"{"Items": {"Item": ["x"]}}"#).is_err());
    }

    #[test]
    fn bare_lists_and_lenient_numbers() {
        let holder = parse(r#"{"Bare": 3, "Port": "80"}"#);
        assert_eq!(holder.bare, [3]);
        assert_eq!(holder.port, Some(80));
        assert_eq!(parse(r#"{"Port": 443}"#).port, Some(443));
        assert!(serde_json::from_str::<Holder>(r#"{"Port": "eighty"}"#).is_err());
        assert_eq!(
            serde_json::to_string(&holder).unwrap(),
            r#"{"Bare":[3],"Port":80}"#
        );
    }
}
