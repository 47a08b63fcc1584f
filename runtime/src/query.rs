//! RPC query serialization: the target of `#[derive(RpcQuery)]`.
//!
//! A request struct derives [`RpcQuery`](crate::RpcQuery); every field is written under its wire
//! name with one of four *styles*, chosen by `#[rpc(style = "...")]`:
//!
//! | style | field types | wire form |
//! | --- | --- | --- |
//! | `simple` (default) | a [`QueryScalar`], or a `Vec` or slice of them | `Name=value`; a list is comma-joined, `Name=a,b,c` |
//! | `repeat_list` | a `Vec` or slice of scalars, of structs deriving `RpcQuery`, or of such lists | `Name.1=a`, `Name.1.Key=k`, `Name.1.1=x` (1-based) |
//! | `flat` | a struct deriving `RpcQuery` | `Name.Key=k` |
//! | `json` | a [`JsonValue`]: numbers, strings, `bool`, lists and string-keyed maps of them | `Name=[1000,2000,3000]` (compact JSON) |
//!
//! Any of these may be wrapped in `Option`: `None` writes nothing. Other attributes:
//! `#[rpc(name = "WireName")]` (default: the field name as written, without `r#`),
//! `#[rpc(skip)]` (the field is not sent), and on the struct `#[rpc(crate = "path")]` (the path
//! of this crate, default `::vod_runtime`).
//!
//! ```
//! use vod_runtime::RpcQuery;
//! use vod_runtime::query::{ToQuery, sort_pairs};
//!
//! #[derive(RpcQuery)]
//! struct Tag {
//!     #[rpc(name = "Key")]
//!     key: String,
//!     #[rpc(name = "Value")]
//!     value: Option<String>,
//! }
//!
//! #[derive(RpcQuery)]
//! struct Request {
//!     #[rpc(name = "PageSize")]
//!     page_size: Option<i32>,
//!     #[rpc(name = "Tag", style = "repeat_list")]
//!     tag: Vec<Tag>,
//!     #[rpc(name = "SpecifiedOffsetTimes", style = "json")]
//!     offsets: Option<Vec<i64>>,
//! }
//!
//! let request = Request {
//!     page_size: None,
//!     tag: vec![Tag { key: "env".into(), value: Some("prod".into()) }],
//!     offsets: Some(vec![1000, 2000]),
//! };
//! let mut pairs = request.to_query_pairs();
//! sort_pairs(&mut pairs);
//! assert_eq!(pairs, [
//!     ("SpecifiedOffsetTimes".to_owned(), "[1000,2000]".to_owned()),
//!     ("Tag.1.Key".to_owned(), "env".to_owned()),
//!     ("Tag.1.Value".to_owned(), "prod".to_owned()),
//! ]);
//! ```
//!
//! Values are written as text, not percent-encoded (that is the signer's job):
//! - booleans as `true`/`false`, integers in decimal;
//! - floats in the shortest decimal that reads back to the same value, never in exponent
//!   notation (`1e21` is written `1000000000000000000000`, `1e-7` as `0.0000001`, `2.0` as
//!   `2`); non-finite values as `NaN`, `inf`, `-inf` (the API documents none);
//! - [`Timestamp`] as `yyyy-MM-ddTHH:mm:ssZ`;
//! - enums by their wire value ([`QueryScalar`]).
//!
//! An empty list writes nothing in `simple` and `repeat_list` style (there is nothing to join
//! or number), and `[]` in `json` style (an empty JSON array is a value).
//!
//! The `json` style builds a [`serde_json::Value`] through [`JsonValue`] rather than going
//! through `serde::Serialize`, so it cannot fail: maps must have string keys, and every value
//! has a JSON form (a non-finite float becomes `null`, as `serde_json` does). Text is written as
//! UTF-8, not `\u` escaped.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;

use crate::{Timestamp, UnknownValue};

/// Collects the `key=value` pairs of one request, in the order they are written.
///
/// All keys and values live in one text buffer, so writing a request allocates a couple of
/// times rather than twice per pair; [`QueryWriter::pairs`] borrows them for signing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryWriter {
    /// Every key and value, back to back.
    text: String,
    /// Per pair, where its key ends and where its value ends in `text`; a key starts where
    /// the previous value ends.
    ends: Vec<(usize, usize)>,
}

impl QueryWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty writer with room for `pairs` pairs of `text_len` bytes of text in all.
    pub fn with_capacity(pairs: usize, text_len: usize) -> Self {
        QueryWriter {
            text: String::with_capacity(text_len),
            ends: Vec::with_capacity(pairs),
        }
    }

    /// Appends one pair.
    pub fn push(&mut self, key: impl AsRef<str>, value: impl AsRef<str>) {
        self.text.push_str(key.as_ref());
        self.end_key_push_value(value.as_ref());
    }

    /// Appends one pair under a structured key.
    pub fn push_at(&mut self, key: &Key<'_>, value: impl AsRef<str>) {
        key.write_to(&mut self.text);
        self.end_key_push_value(value.as_ref());
    }

    /// Records the end of the key just written to `text`, then writes `value`.
    fn end_key_push_value(&mut self, value: &str) {
        let key_end = self.text.len();
        self.text.push_str(value);
        self.ends.push((key_end, self.text.len()));
    }

    /// Number of pairs written.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when no pair has been written.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The pairs written so far, borrowed, unsorted.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&(_, value_end)| value_end));
        // The offsets were taken between whole `push_str`s, so they are char boundaries.
        starts
            .zip(&self.ends)
            .map(|(start, &(key_end, value_end))| {
                (&self.text[start..key_end], &self.text[key_end..value_end])
            })
    }

    /// The pairs written so far, unsorted (signing sorts them).
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect()
    }
}

/// Sorts pairs by raw key bytes, then by value: the order the RPC signature uses.
///
/// Byte order, not natural order: `Tag.10.Key` sorts before `Tag.2.Key`.
pub fn sort_pairs(pairs: &mut [(String, String)]) {
    pairs.sort_unstable_by(|a, b| {
        a.0.as_bytes()
            .cmp(b.0.as_bytes())
            .then_with(|| a.1.cmp(&b.1))
    });
}

/// A type whose fields become the query parameters of a request.
pub trait ToQuery {
    /// Writes every set field as wire pairs.
    fn write_query(&self, writer: &mut QueryWriter);

    /// The request's pairs written to a fresh writer, in field order: what the client signs.
    fn to_query_writer(&self) -> QueryWriter {
        // Room for a typical request up front rather than growing through 4, 8 and 16 pairs.
        let mut writer = QueryWriter::with_capacity(16, 512);
        self.write_query(&mut writer);
        writer
    }

    /// The request's pairs, in field order.
    fn to_query_pairs(&self) -> Vec<(String, String)> {
        // Room for a typical request up front rather than growing through 4, 8 and 16 pairs.
        self.to_query_writer().into_pairs()
    }
}

/// The wire key a value is written under: `Name`, `Name.1`, `Name.1.Key`...
///
/// Keys are built as a chain of borrowed segments on the stack, and only rendered to text when a
/// pair is actually written, so unset fields cost nothing.
#[derive(Clone, Copy, Debug)]
pub struct Key<'a> {
    parent: Option<&'a Key<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Name(&'a str),
    Index(usize),
}

impl<'a> Key<'a> {
    /// The key of field `name`: top level when `parent` is `None`, else `parent.name`.
    pub const fn field(parent: Option<&'a Key<'a>>, name: &'a str) -> Self {
        Key {
            parent,
            segment: Segment::Name(name),
        }
    }

    /// The key of the list item at 1-based `index`: `self.index`.
    pub const fn index(&'a self, index: usize) -> Self {
        Key {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
}

impl Key<'_> {
    /// The key as text, allocated once at its exact length.
    ///
    /// Written by hand rather than through `fmt`: a key is rendered per pair, and the
    /// formatting machinery costs more than the copies themselves.
    fn render(&self) -> String {
        let mut out = String::with_capacity(self.text_len());
        self.write_to(&mut out);
        out
    }

    /// Length of the key's text.
    fn text_len(&self) -> usize {
        let parent = self.parent.map_or(0, |parent| parent.text_len() + 1);
        parent
            + match self.segment {
                Segment::Name(name) => name.len(),
                Segment::Index(index) => decimal_len(index),
            }
    }

    fn write_to(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write_to(out);
            out.push('.');
        }
        match self.segment {
            Segment::Name(name) => out.push_str(name),
            Segment::Index(index) => push_decimal(index, out),
        }
    }
}

/// Number of decimal digits of `value`.
fn decimal_len(value: usize) -> usize {
    // `checked_ilog10` is `None` only for 0, which has one digit; the log is below 20.
    value.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// Appends `value` in decimal.
fn push_decimal(value: usize, out: &mut String) {
    let digits = decimal_len(value);
    let mut buffer = [0; 20];
    let mut rest = value;
    // Digits come out least significant first, so they fill the buffer from the end.
    for slot in buffer[..digits].iter_mut().rev() {
        // `rest % 10` is below 10, so the cast keeps it whole.
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    out.extend(buffer[..digits].iter().map(|&digit| char::from(digit)));
}

impl fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// A value written as one piece of text: strings, numbers, booleans, [`Timestamp`], enums.
///
/// Generated enums implement it by wire value; implement it for your own types to send them
/// in `simple` or `repeat_list` style.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a query scalar",
    label = "not a string, number, bool, `Timestamp` or enum",
    note = "implement `vod_runtime::query::QueryScalar` to send it as text",
    note = "an `Option` may wrap a whole field, not the items of a list"
)]
pub trait QueryScalar {
    /// The value as it goes on the wire, before percent-encoding.
    fn to_query_value(&self) -> Cow<'_, str>;
}

impl QueryScalar for str {
    fn to_query_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl QueryScalar for String {
    fn to_query_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl QueryScalar for Cow<'_, str> {
    fn to_query_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<T: QueryScalar + ?Sized> QueryScalar for &T {
    fn to_query_value(&self) -> Cow<'_, str> {
        (**self).to_query_value()
    }
}

impl QueryScalar for bool {
    fn to_query_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

/// `Display` of integers is plain decimal, and of floats the shortest round-trip decimal
/// without exponent, which is exactly the wire form.
macro_rules! display_scalars {
    ($($ty:ty),*) => {$(
        impl QueryScalar for $ty {
            fn to_query_value(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
display_scalars!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, Timestamp
);

impl QueryScalar for UnknownValue {
    fn to_query_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

/// A struct whose fields can be written under a prefix; `#[derive(RpcQuery)]` implements it.
///
/// This is what lets a struct nest under `repeat_list` (`Tag.1.Key`) and `flat` (`Config.Key`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not derive `RpcQuery`",
    label = "`flat` style needs a struct deriving `RpcQuery`",
    note = "scalars use `simple`; lists use `repeat_list`, `simple` or `json`"
)]
pub trait QueryStruct {
    /// Writes every set field, each under `parent.FieldName` (or `FieldName` at the top).
    fn write_fields(&self, writer: &mut QueryWriter, parent: Option<&Key<'_>>);
}

/// A value that can stand at one key of a `repeat_list`: a scalar (`Name.1`), a struct deriving
/// `RpcQuery` (`Name.1.Key`), or a nested list (`Name.1.1`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an item of a `repeat_list`",
    label = "items must be scalars, structs deriving `RpcQuery`, or `Vec`s of those",
    note = "a `repeat_list` item cannot be an `Option`: it would leave a gap in the numbering"
)]
pub trait QueryNested {
    /// Writes the value at `key`.
    fn write_nested(&self, writer: &mut QueryWriter, key: &Key<'_>);
}

impl<T: QueryScalar + ?Sized> QueryNested for T {
    fn write_nested(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        writer.push_at(key, self.to_query_value());
    }
}

impl<T: QueryNested> QueryNested for Vec<T> {
    fn write_nested(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        write_numbered(self, writer, key);
    }
}

fn write_numbered<T: QueryNested>(items: &[T], writer: &mut QueryWriter, key: &Key<'_>) {
    for (index, item) in items.iter().enumerate() {
        item.write_nested(writer, &key.index(index + 1));
    }
}

/// Field types of `style = "simple"`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent with `style = \"simple\"`",
    label = "`simple` takes a scalar or a `Vec` of scalars, optionally in an `Option`",
    note = "scalars are strings, numbers, `bool`, `Timestamp` and types implementing `QueryScalar`; \
            structs use `flat`, lists of structs `repeat_list`"
)]
pub trait SimpleStyle {
    /// Writes the value at `key`.
    fn write_simple(&self, writer: &mut QueryWriter, key: &Key<'_>);
}

impl<T: QueryScalar + ?Sized> SimpleStyle for T {
    fn write_simple(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        writer.push_at(key, self.to_query_value());
    }
}

impl<T: QueryScalar> SimpleStyle for [T] {
    fn write_simple(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        if self.is_empty() {
            return;
        }
        let joined = self
            .iter()
            .map(|item| item.to_query_value())
            .collect::<Vec<_>>()
            .join(",");
        writer.push_at(key, joined);
    }
}

impl<T: QueryScalar> SimpleStyle for &[T] {
    fn write_simple(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        (**self).write_simple(writer, key);
    }
}

impl<T: QueryScalar> SimpleStyle for Vec<T> {
    fn write_simple(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        self.as_slice().write_simple(writer, key);
    }
}

impl<T: SimpleStyle> SimpleStyle for Option<T> {
    fn write_simple(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        if let Some(value) = self {
            value.write_simple(writer, key);
        }
    }
}

/// Field types of `style = "repeat_list"`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent with `style = \"repeat_list\"`",
    label = "`repeat_list` takes a `Vec` (optionally in an `Option`) of scalars, of structs deriving `RpcQuery`, or of such `Vec`s",
    note = "a single scalar uses `simple`, a single struct `flat`"
)]
pub trait RepeatListStyle {
    /// Writes the items at `key.1`, `key.2`, ...
    fn write_repeat_list(&self, writer: &mut QueryWriter, key: &Key<'_>);
}

impl<T: QueryNested> RepeatListStyle for [T] {
    fn write_repeat_list(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        write_numbered(self, writer, key);
    }
}

impl<T: QueryNested> RepeatListStyle for Vec<T> {
    fn write_repeat_list(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        write_numbered(self, writer, key);
    }
}

impl<T: RepeatListStyle + ?Sized> RepeatListStyle for &T {
    fn write_repeat_list(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        (**self).write_repeat_list(writer, key);
    }
}

impl<T: RepeatListStyle> RepeatListStyle for Option<T> {
    fn write_repeat_list(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        if let Some(value) = self {
            value.write_repeat_list(writer, key);
        }
    }
}

/// Field types of `style = "flat"`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent with `style = \"flat\"`",
    label = "`flat` takes a struct deriving `RpcQuery`, optionally in an `Option`",
    note = "scalars use `simple`; lists use `repeat_list`, `simple` or `json`"
)]
pub trait FlatStyle {
    /// Writes the struct's fields at `key.Field`.
    fn write_flat(&self, writer: &mut QueryWriter, key: &Key<'_>);
}

impl<T: QueryStruct> FlatStyle for T {
    fn write_flat(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        self.write_fields(writer, Some(key));
    }
}

impl<T: FlatStyle> FlatStyle for Option<T> {
    fn write_flat(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        if let Some(value) = self {
            value.write_flat(writer, key);
        }
    }
}

/// A value with a JSON form, for `style = "json"`.
///
/// Implemented for `bool`, integers up to 64 bits, floats, strings, [`Timestamp`] (as its
/// text), `serde_json::Value`, and `Vec`s, slices and string-keyed maps of these. Maps are
/// written with their keys sorted, whatever their own order, so the output is deterministic.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent with `style = \"json\"`",
    label = "`json` takes numbers, strings, `bool`, `Timestamp`, and `Vec`s or string-keyed maps of them, optionally in an `Option`",
    note = "implement `vod_runtime::query::JsonValue` to give the type a JSON form"
)]
pub trait JsonValue {
    /// The value as JSON.
    fn to_json(&self) -> serde_json::Value;
}

macro_rules! json_via_from {
    ($($ty:ty),*) => {$(
        impl JsonValue for $ty {
            fn to_json(&self) -> serde_json::Value {
                serde_json::Value::from(*self)
            }
        }
    )*};
}
// `From<f64>` for `Value` maps non-finite floats to `null`, as `serde_json` serialization does.
json_via_from!(
    bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64
);

impl JsonValue for str {
    fn to_json(&self) -> serde_json::Value {
        serde_json::Value::String(self.to_owned())
    }
}

impl JsonValue for String {
    fn to_json(&self) -> serde_json::Value {
        self.as_str().to_json()
    }
}

impl JsonValue for Timestamp {
    fn to_json(&self) -> serde_json::Value {
        serde_json::Value::String(self.to_string())
    }
}

impl JsonValue for serde_json::Value {
    fn to_json(&self) -> serde_json::Value {
        self.clone()
    }
}

impl<T: JsonValue + ?Sized> JsonValue for &T {
    fn to_json(&self) -> serde_json::Value {
        (**self).to_json()
    }
}

impl<T: JsonValue> JsonValue for [T] {
    fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Array(self.iter().map(JsonValue::to_json).collect())
    }
}

impl<T: JsonValue> JsonValue for Vec<T> {
    fn to_json(&self) -> serde_json::Value {
        self.as_slice().to_json()
    }
}

impl<K: AsRef<str>, V: JsonValue> JsonValue for BTreeMap<K, V> {
    fn to_json(&self) -> serde_json::Value {
        json_object(self.iter())
    }
}

impl<K: AsRef<str>, V: JsonValue, S: BuildHasher> JsonValue for HashMap<K, V, S> {
    fn to_json(&self) -> serde_json::Value {
        json_object(self.iter())
    }
}

/// `serde_json::Map` keeps its keys sorted (no `preserve_order`), which makes maps of any
/// iteration order write the same text.
fn json_object<'a, K: AsRef<str> + 'a, V: JsonValue + 'a>(
    entries: impl Iterator<Item = (&'a K, &'a V)>,
) -> serde_json::Value {
    serde_json::Value::Object(
        entries
            .map(|(key, value)| (key.as_ref().to_owned(), value.to_json()))
            .collect(),
    )
}

/// Field types of `style = "json"`: any [`JsonValue`], or an `Option` of one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent with `style = \"json\"`",
    label = "`json` takes numbers, strings, `bool`, `Timestamp`, and `Vec`s or string-keyed maps of them, optionally in an `Option`",
    note = "implement `vod_runtime::query::JsonValue` to give the type a JSON form"
)]
pub trait JsonStyle {
    /// Writes the value as compact JSON at `key`.
    fn write_json(&self, writer: &mut QueryWriter, key: &Key<'_>);
}

impl<T: JsonValue + ?Sized> JsonStyle for T {
    fn write_json(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        // `Value`'s `Display` is compact `serde_json` output and cannot fail.
        writer.push_at(key, self.to_json().to_string());
    }
}

impl<T: JsonValue> JsonStyle for Option<T> {
    fn write_json(&self, writer: &mut QueryWriter, key: &Key<'_>) {
        if let Some(value) = self {
            value.write_json(writer, key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_keeps_pairs_apart_in_one_buffer() {
        let mut writer = QueryWriter::new();
        assert!(writer.is_empty());
        let tag = Key::field(None, "Tag");
        writer.push("", "");
        writer.push_at(&Key::field(Some(&tag.index(10)), "Key"), "编码 a");
        writer.push("Empty", "");
        writer.push(String::from("PageSize"), "10");
        let expected = [
            ("", ""),
            ("Tag.10.Key", "编码 a"),
            ("Empty", ""),
            ("PageSize", "10"),
        ];
        assert_eq!(writer.len(), 4);
        assert_eq!(writer.pairs().collect::<Vec<_>>(), expected);
        let owned: Vec<(String, String)> = expected
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        assert_eq!(writer.into_pairs(), owned);
    }

    #[test]
    fn keys_render_every_index_width() {
        let tag = Key::field(None, "Tag");
        for index in [1, 9, 10, 99, 100, 123_456, usize::MAX] {
            let item = tag.index(index);
            let nested = item.index(7);
            let key = Key::field(Some(&nested), "Key");
            let expected = format!("Tag.{index}.7.Key");
            assert_eq!(key.render(), expected);
            assert_eq!(key.render().capacity(), expected.len());
            assert_eq!(key.to_string(), expected);
        }
        assert_eq!(Key::field(None, "").render(), "");
        assert_eq!(tag.index(0).render(), "Tag.0");
    }
}
