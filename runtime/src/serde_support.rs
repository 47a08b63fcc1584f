//! Serde helpers the generated response types call; not part of the public API.
//!
//! The service is loose about shapes: a list may come wrapped (`{"CertInfos": {"CertInfo":
//! [..]}}`), bare, as a single object, or not at all, and numbers may come as JSON strings
//! (`"Port": "80"`). Generated code keeps one strict Rust shape and reads all of these.
//!
//! Generated structs implement [`ResponseFields`] (a `match` on the wire name per field) and
//! a two-line `Deserialize` calling [`deserialize_fields`]: the map visitor, unknown keys and
//! duplicate checks live here once instead of in a serde derive per struct, which is most of
//! what a response costs to compile.

use serde::de::{DeserializeOwned, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// Names the inner key of a wrapped list; generated code implements it on a unit type.
pub trait ListWrapper {
    /// The inner key: `CertInfo` in `{"CertInfos": {"CertInfo": [..]}}`.
    const NAME: &'static str;
}

/// A response struct read field by field: every field optional, unknown keys ignored.
pub trait ResponseFields: Default {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// Every wire name the struct reads, in declaration order.
    const FIELDS: &'static [&'static str];

    /// Reads the value of `key` into its field; `false` when the struct has no such field
    /// (the value is then still unread).
    ///
    /// # Errors
    ///
    /// The value's deserialization error.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;
}

/// `Deserialize` of a [`ResponseFields`] struct: like serde's derive with `default` on every
/// field, it starts from `T::default()`, rejects a key given twice and skips unknown keys.
///
/// # Errors
///
/// A value of the wrong shape, a duplicate key, or input that is not a map.
pub fn deserialize_fields<'de, T: ResponseFields, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, FieldsVisitor(PhantomData))
}

struct FieldsVisitor<T>(PhantomData<T>);

impl<'de, T: ResponseFields> Visitor<'de> for FieldsVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut seen = vec![false; T::FIELDS.len()];
        while let Some(FieldKey(key)) = map.next_key()? {
            let Some(index) = T::FIELDS.iter().position(|field| *field == key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if std::mem::replace(&mut seen[index], true) {
                return Err(A::Error::duplicate_field(T::FIELDS[index]));
            }
            if !value.read_field(&key, &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(value)
    }
}

/// A map key, borrowed from the input when it can be.
struct FieldKey<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for FieldKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = FieldKey<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a field name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                key: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(FieldKey(Cow::Borrowed(key)))
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
                Ok(FieldKey(Cow::Owned(key.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Self::Value, E> {
                Ok(FieldKey(Cow::Owned(key)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A list the wire wraps in `{W::NAME: [..]}`, as read: also a bare array, one item, or
/// `null`. Generated code takes `.0`.
pub struct WrappedList<W, T>(pub Vec<T>, PhantomData<W>);

impl<'de, W: ListWrapper, T: DeserializeOwned> Deserialize<'de> for WrappedList<W, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        list(Value::deserialize(deserializer)?, Some(W::NAME))
            .map(|items| WrappedList(items, PhantomData))
    }
}

/// A list the wire wraps in `{W::NAME: [..]}`, as written.
pub struct WrappedSlice<'a, W, T>(&'a [T], PhantomData<W>);

impl<'a, W, T> WrappedSlice<'a, W, T> {
    /// Wraps `items` for serialization.
    pub fn new(items: &'a [T]) -> Self {
        WrappedSlice(items, PhantomData)
    }
}

impl<W: ListWrapper, T: Serialize> Serialize for WrappedSlice<'_, W, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(W::NAME, self.0)?;
        map.end()
    }
}

/// A list sent as a plain array, as read: also one item or `null`. Generated code takes `.0`.
pub struct BareList<T>(pub Vec<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for BareList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        list(Value::deserialize(deserializer)?, None).map(BareList)
    }
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

/// An optional number that may come as a JSON string (`"80"`), as read. Generated code takes
/// `.0`.
pub struct LenientNumber<T>(pub Option<T>);

impl<'de, T: FromStr + DeserializeOwned> Deserialize<'de> for LenientNumber<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(LenientNumber(None)),
            Value::String(text) => {
                text.trim()
                    .parse()
                    .map(|n| LenientNumber(Some(n)))
                    .map_err(|_| {
                        D::Error::custom(format!("expected a number, found the string {text:?}"))
                    })
            }
            other => serde_json::from_value(other)
                .map(|n| LenientNumber(Some(n)))
                .map_err(D::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item;
    impl ListWrapper for Item {
        const NAME: &'static str = "Item";
    }

    // What generated code emits for a response struct, by hand.
    #[derive(Debug, Default, PartialEq)]
    struct Holder {
        items: Vec<u32>,
        bare: Vec<u32>,
        port: Option<u16>,
        name: Option<String>,
    }

    impl ResponseFields for Holder {
        const NAME: &'static str = "Holder";
        const FIELDS: &'static [&'static str] = &["Items", "Bare", "Port", "Name"];
        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            match key {
                "Items" => self.items = map.next_value::<WrappedList<Item, _>>()?.0,
                "Bare" => self.bare = map.next_value::<BareList<_>>()?.0,
                "Port" => self.port = map.next_value::<LenientNumber<_>>()?.0,
                "Name" => self.name = map.next_value()?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    impl<'de> Deserialize<'de> for Holder {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_fields(deserializer)
        }
    }

    impl Serialize for Holder {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let len = usize::from(!self.items.is_empty())
                + usize::from(!self.bare.is_empty())
                + usize::from(self.port.is_some());
            let mut out = serializer.serialize_struct("Holder", len)?;
            if !self.items.is_empty() {
                out.serialize_field("Items", &WrappedSlice::<Item, _>::new(&self.items))?;
            }
            if !self.bare.is_empty() {
                out.serialize_field("Bare", &self.bare)?;
            }
            if self.port.is_some() {
                out.serialize_field("Port", &self.port)?;
            }
            out.end()
        }
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
        assert_eq!(parse(r#"{"Port": null}"#).port, None);
        assert!(serde_json::from_str::<Holder>(r#"{"Port": "eighty"}"#).is_err());
        assert_eq!(
            serde_json::to_string(&holder).unwrap(),
            r#"{"Bare":[3],"Port":80}"#
        );
    }

    #[test]
    fn structs_skip_unknown_keys_reject_duplicates_and_need_a_map() {
        let holder = parse(r#"{"Extra": {"deep": [1, {"x": null}]}, "Name": "a\"b", "Other": 1}"#);
        assert_eq!(holder.name.as_deref(), Some("a\"b"));
        assert_eq!(parse(r#"{"Name": null}"#), Holder::default());
        // An escaped key cannot be borrowed from the input; it still matches.
        assert_eq!(parse(r#"{"N\u0061me": "x"}"#).name.as_deref(), Some("x"));
        let duplicate = serde_json::from_str::<Holder>(r#"{"Port": 1, "Port": 2}"#).unwrap_err();
        assert!(
            duplicate.to_string().contains("duplicate field `Port`"),
            "{duplicate}"
        );
        let wrong = serde_json::from_str::<Holder>(r#"{"Name": 5}"#).unwrap_err();
        assert!(wrong.to_string().contains("expected a string"), "{wrong}");
        let not_a_map = serde_json::from_str::<Holder>("[1]").unwrap_err();
        assert!(
            not_a_map.to_string().contains("struct Holder"),
            "{not_a_map}"
        );
    }
}
